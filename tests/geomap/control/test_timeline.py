"""Claimed control over time from real extracted claims."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geomap.control import control_timeline, disagreements, region_annotations, status_on
from geomap.extract import extract
from geomap.ingest.corpus import Article

REPORTS = [
    ("a", dt.date(2024, 8, 13), "Ukraine's general staff said on Tuesday its forces had "
                                "captured the town of Sudzha in the Kursk region."),
    ("b", dt.date(2025, 3, 13), "Russia's defence ministry said on Thursday its forces had "
                                "recaptured the town of Sudzha in the Kursk region.\n"
                                "Ukraine's general staff called the claim propaganda."),
]


@pytest.fixture(scope="module")
def claims():
    articles = [Article(doc_id=d, text=t, published=p, source="test") for d, p, t in REPORTS]
    return extract(articles)[0]


def test_timeline_intervals(claims):
    timeline = control_timeline(claims)
    sudzha = timeline[timeline["place_id"] == "geonames:486816"]
    ua = sudzha[sudzha["claimant_side"] == "UA"].sort_values("valid_from")
    assert list(ua["status"]) == ["UA", "contested"]
    assert str(ua.iloc[0]["valid_from"].date()) == "2024-08-13"
    assert str(ua.iloc[0]["valid_to"].date()) == "2025-03-13"
    ru = sudzha[sudzha["claimant_side"] == "RU"]
    assert list(ru["status"]) == ["RU"] and ru["valid_to"].isna().all()


def test_status_on_a_date_and_disagreements(claims):
    timeline = control_timeline(claims)
    before = status_on(timeline, "2024-09-01")
    assert set(before["claimant_side"]) == {"UA"}
    after = status_on(timeline, "2025-04-01")
    assert set(zip(after["claimant_side"], after["status"], strict=True)) == {
        ("RU", "RU"), ("UA", "contested")}
    conflicts = disagreements(timeline)
    assert len(conflicts) == 1
    row = conflicts.iloc[0]
    assert {row["side_a"], row["side_b"]} == {"RU", "UA"}
    assert str(row["from"].date()) == "2025-03-13"


def test_region_annotations(shared):
    claims, _ = extract(shared / "corpus" / "seeds" / "001_f5a8f82442a0cbcc.txt")
    notes = region_annotations(claims)
    assert 74 in set(notes["count"])
    assert set(notes[notes["count"] == 74]["admin1"]) == {"RU-KRS"}


def _timeline_of(rows):
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import Point

    frame = pd.DataFrame([{"place_id": "p", "place_label": "P", "admin1": "RU-KRS",
                           "place_kind": "settlement", "claimant": side, "claim_id": f"c{k}",
                           "claimant_side": side, "event_type": event, "actor_side": actor,
                           "date_start": pd.Timestamp(day)}
                          for k, (side, event, actor, day) in enumerate(rows)])
    return control_timeline(gpd.GeoDataFrame(frame, geometry=[Point(35.2, 51.1)] * len(frame),
                                             crs="EPSG:4326"))


def test_a_later_claim_of_another_side_supersedes_an_old_one():
    """ISW in November 2024, Russia in March 2025: the old claim is no longer current."""
    timeline = _timeline_of([("INDEPENDENT", "control", "UA", "2024-11-10"),
                             ("RU", "control", "RU", "2025-03-12")])
    isw = timeline[timeline["claimant_side"] == "INDEPENDENT"].iloc[0]
    assert str(isw["valid_to"].date()) == "2025-03-12" and isw["side_valid_to"] is pd.NaT
    assert disagreements(timeline).empty
    assert type(timeline).__name__ == "GeoDataFrame" and timeline.crs == "EPSG:4326"
    # each side's own latest word is still what that side claims
    assert set(status_on(timeline, "2025-04-01", per_side=True)["claimant_side"]) == {
        "INDEPENDENT", "RU"}
    assert set(status_on(timeline, "2025-04-01")["claimant_side"]) == {"RU"}


def test_claims_within_a_month_stay_side_by_side_and_disagree():
    timeline = _timeline_of([("UA", "fighting", None, "2025-04-20"),
                             ("RU", "control", "RU", "2025-04-26")])
    assert timeline["valid_to"].isna().all()
    conflicts = disagreements(timeline)
    assert len(conflicts) == 1 and str(conflicts.iloc[0]["from"].date()) == "2025-04-26"


def _many_places_timeline():
    """Forty places, three sides, a year of control and contested claims (seeded)."""
    import geopandas as gpd
    import numpy as np
    from shapely.geometry import Point

    rng = np.random.default_rng(3)
    rows = []
    for k in range(400):
        side = rng.choice(["RU", "UA", "INDEPENDENT"])
        event = rng.choice(["control", "fighting", "advance"])
        rows.append({"place_id": f"p{rng.integers(40)}", "place_label": "P",
                     "admin1": "RU-KRS", "place_kind": "settlement", "claimant": side,
                     "claim_id": f"c{k:03d}", "claimant_side": side, "event_type": event,
                     "actor_side": rng.choice(["RU", "UA"]),
                     "date_start": pd.Timestamp("2024-08-01")
                     + pd.Timedelta(days=int(rng.integers(365)))})
    frame = pd.DataFrame(rows)
    return control_timeline(gpd.GeoDataFrame(
        frame, geometry=[Point(35.2, 51.1)] * len(frame), crs="EPSG:4326"))


def _disagreements_by_rule(timeline):
    """The rule of :func:`disagreements`, pair by pair."""
    found = []
    rows = timeline.to_dict("records")
    for a in rows:
        for b in rows:
            if a["place_id"] != b["place_id"] or not a["claimant_side"] < b["claimant_side"]:
                continue
            sa, sb = a["status"], b["status"]
            belligerents = sa in ("RU", "UA") and sb in ("RU", "UA")
            if sa == sb or not (belligerents or "contested" in (sa, sb)):
                continue
            start = max(a["valid_from"], b["valid_from"])
            ends = [e for e in (a["valid_to"], b["valid_to"]) if not pd.isna(e)]
            end = min(ends) if ends else pd.NaT
            if pd.isna(end) or end > start:
                found.append((a["place_id"], start, end, a["claim_id"], b["claim_id"]))
    return sorted(found, key=lambda r: (r[0], r[1], r[3], r[4]))


@pytest.mark.parametrize("batch", [None, 40])
def test_disagreements_follow_the_rule_pair_by_pair(monkeypatch, batch):
    import geomap.control.timeline as module

    if batch:  # places taken a few at a time: the same pairs
        monkeypatch.setattr(module, "PAIRS_PER_BATCH", batch)
    timeline = _many_places_timeline()
    conflicts = disagreements(timeline)
    got = sorted(zip(conflicts["place_id"], conflicts["from"], conflicts["to"],
                     conflicts["claim_a"], conflicts["claim_b"], strict=True),
                 key=lambda r: (r[0], r[1], r[3], r[4]))
    expected = _disagreements_by_rule(timeline)
    assert len(expected) > 50
    assert [(p, f, None if pd.isna(t) else t, a, b) for p, f, t, a, b in got] == \
        [(p, f, None if pd.isna(t) else t, a, b) for p, f, t, a, b in expected]
    ordered = conflicts[["place_id", "from"]].apply(tuple, axis=1).tolist()
    assert ordered == sorted(ordered)
