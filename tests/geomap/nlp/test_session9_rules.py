"""Rules of session 9 (issue 12, a ninth set) for the causes the ninth benchmark set showed.

Every sentence here is written for these tests; none is copied from an article nor from
the benchmark sets (other villages, other phrasings). Conventions (claimant, side, event,
place, day) as in ``test_session4_rules.py``; English texts are published on Friday
2025-03-14, Russian/Ukrainian ones on Thursday 2025-03-13.
"""

from __future__ import annotations

from gazetteer.geodesy import haversine_km
from geomap.nlp.pipeline import unshout
from tests.geomap.nlp import slavic_cases
from tests.geomap.nlp.slavic_cases import got as _got
from tests.geomap.nlp.slavic_cases import run
from tests.geomap.nlp.slavic_cases import side_event_place as _rows
from tests.geomap.nlp.test_reporting import _show
from tests.geomap.nlp.test_session4_rules import PUB

extractor = slavic_cases.extractor  # the shared fixture


# --- people's republics are regions ---------------------------------------------------------

def test_a_peoples_republic_is_its_oblast_not_the_city(analyse):
    analysis = analyse("Russia's Defence Ministry said its units had taken Kalynove in the "
                       "Donetsk People's Republic on Tuesday.")
    region = analysis.mention("Donetsk People's Republic")
    assert (region.place.kind, region.place.admin1) == ("admin1", "UA-14")
    village = analysis.mention("Kalynove")
    assert village.place.admin1 == "UA-14"  # not the Kalynove of Kyiv oblast
    assert _got(analysis.claims) == [("RU", "control", "Kalynove")], _show(analysis.claims)


def test_a_republics_acronym_places_its_villages_in_the_oblast(analyse):
    analysis = analyse("Russian troops pushed Ukrainian units out of Holubivka in the LPR, "
                       "the Russian Defence Ministry said.")
    region = analysis.mention("LPR")
    assert (region.place.kind, region.place.admin1) == ("admin1", "UA-09")
    assert analysis.mention("Holubivka").place.admin1 == "UA-09"
    assert _got(analysis.claims) == [("RU", "control", "Holubivka")], _show(analysis.claims)


def test_the_city_of_donetsk_stays_the_city_beside_the_republic(analyse):
    analysis = analyse("Ukrainian shelling hit Donetsk overnight, killing a man, the "
                       "authorities of the Donetsk People's Republic said.")
    strikes = analysis.claims_of("strike")
    assert [c.mention.place.kind for c in strikes] == ["settlement"], _show(analysis.claims)


# --- an alternate name deep in Russia ------------------------------------------------------

def test_an_alternate_name_deep_in_russia_yields_to_the_front_line_town(analyse):
    analysis = analyse("Russia's army said on Tuesday that its troops were closing in on "
                       "Pokrovsk from the south.")
    place = analysis.mention("Pokrovsk").place
    assert (place.name, place.admin1) == ("Pokrovsk", "UA-14"), place


def test_the_alternate_name_stays_when_the_article_names_its_region(analyse):
    analysis = analyse("Ukrainian drones struck an oil depot in Pokrovsk in Russia's Saratov "
                       "region, the local governor said.")
    assert analysis.mention("Pokrovsk").place.admin1 == "RU-SAR"


# --- evacuation orders -----------------------------------------------------------------------

def test_an_ordered_evacuation_is_an_evacuation_by_who_ordered_it(analyse):
    _, claims = analyse("Kharkiv Oblast Governor Oleh Syniehubov on Wednesday ordered the "
                        "mandatory evacuation of Kivsharivka.")
    assert _got(claims) == [("UA", "evacuation", "Kivsharivka")], _show(claims)
    assert "Syniehubov" in claims[0].claimant


def test_a_possible_evacuation_order_stays_a_plan(analyse):
    _, claims = analyse("Syniehubov said he might order the evacuation of Kivsharivka if "
                        "the bombing went on.")
    assert not [c for c in claims if c.event_type == "evacuation"], _show(claims)


# --- "according to X, but Y said" ---------------------------------------------------------

def test_according_to_on_the_capture_clause_is_its_source(analyse):
    _, claims = analyse("Russian forces have captured Dyliivka, according to Russian war "
                        "correspondents, but the Ukrainian army said fighting went on.")
    capture = [c for c in claims if c.event_type == "control"]
    assert [(c.claimant_side, c.mention.span.text) for c in capture] == \
        [("RU", "Dyliivka")], _show(claims)
    assert "correspondents" in capture[0].claimant


# --- officials with no region -------------------------------------------------------------

def test_unnamed_regional_officials_speak_for_the_side_that_governs_the_place(analyse):
    _, claims = analyse("Russian glide bombs hit Krasnopillia on Wednesday, local officials "
                        "said.")
    assert _got(claims) == [("UA", "strike", "Krasnopillia")], _show(claims)
    _, claims = analyse("A Ukrainian drone damaged a power line in Tyotkino, the governor "
                        "wrote on Telegram.")
    assert _got(claims) == [("RU", "strike", "Tyotkino")], _show(claims)


def test_unnamed_officials_of_a_contested_region_give_no_side(analyse):
    _, claims = analyse("A missile hit Druzhkivka on Wednesday, regional officials said.")
    assert _got(claims) == [("UNKNOWN", "strike", "Druzhkivka")], _show(claims)


# --- a bare "the ministry" -----------------------------------------------------------------

def test_a_bare_ministry_reporting_its_forces_gain_is_that_sides(analyse):
    _, claims = analyse("Russian units have taken control of Bahatyr, the defence ministry "
                        "said on Tuesday.")
    assert _got(claims) == [("RU", "control", "Bahatyr")], _show(claims)


def test_a_bare_ministry_with_no_side_named_stays_unknown(analyse):
    _, claims = analyse("Its units have taken control of Bahatyr, the ministry said.")
    assert _got(claims) == [("UNKNOWN", "control", "Bahatyr")], _show(claims)


# --- namesakes in a named region --------------------------------------------------------------

def test_a_namesake_in_the_named_region_is_the_one_near_the_other_places(analyse):
    analysis = analyse("Ukraine's army said it had held off assaults near Kurakhove. Russia "
                       "said on Tuesday its forces had seized Andriivka in the Donetsk region.")
    town = analysis.mention("Kurakhove").place
    village = analysis.mention("Andriivka").place
    assert village.admin1 == "UA-14"
    assert haversine_km(village.lat, village.lon, town.lat, town.lon) < 40, village


def test_a_lone_village_of_a_named_region_keeps_its_first_namesake(analyse):
    analysis = analyse("Russia's Defence Ministry said its troops had taken Novoselivka in "
                       "the Donetsk region.")
    first = analysis.mention("Novoselivka").place
    assert first.admin1 == "UA-14"


# --- lists, shouting, footholds, outskirts ---------------------------------------------------

def test_among_them_lists_the_counted_villages(analyse):
    _, claims = analyse("Moscow said its forces had seized three villages, among them "
                        "Kotliarivka and Bahatyr in the Donetsk region.")
    assert _got(claims) == [("RU", "control", "Bahatyr"), ("RU", "control", "Kotliarivka")], \
        _show(claims)


def test_shouted_event_words_are_read_in_lower_case():
    assert unshout("Our stormtroopers LIBERATED Bahatyr! BREAKING: ISW, HIMARS") == \
        "Our stormtroopers liberated Bahatyr! BREAKING: ISW, HIMARS"


def test_a_shouted_capture_in_a_telegram_post_is_a_claim(extractor):
    rows = run(extractor, "\u26a1 Our stormtroopers have LIBERATED Bahatyr!!! #SMO", "en", PUB,
               source="Rybar")
    assert _rows(rows) == [("RU", "control", "Bahatyr")], rows


def test_a_foothold_is_an_advance(extractor):
    rows = run(extractor, "Штурмовые отряды закрепились в Новопавловке, сообщает Рыбарь.",
               "ru", PUB, source="Рыбарь")
    assert [(r["claimant_side"], r["event_type"]) for r in rows] == [("RU", "advance")], rows
    rows = run(extractor, "Противник закріпився на околиці Диліївки, повідомили аналітики "
               "DeepState.", "uk", PUB, source="DeepState")
    assert [(r["claimant_side"], r["event_type"]) for r in rows] == \
        [("INDEPENDENT", "advance")], rows


def test_the_outskirts_of_a_town_are_near_it(extractor):
    rows = run(extractor, "Ukraine's General Staff said clashes were under way on the "
               "outskirts of Lyman on Thursday.", "en", PUB, source="Reuters")
    assert [(r["claimant_side"], r["event_type"], r["place_name"], r["precision"])
            for r in rows] == [("UA", "fighting", "Lyman", 2)], rows


def test_holding_off_attacks_is_a_repel_not_a_holding(analyse):
    _, claims = analyse("The 93rd brigade held off four Russian assaults near Bila Hora on "
                        "Tuesday, Ukraine's army said.")
    assert _got(claims) == [("UA", "repelled", "Bila Hora")], _show(claims)


def test_a_speech_gerund_after_a_denial_opens_the_deniers_own_account(extractor):
    rows = run(extractor, "Генштаб ЗСУ спростував заяву Міноборони Росії про захоплення "
               "Торецька, наголосивши, що бої в місті тривають.", "uk", PUB,
               source="Укрінформ")
    assert _rows(rows) == [("RU", "control", "Торецька"), ("UA", "denial", "Торецька"),
                           ("UA", "fighting", "Торецька")], rows
    rows = run(extractor, "Минобороны России сообщило о взятии Новопавловки в Донецкой "
               "области. В ВСУ это опровергли, добавив, что село под контролем украинских "
               "войск.", "ru", PUB, source="Медуза")
    assert ("UA", "control", "Новопавловки") in _rows(rows), rows


def test_the_neighbour_across_a_border_is_no_evacuation_place(analyse):
    _, claims = analyse("Kyiv ordered the evacuation of 3,000 residents from the border area "
                        "with Bryansk on Tuesday. Officials in the Bryansk region said the "
                        "area was quiet.")
    assert not [c for c in claims if c.event_type == "evacuation" and c.mention is not None
                and c.mention.span.text == "Bryansk"], _show(claims)
