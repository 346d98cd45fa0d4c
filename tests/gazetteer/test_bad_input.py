"""Bad input: clear errors, never a crash or a hang."""

from __future__ import annotations

import subprocess
import time

import pytest

from gazetteer import InvalidQueryError


@pytest.mark.parametrize("value", [None, 42, 3.5, b"Sudzha", ["Sudzha"], {"name": "x"}])
def test_non_strings_raise_type_error(gaz, value):
    with pytest.raises(TypeError, match="must be a str"):
        gaz.lookup(value)


@pytest.mark.parametrize(("value", "message"), [
    ("", "empty"), ("   \t ", "empty"), ("Sud\x00zha", "control character"),
    ("Sudzha\x1b[31m", "control character"), ("Kиев", "mixes Latin and Cyrillic"),
    ("x" * 257, "characters long"),
])
def test_bad_strings_raise_value_error(gaz, value, message):
    with pytest.raises(ValueError, match=message):
        gaz.lookup(value)


def test_megabyte_string_is_refused_fast(gaz):
    start = time.perf_counter()
    with pytest.raises(InvalidQueryError):
        gaz.lookup("Sudzha " * 150_000)
    assert time.perf_counter() - start < 0.5


def test_bad_options(gaz):
    with pytest.raises(ValueError, match="alpha-2"):
        gaz.lookup("Sumy", country="Ukraine")
    with pytest.raises(ValueError, match="unknown kinds"):
        gaz.lookup("Sumy", kinds=["city"])
    with pytest.raises(ValueError, match="unknown admin1"):
        gaz.lookup("Sumy", admin1="Atlantis")
    with pytest.raises(ValueError, match="limit"):
        gaz.lookup("Sumy", limit=0)


def test_cli_exit_code_2_with_one_line(cli_exe):
    for bad in ("", "Kиев", "a\x01b"):
        proc = subprocess.run([*cli_exe, "lookup", bad], capture_output=True, text=True,
                              timeout=60)
        assert proc.returncode == 2, proc
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
        assert proc.stderr.startswith("gazetteer: error:")


def test_cli_huge_argument(cli_exe):
    proc = subprocess.run([*cli_exe, "lookup", "x" * 100_000], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2 and "characters long" in proc.stderr
