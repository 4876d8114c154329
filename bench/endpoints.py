"""The hot endpoints a load run measures, fitted to the data it finds."""

import datetime as dt
from dataclasses import dataclass, replace

import asyncpg
import httpx

from app.events.service import KEYSET as EVENTS_KEYSET
from bench.results import Endpoint

FIRST_PAGES = {"events": "/v1/events?limit=50", "timeline": "/v1/timeline?limit=50"}
"""The pages measured against the references (pgbench, the lean handler, the floor)."""
EXPORT_BYTES = 300_000
"""About what the CSV export's date window is sized to return."""
STATS_DAYS = 7
"""The exchange statistics' window: a week by day, as a dashboard's chart asks for them (the
body lists the slug of every exchange it adds: over the whole history at 1M generated events,
300,000 exchanges, it is 28 MB; over 30 days, 1.6 MB)."""
SEARCH_WORDS = "exchange"


@dataclass(frozen=True)
class Survey:
    """The data's scale, and places in it the endpoints point at."""

    server_version: str
    events: int
    claims: int
    outcomes: int
    common_type: str
    rare_type: str
    """The least common event type in the 30 days up to `recent`: the CSV export lists one
    type, so that a window of whole days can hold about EXPORT_BYTES at every scale (a day of
    every type is 5.5 MB at 1M)."""
    deep: tuple[dt.date, int]
    """The (date_start, id) of the event 90% of the way down the newest-first list."""
    recent: dt.date
    """The date 10% of the way down."""
    window: tuple[dt.date, dt.date]
    """Dates 60% and 40% of the way down: a filter keeping a fifth of the events."""
    unanalyzed: list[str]
    """Tables of some size never analyzed: plans over them rest on default estimates."""

    @property
    def scale(self) -> dict[str, int]:
        return {"events": self.events, "claims": self.claims, "outcomes": self.outcomes}


async def survey(url: str) -> Survey:
    connection = await asyncpg.connect(url)
    try:
        events = await connection.fetchval("SELECT count(*) FROM events")
        if not events:
            raise SystemExit("no events to measure: fill the database first (bench/README.md)")

        async def at(share: float) -> asyncpg.Record:
            return await connection.fetchrow(
                "SELECT date_start, id FROM events ORDER BY date_start DESC, id DESC "
                "OFFSET $1 LIMIT 1",
                min(events - 1, int(events * share)),
            )

        deep = await at(0.9)
        recent = (await at(0.1))["date_start"]
        return Survey(
            server_version=await connection.fetchval("SHOW server_version"),
            events=events,
            claims=await connection.fetchval("SELECT count(*) FROM territorial_claims"),
            outcomes=await connection.fetchval("SELECT count(*) FROM outcomes"),
            common_type=await connection.fetchval(
                "SELECT type FROM events GROUP BY type ORDER BY count(*) DESC LIMIT 1"
            ),
            rare_type=await connection.fetchval(
                "SELECT type FROM events WHERE date_start BETWEEN $1::date - 29 AND $1 "
                "GROUP BY type ORDER BY count(*), type LIMIT 1",
                recent,
            ),
            deep=(deep["date_start"], deep["id"]),
            recent=recent,
            window=((await at(0.6))["date_start"], (await at(0.4))["date_start"]),
            unanalyzed=[
                row["relname"]
                for row in await connection.fetch(
                    "SELECT relname FROM pg_stat_user_tables WHERE n_live_tup >= 1000 "
                    "AND last_analyze IS NULL AND last_autoanalyze IS NULL ORDER BY relname"
                )
            ],
        )
    finally:
        await connection.close()


def endpoints(survey: Survey, client: httpx.Client) -> list[Endpoint]:
    """Every hot endpoint, with paths and headers made from the data and a running Parley
    (`client`): each is requested once, and must answer as it will under load."""
    first = client.get(FIRST_PAGES["events"])
    first.raise_for_status()
    deep_cursor = EVENTS_KEYSET.encode(list(survey.deep))
    deep_path = f"/v1/events?limit=50&cursor={deep_cursor}"
    deep = client.get(deep_path)
    deep.raise_for_status()
    items = deep.json()["items"]
    if not items:
        raise RuntimeError(f"the deep page is empty: {deep_path}")
    since, until = survey.window
    found = [
        Endpoint("events page 1", FIRST_PAGES["events"], "events"),
        Endpoint("timeline page 1", FIRST_PAGES["timeline"], "timeline"),
        Endpoint("events deep page", deep_path, "events"),
        Endpoint(
            "events type+dates",
            f"/v1/events?type={survey.common_type}&from={since}&to={until}&limit=50",
            "events",
        ),
        Endpoint("search", f"/v1/search?q={SEARCH_WORDS}&limit=50", "events"),
        Endpoint("event detail", f"/v1/events/{items[0]['id']}", "events"),
        Endpoint("stats by day", stats_path(survey), "timeline"),
        Endpoint("timeline CSV", export_path(survey, client), "timeline"),
        Endpoint(
            "events 304",
            FIRST_PAGES["events"],
            "events",
            headers=(("If-None-Match", first.headers["etag"]),),
            status=304,
        ),
    ]
    return [checked(endpoint, client) for endpoint in found]


def stats_path(survey: Survey) -> str:
    since = survey.recent - dt.timedelta(days=STATS_DAYS - 1)
    return f"/v1/stats/exchanges?period=day&from={since}&to={survey.recent}"


def export_path(survey: Survey, client: httpx.Client, probe_days: int = 30) -> str:
    """A CSV export of the timeline's events of one type over a date window sized to about
    EXPORT_BYTES."""

    def path(days: int) -> str:
        since = survey.recent - dt.timedelta(days=days - 1)
        window = f"from={since}&to={survey.recent}"
        return f"/v1/timeline?format=csv&type={survey.rare_type}&{window}"

    probe = client.get(path(probe_days))
    probe.raise_for_status()
    days = round(probe_days * EXPORT_BYTES / max(len(probe.content), 1))
    return path(max(1, min(days, 3650)))


def checked(endpoint: Endpoint, client: httpx.Client) -> Endpoint:
    response = client.get(endpoint.path, headers=dict(endpoint.headers))
    if response.status_code != endpoint.status:
        raise RuntimeError(
            f"{endpoint.name}: {endpoint.path} answered {response.status_code}, "
            f"not {endpoint.status}: {response.text[:500]}"
        )
    return replace(endpoint, body_bytes=len(response.content))
