"""Scorecard: how often each claimant's claims match a reference, and how early or late.

:func:`scorecard` takes claims and their verdicts (:func:`geomap.control.verdicts.verdicts`)
and returns one row per claimant (``by="claimant"``, the default) or per claimant side
(``by="side"``), over the claims that were judged (a verdict, ``unknown`` included):

* ``claims``: claims judged; ``agrees``, ``disagrees``, ``unknown``: how many of each;
* ``share_agreeing``: ``agrees / (agrees + disagrees)`` (empty with no decided claim);
* ``share_unknown``: ``unknown / claims``;
* ``control_claims``: control claims judged ``agrees`` or ``disagrees`` (a snapshot in
  the window, the place clearly on one side); ``confirmed``: those a
  snapshot shows held by the claimed side at some point from the claim's day on (or
  before it, in the run of snapshots in force); ``over_claims``: the others (never
  confirmed);
* ``lead_lag_days`` (median) and ``mean_lag_days`` over control claims with a lag:
  the claim's day minus the first snapshot showing the place held by the claimed side
  (negative: claimed before the assessment showed it); ``lagged``: how many had one.

Rows are sorted by side, then by claims judged (most first), then by name. Claims of an
unnamed claimant are grouped as ``(unnamed)``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd

from gazetteer.files import atomic_target
from geomap.exc import ReferenceLayerError

SCORECARD_COLUMNS = ["claimant", "side", "claims", "agrees", "disagrees", "unknown",
                     "share_agreeing", "share_unknown", "control_claims", "confirmed",
                     "over_claims", "lagged", "lead_lag_days", "mean_lag_days"]
FORMATS = (".csv", ".json", ".html")


def scorecard(claims: pd.DataFrame, verdicts: pd.DataFrame, *, by: str = "claimant"
              ) -> pd.DataFrame:
    """The scorecard of *claims* judged by *verdicts* (indexed alike); see the module
    docstring. *by*: ``claimant`` (one row per claimant, with its side) or ``side``."""
    if by not in ("claimant", "side"):
        raise ValueError(f"by must be 'claimant' or 'side', not {by!r}")
    judged = verdicts["verdict"].isin(["agrees", "disagrees", "unknown"])
    frame = pd.DataFrame({
        "claimant": claims["claimant"].where(claims["claimant"].notna(), "(unnamed)")
        .astype(str),
        "side": claims["claimant_side"].fillna("UNKNOWN").astype(str),
        "verdict": verdicts["verdict"],
        "control": (claims["event_type"] == "control")
        & verdicts["verdict"].isin(["agrees", "disagrees"]) & verdicts["confirmed"].notna(),
        "confirmed": verdicts["confirmed"].eq(True),
        "lag": pd.to_numeric(verdicts["lag_days"], errors="coerce"),
    })[judged.to_numpy()]
    if by == "side":
        frame["claimant"] = "(all)"
    keys = ["claimant", "side"]
    if frame.empty:
        return pd.DataFrame(columns=SCORECARD_COLUMNS)
    rows = []
    for (claimant, side), group in frame.groupby(keys, sort=False):
        counts = group["verdict"].value_counts()
        agrees, disagrees, unknown = (int(counts.get(v, 0))
                                      for v in ("agrees", "disagrees", "unknown"))
        decided = agrees + disagrees
        control = group[group["control"]]
        lags = control["lag"].dropna()
        rows.append({
            "claimant": claimant, "side": side, "claims": len(group), "agrees": agrees,
            "disagrees": disagrees, "unknown": unknown,
            "share_agreeing": round(agrees / decided, 3) if decided else np.nan,
            "share_unknown": round(unknown / len(group), 3),
            "control_claims": len(control), "confirmed": int(control["confirmed"].sum()),
            "over_claims": int((~control["confirmed"]).sum()), "lagged": len(lags),
            "lead_lag_days": float(lags.median()) if len(lags) else np.nan,
            "mean_lag_days": round(float(lags.mean()), 1) if len(lags) else np.nan,
        })
    table = pd.DataFrame(rows, columns=SCORECARD_COLUMNS)
    table = table.sort_values(["side", "claims", "claimant"], ascending=[True, False, True])
    return table.reset_index(drop=True)


def scorecard_html(table: pd.DataFrame, *, title: str = "Scorecard") -> str:
    """A standalone HTML page with *table* (every cell escaped)."""
    import html

    head = "".join(f"<th>{html.escape(c)}</th>" for c in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>"
                   for row in table.itertuples(index=False))
    return (f"<!doctype html><meta charset='utf-8'><title>{html.escape(title)}</title>"
            "<style>body{font:14px system-ui,sans-serif}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
            "td:first-child,th:first-child{text-align:left}</style>"
            f"<h1>{html.escape(title)}</h1><table><tr>{head}</tr>{body}</table>")


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def write_scorecard(table: pd.DataFrame, path: str | os.PathLike[str], *,
                    sides: pd.DataFrame | None = None, title: str = "Scorecard") -> Path:
    """Write *table* as ``.csv`` (one row per claimant), ``.json`` (``{"claimants": [...],
    "sides": [...]}``) or ``.html`` (both tables), atomically."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ReferenceLayerError(f"{path}: the scorecard is a .csv, .json or .html file")
    with atomic_target(path) as tmp:
        if suffix == ".csv":
            table.to_csv(tmp, index=False)
        elif suffix == ".json":
            doc = {"claimants": json.loads(table.to_json(orient="records")),
                   "sides": [] if sides is None else json.loads(sides.to_json(orient="records"))}
            Path(tmp).write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        else:
            page = scorecard_html(table, title=title)
            if sides is not None:
                page += scorecard_html(sides, title="Per side").split("</style>", 1)[1]
            Path(tmp).write_text(page, encoding="utf-8")
    return path
