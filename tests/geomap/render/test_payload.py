"""The Python -> JS payload: side names from the schema, a boolean for hollow marks, and
layers made from one declaration."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely

from geomap.render import build_map, render_html
from geomap.render import payload as P
from geomap.schema import EVENT_TYPES, SIDES


@pytest.fixture(scope="module")
def seeds_map(seed_claims):
    return build_map(seed_claims, tiles=True)


def test_side_keys_are_the_schema_sides(seeds_map):
    data = seeds_map.geomap_data
    assert data["sides"] == list(SIDES)
    assert [k for k in data["colors"] if k not in ("contested", "DISPUTE")] == list(SIDES)
    assert set(P.SIDE_LABELS) == set(SIDES)
    assert data["sideLabels"][SIDES.index("UNKNOWN")] == "Other or unattributed"
    assert "OTHER" not in data["colors"] and "OTHER" not in data["sides"]


def test_unknown_and_unlisted_sides_draw_as_unknown(seed_claims):
    claims = seed_claims.copy()
    drawn = claims.index[claims.geometry.notna() & (claims["place_kind"] != "country")]
    claims.loc[drawn[0], "claimant_side"] = "UNKNOWN"
    claims.loc[drawn[1], "claimant_side"] = "OTHER"  # not a schema side
    data = build_map(claims).geomap_data
    ids = [data["strings"][k] for k in data["claims"]["id"]]
    for label in drawn[:2]:
        index = ids.index(claims.loc[label, "claim_id"])
        assert data["sides"][data["claims"]["side"][index]] == "UNKNOWN"


def test_approximate_is_a_boolean_not_a_shape_prefix(seeds_map, seed_claims):
    data = seeds_map.geomap_data
    approx = data["claims"]["approx"]
    assert all(isinstance(flag, bool) for flag in approx)
    assert any(approx) and not all(approx)
    ids = [data["strings"][k] for k in data["claims"]["id"]]
    expected = dict(zip(seed_claims["claim_id"], seed_claims["approximate"].fillna(False),
                        strict=True))
    assert approx == [bool(expected[i]) for i in ids]
    assert not any(shape.startswith("approx_") for shape in data["shapes"])
    assert set(data["shapes"]) <= set(P.GLYPHS)
    runtime = (Path(P.__file__).parent / "static" / "geomap.js").read_text("utf-8")
    assert "approx_" not in runtime and "hollowOf" in runtime


def test_events_in_schema_order(seeds_map):
    events = seeds_map.geomap_data["events"]
    known = [e for e in events if e in EVENT_TYPES]
    assert known == sorted(known, key=EVENT_TYPES.index)


def test_layers_come_from_one_declaration(seeds_map, seed_claims):
    html = render_html(seeds_map)
    view = seeds_map.geomap_control
    data = seeds_map.geomap_data
    specs = P.layer_specs(table=data["claims"], disputes=data["disputes"], cells=view.cells,
                          timeline=view.timeline, reference=None,
                          epoch=pd.Timestamp(data["epoch"]), tiles=True)
    assert {spec.group for spec in specs} <= set(P.GROUPS) == set(P.DRAW_ORDER)
    assert {spec.factory for spec in specs} <= {*P.FACTORIES, P.TILES}
    runtime_specs = [spec for spec in specs if spec.factory != P.TILES]
    # one runtime call per declared layer, with the factory named there
    calls = re.findall(r"GeomapRuntime\.(\w+)\(geomap_runtime_\w+", html)
    assert calls == [spec.factory for group in P.DRAW_ORDER for spec in runtime_specs
                     if spec.group == group]  # drawn bottom to top
    # the layer control lists the declared labels in the declared groups
    for spec in specs:
        assert f'"{spec.label}"' in html
    for group in {spec.group for spec in specs}:
        assert f'"{group}"' in html
    order = [P.GROUPS.index(spec.group) for spec in specs]
    assert order == sorted(order)
    labels = [spec.label for spec in specs]
    assert "OpenStreetMap tiles" in labels and "Borders (Natural Earth)" in labels
    assert "Russian claims" in labels and "Sides disagree" in labels
    views = [spec for spec in specs if spec.group == "Claimed control"]
    assert {spec.label for spec in views} <= set(P.VIEW_LABELS.values())
    assert [spec.show for spec in views].count(True) == 1  # one territory view at a time
    assert "Claimed control" in P.EXCLUSIVE_GROUPS and '"exclusiveGroups"' in html


def test_front_range_leaves_background_history_out():
    bulk = pd.Series(pd.date_range("2024-08-06", "2025-04-26", freq="3D"))
    history = pd.Series(pd.to_datetime(["2022-02-24", "2022-03-01"]))
    assert P.front_range(pd.concat([history, bulk])) == pd.Timestamp("2024-08-06")
    # a gap inside the bulk (more than a quarter of the claims before it) is kept
    half = pd.Series(pd.date_range("2023-01-01", "2023-06-01", freq="2D"))
    assert P.front_range(pd.concat([half, bulk])) == pd.Timestamp("2023-01-01")
    assert P.front_range(pd.Series([], dtype="datetime64[ns]")) is None


def test_background_claims_are_never_shown(seed_claims):
    claims = seed_claims.copy()
    claims["kind"] = "claim"
    old = claims["date_start"] < "2024-01-01"
    assert old.any()
    claims.loc[old, "kind"] = "background"
    data = build_map(claims).geomap_data
    ids = [data["strings"][k] for k in data["claims"]["id"]]
    table = data["claims"]
    for claim_id in claims.loc[old, "claim_id"]:
        if claim_id in ids:
            k = ids.index(claim_id)
            assert table["t0"][k] >= table["t1"][k]  # an empty interval: never drawn
    epoch = pd.Timestamp(data["epoch"])
    assert epoch + pd.Timedelta(days=data["range"][0]) >= pd.Timestamp("2024-06-01")


def test_places_regions_and_shared_cells(seeds_map):
    data = seeds_map.geomap_data
    places = data["places"]
    assert "Sudzha" in places["name"] and len(set(places["name"])) == len(places["name"])
    assert places["n"] == sorted(places["n"], reverse=True)  # most named first
    assert "Kursk Oblast" in data["regions"]["name"]
    region_rows = [k for k, r in enumerate(data["claims"]["region"]) if r >= 0]
    assert region_rows  # "74 settlements in Kursk Oblast" is a region badge, not a point
    shapes = data["cellShapes"]
    assert shapes and len(shapes) == len(data["cellNames"])
    # SVG path data in map units (payload.mercator_paths: zoom-0 Web Mercator pixels times
    # cellScale, "M x y l dx dy ... z" per ring) decodes to the control view's cells, to
    # within the rounding to a map unit (under 40 m)
    cells = seeds_map.geomap_control.cells.drop_duplicates("place_id")
    assert len(cells) == len(shapes)
    scale = data["cellScale"]

    def rings(path: str) -> list[np.ndarray]:
        out = []
        for ring in re.findall(r"M(-?\d+) (-?\d+)l([-\d ]*)z", path):
            steps = np.array([int(ring[0]), int(ring[1]), *map(int, ring[2].split())])
            xy = np.cumsum(steps.reshape(-1, 2), axis=0) / scale
            lon = xy[:, 0] / 256 * 360 - 180
            lat = np.degrees(2 * np.arctan(np.exp(np.pi * (1 - xy[:, 1] / 128))) - np.pi / 2)
            out.append(np.column_stack([lon, lat]))
        return out

    for shape, cell, name in zip(shapes, cells.geometry, data["cellNames"], strict=True):
        decoded = shapely.union_all([shapely.Polygon(r) for r in rings(shape)])
        assert rings(shape) and decoded.hausdorff_distance(cell) < 0.001, name
    assert set(data["cellNames"]) & set(places["name"])
    assert set(P.SHAPES.values()) <= set(P.GLYPHS) and len(set(P.SHAPES.values())) == 8
    assert P.COLORS["contested"] != P.COLORS["DISPUTE"]


def test_the_page_carries_the_texts_in_a_second_block(seeds_map, tmp_path):
    """The first block holds what the first view draws (the claims' drawn columns, the
    names of the others); the second the string table and the claims' text columns. Put
    together they are the payload, whether the page is streamed (save_map) or rendered
    whole by folium's own save()."""
    import json

    from geomap.render import save_map
    from geomap.render.elements import DRAWN_COLUMNS, read_details

    data = seeds_map.geomap_data
    streamed = save_map(seeds_map, tmp_path / "map.html").read_text("utf-8")
    seeds_map.save(str(tmp_path / "folium.html"))
    whole = (tmp_path / "folium.html").read_text("utf-8")
    for page in (streamed, whole):
        first = json.loads(re.search(
            r'<script type="application/json" id="geomap-data-\w+">(.*?)</script>',
            page, re.S).group(1))["data"]
        packed = re.findall(r'<script type="application/octet-stream" '
                            r'data-encoding="deflate-base64" id="geomap-data-\w+-details">'
                            r'([A-Za-z0-9+/=]*)</script>', page)
        assert len(packed) == 1  # ASCII only: base64 of the deflated JSON
        details = read_details(packed[0])
        assert "strings" not in first and set(first["claims"]) == set(DRAWN_COLUMNS)
        assert first["detailColumns"] == [k for k in data["claims"] if k not in DRAWN_COLUMNS]
        assert details["strings"] == data["strings"]
        merged = {**first["claims"], **details["claims"]}
        assert json.loads(json.dumps(merged)) == json.loads(json.dumps(data["claims"]))
        assert page.index('id="geomap-data-') < page.index('-details">')


def test_path_text_is_the_numbers_written_out():
    """mercator_paths writes its numbers with numpy (payload._path_text): the text is the
    one formatting each number with ``str`` gives ("M x y l dx dy ... z" per ring, a line
    without z), for negative numbers, zeros and numbers of every length, in a polygon
    with a hole, a multipolygon, a line across the map, and nothing for a point."""
    geometries = np.array([
        shapely.Polygon([(30, 50), (30.5, 50), (30.5, 50.5), (30, 50)],
                        [[(30.1, 50.1), (30.2, 50.1), (30.2, 50.2), (30.1, 50.1)]]),
        shapely.MultiPolygon([shapely.box(-170, -80, -169.99, -79.99), shapely.box(0, 0, 1, 1)]),
        shapely.LineString([(179.9, 85), (-179.9, -85), (0, 0)]),
        shapely.Point(1, 1),
    ], dtype=object)
    scale = P.PATH_SCALE

    def expected(geometry) -> str:
        rings = []
        parts = getattr(geometry, "geoms", [geometry])
        for part in parts:
            if part.geom_type == "Polygon":
                rings += [(ring.coords, True) for ring in [part.exterior, *part.interiors]]
            elif part.geom_type == "LineString":
                rings.append((part.coords, False))
        text = ""
        for coords, closed in rings:
            xy = []
            for lon, lat in coords:
                s = np.sin(np.radians(np.clip(lat, -85.0511287798, 85.0511287798)))
                xy.append((int(np.round(256 * (lon / 360 + 0.5) * scale)),
                           int(np.round((128 - 256 / (4 * np.pi) * np.log((1 + s) / (1 - s)))
                                        * scale))))
            steps = [f"{b[0] - a[0]} {b[1] - a[1]}" for a, b in itertools.pairwise(xy)]
            text += f"M{xy[0][0]} {xy[0][1]}l{' '.join(steps)}" + ("z" if closed else "")
        return text

    assert P.mercator_paths(geometries) == [expected(g) for g in geometries]
    assert P.mercator_paths(geometries)[3] == ""  # a point is no path
