"""Facets from the user library: "My library" (bookmarked, with notes) and "My tags".

The event database and the library are separate files (a database update must
never touch the user's data), so these facets cannot join the two in SQL.
Instead each passes the library's ids to the event connection as one JSON
array parameter and lets ``json_each`` turn it into rows: still one bound,
parameterised statement, no ids spliced into SQL. Register them with
``registry.add(MineFacet(snapshot))`` and ``registry.add(TagFacet(snapshot))``
with ``snapshot = LibrarySnapshot.of(library)``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from explorer.core.errors import UsageError, shown
from explorer.core.events.facets import (
    Condition,
    CountContext,
    Facet,
    FacetFilter,
    FacetValue,
    resolve_label,
)
from explorer.core.events.query import Query
from explorer.core.library.library import Library
from explorer.core.library.models import Tag, TagLink
from explorer.i18n import _

_IDS = "(SELECT value FROM json_each(?))"


class LibraryFacts(Protocol):
    """What the facets read from the library: a :class:`LibrarySnapshot`."""

    def bookmarked_ids(self) -> set[str]: ...
    def noted_ids(self) -> set[str]: ...
    def tags(self) -> list[Tag]: ...
    def tag_links(self) -> list[TagLink]: ...
    def tagged_ids(self, names: Iterable[str]) -> set[str]: ...
    def tag(self, name: str) -> Tag | None: ...


@dataclass(frozen=True)
class LibrarySnapshot:
    """The library's facts frozen at one moment, safe to hand to another thread.

    SQLite connections belong to the thread that opened them, so the search
    thread counts the library facets from a snapshot taken with each query.
    """

    bookmarked: frozenset[str] = frozenset()
    noted: frozenset[str] = frozenset()
    tag_list: tuple[Tag, ...] = ()
    links: tuple[TagLink, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, library: Library) -> LibrarySnapshot:
        return cls(
            frozenset(library.bookmarks.event_ids()),
            frozenset(library.notes.event_ids()),
            tuple(library.tags.all()),
            tuple(library.tags.links()),
        )

    def bookmarked_ids(self) -> set[str]:
        return set(self.bookmarked)

    def noted_ids(self) -> set[str]:
        return set(self.noted)

    def tags(self) -> list[Tag]:
        return list(self.tag_list)

    def tag_links(self) -> list[TagLink]:
        return list(self.links)

    def tagged_ids(self, names: Iterable[str]) -> set[str]:
        # Like the library's "COLLATE NOCASE" lookups.
        wanted = {" ".join(n.split()).lower() for n in names}
        return {link.event_id for link in self.links if link.tag.lower() in wanted}

    def tag(self, name: str) -> Tag | None:
        wanted = " ".join(name.split()).lower()
        return next((t for t in self.tag_list if t.name.lower() == wanted), None)


def _unknown(key: str, text: str) -> UsageError:
    return UsageError(
        _("Unknown value “{value}” for the facet “{facet}”.").format(
            value=shown(text), facet=shown(key)
        )
    )


class MineFacet:
    """``mine=bookmarked`` and ``mine=noted``: the events the reader starred or wrote on."""

    key = "mine"
    VALUES = ("bookmarked", "noted")

    def __init__(self, library: LibraryFacts) -> None:
        self.library = library

    def title(self) -> str:
        return _("My library")

    def _labels(self) -> dict[str, str]:
        return {"bookmarked": _("Bookmarked"), "noted": _("With notes")}

    def _ids(self, value: str) -> list[str]:
        if value == "bookmarked":
            return sorted(self.library.bookmarked_ids())
        return sorted(self.library.noted_ids())

    def condition(self, values: frozenset[str]) -> Condition:
        ids = sorted({i for v in values for i in self._ids(v)})
        return f"e.id IN {_IDS}", [json.dumps(ids)]

    def value_sets(self) -> dict[str, frozenset[str]]:
        return {value: frozenset(self._ids(value)) for value in self.VALUES}

    def assemble(self, conn: sqlite3.Connection, query: Query, counts: dict[str, int]) -> Facet:
        selected = query.facets.get(self.key, frozenset())
        labels = self._labels()
        values = tuple(
            FacetValue(
                FacetFilter(self.key, value), labels[value], counts.get(value, 0),
                value in selected,
            )
            for value in self.VALUES
        )  # fmt: skip
        return Facet(self.key, self.title(), values, selected)

    def count(self, ctx: CountContext) -> Facet:
        counts = {}
        for value in self.VALUES:
            sql = f"SELECT count(*) FROM {ctx.source} WHERE ({ctx.where}) AND e.id IN {_IDS}"
            ids = json.dumps(self._ids(value))
            counts[value] = int(ctx.conn.execute(sql, [*ctx.params, ids]).fetchone()[0])
        return self.assemble(ctx.conn, ctx.query, counts)

    def resolve(self, conn: sqlite3.Connection, text: str) -> str:
        return resolve_label(self.key, self._labels(), text)


class TagFacet:
    """``tag=NAME``: events carrying a tag (OR between tags, like every facet)."""

    key = "tag"

    def __init__(self, library: LibraryFacts) -> None:
        self.library = library

    def title(self) -> str:
        return _("My tags")

    def condition(self, values: frozenset[str]) -> Condition:
        ids = sorted(self.library.tagged_ids(values)) if values else []
        return f"e.id IN {_IDS}", [json.dumps(ids)]

    def value_sets(self) -> dict[str, frozenset[str]]:
        sets: dict[str, set[str]] = {t.name: set() for t in self.library.tags()}
        for link in self.library.tag_links():
            sets.setdefault(link.tag, set()).add(link.event_id)
        return {name: frozenset(ids) for name, ids in sets.items()}

    def assemble(
        self, conn: sqlite3.Connection, query: Query, counts: dict[str, int]
    ) -> Facet | None:
        tags = self.library.tags()
        if not tags:
            return None
        selected = query.facets.get(self.key, frozenset())
        values = tuple(
            FacetValue(
                FacetFilter(self.key, t.name), t.name, counts.get(t.name, 0), t.name in selected
            )
            for t in tags
        )
        return Facet(self.key, self.title(), values, selected)

    def count(self, ctx: CountContext) -> Facet | None:
        pairs = json.dumps([[link.event_id, link.tag] for link in self.library.tag_links()])
        sql = (
            f"SELECT t.tag, count(*) FROM {ctx.source} JOIN (SELECT json_extract(value, '$[0]') "
            "AS event_id, json_extract(value, '$[1]') AS tag FROM json_each(?)) t "
            f"ON t.event_id = e.id WHERE {ctx.where} GROUP BY t.tag"
        )
        counts = {str(k): int(n) for k, n in ctx.conn.execute(sql, [pairs, *ctx.params])}
        return self.assemble(ctx.conn, ctx.query, counts)

    def resolve(self, conn: sqlite3.Connection, text: str) -> str:
        tag = self.library.tag(text)
        if tag is None:
            raise _unknown(self.key, text)
        return tag.name
