"""Joint resolution of all place names of one document.

A news story names places that belong together: "Kursk region" earlier in
the text makes a later "Belaya" the Kursk village, not the one in Ternopil
oblast. :func:`resolve_mentions` picks one place per name in three passes:

1. **Candidates.** Each distinct name gets up to 100 ranked candidates from
   :meth:`Gazetteer.lookup` (the document's ``country`` hint, if any, is a
   preference, not a filter).
2. **Named context.** Regions and countries the document names outright (a
   mention whose best candidate is an admin-1 unit or a country with score
   >= 0.6), plus ``context["admin1"]`` and ``context["countries"]``, form the
   document's context. A candidate inside a named admin-1 unit gains +0.30;
   one in a named country +0.10.
3. **Spatial coherence** (two rounds). A settlement candidate gains up to
   +0.15, ``0.15 * exp(-d / 100 km)``, where ``d`` is its distance to the
   median point of the other mentions' current picks (settlements only), and
   up to +0.20 more, ``0.20 * exp(-d' / 15 km)``, where ``d'`` is its distance
   to the nearest of those picks: of several namesakes in one oblast (the
   Nikolayevkas of Kursk oblast), the one next to the document's other places
   wins, and the reason names the place that decided ("8 km from Sudzha,
   named in the document").

A name whose best candidate is a country, an admin-1 unit or a large area
(kind ``other``) with score >= 0.6 keeps that candidate ("Mexico" is the country
even though Mexico City is also called Mexico and lies in the named country).
Bonuses never apply to a candidate of another kind than the name's phrasing
asks for ("Kursk region" stays the oblast even when "the city of Kursk" is
named too). The pick is the highest adjusted score; ties keep lookup order.
A name of several words with no exact candidate ("Colorado State University",
"Dubai World Cup", "British Embassy Tokyo") falls back to the place named inside it
(:func:`contained_place`): its longest run of words that is exactly a country, an
admin-1 unit, a district, a large area or a settlement of at least
:data:`CONTAINED_MIN_POPULATION` people (never a small village: "Staraya Sorochina"
never becomes another "Sorochina"), the reason saying it is approximate and which
words decided. Such a pick never adds to the document's context. A name with no
candidate resolves to ``None`` with the reason. Nothing is invented: every pick is a
place of the index.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gazetteer.exc import GazetteerError
from gazetteer.geodesy import haversine_km
from gazetteer.model import Candidate
from gazetteer.scoring import analyse_query, hint_factor

if TYPE_CHECKING:  # the gazetteer is passed in; importing it here would make a cycle
    from gazetteer.lookup import Gazetteer

CONTEXT_THRESHOLD = 0.6
CANDIDATES = 100  # per name: one oblast can hold dozens of namesakes
ADMIN1_BONUS = 0.30
COUNTRY_BONUS = 0.10
COHERENCE_BONUS = 0.15
COHERENCE_SCALE_KM = 100.0
LOCAL_BONUS = 0.20
LOCAL_SCALE_KM = 15.0
CONTAINED_MIN_POPULATION = 50_000
CONTAINED_KINDS = ("country", "admin1", "admin2", "other")
# Words a run of words inside a name may not start or end with, nor consist of alone.
_CONTAINED_STOP = frozenset((
    "the", "of", "and", "de", "la", "le", "el", "al", "du", "des", "in", "at", "on", "for",
    "a", "an", "&", "-", "st", "st.", "saint", "new", "old", "north", "south", "east", "west",
    "northern", "southern", "eastern", "western", "central", "upper", "lower", "great",
    "greater", "little", "big", "united", "state", "states", "city", "county", "national",
    "international", "royal", "general", "republic", "kingdom", "university", "college",
    "school", "street", "road", "avenue", "park", "centre", "center", "hall", "house"))


@dataclass(slots=True)
class Resolution:
    """The outcome for one mention: the chosen candidate (or None) and why."""

    mention: str
    candidate: Candidate | None
    score: float
    reason: str
    alternatives: list[Candidate] = field(default_factory=list)


def _document_context(gaz: Gazetteer, picks: Mapping[str, list[Candidate]],
                      context: Mapping[str, object]) -> tuple[set[str], set[str]]:
    admin1s: set[str] = set()
    countries: set[str] = {str(c).upper() for c in context.get("countries", ()) or ()}
    for hint in context.get("admin1", ()) or ():
        code = gaz.admin1_code(str(hint))
        if code:
            admin1s.add(code)
    if context.get("country"):
        countries.add(str(context["country"]).upper())
    for candidates in picks.values():
        if candidates and candidates[0].score >= CONTEXT_THRESHOLD:
            top = candidates[0]
            if top.kind == "admin1" and top.admin1:
                admin1s.add(top.admin1)
                countries.add(top.country or "")
            elif top.kind == "country" and top.country:
                countries.add(top.country)
    countries.discard("")
    return admin1s, countries


def contained_place(gaz: Gazetteer, mention: str, near: object = None
                    ) -> tuple[str, list[Candidate]] | None:
    """The place named inside a name of several words that has no exact candidate.

    Runs of the name's words are tried longest first, then leftmost first; a run may
    not start or end with a function or generic word (:data:`_CONTAINED_STOP`) nor be a
    demonym ("Russian Embassy" names no place). The first run whose exact candidates
    include a country, admin-1 unit, district or large area (:data:`CONTAINED_KINDS`),
    or a settlement of at least :data:`CONTAINED_MIN_POPULATION` people, gives those
    candidates (that kind only, best first), with the run. None when no run does.
    """
    words = mention.split()
    if len(words) < 2 or len(words) > 8:
        return None
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            run = words[start:start + size]
            if run[0].lower() in _CONTAINED_STOP or run[-1].lower() in _CONTAINED_STOP:
                continue
            phrase = " ".join(run).strip(",.;:'\"()")
            if len(phrase) < 3:
                continue
            try:
                if gaz.demonym(phrase) is not None:
                    continue
                found = gaz.lookup(phrase, near=near, limit=CANDIDATES, fuzzy=False)
            except (GazetteerError, TypeError, ValueError):
                continue
            kept = [c for c in found if c.kind in CONTAINED_KINDS or (
                c.kind == "settlement" and c.population >= CONTAINED_MIN_POPULATION)]
            if kept:
                return phrase, kept
    return None


def resolve_mentions(gaz: Gazetteer, mentions: Sequence[str],
                     context: Mapping[str, object] | None = None) -> list[Resolution]:
    """Resolve *mentions* (names as written) of one document; see the module docstring.

    Parameters
    ----------
    gaz
        The gazetteer to use.
    mentions
        Names in document order; repeated names get the same answer.
    context
        Optional hints: ``country`` (ISO alpha-2), ``countries``, ``admin1``
        (codes or names), ``near`` ((lat, lon)).
    """
    context = dict(context or {})
    near = context.get("near")
    candidates: dict[str, list[Candidate]] = {}
    errors: dict[str, str] = {}
    for mention in mentions:
        if mention in candidates or mention in errors:
            continue
        try:
            candidates[mention] = gaz.lookup(mention, near=near, limit=CANDIDATES)
        except (GazetteerError, TypeError, ValueError) as error:
            errors[mention] = str(error)
    admin1s, countries = _document_context(gaz, candidates, context)
    inside: dict[str, str] = {}  # mention -> the run of its words that named the place
    for mention, options in candidates.items():
        if all(c.fuzzy for c in options):
            contained = contained_place(gaz, mention, near)
            if contained is not None:
                inside[mention], candidates[mention] = contained

    hints = {m: analyse_query(m).parsed.kind_hint for m in candidates}

    def base(candidate: Candidate, mention: str) -> tuple[float, list[str]]:
        score, why = candidate.score, []
        if hint_factor(hints[mention], candidate.kind) < 1.0:
            return score, why  # context never overrides what the phrasing says
        if candidate.admin1 in admin1s and candidate.kind != "admin1":
            score += ADMIN1_BONUS
            why.append(f"in {candidate.admin1}, named in the document")
        elif candidate.country in countries and candidate.kind not in ("country",):
            score += COUNTRY_BONUS
            why.append(f"in {candidate.country}, named in the document")
        return score, why

    # A name whose best candidate is a country, region or large area named outright
    # ("Florida", "Mexico", "the Middle East") keeps it: the document's context is built
    # from such names, and it never lends a namesake settlement a bonus over them.
    outright = {m for m, options in candidates.items()
                if options and options[0].score >= CONTEXT_THRESHOLD
                and options[0].kind in ("country", "admin1", "other")}
    picks: dict[str, tuple[Candidate, float, list[str]]] = {}
    # What does not change between the rounds is worked out once (issue 15): each
    # candidate's score before coherence, whether coherence applies to it, each name's
    # keys, and the distances between candidates.
    based: dict[str, list[tuple[Candidate, float, list[str], bool]]] = {}
    for mention, options in candidates.items():
        if mention in outright:
            picks[mention] = (options[0], options[0].score, ["named outright"])
            continue
        based[mention] = [(c, *base(c, mention), c.kind == "settlement"
                           and hint_factor(hints[mention], c.kind) == 1.0) for c in options]
        if based[mention]:
            picks[mention] = max(((c, score, why) for c, score, why, _ in based[mention]),
                                 key=lambda item: item[1])
    keys = {m: analyse_query(m).full_keys for m in candidates}
    between: dict[tuple[int, int], float] = {}  # candidate pair -> km, across the rounds

    def distance(o: Candidate, c: Candidate) -> float:
        d = between.get((id(o), id(c)))
        if d is None:
            d = between[(id(o), id(c))] = haversine_km(o.lat, o.lon, c.lat, c.lon)
        return d

    for _ in range(2):
        updated = {m: picks[m] for m in outright if m in picks}
        for mention, scored in based.items():
            others = [p[0] for m, p in picks.items() if m != mention and p[0].kind == "settlement"
                      and keys[m] != keys[mention]]
            centre = None
            if others:
                centre = (statistics.median(c.lat for c in others),
                          statistics.median(c.lon for c in others))
            best = None
            for c, score, why, coherent in scored:
                if centre is not None and coherent:
                    d = haversine_km(centre[0], centre[1], c.lat, c.lon)
                    bonus = COHERENCE_BONUS * math.exp(-d / COHERENCE_SCALE_KM)
                    nearest, d_near = others[0], distance(others[0], c)
                    for o in others[1:]:
                        d_o = distance(o, c)
                        if d_o < d_near:
                            nearest, d_near = o, d_o
                    local = LOCAL_BONUS * math.exp(-d_near / LOCAL_SCALE_KM)
                    score += bonus + local
                    if local > 0.05:
                        why = [*why, f"{d_near:,.0f} km from {nearest.name}, named in the "
                                     "document"]
                    elif bonus > 0.05:
                        why = [*why, f"{d:,.0f} km from the document's other places"]
                if best is None or score > best[1]:
                    best = (c, score, why)
            if best is not None:
                updated[mention] = best
        picks = updated

    out: list[Resolution] = []
    for mention in mentions:
        if mention in errors:
            out.append(Resolution(mention, None, 0.0, f"invalid name: {errors[mention]}"))
            continue
        pick = picks.get(mention)
        if pick is None:
            out.append(Resolution(mention, None, 0.0, "no place of that name in the gazetteer"))
            continue
        candidate, score, why = pick
        if mention in inside:
            why = [f"approximate: the place named inside {mention!r} ({inside[mention]!r})",
                   *why]
        reason = "; ".join([candidate.reason, *why])
        out.append(Resolution(mention, candidate, round(score, 4), reason,
                              [c for c in candidates[mention] if c is not candidate][:5]))
    return out
