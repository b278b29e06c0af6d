"""The librarian's formats, read back by the tools librarians use.

Every export is parsed with the ecosystem's own reader — bibtexparser for
BibTeX, rispy for RIS, icalendar for iCalendar, pyld for JSON-LD (against a
bundled copy of the W3C context, never the network), sqlite-utils and
Datasette for the database — and the fields a reference manager, a calendar
or a timeline would show are checked. TimelineJS has no reader in Python, so
its export is checked against the fields its documentation lists.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import first_events

from explorer.core.events.store import Event, EventStore
from explorer.core.library.formats import annotations, cite, eventlists, timelinejs, wiki
from explorer.core.library.formats.source import SourceInfo
from explorer.core.library.formats.validate import ANNO_CONTEXT
from explorer.core.library.library import Library
from explorer.core.library.models import EventSnapshot

DATA = Path(__file__).resolve().parent / "data"
ARTICLE = "https://nl.wikipedia.org/wiki/Russische_invasie_van_Oekra%C3%AFne"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library(tmp_path / "library.sqlite3", clock=Clock(), auto_backup=False)
    yield library
    library.close()


def _one(store: EventStore, start: str, section_part: str = "") -> Event:
    """The first event on *start* (whose section contains *section_part*)."""
    for event in store.events_starting(start):
        if section_part in event.section:
            return event
    raise AssertionError(f"no event on {start} in {section_part!r}")


@pytest.fixture
def day_event(store: EventStore) -> Event:
    """An event of 24 February 2022 in "Eerste fase: noordelijk front"."""
    return _one(store, "2022-02-24", "noordelijk front")


@pytest.fixture
def mixed(store: EventStore, lib: Library) -> tuple[int, list[Event]]:
    """A collection with a day, a month, a year and a span event, in that order."""
    chosen = [
        _one(store, "2022-02-24", "noordelijk front"),
        next(e for e in first_events(store, 700) if e.precision == "month" and not e.end),
        next(e for e in first_events(store, 700) if e.precision == "year" and not e.end),
        next(e for e in first_events(store, 700) if e.end and e.precision == "day"),
    ]
    lesson = lib.collections.create("Les 1")
    for event in chosen:
        lib.collections.add(lesson.id, event)
    return lesson.id, chosen


def _label(store: EventStore, event: Event) -> str:
    """The English label of *event*'s category (the tests run in English)."""
    return next(c["label_en"] for c in store.categories() if c["key"] == event.category)


def _export(lib: Library, store: EventStore, fmt: str, collection_id: int, lang: str = "en") -> str:
    out, count = annotations.export_text(
        lib, fmt, store=store, collection_id=collection_id, lang=lang
    )
    assert count == 4
    return out


# -- sections, anchors, snapshot ----------------------------------------------


def test_a_section_anchor_is_the_heading_as_wikipedia_writes_it(store: EventStore) -> None:
    headings = wiki.Headings.from_store(store)
    path = next(p for p in headings.by_path if p.endswith("(24 februari - 7 april 2022)"))
    # The source is lower case; the article's own restored text says "Oekraïne".
    assert (
        headings.heading(path) == "Eerste fase: invasie van Oekraïne (24 februari - 7 april 2022)"
    )
    assert headings.anchor(path) == (
        "Eerste_fase:_invasie_van_Oekra%C3%AFne_(24_februari_-_7_april_2022)"
    )
    assert wiki.anchor("Tweede fase – zuidelijk front") == "Tweede_fase_%E2%80%93_zuidelijk_front"


def test_a_repeated_heading_gets_mediawikis_number() -> None:
    class Two:
        def sections(self) -> list[tuple[int, int | None, int, str, str]]:
            return [
                (1, None, 2, "reacties", "A › Reacties"),
                (2, None, 2, "reacties", "B › Reacties"),
            ]

        def sample_texts(self, limit: int = 0) -> list[str]:
            return []

    headings = wiki.Headings.from_store(Two())
    assert [headings.anchor("A › Reacties"), headings.anchor("B › Reacties")] == [
        "Reacties",
        "Reacties_2",
    ]


def test_headings_name_their_periods() -> None:
    period = wiki.heading_period
    assert period("Eerste fase: invasie (24 februari - 7 april 2022)") == (
        date(2022, 2, 24),
        date(2022, 4, 7),
    )
    assert period("Vermeende aanvallen (17–21 februari 2022)") == (
        date(2022, 2, 17),
        date(2022, 2, 21),
    )
    assert period("Russisch winteroffensief (12 november 2022 - juni 2023)") == (
        date(2022, 11, 12),
        date(2023, 6, 30),
    )
    assert period("Tweede aanval op Krimbrug (juli 2023)") == (date(2023, 7, 1), date(2023, 7, 31))
    assert period("Annexaties") is None


# -- formatted citations ------------------------------------------------------


@pytest.mark.parametrize("style", list(cite.STYLES))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_style_cites_the_snapshot_the_section_and_the_whole_sentence(
    store: EventStore, day_event: Event, style: str, lang: str
) -> None:
    text = annotations.citation_for(day_event, store, style, lang=lang)
    quote, source = text.split("\n")
    assert quote == f"“{day_event.text}”"
    assert ("Wikipedia-bijdragers" if lang == "nl" else "Wikipedia contributors") in source
    assert "Russische invasie van Oekraïne § Eerste fase: noordelijk front" in source
    assert f"{ARTICLE}#Eerste_fase:_noordelijk_front" in source
    assert "2023" in source and str(date.today().year) not in source.replace("2023", "")
    assert "CC BY-SA 4.0" in source


def test_the_styles_differ_as_their_guides_say(store: EventStore, day_event: Event) -> None:
    apa = annotations.citation_for(day_event, store, "apa", lang="en").split("\n")[1]
    chicago = annotations.citation_for(day_event, store, "chicago", lang="en").split("\n")[1]
    ugent = annotations.citation_for(day_event, store, "ugent", lang="nl").split("\n")[1]
    assert apa.startswith("Wikipedia contributors. (2023). Russische invasie van Oekraïne § ")
    assert "“Russische invasie van Oekraïne § Eerste fase: noordelijk front”" in chicago
    assert "December 2023" in chicago
    assert "december 2023" in ugent and ugent.startswith("Wikipedia-bijdragers. “")


def test_the_command_line_offers_exactly_the_styles_core_knows() -> None:
    from explorer.cli import CITATION_STYLES

    assert set(CITATION_STYLES) == set(cite.STYLES)


# -- CSL-JSON, BibTeX, RIS ----------------------------------------------------


def test_csl_json_items_are_what_zotero_reads(
    lib: Library, store: EventStore, mixed: tuple[int, list[Event]]
) -> None:
    collection_id, events = mixed
    items = json.loads(_export(lib, store, "csl-json", collection_id))
    assert [i["id"] for i in items] == [e.id for e in events]
    first = items[0]
    assert first["type"] == "entry-encyclopedia"
    assert first["author"] == [{"literal": "Wikipedia contributors"}]
    assert first["container-title"] == "Wikipedia"
    assert first["issued"] == {"date-parts": [[2023, 12]]}
    assert first["URL"] == f"{ARTICLE}#Eerste_fase:_noordelijk_front"
    assert first["note"] == events[0].text
    assert first["language"] == "nl"
    assert "accessed" not in first


def test_csl_json_authors_follow_the_language_asked_for(
    lib: Library, store: EventStore, mixed: tuple[int, list[Event]]
) -> None:
    items = json.loads(_export(lib, store, "csl-json", mixed[0], lang="nl"))
    assert items[0]["author"] == [{"literal": "Wikipedia-bijdragers"}]


def test_bibtex_round_trips_through_bibtexparser(
    lib: Library, store: EventStore, mixed: tuple[int, list[Event]]
) -> None:
    import bibtexparser

    collection_id, events = mixed
    parsed = bibtexparser.parse_string(_export(lib, store, "bibtex", collection_id))
    assert not parsed.failed_blocks
    assert [e.key for e in parsed.entries] == [f"kroniek:{e.id}" for e in events]
    entry = parsed.entries[0]
    fields = {f.key: f.value for f in entry.fields}
    assert entry.entry_type == "online"
    assert fields["author"] == "{Wikipedia contributors}"
    assert fields["title"] == "Russische invasie van Oekraïne § Eerste fase: noordelijk front"
    assert fields["organization"] == "Wikipedia"
    assert fields["date"] == "2023-12"
    assert fields["url"] == f"{ARTICLE}#Eerste_fase:_noordelijk_front"
    assert fields["langid"] == "dutch"
    assert fields["annotation"] == events[0].text.replace("%", r"\%")


def test_bibtex_escapes_what_tex_would_read_as_commands() -> None:
    import bibtexparser

    from explorer.core.library.formats import bibliographic

    event = EventSnapshot("e1", title="t", start="2022", precision="year",
                          text="50% & $5 for #1_a {b} ~c ^d \\e")  # fmt: skip
    ref = cite.reference(event, SourceInfo(revision="2023-12"), "en")
    parsed = bibtexparser.parse_string(bibliographic.to_bibtex([ref]))
    assert not parsed.failed_blocks
    value = parsed.entries[0].fields_dict["annotation"].value
    assert value == (
        r"50\% \& \$5 for \#1\_a \{b\} \textasciitilde{}c \textasciicircum{}d \textbackslash{}e"
    )


def test_ris_round_trips_through_rispy(
    lib: Library, store: EventStore, mixed: tuple[int, list[Event]]
) -> None:
    import rispy

    collection_id, events = mixed
    records = rispy.loads(_export(lib, store, "ris", collection_id))
    assert [r["id"] for r in records] == [e.id for e in events]
    first = records[0]
    assert first["type_of_reference"] == "ENCYC"
    assert first["authors"] == ["Wikipedia contributors"]
    assert first["title"] == "Russische invasie van Oekraïne § Eerste fase: noordelijk front"
    assert first["secondary_title"] == "Wikipedia"
    assert first["year"] == "2023" and first["date"] == "2023/12//"
    assert first["urls"] == [f"{ARTICLE}#Eerste_fase:_noordelijk_front"]
    assert first["section"] == events[0].section
    assert first["notes"] == [events[0].text]


# -- iCalendar ----------------------------------------------------------------


def test_icalendar_has_all_day_events_spanning_what_the_date_says(
    lib: Library, store: EventStore, mixed: tuple[int, list[Event]]
) -> None:
    import icalendar

    collection_id, (day, month, year, span) = mixed
    calendar = icalendar.Calendar.from_ical(_export(lib, store, "ical", collection_id))
    assert calendar["version"] == "2.0"
    items = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert len(items) == 4

    def dates(event: Event) -> tuple[date, date]:
        item = items[event.id]
        first, after = item.decoded("dtstart"), item.decoded("dtend")
        assert type(first) is date and type(after) is date, "all-day, not a time"
        return first, after

    assert dates(day) == (date(2022, 2, 24), date(2022, 2, 25))
    y, m = (int(p) for p in month.start.split("-"))
    first, after = dates(month)
    assert first == date(y, m, 1) and after == date(y + m // 12, m % 12 + 1, 1)
    assert dates(year) == (date(int(year.start), 1, 1), date(int(year.start) + 1, 1, 1))
    first, after = dates(span)
    assert first == date.fromisoformat(span.start)
    assert after == date.fromisoformat(span.end) + timedelta(days=1)
    item = items[day.id]
    assert str(item["summary"]) == day.title
    assert day.text in str(item["description"])
    assert str(item["url"]) == f"{ARTICLE}#Eerste_fase:_noordelijk_front"
    assert [str(c) for c in item["categories"].cats] == [_label(store, day)]


# -- TimelineJS ---------------------------------------------------------------


def _check_date(value: Any) -> None:
    assert isinstance(value, dict) and set(value) <= timelinejs.DATE_FIELDS
    assert isinstance(value["year"], int)
    assert 1 <= value.get("month", 1) <= 12 and 1 <= value.get("day", 1) <= 31


def _check_documented(data: dict[str, Any]) -> None:
    """Only the fields https://timeline.knightlab.com/docs/json-format.html lists."""
    assert set(data) <= timelinejs.TOP_FIELDS and isinstance(data["events"], list)
    assert data.get("scale", "human") in ("human", "cosmological")
    assert set(data["title"]) <= timelinejs.SLIDE_FIELDS
    ids = [s["unique_id"] for s in data["events"]]
    assert len(ids) == len(set(ids)), "unique_id is unique among all slides"
    for slide in data["events"]:
        assert set(slide) <= timelinejs.SLIDE_FIELDS
        _check_date(slide["start_date"])
        if "end_date" in slide:
            _check_date(slide["end_date"])
        assert set(slide["text"]) <= timelinejs.TEXT_FIELDS
        assert isinstance(slide.get("group", ""), str)
    for era in data.get("eras", []):
        assert set(era) <= timelinejs.ERA_FIELDS
        _check_date(era["start_date"])
        _check_date(era["end_date"])  # required for eras
        assert set(era.get("text", {})) <= {"headline"}, "era text has no text"


def test_timelinejs_export_uses_only_documented_fields_at_each_events_precision(
    lib: Library, store: EventStore, mixed: tuple[int, list[Event]]
) -> None:
    collection_id, (day, month, year, span) = mixed
    data = json.loads(_export(lib, store, "timelinejs", collection_id))
    _check_documented(data)
    slides = {s["unique_id"]: s for s in data["events"]}
    assert slides[day.id]["start_date"] == {"year": 2022, "month": 2, "day": 24}
    assert set(slides[month.id]["start_date"]) == {"year", "month"}
    assert set(slides[year.id]["start_date"]) == {"year"}
    assert "end_date" in slides[span.id] and "end_date" not in slides[day.id]
    first = slides[day.id]
    assert first["text"]["headline"] == html.escape(day.title)
    assert html.escape(day.text) in first["text"]["text"]
    assert f'href="{ARTICLE}#Eerste_fase:_noordelijk_front"' in first["text"]["text"]
    assert first["group"] == _label(store, day)
    assert data["title"]["text"]["headline"] == "Les 1"
    assert "CC BY-SA 4.0" in data["title"]["text"]["text"]
    eras = [e["text"]["headline"] for e in data.get("eras", [])]
    assert "Eerste fase: invasie van Oekraïne (24 februari - 7 april 2022)" in eras


def test_a_timelinejs_export_comes_back_as_the_same_collection(
    lib: Library, store: EventStore, mixed: tuple[int, list[Event]], tmp_path: Path
) -> None:
    collection_id, events = mixed
    path = tmp_path / "les.json"
    path.write_text(_export(lib, store, "timelinejs", collection_id), encoding="utf-8")
    with Library(tmp_path / "other.sqlite3", auto_backup=False) as other:
        report = annotations.import_any(other, path, store)
        assert report.lines()[0] == "Imported les.json: 4 events in the collection “Les 1”."
        [made] = other.collections.all()
        assert made.name == "Les 1" and made.event_ids == tuple(e.id for e in events)
        again = annotations.import_any(other, path, store)
        assert len(other.collections.all()) == 1
        assert "nothing was changed" in " ".join(again.lines())


def test_someone_elses_timeline_matches_events_by_date_and_words(
    lib: Library, store: EventStore, day_event: Event, tmp_path: Path
) -> None:
    foreign = {
        "title": {"text": {"headline": "<b>Oorlog</b> in Oekraïne"}},
        "events": [
            {
                "start_date": {"year": "2022", "month": "2", "day": "24"},
                "text": {"headline": f"<i>{html.escape(day_event.title)}</i>"},
            },
            {"start_date": {"year": 1066}, "text": {"headline": "Slag bij Hastings"}},
        ],
    }
    path = tmp_path / "tijdlijn.json"
    path.write_text(json.dumps(foreign), encoding="utf-8")
    report = annotations.import_any(lib, path, store)
    [made] = lib.collections.all()
    assert made.name == "Oorlog in Oekraïne" and made.event_ids == (day_event.id,)
    lines = report.lines()
    assert "1 slide matches no event" in lines[1] and "slag bij hastings" in lines[2]


# -- JSON-LD ------------------------------------------------------------------


def _offline_loader(url: str, options: Any = None) -> dict[str, Any]:
    if url.rstrip("/") != ANNO_CONTEXT:
        raise AssertionError(f"the test may not fetch {url}")
    document = json.loads((DATA / "anno.jsonld").read_text(encoding="utf-8"))
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": document}  # fmt: skip


def _iris(node: Any, found: list[str]) -> None:
    """Every IRI of an expanded document: keys, @id and @type values."""
    if isinstance(node, list):
        for item in node:
            _iris(item, found)
    elif isinstance(node, dict):
        for key, value in node.items():
            if not key.startswith("@"):
                found.append(key)
            if key == "@id":
                found.append(value)
            elif key == "@type":
                found.extend(value if isinstance(value, list) else [value])
            elif key != "@value":
                _iris(value, found)


def test_jsonld_expands_to_absolute_iris_only(
    lib: Library, store: EventStore, mixed: tuple[int, list[Event]]
) -> None:
    from pyld import jsonld

    lib.bookmarks.mark(mixed[1][0])
    lib.notes.add(mixed[1][0], "Voor de les")
    lib.tags.tag(mixed[1][1], "kern", color="#112233")
    out, _n = annotations.export_text(lib, "jsonld", store=store, lang="en")
    expanded = jsonld.expand(
        json.loads(out), {"documentLoader": _offline_loader, "base": "https://example.invalid/"}
    )
    found: list[str] = []
    _iris(expanded, found)
    scheme = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
    relative = sorted({i for i in found if not scheme.match(i) or "example.invalid" in i})
    assert relative == []
    assert "http://www.w3.org/ns/activitystreams#OrderedCollection" in found
    assert f"urn:kroniek:event:{mixed[1][0].id}" in found


# -- CSV, HTML, Markdown ------------------------------------------------------


def test_csv_has_the_full_text_and_each_events_own_citation(
    lib: Library, store: EventStore, mixed: tuple[int, list[Event]]
) -> None:
    _collection_id, events = mixed
    out, _n = annotations.export_text(lib, "csv", store=store, lang="en")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["event_id"] for r in rows] == [e.id for e in events]
    first = rows[0]
    assert first["event_text"] == events[0].text
    assert f"{ARTICLE}#Eerste_fase:_noordelijk_front" in first["citation"]
    assert "(2023)" in first["citation"] and "CC BY-SA 4.0" in first["citation"]
    assert events[0].text not in first["citation"], "the text has its own column"


def test_the_html_reading_list_marks_dutch_text_dates_and_links(
    lib: Library, store: EventStore, mixed: tuple[int, list[Event]]
) -> None:
    collection_id, (day, _month, _year, span) = mixed
    page, _n = annotations.export_text(
        lib, "html", store=store, collection_id=collection_id, lang="en"
    )
    assert '<html lang="en">' in page, "the page's chrome is in the interface language"
    assert f'<p lang="nl">{html.escape(day.text)}</p>' in page
    assert '<time datetime="2022-02-24">24 February 2022</time>' in page
    assert f'<time datetime="{span.start}">' in page and f'<time datetime="{span.end}">' in page
    url = html.escape(f"{ARTICLE}#Eerste_fase:_noordelijk_front")
    assert f'<a href="{url}">{url}</a>' in page


def test_the_markdown_reading_list_links_the_source(
    lib: Library, store: EventStore, mixed: tuple[int, list[Event]]
) -> None:
    text, _n = annotations.export_text(lib, "md", store=store, collection_id=mixed[0], lang="en")
    assert f"<{ARTICLE}#Eerste_fase:_noordelijk_front>" in text


# -- the window's results -----------------------------------------------------


def test_the_current_result_list_exports_in_every_event_format(
    store: EventStore, tmp_path: Path
) -> None:
    ids = [e.id for e in first_events(store, 5)]
    for fmt in eventlists.EVENT_FORMATS:
        target = tmp_path / f"results.{eventlists.SUFFIXES[fmt]}"
        assert (
            annotations.export_events(store, ids, fmt, target, title="Zoekresultaten", lang="en")
            == 5
        )
        assert ids[0] in target.read_text(encoding="utf-8")


# -- Datasette ----------------------------------------------------------------


def test_sqlite_utils_and_datasette_find_the_events_search_index(bundled_db: Path) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(bundled_db)
    assert db["events"].detect_fts() == "events_search"
    # Datasette's ?_search= runs exactly this (datasette/filters.py), comparing
    # the events' rowid with the index's rowid (events.seq).
    rows = db.execute(
        "SELECT id, text FROM events WHERE rowid IN "
        "(SELECT rowid FROM events_search WHERE events_search MATCH ?)",
        ['"kerncentrale"'],
    ).fetchall()
    assert rows and all("kerncentrale" in text.lower() for _id, text in rows)
    assert len(rows) < db["events"].count
    assert db.execute("SELECT count(*) FROM events WHERE rowid != seq").fetchone()[0] == 0
    # The index is readable and agrees with its content (Datasette may show it).
    db.execute("INSERT INTO events_search(events_search) VALUES ('integrity-check')")
