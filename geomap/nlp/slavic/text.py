"""Russian and Ukrainian text as the rules see it: repaired, split into sentences and tokens.

:func:`repair` returns a string of the *same length* as its input, so every offset
still points into the original article:

* **Latin homoglyphs** inside a Cyrillic word ("Сyджа" with a Latin ``y``) become the
  Cyrillic letters they imitate; a word of mixed scripts whose Latin letters have no
  Cyrillic twin is left alone (and never reaches the gazetteer).
* **Telegram formatting**: bold/italic/strike/spoiler markers (``**``, ``__``, ``~~``,
  ``||``, backticks), links and the ``#`` of hashtags are blanked.

Sentences come from razdel, within lines: a line break ends a sentence unless the line
ends with ``:``, ``,`` or ``;`` (a list of villages that runs on), or is an item of a
bulleted list after a colon followed by another item or by the list's short closing line
("— Полтавка" then "Запорожской области."). Tokens come from razdel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geomap.nlp.lexicon import BULLETS
from geomap.nlp.lexicon_ru_uk import HOMOGLYPHS

_MARKUP = re.compile(r"\*\*|__|~~|\|\||`+")
_LINK = re.compile(r"(?:https?://|www\.|t\.me/)\S+")
_HASH = re.compile(r"#(?=\w)")
_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True, slots=True)
class Token:
    """A token: its text (repaired), lower-cased key (ё as е) and offsets in the article."""

    text: str
    low: str
    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    """A sentence: its offsets in the article, its text (repaired) and tokens."""

    start: int
    end: int
    text: str
    tokens: list[Token]


def fold(text: str) -> str:
    """Lower case with ё written е (the key every word list uses)."""
    return text.lower().replace("ё", "е").replace("ʼ", "'").replace("’", "'")


def repair(text: str) -> tuple[str, list[str]]:
    """(repaired text of the same length, notes on what was repaired); see the module doc."""
    notes: list[str] = []
    fixed: list[str] = []

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if not (_CYRILLIC.search(word) and _LATIN.search(word)):
            return word
        latin = [ch for ch in word if "a" <= ch.lower() <= "z"]
        repaired = word.translate(HOMOGLYPHS)
        if any("a" <= ch.lower() <= "z" for ch in repaired):
            notes.append(f"mixed-script word {word!r} left as it is")
            return word
        if latin:
            fixed.append(word)
        return repaired

    out = _WORD.sub(swap, text)
    if fixed:
        notes.append(f"Latin look-alike letters replaced in {len(fixed)} word(s), e.g. "
                     f"{fixed[0]!r}")
    for pattern in (_LINK, _MARKUP, _HASH):
        out = pattern.sub(lambda m: " " * len(m.group(0)), out)
    assert len(out) == len(text)
    return out, notes


def sentences(text: str) -> list[Sentence]:
    """The sentences of repaired *text*, with tokens (see the module docstring)."""
    from razdel import sentenize, tokenize

    out: list[Sentence] = []
    block_start = 0
    lines = text.split("\n")
    position = 0
    blocks: list[tuple[int, int]] = []
    in_list = False  # inside a bulleted list opened by a line ending with ":"
    listed = False  # the current block holds such a list
    for k, line in enumerate(lines):
        end = position + len(line)
        stripped = line.rstrip()
        following = lines[k + 1].strip() if k + 1 < len(lines) else ""
        in_list = (in_list and _is_bullet(stripped)) or (
            stripped.endswith(":") and _is_bullet(following))
        runs_on = k + 1 < len(lines) and (
            stripped.endswith((":", ",", ";", "—", "-")) or (in_list and (
                _is_bullet(following) or _closes_a_list(stripped, following))))
        listed = listed or in_list
        if not runs_on:
            blocks.append((block_start, end, listed))
            block_start = end + 1
            listed = False
        position = end + 1
    for start, end, listed in blocks:
        chunk = text[start:end]
        if not chunk.strip():
            continue
        pieces = [(p.start, p.stop) for p in sentenize(chunk.replace("\n", " "))]
        if listed:  # razdel ends a sentence before "— X": the items stay in the colon's
            pieces = _bullets_joined(chunk, pieces)
        for p_start, p_stop in pieces:
            s_start, s_end = start + p_start, start + p_stop
            tokens = [Token(text[s_start + t.start:s_start + t.stop],
                            fold(text[s_start + t.start:s_start + t.stop]),
                            s_start + t.start, s_start + t.stop)
                      for t in tokenize(text[s_start:s_end].replace("\n", " "))]
            tokens = _join_apostrophes(tokens, text)
            if tokens:
                out.append(Sentence(s_start, s_end, text[s_start:s_end], tokens))
    return out


def _is_bullet(line: str) -> bool:
    """*line* opens with a bullet ("— Успеновка;", "- Вороне")."""
    return line.lstrip().startswith(BULLETS)


def _bullets_joined(chunk: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """*pieces* (sentence offsets in *chunk*) with every piece that opens with a bullet
    joined to the piece before it."""
    out: list[tuple[int, int]] = []
    for p_start, p_stop in pieces:
        if out and _is_bullet(chunk[p_start:p_stop]):
            out[-1] = (out[-1][0], p_stop)
        else:
            out.append((p_start, p_stop))
    return out


def _closes_a_list(item: str, following: str) -> bool:
    """Rule (session 8): a bulleted list's last item with no final stop runs on into a
    short line that ends with one, the region of the list ("— Полтавка" then
    "Запорожской области.", "— Вороне" then "на Дніпропетровщині.")."""
    return not item.endswith((".", "!", "?")) and following.endswith(".") and \
        len(following.split()) <= 3


def _join_apostrophes(tokens: list[Token], text: str) -> list[Token]:
    """razdel splits "Куп'янськ" at the apostrophe; rejoin a word, an apostrophe and a word
    written without spaces."""
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        if k + 2 < len(tokens) and tokens[k + 1].text in ("'", "’", "ʼ") and \
                tokens[k + 1].start == t.end and tokens[k + 2].start == tokens[k + 1].end \
                and t.text.isalpha() and tokens[k + 2].text.isalpha():
            word = text[t.start:tokens[k + 2].end]
            out.append(Token(word, fold(word), t.start, tokens[k + 2].end))
            k += 3
            continue
        out.append(t)
        k += 1
    return out
