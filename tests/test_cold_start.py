"""What a cold start imports, and in which order (bench/bench_app.py times it).

Each test starts a fresh interpreter, as ``kroniek`` does, because what these
tests look at -- the modules a process has imported -- is shared by every test
of a pytest run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

#: Starts the app as ``kroniek`` does and prints the modules in the order of
#: import: once Qt is started, and once the window is built.
START = """
import json, sys, tempfile
from pathlib import Path
from explorer import paths
paths.set_data_dir(Path(tempfile.mkdtemp()))
from explorer.app import build, start_qt
app = start_qt()
started = list(sys.modules)
kroniek = build(paths.bundled_db(), "en", interactive=False)
print(json.dumps([started, list(sys.modules)]))
kroniek.close()
"""

#: Modules of what the first window does not show: the map (its base map and
#: geometry), the reading pane's article, the library's exchange formats, the
#: timeline's exports and Qt's print support.
NOT_AT_START = (
    "explorer.ui.map.view",
    "explorer.core.geo.basemap",
    "explorer.core.geo.layout",
    "explorer.core.article.text",
    "explorer.ui.reading.pane",
    "explorer.core.library.formats.annotations",
    "explorer.core.library.formats.eventlists",
    "explorer.ui.timeline.export",
    "PySide6.QtPrintSupport",
)


def started_modules() -> tuple[list[str], list[str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", START], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    started, built = json.loads(done.stdout.strip().splitlines()[-1])
    return started, built


def test_a_cold_start_imports_the_data_layer_before_qt_and_leaves_unseen_parts_unread() -> None:
    started, modules = started_modules()
    # sys.modules keeps the order of import: numpy and the event store came before
    # Qt, so Qt's import hook did not read their sources.
    qt = modules.index("PySide6.QtCore")
    for early in ("numpy", "babel.dates", "explorer.core.events.store",
                  "explorer.core.library.library", "explorer.core.timeline.data"):  # fmt: skip
        assert modules.index(early) < qt, f"{early} was imported after Qt"
    loaded = [name for name in NOT_AT_START if name in modules]
    assert not loaded, f"imported at start though nothing shows them yet: {loaded}"
    # The search's stemmer loads only for a search text, or in the search thread
    # after the first search (it may have by now): not with the data layer.
    assert "explorer.core.events.query" in started
    assert "snowballstemmer" not in started


def test_the_search_thread_hands_over_its_aliases_once_the_window_has_painted(qtbot: Any) -> None:
    """Reading every spelling of every place (hundreds of milliseconds at a million
    events) and importing the stemmer wait for the first frame, then reach the window's
    engine, so the first keystroke plans its search without reading them itself."""
    from PySide6.QtWidgets import QApplication

    from explorer import paths
    from explorer.app import build

    k = build(paths.bundled_db(), "en", interactive=False)
    qtbot.addWidget(k.window)
    arrived: list[object] = []
    k.searches.aliases_ready.connect(arrived.append)
    QApplication.processEvents()
    assert not arrived, "the aliases were asked for before the window painted"
    with qtbot.waitSignal(k.searches.aliases_ready, timeout=20000):
        k.window.show()
    engine = k.session._engine
    assert engine._aliases is arrived[0]
    assert engine.aliases is arrived[0]  # the window's engine reads nothing itself
    assert engine.aliases.forms("charkov")  # and finds the other spellings of a city
    k.close()
