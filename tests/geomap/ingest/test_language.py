"""Language per article: declared values win, else offline detection (lingua); mixed,
unsupported and transliterated texts are reported, never silently read as nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from geomap.extract import extract
from geomap.ingest.corpus import iter_corpus
from geomap.ingest.language import article_language, detect_language, normalise_code

RU = "Подразделения группировки войск «Север» освободили населённый пункт Горналь."
UK = "Сили оборони відбили дванадцять атак поблизу Покровська, повідомив Генштаб."
EN = "Ukrainian forces repelled twelve attacks near Pokrovsk, the General Staff said."


@pytest.mark.parametrize(("text", "code"), [(RU, "ru"), (UK, "uk"), (EN, "en")])
def test_detects_each_language(text, code):
    verdict = detect_language(text)
    assert (verdict.code, verdict.status) == (code, "detected")


@pytest.mark.parametrize(("value", "code"), [("ru", "ru"), ("RU-ru", "ru"), ("ua", "uk"),
                                             ("Ukrainian", "uk"), ("English", "en"),
                                             ("русский", "ru"), ("", None), (None, None)])
def test_declared_codes(value, code):
    assert normalise_code(value) == code


def test_mixed_article_is_read_in_its_main_language_with_a_warning():
    verdict = detect_language(f"{RU} {RU}\n\n{EN}")
    assert verdict.status == "mixed" and verdict.code == "ru"
    assert "mixed languages" in verdict.warning()


def test_unsupported_and_transliterated_are_reported():
    german = detect_language("Die Truppen haben das Dorf in der Nacht angegriffen.")
    assert german.status == "unsupported" and not german.analysable
    translit = detect_language("VSU otstupili iz Sudzhi, soobshchil minoborony v sredu.")
    assert translit.status == "unsupported" and "transliterated" in translit.detail
    declared = article_language("fr", RU)
    assert declared.status == "unsupported"


def test_language_read_from_manifest_front_matter_and_jsonl(tmp_path):
    (tmp_path / "a.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "b.md").write_text(f"---\nlanguage: uk\npublished: 2025-03-13\n---\n{UK}",
                                   encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,published,language\na.txt,2025-03-13,ru\n",
                                           encoding="utf-8")
    langs = {a.doc_id: a.language for a in iter_corpus(tmp_path)}
    assert langs == {"a": "ru", "b": "uk"}
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "x", "text": UK, "language": "ua"}) + "\n",
                    encoding="utf-8")
    assert [a.language for a in iter_corpus(feed)] == ["ua"]


def test_extract_reports_unsupported_articles_and_keeps_the_others(tmp_path):
    (tmp_path / "ru.txt").write_text(RU + " Бои идут у Суджи Курской области.",
                                     encoding="utf-8")
    (tmp_path / "de.txt").write_text("Die Truppen haben das Dorf in der Nacht angegriffen.",
                                     encoding="utf-8")
    (tmp_path / "tr.txt").write_text("VSU otstupili iz Sudzhi, soobshchil minoborony v sredu.",
                                     encoding="utf-8")
    claims, _ = extract(tmp_path, published=dt.date(2025, 3, 13))
    summary = claims.attrs["summary"]
    assert summary.languages == {"de": "unsupported", "ru": "detected", "tr": "unsupported"}
    assert any("de.txt" in m and "no claims extracted" in m for m in summary.messages)
    assert any("tr.txt" in m and "transliterated" in m for m in summary.messages)
    assert set(claims["language"]) == {"ru"} and len(claims) >= 2
    assert "en_core" not in summary.pipeline  # a Russian corpus never loads spaCy


@pytest.mark.parametrize(("text", "code"), [
    # short English full of place names: lingua's trigrams alone read these as French
    ("Russian forces captured Novotroitske, edging closer to Pokrovsk.", "en"),
    ("Russia claims capture of Novotroitske", "en"),
    ("Kyiv did not confirm the capture of Novotroitske.", "en"),
    # short texts of the other Latin-script languages stay theirs
    ("Les forces russes ont pris le village de Novotroitske.", "fr"),
    ("Die russische Armee hat das Dorf eingenommen.", "de"),
    ("Las tropas rusas tomaron el pueblo de Novotroitske.", "es"),
])
def test_short_latin_paragraphs_by_their_function_words(text, code):
    assert detect_language(text).code == code
