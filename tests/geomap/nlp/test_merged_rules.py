"""Rules fixed when the extraction and gazetteer work were merged (sentences written here)."""

from __future__ import annotations

import datetime as dt


def test_a_denial_and_an_assertion_in_one_sentence_are_both_kept(analyse):
    result = analyse(
        "Russia's chief of the general staff said on Saturday that Russian troops had "
        "liberated Gornal in the Kursk region.\n"
        "Ukraine's military rejected the claim as propaganda and said fighting continued "
        "in parts of the region.", published=dt.date(2025, 4, 26))
    control = result.claims_of("control")
    denials = result.claims_of("denial")
    assert [c.mention.place.name for c in control] == ["Gornal"]
    assert len(denials) == 1 and denials[0].claimant_side == "UA"
    assert denials[0].disputes is control[0]
    assert denials[0].mention.place.name == "Gornal"


def test_a_capital_that_does_not_comment_places_nothing(analyse):
    result = analyse(
        "Ukraine's top commander said on Thursday that Ukrainian forces had taken full "
        "control of the town of Sudzha.\nMoscow did not comment on the claim.")
    control = result.claims_of("control")
    assert [c.mention.place.name for c in control] == ["Sudzha"]
    assert control[0].mention.place.admin1 == "RU-KRS" and not control[0].mention.approximate


def test_a_river_is_not_the_village_of_the_same_name(analyse):
    result = analyse("Ukrainian pilots struck a bridge over the Seym river near Glushkovo "
                     "in the Kursk region, the air force said.")
    places = {c.mention.place.name for c in result.claims_of("strike")}
    assert places == {"Glushkovo"}
    assert all(m.span.text != "Seym" for m in result.mentions)
