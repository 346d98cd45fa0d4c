"""Atomic writes: the target is replaced whole or not at all, and no temporary remains."""

from __future__ import annotations

import pytest

from gazetteer.files import atomic_write, write_text_atomic


def test_atomic_write_replaces_the_target(tmp_path):
    target = tmp_path / "sub" / "data.bin"
    atomic_write(target, lambda fh: fh.write(b"first"))
    assert target.read_bytes() == b"first"
    atomic_write(target, lambda fh: fh.write(b"second, longer"))
    assert target.read_bytes() == b"second, longer"
    assert [p.name for p in target.parent.iterdir()] == ["data.bin"]


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "data.bin"
    target.write_bytes(b"old")

    def fail_halfway(fh):
        fh.write(b"half of the new")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        atomic_write(target, fail_halfway)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["data.bin"]


def test_failed_first_write_creates_nothing(tmp_path):
    def fail(fh):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "new.bin", fail)
    assert list(tmp_path.iterdir()) == []


def test_write_text_atomic(tmp_path):
    path = write_text_atomic(tmp_path / "a.txt", "Суджа\n")
    assert path.read_text(encoding="utf-8") == "Суджа\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
