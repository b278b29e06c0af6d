"""The whole article for the reading pane: pieces in reading order, event marks, provenance.

A *piece* is one heading or one sentence (``article_text``). Consecutive
sentences with the same ``paragraph_id`` form a paragraph. An event sentence
carries an :class:`EventMark` with what the pane shows beside it (the dates,
the category and its colour); a sentence that names a date but became no
event carries the reason in ``skipped``.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

ARTICLE_TABLES = ("article_text", "glossary", "glossary_forms", "article_names")


@dataclass(frozen=True)
class EventMark:
    """An event as the reading pane marks its sentence."""

    id: str
    start: str
    end: str
    precision: str
    qualifier: str
    inferred_year: bool
    first_day: int  # ordinal of date_min
    last_day: int  # ordinal of date_max
    category: str
    color: str
    title: str


@dataclass(frozen=True)
class Piece:
    """One heading or sentence, capitals restored, with its place in the source."""

    seq: int
    kind: str  # "heading" or "sentence"
    section_id: int
    paragraph_id: int | None
    level: int
    text: str
    source_start: int
    source_end: int
    event: EventMark | None = None
    skipped: str = ""
    date_span: tuple[int, int] | None = None  # the date phrase, offsets in text

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"


@dataclass(frozen=True)
class Provenance:
    """What the licence asks to show with the text, from the database's ``meta``."""

    title: str
    url: str
    licence: str
    licence_url: str
    snapshot: str
    note: str
    glossary: str


@dataclass(frozen=True)
class TocEntry:
    """A section heading for the table of contents."""

    seq: int
    level: int
    text: str


@dataclass
class ArticleText:
    """The article in reading order, with lookups by event and by position."""

    pieces: list[Piece]
    provenance: Provenance
    _by_event: dict[str, int] = field(init=False, repr=False)
    _seqs: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._seqs = [p.seq for p in self.pieces]
        self._by_event = {p.event.id: i for i, p in enumerate(self.pieces) if p.event}

    def __len__(self) -> int:
        return len(self.pieces)

    def piece(self, seq: int) -> Piece:
        return self.pieces[self.index(seq)]

    def index(self, seq: int) -> int:
        """The position in :attr:`pieces` of the piece numbered *seq*."""
        i = bisect_right(self._seqs, seq) - 1
        if i < 0 or self._seqs[i] != seq:
            raise KeyError(seq)
        return i

    def of_event(self, event_id: str) -> Piece | None:
        """The sentence event *event_id* came from, or None for an unknown id."""
        i = self._by_event.get(event_id)
        return None if i is None else self.pieces[i]

    def event_ids(self) -> list[str]:
        return list(self._by_event)

    def toc(self) -> list[TocEntry]:
        return [TocEntry(p.seq, p.level, p.text) for p in self.pieces if p.is_heading]

    def paragraphs(self) -> Iterator[list[Piece]]:
        """Headings alone, sentences grouped by paragraph, in reading order."""
        group: list[Piece] = []
        for piece in self.pieces:
            if group and (piece.is_heading or piece.paragraph_id != group[-1].paragraph_id):
                yield group
                group = []
            group.append(piece)
            if piece.is_heading:
                yield group
                group = []
        if group:
            yield group

    def reading_span(self, first: int, last: int) -> tuple[int, int] | None:
        """First and last day (ordinals) of the events in pieces *first*..*last* (indices).

        None when no event sentence lies in the range (a stretch of background).
        """
        days = [
            (p.event.first_day, p.event.last_day)
            for p in self.pieces[max(0, first) : last + 1]
            if p.event is not None
        ]
        if not days:
            return None
        return min(d[0] for d in days), max(d[1] for d in days)


def has_article(conn: sqlite3.Connection) -> bool:
    """True when the database stores the article text (the synthetic benchmark one does not)."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return all(t in names for t in ARTICLE_TABLES)


def _provenance(conn: sqlite3.Connection) -> Provenance:
    meta = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}
    glossary = ", ".join(
        v
        for k in ("glossary_source", "glossary_copyright", "glossary_licence")
        if (v := meta.get(k))
    )
    return Provenance(
        title=meta.get("source_title", ""),
        url=meta.get("source_url", ""),
        licence=meta.get("source_licence", ""),
        licence_url=meta.get("source_licence_url", ""),
        snapshot=meta.get("source_latest_content", ""),
        note=meta.get("source_note", ""),
        glossary=glossary,
    )


def load_article(conn: sqlite3.Connection) -> ArticleText | None:
    """The article stored in the event database *conn*, or None if it stores none."""
    if not has_article(conn):
        return None
    rows = conn.execute(
        "SELECT a.seq, a.kind, a.section_id, a.paragraph_id, a.level, a.text, "
        "a.source_start, a.source_end, a.skipped, a.date_start, a.date_end, "
        'e.id, e.start, e."end", e.precision, e.qualifier, e.inferred_year, '
        "e.date_min, e.date_max, e.category, c.color, e.title "
        "FROM article_text a LEFT JOIN events e ON e.id = a.event_id "
        "LEFT JOIN categories c ON c.key = e.category ORDER BY a.seq"
    ).fetchall()
    pieces = []
    for r in rows:
        r = tuple(r)
        mark = None
        if r[11] is not None:
            mark = EventMark(
                r[11], r[12], r[13], r[14], r[15], bool(r[16]),
                date.fromisoformat(r[17]).toordinal(), date.fromisoformat(r[18]).toordinal(),
                r[19], r[20] or "#888888", r[21],
            )  # fmt: skip
        span = (r[9], r[10]) if r[9] is not None and r[10] is not None else None
        pieces.append(Piece(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], mark, r[8] or "", span))
    return ArticleText(pieces, _provenance(conn))
