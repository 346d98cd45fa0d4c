"""``geomap export``: the store's claims in the format a GIS or a spreadsheet wants.

The output's extension picks the format; every claim column (provenance
included: doc_id, source, url, sentence, offsets, reasons) is kept.

* ``.gpkg``: a copy of every layer and table of the store;
* ``.parquet``: GeoParquet of the claims;
* ``.geojson``: the claims (RFC 7946, EPSG:4326);
* ``.csv``: the claims with ``X`` (longitude) and ``Y`` (latitude) columns;
* ``.kml``: the claims as placemarks named by place, described by their
  sentence, with every column as extended data (Google Earth).
"""

from __future__ import annotations

import os
from pathlib import Path

from gazetteer.files import atomic_target
from geomap.exc import OutputError
from geomap.io.store import read_store, write_store
from geomap.io.tables import check_output_format
from geomap.schema import CLAIM_COLUMNS, for_storage, validate_claims

EXPORT_FORMATS = (".gpkg", ".parquet", ".geojson", ".csv", ".kml")


def export_store(store_path: str | os.PathLike[str], out: str | os.PathLike[str]) -> Path:
    """Write the claims of the store at *store_path* to *out*, atomically; returns *out*."""
    import pyogrio

    out = check_output_format(out, EXPORT_FORMATS, what="export")
    suffix = out.suffix.lower()
    if not Path(store_path).exists():
        raise OutputError(f"{store_path}: no such store (run `geomap build` first)")
    store = read_store(store_path)
    if suffix == ".gpkg":
        return write_store(store, out)
    claims = for_storage(validate_claims(store.claims, required=CLAIM_COLUMNS))
    with atomic_target(out) as tmp:
        if suffix == ".parquet":
            claims.to_parquet(tmp, index=False)
        elif suffix == ".geojson":
            pyogrio.write_dataframe(claims, tmp, driver="GeoJSON", layer="claims")
        elif suffix == ".csv":
            pyogrio.write_dataframe(claims, tmp, driver="CSV", layer="claims",
                                    layer_options={"GEOMETRY": "AS_XY"})
        else:
            pyogrio.write_dataframe(claims, tmp, driver="KML", layer="claims",
                                    dataset_options={"NameField": "place_label",
                                                     "DescriptionField": "sentence"})
    return out
