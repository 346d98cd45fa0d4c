"""Reference layers: assessed control polygons a user brings, read as they come.

What is read
------------
* **Formats**: GeoJSON, GeoPackage, GeoParquet (``.parquet``), FlatGeobuf (``.fgb``),
  anything else GDAL reads, a ``.gz`` of one of them, a ``.zip`` holding one or more of
  them, or a **directory** of such files (one per day, for instance a DeepStateMap
  history). Coordinates are reprojected to EPSG:4326.
* **Date** of a feature: the property named by ``date_field``; else, with
  ``date_from_name``, the one ISO date (``2025-03-13``, ``2025_03_13`` or ``20250313``)
  in its file's name; else the first of ``date``, ``snapshot``, ``valid_from``,
  ``as_of``, ``day``, ``timestamp``; else the date in the file name when the name holds
  exactly one (automatic). A file without any is refused with the reason.
* **Holder** (the side a polygon shows in control): ``holds`` (``RU``/``UA``) for files
  that show one side only; else ``status_field`` read through ``status_map``
  (``{"losses": "UA", "gains": "RU", "nochange": "ignore"}``: ``ignore`` drops the
  polygon; a value the map does not name is an error that lists it); else the first of
  ``status``, ``controller``, ``side``, ``control``, ``type`` whose values are all known
  words (``RU``/``russia``/``occupied``, ``UA``/``ukraine``/``liberated``,
  ``contested``/``grey``); else every polygon is Russian-held (what DeepStateMap's and
  ISW's occupied-area layers show).
* **Coverage**, the area the assessment speaks for (``covers``): ``"polygons"`` (the
  default: only inside the day's polygons), a list of admin-1 codes (``RU-KRS,RU-BEL``,
  their Natural Earth polygons from the gazetteer) or a file of polygons. Outside it, no
  verdict.
* **Outside** (``outside``): the holder of a covered point that no polygon of the day
  contains (NZZ's Kursk file draws only the Ukrainian-held area, so ``outside="RU"``
  with ``covers="RU-KRS"``); without it, no verdict there.

The result (:func:`read_reference`) is one row per polygon feature kept (at full
resolution, not dissolved, so a map can share a feature that did not change between
days), sorted by day then holder: ``status``, ``valid_from`` (the snapshot's day),
``valid_to`` (the next snapshot's day, or empty) and ``geometry``; its ``attrs`` carry the
:class:`ReferenceOptions` used (``attrs["options"]``), the coverage polygon
(``attrs["covers"]``, None for ``"polygons"``), the name shown in popups
(``attrs["name"]``) and the source path. Verdicts are computed by
:mod:`geomap.control.verdicts`.

Speed: GeoJSON files of polygons are read by :mod:`geomap.io.geojson` (each distinct
coordinates array parsed once; a directory's files together), anything it declines and
every other format by GDAL; equal geometries are then one shared object
(:func:`shared`), so that validity, simplification and containment tests are done once
per distinct geometry, not per day.
"""

from __future__ import annotations

import dataclasses
import gzip
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.control.verdicts import reference_agreement, verdicts
from geomap.exc import ReferenceLayerError
from geomap.io.geojson import read_polygon_collections
from geomap.schema import BELLIGERENTS
from geomap.settings import REFERENCE_WINDOW_DAYS

if TYPE_CHECKING:
    from gazetteer import Gazetteer

__all__ = ["ReferenceOptions", "date_in_name", "parse_covers", "parse_status_map",
           "read_reference", "reference_agreement", "shared", "verdicts"]

DATE_FIELDS = ("date", "snapshot", "valid_from", "as_of", "day", "timestamp")
STATUS_FIELDS = ("status", "controller", "side", "control", "type")
STATUS_WORDS = {
    "ru": "RU", "russia": "RU", "russian": "RU", "occupied": "RU", "rf": "RU",
    "ua": "UA", "ukraine": "UA", "ukrainian": "UA", "liberated": "UA",
    "contested": "contested", "grey": "contested", "gray": "contested", "unknown": "contested",
}
#: What a status value may map to.
HOLDERS = (*BELLIGERENTS, "contested", "ignore")
#: Default of ``--reference-window-days``: how far a claim's day may be from a snapshot.
WINDOW_DAYS = REFERENCE_WINDOW_DAYS
#: Files of a directory or a zip that are read (lower-case suffixes).
SUFFIXES = (".geojson", ".json", ".gpkg", ".parquet", ".geoparquet", ".fgb", ".shp")
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")


@dataclass(frozen=True)
class ReferenceOptions:
    """How a reference file is read and judged (see the module docstring).

    ``window_days``: a claim is compared with the snapshot nearest its day within this
    many days (the earlier one on a tie); none that near, no verdict. ``name``: what
    popups and the scorecard call the reference (default: the file's name without
    suffixes).
    """

    date_field: str | None = None
    date_from_name: bool = False
    status_field: str | None = None
    status_map: Mapping[str, str] | None = None
    holds: str | None = None
    covers: str | Sequence[str] | os.PathLike[str] = "polygons"
    outside: str | None = None
    window_days: int = WINDOW_DAYS
    name: str | None = None

    def __post_init__(self) -> None:
        if self.holds is not None and self.holds not in BELLIGERENTS:
            raise ReferenceLayerError(f"--reference-holds must be RU or UA, not {self.holds!r}")
        if self.outside is not None and self.outside not in (*BELLIGERENTS, "contested"):
            raise ReferenceLayerError(f"--reference-outside must be RU, UA or contested, "
                                      f"not {self.outside!r}")
        for value, side in (self.status_map or {}).items():
            if side not in HOLDERS:
                raise ReferenceLayerError(f"status {value!r} maps to {side!r}; use one of "
                                          f"{', '.join(HOLDERS)}")
        if self.window_days < 0:
            raise ReferenceLayerError("--reference-window-days must be 0 or more")


def parse_status_map(text: str) -> dict[str, str]:
    """``"losses=UA,gains=RU,nochange=ignore"`` -> a dict (values upper-cased but
    ``contested``/``ignore``); raises :class:`~geomap.exc.ReferenceLayerError`."""
    out: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        value, sep, side = item.partition("=")
        side = side.strip()
        side = side.lower() if side.lower() in ("contested", "ignore") else side.upper()
        if not sep or not value.strip() or side not in HOLDERS:
            raise ReferenceLayerError(f"bad status mapping {item!r}: write VALUE=SIDE with "
                                      f"SIDE one of {', '.join(HOLDERS)}")
        out[value.strip().lower()] = side
    if not out:
        raise ReferenceLayerError("the status map is empty")
    return out


def parse_covers(text: str) -> str | list[str]:
    """``polygons``, a path to a file, or a comma-separated list of admin-1 codes."""
    if text == "polygons" or Path(text).exists():
        return text
    codes = [c.strip() for c in text.split(",") if c.strip()]
    if not codes or not all(re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", c) for c in codes):
        raise ReferenceLayerError(f"--reference-covers {text!r}: use 'polygons', admin-1 "
                                  "codes such as RU-KRS,RU-BEL, or an existing file")
    return codes


def date_in_name(name: str) -> pd.Timestamp | None:
    """The one date in a file name (``2025-03-13``, ``2025_03_13``, ``20250313``), or None
    when it holds none or several."""
    found = {m.groups() for m in _DATE_IN_NAME.finditer(Path(name).name)}
    if len(found) != 1:
        return None
    year, month, day = found.pop()
    try:
        return pd.Timestamp(int(year), int(month), int(day))
    except ValueError:
        return None


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".zip", *SUFFIXES):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def _frame(path: Path) -> gpd.GeoDataFrame:
    if path.suffix.lower() in (".parquet", ".geoparquet"):
        return gpd.read_parquet(path)
    return gpd.read_file(path, engine="pyogrio", use_arrow=True)  # ~20% faster than rows


def _tables(files: list[tuple[Path, str]]):
    """``(name, properties, geometries)`` of each file, in EPSG:4326. GeoJSON files of
    polygons are read by :func:`geomap.io.geojson.read_polygon_collections` (all at once,
    each distinct geometry parsed once); the rest, and any GeoJSON that reader declines,
    by GDAL (:func:`_frame`)."""
    plain = [k for k, (file, _) in enumerate(files)
             if file.suffix.lower() in (".geojson", ".json")]
    fast = dict(zip(plain, read_polygon_collections([files[k][0].read_bytes() for k in plain]),
                    strict=True))
    for k, (file, name) in enumerate(files):
        if fast.get(k) is not None:
            properties, geometries = fast[k]
            yield name, properties, geometries
            continue
        try:
            frame = _frame(file)
        except Exception as error:  # pyogrio/pyarrow raise several types
            raise ReferenceLayerError(f"{name}: cannot read reference layer: "
                                      f"{error}") from error
        if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
            frame = frame.to_crs("EPSG:4326")
        yield name, pd.DataFrame(frame.drop(columns=frame.geometry.name)), \
            frame.geometry.to_numpy()


def shared(geometries: np.ndarray) -> np.ndarray:
    """*geometries* with equal ones (same WKB) made one object, so that what is done per
    distinct geometry (validity, simplification, containment tests) is done once."""
    out = np.asarray(geometries, dtype=object).copy()
    first: dict[int, int] = {}  # objects already shared (the GeoJSON reader's)
    for k, geometry in enumerate(out):
        first.setdefault(id(geometry), k)
    distinct = np.array(sorted(first.values()), dtype=int)
    present = distinct[[out[k] is not None for k in distinct]] if len(distinct) else distinct
    by_wkb: dict[bytes, object] = {}
    replace = {}
    for k, wkb in zip(present, shapely.to_wkb(out[present]), strict=True):
        replace[id(out[k])] = by_wkb.setdefault(wkb, out[k])
    return np.array([replace.get(id(g), g) for g in out], dtype=object)


def _valid(geometries: np.ndarray) -> np.ndarray:
    """Each distinct geometry checked (and mended with ``make_valid``) once."""
    unique = {id(g): g for g in geometries}
    objects = np.array(list(unique.values()), dtype=object)
    invalid = ~shapely.is_valid(objects)
    if not invalid.any():
        return geometries
    mended = dict(zip([id(g) for g in objects[invalid]], shapely.make_valid(objects[invalid]),
                      strict=True))
    return np.array([mended.get(id(g), g) for g in geometries], dtype=object)


def _files(path: Path, scratch: Path) -> list[tuple[Path, str]]:
    """Every readable file of *path* with the name its date is read from (a ``.gz`` or a
    ``.zip`` is unpacked into *scratch*)."""
    if path.is_dir():
        found = [p for p in sorted(path.iterdir()) if p.is_file() and
                 p.name.lower().endswith((*SUFFIXES, ".gz", ".zip"))]
        if not found:
            raise ReferenceLayerError(f"{path}: the directory holds no reference file "
                                      f"({', '.join(SUFFIXES)}, .gz, .zip)")
        return [item for p in found for item in _files(p, scratch)]
    lower = path.name.lower()
    if lower.endswith(".gz"):
        target = scratch / f"{len(list(scratch.iterdir()))}-{path.name[:-3]}"
        with gzip.open(path, "rb") as source, open(target, "wb") as out:
            shutil.copyfileobj(source, out)
        return [(target, path.name)]
    if lower.endswith(".zip"):
        folder = scratch / f"{len(list(scratch.iterdir()))}-zip"
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.lower().endswith(SUFFIXES)
                       and not m.startswith("__MACOSX")]
            if not members:
                raise ReferenceLayerError(f"{path}: the zip holds no reference file")
            archive.extractall(folder)
        return [(folder / m, Path(m).name) for m in sorted(members)]
    return [(path, path.name)]


def _dates(frame: pd.DataFrame, name: str, options: ReferenceOptions) -> np.ndarray:
    fields = {c.lower(): c for c in frame.columns}
    named = date_in_name(name)
    if options.date_from_name:
        if named is None:
            raise ReferenceLayerError(f"{name}: --reference-date-from-name, but the name "
                                      "holds no single date")
        return np.full(len(frame), named.to_datetime64(), dtype="datetime64[ns]")
    candidates = (options.date_field,) if options.date_field else DATE_FIELDS
    found = next((fields[f.lower()] for f in candidates if f.lower() in fields), None)
    if found is None:
        if named is not None and not options.date_field:
            return np.full(len(frame), named.to_datetime64(), dtype="datetime64[ns]")
        raise ReferenceLayerError(f"{name}: no date property; expected one of "
                                  f"{', '.join(candidates)} (use --reference-date-field, "
                                  "or a date in the file name)")
    dates = pd.to_datetime(frame[found].astype(str), errors="coerce", utc=True, format="mixed")
    dates = dates.dt.tz_localize(None).dt.normalize()
    if dates.isna().all():
        raise ReferenceLayerError(f"{name}: property {found!r} holds no readable dates")
    return dates.to_numpy("datetime64[ns]")


def _status_values(column: pd.Series) -> pd.Series:
    """A status column as the text a status map is written in: stripped, lower-case, and a
    whole number as an integer whatever the reader made of it (GDAL reads a column mixing
    ``1`` and ``1.5`` as floats, ``1.0``; JSON keeps ``1``): ``1=RU`` matches both."""
    def text(value) -> str:
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)
    return column.map(text).str.strip().str.lower()


def _holders(frame: pd.DataFrame, name: str, options: ReferenceOptions) -> np.ndarray:
    fields = {c.lower(): c for c in frame.columns}
    if options.holds:
        return np.full(len(frame), options.holds, dtype=object)
    if options.status_field:
        field = fields.get(options.status_field.lower())
        if field is None:
            raise ReferenceLayerError(f"{name}: no property {options.status_field!r} "
                                      f"(properties: {', '.join(map(str, frame.columns))})")
        values = _status_values(frame[field])
        mapping = dict(options.status_map) if options.status_map else STATUS_WORDS
        unknown = sorted(set(values) - set(mapping))
        if unknown:
            raise ReferenceLayerError(f"{name}: {field} values not in the status map: "
                                      f"{', '.join(unknown)} (add them to "
                                      "--reference-status-map, as a side or =ignore)")
        return values.map(mapping).to_numpy(object)
    if options.status_map:
        raise ReferenceLayerError("--reference-status-map needs --reference-status-field")
    for candidate in STATUS_FIELDS:
        if candidate in fields:
            values = _status_values(frame[fields[candidate]])
            if values.isin(STATUS_WORDS).all():
                return values.map(STATUS_WORDS).to_numpy(object)
    return np.full(len(frame), "RU", dtype=object)


def _coverage(covers, gazetteer: Gazetteer | None):
    if isinstance(covers, str) and covers == "polygons":
        return None
    if isinstance(covers, (str, os.PathLike)) and Path(covers).exists():
        try:
            area = _frame(Path(covers))
        except Exception as error:  # pyogrio raises several types for unreadable files
            raise ReferenceLayerError(f"{covers}: cannot read the coverage: {error}") from error
        if area.crs is not None and not area.crs.equals("EPSG:4326"):
            area = area.to_crs("EPSG:4326")
        return shapely.union_all(area.geometry.make_valid().to_numpy())
    codes = [covers] if isinstance(covers, str) else list(covers)
    if gazetteer is None:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    parts = []
    for code in codes:
        try:
            parts.append(gazetteer.admin1_polygon(code))
        except Exception as error:  # UnknownPlaceError: a code the gazetteer lacks
            raise ReferenceLayerError(f"--reference-covers: no admin-1 region {code!r} "
                                      f"({error})") from error
    return shapely.union_all(parts)


def read_reference(path: str | os.PathLike[str], options: ReferenceOptions | None = None, *,
                   date_field: str | None = None, gazetteer: Gazetteer | None = None
                   ) -> gpd.GeoDataFrame:
    """Snapshots of assessed control: ``status``, ``valid_from``, ``valid_to``, geometry.

    *options* says how to read them (default :class:`ReferenceOptions`; ``date_field`` is
    a shortcut for its field of that name). *gazetteer* resolves admin-1 coverage (default
    ``Gazetteer.default()``). Raises :class:`~geomap.exc.ReferenceLayerError` (a
    ValueError) naming the file and the reason.
    """
    options = options or ReferenceOptions()
    if date_field:
        options = dataclasses.replace(options, date_field=date_field)
    path = Path(path)
    if not path.exists():
        raise ReferenceLayerError(f"{path}: no such file or directory")
    statuses, dates, geometries = [], [], []
    with tempfile.TemporaryDirectory(prefix="geomap-reference-") as scratch:
        for name, properties, shapes in _tables(_files(path, Path(scratch))):
            if not len(properties):
                continue
            statuses.append(_holders(properties, name, options))
            dates.append(_dates(properties, name, options))
            geometries.append(shapes)
    if not statuses:
        raise ReferenceLayerError(f"{path}: the reference layer has no features")
    frame = gpd.GeoDataFrame({"status": np.concatenate(statuses),
                              "valid_from": np.concatenate(dates)},
                             geometry=shared(np.concatenate(geometries)), crs="EPSG:4326")
    polygonal = frame.geometry.notna() & frame.geometry.geom_type.isin(
        ["Polygon", "MultiPolygon", "GeometryCollection"])
    days = sorted(frame["valid_from"].dropna().unique())  # a day of ignored polygons counts
    if not days:
        raise ReferenceLayerError(f"{path}: no feature has a readable date")
    keep = frame["valid_from"].notna() & frame["status"].isin(HOLDERS[:-1]) & polygonal
    frame = frame[keep]
    frame = frame.assign(geometry=_valid(frame.geometry.to_numpy()))
    frame = frame.sort_values(["valid_from", "status"], kind="stable").reset_index(drop=True)
    following = dict(zip(days, [*days[1:], pd.NaT], strict=True))
    frame["valid_to"] = pd.to_datetime(frame["valid_from"].map(following))
    frame = gpd.GeoDataFrame(frame[["status", "valid_from", "valid_to", "geometry"]],
                             geometry="geometry", crs="EPSG:4326")
    frame.attrs.update(options=options, covers=_coverage(options.covers, gazetteer),
                       name=options.name or _stem(path), source=os.fspath(path),
                       days=[pd.Timestamp(d) for d in days])
    return frame
