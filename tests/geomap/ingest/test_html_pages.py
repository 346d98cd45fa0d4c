"""Saved web pages (.html) as articles: the article's text without the page's clutter, the
page's own metadata, the manifest's precedence, encodings, bounds, JSON Lines with
``html``, and claims from a page end to end (real trafilatura, spaCy and gazetteer).
The pages are written here for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from geomap.ingest.corpus import Article, ReadFailure, iter_corpus, read_page
from geomap.ingest.html import declared_charset, page_text

WIRE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Moscow says its troops took a village in Donetsk region | Northwind News</title>
<meta property="og:site_name" content="Northwind News">
<meta property="og:title" content="Moscow says its troops took a village in Donetsk region">
<meta property="article:published_time" content="2025-02-11T08:40:00Z">
<meta property="article:modified_time" content="2025-02-13T17:05:00Z">
<link rel="canonical" href="https://news.example.net/europe/moscow-village-claim/">
<script>var tracker = "Russian forces captured Kramatorsk"; document.title = "x";</script>
<style>.promo { color: red }</style>
</head><body>
<header><nav><a href="/">Home</a> <a href="/europe">Europe</a> <a href="/markets">Markets</a>
<a href="/sport">Sport</a></nav></header>
<div id="consent">This site uses cookies to improve your experience. Accept all?</div>
<main><article>
<h1>Moscow says its troops took a village in Donetsk region</h1>
<p class="byline">By Alex Example</p>
<p>Russia's Defence Ministry said on Monday that its forces had captured the village of
Novotroitske in Ukraine's Donetsk region, pressing on towards the town of Pokrovsk.</p>
<p>A spokesman for Ukraine's army did not comment on the claim, and Northwind News could
not verify it independently.</p>
<aside><h3>Read more</h3><ul><li><a href="/a">Markets fall as talks stall</a></li>
<li><a href="/b">Storm warning for the coast</a></li></ul></aside>
<p>The ministry also said its air defences had shot down drones over the Belgorod region
overnight.</p>
</article></main>
<footer><p>Copyright 2025 Northwind News. All rights reserved.</p></footer>
<script type="application/ld+json">{"@context": "https://schema.org",
"@type": "NewsArticle", "datePublished": "2025-02-11T08:40:00Z",
"publisher": {"@type": "Organization", "name": "Northwind News"}}</script>
</body></html>
"""

RUSSIAN_PAGE = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>Минобороны сообщило об освобождении Курахово</title>
<meta property="article:published_time" content="2025-01-06">
</head><body><div class="menu">Главная | Новости | Политика | Спорт</div>
<div class="article"><h1>Минобороны сообщило об освобождении Курахово</h1>
<p>Подразделения группировки войск «Юг» полностью освободили город Курахово в Донецкой
Народной Республике, сообщило в понедельник Министерство обороны России.</p>
<p>По данным ведомства, за сутки противник потерял до 200 военнослужащих и три танка.</p>
<p>Украинская сторона эти сведения пока не комментировала.</p></div>
<div class="footer">Все права защищены</div></body></html>
"""

EMPTY_PAGE = """<html><head><title>Nothing here</title></head><body>
<nav><a href="/">Home</a></nav><script>alert(1)</script></body></html>"""


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def test_page_text_keeps_the_article_and_drops_the_page_clutter():
    page = page_text(WIRE_PAGE)
    assert "captured the village of\nNovotroitske" not in page.text  # paragraphs joined
    assert "captured the village of Novotroitske" in " ".join(page.text.split())
    assert "air defences had shot down drones" in " ".join(page.text.split())
    for clutter in ("Kramatorsk", "cookies", "Markets fall", "Copyright", "Home", "promo",
                    "document.title"):
        assert clutter not in page.text, clutter
    assert "\n\n" in page.text and "\n\n\n" not in page.text  # one blank line per block


def test_page_text_reads_the_pages_own_metadata():
    page = page_text(WIRE_PAGE)
    assert page.title == "Moscow says its troops took a village in Donetsk region"
    assert page.published == "2025-02-11"  # the original date, not the modified one
    assert page.url == "https://news.example.net/europe/moscow-village-claim/"
    assert page.site == "Northwind News"


def test_a_date_only_in_the_articles_sentences_is_not_guessed(tmp_path):
    html = WIRE_PAGE.replace('<meta property="article:published_time" '
                             'content="2025-02-11T08:40:00Z">', "") \
        .replace('"datePublished": "2025-02-11T08:40:00Z",', "") \
        .replace("overnight.</p>", "overnight.</p><p>Talks are due on 20 March 2025.</p>")
    html = html.replace('<meta property="article:modified_time" '
                        'content="2025-02-13T17:05:00Z">', "")
    html = html.replace("/europe/moscow-village-claim/", "/europe/story/")
    assert "20 March 2025" in page_text(html).text
    assert page_text(html).published is None
    path = _write(tmp_path, "undated.html", html)
    import datetime as dt

    [article] = read_page(path, published=dt.date(2025, 3, 1))
    assert article.published == dt.date(2025, 3, 1)  # the run's default date


def test_the_manifest_wins_over_the_page_and_says_so(tmp_path):
    _write(tmp_path, "wire.html", WIRE_PAGE)
    (tmp_path / "manifest.csv").write_text(
        "file,published,publisher\nwire.html,2025-02-12,Reuters\n", encoding="utf-8")
    [article] = list(iter_corpus(tmp_path))
    assert isinstance(article, Article)
    assert article.published.isoformat() == "2025-02-12"
    assert article.source == "Reuters"
    assert article.url == "https://news.example.net/europe/moscow-village-claim/"
    assert any("2025-02-11" in w and "2025-02-12" in w for w in article.warnings)


def test_a_windows_1251_page_is_read_in_its_declared_charset(tmp_path):
    path = _write(tmp_path, "ria.htm", RUSSIAN_PAGE, encoding="cp1251")
    assert declared_charset(path.read_bytes()) == "cp1251"
    [article] = read_page(path)
    assert isinstance(article, Article), article
    assert article.encoding == "cp1251"
    assert "освободили город Курахово" in " ".join(article.text.split())
    assert "Главная" not in article.text
    assert article.published.isoformat() == "2025-01-06"


def test_folder_of_pages_and_texts_one_bad_page_loses_nothing(tmp_path):
    _write(tmp_path, "a_wire.html", WIRE_PAGE)
    _write(tmp_path, "b_empty.html", EMPTY_PAGE)
    _write(tmp_path, "c_note.txt", "Ukraine's General Staff said its forces repelled an "
                                  "attack near Vovchansk on Sunday.\n")
    (tmp_path / "d_huge.html").write_bytes(b"<html><body><p>" + b"x " * 600_000
                                           + b"</p></body></html>")
    items = {item.doc_id: item for item in iter_corpus(tmp_path, max_bytes=100_000)}
    assert set(items) == {"a_wire", "b_empty", "c_note", "d_huge"}
    assert isinstance(items["a_wire"], Article) and isinstance(items["c_note"], Article)
    assert isinstance(items["b_empty"], ReadFailure)
    assert items["b_empty"].error == "no article text found in the HTML page"
    assert isinstance(items["d_huge"], ReadFailure)
    assert items["d_huge"].error.startswith("too large: 1.20 MB is over the 0.80 MB page")
    for item in items.values():
        if isinstance(item, ReadFailure):
            assert "\n" not in item.error


def test_jsonl_lines_may_carry_the_page_instead_of_the_text(tmp_path):
    feed = tmp_path / "crawl.jsonl"
    feed.write_text("\n".join(json.dumps(obj) for obj in [
        {"id": "p1", "html": WIRE_PAGE, "source": "Northwind"},
        {"id": "p2", "html": EMPTY_PAGE},
        {"id": "t1", "text": "Plain text line about Kupiansk.", "published": "2025-01-02"},
    ]) + "\n", encoding="utf-8")
    items = {item.doc_id: item for item in iter_corpus(feed)}
    assert items["p1"].source == "Northwind"  # the line's own field wins
    assert items["p1"].published.isoformat() == "2025-02-11"  # the page's date
    assert items["p1"].title.startswith("Moscow says")
    [failure] = [item for item in items.values() if isinstance(item, ReadFailure)]
    assert failure.path.endswith("crawl.jsonl:2")
    assert failure.error == "no article text found in the HTML page"
    assert isinstance(items["t1"], Article)


def test_claims_from_a_saved_page_end_to_end(tmp_path):
    import geomap

    _write(tmp_path, "wire.html", WIRE_PAGE)
    _write(tmp_path, "ria.html", RUSSIAN_PAGE, encoding="cp1251")
    claims, _ = geomap.extract(tmp_path)
    wire = claims[claims.doc_id == "wire"]
    control = wire[wire.event_type == "control"]
    assert list(control.place_name) == ["Novotroitske"]
    row = control.iloc[0]
    assert row.claimant_side == "RU" and row.admin1 == "UA-14"
    assert str(row.date_start)[:10] == "2025-02-10"  # "on Monday" before 11 February
    assert row.source == "Northwind News" and row.url.endswith("/moscow-village-claim/")
    assert "Kramatorsk" not in set(claims.place_name)  # the script's text is not read
    ria = claims[claims.doc_id == "ria"]
    assert ("control", "RU") in set(zip(ria.event_type, ria.claimant_side, strict=True))
    assert "Курахово" in set(ria.place_name)


def test_a_page_with_too_many_elements_is_refused_before_extraction(tmp_path):
    from geomap.ingest.html import MAX_PAGE_ELEMENTS

    links = "".join(f'<a href="/{k}">link {k}</a> ' for k in range(MAX_PAGE_ELEMENTS + 10))
    path = _write(tmp_path, "links.html", f"<html><body>{links}</body></html>")
    [failure] = read_page(path)
    assert isinstance(failure, ReadFailure)
    assert failure.error == (f"too large: the page has {MAX_PAGE_ELEMENTS + 12:,} HTML "
                             f"elements, over the {MAX_PAGE_ELEMENTS:,} limit")


def test_hostile_markup_in_a_page_is_text_at_most(tmp_path):
    html = WIRE_PAGE.replace(
        "<p>A spokesman", '<p><img src=x onerror="alert(1)"><script>alert(2)</script>'
        "&lt;script&gt;alert(3)&lt;/script&gt; A spokesman")
    [article] = read_page(_write(tmp_path, "x.html", html))
    assert "alert(1)" not in article.text and "alert(2)" not in article.text
    assert "<script>alert(3)</script>" in article.text  # escaped text stays text


def test_a_table_of_settlements_is_read_as_the_list_after_its_sentence():
    import datetime as dt

    import geomap

    html = ("<html><body><article><h1>Weekly summary</h1><p>Russia's Defence Ministry said "
            "its forces had liberated these settlements over the week:</p><table><tr><td>"
            "Vremivka</td><td>Donetsk region</td></tr><tr><td>Novotroitske</td><td>Donetsk "
            "region</td></tr></table></article></body></html>")
    page = page_text(html)
    assert "\n\n- Vremivka, Donetsk region\n\n- Novotroitske, Donetsk region\n" in page.text
    claims, _ = geomap.extract([Article("t", page.text, published=dt.date(2025, 1, 20))])
    assert sorted(zip(claims.place_name, claims.event_type, claims.claimant_side,
                      strict=True)) == [("Novotroitske", "control", "RU"),
                                        ("Vremivka", "control", "RU")]
