"""Maps opened in real headless Chromium (Debian's), driven by playwright.

The offline export is opened with every network request refused; the linked
version with requests answered from the npm packages in assets/node_modules
and any other request failing the test.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geomap.control import analyse
from geomap.extract import extract
from geomap.ingest.corpus import Article
from geomap.render import build_map, save_map
from geomap.render.map import prepare_claims
from geomap.render.payload import claim_intervals, visible_on
from tests.conftest import ARTIFACTS, Opened

HOSTILE = ("<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"
           "{{ 6 * 7 }}{% if true %}jinja ran{% endif %}")  # folium's templates never see it


def expected_visible(claims: pd.DataFrame, date) -> set[str]:
    frame = prepare_claims(claims)
    view = analyse(frame)
    intervals = claim_intervals(frame, view.timeline, view.statuses)
    return set(frame.loc[visible_on(intervals, date), "claim_id"])


@pytest.fixture(scope="module")
def seeds_map(seed_claims, tmp_path_factory):
    folder = tmp_path_factory.mktemp("maps")
    fmap = build_map(seed_claims, title="Seed articles")
    return (save_map(fmap, folder / "seeds-offline.html", offline=True),
            save_map(fmap, folder / "seeds.html"))


def test_offline_map_works_with_network_refused(browser, seeds_map, seed_claims):
    opened = Opened(browser, seeds_map[0], serve_assets=False)
    page = opened.page
    assert page.locator(".leaflet-container").count() == 1
    # a denial of no place, or a claim about a whole country, is not drawn
    placed = seed_claims[seed_claims.geometry.notna() & (seed_claims["place_kind"] != "country")]
    assert page.evaluate("window.geomap.data.claims.id.length") == len(placed)
    last = seed_claims["date_start"].max()
    assert opened.visible() == expected_visible(seed_claims, last)
    # the outlines are drawn from the bundled Natural Earth data, not tiles
    labels = page.locator(".geomap-region-label").all_inner_texts()
    assert "Kursk Oblast" in labels and "Sumy Oblast" in labels
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "seeds-map.png"))
    assert opened.refused == [] and opened.errors == []
    page.close()


def test_texts_are_parsed_when_first_read(browser, seeds_map, seed_claims):
    """The first view parses no text: the string table and the claims' text columns are
    read from the second data block when a popup (or the list, search...) first needs
    them, and then they are the payload's."""
    opened = Opened(browser, seeds_map[0], serve_assets=False)
    page = opened.page
    lazy = """() => { const own = (o, k) => Object.getOwnPropertyDescriptor(o, k);
        const d = window.geomap.data;
        return [!!own(d, "strings").get, !!own(d.claims, "sentence").get]; }"""
    assert page.evaluate(lazy) == [True, True]
    ids = page.evaluate("window.geomap.data.claims.id.map(k => window.geomap.strings[k])")
    assert set(ids) <= set(seed_claims["claim_id"]) and len(ids) > 0
    assert page.evaluate(lazy) == [False, True]  # each column replaced when first read
    sentence = page.evaluate("window.geomap.text(window.geomap.data.claims.sentence[0])")
    expected = seed_claims.set_index("claim_id").loc[ids[0], "sentence"]
    assert sentence == expected and page.evaluate(lazy) == [False, False]
    assert opened.errors == []
    page.close()


def test_texts_are_decoded_ahead_when_the_page_is_idle(browser, seeds_map, seed_claims):
    """At the reader's first move over the page (here a pointer move), or a second after
    load, the texts block is inflated by the browser's own DecompressionStream
    ("stream"), so the first popup waits for nothing;
    a browser without one has the runtime's inflater decode it when a text is first read
    ("script"), its base64 read by ``Uint8Array.fromBase64`` or, in a browser without
    it, by ``atob``. All give the payload's texts."""
    texts = {}
    cases = (("stream", "stream", None), ("script", "script", "delete window.DecompressionStream;"),
             ("atob", "script", "delete window.DecompressionStream; "
                                "delete Uint8Array.fromBase64;"))
    for case, how, init in cases:
        opened = Opened(browser, seeds_map[0], serve_assets=False, init_script=init)
        page = opened.page
        page.mouse.move(300, 300)
        page.evaluate("window.geomap.detailsReady")
        assert page.evaluate("window.geomap.detailsRead") == (
            "stream" if how == "stream" else None)
        assert page.evaluate("typeof Uint8Array.fromBase64") == (
            "undefined" if case == "atob" else "function")
        texts[case] = page.evaluate("window.geomap.strings")
        assert page.evaluate("window.geomap.detailsRead") == how
        assert opened.errors == []
        page.close()
    assert texts["stream"] == texts["script"] == texts["atob"]
    assert set(seed_claims["claim_id"]) & set(texts["stream"])


def test_the_runtime_inflates_what_zlib_deflates(browser, seeds_map):
    """The texts block is raw DEFLATE in base64 (elements.details_text): the runtime's own
    inflater gives back zlib's input byte for byte, for stored blocks (level 0, random
    bytes), fixed codes (a short text) and dynamic ones (long texts with distant repeats,
    Cyrillic, characters beyond the BMP), and a corrupt or truncated block is an error."""
    import base64
    import random
    import zlib

    rng = random.Random(5)
    texts = [b"", b"a", "Суджа, Гоптаровка, Малая Локня \U0001f1fa\U0001f1e6".encode(),
             bytes(rng.getrandbits(8) for _ in range(70_000)),
             ("".join(rng.choice(["Kursk ", "Сумы ", "Oblast ", "<b>&amp;</b> ", str(k)])
                      for k in range(60_000))).encode()]
    opened = Opened(browser, seeds_map[0], serve_assets=False)
    page = opened.page
    inflate = """([packed]) => { const bin = atob(packed), bytes = new Uint8Array(bin.length);
        for (let k = 0; k < bin.length; k++) { bytes[k] = bin.charCodeAt(k); }
        try {
            return "|" + Array.from(GeomapRuntime.inflateRaw(bytes),
                                    b => b.toString(16).padStart(2, "0")).join("");
        } catch (e) { return "error: " + e.message; } }"""
    for text in texts:
        for level in (0, 1, 9):
            packer = zlib.compressobj(level, zlib.DEFLATED, -15)
            packed = base64.b64encode(packer.compress(text) + packer.flush()).decode()
            assert page.evaluate(inflate, [packed]) == "|" + text.hex(), (len(text), level)
    good = zlib.compressobj(6, zlib.DEFLATED, -15)
    good = good.compress(texts[-1]) + good.flush()
    for bad in (good[: len(good) // 2], b"\xff" * 40, b"\x07"):
        assert page.evaluate(inflate, [base64.b64encode(bad).decode()]).startswith(
            "error: geomap:")
    assert opened.errors == []
    page.close()


def test_linked_map_loads_only_pinned_assets(browser, seeds_map):
    opened = Opened(browser, seeds_map[1], serve_assets=True)
    assert opened.page.evaluate("typeof L.control.groupedLayers") == "function"
    assert opened.refused == [], f"requests nobody answered: {opened.refused}"
    assert opened.errors == []
    opened.page.close()


def test_layers_slider_and_popup(browser, seeds_map, seed_claims):
    opened = Opened(browser, seeds_map[0], serve_assets=False)
    page = opened.page
    everything = opened.visible()
    russian = set(seed_claims.loc[seed_claims["claimant_side"] == "RU", "claim_id"])
    assert everything & russian
    page.get_by_label("Russian claims", exact=True).uncheck()
    assert opened.visible() == everything - russian
    page.get_by_label("Russian claims", exact=True).check()
    assert opened.visible() == everything

    # the slider: each day shows what pandas says is valid on that day
    epoch = dt.date.fromisoformat(page.evaluate("window.geomap.data.epoch"))
    for date in ("2024-08-14", "2025-01-10", "2025-03-20"):
        day = (dt.date.fromisoformat(date) - epoch).days
        page.locator(".geomap-slider input").fill(str(day))
        assert page.locator(".geomap-day").inner_text() == f"as of {date}"
        assert opened.visible() == expected_visible(seed_claims, date), date
    assert opened.visible() != everything

    # the Gornal disagreement is drawn on the last day
    page.locator(".geomap-slider input").fill(str(page.evaluate("window.geomap.data.range[1]")))
    names = page.evaluate("""() => { const g = window.geomap, d = g.data.disputes;
        return d.a.filter((row, i) => d.t0[i] <= g.day && g.day < d.t1[i])
                  .map(row => g.strings[g.data.claims.place[row]]); }""")
    assert "Gornal" in names
    # its popup lists both sides' statements
    gornal = seed_claims[(seed_claims["place_label"] == "Gornal")].iloc[0]["geometry"]
    for layer in ("Russian claims", "Ukrainian claims", "Independent analysts"):
        page.get_by_label(layer, exact=True).uncheck()
    opened.click_claim(gornal.y, gornal.x)
    popup = page.locator(".geomap-popup").inner_text()
    assert "Sides disagree: Gornal" in popup and "(RU)" in popup and "(UA)" in popup
    assert opened.errors == []
    page.close()


def test_hostile_text_never_runs(browser, seed_claims, tmp_path):
    claims = seed_claims.copy()
    # the Russian claim of Gornal: shown on the map's last day (control claims stay)
    target = claims.index[(claims["place_label"] == "Gornal") & (claims["claimant_side"] == "RU")
                          & (claims["event_type"] == "control")][0]
    claims.loc[target, "sentence"] = f"Officials said {HOSTILE} in Gornal."
    claims.loc[target, "place_start"] = claims.loc[target, "char_start"] + 3
    claims.loc[target, "place_end"] = claims.loc[target, "char_start"] + 8
    claims.loc[target, "claimant"] = "<img src=x onerror=\"window.__pwned = 3\">"
    claims.loc[target, "source"] = "<b>bold</b>"
    claims.loc[target, "url"] = "javascript:window.__pwned = 4"
    path = save_map(build_map(claims, title=HOSTILE), tmp_path / "hostile.html", offline=True)
    opened = Opened(browser, path, serve_assets=False)
    page = opened.page
    point = claims.loc[target, "geometry"]
    for other in ("Ukrainian claims", "Independent analysts", "Other or unattributed",
                  "Sides disagree"):  # leave only the Russian claims clickable
        box = page.get_by_label(other, exact=True)
        if box.count():
            box.uncheck()
    opened.click_claim(point.y, point.x)
    popup = page.locator(".geomap-popup")
    text = popup.inner_text()
    assert "<script>window.__pwned = 1</script>" in text
    assert "onerror" in text and "<b>bold</b>" in text
    assert "{{ 6 * 7 }}{% if true %}" in text  # not evaluated by jinja at build time
    assert popup.locator("img, script, b").count() == 0
    assert popup.locator("mark").count() == 1  # the place is marked in the sentence
    assert popup.locator("a").count() == 0  # a javascript: URL never becomes a link
    assert page.locator(".geomap-title").inner_text().startswith("<script>")
    assert page.evaluate("window.__pwned") is None
    assert opened.errors == []
    page.close()


def test_hostile_article_through_the_pipeline(browser, tmp_path):
    text = ("Russia's defence ministry said on Monday its forces had captured the village of "
            f"Gornal in the Kursk region {HOSTILE}.\n"
            "<iframe src=\"javascript:window.__pwned = 5\"></iframe>")
    article = Article(doc_id="hostile", text=text, published=dt.date(2025, 4, 28),
                      source=HOSTILE, url="javascript:window.__pwned = 6")
    claims, _ = extract([article])
    assert len(claims)
    path = save_map(build_map(claims), tmp_path / "article.html", offline=True)
    opened = Opened(browser, path, serve_assets=False)
    point = claims.iloc[0]["geometry"]
    opened.click_claim(point.y, point.x)
    assert opened.page.locator(".geomap-popup img, .geomap-popup iframe").count() == 0
    assert opened.page.evaluate("window.__pwned") is None
    assert opened.errors == []
    opened.page.close()


def test_jupyter_inline_map_works_offline(browser, seed_claims, tmp_path):
    from geomap.render import explore

    inline = explore(seed_claims, offline=True)
    page_file = tmp_path / "notebook-output.html"
    page_file.write_text(f"<html><body>{inline._repr_html_()}</body></html>", "utf-8")
    opened_page = browser.new_page()
    refused: list[str] = []
    opened_page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("file:", "about:")) else (refused.append(route.request.url), route.abort()))
    opened_page.goto(page_file.as_uri())
    frame = opened_page.frames[1]
    frame.wait_for_function("window.geomap !== undefined")
    assert frame.evaluate("window.geomap.data.claims.id.length") == len(
        prepare_claims(seed_claims))
    assert refused == []
    opened_page.close()


@pytest.mark.parametrize("case", ["empty", "undated", "one claim"])
def test_edge_case_maps_load_cleanly(browser, seed_claims, tmp_path, case):
    claims = seed_claims.copy()
    if case == "empty":
        claims = claims.iloc[0:0]
    elif case == "undated":
        claims["date_start"] = None
        claims["date_end"] = None
    else:
        claims = claims[claims["place_label"] == "Gornal"].iloc[[0]]
    path = save_map(build_map(claims), tmp_path / "edge.html", offline=True)
    opened = Opened(browser, path, serve_assets=False)
    assert len(opened.visible()) == len(prepare_claims(claims))  # undated: shown on every day
    assert opened.errors == [] and opened.refused == []
    opened.page.close()


def test_an_approximate_claim_is_drawn_hollow(browser, seed_claims, tmp_path):
    """The payload's ``approx`` boolean, not a shape name, makes a mark hollow."""
    gornal = seed_claims[(seed_claims["place_label"] == "Gornal")
                         & (seed_claims["claimant_side"] == "RU")
                         & (seed_claims["event_type"] == "control")].iloc[[0]]
    exact = gornal.assign(approximate=False)
    approx = gornal.assign(approximate=True, claim_id="approximate-copy",
                           place_id="test:approximate", place_label="Approximate",
                           geometry=gornal.geometry.translate(xoff=0.3))
    claims = pd.concat([exact, approx], ignore_index=True)
    path = save_map(build_map(claims), tmp_path / "hollow.html", offline=True)
    opened = Opened(browser, path, serve_assets=False)
    page = opened.page
    marks = page.evaluate("""() => {
        const g = window.geomap, out = {};
        for (const layer of g.pointLayers) {
          if (layer.kind !== "claims" || !layer._map) { continue; }
          const ctx = layer._canvas.getContext("2d"), ratio = layer._ratio;
          for (const mark of layer.drawnMarks()) {
            const pixel = ctx.getImageData(Math.round(mark.x * ratio),
                                           Math.round(mark.y * ratio), 1, 1).data;
            out[g.strings[g.data.claims.id[mark.index]]] = {
              shape: mark.shape, hollow: mark.hollow,
              approx: g.data.claims.approx[mark.index], centreAlpha: pixel[3]};
          }
        }
        return out; }""")
    exact_id = exact.iloc[0]["claim_id"]
    assert set(marks) == {exact_id, "approximate-copy"}
    assert marks["approximate-copy"]["approx"] is True and marks[exact_id]["approx"] is False
    # the same plain shape for both; only the boolean differs
    assert marks["approximate-copy"]["shape"] == marks[exact_id]["shape"] == "circle"
    assert marks["approximate-copy"]["hollow"] is True and marks[exact_id]["hollow"] is False
    # on the canvas: the filled mark covers its centre, the hollow one leaves it empty
    assert marks[exact_id]["centreAlpha"] > 0
    assert marks["approximate-copy"]["centreAlpha"] == 0
    assert opened.errors == [] and opened.refused == []
    page.close()


# ---- the map a reader understands (issue 14) --------------------------------------------

def _goto_day(page, date: str) -> None:
    epoch = dt.date.fromisoformat(page.evaluate("window.geomap.data.epoch"))
    page.locator(".geomap-slider input").fill(str((dt.date.fromisoformat(date) - epoch).days))


@pytest.fixture(scope="module")
def demo_map(tmp_path_factory):
    """The demo (bundled example reports) through the whole pipeline, as `geomap demo`."""
    from geomap.build import build
    from geomap.demo import EXAMPLES

    folder = tmp_path_factory.mktemp("demo")
    report = build(EXAMPLES, output=folder / "demo.html", store=folder / "demo.gpkg",
                   offline=True, rebuild=True, progress=False)
    return folder / "demo.html", report.claims, folder / "demo.gpkg"


@pytest.mark.parametrize("which", ["seeds", "demo"])
def test_settlement_labels_at_zoom_10(browser, seeds_map, demo_map, seed_claims, which):
    path, claims = (seeds_map[0], seed_claims) if which == "seeds" else demo_map[:2]
    opened = Opened(browser, path, serve_assets=False)
    page = opened.page
    sudzha = claims[claims["place_label"] == "Sudzha"].iloc[0]["geometry"]
    page.evaluate("([lat, lon]) => window.geomap.map.setView([lat, lon], 10, {animate: false})",
                  [sudzha.y, sudzha.x])
    labels = page.locator(".geomap-place-label").all_inner_texts()
    assert "Sudzha" in labels
    assert "RUSSIA" in [t.upper() for t in page.locator(".geomap-country-label").all_inner_texts()]
    assert "Kursk Oblast" in page.locator(".geomap-region-label").all_inner_texts()
    assert opened.errors == []
    page.close()


def _visible_dispute(page) -> dict:
    return page.evaluate("""() => { const g = window.geomap, d = g.data.disputes;
        for (let i = 0; i < d.lon.length; i++) {
          if (d.t0[i] <= g.day && g.day < d.t1[i]) {
            return {i: i, lat: d.lat[i], lon: d.lon[i],
                    a: g.strings[g.data.claims.claimant[d.a[i]]],
                    b: g.strings[g.data.claims.claimant[d.b[i]]]}; } }
        return null; }""")


@pytest.mark.parametrize("which", ["seeds", "demo"])
def test_a_click_on_a_disagreement_opens_it(browser, seeds_map, demo_map, which):
    """Every layer on: the click at the centre of a ring opens the disagreement, not the
    claim under it, and the popup names both claimants."""
    opened = Opened(browser, seeds_map[0] if which == "seeds" else demo_map[0],
                    serve_assets=False)
    page = opened.page
    assert page.evaluate("window.geomap.data.disputes.lon.length") > 0, "a disagreement"
    if _visible_dispute(page) is None:  # none current on the last day: go to the first
        page.evaluate("const g = window.geomap; g.setDay(g.data.disputes.t0[0])")
    dispute = _visible_dispute(page)
    assert dispute, "a disagreement is current on the day shown"
    opened.click_claim(dispute["lat"], dispute["lon"])
    popup = page.locator(".geomap-popup").inner_text()
    assert popup.startswith("Sides disagree")
    assert dispute["a"] in popup and dispute["b"] in popup
    if which == "demo":
        ARTIFACTS.mkdir(exist_ok=True)
        page.wait_for_timeout(400)  # the popup's fade-in
        page.screenshot(path=str(ARTIFACTS / "demo-disagreement.png"))
    assert opened.errors == []
    page.close()


def test_stamped_marks_look_as_drawn_by_the_canvas(browser, demo_map):
    """After its first draw the points' canvas is stamped from a pixel buffer in script
    (sprites copied with their opacity, "source-over"): the same marks, counts, rings
    and fading as the canvas's own drawImage gives, within rounding, on three days (some
    marks faded with age); and a stamp leaves nothing of the day before."""
    opened = Opened(browser, demo_map[0], serve_assets=False)
    page = opened.page
    result = page.evaluate("""() => {
        const g = window.geomap, stage = g.stage, canvas = stage._canvas;
        const pixels = () => canvas.getContext("2d").getImageData(
          0, 0, canvas.width, canvas.height).data;
        const days = [g.data.range[1], Math.round((g.data.range[0] + g.data.range[1]) / 2),
                      g.data.range[0] + 20];
        const out = [];
        for (const day of days) {
          g.setDay(day);
          stage._drawnOnce = false; stage._image = null; stage.draw();  // by drawImage
          const drawn = pixels();
          stage.draw();  // stamped (the buffer is new: every pixel put)
          const stamped = pixels();
          g.setDay(g.data.range[0]); g.setDay(day);  // stamped over another day
          const again = pixels();
          let worst = 0, worstAgain = 0, opaque = 0;
          // compared as premultiplied values (what is seen: a channel weighed by its
          // opacity; the straight colour of a nearly transparent pixel is mostly rounding)
          const seen = (px, k) => k % 4 === 3 ? px[k] : px[k] * px[k - k % 4 + 3] / 255;
          for (let k = 0; k < drawn.length; k++) {
            worst = Math.max(worst, Math.abs(seen(drawn, k) - seen(stamped, k)));
            worstAgain = Math.max(worstAgain, Math.abs(seen(drawn, k) - seen(again, k)));
            if (k % 4 === 3 && drawn[k] === 255) { opaque++; }
          }
          const aged = g.pointLayers.filter(l => l.kind === "claims").reduce(
            (n, l) => n + l._drawn.filter(i => day - l.t0[i] > g.data.fresh).length, 0);
          out.push({day, worst, worstAgain, opaque, aged,
                    marks: g.pointLayers.reduce((n, l) => n + l._drawn.length, 0)});
        }
        return out; }""")
    assert sum(r["marks"] for r in result) >= 10 and all(r["opaque"] > 0 for r in result)
    assert any(r["aged"] > 0 for r in result)  # marks fading with age were compared
    for r in result:
        assert r["worst"] <= 4 and r["worstAgain"] <= 4, r
    assert opened.errors == []
    page.close()


def test_slider_spans_the_front_and_old_claims_age_out(browser, seeds_map, seed_claims):
    opened = Opened(browser, seeds_map[0], serve_assets=False)
    page = opened.page
    epoch = dt.date.fromisoformat(page.evaluate("window.geomap.data.epoch"))
    first = epoch + dt.timedelta(days=page.evaluate("window.geomap.data.range[0]"))
    # the Kursk incursion began on 6 August 2024; one background sentence about 2022
    # must not stretch the slider back to it
    front = seed_claims.loc[seed_claims["date_start"] >= "2024-06-01", "date_start"].min()
    assert seed_claims["date_start"].min() < pd.Timestamp("2024-01-01")  # history is there
    assert abs((pd.Timestamp(first) - front).days) <= 30
    ticks = page.locator(".geomap-tick-major").all_inner_texts()
    assert "Sep 2024" in ticks or "Sep" in ticks
    # a claim is drawn on its day and not 200 days later
    claim = seed_claims[(seed_claims["place_kind"] == "settlement")
                        & (seed_claims["date_start"] >= "2024-08-01")
                        ].sort_values("date_start").iloc[0]
    day = claim["date_start"].date()
    assert day + dt.timedelta(days=200) <= seed_claims["date_start"].max().date()
    _goto_day(page, day.isoformat())
    assert claim["claim_id"] in opened.visible()
    assert page.locator(".geomap-thumb-date").inner_text() == day.isoformat()
    _goto_day(page, (day + dt.timedelta(days=200)).isoformat())
    assert claim["claim_id"] not in opened.visible()
    assert opened.errors == []
    page.close()


def test_search_finds_sudzha_and_flies_there(browser, demo_map):
    opened = Opened(browser, demo_map[0], serve_assets=False)
    page = opened.page
    box = page.get_by_label("Find a place or claimant")
    box.fill("sudzha")
    box.press("Enter")
    assert page.locator(".geomap-search-result").inner_text() == "Sudzha"
    # the map zooms there with Leaflet's animation (a quarter of a second): until it ends,
    # getCenter() is the view before; wait for the view to arrive (or time out and fail)
    page.wait_for_function("() => { const c = window.geomap.map.getCenter();"
                           " return Math.abs(c.lat - 51.19) < 0.05"
                           " && Math.abs(c.lng - 35.27) < 0.05; }", timeout=5000)
    assert page.evaluate("window.geomap.map.getZoom()") >= 11
    assert "Sudzha" in page.locator(".geomap-place-label").all_inner_texts()
    box.fill("defence ministry")
    box.press("Enter")
    assert "defence ministry" in page.locator(".geomap-search-result").inner_text().lower()
    assert opened.errors == []
    page.close()


def test_claim_list_and_permalink(browser, demo_map):
    opened = Opened(browser, demo_map[0], serve_assets=False)
    page = opened.page
    _goto_day(page, "2024-08-20")
    page.get_by_label("What Kyiv claims", exact=True).check()
    page.locator(".geomap-list-toggle").click()
    items = page.locator(".geomap-list-items li")
    assert items.count() == len(opened.visible()) > 0
    first = items.nth(0).inner_text()
    items.nth(0).click()
    assert page.locator(".geomap-says").first.inner_text() == first
    link = page.evaluate("location.hash")
    assert "day=2024-08-20" in link and "view=What%20Kyiv%20claims" in link and "claim=" in link
    page.close()
    again = Opened(browser, demo_map[0], serve_assets=False)
    again.page.goto(demo_map[0].as_uri() + link)
    again.page.reload()
    again.page.wait_for_function("window.geomap && window.geomap.ready")
    assert again.page.locator(".geomap-day").inner_text() == "as of 2024-08-20"
    assert again.page.evaluate("window.geomap.currentView()") == "What Kyiv claims"
    assert again.page.locator(".geomap-says").first.inner_text() == first
    assert again.errors == []
    again.page.close()


def test_demo_screenshots(browser, demo_map):
    """Screenshots a reader would see: first view, a popup, the territory views."""
    ARTIFACTS.mkdir(exist_ok=True)
    opened = Opened(browser, demo_map[0], serve_assets=False)
    page = opened.page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.wait_for_timeout(200)
    page.screenshot(path=str(ARTIFACTS / "demo-initial.png"))
    _goto_day(page, "2024-08-20")
    row = page.evaluate("window.geomap.visibleRows()[0]")
    page.evaluate("(row) => window.geomap.openClaim(row)", row)
    says = page.locator(".geomap-says").first.inner_text()
    assert ": " in says and "(" in says  # "claimant: who did what where (date)"
    page.wait_for_timeout(400)  # the popup's fade-in
    page.screenshot(path=str(ARTIFACTS / "demo-popup.png"))
    page.evaluate("window.geomap.map.closePopup()")
    for date, view in (("2024-08-20", "What Kyiv claims"), ("2025-04-20", "What Moscow claims")):
        _goto_day(page, date)
        page.get_by_label(view, exact=True).check()
        cells = page.evaluate("window.geomap.timeLayers.filter(l => l.kind === 'cells' && l._map)"
                              ".map(l => l.visibleCount())")
        assert cells and cells[0] > 0, (date, view)
        page.screenshot(path=str(ARTIFACTS / f"demo-territory-{date}.png"))
    assert opened.errors == []
    page.close()


def test_png_is_the_requested_size_and_not_blank(demo_map, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    import numpy as np
    from PIL import Image

    exe = Path(sys.executable).parent / "geomap"
    out = tmp_path / "map.png"
    done = subprocess.run([str(exe), "render", str(demo_map[2]), "-o", str(tmp_path / "m.html"),
                           "--as-of", "2024-08-20", "--png", str(out), "--size", "900x600"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    image = Image.open(out)
    assert image.size == (900, 600)
    pixels = np.asarray(image.convert("L"), dtype=float)[60:500, 60:700]  # the map area
    assert pixels.std() > 10
    ARTIFACTS.mkdir(exist_ok=True)
    image.save(ARTIFACTS / "demo-as-of-2024-08-20.png")
    bad = subprocess.run([str(exe), "render", str(demo_map[2]), "-o", str(tmp_path / "b.html"),
                          "--png", str(out), "--size", "huge"], capture_output=True, text=True)
    assert bad.returncode == 2 and "WIDTHxHEIGHT" in bad.stderr
