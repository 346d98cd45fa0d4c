"""Claimed control over time from real extracted claims."""

from __future__ import annotations

import datetime as dt

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
