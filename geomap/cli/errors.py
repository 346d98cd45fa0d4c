"""One rule for every ``geomap`` subcommand's errors: one line on stderr, then an exit code.

* exit **2**, bad input: a geomap or gazetteer error that is a ``ValueError``,
  ``TypeError`` or ``LookupError`` (an unknown format, a malformed file, a store that
  is not a geomap store), like click's own usage errors;
* exit **1**, a failure: an ``OSError`` (a missing model or asset, a store in use, a
  full disk), or a run that read nothing.

Unexpected exceptions (bugs) are one line too, exit 1, naming the exception type;
``geomap --debug`` shows their traceback (and per-article tracebacks in the log).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import NoReturn, TypeVar

import click

from gazetteer.exc import GazetteerError
from geomap.exc import GeomapError

F = TypeVar("F", bound=Callable[..., object])
BAD_INPUT = 2
FAILURE = 1


def fail(message: str, code: int = FAILURE) -> NoReturn:
    """Print ``geomap: error: <message>`` (one line) and exit with *code*."""
    one_line = " ".join(str(message).split())
    click.echo(f"geomap: error: {one_line}", err=True)
    sys.exit(code)


def exit_code(error: BaseException) -> int:
    """2 for bad input, 1 for failures (see the module docstring)."""
    if isinstance(error, OSError):
        return FAILURE
    if isinstance(error, ValueError | TypeError | LookupError):
        return BAD_INPUT
    return FAILURE


DEBUG = {"traceback": False}  # set by ``geomap --debug``


def one_line_errors(command: F) -> F:
    """Turn geomap's and the gazetteer's errors, and OS errors, into :func:`fail`;
    any other exception too (exit 1) unless ``--debug`` asked for its traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (GeomapError, GazetteerError, OSError) as error:
            if DEBUG["traceback"]:
                raise
            fail(str(error) or type(error).__name__, exit_code(error))
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except (Exception, RecursionError, MemoryError) as error:
            if DEBUG["traceback"]:
                raise
            fail(f"internal error: {type(error).__name__}: {error} (run geomap --debug ... "
                 "for the traceback)", FAILURE)

    return wrapper  # type: ignore[return-value]
