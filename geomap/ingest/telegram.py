"""Telegram channels as exported by Telegram Desktop ("Export chat history", JSON format:
``result.json``): one article per post.

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
