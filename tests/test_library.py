"""The user library: what a librarian's bookmarks, notes, tags, collections and
saved searches do, and how the library file behaves (versions, full and
read-only disks, backups)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import first_events

from explorer import paths
from explorer.core.errors import UsageError
from explorer.core.events.facet_index import FacetCounter
from explorer.core.events.query import Query, plan
from explorer.core.events.search import SearchEngine
from explorer.core.events.store import Event, EventStore
from explorer.core.library.db import LIBRARY_VERSION
from explorer.core.library.facets import LibrarySnapshot, MineFacet, TagFacet, library_facets
from explorer.core.library.library import (
    Library,
    LibraryError,
    LibraryFullError,
    LibraryReadOnlyError,
    LibraryVersionError,
    default_library_path,
)


class Clock:
    """A clock the test moves forward by hand."""

    def __init__(self) -> None:
        self.now = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def tick(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def events(store: EventStore) -> list[Event]:
    return first_events(store, 8)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def lib(tmp_path: Path, clock: Clock) -> Iterator[Library]:
    library = Library(tmp_path / "library.sqlite3", clock=clock)
    yield library
    library.close()


# -- where it lives ---------------------------------------------------------


def test_the_library_lives_in_the_user_data_folder_not_in_the_bundled_database(
    bundled_db: Path,
) -> None:
    before = bundled_db.read_bytes()
    library = Library()
    try:
        library.bookmarks.mark("e2f8dad2a147")
    finally:
        library.close()
    assert library.path == default_library_path() == paths.user_data_dir() / "library.sqlite3"
    assert library.path.is_file()
    assert bundled_db.read_bytes() == before  # not a byte written to the bundled file


def test_the_library_file_is_versioned_and_written_ahead(lib: Library) -> None:
    assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == LIBRARY_VERSION
    assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert lib.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_library_from_a_newer_kroniek_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    Library(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LIBRARY_VERSION + 1}")
    conn.close()
    with pytest.raises(LibraryVersionError, match="newer Kroniek"):
        Library(path)


def test_another_sqlite_file_is_not_taken_for_a_library(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 42")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("CREATE TABLE x (y)")
    conn.close()
    with pytest.raises(LibraryError, match="not a Kroniek library"):
        Library(path)


# -- bookmarks and notes ----------------------------------------------------


def test_starring_an_event_twice_keeps_one_bookmark(lib: Library, events: list[Event]) -> None:
    lib.bookmarks.mark(events[0])
    lib.bookmarks.mark(events[0])
    assert [b.event_id for b in lib.bookmarks.all()] == [events[0].id]
    assert lib.bookmarks.toggle(events[0]) is False
    assert lib.bookmarks.event_ids() == set()


def test_an_event_can_have_several_multi_line_notes_with_their_times(
    lib: Library, events: list[Event], clock: Clock
) -> None:
    first = lib.notes.add(events[0], "Eerste regel\nTweede regel")
    clock.tick(minutes=5)
    second = lib.notes.add(events[0], "Nog een notitie")
    clock.tick(hours=1)
    edited = lib.notes.update(first.id, "Eerste regel\nTweede regel\nDerde regel")
    notes = lib.notes.all(events[0].id)
    assert [n.body for n in notes] == [edited.body, second.body]
    assert edited.created == "2024-05-01T12:00:00.000Z"
    assert edited.modified == "2024-05-01T13:05:00.000Z"
    lib.notes.delete(second.id)
    assert [n.id for n in lib.notes.all(events[0].id)] == [first.id]


def test_an_empty_note_is_refused(lib: Library, events: list[Event]) -> None:
    with pytest.raises(UsageError, match="empty"):
        lib.notes.add(events[0], "  \n ")
    assert lib.notes.all() == []


def test_notes_are_searchable_like_event_text(lib: Library, events: list[Event]) -> None:
    lib.notes.add(events[1], "De centrale werd gebombardeerd.")
    lib.notes.add(events[2], "Over de Krimbrug")
    # Dutch stemming and diacritics, as in the event search.
    assert [n.event_id for n in lib.notes.search("bombardeerde")] == [events[1].id]
    assert [n.event_id for n in lib.notes.search("krim")] == [events[2].id]
    # The search engine's own FTS5 expression works on the notes index too.
    match = plan(Query(text="centrale")).match
    assert match is not None
    assert lib.notes.matching_event_ids(match) == {events[1].id}


# -- tags -------------------------------------------------------------------


def test_tag_autocomplete_ignores_case_and_accents_and_prefers_used_tags(
    lib: Library, events: list[Event]
) -> None:
    lib.tags.tag(events[0], "Oekraïne")
    lib.tags.tag(events[1], "oorlog")
    lib.tags.tag(events[2], "oorlog")
    assert lib.tags.complete("o") == ["oorlog", "Oekraïne"]
    assert lib.tags.complete("OEKRAI") == ["Oekraïne"]
    assert lib.tags.complete("log") == ["oorlog"]


def test_renaming_a_tag_renames_it_on_every_event(lib: Library, events: list[Event]) -> None:
    lib.tags.tag(events[0], "kern")
    lib.tags.tag(events[1], "kern")
    lib.tags.rename("kern", "Kernenergie")
    assert lib.tags.tagged_ids(["kernenergie"]) == {events[0].id, events[1].id}
    assert [t.name for t in lib.tags.all()] == ["Kernenergie"]


def test_renaming_onto_another_tag_asks_for_a_merge(lib: Library, events: list[Event]) -> None:
    lib.tags.tag(events[0], "a")
    lib.tags.tag(events[1], "b")
    with pytest.raises(UsageError, match="merge"):
        lib.tags.rename("a", "B")
    assert {t.name for t in lib.tags.all()} == {"a", "b"}


def test_merging_tags_moves_their_events_without_doubles(lib: Library, events: list[Event]) -> None:
    lib.tags.tag(events[0], "Zaporizja", color="#FF0000")
    lib.tags.tag(events[1], "Zaporizja")
    lib.tags.tag(events[1], "zaporizhzhia")
    lib.tags.merge(["Zaporizja"], "zaporizhzhia")
    tags = lib.tags.all()
    assert [(t.name, t.count) for t in tags] == [("zaporizhzhia", 2)]
    assert lib.tags.tagged_ids(["zaporizhzhia"]) == {events[0].id, events[1].id}


def test_tag_colours_are_checked(lib: Library, events: list[Event]) -> None:
    lib.tags.tag(events[0], "rood")
    lib.tags.set_color("rood", "#C0392B")
    tag = lib.tags.get("ROOD")
    assert tag is not None and tag.color == "#c0392b"
    with pytest.raises(UsageError, match="#1f77b4"):
        lib.tags.set_color("rood", "red")


# -- collections and saved searches -----------------------------------------


def test_a_collection_keeps_the_order_the_user_gives_it(lib: Library, events: list[Event]) -> None:
    lesson = lib.collections.create("Les 3: de eerste week", "Voor de bovenbouw")
    for event in events[:4]:
        lib.collections.add(lesson.id, event)
    lib.collections.move(lesson.id, events[3].id, 0)
    lib.collections.remove(lesson.id, events[1].id)
    found = lib.collections.get(lesson.id)
    assert found is not None
    assert found.event_ids == (events[3].id, events[0].id, events[2].id)
    lib.collections.reorder(lesson.id, [events[2].id, events[0].id, events[3].id])
    again = lib.collections.get(lesson.id)
    assert again is not None and again.event_ids == (events[2].id, events[0].id, events[3].id)
    with pytest.raises(UsageError, match="already used"):
        lib.collections.create("les 3: DE eerste week")


def test_a_saved_search_restores_query_facets_and_timeline_window(lib: Library) -> None:
    query = Query(text="charkov", date_from="2022-02", facets={"category": ["military"]})
    saved = lib.searches.save("Charkov", query, "2022-02-01", "2022-06-30")
    restored = lib.searches.get(saved.id)
    assert restored is not None
    assert restored.query == query
    assert (restored.view_start, restored.view_end) == ("2022-02-01", "2022-06-30")
    # Saving under the same name replaces it instead of adding a second one.
    lib.searches.save("charkov", query.with_text("kharkiv"))
    assert [s.query.text for s in lib.searches.all()] == ["kharkiv"]


# -- orphans ----------------------------------------------------------------


def test_a_note_on_an_event_a_newer_database_dropped_is_shown_as_orphaned(
    lib: Library, events: list[Event]
) -> None:
    lib.notes.add(events[0], "Belangrijk voor de tentoonstelling")
    lib.bookmarks.mark(events[1])
    known = {e.id for e in events[1:]}
    orphans = lib.orphans(known)
    assert len(orphans) == 1
    orphan = orphans[0]
    assert orphan.snapshot.title == events[0].title
    assert orphan.snapshot.start == events[0].start
    assert orphan.notes[0].body == "Belangrijk voor de tentoonstelling"
    # The note is kept, not deleted.
    assert len(lib.notes.all()) == 1


# -- facets -----------------------------------------------------------------


def test_bookmark_and_tag_facets_count_within_the_search(
    lib: Library, events: list[Event], store: EventStore
) -> None:
    lib.bookmarks.mark(events[0])
    lib.bookmarks.mark(events[1])
    lib.notes.add(events[1], "notitie")
    lib.tags.tag(events[1], "lesmap")
    lib.tags.tag(events[2], "lesmap")
    # The library's facets join a search as facets of that search only.
    engine = SearchEngine(store.conn)
    snapshot = LibrarySnapshot.of(lib)
    registry = engine.registry.with_specs(*library_facets(snapshot))
    search = engine.plan(Query(facets={"tag": {"lesmap"}}), registry)
    assert set(engine.ids(search)) == {events[1].id, events[2].id}
    facets = {f.key: f for f in FacetCounter(engine).facets(search)}
    # Among the two tagged events, one is bookmarked and has a note...
    assert {v.value: v.count for v in facets["mine"].values} == {"bookmarked": 1, "noted": 1}
    # ...and the tag counts without its own selection.
    assert [(v.value, v.count) for v in facets["tag"].values] == [("lesmap", 2)]
    mine, tags = MineFacet(snapshot), TagFacet(snapshot)
    assert tags.resolve("LESMAP") == "lesmap"
    assert mine.resolve("met bladwijzer") == mine.resolve("Bookmarked") == "bookmarked"
    with pytest.raises(UsageError):
        mine.resolve("nonsense")


# -- disks that say no ------------------------------------------------------


def test_a_full_disk_gives_a_clear_message_and_keeps_the_note_in_memory(
    lib: Library, events: list[Event]
) -> None:
    pages = lib.conn.execute("PRAGMA page_count").fetchone()[0]
    lib.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(LibraryFullError, match="disk is full"):
        lib.notes.add(events[0], "x" * 20_000)
    assert lib.notes.all() == []
    assert lib.unsaved() == ["Add a note"]
    # Space freed: the kept note is saved.
    lib.conn.execute("PRAGMA max_page_count = 1000000")
    assert lib.retry_unsaved() == 1
    assert [n.body for n in lib.notes.all()] == ["x" * 20_000]
    assert lib.unsaved() == []


def test_a_read_only_library_shows_its_contents_and_keeps_changes_in_memory(
    tmp_path: Path, events: list[Event]
) -> None:
    path = tmp_path / "library.sqlite3"
    with Library(path) as writer:
        writer.notes.add(events[0], "al opgeslagen")
    reader = Library(path, read_only=True)
    try:
        assert [n.body for n in reader.notes.all()] == ["al opgeslagen"]
        with pytest.raises(LibraryReadOnlyError, match="read-only"):
            reader.bookmarks.mark(events[0])
        assert reader.unsaved() == ["Bookmark an event"]
    finally:
        reader.close()


def test_a_folder_that_cannot_be_created_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(LibraryReadOnlyError, match="Cannot create"):
        Library(blocker / "sub" / "library.sqlite3")


# -- backups and callbacks --------------------------------------------------


def test_closing_after_changes_makes_a_checked_backup_and_keeps_only_the_newest(
    tmp_path: Path, events: list[Event]
) -> None:
    path = tmp_path / "library.sqlite3"
    for i in range(5):
        with Library(path, keep_backups=3) as library:
            library.notes.add(events[0], f"notitie {i}")
    with Library(path, keep_backups=3, auto_backup=False) as library:
        backups = library.backups()
    assert len(backups) == 3
    newest = sqlite3.connect(f"{backups[0].resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert newest.execute("SELECT count(*) FROM notes").fetchone()[0] == 5
        assert newest.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        newest.close()


def test_a_backup_that_fails_its_check_leaves_the_older_ones(
    lib: Library, events: list[Event], monkeypatch: pytest.MonkeyPatch
) -> None:
    from explorer.core.library import backup as library_backup

    lib.notes.add(events[0], "x")
    good = lib.backup()
    monkeypatch.setattr(library_backup, "integrity_problems", lambda conn, full=True: ["bad"])
    with pytest.raises(LibraryError, match="failed its check"):
        lib.backup()
    assert lib.backups() == [good]


def test_a_change_the_full_disk_refused_is_saved_before_the_next_one(
    lib: Library, events: list[Event]
) -> None:
    pages = lib.conn.execute("PRAGMA page_count").fetchone()[0]
    lib.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(LibraryFullError):
        lib.notes.add(events[0], "eerst " + "x" * 20_000)
    lib.conn.execute("PRAGMA max_page_count = 1000000")
    lib.notes.add(events[0], "daarna")
    assert [n.body[:5] for n in lib.notes.all(events[0].id)] == ["eerst", "daarn"]
    assert lib.unsaved() == []


def test_a_draft_typed_on_a_full_disk_is_kept_once_with_its_newest_text(
    lib: Library, events: list[Event]
) -> None:
    pages = lib.conn.execute("PRAGMA page_count").fetchone()[0]
    lib.conn.execute(f"PRAGMA max_page_count = {pages}")
    for text in ("a" * 20_000, "ab" * 20_000, "abc" * 20_000):
        with pytest.raises(LibraryFullError):
            lib.notes.add(events[0], text, anno_id="urn:uuid:draft")
    assert lib.unsaved() == ["Add a note"]
    lib.conn.execute("PRAGMA max_page_count = 1000000")
    assert lib.retry_unsaved() == 1
    assert [n.body for n in lib.notes.all()] == ["abc" * 20_000]


def test_closing_saves_kept_changes_when_it_can_and_reports_those_it_cannot(
    tmp_path: Path, events: list[Event]
) -> None:
    path = tmp_path / "library.sqlite3"
    library = Library(path)
    pages = library.conn.execute("PRAGMA page_count").fetchone()[0]
    library.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(LibraryFullError):
        library.notes.add(events[0], "x" * 20_000)
    library.conn.execute("PRAGMA max_page_count = 1000000")
    assert library.close() == []
    with Library(path) as again:
        assert [n.body for n in again.notes.all()] == ["x" * 20_000]
    stuck = Library(path)
    stuck.conn.execute(
        f"PRAGMA max_page_count = {stuck.conn.execute('PRAGMA page_count').fetchone()[0]}"
    )
    with pytest.raises(LibraryFullError):
        stuck.notes.add(events[1], "y" * 20_000)
    assert stuck.close() == ["Add a note"]
