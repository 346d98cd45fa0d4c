"""The role of each toponym mention: ``event``, ``actor``, ``context`` or ``byline``.

* ``byline``: inside a credit line ("(Reporting by ... in London; Editing by ...)").
* ``actor``: a capital standing for its government ("Kyiv said", "Moscow has claimed", "Kyiv now
  controls", "Kyiv's military", "the Kyiv regime", "a response from Kyiv"): a
  capital is an actor everywhere except as the object of a locative
  preposition ("strikes on Kyiv", "in Moscow") or in a place slot. Countries
  are never actors here, and seats of government (the Kremlin, the White
  House) never become place mentions at all (:mod:`geomap.nlp.places`
  rejects them): "Russia
  said" keeps Russia a (context) place.
* ``event``: in a sentence with an event trigger, a place that is where things
  happen: in a place slot (near X, the settlements of X, liberated X, northeast
  of X) or the object of a locative preposition, and not the owner of an
  organisation ("Russia's Defence Ministry"). A country is an event place only
  when the sentence names no more specific event place.
* ``context``: everything else.

A place in an ``anchor`` slot (the reference point of another place: "Basivka, just over
the border from Sumy", "Toretsk near Pokrovsk") or a ``holder`` slot (who holds a place:
"X is under the control of Kyiv") is ``context``. A slot village placed
approximately at a country is an event place and makes the country context.

Only ``event`` mentions become claim locations.
"""

from __future__ import annotations

import re

from geomap.nlp import lexicon
from geomap.nlp.lexicon import stem
from geomap.nlp.parse import sent_text, words
from geomap.nlp.places import PlaceMention

_BYLINE = re.compile(r"\((?:additional\s+)?(?:reporting|writing|editing)\s+by[^)]*\)|"
                     r"^\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b.*$",
                     re.IGNORECASE | re.MULTILINE)
EVENT_SLOTS = frozenset({"settlements-of", "object", "near", "relative", "in", "region-of"})


def _trigger_types() -> dict[str, str]:
    """Trigger lemma or stem -> event type; where two types share a word, the
    earlier one in EVENT_PRIORITY wins."""
    table: dict[str, str] = {}
    for event in reversed(lexicon.EVENT_PRIORITY):
        for word in lexicon.EVENT_TRIGGERS[event][0]:
            table[word] = event
            table[stem(word)] = event
    return table


TRIGGER_TYPE = _trigger_types()


def byline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of credit lines in *text*."""
    return [(m.start(), m.end()) for m in _BYLINE.finditer(text)]


def sentence_has_trigger(sent) -> bool:
    """True when a token of *sent* is an event trigger (by lemma or stem), a form of "take"
    or "clear" (:data:`geomap.nlp.lexicon.PLACE_OBJECT_VERBS`: a capture when its object is
    a place: "Russian forces took Kurakhove", session 7; "cleared X", session 8), or the
    sentence holds a trigger phrase ("took the village")."""
    w = words(sent.doc)
    if any(w.stem[i] in TRIGGER_TYPE or w.lemma[i] in TRIGGER_TYPE or
           w.lemma[i] in lexicon.PLACE_OBJECT_VERBS or
           w.lemma[i] in lexicon.PLACE_SUBJECT_VERBS or (
            w.pos[i] == "ADJ" and w.lower[i].endswith("ed") and w.lower[i][:-1] in TRIGGER_TYPE)
           for i in range(sent.start, sent.end)):  # "forces marginally advanced": ADJ
        return True
    low = sent_text(sent).lower()
    return any(phrase in low for _, phrases in lexicon.EVENT_TRIGGERS.values()
               for phrase in phrases)


def _is_actor(mention: PlaceMention, doc) -> bool:
    cand = mention.span
    if mention.place is None or cand.text.lower() not in lexicon.GOVERNMENT_CAPITALS:
        return False
    head_token = doc[cand.end_token - 1]
    if cand.slot in ("near", "relative", "object", "settlements-of"):
        return False
    return not (head_token.dep_ == "pobj"
                and head_token.head.lower_ in lexicon.LOCATIVE_PREPOSITIONS - {"from"})


def _is_owner_of_organisation(mention: PlaceMention, doc) -> bool:
    token = doc[mention.span.end_token - 1]
    if token.dep_ != "poss" and not (
            mention.span.end_token < len(doc)
            and doc[mention.span.end_token].lower_ in ("'s", "’s")):
        return False
    head = token.head
    return head.lemma_.lower() not in lexicon.REGION_NOUNS | lexicon.SETTLEMENT_NOUNS


def assign_roles(mentions: list[PlaceMention], docs: list[tuple[int, object]],
                 text: str) -> None:
    """Set ``role`` on every mention of one article, in place."""
    bylines = byline_spans(text)
    by_sentence: dict[int, list[PlaceMention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.span.sent_index, []).append(m)
    for group in by_sentence.values():
        doc = docs[group[0].span.doc_index][1]
        sent = doc[group[0].span.start_token].sent
        has_trigger = sentence_has_trigger(sent)
        specific = False
        for m in group:
            cand = m.span
            if any(a <= cand.start < b for a, b in bylines):
                m.role = "byline"
            elif _is_actor(m, doc):
                m.role = "actor"
            elif cand.slot in ("anchor", "holder"):  # a reference point, who holds a place
                m.role = "context"
            elif has_trigger and m.place is None and m.approximate and \
                    cand.slot in EVENT_SLOTS:  # a listed village with no region to place it
                m.role = "event"
                specific = True
            elif has_trigger and m.place is not None and not _is_owner_of_organisation(m, doc) \
                    and (cand.slot in EVENT_SLOTS or (m.place.kind in ("admin1",)
                         and cand.hint == "admin1") or m.approximate):
                m.role = "event"
                specific = specific or m.place.kind != "country" or (
                    m.approximate and cand.slot in EVENT_SLOTS)
            else:
                m.role = "context"
        for m in group:  # a village placed approximately at a country is not the country
            if m.role == "event" and m.place is not None and m.place.kind == "country" and \
                    not (m.approximate and m.span.slot in EVENT_SLOTS) and (
                    specific or m.span.slot not in ("in", "near", "object", "relative")):
                m.role = "context"
