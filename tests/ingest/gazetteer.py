"""The seed's gazetteers as the ingester sees them, read from seed_data/ without a database."""

from functools import cache

import yaml

from app.ingest.names import Entry
from app.seed.loader import default_seed_dir


def _entries(name: str, section: str) -> list[Entry]:
    data = yaml.safe_load((default_seed_dir() / name).read_text(encoding="utf-8"))
    return [
        Entry(e["slug"], e["name"], e["kind"], tuple(e.get("aliases", [])), e.get("country_code"))
        for e in data[section]
    ]


@cache
def actors() -> list[Entry]:
    return _entries("actors.yaml", "actors")


@cache
def places() -> list[Entry]:
    return _entries("places.yaml", "places")
