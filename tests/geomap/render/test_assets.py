"""Map assets are found through geomap.settings, never from the repository layout."""

from __future__ import annotations

import pytest

from geomap import settings
from geomap.exc import MissingAssetError
from geomap.render.assets import LEAFLET_JS, asset_path, node_modules


def test_assets_folder_follows_the_setting(monkeypatch, tmp_path):
    monkeypatch.setenv("GEOMAP_ASSETS", str(tmp_path))
    assert node_modules() == tmp_path
    monkeypatch.delenv("GEOMAP_ASSETS")
    assert node_modules() == settings.VENDORED_ASSETS
    assert node_modules() == settings.assets_dir()


def test_a_missing_asset_names_make_assets(monkeypatch, tmp_path):
    monkeypatch.setenv("GEOMAP_ASSETS", str(tmp_path / "nothing"))
    with pytest.raises(MissingAssetError, match="make assets") as error:
        asset_path(LEAFLET_JS)
    assert str(tmp_path / "nothing") in str(error.value)
