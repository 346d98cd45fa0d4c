"""Shared checking for the Russian and Ukrainian post tests (posts written for these tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from gazetteer.geodesy import haversine_km
from geomap.extract import Extractor, claim_rows
from geomap.ingest.corpus import Article

#: Reference points (from the gazetteer's sources) the tests measure distances to.
POINTS = {
    "Sudzha": (51.19, 35.27), "Gornal": (51.07, 35.23), "Malaya Loknya": (51.33, 35.23),
    "Pokrovsk": (48.28, 37.18), "Myrnohrad": (48.30, 37.26), "Toretsk": (48.40, 37.85),
    "Chasiv Yar": (48.59, 37.83), "Kursk": (51.73, 36.19), "Vovchansk": (50.29, 36.94),
    "Kurakhove": (47.98, 37.28), "Lyman": (48.99, 37.81), "Kupiansk": (49.71, 37.61),
    "Belgorod": (50.60, 36.59), "Sumy": (50.91, 34.80), "Kharkiv": (49.99, 36.23),
    "Zaporizhzhia": (47.84, 35.14), "Huliaipole": (47.66, 36.26),
    "Siversk": (48.87, 38.10), "Velyka Novosilka": (47.84, 36.83),
}


@pytest.fixture(scope="module")
def extractor(gaz):
    """One extractor (pipelines load on first use) for a test module."""
    return Extractor(gazetteer=gaz)


def check_post(extractor: Extractor, text: str, lang: str, published: dt.date,
               expected: dict) -> None:
    """Run one post and check its expected claim and language."""
    row = check(run(extractor, text, lang, published), **expected)
    assert row["language"] == lang


def run(extractor: Extractor, text: str, lang: str, published: dt.date, source=None):
    """Claim rows of one post."""
    article = Article(doc_id="post", text=text, published=published, source=source,
                      language=lang)
    result = extractor.analyse([article])[0]
    assert not hasattr(result, "error"), result
    return claim_rows(result)


def check(rows, *, side, event, place, date, region=None, actor=None, count=None):
    """Assert one claim of *rows* matches: claimant side, event type, place within 10 km
    (10.5: "западнее X" moves the point 10 km off X, session 7) (or approximate at *region*)
    and date (ISO start)."""
    found = [r for r in rows if r["event_type"] == event and r["claimant_side"] == side]
    seen = [(r["event_type"], r["claimant_side"], r["place_label"]) for r in rows]
    assert found, f"no {side} {event} claim in {seen}"
    def near(r):
        if r["geometry"] is None:
            return False
        if place is None:
            # a village geomap once lacked may now be a settlement of that region (Rosstat)
            return r["admin1"] == region and (r["approximate"] or r["place_kind"] in (
                "admin1", "settlement"))
        lat, lon = POINTS[place]
        return haversine_km(r["geometry"][1], r["geometry"][0], lat, lon) <= 10.5
    placed = [r for r in found if near(r)]
    assert placed, f"{event}: no claim at {place or region}: " \
        f"{[(r['place_label'], r['geometry']) for r in found]}"
    row = placed[0]
    assert row["date_start"] == date, (row["date_start"], date)
    assert row["language"] in ("ru", "uk")
    assert row["sentence"] and row["char_start"] is not None
    if actor is not None:
        assert row["actor_side"] == actor, row["actor_side"]
    if count is not None:
        assert row["count"] == count, row["count"]
    return row


def got(claims) -> list[tuple]:
    """Claims as sorted (side, event, place as written) rows, for the rule tests."""
    return sorted((c.claimant_side, c.event_type, c.mention.span.text if c.mention else None)
                  for c in claims)


def side_event_place(rows) -> list[tuple]:
    """Claim rows as sorted (side, event, place name) rows, for the rule tests."""
    return sorted((r["claimant_side"], r["event_type"], r["place_name"]) for r in rows)
