"""Degraded mode (no statistical model, ``GEOMAP_SPACY_MODEL=blank``) never crashes the
process (issue 15): parse-tree walks are guarded, and a worker that dies in C code costs
only its own articles, in this process as with ``--processes 2``.

Every text here is written for this test."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pyogrio
import pytest

from geomap.extract import Extractor, extract
from geomap.ingest.corpus import Article
from geomap.ingest.workers import BudgetPool
from geomap.nlp.parse import children, parsed

PUBLISHED = dt.date(2025, 3, 14)
TEXTS = {
    "quotes": "x ’ y z w v\nOfficials ’ said … the village ‘ was ’ quiet ” “ ’\n"
              "Russia’s defence ministry said on Tuesday ’ that its forces had captured "
              "Sudzha in the Kursk region … ’",
    "dashes": "— Ukraine’s general staff said — on Monday — that troops repelled an attack "
              "near Pokrovsk … ’ — –\n’\n…\n— ’ —",
    "ellipses": "… ’ … ‘ … ’’ ’ … — … Fighting continued near Toretsk …",
    "plain": "Russia's defence ministry said on Tuesday that its forces had captured Sudzha "
             "in the Kursk region.",
}


def _articles() -> list[Article]:
    return [Article(doc_id=name, text=text, published=PUBLISHED, source="geomap test")
            for name, text in TEXTS.items()]


def test_guarded_walks_on_a_blank_pipeline():
    import spacy

    doc = spacy.blank("en")("x ’ y z w v")
    assert not parsed(doc)
    assert [children(t) for t in doc] == [[] for _ in doc]  # unguarded: exit 139


@pytest.mark.parametrize("processes", [1, 2])
def test_degraded_mode_processes_every_article(processes):
    extractor = Extractor(model="blank", n_process=processes,
                          time_limit=None if processes == 1 else 20.0)
    claims, mentions = extract(_articles(), extractor=extractor)
    summary = claims.attrs["summary"]
    assert extractor.info.degraded
    assert summary.failed == 0, summary.messages
    assert summary.articles == len(TEXTS)
    for name, place in (("plain", "Sudzha"), ("quotes", "Sudzha"), ("dashes", "Pokrovsk"),
                        ("ellipses", "Toretsk")):  # every article was analysed
        found = mentions[mentions["doc_id"] == name]
        assert place in set(found["text"]), (name, list(found["text"]))


def test_degraded_cli_with_two_processes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / f"{name}.md").write_text(
            f"---\npublished: {PUBLISHED.isoformat()}\nsource: geomap test\n---\n{text}\n",
            encoding="utf-8")
    out = tmp_path / "claims.gpkg"
    env = {**os.environ, "GEOMAP_SPACY_MODEL": "blank"}
    proc = subprocess.run([str(Path(sys.executable).parent / "geomap"), "extract", str(corpus),
                           "-o", str(out), "--processes", "2"], capture_output=True,
                          text=True, env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "0 failed" in proc.stdout + proc.stderr
    layers = [name for name, _ in pyogrio.list_layers(out)]
    assert layers, "the output has its layers"


def _walk_unguarded(texts: list[str]) -> list[str]:
    """What the rules did before the guard: walk every token's children (crashes the
    process on a standalone ’ of a blank pipeline)."""
    import faulthandler

    import spacy

    faulthandler.disable()  # the crash is expected: no traceback dump in the test log
    nlp = spacy.blank("en")
    out = []
    for text in texts:
        out.append(str(sum(len(list(t.children)) for t in nlp(text))))
    return out


def test_a_worker_killed_by_a_crash_costs_only_its_article():
    pool = BudgetPool(_walk_unguarded, lambda text, reason: f"failed: {reason}",
                      processes=2, seconds=20.0)
    batches = [["plain words here", "x ’ y z w v", "more plain words"], ["and another"]]
    results = list(pool.map(batches))
    assert results[0][0] == "0" and results[0][2] == "0" and results[1] == ["0"]
    assert results[0][1].startswith("failed: worker died")


def test_tables_are_ready_before_workers_fork():
    extractor = Extractor(model="blank", n_process=2)
    batches = extractor.prepare_to_fork(iter([_articles()[:2], _articles()[2:]]))
    assert all(fuzzy._buckets is not None for fuzzy in extractor.gazetteer._fuzzy)
    assert extractor.pipelines().startswith("blank")  # loaded in the parent
    assert [a.doc_id for batch in batches for a in batch] == list(TEXTS)
    russian = Article(doc_id="ru", text="Бои у Суджи.", published=PUBLISHED, language="ru")
    idle = Extractor(model="blank", n_process=2)
    list(idle.prepare_to_fork(iter([[russian]])))
    assert idle.pipelines() == "no pipeline loaded"  # no English article: none loaded
