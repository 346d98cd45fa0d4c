"""Toponym recognition: NER, gazetteer matching and place slots, combined.

Candidate spans come from three sources, in one pass over each sentence:

1. **NER** entities of every label but dates, numbers and demonyms (``NORP``):
   small English models label Kursk ``PRODUCT`` and villages ``PERSON``, so the
   label is evidence, not a verdict.
2. **Capitalised runs** that NER missed (Gornal, Sumy), hyphenated names
   included; the longest run wins, so "Malaya Loknya" is never "Loknya".
3. **Place slots** found on the surface and in the parse: "the settlements of
   A, B and C", "near X", "in X", objects of capture verbs ("liberated X"),
   "the final village ...: X", "three areas northeast of X", "the regions of
   X and Y", "the city of X", and a line that is nothing but a name (a tag or
   dateline).

A span becomes a mention when the gazetteer knows it well enough for its
evidence, or when a slot says it is a place even though
the gazetteer lacks it (it is then placed approximately at its region by
:mod:`geomap.nlp.places`, whose rules decide which spans become mentions). Person
names of two or more words, demonyms, titles and weekdays are never places outside a
slot. The word lists live in :mod:`geomap.nlp.lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from geomap.nlp import lexicon
from geomap.nlp.lexicon import stem
from geomap.nlp.parse import (
    once,
    sent_ents,
    sent_tokens,
    sentences,
    span_text,
    tokens,
    words,
)

SLOT_PRIORITY = {None: 0, "tag": 1, "in": 1, "near": 2, "object": 3, "region-of": 4,
                 "settlements-of": 4, "relative": 5, "anchor": 6, "holder": 6}
_DISTANCE = re.compile(r"^(\d+(?:\.\d+)?)$")
CAPTURE_STEMS = lexicon.stems(lexicon.CAPTURE_VERBS | lexicon.CAPTURE_FORMS)
SPEECH_STEMS = lexicon.SPEECH_STEMS


@dataclass(slots=True)
class ToponymSpan:
    """A span of an article that may be a place, with what the text says about it."""

    doc_index: int
    start_token: int
    end_token: int
    start: int  # character offsets in the article
    end: int
    text: str
    sent_index: int
    ner: str | None = None
    hint: str | None = None  # "admin1" or "settlement"
    # settlements-of, region-of, near, in, object, relative, tag, anchor (a reference
    # point of another place: "X, just over the border from Y"), holder (who holds a
    # place: "X is under the control of Kyiv")
    slot: str | None = None
    bearing: float | None = None
    distance_km: float | None = None
    notes: list[str] = field(default_factory=list)
    region_of: str | None = None  # the region a people's republic stands for ("Donetsk")

    @property
    def query(self) -> str:
        """What to look up: the text plus a region or settlement word when the hint says so
        (a people's republic: its region's name)."""
        text = self.region_of or self.text
        for word in (" border ", " frontier ", " frontline "):  # "Kursk border region"
            text = text.replace(word, " ")
        for plural in (" regions", " oblasts", " provinces"):  # "... and Donetsk regions"
            if text.endswith(plural):
                text = text[:-1]
        low = text.lower()
        if self.hint == "admin1" and not any(low.endswith(" " + w)
                                             for w in lexicon.REGION_SUFFIXES):
            return f"{text} region"
        if self.hint == "settlement" and not any(low.endswith(" " + w)
                                                 for w in lexicon.SETTLEMENT_SUFFIXES):
            return f"{text} settlement"
        return text


class PlaceSlot(NamedTuple):
    """Tokens [start, end) that the sentence's wording says are a place, and how."""

    start: int
    end: int
    slot: str  # settlements-of, region-of, near, in, object, relative
    hint: str | None = None  # "admin1" or "settlement"
    bearing: float | None = None  # degrees, for "northeast of X"
    distance_km: float | None = None  # for "5 km north of X"


def is_capitalised(token) -> bool:
    """A token that can be part of a proper name."""
    text = token.text
    if not text or not text[0].isupper():
        return False
    return any(ch.isalpha() for ch in text)


def _capitalised(doc) -> list[bool]:
    return [is_capitalised(t) for t in tokens(doc)]


def cap_run(sent, i: int) -> tuple[int, int] | None:
    """The capitalised run starting at sentence token *i* (absolute doc indices), if any."""
    doc = tokens(sent.doc)
    caps = once(sent.doc, "capitalised", _capitalised)
    if i >= sent.end or not caps[i]:
        return None
    w = words(sent.doc)
    j = i + 1
    while j < sent.end:
        if caps[j] and doc[j - 1].whitespace_ in ("", " ") and \
                w.lower[j] not in lexicon.NOT_PLACES:
            j += 1
            continue
        if w.text[j] in ("-", "‑") and not doc[j - 1].whitespace_ and j + 1 < sent.end \
                and caps[j + 1] and not doc[j].whitespace_:
            j += 2
            continue
        break
    return i, j


def _skip_modifiers(sent, k: int, limit: int = 4) -> int:
    doc = tokens(sent.doc)
    steps = 0
    while k < sent.end and steps < limit and doc[k].lower_ in lexicon.NAME_MODIFIERS \
            and not is_capitalised(doc[k]):
        k += 1
        steps += 1
    return k


def _list_runs(sent, k: int) -> list[tuple[int, int]]:
    """The capitalised runs of a list starting at token *k*: "A, B and C", "A, B, C",
    "A or B". The list ends after the item that follows "and"/"or" ("the settlements
    of A, B and C, Syrskyi said": not Syrskyi), and before a later item that a speech
    verb follows ("the outskirts of A, Two Majors wrote": the speaker)."""
    doc = tokens(sent.doc)
    runs: list[tuple[int, int]] = []
    last = False
    while k < sent.end:
        k = _skip_modifiers(sent, k, 1)
        run = cap_run(sent, k)
        if not run:
            break
        if runs and run[1] < sent.end and doc[run[1]].pos_ in ("VERB", "AUX", "") and (
                stem(doc[run[1]].text) in SPEECH_STEMS
                or doc[run[1]].lemma_.lower() in lexicon.SPEECH_VERBS):
            break
        runs.extend(_route_parts(doc, *run))  # "the Rylsk-Lgov-Kursk road": three places
        k = _past_its_region(sent, run[1])
        if last:
            break
        if k < sent.end and doc[k].text == ",":
            k += 1
        if k < sent.end and doc[k].lower_ in ("and", "or"):
            k += 1
            last = True
        if k >= sent.end or not is_capitalised(doc[_skip_modifiers(sent, k, 1)]):
            break
    return runs


def _past_its_region(sent, k: int) -> int:
    """The token after an item's own region ("the villages of A in the Donetsk region and B
    in the Dnipropetrovsk region": the list goes on past "in the Donetsk region"), else
    *k*."""
    doc = tokens(sent.doc)
    if k >= sent.end or doc[k].lower_ != "in":
        return k
    j = k + 1
    if j < sent.end and doc[j].lower_ == "the":
        j += 1
    start = j
    while j < sent.end and j - start < 3 and is_capitalised(doc[j]):
        j += 1
    if j > start and j < sent.end and doc[j].lower_ in lexicon.REGION_SUFFIXES and \
            doc[j].lower_ != "district" and j + 1 < sent.end and \
            doc[j + 1].lower_ in (",", "and", "or"):
        return j + 1
    return k


def _counted_colon(sent, t) -> bool:
    """A colon after a counted noun ("12 settlements: A, B, C", "the villages of ...:"); also
    "including" or a dash after one (session 8: "five settlements in the past week,
    including A and B", "three villages in Donetsk Oblast — A, B and C —")."""
    doc = tokens(sent.doc)
    for k in range(max(sent.start, t.i - 8), t.i):
        if doc[k].lower_ in lexicon.SETTLEMENT_NOUNS:
            return True
    return False


def _hyphenated_bearing(sent, i: int) -> float:
    """The bearing of the word at *i*, read with the half before a hyphen when the
    tokenizer split it ("north-east", "south - west": 45 and 225, not 90 and 270)."""
    doc = tokens(sent.doc)
    low = doc[i].lower_
    if i - 2 >= sent.start and doc[i - 1].text in ("-", "‑", "–") and \
            f"{doc[i - 2].lower_}-{low}" in lexicon.BEARINGS:
        return lexicon.BEARINGS[f"{doc[i - 2].lower_}-{low}"]
    return lexicon.BEARINGS[low]


def _follows_a_name(sent, i: int) -> bool:
    """True when the preposition (or bearing) at *i* comes right after a name ("Basivka,
    just over the border from Sumy", "Toretsk near Pokrovsk", "Sudzha, 10 km from the
    border", "Sontsivka, a hamlet north of Y", "Illinka (west of Y)"). Rule (session 9,
    long articles): a bearing the tokenizer split at its hyphen is one word ("Dyliivka,
    north-east of Toretsk", "X, a small village south-east of Y": Y is the anchor)."""
    doc = tokens(sent.doc)
    k = i - 1
    if k - 1 > sent.start and doc[k].text in ("-", "‑", "–") and \
            f"{doc[k - 1].lower_}-{doc[i].lower_}" in lexicon.BEARINGS:
        k -= 2  # the first half of "north-east"
    steps = 0
    while k > sent.start and steps < 6 and (
            doc[k].lower_ in lexicon.ANCHOR_FILLERS or doc[k].like_num
            or doc[k].text in (",", "(") or doc[k].lower_ in lexicon.DISTANCE_UNITS):
        k -= 1
        steps += 1
    if k > sent.start and is_capitalised(doc[k]) and doc[k].lower_ not in \
            lexicon.NOT_PLACES and doc[k].pos_ in ("PROPN", ""):
        return True
    return _in_apposition_of_a_name(sent, i)


def _in_apposition_of_a_name(sent, i: int) -> bool:
    """The bearing or preposition at *i* ends an apposition that describes a name ("Dvorichna,
    a village on the Oskil river north of Kupiansk"): within the ten tokens before it, a
    name, a comma, "a"/"the" and a settlement noun, with no verb or comma after them."""
    doc = tokens(sent.doc)
    for k in range(i - 1, max(sent.start, i - 10), -1):
        if doc[k].text == "," or doc[k].pos_ in ("VERB", "AUX"):
            return False
        if doc[k].lower_ in lexicon.SETTLEMENT_NOUNS and k - 3 >= sent.start and \
                doc[k - 1].lower_ in ("a", "an", "the") and doc[k - 2].text == "," and \
                is_capitalised(doc[k - 3]) and doc[k - 3].pos_ in ("PROPN", ""):
            return True
    return False


def _past_control_fillers(sent, i: int, step: int) -> int:
    """The first token from *i* + *step* on, going by *step* (1 or -1), that is not one of
    up to three :data:`geomap.nlp.lexicon.CONTROL_FILLERS` ("the", "full", "Ukrainian")."""
    doc = tokens(sent.doc)
    k = i + step
    while sent.start <= k < sent.end and abs(k - i) <= 3 and \
            doc[k].lower_ in lexicon.CONTROL_FILLERS:
        k += step
    return k


def _under_control(sent, i: int) -> bool:
    """True when token *i* ("under") starts "under (the/Ukrainian/...) control"."""
    k = _past_control_fillers(sent, i, 1)
    return k < sent.end and tokens(sent.doc)[k].lower_ == "control"


def _held_name(sent, i: int) -> tuple[int, int] | None:
    """The name held "under control" before token *i* ("Novenke is still under ..."):
    the capitalised run that ends right before the holding words."""
    doc = tokens(sent.doc)
    k = i - 1
    while k >= sent.start and i - k <= 4 and doc[k].lower_ in lexicon.HOLDING_WORDS:
        k -= 1
    if k < sent.start or k == i - 1 or not is_capitalised(doc[k]):
        return None
    start = k
    while start > sent.start and (is_capitalised(doc[start - 1]) or (
            doc[start - 1].text in ("-", "‑") and start - 2 >= sent.start
            and is_capitalised(doc[start - 2]))):
        start -= 1
    run = cap_run(sent, start)
    return run if run is not None and run[1] == k + 1 else None


def _after_under(sent, i: int) -> bool:
    """True when "control" at *i* follows "under" ("under the full control of")."""
    k = _past_control_fillers(sent, i, -1)
    return k >= sent.start and tokens(sent.doc)[k].lower_ == "under"


def _holder_runs(sent, k: int) -> list[tuple[int, int]]:
    """The names of a holder after "control of" ("the Armed Forces of Ukraine": both)."""
    doc = tokens(sent.doc)
    runs = []
    while True:
        run = cap_run(sent, _skip_modifiers(sent, k, 1))
        if run is None:
            return runs
        runs.append(run)
        k = run[1] + 1
        if run[1] >= sent.end or doc[run[1]].lower_ != "of":
            return runs


def _unit_before(sent, i: int, lower) -> int:
    """The index of the word before *i*, skipping a parenthesis right before it ("within
    2 kilometers (about a mile) of X": the unit "kilometers"; session 7)."""
    j = i - 1
    if j > sent.start and lower[j] == ")":
        k = j - 1
        while k > sent.start and lower[k] != "(" and j - k < 8:
            k -= 1
        if lower[k] == "(":
            return k - 1
    return j


def find_slots(sent) -> list[PlaceSlot]:
    """The place slots of *sent* (token indices are the doc's). In "X is (still) under
    (the) control of H", X is the object and H the holder (never a place of the claim)."""
    doc = tokens(sent.doc)
    w = words(sent.doc)
    slots = []
    for t in sent_tokens(sent):
        low = w.lower[t.i]
        nxt = doc[t.i + 1] if t.i + 1 < sent.end else None
        if low == "under" and _under_control(sent, t.i):
            held = _held_name(sent, t.i)
            if held is not None:
                slots.append(PlaceSlot(*held, "object"))
        if low in lexicon.TOWARD_NOUNS and nxt is not None and \
                (low, w.lower[t.i + 1]) in lexicon.TOWARD_PHRASES:
            # "attacked in the direction of X", "on the approaches to X": near X, not at X
            slots.extend(PlaceSlot(*run, "relative")
                         for run in _list_runs(sent, _skip_modifiers(sent, t.i + 2)))
            continue
        if nxt is not None and w.lower[t.i + 1] == "of" and (
                low in lexicon.SETTLEMENT_NOUNS or low in lexicon.REGION_NOUNS
                or low in lexicon.VICINITY_NOUNS or low in lexicon.BEARINGS):
            if low in lexicon.BEARINGS:
                bearing = _hyphenated_bearing(sent, t.i)
                distance = None
                if t.i - 2 >= sent.start and w.lower[t.i - 1] in lexicon.DISTANCE_UNITS:
                    match = _DISTANCE.match(doc[t.i - 2].text)
                    if match:
                        distance = float(match.group(1))
                        if w.lower[t.i - 1].startswith("mi"):
                            distance *= 1.609
                run = cap_run(sent, _skip_modifiers(sent, t.i + 2))
                if run:  # "Sontsivka, a hamlet north of Y": Y is the anchor, not the place
                    kind = "anchor" if _follows_a_name(sent, t.i) else "relative"
                    slots.append(PlaceSlot(*run, kind, None, bearing, distance))
                continue
            if low in lexicon.VICINITY_NOUNS:
                kind, hint = "near", None  # "in the areas of X and Y": near X and near Y
            elif low in lexicon.SETTLEMENT_NOUNS:
                kind, hint = "settlements-of", "settlement"
            elif low in lexicon.MINOR_REGION_NOUNS:
                kind, hint = "region-of", None
            else:
                kind, hint = "region-of", "admin1"
            slots.extend(PlaceSlot(*run, kind, hint) for run in _list_runs(sent, t.i + 2))
            continue
        unit = _unit_before(sent, t.i, w.lower) if low == "of" or low == "from" else t.i - 1
        if (low == "from" and nxt is not None and t.i > sent.start and (
                w.lower[unit] in lexicon.DISTANCE_UNITS
                or w.lower[t.i - 1] in ("border", "frontier", "away"))) or (
                low == "of" and nxt is not None and unit - 2 >= sent.start and
                w.lower[unit] in lexicon.DISTANCE_UNITS and
                w.lower[unit - 2] == "within"):  # "advanced to within five miles of X"
            run = cap_run(sent, _skip_modifiers(sent, t.i + 1))
            if run:
                distance = None
                if w.lower[unit] in lexicon.DISTANCE_UNITS and unit - 1 >= sent.start:
                    match = _DISTANCE.match(doc[unit - 1].text)
                    number = lexicon.NUMBER_WORDS.get(w.lower[unit - 1])
                    distance = float(match.group(1)) if match else \
                        float(number) if number else None
                    if distance is not None and w.lower[unit].startswith("mi"):
                        distance *= 1.609
                named_before = _follows_a_name(sent, t.i)
                slots.append(PlaceSlot(*run, "anchor" if named_before else "relative",
                                       None, None, distance))
            continue
        if low == "with" and nxt is not None and any(
                w.lower[k] in ("border", "frontier") for k in range(max(sent.start, t.i - 2),
                                                                     t.i)):
            # session 9: "the border area with Kursk": the neighbour, a reference point
            slots.extend(PlaceSlot(*run, "anchor")
                         for run in _list_runs(sent, _skip_modifiers(sent, t.i + 1)))
            continue
        if low == "close" and nxt is not None and w.lower[t.i + 1] == "to":
            runs = _list_runs(sent, _skip_modifiers(sent, t.i + 2))  # "close to X": near X
            kind = "anchor" if _follows_a_name(sent, t.i) else "near"  # "A, a village close to"
            slots.extend(PlaceSlot(*run, kind) for run in runs)
            continue
        if low in lexicon.LOCATIVE_PREPOSITIONS and nxt is not None:
            runs = _list_runs(sent, _skip_modifiers(sent, t.i + 1))
            if runs:
                strong = low in lexicon.NEAR_PREPOSITIONS
                kind = "near" if strong else "in"
                if strong and _follows_a_name(sent, t.i):
                    kind = "anchor"
                slots.extend(PlaceSlot(*run, kind) for run in runs)
            continue
        if low in lexicon.CAPTURE_NOUNS and nxt is not None and w.lower[t.i + 1] == "of":
            if low == "control" and _after_under(sent, t.i):  # "under the control of H"
                slots.extend(PlaceSlot(*run, "holder") for run in _holder_runs(sent, t.i + 2))
                continue
            runs = _list_runs(sent, _skip_modifiers(sent, t.i + 2))  # "control of X"
            slots.extend(PlaceSlot(*run, "object") for run in runs)
            continue
        if w.lemma[t.i] in lexicon.PLACE_SUBJECT_VERBS and w.pos[t.i] == "VERB" and \
                (fallen := _fallen_place(sent, t)) is not None:
            slots.append(PlaceSlot(*fallen, "object"))  # "Bakhmut fell in May 2023"
        if w.stem[t.i] in CAPTURE_STEMS and w.pos[t.i] == "VERB" and \
                (passive := _passive_subject(sent, t)) is not None:
            slots.append(PlaceSlot(*passive, "object"))  # "X was (reported) captured"
        if w.stem[t.i] in CAPTURE_STEMS and (not w.pos[t.i] or w.pos[t.i] == "VERB"):
            k = t.i + 1  # a quoted verb: 'had "liberated" X'
            if k < sent.end and doc[k].text in ('"', "”", "’", "»"):
                k += 1
            runs = _list_runs(sent, _skip_modifiers(sent, k))
            slots.extend(PlaceSlot(*run, "object") for run in runs)
            continue
        if (low in lexicon.LIST_OPENERS or w.text[t.i] in ("—", "–")) and nxt is not None \
                and _counted_colon(sent, t):
            # "five settlements ..., including A and B", "three villages — A, B and C —";
            # "among them A and B" (session 9: the pronoun is skipped)
            k = t.i + 1
            if w.lower[k] in lexicon.LIST_PRONOUNS:
                k += 1
            slots.extend(PlaceSlot(*run, "settlements-of", "settlement")
                         for run in _list_runs(sent, _skip_modifiers(sent, k)))
            continue
        if w.text[t.i] == ":" and nxt is not None:
            if _counted_colon(sent, t):
                slots.extend(PlaceSlot(*run, "settlements-of", "settlement")
                             for run in _list_runs(sent, t.i + 1))
                continue
            run = cap_run(sent, t.i + 1)
            if run and (run[1] >= sent.end or not doc[run[1]].is_alpha):
                slots.append(PlaceSlot(*run, "object"))
    return slots


def _passive_subject(sent, verb) -> tuple[int, int] | None:
    """Rule (session 8): the capitalised run of the passive subject of a capture verb, or
    of the speech verb it completes ("Bahatyr was captured by ...", "Kamianka, a village
    north of X, was reported captured ..."), else None."""
    if verb.tag_ != "VBN":
        return None
    holders = [verb]
    if verb.dep_ in ("xcomp", "oprd") and verb.head.lemma_.lower() in lexicon.SPEECH_VERBS:
        holders.append(verb.head)
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "nsubjpass" and child.pos_ == "PROPN":
                start = child.left_edge.i
                while start < child.i and not is_capitalised(tokens(sent.doc)[start]):
                    start += 1
                run = cap_run(sent, start)
                if run is not None and run[0] <= child.i < run[1]:
                    return run
    return None


def _fallen_place(sent, verb) -> tuple[int, int] | None:
    """Rule (session 9, long articles): the capitalised run of what "fell" (the subject, a
    name the parse made an adverb, or the name before "which fell"): "Bakhmut fell in May
    2023", "Avdiivka, which fell in February 2024"; else None."""
    doc = tokens(sent.doc)
    if any(c.dep_ == "prep" and c.lower_ in lexicon.LANDING_WORDS for c in verb.children):
        return None  # "Debris fell on a kindergarten"
    subject = next((c for c in verb.children if c.i < verb.i and is_capitalised(c) and (
        (c.dep_ == "nsubj" and c.pos_ == "PROPN") or c.dep_ in ("advmod", "npadvmod"))),
        None)  # a name, or a name the parse made an adverb; not "Debris fell on ..."
    if subject is None and verb.dep_ == "relcl" and any(
            c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in verb.children):
        subject = verb.head
    if subject is None or subject.lower_ in lexicon.NOT_PLACES:
        return None
    start = subject.left_edge.i
    while start < subject.i and not is_capitalised(doc[start]):
        start += 1
    run = cap_run(sent, start)
    return run if run is not None and run[0] <= subject.i < run[1] else None


#: A list line's label ("Staryi Saltiv: ...", "15:10 Chuhuiv district, Staryi Saltiv: ...")
#: ends within this many words of the line's start.
LABEL_WORDS = 8


def _label_run(sent, words: list, k: int) -> tuple[int, int] | None:
    """The name that ends at word *k* right before a colon and starts the line or follows
    a comma (a district or time before it), else None."""
    end = words[k].i + 1
    start = end - 1
    doc = sent.doc
    if not is_capitalised(doc[start]):
        return None  # "Khotin community:": the community's name is found as before
    while start > sent.start and is_capitalised(doc[start - 1]) and \
            doc[start - 1].lower_ not in lexicon.NOT_PLACES:
        start -= 1
    if not is_capitalised(doc[start]) or doc[start].lower_ in lexicon.NOT_PLACES:
        return None
    first = words[0].i
    if start != first and doc[start - 1].text != ",":
        return None
    return start, end


def _trim(doc, i: int, j: int) -> tuple[int, int]:
    while i < j and (doc[i].lower_ in ("the", "a", "an") or not any(
            ch.isalnum() for ch in doc[i].text)):
        i += 1
    while j > i and (doc[j - 1].lower_ in ("'s", "’s", "s", "'") or not any(
            ch.isalnum() for ch in doc[j - 1].text)):
        j -= 1
    return i, j


def find_candidates(docs: list[tuple[int, object]]) -> list[ToponymSpan]:
    """Candidate place spans of one article, given its (offset, spaCy Doc) pieces."""
    out: list[ToponymSpan] = []
    sent_index = 0
    for doc_index, (offset, doc) in enumerate(docs):
        for sent in sentences(doc):
            out.extend(_sentence_candidates(doc_index, offset, sent, sent_index))
            sent_index += 1
    return out


QUOTES = frozenset({'"', "'", "\u201d", "\u2019", "\u00bb"})


def _sentence_candidates(doc_index: int, offset: int, sent, sent_index: int
                         ) -> list[ToponymSpan]:
    doc = tokens(sent.doc)  # the tokens (doc[i] would build a new one each time)
    spans: dict[tuple[int, int], ToponymSpan] = {}
    covered: set[int] = set()

    def add(i: int, j: int, ner: str | None, *, in_slot: bool = False,
            whole_line: bool = False) -> ToponymSpan | None:
        i, j = _trim(doc, i, j)
        if i >= j:
            return None
        for k in range(i, j):
            # a slot may take back a proper noun NER called a demonym ("regions of ...
            # and Belgorod" tagged NORP) or a time ("strikes on Kyiv overnight" tagged
            # TIME), never a number or a month
            if k in blocked and not (in_slot and (
                    (k in demonyms and (doc[k].pos_ == "PROPN" or whole_line))
                    or (k in timey and is_capitalised(doc[k]) and not doc[k].like_num
                        and doc[k].lower_ not in lexicon.NOT_PLACES))):
                return None
        text = span_text(sent.doc, i, j)
        if text.lower() in lexicon.NOT_PLACES or not any(ch.isupper() for ch in text[:1]):
            return None
        after = j + 1 if j < sent.end and doc[j].text in QUOTES else j
        if after < sent.end and doc[after].lower_ in lexicon.UNIT_HEADS:
            return None  # "the Vostok group", "the Dnipro operational-strategic group"
        if not in_slot and (
                (i > sent.start and doc[i - 1].lower_.rstrip(".") in lexicon.PERSON_TITLES)
                or (j - i == 1 and text.isupper() and len(text) <= 3)):
            return None  # "Governor Smirnov", "T ASS": a person, a broken acronym
        if j - i == 1 and (doc[i].is_stop or len(text) < 3 or text.endswith(".") or (
                ner is None and not whole_line
                and doc[i].pos_ in ("ADJ", "PRON", "DET", "ADP", "AUX", "VERB"))):
            return None
        cand = spans.get((i, j))
        if cand is None:
            cand = ToponymSpan(doc_index, i, j, offset + doc[i].idx,
                             offset + doc[j - 1].idx + len(doc[j - 1].text), text, sent_index,
                             ner=ner)
            spans[(i, j)] = cand
            covered.update(range(i, j))
        return cand

    blocked: set[int] = set()  # tokens of dates, numbers and demonyms: never places
    demonyms: set[int] = set()
    timey: set[int] = set()
    for ent in sent_ents(sent):
        if ent.label_ in lexicon.NON_PLACE_ENTITY_LABELS:
            blocked.update(range(ent.start, ent.end))
            if ent.label_ == "NORP":
                demonyms.update(range(ent.start, ent.end))
            elif ent.label_ in ("TIME", "DATE"):
                timey.update(range(ent.start, ent.end))
        else:
            add(ent.start, ent.end, ent.label_)
    for ent in sent_ents(sent):  # a route NER took for something else ("Rylsk-Lgov-Kursk": LAW)
        parts = _route_parts(doc, ent.start, ent.end)
        if len(parts) > 1:
            blocked.difference_update(range(ent.start, ent.end))
            for a, b in parts:
                add(a, b, None, in_slot=True)
    covered.update(blocked)
    words = [t for t in sent_tokens(sent) if not t.is_space and not t.is_punct]
    if words:  # a line that is only a name: a place tag or dateline ("Slavyansk")
        run = cap_run(sent, words[0].i)
        if run and run[1] > words[-1].i:
            for k in range(*run):
                covered.discard(k)
            tag = add(run[0], run[1], None, in_slot=True, whole_line=True)
            if tag is not None:
                tag.slot = "tag"
        for k in range(len(words) - 1):  # a list line's label: "Staryi Saltiv: a shell hit"
            if k > LABEL_WORDS or words[k].i + 1 >= sent.end or \
                    doc[words[k].i + 1].text != ":":
                continue
            run = _label_run(sent, words, k)
            if run is not None:
                label = add(run[0], run[1], None, in_slot=True)
                if label is not None and label.slot is None:
                    label.slot = "tag"
            break
    caps = once(sent.doc, "capitalised", _capitalised)  # cap_run's first test, asked here
    i = sent.start
    while i < sent.end:
        run = cap_run(sent, i) if caps[i] and i not in covered else None
        if run is None:
            i += 1
            continue
        a, b = run
        for piece_a, piece_b in _route_parts(doc, a, b):  # "Rylsk-Lgov-Kursk": three places
            if (piece_a, piece_b) != (a, b):
                add(piece_a, piece_b, None, in_slot=True)
        # split the run around tokens NER already claimed
        k = a
        while k < b:
            if k in covered:
                k += 1
                continue
            m = k
            while m < b and m not in covered:
                m += 1
            add(k, m, None)
            k = m
        i = b

    _peoples_republics(sent, offset, sent_index, doc_index, spans, covered)
    for a, b, slot, hint, bearing, distance in find_slots(sent):
        a, b = _trim(doc, a, b)
        if a >= b:
            continue
        # a slot that covers or is covered by a candidate upgrades it; else it is new.
        # An NER span that swallowed the slot's name ("Gorlovka - Basurin" as FAC,
        # "Donetsk - Mayor's Office" as ORG) gives way to the name itself.
        match = None
        for (i, j), cand in list(spans.items()):
            if i <= a < j or a <= i < b:
                if (i, j) != (a, b) and i <= a and b <= j and cand.slot != "tag" and \
                        cand.region_of is None:
                    del spans[(i, j)]
                    covered.difference_update(range(i, j))
                    break
                match = cand
                break
        if match is None:
            match = add(a, b, None, in_slot=True)
            if match is None:
                continue
        if SLOT_PRIORITY[slot] > SLOT_PRIORITY.get(match.slot, 0):
            match.slot = slot
        match.hint = match.hint or hint
        if bearing is not None:
            match.bearing, match.distance_km = bearing, distance
        elif distance is not None:  # "within 3 km of X", "10 miles from X": the distance
            match.distance_km = distance  # without a bearing (was dropped; session 7)

    for cand in spans.values():
        _extend_with_region_word(sent, cand, offset)
    starts = {cand.start_token: cand for cand in spans.values()}
    for cand in spans.values():
        if _names_an_axis(doc, sent, cand.end_token, starts):
            cand.slot = "anchor"  # "in the Pokrovsk direction": an axis, not the place
            cand.notes.append("an axis of operations")
    # "the Seym river": a body of water, not the village that shares its name
    water = [key for key, cand in spans.items() if cand.end_token < sent.end
             and doc[cand.end_token].lower_ in lexicon.WATER_NOUNS]
    for key in water:
        del spans[key]
    return sorted(spans.values(), key=lambda c: c.start)


#: English names of the self-proclaimed people's republics -> the oblast each stands for.
REPUBLIC_REGIONS = {"donetsk": "Donetsk", "luhansk": "Luhansk", "lugansk": "Luhansk"}
REPUBLIC_ACRONYMS = {"DPR": "Donetsk", "DNR": "Donetsk", "LPR": "Luhansk", "LNR": "Luhansk"}


def _republic_end(sent, k: int) -> int | None:
    """The end of "Donetsk People's Republic" starting at token *k*, else None."""
    doc = tokens(sent.doc)
    j = k + 1
    if j < sent.end and doc[j].lower_ in ("people", "peoples", "people's"):
        j += 1
        if j < sent.end and doc[j].lower_ in ("'s", "’s", "'", "’"):
            j += 1
        if j < sent.end and doc[j].lower_ == "republic":
            return j + 1
    return None


def _peoples_republics(sent, offset: int, sent_index: int, doc_index: int,
                       spans: dict, covered: set[int]) -> None:
    """Rule (session 9): "the Donetsk People's Republic", "the Luhansk People's Republic"
    and their acronyms (DPR, LPR, DNR, LNR) name the oblast, never the city of Donetsk or
    Luhansk: each is a region candidate (hint ``admin1``) looked up as the oblast, so that
    it is the region context of the villages beside it ("Nadiia in the LPR" is in Luhansk
    oblast, not in India)."""
    w = words(sent.doc)
    doc = None
    for k in range(sent.start, sent.end):
        region = REPUBLIC_ACRONYMS.get(w.text[k])
        if region is None and w.lower[k] not in REPUBLIC_REGIONS:
            continue  # the common case: one look-up per word
        doc = doc or tokens(sent.doc)
        end = k + 1 if region else None
        if region is None and is_capitalised(doc[k]):
            end = _republic_end(sent, k)
            region = REPUBLIC_REGIONS[doc[k].lower_] if end else None
        if region is None:
            continue
        for key in [key for key in spans if key[0] < end and k < key[1]]:
            del spans[key]
        cand = ToponymSpan(doc_index, k, end, offset + doc[k].idx,
                           offset + doc[end - 1].idx + len(doc[end - 1].text),
                           span_text(sent.doc, k, end), sent_index, hint="admin1",
                           region_of=region)
        cand.notes.append(f"a people's republic: the {region} region")
        spans[(k, end)] = cand
        covered.update(range(k, end))


def _names_an_axis(doc, sent, k: int, starts: dict) -> bool:
    """The name ending before token *k* names an axis of operations: an axis word follows
    it ("the Pokrovsk direction"), or, rule (session 9, long articles), other names joined
    by "and" or commas and then a plural axis word ("in the Pokrovsk and Kupiansk
    directions", "the Lyman, Siversk and Toretsk sectors")."""
    if k >= sent.end:
        return False
    if doc[k].lower_ in lexicon.AXIS_WORDS:
        return True
    while k < sent.end and doc[k].lower_ in ("and", ",") and k + 1 in starts:
        k = starts[k + 1].end_token
        if k < sent.end and doc[k].lower_ in lexicon.PLURAL_AXIS_WORDS:
            return True
    return False


def _route_parts(doc, a: int, b: int) -> list[tuple[int, int]]:
    """The names of a route written with hyphens ("Rylsk-Lgov-Kursk", three or more
    parts; two-part names such as Ivano-Frankivsk stay whole)."""
    hyphens = [k for k in range(a, b) if doc[k].text in ("-", "‑")]
    if len(hyphens) < 2:
        return [(a, b)]
    edges = [a - 1, *hyphens, b]
    return [(edges[n] + 1, edges[n + 1]) for n in range(len(edges) - 1)
            if edges[n + 1] > edges[n] + 1]


def _before_plural_region_word(sent, j: int) -> bool:
    """True when token *j* starts ", B and C regions" or "and C oblasts"."""
    doc = tokens(sent.doc)
    k = j
    while k < sent.end and k - j < 8:
        if doc[k].lower_ in ("regions", "oblasts", "provinces"):
            return k > j
        if not (doc[k].text == "," or doc[k].lower_ == "and" or is_capitalised(doc[k])):
            return False
        k += 1
    return False


def _extend_with_region_word(sent, cand: ToponymSpan, offset: int) -> None:
    doc = tokens(sent.doc)
    j = cand.end_token
    if j + 1 < sent.end and doc[j].lower_ in ("border", "frontier", "frontline") and \
            doc[j + 1].lower_ in lexicon.REGION_SUFFIXES - {"district"}:
        j += 1  # "Kursk border region": the oblast
    if j < sent.end and doc[j].lower_ in lexicon.REGION_SUFFIXES - {"district"}:
        cand.end_token = j + 1
        cand.end = offset + doc[j].idx + len(doc[j].text)
        cand.text = span_text(sent.doc, cand.start_token, j + 1)
        cand.hint = "admin1"
    elif j < sent.end and doc[j].lower_ in lexicon.SETTLEMENT_SUFFIXES and cand.hint is None:
        cand.hint = "settlement"
    elif cand.hint is None and _before_plural_region_word(sent, j):
        cand.hint = "admin1"  # "the Luhansk and Donetsk regions": Luhansk is a region too
    i = cand.start_token
    if i - 2 >= sent.start and doc[i - 1].lower_ == "of" and cand.hint is None:
        head = doc[i - 2].lower_
        if head in lexicon.SETTLEMENT_HEADS:
            cand.hint = "settlement"
        elif head in lexicon.REGION_HEADS:
            cand.hint = "admin1"
