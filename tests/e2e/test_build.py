"""geomap build, the store, exports and the demo, run as a user runs them (console scripts)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import geopandas as gpd
import pyarrow.parquet as pq
import pyogrio
import pytest

from tests.conftest import Opened, page_texts

GEOMAP = str(Path(sys.executable).parent / "geomap")
NEW_REPORT = """---
title: A report written for this test
published: 2025-03-14
source: geomap test
---
Russia's defence ministry said on Friday its forces had liberated Plyokhovo in the Kursk region.
"""


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([GEOMAP, *args], capture_output=True, text=True, check=False)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def runs_table(store: Path):
    return pyogrio.read_dataframe(store, layer="runs", read_geometry=False)


@pytest.fixture
def corpus(shared, tmp_path) -> Path:
    """A copy of the seed corpus (with its manifest) that a test may grow."""
    folder = tmp_path / "corpus"
    shutil.copytree(shared / "corpus" / "seeds", folder)
    return folder


def test_incremental_build(corpus, tmp_path):
    store, out = tmp_path / "run.gpkg", tmp_path / "map.html"
    first = run("build", str(corpus), "--manifest", str(corpus / "manifest.csv"),
                "-o", str(out), "--store", str(store))
    assert "5 processed" in first.stdout and f"wrote {out}" in first.stdout
    claims_before = gpd.read_file(store, layer="claims")
    assert set(runs_table(store)["processed"]) == {5}

    (corpus / "zz_new.md").write_text(NEW_REPORT, encoding="utf-8")
    second = run("build", str(corpus), "--manifest", str(corpus / "manifest.csv"),
                 "-o", str(out), "--store", str(store))
    runs = runs_table(store)
    assert len(runs) == 2
    last = runs.iloc[-1]
    assert (last["processed"], last["unchanged"], last["removed"]) == (1, 5, 0), second.stdout
    claims_after = gpd.read_file(store, layer="claims")
    new = claims_after[claims_after["doc_id"] == "zz_new"]
    assert len(new) and "Plyokhovo" in set(new["place_label"])
    # old claims keep their ids; the map gains the new article's claims
    assert set(claims_before["claim_id"]) <= set(claims_after["claim_id"])
    html = page_texts(out.read_text(encoding="utf-8"))
    assert all(claim_id in html for claim_id in new["claim_id"])
    articles = pyogrio.read_dataframe(store, layer="articles", read_geometry=False)
    assert set(articles["status"]) == {"ok"} and len(articles) == 6

    # a changed article is re-read and its claims replaced; a deleted one is removed
    (corpus / "zz_new.md").write_text(NEW_REPORT.replace("Plyokhovo", "Gornal"), "utf-8")
    (corpus / "004_52b7f612594c90eb.txt").unlink()
    run("build", str(corpus), "-o", str(out), "--store", str(store))
    last = runs_table(store).iloc[-1]
    assert (last["processed"], last["removed"]) == (1, 1)
    claims = gpd.read_file(store, layer="claims")
    assert "004_52b7f612594c90eb" not in set(claims["doc_id"])
    assert "Plyokhovo" not in set(claims[claims["doc_id"] == "zz_new"]["place_label"])


def test_sigkill_leaves_previous_outputs_intact(corpus, tmp_path):
    store, out = tmp_path / "run.gpkg", tmp_path / "map.html"
    run("build", str(corpus), "-o", str(out), "--store", str(store))
    before = store.read_bytes(), out.read_bytes()
    seed = (corpus / "003_d491525fbb0a8827.txt").read_text(encoding="utf-8")
    for k in range(300):  # enough work that the kill lands mid-extraction
        (corpus / f"copy_{k:03d}.txt").write_text(f"Report {k}.\n{seed}", encoding="utf-8")
    proc = subprocess.Popen([GEOMAP, "build", str(corpus), "-o", str(out), "--store",
                             str(store)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    started = threading.Event()

    def watch() -> None:  # the progress bar counts articles once extraction has begun
        for chunk in iter(lambda: proc.stderr.read(64), b""):
            if b"articles" in chunk:
                started.set()

    threading.Thread(target=watch, daemon=True).start()
    assert started.wait(120), "the run never started extracting"
    assert proc.poll() is None, "the run ended before it could be killed"
    rival = run("build", str(corpus), "-o", str(out), "--store", str(store), check=False)
    assert rival.returncode == 1 and "in use by another geomap run" in rival.stderr
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (store.read_bytes(), out.read_bytes()) == before
    stale = tmp_path / ".run.k1ll3d_x.gpkg"  # as left by a run killed while writing
    stale.write_bytes(b"partial")
    again = run("build", str(corpus), "-o", str(out), "--store", str(store))
    assert not stale.exists()
    last = runs_table(store).iloc[-1]
    assert len(runs_table(store)) == 2 and last["processed"] == 300, again.stdout


def test_exports_read_back_by_ogrinfo(corpus, tmp_path):
    if shutil.which("ogrinfo") is None:
        pytest.fail("ogrinfo is missing: install Debian's gdal-bin (.ci/run does)",
                    pytrace=False)
    store = tmp_path / "run.gpkg"
    run("build", str(corpus), "-o", str(tmp_path / "map.html"), "--store", str(store))
    claims = gpd.read_file(store, layer="claims")
    for suffix, layer in ((".gpkg", "claims"), (".geojson", None), (".csv", None),
                          (".kml", None)):
        target = tmp_path / f"export{suffix}"
        run("export", str(store), "-o", str(target))
        args = ["ogrinfo", "-ro", "-so", "-al", str(target)]
        if layer:
            args = ["ogrinfo", "-ro", "-so", str(target), layer]
        info = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        counts = [int(n) for n in re.findall(r"Feature Count: (\d+)", info)]
        assert counts and sum(counts) == len(claims), (suffix, info)
        if suffix in (".geojson", ".csv"):
            assert "sentence" in info and "doc_id" in info and "place_reason" in info
    # Debian's GDAL 3.6 has no Parquet driver: read the GeoParquet back with Arrow
    target = tmp_path / "export.parquet"
    run("export", str(store), "-o", str(target))
    table = pq.read_table(target)
    assert table.num_rows == len(claims)
    geo = json.loads(table.schema.metadata[b"geo"])
    assert geo["primary_column"] == "geometry"
    assert set(claims.columns) <= set(table.column_names)
    bad = run("export", str(store), "-o", str(tmp_path / "x.shp"), check=False)
    assert bad.returncode == 2 and "unknown export format" in bad.stderr  # bad input


def test_store_refuses_a_foreign_geopackage(corpus, tmp_path):
    foreign = tmp_path / "foreign.gpkg"
    gpd.GeoDataFrame({"a": [1]}, geometry=gpd.points_from_xy([0], [0]),
                     crs="EPSG:4326").to_file(foreign, layer="roads")
    before = foreign.read_bytes()
    proc = run("build", str(corpus), "-o", str(tmp_path / "m.html"), "--store", str(foreign),
               check=False)
    assert proc.returncode == 2 and "not a geomap store" in proc.stderr  # bad input
    assert foreign.read_bytes() == before


def test_jsonl_ids_cannot_escape(tmp_path):
    corpus = tmp_path / "feed.jsonl"
    lines = [{"id": "../../../etc/passwd", "text": "Russia's defence ministry said its forces "
              "had captured Sudzha in the Kursk region.", "published": "2025-03-13"}]
    corpus.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    out = tmp_path / "out" / "map.html"
    run("build", str(corpus), "-o", str(out))
    articles = pyogrio.read_dataframe(out.with_suffix(".gpkg"), layer="articles",
                                      read_geometry=False)
    (doc_id,) = articles["doc_id"]
    assert "/" not in doc_id and ".." not in doc_id
    assert sorted(p.name for p in out.parent.iterdir()) == [".map.gpkg.lock", "map.gpkg",
                                                            "map.html"]


def test_demo_opens_in_chromium(browser, tmp_path):
    proc = subprocess.run([GEOMAP, "demo", "--out", str(tmp_path)], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    html, store = tmp_path / "demo.html", tmp_path / "demo.gpkg"
    assert str(store) in proc.stdout and str(html) in proc.stdout
    claims = gpd.read_file(store, layer="claims")
    sides = set(claims["claimant_side"])
    assert {"RU", "UA", "INDEPENDENT"} <= sides
    assert "denial" in set(claims["event_type"])
    berdin = claims[claims["place_name"] == "Berdin"]  # a hamlet only Rosstat knows
    assert len(berdin) and set(berdin["admin1"]) == {"RU-KRS"}
    assert (claims["notes"].fillna("").str.contains("dated by")).any()  # relative dates
    opened = Opened(browser, html, serve_assets=False)  # every request refused
    drawn = opened.page.evaluate("window.geomap.data.claims.id.length")
    drawable = claims.geometry.notna() & (claims["place_kind"] != "country")
    assert drawn == int(drawable.sum()) and opened.refused == [] and opened.errors == []
    opened.page.close()


def test_build_from_pages_channels_and_feeds(tmp_path):
    """A corpus as an analyst keeps it (a saved news page, a Telegram export, a saved
    channel preview, a feed) built by the console script; the store read back by GDAL
    holds each claim with its own date, publisher and link."""
    from tests.geomap.ingest.test_feeds import RSS
    from tests.geomap.ingest.test_html_pages import WIRE_PAGE
    from tests.geomap.ingest.test_telegram_export import EXPORT, PREVIEW

    if shutil.which("ogrinfo") is None:
        pytest.fail("ogrinfo is missing: install Debian's gdal-bin (.ci/run does)",
                    pytrace=False)
    corpus = tmp_path / "kept"
    corpus.mkdir()
    (corpus / "wire.html").write_text(WIRE_PAGE, encoding="utf-8")
    (corpus / "frontnotes.html").write_text(PREVIEW, encoding="utf-8")
    (corpus / "result.json").write_text(json.dumps(EXPORT, ensure_ascii=False),
                                        encoding="utf-8")
    (corpus / "agency.rss").write_text(RSS, encoding="utf-8")
    store, out = tmp_path / "run.gpkg", tmp_path / "map.html"
    done = run("build", str(corpus), "-o", str(out), "--store", str(store))
    assert "2 failed" in done.stdout  # a post and a feed item with unreadable dates
    info = subprocess.run(["ogrinfo", "-ro", "-al", "-q", str(store), "claims"],
                          capture_output=True, text=True, check=True).stdout
    for expected in ("https://t.me/frontnotes/101", "https://agency.example.org/military/1001",
                     "https://news.example.net/europe/moscow-village-claim/",
                     "Northwind News", "tg1000001-2", "Новотроицкое"):
        assert expected in info, expected
    claims = gpd.read_file(store, layer="claims")
    by_doc = {row.doc_id: row for row in claims.itertuples()}
    assert str(by_doc["tg-frontnotes-101"].published)[:10] == "2025-01-14"
    assert str(by_doc["wire"].published)[:10] == "2025-02-11"
    again = run("build", str(corpus), "-o", str(out), "--store", str(store))
    assert "not redrawn" in again.stdout  # nothing changed: the map is kept
