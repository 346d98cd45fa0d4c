"""``geomap``: a thin click group; each command parses, calls the library and prints.

Heavy imports (spaCy, geopandas) happen inside commands so ``--help`` stays fast.
Every subcommand reports errors the same way (:mod:`geomap.cli.errors`): one line,
exit code 2 for bad input and 1 for failures. Defaults come from :mod:`geomap.settings`.
"""

from __future__ import annotations

import datetime as dt
import logging
from contextlib import contextmanager
from pathlib import Path

import click

from geomap import settings
from geomap.cli.errors import DEBUG, fail, one_line_errors


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geomap")
@click.option("-v", "--verbose", count=True, help="More log output.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.option("--debug", is_flag=True,
              help="Tracebacks for errors and for articles that fail (in the log).")
@click.pass_context
def cli(ctx, verbose: int, quiet: bool, debug: bool = False) -> None:
    """Maps of who claims to control what, and when, from war reporting."""
    DEBUG["traceback"] = debug
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 or debug else
                                         logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = {"quiet": quiet}


def _apply(command, options):
    for option in reversed(options):
        command = option(command)
    return command


def corpus_options(command):
    """CORPUS, ``--manifest`` and ``--published``: where the articles are."""
    return _apply(command, [
        click.argument("corpus", type=click.Path(exists=True)),
        click.option("--manifest", type=click.Path(exists=True, dir_okay=False),
                     help="CSV with file,published,publisher,... "
                          "(default: CORPUS/manifest.csv)."),
        click.option("--published", callback=_date,
                     help="Publication date for a single file."),
    ])


def extraction_options(command):
    """How articles are read: pipeline, size limit, processes or a Dask cluster."""
    return _apply(command, [
        click.option("--model", help="spaCy pipeline to use (default: the best installed)."),
        click.option("--fast/--ner", default=None,
                     help="Leave out spaCy's statistical NER (--fast, the default: same "
                          "claims on the benchmarks, about twice as fast) or run it (--ner); "
                          "default from GEOMAP_NER."),
        click.option("--max-article-bytes", default=settings.MAX_ARTICLE_BYTES,
                     show_default=True,
                     type=click.IntRange(1000),
                     help="Record larger articles as failed (too large)."),
        click.option("--article-seconds", default=settings.ARTICLE_SECONDS,
                     show_default=True, type=click.FloatRange(0),
                     help="Kill the analysis of an article after this many seconds and "
                          "record it as failed (too slow); 0: no limit."),
        click.option("--processes", default=settings.DEFAULT_PROCESSES, show_default=True,
                     type=click.IntRange(1, 64), help="Worker processes on this machine."),
        click.option("--workers", type=click.IntRange(1, 1024),
                     help="Run on a local dask.distributed cluster of N worker processes."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="Run on an existing dask.distributed cluster (tcp://host:8786)."),
        click.option("--claimants", type=click.Path(exists=True, dir_okay=False),
                     help="CSV of extra claimants or outlets (columns as in "
                          "geomap/data/claimants.csv or outlets.csv)."),
    ])


#: The reference options other than ``--reference`` (docs/reference-layers.md).
REFERENCE_KEYS = ("reference_date_field", "reference_date_from_name", "reference_status_field",
                  "reference_status_map", "reference_holds", "reference_covers",
                  "reference_outside", "reference_window_days", "reference_name")


def reference_options(command, *, required: bool = False):
    """``--reference`` and how it is read and judged (:class:`ReferenceOptions`)."""
    sides = click.Choice(["RU", "UA"], case_sensitive=False)
    return _apply(command, [
        click.option("--reference", type=click.Path(exists=True), required=required,
                     help="Assessed control polygons: GeoJSON, GeoPackage, GeoParquet, "
                          "FlatGeobuf, a .gz/.zip of them, or a directory of per-day files."),
        click.option("--reference-date-field", help="Name of the reference's date property."),
        click.option("--reference-date-from-name", is_flag=True,
                     help="Take each file's date from its name (automatic when a file has no "
                          "date property and its name holds one ISO date)."),
        click.option("--reference-status-field", metavar="FIELD",
                     help="Property that says who holds each polygon."),
        click.option("--reference-status-map", metavar="VALUE=SIDE,...",
                     help="Holder per status value: RU, UA, contested or ignore "
                          "(e.g. losses=UA,gains=RU,nochange=RU)."),
        click.option("--reference-holds", type=sides,
                     help="Every polygon is held by this side (files of one side only)."),
        click.option("--reference-covers", metavar="polygons|RU-KRS,...|FILE",
                     default="polygons", show_default=True,
                     help="The area the reference speaks for: its polygons, admin-1 codes, "
                          "or a file of polygons. Outside it, no verdict."),
        click.option("--reference-outside", type=click.Choice(["RU", "UA", "contested"],
                                                              case_sensitive=False),
                     help="Holder of a covered point outside every polygon of a day "
                          "(without it, no verdict there)."),
        click.option("--reference-window-days", type=click.IntRange(0),
                     default=settings.REFERENCE_WINDOW_DAYS, show_default=True,
                     help="Compare a claim with a snapshot at most this many days away."),
        click.option("--reference-name", help="Name of the reference in popups and the "
                     "scorecard (default: the file's name)."),
    ])


def read_reference_option(reference, options: dict):
    """The reference frame of the CLI's options (None without ``--reference``)."""
    if not reference:
        return None
    from geomap.control.reference import (
        ReferenceOptions,
        parse_covers,
        parse_status_map,
        read_reference,
    )

    status_map = options.get("reference_status_map")
    upper = {k: (options.get(k) or None) for k in ("reference_holds", "reference_outside")}
    outside = upper["reference_outside"]
    return read_reference(reference, ReferenceOptions(
        date_field=options.get("reference_date_field"),
        date_from_name=bool(options.get("reference_date_from_name")),
        status_field=options.get("reference_status_field"),
        status_map=parse_status_map(status_map) if status_map else None,
        holds=upper["reference_holds"] and upper["reference_holds"].upper(),
        covers=parse_covers(options.get("reference_covers") or "polygons"),
        outside=outside if outside in (None, "contested") else outside.upper(),
        window_days=options.get("reference_window_days", settings.REFERENCE_WINDOW_DAYS),
        name=options.get("reference_name")))


def map_options(command):
    """How the map is drawn: offline, one day, a reference layer, tiles, title, window."""
    command = reference_options(command)
    return _apply(command, [
        click.option("--offline", is_flag=True, help="Inline every script and stylesheet: "
                     "one file that works with no network."),
        click.option("--as-of", "as_of", callback=_date, help="Draw the claimed state on "
                     "this day (YYYY-MM-DD) instead of a time slider."),
        click.option("--tiles", is_flag=True, help="Add OpenStreetMap tiles (need the network)."),
        click.option("--title", help="Map title."),
        click.option("--window-days", default=settings.WINDOW_DAYS, show_default=True,
                     type=click.IntRange(0),
                     help="Days a claim that does not set control stays on the map."),
    ])


@contextmanager
def analyser(workers: int | None, scheduler: str | None, model, fast, progress: bool,
             article_seconds: float | None = settings.ARTICLE_SECONDS,
             claimants: str | None = None):
    """None (this machine) or a Dask ``analyse`` callable, with its cluster kept open
    (the same per-article budgets as on this machine)."""
    if not workers and not scheduler:
        yield None
        return
    if workers and scheduler:
        raise click.UsageError("use --workers or --scheduler, not both")
    from geomap.distributed import DaskAnalyse, dask_client

    with dask_client(workers, scheduler) as client:
        yield DaskAnalyse(client, model=model, fast=fast, progress=progress,
                          time_limit=article_seconds or None, claimants=claimants)


@cli.command()
@corpus_options
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False),
              help="Output file: .gpkg, .parquet or .geojson.")
@extraction_options
@click.pass_context
@one_line_errors
def extract(ctx, corpus, manifest, published, out, model, max_article_bytes, fast,
            processes, workers, scheduler, claimants, article_seconds) -> None:
    """Extract dated, attributed, geolocated claims from CORPUS.

    CORPUS is a folder (.txt, .md, saved .html pages, Telegram Desktop exports .json,
    RSS/Atom feeds), a JSON Lines file (one article per line, with its "text" or "html"),
    a Telegram export (result.json, one article per post), a feed (.rss, .atom, .xml,
    one article per item), or one text file or page."""
    from geomap.extract import Extractor
    from geomap.extract import extract as run_extract
    from geomap.io.tables import FORMATS, check_writable, mentions_path, write_outputs

    if not out.lower().endswith(tuple(FORMATS)):
        raise click.BadParameter(f"{out}: use a .gpkg, .parquet or .geojson file",
                                 param_hint="--output")
    check_writable(out, *([] if out.lower().endswith(".gpkg") else [mentions_path(Path(out))]))
    with analyser(workers, scheduler, model, fast, not ctx.obj.get("quiet"),
                  article_seconds, claimants) as analyse:
        extractor = None if analyse else Extractor(model=model, fast=fast,
                                                   n_process=processes, claimants=claimants,
                                                   time_limit=article_seconds or None)
        claims, mentions = run_extract(corpus, manifest=manifest, published=published,
                                       extractor=extractor, max_bytes=max_article_bytes,
                                       analyse=analyse)
    summary = claims.attrs["summary"]
    for message in summary.messages:
        click.echo(f"geomap: {message}", err=True)
    if summary.articles == 0:
        fail(f"nothing could be read from {corpus}")
    paths = write_outputs(claims, mentions, out)
    if not ctx.obj.get("quiet"):
        click.echo(summary.as_text())
        for path in paths:
            click.echo(f"wrote {path}")


@cli.command()
@click.argument("claims", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False),
              help="The HTML map to write.")
@map_options
@click.option("--png", type=click.Path(dir_okay=False),
              help="Also write a static image of the map (headless Chromium).")
@click.option("--size", default="1600x1000", show_default=True,
              help="Size of the --png image, WIDTHxHEIGHT pixels.")
@click.pass_context
@one_line_errors
def render(ctx, claims, out, offline, as_of, reference, tiles, title, window_days, png, size,
           **options) -> None:
    """Draw CLAIMS (.gpkg, .parquet or .geojson from `geomap extract`) as an HTML map."""
    from geomap.io.tables import read_claims
    from geomap.render import build_map, save_map
    from geomap.render.png import parse_size, save_png

    shape = parse_size(size)  # a bad size fails before any work
    frame = read_claims(claims)
    fmap = build_map(frame, as_of=as_of, reference=read_reference_option(reference, options),
                     tiles=tiles, title=title, window_days=window_days)
    path = save_map(fmap, out, offline=offline)
    if not ctx.obj.get("quiet"):
        written = path.stat().st_size
        drawn = len(fmap.geomap_data["claims"]["id"])
        click.echo(f"wrote {path} ({drawn} claims, {written / 1e6:.2f} MB"
                   f"{', offline' if offline else ''})")
    if png:
        image = save_png(fmap, png, shape)
        if not ctx.obj.get("quiet"):
            click.echo(f"wrote {image} ({shape[0]}x{shape[1]} PNG)")


@cli.command()
@corpus_options
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False),
              help="The HTML map to write.")
@click.option("--store", type=click.Path(dir_okay=False),
              help="GeoPackage store (default: the map's path with .gpkg).")
@click.option("--rebuild", is_flag=True, help="Ignore the store: extract every article again.")
@click.option("--retry-failed", is_flag=True,
              help="Try again articles that failed before even if their file is unchanged.")
@map_options
@extraction_options
@click.pass_context
@one_line_errors
def build(ctx, corpus, manifest, published, out, store, rebuild, retry_failed, offline, as_of,
          reference, tiles, title, window_days, model, fast, processes, max_article_bytes,
          workers, scheduler, claimants, article_seconds, **options) -> None:
    """Extract CORPUS into a store and draw the map, re-reading only new or changed articles."""
    from geomap.build import build as run_build
    from geomap.extract import Extractor

    if not out.lower().endswith((".html", ".htm")):
        raise click.BadParameter(f"{out}: the map is an .html file", param_hint="--output")
    progress = not ctx.obj.get("quiet")
    reference = read_reference_option(reference, options)  # a bad reference fails first
    with analyser(workers, scheduler, model, fast, progress, article_seconds,
                  claimants) as analyse:
        report = run_build(corpus, output=out, store=store, manifest=manifest,
                           published=published, offline=offline, rebuild=rebuild,
                           map_options={"as_of": as_of, "reference": reference,
                                        "tiles": tiles, "title": title,
                                        "window_days": window_days},
                           extractor=lambda: Extractor(model=model, fast=fast,
                                                       n_process=processes,
                                                       claimants=claimants,
                                                       time_limit=article_seconds or None),
                           analyse=analyse, partitioned=analyse is not None,
                           max_bytes=max_article_bytes, progress=progress,
                           retry_failed=retry_failed)
    for message in report.messages:
        click.echo(f"geomap: {message}", err=True)
    if not ctx.obj.get("quiet"):
        click.echo(report.as_text())
    if report.seen == 0:
        fail(f"no article found in {corpus}")


def required_reference(command):
    """:func:`reference_options` with ``--reference`` required."""
    return reference_options(command, required=True)


@cli.command()
@click.argument("claims", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False),
              help="The scorecard: .csv (one row per claimant), .json or .html.")
@click.option("--verdicts", "verdicts_out", type=click.Path(dir_okay=False),
              help="Also write each claim's verdict to this .csv.")
@required_reference
@click.pass_context
@one_line_errors
def score(ctx, claims, out, verdicts_out, reference, **options) -> None:
    """Score each claimant of CLAIMS against an assessed-control reference."""
    from geomap.control import analyse
    from geomap.control.scorecard import FORMATS, scorecard, write_scorecard
    from geomap.io.tables import read_claims

    if not out.lower().endswith(FORMATS):
        raise click.BadParameter(f"{out}: use a .csv, .json or .html file",
                                 param_hint="--output")
    frame = read_reference_option(reference, options)
    view = analyse(read_claims(claims), reference=frame)
    name = frame.attrs.get("name", "reference")
    path = write_scorecard(view.scorecard, out, title=f"Claims against {name}",
                           sides=scorecard(view.claims, view.verdicts, by="side"))
    if verdicts_out:
        view.verdicts.assign(snapshot=view.verdicts["snapshot"].dt.strftime("%Y-%m-%d")) \
            .to_csv(verdicts_out, index=False)
    if not ctx.obj.get("quiet"):
        judged = int(view.scorecard["claims"].sum()) if len(view.scorecard) else 0
        click.echo(f"wrote {path} ({len(view.scorecard)} claimants, {judged} claims judged "
                   f"against {name})")


@cli.command()
@click.argument("store", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False),
              help="Output file: .gpkg, .parquet, .geojson, .csv or .kml.")
@one_line_errors
def export(store, out) -> None:
    """Export the claims of STORE (a `geomap build` GeoPackage) with every provenance column."""
    from geomap.io.export import export_store

    path = export_store(store, out)
    click.echo(f"wrote {path}")


@cli.command()
@click.option("--out", "out_dir", default="out", show_default=True,
              type=click.Path(file_okay=False), help="Folder for demo.html and demo.gpkg.")
@one_line_errors
def demo(out_dir) -> None:
    """Run the whole pipeline on the example reports bundled with geomap."""
    from geomap.demo import main as run_demo

    code = run_demo(out_dir)
    if code:
        fail("the demo did not complete", code)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="geomap")
