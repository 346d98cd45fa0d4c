"""Extraction on a Dask cluster (dask.distributed): a local one or one you already run.

* Articles are sent in partitions of ``partition_size``; each worker loads the
  spaCy pipeline and the gazetteer **once**, in a worker plugin
  (:class:`ExtractorPlugin`), including workers that join or are restarted later.
* Results come back in submission order, so claims (and their ids) are identical
  to a single-process run on the same corpus.
* A failing article becomes a recorded failure inside its partition; a partition
  whose worker dies is retried by Dask on another worker (``retries`` plus
  Dask's own ``allowed-failures``); a partition that still fails is recorded as
  failed articles, never fatal to the job.
* At most ``2 * workers`` partitions are in flight, so memory on the client stays
  bounded whatever the corpus size.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from distributed.diagnostics.plugin import WorkerPlugin

from geomap.extract import ArticleResult, Extractor, ExtractSummary, count_results
from geomap.ingest.corpus import Article, ReadFailure
from geomap.settings import DASK_PARTITION_SIZE

log = logging.getLogger(__name__)
PLUGIN_NAME = "geomap-extractor"


class ExtractorPlugin(WorkerPlugin):
    """A Dask worker plugin that holds one :class:`Extractor` per worker."""

    name = PLUGIN_NAME

    def __init__(self, model: str | None = None, fast: bool = False):
        self.model = model
        self.fast = fast
        self.extractor: Extractor | None = None

    def setup(self, worker) -> None:
        """Load the pipeline and the gazetteer when the worker starts."""
        self.extractor = Extractor(model=self.model, fast=self.fast, n_process=1)

    def teardown(self, worker) -> None:
        self.extractor = None


def analyse_partition(articles: list[Article]) -> list[ArticleResult | ReadFailure]:
    """Task run on a worker: analyse one partition with the worker's extractor."""
    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN_NAME]
    if plugin.extractor is None:  # a plugin that has not been set up yet
        plugin.setup(get_worker())
    return plugin.extractor.analyse(articles)


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

    def __init__(self, client, *, model: str | None = None, fast: bool = False,
                 partition_size: int = DASK_PARTITION_SIZE, retries: int = 2,
                 progress: bool = False):
        self.client = client
        self.partition_size = partition_size
        self.retries = retries
        self.progress = progress
        client.register_plugin(ExtractorPlugin(model, fast), name=PLUGIN_NAME)

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

    @staticmethod
    def _collect(batch: list[Article], future, summary: ExtractSummary
                 ) -> Iterator[ArticleResult]:
        try:
            results = future.result()
        except Exception as error:  # the partition failed on every try: record, go on
            log.warning("partition of %d articles failed: %s", len(batch), error)
            results = [ReadFailure(a.doc_id, a.path, f"partition failed on the cluster: "
                                   f"{type(error).__name__}: {error}") for a in batch]
        yield from count_results(results, summary)
