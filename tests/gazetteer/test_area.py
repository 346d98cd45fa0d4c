"""Settlements inside a box, from the real bundled index."""

from __future__ import annotations

import pytest

from gazetteer.area import settlements_in


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
