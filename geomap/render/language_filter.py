"""The map's language filter: a self-contained control with one checkbox per language.

It is added only when the claims drawn come in two or more languages (column
``language``). Unticking a language hides its claims on every claim layer and at every
day of the slider; the labels are set as text, never as HTML.
"""

from __future__ import annotations

import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from geomap.render.elements import Runtime, add_script, js_string_literal

LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "uk": "Українська"}

_SCRIPT = """
(function (state, langs, names) {
  var t0 = state.data.claims.t0, saved = t0.slice(), hidden = {};
  var present = langs.filter(function (v, i) { return v && langs.indexOf(v) === i; });
  function apply() {
    for (var i = 0; i < t0.length; i++) { t0[i] = hidden[langs[i]] ? Infinity : saved[i]; }
    state.setDay(state.day);
  }
  var Filter = L.Control.extend({
    onAdd: function () {
      var box = L.DomUtil.create("div", "leaflet-bar geomap-language-filter");
      box.style.background = "#fff"; box.style.padding = "4px 8px";
      box.style.font = "12px sans-serif";
      L.DomEvent.disableClickPropagation(box);
      box.appendChild(document.createTextNode("Language: "));
      present.forEach(function (code) {
        var label = document.createElement("label"), input = document.createElement("input");
        input.type = "checkbox"; input.checked = true; input.setAttribute("data-language", code);
        input.addEventListener("change", function () { hidden[code] = !input.checked; apply(); });
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + (names[code] || code) + " "));
        box.appendChild(label);
      });
      return box;
    }
  });
  state.languageFilter = new Filter({position: "topleft"}).addTo(state.map);
})(%s, JSON.parse(%s), JSON.parse(%s));
"""


class LanguageFilter(MacroElement):
    """The language filter control for the claims of *runtime* (one code per claim row)."""

    _template = Template("")

    def __init__(self, runtime: Runtime, languages: pd.Series):
        super().__init__()
        self._name = "GeomapLanguageFilter"
        self.runtime = runtime
        self.languages = [None if pd.isna(v) else str(v) for v in languages]

    def render(self, **kwargs: object) -> None:
        """Put the control's script after the runtime's."""
        add_script(self, _SCRIPT % (self.runtime.get_name(), js_string_literal(self.languages),
                                    js_string_literal(LANGUAGE_NAMES)))
        super().render(**kwargs)


def add_language_filter(fmap, runtime: Runtime, languages: pd.Series | None) -> bool:
    """Add the filter to *fmap* when *languages* holds two or more; True when added."""
    if languages is None or languages.dropna().nunique() < 2:
        return False
    fmap.add_child(LanguageFilter(runtime, languages))
    return True
