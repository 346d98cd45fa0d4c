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
* A denial names what it denies: "denies: Russian forces took Gornal (26 Apr 2025)"
  when the denied claim (``disputes``) is in the table, else "denies a claim about
  Gornal".
* Then the date in brackets: "12 Sep 2024", "Sep 2024" for a month, "date unknown".
"""

from __future__ import annotations

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


def claim_parts(claims: pd.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """Who says (claimant or side name), what (the body: "Russian forces took Snagost",
    or for a denial "denies: ... (date)") and when ("12 Sep 2024"), per claim. The map
    stores the three apart, so repeated bodies and dates are stored once."""
    claimant, side = _get(claims, "claimant"), _get(claims, "claimant_side")
    event, actor = _get(claims, "event_type"), _get(claims, "actor_side")
    label, name = _get(claims, "place_label"), _get(claims, "place_name")
    count, hedged = _get(claims, "count"), _get(claims, "hedged")
    start, precision = _get(claims, "date_start"), _get(claims, "date_precision")
    disputes = _get(claims, "disputes")
    ids = _get(claims, "claim_id")
    bodies, dates, whos = [], [], []
    for k in range(len(claims)):
        place = _text(label[k]) or _text(name[k]) or "an unnamed place"
        body = _event_words(str(event[k]), _text(actor[k]), place, count[k])
        bodies.append(("reportedly " if hedged[k] is True else "") + body)
        dates.append(short_date(start[k], precision[k]))
        whos.append(_text(claimant[k]) or SIDE_NAMES.get(str(side[k]), "Unattributed"))
    said = dict(zip(ids, zip(bodies, dates, strict=True), strict=True))
    for k in range(len(claims)):
        if event[k] == "denial":
            place = _text(label[k]) or _text(name[k]) or "a place"
            denied = said.get(disputes[k]) if _text(disputes[k]) else None
            bodies[k] = (f"denies: {denied[0]} ({denied[1]})" if denied
                         else f"denies a claim about {place}")
    return whos, bodies, dates


def claim_sentences(claims: pd.DataFrame) -> list[str]:
    """One sentence per claim (module docstring), in row order: "who: what (when)"."""
    whos, bodies, dates = claim_parts(claims)
    return [f"{who}: {body} ({when})" for who, body, when in zip(whos, bodies, dates,
                                                                   strict=True)]
