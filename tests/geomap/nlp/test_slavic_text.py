"""Bad input in Russian and Ukrainian posts: repaired or reported, offsets kept, no crash."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.extract import Extractor
from geomap.nlp.slavic.text import repair, sentences
from tests.geomap.nlp.slavic_cases import run


def test_homoglyphs_repaired_in_place():
    text = "Бои у Сyджи и в Kурске."  # Latin y, Latin K
    fixed, notes = repair(text)
    assert len(fixed) == len(text)
    assert "Суджи" in fixed and "Курске" in fixed
    assert "Latin look-alike letters replaced in 2 word(s)" in notes[0]


def test_mixed_script_word_without_twins_is_left_and_reported():
    fixed, notes = repair("Удар по Суджаwqz.")
    assert "Суджаwqz" in fixed and "left as it is" in notes[0]


def test_telegram_markup_blanked_with_offsets_kept():
    text = "**Срочно** ⚡️ __#Суджа__: бои https://t.me/x/1 ~~нет~~ ||да||"
    fixed, _ = repair(text)
    assert len(fixed) == len(text)
    for gone in ("**", "__", "#", "https", "~~", "||"):
        assert gone not in fixed
    assert fixed.index("Суджа") == text.index("Суджа")


def test_lists_over_lines_stay_one_sentence():
    text = "Отражены атаки в районах:\nГуево,\nПлехово.\nИдут бои."
    assert [s.text for s in sentences(text)] == ["Отражены атаки в районах:\nГуево,\nПлехово.",
                                                 "Идут бои."]


@pytest.mark.parametrize("text", ["🔥🔥🔥", "https://t.me/x", "#####", "…", "А" * 5000,
                                  "ЗСУ ЗСУ ЗСУ", "Suджа Sudzha Суджа", "\u200b\u200bСуджа"])
def test_odd_posts_never_crash(gaz, text):
    rows = run(Extractor(gazetteer=gaz), text, "ru", dt.date(2025, 3, 13))
    assert isinstance(rows, list)


def test_offsets_point_into_the_original(gaz):
    text = "⚡️ **Минобороны России**: освобождён населённый пункт Гoрналь."  # Latin o
    rows = run(Extractor(gazetteer=gaz), text, "ru", dt.date(2025, 3, 13))
    row = next(r for r in rows if r["place_label"] == "Gornal")
    assert text[row["place_start"]:row["place_end"]] == "Гoрналь"
    assert row["claimant"] == "Минобороны России"
