"""Extraction throughput and memory, beside plain ``nlp.pipe`` (issue 3).

    python benchmarks/extract_speed.py [--shared ../shared] [--copies 40]
    python benchmarks/extract_speed.py --baseline /tmp/base [--rounds 2] [--fast-row]

With ``--baseline DIR`` (another checkout, e.g. ``git worktree add /tmp/base main``),
``geomap.extract`` on two processes is measured for this checkout (its full pipeline and
its default) and for DIR's own copy of this script (its full pipeline; ``--fast-row``
adds both ``--fast``), alternating in the same run, and reported as ratios
(this / baseline): the machine is noisy, so only same-run ratios mean anything.

    python benchmarks/extract_speed.py --stages [--baseline /tmp/base] [--copies 10]
    python benchmarks/extract_speed.py --batch-sizes 4 16 64 [--copies 10]

``--stages`` profiles one process: CPU milliseconds per article (``time.process_time``)
of every spaCy component (each run over the whole batch with its own ``pipe``) and of
geomap's own stages (cleaning, toponyms, places, roles, claims with dates). With
``--baseline DIR`` the same profile runs on DIR's code too (this script, importing DIR's
``geomap``), before and after side by side.

The seed articles (about 600 tokens each) repeated ``--copies`` times. Measured
with the same spaCy pipeline, each configuration in a fresh process: plain
``nlp.pipe`` over the texts, and
``geomap.extract`` (cleaning, toponyms, resolution, roles, claims, tables; with two
processes, each forked worker runs the whole extraction on its share), each
with one process and with two, with the full pipeline and with ``--fast``
(no NER). Peak memory is the largest resident set of any one process (the main
process or a worker).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

if "--code" in sys.argv:  # profile another checkout's geomap with this script
    sys.path.insert(0, sys.argv[sys.argv.index("--code") + 1])
else:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _cpu_seconds() -> float:
    """User + system CPU seconds of this process and its finished (waited-for) workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _one_configuration(shared: Path, copies: int, fast: bool, n_process: int) -> dict:
    """Measure one configuration in this (fresh) process; returns its figures."""
    from geomap.extract import Extractor, extract
    from geomap.ingest.corpus import Article, iter_corpus

    seeds = [a for a in iter_corpus(shared / "corpus" / "seeds") if isinstance(a, Article)]
    articles = [Article(doc_id=f"{a.doc_id}-{i}", text=a.text, published=a.published,
                        source=a.source) for i in range(copies) for a in seeds]
    texts = [a.text for a in articles]
    extractor = Extractor(n_process=n_process, fast=fast)
    tokens = 0
    start = time.perf_counter()
    for doc in extractor.nlp.pipe(texts, batch_size=16, n_process=n_process):
        tokens += len(doc)
    plain = len(texts) / (time.perf_counter() - start)
    before = _cpu_seconds()
    start = time.perf_counter()
    claims, _ = extract(articles, extractor=extractor)
    ours = len(texts) / (time.perf_counter() - start)
    cpu_ms = (_cpu_seconds() - before) * 1000 / len(texts)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"plain": plain, "geomap": ours, "cpu_ms": cpu_ms, "articles": len(texts),
            "claims": len(claims),
            "tokens_per_article": tokens / len(texts), "peak_mb": max(own, workers)}


def measure(shared: Path, copies: int = 40) -> dict[str, float]:
    """Every configuration, each in a fresh process of its own."""
    import json
    import subprocess

    figures: dict[str, float] = {}
    for fast in (False, True):
        for n_process in (1, 2):
            key = f"{'fast' if fast else 'full'}_{n_process}"
            out = subprocess.run(
                [sys.executable, __file__, "--shared", str(shared), "--copies", str(copies),
                 "--one", str(int(fast)), str(n_process)],
                capture_output=True, text=True, check=True).stdout
            one = json.loads(out.strip().splitlines()[-1])
            figures[f"plain_{key}"] = one["plain"]
            figures[f"geomap_{key}"] = one["geomap"]
            figures[f"peak_{key}"] = one["peak_mb"]
            figures["articles"] = one["articles"]
            figures["tokens_per_article"] = one["tokens_per_article"]
    figures["peak_mb"] = max(v for k, v in figures.items() if k.startswith("peak_"))
    return figures


def _one_run(script: Path, shared: Path, copies: int, fast: bool, n_process: int,
             code: Path | None = None) -> dict:
    """One configuration in a fresh process (importing *code*'s geomap when given)."""
    import json
    import subprocess

    extra = ["--code", str(code)] if code else []
    out = subprocess.run([sys.executable, str(script), "--shared", str(shared), "--copies",
                          str(copies), "--one", str(int(fast)), str(n_process), *extra],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def compare(shared: Path, baseline: Path, copies: int, rounds: int,
            fast_row: bool = False) -> str:
    """This checkout against *baseline* on two processes, alternating; a markdown table.

    Each round runs, each in a fresh process: the baseline's full pipeline (its default),
    this checkout's full pipeline, and this checkout's default (when it differs); with
    *fast_row* also both ``--fast`` runs. The best of the rounds counts (the least
    disturbed run)."""
    from geomap.settings import fast_default

    here = Path(__file__).resolve()
    default = fast_default()  # this checkout's default; the baseline's is the full pipeline
    runs: dict[str, list[dict]] = {}
    plan = [("base full", baseline, False), ("this full", here.parent.parent, False)]
    if default:
        plan.append(("this default", here.parent.parent, True))
    if fast_row:
        plan += [("base fast", baseline, True), ("this fast", here.parent.parent, True)]
    for k in range(rounds):
        for key, code, fast in plan:
            runs.setdefault(key, []).append(_one_run(here, shared, copies, fast, 2, code))
            print(f"round {k + 1}: {key}: {runs[key][-1]['geomap']:.2f} articles/s, "
                  f"{runs[key][-1]['cpu_ms']:.0f} CPU ms per article",
                  file=sys.stderr, flush=True)  # progress on long runs
    rows = [("full pipeline", "base full", "this full")]
    if default:
        rows.append(("default (this: no NER; baseline: full)", "base full", "this default"))
    if fast_row:
        rows.append(("`--fast` (no NER)", "base fast", "this fast"))
    lines = ["| configuration (2 processes) | baseline articles/s | this articles/s | "
             "this / baseline | CPU ms per article, baseline / this | CPU ratio "
             "(baseline / this) | peak memory per process, baseline / this |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for label, theirs, ours in rows:
        a = max(r["geomap"] for r in runs[theirs])
        b = max(r["geomap"] for r in runs[ours])
        cpu_a = min(r["cpu_ms"] for r in runs[theirs])
        cpu_b = min(r["cpu_ms"] for r in runs[ours])
        peak_a = max(r["peak_mb"] for r in runs[theirs])
        peak_b = max(r["peak_mb"] for r in runs[ours])
        lines.append(f"| `geomap.extract`, {label} | {a:.1f} | {b:.1f} | {b / a:.2f} | "
                     f"{cpu_a:.0f} / {cpu_b:.0f} | {cpu_a / cpu_b:.2f} | "
                     f"{peak_a:.0f} / {peak_b:.0f} MB |")
    return "\n".join(lines)


def _stage_profile(shared: Path, copies: int, fast: bool) -> dict[str, float]:
    """CPU ms per article of each stage, in this process (see the module docstring)."""
    from geomap.extract import Extractor
    from geomap.ingest.clean import clean_text, tame_runs
    from geomap.ingest.corpus import Article, iter_corpus
    from geomap.nlp.claims import extract_claims
    from geomap.nlp.pipeline import chunk_text
    from geomap.nlp.places import resolve_article
    from geomap.nlp.roles import assign_roles
    from geomap.nlp.toponyms import find_candidates

    seeds = [a for a in iter_corpus(shared / "corpus" / "seeds") if isinstance(a, Article)]
    articles = [a for _ in range(copies) for a in seeds]
    extractor = Extractor(fast=fast, time_limit=None)
    nlp = extractor.nlp
    ms: dict[str, float] = {}
    start = time.process_time()
    if hasattr(extractor.gazetteer, "warm"):  # this checkout builds them before forking
        extractor.gazetteer.warm()
    extractor.analyse(seeds[:1])  # warm up (lazy tables, first gazetteer look-ups)
    ms["one-time warm-up (ms, not per article)"] = (time.process_time() - start) * 1000

    def timed(name: str, work):
        start = time.process_time()
        out = work()
        ms[name] = ms.get(name, 0.0) + (time.process_time() - start) * 1000 / len(articles)
        return out

    cleaned = timed("geomap: cleaning", lambda: [tame_runs(clean_text(a.text)[0])
                                                  for a in articles])
    pieces = [chunk_text(text) for text in cleaned]
    docs = timed("spaCy: tokenizer", lambda: [[(o, nlp.make_doc(p)) for o, p in ps]
                                              for ps in pieces])
    for name, proc in nlp.pipeline:
        flat = [doc for ds in docs for _, doc in ds]
        if hasattr(proc, "pipe"):
            timed(f"spaCy: {name}",
                  lambda proc=proc, flat=flat: list(proc.pipe(flat, batch_size=16)))
        else:
            timed(f"spaCy: {name}", lambda proc=proc, flat=flat: [proc(d) for d in flat])
    from geomap.nlp import dates

    for article, ds, text in zip(articles, docs, cleaned, strict=True):
        # the copies repeat the seeds' sentences: forget what was remembered per text, so
        # that each article costs what a new one would (stems stay: words do repeat)
        if hasattr(dates, "_time_expressions"):
            dates._time_expressions.cache_clear()
        getattr(extractor.registry, "_found", {}).clear()
        candidates = timed("geomap: toponyms", lambda ds=ds: find_candidates(ds))
        mentions = timed("geomap: places", lambda c=candidates: resolve_article(
            c, extractor.gazetteer, extractor._lookups))
        timed("geomap: roles", lambda m=mentions, ds=ds, t=text: assign_roles(m, ds, t))
        timed("geomap: claims and dates", lambda m=mentions, ds=ds, a=article: extract_claims(
            m, ds, a.published, a.source, extractor.registry))
    ms["spaCy total"] = sum(v for k, v in ms.items() if k.startswith("spaCy:"))
    ms["geomap total"] = sum(v for k, v in ms.items() if k.startswith("geomap:"))
    return ms


def batch_sizes(shared: Path, copies: int, sizes: list[int]) -> str:
    """CPU ms per article of the default pipeline's ``nlp.pipe`` at each batch size (one
    process, CPU time: insensitive to other load), as a markdown table."""
    from geomap.extract import Extractor
    from geomap.ingest.corpus import Article, iter_corpus

    seeds = [a for a in iter_corpus(shared / "corpus" / "seeds") if isinstance(a, Article)]
    texts = [a.text for _ in range(copies) for a in seeds]
    nlp = Extractor(time_limit=None).nlp
    list(nlp.pipe(texts[:5]))  # warm up
    lines = ["| batch_size | CPU ms per article (nlp.pipe) |", "|---:|---:|"]
    for size in sizes:
        start = time.process_time()
        for _ in nlp.pipe(texts, batch_size=size):
            pass
        lines.append(f"| {size} | {(time.process_time() - start) * 1000 / len(texts):.1f} |")
    return "\n".join(lines)


def stages(shared: Path, copies: int, fast: bool, baseline: Path | None) -> str:
    """The stage profile of this checkout (and of *baseline*), as a markdown table."""
    import json
    import subprocess

    runs: dict[str, dict[str, float]] = {}
    code = {"this": str(Path(__file__).resolve().parent.parent)}
    if baseline:
        code = {"baseline": str(baseline), **code}
    for label, root in code.items():
        out = subprocess.run([sys.executable, __file__, "--shared", str(shared), "--copies",
                              str(copies), "--stage-one", str(int(fast)), "--code", root],
                             capture_output=True, text=True, check=True).stdout
        runs[label] = json.loads(out.strip().splitlines()[-1])
    names = list(dict.fromkeys(k for r in runs.values() for k in r))
    names.sort(key=lambda k: (k.endswith("total"), k.startswith("one-time"), k))
    lines = ["| stage (CPU ms per article, 1 process) | " + " | ".join(runs) + " |",
             "|---|" + "---:|" * len(runs)]
    for name in names:
        cells = [f"{r[name]:.1f}" if name in r else "-" for r in runs.values()]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def report(f: dict[str, float]) -> str:
    """Markdown table."""
    lines = [f"{f['articles']:.0f} articles of {f['tokens_per_article']:.0f} tokens on average.",
             "", "| configuration | articles/s | vs plain nlp.pipe | target |",
             "|---|---:|---:|---|"]
    for mode, label in (("full", "full pipeline"), ("fast", "`--fast` (no NER)")):
        for n in (1, 2):
            key = f"{mode}_{n}"
            lines.append(f"| plain `nlp.pipe`, {label}, {n} process(es) | "
                         f"{f[f'plain_{key}']:.1f} | 1.00 | |")
            lines.append(f"| `geomap.extract`, {label}, {n} process(es) | "
                         f"{f[f'geomap_{key}']:.1f} | {f[f'geomap_{key}'] / f[f'plain_{key}']:.2f}"
                         f" | >= 20 /s |")
    lines.append(f"| peak memory, largest single process (main or worker) | "
                 f"{f['peak_mb']:.0f} MB | | <= 1.5 GB |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--one", nargs=2, type=int, metavar=("FAST", "PROCESSES"),
                        help="measure one configuration in this process and print JSON")
    parser.add_argument("--baseline", type=Path,
                        help="another checkout to compare with (same run, 2 processes)")
    parser.add_argument("--fast-row", action="store_true",
                        help="with --baseline: also compare both checkouts' --fast")
    parser.add_argument("--rounds", type=int, default=2,
                        help="alternating rounds per configuration with --baseline")
    parser.add_argument("--stages", action="store_true",
                        help="CPU ms per article per stage (with --baseline: both checkouts)")
    parser.add_argument("--fast", action="store_true", help="with --stages: without NER")
    parser.add_argument("--batch-sizes", type=int, nargs="+", metavar="N",
                        help="CPU ms per article of nlp.pipe at these batch sizes")
    parser.add_argument("--stage-one", type=int, metavar="FAST", help=argparse.SUPPRESS)
    parser.add_argument("--code", help=argparse.SUPPRESS)  # read before the imports
    args = parser.parse_args()
    if args.stage_one is not None:
        import json

        print(json.dumps(_stage_profile(Path(args.shared), args.copies, bool(args.stage_one))))
        return
    if args.batch_sizes:
        print(batch_sizes(Path(args.shared), args.copies, args.batch_sizes))
        return
    if args.stages:
        print(stages(Path(args.shared), args.copies, args.fast,
                     args.baseline.resolve() if args.baseline else None))
        return
    if args.baseline:
        print(compare(Path(args.shared), args.baseline.resolve(), args.copies, args.rounds,
                      args.fast_row))
        return
    if args.one:
        import json

        print(json.dumps(_one_configuration(Path(args.shared), args.copies, bool(args.one[0]),
                                            args.one[1])))
        return
    print(report(measure(Path(args.shared), args.copies)))


if __name__ == "__main__":
    main()
