"""Distances and destinations on the sphere."""

from __future__ import annotations

import math

import pytest

import gazetteer
from gazetteer.geodesy import EARTH_RADIUS_KM, KM_PER_DEGREE, destination, haversine_km

SUDZHA = (51.191, 35.271)


def test_ten_km_north():
    lat, lon = destination(*SUDZHA, 0.0, 10.0)
    assert haversine_km(*SUDZHA, lat, lon) == pytest.approx(10.0, abs=1e-3)
    assert lon == pytest.approx(SUDZHA[1], abs=1e-6) and lat > SUDZHA[0]  # due north
    assert lat - SUDZHA[0] == pytest.approx(10.0 / KM_PER_DEGREE, rel=3e-3)


@pytest.mark.parametrize("bearing", [45.0, 90.0, 180.0, 270.0])
def test_destination_distance_and_side(bearing):
    lat, lon = destination(*SUDZHA, bearing, 25.0)
    assert haversine_km(*SUDZHA, lat, lon) == pytest.approx(25.0, abs=1e-3)
    east = math.sin(math.radians(bearing))
    assert (lon - SUDZHA[1]) * east >= 0


def test_destination_wraps_the_antimeridian():
    lat, lon = destination(0.0, 179.99, 90.0, 10.0)
    assert -180 <= lon < -179.9 and lat == pytest.approx(0.0, abs=1e-6)


def test_haversine_known_values():
    assert haversine_km(*SUDZHA, *SUDZHA) == 0.0
    quarter = haversine_km(0.0, 0.0, 0.0, 90.0)
    assert quarter == pytest.approx(EARTH_RADIUS_KM * math.pi / 2)
    kyiv, kharkiv = (50.4501, 30.5234), (49.9935, 36.2304)
    assert haversine_km(*kyiv, *kharkiv) == pytest.approx(410, abs=5)
    assert gazetteer.haversine_km is haversine_km and gazetteer.destination is destination
