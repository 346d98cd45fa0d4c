"""The render stage: claims and their control view -> layered, time-aware HTML maps."""

from geomap.exc import MissingAssetError, RenderError
from geomap.io.tables import read_claims
from geomap.render.map import build_map, explore, render_html, save_map

__all__ = ["MissingAssetError", "RenderError", "build_map", "explore", "read_claims",
           "render_html", "save_map"]
