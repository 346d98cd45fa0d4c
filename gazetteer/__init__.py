"""gazetteer: offline, transliteration-aware place resolution.

>>> from gazetteer import Gazetteer
>>> gaz = Gazetteer.default()
>>> gaz.lookup("Суджа")[0].name
'Sudzha'

The package knows nothing of news or maps: it answers "where is this name?"
from a bundled index built from GeoNames, Who's On First and Natural Earth.
"""

from gazetteer.exc import (
    GazetteerError,
    IndexFormatError,
    InvalidQueryError,
    QueryTypeError,
    SourceError,
    UnknownPlaceError,
)
from gazetteer.index import KINDS, Place
from gazetteer.lookup import Candidate, Gazetteer, haversine_km
from gazetteer.normalize import fold, name_key, name_keys, parse_query
from gazetteer.resolve import Resolution

__all__ = [
    "KINDS",
    "Candidate",
    "Gazetteer",
    "GazetteerError",
    "IndexFormatError",
    "InvalidQueryError",
    "Place",
    "QueryTypeError",
    "Resolution",
    "SourceError",
    "UnknownPlaceError",
    "fold",
    "haversine_km",
    "name_key",
    "name_keys",
    "parse_query",
]
