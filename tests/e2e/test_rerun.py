"""`geomap build` again with nothing new: no file read beyond its size and modification
time, nothing extracted, the map kept; and every kind of change still seen (issue 17)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyogrio

from tests.conftest import page_texts

GEOMAP = str(Path(sys.executable).parent / "geomap")
REPORTS = {
    "kursk.md": "---\npublished: 2025-03-11\nsource: Example Wire\n---\nRussia's defence "
                "ministry said on Tuesday that its forces had taken control of Gornal.\n",
    "sumy.md": "---\npublished: 2025-03-12\nsource: Example Wire\n---\nUkraine's general "
               "staff said its units had repelled an assault near Sudzha on Wednesday.\n",
    "belgorod.txt": "Russia's defence ministry said on Thursday that its forces had "
                    "liberated Plyokhovo in the Kursk region.\n",
}


def _build(corpus: Path, out: Path, *extra: str) -> str:
    done = subprocess.run([GEOMAP, "build", str(corpus), "-o", str(out), *extra],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def _last_run(store: Path):
    return pyogrio.read_dataframe(store, layer="runs", read_geometry=False).iloc[-1]


def test_rerun_reads_nothing_and_keeps_the_map(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in REPORTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 20)
    out, store = tmp_path / "map.html", tmp_path / "map.gpkg"
    first = _build(corpus, out)
    assert "3 processed" in first and "1 failed" in first and f"wrote {out}" in first
    drawn = out.stat().st_mtime_ns, out.read_bytes()
    claims = pyogrio.read_dataframe(store, layer="claims")

    again = _build(corpus, out)  # nothing new
    assert "0 processed, 4 unchanged, 0 removed, 0 failed (1 of them failed before" in again
    assert f"kept {out}" in again and f"wrote {out}" not in again
    assert (out.stat().st_mtime_ns, out.read_bytes()) == drawn
    run = _last_run(store)
    assert (run["processed"], run["unchanged"], run["run_id"]) == (0, 4, 2)
    assert run["map_state"].split(":")[0] == _last_run_key(store, 0)
    kept = pyogrio.read_dataframe(store, layer="claims")
    assert sorted(kept["claim_id"]) == sorted(claims["claim_id"])

    # Same size and modification time: the file is not even opened, so an edit that
    # keeps both is not seen (the documented rule); a touch is read and hashed, and
    # unchanged content is still unchanged.
    kursk = corpus / "kursk.md"
    stamp = kursk.stat()
    kursk.write_text(REPORTS["kursk.md"].replace("Gornal", "Guevo "), encoding="utf-8")
    os.utime(kursk, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert "0 processed, 4 unchanged" in _build(corpus, out)
    kursk.write_text(REPORTS["kursk.md"], encoding="utf-8")
    os.utime(kursk, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 5_000_000_000))
    touched = _build(corpus, out)
    assert "0 processed, 4 unchanged" in touched and f"kept {out}" in touched
    assert (out.stat().st_mtime_ns, out.read_bytes()) == drawn

    # A map option changed: redrawn, nothing extracted.
    titled = _build(corpus, out, "--title", "Kursk, March 2025")
    assert "0 processed" in titled and f"wrote {out}" in titled
    assert "Kursk, March 2025" in out.read_text(encoding="utf-8")
    assert f"kept {out}" in _build(corpus, out, "--title", "Kursk, March 2025")

    # A changed article is re-read, a failed one that changed is retried, a deleted one
    # removed; the map follows.
    (corpus / "sumy.md").write_text(REPORTS["sumy.md"].replace("Sudzha", "Martynovka"),
                                    encoding="utf-8")
    (corpus / "broken.txt").write_text("Ukraine's general staff said on Friday its units had "
                                       "struck a depot near Pogrebki.\n", encoding="utf-8")
    (corpus / "belgorod.txt").unlink()
    changed = _build(corpus, out)
    assert "2 processed, 1 unchanged, 1 removed, 0 failed" in changed, changed
    assert f"wrote {out}" in changed
    html = page_texts(out.read_text(encoding="utf-8"))
    assert "Martynovka" in html and "Pogrebki" in html and "Plyokhovo" not in html

    out.unlink()  # a map gone is drawn again
    redrawn = _build(corpus, out)
    assert "0 processed" in redrawn and f"wrote {out}" in redrawn and out.exists()


def _last_run_key(store: Path, back: int) -> str:
    runs = pyogrio.read_dataframe(store, layer="runs", read_geometry=False)
    return str(runs["map_state"].iloc[-2 - back]).split(":")[0]


def test_retry_failed_tries_an_unchanged_failure_again(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kursk.md").write_text(REPORTS["kursk.md"], encoding="utf-8")
    (corpus / "empty.txt").write_text("   \n", encoding="utf-8")
    out = tmp_path / "map.html"
    assert "1 failed" in _build(corpus, out)
    assert "0 failed (1 of them failed before" in _build(corpus, out)
    retried = _build(corpus, out, "--retry-failed")
    assert "0 processed, 1 unchanged, 0 removed, 1 failed" in retried
