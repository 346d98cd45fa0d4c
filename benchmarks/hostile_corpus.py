"""`geomap build` on a large corpus of ordinary reports mixed with the hostile files of
issue 17: every file recorded, peak memory of the whole process tree, the rerun.

    python benchmarks/hostile_corpus.py [--articles 20000] [--baseline 1000]

Phases, in one run: (1) baseline: `geomap build` on --baseline ordinary reports only;
(2) `geomap build --processes 2` on --articles files, about 1% of them hostile (bracket,
quote and emoji runs, YAML alias bombs, colliding names, UTF-16/32, binary, a 1.75 MB
repeated word over the size limit, slow articles that meet the time limit, impossible
dates); (3) the same build again with nothing new. Every text is written here.
Prints a Markdown table (rates as ratios to the baseline's articles per second).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import pyogrio

GEOMAP = str(Path(sys.executable).parent / "geomap")
PLACES = ["Gornal", "Plyokhovo", "Sverdlikovo", "Guevo", "Martynovka", "Pogrebki", "Sudzha",
          "Kupiansk", "Pokrovsk", "Toretsk", "Vovchansk", "Chasiv Yar"]
CLAIMANTS = ["Russia's defence ministry", "Ukraine's general staff", "A regional governor"]
VERBS = ["had captured", "had liberated", "had pushed back an assault near", "had shelled"]


def ordinary(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    return (f"---\npublished: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}\nsource: Wire {i % 7}\n"
            f"---\n{CLAIMANTS[i % 3]} said on Monday that its forces {VERBS[i % 4]} "
            f"{place}.\nFighting went on in the area, officials said, and {i % 9 + 2} people "
            "were wounded.\n")


def hostile(i: int) -> tuple[str, bytes]:
    """(file name, bytes) of the i-th hostile file."""
    kind = i % 12
    dated = "---\npublished: 2025-04-15\n---\n"
    body = ordinary(i).split("---\n", 2)[2]
    if kind == 0:
        return f"h{i}_brackets.md", (dated + "(" * 8000 + "Sudzha." + ")" * 8000 + "\n"
                                     + body).encode()
    if kind == 1:
        return f"h{i}_quotes.md", (dated + '"' * 4000 + "\n" + body).encode()
    if kind == 2:
        return f"h{i}_emoji.md", (dated + "\U0001F525" * 4000 + "\n" + body).encode()
    if kind == 3:
        bomb = "---\na0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
            f"a{k}: &a{k} [" + ",".join([f"*a{k - 1}"] * 9) + "]\n" for k in range(1, 9))
        return f"h{i}_bomb.md", (bomb + "title: *a8\n---\n" + body).encode()
    if kind == 4:
        return f"h{i} dup.md", (dated + body).encode()
    if kind == 5:
        return f"h{i}_dup.md", (dated + body).encode()
    if kind == 6:
        return f"h{i}_utf16.txt", body.encode("utf-16")
    if kind == 7:
        return f"h{i}_utf32.txt", body.encode("utf-32-le")
    if kind == 8:
        return f"h{i}_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40
    if kind == 9 and i < 12 * 3:
        return f"h{i}_huge.txt", b"Sudzha " * 250_000  # 1.75 MB: too large
    if kind == 10 and i < 12 * 2:
        return f"h{i}_slow.md", (dated + "(( ) " * 60_000).encode()  # meets the time limit
    return f"h{i}_ancient.md", ("---\npublished: 0001-01-01\n---\nLast week " + body).encode()


def make_corpus(folder: Path, count: int, share_hostile: float) -> int:
    folder.mkdir(parents=True)
    hostile_every = int(1 / share_hostile) if share_hostile else 0
    for i in range(count):
        if hostile_every and i % hostile_every == 0:
            name, data = hostile(i // hostile_every)
            (folder / name).write_bytes(data)
        else:
            (folder / f"r{i:06d}.md").write_text(ordinary(i), encoding="utf-8")
    return sum(1 for _ in folder.iterdir())


def measured_build(corpus: Path, out: Path) -> dict[str, float | str]:
    """Run `geomap build`; wall seconds and peak RSS of the process tree."""
    started = time.perf_counter()
    process = subprocess.Popen([GEOMAP, "-q", "build", str(corpus), "-o", str(out),
                                "--processes", "2"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(process.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                # unique set size: forked workers share the parent's pages until written
                total = sum(p.memory_full_info().uss for p in tree)
                peak = max(peak, total)
            except psutil.Error:
                pass
            time.sleep(0.5)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    _, stderr = process.communicate()
    done.set()
    watcher.join()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"geomap build failed: {stderr[-2000:]}")
    return {"seconds": seconds, "peak_mb": peak / 1e6, "stderr": stderr}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="geomap-hostile-"))
    try:
        base = make_corpus(work / "baseline", args.baseline, 0.0)
        base_run = measured_build(work / "baseline", work / "baseline.html")
        files = make_corpus(work / "corpus", args.articles, 0.01)
        first = measured_build(work / "corpus", work / "map.html")
        rerun = measured_build(work / "corpus", work / "map.html")
        articles = pyogrio.read_dataframe(work / "map.gpkg", layer="articles",
                                          read_geometry=False)
        failed = articles[articles["status"] == "failed"]["error"].astype(str)
        kinds = failed.str.extract(r"^(too slow|too large|binary|front matter|date)",
                                   flags=re.IGNORECASE)[0].fillna("other").value_counts()
        tracebacks = first["stderr"].count("Traceback")
        causes = ", ".join(f"{k}: {v}" for k, v in kinds.items())
        base_rate = base / base_run["seconds"]
        rate = files / first["seconds"]
        print(f"| measure | result |\n|---|---:|\n"
              f"| files in the corpus | {files:,} |\n"
              f"| rows in the store's articles table | {len(articles):,} "
              f"({articles['doc_id'].nunique():,} distinct ids) |\n"
              f"| recorded as failed | {len(failed):,} ({causes}) |\n"
              f"| tracebacks on stderr | {tracebacks} |\n"
              f"| build, wall time | {first['seconds']:.0f} s ({rate:.1f} files/s) |\n"
              f"| peak memory, whole process tree (USS) | {first['peak_mb']:,.0f} MB |\n"
              f"| rerun with nothing new | {rerun['seconds']:.1f} s "
              f"(peak {rerun['peak_mb']:,.0f} MB) |\n"
              f"| baseline: {base:,} ordinary reports | {base_run['seconds']:.0f} s "
              f"({base_rate:.1f} files/s, peak {base_run['peak_mb']:,.0f} MB) |\n"
              f"| rate vs baseline | {rate / base_rate:.2f}x |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
