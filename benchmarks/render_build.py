"""The map's build, this checkout against another, in the same run: CPU and wall seconds.

What ``benchmarks/render_scale.py`` times as "build HTML" (``build_map`` then
``save_map(offline=True)`` of its synthetic claims, after one untimed warm-up build), for
this checkout and for a checkout of another commit (``git worktree add /tmp/base <commit>``),
each in its own process with that checkout first on ``sys.path``, alternating, so the two
see the same machine. Prints a markdown table of the best (lowest) of ``--repeat``
processes of ``--builds`` builds each, per size: process CPU time, which a shared machine
disturbs less than wall time, and wall time.

    python benchmarks/render_build.py --before /tmp/base [--sizes 10000,100000] [--repeat 2]
        [--builds 1]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHILD = """
import json, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, {bench!r})
from render_scale import synthetic_claims
sys.path.insert(0, {root!r})  # render_scale put its own checkout first: the code measured
from geomap.render import build_map, save_map
import geomap
assert geomap.__file__.startswith({root!r}), geomap.__file__
folder = Path(tempfile.mkdtemp())
save_map(build_map(synthetic_claims(200, seed=1)), folder / "warm.html", offline=True)
claims = synthetic_claims({n})
best = [float("inf"), float("inf")]
for _ in range({builds}):
    cpu, wall = time.process_time(), time.perf_counter()
    save_map(build_map(claims), folder / "map.html", offline=True)
    best = [min(best[0], time.process_time() - cpu), min(best[1], time.perf_counter() - wall)]
print(json.dumps(best))
"""


def build_once(root: Path, n: int, builds: int = 1) -> tuple[float, float]:
    """CPU and wall seconds of the fastest of *builds* builds of *n* claims (one process)
    with the code of *root*."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    code = CHILD.format(bench=str(REPO / "benchmarks"), root=str(root), n=n,
                        builds=builds)
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=root, check=True,
                         capture_output=True, text=True).stdout
    cpu, wall = json.loads(out.strip().splitlines()[-1])
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True,
                        help="a checkout of the commit to compare with")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=2, help="processes per checkout")
    parser.add_argument("--builds", type=int, default=1, help="builds per process")
    args = parser.parse_args()
    roots = {"before": args.before.resolve(), "after": REPO}
    print("| claims | build | CPU (s) | wall (s) |")
    print("|---:|---|---:|---:|")
    for n in [int(size) for size in args.sizes.split(",")]:
        best: dict[str, tuple[float, float]] = {}
        for _ in range(args.repeat):
            for name, root in roots.items():
                cpu, wall = build_once(root, n, args.builds)
                old = best.get(name)
                best[name] = (min(cpu, old[0]), min(wall, old[1])) if old else (cpu, wall)
        for name in roots:
            print(f"| {n:,} | {name} | {best[name][0]:.2f} | {best[name][1]:.2f} |")
        print(f"| {n:,} | before / after | {best['before'][0] / best['after'][0]:.2f}x | "
              f"{best['before'][1] / best['after'][1]:.2f}x |")


if __name__ == "__main__":
    main()
