"""The ``gazetteer`` command line.

Commands: ``lookup`` (one name, or a batch with ``--jsonl``), ``reverse``,
``info`` and ``import-geonames``. Bad input exits with code 2 and a one-line
message; in batch mode a bad line yields an error object and the rest go on.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import click

BATCH_FIELDS = ("query", "id", "name", "kind", "lat", "lon", "country", "admin1", "score",
                "source")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}  # one line per result
_COUNTRY_TOKEN = re.compile(r"^[A-Za-z]{2}$")


def _fail(message: str) -> None:
    click.echo(f"gazetteer: error: {message}", err=True)
    sys.exit(2)


def _gazetteer(index: str | None):
    from gazetteer.exc import GazetteerError
    from gazetteer.lookup import Gazetteer

    try:
        if index:
            from gazetteer import _config

            return Gazetteer.from_paths(index, _config.BUNDLE_INDEX,
                                        polygons=_config.BUNDLE_POLYGONS)
        return Gazetteer.default()
    except (GazetteerError, OSError) as error:
        _fail(str(error))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geomap")
def cli() -> None:
    """Offline place lookup for Russian, Ukrainian and world place names."""


@cli.command()
@click.argument("name", required=False)
@click.option("--country", help="ISO 3166-1 alpha-2 code: only places in that country.")
@click.option("--admin1", help="ISO 3166-2 code (RU-KRS) or region name ('Donetsk oblast').")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["country", "admin1", "admin2", "settlement", "other"]),
              help="Keep only this kind (repeatable).")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option("--json", "as_json", is_flag=True, help="Print candidates as JSON.")
@click.option("--jsonl", "jsonl", type=click.File("r", encoding="utf-8", errors="replace"),
              help="Batch mode: read one query per line from FILE ('-' for stdin).")
@click.option("--index", type=click.Path(dir_okay=False), help="Use this user index file.")
def lookup(name, country, admin1, kinds, limit, as_json, jsonl, index) -> None:
    """Look up NAME, or every line of --jsonl FILE."""
    from gazetteer.exc import GazetteerError

    gaz = _gazetteer(index)
    if jsonl is not None:
        if name:
            _fail("give either NAME or --jsonl, not both")
        _batch(gaz, jsonl, sys.stdout, country=country, admin1=admin1, kinds=kinds or None)
        return
    if name is None:
        _fail("missing NAME (or --jsonl FILE)")
    try:
        found = gaz.lookup(name, country=country, admin1=admin1, kinds=kinds or None,
                           limit=limit)
    except (GazetteerError, TypeError, ValueError) as error:
        _fail(str(error))
    if as_json:
        click.echo(json.dumps([c.as_dict() for c in found], ensure_ascii=False, indent=1))
        return
    if not found:
        click.echo(f"no match for {name!r}")
        return
    for c in found:
        where = ", ".join(x for x in (c.admin1, c.country) if x)
        click.echo(f"{c.score:.3f}  {c.name} [{c.kind}] {where}  {c.lat:.5f}, {c.lon:.5f}"
                   f"  {c.id}  ({c.reason})")


def _parse_batch_line(line: str) -> dict[str, object]:
    text = line.rstrip("\r\n").lstrip("\ufeff")
    if text.lstrip().startswith("{"):
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"invalid JSON: {error.msg}") from None
        except RecursionError:
            raise ValueError("invalid JSON: nested too deeply") from None
        if not isinstance(obj, dict) or "name" not in obj:
            raise ValueError("a JSON query needs a 'name' field")
        return obj
    return {"name": text}


def batch_results(gaz, lines: Iterable[str], *, country=None, admin1=None, kinds=None
                  ) -> Iterator[dict[str, object]]:
    """One result dict per input line (see ``BATCH_FIELDS``), errors included."""
    from gazetteer.exc import GazetteerError

    for line in lines:
        query: object = line.rstrip("\r\n").lstrip("\ufeff")
        try:
            request = _parse_batch_line(line)
            query = request["name"] if set(request) == {"name"} else request
            found = gaz.lookup(request["name"], country=request.get("country") or country,
                               admin1=request.get("admin1") or admin1,
                               kinds=request.get("kinds") or kinds, limit=1)
        except (GazetteerError, TypeError, ValueError, LookupError, RecursionError) as error:
            yield {**dict.fromkeys(BATCH_FIELDS), "query": query, "error": str(error)}
            continue
        if not found:
            yield {**dict.fromkeys(BATCH_FIELDS), "query": query}
            continue
        best = found[0]
        yield {"query": query, "id": best.id, "name": best.name, "kind": best.kind,
               "lat": best.lat, "lon": best.lon, "country": best.country,
               "admin1": best.admin1, "score": best.score, "source": best.source}


def json_safe(value: object) -> object:
    """*value* with what JSON cannot hold made explicit: NaN and infinities become the
    strings ``"NaN"``, ``"Infinity"``, ``"-Infinity"``, lone surrogates U+FFFD."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {str(json_safe(k)): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


def _batch(gaz, lines: IO[str], out: IO[str], **options) -> None:
    """Write one JSON line per input line: always valid JSON (RFC 8259: no NaN) in
    UTF-8, whatever the line held (lone surrogates, NaN, infinities, a BOM)."""
    write = out.write
    for result in batch_results(gaz, lines, **options):
        line = json.dumps(json_safe(result), ensure_ascii=False, allow_nan=False)
        write(line.translate(_LINE_BREAKS) + "\n")
    out.flush()


@cli.command()
@click.argument("lat", type=float)
@click.argument("lon", type=float)
@click.option("--max-km", default=25.0, show_default=True, type=click.FloatRange(0, 1000))
@click.option("--json", "as_json", is_flag=True)
def reverse(lat: float, lon: float, max_km: float, as_json: bool) -> None:
    """The place nearest to LAT LON."""
    from gazetteer.exc import GazetteerError

    try:
        found = _gazetteer(None).reverse(lat, lon, max_km=max_km)
    except GazetteerError as error:
        _fail(str(error))
    if as_json:
        click.echo(json.dumps(found.as_dict() if found else None, ensure_ascii=False))
    elif found is None:
        click.echo("nothing here")
    else:
        click.echo(f"{found.name} [{found.kind}] {found.admin1 or ''} {found.country or ''}"
                   f"  {found.id}  ({found.reason})")


@cli.command()
@click.option("--json", "as_json", is_flag=True)
def info(as_json: bool) -> None:
    """Sources, licences, counts and index paths."""
    data = _gazetteer(None).info()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    for index in data["indexes"]:
        click.echo(f"index: {index['path']}  ({index['places']:,} places)")
        for key, value in (index.get("counts") or {}).items():
            click.echo(f"  {key}: {value:,}")
        for source, licence in (index.get("licences") or {}).items():
            click.echo(f"  {source}: {licence}")
        if index.get("credits"):
            click.echo(f"  credit: {'; '.join(index['credits'])}")
    click.echo(f"polygons: {data['polygons']}")
    click.echo(f"user index path: {data['user_index']}")


@cli.command("import-geonames")
@click.argument("sources", nargs=-1, required=True)
@click.option("--countries", multiple=True,
              help="Keep only these ISO alpha-2 codes: --countries RU UA (or RU,UA).")
@click.option("--index", type=click.Path(dir_okay=False),
              help="Write this index file (default: the user index, see 'gazetteer info').")
@click.option("--timeout", default=120.0, show_default=True, help="Download timeout, seconds.")
def import_geonames_command(sources, countries, index, timeout) -> None:
    """Import GeoNames dumps (files, zips or URLs) into the user index."""
    from gazetteer.exc import GazetteerError
    from gazetteer.geonames_import import import_geonames

    codes = [c.strip().upper() for value in countries for c in value.split(",") if c.strip()]
    bad = [c for c in codes if not _COUNTRY_TOKEN.match(c)]
    if bad:
        _fail(f"not ISO alpha-2 country codes: {', '.join(bad)}")
    try:
        report = import_geonames(list(sources), countries=codes or None, index_path=index,
                                 timeout=timeout,
                                 progress=lambda msg: click.echo(msg, err=True))
    except GazetteerError as error:
        _fail(str(error))
    click.echo(json.dumps(report.as_dict(), indent=1))


def expand_countries(argv: list[str]) -> list[str]:
    """Let ``--countries RU UA x.zip`` mean ``--countries RU --countries UA x.zip``.

    Tokens after ``--countries`` that are two letters and not an existing
    file are taken as further codes.
    """
    out: list[str] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        out.append(token)
        i += 1
        if token == "--countries":
            taken = 0
            while i < len(argv) and _COUNTRY_TOKEN.match(argv[i]) and not Path(argv[i]).exists():
                if taken:
                    out.append("--countries")
                out.append(argv[i])
                taken += 1
                i += 1
    return out


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    args = expand_countries(list(sys.argv[1:] if argv is None else argv))
    cli.main(args=args, prog_name="gazetteer")
