"""OfflineGeocoder is a real geopy Geocoder; the Nominatim fallback is tested on a local server."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import geopandas
import pytest
from geopy.exc import GeocoderQueryError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from gazetteer.geopy import OfflineGeocoder
from tests.httpfixtures import LocalServer, Route


@pytest.fixture(scope="module")
def geocoder():
    return OfflineGeocoder()


def test_is_a_geopy_geocoder(geocoder):
    assert isinstance(geocoder, Geocoder)
    location = geocoder.geocode("Суджа")
    assert isinstance(location, Location)
    address, (lat, lon) = location  # unpacks like every geopy Location
    assert address == "Sudzha, RU-KRS, RU"
    assert abs(lat - 51.191) < 0.01 and abs(lon - 35.271) < 0.01
    assert location.raw["id"] == "geonames:486816"


def test_geocode_options(geocoder):
    many = geocoder.geocode("Belaya", exactly_one=False, limit=5)
    assert isinstance(many, list) and 1 < len(many) <= 5
    assert geocoder.geocode("Belaya", admin1="RU-KRS").raw["admin1"] == "RU-KRS"
    assert geocoder.geocode({"city": "Belaya", "state": "Kursk Oblast"}).raw["admin1"] == "RU-KRS"
    assert geocoder.geocode("Qxqxqxqx") is None
    for bad in ("", None, "a\x00b"):
        with pytest.raises(GeocoderQueryError):
            geocoder.geocode(bad)


def test_reverse(geocoder):
    assert geocoder.reverse("51.191, 35.271").raw["name"] == "Sudzha"
    assert geocoder.reverse((50.45, 30.52), exactly_one=False)[0].raw["name"] == "Kyiv"
    with pytest.raises(GeocoderQueryError):
        geocoder.reverse("not a point")


def test_geopandas_geocode_with_offline_provider():
    frame = geopandas.tools.geocode(["Sudzha", "Kharkov", "Qxqxqxqx"], provider=OfflineGeocoder)
    assert frame.crs.to_epsg() == 4326
    assert frame.loc[0, "address"] == "Sudzha, RU-KRS, RU"
    assert abs(frame.geometry[1].y - 49.98) < 0.05
    assert frame.geometry[2] is None or frame.geometry[2].is_empty


@pytest.fixture
def nominatim():
    def answer(path, query):
        if path != "/search":
            return None
        q = parse_qs(query).get("q", [""])[0]
        if q == "Somewhere Unlisted":
            body = [{"lat": "50.1", "lon": "30.2", "display_name": "Somewhere Unlisted, UA",
                     "place_id": 1}]
        else:
            body = []
        return Route(json.dumps(body).encode(), content_type="application/json")

    srv = LocalServer(handler=answer).start()
    yield srv
    srv.stop()


def test_online_fallback_is_off_by_default_and_cached(nominatim, tmp_path):
    offline = OfflineGeocoder()
    assert offline.geocode("Somewhere Unlisted") is None
    online = OfflineGeocoder(
        fallback="nominatim", user_agent="geomap-tests", min_delay_seconds=0,
        fallback_options={"domain": nominatim.url.removeprefix("http://"), "scheme": "http"},
        cache_path=tmp_path / "cache.sqlite")
    assert online.geocode("Sudzha").raw["id"] == "geonames:486816"  # offline first
    assert nominatim.requests == []
    found = online.geocode("Somewhere Unlisted")
    assert (found.latitude, found.longitude) == (50.1, 30.2)
    assert len(nominatim.requests) == 1
    again = OfflineGeocoder(
        fallback="nominatim", user_agent="geomap-tests", min_delay_seconds=0,
        fallback_options={"domain": nominatim.url.removeprefix("http://"), "scheme": "http"},
        cache_path=tmp_path / "cache.sqlite")
    assert again.geocode("Somewhere Unlisted").address == "Somewhere Unlisted, UA"
    assert len(nominatim.requests) == 1  # answered from the on-disk cache
    assert again.geocode("Nowhere At All") is None


def test_fallback_needs_a_user_agent():
    from geopy.exc import ConfigurationError

    with pytest.raises(ConfigurationError):
        OfflineGeocoder(fallback="nominatim")
    with pytest.raises(ConfigurationError):
        OfflineGeocoder(fallback="google", user_agent="x")
