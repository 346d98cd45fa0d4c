"""The gazetteer's data types: places, records being built, and ranked candidates.

Kinds
-----
Every place is of one of :data:`KINDS`: ``country``, ``admin1`` (an oblast,
krai or republic), ``admin2`` (a district), ``settlement`` or ``other``.

Name quality
------------
Each name a place is filed under has a quality: :data:`PRIMARY` (3) for a
primary name in its source, :data:`ALTERNATE` (2) for an alternate name, and
:data:`VARIANT` (1) for a press or transliteration variant derived here. The
index keeps the best quality per (name key, place).

Candidates
----------
A :class:`Candidate` is one ranked answer to a lookup. Besides the place, the
score and a human-readable ``reason``, it tells in typed fields how it
matched, so that no caller needs to parse the reason:

``match``
    ``"primary"``, ``"alternate"`` or ``"variant"`` (the quality of the
    indexed name that matched exactly), ``"fuzzy"`` (only a fuzzy match
    found it), or ``"given"`` (built directly, e.g. by ``reverse``).
``fuzzy``
    True when the candidate was found only by fuzzy matching.
``facility``
    True when the query named a facility ("Kursk nuclear power plant",
    "Donetsk International airport") and this candidate is the settlement
    the facility is at or near.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

KINDS = ("country", "admin1", "admin2", "settlement", "other")
KIND_CODE = {kind: code for code, kind in enumerate(KINDS)}
PRIMARY, ALTERNATE, VARIANT = 3, 2, 1
QUALITY_NAMES = {PRIMARY: "primary name", ALTERNATE: "alternate name", VARIANT: "spelling variant"}
MATCH_KINDS = ("primary", "alternate", "variant", "fuzzy", "given")
_MATCH_OF_QUALITY = {PRIMARY: "primary", ALTERNATE: "alternate", VARIANT: "variant"}


class Place(NamedTuple):
    """One place of the index (an immutable, unpackable record)."""

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    population: int
    source: str

    def as_dict(self) -> dict[str, object]:
        """The place as a plain, JSON-serialisable dict."""
        return dict(zip(self._fields, self, strict=True))


@dataclass(slots=True)
class PlaceRecord:
    """A place being built, with every name it is known by and that name's quality."""

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    population: int
    source: str
    names: dict[str, int] = field(default_factory=dict)

    def add_name(self, name: str | None, quality: int) -> None:
        """Record *name* with *quality*, keeping the best quality seen for it."""
        if name and name.strip():
            name = name.strip()
            self.names[name] = max(quality, self.names.get(name, 0))


class Hit(NamedTuple):
    """How a name key matched one row of an index.

    ``quality`` is that of the indexed name that matched (:data:`PRIMARY`, ...);
    ``weight`` is 1.0 for the query's first reading, ``SECONDARY_READING`` for a
    further reading of a Cyrillic query, or ``FUZZY_WEIGHT * similarity`` for a
    fuzzy match (see :mod:`gazetteer.scoring`); ``fuzzy`` is True for a fuzzy match.
    """

    quality: int
    weight: float
    fuzzy: bool


#: ``(hit, kind hint, filters, note, explain)``: what a lazily built candidate was
#: ranked on; ``explain(place, hit, hint, filters, note)`` writes its reason.
Why = tuple[Hit, str | None, tuple, str, Callable[..., str]]


class Candidate:
    """A ranked answer to a lookup: the place, its score and why.

    Place fields (``id``, ``name``, ``kind``, ``lat``, ``lon``, ``country``,
    ``admin1``, ``population``, ``source``) read through. The place and the
    ``reason`` are built on first access, so ranking many candidates when the
    caller reads only the best stays cheap; ``match``, ``fuzzy`` and
    ``facility`` (see the module docstring) are read from the match itself,
    never from the reason text.

    Parameters
    ----------
    place
        The place, or None when *source* says where to read it from.
    score
        The score in [0, 1].
    reason
        The reason, or None when *why* says how to write it.
    source
        ``(gazetteer, index number, row)``: where to read the place on first access
        (through the gazetteer, so that a user index's copy wins over the bundle's).
    why
        A :data:`Why` tuple; without one the candidate was built directly (its
        ``match`` is ``"given"``).
    """

    __slots__ = ("_place", "_reason", "_source", "_why", "score")
    # the place's fields (id, name, kind, ...) are properties, set below the class

    def __init__(self, place: Place | None, score: float, reason: str | None = None, *,
                 source: tuple | None = None, why: Why | None = None):
        self._place = place
        self._source = source
        self.score = score
        self._reason = reason
        self._why = why

    @property
    def place(self) -> Place:
        """The :class:`Place`."""
        if self._place is None:
            gaz, ix, row = self._source
            self._place = gaz._place_at(ix, row)
        return self._place

    @property
    def reason(self) -> str:
        """Why this candidate was returned, in a few words (for people, not programs)."""
        if self._reason is None:
            hit, hint, filters, note, explain = self._why
            self._reason = explain(self.place, hit, hint, filters, note)
        return self._reason

    @property
    def match(self) -> str:
        """How the name matched: ``"primary"``, ``"alternate"`` or ``"variant"`` (the
        quality of the indexed name matched exactly), ``"fuzzy"`` (fuzzy matching
        only), or ``"given"`` (a candidate built directly, e.g. by ``reverse``)."""
        if self._why is None:
            return "given"
        hit = self._why[0]
        return "fuzzy" if hit.fuzzy else _MATCH_OF_QUALITY[hit.quality]

    @property
    def fuzzy(self) -> bool:
        """True when only fuzzy matching found this candidate (no exact form matched)."""
        return self._why is not None and self._why[0].fuzzy

    @property
    def facility(self) -> bool:
        """True when the query named a facility ("Kursk nuclear power plant") and this
        candidate is the settlement the facility is at or near."""
        return self._why is not None and self._why[1] == "facility" \
            and self.place.kind == "settlement"


    def __repr__(self) -> str:
        return f"Candidate({self.place!r}, score={self.score}, reason={self.reason!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Candidate):
            return NotImplemented
        return (self.place, self.score, self.reason) == (other.place, other.score, other.reason)

    def as_dict(self) -> dict[str, object]:
        """Place fields plus ``score`` and ``reason``."""
        return {**self.place.as_dict(), "score": round(self.score, 4), "reason": self.reason}


def _place_field(index: int, name: str) -> property:
    def read(self: Candidate) -> object:
        place = self._place
        if place is None:
            place = self.place
        return place[index]
    return property(read, doc=f"The place's ``{name}`` (:class:`Place`).")


# Candidate.id, .name, .kind, .lat, .lon, ...: the place's fields, read as plain properties
# (a __getattr__ fallback costs a failed attribute look-up on every read; issue 15).
for _index, _name in enumerate(Place._fields):
    setattr(Candidate, _name, _place_field(_index, _name))
del _index, _name
