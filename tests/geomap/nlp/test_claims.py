"""Claims (geomap.nlp.claims): who says what happened where and when."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.nlp.claims import side_of

FRIDAY = dt.date(2025, 3, 14)  # the publication date of every article here


def only(claims, event_type=None):
    found = [c for c in claims if event_type is None or c.event_type == event_type]
    assert len(found) == 1, [(c.event_type, c.claimant, c.mention and c.mention.span.text)
                             for c in claims]
    return found[0]


def place_of(claim) -> str | None:
    return claim.mention.span.text if claim.mention else None


# --- claimant --------------------------------------------------------------------------

def test_claimant_of_a_trailing_defence_ministry_said(analyse):
    _, claims = analyse("Russian forces captured Kurakhove, Russia's defence ministry said.")
    claim = only(claims)
    assert claim.claimant == "Russia's defence ministry"
    assert claim.claimant_side == "RU"
    assert place_of(claim) == "Kurakhove"


def test_according_to_isw_is_independent(analyse):
    _, claims = analyse("According to the Institute for the Study of War, Russian forces "
                        "advanced near Pokrovsk.")
    claim = only(claims)
    assert claim.claimant == "the Institute for the Study of War"
    assert claim.claimant_side == "INDEPENDENT"
    assert (claim.event_type, place_of(claim)) == ("advance", "Pokrovsk")


def test_pronoun_claimant_reuses_the_previous_one(analyse):
    _, claims = analyse("Russia's defence ministry said its forces had liberated Kurakhove. "
                        "It said Russian troops also advanced near Pokrovsk.")
    advance = only(claims, "advance")
    assert advance.claimant == "Russia's defence ministry"
    assert advance.claimant_side == "RU"
    assert any("read as the previous claimant" in n for n in advance.notes)


def test_unattributed_sentence_is_the_publishers(analyse):
    _, claims = analyse("Russian forces shelled Kherson on Tuesday.", publisher="Reuters")
    claim = only(claims)
    assert (claim.claimant, claim.claimant_side) == ("Reuters", "INDEPENDENT")
    assert "unattributed: the publisher's" in claim.notes


def test_unattributed_without_a_publisher(analyse):
    _, claims = analyse("Russian forces shelled Kherson on Tuesday.", publisher=None)
    claim = only(claims)
    assert (claim.claimant, claim.claimant_side) == ("the publisher", "UNKNOWN")


def test_general_staff_update_is_ukrainian(analyse):
    _, claims = analyse("Ukraine's General Staff said its forces repelled an attack "
                        "near Vovchansk.")
    claim = only(claims)
    assert (claim.claimant, claim.claimant_side) == ("Ukraine's General Staff", "UA")
    assert claim.actor_side == "UA"  # "its forces": the claimant's side


@pytest.mark.parametrize(("phrase", "side"), [
    ("Russia's defence ministry", "RU"),
    ("the Russian Defence Ministry", "RU"),
    ("Ukraine's General Staff", "UA"),
    ("Syrskyi", "UA"),
    ("the Institute for the Study of War", "INDEPENDENT"),
    ("ISW", "INDEPENDENT"),
    ("US officials", "INDEPENDENT"),
    ("Ukraine's army, citing Russian losses", "UA"),
    ("Russian military bloggers", "RU"),
    ("the ministry", "UNKNOWN"),
    ("", "UNKNOWN"),
    (None, "UNKNOWN"),
])
def test_side_of(phrase, side):
    assert side_of(phrase) == side


# --- event types -----------------------------------------------------------------------

def test_liberated_is_control(analyse):
    _, claims = analyse("Units of the Vostok group liberated the village of Kurakhove, "
                        "Russia's defence ministry said.")
    claim = only(claims)
    assert claim.event_type == "control" and claim.trigger == "liberated"
    assert claim.actor_side == "RU"  # a belligerent's control claim: its own side


def test_advanced_is_advance(analyse):
    _, claims = analyse("Russian forces advanced 5 km south of Pokrovsk, ISW said.")
    claim = only(claims)
    assert claim.event_type == "advance"
    assert claim.claimant_side == "INDEPENDENT" and claim.actor_side == "RU"
    assert claim.mention.anchor_id is not None


def test_repelled_an_attack_is_repelled(analyse):
    _, claims = analyse("Ukrainian forces repelled an attack near Pokrovsk, "
                        "the General Staff said.")
    claim = only(claims)
    assert (claim.event_type, place_of(claim)) == ("repelled", "Pokrovsk")
    assert (claim.claimant_side, claim.actor_side) == ("UA", "UA")


@pytest.mark.parametrize("text", [
    "Russian artillery shelled Kherson, the regional governor said.",
    "Russia launched missile strikes on Kyiv, Ukrainian officials said.",
    "Russian drones attacked Odesa overnight, the Ukrainian air force said.",
])
def test_strikes(analyse, text):
    _, claims = analyse(text)
    claim = only(claims)
    assert claim.event_type == "strike"
    assert claim.actor_side == "RU"


def test_enemy_is_the_other_side(analyse):
    _, claims = analyse("The enemy attacked near Pokrovsk, the General Staff said.")
    claim = only(claims)
    assert (claim.event_type, claim.claimant_side, claim.actor_side) == ("attack", "UA", "RU")


def test_denial_disputes_the_other_sides_earlier_claim(analyse):
    _, claims = analyse("Russia's defence ministry said its forces had captured Kurakhove. "
                        "Ukraine's General Staff denied the claim.")
    control, denial = only(claims, "control"), only(claims, "denial")
    assert (control.claimant_side, denial.claimant_side) == ("RU", "UA")
    assert denial.disputes is control
    assert denial.mention is control.mention  # the denial names no place of its own
    assert "place taken from the disputed claim" in denial.notes


def test_denial_of_a_ukrainian_claim_by_russia(analyse):
    _, claims = analyse("Ukraine's General Staff said its forces repelled an attack near "
                        "Sudzha. Russia's defence ministry denied the claim.")
    denial = only(claims, "denial")
    assert denial.claimant_side == "RU"
    assert denial.disputes is only(claims, "repelled")


def test_rejection_without_a_claim_to_deny_is_no_denial(analyse):
    _, claims = analyse("Kyiv rejected the proposal.")
    assert claims == []


def test_unrelated_places_and_no_trigger_give_no_claim(analyse):
    mentions, claims = analyse("Officials from Kyiv and Warsaw met in Rzeszow on Tuesday.")
    assert mentions and claims == []


# --- dates ---------------------------------------------------------------------------

def test_on_tuesday_resolves_against_the_publication_date(analyse):
    _, claims = analyse("Russian forces captured Kurakhove on Tuesday, "
                        "Russia's defence ministry said.", published=FRIDAY)
    claim = only(claims)
    assert (claim.date_start, claim.date_end) == (dt.date(2025, 3, 11), dt.date(2025, 3, 11))
    assert claim.date_precision == "day"
    assert "dated by 'on Tuesday'" in claim.notes


def test_date_nearest_the_trigger_wins(analyse):
    _, claims = analyse("Russian forces captured Kurakhove on Monday, "
                        "the ministry said on Wednesday.", published=FRIDAY)
    assert only(claims).date_start == dt.date(2025, 3, 10)


def test_yesterday(analyse):
    _, claims = analyse("Russian forces captured Kurakhove yesterday, the ministry said.",
                        published=FRIDAY)
    assert only(claims).date_start == dt.date(2025, 3, 13)


def test_undated_claim_takes_the_publication_day(analyse):
    _, claims = analyse("Russian forces captured Kurakhove, the ministry said.",
                        published=FRIDAY)
    claim = only(claims)
    assert (claim.date_start, claim.date_end, claim.date_precision) == (FRIDAY, FRIDAY, "day")


def test_without_publication_date_a_weekday_is_unknown(analyse):
    _, claims = analyse("Russian forces captured Kurakhove on Tuesday, the ministry said.",
                        published=None)
    claim = only(claims)
    assert claim.date_start is None and claim.date_precision == "unknown"


# --- counts, hedges, irrealis ---------------------------------------------------------

def test_counted_settlements(analyse):
    _, claims = analyse("Ukrainian forces control 74 settlements in the Kursk region, "
                        "Syrskyi said.")
    claim = only(claims)
    assert claim.event_type == "control" and claim.count == 74
    assert claim.claimant_side == "UA"
    assert claim.mention.place.admin1 == "RU-KRS"


def test_number_word_count(analyse):
    _, claims = analyse("Russian troops have taken control of three villages in the "
                        "Donetsk region, the ministry said.")
    assert only(claims).count == 3


def test_strike_has_no_count(analyse):
    _, claims = analyse("Russian artillery shelled Kherson, the regional governor said.")
    assert only(claims).count is None


def test_not_independently_verified_hedges(analyse):
    _, claims = analyse("Russian forces captured Kurakhove, Russia's defence ministry said. "
                        "The claim could not be independently verified.")
    assert only(claims).hedged


def test_hedge_in_the_next_sentence(analyse):
    _, claims = analyse("Russian forces advanced near Pokrovsk, ISW said. "
                        "The reports could not be verified.")
    claim = only(claims)
    assert claim.claimant_side == "INDEPENDENT" and claim.hedged


def test_article_hedge_covers_belligerents_only(analyse):
    tail = " Officials in Kyiv were silent. Reuters could not independently verify the claims."
    _, russian = analyse("Russian forces captured Kurakhove, Russia's defence ministry said."
                         + tail)
    assert only(russian).claimant_side == "RU" and only(russian).hedged
    # session 9: "Russian forces ..., the ministry said" is Russia's ministry; no side here
    _, unknown = analyse("Its forces captured Kurakhove, the ministry said." + tail)
    assert only(unknown).claimant_side == "UNKNOWN" and not only(unknown).hedged


def test_reportedly_hedges(analyse):
    _, claims = analyse("Russian forces reportedly captured Kurakhove.")
    assert only(claims).hedged


def test_plain_claim_is_not_hedged(analyse):
    _, claims = analyse("Russian forces captured Kurakhove, Russia's defence ministry said.")
    assert not only(claims).hedged


@pytest.mark.parametrize("text", [
    "Putin vowed to capture Kurakhove.",
    "Russian forces would capture Kurakhove within days, the ministry said.",
    "Russian forces did not capture Kurakhove, the ministry said.",
])
def test_irrealis_gives_no_claim(analyse, text):
    mentions, claims = analyse(text)
    assert any(m.span.text == "Kurakhove" for m in mentions)
    assert claims == []


# --- where the claim sits --------------------------------------------------------------

def test_region_that_only_contains_the_village_is_dropped(analyse):
    result = analyse("Russian forces captured Malaya Loknya in the Kursk region, "
                     "Russia's defence ministry said.")
    assert result.mention("Kursk region").role == "event"
    claim = only(result.claims)
    assert place_of(claim) == "Malaya Loknya"
    assert claim.mention.place.admin1 == "RU-KRS" and claim.mention.precision == 1


def test_claim_sentence_offsets(analyse):
    result = analyse("Fighting continued near Pokrovsk, the General Staff said. "
                     "Russian troops captured Kurakhove, Russia's defence ministry said.")
    assert [c.event_type for c in result.claims] == ["fighting", "control"]
    for claim in result.claims:
        assert result.text[claim.sentence_start:claim.sentence_end] == claim.sentence
    fighting, control = result.claims
    assert (fighting.claimant_side, control.claimant_side) == ("UA", "RU")


def test_claim_confidence_is_higher_for_a_named_source(analyse):
    _, named = analyse("Russian forces captured Kurakhove, Russia's defence ministry said.")
    _, unnamed = analyse("Russian forces captured Kurakhove.")
    assert only(named).confidence > only(unnamed).confidence
