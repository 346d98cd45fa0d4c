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


def test_needles_never_hide_a_match(shared):
    """A date pattern skips a text without any of its words (``dates.NEEDLES``): every
    match of every pattern, in the seeds, generated articles and written variants, lies
    in a text that holds one of them (a text with a character that ``re`` folds to ASCII,
    "ſunday", is searched with every pattern)."""
    from geomap.ingest.corpus import Article, iter_corpus
    from geomap.ingest.synthetic import generate_articles
    from geomap.nlp.dates import NEEDLES, PATTERNS

    texts = [a.text for a in iter_corpus(shared / "corpus" / "seeds")
             if isinstance(a, Article)]
    texts += [a.text for a in generate_articles(100)]
    texts += ["three WEEKS after the Sept. 3 attack", "in\nMarch 2024", "on Monday and\nFriday",
              "late-May 2023", "over the past month", "since 2014", "the day before",
              "two months ago", "this evening"]
    matches = 0
    for text in texts:
        low = text.lower()
        for kind, pattern in PATTERNS:
            for _ in pattern.finditer(text):
                matches += 1
                assert any(word in low for word in NEEDLES[kind]), (kind, text[:80])
    assert matches > 100


def test_folds_to_ascii_are_all_such_characters():
    """The characters other than ASCII that ``re.IGNORECASE`` matches to an ASCII letter or
    digit are exactly those the date search folds to ASCII before it searches."""
    import re

    from geomap.nlp.dates import _FOLDS_TO_ASCII

    ascii_like = re.compile("[a-z0-9]", re.IGNORECASE)
    folding = "".join(chr(c) for c in range(128, 0x110000) if ascii_like.fullmatch(chr(c)))
    assert folding and all(_FOLDS_TO_ASCII.fullmatch(ch) for ch in folding)
    assert len(_FOLDS_TO_ASCII.findall(folding)) == len(folding) == \
        len(_FOLDS_TO_ASCII.pattern) - 2


def test_characters_that_match_ascii_letters_resolve_like_them():
    """"ſunday" and "Aprıl" match the weekday and month patterns (``re.IGNORECASE``): they
    resolve as Sunday and April (they raised KeyError in the weekday and month tables),
    and the expression keeps the text as written."""
    import datetime as dt

    from geomap.nlp.dates import find_time_expressions

    text = "Shelling hit the village on \u017funday, and again on 5 Apr\u0131l, officials said."
    found = find_time_expressions(text, dt.date(2025, 4, 9))  # a Wednesday
    assert [(e.text, e.date_start) for e in found] == [
        ("on \u017funday", dt.date(2025, 4, 6)), ("5 Apr\u0131l", dt.date(2025, 4, 5))]
    assert all(text[e.start:e.end] == e.text for e in found)
