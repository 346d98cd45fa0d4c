"""Rules of session 9 (issue 12, a ninth set of LONG articles) for what reports_long.json showed.

Every sentence here is written for these tests; none is copied from an article nor from
the benchmark sets (other villages, other phrasings). Conventions (claimant, side, event,
place, day) as in ``test_session4_rules.py``; English texts are published on Friday
2025-03-14 by Reuters, Russian/Ukrainian ones on Thursday 2025-03-13.
"""

from __future__ import annotations

from tests.geomap.nlp import slavic_cases
from tests.geomap.nlp.slavic_cases import got as _got
from tests.geomap.nlp.slavic_cases import run
from tests.geomap.nlp.test_reporting import _show
from tests.geomap.nlp.test_session4_rules import PUB

extractor = slavic_cases.extractor  # the shared fixture


def _rows(rows) -> list[tuple]:
    return sorted((r["claimant_side"], r["event_type"], r["place_name"], r["kind"])
                  for r in rows)


# --- places: a hyphenated bearing, coordinated axes --------------------------------------

def test_a_hyphenated_bearing_after_a_name_makes_an_anchor(analyse):
    _, claims = analyse("Russia's defence ministry said on Tuesday that its troops had "
                        "captured Pishchane, south-west of Kupiansk.")
    assert _got(claims) == [("RU", "control", "Pishchane")], _show(claims)


def test_a_hyphenated_bearing_in_an_apposition_makes_an_anchor(analyse):
    _, claims = analyse("Russia's defence ministry said on Tuesday that its troops had "
                        "captured Pishchane, a small village north-west of Kupiansk.")
    assert _got(claims) == [("RU", "control", "Pishchane")], _show(claims)


def test_a_hyphenated_bearing_alone_keeps_its_bearing(analyse):
    mentions, _ = analyse("Russian troops advanced 5 km north-west of Kupiansk on Tuesday, "
                          "the ministry said.")
    kupiansk = [m for m in mentions if m.span.text == "Kupiansk"]
    assert kupiansk and kupiansk[0].span.bearing == 315.0, [
        (m.span.text, m.span.bearing) for m in mentions]


def test_names_before_plural_axis_words_are_axes(analyse):
    _, claims = analyse("Russian forces made gains in the Kupiansk and Lyman directions on "
                        "Tuesday, ISW said.")
    assert not claims, _show(claims)
    _, claims = analyse("Russian forces made gains near Kupiansk and Lyman on Tuesday, ISW "
                        "said.")
    assert _got(claims) == [("INDEPENDENT", "advance", "Kupiansk"),
                            ("INDEPENDENT", "advance", "Lyman")], _show(claims)


# --- hypotheticals and plans --------------------------------------------------------------

def test_a_condition_is_no_claim_nor_are_its_places_anyone_elses(analyse):
    _, claims = analyse("If Russian troops take Kupiansk, they could threaten Izium, a "
                        "Finnish analyst said.")
    assert not claims, _show(claims)
    _, claims = analyse("Russian troops took Kupiansk on Tuesday, a Finnish analyst said.")
    assert _got(claims) == [("INDEPENDENT", "control", "Kupiansk")], _show(claims)


def test_a_plan_reaches_the_clause_after_before(analyse):
    _, claims = analyse("ISW assessed on Tuesday that Russian forces intend to capture "
                        "Siversk before advancing on Sloviansk.")
    assert not claims, _show(claims)


def test_rather_than_shares_the_plan(analyse):
    _, claims = analyse("Analysts said on Tuesday that Moscow wants to encircle Lyman "
                        "rather than storm it.")
    assert not claims, _show(claims)


def test_no_progress_is_no_advance(analyse):
    _, claims = analyse("Negotiators reported no progress towards a truce in Geneva on "
                        "Tuesday.")
    assert not claims, _show(claims)


def test_a_place_of_a_negated_clause_takes_no_other_trigger(analyse):
    _, claims = analyse("Ukrainian troops liberated Klishchiivka on Tuesday but never broke "
                        "through near Horlivka.")
    assert _got(claims) == [("INDEPENDENT", "control", "Klishchiivka")], _show(claims)


# --- summaries, history ------------------------------------------------------------------

def test_a_later_summary_folds_into_the_attributed_claim(analyse):
    _, claims = analyse("Kharkiv governor Oleh Syniehubov said Russian drones struck Chuhuiv "
                        "on Tuesday.\n\nThe main events of the day:\n\n- Russian drones "
                        "struck Chuhuiv.")
    assert _got(claims) == [("UA", "strike", "Chuhuiv")], _show(claims)


def test_a_named_place_that_fell_was_captured(analyse):
    _, claims = analyse("Marinka fell to Russian troops in December 2023 after a long siege.")
    assert [(c.event_type, c.mention.span.text, c.kind) for c in claims] == [
        ("control", "Marinka", "background")], _show(claims)
    _, claims = analyse("Russian guns pounded Kurakhove, which fell in January.")
    assert ("control", "Kurakhove") in [(c.event_type, c.mention.span.text)
                                         for c in claims], _show(claims)


def test_debris_that_fell_captured_nothing(analyse):
    _, claims = analyse("Debris fell on a school in Kharkiv on Tuesday, the mayor said.")
    assert "control" not in [c.event_type for c in claims], _show(claims)


def test_two_histories_of_one_place_stay_two(analyse):
    _, claims = analyse("Ukrainian troops captured Sudzha in August 2024. Russia said it "
                        "retook Sudzha in October 2024.")
    assert sorted((c.claimant_side, c.event_type, c.kind) for c in claims) == [
        ("INDEPENDENT", "control", "background"), ("RU", "control", "background")], \
        _show(claims)


def test_crossed_into_a_region_is_an_advance(analyse):
    _, claims = analyse("Russian troops first crossed into the Kharkiv region in May 2024.")
    assert [(c.event_type, c.kind) for c in claims] == [("advance", "background")], \
        _show(claims)


# --- Russian and Ukrainian long reads -----------------------------------------------------

def test_slavic_reminder_is_the_outlets_background(extractor):
    rows = run(extractor, "Напомним, что в мае 2024 года российские войска вошли в "
               "Волчанск.", "ru", PUB, source="Медуза")
    assert _rows(rows) == [("INDEPENDENT", "advance", "Волчанск", "background")], rows


def test_slavic_month_and_year_make_background(extractor):
    rows = run(extractor, "Росіяни захопили Вугледар у жовтні 2024 року, повідомили в "
               "Генштабі ЗСУ.", "uk", PUB)
    assert [r["kind"] for r in rows] == ["background"], rows
    rows = run(extractor, "Росіяни захопили Вугледар у вівторок, повідомили в Генштабі ЗСУ.",
               "uk", PUB)
    assert [r["kind"] for r in rows] == ["claim"], rows


def test_slavic_account_of_a_side(extractor):
    rows = run(extractor, "Большой текст о фронте.\n\nПо данным украинского командования, "
               "атаки в районе Купянска были отбиты.", "ru", PUB, source="Медуза")
    assert [(r["claimant_side"], r["event_type"]) for r in rows] == [("UA", "repelled")], rows


def test_slavic_condition_is_no_claim(extractor):
    rows = run(extractor, "Эксперт считает, что если российские войска возьмут Купянск, "
               "фронт сдвинется к Осколу.", "ru", PUB)
    assert not rows, rows
    rows = run(extractor, "Эксперт сообщил, что российские войска освободили Купянск.", "ru",
               PUB)
    assert [r["event_type"] for r in rows] == ["control"], rows


def test_slavic_alias_in_parentheses_is_no_second_place(extractor):
    rows = run(extractor, "Пушилин сообщил, что бои идут на окраинах Константиновки и "
               "Дзержинска (украинское название - Торецк).", "ru", PUB)
    assert sorted(r["place_name"] for r in rows) == ["Дзержинска", "Константиновки"], rows


def test_slavic_river_bank_is_no_place(extractor):
    rows = run(extractor, "Сили оборони звільнили Херсон у листопаді 2022 року, після чого "
               "окупанти відійшли на лівий берег Дніпра.", "uk", PUB)
    assert [r["place_name"] for r in rows] == ["Херсон"], rows


def test_slavic_opening_that_only_names_a_ministry_is_no_source(extractor):
    rows = run(extractor, "Армия наступает на Покровск, который в Минобороны РФ называют "
               "Красноармейском, уже больше года.\n\nВ воскресенье российские войска вошли "
               "в Родинское.", "ru", PUB, source="Медуза")
    assert [(r["claimant_side"], r["event_type"], r["place_name"]) for r in rows] == [
        ("INDEPENDENT", "advance", "Родинское")], rows


def test_slavic_quote_repeating_the_claim_is_one_claim(extractor):
    rows = run(extractor, "Минобороны России сообщило, что войска освободили Нелеповку. "
               "«Подразделения освободили населенный пункт Нелеповка», - говорится в "
               "сообщении.", "ru", PUB)
    assert [(r["event_type"], r["claimant_side"]) for r in rows] == [("control", "RU")], rows


def test_slavic_clearing_noun_and_withdrawal_are_control(extractor):
    rows = run(extractor, "Українські підрозділи завершили зачистку Новоекономічного, "
               "повідомили в Генштабі ЗСУ.", "uk", PUB)
    assert [(r["claimant_side"], r["event_type"]) for r in rows] == [("UA", "control")], rows
    rows = run(extractor, "ВСУ отступили из Торецка, сообщили в Минобороны России.", "ru",
               PUB)
    assert [(r["claimant_side"], r["event_type"]) for r in rows] == [("RU", "control")], rows
