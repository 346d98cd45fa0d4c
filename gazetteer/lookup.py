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
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from gazetteer import _config
from gazetteer._validate import validate_name
from gazetteer.exc import InvalidQueryError, UnknownPlaceError
from gazetteer.fuzzy import FuzzyKeys
from gazetteer.index import KINDS, PRIMARY, QUALITY_NAMES, Place, PlaceIndex
from gazetteer.normalize import ParsedQuery, key_of_folded, name_key, name_keys, parse_query
from gazetteer.polygons import PolygonStore
from gazetteer.translit import has_cyrillic

_MATCH = {3: 1.0, 2: 0.92, 1: 0.85}
SECONDARY_READING = 0.8
URBAN_RADIUS_KM = 0.015
FUZZY_WEIGHT = 0.75
_ISO_3166_2 = re.compile(r"^[A-Z]{2}[-.][A-Z0-9]{1,3}$")


class _Hit(NamedTuple):
    quality: int  # of the indexed name that matched
    weight: float  # 1.0 exact, SECONDARY_READING, or FUZZY_WEIGHT * similarity
    fuzzy: bool


class Candidate:
    """A ranked answer to a lookup: the place, its score and why.

    Place fields (``id``, ``name``, ``kind``, ``lat``, ``lon``, ``country``,
    ``admin1``, ``population``, ``source``) read through. The place and the
    ``reason`` are built on first access, so ranking many candidates when the
    caller reads only the best stays cheap.
    """

    __slots__ = ("_place", "_reason", "_source", "_why", "score")

    def __init__(self, place: Place | None, score: float, reason: str | None = None, *,
                 source: tuple | None = None, why: tuple | None = None):
        self._place = place
        self._source = source  # (gazetteer, index number, row) when place is None
        self.score = score
        self._reason = reason
        self._why = why

    @property
    def place(self) -> Place:
        """The :class:`~gazetteer.index.Place`."""
        if self._place is None:
            gaz, ix, row = self._source
            self._place = gaz._preferred(ix, gaz.indexes[ix].place(row))
        return self._place

    @property
    def reason(self) -> str:
        """Why this candidate was returned, in a few words."""
        if self._reason is None:
            self._reason = _reason(self.place, *self._why)
        return self._reason

    def __getattr__(self, name: str) -> object:  # id, name, kind, lat, lon, ...
        if name in Place._fields:
            return getattr(self.place, name)
        raise AttributeError(name)

    def __repr__(self) -> str:
        return f"Candidate({self.place!r}, score={self.score}, reason={self.reason!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Candidate):
            return NotImplemented
        return (self.place, self.score, self.reason) == (other.place, other.score, other.reason)

    def as_dict(self) -> dict[str, object]:
        """Place fields plus ``score`` and ``reason``."""
        return {**self.place.as_dict(), "score": round(self.score, 4), "reason": self.reason}


@lru_cache(maxsize=65536)
def _analyse(name: str) -> tuple[ParsedQuery, tuple[str, ...], tuple[str, ...]]:
    parsed = parse_query(name)
    if has_cyrillic(name):
        full = tuple(name_keys(name))
    elif parsed.original == name:  # one reading: reuse the text parse_query folded
        full = (key_of_folded(parsed.folded),)
    else:
        full = (name_key(name),)
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
               limit: int = 10, fuzzy: bool = True) -> list[Candidate]:
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
        fuzzy
            Try fuzzy matching when no exact form matches (default True).

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
        filters = (country, admin1_code, kind_set, near)
        hits = self._exact_hits(full_keys, core_keys)
        found = self._rank(hits, parsed, filters, limit)
        if not found and fuzzy:
            hits, fuzzy_note = self._fuzzy_hits(parsed.core)
            found = self._rank(hits, parsed, filters, limit, fuzzy_note)
        return found

    def _exact_hits(self, full_keys: Sequence[str], core_keys: Sequence[str]
                    ) -> dict[tuple[int, int], _Hit]:
        if len(full_keys) == 1 and not core_keys and len(self.indexes) == 1:  # the common case
            return {(0, row): _Hit(quality, 1.0, False)
                    for row, quality in self.indexes[0].rows_for_key(full_keys[0])}
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

    def _rank(self, hits: dict[tuple[int, int], _Hit], parsed: ParsedQuery,
              filters: tuple, limit: int, note: str = "") -> list[Candidate]:
        """Filter and score hits from the index arrays; build only the returned places."""
        country, admin1, kinds, near = filters
        hint = parsed.kind_hint
        if len(self.indexes) == 1 and hint is None and filters == (None, None, None, None):
            return self._rank_plain(hits, parsed, filters, limit, note)
        scored = []
        for (ix, row), hit in hits.items():
            index = self.indexes[ix]
            if kinds is not None and KINDS[index.kind_list[row]] not in kinds:
                continue
            if country is not None and index.country_code(row) != country:
                continue
            if admin1 is not None and index.admin1_code(row) != admin1:
                continue
            match = hit.weight if hit.fuzzy else _MATCH[hit.quality] * hit.weight
            score = match * index.prior_list[row]
            if hint is not None:
                score *= _hint_factor(hint, KINDS[index.kind_list[row]])
            if near is not None:
                distance = haversine_km(near[0], near[1], index.lat_list[row],
                                        index.lon_list[row])
                score *= 0.5 + 0.5 * math.exp(-distance / 150.0)
            scored.append((-score, -index.population_list[row], ix, row, hit))
        scored.sort()
        out: list[Candidate] = []
        seen: set[str] = set()
        layered = len(self.indexes) > 1
        for negative_score, _, ix, row, hit in scored:
            if layered:  # one place may be in the user index and the bundle
                place_id = self.indexes[ix].place_id(row)
                if place_id in seen:
                    continue
                seen.add(place_id)
            out.append(Candidate(None, round(min(1.0, -negative_score), 4),
                                 source=(self, ix, row),
                                 why=(hit, parsed.kind_hint, filters, note)))
            if len(out) == limit:
                break
        return out

    def _rank_plain(self, hits: dict[tuple[int, int], _Hit], parsed: ParsedQuery,
                    filters: tuple, limit: int, note: str) -> list[Candidate]:
        """:meth:`_rank` for the common case: one index, no filters, no kind hint."""
        index = self.indexes[0]
        priors, populations = index.prior_list, index.population_list
        scored = sorted(
            (-(hit.weight if hit.fuzzy else _MATCH[hit.quality] * hit.weight) * priors[row],
             -populations[row], row, hit)
            for (_, row), hit in hits.items())
        return [Candidate(None, round(min(1.0, -negative), 4), None, source=(self, 0, row),
                          why=(hit, None, filters, note))
                for negative, _, row, hit in scored[:limit]]

    def _preferred(self, ix: int, place: Place) -> Place:
        """The copy of *place* from the earliest index holding its id (user over bundle)."""
        for earlier in self.indexes[:ix]:
            row = earlier.row_of_id(place.id)
            if row is not None:
                return earlier.place(row)
        return place

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
            elif _analyse(hint)[0].kind_hint == "settlement":  # "Kiev Special Republican city"
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

    def polygon_items(self, kind: str):
        """Every ``(code, polygon)`` of *kind* (``admin1`` or ``country``), by code."""
        store = self._polygons()
        for code in store.codes(kind):
            yield code, store.get(kind, code)

    def reverse(self, lat: float, lon: float, *, max_km: float = 25.0) -> Candidate | None:
        """The settlement at a point, else the admin-1 unit or country containing it.

        The settlement is the most populous one whose built-up radius,
        ``URBAN_RADIUS_KM * sqrt(population)`` (about 26 km for Kyiv, 5 km for a
        town of 100,000), covers the point; failing that, the nearest within
        *max_km*. Returns None over open sea or unmapped land.
        """
        if not all(isinstance(v, int | float) and math.isfinite(v) for v in (lat, lon)):
            raise InvalidQueryError(f"lat/lon must be finite numbers, not {lat!r}, {lon!r}")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InvalidQueryError(f"lat/lon out of range: {lat}, {lon}")
        nearest: tuple[float, int, int] | None = None
        covering: tuple[int, float, int, int] | None = None  # most populous whose area covers
        degrees = max_km / 111.0
        for ix, index in enumerate(self.indexes):
            lon_span = degrees / max(0.05, math.cos(math.radians(lat)))
            mask = (np.abs(index.lat - lat) <= degrees) & (np.abs(index.lon - lon) <= lon_span) \
                & (index.kind == KINDS.index("settlement"))
            for row in np.flatnonzero(mask).tolist():
                d = haversine_km(lat, lon, float(index.lat[row]), float(index.lon[row]))
                if d > max_km:
                    continue
                if nearest is None or d < nearest[0]:
                    nearest = (d, ix, row)
                population = int(index.population[row])
                if d <= URBAN_RADIUS_KM * math.sqrt(population) and (
                        covering is None or population > covering[0]):
                    covering = (population, d, ix, row)
        if covering is not None:
            _, d, ix, row = covering
            place = self.indexes[ix].place(row)
            return Candidate(place, round(1.0 / (1.0 + d / 5.0), 4),
                             f"inside the built-up radius of {place.name}, {d:.1f} km from its "
                             "centre")
        if nearest is not None:
            d, ix, row = nearest
            place = self.indexes[ix].place(row)
            return Candidate(place, round(1.0 / (1.0 + d / 5.0), 4),
                             f"nearest settlement, {d:.1f} km")
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


def prominence(kind: str, population: int) -> float:
    """How well known a place is, 0.1-1: by kind, and for settlements by population."""
    if kind == "country":
        return 1.0
    if kind == "admin1":
        return 0.8
    return max(0.1, min(1.0, math.log10(population + 1) / 6.5))


def _hint_factor(hint: str | None, kind: str) -> float:
    """0.6 when the query's phrasing names a kind other than *kind*, else 1."""
    if hint is None:
        return 1.0
    if hint == "facility":
        return 1.0 if kind == "settlement" else 0.6
    return 1.0 if (hint == "admin1") == (kind == "admin1") and kind != "country" else 0.6


def _reason(place: Place, hit: _Hit, hint: str | None, filters: tuple, note: str = "") -> str:
    """Why a candidate was returned, in a few words."""
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
        if _hint_factor(hint, place.kind) == 1.0:
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


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    paths: list[Path] = []
    user = _config.user_index_path()
    if user.exists():
        paths.append(user)
    paths.append(_config.BUNDLE_INDEX)
    return Gazetteer([PlaceIndex(p) for p in paths], PolygonStore(_config.BUNDLE_POLYGONS))
