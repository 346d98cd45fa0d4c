"""Front-end assets: which CDN files a map links, and their installed npm copies.

Maps link Leaflet and the grouped layer control from CDNs by default. For an
offline export every linked file is inlined from the npm packages pinned in
``assets/package-lock.json``, read from the ``node_modules``-style folder of
:func:`geomap.settings.assets_dir`: ``GEOMAP_ASSETS`` when set, else
``geomap/render/static/vendor``, which ``make assets`` fills (``npm ci --prefix
assets``, then a copy of each package's ``package.json`` and ``dist/``). The files are
never committed to the repository.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path

from geomap.exc import MissingAssetError
from geomap.settings import assets_dir

INSTALL_HINT = "make assets  (runs: npm ci --prefix assets)"
LEAFLET_VERSION = "1.9.3"
GROUPED_LAYERS_VERSION = "0.6.1"

LEAFLET_JS = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
LEAFLET_CSS = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"
_CDNJS_GROUPED = ("https://cdnjs.cloudflare.com/ajax/libs/leaflet-groupedlayercontrol/"
                  f"{GROUPED_LAYERS_VERSION}/leaflet.groupedlayercontrol.min")

#: CDN address -> (npm package, version, path inside the package)
ASSETS: dict[str, tuple[str, str, str]] = {
    LEAFLET_JS: ("leaflet", LEAFLET_VERSION, "dist/leaflet.js"),
    LEAFLET_CSS: ("leaflet", LEAFLET_VERSION, "dist/leaflet.css"),
    _CDNJS_GROUPED + ".js": ("leaflet-groupedlayercontrol", GROUPED_LAYERS_VERSION,
                             "dist/leaflet.groupedlayercontrol.min.js"),
    _CDNJS_GROUPED + ".css": ("leaflet-groupedlayercontrol", GROUPED_LAYERS_VERSION,
                              "dist/leaflet.groupedlayercontrol.min.css"),
}

STATIC = Path(__file__).parent / "static"


def node_modules() -> Path:
    """The ``node_modules``-style folder assets are read from
    (:func:`geomap.settings.assets_dir`)."""
    return assets_dir()


def asset_path(url: str) -> Path:
    """Local file for a CDN *url*; raises :class:`MissingAssetError` with the fix."""
    try:
        package, version, inner = ASSETS[url]
    except KeyError:
        raise MissingAssetError(f"{url} has no local copy: geomap cannot inline it") from None
    root = node_modules() / package
    path = root / inner
    if not path.is_file():
        raise MissingAssetError(f"{package}@{version} is not installed in {node_modules()}; "
                                f"install the map assets with: {INSTALL_HINT}")
    installed = _installed_version(root)
    if installed != version:
        raise MissingAssetError(f"{package} {installed} is installed but maps need {version}; "
                                f"reinstall with: {INSTALL_HINT}")
    return path


def _installed_version(root: Path) -> str | None:
    import json

    try:
        return json.loads((root / "package.json").read_text("utf-8")).get("version")
    except (OSError, ValueError):
        return None


def static_text(name: str) -> str:
    """Our own runtime file (``geomap.js`` or ``geomap.css``)."""
    return (STATIC / name).read_text("utf-8")


_URL_IN_CSS = re.compile(r"url\((['\"]?)([^)'\"]+)\1\)")


def _inline_css_urls(css: str, base: Path) -> str:
    """Replace relative ``url(...)`` references in *css* by data URIs."""

    def replace(match: re.Match[str]) -> str:
        target = match.group(2)
        if target.startswith(("data:", "#", "http:", "https:")):
            return match.group(0)
        path = (base / target).resolve()
        if not path.is_file():
            return match.group(0)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:{mime};base64,{data})"

    return _URL_IN_CSS.sub(replace, css)


_SCRIPT_TAG = re.compile(r'<script src="(?P<url>[^"]+)"></script>')
_LINK_TAG = re.compile(r'<link rel="stylesheet" href="(?P<url>[^"]+)"\s*/?>')


def _script_safe(text: str) -> str:
    """Text that cannot close its <script>/<style> element early."""
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)


def inline_assets(html: str) -> str:
    """*html* with every linked script and stylesheet inlined from the npm copies.

    Raises :class:`MissingAssetError` for a link with no local copy, so an
    "offline" file never silently depends on the network.
    """

    def script(match: re.Match[str]) -> str:
        path = asset_path(match.group("url"))
        return f"<script>{_script_safe(path.read_text('utf-8'))}</script>"

    def style(match: re.Match[str]) -> str:
        path = asset_path(match.group("url"))
        css = _inline_css_urls(path.read_text("utf-8"), path.parent)
        return f"<style>{_script_safe(css)}</style>"

    html = _SCRIPT_TAG.sub(script, html)
    html = _LINK_TAG.sub(style, html)
    leftover = re.search(r'<(?:script|link)[^>]+(?:src|href)="(https?:[^"]+)"', html)
    if leftover:
        raise MissingAssetError(f"{leftover.group(1)} is still linked; geomap cannot inline it")
    return html
