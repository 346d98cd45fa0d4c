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
* **Bounds**: an export over :data:`MAX_EXPORT_BYTES` is refused (it is read whole);
  each post's text is held to the article limit like any article.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: Largest export read (bytes): the export is parsed whole.
MAX_EXPORT_BYTES = 512 * 1024 * 1024


@dataclass(slots=True)
class TelegramPost:
    """One post of an export: what :func:`telegram_posts` yields."""

    post_id: str
    text: str
    date: dt.date | None
    source: str | None
    channel: str | None
    url: str | None = None


def is_telegram_export(data: object) -> bool:
    """True for the parsed JSON of a Telegram Desktop export (a ``messages`` list)."""
    return isinstance(data, dict) and isinstance(data.get("messages"), list)


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


def telegram_posts(data: dict) -> Iterator[TelegramPost | tuple[str, str]]:
    """The posts of the export *data* in order, as :class:`TelegramPost`; a post that
    cannot be read comes as ``(post id, why)``. Posts without text are skipped."""
    channel = data.get("name") if isinstance(data.get("name"), str) else None
    channel_id = str(data.get("id") or "").strip() or "channel"
    for number, message in enumerate(data["messages"], start=1):
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
    found = node.xpath(f".//*[contains(@class, '{css_class}')]")
    text = " ".join("".join(found[0].itertext()).split()) if found else ""
    return text or None


def _post_date(value: object) -> dt.date | None:
    """A post's ``date`` ("2024-08-06T10:15:32") as a date; ValueError when unreadable."""
    if value in (None, ""):
        return None
    try:
        return dt.datetime.fromisoformat(str(value)).date()
    except ValueError:
        raise ValueError(f"unreadable post date {str(value)[:40]!r}") from None


def load_export(path: Path) -> dict:
    """The parsed export at *path*. Raises ValueError (too large, not JSON, not an
    export) with a message naming what geomap reads."""
    size = path.stat().st_size
    if size > MAX_EXPORT_BYTES:
        raise ValueError(f"too large: {size / 1e6:.0f} MB is over the "
                         f"{MAX_EXPORT_BYTES / 1e6:.0f} MB limit of a Telegram export")
    try:
        data = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as error:
        raise ValueError(f"not valid JSON ({' '.join(str(error).split())[:120]}); geomap "
                         "reads .json files exported by Telegram Desktop (result.json), "
                         "and one article per line as .jsonl") from None
    if not is_telegram_export(data):
        raise ValueError("not a Telegram Desktop export (no 'messages' list); geomap reads "
                         ".json files exported by Telegram Desktop (result.json), and one "
                         "article per line as .jsonl")
    return data
