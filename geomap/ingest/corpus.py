"""Reading a corpus: a folder of .txt/.md files, saved web pages (.html, read by
:mod:`geomap.ingest.html`), Telegram Desktop exports (.json, one article per post, by
:mod:`geomap.ingest.telegram`) and news feeds (.rss/.atom/.xml, one article per item, by
:mod:`geomap.ingest.feeds`), a manifest CSV, JSON Lines, or one file.

Every input becomes an :class:`Article` or a :class:`ReadFailure` with a clear
message; one bad file never stops the others. Reading streams: articles are
yielded one at a time, so memory stays bounded for folders of any size.

Decoding: a UTF-8/16/32 byte-order mark wins; UTF-16/32 without a BOM is
recognised by its pattern of NUL bytes; then UTF-8; otherwise charset-normalizer's
best guess among cp1251/cp1252/latin-1 and friends, named in ``Article.encoding``.
Any other file with NUL bytes, or mostly control characters, is binary and refused.

Hostile input (see README "Bad input"):

* **Document ids** come from the file name: the stem when it is already a safe id
  and no other text file in the folder has the same stem, otherwise the safe stem
  plus ``-`` and 8 hex digits of the SHA-1 of the NFC file name, so distinct files
  never share an id; the ids are the same on every run and platform. A collision
  that remains is recorded as a failure naming both files.
* **Links and special files**: a symbolic link is followed only to a regular file
  inside the corpus folder; links out of it, dangling links, links to folders,
  FIFOs, sockets and devices are recorded as failures with the reason, never read.
* **Front matter** is read with a YAML loader that refuses aliases (a 529-byte alias
  bomb expands to gigabytes) and is capped at
  :data:`geomap.settings.MAX_FRONT_MATTER_CHARS` characters.
* **JSON Lines**: a line nested deeper than :data:`MAX_JSON_DEPTH` is refused before
  parsing; lone surrogates in any string are replaced by U+FFFD with a warning, as
  are file names that are not valid UTF-8 (shown with ``\\x..`` escapes).
* **Dates** must fall in :data:`YEARS`; others are refused for that article or row.
* **Manifests**: encoding detected like articles, delimiter sniffed among
  ``, ; TAB |``; errors name the file, line and column.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from geomap.exc import CorpusError, CorpusNotFoundError
from geomap.ingest.feeds import FEED_SUFFIXES, feed_items
from geomap.ingest.html import HTML_SUFFIXES, PAGE_BYTES_PER_TEXT_BYTE, declared_charset, page_text
from geomap.ingest.telegram import (
    TelegramPost,
    is_web_preview,
    load_export,
    stream_export,
    telegram_posts,
    web_preview_posts,
)
from geomap.settings import MAX_ARTICLE_BYTES, MAX_FRONT_MATTER_CHARS

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)
_SAFE_ID = re.compile(r"[^A-Za-z0-9._-]+")
#: Deepest nesting of ``[`` and ``{`` accepted in a JSON line.
MAX_JSON_DEPTH = 64
#: Publication years accepted (inclusive).
YEARS = (1900, 2100)
#: Longest manifest field, characters.
MAX_MANIFEST_FIELD = 1_000_000
_SURROGATE = re.compile("[\ud800-\udfff]")
_NESTING = re.compile(rb"[\[\]{}\"\\]")


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
    signature: str | None = None  # of the file as last seen (see :func:`file_signature`)

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
    signature: str | None = None  # of the file as last seen (see :func:`file_signature`)

    def __post_init__(self) -> None:
        self.error = " ".join(clean_string(str(self.error)).split())  # always one line


@dataclass(slots=True)
class Unchanged:
    """A file :func:`iter_corpus` did not read: its signature is the one the caller knew."""

    doc_id: str
    path: str
    signature: str


#: ``unchanged(doc_id, signature) -> bool``: whether a file need not be read again.
UnchangedCheck = Callable[[str, str], bool]


def file_signature(info: os.stat_result, *, manifest_row: dict[str, str] | None = None,
                   published: dt.date | None = None, max_bytes: int = MAX_ARTICLE_BYTES
                   ) -> str:
    """What must stay the same for a file to count as unchanged without reading it: its
    size and modification time (ns), its manifest row, the default publication date and
    the size limit it was read with (``size:mtime_ns:digest``)."""
    row = {k: v for k, v in (manifest_row or {}).items() if k != "_line"}
    extra = json.dumps([sorted(row.items()), published.isoformat() if published else None,
                        max_bytes], ensure_ascii=True)
    digest = hashlib.sha1(extra.encode("ascii")).hexdigest()[:12]
    return f"{info.st_size}:{info.st_mtime_ns}:{digest}"


def safe_doc_id(name: str) -> str:
    """A document id that is safe as a file name: no separators, no '..', no control chars."""
    cleaned = _SAFE_ID.sub("_", name).strip("._") or "document"
    return cleaned[:120]


def parse_date(value: object) -> dt.date | None:
    """A date from ISO text, a datetime or a date; None when empty. Raises ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return _plausible(value.date(), value)
    if isinstance(value, dt.date):
        return _plausible(value, value)
    text = str(value).strip()
    if not text:
        return None
    if not re.search(r"(?<!\d)\d{4}(?!\d)", text):
        raise ValueError(f"unreadable date {text[:40]!r} (no four-digit year)")
    try:
        return _plausible(dt.date.fromisoformat(text[:10]), text)
    except ValueError as error:
        if "outside" in str(error):
            raise
        from dateutil import parser as date_parser

        try:
            return _plausible(date_parser.parse(text, dayfirst=False, fuzzy=False).date(), text)
        except (ValueError, OverflowError) as error:
            if "outside" in str(error):
                raise
            raise ValueError(f"unreadable date {text[:40]!r}") from error


def _plausible(date: dt.date, raw: object) -> dt.date:
    if not YEARS[0] <= date.year <= YEARS[1]:
        raise ValueError(f"date {str(raw)[:40]!r} is outside the years {YEARS[0]}-{YEARS[1]}")
    return date


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) for *data*; raises ValueError for binary or empty input."""
    if not data.strip():
        raise ValueError("empty file")
    wide = _wide_encoding(data)
    if wide is not None:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as error:
            raise ValueError(f"not valid {wide} text: {error}") from None
        return text.removeprefix("\ufeff"), wide.replace("-sig", "")
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


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16/32 by byte-order mark, or by where the NUL bytes fall (no BOM): the text
    must then decode and be printable."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    sample = data[:4096]
    nuls = sample.count(0)
    if len(sample) < 8 or nuls < len(sample) // 20:
        return None
    candidates = []
    if len(sample) % 4 == 0 or len(data) % 4 == 0:
        if sample[2::4].count(0) + sample[3::4].count(0) >= 0.9 * len(sample) / 2:
            candidates.append("utf-32-le")
        if sample[0::4].count(0) + sample[1::4].count(0) >= 0.9 * len(sample) / 2:
            candidates.append("utf-32-be")
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd >= 0.95 * nuls:
        candidates.append("utf-16-le")
    if even >= 0.95 * nuls:
        candidates.append("utf-16-be")
    for name in candidates:
        width = 4 if "32" in name else 2
        usable = len(sample) - len(sample) % width
        try:
            text = sample[:usable].decode(name)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\t\r\n")
        if printable >= 0.95 * len(text):
            return name
    return None


class _NoAliasLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses anchors and aliases (no alias bombs)."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed",
                                              mark)
        return super().compose_node(parent, index)


_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """YAML front matter (``---`` ... ``---``) and the text after it."""
    if not text.startswith("---"):
        return {}, text
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    if len(match.group(1)) > MAX_FRONT_MATTER_CHARS:
        raise ValueError(f"front matter of {len(match.group(1)):,} characters is over the "
                         f"{MAX_FRONT_MATTER_CHARS:,} limit")
    try:
        block = match.group(1)
        # no "*": no alias, so libyaml's fast loader is safe; else the refusing one
        loader = _FAST_LOADER if "*" not in block else _NoAliasLoader
        meta = yaml.load(block, Loader=loader) or {}
    except (yaml.YAMLError, RecursionError) as error:
        raise ValueError("front matter is not valid YAML: "
                         f"{' '.join(str(error).split())}") from None
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping")
    return meta, text[match.end():]


def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Manifest rows by file name: ``file,published,publisher,...``.

    The encoding is detected like an article's (:func:`decode`) and the delimiter
    sniffed among ``, ; TAB |``. Raises :class:`CorpusError` naming the file, line
    and column for an empty, binary or malformed manifest, one without a ``file``
    column, or a field over :data:`MAX_MANIFEST_FIELD` characters.
    """
    try:
        text, _ = decode(path.read_bytes())
    except ValueError as error:
        raise CorpusError(f"{path}: not a readable manifest: {error}") from None
    except OSError as error:
        raise CorpusError(f"{path}: cannot read the manifest: {error.strerror}") from None
    lines = text.splitlines(keepends=True)
    header = lines[0] if lines else ""
    delimiter = ","
    if "," not in header:
        with contextlib.suppress(csv.Error):
            delimiter = csv.Sniffer().sniff(header, delimiters=",;\t|").delimiter
    previous_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_MANIFEST_FIELD)
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    rows: dict[str, dict[str, str]] = {}
    try:
        fields = [f.strip() for f in next(reader, [])]
        if "file" not in fields:
            found = ", ".join(repr(f) for f in fields[:8]) or "none"
            raise CorpusError(f"{path}:1: a manifest needs a 'file' column (columns found: "
                              f"{found}; delimiter {delimiter!r})")
        for record in reader:
            if not any(record):
                continue
            if len(record) > len(fields):
                raise CorpusError(f"{path}:{reader.line_num}:{len(fields) + 1}: "
                                  f"{len(record)} fields where the header has {len(fields)}")
            row = dict(zip(fields, record, strict=False))
            row["_line"] = str(reader.line_num)
            if row.get("file"):
                rows[row["file"]] = row
    except csv.Error as error:
        raise CorpusError(f"{path}:{reader.line_num}: malformed manifest: {error}") from None
    finally:
        csv.field_size_limit(previous_limit)
    return rows


def display_path(path: str | os.PathLike[str]) -> str:
    """*path* as text that any store can hold: bytes that are not UTF-8 (kept by
    Python as lone surrogates) become ``\\xNN`` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def clean_string(value: str, warnings: list[str] | None = None, what: str = "text") -> str:
    """*value* with lone surrogates (unencodable in UTF-8) replaced by U+FFFD."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        if warnings is not None:
            warnings.append(f"{what}: lone surrogates replaced by U+FFFD")
        return _SURROGATE.sub("\ufffd", value)


def _too_large(size: int, max_bytes: int, what: str = "article") -> str:
    return (f"too large: {size / 1e6:.2f} MB is over the {max_bytes / 1e6:.2f} MB {what} "
            "limit (raise it with --max-article-bytes)")


def _read_capped(path: Path, cap: int, what: str = "article") -> bytes:
    """The bytes of *path*, at most *cap* of them read; ValueError (too large) beyond."""
    with open(path, "rb") as fh:
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise ValueError(_too_large(path.stat().st_size, cap, what))
    return data


def _row_date(row: dict[str, str]) -> dt.date | None:
    """A manifest row's ``published``; ValueError naming the manifest line."""
    try:
        return parse_date(row.get("published"))
    except ValueError as error:
        raise ValueError(f"manifest line {row.get('_line', '?')}: {error}") from None


def _dated(article: Article) -> Article:
    """*article*, warned when it has no publication date."""
    if article.published is None:
        article.warnings.append("no publication date: relative dates stay unresolved")
    return article


def read_text_file(path: Path, *, manifest_row: dict[str, str] | None = None,
                   published: dt.date | None = None, max_bytes: int = MAX_ARTICLE_BYTES,
                   doc_id: str | None = None) -> Article | ReadFailure:
    """One text or markdown file as an Article (or a ReadFailure); for saved web pages
    see :func:`read_page`."""
    doc_id = doc_id or file_doc_id(path.name)
    shown = display_path(path)
    row = manifest_row or {}
    try:
        text, encoding = decode(_read_capped(path, max_bytes))
        meta, body = split_front_matter(text)
        row_date = _row_date(row)
        warnings: list[str] = []
        article = Article(
            doc_id=doc_id, text=clean_string(body, warnings), path=shown, encoding=encoding,
            published=parse_date(meta.get("published")) or row_date or published,
            source=_str(meta.get("source") or row.get("publisher") or row.get("source")),
            url=_str(meta.get("url") or row.get("url")), title=_str(meta.get("title")),
            language=_str(meta.get("language") or row.get("language")),
            warnings=warnings)
    except (OSError, ValueError) as error:
        return ReadFailure(doc_id, shown, str(error))
    if not article.text.strip():
        return ReadFailure(doc_id, shown, "no text after the front matter")
    if article.source in ("unknown", ""):
        article.source = None
    if encoding != "utf-8":
        article.warnings.append(f"decoded as {encoding}")
    return _dated(article)


def read_page(path: Path, *, manifest_row: dict[str, str] | None = None,
              published: dt.date | None = None, max_bytes: int = MAX_ARTICLE_BYTES,
              doc_id: str | None = None) -> list[Article | ReadFailure]:
    """The articles of a saved web page: one, its text and metadata by
    :func:`geomap.ingest.html.page_text`; or, for a saved Telegram channel preview
    (``t.me/s/<channel>``), one per post (:func:`page_posts`). A page that cannot be read
    is one ReadFailure. The page may be up to
    :data:`~geomap.ingest.html.PAGE_BYTES_PER_TEXT_BYTE` times *max_bytes*, its text up
    to *max_bytes*. What the manifest row says wins over what the page says, which wins
    over *published* (the run's default date); a manifest date that differs from the
    page's own is kept, with a warning naming both."""
    doc_id = doc_id or file_doc_id(path.name)
    shown = display_path(path)
    row = manifest_row or {}
    cap = max_bytes * PAGE_BYTES_PER_TEXT_BYTE
    try:
        html, encoding = decode_page(_read_capped(
            path, cap, f"page ({PAGE_BYTES_PER_TEXT_BYTE}x the article)"))
        if is_web_preview(html):
            return page_posts(html, where=shown, max_bytes=max_bytes)
        article = page_article(html, doc_id=doc_id, where=shown, published=_row_date(row),
                               source=_str(row.get("publisher") or row.get("source")),
                               url=_str(row.get("url")), title=_str(row.get("title")),
                               language=_str(row.get("language")), default_date=published,
                               max_bytes=max_bytes)
    except (OSError, ValueError) as error:
        return [ReadFailure(doc_id, shown, str(error))]
    article.encoding = encoding
    if encoding != "utf-8":
        article.warnings.append(f"decoded as {encoding}")
    return [article]


def page_posts(html: str, *, where: str, max_bytes: int = MAX_ARTICLE_BYTES
               ) -> list[Article | ReadFailure]:
    """The posts of a saved Telegram channel preview as articles
    (:func:`geomap.ingest.telegram.web_preview_posts`), or one failure when it has none
    with text."""
    items = [_post_article(post, where, max_bytes) for post in web_preview_posts(html)]
    return items or [ReadFailure(file_doc_id(where.rsplit("/", 1)[-1]), where,
                                 "a Telegram channel preview with no post with text")]


def decode_page(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a web page: as :func:`decode`, except that a page that is not
    UTF-8 and declares its charset is read in that charset."""
    charset = None
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            charset = declared_charset(data)
    if charset is not None:
        try:
            return data.decode(charset), charset
        except UnicodeDecodeError:
            pass
    return decode(data)


def page_article(html: str, *, doc_id: str, where: str, published: dt.date | None = None,
                 source: str | None = None, url: str | None = None, title: str | None = None,
                 language: str | None = None, default_date: dt.date | None = None,
                 max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """The Article of the page *html*: the given metadata (a manifest row, a JSON line)
    first, then the page's own (:func:`geomap.ingest.html.page_text`), then
    *default_date*. Raises ValueError for a page with no article text or with more text
    than *max_bytes*."""
    warnings: list[str] = []
    page = page_text(clean_string(html, warnings, "page"), url=url)
    size = len(page.text.encode("utf-8"))
    if size > max_bytes:
        raise ValueError(_too_large(size, max_bytes, "article (the page's text)"))
    try:
        page_date = parse_date(page.published)
    except ValueError:
        page_date = None
        warnings.append(f"the page's date {page.published!r} is not a plausible date")
    if published is not None and page_date is not None and published != page_date:
        warnings.append(f"the page says it was published on {page_date.isoformat()}; "
                        f"the date given, {published.isoformat()}, is used")
    article = Article(doc_id=doc_id, text=page.text, path=where,
                      published=published or page_date or default_date,
                      source=source or page.site, url=url or page.url,
                      title=title or page.title, language=language, warnings=warnings)
    return _dated(article)


def _str(value: object) -> str | None:
    """Metadata as text (lone surrogates replaced), None when empty; at most 2,000
    characters."""
    return None if value is None or value == "" else clean_string(str(value)[:2000])


def json_depth(raw: bytes) -> int:
    """The deepest nesting of arrays and objects in the JSON text *raw* (brackets inside
    strings do not count); linear time, no recursion."""
    if raw.count(b"[") + raw.count(b"{") <= MAX_JSON_DEPTH:
        return 0 if not (b"[" in raw or b"{" in raw) else 1
    depth = deepest = 0
    in_string = escaped = False
    for match in _NESTING.finditer(raw):
        token = match.group(0)
        if in_string:
            if escaped:
                escaped = False
            elif token == b"\\":
                escaped = match.end() < len(raw)
                if escaped and raw[match.end():match.end() + 1] in b"[]{}\"":
                    pass
            elif token == b'"':
                in_string = False
            continue
        if token == b'"':
            in_string = True
        elif token in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


def read_jsonl(path: Path, *, max_bytes: int = MAX_ARTICLE_BYTES
               ) -> Iterator[Article | ReadFailure]:
    """Articles from JSON Lines (``id``, ``text`` or a page's ``html``, ``published``,
    ``source``, ``url``, ``title``). Each line is an article or a failure naming
    ``file:line``: invalid JSON, nesting deeper than :data:`MAX_JSON_DEPTH`, a line over
    twice the page limit (:data:`~geomap.ingest.html.PAGE_BYTES_PER_TEXT_BYTE` times the
    article limit; not even held in memory), a text over the article limit, no text, a
    duplicate id, an impossible date."""
    seen: set[str] = set()
    shown = display_path(path)
    cap = 2 * max_bytes * PAGE_BYTES_PER_TEXT_BYTE + 65536
    with open(path, "rb") as fh:
        number = 0
        while raw := fh.readline(cap):
            number += 1
            fallback_id = safe_doc_id(f"{path.stem}-{number}")
            where = f"{shown}:{number}"
            if len(raw) >= cap and not raw.endswith(b"\n"):
                while (rest := fh.readline(cap)) and not rest.endswith(b"\n"):
                    pass
                yield ReadFailure(fallback_id, where, _too_large(cap, max_bytes))
                continue
            if not raw.strip():
                continue
            try:
                yield from _jsonl_articles(raw, fallback_id, where, seen, max_bytes)
            except (ValueError, RecursionError) as error:
                message = "JSON nested too deeply" if isinstance(error, RecursionError) \
                    else str(error)
                yield ReadFailure(fallback_id, where, message)


def _jsonl_articles(raw: bytes, fallback_id: str, where: str, seen: set[str],
                    max_bytes: int) -> list[Article | ReadFailure]:
    """The articles of one JSON line: one, or a channel preview's posts (its ``html``)."""
    if json_depth(raw) > MAX_JSON_DEPTH:
        raise ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    line, _ = decode(raw)
    obj = json.loads(line)
    if not isinstance(obj, dict):
        raise ValueError("a line must be a JSON object")
    text = obj.get("text")
    if (not isinstance(text, str) or not text.strip()) and isinstance(obj.get("html"), str):
        if is_web_preview(obj["html"]):
            return page_posts(obj["html"], where=where, max_bytes=max_bytes)
        return [_jsonl_page(obj, fallback_id, where, seen, max_bytes)]
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no 'text' (nor 'html')")
    warnings: list[str] = []
    text = clean_string(text, warnings)
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise ValueError(_too_large(size, max_bytes))
    doc_id = safe_doc_id(clean_string(str(obj.get("id") or fallback_id)))
    if doc_id in seen:
        raise ValueError(f"duplicate id {doc_id!r}")
    seen.add(doc_id)
    article = Article(doc_id=doc_id, text=text, path=where,
                      published=parse_date(obj.get("published")),
                      source=_str(obj.get("source")), url=_str(obj.get("url")),
                      title=_str(obj.get("title")),
                      language=_str(obj.get("language")), warnings=warnings)
    return [_dated(article)]


def _jsonl_page(obj: dict, fallback_id: str, where: str, seen: set[str],
                max_bytes: int) -> Article:
    """A JSON line with the page's ``html`` instead of ``text`` (a crawler's output): the
    line's own fields first, then the page's (:func:`page_article`)."""
    html = obj["html"]
    if len(html) > max_bytes * PAGE_BYTES_PER_TEXT_BYTE:
        raise ValueError(_too_large(len(html.encode("utf-8", "surrogatepass")),
                                    max_bytes * PAGE_BYTES_PER_TEXT_BYTE,
                                    f"page ({PAGE_BYTES_PER_TEXT_BYTE}x the article)"))
    doc_id = safe_doc_id(clean_string(str(obj.get("id") or fallback_id)))
    if doc_id in seen:
        raise ValueError(f"duplicate id {doc_id!r}")
    article = page_article(html, doc_id=doc_id, where=where,
                           published=parse_date(obj.get("published")),
                           source=_str(obj.get("source")), url=_str(obj.get("url")),
                           title=_str(obj.get("title")), language=_str(obj.get("language")),
                           max_bytes=max_bytes)
    seen.add(doc_id)
    return article


def read_telegram(path: Path, *, max_bytes: int = MAX_ARTICLE_BYTES
                  ) -> Iterator[Article | ReadFailure]:
    """The posts of a Telegram Desktop export (``result.json``) as articles, one per post
    with text (:mod:`geomap.ingest.telegram`), decoded one at a time; a file that is no
    export is one failure, a post over *max_bytes* or with an unreadable date one failure
    each, and an export cut short gives its posts up to the cut and one failure."""
    shown = display_path(path)
    header: dict = {}
    read = 0
    try:
        for post in telegram_posts(header, stream_export(load_export(path), header)):
            read += 1
            yield _post_article(post, shown, max_bytes)
    except (OSError, ValueError) as error:
        doc_id = file_doc_id(path.name)
        yield ReadFailure(doc_id if not read else f"{doc_id}-rest", shown, str(error))


def read_feed(path: Path, *, max_bytes: int = MAX_ARTICLE_BYTES
              ) -> Iterator[Article | ReadFailure]:
    """The items of an RSS or Atom feed as articles (:mod:`geomap.ingest.feeds`); a file
    that is no feed, or over the page limit, is one failure; an item over *max_bytes* or
    with an unreadable date one failure each."""
    shown = display_path(path)
    try:
        items = list(feed_items(_read_capped(path, max_bytes * PAGE_BYTES_PER_TEXT_BYTE,
                                             f"feed ({PAGE_BYTES_PER_TEXT_BYTE}x the article)")))
    except (OSError, ValueError) as error:
        yield ReadFailure(file_doc_id(path.name), shown, str(error))
        return
    for item in items:
        if isinstance(item, tuple):
            yield ReadFailure(item[0], f"{shown}#{item[0]}", item[1])
        else:
            yield _item_article(item.item_id, item.text, where=shown, date=item.date,
                                source=item.source, url=item.url, title=item.title,
                                max_bytes=max_bytes)


def _post_article(post: TelegramPost | tuple[str, str], where: str, max_bytes: int
                  ) -> Article | ReadFailure:
    """A Telegram post (of an export or a channel preview) as an article, or the failure
    of a post that could not be read (``(post id, why)``)."""
    if isinstance(post, tuple):
        return ReadFailure(safe_doc_id(post[0]), f"{where}#{post[0]}", post[1])
    return _item_article(post.post_id, post.text, where=where, date=post.date,
                         source=post.source, url=post.url, title=post.channel,
                         max_bytes=max_bytes)


def _item_article(item_id: str, text: str, *, where: str, date: dt.date | None,
                  source: str | None, url: str | None, title: str | None,
                  max_bytes: int) -> Article | ReadFailure:
    """One item of a file that holds many (a post, a feed item) as an article whose path
    is ``file#id``, or the failure of one over *max_bytes*."""
    doc_id = safe_doc_id(item_id)
    where = f"{where}#{doc_id}"
    warnings: list[str] = []
    text = clean_string(text, warnings)
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        return ReadFailure(doc_id, where, _too_large(size, max_bytes))
    article = Article(doc_id=doc_id, text=text, path=where, published=date,
                      source=_str(source), url=_str(url), title=_str(title),
                      warnings=warnings)
    return _dated(article)


def file_doc_id(name: str, *, shared_stem: bool = False) -> str:
    """The document id of the file called *name* (see the module docstring): its stem
    when that is a safe id and *shared_stem* is false, else the safe stem with 8 hex
    digits of the SHA-1 of the NFC name."""
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    safe = safe_doc_id(stem)
    if safe == stem and not shared_stem:
        return safe
    encoded = unicodedata.normalize("NFC", name).encode("utf-8", "surrogateescape")
    return f"{safe[:100]}-{hashlib.sha1(encoded).hexdigest()[:8]}"


def _special(file: Path, root: Path) -> str | None:
    """Why *file* (a folder entry) is not read, or None for a regular file in *root*."""
    try:
        if file.is_symlink():
            try:
                target = file.resolve(strict=True)
            except (OSError, RuntimeError):
                return "skipped: a dangling symbolic link"
            if not target.is_relative_to(root):
                return f"skipped: a link out of the corpus folder (to {display_path(target)})"
            if target.is_dir():
                return "skipped: a link to a folder"
        mode = file.stat().st_mode
    except OSError as error:
        return f"skipped: {error.strerror}"
    if stat.S_ISDIR(mode):
        return "" if not file.is_symlink() else "skipped: a link to a folder"
    if not stat.S_ISREG(mode):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) \
            else "a device"
        return f"skipped: {kind}, not a regular file"
    return None


def iter_corpus(source: str | Path, *, manifest: str | Path | None = None,
                published: dt.date | None = None, max_bytes: int = MAX_ARTICLE_BYTES,
                unchanged: UnchangedCheck | None = None
                ) -> Iterator[Article | ReadFailure | Unchanged]:
    """Stream the articles of a folder, a JSON Lines file, a Telegram export, a news feed
    or a single text file or page.

    For a folder, ``manifest.csv`` inside it is used when no manifest is given.
    Files are read in name order (a folder's text files and pages, then its Telegram
    exports and feeds); ids follow :func:`file_doc_id` (a post's: ``tg<channel>-<post>``); links
    and special files follow the rules of the module docstring. Each article or failure
    of a text file carries the file's :func:`file_signature`; with *unchanged*, a text
    file for which ``unchanged(doc_id, signature)`` is true is not opened and comes back
    as an :class:`Unchanged` (JSON Lines and exports are always read: one file holds many
    articles). A Telegram post or feed item read again (two saved previews, two fetches
    of a feed) is kept once; read again with other text (edited), the first reading is
    kept and the second is a failure that says so.
    """
    first: dict[str, str] = {}  # a post's id: its text's hash, as first read
    for item in _corpus_items(source, manifest=manifest, published=published,
                              max_bytes=max_bytes, unchanged=unchanged):
        if isinstance(item, Article) and (item.path or "").endswith("#" + item.doc_id):
            digest = hashlib.sha1(item.text.encode("utf-8")).hexdigest()
            if item.doc_id in first:
                if first[item.doc_id] != digest:
                    yield ReadFailure(item.doc_id + "-again", item.path,
                                      f"post {item.doc_id} read again with other text (an "
                                      "edited post?); the first reading is kept")
                continue
            first[item.doc_id] = digest
        yield item


def _corpus_items(source: str | Path, *, manifest: str | Path | None,
                  published: dt.date | None, max_bytes: int,
                  unchanged: UnchangedCheck | None
                  ) -> Iterator[Article | ReadFailure | Unchanged]:
    """What :func:`iter_corpus` streams, before repeated posts are dropped."""
    path = Path(source)
    if not path.exists():
        raise CorpusNotFoundError(f"{path}: no such file or folder")
    if path.is_file() and path.suffix.lower() in (".jsonl", ".ndjson"):
        yield from read_jsonl(path, max_bytes=max_bytes)
        return
    if path.is_file() and path.suffix.lower() in _MANY_ARTICLES:
        yield from _MANY_ARTICLES[path.suffix.lower()](path, max_bytes=max_bytes)
        return
    rows: dict[str, dict[str, str]] = {}
    if manifest is not None:
        rows = read_manifest(Path(manifest))
    elif path.is_dir() and (path / "manifest.csv").is_file():
        rows = read_manifest(path / "manifest.csv")
    if path.is_file():
        yield from _text_file(path, rows.get(path.name), file_doc_id(path.name), published,
                              max_bytes, unchanged)
        return
    root = path.resolve()
    names = sorted(p.name for p in path.iterdir()
                   if p.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES)
    stems: dict[str, int] = {}
    for name in names:
        stems[name.rsplit(".", 1)[0]] = stems.get(name.rsplit(".", 1)[0], 0) + 1
    owners: dict[str, str] = {}
    for name in names:
        file = path / name
        shown = display_path(file)
        doc_id = file_doc_id(name, shared_stem=stems[name.rsplit(".", 1)[0]] > 1)
        why = _special(file, root)
        if why == "":  # a real folder named like a text file: not an article
            continue
        if doc_id in owners:
            yield ReadFailure(doc_id + "-" + hashlib.sha1(shown.encode()).hexdigest()[:8],
                              shown, f"its document id {doc_id!r} is also the id of "
                                     f"{owners[doc_id]}; rename one of the two files")
            continue
        owners[doc_id] = shown
        if why is not None:
            yield ReadFailure(doc_id, shown, why)
            continue
        yield from _text_file(file, rows.get(name), doc_id, published, max_bytes, unchanged)
    for name in sorted(p.name for p in path.iterdir() if p.suffix.lower() in _MANY_ARTICLES):
        why = _special(path / name, root)
        if why == "":
            continue
        if why is not None:
            yield ReadFailure(file_doc_id(name), display_path(path / name), why)
            continue
        yield from _MANY_ARTICLES[Path(name).suffix.lower()](path / name, max_bytes=max_bytes)


#: Readers of the files of many articles a folder may hold (Telegram exports, feeds), by
#: suffix.
_MANY_ARTICLES = {".json": read_telegram, **dict.fromkeys(FEED_SUFFIXES, read_feed)}


def _text_file(file: Path, row: dict[str, str] | None, doc_id: str,
               published: dt.date | None, max_bytes: int, unchanged: UnchangedCheck | None
               ) -> list[Article | ReadFailure | Unchanged]:
    """The articles of one text file or page of a corpus (a channel preview has several),
    with the file's signature; not read when *unchanged* says so."""
    try:
        info = file.stat()
    except OSError as error:
        return [ReadFailure(doc_id, display_path(file), f"skipped: {error.strerror}")]
    signature = file_signature(info, manifest_row=row, published=published,
                               max_bytes=max_bytes)
    if unchanged is not None and unchanged(doc_id, signature):
        return [Unchanged(doc_id, display_path(file), signature)]
    if file.suffix.lower() in HTML_SUFFIXES:
        items = read_page(file, manifest_row=row, published=published, max_bytes=max_bytes,
                          doc_id=doc_id)
    else:
        items = [read_text_file(file, manifest_row=row, published=published,
                                max_bytes=max_bytes, doc_id=doc_id)]
    for item in items:
        item.signature = signature
    return items
