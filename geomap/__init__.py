"""geomap: who claims to control what, and when, from war reporting.

>>> import geomap
>>> claims, mentions = geomap.extract("../shared/corpus/seeds")  # doctest: +SKIP
"""

from geomap.extract import Extractor, ExtractSummary, extract
from geomap.ingest.corpus import Article, ReadFailure, iter_corpus
from geomap.schema import CLAIM_COLUMNS, MENTION_COLUMNS


def explore(claims, **kwargs):
    """A map of *claims* that displays inline in Jupyter (see :func:`geomap.render.build_map`)."""
    from geomap.render import explore as _explore

    return _explore(claims, **kwargs)


def plot(control, ax=None, **kwargs):
    """Claimed settlements per side over time, in the map's colours
    (:func:`geomap.render.plot.claimed_settlements`); *control* is a ControlView or its
    timeline."""
    from geomap.render.plot import claimed_settlements

    return claimed_settlements(control, ax, **kwargs)


__all__ = [
    "CLAIM_COLUMNS",
    "MENTION_COLUMNS",
    "Article",
    "ExtractSummary",
    "Extractor",
    "ReadFailure",
    "explore",
    "extract",
    "iter_corpus",
    "plot",
]
