"""The compact data a map carries: one column-oriented claims table plus layers.

Size and speed come from here: every string (sentence, claimant, source...) is
stored once in a shared string table and referenced by number; coordinates
are numbers rounded to about a metre; days are integers from an epoch.

When a claim is shown (:func:`claim_intervals`)
-------------------------------------------------
* A claim that gives a settlement a control status (see :mod:`geomap.control`)
  is shown from its date until the same side's next claim about that place
  supersedes it, or indefinitely.
* Any other claim (a strike, an aggregate "74 settlements", a claim about a
  region) is shown from its first day until ``window_days`` after its last day.
* A claim without a date is shown on every day.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from geomap.control import claim_statuses

OPEN_DAY = 10**9
SIDES = ("RU", "UA", "INDEPENDENT", "OTHER")
SIDE_LABELS = ("Russian claims", "Ukrainian claims", "Independent analysts",
               "Other or unattributed")
COLORS = {"RU": "#c0392b", "UA": "#1f5fa8", "INDEPENDENT": "#6a3d9a", "OTHER": "#666666",
          "contested": "#f39c12", "DISPUTE": "#ff7f00"}
EVENT_ORDER = ("control", "advance", "attack", "fighting", "repelled", "strike", "denial",
               "evacuation")
SHAPES = {"control": "circle", "advance": "triangle", "attack": "diamond",
          "fighting": "diamond", "repelled": "diamond", "strike": "square", "denial": "cross",
          "evacuation": "square"}
GLYPHS = {"circle": "●", "triangle": "▲", "diamond": "◆", "square": "■", "cross": "✕"}
WINDOW_DAYS = 30


class StringTable:
    """Strings stored once, referenced by index (``-1`` for none)."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def add(self, value: object) -> int:
        if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
            return -1
        text = str(value)
        found = self._index.get(text)
        if found is None:
            found = self._index[text] = len(self.items)
            self.items.append(text)
        return found

    def add_all(self, values: Iterable[object]) -> list[int]:
        return [self.add(v) for v in values]


def claim_intervals(claims: pd.DataFrame, timeline: pd.DataFrame, *,
                    window_days: int = WINDOW_DAYS) -> pd.DataFrame:
    """``shown_from`` and ``shown_to`` (exclusive; NaT = open) for each claim, by row."""
    start = pd.to_datetime(claims["date_start"])
    end = pd.to_datetime(claims["date_end"]).fillna(start)
    shown_to = end + pd.Timedelta(days=window_days + 1)
    status = claim_statuses(claims)
    if len(timeline):
        keys = pd.DataFrame({"place_id": claims["place_id"].to_numpy(),
                             "claimant_side": claims["claimant_side"].to_numpy(),
                             "valid_from": start.to_numpy()})
        spans = timeline[["place_id", "claimant_side", "valid_from", "valid_to"]]
        merged = keys.merge(spans, how="left", on=["place_id", "claimant_side", "valid_from"],
                            indicator=True)
        in_timeline = (merged["_merge"] == "both").to_numpy() & status.notna().to_numpy()
        shown_to = shown_to.where(~in_timeline, merged["valid_to"].to_numpy())
    return pd.DataFrame({"shown_from": start, "shown_to": shown_to}, index=claims.index)


def visible_on(intervals: pd.DataFrame, date) -> pd.Series:
    """Which claims a map shows on *date* (boolean, by row of :func:`claim_intervals`)."""
    day = pd.Timestamp(date)
    start, end = intervals["shown_from"], intervals["shown_to"]
    return (start.isna() | (start <= day)) & (end.isna() | (end > day))


def _days(values: pd.Series, epoch: pd.Timestamp, missing: int) -> list[int]:
    values = pd.to_datetime(pd.Series(values, dtype=object)
                            if len(values) == 0 else values)
    days = ((values - epoch) // pd.Timedelta(days=1)).astype("Float64")
    return days.fillna(missing).astype(int).tolist()


def _side_codes(sides: pd.Series) -> np.ndarray:
    codes = pd.Categorical(sides.where(sides.isin(SIDES[:3]), "OTHER"), categories=SIDES).codes
    return codes.astype(int)


def _date_text(claims: pd.DataFrame) -> pd.Series:
    start = claims["date_start"].fillna("date unknown").astype(str)
    end = claims["date_end"].fillna("").astype(str)
    ranged = (end != "") & (end != start)
    text = start.where(~ranged, start + " to " + end)
    precision = claims["date_precision"].fillna("").astype(str)
    text = text.where(precision == "", text + " (" + precision + ")")
    return text + "; published " + claims["published"].fillna("?").astype(str)


def _notes(claims: pd.DataFrame) -> list[str]:
    out = []
    columns = {name: claims[name].tolist() if name in claims else [None] * len(claims)
               for name in ("hedged", "approximate", "place_reason", "uncertainty_km",
                            "notes", "count", "reference_agreement")}
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
            parts.append(f"reference: {columns['reference_agreement'][k]}")
        out.append("; ".join(parts))
    return out


def _marks(claims: pd.DataFrame) -> tuple[list[int], list[int]]:
    lengths = claims["sentence"].fillna("").str.len()
    base = claims["char_start"].astype("Float64")
    first = (claims["place_start"].astype("Float64") - base)
    last = (claims["place_end"].astype("Float64") - base)
    ok = first.notna() & last.notna() & (first >= 0) & (last > first) & (last <= lengths)
    return (first.where(ok, -1).fillna(-1).astype(int).tolist(),
            last.where(ok, -1).fillna(-1).astype(int).tolist())


def claims_table(claims, intervals: pd.DataFrame, epoch: pd.Timestamp,
                 strings: StringTable) -> dict:
    """The column-oriented claims table the runtime draws from."""
    events = [e for e in EVENT_ORDER if e in set(claims["event_type"])]
    events += sorted(set(claims["event_type"].dropna()) - set(events))
    event_codes = pd.Categorical(claims["event_type"], categories=events).codes
    mark0, mark1 = _marks(claims)
    url = claims["url"] if "url" in claims else pd.Series(None, index=claims.index)
    return {
        "events": events,
        "table": {
            "id": strings.add_all(claims["claim_id"]),
            "lon": np.round(claims.geometry.x.to_numpy(float), 5).tolist(),
            "lat": np.round(claims.geometry.y.to_numpy(float), 5).tolist(),
            "t0": _days(intervals["shown_from"], epoch, -OPEN_DAY),
            "t1": _days(intervals["shown_to"], epoch, OPEN_DAY),
            "side": _side_codes(claims["claimant_side"]).tolist(),
            "event": event_codes.astype(int).tolist(),
            "approx": claims["approximate"].fillna(False).astype(int).tolist(),
            "claimant": strings.add_all(claims["claimant"]),
            "place": strings.add_all(claims["place_label"].fillna(claims["place_name"])),
            "date": strings.add_all(_date_text(claims)),
            "notes": strings.add_all(_notes(claims)),
            "sentence": strings.add_all(claims["sentence"]),
            "mark0": mark0, "mark1": mark1,
            "source": strings.add_all(claims["source"]),
            "url": strings.add_all(url),
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
        "status": [[x, y] for x, y in zip(conflicts["status_a"], conflicts["status_b"],
                                          strict=True)],
        "a": a.tolist(), "b": b.tolist(),
    }


def cells_spec(cells, timeline: pd.DataFrame, side: str, epoch: pd.Timestamp, *,
               label: str, digits: int = 4) -> dict:
    """A per-day restyled polygon layer: one cell per settlement with its status spans."""
    import shapely
    from shapely.geometry import mapping

    mine = cells[cells["claimant_side"] == side]
    spans = timeline[timeline["claimant_side"] == side].sort_values(["place_id", "valid_from"])
    t0 = _days(spans["valid_from"], epoch, -OPEN_DAY)
    t1 = _days(spans["valid_to"], epoch, OPEN_DAY)
    by_place: dict[str, list] = {}
    for place, start, stop, status in zip(spans["place_id"], t0, t1, spans["status"],
                                          strict=True):
        by_place.setdefault(place, []).append([start, stop, status])
    geometries = shapely.set_precision(mine.geometry.to_numpy(), 10 ** -digits)
    out = [{"name": name, "spans": by_place.get(place, []), "geometry": mapping(geometry)}
           for name, place, geometry in zip(mine["place_label"], mine["place_id"], geometries,
                                            strict=True)]
    return {"label": label, "cells": out,
            "colors": {"RU": COLORS["RU"], "UA": COLORS["UA"], "contested": COLORS["contested"]},
            "outline": COLORS.get(side, "#555"), "opacity": 0.28}


def reference_spec(reference, epoch: pd.Timestamp) -> dict:
    """Reference snapshots as a per-day polygon layer: each shown from its date to the next."""
    import shapely
    from shapely.geometry import mapping

    t0 = _days(reference["valid_from"], epoch, -OPEN_DAY)
    t1 = _days(reference["valid_to"], epoch, OPEN_DAY)
    geometries = shapely.set_precision(shapely.simplify(reference.geometry.to_numpy(), 0.001),
                                       1e-4)
    cells = [{"name": f"assessed {status} on {start.date()}", "spans": [[a, b, status]],
              "geometry": mapping(geometry)}
             for status, start, a, b, geometry in zip(reference["status"],
                                                      reference["valid_from"], t0, t1,
                                                      geometries, strict=True)]
    return {"label": "Reference", "cells": cells,
            "colors": {"RU": "#7f7f7f", "UA": "#bdbdbd", "contested": "#d9d9d9"},
            "outline": "#333333", "dash": "6 4", "opacity": 0.25}
