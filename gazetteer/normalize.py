"""Name normalisation: the rules that make spelling variants meet.

Two layers, both pure functions:

``fold(text)``
    Unicode NFKD, diacritics removed, case folded, apostrophes and soft-sign
    marks dropped, punctuation turned into single spaces.
``name_key(text)``
    ``fold`` plus a light phonetic skeleton shared by the index and every
    query, so that transliteration systems meet:

    * ``kh`` -> ``h`` (Kharkov / Harkov), ``w`` -> ``v`` (Charkiw / Kyjiw),
    * ``y`` and ``j`` -> ``i`` (Kyiv / Kijiv; Malaya / Malaja / Malaia),
    * runs of one letter, and doubled ``zh``/``sh``/``ch``, collapse
      (Zaporizhzhia / Zaporizhia; -skiy / -skyi / -sky / -skii),
    * a word-final ``ie`` -> ``e`` (Zaporozhye / Zaporozhe; -oye / -oe).

Cyrillic is never compared directly: :func:`name_keys` turns a Cyrillic name
into the keys of all its transliterations (:mod:`gazetteer.translit`).

``parse_query(text)``
    Splits off region words ("Kursk region", "the Kursk area", "Sumy Oblast")
    and feature words ("Enerhodar village", "Avdiivka town", "Kiev city"),
    returning the core name and a kind hint. Facility words ("Donetsk
    International airport", "Marynivka border checkpoint") leave the place
    the facility is named after, with the hint ``facility``: the answer is that
    settlement, which the facility is near, never a point invented for it.
    Parenthetical remarks ("Hranitne village (Volnovakha raion)") are dropped.

Every function here is idempotent where that makes sense:
``name_key(name_key(x)) == name_key(x)`` and ``fold(fold(x)) == fold(x)``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from gazetteer import translit

_SPECIAL = str.maketrans(
    {
        "ß": "ss", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae",
        "œ": "oe", "Œ": "oe", "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i",
        "ŀ": "l", "ħ": "h", "ʹ": None, "ʺ": None, "’": None, "‘": None, "ʼ": None,
        "ʻ": None, "`": None, "´": None, "'": None, "ʽ": None, "″": None, "′": None,
        "\u00ad": None,
    }
)
_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_RUNS = re.compile(r"(.)\1+")
_DIGRAPH_RUNS = re.compile(r"(zh|sh|ch)\1+")
_FINAL_IE = re.compile(r"ie\b")


def fold(text: str) -> str:
    """Fold case, diacritics, apostrophes and punctuation; drop format characters
    (Unicode category Cf: zero-width spaces and joiners, soft hyphens, direction marks).

    >>> fold("Sudža")
    'sudza'
    >>> fold("Kam'ianets-Podilskyi")
    'kamianets podilskyi'
    """
    if text.isascii():  # the common case: no diacritics, no Cyrillic
        return _NON_ALNUM.sub(" ", text.lower().translate(_SPECIAL)).strip()
    if not text.isprintable():  # format characters (zero-width space, joiners, marks)
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = unicodedata.normalize("NFC", text).casefold().translate(_SPECIAL)
    out = []
    for ch in text:
        if "\u0400" <= ch <= "\u04ff":  # Cyrillic keeps й, ё, ї: transliteration needs them
            out.append(ch)
            continue
        decomposed = unicodedata.normalize("NFKD", ch)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    stripped = "".join(out).translate(_SPECIAL).casefold()
    return _NON_ALNUM.sub(" ", stripped).strip()


def _skeleton(folded: str) -> str:
    s = folded.replace("kh", "h").replace("w", "v").replace("y", "i").replace("j", "i")
    if "h" in s:
        s = _DIGRAPH_RUNS.sub(r"\1", s)
    while True:  # until nothing changes, so that the key of a key is itself
        before = s
        s = _RUNS.sub(r"\1", s)
        if "ie" in s:
            s = _FINAL_IE.sub("e", s)
        if s == before:
            return s


def name_key(text: str) -> str:
    """The index key of a Latin-script name (see the module docstring).

    >>> name_key("Zaporizhzhia") == name_key("Zaporizhzhya")
    True
    """
    return _skeleton(fold(text))


def name_keys(text: str) -> list[str]:
    """Keys of a name in any script: one per distinct transliteration."""
    keys: dict[str, None] = {}
    for reading in translit.variants(text):
        key = name_key(reading)
        if key:
            keys.setdefault(key, None)
    return list(keys)


# --- query phrases ---------------------------------------------------------

REGION_WORDS = (
    "region", "oblast", "oblasti", "province", "area", "krai", "kray", "territory",
    "governorate", "voivodeship", "state", "autonomous republic", "republic",
)
FEATURE_WORDS = (
    "special republican city", "city municipality", "urban type settlement",
    "urban settlement", "settlement", "village", "town", "city", "hamlet", "township",
    "smt", "selo", "khutor", "posyolok", "posyolok gorodskogo tipa", "raion center",
)
FACILITY_WORDS = (
    "international airport", "airport", "airfield", "air base", "airbase",
    "international border checkpoint", "border checkpoint", "border post", "border crossing",
    "checkpoint", "crash site", "railway station", "train station", "bus station",
    "nuclear power plant", "power plant", "power station", "thermal power plant", "port",
    "seaport", "bridge", "dam", "market", "industrial zone", "outskirts", "suburbs",
)
_FACILITY_TAIL = re.compile(
    r"\s+(?:" + "|".join(sorted(FACILITY_WORDS, key=len, reverse=True)) + r")$"
)
_PARENTHETICAL = re.compile(r"\s*\([^)]*\)\s*")
_LEADING = re.compile(
    r"^(?:the\s+)?(?:(?:village|town|city|settlement|hamlet|region|province|oblast|state"
    r"|county|prefecture|republic|governorate)\s+of\s+"
    r"|(?:stantsiya|stantsiia|station|selo|posyolok|khutor)\s+)?",
)
_REGION_TAIL = re.compile(r"\s+(?:" + "|".join(sorted(REGION_WORDS, key=len, reverse=True)) + r")$")
_FEATURE_TAIL = re.compile(
    r"\s+(?:" + "|".join(sorted(FEATURE_WORDS, key=len, reverse=True)) + r")$"
)
_REGION_HEAD = re.compile(r"^(?:oblast|region|province)\s+")


# Phrase words and the kind they name, tried in this order (patterns are anchored).
_KIND_PHRASES = ((_REGION_TAIL, "admin1"), (_REGION_HEAD, "admin1"),
                 (_FEATURE_TAIL, "settlement"), (_FACILITY_TAIL, "facility"))

# First and last words that can start or end a phrase the parser rewrites (a fast path).
_LEADING_WORDS = frozenset({"the", "village", "town", "city", "settlement", "hamlet", "region",
                            "province", "oblast", "state", "county", "prefecture", "republic",
                            "governorate", "stantsiya", "stantsiia", "station", "selo",
                            "posyolok", "khutor"})
_TAIL_WORDS = frozenset(p.split()[-1] for p in (*REGION_WORDS, *FEATURE_WORDS, *FACILITY_WORDS))


def key_of_folded(folded: str) -> str:
    """:func:`name_key` of text that :func:`fold` already folded."""
    return _skeleton(folded)


class ParsedQuery(NamedTuple):
    """A query split into its core name and what its phrasing says of the kind."""

    original: str
    folded: str
    core: str
    kind_hint: str | None  # "admin1", "settlement", "facility" (a site near a place) or None

    @property
    def changed(self) -> bool:
        """True when region or feature words were removed."""
        return self.core != self.folded


def parse_query(text: str) -> ParsedQuery:
    """Split a place phrase into a core name and a kind hint.

    >>> parse_query("the Kursk region").core, parse_query("the Kursk region").kind_hint
    ('kursk', 'admin1')
    >>> parse_query("Enerhodar village").kind_hint
    'settlement'
    """
    if "(" in text:
        text = _PARENTHETICAL.sub(" ", text).strip() or text
    folded = fold(text) if not translit.has_cyrillic(text) else fold(_latinise(text))
    words = folded.split()
    if words and words[0] not in _LEADING_WORDS and words[-1] not in _TAIL_WORDS:
        return ParsedQuery(original=text, folded=folded, core=folded, kind_hint=None)
    core = _LEADING.sub("", folded)
    hint: str | None = None
    if len(core.split()) > 1:  # the first phrase word that matches names the kind
        for pattern, kind in _KIND_PHRASES:
            if pattern.search(core):
                core, hint = pattern.sub("", core), kind
                break
    if not core:
        core = folded
    return ParsedQuery(original=text, folded=folded, core=core, kind_hint=hint)


def _latinise(text: str) -> str:
    """Read Cyrillic region words ("область", "район") as Latin for parsing."""
    replacements = {
        "область": "oblast", "обл": "oblast", "регион": "region", "край": "krai",
        "село": "village", "город": "city", "місто": "city", "селище": "settlement",
    }
    words = text.split()
    return " ".join(replacements.get(w.lower().strip("."), w) for w in words)
