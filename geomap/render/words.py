"""Each claim said as a sentence a reader understands: who says who did what, where, when.

Rules (:func:`claim_sentences`):

* The sentence starts with the claimant as written ("Russia's defence ministry"), or the
  side's name when the claimant is missing, then a colon.
* Then who acts, from ``actor_side``: "Russian forces", "Ukrainian forces"; a claim
  without an actor names none ("fighting at Sudzha").
* Then the event in words: control "took" (or "hold" with a ``count``: "took 74
  settlements in Kursk Oblast"), advance "advanced at", attack "attacked",
  fighting "fighting at", repelled "repelled an attack at", strike "struck",
  evacuation "evacuation from". A hedged claim says "reportedly".
* A denial names what it denies: "denies: Russian forces took Gornal" when the denied
  claim (``disputes``) is in the table, with its date when it is not the denial's own
  ("denies: Russian forces took Gornal (claimed 26 Apr 2025)"), else "denies a claim
  about Gornal".
* Then the date in brackets: "12 Sep 2024", "Sep 2024" for a month, "date unknown".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SIDE_NAMES = {"RU": "Russia", "UA": "Ukraine", "INDEPENDENT": "Independent analysts",
              "UNKNOWN": "Unattributed"}
FORCES = {"RU": "Russian forces", "UA": "Ukrainian forces"}
VERBS = {"control": "took", "advance": "advanced at", "attack": "attacked",
         "repelled": "repelled an attack at", "strike": "struck"}
NO_ACTOR = {"control": "control changed at", "advance": "an advance at",
            "attack": "an attack on", "fighting": "fighting at",
            "repelled": "an attack was repelled at", "strike": "a strike on",
            "evacuation": "evacuation from"}


def short_date(value: object, precision: object = None) -> str:
    """"12 Sep 2024"; "Sep 2024" for a month, "2024" for a year; "date unknown"."""
    if value is None or pd.isna(value):
        return "date unknown"
    day = pd.Timestamp(value)
    if precision == "month":
        return day.strftime("%b %Y")
    if precision == "year":
        return day.strftime("%Y")
    return f"{day.day} {day.strftime('%b %Y')}"


def _get(claims: pd.DataFrame, name: str) -> list:
    return claims[name].tolist() if name in claims else [None] * len(claims)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _event_words(event: str, actor: str | None, place: str, count: object) -> str:
    forces = FORCES.get(actor or "")
    if count is not None and not pd.isna(count) and event == "control":
        place = f"{int(count)} settlements in {place}"
    if forces and event in VERBS:
        return f"{forces} {VERBS[event]} {place}"
    if forces:
        return f"{forces}: {event} at {place}"
    return f"{NO_ACTOR.get(event, event + ' at')} {place}"


_IS_TRUE = np.frompyfunc(lambda v: v is True or v is np.True_, 1, 1)


def _short_dates(start: pd.Series, precision: pd.Series) -> list[str]:
    """:func:`short_date` per claim, computed once per distinct (date, precision)."""
    days, day_values = pd.factorize(start.to_numpy(), use_na_sentinel=True)
    kinds, kind_values = pd.factorize(precision.to_numpy(object), use_na_sentinel=True)
    # one number per (date, precision); -1 codes (missing) shifted to 0
    pair = (days.astype(np.int64) + 1) * (len(kind_values) + 1) + (kinds + 1)
    codes, pairs = pd.factorize(pair)
    day_of = np.append(np.asarray(day_values, dtype=object), None)
    kind_of = np.append(np.asarray(kind_values, dtype=object), None)
    texts = np.array([short_date(day_of[p // (len(kind_values) + 1) - 1],
                                 kind_of[p % (len(kind_values) + 1) - 1])
                      for p in pairs.tolist()], dtype=object)
    return texts[codes].tolist()


def claim_parts(claims: pd.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """Who says (claimant or side name), what (the body: "Russian forces took Snagost",
    or for a denial "denies: ... (date)") and when ("12 Sep 2024"), per claim. The map
    stores the three apart, so repeated bodies and dates are stored once.

    The rules are those of :func:`_event_words` (and the module docstring), applied row
    by row on plain lists (cheaper than column operations on text); the dates are made
    once per distinct date and precision.
    """
    n = len(claims)
    if not n:
        return [], [], []
    index = claims.index
    hedged = (claims["hedged"] if "hedged" in claims else pd.Series(False, index=index))
    hedged = (hedged.to_numpy(dtype=bool) if pd.api.types.is_bool_dtype(hedged)
              else _IS_TRUE(hedged.to_numpy(dtype=object)).astype(bool)).tolist()
    events = _get(claims, "event_type")
    places: list[str | None] = []
    bodies = []
    made: dict[tuple, str] = {}  # the body of each distinct (event, actor, place, count)
    for event, actor, label, name, count, hedge in zip(
            events, _get(claims, "actor_side"), _get(claims, "place_label"),
            _get(claims, "place_name"), _get(claims, "count"), hedged, strict=True):
        place = (label if isinstance(label, str) and label else
                 name if isinstance(name, str) and name else None)
        places.append(place)
        event = "None" if event is None or event is pd.NA or event != event else str(event)
        if event != "control":
            count = None
        key = (event, actor if isinstance(actor, str) and actor else None, place, count)
        body = made.get(key)
        if body is None:
            body = made[key] = _event_words(event, key[1], place or "an unnamed place", count)
        bodies.append("reportedly " + body if hedge else body)
    start = claims["date_start"] if "date_start" in claims else pd.Series(None, index=index)
    precision = (claims["date_precision"] if "date_precision" in claims
                 else pd.Series(None, index=index))
    dates = _short_dates(start, precision)
    whos = [_text(claimant) or SIDE_NAMES.get(side if isinstance(side, str) else "",
                                               "Unattributed")
            for claimant, side in zip(_get(claims, "claimant"), _get(claims, "claimant_side"),
                                      strict=True)]
    denials = [k for k, event in enumerate(events) if event == "denial"]
    if denials:
        ids, disputes = _get(claims, "claim_id"), _get(claims, "disputes")
        said = dict(zip(ids, zip(bodies, dates, strict=True), strict=True))
        for k in denials:
            denied = said.get(disputes[k]) if _text(disputes[k]) else None
            if denied is None:
                bodies[k] = f"denies a claim about {places[k] or 'a place'}"
            else:  # the denied claim's date, when it is not the denial's own
                bodies[k] = (f"denies: {denied[0]}" if denied[1] == dates[k]
                             else f"denies: {denied[0]} (claimed {denied[1]})")
    return whos, bodies, dates


def claim_sentences(claims: pd.DataFrame) -> list[str]:
    """One sentence per claim (module docstring), in row order: "who: what (when)"."""
    whos, bodies, dates = claim_parts(claims)
    return [f"{who}: {body} ({when})" for who, body, when in zip(whos, bodies, dates,
                                                                   strict=True)]
