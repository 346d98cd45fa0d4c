"""Snapshot what geomap produces on the seeds and the demo, to compare two versions.

Usage::

    python tools/snapshot_outputs.py OUT_DIR [--shared ../shared]
    python tools/snapshot_outputs.py --compare OLD_DIR NEW_DIR

A snapshot holds, for the seed articles and for the bundled demo reports: the claims
and mentions tables (every column, geometry as WKT, dtypes ignored: values are
compared as text) and the map's data payload (``fmap.geomap_data``) plus the HTML
with folium's random element names replaced by their order of appearance. Two
snapshots are equal when a refactoring changed no behaviour.

It uses only the public API that existed before and after the renovation
(``geomap.extract``, ``geomap.render.build_map``/``render_html``).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

_FOLIUM_NAME = re.compile(r"\b([a-z_]+)_[0-9a-f]{32}\b")


def _text_table(frame) -> str:
    import pandas as pd

    frame = pd.DataFrame(frame).copy()
    if "geometry" in frame:
        frame["geometry"] = [None if g is None else g.wkt for g in frame["geometry"]]
    frame = frame.astype(object).where(frame.notna(), None)
    rows = [[("" if v is None else str(v)[:10] if c in ("date_start", "date_end", "published")
              else str(v)) for c, v in zip(frame.columns, row, strict=True)]
            for row in frame.itertuples(index=False)]
    return json.dumps({"columns": list(frame.columns), "rows": rows}, indent=0,
                      ensure_ascii=False)


def _normalised_html(html: str) -> str:
    names: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        return names.setdefault(match.group(0), f"{match.group(1)}_{len(names)}")

    return _FOLIUM_NAME.sub(rename, html)


def snapshot(out: Path, shared: Path) -> None:
    import geomap
    from geomap.render import build_map, render_html

    out.mkdir(parents=True, exist_ok=True)
    seeds = shared / "corpus" / "seeds"
    examples = Path(geomap.__file__).parent / "data" / "examples"
    for name, corpus, manifest in (("seeds", seeds, seeds / "manifest.csv"),
                                   ("demo", examples, None)):
        claims, mentions = geomap.extract(corpus, manifest=manifest)
        (out / f"{name}.claims.json").write_text(_text_table(claims), "utf-8")
        (out / f"{name}.mentions.json").write_text(_text_table(mentions), "utf-8")
        fmap = build_map(claims, title="snapshot")
        data = dict(fmap.geomap_data)
        (out / f"{name}.payload.json").write_text(
            json.dumps(data, indent=0, sort_keys=True, ensure_ascii=False, default=str), "utf-8")
        (out / f"{name}.map.html").write_text(_normalised_html(render_html(fmap)), "utf-8")


def compare(old: Path, new: Path) -> int:
    differing = 0
    for path in sorted(old.iterdir()):
        other = new / path.name
        if not other.exists():
            print(f"missing in {new}: {path.name}")
            differing += 1
            continue
        a, b = path.read_text("utf-8"), other.read_text("utf-8")
        if a == b:
            print(f"identical: {path.name} ({len(a):,} characters)")
            continue
        differing += 1
        print(f"DIFFERENT: {path.name}")
        diff = difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=1)
        for line in list(diff)[:40]:
            print("   ", line[:200])
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2]
                        / "shared")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        parser.error("give OUT_DIR or --compare OLD NEW")
    snapshot(args.out, args.shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
