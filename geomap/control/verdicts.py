"""Verdicts: each claim compared with a reference layer (:mod:`geomap.control.reference`).

Which claims are judged
-----------------------
A claim with a date (``date_start``) and a place that is a settlement or an approximate
point (not a count, not a region), whose event type has a rule below. Others get no
verdict (empty text).

The snapshot and the holder
---------------------------
The snapshot used is the one nearest the claim's day within ``window_days`` of the
reference (default 3; the earlier one on a tie). None that near: ``unknown``. At the
claim's point the snapshot shows a **holder**: the side of the polygon that contains it
(``contested`` when polygons of two sides do); outside every polygon, the reference's
``outside`` side if the point is inside its coverage, else nothing. Outside the coverage
(with ``covers="polygons"``: outside the day's polygons) and where nothing is shown, the
verdict is ``unknown``. An approximate place (``approximate`` and ``uncertainty_km``)
whose uncertainty reaches the nearest boundary of the day's polygons or coverage is
``unknown`` too: the reference cannot say on which side it lies.

Rules per event type (the claimed side is *X*)
----------------------------------------------
* ``control`` (X holds the place, :func:`~geomap.control.timeline.claim_statuses`):
  ``agrees`` when the holder is X, ``disagrees`` when it is the other side, ``unknown``
  when the reference shows it contested.
* ``advance``, ``attack``, ``fighting`` (X = ``actor_side``, else the claimant's side):
  fighting at the place. ``agrees`` when the holder is ``contested`` or the place is
  within :data:`FRONT_KM` of the boundary of X's area; ``disagrees`` when it is further
  from it, on either side (fighting reported deep behind a line).
* ``repelled`` (X = the claimant's side, who says it held): ``agrees`` when the holder is
  X or ``contested``; ``disagrees`` when the other side holds it and it lies more than
  :data:`FRONT_KM` inside that side's area; ``unknown`` nearer the line.
* ``denial`` of a claim (X = the holder the disputed claim asserts, through ``disputes``;
  without one, the side opposing the claimant): ``agrees`` when the reference contradicts
  the disputed claim (the holder is not X), ``disagrees`` when it confirms it.
* ``strike``, ``evacuation`` and the rest: no verdict.

Distance: ``distance_km`` is the distance of the place to the nearest boundary of X's
area on the snapshot (the union of X's polygons; for the ``outside`` side, the coverage
minus the other sides' polygons), positive inside it, negative outside, computed on the
full-resolution polygons in a local equirectangular plane (error well under 1% within
a few hundred km).

Lead and lag (control claims)
-----------------------------
``lag_days`` = the claim's day minus the day of the first snapshot that shows the place
held by X: the start of the run of snapshots showing X's hold that covers the claim's
day, or else the first such run after it. Negative: claimed before the reference showed
it; positive: after. A hold shown since the first snapshot has no lag (it started before
the reference). ``confirmed`` is False when no snapshot on or after the claim's day
within the reference ever shows X holding the place (over-claiming); None when the claim
is outside coverage.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gazetteer.geodesy import KM_PER_DEGREE
from geomap.control.timeline import claim_statuses
from geomap.schema import BELLIGERENTS, OPPONENT

#: How near the boundary of a side's area fighting agrees with the reference (km).
FRONT_KM = 10.0
#: Columns of :func:`verdicts`.
VERDICT_COLUMNS = ["claim_id", "verdict", "reason", "claimed", "held_by", "snapshot",
                   "distance_km", "lag_days", "confirmed", "text"]
FIGHTING = frozenset({"advance", "attack", "fighting"})
_CODES = {"RU": 1, "UA": 2, "contested": 3}
_NAMES = {1: "RU", 2: "UA", 3: "contested"}
_HELD_TEXT = {"RU": "held by Russia", "UA": "held by Ukraine", "contested": "contested"}
_OUTSIDE, _NOTHING = -1, 0


def _other(side: str | None) -> str | None:
    return OPPONENT.get(side or "")


def claimed_sides(claims: pd.DataFrame, statuses: pd.Series) -> pd.Series:
    """The side each judged claim is about (*X* in the module docstring), else None."""
    event = claims["event_type"]
    side = claims["claimant_side"].where(claims["claimant_side"].isin(BELLIGERENTS))
    actor = claims["actor_side"] if "actor_side" in claims else pd.Series(None, claims.index)
    actor = actor.where(actor.isin(BELLIGERENTS))
    out = pd.Series(None, index=claims.index, dtype=object)
    control = (event == "control") & statuses.isin(BELLIGERENTS)
    out[control] = statuses[control]
    fighting = event.isin(FIGHTING)
    out[fighting] = actor.fillna(side)[fighting]
    out[event == "repelled"] = side[event == "repelled"]
    denial = event == "denial"
    if denial.any():
        asserted = pd.Series(statuses.to_numpy(), index=claims["claim_id"].to_numpy())
        asserted = asserted[~asserted.index.duplicated()]
        disputed = claims["disputes"] if "disputes" in claims else pd.Series(None, claims.index)
        target = disputed[denial].map(asserted).where(lambda s: s.isin(BELLIGERENTS))
        out[denial] = target.fillna(side[denial].map(_other))
    return out.where(out.isin(BELLIGERENTS), None)


def _judged(claims: gpd.GeoDataFrame, claimed: pd.Series) -> pd.Series:
    geometry = claims.geometry
    place = (claims["place_kind"] == "settlement") | claims["approximate"].fillna(False)
    count = claims["count"].isna() if "count" in claims else True
    return (claimed.notna() & claims["date_start"].notna() & geometry.notna()
            & ~geometry.is_empty & place.fillna(False).astype(bool) & count)


def _plane(geometry, lat0: float):
    """Kilometres in a local equirectangular plane around latitude *lat0*."""
    scale = np.array([np.cos(np.radians(lat0)) * KM_PER_DEGREE, KM_PER_DEGREE])
    return shapely.transform(geometry, lambda xy: xy * scale)


class _Snapshots:
    """The reference's polygons per day and holder, with point look-ups."""

    def __init__(self, reference: gpd.GeoDataFrame):
        self.days = np.array(reference.attrs.get("days") or sorted(reference["valid_from"]),
                             dtype="datetime64[ns]")
        self.covers = reference.attrs.get("covers")
        options = reference.attrs.get("options")
        self.outside = getattr(options, "outside", None)
        day_index = {d: k for k, d in enumerate(self.days)}
        groups: dict[int, dict[str, list]] = {}
        for status, day, geometry in zip(reference["status"], reference["valid_from"],
                                         reference.geometry.to_numpy(), strict=True):
            key = day_index[np.datetime64(pd.Timestamp(day), "ns")]
            groups.setdefault(key, {}).setdefault(status, []).append(geometry)
        #: each day's polygons per holder as read (a polygon unchanged between days is
        #: one object: :func:`~geomap.control.reference.read_reference`)
        self.parts = groups
        self._polygons: dict[int, dict[str, object]] = {}
        self._inside: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
        for geometry in [self.covers, *{id(g): g for p in groups.values()
                                        for parts in p.values() for g in parts}.values()]:
            if geometry is not None:
                shapely.prepare(geometry)

    def polygons(self, k: int) -> dict[str, object]:
        """Snapshot *k*'s area per holder (:func:`gather`; built when first asked)."""
        if k not in self._polygons:
            self._polygons[k] = {status: gather(parts)
                                 for status, parts in self.parts.get(k, {}).items()}
        return self._polygons[k]

    def covered_by(self, geometry, points: np.ndarray) -> np.ndarray:
        """``shapely.covers(geometry, points)``, computed once per geometry and points
        array (the same polygon recurs on many days)."""
        key = (id(geometry), id(points))
        if key not in self._inside:  # the points are kept so their id is not reused
            self._inside[key] = (points, shapely.covers(geometry, points))
        return self._inside[key][1]

    def holders(self, k: int, points: np.ndarray) -> np.ndarray:
        """Holder codes on snapshot *k*: 1 RU, 2 UA, 3 contested, 0 nothing shown,
        -1 outside coverage."""
        out = np.zeros(len(points), dtype=int)
        for status, parts in self.parts.get(k, {}).items():
            inside = np.logical_or.reduce([self.covered_by(g, points) for g in parts])
            code = _CODES[status]
            out[inside] = np.where((out[inside] != 0) & (out[inside] != code), 3, code)
        if self.covers is None:
            out[out == 0] = _OUTSIDE
        else:
            covered = self.covered_by(self.covers, points)
            if self.outside is not None:
                out[(out == 0) & covered] = _CODES[self.outside]
            out[~covered] = _OUTSIDE
        return out

    def area(self, k: int, side: str):
        """Side *side*'s area on snapshot *k* (None when empty)."""
        mine = self.polygons(k).get(side)
        if self.outside == side and self.covers is not None:
            others = [g for s, g in self.polygons(k).items() if s != side]
            rest = shapely.difference(self.covers, shapely.union_all(others)) if others \
                else self.covers
            mine = rest if mine is None else shapely.union(mine, rest)
        return None if mine is None or mine.is_empty else mine

    def edges(self, k: int):
        """Every boundary of snapshot *k*: its polygons' and the coverage's."""
        shapes = [*self.polygons(k).values()]
        if self.covers is not None:
            shapes.append(self.covers)
        return shapely.union_all([shapely.boundary(g) for g in shapes]) if shapes else None

    def nearest(self, days: np.ndarray, window: int) -> np.ndarray:
        """Index of the snapshot nearest each day within *window* days, else -1."""
        if not len(self.days):
            return np.full(len(days), -1)
        after = np.clip(np.searchsorted(self.days, days, side="left"), 0, len(self.days) - 1)
        before = np.clip(after - 1, 0, len(self.days) - 1)
        gap_after = np.abs(self.days[after] - days)
        gap_before = np.abs(days - self.days[before])
        pick = np.where(gap_before <= gap_after, before, after)
        gap = np.minimum(gap_before, gap_after)
        return np.where(gap <= np.timedelta64(window, "D"), pick, -1)


def gather(geometries: list):
    """One geometry of a day's polygons of one holder: the polygon itself, a MultiPolygon
    of polygons that do not touch, or (only when some overlap) their union."""
    if len(geometries) == 1:
        return geometries[0]
    parts = shapely.get_parts(np.asarray(geometries, dtype=object))
    pairs = shapely.STRtree(parts).query(parts, predicate="intersects")
    polygons = parts[shapely.get_type_id(parts) == 3]
    if bool((pairs[0] == pairs[1]).all()) and len(polygons) == len(parts):
        return shapely.multipolygons(polygons)
    return shapely.union_all(geometries)


def _signed_km(area, points, lat0: float) -> np.ndarray:
    if area is None:
        return np.full(len(points), np.nan)
    plane, where = _plane(area, lat0), _plane(points, lat0)
    distance = shapely.distance(shapely.boundary(plane), where)
    return np.where(shapely.covers(plane, where), distance, -distance)


def verdicts(claims: gpd.GeoDataFrame, reference: gpd.GeoDataFrame, *,
             statuses: pd.Series | None = None) -> pd.DataFrame:
    """One row per claim (indexed like *claims*): :data:`VERDICT_COLUMNS`.

    ``verdict`` is ``agrees``, ``disagrees``, ``unknown`` (``reason`` says why) or empty
    for a claim not judged; ``text`` is what a popup shows ("NZZ, 2025-03-13: held by
    Russia — agrees"). *statuses*: :func:`~geomap.control.claim_statuses` of *claims*
    when already computed. The rules are in the module docstring.
    """
    status = claim_statuses(claims) if statuses is None else statuses
    out = pd.DataFrame({"claim_id": claims["claim_id"].to_numpy(), "verdict": "",
                        "reason": None, "claimed": None, "held_by": None,
                        "snapshot": pd.NaT, "distance_km": np.nan, "lag_days": np.nan,
                        "confirmed": None}, index=claims.index)
    out["text"] = ""
    claimed = claimed_sides(claims, status)
    judged = _judged(claims, claimed)
    if not judged.any() or reference is None or not len(reference.attrs.get("days") or
                                                         reference["valid_from"]):
        return out[VERDICT_COLUMNS]
    snaps = _Snapshots(reference)
    rows = claims.index[judged]
    points = claims.geometry[rows].to_numpy()
    side = claimed[rows].to_numpy(object)
    event = claims.loc[rows, "event_type"].to_numpy(object)
    day = pd.to_datetime(claims.loc[rows, "date_start"]).dt.normalize().to_numpy("datetime64[ns]")
    window = int(getattr(reference.attrs.get("options"), "window_days", 3))
    pick = snaps.nearest(day, window)
    uncertainty = pd.to_numeric(claims.loc[rows, "uncertainty_km"], errors="coerce") \
        .where(claims.loc[rows, "approximate"].fillna(False).astype(bool)).fillna(0).to_numpy()
    lat0 = float(np.nanmean(shapely.get_y(points))) if len(points) else 50.0

    held = np.zeros(len(rows), dtype=int)
    distance = np.full(len(rows), np.nan)
    near_edge = np.zeros(len(rows), dtype=bool)
    for k in np.unique(pick[pick >= 0]):
        at = np.flatnonzero(pick == k)
        held[at] = snaps.holders(int(k), points[at])
        for s in BELLIGERENTS:
            mine = at[side[at] == s]
            if len(mine):
                distance[mine] = _signed_km(snaps.area(int(k), s), points[mine], lat0)
        fuzzy = at[uncertainty[at] > 0]
        if len(fuzzy):
            edges = snaps.edges(int(k))
            if edges is not None:
                gap = shapely.distance(_plane(edges, lat0), _plane(points[fuzzy], lat0))
                near_edge[fuzzy] = gap <= uncertainty[fuzzy]

    distance[held == _OUTSIDE] = np.nan
    verdict, reason = _rules(event, side, held, distance, pick, near_edge, window)
    out.loc[rows, "verdict"] = verdict
    out.loc[rows, "reason"] = reason
    out.loc[rows, "claimed"] = side
    out.loc[rows, "held_by"] = [_NAMES.get(h) for h in held]
    out.loc[rows, "snapshot"] = pd.to_datetime(
        np.where(pick >= 0, snaps.days[np.maximum(pick, 0)], np.datetime64("NaT")))
    out.loc[rows, "distance_km"] = np.round(distance, 2)
    control = event == "control"
    if control.any():
        lag, confirmed = _lags(snaps, points[control], side[control], day[control])
        out.loc[rows[control], "lag_days"] = lag
        out.loc[rows[control], "confirmed"] = confirmed
    name = reference.attrs.get("name") or "reference"
    out.loc[rows, "text"] = [_text(name, s, h, v, r) for s, h, v, r in zip(
        out.loc[rows, "snapshot"], out.loc[rows, "held_by"], verdict, reason, strict=True)]
    return out[VERDICT_COLUMNS]


def _rules(event, side, held, distance, pick, near_edge, window: int):
    n = len(event)
    verdict = np.full(n, "unknown", dtype=object)
    reason = np.full(n, None, dtype=object)
    holder = np.array([_NAMES.get(h) for h in held], dtype=object)
    other = np.array([_other(s) for s in side], dtype=object)
    deep = np.abs(np.nan_to_num(distance, nan=np.inf)) > FRONT_KM
    for k in range(n):
        if pick[k] < 0:
            reason[k] = f"no snapshot within {window} days"
        elif held[k] == _OUTSIDE:
            reason[k] = "outside the reference's coverage"
        elif held[k] == _NOTHING:
            reason[k] = "outside the polygons, and no --reference-outside side"
        elif near_edge[k]:
            reason[k] = "the place is approximate and its uncertainty crosses the line"
        elif event[k] == "control":
            if holder[k] == "contested":
                reason[k] = "the reference shows the place contested"
            else:
                verdict[k] = "agrees" if holder[k] == side[k] else "disagrees"
        elif event[k] in FIGHTING:
            verdict[k] = "agrees" if holder[k] == "contested" or not deep[k] else "disagrees"
        elif event[k] == "repelled":
            if holder[k] in (side[k], "contested"):
                verdict[k] = "agrees"
            elif holder[k] == other[k] and deep[k]:
                verdict[k] = "disagrees"
            else:
                reason[k] = "the place is near the line"
        elif event[k] == "denial":
            verdict[k] = "disagrees" if holder[k] == side[k] else "agrees"
    return verdict, reason


def _lags(snaps: _Snapshots, points: np.ndarray, side: np.ndarray, day: np.ndarray):
    """``lag_days`` and ``confirmed`` of control claims (see the module docstring)."""
    codes = np.stack([snaps.holders(k, points) for k in range(len(snaps.days))])  # day x pt
    wanted = np.array([_CODES[s] for s in side])
    holds = codes == wanted[None, :]
    lag = np.full(len(points), np.nan)
    confirmed = np.full(len(points), None, dtype=object)
    for j in range(len(points)):
        if (codes[:, j] == _OUTSIDE).all():
            continue
        shown = np.flatnonzero(holds[:, j])
        current = np.flatnonzero(snaps.days <= day[j])
        start = None
        if len(current) and holds[current[-1], j]:
            start = current[-1]
            while start > 0 and holds[start - 1, j]:
                start -= 1
            if start == 0:  # held since the reference began: no lag
                confirmed[j] = True
                continue
        else:
            later = shown[snaps.days[shown] > day[j]]
            start = later[0] if len(later) else None
        confirmed[j] = start is not None
        if start is not None:
            lag[j] = (day[j] - snaps.days[start]) / np.timedelta64(1, "D")
    return lag, confirmed


def _text(name: str, snapshot, held: str | None, verdict: str, reason: str | None) -> str:
    if pd.isna(snapshot):
        return f"{name}: {verdict} ({reason})"
    shown = _HELD_TEXT.get(held or "", "no holder shown")
    tail = f"{verdict} ({reason})" if verdict == "unknown" and reason else verdict
    return f"{name}, {pd.Timestamp(snapshot).date().isoformat()}: {shown} — {tail}"


def reference_agreement(claims: gpd.GeoDataFrame, reference: gpd.GeoDataFrame, *,
                        statuses: pd.Series | None = None) -> pd.Series:
    """The ``verdict`` column of :func:`verdicts` (empty text for a claim not judged)."""
    return verdicts(claims, reference, statuses=statuses)["verdict"]
