"""`geomap build` and `geomap extract` on the hostile corpus of issue 17, as a user runs
them: every file recorded, one-line errors with the right exit codes, nothing lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest

BIN = Path(sys.executable).parent
HOSTILE = Path(__file__).resolve().parents[1] / "hostile"


def _run(*args, timeout=600):
    return subprocess.run([str(BIN / "geomap"), *map(str, args)], capture_output=True,
                          text=True, timeout=timeout)


def _one_line_error(done, code):
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("geomap: error:")]
    assert len(errors) == 1, done.stderr
    return errors[0]


def test_hostile_corpus_build_records_every_file(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(HOSTILE / "articles", corpus)
    out = tmp_path / "map.html"
    first = _run("build", corpus, "-o", out, "--processes", "2")
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    articles = pyogrio.read_dataframe(tmp_path / "map.gpkg", layer="articles",
                                      read_geometry=False)
    files = [p for p in corpus.iterdir() if p.suffix in (".md", ".txt")]
    assert len(articles) == len(files) == articles["doc_id"].nunique()
    failed = dict(zip(articles[articles["status"] == "failed"]["doc_id"],
                      articles[articles["status"] == "failed"]["error"], strict=True))
    assert set(failed) == {"yaml_bomb", "ancient", "binary", "manifest_dated"}
    for doc_id, error in failed.items():  # each failure one line on stderr too
        assert sum(doc_id in line for line in first.stderr.splitlines()) >= 1
        assert "\n" not in error
    claims = gpd.read_file(tmp_path / "map.gpkg", layer="claims")
    dups = claims[claims["doc_id"].str.startswith("d01_dup")]
    assert dups["doc_id"].nunique() == 4  # four files, four ids, a claim each
    assert {"brackets", "quotes", "emoji", "ordinary"} <= set(claims["doc_id"])
    second = _run("build", corpus, "-o", out, "--processes", "2")
    assert second.returncode == 0, second.stderr
    # nothing new: the four failures are not retried (their files did not change)
    assert f"0 processed, {len(files)} unchanged, 0 removed, 0 failed (4 of them failed " \
        "before" in second.stdout
    again_articles = pyogrio.read_dataframe(tmp_path / "map.gpkg", layer="articles",
                                            read_geometry=False)
    assert set(again_articles[again_articles["status"] == "failed"]["doc_id"]) == set(failed)
    again = gpd.read_file(tmp_path / "map.gpkg", layer="claims")
    assert sorted(again["claim_id"]) == sorted(claims["claim_id"])  # no flip-flop


@pytest.mark.parametrize("manifest", ["no_file_column.csv", "empty.csv", "binary.csv",
                                      "too_many_fields.csv"])
def test_bad_manifest_is_one_line(tmp_path, manifest):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Russian forces shelled Sudzha on Monday.")
    done = _run("build", corpus, "-o", tmp_path / "map.html",
                "--manifest", HOSTILE / "manifests" / manifest, timeout=120)
    line = _one_line_error(done, 2)
    assert manifest in line
    assert not (tmp_path / "map.gpkg").exists()


def test_foreign_store_and_read_only_output(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Russian forces shelled Sudzha on Monday.")
    store = tmp_path / "foreign.gpkg"
    frame = gpd.GeoDataFrame({"doc_id": ["x"], "claim_id": ["y"], "claims": ["many"]},
                             geometry=gpd.points_from_xy([0], [0]), crs="EPSG:4326")
    for layer in ("claims", "mentions", "articles", "runs"):
        frame.to_file(store, layer=layer, driver="GPKG", engine="pyogrio")
    before = store.read_bytes()
    line = _one_line_error(_run("build", corpus, "-o", tmp_path / "map.html", "--store",
                                store, timeout=120), 2)
    assert "not a geomap store" in line and store.read_bytes() == before
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the output folder should be")
    for command in (["build", corpus, "-o", blocker / "map.html"],
                    ["extract", corpus, "-o", blocker / "claims.gpkg"]):
        line = _one_line_error(_run(*command, timeout=120), 1)
        assert "not_a_folder is not a folder" in line
    locked = tmp_path / "readonly"
    locked.mkdir()
    os.chmod(locked, 0o555)
    try:
        if not os.access(locked, os.W_OK):  # root writes anywhere: then only the above
            line = _one_line_error(_run("build", corpus, "-o", locked / "map.html",
                                        timeout=120), 1)
            assert "readonly" in line
    finally:
        os.chmod(locked, 0o755)


def test_debug_shows_the_traceback(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Russian forces shelled Sudzha on Monday.")
    args = ["build", corpus, "-o", tmp_path / "map.html", "--manifest",
            HOSTILE / "manifests" / "empty.csv"]
    assert "Traceback" not in _run(*args, timeout=120).stderr
    debug = subprocess.run([str(BIN / "geomap"), "--debug", *map(str, args)],
                           capture_output=True, text=True, timeout=120)
    assert debug.returncode != 0 and "Traceback" in debug.stderr


def test_gazetteer_batch_survives_any_line(tmp_path):
    lines = ['\ufeffSumy', '{"name": "\\ud800"}', '{"name": NaN}', '{"name": 1e999}',
             '{"name": "Sud\\u200bzha"}', "[" * 5000, "Kupiansk", '{"name": "x", "lat": NaN}']
    batch = tmp_path / "queries.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = subprocess.run([str(BIN / "gazetteer"), "lookup", "--jsonl", str(batch)],
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("utf-8").splitlines()
    assert len(out) == len(lines)
    results = [json.loads(line, parse_constant=lambda c: pytest.fail(f"wrote {c}"))
               for line in out]
    assert results[0]["query"] == "Sumy" and results[0]["id"]
    assert results[6]["id"] and "error" in results[1] and "error" in results[5]
