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
    event = claims["event_type"]
    actor = claims["actor_side"] if "actor_side" in claims else pd.Series(None, claims.index)
    side = claims["claimant_side"]
    holder = actor.where(actor.isin(BELLIGERENTS), side.where(side.isin(BELLIGERENTS)))
    status = pd.Series(None, index=claims.index, dtype=object)
    status[event == "control"] = holder[event == "control"]
    status[event.isin(CONTESTING)] = "contested"
    if "disputes" in claims:
        control_ids = set(claims.loc[event == "control", "claim_id"])
        status[(event == "denial") & claims["disputes"].isin(control_ids)] = "contested"
    return status.where(status.notna(), None)


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
    frame = claims.loc[keep, ["place_id", "place_label", "admin1", "claimant_side",
                              "claim_id", "claimant", "event_type"]].copy()
    frame["status"] = status[keep]
    frame["valid_from"] = pd.to_datetime(claims.loc[keep, "date_start"])
    geometry = getattr(claims, "geometry", None)
    frame["lon"] = geometry[keep].x if geometry is not None else float("nan")
    frame["lat"] = geometry[keep].y if geometry is not None else float("nan")
    frame["rank"] = (frame["status"] == "contested").astype(int)  # control wins on a day
    frame = (frame.sort_values(["place_id", "claimant_side", "valid_from", "rank", "claim_id"])
             .drop_duplicates(["place_id", "claimant_side", "valid_from"], keep="first"))
    frame["side_valid_to"] = frame.groupby(["place_id", "claimant_side"])["valid_from"].shift(-1)
    frame["valid_to"] = _superseded(frame, grace_days)
    return _points(pd.DataFrame(frame[TIMELINE_COLUMNS]).reset_index(drop=True))


def _points(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """The timeline as a GeoDataFrame: a point per row from ``lon``/``lat`` (EPSG:4326)."""
    lon = pd.to_numeric(frame["lon"], errors="coerce").to_numpy(float)
    lat = pd.to_numeric(frame["lat"], errors="coerce").to_numpy(float)
    for column in ("valid_from", "valid_to", "side_valid_to"):
        frame[column] = pd.to_datetime(frame[column])
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")


def _superseded(frame: pd.DataFrame, grace_days: int) -> pd.Series:
    """``valid_to`` under the supersede rule: the earlier of ``side_valid_to`` and the
    first claim of another side about the place dated more than *grace_days* later."""
    out = frame["side_valid_to"].copy()
    grace = pd.Timedelta(days=grace_days)
    for side in frame["claimant_side"].unique():
        mine = frame[frame["claimant_side"] == side]
        others = frame.loc[frame["claimant_side"] != side, ["place_id", "valid_from"]]
        if others.empty:
            continue
        left = pd.DataFrame({"key": (mine["valid_from"] + grace).to_numpy(),
                             "place_id": mine["place_id"].to_numpy(object),
                             "row": mine.index.to_numpy()}).sort_values("key")
        right = pd.DataFrame({"key": others["valid_from"].to_numpy(),
                              "place_id": others["place_id"].to_numpy(object),
                              "later": others["valid_from"].to_numpy()}).sort_values("key")
        found = pd.merge_asof(left, right, on="key", by="place_id", direction="forward",
                              allow_exact_matches=False).set_index("row")["later"]
        current = out.loc[found.index]
        out.loc[found.index] = current.where(current.notna() & (current <= found)
                                             | found.isna(), found)
    return out


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


def _place_batches(place_ids: pd.Series, limit: int) -> list[np.ndarray]:
    """Positions of *place_ids*' rows, grouped by place into batches of at most about
    *limit* same-place pairs (a place with more pairs is a batch of its own)."""
    codes, _ = pd.factorize(place_ids)
    order = np.argsort(codes, kind="stable")
    counts = np.bincount(codes)
    pairs = counts.astype(np.int64) ** 2
    batch_of_place = np.cumsum(pairs) // max(limit, 1)
    bounds = np.flatnonzero(np.diff(batch_of_place[codes[order]])) + 1
    return np.split(order, bounds)


def _disagreements_in(left: pd.DataFrame) -> pd.DataFrame:
    right = left.drop(columns="place_label")
    pairs = left.merge(right, on="place_id", suffixes=("_a", "_b"))
    pairs = pairs[pairs["claimant_side_a"] < pairs["claimant_side_b"]]
    status_a, status_b = pairs["status_a"], pairs["status_b"]
    both = status_a.isin(BELLIGERENTS) & status_b.isin(BELLIGERENTS)
    incompatible = (status_a != status_b) & (both | (status_a == "contested")
                                             | (status_b == "contested"))
    pairs = pairs[incompatible]
    status_a, status_b = pairs["status_a"], pairs["status_b"]
    start = pairs[["valid_from_a", "valid_from_b"]].max(axis=1)
    end = pairs[["valid_to_a", "valid_to_b"]].min(axis=1)  # NaT (open) is skipped
    overlapping = end.isna() | (end > start)
    return pd.DataFrame({
        "place_id": pairs["place_id"], "place_label": pairs["place_label"],
        "from": start, "to": end,
        "side_a": pairs["claimant_side_a"], "status_a": status_a, "claim_a": pairs["claim_id_a"],
        "side_b": pairs["claimant_side_b"], "status_b": status_b, "claim_b": pairs["claim_id_b"],
    })[overlapping]


def disagreements(timeline: pd.DataFrame) -> pd.DataFrame:
    """Pairs of intervals in which two sides assert incompatible status for one place.

    Compared place by place, in batches of places (:data:`PAIRS_PER_BATCH`), so memory
    does not grow with the square of the claims."""
    if len(timeline) == 0:
        return pd.DataFrame(columns=DISAGREEMENT_COLUMNS)
    left = timeline[["place_id", "place_label", "claimant_side", "status", "valid_from",
                     "valid_to", "claim_id"]]
    batches = _place_batches(left["place_id"], PAIRS_PER_BATCH)
    out = (_disagreements_in(left) if len(batches) == 1 else
           pd.concat([_disagreements_in(left.iloc[rows]) for rows in batches]))
    return out.sort_values(["place_id", "from"], kind="stable").reset_index(
        drop=True)[DISAGREEMENT_COLUMNS]


def region_annotations(claims: pd.DataFrame) -> pd.DataFrame:
    """Aggregate claims ("74 settlements") by region, side and date."""
    counted = claims[claims["count"].notna()]
    columns = ["admin1", "claimant_side", "claimant", "event_type", "count", "date_start",
               "claim_id", "sentence"]
    return counted[columns].sort_values(["admin1", "date_start"]).reset_index(drop=True)


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
