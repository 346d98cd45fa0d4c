"""The on-disk place index: one zip file, loaded in milliseconds.

Layout of an index file (format version 1)::

    meta.json       format, sources with licences, counts, code tables
    keys.marisa     marisa RecordTrie: name key -> (row, quality)
    ids.marisa      marisa RecordTrie: place id -> row
    lat.npy lon.npy float64 per row
    population.npy  uint32 per row
    kind.npy        uint8 per row, index into KINDS
    country.npy     uint16 per row, index into meta["countries"] ("" = none)
    admin1.npy      uint16 per row, index into meta["admin1"] ("" = none)
    source.npy      uint8 per row, index into meta["sources"]
    names.bin ids.bin, names_off.npy ids_off.npy
                    UTF-8 display names and ids, with row offsets
    fuzzy_keys.bin fuzzy_len.npy fuzzy.json
                    the fuzzy-matching buckets, ready-made
                    (:class:`gazetteer.fuzzy.BucketTable`); optional: an index
                    without them gets them computed from its keys

The fuzzy members are read only on the first fuzzy look-up (or
:meth:`PlaceIndex.fuzzy_table`), so they cost an exact-lookup start nothing.

Name quality (:mod:`gazetteer.model`): 3 a primary name in its source, 2 an
alternate name, 1 a press or transliteration variant derived here.

Files are written atomically (:func:`gazetteer.files.atomic_write`): to a
temporary file beside the target, flushed to disk and renamed into place, so a
reader never sees half an index.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from array import array
from collections.abc import Iterable
from pathlib import Path

import marisa_trie
import numpy as np

from gazetteer.exc import IndexFormatError
from gazetteer.files import atomic_write
from gazetteer.fuzzy import KEYS_MEMBER, LENGTHS_MEMBER, SPANS_MEMBER, BucketTable
from gazetteer.model import KIND_CODE, KINDS, PRIMARY, VARIANT, Place, PlaceRecord
from gazetteer.normalize import name_keys
from gazetteer.scoring import row_priors

FORMAT_VERSION = 1
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed, so that builds are byte-reproducible


def _sort_key(record: PlaceRecord) -> tuple[int, int, str]:
    return (KIND_CODE[record.kind], -record.population, record.id)


def write_index(path: str | os.PathLike[str], records: Iterable[PlaceRecord],
                meta: dict[str, object]) -> dict[str, int]:
    """Write *records* as an index file at *path*, atomically.

    Returns counts of places and keys. The same records give the same bytes.
    """
    rows = sorted(records, key=_sort_key)
    if not rows:
        raise IndexFormatError("refusing to write an index with no places")
    countries = ["", *sorted({r.country for r in rows if r.country})]
    admin1s = ["", *sorted({r.admin1 for r in rows if r.admin1})]
    sources = sorted({r.source for r in rows})
    country_ix = {c: i for i, c in enumerate(countries)}
    admin1_ix = {c: i for i, c in enumerate(admin1s)}
    source_ix = {s: i for i, s in enumerate(sources)}

    best: dict[tuple[str, int], int] = {}
    for row, record in enumerate(rows):
        record.add_name(record.name, PRIMARY)
        for name, quality in record.names.items():
            keys = name_keys(name)
            for position, key in enumerate(keys):
                q = quality if position == 0 else min(quality, VARIANT + 1)
                if best.get((key, row), 0) < q:
                    best[(key, row)] = q
    entries = sorted((key, (row, q)) for (key, row), q in best.items())
    keys_trie = marisa_trie.RecordTrie("<IB", entries)
    ids_trie = marisa_trie.RecordTrie("<I", [(r.id, (i,)) for i, r in enumerate(rows)])

    def blob(values: list[str]) -> tuple[bytes, np.ndarray]:
        encoded = [v.encode("utf-8") for v in values]
        offsets = np.zeros(len(encoded) + 1, dtype=np.uint32)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        return b"".join(encoded), offsets

    names_bin, names_off = blob([r.name for r in rows])
    ids_bin, ids_off = blob([r.id for r in rows])
    arrays = {
        "lat": np.array([r.lat for r in rows], dtype=np.float64),
        "lon": np.array([r.lon for r in rows], dtype=np.float64),
        "population": np.array([min(max(r.population, 0), 2**32 - 1) for r in rows],
                               dtype=np.uint32),
        "kind": np.array([KIND_CODE[r.kind] for r in rows], dtype=np.uint8),
        "country": np.array([country_ix[r.country or ""] for r in rows], dtype=np.uint16),
        "admin1": np.array([admin1_ix[r.admin1 or ""] for r in rows], dtype=np.uint16),
        "source": np.array([source_ix[r.source] for r in rows], dtype=np.uint8),
        "names_off": names_off,
        "ids_off": ids_off,
    }
    counts = {"places": len(rows), "keys": len(entries)}
    full_meta = dict(meta)
    full_meta.update(format=FORMAT_VERSION, countries=countries, admin1=admin1s,
                     sources=sources, counts=counts)
    members: list[tuple[str, bytes]] = [
        ("meta.json", json.dumps(full_meta, indent=1, sort_keys=True).encode()),
        ("keys.marisa", keys_trie.tobytes()),
        ("ids.marisa", ids_trie.tobytes()),
        ("names.bin", names_bin),
        ("ids.bin", ids_bin),
    ]
    for name, values in arrays.items():
        members.append((f"{name}.npy", _npy(values)))
    members += BucketTable.from_keys(keys_trie.keys()).members(_npy)
    atomic_write(path, lambda fh: _write_zip(fh, members))
    return counts


def _npy(values: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, values, allow_pickle=False)
    return buffer.getvalue()


def _write_zip(fh: io.BufferedWriter, members: list[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(fh, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)


def _signature(archive: zipfile.ZipFile) -> tuple[int, int, int, int]:
    """Device, inode, size and modification time of the open index file."""
    stat = os.fstat(archive.fp.fileno())  # type: ignore[union-attr]
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns


class PlaceIndex:
    """A read-only index file, loaded whole into memory (tens of milliseconds; the fuzzy
    buckets only when first asked for)."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        try:
            with zipfile.ZipFile(self.path) as archive:
                self._signature = _signature(archive)
                self.meta = json.loads(archive.read("meta.json"))
                if self.meta.get("format") != FORMAT_VERSION:
                    raise IndexFormatError(
                        f"{self.path}: index format {self.meta.get('format')!r}, "
                        f"this version reads {FORMAT_VERSION}; rebuild the index"
                    )
                self._keys = marisa_trie.RecordTrie("<IB").frombytes(archive.read("keys.marisa"))
                self._ids = marisa_trie.RecordTrie("<I").frombytes(archive.read("ids.marisa"))
                self._names = archive.read("names.bin")
                self._id_blob = archive.read("ids.bin")
                arrays = {
                    name: np.load(io.BytesIO(archive.read(f"{name}.npy")), allow_pickle=False)
                    for name in ("lat", "lon", "population", "kind", "country", "admin1",
                                 "source", "names_off", "ids_off")
                }
        except (FileNotFoundError, IndexFormatError):
            raise
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
            raise IndexFormatError(f"{self.path} is not a readable gazetteer index: {error}") \
                from error
        self.lat = arrays["lat"]
        self.lon = arrays["lon"]
        self.population = arrays["population"]
        self.kind = arrays["kind"]
        self.country = arrays["country"]
        self.admin1 = arrays["admin1"]
        self.source = arrays["source"]
        # array.array for per-row access in the hot path: faster to index than numpy, and
        # unlike lists not scanned by the garbage collector.
        self.kind_list = array("B", self.kind.tobytes())
        self.population_list = array("Q", self.population.astype(np.uint64).tobytes())
        self._country_list = array("H", self.country.tobytes())
        self._admin1_list = array("H", self.admin1.tobytes())
        self.lat_list = array("d", self.lat.tobytes())
        self.lon_list = array("d", self.lon.tobytes())
        # per row ``0.45 + 0.55 * prominence``: the part of a score fixed by the place
        self.prior_list = array("d", row_priors(self.kind_list, self.population_list))
        self._names_off = array("Q", arrays["names_off"].astype(np.uint64).tobytes())
        self._ids_off = array("Q", arrays["ids_off"].astype(np.uint64).tobytes())
        self._countries: list[str] = self.meta["countries"]
        self._admin1s: list[str] = self.meta["admin1"]
        self._sources: list[str] = self.meta["sources"]

    def __len__(self) -> int:
        return len(self._names_off) - 1

    def rows_for_key(self, key: str) -> list[tuple[int, int]]:
        """(row, quality) pairs filed under *key*; empty when none."""
        return self._keys.get(key, [])

    def row_of_id(self, place_id: str) -> int | None:
        """The row of a place id, or None."""
        found = self._ids.get(place_id)
        return found[0][0] if found else None

    def keys(self) -> list[str]:
        """The name keys (for fuzzy matching), once per place that bears one: a key that
        several places share repeats."""
        return self._keys.keys()

    def fuzzy_table(self) -> BucketTable | None:
        """The ready-made fuzzy buckets written with this index, read now.

        None when the index has none (written by an older version) or when its file has
        been replaced since it was loaded (the buckets must match the keys in memory): the
        caller then computes them from :meth:`keys`.
        """
        try:
            with zipfile.ZipFile(self.path) as archive:
                if _signature(archive) != self._signature:
                    return None
                return BucketTable.from_members(
                    archive.read(KEYS_MEMBER),
                    np.load(io.BytesIO(archive.read(LENGTHS_MEMBER)), allow_pickle=False),
                    archive.read(SPANS_MEMBER))
        except KeyError:
            return None
        except (zipfile.BadZipFile, ValueError, OSError) as error:
            raise IndexFormatError(f"{self.path}: unreadable fuzzy buckets: {error}") from error

    def place_id(self, row: int) -> str:
        """The id of the place at *row*."""
        return self._id_blob[self._ids_off[row]:self._ids_off[row + 1]].decode()

    def name(self, row: int) -> str:
        """The name of the place at *row*."""
        return self._names[self._names_off[row]:self._names_off[row + 1]].decode()

    def place(self, row: int) -> Place:
        """The :class:`Place` at *row*."""
        return Place(
            id=self.place_id(row),
            name=self._names[self._names_off[row]:self._names_off[row + 1]].decode(),
            kind=KINDS[self.kind_list[row]],
            lat=self.lat_list[row],
            lon=self.lon_list[row],
            country=self._countries[self._country_list[row]] or None,
            admin1=self._admin1s[self._admin1_list[row]] or None,
            population=self.population_list[row],
            source=self._sources[self.source[row]],
        )

    def country_code(self, row: int) -> str:
        """ISO country code of *row* ("" when none)."""
        return self._countries[self._country_list[row]]

    def admin1_code(self, row: int) -> str:
        """admin1 code of *row* ("" when none)."""
        return self._admin1s[self._admin1_list[row]]
