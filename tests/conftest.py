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
