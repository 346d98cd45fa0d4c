"""Admin-1 units and countries by code, as places."""

from __future__ import annotations

import pytest

from gazetteer import InvalidQueryError, QueryTypeError, UnknownPlaceError


def test_admin1_place_by_code_or_name(gaz):
    kursk = gaz.admin1_place("RU-KRS")
    assert (kursk.id, kursk.name, kursk.kind, kursk.country, kursk.admin1) == (
        "ne:RU-KRS", "Kursk", "admin1", "RU", "RU-KRS")
    assert gaz.admin1_place("Kursk Oblast") == kursk
    assert gaz.admin1_place("ru-krs") == kursk
    assert gaz.admin1_place("UA-59").name == "Sumy"
    assert gaz.admin1_place("Donetsk oblast").admin1 == "UA-14"


@pytest.mark.parametrize(("method", "code", "error"), [
    ("admin1_place", "XX-YYY", UnknownPlaceError),
    ("admin1_place", "RU-ZZZ", UnknownPlaceError),
    ("admin1_place", "Qxqxqxqx Oblast", LookupError),  # UnknownPlaceError is a LookupError
    ("admin1_place", "", InvalidQueryError),
    ("admin1_place", None, QueryTypeError),
    ("country_place", "XX", UnknownPlaceError),
    ("country_place", "Ukraine", InvalidQueryError),
    ("country_place", None, QueryTypeError),
])
def test_unknown_or_malformed_codes(gaz, method, code, error):
    with pytest.raises(error):
        getattr(gaz, method)(code)


def test_country_place(gaz):
    ukraine = gaz.country_place("UA")
    assert (ukraine.id, ukraine.name, ukraine.kind, ukraine.country) == (
        "country:UA", "Ukraine", "country", "UA")
    assert gaz.country_place("ua") == ukraine
    assert gaz.country_place("RU").name == "Russia"


def test_reverse_falls_back_to_the_unit_containing_the_point(gaz):
    # open country in the Kursk oblast, no settlement within 1 km
    found = gaz.reverse(51.45, 36.6, max_km=0.5)
    assert found is not None and found.kind == "admin1"
    assert found.place == gaz.admin1_place(found.admin1)
    assert found.reason == f"point inside admin1 {found.admin1}" and found.match == "given"
