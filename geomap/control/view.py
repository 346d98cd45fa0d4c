"""The control stage's output: everything claims say about control, computed once.

:func:`analyse` validates a claims table and derives, in one pass, what a map or a
notebook needs: each claim's status (:func:`~geomap.control.timeline.claim_statuses`),
the control timeline, the disagreements between sides, the region annotations, the
claimed-control cells (:mod:`geomap.control.areas`) and, with a reference layer, each
claim's agreement with it (:mod:`geomap.control.reference`). The statuses are computed
once and handed to the functions that need them. The rules are stated in those modules.

The result is a :class:`ControlView`; :func:`geomap.render.build_map` and
:func:`geomap.explore` take it as ``control=`` so a notebook that analysed the claims
does not analyse them again to draw them.
"""

from __future__ import annotations

import dataclasses
import os
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from geomap.control.areas import cell_sites, cells_of_sites, settlement_cells
from geomap.control.reference import ReferenceOptions, read_reference
from geomap.control.scorecard import scorecard
from geomap.control.timeline import (
    claim_statuses,
    control_timeline,
    disagreements,
    enters_timeline,
    region_annotations,
)
from geomap.control.verdicts import verdicts as judge
from geomap.schema import REQUIRED_CLAIM_COLUMNS, require_columns, validate_claims
from geomap.settings import CELL_RADIUS_KM

if TYPE_CHECKING:
    from collections.abc import Sequence

    from gazetteer import Gazetteer

#: Columns the control stage reads: those every stage needs, and the place, claimant
#: and count columns of the timeline and the region annotations.
CONTROL_COLUMNS = (*REQUIRED_CLAIM_COLUMNS, "claimant", "place_id", "place_label",
                   "place_kind", "admin1", "count", "sentence")

Reference = gpd.GeoDataFrame | str | os.PathLike[str]


@dataclass(frozen=True, eq=False)
class ControlView:
    """What the control stage computed from one claims table (see :func:`analyse`).

    Attributes
    ----------
    claims
        The validated claims the view was computed from (schema dtypes; the index and
        the row order of the table given to :func:`analyse`).
    statuses
        :func:`~geomap.control.claim_statuses`: the status each claim asserts, or None.
    timeline
        :func:`~geomap.control.control_timeline`: intervals per settlement and side.
    disagreements
        :func:`~geomap.control.disagreements` of the timeline.
    regions
        :func:`~geomap.control.region_annotations`: aggregate claims by region.
    cells
        :func:`~geomap.control.areas.settlement_cells`: one polygon per side and
        settlement of the timeline (a property: when :func:`analyse` computed them on an
        executor, the first read waits for them).
    reference
        The reference layer (:func:`~geomap.control.reference.read_reference`), or None.
    agreement
        The verdict per claim (``agrees``, ``disagrees``, ``unknown``, or empty when not
        judged), or None without a reference.
    verdicts
        :func:`~geomap.control.verdicts.verdicts` per claim (snapshot, holder, distance,
        lag, popup text), or None without a reference.
    scorecard
        :func:`~geomap.control.scorecard.scorecard` of the claims by claimant, or None
        without a reference.
    radius_km
        The radius the cells were cut to.
    """

    claims: gpd.GeoDataFrame
    statuses: pd.Series
    timeline: pd.DataFrame
    disagreements: pd.DataFrame
    regions: pd.DataFrame
    _cells: gpd.GeoDataFrame | Future[gpd.GeoDataFrame] = dataclasses.field(repr=False)
    reference: gpd.GeoDataFrame | None = None
    agreement: pd.Series | None = None
    radius_km: float = CELL_RADIUS_KM
    verdicts: pd.DataFrame | None = None
    scorecard: pd.DataFrame | None = None

    @property
    def cells(self) -> gpd.GeoDataFrame:
        """The claimed-control cells (see the class docstring)."""
        cells = self._cells
        if isinstance(cells, Future):
            cells = cells.result()
            object.__setattr__(self, "_cells", cells)  # frozen: resolved once, in place
        return cells

    def __repr__(self) -> str:
        reference = "none" if self.reference is None else f"{len(self.reference)} polygons"
        return (f"ControlView({len(self.claims)} claims, {len(self.timeline)} timeline rows, "
                f"{len(self.disagreements)} disagreements, {len(self.cells)} cells, "
                f"reference: {reference})")

    def with_reference(self, reference: Reference, *, date_field: str | None = None,
                       options: ReferenceOptions | None = None) -> ControlView:
        """This view compared with another reference layer (a path, read with *options*,
        or a frame from :func:`~geomap.control.reference.read_reference`); the rest is
        kept."""
        frame = _read(reference, date_field, options)
        return dataclasses.replace(self, reference=frame,
                                   **_judgement(self.claims, frame, self.statuses))

    def subset(self, rows: Sequence[int] | np.ndarray,
               gazetteer: Gazetteer | None = None) -> ControlView:
        """The view of the claims at the positions *rows* (in order), index reset.

        When none of the claims left out enters the timeline
        (:func:`~geomap.control.timeline.enters_timeline`), the timeline, the
        disagreements and the cells are those of this view (they would come out the
        same); otherwise the claims kept are analysed afresh with this view's reference
        and radius. A map that leaves out claims published after its ``as_of`` date
        takes the second path.
        """
        rows = np.asarray(rows, dtype=int)
        left_out = np.ones(len(self.claims), dtype=bool)
        left_out[rows] = False
        claims = self.claims.iloc[rows].reset_index(drop=True)
        mask = enters_timeline(self.claims, self.statuses).to_numpy(dtype=bool)
        if (mask & left_out).any():
            return analyse(claims, gazetteer, self.reference, radius_km=self.radius_km)
        statuses = self.statuses.iloc[rows].reset_index(drop=True)
        judgement = {} if self.reference is None else \
            _judgement(claims, self.reference, statuses,
                       self.verdicts.iloc[rows].reset_index(drop=True))
        return dataclasses.replace(
            self, claims=claims, statuses=statuses,
            regions=region_annotations(claims), **judgement)


def _read(reference: Reference, date_field: str | None,
          options: ReferenceOptions | None = None) -> gpd.GeoDataFrame:
    if isinstance(reference, pd.DataFrame):
        return reference
    return read_reference(reference, options, date_field=date_field)


def _judgement(claims: gpd.GeoDataFrame, reference: gpd.GeoDataFrame | None,
               statuses: pd.Series, verdicts: pd.DataFrame | None = None) -> dict:
    """``agreement``, ``verdicts`` and ``scorecard`` of *claims* against *reference*."""
    if reference is None:
        return {"agreement": None, "verdicts": None, "scorecard": None}
    if verdicts is None:
        verdicts = judge(claims, reference, statuses=statuses)
    return {"agreement": verdicts["verdict"], "verdicts": verdicts,
            "scorecard": scorecard(claims, verdicts)}


def analyse(claims: pd.DataFrame, gazetteer: Gazetteer | None = None,
            reference: Reference | None = None, *, radius_km: float = CELL_RADIUS_KM,
            reference_date_field: str | None = None,
            reference_options: ReferenceOptions | None = None,
            validated: bool = False, executor: Executor | None = None) -> ControlView:
    """Validate *claims* and compute their :class:`ControlView` once.

    Parameters
    ----------
    claims
        A claims table (the output of :func:`geomap.extract`, or read with
        :func:`geomap.io.tables.read_claims`). Raises
        :class:`~geomap.exc.SchemaError` naming a missing column of
        :data:`CONTROL_COLUMNS` or a column of the wrong type.
    gazetteer
        Cuts the cells to admin-1 regions; default ``Gazetteer.default()``.
    reference
        Assessed control polygons: a path (read with
        :func:`~geomap.control.reference.read_reference`, whose ``date_field`` is
        *reference_date_field*, with *reference_options*) or a frame it returned.
    radius_km
        Radius of a claimed-control cell around a settlement.
    validated
        *claims* is already the output of :func:`geomap.schema.validate_claims` (as the
        map's build passes it): only the presence of :data:`CONTROL_COLUMNS` is checked,
        the table is not converted again.
    executor
        Compute the cells (GEOS work that releases the GIL: the largest part of the
        analysis) on this executor while the caller goes on; :attr:`ControlView.cells`
        waits for them when first read. Their sites are found here first
        (:func:`~geomap.control.areas.cell_sites`: short numpy calls, which on a second
        thread would each wait for the GIL), only the GEOS work is submitted
        (:func:`~geomap.control.areas.cells_of_sites`). The map's build passes one, so the
        cells are made while the claims table is written.
    """
    frame = (require_columns(claims, CONTROL_COLUMNS) if validated
             else validate_claims(claims, required=CONTROL_COLUMNS))
    statuses = claim_statuses(frame)
    timeline = control_timeline(frame, statuses=statuses)
    if executor is None:
        cells = settlement_cells(timeline, gazetteer, radius_km=radius_km)
    else:
        # the sites here (many short numpy calls), the GEOS work on the executor
        sites = cell_sites(timeline, gazetteer, radius_km=radius_km)
        cells = executor.submit(cells_of_sites, sites, gazetteer, radius_km=radius_km)
    if reference is not None:
        reference = _read(reference, reference_date_field, reference_options)
    return ControlView(
        claims=frame,
        statuses=statuses,
        timeline=timeline,
        disagreements=disagreements(timeline),
        regions=region_annotations(frame),
        _cells=cells,
        reference=reference,
        radius_km=radius_km,
        **_judgement(frame, reference, statuses),
    )
