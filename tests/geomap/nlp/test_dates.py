"""Relative dates resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.nlp.dates import claim_date, find_time_expressions

PUB = dt.date(2025, 1, 7)  # a Tuesday


@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    ("Ukraine said on Tuesday", "2025-01-07", "2025-01-07", "day"),
    ("earlier on Tuesday", "2025-01-07", "2025-01-07", "day"),
    ("last Tuesday", "2024-12-31", "2024-12-31", "day"),
    ("on Sunday", "2025-01-05", "2025-01-05", "day"),
    ("published on Sunday and Monday", "2025-01-05", "2025-01-06", "day"),
    ("two days after Russian reports on Sunday", "2025-01-07", "2025-01-07", "day"),
    ("an incursion last August", "2024-08-01", "2024-08-31", "month"),
    ("since February 2022", "2022-02-01", "2022-02-28", "month"),
    ("last year", "2024-01-01", "2024-12-31", "year"),
    ("in recent days", "2024-12-31", "2025-01-07", "week"),
    ("yesterday", "2025-01-06", "2025-01-06", "day"),
    ("sworn in on Jan. 20", "2025-01-20", "2025-01-20", "day"),
    ("on 6 August 2024", "2024-08-06", "2024-08-06", "day"),
    ("three weeks ago", "2024-12-17", "2024-12-17", "week"),
])
def test_expressions(text, start, end, precision):
    found = find_time_expressions(text, PUB)
    assert found, text
    e = found[0]
    assert (str(e.date_start), str(e.date_end), e.precision) == (start, end, precision)


def test_no_false_months():
    assert find_time_expressions("You may be right; they march on", PUB) == []


def test_without_publication_date():
    assert claim_date("It happened on Tuesday", None)[2] == "unknown"
    assert claim_date("It happened on 6 August 2024", None)[0] == dt.date(2024, 8, 6)
    assert claim_date("No date here", PUB) == (PUB, PUB, "day", None)
