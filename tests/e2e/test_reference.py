"""Claims against a reference, as a user runs it: `geomap score`, `geomap build
--reference` (verdicts in the store) and the map in Chromium (layer, legend, popup)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyogrio
import pytest

from tests.conftest import ARTIFACTS, Opened
from tests.geomap.control.shapes import SUDZHA, write_nzz

GEOMAP = str(Path(sys.executable).parent / "geomap")
NZZ_ARGS = ["--reference-status-field", "type",
            "--reference-status-map", "losses=UA,gains=ignore,nochange=ignore",
            "--reference-covers", "RU-KRS", "--reference-outside", "RU",
            "--reference-name", "NZZ"]
MOD = "the Russian defence ministry"
GERASIMOV = "Russia’s army Chief of Employees Valery Gerasimov"


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.run([GEOMAP, *args], capture_output=True, text=True, check=False,
                          env=env)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def nzz(tmp_path_factory) -> Path:
    """The NZZ-shaped reference, daily until 2025-04-30 (after the seeds' Gornal claims)."""
    return write_nzz(tmp_path_factory.mktemp("ref") / "nzz.geojson", end=dt.date(2025, 4, 30))


@pytest.fixture(scope="module")
def claims_file(seed_claims, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("claims") / "claims.parquet"
    frame = seed_claims.copy()
    frame.attrs = {}
    frame.to_parquet(path)
    return path


def test_score_writes_one_row_per_claimant(claims_file, nzz, tmp_path):
    out = tmp_path / "scorecard.csv"
    proc = run("score", str(claims_file), "--reference", str(nzz), *NZZ_ARGS, "-o", str(out),
               "--verdicts", str(tmp_path / "verdicts.csv"))
    assert "judged against NZZ" in proc.stdout
    table = pd.read_csv(out).set_index("claimant")
    assert table.index.is_unique
    # Gerasimov: Russia holds Gornal on 2025-04-26 -> agrees; NZZ showed it from the
    # day the salient shrank past Gornal, 14.1 km from Sudzha (2024-12-03): a lag of 144 days
    assert table.loc[GERASIMOV, ["claims", "agrees", "disagrees"]].tolist() == [1, 1, 0]
    assert table.loc[GERASIMOV, "lead_lag_days"] == 144
    assert table.loc[GERASIMOV, "over_claims"] == 0
    # the Ukrainian denials that Russia holds Gornal: NZZ contradicts them
    claims = pd.read_parquet(claims_file, columns=["claimant", "claimant_side", "event_type",
                                                   "place_label"])
    deniers = claims[(claims["place_label"] == "Gornal") & (claims["event_type"] == "denial")
                     & (claims["claimant_side"] == "UA")]["claimant"]
    assert len(deniers) >= 3
    for denier in set(deniers) & set(table.index[table["claims"] == 1]):
        assert table.loc[denier, ["claims", "agrees", "disagrees"]].tolist() == [1, 0, 1]
        assert table.loc[denier, "share_agreeing"] == 0
    # fighting reported at Malaya Loknya on 2025-01-07, near the salient's edge ("northwest
    # of Sudzha" makes Sudzha a reference point, not a second claim: issue 12)
    assert table.loc["Russian military bloggers", ["claims", "agrees"]].tolist() == [1, 1]
    assert set(table["side"]) == {"RU", "UA", "INDEPENDENT"}
    verdicts = pd.read_csv(tmp_path / "verdicts.csv")
    gornal = verdicts[verdicts["text"].str.startswith("NZZ, 2025-04-26: held by Russia",
                                                      na=False)]
    assert len(gornal) == 1 + len(deniers)  # Gerasimov's claim and the Ukrainian denials

    as_json = tmp_path / "scorecard.json"
    run("score", str(claims_file), "--reference", str(nzz), *NZZ_ARGS, "-o", str(as_json))
    doc = json.loads(as_json.read_text())
    assert len(doc["claimants"]) == len(table) and {r["side"] for r in doc["sides"]} == \
        {"RU", "UA", "INDEPENDENT"}
    as_html = tmp_path / "scorecard.html"
    run("score", str(claims_file), "--reference", str(nzz), *NZZ_ARGS, "-o", str(as_html))
    assert GERASIMOV in as_html.read_text()


def test_score_refuses_bad_options(claims_file, nzz, tmp_path):
    proc = run("score", str(claims_file), "--reference", str(nzz), "--reference-status-field",
               "type", "--reference-status-map", "losses=UA", "-o", str(tmp_path / "s.csv"),
               check=False)
    assert proc.returncode == 2
    assert "not in the status map: gains, nochange" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "s.csv").exists()


def test_build_writes_verdicts_and_the_map_shows_them(shared, nzz, tmp_path, browser):
    corpus = tmp_path / "corpus"
    shutil.copytree(shared / "corpus" / "seeds", corpus)
    out, store = tmp_path / "map.html", tmp_path / "map.gpkg"
    run("build", str(corpus), "-o", str(out), "--store", str(store), "--offline",
        "--reference", str(nzz), *NZZ_ARGS)
    verdicts = pyogrio.read_dataframe(store, layer="verdicts", read_geometry=False)
    claims = pyogrio.read_dataframe(store, layer="claims", read_geometry=False)
    assert set(verdicts["claim_id"]) <= set(claims["claim_id"])
    assert set(verdicts["reference"]) == {"NZZ"}
    assert "NZZ, 2025-04-26: held by Russia — agrees" in set(verdicts["text"])

    opened = Opened(browser, out, serve_assets=False)
    page = opened.page
    shown = ("Object.keys(window.geomap.timeLayers.filter(l => l.kind === 'reference')[0]"
             "._shown).length")
    assert page.evaluate(shown) == 0  # 2025-04-30: the Ukrainian-held salient is gone
    page.evaluate("const s = window.geomap;"
                  "s.setDay((Date.parse('2024-09-01') - Date.parse(s.data.epoch)) / 864e5)")
    assert page.evaluate(shown) == 1
    # the salient's geometry, sent as varint text, decodes around Sudzha (30 km on
    # 2024-08-15, about 27 km on 2024-09-01)
    bounds = page.evaluate("(() => { const l = window.geomap.timeLayers.filter("
                           "l => l.kind === 'reference')[0]; const b = Object.values(l._shown)"
                           "[0].getBounds(); return [b.getWest(), b.getSouth(), b.getEast(),"
                           " b.getNorth()]; })()")
    assert bounds[0] < SUDZHA[0] < bounds[2] and bounds[1] < SUDZHA[1] < bounds[3]
    assert 0.4 < bounds[3] - bounds[1] < 0.55  # 2 x 27 km of latitude, simplified
    legend = page.locator(".geomap-reference")
    assert "Reference: NZZ" in legend.inner_text()
    page.locator(".geomap-scorecard summary").click()
    assert GERASIMOV in page.locator(".geomap-scorecard table").inner_text()
    gornal = claims[(claims["place_label"] == "Gornal") & (claims["event_type"] == "control")]
    point = pyogrio.read_dataframe(store, layer="claims")
    point = point[point["claim_id"] == gornal["claim_id"].iloc[0]].geometry.iloc[0]
    page.evaluate("const s = window.geomap; s.setDay(s.data.range[1])")
    opened.click_claim(point.y, point.x)
    if page.locator(".geomap-dispute").count():  # Gornal is disputed: its claim is listed
        page.locator(".geomap-dispute .geomap-says", has_text="Gerasimov").first.click()
    popup = page.locator(".geomap-popup:not(.geomap-dispute)").last
    assert "NZZ, 2025-04-26: held by Russia —" in popup.inner_text()
    # the layer control and the legend never overlap at 1200x800
    layers = page.locator(".leaflet-control-layers").bounding_box()
    box = page.locator(".geomap-legend").bounding_box()
    assert layers["y"] + layers["height"] <= box["y"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "reference-map.png"))
    assert opened.errors == [] and opened.refused == []
    page.close()
