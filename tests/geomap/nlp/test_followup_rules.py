"""Follow-up rules of issue 12 for causes the held-out-style set left (session 2).

Every sentence here is written for these tests; none is copied from an article nor from
the benchmark sets. Each case asserts the claimant (a part of it as written), side,
event type, place as written and first day, as in ``test_reporting.py``. Publication
day: Friday 2025-03-14 ("Tuesday" is 03-11).
"""

from __future__ import annotations

import pytest

from tests.geomap.nlp.test_reporting import FRI, TUE, Want, _case, _matches, _show

CASES = [
    # --- an attempt that was repelled is real, not hypothetical --------------------------
    _case("had-thwarted-attempts-to-cross", "The Russian defence ministry said its units had "
          "thwarted attempts by Ukrainian reconnaissance groups to cross the border near "
          "Olgovka and Zaoleshenka on Tuesday.",
          Want("defence ministry", "RU", "repelled", "Olgovka", TUE),
          Want("defence ministry", "RU", "repelled", "Zaoleshenka", TUE)),
    _case("tried-to-attack-without-success", "Near Nikolaevo-Darino the enemy tried to "
          "attack, without success, Rybar wrote.",
          Want("Rybar", "RU", "repelled", "Nikolaevo-Darino", FRI)),
    _case("unsuccessfully-tried-to-storm", "Ukrainian troops unsuccessfully tried to storm "
          "Tetkino on Tuesday, the Russian defence ministry said.",
          Want("Russian defence ministry", "RU", "repelled", "Tetkino", TUE)),
]


@pytest.mark.parametrize(("text", "publisher", "wants"), CASES)
def test_followup_rule(analyse, text, publisher, wants):
    _, claims = analyse(text, publisher=publisher)
    for want in wants:
        assert any(_matches(c, want) for c in claims), (want, _show(claims))


def test_a_plan_to_repel_stays_hypothetical(analyse):
    _, claims = analyse("Ukrainian commanders plan to repel any assault near Kupiansk, the "
                        "General Staff said.")
    assert not any(c.event_type == "repelled" for c in claims), _show(claims)
