"""Every geomap subcommand reports an error as one line: exit 2 for bad input, 1 for failures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest

GEOMAP = str(Path(sys.executable).parent / "geomap")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([GEOMAP, *args], capture_output=True, text=True, timeout=300,
                          check=False)


def one_line(proc: subprocess.CompletedProcess) -> str:
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("geomap: error: ") and "Traceback" not in proc.stderr
    return lines[0]


@pytest.fixture
def roads(tmp_path) -> Path:
    path = tmp_path / "roads.geojson"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=gpd.points_from_xy([30.0], [50.0]),
                     crs="EPSG:4326").to_file(path)
    return path


def test_render_of_a_table_that_is_not_claims(roads, tmp_path):
    proc = run("render", str(roads), "-o", str(tmp_path / "map.html"))
    assert proc.returncode == 2
    assert "claim_id" in one_line(proc)
    assert not (tmp_path / "map.html").exists()


def test_render_of_an_unreadable_file(tmp_path):
    broken = tmp_path / "claims.gpkg"
    broken.write_bytes(b"not a geopackage")
    proc = run("render", str(broken), "-o", str(tmp_path / "map.html"))
    assert proc.returncode == 2 and "cannot read claims" in one_line(proc)


def test_export_to_an_unknown_format_is_bad_input(tmp_path, roads):
    proc = run("export", str(roads), "-o", str(tmp_path / "x.unknown"))
    assert proc.returncode == 2 and "unknown export format" in one_line(proc)


def test_export_of_a_file_that_is_not_a_store(tmp_path, roads):
    proc = run("export", str(roads), "-o", str(tmp_path / "x.csv"))
    assert proc.returncode == 2 and "not" in one_line(proc)


def test_extract_of_a_missing_manifest_column_is_bad_input(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Russia said it took Sudzha.", "utf-8")
    (corpus / "manifest.csv").write_text("name,published\na.txt,2025-03-12\n", "utf-8")
    proc = run("extract", str(corpus), "-o", str(tmp_path / "x.gpkg"))
    assert proc.returncode == 2 and "a manifest needs a 'file' column" in one_line(proc)
