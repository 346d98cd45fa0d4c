"""Rules of session 7 (issue 12, a seventh set) for the causes the seventh benchmark set showed.

Every sentence here is written for these tests; none is copied from an article nor from
the benchmark sets (other villages, other phrasings). Conventions (claimant, side, event,
place, day) as in ``test_session4_rules.py``; English texts are published on Friday
2025-03-14 ("on Tuesday" is 2025-03-11), Russian/Ukrainian ones on Thursday 2025-03-13.
"""

from __future__ import annotations

import pytest

from tests.geomap.nlp import slavic_cases
from tests.geomap.nlp.slavic_cases import run
from tests.geomap.nlp.test_reporting import TUE, Want, _case, _show, assert_wants
from tests.geomap.nlp.test_session4_rules import PUB

extractor = slavic_cases.extractor  # the shared fixture

CASES = [
    # --- denials that carry the other side's claim ---------------------------------------
    _case("dismissed-claims-by-us-spelling", "Ukraine's army dismissed claims by Russia's "
          "Defense Ministry that its forces had captured Novoselivka in the Kharkiv region.",
          Want("Defense Ministry", "RU", "control", "Novoselivka"),
          Want("Ukraine's army", "UA", "denial", "Novoselivka")),
    _case("rejected-assertions-by", "Kyiv on Tuesday rejected assertions by the Russian "
          "Defense Ministry that Russian troops had entered Bilohorivka.",
          Want("Defense Ministry", "RU", "advance", "Bilohorivka", TUE),
          Want("Kyiv", "UA", "denial", "Bilohorivka", TUE)),
    _case("denied-reports-saying-the-village", "Russia's Defense Ministry on Tuesday denied "
          "Ukrainian reports that its troops had left Plekhovo, saying its units were holding "
          "positions in the village.",
          Want("Defense Ministry", "RU", "denial", "Plekhovo", TUE),
          Want("Defense Ministry", "RU", "control", "Plekhovo", TUE)),
    # --- headline and body ----------------------------------------------------------------
    _case("headline-repeats-the-body", "Russia says it captured Petropavlivka\n\nRussia's "
          "Defense Ministry said on Tuesday its forces had captured Petropavlivka in the "
          "Kharkiv region.",
          Want("Defense Ministry", "RU", "control", "Petropavlivka", TUE)),
    # --- regional officials ---------------------------------------------------------------
    _case("kursk-regional-officials", "Kursk regional officials said on Tuesday that a "
          "Ukrainian drone had hit a house in Rylsk.",
          Want("Kursk regional officials", "RU", "strike", "Rylsk", TUE)),
    _case("officials-in-the-sumy-region", "Russian artillery shelled Velyka Pysarivka on "
          "Tuesday, officials in the Sumy region said.",
          Want("officials in the Sumy region", "UA", "strike", "Velyka Pysarivka", TUE)),
    # --- distance and direction -----------------------------------------------------------
    _case("within-km-with-a-parenthesis", "Russian troops have advanced to within 3 kilometers "
          "(about 2 miles) of Kurakhove, the Institute for the Study of War said on Tuesday.",
          Want("Institute", "INDEPENDENT", "advance", "Kurakhove", TUE)),
    _case("in-the-direction-of", "The enemy attacked nine times in the direction of Lyman on "
          "Tuesday, the General Staff reported.",
          Want("General Staff", "UA", "attack", "Lyman", TUE)),
    # --- the ministry reports what the groups did ----------------------------------------
    _case("group-after-the-ministry", "Units of the Vostok group repelled three attacks near "
          "Velyka Novosilka on Tuesday, the Russian Defense Ministry said. The Zapad group "
          "liberated Kruhliakivka in the Kharkiv region.",
          Want("Defense Ministry", "RU", "repelled", "Velyka Novosilka", TUE),
          Want("Defense Ministry", "RU", "control", "Kruhliakivka")),
    # --- "took X" -------------------------------------------------------------------------
    _case("took-a-named-place", "Russian forces took Selydove on Tuesday, the Russian Defense "
          "Ministry said.",
          Want("Defense Ministry", "RU", "control", "Selydove", TUE)),
]


@pytest.mark.parametrize(("text", "publisher", "wants"), CASES)
def test_report(analyse, text, publisher, wants):
    _, claims = analyse(text, publisher=publisher)
    assert_wants(claims, wants)


# --- English: what the cases above do not pin ----------------------------------------------

def test_a_misparsed_denial_keeps_its_denier_and_the_makers_claim(analyse):
    _, claims = analyse("Ukraine's military dismissed claims by Russia's Defense Ministry that "
                        "its troops had captured the village of Stepova Novoselivka.")
    got = sorted((c.claimant, c.claimant_side, c.event_type, c.actor_side) for c in claims)
    assert got == [("Russia's Defense Ministry", "RU", "control", "RU"),
                   ("Ukraine's military", "UA", "denial", "UA")], _show(claims)
    denial = next(c for c in claims if c.event_type == "denial")
    assert denial.disputes is next(c for c in claims if c.event_type == "control")


def test_a_side_alone_still_keeps_only_the_denial(analyse):
    _, claims = analyse("Kyiv on Tuesday rejected Moscow's assertion that Russian forces had "
                        "taken Dvorichna.")
    assert [(c.claimant_side, c.event_type) for c in claims] == [("UA", "denial")], \
        _show(claims)


def test_the_village_after_a_denial_is_the_denied_place(analyse):
    _, claims = analyse("Ukraine's General Staff on Tuesday denied a claim by the Russian "
                        "Defense Ministry that its troops had captured Zelene, saying fighting "
                        "was ongoing in the village.")
    fighting = [c for c in claims if c.event_type == "fighting"]
    assert [(c.claimant_side, c.mention.span.text) for c in fighting] == [("UA", "Zelene")], \
        _show(claims)
    assert any("read as Zelene" in note for note in fighting[0].notes)


def test_the_town_with_another_place_after_the_trigger_is_not_read(analyse):
    _, claims = analyse("Ukraine's General Staff on Tuesday denied that Russian troops had "
                        "captured Toretsk, saying fighting was going on in the town and near "
                        "Shcherbynivka.")
    fighting = [c for c in claims if c.event_type == "fighting"]
    assert [c.mention.span.text for c in fighting] == ["Shcherbynivka"], _show(claims)


def test_a_headline_and_its_body_give_one_denial_with_the_bodys_claimant(analyse):
    _, claims = analyse("Ukraine denies Russian capture of Kupiansk\n\nUkraine's General Staff "
                        "on Tuesday denied that Russian troops had captured Kupiansk.")
    denials = [c for c in claims if c.event_type == "denial"]
    assert [(c.claimant, c.date_start.isoformat()) for c in denials] == [
        ("Ukraine's General Staff", TUE)], _show(claims)
    assert any(note.startswith("repeated in the article") for note in denials[0].notes)


def test_a_repeated_denial_by_the_same_side_is_one(analyse):
    _, claims = analyse("Kyiv on Tuesday rejected Moscow's claim that Russian forces had taken "
                        "Vovchansk. \"The report of the capture of Vovchansk is false,\" the "
                        "Kharkiv operational-tactical group said.")
    assert [(c.claimant, c.event_type) for c in claims] == [("Kyiv", "denial")], _show(claims)


def test_officials_of_an_occupied_oblast_get_no_side(analyse):
    _, claims = analyse("Officials in the Zaporizhzhia region said shelling hit Vasylivka on "
                        "Tuesday.")
    assert [(c.claimant_side, c.event_type) for c in claims] == [("UNKNOWN", "strike")], \
        _show(claims)


def test_within_km_with_a_parenthesis_is_near_with_the_distance(analyse):
    _, claims = analyse("Russian troops have advanced to within 3 kilometers (about 2 miles) "
                        "of Kurakhove, the Institute for the Study of War said.")
    m = next(c.mention for c in claims if c.event_type == "advance")
    assert (m.span.text, m.precision, m.span.distance_km) == ("Kurakhove", 2, 3.0)
    assert "within 3 km of" in m.reason


@pytest.mark.parametrize("text", [
    "The enemy attacked nine times in the direction of Lyman, the General Staff reported.",
    "Fighting continued on the approaches to Lyman, the General Staff reported.",
    "Russian forces advanced east of Lyman, the Institute for the Study of War said.",
])
def test_toward_a_place_is_near_it_not_at_it(analyse, text):
    _, claims = analyse(text)
    assert [(c.mention.span.text, c.mention.precision, c.mention.approximate)
            for c in claims] == [("Lyman", 2, False)], _show(claims)


def test_attack_counts_in_the_direction_of(analyse):
    _, claims = analyse("The enemy attacked nine times in the direction of Lyman and near "
                        "Torske, the General Staff reported.")
    assert sorted((c.mention.span.text, c.mention.precision, c.count) for c in claims) == [
        ("Lyman", 2, 9), ("Torske", 1, 9)], _show(claims)


def test_the_groups_sentence_reads_the_ministrys_report(analyse):
    _, claims = analyse("Units of the Vostok group repelled three attacks near Velyka Novosilka "
                        "on Tuesday, the Russian Defense Ministry said. The Zapad group "
                        "liberated Kruhliakivka, and the Yug group improved its positions near "
                        "Siversk.", publisher="TASS")
    assert [c.claimant for c in claims] == ["the Russian Defense Ministry"] * 3, _show(claims)
    assert [c.event_type for c in claims][:2] == ["repelled", "control"], _show(claims)


def test_a_group_alone_still_reports_itself(analyse):
    _, claims = analyse("The Zapad group liberated Kruhliakivka on Tuesday.", publisher="TASS")
    assert [(c.claimant, c.claimant_side) for c in claims] == [("The Zapad group", "RU")], \
        _show(claims)


def test_took_part_is_no_capture(analyse):
    _, claims = analyse("Ukrainian officials took part in talks in Istanbul on Tuesday.")
    assert claims == [], _show(claims)


# --- Russian and Ukrainian ------------------------------------------------------------------

def test_slavic_report_denied_by_a_predicate_after_it(extractor):
    rows = run(extractor, "Заявления Минобороны России о взятии Кондрашовки не соответствуют "
               "действительности, сообщили в Генштабе ВСУ.", "ru", PUB)
    got = sorted((r["claimant"], r["claimant_side"], r["event_type"], r["place_name"])
                 for r in rows)
    assert got == [("Генштаб ЗСУ", "UA", "denial", "Кондрашовки"),
                   ("Минобороны России", "RU", "control", "Кондрашовки")], rows
    denial = next(r for r in rows if r["event_type"] == "denial")
    control = next(r for r in rows if r["event_type"] == "control")
    assert denial["disputes"] == control["claim_id"]


def test_slavic_report_of_a_side_alone_before_the_predicate_keeps_only_the_denial(extractor):
    rows = run(extractor, "Повідомлення окупантів про захоплення Новоєгорівки не відповідають "
               "дійсності, заявили в Генштабі ЗСУ.", "uk", PUB)
    assert [(r["claimant_side"], r["event_type"], r["place_name"]) for r in rows] == [
        ("UA", "denial", "Новоєгорівки")], rows


def test_slavic_a_claim_verb_is_no_report_noun(extractor):
    rows = run(extractor, "Росіяни заявили про захоплення Новоєгорівки, але в Генштабі ЗСУ це "
               "спростували.", "uk", PUB)
    assert sorted((r["claimant_side"], r["event_type"]) for r in rows) == [
        ("RU", "control"), ("UA", "denial")], rows


def test_slavic_southern_defence_forces_are_ukrainian(extractor):
    rows = run(extractor, "Сили оборони півдня України повідомили, що росіяни обстріляли "
               "Нікополь.", "uk", PUB)
    assert [(r["claimant"], r["claimant_side"], r["event_type"]) for r in rows] == [
        ("Сили оборони півдня України", "UA", "strike")], rows


def test_slavic_holding_positions_in_the_village_before(extractor):
    rows = run(extractor, "Российские войска освободили Плехово. Подразделения удерживают "
               "позиции в селе, сообщили в Минобороны России.", "ru", PUB)
    assert [(r["event_type"], r["place_name"]) for r in rows] == [
        ("control", "Плехово")], rows  # the holding repeats the capture: folded


def test_slavic_air_strike(extractor):
    rows = run(extractor, "Росіяни завдали авіаудару по Золочеву, повідомив Олег Синєгубов.",
               "uk", PUB)
    assert [(r["claimant_side"], r["event_type"], r["actor_side"]) for r in rows] == [
        ("UA", "strike", "RU")], rows


@pytest.mark.parametrize(("text", "lang", "place", "bearing", "distance"), [
    ("Бои идут на подступах к Купянску, сообщил Андрей Марочко.", "ru", "Купянску",
     None, None),
    ("На околицях Лимана тривають бої, повідомили в Генштабі ЗСУ.", "uk", "Лимана", None, None),
    ("Российские подразделения продвинулись на 3 км севернее Торецка, сообщили в Минобороны "
     "России.", "ru", "Торецка", 0.0, 3.0),
    ("Ворог просунувся на південь від Покровська, повідомили в DeepState.", "uk", "Покровська",
     180.0, None),
    ("Бои идут в 4 км от Константиновки, сообщил Андрей Марочко.", "ru", "Константиновки",
     None, 4.0),
])
def test_slavic_toward_a_place_is_near_it(extractor, text, lang, place, bearing, distance):
    rows = run(extractor, text, lang, PUB)
    assert [(r["place_name"], r["precision"]) for r in rows] == [(place, 2)], rows
    reason = rows[0]["place_reason"]
    if bearing is not None:
        assert f"at bearing {bearing:.0f}°" in reason, reason
    if distance is not None:
        assert f"{distance:.0f} km" in reason, reason


def test_slavic_in_the_area_of_stays_at_the_place(extractor):
    rows = run(extractor, "Бои идут в районе Купянска, сообщил Андрей Марочко.", "ru", PUB)
    assert [(r["place_name"], r["precision"]) for r in rows] == [("Купянска", 1)], rows


def test_denied_it_denies_the_claim_before(analyse):
    _, claims = analyse("Russia's Defense Ministry said on Tuesday its forces had taken full "
                        "control of Vovchansk. Ukraine's military denied it.")
    denial = [c for c in claims if c.event_type == "denial"]
    assert [(c.claimant_side, c.mention.span.text) for c in denial] == [("UA", "Vovchansk")], \
        _show(claims)
    assert denial[0].disputes is next(c for c in claims if c.event_type == "control")


@pytest.mark.parametrize("answer", ["Kyiv did not deny it.", "Kyiv would not deny it."])
def test_a_negated_or_modal_denial_of_it_is_none(analyse, answer):
    _, claims = analyse("Russia's Defense Ministry said on Tuesday its forces had taken full "
                        f"control of Vovchansk. {answer}")
    assert [c.event_type for c in claims] == ["control"], _show(claims)


@pytest.mark.parametrize(("text", "bearing", "distance"), [
    ("Ворог просунувся на 2 км на північ від Бахмута, повідомили в DeepState.", 0.0, 2.0),
    ("Ворог просунувся на північний схід від Бахмута, повідомили в DeepState.", 45.0, None),
    ("Российские войска продвинулись в 5 км к югу от Бахмута, сообщили в Минобороны России.",
     180.0, 5.0),
])
def test_slavic_bearing_nouns_with_a_distance(extractor, text, bearing, distance):
    rows = run(extractor, text, "uk" if "Ворог" in text else "ru", PUB)
    assert [r["precision"] for r in rows] == [2], rows
    reason = rows[0]["place_reason"]
    assert f"{distance or 10:.0f} km at bearing {bearing:.0f}°" in reason, reason


def test_a_region_around_an_unknown_village_is_no_claim_of_its_own(analyse):
    # a name made up for this test, so that the real gazetteer surely lacks it
    _, claims = analyse("Russia's Defense Ministry said on Tuesday its troops had seized the "
                        "village of Zarechnoye-Bolshoye in Russia's Kursk region.")
    assert [(c.mention.span.text, c.mention.approximate, c.mention.place.admin1)
            for c in claims] == [("Zarechnoye-Bolshoye", True, "RU-KRS")], _show(claims)


def test_slavic_a_country_speaks_for_its_side(extractor):
    rows = run(extractor, "Росія заявила про захоплення Новопавлівки. Генштаб ЗСУ це "
               "спростував.", "uk", PUB)
    assert [(r["claimant"], r["claimant_side"], r["event_type"]) for r in rows] == [
        ("Росія", "RU", "control"), ("Генштаб ЗСУ", "UA", "denial")], rows


def test_slavic_a_headline_repeated_by_the_body_is_one_claim(extractor):
    rows = run(extractor, "ВС РФ освободили Плехово\n\nПодразделения группировки «Север» "
               "освободили Плехово Курской области, сообщили в Минобороны России.", "ru", PUB)
    assert [(r["claimant"], r["event_type"], r["place_name"]) for r in rows] == [
        ("Минобороны России", "control", "Плехово")], rows


def test_claims_that_were_false_in_reported_speech_deny(analyse):
    _, claims = analyse("Russia's Defense Ministry said on Tuesday its forces had liberated "
                        "Mala Tokmachka. A spokesman for Ukraine's Tavria group said the Russian "
                        "claims were false and that the village remained under Ukrainian "
                        "control.")
    assert sorted((c.claimant_side, c.event_type) for c in claims) == [
        ("RU", "control"), ("UA", "control"), ("UA", "denial")], _show(claims)
