"""The import contracts of pyproject.toml hold, and they catch an upward import."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([LINT_IMPORTS, "--config", str(root / "pyproject.toml"),
                           "--no-cache"],
                          capture_output=True, text=True, cwd=root, timeout=300, check=False,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})


def copy_packages(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    root.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "data", "static")
    for package in ("gazetteer", "geomap"):
        shutil.copytree(REPO / package, root / package, ignore=ignore)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def test_contracts_are_kept_on_the_checkout(tmp_path):
    proc = lint_imports(copy_packages(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_an_upward_import_breaks_the_layers(tmp_path):
    root = copy_packages(tmp_path)
    schema = root / "geomap" / "schema.py"
    # a lower layer reaching up, even lazily inside a function, is caught
    schema.write_text(schema.read_text("utf-8") +
                      "\n\ndef _upward():\n    from geomap.render import build_map\n"
                      "    return build_map\n", "utf-8")
    proc = lint_imports(root)
    assert proc.returncode != 0
    assert "geomap.schema is not allowed to import geomap.render" in proc.stdout


def test_gazetteer_may_not_import_geomap(tmp_path):
    root = copy_packages(tmp_path)
    model = root / "gazetteer" / "normalize.py"
    model.write_text(model.read_text("utf-8") + "\nimport geomap.schema  # noqa\n", "utf-8")
    proc = lint_imports(root)
    assert proc.returncode != 0
    assert "gazetteer knows nothing of geomap BROKEN" in proc.stdout
