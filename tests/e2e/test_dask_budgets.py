"""The per-article budgets on a real dask.distributed LocalCluster (2 worker processes): a
slow article is killed and recorded as failed, a Dask worker that dies mid-partition costs
only the article it was on, and the job always completes (issues 15 and 17)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import threading
import time

import dask
import psutil
import pytest

from geomap.distributed import DaskAnalyse, dask_client
from geomap.extract import ExtractSummary, extract
from geomap.ingest.corpus import Article

DAY = dt.date(2025, 4, 15)
PLACES = ["Gornal", "Sudzha", "Plyokhovo", "Guevo", "Martynovka", "Pogrebki"]
#: No single-character run for the taming to collapse: spaCy is slow on it, so it meets
#: the time budget (declared English: it has no letters to detect a language from).
SLOW = Article("slow", "(( ) " * 40_000, published=DAY, language="en")


def _good() -> list[Article]:
    return [Article(f"good{i}", f"Russia's defence ministry said on Tuesday that its forces "
                    f"had taken control of the village of {place} in the Kursk region.",
                    published=DAY) for i, place in enumerate(PLACES)]


@pytest.fixture(scope="module")
def client():
    # a task whose worker dies fails at once (no rescheduling), so the split is exercised
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            dask_client(workers=2) as running:
        yield running


def test_slow_article_meets_its_budget_on_the_cluster(client):
    good = _good()
    articles = [*good[:3], SLOW, *good[3:]]
    claims, _ = extract(articles, analyse=DaskAnalyse(client, partition_size=4, retries=0,
                                                      time_limit=3))
    summary = claims.attrs["summary"]
    assert (summary.articles, summary.failed) == (6, 1), summary.messages
    [failure] = summary.failures
    # whichever budget it meets first (CPU time, or memory on a fast idle machine)
    assert failure.doc_id == "slow" and failure.error.startswith(("too slow: ", "too large: "))
    assert set(claims["doc_id"]) == {a.doc_id for a in good}


def _kill_busy_workers(client, kills: list[int], children: list[int],
                       stop: threading.Event, wanted: int) -> None:
    """SIGKILL a Dask worker whose analysing child has used over a second of CPU (it is
    on the slow article), *wanted* times; their pids go to *kills*, the children's to
    *children*."""
    while not stop.is_set() and len(kills) < wanted:
        try:
            pids = list(client.run(os.getpid, wait=True).values())
        except Exception:  # a worker restarting
            pids = []
        for pid in pids:
            try:
                kids = psutil.Process(pid).children()
                busy = any(sum(c.cpu_times()[:2]) > 1.0 for c in kids)
            except psutil.Error:
                continue
            if busy and pid not in kills:
                os.kill(pid, signal.SIGKILL)
                kills.append(pid)
                children.extend(c.pid for c in kids)
                break
        time.sleep(0.1)


def test_a_dying_worker_costs_only_its_article(client):
    client.wait_for_workers(2, timeout=300)
    good = _good()
    articles = [*good[:3], SLOW, *good[3:]]
    analyse = DaskAnalyse(client, partition_size=4, retries=0, time_limit=6, memory_mb=None)
    summary = ExtractSummary()
    kills: list[int] = []
    children: list[int] = []
    stop = threading.Event()
    # kill the worker on the slow article's partition, then the one on the article alone
    killer = threading.Thread(target=_kill_busy_workers, args=(client, kills, children, stop, 2),
                              daemon=True)
    killer.start()
    try:
        done = list(analyse(iter(articles), summary))
    finally:
        stop.set()
        killer.join(10)
    assert len(kills) == 2, "the workers were never caught on the slow article"
    assert (summary.articles, summary.failed) == (6, 1), summary.messages
    [failure] = summary.failures
    assert failure.doc_id == "slow", failure
    assert failure.error.startswith("worker died on the cluster: "), failure.error
    assert "\n" not in failure.error
    assert {r.article.doc_id for r in done} == {a.doc_id for a in good}
    assert all(r.claims for r in done)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert children and not [pid for pid in children if _alive(pid)]  # died with the worker
    client.wait_for_workers(2, timeout=300)  # the nannies start new workers


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
