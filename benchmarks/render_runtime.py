"""The map's load and time step in Chromium, this checkout against another, in the same run.

What ``benchmarks/render_scale.py`` measures as "load to idle" and "time step" (and the
renderer main thread's CPU time of each), for the page this checkout builds and the page
a checkout of another commit builds (``git worktree add /tmp/base <commit>``) from the
same synthetic claims, each page built in its own process with that checkout first on
``sys.path``. The pages are then opened alternately (before, after, before, ...), each
``--loads`` times in a fresh browser, so both see the same machine; medians are printed
as a markdown table per size.

    python benchmarks/render_runtime.py --before /tmp/base [--sizes 10000,100000]
        [--loads 5] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

CHILD = """
import sys
sys.path.insert(0, {bench!r})
from render_scale import synthetic_claims
sys.path.insert(0, {root!r})  # render_scale put its own checkout first: the code measured
from geomap.render import build_map, save_map
import geomap
assert geomap.__file__.startswith({root!r}), geomap.__file__
save_map(build_map(synthetic_claims({n})), {path!r}, offline=True)
"""


def build_page(root: Path, n: int, path: Path) -> Path:
    """The offline page of *n* synthetic claims as the code of *root* builds it."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    code = CHILD.format(bench=str(REPO / "benchmarks"), root=str(root), n=n, path=str(path))
    subprocess.run([sys.executable, "-c", code], env=env, cwd=root, check=True)
    return path


def main() -> None:
    from render_scale import load_in_chromium

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout to compare with")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--loads", type=int, default=5, help="opens per page and round")
    parser.add_argument("--rounds", type=int, default=2, help="before/after alternations")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    print("| claims | map | load to idle (s) | time step, work to paint (ms) "
          "| time step, to next frame (ms) | load, main thread CPU (s) "
          "| step, main thread CPU (ms) |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for n in [int(s) for s in args.sizes.split(",")]:
        pages = {"before": build_page(args.before.resolve(), n, folder / f"before-{n}.html"),
                 "after": build_page(REPO, n, folder / f"after-{n}.html")}
        runs: dict[str, list[dict]] = {"before": [], "after": []}
        for _ in range(args.rounds):
            for name, path in pages.items():
                runs[name].append(load_in_chromium(path, steps=True, loads=args.loads))
        medians = {name: {key: statistics.median(r[key] for r in found) for key in found[0]}
                   for name, found in runs.items()}
        for name in ("before", "after"):
            m = medians[name]
            print(f"| {n:,} | {name} | {m['load']:.2f} | {m['step_paint_ms']:.1f} | "
                  f"{m['step_ms']:.0f} | {m['load_cpu']:.3f} | {m['step_cpu_ms']:.1f} |")
        b, a = medians["before"], medians["after"]
        print(f"| {n:,} | before / after | {b['load'] / a['load']:.2f}x | "
              f"{b['step_paint_ms'] / a['step_paint_ms']:.2f}x | "
              f"{b['step_ms'] / a['step_ms']:.2f}x | {b['load_cpu'] / a['load_cpu']:.2f}x | "
              f"{b['step_cpu_ms'] / a['step_cpu_ms']:.2f}x |")


if __name__ == "__main__":
    main()
