"""Rules of session 6 (issue 12, a sixth set) for the causes the sixth benchmark set showed.

Every sentence here is written for these tests; none is copied from an article nor from
the benchmark sets (other villages, other phrasings). Conventions (claimant, side, event,
place, day) as in ``test_session4_rules.py``.
"""

from __future__ import annotations

import pytest

from tests.geomap.nlp import slavic_cases
from tests.geomap.nlp.slavic_cases import run
from tests.geomap.nlp.test_reporting import TUE, Want, _case, _show, assert_wants
from tests.geomap.nlp.test_session4_rules import PUB

extractor = slavic_cases.extractor  # the shared fixture

CASES = [
    # --- attempts and their outcome ------------------------------------------------------
    _case("attempts-stopped-same-sentence", "Ukrainian troops tried three times on Tuesday to "
          "break through near Gordeevka, but all the attempts were stopped, the Russian "
          "defence ministry said.",
          Want("Russian defence ministry", "RU", "repelled", "Gordeevka", TUE)),
    _case("stopped-the-assaults-next-sentence", "The enemy attacked six times near Hlushkivka "
          "on Tuesday. Our defenders stopped all the assaults, the General Staff reported.",
          Want("General Staff", "UA", "repelled", "Hlushkivka", TUE)),
    _case("thwarted-attempts-amod", "Russia's Defense Ministry said its forces had thwarted "
          "attempts by Ukrainian groups to break through near Tyotkino on Tuesday.",
          Want("Defense Ministry", "RU", "repelled", "Tyotkino", TUE)),
    # --- a claim inside a denial, and the denial -----------------------------------------
    _case("denied-named-claim", "Ukraine's military on Tuesday dismissed statements by "
          "Ramzan Kadyrov that Russian forces had captured Myropillia.",
          Want("Kadyrov", "RU", "control", "Myropillia", TUE),
          Want("Ukraine's military", "UA", "denial", "Myropillia", TUE)),
    _case("called-the-claim-false", "Russia's Defense Ministry said on Tuesday its troops had "
          "taken Kolisnykivka. Ukraine's General Staff called the claim false.",
          Want("Defense Ministry", "RU", "control", "Kolisnykivka", TUE),
          Want("General Staff", "UA", "denial", "Kolisnykivka")),
    # --- "the town", "the village": the one settlement of the claims before ---------------
    _case("the-town-next-sentence", "Russia's defence ministry said on Tuesday its forces had "
          "captured Toretsk. Ukraine's General Staff said fighting was still going on in the "
          "town.",
          Want("defence ministry", "RU", "control", "Toretsk", TUE),
          Want("General Staff", "UA", "fighting", "Toretsk")),
    # --- places ------------------------------------------------------------------------
    _case("list-items-with-their-regions", "Russia's defence ministry said on Tuesday its "
          "forces had taken the villages of Kurakhivka in the Donetsk region and Yehorivka in "
          "the Dnipropetrovsk region.",
          Want("defence ministry", "RU", "control", "Kurakhivka", TUE),
          Want("defence ministry", "RU", "control", "Yehorivka", TUE)),
    _case("within-miles-of", "Russian troops have advanced to within three miles of Pokrovsk, "
          "the Institute for the Study of War said on Tuesday.",
          Want("Institute", "INDEPENDENT", "advance", "Pokrovsk", TUE)),
]


@pytest.mark.parametrize(("text", "publisher", "wants"), CASES)
def test_report(analyse, text, publisher, wants):
    _, claims = analyse(text, publisher=publisher)
    assert_wants(claims, wants)


# --- English: what the cases above do not pin ----------------------------------------------

def test_attempts_stopped_are_repelled_by_the_side_attacked_with_the_count(analyse):
    _, claims = analyse("Ukrainian troops tried three times on Tuesday to break through near "
                        "Gordeevka, but all the attempts were stopped, the Russian defence "
                        "ministry said.")
    assert [(c.event_type, c.actor_side, c.count) for c in claims] == [
        ("repelled", "RU", 3)], _show(claims)


def test_the_repel_sentence_names_the_source_of_unattributed_attacks(analyse):
    _, claims = analyse("The enemy attacked six times near Hlushkivka on Tuesday. Our "
                        "defenders stopped all the assaults, the General Staff reported.",
                        publisher="Ukrinform")
    assert [(c.claimant, c.claimant_side, c.event_type, c.actor_side, c.count)
            for c in claims] == [("the General Staff", "UA", "repelled", "UA", 6)], \
        _show(claims)


def test_an_attempt_not_stopped_stays_an_attack(analyse):
    _, claims = analyse("Russian units tried to break through near Hlushkivka on Tuesday, the "
                        "General Staff said.")
    assert [c.event_type for c in claims] == ["attack"], _show(claims)


def test_repelled_counterattacks_are_counted(analyse):
    _, claims = analyse("Russian forces repelled seven Ukrainian counterattacks near Kolotilovka "
                        "on Tuesday, the defence ministry said.")
    assert [(c.event_type, c.actor_side, c.count) for c in claims] == [
        ("repelled", "RU", 7)], _show(claims)


def test_the_denied_claim_is_its_makers_and_the_denial_disputes_it(analyse):
    _, claims = analyse("Ukraine's military on Tuesday dismissed statements by Ramzan Kadyrov "
                        "that Russian forces had captured Myropillia.")
    made = [c for c in claims if c.event_type == "control"]
    denial = [c for c in claims if c.event_type == "denial"]
    assert [(c.claimant_side, c.actor_side) for c in made] == [("RU", "RU")], _show(claims)
    assert len(denial) == 1 and denial[0].disputes is made[0], _show(claims)


def test_a_side_alone_names_no_maker_of_a_denied_claim(analyse):
    _, claims = analyse("Ukraine's military on Tuesday dismissed Russian claims that Moscow's "
                        "forces had captured Myropillia.")
    assert [c.event_type for c in claims] == ["denial"], _show(claims)


def test_a_possessive_or_compound_maker_is_named_without_its_s(analyse):
    _, claims = analyse("Zelensky on Tuesday rejected Putin's claim that Russian troops had "
                        "surrounded Kupiansk.")
    assert {(c.claimant, c.event_type) for c in claims} == {
        ("Putin", "advance"), ("Zelensky", "denial")}, _show(claims)


def test_a_claim_answered_by_a_coordinated_denial_is_the_claimants(analyse):
    _, claims = analyse("Russia claimed on Tuesday to have captured Chasiv Yar, and Ukraine's "
                        "military denied it.")
    assert sorted((c.claimant, c.claimant_side, c.event_type) for c in claims) == [
        ("Russia", "RU", "control"), ("Ukraine's military", "UA", "denial")], _show(claims)


def test_a_participle_after_a_denial_asserts(analyse):
    _, claims = analyse("Russia's defence ministry said on Tuesday its troops had captured "
                        "Kolisnykivka. Kyiv rejected the claim, saying fighting was continuing "
                        "in the village.")
    assert ("UA", "fighting", "Kolisnykivka") in {
        (c.claimant_side, c.event_type, c.mention.span.text) for c in claims}, _show(claims)


def test_the_town_with_two_settlements_before_is_ambiguous(analyse):
    _, claims = analyse("Russia's defence ministry said on Tuesday its forces had captured "
                        "Toretsk and Shcherbynivka. Ukraine's General Staff said fighting was "
                        "still going on in the town.")
    assert "fighting" not in {c.event_type for c in claims}, _show(claims)


def test_a_named_town_is_no_coreference(analyse):
    _, claims = analyse("Russia's defence ministry said on Tuesday its forces had captured "
                        "Toretsk. Its capture would open the road to the town of Kostiantynivka.")
    assert [(c.event_type, c.mention.span.text) for c in claims] == [
        ("control", "Toretsk")], _show(claims)


def test_a_bearing_in_an_apposition_is_an_anchor(analyse):
    _, claims = analyse("Russia's defence ministry said on Tuesday its forces had captured "
                        "Kamianka, a village on the Oskil river north of Kupiansk.")
    assert [c.mention.span.text for c in claims] == ["Kamianka"], _show(claims)


def test_list_items_take_the_namesake_of_their_own_region(analyse):
    _, claims = analyse("Russia's defence ministry said on Tuesday its forces had taken the "
                        "villages of Kurakhivka in the Donetsk region and Yehorivka in the "
                        "Dnipropetrovsk region.")
    assert {c.mention.span.text: c.mention.place.admin1 for c in claims} == {
        "Kurakhivka": "UA-14", "Yehorivka": "UA-12"}, _show(claims)


def test_villages_of_a_named_region_stay_in_it(analyse):
    _, claims = analyse("Ukrainian drones attacked Zhuravlevka and Demidovka in the Belgorod "
                        "region overnight, Governor Vyacheslav Gladkov said on Tuesday.")
    assert {(c.mention.span.text, c.mention.place.admin1) for c in claims} == {
        ("Zhuravlevka", "RU-BEL"), ("Demidovka", "RU-BEL")}, _show(claims)


def test_within_miles_of_is_a_relative_place_in_kilometres(analyse):
    mentions, _ = analyse("Russian troops have advanced to within three miles of Pokrovsk, the "
                          "Institute for the Study of War said on Tuesday.")
    pokrovsk = [m for m in mentions if m.span.text == "Pokrovsk"]
    assert pokrovsk and pokrovsk[0].precision == 2 and pokrovsk[0].uncertainty_km >= 3 * 1.6


# --- Russian and Ukrainian ------------------------------------------------------------------

def _claims(rows):
    return [(r["claimant"], r["claimant_side"], r["event_type"], r["actor_side"],
             r["place_label"], r["count"]) for r in rows]


def test_slavic_group_of_forces_report_is_the_ministrys(extractor):
    rows = run(extractor, "Подразделения группировки войск «Центр» освободили населённый пункт "
               "Шевченко, сообщили в Минобороны России.", "ru", PUB)
    assert [(r["claimant"], r["claimant_side"], r["event_type"], r["actor_side"])
            for r in rows] == [("Минобороны России", "RU", "control", "RU")], rows


def test_slavic_group_of_forces_alone_is_the_ministrys_when_the_article_names_it(extractor):
    rows = run(extractor, "В Минобороны России сообщили об освобождении Шевченко. Кроме того, "
               "бойцы группировки «Юг» взяли под контроль Ивановку.", "ru", PUB)
    assert {r["claimant"] for r in rows} == {"Минобороны России"}, rows


def test_slavic_counterattacks_counted(extractor):
    rows = run(extractor, "Бойцы группировки «Север» отразили три контратаки ВСУ в районе "
               "Плехово, сообщило Минобороны России.", "ru", PUB)
    assert [(r["event_type"], r["actor_side"], r["count"]) for r in rows] == [
        ("repelled", "RU", 3)], rows


def test_slavic_attempts_stopped_next_sentence(extractor):
    rows = run(extractor, "На Лиманському напрямку ворог тричі намагався прорвати оборону поблизу "
               "Ямполя. Усі спроби зупинено.", "uk", PUB)
    assert [(r["event_type"], r["actor_side"], r["count"]) for r in rows] == [
        ("repelled", "UA", 3)], rows


def test_slavic_attempts_stopped_russian(extractor):
    rows = run(extractor, "ВСУ дважды пытались прорваться к Теткино, все попытки пресечены, "
               "сообщил Александр Хинштейн.", "ru", PUB)
    assert [(r["claimant_side"], r["event_type"], r["actor_side"], r["count"])
            for r in rows] == [("RU", "repelled", "RU", 2)], rows


def test_slavic_denied_claim_of_a_named_claimant(extractor):
    rows = run(extractor, "Генштаб ЗСУ спростував заяву Міноборони Росії про захоплення "
               "Кіндрашівки.", "uk", PUB)
    assert sorted((r["claimant_side"], r["event_type"], r["actor_side"]) for r in rows) == [
        ("RU", "control", "RU"), ("UA", "denial", "UA")], rows
    denial = next(r for r in rows if r["event_type"] == "denial")
    control = next(r for r in rows if r["event_type"] == "control")
    assert denial["disputes"] == control["claim_id"]


def test_slavic_side_alone_names_no_maker(extractor):
    rows = run(extractor, "У ЦПД спростували заяви росіян про захоплення Кіндрашівки.", "uk",
               PUB)
    assert [r["event_type"] for r in rows] == ["denial"], rows


def test_slavic_claim_before_a_contrasted_denial_is_its_clauses(extractor):
    rows = run(extractor, "Російські військові заявили про захоплення Юнаківки, але в ДПСУ це "
               "спростували.", "uk", PUB)
    assert sorted((r["claimant_side"], r["event_type"]) for r in rows) == [
        ("RU", "control"), ("UA", "denial")], rows
    assert "Державн" not in " ".join(str(r["place_label"]) for r in rows)


def test_slavic_claimant_name_is_no_place(extractor):
    rows = run(extractor, "Ворог обстріляв Юнаківку, повідомили у Державній прикордонній службі.",
               "uk", PUB)
    assert [r["place_name"] for r in rows] == ["Юнаківку"], rows


def test_slavic_quoted_denial_is_not_repeated(extractor):
    rows = run(extractor, "Генштаб ВСУ опроверг сообщения о взятии Купянска. «Это не "
               "соответствует действительности», говорится в сообщении.", "ru", PUB)
    assert [r["event_type"] for r in rows] == ["denial"], rows


def test_slavic_negated_capture_is_a_denial(extractor):
    rows = run(extractor, "За даними DeepState, ворог не окупував Грабовське.", "uk", PUB)
    assert [(r["claimant_side"], r["event_type"]) for r in rows] == [
        ("INDEPENDENT", "denial")], rows


def test_slavic_the_village_is_the_one_before(extractor):
    rows = run(extractor, "Бійці бригади відбили штурм окупантів біля Кіндрашівки. Село "
               "залишається під контролем Сил оборони.", "uk", PUB)
    assert sorted((r["event_type"], r["actor_side"], r["place_name"]) for r in rows) == [
        ("control", "UA", "Кіндрашівки"), ("repelled", "UA", "Кіндрашівки")], rows


def test_slavic_a_generic_source_noun_is_the_ministry_before(extractor):
    rows = run(extractor, "Генштаб ВСУ опроверг заявление Минобороны России о взятии Купянска. "
               "Ранее российское ведомство сообщило, что военные полностью освободили город.",
               "ru", PUB)
    control = [r for r in rows if r["event_type"] == "control"]
    assert [(r["claimant"], r["claimant_side"]) for r in control] == [
        ("Минобороны России", "RU")], rows  # the second is the same claim: folded


def test_slavic_origin_of_an_attack_is_no_place(extractor):
    rows = run(extractor, "Штурмовые подразделения ВС РФ вошли в Степногорск. Противник пытается "
               "контратаковать со стороны Приморского.", "ru", PUB)
    assert [(r["event_type"], r["place_name"]) for r in rows] == [
        ("advance", "Степногорск")], rows


def test_slavic_name_abroad_takes_its_namesake_in_the_theatre(extractor):
    rows = run(extractor, "ВС РФ вошли в Степногорск.", "ru", PUB)
    assert [r["country"] for r in rows] == ["UA"], rows


def test_slavic_russian_name_in_its_region_in_ukrainian_spelling(extractor):
    rows = run(extractor, "Минобороны России заявило о захвате села Плещеевка в Донецкой "
               "области.", "ru", PUB)
    assert [(r["event_type"], r["approximate"], r["place_kind"]) for r in rows] == [
        ("control", False, "settlement")], rows


def test_slavic_invaders_are_no_capture(extractor):
    rows = run(extractor, "Захватчики обстреляли Херсон, сообщили в ОВА.", "ru", PUB)
    assert [r["event_type"] for r in rows] == ["strike"], rows


def test_slavic_ukrainian_voice_of_an_unknown_publisher(extractor):
    rows = run(extractor, "Бійці бригади відбили атаку окупантів поблизу Іванополя.", "uk", PUB,
               source="Пресслужба 93 ОМБр")
    assert {r["claimant_side"] for r in rows} == {"UA"}, rows


def test_slavic_prosecutors_are_ukraines(extractor):
    rows = run(extractor, "Окупанти обстріляли Кізомис, повідомили в Офісі Генпрокурора.", "uk",
               PUB)
    assert [(r["claimant"], r["claimant_side"]) for r in rows] == [
        ("Офіс Генпрокурора", "UA")], rows


def test_slavic_negated_advance_is_no_claim(extractor):
    rows = run(extractor, "На Покровському напрямку ворог 14 разів атакував поблизу Мирнограда. "
               "Противник не просунувся.", "uk", PUB)
    assert [(r["event_type"], r["count"]) for r in rows] == [("attack", 14)], rows


def test_slavic_the_town_after_a_denial_in_its_sentence(extractor):
    rows = run(extractor, "Окупанти не захопили Вовчанськ, місто під контролем ЗСУ, заявив "
               "речник.", "uk", PUB)
    assert sorted((r["event_type"], r["actor_side"]) for r in rows) == [
        ("control", "UA"), ("denial", "RU")], rows


def test_slavic_the_town_of_the_same_claim_is_not_a_second_claim(extractor):
    rows = run(extractor, "Штурмовые подразделения ВС РФ вошли в Степногорск и ведут бои в "
               "центре поселка.", "ru", PUB)
    assert [r["event_type"] for r in rows] == ["advance"], rows
