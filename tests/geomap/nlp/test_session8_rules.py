"""Rules of session 8 (issue 12, an eighth set) for the causes the eighth benchmark set showed.

Every sentence here is written for these tests; none is copied from an article nor from
the benchmark sets (other villages, other phrasings). Conventions (claimant, side, event,
place, day) as in ``test_session4_rules.py``; English texts are published on Friday
2025-03-14 ("on Tuesday" is 2025-03-11), Russian/Ukrainian ones on Thursday 2025-03-13.
"""

from __future__ import annotations

from tests.geomap.nlp import slavic_cases
from tests.geomap.nlp.slavic_cases import got as _got
from tests.geomap.nlp.slavic_cases import run
from tests.geomap.nlp.slavic_cases import side_event_place as _rows
from tests.geomap.nlp.test_reporting import _show
from tests.geomap.nlp.test_session4_rules import PUB

extractor = slavic_cases.extractor  # the shared fixture


# --- bulleted lists after a colon -----------------------------------------------------------

def test_bulleted_items_after_a_colon_take_its_claim(analyse):
    _, claims = analyse("Ukraine's General Staff said on Tuesday that its units had retaken "
                        "these villages:\n- Kolodiazi, Donetsk region;\n- Shcherbynivka, "
                        "Donetsk region.")
    assert _got(claims) == [("UA", "control", "Kolodiazi"),
                            ("UA", "control", "Shcherbynivka")], _show(claims)
    assert all(c.date_start.isoformat() == "2025-03-11" for c in claims)


def test_bulleted_lines_without_a_colon_before_them_give_nothing(analyse):
    _, claims = analyse("Ukraine's General Staff said on Tuesday that its units had retaken "
                        "two villages.\n- Kolodiazi, Donetsk region;\n- Shcherbynivka, "
                        "Donetsk region.")
    assert not [c for c in claims if c.mention.place.kind == "settlement"], _show(claims)


def test_a_bulleted_line_with_its_own_trigger_keeps_its_own_claim(analyse):
    _, claims = analyse("Key developments on Tuesday:\n- Russian drones struck Kramatorsk.\n"
                        "- Ukrainian forces repelled an attack near Siversk.")
    assert _got(claims) == [("INDEPENDENT", "repelled", "Siversk"),
                            ("INDEPENDENT", "strike", "Kramatorsk")], _show(claims)


def test_slavic_bulleted_list_with_a_closing_region_line(extractor):
    rows = run(extractor, "Подразделения группировки войск «Юг» освободили населенные пункты:\n"
               "— Кировское;\n— Щербиновка\nДонецкой Народной Республики.", "ru", PUB,
               source="ТАСС")
    assert _rows(rows) == [("RU", "control", "Кировское"), ("RU", "control", "Щербиновка")], \
        rows


def test_slavic_bulleted_list_ends_at_a_full_line(extractor):
    rows = run(extractor, "Противник окупував:\n— Дачне;\n— Зелене\nСили оборони тримають "
               "позиції на інших ділянках фронту.", "uk", PUB, source="DeepState")
    assert [r["place_name"] for r in rows if r["event_type"] == "control"][:2] == [
        "Дачне", "Зелене"], rows


# --- counted settlements with named items ----------------------------------------------------

def test_including_after_a_counted_noun_lists_the_villages(analyse):
    _, claims = analyse("Russian troops captured four villages over the week, including "
                        "Shevchenko and Udachne in the Donetsk region, the Russian Defence "
                        "Ministry said on Tuesday.")
    assert _got(claims) == [("RU", "control", "Shevchenko"), ("RU", "control", "Udachne")], \
        _show(claims)
    assert {c.count for c in claims} == {4}


def test_a_list_between_dashes_and_the_speaker_after_it(analyse):
    _, claims = analyse("Ukrainian troops recaptured two villages in Kharkiv Oblast — "
                        "Kindrashivka and Radkivka — the General Staff said on Tuesday.")
    assert [(c.claimant, c.claimant_side, c.event_type, c.mention.span.text)
            for c in claims] == [("the General Staff", "UA", "control", "Kindrashivka"),
                                 ("the General Staff", "UA", "control", "Radkivka")], \
        _show(claims)


# --- hedged, passive and "cleared" captures --------------------------------------------------

def test_may_have_seized_is_a_hedged_claim(analyse):
    _, claims = analyse("Russian forces may have seized Yablunivka on Tuesday, the Institute "
                        "for the Study of War said.", publisher="Institute for the Study of War")
    assert [(c.event_type, c.mention.span.text, c.hedged) for c in claims] == [
        ("control", "Yablunivka", True)], _show(claims)


def test_may_seize_stays_a_plan(analyse):
    _, claims = analyse("Russian forces may seize Yablunivka in the coming weeks, the "
                        "Institute for the Study of War said.",
                        publisher="Institute for the Study of War")
    assert claims == [], _show(claims)


def test_a_passive_capture_gives_its_subject(analyse):
    _, claims = analyse("Novoselivka was captured by Russian troops on Tuesday, the Russian "
                        "Defence Ministry said.")
    assert _got(claims) == [("RU", "control", "Novoselivka")], _show(claims)


def test_reported_captured_gives_its_subject_and_the_reporter(analyse):
    _, claims = analyse("Torske, a village east of Lyman, was reported captured by Russian "
                        "forces on Tuesday, according to Russian military bloggers.")
    assert [(c.claimant_side, c.event_type, c.mention.span.text) for c in claims] == [
        ("RU", "control", "Torske")], _show(claims)


def test_cleared_a_named_place_is_a_capture(analyse):
    _, claims = analyse("Ukrainian assault troops cleared Kindrashivka of Russian soldiers on "
                        "Tuesday, Ukraine's General Staff said.")
    assert _got(claims) == [("UA", "control", "Kindrashivka")], _show(claims)


def test_cleared_mines_near_a_place_is_no_capture(analyse):
    _, claims = analyse("Ukrainian sappers cleared mines near Kindrashivka on Tuesday, "
                        "Ukraine's General Staff said.")
    assert not [c for c in claims if c.event_type == "control"], _show(claims)


# --- corrections -----------------------------------------------------------------------------

def test_a_correction_withdraws_the_claim_it_repeats(analyse):
    _, claims = analyse("Russian troops advanced near Torske on Tuesday, the Russian Defence "
                        "Ministry said.\n\nCorrection: an earlier version of this article "
                        "wrongly said Russian troops had captured Torske.")
    assert _got(claims) == [("RU", "advance", "Torske")], _show(claims)


def test_without_the_correction_marker_the_claim_stays(analyse):
    _, claims = analyse("Russian troops advanced near Torske on Tuesday, the Russian Defence "
                        "Ministry said.\n\nLater the ministry said Russian troops had captured "
                        "Torske.")
    assert ("RU", "control", "Torske") in _got(claims), _show(claims)


def test_slavic_a_mistaken_report_is_no_claim(extractor):
    rows = run(extractor, "Бои в Торецке продолжаются, сообщил источник в силовых структурах. "
               "Ранее ряд каналов ошибочно сообщил о взятии города.", "ru", PUB, source="ТАСС")
    assert [r["event_type"] for r in rows] == ["fighting"], rows


# --- Ukrainian recaptures, holders and sources ------------------------------------------------

def test_slavic_vidbyly_a_village_is_a_recapture(extractor):
    rows = run(extractor, "Бійці Сил оборони відбили у ворога Андріївку на Сумщині, повідомили "
               "в Генштабі ЗСУ.", "uk", PUB)
    assert [(r["claimant_side"], r["event_type"], r["actor_side"]) for r in rows] == [
        ("UA", "control", "UA")], rows


def test_slavic_otbili_attacks_near_a_village_stay_repels(extractor):
    rows = run(extractor, "Сили оборони відбили чотири атаки у районі Андріївки на Сумщині, "
               "повідомили в Генштабі ЗСУ.", "uk", PUB)
    assert [(r["claimant_side"], r["event_type"]) for r in rows] == [("UA", "repelled")], rows


def test_slavic_russian_otbili_a_named_place(extractor):
    rows = run(extractor, "Российские войска отбили у ВСУ Тёткино, сообщили в Минобороны "
               "России.", "ru", PUB)
    assert [(r["claimant_side"], r["event_type"], r["actor_side"]) for r in rows] == [
        ("RU", "control", "RU")], rows


def test_slavic_under_control_of_the_defence_forces_is_no_place(extractor):
    rows = run(extractor, "Повідомлення про захоплення Рясного не відповідають дійсності, "
               "заявили в Генштабі ЗСУ. Село під контролем Сил оборони.", "uk", PUB)
    assert "Сил" not in {r["place_name"] for r in rows}, rows
    assert ("UA", "control") in {(r["claimant_side"], r["event_type"]) for r in rows}, rows


def test_slavic_national_guard_speaks_for_ukraine(extractor):
    rows = run(extractor, "Бійці бригади «Азов» утримують позиції поблизу Торецька, повідомили "
               "в Національній гвардії.", "uk", PUB, source="Новини")
    assert {r["claimant_side"] for r in rows} == {"UA"}, rows


def test_a_village_in_apposition_is_no_speaker(analyse):
    _, claims = analyse("Russian artillery shelled Antonivka, a village near Kherson, the head "
                        "of the regional military administration, Oleksandr Prokudin, said on "
                        "Tuesday.")
    assert [(c.claimant, c.event_type, c.mention.span.text) for c in claims] == [
        ("Oleksandr Prokudin", "strike", "Antonivka")], _show(claims)


def test_air_assault_forces_speak_for_ukraine(analyse):
    _, claims = analyse("Ukrainian paratroopers advanced near Kostiantynivka on Tuesday, the "
                        "Air Assault Forces said.")
    assert [(c.claimant_side, c.event_type) for c in claims] == [("UA", "advance")], \
        _show(claims)


# --- "was incorrect", causes, live-page times, evacuations, quotations --------------------------

def test_the_claim_was_incorrect_denies_the_claim_before(analyse):
    _, claims = analyse("Russian bloggers said on Tuesday that Russian forces had captured "
                        "Siversk. The report was incorrect, Ukraine's army said.")
    assert _got(claims) == [("RU", "control", "Siversk"), ("UA", "denial", "Siversk")], \
        _show(claims)
    denial = next(c for c in claims if c.event_type == "denial")
    assert denial.disputes is next(c for c in claims if c.event_type == "control")


def test_shelling_as_the_cause_of_an_evacuation_is_no_strike(analyse):
    _, claims = analyse("Governor Oleh Syniehubov announced the evacuation of residents from "
                        "Vovchansk because of constant shelling.")
    assert _got(claims) == [("UA", "evacuation", "Vovchansk")], _show(claims)
    _, claims = analyse("Ukraine announced the forced evacuation of children from "
                        "Kostiantynivka amid constant shelling.")
    assert _got(claims) == [("UA", "evacuation", "Kostiantynivka")], _show(claims)


def test_shelling_alone_stays_a_strike(analyse):
    _, claims = analyse("Heavy shelling hit Kupiansk on Tuesday, Kharkiv governor Oleh "
                        "Syniehubov said.")
    assert _got(claims) == [("UA", "strike", "Kupiansk")], _show(claims)


def test_a_live_page_time_is_not_part_of_the_speaker(analyse):
    _, claims = analyse("10:20 - Russian drones hit Sumy overnight.\n\n11:45 - Lysak reported "
                        "that Russian artillery shelled Nikopol.")
    got = {(c.claimant, c.mention.span.text) for c in claims}
    assert ("Lysak", "Nikopol") in got, _show(claims)


def test_slavic_vyvozyat_people_is_an_evacuation(extractor):
    rows = run(extractor, "З Білопілля вивозять родини з дітьми через обстріли, повідомили в "
               "Сумській ОВА.", "uk", PUB)
    assert ("UA", "evacuation", "Білопілля") in _rows(rows), rows


def test_slavic_the_first_word_of_a_quotation_is_no_name(extractor):
    rows = run(extractor, "Комбат доложил: «Зачистили Торецк полностью», — написал военкор "
               "Александр Коц.", "ru", PUB)
    assert _rows(rows) == [("RU", "control", "Торецк")], rows


def test_slavic_zachystyv_is_a_capture(extractor):
    rows = run(extractor, "Підрозділ 92-ї бригади зачистив Іванівку на Харківщині, повідомили "
               "в Генштабі ЗСУ.", "uk", PUB)
    assert [(r["claimant_side"], r["event_type"]) for r in rows] == [("UA", "control")], rows


# --- found on new texts written after the set was fixed -----------------------------------------

def test_a_passive_taken_is_a_capture_but_taken_to_is_not(analyse):
    _, claims = analyse("Shcherbynivka was taken by Russian forces on Tuesday, Russian "
                        "military bloggers said.")
    assert _got(claims) == [("RU", "control", "Shcherbynivka")], _show(claims)
    _, claims = analyse("The wounded commander was taken to Kramatorsk on Tuesday, the "
                        "brigade said.")
    assert claims == [], _show(claims)


# --- a generic ministry in a national outlet's own report (lead, session 8) -----------------

def test_the_ministry_after_a_generic_defence_ministry_in_tass_is_russias(analyse):
    """The TASS-style report of the eighth set: "the Defence Ministry said" in a sentence
    without a claim, then "the ministry said": both Russia's ministry in TASS's report."""
    _, claims = analyse("Russian air defences downed nine drones over the Kursk region "
                        "overnight, the Defence Ministry said. Separately, the ministry said "
                        "units of the North group had repelled an attack near Tetkino.",
                        publisher="TASS")
    assert _got(claims) == [("RU", "repelled", "Tetkino")], _show(claims)


def test_a_generic_ministry_in_tass_is_russias(analyse):
    _, claims = analyse("MOSCOW, March 11. /TASS/. The Defense Ministry said on Tuesday that "
                        "units of the Battlegroup West had liberated the village of Kindrashivka.",
                        publisher="TASS")
    assert _got(claims) == [("RU", "control", "Kindrashivka")], _show(claims)
    assert claims[0].claimant == "The Defense Ministry"  # as written, Russia's


def test_a_generic_ministry_in_ukrinform_is_ukraines(analyse):
    _, claims = analyse("The Defence Ministry said on Tuesday that Ukrainian troops had "
                        "liberated the village of Pishchane.", publisher="Ukrinform")
    assert _got(claims) == [("UA", "control", "Pishchane")], _show(claims)
    assert claims[0].claimant == "The Defence Ministry"  # as written, Ukraine's


def test_a_generic_ministry_in_a_wire_report_takes_no_side_from_the_wire(analyse):
    """Reuters is no national outlet: "the Defence Ministry" alone is not read as a
    country's ministry there (an earlier "Russia's defence ministry" would be, as
    coreference)."""
    _, claims = analyse("The Defence Ministry said on Tuesday its forces had captured the "
                        "village of Kindrashivka.", publisher="Reuters")
    assert claims and all(c.claimant_side not in ("RU", "UA") for c in claims), _show(claims)
