"""Claimed control areas: polygons around settlements, per claimant side and date.

Method
------
For one claimant side, every settlement that side made a statement of control
about (see :func:`geomap.control.control_timeline`) gets a **cell**:

1. its Voronoi cell among all the settlements any side speaks of **and every
   other settlement of the gazetteer around them** (:func:`gazetteer.area.settlements_in`
   over their box plus 0.2 degrees; with the full Russian settlement list, villages
   too), computed in a plane where longitude is scaled by the cosine of the mean
   latitude: a claimed settlement's cell is its own area among its neighbours, not a
   disk, and each side's view colours the same cells by what that side claims;
   The site is the settlement's own point from the gazetteer (a claim placed "3 km
   north of" it still gives the settlement's cell). Settlements farther from every
   claimed site than twice the disk radius (step 2) are left out of the diagram: they
   cannot reach into a claimed cell's disk, so the cells are the same without them;
2. intersected with a disk of ``radius_km`` (default
   :data:`geomap.settings.CELL_RADIUS_KM`, 8 km) around the
   settlement, so one claimed village never colours a whole oblast;
3. intersected with the admin-1 polygon named by the claim (Natural Earth,
   from the gazetteer), so an area never reaches beyond the region the claim
   names, nor across a border.

The area a side claims with status ``S`` on day ``D`` is the union of the
cells whose settlement has status ``S`` for that side on ``D``
(:func:`control_areas`). The map draws the same cells, coloured per date, and
so looks dissolved without dissolving in the browser.

Limits: a cell is a drawing aid, not a front line. Its size depends on the
radius and on how many settlements a side talks about; settlements never
mentioned get no cell; a settlement claimed without an admin-1 region is
clipped to its disk only; Natural Earth admin-1 borders are generalised
(1:10m), so cells near borders follow them to within about a kilometre.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import threading
import weakref
from collections.abc import Iterator
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gazetteer.area import places_by_id, settlement_points_in
from gazetteer.geodesy import KM_PER_DEGREE
from geomap.control.timeline import status_on
from geomap.settings import CELL_RADIUS_KM

if TYPE_CHECKING:
    import datetime as dt

    from gazetteer import Gazetteer

CELL_COLUMNS = ["claimant_side", "place_id", "place_label", "admin1", "lon", "lat"]


DISK_VERTICES = 20


def _disk_axes(lat: np.ndarray, radius_km: float) -> tuple[np.ndarray, float]:
    """A disk's half-axes in degrees at each latitude: (east-west per point, north-south)."""
    dlat = radius_km / KM_PER_DEGREE
    return dlat / np.cos(np.radians(lat)), dlat


def _disks(lon: np.ndarray, lat: np.ndarray, radius_km: float,
           vertices: int = DISK_VERTICES):
    """Polygons approximating a circle of *radius_km* around each point."""
    angles = np.linspace(0.0, 2.0 * math.pi, vertices + 1)
    dlon, dlat = _disk_axes(lat, radius_km)
    xs = lon[:, None] + dlon[:, None] * np.cos(angles)[None, :]
    ys = lat[:, None] + dlat * np.sin(angles)[None, :]
    return shapely.polygons(np.stack([xs, ys], axis=-1))


def _cut_to_disks(cells: np.ndarray, lon: np.ndarray, lat: np.ndarray,
                  radius_km: float) -> np.ndarray:
    """Each cell intersected with the disk of :func:`_disks` around its point.

    A Voronoi cell is convex, and so is the disk's polygon: a cell whose every vertex lies
    inside the circle inscribed in that polygon (radius ``cos(pi / vertices)`` of the
    disk's, in the disk's own lon/lat ellipse) lies inside the disk and is its own
    intersection; only the others are cut (GEOS), which in a dense area is a few."""
    coords, owner = shapely.get_coordinates(cells, return_index=True)
    dlon, dlat = _disk_axes(lat, radius_km)
    u = (coords[:, 0] - lon[owner]) / dlon[owner]
    v = (coords[:, 1] - lat[owner]) / dlat
    inscribed = math.cos(math.pi / DISK_VERTICES) * (1.0 - 1e-9)
    outside = np.zeros(len(cells), dtype=bool)
    outside[owner[u * u + v * v > inscribed * inscribed]] = True
    outside |= shapely.is_empty(cells)
    cut = cells.copy()
    rows = np.flatnonzero(outside)
    cut[rows] = shapely.intersection(cells[rows], _disks(lon[rows], lat[rows], radius_km))
    return cut


def _multipoint(x: np.ndarray, y: np.ndarray):
    """One MultiPoint of the points (x, y), read from WKB made by numpy: the same geometry
    as ``shapely.multipoints``, without a shapely Point made per point (at 20,000 points,
    most of the time it takes)."""
    parts = np.empty(len(x), dtype=[("order", "u1"), ("kind", "<u4"), ("x", "<f8"),
                                    ("y", "<f8")])
    parts["order"], parts["kind"], parts["x"], parts["y"] = 1, 1, x, y  # little-endian Points
    head = np.array([1], dtype="u1").tobytes() + np.array([4, len(x)], dtype="<u4").tobytes()
    return shapely.from_wkb(head + parts.tobytes())


def _voronoi(lon: np.ndarray, lat: np.ndarray, scale: float | None = None,
             count: int | None = None) -> np.ndarray:
    """Voronoi cell of each of the first *count* points (default all; same order), in
    lon/lat, computed among all the points in the plane where longitude is scaled by
    *scale* (default: the cosine of the points' mean latitude)."""
    count = len(lon) if count is None else count
    if len(lon) == 1:
        return np.array([shapely.box(lon[0] - 10, lat[0] - 10, lon[0] + 10, lat[0] + 10)])
    if scale is None:
        scale = math.cos(math.radians(float(np.mean(lat))))
    points = _multipoint(lon * scale, lat)
    envelope = shapely.buffer(shapely.envelope(points), 10.0)
    diagram = shapely.voronoi_polygons(points, extend_to=envelope, ordered=True)
    cells = shapely.get_geometry(diagram, np.arange(count))  # only the cells asked for
    coords = shapely.get_coordinates(cells)
    coords[:, 0] /= scale
    return shapely.set_coordinates(cells, coords)


def _own_coordinates(gazetteer, places: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The settlement's own coordinates (the gazetteer's) for each place id: a claim
    "3 km north of Sudzha" is placed off the town, its cell is the town's. Places the
    gazetteer lacks keep the claim's point."""
    found, own_lon, own_lat, _ = places_by_id(gazetteer, places["place_id"].tolist())
    lon = np.where(found, own_lon, places["lon"].to_numpy(float))
    lat = np.where(found, own_lat, places["lat"].to_numpy(float))
    return lon, lat


NEIGHBOUR_MARGIN_DEGREES = 0.2
SAME_PLACE_KM = 0.5


def _with_neighbours(gazetteer, lon: np.ndarray, lat: np.ndarray, radius_km: float
                     ) -> tuple[np.ndarray, np.ndarray, float]:
    """The claimed sites followed by the other settlements of the gazetteer around them
    that can shape their cells, and the longitude scale of their Voronoi plane.

    The others are those of :func:`gazetteer.area.settlement_points_in` (the box of the
    sites plus a margin), except those within :data:`SAME_PLACE_KM` of a claimed site
    (the same place). The scale is the cosine of the mean latitude of all of them. Of
    these, a settlement farther from every claimed site than twice the largest disk
    radius in that plane is left out: it cannot be nearer than the site to any point of
    the site's disk (a point within rho of the site, closer to t than to the site, puts
    t within 2 rho of the site), so the cells cut to the disks are the same without it.
    """
    box = (lon.min() - NEIGHBOUR_MARGIN_DEGREES, lat.min() - NEIGHBOUR_MARGIN_DEGREES,
           lon.max() + NEIGHBOUR_MARGIN_DEGREES, lat.max() + NEIGHBOUR_MARGIN_DEGREES)
    olon, olat = settlement_points_in(gazetteer, *box)
    if not len(olon):
        return lon, lat, math.cos(math.radians(float(np.mean(lat))))
    scale = math.cos(math.radians(float(np.mean(lat))))
    keep = ~_within(lon * scale, lat, olon * scale, olat, SAME_PLACE_KM / KM_PER_DEGREE)
    olon, olat = olon[keep], olat[keep]
    # namesakes at one point (two sources, a town and its district) give one site
    _, first = np.unique(np.round(olon, 5) + 1j * np.round(olat, 5), return_index=True)
    olon, olat = olon[first], olat[first]
    plane = math.cos(math.radians(float(np.mean(np.concatenate([lat, olat])))))
    # the largest disk radius in the Voronoi plane (a disk is round on the ground: its
    # east-west half-axis there is plane / cos(lat) times its north-south one), and
    # distances in the plane of `scale` are at least min(1, plane / scale) of those in it
    rho = radius_km / KM_PER_DEGREE * max(1.0, plane / float(np.cos(np.radians(lat)).min()))
    reach = 2.0 * rho / min(1.0, plane / scale) * 1.01 + 1e-6
    relevant = _near_any(lon * scale, lat, olon * scale, olat, reach)
    return (np.concatenate([lon, olon[relevant]]), np.concatenate([lat, olat[relevant]]),
            plane)


def _within(x: np.ndarray, y: np.ndarray, ox: np.ndarray, oy: np.ndarray,
            distance: float) -> np.ndarray:
    """For each point (ox, oy): whether one of the points (x, y) is within *distance* of
    it (``sqrt(dx * dx + dy * dy) <= distance``, as GEOS's ``dwithin`` of two points).
    Points are binned in squares of side *distance*; only the points with one of (x, y)
    in the nine squares around their own are measured (no GEOS points made: at 20,000
    settlements they cost more than the search)."""
    found = np.zeros(len(ox), dtype=bool)
    if not len(x) or not len(ox):
        return found
    wide = np.int64(1 << 31)

    def squares(px: np.ndarray, py: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.floor(px / distance).astype(np.int64), np.floor(py / distance).astype(
            np.int64)

    sx, sy = squares(x, y)
    keys = sx * wide + sy
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    qx, qy = squares(ox, oy)
    offsets = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    near_some = np.isin(qx * wide + qy, np.concatenate(
        [(sx + dx) * wide + (sy + dy) for dx, dy in offsets]))
    candidates = np.flatnonzero(near_some)
    qx, qy = qx[candidates], qy[candidates]
    for dx, dy in offsets:
        wanted = (qx + dx) * wide + (qy + dy)
        low = np.searchsorted(keys, wanted, side="left")
        count = np.searchsorted(keys, wanted, side="right") - low
        for k in range(int(count.max(initial=0))):  # the points sharing a square
            at = np.flatnonzero(count > k)
            near, point = order[low[at] + k], candidates[at]
            ddx, ddy = x[near] - ox[point], y[near] - oy[point]
            found[point[np.sqrt(ddx * ddx + ddy * ddy) <= distance]] = True
    return found


def _near_any(x: np.ndarray, y: np.ndarray, ox: np.ndarray, oy: np.ndarray,
              reach: float) -> np.ndarray:
    """For each point (ox, oy): whether a grid square of side *reach* next to or at its
    own holds one of the points (x, y). Every point within *reach* of one of them is
    kept (and a few a little farther: keeping more is harmless)."""
    def square(px: np.ndarray, py: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.floor(px / reach).astype(np.int64), np.floor(py / reach).astype(np.int64)

    sx, sy = square(x, y)
    wide = np.int64(1 << 31)
    taken = np.unique(np.concatenate([(sx + dx) * wide + (sy + dy)
                                      for dx in (-1, 0, 1) for dy in (-1, 0, 1)]))
    qx, qy = square(ox, oy)
    return np.isin(qx * wide + qy, taken)


def _clip_to_regions(shapes: np.ndarray, groups: list[tuple[str, np.ndarray]], gazetteer,
                     regions: dict) -> None:
    """Cut each of *shapes* to its admin-1 region, in place: *groups* gives, per region
    code, the rows of *shapes* in it (:func:`_region_groups`); a row in no group, or in
    one of an unknown region, keeps its shape."""
    for code, rows in groups:
        clip = _region(gazetteer, code, regions)
        if clip is None:
            continue
        inside = shapely.contains(clip, shapes[rows])  # most cells need no cutting
        cut = rows[~inside]
        shapes[cut] = shapely.intersection(shapes[cut], clip)


def _region_groups(places: pd.DataFrame) -> list[tuple[str, np.ndarray]]:
    """The rows of *places* per ``admin1`` code (text, not empty), codes in order of
    first appearance."""
    codes = places["admin1"].to_numpy(dtype=object, na_value=None)
    known = np.flatnonzero([isinstance(code, str) and bool(code) for code in codes])
    numbers, names = pd.factorize(codes[known])
    order = np.argsort(numbers, kind="stable")
    bounds = np.searchsorted(numbers[order], np.arange(len(names) + 1))
    return [(str(name), known[order[bounds[k]:bounds[k + 1]]])
            for k, name in enumerate(names.tolist())]


#: Per gazetteer: admin-1 code -> a prepared copy of its polygon (None: no such region),
#: kept between maps; used by one thread at a time (:func:`_prepared_regions`).
_PREPARED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_PREPARED_LOCK = threading.Lock()


@contextlib.contextmanager
def _prepared_regions(gazetteer) -> Iterator[dict]:
    """The cache of prepared region copies for *gazetteer* (:func:`_region`), or a fresh
    one while another thread holds the shared one.

    GEOS's prepared geometries are not thread-safe (libgeos/geos#825): one used by two
    threads at once may crash the process. :func:`settlement_cells` runs on the map
    build's second thread while the first reads the gazetteer's polygons (the basemap's
    ``intersects``), so it clips to copies of them, never to the gazetteer's own (never
    prepared here), and the kept copies serve one thread at a time."""
    if not _PREPARED_LOCK.acquire(blocking=False):
        yield {}
        return
    try:
        yield _PREPARED.setdefault(gazetteer, {})
    finally:
        _PREPARED_LOCK.release()


def _region(gazetteer, admin1: object, cache: dict):
    """The admin-1 polygon of *admin1*, prepared, or None (no such region): a copy of the
    gazetteer's (:func:`_prepared_regions`), made once per *cache*."""
    if not isinstance(admin1, str) or not admin1:
        return None
    if admin1 not in cache:
        try:
            shared = gazetteer.admin1_polygon(admin1)
        except Exception:  # unknown region: clip to the disk only
            cache[admin1] = None
        else:
            cache[admin1] = own = shapely.from_wkb(shapely.to_wkb(shared))
            shapely.prepare(own)
    return cache[admin1]


def _first_rows(rows: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The first of *rows* (those with coordinates) for each value of *columns*, in order,
    re-indexed from 0: ``dropna(subset=["lon", "lat"]).drop_duplicates(columns)`` on
    integer codes (pandas' own is slow on Arrow-backed text columns)."""
    located = np.flatnonzero(rows["lon"].notna().to_numpy() & rows["lat"].notna().to_numpy())
    keys = np.zeros(len(located), dtype=np.int64)
    for column in columns:
        codes = pd.factorize(rows[column].to_numpy(dtype=object)[located])[0] + 1
        keys = keys * (int(codes.max(initial=0)) + 1) + codes
    _, first = np.unique(keys, return_index=True)
    return rows.iloc[located[np.sort(first)]].reset_index(drop=True)


@dataclasses.dataclass(frozen=True)
class CellSites:
    """What the territory cells are made of (:func:`cell_sites`): the rows to give cells,
    the places they are of and the Voronoi diagram's sites; :func:`cells_of_sites` makes
    the cells from it."""

    places: pd.DataFrame  # one row per claimant side and place (CELL_COLUMNS), 0..n-1
    lon: np.ndarray  # each place's own point (places by first appearance in places)
    lat: np.ndarray
    inverse: np.ndarray  # each place's distinct point (a Voronoi site)
    sites_lon: np.ndarray  # the distinct points, then their gazetteer neighbours
    sites_lat: np.ndarray
    first_lon: np.ndarray  # the distinct points alone (the fallback diagram's sites)
    first_lat: np.ndarray
    plane: float  # the diagram's longitude scale
    groups: list[tuple[str, np.ndarray]]  # the places per admin-1 region
    place_rows: np.ndarray  # each row of places: its place


def cell_sites(timeline: pd.DataFrame, gazetteer: Gazetteer | None = None, *,
               radius_km: float = CELL_RADIUS_KM) -> CellSites | pd.DataFrame:
    """The sites and rows of :func:`settlement_cells` (its rows alone, an empty frame,
    when there are no cells to make): numpy and pandas work of many short calls.
    :func:`geomap.control.analyse` does it on its own thread and leaves only
    :func:`cells_of_sites` (GEOS, few long calls that release the GIL) to its executor: a
    second thread making many short calls waits for the GIL at each while the first runs
    Python (several times its own time)."""
    if gazetteer is None:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    places = _first_rows(timeline[CELL_COLUMNS], ["claimant_side", "place_id"])
    if places.empty:
        return places
    # one cell per place, whoever speaks of it: the sides' maps share their cells
    unique = _first_rows(places, ["place_id"])
    lon, lat = _own_coordinates(gazetteer, unique)
    # several place ids at one point share a cell: Voronoi needs distinct sites
    keys = np.round(lon, 6) + 1j * np.round(lat, 6)
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    sites_lon, sites_lat, plane = _with_neighbours(gazetteer, lon[first], lat[first],
                                                   radius_km)
    # places are in order of first appearance of their id, as `unique` is
    place_rows = pd.factorize(places["place_id"].to_numpy(dtype=object, na_value=None),
                              use_na_sentinel=False)[0]
    return CellSites(places=places, lon=lon, lat=lat, inverse=inverse,
                     sites_lon=sites_lon, sites_lat=sites_lat, first_lon=lon[first],
                     first_lat=lat[first], plane=plane, groups=_region_groups(unique),
                     place_rows=place_rows)


def cells_of_sites(sites: CellSites | pd.DataFrame, gazetteer: Gazetteer | None = None, *,
                   radius_km: float = CELL_RADIUS_KM) -> gpd.GeoDataFrame:
    """The cells of :func:`settlement_cells` from its :func:`cell_sites`."""
    if isinstance(sites, pd.DataFrame):  # no rows: no cells
        return gpd.GeoDataFrame(sites, geometry=gpd.GeoSeries([], crs="EPSG:4326"))
    if gazetteer is None:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    count = len(sites.first_lon)
    try:
        shapes = _voronoi(sites.sites_lon, sites.sites_lat, sites.plane, count)[sites.inverse]
    except shapely.errors.GEOSException:  # sites GEOS cannot separate: claimed ones only
        shapes = _voronoi(sites.first_lon, sites.first_lat)[sites.inverse]
    shapes = _cut_to_disks(shapes, sites.lon, sites.lat, radius_km)
    with _prepared_regions(gazetteer) as regions:
        _clip_to_regions(shapes, sites.groups, gazetteer, regions)
    geometries = shapes[sites.place_rows]
    keep = ~shapely.is_empty(geometries)
    places = sites.places if keep.all() else sites.places[keep].reset_index(drop=True)
    return gpd.GeoDataFrame(places, geometry=gpd.GeoSeries(geometries[keep], index=places.index,
                                                           crs="EPSG:4326"))


def settlement_cells(timeline: pd.DataFrame, gazetteer: Gazetteer | None = None, *,
                     radius_km: float = CELL_RADIUS_KM) -> gpd.GeoDataFrame:
    """One cell per claimant side and settlement in *timeline* (see the module docstring):
    :func:`cells_of_sites` of :func:`cell_sites`."""
    if gazetteer is None:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    return cells_of_sites(cell_sites(timeline, gazetteer, radius_km=radius_km), gazetteer,
                          radius_km=radius_km)


def control_areas(timeline: pd.DataFrame, date: str | dt.date | pd.Timestamp,
                  gazetteer: Gazetteer | None = None, *,
                  radius_km: float = CELL_RADIUS_KM,
                  cells: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """Areas each side claims on *date*, dissolved per claimant side and status.

    Columns: ``claimant_side``, ``status``, ``settlements`` (how many cells),
    ``date`` and the (Multi)Polygon ``geometry`` in EPSG:4326.
    """
    if cells is None:
        cells = settlement_cells(timeline, gazetteer, radius_km=radius_km)
    live = status_on(timeline, date, per_side=True)[["claimant_side", "place_id", "status"]]
    joined = cells.merge(live, on=["claimant_side", "place_id"])
    columns = ["claimant_side", "status", "settlements", "date", "geometry"]
    if joined.empty:
        return gpd.GeoDataFrame(columns=columns, geometry="geometry", crs="EPSG:4326")
    dissolved = joined.dissolve(by=["claimant_side", "status"], aggfunc={"place_id": "count"})
    dissolved = dissolved.rename(columns={"place_id": "settlements"}).reset_index()
    dissolved["date"] = pd.Timestamp(date).date().isoformat()
    return dissolved[columns]
