"""An attribute ruler with spaCy's output and without its matcher's cost (issue 15).

spaCy's ``attribute_ruler`` (the English models' tag map and exceptions, 179 rules)
runs a :class:`spacy.matcher.Matcher` that tries every pattern at every token: about
as much CPU as the parser. :class:`IndexedAttributeRuler` holds the same rules and gives
the same tokens:

* a token's single-token matches depend only on its (lower-case form, fine tag,
  dependency label, is-space) key, so they are worked out once per distinct key
  (a few hundred per article) and remembered;
* a multi-token pattern is tried only where its first token matches (same memo);
* spaCy applies matches sorted by rule number, a later rule overwriting an earlier
  one's attribute; here each token's matched rules are merged in that order into one
  attribute set, applied with spaCy's own ``set_token_attrs`` (token and lexeme alike).

Only what the English models' rules use is supported: ``LOWER``, ``TAG``, ``DEP``
(``ORTH`` and ``TEXT`` too) with a value, ``IN``, ``NOT_IN`` or ``REGEX``, and ``IS_SPACE``
with a boolean; :func:`indexable` says whether a ruler's patterns qualify, and
:func:`geomap.nlp.pipeline.load_nlp` keeps spaCy's own ruler when they do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_STRING_ATTRS = {"LOWER": "lower_", "TAG": "tag_", "DEP": "dep_", "ORTH": "orth_",
                 "TEXT": "orth_"}
_KEYS = ("lower_", "tag_", "dep_", "orth_")
#: Token keys remembered at most (then the memo starts again): bounded memory on a
#: corpus of any size.
MEMO_KEYS = 200_000


def _token_test(spec: dict):
    """A predicate over a token key (lower_, tag_, dep_, orth_, is_space) for one
    pattern token; ValueError when the pattern token uses anything else."""
    tests = []
    for attr, value in spec.items():
        if attr == "IS_SPACE" and isinstance(value, bool):
            tests.append((4, "==", value))
        elif attr in _STRING_ATTRS:
            slot = _KEYS.index(_STRING_ATTRS[attr])
            if isinstance(value, str):
                tests.append((slot, "==", value))
            elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN", "REGEX"} and value:
                for op, items in value.items():
                    tests.append((slot, op, re.compile(items) if op == "REGEX"
                                  else frozenset(items)))
            else:
                raise ValueError(f"unsupported value {value!r} for {attr}")
        else:
            raise ValueError(f"unsupported pattern attribute {attr!r}")

    def test(key: tuple) -> bool:
        for slot, op, value in tests:
            got = key[slot]
            if op == "==":
                if got != value:
                    return False
            elif op == "IN":
                if got not in value:
                    return False
            elif op == "REGEX":
                if not value.search(got):
                    return False
            elif got in value:  # NOT_IN
                return False
        return True

    return test


class IndexedAttributeRuler:
    """spaCy's attribute ruler rules, applied token by token from a memo (see the module
    docstring). Build it with :meth:`from_patterns` (an ``AttributeRuler.patterns`` list)."""

    def __init__(self, vocab, name: str = "attribute_ruler"):
        self.vocab = vocab
        self.name = name
        self._single: list[tuple[int, object]] = []  # (rule, test)
        self._multi: list[tuple[int, list, int]] = []  # (rule, tests, target offset)
        self._attrs: list[dict] = []  # normalised attributes per rule
        self._memo: dict[tuple, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._strings: dict[tuple, tuple] = {}  # attribute ids -> string key

    def from_patterns(self, patterns: Iterable[dict]) -> IndexedAttributeRuler:
        """Load the rules of ``AttributeRuler.patterns``, in order (ValueError when a
        pattern is not supported)."""
        from spacy.pipeline.attributeruler import normalize_token_attrs

        for rule, entry in enumerate(patterns):
            self._attrs.append(normalize_token_attrs(self.vocab, entry["attrs"]))
            index = entry.get("index", 0)
            for pattern in entry["patterns"]:
                if not pattern or any(not isinstance(t, dict) for t in pattern):
                    raise ValueError(f"unsupported pattern {pattern!r}")
                tests = [_token_test(t) for t in pattern]
                target = index if index >= 0 else len(pattern) + index
                if not 0 <= target < len(pattern):
                    raise ValueError(f"index {index} outside pattern {pattern!r}")
                if len(pattern) == 1:
                    self._single.append((rule, tests[0]))
                else:
                    self._multi.append((rule, tests, target))
        self._memo.clear()
        return self

    def _as_strings(self, ids: tuple, strings) -> tuple:
        """The string key of a token's attribute ids (remembered)."""
        if len(self._strings) >= MEMO_KEYS:
            self._strings.clear()
        key = (*(strings[i] if i else "" for i in ids[:4]), bool(ids[4]))
        self._strings[ids] = key
        return key

    def _lookup(self, key: tuple) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(rules whose single-token pattern matches, multi patterns whose first token
        matches), for a token key."""
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MEMO_KEYS:
                self._memo.clear()
            found = (tuple(rule for rule, test in self._single if test(key)),
                     tuple(k for k, (_, tests, _) in enumerate(self._multi) if tests[0](key)))
            self._memo[key] = found
        return found

    def __call__(self, doc):
        from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
        from spacy.tokens._retokenize import set_token_attrs

        ids = [tuple(row) for row in doc.to_array([LOWER, TAG, DEP, ORTH, IS_SPACE]).tolist()]
        strings = self.vocab.strings
        keys = [self._strings.get(key) or self._as_strings(key, strings) for key in ids]
        rules: list[list[int] | None] = [None] * len(keys)
        for i, key in enumerate(keys):
            single, starts = self._lookup(key)
            if single:
                rules[i] = list(single) if rules[i] is None else rules[i] + list(single)
            for k in starts:
                rule, tests, target = self._multi[k]
                end = i + len(tests)
                if end <= len(keys) and all(test(keys[i + j])
                                            for j, test in enumerate(tests[1:], 1)):
                    rules[i + target] = (rules[i + target] or []) + [rule]
        for i, matched in enumerate(rules):
            if matched is None:
                continue
            if len(matched) == 1:
                set_token_attrs(doc[i], self._attrs[matched[0]])
                continue
            merged: dict = {}
            for rule in sorted(matched):
                merged.update(self._attrs[rule])
            set_token_attrs(doc[i], merged)
        return doc

    def pipe(self, docs, batch_size: int = 128):
        """Each doc in turn (spaCy's ``pipe`` protocol)."""
        for doc in docs:
            yield self(doc)


def indexable(patterns: Iterable[dict], vocab) -> IndexedAttributeRuler | None:
    """An :class:`IndexedAttributeRuler` for *patterns*, or None when one of them uses
    something it does not support (then spaCy's own ruler stays)."""
    try:
        return IndexedAttributeRuler(vocab).from_patterns(patterns)
    except ValueError:
        return None


#: The token attributes compared by :func:`differing_docs`.
COMPARED = ("ORTH", "POS", "TAG", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE",
            "SENT_START")


def differing_docs(nlp, reference, texts: Iterable[str], batch_size: int = 16) -> list[int]:
    """Indices of the *texts* whose tokens differ between pipelines *nlp* and *reference*
    (every attribute of :data:`COMPARED`, from ``Doc.to_array``)."""
    from spacy.attrs import IDS

    attrs = [IDS[name] for name in COMPARED]
    texts = list(texts)
    out = []
    pairs = zip(nlp.pipe(texts, batch_size=batch_size),
                reference.pipe(texts, batch_size=batch_size), strict=True)
    for k, (a, b) in enumerate(pairs):
        x, y = a.to_array(attrs), b.to_array(attrs)
        if x.shape != y.shape or (x != y).any():
            out.append(k)
    return out
