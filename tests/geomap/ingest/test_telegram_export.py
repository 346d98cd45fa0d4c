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
