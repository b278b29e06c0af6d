"""The event database's public schema: one place that creates every table.

The bundled database is a product in itself (people open it in sqlite-utils or
Datasette), so its tables are documented column by column in docs/schema.md and
versioned with ``PRAGMA user_version``. The ingest pipeline and the synthetic
benchmark generator both create their databases through :func:`create_schema`,
so the application can open either with the same code.
"""

from __future__ import annotations

import sqlite3

#: Bumped whenever a table or column changes meaning; the app refuses newer.
SCHEMA_VERSION = 1

#: Dates are ISO 8601 text at their precision; date_min/date_max are full days.
PRECISIONS = ("day", "month", "year")
QUALIFIERS = ("", "start", "mid", "end", "approx")

FTS_TOKENIZER = "unicode61 remove_diacritics 2"

DDL = f"""
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE categories (
    key      TEXT PRIMARY KEY,
    label_nl TEXT NOT NULL,
    label_en TEXT NOT NULL,
    color    TEXT NOT NULL,
    sort     INTEGER NOT NULL
);
CREATE TABLE sections (
    id           INTEGER PRIMARY KEY,
    parent_id    INTEGER REFERENCES sections(id),
    level        INTEGER NOT NULL,
    title        TEXT NOT NULL,
    path         TEXT NOT NULL,
    category     TEXT NOT NULL REFERENCES categories(key),
    source_start INTEGER NOT NULL,
    source_end   INTEGER NOT NULL
);
CREATE TABLE paragraphs (
    id           INTEGER PRIMARY KEY,
    section_id   INTEGER NOT NULL REFERENCES sections(id),
    source_start INTEGER NOT NULL,
    source_end   INTEGER NOT NULL
);
CREATE TABLE sentences (
    id           INTEGER PRIMARY KEY,
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id),
    text         TEXT NOT NULL,
    source_start INTEGER NOT NULL,
    source_end   INTEGER NOT NULL,
    dated        INTEGER NOT NULL
);
CREATE TABLE events (
    id            TEXT PRIMARY KEY,
    seq           INTEGER NOT NULL UNIQUE,
    start         TEXT NOT NULL,
    "end"         TEXT NOT NULL DEFAULT '',
    precision     TEXT NOT NULL CHECK (precision IN ('day', 'month', 'year')),
    qualifier     TEXT NOT NULL DEFAULT ''
                  CHECK (qualifier IN ('', 'start', 'mid', 'end', 'approx')),
    date_min      TEXT NOT NULL,
    date_max      TEXT NOT NULL,
    inferred_year INTEGER NOT NULL DEFAULT 0,
    text          TEXT NOT NULL,
    title         TEXT NOT NULL,
    section       TEXT NOT NULL,
    section_id    INTEGER REFERENCES sections(id),
    category      TEXT NOT NULL REFERENCES categories(key),
    sentence_id   INTEGER REFERENCES sentences(id),
    source_start  INTEGER NOT NULL,
    source_end    INTEGER NOT NULL
);
CREATE INDEX events_date ON events(date_min, date_max);
CREATE INDEX events_order ON events(date_min, seq);
CREATE INDEX events_category ON events(category);
CREATE TABLE places (
    id        TEXT PRIMARY KEY,
    name_nl   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    kind      TEXT NOT NULL,
    country   TEXT NOT NULL DEFAULT '',
    oblast    TEXT NOT NULL DEFAULT '',
    lat       REAL,
    lon       REAL,
    geonameid INTEGER,
    coords    TEXT NOT NULL DEFAULT ''
);
CREATE TABLE actors (
    id      TEXT PRIMARY KEY,
    name_nl TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind    TEXT NOT NULL
);
CREATE TABLE event_places (
    event_id TEXT NOT NULL REFERENCES events(id),
    place_id TEXT NOT NULL REFERENCES places(id),
    PRIMARY KEY (event_id, place_id)
) WITHOUT ROWID;
CREATE INDEX event_places_place ON event_places(place_id, event_id);
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id),
    actor_id TEXT NOT NULL REFERENCES actors(id),
    PRIMARY KEY (event_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX event_actors_actor ON event_actors(actor_id, event_id);
CREATE TABLE aliases (
    alias       TEXT NOT NULL,
    norm        TEXT NOT NULL,
    entity_type TEXT NOT NULL CHECK (entity_type IN ('place', 'actor')),
    entity_id   TEXT NOT NULL,
    lang        TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL,
    PRIMARY KEY (norm, entity_type, entity_id, alias)
) WITHOUT ROWID;
CREATE TABLE event_links (
    event_id TEXT NOT NULL REFERENCES events(id),
    other_id TEXT NOT NULL REFERENCES events(id),
    relation TEXT NOT NULL CHECK (relation IN ('also_told_in')),
    note     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, other_id, relation)
) WITHOUT ROWID;
CREATE TABLE article_text (
    seq          INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('heading', 'sentence')),
    section_id   INTEGER NOT NULL REFERENCES sections(id),
    paragraph_id INTEGER REFERENCES paragraphs(id),
    sentence_id  INTEGER REFERENCES sentences(id),
    level        INTEGER NOT NULL,
    text         TEXT NOT NULL,
    source_start INTEGER NOT NULL,
    source_end   INTEGER NOT NULL,
    event_id     TEXT REFERENCES events(id),
    skipped      TEXT NOT NULL DEFAULT ''
                 CHECK (skipped IN ('', 'reference', 'background', 'forecast', 'unresolved')),
    date_start   INTEGER,
    date_end     INTEGER
);
CREATE INDEX article_text_event ON article_text(event_id);
CREATE TABLE article_names (
    seq         INTEGER NOT NULL REFERENCES article_text(seq),
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    entity_type TEXT NOT NULL CHECK (entity_type IN ('place', 'actor')),
    entity_id   TEXT NOT NULL,
    PRIMARY KEY (seq, char_start)
) WITHOUT ROWID;
CREATE TABLE glossary (
    lemma  TEXT PRIMARY KEY,
    gloss  TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('freedict', 'kroniek'))
) WITHOUT ROWID;
CREATE TABLE glossary_forms (
    form  TEXT NOT NULL,
    part  INTEGER NOT NULL,
    lemma TEXT NOT NULL REFERENCES glossary(lemma),
    PRIMARY KEY (form, part)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE events_fts USING fts5(
    text, title, stems, names,
    tokenize = '{FTS_TOKENIZER}'
);
"""


#: A second, external-content full-text index over ``events`` for Datasette and
#: sqlite-utils, which find a table's index by ``content="events"`` in its SQL.
#: The app's own index, ``events_fts``, cannot be one: its stems and names
#: columns are not columns of ``events``. ``content_rowid`` is ``seq`` (stable;
#: the implicit rowid may change in a VACUUM), and the build keeps
#: ``events.rowid == seq``, which is what Datasette's search compares.
SEARCH_INDEX_DDL = f"""
CREATE VIRTUAL TABLE events_search USING fts5(
    text, title,
    content="events", content_rowid="seq",
    tokenize = '{FTS_TOKENIZER}'
);
"""


def add_search_index(conn: sqlite3.Connection) -> None:
    """Create and fill ``events_search`` from the rows of ``events``."""
    conn.execute(SEARCH_INDEX_DDL)
    conn.execute("INSERT INTO events_search(events_search) VALUES ('rebuild')")


def create_schema(conn: sqlite3.Connection) -> None:
    """Create every table of an empty event database and stamp its version."""
    conn.executescript(DDL)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
