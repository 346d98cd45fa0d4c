"""Claims: who says what happened where and when, sentence by sentence.

For every event trigger in a sentence (see :data:`geomap.nlp.lexicon.EVENT_TRIGGERS`):

* **Places**: the sentence's ``event`` mentions, each given to a trigger of its
  own clause, else the closest trigger above it in the parse, else a trigger
  within eight tokens (by event priority). A region that only contains a
  settlement of the same claim ("Sudzha in the Kursk region") is dropped.
* **Claimant**: the subject of the speech verb above the trigger ("..., the
  Russian defence ministry said"), of a denial verb itself ("Ukrainian officers
  rejected the claim"), the object of "according to", or, for a pronoun ("It
  said"), the article's previous claimant. Unattributed narrative is the
  publisher's. ``claimant_side`` comes from words in the claimant's phrase:
  ``INDEPENDENT`` for analysts, media and third-party governments, ``RU``, ``UA``,
  else ``UNKNOWN``.
* **actor_side**: sides named in the trigger's subject or modifiers ("Russian
  forces thwarted", "the Ukrainian incursion"); "its/our forces" is the
  claimant's side, "the enemy" the other; otherwise the claimant's side for
  control, advance and repelled claims by a belligerent.
* **count** ("74 settlements"), **hedged** (a hedge in the sentence or the next
  one, or for belligerents' claims any sentence of the article that says claims
  could not be "independently verified" or "confirmed"), and the **date** of the
  time expression nearest the trigger, else the publication day
  (:mod:`geomap.nlp.dates`).
* **disputes**: a denial points at the latest earlier claim of the other side
  (control, advance, repelled, attack or strike) about the same place, else at
  the most precise claim of the latest such sentence (a village over its
  region); a denial that names no place takes the disputed claim's place. A claim
  denied in its own sentence is also kept as its maker's when a registry claimant
  makes it ("dismissed statements by Kadyrov that ... seized X") (session 6).
* **Coreference** (session 6): "the town", "the village" with no name, in a trigger's
  clause, is the one settlement of the latest claims; attempts whose tries were all
  stopped are repels (:func:`_stops_attempts`, :func:`_repels_the_last`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from functools import lru_cache

from gazetteer.geodesy import haversine_km
from geomap.nlp import lexicon
from geomap.nlp.claimants import Registry, RegistryMention, load_registry
from geomap.nlp.dates import MONTHS, WEEKDAYS, claim_date, find_time_expressions
from geomap.nlp.lexicon import stem
from geomap.nlp.parse import (
    ancestors,
    children,
    left_edge,
    once,
    right_edge,
    sent_text,
    sent_tokens,
    span_text,
    subtree,
    tokens,
    words,
)
from geomap.nlp.parse import sentences as doc_sentences
from geomap.nlp.parse import text as doc_text
from geomap.nlp.places import PlaceMention
from geomap.nlp.roles import TRIGGER_TYPE
from geomap.nlp.toponyms import LABEL_WORDS, is_capitalised
from geomap.schema import BELLIGERENTS, OPPONENT

_COUNT = re.compile(
    r"\b(\d[\d,]*|" + "|".join([*lexicon.NUMBER_WORDS, *lexicon.VAGUE_QUANTITIES]) + r")\s+"
    r"(?:(?:" + "|".join(lexicon.COUNT_MODIFIERS) + r")\s+)?"
    r"(" + "|".join(lexicon.COUNTED_NOUNS) + r")\b", re.IGNORECASE)
_ATTACK_COUNT = re.compile(
    r"\b(\d[\d,]*|" + "|".join(lexicon.NUMBER_WORDS) + r")\s+"
    r"(?:(?:" + "|".join(lexicon.COUNT_MODIFIERS) + r")\s+){0,2}"
    r"(?:" + "|".join(lexicon.ATTACK_COUNTED) + r")\b", re.IGNORECASE)
_DENIAL_OBJECT = re.compile(lexicon.DENIAL_OBJECT_PATTERN, re.IGNORECASE)
SPEECH_STEMS = lexicon.SPEECH_STEMS
DENIAL_STEMS = lexicon.stems(lexicon.EVENT_TRIGGERS["denial"][0])


@dataclass(slots=True)
class Claim:
    """One claim about one place (or a denial of one)."""

    sentence: str
    sentence_start: int
    sentence_end: int
    claimant: str
    claimant_side: str
    event_type: str
    actor_side: str
    mention: PlaceMention | None
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str
    count: int | None = None
    hedged: bool = False
    disputes: Claim | None = None
    trigger: str = ""
    confidence: float = 0.5
    notes: list[str] = field(default_factory=list)
    kind: str = "claim"  # "claim", or "background" for past events framed as history


@lru_cache(maxsize=4096)
def side_of(phrase: str | None) -> str:
    """RU, UA, INDEPENDENT or UNKNOWN for a claimant phrase (remembered per phrase)."""
    if not phrase:
        return "UNKNOWN"
    low = f" {phrase.lower()} "
    if any(word in low for word in lexicon.INDEPENDENT_WORDS):
        return "INDEPENDENT"
    ru = [low.find(w) for w in lexicon.RU_WORDS if w in low]
    ua = [low.find(w) for w in lexicon.UA_WORDS if w in low]
    if ru or ua:  # the side named first governs ("Ukraine's army, citing Russian losses")
        return "RU" if ru and (not ua or min(ru) < min(ua)) else "UA"
    if any(word in low for word in lexicon.FOREIGN_WORDS):
        return "INDEPENDENT"
    return _regional_officials_side(low)


_REGION_OF_SIDE = {side: re.compile(r"\b(?:{})\b".format("|".join(stems)))
                   for side, stems in lexicon.REGION_SIDES.items()}
_OFFICIALS = re.compile(r"\b(?:{})\b".format("|".join(lexicon.OFFICIAL_WORDS)))


def _regional_officials_side(low: str) -> str:
    """The side of a region's officials named with their region ("Kursk regional
    officials": RU; "officials in the Sumy region": UA; :data:`lexicon.REGION_SIDES`),
    else UNKNOWN (session 7)."""
    if not _OFFICIALS.search(low):
        return "UNKNOWN"
    sides = [side for side, pattern in _REGION_OF_SIDE.items() if pattern.search(low)]
    return sides[0] if len(sides) == 1 else "UNKNOWN"


def _officials_of_the_place(claimant: str | None, side: str,
                            mention: PlaceMention | None) -> str:
    """Rule (session 9): officials with no region and no side named ("regional officials",
    "the governor", "local authorities") speak for the side that alone governs the region
    of the place they report on: Russia for a settlement in Russia ("a drone hit Shebekino,
    the governor said": RU), Ukraine for one in a region it alone administers (Sumy,
    Kharkiv; not Donetsk, Luhansk, Zaporizhzhia, Kherson or Crimea, which have officials of
    both sides: :data:`geomap.nlp.lexicon.CONTESTED_REGIONS`). Any other claimant keeps
    *side*."""
    place = mention.place if mention is not None else None
    if side != "UNKNOWN" or not claimant or place is None or not place.admin1 or \
            not _OFFICIALS.search(claimant.lower()):
        return side
    if place.country == "RU":
        return "RU"
    if place.country == "UA" and place.admin1 not in lexicon.CONTESTED_REGIONS:
        return "UA"
    return side


def _commands_own_forces(claimant: str | None, side: str, trigger, event: str) -> str:
    """Rule (session 9): a bare military source with no earlier antecedent ("the
    ministry", "the defence ministry", "the general staff": :data:`lexicon.GENERIC_COMMANDS`)
    that reports its forces' own gain ("Russian troops have seized X, the ministry said")
    is the command of the side whose forces the sentence names as acting (control, advance
    or repel); with no side named ("its forces took X") it stays UNKNOWN."""
    if side != "UNKNOWN" or not claimant or event not in ("control", "advance", "repelled") \
            or claimant.lower().strip() not in lexicon.GENERIC_COMMANDS:
        return side
    actor = _actor_side(trigger, event, "UNKNOWN")
    return actor if actor in BELLIGERENTS else side


def _phrase(token) -> str:
    """The noun phrase headed by *token*, without relative clauses or trailing asides."""
    keep = {token.i}
    stack = [token]
    while stack:
        t = stack.pop()
        for child in children(t):
            if child.dep_ in ("relcl", "acl", "advcl", "parataxis", "punct", "cc") \
                    and child.i > token.i:
                continue
            if child.dep_ == "conj" and child.i > token.i + 6:
                continue
            if child.is_space or child.ent_type_ in ("DATE", "TIME"):
                continue  # "MOSCOW, March 11 - Russia's ministry": not the dateline
            if child.dep_ == "prep" and child.i > token.i and any(
                    g.lower_ in WEEKDAYS or g.lower_.rstrip(".") in MONTHS
                    for g in children(child)):
                continue  # "Ukraine's military on Friday / on Oct. 2 rejected ...": no date
            keep.add(child.i)
            stack.append(child)
    doc = tokens(token.doc)
    start, end = min(keep), max(keep) + 1
    for k in range(token.i + 1, end):  # "Heorhii Tykhyi, Ukraine ..." stops at the comma
        if doc[k].text in (",", ";", "(", "—", "–"):
            end = k
            break
    for k in range(token.i - 1, start - 1, -1):  # "KYIV, Ukraine (AP) — Russia's ...": the
        if doc[k].is_space or doc[k].text in ("—", "–"):  # blanked agency ends a dateline
            start = k + 1
            break
    while start < end and not any(ch.isalnum() for ch in doc[start].text):
        start += 1
    while end > start and not any(ch.isalnum() for ch in doc[end - 1].text):
        end -= 1
    if end - start > 1 and _misparsed_verb(doc[end - 1]):
        end -= 1  # a headline's "Kyiv dismisses report ...": Kyiv, not "Kyiv dismisses"
    return span_text(token.doc, start, end) if start < end else token.text


def _misparsed_verb(token) -> bool:
    """A speech or denial verb in the third person that a headline's parse made a noun
    ("dismisses", "denies", "rejects": :data:`lexicon.HEADLINE_VERBS`, never a noun such
    as "claims" or "reports")."""
    return token.pos_ in ("NOUN", "PROPN") and token.lower_ in lexicon.HEADLINE_VERBS


def _subject(verb, *, active_only: bool = False):
    """The verb's subject (the one nearest the verb: "MOSCOW, March 11 - the ministry
    said" is the ministry's), else the object of its "by" agent."""
    deps = ("nsubj",) if active_only else ("nsubj", "nsubjpass")
    subjects = [child for child in children(verb) if child.dep_ in deps]
    if subjects:
        return min(subjects, key=lambda child: abs(verb.i - child.i))
    for child in children(verb):
        if child.dep_ == "agent":
            for grandchild in children(child):
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _according_to(sent):
    low = words(sent.doc).lower
    for i in range(sent.start, sent.end):
        if low[i] == "according" and i + 1 < sent.end and low[i + 1] == "to":
            for child in children(tokens(sent.doc)[i + 1]):
                if child.dep_ == "pobj":
                    return child
    return None


def _orders_evacuation(node, trigger) -> bool:
    """Rule (session 9): who orders an evacuation announces it, so a verb that orders it
    (:data:`geomap.nlp.lexicon.EVACUATION_ORDERS`) above an evacuation trigger (the caller
    checks the trigger) is read like a speech verb: "Governor Filashkin ordered the
    evacuation of X" is Filashkin's."""
    return node is not trigger and node.pos_ == "VERB" and \
        node.lemma_.lower() in lexicon.EVACUATION_ORDERS


def _sources_its_clause(according, trigger) -> bool:
    """Rule (session 9): "according to X" that hangs on the trigger's own clause (on the
    trigger or a verb above it) is the source of that clause, before a speech verb of
    another clause of the sentence: "Russian forces have captured X, according to Russian
    bloggers, but Ukraine's military said ..." is the bloggers' capture."""
    verb = according.head.head.head  # X <- "to" <- "according" <- the verb it modifies
    return verb.i == trigger.i or any(node.i == verb.i for node in ancestors(trigger))


def _speech_subject(verb):
    """The source of a speech verb: its active subject, else an apposition right before
    it ("attacks near Vovchansk, the General Staff said": the parse hangs the General
    Staff on the place; also with a comma before the verb: "..., Ivan Fedorov, head of the
    regional administration, reported"), else None. "X, Y said" (no comma before the verb)
    is Y's: the parse may make X the subject and Y its apposition ("liberated X, Rybar
    reported"), also after a dash that closes a list ("three villages — A, B and C —
    Syrskyi said"; session 8)."""
    subject = _subject(verb, active_only=True)
    if subject is not None and subject.i < verb.i:
        for child in subject.subtree:  # also on the last place of a list it heads
            end = right_edge(child).i
            if child.dep_ == "appos" and child.lemma_.lower() not in \
                    lexicon.SETTLEMENT_NOUNS and (  # "X, a village near Y, ..." describes X
                    end == verb.i - 1 or (  # "X, Ivan Fedorov, said"
                    end == verb.i - 2 and verb.doc[verb.i - 1].text == "," and
                    child.pos_ == "PROPN" and subject.pos_ == "PROPN")) and \
                    left_edge(child).i > 0 and verb.doc[left_edge(child).i - 1].text in (
                        ",", "—", "–"):  # "... — A, B and C — Syrskyi said" (session 8)
                return child
    if subject is not None or verb.i == 0:
        return subject
    before = verb.doc[verb.i - 1]
    if before.text == "," and verb.i > 1:  # "..., Ivan Fedorov, head of the X, reported"
        before = verb.doc[verb.i - 2]
    if before.pos_ not in ("PROPN", "NOUN"):
        return None
    while before.dep_ in ("pobj", "prep", "compound") and before.head.i < before.i:
        before = before.head  # "the Institute for the Study of War said": the Institute
    if before.dep_ in ("appos", "npadvmod", "conj", "dobj", "pobj", "nsubj") and \
            before.pos_ in ("PROPN", "NOUN") and left_edge(before).i > 0 and \
            verb.doc[left_edge(before).i - 1].text == ",":
        return before
    return None


def _is_speech(token) -> bool:
    w, i = words(token.doc), token.i
    return (w.stem[i] in SPEECH_STEMS or w.lemma[i] in SPEECH_STEMS) \
        and w.pos[i] in ("VERB", "AUX", "")


def _attribution(trigger, sent, relays=lambda phrase: False):
    """(claimant token, verb) for *trigger*: the subject of the outermost speech verb
    above it that is a source (not evidence such as "footage", not a publisher that
    relays, per *relays*); else a speech verb elsewhere in the sentence ("..., the
    ministry said"; one without a clause of its own before one with: "X, Rybar said, but
    Ukraine's General Staff said Z" is Rybar's); else the object of "according to"."""
    is_denial_verb = (stem(trigger.text) in DENIAL_STEMS or trigger.lemma_.lower() in
                      DENIAL_STEMS) and trigger.pos_ == "VERB"  # "denied": lemma "deny"
    if is_denial_verb and _subject(trigger) is not None:
        return _subject(trigger), trigger
    node = trigger
    outermost = None  # "ISW said footage showed advances": ISW, not the footage
    evacuation = trigger.lemma_.lower() in lexicon.EVENT_TRIGGERS["evacuation"][0]
    while node is not None:
        if _is_speech(node) or (evacuation and _orders_evacuation(node, trigger)):
            subject = _speech_subject(node)  # "are reported to have": no claimant
            if subject is None and (denier := _denier_account(node)) is not None:
                subject = _subject(denier, active_only=True)
            head = node
            while subject is None and head.dep_ in ("xcomp", "advcl", "conj", "ccomp") \
                    and head.head.i != head.i:
                head = head.head
                subject = _subject(head, active_only=True)
            evidence_only = subject is not None and subject.lower_ in lexicon.EVIDENCE_NOUNS
            relay = subject is not None and outermost is not None and \
                relays(_phrase(subject))
            if subject is not None and not relay and (not evidence_only or outermost is None):
                outermost = (subject, node)
                if node.dep_ == "advcl" and not evidence_only:
                    break  # "X claimed ..., while Ukraine's military said ...": its own source
        if node.head.i == node.i:
            break
        node = node.head
    if outermost is not None:
        return outermost
    reported = _sided_report(trigger)
    if reported is not None:
        return reported, None
    according = _according_to(sent)
    if according is not None and _sources_its_clause(according, trigger):
        return according, None
    found = None
    reports_own = None  # a speech verb with a clause of its own ("but Y said Z ...")
    # a speech verb elsewhere in the sentence ("..., the ministry said.")
    for t in sent_tokens(sent):
        if _is_speech(t) and t.pos_ != "AUX" and t.dep_ in (
                "ROOT", "parataxis", "ccomp", "conj", "advcl", "relcl"):
            subject = _speech_subject(t)
            if subject is not None and subject.i != trigger.i and \
                    subject.head.i != trigger.i and (found is None or not relays(
                        _phrase(subject))):
                if any(c.dep_ == "ccomp" for c in children(t)):
                    reports_own = (subject, t)
                else:  # "X, Rybar said, but Y said Z": X is Rybar's (session 9, lead)
                    found = (subject, t)
    found = found or reports_own
    if found is not None:
        return found
    if according is not None:  # an "according to" of another clause
        return according, None
    return None, None


def _denies_the_claim_before(trigger) -> bool:
    """A denial verb whose object is a pronoun for the claim before ("Ukraine's military
    denied it."), not negated nor modal ("would not deny it"; session 7)."""
    kids = children(trigger)
    return trigger.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.lower_ in lexicon.DENIED_PRONOUNS for c in kids) and not any(
        c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in lexicon.MODAL_AUXILIARIES)
        for c in kids)


def _misparsed_denier(trigger, sent) -> str | None:
    """The denier of a denial verb the parse made a modifier of the report noun after it
    ("Ukraine's military dismissed claims by Russia's Defense Ministry that ...": "dismissed"
    an amod of "claims", the ROOT): the words before the verb within the noun's phrase, back
    to a dash, comma or the sentence start; None for any other parse (session 7)."""
    head = trigger.head
    if trigger.dep_ not in ("amod", "compound") or head.i <= trigger.i or \
            head.lemma_.lower() not in lexicon.REPORT_NOUNS or \
            trigger.i == sent.start:
        return None
    doc = tokens(trigger.doc)
    inside = {t.i for t in subtree(head)}
    start = trigger.i
    while start - 1 >= sent.start and start - 1 in inside and \
            doc[start - 1].text not in (",", "—", "–", "-", ":", "(", ")") and \
            not doc[start - 1].is_space:
        start -= 1
    if start == trigger.i or not any(doc[k].pos_ in ("PROPN", "NOUN", "ADJ")
                                     for k in range(start, trigger.i)):
        return None
    phrase = span_text(trigger.doc, start, trigger.i).strip()
    return phrase if side_of(phrase) != "UNKNOWN" else None


def _denier_account(verb):
    """The denial verb whose own account a participle *verb* gives, wherever the parse
    hangs it ("denied reports that its troops had left X, saying its units were holding
    positions in the village": "saying" is the ministry's, though parsed under "left"):
    the sentence's root when it is a denial verb before *verb*; else None (session 7)."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return None
    root = verb.sent.root
    if root.i >= verb.i or root.pos_ != "VERB" or not (
            stem(root.text) in DENIAL_STEMS or root.lemma_.lower() in DENIAL_STEMS):
        return None
    return root


def _sided_report(trigger):
    """A report noun above *trigger* that names its side ("did not comment on Russian
    claims that X was captured": the Russian claims), below any speech verb; else None."""
    for node in ancestors(trigger)[:6]:
        if _is_speech(node):
            return None
        if node.pos_ == "NOUN" and node.lemma_.lower() in lexicon.REPORT_NOUNS and any(
                side_of(_phrase(child)) in BELLIGERENTS for child in children(node)
                if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < node.i):
            return node
    return None


def _sentence_attribution(sent):
    """The sentence's own source, if it names one: the subject of its speech verb, or
    the object of "according to" (used to read a later "he" or "it")."""
    for t in sent_tokens(sent):
        if _is_speech(t) and t.pos_ == "VERB":
            subject = _speech_subject(t)
            if subject is not None:
                return subject
    return _according_to(sent)


def _side_words(text: str, claimant_side: str) -> str | None:
    low = f" {text.lower()} "
    if any(w in low for w in lexicon.OWN_SIDE_WORDS) and claimant_side in BELLIGERENTS:
        return claimant_side
    if any(w in low for w in lexicon.ENEMY_WORDS) and claimant_side in BELLIGERENTS:
        return "UA" if claimant_side == "RU" else "RU"
    side = side_of(text)
    return side if side in ("RU", "UA") else None


def _other(side: str) -> str:
    return OPPONENT.get(side, side)


def _actor_side(trigger, event_type: str, claimant_side: str) -> str:
    """The side that acted. A passive subject is the patient, not the actor: the agent
    ("by Russian forces") acts; for a passive repelled claim ("12 Russian attacks were
    repelled") the subject's side attacked, so the other side repelled. The holder of
    "under the control of Kyiv" / "under Ukrainian control" is the actor. A withdrawal
    (:func:`_is_withdrawal`) is a control claim whose actor is the side that did not
    withdraw."""
    if (event_type == "control" and _is_withdrawal(trigger)) or \
            (event_type == "attack" and _driven_out(trigger)):  # "tried to push our units out"
        return _other(_actor_side(trigger, "advance", claimant_side))
    holder = _holder_side(trigger, claimant_side)
    if holder:
        return holder
    subject = _subject(trigger) if trigger.pos_ in ("VERB", "AUX") or \
        _conjoined_verb(trigger) else None
    texts = []
    if subject is not None and subject.dep_ == "nsubjpass":
        agent = next((g for c in children(trigger) if c.dep_ == "agent"
                      for g in children(c) if g.dep_ == "pobj"), None)
        if agent is not None:
            side = _side_words(_phrase(agent), claimant_side)
            if side:
                return side
        if event_type == "repelled":
            side = _side_words(_phrase(subject), claimant_side)
            if side:
                return _other(side)
        subject = None
        if event_type in ("control", "advance", "repelled") and claimant_side in BELLIGERENTS:
            return claimant_side
    if subject is not None:
        texts.append(_phrase(subject))
    for child in children(trigger):
        if child.dep_ in ("amod", "compound", "poss", "nmod"):
            texts.append(_phrase(child))
    node = trigger
    for _ in range(3):  # "Ukrainian forces launched an incursion": the verb above a noun
        if subject is not None or node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subject = _subject(node)
            if subject is not None:
                texts.append(_phrase(subject))
    for text in texts:
        side = _side_words(text, claimant_side)
        if side:
            return side
    if event_type in ("control", "advance", "repelled") and claimant_side in ("RU", "UA"):
        return claimant_side
    return "UNKNOWN"


def _real_triggers(sent, every: list | None = None) -> list[tuple[object, str]]:
    """The triggers of *sent* (*every*: all of them, if known) that report an event:
    irrealis ones go, except that a capture or advance only attempted ("tried 38 times to
    push our units out of X", "are trying to encircle X") is an ``attack``."""
    found = []
    every = _triggers(sent) if every is None else every
    # a repel verb the parse hangs on the attempt noun ("had thwarted(amod) attempts to
    # break through near X") is above what it modifies
    repels = {t.head.i if t.dep_ == "amod" else t.i for t, e in every if e == "repelled"}
    causes = {t.i for t, _ in every if _is_a_cause(t)}
    if len(causes) < len(every):  # another trigger is the event
        every = [(t, e) for t, e in every if t.i not in causes]
    for t, e in every:
        if e == "denial" or not _is_irrealis(t, e):
            found.append((t, e))
        elif e in ("control", "advance") and _attempted(t) and \
                not any(a.i in repels for a in ancestors(t)):  # "stopped 42 attempts to ..."
            found.append((t, "attack"))
    return found


def _unreal(every: list, real: list) -> list[tuple[object, str]]:
    """The triggers of *every* that :func:`_real_triggers` dropped as planned, wished,
    negated or hypothetical (not those it dropped as another event's cause)."""
    kept = {t.i for t, _ in real}
    return [(t, e) for t, e in every if t.i not in kept and e != "denial" and
            not _is_a_cause(t) and not any(  # "thwarted attempts to break through near X",
                # "failed to capture X": a repel's, real
                a.lemma_.lower() in lexicon.ATTEMPT_HEADS or a.lemma_.lower() == "fail"
                for a in ancestors(t)[:2])]


def _planned_place(mention: PlaceMention, real: list, unreal: list, doc) -> bool:
    """Rule (session 9, long articles): a place whose own trigger is hypothetical, planned or
    negated gets no claim from another trigger of its sentence ("intend to seize X before
    advancing on Y": no advance at X; "If they take X, they can shell Y": nothing at X;
    "liberated A but never broke through near B": no capture of B)."""
    token = doc[mention.span.end_token - 1]
    real_ids, unreal_ids = {t.i for t, _ in real}, {t.i for t, _ in unreal}
    for node in ancestors(token):  # the nearest trigger above the place in the parse
        if node.i in real_ids:
            return False
        if node.i in unreal_ids:
            return True
    return False


def _is_a_cause(trigger) -> bool:
    """Rule (session 8): a trigger inside "because of", "due to", "amid", "citing" gives the
    reason for the sentence's other event ("evacuation of families from X because of constant
    shelling": an evacuation of X), not an event of its own there."""
    return any(a.lower_ in lexicon.CAUSE_WORDS for a in ancestors(trigger)[:2])


def _attempted(trigger) -> bool:
    """*trigger* is the object of an attempt (a head in :data:`lexicon.ATTEMPT_HEADS`
    within two steps up) and nothing else makes it hypothetical (no negation, modal or
    plan)."""
    if _is_irrealis(trigger, "repelled"):  # an attempt alone does not count for a repel
        return False
    return any(node.lemma_.lower() in lexicon.ATTEMPT_HEADS for node in ancestors(trigger)[:2])


def _repels_the_last(sent, triggers, has_places: bool, last: list[Claim],
                     source: tuple[str, str] | None = None, note: str = "the next sentence"
                     ) -> bool:
    """A sentence that repels with no place of its own ("All the attacks were repelled.",
    "Ukrainian forces repelled 31 of them") after a sentence of attacks: those attacks were
    repelled. The last sentence's attack claims become ``repelled`` claims (by the side
    attacked), with the repel sentence's count if it gives one; a repel count below the
    attacks' count ("attacked 46 times ... repelled 40 attacks") leaves them attacks. An
    unattributed attack takes the repel sentence's named *source* ("The enemy attacked near
    X. Our defenders stopped all the assaults, the General Staff reported")."""
    if has_places or not last or not any(e == "repelled" for _, e in triggers):
        return False
    changed = False
    repelled = _count(sent_text(sent), _ATTACK_COUNT)
    for claim in last:
        if claim.count and repelled and repelled < claim.count:
            continue  # "attacked 46 times ... repelled 40 attacks": some attacks go on
        if claim.event_type == "attack" and claim.kind == "claim":
            claim.event_type = "repelled"
            if source is not None and UNATTRIBUTED in claim.notes and \
                    source[1] in BELLIGERENTS:
                claim.claimant, claim.claimant_side = source
                claim.notes.remove(UNATTRIBUTED)
            claim.actor_side = OPPONENT.get(claim.actor_side, claim.claimant_side)
            claim.count = repelled or claim.count
            claim.notes.append(f"repelled, says {note}")
            changed = True
    return changed


def _stops_attempts(triggers, assigned: dict) -> bool:
    """A repel verb with no place of its own whose object, or passive subject, is the
    attempts or attacks of its sentence ("tried four times to break through near X, and
    all the attempts were stopped", "attacked near X, but our units stopped the assault"):
    the sentence's attacks were repelled."""
    return any(e == "repelled" and not assigned.get(t.i) and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lower_ in lexicon.REPELLED_NOUNS
        for c in children(t)) for t, e in triggers)


def _paragraph_goes_on(texts: list[str], index: int) -> bool:
    """The sentence after *index* is in the same paragraph (no line break between)."""
    return index + 1 < len(texts) and "\n" not in texts[index].rstrip(" ") and \
        not texts[index + 1].startswith("\n")


def _repelled_after(trigger, triggers) -> bool:
    """An attack verb with a repel verb coordinated to it and no subject of its own
    ("attacked our positions near X and were thrown back", "attacked near X but were
    repelled"): the attack was repelled."""
    return trigger.pos_ == "VERB" and any(
        e == "repelled" and t.dep_ == "conj" and t.head.i == trigger.i and
        not any(c.dep_ == "nsubj" for c in children(t)) for t, e in triggers)


def _takes_positions(trigger) -> bool:
    """A capture verb whose object is positions, not a place ("regained positions near X",
    "seized positions in X"): an advance. Holding them ("holding the line near X") stays
    control."""
    return trigger.pos_ == "VERB" and trigger.lemma_.lower() not in lexicon.HOLD_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lexicon.POSITION_NOUNS
        for c in children(trigger))


def _is_withdrawal(trigger) -> bool:
    """A trigger that reports a withdrawal: its lemma, or the verb it depends on
    ("pulled its troops out of X"), is in :data:`geomap.nlp.lexicon.WITHDRAWAL_WORDS`; or
    it is the force driven out (:func:`_driven_out`)."""
    if trigger.lemma_.lower() in lexicon.WITHDRAWAL_WORDS:
        return True
    return trigger.pos_ != "VERB" and (trigger.head.lemma_.lower() in lexicon.WITHDRAWAL_WORDS
                                       or _driven_out(trigger))


def _driven_out(trigger) -> bool:
    """The force of "cleared/pushed Russian troops out of X" (the trigger of "troops out
    of"): its side words name the side that loses X."""
    return trigger.dep_ == "dobj" and trigger.lower_ in lexicon.FORCE_NOUNS


def _holder_side(trigger, claimant_side: str) -> str | None:
    """The side of who holds a place "under (X) control (of Y)", from X or Y."""
    node = trigger
    if trigger.lower_ == "under":
        node = next((c for c in children(trigger) if c.lower_ == "control"), trigger)
    if node.lower_ != "control" or not any(a.lower_ == "under" for a in ancestors(node)[:1]):
        return None
    texts = [_phrase(c) for c in children(node) if c.dep_ in ("amod", "compound", "poss")]
    texts += [_phrase(g) for c in children(node) if c.dep_ == "prep" and c.lower_ == "of"
              for g in children(c) if g.dep_ == "pobj"]
    return next((side for side in (_side_words(t, claimant_side) for t in texts) if side),
                None)


def _count(text: str, pattern: re.Pattern[str] = _COUNT) -> int | None:
    """The number a sentence counts with *pattern* (settlements by default; attacks with
    ``_ATTACK_COUNT``: "repelled 11 attacks", "tried 38 times")."""
    match = pattern.search(text)
    if not match:
        return None
    number = match.group(1).lower().replace(",", "")
    if number.isdigit():
        return int(number)
    return lexicon.NUMBER_WORDS.get(number)


def _phrases_in(doc) -> list[tuple[str, str]]:
    """The (event, phrase) pairs of :data:`lexicon.EVENT_TRIGGERS` that may occur in a
    sentence of *doc*, in the lexicon's order: those found in the document's lower-case
    text (a sentence's lower-case text is a piece of it as far as ASCII letters go), and
    any phrase that is not ASCII."""
    low = doc_text(doc).lower()
    return [(event, phrase) for event, (_, phrases) in lexicon.EVENT_TRIGGERS.items()
            for phrase in phrases if phrase in low or not phrase.isascii()]


def _trigger_tokens(doc) -> tuple[list[int], list[str | None]]:
    """(the tokens that may be triggers, in order; each token's event by lemma or stem):
    a token with an event, an adjective ("advanced" parsed ADJ) or a form of a verb that
    captures only a place (:data:`geomap.nlp.lexicon.PLACE_OBJECT_VERBS`: "take", "clear")."""
    w = words(doc)
    events = [TRIGGER_TYPE.get(lemma) or TRIGGER_TYPE.get(st)
              for lemma, st in zip(w.lemma, w.stem, strict=True)]
    maybe = [i for i, event in enumerate(events)
             if event is not None or w.pos[i] == "ADJ" or
             w.lemma[i] in lexicon.PLACE_OBJECT_VERBS or
             w.lemma[i] in lexicon.PLACE_SUBJECT_VERBS]
    return maybe, events


def _triggers(sent) -> list[tuple[object, str]]:
    found = []
    low_text = sent_text(sent).lower()
    w, toks = words(sent.doc), tokens(sent.doc)
    maybe, events = once(sent.doc, "trigger tokens", _trigger_tokens)
    for i in maybe[bisect_left(maybe, sent.start):bisect_left(maybe, sent.end)]:
        event = events[i]
        if event is None and w.pos[i] == "ADJ" and _conjoined_verb(toks[i]):
            event = TRIGGER_TYPE.get(w.lower[i][:-1])  # "... and advanced near X" parsed ADJ
        if event is None and w.lemma[i] in lexicon.PLACE_OBJECT_VERBS and \
                _takes_a_place(toks[i]):
            event = "control"  # "took Kostiantynivka", "have cleared the village of X"
        if event is None and w.lemma[i] in lexicon.PLACE_SUBJECT_VERBS and \
                _place_fell(toks[i]):
            event = "control"  # "Bakhmut fell in May 2023"
        if event is not None and w.pos[i] in ("VERB", "NOUN", "ADJ", "PROPN", ""):
            found.append((toks[i], event))
    for event, phrase in once(sent.doc, "trigger phrases", _phrases_in):
        at = low_text.find(phrase)
        if at < 0:
            continue
        char = sent.start_char + at
        token = next((t for t in sent_tokens(sent) if t.idx >= char), None)
        if token is not None and all(abs(token.i - t.i) > 1 or e != event
                                     for t, e in found):
            # the phrase is more specific than its first word ("pushed back")
            found = [(t, e) for t, e in found if t.i != token.i]
            found.append((token, event))
    return found


NEAR_TOKENS = 8


_TIME_WORDS = frozenset({"yesterday", "today", "overnight", "earlier", "later", "then",
                         "now", "meanwhile", *MONTHS, *WEEKDAYS})


def _place_fell(verb) -> bool:
    """Rule (session 9, long articles): "X fell" (:data:`lexicon.PLACE_SUBJECT_VERBS`) is a
    capture when its subject is a name or a settlement noun ("Bakhmut fell in May 2023",
    "Avdiivka, which fell in February 2024", "the town fell"), not a shell, debris or a
    figure ("Debris fell on a kindergarten": :data:`lexicon.LANDING_WORDS`, "prices fell")."""
    if verb.pos_ != "VERB" or any(c.dep_ == "prep" and c.lower_ in lexicon.LANDING_WORDS
                                  for c in children(verb)):
        return False  # "Debris fell on a kindergarten": it landed
    subject = next((c for c in children(verb) if c.dep_ == "nsubj" and (
        c.pos_ == "PROPN" or c.lemma_.lower() in lexicon.COREFERENCE_NOUNS or
        c.lower_ in ("which", "that"))), None) or next(
        (c for c in children(verb) if c.i < verb.i and c.dep_ in ("advmod", "npadvmod")
         and is_capitalised(c) and c.lower_ not in _TIME_WORDS), None)  # a name the parse
    # made an adverb ("Bakhmut, a few kilometres further east, fell in May 2023")
    if subject is not None and subject.lower_ in ("which", "that") and verb.dep_ == "relcl":
        subject = verb.head  # "Avdiivka, which fell ..."
    return subject is not None and (
        (subject.pos_ in ("PROPN", "ADV") and is_capitalised(subject) and
         subject.lower_ not in _TIME_WORDS) or
        subject.lemma_.lower() in lexicon.COREFERENCE_NOUNS)


def _takes_a_place(verb) -> bool:
    """"take" or "clear" whose object is a name or a settlement noun (not "take part", "took
    place", "cleared mines"; "cleared X" is session 8's)."""
    kids = children(verb)
    for child in kids:
        if child.dep_ == "dobj" or (child.dep_ == "nsubjpass" and verb.tag_ == "VBN" and not any(
                k.lower_ in lexicon.NOT_CAPTURED_TO for k in kids)):
            # "took X"; passive (session 8): "X was (reportedly) taken by ...", not "Y was
            # taken to Kursk", "taken prisoner"
            return child.pos_ == "PROPN" or child.lower_ in lexicon.SETTLEMENT_NOUNS
    return False


def _governing_trigger(mention: PlaceMention, triggers, doc):
    """The trigger a place belongs to: one of its own clause (a verb coordinated with
    the clause's verb keeps its own objects: "fighting on the outskirts of X and have
    captured Y"), else one above it in the parse (or an adjective on a
    noun above it: "thwarted attempts to break through near X"), else one within
    :data:`NEAR_TOKENS` tokens; among several, the first in EVENT_PRIORITY (a verb of a
    clause below the place's own keeps its objects: "closing in on X after taking Y"). A
    place that a negated word of saying governs before any trigger does ("did not comment
    on X", :func:`_left_unmentioned`) has none. None
    when no trigger is close (the place is then not an event place of that sentence)."""
    token = doc[mention.span.end_token - 1]
    usable = [(t, e) for t, e in triggers if e != "denial"]
    if not usable or _left_unmentioned(token, {t.i for t, _ in usable}):
        return None
    chain = ancestors(token)
    clause = next((a for a in chain if a.pos_ in ("VERB", "AUX") or _conjoined_verb(a)),
                  None)
    if clause is not None:  # a trigger of the place's own clause: the verb or its arguments
        same = [(t, e) for t, e in usable
                if (t.i == clause.i or t.head.i == clause.i or t.head.head.i == clause.i)
                and not _in_conjoined_clause(t, clause) and not _subordinate_verb(t, clause)]
        if same:
            return min(same, key=lambda te: (lexicon.EVENT_PRIORITY.index(te[1]),
                                              abs(te[0].i - token.i)))
    position = {a.i: k for k, a in enumerate(chain)}

    def at(t) -> int:  # "thwarted attempts ... near X": the modifier of a noun above it
        return t.head.i if t.dep_ == "amod" and t.head.i in position else t.i

    above = [(t, e) for t, e in usable if at(t) in position]
    if above:  # the closest trigger above the place in the parse
        return min(above, key=lambda te: position[at(te[0])])
    close = [(t, e) for t, e in usable if abs(t.i - token.i) <= NEAR_TOKENS]
    if not close:
        return None
    return min(close, key=lambda te: (lexicon.EVENT_PRIORITY.index(te[1]),
                                      abs(te[0].i - token.i)))


def _left_unmentioned(token, trigger_ids: set[int]) -> bool:
    """*token* (a place) is what a negated word of saying is about, below any trigger:
    "did not comment on X", "made no mention of the village", "declined to comment on X",
    "without mentioning X" (:data:`lexicon.SILENCE_WORDS`; session 9), the word found
    before any other verb above X. Such a sentence says nothing about X ("repelled
    attacks near Y but did not comment on X"; not "did not comment but said fighting
    continued near X")."""
    for node in ancestors(token):
        if node.i in trigger_ids:
            return False
        if node.lemma_ in lexicon.SILENCE_WORDS:
            head = node.head
            return (any(k.dep_ == "neg" or k.lower_ == "no" for k in children(node))
                    or (node.dep_ == "xcomp" and head.lemma_ in lexicon.SILENCE_REFUSALS)
                    or (node.dep_ == "pcomp" and head.lower_ == "without"))
        if node.pos_ in ("VERB", "AUX"):
            return False  # the place's own clause says something else of it ("... did not
            # comment but said fighting was continuing around X")
    return False


def _subordinate_verb(trigger, clause) -> bool:
    """*trigger* is, or is the complement of, a verb heading a clause of its own below
    *clause* ("after taking Y", "while clearing Y", "while Ukraine's General Staff said
    the attack was repelled"): its objects are its own, not the places of *clause*
    (session 9)."""
    if trigger.i == clause.i:
        return False
    return any(node.i != clause.i and node.pos_ == "VERB" and node.dep_ in ("pcomp", "advcl")
               for node in (trigger, trigger.head))


def _the_attack_repelled(trigger) -> bool:
    """A repel whose object is a definite attack with no place of its own ("the attack
    was repelled", "repelled the assault"): the attack the sentence's other clause reports
    (session 9, lead: "Russian troops entered X, while Ukraine's General Staff said the
    attack was repelled")."""
    for child in children(trigger):
        if child.dep_ in ("nsubjpass", "dobj", "nsubj") and \
                child.lemma_.lower() in lexicon.ATTACK_NOUNS and \
                any(c.lower_ in ("the", "this", "that") for c in children(child)) and \
                not any(c.dep_ == "prep" for c in children(child)):
            return True
    return False


def _in_conjoined_clause(trigger, clause) -> bool:
    """*trigger* is, or is an argument of, a verb coordinated with *clause*'s verb
    ("counterattacked near X and regained control of Y": "control" is not X's)."""
    for node in (trigger, trigger.head):
        if node.i != clause.i and node.dep_ == "conj" and node.head.i == clause.i and \
                (node.pos_ in ("VERB", "AUX") or _conjoined_verb(node)):
            return True
    return False


def _conjoined_verb(token) -> bool:
    """A verb the parse tagged as an adjective in a coordination ("the enemy occupied X
    and advanced near Y": "advanced" is ADJ, conj of "occupied"), or as the root of a
    clause with a subject ("Russian forces marginally advanced in southern X"): a clause of
    its own."""
    return token.pos_ == "ADJ" and (
        (token.dep_ == "conj" and token.head.pos_ == "VERB") or
        (token.dep_ == "ROOT" and token.lower_.endswith("ed") and
        any(c.dep_ == "nsubj" for c in children(token))))


def _is_irrealis(trigger, event: str = "") -> bool:
    """A negated, planned or hypothetical event ("not interested in holding", "vowed to hit").

    A repelled event is never made hypothetical by an attempt above it
    (:data:`geomap.nlp.lexicon.ATTEMPT_HEADS`): "thwarted attempts to break through near X"
    and "tries to counterattack, without success" report a repelled attack.

    Rule (session 9): an evacuation is reported by its order, so a head that orders or
    urges (:data:`geomap.nlp.lexicon.EVACUATION_ORDERS`: "ordered the mandatory evacuation
    of X", "urged residents of X to evacuate") does not make it a plan; a negation or a
    modal still does ("may order the evacuation of X")."""
    nodes = [trigger]
    steps = 0
    for node in ancestors(trigger):  # two words up ("before", "after" between them do not
        # count: "intend to seize X before advancing on Y"), not past a clause of its own
        # or a speech verb; "rather than storm it" shares its verb's plan
        if steps == 2 or (nodes[-1].dep_ in ("conj", "parataxis") and
                          not _instead(nodes[-1])) or _is_speech(node):
            break
        nodes.append(node)
        steps += node.lower_ not in lexicon.SEQUENCE_PREPOSITIONS
    if any(child.lower_ == "no" and child.dep_ == "det" for child in children(trigger)):
        return True  # "reported no progress towards X"
    for node in nodes:
        if any(child.dep_ == "neg" for child in children(node)):
            return True
        if any(child.dep_ == "mark" and child.lower_ in lexicon.CONDITIONALS
               for child in children(node)):
            return True  # "if they take X, ...", "unless Russia captures X"
        if node is not trigger and node.lemma_.lower() in lexicon.IRREALIS and not (
                event == "repelled" and node.lemma_.lower() in lexicon.ATTEMPT_HEADS) and \
                not (event == "evacuation" and node.lemma_.lower() in lexicon.EVACUATION_ORDERS):
            return True
        if any(child.dep_ == "aux" and child.lower_ in lexicon.MODAL_AUXILIARIES
               for child in children(node)) and not _possibly_happened(node):
            return True
    return False


def _instead(conj) -> bool:
    """*conj* is the alternative a plan rejects: "surround X rather than storm it",
    "to encircle X instead of storming it" (session 9, long articles)."""
    return any(c.dep_ == "cc" and c.lower_ == "than" for c in children(conj.head)) or \
        any(c.lower_ == "instead" for c in children(conj))


def _possibly_happened(verb) -> bool:
    """Rule (session 8): "may have seized X", "might have advanced": a modal of possibility
    with "have" and a past participle hedges a past event (a hedged claim, see
    :data:`geomap.nlp.lexicon.HEDGES`), it does not plan one ("may seize", "could have
    taken" stay irrealis)."""
    aux = [child.lower_ for child in children(verb) if child.dep_ == "aux"]
    return verb.tag_ == "VBN" and "have" in aux and any(
        a in lexicon.POSSIBILITY_MODALS for a in aux)


def extract_claims(mentions: list[PlaceMention], docs: list[tuple[int, object]],
                   published: dt.date | None, publisher: str | None,
                   registry: Registry | None = None) -> list[Claim]:
    """All claims of one article, in text order; see the module docstring.

    *registry* is the claimant registry (:func:`geomap.nlp.claimants.load_registry`
    by default)."""
    publisher_name = publisher or "the publisher"
    registry = registry or load_registry()
    side = registry.publisher_side(publisher)
    ctx = _Context(registry, publisher_name, side,
                   [RegistryMention(offset + m.start, offset + m.end, m.claimant, m.text)
                    for offset, doc in docs
                    for m in [*registry.find(doc_text(doc)),
                              *registry.national_mentions(doc_text(doc), side)]],
                   {(m.span.doc_index, k) for m in mentions
                    if m.span.slot in ("settlements-of", "region-of", "object", "tag")
                    for k in range(m.span.start_token, m.span.end_token)})
    doc_index_of = {id(doc): k for k, (_, doc) in enumerate(docs)}
    focus = _article_focus(mentions)
    sentences = [(offset, sent) for offset, doc in docs for sent in doc_sentences(doc)]
    texts = [sent_text(sent) for _, sent in sentences]
    lowered = [text.lower() for text in texts]  # once per sentence
    article_hedge = any(phrase in low for low in lowered for phrase in lexicon.ARTICLE_HEDGES)
    by_sentence: dict[int, list[PlaceMention]] = {}
    all_by_sentence: dict[int, list[PlaceMention]] = {}
    for m in mentions:
        all_by_sentence.setdefault(m.span.sent_index, []).append(m)
        if m.role == "event":
            by_sentence.setdefault(m.span.sent_index, []).append(m)
    claims: list[Claim] = []
    continued: tuple[str, str] | None = None  # a named source whose paragraph goes on
    reporter: tuple[str, str] | None = None  # the sentence before's reporting source
    # a news outlet relays its sources; an analyst (ISW) writes its own assessments
    relaying = registry.is_outlet_only(publisher_name)
    last: list[Claim] = []  # the claims of the sentence before
    antecedent: PlaceMention | None = None  # the one settlement of the latest claims
    opened: list[Claim] = []  # the placeless claims of a line ending in ":" (a list follows)
    for index, (offset, sent) in enumerate(sentences):
        text = texts[index]
        doc_index = doc_index_of[id(sent.doc)]
        first = len(claims)
        every = [] if retracts(lowered[index]) else _triggers(sent)
        triggers = _real_triggers(sent, every) if every else []
        unreal = _unreal(every, triggers)
        if opened and is_bullet_line(text) and not triggers:
            claims.extend(bullet_item_claims(opened, all_by_sentence.get(index, []), text,
                                             offset + sent.start_char))
            continue
        opened = []
        hedged_here = any(h in lowered[index] for h in lexicon.HEDGES)
        next_text = lowered[index + 1] if index + 1 < len(sentences) else ""
        hedged_next = any(h in next_text for h in lexicon.HEDGES) and not \
            any(t.lower_ in ("reuters",) for t in sent_tokens(sentences[index + 1][1]))
        coreferent_noun = any(noun in lowered[index] for noun in lexicon.COREFERENCE_NOUNS)
        attributions = {t.i: _attribution(t, sent, registry.is_outlet_only)[0]
                        for t, _ in triggers}
        acting: set[int] = set()  # triggers whose source is the group that acted
        # "Ukraine's military dismissed claims by X that ...": the denier the parse hid
        misparsed = next((d for t, e in triggers if e == "denial" and (
            d := _misparsed_denier(t, sent)) is not None), None)
        for t, event in triggers:  # "The North group liberated X": the group reports it
            if attributions[t.i] is None and event != "denial":
                actor = _subject(t, active_only=True) if t.pos_ == "VERB" else None
                if actor is None and t.dep_ == "conj" and t.head.pos_ == "VERB":
                    actor = _subject(t.head, active_only=True)  # "A did X, and B did Y"
                    actor = None if actor is None or actor.i > t.i else actor
                if actor is not None and _acting_claimant(_phrase(actor), registry):
                    attributions[t.i] = actor
                    acting.add(t.i)
        in_claimant = {i for subject in attributions.values() if subject is not None
                       for i in range(left_edge(subject).i, (
                           subject.i if subject.lemma_.lower() in lexicon.REPORT_NOUNS
                           else right_edge(subject).i) + 1)}  # "claims that X": not X
        places = [m for m in by_sentence.get(index, [])
                  if m.span.start_token not in in_claimant  # nor inside a claimant's name
                  and not any(n.start <= m.span.start < n.end for n in ctx.named)]
        if places and any(w in lowered[index] for w in lexicon.INTERCEPTION_WORDS):
            places = [m for m in places if not (m.kind == "admin1" and _over(m, sent.doc))]
        places = _settlements_for_districts(places, all_by_sentence.get(index, []), sent.doc)
        denied = _denied_triggers(triggers)
        assigned: dict[int, list[PlaceMention]] = {}
        for m in places:
            governing = _governing_trigger(m, triggers, sent.doc) if triggers else None
            if governing is not None and unreal and _planned_place(m, triggers, unreal,
                                                                   sent.doc):
                continue
            if governing is not None:
                assigned.setdefault(governing[0].i, []).append(m)
        label = _label_place(sent, all_by_sentence.get(index, []), triggers)
        if label is not None and any(n.start <= label.span.start < n.end for n in ctx.named):
            label = None  # "Zelensky: ..." labels a quote, not a list line
        if label is not None and not any(label in found for found in assigned.values()):
            assigned.setdefault(triggers[0][0].i, []).append(label)
        expressions = None  # worked out for the first trigger with a place
        sentence_claimant = _sentence_attribution(sent)
        for trigger, event in triggers:
            subject = attributions[trigger.i]
            claimant, side, note = _claimant(subject, ctx, sent, offset, doc_index)
            if misparsed is not None and (event == "denial" or trigger.i in denied):
                entry = ctx.registry.claimant_of(misparsed)
                claimant = misparsed
                side = entry.side if entry is not None else side_of(misparsed)
                note = "the denier before a denial verb parsed as a modifier"
            if subject is None and continued is not None and sentence_claimant is None:
                claimant, side = continued  # "..., the governor reported. Drones struck A."
                note = "continues the report of the sentence before"
            elif trigger.i in acting and reporter is not None and reporter[1] == side and \
                    _group_of_forces(claimant, registry):
                claimant, side = reporter  # "..., the ministry said in its summary. The West
                note = "the group acts; the report of the sentence before goes on"  # group .."
            actor = None
            if event == "attack" and _repelled_after(trigger, triggers):
                actor = _other(_actor_side(trigger, "attack", side))  # the side that repelled
                event = "repelled"
            elif event == "control" and _takes_positions(trigger):
                event = "advance"
            targets: list[PlaceMention | None] = list(assigned.get(trigger.i, []))
            denied_event = event
            if trigger.i in denied:  # "reports that Russia took X are untrue": a denial
                event = "denial"
            elif event == "denial":
                if not _DENIAL_OBJECT.search(text) and not denied and \
                        not _denies_the_claim_before(trigger):
                    continue
                if not targets and any(assigned.get(i) for i in denied):
                    continue  # its places are in the claims it denies
                targets = targets or _reported_places(
                    trigger, all_by_sentence.get(index, []), sent.doc) or [None]
            if not targets and not places and event in ("control", "advance") and \
                    _count(text) and focus:
                targets = [focus]
            refers = None
            if not targets and event != "denial" and coreferent_noun and \
                    (here := _sentence_antecedent(
                        places, [m for m in all_by_sentence.get(index, [])
                                 if m.span.start_token not in in_claimant],
                        trigger, antecedent)) is not None \
                    and (refers := _refers_back(trigger, sent)) is not None:
                targets = [here]  # "... still fighting in the town": the town before
            if not targets and event == "repelled" and _the_attack_repelled(trigger):
                targets = [m for t, e in triggers if t.i != trigger.i and
                           e in ("advance", "attack", "control") for m in assigned.get(t.i, [])
                           if m.kind == "settlement"]  # "..., while X said the attack was
                # repelled": the place of the other clause's attack
            opens_list = not targets and event != "denial" and opens_a_list(text)
            if opens_list:
                targets = [None]  # a template for the items of the list that follows
            if not targets:
                continue
            targets = without_containers(targets, sentence_places=places)
            if expressions is None:
                expressions = find_time_expressions(text, published)
            start, end, precision, expression = _nearest_date(
                expressions, trigger.idx - sent.start_char, text, published)
            lead = len(text) - len(text.lstrip())
            trail = len(text) - len(text.rstrip())
            for mention in targets:
                near_unnamed = mention is not None and event in ("control", "advance") and \
                    _unnamed_settlement_near(mention, sent.doc)
                if near_unnamed:  # "seize village near Kupiansk": a village near it
                    mention = _near_reference(mention)
                own_side = _commands_own_forces(
                    claimant, _officials_of_the_place(claimant, side, mention), trigger,
                    event)
                claim = Claim(
                    sentence=text.strip(), sentence_start=offset + sent.start_char + lead,
                    sentence_end=offset + sent.end_char - trail, claimant=claimant,
                    claimant_side=own_side, event_type=event,
                    actor_side=actor or _actor_side(trigger, event, own_side), mention=mention,
                    date_start=start, date_end=end, date_precision=precision,
                    count=_count(text) if event in ("control", "advance", "evacuation")
                    and _closest_trigger_to_count(
                        text, sent, [(t, e) for t, e in triggers if assigned.get(t.i)]
                    ) in (trigger.i, None) else _count(text, _ATTACK_COUNT)
                    if event in ("attack", "repelled") else None,
                    hedged=hedged_here or hedged_next or (article_hedge and side in ("RU",
                                                                                    "UA")),
                    trigger=trigger.text,
                )
                if trigger.i in denied:
                    claim.notes.append(f"denies a claim of {denied_event} "
                                       f"({trigger.text!r})")
                    maker = _denied_maker(trigger, ctx.registry, side)
                    if maker is not None and mention is not None:
                        claims.append(_made_claim(claim, denied_event, maker, trigger))
                if _is_background(text, end, published, expression):
                    claim.kind = "background"
                if note:
                    claim.notes.append(note)
                if refers is not None:
                    claim.notes.append(f"{refers!r} read as {mention.span.text}, the "
                                       "settlement of the claims before")
                if expression:
                    claim.notes.append(f"dated by {expression!r}")
                if opens_list:
                    opened.append(claim)
                    continue
                claims.append(claim)
        if len(claims) > first and _stops_attempts(triggers, assigned):
            _repels_the_last(sent, triggers, False, claims[first:], note="its sentence")
        if len(claims) == first and index and _paragraph_goes_on(texts, index - 1):
            own = [m for m in all_by_sentence.get(index, []) if m.span.start_token not in
                   in_claimant and (m.place is None or m.place.kind != "country")]
            source = _claimant(sentence_claimant, ctx, sent, offset, doc_index)[:2] \
                if sentence_claimant is not None else None
            _repels_the_last(sent, triggers, bool(own), last, source)
        last = claims[first:]
        settled = {c.mention.place.id: c.mention for c in last if c.mention is not None and
                   c.mention.place is not None and c.mention.place.kind == "settlement" and
                   not c.mention.approximate}
        if settled:  # one settlement: what a later "the town" means; several: ambiguous
            antecedent = next(iter(settled.values())) if len(settled) == 1 else None
        continued = None
        reporter = None
        if sentence_claimant is not None and sentence_claimant.lower_ not in lexicon.PRONOUNS:
            claimant, side, _ = _claimant(sentence_claimant, ctx, sent, offset, doc_index)
            if claimant != publisher_name:
                ctx.last = (claimant, side)
                if _paragraph_goes_on(texts, index) and side in BELLIGERENTS and \
                        not _group_of_forces(claimant, registry):
                    reporter = (claimant, side)  # a ministry whose summary may go on
                if side in BELLIGERENTS and relaying and _paragraph_goes_on(texts, index):
                    continued = (claimant, side)
        _mark_silent(ctx, sent, offset, [sentence_claimant, *attributions.values()])
    claims = _dedupe(claims)
    _link_denials(claims)
    claims = without_region_summaries(claims)
    claims = without_named_villages_near(claims)
    for claim in claims:
        claim.confidence = claim_confidence(claim.mention, claim.date_precision, claim.hedged,
                                            named=claim.claimant != publisher_name)
    return claims


def retracts(low: str) -> bool:
    """Rule (session 8): the lower-cased sentence *low* withdraws an earlier report ("An
    earlier version wrongly said that ... had captured X", "mistakenly reported"): a claim
    its own maker corrects is no claim (:data:`geomap.nlp.lexicon.RETRACTIONS`)."""
    return any(marker in low for marker in lexicon.RETRACTIONS)


def is_bullet_line(text: str) -> bool:
    """*text* (a sentence) is a line that opens with a bullet ("- X;", "— X", "• X")."""
    return text.lstrip().startswith(lexicon.BULLETS)


def opens_a_list(text: str) -> bool:
    """*text* ends with a colon: the lines after it may be the items of its list
    ("liberated the following settlements over the past week:")."""
    return text.rstrip().endswith(":")


def bullet_item_claims(opened: list[Claim], line_places: list[PlaceMention], text: str,
                       start: int) -> list[Claim]:
    """Rule (session 8): the place of a bulleted line under a sentence that ends with a
    colon gets that sentence's claims ("liberated the following settlements:" then "- X,
    Kharkiv region;"), as if the list were written after the colon; an item's own region
    only says where it lies. *opened* holds the colon sentence's claims without a place;
    *start* is the line's offset in the article. The sentence becomes the colon sentence
    and the line."""
    items = without_containers(line_places, sentence_places=line_places)
    out = []
    for template in opened:
        for mention in items:
            mention.role = "event"
            claim = dc_replace(template, mention=mention, notes=[
                *template.notes, "an item of the bulleted list after the sentence's colon"],
                sentence=f"{template.sentence} {text.strip()}", sentence_end=start +
                len(text.rstrip()))
            out.append(claim)
    return out


def _acting_claimant(phrase: str, registry: Registry) -> bool:
    """True when the subject of an unattributed event is itself a registry source of its
    own reports (a military group or command: "The North group liberated X")."""
    entry = registry.claimant_of(phrase)
    return entry is not None and entry.kind == "organisation" and \
        not registry.is_outlet_only(phrase)


def _group_of_forces(phrase: str, registry: Registry) -> bool:
    """True for a registry group of forces ("The West group", "Khortytsia group"): it acts;
    a ministry or staff reports what it did."""
    entry = registry.claimant_of(phrase)
    return entry is not None and "group" in entry.name.lower()


def _denied_triggers(triggers) -> set[int]:
    """Triggers whose event a denial in the same sentence denies: under a denial verb
    ("denied that Russia captured X"), inside a denial noun ("propaganda about the
    capture of X"), or in the subject of a denial predicate ("reports of an encirclement
    near X are untrue"); also any trigger inside a reported claim ("claims/reports that
    ...") when the sentence denies."""
    denials = [t for t, e in triggers if e == "denial"]
    if not denials:
        return set()
    out: set[int] = set()
    # "Russia claimed to have captured X, and Ukraine's military denied it": the claim verb
    # a denial is coordinated with is the claim's own, not a report the sentence denies
    answered = {d.head.i for d in denials if d.dep_ == "conj" and d.head.pos_ == "VERB"}
    for t, event in triggers:
        if event == "denial":
            continue
        above = ancestors(t)
        for d in denials:
            if _under(t, d):
                out.add(t.i)
                continue
            verb = next((a for a in [d, *ancestors(d)] if a.pos_ in ("VERB", "AUX")), None)
            if verb is None:
                continue
            for child in children(verb):
                if child.dep_ in ("nsubj", "nsubjpass", "csubj") and t in subtree(child):
                    out.add(t.i)
        if t.i not in out and any(a.lemma_.lower() in lexicon.REPORT_NOUNS and a.i not in
                                  answered for a in above[:4]):
            out.add(t.i)
        if t.i in out and any(_is_speech(a) and _denier_account(a) is not None
                              for a in [t, *above]):
            out.discard(t.i)  # "..., saying fighting continued in X": the denier's account
    return out


def _sentence_antecedent(places: list[PlaceMention], mentions: list[PlaceMention], trigger,
                         antecedent: PlaceMention | None) -> PlaceMention | None:
    """What "the town"/"the village" under *trigger* may mean: the one settlement its
    sentence names before the trigger (any role: "denied reports that its troops had left
    X, saying its units were holding positions in the village"; session 7), none when
    there are several or a place (*places*, the sentence's event places) follows the
    trigger; with no settlement and no place in the sentence, the one settlement of the
    claims before (*antecedent*)."""
    before = {m.place.id: m for m in mentions if m.place is not None and
              m.place.kind == "settlement" and not m.approximate and
              m.span.start_token < trigger.i and m.role not in ("actor", "byline") and
              not m.span.text.isupper()}  # not a dateline's "KYIV"
    if not before:
        return antecedent if not places else None
    if len(before) != 1 or any(m.span.start_token > trigger.i for m in places):
        return None
    return next(iter(before.values()))


def _refers_back(trigger, sent) -> str | None:
    """The definite settlement noun without a name ("the town", "the village") in
    *trigger*'s clause: the trigger is above it, or is a noun subject of its clause's verb
    ("fighting was continuing in the village"), or the noun is the subject of the verb the
    trigger depends on ("The town remains under Ukrainian control"); else None. Its
    settlement is the one of the claims before (session 6: one settlement, else nothing)."""
    for t in sent_tokens(sent):
        if t.lower_ not in lexicon.COREFERENCE_NOUNS or not any(
                c.lower_ == "the" for c in children(t)) or any(
                c.dep_ in ("compound", "appos", "prep", "relcl") or c.pos_ == "PROPN"
                for c in children(t)) or _left_unmentioned(t, {trigger.i}):
            continue  # "... and made no mention of the village": it says nothing of it
        chain = ancestors(t)
        if any(a.i == trigger.i for a in chain) or (
                trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass") and
                any(a.i == trigger.head.i for a in chain[:3])) or (
                t.dep_ in ("nsubj", "nsubjpass") and trigger.pos_ != "VERB" and
                trigger.head.i == t.head.i):  # "The town remains under Ukrainian control"
            return f"the {t.text}"
    return None


def _denied_maker(trigger, registry: Registry, side: str) -> tuple[str, str] | None:
    """(name, side) of the named claimant whose claim a sentence denies: the "by" object
    possessor or compound of the report noun above *trigger* ("dismissed statements by
    Chechen leader Ramzan Kadyrov that Russian forces had seized X", "rejected Gerasimov's
    claim that ...", "Russian Defence Ministry claims"), when it is a registry claimant of
    the other side. A side alone ("Russian
    claims that ...") names no claimant: None."""
    for node in ancestors(trigger)[:4]:
        if node.lemma_.lower() not in lexicon.REPORT_NOUNS or node.pos_ != "NOUN":
            continue
        makers = [g for c in children(node) if c.dep_ == "prep" and c.lower_ == "by"
                  for g in children(c) if g.dep_ == "pobj"]
        makers += [c for c in children(node) if c.dep_ in ("poss", "compound")]
        for maker in makers:  # "Putin's claim", "Russian Defence Ministry claims"
            phrase = re.sub(r"\s*['’]s$", "", _phrase(maker))
            entry = registry.claimant_of(phrase)
            if entry is not None and entry.side in BELLIGERENTS and entry.side != side:
                return phrase, entry.side
    return None


def _made_claim(denial: Claim, event: str, maker: tuple[str, str], trigger) -> Claim:
    """The claim a *denial* denies, made by *maker* (see :func:`_denied_maker`): same
    sentence, place and dates; its actor the maker's side for a capture, advance or repel,
    else the side the trigger names."""
    claim = dc_replace(denial, claimant=maker[0], claimant_side=maker[1], event_type=event,
                       disputes=None, notes=[f"the claim {denial.claimant} denies"])
    claim.actor_side = maker[1] if event in ("control", "advance", "repelled") else \
        _actor_side(trigger, event, maker[1])
    return claim


def _under(token, head) -> bool:
    """*token* is *head* or lies below it in the parse without crossing into a coordinated
    clause ("rejected the claim and said fighting continued": the fighting is asserted,
    not denied)."""
    node = token
    while node.i != head.i:
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
            return False
        if node.dep_ == "advcl" and _is_speech(node) and node.head.i == head.i:
            return False  # "rejected the claim, saying fighting continued in X": asserted
        if node.head.i == node.i:
            return False
        node = node.head
    return True


def _is_background(text: str, date_end, published, expression) -> bool:
    """A past event framed as history: a background marker in the sentence ("at the start
    of its invasion", "back in"), or a date expression that ends more than
    :data:`BACKGROUND_DAYS` days before publication ("last August", "in 2022")."""
    low = text.lower()
    if any(marker in low for marker in lexicon.BACKGROUND_MARKERS):
        return True
    return bool(expression and published and date_end and
                (published - date_end).days > BACKGROUND_DAYS)


BACKGROUND_DAYS = 31


def without_containers(targets: list, sentence_places: list | None = None) -> list:
    """Drop a region that only says where a settlement of the same claim, or of the same
    sentence, lies ("In the Kursk region, a drone struck Rylsk"), also a settlement the
    gazetteer lacks, placed approximately at that region ("seized the village of X in
    Russia's Kursk region"; session 7)."""
    settled = {m.place.admin1 for m in [*targets, *(sentence_places or [])]
               if m is not None and m.place is not None and (
                   (m.place.kind == "settlement" and not m.approximate) or
                   (m.place.kind == "admin1" and m.approximate))}
    return [m for m in targets if m is None or m.place is None or m.approximate or not (
        m.place.kind == "admin1" and m.place.admin1 in settled)]


def without_region_summaries(claims: list[Claim]) -> list[Claim]:
    """Drop a claim about a region written with a region word ("Zaporizhzhia region",
    "Курской области") when the article makes the same claim (event type and actor side)
    about a settlement in it, and the region's claim is a headline (no final stop) or
    counts nothing: a counted headline ("Russia claims capture of three villages in
    Zaporizhzhia region") or a summary ("Russian forces advanced in Kursk Oblast") whose
    villages the article names is no claim about the whole region. A counted sentence
    ("liberated eight settlements in the Kursk Region: A, B, ...") keeps its count; a
    counted strike or attack summary ("74 attacks on 26 settlements in Sumy region") goes
    when the same side reports a settlement of the region hit or attacked."""
    def key(c: Claim) -> tuple:  # a denial is the same claim whoever is said to make it
        side = "" if c.event_type == "denial" else c.actor_side
        return c.event_type, side, c.mention.place.admin1

    def hit(c: Claim) -> tuple:  # "74 attacks on 26 settlements in Sumy region", then the
        return c.claimant_side, c.mention.place.admin1  # villages hit, by the same side

    places = [c for c in claims if c.mention is not None and c.mention.place is not None and
              c.mention.place.kind == "settlement" and not c.mention.approximate]
    settled = {key(c) for c in places}
    hits = {hit(c) for c in places if c.event_type in _HITS}
    return [c for c in claims if not (_names_region(c) and (
        ((c.count is None or is_headline(c.sentence)) and key(c) in settled) or
        (c.event_type in _HITS and _count(c.sentence) and hit(c) in hits)))]


#: Events whose region-wide count ("shelled 15 settlements", "74 attacks on 26
#: settlements") summarises the villages listed after it: one kind for the summary rule.
_HITS = ("strike", "attack")


_NEAR_UNNAMED = "an unnamed settlement near "
#: How far from its reference town an unnamed "village near X" may lie (km).
UNNAMED_NEAR_KM = 15.0


def _unnamed_settlement_near(mention: PlaceMention, doc) -> bool:
    """*mention* is the reference town of an unnamed settlement ("seize village near
    Kupiansk", "captured a village north of Toretsk"): its name hangs on "near"/"outside"
    or a bearing's "of" under a settlement noun with no name of its own."""
    token = doc[mention.span.start_token]
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    prep = token.head if token.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in ("near", "outside", "of", "close"):
        return False
    head = prep.head
    if head.lower_ in lexicon.BEARINGS or head.lower_ == "close":
        head = head.head  # "a village north of X", "a village close to X"
    if head.pos_ in ("VERB", "AUX"):  # "seize village near X": the PP hangs on the verb
        head = next((c for c in children(head) if c.dep_ == "dobj"), head)
    return head.lower_ in lexicon.SETTLEMENT_NOUNS and not any(
        c.dep_ in ("appos", "compound") or c.pos_ == "PROPN" or
        (c.dep_ == "prep" and c.lower_ == "of") for c in children(head))


def _near_reference(mention: PlaceMention) -> PlaceMention:
    """An approximate place for an unnamed settlement near *mention*'s town (within
    :data:`UNNAMED_NEAR_KM`), its reason saying so."""
    return dc_replace(mention, precision=2, approximate=True,
                      uncertainty_km=max(mention.uncertainty_km, UNNAMED_NEAR_KM),
                      reason=f"{_NEAR_UNNAMED}{mention.span.text}; {mention.reason}")


def without_named_villages_near(claims: list[Claim]) -> list[Claim]:
    """Drop the claim on an unnamed settlement near a town ("Russia says its troops seize
    village near Kupiansk") when the article makes the same claim (event type and
    claimant side) about a named settlement within :data:`UNNAMED_NEAR_KM` of that town
    (the body names the village); otherwise it stays, approximate near the town."""
    def unnamed(c: Claim) -> bool:
        return c.mention is not None and c.mention.reason.startswith(_NEAR_UNNAMED)

    named = [c for c in claims if c.mention is not None and c.mention.lat is not None
             and not unnamed(c) and not c.mention.approximate]
    return [c for c in claims if not unnamed(c) or not any(
        n.event_type == c.event_type and n.claimant_side == c.claimant_side and
        haversine_km(n.mention.lat, n.mention.lon, c.mention.lat, c.mention.lon)
        <= UNNAMED_NEAR_KM for n in named)]


def _names_region(claim: Claim) -> bool:
    """The claim is about a region written with its region word, or about the article's
    focus region standing in for a sentence that names no place ("took two more
    villages")."""
    m = claim.mention
    if m is None or m.place is None or m.place.kind != "admin1":
        return False
    if m.approximate:
        return m.reason.startswith(FOCUS_REASON)
    return m.span.text.lower().split()[-1].startswith(lexicon.REGION_WORD_STEMS)


def is_headline(sentence: str) -> bool:
    """A line without a final stop: a headline."""
    text = sentence.rstrip()
    return bool(text) and text[-1] not in ".!?\"'\u201d\u00bb:;)"


def _over(m: PlaceMention, doc) -> bool:
    """*m* follows "over" ("shot down 20 drones over the Belgorod region", "over the
    Bryansk and Kursk regions"), across "the", "and", commas, region words and other
    names of the list. (A region over which drones were shot down is no strike there; a
    town over which they were shot down was their target, and stays one.)"""
    toks = tokens(doc)
    k = m.span.start_token - 1
    while k >= 0:
        word = toks[k].lower_
        if word == "over":
            return True
        if word not in lexicon.LIST_GLUE and not toks[k].text[:1].isupper():
            return False
        k -= 1
    return False


def _reported_places(trigger, sentence_places: list, doc) -> list[PlaceMention]:
    """The settlements of the report a denial verb denies ("denied the report about X",
    "rejected claims of the capture of X"): names below a report noun that is the verb's
    object. A region there, or a name that modifies a noun ("report of Kursk loss": the
    city or its region, the town or the sector), is left to the linking of denials."""
    toks = tokens(doc)
    reports = [c for c in children(trigger)
               if c.dep_ == "dobj" and c.lemma_.lower() in lexicon.REPORT_NOUNS]
    out = []
    for m in sentence_places:
        if m.place is None or m.place.kind != "settlement" or m.approximate:
            continue
        token = toks[m.span.end_token - 1]
        if token.dep_ == "compound":
            continue
        if any(token in subtree(r) for r in reports):
            out.append(m)
    return out


def _label_place(sent, sentence_places: list, triggers) -> PlaceMention | None:
    """The place that labels a line of a list ("Khotin community: mortar shelling.",
    "Nikopol district: a drone hit a house.", "15:10 Chuhuiv district, Staryi Saltiv: a
    shell hit a shop."): a name at the start of the sentence (or after a comma among its
    first eight words), with or without a district word, then a colon; it takes the line's
    first trigger."""
    if not triggers:
        return None
    shown = [t for t in sent_tokens(sent) if not t.is_space]
    for m in sentence_places:
        if not shown or m.place is None:
            continue
        first = m.span.start_token - shown[0].i  # at the start, or after "15:10 X district,"
        if first != 0 and not (0 < first <= LABEL_WORDS
                               and sent.doc[m.span.start_token - 1].text == ","):
            continue
        k = m.span.end_token - shown[0].i
        if k < len(shown) and shown[k].lower_ in lexicon.DISTRICT_WORDS:
            k += 1
        if k < len(shown) and shown[k].text == ":":
            return m
    return None


def _settlements_for_districts(places: list[PlaceMention], sentence_places: list,
                               doc) -> list[PlaceMention]:
    """"Dronovka in the Graivoron district": the district (a name before "district",
    "raion", "community") says where the settlement before it lies; the settlement takes
    its place among the claim places, whatever role it was given. A district named beside
    other claim places ("In the Grayvoron district, drones hit Dronovka") is dropped."""
    if not places:
        return places
    toks = tokens(doc)
    ends = {m.span.end_token: m for m in sentence_places}
    out = []
    for m in places:
        i, j = m.span.start_token, m.span.end_token
        before = ends.get(i - 2) if i >= 2 and toks[i - 1].lower_ == "the" else None
        if before is None and i >= 1:
            before = ends.get(i - 1)
        head = toks[j].lower_ if j < len(toks) else ""
        linked = before is not None and toks[before.span.end_token].lower_ == "in"
        if linked and head in lexicon.DISTRICT_WORDS and before.place is not None and \
                before.place.kind == "settlement":
            if before not in out:
                out.append(before)
            continue
        out.append(m)
    # "In the Grayvoron district, drones hit Dronovka": the district only says where
    districts = [m for m in out if m.span.end_token < len(toks) and
                 toks[m.span.end_token].lower_ in lexicon.DISTRICT_WORDS]
    if districts and len(districts) < len(out):
        out = [m for m in out if m not in districts]
    return out


def _closest_trigger_to_count(text: str, sent, triggers) -> int | None:
    match = _COUNT.search(text)
    if not match:
        return None
    char = sent.start_char + match.start()
    counted = [t for t, e in triggers if e in ("control", "advance", "evacuation")]
    if not counted:
        return None
    return min(counted, key=lambda t: abs(t.idx - char)).i


FOCUS_REASON = "the sentence names no place: the region the article names most"


def _article_focus(mentions: list[PlaceMention]) -> PlaceMention | None:
    """The admin-1 unit the article names most (for counts of settlements with no place)."""
    regions = [m for m in mentions if m.place is not None and m.place.kind == "admin1"
               and m.role != "byline" and not m.approximate]
    if not regions:
        return None
    counts: dict[str, int] = {}
    for m in regions:
        counts[m.place.id] = counts.get(m.place.id, 0) + 1
    best = max(regions, key=lambda m: counts[m.place.id])
    return PlaceMention(best.span, best.place, best.lat, best.lon, 3, True, FOCUS_REASON,
                        role="event", uncertainty_km=best.uncertainty_km)


@dataclass(slots=True)
class _Context:
    """What claimant resolution knows about the article so far."""

    registry: Registry
    publisher_name: str
    publisher_side: str
    named: list[RegistryMention]  # registry names in the article, absolute offsets
    slot_tokens: set[tuple[int, int]]  # (doc index, token) inside listed place names
    last: tuple[str, str] | None = None  # the latest claimant that named itself
    # starts of registry names that were not speaking: in a sentence whose source is
    # another ("the Ukrainian army lost ..., the ministry said"); never antecedents
    silent: set[int] = field(default_factory=set)
    named_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.named.sort(key=lambda m: m.start)
        self.named_starts = [m.start for m in self.named]


_DATELINE_WORD = re.compile(r"\d|\((?:reuters|afp|ap|tass|xinhua)\)", re.IGNORECASE)


def _mark_silent(ctx: _Context, sent, offset: int, speakers: list) -> None:
    """Remember the registry names of *sent* outside its speakers' phrases as not
    speaking, when the sentence has a speaker: a later "it added" is never one of them."""
    lo, hi = offset + sent.start_char, offset + sent.end_char
    starts = ctx.named_starts  # sorted: only the sentence's names are read
    here = ctx.named[bisect_left(starts, lo):bisect_left(starts, hi)]
    spans = [(offset + left_edge(t).idx, offset + right_edge(t).idx + len(right_edge(t)))
             for t in speakers if t is not None] if here else []
    if spans:
        ctx.silent.update(m.start for m in here
                          if not any(a <= m.start < b for a, b in spans))


def _not_a_source(phrase: str, subject, ctx: _Context, doc_index: int) -> bool:
    """Datelines ("MOSCOW (Reuters)"), page lines ("date 2025-03-09 MOSCOW") and listed
    place names are never claimants."""
    if (doc_index, subject.i) in ctx.slot_tokens or _DATELINE_WORD.search(phrase):
        return True
    letters = [ch for ch in phrase if ch.isalpha()]
    return len(letters) > 4 and all(ch.isupper() for ch in letters) and \
        ctx.registry.claimant_of(phrase) is None


def _claimant(subject, ctx: _Context, sent, offset: int, doc_index: int
              ) -> tuple[str, str, str | None]:
    """(claimant, side, note) for the subject of a speech verb; rules in order:

    1. none, or not a source (dateline, page line, listed place), or evidence ("geolocated
       footage indicates"): the publisher's own narrative, side from the outlets list
       (:meth:`Registry.publisher_side`);
    2. a registry claimant in apposition ("the regional governor, Serhii Lysak");
       a pronoun or generic noun ("it", "he", "the ministry", "the statement",
       "the governor"): the most recent compatible registry claimant, else the
       article's previous claimant;
    3. a publisher that relays ("RBC-Ukraine reports"): another registry claimant
       named in the sentence, else the article's previous claimant, else the outlet;
    4. a registry claimant: its side; 5. otherwise side words in the phrase.
    """
    phrase = _phrase(subject) if subject is not None else ""
    if subject is None or _not_a_source(phrase, subject, ctx, doc_index):
        return ctx.publisher_name, ctx.publisher_side, UNATTRIBUTED
    if subject.lower_ in lexicon.EVIDENCE_NOUNS:  # "Geolocated footage indicates ...": the
        return ctx.publisher_name, ctx.publisher_side, \
            f"evidence ({phrase!r}) the publisher cites"  # publisher's assessment
    own = ctx.registry.claimant_of(phrase)
    for appos in children(subject) if own is None else ():  # "the regional governor,
        # Serhii Lysak, said"
        entry = ctx.registry.claimant_of(_phrase(appos)) if appos.dep_ == "appos" else None
        if entry is not None:
            return _phrase(appos), entry.side, f"{phrase!r} named in apposition"
    at = offset + subject.idx
    earlier = [m for m in ctx.named if m.start < at and m.start not in ctx.silent]
    antecedent = ctx.registry.resolve_reference(phrase, earlier)
    if antecedent is not None:
        return antecedent.text, antecedent.claimant.side, \
            f"{phrase!r} read as the previous claimant {antecedent.text!r}"
    national = ctx.registry.national_reference(phrase, ctx.publisher_side)
    if national is not None:  # "the Defense Ministry" in TASS's own report: Russia's
        return national.name, national.side, \
            f"{phrase!r} in a report of {ctx.publisher_name}"
    pronoun = subject.lower_ in lexicon.PRONOUNS or subject.pos_ == "PRON"
    generic = subject.lemma_.lower() in lexicon.SPEECH_NOUNS and \
        side_of(phrase) not in BELLIGERENTS  # "the statement"; not "Russian claims"
    if pronoun or generic:
        if ctx.last is not None:
            return ctx.last[0], ctx.last[1], f"{phrase!r} read as the previous claimant"
        if pronoun:
            return ctx.publisher_name, ctx.publisher_side, \
                f"{phrase!r} with no earlier claimant"
    if ctx.registry.is_outlet_only(phrase):
        lo, hi = offset + sent.start_char, offset + sent.end_char
        others = [m for m in ctx.named if lo <= m.start < hi
                  and not ctx.registry.is_outlet_only(m.text)
                  and not (at <= m.start < at + len(phrase))]
        if others:
            return others[0].text, others[0].claimant.side, f"relayed by {phrase}"
        if ctx.last is not None:
            return ctx.last[0], ctx.last[1], f"relayed by {phrase}"
        return phrase, ctx.registry.publisher_side(phrase), "an outlet's own report"
    entry = ctx.registry.claimant_of(phrase)
    if entry is not None:
        return phrase, entry.side, None
    return phrase, side_of(phrase) if side_of(phrase) != "UNKNOWN" else \
        _side_of_earlier_namesake(subject), None


def _side_of_earlier_namesake(subject) -> str:
    """The side of "the brigade", "the regiment": the side words of the nearest earlier
    phrase in the text with the same head noun ("Ukraine's 47th Mechanized Brigade ...,
    the brigade said": UA); ``UNKNOWN`` when there is none."""
    if subject.pos_ != "NOUN" or not any(c.lower_ == "the" for c in children(subject)):
        return "UNKNOWN"
    lemma = subject.lemma_.lower()
    for token in reversed(subject.doc[max(0, subject.i - 200):subject.i]):
        if token.lemma_.lower() == lemma:
            side = side_of(_phrase(token))
            if side in BELLIGERENTS:
                return side
    return "UNKNOWN"


def _nearest_date(expressions, position: int, text: str, published):
    usable = [e for e in expressions if e.date_start is not None]
    if usable:
        best = min(usable, key=lambda e: min(abs(e.start - position), abs(e.end - position)))
        return best.date_start, best.date_end, best.precision, best.text
    start, end, precision, expression = claim_date(text, published)
    return start, end, precision, expression


def _place_key(claim: Claim) -> str | None:
    if claim.mention is None or claim.mention.place is None:
        return None
    return claim.mention.place.id


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per sentence, event type, claimant and place; and across the article,
    one claim per place (a name placed approximately: per name), event type, claimant
    side, kind and dates: a repeat ("liberated
    the town of X", then the ministry's quote "... X, Y and Z were liberated") is folded
    into the first, which keeps its sentence and notes the repeats. The publisher's own
    unattributed claim (a headline, a lead) that a later sentence attributes (same place,
    event type and kind) is that claimant's: it takes the attribution
    (:func:`_take_attribution`). Rule (session 9, long articles): the publisher's own
    unattributed claim after an attributed one of the same place, event type and kind is a
    summary of it (a live page's closing summary, "The town has been shelled almost daily"
    after the governor's strike report): folded into the attributed claim."""
    seen: set[tuple] = set()
    first: dict[tuple, Claim] = {}
    unattributed: dict[tuple, Claim] = {}
    attributed: dict[tuple, Claim] = {}
    out = []
    for claim in claims:
        key = (claim.sentence_start, claim.event_type, claim.claimant,
               None if claim.event_type == "denial" else
               claim.mention.span.start if claim.mention else None)
        if key in seen:
            continue
        seen.add(key)
        place = _place_key(claim)
        if place is not None and claim.mention.approximate:  # a name placed at its region
            place = f"{place}~{claim.mention.span.text.lower()}"
        if place is not None and claim.event_type == "denial":
            same = (place, "denial", claim.claimant_side, claim.kind)
            earlier = first.get(same)
            if earlier is not None and earlier.sentence_start != claim.sentence_start:
                _fold_repeat(out, first, same, earlier, claim)  # one denial of one claim
                continue
            first.setdefault(same, claim)
        if place is not None and claim.event_type != "denial":
            same = (place, claim.event_type, claim.claimant_side, claim.kind,
                    claim.date_start, claim.date_end)
            earlier = first.get(same) or first.get((*same[:4], "headline"))
            if earlier is not None and earlier.sentence_start != claim.sentence_start:
                _fold_repeat(out, first, same, earlier, claim)
                continue
            told = attributed.get((place, claim.event_type, claim.kind))
            if told is not None and UNATTRIBUTED in claim.notes and \
                    not _speaks(claim.sentence) and told.sentence_start != claim.sentence_start:
                _note_repeat(told, claim)  # a later summary of an attributed claim
                continue
            summary = unattributed.get((place, claim.event_type, claim.kind))
            if summary is not None and UNATTRIBUTED not in claim.notes and \
                    claim.claimant_side != "UNKNOWN" and \
                    summary.sentence_start != claim.sentence_start and \
                    not _other_history(summary, claim):
                _take_attribution(summary, claim)
                del unattributed[(place, claim.event_type, claim.kind)]
                continue
            first.setdefault(same, claim)
            if is_headline(claim.sentence):  # a headline has no date of its own
                first.setdefault((*same[:4], "headline"), claim)
            if UNATTRIBUTED in claim.notes and not _speaks(claim.sentence):
                unattributed.setdefault((place, claim.event_type, claim.kind), claim)
            elif UNATTRIBUTED not in claim.notes and claim.claimant_side != "UNKNOWN":
                attributed.setdefault((place, claim.event_type, claim.kind), claim)
        out.append(claim)
    return out


UNATTRIBUTED = "unattributed: the publisher's"


def _fold_repeat(out: list[Claim], first: dict, key: tuple, earlier: Claim,
                 claim: Claim) -> None:
    """Fold *claim* into the *earlier* one of the same key (noted as a repeat); a
    headline's claim gives way to the body's ("Russia says its forces captured X", then
    "Russia's Defense Ministry said on Tuesday its forces had captured X": the ministry's,
    with the body's sentence and date), keeping the headline's notes."""
    at = next((k for k, c in enumerate(out) if c is earlier), None)
    if at is None or not is_headline(earlier.sentence) or is_headline(claim.sentence):
        _note_repeat(earlier, claim)
        return
    claim.notes = [n for n in earlier.notes if n != UNATTRIBUTED] + claim.notes
    _note_repeat(claim, earlier)
    out[at] = claim
    for k, v in list(first.items()):
        if v is earlier:
            first[k] = claim


def _other_history(summary: Claim, claim: Claim) -> bool:
    """Rule (session 9, long articles): two background claims of one place on other dates
    are two events ("Ukraine seized Sudzha in August 2024", then "Russia retook Sudzha in
    March 2025"): the first is no summary of the second."""
    return summary.kind == "background" and (summary.date_start, summary.date_end) != \
        (claim.date_start, claim.date_end)


def _speaks(sentence: str) -> bool:
    """A speech verb or noun in *sentence* (a source the parse may have missed): the
    sentence is no summary of another's claim."""
    return any(stem(word) in SPEECH_STEMS or word in SPEECH_STEMS
               for word in re.findall(r"[a-z]+", sentence.lower()))


def _take_attribution(summary: Claim, claim: Claim) -> None:
    """The publisher's *summary* of *claim* (a headline: "Ukraine pulls its troops out of
    X", then "... X, the Khortytsia group said") becomes the claimant's claim."""
    summary.claimant, summary.claimant_side = claim.claimant, claim.claimant_side
    summary.actor_side, summary.hedged = claim.actor_side, claim.hedged
    summary.confidence = max(summary.confidence, claim.confidence)
    summary.notes = [n for n in summary.notes if n != UNATTRIBUTED]
    summary.notes.append("the publisher's summary of a claim the article attributes")
    _note_repeat(summary, claim)


def _note_repeat(kept: Claim, repeat: Claim) -> None:
    """Count *repeat* in the notes of *kept* (its sentence and claimant stay)."""
    prefix = "repeated in the article: "
    for k, note in enumerate(kept.notes):
        if note.startswith(prefix):
            count = int(note[len(prefix):].split()[0]) + 1
            kept.notes[k] = f"{prefix}{count} more time{'s' if count > 1 else ''}"
            break
    else:
        kept.notes.append(f"{prefix}1 more time")
    also = f"also claimed by {repeat.claimant}"
    if repeat.claimant != kept.claimant and also not in kept.notes:
        kept.notes.append(also)


def _link_denials(claims: list[Claim]) -> None:
    for i, claim in enumerate(claims):
        if claim.event_type != "denial":
            continue
        earlier = [c for c in claims[:i] if c.event_type in lexicon.DISPUTABLE_EVENTS
                   and c.claimant_side in ("RU", "UA") and c.claimant_side != claim.claimant_side
                   and c.mention is not None]
        same_sentence_later = [c for c in claims[i + 1:]
                               if c.sentence_start == claim.sentence_start
                               and c.event_type in lexicon.DISPUTABLE_EVENTS and
                               c.claimant_side not in (claim.claimant_side, "INDEPENDENT",
                                                       "UNKNOWN") and c.mention is not None]
        later = [c for c in claims[i + 1:] if c.event_type in lexicon.DISPUTABLE_EVENTS
                 and c.claimant_side in ("RU", "UA") and c.claimant_side != claim.claimant_side
                 and c.mention is not None]
        pool = earlier or same_sentence_later or later[:1]
        if not pool:
            continue
        key = _place_key(claim)
        same_place = [c for c in pool if key is not None and _place_key(c) == key]
        if same_place:
            target = same_place[-1] if earlier else same_place[0]
        else:  # the latest sentence's claims, the most precise place among them
            sentence = pool[-1].sentence_start if earlier else pool[0].sentence_start
            latest = [c for c in pool if c.sentence_start == sentence]
            target = min(latest, key=lambda c: c.mention.precision or 9)
        claim.disputes = target
        if claim.mention is None:
            claim.mention = target.mention
            claim.notes.append("place taken from the disputed claim")


def claim_confidence(mention: PlaceMention | None, date_precision: str, hedged: bool, *,
                     named: bool) -> float:
    """A claim's confidence, 0.05-1: 0.5, +0.2 when a claimant is named (not the
    publisher's own narrative), +0.15 for a settlement or a place near one, +0.05 for a
    date to the day, -0.15 when hedged, -0.1 for an approximate place. Used by the English
    and the Russian/Ukrainian extraction alike."""
    score = 0.5
    if named:
        score += 0.2
    if mention is not None and mention.precision in (1, 2):
        score += 0.15
    if date_precision == "day":
        score += 0.05
    if hedged:
        score -= 0.15
    if mention is not None and mention.approximate:
        score -= 0.1
    return round(min(1.0, max(0.05, score)), 2)
