"""The lexicon is the one home of word lists, and agrees with the gazetteer's phrase rules."""

from __future__ import annotations

from gazetteer.normalize import parse_query
from geomap.nlp import lexicon


def test_region_words_agree_with_the_gazetteer():
    # A span with hint admin1 is looked up as "<name> region" unless it already ends in one
    # of these words; the gazetteer must then read it as a region, except for the words
    # the lexicon documents as looked up as written.
    as_written = {w for w in lexicon.REGION_SUFFIXES
                  if parse_query(f"Kursk {w}").kind_hint != "admin1"}
    assert as_written == {"district", "regions"}
    assert parse_query("Kursk region").kind_hint == "admin1"


def test_settlement_words_agree_with_the_gazetteer():
    for word in lexicon.SETTLEMENT_SUFFIXES:
        assert parse_query(f"Sudzha {word}").kind_hint == "settlement", word


def test_every_event_type_has_triggers_and_a_priority():
    from geomap.schema import EVENT_TYPES

    assert set(lexicon.EVENT_TRIGGERS) == set(lexicon.EVENT_PRIORITY) == set(EVENT_TYPES)
    for event, (words, phrases) in lexicon.EVENT_TRIGGERS.items():
        assert words and phrases, event
        assert all(w == w.lower() for w in words), event


def test_stem_is_model_free_and_conservative():
    assert lexicon.stem("Liberated") == "liberat"
    assert lexicon.stem("advancing") == "advanc"
    assert lexicon.stem("ties") == "ties"  # fewer than four letters would remain
    assert {"capture", "captur"} <= lexicon.stems({"capture"}) | {"captur"}
