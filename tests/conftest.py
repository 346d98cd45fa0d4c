"""Shared fixtures. Tests that read ../shared fail with a clear message when it is missing."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def shared_path() -> Path:
    """``$GEOMAP_SHARED`` or ``../shared`` beside the repository."""
    return Path(os.environ.get("GEOMAP_SHARED") or REPO.parent / "shared").resolve()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data folder; fails (never skips) when it is missing."""
    path = shared_path()
    if not (path / "README.md").is_file():
        pytest.fail(
            f"this test reads the shared data folder, expected at {path} "
            "(../shared beside the repository, or set GEOMAP_SHARED)", pytrace=False)
    return path


@pytest.fixture(scope="session")
def gaz():
    """The default gazetteer (bundled index; no user index)."""
    from gazetteer import Gazetteer

    return Gazetteer.default()


@pytest.fixture(autouse=True)
def _no_user_index(monkeypatch, tmp_path_factory):
    """Keep tests away from the user's real index and cache."""
    monkeypatch.setenv("GAZETTEER_USER_INDEX",
                       str(tmp_path_factory.getbasetemp() / "no-user-index.gzi"))


@pytest.fixture(scope="session")
def cli_exe() -> list[str]:
    """The installed ``gazetteer`` console script."""
    exe = Path(sys.executable).parent / "gazetteer"
    assert exe.exists(), f"console script missing at {exe}: run make install"
    return [str(exe)]


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = REPO / "test-artifacts"


def page_texts(html: str) -> str:
    """A written map's page with its texts block (deflated, base64) as the JSON the
    browser decodes: for tests that look for an article's text in a map."""
    import json
    import re

    from geomap.render.elements import read_details

    return re.sub(r'(data-encoding="deflate-base64"[^>]*>)([A-Za-z0-9+/=]*)(</script>)',
                  lambda m: m.group(1) + json.dumps(read_details(m.group(2)),
                                                    ensure_ascii=False) + m.group(3), html)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium and chromium-driver "
                    "(.ci/run does)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def seed_claims(shared):
    """Claims extracted from the seed articles in ../shared (real pipeline)."""
    from geomap.extract import extract

    seeds = shared / "corpus" / "seeds"
    return extract(seeds, manifest=seeds / "manifest.csv")[0]


class Opened:
    """A map opened in Chromium: the page, its console errors and the requests refused.

    Every request that is not a local file is refused (and recorded), except, with
    ``serve_assets``, the CDN assets answered from the npm copies.
    """

    def __init__(self, browser, path, *, serve_assets: bool, init_script: str | None = None):
        self.errors: list[str] = []
        self.refused: list[str] = []
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        if init_script:  # run in the page before any of its own scripts
            self.page.add_init_script(init_script)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route(serve_assets))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.geomap !== undefined")
        self.page.wait_for_load_state("networkidle")

    def _route(self, serve_assets: bool):
        from geomap.render.assets import ASSETS, asset_path

        def handle(route):
            url = route.request.url
            if url.startswith("file:"):
                return route.continue_()
            if serve_assets and url in ASSETS:
                return route.fulfill(path=str(asset_path(url)))
            self.refused.append(url)
            return route.abort()
        return handle

    def visible(self) -> set[str]:
        return set(self.page.evaluate("window.geomap.visibleClaimIds()"))

    def click_claim(self, lat: float, lon: float) -> None:
        x, y = self.page.evaluate(
            "([lat, lon]) => { const map = window.geomap.map;"
            " map.setView([lat, lon], 10, {animate: false});"
            " const p = map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }", [lat, lon])
        box = self.page.locator(".folium-map").bounding_box()
        self.page.mouse.click(box["x"] + x, box["y"] + y)
        self.page.wait_for_selector(".geomap-popup")
