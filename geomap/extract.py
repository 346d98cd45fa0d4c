"""The extraction stage: articles -> toponym mentions -> places -> claims, as GeoDataFrames.

``extract(corpus)`` is the public entry point. Each article is handled on its
own: one that fails is reported in the summary and the others go on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from urllib.parse import urlsplit

from gazetteer import Gazetteer
from geomap.exc import CorpusError
from geomap.ingest.clean import clean_text, tame_runs
from geomap.ingest.corpus import Article, ReadFailure, iter_corpus
from geomap.ingest.language import article_language
from geomap.ingest.workers import BudgetPool
from geomap.nlp.claimants import load_registry, user_registry
from geomap.nlp.claims import Claim, extract_claims
from geomap.nlp.pipeline import chunk_text, load_nlp, unshout
from geomap.nlp.places import PlaceMention, resolve_article
from geomap.nlp.roles import assign_roles
from geomap.nlp.toponyms import find_candidates
from geomap.schema import CLAIM_COLUMNS, MENTION_COLUMNS, to_geodataframe
from geomap.settings import (
    ARTICLE_MEMORY_MB,
    ARTICLE_SECONDS,
    BATCH_ARTICLES,
    MAX_ARTICLE_BYTES,
    fast_default,
)

log = logging.getLogger(__name__)



@dataclass(slots=True)
class ArticleResult:
    """What one article gave."""

    article: Article
    mentions: list[PlaceMention]
    claims: list[Claim]
    language: str | None = None


@dataclass
class ExtractSummary:
    """Counts and per-file messages of one extraction run."""

    articles: int = 0
    failed: int = 0
    claims: int = 0
    mentions: int = 0
    messages: list[str] = field(default_factory=list)
    failures: list[ReadFailure] = field(default_factory=list)
    pipeline: str = ""
    #: each article's language status: declared, detected, mixed, unsupported, undetermined
    languages: dict[str, str] = field(default_factory=dict)

    def as_text(self) -> str:
        """One line for people."""
        return (f"{self.articles} articles read, {self.failed} failed; {self.claims} claims, "
                f"{self.mentions} place mentions ({self.pipeline})")


def claim_id(doc_id: str, content_hash: str, claim: Claim) -> str:
    """A stable id: the same article text and claim give the same id."""
    mention = claim.mention
    parts = [doc_id, content_hash, str(claim.sentence_start), claim.event_type, claim.claimant,
             str(mention.span.start) if mention else "-",
             mention.place.id if mention and mention.place else "-"]
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def _as_articles(corpus, manifest, published, max_bytes) -> Iterator[Article | ReadFailure]:
    if isinstance(corpus, Article | ReadFailure):
        yield corpus
        return
    if isinstance(corpus, str | Path):
        yield from iter_corpus(corpus, manifest=manifest, published=published,
                               max_bytes=max_bytes)
        return
    for item in corpus:
        if not isinstance(item, Article | ReadFailure):
            raise CorpusError(f"corpus items must be Article objects, not "
                              f"{type(item).__name__}")
        yield item


class Extractor:
    """Holds the spaCy pipeline and the gazetteer; analyses articles in batches.

    With a *time_limit* (seconds per article, the default :data:`ARTICLE_SECONDS`),
    articles are analysed in ``n_process`` forked worker processes that are killed
    when an article takes longer (see :mod:`geomap.ingest.workers`): the article is
    recorded as failed (``too slow``) and the run goes on. ``time_limit=None`` with
    ``n_process=1`` analyses in this process, without a limit.
    """

    def __init__(self, *, gazetteer: Gazetteer | None = None, model: str | None = None,
                 n_process: int = 1, batch_size: int = 16, fast: bool | None = None,
                 claimants: str | Path | None = None,
                 time_limit: float | None = ARTICLE_SECONDS):
        self.gazetteer = gazetteer or Gazetteer.default()
        self.registry = load_registry(str(claimants) if claimants else None)
        self._user_claimants = user_registry(str(claimants) if claimants else None)
        self._model = model
        self._fast = fast_default() if fast is None else fast
        self._english: tuple | None = None  # spaCy, loaded on the first English article
        self._slavic: dict[str, object] = {}  # Russian/Ukrainian pipelines, loaded on demand
        self.n_process = n_process
        self.time_limit = time_limit
        self.batch_size = batch_size
        self._lookups: dict = {}  # gazetteer answers by query, shared across articles

    def prepare_to_fork(self, batches: Iterator[list[Article]]) -> Iterator[list[Article]]:
        """Load, in this process, what forked workers would otherwise each build again:
        the gazetteer's fuzzy-matching tables, and the English pipeline when the first
        batch has an English article. Returns *batches* unchanged (its first batch peeked)."""
        self.gazetteer.warm()
        first = next(batches, None)
        if first is None:
            return iter(())
        if any(article.language in (None, "en") for article in first):
            self._load_english()
        return chain([first], batches)

    # --- routing by language (issue 16): English here, Russian/Ukrainian in nlp.slavic ---
    @property
    def nlp(self):
        """The English spaCy pipeline (loaded on first use)."""
        return self._load_english()[0]

    @property
    def info(self):
        """Which English pipeline runs (loading it when needed)."""
        return self._load_english()[1]

    def _load_english(self) -> tuple:
        if self._english is None:
            self._english = load_nlp(self._model, self._fast)
        return self._english

    def pipelines(self) -> str:
        """The pipelines loaded so far, for the summary."""
        names = []
        if self._english is not None:
            info = self._english[1]
            names.append(info.name + (" (degraded)" if info.degraded else ""))
        names += [p.name for p in self._slavic.values()]
        return ", ".join(names) or "no pipeline loaded"

    def publisher(self, article: Article) -> str | None:
        """The publisher whose side the article's own narrative takes: its ``source``;
        but when the registry knows no side for that name and knows the host of the
        article's ``url`` (:meth:`~geomap.nlp.claimants.Registry.outlet_of_host`: a saved
        page whose site name is not in the registry, a feed with URLs only), that host
        name ("tass.ru")."""
        source = article.source
        if article.url and self.registry.publisher_side(source) == "UNKNOWN" and \
                self.registry.outlet_of_host(article.url) is not None:
            return (urlsplit(article.url).hostname or "").removeprefix("www.") or source
        return source

    def _slavic_result(self, article: Article) -> ArticleResult:
        from geomap.nlp.slavic.pipeline import SlavicPipeline

        lang = article.language or ""
        if lang not in self._slavic:
            self._slavic[lang] = SlavicPipeline(lang, self.gazetteer,
                                                claimants=self._user_claimants)
        cleaned = clean_text(article.text)[0]
        mentions, claims, notes = self._slavic[lang].analyse(
            cleaned, article.published, self.publisher(article), self._lookups)
        for claim in claims:
            claim.notes.extend(notes)
        return ArticleResult(article, mentions, claims, lang)

    def analyse(self, articles: list[Article]) -> list[ArticleResult | ReadFailure]:
        """Analyse a batch of articles by language; a failing article becomes a ReadFailure.
        English goes through spaCy, Russian and Ukrainian through
        :mod:`geomap.nlp.slavic`; an article in no language geomap reads gives no claims
        (its warning was given when it was read)."""
        routed: dict[int, ArticleResult | ReadFailure] = {}
        english = []
        for i, article in enumerate(articles):
            if article.language in ("ru", "uk"):
                try:
                    routed[i] = self._slavic_result(article)
                except Exception as error:  # one bad article never stops a batch
                    routed[i] = _analysis_failure(article, error)
            elif article.language in (None, "en"):
                english.append(i)
            else:
                routed[i] = ArticleResult(article, [], [], article.language)
        done = iter(self._analyse_english([articles[i] for i in english]) if english else [])
        return [routed[i] if i in routed else next(done) for i in range(len(articles))]

    def _analyse_english(self, articles: list[Article]) -> list[ArticleResult | ReadFailure]:
        """Analyse a batch of English articles; a failing article becomes a ReadFailure."""
        cleaned: list[str | None] = []
        failed: dict[int, ReadFailure] = {}
        for i, article in enumerate(articles):
            try:
                cleaned.append(unshout(tame_runs(clean_text(article.text)[0])))
            except Exception as error:  # one bad article never stops a batch
                cleaned.append(None)
                failed[i] = _analysis_failure(article, error)
        pieces = [(i, offset, piece) for i, text in enumerate(cleaned) if text is not None
                  for offset, piece in chunk_text(text)]
        docs_by_article: dict[int, list[tuple[int, object]]] = {}
        stream = self.nlp.pipe(((piece, (i, offset)) for i, offset, piece in pieces),
                               as_tuples=True, batch_size=self.batch_size)
        for doc, (i, offset) in stream:
            docs_by_article.setdefault(i, []).append((offset, doc))
        out: list[ArticleResult | ReadFailure] = []
        for i, article in enumerate(articles):
            if i in failed:
                out.append(failed[i])
                continue
            try:
                out.append(self._one(article, docs_by_article.get(i, []), cleaned[i]))
            except Exception as error:  # one bad article never stops a corpus
                out.append(_analysis_failure(article, error))
        return out

    def _one(self, article: Article, docs, cleaned: str) -> ArticleResult:
        candidates = find_candidates(docs)
        mentions = resolve_article(candidates, self.gazetteer, self._lookups)
        assign_roles(mentions, docs, cleaned)
        claims = extract_claims(mentions, docs, article.published, self.publisher(article),
                                self.registry)
        return ArticleResult(article, mentions, claims, "en")


def _analysis_failure(article: Article, error: Exception) -> ReadFailure:
    """One line in the log (the traceback at DEBUG level, ``geomap --debug``)."""
    log.info("%s: analysis failed: %s: %s", article.path or article.doc_id,
                type(error).__name__, error)
    log.debug("traceback of %s", article.doc_id, exc_info=error)
    return ReadFailure(article.doc_id, article.path,
                       f"analysis failed: {type(error).__name__}: {error}")


def _budget_failure(article: Article, reason: str) -> ReadFailure:
    return ReadFailure(article.doc_id, article.path, reason)


def _analysed_batches(extractor: Extractor, batches: Iterator[list[Article]]
                      ) -> Iterator[list[ArticleResult | ReadFailure]]:
    """Analyse batches in this process (no time limit, one process), or in
    ``n_process`` forked workers under the per-article time limit that inherit the
    loaded pipeline and gazetteer and die with this process (order is kept)."""
    if extractor.n_process <= 1 and not extractor.time_limit:
        for batch in batches:
            yield extractor.analyse(batch)
        return
    batches = extractor.prepare_to_fork(batches)
    seconds = float(extractor.time_limit) if extractor.time_limit else 1e9  # 1e9: no limit
    pool = BudgetPool(extractor.analyse, _budget_failure,
                      processes=max(1, extractor.n_process), seconds=seconds,
                      memory_mb=ARTICLE_MEMORY_MB)
    yield from pool.map(batches)


def iter_results(corpus, *, manifest=None, published: dt.date | None = None,
                 extractor: Extractor | None = None, max_bytes: int = MAX_ARTICLE_BYTES,
                 summary: ExtractSummary | None = None,
                 progress: Callable[[int], None] | None = None,
                 analyse: Callable[[Iterable[Article], ExtractSummary],
                                   Iterator[ArticleResult]] | None = None
                 ) -> Iterator[ArticleResult]:
    """Stream :class:`ArticleResult` objects; failures go into *summary*.

    *analyse* replaces this machine's extractor, e.g. a
    :class:`geomap.distributed.DaskAnalyse` that runs on a cluster.
    """
    summary = summary if summary is not None else ExtractSummary()
    articles = readable_articles(_as_articles(corpus, manifest, published, max_bytes), summary,
                                 progress)
    if analyse is None:
        local = extractor or Extractor()

        def analyse(stream: Iterable[Article], summary: ExtractSummary
                    ) -> Iterator[ArticleResult]:
            return analyse_locally(stream, summary, local)

    yield from analyse(articles, summary)


def analyse_locally(articles: Iterable[Article], summary: ExtractSummary,
                    extractor: Extractor) -> Iterator[ArticleResult]:
    """Analyse readable *articles* on this machine, in batches; failures go into *summary*."""
    stream = iter(articles)

    def batches() -> Iterator[list[Article]]:
        while batch := list(islice(stream, BATCH_ARTICLES)):
            yield batch

    for results in _analysed_batches(extractor, batches()):
        summary.pipeline = extractor.pipelines()
        yield from count_results(results, summary)
    summary.pipeline = extractor.pipelines()


def count_results(results: Iterable[ArticleResult | ReadFailure], summary: ExtractSummary
                  ) -> Iterator[ArticleResult]:
    """The successful results; failures and counts go into *summary*."""
    for result in results:
        if isinstance(result, ReadFailure):
            summary.failed += 1
            summary.failures.append(result)
            summary.messages.append(f"{result.path or result.doc_id}: {result.error}")
            continue
        summary.articles += 1
        summary.claims += len(result.claims)
        summary.mentions += len(result.mentions)
        yield result


def readable_articles(stream: Iterable[Article | ReadFailure], summary: ExtractSummary,
                      progress: Callable[[int], None] | None = None) -> Iterator[Article]:
    """The articles of *stream*; unreadable inputs are counted in *summary*."""
    for item in stream:
        if progress:
            progress(1)
        if isinstance(item, ReadFailure):
            summary.failed += 1
            summary.failures.append(item)
            summary.messages.append(f"{item.path or item.doc_id}: skipped: {item.error}")
            continue
        summary.messages.extend(f"{item.path or item.doc_id}: {w}" for w in item.warnings)
        _set_language(item, summary)
        yield item


def _set_language(article: Article, summary: ExtractSummary) -> None:
    """Settle *article*'s language (declared, else detected); count it and warn when it is
    mixed, unsupported or undetermined (see :mod:`geomap.ingest.language`)."""
    if not isinstance(article.text, str):  # not text: the analysis records the failure
        return
    verdict = article_language(article.language, article.text)
    article.language = verdict.code if verdict.analysable else (verdict.code or "und")
    if not verdict.analysable and article.language in ("en", "ru", "uk"):
        article.language = "und"
    summary.languages[article.doc_id] = verdict.status if verdict.status != "declared" \
        else "declared"
    warning = verdict.warning()
    if warning:
        summary.messages.append(f"{article.path or article.doc_id}: {warning}")
        log.warning("%s: %s", article.path or article.doc_id, warning)


def claim_rows(result: ArticleResult) -> list[dict[str, object]]:
    """Rows of the claims table for one article (geometry as (lon, lat) or None)."""
    article = result.article
    content_hash = article.content_hash
    ids = {id(c): claim_id(article.doc_id, content_hash, c) for c in result.claims}
    rows = []
    for claim in result.claims:
        m = claim.mention
        place = m.place if m else None
        own_place = m is not None and claim.sentence_start <= m.span.start < \
            claim.sentence_end
        rows.append({
            "claim_id": ids[id(claim)], "doc_id": article.doc_id,
            "published": _iso(article.published), "source": article.source,
            "url": article.url, "claimant": claim.claimant,
            "claimant_side": claim.claimant_side, "event_type": claim.event_type,
            "actor_side": claim.actor_side, "count": claim.count,
            "place_name": m.span.text if m else None,
            "place_id": place.id if place else None,
            "place_kind": place.kind if place else None,
            "admin1": place.admin1 if place else None,
            "country": place.country if place else None,
            "precision": m.precision if m else None,
            "approximate": bool(m.approximate) if m else None,
            "date_start": _iso(claim.date_start), "date_end": _iso(claim.date_end),
            "date_precision": claim.date_precision,
            "hedged": claim.hedged,
            "disputes": ids.get(id(claim.disputes)) if claim.disputes else None,
            "sentence": claim.sentence, "char_start": claim.sentence_start,
            "char_end": claim.sentence_end, "confidence": claim.confidence,
            "place_start": m.span.start if own_place else None,
            "place_end": m.span.end if own_place else None,
            "place_label": place.name if place else None,
            "uncertainty_km": m.uncertainty_km if m else None,
            "anchor_place_id": m.anchor_id if m else None,
            "place_reason": m.reason if m else None,
            "trigger": claim.trigger, "notes": "; ".join(claim.notes) or None,
            "kind": claim.kind,
            "language": result.language,
            "geometry": (m.lon, m.lat) if m and m.lat is not None else None,
        })
    return rows


def mention_rows(result: ArticleResult) -> list[dict[str, object]]:
    """Rows of the mentions table for one article."""
    rows = []
    for m in result.mentions:
        place = m.place
        rows.append({
            "doc_id": result.article.doc_id, "text": m.span.text,
            "char_start": m.span.start, "char_end": m.span.end, "role": m.role,
            "place_id": place.id if place else None,
            "place_kind": place.kind if place else None,
            "admin1": place.admin1 if place else None,
            "country": place.country if place else None, "approximate": bool(m.approximate),
            "place_label": place.name if place else None, "precision": m.precision,
            "uncertainty_km": m.uncertainty_km, "reason": m.reason,
            "geometry": (m.lon, m.lat) if m.lat is not None else None,
        })
    return rows


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def extract(corpus: str | Path | Iterable[Article] | Article, *, manifest=None,
            published: dt.date | None = None, extractor: Extractor | None = None,
            max_bytes: int = MAX_ARTICLE_BYTES, progress=None, analyse=None):
    """Extract claims and mentions from a corpus.

    Parameters
    ----------
    corpus
        A folder of ``.txt``/``.md`` files, a ``.jsonl`` file, one text file,
        or :class:`~geomap.ingest.corpus.Article` objects.
    manifest
        A CSV with ``file,published,publisher,...`` (a folder's own
        ``manifest.csv`` is used when this is None).
    published
        Publication date for single files without one.

    Returns
    -------
    (claims, mentions)
        GeoDataFrames in EPSG:4326 with the columns and dtypes of
        :mod:`geomap.schema` (dates as ``datetime64``). ``claims.attrs["summary"]``
        is the :class:`ExtractSummary` of the run.
    """
    summary = ExtractSummary()
    claims: list[dict[str, object]] = []
    mentions: list[dict[str, object]] = []
    for result in iter_results(corpus, manifest=manifest, published=published,
                               extractor=extractor, max_bytes=max_bytes, summary=summary,
                               progress=progress, analyse=analyse):
        claims.extend(claim_rows(result))
        mentions.extend(mention_rows(result))
    claims_frame = to_geodataframe(claims, CLAIM_COLUMNS)
    mentions_frame = to_geodataframe(mentions, MENTION_COLUMNS)
    claims_frame.attrs["summary"] = summary
    return claims_frame, mentions_frame
