"""Throughput and peak memory of Russian and Ukrainian extraction, against English, in one run.

Each language runs in its own fresh process (a corpus in one language loads one pipeline),
on seed-size articles (about 4,000 characters) built from posts written for the tests.
Prints articles per second, the ratio to English and the peak RSS of each process.

    python benchmarks/extract_speed_ru_uk.py [--articles 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys

CHILD = r"""
import datetime as dt, json, resource, sys, time
from geomap.extract import Extractor
from geomap.ingest.corpus import Article
lang, n, text = sys.argv[1], int(sys.argv[2]), sys.stdin.read()
ex = Extractor()
arts = [Article(doc_id=f"a{k}", text=text, published=dt.date(2025, 3, 13), language=lang)
        for k in range(n)]
ex.analyse(arts[:1])  # load the pipeline
start = time.perf_counter()
ex.analyse(arts)
seconds = time.perf_counter() - start
print(json.dumps({"lang": lang, "per_s": n / seconds, "pipelines": ex.pipelines(),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _article(lang: str) -> str:
    sys.path.insert(0, ".")
    from tests.geomap.nlp import test_russian, test_ukrainian

    if lang == "en":
        from pathlib import Path

        return (Path(__file__).resolve().parents[2] / "shared/corpus/seeds/"
                "001_f5a8f82442a0cbcc.txt").read_text(encoding="utf-8")[:4000]
    cases = test_russian.CASES if lang == "ru" else test_ukrainian.CASES
    text = "\n".join(t for t, _ in cases)
    return (text + "\n") * (4000 // len(text) + 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=20)
    n = parser.parse_args().articles
    results = {}
    for lang in ("en", "ru", "uk"):
        out = subprocess.run([sys.executable, "-c", CHILD, lang, str(n)], input=_article(lang),
                             capture_output=True, text=True, check=True)
        results[lang] = json.loads(out.stdout.strip().splitlines()[-1])
    for lang, r in results.items():
        print(f"{lang}: {r['per_s']:.2f} articles/s ({r['per_s'] / results['en']['per_s']:.2f}x "
              f"English), peak RSS {r['rss_mb']:.0f} MB, pipelines: {r['pipelines']}")
    print(dt.date.today().isoformat())


if __name__ == "__main__":
    main()
