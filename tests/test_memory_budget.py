"""Peak memory of the whole app stays within its budgets (docs/PERFORMANCE.md).

A million synthetic events (``bench/synth.py``, built once into a temp folder)
and the bundled database are opened by ``bench/bench_app.py``, which types a
word letter by letter and prints the process's peak resident memory: the
figure docs/PERFORMANCE.md reports, so a change that makes it grow past the
budget fails here instead of quietly. Slow (the build takes one to two
minutes); CI runs it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: Peak resident memory, MB: the bundled database, and a million events (issue 20).
BUDGET_BUNDLED_MB = 250
BUDGET_MILLION_MB = 350


def _peak_mb(db: Path) -> float:
    """``bench_app.py``'s peak resident memory after typing, for *db* (one cold start)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "bench_app.py"), "--db", str(db), "--runs", "1"],
        env=env, capture_output=True, text=True, check=True, cwd=REPO,
    )  # fmt: skip
    found = re.search(r"peak resident memory after typing: (\d+) MB", done.stdout)
    assert found, done.stdout + done.stderr
    return float(found.group(1))


@pytest.mark.slow
def test_peak_memory_is_within_budget_at_a_million_events_and_bundled(tmp_path: Path) -> None:
    db = tmp_path / "million.db"
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "synth.py"), str(db), "--n", "1000000"],
        capture_output=True, check=True, cwd=REPO,
    )  # fmt: skip
    million = _peak_mb(db)
    db.unlink()
    assert million <= BUDGET_MILLION_MB, f"{million:.0f} MB at a million events"
    bundled = _peak_mb(REPO / "db" / "kroniek.db")
    assert bundled <= BUDGET_BUNDLED_MB, f"{bundled:.0f} MB with the bundled database"
