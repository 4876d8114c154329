"""What browser tests need: Debian's Chromium, and front-end packages from the npm registry.

Chromium is installed by `make browser` (which `.ci/run` calls). Where it is missing a browser
test is skipped, except under `CI=true`, where a missing browser fails the run.
"""

import base64
import hashlib
import io
import os
import shutil
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from tests import required

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "npm"
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM_FLAGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def unavailable(reason: str) -> NoReturn:
    required.unavailable(reason, install="make browser")


def chromium() -> str:
    path = os.environ.get("PARLEY_CHROMIUM") or shutil.which("chromium")
    if path is None:
        unavailable("Chromium is not installed")
    assert path is not None
    return path


@dataclass(frozen=True)
class NpmPackage:
    """A package from the npm registry, pinned to the exact tarball its integrity names."""

    name: str
    version: str
    integrity: str

    @property
    def tarball(self) -> str:
        base = self.name.rsplit("/", 1)[-1]
        return f"https://registry.npmjs.org/{self.name}/-/{base}-{self.version}.tgz"

    def unpacked(self) -> Path:
        """The package's files, fetched and checked once, then kept under `.cache/`."""
        folder = CACHE / f"{self.name.replace('/', '+')}-{self.version}"
        if (folder / "package.json").exists():
            return folder
        try:
            with urllib.request.urlopen(self.tarball, timeout=60) as response:
                data = response.read()
        except OSError as error:
            unavailable(f"cannot fetch {self.tarball}: {error}")
        algorithm, digest = self.integrity.split("-", 1)
        actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
        assert actual == digest, f"{self.tarball} does not match its pinned integrity"
        partial = folder.parent / (folder.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            if hasattr(tarfile, "data_filter"):
                archive.extractall(partial, filter="data")
            else:  # Python before 3.11.4: the integrity check above vouches for the archive
                archive.extractall(partial)
        partial.joinpath("package").rename(folder)
        partial.rmdir()
        return folder


TIMELINEJS = NpmPackage(
    "@knight-lab/timelinejs",
    "3.9.11",
    "sha512-+jUuY1OJ+9zSO5O3AfYSLd1yB0vQkm22zyIElz8BWT5DQ9mL0rsxlQkBKAqLbWpJjFuAAJeqzLY35xFIg6GW4g==",
)
