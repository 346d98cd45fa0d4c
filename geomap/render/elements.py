"""folium elements for geomap maps: the runtime with its data, and runtime-drawn layers.

The map class links only what it uses (Leaflet), unlike ``folium.Map`` which
links jQuery, Bootstrap, Font Awesome and more by default.
"""

from __future__ import annotations

import json
from typing import ClassVar

import folium
from branca.element import MacroElement
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
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


class Runtime(MacroElement):
    """geomap's runtime (script and styles, inlined) and the map's data table."""

    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>{{ this.css }}</style>
            <script>{{ this.js }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = GeomapRuntime.init(
                {{ this._parent.get_name() }}, JSON.parse({{ this.payload_literal }}),
                {{ this._parent.get_name()|tojson }});
        {% endmacro %}
    """)

    def __init__(self, payload: dict):
        super().__init__()
        self._name = "GeomapRuntime"
        self.payload_literal = js_string_literal(payload)
        self.css = static_text("geomap.css")
        self.js = static_text("geomap.js").replace("</script", "<\\/script")


class RuntimeLayer(Layer):
    """A layer the runtime builds: ``GeomapRuntime.<factory>(state, *args)``."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = GeomapRuntime.{{ this.factory }}(
                {{ this.runtime.get_name() }}{% for arg in this.args %}, {{ arg }}{% endfor %});
        {% endmacro %}
    """)

    def __init__(self, runtime: Runtime, factory: str, *args: object, name: str,
                 show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "GeomapLayer"
        self.runtime = runtime
        self.factory = factory
        self.args = [f"JSON.parse({js_string_literal(arg)})" if isinstance(arg, dict)
                     else json.dumps(arg) for arg in args]


class StartDay(MacroElement):
    """Applies the runtime's initial day once every layer exists."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            GeomapRuntime.day({{ this.runtime.get_name() }}, {{ this.runtime.get_name() }}.day);
        {% endmacro %}
    """)

    def __init__(self, runtime: Runtime):
        super().__init__()
        self._name = "GeomapStartDay"
        self.runtime = runtime
