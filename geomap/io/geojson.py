"""A fast reader for GeoJSON feature collections of polygons (reference layers).

GDAL parses a GeoJSON file number by number into its own feature objects, which for the
large, repetitive polygon files assessed-control references come as (NZZ's daily Kursk
polygons repeat the same 8,000-vertex front day after day; a DeepStateMap history is
hundreds of files) costs seconds. This reader does what those files need, and nothing
else:

* the ``coordinates`` array of each geometry is cut out of the text (an array of numbers
  ends at the first ``}`` or ``"`` after it, found at memchr speed), and each **distinct**
  array is parsed **once**: its nesting read from its brackets with NumPy, the numbers of
  every array of every file given in one pass of Arrow's CSV float parser; features whose
  coordinates are byte-identical share one shapely geometry object;
* the rest of the file (types and properties, now small) is parsed by :mod:`json`.

Rules: only a ``FeatureCollection`` whose features have ``Polygon`` or ``MultiPolygon``
geometries (or ``null``) is read, in WGS 84 (no ``crs`` member, or one naming CRS84 or
EPSG:4326), positions of 2 or 3 numbers (all of one geometry alike), every ring of at
least 4 positions. For anything else (another geometry type, a projected ``crs``, a
malformed number, a single Feature) :func:`read_polygon_collections` answers None for
that file, and the caller reads it with GDAL, whose rules then apply. Z values are kept.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
from shapely import GeometryType

__all__ = ["Properties", "read_polygon_collection", "read_polygon_collections"]

_KEY = b'"coordinates"'
_HEAD = re.compile(rb"\s*:\s*\[")
#: What a coordinates array may hold (anything else: not a plain array of numbers).
_ALLOWED = b"[]0123456789,.eE+- \t\r\n"
_DEPTH = {"Polygon": 3, "MultiPolygon": 4}
_KINDS = {"Polygon": GeometryType.POLYGON, "MultiPolygon": GeometryType.MULTIPOLYGON}
_WGS84 = ("CRS84", "EPSG::4326", "EPSG:4326")

Collection = tuple["Properties", np.ndarray]


@dataclass
class _File:
    """One file after its text pass: properties, each feature's (array, type) or None,
    and the layout of each distinct (array, type)."""

    properties: list[dict]
    keys: list[tuple[bytes, str] | None]
    layouts: dict[tuple[bytes, str], tuple]


def read_polygon_collection(data: bytes) -> Collection | None:
    """:class:`Properties` (one row per feature) and geometries (an object array of shapely
    polygons, multipolygons or None) of a GeoJSON feature collection of polygons, or
    None when *data* is not of the simple shape this reader handles (module docstring).
    Features whose coordinates text is identical share one geometry object."""
    return read_polygon_collections([data])[0]


def read_polygon_collections(texts: Sequence[bytes]) -> list[Collection | None]:
    """:func:`read_polygon_collection` of many files at once (the numbers of all of them
    parsed in one pass; identical arrays across files share one geometry object)."""
    seen: dict[tuple[bytes, str], tuple | None] = {}  # layouts, shared by the files
    files = [_structure(text, seen) for text in texts]
    shapes = _shapes([f for f in files if f is not None])
    if shapes is None:  # a malformed number somewhere: find the files that hold one
        if len(texts) == 1:
            return [None]
        return [read_polygon_collection(text) if f is not None else None
                for text, f in zip(texts, files, strict=True)]
    out: list[Collection | None] = []
    for f in files:
        if f is None:
            out.append(None)
            continue
        geometries = np.empty(len(f.keys), dtype=object)
        geometries[:] = [None if key is None else shapes[key] for key in f.keys]
        out.append((Properties(f.properties), geometries))
    return out


class Properties:
    """The features' properties, read like a frame (``columns``, ``index``, ``len``,
    ``frame[name]`` a Series of the values as JSON gave them); the Series are made when
    asked, as a history's per-day files are mostly read for their geometry only."""

    def __init__(self, rows: list[dict]):
        self.rows = rows
        self.columns = list(dict.fromkeys(name for row in rows for name in row))
        self.index = pd.RangeIndex(len(rows))

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, name: str) -> pd.Series:
        if name not in self.columns:
            raise KeyError(name)
        return pd.Series([row.get(name) for row in self.rows], index=self.index,
                         dtype=object, name=name)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({name: self[name] for name in self.columns}, index=self.index)


def _structure(data: bytes, seen: dict | None = None) -> _File | None:
    """The text pass over one file (None: not a plain polygon collection); *seen* holds
    the layouts of arrays met in files before (a history repeats its days' arrays)."""
    seen = {} if seen is None else seen
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    skeleton_text, blocks, found = _cut(data, seen)
    try:
        skeleton = json.loads(skeleton_text)
    except ValueError:
        return None
    if not isinstance(skeleton, dict) or skeleton.get("type") != "FeatureCollection" or \
            not _wgs84(skeleton.get("crs")) or not isinstance(skeleton.get("features"), list):
        return None
    keys: list[tuple[bytes, str] | None] = []
    properties = []
    for feature in skeleton["features"]:
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            return None
        props = feature.get("properties")
        if props is not None and not isinstance(props, dict):
            return None
        properties.append(props or {})
        geometry = feature.get("geometry")
        if geometry is None:
            keys.append(None)
            continue
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        index = geometry.get("coordinates") if kind in _DEPTH else None
        if not isinstance(index, int) or isinstance(index, bool) or \
                not 0 <= index < len(blocks):
            return None
        keys.append((blocks[index], kind))
    if sum(key is not None for key in keys) != found:
        return None  # a "coordinates" array outside a geometry (in properties)
    layouts = {}
    for key in dict.fromkeys(k for k in keys if k is not None):
        if key not in seen:
            seen[key] = _layout(key[0], _DEPTH[key[1]])
        if seen[key] is None:
            return None
        layouts[key] = seen[key]
    return _File(properties, keys, layouts)


def _cut(data: bytes, seen: dict) -> tuple[bytes, list[bytes], int]:
    """*data* with each ``"coordinates"`` array replaced by the number of its distinct
    text, the distinct texts, and how many arrays were replaced. An array ends at the
    first ``}`` or ``"`` after it (neither can occur inside an array of numbers); one
    holding anything but numbers is left in place (the caller then finds a list where it
    expects a number, and gives up). An array whose layout is in *seen* is plain."""
    pieces: list[bytes] = []
    blocks: dict[bytes, int] = {}
    pos = found = 0
    at = data.find(_KEY)
    while at >= 0:
        head = _HEAD.match(data, at + len(_KEY))
        if head is not None:
            start = head.end() - 1
            stops = [i for i in (data.find(b"}", start), data.find(b'"', start)) if i >= 0]
            block = data[start:min(stops, default=len(data))].rstrip(b" \t\r\n,")
            if block in blocks or (block, "Polygon") in seen or \
                    (block, "MultiPolygon") in seen or \
                    (block.endswith(b"]") and not block.translate(None, _ALLOWED)):
                pieces += [data[pos:start], b"%d" % blocks.setdefault(block, len(blocks))]
                pos = start + len(block)
                found += 1
        at = data.find(_KEY, at + len(_KEY))
    pieces.append(data[pos:])
    return b"".join(pieces), list(blocks), found


def _wgs84(crs) -> bool:
    if crs is None:
        return True
    name = str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, dict) else ""
    return any(name.upper().endswith(code) for code in _WGS84)


def _layout(text: bytes, depth: int) -> tuple | None:
    """``(positions, dims, offsets)`` of a Polygon (*depth* 3) or MultiPolygon (*depth*
    4) coordinates text, read from its brackets (the offsets of
    :func:`shapely.from_ragged_array`), or None when it is not well formed."""
    chars = np.frombuffer(text, dtype=np.uint8)
    where = np.flatnonzero((chars == ord("[")) | (chars == ord("]")))
    step = np.where(chars[where] == ord("["), 1, -1)
    level = np.cumsum(step)  # nesting after each bracket
    if level[-1] != 0 or (level[:-1] < 1).any() or level.max() != depth:
        return None
    starts = where[(step == 1) & (level == depth)]  # each position's "[" and "]"
    stops = where[(step == -1) & (level == depth - 1)]
    commas = np.flatnonzero(chars == ord(","))
    owner = np.searchsorted(starts, commas, side="right") - 1
    inside = (owner >= 0) & (commas < stops[np.maximum(owner, 0)])
    per_position = np.bincount(owner[inside], minlength=len(starts))
    dims = int(per_position[0]) + 1
    if dims not in (2, 3) or not (per_position == dims - 1).all():
        return None
    ring_ends = where[(step == -1) & (level == depth - 2)]
    rings = np.concatenate([[0], np.searchsorted(starts, ring_ends)])
    if (np.diff(rings) < 4).any():
        return None
    if depth == 3:
        return len(starts), dims, (rings, np.array([0, len(rings) - 1]))
    polygon_ends = where[(step == -1) & (level == depth - 3)]
    polygons = np.concatenate([[0], np.searchsorted(ring_ends, polygon_ends)])
    if (np.diff(polygons) < 1).any():
        return None
    return len(starts), dims, (rings, polygons, np.array([0, len(polygons) - 1]))


def _shapes(files: list[_File]) -> dict | None:
    """The geometry of each distinct (array, type) of *files*; None if the numbers do not
    parse or do not fill their layouts."""
    layouts: dict[tuple[bytes, str], tuple] = {}
    for f in files:
        layouts.update(f.layouts)
    if not layouts:
        return {}
    numbers = _numbers(b",".join(text for text, _ in layouts))
    wanted = [positions * dims for positions, dims, _ in layouts.values()]
    if numbers is None or len(numbers) != sum(wanted):
        return None
    out = {}
    for (key, (positions, dims, offsets)), end in zip(layouts.items(), np.cumsum(wanted),
                                                      strict=True):
        coords = numbers[end - positions * dims:end].reshape(positions, dims)
        out[key] = shapely.from_ragged_array(_KINDS[key[1]], coords, offsets)[0]
    return out


def _numbers(text: bytes) -> np.ndarray | None:
    """Every number of coordinates *text*, in order (brackets and blanks dropped; Arrow's
    CSV float parser is several times faster than NumPy's text parser)."""
    import pyarrow as pa
    import pyarrow.csv as csv

    lines = text.translate(None, b"[] \t\r\n").replace(b",", b"\n")
    try:
        table = csv.read_csv(
            io.BytesIO(lines),
            read_options=csv.ReadOptions(column_names=["v"], block_size=1 << 24),
            parse_options=csv.ParseOptions(delimiter="\x1f"),
            convert_options=csv.ConvertOptions(column_types={"v": pa.float64()}))
    except (pa.ArrowInvalid, ValueError):
        return None
    column = table.column(0)
    return None if column.null_count else column.to_numpy()
