"""The control stage's output: analyse() computes once what the standalone functions give."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from pandas.testing import assert_frame_equal, assert_series_equal

from geomap.control import (
    ControlView,
    analyse,
    claim_statuses,
    control_timeline,
    disagreements,
    enters_timeline,
    region_annotations,
)
from geomap.control.areas import settlement_cells
from geomap.control.reference import read_reference, reference_agreement
from geomap.exc import SchemaError


@pytest.fixture(scope="module")
def view(seed_claims, gaz) -> ControlView:
    return analyse(seed_claims, gaz)


def _reference(tmp_path, timeline: pd.DataFrame):
    """Gornal occupied on every day from 2025-03-01 to 2025-05-31 (daily snapshots, so
    the default 3-day window finds one), after a snapshot elsewhere on 2025-01-01."""
    gornal = timeline[timeline["place_label"] == "Gornal"].iloc[0]
    occupied = shapely.Point(gornal["lon"], gornal["lat"]).buffer(0.05)
    days = pd.date_range("2025-03-01", "2025-05-31").strftime("%Y-%m-%d").tolist()
    frame = gpd.GeoDataFrame({"date": ["2025-01-01", *days]},
                             geometry=[shapely.Point(38.0, 48.0).buffer(0.05),
                                       *[occupied] * len(days)],
                             crs="EPSG:4326")
    path = tmp_path / "reference.geojson"
    frame.to_file(path, driver="GeoJSON")
    return path


def test_analyse_equals_the_standalone_functions(view, seed_claims, gaz):
    timeline = control_timeline(seed_claims)
    assert len(timeline) and len(view.timeline) == len(timeline)
    assert_frame_equal(view.timeline, timeline)
    assert_frame_equal(view.disagreements, disagreements(timeline))
    assert_series_equal(view.statuses, claim_statuses(seed_claims))
    assert_frame_equal(view.regions, region_annotations(seed_claims))
    assert_frame_equal(view.cells, settlement_cells(timeline, gaz))
    assert view.reference is None and view.agreement is None
    assert "Gornal" in set(view.disagreements["place_label"])


def test_the_view_holds_the_validated_claims(view, seed_claims):
    assert view.claims is not seed_claims
    assert view.claims.index.equals(seed_claims.index)
    assert list(view.claims["claim_id"]) == list(seed_claims["claim_id"])
    assert pd.api.types.is_datetime64_any_dtype(view.claims["date_start"])
    assert "ControlView(" in repr(view) and "timeline rows" in repr(view)


def test_dates_as_text_give_the_same_view(view, seed_claims, gaz):
    """Claims read from an older file carry ISO text dates: validated, they are the same."""
    text = seed_claims.copy()
    for column in ("date_start", "date_end", "published"):
        text[column] = text[column].dt.strftime("%Y-%m-%d").astype(object) \
            .where(text[column].notna(), None)
    again = analyse(text, gaz)
    assert_frame_equal(again.timeline, view.timeline)
    assert_frame_equal(again.disagreements, view.disagreements)


def test_standalone_functions_take_precomputed_statuses(seed_claims, tmp_path):
    statuses = claim_statuses(seed_claims)
    assert_frame_equal(control_timeline(seed_claims, statuses=statuses),
                       control_timeline(seed_claims))
    reference = read_reference(_reference(tmp_path, control_timeline(seed_claims)))
    assert_series_equal(reference_agreement(seed_claims, reference, statuses=statuses),
                        reference_agreement(seed_claims, reference))
    assert enters_timeline(seed_claims).sum() >= len(control_timeline(seed_claims))


def test_reference_path_and_agreement(view, seed_claims, gaz, tmp_path):
    path = _reference(tmp_path, view.timeline)
    with_path = analyse(seed_claims, gaz, path)
    reference = read_reference(path)
    assert_frame_equal(pd.DataFrame(with_path.reference), pd.DataFrame(reference))
    assert_series_equal(with_path.agreement, reference_agreement(seed_claims, reference))
    assert "agrees" in set(with_path.agreement)
    later = view.with_reference(reference)
    assert_series_equal(later.agreement, with_path.agreement)
    assert later.timeline is view.timeline


def test_subset_keeps_or_recomputes(view, seed_claims, gaz):
    in_timeline = enters_timeline(seed_claims).to_numpy()
    # leaving out claims that never enter the timeline keeps it
    rows = np.flatnonzero(in_timeline | (np.arange(len(seed_claims)) % 2 == 0))
    kept = view.subset(rows, gaz)
    assert kept.timeline is view.timeline and kept.cells is view.cells
    assert list(kept.claims["claim_id"]) == list(seed_claims["claim_id"].iloc[rows])
    assert list(kept.statuses.index) == list(range(len(rows)))
    # leaving out a claim of the timeline analyses the rest afresh
    rows = np.flatnonzero(seed_claims["date_start"] <= "2024-09-01")
    early = view.subset(rows, gaz)
    fresh = analyse(seed_claims.iloc[rows].reset_index(drop=True), gaz)
    assert len(early.timeline) < len(view.timeline)
    assert_frame_equal(early.timeline, fresh.timeline)
    assert_frame_equal(early.disagreements, fresh.disagreements)


def test_a_missing_column_is_named(seed_claims):
    with pytest.raises(SchemaError, match="place_kind"):
        analyse(seed_claims.drop(columns=["place_kind"]))
