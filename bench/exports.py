"""Timeline exports at scale: each format of the whole timeline streamed from a real server,
against paging through the JSON list, with the server's peak memory for each.

Run after `python -m bench.generate N`.

Usage: python -m bench.exports   (DATABASE_URL, or the embedded server under PARLEY_DATA_DIR)
"""

import asyncio
import os
import socket
import sys
import time
from pathlib import Path

import httpx

from app.cli import database_url
from app.config import get_settings

FORMATS = ("csv", "jsonl", "ics", "timelinejs")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _rss_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for {pid}")


def _reset_peak(pid: int) -> None:
    """Start the process's peak RSS (VmHWM) again from its current RSS (Linux 4.0+)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


async def _ready(client: httpx.AsyncClient) -> None:
    for _ in range(300):
        try:
            if (await client.get("/readyz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise RuntimeError("the server did not start")


async def _export(client: httpx.AsyncClient, format: str) -> tuple[float, float, int, int]:
    started = time.perf_counter()
    first = None
    size = lines = 0
    async with client.stream("GET", "/v1/timeline", params={"format": format}) as response:
        assert response.status_code == 200, response.status_code
        async for chunk in response.aiter_raw():
            if first is None:
                first = time.perf_counter() - started
            size += len(chunk)
            lines += chunk.count(b"\n")
    return first or 0.0, time.perf_counter() - started, size, lines


async def _paged(client: httpx.AsyncClient) -> tuple[float, int, int]:
    started = time.perf_counter()
    entries = pages = 0
    cursor = None
    while True:
        params = {"limit": "200", **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/v1/timeline", params=params)).json()
        entries += len(page["items"])
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            return time.perf_counter() - started, entries, pages


async def main() -> None:
    settings = get_settings()
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(settings),
        "PORT": str(port),
        "PARLEY_CACHE_MB": "0",
        "PARLEY_REQUEST_TIMEOUT_S": "60",
        "PARLEY_LOG_LEVEL": "warning",
    }
    server = await asyncio.create_subprocess_exec(sys.executable, "-m", "app.cli", "serve", env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        async with httpx.AsyncClient(base_url=base, timeout=600) as client:
            await _ready(client)
            await client.get("/v1/timeline", params={"limit": "50"})
            idle = _rss_mb(server.pid, "VmRSS")
            print(f"server idle: {idle:.0f} MB RSS")
            for format in FORMATS:
                _reset_peak(server.pid)
                first, took, size, lines = await _export(client, format)
                peak = _rss_mb(server.pid, "VmHWM")
                print(
                    f"format={format:<10} first byte {first * 1000:6.0f} ms, whole "
                    f"{took:6.1f} s, {size / 1e6:7.1f} MB, {lines:8d} lines, "
                    f"{size / 1e6 / took:5.1f} MB/s, server peak {peak:.0f} MB "
                    f"(+{peak - idle:.0f})"
                )
            _reset_peak(server.pid)
            took, entries, pages = await _paged(client)
            peak = _rss_mb(server.pid, "VmHWM")
            print(
                f"JSON pages of 200: {entries} entries in {pages} pages, {took:.1f} s, "
                f"server peak {peak:.0f} MB (+{peak - idle:.0f})"
            )
    finally:
        server.terminate()
        await asyncio.wait_for(server.wait(), 30)


if __name__ == "__main__":
    asyncio.run(main())
