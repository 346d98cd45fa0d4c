"""Build the map: claims, control cells, disagreements, reference, basemap, controls.

Layers (in a grouped layer control):

* **Claims**: one canvas layer per claimant side (Russian, Ukrainian,
  independent analysts, other); marker shape = event type, colour = side,
  hollow = approximate place.
* **Disagreements**: rings where sides assert incompatible status.
* **Claimed control**: per side, cells around the settlements it speaks of,
  coloured by the status it claims on the day shown (:mod:`geomap.areas`).
* **Reference**: assessed control polygons from ``reference`` (optional).
* **Basemap**: Natural Earth borders (always, offline) and OpenStreetMap
  tiles (``tiles=True``; needs the network).

A slider picks the day; ``as_of`` instead fixes one day and leaves out every
claim published after it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from folium.plugins import GroupedLayerControl

from geomap.areas import KM_PER_DEGREE, RADIUS_KM, settlement_cells
from geomap.control import control_timeline, disagreements
from geomap.exc import GeomapError
from geomap.reference import read_reference, reference_agreement
from geomap.render import payload as P
from geomap.render.assets import inline_assets
from geomap.render.basemap import basemap
from geomap.render.elements import LeanMap, Runtime, RuntimeLayer

REQUIRED = ("claim_id", "claimant_side", "event_type", "date_start", "geometry")
OPTIONAL = ("claimant", "date_end", "date_precision", "published", "source", "url", "sentence",
            "char_start", "place_start", "place_end", "place_label", "place_name", "place_id",
            "place_kind", "admin1", "approximate", "hedged", "count", "notes", "place_reason",
            "uncertainty_km", "actor_side", "disputes")
ATTRIBUTION = ("Places: GeoNames (CC BY 4.0), Who's On First (CC0 and others), "
               "Natural Earth (public domain) | Claims: geomap")


class RenderError(GeomapError, ValueError):
    """Claims that cannot be drawn (missing columns, no geometry)."""


def prepare_claims(claims: pd.DataFrame) -> gpd.GeoDataFrame:
    """A claims frame with every column the map reads, in EPSG:4326."""
    missing = [c for c in REQUIRED if c not in claims.columns]
    if missing:
        raise RenderError(f"claims lack column(s) {', '.join(missing)}; "
                          "expected the output of `geomap extract`")
    frame = gpd.GeoDataFrame(claims.copy(), geometry="geometry")
    for column in frame.columns:  # pandas' NA (string/nullable dtypes) -> None, once
        if column != "geometry" and not pd.api.types.is_float_dtype(frame[column]):
            values = frame[column].astype(object)
            frame[column] = values.where(values.notna(), None)
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    for column in OPTIONAL:
        if column not in frame:
            frame[column] = None
    # a claim about a whole country has no place worth a marker (its centroid may be in
    # Siberia); it stays in the store and the exports
    drawable = (frame.geometry.notna() & ~frame.geometry.is_empty
                & (frame["place_kind"] != "country"))
    frame = frame[drawable]
    for column in ("date_start", "date_end", "published"):
        values = frame[column]
        frame[column] = values.where(values.notna() & (values.astype(str) != ""), None)
        frame[column] = frame[column].map(lambda v: v if v is None else str(v)[:10])
    frame["approximate"] = frame["approximate"].fillna(False).astype(bool)
    frame["hedged"] = frame["hedged"].fillna(False).astype(bool)
    return frame.reset_index(drop=True)


def _epoch_and_range(claims: pd.DataFrame, reference) -> tuple[pd.Timestamp, int]:
    days = pd.to_datetime(claims["date_start"]).dropna()
    if reference is not None and len(reference):
        days = pd.concat([days, pd.Series(reference["valid_from"])])
    if days.empty:
        return pd.Timestamp(dt.date.today()), 0
    epoch = days.min().normalize()
    return epoch, int((days.max() - epoch) / pd.Timedelta(days=1))


def build_map(claims: pd.DataFrame, *, gazetteer=None, as_of=None, reference=None,
              tiles: bool = False, title: str | None = None,
              window_days: int = P.WINDOW_DAYS, radius_km: float = RADIUS_KM,
              reference_date_field: str | None = None) -> folium.Map:
    """A folium map of *claims* (the output of :func:`geomap.extract`).

    Parameters
    ----------
    as_of
        A date: draw the state on that day only, leaving out later claims.
    reference
        Assessed control polygons: a path or a frame from
        :func:`geomap.reference.read_reference`.
    tiles
        Add OpenStreetMap tiles (needs the network when the map is opened).
    """
    if gazetteer is None:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    frame = prepare_claims(claims)
    if as_of is not None:
        as_of = pd.Timestamp(as_of).normalize()
        dated = pd.to_datetime(frame["date_start"])
        frame = frame[dated.isna() | (dated <= as_of)].reset_index(drop=True)
    if reference is not None and not isinstance(reference, pd.DataFrame):
        reference = read_reference(reference, date_field=reference_date_field)
    if reference is not None:
        frame["reference_agreement"] = reference_agreement(frame, reference)

    timeline = control_timeline(frame)
    conflicts = disagreements(timeline)
    cells = settlement_cells(timeline, gazetteer, radius_km=radius_km)
    epoch, last_day = _epoch_and_range(frame, reference)
    day = int((as_of - epoch) / pd.Timedelta(days=1)) if as_of is not None else last_day
    strings = P.StringTable()
    intervals = P.claim_intervals(frame, timeline, window_days=window_days)
    table = P.claims_table(frame, intervals, epoch, strings)
    disputes = P.disputes_table(conflicts, frame, epoch)

    west, south, east, north = _focus_bounds(frame)
    labelled = set(frame["admin1"].dropna())
    dated = frame["date_start"].dropna()
    span = f"{dated.min()} to {dated.max()}" if len(dated) else "undated"
    subtitle = (f"as of {as_of.date().isoformat()}" if as_of is not None else
                f"{len(frame)} claims, {span}")
    data = {
        "epoch": epoch.date().isoformat(), "day": day, "range": [0, max(last_day, day)],
        "slider": as_of is None and last_day > 0,
        "title": title or "Claimed control: who says what, and when",
        "subtitle": subtitle,
        "attribution": ATTRIBUTION,
        "sides": list(P.SIDES), "sideLabels": list(P.SIDE_LABELS), "colors": P.COLORS,
        "events": table["events"], "shapes": [P.SHAPES.get(e, "circle") for e in table["events"]],
        "glyphs": P.GLYPHS,
        "claims": table["table"], "disputes": disputes,
        "basemap": basemap(gazetteer, (west, south, east, north), labelled),
        "strings": strings.items,
    }

    fmap = LeanMap(location=[(south + north) / 2, (west + east) / 2], tiles=None,
                   zoom_start=8, max_zoom=16, min_zoom=3, prefer_canvas=True,
                   control_scale=True)
    runtime = Runtime(data)
    fmap.add_child(runtime)
    groups: dict[str, list] = {"Basemap": [], "Claims": [], "Disagreements": [],
                               "Claimed control": [], "Reference": []}
    borders = RuntimeLayer(runtime, "basemap", name="Borders (Natural Earth)")
    groups["Basemap"].append(borders)
    if tiles:
        osm = folium.TileLayer("OpenStreetMap", name="OpenStreetMap tiles", overlay=True,
                               control=True, max_zoom=16)
        groups["Basemap"].append(osm)
    present = set(table["table"]["side"])
    for index, label in enumerate(P.SIDE_LABELS):
        if index in present:
            groups["Claims"].append(RuntimeLayer(runtime, "claims", index, name=label))
    if disputes["lon"]:
        groups["Disagreements"].append(RuntimeLayer(runtime, "disputes",
                                                    name="Sides disagree"))
    for side, label in zip(P.SIDES[:3], P.SIDE_LABELS[:3], strict=True):
        if (cells["claimant_side"] == side).any():
            spec = P.cells_spec(cells, timeline, side, epoch, label=f"{label}: control")
            groups["Claimed control"].append(
                RuntimeLayer(runtime, "cells", spec, name=f"{label}: control",
                             show=side != "INDEPENDENT"))
    if reference is not None and len(reference):
        spec = P.reference_spec(reference, epoch)
        groups["Reference"].append(RuntimeLayer(runtime, "cells", spec,
                                                name="Reference (assessed control)"))
    # control areas below claims: add polygon layers first
    order = ["Basemap", "Reference", "Claimed control", "Disagreements", "Claims"]
    for group in order:
        for layer in groups[group]:
            fmap.add_child(layer)
    GroupedLayerControl({k: v for k, v in groups.items() if v}, exclusive_groups=False,
                        collapsed=False).add_to(fmap)
    if len(frame):
        pad = 0.6
        fmap.fit_bounds([[south - pad, west - pad], [north + pad, east + pad]], max_zoom=10)
    fmap.geomap_bounds = [[south, west], [north, east]]  # what the first view frames
    fmap.geomap_data = data  # for callers that want the numbers behind the map
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


def render_html(fmap: folium.Map, *, offline: bool = False) -> str:
    """The map as one HTML document; ``offline`` inlines every script and stylesheet."""
    html = fmap.get_root().render()
    return inline_assets(html) if offline else html


def save_map(fmap: folium.Map, path: str | os.PathLike[str], *, offline: bool = False) -> Path:
    """Write the map to *path* atomically (temporary file, then rename)."""
    from geomap.io.output import write_text_atomic

    return write_text_atomic(Path(path), render_html(fmap, offline=offline))


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
        from geomap.io.output import write_text_atomic

        return write_text_atomic(Path(path), self.html)


def explore(claims: pd.DataFrame, *, offline: bool = False, height: int = 600, **kwargs):
    """A map of *claims* that displays inline in Jupyter (see :func:`build_map`).

    Returns the ``folium.Map`` (its scripts load from CDNs), or with ``offline=True`` an
    :class:`InlineMap` that needs no network.
    """
    fmap = build_map(claims, **kwargs)
    if offline:
        return InlineMap(fmap, height)
    fmap.get_root().height = f"{height}px"
    return fmap


def read_claims(path: str | os.PathLike[str]) -> gpd.GeoDataFrame:
    """Claims from a ``.gpkg`` (layer ``claims``), ``.parquet`` or ``.geojson`` file."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".parquet":
            return gpd.read_parquet(path)
        if path.suffix.lower() == ".gpkg":
            return gpd.read_file(path, layer="claims")
        return gpd.read_file(path)
    except Exception as error:  # GDAL and arrow raise many types for unreadable files
        raise RenderError(f"{path}: cannot read claims: {error}") from error
