/* geomap map runtime (our own code, inlined in every map).
 *
 * One shared, column-oriented table of claims. The point layers (one per claimant side,
 * and the disagreements) draw on one canvas, the basemap's borders and the territory
 * cells on another below it (see Stage); a slider picks the day, and a day step
 * draws each changed canvas once: the claims shown are found in each layer's rows sorted
 * by date, the marks are stamped from sprites into a pixel buffer put on the canvas once
 * (see stamp), the cells' canvas is left alone when no cell changes status. Work the
 * first view does not need (the texts of popups and tooltips, parsed from a second data
 * block; search suggestions, the claim list, labels of other zooms, the projection of
 * claims not yet shown, the index of rows by date) is done on first use. Cells and
 * borders are SVG path data in map units, parsed natively into Path2D s. Reference
 * polygons are a Leaflet layer. Popups are built from DOM text nodes: article text never reaches
 * innerHTML. The data object (payload) and the layer factories are documented in
 * geomap/render/payload.py.
 * This source is ASCII (other characters written as \u escapes): a script with a single
 * character beyond Latin-1 is held by the browser as two-byte text.
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
    star: function (ctx, x, y, r) {
      for (var k = 0; k < 10; k++) {
        var a = -Math.PI / 2 + k * Math.PI / 5, q = k % 2 ? r * 0.55 : r * 1.3;
        if (k === 0) { ctx.moveTo(x + q * Math.cos(a), y + q * Math.sin(a)); }
        else { ctx.lineTo(x + q * Math.cos(a), y + q * Math.sin(a)); }
      }
      ctx.closePath();
    },
    bar: function (ctx, x, y, r) { ctx.rect(x - r * 1.2, y - r * 0.5, r * 2.4, r); },
    down: function (ctx, x, y, r) {
      ctx.moveTo(x, y + r * 1.2); ctx.lineTo(x + r * 1.1, y - r * 0.8);
      ctx.lineTo(x - r * 1.1, y - r * 0.8); ctx.closePath();
    },
    ring: function (ctx, x, y, r) { ctx.moveTo(x + r * 1.6, y); ctx.arc(x, y, r * 1.6, 0, 6.2832); }
  };
  /* Opacity of a claim by its age in days: full while fresh, then fading until the
   * window ends (the payload's ``fresh`` and ``window``); four steps so marks batch. */
  function ageAlpha(age, fresh, window) {
    if (!(age > fresh)) { return 1; }
    var f = 1 - (age - fresh) / Math.max(1, window - fresh);
    return Math.max(0.25, Math.round(Math.max(0, f) * 4) / 4);
  }
  var OPEN_SHAPES = {cross: true, ring: true};
  var SHAPE_NAMES = Object.keys(SHAPES);

  /* A free square of *side* device pixels in *owner*'s sprite atlas: a canvas of 16 x 2
   * slots for its mark styles (a new one when full; earlier sprites keep theirs). */
  function atlasSlot(owner, side) {
    var atlas = owner._atlas;
    if (!atlas || atlas.cell < side || atlas.used >= 32) {
      var cell = Math.max(40, side), canvas = document.createElement("canvas");
      canvas.width = 16 * cell; canvas.height = 2 * cell;
      owner._atlas = atlas = {canvas: canvas, ctx: canvas.getContext("2d"), cell: cell, used: 0};
    }
    var n = atlas.used++;
    return {canvas: atlas.canvas, ctx: atlas.ctx, x: (n % 16) * atlas.cell,
            y: Math.floor(n / 16) * atlas.cell, side: side};
  }

  /* A sprite's pixels that are not transparent, read once from its atlas: positions in
   * the sprite (cols, rows), opacity (0-255) and colour with opacity (0xAABBGGRR, the
   * ImageData bytes of one pixel read as a little-endian Int32), straight RGBA. */
  function spritePixels(sprite) {
    var side = sprite.side, data = sprite.canvas.getContext("2d")
      .getImageData(sprite.sx, sprite.sy, side, side).data;
    var n = 0, k, j;
    for (k = 3; k < data.length; k += 4) { if (data[k] > 0) { n++; } }
    var out = {cols: new Int16Array(n), rows: new Int16Array(n), alphas: new Uint8Array(n),
               colors: new Int32Array(n), byAlpha: [], width: -1, offsets: null};
    for (k = 0, j = 0; k < side * side; k++) {
      var a = data[4 * k + 3];
      if (a === 0) { continue; }
      out.cols[j] = k % side; out.rows[j] = Math.floor(k / side); out.alphas[j] = a;
      out.colors[j] = data[4 * k] | (data[4 * k + 1] << 8) | (data[4 * k + 2] << 16) | (a << 24);
      j++;
    }
    return out;
  }

  /* The sprite's pixels at opacity *alpha* (0xAABBGGRR), made once per opacity (in
   * steps of 1/255). */
  function spriteAt(px, alpha) {
    var level = Math.round(alpha * 255), found = px.byAlpha[level];
    if (found) { return found; }
    var colors = new Int32Array(px.colors.length);
    for (var j = 0; j < colors.length; j++) {
      colors[j] = (px.colors[j] & 0xffffff) | (Math.round(px.alphas[j] * level / 255) << 24);
    }
    return (px.byAlpha[level] = colors);
  }

  /* Copy *sprite* into the frame's pixel buffer (frame.buf: frame.bw x frame.bh device
   * pixels, RGBA as ImageData holds it) with its top left at device pixel (x, y), at
   * opacity *alpha*: "source-over" as the canvas would draw it, on straight colours.
   * Stamping in script and putting the buffer once costs far less than a drawImage per
   * mark (about 12 us each in Chromium, whatever the sprite's size). */
  function stamp(frame, sprite, x, y, alpha) {
    var px = sprite.pixels || (sprite.pixels = spritePixels(sprite));
    var buf = frame.buf, w = frame.bw, h = frame.bh, side = sprite.side, j, at, under, color;
    var colors = alpha === 1 ? px.colors : spriteAt(px, alpha), n = colors.length;
    var dirty = frame.dirty;  // the box of what the frame stamped
    if (x < dirty[0]) { dirty[0] = Math.max(0, x); }
    if (y < dirty[1]) { dirty[1] = Math.max(0, y); }
    if (x + side > dirty[2]) { dirty[2] = Math.min(w, x + side); }
    if (y + side > dirty[3]) { dirty[3] = Math.min(h, y + side); }
    if (x >= 0 && y >= 0 && x + side <= w && y + side <= h) {  // whole: offsets per width
      if (px.width !== w) {
        px.offsets = new Int32Array(n); px.width = w;
        for (j = 0; j < n; j++) { px.offsets[j] = px.rows[j] * w + px.cols[j]; }
      }
      var offsets = px.offsets, base = y * w + x;
      for (j = 0; j < n; j++) {
        at = base + offsets[j]; under = buf[at]; color = colors[j];
        if (under === 0 || (color >>> 24) === 255) { buf[at] = color; }
        else { buf[at] = blend(color, under); }
      }
      return;
    }
    for (j = 0; j < n; j++) {  // at an edge of the canvas: each pixel checked
      var xx = x + px.cols[j], yy = y + px.rows[j];
      if (xx < 0 || yy < 0 || xx >= w || yy >= h) { continue; }
      at = yy * w + xx; under = buf[at]; color = colors[j];
      buf[at] = under === 0 || (color >>> 24) === 255 ? color : blend(color, under);
    }
  }

  /* Colour *color* over *under* (0xAABBGGRR, straight), "source-over". */
  function blend(color, under) {
    var sa = color >>> 24;
    if (sa === 0) { return under; }
    var da = under >>> 24, rest = 255 - sa;
    if (da === 255) {  // over an opaque pixel (marks on marks): integer weights
      var b = ((color >> 16) & 255) * sa + ((under >> 16) & 255) * rest;
      var g = ((color >> 8) & 255) * sa + ((under >> 8) & 255) * rest;
      var r = (color & 255) * sa + (under & 255) * rest;
      return -16777216 | (((b * 257 + 32896) >> 16) << 16) | (((g * 257 + 32896) >> 16) << 8) |
        ((r * 257 + 32896) >> 16);  // x / 255 rounded, as (x * 257 + 32896) >> 16
    }
    var keep = da * rest / 255, oa = sa + keep;
    var red = ((color & 255) * sa + (under & 255) * keep) / oa;
    var green = (((color >> 8) & 255) * sa + ((under >> 8) & 255) * keep) / oa;
    var blue = (((color >> 16) & 255) * sa + ((under >> 16) & 255) * keep) / oa;
    return (Math.round(oa) << 24) | (Math.round(blue) << 16) | (Math.round(green) << 8) |
      Math.round(red);
  }

  /* *rows* ordered by t0[row], then by row: a typed-array sort of keys t0 * 2^21 + row when
   * days are whole and rows below 2^21 (exact in a double), else a comparison sort. */
  function sortedByStart(rows, t0) {
    var n = rows.length, keys = new Float64Array(n), low = Infinity, k, whole = true;
    for (k = 0; k < n; k++) {
      var t = t0[rows[k]];
      if (t < low) { low = t; }
      if (t !== Math.floor(t) || rows[k] >= 2097152) { whole = false; }
    }
    if (!whole || !(n > 0)) {
      return Array.prototype.slice.call(rows).sort(function (a, b) {
        return t0[a] - t0[b] || a - b;
      });
    }
    for (k = 0; k < n; k++) { keys[k] = (t0[rows[k]] - low) * 2097152 + rows[k]; }
    keys.sort();
    var out = new Array(n);
    for (k = 0; k < n; k++) { out[k] = keys[k] % 2097152; }
    return out;
  }

  /* ---- the shared state of one map ------------------------------------ */
  function State(map, payload) {
    this.map = map;
    this.data = payload;
    this.epoch = Date.parse(payload.epoch + "T00:00:00Z");
    this.day = payload.day;
    this.timeLayers = [];
    this.pointLayers = [];
    this.listeners = [];
    var c = payload.claims;
    var n = c.lon.length;
    this.projectInto = projectorInto(map);
    // zoom-0 pixels of each claim, projected when first drawn (NaN until then)
    this.px = new Float64Array(n).fill(NaN);
    this.py = new Float64Array(n).fill(NaN);
    var self = this;
    // the point layers (claims, disagreements), on a canvas cut to where they can be
    this.stage = new Stage(this, {pixels: true, extent: function () { return self.extent(); }});
    this.cellStage = new Stage(this, {pane: "geomap-cells"});  // the territory cells, below
    map.on("click", function (e) { self._click(e); });
    map.on("mousemove", function (e) { self._hover(e); });
  }

  /* [south, west, north, east] of every claim and disagreement (those drawn at their
   * region's name included), found once; null when there are none. */
  State.prototype.extent = function () {
    if (this._extent !== undefined) { return this._extent; }
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    [this.data.claims, this.data.disputes].forEach(function (table) {
      for (var i = 0; table && i < table.lat.length; i++) {
        var lat = table.lat[i], lon = table.lon[i];
        if (lat < box[0]) { box[0] = lat; } if (lat > box[2]) { box[2] = lat; }
        if (lon < box[1]) { box[1] = lon; } if (lon > box[3]) { box[3] = lon; }
      }
    });
    return (this._extent = box[0] <= box[2] ? box : null);
  };

  /* The string table (payload.strings; parsed on first use, see lazyDetails). */
  Object.defineProperty(State.prototype, "strings", {
    get: function () { return this.data.strings; }
  });
  State.prototype.text = function (k) { return k < 0 ? null : this.strings[k]; };
  /* The claim as a sentence: "who: what (when)" (geomap/render/words.py). */
  State.prototype.says = function (i) {
    var c = this.data.claims;
    return this.text(c.who[i]) + ": " + this.text(c.says[i]) + " (" + this.text(c.when[i]) + ")";
  };
  State.prototype.dayLabel = function (day) { return isoDay(this.epoch, day); };

  State.prototype.setDay = function (day) {
    this.day = day;
    for (var i = 0; i < this.timeLayers.length; i++) { this.timeLayers[i].setDay(day); }
    this.cellStage.draw(true);  // only if a cell changed status
    this.stage.draw();  // one canvas draw for every point layer
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

  /* Every mark under a point: [{layer, index, d}], disagreements first. */
  State.prototype._hits = function (point) {
    var hits = [];
    for (var i = 0; i < this.pointLayers.length; i++) {
      var layer = this.pointLayers[i];
      if (!layer._map) { continue; }
      var found = layer.hitsAt(point);
      for (var k = 0; k < found.length; k++) {
        hits.push({layer: layer, index: found[k].index, d: found[k].d});
      }
    }
    hits.sort(function (p, q) {
      var pk = p.layer.kind === "disputes" ? 0 : 1, qk = q.layer.kind === "disputes" ? 0 : 1;
      return pk - qk || p.d - q.d;
    });
    return hits;
  };

  State.prototype._nearest = function (point) {
    var hits = this._hits(point);
    return hits.length ? hits[0] : null;
  };

  /* A click anywhere on a disagreement ring or its place opens the disagreement; marks
   * drawn on one spot open a list of their claims (each opens its own popup). */
  State.prototype._click = function (e) {
    var hits = this._hits(e.containerPoint);
    if (!hits.length) { return; }
    var first = hits[0];
    if (first.layer.kind === "disputes") {
      this.openDispute(first.index);
      return;
    }
    var rows = hits.map(function (h) { return h.index; });
    if (rows.length === 1) { this.openClaim(rows[0]); return; }
    this.openList(rows, first.layer.latLng(first.index));
  };

  State.prototype._popup = function (latlng, content) {
    this._popupLayer = L.popup({maxWidth: 440, className: "geomap-popup-wrap"})
      .setLatLng(latlng).setContent(content).openOn(this.map);
    return this._popupLayer;
  };

  State.prototype.claimLatLng = function (i) {
    var c = this.data.claims, r = c.region[i];
    if (r >= 0) { return L.latLng(this.data.regions.lat[r], this.data.regions.lon[r]); }
    return L.latLng(c.lat[i], c.lon[i]);
  };

  State.prototype.openClaim = function (i) {
    this._popup(this.claimLatLng(i), this.claimPopup(i));
    this.openClaimId = this.strings[this.data.claims.id[i]];  // after the old popup closed
    this._notify();
  };

  State.prototype.openDispute = function (i) {
    var d = this.data.disputes;
    this.openClaimId = null;
    this._popup(L.latLng(d.lat[i], d.lon[i]), this.disputePopup(i));
  };

  State.prototype.openList = function (rows, latlng) {
    var t = this, box = el("div", "geomap-popup");
    box.appendChild(el("strong", null, rows.length + " claims here"));
    var list = el("ul", "geomap-stack-list");
    rows.forEach(function (row) {
      var item = el("li", "geomap-link", t.says(row));
      item.addEventListener("click", function () { t.openClaim(row); });
      list.appendChild(item);
    });
    box.appendChild(list);
    this._popup(latlng, box);
  };

  State.prototype._hover = function (e) {
    var self = this;
    this._hoverPoint = e.containerPoint;
    if (this._hoverPending) { return; }
    this._hoverPending = true;
    L.Util.requestAnimFrame(function () {
      self._hoverPending = false;
      var hits = self._hits(self._hoverPoint), tip = self._tip;
      self.map.getContainer().style.cursor = hits.length ? "pointer" : "";
      if (!tip) {
        tip = self._tip = el("div", "geomap-hover");
        self.map.getContainer().appendChild(tip);
      }
      var cell = null;
      for (var k = 0; !hits.length && !cell && k < self.timeLayers.length; k++) {
        if (self.timeLayers[k].kind === "cells") { cell = self.timeLayers[k].tooltipAt(self._hoverPoint); }
      }
      if (!hits.length && !cell) { tip.style.display = "none"; return; }
      var h = hits[0], c = self.data.claims;
      var text = cell !== null ? cell : h.layer.kind === "disputes"
        ? "Sides disagree about " + self.text(c.place[self.data.disputes.a[h.index]]) +
          " (click for both claims)"
        : self.says(h.index) + (hits.length > 1 ? "  (+" + (hits.length - 1) +
                                            " more here)" : "");
      tip.textContent = text;
      tip.style.display = "block";
      tip.style.left = (self._hoverPoint.x + 14) + "px";
      tip.style.top = (self._hoverPoint.y + 10) + "px";
    });
  };

  /* ---- popups ----------------------------------------------------------- */
  State.prototype.claimPopup = function (i) {
    var c = this.data.claims, t = this;
    var box = el("div", "geomap-popup");
    box.appendChild(el("div", "geomap-says", t.says(i)));
    var head = el("div", "geomap-popup-head");
    head.appendChild(el("span", "geomap-side geomap-side-" + this.data.sides[c.side[i]],
                        this.data.sideLabels[c.side[i]]));
    head.appendChild(el("strong", null, " " + this.data.events[c.event[i]]));
    head.appendChild(el("span", null, " \u00b7 " + t.text(c.place[i])));
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
    var box = el("div", "geomap-popup geomap-dispute");
    box.appendChild(el("strong", null, "Sides disagree: " + t.text(c.place[d.a[i]])));
    var until = d.t1[i] >= OPEN ? "open" : this.dayLabel(d.t1[i]);
    box.appendChild(el("div", "geomap-date", "both current from " + this.dayLabel(d.t0[i]) +
                       " until " + until));
    var list = el("ul", "geomap-dispute-list");
    [d.a[i], d.b[i]].forEach(function (row, k) {
      var item = el("li");
      var says = el("div", "geomap-says geomap-link", t.says(row));
      says.addEventListener("click", function () { t.openClaim(row); });
      item.appendChild(says);
      item.appendChild(el("div", "geomap-claimant", t.text(c.claimant[row]) + " (" +
                          t.data.sides[c.side[row]] + "): " + t.data.events[c.event[row]] +
                          ", status " + d.status[i][k] + ", " + t.text(c.date[row])));
      item.appendChild(el("blockquote", "geomap-sentence", t.text(c.sentence[row])));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  };

  /* Zoom-0 pixels of a point, as map.project(latlng, 0) gives them on Web Mercator maps
   * (computed here without making a Point per call; other projections ask the map),
   * written into out[k] (x) and out[k + 1] (y): no array per point. */
  function projectorInto(map) {
    if (map.options.crs !== L.CRS.EPSG3857) {
      return function (lat, lon, out, k) {
        var p = map.project([lat, lon], 0); out[k] = p.x; out[k + 1] = p.y;
      };
    }
    var d = Math.PI / 180, max = 85.0511287798, f = 256 / (4 * Math.PI);
    return function (lat, lon, out, k) {
      var s = Math.sin((lat > max ? max : lat < -max ? -max : lat) * d);
      out[k] = 256 * (lon / 360 + 0.5); out[k + 1] = 128 - f * Math.log((1 + s) / (1 - s));
    };
  }

  /* ---- one canvas over the map and its padding for several layers ---------------
   * The point layers (claims, disagreements) are members of one Stage, the territory cells
   * of another below it (pane geomap-cells): each one canvas, cleared and drawn once per
   * change (a day step, a move, a layer switched on or off), its members in the order the
   * layers were made; the cells' canvas is left as it is on a day step that changes no
   * cell. Adding layers at load asks for one draw after the page's script (a microtask),
   * not one per layer. Each member's ``_paint(frame)`` draws it. */
  var EXTENT_MARGIN = 64;  // CSS pixels around a stage's extent: marks, rings and counts
  var Stage = L.Layer.extend({
    options: {pane: "overlayPane", padding: 0.1},

    initialize: function (state, options) {
      L.setOptions(this, options); this.state = state; this.members = [];
    },

    join: function (layer) {
      if (this.members.indexOf(layer) < 0) { this.members.push(layer); }
      if (!this._map) { this.state.map.addLayer(this); } else { this.later(); }
    },

    leave: function (layer) {
      var k = this.members.indexOf(layer);
      if (k >= 0) { this.members.splice(k, 1); }
      if (!this.members.length && this._map) { this._map.removeLayer(this); }
      else { this.later(); }
    },

    onAdd: function (map) {
      if (!map.getPane(this.options.pane)) {
        var pane = map.createPane(this.options.pane);
        pane.style.zIndex = 390; pane.style.pointerEvents = "none";
      }
      this._canvas = L.DomUtil.create("canvas", "geomap-canvas leaflet-zoom-hide");
      this.getPane().appendChild(this._canvas);
      map.on("moveend resize", this._reset, this);
      this._resize();
      this.later();
    },

    onRemove: function (map) {
      map.off("moveend resize", this._reset, this);
      L.DomUtil.remove(this._canvas);
      this._canvas = null;
    },

    /* One draw after the running script (several layers added or removed at once). */
    later: function () {
      if (this._pending) { return; }
      this._pending = true;
      var self = this;
      Promise.resolve().then(function () { self._pending = false; self.draw(); });
    },

    /* The canvas covers the view and its padding (container pixels), cut to the stage's
     * extent (option ``extent``: [south, west, north, east] of everything it can draw,
     * and EXTENT_MARGIN pixels around it for the marks and their counts) when it has
     * one: the points' canvas is then often a fraction of the view, which costs less to
     * clear, stamp and hand to the compositor. ``_offset``: where container pixel (0, 0)
     * is on the canvas. */
    _resize: function () {
      var map = this._map, size = map.getSize(), pad = this.options.padding;
      var x0 = -size.x * pad, y0 = -size.y * pad;
      var x1 = size.x * (1 + pad), y1 = size.y * (1 + pad);
      var extent = this.options.extent ? this.options.extent() : null;
      if (extent) {
        var nw = map.latLngToContainerPoint([extent[2], extent[1]]);
        var se = map.latLngToContainerPoint([extent[0], extent[3]]);
        x0 = Math.max(x0, nw.x - EXTENT_MARGIN); y0 = Math.max(y0, nw.y - EXTENT_MARGIN);
        x1 = Math.min(x1, se.x + EXTENT_MARGIN); y1 = Math.min(y1, se.y + EXTENT_MARGIN);
      }
      x0 = Math.round(x0); y0 = Math.round(y0);
      var w = Math.max(1, Math.round(x1) - x0), h = Math.max(1, Math.round(y1) - y0);
      var origin = map.containerPointToLayerPoint([x0, y0]).round();
      this._offset = L.point(-x0, -y0);
      var ratio = global.devicePixelRatio || 1;
      if (this._canvas.width !== w * ratio || this._canvas.height !== h * ratio) {
        this._canvas.width = w * ratio; this._canvas.height = h * ratio;
        this._canvas.style.width = w + "px"; this._canvas.style.height = h + "px";
      }
      L.DomUtil.setPosition(this._canvas, origin);
      this._ratio = ratio;
    },

    _reset: function () { this._resize(); this.draw(); },

    /* The cleared context and the transform from zoom-0 pixels (map.project(.., 0)) to
     * container pixels: x * scale + ox (add the padding offset for the canvas). */
    _frame: function (pixels) {
      var map = this._map, canvas = this._canvas, ctx = canvas.getContext("2d");
      var frame = {ctx: ctx, scale: map.getZoomScale(map.getZoom(), 0),
                   w: canvas.width / this._ratio, h: canvas.height / this._ratio};
      var topLeft = map.containerPointToLayerPoint([0, 0]), origin = map.getPixelOrigin();
      frame.ox = -origin.x - topLeft.x; frame.oy = -origin.y - topLeft.y;
      ctx.setTransform(this._ratio, 0, 0, this._ratio, 0, 0);
      if (!pixels) { ctx.clearRect(0, 0, frame.w, frame.h); return frame; }
      // the pixel buffer: cleared where the last frame stamped (rows), put where this one
      // or the last one stamped (the rest of the canvas stays clear)
      var image = this._image, last = this._dirty;
      if (!image || image.width !== canvas.width || image.height !== canvas.height) {
        image = this._image = new ImageData(canvas.width, canvas.height);
        this._buf = new Int32Array(image.data.buffer);
        last = [0, 0, image.width, image.height];  // the whole canvas, once
      } else if (last) {
        this._buf.fill(0, last[1] * image.width, last[3] * image.width);
      }
      frame.image = image; frame.buf = this._buf; frame.bw = image.width; frame.bh = image.height;
      frame.last = last; frame.dirty = [image.width, image.height, 0, 0];
      return frame;
    },

    /* Clear the canvas and draw every member on the map (*ifChanged*: only when a member
     * says its drawing changed since the last draw). A stage with the option ``pixels``
     * gives its members a pixel buffer (frame.buf, see stamp) and puts it on the canvas
     * once, after them; not at its first draw, when the stamping code has not been
     * compiled yet (at load, copying by drawImage costs less). */
    draw: function (ifChanged) {
      if (!this._map) { return; }
      var order = this.state.timeLayers, k, layer, changed = !ifChanged;
      for (k = 0; k < this.members.length && !changed; k++) { changed = this.members[k]._changed; }
      if (!changed) { return; }
      var frame = this._frame(this.options.pixels && this._drawnOnce === true);
      this._drawnOnce = true;
      order = this.members.filter(function (m) { return m.kind === "borders"; }).concat(order);
      for (k = 0; k < order.length; k++) {
        layer = order[k];
        if (!layer._map || this.members.indexOf(layer) < 0) { continue; }
        layer._canvas = this._canvas; layer._ratio = this._ratio; layer._offset = this._offset;
        layer._changed = false;
        layer._paint(frame);
      }
      if (frame.buf) { this._put(frame); }
    },

    /* Put the frame's pixel buffer on the canvas over what it or the last frame stamped. */
    _put: function (frame) {
      var d = frame.dirty, last = frame.last || d;
      var x0 = Math.min(d[0], last[0]), y0 = Math.min(d[1], last[1]);
      var x1 = Math.max(d[2], last[2]), y1 = Math.max(d[3], last[3]);
      this._dirty = d[2] > d[0] ? d : null;
      if (x1 > x0 && y1 > y0) {
        frame.ctx.putImageData(frame.image, 0, 0, x0, y0, x1 - x0, y1 - y0);
      }
    }
  });

  /* A layer drawn on one of the state's Stages (the borders and the cells on the cells'
   * one, points on the other); its canvas is the stage's while on the map. */
  var CanvasLayer = L.Layer.extend({
    options: {pane: "overlayPane"},
    _stage: function () {
      return this.kind === "cells" || this.kind === "borders" ? this.state.cellStage
        : this.state.stage;
    },
    onAdd: function () {
      var stage = this._stage();
      this._canvas = stage._canvas; this._ratio = stage._ratio; this._offset = stage._offset;
      stage.join(this);
      if (!this._canvas) {
        this._canvas = stage._canvas; this._ratio = stage._ratio; this._offset = stage._offset;
      }
    },
    onRemove: function () { this._stage().leave(this); }
  });

  /* ---- the basemap's borders: countries filled, regions dashed, drawn first on the
   * cells' canvas (one canvas less to hand to the compositor), as one Path2D per country
   * and one for every region's outline, parsed by the browser from the payload's SVG path
   * data (map units, like the cells: payload.basemap_paths). Drawn straight on it at the
   * first draw of a view (the load, a move); a later draw of the same view (a day step
   * that changes a cell) copies them from an image of them made then. */
  var BordersLayer = CanvasLayer.extend({
    initialize: function (state, base) {
      this.state = state; this.base = base; this.kind = "borders";
    },
    onRemove: function (map) {
      CanvasLayer.prototype.onRemove.call(this, map);
      this._image = this._view = null;
    },
    /* The outlines as Path2D s (map units, payload.basemap_paths), made once. */
    _paths: function () {
      if (this._made) { return this._made; }
      var base = this.base;
      var path = function (d) { return new Path2D(d); };
      return (this._made = {countries: (base.countries || []).map(path),
                            regions: path(base.regions || "")});
    },
    _paint: function (frame) {
      var canvas = this._canvas, view = [frame.scale, frame.ox, frame.oy, canvas.width,
                                          canvas.height, this._offset.x, this._offset.y].join();
      var ctx = frame.ctx;
      if (this._view === view) {  // the same view again: from (or into) the image
        if (!this._image) {
          var image = this._image = document.createElement("canvas");
          image.width = canvas.width; image.height = canvas.height;
          var ictx = image.getContext("2d");
          ictx.setTransform(this._ratio, 0, 0, this._ratio, 0, 0);
          this._trace(ictx, frame);
        }
        ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.globalCompositeOperation = "copy";  // first on the canvas: a copy, no blending
        ctx.drawImage(this._image, 0, 0);
        ctx.restore();
        return;
      }
      this._view = view; this._image = null;
      this._trace(ctx, frame);
    },
    _trace: function (ctx, frame) {
      var paths = this._paths(), per = frame.scale / this.state.data.cellScale, c;
      ctx.save();
      ctx.setTransform(per * this._ratio, 0, 0, per * this._ratio,
                       (frame.ox + this._offset.x) * this._ratio,
                       (frame.oy + this._offset.y) * this._ratio);
      ctx.lineCap = ctx.lineJoin = "round";
      // 1 px, not more: a line one device pixel wide (or less) is drawn by the canvas's
      // thin-line path; at 1.2 px the country outlines cost twenty times as much to draw
      ctx.fillStyle = "#f2efe9"; ctx.strokeStyle = "#7a7a7a"; ctx.lineWidth = 1 / per;
      for (c = 0; c < paths.countries.length; c++) {
        ctx.fill(paths.countries[c], "evenodd"); ctx.stroke(paths.countries[c]);
      }
      ctx.setLineDash([3 / per, 3 / per]); ctx.strokeStyle = "#9a9a9a"; ctx.lineWidth = 0.8 / per;
      ctx.stroke(paths.regions);
      ctx.restore();
    }
  });

  /* ---- a canvas layer of points ---------------------------------------- */
  var PointsLayer = CanvasLayer.extend({
    options: {pane: "overlayPane", radius: 6, padding: 0.1},

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
      this.skip = spec.skip || null;  // rows drawn elsewhere (claims about a whole region)
      this.aging = spec.aging === true;
      this._drawn = [];
      state.pointLayers.push(this);
      state.timeLayers.push(this);
    },

    onRemove: function (map) {
      CanvasLayer.prototype.onRemove.call(this, map);
      this._drawn = [];
    },

    setDay: function () {},  // the state redraws the stage once per day step

    visibleIndices: function () {
      var out = [], day = this.state.day, shown = this._window(day), rows = shown.rows;
      for (var k = shown.from; k < shown.to; k++) {
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

    /* Marks within reach of *point* (container pixels): the mark's radius plus 4 px. */
    hitsAt: function (point) {
      var reach = this.options.hit || this.options.radius + 4, out = [];
      var drawn = this._drawn, xs = this._xs, ys = this._ys;
      for (var k = 0; k < drawn.length; k++) {
        var dx = xs[k] - point.x, dy = ys[k] - point.y, d = dx * dx + dy * dy;
        if (d <= reach * reach) { out.push({index: drawn[k], d: d}); }
      }
      return out;
    },

    nearest: function (point) {
      var hits = this.hitsAt(point), best = null;
      for (var k = 0; k < hits.length; k++) { if (!best || hits[k].d < best.d) { best = hits[k]; } }
      return best;
    },

    /* The layer's rows sorted by first day, and the longest span: the rows shown on a
     * day are found by two binary searches (t0 in (day - longest, day]), then each is
     * checked against its own t0 and t1, not by a pass over every row. Made on the second
     * use (the first, at load, is one pass over the rows) from the t0 of that moment: a
     * row whose t0 is raised later (the language filter hides rows by setting t0 to
     * Infinity, and restores the original) is still right. */
    _window: function (day) {
      var w = this._byDate;
      if (!w && !this._scanned) {  // the first draw: one pass; the index is made at the next
        this._scanned = true;
        var shown = [], all = this.rows;
        for (var j = 0; j < all.length; j++) {
          if (this.t0[all[j]] <= day && day < this.t1[all[j]]) { shown.push(all[j]); }
        }
        shown = sortedByStart(shown, this.t0);
        return {rows: shown, from: 0, to: shown.length};
      }
      if (!w) {
        var rows = this.rows, t0 = this.t0, t1 = this.t1, longest = 0, n = rows.length;
        var order = sortedByStart(rows, t0);
        var starts = new Float64Array(n);
        for (var k = 0; k < n; k++) {
          starts[k] = t0[order[k]];
          longest = Math.max(longest, t1[order[k]] - t0[order[k]]);
        }
        w = this._byDate = {rows: order, starts: starts, longest: longest};
      }
      var after = function (value) {  // first index whose start is > value
        var lo = 0, hi = w.starts.length;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (w.starts[mid] > value) { hi = mid; } else { lo = mid + 1; } }
        return lo;
      };
      return {rows: w.rows, from: w.longest >= OPEN ? 0 : after(day - w.longest), to: after(day)};
    },

    /* A mark drawn once, at full opacity, into the layer's sprite atlas, then copied (at
     * the claim's opacity) for every claim of the same shape and style: a copy costs far
     * less than filling and stroking a path. Kept per device pixel ratio. */
    _sprite: function (shape, hollow, r, ratio) {
      var key = shape + (hollow ? ":hollow:" : ":filled:") + ratio;
      var sprites = this._sprites || (this._sprites = {});
      if (sprites[key]) { return sprites[key]; }
      var half = Math.ceil(r * 1.6 + 4), size = 2 * half;
      var slot = atlasSlot(this, Math.ceil(size * ratio)), ctx = slot.ctx;
      var draw = SHAPES[shape] || SHAPES.circle;
      ctx.save();
      ctx.setTransform(ratio, 0, 0, ratio, slot.x, slot.y);
      ctx.beginPath(); draw(ctx, half, half, r);
      if (hollow) {
        if (shape === "ring") {  // a white halo keeps the ring legible on any colour
          ctx.strokeStyle = "#ffffff"; ctx.lineWidth = 6; ctx.stroke();
        }
        ctx.strokeStyle = this.color; ctx.lineWidth = shape === "ring" ? 3 : 2.5; ctx.stroke();
      } else {
        ctx.fillStyle = this.color; ctx.globalAlpha = 0.9; ctx.fill();
        ctx.globalAlpha = 1; ctx.strokeStyle = "#ffffff"; ctx.lineWidth = 1; ctx.stroke();
      }
      ctx.restore();
      return (sprites[key] = {canvas: slot.canvas, sx: slot.x, sy: slot.y, side: slot.side,
                              half: half, size: size});
    },

    /* Row i's style as a small integer: its shape's index in SHAPE_NAMES, times 2, plus
     * 1 when hollow (shape and hollowness do not change with the day); found on first
     * use and kept. */
    _styleCode: function (i) {
      var codes = this._codes;
      if (!codes) {
        var n = 0;
        for (var k = 0; k < this.rows.length; k++) { n = Math.max(n, this.rows[k] + 1); }
        codes = this._codes = new Uint8Array(n).fill(255);
      }
      if (codes[i] === 255) {
        var style = this.markStyle(i), shape = SHAPE_NAMES.indexOf(style.shape);
        codes[i] = 2 * (shape < 0 ? 0 : shape) + (style.hollow ? 1 : 0);
      }
      return codes[i];
    },

    _paint: function (frame) {
      var scale = frame.scale, ratio = this._ratio;
      var ox = frame.ox, oy = frame.oy, pad = this._offset, w = frame.w, h = frame.h;
      var r = this.options.radius, day = this.state.day, t0 = this.t0, t1 = this.t1;
      var px = this.px, py = this.py, lat = this.lat, lon = this.lon, xy = [0, 0];
      var project = this.state.projectInto;
      var skip = this.skip, aging = this.aging, fresh = this.state.data.fresh;
      var window = this.state.data.window, shown = this._window(day), rows = shown.rows;
      var bySpot = new Map(), counts = [], drawn = [], xs = [], ys = [], marks = [];
      // every sprite is made before the first copy (drawing into the atlas after copying
      // from it would make the browser snapshot it again)
      var sprites = new Array(2 * SHAPE_NAMES.length).fill(null);
      var margin = 2 * r, left = -margin, top = -margin, right = w + margin, bottom = h + margin;
      for (var k = shown.from; k < shown.to; k++) {
        var i = rows[k];
        if (!(t0[i] <= day && day < t1[i]) || (skip && skip[i] >= 0)) { continue; }
        if (px[i] !== px[i]) { project(lat[i], lon[i], xy, 0); px[i] = xy[0]; py[i] = xy[1]; }
        var x = px[i] * scale + ox, y = py[i] * scale + oy;
        drawn.push(i); xs.push(x); ys.push(y);
        var cx = x + pad.x, cy = y + pad.y;
        if (cx < left || cy < top || cx > right || cy > bottom) { continue; }
        // marks within a 3 px square are one stack: their count is drawn beside them
        var spot = (Math.round(cx / 3) + 1024) * 4096 + Math.round(cy / 3) + 1024;
        var stack = bySpot.get(spot);
        if (stack === undefined) { bySpot.set(spot, [1, cx, cy]); }
        else { stack[0] += 1; stack[1] = cx; stack[2] = cy; }
        var code = this._styleCode(i);
        if (sprites[code] === null) {
          sprites[code] = this._sprite(SHAPE_NAMES[code >> 1], (code & 1) === 1, r, ratio);
        }
        marks.push(code, aging ? ageAlpha(day - t0[i], fresh, window) : 1, cx, cy);
      }
      this._drawn = drawn; this._xs = xs; this._ys = ys;
      bySpot.forEach(function (stack) {
        if (stack[0] >= 2) { counts.push(stack[0], stack[1], stack[2]); }
      });
      for (var q = 0; q < counts.length; q += 3) {
        counts[q] = this._countSprite(counts[q], ratio);
      }
      for (var m = 0; m < marks.length; m += 4) {
        this._copy(frame, sprites[marks[m]], marks[m + 2] - sprites[marks[m]].half,
                   marks[m + 3] - sprites[marks[m]].half, marks[m + 1]);
      }
      for (var n = 0; n < counts.length; n += 3) {  // the text's left middle at (x + r + 2, y - r)
        this._copy(frame, counts[n], counts[n + 1] + r, counts[n + 2] - r - counts[n].half, 1);
      }
    },

    /* A sprite with its top left at (x, y) (CSS pixels, snapped to device pixels). */
    _copy: function (frame, sprite, x, y, alpha) {
      var ratio = this._ratio, dx = Math.round(x * ratio), dy = Math.round(y * ratio);
      if (frame.buf) { stamp(frame, sprite, dx, dy, alpha); return; }
      frame.ctx.globalAlpha = alpha;
      frame.ctx.drawImage(sprite.canvas, sprite.sx, sprite.sy, sprite.side, sprite.side,
                          dx / ratio, dy / ratio, sprite.size, sprite.size);
      frame.ctx.globalAlpha = 1;
    },

    /* The count *n* as drawn beside a stack of marks (white-edged text in the layer's
     * colour, its left middle 2 px into the sprite), made once per count. */
    _countSprite: function (n, ratio) {
      var key = "count:" + n + ":" + ratio, sprites = this._sprites || (this._sprites = {});
      if (sprites[key]) { return sprites[key]; }
      var size = 40, half = 20, slot = atlasSlot(this, Math.ceil(size * ratio)), ctx = slot.ctx;
      ctx.save();
      ctx.setTransform(ratio, 0, 0, ratio, slot.x, slot.y);
      ctx.font = "600 12px system-ui, sans-serif"; ctx.textBaseline = "middle";
      ctx.lineWidth = 3; ctx.strokeStyle = "#ffffff"; ctx.strokeText(String(n), 2, half);
      ctx.fillStyle = this.color; ctx.fillText(String(n), 2, half);
      ctx.restore();
      return (sprites[key] = {canvas: slot.canvas, sx: slot.x, sy: slot.y, side: slot.side,
                              half: half, size: size});
    }
  });

  /* ---- the territory cells: polygons restyled by day, on one canvas ---------
   * spec: payload.cells_spec. A cell is SVG path data in map units (zoom-0 Web Mercator
   * pixels times cellScale, made by payload.mercator_paths): every draw joins the lit
   * cells' path data per status and the browser parses each into one Path2D, drawn under
   * a transform (no projection nor loop over vertices in script); a day step recomputes
   * which cells have a status and redraws once. */
  var CELL_WORDS = {RU: "held by Russia", UA: "held by Ukraine", contested: "contested"};
  var CellsLayer = CanvasLayer.extend({
    initialize: function (state, spec) {
      this.state = state;
      this.spec = spec;
      this.kind = "cells";
      // shapes and names: shared by every side's view (payload), or the spec's own
      this._shapes = spec.shapes || state.data.cellShapes || [];
      this._scale = spec.scale || state.data.cellScale;
      this._names = spec.names || state.data.cellNames || [];
      this._paths = [];  // Path2D per shape, made when the tooltip first tests it
      this._lit = [];  // [row of spec.cells, status] shown on the day
      state.timeLayers.push(this);
    },

    onAdd: function (map) {
      this._status(this.state.day);
      CanvasLayer.prototype.onAdd.call(this, map);
    },

    onRemove: function (map) {
      CanvasLayer.prototype.onRemove.call(this, map);
      this._view = null;
    },

    /* Cell k's status on *day*: its spans are from[k] to from[k + 1] of the flat columns
     * t0, t1 and status (payload.cells_spec). */
    _statusOn: function (k, day) {
      var c = this.spec.cells, t0 = c.t0, t1 = c.t1, end = c.from[k + 1];
      for (var j = c.from[k]; j < end; j++) {
        if (t0[j] <= day && day < t1[j]) { return c.statuses[c.status[j]]; }
      }
      return null;
    },

    _status: function (day) {
      var on = [], n = this.spec.cells.shape.length;
      for (var k = 0; k < n; k++) {
        var status = this._statusOn(k, day);
        if (status !== null) { on.push([k, status]); }
      }
      this._lit = on;
    },

    /* The Path2D of a shape (map units), made once (for the tooltip's hit test). */
    _path: function (shape) {
      return this._paths[shape] || (this._paths[shape] = new Path2D(this._shapes[shape]));
    },

    setDay: function (day) {  // the state redraws the stage if a status changed
      if (!this._map) { return; }  // a view not shown: its statuses are found when added
      var before = this._lit;
      this._status(day);
      var after = this._lit, same = before.length === after.length;
      for (var k = 0; same && k < after.length; k++) {
        same = before[k][0] === after[k][0] && before[k][1] === after[k][1];
      }
      if (!same) { this._changed = true; }
    },

    _paint: function (frame) {
      var ctx = frame.ctx, spec = this.spec, k, per = frame.scale / this._scale;
      this._view = {scale: frame.scale, ox: frame.ox, oy: frame.oy};
      // one Path2D per status, parsed from the lit cells' path data joined (each starts
      // with an absolute M): one native parse costs less than a Path2D per cell and
      // addPath, even when those are kept between draws
      var texts = {}, order = [], byStatus = {};
      for (k = 0; k < this._lit.length; k++) {
        var status = this._lit[k][1];
        if (!texts[status]) { texts[status] = []; order.push(status); }
        texts[status].push(this._shapes[spec.cells.shape[this._lit[k][0]]]);
      }
      for (k = 0; k < order.length; k++) {
        byStatus[order[k]] = new Path2D(texts[order[k]].join(""));
      }
      // map units -> device pixels; widths and dashes given in CSS pixels, so divided by
      // the scale of map units
      ctx.save();
      ctx.setTransform(per * this._ratio, 0, 0, per * this._ratio,
                       (frame.ox + this._offset.x) * this._ratio,
                       (frame.oy + this._offset.y) * this._ratio);
      ctx.lineWidth = 1 / per;
      ctx.setLineDash(spec.dash ? String(spec.dash).split(/[ ,]+/).map(function (d) {
        return Number(d) / per;
      }) : []);
      for (var o = 0; o < order.length; o++) {
        ctx.globalAlpha = spec.opacity || 0.3;
        ctx.fillStyle = spec.colors[order[o]] || "#999999";
        ctx.fill(byStatus[order[o]], "evenodd");
        ctx.globalAlpha = 1;
        if (spec.stroke !== false) {
          ctx.strokeStyle = spec.outline || "#555"; ctx.stroke(byStatus[order[o]]);
        }
      }
      ctx.restore();
    },

    /* The words of the cell under *point* (container pixels), or null. */
    tooltipAt: function (point) {
      if (!this._map || !this._view) { return null; }
      var v = this._view, x = (point.x - v.ox) / v.scale * this._scale;
      var y = (point.y - v.oy) / v.scale * this._scale;
      var hit = this._hit || (this._hit = document.createElement("canvas").getContext("2d"));
      for (var k = this._lit.length - 1; k >= 0; k--) {
        var shape = this.spec.cells.shape[this._lit[k][0]];
        if (hit.isPointInPath(this._path(shape), x, y, "evenodd")) {
          var name = this._names[shape], status = this._lit[k][1];
          return this.spec.label + ": " + (name ? name + " " : "") + (CELL_WORDS[status] || status);
        }
      }
      return null;
    },

    visibleCount: function () { return this._map ? this._lit.length : 0; }
  });

  /* ---- names of regions and countries (the basemap's) ------------------------
   * One box of texts in a pane below the places' labels, each centred by CSS on its
   * point and placed by left/top, again after a zoom: nothing is measured (adding them
   * forces no layout), and a text placed so is painted with its pane, not made a
   * compositor layer of its own as a marker moved by a 3D transform is (fewer layers to
   * paint and hand over at load). Hidden during a zoom animation. */
  var NamesLayer = L.Layer.extend({
    initialize: function (items) { this.items = items; },  // [[lat, lon, name, className]]
    getEvents: function () { return {zoom: this._place, viewreset: this._place}; },
    onAdd: function (map) {
      if (!map.getPane("geomap-names")) {
        var pane = map.createPane("geomap-names");
        pane.style.zIndex = 440; pane.style.pointerEvents = "none";
      }
      this._box = L.DomUtil.create("div", "geomap-names leaflet-zoom-hide");
      this._nodes = this.items.map(function (item) {
        var node = el("div", "geomap-name-label " + item[3]);
        node.appendChild(el("span", null, item[2]));
        return node;
      });
      this._place();
      var box = this._box;
      this._nodes.forEach(function (node) { box.appendChild(node); });
      map.getPane("geomap-names").appendChild(box);
    },
    onRemove: function () { L.DomUtil.remove(this._box); this._box = null; },
    _place: function () {
      var map = this._map;
      for (var k = 0; k < this.items.length; k++) {
        placeAt(this._nodes[k], map.latLngToLayerPoint([this.items[k][0], this.items[k][1]]));
      }
    }
  });

  /* Put *node* (absolutely placed) at layer point *p* by left/top, not a 3D transform
   * (see NamesLayer). */
  function placeAt(node, p) {
    node.style.left = p.x + "px"; node.style.top = p.y + "px";
  }

  /* ---- labels: claimed settlements, decluttered; region-claim badges ------- */
  /* Places are in the payload most important first; below zoom ALL_LABELS_ZOOM a label is
   * drawn only where it does not overlap one already placed; from that zoom on, all are. */
  var ALL_LABELS_ZOOM = 10;
  var LabelsLayer = L.Layer.extend({
    initialize: function (state) { this.state = state; },
    onAdd: function (map) {
      if (!map.getPane("geomap-labels")) {
        var pane = map.createPane("geomap-labels");
        pane.style.zIndex = 450; pane.style.pointerEvents = "none";
      }
      this._box = L.DomUtil.create("div", "geomap-labels", map.getPane("geomap-labels"));
      map.on("moveend", this._update, this);
      this.state.listeners.push(L.bind(this._badges, this));
      this._update();
    },
    onRemove: function (map) {
      map.off("moveend", this._update, this);
      L.DomUtil.remove(this._box);
    },
    /* The labels kept at *zoom*, decluttered once per zoom over every place (not per move
     * or day step): [place, x, y, ...] in that zoom's world pixels. A label's box is its
     * text's estimated width from the place; a box that overlaps one kept earlier (the
     * places come most important first) is dropped, found through a grid of 128 px. */
    _chosen: function (zoom) {
      var cache = this._byZoom || (this._byZoom = {});
      if (cache[zoom]) { return cache[zoom]; }
      var places = this.state.data.places, names = places.name, n = names.length, k;
      var at = this._at;  // zoom-0 pixels of every place, projected once
      if (!at) {
        at = this._at = new Float64Array(2 * n);
        for (k = 0; k < n; k++) { this.state.projectInto(places.lat[k], places.lon[k], at, 2 * k); }
      }
      var scale = this._map.getZoomScale(zoom, 0), all = zoom >= ALL_LABELS_ZOOM, out = [];
      // kept boxes (x0, y0, x1, y1 per label) and, per grid cell (gx * 2^22 + gy), the
      // numbers of the boxes that reach into it
      var boxes = new Float64Array(all ? 0 : 4 * n), kept = 0, grid = new Map();
      for (var i = 0; i < n; i++) {
        var x = at[2 * i] * scale, y = at[2 * i + 1] * scale;
        if (!all) {
          var x0 = x + 7, y0 = y - 8, x1 = x0 + 7 * names[i].length + 8, y1 = y + 8;
          var g0 = Math.floor(x0 / 128), g1 = Math.floor(x1 / 128);
          var h0 = Math.floor(y0 / 128), h1 = Math.floor(y1 / 128), gx, gy, c, cell;
          var clear = true;
          for (gx = g0; clear && gx <= g1; gx++) {
            for (gy = h0; clear && gy <= h1; gy++) {
              cell = grid.get(gx * 4194304 + gy);
              for (c = 0; cell !== undefined && c < cell.length; c++) {
                var b = 4 * cell[c];
                if (x0 < boxes[b + 2] && boxes[b] < x1 && y0 < boxes[b + 3] && boxes[b + 1] < y1) {
                  clear = false; break;
                }
              }
            }
          }
          if (!clear) { continue; }
          boxes[4 * kept] = x0; boxes[4 * kept + 1] = y0;
          boxes[4 * kept + 2] = x1; boxes[4 * kept + 3] = y1;
          for (gx = g0; gx <= g1; gx++) {
            for (gy = h0; gy <= h1; gy++) {
              cell = grid.get(gx * 4194304 + gy);
              if (cell === undefined) { grid.set(gx * 4194304 + gy, [kept]); }
              else { cell.push(kept); }
            }
          }
          kept++;
        }
        out.push(i, x, y);
      }
      return (cache[zoom] = out);
    },
    /* The kept labels in view (and a margin), made as one fragment. */
    _update: function () {
      var map = this._map, names = this.state.data.places.name, box = this._box;
      var chosen = this._chosen(map.getZoom()), origin = map.getPixelOrigin();
      var topLeft = map.containerPointToLayerPoint([0, 0]), size = map.getSize();
      var nodes = document.createDocumentFragment();
      for (var k = 0; k < chosen.length; k += 3) {
        var lx = chosen[k + 1] - origin.x, ly = chosen[k + 2] - origin.y;
        var cx = lx - topLeft.x, cy = ly - topLeft.y;
        if (cx < -50 || cy < -20 || cx > size.x + 50 || cy > size.y + 20) { continue; }
        var node = el("div", "geomap-place-label", names[chosen[k]]);
        placeAt(node, L.point(lx + 8, ly - 8));
        nodes.appendChild(node);
      }
      while (box.firstChild) { box.removeChild(box.firstChild); }
      box.appendChild(nodes);
      this._badges();
    },
    /* Claims about a whole region: a badge under the region's name, not a point. */
    _badges: function () {
      var map = this._map, state = this.state, c = state.data.claims, regions = state.data.regions;
      if (!map || !regions.code.length) { return; }
      var old = this._badgeNodes || [];
      old.forEach(function (node) { L.DomUtil.remove(node); });
      var byRegion = {};
      var shown = state.visibleRows();
      shown.forEach(function (i) {
        if (c.region[i] >= 0) { (byRegion[c.region[i]] = byRegion[c.region[i]] || []).push(i); }
      });
      var nodes = [];
      Object.keys(byRegion).forEach(function (key) {
        var r = parseInt(key, 10), rows = byRegion[r];
        var node = el("div", "geomap-region-badge",
                      rows.length + (rows.length === 1 ? " claim about " : " claims about ") +
                      regions.name[r]);
        var p = map.latLngToLayerPoint([regions.lat[r], regions.lon[r]]);
        placeAt(node, p.add([-40, 12]));
        node.addEventListener("click", function (e) {
          L.DomEvent.stop(e);
          if (rows.length === 1) { state.openClaim(rows[0]); }
          else { state.openList(rows, L.latLng(regions.lat[r], regions.lon[r])); }
        });
        map.getPane("markerPane").appendChild(node);
        nodes.push(node);
      });
      this._badgeNodes = nodes;
    }
  });

  /* ---- controls ---------------------------------------------------------- */
  var SliderControl = L.Control.extend({
    options: {position: "bottomleft"},
    initialize: function (state, options) { L.setOptions(this, options); this.state = state; },
    onAdd: function () {
      var state = this.state, range = state.data.range;
      var box = el("div", "geomap-slider leaflet-bar");
      var play = el("button", "geomap-play", "\u25b6");
      play.type = "button"; play.title = "Play through time";
      var track = el("div", "geomap-track");
      var input = el("input");
      input.type = "range"; input.min = range[0]; input.max = range[1]; input.step = 1;
      input.value = state.day; input.setAttribute("aria-label", "Date shown on the map");
      var thumb = el("div", "geomap-thumb-date");
      var ticks = el("div", "geomap-ticks");
      track.appendChild(input); track.appendChild(ticks); track.appendChild(thumb);
      // month ticks (every month, labelled so that labels do not crowd)
      var span = Math.max(1, range[1] - range[0]);
      var first = new Date(state.epoch + range[0] * DAY_MS), months = [];
      var m = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
      while ((m.getTime() - state.epoch) / DAY_MS <= range[1]) {
        months.push(m); m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
      }
      var every = Math.max(1, Math.ceil(months.length / 8));
      var NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                   "Nov", "Dec"];
      months.forEach(function (month, k) {
        var day = Math.round((month.getTime() - state.epoch) / DAY_MS);
        var tick = el("span", "geomap-tick" + (k % every ? "" : " geomap-tick-major"),
                      k % every ? "" : (month.getUTCMonth() === 0 || k === 0
                                        ? NAMES[month.getUTCMonth()] + " " +
                                          month.getUTCFullYear()
                                        : NAMES[month.getUTCMonth()]));
        tick.style.left = (100 * (day - range[0]) / span) + "%";
        ticks.appendChild(tick);
      });
      var label = el("span", "geomap-day", "as of " + state.dayLabel(state.day));
      box.appendChild(play); box.appendChild(track); box.appendChild(label);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      var place = function (day) {
        thumb.textContent = state.dayLabel(day);
        thumb.style.left = (100 * (day - range[0]) / span) + "%";
      };
      place(state.day);
      input.addEventListener("input", function () { state.setDay(parseInt(input.value, 10)); });
      state.listeners.push(function (day) {
        label.textContent = "as of " + state.dayLabel(day);
        if (parseInt(input.value, 10) !== day) { input.value = day; }
        place(day);
      });
      var timer = null;
      play.addEventListener("click", function () {
        if (timer) { clearInterval(timer); timer = null; play.textContent = "\u25b6"; return; }
        if (state.day >= range[1]) { state.setDay(range[0]); }
        play.textContent = "\u275a\u275a";
        var step = Math.max(1, Math.round((range[1] - range[0]) / 120));
        timer = setInterval(function () {
          var next = Math.min(range[1], state.day + step);
          state.setDay(next);
          if (next >= range[1]) { clearInterval(timer); timer = null; play.textContent = "\u25b6"; }
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

  function legendRow(box, swatch, text) {
    var row = el("div", "geomap-legend-row");
    row.appendChild(swatch); row.appendChild(el("span", null, text));
    box.appendChild(row);
    return row;
  }

  function legendBox(data) {
    var box = el("div", "geomap-legend");
    var head = el("button", "geomap-legend-toggle", "Legend \u25be");
    head.type = "button";
    var body = el("div", "geomap-legend-body");
    head.addEventListener("click", function () {
      var hidden = body.style.display === "none";
      body.style.display = hidden ? "" : "none";
      head.textContent = hidden ? "Legend \u25be" : "Legend \u25b8";
    });
    box.appendChild(head); box.appendChild(body);
    body.appendChild(el("div", "geomap-legend-head", "Who claims (colour)"));
    data.sides.forEach(function (side, k) {
      var swatch = el("span", "geomap-swatch"); swatch.style.background = data.colors[side];
      legendRow(body, swatch, data.sideLabels[k]);
    });
    body.appendChild(el("div", "geomap-legend-head", "What (shape)"));
    data.legendEvents.forEach(function (event, k) {
      legendRow(body, el("span", "geomap-glyph", data.glyphs[data.legendShapes[k]] || "\u25cf"),
                event);
    });
    legendRow(body, el("span", "geomap-glyph geomap-hollow-glyph", "\u25cb"),
              "hollow: place approximate (marked at its region)");
    legendRow(body, el("span", "geomap-glyph geomap-faded-glyph", "\u25cf"),
              "faded: claim older than " + data.fresh + " days (gone after " + data.window +
              ")");
    var ring = el("span", "geomap-glyph geomap-dispute-glyph", "\u25ef");
    ring.style.color = data.colors.DISPUTE;
    legendRow(body, ring, "sides disagree (click it)");
    legendRow(body, el("span", "geomap-glyph geomap-badge-glyph", "\u25ad"),
              "claims about a whole region");
    body.appendChild(el("div", "geomap-legend-head", "Territory view (cells)"));
    [["RU", "held by Russia, as claimed"], ["UA", "held by Ukraine, as claimed"],
     ["contested", "contested, as claimed"]].forEach(function (pair) {
      var swatch = el("span", "geomap-swatch geomap-cell-swatch");
      swatch.style.background = data.cellColors[pair[0]];
      legendRow(body, swatch, pair[1]);
    });
    // HOOK (reference layers): entries pushed to GeomapRuntime.legendHooks are called
    // as hook(body, data, legendRow) to add rows (e.g. the assessed reference).
    api.legendHooks.forEach(function (hook) { hook(body, data, legendRow); });
    body.appendChild(el("div", "geomap-legend-note",
                        "Cells: the areas of claimed settlements, not front lines. One " +
                        "claimant's view at a time (layer control)."));
    return box;
  }


  /* ---- reference layer and scorecard panel (issue 13) ---------------------
   * spec: payload.reference_spec. Each distinct geometry arrives as varint text and is
   * decoded once, on first use (a string costs nothing to parse on load); a day step
   * adds and removes only the polygons whose span starts or ends. */
  var REFERENCE_HELD = {RU: "held by Russia", UA: "held by Ukraine", contested: "contested"};

  var VARINT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var VARINT_VALUE = new Int8Array(128).fill(-1);
  for (var v = 0; v < 64; v++) { VARINT_VALUE[VARINT_ALPHABET.charCodeAt(v)] = v; }

  // payload.varint_text: zigzag integers, 5 bits a character, 32 = "more follows".
  function decodeVarints(text) {
    var out = [], value = 0, factor = 1;
    for (var k = 0; k < text.length; k++) {
      var c = VARINT_VALUE[text.charCodeAt(k) & 127];
      value += (c & 31) * factor;
      if (c & 32) { factor *= 32; continue; }
      out.push(value % 2 ? -(value + 1) / 2 : value / 2);
      value = 0; factor = 1;
    }
    return out;
  }

  function decodeRings(polygons, scale) {
    return polygons.map(function (rings) {
      return rings.map(function (text) {
        var flat = decodeVarints(text), out = [], x = 0, y = 0;
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
      this._decoded = {}; // geometry index -> lat/lng rings, decoded on first use
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
      if (!this._decoded[span[3]]) {
        this._decoded[span[3]] = decodeRings(spec.geometries[span[3]], spec.scale);
      }
      var layer = L.polygon(this._decoded[span[3]], {
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

  /* ---- search, claim list, permalink -------------------------------------- */
  function searchBox(state) {
    var data = state.data, c = data.claims, box = el("div", "geomap-search leaflet-bar");
    var input = el("input");
    input.type = "search"; input.placeholder = "Find a place or claimant";
    input.setAttribute("aria-label", "Find a place or claimant");
    var listId = "geomap-search-" + Math.random().toString(36).slice(2);
    var options = el("datalist"); options.id = listId; input.setAttribute("list", listId);
    var seen = {};
    var add = function (name) {
      if (name && !seen[name]) { seen[name] = true; options.appendChild(el("option", null, name)); }
    };
    var fill = function () {  // the suggestions, made when the box is first used
      if (options.firstChild) { return; }
      data.places.name.forEach(add);
      for (var i = 0; i < c.claimant.length; i++) { add(state.text(c.claimant[i])); }
    };
    input.addEventListener("focus", fill);
    input.addEventListener("input", fill);
    var result = el("div", "geomap-search-result");
    box.appendChild(input); box.appendChild(options); box.appendChild(result);
    var go = function () {
      var found = state.find(input.value);
      result.textContent = found ? found : (input.value ? "not found" : "");
    };
    input.addEventListener("change", go);
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") { go(); } });
    return box;
  }

  /* Fly to a place (by name, case-insensitive, whole name first then a prefix) or frame a
   * claimant's claims; returns what was found, or null. */
  State.prototype.find = function (query) {
    var q = (query || "").trim().toLowerCase(), data = this.data, c = data.claims;
    if (!q) { return null; }
    var places = data.places, k, hit = -1;
    for (k = 0; k < places.name.length && hit < 0; k++) {
      if (places.name[k].toLowerCase() === q) { hit = k; }
    }
    for (k = 0; k < places.name.length && hit < 0; k++) {
      if (places.name[k].toLowerCase().indexOf(q) === 0) { hit = k; }
    }
    if (hit >= 0) {
      this.map.setView([places.lat[hit], places.lon[hit]], Math.max(this.map.getZoom(), 11));
      return places.name[hit];
    }
    var bounds = null, name = null;
    for (k = 0; k < c.claimant.length; k++) {
      var who = this.text(c.claimant[k]);
      if (who && who.toLowerCase().indexOf(q) >= 0) {
        name = name || who;
        var ll = this.claimLatLng(k);
        bounds = bounds ? bounds.extend(ll) : L.latLngBounds(ll, ll);
      }
    }
    if (bounds) { this.map.fitBounds(bounds.pad(0.2), {maxZoom: 11}); return name; }
    return null;
  };

  /* Rows of the claims shown on the day, in the layers that are on the map. */
  State.prototype.visibleRows = function () {
    var rows = [];
    for (var i = 0; i < this.pointLayers.length; i++) {
      var layer = this.pointLayers[i];
      if (layer.kind === "claims" && layer._map) { rows = rows.concat(layer.visibleIndices()); }
    }
    return rows;
  };

  var ClaimList = L.Control.extend({
    options: {position: "topleft"},
    initialize: function (state) { this.state = state; this.sort = "date"; },
    onAdd: function () {
      var state = this.state, self = this, box = el("div", "geomap-list leaflet-bar");
      var open = el("button", "geomap-list-toggle", "\u2630 Claims");
      open.type = "button"; open.title = "Claims shown on this day";
      var panel = el("div", "geomap-list-panel"); panel.style.display = "none";
      var sort = el("select", "geomap-list-sort");
      ["date", "side", "place"].forEach(function (key) {
        var option = el("option", null, "sort by " + key); option.value = key;
        sort.appendChild(option);
      });
      var items = el("ol", "geomap-list-items");
      panel.appendChild(sort); panel.appendChild(items);
      box.appendChild(open); box.appendChild(panel);
      open.addEventListener("click", function () {
        panel.style.display = panel.style.display === "none" ? "" : "none";
        self.fill();
      });
      sort.addEventListener("change", function () { self.sort = sort.value; self.fill(); });
      state.listeners.push(function () { if (panel.style.display !== "none") { self.fill(); } });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      this.items = items; this.panel = panel; this.toggle = open;
      return box;
    },
    fill: function () {
      var state = this.state, c = state.data.claims, items = this.items, key = this.sort;
      while (items.firstChild) { items.removeChild(items.firstChild); }
      var rows = state.visibleRows();
      var place = function (i) { return state.text(c.place[i]) || ""; };
      rows.sort(function (a, b) {
        if (key === "side") { return c.side[a] - c.side[b] || c.t0[b] - c.t0[a]; }
        if (key === "place") { return place(a) < place(b) ? -1 : place(a) > place(b) ? 1 : 0; }
        return c.t0[b] - c.t0[a];
      });
      this.toggle.textContent = "\u2630 Claims (" + rows.length + ")";
      rows.slice(0, 500).forEach(function (i) {
        var item = el("li", "geomap-link geomap-side-text-" + state.data.sides[c.side[i]],
                      state.says(i));
        item.addEventListener("click", function () {
          state.map.setView(state.claimLatLng(i), Math.max(state.map.getZoom(), 10));
          state.openClaim(i);
        });
        items.appendChild(item);
      });
      if (rows.length > 500) { items.appendChild(el("li", null, "\u2026 " + (rows.length - 500) +
                                                    " more: zoom in or move the slider")); }
    }
  });

  /* The permalink: #day=YYYY-MM-DD&view=<territory view>&claim=<claim id>&at=z/lat/lon */
  State.prototype.hash = function () {
    var parts = ["day=" + this.dayLabel(this.day)];
    var view = this.currentView();
    if (view) { parts.push("view=" + encodeURIComponent(view)); }
    if (this.openClaimId) { parts.push("claim=" + encodeURIComponent(this.openClaimId)); }
    var centre = this.map.getCenter();
    parts.push("at=" + this.map.getZoom() + "/" + centre.lat.toFixed(4) + "/" +
               centre.lng.toFixed(4));
    return "#" + parts.join("&");
  };

  State.prototype.currentView = function () {
    for (var k = 0; k < this.timeLayers.length; k++) {
      var layer = this.timeLayers[k];
      if (layer.kind === "cells" && layer.spec.side && layer._map) { return layer.spec.label; }
    }
    return null;
  };

  State.prototype.setView = function (label) {
    var found = null, k, layer;
    for (k = 0; k < this.timeLayers.length; k++) {
      layer = this.timeLayers[k];
      if (layer.kind === "cells" && layer.spec.side && layer.spec.label === label) { found = layer; }
    }
    if (!found) { return false; }
    for (k = 0; k < this.timeLayers.length; k++) {
      layer = this.timeLayers[k];
      if (layer.kind === "cells" && layer.spec.side && layer !== found && layer._map) {
        this.map.removeLayer(layer);
      }
    }
    if (!found._map) { this.map.addLayer(found); }
    return true;
  };

  State.prototype._notify = function () {
    if (this._restoring || !global.history || !global.history.replaceState) { return; }
    try { global.history.replaceState(null, "", this.hash()); } catch (e) { /* sandboxed */ }
  };

  State.prototype.restore = function (hash) {
    var params = {};
    (hash || "").replace(/^#/, "").split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq > 0) { params[part.slice(0, eq)] = decodeURIComponent(part.slice(eq + 1)); }
    });
    this._restoring = true;
    if (params.at) {
      var at = params.at.split("/").map(Number);
      if (at.length === 3 && at.every(isFinite)) { this.map.setView([at[1], at[2]], at[0]); }
    }
    if (params.day && /^\d{4}-\d{2}-\d{2}$/.test(params.day)) {
      var day = Math.round((Date.parse(params.day + "T00:00:00Z") - this.epoch) / DAY_MS);
      if (isFinite(day)) { this.setDay(day); }
    }
    if (params.view) { this.setView(params.view); }
    if (params.claim) {
      var ids = this.data.claims.id;
      for (var i = 0; i < ids.length; i++) {
        if (this.strings[ids[i]] === params.claim) { this.openClaim(i); break; }
      }
    }
    this._restoring = false;
    // without a hash the URL stays as it is until the reader changes something (a move,
    // the day, the view, a popup): the map opens faster and the default needs no hash
    if (Object.keys(params).length) { this._notify(); }
  };

  /* The layer control: a header that folds it; folded at first on small maps. */
  function foldableLayers(map) {
    var control = map.getContainer().querySelector(".leaflet-control-layers");
    if (!control || control.querySelector(".geomap-layers-toggle")) { return; }
    var button = el("button", "geomap-layers-toggle", "Layers \u25be");
    button.type = "button";
    control.insertBefore(button, control.firstChild);
    var fold = function (folded) {
      L.DomUtil[folded ? "addClass" : "removeClass"](control, "geomap-layers-folded");
      button.textContent = folded ? "Layers \u25b8" : "Layers \u25be";
    };
    L.DomEvent.on(button, "click", function (e) {
      L.DomEvent.stop(e);
      fold(!L.DomUtil.hasClass(control, "geomap-layers-folded"));
    });
    var size = map.getSize();
    fold(size.x < 900 || size.y < 600);
  }

  /* ---- raw DEFLATE (RFC 1951), for the texts block ------------------------
   * The page carries its texts deflated and in base64 (payload.py; elements.details_text):
   * a fifth of the bytes for the browser's HTML parser to read at load. They are inflated
   * here, synchronously, the first time a text is read. Each Huffman code is a table
   * indexed by its next (longest code's length) bits, least significant bit first:
   * entry = symbol << 4 | code length. Corrupt or truncated data throws. */
  var LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                  67, 83, 99, 115, 131, 163, 195, 227, 258];
  var LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
                   5, 5, 5, 5, 0];
  var DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
                   769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
  var DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
                    11, 11, 12, 12, 13, 13];
  var CODE_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

  function huffman(lengths, n) {
    var max = 0, k, count = new Int32Array(16), next = new Int32Array(16), code = 0;
    for (k = 0; k < n; k++) { count[lengths[k]]++; if (lengths[k] > max) { max = lengths[k]; } }
    count[0] = 0;
    for (k = 1; k < 16; k++) { code = (code + count[k - 1]) << 1; next[k] = code; }
    var size = 1 << max, table = new Int32Array(size);
    for (k = 0; k < n; k++) {
      var len = lengths[k];
      if (!len) { continue; }
      var c = next[len]++, rev = 0;
      for (var b = 0; b < len; b++) { rev = (rev << 1) | (c & 1); c >>= 1; }
      for (var j = rev; j < size; j += 1 << len) { table[j] = (k << 4) | len; }
    }
    return {table: table, bits: max, mask: size - 1};
  }

  var FIXED = null;  // the fixed codes (block type 1), made on first use
  function fixedCodes() {
    if (FIXED) { return FIXED; }
    var lit = new Uint8Array(288), dist = new Uint8Array(30).fill(5);
    lit.fill(8, 0, 144); lit.fill(9, 144, 256); lit.fill(7, 256, 280); lit.fill(8, 280, 288);
    return (FIXED = [huffman(lit, 288), huffman(dist, 30)]);
  }

  /* The bytes *src* (Uint8Array) inflated: a Uint8Array. */
  function inflateRaw(src) {
    var pos = 0, end = src.length, buf = 0, cnt = 0, op = 0;
    var out = new Uint8Array(Math.max(1024, 4 * end));
    var need = function (n) {
      while (cnt < n) {
        if (pos >= end + 4) { throw new Error("geomap: truncated data block"); }
        buf |= (pos < end ? src[pos] : 0) << cnt; pos++; cnt += 8;
      }
    };
    var bits = function (n) {
      need(n);
      var v = buf & ((1 << n) - 1);
      buf >>>= n; cnt -= n;
      return v;
    };
    var symbol = function (h) {
      need(h.bits);
      var e = h.table[buf & h.mask], len = e & 15;
      if (!len) { throw new Error("geomap: corrupt data block"); }
      buf >>>= len; cnt -= len;
      return e >> 4;
    };
    var room = function (n) {
      if (op + n <= out.length) { return; }
      var bigger = new Uint8Array(Math.max(2 * out.length, op + n));
      bigger.set(out.subarray(0, op)); out = bigger;
    };
    var last = 0, k;
    while (!last) {
      last = bits(1);
      var type = bits(2), lit, dist;
      if (type === 0) {  // stored: from the next byte boundary, LEN, NLEN, LEN bytes
        pos -= cnt >> 3; buf = 0; cnt = 0;
        if (pos + 4 > end) { throw new Error("geomap: truncated data block"); }
        var size = src[pos] | (src[pos + 1] << 8);
        if ((size ^ (src[pos + 2] | (src[pos + 3] << 8))) !== 0xffff || pos + 4 + size > end) {
          throw new Error("geomap: corrupt data block");
        }
        room(size); out.set(src.subarray(pos + 4, pos + 4 + size), op);
        op += size; pos += 4 + size;
        continue;
      }
      if (type === 1) { lit = fixedCodes()[0]; dist = fixedCodes()[1]; }
      else if (type === 2) {
        var nlit = bits(5) + 257, ndist = bits(5) + 1, ncode = bits(4) + 4;
        var lengths = new Uint8Array(19);
        for (k = 0; k < ncode; k++) { lengths[CODE_ORDER[k]] = bits(3); }
        var codes = huffman(lengths, 19), all = new Uint8Array(nlit + ndist);
        for (k = 0; k < nlit + ndist;) {
          var s = symbol(codes), repeat = 0, value = 0;
          if (s < 16) { all[k++] = s; continue; }
          if (s === 16) {
            if (!k) { throw new Error("geomap: corrupt data block"); }
            value = all[k - 1]; repeat = 3 + bits(2);
          } else { repeat = s === 17 ? 3 + bits(3) : 11 + bits(7); }
          if (k + repeat > nlit + ndist) { throw new Error("geomap: corrupt data block"); }
          all.fill(value, k, k + repeat); k += repeat;
        }
        lit = huffman(all.subarray(0, nlit), nlit); dist = huffman(all.subarray(nlit), ndist);
      } else { throw new Error("geomap: corrupt data block"); }
      for (;;) {
        var sym = symbol(lit);
        if (sym < 256) { room(1); out[op++] = sym; continue; }
        if (sym === 256) { break; }
        sym -= 257;
        if (sym >= 29) { throw new Error("geomap: corrupt data block"); }
        var length = LEN_BASE[sym] + bits(LEN_EXTRA[sym]), d = symbol(dist);
        if (d >= 30) { throw new Error("geomap: corrupt data block"); }
        var back = DIST_BASE[d] + bits(DIST_EXTRA[d]);
        if (back > op) { throw new Error("geomap: corrupt data block"); }
        room(length);
        for (k = 0; k < length; k++, op++) { out[op] = out[op - back]; }
      }
    }
    return out.subarray(0, op);
  }

  function packed(node) { return node.getAttribute("data-encoding") === "deflate-base64"; }

  /* The bytes of base64 *text*: natively where the browser has Uint8Array.fromBase64
   * (Chromium 140+, Firefox 133+, Safari 18.2+: 2 ms for the texts of 10,000 claims), else
   * atob and a loop (about 35 ms for them). */
  function base64Bytes(text) {
    if (typeof Uint8Array.fromBase64 === "function") { return Uint8Array.fromBase64(text); }
    var binary = global.atob(text), bytes = new Uint8Array(binary.length);
    for (var k = 0; k < binary.length; k++) { bytes[k] = binary.charCodeAt(k); }
    return bytes;
  }

  /* The text of a data block: as it is, or (data-encoding "deflate-base64") decoded from
   * base64, inflated and read as UTF-8. */
  function blockText(node) {
    if (!packed(node)) { return node.textContent; }
    return new TextDecoder("utf-8").decode(inflateRaw(base64Bytes(node.textContent)));
  }

  /* The payload's texts (the string table and the claims' columns named in
   * payload.detailColumns) from the second data block *node* (elements.split_details):
   * each column is the block's the first time it is read (the first view draws from the
   * rest). The block is decoded then by the script's inflater, unless the returned
   * ``prefetch`` (run at the reader's first move or a second after load, see init) has already
   * decoded it with the browser's own DecompressionStream, natively and off the script:
   * the first popup or search then waits for nothing. *report(how)* is told which did it
   * ("script" or "stream"). */
  function lazyDetails(payload, node, report) {
    var parsed = null;
    var define = function (owner, key, get) {
      Object.defineProperty(owner, key, {configurable: true, enumerable: true, get: function () {
        if (!parsed) { parsed = JSON.parse(blockText(node)); report("script"); }
        var value = get(parsed);
        Object.defineProperty(owner, key, {value: value, writable: true, enumerable: true,
                                           configurable: true});
        return value;
      }});
    };
    define(payload, "strings", function (d) { return d.strings; });
    (payload.detailColumns || []).forEach(function (name) {
      define(payload.claims, name, function (d) { return d.claims[name]; });
    });
    return function prefetch() {
      if (parsed || !packed(node) || typeof global.DecompressionStream !== "function" ||
          typeof global.Response !== "function") { return Promise.resolve(); }
      var stream = new Blob([base64Bytes(node.textContent)]).stream()
        .pipeThrough(new global.DecompressionStream("deflate-raw"));
      return new global.Response(stream).text().then(function (text) {
        if (!parsed) { parsed = JSON.parse(text); report("stream"); }
      }, function () {});  // a browser without "deflate-raw": the script's inflater, later
    };
  }

  /* Run *task* once: at the reader's first move (a pointer moved or pressed over the page,
   * a key, a touch, a wheel turn, focus on a control), or when the page is idle *wait* ms
   * after it loaded, whichever comes first. Work a first popup or search needs starts
   * before the click that asks for it, and none of it delays the first view. */
  var DETAILS_AFTER_MS = 1000;  // texts decoded this long after load, unless asked sooner
  var FIRST_MOVES = ["pointermove", "pointerdown", "keydown", "touchstart", "wheel", "focusin"];
  function whenReaderOrLater(task, wait) {
    var done = false, timer = null;
    var run = function () {
      if (done) { return; }
      done = true;
      if (timer !== null) { global.clearTimeout(timer); }
      FIRST_MOVES.forEach(function (type) { global.removeEventListener(type, run, true); });
      task();
    };
    FIRST_MOVES.forEach(function (type) {
      global.addEventListener(type, run, {capture: true, passive: true});
    });
    var later = function () {
      timer = global.setTimeout(function () {
        if (global.requestIdleCallback) { global.requestIdleCallback(run, {timeout: 1000}); }
        else { run(); }
      }, wait);
    };
    if (document.readyState === "complete") { later(); }
    else { global.addEventListener("load", later, {once: true}); }
  }

  /* ---- public API --------------------------------------------------------- */
  var api = {
    maps: {},
    inflateRaw: inflateRaw,  // for tests
    legendHooks: [],

    /* The map's data: the JSON block *block* (its id; geomap/render/elements.py), parsed
     * once; ``{data, layers}``: the payload and the layer factories' arguments; the
     * payload's texts from the block *block*-details, decoded at the reader's first move, a
     * second after load (whenReaderOrLater) or
     * when first read (lazyDetails). */
    init: function (map, block, name) {
      var parsed = typeof block === "string" ?
        JSON.parse(document.getElementById(block).textContent) : {data: block, layers: []};
      var payload = parsed.data;
      var details = typeof block === "string" && document.getElementById(block + "-details");
      var state = new State(map, payload);  // reads no text
      state.detailsRead = null;  // how the texts were decoded, once they are
      state.detailsReady = Promise.resolve();
      if (details) {
        var prefetch = lazyDetails(payload, details, function (how) { state.detailsRead = how; });
        state.detailsReady = new Promise(function (resolve) {
          whenReaderOrLater(function () { prefetch().then(resolve, resolve); },
                            DETAILS_AFTER_MS);
        });
      }
      state.layerArgs = parsed.layers;
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
      new InfoControl(function () { return searchBox(state); }, {position: "topleft"})
        .addTo(map);
      state.list = new ClaimList(state).addTo(map);
      if (payload.slider) { state.slider = new SliderControl(state).addTo(map); }
      state.labels = new LabelsLayer(state).addTo(map);
      var pending = null;  // the URL follows the slider once it rests (not every step)
      state.listeners.push(function () {
        if (pending) { clearTimeout(pending); }
        pending = setTimeout(function () { pending = null; state._notify(); }, 150);
      });
      map.on("moveend overlayadd overlayremove", function () { state._notify(); });
      map.on("popupclose", function () { state.openClaimId = null; state._notify(); });
      // after every layer and the layer control are on the map: at the end of the page's
      // script (a microtask), so that the first frame lays out the folded control once (a
      // timer ran after that frame: a second layout, and every canvas handed to the
      // compositor again)
      Promise.resolve().then(function () {
        foldableLayers(map);
        state.restore(global.location ? global.location.hash : "");
        state.ready = true;
      });
      return state;
    },

    claims: function (state, sideIndex) {
      var c = state.data.claims, rows = [];
      for (var i = 0; i < c.side.length; i++) { if (c.side[i] === sideIndex) { rows.push(i); } }
      var shapes = state.data.shapes, approx = c.approx;
      return new PointsLayer(state, {
        kind: "claims", rows: rows, color: state.data.colors[state.data.sides[sideIndex]],
        t0: c.t0, t1: c.t1, lat: c.lat, lon: c.lon, px: state.px, py: state.py,
        skip: c.region, aging: true,
        shapeOf: function (i) { return shapes[c.event[i]]; },
        hollowOf: function (i) { return approx[i] === true; },
        popup: function (i) { return state.claimPopup(i); }
      });
    },

    disputes: function (state) {
      var d = state.data.disputes, rows = [], px = [], py = [], p = [0, 0];
      for (var i = 0; i < d.lon.length; i++) {
        rows.push(i);
        state.projectInto(d.lat[i], d.lon[i], p, 0); px.push(p[0]); py.push(p[1]);
      }
      var layer = new PointsLayer(state, {
        kind: "disputes", rows: rows, color: state.data.colors.DISPUTE, fill: false,
        t0: d.t0, t1: d.t1, lat: d.lat, lon: d.lon, px: px, py: py,
        shapeOf: function () { return "ring"; },
        popup: function (i) { return state.disputePopup(i); }
      });
      layer.options.radius = 7;
      layer.options.hit = 7 * 1.6 + 8;  // anywhere on the ring or inside it
      return layer;
    },

    cells: function (state, spec) { return new CellsLayer(state, spec); },

    reference: function (state, spec) { return new ReferenceLayer(state, spec); },

    basemap: function (state) {
      var base = state.data.basemap, group = L.layerGroup();
      new BordersLayer(state, base).addTo(group);
      var named = function (className) {
        return function (item) { return [item[0], item[1], item[2], className]; };
      };
      new NamesLayer((base.labels || []).map(named("geomap-region-label")).concat(
        (base.countryLabels || []).map(named("geomap-country-label")))).addTo(group);
      return group;
    }
  };

  global.GeomapRuntime = api;
})(window);
