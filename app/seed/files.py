"""The seed directory read from disk: YAML parsed and shape-checked, texts read exactly."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from app.seed.errors import SeedError
from app.seed.specs import (
    ActorsFile,
    ActorSpec,
    CurationSpec,
    PlacesFile,
    PlaceSpec,
    SourcesFile,
    SourceSpec,
)


@dataclass(frozen=True)
class Curation:
    file: str
    spec: CurationSpec


@dataclass(frozen=True)
class SeedFiles:
    """Everything in a seed directory, validated for shape (not yet for meaning)."""

    root: Path
    sources: list[SourceSpec]
    texts: dict[str, str]
    actors: list[ActorSpec]
    places: list[PlaceSpec]
    curations: list[Curation]

    def name(self, file: str) -> str:
        return f"{self.root.name}/{file}"


M = TypeVar("M", bound=BaseModel)


def _row_label(data: Any, loc: tuple[int | str, ...]) -> str:
    """`events[3] 'slug' (date.edtf)` from a validation error's location."""
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        rows = data.get(loc[0]) if isinstance(data, dict) else None
        row = rows[loc[1]] if isinstance(rows, list) and loc[1] < len(rows) else None
        slug = row.get("slug") if isinstance(row, dict) else None
        label = f"{loc[0]}[{loc[1]}]" + (f" {slug!r}" if isinstance(slug, str) else "")
        rest = loc[2:]
    else:
        label, rest = "top level", loc
    return label + (f" ({'.'.join(str(k) for k in rest)})" if rest else "")


def read_model(path: Path, model: type[M], where: str) -> M:
    """Parse one YAML file into `model`; any problem is a SeedError naming the file and row."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SeedError(where, "file not found") from None
    except yaml.YAMLError as exc:
        raise SeedError(where, f"not valid YAML: {exc}") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [f"{_row_label(data, e['loc'])}: {e['msg']}" for e in exc.errors()[:5]]
        raise SeedError(where, "; ".join(problems)) from None


def read_seed(root: Path) -> SeedFiles:
    """Read and shape-check every file of a seed directory."""
    if not root.is_dir():
        raise SeedError(str(root), "seed directory not found")
    sources = read_model(root / "sources.yaml", SourcesFile, f"{root.name}/sources.yaml")
    texts: dict[str, str] = {}
    for source in sources.sources:
        path = root / source.file
        try:
            # newline="" keeps the text exactly as stored: offsets count its code points.
            with path.open(encoding="utf-8", newline="") as handle:
                texts[source.slug] = handle.read()
        except (FileNotFoundError, UnicodeDecodeError) as exc:
            raise SeedError(f"{root.name}/{source.file}", f"cannot read: {exc}") from None
    actors = read_model(root / "actors.yaml", ActorsFile, f"{root.name}/actors.yaml")
    places = read_model(root / "places.yaml", PlacesFile, f"{root.name}/places.yaml")
    curations = [
        Curation(path.name, read_model(path, CurationSpec, f"{root.name}/{path.name}"))
        for path in sorted(root.glob("curation*.yaml"))
    ]
    if not curations:
        raise SeedError(root.name, "no curation*.yaml file")
    return SeedFiles(root, sources.sources, texts, actors.actors, places.places, curations)
