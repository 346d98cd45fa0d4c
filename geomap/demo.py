"""``python -m geomap.demo``: extraction end to end on the bundled example reports.

The example reports in ``geomap/data/examples`` are short texts written for this
project in its own words. The demo writes ``out/demo.gpkg`` (layers ``claims``
and ``mentions``) and prints the claims.
"""

from __future__ import annotations

import sys
from pathlib import Path

EXAMPLES = Path(__file__).parent / "data" / "examples"


def main(out_dir: str = "out") -> int:
    """Run the demo; returns an exit code."""
    from geomap.extract import extract
    from geomap.io.output import write_outputs

    claims, mentions = extract(EXAMPLES)
    paths = write_outputs(claims, mentions, Path(out_dir) / "demo.gpkg")
    columns = ["date_start", "claimant_side", "claimant", "event_type", "place_label", "admin1",
               "count", "hedged"]
    print(claims[columns].to_string(index=False, max_colwidth=40))
    disputes = claims[claims["disputes"].notna()]
    for row in disputes.itertuples():
        target = claims[claims["claim_id"] == row.disputes].iloc[0]
        print(f"\n{row.claimant} ({row.claimant_side}) disputes {target.claimant} "
              f"({target.claimant_side}): {target.event_type} of {target.place_label}")
    print(f"\n{claims.attrs['summary'].as_text()}")
    for path in paths:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
