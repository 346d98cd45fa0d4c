# ruff: noqa: SIM905  (word lists read best as split strings)
"""The language of an article: declared (manifest, front matter, JSON Lines) or detected.

Rules:

1. A declared ``language`` wins when it names a supported language (``en``, ``ru``,
   ``uk``; ``English``, ``русский``, ``ua``, ``ukr`` ... are read too). A declared
   language geomap does not read is ``unsupported``.
2. Otherwise the text is detected offline with lingua (``lingua-language-detector``,
   whose models ship in the wheel), paragraph by paragraph, among English, Russian,
   Ukrainian and a few neighbours (Belarusian, Bulgarian, German, French, Spanish,
   Polish) so that a text in another language is recognised as such rather than
   forced into one of ours. Each script has its own detector, in lingua's low-accuracy
   mode (trigram models: about 0.5 s and 80 MB to load instead of 9 s and 210 MB). Short
   paragraphs in Cyrillic are settled by letters only one of the two languages has
   (і ї є ґ for Ukrainian; ы э ъ ё for Russian); short paragraphs in Latin script (under
   :data:`SHORT_PARAGRAPH_LETTERS` letters: headlines, feed snippets, full of place names
   the trigram models misread) by function words when two or more of one language and
   twice as many as of any other are there ("the", "of", "did", "not" for English).
3. The article's language is the one with most letters. When another supported
   language holds at least :data:`MIXED_SHARE` of the letters, the status is ``mixed``
   (the main language is analysed; a warning says so). A main language geomap does not
   read is ``unsupported``; text in Latin script that reads as transliterated Russian or
   Ukrainian ("VSU otstupili iz Sudzhi") is ``unsupported`` too, with that reason. Such
   articles give no claims, and always a warning: never silently nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SUPPORTED = ("en", "ru", "uk")
MIXED_SHARE = 0.25
_ALIASES = {
    "en": "en", "eng": "en", "english": "en", "англ": "en", "английский": "en",
    "ru": "ru", "rus": "ru", "russian": "ru", "русский": "ru", "російська": "ru",
    "uk": "uk", "ua": "uk", "ukr": "uk", "ukrainian": "uk", "українська": "uk",
    "украинский": "uk",
}
_NAMES = {"en": "English", "ru": "Russian", "uk": "Ukrainian"}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_UK_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RU_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_WORD = re.compile(r"[A-Za-z']+")
#: Words of transliterated Russian/Ukrainian news that English does not use.
TRANSLIT_WORDS = frozenset(
    "v na i ne po iz dlya chto eto soobshchil soobshchili zayavil zayavili voyska voiska "
    "vsu zsu rayone raione oblasti protivnik vorog bliz pod boi bii ataki ataku "
    "naselennyy naselenyi punkt osvobodili zvilnyly otrazili vidbyly minoborony genshtab "
    "nashi podrazdeleniya gruppirovki gruppirovka napravlenii napryamku sutki doby "
    "tryvayut idut idet".split())
_ENGLISH_STOPWORDS = frozenset("the of and to in a is was that for on with by from said "
                               "have has are were it its as at".split())
#: Frequent function words of the Latin-script languages told apart (rule 2's short
#: paragraphs), and English words of war reporting; none shared between two of them.
_FUNCTION_WORDS = {
    "en": frozenset("the of and to is was that for with by from said have has are were "
                    "its as at did not their near after "
                    # war reporting's own English words, in no other of these languages
                    "says claims claimed troops captured seized took liberated advanced "
                    "russian ukrainian military ministry defence defense attack attacks "
                    "shelling drone drones struck repelled".split()),
    "de": frozenset("der die das und ist nicht mit von den dem des ein eine auf im sich "
                    "nach bei".split()),
    "fr": frozenset("le la les des et est une dans pour par sur au aux du pas qui que".split()),
    "es": frozenset("el los las y en que por con una del al se no es".split()),
    "pl": frozenset("i w na z się nie że do jest przez od po dla".split()),
}
#: Below this many letters, a Latin-script paragraph is settled by its function words
#: when they clearly say one language (lingua's trigram mode misreads short texts full of
#: place names: "Russian forces captured Novotroitske, edging closer to Pokrovsk.").
SHORT_PARAGRAPH_LETTERS = 300


@dataclass(frozen=True, slots=True)
class LanguageVerdict:
    """An article's language code (``en``/``ru``/``uk`` or None), its status and why.

    ``status`` is ``declared``, ``detected``, ``mixed``, ``unsupported`` or
    ``undetermined``; ``analysable`` says whether geomap reads the article.
    """

    code: str | None
    status: str
    detail: str = ""

    @property
    def analysable(self) -> bool:
        """True when the article is read by one of geomap's pipelines."""
        return self.code in SUPPORTED and self.status in ("declared", "detected", "mixed")

    def warning(self) -> str | None:
        """The one-line warning for this verdict, or None when there is nothing to say."""
        if self.status == "mixed":
            return f"mixed languages ({self.detail}): read as {_NAMES[self.code]}"
        if self.status in ("unsupported", "undetermined"):
            return f"language {self.status} ({self.detail}): no claims extracted"
        return None


def normalise_code(value: object) -> str | None:
    """``en``/``ru``/``uk`` for a declared language name or code, the lowered text for
    another language, None when empty. ``ru-RU``, ``uk_UA``, ``English`` are read."""
    if value is None:
        return None
    text = str(value).strip().lower().replace("_", "-")
    if not text:
        return None
    return _ALIASES.get(text) or _ALIASES.get(text.split("-")[0]) or text


@lru_cache(maxsize=2)
def _detector(cyrillic: bool):
    """lingua among the languages of one script (fewer models to load, and faster)."""
    from lingua import Language, LanguageDetectorBuilder

    languages = (Language.RUSSIAN, Language.UKRAINIAN, Language.BELARUSIAN,
                 Language.BULGARIAN) if cyrillic else (
        Language.ENGLISH, Language.GERMAN, Language.FRENCH, Language.SPANISH, Language.POLISH)
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _code(language) -> str:
    return language.iso_code_639_1.name.lower()


def _paragraph_language(text: str) -> str | None:
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if cyrillic + latin == 0:
        return None
    if cyrillic > latin and cyrillic < 40:
        uk, ru = len(_UK_ONLY.findall(text)), len(_RU_ONLY.findall(text))
        if uk != ru:
            return "uk" if uk > ru else "ru"
    if latin > cyrillic and _looks_transliterated(text):
        return "translit"
    if latin > cyrillic and latin < SHORT_PARAGRAPH_LETTERS:
        by_words = _function_word_language(text)
        if by_words is not None:
            return by_words
    found = _detector(cyrillic > latin).detect_language_of(text)
    return _code(found) if found is not None else None


def _function_word_language(text: str) -> str | None:
    """The language whose function words (:data:`_FUNCTION_WORDS`) a short Latin-script
    text holds at least two of and at least twice as many as any other's; else None."""
    words = [w.lower() for w in _WORD.findall(text)]
    counts = {code: sum(w in vocabulary for w in words)
              for code, vocabulary in _FUNCTION_WORDS.items()}
    best = max(counts, key=counts.get)
    runner_up = max(n for code, n in counts.items() if code != best)
    return best if counts[best] >= 2 and counts[best] >= 2 * runner_up else None


def _looks_transliterated(text: str) -> bool:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 4:
        return False
    translit = sum(w in TRANSLIT_WORDS for w in words)
    english = sum(w in _ENGLISH_STOPWORDS for w in words)
    return translit >= 0.2 * len(words) and english < 0.1 * len(words)


def detect_language(text: str) -> LanguageVerdict:
    """Detect the language of *text* (see the module docstring)."""
    if not isinstance(text, str):  # not text at all: the analysis reports it
        return LanguageVerdict(None, "undetermined", "no text to detect a language from")
    shares: dict[str, int] = {}
    for paragraph in re.split(r"\n\s*\n|\n(?=\S)", text):
        letters = sum(ch.isalpha() for ch in paragraph)
        if letters == 0:
            continue
        code = _paragraph_language(paragraph)
        if code is not None:
            shares[code] = shares.get(code, 0) + letters
    if not shares:
        return LanguageVerdict(None, "undetermined", "no letters to detect a language from")
    total = sum(shares.values())
    main = max(shares, key=shares.get)
    if main == "translit":
        return LanguageVerdict(None, "unsupported",
                               "transliterated Russian or Ukrainian in Latin script")
    if main not in SUPPORTED:
        return LanguageVerdict(main, "unsupported", f"detected {main!r}, which geomap does "
                               "not read (it reads en, ru, uk)")
    others = sorted(c for c, n in shares.items()
                    if c != main and c in SUPPORTED and n >= MIXED_SHARE * total)
    if others:
        parts = ", ".join(f"{c} {100 * shares[c] / total:.0f}%" for c in [main, *others])
        return LanguageVerdict(main, "mixed", parts)
    return LanguageVerdict(main, "detected", f"{100 * shares[main] / total:.0f}% {main}")


def article_language(declared: object, text: str) -> LanguageVerdict:
    """The verdict for an article: its declared language when there is one, else detected."""
    code = normalise_code(declared)
    if code is None:
        return detect_language(text)
    if code in SUPPORTED:
        return LanguageVerdict(code, "declared", f"declared {declared!r}")
    return LanguageVerdict(code, "unsupported", f"declared {declared!r}, which geomap does "
                           "not read (it reads en, ru, uk)")
