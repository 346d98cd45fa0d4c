"""Saved web pages: the cost of reading a page (:func:`geomap.ingest.corpus.read_page`,
trafilatura's main-content extraction) against reading the same article as a text file
(:func:`~geomap.ingest.corpus.read_text_file`, the baseline) and against analysing it
(``geomap.extract`` of the article, the stage that follows), in the same run; and the
bounded cost of hostile pages (the largest page the default limit admits, 10,000 nested
``<div>`` elements, pages of 20,000 and 60,000 links and no article).

The pages are made here: a news page's frame (menus, a cookie banner, share bars, "read
more" boxes, scripts, styles, JSON-LD, a footer) around an article of N paragraphs of
sentences written for this benchmark.

    python benchmarks/html_pages.py [--rounds 5]

Prints a markdown table of medians (ms per page).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SENTENCES = [
    "Russia's Defence Ministry said on Monday that its forces had captured the village of "
    "Novotroitske in the Donetsk region.",
    "Ukraine's General Staff said its troops had repelled 31 attacks near Pokrovsk over the "
    "past day.",
    "The claims could not be verified independently, and neither side gave figures for its "
    "own losses.",
    "Regional officials said drones struck an energy facility near Kharkiv overnight, "
    "leaving thousands without power.",
]


def article_text(paragraphs: int) -> str:
    """An article of *paragraphs* paragraphs of three sentences each."""
    return "\n\n".join(" ".join(SENTENCES[(k + j) % len(SENTENCES)] for j in range(3))
                       for k in range(paragraphs)) + "\n"


def news_page(paragraphs: int) -> str:
    """A saved news page around :func:`article_text`."""
    body = "".join(f"<p>{p}</p>\n" for p in article_text(paragraphs).split("\n\n"))
    menu = "".join(f'<li><a href="/s{k}">Section {k}</a></li>' for k in range(40))
    more = "".join(f'<li><a href="/r{k}">Another story about markets {k}</a></li>'
                   for k in range(12))
    script = "var config = " + "{" + ",".join(f'"k{k}": {k}' for k in range(3000)) + "};"
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Moscow claims a village near Pokrovsk | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-02-11T08:40:00Z">
<script>{script}</script><style>{".c{color:red}" * 500}</style></head><body>
<header><nav><ul>{menu}</ul></nav></header><div id="consent">We use cookies. Accept?</div>
<main><article><h1>Moscow claims a village near Pokrovsk</h1>{body}
<aside><h3>Read more</h3><ul>{more}</ul></aside></article></main>
<footer><p>Copyright 2025 Example News.</p></footer></body></html>"""


def hostile_pages() -> dict[str, str]:
    """Pages that try to cost time: the largest the default limit admits (8 MB), deep
    nesting, many links and no article."""
    from geomap.settings import MAX_ARTICLE_BYTES

    big = news_page(60)
    filler = "<div class='ad'>" + "x" * 1000 + "</div>\n"
    room = 8 * MAX_ARTICLE_BYTES - len(big.encode()) - 1000
    big = big.replace("<footer>", filler * (room // len(filler)) + "<footer>")
    deep = ("<html><body>" + "<div>" * 10_000 + "<p>" + " ".join(SENTENCES) + "</p>"
            + "</div>" * 10_000 + "</body></html>")
    links = "<html><body>" + "".join(f'<a href="/{k}">link {k}</a> ' for k in range(20_000)) \
        + "</body></html>"
    many = "<html><body>" + "".join(f'<a href="/{k}">link {k}</a> ' for k in range(60_000)) \
        + "</body></html>"
    return {"8 MB page (the default limit)": big, "10,000 nested divs": deep,
            "20,000 links, no article": links, "60,000 links (over the element limit)": many}


def _median_ms(call, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from geomap.extract import extract
    from geomap.ingest.corpus import Article, read_page, read_text_file

    folder = Path(tempfile.mkdtemp(prefix="geomap-html-"))
    read_page(_write(folder, "warm.html", news_page(3)))  # imports and first use
    extract([Article("warm", article_text(2), published=dt.date(2025, 2, 11))])
    lines = ["| page | page size (KB) | read as .txt (ms) | read as .html (ms) | html / txt | "
             "analyse the article (ms) | html / analyse |", "|---|---:|---:|---:|---:|---:|---:|"]
    for paragraphs in (3, 12, 60):
        page = _write(folder, f"p{paragraphs}.html", news_page(paragraphs))
        text = _write(folder, f"p{paragraphs}.txt", article_text(paragraphs))
        as_text = _median_ms(lambda t=text: read_text_file(t), args.rounds)
        as_page = _median_ms(lambda p=page: read_page(p), args.rounds)
        article = Article("a", article_text(paragraphs), published=dt.date(2025, 2, 11))
        analyse = _median_ms(lambda a=article: extract([a]), max(1, args.rounds // 2))
        lines.append(f"| news page, {paragraphs} paragraphs | {page.stat().st_size / 1e3:.0f} | "
                     f"{as_text:.2f} | {as_page:.1f} | {as_page / as_text:.0f}x | "
                     f"{analyse:.0f} | {as_page / analyse:.2f} |")
    lines += ["", "| hostile page | size (MB) | read (ms) | result |", "|---|---:|---:|---|"]
    for name, html in hostile_pages().items():
        path = _write(folder, "hostile.html", html)
        [result] = read_page(path)
        took = _median_ms(lambda p=path: read_page(p), max(1, args.rounds // 2))
        what = getattr(result, "error", None) or f"{len(result.text):,} characters of text"
        lines.append(f"| {name} | {path.stat().st_size / 1e6:.2f} | {took:.0f} | {what} |")
    print("\n".join(lines))


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    main()
