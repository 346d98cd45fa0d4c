"""Exceptions of the gazetteer. Each also inherits the matching built-in."""

from __future__ import annotations


class GazetteerError(Exception):
    """Root of every error the gazetteer raises on purpose."""


class InvalidQueryError(GazetteerError, ValueError):
    """A query that is empty, too long, or holds control characters or mixed scripts."""


class QueryTypeError(GazetteerError, TypeError):
    """A query that is not a string."""


class UnknownPlaceError(GazetteerError, LookupError):
    """An id or ISO code that the index does not hold."""


class IndexFormatError(GazetteerError, ValueError):
    """An index file that is missing, truncated or of another format version."""


class SourceError(GazetteerError, ValueError):
    """A source file or download that cannot be read (truncated, not GeoNames format)."""
