"""Saved web pages: an article's text and metadata from its HTML.

Real reporting is often kept as the page itself ("Save page as", a crawler's output).
:func:`page_text` turns one page into the article's text and what the page says about
itself, with trafilatura (main-content extraction: navigation, menus, cookie banners,
share bars, "read more" boxes, comments and footers are left out; scripts and styles are
never text).

Rules:

* **Text**: the article body as trafilatura finds it (headline, paragraphs, list items as
  ``- item`` lines, and table rows as list items with their cells joined by commas: "-
  Vremivka, Donetsk region"), one paragraph per block with a blank line between blocks,
  so that sentences never run across paragraphs. Character
  offsets of claims point into this text (the page's markup is not kept). A page whose
  text has no paragraph of four words or more with a sentence's end mark (``. ! ? … : ;``;
  only a menu, a banner, links) has no article text.
* **Metadata the page states in its markup only**: the title (``og:title``, ``<title>``,
  ``<h1>``), the original publication date (``article:published_time``, JSON-LD
  ``datePublished``, ``<time>``, a byline's date and the like; not the "updated" date,
  and not a date guessed from the article's sentences), the canonical URL and the site's name
  (``og:site_name``, JSON-LD publisher; else the host name without ``www.``).
* **Language** is not taken from ``<html lang>`` (a site template's attribute, often
  wrong for the article): the text's language is detected like any article's.
* **Encoding**: a byte-order mark, then UTF-8, then the ``charset`` the page declares in
  its first 4 KB, then the usual detection (:func:`geomap.ingest.corpus.decode`).
* **Bounds**: the caller caps the page's size (:data:`PAGE_BYTES_PER_TEXT_BYTE` times the
  article limit); the page is parsed once by lxml (linear, nesting capped by libxml2) and
  refused with more than :data:`MAX_PAGE_ELEMENTS` elements before any extraction, whose
  time grows with them (see BENCHMARKS.md "Saved web pages").
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: A page may be this many times the article limit (``--max-article-bytes``) in bytes:
#: markup, scripts and styles are most of a news page.
PAGE_BYTES_PER_TEXT_BYTE = 8
#: Most elements a page may have: extraction time grows with them (about 2.5 s at this
#: limit for the worst shape measured, a page of links; an ordinary news page has 1,000 to
#: 10,000).
MAX_PAGE_ELEMENTS = 50_000
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
_LINE_BREAKS = re.compile(r"\n+")
_END_MARK = re.compile(r"[.!?…:;]")
#: A table row as trafilatura writes it: "| cell | cell |".
_TABLE_ROW = re.compile(r"^\|(.*)\|\s*$")


@dataclass(slots=True)
class PageText:
    """What :func:`page_text` found in a page: its text and its own metadata (None when the
    page does not state it). ``published`` is ISO text (YYYY-MM-DD) as the page gives it."""

    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    site: str | None = None


def declared_charset(data: bytes) -> str | None:
    """The Python codec of the charset a page declares in a ``<meta>`` of its first 4 KB
    (``<meta charset="windows-1251">`` or the ``http-equiv`` form), None when it declares
    none or one Python does not know."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def page_text(html: str, *, url: str | None = None) -> PageText:
    """The article text and metadata of the page *html* (see the module docstring).
    *url*, when known (a manifest, a crawl), helps trafilatura with relative links and
    the site's name. Raises ValueError when the page holds no article text."""
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        raise ValueError("not an HTML page (nothing to parse)")
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_PAGE_ELEMENTS:
        raise ValueError(f"too large: the page has {elements:,} HTML elements, over the "
                         f"{MAX_PAGE_ELEMENTS:,} limit")
    document = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True})
    body = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not any(len(line.split()) >= 4 and _END_MARK.search(line)
               for line in body.splitlines()):
        raise ValueError("no article text found in the HTML page")
    lines = [_as_item(line) for line in body.splitlines()]
    text = _LINE_BREAKS.sub("\n\n", "\n".join(lines)) + "\n"
    site = _clean(getattr(document, "sitename", None))
    page_url = _clean(getattr(document, "url", None)) or url
    if site is None and page_url:
        host = urlsplit(page_url).hostname or ""
        site = host.removeprefix("www.") or None
    return PageText(text=text, title=_clean(getattr(document, "title", None)),
                    published=_clean(getattr(document, "date", None)), url=page_url,
                    site=site)


def _as_item(line: str) -> str:
    """A table row ("| Vremivka | Donetsk region |") as a list item ("- Vremivka, Donetsk
    region"), as the claims' list rules read items; other lines as they are."""
    match = _TABLE_ROW.match(line.strip())
    if not match:
        return line
    cells = [cell.strip() for cell in match.group(1).split("|")]
    return "- " + ", ".join(cell for cell in cells if cell)


def element_text(element) -> str | None:
    """The text of an lxml *element* (and its descendants) as one line, None when the
    element is None or holds no text."""
    return None if element is None else _clean("".join(element.itertext()))


def _clean(value: object) -> str | None:
    """Metadata as one line of text, None when empty."""
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
