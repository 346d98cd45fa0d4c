"""The data a map carries to its runtime (``static/geomap.js``), and the layers it declares.

Size and speed come from here: the tables are column-oriented (one list per field);
every string (sentence, claimant, source...) is stored once in a shared string table and
referenced by number, the strings repeated most added first so their numbers are short;
coordinates are numbers rounded to about a metre, cell outlines delta-encoded integers;
days are integers from an epoch. The tables are built with pandas/numpy column
operations (the string table with ``pd.factorize``), not per-claim dicts.

The ``data`` object
-------------------
:func:`runtime_data` builds it. The page embeds it once, with the layers' arguments, in
two ``<script>`` blocks (:class:`~geomap.render.elements.Runtime`,
:func:`~geomap.render.elements.split_details`), written to disk piece by piece by
:func:`geomap.render.map.save_map`: a ``type="application/json"`` block, ``{"data": data,
"layers": [args]}`` without the texts, which ``GeomapRuntime.init(map, blockId, name)``
parses at load and keeps as ``state.data`` and ``state.layerArgs`` (``window.geomap`` is
the state of the last map on a page); and, with id ``<blockId>-details``,
``type="application/octet-stream"`` and ``data-encoding="deflate-base64"``, the JSON
``{"strings": strings, "claims": {column: [...]}}`` as UTF-8, raw DEFLATE (RFC 1951, zlib
level :data:`~geomap.render.elements.DEFLATE_LEVEL`) and base64
(:func:`~geomap.render.elements.details_text`; Python reads it back with
:func:`~geomap.render.elements.read_details`): the string table and every claims column
but the drawn ones (``lon``, ``lat``, ``t0``, ``t1``, ``side``, ``event``, ``approx``,
``region``), whose names the first block lists as ``detailColumns``. The runtime decodes
it at the reader's first move over the page (pointer, key, touch, wheel, focus) or a
second after load when the page is idle, whichever is first, with the browser's
``DecompressionStream("deflate-raw")`` (``state.detailsReady``, a promise;
``state.detailsRead`` is then ``"stream"``), or, if one of them is read before that or the
browser has no such stream, with its own inflater (``GeomapRuntime.inflateRaw``;
``"script"``): ``lazyDetails`` makes them properties of ``state.data`` and
``state.data.claims`` that replace themselves with the value when first read. The first
view parses about a third of the data, and the HTML parser reads a fifth of the texts'
bytes. Python keeps the whole dict as ``fmap.geomap_data``.
"day" below is an integer: days since ``epoch``; ``OPEN_DAY``
(10**9) stands for "open" (``-OPEN_DAY`` before any date). A "string" is an index into
``strings`` (``-1``: none). Columns of a table are lists of equal length, one item per
row.

Each field: name (type): meaning. *Read by* the functions of ``geomap.js`` that use it.

* ``epoch`` (str ``YYYY-MM-DD``): day 0 of every day number. *Read by* ``State``,
  ``isoDay`` (via ``State.dayLabel``).
* ``day`` (int): the day shown when the map opens. *Read by* ``State``, ``SliderControl``.
* ``range`` ([int, int]): first and last day of the slider. *Read by* ``SliderControl``.
* ``slider`` (bool): draw the slider (False with ``as_of``). *Read by* ``api.init``.
* ``title``, ``subtitle`` (str): the title box. *Read by* ``titleBox``.
* ``attribution`` (str): data credits. *Read by* ``api.init``.
* ``sides`` ([str]): :data:`geomap.schema.SIDES`, in that order; a claim's ``side``
  indexes it, and a popup's side badge has CSS class ``geomap-side-<SIDE>``
  (``geomap.css``). *Read by* ``api.claims``, ``claimPopup``, ``disputePopup``,
  ``legendBox``.
* ``sideLabels`` ([str]): label of each side, same order (:data:`SIDE_LABELS`).
  *Read by* ``claimPopup``, ``legendBox``.
* ``colors`` ({str: CSS colour}): per side (keyed by the names of ``sides``), per status
  (``contested``) and ``DISPUTE`` for disagreement rings (:data:`COLORS`). *Read by*
  ``api.claims``, ``api.disputes``, ``legendBox``.
* ``events`` ([str]): the event types present, in :data:`geomap.schema.EVENT_TYPES`
  order (unknown ones after, sorted); a claim's ``event`` indexes it. *Read by*
  ``claimPopup``, ``disputePopup``, ``legendBox``.
* ``shapes`` ([str]): marker shape of each event, same order: ``circle``, ``triangle``,
  ``diamond``, ``square`` or ``cross`` (:data:`SHAPES`); a plain name, hollowness is the
  claim's ``approx``. *Read by* ``api.claims`` (``shapeOf``), ``legendBox``.
* ``glyphs`` ({shape: str}): legend character per shape. *Read by* ``legendBox``.
* ``claims`` (table, below): the claims drawn. *Read by* ``State`` (positions),
  ``State.visibleClaimIds``, ``api.claims``, ``claimPopup``, ``disputePopup``.
* ``disputes`` (table, below): rings where sides disagree. *Read by* ``api.disputes``,
  ``disputePopup``, ``legendBox``.
* ``basemap`` ({``countries``: [path], ``regions``: path, ``labels``,
  ``countryLabels``: [[lat, lon, name]]}): Natural Earth outlines (one path per country,
  one for every region's outline: SVG path data in the map units of ``cellScale``,
  :func:`basemap_paths`) and
  region and country names (:func:`geomap.render.basemap.basemap`). *Read by*
  ``api.basemap`` (``BordersLayer``, as ``Path2D`` s).
* ``strings`` ([str]): the string table. *Read by* ``State.text``.
* ``window`` (int), ``fresh`` (int): ``window_days`` and :data:`FRESH_DAYS`: a claim is
  drawn at full opacity for ``fresh`` days after its first day, then fainter until
  ``window`` (``ageAlpha``). *Read by* ``PointsLayer._draw``, ``legendBox``.
* ``places`` ({``name``, ``lat``, ``lon``, ``n``}): claimed settlements to label, most
  important first (:func:`place_labels`). *Read by* ``LabelsLayer``, ``searchBox``,
  ``State.find``.
* ``regions`` ({``code``, ``name``, ``lat``, ``lon``}): regions that claims are about
  as a whole (:func:`region_table`); a claim's ``region`` indexes it. *Read by*
  ``LabelsLayer._badges``, ``State.claimLatLng``.
* ``cellShapes`` ([path]): the territory cells, once per settlement (:func:`cell_shapes`):
  each SVG path data in map units (:func:`mercator_paths`: Web Mercator pixels at zoom 0
  times ``cellScale``, integers; ``M x y l dx dy ... z`` per ring, the first point
  absolute, then differences), filled even-odd. A cell of a ``cells`` layer names one as
  ``shape``. *Read by* ``CellsLayer`` (one ``Path2D`` per status, parsed from the lit
  cells' path data joined, per draw).
* ``cellNames`` ([str]): the settlement of each of ``cellShapes``. ``cellScale`` (int):
  :data:`PATH_SCALE`. *Read by* ``CellsLayer``.
* ``cellColors`` ({status: CSS colour}): :data:`CELL_COLORS`. *Read by* ``legendBox``.
* ``legendEvents``, ``legendShapes`` ([str]): every event type of the schema and its
  shape, for a complete legend. *Read by* ``legendBox``.

``claims`` (:func:`claims_table`), one row per claim drawn: ``id`` (string: claim id),
``lon``/``lat`` (float), ``t0``/``t1`` (day shown from / until, exclusive, see
:func:`claim_intervals`), ``side`` (int into ``sides``), ``event`` (int into ``events``),
``approx`` (bool: the place is approximate, so the marker is drawn **hollow**; read by
``api.claims`` as the layer's ``hollowOf``), ``claimant``, ``place``, ``date``, ``notes``,
``sentence``, ``source``, ``url`` (strings; ``url`` becomes a link only for http(s)),
``mark0``/``mark1`` (int: the place's span in ``sentence``, ``-1`` for none), ``who``,
``says``, ``when`` (strings: the claim as a sentence in three parts, joined by
``State.says`` as "who: says (when)"; :mod:`geomap.render.words`), ``region`` (int into
``regions``, ``-1`` for a claim about a place: a region claim is drawn as a badge under
the region's name, not as a point). Read by ``claimPopup``, ``disputePopup`` and the
claims layers.

``disputes`` (:func:`disputes_table`), one row per disagreement: ``lon``/``lat``,
``t0``/``t1``, ``status`` (``[status_a, status_b]``), ``a``/``b`` (int: rows of
``claims``). Read by ``api.disputes`` and ``disputePopup``.

Layers
------
Every layer of a map is declared once, by :func:`layer_specs`, as a :class:`LayerSpec`:
its group in the layer control (:data:`GROUPS`), the runtime factory that builds it
(``GeomapRuntime.<factory>(state, *args)``, one of :data:`FACTORIES`; or :data:`TILES`
for OpenStreetMap tiles, a folium layer), its label and its arguments. ``claims`` takes
the side's index into ``sides``, ``basemap`` and ``disputes`` none; the ``cells``
factory's argument is a dict (:func:`cells_spec`): ``label``, ``cells``
(``{shape, from, t0, t1, status, statuses}``: each cell's status spans as flat columns),
``colors`` (per status), ``outline``, ``opacity`` and optionally ``dash``; read by
``CellsLayer``, which draws the cells with a status on the day on one canvas. A dict
argument travels in the data block (``state.layerArgs``), never as a script literal. The
``reference`` factory's argument is :func:`reference_spec`'s dict (distinct geometries
sent once as :func:`varint_text` rings, spans per day, the scorecard panel); read by
``ReferenceLayer``.

When a claim is shown (:func:`claim_intervals`)
-------------------------------------------------
* Every dated claim is shown from its first day until ``window_days`` after its
  last day, fading with age (the runtime draws it at full opacity for
  :data:`FRESH_DAYS` days, then fainter until the window ends): a claim months
  old is never drawn as current.
* A claim that gives a settlement a control status (see :mod:`geomap.control`)
  stops earlier when it is superseded (``valid_to`` of the control timeline: the
  same side's next claim, or another side's claim dated more than a month later).
  What each side last said stays visible in the territory view (the cells).
* A claim whose ``kind`` is ``background`` (history, when the column exists) is
  never shown on the map and does not stretch the slider.
* A claim without a date is shown on every day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from gazetteer.area import places_by_id
from geomap.render.basemap import region_label
from geomap.render.words import claim_parts
from geomap.schema import EVENT_TYPES, SIDES
from geomap.settings import WINDOW_DAYS

if TYPE_CHECKING:
    import datetime as dt

    import geopandas as gpd

OPEN_DAY = 10**9
#: Label of each side of :data:`geomap.schema.SIDES`, as the legend and the layer control
#: show it.
SIDE_LABELS: dict[str, str] = {"RU": "Russian claims", "UA": "Ukrainian claims",
                               "INDEPENDENT": "Independent analysts",
                               "UNKNOWN": "Other or unattributed"}
#: Colours: per side (the schema's names), per status and for disagreement rings.
COLORS = {"RU": "#c0392b", "UA": "#1f5fa8", "INDEPENDENT": "#6a3d9a", "UNKNOWN": "#666666",
          "contested": "#e8c61a", "DISPUTE": "#e0119d"}
SHAPES = {"control": "circle", "advance": "triangle", "attack": "diamond",
          "fighting": "star", "repelled": "bar", "strike": "square", "denial": "cross",
          "evacuation": "down"}
GLYPHS = {"circle": "●", "triangle": "▲", "diamond": "◆", "star": "✶", "bar": "▬",
          "square": "■", "cross": "✕", "down": "▼"}
#: Days a claim is drawn at full opacity before it starts to fade (see the docstring).
FRESH_DAYS = 7
#: Claims dated more than this many days before the bulk of the claims (background
#: history) do not stretch the slider (:func:`front_range`).
RANGE_GAP_DAYS = 90
#: Cell colours of the territory view, per status (no side colour blends with another:
#: one claimant's view is shown at a time).
CELL_COLORS = {"RU": "#c0392b", "UA": "#1f5fa8", "contested": "#e8c61a"}

#: Layer-control groups, in the order the control lists them.
GROUPS = ("Basemap", "Claims", "Disagreements", "Claimed control", "Reference")
#: Groups whose layers are radio buttons: one claimant's territory view at a time.
EXCLUSIVE_GROUPS = ("Claimed control",)
#: The territory view of each side, as the layer control names it.
VIEW_LABELS = {"RU": "What Moscow claims", "UA": "What Kyiv claims",
               "INDEPENDENT": "What analysts assess", "UNKNOWN": "What others claim"}
#: The same groups from the bottom of the map to the top: areas under points.
DRAW_ORDER = ("Basemap", "Reference", "Claimed control", "Disagreements", "Claims")
#: Layer factories of the runtime: ``GeomapRuntime.<name>(state, *args)``.
FACTORIES = ("basemap", "claims", "disputes", "cells", "reference")
#: The factory name of OpenStreetMap tiles (a folium layer, not the runtime's).
TILES = "tiles"


@dataclass(frozen=True, eq=False)
class LayerSpec:
    """One layer of a map: where the layer control lists it and what builds it."""

    group: str
    factory: str
    label: str
    args: tuple = ()
    show: bool = True


class StringTable:
    """Strings stored once, referenced by index (``-1`` for none)."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}
        self._indexed = 0  # items[:_indexed] are in _index (a fresh table defers it)

    def _lookup(self) -> dict[str, int]:
        """Each item's index, brought up to date with the items added in bulk."""
        if self._indexed < len(self.items):
            self._index.update(zip(self.items[self._indexed:],
                                   range(self._indexed, len(self.items)), strict=True))
            self._indexed = len(self.items)
        return self._index

    def add(self, value: object) -> int:
        """The index of *value* (added when new); ``-1`` for None, NA and ``""``."""
        if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
            return -1
        text = str(value)
        index = self._lookup()
        found = index.get(text)
        if found is None:
            found = index[text] = len(self.items)
            self.items.append(text)
            self._indexed = len(self.items)
        return found

    def add_all(self, values: Iterable[object]) -> list[int]:
        """:meth:`add` for each of *values*, vectorised: each distinct value is looked up
        once (``pd.factorize``), in order of first appearance."""
        return self.add_columns({"values": values})["values"]

    def add_columns(self, columns: Mapping[str, Iterable[object]]) -> dict[str, list[int]]:
        """:meth:`add_all` for each column in turn (the same numbers as calling it once per
        column, in the order given), with one ``pd.factorize`` over all of them."""
        arrays = [values.to_numpy(dtype=object) if isinstance(values, pd.Series)
                  else np.asarray(list(values), dtype=object) for values in columns.values()]
        if not sum(len(array) for array in arrays):
            return {name: [] for name in columns}
        codes, uniques = pd.factorize(np.concatenate(arrays), use_na_sentinel=True)
        # code -1 (missing) takes the trailing -1
        numbers = np.append(self._numbers(uniques), -1)[codes]
        bounds = np.cumsum([len(array) for array in arrays])[:-1]
        return {name: part.tolist()
                for name, part in zip(columns, np.split(numbers, bounds), strict=True)}

    def _numbers(self, distinct: np.ndarray) -> np.ndarray:
        """The index of each of *distinct* (none missing, no two alike), added when new;
        ``-1`` for ``""``."""
        items = self.items
        values = distinct.tolist()
        if not items and pd.api.types.infer_dtype(distinct, skipna=False) == "string":
            # a fresh table of text only (a map's claims): every value is new, numbered in
            # order; "" (at most one) is -1 and the later ones one less; indexed when
            # next looked up (a map's build looks up no more)
            numbers = np.arange(len(values), dtype=np.int64)
            if "" not in values:
                kept = values
            else:
                empty = values.index("")
                numbers[empty], numbers[empty + 1:] = -1, numbers[empty + 1:] - 1
                kept = values[:empty] + values[empty + 1:]
            items.extend(kept)
            return numbers
        index = self._lookup()
        lookup = []
        for value in values:
            text = value if isinstance(value, str) else str(value)
            found = index.get(text)
            if found is None:
                if not text:
                    lookup.append(-1)
                    continue
                found = index[text] = len(items)
                items.append(text)
            lookup.append(found)
        self._indexed = len(items)
        return np.asarray(lookup, dtype=np.int64)


def claim_intervals(claims: pd.DataFrame, timeline: pd.DataFrame, statuses: pd.Series, *,
                    window_days: int = WINDOW_DAYS) -> pd.DataFrame:
    """``shown_from`` and ``shown_to`` (exclusive; NaT = open) for each claim, by row.

    *timeline* and *statuses* are those of a :class:`~geomap.control.ControlView` of
    *claims* (``statuses`` indexed like *claims*).
    """
    start = pd.to_datetime(claims["date_start"])
    end = pd.to_datetime(claims["date_end"]).fillna(start)
    shown_to = end + pd.Timedelta(days=window_days + 1)
    if "kind" in claims:  # background history: kept and listed, never drawn as current
        background = (claims["kind"] == "background").fillna(False).to_numpy(dtype=bool)
        shown_to = shown_to.where(~background, start)
    if len(timeline):
        # each claim's interval: the timeline row of its place, side and day (one at
        # most), matched on integer codes of place and side
        n = len(claims)
        places, _ = pd.factorize(np.concatenate([claims["place_id"].to_numpy(object),
                                                 timeline["place_id"].to_numpy(object)]))
        sides, _ = pd.factorize(np.concatenate([claims["claimant_side"].to_numpy(object),
                                                timeline["claimant_side"].to_numpy(object)]))
        # the timeline has one row per place, side and day: found by a sorted search on
        # (place, side, day) as one integer (days ranked among the distinct days)
        days = np.unique(np.concatenate([start.to_numpy(), timeline["valid_from"].to_numpy()]))
        width_side, width_day = int(sides.max()) + 2, len(days) + 1

        def key(place: np.ndarray, side: np.ndarray, day: np.ndarray) -> np.ndarray:
            rank = np.searchsorted(days, day)  # NaT sorts last: its own rank
            return (place.astype(np.int64) * width_side + side + 1) * width_day + rank

        spans = key(places[n:], sides[n:], timeline["valid_from"].to_numpy())
        order = np.argsort(spans, kind="stable")
        spans = spans[order]
        wanted = key(places[:n], sides[:n], start.to_numpy())
        at = np.minimum(np.searchsorted(spans, wanted), max(len(spans) - 1, 0))
        found = spans[at] == wanted if len(spans) else np.zeros(n, dtype=bool)
        valid_to = timeline["valid_to"].to_numpy()[order][at]  # a copy
        valid_to[~found] = np.datetime64("NaT")
        in_timeline = found & statuses.notna().to_numpy()
        superseded = pd.Series(valid_to, index=claims.index)
        earlier = in_timeline & superseded.notna().to_numpy() & (
            superseded < shown_to).fillna(False).to_numpy(dtype=bool)
        shown_to = shown_to.where(~earlier, superseded)
    return pd.DataFrame({"shown_from": start, "shown_to": shown_to}, index=claims.index)


def visible_on(intervals: pd.DataFrame, date: str | dt.date | pd.Timestamp) -> pd.Series:
    """Which claims a map shows on *date* (boolean, by row of :func:`claim_intervals`)."""
    day = pd.Timestamp(date)
    start, end = intervals["shown_from"], intervals["shown_to"]
    return (start.isna() | (start <= day)) & (end.isna() | (end > day))


def _days(values: pd.Series | np.ndarray, epoch: pd.Timestamp, missing: int) -> list[int]:
    """Whole days from *epoch* to each of *values* (rounded down), *missing* where none."""
    if not len(values):
        return []
    stamps = np.array(pd.to_datetime(values), dtype="datetime64[ns]")  # a copy
    absent = np.isnat(stamps)
    stamps[absent] = np.datetime64(epoch, "ns")
    days = (stamps - np.datetime64(epoch, "ns")) // np.timedelta64(1, "D")
    days[absent] = missing
    return days.tolist()


def _side_codes(sides: pd.Series) -> np.ndarray:
    """Index into :data:`~geomap.schema.SIDES`; a side not in it counts as ``UNKNOWN``."""
    codes = pd.Categorical(sides.where(sides.isin(SIDES), "UNKNOWN"), categories=SIDES).codes
    return codes.astype(int)


def iso_dates(values: pd.Series) -> pd.Series:
    """Dates (datetime64, or text as read from older files) as ``YYYY-MM-DD`` text, None
    where missing."""
    return pd.Series(iso_date_list(values), index=values.index, dtype=object)


def iso_date_list(values: pd.Series | np.ndarray) -> list[str | None]:
    """:func:`iso_dates` as a list (datetime64 formatted by numpy, not row by row)."""
    if pd.api.types.is_datetime64_any_dtype(values):
        days = np.asarray(values, dtype="datetime64[ns]").astype("datetime64[D]")
        text = np.datetime_as_string(days, unit="D").astype(object)
        text[np.isnat(days)] = None
        return text.tolist()
    return [None if v is None or (not isinstance(v, str) and pd.isna(v)) or str(v) == ""
            else str(v)[:10] for v in np.asarray(values, dtype=object).tolist()]


def _by_distinct(claims: pd.DataFrame, columns: Sequence[str],
                make: Callable[[pd.DataFrame], Iterable[object]]) -> list:
    """``make(claims)`` as a list, computed on one row per distinct combination of
    *columns* (missing ones count as None) and spread back to every row: for a per-row
    text that depends on those columns only. Values are told apart as
    :func:`pandas.factorize` tells them (missing values are one value)."""
    if not len(claims):
        return []
    key = np.zeros(len(claims), dtype=np.int64)
    for name in columns:
        if name not in claims:
            continue
        codes, uniques = pd.factorize(claims[name].to_numpy(), use_na_sentinel=True)
        key, _ = pd.factorize(key * (len(uniques) + 1) + codes + 1)
        key = key.astype(np.int64)
    _, first = np.unique(key, return_index=True)  # key is numbered by first appearance
    made = np.empty(len(first), dtype=object)
    made[:] = list(make(claims.iloc[first]))
    return made[key].tolist()


def _date_text(claims: pd.DataFrame) -> list[str]:
    """"2024-09-12 (day); published 2024-09-13" per claim."""
    return _by_distinct(claims, ("date_start", "date_end", "date_precision", "published"),
                       _date_texts)


def _date_texts(claims: pd.DataFrame) -> list[str]:
    texts = []
    precisions = (claims["date_precision"].astype(object).tolist() if "date_precision" in claims
                  else [None] * len(claims))
    for start, end, precision, published in zip(
            iso_date_list(claims["date_start"]), iso_date_list(claims["date_end"]),
            precisions, iso_date_list(claims["published"]), strict=True):
        text = start or "date unknown"
        if end and end != text:
            text = f"{text} to {end}"
        if precision is not None and not (isinstance(precision, float) and precision != precision):
            text = f"{text} ({precision})" if str(precision) else text
        texts.append(f"{text}; published {published or '?'}")
    return texts


NOTE_COLUMNS = ("hedged", "approximate", "place_reason", "uncertainty_km", "notes", "count",
                "reference_agreement")


def _notes(claims: pd.DataFrame) -> list[str]:
    """The popup's notes line per claim: hedged, count, approximate place and why, radius,
    notes and the reference's verdict, joined with "; "."""
    return _by_distinct(claims, NOTE_COLUMNS, _note_texts)


def _note_texts(claims: pd.DataFrame) -> list[str]:
    out = []
    columns = {name: claims[name].tolist() if name in claims else [None] * len(claims)
               for name in NOTE_COLUMNS}
    for k in range(len(claims)):
        parts = []
        if columns["hedged"][k] is True:
            parts.append("hedged or unverified")
        if not pd.isna(columns["count"][k]):
            parts.append(f"count: {int(columns['count'][k])}")
        if columns["approximate"][k] is True:
            parts.append(f"place approximate: {columns['place_reason'][k]}")
        radius = columns["uncertainty_km"][k]
        if not pd.isna(radius) and radius > 0:
            parts.append(f"within about {radius:g} km")
        if isinstance(columns["notes"][k], str) and columns["notes"][k]:
            parts.append(columns["notes"][k])
        if isinstance(columns["reference_agreement"][k], str) and \
                columns["reference_agreement"][k]:
            parts.append(columns["reference_agreement"][k])
        out.append("; ".join(parts))
    return out


def _marks(claims: pd.DataFrame) -> tuple[list[int], list[int]]:
    """Where the place is marked in the sentence: start and end offsets in it, -1 when
    unknown or not inside it."""
    sentences = claims["sentence"].to_numpy(dtype=object)
    lengths = np.fromiter((len(s) if isinstance(s, str) else 0.0 if s is None or s != s
                           else np.nan for s in sentences), dtype=float, count=len(sentences))

    def number(name: str) -> np.ndarray:
        values = claims[name].to_numpy(dtype=object)
        try:  # numbers and None (a prepared frame): numpy reads None as NaN
            return values.astype(float)
        except (TypeError, ValueError):  # text, pandas' NA...
            return pd.to_numeric(claims[name], errors="coerce").to_numpy(dtype=float,
                                                                         na_value=np.nan)

    base = number("char_start")
    first, last = number("place_start") - base, number("place_end") - base
    with np.errstate(invalid="ignore"):
        ok = (~np.isnan(first) & ~np.isnan(last) & (first >= 0) & (last > first)
              & (last <= lengths))
    return (np.where(ok, first, -1).astype(int).tolist(),
            np.where(ok, last, -1).astype(int).tolist())



def region_table(claims: pd.DataFrame, gazetteer=None) -> tuple[list[int], dict]:
    """Claims about a whole region (``place_kind == "admin1"``): the runtime annotates the
    region (a badge under its name) instead of drawing a point at its centroid.

    Returns each claim's index into the regions table (``-1``: not a region claim) and
    the table ``{"code", "name", "lat", "lon"}`` (a point inside the region).
    """
    kinds = claims["place_kind"].astype(object).to_numpy()
    codes = claims["admin1"].astype(object).to_numpy()
    table: dict[str, list] = {"code": [], "name": [], "lat": [], "lon": []}
    index: dict[str, int] = {}
    out = []
    for kind, code in zip(kinds, codes, strict=True):
        if kind != "admin1" or not isinstance(code, str) or not code:
            out.append(-1)
            continue
        if code not in index:
            point, name = None, code
            if gazetteer is not None:
                try:
                    point = gazetteer.admin1_polygon(code).representative_point()
                    name = region_label(gazetteer.admin1_place(code).name)
                except (LookupError, ValueError, KeyError):
                    point = None
            if point is None:
                out.append(-1)
                continue
            index[code] = len(table["code"])
            table["code"].append(code)
            table["name"].append(name)
            table["lat"].append(round(point.y, 4))
            table["lon"].append(round(point.x, 4))
        out.append(index[code])
    return out, table


def claims_table(claims: gpd.GeoDataFrame, intervals: pd.DataFrame, epoch: pd.Timestamp,
                 strings: StringTable, regions: list[int] | None = None) -> dict:
    """The column-oriented claims table the runtime draws from (see the module docstring):
    ``{"events": [...], "table": {column: [...]}}``.

    Text columns go into *strings* from the fewest distinct values to the most (claimant,
    source, dates... before sentences and ids), so that the columns that repeat a few
    strings over and over refer to them with short numbers. ``who``, ``says`` and ``when``
    are the claim as a sentence in three parts (:func:`geomap.render.words.claim_parts`);
    the runtime joins them as ``who: says (when)``."""
    present = set(claims["event_type"].dropna())
    events = [e for e in EVENT_TYPES if e in present]
    events += sorted(present - set(events))
    event_codes = pd.Categorical(claims["event_type"], categories=events).codes
    mark0, mark1 = _marks(claims)
    url = claims["url"] if "url" in claims else pd.Series(None, index=claims.index)
    whos, bodies, dates = claim_parts(claims)
    text = {"claimant": claims["claimant"], "who": whos, "source": claims["source"],
            "when": dates, "date": _date_text(claims), "notes": _notes(claims),
            "place": claims["place_label"].fillna(claims["place_name"]), "url": url,
            "says": bodies, "sentence": claims["sentence"], "id": claims["claim_id"]}
    codes = strings.add_columns(text)
    return {
        "events": events,
        "table": {
            "id": codes["id"],
            "lon": np.round(claims.geometry.x.to_numpy(float), 5).tolist(),
            "lat": np.round(claims.geometry.y.to_numpy(float), 5).tolist(),
            "t0": _days(intervals["shown_from"], epoch, -OPEN_DAY),
            "t1": _days(intervals["shown_to"], epoch, OPEN_DAY),
            "side": _side_codes(claims["claimant_side"]).tolist(),
            "event": event_codes.astype(int).tolist(),
            "approx": claims["approximate"].fillna(False).astype(bool).tolist(),
            "region": regions if regions is not None else [-1] * len(claims),
            **{name: codes[name] for name in ("claimant", "who", "says", "when", "place",
                                              "date", "notes", "sentence")},
            "mark0": mark0, "mark1": mark1,
            "source": codes["source"],
            "url": codes["url"],
        },
    }


def disputes_table(conflicts: pd.DataFrame, claims: pd.DataFrame,
                   epoch: pd.Timestamp) -> dict:
    """Rings where sides disagree: place, interval and the two claims (rows of the table)."""
    row_of = pd.Index(claims["claim_id"]).get_indexer
    a = row_of(conflicts["claim_a"]) if len(conflicts) else np.array([], dtype=int)
    b = row_of(conflicts["claim_b"]) if len(conflicts) else np.array([], dtype=int)
    keep = (a >= 0) & (b >= 0)
    a, b = a[keep], b[keep]
    conflicts = conflicts[keep]
    return {
        "lon": np.round(claims.geometry.x.to_numpy(float)[a], 5).tolist(),
        "lat": np.round(claims.geometry.y.to_numpy(float)[a], 5).tolist(),
        "t0": _days(conflicts["from"], epoch, -OPEN_DAY),
        "t1": _days(conflicts["to"], epoch, OPEN_DAY),
        "status": list(zip(conflicts["status_a"].tolist(), conflicts["status_b"].tolist(),
                           strict=True)),
        "a": a.tolist(), "b": b.tolist(),
    }


#: The runtime's paths are in map units: Web Mercator pixels at zoom 0 (Leaflet's
#: ``map.project(latlng, 0)``: the world is 256 wide) times this, as integers; 1/4096 of a
#: zoom-0 pixel is about 38 m east-west at the equator, less further north.
PATH_SCALE = 4096
_MAX_LAT = 85.0511287798


def mercator_paths(geometries: np.ndarray, scale: int = PATH_SCALE) -> list[str]:
    """(Multi)Polygons or lines in degrees -> for each, SVG path data in map units
    (:data:`PATH_SCALE`): each ring or line ``M x y l dx dy dx dy ... z`` (``z`` for
    rings), the first point absolute and the rest differences. The browser makes a
    ``Path2D`` of it natively: no projection nor vertex loop in script at load. Parts
    that are not polygons or lines are left out."""
    import shapely

    out = [""] * len(geometries)
    parts, part_of = shapely.get_parts(geometries, return_index=True)
    kind = shapely.get_type_id(parts)
    polygon = kind == 3
    lines, line_of = shapely.get_rings(parts[polygon], return_index=True)
    line_of = part_of[polygon][line_of]
    plain = (kind == 1) | (kind == 2)
    lines = np.concatenate([lines, parts[plain]])
    line_of = np.concatenate([line_of, part_of[plain]])
    closed = np.r_[np.ones(len(lines) - int(plain.sum()), bool), np.zeros(int(plain.sum()), bool)]
    coords, coord_of = shapely.get_coordinates(lines, return_index=True)
    if not len(coords):
        return out
    lat = np.radians(np.clip(coords[:, 1], -_MAX_LAT, _MAX_LAT))
    x = 256 * (coords[:, 0] / 360 + 0.5)
    y = 128 - 256 / (4 * np.pi) * np.log((1 + np.sin(lat)) / (1 - np.sin(lat)))
    xy = np.round(np.column_stack([x, y]) * scale).astype(np.int64)
    starts = np.flatnonzero(np.r_[True, coord_of[1:] != coord_of[:-1]])
    numbers = xy.copy()  # each line's first point absolute, the rest differences
    numbers[1:] -= xy[:-1]
    numbers[starts] = xy[starts]
    text, at = _path_text(numbers.ravel(), starts, np.asarray(closed)[coord_of[starts]])
    pieces: list[list[str]] = [[] for _ in range(len(geometries))]
    ends = [*(2 * starts[1:]).tolist(), 2 * len(xy)]
    for k, line in enumerate(coord_of[starts].tolist()):
        pieces[line_of[line]].append(text[at[2 * starts[k]]:at[ends[k]]])
    return ["".join(p) for p in pieces]


_POWERS = 10 ** np.arange(1, 19, dtype=np.int64)


def _path_text(numbers: np.ndarray, starts: np.ndarray, closed: np.ndarray
               ) -> tuple[str, np.ndarray]:
    """The SVG path data of lines (:func:`mercator_paths`) as one text, made by numpy:
    *numbers* the integers x, y of every point (flat), *starts* the first point of each
    line, *closed* whether each line is a ring. Each number is written with the character
    before it (``M`` for a line's first x, ``l`` for its second point's x, else a space)
    and, after a line's last number, ``l`` when the line has one point and ``z`` when it
    is a ring. Returns the text and the offset in it where each number's characters
    start (and the end, last): line k is ``text[at[2 * starts[k]]:at[2 * starts[k + 1]]]``.
    The same text as formatting each number with ``str``, without a Python string per
    number."""
    count = len(numbers)
    size = np.abs(numbers)
    digits = 1 + np.searchsorted(_POWERS, size, side="right")
    width = int(digits.max(initial=1))
    table = np.zeros((count, 2 + width + 2), dtype=np.uint8)
    keep = np.zeros(table.shape, dtype=bool)
    table[:, 0] = ord(" ")
    table[2 * starts, 0] = ord("M")
    ends = np.r_[starts[1:], count // 2]
    longer = ends - starts > 1
    table[2 * (starts[longer] + 1), 0] = ord("l")
    keep[:, 0] = True
    negative = numbers < 0
    table[:, 1] = ord("-")
    keep[:, 1] = negative
    rest = size.astype(np.uint32) if width <= 9 else size.copy()
    for column in range(1 + width, 1, -1):  # the digits, last first
        table[:, column] = rest % 10
        rest //= 10
    table[:, 2:2 + width] += ord("0")
    keep[:, 2:2 + width] = np.arange(width)[None, :] >= (width - digits)[:, None]
    last = 2 * ends - 1  # after a line's last number: "l" (one point), "z" (a ring)
    table[last[~longer], -2] = ord("l")
    keep[last[~longer], -2] = True
    table[last[closed], -1] = ord("z")
    keep[last[closed], -1] = True
    at = np.r_[0, np.cumsum(keep.sum(axis=1))].tolist()
    return table[keep].tobytes().decode("ascii"), at


#: Paths of GeoJSON geometries seen before, by ``id``: ``{id: (geometry, path)}`` (the
#: geometry kept, so its id is not reused). The basemap's region outlines are the same
#: objects from map to map (``geomap.render.basemap`` makes them once per gazetteer).
_PATHS_SEEN: dict[int, tuple[dict, str]] = {}
_PATHS_SEEN_MAX = 4096


def _geojson_paths(geometries: list[dict]) -> list[str]:
    """:func:`mercator_paths` of GeoJSON *geometries*, those seen before from memory."""
    import shapely

    new = [g for g in geometries if _PATHS_SEEN.get(id(g), (None,))[0] is not g]
    if new:
        paths = mercator_paths(np.array([shapely.geometry.shape(g) for g in new],
                                        dtype=object))
        if len(_PATHS_SEEN) + len(new) > _PATHS_SEEN_MAX:
            _PATHS_SEEN.clear()
        _PATHS_SEEN.update({id(g): (g, path) for g, path in zip(new, paths, strict=True)})
    return [_PATHS_SEEN[id(g)][1] for g in geometries]


def basemap_paths(base: dict) -> dict:
    """*base* (:func:`geomap.render.basemap.basemap`: GeoJSON outlines, names) with its
    outlines as :func:`mercator_paths`: ``countries`` one path per country, ``regions``
    one path for every region's outline; the names as they are."""
    import shapely

    def geometries(collection: dict) -> list[dict]:
        return [f["geometry"] for f in collection.get("features", []) if f.get("geometry")]

    countries = np.array([shapely.geometry.shape(g) for g in geometries(base["countries"])],
                         dtype=object)
    return {**base, "countries": mercator_paths(countries),
            "regions": "".join(_geojson_paths(geometries(base["regions"])))}


def cell_shapes(cells: gpd.GeoDataFrame, scale: int = PATH_SCALE
                ) -> tuple[list, dict[str, int], list[str | None]]:
    """The territory cells' shapes, once per place (every side's view shares them): the
    geometries as SVG path data in map units (:func:`mercator_paths`), the index of each
    place id into them and each place's name. The runtime keeps them as ``cellShapes``,
    ``cellScale`` (*scale*) and ``cellNames``."""
    unique = cells.drop_duplicates("place_id")
    names = unique["place_label"].astype(object)
    return (mercator_paths(unique.geometry.to_numpy(), scale),
            {place: k for k, place in enumerate(unique["place_id"].tolist())},
            names.where(names.notna(), None).tolist())


def cells_spec(cells: gpd.GeoDataFrame, timeline: pd.DataFrame, side: str, epoch: pd.Timestamp, *,
               label: str, shape_index: dict[str, int] | None = None) -> dict:
    """A per-day restyled polygon layer: one cell per settlement of *side* with its status
    spans (each side's own latest word, ``side_valid_to``), as flat columns: ``cells`` is
    ``{"shape": [index into cellShapes], "from": [first span of each cell, and the end],
    "t0": [...], "t1": [...], "status": [index into statuses], "statuses": [...]}``, cell
    ``k``'s spans being ``from[k]`` to ``from[k + 1]`` (by day); the cell's name is
    ``cellNames[shape]``. Without *shape_index* (:func:`cell_shapes`) the spec carries its
    own ``shapes``, ``names`` and ``scale``."""
    own = None
    if shape_index is None:
        shapes, shape_index, names = cell_shapes(cells[cells["claimant_side"] == side])
        own = {"shapes": shapes, "names": names, "scale": PATH_SCALE}
    places = cells["place_id"].to_numpy(dtype=object)[
        cells["claimant_side"].to_numpy(dtype=object) == side].tolist()
    at = np.flatnonzero(timeline["claimant_side"].to_numpy(dtype=object) == side)
    # by place then day (missing places last), as sort_values would, on integer codes
    place_ids = timeline["place_id"].to_numpy(dtype=object)[at]
    codes, _ = pd.factorize(place_ids, sort=True, use_na_sentinel=True)
    codes = np.where(codes < 0, codes.max(initial=0) + 1, codes)
    starts = np.asarray(pd.to_datetime(timeline["valid_from"]), dtype="datetime64[ns]")[at]
    order = np.lexsort((starts.view(np.int64), codes))
    codes, at = codes[order], at[order]
    end = timeline["side_valid_to" if "side_valid_to" in timeline else "valid_to"]
    t0 = np.asarray(_days(starts[order], epoch, -OPEN_DAY), dtype=np.int64)
    t1 = np.asarray(_days(end.to_numpy()[at], epoch, OPEN_DAY), dtype=np.int64)
    # each place's rows (a run of the sorted rows), then the cells' spans in cell order
    firsts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if len(at) else \
        np.zeros(0, dtype=np.int64)
    ends = np.r_[firsts[1:], len(at)].astype(np.int64)
    run_of = dict(zip(place_ids[order][firsts].tolist(), range(len(firsts)), strict=True))
    run = np.array([run_of.get(place, -1) for place in places], dtype=np.int64)
    first = lengths = np.zeros(len(places), dtype=np.int64)  # a cell without spans
    if len(firsts):
        has, safe = run >= 0, np.maximum(run, 0)
        first = np.where(has, firsts[safe], 0)
        lengths = np.where(has, ends[safe] - firsts[safe], 0)
    offsets = np.r_[0, np.cumsum(lengths)].astype(np.int64)
    rows = np.repeat(first - offsets[:-1], lengths) + np.arange(offsets[-1])
    status, statuses = pd.factorize(timeline["status"].to_numpy(dtype=object)[at][rows])
    return {"label": label,
            "cells": {"shape": [shape_index[place] for place in places],
                      "from": offsets.tolist(), "t0": t0[rows].tolist(),
                      "t1": t1[rows].tolist(), "status": status.tolist(),
                      "statuses": [str(name) for name in statuses]},
            "colors": CELL_COLORS, "side": side, "outline": "#ffffff", "opacity": 0.35,
            **(own or {})}


#: Reference polygons are simplified to this tolerance (degrees) for drawing only: about
#: 55 m north-south and 35 m east-west at 50 N, under a pixel at zoom 11. Verdicts use
#: the full-resolution polygons.
REFERENCE_TOLERANCE = 0.0005
#: Reference coordinates are sent as integers in these units of a degree (about 11 m).
REFERENCE_SCALE = 10_000
#: Colours of the reference areas: each side's own colour, drawn outlined and dashed with
#: a light fill so an assessed area never reads as a claim.
REFERENCE_COLORS = {"RU": COLORS["RU"], "UA": COLORS["UA"], "contested": COLORS["contested"]}


#: The 64 characters of :func:`varint_text` (the URL-safe base64 alphabet: nothing a
#: JSON string or an HTML script needs to escape).
VARINT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_VARINT_CODES = np.frombuffer(VARINT_ALPHABET.encode("ascii"), dtype=np.uint8)


def varint_text(values: np.ndarray) -> str:
    """Integers as text, each zigzag-encoded (0, -1, 1, -2 ... -> 0, 1, 2, 3 ...) and
    written 5 bits per character, low bits first, ``32`` added to every character but a
    number's last (the polyline scheme, in :data:`VARINT_ALPHABET`). A browser keeps the
    text as one string until it decodes it (``decodeVarints`` in geomap.js), where JSON
    arrays would all be parsed into numbers on load."""
    return _varints(values)[0]


def _varints(values: np.ndarray) -> tuple[str, np.ndarray]:
    """:func:`varint_text` of *values*, and the offset in it after each value."""
    values = np.asarray(values, dtype=np.int64)
    zigzag = ((values << 1) ^ (values >> 63)).astype(np.uint64)
    chunks = np.ones(len(zigzag), dtype=np.int64)  # 5-bit groups of each value
    for k in range(1, 13):
        chunks += zigzag >= (np.uint64(1) << np.uint64(5 * k))
    width = int(chunks.max()) if len(chunks) else 1
    shifts = np.arange(width, dtype=np.uint64) * np.uint64(5)
    codes = ((zigzag[:, None] >> shifts[None, :]) & np.uint64(31)).astype(np.uint8)
    more = np.arange(width)[None, :] < (chunks[:, None] - 1)
    codes = codes | (more.astype(np.uint8) << 5)
    used = np.arange(width)[None, :] < chunks[:, None]
    return _VARINT_CODES[codes[used]].tobytes().decode("ascii"), np.cumsum(chunks)


def _delta_rings(geometries: np.ndarray) -> list[list[list[str]]]:
    """Each of *geometries* (polygons or multipolygons) -> ``[[ring, ...], ...]``, each
    ring the :func:`varint_text` of its integer coordinates (:data:`REFERENCE_SCALE`)
    ``x0 y0 dx1 dy1 ...``: the first pair absolute and the rest differences. All rings
    of all geometries are encoded in one pass."""
    import shapely

    parts, part_of = shapely.get_parts(geometries, return_index=True)
    polygon = (shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)
    parts, part_of = parts[polygon], part_of[polygon]
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    xy, coord_of = shapely.get_coordinates(rings, return_index=True)
    xy = np.round(xy * REFERENCE_SCALE).astype(np.int64)
    first = np.ones(len(coord_of), dtype=bool)
    first[1:] = coord_of[1:] != coord_of[:-1]
    deltas = np.where(first[:, None], xy, xy - np.roll(xy, 1, axis=0))
    text, ends = _varints(deltas.ravel())
    counts = np.bincount(coord_of, minlength=len(rings)) * 2
    stops = np.concatenate([[0], ends[np.cumsum(counts) - 1]]) if len(rings) else [0]
    out: list[list[list[str]]] = [[] for _ in range(len(geometries))]
    last_part = -1
    for k in range(len(rings)):
        if ring_of[k] != last_part:
            last_part = ring_of[k]
            out[part_of[last_part]].append([])
        out[part_of[last_part]][-1].append(text[stops[k]:stops[k + 1]])
    return out


def _reference_geometries(raw: np.ndarray) -> tuple[list, list[int]]:
    """Each distinct full-resolution geometry of *raw* simplified (to
    :data:`REFERENCE_TOLERANCE`) and encoded once: the encoded geometries, and for each
    row the index of its own (-1: nothing to draw). Distinct means another object (a
    frame from :func:`~geomap.control.reference.read_reference` shares equal ones);
    equal objects that simplify alike are sent once all the same."""
    import shapely

    first: dict[int, int] = {}
    for k, geometry in enumerate(raw):
        first.setdefault(id(geometry), k)
    distinct = [k for k in first.values() if raw[k] is not None]
    simplified = shapely.simplify(raw[distinct], REFERENCE_TOLERANCE, preserve_topology=False)
    keys: dict[bytes, int] = {}  # two geometries may simplify to the same one
    drawn: list = []
    index_of: dict[int, int] = {}
    for k, geometry, wkb in zip(distinct, simplified, shapely.to_wkb(simplified), strict=True):
        if geometry is None or geometry.is_empty:
            continue
        if wkb not in keys:
            keys[wkb] = len(drawn)
            drawn.append(geometry)
        index_of[id(raw[k])] = keys[wkb]
    geometries = _delta_rings(np.array(drawn, dtype=object)) if drawn else []
    return geometries, [index_of.get(id(g), -1) for g in raw]


def reference_spec(reference: gpd.GeoDataFrame, epoch: pd.Timestamp,
                   scorecard: pd.DataFrame | None = None) -> dict:
    """The reference layer of the ``reference`` factory (``ReferenceLayer``).

    Each snapshot polygon is simplified to :data:`REFERENCE_TOLERANCE` and encoded once:
    ``geometries`` holds each distinct drawn geometry once (delta-encoded integer rings,
    :func:`_delta_rings`), and ``spans`` says when each is shown, ``[t0, t1, status,
    geometry]`` (days, ``t1`` exclusive); consecutive snapshots whose geometry did not
    change share one span. ``name`` is the reference's name, ``colors`` per status,
    ``scorecard`` (optional) ``{"columns": [...], "rows": [[...]]}`` for the panel.
    """
    days = [pd.Timestamp(d) for d in reference.attrs.get("days") or
            sorted(reference["valid_from"].unique())]
    following = dict(zip(days, [*days[1:], None], strict=True))
    geometries, drawn = _reference_geometries(reference.geometry.to_numpy())
    open_spans: dict[tuple[str, int], list] = {}
    spans: list[list] = []
    rows = sorted(zip(reference["valid_from"], reference["status"], drawn, strict=True),
                  key=lambda row: (row[0], row[1]))
    for start, status, index in rows:
        if index < 0:
            continue
        t0 = int((pd.Timestamp(start) - epoch) / pd.Timedelta(days=1))
        stop = following.get(pd.Timestamp(start))
        t1 = OPEN_DAY if stop is None else int((stop - epoch) / pd.Timedelta(days=1))
        span = open_spans.get((status, index))
        if span is not None and span[1] == t0:  # unchanged since the last snapshot
            span[1] = t1
            continue
        span = [t0, t1, status, index]
        open_spans[(status, index)] = span
        spans.append(span)
    table = None
    if scorecard is not None and len(scorecard):
        shown = scorecard[["claimant", "side", "claims", "share_agreeing", "share_unknown",
                           "over_claims", "lead_lag_days"]]
        table = {"columns": ["Claimant", "Side", "Judged", "Agree", "Unknown",
                             "Over-claims", "Lead/lag (days)"],
                 "rows": [[None if pd.isna(v) else (v.item() if hasattr(v, "item") else v)
                           for v in row] for row in shown.itertuples(index=False)]}
    return {"label": "Reference (assessed control)",
            "name": str(reference.attrs.get("name") or "reference"),
            "scale": REFERENCE_SCALE, "geometries": geometries, "spans": spans,
            "colors": REFERENCE_COLORS, "opacity": 0.12, "scorecard": table}


def layer_specs(*, table: dict, disputes: dict, cells: gpd.GeoDataFrame,
                timeline: pd.DataFrame, reference: gpd.GeoDataFrame | None,
                epoch: pd.Timestamp, tiles: bool = False,
                shape_index: dict[str, int] | None = None,
                scorecard: pd.DataFrame | None = None) -> tuple[LayerSpec, ...]:
    """Every layer of a map, declared once, in the order of :data:`GROUPS`.

    *table* and *disputes* are the runtime's tables (:func:`claims_table` ``["table"]``,
    :func:`disputes_table`); *cells* and *timeline* those of the control view; *reference*
    a reference frame or None, *scorecard* its scorecard (shown in the reference's panel).
    Layers with nothing to draw are left out.
    """
    specs = [LayerSpec("Basemap", "basemap", "Borders (Natural Earth)")]
    if tiles:
        specs.append(LayerSpec("Basemap", TILES, "OpenStreetMap tiles"))
    present = set(table["side"])
    specs += [LayerSpec("Claims", "claims", SIDE_LABELS[side], (index,))
              for index, side in enumerate(SIDES) if index in present]
    if disputes["lon"]:
        specs.append(LayerSpec("Disagreements", "disputes", "Sides disagree"))
    shown = False
    for side in SIDES:
        if (cells["claimant_side"] == side).any():
            label = VIEW_LABELS[side]
            specs.append(LayerSpec("Claimed control", "cells", label,
                                   (cells_spec(cells, timeline, side, epoch, label=label,
                                               shape_index=shape_index),),
                                   show=not shown))
            shown = True
    if reference is not None and len(reference):
        specs.append(LayerSpec("Reference", "reference", "Reference (assessed control)",
                               (reference_spec(reference, epoch, scorecard),)))
    return tuple(specs)


def front_range(dates: pd.Series, gap_days: int = RANGE_GAP_DAYS) -> pd.Timestamp | None:
    """The first day of the slider: the first date of the bulk of the claims.

    Rule: sort the dates; wherever two consecutive dates are more than *gap_days*
    apart and fewer than a quarter of the dates come before the gap, the earlier ones
    are background (history recalled in an article) and the range starts after the
    gap. The last such gap wins. Those claims stay in the data and the claim list.
    None when there is no date.
    """
    days = pd.to_datetime(pd.Series(dates)).dropna().sort_values().reset_index(drop=True)
    if days.empty:
        return None
    gaps = (days.diff() > pd.Timedelta(days=gap_days)).to_numpy()
    first = 0
    for position in np.flatnonzero(gaps):
        if position <= len(days) / 4:
            first = int(position)
    return days.iloc[first].normalize()


def place_labels(claims: gpd.GeoDataFrame, gazetteer=None) -> dict:
    """Labels of the claimed settlements, most important first (the runtime places them in
    this order and drops those that would overlap): ``{"name", "lat", "lon", "n"}`` columns.

    Importance: how many claims name the place, then its population (gazetteer). An
    approximate place (marked at its region) gets no label.
    """
    kinds = claims["place_kind"].astype(object)
    exact = (kinds == "settlement").to_numpy() & ~claims["approximate"].fillna(False).to_numpy(
        dtype=bool) & claims["place_id"].notna().to_numpy()
    rows = np.flatnonzero(exact)  # positions (a frame of these rows would copy every column)
    if not len(rows):
        return {"name": [], "lat": [], "lon": [], "n": []}
    labels = claims["place_label"].to_numpy(dtype=object)[rows]
    names = np.where(pd.isna(labels), claims["place_name"].to_numpy(dtype=object)[rows],
                     labels)
    named = pd.notna(names)
    # per place id (in order of first appearance): its first named row and its count
    codes, ids = pd.factorize(claims["place_id"].to_numpy(dtype=object)[rows][named])
    if not len(ids):
        return {"name": [], "lat": [], "lon": [], "n": []}
    _, first = np.unique(codes, return_index=True)
    counts = np.bincount(codes, minlength=len(ids))
    population = (places_by_id(gazetteer, ids.tolist())[3] if gazetteer
                  else np.zeros(len(ids), dtype=np.int64))
    order = np.lexsort((-population, -counts))  # stable: ties keep their first appearance
    first = first[order]
    return {"name": [str(name) for name in names[named][first].tolist()],
            "lat": np.round(claims.geometry.y.to_numpy(float)[rows][named][first], 5).tolist(),
            "lon": np.round(claims.geometry.x.to_numpy(float)[rows][named][first], 5).tolist(),
            "n": counts[order].tolist()}


def runtime_data(*, epoch: pd.Timestamp, day: int, last_day: int, slider: bool, title: str,
                 subtitle: str, attribution: str, claims: dict, disputes: dict, basemap: dict,
                 strings: StringTable, first_day: int = 0, window_days: int = WINDOW_DAYS,
                 places: dict | None = None, regions: dict | None = None,
                 cell_shapes: list | None = None, cell_names: list | None = None) -> dict:
    """The ``data`` object of the runtime (every field is described in the module
    docstring). *claims* is the result of :func:`claims_table`."""
    return {
        "epoch": epoch.date().isoformat(), "day": day,
        "range": [min(first_day, day), max(last_day, day)],
        "window": window_days, "fresh": FRESH_DAYS,
        "places": places or {"name": [], "lat": [], "lon": [], "n": []},
        "regions": regions or {"code": [], "name": [], "lat": [], "lon": []},
        "cellShapes": cell_shapes or [], "cellNames": cell_names or [],
        "cellScale": PATH_SCALE,
        "legendEvents": list(EVENT_TYPES),
        "legendShapes": [SHAPES[e] for e in EVENT_TYPES],
        "cellColors": CELL_COLORS,
        "slider": slider,
        "title": title,
        "subtitle": subtitle,
        "attribution": attribution,
        "sides": list(SIDES), "sideLabels": [SIDE_LABELS[side] for side in SIDES],
        "colors": COLORS,
        "events": claims["events"],
        "shapes": [SHAPES.get(e, "circle") for e in claims["events"]],
        "glyphs": GLYPHS,
        "claims": claims["table"], "disputes": disputes,
        "basemap": basemap_paths(basemap),
        "strings": strings.items,
    }
