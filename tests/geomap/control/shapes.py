"""Reference files of the shapes people have, written here (no third-party data).

* :func:`nzz_like`: one feature per day and kind, a ``snapshot`` date and a ``type`` of
  ``losses`` (the Ukrainian-held salient around Sudzha, shrinking to nothing by
  2025-03-10), ``gains`` (a small recent Russian gain) and ``nochange`` (a stand-in for
  the whole occupied front in Ukraine).
* :func:`deepstate_like`: a directory of per-day files, the date only in the name,
  polygons of Russian-occupied Ukraine only (Kupiansk inside from 2025-01-05).
* :func:`claim_rows`: claims about gazetteer places, with the schema's columns.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import geopandas as gpd
import shapely

from geomap.schema import CLAIM_COLUMNS, to_geodataframe

SUDZHA = (35.271, 51.191)
MALAYA_LOKNYA = (35.2275, 51.3325)
KUPIANSK = (37.61581, 49.71003)
KHARKIV = (36.25475, 49.98177)
SALIENT_START = dt.date(2024, 8, 15)
SALIENT_GONE = dt.date(2025, 3, 10)
NZZ_END = dt.date(2025, 3, 20)


def disk(lon: float, lat: float, km: float, vertices: int = 64) -> shapely.Polygon:
    """A polygon approximating a circle of *km* around (lon, lat)."""
    dlat = km / 111.32
    dlon = dlat / math.cos(math.radians(lat))
    return shapely.Polygon([(lon + dlon * math.cos(a), lat + dlat * math.sin(a))
                            for a in (2 * math.pi * k / vertices for k in range(vertices))])


def salient_km(day: dt.date) -> float:
    """Radius of the Ukrainian-held salient on *day*: 30 km shrinking to 0 on SALIENT_GONE."""
    total = (SALIENT_GONE - SALIENT_START).days
    return max(0.0, 30.0 * (1 - (day - SALIENT_START).days / total))


def nzz_like(end: dt.date = NZZ_END) -> gpd.GeoDataFrame:
    """The NZZ-shaped frame, one row per day and kind, from SALIENT_START to *end*."""
    count = (end - SALIENT_START).days + 1
    rows, geometry = [], []
    nochange = shapely.box(37.0, 47.5, 38.5, 48.4)  # stand-in for occupied Donetsk
    for k in range(count):
        day = SALIENT_START + dt.timedelta(days=k)
        radius = salient_km(day)
        if radius > 0:
            rows.append({"snapshot": day.isoformat(), "type": "losses"})
            geometry.append(disk(*SUDZHA, radius))
        rows.append({"snapshot": day.isoformat(), "type": "gains"})
        geometry.append(disk(35.6, 51.0, 3))
        rows.append({"snapshot": day.isoformat(), "type": "nochange"})
        geometry.append(nochange)
    return gpd.GeoDataFrame(rows, geometry=geometry, crs="EPSG:4326")


def write_nzz(path: Path, end: dt.date = NZZ_END) -> Path:
    """:func:`nzz_like` written by GDAL (format from the suffix; ``.parquet`` GeoParquet)."""
    frame = nzz_like(end)
    if path.suffix == ".parquet":
        frame.to_parquet(path)
    else:
        frame.to_file(path, driver={".geojson": "GeoJSON", ".gpkg": "GPKG",
                                    ".fgb": "FlatGeobuf"}[path.suffix])
    return path


def occupied(day: dt.date) -> shapely.Polygon:
    """Russian-occupied area of the DeepStateMap-shaped history: east of a front line
    moving west by 1 km a day from 37.666 E on 2025-01-01, inside 49.4-50.2 N; Kupiansk
    (37.616 E) falls on 2025-01-05 (the line is at 37.610 E that day, 37.624 E the day
    before)."""
    west = 37.666 - (day - dt.date(2025, 1, 1)).days / (111.32 * math.cos(math.radians(50)))
    return shapely.box(west, 49.4, 38.6, 50.2)


def write_deepstate(folder: Path, days: int = 10) -> Path:
    """Per-day GeoJSON files ``deepstate-YYYY-MM-DD.geojson`` from 2025-01-01, no date
    property, one occupied polygon each."""
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(days):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=k)
        gpd.GeoDataFrame({"name": ["occupied"]}, geometry=[occupied(day)],
                         crs="EPSG:4326").to_file(folder / f"deepstate-{day}.geojson",
                                                  driver="GeoJSON")
    return folder


def claim_rows(items: list[dict]) -> gpd.GeoDataFrame:
    """Claims with the schema's columns: each item gives ``claim_id``, ``claimant``,
    ``claimant_side``, ``event_type``, ``place`` (label), ``lonlat``, ``date`` and
    optionally ``actor_side``, ``disputes``, ``approximate``, ``uncertainty_km``."""
    rows = []
    for item in items:
        lon, lat = item["lonlat"]
        rows.append({
            "claim_id": item["claim_id"], "doc_id": "doc-" + item["claim_id"],
            "published": item["date"], "source": "test", "claimant": item["claimant"],
            "claimant_side": item["claimant_side"], "event_type": item["event_type"],
            "actor_side": item.get("actor_side", item["claimant_side"]),
            "place_name": item["place"], "place_id": "test:" + item["place"],
            "place_kind": "settlement", "place_label": item["place"], "precision": 1,
            "approximate": item.get("approximate", False),
            "uncertainty_km": item.get("uncertainty_km"), "disputes": item.get("disputes"),
            "date_start": item["date"], "date_end": item["date"], "date_precision": "day",
            "hedged": False, "sentence": f"{item['claimant']} says so about {item['place']}.",
            "geometry": (lon, lat),
        })
    return to_geodataframe(rows, CLAIM_COLUMNS)
