"""How the reference layer is sent to the browser (payload.reference_spec)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from geomap.render.payload import VARINT_ALPHABET, reference_spec, varint_text


def decode(text: str) -> list[int]:
    """The decoder of geomap.js's ``decodeVarints``, written from its description."""
    out, value, shift = [], 0, 0
    for char in text:
        code = VARINT_ALPHABET.index(char)
        value |= (code & 31) << shift
        shift += 5
        if not code & 32:
            out.append(-(value + 1) // 2 if value % 2 else value // 2)
            value, shift = 0, 0
    return out


def test_varint_text():
    # 15 -> 30 and -16 -> 31 fit one character; 16 -> 32 takes two
    assert varint_text(np.array([0, -1, 1, -2, 15, -16, 16])) == "ABCDefgB"
    assert varint_text(np.array([], dtype=int)) == ""
    rng = np.random.default_rng(1)
    values = np.concatenate([np.arange(-600, 600), rng.integers(-2_000_000, 2_000_000, 500),
                             [2**31, -2**31, 2**40]])
    text = varint_text(values)
    assert decode(text) == values.tolist()
    assert set(text) <= set(VARINT_ALPHABET)


def test_each_distinct_geometry_sent_once():
    import geopandas as gpd

    box, other = shapely.box(35.0, 51.0, 35.5, 51.3), shapely.box(37.0, 47.5, 38.5, 48.4)
    days = pd.to_datetime(["2024-08-15", "2024-08-16", "2024-08-17"])
    frame = gpd.GeoDataFrame({"status": ["UA", "UA", "RU", "UA"],
                              "valid_from": [days[0], days[1], days[1], days[2]]},
                             geometry=[box, shapely.box(35.0, 51.0, 35.5, 51.3), other,
                                       box.buffer(-0.1)], crs="EPSG:4326")
    frame.attrs["days"] = list(days)
    spec = reference_spec(frame, pd.Timestamp("2024-08-15"))
    assert len(spec["geometries"]) == 3  # the box on two days is sent once
    assert spec["spans"][0][:3] == [0, 2, "UA"]  # and shown as one span
    ring = decode(spec["geometries"][0][0][0])
    xy = np.cumsum(np.array(ring).reshape(-1, 2), axis=0) / spec["scale"]
    assert shapely.equals_exact(shapely.Polygon(xy), box.normalize(), 1e-9) or \
        shapely.Polygon(xy).equals(box)
