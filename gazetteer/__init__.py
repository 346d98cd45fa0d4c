"""gazetteer: offline, transliteration-aware place resolution.

>>> from gazetteer import Gazetteer
>>> gaz = Gazetteer.default()
>>> gaz.lookup("Суджа")[0].name
'Sudzha'

The package knows nothing of news or maps: it answers "where is this name?"
from a bundled index built from GeoNames, Who's On First and Natural Earth.

Modules: :mod:`~gazetteer.model` (places and candidates), :mod:`~gazetteer.scoring`
(the ranking rules), :mod:`~gazetteer.lookup` (the :class:`Gazetteer`),
:mod:`~gazetteer.resolve` (a document's places jointly), :mod:`~gazetteer.geodesy`
(distances), :mod:`~gazetteer.files` (atomic writes).
"""

from gazetteer.exc import (
    GazetteerError,
    IndexFormatError,
    InvalidQueryError,
    QueryTypeError,
    SourceError,
    UnknownPlaceError,
)
from gazetteer.geodesy import destination, haversine_km
from gazetteer.lookup import Gazetteer
from gazetteer.model import KINDS, Candidate, Place
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
    "destination",
    "fold",
    "haversine_km",
    "name_key",
    "name_keys",
    "parse_query",
]
