"""Refresh ``db/analysis/frog.tsv``: run Frog over sentences whose display text changed.

``python -m explorer.ingest.reanalyse [--all]`` needs Frog (``apt-get install
frog frogdata``). It computes every sentence's display text exactly as the
build does, keeps the analyses that still match, runs Frog over the rest (all
of them with ``--all``, about five minutes on two cores) and rewrites the file
sorted by key, so the diff shows only what changed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from explorer import paths
from explorer.ingest.analysis import (
    ANALYSIS_DIR,
    FROG_FILE,
    analyse,
    digest,
    frog_version,
    read_analysis,
    write_analysis,
)
from explorer.ingest.article import SOURCE_FILE, parse_article
from explorer.ingest.entities import Gazetteer
from explorer.ingest.truecase import TrueCaser


def display_pairs(db_dir: Path) -> list[tuple[str, str]]:
    """(source text, display text) of every sentence, cased as the build cases it."""
    article = parse_article((db_dir / SOURCE_FILE).read_text(encoding="utf-8"))
    gazetteer = Gazetteer.load(db_dir / "gazetteer")
    casing = TrueCaser.load(db_dir / "gazetteer", gazetteer)
    return [(s.text, casing.apply(s.text, gazetteer.find(s.text))) for s in article.sentences]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explorer.ingest.reanalyse")
    parser.add_argument("--all", action="store_true", help="re-run Frog on every sentence")
    parser.add_argument("--db-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    if shutil.which("frog") is None:
        print("reanalyse: frog not found (apt-get install frog frogdata)", file=sys.stderr)
        return 2
    db_dir = args.db_dir or paths.db_dir()
    target = db_dir / ANALYSIS_DIR / FROG_FILE
    pairs = display_pairs(db_dir)
    old = {} if args.all else read_analysis(target)
    wanted = {digest(src): digest(shown) for src, shown in pairs}
    keep = {k: a for k, a in old.items() if wanted.get(k) == a.input_digest}
    todo = [(src, shown) for src, shown in pairs if digest(src) not in keep]
    fresh = {a.key: a for a in analyse(todo)}
    items = {**keep, **fresh}
    write_analysis(target, [items[k] for k in sorted(wanted)], frog_version())
    print(f"{len(fresh)} sentences analysed, {len(keep)} kept: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
