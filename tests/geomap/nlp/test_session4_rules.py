"""Rules of session 4 (issue 12, a fourth set) for the causes the fourth benchmark set showed.

Every sentence here is written for these tests; none is copied from an article nor from
the benchmark sets. English cases assert the claimant (a part of it as written), side,
event type, place as written and first day, as in ``test_reporting.py`` (publication day
Friday 2025-03-14; "Tuesday" is 03-11); Russian/Ukrainian cases the claimant, side, event
type, the gazetteer's place and the day (Thursday 2025-03-13).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geomap.extract import Extractor
from tests.geomap.nlp import slavic_cases
from tests.geomap.nlp.slavic_cases import run
from tests.geomap.nlp.test_reporting import FRI, TUE, Want, _case, _show, assert_wants

extractor = slavic_cases.extractor  # the shared fixture
PUB = dt.date(2025, 3, 13)  # Thursday
THU = "2025-03-13"

CASES = [
    # --- an attack coordinated with a repel is repelled ---------------------------------
    _case("attacked-and-thrown-back", "Ukrainian units attacked near Glushkovo on Tuesday "
          "and were thrown back, the Russian defence ministry said.",
          Want("Russian defence ministry", "RU", "repelled", "Glushkovo", TUE)),
    _case("attacked-but-repelled", "Russian infantry attacked near Dvorichna on Tuesday but "
          "was repelled, Ukraine's General Staff said.",
          Want("General Staff", "UA", "repelled", "Dvorichna", TUE)),
    # --- positions near a place are an advance; holding them is control ----------------
    _case("seized-positions-near", "Russian troops seized positions near Bilohorivka on "
          "Tuesday, the Institute for the Study of War said.",
          Want("Institute for the Study of War", "INDEPENDENT", "advance", "Bilohorivka",
               TUE)),
    _case("holding-the-line", "Our brigade is holding the line near Kurylivka, Ukraine's "
          "General Staff said.",
          Want("General Staff", "UA", "control", "Kurylivka", FRI)),
    # --- evidence is the publisher's assessment -----------------------------------------
    _case("footage-indicates", "Footage geolocated by analysts indicates that Russian forces "
          "advanced near Hryhorivka.",
          Want("ISW", "INDEPENDENT", "advance", "Hryhorivka", FRI), publisher="ISW"),
    # --- a registry claimant in apposition ------------------------------------------------
    _case("governor-in-apposition", "The regional governor, Ivan Fedorov, said Russian "
          "drones struck Orikhiv on Tuesday.",
          Want("Ivan Fedorov", "UA", "strike", "Orikhiv", TUE)),
    # --- "X in the Y district": the settlement, not the district town -------------------
    _case("village-in-a-district", "A Ukrainian drone hit a barn in Bezymeno in the "
          "Grayvoron district on Tuesday, Governor Vyacheslav Gladkov said.",
          Want("Gladkov", "RU", "strike", "Bezymeno", TUE)),
]


@pytest.mark.parametrize(("text", "publisher", "wants"), CASES)
def test_report(analyse, text, publisher, wants):
    _, claims = analyse(text, publisher=publisher)
    assert_wants(claims, wants)


def test_a_district_is_no_claim_place(analyse):
    _, claims = analyse("A Ukrainian drone hit a barn in Bezymeno in the Grayvoron district "
                        "on Tuesday, Governor Vyacheslav Gladkov said.")
    assert [c.mention.span.text for c in claims] == ["Bezymeno"], _show(claims)


@pytest.mark.parametrize("text", [
    "Air defence units shot down 17 Ukrainian drones over the Bryansk region overnight, "
    "Russia's defence ministry said.",
    "Russia's defence ministry said its air defences destroyed 9 drones over the Kursk and "
    "Oryol regions.",
])
def test_an_interception_over_a_region_is_no_strike(analyse, text):
    _, claims = analyse(text)
    assert claims == [], _show(claims)


def test_an_interception_over_a_town_stays_a_strike(analyse):
    _, claims = analyse("Governor Alexander Khinshtein said air defences shot down two drones "
                        "over Rylsk on Tuesday.")
    assert [(c.claimant_side, c.event_type, c.mention.span.text) for c in claims] == \
        [("RU", "strike", "Rylsk")], _show(claims)


def test_a_counted_headline_is_no_region_claim(analyse):
    _, claims = analyse("Russia says it captured two villages in Kharkiv region\n\nRussia's "
                        "defence ministry said on Tuesday its troops had captured Kindrashivka "
                        "and Radkivka in the Kharkiv region.")
    assert sorted(c.mention.span.text for c in claims) == ["Kindrashivka", "Radkivka"], \
        _show(claims)
    assert {(c.claimant_side, c.event_type) for c in claims} == {("RU", "control")}


def test_an_uncounted_summary_is_no_region_claim(analyse):
    _, claims = analyse("Russian forces recently advanced in Donetsk Oblast. Russian forces "
                        "advanced near Toretsk on Tuesday, the Institute for the Study of War "
                        "said.", publisher="ISW")
    assert [(c.event_type, c.mention.span.text) for c in claims] == \
        [("advance", "Toretsk")], _show(claims)


def test_a_counted_lead_keeps_its_region_claim(analyse):
    _, claims = analyse("Russian troops liberated four settlements in the Kursk region, the "
                        "Russian defence ministry said. They liberated Plekhovo and Guyevo.")
    assert ("Kursk region", "control") in {(c.mention.span.text, c.event_type)
                                           for c in claims}, _show(claims)


# --- places: a namesake near the article's other places beats a far one ------------------

@pytest.mark.parametrize(("text", "place", "admin1"), [
    # a list whose item's strongest namesake lies far away (Rozdolne: Crimea), no region
    ("Russia's defence ministry said its Vostok group struck Ukrainian troops near "
     "Velyka Novosilka, Rozdolne and Novodarivka.", "Rozdolne", "UA-14"),
    # a namesake abroad (Terni, Italy) with the country named and no region
    ("The General Staff of Ukraine's Armed Forces said its troops repelled attacks near "
     "Zarichne, Terny and Torske.", "Terny", "UA-14"),
])
def test_a_list_item_takes_its_namesake_near_the_list(analyse, text, place, admin1):
    mentions, claims = analyse(text)
    found = [c for c in claims if c.mention.span.text == place]
    assert found and found[0].mention.place.admin1 == admin1, _show(claims)
    assert not found[0].mention.approximate
    assert all(not m.approximate for m in mentions if m.role == "event"), \
        [(m.span.text, m.reason) for m in mentions]


@pytest.mark.parametrize("text", [
    "The Vostok group of forces repelled three attacks near Velyka Novosilka, the Russian "
    "defence ministry said.",
    "Units of the Dnipro operational-strategic group repelled an attack near Orikhiv, "
    "Ukraine's General Staff said.",
    "The Sever grouping advanced near Vovchansk, the Russian defence ministry said.",
])
def test_a_group_of_forces_is_never_a_place(analyse, text):
    mentions, _ = analyse(text)
    names = {m.span.text for m in mentions}
    assert not names & {"Vostok", "Dnipro", "Sever"}, names


# --- Russian and Ukrainian ----------------------------------------------------------------

def _rows(extractor, text, lang, source=None):
    rows = run(extractor, text, lang, PUB, source)
    return [(r["claimant"], r["claimant_side"], r["event_type"], r["place_label"],
             r["date_start"]) for r in rows]


@pytest.mark.parametrize(("text", "lang", "want"), [
    # the singular and the occupation verbs
    ("За даними DeepState, ворог окупував Новотроїцьке на Донеччині.", "uk",
     ("DeepState", "INDEPENDENT", "control", "Novotroitske", THU)),
    ("Генштаб ЗСУ повідомив, що противник просунувся поблизу Торецька.", "uk",
     ("Генштаб ЗСУ", "UA", "advance", "Toretsk", THU)),
    # "зашли в X": entering is an advance; assault troops are no attack
    ("Рыбарь: наши штурмовики зашли в Нескучное.", "ru",
     ("Рыбарь", "RU", "advance", "Neskuchnoye", THU)),
    # the losses formula is a strike
    ("Минобороны России сообщило, что ВСУ потеряли до 200 военнослужащих в районе Торецка.",
     "ru", ("Минобороны России", "RU", "strike", "Toretsk", THU)),
])
def test_slavic_rule(extractor, text, lang, want):
    rows = _rows(extractor, text, lang)
    assert want in rows, rows


def test_slavic_losses_are_struck_by_the_other_side(extractor):
    rows = run(extractor, "Минобороны России сообщило, что ВСУ потеряли до 200 военнослужащих "
               "в районе Торецка.", "ru", PUB)
    assert [(r["event_type"], r["actor_side"]) for r in rows] == [("strike", "RU")]


def test_slavic_repel_in_the_next_sentence(extractor):
    rows = run(extractor, "На Покровському напрямку ворог 12 разів атакував позиції наших "
               "військ у районах населених пунктів Удачне та Котлине. Усі атаки відбито.",
               "uk", PUB)
    assert sorted((r["event_type"], r["place_label"], r["actor_side"]) for r in rows) == [
        ("repelled", "Kotlyne", "UA"), ("repelled", "Udachne", "UA")], rows


def test_slavic_oblast_administration_is_no_place(extractor):
    rows = run(extractor, "Росіяни вдарили по Ворожбі, повідомила Сумська ОВА.", "uk", PUB)
    assert [(r["claimant"], r["event_type"], r["place_label"]) for r in rows] == [
        ("Сумська ОВА", "strike", "Vorozhba")], rows


def test_slavic_list_takes_the_namesakes_near_one_another(extractor):
    rows = run(extractor, "Сили оборони відбили атаки у районах населених пунктів Малинівка, "
               "Успенівка та Затишшя, повідомив Генштаб ЗСУ.", "uk", PUB)
    assert {r["admin1"] for r in rows} == {"UA-23"}, rows
    assert not any(r["approximate"] for r in rows)


def test_slavic_user_claimants_file(gaz, tmp_path: Path):
    path = tmp_path / "claimants.csv"
    path.write_text("name,side,kind,variants,refs\nКанал Полевой Тест,UA,media,"
                    "канал полевой тест,\n", encoding="utf-8")
    text = "Канал Полевой Тест сообщил, что ВСУ освободили село Гуево Курской области."
    plain = run(Extractor(gazetteer=gaz), text, "ru", PUB, "Блог")
    mine = run(Extractor(gazetteer=gaz, claimants=path), text, "ru", PUB, "Блог")
    assert [(r["claimant"], r["claimant_side"]) for r in plain] == [("Блог", "UNKNOWN")]
    assert [(r["claimant"], r["claimant_side"], r["event_type"]) for r in mine] == [
        ("Канал Полевой Тест", "UA", "control")]


def test_slavic_another_nominative_form_finds_the_namesake_near_the_list(extractor):
    # "Родинского" reads first as "Родинская" (a namesake over 1,000 km away); its other
    # form "Родинское" is Rodynske, a few km from Myrnohrad
    rows = run(extractor, "Минобороны России сообщило, что ВСУ потеряли до 300 военнослужащих "
               "в районах Родинского и Мирнограда.", "ru", PUB)
    placed = {r["place_label"]: (r["admin1"], r["approximate"]) for r in rows}
    assert placed == {"Rodynske": ("UA-14", False), "Myrnohrad": ("UA-14", False)}, rows


def test_slavic_attempt_to_push_out_then_a_repel_count(extractor):
    rows = run(extractor, "Поблизу Часового Яру противник 9 разів намагався витіснити наших "
               "захисників з позицій. Сили оборони відбили сім атак, ще два боєзіткнення "
               "тривають.", "uk", PUB)
    assert [(r["event_type"], r["place_label"], r["actor_side"], r["date_start"])
            for r in rows] == [("repelled", "Chasiv Yar", "UA", THU)], rows


# --- a sentence that goes on with a named source's report --------------------------------

def test_a_sentence_continuing_a_relayed_report_keeps_its_source(analyse):
    _, claims = analyse("Russian troops shelled Kupiansk on Tuesday, Oleh Syniehubov, head of "
                        "the Kharkiv Oblast Military Administration, reported. Guided bombs hit "
                        "Zolochiv and Balakliia.", publisher="Ukrainska Pravda")
    assert {(c.mention.span.text, c.claimant, c.claimant_side) for c in claims} == {
        ("Kupiansk", "Oleh Syniehubov", "UA"), ("Zolochiv", "Oleh Syniehubov", "UA"),
        ("Balakliia", "Oleh Syniehubov", "UA")}, _show(claims)


@pytest.mark.parametrize(("text", "publisher"), [
    # a new paragraph is the publisher's again
    ("Russian troops shelled Kupiansk on Tuesday, Oleh Syniehubov reported.\n\nGuided bombs "
     "hit Zolochiv.", "Ukrainska Pravda"),
    # an analyst's unattributed sentence is its own assessment
    ("Russian milbloggers claimed that Russian forces seized Kupiansk. Ukrainian forces "
     "advanced near Zolochiv.", "ISW"),
])
def test_no_continuation_across_paragraphs_or_for_an_analyst(analyse, text, publisher):
    _, claims = analyse(text, publisher=publisher)
    zolochiv = [c for c in claims if c.mention.span.text == "Zolochiv"]
    assert zolochiv and zolochiv[0].claimant == publisher, _show(claims)


# --- list lines labelled by a place; a district beside the villages ----------------------

def test_a_label_line_gives_its_place(analyse):
    _, claims = analyse("Russian forces shelled 14 settlements in Sumy region on Tuesday, the "
                        "regional military administration said.\n\nKrasnopillia community: "
                        "artillery "
                        "shelling (4 explosions).\n\nMyropillia community: a drone dropped "
                        "explosives.", publisher="Ukrinform")
    assert sorted((c.mention.span.text, c.event_type, c.claimant_side) for c in claims
                  if c.mention.place.kind == "settlement") == [
        ("Krasnopillia", "strike", "UA"), ("Myropillia", "strike", "UA")], _show(claims)


def test_a_district_beside_its_villages_is_no_claim(analyse):
    _, claims = analyse("In the Shebekino district, drones hit Novaya Tavolzhanka and "
                        "Maslova Pristan on Tuesday, Governor Vyacheslav Gladkov said.")
    assert sorted(c.mention.span.text for c in claims) == [
        "Maslova Pristan", "Novaya Tavolzhanka"], _show(claims)


def test_a_denied_report_names_its_place_and_the_headline_region_goes(analyse):
    _, claims = analyse("Russia claims capture of two villages in Kharkiv Oblast, Ukraine "
                        "disputes one\n\nRussia's Defense Ministry claimed on Tuesday that its "
                        "troops had taken control of Hlyboke and Lyptsi in Kharkiv Oblast.\n\n"
                        "Ukraine's military denied the report about Lyptsi, saying its "
                        "soldiers are still holding their positions there.",
                        publisher="The Kyiv Independent")
    assert sorted((c.mention.span.text, c.event_type, c.claimant_side) for c in claims) == [
        ("Hlyboke", "control", "RU"), ("Lyptsi", "control", "RU"),
        ("Lyptsi", "denial", "UA")], _show(claims)
    denial = next(c for c in claims if c.event_type == "denial")
    assert denial.disputes is not None and denial.disputes.mention.span.text == "Lyptsi"


def test_a_speaker_in_apposition_before_a_final_comma(analyse):
    _, claims = analyse("Russian troops struck Nikopol and Marhanets overnight, Serhii Lysak, "
                        "head of the Dnipropetrovsk Regional Military Administration, reported. "
                        "Drones also hit Pokrovske.", publisher="Ukrainska Pravda")
    assert {(c.mention.span.text, c.claimant_side) for c in claims} == {
        ("Nikopol", "UA"), ("Marhanets", "UA"), ("Pokrovske", "UA")}, _show(claims)


def test_a_counted_headline_with_no_place_gives_no_region_claim(analyse):
    _, claims = analyse("Russia says it took two more villages\n\nRussia's defence ministry "
                        "said on Tuesday its forces had captured Kindrashivka and Radkivka in "
                        "Ukraine's Kharkiv region.", publisher="Reuters")
    assert sorted((c.mention.span.text, c.event_type) for c in claims) == [
        ("Kindrashivka", "control"), ("Radkivka", "control")], _show(claims)


def test_a_denied_report_of_a_city_or_region_named_as_a_modifier_is_linked(analyse):
    # "report of Kursk loss": the city or the region; the denial is linked to the claim
    # it denies (Plekhovo), never placed in the city of Kursk
    _, claims = analyse("Kyiv dismisses report of Kursk loss as a lie\n\n"
                        "Moscow's Defence Ministry said on Tuesday its units had retaken "
                        "Plekhovo, the final settlement Ukrainian troops held in that region.",
                        publisher="The Kyiv Independent")
    denials = [c for c in claims if c.event_type == "denial"]
    assert [c.mention.span.text for c in denials] == ["Plekhovo"], _show(claims)
