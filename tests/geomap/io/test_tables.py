"""Claims tables on disk: every format keeps the schema's dtypes on the way back in."""

from __future__ import annotations

import pandas as pd
import pyogrio
import pytest

from geomap.exc import OutputError, SchemaError
from geomap.io.store import Store, read_store, write_store
from geomap.io.tables import read_claims, write_outputs
from geomap.schema import CLAIM_COLUMNS, CLAIM_DTYPES, MENTION_COLUMNS


@pytest.fixture(scope="module")
def seeds(shared):
    from geomap.extract import extract

    return extract(shared / "corpus" / "seeds")


def test_frames_handed_to_users_have_the_schema_dtypes(seeds):
    claims, mentions = seeds
    assert list(claims.columns) == CLAIM_COLUMNS and list(mentions.columns) == MENTION_COLUMNS
    for column, dtype in CLAIM_DTYPES.items():
        assert str(claims[column].dtype) == dtype, column
    assert claims["date_start"].dt.year.max() == 2025  # .dt works on dates


@pytest.mark.parametrize("suffix", [".gpkg", ".parquet", ".geojson"])
def test_round_trip_keeps_values_and_dtypes(seeds, tmp_path, suffix):
    claims, mentions = seeds
    out = tmp_path / f"claims{suffix}"
    write_outputs(claims, mentions, out)
    back = read_claims(out)
    for column in CLAIM_DTYPES:
        assert back[column].dtype == claims[column].dtype, column
    # nullable integers and booleans keep their missing values instead of becoming floats
    assert back["count"].isna().sum() == claims["count"].isna().sum() > 0
    assert back["count"].dropna().tolist() == claims["count"].dropna().tolist()
    assert back["place_start"].isna().equals(claims["place_start"].isna())
    pd.testing.assert_series_equal(back["date_start"], claims["date_start"], check_names=False)
    assert back["hedged"].tolist() == claims["hedged"].tolist()


def test_dates_are_iso_text_on_disk(seeds, tmp_path):
    claims, mentions = seeds
    out = tmp_path / "claims.gpkg"
    write_outputs(claims, mentions, out)
    raw = pyogrio.read_dataframe(out, layer="claims", read_geometry=False)
    first = raw["date_start"].dropna().iloc[0]
    assert isinstance(first, str) and len(first) == 10 and first[4] == "-"


def test_store_round_trip(seeds, tmp_path):
    claims, mentions = seeds
    store = Store.empty()
    store.claims, store.mentions = claims, mentions
    write_store(store, tmp_path / "run.gpkg")
    back = read_store(tmp_path / "run.gpkg")
    assert back.claims["claim_id"].tolist() == claims["claim_id"].tolist()
    assert str(back.claims["count"].dtype) == "Int64"
    assert str(back.mentions["approximate"].dtype) == "boolean"


def test_store_refuses_claims_without_a_column(seeds, tmp_path):
    claims, mentions = seeds
    store = Store.empty()
    store.claims, store.mentions = claims.drop(columns=["event_type"]), mentions
    with pytest.raises(SchemaError, match="event_type"):
        write_store(store, tmp_path / "run.gpkg")
    assert not (tmp_path / "run.gpkg").exists()


def test_unknown_format_is_refused_before_writing(seeds, tmp_path):
    claims, mentions = seeds
    with pytest.raises(OutputError, match=r"unknown output format '\.shp'"):
        write_outputs(claims, mentions, tmp_path / "claims.shp")
    assert list(tmp_path.iterdir()) == []
