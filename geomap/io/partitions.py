"""Claims and mentions as GeoParquet partitioned by publication month (Hive layout).

``ROOT/claims/month=2025-03/part-00001.parquet`` and the same under
``ROOT/mentions``; reports without a date go to ``month=unknown``. Rows are
flushed every ``flush_rows`` so a client collecting cluster results holds
little in memory; :meth:`MonthPartitions.read` reads the dataset back.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pandas as pd

from geomap.schema import TABLES, conform, for_storage, to_geodataframe


class MonthPartitions:
    """A writer (and reader) of one month-partitioned GeoParquet dataset."""

    def __init__(self, root: str | Path, *, flush_rows: int = 20_000):
        self.root = Path(root)
        self.flush_rows = flush_rows
        self._buffer: dict[tuple[str, str], list[dict]] = defaultdict(list)
        self._buffered = 0
        self._parts = 0

    def add(self, month: str | None, claims: list[dict], mentions: list[dict]) -> None:
        """Buffer one article's rows under its publication *month* (``YYYY-MM``)."""
        key = month or "unknown"
        self._buffer[("claims", key)].extend(claims)
        self._buffer[("mentions", key)].extend(mentions)
        self._buffered += len(claims) + len(mentions)
        if self._buffered >= self.flush_rows:
            self.flush()

    def flush(self) -> None:
        """Write the buffered rows as one new part file per table and month."""
        for (table, month), rows in self._buffer.items():
            if not rows:
                continue
            folder = self.root / table / f"month={month}"
            folder.mkdir(parents=True, exist_ok=True)
            self._parts += 1
            frame = for_storage(to_geodataframe(rows, TABLES[table][0]))
            text = [c for c in frame.columns if c != "geometry" and frame[c].dtype == object]
            frame[text] = frame[text].astype("string")  # one schema for every part
            frame.to_parquet(folder / f"part-{self._parts:05d}.parquet", index=False)
        self._buffer.clear()
        self._buffered = 0

    def read(self, table: str):
        """The whole *table* (``claims`` or ``mentions``), parts in write order."""
        import geopandas as gpd

        self.flush()
        files = sorted((self.root / table).glob("month=*/part-*.parquet"),
                       key=lambda path: path.name)
        if not files:
            return to_geodataframe([], TABLES[table][0])
        frames = [gpd.read_parquet(path) for path in files]
        return conform(gpd.GeoDataFrame(pd.concat(frames, ignore_index=True),
                                         geometry="geometry", crs="EPSG:4326"), table)
