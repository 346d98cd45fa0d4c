"""Claims said as sentences (geomap/render/words.py) on claims written for the test."""

from __future__ import annotations

import pandas as pd

from geomap.render.words import claim_sentences, short_date


def _claims(rows: list[dict]) -> pd.DataFrame:
    base = {"claimant": None, "claimant_side": "RU", "event_type": "control",
            "actor_side": None, "place_label": None, "place_name": None, "count": None,
            "hedged": False, "date_start": pd.Timestamp("2024-09-12"),
            "date_precision": "day", "disputes": None}
    return pd.DataFrame([{**base, "claim_id": f"c{k}", **row} for k, row in enumerate(rows)])


def test_who_holds_what_in_words():
    said = claim_sentences(_claims([
        {"claimant": "Russia's defence ministry", "actor_side": "RU", "place_label": "Snagost"},
        {"claimant": "The Institute for the Study of War", "claimant_side": "INDEPENDENT",
         "event_type": "advance", "actor_side": "RU", "place_label": "Malaya Loknya",
         "date_start": pd.Timestamp("2024-11-01"), "date_precision": "month"},
        {"claimant": None, "claimant_side": "UA", "event_type": "fighting",
         "place_label": "Sudzha", "hedged": True},
        {"claimant": "Russia's defence ministry", "actor_side": "RU", "count": 74,
         "place_label": "Kursk Oblast"},
    ]))
    assert said[0] == "Russia's defence ministry: Russian forces took Snagost (12 Sep 2024)"
    assert said[1] == ("The Institute for the Study of War: Russian forces advanced at "
                       "Malaya Loknya (Nov 2024)")
    assert said[2] == "Ukraine: reportedly fighting at Sudzha (12 Sep 2024)"
    assert "took 74 settlements in Kursk Oblast" in said[3]


def test_a_denial_names_what_it_denies():
    said = claim_sentences(_claims([
        {"claimant": "Russia's defence ministry", "actor_side": "RU", "place_label": "Gornal"},
        {"claimant": "Ukraine's general staff", "claimant_side": "UA", "event_type": "denial",
         "place_label": "Gornal", "disputes": "c0"},
        {"claimant": "Ukraine's general staff", "claimant_side": "UA", "event_type": "denial",
         "place_label": "Gornal", "disputes": "gone"},
        {"claimant": "Ukraine's general staff", "claimant_side": "UA", "event_type": "denial",
         "place_label": "Gornal", "disputes": "c0", "date_start": pd.Timestamp("2024-09-14")},
    ]))
    # the denied claim's date only when it is not the denial's own
    assert said[1] == ("Ukraine's general staff: denies: Russian forces took Gornal "
                       "(12 Sep 2024)")
    assert said[2] == "Ukraine's general staff: denies a claim about Gornal (12 Sep 2024)"
    assert said[3] == ("Ukraine's general staff: denies: Russian forces took Gornal "
                       "(claimed 12 Sep 2024) (14 Sep 2024)")


def test_short_dates():
    assert short_date(pd.Timestamp("2025-03-05")) == "5 Mar 2025"
    assert short_date(pd.NaT) == "date unknown"
    assert short_date(pd.Timestamp("2025-03-01"), "year") == "2025"
