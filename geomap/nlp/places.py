"""From candidate spans to resolved places, for one article at a time.

Rules, in order:

1. **Evidence.** Each candidate is looked up in the gazetteer (fuzzy matches
   count only inside a place slot); an NER place (``GPE``/``LOC``) the
   gazetteer does not know at all stays a mention without a place. A
   candidate is accepted when it is a country or admin-1 name, a settlement
   of 100,000 people or more, an NER place (``GPE``/``LOC``/``FAC``) the
   gazetteer knows, or sits in a place slot;
   a smaller settlement outside a slot waits for step 3.
2. **Focus.** Regions and countries the article names outright ("Kursk
   region", "Russia") are its focus. **One sense per article**: once "Kursk
   region" is named, a bare "Kursk" is the region too, unless written "the
   city of Kursk".
3. **Joint resolution** with :meth:`gazetteer.Gazetteer.resolve` and the focus
   as context; a settlement whose sentence names regions outright ("Kreminna and Chasiv
   Yar in Ukraine's Luhansk and Donetsk regions") takes its namesake in one of them.
   A waiting small settlement is kept only when it lies in a focus
   region or within 100 km of the article's other places, or, when the article
   names no region, in a country it names.
4. **Never an invented coordinate.** A slot name the gazetteer lacks, or whose
   only namesakes lie over 200 km from the article's focus region (unless it is a town
   of 10,000 people or more in Ukraine or Russia's border regions: Pokrovsk in an
   article about Kursk is the Donetsk town), is placed
   at that region with ``approximate=True`` and the reason. With no focus region
   it is placed at the focus country, else left without geometry. **A namesake
   abroad is no evidence**: in an article that names nothing outside Russia and
   Ukraine, a slot name matched only by a place in another country the article does
   not name (a region, or a settlement under 100,000 people: "near Terny" is not
   Terni in Italy) is placed the same way. With no region named, such names, and the
   items of a list ("in the areas of X, Y and Z") whose namesake lies over 200 km from
   the article's other settlements, are placed at the region those settlements share.
5. **Relative places** ("three areas northeast of Sudzha", "5 km north of X")
   keep the anchor; the point is moved along the bearing (by the stated
   distance, else 10 km) and carries an uncertainty radius.

Precision codes (in the spirit of ACLED's): 1 a settlement; 2 near a
settlement (relative places, facilities); 3 a region, or a settlement placed
at its region; 4 a country.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from gazetteer import Gazetteer, Place
from gazetteer.geodesy import destination, haversine_km
from gazetteer.normalize import name_key, parse_query
from geomap.nlp import lexicon
from geomap.nlp.toponyms import ToponymSpan

STRONG_SLOTS = frozenset({"settlements-of", "region-of", "object", "near", "relative",
                          "anchor"})
DEFAULT_OFFSET_KM = 10.0
FAR_NAMESAKE_KM = 200.0
NEAR_OTHERS_KM = 100.0
NEAR_NAMESAKE_KM = 40.0
BIG_SETTLEMENT = 100_000
#: A town of the theatre (Ukraine, Russia's border regions) this big is named for itself:
#: an article about Kursk that names Pokrovsk means the Donetsk town, 384 km away (session
#: 9, lead), not a place at the Kursk region.
THEATRE_TOWN = 10_000
#: A settlement this far from all the article's others is a loner (see ``_loners``), when it
#: has fewer people than SMALL_SETTLEMENT (a town is named for itself).
LONER_KM = 60.0
SMALL_SETTLEMENT = 20_000


@dataclass(slots=True)
class PlaceMention:
    """A recognised toponym and where it resolved."""

    span: ToponymSpan
    place: Place | None
    lat: float | None
    lon: float | None
    precision: int | None
    approximate: bool
    reason: str
    role: str = "context"
    uncertainty_km: float = 0.0
    anchor_id: str | None = None
    fuzzy: bool = False  # resolved by a near spelling only

    @property
    def kind(self) -> str | None:
        """The kind of the place it resolved to (an approximate village: its region's)."""
        return None if self.place is None else self.place.kind


def _is_building(text: str) -> bool:
    low = text.lower().removeprefix("the ")
    return low in lexicon.GOVERNMENT_BUILDINGS


def _lookup(gaz: Gazetteer, cache: dict, key: tuple, query: str, **options) -> list:
    """``gaz.lookup(query, **options)`` remembered in *cache* under *key* (an invalid name
    finds nothing); the cache, shared across a run's articles, is emptied past 100,000
    entries."""
    if key not in cache:
        if len(cache) > 100_000:
            cache.clear()
        try:
            cache[key] = gaz.lookup(query, **options)
        except ValueError:
            cache[key] = []
    return cache[key]


def _own_name(picked, found: list, focus_admin1: Counter[str] | None = None):
    """A settlement picked by an alternate (often historic) name yields to a settlement of
    the same region whose own primary name it is: "Гришино" is the village Hryshyne near
    Pokrovsk, not Pokrovsk (once Grishino) itself. None when nothing yields.

    Rule (session 9): one picked deep in Russia (outside its front-line regions), in a
    region the article does not name, yields to the settlement of the theatre (Ukraine or
    Russia's front-line regions) whose own primary name it is: "Pokrovsk" beside "Russia's
    Defence Ministry" is Pokrovsk in Donetsk oblast, not Engels (once Pokrovsk)."""
    if picked is None or picked.kind != "settlement" or picked.match != "alternate":
        return None
    own = next((c for c in found if c.kind == "settlement" and c.match == "primary"
                and c.admin1 == picked.admin1 and c.id != picked.id), None)
    if own is not None or picked.country != "RU" or in_theatre(picked) \
            or picked.admin1 in (focus_admin1 or ()):
        return own
    return next((c for c in found if c.kind == "settlement" and c.match == "primary"
                 and not c.fuzzy and in_theatre(c)), None)


def _evidence(cand: ToponymSpan, gaz: Gazetteer, cache: dict) -> tuple[str, list]:
    """('accept' | 'wait' | 'reject', candidates) for one candidate."""
    if cand.text.lower() in lexicon.NOT_PLACES or _is_building(cand.text):
        return "reject", []
    if cand.ner == "PERSON" and len(cand.text.split()) > 1 and \
            cand.slot not in STRONG_SLOTS | {"tag"}:
        return "reject", []
    query = cand.query
    fuzzy = cand.slot in STRONG_SLOTS  # typos are forgiven only where the text says "place"
    found = _lookup(gaz, cache, (query, fuzzy), query, limit=10, fuzzy=fuzzy)
    exact = [c for c in found if not c.fuzzy]
    if cand.slot in STRONG_SLOTS:
        return "accept", found
    if not exact:
        # an NER place the gazetteer lacks entirely (not even a near spelling) is still a
        # toponym: kept, unresolved
        if cand.ner in ("GPE", "LOC") and cand.text[:1].isupper() and not fuzzy:
            try:
                near_spelling = gaz.lookup(query, limit=1)
            except ValueError:
                near_spelling = [None]
            if not near_spelling:
                return "unresolved", []
        return "reject", []
    best = exact[0]
    if best.kind in ("country", "admin1") and best.score >= 0.55:
        return "accept", exact
    if best.kind == "settlement" and best.population >= BIG_SETTLEMENT and best.score >= 0.6:
        return "accept", exact
    if cand.ner in ("GPE", "LOC", "FAC") and best.score >= 0.3:
        return "accept", exact
    if cand.slot in ("in", "tag"):
        return "accept", exact
    return "wait", exact


#: Characters between a settlement and the region right after it: " in ", " in the ".
_IN_GAPS = (4, 8)


def _names_a_region(cand: ToponymSpan) -> bool:
    """A region named outright: hinted as one, or written with a region word ("Kharkiv
    Oblast", "the Kursk region")."""
    words = cand.text.lower().split()
    return cand.hint == "admin1" or (len(words) > 1 and words[-1] in lexicon.REGION_SUFFIXES
                                     and words[-1] != "district")


def _namesake_in(cand: ToponymSpan, regions: set[str], found: list, gaz: Gazetteer,
                 cache: dict):
    """The namesake of *cand* that is a settlement in one of *regions* (the regions its
    sentence names outright): among its looked-up candidates, else looked up in each
    region (a common name, "Novoselivka", has more namesakes than one look-up returns).
    None when no region has one. A Russian/Ukrainian name's other forms are tried too
    ("Плещеевка" in Donetsk oblast is written "Плещіївка" there)."""
    local = next((c for c in found if c.kind == "settlement" and c.admin1 in regions), None)
    queries = (cand.query, *getattr(cand, "alternatives", ()))
    for query, region in [(q, r) for q in queries for r in sorted(regions)] \
            if local is None else ():
        found_there = _lookup(gaz, cache, (query, "in-region", region), query,
                              admin1=region, limit=3, fuzzy=False)
        local = next((c for c in found_there if c.kind == "settlement"), None)
        if local is not None:
            break
    return local


def _person_surnames(candidates: list[ToponymSpan]) -> set[str]:
    return {c.text.split()[-1].lower() for c in candidates
            if c.ner == "PERSON" and len(c.text.split()) > 1}


def resolve_article(candidates: list[ToponymSpan], gaz: Gazetteer,
                    cache: dict | None = None) -> list[PlaceMention]:
    """Resolve one article's candidates; see the module docstring.

    *cache* (lookup results by query) may be shared across articles.
    """
    cache = {} if cache is None else cache
    surnames = _person_surnames(candidates)
    verdicts = [(c, "reject", []) if c.text.lower() in surnames and c.slot not in STRONG_SLOTS
                else (c, *_evidence(c, gaz, cache)) for c in candidates]

    # 2. focus and one sense per article
    region_cores: dict[str, str] = {}
    focus_admin1: Counter[str] = Counter()
    focus_countries: Counter[str] = Counter()
    for cand, verdict, found in verdicts:
        if verdict == "reject" or not found:
            continue
        best = found[0]
        if best.kind == "admin1" and best.admin1 and _names_a_region(cand):
            focus_admin1[best.admin1] += 1  # "the Kursk region", "in Donetsk Oblast"
            if cand.hint == "admin1" and getattr(cand, "region_of", None) is None:  # "DPR"
                region_cores[name_key(parse_query(cand.query).core)] = best.admin1
        elif best.kind == "country" and best.country:
            focus_countries[best.country] += 1
    for cand, verdict, _ in verdicts:
        if verdict != "reject" and cand.hint is None and \
                name_key(parse_query(cand.text).core) in region_cores:
            cand.hint = "admin1"
            cand.notes.append("one sense per article: named as a region elsewhere")

    unresolved = [PlaceMention(c, None, None, None, None, False,
                               f"{c.text!r} is a place name (NER {c.ner}) the gazetteer lacks")
                  for c, v, _ in verdicts if v == "unresolved"]
    kept = [(c, v) for c, v, _ in verdicts if v not in ("reject", "unresolved")]
    found_of = {id(c): found for c, _, found in verdicts}
    sentence_regions: dict[int, set[str]] = {}  # regions named outright in each sentence
    for cand, verdict, found in verdicts:
        if verdict != "reject" and found and _names_a_region(cand) and \
                found[0].kind == "admin1" and found[0].admin1:
            sentence_regions.setdefault(cand.sent_index, set()).add(found[0].admin1)
    own_region: dict[int, str] = {}  # "Ternove in the Dnipropetrovsk region": its region
    for cand, verdict, found in verdicts:
        if verdict != "reject" and found and _names_a_region(cand) and \
                found[0].kind == "admin1" and found[0].admin1:
            before = next((c for c, v, _ in verdicts if v != "reject" and
                           c.sent_index == cand.sent_index and
                           cand.start - c.end in _IN_GAPS), None)
            if before is not None:
                own_region[id(before)] = found[0].admin1
    context = {"admin1": list(focus_admin1), "countries": list(focus_countries)}
    resolutions = gaz.resolve([c.query for c, _ in kept], context) if kept else []
    focus_points = _focus_points(gaz, focus_admin1)

    mentions: list[PlaceMention] = []
    for (cand, verdict), res in zip(kept, resolutions, strict=True):
        place = res.candidate.place if res.candidate is not None else None
        fuzzy_only = res.candidate is not None and res.candidate.fuzzy
        if place is not None and fuzzy_only and cand.slot not in STRONG_SLOTS:
            continue
        reason = res.reason
        own = _own_name(res.candidate, found_of.get(id(cand), []), focus_admin1)
        if own is not None:
            reason = f"{own.place.name}, whose own name it is, not {place.name} (an " \
                     f"alternate name) in {place.admin1}"
            place = own.place
        if place is not None and fuzzy_only and place.country not in \
                lexicon.THEATRE_COUNTRIES and place.country not in focus_countries:
            place = None  # "Berdin" is not Burien, Washington: a near spelling abroad
            reason = f"{cand.text!r} has only a near spelling abroad ({res.candidate.place.name})"
        if place is not None and cand.slot in STRONG_SLOTS and \
                _abroad(place, focus_admin1, focus_countries):
            mentions.append(_at_region(
                cand, gaz, focus_admin1, focus_countries,
                f"{cand.text!r}: the gazetteer's match, {place.name}, lies abroad "
                f"({place.country}), in a country the article does not name"))
            continue
        regions = sentence_regions.get(cand.sent_index)
        if id(cand) in own_region:
            regions = {own_region[id(cand)]}
        if place is not None and regions and place.kind == "settlement" and \
                place.admin1 not in regions:  # "Kreminna ... in Ukraine's Luhansk region"
            local = _namesake_in(cand, regions, found_of.get(id(cand), []), gaz, cache)
            if local is not None:
                place, fuzzy_only = local.place, local.fuzzy
                reason = f"{local.place.name} in {local.admin1}, the region named in its " \
                         "sentence"
        if place is not None and fuzzy_only and focus_admin1 and \
                place.kind == "settlement" and place.admin1 not in focus_admin1:
            if cand.slot in STRONG_SLOTS:  # a near spelling in another region is no evidence
                mentions.append(_at_region(
                    cand, gaz, focus_admin1, focus_countries,
                    f"{cand.text!r} is not in the gazetteer; its nearest spelling, "
                    f"{place.name!r}, is in {place.admin1}, not in the region the article "
                    "names"))
            continue
        if place is not None and place.kind in ("settlement", "admin2", "other") \
                and focus_points and place.population < BIG_SETTLEMENT and \
                not _theatre_town(place):
            distance = min(haversine_km(place.lat, place.lon, lat, lon)
                           for lat, lon in focus_points)
            if place.admin1 not in focus_admin1 and distance > FAR_NAMESAKE_KM:
                if cand.slot in STRONG_SLOTS:
                    why = (f"{cand.text!r} is not in the gazetteer; its nearest spelling, "
                           f"{place.name!r}, is {distance:,.0f} km from the article's region"
                           if fuzzy_only else
                           f"the only {cand.text!r} in the gazetteer is "
                           f"{distance:,.0f} km from the article's region")
                    mentions.append(_at_region(cand, gaz, focus_admin1, focus_countries,
                                               why))
                continue
        if verdict == "wait" and place is not None:
            if _near_article(place, focus_admin1, focus_points, mentions):
                reason += "; small place kept: it lies in or near the article's region"
            elif not focus_admin1 and place.country in focus_countries:
                reason += f"; small place kept: it lies in {place.country}, which the " \
                          "article names"
            else:
                continue
        if place is None:
            if cand.slot in STRONG_SLOTS:
                mentions.append(_at_region(cand, gaz, focus_admin1, focus_countries,
                                           reason if fuzzy_only else
                                           f"{cand.text!r} is not in the gazetteer"))
            continue
        mentions.append(_placed(cand, place, reason, facility=res.candidate.facility))
        mentions[-1].fuzzy = fuzzy_only
    mentions = _near_namesakes(mentions, gaz, cache)
    mentions = _nearest_in_named_regions(mentions, gaz, cache)
    if not focus_admin1:
        mentions = _at_implied_region(mentions, gaz)
    return sorted(mentions + unresolved, key=lambda m: m.span.start)


def _near_namesakes(mentions: list[PlaceMention], gaz: Gazetteer,
                    cache: dict) -> list[PlaceMention]:
    """Namesakes near the article's other places beat far ones (rule 4's first step).

    * The items of a list of places ("in the areas of X, Y and Z") that do not lie within
      :data:`NEAR_NAMESAKE_KM` of one another take, each, the namesake in Russia or
      Ukraine closest to the other items' namesakes and to the article's other placed
      settlements (summed distances): a weak-scoring row near the list beats
      a strong one far away ("Velyka Novosilka, Rozdolne and Novodarivka" is the Rozdolne
      10 km away, not Crimea's).
    * A slot name placed only approximately takes the namesake within
      :data:`NEAR_NAMESAKE_KM` of the article's placed settlements, when there is one.
    * The article's small settlements far from all its others (:func:`_loners`) are
      taken as one more list (session 5).
    * A list item placed in a region the article names only moves to a namesake in a
      named region ("Zhuravlevka and Demidovka in the Belgorod region" stay in Belgorod
      oblast, not the pair 13 km apart in Tula oblast) (session 6).

    The other nominative forms of a Russian/Ukrainian name are tried too ("Гришина" ->
    "Гришино"). Lists that already hang together cost no look-up."""
    anchors = [m for m in mentions if m.place is not None and m.place.kind == "settlement"
               and not m.approximate and m.place.country in lexicon.THEATRE_COUNTRIES
               and m.span.text.lower() not in lexicon.GOVERNMENT_CAPITALS]
    if not anchors:
        return mentions
    replaced: dict[int, tuple[Place, float]] = {}
    named = {m.place.admin1 for m in mentions if m.place is not None and
             m.place.kind == "admin1" and not m.approximate}
    loners = [m for m in _loners(anchors) if m.place.admin1 not in named]
    for group in [*_list_groups(mentions), *([loners] if loners else [])]:
        if _hangs_together(group):
            continue
        options = [_namesakes(m, gaz, cache) for m in group]
        outside = [a.place for a in anchors if all(a is not m for m in group)]
        for k, m in enumerate(group):
            others = [opts for j, opts in enumerate(options) if j != k and opts]
            if outside:  # the article's other settlements count as one more item
                others.append(outside)
            if not others or not options[k]:
                continue
            mine = options[k]
            if m.place is not None and not m.approximate and m.place.admin1 in named:
                # "Zhuravlevka and Demidovka in the Belgorod region": a settlement in a
                # region the article names keeps to the named regions
                mine = [p for p in mine if p.admin1 in named] or [m.place]
            best = min(mine, key=lambda p, o=others: _spread(p, o))
            nearest = min(haversine_km(best.lat, best.lon, q.lat, q.lon)
                          for opts in others for q in opts)
            settled = m.place is not None and not m.approximate
            if nearest <= NEAR_NAMESAKE_KM and not (settled and m.place.id == best.id) and (
                    not settled or _spread(best, others) < _spread(m.place, others) - 1.0):
                replaced[id(m)] = (best, nearest)
    for m in mentions:
        if id(m) in replaced or not m.approximate or m.span.slot not in STRONG_SLOTS:
            continue
        points = [o for o in anchors if o is not m]
        found = [(min(haversine_km(p.lat, p.lon, o.lat, o.lon) for o in points), p)
                 for p in _namesakes(m, gaz, cache)] if points else []
        if found:
            distance, best = min(found, key=lambda f: f[0])
            if distance <= NEAR_NAMESAKE_KM:
                replaced[id(m)] = (best, distance)
    out = []
    for m in mentions:
        if id(m) not in replaced:
            out.append(m)
            continue
        best, distance = replaced[id(m)]
        was = "placed approximately" if m.approximate or m.place is None else \
            f"not {m.place.name} in {m.place.admin1}"
        placed = _placed(m.span, best, f"the namesake in {best.admin1}, {distance:,.0f} km "
                         f"from the article's other places ({was})", facility=False)
        placed.role = m.role
        out.append(placed)
    return out


def _nearest_in_named_regions(mentions: list[PlaceMention], gaz: Gazetteer,
                              cache: dict) -> list[PlaceMention]:
    """Rule (session 9): a small settlement (under :data:`SMALL_SETTLEMENT`) of a region
    the article names, more than :data:`NEAR_NAMESAKE_KM` from each of the article's other
    settlements, takes its namesake in the same region nearest them when that one lies
    within :data:`NEAR_NAMESAKE_KM` ("Andriivka in the Donetsk region" beside Kurakhove is
    the Andriivka 17 km from it, not one of the twelve others in the oblast; "Sosnivka in
    the Dnipropetrovsk region, near Maliivka" the Sosnivka next to Maliivka)."""
    settled = [m for m in mentions if m.place is not None and not m.approximate
               and m.place.kind == "settlement"]
    named = {m.place.admin1 for m in mentions if m.place is not None and
             m.place.kind == "admin1" and not m.approximate}
    if not named or len(settled) < 2:
        return mentions
    settled_ids = {id(m) for m in settled}
    out = []
    for m in mentions:
        others = [o.place for o in settled if o is not m and o.place.id != m.place.id] \
            if id(m) in settled_ids and m.place.admin1 in named else []
        if not others or \
                m.place.population >= SMALL_SETTLEMENT or \
                _nearest_km(m.place, others) <= NEAR_NAMESAKE_KM:
            out.append(m)
            continue
        namesakes = [c.place for query in (m.span.query, *getattr(m.span, "alternatives", ()))
                     for c in _lookup(gaz, cache, (query, "region-namesakes", m.place.admin1),
                                      query, admin1=m.place.admin1, limit=30, fuzzy=False)
                     if c.kind == "settlement" and not c.fuzzy]
        best = min(namesakes, key=lambda p: _nearest_km(p, others), default=None)
        if best is None or best.id == m.place.id or \
                (distance := _nearest_km(best, others)) > NEAR_NAMESAKE_KM:
            out.append(m)
            continue
        placed = _placed(m.span, best, f"the namesake in {best.admin1}, the region the "
                         f"article names, {distance:,.0f} km from its other places (not "
                         f"{m.place.name} at {m.place.lat:.2f}, {m.place.lon:.2f})",
                         facility=False)
        placed.role = m.role
        out.append(placed)
    return out


def _nearest_km(place: Place, others: list[Place]) -> float:
    """The distance from *place* to the nearest of *others*, in km."""
    return min(haversine_km(place.lat, place.lon, o.lat, o.lon) for o in others)


def _loners(anchors: list[PlaceMention]) -> list[PlaceMention]:
    """The article's small settlements (under :data:`SMALL_SETTLEMENT`) that lie more than
    :data:`LONER_KM` from each of its other placed settlements, in an article with at
    least two; those in a region the article names stay (the caller drops them). Taken
    together as one list, each takes the namesake nearest the others
    ("Ворог окупував Вороне та просунувся поблизу Маліївки": the two villages 6 km apart
    in Dnipropetrovsk oblast, not Cherkasy's and Mykolaiv's; "посёлок Журавлёвка" beside
    Novaya Tavolzhanka is Belgorod oblast's, not Crimea's)."""
    if len({a.place.id for a in anchors}) < 2:
        return []
    return [m for m in anchors if m.place.population < SMALL_SETTLEMENT and all(
        haversine_km(m.lat, m.lon, o.lat, o.lon) > LONER_KM
        for o in anchors if o.place.id != m.place.id)]


def _list_groups(mentions: list[PlaceMention]) -> list[list[PlaceMention]]:
    """The lists of places of an article (see :func:`_list_items`), each in text order."""
    listed = _list_items(mentions)
    groups: list[list[PlaceMention]] = []
    for m in sorted((m for m in mentions if id(m) in listed), key=lambda m: m.span.start):
        last = groups[-1][-1] if groups else None
        if last is not None and last.span.sent_index == m.span.sent_index and \
                last.span.slot == m.span.slot and m.span.start - last.span.end <= 6:
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _hangs_together(group: list[PlaceMention]) -> bool:
    """Every item of the list is a settlement within :data:`NEAR_NAMESAKE_KM` of another."""
    if len(group) < 2 or any(m.place is None or m.approximate or m.place.kind != "settlement"
                             for m in group):
        return False
    return all(min(haversine_km(m.lat, m.lon, o.lat, o.lon) for o in group if o is not m)
               <= NEAR_NAMESAKE_KM for m in group)


def _namesakes(m: PlaceMention, gaz: Gazetteer, cache: dict) -> list[Place]:
    """Settlements in Russia or Ukraine named exactly like *m* (any nominative form)."""
    out: dict[str, Place] = {}
    if m.place is not None and not m.approximate and m.place.kind == "settlement":
        out[m.place.id] = m.place
    for query in (m.span.query, *getattr(m.span, "alternatives", ())):
        for c in _lookup(gaz, cache, (query, "namesakes"), query, limit=30, fuzzy=False):
            if c.kind == "settlement" and c.country in lexicon.THEATRE_COUNTRIES:
                out.setdefault(c.place.id, c.place)
    return list(out.values())


def _spread(place: Place, others: list[list[Place]]) -> float:
    """The distance from *place* to the nearest namesake of each other item, summed (each
    capped at 1,000 km)."""
    return sum(min(1000.0, *(haversine_km(place.lat, place.lon, q.lat, q.lon) for q in opts))
               for opts in others)


def _abroad(place: Place, focus_admin1: Counter[str], focus_countries: Counter[str]) -> bool:
    """*place* lies outside Russia and Ukraine, in a country the article does not name,
    while the article names no region or country outside them; and it is a region or a
    settlement under :data:`BIG_SETTLEMENT` (a capital or a large city abroad is named for
    itself: "drones flew towards Warsaw")."""
    if place.country in lexicon.THEATRE_COUNTRIES or place.country in focus_countries:
        return False
    if any(code.split("-")[0] not in lexicon.THEATRE_COUNTRIES for code in focus_admin1) or \
            any(code not in lexicon.THEATRE_COUNTRIES for code in focus_countries):
        return False
    return place.kind != "country" and (place.kind != "settlement"
                                        or place.population < BIG_SETTLEMENT)


def _list_items(mentions: list[PlaceMention]) -> set[int]:
    """The mentions that are items of a list of places in one slot ("in the areas of X, Y
    and Z"): same sentence and slot, separated by no more than ", and " (six characters)."""
    spans = sorted((m for m in mentions if m.span.slot in STRONG_SLOTS),
                   key=lambda m: m.span.start)
    items: set[int] = set()
    for a, b in pairwise(spans):
        if a.span.sent_index == b.span.sent_index and a.span.slot == b.span.slot and \
                0 < b.span.start - a.span.end <= 6:
            items.update((id(a), id(b)))
    return items


def _at_implied_region(mentions: list[PlaceMention], gaz: Gazetteer) -> list[PlaceMention]:
    """With no region named, the region the article's placed settlements share is implied:
    a slot name left without a place or placed only at the country the article names ("the
    General Staff of Ukraine's Armed Forces"), or matched only by a far namesake (over
    :data:`FAR_NAMESAKE_KM` from every other placed settlement; a near spelling, or any
    namesake of an item of a list of settlements) is placed there approximately."""
    # a capital outside a place slot usually stands for its government ("Moscow did not
    # comment"): it anchors nothing
    placed = [m for m in mentions if m.place is not None and m.place.kind == "settlement"
              and not m.approximate and m.place.admin1
              and not (m.span.text.lower() in lexicon.GOVERNMENT_CAPITALS
                       and m.span.slot not in STRONG_SLOTS)]
    listed = _list_items(mentions)
    far = {id(m) for m in placed if len(placed) > 1 and m.span.slot in STRONG_SLOTS
           and (m.fuzzy or m.span.slot == "settlements-of" or id(m) in listed)
           and min(haversine_km(m.lat, m.lon, o.lat, o.lon) for o in placed if o is not m)
           > FAR_NAMESAKE_KM}
    if len(far) == len(placed):  # all apart: the names in the theatre are the anchors
        far = {i for i in far if next(m for m in placed if id(m) == i).place.country
               not in lexicon.THEATRE_COUNTRIES}
    anchors = [m for m in placed if id(m) not in far]
    theatre = [m for m in anchors if m.place.country in lexicon.THEATRE_COUNTRIES]
    implied = Counter(m.place.admin1 for m in theatre or anchors)
    if not implied:
        return mentions
    try:
        gaz.admin1_place(implied.most_common(1)[0][0])
    except LookupError:
        return mentions
    region = Counter({implied.most_common(1)[0][0]: 1})
    out = []
    for m in mentions:
        at_country = m.approximate and m.place is not None and m.place.kind == "country"
        if (m.place is None and m.approximate) or at_country or id(m) in far:
            why = m.reason.split(";")[0] if m.place is None or at_country else \
                f"{m.span.text!r} is not in the gazetteer near the article's other places " \
                f"(the nearest namesake, {m.place.name}, is in {m.place.country})"
            m = _at_region(m.span, gaz, region, Counter(), why)
            m.reason = m.reason.replace("the region the article names",
                                        "the region of the article's other places")
        out.append(m)
    return out


def _focus_points(gaz: Gazetteer, focus_admin1: Counter[str]) -> list[tuple[float, float]]:
    points = []
    for code in focus_admin1:
        try:
            place = gaz.admin1_place(code)
        except LookupError:
            continue
        points.append((place.lat, place.lon))
    return points


def _near_article(place: Place, focus_admin1: Counter[str], focus_points,
                  mentions: list[PlaceMention]) -> bool:
    if place.admin1 and place.admin1 in focus_admin1:
        return True
    others = [(m.lat, m.lon) for m in mentions
              if m.lat is not None and m.place is not None and m.place.kind == "settlement"]
    return any(haversine_km(place.lat, place.lon, lat, lon) <= NEAR_OTHERS_KM
               for lat, lon in [*others, *focus_points])


def _placed(cand: ToponymSpan, place: Place, reason: str, *, facility: bool) -> PlaceMention:
    precision = {"country": 4, "admin1": 3}.get(place.kind, 1)
    lat, lon, uncertainty, anchor = place.lat, place.lon, 0.0, None
    if cand.slot == "relative" and cand.bearing is not None and place.kind != "country":
        distance = cand.distance_km or DEFAULT_OFFSET_KM
        lat, lon = destination(place.lat, place.lon, cand.bearing, distance)
        uncertainty = max(distance, DEFAULT_OFFSET_KM)
        anchor = place.id
        precision = 2
        reason += f"; {distance:.0f} km at bearing {cand.bearing:.0f}° from {place.name}"
    elif cand.slot == "relative" and place.kind not in ("country", "admin1"):
        distance = cand.distance_km or DEFAULT_OFFSET_KM  # "10 km from X": around X
        uncertainty = max(distance, DEFAULT_OFFSET_KM)
        anchor = place.id
        precision = 2
        reason += f"; within {distance:.0f} km of {place.name} (no bearing given)"
    elif facility:  # "the Kursk nuclear power plant": near the settlement
        precision = 2
    if place.kind == "admin1":
        uncertainty = 50.0
    elif place.kind == "country":
        uncertainty = 300.0
    return PlaceMention(cand, place, lat, lon, precision, False, reason,
                        uncertainty_km=uncertainty, anchor_id=anchor)


def _theatre_town(place) -> bool:
    """A settlement of :data:`THEATRE_TOWN` people or more in Ukraine or in Russia's border
    regions: far from the article's region, it is still the one meant."""
    return place.kind == "settlement" and place.population >= THEATRE_TOWN and \
        in_theatre(place)


def in_theatre(place) -> bool:
    """*place* (a place or a gazetteer candidate) lies where the war's ground claims are:
    in Ukraine or in Russia's front-line regions (:data:`lexicon.FRONT_REGIONS`)."""
    return place.country == "UA" or place.admin1 in lexicon.FRONT_REGIONS


def _at_region(cand: ToponymSpan, gaz: Gazetteer, focus_admin1: Counter[str],
               focus_countries: Counter[str], why: str) -> PlaceMention:
    for focus, place_of, what, precision, uncertainty in (
            (focus_admin1, gaz.admin1_place, "region", 3, 50.0),
            (focus_countries, gaz.country_place, "country", 4, 300.0)):
        if focus:
            code = focus.most_common(1)[0][0]
            place = place_of(code)
            reason = f"{why}; placed approximately at {code}, the {what} the article names"
            return PlaceMention(cand, place, place.lat, place.lon, precision, True, reason,
                                uncertainty_km=uncertainty)
    return PlaceMention(cand, None, None, None, None, True,
                        f"{why}; the article names no region to place it in")
