"""``geomap demo``: the whole pipeline on the example reports bundled with geomap.

The reports in ``geomap/data/examples`` are short texts written for this
project, in its own words, about the Kursk campaign (August 2024 to April
2025): claims by both sides and by independent analysts, denials, relative
dates, and a hamlet only the Rosstat settlements know. The demo writes
``out/demo.gpkg`` (the store) and ``out/demo.html`` (one offline file) and
prints their paths.
"""

from __future__ import annotations

import sys
from pathlib import Path

EXAMPLES = Path(__file__).parent / "data" / "examples"


def main(out_dir: str = "out") -> int:
    """Run the demo; returns an exit code."""
    from geomap.build import build

    out = Path(out_dir)
    report = build(EXAMPLES, output=out / "demo.html", store=out / "demo.gpkg", offline=True,
                   rebuild=True,
                   map_options={"title": "geomap demo: the Kursk incursion, Aug 2024 - Apr 2025"})
    claims = report.claims
    columns = ["date_start", "claimant_side", "claimant", "event_type", "place_label", "hedged"]
    print(claims.sort_values("date_start")[columns].to_string(index=False, max_colwidth=38))
    for row in claims[claims["disputes"].notna()].itertuples():
        target = claims[claims["claim_id"] == row.disputes]
        if len(target):
            target = target.iloc[0]
            print(f"{row.claimant} ({row.claimant_side}) disputes {target.claimant} "
                  f"({target.claimant_side}): {target.event_type} of {target.place_label}")
    print()
    print(report.as_text())
    print(f"\nOpen the map: {(out / 'demo.html').resolve().as_uri()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
