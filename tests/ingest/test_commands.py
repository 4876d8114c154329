"""`parley ingest` and `parley ingest-eval` from the command line, on a database of their own."""

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest
import yaml

from app.cli import main
from app.seed.loader import default_seed_dir
from tests.dbserver import PgServer

Run = Callable[..., tuple[int, str]]
HERE = Path(__file__).parent
SEED = default_seed_dir() / "2025-05-23-pravda-ru-prisoner-exchange.txt"


@pytest.fixture
def parley(
    pg_server: PgServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Run]:
    """`parley ARGS…` run as the command line does, on a seeded database; its exit code and
    what it printed."""
    name = pg_server.create_database("parley_ingest_cli")
    monkeypatch.setenv("DATABASE_URL", pg_server.url_for(name))
    from app.config import get_settings

    get_settings.cache_clear()

    def run(*argv: str) -> tuple[int, str]:
        results: list[int] = []
        thread = threading.Thread(target=lambda: results.append(main(list(argv))))
        thread.start()
        thread.join()
        return results[0], capsys.readouterr().out

    try:
        assert run("seed")[0] == 0
        yield run
    finally:
        get_settings.cache_clear()
        pg_server.drop_database(name)


def test_ingest_prints_candidates_as_json_and_the_seed_as_citations(parley: Run) -> None:
    code, out = parley("ingest", str(SEED), "--published", "2025-05-23", "--json")
    assert code == 0
    proposal = orjson.loads(out)
    text = SEED.read_text("utf-8")
    assert proposal["candidates"]
    for candidate in proposal["candidates"]:
        assert candidate["match"] is not None
        quote = candidate["quote"]
        assert text[quote["start"] : quote["end"]] == quote["text"]
        assert set(candidate) >= {
            "kind",
            "type",
            "date",
            "figures",
            "actors",
            "places",
            "speaker",
            "flags",
        }
    friday = next(c for c in proposal["candidates"] if "Friday, March 23" in c["quote"]["text"])
    assert friday["date"]["edtf"] == "2025-03-23"
    assert any(f["kind"] == "discrepancy" and "Friday" in f["detail"] for f in friday["flags"])


def test_ingest_writes_new_candidates_as_a_curation_file(parley: Run, tmp_path: Path) -> None:
    article = HERE / "articles" / "2025-06-17-bodies.txt"
    out = tmp_path / "curation-bodies.yaml"
    code, _ = parley(
        "ingest", str(article), "--published", "2025-06-17", "--title", "Bodies", "--yaml", str(out)
    )
    assert code == 0
    curation = yaml.safe_load(out.read_text("utf-8"))
    assert curation["source"] == "pravda-ru-2025-06-17-bodies"
    assert curation["events"] and {e["status"] for e in curation["events"]} == {"draft"}
    assert "sha256:" in out.read_text("utf-8")


def test_ingest_eval_scores_a_directory_and_fails_below_the_bar(
    parley: Run, tmp_path: Path
) -> None:
    code, out = parley("ingest-eval", str(HERE / "articles"))
    assert code == 0, out
    assert "recall" in out and "precision" in out

    article = (HERE / "articles" / "2025-05-26-staged-exchange.txt").read_text("utf-8")
    (tmp_path / "probe.txt").write_text(article, encoding="utf-8")
    (tmp_path / "probe.yaml").write_text(
        "published: 2025-05-26\nactors: [someone-never-named]\n", encoding="utf-8"
    )
    code, out = parley("ingest-eval", str(tmp_path))
    assert code == 1 and "below the bar" in out
