"""A mixed corpus (English seeds, Russian and Ukrainian posts written here) builds one store
and one map that opens offline in Chromium with claims from all three languages and
Cyrillic popups."""

from __future__ import annotations

import shutil

from tests.conftest import Opened

RU_POST = ("Подразделения группировки войск «Север» освободили населённый пункт Горналь "
           "Курской области.\n")
UK_POST = ("Генштаб ЗСУ: упродовж минулої доби Сили оборони відбили 12 атак в районі "
           "населених пунктів Покровськ та Мирноград.\n")
DE_POST = "Die Truppen haben heute das Dorf angegriffen, meldete die Agentur am Morgen.\n"


def test_mixed_corpus_one_store_one_map(shared, tmp_path, browser):
    from geomap.build import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = shared / "corpus" / "seeds"
    shutil.copy(seeds / "001_f5a8f82442a0cbcc.txt", corpus / "en.txt")
    (corpus / "ru.txt").write_text(RU_POST, encoding="utf-8")
    (corpus / "uk.txt").write_text(UK_POST, encoding="utf-8")
    (corpus / "de.txt").write_text(DE_POST, encoding="utf-8")
    (corpus / "manifest.csv").write_text(
        "file,published,publisher,language\nen.txt,2024-08-13,,en\n"
        "ru.txt,2025-03-13,Минобороны России,\nuk.txt,2025-03-13,,\nde.txt,2025-03-13,,\n",
        encoding="utf-8")
    out = tmp_path / "map.html"
    build(corpus, output=out, offline=True)
    import geopandas as gpd

    claims = gpd.read_file(tmp_path / "map.gpkg", layer="claims")
    assert set(claims["language"].dropna()) == {"en", "ru", "uk"}
    opened = Opened(browser, out, serve_assets=False)
    assert not opened.errors and not opened.refused
    gornal = claims[claims["place_label"] == "Gornal"].iloc[0]
    opened.click_claim(gornal.geometry.y, gornal.geometry.x)
    popup = opened.page.locator(".geomap-popup").inner_text()
    assert "Горналь" in popup, popup
    mark = opened.page.locator(".geomap-popup mark").first.inner_text()
    assert mark == "Горналь"
    shown = opened.visible()
    ru_ids = set(claims.loc[claims["language"] == "ru", "claim_id"])
    assert ru_ids and ru_ids <= shown
    opened.page.locator('.geomap-language-filter input[data-language="ru"]').uncheck()
    after = opened.visible()
    assert not (after & ru_ids) and after == shown - ru_ids
    opened.page.locator('.geomap-language-filter input[data-language="ru"]').check()
    assert opened.visible() == shown
    assert not opened.errors
    opened.page.close()
