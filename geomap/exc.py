"""Exceptions of geomap; each also inherits the matching built-in."""

from __future__ import annotations


class GeomapError(Exception):
    """Root of every error geomap raises on purpose."""


class CorpusError(GeomapError, ValueError):
    """A corpus that cannot be read at all (missing folder, bad manifest)."""


class OutputError(GeomapError, ValueError):
    """An output path geomap cannot write (unknown format)."""
