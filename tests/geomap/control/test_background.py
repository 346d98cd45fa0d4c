"""Background claims (kind == "background") stay out of the control timeline (issue 12)."""

from __future__ import annotations

import datetime as dt

from geomap.control import control_timeline
from geomap.control.timeline import enters_timeline
from geomap.extract import extract
from geomap.ingest.corpus import Article

TEXT = ("Russia's defence ministry said on Thursday its forces had recaptured the town of "
        "Sudzha in the Kursk region.\n"
        "Ukrainian forces captured the town of Sudzha last August.")


def test_background_claims_are_stored_but_not_in_the_timeline():
    article = Article(doc_id="bg", text=TEXT, published=dt.date(2025, 3, 13), source="test")
    claims = extract([article])[0]
    sudzha = claims[(claims["place_name"] == "Sudzha") & (claims["event_type"] == "control")]
    assert sorted(sudzha["kind"]) == ["background", "claim"]
    background = sudzha[sudzha["kind"] == "background"]
    assert not enters_timeline(claims)[background.index].any()
    timeline = control_timeline(claims)
    assert set(timeline["claim_id"]) == set(sudzha.loc[sudzha["kind"] == "claim",
                                                       "claim_id"])
