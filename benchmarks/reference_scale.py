"""Reference layers at scale: build time, memory, HTML size, load and day step in Chromium.

Synthesises two references of the shapes people have (no third-party data):

* **NZZ-shaped**: 521 features over 298 days: a detailed Ukrainian-held salient
  (``losses``, 1500 vertices, redrawn every third day), recent Russian gains (``gains``,
  400 vertices, on 150 days, redrawn every sixth day) and the whole occupied front
  (``nochange``, 8000 vertices, on 73 days, redrawn every 14 days), with a ``snapshot``
  date and a ``type``;
* **DeepStateMap-shaped**: 300 daily files of one occupied polygon (3000 vertices, the
  front moving every other day), the date only in the file name (for today's
  implementation, which cannot read a directory, the same polygons in one GeoJSON with a
  ``date`` property; this worktree's code also draws that single file, case
  ``deepstate-file``, to compare its directory path with its single-file path).

Each is drawn with 300 synthetic claims by this worktree's code and by today's
implementation (the main checkout, ``--baseline-root``), in the same run, each in its own
process (time and peak memory of ``build_map`` + ``save_map``, offline), then each map is
opened in Chromium (load, median day step: :func:`render_scale.load_in_chromium`).

    python benchmarks/reference_scale.py [--baseline-root CHECKOUT] [--no-baseline] \
        [--repeat N]

Prints a markdown table; the row ``none`` is the same map without a reference (what a
reference adds is the difference).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
START = dt.date(2024, 8, 15)
DAYS = 298
SUDZHA = (35.271, 51.191)
#: Cases: no reference, NZZ-shaped, DeepStateMap-shaped as a directory of per-day files,
#: and the same DeepStateMap history as one GeoJSON with a ``date`` column (new code only).
CASES = ("none", "nzz", "deepstate", "deepstate-file")
INPUTS = {"nzz": "nzz.geojson", "deepstate": "deepstate", "deepstate-file": "deepstate.geojson"}
NZZ_OPTIONS = {"status_field": "type",
               "status_map": {"losses": "UA", "gains": "RU", "nochange": "RU"}}


def _ring(lon: float, lat: float, km: float, vertices: int, seed: int, wobble: float = 0.06):
    """A jagged closed ring of *vertices* points around (lon, lat), radius about *km*."""
    rng = np.random.default_rng(seed)
    angles = np.linspace(0, 2 * math.pi, vertices, endpoint=False)
    radius = km * (1 + wobble * np.sin(7 * angles) + 0.02 * np.sin(31 * angles))
    # a front that follows fields and rivers: bends of 0.2-1 km every few hundred metres,
    # which survive a 100 m simplification, plus ~30 m of digitising noise
    bends = rng.normal(0, 0.5, vertices // 4 + 1).repeat(4)[:vertices]
    radius = radius + np.convolve(bends, np.ones(3) / 3, mode="same") + \
        rng.normal(0, 0.03, vertices)
    dlat = radius / 111.32
    dlon = dlat / math.cos(math.radians(lat))
    xy = np.column_stack([lon + dlon * np.cos(angles), lat + dlat * np.sin(angles)])
    return np.vstack([xy, xy[:1]])


def nzz_frame():
    """The NZZ-shaped reference (521 features, 298 days)."""
    import geopandas as gpd
    import shapely

    rows, geometry = [], []
    for k in range(DAYS):
        day = (START + dt.timedelta(days=k)).isoformat()
        epoch = k // 3
        rows.append({"snapshot": day, "type": "losses"})
        geometry.append(shapely.Polygon(_ring(*SUDZHA, 30 - 0.09 * epoch * 3, 1500, epoch)))
        if k % 2 == 0 and len([r for r in rows if r["type"] == "gains"]) < 150:
            rows.append({"snapshot": day, "type": "gains"})
            geometry.append(shapely.Polygon(_ring(35.6, 51.0, 4, 400, 1000 + k // 6)))
        if k % 4 == 0 and len([r for r in rows if r["type"] == "nochange"]) < 73:
            rows.append({"snapshot": day, "type": "nochange"})
            geometry.append(shapely.Polygon(_ring(37.8, 48.2, 120, 8000, 5000 + k // 14,
                                                  wobble=0.1)))
    return gpd.GeoDataFrame(rows, geometry=geometry, crs="EPSG:4326")


def deepstate_polygons() -> list:
    import shapely

    return [shapely.Polygon(_ring(37.9, 48.6, 90 + 0.05 * (k // 2), 3000, 9000 + k // 2,
                                  wobble=0.1)) for k in range(300)]


def synthetic_claims(n: int = 300):
    """*n* control claims in and around the salient and the occupied front."""
    import pandas as pd

    from geomap.schema import CLAIM_COLUMNS, to_geodataframe

    rng = np.random.default_rng(3)
    rows = []
    for k in range(n):
        kursk = k % 2 == 0
        lon, lat = (SUDZHA if kursk else (37.8, 48.2))
        lon, lat = lon + rng.normal(0, 0.25), lat + rng.normal(0, 0.2)
        side = "RU" if k % 3 else "UA"
        day = (pd.Timestamp(START) + pd.Timedelta(days=int(rng.integers(0, DAYS)))).date()
        rows.append({"claim_id": f"c{k}", "doc_id": f"d{k}", "published": day,
                     "source": "synthetic", "claimant": f"claimant {k % 7}",
                     "claimant_side": side, "event_type": "control", "actor_side": side,
                     "place_name": f"place {k % 120}", "place_id": f"syn:{k % 120}",
                     "place_kind": "settlement", "admin1": "RU-KRS" if kursk else "UA-14",
                     "precision": 1, "approximate": False, "date_start": day, "date_end": day,
                     "date_precision": "day", "hedged": False,
                     "sentence": f"Claimant {k % 7} says place {k % 120} is held.",
                     "place_label": f"place {k % 120}", "geometry": (lon, lat)})
    return to_geodataframe(rows, CLAIM_COLUMNS)


def write_inputs(folder: Path) -> dict[str, Path]:
    import geopandas as gpd

    claims = synthetic_claims()
    claims.to_parquet(folder / "claims.parquet")
    nzz = nzz_frame()
    nzz.to_file(folder / "nzz.geojson", driver="GeoJSON")
    polygons = deepstate_polygons()
    daily = folder / "deepstate"
    daily.mkdir()
    dates = [(START + dt.timedelta(days=k)).isoformat() for k in range(300)]
    for day, polygon in zip(dates, polygons, strict=True):
        gpd.GeoDataFrame({"name": ["occupied"]}, geometry=[polygon], crs="EPSG:4326") \
            .to_file(daily / f"deepstate_{day}.geojson", driver="GeoJSON")
    gpd.GeoDataFrame({"date": dates}, geometry=polygons, crs="EPSG:4326") \
        .to_file(folder / "deepstate.geojson", driver="GeoJSON")
    return {"claims": folder / "claims.parquet", "nzz": folder / "nzz.geojson",
            "deepstate_dir": daily, "deepstate_file": folder / "deepstate.geojson"}


def worker(impl: str, case: str, folder: Path, out: Path) -> None:
    """Draw one case with the code on ``sys.path`` (this worktree or the baseline)."""
    import geopandas as gpd

    from geomap.render import build_map, save_map

    claims = gpd.read_parquet(folder / "claims.parquet")
    started = time.perf_counter()
    if case == "none":
        reference, verdict_seconds = None, None
    elif impl == "new":
        from geomap.control import ReferenceOptions, read_reference

        options = (ReferenceOptions(**NZZ_OPTIONS, name="NZZ") if case == "nzz" else
                   ReferenceOptions(holds="RU", name="DeepStateMap"))
        reference = read_reference(folder / INPUTS[case], options)
        verdict_seconds = -1.0  # measured after the build, not counted in it
    else:
        reference = folder / ("nzz.geojson" if case == "nzz" else "deepstate.geojson")
        verdict_seconds = None
    read_seconds = time.perf_counter() - started
    extra = {"reference_date_field": "snapshot"} if impl == "today" and case == "nzz" else {}
    fmap = build_map(claims, reference=reference, title=f"{case} ({impl})", **extra)
    path = save_map(fmap, out.with_suffix(".html"), offline=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if verdict_seconds is not None:  # the verdicts alone (build_map computed them once)
        from geomap.control import claim_verdicts

        verdicts_started = time.perf_counter()
        claim_verdicts(claims, reference)
        verdict_seconds = time.perf_counter() - verdicts_started
    out.write_text(json.dumps({"seconds": seconds, "peak_mb": peak, "html": str(path),
                               "mb": path.stat().st_size / 1e6, "read_seconds": read_seconds,
                               "verdict_seconds": verdict_seconds}))


def _spawn(root: Path, impl: str, case: str, folder: Path) -> dict:
    out = folder / f"{case}-{impl}.json"
    env = {**os.environ, "PYTHONPATH": str(root)}
    subprocess.run([sys.executable, __file__, "--worker", impl, case, str(folder), str(out)],
                   check=True, env=env, cwd=root)
    return json.loads(out.read_text())


def run(baseline_root: Path | None, repeat: int = 1) -> list[dict]:
    """Every case and implementation, *repeat* times in turn (so that the machine's load
    falls alike on each); each figure is the median of the repeats."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from render_scale import load_in_chromium

    runs: dict[tuple[str, str], list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="geomap-refbench-") as scratch:
        folder = Path(scratch)
        write_inputs(folder)
        for _ in range(repeat):
            for case in CASES:
                impls = [("new", REPO)] + ([("today", baseline_root)] if baseline_root else [])
                impls = impls[:1] if case in ("none", "deepstate-file") else impls
                for impl, root in impls:
                    result = _spawn(root, impl, case, folder)
                    opened = load_in_chromium(Path(result["html"]), steps=True)
                    runs.setdefault((case, impl), []).append(
                        {"case": case, "impl": impl, **result, "load": opened["load"],
                         "step": opened["step_paint_ms"]})
    return [{key: (statistics.median(r[key] for r in found)
                   if isinstance(found[0][key], float) else found[0][key])
             for key in found[0]} for found in runs.values()]


def report(rows: list[dict]) -> str:
    lines = ["| reference | implementation | build s | of which reading s | peak MB | HTML MB "
             "| load s | day step, work to paint ms | verdicts s |",
             "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        verdicts = "" if row["verdict_seconds"] is None else f"{row['verdict_seconds']:.2f}"
        reading = "" if row["case"] == "none" else f"{row['read_seconds']:.2f}"
        lines.append(f"| {row['case']} | {row['impl']} | {row['seconds']:.1f} | {reading} | "
                     f"{row['peak_mb']:.0f} | {row['mb']:.2f} | {row['load']:.2f} | "
                     f"{row['step']:.1f} | {verdicts} |")
    by = {(r["case"], r["impl"]): r for r in rows}
    none = by.get(("none", "new"))
    for case in ("nzz", "deepstate", "deepstate-file"):
        new = by.get((case, "new"))
        if new and none:
            lines.append(f"\n{case}: the reference adds {new['seconds'] - none['seconds']:.1f} s "
                         f"to the build, {new['mb'] - none['mb']:.2f} MB and "
                         f"{new['load'] - none['load']:.2f} s of load to the map without one")
    for case in ("nzz", "deepstate"):
        new, old = by.get((case, "new")), by.get((case, "today"))
        if new and old:
            lines.append(f"\n{case}: build {old['seconds'] / new['seconds']:.1f}x faster, "
                         f"HTML {old['mb'] / new['mb']:.1f}x smaller, load "
                         f"{old['load'] / new['load']:.1f}x faster, day step "
                         f"{old['step'] / max(new['step'], 0.01):.1f}x faster, peak memory "
                         f"{old['peak_mb'] / new['peak_mb']:.1f}x lower than today's")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worker", nargs=4, metavar=("IMPL", "CASE", "FOLDER", "OUT"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--baseline-root", type=Path, default=Path("/work/main"),
                        help="Checkout of today's implementation (default /work/main).")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--repeat", type=int, default=1,
                        help="Runs of every case (figures are medians; default 1).")
    args = parser.parse_args()
    if args.worker:
        impl, case, folder, out = args.worker
        worker(impl, case, Path(folder), Path(out))
        return
    print(report(run(None if args.no_baseline else args.baseline_root, args.repeat)))


if __name__ == "__main__":
    main()
