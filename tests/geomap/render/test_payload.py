"""The Python -> JS payload: side names from the schema, a boolean for hollow marks, and
layers made from one declaration."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

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
    show = {spec.label: spec.show for spec in specs}
    assert show.get("Independent analysts: control", False) is False
