"""Export and import: what a librarian gets in each format, and what happens to
every kind of file they might import (ours, the W3C's examples, broken ones)."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import first_events, shared
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.events.query import Query
from explorer.core.events.store import Event, EventStore
from explorer.core.library.formats.annotations import (
    FORMATS,
    ImportRefused,
    citation_for,
    export_library,
    export_text,
    import_data,
    import_file,
    parse_import,
)
from explorer.core.library.library import Library
from explorer.core.library.models import LibraryContents


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def events(store: EventStore) -> list[Event]:
    return first_events(store, 6)


def _open(path: Path) -> Library:
    return Library(path, clock=Clock(), auto_backup=False)


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = _open(tmp_path / "library.sqlite3")
    yield library
    library.close()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Library]:
    library = _open(tmp_path / "fresh" / "library.sqlite3")
    yield library
    library.close()


def _fill(lib: Library, events: list[Event]) -> None:
    """A library with one of everything, including the awkward cases."""
    lib.bookmarks.mark(events[0])
    lib.bookmarks.mark(events[1])
    lib.notes.add(events[0], "Eerste notitie\nmet een tweede regel")
    lib.notes.add(events[0], "Tweede notitie, <b>geen</b> HTML & “aanhalingstekens”")
    lib.notes.add(events[2], "=SUM(A1) zou een formule zijn")
    lib.tags.tag(events[0], "Kerncentrales", color="#1f77b4")
    lib.tags.tag(events[2], "Kerncentrales")
    lib.tags.tag(events[3], "oorlog")
    lesson = lib.collections.create("Les 1", "Eerste week")
    for event in (events[3], events[0], events[4]):
        lib.collections.add(lesson.id, event)
    lib.collections.create("Leeg")
    lib.searches.save(
        "Charkov", Query(text="charkov", facets={"category": ["military"]}), "2022-02", "2022-06"
    )


def _comparable(contents: LibraryContents) -> dict[str, Any]:
    """Everything a user would notice, without local row numbers."""
    bookmarks = [(b.anno_id, b.event_id, b.created, b.modified) for b in contents.bookmarks]
    notes = [(n.anno_id, n.event_id, n.body, n.created, n.modified) for n in contents.notes]
    tags = [
        (t.anno_id, t.event_id, t.tag, t.color, t.created, t.modified) for t in contents.tag_links
    ]
    collections = [
        (c.anno_id, c.name, c.description, c.event_ids, c.created, c.modified)
        for c in contents.collections
    ]
    searches = [
        (s.anno_id, s.name, s.spec_json(), s.created, s.modified) for s in contents.searches
    ]
    events = {k: (v.title, v.start, v.end, v.text) for k, v in contents.events.items()}
    return {
        "bookmarks": sorted(bookmarks),
        "notes": sorted(notes),
        "tags": sorted(tags),
        "collections": sorted(collections),
        "searches": sorted(searches),
        "events": events,
    }


# -- export ---------------------------------------------------------------


def test_jsonld_export_is_w3c_web_annotation(
    lib: Library, events: list[Event], store: EventStore
) -> None:
    _fill(lib, events)
    out, count = export_text(lib, "jsonld", store=store, lang="en")
    data = json.loads(out)
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert count == len(items) == data["total"] == 2 + 3 + 3 + 2 + 1
    for item in items:
        context = item["@context"]
        assert context == "http://www.w3.org/ns/anno.jsonld" or (
            context[0] == "http://www.w3.org/ns/anno.jsonld" and item["motivation"] == "bookmarking"
        )
        assert item["type"] == "Annotation"
        assert item["id"].startswith("urn:uuid:")
        assert item["created"].endswith("Z") and item["modified"].endswith("Z")
    by_motivation = {m: [i for i in items if i["motivation"] == m] for m in
                     ("bookmarking", "commenting", "tagging")}  # fmt: skip
    note = by_motivation["commenting"][0]
    assert note["body"]["value"] == "Eerste notitie\nmet een tweede regel"
    target = note["target"]
    assert target["source"] == f"urn:kroniek:event:{events[0].id}"
    assert target["schema:name"] == events[0].title
    assert "Russische invasie van Oekraïne" in target["schema:citation"]
    assert "CC BY-SA 4.0" in target["schema:citation"]
    tag = next(t for t in by_motivation["tagging"] if t["target"].get("styleClass"))
    assert tag["body"] == {"type": "TextualBody", "purpose": "tagging", "value": "Kerncentrales"}
    assert "#1f77b4" in tag["stylesheet"]["value"]


def test_a_citation_quotes_the_event_and_names_the_article_snapshot_and_licence(
    events: list[Event], store: EventStore
) -> None:
    text = citation_for(events[0], store, lang="en")
    quote, source = text.split("\n")
    assert quote == f"“{events[0].text}”", "the whole sentence, not the cut headline"
    assert "Russische invasie van Oekraïne" in source
    assert "Wikipedia contributors" in source and "CC BY-SA 4.0" in source
    assert "(2023)" in source, "the snapshot's year, not today's"
    assert str(date.today().year) not in source or date.today().year == 2023
    assert "https://nl.wikipedia.org/wiki/" in source


def test_the_reading_list_has_each_events_date_text_notes_and_citation(
    lib: Library, events: list[Event], store: EventStore
) -> None:
    _fill(lib, events)
    lesson = next(c for c in lib.collections.all() if c.name == "Les 1")
    md, n = export_text(lib, "md", store=store, collection_id=lesson.id, lang="en")
    assert n == 3
    assert md.startswith("# Les 1\n")
    positions = [md.index(e.text[:30].replace("(", "(")) for e in (events[3], events[0], events[4])]
    assert positions == sorted(positions), "the collection's order"
    assert "> Eerste notitie\n> met een tweede regel" in md
    assert md.count("Wikipedia contributors") == 3
    html_text, _n = export_text(lib, "html", store=store, lang="en")
    assert "&lt;b&gt;geen&lt;/b&gt;" in html_text and "<b>geen</b>" not in html_text
    assert html_text.count("<article") == 5  # every annotated event once
    assert "Retrieved" not in html_text, "the snapshot is cited, not an access date"


def test_csv_has_a_row_per_item_and_defuses_formulas(
    lib: Library, events: list[Event], store: EventStore
) -> None:
    _fill(lib, events)
    out, _n = export_text(lib, "csv", store=store, lang="en")
    rows = list(csv.DictReader(io.StringIO(out)))
    kinds = [r["kind"] for r in rows]
    assert kinds.count("bookmark") == 2 and kinds.count("note") == 3
    assert kinds.count("tag") == 3 and kinds.count("collection") == 3
    assert kinds.count("search") == 1
    formula = next(r for r in rows if r["value"].endswith("formule zijn"))
    assert formula["value"].startswith("'=")


def _recorder(calls: list[tuple[int, int]]) -> Callable[[int, int], None]:
    return lambda done, total: calls.append((done, total))


def test_every_format_writes_a_whole_file_and_reports_progress(
    lib: Library, events: list[Event], store: EventStore, tmp_path: Path
) -> None:
    _fill(lib, events)
    for fmt in FORMATS:
        calls: list[tuple[int, int]] = []
        target = tmp_path / f"export.{fmt}"
        count = export_library(lib, fmt, target, store=store, progress=_recorder(calls), lang="en")
        assert target.stat().st_size > 0 and count > 0
        assert calls[-1] == (count, count)
    assert json.loads((tmp_path / "export.json").read_text())["format"] == "kroniek-library"
    assert not list(tmp_path.glob(".*.tmp"))


# -- round trip and merging -----------------------------------------------


def test_export_then_import_into_a_fresh_library_reproduces_everything(
    lib: Library, fresh: Library, events: list[Event], store: EventStore, tmp_path: Path
) -> None:
    _fill(lib, events)
    target = tmp_path / "library.jsonld"
    export_library(lib, "jsonld", target, store=store, lang="en")
    report = import_file(fresh, target)
    assert report.result.total_added == 11 and report.skipped == 0
    assert _comparable(fresh.contents()) == _comparable(lib.contents())
    # Tag colours, collection order and the saved search's view come back too.
    assert fresh.tags.get("Kerncentrales").color == "#1f77b4"  # type: ignore[union-attr]
    search = fresh.searches.all()[0]
    assert search.query == lib.searches.all()[0].query and search.view_start == "2022-02-01"


def test_importing_the_same_file_twice_duplicates_nothing(
    lib: Library, fresh: Library, events: list[Event], tmp_path: Path
) -> None:
    _fill(lib, events)
    target = tmp_path / "library.jsonld"
    export_library(lib, "jsonld", target, lang="en")
    import_file(fresh, target)
    again = import_file(fresh, target)
    assert again.result.total_added == 0 and again.result.total_updated == 0
    assert again.result.total_skipped == 11
    assert "11 skipped" in again.summary()
    assert _comparable(fresh.contents()) == _comparable(lib.contents())


def test_the_newer_modified_wins_when_the_same_annotation_comes_back(
    lib: Library, fresh: Library, events: list[Event], tmp_path: Path
) -> None:
    note = lib.notes.add(events[0], "oude tekst")
    old_file, new_file = tmp_path / "old.jsonld", tmp_path / "new.jsonld"
    export_library(lib, "jsonld", old_file, lang="en")
    lib.notes.update(note.id, "nieuwe tekst")
    export_library(lib, "jsonld", new_file, lang="en")
    import_file(fresh, old_file)
    updated = import_file(fresh, new_file)
    assert updated.result.updated["note"] == 1
    assert [n.body for n in fresh.notes.all()] == ["nieuwe tekst"]
    # The older file never overwrites the newer text.
    stale = import_file(fresh, old_file)
    assert stale.result.skipped["note"] == 1
    assert [n.body for n in fresh.notes.all()] == ["nieuwe tekst"]


def test_a_bare_event_id_is_accepted_as_target(fresh: Library, events: list[Event]) -> None:
    data = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "http://example.org/anno/1",
        "type": "Annotation",
        "motivation": "commenting",
        "bodyValue": "Een notitie uit een ander programma",
        "target": events[0].id,
    }
    report = import_data(fresh, data, "other.json", known_ids={events[0].id})
    assert report.result.added["note"] == 1
    assert fresh.notes.all(events[0].id)[0].body == "Een notitie uit een ander programma"


def test_annotations_on_unknown_events_are_kept_as_orphans_and_reported(
    lib: Library, fresh: Library, events: list[Event], tmp_path: Path
) -> None:
    lib.notes.add(events[0], "over een verdwenen gebeurtenis")
    target = tmp_path / "library.jsonld"
    export_library(lib, "jsonld", target, lang="en")
    report = import_file(fresh, target, known_ids=set())
    assert report.unknown_events == {events[0].id}
    assert any("orphaned" in line for line in report.lines())
    orphan = fresh.orphans(set())[0]
    assert orphan.snapshot.title == events[0].title  # shown with its saved title
    assert orphan.snapshot.start == events[0].start


# -- the W3C's own examples -------------------------------------------------


def _w3c_files(kind: str) -> list[Path]:
    return sorted(shared("eval", "w3c-web-annotation", kind).glob("*.json"))


# Which field each parseable incorrect example breaks (from its "label").
_BROKEN_FIELD = {
    "anno2.json": "@context", "anno3.json": "@context", "anno4.json": "@context",
    "anno5.json": "@context", "anno6.json": "id", "anno7.json": "id", "anno8.json": "type",
    "anno9.json": "type", "anno11.json": "target", "anno26.json": "creator",
    "anno27.json": "generator", "anno28.json": "created", "anno29.json": "modified",
    "anno30.json": "generated", "anno31.json": "modified", "anno32.json": "created",
    "anno33.json": "generated", "anno34.json": "rights", "anno35.json": "via",
    "anno36.json": "canonical",
}  # fmt: skip


def test_all_84_w3c_examples_are_imported_or_refused_cleanly(lib: Library) -> None:
    correct, incorrect = _w3c_files("correct"), _w3c_files("incorrect")
    assert len(correct) + len(incorrect) == 84
    for path in correct:
        report = import_file(lib, path)
        # None targets a Kroniek event: each is reported as left out, nothing added.
        assert report.result.total_added == 0, path.name
        assert report.not_kroniek and "not a Kroniek event" in report.not_kroniek[0], path.name
        assert report.summary().startswith(f"Imported {path.name}:")
    assert lib.contents().item_count() == 0
    for path in incorrect:
        changes = lib.conn.total_changes
        with pytest.raises(ImportRefused) as refused:
            import_file(lib, path)
        message = str(refused.value)
        assert "\n" not in message and message.startswith(f"{path.name} cannot be imported:")
        assert lib.conn.total_changes == changes, f"{path.name} wrote something"
        field = _BROKEN_FIELD.get(path.name)
        if field:
            assert any(f"“{field}”" in p for p in refused.value.problems), (path.name, message)
        else:
            assert "JSON" in message or "“id”" in message, (path.name, message)


# -- malformed files --------------------------------------------------------


def _valid_export(lib: Library, events: list[Event]) -> dict[str, Any]:
    _fill(lib, events)
    data: dict[str, Any] = json.loads(export_text(lib, "jsonld", lang="en")[0])
    return data


def test_a_file_with_one_bad_annotation_imports_nothing(
    lib: Library, fresh: Library, events: list[Event]
) -> None:
    data = _valid_export(lib, events)
    data["first"]["items"][-1]["target"] = 42
    with pytest.raises(ImportRefused, match="target"):
        import_data(fresh, data, "half.jsonld")
    assert fresh.contents().item_count() == 0


def test_duplicate_ids_in_one_file_are_refused(
    lib: Library, fresh: Library, events: list[Event]
) -> None:
    data = _valid_export(lib, events)
    items = data["first"]["items"]
    items[1]["id"] = items[0]["id"]
    with pytest.raises(ImportRefused, match="twice"):
        import_data(fresh, data, "dup.jsonld")
    assert fresh.contents().item_count() == 0


def test_huge_strings_are_refused_before_anything_is_written(
    fresh: Library, events: list[Event]
) -> None:
    data = {
        "@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:1", "type": "Annotation",
        "bodyValue": "x" * 2_000_000, "target": f"urn:kroniek:event:{events[0].id}",
    }  # fmt: skip
    with pytest.raises(ImportRefused, match="longer than"):
        import_data(fresh, data, "huge.jsonld")
    assert fresh.notes.all() == []


def test_files_that_are_not_json_or_not_utf8_are_refused(fresh: Library, tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonld"
    broken.write_text('{"@context": ')
    with pytest.raises(ImportRefused, match="not valid JSON"):
        import_file(fresh, broken)
    latin = tmp_path / "latin.jsonld"
    latin.write_bytes('{"x": "Oekraïne"}'.encode("latin-1"))
    with pytest.raises(ImportRefused, match="UTF-8"):
        import_file(fresh, latin)
    deep = tmp_path / "deep.jsonld"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ImportRefused, match="nested too deeply"):
        import_file(fresh, deep)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
KEYS = st.sampled_from(
    ["@context", "id", "type", "motivation", "body", "bodyValue", "target", "created",
     "modified", "stylesheet", "first", "items", "source", "value", "purpose"]
)  # fmt: skip


#: Ids a careless or hostile file may carry; each must stay one short line in a message.
HOSTILE_IDS = [
    "urn:uuid:a\nb",
    "urn:uuid:\r\n\x1b[31mred",
    "urn:uuid:\u202egnp.exe",
    "urn:uuid:\ud800",
    "urn:uuid:" + "x" * 10_000,
    "urn:uuid:\u2028line",
]


def one_printable_line(message: str) -> bool:
    """No line breaks, no control or bidi characters, encodable, not a wall of text."""
    message.encode("utf-8")  # a lone surrogate would raise here
    return not any(unicodedata.category(c) in {"Cc", "Cf", "Cs", "Zl", "Zp"} for c in message)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_malformed_json_gives_a_clear_report_and_never_half_imports(
    data: st.DataObject, tmp_path: Path, bundled_db: Path
) -> None:
    template = {
        "@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:0", "type": "Annotation",
        "motivation": "commenting", "created": "2024-01-01T00:00:00Z",
        "body": {"type": "TextualBody", "value": "notitie", "purpose": "commenting"},
        "target": {"type": "SpecificResource", "source": "urn:kroniek:event:e2f8dad2a147"},
    }  # fmt: skip
    items = []
    for n in range(data.draw(st.integers(1, 4))):
        item = json.loads(json.dumps(template))
        item["id"] = data.draw(st.sampled_from([f"urn:uuid:{n}", *HOSTILE_IDS]) | st.text())
        for key in data.draw(st.lists(KEYS, max_size=3)):
            item[key] = data.draw(JSON_VALUES)
        items.append(item)
    document: object = data.draw(
        st.sampled_from(["list", "collection", "one", "raw"]).map(
            lambda shape: items if shape == "list" else
            {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
             "id": "urn:uuid:c", "first": {"type": "AnnotationPage", "items": items}}
            if shape == "collection" else items[0] if shape == "one" else data.draw(JSON_VALUES)
        )
    )  # fmt: skip
    # One fresh library per example (the tmp_path is shared by all of them).
    library = Library(
        tmp_path / f"lib{uuid.uuid4().hex}.sqlite3", auto_backup=False, keep_backups=0
    )
    try:
        before = library.conn.total_changes
        try:
            report = import_data(library, document, "fuzz.jsonld", known_ids={"e2f8dad2a147"})
        except ImportRefused as refused:
            assert str(refused) and one_printable_line(str(refused))
            assert refused.problems and all(map(one_printable_line, refused.problems))
            assert library.conn.total_changes == before
        else:
            assert report.summary().startswith("Imported fuzz.jsonld:")
            contents = library.contents()
            assert contents.item_count() == report.result.total_added
    finally:
        library.close()


def test_parsing_an_import_writes_nothing(lib: Library, events: list[Event]) -> None:
    data = _valid_export(lib, events)
    before = lib.conn.total_changes
    report = parse_import(data, "x.jsonld")
    assert report.contents.item_count() == 11
    assert lib.conn.total_changes == before


@pytest.mark.parametrize(
    "hostile", HOSTILE_IDS, ids=["newline", "escape", "bidi", "surrogate", "10k", "separator"]
)
def test_a_refusal_quoting_a_hostile_id_is_one_short_line(
    hostile: str, tmp_path: Path, bundled_db: Path
) -> None:
    """A file whose broken annotation has a strange id is refused in one readable line."""
    document = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": hostile,
        "type": "Annotation",
        "target": "not an iri",
    }
    library = Library(tmp_path / "lib.sqlite3", auto_backup=False, keep_backups=0)
    try:
        with pytest.raises(ImportRefused) as refused:
            import_data(library, document, "hostile.jsonld", known_ids=set())
    finally:
        library.close()
    message = str(refused.value)
    assert one_printable_line(message)
    assert len(message) < 400, message
