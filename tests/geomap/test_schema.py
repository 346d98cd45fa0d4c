"""The schema: one list of columns, sides and event types, and clear errors at boundaries."""

from __future__ import annotations

import pandas as pd
import pytest

from geomap import schema
from geomap.exc import SchemaError


def rows(**changes):
    row = dict.fromkeys(schema.CLAIM_COLUMNS)
    row.update(claim_id="c1", doc_id="d1", claimant_side="RU", event_type="control",
               date_start="2025-03-12", count=3, hedged=True, geometry=(35.2, 51.1))
    row.update(changes)
    return [row]


def test_to_geodataframe_gives_the_schema_dtypes():
    frame = schema.to_geodataframe(rows(), schema.CLAIM_COLUMNS)
    assert frame["date_start"].iloc[0] == pd.Timestamp("2025-03-12")
    assert str(frame["count"].dtype) == "Int64" and str(frame["hedged"].dtype) == "boolean"
    assert frame.crs.to_epsg() == 4326 and frame.geometry.iloc[0].x == 35.2


def test_validate_claims_names_the_missing_column():
    frame = schema.to_geodataframe(rows(), schema.CLAIM_COLUMNS).drop(columns="event_type")
    with pytest.raises(SchemaError, match="event_type"):
        schema.validate_claims(frame)


def test_validate_claims_names_a_mistyped_column():
    frame = schema.to_geodataframe(rows(), schema.CLAIM_COLUMNS)
    frame["date_start"] = "last Tuesday"
    with pytest.raises(SchemaError, match="'date_start' holds 'last Tuesday'"):
        schema.validate_claims(frame)
    frame = schema.to_geodataframe(rows(), schema.CLAIM_COLUMNS)
    frame["count"] = "many"
    with pytest.raises(SchemaError, match="'count' should be Int64"):
        schema.validate_claims(frame)


def test_validate_claims_restores_dtypes_of_text_columns_read_from_disk():
    frame = schema.to_geodataframe(rows(), schema.CLAIM_COLUMNS)
    stored = schema.for_storage(frame)
    assert stored["date_start"].iloc[0] == "2025-03-12"
    stored["count"] = stored["count"].astype("float64")  # what GDAL hands back
    stored["hedged"] = stored["hedged"].astype(object).map({True: 1, False: 0})
    back = schema.validate_claims(stored)
    assert back["date_start"].iloc[0] == pd.Timestamp("2025-03-12")
    assert back["count"].iloc[0] == 3 and str(back["count"].dtype) == "Int64"
    assert back["hedged"].iloc[0] is True or bool(back["hedged"].iloc[0]) is True


def test_one_spelling_of_the_sides():
    assert schema.SIDES == ("RU", "UA", "INDEPENDENT", "UNKNOWN")
    from geomap.nlp.claims import side_of

    assert side_of(None) == "UNKNOWN" and side_of("a man in a cafe") in schema.SIDES
