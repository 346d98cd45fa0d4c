"""The claimant registry: who makes claims, on which side, and how the text names them.

The registry is data (``geomap/data/claimants.csv`` and ``geomap/data/outlets.csv``),
extendable with a user's CSV of the same columns (``geomap extract --claimants FILE``):

* **claimants** (``name,side,kind,variants,refs``): organisations and people with their
  side (RU, UA, INDEPENDENT, UNKNOWN) and kind (``person``, ``organisation``, ``media``,
  ``group``). ``variants`` are lower-case names, spellings and titles ("ukraine's top
  commander", "kremlin spokesman"); ``refs`` are the nouns a later sentence may use for
  it ("the ministry", "the governor"). A user's row with the same name replaces ours.
* **outlets** (``name,side,independent,variants[,domains]``): publishers. An outlet is
  never the claimant of what it relays ("ISW said, RBC-Ukraine reports": ISW); it is the
  claimant only of its own unattributed narrative, with side ``INDEPENDENT`` when it is an
  independent outlet, else its side (state media), else ``UNKNOWN``. ``domains`` are the
  outlet's host names (``tass.ru|tass.com``): a publisher given as a host name or URL (a
  saved page's, see :mod:`geomap.ingest.html`) is the outlet whose domain it is or ends
  with (``www.pravda.com.ua`` and ``eng.pravda.com.ua`` are ``pravda.com.ua``'s).

Matching: whole words, case-insensitive, the longest variant first; a variant of four
characters or fewer ("ISW", "CIT", "HUR", "TASS") matches only when written in capitals.

**Coreference** (:meth:`Registry.resolve_reference`): a pronoun or a generic noun
phrase that names no registry claimant itself ("the ministry", not "the Russian defence
ministry") resolves to the most recent earlier registry mention of a compatible claimant:
``he``/``she`` a person; ``it``/``they`` an organisation, group or media; "the ministry",
"the governor", "the general staff", "the group" a claimant whose ``refs`` hold that
noun; "the statement", "the report", "the update" the most recent claimant of any kind.
With no such earlier mention, a generic name of two words or more in a national outlet's
report ("the Defense Ministry" in TASS's) is that country's claimant
(:meth:`Registry.national_reference`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from geomap.exc import SchemaError
from geomap.schema import SIDES

#: Pronouns and the claimant kinds they may refer to.
PRONOUN_KINDS = {"he": ("person",), "she": ("person",), "him": ("person",),
                 "it": ("organisation", "media", "group"),
                 "they": ("organisation", "group", "media"),
                 "we": ("organisation", "group", "person")}
#: Nouns that refer to the most recent claimant of any kind ("the statement said").
STATEMENT_NOUNS = frozenset({"statement", "report", "update", "post", "announcement",
                             "assessment", "briefing", "message", "summary", "release",
                             "bulletin", "communique", "video", "address", "readout"})
#: Texts whose claimants :meth:`Registry.find` remembers at most (then it starts again).
FOUND_TEXTS = 4096
_DETERMINERS = ("the ", "its ", "their ", "his ", "her ", "this ", "that ")
#: A host name, alone or in a URL: its labels (without "www."), lower case.
_HOST = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z][a-z0-9-]+)"
                   r"(?::\d+)?(?:[/?#]\S*)?$")


@dataclass(frozen=True, slots=True)
class Claimant:
    """One registry entry."""

    name: str
    side: str
    kind: str
    refs: frozenset[str]
    outlet: bool = False
    independent: bool = False


@dataclass(frozen=True, slots=True)
class RegistryMention:
    """A registry name found in an article: where, whom and as written."""

    start: int
    end: int
    claimant: Claimant
    text: str


def _rows(text: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def _split(value: str | None) -> list[str]:
    return [v.strip().lower() for v in (value or "").split("|") if v.strip()]


class Registry:
    """Claimants and outlets, matched in text by their variants."""

    def __init__(self, claimant_rows: list[dict[str, str]],
                 outlet_rows: list[dict[str, str]]):
        self._by_variant: dict[str, Claimant] = {}
        self._outlets: dict[str, Claimant] = {}
        self._domains: dict[str, Claimant] = {}
        for row in outlet_rows:
            entry = Claimant(row["name"], _side(row), "media", frozenset(), outlet=True,
                             independent=(row.get("independent") or "").strip() == "yes")
            for variant in [row["name"].lower(), *_split(row.get("variants"))]:
                self._outlets[_key(variant)] = entry
            for domain in _split(row.get("domains")):
                self._domains[domain.removeprefix("www.")] = entry
        for row in claimant_rows:
            entry = Claimant(row["name"], _side(row), (row.get("kind") or "organisation"),
                             frozenset(_split(row.get("refs"))))
            for variant in [row["name"].lower(), *_split(row.get("variants"))]:
                self._by_variant[_key(variant)] = entry
        self._claimant_re = _Finder(self._by_variant)
        self._found: dict[str, tuple[RegistryMention, ...]] = {}
        self._outlet_re = _Finder(self._outlets)
        self._national_refs: dict[str, dict[str, Claimant]] = {}  # per side, see _national
        self._national_patterns: dict[str, re.Pattern[str]] = {}  # national_mentions

    # --- lookups -----------------------------------------------------------------------
    def find(self, text: str) -> list[RegistryMention]:
        """Registry claimants named in *text*, left to right (outlets excluded);
        remembered for recent texts (a sentence is asked about several times)."""
        found = self._found.get(text)
        if found is None:
            if len(self._found) >= FOUND_TEXTS:
                self._found.clear()
            found = self._found[text] = tuple(self._find(text))
        return list(found)

    def _find(self, text: str) -> list[RegistryMention]:
        return [RegistryMention(m.start(), m.end(), self._by_variant[_key(m.group(0))],
                                m.group(0))
                for m in self._claimant_re.finditer(text)
                if _cased(m.group(0)) and _key(m.group(0)) in self._by_variant]

    def claimant_of(self, phrase: str) -> Claimant | None:
        """The claimant a phrase names (its longest variant), or None."""
        found = self.find(phrase)
        return max(found, key=lambda m: m.end - m.start).claimant if found else None

    def outlet_of(self, phrase: str) -> Claimant | None:
        """The outlet a phrase names, or None."""
        for m in self._outlet_re.finditer(phrase):
            if _cased(m.group(0)) and _key(m.group(0)) in self._outlets:
                return self._outlets[_key(m.group(0))]
        return None

    def outlet_of_host(self, host: str | None) -> Claimant | None:
        """The outlet whose domain the host name or URL *host* is or ends with, or None
        (also for text that is no host name)."""
        match = _HOST.match((host or "").strip().lower())
        if not match:
            return None
        labels = match.group(1).split(".")
        for k in range(len(labels) - 1):
            outlet = self._domains.get(".".join(labels[k:]))
            if outlet is not None:
                return outlet
        return None

    def publisher_side(self, publisher: str | None) -> str:
        """The side of a publisher's own narrative (see the module docstring): by its
        name, or by its host name (:meth:`outlet_of_host`)."""
        by_host = self.outlet_of_host(publisher)
        if by_host is not None:
            return "INDEPENDENT" if by_host.independent else by_host.side
        outlet = self.outlet_of(publisher or "")
        if outlet is None:
            claimant = self.claimant_of(publisher or "")
            return claimant.side if claimant is not None else "UNKNOWN"
        return "INDEPENDENT" if outlet.independent else outlet.side

    def is_outlet_only(self, phrase: str) -> bool:
        """True when *phrase* names a publisher that is not itself a claimant (Reuters,
        RBC-Ukraine, The Moscow Times; not TASS, which relays officials)."""
        if self.outlet_of(phrase) is None:
            return False
        claimant = self.claimant_of(phrase)
        return claimant is None or claimant.kind != "media"

    def _national(self, side: str) -> dict[str, Claimant]:
        """Generic names of two words or more ("defence ministry", "general staff") that
        one claimant of *side* alone has among its ``refs``, to that claimant."""
        cache = self._national_refs
        if side not in cache:
            owners: dict[str, set[Claimant]] = {}
            for entry in self._by_variant.values():
                if entry.side == side:
                    for ref in entry.refs:
                        if " " in ref:
                            owners.setdefault(ref.replace("defense", "defence"),
                                              set()).add(entry)
            cache[side] = {ref: next(iter(found)) for ref, found in owners.items()
                           if len(found) == 1}
        return cache[side]

    def national_reference(self, phrase: str, side: str) -> Claimant | None:
        """Rule (session 8): the registry claimant of *side* (a belligerent: the side of a
        national outlet's own reports, such as TASS's or Ukrinform's) that a generic noun
        phrase names: "the Defense Ministry" in a TASS report is Russia's, "the General
        Staff" in Ukrinform's Ukraine's. The phrase is "the" and a name of two words or
        more that one claimant of that side alone has among its ``refs`` ("the ministry"
        alone could be the foreign ministry), or that name capitalised without "the", as
        headlines write it ("..., says Defence Ministry"; session 9); None otherwise, for
        another side, or when the phrase names a claimant itself."""
        if side not in ("RU", "UA") or self.claimant_of(phrase) is not None:
            return None
        low = " ".join(phrase.lower().replace("defense", "defence").split())
        if low.startswith("the "):
            return self._national(side).get(low[4:])
        words = phrase.split()
        # a headline's "..., says Defence Ministry" (session 9): capitalised, no "the"
        return self._national(side).get(low) if words and all(
            w[:1].isupper() for w in words) else None

    def national_mentions(self, text: str, side: str) -> list[RegistryMention]:
        """The generic names of :meth:`national_reference` in *text* ("the Defence
        Ministry" in a TASS report; capitalised without "the" at a line's start or after
        "says", "said", a colon or a dash, as headlines write it: "..., says Defence
        Ministry"), as mentions of their claimant, so that a later "the ministry" or "it"
        refers to them as to a name."""
        refs = self._national(side) if side in ("RU", "UA") else {}
        if not refs:
            return []
        patterns = self._national_patterns
        pattern = patterns.get(side)
        if pattern is None:
            pattern = patterns[side] = re.compile(
                r"(?:(?<![\w-])(the)\s+|^|(?<=\bsays\s)|(?<=\bsaid\s)|(?<=[—:–]\s))("
                + "|".join(re.escape(ref).replace("defence", "defen[cs]e")
                           .replace(r"\ ", r"\s+")
                           for ref in sorted(refs, key=len, reverse=True)) + r")(?![\w-])",
                re.IGNORECASE | re.MULTILINE)
        out = []
        for m in pattern.finditer(text):
            key = " ".join(m.group(2).lower().replace("defense", "defence").split())
            headline = m.group(1) is None  # "..., says Defence Ministry": capitalised
            if key in refs and self.claimant_of(m.group(0)) is None and (
                    not headline or all(w[:1].isupper() for w in m.group(2).split())):
                out.append(RegistryMention(m.start(), m.end(), refs[key], m.group(0)))
        return out

    # --- coreference -------------------------------------------------------------------
    def resolve_reference(self, phrase: str, earlier: list[RegistryMention]
                          ) -> RegistryMention | None:
        """The antecedent of a pronoun or generic noun phrase among *earlier* mentions
        (latest last), or None when *phrase* is neither or nothing is compatible."""
        low = phrase.lower().strip()
        kinds = PRONOUN_KINDS.get(low)
        for det in _DETERMINERS:
            if low.startswith(det):
                low = low[len(det):]
                break
        else:
            if kinds is None:
                return None
        if kinds is None and (not low or self.claimant_of(phrase) is not None):
            return None  # "the Russian defence ministry" names its claimant itself
        for mention in reversed(earlier):
            entry = mention.claimant
            if kinds is not None:
                if entry.kind in kinds:
                    return mention
            elif low.split()[-1] in STATEMENT_NOUNS or low.split()[-1] in entry.refs:
                return mention
        return None


def _side(row: dict[str, str]) -> str:
    side = (row.get("side") or "UNKNOWN").strip().upper()
    if side not in SIDES:
        raise SchemaError(f"claimant {row.get('name')!r}: side {side!r} is not one of "
                          f"{', '.join(SIDES)}")
    return side


def _pattern(variants: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted(variants, key=len, reverse=True)
    body = "|".join(re.escape(v).replace("'", "['‘’]").replace('"', '["“”«»]')
                    .replace(r"\ ", r"\s+") for v in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


class _Finder:
    """The matches of :func:`_pattern` over a text, exactly as its ``finditer`` gives
    them, but trying the pattern only where a variant can start (issue 15).

    The big alternation is slow to try at every position of an article. A variant can only
    match where its first character is (case-insensitively), after no word character or
    hyphen; one cheap scan finds those positions, and at each the variants sharing that
    first character are tried in the pattern's own order (longest first), so the same
    alternative wins. Where the next character is an ASCII letter or digit too, only the
    variants that can start with those two characters are tried (one pattern per pair,
    built when the registry is loaded). A non-ASCII character there is tried with the
    whole pattern (case folding beyond ASCII is left to ``re``); variants whose first
    character is not ASCII
    are tried at every character other than ASCII and at the ASCII characters
    ``re.IGNORECASE`` matches to their first ("ſ" to "s")."""

    def __init__(self, variants: dict[str, Claimant]):
        self.pattern = _pattern(variants)
        self._groups: dict[str, re.Pattern[str]] | None = None
        if "" in variants:  # an empty variant matches anywhere: the pattern's own search
            return
        ordered = sorted(variants, key=len, reverse=True)  # the pattern's order
        anywhere = [v for v in ordered if not v[:1].isascii()]
        firsts = list(dict.fromkeys(v[0] for v in ordered if v[:1].isascii()))
        self._groups = {first: _pattern({v: variants[v] for v in ordered
                                         if v[0] == first or v in anywhere})
                        for first in firsts}
        self._ordered = ordered
        # a variant starting with a character other than ASCII that ``re.IGNORECASE``
        # still matches to an ASCII one ("ſ" to "s"): by the ASCII characters it matches
        self._folded = {v: {ch for ch in map(chr, range(128))
                            if re.fullmatch(re.escape(v[0]), ch, re.IGNORECASE)}
                        for v in anywhere}
        # built now (about 0.15 s for the package registry), not on first use in each
        # article's rules: a pair seen later (a first character only folds to) is built then
        self._pairs: dict[str, re.Pattern[str] | None] = {
            first + second: self._pair_pattern(first + second)
            for first in firsts for second in sorted(_ALNUM)}
        folded = sorted(set().union(*self._folded.values()) - set(firsts))
        starts = "".join(re.escape(first) for first in [*firsts, *folded]) \
            + "\u0080-\U0010ffff"
        self._starts = re.compile(rf"(?<![\w-])[{starts}]", re.IGNORECASE)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Non-overlapping matches, left to right (as ``self.pattern.finditer``)."""
        if self._groups is None:
            yield from self.pattern.finditer(text)
            return
        after = 0
        for start in self._starts.finditer(text):
            at = start.start()
            if at < after:
                continue
            char = text[at]
            pattern = None
            if char.isascii():
                pair = text[at:at + 2].lower()
                if len(pair) == 2 and pair[1] in _ALNUM:
                    pattern = self._pairs.get(pair, _UNSET)
                    if pattern is _UNSET:
                        pattern = self._pairs[pair] = self._pair_pattern(pair)
                    if pattern is None:  # no variant starts with these two characters
                        continue
                else:
                    pattern = self._groups.get(char.lower())
            found = (pattern or self.pattern).match(text, at)
            if found is not None:
                after = found.end()
                yield found

    def _pair_pattern(self, pair: str) -> re.Pattern[str] | None:
        """The variants that can match where the text's first two characters are *pair*
        (lower case, both ASCII, the second a letter or digit), in the pattern's order:
        those starting with *pair*, those whose second character is not an ASCII letter or
        digit (a space, a quote: left to the pattern), the one-character ones, and those
        starting with a character other than ASCII that case folding matches to the first
        of *pair*. None when there are none."""
        kept = [v for v in self._ordered
                if (pair[0] in self._folded[v] if v in self._folded else v[0] == pair[0] and (
                    len(v) == 1 or v[1] not in _ALNUM or v[1] == pair[1]))]
        return _pattern(kept) if kept else None


_UNSET = object()
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _key(text: str) -> str:
    """A matched variant as stored: lower case, straight apostrophes, single spaces."""
    text = text.lower().translate(_QUOTES)
    return " ".join(text.split())


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


def _cased(text: str) -> bool:
    """Short variants (acronyms) count only in capitals."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) > 4 or all(ch.isupper() for ch in letters)


def _package_text(name: str) -> str:
    return resources.files("geomap").joinpath("data", name).read_text(encoding="utf-8")


def _user_rows(path: str | Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    try:
        rows = _rows(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SchemaError(f"claimants file {path}: {error}") from error
    if rows and "name" not in rows[0]:
        raise SchemaError(f"claimants file {path}: needs a header with name,side,kind,"
                          "variants,refs (or name,side,independent,variants for outlets)")
    outlets = [r for r in rows if "independent" in r and "kind" not in r]
    return [r for r in rows if r not in outlets], outlets


@lru_cache(maxsize=8)
def load_registry(extra: str | None = None) -> Registry:
    """The package registry, plus the rows of the user's CSV *extra* (same columns;
    a row with an existing name replaces it). Cached per file name."""
    claimant_rows = _rows(_package_text("claimants.csv"))
    outlet_rows = _rows(_package_text("outlets.csv"))
    if extra:
        more, more_outlets = _user_rows(extra)
        names = {r["name"] for r in more}
        claimant_rows = [r for r in claimant_rows if r["name"] not in names] + more
        outlet_rows += more_outlets
    return Registry(claimant_rows, outlet_rows)


@lru_cache(maxsize=8)
def user_registry(extra: str | None) -> Registry | None:
    """The rows of the user's CSV *extra* alone, as a registry (the Russian/Ukrainian
    pipelines match them beside their own table); None without a file."""
    if not extra:
        return None
    more, more_outlets = _user_rows(extra)
    return Registry(more, more_outlets)
