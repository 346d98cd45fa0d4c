"""The hostile inputs of issue 17, read by the corpus readers: every one ends as an
article or a one-line failure, and the others are read (regression corpus: tests/hostile)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from geomap.exc import CorpusError
from geomap.ingest.clean import tame_runs
from geomap.ingest.corpus import (
    Article,
    ReadFailure,
    decode,
    file_doc_id,
    iter_corpus,
    json_depth,
    parse_date,
    read_manifest,
)

HOSTILE = Path(__file__).resolve().parents[2] / "hostile"


def _by_id(items):
    return {item.doc_id: item for item in items}


def test_hostile_folder_every_file_recorded_once():
    items = list(iter_corpus(HOSTILE / "articles"))
    text_files = [p for p in (HOSTILE / "articles").iterdir() if p.suffix in (".md", ".txt")]
    assert len(items) == len(text_files) == len(_by_id(items))
    found = _by_id(items)
    assert isinstance(found["ordinary"], Article)
    for name in ("brackets", "quotes", "emoji"):
        assert isinstance(found[name], Article)  # read; tamed before tokenising
    bomb = found["yaml_bomb"]
    assert isinstance(bomb, ReadFailure) and "aliases" in bomb.error and "\n" not in bomb.error
    assert "outside the years" in found["ancient"].error
    assert "manifest line 2" in found["manifest_dated"].error  # date -1 refused per row
    assert "binary" in found["binary"].error


def test_four_colliding_names_get_four_stable_ids():
    names = ["d01 dup.md", "d01 dup.txt", "d01_dup.md", "d01_dup.txt"]
    items = [i for i in iter_corpus(HOSTILE / "articles") if i.doc_id.startswith("d01")]
    assert len(items) == 4 and all(isinstance(i, Article) for i in items)
    assert sorted(Path(i.path).name for i in items) == names
    assert len({i.doc_id for i in items}) == 4
    assert {i.doc_id for i in items} == {file_doc_id(n, shared_stem=True) for n in names}
    assert file_doc_id("d01_dup.md", shared_stem=True) == "d01_dup-d3c6506c"  # platform-stable
    assert file_doc_id("report.md") == "report"  # ordinary names keep their stem


def test_wide_encodings_decoded():
    text = "Ukrainian forces said they had pushed Russian troops out of Sudzha.\n"
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        assert decode(text.encode(encoding))[0] == text, encoding
    found = _by_id(iter_corpus(HOSTILE / "articles"))
    for name in ("utf16_bom", "utf16_nobom", "utf32"):
        assert "Sudzha" in found[name].text


def test_jsonl_hostile_lines():
    found = _by_id(iter_corpus(HOSTILE / "hostile.jsonl"))
    assert isinstance(found["fine"], Article)
    assert "nested deeper" in found["hostile-2"].error
    surrogate = found["surrogate"]
    assert surrogate.title == "\ufffd bad" and surrogate.source == "\ufffd"
    surrogate.title.encode("utf-8")
    assert "duplicate id" in found["hostile-5"].error
    assert isinstance(found["hostile-6"], ReadFailure)


def test_json_depth_ignores_brackets_in_strings():
    assert json_depth(b'{"a": "' + b"[" * 500 + b'"}') == 1
    assert json_depth(b"[" * 70 + b"]" * 70) == 70
    assert json_depth(b'{"a": "\\"' + b"[" * 100 + b'"}') == 1


@pytest.mark.parametrize(("name", "message"), [
    ("no_file_column.csv", "no_file_column.csv:1: a manifest needs a 'file' column"),
    ("empty.csv", "empty file"),
    ("binary.csv", "binary file"),
    ("too_many_fields.csv", "too_many_fields.csv:2:3:"),
])
def test_bad_manifests_are_one_line_errors(name, message):
    with pytest.raises(CorpusError) as caught:
        read_manifest(HOSTILE / "manifests" / name)
    assert message in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("name", ["semicolon.csv", "cp1251.csv", "utf16.csv"])
def test_odd_manifests_are_read(name):
    rows = read_manifest(HOSTILE / "manifests" / name)
    assert set(rows) == {"a.txt"} and rows["a.txt"]["published"].startswith("2025-01-0")


def test_manifest_field_over_the_limit(tmp_path):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,published,publisher\na.txt,2025-01-05," + "x" * 1_100_000 + "\n")
    with pytest.raises(CorpusError, match=r"manifest.csv:\d+: malformed manifest"):
        read_manifest(manifest)


def test_impossible_dates():
    for bad in ("-1", "0001-01-01", "9999-12-31", "soon"):
        with pytest.raises(ValueError):
            parse_date(bad)
    assert str(parse_date("2025-04-15")) == "2025-04-15"
    assert str(parse_date("15 April 2025")) == "2025-04-15"


def test_links_fifos_and_bad_names(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("secret text outside the corpus")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "inside.txt").write_text("Russian forces shelled Sudzha on Monday.")
    (corpus / "link_in.txt").symlink_to(corpus / "inside.txt")
    (corpus / "link_out.txt").symlink_to(outside)
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "dangling.txt").symlink_to(corpus / "gone.txt")
    (corpus / "sub").mkdir()
    (corpus / "folder.md").symlink_to(corpus / "sub")
    os.mkfifo(corpus / "fifo.txt")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(corpus / "sock.txt"))
        raw = os.fsencode(corpus) + b"/bad\xff name.txt"
        with open(raw, "wb") as fh:
            fh.write(b"Ukrainian troops held Sudzha on Tuesday.")
        found = _by_id(iter_corpus(corpus))
    assert isinstance(found["inside"], Article) and isinstance(found["link_in"], Article)
    assert "out of the corpus folder" in found["link_out"].error
    assert "out of the corpus folder" in found["passwd"].error
    assert "dangling" in found["dangling"].error
    assert "link to a folder" in found["folder"].error
    assert "FIFO" in found["fifo"].error and "socket" in found["sock"].error
    bad = next(item for item in found.values() if "\\xff" in (item.path or ""))
    assert isinstance(bad, Article)
    bad.path.encode("utf-8")


def test_tame_runs_keeps_offsets():
    text = "(" * 8000 + "Sudzha." + ")" * 8000 + ' "' * 3 + "\U0001F525" * 50 + " ok"
    tamed = tame_runs(text)
    assert len(tamed) == len(text)
    assert tamed.index("Sudzha.") == text.index("Sudzha.")
    assert tamed.count("(") == 3 and tamed.endswith(" ok")
    ordinary = 'He said: "Sudzha is ours" -- (see the map) ... !!!'
    assert tame_runs(ordinary) == ordinary
