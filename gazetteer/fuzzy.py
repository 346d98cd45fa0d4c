"""Fuzzy key matching for typos, used only when no exact key matches.

Keys are bucketed by their first letter and sorted by length, so a query is
compared (with rapidfuzz's normalised Indel similarity) only against keys that
share its first letter and whose length is within two characters. A typo in
the first letter is therefore not corrected: that keeps every fuzzy lookup to
a few thousand comparisons.

The buckets are built when the index is written and shipped inside it (a
:class:`BucketTable`: members ``fuzzy_keys.bin``, ``fuzzy_len.npy`` and
``fuzzy.json`` of the index file, see :mod:`gazetteer.index`), so a process
only decodes them (about a tenth of a second for the whole bundle, one bucket
at a time on demand) instead of sorting a million keys (seconds). An index
written without them (an older user index) gets the same table computed from
its keys on the first fuzzy look-up. Either way the order is fixed: by first
character, then length, then the order of the index's key trie (which depends on
the keys alone), never by hash order, so the written bytes and every look-up's
ties are the same in every run.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import groupby

import numpy as np
from rapidfuzz import fuzz, process

MIN_SIMILARITY = 84.0
LENGTH_WINDOW = 2

# index-file members holding a BucketTable (see gazetteer.index)
KEYS_MEMBER = "fuzzy_keys.bin"
LENGTHS_MEMBER = "fuzzy_len.npy"
SPANS_MEMBER = "fuzzy.json"
_SEPARATOR = "\n"

Bucket = tuple[list[str], list[int]]


@dataclass(frozen=True)
class BucketTable:
    """Every distinct key in bucket order, ready to be cut into buckets.

    ``keys`` holds the keys as UTF-8, each followed by a line feed, ordered by
    first character, then length in characters, then the order of the index's key
    trie (which depends on the keys only); ``lengths`` the length in characters of
    each key (uint16), in the same order; ``spans`` maps a first character to its
    bucket's (first key, end key, first byte, end byte).
    """

    keys: bytes
    lengths: np.ndarray
    spans: dict[str, tuple[int, int, int, int]]

    @classmethod
    def from_keys(cls, keys: Iterable[str]) -> BucketTable:
        """The table of *keys*: duplicates listed once, ordered by first character, then
        length, then first appearance in *keys* (no key may hold a line feed)."""
        ordered = list(dict.fromkeys(keys))  # then, stably: by length, by first character
        ordered.sort(key=len)
        ordered.sort(key=lambda key: key[:1])
        if any(_SEPARATOR in key for key in ordered):
            raise ValueError("a name key holds a line feed: it cannot be bucketed")
        lengths = np.fromiter(map(len, ordered), dtype=np.int64, count=len(ordered))
        if lengths.size and int(lengths.max()) > np.iinfo(np.uint16).max:
            raise ValueError("a name key is longer than 65,535 characters")
        parts: list[bytes] = []
        spans: dict[str, tuple[int, int, int, int]] = {}
        start = offset = 0
        for first, group in groupby(ordered, key=lambda key: key[:1]):
            part = "".join(key + _SEPARATOR for key in group).encode("utf-8")
            end = start + part.count(b"\n")
            spans[first] = (start, end, offset, offset + len(part))
            parts.append(part)
            start, offset = end, offset + len(part)
        return cls(b"".join(parts), lengths.astype(np.uint16), spans)

    def members(self, save_array: Callable[[np.ndarray], bytes]) -> list[tuple[str, bytes]]:
        """The index-file members of this table (*save_array* writes an ``.npy``)."""
        spans = [[first, *span] for first, span in sorted(self.spans.items())]
        return [(KEYS_MEMBER, self.keys), (LENGTHS_MEMBER, save_array(self.lengths)),
                (SPANS_MEMBER, json.dumps({"buckets": spans}, ensure_ascii=False).encode())]

    @classmethod
    def from_members(cls, keys: bytes, lengths: np.ndarray, spans: bytes) -> BucketTable:
        """The table read back from the members :meth:`members` wrote."""
        table = json.loads(spans)["buckets"]
        return cls(keys, lengths, {row[0]: tuple(row[1:]) for row in table})

    def bucket(self, first: str) -> Bucket | None:
        """The keys starting with *first* (by length) and their lengths; None when none."""
        span = self.spans.get(first)
        if span is None:
            return None
        start, end, byte_start, byte_end = span
        keys = self.keys[byte_start:byte_end].decode("utf-8").split(_SEPARATOR)
        keys.pop()  # the empty string after the last line feed
        return keys, self.lengths[start:end].tolist()


class FuzzyKeys:
    """The buckets of one index's keys, decoded on first use.

    *index* is a :class:`gazetteer.index.PlaceIndex` (or anything with its
    ``keys()`` and ``fuzzy_table()``): its ready-made table is used when it has
    one, else the table is computed from its keys.
    """

    def __init__(self, index):
        self._index = index
        self._table: BucketTable | None = None
        self._buckets: dict[str, Bucket | None] = {}

    def _load(self) -> BucketTable:
        if self._table is None:
            self._table = self._index.fuzzy_table() or BucketTable.from_keys(self._index.keys())
        return self._table

    def _bucket(self, first: str) -> Bucket | None:
        if first not in self._buckets:
            self._buckets[first] = self._load().bucket(first)
        return self._buckets[first]

    def table(self) -> BucketTable:
        """The bucket table this index uses (ready-made or computed)."""
        return self._load()

    def warm(self) -> None:
        """Decode every bucket now (e.g. before worker processes fork, so they share them)."""
        for first in self._load().spans:
            self._bucket(first)

    def match(self, key: str, limit: int = 3) -> list[tuple[str, float]]:
        """Up to *limit* (key, similarity 0-100) pairs at or above MIN_SIMILARITY.

        Ties in similarity keep bucket order (shorter key first, then the trie's order).
        """
        if len(key) < 4:
            return []
        bucket = self._bucket(key[:1])
        if bucket is None:
            return []
        keys, lengths = bucket
        lo = bisect_left(lengths, len(key) - LENGTH_WINDOW)
        hi = bisect_right(lengths, len(key) + LENGTH_WINDOW)
        found = process.extract(key, keys[lo:hi], scorer=fuzz.ratio,
                                score_cutoff=MIN_SIMILARITY, limit=limit)
        return [(choice, float(score)) for choice, score, _ in found]
