"""The code checks CI runs: ruff (lint and format) and mypy --strict on the Qt-free core."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON_DIRS = [d for d in ("explorer", "tests", "bench", "resources", "packaging")
               if (REPO / d).exists()]  # fmt: skip


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=600
    )


def test_ruff_finds_nothing_to_complain_about() -> None:
    done = run("ruff", "check", *PYTHON_DIRS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_code_is_formatted_with_ruff() -> None:
    done = run("ruff", "format", "--check", *PYTHON_DIRS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_qt_free_core_passes_mypy_strict() -> None:
    done = run("mypy")  # files and strictness come from pyproject.toml
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_core_imports_without_qt() -> None:
    code = (
        "import sys, importlib, pkgutil, explorer.core, explorer.ingest\n"
        "for pkg in (explorer.core, explorer.ingest):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "assert not any(name.startswith('PySide6') for name in sys.modules), 'Qt imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
