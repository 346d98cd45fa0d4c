"""Claims and mentions tables on disk: the output file's extension picks the format.

Writing (``geomap extract -o``):

* ``.gpkg``: one GeoPackage with layers ``claims`` and ``mentions``.
* ``.parquet``: GeoParquet; mentions beside it in ``<stem>.mentions.parquet``.
* ``.geojson``: claims; mentions beside it in ``<stem>.mentions.geojson``.

Every file is written to a temporary file in the same folder and renamed into
place (:func:`gazetteer.files.atomic_target`), so an interrupted run never leaves a
half-written output. Dates are written as ISO text (:func:`geomap.schema.for_storage`).

Reading (:func:`read_claims`) accepts the same formats (a store's ``claims`` layer
too) and restores the schema's dtypes (:func:`geomap.schema.conform`).
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from pathlib import Path

from gazetteer.files import atomic_target
from geomap.exc import OutputError, OutputNotWritableError, RenderError
from geomap.schema import for_storage, validate_claims

FORMATS = {".gpkg": "GPKG", ".parquet": "parquet", ".geojson": "GeoJSON"}


def mentions_path(out: Path) -> Path:
    """Where the mentions go beside *out* for the single-layer formats."""
    return out.with_name(f"{out.stem}.mentions{out.suffix}")


def check_output_format(out: str | os.PathLike[str], formats=FORMATS, *,
                        what: str = "output") -> Path:
    """*out* as a Path; raises :class:`OutputError` when its extension is not one of
    *formats*."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in formats:
        raise OutputError(f"{out}: unknown {what} format {suffix!r}; use one of "
                          f"{', '.join(formats)}")
    return out


def check_writable(*paths: str | os.PathLike[str]) -> None:
    """Raise :class:`OutputNotWritableError` (an ``OSError``) unless every path can be
    written: its folder exists (or can be created) and is writable, and an existing
    file is writable. Called before any work, so a read-only target fails in a second,
    not after an hour of extraction."""
    for raw in paths:
        path = Path(raw)
        folder = path.parent
        existing = folder
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if not existing.is_dir():
            raise OutputNotWritableError(f"{path}: {existing} is not a folder")
        if not os.access(existing, os.W_OK | os.X_OK):
            raise OutputNotWritableError(f"{path}: cannot write in {existing} "
                                         "(permission denied or read-only)")
        if path.is_dir():
            raise OutputNotWritableError(f"{path}: is a folder, not a file")
        if path.exists() and not os.access(path, os.W_OK):
            raise OutputNotWritableError(f"{path}: the file is not writable")


def write_layer(frame, target: Path, *, suffix: str, layer: str | None = None) -> None:
    """Write one GeoDataFrame to *target* in the format of *suffix* (as *layer* of a
    GeoPackage, appended when the file exists)."""
    if suffix == ".parquet":
        frame.to_parquet(target, index=False)
    elif suffix == ".gpkg":
        frame.to_file(target, layer=layer, driver="GPKG", engine="pyogrio",
                      mode="a" if target.exists() else "w")
    else:
        frame.to_file(target, driver="GeoJSON", engine="pyogrio")


def write_outputs(claims, mentions, out: str | os.PathLike[str]) -> list[Path]:
    """Write *claims* and *mentions* to *out* (format by extension); returns the paths.

    Either every file is replaced or none is.
    """
    out = check_output_format(out)
    try:
        return _write_outputs(for_storage(claims), for_storage(mentions), out)
    except OSError:
        raise
    except Exception as error:  # GDAL and arrow report a full disk in their own types
        raise OutputNotWritableError(f"{out}: could not write: {error}") from error


def _write_outputs(claims, mentions, out: Path) -> list[Path]:
    suffix = out.suffix.lower()
    if suffix == ".gpkg":
        with atomic_target(out) as tmp:
            write_layer(claims, tmp, suffix=suffix, layer="claims")
            write_layer(mentions, tmp, suffix=suffix, layer="mentions")
        return [out]
    targets = [out, mentions_path(out)]
    with ExitStack() as stack:  # both temporaries renamed only when both are written
        for frame, target in zip((claims, mentions), targets, strict=True):
            write_layer(frame, stack.enter_context(atomic_target(target)), suffix=suffix)
    return targets


def read_claims(path: str | os.PathLike[str]):
    """Claims from a ``.gpkg`` (layer ``claims``), ``.parquet`` or ``.geojson`` file, with
    the schema's dtypes (:mod:`geomap.schema`)."""
    import geopandas as gpd

    path = Path(path)
    try:
        if path.suffix.lower() == ".parquet":
            frame = gpd.read_parquet(path)
        elif path.suffix.lower() == ".gpkg":
            frame = gpd.read_file(path, layer="claims")
        else:
            frame = gpd.read_file(path)
    except Exception as error:  # GDAL and arrow raise many types for unreadable files
        raise RenderError(f"{path}: cannot read claims: {error}") from error
    return validate_claims(frame)
