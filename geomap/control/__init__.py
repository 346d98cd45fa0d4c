"""The control stage: claims -> claimed control over time, disagreements, areas, verdicts.

:func:`analyse` computes everything a map or a notebook needs once and returns a
:class:`ControlView` (:mod:`geomap.control.view`); the functions of
:mod:`geomap.control.timeline` are also available here for analysis in pandas, each
usable on its own. The rules are stated in the modules that apply them:
:mod:`~geomap.control.timeline` (status of a claim, intervals, disagreements),
:mod:`~geomap.control.areas` (cells around settlements) and
:mod:`~geomap.control.reference` (agreement with an assessed-control layer).
"""

from geomap.control.timeline import (
    claim_statuses,
    claimed_counts,
    control_timeline,
    disagreements,
    enters_timeline,
    region_annotations,
    status_on,
)
from geomap.control.view import ControlView, analyse

__all__ = [
    "ControlView",
    "analyse",
    "claim_statuses",
    "claimed_counts",
    "control_timeline",
    "disagreements",
    "enters_timeline",
    "region_annotations",
    "status_on",
]
