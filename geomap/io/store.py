"""The run store: one GeoPackage that QGIS (or any GDAL client) opens as it is.

Layers and tables
-----------------
* ``claims`` and ``mentions``: point layers, the columns of
  :data:`geomap.schema.CLAIM_COLUMNS` and :data:`geomap.schema.MENTION_COLUMNS`
  (dates as ISO text on disk, ``datetime64`` in memory);
* ``articles``: ``doc_id, content_hash, published, source, url, path, status,
  error, claims, processed_at, signature`` (status ``ok`` or ``failed``; ``signature``:
  the file's size, modification time and reading options as last seen,
  :func:`geomap.ingest.corpus.file_signature`; empty in stores written before it and for
  JSON Lines articles);
* ``runs``: one row per run: ``run_id, started, finished, corpus, seen,
  processed, unchanged, removed, failed, claims_added, claims_removed,
  claims_total, geomap_version, map_state`` (``map_state``: the map the run drew or kept,
  see :mod:`geomap.build`; empty in stores written before it);
* ``verdicts`` (only after a build with ``--reference``): one row per claim judged
  against the reference, keyed by ``claim_id``: ``reference`` (its name), ``verdict``
  (``agrees``/``disagrees``/``unknown``), ``reason``, ``claimed``, ``held_by``,
  ``snapshot`` (ISO day), ``distance_km``, ``lag_days``, ``confirmed`` (``true``/
  ``false``/empty), ``text`` (the popup's line); see :mod:`geomap.control.verdicts`.
  Recomputed for every claim on every build with a reference; a build without one leaves
  the table out.

The whole store is written to a temporary file beside it and renamed into
place, so a run that dies leaves the previous store byte for byte.

One run at a time: :func:`store_lock` holds ``.<name>.lock`` beside the store
(``filelock``: an OS lock, released by the operating system when the process that
holds it dies, on Linux, macOS and Windows alike).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from gazetteer.files import atomic_target
from geomap.exc import OutputNotWritableError, StoreBusyError, StoreError
from geomap.schema import (
    CLAIM_COLUMNS,
    MENTION_COLUMNS,
    conform,
    for_storage,
    to_geodataframe,
    validate_claims,
)

ARTICLE_COLUMNS = ["doc_id", "content_hash", "published", "source", "url", "path", "status",
                   "error", "claims", "processed_at", "signature"]
RUN_COLUMNS = ["run_id", "started", "finished", "corpus", "seen", "processed", "unchanged",
               "removed", "failed", "claims_added", "claims_removed", "claims_total",
               "geomap_version", "map_state"]


VERDICT_COLUMNS = ["claim_id", "reference", "verdict", "reason", "claimed", "held_by",
                   "snapshot", "distance_km", "lag_days", "confirmed", "text"]
#: Columns a store's layers must have before geomap reads or replaces it.
_NEEDED = {"claims": ["claim_id", "doc_id"], "mentions": ["doc_id"],
           "articles": ARTICLE_COLUMNS[:-1], "runs": RUN_COLUMNS[:-1]}  # the last: optional

INTEGER_COLUMNS = {"articles": ["claims"],
                   "runs": ["run_id", "seen", "processed", "unchanged", "removed", "failed",
                            "claims_added", "claims_removed", "claims_total"]}


def _typed(frame: pd.DataFrame, layer: str) -> pd.DataFrame:
    """Counts as integers and the rest as text, whatever the frame went through."""
    frame = pd.DataFrame(frame).copy()
    for column in frame.columns:
        if column in INTEGER_COLUMNS[layer]:
            frame[column] = pd.to_numeric(frame[column]).astype("int64")
        else:
            frame[column] = frame[column].astype("string")
    return frame


@dataclass
class Store:
    """The tables of one store, in memory."""

    claims: gpd.GeoDataFrame
    mentions: gpd.GeoDataFrame
    articles: pd.DataFrame
    runs: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RUN_COLUMNS))
    verdicts: pd.DataFrame | None = None

    @classmethod
    def empty(cls) -> Store:
        return cls(claims=to_geodataframe([], CLAIM_COLUMNS),
                   mentions=to_geodataframe([], MENTION_COLUMNS),
                   articles=pd.DataFrame(columns=ARTICLE_COLUMNS),
                   runs=pd.DataFrame(columns=RUN_COLUMNS))


def read_store(path: str | os.PathLike[str], *,
               layers: Iterable[str] = ("claims", "mentions")) -> Store:
    """The store at *path*; an empty one when the file does not exist.

    The ``articles`` and ``runs`` tables are always read; of the point layers only those
    in *layers* (the others are left empty: a build reads them only when it changes them).
    """
    import pyogrio

    path = Path(path)
    if not path.exists():
        return Store.empty()
    try:
        layers = {str(name) for name, _ in pyogrio.list_layers(path)}
    except Exception as error:  # not a GeoPackage, truncated, locked...
        raise StoreError(f"{path}: not a readable GeoPackage: {error}") from error
    missing = {"claims", "mentions", "articles", "runs"} - layers
    if missing:
        raise StoreError(f"{path}: not a geomap store (missing {', '.join(sorted(missing))}); "
                         "pick another --store or delete the file")
    empty = Store.empty()

    def spatial(layer: str, template: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        frame = gpd.read_file(path, layer=layer, engine="pyogrio")
        return conform(frame, layer) if len(frame) else template

    def table(layer: str, columns: list[str]) -> pd.DataFrame:
        frame = pyogrio.read_dataframe(path, layer=layer, read_geometry=False)
        return _typed(frame.reindex(columns=columns), layer)

    for layer, needed in _NEEDED.items():
        fields = {str(f) for f in pyogrio.read_info(path, layer=layer)["fields"]}
        lacking = [c for c in needed if c not in fields]
        if lacking:
            raise StoreError(f"{path}: layer {layer!r} is not a geomap store's (no "
                             f"{', '.join(lacking)}); pick another --store or delete the file")
    try:
        verdicts = None
        if "verdicts" in layers:
            verdicts = pyogrio.read_dataframe(path, layer="verdicts", read_geometry=False)
            verdicts = verdicts.reindex(columns=VERDICT_COLUMNS)
        layers = set(layers)
        return Store(claims=spatial("claims", empty.claims) if "claims" in layers
                     else empty.claims,
                     mentions=spatial("mentions", empty.mentions) if "mentions" in layers
                     else empty.mentions,
                     articles=table("articles", ARTICLE_COLUMNS),
                     runs=table("runs", RUN_COLUMNS), verdicts=verdicts)
    except (ValueError, TypeError) as error:
        raise StoreError(f"{path}: not a geomap store's tables ({type(error).__name__}: "
                         f"{error}); pick another --store or delete the file") from error


def verdict_table(verdicts: pd.DataFrame, reference: str) -> pd.DataFrame:
    """The ``verdicts`` table of a store from :func:`geomap.control.verdicts.verdicts`
    (rows of claims not judged left out)."""
    frame = pd.DataFrame(verdicts)
    frame = frame[frame["verdict"].astype(str) != ""].assign(reference=reference)
    snapshot = pd.to_datetime(frame["snapshot"])
    frame["snapshot"] = snapshot.dt.strftime("%Y-%m-%d").where(snapshot.notna(), None)
    frame["confirmed"] = frame["confirmed"].map({True: "true", False: "false"})
    for column in ("distance_km", "lag_days"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    text = [c for c in VERDICT_COLUMNS if c not in ("distance_km", "lag_days")]
    frame[text] = frame[text].astype(object).where(frame[text].notna(), None)
    return frame[VERDICT_COLUMNS].reset_index(drop=True)


def write_store(store: Store, path: str | os.PathLike[str]) -> Path:
    """Write every table of *store* to *path* atomically."""
    path = Path(path)
    claims = validate_claims(store.claims, required=CLAIM_COLUMNS)
    try:
        _write_layers(store, claims, path)
    except OSError:
        raise
    except Exception as error:  # GDAL reports a full disk in its own exception types
        raise OutputNotWritableError(f"{path}: could not write the store: {error}") from error
    return path


def append_run(path: str | os.PathLike[str], runs: pd.DataFrame) -> Path:
    """Add the rows of *runs* to the ``runs`` table of the store at *path*, leaving its
    other tables as they are: a copy of the store gets the rows and is renamed into
    place (atomic, like :func:`write_store`)."""
    import pyogrio

    path = Path(path)
    try:
        with atomic_target(path) as tmp:
            shutil.copyfile(path, tmp)
            pyogrio.write_dataframe(_typed(runs.reindex(columns=RUN_COLUMNS), "runs"), tmp,
                                    layer="runs", driver="GPKG", append=True)
    except OSError:
        raise
    except Exception as error:  # GDAL reports a full disk in its own exception types
        raise OutputNotWritableError(f"{path}: could not write the store: {error}") from error
    return path


def _write_layers(store: Store, claims, path: Path) -> None:
    import pyogrio

    with atomic_target(path) as tmp:
        for layer, frame in (("claims", claims), ("mentions", store.mentions)):
            pyogrio.write_dataframe(for_storage(frame), tmp, layer=layer, driver="GPKG",
                                    geometry_type="Point", append=tmp.exists())
        for layer, frame in (("articles", store.articles), ("runs", store.runs)):
            pyogrio.write_dataframe(_typed(frame, layer), tmp, layer=layer, driver="GPKG",
                                    append=True)
        if store.verdicts is not None and len(store.verdicts):
            pyogrio.write_dataframe(store.verdicts.reindex(columns=VERDICT_COLUMNS), tmp,
                                    layer="verdicts", driver="GPKG", append=True)
    return path


_HELD_LOCK_FDS: set[int] = set()  # descriptors of the store locks this process holds


def _close_inherited_locks() -> None:
    """In a forked child: close the lock descriptors inherited from the parent, so the
    lock is released when the parent dies even if the child lives on."""
    for fd in list(_HELD_LOCK_FDS):
        with suppress(OSError):
            os.close(fd)
    _HELD_LOCK_FDS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited_locks)


def stale_temporaries(folder: Path, *targets: Path) -> list[Path]:
    """Hidden temporaries left in *folder* by a killed run writing one of *targets*:
    ``.<stem>.<8 random characters>[.<suffix>]`` (:func:`gazetteer.files.temporary_beside`),
    with SQLite's ``-journal``/``-wal``/``-shm`` companions, and the staging folders
    ``.<stem>.parts.<random>``."""
    stems = "|".join(sorted({re.escape(t.stem) for t in targets}))
    ours = re.compile(rf"\.({stems})\.(parts\.)?[A-Za-z0-9_]{{8}}"
                      r"(\.(gpkg|html?|parquet|geojson|csv|kml))?(-journal|-wal|-shm)?")
    try:
        return sorted(p for p in folder.iterdir() if ours.fullmatch(p.name))
    except OSError:
        return []


@contextmanager
def store_lock(path: str | os.PathLike[str], *, also: Iterable[str | os.PathLike[str]] = (),
               notice: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the store's lock (``.<name>.lock`` beside it) for one run.

    A second run on the same store fails at once with a clear error instead of
    racing the first. The lock is an OS lock (``flock``): it is released when the
    process holding it dies, and forked workers close their inherited copy (and die
    with their parent, :mod:`geomap.ingest.workers`), so a ``kill -9`` never leaves
    the store locked. The lock file records the holder's pid; a lock file left by a
    process that is gone is taken over, with a *notice*. While the lock is held,
    stale temporaries of ours beside the store and beside the paths in *also* (the
    map) are removed.
    """
    from filelock import FileLock, Timeout

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(f".{path.name}.lock")
    lock = FileLock(lock_path, thread_local=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise StoreBusyError(f"{path} is in use by another geomap run; try again when it "
                             "has finished") from None
    fd = lock._context.lock_file_fd
    if fd is not None:
        _HELD_LOCK_FDS.add(fd)
    try:
        _take_over(fd, lock_path, notice)
        targets = [path, *(Path(p) for p in also)]
        for folder in {t.parent for t in targets}:
            for stale in stale_temporaries(folder, *targets):
                if notice:
                    notice(f"removed {stale.name}, left by a run that did not finish")
                if stale.is_dir():
                    shutil.rmtree(stale, ignore_errors=True)
                else:
                    stale.unlink(missing_ok=True)
        yield
    finally:
        _HELD_LOCK_FDS.discard(fd)
        if fd is not None:
            with suppress(OSError):
                os.ftruncate(fd, 0)  # released properly: no pid left to take over
        lock.release()


def _take_over(fd: int | None, lock_path: Path, notice: Callable[[str], None] | None) -> None:
    """Write our pid into the lock file; say so when it named a process that is gone."""
    if fd is None:
        return
    try:
        previous = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
        if previous.isdigit() and int(previous) != os.getpid() and notice:
            notice(f"took over the lock of geomap run {previous}, which no longer holds it")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    except OSError:  # a lock file we cannot read or write still locks
        pass
