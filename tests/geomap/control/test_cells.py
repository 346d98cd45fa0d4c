"""Territory cells: the neighbours left out of the Voronoi cannot change a claimed cell."""

from __future__ import annotations

import numpy as np
import shapely

from gazetteer.area import settlements_in
from geomap.control.areas import _disks, _voronoi, _with_neighbours


def test_neighbours_left_out_change_no_cell(gaz):
    """Claimed sites: every 40th settlement of a wide box around Sudzha, plus a point no
    settlement is near. Their cells cut to 8 km disks are the same among the settlements
    kept as among all of them (a radius of 1000 km keeps all)."""
    found = settlements_in(gaz, 34.0, 50.5, 36.5, 52.0)
    lon = np.r_[found["lon"].to_numpy()[::40], 35.123]
    lat = np.r_[found["lat"].to_numpy()[::40], 51.456]
    every_lon, every_lat, plane = _with_neighbours(gaz, lon, lat, 1000.0)
    kept_lon, kept_lat, same_plane = _with_neighbours(gaz, lon, lat, 8.0)
    assert plane == same_plane
    assert len(lon) < len(kept_lon) < len(every_lon)
    disks = _disks(lon, lat, 8.0)
    among_all = shapely.intersection(_voronoi(every_lon, every_lat, plane, len(lon)), disks)
    among_kept = shapely.intersection(_voronoi(kept_lon, kept_lat, plane, len(lon)), disks)
    assert shapely.equals(among_all, among_kept).all()
    assert (shapely.area(among_kept) > 0).all()


def test_cells_never_prepare_the_gazetteers_polygons(seed_claims, gaz):
    """The cells are made on the map build's second thread while the first reads the
    gazetteer's region polygons; GEOS's prepared geometries are not thread-safe, so the
    cells clip to prepared copies and leave the gazetteer's own polygons unprepared."""
    from geomap.control import analyse
    from geomap.control.areas import settlement_cells

    regions = {code for code in seed_claims["admin1"].dropna() if gaz.admin1_code(code)}
    assert "RU-KRS" in regions
    cells = settlement_cells(analyse(seed_claims, gaz).timeline, gaz)
    assert set(cells["admin1"].dropna()) & regions
    assert not shapely.is_prepared([gaz.admin1_polygon(code) for code in regions]).any()


def test_within_finds_what_geos_dwithin_finds(gaz):
    """The settlements within 0.5 km of a claimed site (dropped as the same place) are
    those GEOS's ``dwithin`` finds: real settlements around Sudzha, sites among them and
    beside them (at, just inside and just outside the distance)."""
    from geomap.control.areas import _within

    found = settlements_in(gaz, 34.0, 50.5, 36.5, 52.0)
    ox, oy = found["lon"].to_numpy(), found["lat"].to_numpy()
    distance = 0.5 / 111.32
    x = np.r_[ox[::25], ox[1::50] + distance * 0.999, ox[2::50] + distance * 1.001]
    y = np.r_[oy[::25], oy[1::50], oy[2::50]]
    tree = shapely.STRtree(shapely.points(x, y))
    same, _ = tree.query(shapely.points(ox, oy), predicate="dwithin", distance=distance)
    expected = np.zeros(len(ox), dtype=bool)
    expected[same] = True
    assert 0 < expected.sum() < len(ox)
    assert (_within(x, y, ox, oy, distance) == expected).all()
    assert not _within(x[:0], y[:0], ox, oy, distance).any()
