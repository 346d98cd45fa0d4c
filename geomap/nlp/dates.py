"""Time expressions in a sentence, resolved against the publication date.

Rules (``pub`` is the publication date):

* weekday ("on Tuesday", "Tuesday night", "earlier on Tuesday"): the latest such
  day on or before ``pub``; "last Tuesday": strictly before ``pub``.
  "on Sunday and Monday" spans both days. Precision ``day``.
* "today", "this morning", "tonight": ``pub``; "yesterday", "last night": the day before.
* "last week" / "this week" / "over the past week" / "in recent days": a week,
  precision ``week``; "last month" / "this month" / "in recent weeks": ``month``;
  "last year" / "this year": ``year``.
* a part of a month ("early August", "mid-September", "late March 2025", "the end of
  May"): its first, middle or last ten days, precision ``week`` (a span of ten days,
  narrower than a month).
* a month without a day ("last August", "in August"): the latest such month
  strictly before ``pub``'s month for "last", else on or before it; precision ``month``.
  With a year ("February 2022"): that month.
* a day and month ("Jan. 20", "6 August", "August 6, 2024"): with a year, that day;
  without one, the year that puts it within six months of ``pub``.
* "N days/weeks/months ago": ``pub`` minus N units.
* "N days/weeks/months after|before X": when X holds a date of its own, that date
  shifted by N units; otherwise it is not used.
* a bare year ("in 2022", "since 2014"): precision ``year``.

Without a publication date only expressions that carry their own year resolve;
everything else has precision ``unknown``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

PRECISIONS = ("day", "week", "month", "year", "unknown")
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
           "several": 3, "a few": 3}

_WD = "|".join(WEEKDAYS)
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUM = r"(\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
_UNIT = r"(day|week|month|year)s?"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("offset_anchor", re.compile(rf"\b{_NUM}\s+{_UNIT}\s+(after|before|since)\b", re.I)),
    ("ago", re.compile(rf"\b{_NUM}\s+{_UNIT}\s+ago\b", re.I)),
    ("full_date", re.compile(
        rf"\b(?:({_MON})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?"
        rf"|(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MON})\.?(?:,?\s+(\d{{4}}))?)\b", re.I)),
    ("weekday_pair", re.compile(rf"\b(?:on\s+)?({_WD})\s+and\s+({_WD})\b", re.I)),
    ("weekday", re.compile(rf"\b(last\s+|this\s+|on\s+|earlier\s+on\s+|late\s+on\s+|"
                           rf"since\s+)?({_WD})\b", re.I)),
    ("day_word", re.compile(r"\b(today|this morning|this afternoon|this evening|tonight|"
                            r"yesterday|last night|the previous day|the day before)\b", re.I)),
    ("period", re.compile(r"\b(last|this|past|previous|recent|coming)\s+(week|month|year)\b"
                          r"|\b(?:over|in)\s+the\s+(past|last)\s+(week|month|year)\b"
                          r"|\bin\s+recent\s+(days|weeks|months)\b", re.I)),
    ("month_part", re.compile(rf"\b(early|mid|late|the end of|the beginning of|the start of"
                              rf"|the middle of)[\s-]+({_MON})\.?(?:\s+(\d{{4}}))?\b", re.I)),
    ("month_year", re.compile(rf"\b(last\s+|this\s+|in\s+|since\s+)?({_MON})\.?"
                              rf"(?:\s+(\d{{4}}))?\b", re.I)),
    ("year", re.compile(r"\b(in|since|of|during|by)\s+((?:19|20)\d{2})\b", re.I)),
]


_MONTH_STEMS = tuple(name.lower() for name in calendar.month_abbr if name)
#: For each pattern, lower-case words one of which every match of it contains: a text
#: without any of them cannot match it and is not searched (issue 15: most sentences
#: hold no time expression).
NEEDLES: dict[str, tuple[str, ...]] = {
    "offset_anchor": ("day", "week", "month", "year"), "ago": ("ago",),
    "full_date": _MONTH_STEMS, "weekday_pair": tuple(WEEKDAYS), "weekday": tuple(WEEKDAYS),
    "day_word": ("today", "morning", "afternoon", "evening", "tonight", "yesterday",
                 "night", "previous", "before"),
    "period": ("day", "week", "month", "year"), "month_part": _MONTH_STEMS,
    "month_year": _MONTH_STEMS, "year": ("19", "20")}
# the characters other than ASCII that ``re.IGNORECASE`` matches to ASCII letters ("ſunday"
# matches the Sunday pattern); a text holding one is searched as its copy with each of them
# folded to its ASCII letter (one character for one: the offsets are the text's), so a
# match's words are found in the month and weekday tables
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_ASCII_FOLD = str.maketrans({"\u0130": "I", "\u0131": "i", "\u017f": "s", "\u212a": "K"})


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression found in a text and what it resolves to."""

    start: int
    end: int
    text: str
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def _shift(date: dt.date, n: int, unit: str) -> dt.date:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return date + dt.timedelta(days=n)
    if unit == "week":
        return date + dt.timedelta(weeks=n)
    months = n * (12 if unit == "year" else 1)
    month_index = date.year * 12 + date.month - 1 + months
    year, month = divmod(month_index, 12)
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def _number(text: str) -> int:
    text = text.lower()
    return int(text) if text.isdigit() else NUMBERS.get(text, 1)


def _weekday(pub: dt.date, weekday: int, strictly_before: bool) -> dt.date:
    delta = (pub.weekday() - weekday) % 7
    if delta == 0 and strictly_before:
        delta = 7
    return pub - dt.timedelta(days=delta)


def _resolve(kind: str, m: re.Match[str], pub: dt.date | None
             ) -> tuple[dt.date | None, dt.date | None, str] | None:
    g = [x.lower() if isinstance(x, str) else x for x in m.groups()]
    if kind == "full_date":
        month = MONTHS[g[0] or g[4]]
        day = int(g[1] or g[3])
        year = g[2] or g[5]
        if day > calendar.monthrange(2024, month)[1]:
            return None
        if year:
            try:
                date = dt.date(int(year), month, day)
            except ValueError:
                return None
            return date, date, "day"
        if pub is None:
            return None, None, "unknown"
        best = None
        for y in (pub.year - 1, pub.year, pub.year + 1):
            try:
                candidate = dt.date(y, month, day)
            except ValueError:
                continue
            if best is None or abs((candidate - pub).days) < abs((best - pub).days):
                best = candidate
        return best, best, "day"
    if kind == "year":
        year = int(g[1])
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    if kind == "month_part":
        month = MONTHS[g[1]]
        if g[2]:
            year = int(g[2])
        elif pub is None:
            return None, None, "unknown"
        else:
            year = pub.year if month <= pub.month else pub.year - 1
        first, last = _month_range(year, month)
        part = g[0].replace("the ", "")
        if part in ("early", "beginning of", "start of"):
            return first, first + dt.timedelta(days=9), "week"
        if part in ("mid", "middle of"):
            return first + dt.timedelta(days=10), first + dt.timedelta(days=19), "week"
        return last - dt.timedelta(days=9), last, "week"
    if kind == "month_year":
        month = MONTHS[g[1]]
        if g[1] in ("may", "march") and not g[0] and not g[2]:
            return None  # "may" and "march" are too often verbs
        if g[2]:
            start, end = _month_range(int(g[2]), month)
            return start, end, "month"
        if pub is None:
            return None, None, "unknown"
        strictly = (g[0] or "").strip() == "last"
        year = pub.year if (month < pub.month or (month == pub.month and not strictly)) \
            else pub.year - 1
        start, end = _month_range(year, month)
        return start, end, "month"
    if pub is None:
        return None, None, "unknown"
    if kind == "weekday_pair":
        first = _weekday(pub, WEEKDAYS[g[0]], False)
        second = _weekday(pub, WEEKDAYS[g[1]], False)
        return min(first, second), max(first, second), "day"
    if kind == "weekday":
        prefix = (g[0] or "").strip()
        date = _weekday(pub, WEEKDAYS[g[1]], strictly_before=prefix == "last")
        if prefix == "since":
            return date, pub, "day"
        return date, date, "day"
    if kind == "day_word":
        if g[0] in ("yesterday", "last night", "the previous day", "the day before"):
            day = pub - dt.timedelta(days=1)
            return day, day, "day"
        return pub, pub, "day"
    if kind == "period":
        text = m.group(0).lower()
        if "recent days" in text:
            return pub - dt.timedelta(days=7), pub, "week"
        if "recent weeks" in text:
            return pub - dt.timedelta(days=31), pub, "month"
        if "recent months" in text:
            return pub - dt.timedelta(days=183), pub, "year"
        unit = next(u for u in ("week", "month", "year") if u in text)
        if text.startswith("this"):
            if unit == "week":
                start = pub - dt.timedelta(days=pub.weekday())
                return start, pub, "week"
            if unit == "month":
                return pub.replace(day=1), pub, "month"
            return pub.replace(month=1, day=1), pub, "year"
        if text.startswith(("last", "previous")) and "the" not in text:
            if unit == "week":
                start = pub - dt.timedelta(days=pub.weekday() + 7)
                return start, start + dt.timedelta(days=6), "week"
            if unit == "month":
                previous = pub.replace(day=1) - dt.timedelta(days=1)
                start, end = _month_range(previous.year, previous.month)
                return start, end, "month"
            return dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31), "year"
        return _shift(pub, -1, unit), pub, unit
    if kind == "ago":
        date = _shift(pub, -_number(g[0]), g[1])
        precision = {"day": "day", "week": "week", "month": "month", "year": "year"}[g[1]]
        return date, date, precision
    return None


def find_time_expressions(text: str, published: dt.date | None) -> list[TimeExpression]:
    """Resolved time expressions in *text*, left to right, without overlaps (remembered
    for recent (text, published) pairs: a sentence's dates are asked for several times)."""
    return list(_time_expressions(text, published))


@lru_cache(maxsize=4096)
def _time_expressions(text: str, published: dt.date | None) -> tuple[TimeExpression, ...]:
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    anchors: list[tuple[re.Match[str], str]] = []
    searched = text.translate(_ASCII_FOLD) if _FOLDS_TO_ASCII.search(text) else text
    low = searched.lower()
    for kind, pattern in PATTERNS:
        if not any(word in low for word in NEEDLES[kind]):
            continue
        for m in pattern.finditer(searched):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if kind == "offset_anchor":
                anchors.append((m, m.group(3).lower()))
                taken.append((m.start(), m.end()))
                continue
            resolved = _resolve(kind, m, published)
            if resolved is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(TimeExpression(m.start(), m.end(), text[m.start():m.end()],
                                        *resolved))
    found.sort(key=lambda e: e.start)
    for m, direction in anchors:  # "two days after <X with a date>"
        later = [e for e in found if e.start >= m.end() and e.date_start is not None]
        if not later or direction == "since":
            continue
        n = _number(m.group(1)) * (1 if direction == "after" else -1)
        anchor = later[0]
        date = _shift(anchor.date_start, n, m.group(2))
        found.append(TimeExpression(m.start(), anchor.end, text[m.start():anchor.end],
                                    date, date, anchor.precision))
        found.remove(anchor)
    found.sort(key=lambda e: e.start)
    return tuple(found)


def claim_date(text: str, published: dt.date | None
               ) -> tuple[dt.date | None, dt.date | None, str, str | None]:
    """(start, end, precision, expression) for a claim made in sentence *text*.

    The first resolved expression wins; with none, the claim is dated by the
    publication day (precision ``day``), or ``unknown`` without one.
    """
    for expression in find_time_expressions(text, published):
        if expression.date_start is not None:
            return expression.date_start, expression.date_end, expression.precision, \
                expression.text
    if published is None:
        return None, None, "unknown", None
    return published, published, "day", None
