"""The gazetteer command line, run as a user would."""

from __future__ import annotations

import json
import subprocess

from gazetteer.cli import BATCH_FIELDS, expand_countries


def run(cli_exe, *args, stdin=None):
    return subprocess.run([*cli_exe, *args], input=stdin, capture_output=True, text=True,
                          timeout=120)


def test_lookup_text_and_json(cli_exe):
    proc = run(cli_exe, "lookup", "Суджа")
    assert proc.returncode == 0 and "Sudzha" in proc.stdout.splitlines()[0]
    proc = run(cli_exe, "lookup", "Belaya", "--admin1", "RU-KRS", "--json")
    data = json.loads(proc.stdout)
    assert data[0]["id"] == "geonames:578230" and data[0]["admin1"] == "RU-KRS"
    proc = run(cli_exe, "lookup", "Belaya", "--country", "UA", "--json")
    assert {c["country"] for c in json.loads(proc.stdout)} == {"UA"}


def test_batch_mode_keeps_going_after_bad_lines(cli_exe):
    lines = [
        "Sudzha",
        json.dumps({"name": "Belaya", "admin1": "Kursk oblast"}),
        json.dumps({"name": "Bylbasovka village", "admin1": "Donetsk oblast"}),
        "",
        '{"name": "unterminated',
        json.dumps({"name": 5}),
        "Kиев",
        "Qxqxqxqx",
        json.dumps({"name": "Kharkov", "country": "UA"}),
    ]
    proc = run(cli_exe, "lookup", "--jsonl", "-", stdin="\n".join(lines) + "\n")
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == len(lines)
    assert all(set(BATCH_FIELDS) <= set(o) for o in out)
    assert out[0]["id"] == "geonames:486816" and out[0]["query"] == "Sudzha"
    assert out[1]["admin1"] == "RU-KRS" and out[1]["query"]["name"] == "Belaya"
    assert out[2]["admin1"] == "UA-14"
    assert [o["id"] for o in out[3:8]] == [None] * 5
    assert "empty" in out[3]["error"] and "JSON" in out[4]["error"]
    assert "str" in out[5]["error"] and "mixes" in out[6]["error"]
    assert "error" not in out[7]  # a valid name that matches nothing
    assert out[8]["name"] == "Kharkiv"


def test_batch_from_file(cli_exe, tmp_path):
    queries = tmp_path / "q.txt"
    queries.write_text("Kursk region\nSumy region\n", encoding="utf-8")
    proc = run(cli_exe, "lookup", "--jsonl", str(queries))
    assert [json.loads(x)["admin1"] for x in proc.stdout.splitlines()] == ["RU-KRS", "UA-59"]


def test_info_and_reverse(cli_exe):
    proc = run(cli_exe, "info", "--json")
    info = json.loads(proc.stdout)
    licences = info["indexes"][0]["licences"]
    assert "CC BY 4.0" in licences["geonames"] and "Who's On First" in licences["whosonfirst"]
    assert info["indexes"][0]["places"] > 250_000
    proc = run(cli_exe, "reverse", "51.191", "35.271", "--json")
    assert json.loads(proc.stdout)["name"] == "Sudzha"


def test_usage_errors_exit_2(cli_exe):
    assert run(cli_exe, "lookup").returncode == 2
    assert run(cli_exe, "lookup", "Sumy", "--country", "Ukraine").returncode == 2
    assert run(cli_exe, "lookup", "Sumy", "--jsonl", "/nonexistent/file").returncode == 2


def test_countries_option_takes_a_list():
    assert expand_countries(["import-geonames", "--countries", "RU", "UA", "a.zip"]) == [
        "import-geonames", "--countries", "RU", "--countries", "UA", "a.zip"]
    assert expand_countries(["import-geonames", "x.txt", "--countries", "RU,UA"]) == [
        "import-geonames", "x.txt", "--countries", "RU,UA"]
