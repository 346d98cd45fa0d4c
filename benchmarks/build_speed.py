"""`geomap build` on the seed corpus: cold, incremental with nothing new, and with one new article.

    python benchmarks/build_speed.py [--shared ../shared] [--repeat 3]

Each run is the real console script in a fresh process; wall time is the median of the
repeats; peak memory is the largest resident set of any process of the run (the build and
its forked extraction workers), from getrusage of a wrapper process.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

GEOMAP = str(Path(sys.executable).parent / "geomap")
WRAPPER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"rc": p.returncode, "wall": wall, "peak_mb": peak, "err": p.stderr[-500:]}))
"""


def new_report() -> str:
    """One generated report (geomap.ingest.synthetic) as a Markdown file with front matter."""
    from geomap.ingest.synthetic import generate_articles

    article = generate_articles(1, seed=7)[0]
    return (f"---\npublished: {article.published.isoformat()}\nsource: {article.source}\n---\n"
            f"{article.text}\n")


def timed(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", WRAPPER, GEOMAP, *args], capture_output=True,
                         text=True, check=True).stdout
    result = json.loads(out)
    if result["rc"] != 0:
        raise RuntimeError(result["err"])
    return result


def run(shared: Path, repeat: int) -> dict[str, dict]:
    figures: dict[str, list[dict]] = {"cold": [], "incremental, nothing new": [],
                                      "incremental, one new article": []}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            shutil.copytree(shared / "corpus" / "seeds", corpus)
            args = [str(corpus), "-o", f"{tmp}/map.html", "--store", f"{tmp}/run.gpkg",
                    "--offline"]
            figures["cold"].append(timed("build", *args))
            figures["incremental, nothing new"].append(timed("build", *args))
            (corpus / "zz_new.md").write_text(new_report(), encoding="utf-8")
            figures["incremental, one new article"].append(timed("build", *args))
    return {name: {"wall": statistics.median(r["wall"] for r in runs),
                   "peak_mb": max(r["peak_mb"] for r in runs)}
            for name, runs in figures.items()}


def streaming(sizes: tuple[int, ...] = (500, 5000)) -> dict[int, dict]:
    """Peak memory of a cold build on folders of *sizes* generated files: flat when the
    corpus streams."""
    from geomap.ingest.synthetic import generate_articles

    out = {}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            for article in generate_articles(n):
                (corpus / f"{article.doc_id}.md").write_text(
                    f"---\npublished: {article.published.isoformat()}\nsource: synthetic\n---\n"
                    f"{article.text}\n", encoding="utf-8")
            out[n] = timed("-q", "build", str(corpus), "-o", f"{tmp}/map.html")
    return out


def report(figures: dict[str, dict]) -> str:
    lines = ["| run (5 seed articles, offline map) | wall time (s) | peak memory (MB) |",
             "|---|---:|---:|"]
    lines += [f"| {name} | {f['wall']:.2f} | {f['peak_mb']:.0f} |" for name, f in figures.items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(report(run(Path(args.shared), args.repeat)))
    print()
    print("| cold build of N generated files (one report each) | wall time (s) | "
          "peak memory (MB) |")
    print("|---|---:|---:|")
    for n, figures in streaming().items():
        print(f"| {n:,} files | {figures['wall']:.1f} | {figures['peak_mb']:.0f} |")


if __name__ == "__main__":
    main()
