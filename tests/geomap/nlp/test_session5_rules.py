"""Rules of session 5 (issue 12, a fifth set) for the causes the fifth benchmark set showed.

Every sentence here is written for these tests; none is copied from an article nor from
the benchmark sets. Conventions (claimant, side, event, place, day) as in
``test_session4_rules.py``.
"""

from __future__ import annotations

import pytest

from tests.geomap.nlp import slavic_cases
from tests.geomap.nlp.slavic_cases import run
from tests.geomap.nlp.test_reporting import FRI, TUE, Want, _case, _show, assert_wants
from tests.geomap.nlp.test_session4_rules import PUB, _rows

extractor = slavic_cases.extractor  # the shared fixture

CASES = [
    # --- (a) an agency dateline is no part of the claimant; a "while" clause speaks alone
    _case("ap-dateline", "KYIV, Ukraine (AP) — Russia's Defense Ministry said Tuesday its "
          "troops had seized Kurylivka.",
          Want("Russia's Defense Ministry", "RU", "control", "Kurylivka", TUE),
          publisher="Associated Press"),
    _case("while-clause-source", "Moscow's ministry said on Tuesday its forces had taken "
          "Zelene, while Ukraine's General Staff said its troops repelled 9 assaults near "
          "Lyptsi.",
          Want("ministry", "RU", "control", "Zelene", TUE),
          Want("General Staff", "UA", "repelled", "Lyptsi", TUE)),
    # --- (i) a headline's verb read as a noun is no part of the claimant ------------------
    _case("headline-dismisses", "Kyiv dismisses report that Russian troops captured Siversk",
          Want("Kyiv", "UA", "denial", "Siversk")),
    # --- an attempted capture is an attack; the repel sentence after it repels it -------
    _case("tried-times-to-push", "The enemy tried 12 times to push Ukrainian units out of "
          "their positions near Shcherbynivka, the General Staff said on Tuesday.",
          Want("General Staff", "UA", "attack", "Shcherbynivka", TUE)),
    _case("all-attacks-repelled-next", "Russian troops attacked five times near Dvorichna, the "
          "General Staff said on Tuesday. All of the attacks were repelled.",
          Want("General Staff", "UA", "repelled", "Dvorichna", TUE)),
    _case("partial-repel-stays-attack", "Russian troops attacked 20 times near Novoselivka, the "
          "General Staff said on Tuesday. Ukrainian units repelled 15 attacks.",
          Want("General Staff", "UA", "attack", "Novoselivka", TUE)),
    # --- root adjective trigger; a speaker in apposition before ", said" -----------------
    _case("advanced-as-adjective", "Russian forces marginally advanced in southern Siversk.",
          Want("Institute", "INDEPENDENT", "advance", "Siversk"),
          publisher="Institute for the Study of War"),
    _case("appositive-speaker-before-said", "Russian drones hit Orikhiv, the head of the "
          "regional administration, Ivan Fedorov, said on Tuesday.",
          Want("Ivan Fedorov", "UA", "strike", "Orikhiv", TUE)),
]


@pytest.mark.parametrize(("text", "publisher", "wants"), CASES)
def test_report(analyse, text, publisher, wants):
    _, claims = analyse(text, publisher=publisher)
    assert_wants(claims, wants)


def test_a_while_clause_is_not_the_first_speakers(analyse):
    _, claims = analyse("Moscow's ministry said on Tuesday its forces had taken Zelene, while "
                        "Ukraine's General Staff said its troops repelled 9 assaults near "
                        "Lyptsi.")
    lyptsi = [c for c in claims if c.mention is not None and c.mention.span.text == "Lyptsi"]
    assert [(c.claimant_side, c.count) for c in lyptsi] == [("UA", 9)], _show(claims)


def test_a_dateline_is_no_part_of_the_claimant(analyse):
    _, claims = analyse("KYIV, Ukraine (AP) — Russia's Defense Ministry said Tuesday its troops "
                        "had seized Kurylivka.", publisher="Associated Press")
    assert [c.claimant for c in claims] == ["Russia's Defense Ministry"], _show(claims)


def test_attack_counts_are_kept(analyse):
    _, claims = analyse("The enemy tried 12 times to push Ukrainian units out of their "
                        "positions near Shcherbynivka, the General Staff said on Tuesday. "
                        "All the assaults were repelled.")
    assert [(c.event_type, c.actor_side, c.count) for c in claims] == [
        ("repelled", "UA", 12)], _show(claims)


def test_an_attempt_under_a_repel_is_no_attack(analyse):
    _, claims = analyse("Ukraine's military said its forces had stopped 42 Russian attempts to "
                        "advance near Kurakhove on Tuesday.")
    assert [(c.event_type, c.mention.span.text) for c in claims] == [
        ("repelled", "Kurakhove")], _show(claims)


# --- (b) the reference town of an unnamed village -----------------------------------------

def test_village_near_a_town_is_no_claim_on_the_town(analyse):
    _, claims = analyse("Russia says its troops seize village near Kupiansk\n\nRussia's Defence "
                        "Ministry said on Tuesday its forces had taken Kindrashivka, north of "
                        "the city.")
    assert [(c.event_type, c.mention.span.text) for c in claims] == [
        ("control", "Kindrashivka")], _show(claims)


def test_an_unnamed_village_alone_is_approximate_near_the_town(analyse):
    _, claims = analyse("Russia's Defence Ministry said on Tuesday its forces had taken a "
                        "village near Kupiansk.")
    assert len(claims) == 1, _show(claims)
    m = claims[0].mention
    assert (claims[0].event_type, m.span.text, m.approximate, m.precision) == (
        "control", "Kupiansk", True, 2)
    assert m.uncertainty_km >= 15 and m.reason.startswith("an unnamed settlement near")


def test_the_village_of_a_name_near_a_town_is_that_village(analyse):
    _, claims = analyse("Russian forces captured the village of Bila Hora near Kostiantynivka, "
                        "the ministry said on Tuesday.")
    assert [(c.mention.span.text, c.mention.approximate) for c in claims] == [
        ("Bila Hora", False)], _show(claims)


def test_a_counted_strike_summary_goes_beside_its_villages(analyse):
    _, claims = analyse("Russian forces shelled 12 settlements in Kharkiv Oblast over the past "
                        "day, the regional governor said on Tuesday. Guided bombs hit Zolochiv "
                        "and Balakliia, he added.", publisher="Ukrinform")
    assert sorted(c.mention.span.text for c in claims) == ["Balakliia", "Zolochiv"], \
        _show(claims)


def test_a_counted_strike_summary_alone_stays(analyse):
    _, claims = analyse("Russian forces shelled 12 settlements in Kharkiv Oblast over the past "
                        "day, the regional governor said on Tuesday.", publisher="Ukrinform")
    assert [c.mention.span.text for c in claims] == ["Kharkiv Oblast"], _show(claims)


def test_an_uncounted_region_attack_stays_beside_a_village_strike(analyse):
    _, claims = analyse("Ukraine's General Staff said on Tuesday its forces launched new "
                        "offensive actions in Russia's Kursk region. Ukrainian drones hit a "
                        "depot in Lgov, the General Staff said.")
    assert ("attack", "Kursk region") in {(c.event_type, c.mention.span.text) for c in claims}, \
        _show(claims)


# --- places: weapons, "close to", historic names, loners -------------------------------

def test_weapons_in_capitals_are_no_places(analyse):
    mentions, _ = analyse("An FPV drone hit a house in Kupiansk on Tuesday, the governor said.")
    assert [m.span.text for m in mentions] == ["Kupiansk"]


def test_a_timestamped_list_line_labels_its_place(analyse):
    _, claims = analyse("15:10 Chuhuiv district, Staryi Saltiv: an artillery shell damaged a "
                        "shop.", publisher="Ukrinform")
    assert [(c.event_type, c.mention.span.text) for c in claims] == [
        ("strike", "Staryi Saltiv")], _show(claims)


def test_a_speaker_label_is_no_place(analyse):
    _, claims = analyse("Zelensky: Russian drones hit Sumy overnight.", publisher="Ukrinform")
    assert [c.mention.span.text for c in claims] == ["Sumy"], _show(claims)


def test_close_to_after_a_name_is_an_anchor(analyse):
    _, claims = analyse("Border guards repelled an assault on Andriivka, a village close to "
                        "Yunakivka, on Tuesday.")
    assert [c.mention.span.text for c in claims] == ["Andriivka"], _show(claims)


def test_claims_and_reports_stay_nouns(analyse):
    _, claims = analyse("Kyiv did not comment on Russian claims that its troops captured "
                        "Kupiansk on Tuesday.")
    assert [c.claimant for c in claims] == ["Russian claims"], _show(claims)


def test_a_title_case_name_ending_in_s_stays_whole(analyse):
    _, claims = analyse("The United States said Russian troops captured Kupiansk on Tuesday.")
    assert [c.claimant for c in claims] == ["The United States"], _show(claims)


def test_a_historic_name_yields_to_the_village_of_that_name(analyse):
    _, claims = analyse("Russian forces captured Grishino on Tuesday, the ministry said.")
    assert [(c.mention.place.name, c.mention.place.admin1) for c in claims] == [
        ("Hryshyne", "UA-14")], _show(claims)


# --- Russian and Ukrainian ----------------------------------------------------------------

def test_slavic_attempts_counted_and_repelled(extractor):
    rows = run(extractor, "На Покровському напрямку ворог 38 разів намагався потіснити наших "
               "захисників у районах населених пунктів Удачне та Котлине. Сили оборони "
               "відбили всі атаки.", "uk", PUB, "Генштаб ЗСУ")
    assert sorted((r["event_type"], r["place_label"], r["actor_side"], r["count"])
                  for r in rows) == [("repelled", "Kotlyne", "UA", 38),
                                     ("repelled", "Udachne", "UA", 38)], rows


def test_slavic_impersonal_repel_is_by_the_side_attacked(extractor):
    rows = run(extractor, "На Куп'янському напрямку відбито 12 атак окупантів поблизу "
               "Петропавлівки.", "uk", PUB, "Генштаб ЗСУ")
    assert [(r["event_type"], r["place_label"], r["actor_side"], r["count"]) for r in rows] == [
        ("repelled", "Petropavlivka", "UA", 12)], rows


@pytest.mark.parametrize("text", [
    "Нанесено поражение живой силе и технике ВСУ в районах населённых пунктов Степногорск и "
    "Каменское, сообщили в Минобороны России.",
    "Авиацией нанесено поражение пунктам временной дислокации ВСУ в районе Степногорска, "
    "сообщили в Минобороны России.",
])
def test_slavic_damage_formula_is_the_ministrys_own_strike(extractor, text):  # (c)
    rows = run(extractor, text, "ru", PUB)
    assert rows and {(r["event_type"], r["actor_side"]) for r in rows} == {("strike", "RU")}, \
        rows


def test_slavic_village_before_its_district(extractor):
    rows = _rows(extractor, "Губернатор Брянской области Александр Богомаз сообщил, что "
                 "украинские военные обстреляли из миномётов село Сушаны Климовского района.",
                 "ru")
    assert [r[2:4] for r in rows] == [("strike", "Sushany")], rows


def test_slavic_direction_is_a_region_hint(extractor):  # (h)
    rows = run(extractor, "На Сумском направлении подразделения группировки «Север» заняли "
               "Алексеевку.", "ru", PUB)
    assert [(r["event_type"], r["admin1"]) for r in rows] == [("control", "UA-59")], rows


def test_slavic_historic_name_yields_to_the_village(extractor):  # (f)
    rows = run(extractor, "Подразделения группировки войск «Центр» освободили населённый пункт "
               "Гришино.", "ru", PUB)
    assert [(r["place_label"], r["admin1"]) for r in rows] == [("Hryshyne", "UA-14")], rows


def test_slavic_russian_name_finds_the_ukrainian_spelling(extractor):  # (g)
    rows = run(extractor, "Освобождён населённый пункт Раздольное, сообщило Минобороны России. "
               "Село расположено северо-восточнее Великой Новосёлки.", "ru", PUB)
    rozdolne = [r for r in rows if r["event_type"] == "control"]
    assert len(rozdolne) == 1, rows
    lon, lat = rozdolne[0]["geometry"]  # the Rozdolne 8 km from Velyka Novosilka
    assert abs(lat - 47.907) < 0.05 and abs(lon - 36.916) < 0.05, rozdolne


def test_slavic_far_namesakes_take_the_pair_near_one_another(extractor):
    rows = run(extractor, "Ворог окупував Вороне та просунувся поблизу Маліївки.", "uk", PUB,
               "DeepState")
    assert {r["admin1"] for r in rows} == {"UA-12"}, rows


def test_slavic_a_loner_in_a_named_region_stays(extractor):
    rows = run(extractor, "DeepState: ворог окупував Тернове та просунувся біля Іванівки на "
               "Дніпропетровщині.", "uk", PUB)
    assert {r["admin1"] for r in rows} == {"UA-12"}, rows


def test_slavic_denial_takes_its_place(extractor):
    rows = _rows(extractor, "У Генштабі ЗСУ спростували заяву Міноборони Росії про захоплення "
                 "Мирнограда: ці твердження не відповідають дійсності.", "uk")
    # session 6: the denied claim of a named claimant is kept too, as that claimant's
    assert sorted(r[1:4] for r in rows) == [("RU", "control", "Myrnohrad"),
                                            ("UA", "denial", "Myrnohrad")], rows


def test_ukrainian_spelling_of_russian_names():
    from geomap.nlp.slavic.names import ukrainian_spelling

    assert ukrainian_spelling("Раздольное") == "Роздольне"
    assert ukrainian_spelling("Новая Полтавка") == "Нова Полтавка"
    assert ukrainian_spelling("Гришино") == "Гришино"


def test_want_dates_are_fridays():  # the helpers' convention, checked once
    assert FRI == "2025-03-14"
