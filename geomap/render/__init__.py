"""The render stage: claims -> layered, time-aware HTML maps (folium + geomap's runtime)."""

from geomap.render.assets import MissingAssetError
from geomap.render.map import RenderError, build_map, explore, read_claims, render_html, save_map

__all__ = ["MissingAssetError", "RenderError", "build_map", "explore", "read_claims",
           "render_html", "save_map"]
