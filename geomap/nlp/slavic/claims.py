"""Claims from Russian and Ukrainian sentences, as :class:`geomap.nlp.claims.Claim` objects.

Rules, sentence by sentence:

* **Triggers** are stems and phrases of :data:`geomap.nlp.lexicon_ru_uk.TRIGGERS`. A
  control or advance trigger after "пытался", "намагався", "спроба" is an attempt: an
  ``attack``. A negated control/advance/attack trigger ("не удалось продвинуться") gives no
  claim. Where a sentence repels attacks ("отразили 5 атак"), the attack words are what
  was repelled, not claims of their own. An attack with drones, missiles or artillery is
  a ``strike``.
* **Places** go to the nearest trigger before them in the sentence, else the nearest after.
  A region that only says where a settlement of the same trigger lies is dropped.
* **Claimant**: a claimant of the registry table (``geomap/nlp/data/claimants_ru_uk.csv``)
  named in the sentence, else the first named in the article's
  opening, else the publisher (its
  side from the table when the publisher is in it).
* **actor_side**: side words nearest the trigger (the six words before it first, then
  four after; "противник"/"ворог" is the claimant's enemy, "наши" its own), else the
  claimant's side for control/advance/repelled and the other side for attacks.
* **count** ("отразили 5 атак", "дві атаки"), **hedged** ("якобы", "імовірно"), and the
  **date** of :mod:`geomap.nlp.slavic.dates`.
* A **denial** takes the places after it ("спростовує заяву про захоплення Горналі": the
  capture it denies is no claim of the denier's); a denial with no place takes the place of
  the article's latest claim by the other side, and disputes it. The denied claim is kept
  as its maker's when a claimant of the table makes it ("заяву Міноборони Росії про
  захоплення X"); what follows ":" or "по словам" is the denier's own account; a clause
  before "однак"/"але" with its own speaker is that speaker's; "не окупував X" (a negated
  capture of a named place) is a denial.
* **Session 6**: a group of forces acts, the ministry that reports it is the claimant; a
  settlement noun with no name ("село", "город") is the one settlement of the claims before;
  "со стороны X" is where an attack came from; a capture counts settlements, a repel attacks
  and adverbs ("трижды").
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from geomap.nlp import lexicon_ru_uk as lex
from geomap.nlp.claims import (
    BACKGROUND_DAYS,
    Claim,
    claim_confidence,
    is_headline,
    without_containers,
)
from geomap.nlp.places import PlaceMention
from geomap.nlp.slavic.dates import find_date, history_end
from geomap.nlp.slavic.text import Sentence, Token, fold
from geomap.schema import OPPONENT


@dataclass(frozen=True, slots=True)
class Claimant:
    """A claimant of the Russian/Ukrainian names table."""

    name: str
    side: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def claimants() -> tuple[Claimant, ...]:
    """The table of Russian and Ukrainian claimant names (package data)."""
    path = resources.files("geomap.nlp") / "data" / "claimants_ru_uk.csv"
    with path.open(encoding="utf-8") as fh:
        return tuple(Claimant(row["name"], row["side"],
                              re.compile(r"(?<!\w)(?:" + row["pattern"] + r")(?!\w)"))
                     for row in csv.DictReader(fh))


_SPEAKS = re.compile(r"(?<!\w)(?:" + "|".join(lex.SPEAKER_STEMS) + r")\w*")


def find_claimant(text: str) -> tuple[Claimant, int] | None:
    """The claimant of *text* (folded), with its position: the first one named beside a
    speech or denial verb ("Подразделения группировки «Восток» освободили X, сообщили в
    Минобороны России": the ministry reports, the group acts), else the first named."""
    low = fold(text)
    found = []
    for claimant in claimants():
        m = claimant.pattern.search(low)
        if m:
            found.append((m.start(), m.end(), claimant))
    if not found:
        return None
    found.sort(key=lambda f: f[0])
    if len(found) > 1:
        verbs = [(v.start(), v.end()) for v in _SPEAKS.finditer(low)]
        for start, end, claimant in found:
            if any(0 <= start - b <= lex.SPEAKER_GAP or 0 <= a - end <= lex.SPEAKER_GAP
                   for a, b in verbs):
                return claimant, start
    return found[0][2], found[0][0]


def _matches(tokens: list[Token], i: int, trigger: str | tuple[str, ...]) -> int:
    """The number of tokens a trigger covers at token *i* (0 for no match)."""
    stems = (trigger,) if isinstance(trigger, str) else trigger
    if not tokens[i].low.startswith(stems[0]):
        return 0
    k = i
    for stem in stems[1:]:
        for step in range(1, lex.PHRASE_GAP + 2):
            if k + step < len(tokens) and tokens[k + step].low.startswith(stem):
                k += step
                break
        else:
            return 0
    return k - i + 1


def triggers(sent: Sentence) -> list[tuple[int, str]]:
    """(token index, event type) of every trigger in *sent* (see the module docstring)."""
    tokens = sent.tokens
    found: list[tuple[int, str]] = []
    low = fold(sent.text)
    means = any(m in low for m in lex.STRIKE_MEANS)
    for i, token in enumerate(tokens):
        if token.low.startswith(lex.NOT_TRIGGERS):
            continue
        event = "fighting" if token.low in lex.FIGHTING_WORDS else None
        if event is None:
            for kind in lex.EVENT_PRIORITY:
                if any(_matches(tokens, i, t) for t in lex.TRIGGERS[kind]):
                    event = kind
                    break
        if event == "attack" and token.low.startswith(lex.ASSAULT_TROOPS) and not (
                i + 1 < len(tokens) and tokens[i + 1].low.startswith(lex.ASSAULT_ACTIONS)):
            continue  # "наши штурмовики зашли в X": troops, not an attack
        if event is None:
            continue
        before = [t.low for t in tokens[max(0, i - 3):i]]
        if event in ("control", "advance", "attack") and any(
                w.startswith(lex.ATTEMPT_STEMS) for w in before):
            event = "attack"
        elif event == "control" and before and before[-1] in lex.NEGATIONS:
            event = "denial"  # "Ворог не окупував Дачне": a denial of the capture
        elif event in ("advance", "attack", "strike") and before and \
                before[-1] in lex.NEGATIONS:
            continue  # "Противник не просунувся": no claim
        if event == "attack" and means:
            event = "strike"
        found.append((i, event))
    if any(e == "repelled" for _, e in found):
        found = [(i, e) for i, e in found if e != "attack"]
    merged: list[tuple[int, str]] = []
    for i, e in found:  # "відбили ... атак": one trigger per run of the same type
        if merged and merged[-1][1] == e and i - merged[-1][0] <= 2:
            continue
        merged.append((i, e))
    return merged


def _side_near(tokens: list[Token], i: int, claimant_side: str, lang: str) -> str | None:
    # the subject before the trigger first, nearest first; then the words after it
    return _side_at(tokens, [*range(i, max(-1, i - 7), -1),
                             *range(i + 1, min(len(tokens), i + 5))], claimant_side, lang)


def _side_at(tokens: list[Token], order: list[int], claimant_side: str,
             lang: str) -> str | None:
    # an unattributed Ukrainian text calls Russia's forces "ворог"
    other = OPPONENT.get(claimant_side, "RU" if lang == "uk" else None)
    for k in order:
        word = tokens[k].low
        if word.startswith(lex.ENEMY_WORDS) and other:
            return other
        if word.startswith(lex.OWN_WORDS) and other:
            return claimant_side
        if word.startswith(lex.RU_SIDE):
            return "RU"
        if word.startswith(lex.UA_SIDE):
            return "UA"
    return None


def _actor(tokens: list[Token], i: int, event: str, claimant_side: str, lang: str) -> str:
    if event == "repelled" and _side_at(tokens, list(range(i, max(-1, i - 7), -1)),
                                        claimant_side, lang) is None:
        # "відбито 12 атак окупантів": the side after an impersonal repel attacked
        attacker = _side_at(tokens, list(range(i + 1, min(len(tokens), i + 4))),
                            claimant_side, lang)
        if attacker in OPPONENT:
            return OPPONENT[attacker]
    if event == "strike" and tokens[i].low.startswith(lex.DAMAGE_STEMS) and _side_at(
            tokens, list(range(i, max(-1, i - 7), -1)), claimant_side, lang) is None:
        # "нанесено поражение живой силе ВСУ в районах X": the ministry's formula for its
        # own forces' strikes; the side after it is the target
        target = _side_at(tokens, list(range(i + 1, min(len(tokens), i + 7))),
                          claimant_side, lang)
        if target in OPPONENT:
            return OPPONENT[target]
        if claimant_side in OPPONENT:
            return claimant_side
    if event == "control" and tokens[i].low in ("под", "під"):
        # "село залишається під контролем Сил оборони": the holder is named after
        holder = _side_at(tokens, list(range(i + 1, min(len(tokens), i + 5))),
                          claimant_side, lang)
        if holder:
            return holder
    side = _side_near(tokens, i, claimant_side, lang)
    if event == "strike" and tokens[i].low.startswith(lex.LOSS_STEMS):
        # "ВСУ потеряли до 480 военнослужащих": the side that lost was struck
        loser = side or OPPONENT.get(claimant_side)
        return OPPONENT.get(loser or "", "UNKNOWN")
    if side:
        return side
    if claimant_side in ("RU", "UA"):
        if event in ("control", "advance", "repelled"):
            return claimant_side
        if event == "attack":
            return OPPONENT[claimant_side]
    return "UNKNOWN"


_DENIAL_STEMS = tuple(t for t in lex.TRIGGERS["denial"] if isinstance(t, str))


def _count_pattern(counted: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(\d+|" + "|".join(re.escape(w) for w in lex.NUMBER_WORDS) +
                      r")\s+(?:[^\s\d]+\s+)?(" + "|".join(re.escape(c) for c in counted) + ")")


_COUNT = _count_pattern(lex.COUNTED)
_PLACE_COUNT = _count_pattern(lex.COUNTED_PLACES)


def count_of(text: str, *, places: bool = False) -> int | None:
    """The number of attacks, settlements or clashes a sentence counts, if any ("отразили 5
    атак", "чотири рази намагався"), else an adverb's ("трижды пытались"); with *places*,
    only settlements ("освободили 3 населённых пункта")."""
    low = fold(text)
    m = (_PLACE_COUNT if places else _COUNT).search(low)
    if not m:
        if places:
            return None
        return next((n for word, n in lex.COUNT_ADVERBS.items()
                     if re.search(rf"(?<!\w){word}(?!\w)", low)), None)
    word = m.group(1)
    return int(word) if word.isdigit() else lex.NUMBER_WORDS.get(word)


def sentence_claims(sent: Sentence, mentions: list[PlaceMention], *, claimant: str,
                    side: str, published: dt.date | None, lang: str,
                    antecedent: PlaceMention | None = None) -> list[Claim]:
    """The claims of one sentence (see the module docstring). *antecedent*: the one
    settlement of the claims before, for a sentence with no place that names a settlement
    noun without a name ("село залишається під контролем Сил оборони")."""
    low = fold(sent.text)
    found = [] if any(r in low for r in lex.RETRACTIONS) else triggers(sent)
    if not found:  # a correction's claims are withdrawn ("ошибочно сообщило о ...")
        return []
    tokens = sent.tokens
    starts = {m.span.start for m in mentions}
    found = [(i, "control" if e == "repelled" and _recaptured(tokens, i, starts) else e)
             for i, e in found]
    negated = {i for i, e in found if e == "denial" and i and tokens[i - 1].low in
               lex.NEGATIONS and not tokens[i].low.startswith(_DENIAL_STEMS)}  # "не окупував"
    denial = next((i for i, e in found if e == "denial" and i not in negated), None)
    denied = None  # (trigger, event, maker) of a named claimant's claim the sentence denies
    sources: dict[int, tuple[str, str]] = {}  # a clause's own source before "однак ..."
    reported = _reported_before(tokens, found, denial) if denial is not None else None
    if reported is not None:  # "Заявления Минобороны РФ о взятии X не соответствуют
        # действительности": the claims between the report noun and the denial are denied
        noun, inside = reported
        first = min(inside)
        maker = _maker_between(sent, noun, first, side)
        if maker is not None:
            denied = (first, dict(found)[first], maker)
        found = [(i, e) for i, e in found if i not in inside]
    elif denial is not None:  # "спростовує заяву про захоплення X": what is denied is no claim
        # of the denier (nor a second denial word: "спростували заяву ...: ці твердження
        # не відповідають")
        end = _denied_part_end(tokens, denial)  # "...: бои в поселке продолжаются" asserts
        after = [(i, e) for i, e in found if denial < i < end and e != "denial"]
        found = [(i, e) for i, e in found if i <= denial or (i >= end and e != "denial")]
        maker = _maker_between(sent, denial, after[0][0], side) if after else None
        if maker is not None:
            denied = (after[0][0], after[0][1], maker)
        sources = _contrasted_sources(sent, found, denial, side)
    position = {t.start: k for k, t in enumerate(tokens)}
    by_trigger: dict[int, list[PlaceMention]] = {}
    for m in mentions:
        k = position.get(m.span.start)
        if k is None or (k >= 2 and (tokens[k - 2].low, tokens[k - 1].low) in
                         lex.ORIGIN_WORDS) or _alias_or_river(tokens, k):
            continue  # "контратаковать со стороны X": from X
        before = [(i, e) for i, e in found if i < k and (e != "denial" or i == denial or
                                                         i in negated)]
        after = [(i, e) for i, e in found if i > k and (e != "denial" or i == denial or
                                                        i in negated)]
        pick = before[-1] if before else (after[0] if after else None)
        if pick is None:
            pick = next((f for f in found if f[1] == "denial"), None)
        if pick is not None:
            by_trigger.setdefault(pick[0], []).append(m)
            m.role = "event"
    refers = _refers_back(tokens)
    coreferent = None  # the trigger whose place is read through the settlement noun
    if refers is not None:  # the trigger nearest the noun, if placeless, takes the settlement
        # a denial before the noun names in its sentence (the denier's own account: "не
        # захопили X, місто під контролем ЗСУ"), else the one of the claims before ("... X.
        # Село залишається під контролем ...")
        events = dict(found)
        here = {m.place.id: m for k, ms in by_trigger.items() if events.get(k) == "denial"
                for m in ms if m.place is not None and m.place.kind == "settlement" and
                not m.approximate and position.get(m.span.start, len(tokens)) < refers}
        earlier = next(iter(here.values())) if len(here) == 1 else \
            antecedent if not by_trigger else None
        pick = min((f for f in found if f[1] != "denial"), default=None,
                   key=lambda f: abs(f[0] - refers))
        if earlier is not None and pick is not None and not by_trigger.get(pick[0]):
            by_trigger[pick[0]] = [earlier]
            coreferent = pick[0]
    start, end, precision, expression = find_date(sent.text, published)
    hedged = any(h in low for h in lex.HEDGES)
    kind = "background" if is_history(sent.text, published, end if expression else None) \
        else "claim"
    claims = []
    def claim_of(i: int, event: str, mention: PlaceMention | None, who: str,
                 who_side: str) -> Claim:
        claim = Claim(
            sentence=sent.text.strip(), sentence_start=sent.start, sentence_end=sent.end,
            claimant=who, claimant_side=who_side, event_type=event,
            actor_side=_actor(tokens, i, event, who_side, lang), mention=mention,
            date_start=start, date_end=end, date_precision=precision,
            count=count_of(sent.text, places=event in ("control", "advance"))
            if event in ("control", "advance", "repelled", "attack", "fighting") else None,
            hedged=hedged, trigger=tokens[i].text, kind=kind,
            confidence=claim_confidence(mention, precision, hedged, named=True))
        if expression:
            claim.notes.append(f"dated by {expression!r}")
        return claim

    for i, event in found:
        if _conditional(tokens, i):  # "если российские войска возьмут X, ...": no claim
            continue
        places: list[PlaceMention | None] = list(without_containers(by_trigger.get(i, [])))
        if not places:
            if event != "denial" or i in negated:  # "не окупував" denies only a named place
                continue
            places = [None]
        for mention in places:
            if event == "denial" and denied is not None and mention is not None:
                k, denied_event, (who, who_side) = denied  # the claim denied, its maker's
                made = claim_of(k, denied_event, mention, who, who_side)
                if denied_event in ("control", "advance", "repelled"):
                    made.actor_side = who_side  # the maker's forces, not the denier's
                made.notes.append(f"the claim {claimant} denies")
                claims.append(made)
            who, who_side = sources.get(i, (claimant, side))
            claims.append(claim_of(i, event, mention, who, who_side))
            if i == coreferent and refers is not None:
                claims[-1].notes.append(f"{tokens[refers].text!r} read as "
                                        f"{mention.span.text}{COREFERENCE_NOTE}")
            if (who, who_side) != (claimant, side):
                claims[-1].notes.append("its own clause's source, before a denial")
    return claims


COREFERENCE_NOTE = ", the settlement of the claims before"


def _conditional(tokens: list[Token], i: int) -> bool:
    """Rule (session 9, long articles): the trigger at *i* is in a condition's clause ("если
    российские войска возьмут X", "якщо окупанти захоплять X"): a subordinator of
    :data:`lex.CONDITIONALS` before it, with no comma between. Its places stay with it (no
    other trigger of the sentence takes them)."""
    for k in range(i - 1, -1, -1):
        if tokens[k].text in (",", ";", ":", "—", "–"):
            return False
        if tokens[k].low in lex.CONDITIONALS:
            return True
    return False


def _alias_or_river(tokens: list[Token], k: int) -> bool:
    """Rule (session 9, long articles): the name at *k* is the other language's name of the
    place before it ("Красноармейска (украинское название - Покровск)") or a river after
    "берег" ("на левый берег Днепра", "на лівий берег Дніпра"): no place of a claim."""
    before = [t.low for t in tokens[max(0, k - 3):k] if t.text not in ("-", "—", "–", ":")]
    return bool(before) and (before[-1] in lex.ALIAS_WORDS or
                             before[-1].startswith(lex.BANK_STEMS))


def reminds(text: str) -> bool:
    """The sentence opens with a reminder ("Напомним, что ...", "Нагадаємо, ...", "Стоит
    напомнить"): the outlet retells earlier events (session 9, long articles)."""
    return fold(text).lstrip(" «\"-—–").startswith(lex.REMINDERS)


def is_history(text: str, published: dt.date | None, dated_end: dt.date | None) -> bool:
    """Rule (session 9, long articles): a Russian or Ukrainian sentence tells history (its
    claims are kind ``background``) when it opens with a reminder (:func:`reminds`), or
    when its date ("26 апреля", *dated_end*) or the period it names ("в феврале 2024 года",
    "весной", "у травні 2024 року", :func:`geomap.nlp.slavic.dates.history_end`) ends more
    than :data:`geomap.nlp.claims.BACKGROUND_DAYS` days before publication, as in English."""
    if reminds(text):
        return True
    if published is None:
        return False
    ends = [e for e in (dated_end, history_end(text, published)) if e is not None]
    return bool(ends) and (published - max(ends)).days > BACKGROUND_DAYS


def _recaptured(tokens: list[Token], i: int, starts: set[int]) -> bool:
    """Rule (session 8): "отбили"/"відбили" whose object is a place is a recapture, not a
    repel: right after the verb, or after whom it was taken from ("відбили у ворога
    Золотий Колодязь", "отбили у российской армии X", "відбили село"), comes a place
    (a mention starting at one of *starts*) or a settlement noun. "Відбили п'ять атак у
    районах X", "відбили штурм X" stay repels."""
    if not tokens[i].low.startswith(lex.RECAPTURE_STEMS):
        return False
    k = i + 1
    if k < len(tokens) and tokens[k].low in ("у", "в") and k + 1 < len(tokens) and \
            tokens[k + 1].low.startswith((*lex.ENEMY_WORDS, *lex.RU_SIDE, *lex.UA_SIDE)):
        k += 2  # "у ворога", "у российской (армии)"
        if k < len(tokens) and tokens[k].low in lex.FORCE_WORDS:
            k += 1
    return k < len(tokens) and (tokens[k].start in starts or
                                tokens[k].low in lex.COREFERENCE_NOUNS)


def _refers_back(tokens: list[Token]) -> int | None:
    """The index of a settlement noun with no name after it ("село залишається ...",
    "освободили город."), else None."""
    for k, token in enumerate(tokens):
        if token.low in lex.COREFERENCE_NOUNS and not (
                k + 1 < len(tokens) and tokens[k + 1].text[:1].isupper()):
            return k
    return None


def spoken_by_side(sent: Sentence, named: list[tuple[str, str]],
                   side: str) -> tuple[str, str] | None:
    """The source of a sentence that names no claimant of the table but says who speaks
    by a side phrase before its speech verb ("Ранее российское ведомство сообщило, что
    ...", "Російські військові заявили ..."): the latest claimant of *named* (the article's
    so far) of that side when the phrase is a generic noun for one ("ведомство",
    "міністерство"), else the phrase itself with its side; None when the phrase names no
    side."""
    tokens = sent.tokens
    speech = next((k for k, t in enumerate(tokens) if t.low.startswith(lex.SPEAKER_STEMS)),
                  None)
    if not speech:
        return None
    words = tokens[max(0, speech - 3):speech]
    if words and words[-1].low in lex.COUNTRY_SPEAKERS:  # "Росія заявила про ..."
        return words[-1].text, lex.COUNTRY_SPEAKERS[words[-1].low]
    sided = _side_at(words, list(range(len(words) - 1, -1, -1)), side, "")
    if sided not in OPPONENT:
        return None
    if any(t.low.startswith(lex.SOURCE_NOUNS) for t in words):
        earlier = [n for n in named if n[1] == sided]
        if earlier:
            return earlier[-1]
    at = max(k for k, t in enumerate(words) if t.low.startswith(lex.RU_SIDE + lex.UA_SIDE +
                                                                 lex.ENEMY_WORDS + lex.OWN_WORDS))
    phrase = words[at:at + 2] if at + 1 < len(words) and words[at + 1].low.isalpha() and \
        words[at + 1].low not in lex.DEMONSTRATIVES else words[at:at + 1]
    return " ".join(t.text for t in phrase), sided  # "Російські військові", "ВСУ"


def account_by_side(sent: Sentence) -> tuple[str, str] | None:
    """Rule (session 9, long articles): "По данным украинского командования, ...", "за
    словами російських військових": a sentence that names no claimant of the table but
    gives its account to a side's phrase speaks for that side (the phrase is the claimant)."""
    tokens = sent.tokens
    for k in range(len(tokens) - 2):
        if (tokens[k].low, tokens[k + 1].low) not in lex.ACCOUNT_WORDS:
            continue
        words = tokens[k + 2:k + 4]
        if words and words[0].low.startswith(lex.SIDE_ADJECTIVES[:5]):
            sided = _side_at(words, [0], "UNKNOWN", "")
            if sided in OPPONENT:
                return " ".join(w.text for w in words), sided
    return None


def _denied_part_end(tokens: list[Token], denial: int) -> int:
    """The end of what a denial denies: the first colon, semicolon or "по словам"/"за
    словами" after it (what follows is the denier's own account: "опровергли: по словам
    представителя, бои в поселке продолжаются"), else the sentence's end. Session 9: a
    speech gerund after the denial opens the denier's own account too ("это опровергли,
    заявив, что бои в районе X продолжаются", "спростували, наголосивши, що ...")."""
    for k in range(denial + 1, len(tokens)):
        if tokens[k].text in (":", ";") or tokens[k].low in lex.ACCOUNT_GERUNDS or (
                k + 1 < len(tokens) and (tokens[k].low, tokens[k + 1].low) in lex.ACCOUNT_WORDS):
            return k
    return len(tokens)


def _reported_before(tokens: list[Token], found: list[tuple[int, str]],
                     denial: int) -> tuple[int, set[int]] | None:
    """(report noun, denied triggers) of a sentence whose denial predicate follows the
    report it denies ("Заявления Минобороны РФ о взятии X не соответствуют
    действительности", "Повідомлення ворога про захоплення X — брехня"): the report noun
    before the denial and the triggers between them; None when there is none (session 7)."""
    noun = next((k for k in range(denial - 1, -1, -1)
                 if tokens[k].low.startswith(lex.REPORT_NOUNS) or
                 tokens[k].low in lex.REPORT_WORDS), None)
    if noun is None:
        return None
    inside = {i for i, e in found if noun < i < denial and e != "denial"}
    return (noun, inside) if inside else None


def _maker_between(sent: Sentence, start: int, end: int,
                   side: str) -> tuple[str, str] | None:
    """(name, side) of the named claimant whose claim a denial denies: a claimant of the
    table named between tokens *start* and *end* (the denial and the denied event: "Генштаб
    ВСУ опроверг заявление Минобороны России о взятии X"; or a report noun and the event:
    "Заявления Минобороны РФ о взятии X ...") of the other side than *side*: the
    ministry's claim. A side alone ("спростували заяви росіян про ...") names no
    claimant: None."""
    tokens = sent.tokens
    between = sent.text[tokens[start].end - sent.start:tokens[end].start - sent.start]
    found = find_claimant(between)
    if found is None or found[0].side not in OPPONENT or found[0].side == side:
        return None
    return found[0].name, found[0].side


def _contrasted_sources(sent: Sentence, found: list[tuple[int, str]], denial: int,
                        side: str) -> dict[int, tuple[str, str]]:
    """The sources of the triggers in a clause before "однак"/"але"/"но" that a later
    denial answers ("Російські військові заявили про захоплення X, однак у ДПСУ це
    спростували"): the side phrase before the clause's speech verb (or a claimant of the
    table named in it), when it is the other side's."""
    tokens = sent.tokens
    cut = next((k for k in range(denial - 1, 0, -1) if tokens[k].low in lex.CONTRAST_WORDS
                and tokens[k - 1].text == ","), None)
    if cut is None:
        return {}
    clause = tokens[:cut]
    speech = next((k for k, t in enumerate(clause) if t.low.startswith(lex.SPEAKER_STEMS)),
                  None)
    if speech is None:
        return {}
    named = find_claimant(sent.text[:clause[speech].start - sent.start])
    source = (named[0].name, named[0].side) if named is not None else \
        spoken_by_side(Sentence(sent.start, clause[speech].end, sent.text, clause[:speech + 1]),
                       [], side)
    if source is None or source[1] not in OPPONENT or source[1] == side:
        return {}
    return {i: source for i, e in found if i < cut and e != "denial"}


def repelled_after(previous: list[Claim], sent: Sentence) -> None:
    """A sentence that repels with no place of its own ("Усі атаки відбито", "Сили оборони
    відбили 31 атаку") says the attacks of the sentence before it, by the same claimant,
    were repelled: they become ``repelled`` claims (the count the repel sentence gives)."""
    if not any(e == "repelled" for _, e in triggers(sent)):
        return
    for claim in previous:
        if claim.event_type == "attack":
            claim.event_type = "repelled"  # by the side the attack was on
            claim.actor_side = OPPONENT.get(claim.actor_side, claim.claimant_side)
            claim.count = count_of(sent.text) or claim.count
            claim.notes.append("repelled, says the next sentence")


def without_repeats(found: list[Claim], earlier: list[Claim]) -> list[Claim]:
    """*found* without a claim read through a settlement noun ("освободили город") that
    repeats an earlier claim of the article (same place, event type and claimant side)."""
    seen = {(c.mention.place.id, c.event_type, c.claimant_side) for c in earlier
            if c.mention is not None and c.mention.place is not None}
    return [c for c in found if not (c.notes and c.notes[-1].endswith(COREFERENCE_NOTE) and
                                     (c.mention.place.id, c.event_type, c.claimant_side)
                                     in seen)]


def reports(sent: Sentence) -> bool:
    """*sent* reports what a claimant says: a word of saying (:data:`lex.SPEAKER_STEMS`), an
    account ("по данным", "за словами"), a colon or a short line (a headline or a label:
    "Минобороны России: ..." ), not a mere mention of the claimant."""
    tokens = sent.tokens
    return len(tokens) <= 12 or any(t.text == ":" for t in tokens) or any(
        t.low.startswith(lex.SPEAKER_STEMS) for t in tokens) or any(
        (a.low, b.low) in lex.ACCOUNT_WORDS for a, b in pairwise(tokens))


def without_article_repeats(claims: list[Claim]) -> list[Claim]:
    """Rule (session 9, long articles), as in English (:func:`geomap.nlp.claims._dedupe`):
    a claim that repeats an earlier one of the article (same place, event type, claimant
    side, kind and dates: a ministry's statement, then its quote "«... освободили X»") is
    folded into the first, which notes the repeat."""
    first: dict[tuple, Claim] = {}
    out = []
    for c in claims:
        if c.mention is None or c.mention.place is None or c.event_type == "denial":
            out.append(c)
            continue
        key = (c.mention.place.id, c.event_type, c.claimant_side, c.kind, c.date_start,
               c.date_end)
        earlier = first.get(key)
        if earlier is not None and earlier.sentence_start != c.sentence_start:
            earlier.notes.append(f"repeated in the article ({c.sentence[:40]!r})")
            continue
        first.setdefault(key, c)
        out.append(c)
    return out


def names_in(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, side) of every name of the claimant table in *text*, in text
    order: the claimants an article has named so far, and the spans where a place word is
    no place ("у Державній прикордонній службі")."""
    low = fold(text)
    return sorted((m.start(), m.end(), c.name, c.side) for c in claimants()
                  for m in c.pattern.finditer(low))


def acting(name: str) -> bool:
    """A claimant of the table that acts rather than reports: a group of forces ("группировка
    войск «Восток»"), the claimant only when no one else is named as the source."""
    return fold(name).startswith(lex.ACTING_CLAIMANTS)


def settlement_of(claims: list[Claim]) -> PlaceMention | bool | None:
    """The one settlement (placed, not approximate) of *claims*; ``False`` when they name
    several (a later "село" is then ambiguous); None when they name none."""
    settled = {c.mention.place.id: c.mention for c in claims if c.mention is not None and
               c.mention.place is not None and c.mention.place.kind == "settlement" and
               not c.mention.approximate}
    if not settled:
        return None
    return next(iter(settled.values())) if len(settled) == 1 else False


_UA_VOICE = {lang: re.compile(r"(?<!\w)(?:" + "|".join(
    lex.UA_VOICE + (lex.UA_VOICE_UK if lang == "uk" else ())) + ")") for lang in ("ru", "uk")}


def ukrainian_voice(text: str, lang: str) -> bool:
    """The text calls Russia's forces what only the Ukrainian side calls them ("окупанти",
    "загарбники"; in Ukrainian also "ворог"): its unknown publisher reports for Ukraine."""
    return _UA_VOICE[lang].search(fold(text)) is not None


def without_repeated_denials(claims: list[Claim]) -> list[Claim]:
    """Drop a denial with no place (before :func:`link_denials` gives it one) that follows
    a denial by the same claimant: the quote of a denial ("«Это не соответствует
    действительности», говорится в сообщении") repeats it."""
    out: list[Claim] = []
    for claim in claims:
        if claim.event_type == "denial" and claim.mention is None and any(
                c.event_type == "denial" and c.claimant == claim.claimant for c in out):
            continue
        out.append(claim)
    return out


def without_headline_repeats(claims: list[Claim]) -> list[Claim]:
    """Drop a headline's claim (a line without a final stop) that a later sentence of the
    body makes again (same place, event type and claimant side: "ВС РФ освободили X", then
    "Подразделения ... освободили X, сообщили в Минобороны России"): the body's is kept,
    with its claimant and date (session 7)."""
    def key(c: Claim) -> tuple | None:
        if c.mention is None or c.mention.place is None:
            return None
        return c.mention.place.id, c.event_type, c.claimant_side, c.kind

    keys = [key(c) for c in claims]
    headline = [is_headline(c.sentence) for c in claims]
    body = {k for k, h in zip(keys, headline, strict=True) if not h}
    return [c for c, k, h in zip(claims, keys, headline, strict=True)
            if not (h and k is not None and k in body)]


def link_denials(claims: list[Claim]) -> None:
    """A denial disputes the latest earlier claim of the other side (taking its place)."""
    for k, claim in enumerate(claims):
        if claim.event_type != "denial":
            continue
        earlier = [c for c in claims[:k] if c.event_type != "denial" and c.mention is not None
                   and c.claimant_side in ("RU", "UA") and c.claimant_side != claim.claimant_side]
        if not earlier:
            earlier = [c for c in claims[:k] if c.event_type != "denial" and
                       c.mention is not None and c.actor_side not in (claim.claimant_side,)]
        if not earlier:
            continue
        target = earlier[-1]
        claim.disputes = target
        if claim.mention is None:
            claim.mention = target.mention
            claim.notes.append("place taken from the disputed claim")
