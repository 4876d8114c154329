"""The TimelineJS export, rendered by TimelineJS 3 itself in headless Chromium.

A newsroom page on one loopback server fetches the export from Parley on another, across
origins (so CORS is exercised too); nothing may be loaded from anywhere else.
"""

import html
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx
from fastapi import FastAPI
from playwright.async_api import Route, async_playwright
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Mount
from starlette.routing import Route as PageRoute
from starlette.staticfiles import StaticFiles

from app.seed.loader import SeedReport
from tests.browser import CHROMIUM_FLAGS, SCREENSHOTS, TIMELINEJS, chromium
from tests.serving import app_like, served

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Parley timeline</title>
<link rel="stylesheet" href="/timelinejs/css/timeline.css"></head>
<body style="margin:0">
<div id="timeline" style="width:100%;height:640px"></div>
<script src="/timelinejs/js/timeline.js"></script>
<script>
  window.ready = false;
  const source = new URLSearchParams(location.search).get("export");
  window.timeline = new TL.Timeline("timeline", source, {
    hash_bookmark: false,
    font: null,
    script_path: location.origin + "/timelinejs/js/",
  });
  window.timeline.on("loaded", () => { window.ready = true; });
</script></body></html>"""


def newsroom_page(dist: Path) -> Starlette:
    async def page(_: object) -> HTMLResponse:
        return HTMLResponse(PAGE)

    return Starlette(
        routes=[PageRoute("/", page), Mount("/timelinejs", StaticFiles(directory=dist))]
    )


async def test_timelinejs_renders_every_entry(
    app: FastAPI, client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    browser_path = chromium()
    dist = TIMELINEJS.unpacked() / "dist"
    errors: list[str] = []
    foreign: list[str] = []
    async with (
        served(newsroom_page(dist)) as page_origin,
        app_like(app, cors_origins=page_origin) as allowing,
        served(allowing) as parley,
        async_playwright() as playwright,
    ):
        browser = await playwright.chromium.launch(
            executable_path=browser_path, args=CHROMIUM_FLAGS
        )
        try:
            page = await browser.new_page(viewport={"width": 1280, "height": 800})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))

            async def only_loopback(route: Route) -> None:
                url = urlsplit(route.request.url)
                if f"{url.scheme}://{url.netloc}" in (page_origin, parley):
                    await route.continue_()
                else:
                    foreign.append(route.request.url)
                    await route.abort()

            await page.route("**/*", only_loopback)
            export = f"{parley}/v1/timeline?format=timelinejs&sort=asc"
            await page.goto(f"{page_origin}/?{urlencode({'export': export})}")
            await page.wait_for_function("window.ready === true", timeout=30_000)
            shown = await page.locator(".tl-slide-content .tl-headline").all_inner_texts()
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            await page.screenshot(path=SCREENSHOTS / "timelinejs.png")
            await page.evaluate("window.timeline.goTo(1)")
            await page.wait_for_timeout(1500)  # the slide's transition
            await page.screenshot(path=SCREENSHOTS / "timelinejs-first-entry.png")
        finally:
            await browser.close()

    document = (await client.get("/v1/timeline", params={"format": "timelinejs"})).json()
    listed = (await client.get("/v1/timeline", params={"limit": 200})).json()["items"]
    expected = [html.unescape(slide["text"]["headline"]) for slide in document["events"]]
    assert len(expected) == len(listed) == 19 + 5 + 4  # events, claim groups, outcomes
    title = document["title"]["text"]["headline"]
    assert sorted(h.strip() for h in shown) == sorted([title, *expected])
    assert errors == []
    assert foreign == []
