"""Extraction on a real dask.distributed LocalCluster with 2 worker processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geomap.distributed import DaskAnalyse, dask_client
from geomap.extract import Extractor, ExtractSummary, claim_rows, extract
from geomap.ingest.corpus import Article
from geomap.ingest.synthetic import generate_articles
from geomap.schema import CLAIM_COLUMNS, to_geodataframe

N_ARTICLES = 1000


def assert_same(left: gpd.GeoDataFrame, right: gpd.GeoDataFrame) -> None:
    pd.testing.assert_frame_equal(left.drop(columns="geometry").reset_index(drop=True),
                                  right.drop(columns="geometry").reset_index(drop=True))
    assert left.geometry.reset_index(drop=True).equals(right.geometry.reset_index(drop=True))


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return generate_articles(N_ARTICLES)


@pytest.fixture(scope="module")
def single(articles):
    """The single-process result (one process, no forked workers)."""
    return extract(articles, extractor=Extractor(n_process=1))


@pytest.fixture(scope="module")
def client():
    with dask_client(workers=2) as running:
        yield running


def test_cluster_result_equals_single_process(articles, single, client):
    claims, mentions = extract(articles, analyse=DaskAnalyse(client, partition_size=25))
    assert len(single[0]) > N_ARTICLES  # the generated reports do give claims
    assert_same(claims, single[0])
    assert_same(mentions, single[1])
    summary = claims.attrs["summary"]
    assert (summary.articles, summary.failed) == (N_ARTICLES, 0)


def test_a_killed_worker_is_replaced_and_the_job_completes(articles, single, client):
    subset = articles[:300]
    expected = single[0][single[0]["doc_id"].isin({a.doc_id for a in subset})]
    analyse = DaskAnalyse(client, partition_size=5)
    summary = ExtractSummary()
    results = analyse(iter(subset), summary)
    first = next(results)
    pids = client.run(os.getpid)  # worker address -> its process id
    assert len(pids) == 2
    os.kill(next(iter(pids.values())), signal.SIGKILL)  # a worker process dies mid-job
    done = [first, *results]
    assert len(done) == len(subset) and summary.failed == 0
    claims = to_geodataframe([row for r in done for row in claim_rows(r)], CLAIM_COLUMNS)
    assert_same(claims, expected)
    client.wait_for_workers(2, timeout=120)  # the nanny starts a new worker


def test_a_failing_article_is_recorded_not_fatal(client):
    good = generate_articles(20, seed=5)
    bad = Article(doc_id="broken", text=None, published=None)  # type: ignore[arg-type]
    claims, _ = extract([*good[:10], bad, *good[10:]], analyse=DaskAnalyse(client))
    summary = claims.attrs["summary"]
    assert summary.articles == 20 and summary.failed == 1
    assert summary.failures[0].doc_id == "broken" and "analysis failed" in \
        summary.failures[0].error


def test_build_on_workers_writes_month_partitions(tmp_path):
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for a in generate_articles(60, seed=11):
            out.write(json.dumps({"id": a.doc_id, "text": a.text, "source": a.source,
                                  "published": a.published.isoformat(), "url": a.url}) + "\n")
    geomap = str(Path(sys.executable).parent / "geomap")
    for name, extra in (("local", []), ("dask", ["--workers", "2"])):
        proc = subprocess.run([geomap, "build", str(feed), "-o", str(tmp_path / f"{name}.html"),
                               *extra], capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr
    local = gpd.read_file(tmp_path / "local.gpkg", layer="claims")
    dask = gpd.read_file(tmp_path / "dask.gpkg", layer="claims")
    assert_same(dask, local)
    months = sorted(p.name for p in (tmp_path / "dask.parts" / "claims").iterdir())
    assert months and all(m.startswith("month=20") for m in months)
    staged = gpd.read_parquet(tmp_path / "dask.parts" / "claims")
    assert len(staged) == len(dask)


def test_user_claimants_reach_the_cluster(client, tmp_path):
    """--claimants on Dask: the user's CSV is checked in the client and sent as text, so a
    claimant only it names gets its side on the workers as on this machine."""
    extra = tmp_path / "claimants.csv"
    extra.write_text("name,side,kind,variants,refs\n"
                     "Seym Frontier Watch,UA,group,seym frontier watch,channel\n",
                     encoding="utf-8")
    import datetime as dt
    article = Article(doc_id="watch", published=dt.date(2025, 2, 4), source=None,
                      text="Ukrainian units captured Plekhovo on Monday, Seym Frontier Watch "
                           "said in a post.")
    on_cluster, _ = extract([article], analyse=DaskAnalyse(client, claimants=extra))
    here, _ = extract([article], extractor=Extractor(claimants=extra))
    plain, _ = extract([article], extractor=Extractor())
    assert list(on_cluster["claimant_side"]) == list(here["claimant_side"]) == ["UA"]
    assert list(on_cluster["claimant"]) == ["Seym Frontier Watch"]
    assert list(plain["claimant_side"]) != ["UA"]
