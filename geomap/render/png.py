"""Static images of a map for articles: the offline HTML photographed by headless Chromium.

Rules: the map is written offline (no network needed), the interactive controls (zoom,
layers, search, claim list, play button) are hidden, the title, legend and date stay;
Chromium (``$GEOMAP_CHROMIUM``, else ``chromium`` or ``chromium-browser`` on PATH) opens
it at the requested size with a virtual-time budget so the map is drawn before the shot.
The image is written to a temporary file and renamed into place.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.exc import RenderError, ScreenshotError

if TYPE_CHECKING:
    import folium

DEFAULT_SIZE = (1600, 1000)
STATIC_CSS = ("<style>.leaflet-control-zoom, .leaflet-control-layers, .geomap-search, "
              ".geomap-list, .geomap-play, .geomap-hover { display: none !important; }</style>")


def parse_size(text: str) -> tuple[int, int]:
    """``"1600x1000"`` -> ``(1600, 1000)``; a bad size raises :class:`RenderError`."""
    parts = str(text).lower().replace("×", "x").split("x")
    try:
        width, height = (int(part) for part in parts)
    except ValueError:
        raise RenderError(f"size must be WIDTHxHEIGHT in pixels, e.g. 1600x1000, not "
                          f"{text!r}") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise RenderError(f"size {width}x{height} is out of range (200 to 8000 pixels a side)")
    return width, height


def chromium() -> str:
    """The Chromium executable; raises :class:`ScreenshotError` when there is none."""
    for name in (os.environ.get("GEOMAP_CHROMIUM"), "chromium", "chromium-browser"):
        found = shutil.which(name) if name else None
        if found:
            return found
    raise ScreenshotError("--png needs Chromium: install Debian's chromium "
                          "(apt-get install chromium) or set GEOMAP_CHROMIUM")


def save_png(fmap: folium.Map, path: str | os.PathLike[str],
             size: tuple[int, int] = DEFAULT_SIZE, *, timeout: float = 120.0) -> Path:
    """Write a PNG of *fmap* at *size* (width, height) to *path* (module docstring)."""
    from geomap.render.map import render_html

    width, height = size
    target = Path(path)
    html = render_html(fmap, offline=True).replace("</head>", STATIC_CSS + "</head>", 1)
    with tempfile.TemporaryDirectory(prefix="geomap-png-") as folder:
        page = Path(folder) / "map.html"
        page.write_text(html, "utf-8")
        shot = Path(folder) / "map.png"
        command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                   "--hide-scrollbars", "--no-first-run", "--disable-background-networking",
                   f"--user-data-dir={folder}/profile", f"--window-size={width},{height}",
                   "--virtual-time-budget=5000", f"--screenshot={shot}", page.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                  check=False)
        except subprocess.TimeoutExpired:
            raise ScreenshotError(f"Chromium took over {timeout:.0f} s to draw the map") from None
        if not shot.exists() or shot.stat().st_size == 0:
            detail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
            raise ScreenshotError(f"Chromium made no image (exit {done.returncode}): "
                                  f"{detail[0]}")
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(shot, temporary)
        os.replace(temporary, target)
    return target
