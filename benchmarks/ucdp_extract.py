"""Places extracted from UCDP GED headlines (issue 3 acceptance).

    python benchmarks/ucdp_extract.py [--shared ../shared] [--show-misses 20]

Rows of ``eval/ucdp_ukraine_dev.csv`` with ``where_prec`` 1 or 2. Each event's
``source_headline`` field (headlines joined by ``;``, one per line here) is one
article, published on the event's start date. An event is a hit when any place
extracted from it (any role but ``byline``) lies within 25 km of the gold point.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gazetteer import haversine_km
from geomap.ingest.corpus import Article

THRESHOLD_KM = 25.0


def load(shared: Path) -> list[dict[str, str]]:
    """The evaluated rows."""
    with open(shared / "eval" / "ucdp_ukraine_dev.csv", encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["where_prec"] in ("1", "2")]


def articles(rows: list[dict[str, str]]) -> list[Article]:
    """One article per event: its headlines, one per line."""
    out = []
    for row in rows:
        published = dt.datetime.strptime(row["date_start"].split()[0], "%m/%d/%Y").date()
        text = "\n".join(h.strip() for h in row["source_headline"].split(";") if h.strip())
        out.append(Article(doc_id=row["id"], text=text or "-", published=published,
                           source="UCDP headlines"))
    return out


def run(shared: Path) -> dict[str, object]:
    """Extract every event's headlines and score them."""
    from geomap.extract import extract

    rows = load(shared)
    start = time.perf_counter()
    _, mentions = extract(articles(rows))
    seconds = time.perf_counter() - start
    mentions = mentions[(mentions["role"] != "byline") & mentions.geometry.notna()]
    by_doc: dict[str, list[tuple[float, float, str]]] = {}
    for doc_id, point, text in zip(mentions["doc_id"], mentions.geometry, mentions["text"],
                                   strict=True):
        by_doc.setdefault(doc_id, []).append((point.y, point.x, text))
    hits, misses = 0, []
    for row in rows:
        gold = (float(row["latitude"]), float(row["longitude"]))
        found = by_doc.get(row["id"], [])
        if any(haversine_km(gold[0], gold[1], lat, lon) <= THRESHOLD_KM for lat, lon, _ in found):
            hits += 1
        else:
            misses.append((row, [t for _, _, t in found]))
    return {"rows": len(rows), "hits": hits, "accuracy": hits / len(rows),
            "seconds": seconds, "misses": misses}


def ceiling(shared: Path) -> dict[str, float]:
    """Share of events whose headlines hold a word with a gazetteer namesake within 25 km
    (``any``), and whose best-ranked namesake is within 25 km (``top``)."""
    import re

    from gazetteer import Gazetteer

    gaz = Gazetteer.default()
    rows = load(shared)
    any_hit = top_hit = 0
    for row in rows:
        gold = (float(row["latitude"]), float(row["longitude"]))
        found_any = found_top = False
        for words in set(re.findall(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?",
                                    row["source_headline"])):
            for part in {words, words.split()[0]}:
                try:
                    found = [c for c in gaz.lookup(part, limit=10, fuzzy=False)]
                except ValueError:
                    continue
                near = [haversine_km(*gold, c.lat, c.lon) <= THRESHOLD_KM for c in found]
                found_any = found_any or any(near)
                found_top = found_top or bool(near and near[0])
        any_hit += found_any
        top_hit += found_top
    return {"any": any_hit / len(rows), "top": top_hit / len(rows)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--show-misses", type=int, default=20)
    args = parser.parse_args()
    out = run(Path(args.shared))
    print(f"events {out['rows']}: a place within {THRESHOLD_KM:.0f} km for {out['hits']} "
          f"({out['accuracy']:.1%}); {out['seconds']:.1f} s")
    for row, found in out["misses"][: args.show_misses]:
        print(f"  - {row['where_coordinates']!r}: {row['source_headline'][:100]!r} -> {found}")


if __name__ == "__main__":
    main()
