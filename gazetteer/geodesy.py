"""Distances and bearings on a spherical Earth: the one place both packages take them from.

``EARTH_RADIUS_KM`` is the IUGG mean radius; ``KM_PER_DEGREE`` is the length of a
degree of latitude (and of longitude at the equator) used for planar approximations
(search boxes, disks, map framing). Both are accurate to a few tenths of a percent,
far below the uncertainty of a place named in a news report.
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = 111.32


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(math.sqrt(min(1.0, h)))


def destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point *km* from (lat, lon) along *bearing* degrees (great circle), rounded to
    six decimals (about 10 cm)."""
    d = km / EARTH_RADIUS_KM
    b = math.radians(bearing)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1),
                         math.cos(d) - math.sin(p1) * math.sin(p2))
    return round(math.degrees(p2), 6), round((math.degrees(l2) + 540) % 360 - 180, 6)
