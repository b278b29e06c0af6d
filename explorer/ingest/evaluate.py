"""Score the event database against hand-checked dated sentences.

``python -m explorer.ingest.evaluate GOLD.jsonl [--db PATH]``

Each gold item has a ``snippet`` (an exact, unique substring of the source
text) and the main event's ``start``, ``end`` and ``precision``. An item is
right when an event whose source span covers the snippet has the same three
values (the rule in shared/eval/README.md). Misses are listed with what the
database has there; the last line is the score.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from explorer import paths


@dataclass(frozen=True)
class Gold:
    snippet: str
    start: str
    end: str
    precision: str
    note: str


@dataclass(frozen=True)
class Outcome:
    gold: Gold
    right: bool
    found: list[tuple[str, str, str, str]]  # (start, end, precision, text) of covering events


def load_gold(path: Path) -> list[Gold]:
    items = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                items.append(
                    Gold(row["snippet"], row["start"], row.get("end") or "", row["precision"],
                         row.get("note", ""))
                )  # fmt: skip
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a gold item ({exc})") from None
    return items


def evaluate(gold: list[Gold], conn: sqlite3.Connection, source: str) -> list[Outcome]:
    outcomes = []
    for item in gold:
        at = source.find(item.snippet)
        found: list[tuple[str, str, str, str]] = []
        if at >= 0:
            found = [
                tuple(r)
                for r in conn.execute(
                    'SELECT start, "end", precision, text FROM events '
                    "WHERE source_start <= ? AND source_end >= ? ORDER BY seq",
                    (at, at + len(item.snippet)),
                )
            ]
        right = any((s, e, p) == (item.start, item.end, item.precision) for s, e, p, _t in found)
        outcomes.append(Outcome(item, right, found))
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explorer.ingest.evaluate")
    parser.add_argument("gold", type=Path)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--source", type=Path, default=None)
    args = parser.parse_args(argv)
    db = args.db or paths.bundled_db()
    try:
        gold = load_gold(args.gold)
        source = (args.source or paths.source_article()).read_text(encoding="utf-8")
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        outcomes = evaluate(gold, conn, source)
    except (OSError, ValueError, sqlite3.Error) as exc:
        print(f"evaluate: {exc}", file=sys.stderr)
        return 2
    for o in outcomes:
        if o.right:
            continue
        g = o.gold
        print(f"MISS  want {g.start} {g.end or '-'} {g.precision}  «{g.snippet}»")
        if g.note:
            print(f"      note: {g.note}")
        if not o.found:
            print("      no event covers this snippet")
        for s, e, p, text in o.found:
            print(f"      got  {s} {e or '-'} {p}  {text[:90]}")
    right = sum(o.right for o in outcomes)
    print(f"{right}/{len(outcomes)} gold items right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
