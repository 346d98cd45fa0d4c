"""Telegram Desktop exports (result.json) as corpora: one article per post with its own
date and the channel (or the forwarded channel) as publisher, read by the real
extractor. The export and its posts are written here for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import geomap
from geomap.ingest.corpus import Article, ReadFailure, iter_corpus

EXPORT = {
    "name": "Минобороны России",
    "type": "public_channel",
    "id": 1000001,
    "messages": [
        {"id": 1, "type": "service", "date": "2024-12-01T10:00:00", "action": "create_channel",
         "text": ""},
        {"id": 2, "type": "message", "date": "2025-01-14T09:05:11", "from": "Минобороны России",
         "text": ["Подразделения группировки войск «Центр» освободили населенный пункт ",
                  {"type": "bold", "text": "Новотроицкое"},
                  " Донецкой Народной Республики. ", {"type": "hashtag", "text": "#СВО"}],
         "text_entities": [
             {"type": "plain", "text": "Подразделения группировки войск «Центр» освободили "
                                       "населенный пункт "},
             {"type": "bold", "text": "Новотроицкое"},
             {"type": "plain", "text": " Донецкой Народной Республики. "},
             {"type": "hashtag", "text": "#СВО"}]},
        {"id": 3, "type": "message", "date": "2025-01-14T12:00:00", "photo": "photos/1.jpg",
         "text": ""},
        {"id": 4, "type": "message", "date": "2025-01-15T08:00:00",
         "forwarded_from": "Генштаб ЗСУ",
         "text": "Протягом минулої доби Сили оборони відбили 12 атак окупантів поблизу "
                 "Покровська."},
        {"id": 5, "type": "message", "date": "yesterday", "text": "A post with a bad date."},
        {"id": 6, "type": "message", "date": "2025-01-16T07:30:00",
         "text": "Russia's Defence Ministry says its forces have captured the village of "
                 "Vremivka in the Donetsk region."},
        {"id": 7, "type": "message", "date": "2025-01-17T07:30:00",
         "text": "Освобожден населенный пункт Времевка."},
    ],
}


def _export(folder: Path, data: object = EXPORT, name: str = "result.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_each_post_with_text_is_an_article_with_its_own_date(tmp_path):
    items = list(iter_corpus(_export(tmp_path)))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert [a.doc_id for a in articles] == ["tg1000001-2", "tg1000001-4", "tg1000001-6",
                                            "tg1000001-7"]
    first, forwarded, english, _ = articles
    assert first.text.startswith("Подразделения группировки") and "#СВО" in first.text
    assert first.published.isoformat() == "2025-01-14"
    assert first.source == "Минобороны России" and first.title == "Минобороны России"
    assert forwarded.source == "Генштаб ЗСУ"  # the voice of a forwarded post
    assert english.published.isoformat() == "2025-01-16"
    [bad] = failures
    assert bad.doc_id == "tg1000001-5" and bad.path.endswith("result.json#tg1000001-5")
    assert bad.error == "unreadable post date 'yesterday'"


def test_claims_from_a_channel_export_end_to_end(tmp_path):
    claims, _ = geomap.extract(_export(tmp_path))
    rows = set(zip(claims.doc_id, claims.event_type, claims.claimant_side,
                   claims.date_start.astype(str).str[:10], strict=True))
    assert ("tg1000001-2", "control", "RU", "2025-01-14") in rows
    # "протягом минулої доби" in a post of 15 January: the day before
    assert ("tg1000001-4", "repelled", "UA", "2025-01-14") in rows
    assert ("tg1000001-6", "control", "RU", "2025-01-16") in rows
    places = dict(zip(claims.doc_id, claims.place_name, strict=True))
    assert places["tg1000001-2"] == "Новотроицкое"
    # no one named in the post: the channel speaks, and the Russian claimant table knows it
    own = claims[claims.doc_id == "tg1000001-7"]
    assert list(zip(own.claimant, own.claimant_side, strict=True)) == [
        ("Минобороны России", "RU")]


def test_json_that_is_no_export_is_one_clear_failure(tmp_path):
    [failure] = list(iter_corpus(_export(tmp_path, {"articles": []}, "data.json")))
    assert isinstance(failure, ReadFailure)
    assert failure.error.startswith("not a Telegram Desktop export (no 'messages' list)")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    [broken] = list(iter_corpus(tmp_path / "broken.json"))
    assert broken.error.startswith("not valid JSON")
    assert "\n" not in broken.error


def test_a_folder_reads_its_texts_and_its_exports(tmp_path):
    _export(tmp_path)
    (tmp_path / "note.md").write_text("Ukraine's General Staff said its forces repelled an "
                                      "attack near Vovchansk.\n", encoding="utf-8")
    ids = [item.doc_id for item in iter_corpus(tmp_path)]
    assert ids[0] == "note" and "tg1000001-2" in ids and len(ids) == 6


def _widget(post: str, when: str, body: str, owner: str = "Example Front Notes",
            forwarded: str | None = None, reply: str | None = None) -> str:
    """One post of a channel's public web preview, in the shape t.me/s pages have."""
    fwd = (f'<div class="tgme_widget_message_forwarded_from accent_color">Forwarded from '
           f'<a class="tgme_widget_message_forwarded_from_name" href="#">{forwarded}</a>'
           "</div>") if forwarded else ""
    quoted = (f'<a class="tgme_widget_message_reply" href="#"><div class="tgme_widget_'
              f'message_text js-message_reply_text">{reply}</div></a>') if reply else ""
    return (f'<div class="tgme_widget_message_wrap js-widget_message_wrap">'
            f'<div class="tgme_widget_message text_not_supported_wrap js-widget_message" '
            f'data-post="{post}"><div class="tgme_widget_message_bubble">'
            f'<div class="tgme_widget_message_author accent_color"><a class="tgme_widget_'
            f'message_owner_name" href="#"><span dir="auto">{owner}</span></a></div>'
            f'{fwd}{quoted}<div class="tgme_widget_message_text js-message_text" dir="auto">'
            f'{body}</div><div class="tgme_widget_message_footer"><a class="tgme_widget_'
            f'message_date" href="https://t.me/{post}"><time datetime="{when}" class="time">'
            "09:05</time></a></div></div></div></div>")


PREVIEW = ("<html><head><meta property=\"og:title\" content=\"Example Front Notes\"></head>"
           "<body><section class=\"tgme_channel_history js-message_history\">"
           + _widget("frontnotes/101", "2025-01-14T09:05:11+00:00",
                     "⚡️ Our units have <b>liberated</b> Vremivka.<br/>"
                     "Fighting continues near Velyka Novosilka.")
           + _widget("frontnotes/102", "2025-01-15T06:00:00+00:00",
                     "Ukraine's General Staff says attacks near Pokrovsk were repelled.",
                     forwarded="Some Relay Channel", reply="Earlier we wrote about Kurakhove.")
           + _widget("frontnotes/103", "2025-01-15T07:00:00+00:00", "")
           + "</section></body></html>")


def test_a_saved_channel_preview_is_read_one_article_per_post(tmp_path):
    (tmp_path / "frontnotes.html").write_text(PREVIEW, encoding="utf-8")
    (tmp_path / "frontnotes_again.html").write_text(PREVIEW, encoding="utf-8")
    items = list(iter_corpus(tmp_path))
    assert [i.doc_id for i in items] == ["tg-frontnotes-101", "tg-frontnotes-102"]  # once
    first, second = items
    assert first.text == ("⚡️ Our units have liberated Vremivka.\n"
                          "Fighting continues near Velyka Novosilka.")
    assert first.url == "https://t.me/frontnotes/101"
    assert first.published.isoformat() == "2025-01-14"
    assert first.source == first.title == "Example Front Notes"
    assert second.source == "Some Relay Channel"
    assert "Kurakhove" not in second.text  # the quoted reply is not the post


def test_an_edited_post_read_again_keeps_the_first_reading(tmp_path):
    (tmp_path / "a.html").write_text(PREVIEW, encoding="utf-8")
    (tmp_path / "b.html").write_text(PREVIEW.replace("Vremivka", "Vremivka and Neskuchne"),
                                     encoding="utf-8")
    items = list(iter_corpus(tmp_path))
    kept = [i for i in items if isinstance(i, Article)]
    assert [a.doc_id for a in kept] == ["tg-frontnotes-101", "tg-frontnotes-102"]
    assert "Neskuchne" not in kept[0].text
    [again] = [i for i in items if isinstance(i, ReadFailure)]
    assert again.error.startswith("post tg-frontnotes-101 read again with other text")


def test_preview_posts_in_json_lines_and_their_claims(tmp_path):
    feed = tmp_path / "crawl.jsonl"
    feed.write_text(json.dumps({"id": "page1", "html": PREVIEW}) + "\n", encoding="utf-8")
    claims, _ = geomap.extract(feed)
    rows = set(zip(claims.doc_id, claims.place_name, claims.event_type,
                   claims.date_start.astype(str).str[:10], strict=True))
    assert ("tg-frontnotes-101", "Vremivka", "control", "2025-01-14") in rows
    assert ("tg-frontnotes-102", "Pokrovsk", "repelled", "2025-01-15") in rows
    assert set(claims[claims.doc_id == "tg-frontnotes-101"].url) == {
        "https://t.me/frontnotes/101"}


def test_an_export_cut_short_gives_its_posts_up_to_the_cut(tmp_path):
    whole = json.dumps(EXPORT, ensure_ascii=False)
    cut = whole[:whole.index('"id": 6')]  # the copy stopped inside the sixth message
    path = tmp_path / "result.json"
    path.write_text(cut, encoding="utf-8")
    items = list(iter_corpus(path))
    assert [i.doc_id for i in items if isinstance(i, Article)] == ["tg1000001-2",
                                                                    "tg1000001-4"]
    last = items[-1]
    assert isinstance(last, ReadFailure) and last.doc_id == "result-rest"
    assert last.error.startswith("not valid JSON at character")
