"""Checks applied to every name before it reaches the index."""

from __future__ import annotations

import math
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


MAX_ID_LENGTH = 200


def validate_id(place_id: object) -> str:
    """Return *place_id* if it can be a place id, or raise.

    Raises
    ------
    QueryTypeError
        Not a ``str``.
    InvalidQueryError
        Empty, longer than :data:`MAX_ID_LENGTH`, or holding control, format or
        surrogate characters (NUL included): no id has them.
    """
    if not isinstance(place_id, str):
        raise QueryTypeError(f"place id must be a str, not {type(place_id).__name__}")
    if not place_id or len(place_id) > MAX_ID_LENGTH:
        raise InvalidQueryError(f"place id must be 1 to {MAX_ID_LENGTH} characters, "
                                f"not {len(place_id):,}")
    if not place_id.isprintable() or any(unicodedata.category(ch) == "Cs" for ch in place_id):
        raise InvalidQueryError(f"place id {place_id[:40]!r} holds characters no id has")
    return place_id


def validate_near(near: object) -> tuple[float, float] | None:
    """*near* as ``(lat, lon)`` floats, or None; raises QueryTypeError for anything but a
    pair of real numbers, InvalidQueryError for a pair that is not finite or in range."""
    if near is None:
        return None
    if isinstance(near, str | bytes) or not hasattr(near, "__len__") or len(near) != 2:
        raise QueryTypeError(f"near must be a (lat, lon) pair, not {near!r:.60}")
    lat, lon = near[0], near[1]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon)):
        raise QueryTypeError(f"near must hold two numbers, not {near!r:.60}")
    lat, lon = float(lat), float(lon)
    if not all(math.isfinite(v) for v in (lat, lon)) or not (-90 <= lat <= 90 and
                                                            -180 <= lon <= 180):
        raise InvalidQueryError(f"near must be a finite (lat, lon) in range, not {near!r:.60}")
    return lat, lon
