"""UCDP GED place resolution through the batch CLI (issue 2 acceptance).

Rows with ``where_prec`` 1 or 2 of ``../shared/eval/ucdp_ukraine_dev.csv``:
``where_coordinates`` is the query, ``adm_1`` the admin1 hint. A row counts as
a hit when the answer lies within 25 km of the gold point. Misses are grouped
by cause.

    python benchmarks/ucdp_gazetteer.py [--shared ../shared] [--show-misses 20]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gazetteer.geodesy import haversine_km

THRESHOLD_KM = 25.0


def shared_dir(arg: str | None) -> Path:
    """The shared data folder: --shared, $GEOMAP_SHARED, or ../shared."""
    path = Path(arg or os.environ.get("GEOMAP_SHARED") or
                Path(__file__).resolve().parent.parent.parent / "shared")
    if not (path / "eval").is_dir():
        sys.exit(f"error: {path}/eval not found; pass --shared or set GEOMAP_SHARED")
    return path


def load_rows(shared: Path) -> list[dict[str, str]]:
    """The evaluated rows (where_prec 1 or 2)."""
    with open(shared / "eval" / "ucdp_ukraine_dev.csv", encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["where_prec"] in ("1", "2")]


def run(shared: Path) -> dict[str, object]:
    """Resolve every row through ``gazetteer lookup --jsonl -``; returns the figures."""
    rows = load_rows(shared)
    queries = "".join(
        json.dumps({"name": r["where_coordinates"], "admin1": r["adm_1"] or None}) + "\n"
        for r in rows)
    exe = Path(sys.executable).parent / "gazetteer"
    start = time.perf_counter()
    proc = subprocess.run([str(exe), "lookup", "--jsonl", "-"], input=queries, text=True,
                          capture_output=True, check=True)
    elapsed = time.perf_counter() - start
    results = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(results) == len(rows), "one answer per query"
    hits, causes, misses = 0, Counter(), []
    for row, res in zip(rows, results, strict=True):
        gold = (float(row["latitude"]), float(row["longitude"]))
        if res.get("error"):
            causes["invalid query"] += 1
            misses.append((row, res, None, "invalid query"))
            continue
        if res["id"] is None:
            causes["not in gazetteer"] += 1
            misses.append((row, res, None, "not in gazetteer"))
            continue
        d = haversine_km(gold[0], gold[1], res["lat"], res["lon"])
        if d <= THRESHOLD_KM:
            hits += 1
            continue
        cause = ("wrong namesake (same admin1)" if res["kind"] == "settlement" else
                 f"resolved to a {res['kind']}")
        if res["kind"] == "settlement" and d > 150:
            cause = "wrong namesake (far)"
        causes[cause] += 1
        misses.append((row, res, d, cause))
    return {"rows": len(rows), "hits": hits, "accuracy": hits / len(rows),
            "seconds": elapsed, "causes": causes, "misses": misses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared")
    parser.add_argument("--show-misses", type=int, default=15)
    args = parser.parse_args()
    out = run(shared_dir(args.shared))
    print(f"rows {out['rows']}  within {THRESHOLD_KM:.0f} km: {out['hits']} "
          f"({out['accuracy']:.1%})  batch CLI {out['seconds']:.2f} s")
    for cause, n in out["causes"].most_common():
        print(f"  {cause}: {n}")
    for row, res, d, cause in out["misses"][: args.show_misses]:
        got = f"{res.get('name')} {res.get('admin1')} {d:.0f} km" if d else res.get("error", "")
        print(f"  - {row['where_coordinates']!r} ({row['adm_1']}) -> {got} [{cause}]")


if __name__ == "__main__":
    main()
