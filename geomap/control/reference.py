"""Reference layers: assessed control polygons a user brings, compared with claims.

A reference file is GeoJSON or GeoPackage (anything GDAL reads) with polygons
and a date property: for example an export of DeepStateMap's or ISW's layers.

* **Date**: the first of the properties ``date``, ``valid_from``, ``as_of``,
  ``day``, ``timestamp`` (or the one named with ``date_field``). Each date's
  polygons form a snapshot that holds until the next date in the file.
* **Status**: the first of ``status``, ``controller``, ``side``, ``control``
  (values such as ``RU``/``russia``/``occupied`` or ``UA``/``ukraine``/
  ``liberated``, and ``contested``/``grey``). Without one, every polygon is
  taken as area held by Russian forces, which is what DeepStateMap's and
  ISW's occupied-area layers show.

Agreement: a control claim about a settlement is compared with the snapshot in
force on its date. Inside a reference polygon the reference status applies;
outside every polygon, a reference of Russian-held areas implies ``UA``.
The claim ``agrees`` when its status equals the reference status, else
``disagrees``; claims dated before the first snapshot, or not about control,
get no verdict.
"""

from __future__ import annotations

import os

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.control.timeline import claim_statuses
from geomap.exc import ReferenceLayerError
from geomap.schema import BELLIGERENTS

DATE_FIELDS = ("date", "valid_from", "as_of", "day", "timestamp")
STATUS_FIELDS = ("status", "controller", "side", "control")
STATUS_WORDS = {
    "ru": "RU", "russia": "RU", "russian": "RU", "occupied": "RU", "rf": "RU",
    "ua": "UA", "ukraine": "UA", "ukrainian": "UA", "liberated": "UA",
    "contested": "contested", "grey": "contested", "gray": "contested", "unknown": "contested",
}


def read_reference(path: str | os.PathLike[str], *, date_field: str | None = None
                   ) -> gpd.GeoDataFrame:
    """Snapshots of assessed control: ``status``, ``valid_from``, ``valid_to``, geometry."""
    try:
        frame = gpd.read_file(path)
    except Exception as error:  # pyogrio raises several types for unreadable files
        raise ReferenceLayerError(f"{path}: cannot read reference layer: {error}") from error
    if frame.empty:
        raise ReferenceLayerError(f"{path}: the reference layer has no features")
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    fields = {name.lower(): name for name in frame.columns}
    candidates = (date_field,) if date_field else DATE_FIELDS
    found = next((fields[f.lower()] for f in candidates if f and f.lower() in fields), None)
    if found is None:
        raise ReferenceLayerError(f"{path}: no date property; expected one of "
                                  f"{', '.join(candidates)} (use --reference-date-field)")
    dates = pd.to_datetime(frame[found], errors="coerce", utc=True).dt.tz_localize(None)
    dates = dates.dt.normalize()
    if dates.isna().all():
        raise ReferenceLayerError(f"{path}: property {found!r} holds no readable dates")
    status_field = next((fields[f] for f in STATUS_FIELDS if f in fields), None)
    if status_field is None:
        status = pd.Series("RU", index=frame.index)
    else:
        status = frame[status_field].astype(str).str.strip().str.lower().map(STATUS_WORDS)
    keep = dates.notna() & status.notna() & frame.geometry.notna() & \
        frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"])
    frame = gpd.GeoDataFrame({"status": status[keep], "valid_from": dates[keep]},
                             geometry=frame.geometry[keep].make_valid(), crs="EPSG:4326")
    frame = frame.dissolve(by=["valid_from", "status"]).reset_index()
    snapshot_days = sorted(frame["valid_from"].unique())
    following = dict(zip(snapshot_days, [*snapshot_days[1:], pd.NaT], strict=True))
    frame["valid_to"] = frame["valid_from"].map(following)
    frame.attrs["implicit_status"] = status_field is None
    frame.attrs["source"] = os.fspath(path)
    return frame[["status", "valid_from", "valid_to", "geometry"]]


def reference_agreement(claims: gpd.GeoDataFrame, reference: gpd.GeoDataFrame, *,
                        statuses: pd.Series | None = None) -> pd.Series:
    """``agrees``, ``disagrees`` or empty for each claim (see the module docstring).

    *statuses*: :func:`~geomap.control.claim_statuses` of *claims* when already computed.
    """
    verdict = pd.Series("", index=claims.index, dtype=object)
    status = claim_statuses(claims) if statuses is None else statuses
    asks = status.isin(BELLIGERENTS) & (claims["place_kind"] == "settlement") & \
        claims["date_start"].notna()
    if not asks.any() or reference.empty:
        return verdict
    days = pd.to_datetime(claims.loc[asks, "date_start"])
    snapshots = np.array(sorted(reference["valid_from"].unique()), dtype="datetime64[ns]")
    position = np.searchsorted(snapshots, days.to_numpy(dtype="datetime64[ns]"), side="right") - 1
    implicit = reference.attrs.get("implicit_status", False)
    for pos in np.unique(position[position >= 0]):  # one pass per snapshot, not per claim
        snapshot = reference[reference["valid_from"] == snapshots[pos]]
        rows = days.index[position == pos]
        points = claims.geometry[rows].to_numpy()
        assessed = pd.Series(None, index=rows, dtype=object)
        for polygon, held in zip(snapshot.geometry, snapshot["status"], strict=True):
            inside = shapely.covers(polygon, points) & assessed.isna().to_numpy()
            assessed[inside] = held
        if implicit or set(snapshot["status"]) == {"RU"}:
            assessed = assessed.fillna("UA")
        known = assessed.dropna()
        verdict[known.index] = np.where(known == status[known.index], "agrees", "disagrees")
    return verdict
