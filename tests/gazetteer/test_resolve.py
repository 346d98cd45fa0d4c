"""Joint resolution of a document's places."""

from __future__ import annotations


def test_region_named_earlier_picks_the_kursk_belaya(gaz):
    alone = gaz.resolve(["Belaya"])[0]
    assert alone.candidate.admin1 != "RU-KRS"  # without context the bigger namesake wins
    with_region = gaz.resolve(["Kursk region", "Sudzha", "Belaya"])
    belaya = with_region[2]
    assert belaya.candidate.id == "geonames:578230"
    assert "RU-KRS" in belaya.reason


def test_spatial_coherence_without_named_region(gaz):
    result = gaz.resolve(["Sudzha", "Korenevo", "Belaya"])
    assert [r.candidate.admin1 for r in result] == ["RU-KRS"] * 3


def test_context_hints_and_repeats(gaz):
    result = gaz.resolve(["Belaya", "Belaya"], {"admin1": ["Kursk Oblast"]})
    assert result[0].candidate.id == result[1].candidate.id == "geonames:578230"


def test_unknown_and_invalid_names_do_not_stop_the_document(gaz):
    result = gaz.resolve(["Sudzha", "Qxqxqxqx", "", "Sumy"])
    assert result[0].candidate.name == "Sudzha"
    assert result[1].candidate is None and "no place" in result[1].reason
    assert result[2].candidate is None and "invalid" in result[2].reason
    assert result[3].candidate.name == "Sumy"


def test_alternatives_are_kept(gaz):
    result = gaz.resolve(["Kursk region", "Belaya"])[1]
    assert result.alternatives and all(a.id != result.candidate.id for a in result.alternatives)


def test_a_name_with_no_exact_candidate_falls_back_to_the_place_inside_it(gaz):
    university, stadium, village = gaz.resolve(
        ["Arizona State University", "Sydney Cricket Ground", "Novaya Sudzha"])
    assert university.candidate.kind == "admin1" and university.candidate.admin1 == "US-AZ"
    assert "approximate" in university.reason and "'Arizona'" in university.reason
    assert stadium.candidate.name == "Sydney" and stadium.candidate.country == "AU"
    # a village of 5,000 is never the place inside an unknown village's name
    assert village.candidate is None or village.candidate.name != "Sudzha"
    # a name that exists as it is keeps its own place
    exact = gaz.resolve(["Staraya Sorochina"])[0]
    assert "approximate" not in exact.reason and exact.candidate.admin1 == "RU-KRS"
