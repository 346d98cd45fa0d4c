"""A geopy geocoder backed by the offline gazetteer.

Code written for Nominatim switches to offline by changing one line::

    from gazetteer.geopy import OfflineGeocoder
    geolocator = OfflineGeocoder()            # was: Nominatim(user_agent=...)
    location = geolocator.geocode("Sudzha")
    print(location.address, location.latitude, location.longitude)

It works with ``geopandas.tools.geocode(..., provider=OfflineGeocoder)`` too.

An optional online fallback (off by default) asks Nominatim for names the
gazetteer lacks, through geopy's ``RateLimiter`` and an on-disk SQLite cache,
so the same name is never requested twice::

    OfflineGeocoder(fallback="nominatim", user_agent="my-project/1.0 (me@example.org)")
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Mapping
from pathlib import Path

from geopy.exc import ConfigurationError, GeocoderQueryError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from gazetteer.exc import GazetteerError
from gazetteer.lookup import Gazetteer
from gazetteer.model import Candidate

__all__ = ["OfflineGeocoder"]


class _Cache:
    """A tiny persistent key -> JSON cache in SQLite (safe across threads)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value TEXT)")

    def get(self, key: str) -> object | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM cache WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, value: object) -> None:
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO cache VALUES (?, ?)", (key, json.dumps(value)))


class OfflineGeocoder(Geocoder):
    """geopy ``Geocoder`` answering from :class:`gazetteer.Gazetteer`.

    Parameters
    ----------
    gazetteer
        The gazetteer to use (default: :meth:`Gazetteer.default`).
    country
        Restrict answers to this ISO alpha-2 country.
    min_score
        Candidates scoring below this are not returned (default 0.3).
    fallback
        ``None`` (offline only) or ``"nominatim"``.
    fallback_options
        Keyword arguments for geopy's ``Nominatim`` (``domain``, ``scheme``).
    cache_path
        SQLite file caching fallback answers (default: user cache directory).
    min_delay_seconds
        Delay between fallback requests (Nominatim's policy: at least 1 s).
    user_agent, timeout, proxies, ssl_context, adapter_factory
        As for every geopy geocoder; used by the fallback only.
    """

    def __init__(self, *, gazetteer: Gazetteer | None = None, country: str | None = None,
                 min_score: float = 0.3, fallback: str | None = None,
                 fallback_options: Mapping[str, object] | None = None,
                 cache_path: str | Path | None = None, min_delay_seconds: float = 1.0,
                 user_agent: str | None = None, timeout=DEFAULT_SENTINEL,
                 proxies=DEFAULT_SENTINEL, ssl_context=DEFAULT_SENTINEL, adapter_factory=None):
        super().__init__(timeout=timeout, proxies=proxies, user_agent=user_agent,
                         ssl_context=ssl_context, adapter_factory=adapter_factory)
        self.gazetteer = gazetteer or Gazetteer.default()
        self.country = country
        self.min_score = min_score
        self._fallback_geocode = None
        self._cache: _Cache | None = None
        if fallback is not None:
            if fallback != "nominatim":
                raise ConfigurationError(f"unknown fallback {fallback!r}; use 'nominatim'")
            if not user_agent:
                raise ConfigurationError(
                    "the Nominatim fallback needs a user_agent that identifies your application"
                )
            from geopy.geocoders import Nominatim

            nominatim = Nominatim(user_agent=user_agent, timeout=timeout, proxies=proxies,
                                  ssl_context=ssl_context, adapter_factory=adapter_factory,
                                  **dict(fallback_options or {}))
            self._fallback_geocode = RateLimiter(nominatim.geocode,
                                                 min_delay_seconds=min_delay_seconds,
                                                 swallow_exceptions=False)
            if cache_path is None:
                import platformdirs

                cache_path = Path(platformdirs.user_cache_dir("gazetteer")) / "nominatim.sqlite"
            self._cache = _Cache(Path(cache_path))

    @staticmethod
    def _location(candidate: Candidate) -> Location:
        parts = [candidate.name]
        if candidate.admin1 and candidate.kind != "admin1":
            parts.append(candidate.admin1)
        if candidate.country and candidate.kind != "country":
            parts.append(candidate.country)
        return Location(", ".join(parts), (candidate.lat, candidate.lon), candidate.as_dict())

    def geocode(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL,
                country: str | None = None, admin1: str | None = None, limit: int | None = None):
        """Geocode a place name. Returns a ``Location``, a list of them, or None.

        ``query`` may also be a dict with ``name`` (or ``city``/``q``),
        ``country`` and ``admin1``/``state`` keys. Bad queries raise
        ``GeocoderQueryError`` (a ``ValueError``).
        """
        if isinstance(query, Mapping):
            name = query.get("name") or query.get("city") or query.get("q")
            country = country or query.get("country")
            admin1 = admin1 or query.get("admin1") or query.get("state")
        else:
            name = query
        try:
            candidates = self.gazetteer.lookup(
                name, country=country or self.country, admin1=admin1,
                limit=1 if exactly_one else (limit or 10))
        except (GazetteerError, TypeError, ValueError) as error:
            raise GeocoderQueryError(str(error)) from error
        candidates = [c for c in candidates if c.score >= self.min_score]
        if candidates:
            locations = [self._location(c) for c in candidates]
            return locations[0] if exactly_one else locations
        if self._fallback_geocode is not None:
            return self._fallback(str(name), exactly_one=exactly_one, timeout=timeout)
        return None

    def _fallback(self, name: str, *, exactly_one: bool, timeout):
        key = json.dumps([name, exactly_one, self.country])
        cached = self._cache.get(key) if self._cache else None
        if cached is None:
            kwargs = {"exactly_one": exactly_one, "timeout": timeout}
            if self.country:
                kwargs["country_codes"] = self.country.lower()
            found = self._fallback_geocode(name, **kwargs)
            items = found if isinstance(found, list) else [found] if found else []
            cached = [[loc.address, loc.latitude, loc.longitude, loc.raw] for loc in items]
            if self._cache:
                self._cache.put(key, cached)
        locations = [Location(a, (lat, lon), raw) for a, lat, lon, raw in cached]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def reverse(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL,
                max_km: float = 25.0):
        """Nearest place to a point ("lat, lon", ``(lat, lon)`` or ``geopy.Point``)."""
        try:
            point = Point(query)
        except (TypeError, ValueError) as error:
            raise GeocoderQueryError(f"not a point: {query!r}") from error
        try:
            found = self.gazetteer.reverse(point.latitude, point.longitude, max_km=max_km)
        except (GazetteerError, ValueError) as error:
            raise GeocoderQueryError(str(error)) from error
        if found is None:
            return None
        location = self._location(found)
        return location if exactly_one else [location]
