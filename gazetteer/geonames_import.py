"""Import full GeoNames dumps into a user index that takes precedence over the bundle.

Sources may be ``.txt`` dump files (the 19-column GeoNames format), ``.zip``
archives of them (``RU.zip``, ``UA.zip``, ``allCountries.zip``), and
``alternateNamesV2`` files or zips; any of them may be an ``http(s)://`` URL,
downloaded to a temporary file first.

Guarantees
----------
* A malformed line (wrong column count, bad coordinates) is skipped and counted.
* A truncated download (fewer bytes than ``Content-Length``) or a corrupt zip
  raises :class:`~gazetteer.exc.SourceError` and leaves the existing index
  untouched: the new index is written to a temporary file and renamed into
  place only when complete.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
import urllib.request
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer import _config
from gazetteer.exc import SourceError
from gazetteer.index import write_index
from gazetteer.model import ALTERNATE, PRIMARY, PlaceRecord
from gazetteer.sources import indexable

GEONAMES_COLUMNS = 19
SKIPPED_ALT_LANGUAGES = {"link", "post", "iata", "icao", "faac", "fr_1793", "abbr", "unlc",
                         "wkdt", "tcid"}
USER_AGENT = "geomap-gazetteer/0.1 (+https://pypi.org/project/geomap)"


@dataclass
class ImportReport:
    """What an import read, kept and skipped."""

    index_path: Path
    places: int = 0
    keys: int = 0
    lines_read: int = 0
    malformed_lines: int = 0
    filtered_out: int = 0
    alternate_names: int = 0
    sources: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """Plain dict for JSON output."""
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in self.__dict__.items()}


def feature_kind(feature_class: str, feature_code: str) -> str:
    """Map a GeoNames feature class and code to a gazetteer kind."""
    if feature_class == "P":
        return "settlement"
    if feature_class == "A":
        if feature_code.startswith("PCL"):
            return "country"
        if feature_code == "ADM1":
            return "admin1"
        if feature_code == "ADM2":
            return "admin2"
    return "other"


def parse_geonames_line(line: str) -> PlaceRecord | None:
    """One dump line as a record, or None when it is malformed."""
    parts = line.rstrip("\r\n").split("\t")
    if len(parts) != GEONAMES_COLUMNS or not parts[0].isdigit() or not parts[1].strip():
        return None
    try:
        lat, lon = float(parts[4]), float(parts[5])
        population = int(parts[14] or 0)
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    country = parts[8] or None
    record = PlaceRecord(
        id=f"geonames:{parts[0]}", name=parts[1], kind=feature_kind(parts[6], parts[7]),
        lat=lat, lon=lon, country=country,
        admin1=f"{country}.{parts[10]}" if country and parts[10] else None,
        population=max(0, population), source="geonames",
    )
    record.add_name(parts[1], PRIMARY)
    record.add_name(parts[2], ALTERNATE)
    for alt in parts[3].split(","):
        if alt and indexable(alt):
            record.add_name(alt, ALTERNATE)
    return record


@contextlib.contextmanager
def _local_copy(source: str, timeout: float) -> Iterator[Path]:
    """Yield a local path for *source*, downloading URLs completely first."""
    if not source.startswith(("http://", "https://")):
        path = Path(source)
        if not path.is_file():
            raise SourceError(f"{source}: no such file")
        yield path
        return
    tmpdir = Path(tempfile.mkdtemp(prefix="gazetteer-download-"))
    target = tmpdir / (Path(source.split("?")[0]).name or "download")
    try:
        request = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response, \
                    open(target, "wb") as fh:
                expected = response.headers.get("Content-Length")
                shutil.copyfileobj(response, fh, length=1 << 20)
        except OSError as error:  # URLError, timeouts and IncompleteRead are all OSErrors
            raise SourceError(f"{source}: download failed: {error}") from error
        except Exception as error:  # http.client.IncompleteRead is not an OSError
            raise SourceError(f"{source}: download failed: {error!r}") from error
        size = target.stat().st_size
        if expected is not None and size != int(expected):
            raise SourceError(
                f"{source}: truncated download ({size:,} of {int(expected):,} bytes); "
                "the existing index was left untouched"
            )
        yield target
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def _text_members(path: Path) -> Iterator[tuple[str, Iterable[str]]]:
    """(name, lines) of a dump file or of each .txt member of a zip."""
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    name = Path(info.filename).name
                    if not name.endswith(".txt") or name.lower().startswith(("readme", "iso-")):
                        continue
                    with archive.open(info) as raw:
                        yield name, io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
        except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as error:
            raise SourceError(f"{path.name}: corrupt or truncated zip: {error}") from error
        return
    if path.suffix == ".zip":
        raise SourceError(f"{path.name}: not a zip archive (truncated download?)")
    with open(path, encoding="utf-8", errors="replace") as fh:
        yield path.name, fh


def import_geonames(sources: Sequence[str], *, countries: Iterable[str] | None = None,
                    index_path: str | os.PathLike[str] | None = None, timeout: float = 60.0,
                    progress: Callable[[str], None] | None = None) -> ImportReport:
    """Build a user index from GeoNames dumps; see the module docstring.

    Parameters
    ----------
    sources
        Paths or URLs of dumps, zips or alternateNamesV2 files.
    countries
        Keep only these ISO alpha-2 codes (all when None).
    index_path
        Where to write; defaults to the user cache (see ``gazetteer info``).
    """
    if not sources:
        raise SourceError("no sources given")
    keep = {c.upper() for c in countries} if countries else None
    report = ImportReport(index_path=Path(index_path or _config.user_index_path()))
    records: dict[int, PlaceRecord] = {}
    alternates: list[tuple[int, str]] = []
    for source in sources:
        report.sources.append(source)
        with _local_copy(source, timeout) as path:
            for member, lines in _text_members(path):
                if progress:
                    progress(f"reading {member}")
                if member.lower().startswith("alternatenames"):
                    alternates.extend(_read_alternates(lines, report))
                    continue
                for line in lines:
                    if not line.strip() or line.startswith("#"):
                        continue
                    report.lines_read += 1
                    record = parse_geonames_line(line)
                    if record is None:
                        report.malformed_lines += 1
                        continue
                    if keep is not None and record.country not in keep:
                        report.filtered_out += 1
                        continue
                    records[int(record.id.split(":")[1])] = record
    if not records:
        raise SourceError("no valid GeoNames lines in the sources; index left untouched")
    for geonameid, name in alternates:
        record = records.get(geonameid)
        if record is not None:
            record.add_name(name, ALTERNATE)
            report.alternate_names += 1
    _assign_iso_admin1(list(records.values()))
    counts = write_index(report.index_path, records.values(), {
        "name": "user GeoNames import", "sources": list(sources),
        "licences": {"geonames": "GeoNames: CC BY 4.0, credit \"GeoNames\""},
    })
    report.places, report.keys = counts["places"], counts["keys"]
    return report


def _read_alternates(lines: Iterable[str], report: ImportReport) -> Iterator[tuple[int, str]]:
    for line in lines:
        parts = line.rstrip("\r\n").split("\t")
        if len(parts) < 4 or not parts[1].isdigit():
            report.malformed_lines += 1
            continue
        language, name = parts[2], parts[3]
        if language not in SKIPPED_ALT_LANGUAGES and indexable(name):
            yield int(parts[1]), name


def _assign_iso_admin1(records: list[PlaceRecord]) -> None:
    """ISO 3166-2 admin1 for Russian and Ukrainian places, from the bundled polygons."""
    from gazetteer.build import assign_admin1
    from gazetteer.polygons import PolygonStore

    store = PolygonStore(_config.BUNDLE_POLYGONS)
    polygons = {code: store.get("admin1", code) for code in store.codes("admin1")}
    assign_admin1(records, polygons)
