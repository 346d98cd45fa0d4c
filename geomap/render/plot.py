"""Plots for notebooks, in the map's colours: ``geomap.plot(view)``.

:func:`claimed_settlements` draws, per claimant side, how many settlements that side says
are held by Russia, held by Ukraine or contested on each day (each side's own latest word,
:func:`geomap.control.claimed_counts`). Colour = who is said to hold the places (the map's
cell colours: Russia red, Ukraine blue, contested yellow); line style = who says so
(solid Russian claims, dashed Ukrainian, dotted independent analysts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from geomap.control import ControlView, claimed_counts
from geomap.render.payload import CELL_COLORS, SIDE_LABELS

if TYPE_CHECKING:
    from matplotlib.axes import Axes

LINES = {"RU": "-", "UA": "--", "INDEPENDENT": ":", "UNKNOWN": "-."}
STATUS_WORDS = {"RU": "held by Russia", "UA": "held by Ukraine", "contested": "contested"}


def claimed_settlements(control: ControlView | pd.DataFrame, ax: Axes | None = None, *,
                        title: str | None = "Settlements each side claims, by who holds them"
                        ) -> Axes:
    """Step plot of claimed settlements per side and status (module docstring).

    *control*: a :class:`~geomap.control.ControlView` or its ``timeline``. Returns the
    matplotlib axes (a new figure when *ax* is None).
    """
    import matplotlib.pyplot as plt

    timeline = control.timeline if isinstance(control, ControlView) else control
    counts = claimed_counts(timeline)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.5))
    for (side, status), series in counts.items():
        ax.step(series.index, series.to_numpy(), where="post",
                color=CELL_COLORS.get(status, "#666666"), linestyle=LINES.get(side, "-"),
                label=f"{SIDE_LABELS.get(side, side)}: {STATUS_WORDS.get(status, status)}")
    ax.set_ylabel("settlements")
    if len(counts.columns):
        ax.legend(loc="upper left", fontsize=8)
    if title:
        ax.set_title(title)
    return ax
