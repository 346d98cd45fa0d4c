"""Reading corpora robustly, and `geomap extract` as a user runs it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pyogrio
import pytest

from geomap.extract import Extractor, extract
from geomap.ingest.corpus import Article, ReadFailure, iter_corpus, safe_doc_id

REPORT = ("Russia's Defence Ministry said on Tuesday its forces had liberated the village of "
          "Gornal in the Kursk region.\nUkraine's general staff called the claim propaganda.\n")
GEOMAP = [str(Path(sys.executable).parent / "geomap")]


@pytest.fixture
def messy_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text(
        "---\ntitle: Gornal\npublished: 2025-04-26\nsource: Example Wire\n"
        "url: https://example.org/gornal\n---\n" + REPORT, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    (corpus / "cyrillic.txt").write_bytes(
        "Минобороны России сообщило об освобождении Горналя.\nSudzha was shelled on Monday."
        .encode("cp1251"))
    (corpus / "western.txt").write_bytes(
        "Fighting continued near Sudzha, said the café owner.".encode("cp1252"))
    (corpus / "huge.txt").write_bytes(b"Sudzha. " * (10 * 1024 * 1024 // 8))
    (corpus / "endless.txt").write_text("Russian forces advanced near Sudzha " * 600,
                                        encoding="utf-8")
    (corpus / "undated.txt").write_text("Ukrainian forces advanced near Sudzha on Tuesday.",
                                        encoding="utf-8")
    (corpus / "ignored.pdf").write_bytes(b"%PDF-1.4")
    return corpus


def test_messy_corpus_goes_on(messy_corpus):
    items = list(iter_corpus(messy_corpus))
    failures = {i.doc_id: i.error for i in items if isinstance(i, ReadFailure)}
    assert set(failures) == {"empty", "binary", "huge"}
    assert "empty" in failures["empty"] and "binary" in failures["binary"]
    assert "MB article limit" in failures["huge"] and failures["huge"].startswith("too large")
    articles = {a.doc_id: a for a in items if isinstance(a, Article)}
    assert articles["cyrillic"].encoding == "windows-1251" or "1251" in articles[
        "cyrillic"].encoding
    assert "Горнал" in articles["cyrillic"].text
    assert "café" in articles["western"].text
    good = articles["good"]
    assert (good.published, good.source, good.url, good.title) == (
        dt.date(2025, 4, 26), "Example Wire", "https://example.org/gornal", "Gornal")
    assert any("no publication date" in w for w in articles["undated"].warnings)


def test_extract_summary_and_undated_article(messy_corpus):
    # "endless" is one 600-mention sentence: claim extraction is quadratic in it (30-90 s
    # on a loaded machine), so this test runs without the per-article time limit
    claims, mentions = extract(messy_corpus, extractor=Extractor(time_limit=None))
    summary = claims.attrs["summary"]
    assert (summary.articles, summary.failed) == (5, 3)
    undated = claims[claims["doc_id"] == "undated"]
    assert len(undated) and set(undated["date_precision"]) == {"unknown"}
    good = claims[claims["doc_id"] == "good"]
    control = good[good["event_type"] == "control"].iloc[0]
    assert control["place_id"] == "supplement:gornal" and control["claimant_side"] == "RU"
    assert str(control["date_start"].date()) == "2025-04-22"  # the Tuesday before 2025-04-26
    denial = good[good["event_type"] == "denial"].iloc[0]
    assert denial["claimant_side"] == "UA" and denial["disputes"] == control["claim_id"]
    assert (mentions[mentions["doc_id"] == "endless"]["place_id"] == "geonames:486816").any()


def test_jsonl_corpus_with_bad_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "../../etc/passwd", "text": REPORT, "published": "2025-04-26"}),
             "{not json", json.dumps({"id": "no-text"}), json.dumps(["a list"]), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_corpus(path))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 1 and "/" not in articles[0].doc_id and ".." not in \
        articles[0].doc_id
    assert len([i for i in items if isinstance(i, ReadFailure)]) == 3


def test_safe_doc_ids():
    for hostile in ("../../x", "/etc/passwd", "a\x00b", "..", "", "C:\\win"):
        cleaned = safe_doc_id(hostile)
        assert cleaned and "/" not in cleaned and "\\" not in cleaned and ".." not in cleaned


@pytest.mark.parametrize("suffix", [".gpkg", ".parquet", ".geojson"])
def test_cli_writes_each_format(tmp_path, messy_corpus, suffix):
    out = tmp_path / f"claims{suffix}"
    # "endless" needs about 15 s of CPU (quadratic claim search in one 600-mention
    # sentence): a generous --article-seconds keeps it from meeting the budget
    proc = subprocess.run([*GEOMAP, "extract", str(messy_corpus), "-o", str(out),
                           "--article-seconds", "120"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "binary" in proc.stderr and "5 articles read, 3 failed" in proc.stdout
    if suffix == ".gpkg":
        layers = dict(pyogrio.list_layers(out))
        assert set(layers) == {"claims", "mentions"}
        claims = pyogrio.read_dataframe(out, layer="claims")
        assert len(claims) > 0 and "claimant_side" in claims
    else:
        claims = pyogrio.read_dataframe(out) if suffix == ".geojson" else \
            __import__("geopandas").read_parquet(out)
        mentions_file = out.with_name(f"claims.mentions{suffix}")
        assert mentions_file.exists()
        assert len(claims) > 0
    assert not list(tmp_path.glob(".claims*"))  # no temporary files left


def test_cli_exit_codes(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "a.txt").write_bytes(b"")
    proc = subprocess.run([*GEOMAP, "extract", str(empty), "-o", str(tmp_path / "x.gpkg")],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1 and "nothing could be read" in proc.stderr
    assert not (tmp_path / "x.gpkg").exists()
    proc = subprocess.run([*GEOMAP, "extract", str(empty), "-o", str(tmp_path / "x.csv")],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 2


def test_degraded_pipeline_still_finds_places():
    extractor = Extractor(model="blank")
    assert extractor.info.degraded
    article = Article(doc_id="d", text=REPORT, published=dt.date(2025, 4, 26))
    claims, mentions = extract([article], extractor=extractor)
    assert "supplement:gornal" in set(mentions["place_id"])
    assert claims.attrs["summary"].pipeline.endswith("(degraded)")


def test_unchanged_files_are_not_opened(tmp_path):
    from geomap.ingest.corpus import Unchanged

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\npublished: 2025-04-26\n---\n" + REPORT, encoding="utf-8")
    (corpus / "b.txt").write_text(REPORT, encoding="utf-8")
    (corpus / "manifest.csv").write_text("file,publisher\nb.txt,Example Wire\n",
                                         encoding="utf-8")
    first = {item.doc_id: item for item in iter_corpus(corpus)}
    assert {item.signature.count(":") for item in first.values()} == {2}
    recorded = {doc_id: item.signature for doc_id, item in first.items()}
    (corpus / "a.md").chmod(0o000)  # unreadable (except to root): never opened anyway
    try:
        again = list(iter_corpus(corpus, unchanged=lambda d, s: recorded.get(d) == s))
    finally:
        (corpus / "a.md").chmod(0o644)
    assert all(isinstance(item, Unchanged) for item in again)
    # a new manifest row or another default date changes the signature: read again
    (corpus / "manifest.csv").write_text("file,publisher\nb.txt,Other Wire\n", encoding="utf-8")
    later = {i.doc_id: i for i in iter_corpus(corpus, published=dt.date(2025, 5, 1),
                                              unchanged=lambda d, s: recorded.get(d) == s)}
    assert isinstance(later["b"], Article) and later["b"].source == "Other Wire"
    assert isinstance(later["a"], Article)  # --published changed: read again
