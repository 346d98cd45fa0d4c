"""Scoring extracted places against gold labels (used by the seed benchmark and its test).

:func:`score_toponyms` compares a mentions table (the second frame of
:func:`geomap.extract.extract`) with a gold file such as ``eval/seeds_toponyms_dev.json``
in the shared data folder.

Matching rule
-------------
The **predicted places** of an article are the distinct places of its mentions with a
place (every role but ``byline``): one per ``place_id``, and one per normalised name for
approximate mentions. A prediction **matches** a gold place when:

* gold ``country``: it is a country with the same ISO 3166-1 code;
* gold ``admin1``: it is a non-approximate admin-1 unit with the same ISO 3166-2 code,
  or a settlement within :data:`SETTLEMENT_KM` of the gold entry's ``also`` point;
* gold settlement with ``coords_unknown`` (the gold has no coordinates to check): a
  mention whose text matches the gold name (``rapidfuzz`` ratio of the normalised names
  at least :data:`NAME_RATIO`) placed in the gold ``admin1``, either approximately at
  the region or at a settlement of that region the gazetteer knows;
* any other gold settlement: it is a non-approximate settlement within
  :data:`SETTLEMENT_KM` of the gold point.

**Recall** is the share of required gold places matched by some prediction;
**precision** the share of predictions that match a required or optional gold place
(boilerplate places and anything else count against it).
"""

from __future__ import annotations

import json
from pathlib import Path

from rapidfuzz import fuzz

from gazetteer import haversine_km
from gazetteer.normalize import name_key

#: How close a predicted settlement must lie to a gold point, in km.
SETTLEMENT_KM = 10.0
#: Least fuzzy ratio (0-100) between the names of an approximate place and its gold.
NAME_RATIO = 80


def place_matches(row, gold: dict) -> bool:
    """True when one predicted place (a mentions row with ``lat``/``lon``) matches one
    gold place; see the module docstring for the rule."""
    kind = gold["kind"]
    if kind == "country":
        return row["place_kind"] == "country" and row["country"] == gold["iso"]
    if kind == "admin1":
        if row["place_kind"] == "admin1" and row["admin1"] == gold["iso"] \
                and not row["approximate"]:
            return True
        also = gold.get("also")
        return bool(also) and row["place_kind"] == "settlement" and haversine_km(
            row["lat"], row["lon"], also[0], also[1]) <= SETTLEMENT_KM
    if gold.get("coords_unknown"):
        placed = bool(row["approximate"]) or row["place_kind"] == "settlement"
        return placed and row["admin1"] == gold["admin1"] and (
            fuzz.ratio(name_key(row["text"]), name_key(gold["name"])) >= NAME_RATIO)
    return row["place_kind"] == "settlement" and not row["approximate"] and haversine_km(
        row["lat"], row["lon"], gold["lat"], gold["lon"]) <= SETTLEMENT_KM


def score_toponyms(mentions, gold_file: Path) -> dict[str, object]:
    """Toponym recall and precision of a mentions table against *gold_file*.

    Returns ``recall``, ``precision``, ``required`` (required gold places), ``found``
    (required ones matched), ``predicted`` (distinct predicted places) and ``detail``:
    per document id, the ``missed`` gold keys and the texts of ``false_positives``.
    """
    gold = json.loads(Path(gold_file).read_text(encoding="utf-8"))
    places = gold["places"]
    for key, value in places.items():
        value.setdefault("name", key)
    found_required = total_required = correct = predicted = 0
    detail = {}
    for file, labels in gold["toponyms"].items():
        doc_id = Path(file).stem
        rows = mentions[(mentions["doc_id"] == doc_id) & (mentions["role"] != "byline")
                        & mentions["place_id"].notna()]
        rows = rows.assign(lat=rows.geometry.y, lon=rows.geometry.x)
        distinct = {}
        for _, row in rows.iterrows():
            key = ("approx", name_key(row["text"])) if row["approximate"] else row["place_id"]
            distinct.setdefault(key, row)
        required = labels["required"]
        allowed = required + labels["optional"]
        hits = {g for g in required
                if any(place_matches(r, places[g]) for r in distinct.values())}
        wrong = [r["text"] for r in distinct.values()
                 if not any(place_matches(r, places[g]) for g in allowed)]
        found_required += len(hits)
        total_required += len(required)
        predicted += len(distinct)
        correct += len(distinct) - len(wrong)
        detail[doc_id] = {"missed": sorted(set(required) - hits), "false_positives": wrong}
    return {"recall": found_required / total_required, "precision": correct / predicted,
            "required": total_required, "found": found_required, "predicted": predicted,
            "detail": detail}
