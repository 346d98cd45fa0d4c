"""Checks applied to every name before it reaches the index."""

from __future__ import annotations

import re
import unicodedata

from gazetteer.exc import InvalidQueryError, QueryTypeError

MAX_NAME_LENGTH = 256
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ALLOWED = "\t\n\r\u00ad\u200b"  # white space and soft hyphens are folded, not refused


def validate_name(name: object, *, what: str = "name") -> str:
    """Return *name* stripped, or raise a clear error.

    Raises
    ------
    QueryTypeError
        *name* is not a ``str`` (a ``TypeError``).
    InvalidQueryError
        *name* is empty, longer than :data:`MAX_NAME_LENGTH` characters, holds
        control characters (NUL included), or mixes Latin and Cyrillic letters
        inside one word (a ``ValueError``).
    """
    if not isinstance(name, str):
        raise QueryTypeError(f"{what} must be a str, not {type(name).__name__}")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidQueryError(
            f"{what} is {len(name):,} characters long; the limit is {MAX_NAME_LENGTH}"
        )
    for ch in ("" if name.isprintable() else name):  # isprintable: the fast, common case
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") and ch not in _ALLOWED:
            raise InvalidQueryError(f"{what} contains control character U+{ord(ch):04X}")
    stripped = name.strip()
    if not stripped:
        raise InvalidQueryError(f"{what} is empty")
    for word in ([] if stripped.isascii() else stripped.split()):  # ASCII: one script
        if _LATIN.search(word) and _CYRILLIC.search(word):
            raise InvalidQueryError(
                f"{what} mixes Latin and Cyrillic letters in {word!r}; "
                "write it in one script"
            )
    return stripped
