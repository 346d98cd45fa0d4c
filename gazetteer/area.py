"""Settlements inside an area, read straight from the index arrays (no name lookup).

:func:`settlements_in` answers "which settlements lie in this box": every row of kind
``settlement`` of every index of a :class:`~gazetteer.Gazetteer` (the user's index first,
which takes precedence: a place id seen there is not repeated from the bundle) whose
coordinates fall inside the box, edges included. The map's territory view uses it to give
each claimed settlement its own area among all its neighbours.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from gazetteer.model import KIND_CODE

if TYPE_CHECKING:
    from gazetteer.lookup import Gazetteer

AREA_COLUMNS = ["id", "name", "lat", "lon", "country", "admin1", "population"]


def settlements_in(gazetteer: Gazetteer, west: float, south: float, east: float,
                   north: float, *, min_population: int = 0) -> pd.DataFrame:
    """Settlements with ``west <= lon <= east`` and ``south <= lat <= north`` (degrees).

    Columns :data:`AREA_COLUMNS`; ``min_population`` leaves out smaller places (0 keeps
    all, including villages without a population figure). Raises ``ValueError`` for a
    box with ``west > east`` or ``south > north``.
    """
    _check_box(west, south, east, north)
    frames = []
    for index, rows, ids in _rows_in(gazetteer, west, south, east, north, min_population,
                                     with_ids=True):
        lat, lon = np.asarray(index.lat), np.asarray(index.lon)
        # columns read straight from the arrays; only the names are sliced per row
        countries = np.array([c or None for c in index._countries], dtype=object)
        admin1s = np.array([a or None for a in index._admin1s], dtype=object)
        frames.append(pd.DataFrame({
            "id": ids, "name": [index.name(row) for row in rows.tolist()],
            "lat": lat[rows].astype(float), "lon": lon[rows].astype(float),
            "country": countries[np.asarray(index.country)[rows]],
            "admin1": admin1s[np.asarray(index.admin1)[rows]],
            "population": np.asarray(index.population)[rows].astype(int)}))
    if not frames:
        return pd.DataFrame(columns=AREA_COLUMNS)
    return pd.concat(frames, ignore_index=True)[AREA_COLUMNS]


def settlement_points_in(gazetteer: Gazetteer, west: float, south: float, east: float,
                         north: float) -> tuple[np.ndarray, np.ndarray]:
    """``(lon, lat)`` of the settlements :func:`settlements_in` returns for the box, in
    its order, without making their ids, names or columns (the fast path for geometry:
    ids are read only to let an earlier index's place hide the same id in a later one)."""
    _check_box(west, south, east, north)
    lons, lats = [np.empty(0)], [np.empty(0)]
    for index, rows, _ in _rows_in(gazetteer, west, south, east, north, 0,
                                   with_ids=len(gazetteer.indexes) > 1):
        lons.append(np.asarray(index.lon)[rows].astype(float))
        lats.append(np.asarray(index.lat)[rows].astype(float))
    return np.concatenate(lons), np.concatenate(lats)


def _rows_in(gazetteer: Gazetteer, west: float, south: float, east: float, north: float,
             min_population: int, *, with_ids: bool):
    """Per index: ``(index, rows, ids)`` of its settlements in the box whose id no earlier
    index has in the box (ids None when *with_ids* is false: then every row is kept)."""
    code = KIND_CODE["settlement"]
    seen: set[str] = set()
    for index in gazetteer.indexes:
        lat, lon = np.asarray(index.lat), np.asarray(index.lon)
        inside = ((np.asarray(index.kind) == code) & (lat >= south) & (lat <= north)
                  & (lon >= west) & (lon <= east))
        if min_population:
            inside &= np.asarray(index.population) >= min_population
        rows = np.flatnonzero(inside)
        if not with_ids:
            yield index, rows, None
            continue
        ids = [index.place_id(row) for row in rows.tolist()]
        fresh = np.array([place_id not in seen for place_id in ids], dtype=bool)
        seen.update(ids)
        yield index, rows[fresh], [place_id for place_id, new
                                   in zip(ids, fresh.tolist(), strict=True) if new]


def _check_box(west: float, south: float, east: float, north: float) -> None:
    if west > east or south > north:
        raise ValueError(f"not a box: west {west} > east {east} or south {south} > north "
                         f"{north}")


def places_by_id(gazetteer: Gazetteer, place_ids: Iterable[object]
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(found, lon, lat, population)`` for each of *place_ids*, as
    :meth:`Gazetteer.get <gazetteer.lookup.Gazetteer.get>` finds them (the first index
    that has the id) without making a :class:`~gazetteer.model.Place` per id. Where an
    id is not a place id of the gazetteer (not a string, unknown), ``found`` is False,
    coordinates NaN and population 0."""
    ids = list(place_ids)
    found = np.zeros(len(ids), dtype=bool)
    lon, lat = np.full(len(ids), np.nan), np.full(len(ids), np.nan)
    population = np.zeros(len(ids), dtype=np.int64)
    for k, place_id in enumerate(ids):
        if not isinstance(place_id, str):
            continue
        for index in gazetteer.indexes:
            try:
                row = index.row_of_id(place_id)
            except UnicodeError:  # a lone surrogate: no id has one
                break
            if row is not None:
                found[k] = True
                lon[k], lat[k] = index.lon_list[row], index.lat_list[row]
                population[k] = index.population_list[row]
                break
    return found, lon, lat, population
