"""The :class:`Gazetteer`: ranked lookups, ids, polygons and reverse geocoding.

How candidates are scored and ranked, and how their reasons are written, is
documented in :mod:`gazetteer.scoring`; the candidates themselves
(:class:`~gazetteer.model.Candidate`) in :mod:`gazetteer.model`.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from gazetteer import _config
from gazetteer._validate import validate_id, validate_name, validate_near
from gazetteer.exc import InvalidQueryError, QueryTypeError, UnknownPlaceError
from gazetteer.fuzzy import FuzzyKeys
from gazetteer.geodesy import KM_PER_DEGREE, haversine_km
from gazetteer.index import PlaceIndex
from gazetteer.model import KIND_CODE, KINDS, Candidate, Hit, Place
from gazetteer.normalize import ParsedQuery, name_key, name_keys
from gazetteer.polygons import PolygonStore
from gazetteer.resolve import Resolution, resolve_mentions
from gazetteer.scoring import (
    FUZZY_WEIGHT,
    MATCH_WEIGHTS,
    SECONDARY_READING,
    analyse_query,
    explain,
    fuzzy_note,
    hint_factor,
    match_weight,
    near_factor,
)

URBAN_RADIUS_KM = 0.015
# reverse() prefilters settlements with a box of max_km / KM_PER_DEGREE degrees of
# latitude, widened by this margin: KM_PER_DEGREE is a little longer than a degree of
# a great circle on the mean sphere (111.195 km), and the box must hold the whole disk.
_BOX_MARGIN = 1.01
_ISO_3166_2 = re.compile(r"^[A-Z]{2}[-.][A-Z0-9]{1,3}$")
_SETTLEMENT = KIND_CODE["settlement"]


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
        self._demonyms: dict[str, str] = {}
        for index in reversed(self.indexes):  # earlier indexes take precedence
            self._demonyms.update(index.meta.get("demonyms") or {})
        self._not_places = frozenset(
            key for index in self.indexes for key in index.meta.get("not_places") or ())

    def warm(self) -> None:
        """Build the lazily built lookup tables (fuzzy-matching buckets) now: call it before
        forking worker processes so that they share the tables instead of each building
        its own copy on its first fuzzy look-up."""
        for fuzzy in self._fuzzy:
            fuzzy.warm()

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
        near = validate_near(near)
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise InvalidQueryError(f"limit must be a positive int, not {limit!r:.40}")
        kind_set = self._check_kinds(kinds)
        country = self._check_country(country)
        admin1_code = self.admin1_code(admin1) if admin1 is not None else None
        if admin1 is not None and admin1_code is None:
            raise InvalidQueryError(f"unknown admin1 {admin1!r}")
        if not isinstance(limit, int) or limit < 1:
            raise InvalidQueryError(f"limit must be a positive int, not {limit!r}")

        parsed, full_keys, core_keys = analyse_query(name)
        if self._not_places and full_keys and full_keys[0] in self._not_places:
            return []  # "the Kremlin": a name the index marks as not a place
        filters = (country, admin1_code, kind_set, near)
        hits = self._exact_hits(full_keys, core_keys)
        found = self._rank(hits, parsed, filters, limit)
        if not found and fuzzy and not (full_keys and self._is_demonym_key(full_keys[0])):
            hits, note = self._fuzzy_hits(parsed.core)
            found = self._rank(hits, parsed, filters, limit, note)
        return found

    def demonym(self, word: str) -> str | None:
        """The ISO alpha-2 code of the country whose people or adjective *word* names
        ("Russian", "Ukrainians", "American" -> ``RU``, ``UA``, ``US``), else None.

        Demonyms are not toponyms: :meth:`lookup` never fuzzy-matches them to a place
        (an exact name of a place, should one be spelled so, still answers).
        Case, diacritics and a plural ``s`` are ignored; the table is mordecai's
        ``nat_df.csv`` (MIT), stored in the index.
        """
        word = validate_name(word, what="word")
        key = name_key(word)
        found = self._demonyms.get(key)
        if found is None and key.endswith("s"):
            found = self._demonyms.get(key[:-1])
        return found

    def _is_demonym_key(self, key: str) -> bool:
        """True for the key of a demonym ("russian", "ukrainians"): never fuzzy-matched
        to a place (a demonym is not a toponym; "Russian" is not Rui'an)."""
        return key in self._demonyms or (key.endswith("s") and key[:-1] in self._demonyms)

    def _exact_hits(self, full_keys: Sequence[str], core_keys: Sequence[str]
                    ) -> dict[tuple[int, int], Hit]:
        if len(full_keys) == 1 and not core_keys and len(self.indexes) == 1:  # the common case
            return {(0, row): Hit(quality, 1.0, False)
                    for row, quality in self.indexes[0].rows_for_key(full_keys[0])}
        hits: dict[tuple[int, int], Hit] = {}
        for keys in (full_keys, core_keys):
            for position, key in enumerate(keys):
                # A Cyrillic query has several readings; all but the first are
                # less likely to be what the writer meant.
                weight = 1.0 if position == 0 else SECONDARY_READING
                for ix, index in enumerate(self.indexes):
                    for row, quality in index.rows_for_key(key):
                        best = hits.get((ix, row))
                        if best is None or (quality, weight) > (best.quality, best.weight):
                            hits[(ix, row)] = Hit(quality, weight, fuzzy=False)
        return hits

    def _fuzzy_hits(self, core: str) -> tuple[dict[tuple[int, int], Hit], str]:
        hits: dict[tuple[int, int], Hit] = {}
        matched: list[tuple[str, float]] = []
        for key in name_keys(core):
            for ix, fuzzy in enumerate(self._fuzzy):
                for found, similarity in fuzzy.match(key):
                    matched.append((found, similarity))
                    for row, quality in self.indexes[ix].rows_for_key(found):
                        best = hits.get((ix, row))
                        weight = FUZZY_WEIGHT * similarity / 100.0
                        if best is None or weight > best.weight:
                            hits[(ix, row)] = Hit(quality, weight, fuzzy=True)
        return hits, fuzzy_note(matched) if hits else ""

    def _rank(self, hits: dict[tuple[int, int], Hit], parsed: ParsedQuery,
              filters: tuple, limit: int, note: str = "") -> list[Candidate]:
        """Filter and score hits from the index arrays (rules: :mod:`gazetteer.scoring`);
        the returned candidates build their places and reasons only when read."""
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
            score = match_weight(hit) * index.prior_list[row]
            if hint is not None:
                score *= hint_factor(hint, KINDS[index.kind_list[row]])
            if near is not None:
                score *= near_factor(haversine_km(near[0], near[1], index.lat_list[row],
                                                  index.lon_list[row]))
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
                                 why=(hit, hint, filters, note, explain)))
            if len(out) == limit:
                break
        return out

    def _rank_plain(self, hits: dict[tuple[int, int], Hit], parsed: ParsedQuery,
                    filters: tuple, limit: int, note: str) -> list[Candidate]:
        """:meth:`_rank` for the common case: one index, no filters, no kind hint."""
        index = self.indexes[0]
        priors, populations, weights = index.prior_list, index.population_list, MATCH_WEIGHTS
        scored = sorted(  # match_weight(hit), inlined: this is the hot path
            (-(hit.weight if hit.fuzzy else weights[hit.quality] * hit.weight) * priors[row],
             -populations[row], row, hit)
            for (_, row), hit in hits.items())
        return [Candidate(None, round(min(1.0, -negative), 4), None, source=(self, 0, row),
                          why=(hit, None, filters, note, explain))
                for negative, _, row, hit in scored[:limit]]

    def _place_at(self, ix: int, row: int) -> Place:
        """The place at *row* of index *ix*, as the earliest index holding its id has it."""
        return self._preferred(ix, self.indexes[ix].place(row))

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
            # "Kiev Special Republican city": a city that is its own admin-1 unit
            elif analyse_query(hint).parsed.kind_hint == "settlement":
                settlement = self.lookup(hint, kinds=("settlement",), limit=1)
                if settlement and settlement[0].score >= 0.4:
                    code = settlement[0].place.admin1
        self._admin1_cache[hint] = code
        return code

    def get(self, place_id: str) -> Place:
        """The place with id *place_id*; raises :class:`UnknownPlaceError`."""
        place_id = validate_id(place_id)
        for index in self.indexes:
            row = index.row_of_id(place_id)
            if row is not None:
                return index.place(row)
        raise UnknownPlaceError(f"no place with id {place_id!r}")

    def admin1_place(self, code: str) -> Place:
        """The admin-1 unit (oblast, krai, republic) by ISO 3166-2 code or region name.

        *code* is read as :meth:`admin1_code` reads it (``"RU-KRS"``, ``"Kursk Oblast"``);
        the unit is the Natural Earth place of that code (id ``ne:<code>``).

        Raises
        ------
        UnknownPlaceError
            When no admin-1 unit has that code or name.
        QueryTypeError, InvalidQueryError
            For a code that is not a string, or is empty or malformed.
        """
        found = self.admin1_code(code)
        if found is None:
            raise UnknownPlaceError(f"no admin1 unit {code!r}")
        return self.get(f"ne:{found}")

    def country_place(self, code: str) -> Place:
        """The country by ISO 3166-1 alpha-2 code (any case; id ``country:<CODE>``).

        Raises
        ------
        UnknownPlaceError
            When no country has that code.
        QueryTypeError, InvalidQueryError
            For a code that is not a string, or not two letters.
        """
        if not isinstance(code, str):
            raise QueryTypeError(f"country code must be a str, not {type(code).__name__}")
        return self.get(f"country:{self._check_country(code)}")

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
        degrees = max_km / KM_PER_DEGREE * _BOX_MARGIN  # prefilter box, then exact distances
        for ix, index in enumerate(self.indexes):
            lon_span = degrees / max(0.05, math.cos(math.radians(lat)))
            mask = (np.abs(index.lat - lat) <= degrees) & (np.abs(index.lon - lon) <= lon_span) \
                & (index.kind == _SETTLEMENT)
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
                    place = self.admin1_place(code) if kind == "admin1" \
                        else self.country_place(code)
                    return Candidate(place, 0.5, f"point inside {kind} {code}")
        return None

    # --- documents ----------------------------------------------------------

    def resolve(self, mentions: Sequence[str], context: Mapping[str, object] | None = None
                ) -> list[Resolution]:
        """Resolve all place names of one document jointly; see :mod:`gazetteer.resolve`."""
        return resolve_mentions(self, mentions, context)

    def info(self) -> dict[str, object]:
        """Index paths, sources, licences and counts."""
        return {
            "indexes": [
                {"path": str(index.path), "places": len(index), **{
                    k: index.meta.get(k) for k in ("name", "licences", "credits", "inputs",
                                                   "counts", "source_counts")}}
                for index in self.indexes
            ],
            "polygons": str(self.polygons.path) if self.polygons else None,
            "user_index": str(_config.user_index_path()),
        }



@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    paths: list[Path] = []
    user = _config.user_index_path()
    if user.exists():
        paths.append(user)
    paths.append(_config.BUNDLE_INDEX)
    return Gazetteer([PlaceIndex(p) for p in paths], PolygonStore(_config.BUNDLE_POLYGONS))
