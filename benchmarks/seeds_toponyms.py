"""Toponym recall and precision on the seed articles with gold places (issue 3).

    python benchmarks/seeds_toponyms.py [--shared ../shared]

Gold: ``eval/seeds_toponyms_dev.json``. Predicted places are the distinct places
of an article's mentions (every role but ``byline``). A prediction is correct
when it is a required or optional gold place: the same country code, the same
ISO 3166-2 code, a settlement within 10 km (or within 10 km of an admin-1
unit's "also" point), or, for a settlement whose coordinates no source has, a
mention of that name placed approximately at its region. Boilerplate places and
anything else count against precision. The rule is
:func:`geomap.evaluation.score_toponyms`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geomap.evaluation import score_toponyms

score = score_toponyms  # the name this script has always exported


def run(shared: Path) -> dict[str, object]:
    """Extract the seed corpus and score it."""
    from geomap.extract import extract

    _, mentions = extract(shared / "corpus" / "seeds")
    return score(mentions, shared / "eval" / "seeds_toponyms_dev.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    result = run(Path(parser.parse_args().shared))
    print(f"recall {result['recall']:.3f} ({result['found']}/{result['required']})  "
          f"precision {result['precision']:.3f} ({result['predicted']} predicted places)")
    for doc, info in result["detail"].items():
        print(f"  {doc}: missed {info['missed']}  false positives {info['false_positives']}")


if __name__ == "__main__":
    main()
