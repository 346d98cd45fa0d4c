"""Paths and settings, each overridable by an environment variable."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DATA_DIR = Path(__file__).parent / "data"
BUNDLE_INDEX = DATA_DIR / "places.gzi"
BUNDLE_POLYGONS = DATA_DIR / "polygons.npz"


def user_index_path() -> Path:
    """Where ``gazetteer import-geonames`` writes by default.

    ``GAZETTEER_USER_INDEX`` overrides it; otherwise it lives in the user's
    cache directory (``~/.cache/gazetteer/user.gzi`` on Linux).
    """
    override = os.environ.get("GAZETTEER_USER_INDEX")
    if override:
        return Path(override)
    return Path(platformdirs.user_cache_dir("gazetteer")) / "user.gzi"
