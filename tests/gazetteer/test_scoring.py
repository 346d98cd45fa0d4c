"""The ranking rules of gazetteer.scoring are the ones lookups apply."""

from __future__ import annotations

import math

import pytest

from gazetteer.model import ALTERNATE, KINDS, PRIMARY, VARIANT
from gazetteer.scoring import (
    MATCH_WEIGHTS,
    analyse_query,
    hint_factor,
    near_factor,
    prior,
    prominence,
    row_priors,
)


def test_prominence_and_priors():
    assert prominence("country", 0) == 1.0 and prominence("admin1", 10**6) == 0.8
    assert prominence("settlement", 0) == 0.1  # floored
    assert prominence("settlement", 10**7) == 1.0  # capped
    assert prominence("settlement", 6940) == pytest.approx(math.log10(6941) / 6.5)
    assert prior("country", 0) == 1.0
    assert row_priors([0, 1, 2, 3, 4], [5, 5, 5, 5, 5]) == [
        prior(kind, 5) for kind in KINDS]


def test_index_priors_follow_the_rule(gaz):
    index = gaz.indexes[0]
    for row in range(0, len(index), 997):
        place = index.place(row)
        assert index.prior_list[row] == prior(place.kind, place.population)


def test_score_of_an_exact_primary_match(gaz):
    best = gaz.lookup("Sudzha")[0]
    expected = MATCH_WEIGHTS[PRIMARY] * prior(best.kind, best.population)
    assert best.score == round(expected, 4)
    assert MATCH_WEIGHTS[PRIMARY] > MATCH_WEIGHTS[ALTERNATE] > MATCH_WEIGHTS[VARIANT]


def test_hint_factor():
    assert hint_factor(None, "admin1") == 1.0
    assert hint_factor("admin1", "admin1") == 1.0
    assert hint_factor("admin1", "settlement") == 0.6
    assert hint_factor("settlement", "country") == 0.6
    assert hint_factor("facility", "settlement") == 1.0
    assert hint_factor("facility", "admin1") == 0.6


def test_near_factor():
    assert near_factor(0.0) == 1.0
    assert near_factor(150.0) == pytest.approx(0.4 + 0.3 / math.e + 0.3 * math.exp(-10))
    assert 0.4 < near_factor(5000.0) < 0.41
    # the local term: a namesake 5 km away clearly beats one 40 km away
    assert near_factor(5.0) / near_factor(40.0) > 1.3


def test_analyse_query():
    parsed, full, core = analyse_query("Kursk region")
    assert (parsed.core, parsed.kind_hint) == ("kursk", "admin1")
    assert full and core and not set(full) & set(core)
    assert analyse_query("Kursk nuclear power plant").parsed.kind_hint == "facility"
    assert len(analyse_query("Суджа").full_keys) >= 1
