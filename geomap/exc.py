"""Every exception geomap raises on purpose. Each also inherits the matching built-in,
so ``except ValueError`` (bad input) and ``except OSError`` (files) keep working.

The CLI turns a :class:`GeomapError` (and the gazetteer's ``GazetteerError``) into one
line on stderr: exit code 2 for bad input (a ``ValueError``/``TypeError``/``LookupError``
subclass), 1 for a failure of the machine or the environment (``OSError`` subclasses).
"""

from __future__ import annotations


class GeomapError(Exception):
    """Root of every error geomap raises on purpose."""


class CorpusError(GeomapError, ValueError):
    """A corpus that cannot be read at all (bad manifest, unusable corpus items)."""


class CorpusNotFoundError(CorpusError, FileNotFoundError):
    """A corpus path that does not exist."""


class OutputError(GeomapError, ValueError):
    """An output path geomap cannot write (unknown format, missing input store)."""


class OutputNotWritableError(GeomapError, OSError):
    """An output path that cannot be written (read-only folder, full disk)."""


class SchemaError(GeomapError, ValueError):
    """A claims or mentions table without a column geomap needs, or of the wrong type."""


class RenderError(SchemaError):
    """Claims that cannot be drawn or read (missing columns, unreadable file)."""


class ReferenceLayerError(GeomapError, ValueError):
    """A reference file that cannot be used, with the reason."""


class StoreError(GeomapError, ValueError):
    """A store that cannot be read, is not a geomap store, or is in use."""


class StoreBusyError(GeomapError, OSError):
    """A store another geomap run holds (a failure to retry later, not bad input)."""


class MissingAssetError(GeomapError, FileNotFoundError):
    """A map asset needed for an offline map is not installed."""


class PipelineError(GeomapError, OSError):
    """The requested spaCy pipeline is not installed."""


class ScreenshotError(GeomapError, OSError):
    """A static image of a map could not be made (no Chromium, or Chromium failed)."""
