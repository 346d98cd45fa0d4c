"""``geomap build``: corpus -> store -> map in one call, re-reading only what changed.

Incremental rules
-----------------
* An article whose ``doc_id`` and content hash (text and metadata) match a
  stored article with status ``ok`` is not read again; its claims stay, with
  the same claim ids.
* A new or changed article is extracted; a changed article's old claims and
  mentions are replaced by the new ones.
* An article gone from the corpus loses its claims, mentions and row.
* An article that cannot be read or analysed is recorded with status
  ``failed`` and its error; claims it had from an earlier run are kept, and
  the next run tries it again.
* ``rebuild=True`` ignores the store and extracts everything.

The store is written first, then the map, each atomically.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import pandas as pd

from geomap.extract import (
    ArticleResult,
    Extractor,
    ExtractSummary,
    analyse_locally,
    claim_rows,
    mention_rows,
    readable_articles,
)
from geomap.ingest.corpus import Article, ReadFailure, iter_corpus
from geomap.io.partitions import MonthPartitions
from geomap.io.store import (
    ARTICLE_COLUMNS,
    RUN_COLUMNS,
    Store,
    read_store,
    store_lock,
    write_store,
)
from geomap.io.tables import check_writable
from geomap.schema import CLAIM_COLUMNS, MENTION_COLUMNS, to_geodataframe
from geomap.settings import MAX_ARTICLE_BYTES

#: analyse(articles, summary) -> results; the single-machine default or a Dask cluster
Analyse = Callable[[Iterable[Article], ExtractSummary], Iterator[ArticleResult]]


@dataclass
class BuildReport:
    """What one build did."""

    seen: int = 0
    processed: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0
    claims_added: int = 0
    claims_removed: int = 0
    claims: object = None  # every claim in the store after the run (GeoDataFrame)
    messages: list[str] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def as_text(self) -> str:
        """The closing summary printed by the CLI."""
        total = len(self.claims) if self.claims is not None else 0
        lines = [f"articles: {self.seen} in corpus, {self.processed} processed, "
                 f"{self.unchanged} unchanged, {self.removed} removed, {self.failed} failed",
                 f"claims: {total} in store ({self.claims_added} added, "
                 f"{self.claims_removed} removed)"]
        if self.claims is not None and len(self.claims):
            table = pd.crosstab(self.claims["claimant_side"].fillna("?"),
                                self.claims["event_type"].fillna("?"))
            lines.append(table.to_string())
        lines += [f"wrote {path}" for path in self.paths]
        lines.append(f"took {self.seconds:.1f} s")
        return "\n".join(lines)


def local_analyse(extractor: Extractor | Callable[[], Extractor]) -> Analyse:
    """Extraction on this machine (forked worker processes, see :class:`Extractor`).

    A callable is only called when there is an article to read, so a re-run with
    nothing new never loads spaCy.
    """

    def analyse(articles: Iterable[Article], summary: ExtractSummary) -> Iterator[ArticleResult]:
        stream = iter(articles)
        first = next(stream, None)
        if first is None:
            return iter(())
        ready = extractor if isinstance(extractor, Extractor) else extractor()
        return analyse_locally(chain([first], stream), summary, ready)

    return analyse


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _article_row(article: Article | ReadFailure, *, status: str, error: str | None = None,
                 claims: int = 0, content_hash: str | None = None) -> dict[str, object]:
    if isinstance(article, ReadFailure):
        return {"doc_id": article.doc_id, "content_hash": content_hash, "published": None,
                "source": None, "url": None, "path": article.path, "status": status,
                "error": error, "claims": claims, "processed_at": _now()}
    return {"doc_id": article.doc_id, "content_hash": article.content_hash,
            "published": article.published.isoformat() if article.published else None,
            "source": article.source, "url": article.url, "path": article.path,
            "status": status, "error": error, "claims": claims, "processed_at": _now()}


def update_store(corpus, previous: Store, *, analyse: Analyse, manifest=None,
                 published: dt.date | None = None, max_bytes: int = MAX_ARTICLE_BYTES,
                 progress: bool = False, stage: Path | None = None
                 ) -> tuple[Store, BuildReport]:
    """The store after reading *corpus* incrementally against *previous*.

    With *stage*, new results go through a GeoParquet dataset partitioned by
    publication month in that folder (see :mod:`geomap.io.partitions`) instead
    of memory, and are read back from it for the merge.
    """
    from tqdm import tqdm

    started = _now()
    report = BuildReport()
    stored = previous.articles
    # plain str/None (a failed article has no hash: <NA> would not compare)
    known = {str(doc): (None if pd.isna(hash_) else str(hash_), str(status))
             for doc, hash_, status in zip(stored["doc_id"], stored["content_hash"],
                                           stored["status"], strict=True)}
    seen: set[str] = set()
    bar = tqdm(unit=" articles", desc="geomap build", disable=not progress, leave=False)
    summary = ExtractSummary()

    def corpus_items() -> Iterator[Article | ReadFailure]:
        for item in iter_corpus(corpus, manifest=manifest, published=published,
                                max_bytes=max_bytes):
            bar.update(1)
            seen.add(item.doc_id)
            yield item

    def changed() -> Iterator[Article]:
        for article in readable_articles(corpus_items(), summary):
            if known.get(article.doc_id) == (article.content_hash, "ok"):
                report.unchanged += 1
                continue
            yield article

    claims: list[dict[str, object]] = []
    mentions: list[dict[str, object]] = []
    rows: list[dict[str, object]] = []
    staged = MonthPartitions(stage) if stage else None
    try:
        for result in analyse(changed(), summary):
            new = claim_rows(result)
            if staged is not None:
                month = result.article.published.strftime("%Y-%m") \
                    if result.article.published else None
                staged.add(month, new, mention_rows(result))
            else:
                claims.extend(new)
                mentions.extend(mention_rows(result))
            rows.append(_article_row(result.article, status="ok", claims=len(new)))
    finally:
        bar.close()
    for failure in summary.failures:  # unreadable or failed in analysis
        old_hash = known.get(failure.doc_id, (None, None))[0]
        rows.append(_article_row(failure, status="failed", error=failure.error,
                                 content_hash=old_hash))
    report.messages.extend(summary.messages)

    processed_ok = {row["doc_id"] for row in rows if row["status"] == "ok"}
    removed = set(known) - seen
    report.seen, report.removed = len(seen), len(removed)
    report.processed = len(processed_ok)
    report.failed = sum(1 for row in rows if row["status"] == "failed")
    replace = processed_ok | removed

    old_claims = previous.claims[~previous.claims["doc_id"].isin(replace)]
    new_claims = staged.read("claims") if staged else to_geodataframe(claims, CLAIM_COLUMNS)
    new_mentions = staged.read("mentions") if staged else to_geodataframe(mentions,
                                                                         MENTION_COLUMNS)
    report.claims_removed = len(previous.claims) - len(old_claims)
    report.claims_added = len(new_claims)
    merged_claims = _concat(old_claims, new_claims, CLAIM_COLUMNS)
    merged_mentions = _concat(
        previous.mentions[~previous.mentions["doc_id"].isin(replace)], new_mentions,
        MENTION_COLUMNS)
    touched = {row["doc_id"] for row in rows} | removed
    articles = pd.concat([previous.articles[~previous.articles["doc_id"].isin(touched)],
                          pd.DataFrame(rows, columns=ARTICLE_COLUMNS)], ignore_index=True)
    articles = articles.sort_values("doc_id").reset_index(drop=True)
    run = {"run_id": int(pd.to_numeric(previous.runs["run_id"]).max()) + 1
           if len(previous.runs) else 1,
           "started": started, "finished": _now(), "corpus": os.fspath(corpus),
           "seen": report.seen, "processed": report.processed, "unchanged": report.unchanged,
           "removed": report.removed, "failed": report.failed,
           "claims_added": report.claims_added, "claims_removed": report.claims_removed,
           "claims_total": len(merged_claims), "geomap_version": _version()}
    runs = pd.concat([previous.runs, pd.DataFrame([run], columns=RUN_COLUMNS)],
                     ignore_index=True)
    report.claims = merged_claims
    return Store(merged_claims, merged_mentions, articles, runs), report


def _concat(old, new, columns: list[str]):
    import geopandas as gpd

    frames = [f for f in (old, new) if len(f)]
    if not frames:
        return new
    merged = pd.concat([f.reindex(columns=columns) for f in frames], ignore_index=True)
    merged = gpd.GeoDataFrame(merged, geometry="geometry", crs="EPSG:4326")
    return merged.sort_values(["doc_id", *(["char_start"] if "char_start" in columns else [])],
                              kind="stable").reset_index(drop=True)


def _judge(store: Store, map_options: dict | None) -> dict:
    """With a reference in *map_options*: the store's ``verdicts`` table set from it, and
    the options with the reference read once (a frame), for the map."""
    options = dict(map_options or {})
    reference = options.get("reference")
    if reference is None:
        return options
    from geomap.control.reference import read_reference
    from geomap.control.verdicts import verdicts
    from geomap.io.store import verdict_table
    from geomap.schema import validate_claims

    if not isinstance(reference, pd.DataFrame):
        reference = read_reference(reference, date_field=options.pop("reference_date_field",
                                                                     None))
        options["reference"] = reference
    claims = validate_claims(store.claims, required=CLAIM_COLUMNS)
    store.verdicts = verdict_table(verdicts(claims, reference),
                                   reference.attrs.get("name", "reference"))
    return options


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geomap")
    except PackageNotFoundError:
        return "unknown"


def build(corpus: str | os.PathLike[str], *, output: str | os.PathLike[str],
          store: str | os.PathLike[str] | None = None, manifest=None,
          published: dt.date | None = None, offline: bool = False,
          map_options: dict | None = None, rebuild: bool = False,
          extractor: Extractor | Callable[[], Extractor] | None = None,
          analyse: Analyse | None = None, max_bytes: int = MAX_ARTICLE_BYTES,
          progress: bool = False, partitioned: bool = False) -> BuildReport:
    """Extract *corpus* into the store and draw the map; see the module docstring.

    ``store`` defaults to the map's path with ``.gpkg``; ``map_options`` go to
    :func:`geomap.render.build_map` (``as_of``, ``reference``, ``tiles``, ``title``...).
    With ``partitioned``
    (the default on a Dask cluster) the run's new claims and mentions are also
    left as GeoParquet partitioned by publication month in ``<store>.parts/``.
    """
    from geomap.render import build_map, save_map

    output = Path(output)
    store_path = Path(store) if store else output.with_suffix(".gpkg")
    started = time.perf_counter()
    check_writable(output, store_path)
    notices: list[str] = []
    with store_lock(store_path, also=[output], notice=notices.append):
        previous = Store.empty() if rebuild else read_store(store_path)
        if analyse is None:
            analyse = local_analyse(extractor or Extractor)
        stage = None
        if partitioned:
            stage = Path(tempfile.mkdtemp(prefix=f".{store_path.stem}.parts.",
                                          dir=store_path.parent))
        try:
            updated, report = update_store(corpus, previous, analyse=analyse,
                                           manifest=manifest, published=published,
                                           max_bytes=max_bytes, progress=progress, stage=stage)
            map_options = _judge(updated, map_options)
            report.messages[:0] = notices
            report.paths.append(write_store(updated, store_path))
            if stage is not None:
                parts = store_path.with_name(f"{store_path.stem}.parts")
                shutil.rmtree(parts, ignore_errors=True)
                os.replace(stage, parts)
                stage = None
                report.paths.append(parts)
        finally:
            if stage is not None:
                shutil.rmtree(stage, ignore_errors=True)
        fmap = build_map(updated.claims, **(map_options or {}))
        report.paths.append(save_map(fmap, output, offline=offline))
    report.seconds = time.perf_counter() - started
    return report
