"""Place names in Russian and Ukrainian sentences: spans, slots and their nominative forms.

**Spans**: runs of capitalised Cyrillic words ("Малой Локни", "Часовом Яру"; not in
«quotes», not before "направлении"/"напрямку"/"районе"/"группировки": directions,
districts, units), a
capitalised adjective with a region noun ("Курской области", "Сумській області"), and
regional nicknames ("Курщина", "на Сумщині", "ДНР"). Names of sides, institutions,
months and weekdays (:data:`geomap.nlp.lexicon_ru_uk.NOT_PLACES`), and a sentence's first
word when the dictionary knows it as a common word, are never places.

**Slots**: after "населённый пункт", "село", "селище" ... the name is in the nominative
(``settlements-of``); after "в районе", "под", "у", "біля", "поблизу" it is ``near``; after a
capture verb ``object``; after "в"/"на" ``in``; names listed after a slotted name ("у
Білої, Гуєва та Плехова") share its slot.

**Lemmas** (:func:`nominative`): each word yields nominative candidates: the surface form
(first when a slot says it is nominative), pymorphy3's lemma for a parse tagged as a
place (``Geox``), adjectives put into the nominative of each gender, and case endings
replaced by nominative ones (``-ей`` → ``-я``/``-а``, ``-ої`` → ``-а``, ``-ові`` → ``-ів``
...). Both words of a two-word name inflect, so their candidates are combined. The
first combination the gazetteer knows in Russia or Ukraine wins (``verified``); if none,
the best guess is kept and the place is resolved only in a strong slot (then placed
approximately at its region by :mod:`geomap.nlp.places`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from gazetteer import Gazetteer
from geomap.nlp import lexicon_ru_uk as lex
from geomap.nlp.slavic.text import Sentence, Token
from geomap.nlp.toponyms import ToponymSpan

DOMAIN_COUNTRIES = ("RU", "UA")
MAX_NAME_CHARS = 40  # a longer "word" is no place name (and would cost look-ups)
MAX_ALTERNATIVES = 6  # nominative forms kept for a namesake near the article's places
_ENDINGS: dict[str, tuple[str, ...]] = {
    "ей": ("я", "а", "ь"), "ой": ("а", "ая", "ой", "ый", "ий"), "ою": ("а", "я"),
    "ої": ("а",), "ій": ("а", "ий", "ій"), "ую": ("ая",), "ую'": (), "у": ("а", ""),
    "ю": ("я", "ь"), "и": ("а", "я", "ь", "ы"), "і": ("а", "я", "е", ""), "ы": ("а",),
    "е": ("а", "я", "о", ""), "ом": ("", "о"), "ем": ("е", "ь"), "а": ("", "о", "е"),
    "я": ("ь", "е"), "ого": ("ое", "ий", "ый", "е", ""), "ому": ("ое", "ий", "е", ""),
    "ым": ("ое", "ый"), "им": ("", "ий", "е"), "ім": ("е", ""), "ах": ("и", "ы", "а"), "ях": ("и",),
    "ові": ("ів", "ов"), "єві": ("їв",), "ова": ("ів", "ов", "ова"), "ій'": (),
    "ей'": (), "ой'": (), "ої'": (), "ом'": (),
}
_GENDERS = ("femn", "masc", "neut")


class SlavicSpan(ToponymSpan):
    """A :class:`~geomap.nlp.toponyms.ToponymSpan` whose query is its nominative form."""

    __slots__ = ("alternatives", "lemma", "verified")

    def __init__(self, *args, lemma: str = "", verified: bool = False,
                 alternatives: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.lemma = lemma
        self.verified = verified
        self.alternatives = alternatives  # other nominative forms, best first

    @property
    def query(self) -> str:
        """The nominative form chosen for the gazetteer."""
        return self.lemma or self.text


@lru_cache(maxsize=2)
def morph(lang: str):
    """pymorphy3's analyser for ``ru`` or ``uk`` (loaded once per process)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def _cap(word: str, like: str) -> str:
    if not word:
        return word
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-")) \
        if like[:1].isupper() else word


@lru_cache(maxsize=50_000)
def word_forms(word: str, lang: str, nominative: bool) -> tuple[tuple[str, int], ...]:
    """Nominative candidates of one word with a rank (lower first); see the module doc."""
    forms: dict[str, int] = {}

    def add(form: str, rank: int) -> None:
        form = _cap(form, word)
        if form and (form not in forms or forms[form] > rank):
            forms[form] = rank

    add(word, 0 if nominative else 3)
    low = word.lower()
    for parse in morph(lang).parse(word)[:4]:
        tag = parse.tag
        grammemes = tag.grammemes
        if "Geox" in grammemes:
            add(parse.normal_form, 0)
        if tag.POS in ("ADJF",):
            for gender in _GENDERS:
                inflected = parse.inflect({"nomn", "sing", gender})
                if inflected is not None:
                    add(inflected.word, 1)
        if tag.POS == "NOUN" and not grammemes & {"Name", "Surn"}:
            add(parse.normal_form, 2)
    for size in (3, 2, 1):
        ending = low[-size:]
        if len(low) > size + 2 and ending in _ENDINGS:
            for replacement in _ENDINGS[ending]:
                add(word[:-size] + replacement, 2)
    if lang == "uk":
        for form, rank in list(forms.items()):
            if form.endswith("ов"):
                add(form[:-2] + "ів", rank + 1)
    return tuple(sorted(forms.items(), key=lambda kv: kv[1]))


@dataclass(slots=True)
class Lemma:
    """The nominative form of a name and whether the gazetteer knows it in RU/UA."""

    text: str
    verified: bool
    alternatives: tuple[str, ...] = ()  # the next best forms (not looked up)


def in_domain(gaz: Gazetteer, query: str, *, region: bool = False) -> bool:
    """True when *query* names (exactly, not fuzzily) a place in Russia or Ukraine."""
    try:
        found = gaz.lookup(query, limit=5)
    except ValueError:
        return False
    return any(not c.fuzzy and c.country in DOMAIN_COUNTRIES and
               (c.kind == "admin1") == region for c in found)


def nominative(words: list[str], lang: str, gaz: Gazetteer, *, nominative_slot: bool,
               region: bool = False, cache: dict | None = None) -> Lemma:
    """The nominative of a (multi-word) name, verified against the gazetteer when possible."""
    key = (tuple(words), lang, nominative_slot, region)
    if cache is not None and key in cache:
        return cache[key]
    options = [word_forms(w, lang, nominative_slot)[:8] for w in words]
    combos = sorted(itertools.product(*options), key=lambda c: sum(r for _, r in c))[:40]
    suffix = " область" if region else ""
    answer = None
    for combo in combos:
        text = " ".join(f for f, _ in combo) + suffix
        if in_domain(gaz, text, region=region):
            answer = Lemma(text, True)
            break
    if answer is None:
        answer = Lemma(" ".join(f for f, _ in combos[0]) + suffix, False)
    answer.alternatives = tuple(t for t in (" ".join(f for f, _ in c) + suffix
                                            for c in combos[:MAX_ALTERNATIVES])
                                if t != answer.text)
    if lang == "ru" and not region:  # "Раздольное" is also written "Роздольне"
        spelled = ukrainian_spelling(answer.text)
        if spelled != answer.text and spelled not in answer.alternatives:
            answer.alternatives += (spelled,)
    if cache is not None:
        cache[key] = answer
    return answer


_UK_ENDINGS = (("ное", "не"), ("вое", "ве"), ("кое", "ке"), ("ое", "е"), ("ая", "а"),
               ("ый", "ий"), ("еевка", "іївка"), ("овка", "івка"), ("ово", "ове"))


def ukrainian_spelling(name: str) -> str:
    """The Ukrainian spelling of a Russian place name by the regular correspondences
    (the prefix "Раз-"/"Рас-" is "Роз-", neuter and feminine adjective endings "-ное",
    "-ое", "-ая" are "-не", "-е", "-а", "-ый" is "-ий", "-еевка", "-овка", "-ово" are
    "-іївка", "-івка", "-ове", "ы" is "и", "ё"/"э" are "е"): "Раздольное" -> "Роздольне",
    "Новая Полтавка" -> "Нова Полтавка", "Плещеевка" -> "Плещіївка". A name the rules do
    not touch comes back unchanged."""
    words = []
    for word in name.split():
        for prefix in ("Раз", "Рас"):
            if word.startswith(prefix) and len(word) > 5:
                word = "Роз" + word[3:]
        for ending, replacement in _UK_ENDINGS:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                word = word[: -len(ending)] + replacement
                break
        words.append(word.replace("ы", "и").replace("ё", "е").replace("э", "е"))
    return " ".join(words)


def _is_name_word(token: Token) -> bool:
    text = token.text
    letters = text.replace("-", "").replace("'", "").replace("ʼ", "")
    return (1 < len(text) <= MAX_NAME_CHARS and text[0].isupper() and letters.isalpha()
            and any("\u0400" <= ch <= "\u04ff" for ch in text)
            and token.low not in lex.NOT_PLACES
            # a sentence's first word: "Поблизу Часового Яру ..."
            and token.low not in lex.NEAR_PREPOSITIONS and token.low not in lex.PLACE_PREPOSITIONS)


def _common_word(token: Token, lang: str) -> bool:
    parses = morph(lang).parse(token.text)
    return bool(parses) and parses[0].is_known and not (
        parses[0].tag.grammemes & {"Geox", "Name", "Surn", "Abbr"})


def _not_a_place(tokens: list[Token], i: int, j: int) -> bool:
    """A name in «quotes» (a unit or operation) or an adjective before "направлении",
    "районе", "группировки" (a direction, district or group of forces), or before an
    institution ("Сумська ОВА", "Сумська обласна військова адміністрація")."""
    if (i > 0 and tokens[i - 1].text in ("«", '"', "„", "“")) or \
            (j < len(tokens) and tokens[j].text in ("»", '"', "“", "”")):
        return True
    return j < len(tokens) and (tokens[j].low.startswith(lex.NOT_PLACE_HEADS) or
                                tokens[j].low in lex.INSTITUTION_ABBREVIATIONS)


def _district_after(tokens: list[Token], j: int) -> bool:
    """Token *j* is a district noun ("района", "округа", "району", "громади") and the word
    before it an adjective in the genitive ("Климовского", "Шебекинского",
    "Покровського"): that word names the district, not the place before it."""
    return j < len(tokens) and tokens[j].low.startswith(lex.DISTRICT_NOUNS) and \
        tokens[j - 1].low.endswith(lex.DISTRICT_ADJECTIVE_ENDINGS)


def _republic(tokens: list[Token], i: int) -> int:
    """The number of words of "Донецкой Народной Республики" (2 or 3: "Луганська
    народна республіка", "Донецкой Народной") starting at token *i*, else 0."""
    if i + 1 >= len(tokens) or not tokens[i + 1].low.startswith(lex.REPUBLIC_WORDS[0]) or \
            not any(tokens[i].low.startswith(k) for k in lex.PEOPLES_REPUBLICS):
        return 0
    return 3 if i + 2 < len(tokens) and \
        tokens[i + 2].low.startswith(lex.REPUBLIC_WORDS[1:]) else 2


def relative(tokens: list[Token], i: int) -> tuple[float | None, float | None] | None:
    """(bearing, km) when the words before token *i* put its place as a reference point
    (session 7): "на подступах к X", "на околицях X", "в направлении X" (neither), "на 2 км
    западнее X" (270°, 2 km), "к северу от X", "на північ від X", "в 5 км от X"; else None."""
    prev = [t.low for t in tokens[max(0, i - 5):i]]
    if len(prev) >= 2 and (prev[-2], prev[-1]) in lex.APPROACH_WORDS:
        return None, None
    bearing, at = None, len(prev) - 1
    if prev and prev[-1] in lex.BEARING_WORDS:
        bearing = lex.BEARING_WORDS[prev[-1]]
    elif len(prev) >= 3 and prev[-1] in ("от", "від") and \
            f"{prev[-3]} {prev[-2]}" in lex.BEARING_NOUNS:  # "на північний схід від X"
        bearing, at = lex.BEARING_NOUNS[f"{prev[-3]} {prev[-2]}"], len(prev) - 3
    elif len(prev) >= 2 and prev[-1] in ("от", "від") and prev[-2] in lex.BEARING_NOUNS:
        bearing, at = lex.BEARING_NOUNS[prev[-2]], len(prev) - 2
    elif len(prev) >= 2 and prev[-1] in ("от", "від") and prev[-2] in lex.DISTANCE_UNITS:
        pass  # "в 5 км от X": the unit right before "от"
    else:
        return None
    if bearing is not None and at < len(prev) - 1 and at >= 1 and prev[at - 1] in ("к", "на"):
        at -= 1  # "в 5 км к северу от X", "на 2 км на північ від X"
    distance = None
    unit = at - 1
    if unit >= 1 and prev[unit] in lex.DISTANCE_UNITS and \
            re.fullmatch(r"\d+(?:[.,]\d+)?", prev[unit - 1]):
        distance = float(prev[unit - 1].replace(",", "."))
    if bearing is None and distance is None:
        return None
    return bearing, distance


def _slot(tokens: list[Token], i: int) -> tuple[str | None, bool]:
    """(slot, nominative) from the words before token *i*."""
    for back in (1, 2):
        if i - back < 0:
            return None, False
        prev = tokens[i - back].low
        if prev in lex.APPOSITION:
            return "settlements-of", True
        if prev in lex.NEAR_WORDS or prev in lex.NEAR_PREPOSITIONS:
            return "near", False
        if back == 1 and any(prev.startswith(s) for s in ("освобод", "звільн", "захват",
                                                          "захоп", "овладе")):
            return "object", False
        if prev in lex.PLACE_PREPOSITIONS:
            return "in", False
        if back == 1 and prev not in (",", "и", "і", "та", "й"):
            break
    return None, False


def find_spans(sent: Sentence, sent_index: int, lang: str, gaz: Gazetteer,
               cache: dict) -> list[SlavicSpan]:
    """The candidate place spans of one sentence (see the module docstring)."""
    tokens = sent.tokens
    spans: list[SlavicSpan] = []
    i = 0
    last_slot: tuple[str | None, bool, int] = (None, False, -9)
    while i < len(tokens):
        token = tokens[i]
        nickname = next((v for k, v in lex.REGION_NICKNAMES.items() if token.low.startswith(k)),
                        None)
        if token.text in ("ДНР", "ЛНР"):
            nickname = "Донецкая область" if token.text == "ДНР" else "Луганская область"
        size = _republic(tokens, i)
        if size:
            nickname = next(v for k, v in lex.PEOPLES_REPUBLICS.items()
                            if token.low.startswith(k))
        if nickname is not None:
            spans.append(_span(tokens, i, i + max(size, 1), sent_index, nickname, True,
                               "admin1", "in"))
            i += max(size, 1)
            continue
        if not _is_name_word(token) or any(token.low.startswith(a)
                                           for a in lex.SIDE_ADJECTIVES) or (
                _opens_a_quote(tokens, i) and _common_word(token, lang)):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and j - i < 3 and _is_name_word(tokens[j]) and \
                not tokens[j].text.isupper() and \
                not _republic(tokens, j):  # "Белая Гора ДНР": the region is apart
            j += 1
        district = j - i >= 2 and _district_after(tokens, j)
        if district:  # "село Сушаны Климовского района": the village, then its district
            j -= 1
        if _not_a_place(tokens, i, j):
            i = j
            continue
        region_nouns = lex.REGION_NOUNS[lang][1] | lex.REGION_NOUNS["ru"][1]
        region_span = None
        if j < len(tokens) and tokens[j].low in region_nouns:  # "Горналь Курской области"
            lemma = nominative([tokens[j - 1].text], lang, gaz, nominative_slot=False,
                               region=True, cache=cache)
            region_span = _span(tokens, j - 1, j + 1, sent_index, lemma.text, lemma.verified,
                                "admin1", "in")
            j -= 1
            if j == i:
                spans.append(region_span)
                i += 2
                continue
        if region_span is not None:
            spans.append(region_span)
        after = j + 2 if region_span is not None or district else j
        if i == 0 and j == i + 1 and _common_word(token, lang):
            i = after
            continue
        slot, nominative_slot = _slot(tokens, i)
        toward = relative(tokens, i)
        if toward is not None:
            slot = "relative"
        if slot is None and last_slot[0] is not None and i - last_slot[2] <= 2 and \
                i > 0 and tokens[i - 1].low in (",", "и", "і", "та", "й"):
            slot, nominative_slot = last_slot[0], last_slot[1]
        lemma = nominative([t.text for t in tokens[i:j]], lang, gaz,
                           nominative_slot=nominative_slot, cache=cache)
        if lemma.verified or slot in ("settlements-of", "near", "object"):
            spans.append(_span(tokens, i, j, sent_index, lemma.text, lemma.verified, None,
                               slot))
            spans[-1].alternatives = lemma.alternatives
            if toward is not None:
                spans[-1].bearing, spans[-1].distance_km = toward
            if slot is not None:
                last_slot = (slot, nominative_slot, j - 1)
        i = after
    return spans


def _opens_a_quote(tokens: list[Token], i: int) -> bool:
    """Rule (session 8): token *i* is the first word of a quotation ("доложил: «Зачистили X»",
    '"Зачистили X"'), capitalised because it opens the quote: a common word there is no
    part of a name."""
    return i > 0 and tokens[i - 1].text in ("«", '"', "„", "“", "'")


def _span(tokens: list[Token], i: int, j: int, sent_index: int, lemma: str, verified: bool,
          hint: str | None, slot: str | None) -> SlavicSpan:
    start, end = tokens[i].start, tokens[j - 1].end
    text = " ".join(t.text for t in tokens[i:j])
    span = SlavicSpan(0, i, j, start, end, text, sent_index, lemma=lemma, verified=verified)
    span.ner = "LOC" if verified else None
    span.hint = hint
    span.slot = slot
    if lemma != text:
        span.notes.append(f"read as {lemma!r}")
    return span
