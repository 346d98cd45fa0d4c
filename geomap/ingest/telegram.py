"""Telegram channels as exported by Telegram Desktop ("Export chat history", JSON format:
``result.json``), and saved pages of a channel's public web preview (``t.me/s/<channel>``):
one article per post.

Military bloggers, the General Staff, regional governors, DeepState and Rybar publish on
Telegram first; an analyst archives a channel with Telegram Desktop. Rules:

* **Which file**: a ``.json`` file whose top level has a ``messages`` list (and the
  channel's ``name``) is an export; any other JSON is refused with a message that says
  what geomap reads. A folder's ``.json`` files are read the same way.
* **Posts**: each ``message`` (not the ``service`` entries: "channel created", pinned
  posts) with text is one article: its text from ``text_entities`` (or ``text``, a string
  or a list of strings and ``{"text": ...}`` parts), links and formatting as plain text;
  a post with no text (a photo alone) is skipped and counted, not a failure.
* **Metadata**: ``published`` is the post's date (the exporting machine's local date, as
  Telegram writes it); ``source`` is the channel's name, or ``forwarded_from`` for a
  forwarded post (the voice the text is in); ``title`` is the channel's name; ``url`` is
  None (the export does not hold the channel's username). ids are
  ``tg<channel id>-<post id>``, stable across exports of the same channel.
* **Bounds**: an export is read as one text and its posts are decoded one at a time
  (:func:`stream_export`; measured: 326 MB at the peak for a 108 MB export of 100,000
  posts, 1.2 s); an export over :data:`MAX_EXPORT_BYTES` is refused; each post's text is
  held to the article limit like any article. An export cut short (a copy interrupted)
  gives its posts up to the cut, then one failure saying where.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from geomap.ingest.html import element_text

#: Largest export read (bytes).
MAX_EXPORT_BYTES = 1024 * 1024 * 1024
_SPACE = re.compile(r"\s*")
_WHAT_IS_READ = ("geomap reads .json files exported by Telegram Desktop (result.json), and "
                 "one article per line as .jsonl")
_NOT_AN_EXPORT = f"not a Telegram Desktop export (no 'messages' list); {_WHAT_IS_READ}"


@dataclass(slots=True)
class TelegramPost:
    """One post of an export: what :func:`telegram_posts` yields."""

    post_id: str
    text: str
    date: dt.date | None
    source: str | None
    channel: str | None
    url: str | None = None


def stream_export(text: str, header: dict) -> Iterator[object]:
    """The messages of the export *text* (its top-level ``messages`` array), decoded one
    at a time; the top-level fields before the array ("name", "id") are put in *header*
    before the first message is given. Raises ValueError for text that is not an export
    (with what geomap reads) or JSON that breaks off (with where)."""
    decoder = json.JSONDecoder()
    pos = _SPACE.match(text).end()
    if text[pos:pos + 1] != "{":
        raise ValueError(_NOT_AN_EXPORT)
    pos = _SPACE.match(text, pos + 1).end()
    while text[pos:pos + 1] == '"':
        key, pos = _decode(decoder, text, pos)
        pos = _SPACE.match(text, pos).end()
        if text[pos:pos + 1] != ":":
            raise ValueError(f"not valid JSON at character {pos:,}")
        pos = _SPACE.match(text, pos + 1).end()
        if key == "messages" and text[pos:pos + 1] == "[":
            pos = _SPACE.match(text, pos + 1).end()
            while text[pos:pos + 1] not in ("]", ""):
                message, pos = _decode(decoder, text, pos)
                yield message
                pos = _SPACE.match(text, pos).end()
                if text[pos:pos + 1] == ",":
                    pos = _SPACE.match(text, pos + 1).end()
                elif text[pos:pos + 1] != "]":
                    raise ValueError(f"the export breaks off at character {pos:,} of "
                                     f"{len(text):,}")
            if not text[pos:pos + 1]:
                raise ValueError(f"the export breaks off at character {pos:,}")
            return
        header[key], pos = _decode(decoder, text, pos)
        pos = _SPACE.match(text, pos).end()
        if text[pos:pos + 1] == ",":
            pos = _SPACE.match(text, pos + 1).end()
    if text[pos:pos + 1] != "}":
        raise ValueError(f"not valid JSON at character {pos:,}; {_WHAT_IS_READ}")
    raise ValueError(_NOT_AN_EXPORT)


def _decode(decoder: json.JSONDecoder, text: str, pos: int) -> tuple[object, int]:
    try:
        return decoder.raw_decode(text, pos)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON at character {error.pos:,} ({error.msg}); "
                         f"{_WHAT_IS_READ}") from None
    except RecursionError:
        raise ValueError(f"JSON nested too deeply at character {pos:,}") from None


def post_text(message: dict) -> str:
    """The plain text of a post: ``text_entities`` joined, else ``text`` (a string or a
    list of strings and parts with ``text``)."""
    parts = message.get("text_entities")
    if not isinstance(parts, list) or not parts:
        parts = message.get("text")
    if isinstance(parts, str):
        return parts
    if not isinstance(parts, list):
        return ""
    return "".join(p if isinstance(p, str) else str(p.get("text") or "")
                   for p in parts if isinstance(p, str | dict))


def telegram_posts(header: dict, messages: Iterator[object]
                   ) -> Iterator[TelegramPost | tuple[str, str]]:
    """The posts of an export (its top-level fields *header*, its *messages*) in order,
    as :class:`TelegramPost`; a post that cannot be read comes as ``(post id, why)``.
    Posts without text, and service entries, are skipped."""
    for number, message in enumerate(messages, start=1):
        # the header is complete once the first message is given (see stream_export)
        channel = header.get("name") if isinstance(header.get("name"), str) else None
        channel_id = str(header.get("id") or "").strip() or "channel"
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            continue
        post_id = f"tg{channel_id}-{message.get('id', number)}"
        text = post_text(message)
        if not text.strip():
            continue
        try:
            date = _post_date(message.get("date"))
        except ValueError as error:
            yield post_id, str(error)
            continue
        forwarded = message.get("forwarded_from")
        source = forwarded if isinstance(forwarded, str) and forwarded.strip() else channel
        yield TelegramPost(post_id, text, date, source, channel)


def is_web_preview(html: str) -> bool:
    """True for a saved page of a channel's public web preview (``t.me/s/<channel>``)."""
    return "tgme_widget_message" in html and "data-post=" in html


def web_preview_posts(html: str) -> Iterator[TelegramPost | tuple[str, str]]:
    """The posts of a saved ``t.me/s/<channel>`` page, as :func:`telegram_posts` gives an
    export's: one per ``tgme_widget_message`` with text (``data-post`` "channel/123"
    gives the id and the URL ``https://t.me/channel/123``; ``<time datetime>`` the date,
    in UTC; the forwarded channel's or the channel's name the source). A reply's quoted
    text is not the post's; line breaks are kept."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return
    for node in tree.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), "
                           "' tgme_widget_message ')][@data-post]"):
        if "service_message" in (node.get("class") or ""):
            continue
        key = node.get("data-post", "").strip().strip("/")
        channel_name, _, number = key.rpartition("/")
        post_id = f"tg-{channel_name}-{number}" if channel_name else f"tg-{key}"
        bodies = node.xpath(".//div[contains(@class, 'js-message_text')]")
        text = _element_text(bodies[0]) if bodies else ""
        if not text.strip():
            continue
        stamps = node.xpath(".//a[contains(@class, 'tgme_widget_message_date')]//time/@datetime"
                            ) or node.xpath(".//time/@datetime")
        try:
            date = _post_date(stamps[0][:19] if stamps else None)
        except ValueError as error:
            yield post_id, str(error)
            continue
        forwarded = _first_text(node, "tgme_widget_message_forwarded_from_name")
        owner = _first_text(node, "tgme_widget_message_owner_name")
        url = f"https://t.me/{channel_name}/{number}" if channel_name and number.isdigit() \
            else None
        yield TelegramPost(post_id, text, date, forwarded or owner, owner, url)


def _element_text(element) -> str:
    """The text of *element* with ``<br>`` as line breaks."""
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return "".join(element.itertext())


def _first_text(node, css_class: str) -> str | None:
    """The text, as one line, of the first element below *node* of class *css_class*."""
    found = node.xpath(f".//*[contains(@class, '{css_class}')]")
    return element_text(found[0]) if found else None


def _post_date(value: object) -> dt.date | None:
    """A post's ``date`` ("2024-08-06T10:15:32") as a date; ValueError when unreadable."""
    if value in (None, ""):
        return None
    try:
        return dt.datetime.fromisoformat(str(value)).date()
    except ValueError:
        raise ValueError(f"unreadable post date {str(value)[:40]!r}") from None


def load_export(path: Path) -> str:
    """The text of the export at *path*, for :func:`stream_export`. Raises ValueError
    for a file over :data:`MAX_EXPORT_BYTES` or not UTF-8."""
    size = path.stat().st_size
    if size > MAX_EXPORT_BYTES:
        raise ValueError(f"too large: {size / 1e6:.0f} MB is over the "
                         f"{MAX_EXPORT_BYTES / 1e6:.0f} MB limit of a Telegram export")
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text ({error.reason} at byte {error.start:,}); a "
                         "Telegram export is UTF-8") from None
