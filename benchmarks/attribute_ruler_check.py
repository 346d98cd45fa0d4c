"""The indexed attribute ruler against spaCy's: same tokens, and CPU per article (issue 15).

    python benchmarks/attribute_ruler_check.py [--generated 2000] [--shared ../shared]

Two English pipelines, identical but for the attribute ruler, run over the seed articles
and ``--generated`` articles of :func:`geomap.ingest.synthetic.generate_articles`; every
token attribute of :data:`geomap.nlp.attribute_ruler.COMPARED` is compared. Then each
ruler alone runs over the parsed seeds (ten copies): CPU ms per article.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from geomap.ingest.corpus import Article, iter_corpus
    from geomap.ingest.synthetic import generate_articles
    from geomap.nlp.attribute_ruler import differing_docs
    from geomap.nlp.pipeline import build_english, load_nlp

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--generated", type=int, default=2000)
    args = parser.parse_args()
    name = load_nlp()[1].name.split(" ")[0]
    indexed, spacy_own = build_english(name), build_english(name, indexed=False)
    seeds = [a.text for a in iter_corpus(Path(args.shared) / "corpus" / "seeds")
             if isinstance(a, Article)]
    generated = [a.text for a in generate_articles(args.generated)]
    print("| texts | documents | documents with any differing token |")
    print("|---|---:|---:|")
    for label, texts in (("seeds", seeds), ("generated", generated)):
        print(f"| {label} | {len(texts)} | {len(differing_docs(indexed, spacy_own, texts))} |")
    docs = list(spacy_own.pipe(seeds * 10))
    print("\n| attribute ruler | CPU ms per seed article |\n|---|---:|")
    for label, nlp in (("spaCy's", spacy_own), ("indexed (geomap)", indexed)):
        ruler = nlp.get_pipe("attribute_ruler")
        start = time.process_time()
        for doc in docs:
            ruler(doc)
        print(f"| {label} | {(time.process_time() - start) * 1000 / len(docs):.1f} |")


if __name__ == "__main__":
    main()
