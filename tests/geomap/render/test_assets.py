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


def test_runtime_source_is_ascii():
    """A script with one character beyond Latin-1 is held by the browser as two-byte
    text: the runtime writes such characters as \\u escapes."""
    from geomap.render.assets import static_text

    assert static_text("geomap.js").isascii()


def test_data_block_escapes_rare_wide_characters_only():
    """The map's data block stays one-byte text when characters beyond Latin-1 are rare
    (the legend's glyphs, a name or two), and keeps them when a text is mostly in another
    script (escaping would grow the file); the JSON means the same either way."""
    import json

    from geomap.render.elements import json_chunks

    english = {"glyphs": {"circle": "\u25cf", "star": "\u2736"},
               "strings": ["Russia's defence ministry: forces took Sudzha \u00b7 report"] * 200
               + ["\U0001f600 and \u0421\u0443\u0434\u0436\u0430"]}
    text = "".join(json_chunks(english))
    assert max(text) <= "\xff" and "\u00b7" in text  # Latin-1 kept, one byte already
    assert json.loads(text) == english
    russian = {"strings": ["\u041c\u0438\u043d\u043e\u0431\u043e\u0440\u043e\u043d\u044b: "
                           "\u0432\u0437\u044f\u0442\u0430 \u0421\u0443\u0434\u0436\u0430"] * 50,
               "n": [1, 2]}
    text = "".join(json_chunks(russian))
    assert "\u0421\u0443\u0434\u0436\u0430" in text
    assert json.loads(text) == russian
