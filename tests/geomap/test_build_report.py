"""The build summary a user reads."""

from __future__ import annotations

from geomap.build import BuildReport


def test_report_of_a_run_without_claims_reads():
    text = BuildReport(seen=3, failed=3, seconds=0.2).as_text()
    assert "3 in corpus" in text and "claims: 0 in store" in text and "took 0.2 s" in text
