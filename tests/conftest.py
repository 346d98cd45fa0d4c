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
