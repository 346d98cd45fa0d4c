"""folium elements for geomap maps: the runtime with its data, and runtime-drawn layers.

The map class links only what it uses (Leaflet), unlike ``folium.Map`` which
links jQuery, Bootstrap, Font Awesome and more by default.
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import ClassVar

import folium
import orjson
from branca.element import Element, MacroElement
from folium.map import Layer
from folium.template import Template

from geomap.exc import RenderError
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


#: Where a runtime's data goes in the rendered page: replaced by the JSON block when the
#: page is written (:func:`data_parts`), so the data is serialised once, straight to disk;
#: DETAILS_MARK likewise for the block of texts (see :func:`split_details`).
DATA_MARK = "@@geomap-data:{}@@"
DETAILS_MARK = "@@geomap-details:{}@@"

#: Columns of the claims table that the map's first view draws from. The others (the
#: texts of popups, tooltips, the claim list, search and the permalink: indices into the
#: string table, and the marks of the sentence) travel with the string table in a second
#: block, which the runtime parses when one of them is first read.
DRAWN_COLUMNS = ("lon", "lat", "t0", "t1", "side", "event", "approx", "region")


def split_details(payload: dict) -> tuple[dict, dict | None]:
    """*payload* as the page carries it: the data of the first view (the claims' drawn
    columns, :data:`DRAWN_COLUMNS`, and ``detailColumns``: the names of the others), and
    the details (``{"strings": [...], "claims": {column: [...]}}``), or None when the
    payload has no string table or claims. Python's payload is not changed."""
    claims = payload.get("claims")
    if "strings" not in payload or not isinstance(claims, dict):
        return payload, None
    rest = [name for name in claims if name not in DRAWN_COLUMNS]
    first = {key: value for key, value in payload.items() if key != "strings"}
    first["claims"] = {name: claims[name] for name in claims if name in DRAWN_COLUMNS}
    first["detailColumns"] = rest
    return first, {"strings": payload["strings"], "claims": {name: claims[name] for name in rest}}


#: orjson's options for the data block: numpy arrays and scalars as JSON numbers, keys
#: that are not strings as strings (as :mod:`json` writes them).
_JSON_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS


def json_chunks(value: object, *, one_byte: bool = True) -> Iterator[str]:
    """*value* as JSON text safe inside ``<script type="application/json">``, in pieces
    (one per top-level field, one per column of a table) so that no copy of the whole
    text is held: every ``<`` is written ``\\u003c`` (only strings hold one, so the text
    cannot end its script early nor open a comment); with *one_byte*, a few characters
    beyond Latin-1 as escapes (:func:`_one_byte`).

    Written with orjson (about nine times faster than :mod:`json` for a map's data):
    UTF-8 as it is, numbers in their shortest round-trip form, a NaN or infinity (which
    the map's data never holds) as ``null`` as JSON has no such number."""
    if isinstance(value, dict) and len(value) > 1:
        yield "{"
        for k, (key, item) in enumerate(value.items()):
            yield ("," if k else "") + json.dumps(str(key)) + ":"
            yield from json_chunks(item, one_byte=one_byte)
        yield "}"
        return
    text = orjson.dumps(value, option=_JSON_OPTIONS)
    text = (text.replace(b"<", b"\\u003c") if b"<" in text else text).decode("utf-8")
    yield _one_byte(text) if one_byte else text


#: zlib's level for the texts block: its fastest (10,000 claims: 2.4 MB of JSON -> 0.56 MB
#: of base64 in about 20 ms, on a second thread; level 3 gives 0.49 MB in 30 ms, level 6
#: 0.44 MB in 90 ms: the build is timed against folium's, and 0.1 MB is a few
#: milliseconds of the browser's HTML parsing).
DEFLATE_LEVEL = 1


def deflated_base64(chunks: Iterable[str]) -> Iterator[str]:
    """The UTF-8 text of *chunks*, compressed as raw DEFLATE (RFC 1951) and written in
    base64, in pieces as the chunks come (no copy of the whole text is held). ASCII only,
    so it can neither end its ``<script>`` nor make the page's text two bytes a character;
    the runtime decodes it with ``atob`` and its own inflater (``GeomapRuntime.inflateRaw``).
    """
    packer, carry = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -15), b""
    for chunk in chunks:
        carry += packer.compress(chunk.encode("utf-8"))
        whole = len(carry) - len(carry) % 3  # base64 of whole 3-byte groups: no padding
        if whole:
            yield base64.b64encode(carry[:whole]).decode("ascii")
            carry = carry[whole:]
    yield base64.b64encode(carry + packer.flush()).decode("ascii")


def details_text(details: dict) -> Iterator[str]:
    """The details block's text (:func:`split_details`): its JSON, UTF-8 as it is, deflated
    and in base64 (:func:`deflated_base64`)."""
    return deflated_base64(json_chunks(details, one_byte=False))


def read_details(text: str) -> dict:
    """The details block's value from its text in a page (:func:`details_text`)."""
    return json.loads(zlib.decompress(base64.b64decode(text), -15).decode("utf-8"))


#: A chunk whose characters beyond Latin-1 are at most this share of it (or at most 64)
#: has them written as ``\\uXXXX`` escapes (see :func:`_one_byte`).
WIDE_SHARE = 0.01
_WIDE = re.compile("[^\\x00-\\xff]")


def _one_byte(text: str) -> str:
    """*text* with its few characters beyond Latin-1 (the legend's glyphs, a name in
    another script) as JSON ``\\uXXXX`` escapes, when they are at most 64 or
    :data:`WIDE_SHARE` of it. The browser keeps a text with a single such character as
    two bytes a character, for the whole data block: its HTML parsing, ``textContent`` and
    ``JSON.parse`` cost about a tenth of the map's load more (10,000 claims, Chromium).
    Texts mostly in another script (Russian sentences) keep their characters: escaping
    them would grow the file (two UTF-8 bytes to six)."""
    if text.isascii() or max(text) <= "\xff":
        return text
    wide = _WIDE.findall(text)
    if len(wide) > max(64, WIDE_SHARE * len(text)):
        return text
    return _WIDE.sub(lambda m: json.dumps(m.group(0))[1:-1], text)  # pairs beyond the BMP


class Runtime(MacroElement):
    """geomap's runtime (script and styles, inlined) and the map's data.

    The data (``payload``, and the arguments of the map's :class:`RuntimeLayer` s) is
    embedded once, as ``<script type="application/json">`` blocks that the runtime
    parses with ``JSON.parse``: never as a JavaScript literal, never through branca's
    templates. Two blocks (:func:`split_details`): what the first view draws from, parsed
    at load, and the texts (string table and the claims' text columns), parsed when first
    read. The page renders with marks (:data:`DATA_MARK`, :data:`DETAILS_MARK`) where the
    blocks go; :func:`geomap.render.map.save_map` streams the JSON into the file there.
    """

    _template = Template("")

    def __init__(self, payload: dict):
        super().__init__()
        self._name = "GeomapRuntime"
        self.payload = payload
        self.layer_args: list[object] = []
        self.streamed = False  # set while geomap.render.map writes the page
        #: [[south, west], [north, east]] the map frames before its layers are added
        self.fit_bounds: list | None = None
        self._details_text: Future[str] | None = None

    def add_layer_args(self, args: object) -> int:
        """Keep a layer's arguments in the data block; their index there."""
        self.layer_args.append(args)
        return len(self.layer_args) - 1

    @property
    def block_id(self) -> str:
        """The id of the data block in the page."""
        return f"geomap-data-{self.get_name()}"

    def data(self) -> dict:
        """What the data block holds: ``{"data": payload, "layers": [layer args]}``, the
        payload without its details (:func:`split_details`)."""
        return {"data": split_details(self.payload)[0], "layers": self.layer_args}

    def details(self) -> dict | None:
        """What the details block holds (:func:`split_details`), or None."""
        return split_details(self.payload)[1]

    def start_details(self) -> None:
        """Begin making the details block's text (:func:`details_text`: JSON, deflated,
        base64) on a second thread, where zlib works outside the GIL; :meth:`details_block`
        gives it. The map's build calls this once the payload is complete, so the
        compression runs while the build makes the layers and the page; the payload is
        not to be changed after."""
        if self._details_text is None:
            details = self.details()
            if details is not None:
                self._details_text = _DEFLATE.submit(_joined_details, details)

    def details_block(self) -> str | None:
        """The details block's text (:meth:`start_details`), or None without details."""
        self.start_details()
        return None if self._details_text is None else self._details_text.result()

    def render(self, **kwargs: object) -> None:
        """Put the runtime and the data block's mark in the page's head, and the runtime's
        ``init`` call in the script."""
        css = static_text("geomap.css")
        js = static_text("geomap.js").replace("</script", "<\\/script")
        self.get_root().header.add_child(RawText(f"<style>{css}</style>\n<script>{js}</script>"),
                                         name="geomap_runtime")
        # streamed by save_map; rendered whole by folium's own save() and _repr_html_()
        body = (DATA_MARK.format(self.get_name()) if self.streamed
                else "".join(json_chunks(self.data())))
        if self.details() is not None:  # after the data: read by the parser while nothing waits
            body += ('</script>\n<script type="application/octet-stream" '
                     f'data-encoding="deflate-base64" id="{self.block_id}-details">' +
                     (DETAILS_MARK.format(self.get_name()) if self.streamed
                      else self.details_block()))
        self.get_root().header.add_child(RawText(
            f'<script type="application/json" id="{self.block_id}">{body}</script>'),
            name=f"{self.get_name()}_data")
        parent = self._parent.get_name()
        fit = ("" if self.fit_bounds is None else
               f"{parent}.fitBounds({json.dumps(self.fit_bounds)}, "
               "{maxZoom: 10, animate: false});\n")
        add_script(self, f"{fit}var {self.get_name()} = GeomapRuntime.init({parent}, "
                         f"{json.dumps(self.block_id)}, {json.dumps(parent)});")
        super().render(**kwargs)


def data_parts(html: str, runtimes: list[Runtime]) -> Iterator[str]:
    """The rendered page *html* in pieces, each runtime's data blocks filled in. A
    runtime's texts block is compressed on a second thread (:meth:`Runtime.start_details`,
    begun here if the build has not) while this one writes its first block; it is then
    written whole (a fifth of the texts' JSON)."""
    position = 0
    for runtime in runtimes:
        runtime.start_details()
    for runtime in runtimes:
        blocks = [(DATA_MARK, json_chunks(runtime.data()))]
        if runtime.details() is not None:
            blocks.append((DETAILS_MARK, _details_when_made(runtime)))
        for template, text in blocks:
            mark = template.format(runtime.get_name())
            found = html.find(mark, position)
            if found < 0:
                raise RenderError(f"the page has no data block for {runtime.get_name()}")
            yield html[position:found]
            yield from text
            position = found + len(mark)
    yield html[position:]


#: The thread that deflates the texts blocks (:meth:`Runtime.start_details`).
_DEFLATE = ThreadPoolExecutor(max_workers=1, thread_name_prefix="geomap-deflate")


def _joined_details(details: dict) -> str:
    """The details block's whole text (:func:`details_text`)."""
    return "".join(details_text(details))


def _details_when_made(runtime: Runtime) -> Iterator[str]:
    """The details block of *runtime*, waited for when first iterated (not before)."""
    yield runtime.details_block() or ""


class RuntimeLayer(Layer):
    """A layer the runtime builds: ``GeomapRuntime.<factory>(state, *args)``; a dict
    argument is kept in the runtime's data block (``state.layerArgs``)."""

    _template = Template("")

    def __init__(self, runtime: Runtime, factory: str, *args: object, name: str,
                 show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "GeomapLayer"
        self.runtime = runtime
        self.factory = factory
        self.args = [f"{runtime.get_name()}.layerArgs[{runtime.add_layer_args(arg)}]"
                     if isinstance(arg, dict) else json.dumps(arg) for arg in args]

    def render(self, **kwargs: object) -> None:
        """Put the factory call in the page's script."""
        args = "".join(f", {arg}" for arg in self.args)
        add_script(self, f"var {self.get_name()} = GeomapRuntime.{self.factory}("
                         f"{self.runtime.get_name()}{args});")
        super().render(**kwargs)  # adds the layer to the map when shown
