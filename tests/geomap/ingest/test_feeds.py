"""News feeds (RSS 2.0, Atom, RSS 1.0) as corpora: one article per item with its own date,
link and the feed's title as publisher; hostile XML refused; claims end to end with the
real extractor. The feeds are written here for these tests."""

from __future__ import annotations

from pathlib import Path

import geomap
from geomap.ingest.corpus import Article, ReadFailure, iter_corpus
from geomap.ingest.feeds import html_text

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>TASS: Military news</title><link>https://agency.example.org/</link>
<item>
  <title>Russian troops liberate Novotroitske in Donetsk region, says Defence Ministry</title>
  <link>https://agency.example.org/military/1001</link>
  <guid>https://agency.example.org/military/1001</guid>
  <pubDate>Tue, 14 Jan 2025 09:05:11 +0300</pubDate>
  <description>&lt;p&gt;Units of the Centre group of forces have taken the village,
  the ministry said on Tuesday.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
</item>
<item>
  <title>Weather: snow expected in Moscow</title>
  <link>https://agency.example.org/society/1002</link>
  <pubDate>Wed, 15 Jan 2025 07:00:00 +0000</pubDate>
</item>
<item>
  <title>A story with a broken date</title>
  <guid>broken-1</guid>
  <pubDate>sometime soon</pubDate>
</item>
<item><link>https://agency.example.org/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Front Monitor</title>
<entry><title>Ukrainian forces repel attacks near Pokrovsk</title>
  <id>urn:example:42</id>
  <link rel="alternate" href="https://monitor.example.net/42"/>
  <published>2025-02-03T18:20:00Z</published><updated>2025-02-04T08:00:00Z</updated>
  <content type="html">&lt;p&gt;Ukraine's General Staff said its forces repelled 14
  attacks near Pokrovsk over the past day.&lt;/p&gt;</content>
</entry></feed>"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://old.example.com/"><title>Old Style News</title></channel>
<item rdf:about="https://old.example.com/7"><title>Drone strike reported near Kharkiv</title>
<link>https://old.example.com/7</link><dc:date>2025-03-01T10:00:00+02:00</dc:date>
<description>Regional officials said drones struck an energy facility near Kharkiv.</description>
</item></rdf:RDF>"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss version="2.0"><channel><title>&lol4;</title><item><title>&lol4;&lol4;</title>
</item></channel></rss>"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rss_items_are_articles_with_their_own_metadata(tmp_path):
    items = list(iter_corpus(_write(tmp_path, "agency.rss", RSS)))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 2  # the item with neither title nor body is skipped
    first, second = articles
    assert first.text.startswith("Russian troops liberate Novotroitske")
    assert "Units of the Centre group of forces have taken the village" in first.text
    assert "alert(1)" not in first.text  # the escaped script is dropped, not text
    assert first.published.isoformat() == "2025-01-14"
    assert first.url == "https://agency.example.org/military/1001"
    assert first.source == "TASS: Military news"
    assert first.title.startswith("Russian troops liberate")
    assert second.text == "Weather: snow expected in Moscow\n"
    [bad] = [i for i in items if isinstance(i, ReadFailure)]
    assert bad.error == "unreadable item date 'sometime soon'"


def test_atom_and_rss1_feeds(tmp_path):
    [entry] = list(iter_corpus(_write(tmp_path, "monitor.atom", ATOM)))
    assert entry.published.isoformat() == "2025-02-03"  # published, not updated
    assert entry.url == "https://monitor.example.net/42" and entry.source == "Front Monitor"
    assert "repelled 14 attacks near Pokrovsk" in " ".join(entry.text.split())
    [old] = list(iter_corpus(_write(tmp_path, "old.xml", RDF)))
    assert old.published.isoformat() == "2025-03-01" and old.source == "Old Style News"


def test_two_fetches_of_a_feed_keep_each_item_once(tmp_path):
    _write(tmp_path, "fetch1.rss", RSS)
    _write(tmp_path, "fetch2.rss", RSS.replace("Weather: snow", "Weather: rain"))
    items = list(iter_corpus(tmp_path))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 2
    edited = [i for i in items if isinstance(i, ReadFailure) and "read again" in i.error]
    assert len(edited) == 1  # the weather item changed between fetches


def test_xml_that_is_no_feed_and_an_entity_bomb_are_one_line_failures(tmp_path):
    [other] = list(iter_corpus(_write(tmp_path, "sitemap.xml",
                                      "<urlset><url><loc>x</loc></url></urlset>")))
    assert other.error.startswith("not a news feed (the root is <urlset>)")
    assert "\n" not in other.error
    [bomb] = list(iter_corpus(_write(tmp_path, "bomb.rss", BOMB)))
    assert bomb.text == "&lol4;&lol4;\n"  # the entities are never expanded


def test_html_fragments_become_paragraphs():
    assert html_text("<p>One.</p><p>Two<br>three</p><style>x{}</style>") == \
        "One.\n\nTwo\n\nthree"
    assert html_text("plain   words") == "plain words"


def test_claims_from_a_feed_end_to_end(tmp_path):
    _write(tmp_path, "agency.rss", RSS)
    _write(tmp_path, "monitor.atom", ATOM)
    claims, _ = geomap.extract(tmp_path)
    rows = set(zip(claims.place_name, claims.event_type, claims.claimant_side,
                   claims.date_start.astype(str).str[:10], strict=True))
    assert ("Novotroitske", "control", "RU", "2025-01-14") in rows
    assert ("Pokrovsk", "repelled", "UA", "2025-02-03") in rows
