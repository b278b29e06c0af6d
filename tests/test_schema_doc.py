"""docs/schema.md documents every table and column of the bundled database."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from explorer import paths

DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"


def documented() -> dict[str, set[str]]:
    tables: dict[str, set[str]] = {}
    current: list[str] = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^###\s+(.+)$", line)
        if heading:
            current = [t.strip() for t in heading.group(1).split(",")]
            for t in current:
                tables.setdefault(t, set())
            continue
        row = re.match(r"^\|\s*`([^`]+)`\s*\|", line)
        if row and current:
            for t in current:
                tables[t].add(row.group(1))
    return tables


def test_every_table_and_column_is_documented() -> None:
    docs = documented()
    conn = sqlite3.connect(paths.bundled_db())
    virtual = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'")
    ]
    # FTS5 keeps each index in shadow tables (<name>_data, _idx, _content, ...).
    shadow = tuple(f"{v}_" for v in virtual)
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
        if not r[0].startswith(shadow)
    ]
    assert {"events_fts", "events_search"} <= set(names)
    for table in names:
        assert table in docs, f"table {table} is not documented in docs/schema.md"
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        if table in ("event_places", "event_actors"):
            # documented together; each has its own link column
            assert columns <= docs[table], (table, columns - docs[table])
            continue
        assert columns == docs[table], (table, columns ^ docs[table])
