"""Claim quality on a development set of short reports written for geomap (issue 12).

    python benchmarks/claims_quality.py [--dev benchmarks/claims_dev/reports.json] [--json]
        [--show]

The reports (``claims_dev/reports.json``) are written in the styles of real outlets
(wire copy with datelines, state-agency lists, analysts' assessments, General Staff
posts, governors' strike reports, machine-translated pages), each with hand-written gold:
one item per claim an analyst would keep, as (place as written, event type, claimant
side[, kind]).

Scores, over all reports:

* **claim precision / recall**: an extracted claim matches a gold item with the same
  place (as written, case-insensitive) and event type, one to one. The place must be
  the right one ("the village right"): a claim about another name does not count.
  Russian and Ukrainian reports (``"language": "ru"``/``"uk"`` on the report, else the
  extractor's detection) give gold places in the nominative; an extracted name matches
  when it is that name as written, or each of its words has the gold word among its
  nominative forms (``Покровська`` matches ``Покровськ``; ё is е, apostrophes are one).
  Figures are also given per language.
* **claimant-side accuracy**: of matched pairs, the share with the gold side; and the
  share of extracted claims with side ``UNKNOWN``.
* **kind accuracy**: of matched pairs, the share whose ``kind`` (claim/background)
  is the gold one.
* **event-type confusion**: gold type x extracted type, over claims paired by place
  alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEV = Path(__file__).resolve().parent / "claims_dev" / "reports.json"


def _gold(report: dict) -> list[tuple[str, str, str, str]]:
    return [(g[0].lower(), g[1], g[2], g[3] if len(g) > 3 else "claim")
            for g in report["gold"]]


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е").replace("ʼ", "'").replace("’", "'").strip()


def same_place(gold: str, written: str, lang: str | None) -> bool:
    """True when the extracted *written* name is the gold name (see the module doc)."""
    gold, written = _fold(gold), _fold(written)
    if gold == written:
        return True
    if lang not in ("ru", "uk"):
        return False
    from geomap.nlp.slavic.names import word_forms

    gold_words, words = gold.split(), written.split()
    return len(gold_words) == len(words) and all(
        g == w or g in {_fold(f) for f, _ in word_forms(w, lang, False)}
        for g, w in zip(gold_words, words, strict=True))


def _pair(gold: list, predicted: list, same) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, predicted index) under *same*."""
    used: set[int] = set()
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            if j not in used and same(g, p):
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


def score(dev: Path = DEV, show: bool = False) -> dict:
    """Run the extractor on the development set and score it (see the module docstring)."""
    from geomap.extract import extract
    from geomap.ingest.corpus import Article

    reports = json.loads(dev.read_text(encoding="utf-8"))["reports"]
    articles = [Article(doc_id=r["id"], text=r["text"], source=r["publisher"],
                        published=dt.date.fromisoformat(r["published"]),
                        language=r.get("language")) for r in reports]
    claims, _ = extract(articles)
    totals = Counter()
    by_language: dict[str, Counter] = {}
    confusion: Counter[tuple[str, str]] = Counter()
    misses: list[str] = []
    for report in reports:
        gold = _gold(report)
        rows = claims[claims["doc_id"] == report["id"]]
        predicted = [(str(r.place_name or "").lower(), r.event_type, r.claimant_side, r.kind,
                      r.claimant) for r in rows.itertuples()]
        lang = report.get("language") or (str(rows["language"].iloc[0])
                                          if len(rows) and "language" in rows else "en")

        def place(g, p, lang=lang):
            return same_place(g[0], p[0], lang)

        pairs = _pair(gold, predicted, lambda g, p: place(g, p) and g[1] == p[1])
        per = by_language.setdefault(lang, Counter())
        per.update(gold=len(gold), predicted=len(predicted), matched=len(pairs))
        totals["gold"] += len(gold)
        totals["predicted"] += len(predicted)
        totals["matched"] += len(pairs)
        totals["side_right"] += sum(gold[i][2] == predicted[j][2] for i, j in pairs)
        totals["kind_right"] += sum(gold[i][3] == predicted[j][3] for i, j in pairs)
        totals["unknown_side"] += sum(p[2] == "UNKNOWN" for p in predicted)
        for i, j in _pair(gold, predicted, place):
            confusion[(gold[i][1], predicted[j][1])] += 1
        if show:
            matched_gold = {i for i, _ in pairs}
            matched_pred = {j for _, j in pairs}
            misses += [f"{report['id']}: missed {g}" for i, g in enumerate(gold)
                       if i not in matched_gold]
            misses += [f"{report['id']}: extra {p}" for j, p in enumerate(predicted)
                       if j not in matched_pred]
            misses += [f"{report['id']}: side {gold[i][2]} got {predicted[j][2]} "
                       f"({predicted[j][4]})" for i, j in pairs
                       if gold[i][2] != predicted[j][2]]
    matched = totals["matched"] or 1
    return {
        "reports": len(reports), "gold": totals["gold"], "predicted": totals["predicted"],
        "precision": totals["matched"] / (totals["predicted"] or 1),
        "recall": totals["matched"] / (totals["gold"] or 1),
        "side_accuracy": totals["side_right"] / matched,
        "kind_accuracy": totals["kind_right"] / matched,
        "unknown_side_share": totals["unknown_side"] / (totals["predicted"] or 1),
        "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())},
        "by_language": {lang: {"gold": c["gold"], "predicted": c["predicted"],
                               "precision": c["matched"] / (c["predicted"] or 1),
                               "recall": c["matched"] / (c["gold"] or 1)}
                        for lang, c in sorted(by_language.items())},
        "problems": misses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    parser.add_argument("--show", action="store_true", help="List misses and extras.")
    args = parser.parse_args()
    result = score(args.dev, show=args.show)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['reports']} reports, {result['gold']} gold claims, "
          f"{result['predicted']} extracted")
    for key in ("precision", "recall", "side_accuracy", "kind_accuracy",
                "unknown_side_share"):
        print(f"  {key:<20} {result[key]:.2f}")
    if len(result["by_language"]) > 1:
        for lang, figures in result["by_language"].items():
            print(f"  {lang}: precision {figures['precision']:.2f} "
                  f"recall {figures['recall']:.2f} ({figures['gold']} gold, "
                  f"{figures['predicted']} extracted)")
    print("  event types (gold->extracted, paired by place):")
    for pair, n in result["confusion"].items():
        print(f"    {pair:<24} {n}")
    for line in result["problems"]:
        print("  " + line)


if __name__ == "__main__":
    main()
