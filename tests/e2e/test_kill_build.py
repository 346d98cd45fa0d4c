"""`kill -9` of a real `geomap build --processes 2` mid-extraction, ten times in a row:
its workers die with it (no orphan holding memory or the store lock), the next build
starts at once, and the last one finishes with every article counted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
from filelock import FileLock

GEOMAP = str(Path(sys.executable).parent / "geomap")
KILLS = int(os.environ.get("GEOMAP_KILL_TESTS", "10"))
PLACES = ["Gornal", "Plyokhovo", "Sverdlikovo", "Guevo", "Martynovka", "Pogrebki"]


def _corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        place = PLACES[i % len(PLACES)]
        day = 1 + i % 28
        (folder / f"report_{i:03d}.md").write_text(
            f"---\npublished: 2025-03-{day:02d}\nsource: Example Wire\n---\n"
            f"Russia's defence ministry said on Monday that its forces had captured the "
            f"village of {place} in the Kursk region.\nUkraine's general staff said its "
            f"units had repelled eleven assaults near {place} over the past day.\n" * 3,
            encoding="utf-8")
    return folder


def _workers(process: subprocess.Popen, timeout: float = 120) -> list[psutil.Process]:
    """The build's forked workers, once two are running (extraction is under way)."""
    parent = psutil.Process(process.pid)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        children = [c for c in parent.children(recursive=True) if c.is_running()]
        if len(children) >= 2:
            return children
        time.sleep(0.05)
    raise AssertionError("the build never started its workers")


def _gone(proc: psutil.Process) -> bool:
    try:
        return proc.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_kill_nine_during_extraction_leaves_nothing_behind(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 24)
    out = tmp_path / "map.html"
    command = [GEOMAP, "-q", "build", str(corpus), "-o", str(out), "--processes", "2"]
    for attempt in range(KILLS):
        build = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        workers = _workers(build)
        os.kill(build.pid, signal.SIGKILL)
        build.wait(30)
        deadline = time.monotonic() + 10
        while not all(_gone(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        alive = [w.pid for w in workers if not _gone(w)]
        assert not alive, f"kill {attempt + 1}: orphaned workers {alive}"
        lock = FileLock(tmp_path / ".map.gpkg.lock")
        lock.acquire(timeout=0)  # nobody holds the store lock
        lock.release()
        assert not out.exists()  # killed before writing: nothing half-written
    done = subprocess.run(command[:1] + command[2:], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    assert "articles: 24 in corpus, 24 processed, 0 unchanged, 0 removed, 0 failed" \
        in done.stdout
    assert "claims: 0 in store" not in done.stdout
    assert out.exists() and (tmp_path / "map.gpkg").exists()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".map.")
                 and p.name != ".map.gpkg.lock"]
    assert not leftovers
