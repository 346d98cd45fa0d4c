"""Extraction on dask.distributed against a single process, on the same generated corpus.

    python benchmarks/dask_speed.py [--articles 2000]

Corpus: ``geomap.ingest.synthetic.generate_articles`` (short reports, 1-3 sentences). Each
configuration runs in this process after a warm-up, so only extraction is timed:
single process (``Extractor(n_process=1)``), this machine's forked workers
(``n_process=2``), and a LocalCluster of 1 and 2 worker processes (cluster start and
the worker plugin's pipeline load timed apart). Per-worker peak memory is each
worker's maximum resident set.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(n: int) -> list[dict]:
    from geomap.distributed import DaskAnalyse, dask_client
    from geomap.extract import Extractor, extract
    from geomap.ingest.synthetic import generate_articles

    articles = generate_articles(n)
    rows = []
    for label, processes in (("single process", 1), ("forked workers (--processes 2)", 2)):
        extractor = Extractor(n_process=processes)
        extract(articles[:50], extractor=extractor)  # warm-up: caches, first batches
        started = time.perf_counter()
        claims, _ = extract(articles, extractor=extractor)
        seconds = time.perf_counter() - started
        rows.append({"config": label, "seconds": seconds, "rate": n / seconds,
                     "claims": len(claims), "startup": None, "peak_mb": _peak_mb()})
    for workers in (1, 2):
        started = time.perf_counter()
        with dask_client(workers=workers) as client:
            analyse = DaskAnalyse(client, partition_size=32)
            extract(articles[:50], analyse=analyse)  # plugin set up, warm-up
            startup = time.perf_counter() - started
            started = time.perf_counter()
            claims, _ = extract(articles, analyse=analyse)
            seconds = time.perf_counter() - started
            peaks = client.run(_peak_mb)
        rows.append({"config": f"dask LocalCluster, {workers} worker(s)", "seconds": seconds,
                     "rate": n / seconds, "claims": len(claims), "startup": startup,
                     "peak_mb": max(peaks.values())})
    return rows


def report(rows: list[dict], n: int) -> str:
    lines = [f"{n:,} generated articles on this machine.", "",
             "| configuration | articles/s | seconds | claims | start-up (s) | "
             "peak memory per worker (MB) |", "|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        startup = "" if r["startup"] is None else f"{r['startup']:.1f}"
        lines.append(f"| {r['config']} | {r['rate']:.1f} | {r['seconds']:.1f} | {r['claims']:,} "
                     f"| {startup} | {r['peak_mb']:.0f} |")
    single = rows[0]
    one = next(r for r in rows if r["config"].endswith("1 worker(s)"))
    two = next(r for r in rows if r["config"].endswith("2 worker(s)"))
    lines += ["", f"Overhead of the distributed path with one worker against a single "
              f"process: {one['seconds'] / single['seconds'] - 1:+.0%} of the time. Two workers "
              f"against one: {two['rate'] / one['rate']:.2f}x the throughput. "
              f"Cost per article on one core: {1000 * single['seconds'] / n:.1f} ms, so a "
              f"million such articles take about {single['seconds'] / n * 1e6 / 3600:.1f} "
              "core-hours (real articles are longer: see the throughput table above)."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    print(report(run(args.articles), args.articles))


if __name__ == "__main__":
    main()
