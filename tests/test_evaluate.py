"""The dates in the database against the hand-checked development sample."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import shared


def test_the_evaluation_command_scores_at_least_48_of_50() -> None:
    gold = shared("eval", "dev-gold.jsonl")
    done = subprocess.run(
        [sys.executable, "-m", "explorer.ingest.evaluate", str(gold)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    last = done.stdout.strip().splitlines()[-1]
    right, total = (int(n) for n in last.split()[0].split("/"))
    assert total == 50 and right >= 48, done.stdout


def test_a_missing_gold_file_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "explorer.ingest.evaluate", str(tmp_path / "none.jsonl")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
