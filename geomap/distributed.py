"""Extraction on a Dask cluster (dask.distributed): a local one or one you already run.

* Articles are sent in partitions of ``partition_size``; each worker loads the
  spaCy pipeline and the gazetteer **once**, in a worker plugin
  (:class:`ExtractorPlugin`), including workers that join or are restarted later.
* Results come back in submission order, so claims (and their ids) are identical
  to a single-process run on the same corpus.
* **The same per-article budgets as on one machine**: on each Dask worker a partition is
  analysed in a forked process (:class:`geomap.ingest.workers.BudgetPool`, one per
  worker, inheriting the loaded pipeline) under the time budget (``time_limit``, default
  :data:`geomap.settings.ARTICLE_SECONDS`) and the memory budget
  (:data:`geomap.settings.ARTICLE_MEMORY_MB`): a slow or huge article is killed and
  recorded as failed (``too slow``/``too large``), an article whose analysis kills its
  process is recorded as ``worker died``, and the partition's other articles are analysed.
* A failing article becomes a recorded failure inside its partition. A partition
  whose Dask worker dies is retried by Dask on another worker (``retries`` plus
  Dask's own ``allowed-failures``); a partition that still fails is split: each of its
  articles is submitted alone, and only the articles that fail alone are recorded as
  failed (``worker died on the cluster``), never the job.
* At most ``2 * workers`` partitions are in flight, so memory on the client stays
  bounded whatever the corpus size.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from distributed.diagnostics.plugin import WorkerPlugin

from geomap.extract import ArticleResult, Extractor, ExtractSummary, count_results
from geomap.ingest.corpus import Article, ReadFailure
from geomap.ingest.workers import BudgetPool
from geomap.nlp.claimants import load_registry
from geomap.settings import ARTICLE_MEMORY_MB, ARTICLE_SECONDS, DASK_PARTITION_SIZE

log = logging.getLogger(__name__)
PLUGIN_NAME = "geomap-extractor"


class ExtractorPlugin(WorkerPlugin):
    """A Dask worker plugin that holds one :class:`Extractor` per worker."""

    name = PLUGIN_NAME

    def __init__(self, model: str | None = None, fast: bool | None = None,
                 time_limit: float | None = ARTICLE_SECONDS,
                 memory_mb: float | None = ARTICLE_MEMORY_MB,
                 claimants_csv: str | None = None):
        self.model = model
        self.fast = fast
        self.claimants_csv = claimants_csv  # the text of the user's claimants CSV
        self.time_limit = time_limit
        self.memory_mb = memory_mb
        self.extractor: Extractor | None = None

    def setup(self, worker) -> None:
        """Load the pipeline and the gazetteer when the worker starts (before any fork,
        so the processes that analyse partitions inherit them)."""
        claimants = None
        if self.claimants_csv is not None:  # the client's file, written where this worker is
            folder = Path(getattr(worker, "local_directory", None) or tempfile.gettempdir())
            claimants = folder / "geomap-claimants.csv"
            claimants.write_text(self.claimants_csv, encoding="utf-8")
        self.extractor = Extractor(model=self.model, fast=self.fast, n_process=1,
                                   time_limit=self.time_limit, claimants=claimants)
        self.extractor.nlp  # noqa: B018 - load the English pipeline now

    def teardown(self, worker) -> None:
        self.extractor = None

    def analyse(self, articles: list[Article]) -> list[ArticleResult | ReadFailure]:
        """*articles* analysed under the budgets (in this process when there are none)."""
        assert self.extractor is not None
        if not self.time_limit and not self.memory_mb:
            return self.extractor.analyse(articles)
        pool = BudgetPool(self.extractor.analyse, _budget_failure, processes=1,
                          seconds=float(self.time_limit or 1e9), memory_mb=self.memory_mb)
        return [result for batch in pool.map([articles]) for result in batch]


def _budget_failure(article: Article, reason: str) -> ReadFailure:
    return ReadFailure(article.doc_id, article.path, reason)


def analyse_partition(articles: list[Article]) -> list[ArticleResult | ReadFailure]:
    """Task run on a worker: analyse one partition with the worker's extractor, under
    the per-article budgets."""
    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN_NAME]
    if plugin.extractor is None:  # a plugin that has not been set up yet
        plugin.setup(get_worker())
    return plugin.analyse(articles)


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None,
                *, threads_per_worker: int = 1):
    """A client for an existing cluster (*scheduler*) or a local one of *workers* processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers or 1, threads_per_worker=threads_per_worker,
                      processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


class DaskAnalyse:
    """An ``analyse(articles, summary)`` callable that runs on a Dask cluster."""

    def __init__(self, client, *, model: str | None = None, fast: bool | None = None,
                 partition_size: int = DASK_PARTITION_SIZE, retries: int = 2,
                 progress: bool = False, time_limit: float | None = ARTICLE_SECONDS,
                 memory_mb: float | None = ARTICLE_MEMORY_MB,
                 claimants: str | Path | None = None):
        self.client = client
        self.partition_size = partition_size
        self.retries = retries
        self.progress = progress
        claimants_csv = None
        if claimants is not None:  # checked here (a bad file fails before any work) and
            load_registry(str(claimants))  # sent as text: workers may not see this disk
            claimants_csv = Path(claimants).read_text(encoding="utf-8")
        client.register_plugin(ExtractorPlugin(model, fast, time_limit, memory_mb,
                                               claimants_csv),
                               name=PLUGIN_NAME)

    def _in_flight(self) -> int:
        workers = len(self.client.scheduler_info().get("workers", {})) or 1
        return 2 * workers

    def __call__(self, articles: Iterable[Article], summary: ExtractSummary
                 ) -> Iterator[ArticleResult]:
        from tqdm import tqdm

        stream = iter(articles)
        pending: list[tuple[list[Article], object]] = []
        bar = tqdm(unit=" partitions", desc="dask", disable=not self.progress, leave=False)
        try:
            while True:
                while len(pending) < self._in_flight():
                    batch = list(islice(stream, self.partition_size))
                    if not batch:
                        break
                    future = self.client.submit(analyse_partition, batch, pure=False,
                                                retries=self.retries)
                    pending.append((batch, future))
                if not pending:
                    return
                batch, future = pending.pop(0)
                yield from self._collect(batch, future, summary)
                bar.update(1)
        finally:
            bar.close()
            for _, future in pending:
                future.cancel()

    def _collect(self, batch: list[Article], future, summary: ExtractSummary
                 ) -> Iterator[ArticleResult]:
        try:
            results = future.result()
        except Exception as error:  # the partition failed on every try: split it
            log.warning("partition of %d articles failed (%s: %s); retrying them one by one",
                        len(batch), type(error).__name__, error)
            results = self._one_by_one(batch) if len(batch) > 1 else \
                [_cluster_failure(batch[0], error)]
        yield from count_results(results, summary)

    def _one_by_one(self, batch: list[Article]) -> list[ArticleResult | ReadFailure]:
        """Each article of a failed partition alone; those that fail alone are recorded."""
        futures = [self.client.submit(analyse_partition, [article], pure=False,
                                      retries=self.retries) for article in batch]
        results: list[ArticleResult | ReadFailure] = []
        for article, future in zip(batch, futures, strict=True):
            try:
                results.extend(future.result())
            except Exception as error:
                results.append(_cluster_failure(article, error))
        return results


def _cluster_failure(article: Article, error: Exception) -> ReadFailure:
    return ReadFailure(article.doc_id, article.path, "worker died on the cluster: "
                       f"{type(error).__name__}: {error}")
