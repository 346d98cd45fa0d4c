"""Settlements inside a box, from the real bundled index."""

from __future__ import annotations

import numpy as np
import pytest

from gazetteer.area import places_by_id, settlement_points_in, settlements_in


def test_settlements_in_a_box_around_sudzha(gaz):
    found = settlements_in(gaz, 35.0, 51.0, 35.6, 51.4)
    assert "Sudzha" in set(found["name"])
    assert found["lon"].between(35.0, 35.6).all() and found["lat"].between(51.0, 51.4).all()
    assert found["id"].is_unique
    assert set(found["country"]) <= {"RU", "UA"}
    big = settlements_in(gaz, 35.0, 51.0, 35.6, 51.4, min_population=5000)
    assert 0 < len(big) < len(found) and (big["population"] >= 5000).all()


def test_a_box_inside_out_is_an_error(gaz):
    with pytest.raises(ValueError, match="not a box"):
        settlements_in(gaz, 36.0, 51.0, 35.0, 51.4)


def test_settlement_points_are_those_of_settlements_in(gaz):
    box = (34.5, 50.8, 36.0, 51.6)
    found = settlements_in(gaz, *box)
    lon, lat = settlement_points_in(gaz, *box)
    assert len(found) > 100
    assert lon.tolist() == found["lon"].tolist() and lat.tolist() == found["lat"].tolist()
    with pytest.raises(ValueError, match="not a box"):
        settlement_points_in(gaz, 36.0, 51.0, 35.0, 51.4)


def test_places_by_id_finds_what_get_finds(gaz):
    ids = settlements_in(gaz, 35.0, 51.0, 35.6, 51.4)["id"].head(50).tolist()
    asked = [*ids, "no:such-place", None, 12, "bad\ud800id", ""]
    found, lon, lat, population = places_by_id(gaz, asked)
    for k, place_id in enumerate(ids):
        place = gaz.get(place_id)
        assert found[k] and (lon[k], lat[k], population[k]) == (place.lon, place.lat,
                                                                place.population)
    assert not found[len(ids):].any()
    assert np.isnan(lon[len(ids):]).all() and (population[len(ids):] == 0).all()
