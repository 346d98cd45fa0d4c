"""An offline vector basemap from the gazetteer's Natural Earth polygons.

Country shapes and Russian and Ukrainian oblast outlines around the claims, so
a map reads with no tiles and no network; regions that hold claims are
labelled, as are those well inside the window. Geometries are simplified to
about 1 km and rounded to 4 decimals.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import shapely
from shapely.geometry import mapping

if TYPE_CHECKING:
    from gazetteer import Gazetteer

MARGIN_DEGREES = 4.0
SIMPLIFY_DEGREES = 0.01
DETAILED_COUNTRIES = ("RU", "UA")


PRECISION = 1e-4


def _feature(geometry, **properties) -> dict:
    geometry = shapely.set_precision(shapely.simplify(geometry, SIMPLIFY_DEGREES), PRECISION)
    return {"type": "Feature", "properties": properties, "geometry": mapping(geometry)}


#: Per gazetteer: each country's polygon simplified and rounded, made once; a map clips
#: it to its window (simplifying Russia's full outline for every map cost more than the
#: rest of the basemap).
_COUNTRIES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _simplified(gazetteer: Gazetteer, code: str, geometry):
    made = _COUNTRIES.setdefault(gazetteer, {})
    if code not in made:
        made[code] = shapely.set_precision(shapely.simplify(geometry, SIMPLIFY_DEGREES),
                                           PRECISION)
    return made[code]


def basemap(gazetteer: Gazetteer, bounds: tuple[float, float, float, float],
            labelled_regions: set[str]) -> dict:
    """Countries and admin-1 outlines within *bounds* (lon/lat) plus a margin.

    Returns ``{"countries": FeatureCollection, "regions": FeatureCollection,
    "labels": [[lat, lon, name], ...], "countryLabels": [[lat, lon, name], ...]}``.
    A country is labelled at a point of its part inside the window (its name from the
    gazetteer; its code when the gazetteer has none).
    """
    west, south, east, north = bounds
    window = shapely.box(west - MARGIN_DEGREES, south - MARGIN_DEGREES,
                         east + MARGIN_DEGREES, north + MARGIN_DEGREES)
    inner = window.buffer(-MARGIN_DEGREES / 2)
    countries, regions, labels, country_labels = [], [], [], []
    # countries are drawn to 6 degrees beyond the window (room to pan), cut by rectangle
    # clipping (a tenth of the time of an overlay), an overlay only where it leaves one invalid
    around = (west - MARGIN_DEGREES - 6, south - MARGIN_DEGREES - 6,
              east + MARGIN_DEGREES + 6, north + MARGIN_DEGREES + 6)
    for code, geometry in gazetteer.polygon_items("country"):
        if geometry.intersects(window):
            simple = _simplified(gazetteer, code, geometry)
            clipped = shapely.clip_by_rect(simple, *around)
            if not clipped.is_valid:  # rectangle clipping may leave a polygon invalid
                clipped = simple.intersection(shapely.box(*around))
            outline = shapely.set_precision(clipped, PRECISION)
            countries.append({"type": "Feature", "properties": {"code": code},
                              "geometry": mapping(outline)})
            part = shapely.clip_by_rect(simple, *window.bounds)
            if not part.is_valid:  # the label's point needs a valid part
                part = simple.intersection(window)
            if not part.is_empty and part.area > 0.5:
                point = _largest(part).representative_point()
                country_labels.append([round(point.y, 4), round(point.x, 4),
                                       _country_name(gazetteer, code)])
    for code, geometry in gazetteer.polygon_items("admin1"):
        if not code.startswith(DETAILED_COUNTRIES) or not geometry.intersects(window):
            continue
        feature, name, point = _region(gazetteer, code, geometry)
        regions.append(feature)
        if code in labelled_regions or inner.contains(point):
            labels.append([round(point.y, 4), round(point.x, 4), region_label(name)])
    return {"countries": {"type": "FeatureCollection", "features": countries},
            "regions": {"type": "FeatureCollection", "features": regions},
            "labels": labels, "countryLabels": country_labels}


#: Per gazetteer: each region's outline feature, name and label point, made once (they
#: depend on the gazetteer alone; callers get the same dict, not to be changed).
_REGIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _region(gazetteer: Gazetteer, code: str, geometry) -> tuple[dict, str, object]:
    made = _REGIONS.setdefault(gazetteer, {})
    if code not in made:
        name = _region_name(gazetteer, code)
        made[code] = (_feature(geometry, code=code, name=name), name,
                      geometry.representative_point())
    return made[code]


def _largest(geometry):
    parts = getattr(geometry, "geoms", [geometry])
    return max(parts, key=lambda part: part.area)


def _country_name(gazetteer, code: str) -> str:
    try:
        return gazetteer.country_place(code).name
    except LookupError:
        return code


def region_label(name: str) -> str:
    """"Kursk" -> "Kursk Oblast"; names that carry their kind stay as they are."""
    kinds = ("Oblast", "Krai", "Republic", "Okrug", "City", "Sevastopol", "Kyiv", "Moscow",
             "Petersburg", "Crimea")
    if name.endswith(kinds) or name.startswith(("Republic", "Autonomous")):
        return name
    return f"{name} Oblast"


def _region_name(gazetteer, code: str) -> str:
    try:
        return gazetteer.admin1_place(code).name
    except LookupError:  # a polygon without a gazetteer entry keeps its code
        return code
