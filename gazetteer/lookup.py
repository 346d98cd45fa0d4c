"""The :class:`Gazetteer`: ranked lookups, ids, polygons and reverse geocoding.

Ranking
-------
Every candidate gets a score in [0, 1]::

    score = match * (0.45 + 0.55 * prominence) * kind_factor * near_factor

``match``
    1.0 for a primary name, 0.92 for an alternate name, 0.85 for a press or
    transliteration variant; fuzzy matches (only tried when no exact key
    matches) get ``0.75 * similarity``.
``prominence``
    1.0 for a country, 0.8 for an admin-1 unit, ``log10(population) / 6.5``
    (capped at 1, floored at 0.1) for settlements, so that a bare "Kursk" is
    the city and "Kursk region" the oblast.
``kind_factor``
    0.6 when the phrasing names another kind ("Kursk *region*" and a city).
``near_factor``
    ``0.5 + 0.5 * exp(-d / 150 km)`` when ``near`` is given.

``country``, ``admin1`` and ``kinds`` filter: a place outside the admin-1 unit
the caller names is never returned, however well its name matches. Fuzzy
matching is tried only when no exact key gives a candidate that passes the
filters, and its reason says so.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from gazetteer import _config
from gazetteer._validate import validate_name
from gazetteer.exc import InvalidQueryError, UnknownPlaceError
from gazetteer.fuzzy import FuzzyKeys
from gazetteer.index import KINDS, PRIMARY, QUALITY_NAMES, Place, PlaceIndex
from gazetteer.normalize import ParsedQuery, name_keys, parse_query
from gazetteer.polygons import PolygonStore

_MATCH = {3: 1.0, 2: 0.92, 1: 0.85}
SECONDARY_READING = 0.8
FUZZY_WEIGHT = 0.75
_ISO_3166_2 = re.compile(r"^[A-Z]{2}[-.][A-Z0-9]{1,3}$")


class _Hit(NamedTuple):
    quality: int  # of the indexed name that matched
    weight: float  # 1.0 exact, SECONDARY_READING, or FUZZY_WEIGHT * similarity
    fuzzy: bool


@dataclass(frozen=True, slots=True)
class Candidate:
    """A ranked answer to a lookup: the place, its score and why."""

    place: Place
    score: float
    reason: str

    def __getattr__(self, name: str) -> object:  # id, name, kind, lat, lon, ...
        if name in Place.__slots__:
            return getattr(self.place, name)
        raise AttributeError(name)

    def as_dict(self) -> dict[str, object]:
        """Place fields plus ``score`` and ``reason``."""
        return {**self.place.as_dict(), "score": round(self.score, 4), "reason": self.reason}


@lru_cache(maxsize=65536)
def _analyse(name: str) -> tuple[ParsedQuery, tuple[str, ...], tuple[str, ...]]:
    parsed = parse_query(name)
    full = tuple(name_keys(name))
    core = tuple(k for k in name_keys(parsed.core) if k not in full) if parsed.changed else ()
    return parsed, full, core


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(min(1.0, h)))


class Gazetteer:
    """Offline place lookup over one or more indexes (earlier ones take precedence).

    Use :meth:`default` for the bundled index plus any user index made by
    ``gazetteer import-geonames``.
    """

    def __init__(self, indexes: Sequence[PlaceIndex], polygons: PolygonStore | None = None):
        if not indexes:
            raise ValueError("a Gazetteer needs at least one index")
        self.indexes = list(indexes)
        self.polygons = polygons
        self._fuzzy = [FuzzyKeys(index) for index in self.indexes]
        self._admin1_cache: dict[str, str | None] = {}

    # --- construction -------------------------------------------------------

    @classmethod
    def default(cls) -> Gazetteer:
        """The shared default gazetteer: user index (if any) over the bundle."""
        return _default_gazetteer()

    @classmethod
    def from_paths(cls, *paths: str | os.PathLike[str],
                   polygons: str | os.PathLike[str] | None = None) -> Gazetteer:
        """A gazetteer over the index files *paths* (first takes precedence)."""
        store = PolygonStore(polygons) if polygons else None
        return cls([PlaceIndex(p) for p in paths], store)

    # --- lookups ------------------------------------------------------------

    def lookup(self, name: str, *, country: str | None = None, admin1: str | None = None,
               near: tuple[float, float] | None = None, kinds: Iterable[str] | None = None,
               limit: int = 10) -> list[Candidate]:
        """Ranked candidates for *name* (best first).

        Parameters
        ----------
        name
            A place name in Latin or Cyrillic script, optionally with region or
            feature words ("Kursk region", "Enerhodar village").
        country
            ISO 3166-1 alpha-2 code; only places in that country are returned.
        admin1
            ISO 3166-2 code (``RU-KRS``) or a region name ("Donetsk oblast").
        near
            ``(lat, lon)``: closer places rank higher.
        kinds
            Keep only these kinds (``country``, ``admin1``, ``admin2``,
            ``settlement``, ``other``).
        limit
            At most this many candidates.

        Raises
        ------
        TypeError, ValueError
            For a name that is not a string, is empty, too long, or holds
            control characters or mixed scripts.
        """
        name = validate_name(name)
        kind_set = self._check_kinds(kinds)
        country = self._check_country(country)
        admin1_code = self.admin1_code(admin1) if admin1 is not None else None
        if admin1 is not None and admin1_code is None:
            raise InvalidQueryError(f"unknown admin1 {admin1!r}")
        if not isinstance(limit, int) or limit < 1:
            raise InvalidQueryError(f"limit must be a positive int, not {limit!r}")

        parsed, full_keys, core_keys = _analyse(name)
        hits = self._exact_hits(full_keys, core_keys)
        candidates = self._score(hits, parsed, country, admin1_code, kind_set, near)
        if not candidates:
            hits, fuzzy_note = self._fuzzy_hits(parsed.core)
            candidates = [(p, s, r + fuzzy_note) for p, s, r in
                          self._score(hits, parsed, country, admin1_code, kind_set, near)]
        candidates.sort(key=lambda c: (-c[1], -c[0].population, c[0].id))
        return [Candidate(p, round(min(1.0, s), 4), r) for p, s, r in candidates[:limit]]

    def _exact_hits(self, full_keys: Sequence[str], core_keys: Sequence[str]
                    ) -> dict[tuple[int, int], _Hit]:
        hits: dict[tuple[int, int], _Hit] = {}
        for keys in (full_keys, core_keys):
            for position, key in enumerate(keys):
                # A Cyrillic query has several readings; all but the first are
                # less likely to be what the writer meant.
                weight = 1.0 if position == 0 else SECONDARY_READING
                for ix, index in enumerate(self.indexes):
                    for row, quality in index.rows_for_key(key):
                        best = hits.get((ix, row))
                        if best is None or (quality, weight) > (best.quality, best.weight):
                            hits[(ix, row)] = _Hit(quality, weight, fuzzy=False)
        return hits

    def _fuzzy_hits(self, core: str) -> tuple[dict[tuple[int, int], _Hit], str]:
        hits: dict[tuple[int, int], _Hit] = {}
        matched: list[str] = []
        for key in name_keys(core):
            for ix, fuzzy in enumerate(self._fuzzy):
                for found, similarity in fuzzy.match(key):
                    matched.append(f"{found!r} {similarity:.0f}%")
                    for row, quality in self.indexes[ix].rows_for_key(found):
                        best = hits.get((ix, row))
                        weight = FUZZY_WEIGHT * similarity / 100.0
                        if best is None or weight > best.weight:
                            hits[(ix, row)] = _Hit(quality, weight, fuzzy=True)
        note = f"; fuzzy match ({', '.join(matched[:3])}), no exact form matched" if hits else ""
        return hits, note

    def _score(self, hits: dict[tuple[int, int], _Hit], parsed: ParsedQuery,
               country: str | None, admin1: str | None, kinds: frozenset[str] | None,
               near: tuple[float, float] | None) -> list[tuple[Place, float, str]]:
        out: list[tuple[Place, float, str]] = []
        seen: set[str] = set()
        for (ix, row), (quality, weight, fuzzy) in sorted(hits.items()):
            index = self.indexes[ix]
            kind = index.kind_of(row)
            if kinds is not None and kind not in kinds:
                continue
            if country is not None and index.country_code(row) != country:
                continue
            if admin1 is not None and index.admin1_code(row) != admin1:
                continue
            place = index.place(row)
            if place.id in seen:
                continue
            seen.add(place.id)
            match = weight if fuzzy else _MATCH[quality] * weight
            score = match * (0.45 + 0.55 * _prominence(place))
            if fuzzy:
                reason = "fuzzy"
            elif quality == PRIMARY:
                reason = "exact primary name"
            else:
                reason = QUALITY_NAMES[quality]
            if weight == SECONDARY_READING:
                reason += ", secondary transliteration of the query"
            reason += f" ({place.source})"
            hint = parsed.kind_hint
            if hint == "facility":
                if kind == "settlement":
                    reason += "; the settlement the named facility is at or near"
                else:
                    score *= 0.6
            elif hint is not None:
                if (hint == "admin1") == (kind == "admin1") and kind != "country":
                    reason += f"; phrasing says {hint}"
                else:
                    score *= 0.6
                    reason += f"; phrasing says {hint}, this is {kind}"
            if near is not None:
                distance = haversine_km(near[0], near[1], place.lat, place.lon)
                score *= 0.5 + 0.5 * math.exp(-distance / 150.0)
                reason += f"; {distance:,.0f} km from the given point"
            if admin1 is not None:
                reason += f"; in {admin1}"
            if place.population:
                reason += f"; population {place.population:,}"
            out.append((place, score, reason))
        return out

    def _check_kinds(self, kinds: Iterable[str] | None) -> frozenset[str] | None:
        if kinds is None:
            return None
        if isinstance(kinds, str):
            kinds = [kinds]
        kind_set = frozenset(kinds)
        unknown = kind_set - set(KINDS)
        if unknown:
            raise InvalidQueryError(f"unknown kinds {sorted(unknown)}; choose from {KINDS}")
        return kind_set

    @staticmethod
    def _check_country(country: str | None) -> str | None:
        if country is None:
            return None
        if not isinstance(country, str) or len(country.strip()) != 2 \
                or not country.strip().isalpha():
            raise InvalidQueryError(f"country must be an ISO 3166-1 alpha-2 code, not {country!r}")
        return country.strip().upper()

    def admin1_code(self, hint: str) -> str | None:
        """The admin-1 code for an ISO code or a region name ("Donetsk oblast").

        Returns None when nothing matches. Names are resolved against admin-1
        units first, then (for "Kiev city" style hints) against settlements'
        admin-1 codes.
        """
        hint = validate_name(hint, what="admin1")
        if hint in self._admin1_cache:
            return self._admin1_cache[hint]
        code: str | None = None
        upper = hint.upper()
        if _ISO_3166_2.match(upper) and any(
                upper in index.meta["admin1"] for index in self.indexes):
            code = upper
        else:
            found = self.lookup(hint, kinds=("admin1",), limit=1)
            if found and found[0].score >= 0.4:
                code = found[0].place.admin1
            else:
                settlement = self.lookup(hint, kinds=("settlement",), limit=1)
                if settlement and settlement[0].score >= 0.4:
                    code = settlement[0].place.admin1
        self._admin1_cache[hint] = code
        return code

    def get(self, place_id: str) -> Place:
        """The place with id *place_id*; raises :class:`UnknownPlaceError`."""
        if not isinstance(place_id, str):
            raise TypeError(f"place id must be a str, not {type(place_id).__name__}")
        for index in self.indexes:
            row = index.row_of_id(place_id)
            if row is not None:
                return index.place(row)
        raise UnknownPlaceError(f"no place with id {place_id!r}")

    # --- geometry -----------------------------------------------------------

    def _polygons(self) -> PolygonStore:
        if self.polygons is None:
            raise UnknownPlaceError("this gazetteer has no polygons")
        return self.polygons

    def admin1_polygon(self, iso: str):
        """The shapely (Multi)Polygon of an admin-1 unit, by ISO 3166-2 code or name."""
        code = self.admin1_code(iso)
        if code is None:
            raise UnknownPlaceError(f"no admin1 unit {iso!r}")
        return self._polygons().get("admin1", code)

    def country_polygon(self, code: str):
        """The shapely (Multi)Polygon of a country, by ISO 3166-1 alpha-2 code."""
        checked = self._check_country(code)
        return self._polygons().get("country", checked or "")

    def reverse(self, lat: float, lon: float, *, max_km: float = 25.0) -> Candidate | None:
        """The nearest settlement within *max_km*, else the admin-1 unit or country
        containing the point, else None."""
        if not all(isinstance(v, int | float) and math.isfinite(v) for v in (lat, lon)):
            raise InvalidQueryError(f"lat/lon must be finite numbers, not {lat!r}, {lon!r}")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InvalidQueryError(f"lat/lon out of range: {lat}, {lon}")
        best: tuple[float, int, int] | None = None
        degrees = max_km / 111.0
        for ix, index in enumerate(self.indexes):
            lon_span = degrees / max(0.05, math.cos(math.radians(lat)))
            mask = (np.abs(index.lat - lat) <= degrees) & (np.abs(index.lon - lon) <= lon_span) \
                & (index.kind == KINDS.index("settlement"))
            for row in np.flatnonzero(mask).tolist():
                d = haversine_km(lat, lon, float(index.lat[row]), float(index.lon[row]))
                if d <= max_km and (best is None or d < best[0]):
                    best = (d, ix, row)
        if best is not None:
            place = self.indexes[best[1]].place(best[2])
            score = 1.0 / (1.0 + best[0] / 5.0)
            return Candidate(place, round(score, 4), f"nearest settlement, {best[0]:.1f} km")
        if self.polygons is not None:
            for kind in ("admin1", "country"):
                code = self.polygons.locate(lat, lon, kind)
                if code:
                    place = self.get(f"ne:{code}" if kind == "admin1" else f"country:{code}")
                    return Candidate(place, 0.5, f"point inside {kind} {code}")
        return None

    # --- documents ----------------------------------------------------------

    def resolve(self, mentions: Sequence[str], context=None):
        """Resolve all place names of one document jointly; see :mod:`gazetteer.resolve`."""
        from gazetteer.resolve import resolve_mentions

        return resolve_mentions(self, mentions, context)

    def info(self) -> dict[str, object]:
        """Index paths, sources, licences and counts."""
        return {
            "indexes": [
                {"path": str(index.path), "places": len(index), **{
                    k: index.meta.get(k) for k in ("name", "licences", "inputs", "counts",
                                                   "source_counts")}}
                for index in self.indexes
            ],
            "polygons": str(self.polygons.path) if self.polygons else None,
            "user_index": str(_config.user_index_path()),
        }


def _prominence(place: Place) -> float:
    if place.kind == "country":
        return 1.0
    if place.kind == "admin1":
        return 0.8
    return max(0.1, min(1.0, math.log10(place.population + 1) / 6.5))


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    paths: list[Path] = []
    user = _config.user_index_path()
    if user.exists():
        paths.append(user)
    paths.append(_config.BUNDLE_INDEX)
    return Gazetteer([PlaceIndex(p) for p in paths], PolygonStore(_config.BUNDLE_POLYGONS))
