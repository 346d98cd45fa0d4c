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
starts (``valid_to`` is that date, exclusive) or, for the latest, stays open
(``valid_to`` empty). Several claims of one side on one day: the control
claim wins over ``contested``. Claims without a date, and claims by a side
other than ``RU``, ``UA`` or ``INDEPENDENT`` (:data:`TIMELINE_SIDES`), are left out.

**Aggregates.** Claims with a ``count`` ("74 settlements in Kursk Oblast")
are kept apart as region annotations by :func:`region_annotations`.

**Disagreements.** Two sides disagree on a place while their intervals
overlap and one says ``RU`` where the other says ``UA``, or one claims control
while the other says ``contested`` (:func:`disagreements`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from geomap.schema import BELLIGERENTS

if TYPE_CHECKING:
    import datetime as dt

#: Sides whose claims enter the timeline (a claim of an ``UNKNOWN`` side does not).
TIMELINE_SIDES = (*BELLIGERENTS, "INDEPENDENT")
CONTESTING = frozenset({"advance", "attack", "fighting", "repelled"})
TIMELINE_COLUMNS = ["place_id", "place_label", "admin1", "claimant_side", "status",
                    "valid_from", "valid_to", "claim_id", "claimant", "event_type", "lon", "lat"]


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


def control_timeline(claims: pd.DataFrame, *, statuses: pd.Series | None = None
                     ) -> pd.DataFrame:
    """Intervals of claimed status per settlement and claimant side.

    *statuses*: :func:`claim_statuses` of *claims* when already computed (as
    :func:`geomap.control.analyse` does); computed here otherwise.
    """
    if len(claims) == 0:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    status = claim_statuses(claims) if statuses is None else statuses
    keep = enters_timeline(claims, status)
    if not keep.any():
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
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
    frame["valid_to"] = frame.groupby(["place_id", "claimant_side"])["valid_from"].shift(-1)
    return pd.DataFrame(frame[TIMELINE_COLUMNS]).reset_index(drop=True)


def status_on(timeline: pd.DataFrame, date: str | dt.date | pd.Timestamp) -> pd.DataFrame:
    """The status each side claims for each place on *date*."""
    day = pd.Timestamp(date)
    live = (timeline["valid_from"] <= day) & (timeline["valid_to"].isna()
                                               | (timeline["valid_to"] > day))
    return timeline[live].reset_index(drop=True)


DISAGREEMENT_COLUMNS = ["place_id", "place_label", "from", "to", "side_a", "status_a",
                        "claim_a", "side_b", "status_b", "claim_b"]


def disagreements(timeline: pd.DataFrame) -> pd.DataFrame:
    """Pairs of intervals in which two sides assert incompatible status for one place."""
    if len(timeline) == 0:
        return pd.DataFrame(columns=DISAGREEMENT_COLUMNS)
    left = timeline[["place_id", "place_label", "claimant_side", "status", "valid_from",
                     "valid_to", "claim_id"]]
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
    out = pd.DataFrame({
        "place_id": pairs["place_id"], "place_label": pairs["place_label"],
        "from": start, "to": end,
        "side_a": pairs["claimant_side_a"], "status_a": status_a, "claim_a": pairs["claim_id_a"],
        "side_b": pairs["claimant_side_b"], "status_b": status_b, "claim_b": pairs["claim_id_b"],
    })[overlapping]
    return out.sort_values(["place_id", "from"]).reset_index(drop=True)[DISAGREEMENT_COLUMNS]


def region_annotations(claims: pd.DataFrame) -> pd.DataFrame:
    """Aggregate claims ("74 settlements") by region, side and date."""
    counted = claims[claims["count"].notna()]
    columns = ["admin1", "claimant_side", "claimant", "event_type", "count", "date_start",
               "claim_id", "sentence"]
    return counted[columns].sort_values(["admin1", "date_start"]).reset_index(drop=True)


def claimed_counts(timeline: pd.DataFrame, *, freq: str = "D") -> pd.DataFrame:
    """Settlements per claimant side and status on each day (or *freq* period).

    Index: dates from the first claim to the last change; columns: a
    ``(claimant_side, status)`` MultiIndex; values: counts of settlements.
    """
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
