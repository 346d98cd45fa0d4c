"""`geomap build` on a large corpus of ordinary reports mixed with the hostile files of
issue 17: every file recorded, peak memory of the whole process tree, the rerun.

    python benchmarks/hostile_corpus.py [--articles 20000] [--baseline 1000] [--work DIR]
        [--reruns N] [--rerun-only]

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
        # meets the time limit; declared English (no letters: else of no language, skipped)
        return f"h{i}_slow.md", (dated.replace("---\n", "---\nlanguage: en\n", 1)
                                 + "(( ) " * 60_000).encode()
    return f"h{i}_ancient.md", ("---\npublished: 0001-01-01\n---\nLast week " + body).encode()


def make_corpus(folder: Path, count: int, share_hostile: float) -> int:
    if folder.is_dir():  # kept from an earlier run (--work)
        return sum(1 for _ in folder.iterdir())
    folder.mkdir(parents=True)
    hostile_every = int(1 / share_hostile) if share_hostile else 0
    for i in range(count):
        if hostile_every and i % hostile_every == 0:
            name, data = hostile(i // hostile_every)
            (folder / name).write_bytes(data)
        else:
            (folder / f"r{i:06d}.md").write_text(ordinary(i), encoding="utf-8")
    return sum(1 for _ in folder.iterdir())


def _articles_done(log: Path) -> int:
    """The last article count tqdm wrote to *log* (0 when none yet)."""
    try:
        tail = log.read_bytes()[-4000:].decode("utf-8", "replace")
    except OSError:
        return 0
    counts = re.findall(r"geomap build: (\d+) articles", tail)
    return int(counts[-1]) if counts else 0


def measured_build(corpus: Path, out: Path, trend: Path | None = None
                   ) -> dict[str, float | str]:
    """Run `geomap build`; wall seconds and peak USS of the process tree. With *trend*,
    a line every 30 s: elapsed seconds, articles read so far, current and peak MB."""
    started = time.perf_counter()
    log = out.with_suffix(".stderr.log")
    with open(log, "wb") as err:
        process = subprocess.Popen([GEOMAP, "build", str(corpus), "-o", str(out),
                                    "--processes", "2"], stdout=subprocess.PIPE,
                                   stderr=err, text=True)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            root = psutil.Process(process.pid)
            last = 0.0
            while not done.is_set():
                try:
                    tree = [root, *root.children(recursive=True)]
                    # unique set size: forked workers share the parent's pages until written
                    total = sum(p.memory_full_info().uss for p in tree)
                    peak = max(peak, total)
                except psutil.Error:
                    total = 0
                clock = time.perf_counter() - started
                if trend is not None and clock - last >= 30:
                    last = clock
                    with open(trend, "a") as fh:
                        fh.write(f"{clock:.0f}\t{_articles_done(log)}\t{total / 1e6:.0f}"
                                 f"\t{peak / 1e6:.0f}\n")
                time.sleep(0.5)

        watcher = threading.Thread(target=sample, daemon=True)
        watcher.start()
        stdout, _ = process.communicate()
        done.set()
        watcher.join()
    seconds = time.perf_counter() - started
    stderr = log.read_text(encoding="utf-8", errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"geomap build failed: {stderr[-2000:]}")
    return {"seconds": seconds, "peak_mb": peak / 1e6, "stderr": stderr, "stdout": stdout}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    parser.add_argument("--work", type=Path,
                        help="keep the corpora, store and map in this folder (and reuse a "
                             "corpus already there); default a temporary folder, removed")
    parser.add_argument("--reruns", type=int, default=1,
                        help="how many builds with nothing new after the first")
    parser.add_argument("--rerun-only", action="store_true",
                        help="only the reruns, on the corpus and store in --work")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="geomap-hostile-"))
    work.mkdir(parents=True, exist_ok=True)
    trend = work / "trend.tsv"
    try:
        rows: list[str] = []
        if not args.rerun_only:
            base = make_corpus(work / "baseline", args.baseline, 0.0)
            base_run = measured_build(work / "baseline", work / "baseline.html")
            files = make_corpus(work / "corpus", args.articles, 0.01)
            trend.write_text("seconds\tarticles\tmb_now\tmb_peak\n")
            first = measured_build(work / "corpus", work / "map.html", trend)
            tracebacks = first["stderr"].count("Traceback")
            base_rate = base / base_run["seconds"]
            rate = files / first["seconds"]
            rows += [f"| files in the corpus | {files:,} |",
                     f"| tracebacks on stderr | {tracebacks} |",
                     f"| build, wall time | {first['seconds']:.0f} s ({rate:.1f} files/s) |",
                     f"| peak memory, whole process tree (USS) | {first['peak_mb']:,.0f} MB |",
                     f"| baseline: {base:,} ordinary reports | {base_run['seconds']:.0f} s "
                     f"({base_rate:.1f} files/s, peak {base_run['peak_mb']:,.0f} MB) |",
                     f"| rate vs baseline | {rate / base_rate:.2f}x |"]
        for number in range(1, args.reruns + 1):
            rerun = measured_build(work / "corpus", work / "map.html")
            said = " / ".join(line for line in rerun["stdout"].splitlines()
                              if line.startswith(("articles:", "map:")))
            rows.append(f"| rerun {number} with nothing new | {rerun['seconds']:.1f} s "
                        f"(peak {rerun['peak_mb']:,.0f} MB; {said}) |")
        articles = pyogrio.read_dataframe(work / "map.gpkg", layer="articles",
                                          read_geometry=False)
        failed = articles[articles["status"] == "failed"]["error"].astype(str)
        kinds = failed.str.extract(r"^(too slow|too large|binary|front matter|date)",
                                   flags=re.IGNORECASE)[0].fillna("other").value_counts()
        causes = ", ".join(f"{k}: {v}" for k, v in kinds.items())
        rows[1:1] = [f"| rows in the store's articles table | {len(articles):,} "
                     f"({articles['doc_id'].nunique():,} distinct ids) |",
                     f"| recorded as failed | {len(failed):,} ({causes}) |"]
        print("| measure | result |\n|---|---:|\n" + "\n".join(rows))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
