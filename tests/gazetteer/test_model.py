"""Candidates say in typed fields how they matched; the reason text stays for people."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer, _config
from gazetteer.index import write_index
from gazetteer.model import ALTERNATE, MATCH_KINDS, PRIMARY, VARIANT, Candidate, PlaceRecord

REASON_START = {"primary": "exact primary name", "alternate": "alternate name",
                "variant": "spelling variant", "fuzzy": "fuzzy"}


def test_misspelt_name_is_fuzzy_and_the_exact_one_is_not(gaz):
    assert gaz.lookup("Sudzhja", fuzzy=False) == []  # no exact form of the typo
    typo = gaz.lookup("Sudzhja")[0]
    assert typo.name == "Sudzha"
    assert typo.fuzzy is True and typo.match == "fuzzy" and typo.facility is False
    exact = gaz.lookup("Sudzha")[0]
    assert exact.id == typo.id
    assert exact.fuzzy is False and exact.match == "primary"


def test_facility_is_the_settlement_it_is_at(gaz):
    plant = gaz.lookup("Kursk nuclear power plant")
    assert (plant[0].name, plant[0].kind) == ("Kursk", "settlement")
    assert plant[0].facility is True and plant[0].fuzzy is False
    region = [c for c in plant if c.kind == "admin1"]
    assert region and not any(c.facility for c in region)  # the oblast is not "at" the plant
    airport = gaz.lookup("Donetsk International airport")[0]
    assert airport.name == "Donetsk" and airport.facility is True
    assert gaz.lookup("Kursk")[0].facility is False  # no facility named


def test_match_says_which_name_matched(gaz):
    assert gaz.lookup("Sudzha")[0].match == "primary"
    assert gaz.lookup("Sudja")[0].match == "alternate"  # an alternate spelling in GeoNames
    assert gaz.reverse(51.195, 35.27).match == "given"
    assert Candidate(gaz.get("geonames:486816"), 1.0, "given by hand").match == "given"


def test_variant_names_of_a_user_index(tmp_path):
    record = PlaceRecord(id="test:1", name="Testovo", kind="settlement", lat=51.0, lon=35.0,
                         country="RU", admin1="RU-KRS", population=100, source="test")
    record.add_name("Testograd", ALTERNATE)
    record.add_name("Tiestovo", VARIANT)
    write_index(tmp_path / "user.gzi", [record], {"name": "test"})
    layered = Gazetteer.from_paths(tmp_path / "user.gzi", _config.BUNDLE_INDEX)
    assert [c.match for c in (layered.lookup(n)[0] for n in ("Testovo", "Testograd", "Tiestovo"))
            ] == ["primary", "alternate", "variant"]
    assert PRIMARY > ALTERNATE > VARIANT


@pytest.mark.parametrize("query", [
    "Sudzha", "Sudzhja", "Sudja", "Kharkov", "Київ", "Kursk region", "Kiev city", "Belaya",
    "Kursk nuclear power plant", "Donetsk International airport", "Zaporozyhe", "Artemovsk",
    "Enerhodar village", "Novoselivka", "the Belgorod region", "Сумська область",
])
def test_typed_fields_agree_with_the_reason(gaz, query):
    for hints in ({}, {"near": (51.19, 35.27)}, {"country": "UA"}):
        for c in gaz.lookup(query, limit=25, **hints):
            assert c.match in MATCH_KINDS
            assert c.reason.startswith(REASON_START[c.match]), (c.match, c.reason)
            assert c.fuzzy == (c.match == "fuzzy") == ("fuzzy match (" in c.reason)
            assert c.facility == ("the settlement the named facility" in c.reason)


def test_candidate_output_is_unchanged(gaz):
    best = gaz.lookup("Sudzha")[0]
    assert set(best.as_dict()) == {"id", "name", "kind", "lat", "lon", "country", "admin1",
                                   "population", "source", "score", "reason"}
    assert repr(best) == (f"Candidate({best.place!r}, score={best.score}, "
                          f"reason={best.reason!r})")
    assert best == gaz.lookup("Sudzha")[0]
    with pytest.raises(AttributeError):
        best.nonexistent  # noqa: B018
