/* geomap map runtime (our own code, inlined in every map).
 *
 * One shared, column-oriented table of claims; one canvas layer per claimant
 * side draws the claims valid on the selected day; control cells and reference
 * polygons are Leaflet vector layers restyled per day; a slider picks the day.
 * Popups are built from DOM text nodes: article text never reaches innerHTML.
 * The data object (payload) and the layer factories are documented in
 * geomap/render/payload.py.
 */
(function (global) {
  "use strict";

  var DAY_MS = 86400000;
  var OPEN = 1e9;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function isoDay(epochMs, day) {
    return new Date(epochMs + day * DAY_MS).toISOString().slice(0, 10);
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  /* ---- shapes drawn on the canvas, one per event type ------------------ */
  /* A shape is drawn filled, or hollow (stroked only): approximate places, the
   * shapes of OPEN_SHAPES and every mark of a layer with fill: false. */
  var SHAPES = {
    circle: function (ctx, x, y, r) { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 6.2832); },
    triangle: function (ctx, x, y, r) {
      ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r * 1.1, y + r * 0.8);
      ctx.lineTo(x - r * 1.1, y + r * 0.8); ctx.closePath();
    },
    diamond: function (ctx, x, y, r) {
      ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r * 1.2, y); ctx.lineTo(x, y + r * 1.2);
      ctx.lineTo(x - r * 1.2, y); ctx.closePath();
    },
    square: function (ctx, x, y, r) { ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7); },
    cross: function (ctx, x, y, r) {
      ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y + r);
      ctx.moveTo(x + r, y - r); ctx.lineTo(x - r, y + r);
    },
    ring: function (ctx, x, y, r) { ctx.moveTo(x + r * 1.6, y); ctx.arc(x, y, r * 1.6, 0, 6.2832); }
  };
  var OPEN_SHAPES = {cross: true, ring: true};

  /* ---- the shared state of one map ------------------------------------ */
  function State(map, payload) {
    this.map = map;
    this.data = payload;
    this.strings = payload.strings;
    this.epoch = Date.parse(payload.epoch + "T00:00:00Z");
    this.day = payload.day;
    this.timeLayers = [];
    this.pointLayers = [];
    this.listeners = [];
    var c = payload.claims;
    var n = c.lon.length;
    this.px = new Float64Array(n);
    this.py = new Float64Array(n);
    for (var i = 0; i < n; i++) {
      var p = map.project([c.lat[i], c.lon[i]], 0);
      this.px[i] = p.x; this.py[i] = p.y;
    }
    var self = this;
    map.on("click", function (e) { self._click(e); });
    map.on("mousemove", function (e) { self._hover(e); });
  }

  State.prototype.text = function (k) { return k < 0 ? null : this.strings[k]; };
  State.prototype.dayLabel = function (day) { return isoDay(this.epoch, day); };

  State.prototype.setDay = function (day) {
    this.day = day;
    for (var i = 0; i < this.timeLayers.length; i++) { this.timeLayers[i].setDay(day); }
    for (var j = 0; j < this.listeners.length; j++) { this.listeners[j](day); }
  };

  /* Claim ids drawn now: time-valid and in a layer that is on the map. */
  State.prototype.visibleClaimIds = function () {
    var ids = [];
    for (var i = 0; i < this.pointLayers.length; i++) {
      var layer = this.pointLayers[i];
      if (!layer.kind || layer.kind !== "claims" || !layer._map) { continue; }
      var shown = layer.visibleIndices();
      for (var k = 0; k < shown.length; k++) {
        ids.push(this.strings[this.data.claims.id[shown[k]]]);
      }
    }
    return ids;
  };

  State.prototype._nearest = function (point) {
    var best = null, bestD = Infinity;
    for (var i = 0; i < this.pointLayers.length; i++) {
      var layer = this.pointLayers[i];
      if (!layer._map) { continue; }
      var hit = layer.nearest(point);
      // on a tie (a claim under a disagreement ring) the claim wins
      if (hit && (hit.d < bestD || (hit.d === bestD && layer.kind === "claims"))) {
        best = {layer: layer, index: hit.index}; bestD = hit.d;
      }
    }
    return best;
  };

  State.prototype._click = function (e) {
    var hit = this._nearest(e.containerPoint);
    if (!hit) { return; }
    var ll = hit.layer.latLng(hit.index);
    L.popup({maxWidth: 420, className: "geomap-popup-wrap"})
      .setLatLng(ll).setContent(hit.layer.popup(hit.index)).openOn(this.map);
  };

  State.prototype._hover = function (e) {
    var self = this;
    if (this._hoverPending) { return; }
    this._hoverPending = true;
    L.Util.requestAnimFrame(function () {
      self._hoverPending = false;
      self.map.getContainer().style.cursor = self._nearest(e.containerPoint) ? "pointer" : "";
    });
  };

  /* ---- popups ----------------------------------------------------------- */
  State.prototype.claimPopup = function (i) {
    var c = this.data.claims, t = this;
    var box = el("div", "geomap-popup");
    var head = el("div", "geomap-popup-head");
    head.appendChild(el("span", "geomap-side geomap-side-" + this.data.sides[c.side[i]],
                        this.data.sideLabels[c.side[i]]));
    head.appendChild(el("strong", null, " " + this.data.events[c.event[i]]));
    head.appendChild(el("span", null, " · " + t.text(c.place[i])));
    box.appendChild(head);
    box.appendChild(el("div", "geomap-claimant", t.text(c.claimant[i])));
    box.appendChild(el("div", "geomap-date", t.text(c.date[i])));
    var notes = t.text(c.notes[i]);
    if (notes) { box.appendChild(el("div", "geomap-notes", notes)); }
    var sentence = t.text(c.sentence[i]) || "";
    var quote = el("blockquote", "geomap-sentence");
    var a = c.mark0[i], b = c.mark1[i];
    if (a >= 0 && b > a && b <= sentence.length) {
      quote.appendChild(document.createTextNode(sentence.slice(0, a)));
      quote.appendChild(el("mark", null, sentence.slice(a, b)));
      quote.appendChild(document.createTextNode(sentence.slice(b)));
    } else {
      quote.appendChild(document.createTextNode(sentence));
    }
    box.appendChild(quote);
    var source = el("div", "geomap-source");
    var url = safeUrl(t.text(c.url[i]));
    var label = t.text(c.source[i]) || "source";
    if (url) {
      var link = el("a", null, label);
      link.setAttribute("href", url);
      link.setAttribute("target", "_blank");
      link.setAttribute("rel", "noopener noreferrer");
      source.appendChild(link);
    } else {
      source.appendChild(document.createTextNode(label));
    }
    box.appendChild(source);
    return box;
  };

  State.prototype.disputePopup = function (i) {
    var d = this.data.disputes, c = this.data.claims, t = this;
    var box = el("div", "geomap-popup");
    box.appendChild(el("strong", null, "Sides disagree: " + t.text(c.place[d.a[i]])));
    var until = d.t1[i] >= OPEN ? "open" : this.dayLabel(d.t1[i]);
    box.appendChild(el("div", "geomap-date", "from " + this.dayLabel(d.t0[i]) + " until " +
                       until));
    var list = el("ul", "geomap-dispute-list");
    [d.a[i], d.b[i]].forEach(function (row, k) {
      var item = el("li");
      item.appendChild(el("div", "geomap-claimant", t.text(c.claimant[row]) + " (" +
                          t.data.sides[c.side[row]] + "): " + t.data.events[c.event[row]] +
                          ", status " + d.status[i][k] + ", " + t.text(c.date[row])));
      item.appendChild(el("blockquote", "geomap-sentence", t.text(c.sentence[row])));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  };

  /* ---- a canvas layer of points ---------------------------------------- */
  var PointsLayer = L.Layer.extend({
    options: {pane: "overlayPane", radius: 6, padding: 0.25},

    initialize: function (state, spec) {
      this.state = state;
      this.kind = spec.kind;
      this.color = spec.color;
      this.fill = spec.fill !== false;
      this.rows = spec.rows;
      this.t0 = spec.t0; this.t1 = spec.t1;
      this.shapeOf = spec.shapeOf;
      this.hollowOf = spec.hollowOf || function () { return false; };
      this.lat = spec.lat; this.lon = spec.lon;
      this.px = spec.px; this.py = spec.py;
      this.popup = spec.popup;
      this._drawn = [];
      state.pointLayers.push(this);
      state.timeLayers.push(this);
    },

    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "geomap-canvas leaflet-zoom-hide");
      this.getPane().appendChild(this._canvas);
      map.on("moveend resize zoomend viewreset", this._reset, this);
      this._reset();
    },

    onRemove: function (map) {
      map.off("moveend resize zoomend viewreset", this._reset, this);
      L.DomUtil.remove(this._canvas);
      this._canvas = null;
      this._drawn = [];
    },

    setDay: function () { if (this._map) { this._draw(); } },

    visibleIndices: function () {
      var out = [], day = this.state.day, rows = this.rows;
      for (var k = 0; k < rows.length; k++) {
        var i = rows[k];
        if (this.t0[i] <= day && day < this.t1[i]) { out.push(i); }
      }
      return out;
    },

    latLng: function (i) { return L.latLng(this.lat[i], this.lon[i]); },

    /* How row i is drawn: its shape, and whether hollow (stroked only). */
    markStyle: function (i) {
      var shape = this.shapeOf(i);
      return {shape: shape,
              hollow: !this.fill || OPEN_SHAPES[shape] === true || this.hollowOf(i) === true};
    },

    /* The marks of the last draw: row, centre on the canvas (CSS pixels) and style. */
    drawnMarks: function () {
      var out = [];
      if (!this._map) { return out; }
      for (var k = 0; k < this._drawn.length; k++) {
        var i = this._drawn[k], style = this.markStyle(i);
        out.push({index: i, x: this._xs[k] + this._offset.x, y: this._ys[k] + this._offset.y,
                  shape: style.shape, hollow: style.hollow});
      }
      return out;
    },

    nearest: function (point) {
      var best = -1, bestD = (this.options.radius + 4) * (this.options.radius + 4);
      var drawn = this._drawn, xs = this._xs, ys = this._ys;
      for (var k = 0; k < drawn.length; k++) {
        var dx = xs[k] - point.x, dy = ys[k] - point.y, d = dx * dx + dy * dy;
        if (d <= bestD) { bestD = d; best = drawn[k]; }
      }
      return best < 0 ? null : {index: best, d: bestD};
    },

    _reset: function () {
      var map = this._map, size = map.getSize(), pad = this.options.padding;
      var origin = map.containerPointToLayerPoint([-size.x * pad, -size.y * pad]).round();
      this._offset = L.point(size.x * pad, size.y * pad).round();
      var w = Math.round(size.x * (1 + 2 * pad)), h = Math.round(size.y * (1 + 2 * pad));
      var ratio = global.devicePixelRatio || 1;
      this._canvas.width = w * ratio; this._canvas.height = h * ratio;
      this._canvas.style.width = w + "px"; this._canvas.style.height = h + "px";
      L.DomUtil.setPosition(this._canvas, origin);
      this._ratio = ratio;
      this._draw();
    },

    _draw: function () {
      var map = this._map, ctx = this._canvas.getContext("2d");
      ctx.setTransform(this._ratio, 0, 0, this._ratio, 0, 0);
      ctx.clearRect(0, 0, this._canvas.width, this._canvas.height);
      var scale = map.getZoomScale(map.getZoom(), 0);
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      var pixelOrigin = map.getPixelOrigin();
      var ox = -pixelOrigin.x - topLeft.x, oy = -pixelOrigin.y - topLeft.y;
      var pad = this._offset, w = this._canvas.width / this._ratio;
      var h = this._canvas.height / this._ratio;
      var r = this.options.radius, day = this.state.day, rows = this.rows;
      // one path per shape and style, in the order they first appear
      var batches = [], batchOf = {}, drawn = [], xs = [], ys = [];
      for (var k = 0; k < rows.length; k++) {
        var i = rows[k];
        if (!(this.t0[i] <= day && day < this.t1[i])) { continue; }
        var x = this.px[i] * scale + ox, y = this.py[i] * scale + oy;
        drawn.push(i); xs.push(x); ys.push(y);
        var cx = x + pad.x, cy = y + pad.y;
        if (cx < -r * 2 || cy < -r * 2 || cx > w + r * 2 || cy > h + r * 2) { continue; }
        var style = this.markStyle(i), key = style.shape + (style.hollow ? ":hollow" : ":filled");
        var batch = batchOf[key];
        if (!batch) {
          batch = batchOf[key] = {shape: style.shape, hollow: style.hollow, pts: []};
          batches.push(batch);
        }
        batch.pts.push(cx, cy);
      }
      this._drawn = drawn; this._xs = xs; this._ys = ys;
      ctx.lineWidth = 1.5;
      for (var b = 0; b < batches.length; b++) {
        var name = batches[b].shape, pts = batches[b].pts, draw = SHAPES[name] || SHAPES.circle;
        ctx.beginPath();
        for (var p = 0; p < pts.length; p += 2) { draw(ctx, pts[p], pts[p + 1], r); }
        if (batches[b].hollow) {
          ctx.strokeStyle = this.color; ctx.lineWidth = name === "ring" ? 3 : 2.5; ctx.stroke();
        } else {
          ctx.fillStyle = this.color; ctx.globalAlpha = 0.85; ctx.fill();
          ctx.globalAlpha = 1; ctx.strokeStyle = "#ffffff"; ctx.lineWidth = 1; ctx.stroke();
        }
      }
    }
  });

  /* ---- polygons that change with the day ------------------------------- */
  var CellsLayer = L.FeatureGroup.extend({
    initialize: function (state, spec) {
      L.FeatureGroup.prototype.initialize.call(this, []);
      this.state = state;
      this.spec = spec;
      this.kind = "cells";
      var renderer = L.canvas({padding: 0.25});
      var self = this;
      this._cells = spec.cells.map(function (cell) {
        var layer = L.geoJSON(cell.geometry, {renderer: renderer, interactive: true,
                                              style: self._style(null)});
        layer.bindTooltip(function () { return self._tooltip(cell); }, {sticky: true});
        layer._geomapCell = cell;
        return layer;
      });
      state.timeLayers.push(this);
    },

    onAdd: function (map) {
      L.FeatureGroup.prototype.onAdd.call(this, map);
      this.setDay(this.state.day);
    },

    _statusOn: function (cell, day) {
      var spans = cell.spans;
      for (var k = 0; k < spans.length; k++) {
        if (spans[k][0] <= day && day < spans[k][1]) { return spans[k][2]; }
      }
      return null;
    },

    _style: function (status) {
      var colors = this.spec.colors;
      return {stroke: this.spec.stroke !== false, weight: 1, color: this.spec.outline || "#555",
              dashArray: this.spec.dash || null, fill: true,
              fillColor: (status && colors[status]) || "#999999",
              fillOpacity: status ? (this.spec.opacity || 0.3) : 0};
    },

    _tooltip: function (cell) {
      var status = this._statusOn(cell, this.state.day);
      return el("span", null, this.spec.label + ": " + (cell.name ? cell.name + " " : "") +
                (status ? "(" + status + ")" : "(no status on this day)"));
    },

    setDay: function (day) {
      if (!this._map) { return; }
      for (var k = 0; k < this._cells.length; k++) {
        var layer = this._cells[k], status = this._statusOn(layer._geomapCell, day);
        if (status === null) {
          if (this.hasLayer(layer)) { this.removeLayer(layer); }
        } else {
          if (!this.hasLayer(layer)) { this.addLayer(layer); }
          if (layer._geomapStatus !== status) {
            layer.setStyle(this._style(status)); layer._geomapStatus = status;
          }
        }
      }
    },

    visibleCount: function () { return this.getLayers().length; }
  });

  /* ---- controls ---------------------------------------------------------- */
  var SliderControl = L.Control.extend({
    options: {position: "bottomleft"},
    initialize: function (state, options) { L.setOptions(this, options); this.state = state; },
    onAdd: function () {
      var state = this.state, range = state.data.range;
      var box = el("div", "geomap-slider leaflet-bar");
      var play = el("button", "geomap-play", "▶");
      play.type = "button"; play.title = "Play through time";
      var input = el("input");
      input.type = "range"; input.min = range[0]; input.max = range[1]; input.step = 1;
      input.value = state.day; input.setAttribute("aria-label", "Date shown on the map");
      var label = el("span", "geomap-day", "as of " + state.dayLabel(state.day));
      box.appendChild(play); box.appendChild(input); box.appendChild(label);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      input.addEventListener("input", function () { state.setDay(parseInt(input.value, 10)); });
      state.listeners.push(function (day) {
        label.textContent = "as of " + state.dayLabel(day);
        if (parseInt(input.value, 10) !== day) { input.value = day; }
      });
      var timer = null;
      play.addEventListener("click", function () {
        if (timer) { clearInterval(timer); timer = null; play.textContent = "▶"; return; }
        if (state.day >= range[1]) { state.setDay(range[0]); }
        play.textContent = "❚❚";
        var step = Math.max(1, Math.round((range[1] - range[0]) / 120));
        timer = setInterval(function () {
          var next = Math.min(range[1], state.day + step);
          state.setDay(next);
          if (next >= range[1]) { clearInterval(timer); timer = null; play.textContent = "▶"; }
        }, 120);
      });
      this.input = input;
      return box;
    }
  });

  var InfoControl = L.Control.extend({
    initialize: function (build, options) { L.setOptions(this, options); this.build = build; },
    onAdd: function () {
      var box = this.build();
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    }
  });

  function titleBox(data) {
    var box = el("div", "geomap-title");
    box.appendChild(el("div", "geomap-title-main", data.title));
    if (data.subtitle) { box.appendChild(el("div", "geomap-title-sub", data.subtitle)); }
    return box;
  }

  function legendBox(data) {
    var box = el("div", "geomap-legend");
    box.appendChild(el("div", "geomap-legend-head", "Claimant"));
    data.sides.forEach(function (side, k) {
      var row = el("div", "geomap-legend-row");
      var swatch = el("span", "geomap-swatch"); swatch.style.background = data.colors[side];
      row.appendChild(swatch); row.appendChild(el("span", null, data.sideLabels[k]));
      box.appendChild(row);
    });
    box.appendChild(el("div", "geomap-legend-head", "Event"));
    data.events.forEach(function (event, k) {
      var row = el("div", "geomap-legend-row");
      row.appendChild(el("span", "geomap-glyph", data.glyphs[data.shapes[k]] || "●"));
      row.appendChild(el("span", null, event));
      box.appendChild(row);
    });
    if (data.disputes.lon.length) {
      var row = el("div", "geomap-legend-row");
      row.appendChild(el("span", "geomap-glyph geomap-dispute-glyph", "◯"));
      row.appendChild(el("span", null, "sides disagree"));
      box.appendChild(row);
    }
    box.appendChild(el("div", "geomap-legend-note",
                       "Hollow: approximate place (marked at its region). Areas: cells around " +
                       "claimed settlements, not front lines."));
    return box;
  }


  /* ---- reference layer and scorecard panel (issue 13) ---------------------
   * spec: payload.reference_spec. Each distinct geometry is decoded once, on first
   * use; a day step adds and removes only the polygons whose span starts or ends. */
  var REFERENCE_HELD = {RU: "held by Russia", UA: "held by Ukraine", contested: "contested"};

  function decodeRings(polygons, scale) {
    return polygons.map(function (rings) {
      return rings.map(function (flat) {
        var out = [], x = 0, y = 0;
        for (var k = 0; k < flat.length; k += 2) {
          x += flat[k]; y += flat[k + 1]; out.push([y / scale, x / scale]);
        }
        return out;
      });
    });
  }

  var ReferenceLayer = L.FeatureGroup.extend({
    initialize: function (state, spec) {
      L.FeatureGroup.prototype.initialize.call(this, []);
      this.state = state;
      this.spec = spec;
      this.kind = "reference";
      this._renderer = L.canvas({padding: 0.25});
      this._shown = {};   // span index -> L.Polygon
      this._panel = null;
      state.timeLayers.push(this);
    },

    onAdd: function (map) {
      L.FeatureGroup.prototype.onAdd.call(this, map);
      this._panel = new InfoControl(referenceBox.bind(null, this.spec), {position: "topleft"});
      this._panel.addTo(map);
      this.setDay(this.state.day);
    },

    onRemove: function (map) {
      if (this._panel) { map.removeControl(this._panel); this._panel = null; }
      L.FeatureGroup.prototype.onRemove.call(this, map);
    },

    _polygon: function (k) {
      var span = this.spec.spans[k], spec = this.spec, state = this.state;
      var color = spec.colors[span[2]] || "#555555";
      var layer = L.polygon(decodeRings(spec.geometries[span[3]], spec.scale), {
        renderer: this._renderer, interactive: true, color: color, weight: 2,
        dashArray: "6 4", fill: true, fillColor: color, fillOpacity: spec.opacity || 0.12});
      layer.bindTooltip(function () {
        return el("span", null, spec.name + ", assessed " + state.dayLabel(state.day) + ": " +
                  (REFERENCE_HELD[span[2]] || span[2]));
      }, {sticky: true});
      return layer;
    },

    setDay: function (day) {
      if (!this._map) { return; }
      var spans = this.spec.spans;
      for (var k = 0; k < spans.length; k++) {
        var on = spans[k][0] <= day && day < spans[k][1], layer = this._shown[k];
        if (on && !layer) { this._shown[k] = layer = this._polygon(k); this.addLayer(layer); }
        else if (!on && layer) { this.removeLayer(layer); delete this._shown[k]; }
      }
    },

    visibleCount: function () { return this.getLayers().length; }
  });

  function referenceBox(spec) {
    var box = el("div", "geomap-reference");
    box.appendChild(el("div", "geomap-legend-head", "Reference: " + spec.name));
    ["RU", "UA", "contested"].forEach(function (status) {
      if (!spec.spans.some(function (s) { return s[2] === status; })) { return; }
      var row = el("div", "geomap-legend-row");
      var swatch = el("span", "geomap-reference-swatch");
      swatch.style.borderColor = spec.colors[status];
      swatch.style.background = spec.colors[status] + "33";
      row.appendChild(swatch);
      row.appendChild(el("span", null, "assessed " + REFERENCE_HELD[status]));
      box.appendChild(row);
    });
    if (spec.scorecard) {
      var details = el("details", "geomap-scorecard");
      details.appendChild(el("summary", null, "Scorecard: claims against " + spec.name));
      var table = el("table"), head = el("tr");
      spec.scorecard.columns.forEach(function (c) { head.appendChild(el("th", null, c)); });
      table.appendChild(head);
      spec.scorecard.rows.forEach(function (row) {
        var tr = el("tr");
        row.forEach(function (v, k) {
          var text = v === null ? "" : (k === 3 || k === 4) ? Math.round(v * 100) + "%" : v;
          tr.appendChild(el("td", null, text));
        });
        table.appendChild(tr);
      });
      details.appendChild(table);
      box.appendChild(details);
    }
    return box;
  }

  /* ---- public API --------------------------------------------------------- */
  var api = {
    maps: {},

    init: function (map, payload, name) {
      var state = new State(map, payload);
      api.maps[name] = state;
      global.geomap = state;  // the last map on the page, for tests and the console
      map.attributionControl.addAttribution(payload.attribution);
      var labelsByZoom = function () {  // region names only where they can be read
        L.DomUtil[map.getZoom() < 6 ? "addClass" : "removeClass"](
          map.getContainer(), "geomap-far");
      };
      map.on("zoomend", labelsByZoom);
      map.whenReady(labelsByZoom);
      new InfoControl(function () { return titleBox(payload); }, {position: "topright"})
        .addTo(map);
      new InfoControl(function () { return legendBox(payload); }, {position: "bottomright"})
        .addTo(map);
      if (payload.slider) { state.slider = new SliderControl(state).addTo(map); }
      return state;
    },

    claims: function (state, sideIndex) {
      var c = state.data.claims, rows = [];
      for (var i = 0; i < c.side.length; i++) { if (c.side[i] === sideIndex) { rows.push(i); } }
      var shapes = state.data.shapes, approx = c.approx;
      return new PointsLayer(state, {
        kind: "claims", rows: rows, color: state.data.colors[state.data.sides[sideIndex]],
        t0: c.t0, t1: c.t1, lat: c.lat, lon: c.lon, px: state.px, py: state.py,
        shapeOf: function (i) { return shapes[c.event[i]]; },
        hollowOf: function (i) { return approx[i] === true; },
        popup: function (i) { return state.claimPopup(i); }
      });
    },

    disputes: function (state) {
      var d = state.data.disputes, rows = [], px = [], py = [];
      for (var i = 0; i < d.lon.length; i++) {
        rows.push(i);
        var p = state.map.project([d.lat[i], d.lon[i]], 0); px.push(p.x); py.push(p.y);
      }
      var layer = new PointsLayer(state, {
        kind: "disputes", rows: rows, color: state.data.colors.DISPUTE, fill: false,
        t0: d.t0, t1: d.t1, lat: d.lat, lon: d.lon, px: px, py: py,
        shapeOf: function () { return "ring"; },
        popup: function (i) { return state.disputePopup(i); }
      });
      layer.options.radius = 7;
      return layer;
    },

    cells: function (state, spec) { return new CellsLayer(state, spec); },

    reference: function (state, spec) { return new ReferenceLayer(state, spec); },

    basemap: function (state) {
      var base = state.data.basemap, map = state.map;
      if (!map.getPane("geomap-base")) { map.createPane("geomap-base").style.zIndex = 250; }
      var renderer = L.canvas({pane: "geomap-base", padding: 0.5});
      var group = L.layerGroup();
      L.geoJSON(base.countries, {renderer: renderer, interactive: false, style: {
        color: "#7a7a7a", weight: 1.2, fillColor: "#f2efe9", fillOpacity: 1}}).addTo(group);
      L.geoJSON(base.regions, {renderer: renderer, interactive: false, style: {
        color: "#9a9a9a", weight: 0.8, dashArray: "3 3", fill: false}}).addTo(group);
      base.labels.forEach(function (item) {
        L.tooltip({permanent: true, direction: "center", className: "geomap-region-label",
                   interactive: false})
          .setLatLng([item[0], item[1]]).setContent(el("span", null, item[2])).addTo(group);
      });
      return group;
    }
  };

  global.GeomapRuntime = api;
})(window);
