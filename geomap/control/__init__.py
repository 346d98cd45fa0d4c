"""The control stage: claims -> claimed control over time, disagreements, areas, verdicts.

:func:`analyse` computes everything a map or a notebook needs once and returns a
:class:`ControlView` (:mod:`geomap.control.view`); the functions of
:mod:`geomap.control.timeline` are also available here for analysis in pandas, each
usable on its own. The rules are stated in the modules that apply them:
:mod:`~geomap.control.timeline` (status of a claim, intervals, disagreements),
:mod:`~geomap.control.areas` (cells around settlements) and
:mod:`~geomap.control.reference` (reading an assessed-control layer),
:mod:`~geomap.control.verdicts` (each claim judged against it) and
:mod:`~geomap.control.scorecard` (per claimant: share agreeing, lead or lag).
"""

from geomap.control.reference import ReferenceOptions, read_reference
from geomap.control.scorecard import scorecard
from geomap.control.timeline import (
    claim_statuses,
    claimed_counts,
    control_timeline,
    disagreements,
    enters_timeline,
    region_annotations,
    status_on,
)
from geomap.control.verdicts import verdicts as claim_verdicts
from geomap.control.view import ControlView, analyse

__all__ = [
    "ControlView",
    "ReferenceOptions",
    "analyse",
    "claim_statuses",
    "claim_verdicts",
    "claimed_counts",
    "control_timeline",
    "disagreements",
    "enters_timeline",
    "read_reference",
    "region_annotations",
    "scorecard",
    "status_on",
]
