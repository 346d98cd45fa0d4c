"""What the fuzzy buckets cost a process: shipped with the index against computed (issue 15).

    python benchmarks/fuzzy_buckets.py [--repeat 3]

Each measurement runs in a fresh process, on the bundled index as shipped (ready-made
buckets) and on a copy of it without the fuzzy members (what every index was before:
the buckets computed from the keys, as an older user index still gets them). Reported,
best of *repeat*, CPU milliseconds (``time.process_time``):

* load: ``PlaceIndex(path)`` (the cold start an exact look-up pays);
* warm: ``Gazetteer.warm()``, every bucket ready (what the extractor does before forking);
* first fuzzy: the first fuzzy look-up in a process that did not warm (one bucket);
* the resident memory of the process after warming (MB).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FUZZY_MEMBERS = ("fuzzy_keys.bin", "fuzzy_len.npy", "fuzzy.json")


def _one(path: str, mode: str) -> dict[str, float]:
    from gazetteer import Gazetteer
    from gazetteer.index import PlaceIndex

    start = time.process_time()
    index = PlaceIndex(path)
    load = time.process_time() - start
    gaz = Gazetteer([index])
    start = time.process_time()
    if mode == "warm":
        gaz.warm()
    else:
        assert gaz.lookup("Zaporizhzhai")[0].fuzzy
    spent = time.process_time() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"load": load * 1000, mode: spent * 1000, "rss": rss}


def _measure(path: Path, mode: str, repeat: int) -> dict[str, float]:
    best: dict[str, float] = {}
    for _ in range(repeat):
        out = subprocess.run([sys.executable, __file__, "--one", str(path), mode],
                             capture_output=True, text=True, check=True).stdout
        for key, value in json.loads(out).items():
            best[key] = min(best.get(key, value), value)
    return best


def without_buckets(source: Path, target: Path) -> Path:
    """A copy of the index *source* without its fuzzy members."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename not in FUZZY_MEMBERS:
                new.writestr(info, old.read(info.filename))
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", nargs=2, metavar=("INDEX", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one(*args.one)))
        return
    from gazetteer import _config

    with tempfile.TemporaryDirectory() as tmp:
        computed = without_buckets(_config.BUNDLE_INDEX, Path(tmp) / "places.gzi")
        rows = {}
        for label, path in (("ready-made (shipped)", _config.BUNDLE_INDEX),
                            ("computed from the keys", computed)):
            warm = _measure(path, "warm", args.repeat)
            first = _measure(path, "first", args.repeat)
            rows[label] = (min(warm["load"], first["load"]), warm["warm"], first["first"],
                           warm["rss"])
    print(f"`python benchmarks/fuzzy_buckets.py --repeat {args.repeat}` (CPU ms, best of "
          f"{args.repeat} fresh processes)\n")
    print("| fuzzy buckets | index load | warm() (all buckets) | first fuzzy look-up, "
          "not warmed | RSS after warm() |")
    print("|---|---:|---:|---:|---:|")
    for label, (load, warm, first, rss) in rows.items():
        print(f"| {label} | {load:.0f} | {warm:.0f} | {first:.0f} | {rss:.0f} MB |")


if __name__ == "__main__":
    main()
