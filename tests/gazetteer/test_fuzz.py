"""Hypothesis fuzzing of the gazetteer's public API and batch CLI: bad input raises only
TypeError/ValueError (or LookupError for an id it does not hold); batch mode writes one
valid JSON line for any input line."""

from __future__ import annotations

import io
import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer
from gazetteer.cli import _batch

FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
ANY = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40),
                st.binary(max_size=10), st.lists(st.integers(), max_size=3),
                st.tuples(st.floats(), st.floats()), st.dictionaries(st.text(max_size=3),
                                                                     st.integers(), max_size=2))
HOSTILE_TEXT = st.text(alphabet=st.characters(codec=None), max_size=300) | st.sampled_from(
    ["\x00", "\x00geonames:486816", "Sud\u200bzha", "\ud800", "(" * 300, "Sumy" * 80,
     "\ufeffSumy", "geonames:", "::", "Кур\u0301ск"])


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.default()


def _only_bad_input_errors(call):
    try:
        return call()
    except (TypeError, ValueError, LookupError):
        return None


@FUZZ
@given(name=HOSTILE_TEXT | ANY, country=st.none() | ANY, admin1=st.none() | ANY,
       near=st.none() | ANY, kinds=st.none() | ANY, limit=st.integers(-3, 30) | ANY)
def test_lookup_raises_only_bad_input_errors(gaz, name, country, admin1, near, kinds, limit):
    found = _only_bad_input_errors(lambda: gaz.lookup(name, country=country, admin1=admin1,
                                                      near=near, kinds=kinds, limit=limit))
    for candidate in found or []:
        assert math.isfinite(candidate.lat) and math.isfinite(candidate.lon)


@FUZZ
@given(place_id=HOSTILE_TEXT | ANY)
def test_get_raises_only_bad_input_errors(gaz, place_id):
    _only_bad_input_errors(lambda: gaz.get(place_id))


@FUZZ
@given(lat=st.floats() | ANY, lon=st.floats() | ANY,
       max_km=st.floats(0, 100) | st.just(25.0))
def test_reverse_raises_only_bad_input_errors(gaz, lat, lon, max_km):
    _only_bad_input_errors(lambda: gaz.reverse(lat, lon, max_km=max_km))


@FUZZ
@given(code=HOSTILE_TEXT | ANY)
def test_codes_raise_only_bad_input_errors(gaz, code):
    _only_bad_input_errors(lambda: gaz.admin1_place(code))
    _only_bad_input_errors(lambda: gaz.country_place(code))
    _only_bad_input_errors(lambda: gaz.admin1_code(code))


def test_reported_edge_cases(gaz):
    for bad in ("\x00", "\x00geonames:486816"):
        with pytest.raises(ValueError):
            gaz.get(bad)
    with pytest.raises(TypeError):
        gaz.lookup("Sumy", near="")
    with pytest.raises(ValueError):
        gaz.lookup("Sumy", near=(float("nan"), 30.0))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                               max_size=3), max_leaves=8)


def _raw_json(value) -> str:
    return json.dumps(value, ensure_ascii=True)  # NaN/Infinity and \ud800 escapes included


@FUZZ
@given(lines=st.lists(
    HOSTILE_TEXT.map(lambda t: t.replace("\n", " ").replace("\r", " ")) |
    st.builds(lambda name, extra: _raw_json({"name": name, **extra}),
              JSON_VALUES, st.dictionaries(st.sampled_from(["country", "admin1", "kinds"]),
                                           JSON_VALUES, max_size=2)), min_size=1, max_size=4))
def test_batch_writes_one_valid_json_line_per_line(gaz, lines):
    out = io.StringIO()
    _batch(gaz, [line + "\n" for line in lines], out)
    written = out.getvalue().splitlines()  # also splits at U+0085, U+2028: escaped
    assert len(written) == len(lines)
    for line in written:
        line.encode("utf-8")
        json.loads(line, parse_constant=lambda c: pytest.fail(f"wrote {c}"))
