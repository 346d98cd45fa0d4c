"""Reading references as they come, and verdicts on NZZ- and DeepStateMap-shaped files."""

from __future__ import annotations

import gzip
import json
import shutil
import zipfile

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely

from geomap.control import ReferenceOptions, analyse, read_reference, scorecard
from geomap.control.reference import date_in_name, parse_covers, parse_status_map
from geomap.control.verdicts import verdicts
from tests.geomap.control.shapes import (
    KHARKIV,
    KUPIANSK,
    MALAYA_LOKNYA,
    SUDZHA,
    claim_rows,
    nzz_like,
    write_deepstate,
    write_nzz,
)

NZZ = ReferenceOptions(status_field="type",
                       status_map=parse_status_map("losses=UA,gains=ignore,nochange=ignore"),
                       covers=parse_covers("RU-KRS"), outside="RU", name="NZZ")
MOD, SYRSKYI = "Russia's defence ministry", "Syrskyi"


def _claims():
    return claim_rows([
        dict(claim_id="ua-sudzha", claimant=SYRSKYI, claimant_side="UA", event_type="control",
             place="Sudzha", lonlat=SUDZHA, date="2024-08-20"),
        dict(claim_id="ru-sudzha", claimant=MOD, claimant_side="RU", event_type="control",
             place="Sudzha", lonlat=SUDZHA, date="2025-03-13"),
        dict(claim_id="ru-loknya", claimant=MOD, claimant_side="RU", event_type="control",
             place="Malaya Loknya", lonlat=MALAYA_LOKNYA, date="2024-09-01"),
        dict(claim_id="ru-kharkiv", claimant=MOD, claimant_side="RU", event_type="control",
             place="Kharkiv", lonlat=KHARKIV, date="2024-09-01"),
        dict(claim_id="ru-kupiansk", claimant=MOD, claimant_side="RU", event_type="control",
             place="Kupiansk", lonlat=KUPIANSK, date="2025-01-07"),
        dict(claim_id="ua-kupiansk", claimant=SYRSKYI, claimant_side="UA", event_type="control",
             place="Kupiansk", lonlat=KUPIANSK, date="2025-01-08"),
        dict(claim_id="ru-kupiansk-early", claimant=MOD, claimant_side="RU",
             event_type="control", place="Kupiansk", lonlat=KUPIANSK, date="2025-01-02"),
        dict(claim_id="ua-denies", claimant=SYRSKYI, claimant_side="UA", event_type="denial",
             place="Malaya Loknya", lonlat=MALAYA_LOKNYA, date="2024-09-01",
             disputes="ru-loknya"),
        dict(claim_id="ru-fuzzy", claimant=MOD, claimant_side="RU", event_type="control",
             place="near Sudzha", lonlat=(SUDZHA[0], SUDZHA[1] + 0.22), date="2024-08-20",
             approximate=True, uncertainty_km=25.0),
    ])


def _by_id(table: pd.DataFrame) -> pd.DataFrame:
    return table.set_index("claim_id")


@pytest.fixture(scope="module")
def nzz(tmp_path_factory, gaz):
    return read_reference(write_nzz(tmp_path_factory.mktemp("nzz") / "nzz.geojson"), NZZ,
                          gazetteer=gaz)


def test_nzz_shaped_reference(nzz):
    v = _by_id(verdicts(_claims(), nzz))
    assert v.loc["ua-sudzha", "verdict"] == "agrees"
    assert v.loc["ru-sudzha", "verdict"] == "agrees"
    assert v.loc["ru-sudzha", "text"] == "NZZ, 2025-03-13: held by Russia — agrees"
    assert v.loc["ru-loknya", "verdict"] == "disagrees"
    assert v.loc["ru-loknya", "held_by"] == "UA"
    assert v.loc["ru-kharkiv", "verdict"] == "unknown"
    assert v.loc["ru-kharkiv", "reason"] == "outside the reference's coverage"
    # the denial disputes a claim the reference contradicts: it agrees
    assert v.loc["ua-denies", "verdict"] == "agrees"
    # 25 km of uncertainty reaches the salient's edge: no verdict
    assert v.loc["ru-fuzzy", "verdict"] == "unknown"
    assert "uncertainty" in v.loc["ru-fuzzy", "reason"]
    # Sudzha lies inside the 30 km salient on 2024-08-20, ~27 km from its edge
    assert 20 < v.loc["ua-sudzha", "distance_km"] < 30
    # Russia's claim comes 3 days after the salient was gone (2025-03-10)
    assert v.loc["ru-sudzha", "lag_days"] == 3
    assert v.loc["ru-loknya", "confirmed"] is True  # confirmed once the salient shrank
    assert v.loc["ru-loknya", "lag_days"] < 0


def test_window_days(tmp_path, gaz):
    path = write_nzz(tmp_path / "nzz.geojson")
    late = claim_rows([dict(claim_id="late", claimant=MOD, claimant_side="RU",
                            event_type="control", place="Sudzha", lonlat=SUDZHA,
                            date="2025-03-30")])
    assert verdicts(late, read_reference(path, NZZ, gazetteer=gaz))["reason"].iloc[0] == \
        "no snapshot within 3 days"
    wide = read_reference(path, ReferenceOptions(**{**NZZ.__dict__, "window_days": 10}),
                          gazetteer=gaz)
    assert verdicts(late, wide)["verdict"].iloc[0] == "agrees"


def test_without_outside_no_verdict_outside_the_polygons(tmp_path, gaz):
    options = ReferenceOptions(**{**NZZ.__dict__, "outside": None})
    reference = read_reference(write_nzz(tmp_path / "nzz.geojson"), options, gazetteer=gaz)
    v = _by_id(verdicts(_claims(), reference))
    assert v.loc["ua-sudzha", "verdict"] == "agrees"
    assert v.loc["ru-sudzha", "verdict"] == "unknown"


@pytest.mark.parametrize("suffix", [".gpkg", ".parquet", ".fgb", ".geojson.gz", ".zip"])
def test_formats_read_alike(nzz, tmp_path, gaz, suffix):
    if suffix == ".geojson.gz":
        plain = write_nzz(tmp_path / "nzz.geojson")
        path = tmp_path / "nzz.geojson.gz"
        with open(plain, "rb") as source, gzip.open(path, "wb") as out:
            shutil.copyfileobj(source, out)
    elif suffix == ".zip":
        plain = write_nzz(tmp_path / "nzz.fgb")
        path = tmp_path / "nzz.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.write(plain, "inside/nzz.fgb")
    else:
        path = write_nzz(tmp_path / f"nzz{suffix}")
    reference = read_reference(path, NZZ, gazetteer=gaz)
    assert len(reference) == len(nzz)
    assert list(reference["valid_from"]) == list(nzz["valid_from"])
    assert_frame = verdicts(_claims(), reference)["verdict"].tolist()
    assert assert_frame == verdicts(_claims(), nzz)["verdict"].tolist()


def test_unmapped_status_is_refused(tmp_path, gaz):
    options = ReferenceOptions(status_field="type", status_map={"losses": "UA"})
    with pytest.raises(ValueError, match="not in the status map: gains, nochange"):
        read_reference(write_nzz(tmp_path / "nzz.geojson"), options, gazetteer=gaz)


def test_numeric_status_codes_read_alike_by_json_and_gdal(nzz, tmp_path, gaz):
    """Status codes 1 / 2.5 / 3 in one column: JSON keeps ``1``, GDAL makes the column
    real (``1.0``); the status map's ``1`` matches both, so both read as the named file."""
    codes = {"losses": 1, "gains": 2.5, "nochange": 3}
    collection = json.loads(nzz_like().to_json())
    for feature in collection["features"]:
        feature["properties"]["type"] = codes[feature["properties"]["type"]]
    as_json = tmp_path / "coded.geojson"
    as_json.write_text(json.dumps(collection))
    assert '"type": 1}' in as_json.read_text()  # an integer in the text
    as_gpkg = tmp_path / "coded.gpkg"
    pyogrio.write_dataframe(pyogrio.read_dataframe(as_json), as_gpkg)
    assert pyogrio.read_dataframe(as_gpkg)["type"].dtype == float
    options = ReferenceOptions(**{**NZZ.__dict__,
                                  "status_map": parse_status_map("1=UA,2.5=ignore,3=ignore")})
    expected = verdicts(_claims(), nzz)["verdict"].tolist()
    for path in (as_json, as_gpkg):
        reference = read_reference(path, options, gazetteer=gaz)
        assert len(reference) == len(nzz)
        assert verdicts(_claims(), reference)["verdict"].tolist() == expected


@pytest.fixture(scope="module")
def deepstate(tmp_path_factory):
    return write_deepstate(tmp_path_factory.mktemp("deepstate") / "history")


def test_deepstate_shaped_directory(deepstate, gaz):
    options = ReferenceOptions(holds="RU", covers=parse_covers("UA-63,UA-14"), outside="UA")
    reference = read_reference(deepstate, options, gazetteer=gaz)
    assert reference.attrs["name"] == "history"
    assert [d.date().isoformat() for d in reference["valid_from"]][:2] == \
        ["2025-01-01", "2025-01-02"]
    v = _by_id(verdicts(_claims(), reference))
    assert v.loc["ru-kupiansk", "verdict"] == "agrees"
    assert v.loc["ua-kupiansk", "verdict"] == "disagrees"
    assert v.loc["ru-kupiansk-early", "verdict"] == "disagrees"  # not yet fallen
    assert v.loc["ru-kupiansk-early", "lag_days"] == -3  # claimed 3 days early
    assert v.loc["ru-sudzha", "verdict"] == "unknown"  # Kursk: outside the coverage
    assert v.loc["ru-kharkiv", "verdict"] == "unknown"  # no snapshot near 2024-09-01
    assert v.loc["ru-kharkiv", "reason"] == "no snapshot within 3 days"


def test_deepstate_gz_with_a_date_column(deepstate, tmp_path, gaz):
    frames = [gpd.read_file(p).assign(date=p.stem.removeprefix("deepstate-"))
              for p in sorted(deepstate.iterdir())]
    plain = tmp_path / "history.geojson"
    pd.concat(frames).pipe(gpd.GeoDataFrame, crs="EPSG:4326").to_file(plain, driver="GeoJSON")
    path = tmp_path / "history.geojson.gz"
    path.write_bytes(gzip.compress(plain.read_bytes()))
    options = ReferenceOptions(holds="RU", covers=["UA-63"], outside="UA")
    v = _by_id(verdicts(_claims(), read_reference(path, options, gazetteer=gaz)))
    assert v.loc["ru-kupiansk", "verdict"] == "agrees"


def test_date_from_name():
    assert date_in_name("deepstate-2025-01-05.geojson") == pd.Timestamp("2025-01-05")
    assert date_in_name("map_20250105.fgb") == pd.Timestamp("2025-01-05")
    assert date_in_name("from-2025-01-05-to-2025-01-06.geojson") is None
    assert date_in_name("history.geojson") is None


def test_bad_options_are_refused():
    with pytest.raises(ValueError, match="VALUE=SIDE"):
        parse_status_map("losses:UA")
    with pytest.raises(ValueError, match="admin-1 codes"):
        parse_covers("Kursk oblast")
    with pytest.raises(ValueError, match="RU or UA"):
        ReferenceOptions(holds="Russia")


def test_scorecard_per_claimant(nzz, gaz):
    claims = _claims()
    view = analyse(claims, gaz, nzz)
    table = view.scorecard.set_index("claimant")
    assert set(table.index) == {MOD, SYRSKYI}
    mod = table.loc[MOD]
    # MoD: Sudzha agrees, Malaya Loknya disagrees; Kharkiv, 2 Kupiansk, fuzzy: unknown
    assert (mod["claims"], mod["agrees"], mod["disagrees"], mod["unknown"]) == (6, 1, 1, 4)
    assert mod["share_agreeing"] == 0.5
    assert mod["share_unknown"] == round(4 / 6, 3)
    assert (mod["control_claims"], mod["confirmed"], mod["over_claims"]) == (2, 2, 0)
    assert mod["lead_lag_days"] == (3 + view.verdicts.set_index("claim_id").loc[
        "ru-loknya", "lag_days"]) / 2
    sides = scorecard(claims, view.verdicts, by="side")
    assert list(sides["side"]) == ["RU", "UA"]


def test_reference_holds_a_geometry_at_full_resolution(nzz):
    first = nzz[nzz["status"] == "UA"].geometry.iloc[0]
    assert len(shapely.get_coordinates(first)) == 65
