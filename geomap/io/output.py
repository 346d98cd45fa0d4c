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
from pathlib import Path

from geomap.exc import OutputError

FORMATS = {".gpkg": "GPKG", ".parquet": "parquet", ".geojson": "GeoJSON"}


def mentions_path(out: Path) -> Path:
    """Where the mentions go beside *out* for the single-layer formats."""
    return out.with_name(f"{out.stem}.mentions{out.suffix}")


def _temporary(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix,
                                dir=target.parent)
    os.close(fd)
    os.unlink(name)  # GDAL wants to create the file itself
    return Path(name)


def _commit(tmp: Path, target: Path) -> None:
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
            tmp = _temporary(out)
            written.append((tmp, out))
            write_layer(claims, out, layer="claims", append_to=tmp)
            write_layer(mentions, out, layer="mentions", append_to=tmp)
            _commit(tmp, out)
            return [out]
        for frame, target in ((claims, out), (mentions, mentions_path(out))):
            tmp = _temporary(target)
            write_layer(frame, target, append_to=tmp)
            written.append((tmp, target))
        for tmp, target in written:
            _commit(tmp, target)
        return [target for _, target in written]
    except Exception:
        for item in written:
            Path(item[0]).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> Path:
    """Write *text* (UTF-8) to *path* through a temporary file renamed into place."""
    tmp = _temporary(path)
    try:
        tmp.write_text(text, encoding="utf-8")
        _commit(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
