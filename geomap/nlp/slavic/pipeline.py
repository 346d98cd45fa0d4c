"""One Russian or Ukrainian article -> place mentions and claims.

Steps: repair the text (:func:`~geomap.nlp.slavic.text.repair`, same length so offsets
hold), split it into sentences, find place spans and their nominative forms, resolve them
with :func:`geomap.nlp.places.resolve_article` (the English pipeline's rules: focus
regions, joint resolution, approximate placement at the region), keep places in Russia
and Ukraine (a name resolved elsewhere, e.g. "Суджу" -> Suzhou, is placed approximately
at the article's region when a slot says it is a place, else dropped), then claims
sentence by sentence (:mod:`geomap.nlp.slavic.claims`).

Only pymorphy3's dictionary for the pipeline's language is loaded: a corpus in one
language loads one pipeline.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from gazetteer import Gazetteer
from geomap.nlp.claimants import Registry, load_registry
from geomap.nlp.claims import Claim, without_region_summaries
from geomap.nlp.places import PlaceMention, in_theatre, resolve_article
from geomap.nlp.slavic import claims as rules
from geomap.nlp.slavic.names import DOMAIN_COUNTRIES, SlavicSpan, find_spans, in_domain, morph
from geomap.nlp.slavic.text import repair, sentences

#: "на Сумском направлении", "на Харківському напрямку": a region's adjective before a
#: direction noun
_AXIS = re.compile(r"\b([А-ЯЁІЇЄҐ][а-яёіїєґ'ʼ]+?)(ском|ському|цком|цькому)\s+"
                   r"(?:направлени|напрям)")
#: The adjective's locative ending -> the region's nominative endings to try.
_AXIS_NOMINATIVE = {"ском": ("ская",), "цком": ("цкая",), "ському": ("ська",),
                    "цькому": ("цька",)}

LANGUAGES = ("ru", "uk")


class SlavicPipeline:
    """Rules over pymorphy3's analyses for one language (``ru`` or ``uk``)."""

    def __init__(self, lang: str, gazetteer: Gazetteer, claimants: Registry | None = None):
        """*claimants*: the user's own claimant rows (``geomap extract --claimants``),
        matched beside the Russian/Ukrainian table; at the same position the user's row
        wins."""
        if lang not in LANGUAGES:
            raise ValueError(f"no Slavic pipeline for {lang!r}; expected one of {LANGUAGES}")
        self.lang = lang
        self.gazetteer = gazetteer
        self.claimants = claimants
        self._names: dict = {}
        morph(lang)  # load the dictionary now, once

    @property
    def name(self) -> str:
        """A label for summaries: ``pymorphy3-ru`` or ``pymorphy3-uk``."""
        return f"pymorphy3-{self.lang}"

    def analyse(self, text: str, published: dt.date | None, source: str | None,
                lookups: dict) -> tuple[list[PlaceMention], list[Claim], list[str]]:
        """(mentions, claims, notes) for one article's *text*."""
        fixed, notes = repair(text)
        sents = sentences(fixed)
        spans: list[SlavicSpan] = []
        for index, sent in enumerate(sents):
            spans.extend(find_spans(sent, index, self.lang, self.gazetteer, self._names))
        mentions = [self._in_domain(m) for m in resolve_article(spans, self.gazetteer, lookups)]
        mentions = [m for m in mentions if m is not None]
        mentions = [self._in_theatre(m, mentions) for m in mentions]
        axes = self._axis_regions(fixed)
        if axes:
            mentions = [self._on_axis(m, axes, mentions) for m in mentions]
        regions = Counter(m.place.admin1 for m in mentions
                          if m.place is not None and m.place.admin1 and not m.approximate)
        mentions = [self._placed(m, regions) for m in mentions]
        default = self._opening_source(sents)
        if default is None and source:
            default = self._find_claimant(source)
        if default is not None and rules.acting(default[0]):
            # "Подразделения группировки «Восток» освободили X, сообщили в Минобороны":
            # the group acts; the source is the article's first one that reports
            default = next((found for found in (self._find_claimant(s.text) for s in sents)
                            if found is not None and not rules.acting(found[0])), default)
        claimant, side = default if default else \
            (source or "the publisher", self._publisher_side(source))
        if not default and side == "UNKNOWN" and rules.ukrainian_voice(fixed, self.lang):
            side = "UA"  # "знищили дві бронемашини окупантів": a Ukrainian unit's own post
        by_sentence: dict[int, list[PlaceMention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.span.sent_index, []).append(m)
        claims: list[Claim] = []
        previous: list[Claim] = []
        antecedent = None  # the one settlement of the latest claims ("село" refers to it)
        named: list[tuple[str, str]] = []  # the claimants named so far, in order
        for index, sent in enumerate(sents):
            names = rules.names_in(sent.text)
            if names and index in by_sentence:  # "у Державній прикордонній службі": no place
                by_sentence[index] = [
                    m for m in by_sentence[index] if not any(
                        a <= m.span.start - sent.start < b for a, b, _, _ in names)]
            own = self._find_claimant(sent.text)
            if own is not None and not rules.acting(own[0]):
                who, who_side = own
            elif own is None and rules.reminds(sent.text):  # "Напомним, ...": the outlet's
                who, who_side = source or "the publisher", self._publisher_side(source)
            else:  # "Ранее российское ведомство сообщило, что ...": the ministry before
                who, who_side = rules.spoken_by_side(sent, named, side) or \
                    rules.account_by_side(sent) or own or (claimant, side)
            if rules.acting(who) and not rules.acting(claimant):
                who, who_side = claimant, side  # the group acts; the article's source reports
            named.extend((name, name_side) for _, _, name, name_side in names)
            found = rules.sentence_claims(sent, by_sentence.get(index, []), claimant=who,
                                          side=who_side, published=published, lang=self.lang,
                                          antecedent=antecedent or None)
            found = rules.without_repeats(found, claims)
            if not found and index not in by_sentence:
                rules.repelled_after(previous, sent)
            claims.extend(found)
            previous = found
            settled = rules.settlement_of(found)
            antecedent = antecedent if settled is None else settled
        claims = rules.without_repeated_denials(rules.without_article_repeats(
            rules.without_headline_repeats(claims)))
        rules.link_denials(claims)
        claims = without_region_summaries(claims)
        return mentions, claims, notes

    def _opening_source(self, sents: list) -> tuple[str, str] | None:
        """The article's source: the first claimant named in its first 400 characters.
        Rule (session 9, long articles): not one the opening only names, with no word of
        saying in its sentence and no colon after it ("... Покровск, который в Минобороны
        РФ называют Красноармейском": the ministry is no source of the long read); a group of
        forces that acts ("Подразделения группировки «Юг» освободили X") still counts."""
        for sent in sents:
            if sent.start >= 400:
                break
            found = self._find_claimant(sent.text[:max(0, 400 - sent.start)])
            if found is not None and (rules.reports(sent) or rules.acting(found[0])):
                return found  # a group of forces that acts is handled below
        return None

    def _find_claimant(self, text: str) -> tuple[str, str] | None:
        """(name, side) of the claimant named first in *text*: the table's, or the user's
        (which wins at the same position)."""
        found = rules.find_claimant(text)
        best = (found[1], 1, found[0].name, found[0].side) if found else None
        if self.claimants is not None:
            mine = self.claimants.find(text)
            if mine and (best is None or mine[0].start <= best[0]):
                best = (mine[0].start, 0, mine[0].claimant.name, mine[0].claimant.side)
        return (best[2], best[3]) if best else None

    def _publisher_side(self, source: str | None) -> str:
        if self.claimants is not None and source:
            outlet = self.claimants.outlet_of(source) or self.claimants.claimant_of(source)
            if outlet is not None:
                return self.claimants.publisher_side(source)
        return publisher_side(source)

    def _in_domain(self, m: PlaceMention) -> PlaceMention | None:
        """*m* when placed in Russia or Ukraine; else, for a name in a place slot, its exact
        namesake there ("вошли в Степногорск": Stepnohirsk, not Stepnogorsk in Kazakhstan);
        else a slot name unplaced, or None."""
        place = m.place
        if place is None or place.kind == "country" or place.country in DOMAIN_COUNTRIES:
            return m
        try:  # only a name a preposition or slot says is a place ("вошли в Степногорск")
            found = self.gazetteer.lookup(m.span.query, limit=10) if m.span.slot else []
        except ValueError:
            found = []
        home = next((c.place for c in found if not c.fuzzy and c.kind == place.kind and
                     c.country in DOMAIN_COUNTRIES), None)
        if home is not None:
            m.place, m.lat, m.lon = home, home.lat, home.lon
            m.reason += f"; the namesake in {home.admin1} preferred to {place.name} " \
                        f"({place.country}), outside Russia and Ukraine"
            return m
        if m.span.slot in ("settlements-of", "near", "object"):
            m.place, m.lat, m.lon = None, None, None
            m.reason = f"{m.span.text!r} resolved to {place.name} ({place.country}), outside " \
                       "Russia and Ukraine"
            return m
        return None

    def _in_theatre(self, m: PlaceMention, mentions: list[PlaceMention]) -> PlaceMention:
        """A settlement deep in Russia with a namesake in the theatre (Ukraine or Russia's
        front-line regions) is that namesake, unless the article names its region:
        "Северск" is Siversk in Donetsk region, not Seversk near Tomsk."""
        place = m.place
        if place is None or place.kind != "settlement" or place.country != "RU" or \
                in_theatre(place) or any(
                    o.place is not None and o.place.id != place.id and
                    o.place.admin1 == place.admin1
                    for o in mentions):
            return m
        try:
            found = self.gazetteer.lookup(m.span.query, limit=10)
        except ValueError:
            return m
        theatre = [c for c in found if not c.fuzzy and c.kind == "settlement" and
                   in_theatre(c)]
        if not theatre:
            return m
        best = theatre[0].place
        m.place, m.lat, m.lon = best, best.lat, best.lon
        m.reason += f"; the namesake in the theatre of war ({best.admin1}) preferred to " \
                    f"{place.name} ({place.admin1})"
        return m

    def _axis_regions(self, text: str) -> list[str]:
        """The oblasts of the directions the text names by a region's adjective ("на
        Сумском направлении", "на Харківському напрямку"): region hints, never places."""
        codes: list[str] = []
        for match in _AXIS.finditer(text):
            stem, ending = match.group(1), match.group(2)
            for nominative_ending in _AXIS_NOMINATIVE[ending]:
                region = f"{stem}{nominative_ending} область"
                if not in_domain(self.gazetteer, region, region=True):
                    continue
                code = self.gazetteer.admin1_code(region)
                if code and code not in codes:
                    codes.append(code)
                break
        return codes

    def _on_axis(self, m: PlaceMention, axes: list[str],
                 mentions: list[PlaceMention]) -> PlaceMention:
        """A settlement placed outside the regions of the article's directions, whose region
        the article does not name, is its namesake in a direction's region when the
        gazetteer has one ("На Сумском направлении ... заняли Алексеевку": Oleksiivka of
        Sumy oblast, not Alexeyevka of Belgorod oblast)."""
        place = m.place
        if place is None or place.kind != "settlement" or place.admin1 in axes or any(
                o.place is not None and o.place.kind == "admin1" and
                o.place.admin1 == place.admin1 for o in mentions):
            return m
        for code in axes:
            try:
                found = self.gazetteer.lookup(m.span.query, admin1=code, limit=3,
                                              fuzzy=False)
            except ValueError:
                continue
            best = next((c.place for c in found if c.kind == "settlement"), None)
            if best is not None:
                m.place, m.lat, m.lon = best, best.lat, best.lon
                m.reason += f"; the namesake in {code}, the region of the article's " \
                            f"direction, preferred to {place.name} ({place.admin1})"
                return m
        return m

    def _placed(self, m: PlaceMention, regions: Counter) -> PlaceMention:
        if m.place is not None or not regions:
            return m
        code = regions.most_common(1)[0][0]
        try:
            region = self.gazetteer.admin1_place(code)
        except LookupError:
            return m
        return PlaceMention(m.span, region, region.lat, region.lon, 3, True,
                            f"{m.reason or repr(m.span.text) + ' is not in the gazetteer'}; "
                            f"placed approximately at {code}, the region of the article's "
                            "other places", role=m.role, uncertainty_km=50.0)


def publisher_side(source: str | None) -> str:
    """The side of a publisher's own narrative, from the outlets list (as in English:
    ``INDEPENDENT`` for an independent outlet, a state outlet's side, else ``UNKNOWN``)."""
    return load_registry().publisher_side(source) if source else "UNKNOWN"
