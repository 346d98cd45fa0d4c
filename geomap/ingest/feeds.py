"""News feeds (RSS 2.0, RSS 1.0/RDF, Atom) as corpora: one article per item.

Monitoring a ministry's or an agency's output starts with its feed (TASS, Ukrinform,
Interfax, RBC-Ukraine and most wire services publish them). Rules:

* **Which file**: ``.rss``, ``.atom`` and ``.xml`` files whose root is ``<rss>``,
  ``<feed>`` (Atom) or ``<rdf:RDF>``; another XML file is refused with a message saying
  what geomap reads.
* **Items**: each ``<item>``/``<entry>`` is one article: its title as the first paragraph,
  then its fullest body (``content:encoded``, Atom ``content``, else ``description``/
  ``summary``) as text (HTML in it becomes plain text, a paragraph per block); an item
  with neither title nor body is skipped.
* **Metadata**: ``published`` from ``pubDate`` (RFC 822), ``dc:date``, Atom
  ``published`` or else ``updated``; ``url`` the item's link; ``source`` the feed's title;
  ``title`` the item's title. ids are ``feed-`` and 12 hex digits of the SHA-1 of the
  item's ``guid``/``id``, else its link, else its title and date, so the same item keeps
  its id in every fetch of the feed (a corpus of fetches keeps each item once).
* **Safety**: parsed by lxml without entity expansion, DTDs or network access, and
  without libxml2's "huge" mode (a billion-laughs file is an error, not gigabytes).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from geomap.ingest.html import element_text as _text

FEED_SUFFIXES = (".rss", ".atom", ".xml")
_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"
_RSS1 = "{http://purl.org/rss/1.0/}"
_BLOCKS = re.compile(r"\n\s*\n+")


@dataclass(slots=True)
class FeedItem:
    """One item of a feed: what :func:`feed_items` yields."""

    item_id: str
    text: str
    title: str | None
    date: dt.date | None
    url: str | None
    source: str | None


def feed_items(data: bytes) -> Iterator[FeedItem | tuple[str, str]]:
    """The items of the feed *data* in order; an item whose date cannot be read comes as
    ``(item id, why)``. Raises ValueError for a file that is no feed."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        raise ValueError(f"not a readable feed (XML error: {' '.join(str(error).split())[:120]}"
                         ")") from None
    tag = etree.QName(root).localname.lower()
    if tag == "rss":
        channel = root.find("channel")
        source = _text(channel.find("title")) if channel is not None else None
        nodes = channel.findall("item") if channel is not None else []
    elif root.tag == _ATOM + "feed":
        source = _text(root.find(_ATOM + "title"))
        nodes = root.findall(_ATOM + "entry")
    elif tag == "rdf":
        channel = root.find(_RSS1 + "channel")
        source = _text(channel.find(_RSS1 + "title")) if channel is not None else None
        nodes = root.findall(_RSS1 + "item")
    else:
        raise ValueError(f"not a news feed (the root is <{tag}>); geomap reads RSS and Atom "
                         "feeds (.rss, .atom, .xml)")
    for node in nodes:
        item = _item(node, source)
        if item is not None:
            yield item


def _item(node, source: str | None) -> FeedItem | tuple[str, str] | None:
    atom = node.tag.startswith(_ATOM)
    ns = _ATOM if atom else (_RSS1 if node.tag.startswith(_RSS1) else "")
    title = _text(node.find(ns + "title"))
    body = _fullest(node, atom, ns)
    link = _link(node, atom, ns)
    raw_date = _first(node, [_ATOM + "published", _ATOM + "updated"] if atom else
                      ["pubDate", _DC_DATE])
    key = _text(node.find(_ATOM + "id" if atom else "guid")) or link or \
        f"{title}|{raw_date}"
    item_id = "feed-" + hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()[:12]
    if not (title or body):
        return None
    try:
        date = _date(raw_date)
    except ValueError as error:
        return item_id, str(error)
    text = "\n\n".join(part for part in (title, body) if part) + "\n"
    return FeedItem(item_id, text, title, date, link, source)


def _fullest(node, atom: bool, ns: str) -> str | None:
    """The item's body as plain text: its full content when given, else its summary."""
    names = [_ATOM + "content", _ATOM + "summary"] if atom else \
        [_CONTENT, ns + "description"]
    for name in names:
        element = node.find(name)
        if element is not None:
            # escaped HTML is the element's text; inline XHTML (Atom) its children too
            text = html_text((element.text or "") +
                             "".join(_serialise(child) for child in element))
            if text:
                return text
    return None


def _serialise(element) -> str:
    from lxml import etree

    return etree.tostring(element, encoding="unicode", with_tail=True)


def html_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed's escaped description): block elements and
    ``<br>`` end paragraphs; scripts and styles are dropped."""
    if "<" not in fragment:
        return " ".join(fragment.split())
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several kinds for broken markup: keep the words
        return " ".join(re.sub(r"<[^>]{0,500}>", " ", fragment).split())
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for block in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr"):
        block.tail = "\n\n" + (block.tail or "")
    text = "".join(root.itertext())
    return "\n\n".join(" ".join(b.split()) for b in _BLOCKS.split(text) if b.strip())


def _link(node, atom: bool, ns: str) -> str | None:
    if not atom:
        return _text(node.find(ns + "link"))
    links = node.findall(_ATOM + "link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href").strip()
    return links[0].get("href") if links and links[0].get("href") else None


def _first(node, names: list[str]) -> str | None:
    for name in names:
        value = _text(node.find(name))
        if value:
            return value
    return None


def _date(value: str | None) -> dt.date | None:
    """An item's date: RFC 822 ("Tue, 14 Jan 2025 09:05:11 +0300") or ISO 8601, as the
    feed gives it (its own time zone); ValueError when unreadable."""
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"unreadable item date {value[:40]!r}") from None
