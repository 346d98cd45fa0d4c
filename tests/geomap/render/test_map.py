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

from geomap.control import analyse, claim_statuses, control_timeline
from geomap.control.areas import control_areas, settlement_cells
from geomap.control.reference import read_reference, reference_agreement
from geomap.exc import SchemaError
from geomap.render import MissingAssetError, RenderError, build_map, read_claims, render_html
from geomap.render.assets import ASSETS, inline_assets
from geomap.render.elements import js_string_literal
from geomap.render.map import prepare_claims
from geomap.render.payload import claim_intervals, visible_on
from tests.conftest import REPO


def test_js_literal_cannot_close_the_script():
    literal = js_string_literal({"s": "</script><script>alert(1)</script>\u2028&"})
    assert "</script" not in literal and "<" not in literal and "\u2028" not in literal
    # the literal is a JSON string whose content is the JSON of the payload
    assert json.loads(json.loads(literal))["s"].startswith("</script>")


def test_intervals_follow_the_timeline(seed_claims):
    timeline = control_timeline(seed_claims)
    intervals = claim_intervals(seed_claims, timeline, claim_statuses(seed_claims),
                                window_days=30)
    gornal = seed_claims[(seed_claims["place_label"] == "Gornal")
                         & (seed_claims["event_type"] == "control")]
    # a control claim not superseded ages out of the map window_days after its date
    gap = intervals.loc[gornal.index, "shown_to"] - pd.to_datetime(gornal["date_start"])
    assert len(gornal) and (gap == pd.Timedelta(days=31)).all()
    background = seed_claims["kind"] == "background"
    strikes = seed_claims[(seed_claims["event_type"] == "strike") & ~background]
    if len(strikes):
        gap = intervals.loc[strikes.index, "shown_to"] - pd.to_datetime(strikes["date_end"])
        assert (gap == pd.Timedelta(days=31)).all()
    # background history is listed but never drawn as current
    assert (intervals.loc[background[background].index, "shown_to"]
            == intervals.loc[background[background].index, "shown_from"]).all()
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
    """Gornal inside the occupied area on every day from 2025-04-01 to 2025-05-31 (daily
    snapshots, so the default 3-day window finds one), after a snapshot elsewhere."""
    gornal = timeline[timeline["place_label"] == "Gornal"].iloc[0]
    occupied = shapely.Point(gornal["lon"], gornal["lat"]).buffer(0.05)
    elsewhere = shapely.Point(38.0, 48.0).buffer(0.05)
    days = pd.date_range("2025-04-01", "2025-05-31").strftime("%Y-%m-%d").tolist()
    frame = gpd.GeoDataFrame({"date": ["2025-01-01", *days]},
                             geometry=[elsewhere, *[occupied] * len(days)], crs="EPSG:4326")
    path = tmp_path / "reference.geojson"
    frame.to_file(path, driver="GeoJSON")
    return path


def test_reference_agreement(seed_claims, tmp_path):
    timeline = control_timeline(seed_claims)
    reference = read_reference(_reference_file(tmp_path, timeline))
    assert list(reference["valid_from"].dt.date.astype(str))[:2] == ["2025-01-01", "2025-04-01"]
    verdict = reference_agreement(seed_claims, reference)
    gornal_ru = seed_claims[(seed_claims["place_label"] == "Gornal")
                            & (seed_claims["event_type"] == "control")
                            & (seed_claims["claimant_side"] == "RU")]
    assert set(verdict[gornal_ru.index]) == {"agrees"}
    strikes = seed_claims["event_type"] == "strike"  # no rule: no verdict
    assert (verdict[strikes] == "").all()


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
    from geomap.io.tables import write_outputs

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
    # a malformed file is bad input: exit 2 under geomap.cli.errors' rule (1 before it)
    assert run.returncode == 2 and "cannot read claims" in run.stderr


def test_reference_layer_on_the_map(seed_claims, tmp_path):
    timeline = control_timeline(seed_claims)
    path = _reference_file(tmp_path, timeline)
    fmap = build_map(seed_claims, reference=path)
    html = render_html(fmap)
    assert "Reference (assessed control)" in html
    # the agreement verdict reaches the popup notes of the Gornal control claim
    assert any("reference, 2025-04-" in text and ": held by Russia — agrees" in text
               for text in fmap.geomap_data["strings"])
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


def test_a_control_view_gives_the_same_map(seed_claims, gaz):
    view = analyse(seed_claims, gaz)
    plain = build_map(seed_claims, gazetteer=gaz)
    drawn = build_map(seed_claims, control=view, gazetteer=gaz)
    assert drawn.geomap_data == plain.geomap_data
    assert drawn.geomap_control.timeline is view.timeline  # reused, not recomputed
    assert render_html(drawn).count("GeomapRuntime.claims(") == \
        render_html(plain).count("GeomapRuntime.claims(")


def test_as_of_with_a_view_analyses_the_claims_drawn(seed_claims, gaz):
    """CLI behaviour: claims after as_of are left out before the timeline is computed."""
    view = analyse(seed_claims, gaz)
    plain = build_map(seed_claims, as_of="2024-09-01", gazetteer=gaz)
    drawn = build_map(seed_claims, control=view, as_of="2024-09-01", gazetteer=gaz)
    assert drawn.geomap_data == plain.geomap_data
    assert len(drawn.geomap_control.timeline) < len(view.timeline)


def test_a_reference_with_a_view(seed_claims, gaz, tmp_path):
    path = _reference_file(tmp_path, control_timeline(seed_claims))
    plain = build_map(seed_claims, reference=path, gazetteer=gaz)
    given = build_map(seed_claims, control=analyse(seed_claims, gaz), reference=path,
                      gazetteer=gaz)
    inside = build_map(seed_claims, control=analyse(seed_claims, gaz, path), gazetteer=gaz)
    assert given.geomap_data == plain.geomap_data == inside.geomap_data
    assert "Reference (assessed control)" in render_html(inside)


def test_build_map_computes_statuses_once(seed_claims, gaz, tmp_path, monkeypatch):
    import geomap.control.timeline as timeline_module
    import geomap.control.verdicts as verdicts_module
    import geomap.control.view as view_module

    path = _reference_file(tmp_path, control_timeline(seed_claims))
    calls = []
    original = timeline_module.claim_statuses

    def counting(claims):
        calls.append(len(claims))
        return original(claims)

    for module in (timeline_module, verdicts_module, view_module):
        monkeypatch.setattr(module, "claim_statuses", counting)
    build_map(seed_claims, reference=path, gazetteer=gaz)
    assert len(calls) == 1


def test_a_view_of_other_claims_is_refused(seed_claims, gaz):
    view = analyse(seed_claims.iloc[:5], gaz)
    with pytest.raises(RenderError, match="other claims"):
        build_map(seed_claims, control=view, gazetteer=gaz)


def test_missing_event_type_raises_render_error(seed_claims):
    with pytest.raises(RenderError, match="event_type"):
        build_map(seed_claims.drop(columns=["event_type"]))
    with pytest.raises(SchemaError, match="event_type"):  # RenderError is a SchemaError
        prepare_claims(seed_claims.drop(columns=["event_type"]))


def test_prepared_text_is_plain_objects_with_none(seed_claims):
    """The prepared frame keeps its text as Python objects with None where missing, as its
    docstring says (pandas 3 would read an object array of text back as its Arrow-backed
    string dtype, with NaN, and convert it again at every read of the build)."""
    claims = seed_claims.copy()
    claims.loc[claims.index[0], "actor_side"] = None
    frame = prepare_claims(claims)
    for column in ("claim_id", "claimant", "claimant_side", "actor_side", "place_id",
                   "sentence", "place_label"):
        assert frame[column].dtype == object, column
    assert frame["actor_side"].iloc[0] is None
    assert all(isinstance(v, str) for v in frame["claim_id"])


def test_prepared_dates_and_the_text_the_payload_carries(seed_claims):
    frame = prepare_claims(seed_claims)
    # dates are datetime64 in frames now (they were ISO strings): same day, new type
    assert pd.api.types.is_datetime64_any_dtype(frame["date_start"])
    assert frame["date_start"].min() == pd.Timestamp(seed_claims["date_start"].min())
    data = build_map(seed_claims).geomap_data
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["epoch"])
    dates = [data["strings"][k] for k in data["claims"]["date"]]
    assert all(re.match(r"(\d{4}-\d{2}-\d{2}|date unknown)", text) for text in dates)
    assert any(re.search(r"; published \d{4}-\d{2}-\d{2}$", text) for text in dates)
    assert not any("00:00:00" in text for text in data["strings"])
    # claims read from an older file, with ISO text dates, draw the same map
    text = seed_claims.copy()
    for column in ("date_start", "date_end", "published"):
        text[column] = text[column].dt.strftime("%Y-%m-%d").astype(object) \
            .where(text[column].notna(), None)
    assert build_map(text).geomap_data == data
