"""Mention roles (geomap.nlp.roles): event, actor, context, byline."""

from __future__ import annotations

import pytest

from geomap.nlp.roles import byline_spans, sentence_has_trigger


def test_kyiv_said_makes_kyiv_an_actor(analyse):
    result = analyse("Kyiv said the report was false.")
    assert result.mention("Kyiv").role == "actor"


def test_kyiv_said_with_an_event_keeps_the_event_place(analyse):
    result = analyse("Kyiv said Russian troops attacked near Pokrovsk overnight.")
    assert result.mention("Kyiv").role == "actor"
    assert result.mention("Pokrovsk").role == "event"


@pytest.mark.parametrize("text", [
    "Moscow has claimed that its forces seized Kurakhove.",
    "Kyiv's military said Russian troops attacked near Pokrovsk.",
])
def test_capital_standing_for_its_government_is_an_actor(analyse, text):
    result = analyse(text)
    capital = "Moscow" if text.startswith("Moscow") else "Kyiv"
    assert result.mention(capital).role == "actor"


def test_strikes_on_kyiv_keep_kyiv_a_place(analyse):
    result = analyse("Russia launched missile strikes on Kyiv on Tuesday, officials said.")
    assert result.mention("Kyiv").role == "event"
    assert result.mention("Russia").role == "context"


def test_capital_in_a_sentence_without_an_event_is_context(analyse):
    result = analyse("Officials met in Kyiv to discuss grain exports.")
    assert result.mention("Kyiv").role == "context"


def test_countries_are_never_actors(analyse):
    result = analyse("Russia said its forces liberated Kurakhove.")
    assert result.mention("Russia").role == "context"
    assert result.mention("Kurakhove").role == "event"


def test_reporting_by_credit_line_is_a_byline(analyse):
    result = analyse("Russian drones attacked Odesa overnight, the regional governor said.\n"
                     "(Reporting by Anna Smith in London; Editing by John Doe)")
    assert result.mention("London").role == "byline"
    assert result.mention("Odesa").role == "event"


def test_byline_wins_over_actor(analyse):
    result = analyse("(Reporting by Olena Harmash in Kyiv; Editing by John Doe)")
    assert result.mention("Kyiv").role == "byline"


def test_byline_spans_find_both_forms():
    text = ("Fighting went on.\n(Reporting by A. Writer in Gdansk; Editing by B. Editor)\n"
            "Writing by C. Author in London\n")
    spans = [text[a:b] for a, b in byline_spans(text)]
    assert spans == ["(Reporting by A. Writer in Gdansk; Editing by B. Editor)",
                     "Writing by C. Author in London"]
    assert byline_spans("Russian forces said they were reporting to Moscow.") == []


def test_slot_place_in_a_trigger_sentence_is_an_event(analyse):
    result = analyse("Heavy fighting continued near Toretsk, the General Staff said.")
    assert result.mention("Toretsk").role == "event"


def test_slot_place_without_a_trigger_is_context(analyse):
    result = analyse("Officials met near Toretsk, the General Staff said.")
    assert result.mention("Toretsk").role == "context"


def test_owner_of_an_organisation_is_not_an_event_place(analyse):
    result = analyse("The Kursk region's governor said Ukrainian drones attacked Sudzha.")
    assert result.mention("Kursk region").role == "context"
    assert result.mention("Sudzha").role == "event"


def test_named_region_in_a_trigger_sentence_is_an_event(analyse):
    result = analyse("Ukrainian drones attacked the Kursk region, the governor said.")
    assert result.mention("Kursk region").role == "event"


def test_country_is_an_event_only_without_a_more_specific_place(analyse):
    alone = analyse("Russian forces attacked in Ukraine on Monday.")
    assert alone.mention("Ukraine").role == "event"
    specific = analyse("Russian forces attacked positions near Pokrovsk in Ukraine on Monday.")
    assert specific.mention("Ukraine").role == "context"
    assert specific.mention("Pokrovsk").role == "event"


@pytest.mark.parametrize(("text", "expected"), [
    ("Russian artillery shelled the town.", True),
    ("The ministry reported heavy fighting.", True),
    ("Ukrainian forces repelled the assault.", True),
    ("The delegations met to discuss a ceasefire.", False),
])
def test_sentence_has_trigger(docs_of, text, expected):
    sent = next(iter(docs_of(text)[0][1].sents))
    assert sentence_has_trigger(sent) is expected
