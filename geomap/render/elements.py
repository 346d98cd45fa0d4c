"""folium elements for geomap maps: the runtime with its data, and runtime-drawn layers.

The map class links only what it uses (Leaflet), unlike ``folium.Map`` which
links jQuery, Bootstrap, Font Awesome and more by default.
"""

from __future__ import annotations

import json
from typing import ClassVar

import folium
from branca.element import Element, MacroElement
from folium.map import Layer
from folium.template import Template

from geomap.render.assets import LEAFLET_CSS, LEAFLET_JS, static_text


class LeanMap(folium.Map):
    """A ``folium.Map`` that links Leaflet and nothing else."""

    default_js: ClassVar = [("leaflet", LEAFLET_JS)]
    default_css: ClassVar = [("leaflet_css", LEAFLET_CSS)]


def js_string_literal(payload: object) -> str:
    """*payload* as JSON inside a JS string literal that cannot end its <script> early."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    literal = json.dumps(text, ensure_ascii=False)
    return (literal.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("{", "\\u007b").replace("}", "\\u007d")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


class RawText(Element):
    """Text put into the page as it is.

    branca renders a macro's output once more as a jinja template; data never goes
    through that (it would be slow for megabytes, and text such as ``{{ ... }}`` in an
    article would be evaluated), it is added as a RawText instead.
    """

    _template = Template("{{ this.text }}")

    def __init__(self, text: str):
        super().__init__()
        self.text = text


def add_script(element: Element, code: str) -> None:
    """Append *code* to the page's main script, named after *element*."""
    element.get_root().script.add_child(RawText(code), name=element.get_name())


class Runtime(MacroElement):
    """geomap's runtime (script and styles, inlined) and the map's data table."""

    _template = Template("")

    def __init__(self, payload: dict):
        super().__init__()
        self._name = "GeomapRuntime"
        self.payload_literal = js_string_literal(payload)

    def render(self, **kwargs: object) -> None:
        """Put the runtime in the page's head and its ``init`` call in the script."""
        css = static_text("geomap.css")
        js = static_text("geomap.js").replace("</script", "<\\/script")
        self.get_root().header.add_child(RawText(f"<style>{css}</style>\n<script>{js}</script>"),
                                         name="geomap_runtime")
        parent = self._parent.get_name()
        add_script(self, f"var {self.get_name()} = GeomapRuntime.init({parent}, "
                         f"JSON.parse({self.payload_literal}), {json.dumps(parent)});")
        super().render(**kwargs)


class RuntimeLayer(Layer):
    """A layer the runtime builds: ``GeomapRuntime.<factory>(state, *args)``."""

    _template = Template("")

    def __init__(self, runtime: Runtime, factory: str, *args: object, name: str,
                 show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "GeomapLayer"
        self.runtime = runtime
        self.factory = factory
        self.args = [f"JSON.parse({js_string_literal(arg)})" if isinstance(arg, dict)
                     else json.dumps(arg) for arg in args]

    def render(self, **kwargs: object) -> None:
        """Put the factory call in the page's script."""
        args = "".join(f", {arg}" for arg in self.args)
        add_script(self, f"var {self.get_name()} = GeomapRuntime.{self.factory}("
                         f"{self.runtime.get_name()}{args});")
        super().render(**kwargs)  # adds the layer to the map when shown
