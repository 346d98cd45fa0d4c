"""The render stage without a browser: data table, intervals, escaping, assets, CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geomap.areas import control_areas, settlement_cells
from geomap.control import control_timeline
from geomap.reference import read_reference, reference_agreement
from geomap.render import MissingAssetError, build_map, read_claims, render_html
from geomap.render.assets import ASSETS, inline_assets
from geomap.render.elements import js_string_literal
from geomap.render.payload import claim_intervals, visible_on

REPO = Path(__file__).resolve().parent.parent


def test_js_literal_cannot_close_the_script():
    literal = js_string_literal({"s": "</script><script>alert(1)</script>\u2028&"})
    assert "</script" not in literal and "<" not in literal and "\u2028" not in literal
    # the literal is a JSON string whose content is the JSON of the payload
    assert json.loads(json.loads(literal))["s"].startswith("</script>")


def test_intervals_follow_the_timeline(seed_claims):
    timeline = control_timeline(seed_claims)
    intervals = claim_intervals(seed_claims, timeline, window_days=30)
    gornal = seed_claims[(seed_claims["place_label"] == "Gornal")
                         & (seed_claims["event_type"] == "control")]
    assert len(gornal) and intervals.loc[gornal.index, "shown_to"].isna().all()  # open
    strikes = seed_claims[seed_claims["event_type"] == "strike"]
    if len(strikes):
        gap = intervals.loc[strikes.index, "shown_to"] - pd.to_datetime(strikes["date_end"])
        assert (gap == pd.Timedelta(days=31)).all()
    before = visible_on(intervals, "2023-06-01")
    assert not before[seed_claims["date_start"].notna()].any()


def test_control_areas_stay_inside_the_named_region(seed_claims, gaz):
    timeline = control_timeline(seed_claims)
    cells = settlement_cells(timeline, gaz)
    assert len(cells)
    for row in cells.itertuples():
        region = gaz.admin1_polygon(row.admin1)
        assert region.buffer(1e-6).covers(row.geometry), row.place_label
        # never further than the radius (8 km ~ 0.072 deg lat, 0.115 deg lon at 51N)
        minx, miny, maxx, maxy = row.geometry.bounds
        assert maxy - miny <= 0.145 and maxx - minx <= 0.235
    areas = control_areas(timeline, "2025-04-27", gaz, cells=cells)
    ru = areas[(areas["claimant_side"] == "RU") & (areas["status"] == "RU")]
    gornal = timeline[timeline["place_label"] == "Gornal"].iloc[0]
    assert ru.geometry.iloc[0].contains(shapely.Point(gornal["lon"], gornal["lat"]))


def _reference_file(tmp_path: Path, timeline: pd.DataFrame) -> Path:
    """Two snapshots: Gornal inside the occupied area from 2025-04-01 only."""
    gornal = timeline[timeline["place_label"] == "Gornal"].iloc[0]
    occupied = shapely.Point(gornal["lon"], gornal["lat"]).buffer(0.05)
    elsewhere = shapely.Point(38.0, 48.0).buffer(0.05)
    frame = gpd.GeoDataFrame({"date": ["2025-01-01", "2025-04-01"]},
                             geometry=[elsewhere, occupied], crs="EPSG:4326")
    path = tmp_path / "reference.geojson"
    frame.to_file(path, driver="GeoJSON")
    return path


def test_reference_agreement(seed_claims, tmp_path):
    timeline = control_timeline(seed_claims)
    reference = read_reference(_reference_file(tmp_path, timeline))
    assert list(reference["valid_from"].dt.date.astype(str)) == ["2025-01-01", "2025-04-01"]
    verdict = reference_agreement(seed_claims, reference)
    gornal_ru = seed_claims[(seed_claims["place_label"] == "Gornal")
                            & (seed_claims["event_type"] == "control")
                            & (seed_claims["claimant_side"] == "RU")]
    assert set(verdict[gornal_ru.index]) == {"agrees"}
    not_control = seed_claims["event_type"] != "control"
    assert (verdict[not_control] == "").all()


def test_reference_without_dates_is_refused(tmp_path):
    path = tmp_path / "nodate.geojson"
    gpd.GeoDataFrame({"name": ["x"]}, geometry=[shapely.box(0, 0, 1, 1)],
                     crs="EPSG:4326").to_file(path, driver="GeoJSON")
    with pytest.raises(ValueError, match="no date property"):
        read_reference(path)


def test_as_of_leaves_out_later_claims(seed_claims):
    fmap = build_map(seed_claims, as_of="2024-09-01")
    data = fmap.geomap_data
    kept = set(data["strings"][i] for i in data["claims"]["id"])
    later = seed_claims[pd.to_datetime(seed_claims["date_start"]) > "2024-09-01"]
    assert kept and not kept & set(later["claim_id"])
    assert data["slider"] is False


def test_offline_html_links_nothing(seed_claims):
    html = render_html(build_map(seed_claims), offline=True)
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?:', html)
    assert "L.Map" in html or "L.map" in html  # Leaflet itself is inside
    online = render_html(build_map(seed_claims))
    linked = set(re.findall(r'(?:src|href)="(https?://[^"]+)"', online))
    assert linked and linked <= set(ASSETS)  # only assets geomap can inline
    assert "jquery" not in online.lower() and "bootstrap" not in online.lower()


def test_missing_asset_names_the_install_command(seed_claims, monkeypatch, tmp_path):
    monkeypatch.setenv("GEOMAP_ASSETS", str(tmp_path / "empty"))
    html = render_html(build_map(seed_claims))
    with pytest.raises(MissingAssetError, match="make assets"):
        inline_assets(html)


def test_asset_versions_match_the_lock_file():
    lock = json.loads((REPO / "assets" / "package-lock.json").read_text())
    for package, version, _ in ASSETS.values():
        assert lock["packages"][f"node_modules/{package}"]["version"] == version


def test_render_cli(seed_claims, tmp_path):
    from geomap.io.output import write_outputs

    store = tmp_path / "claims.gpkg"
    write_outputs(seed_claims, seed_claims.iloc[0:0], store)
    assert len(read_claims(store)) == len(seed_claims)
    exe = Path(sys.executable).parent / "geomap"
    out = tmp_path / "map.html"
    run = subprocess.run([str(exe), "render", str(store), "-o", str(out), "--offline"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert out.stat().st_size > 100_000 and "offline" in run.stdout
    bad = tmp_path / "bad.geojson"
    bad.write_text("{not json", encoding="utf-8")
    run = subprocess.run([str(exe), "render", str(bad), "-o", str(out)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1 and "cannot read claims" in run.stderr


def test_reference_layer_on_the_map(seed_claims, tmp_path):
    timeline = control_timeline(seed_claims)
    path = _reference_file(tmp_path, timeline)
    fmap = build_map(seed_claims, reference=path)
    html = render_html(fmap)
    assert "Reference (assessed control)" in html
    # the agreement verdict reaches the popup notes of the Gornal control claim
    assert any("reference: agrees" in text for text in fmap.geomap_data["strings"])
    exe = Path(sys.executable).parent / "geomap"
    store = tmp_path / "claims.parquet"
    frame = seed_claims.copy()
    frame.attrs = {}  # the run summary is not table metadata
    frame.to_parquet(store)
    run = subprocess.run([str(exe), "render", str(store), "-o", str(tmp_path / "m.html"),
                          "--reference", str(path), "--as-of", "2025-04-30"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def test_far_claims_do_not_zoom_the_map_out(seed_claims):
    fmap = build_map(seed_claims)
    (south, west), (north, east) = fmap.geomap_bounds
    assert west > 30 and east < 45 and south > 45 and north < 55  # not Siberia


def test_nullable_dtypes_draw(seed_claims):
    """Claims read back from Parquet come with pandas' NA in string columns."""
    typed = seed_claims.convert_dtypes()
    assert typed["url"].isna().any()
    html = render_html(build_map(typed))
    assert "<NA>" not in html
    plain = build_map(seed_claims).geomap_data["claims"]
    assert build_map(typed).geomap_data["claims"]["t0"] == plain["t0"]
