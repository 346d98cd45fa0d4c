"""Fuzzy key matching for typos, used only when no exact key matches.

Keys are bucketed by their first letter and sorted by length, so a query is
compared (with rapidfuzz's normalised Indel similarity) only against keys that
share its first letter and whose length is within two characters. A typo in
the first letter is therefore not corrected: that keeps every fuzzy lookup to
a few thousand comparisons.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from rapidfuzz import fuzz, process

from gazetteer.index import PlaceIndex

MIN_SIMILARITY = 84.0
LENGTH_WINDOW = 2


class FuzzyKeys:
    """Lazily built buckets of one index's keys."""

    def __init__(self, index: PlaceIndex):
        self._index = index
        self._buckets: dict[str, tuple[list[str], list[int]]] | None = None

    def _build(self) -> dict[str, tuple[list[str], list[int]]]:
        grouped: dict[str, list[str]] = {}
        for key in set(self._index.keys()):  # a key with several places is listed once each
            grouped.setdefault(key[:1], []).append(key)
        buckets = {}
        for first, keys in grouped.items():
            keys.sort(key=len)
            buckets[first] = (keys, [len(k) for k in keys])
        return buckets

    def warm(self) -> None:
        """Build the buckets now (e.g. before worker processes fork, so they share them)."""
        if self._buckets is None:
            self._buckets = self._build()

    def match(self, key: str, limit: int = 3) -> list[tuple[str, float]]:
        """Up to *limit* (key, similarity 0-100) pairs at or above MIN_SIMILARITY."""
        if len(key) < 4:
            return []
        if self._buckets is None:
            self._buckets = self._build()
        bucket = self._buckets.get(key[:1])
        if bucket is None:
            return []
        keys, lengths = bucket
        lo = bisect_left(lengths, len(key) - LENGTH_WINDOW)
        hi = bisect_right(lengths, len(key) + LENGTH_WINDOW)
        found = process.extract(key, keys[lo:hi], scorer=fuzz.ratio,
                                score_cutoff=MIN_SIMILARITY, limit=limit)
        return [(choice, float(score)) for choice, score, _ in found]
