"""geomap: who claims to control what, and when, from war reporting.

>>> import geomap
>>> claims, mentions = geomap.extract("../shared/corpus/seeds")  # doctest: +SKIP
"""

from geomap.corpus import Article, ReadFailure, iter_corpus
from geomap.extract import CLAIM_COLUMNS, MENTION_COLUMNS, Extractor, ExtractSummary, extract

__all__ = [
    "CLAIM_COLUMNS",
    "MENTION_COLUMNS",
    "Article",
    "ExtractSummary",
    "Extractor",
    "ReadFailure",
    "extract",
    "iter_corpus",
]
