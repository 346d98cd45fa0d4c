"""``geomap build``: corpus -> store -> map in one call, re-reading only what changed.

Incremental rules
-----------------
* A file whose size, modification time (ns), manifest row, default date and size limit
  (its *signature*, :func:`geomap.ingest.corpus.file_signature`) are those the store
  recorded for its ``doc_id`` is not even opened: it is unchanged.
* A file whose signature changed is read; when its content hash (text and metadata)
  matches a stored article with status ``ok`` it is still unchanged (only its signature
  is updated); its claims stay, with the same claim ids. JSON Lines articles (many in one
  file) are always read and compared by content hash.
* A new or changed article is extracted; a changed article's old claims and
  mentions are replaced by the new ones.
* An article gone from the corpus loses its claims, mentions and row.
* An article that cannot be read or analysed is recorded with status
  ``failed`` and its error; claims it had from an earlier run are kept. It is tried
  again when its file changes, with ``retry_failed=True`` (``--retry-failed``), or when
  the failure was not the article's own doing (a worker that died, a cluster partition
  lost, an operating-system error reading it): an unchanged file that failed for its
  content (too large, too slow, binary, bad front matter...) would only fail again.
* ``rebuild=True`` ignores the store and extracts everything.

Writing
-------
The map is drawn first, then the store is written, each atomically; the run's row in the
store's ``runs`` table records the map it drew (``map_state``: a key of the map options,
the geomap version and the articles behind the claims, with the map file's size and
modification time). The map is **not redrawn** when the run changed no claim, the key is
the one recorded by the last run, the map file is as that run left it, and there is no
``reference`` (a reference is read and judged on every run): the summary then says the
map was kept. A run that changed nothing in the store adds its row to ``runs`` without
rewriting the other tables. A run killed between the map and the store leaves the
previous store: the next run extracts those articles again and redraws.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
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
from geomap.ingest.corpus import Article, ReadFailure, Unchanged, iter_corpus
from geomap.io.partitions import MonthPartitions
from geomap.io.store import (
    ARTICLE_COLUMNS,
    RUN_COLUMNS,
    Store,
    append_run,
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
    failed_before: int = 0  # unchanged files that failed in an earlier run, not retried
    claims_added: int = 0
    claims_removed: int = 0
    claims: object = None  # every claim in the store after the run (GeoDataFrame)
    messages: list[str] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    store_changed: bool = True  # False: only this run's row was added to the store
    map_kept: Path | None = None  # the map left as it was (nothing to redraw)

    def as_text(self) -> str:
        """The closing summary printed by the CLI."""
        total = len(self.claims) if self.claims is not None else 0
        before = (f" ({self.failed_before} of them failed before and were not retried: "
                  "--retry-failed)") if self.failed_before else ""
        lines = [f"articles: {self.seen} in corpus, {self.processed} processed, "
                 f"{self.unchanged} unchanged, {self.removed} removed, {self.failed} failed"
                 + before,
                 f"claims: {total} in store ({self.claims_added} added, "
                 f"{self.claims_removed} removed)"]
        if self.claims is not None and len(self.claims):
            table = pd.crosstab(self.claims["claimant_side"].fillna("?"),
                                self.claims["event_type"].fillna("?"))
            lines.append(table.to_string())
        lines += [f"wrote {path}" for path in self.paths]
        if self.map_kept is not None:
            lines.append(f"kept {self.map_kept} (no claim and no map option changed: "
                         "not redrawn)")
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
                 claims: int = 0, content_hash: str | None = None,
                 signature: str | None = None) -> dict[str, object]:
    if isinstance(article, ReadFailure):
        return {"doc_id": article.doc_id, "content_hash": content_hash, "published": None,
                "source": None, "url": None, "path": article.path, "status": status,
                "error": error, "claims": claims, "processed_at": _now(),
                "signature": signature}
    return {"doc_id": article.doc_id, "content_hash": article.content_hash,
            "published": article.published.isoformat() if article.published else None,
            "source": article.source, "url": article.url, "path": article.path,
            "status": status, "error": error, "claims": claims, "processed_at": _now(),
            "signature": signature}


#: Failures that are not the article's own doing: retried even when the file is unchanged.
_TRANSIENT = re.compile(r"worker died|worker failed|partition failed|\[Errno \d+\]|"
                        r"permission denied|skipped: (?!a )", re.IGNORECASE)


def transient_failure(error: str | None) -> bool:
    """Whether a recorded failure may go away by itself (see the module docstring)."""
    return error is None or bool(_TRANSIENT.search(error))


@dataclass(frozen=True, slots=True)
class _Known:
    content_hash: str | None
    status: str
    signature: str | None
    error: str | None


def _known(articles: pd.DataFrame) -> dict[str, _Known]:
    def text(value) -> str | None:  # plain str/None (<NA> would not compare)
        return None if pd.isna(value) else str(value)

    signatures = articles["signature"] if "signature" in articles else [None] * len(articles)
    return {str(doc): _Known(text(hash_), str(status), text(sig), text(error))
            for doc, hash_, status, sig, error in zip(
                articles["doc_id"], articles["content_hash"], articles["status"],
                signatures, articles["error"], strict=True)}


def update_store(corpus, previous: Store, *, analyse: Analyse, manifest=None,
                 published: dt.date | None = None, max_bytes: int = MAX_ARTICLE_BYTES,
                 progress: bool = False, stage: Path | None = None,
                 reload: Callable[[tuple[str, ...]], Store] | None = None,
                 retry_failed: bool = False, rewrite: bool = False
                 ) -> tuple[Store, BuildReport]:
    """The store after reading *corpus* incrementally against *previous*.

    With *stage*, new results go through a GeoParquet dataset partitioned by
    publication month in that folder (see :mod:`geomap.io.partitions`) instead
    of memory, and are read back from it for the merge. With *reload*, *previous* may
    hold only the ``articles`` and ``runs`` tables: ``reload(layers)`` reads the
    store's point layers when they are needed (all of them when something changed, the
    claims alone when nothing did; ``report.store_changed`` says which).
    """
    from tqdm import tqdm

    started = _now()
    report = BuildReport()
    known = _known(previous.articles)
    seen: set[str] = set()
    signatures: dict[str, str] = {}
    restamped: dict[str, str] = {}  # unchanged content, new signature
    bar = tqdm(unit=" articles", desc="geomap build", disable=not progress, leave=False)
    summary = ExtractSummary()

    def unchanged_file(doc_id: str, signature: str) -> bool:
        entry = known.get(doc_id)
        if entry is None or entry.signature != signature:
            return False
        return entry.status == "ok" or not (retry_failed or transient_failure(entry.error))

    def corpus_items() -> Iterator[Article | ReadFailure]:
        for item in iter_corpus(corpus, manifest=manifest, published=published,
                                max_bytes=max_bytes, unchanged=unchanged_file):
            bar.update(1)
            seen.add(item.doc_id)
            if isinstance(item, Unchanged):
                report.unchanged += 1
                report.failed_before += known[item.doc_id].status != "ok"
                continue
            if item.signature is not None:
                signatures[item.doc_id] = item.signature
            entry = known.get(item.doc_id)
            if isinstance(item, Article) and entry is not None and entry.status == "ok" \
                    and entry.content_hash == item.content_hash:
                report.unchanged += 1
                if item.signature != entry.signature:
                    restamped[item.doc_id] = item.signature
                continue
            yield item

    claims: list[dict[str, object]] = []
    mentions: list[dict[str, object]] = []
    rows: list[dict[str, object]] = []
    staged = MonthPartitions(stage) if stage else None
    try:
        for result in analyse(readable_articles(corpus_items(), summary), summary):
            new = claim_rows(result)
            if staged is not None:
                month = result.article.published.strftime("%Y-%m") \
                    if result.article.published else None
                staged.add(month, new, mention_rows(result))
            else:
                claims.extend(new)
                mentions.extend(mention_rows(result))
            rows.append(_article_row(result.article, status="ok", claims=len(new),
                                     signature=signatures.get(result.article.doc_id)))
    finally:
        bar.close()
    for failure in summary.failures:  # unreadable or failed in analysis
        old_hash = known[failure.doc_id].content_hash if failure.doc_id in known else None
        rows.append(_article_row(failure, status="failed", error=failure.error,
                                 content_hash=old_hash,
                                 signature=signatures.get(failure.doc_id)))
    report.messages.extend(summary.messages)

    processed_ok = {row["doc_id"] for row in rows if row["status"] == "ok"}
    removed = set(known) - seen
    report.seen, report.removed = len(seen), len(removed)
    report.processed = len(processed_ok)
    report.failed = sum(1 for row in rows if row["status"] == "failed")
    report.store_changed = bool(rows or removed or restamped or rewrite) or reload is None
    if reload is not None:  # the point layers, read now that we know which are needed
        layers = ("claims", "mentions") if report.store_changed else ("claims",)
        previous = reload(layers)
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
    articles = articles.reindex(columns=ARTICLE_COLUMNS)
    if restamped:
        stamps = articles["doc_id"].map(restamped)
        articles["signature"] = stamps.where(stamps.notna(), articles["signature"])
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
    return Store(merged_claims, merged_mentions, articles, runs,
                 verdicts=None if report.store_changed else previous.verdicts), report


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


def _map_key(articles: pd.DataFrame, map_options: dict | None, offline: bool) -> str:
    """What the map depends on: its options, the geomap version and, for the claims, every
    article's id, status and content hash with the time an ``ok`` one was extracted."""
    options = json.dumps([sorted((map_options or {}).items()), offline, _version()],
                         default=str)
    digest = hashlib.sha256(options.encode("utf-8", "backslashreplace"))
    ok = articles["status"].astype(str) == "ok"
    for column in (articles["doc_id"], articles["status"], articles["content_hash"],
                   articles["processed_at"].where(ok)):
        digest.update("\x1f".join("" if pd.isna(v) else str(v) for v in column)
                      .encode("utf-8", "backslashreplace"))
        digest.update(b"\x1e")
    return digest.hexdigest()[:32]


def _map_state(key: str, output: Path) -> str | None:
    """``key:size:mtime_ns`` of the map file at *output* (None when it is missing)."""
    try:
        info = output.stat()
    except OSError:
        return None
    return f"{key}:{info.st_size}:{info.st_mtime_ns}"


def _last_map_state(runs: pd.DataFrame) -> str | None:
    if not len(runs) or "map_state" not in runs:
        return None
    last = runs["map_state"].iloc[-1]
    return None if pd.isna(last) else str(last)


def build(corpus: str | os.PathLike[str], *, output: str | os.PathLike[str],
          store: str | os.PathLike[str] | None = None, manifest=None,
          published: dt.date | None = None, offline: bool = False,
          map_options: dict | None = None, rebuild: bool = False,
          extractor: Extractor | Callable[[], Extractor] | None = None,
          analyse: Analyse | None = None, max_bytes: int = MAX_ARTICLE_BYTES,
          progress: bool = False, partitioned: bool = False,
          retry_failed: bool = False) -> BuildReport:
    """Extract *corpus* into the store and draw the map; see the module docstring.

    ``store`` defaults to the map's path with ``.gpkg``; ``map_options`` go to
    :func:`geomap.render.build_map` (``as_of``, ``reference``, ``tiles``, ``title``...).
    With ``partitioned``
    (the default on a Dask cluster) the run's new claims and mentions are also
    left as GeoParquet partitioned by publication month in ``<store>.parts/``.
    ``retry_failed`` tries again every article that failed before, changed or not.
    """
    output = Path(output)
    store_path = Path(store) if store else output.with_suffix(".gpkg")
    started = time.perf_counter()
    check_writable(output, store_path)
    notices: list[str] = []
    with store_lock(store_path, also=[output], notice=notices.append):
        previous = Store.empty() if rebuild else read_store(store_path, layers=())
        reload = None if rebuild or not store_path.exists() else \
            (lambda layers: read_store(store_path, layers=layers))
        if analyse is None:
            analyse = local_analyse(extractor or Extractor)
        judged = (map_options or {}).get("reference") is not None  # verdicts: always anew
        stage = None
        if partitioned:
            stage = Path(tempfile.mkdtemp(prefix=f".{store_path.stem}.parts.",
                                          dir=store_path.parent))
        try:
            updated, report = update_store(corpus, previous, analyse=analyse,
                                           manifest=manifest, published=published,
                                           max_bytes=max_bytes, progress=progress, stage=stage,
                                           reload=reload, retry_failed=retry_failed,
                                           rewrite=judged or previous.verdicts is not None)
            report.messages[:0] = notices
            map_options = _judge(updated, map_options)
            key = _map_key(updated.articles, map_options if not judged else None, offline)
            state = _map_state(key, output)
            if judged or state is None or state != _last_map_state(previous.runs):
                state = _draw(updated.claims, map_options, output, offline, key)
                report.paths.append(output)
            else:
                report.map_kept = output
            updated.runs.loc[updated.runs.index[-1], "map_state"] = state
            if report.store_changed:
                report.paths.insert(0, write_store(updated, store_path))
            else:
                append_run(store_path, updated.runs.tail(1))
            if stage is not None:
                parts = store_path.with_name(f"{store_path.stem}.parts")
                shutil.rmtree(parts, ignore_errors=True)
                os.replace(stage, parts)
                stage = None
                report.paths.append(parts)
        finally:
            if stage is not None:
                shutil.rmtree(stage, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def _draw(claims, map_options: dict, output: Path, offline: bool, key: str) -> str | None:
    """Draw the map of *claims* to *output*; its ``map_state`` (see the module docstring)."""
    from geomap.render import build_map, save_map

    fmap = build_map(claims, **map_options)
    save_map(fmap, output, offline=offline)
    del fmap
    return _map_state(key, output)
