"""The notebook runs top to bottom on the seed corpus, in a real Jupyter kernel."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from tests.conftest import REPO

NOTEBOOK = REPO / "notebooks" / "explore_kursk.ipynb"


def test_explore_kursk_notebook_executes(shared, monkeypatch):
    monkeypatch.setenv("GEOMAP_SHARED", str(shared))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [out for cell in notebook.cells if cell.cell_type == "code"
               for out in cell.get("outputs", [])]
    assert not [out for out in outputs if out.output_type == "error"]
    html = [out["data"]["text/html"] for out in outputs
            if out.output_type == "execute_result" and "text/html" in out.get("data", {})]
    assert any("GeomapRuntime" in page for page in html), "the map is displayed inline"
    images = [out for out in outputs if "image/png" in out.get("data", {})]
    assert images, "the plot of claimed settlements is displayed"
    timeline = next(page for page in html if "valid_from" in page)
    assert "Gornal" in timeline and "POINT" in timeline  # a GeoDataFrame with geometry
    scorecard = next(page for page in html if "share_agreeing" in page)
    assert "Valery Gerasimov" in scorecard
    text = "".join(out.get("text", "") for out in outputs if out.output_type == "stream")
    assert "GeoDataFrame EPSG:4326" in text
    assert "date_start    datetime64" in text
    # geopandas' own explore() works (mapclassify installed): a folium map in the output
    assert any("folium" in page and "GeomapRuntime" not in page for page in html)
    source = "".join(cell.source for cell in notebook.cells)
    assert "geomap.plot(view)" in source and ".dt." in source
