"""Cyrillic to Latin transliteration under several systems.

Russian systems come from the `iuliia` package (BGN/PCGN, GOST 7.79 = ISO 9,
Wikipedia, ICAO Doc 9303, the French MVD 310 system). Ukrainian uses the
national system of 2010 (Cabinet of Ministers resolution No. 55), which iuliia
does not cover. Press spellings ("Sudja", "Suja", "Soudja") are produced by
reading дж as "dj" or "j".

All functions are pure and never raise on any ``str``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import iuliia

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")

RUSSIAN_SYSTEMS = ("bgn_pcgn", "gost_779", "wikipedia", "icao_doc_9303", "mvd_310_fr")

# Ukrainian national transliteration, 2010: (word-initial form, other form).
_UA_2010: dict[str, tuple[str, str]] = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("h", "h"), "ґ": ("g", "g"),
    "д": ("d", "d"), "е": ("e", "e"), "є": ("ye", "ie"), "ж": ("zh", "zh"), "з": ("z", "z"),
    "и": ("y", "y"), "і": ("i", "i"), "ї": ("yi", "i"), "й": ("y", "i"), "к": ("k", "k"),
    "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"), "о": ("o", "o"), "п": ("p", "p"),
    "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"), "ф": ("f", "f"),
    "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"), "ш": ("sh", "sh"),
    "щ": ("shch", "shch"), "ю": ("yu", "iu"), "я": ("ya", "ia"), "ь": ("", ""),
    "'": ("", ""), "’": ("", ""), "ʼ": ("", ""),
    # Russian letters met in Ukrainian-language text, read the Russian way.
    "ы": ("y", "y"), "э": ("e", "e"), "ё": ("yo", "io"), "ъ": ("", ""),
}


def has_cyrillic(text: str) -> bool:
    """Return True when *text* contains at least one Cyrillic character."""
    return bool(_CYRILLIC.search(text))


def ukrainian_2010(text: str) -> str:
    """Transliterate Ukrainian Cyrillic under the 2010 national system.

    >>> ukrainian_2010("Запоріжжя")
    'Zaporizhzhia'
    """
    out: list[str] = []
    at_word_start = True
    lower = text.lower()
    i = 0
    while i < len(text):
        ch, low = text[i], lower[i]
        if low == "з" and i + 1 < len(text) and lower[i + 1] == "г":
            piece = "zgh"
            i += 2
            out.append(piece.capitalize() if ch.isupper() else piece)
            at_word_start = False
            continue
        if low in _UA_2010:
            initial, other = _UA_2010[low]
            piece = initial if at_word_start else other
            out.append(piece.capitalize() if ch.isupper() and piece else piece)
            at_word_start = False
        else:
            out.append(ch)
            at_word_start = not ch.isalpha()
        i += 1
    return "".join(out)


@lru_cache(maxsize=64)
def _schema(name: str) -> iuliia.Schema:
    return iuliia.schemas.get(name)


def russian(text: str, system: str = "bgn_pcgn") -> str:
    """Transliterate Russian Cyrillic with one of :data:`RUSSIAN_SYSTEMS`."""
    if system not in RUSSIAN_SYSTEMS:
        raise ValueError(f"unknown system {system!r}; choose one of {RUSSIAN_SYSTEMS}")
    return _schema(system).translate(text)


def variants(text: str) -> list[str]:
    """All Latin readings of a Cyrillic name under the supported systems.

    A name with letters only Ukrainian has (і, ї, є, ґ) is read as Ukrainian;
    one with letters only Russian has (ы, э, ъ, ё) as Russian; otherwise both.
    Press readings of дж ("dj", "j") are added. Non-Cyrillic text is returned
    unchanged as the only variant.
    """
    if not has_cyrillic(text):
        return [text]
    readings: list[str] = []
    is_ukrainian = bool(_UKRAINIAN_ONLY.search(text))
    is_russian = bool(_RUSSIAN_ONLY.search(text))
    if not is_ukrainian:
        readings.extend(russian(text, system) for system in RUSSIAN_SYSTEMS)
        press = re.sub("дж", "j", text, flags=re.IGNORECASE)
        if press != text:
            readings.append(russian(press, "bgn_pcgn"))
            readings.append(russian(re.sub("дж", "dj", text, flags=re.IGNORECASE), "bgn_pcgn"))
    if not is_russian:
        readings.append(ukrainian_2010(text))
    seen: dict[str, None] = {}
    for reading in readings:
        if has_cyrillic(reading):  # a letter a system does not cover (ё in ICAO, say)
            reading = ukrainian_2010(reading)
        seen.setdefault(reading, None)
    return list(seen)
