"""Page clutter removal that keeps character offsets.

Clutter lines are blanked (every character but newlines becomes a space), so
offsets into the cleaned text are offsets into the original article.

Rules, applied to lines:

* **End-of-article clutter**: a line that is only "Comments", "Latest",
  "Most read", "More from ...", "Related articles", "Recommended", "Trending"
  ends the article: it and everything after it are blanked (the "Latest"
  teaser list of other stories).
* **"Read more" / "Read also" / "See also" blocks**: the heading line and up to
  three following headline-like lines (short, without a closing period).
* **Agency datelines**: "(Reuters) -" at the start of a line; in "MOSCOW, March 9
  (Reuters) -" and "MOSCOW, March 9. /TASS/." the agency part (the city stays).
* **Captions and credits**: lines opening with "Photo:", "Photo by", "Image:",
  "Illustrative photo", "Video:", "Screenshot", "Map:" ...
* **Read-more lines**: "READ MORE: <headline>" on one line, misspellings included
  ("RAED MORE"), "Also read:", "See also:", "Related:".
* **Page date lines** ("date 2025-03-09 MOSCOW", "Updated: 09.03.2025 14:20") and
  **repeated headlines** (a line of 20+ characters identical to an earlier line).
* **Navigation and share lines**: "Skip to content", "Share", "Share this
  article", "Follow us", "Subscribe", "Sign up", "Advertisement", "Members
  Public", cookie notices, "Copyright ..." / "All rights reserved".
"""

from __future__ import annotations

import re

_END_MARKERS = re.compile(
    r"^\s*(comments?|latest|latest news|most read|most popular|more from .{0,40}|"
    r"related( articles| stories| news)?|recommended( for you)?|trending( now)?|"
    r"you may also like|read next|more stories)\s*:?\s*$", re.IGNORECASE)
_BLOCK_MARKERS = re.compile(r"^\s*(read more|read also|see also|also read|related)\s*:?\s*$",
                            re.IGNORECASE)
_NOISE = re.compile(
    r"^\s*(skip to (main )?content|share|share this( article| story)?|follow us.*|"
    r"subscribe.*|sign up.*|advertisement|advert|members public|log ?in|sign in|menu|"
    r"search|close|accept( all)? cookies.*|we use cookies.*|copyright .*|©.*|"
    r"all rights reserved.*|print|email|facebook|twitter|x|whatsapp|telegram)\s*$",
    re.IGNORECASE)


_AGENCIES = r"Reuters|AP|AFP|Bloomberg|dpa|UPI|Xinhua|TASS|CNN|Ukrinform|Interfax|RIA|Sputnik|BTA"
_DATELINE = re.compile(rf"^\s*\((?:{_AGENCIES})\)\s*[-–—]*\s*", re.IGNORECASE)
# "MOSCOW, March 9 (Reuters) -", "KYIV, Ukraine (AP) —", "MOSCOW, March 9. /TASS/.": the
# agency part is blanked, the city stays (a place tag, never a claimant)
_CITY_DATELINE = re.compile(
    rf"^(\s*[A-Z][A-Za-z .'’-]{{1,40}}(?:,\s*[A-Za-z][A-Za-z.]*(?:\s+\d{{1,2}})?)?\.?\s*)"
    rf"(\((?:{_AGENCIES})\)\s*[-–—]+\s*|/(?:{_AGENCIES})/\.?\s*)")
# Captions, photo credits and page furniture inside the article.
_CAPTION = re.compile(
    r"^\s*[\[(]?\s*(photo|photos|image|images|picture|illustrative (photo|image)|caption|"
    r"video|screenshot|photo credit|photograph|pictured|file photo|map|infographic|"
    r"source of (the )?(photo|image))\b\s*(:|by\b|credit\b|/|—|-|–|\||\))", re.IGNORECASE)
_READ_MORE_LINE = re.compile(
    r"^\s*(r(ea|ae|e|aed)d|raed|reed)\s+(more|also|next)\b|^\s*(also read|see also|"
    r"related|more on this|read the full|watch|listen)\s*:", re.IGNORECASE)
_SHARE = re.compile(r"^\s*(share( on| via| this)?\b.{0,40}|copy link|tweet|print this|"
                    r"click to share.*|follow .{0,30} on (telegram|twitter|x|facebook).*)$",
                    re.IGNORECASE)
_PAGE_DATE = re.compile(
    r"^\s*(date|published|updated|posted|last updated)?\s*:?\s*"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\b.{0,60}$", re.IGNORECASE)


def _blank(line: str) -> str:
    return " " * len(line)


def _headline_like(line: str) -> bool:
    stripped = line.strip()
    return (0 < len(stripped) <= 120 and not stripped.endswith((".", "”", "\""))) \
        or stripped.endswith("?")


def clean_text(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """(text with clutter blanked, removed spans as (start, end, rule)).

    The returned text has the same length as *text*.
    """
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    removed: list[tuple[int, int, str]] = []
    offset = 0
    ended = False
    pending_block = 0
    seen_lines: set[str] = set()
    for line in lines:
        body = line.rstrip("\r\n")
        ending = line[len(body):]
        rule = None
        if ended:
            rule = "after end-of-article marker"
        elif _END_MARKERS.match(body):
            ended = True
            rule = "end-of-article marker"
        elif _BLOCK_MARKERS.match(body):
            pending_block = 3
            rule = "read-more block"
        elif pending_block and body.strip():
            if _headline_like(body):
                pending_block -= 1
                rule = "read-more block"
            else:
                pending_block = 0
        elif _NOISE.match(body) or _SHARE.match(body):
            rule = "navigation or share line"
        elif _READ_MORE_LINE.match(body):
            rule = "read-more line"
        elif _CAPTION.match(body):
            rule = "caption or photo credit"
        elif _PAGE_DATE.match(body):
            rule = "page date line"
        elif len(body.strip()) >= 20 and body.strip() in seen_lines:
            rule = "repeated headline"
        if body.strip():
            seen_lines.add(body.strip())
        dateline = _DATELINE.match(body) if rule is None else None
        city = _CITY_DATELINE.match(body) if rule is None and not dateline else None
        if dateline:
            out.append(_blank(dateline.group(0)) + line[dateline.end():])
            removed.append((offset, offset + dateline.end(), "agency dateline"))
        elif city:
            a, b = city.start(2), city.end(2)
            out.append(line[:a] + _blank(line[a:b]) + line[b:])
            removed.append((offset + a, offset + b, "agency dateline"))
        elif rule is not None and body.strip():
            out.append(_blank(body) + ending)
            removed.append((offset, offset + len(body), rule))
        else:
            out.append(line)
        offset += len(line)
    return "".join(out), removed


#: Longer runs of one punctuation mark or symbol than this are shortened.
MAX_SAME_RUN = 8
#: Longer runs of punctuation and symbols (mixed) than this are shortened.
MAX_SYMBOL_RUN = 64
_SAME_RUN = re.compile(rf"([^\w\s])\1{{{MAX_SAME_RUN},}}")
_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{MAX_SYMBOL_RUN + 1},}}")


def tame_runs(text: str) -> str:
    """*text* with pathological runs of punctuation and symbols blanked, same length.

    spaCy's tokenizer is quadratic on long runs of brackets, quotes or emoji (8,000
    opening brackets take minutes). A run of one punctuation mark or symbol longer
    than :data:`MAX_SAME_RUN` keeps its first three characters; a run of mixed
    punctuation and symbols longer than :data:`MAX_SYMBOL_RUN` keeps its first
    :data:`MAX_SYMBOL_RUN`. The rest become spaces, so every offset into the result
    is the same offset into *text* (surrogate pairs never occur in ``str``).
    """
    if len(text) <= MAX_SAME_RUN:
        return text

    def keep(count: int):
        return lambda match: match.group(0)[:count] + " " * (len(match.group(0)) - count)

    text = _SAME_RUN.sub(keep(3), text)
    return _SYMBOL_RUN.sub(keep(MAX_SYMBOL_RUN), text)
