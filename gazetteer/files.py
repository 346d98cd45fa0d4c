"""Atomic file writes: a temporary file beside the target, flushed to disk, renamed.

A reader sees the old file or the new one, never half of one; a write that fails
leaves the target untouched and no temporary behind. geomap's store, exports and
maps use the same helpers as the gazetteer's index.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def temporary_beside(target: Path) -> Path:
    """A fresh, not yet existing hidden path in *target*'s folder (same file system),
    named ``.<stem>.<random><suffix>`` so that a writer that picks the format from the
    suffix (GDAL) still sees it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix,
                                dir=target.parent)
    os.close(fd)
    os.unlink(name)  # some writers (GDAL) want to create the file themselves
    return Path(name)


def _fsync(path: Path) -> None:
    if path.is_file():
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms cannot open folders
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_target(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside *target* for the block to write: flushed to disk and
    renamed onto *target* (readable by everyone, like a plain file) when the block
    succeeds, removed when it fails."""
    target = Path(target)
    tmp = temporary_beside(target)
    try:
        yield tmp
        _fsync(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        _fsync_folder(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write(path: str | os.PathLike[str], write: Callable[[BinaryIO], object]) -> None:
    """Call ``write(fh)`` on a binary file that replaces *path* atomically."""
    with atomic_target(path) as tmp, open(tmp, "xb") as fh:
        write(fh)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write *text* (UTF-8) to *path* atomically; returns the path."""
    with atomic_target(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)
