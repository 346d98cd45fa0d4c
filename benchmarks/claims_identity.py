"""Are the claims the same? This checkout against another one, on the seeds and on
generated articles (issue 15).

    python benchmarks/claims_identity.py --baseline /tmp/base [--generated 2000]
        [--ner 1|0] [--baseline-ner 1|0]

Each side runs in its own process, importing its own checkout's ``geomap``, with
``GEOMAP_NER`` set as asked (``1``: the full pipeline with NER, ``0``: ``--fast``;
unset: each checkout's default): ``geomap.extract`` over the seed articles and over
``--generated`` articles of :func:`geomap.ingest.synthetic.generate_articles`, in one
process. Every column of every claim row is compared (``geometry`` as coordinates);
the differences are listed, article by article, as the rows only one side has.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def _rows(shared: Path, generated: int) -> dict[str, list[str]]:
    """Claim rows per corpus ("seeds", "generated") as sorted JSON lines."""
    from geomap.extract import Extractor, extract
    from geomap.ingest.corpus import Article, iter_corpus
    from geomap.ingest.synthetic import generate_articles

    seeds = [a for a in iter_corpus(shared / "corpus" / "seeds") if isinstance(a, Article)]
    extractor = Extractor(time_limit=None)
    out: dict[str, list[str]] = {"pipeline": [extractor.info.name]}
    for name, articles in (("seeds", seeds), ("generated", generate_articles(generated))):
        claims, _ = extract(articles, extractor=extractor)
        rows = []
        for row in claims.to_dict("records"):
            geometry = row.pop("geometry", None)
            row["geometry"] = None if geometry is None or geometry.is_empty else \
                [round(geometry.x, 6), round(geometry.y, 6)]
            rows.append(json.dumps(row, default=str, sort_keys=True))
        out[name] = sorted(rows)
    return out


def _run(code: Path, shared: Path, generated: int, ner: str | None) -> dict[str, list[str]]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    env.pop("GEOMAP_NER", None)
    if ner is not None:
        env["GEOMAP_NER"] = ner
    out = subprocess.run([sys.executable, __file__, "--one", "--shared", str(shared),
                          "--generated", str(generated)], cwd=code, env=env,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def compare(baseline: Path, shared: Path, generated: int, ner: str | None,
            baseline_ner: str | None) -> str:
    """A markdown report of the differences."""
    theirs = _run(baseline, shared, generated, baseline_ner)
    ours = _run(HERE, shared, generated, ner)
    lines = [f"baseline: {theirs['pipeline'][0]}; this: {ours['pipeline'][0]}", "",
             "| corpus | baseline claims | this claims | identical | only baseline | "
             "only this |", "|---|---:|---:|---|---:|---:|"]
    details = []
    for name in ("seeds", "generated"):
        a, b = set(theirs[name]), set(ours[name])
        lines.append(f"| {name} | {len(theirs[name])} | {len(ours[name])} | "
                     f"{'yes' if theirs[name] == ours[name] else 'no'} | {len(a - b)} | "
                     f"{len(b - a)} |")
        for side, rows in (("only baseline", sorted(a - b)), ("only this", sorted(b - a))):
            for row in rows:
                r = json.loads(row)
                details.append(f"- {name}, {side}: {r['doc_id']} {r['event_type']} "
                               f"{r['place_name']!r} ({r['claimant']}, {r['claimant_side']}, "
                               f"{r['date_start']}): {r['sentence'][:90]!r}")
    return "\n".join([*lines, "", *_column_summary(theirs, ours), "",
                      *_judged(theirs, ours), "", *details])


#: The generator's regions (geomap.ingest.synthetic.PLACES) as ISO 3166-2 codes.
REGION_CODES = {"Kursk": "RU-KRS", "Belgorod": "RU-BEL", "Sumy": "UA-59",
                "Kharkiv": "UA-63", "Donetsk": "UA-14", "Zaporizhzhia": "UA-23"}


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # None or NaN


def _judged(theirs: dict, ours: dict) -> list[str]:
    """The generated rows only one side has, judged against what the generator wrote:
    a claim is placed right when its place is a generated place name, in the region the
    generator put it in, not approximate; a claim on the region word itself when the
    sentence names a place (\"an attack on Chasiv Yar in the Donetsk region\") is wrong."""
    from geomap.ingest.synthetic import PLACES

    region_of = {name.lower(): REGION_CODES[region] for name, region in PLACES}
    out = []
    for label, rows in (("baseline", set(theirs["generated"]) - set(ours["generated"])),
                        ("this", set(ours["generated"]) - set(theirs["generated"]))):
        right = wrong = 0
        for row in map(json.loads, rows):
            name = str(row["place_name"] or "").lower()
            if region_of.get(name) == row["admin1"] and not row["approximate"]:
                right += 1
            else:
                wrong += 1
        out.append(f"- generated rows only {label} has: {right} placed right, {wrong} wrong "
                   "or approximate (judged against the generator's place and region)")
    return out


def _column_summary(theirs: dict, ours: dict) -> list[str]:
    """Which columns differ, over rows paired by (doc, sentence, event type, place)."""
    from collections import Counter

    changed: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for name in ("seeds", "generated"):
        a, b = set(theirs[name]), set(ours[name])
        key = ("doc_id", "char_start", "event_type", "place_start")
        left = {tuple(r[k] for k in key): r for r in map(json.loads, a - b)}
        for row in map(json.loads, b - a):
            old = left.get(tuple(row[k] for k in key))
            if old is None:
                changed["(no paired row)"] += 1
                continue
            for column in sorted(set(row) | set(old)):
                if row.get(column) != old.get(column) and column != "claim_id" \
                        and not (_missing(row.get(column)) and _missing(old.get(column))):
                    changed[column] += 1
                    examples.setdefault(column, f"{row['doc_id']}: {old.get(column)!r} -> "
                                                f"{row.get(column)!r}")
    return [f"- column `{c}` differs in {n} paired rows (e.g. {examples.get(c, '')})"
            for c, n in changed.most_common()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path)
    parser.add_argument("--shared", type=Path, default=HERE.parent / "shared")
    parser.add_argument("--generated", type=int, default=2000)
    parser.add_argument("--ner", choices=["0", "1"], help="GEOMAP_NER for this checkout")
    parser.add_argument("--baseline-ner", choices=["0", "1"],
                        help="GEOMAP_NER for the baseline")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        sys.path.insert(0, os.environ.get("PYTHONPATH", str(HERE)).split(os.pathsep)[0])
        print(json.dumps(_rows(args.shared, args.generated)))
        return
    if args.baseline is None:
        parser.error("--baseline DIR is required")
    print(compare(args.baseline.resolve(), args.shared.resolve(), args.generated, args.ner,
                  args.baseline_ner))


if __name__ == "__main__":
    main()
