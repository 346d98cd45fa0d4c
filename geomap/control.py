"""Claimed control over time, per place and claimant side, from the claims table.

This is the first half of the control stage (issue 4); maps come later.

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
claim wins over ``contested``. Claims without a date are left out.

**Aggregates.** Claims with a ``count`` ("74 settlements in Kursk Oblast")
are kept apart as region annotations by :func:`region_annotations`.

**Disagreements.** Two sides disagree on a place while their intervals
overlap and one says ``RU`` where the other says ``UA``, or one claims control
while the other says ``contested`` (:func:`disagreements`).
"""

from __future__ import annotations

import pandas as pd

BELLIGERENTS = ("RU", "UA")
CONTESTING = frozenset({"advance", "attack", "fighting", "repelled"})
TIMELINE_COLUMNS = ["place_id", "place_label", "admin1", "claimant_side", "status",
                    "valid_from", "valid_to", "claim_id", "claimant", "event_type"]


def claim_status(claim: pd.Series, by_id: dict[str, pd.Series]) -> str | None:
    """The control status one claim asserts for its place (see the module docstring)."""
    event = claim["event_type"]
    if event == "control":
        for side in (claim.get("actor_side"), claim.get("claimant_side")):
            if side in BELLIGERENTS:
                return side
        return None
    if event in CONTESTING:
        return "contested"
    if event == "denial":
        disputed = by_id.get(claim.get("disputes"))
        if disputed is not None and disputed["event_type"] == "control":
            return "contested"
    return None


def control_timeline(claims: pd.DataFrame) -> pd.DataFrame:
    """Intervals of claimed status per settlement and claimant side."""
    by_id = {row["claim_id"]: row for _, row in claims.iterrows()}
    rows = []
    for _, claim in claims.iterrows():
        if claim.get("place_kind") != "settlement" or pd.isna(claim.get("date_start")):
            continue
        if claim.get("claimant_side") not in (*BELLIGERENTS, "INDEPENDENT"):
            continue
        status = claim_status(claim, by_id)
        if status is None:
            continue
        rows.append({"place_id": claim["place_id"], "place_label": claim.get("place_label"),
                     "admin1": claim.get("admin1"), "claimant_side": claim["claimant_side"],
                     "status": status, "valid_from": pd.Timestamp(claim["date_start"]),
                     "claim_id": claim["claim_id"], "claimant": claim["claimant"],
                     "event_type": claim["event_type"]})
    if not rows:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    frame = pd.DataFrame(rows)
    frame["rank"] = (frame["status"] == "contested").astype(int)  # control wins on a day
    frame = (frame.sort_values(["place_id", "claimant_side", "valid_from", "rank", "claim_id"])
             .drop_duplicates(["place_id", "claimant_side", "valid_from"], keep="first"))
    frame["valid_to"] = frame.groupby(["place_id", "claimant_side"])["valid_from"].shift(-1)
    return frame[TIMELINE_COLUMNS].reset_index(drop=True)


def status_on(timeline: pd.DataFrame, date) -> pd.DataFrame:
    """The status each side claims for each place on *date*."""
    day = pd.Timestamp(date)
    live = (timeline["valid_from"] <= day) & (timeline["valid_to"].isna()
                                               | (timeline["valid_to"] > day))
    return timeline[live].reset_index(drop=True)


def _incompatible(a: str, b: str) -> bool:
    return a != b and (set((a, b)) == set(BELLIGERENTS) or "contested" in (a, b))


def disagreements(timeline: pd.DataFrame) -> pd.DataFrame:
    """Pairs of intervals in which two sides assert incompatible status for one place."""
    out = []
    for place_id, group in timeline.groupby("place_id"):
        records = group.to_dict("records")
        for i, a in enumerate(records):
            for b in records[i + 1:]:
                if a["claimant_side"] == b["claimant_side"] or not _incompatible(
                        a["status"], b["status"]):
                    continue
                start = max(a["valid_from"], b["valid_from"])
                ends = [x for x in (a["valid_to"], b["valid_to"]) if pd.notna(x)]
                end = min(ends) if ends else pd.NaT
                if pd.notna(end) and end <= start:
                    continue
                out.append({"place_id": place_id, "place_label": a["place_label"],
                            "from": start, "to": end,
                            "side_a": a["claimant_side"], "status_a": a["status"],
                            "claim_a": a["claim_id"], "side_b": b["claimant_side"],
                            "status_b": b["status"], "claim_b": b["claim_id"]})
    return pd.DataFrame(out, columns=["place_id", "place_label", "from", "to", "side_a",
                                      "status_a", "claim_a", "side_b", "status_b", "claim_b"])


def region_annotations(claims: pd.DataFrame) -> pd.DataFrame:
    """Aggregate claims ("74 settlements") by region, side and date."""
    counted = claims[claims["count"].notna()]
    columns = ["admin1", "claimant_side", "claimant", "event_type", "count", "date_start",
               "claim_id", "sentence"]
    return counted[columns].sort_values(["admin1", "date_start"]).reset_index(drop=True)
