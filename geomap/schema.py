"""The one home of geomap's table schema: columns, dtypes, sides and event types.

Every stage that makes, stores or reads claims and mentions uses these names.

Tables
------
**claims** (:data:`CLAIM_COLUMNS`): one row per claim about one place. In frames
handed to users (``geomap.extract``, ``read_claims``, the store) the columns have
the dtypes of :data:`CLAIM_DTYPES`: dates are ``datetime64`` (``published``,
``date_start``, ``date_end``: midnight of the day), counts and offsets nullable
``Int64``, flags nullable ``boolean``, the rest text or floats; ``geometry`` is a
point in EPSG:4326 (or missing).

**mentions** (:data:`MENTION_COLUMNS`): one row per recognised toponym.

On disk (GeoPackage, GeoParquet, GeoJSON) dates are ISO text (``2024-08-13``) as they
always were; :func:`for_storage` writes them so and :func:`conform` restores every
dtype on the way back in, including nullable integers and booleans that GDAL hands
back as floats.

Sides
-----
``claimant_side`` and ``actor_side`` take one of :data:`SIDES`: ``RU``, ``UA``,
``INDEPENDENT`` (analysts, media, third-party governments) or ``UNKNOWN`` (not
attributable to one of those; the map labels it "other or unattributed").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from geomap.exc import SchemaError

SIDES = ("RU", "UA", "INDEPENDENT", "UNKNOWN")
BELLIGERENTS = ("RU", "UA")
#: Each belligerent's opponent.
OPPONENT = {"RU": "UA", "UA": "RU"}
#: Event types in display order (the extractor's priority order is in the lexicon).
EVENT_TYPES = ("control", "advance", "attack", "fighting", "repelled", "strike", "denial",
               "evacuation")
DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
#: ``kind`` of a claim: a current claim, or ``background`` (a past event framed as
#: history: kept in the store, off the map's current view and the disagreement logic).
CLAIM_KINDS = ("claim", "background")
#: Place precision codes: 1 a settlement; 2 near one; 3 a region; 4 a country.
PLACE_PRECISIONS = (1, 2, 3, 4)

CLAIM_COLUMNS = [
    "claim_id", "doc_id", "published", "source", "url", "claimant", "claimant_side",
    "event_type", "actor_side", "count", "place_name", "place_id", "place_kind", "admin1",
    "country", "precision", "approximate", "date_start", "date_end", "date_precision",
    "hedged", "disputes", "sentence", "char_start", "char_end", "confidence",
    "place_start", "place_end", "place_label", "uncertainty_km", "anchor_place_id",
    "place_reason", "trigger", "notes", "kind", "language", "geometry",
]
MENTION_COLUMNS = [
    "doc_id", "text", "char_start", "char_end", "role", "place_id", "place_kind", "admin1",
    "country", "approximate", "place_label", "precision", "uncertainty_km", "reason",
    "geometry",
]

DATE = "datetime64[ns]"
INT = "Int64"
BOOL = "boolean"
FLOAT = "float64"
#: Non-text columns and their dtype; every other column but ``geometry`` is text.
CLAIM_DTYPES: dict[str, str] = {
    "published": DATE, "date_start": DATE, "date_end": DATE,
    "count": INT, "precision": INT, "char_start": INT, "char_end": INT,
    "place_start": INT, "place_end": INT,
    "approximate": BOOL, "hedged": BOOL,
    "confidence": FLOAT, "uncertainty_km": FLOAT,
}
MENTION_DTYPES: dict[str, str] = {
    "char_start": INT, "char_end": INT, "precision": INT, "approximate": BOOL,
    "uncertainty_km": FLOAT,
}
TABLES: dict[str, tuple[list[str], dict[str, str]]] = {
    "claims": (CLAIM_COLUMNS, CLAIM_DTYPES),
    "mentions": (MENTION_COLUMNS, MENTION_DTYPES),
}
#: What every stage after extraction needs of a claims table.
REQUIRED_CLAIM_COLUMNS = ("claim_id", "claimant_side", "event_type", "date_start", "geometry")


def to_geodataframe(rows: Sequence[Mapping[str, object]], columns: list[str]):
    """A GeoDataFrame in EPSG:4326 with *columns* from row dicts (geometry as (lon, lat)).

    Columns get the dtypes of their table (:data:`TABLES`), found from *columns*.
    """
    import geopandas
    import shapely

    frame = pd.DataFrame(list(rows), columns=columns)
    points = [shapely.Point(xy) if xy is not None else None for xy in frame["geometry"]]
    frame = frame.drop(columns=["geometry"])
    table = "claims" if columns is CLAIM_COLUMNS or "claim_id" in columns else "mentions"
    frame = _with_dtypes(frame, TABLES[table][1], table)
    return geopandas.GeoDataFrame(frame, geometry=geopandas.GeoSeries(points, crs="EPSG:4326"))


def _as_dates(values: pd.Series, column: str, table: str) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        out = values.dt.tz_localize(None) if getattr(values.dt, "tz", None) else values
        return out.astype(DATE)
    # each distinct value once: dates repeat (a few hundred days over many claims)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    cut = [None if v == "" else str(v)[:10] for v in uniques.tolist()]
    parsed = pd.to_datetime(pd.Series(cut, dtype=object), errors="coerce", format="%Y-%m-%d")
    bad = np.flatnonzero(parsed.isna().to_numpy() & np.array([v is not None for v in cut],
                                                              dtype=bool))
    if len(bad):
        raise SchemaError(f"{table} column {column!r} holds {uniques[bad[0]]!r}, not a date "
                          "(YYYY-MM-DD)")
    days = np.append(parsed.to_numpy(dtype="datetime64[ns]"), np.datetime64("NaT", "ns"))
    return pd.Series(days[codes], index=values.index).astype(DATE)


def _with_dtypes(frame: pd.DataFrame, dtypes: Mapping[str, str], table: str) -> pd.DataFrame:
    for column, dtype in dtypes.items():
        if column in frame:
            frame[column] = _typed(frame[column], column, dtype, table)
    return frame


def _typed(values: pd.Series, column: str, dtype: str, table: str) -> pd.Series:
    """*values* (column *column* of *table*) as *dtype*; raises :class:`SchemaError`."""
    try:
        if dtype == DATE:
            return _as_dates(values, column, table)
        if dtype == INT and pd.api.types.is_integer_dtype(values):
            return values.astype(INT)
        if dtype == INT:
            return pd.to_numeric(values.astype(object).where(values.notna(), None),
                                 errors="raise").astype(INT)
        if dtype == BOOL and pd.api.types.is_bool_dtype(values) and not values.isna().any():
            return values.astype(BOOL)
        if dtype == BOOL:
            return values.astype(object).where(values.notna(), None) \
                .map(_as_bool).astype(BOOL)
        return pd.to_numeric(values, errors="raise").astype(dtype)
    except SchemaError:
        raise
    except (TypeError, ValueError) as error:
        raise SchemaError(f"{table} column {column!r} should be {dtype}: {error}") from None


def _as_bool(value: object) -> bool | None:
    if value is None:
        return None
    if isinstance(value, str):
        low = value.strip().lower()
        if low in ("true", "1", "yes"):
            return True
        if low in ("false", "0", "no", ""):
            return False if low else None
        raise ValueError(f"{value!r} is not a boolean")
    return bool(value)


def require_columns(frame: pd.DataFrame, required: Iterable[str], table: str = "claims"):
    """*frame* itself when it has every column of *required*; raises
    :class:`~geomap.exc.SchemaError` naming those it lacks."""
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise SchemaError(f"{table} lack column(s) {', '.join(missing)}; "
                          "expected the output of `geomap extract`")
    return frame


def conform(frame: pd.DataFrame, table: str = "claims", *,
            required: Iterable[str] | None = None):
    """*frame* with the dtypes of *table* restored (a copy); missing optional columns stay
    missing. Raises :class:`~geomap.exc.SchemaError` naming a column that is missing
    (of *required*, default: every column of the table) or cannot take its dtype.
    """
    import geopandas as gpd

    columns, dtypes = TABLES[table]
    require_columns(frame, columns if required is None else required, table)
    # one frame made from the columns (typed where the table says), not a copy changed
    # column by column: pandas' copy-on-write keeps *frame* and the result apart
    data = {column: (_typed(frame[column], column, dtypes[column], table)
                     if column in dtypes else frame[column])
            for column in frame.columns if column != "geometry"}
    if "geometry" in frame.columns:
        geometry = frame.geometry if isinstance(frame, gpd.GeoDataFrame) else frame["geometry"]
        crs = getattr(geometry, "crs", None) or "EPSG:4326"
        data["geometry"] = gpd.GeoSeries(geometry.to_numpy(), crs=crs, index=frame.index)
        out = gpd.GeoDataFrame(data, index=frame.index, geometry="geometry", crs=crs)
        if not out.crs.equals("EPSG:4326"):
            out = out.to_crs("EPSG:4326")
    else:
        out = pd.DataFrame(data, index=frame.index)
    out.attrs = dict(getattr(frame, "attrs", {}))
    return out


def with_columns(frame: pd.DataFrame, columns: Iterable[str], table: str = "claims"):
    """A copy of *frame* (validated) with *columns* added, empty (missing values), each
    with the dtype of *table* (:data:`TABLES`): what :func:`conform` makes of a column of
    None."""
    out = frame.copy()
    for column in columns:
        out[column] = None
    return _with_dtypes(out, {c: d for c, d in TABLES[table][1].items() if c in columns},
                        table)


def validate_claims(frame: pd.DataFrame, *,
                    required: Iterable[str] = REQUIRED_CLAIM_COLUMNS):
    """A claims table checked at a stage boundary (render, store, export): the columns of
    *required* present and every known column of the right type; returned with its dtypes
    restored. Raises :class:`~geomap.exc.SchemaError` naming the column at fault."""
    return conform(frame, "claims", required=required)


def for_storage(frame: pd.DataFrame):
    """A copy of *frame* as it is written to disk: dates as ISO text, no attrs."""
    out = frame.copy()
    out.attrs = {}
    for column in out.columns:
        if column != "geometry" and pd.api.types.is_datetime64_any_dtype(out[column]):
            text = out[column].dt.strftime("%Y-%m-%d")
            out[column] = text.astype(object).where(out[column].notna(), None)
    return out
