"""Claimed control over time, per place and claimant side, from the claims table.

Rules
-----
**Status of one claim** (about one settlement or a point near one):

* ``control``: the side that holds the place, i.e. ``actor_side`` when it is
  ``RU`` or ``UA``, else the claimant's side when that is ``RU`` or ``UA``;
* ``advance``, ``attack``, ``fighting``, ``repelled`` at the place: ``contested``
  (fighting there means nobody holds it quietly);
* ``denial`` of a control claim: ``contested`` (the denying side says the place
  is not held as claimed);
* ``strike`` and ``evacuation`` say nothing about control and are left out.

**Intervals.** For each place and *claimant side*, a status holds from its
claim's ``date_start`` until the next claim of that side about that place
starts (``side_valid_to``, exclusive; empty for the side's latest claim).
Several claims of one side on one day: the control claim wins over
``contested``.

**Supersede rule** (``valid_to``). A later claim of *another* side about the
same place supersedes an earlier one when it is dated more than
``grace_days`` (:data:`SUPERSEDE_GRACE_DAYS`, 30) after it: the earlier
claim then stops being current on the later claim's date. ``valid_to`` is
the earlier of the side's own next claim and that date (empty when neither
exists). So an ISW claim of November 2024 is no longer current when Russia
speaks of the place in March 2025, while claims of two sides made within a
month of each other stay side by side (and may disagree). The per-claimant
territory view (what Moscow claims, what Kyiv claims) uses
``side_valid_to``: each side's own latest word. Claims without a date, and claims by a side
other than ``RU``, ``UA`` or ``INDEPENDENT`` (:data:`TIMELINE_SIDES`), are left out.

**Aggregates.** Claims with a ``count`` ("74 settlements in Kursk Oblast")
are kept apart as region annotations by :func:`region_annotations`.

**Disagreements.** Two sides disagree on a place while their intervals
overlap and one says ``RU`` where the other says ``UA``, or one claims control
while the other says ``contested`` (:func:`disagreements`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.schema import BELLIGERENTS

if TYPE_CHECKING:
    import datetime as dt

#: Sides whose claims enter the timeline (a claim of an ``UNKNOWN`` side does not).
TIMELINE_SIDES = (*BELLIGERENTS, "INDEPENDENT")
CONTESTING = frozenset({"advance", "attack", "fighting", "repelled"})
TIMELINE_COLUMNS = ["place_id", "place_label", "admin1", "claimant_side", "status",
                    "valid_from", "valid_to", "side_valid_to", "claim_id", "claimant",
                    "event_type", "lon", "lat"]
#: Days after which another side's later claim supersedes a claim (module docstring).
SUPERSEDE_GRACE_DAYS = 30


def claim_statuses(claims: pd.DataFrame) -> pd.Series:
    """The control status each claim asserts for its place (None where it asserts none).

    Vectorised form of the rules in the module docstring; indexed like *claims*.
    """
    event = _objects(claims["event_type"])
    side = _objects(claims["claimant_side"])
    actor = _objects(claims["actor_side"]) if "actor_side" in claims else \
        np.full(len(claims), None, dtype=object)
    belligerent = list(BELLIGERENTS)
    holder = np.where(_in(actor, belligerent), actor,
                      np.where(_in(side, belligerent), side, None))
    status = np.full(len(claims), None, dtype=object)
    control = event == "control"
    status[control] = holder[control]
    status[_in(event, list(CONTESTING))] = "contested"
    if "disputes" in claims:
        control_ids = pd.unique(_objects(claims["claim_id"])[control])
        denied = _in(_objects(claims["disputes"]), control_ids)
        status[(event == "denial") & denied] = "contested"
    return pd.Series(status, index=claims.index, dtype=object)


def _objects(values: pd.Series) -> np.ndarray:
    """*values* as an object array, None where missing."""
    return values.to_numpy(dtype=object, na_value=None)


def _in(values: np.ndarray, items) -> np.ndarray:
    """Whether each of *values* (an object array) is one of *items*: pandas' ``isin`` on
    an object Series (a Series made of text alone would be converted to pandas' Arrow
    string dtype first)."""
    return pd.Series(values, dtype=object, copy=False).isin(items).to_numpy(dtype=bool)


def enters_timeline(claims: pd.DataFrame, statuses: pd.Series | None = None) -> pd.Series:
    """Which claims :func:`control_timeline` uses (boolean, indexed like *claims*): dated
    claims of a side in :data:`TIMELINE_SIDES` that give a settlement a status, except
    ``kind == "background"`` claims.

    *statuses*: :func:`claim_statuses` of *claims* when already computed.
    """
    status = claim_statuses(claims) if statuses is None else statuses
    # background claims (past events framed as history, column ``kind``) stay in the
    # store but never enter the timeline, and so never the disagreement logic either
    current = claims["kind"] != "background" if "kind" in claims else True
    return (status.notna() & (claims["place_kind"] == "settlement")
            & claims["date_start"].notna()
            & claims["claimant_side"].isin(TIMELINE_SIDES) & current)


def control_timeline(claims: pd.DataFrame, *, statuses: pd.Series | None = None,
                     grace_days: int = SUPERSEDE_GRACE_DAYS) -> pd.DataFrame:
    """Intervals of claimed status per settlement and claimant side: a GeoDataFrame with
    a point per row (the settlement), columns :data:`TIMELINE_COLUMNS` and ``geometry``.

    *statuses*: :func:`claim_statuses` of *claims* when already computed (as
    :func:`geomap.control.analyse` does); computed here otherwise. ``valid_to``
    applies the supersede rule with *grace_days*; ``side_valid_to`` ends an interval
    only at the same side's next claim (module docstring).
    """
    if len(claims) == 0:
        return _points(pd.DataFrame(columns=TIMELINE_COLUMNS))
    status = claim_statuses(claims) if statuses is None else statuses
    keep = enters_timeline(claims, status)
    if not keep.any():
        return _points(pd.DataFrame(columns=TIMELINE_COLUMNS))
    # on arrays, and one frame made at the end (each column added to a frame, and each
    # row selection of one, costs pandas milliseconds)
    rows = np.flatnonzero(keep.to_numpy(dtype=bool))
    status = status.to_numpy(dtype=object)[rows]
    starts = pd.to_datetime(claims["date_start"]).to_numpy()[rows]
    # sorted by place, side, day, control before contested (control wins on a day) and
    # claim id; one row per place, side and day (the first); with integer codes
    place = _sort_codes(_objects(claims["place_id"])[rows])
    side = _sort_codes(_objects(claims["claimant_side"])[rows])
    day = starts.view(np.int64)
    rank = (status == "contested").astype(int)
    order = np.lexsort((_sort_codes(_objects(claims["claim_id"])[rows]), rank, day, side,
                        place))
    place, side, day = place[order], side[order], day[order]
    first = np.r_[True, (place[1:] != place[:-1]) | (side[1:] != side[:-1])
                  | (day[1:] != day[:-1])]
    chosen = order[first]
    place, side = place[first], side[first]
    same_next = np.r_[(place[1:] == place[:-1]) & (side[1:] == side[:-1]), False]
    starts = starts[chosen]
    side_valid_to = np.full(len(starts), np.datetime64("NaT"), dtype=starts.dtype)
    side_valid_to[:-1][same_next[:-1]] = starts[1:][same_next[:-1]]
    taken = rows[chosen]
    geometry = getattr(claims, "geometry", None)
    frame = pd.DataFrame({
        **{name: claims[name].array.take(taken)
           for name in ("place_id", "place_label", "admin1", "claimant_side")},
        "status": status[chosen], "valid_from": starts,
        "valid_to": _superseded(starts, side_valid_to, grace_days, place, side),
        "side_valid_to": side_valid_to,
        **{name: claims[name].array.take(taken)
           for name in ("claim_id", "claimant", "event_type")},
        "lon": geometry.x.to_numpy()[taken] if geometry is not None else np.nan,
        "lat": geometry.y.to_numpy()[taken] if geometry is not None else np.nan,
    })
    points = None if geometry is None else geometry.to_numpy()[taken]
    if points is not None and not (shapely.get_type_id(points) == 0).all():
        points = None  # a missing or other geometry: made from lon/lat as before
    return _points(frame, points)


def _sort_codes(values: pd.Series) -> np.ndarray:
    """Integer codes in the order :meth:`pandas.DataFrame.sort_values` sorts *values*
    (missing values last)."""
    codes, uniques = pd.factorize(values, sort=True, use_na_sentinel=True)
    return np.where(codes < 0, len(uniques), codes)


def _points(frame: pd.DataFrame, geometry: np.ndarray | None = None) -> gpd.GeoDataFrame:
    """The timeline as a GeoDataFrame (EPSG:4326): a point per row from ``lon``/``lat``,
    or *geometry* (the claims' own points, the same ones, not made again)."""
    for column in ("valid_from", "valid_to", "side_valid_to"):
        if not pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = pd.to_datetime(frame[column])
    if geometry is None:
        lon = pd.to_numeric(frame["lon"], errors="coerce").to_numpy(float)
        lat = pd.to_numeric(frame["lat"], errors="coerce").to_numpy(float)
        geometry = gpd.points_from_xy(lon, lat)
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometry, index=frame.index,
                                                          crs="EPSG:4326"))


def _superseded(starts: np.ndarray, side_valid_to: np.ndarray, grace_days: int,
                place: np.ndarray, side: np.ndarray) -> np.ndarray:
    """``valid_to`` under the supersede rule: the earlier of *side_valid_to* and the
    first claim of another side about the place dated more than *grace_days* later.
    *starts*: each row's first day; *place* and *side*: integer codes of its place and
    side."""
    out = side_valid_to.copy()
    grace = np.timedelta64(grace_days, "D")
    for code in pd.unique(side):
        mine = side == code
        if mine.all():
            continue
        later = _next_after(place[~mine], starts[~mine], place[mine], starts[mine] + grace)
        current = out[mine]
        keep = np.isnat(later) | (~np.isnat(current) & (current <= later))
        out[mine] = np.where(keep, current, later)
    return out


def _next_after(places: np.ndarray, times: np.ndarray, at_places: np.ndarray,
                after: np.ndarray) -> np.ndarray:
    """For each query (``at_places[k]``, ``after[k]``): the earliest of *times* at the
    same place strictly later than ``after[k]``, NaT when there is none. Times are ranked
    among the distinct *times*, and (place, rank) pairs searched as one sorted integer."""
    found = np.full(len(after), np.datetime64("NaT"), dtype=times.dtype)
    if not len(times):
        return found
    distinct = np.unique(times)
    width = len(distinct) + 1
    keys = places.astype(np.int64) * width + np.searchsorted(distinct, times)
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    # the first time strictly after: rank of the first distinct time > after
    wanted = at_places.astype(np.int64) * width + np.searchsorted(distinct, after, "right")
    at = np.searchsorted(keys, wanted)
    hit = at < len(keys)
    hit[hit] = places[order[at[hit]]] == at_places[hit]
    found[hit] = times[order[at[hit]]]
    return found


def status_on(timeline: pd.DataFrame, date: str | dt.date | pd.Timestamp, *,
              per_side: bool = False) -> pd.DataFrame:
    """The status each side claims for each place on *date*: its current claims under the
    supersede rule (``valid_to``), or with ``per_side=True`` each side's own latest word
    (``side_valid_to``, what the per-claimant territory view shows)."""
    day = pd.Timestamp(date)
    end = timeline["side_valid_to" if per_side and "side_valid_to" in timeline
                   else "valid_to"]
    live = (timeline["valid_from"] <= day) & (end.isna() | (end > day))
    return timeline[live].reset_index(drop=True)


DISAGREEMENT_COLUMNS = ["place_id", "place_label", "from", "to", "side_a", "status_a",
                        "claim_a", "side_b", "status_b", "claim_b"]


#: Pairs of intervals compared at once by :func:`disagreements`: the pairs of one place
#: grow with the square of its claims, so places are taken in batches of about this many
#: pairs (memory stays bounded; the result is the same).
PAIRS_PER_BATCH = 2_000_000


def _place_batches(codes: np.ndarray, limit: int) -> list[np.ndarray]:
    """Positions of the rows, grouped by place (*codes*: each row's place number) into
    batches of at most about *limit* same-place pairs (a place with more pairs is a batch
    of its own); within a place, rows keep their order."""
    order = np.argsort(codes, kind="stable")
    counts = np.bincount(codes)
    pairs = counts.astype(np.int64) ** 2
    batch_of_place = np.cumsum(pairs) // max(limit, 1)
    bounds = np.flatnonzero(np.diff(batch_of_place[codes[order]])) + 1
    return np.split(order, bounds)


def _pairs_in(rows: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every ordered pair ``(a, b)`` of *rows* (positions sorted by place, in row order
    within a place) about the same place, ``a``-major: the pairs a self-join on the place
    gives, in its order within each place."""
    place = codes[rows]
    starts = np.flatnonzero(np.r_[True, place[1:] != place[:-1]])
    sizes = np.diff(np.r_[starts, len(rows)])
    group_size = np.repeat(sizes, sizes)  # per row: its place's row count
    group_start = np.repeat(starts, sizes)
    a = np.repeat(np.arange(len(rows)), group_size)
    # b runs over the place's rows for each a: offsets 0..size-1 from the place's start
    offsets = np.arange(len(a)) - np.repeat(np.cumsum(group_size) - group_size, group_size)
    b = np.repeat(group_start, group_size) + offsets
    return rows[a], rows[b]


def disagreements(timeline: pd.DataFrame) -> pd.DataFrame:
    """Pairs of intervals in which two sides assert incompatible status for one place.

    Two intervals of one place disagree when their sides differ (each pair once, the
    side that sorts first as ``a``), their statuses differ and either both are
    belligerents' control or one is ``contested``, and they overlap: ``from`` is the later
    start, ``to`` the earlier end (NaT: open), and ``to`` is open or after ``from``.
    Sorted by place and ``from``.

    Compared place by place, in batches of places (:data:`PAIRS_PER_BATCH`), with integer
    codes for places, sides and statuses, so memory does not grow with the square of the
    claims and only the pairs kept become rows."""
    if len(timeline) == 0:
        return pd.DataFrame(columns=DISAGREEMENT_COLUMNS)
    places, _ = pd.factorize(timeline["place_id"], use_na_sentinel=False)
    sides, _ = pd.factorize(timeline["claimant_side"], sort=True, use_na_sentinel=False)
    status = timeline["status"].astype(object).to_numpy()
    statuses, status_names = pd.factorize(status, use_na_sentinel=False)
    names = np.asarray(status_names, dtype=object)
    belligerent = np.isin(names, list(BELLIGERENTS))[statuses]
    contested = (names == "contested")[statuses]
    start = timeline["valid_from"].to_numpy()
    stop = timeline["valid_to"].to_numpy()
    kept_a, kept_b, froms, tos = [], [], [], []
    for rows in _place_batches(places, PAIRS_PER_BATCH):
        a, b = _pairs_in(rows, places)
        keep = ((sides[a] < sides[b]) & (statuses[a] != statuses[b])
                & ((belligerent[a] & belligerent[b]) | contested[a] | contested[b]))
        a, b = a[keep], b[keep]
        begin = np.maximum(start[a], start[b])
        end = np.fmin(stop[a], stop[b])  # NaT (open) is skipped
        overlapping = np.isnat(end) | (end > begin)
        kept_a.append(a[overlapping])
        kept_b.append(b[overlapping])
        froms.append(begin[overlapping])
        tos.append(end[overlapping])
    a, b = np.concatenate(kept_a), np.concatenate(kept_b)

    def column(name: str, at: np.ndarray) -> pd.Series:
        return timeline[name].iloc[at].reset_index(drop=True)

    out = pd.DataFrame({
        "place_id": column("place_id", a), "place_label": column("place_label", a),
        "from": np.concatenate(froms), "to": np.concatenate(tos),
        "side_a": column("claimant_side", a), "status_a": column("status", a),
        "claim_a": column("claim_id", a),
        "side_b": column("claimant_side", b), "status_b": column("status", b),
        "claim_b": column("claim_id", b),
    })
    return out.sort_values(["place_id", "from"], kind="stable").reset_index(
        drop=True)[DISAGREEMENT_COLUMNS]


def region_annotations(claims: pd.DataFrame) -> pd.DataFrame:
    """Aggregate claims ("74 settlements") by region, side and date."""
    columns = ["admin1", "claimant_side", "claimant", "event_type", "count", "date_start",
               "claim_id", "sentence"]
    counted = claims.loc[claims["count"].notna().to_numpy(dtype=bool), columns]
    return pd.DataFrame(counted).sort_values(["admin1", "date_start"]).reset_index(drop=True)


def claimed_counts(timeline: pd.DataFrame, *, freq: str = "D") -> pd.DataFrame:
    """Settlements per claimant side and status on each day (or *freq* period).

    Index: dates from the first claim to the last change; columns: a
    ``(claimant_side, status)`` MultiIndex; values: counts of settlements. Each side's
    own latest word counts (``side_valid_to``): what that side claims.
    """
    if "side_valid_to" in timeline:
        timeline = timeline.assign(valid_to=timeline["side_valid_to"])
    if timeline.empty:
        return pd.DataFrame()
    start = timeline["valid_from"].min()
    end = max(timeline["valid_from"].max(), timeline["valid_to"].max(skipna=True)
              if timeline["valid_to"].notna().any() else start)
    days = pd.date_range(start, end, freq=freq)
    columns = {}
    for (side, status), group in timeline.groupby(["claimant_side", "status"]):
        since = group["valid_from"].to_numpy()
        until = group["valid_to"].fillna(pd.Timestamp.max).to_numpy()
        grid = days.to_numpy()[:, None]
        columns[(side, status)] = ((since <= grid) & (grid < until)).sum(axis=1)
    return pd.DataFrame(columns, index=days).rename_axis("date")
