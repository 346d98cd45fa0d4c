"""The fast GeoJSON polygon reader (geomap.io.geojson) against GDAL on files written here."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely

from geomap.io.geojson import read_polygon_collection, read_polygon_collections

SQUARE = [[[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0], [0.0, 0.0]],
          [[1.0, 1.0], [2.0, 1.0], [2.0, 2.0], [1.0, 1.0]]]
TRIANGLE = [[[10.5, 10.25], [11.0, 10.0], [11.0, 11.0], [10.5, 10.25]]]


def collection(*features: dict, **extra) -> bytes:
    return json.dumps({"type": "FeatureCollection", **extra, "features": list(features)},
                      indent=1).encode()


def feature(geometry: dict | None, **properties) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def test_same_geometries_and_properties_as_gdal(tmp_path):
    rng = np.random.default_rng(5)
    ring = np.column_stack([35 + rng.random(200) * 1e-3, 51 + rng.random(200) * 1e-3])
    frame = gpd.GeoDataFrame(
        {"snapshot": ["2024-08-20", "2024-08-21", "2024-08-22", "2024-08-23"],
         "type": ["losses", "losses", "gains", "nochange"], "n": [1, 2, 3, 4]},
        geometry=[shapely.Polygon(SQUARE[0], [SQUARE[1]]).buffer(0.3),
                  shapely.Polygon(np.vstack([ring, ring[:1]])).convex_hull,
                  shapely.MultiPolygon([shapely.Polygon(SQUARE[0], [SQUARE[1]]),
                                        shapely.Polygon(TRIANGLE[0])]),
                  None], crs="EPSG:4326")
    path = tmp_path / "ref.geojson"
    frame.to_file(path, driver="GeoJSON")  # GDAL writes it
    properties, geometries = read_polygon_collection(path.read_bytes())
    gdal = pyogrio.read_dataframe(path)
    assert list(properties["type"]) == list(gdal["type"])
    assert list(properties["snapshot"].astype(str)) == ["2024-08-20", "2024-08-21",
                                                        "2024-08-22", "2024-08-23"]
    assert list(properties["n"]) == [1, 2, 3, 4]
    assert geometries[3] is None
    assert shapely.equals_exact(geometries[:3], gdal.geometry.to_numpy()[:3], 0).all()


def test_identical_coordinates_share_one_object():
    polygon = {"type": "Polygon", "coordinates": SQUARE}
    data = collection(feature(polygon, day=1), feature(polygon, day=2),
                      feature({"type": "Polygon", "coordinates": TRIANGLE}, day=3))
    _, geometries = read_polygon_collection(data)
    assert geometries[0] is geometries[1] and geometries[0] is not geometries[2]
    assert geometries[0].interiors[0].coords[1] == (2.0, 1.0)
    many = read_polygon_collections([data, data])  # shared across files too
    assert many[0][1][0] is many[1][1][0]


def test_z_values_are_kept():
    ring = [[0, 0, 5], [1e1, 0, 5], [10, -1.5e1, 5], [0, 0, 5]]
    _, geometries = read_polygon_collection(
        collection(feature({"type": "Polygon", "coordinates": [ring]})))
    assert shapely.get_coordinates(geometries[0], include_z=True)[2].tolist() == [10, -15, 5]


@pytest.mark.parametrize("data", [
    collection(feature({"type": "Point", "coordinates": [1, 2]})),
    collection(feature({"type": "Polygon", "coordinates": SQUARE}),
               crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}),
    collection(feature({"type": "Polygon", "coordinates": SQUARE}, coordinates=[1, 2])),
    collection(feature({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]})),
    collection(feature({"type": "Polygon", "coordinates": [[[0, 0], [1, 0, 3], [1, 1],
                                                            [0, 0]]]})),
    collection(feature({"type": "MultiPolygon", "coordinates": SQUARE})),
    b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
    b'"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1.2.3], [0, 0]]]}}]}',
    json.dumps(feature({"type": "Polygon", "coordinates": SQUARE})).encode(),
], ids=["point", "projected", "coordinates-property", "short-ring", "mixed-dims",
        "wrong-depth", "bad-number", "single-feature"])
def test_declines_what_it_does_not_handle(data):
    assert read_polygon_collection(data) is None


def test_one_bad_file_does_not_spoil_the_others():
    good = collection(feature({"type": "Polygon", "coordinates": SQUARE}))
    bad = good.replace(b"4.0", b"4..0", 1)
    out = read_polygon_collections([good, bad, good])
    assert out[1] is None and out[0] is not None and out[2] is not None


def test_declined_files_are_read_by_gdal(tmp_path):
    from geomap.control import ReferenceOptions, read_reference

    data = collection(feature({"type": "Polygon", "coordinates": SQUARE}, date="2025-01-02"),
                      feature({"type": "Point", "coordinates": [1, 2]}, date="2025-01-02"))
    path = tmp_path / "mixed.geojson"
    path.write_bytes(data)
    reference = read_reference(path, ReferenceOptions(holds="UA"))
    assert len(reference) == 1 and reference.geometry.iloc[0].area == 16 - 0.5
