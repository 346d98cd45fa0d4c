"""Toponym recall and precision on the seed articles with gold places (issue 3).

    python benchmarks/seeds_toponyms.py [--shared ../shared]

Gold: ``eval/seeds_toponyms_dev.json``. Predicted places are the distinct places
of an article's mentions (every role but ``byline``). A prediction is correct
when it is a required or optional gold place: the same country code, the same
ISO 3166-2 code, a settlement within 10 km (or within 10 km of an admin-1
unit's "also" point), or, for a settlement whose coordinates no source has, a
mention of that name placed approximately at its region. Boilerplate places and
anything else count against precision.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz

from gazetteer import haversine_km
from gazetteer.normalize import name_key

SETTLEMENT_KM = 10.0


def _matches(row, gold: dict) -> bool:
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
        return bool(row["approximate"]) and row["admin1"] == gold["admin1"] and (
            fuzz.ratio(name_key(row["text"]), name_key(gold["name"])) >= 80)
    return row["place_kind"] == "settlement" and not row["approximate"] and haversine_km(
        row["lat"], row["lon"], gold["lat"], gold["lon"]) <= SETTLEMENT_KM


def score(mentions, gold_file: Path) -> dict[str, object]:
    """Recall, precision and the per-document detail for a mentions table."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
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
        hits = {g for g in required if any(_matches(r, places[g]) for r in distinct.values())}
        wrong = [r["text"] for r in distinct.values()
                 if not any(_matches(r, places[g]) for g in allowed)]
        found_required += len(hits)
        total_required += len(required)
        predicted += len(distinct)
        correct += len(distinct) - len(wrong)
        detail[doc_id] = {"missed": sorted(set(required) - hits), "false_positives": wrong}
    return {"recall": found_required / total_required, "precision": correct / predicted,
            "required": total_required, "found": found_required, "predicted": predicted,
            "detail": detail}


def run(shared: Path) -> dict[str, object]:
    """Extract the seed corpus and score it."""
    from geomap.extract import extract

    _, mentions = extract(shared / "corpus" / "seeds")
    return score(mentions, shared / "eval" / "seeds_toponyms_dev.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    result = run(Path(parser.parse_args().shared))
    print(f"recall {result['recall']:.3f} ({result['found']}/{result['required']})  "
          f"precision {result['precision']:.3f} ({result['predicted']} predicted places)")
    for doc, info in result["detail"].items():
        print(f"  {doc}: missed {info['missed']}  false positives {info['false_positives']}")


if __name__ == "__main__":
    main()
