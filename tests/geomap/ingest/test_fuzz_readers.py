"""Hypothesis fuzzing of the corpus readers and of `extract` on generated hostile
articles: every input becomes an article or a one-line failure, never an exception, and
every string that reaches the store is encodable (bounded: a few seconds each)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.exc import CorpusError
from geomap.extract import Extractor, extract
from geomap.ingest.clean import tame_runs
from geomap.ingest.corpus import Article, ReadFailure, iter_corpus, read_manifest

FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
RUNS = st.sampled_from(["(", ")", '"', "«", "\U0001F525", "-", "*", "\u200b", "[", "!"])
HOSTILE_TEXT = st.one_of(
    st.text(max_size=400),
    st.builds(lambda ch, n, tail: ch * n + tail, RUNS, st.integers(1, 3000),
              st.sampled_from(["Sudzha.", " Russian forces took Gornal.", ""])),
    st.builds(lambda a, b: a + "\n" + b, st.text(max_size=100),
              st.sampled_from(["---\ntitle: &a [x]\nb: *a\n---\n", "---\n: :\n---\n",
                               "---\npublished: -1\n---\n", "---\npublished: 0001-01-01\n---\n"
                               ])))
ENCODINGS = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32", "cp1251",
                             "latin-1", "utf-8-sig"])


def _encodable(item) -> None:
    for value in (item.doc_id, item.path, getattr(item, "text", None),
                  getattr(item, "title", None), getattr(item, "source", None),
                  getattr(item, "error", None)):
        if value is not None:
            value.encode("utf-8")


def _article_or_one_line_failure(item) -> None:
    assert isinstance(item, Article | ReadFailure)
    _encodable(item)
    if isinstance(item, ReadFailure):
        assert "\n" not in item.error


@FUZZ
@given(files=st.lists(st.tuples(st.text(min_size=1, max_size=12), HOSTILE_TEXT, ENCODINGS,
                                st.sampled_from([".md", ".txt"])), min_size=1, max_size=5),
       junk=st.binary(max_size=300))
def test_folder_reader_records_every_file(files, junk):
    folder = Path(tempfile.mkdtemp())
    try:
        written = set()
        for stem, text, encoding, suffix in files:
            name = "".join(ch for ch in stem if ch not in "/\x00") or "x"
            path = folder / (name + suffix)
            try:
                path.write_bytes(text.encode(encoding, "replace"))
            except (OSError, UnicodeEncodeError):
                continue
            written.add(path.name)
        (folder / "junk.txt").write_bytes(junk)
        written.add("junk.txt")
        items = list(iter_corpus(folder))
        assert len(items) == len(written) == len({i.doc_id for i in items})
        for item in items:
            _article_or_one_line_failure(item)
    finally:
        shutil.rmtree(folder)


@FUZZ
@given(lines=st.lists(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode),
                                st.builds(lambda n: b"[" * n + b"]" * n, st.integers(0, 5000)),
                                st.just(b'{"text": "Gornal \\ud800", "title": "\\udfff"}')),
                      max_size=6))
def test_jsonl_reader_never_raises(lines):
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / "c.jsonl"
        path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines))
        for item in iter_corpus(path):
            _encodable(item)
    finally:
        shutil.rmtree(folder)


@FUZZ
@given(data=st.binary(max_size=400) | st.text(max_size=300).map(str.encode))
def test_manifest_reader_raises_only_corpus_errors(data):
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / "manifest.csv"
        path.write_bytes(data)
        try:
            rows = read_manifest(path)
        except CorpusError as error:
            assert "\n" not in str(error) and "manifest.csv" in str(error)
        else:
            assert isinstance(rows, dict)
    finally:
        shutil.rmtree(folder)


@FUZZ
@given(text=HOSTILE_TEXT)
def test_tame_runs_keeps_length(text):
    tamed = tame_runs(text)
    assert len(tamed) == len(text)
    assert tame_runs(tamed) == tamed


@pytest.fixture(scope="module")
def extractor():
    return Extractor(n_process=1, time_limit=10)


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(texts=st.lists(HOSTILE_TEXT, min_size=1, max_size=4))
def test_extract_on_hostile_articles_loses_nothing(extractor, texts):
    articles = [Article(f"a{i}", text or "empty", published=dt.date(2025, 4, 15))
                for i, text in enumerate(texts)]
    articles.append(Article("control", "Russia's defence ministry said its forces had "
                            "captured the village of Gornal in the Kursk region.",
                            published=dt.date(2025, 4, 15)))
    claims, _ = extract(articles, extractor=extractor)
    summary = claims.attrs["summary"]
    assert summary.articles + summary.failed == len(articles)
    assert "control" in set(claims["doc_id"])
    for failure in summary.failures:
        assert "\n" not in failure.error


MARKUP = st.sampled_from(["<", ">", "<p>", "</p>", "<div class='tgme_widget_message' "
                          "data-post='c/1'>", "<div class='js-message_text'>", "<br>",
                          "<time datetime='2025-13-45'>", "<rss>", "<channel>", "<item>",
                          "<title>", "<pubDate>", "</item>", "<feed>", "<![CDATA[", "&lol;",
                          "<!DOCTYPE x [<!ENTITY a 'b'>]>", "\x00", "\ud800", "Sudzha. "])
SOUP = st.lists(st.one_of(MARKUP, st.text(max_size=30)), max_size=40).map("".join)


@FUZZ
@given(pages=st.lists(st.tuples(SOUP, st.sampled_from([".html", ".rss", ".json", ".xml"])),
                      min_size=1, max_size=4))
def test_pages_feeds_and_exports_never_raise(pages):
    folder = Path(tempfile.mkdtemp())
    try:
        for k, (text, suffix) in enumerate(pages):
            body = text if suffix != ".json" else '{"messages": [' + text[:50] + "]}"
            (folder / f"p{k}{suffix}").write_bytes(body.encode("utf-8", "surrogatepass"))
        for item in iter_corpus(folder):
            _article_or_one_line_failure(item)
    finally:
        shutil.rmtree(folder)
