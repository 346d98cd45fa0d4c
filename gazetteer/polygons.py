"""Admin-1 and country polygons (Natural Earth), stored as WKB and loaded lazily.

File format: a ``.npz`` with ``codes`` (str), ``kinds`` (str: ``admin1`` or
``country``), ``wkb`` (uint8, all geometries concatenated) and ``offsets``.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import numpy as np

from gazetteer.exc import IndexFormatError, UnknownPlaceError
from gazetteer.files import atomic_write

if TYPE_CHECKING:  # shapely is imported on first use: plain lookups never need it
    import shapely
    from shapely.geometry.base import BaseGeometry


def write_polygons(path: str | os.PathLike[str],
                   items: list[tuple[str, str, BaseGeometry]]) -> None:
    """Write (code, kind, geometry) triples to *path*, atomically."""
    import shapely

    items = sorted(items, key=lambda item: (item[1], item[0]))
    blobs = [shapely.to_wkb(geom, output_dimension=2) for _, _, geom in items]
    offsets = np.zeros(len(blobs) + 1, dtype=np.uint64)
    np.cumsum([len(b) for b in blobs], out=offsets[1:])
    arrays = {
        "codes": np.array([code for code, _, _ in items]),
        "kinds": np.array([kind for _, kind, _ in items]),
        "wkb": np.frombuffer(b"".join(blobs), dtype=np.uint8),
        "offsets": offsets,
    }

    def write(fh: BinaryIO) -> None:
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)
        fh.write(buffer.getvalue())

    atomic_write(path, write)


class PolygonStore:
    """Polygons by code, with point-in-polygon lookups.

    Parameters
    ----------
    path
        A file written by :func:`write_polygons`. Nothing is read until the
        first call that needs a polygon.
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._geoms: dict[tuple[str, str], BaseGeometry] | None = None
        self._tree: shapely.STRtree | None = None
        self._tree_keys: list[tuple[str, str]] = []

    def _load(self) -> dict[tuple[str, str], BaseGeometry]:
        if self._geoms is None:
            import shapely

            try:
                data = np.load(self.path, allow_pickle=False)
                wkb = data["wkb"].tobytes()
                offsets = data["offsets"].tolist()
                geoms = shapely.from_wkb(
                    [wkb[offsets[i]:offsets[i + 1]] for i in range(len(offsets) - 1)]
                )
                self._geoms = {
                    (str(kind), str(code)): geom
                    for code, kind, geom in zip(data["codes"], data["kinds"], geoms, strict=True)
                }
            except (OSError, KeyError, ValueError) as error:
                raise IndexFormatError(f"cannot read polygons from {self.path}: {error}") \
                    from error
        return self._geoms

    def codes(self, kind: str) -> list[str]:
        """Every code of *kind* (``admin1`` or ``country``)."""
        return sorted(code for k, code in self._load() if k == kind)

    def get(self, kind: str, code: str) -> BaseGeometry:
        """The polygon of *code*; raises :class:`UnknownPlaceError` when absent."""
        try:
            return self._load()[(kind, code)]
        except KeyError:
            raise UnknownPlaceError(f"no {kind} polygon for {code!r}") from None

    def locate(self, lat: float, lon: float, kind: str) -> str | None:
        """Code of the *kind* polygon that contains the point, or None."""
        import shapely

        if self._tree is None:
            geoms = self._load()
            self._tree_keys = list(geoms)
            self._tree = shapely.STRtree([geoms[key] for key in self._tree_keys])
        point = shapely.Point(lon, lat)
        for i in self._tree.query(point, predicate="intersects"):
            k, code = self._tree_keys[int(i)]
            if k == kind:
                return code
        return None
