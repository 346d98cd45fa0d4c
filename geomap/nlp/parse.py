"""Parse-tree walks that are safe on a document without a dependency parse (issue 15).

In degraded mode (a blank pipeline, no parser) every token is its own head, but spaCy
3.8 can leave broken left/right edges on some tokens (a standalone ``’``): walking
``token.children`` there reads outside the document and crashes the process
(``[list(t.children) for t in spacy.blank("en")("x ’ y z w v")]``). The rules therefore
walk the tree only through these helpers, which treat a document without ``DEP``
annotation (``doc.has_annotation("DEP")``, worked out once per document) as a forest
of single tokens: no children, no ancestors, a subtree of the token alone.

Per-document work is done once (issue 15): :func:`tokens` is the document's token list
(a rule reads each token many times; ``doc[i]`` builds a new object each time) and
:func:`sent_ents` reads the document's entities once (``Span.ents`` rebuilds
``doc.ents`` for every sentence: quadratic in the article's length). Likewise
:func:`text` and :func:`sent_text` (``doc.text`` and ``Span.text`` build every token
object again), :func:`sentences` and :func:`words` (token attributes as lists, read in one
pass); :func:`once` remembers anything else worked out per document. All are kept for
the last few documents only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from geomap.nlp.lexicon import stem

T = TypeVar("T")

_PARSED = "geomap_parsed"
#: Documents whose tokens and entities are remembered (an article's pieces).
REMEMBERED_DOCS = 8
_remembered: dict[int, tuple[object, list, tuple, dict]] = {}


_last: list = [None]  # the last document's entry: rules ask about one document in a row


def _of(doc) -> tuple[object, list, tuple, dict]:
    found = _last[0]
    if found is not None and found[0] is doc:
        return found
    found = _remembered.get(id(doc))
    if found is None or found[0] is not doc:
        if len(_remembered) >= REMEMBERED_DOCS:
            _remembered.clear()
        found = _remembered[id(doc)] = (doc, list(doc), tuple(doc.ents), {})
    _last[0] = found
    return found


def once(doc, name: str, compute: Callable[[object], T]) -> T:
    """``compute(doc)``, worked out once per document (for the last few documents, as
    :func:`tokens`); *name* tells apart what is remembered."""
    memo = _of(doc)[3]
    if name not in memo:
        memo[name] = compute(doc)
    return memo[name]


@dataclass(frozen=True, slots=True)
class Words:
    """A document's token attributes as lists indexed by token (read in one pass)."""

    text: list[str]  # token.text
    lower: list[str]  # token.lower_
    lemma: list[str]  # token.lemma_.lower()
    stem: list[str]  # geomap.nlp.lexicon.stem(token.text)
    pos: list[str]  # token.pos_


def _words(doc) -> Words:
    toks = tokens(doc)
    texts = [t.text for t in toks]
    return Words(texts, [t.lower_ for t in toks], [t.lemma_.lower() for t in toks],
                 [stem(w) for w in texts], [t.pos_ for t in toks])


def words(doc) -> Words:
    """The document's :class:`Words`, worked out once per document."""
    return once(doc, "words", _words)


def text(doc) -> str:
    """The document's text (``doc.text``, which builds every token again), read once."""
    return once(doc, "text", lambda d: "".join(t.text_with_ws for t in tokens(d)))


def span_text(doc, start: int, end: int) -> str:
    """The text of tokens *start* to *end* (exclusive), as ``doc[start:end].text``."""
    if start >= end:
        return ""
    toks = tokens(doc)
    last = toks[end - 1]
    return text(doc)[toks[start].idx:last.idx + len(last.text)]


def sent_text(sent) -> str:
    """A sentence's (or span's) text, as ``sent.text``."""
    return span_text(sent.doc, sent.start, sent.end)


def sentences(doc) -> list:
    """The document's sentences (``doc.sents``), read once per document."""
    return once(doc, "sentences", lambda d: list(d.sents))


def tokens(doc) -> list:
    """The tokens of *doc* as a list (the same tokens ``doc[i]`` gives)."""
    return _of(doc)[1]


def sent_tokens(sent) -> list:
    """The tokens of a sentence (or any span), from :func:`tokens`."""
    return _of(sent.doc)[1][sent.start:sent.end]


def sent_ents(sent) -> list:
    """The entities that lie entirely within *sent*, as ``sent.ents`` gives them."""
    out = []
    for ent in _of(sent.doc)[2]:
        if ent.start >= sent.start:
            if ent.end <= sent.end:
                out.append(ent)
            else:
                break
    return out


def parsed(doc) -> bool:
    """True when *doc* has a dependency parse (remembered in ``doc.user_data``)."""
    known = doc.user_data.get(_PARSED)
    if known is None:
        known = doc.user_data[_PARSED] = bool(doc.has_annotation("DEP"))
    return known


def children(token) -> list:
    """The token's syntactic children (none without a parse)."""
    return list(token.children) if parsed(token.doc) else []


def ancestors(token) -> list:
    """The token's ancestors, nearest first (none without a parse)."""
    return list(token.ancestors) if parsed(token.doc) else []


def subtree(token) -> list:
    """The token and its descendants in order (the token alone without a parse)."""
    return list(token.subtree) if parsed(token.doc) else [token]


def left_edge(token):
    """The leftmost token of the token's subtree (itself without a parse)."""
    return token.left_edge if parsed(token.doc) else token


def right_edge(token):
    """The rightmost token of the token's subtree (itself without a parse)."""
    return token.right_edge if parsed(token.doc) else token
