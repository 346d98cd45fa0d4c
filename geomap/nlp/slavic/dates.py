"""Russian and Ukrainian time expressions, resolved against the publication date.

Read, first match in the sentence wins: a full date ("12 августа 2024 года", "12 серпня",
"12.08.2024"; a day-month date later than publication is last year's), "в ночь на 12
августа" (the 11th to the 12th), a weekday ("в четверг", "у вівторок": the latest such day
on or before publication), "вчера"/"вчора"/"сегодня"/"сьогодні", the past night or day
("минувшей ночью", "за минувшие сутки", "минулої доби": the day before publication to
publication), "N дней назад"/"N днів тому", last week ("на прошлой неделе", "минулого
тижня": Monday to Sunday of the week before; precision ``week``), this week, last month.
Without any, a claim is dated by the publication day.
"""

from __future__ import annotations

import datetime as dt
import re

from geomap.nlp import lexicon_ru_uk as lex
from geomap.nlp.slavic.text import fold

Dated = tuple[dt.date | None, dt.date | None, str, str | None]

_MONTHS = "|".join(lex.MONTHS)
_FULL = re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})(?:\s+(\d{{4}}))?")
_NIGHT_OF = re.compile(rf"\bв ночь на\s+(\d{{1,2}})\s+({_MONTHS})|\bв ніч на\s+(\d{{1,2}})\s+"
                       rf"({_MONTHS})")
_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_WEEKDAY = re.compile(r"\b(?:в|во|у)\s+(?:(?:прошл\w+|минул\w+)\s+)?(" +
                      "|".join(re.escape(w) for w in lex.WEEKDAYS) + r")\b")
_AGO = re.compile(r"\b(\d+|" + "|".join(lex.NUMBER_WORDS) + r")\s+(\w+)\s+(?:" +
                  "|".join(lex.AGO_WORDS) + r")\b")
_WORD = re.compile(r"\b(" + "|".join(lex.DAY_WORDS) + r")\b")


def _year_for(day: int, month: int, year: str | None, pub: dt.date | None) -> dt.date | None:
    try:
        if year:
            return dt.date(int(year), month, day)
        if pub is None:
            return None
        date = dt.date(pub.year, month, day)
        return date if date <= pub + dt.timedelta(days=1) else date.replace(year=pub.year - 1)
    except ValueError:
        return None


def find_date(sentence: str, pub: dt.date | None) -> Dated:
    """(start, end, precision, expression) for a claim in *sentence*; see the module doc."""
    low = fold(sentence)
    m = _NIGHT_OF.search(low)
    if m:
        day, month = m.group(1) or m.group(3), m.group(2) or m.group(4)
        date = _year_for(int(day), lex.MONTHS[month], None, pub)
        if date:
            return date - dt.timedelta(days=1), date, "day", m.group(0)
    m = _NUMERIC.search(low)
    if m:
        try:
            date = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return date, date, "day", m.group(0)
        except ValueError:
            pass
    m = _FULL.search(low)
    if m:
        date = _year_for(int(m.group(1)), lex.MONTHS[m.group(2)], m.group(3), pub)
        if date:
            return date, date, "day", m.group(0)
    if pub is None:
        return None, None, "unknown", None
    m = _WEEKDAY.search(low)
    if m:
        back = (pub.weekday() - lex.WEEKDAYS[m.group(1)]) % 7
        if "прошл" in m.group(0) or "минул" in m.group(0):
            back = back or 7
        date = pub - dt.timedelta(days=back)
        return date, date, "day", m.group(0)
    for phrase in lex.LAST_WEEK:
        if phrase in low:
            start = pub - dt.timedelta(days=pub.weekday() + 7)
            return start, start + dt.timedelta(days=6), "week", phrase
    for phrase in lex.THIS_WEEK:
        if phrase in low:
            return pub - dt.timedelta(days=pub.weekday()), pub, "week", phrase
    for phrase in lex.LAST_MONTH:
        if phrase in low:
            end = pub.replace(day=1) - dt.timedelta(days=1)
            return end.replace(day=1), end, "month", phrase
    m = _AGO.search(low)
    if m and m.group(2) in lex.AGO_UNITS:
        number = int(m.group(1)) if m.group(1).isdigit() else lex.NUMBER_WORDS[m.group(1)]
        date = pub - dt.timedelta(days=number * lex.AGO_UNITS[m.group(2)])
        return date, date, "day" if lex.AGO_UNITS[m.group(2)] == 1 else "week", m.group(0)
    for phrase in lex.NIGHT_PHRASES:
        if phrase in low:
            return pub - dt.timedelta(days=1), pub, "day", phrase
    m = _WORD.search(low)
    if m:
        date = pub - dt.timedelta(days=lex.DAY_WORDS[m.group(1)])
        return date, date, "day", m.group(0)
    return pub, pub, "day", None


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(?:\s*(?:года|году|годом|год|року|році|рік|г\.|р\.))")
_PERIOD = re.compile(r"\b(?:в|во|у)\s+(" + "|".join(lex.MONTHS_LOCATIVE) + r")\b|\b(" +
                     "|".join(lex.SEASONS) + r")\b")


def history_end(sentence: str, pub: dt.date | None) -> dt.date | None:
    """Rule (session 9, long articles): the end of the latest period the sentence dates an
    event by (a month or season with its year, "того же года", "прошлого года", a year
    alone: "в феврале 2024 года", "весной", "у травні 2024 року", "в 2022 году"); None
    without one. Month and season without a year are this year's (last year's when they
    come after publication); "того же года" is the year the sentence named before it, or,
    with none, last year."""
    if pub is None:
        return None
    low = fold(sentence)
    ends: list[dt.date] = []
    for match in _PERIOD.finditer(low):
        first, last = (lex.MONTHS_LOCATIVE[match.group(1)],) * 2 if match.group(1) else \
            lex.SEASONS[match.group(2)]
        after = low[match.end():match.end() + 24]
        year = _YEAR.match(after.lstrip())
        named = [int(y) for y in _YEAR.findall(low[:match.start()])]
        if year:
            value = int(year.group(1))
        elif after.lstrip().startswith(lex.SAME_YEAR_WORDS):
            value = named[-1] if named else pub.year - 1
        elif after.lstrip().startswith(lex.LAST_YEAR_WORDS):
            value = pub.year - 1
        else:
            value = pub.year if first <= pub.month or after.lstrip().startswith(
                lex.THIS_YEAR_WORDS) else pub.year - 1
        year_end, month_end = (value + 1, last - 12) if last > 12 else (value, last)
        ends.append(dt.date(year_end, month_end, 28))
    if not ends:
        ends = [dt.date(int(y), 12, 31) for y in _YEAR.findall(low)]
    return max(ends) if ends else None

