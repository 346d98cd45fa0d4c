"""How lookups are ranked: match weights, prominence, kind hints, distance, and reasons.

Ranking
-------
Every candidate gets a score in [0, 1]::

    score = match * (0.45 + 0.55 * prominence) * kind_factor * near_factor

``match``
    1.0 for a primary name, 0.92 for an alternate name, 0.85 for a press or
    transliteration variant (:data:`MATCH_WEIGHTS`), times
    :data:`SECONDARY_READING` (0.8) when only a further transliteration of a
    Cyrillic query matched; fuzzy matches (only tried when no exact key
    matches) get ``FUZZY_WEIGHT * similarity`` (0.75 times 0-1).
``prominence``
    1.0 for a country, 0.8 for an admin-1 unit, ``log10(population + 1) / 6.5``
    (capped at 1, floored at 0.1) for settlements and every other kind, so
    that a bare "Kursk" is the city and "Kursk region" the oblast. The factor
    ``0.45 + 0.55 * prominence`` depends on the place only and is computed once
    per index row (:func:`row_priors`).
``kind_factor``
    0.6 when the phrasing names another kind ("Kursk *region*" and a city; a
    facility, "Kursk nuclear power plant", and anything but a settlement),
    else 1 (:func:`hint_factor`).
``near_factor``
    ``0.4 + 0.3 * exp(-d / 150 km) + 0.3 * exp(-d / 15 km)`` when ``near`` is given
    (:func:`near_factor`).

The score is capped at 1 and rounded to four decimals. Ties go to the more
populous place, then to index order.

``country``, ``admin1`` and ``kinds`` filter: a place outside the admin-1 unit
the caller names is never returned, however well its name matches. Fuzzy
matching is tried only when no exact key gives a candidate that passes the
filters, and its reason says so.

Reasons
-------
:func:`explain` writes a candidate's reason: how the name matched and in which
source, what the phrasing said of the kind, the distance to ``near``, the
``admin1`` filter, the population, and for a fuzzy match the keys it matched.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from gazetteer.geodesy import haversine_km
from gazetteer.model import ALTERNATE, KINDS, PRIMARY, QUALITY_NAMES, VARIANT, Hit, Place
from gazetteer.normalize import ParsedQuery, key_of_folded, name_key, name_keys, parse_query
from gazetteer.translit import has_cyrillic

MATCH_WEIGHTS = {PRIMARY: 1.0, ALTERNATE: 0.92, VARIANT: 0.85}
SECONDARY_READING = 0.8
FUZZY_WEIGHT = 0.75
KIND_MISMATCH = 0.6
NEAR_SCALE_KM = 150.0
NEAR_LOCAL_KM = 15.0
NEAR_FLOOR, NEAR_REGIONAL, NEAR_LOCAL = 0.4, 0.3, 0.3
PRIOR_FLOOR = 0.45
PRIOR_SPAN = 0.55


class QueryAnalysis(NamedTuple):
    """A query parsed once: its phrasing, the keys of the whole name and of its core."""

    parsed: ParsedQuery
    full_keys: tuple[str, ...]
    core_keys: tuple[str, ...]


@lru_cache(maxsize=65536)
def analyse_query(name: str) -> QueryAnalysis:
    """Parse *name* (already validated) and compute the keys to look up.

    ``full_keys`` are the keys of the whole name (several for a Cyrillic name,
    one per transliteration, the likeliest first); ``core_keys`` those of the
    name without region or feature words ("Kursk" of "Kursk region"), minus any
    already in ``full_keys``. Cached: the same names recur in a corpus.
    """
    parsed = parse_query(name)
    if has_cyrillic(name):
        full = tuple(name_keys(name))
    elif parsed.original == name:  # one reading: reuse the text parse_query folded
        full = (key_of_folded(parsed.folded),)
    else:
        full = (name_key(name),)
    core = tuple(k for k in name_keys(parsed.core) if k not in full) if parsed.changed else ()
    return QueryAnalysis(parsed, full, core)


def match_weight(hit: Hit) -> float:
    """The ``match`` factor of a hit: ``MATCH_WEIGHTS[quality] * weight`` for an exact
    match, the hit's own weight (``FUZZY_WEIGHT * similarity``) for a fuzzy one."""
    return hit.weight if hit.fuzzy else MATCH_WEIGHTS[hit.quality] * hit.weight


def prominence(kind: str, population: int) -> float:
    """How well known a place is, 0.1-1: 1 for a country, 0.8 for an admin-1 unit, and
    ``log10(population + 1) / 6.5`` clamped to [0.1, 1] for every other kind."""
    if kind == "country":
        return 1.0
    if kind == "admin1":
        return 0.8
    return max(0.1, min(1.0, math.log10(population + 1) / 6.5))


def prior(kind: str, population: int) -> float:
    """The part of a score fixed by the place: ``0.45 + 0.55 * prominence``."""
    return PRIOR_FLOOR + PRIOR_SPAN * prominence(kind, population)


def row_priors(kind_codes: Iterable[int], populations: Iterable[int]) -> list[float]:
    """:func:`prior` of every index row, from its kind code (index into ``KINDS``) and
    population; the same values as calling :func:`prior` row by row, faster."""
    codes = np.asarray(kind_codes, dtype=np.int64)
    people = np.asarray(populations, dtype=np.uint64)
    if codes.shape != people.shape:
        raise ValueError("row_priors: one kind code and one population per row")
    # prior() once per distinct population (most rows share a handful), so every value is
    # bit-for-bit what prior() gives
    distinct, where = np.unique(people, return_inverse=True)
    priors = np.array([prior("settlement", int(p)) for p in distinct],
                      dtype=np.float64)[where.reshape(-1)]
    for code, kind in enumerate(KINDS):
        if kind in ("country", "admin1"):
            priors[codes == code] = prior(kind, 0)
    return priors.tolist()


def hint_factor(hint: str | None, kind: str) -> float:
    """The ``kind_factor``: 0.6 when the query's phrasing names a kind other than
    *kind*, else 1.

    A ``facility`` hint asks for a settlement; an ``admin1`` hint for an admin-1
    unit; a ``settlement`` hint for anything but an admin-1 unit or a country.
    No hint (None) fits every kind.
    """
    if hint is None:
        return 1.0
    if hint == "facility":
        return 1.0 if kind == "settlement" else KIND_MISMATCH
    return 1.0 if (hint == "admin1") == (kind == "admin1") and kind != "country" \
        else KIND_MISMATCH


def near_factor(distance_km: float) -> float:
    """The ``near_factor`` for a place *distance_km* from the given point:
    ``0.4 + 0.3 * exp(-d / 150 km) + 0.3 * exp(-d / 15 km)`` (1 at the point, 0.4 far
    away). The regional term prefers the right oblast; the local one tells apart
    namesakes a few tens of kilometres apart (the Nikolayevka next to Sudzha over the
    one 60 km away)."""
    return NEAR_FLOOR + NEAR_REGIONAL * math.exp(-distance_km / NEAR_SCALE_KM) \
        + NEAR_LOCAL * math.exp(-distance_km / NEAR_LOCAL_KM)


def fuzzy_note(matches: Sequence[tuple[str, float]]) -> str:
    """The tail of a fuzzy candidate's reason: the first three (key, similarity 0-100)
    pairs fuzzy matching found."""
    shown = ", ".join(f"{key!r} {similarity:.0f}%" for key, similarity in matches[:3])
    return f"; fuzzy match ({shown}), no exact form matched"


def explain(place: Place, hit: Hit, hint: str | None, filters: tuple, note: str = "") -> str:
    """Why a candidate was returned, in a few words.

    *filters* is the lookup's ``(country, admin1, kinds, near)``; *note* is appended
    as is (:func:`fuzzy_note` for fuzzy matches).
    """
    _, admin1, _, near = filters
    if hit.fuzzy:
        reason = "fuzzy"
    elif hit.quality == PRIMARY:
        reason = "exact primary name"
    else:
        reason = QUALITY_NAMES[hit.quality]
    if hit.weight == SECONDARY_READING:
        reason += ", secondary transliteration of the query"
    reason += f" ({place.source})"
    if hint == "facility" and place.kind == "settlement":
        reason += "; the settlement the named facility is at or near"
    elif hint is not None and hint != "facility":
        if hint_factor(hint, place.kind) == 1.0:
            reason += f"; phrasing says {hint}"
        else:
            reason += f"; phrasing says {hint}, this is {place.kind}"
    if near is not None:
        distance = haversine_km(near[0], near[1], place.lat, place.lon)
        reason += f"; {distance:,.0f} km from the given point"
    if admin1 is not None:
        reason += f"; in {admin1}"
    if place.population:
        reason += f"; population {place.population:,}"
    return reason + note
