"""Writing claims and mentions: the output file's extension picks the format.

* ``.gpkg``: one GeoPackage with layers ``claims`` and ``mentions``.
* ``.parquet``: GeoParquet; mentions beside it in ``<stem>.mentions.parquet``.
* ``.geojson``: claims; mentions beside it in ``<stem>.mentions.geojson``.

Every file is written to a temporary file in the same folder and renamed into
place, so an interrupted run never leaves a half-written output.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geomap.exc import OutputError

FORMATS = {".gpkg": "GPKG", ".parquet": "parquet", ".geojson": "GeoJSON"}


def mentions_path(out: Path) -> Path:
    """Where the mentions go beside *out* for the single-layer formats."""
    return out.with_name(f"{out.stem}.mentions{out.suffix}")


def temporary_beside(target: Path) -> Path:
    """A fresh, not yet existing hidden path in *target*'s folder (same file system)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix,
                                dir=target.parent)
    os.close(fd)
    os.unlink(name)  # GDAL wants to create the file itself
    return Path(name)


def commit_temporary(tmp: Path, target: Path) -> None:
    """Rename *tmp* onto *target* atomically, readable by everyone like a plain file."""
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)


def write_layer(frame, path: Path, *, layer: str | None = None, append_to: Path | None = None
                ) -> None:
    """Write one GeoDataFrame as *path* (or as *layer* of the temporary GeoPackage *append_to*)."""
    suffix = path.suffix.lower()
    target = append_to or path
    if suffix == ".parquet":
        frame.to_parquet(target, index=False)
    elif suffix == ".gpkg":
        frame.to_file(target, layer=layer, driver="GPKG", engine="pyogrio",
                      mode="a" if append_to is not None and target.exists() else "w")
    elif suffix == ".geojson":
        frame.to_file(target, driver="GeoJSON", engine="pyogrio")
    else:
        raise OutputError(f"{path}: unknown output format {suffix!r}; use one of "
                          f"{', '.join(FORMATS)}")


def write_outputs(claims, mentions, out: str | os.PathLike[str]) -> list[Path]:
    """Write *claims* and *mentions* to *out* (format by extension); returns the paths."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise OutputError(f"{out}: unknown output format {suffix!r}; use one of "
                          f"{', '.join(FORMATS)}")
    claims, mentions = claims.copy(), mentions.copy()
    claims.attrs, mentions.attrs = {}, {}  # run summaries are not table metadata
    written: list[Path] = []
    try:
        if suffix == ".gpkg":
            tmp = temporary_beside(out)
            written.append((tmp, out))
            write_layer(claims, out, layer="claims", append_to=tmp)
            write_layer(mentions, out, layer="mentions", append_to=tmp)
            commit_temporary(tmp, out)
            return [out]
        for frame, target in ((claims, out), (mentions, mentions_path(out))):
            tmp = temporary_beside(target)
            write_layer(frame, target, append_to=tmp)
            written.append((tmp, target))
        for tmp, target in written:
            commit_temporary(tmp, target)
        return [target for _, target in written]
    except Exception:
        for item in written:
            Path(item[0]).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """A temporary path beside *target*: renamed onto it when the block succeeds,
    removed when it fails (so *target* is either the old file or the new one)."""
    tmp = temporary_beside(target)
    try:
        yield tmp
        commit_temporary(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> Path:
    """Write *text* (UTF-8) to *path* through a temporary file renamed into place."""
    with atomic_target(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path
