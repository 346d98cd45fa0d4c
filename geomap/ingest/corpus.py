"""Reading a corpus: a folder of .txt/.md files, a manifest CSV, JSON Lines, or one file.

Every input becomes an :class:`Article` or a :class:`ReadFailure` with a clear
message; one bad file never stops the others. Reading streams: articles are
yielded one at a time, so memory stays bounded for folders of any size.

Decoding: UTF-8 (with or without BOM) first; otherwise charset-normalizer's
best guess among cp1251/cp1252/latin-1 and friends, named in ``Article.encoding``.
A file with NUL bytes or mostly control characters is binary and refused.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from geomap.exc import CorpusError, CorpusNotFoundError
from geomap.settings import MAX_ARTICLE_BYTES

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)
_SAFE_ID = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(slots=True)
class Article:
    """One article: its text and what is known of where and when it was published."""

    doc_id: str
    text: str
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    path: str | None = None
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    language: str | None = None  # as declared (manifest, front matter, JSONL); else detected

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text and its metadata (changes when either changes)."""
        meta = json.dumps([self.published.isoformat() if self.published else None,
                           self.source, self.url, self.title])
        return hashlib.sha256((meta + "\0" + self.text).encode("utf-8")).hexdigest()


@dataclass(slots=True)
class ReadFailure:
    """An input that could not be read, and why."""

    doc_id: str
    path: str | None
    error: str


def safe_doc_id(name: str) -> str:
    """A document id that is safe as a file name: no separators, no '..', no control chars."""
    cleaned = _SAFE_ID.sub("_", name).strip("._") or "document"
    return cleaned[:120]


def parse_date(value: object) -> dt.date | None:
    """A date from ISO text, a datetime or a date; None when empty. Raises ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        from dateutil import parser as date_parser

        try:
            return date_parser.parse(text, dayfirst=False, fuzzy=False).date()
        except (ValueError, OverflowError) as error:
            raise ValueError(f"unreadable date {text!r}") from error


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) for *data*; raises ValueError for binary or empty input."""
    if not data.strip():
        raise ValueError("empty file")
    sample = data[:65536]
    if b"\x00" in sample:
        raise ValueError("binary file (NUL bytes); expected text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1251", "cp1252", "latin_1", "koi8_r",
                                          "iso8859_5", "mac_cyrillic", "cp1250"]).best()
    if best is None:
        raise ValueError("not text in any supported encoding")
    text = str(best)
    controls = sum(1 for ch in text[:10000] if ord(ch) < 32 and ch not in "\t\r\n\f")
    if controls > 0.05 * min(len(text), 10000):
        raise ValueError("binary file (control characters); expected text")
    return text, best.encoding


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """YAML front matter (``---`` ... ``---``) and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise ValueError(f"front matter is not valid YAML: {error}") from error
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping")
    return meta, text[match.end():]


def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Manifest rows by file name: ``file,published,publisher,...``."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "file" not in reader.fieldnames:
                raise CorpusError(f"{path}: a manifest needs a 'file' column")
            return {row["file"]: row for row in reader if row.get("file")}
    except UnicodeDecodeError as error:
        raise CorpusError(f"{path}: the manifest is not UTF-8 text: {error}") from None


def read_text_file(path: Path, *, manifest_row: dict[str, str] | None = None,
                   published: dt.date | None = None, max_bytes: int = MAX_ARTICLE_BYTES,
                   doc_id: str | None = None) -> Article | ReadFailure:
    """One text or markdown file as an Article (or a ReadFailure)."""
    doc_id = doc_id or safe_doc_id(path.stem)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return ReadFailure(doc_id, str(path),
                               f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB "
                               "article limit (raise it with --max-article-bytes)")
        text, encoding = decode(path.read_bytes())
        meta, body = split_front_matter(text)
        row = manifest_row or {}
        article = Article(
            doc_id=doc_id, text=body, path=str(path), encoding=encoding,
            published=parse_date(meta.get("published") or row.get("published")) or published,
            source=_str(meta.get("source") or row.get("publisher") or row.get("source")),
            url=_str(meta.get("url") or row.get("url")), title=_str(meta.get("title")),
            language=_str(meta.get("language") or row.get("language")),
        )
    except (OSError, ValueError) as error:
        return ReadFailure(doc_id, str(path), str(error))
    if not article.text.strip():
        return ReadFailure(doc_id, str(path), "no text after the front matter")
    if article.source in ("unknown", ""):
        article.source = None
    if encoding != "utf-8":
        article.warnings.append(f"decoded as {encoding}")
    if article.published is None:
        article.warnings.append("no publication date: relative dates stay unresolved")
    return article


def _str(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def read_jsonl(path: Path, *, max_bytes: int = MAX_ARTICLE_BYTES
               ) -> Iterator[Article | ReadFailure]:
    """Articles from JSON Lines (``id``, ``text``, ``published``, ``source``, ``url``)."""
    seen: set[str] = set()
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            fallback_id = safe_doc_id(f"{path.stem}-{number}")
            if not raw.strip():
                continue
            try:
                line, _ = decode(raw)
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ValueError("a line must be a JSON object")
                text = obj.get("text")
                if not isinstance(text, str) or not text.strip():
                    raise ValueError("no 'text'")
                if len(text.encode("utf-8")) > max_bytes:
                    raise ValueError(f"text is over the {max_bytes / 1e6:.1f} MB article limit")
                doc_id = safe_doc_id(str(obj.get("id") or fallback_id))
                if doc_id in seen:
                    raise ValueError(f"duplicate id {doc_id!r}")
                seen.add(doc_id)
                article = Article(doc_id=doc_id, text=text, path=f"{path}:{number}",
                                  published=parse_date(obj.get("published")),
                                  source=_str(obj.get("source")), url=_str(obj.get("url")),
                                  title=_str(obj.get("title")),
                                  language=_str(obj.get("language")))
                if article.published is None:
                    article.warnings.append("no publication date: relative dates stay "
                                            "unresolved")
                yield article
            except (ValueError, json.JSONDecodeError) as error:
                yield ReadFailure(fallback_id, f"{path}:{number}", str(error))


def iter_corpus(source: str | Path, *, manifest: str | Path | None = None,
                published: dt.date | None = None, max_bytes: int = MAX_ARTICLE_BYTES
                ) -> Iterator[Article | ReadFailure]:
    """Stream the articles of a folder, a JSON Lines file or a single text file.

    For a folder, ``manifest.csv`` inside it is used when no manifest is given.
    Files are read in name order; ids are file stems made safe.
    """
    path = Path(source)
    if not path.exists():
        raise CorpusNotFoundError(f"{path}: no such file or folder")
    if path.is_file() and path.suffix.lower() in (".jsonl", ".ndjson"):
        yield from read_jsonl(path, max_bytes=max_bytes)
        return
    rows: dict[str, dict[str, str]] = {}
    if manifest is not None:
        rows = read_manifest(Path(manifest))
    elif path.is_dir() and (path / "manifest.csv").is_file():
        rows = read_manifest(path / "manifest.csv")
    if path.is_file():
        yield read_text_file(path, manifest_row=rows.get(path.name), published=published,
                             max_bytes=max_bytes)
        return
    seen: set[str] = set()
    for file in sorted(p for p in path.iterdir() if p.is_file()):
        if file.suffix.lower() not in TEXT_SUFFIXES:
            continue
        doc_id = safe_doc_id(file.stem)
        if doc_id in seen:
            doc_id = safe_doc_id(file.name)
        seen.add(doc_id)
        yield read_text_file(file, manifest_row=rows.get(file.name), published=published,
                             max_bytes=max_bytes, doc_id=doc_id)
