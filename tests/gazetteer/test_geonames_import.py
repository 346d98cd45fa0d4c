"""import-geonames: files, zips and real HTTP downloads of a GeoNames-format fixture."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile

import pytest

from gazetteer import Gazetteer, SourceError, _config
from gazetteer.geonames_import import import_geonames, parse_geonames_line
from tests.httpfixtures import LocalServer, Route


def geonames_line(gid, name, ascii_name, alternates, lat, lon, fclass, fcode, cc, admin1,
                  population):
    return "\t".join([str(gid), name, ascii_name, ",".join(alternates), str(lat), str(lon),
                      fclass, fcode, cc, "", admin1, "", "", "", str(population), "", "150",
                      "Europe/Moscow", "2024-08-10"])


RU_LINES = [
    geonames_line(9900001, "Kazachya Loknya", "Kazachya Loknya", ["Казачья Локня"],
                  51.3411, 35.1800, "P", "PPL", "RU", "41", 0),
    geonames_line(9900002, "Oleshnya", "Oleshnya", ["Олешня"], 51.2210, 35.0970, "P", "PPL",
                  "RU", "41", 0),
    geonames_line(9900003, "Martynovka", "Martynovka", ["Мартыновка"], 51.2500, 35.3600,
                  "P", "PPL", "RU", "41", 0),
    "this line is not GeoNames",
    "9900004\tBroken\tBroken\t\tnot-a-latitude\t35.0\tP\tPPL\tRU\t\t41\t\t\t\t0\t\t1\tX\t2024",
]
UA_LINES = [
    geonames_line(9900010, "Yunakivka", "Yunakivka", ["Юнаківка"], 51.0900, 35.0000, "P",
                  "PPL", "UA", "21", 0),
]
ALTERNATES = "\n".join([
    "1\t9900001\tru\tКазачья Локня\t\t\t\t\t\t",
    "2\t9900001\ten\tKazach'ya Loknya\t\t\t\t\t\t",
    "3\t9900003\tlink\thttps://example.org/Martynovka\t\t\t\t\t\t",
    "4\t9900003\t\tMartinovka\t\t\t\t\t\t",
]) + "\n"


def zipped(name: str, text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, text)
        archive.writestr("readme.txt", "GeoNames fixture written by the test")
    return buffer.getvalue()


@pytest.fixture
def server():
    ru_zip = zipped("RU.txt", "\n".join(RU_LINES) + "\n")
    srv = LocalServer(routes={
        "/dump/RU.zip": Route(ru_zip),
        "/dump/UA.txt": Route(("\n".join(UA_LINES) + "\n").encode()),
        "/dump/alternateNamesV2.zip": Route(zipped("alternateNamesV2.txt", ALTERNATES)),
        "/dump/truncated.zip": Route(ru_zip, truncate_to=len(ru_zip) // 2),
        "/dump/garbage.zip": Route(b"<html>rate limited</html>"),
    }).start()
    yield srv
    srv.stop()


def test_parse_line_rejects_malformed():
    assert parse_geonames_line(RU_LINES[0]).name == "Kazachya Loknya"
    assert parse_geonames_line(RU_LINES[3]) is None
    assert parse_geonames_line(RU_LINES[4]) is None


def test_import_over_http(server, tmp_path):
    index = tmp_path / "user.gzi"
    report = import_geonames([f"{server.url}/dump/RU.zip", f"{server.url}/dump/UA.txt",
                              f"{server.url}/dump/alternateNamesV2.zip"],
                             countries=["RU", "UA"], index_path=index)
    assert report.places == 4 and report.malformed_lines == 2
    assert report.alternate_names == 3  # the "link" row is left out
    layered = Gazetteer.from_paths(index, _config.BUNDLE_INDEX, polygons=_config.BUNDLE_POLYGONS)
    # the bundle holds these villages too (Rosstat): the imported copies rank beside them
    village = next(c for c in layered.lookup("Kazachya Loknya") if c.id == "geonames:9900001")
    assert village.admin1 == "RU-KRS"
    assert "geonames:9900001" in {c.id for c in layered.lookup("Казачья Локня")}
    assert "geonames:9900003" in {c.id for c in layered.lookup("Martinovka", admin1="RU-KRS")}
    assert layered.lookup("Yunakivka")[0].admin1 == "UA-59"
    assert layered.lookup("Sudzha")[0].name == "Sudzha"  # the bundle still answers


def test_country_filter(server, tmp_path):
    report = import_geonames([f"{server.url}/dump/RU.zip", f"{server.url}/dump/UA.txt"],
                             countries=["UA"], index_path=tmp_path / "ua.gzi")
    assert report.places == 1 and report.filtered_out == 3


@pytest.mark.parametrize("path", ["/dump/truncated.zip", "/dump/garbage.zip", "/dump/none.zip"])
def test_bad_download_leaves_existing_index_untouched(server, tmp_path, path):
    index = tmp_path / "user.gzi"
    import_geonames([f"{server.url}/dump/UA.txt"], index_path=index)
    before = index.read_bytes()
    with pytest.raises(SourceError):
        import_geonames([f"{server.url}/dump/RU.zip", f"{server.url}{path}"], index_path=index)
    assert index.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["user.gzi"]  # no temporary left behind


def test_cli_import(server, tmp_path, cli_exe):
    index = tmp_path / "cli.gzi"
    proc = subprocess.run([*cli_exe, "import-geonames", f"{server.url}/dump/RU.zip",
                           f"{server.url}/dump/UA.txt", "--countries", "RU", "UA",
                           "--index", str(index)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["places"] == 4
    proc = subprocess.run([*cli_exe, "lookup", "Oleshnya", "--index", str(index), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert "geonames:9900002" in {c["id"] for c in json.loads(proc.stdout)}
    proc = subprocess.run([*cli_exe, "import-geonames", f"{server.url}/dump/truncated.zip",
                           "--index", str(index)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert "truncated" in proc.stderr or "corrupt" in proc.stderr


def test_local_files(tmp_path):
    dump = tmp_path / "RU.txt"
    dump.write_text("\n".join(RU_LINES) + "\n", encoding="utf-8")
    report = import_geonames([str(dump)], index_path=tmp_path / "local.gzi")
    assert report.places == 3
    with pytest.raises(SourceError, match="no such file"):
        import_geonames([str(tmp_path / "missing.txt")], index_path=tmp_path / "x.gzi")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(SourceError, match="no valid"):
        import_geonames([str(empty)], index_path=tmp_path / "y.gzi")
