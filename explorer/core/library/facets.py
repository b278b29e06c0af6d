"""Facets from the user library: "My library" (bookmarked, with notes) and "My tags".

The event database and the library are separate files (a database update must
never touch the user's data), so these facets cannot join the two in SQL.
Each is an :class:`~explorer.core.events.facets.IdSetFacet`: its values are
sets of event ids, from which the event search derives both the SQL
condition (the ids as one JSON parameter) and the links it counts. They read
a :class:`LibrarySnapshot`, frozen when the search starts, so the search
thread never touches the library's connection. A search adds them with
``registry.with_specs(*library_facets(snapshot))``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from explorer.core.errors import UsageError
from explorer.core.events.facets import (
    Facet,
    FacetFilter,
    FacetSpec,
    FacetValue,
    IdSetFacet,
    resolve_label,
    unknown_value,
)
from explorer.core.events.query import Query
from explorer.core.library.library import Library
from explorer.core.library.models import Tag, TagLink
from explorer.i18n import translator


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

    @property
    def annotated(self) -> frozenset[str]:
        """Events with a note or a tag."""
        return self.noted | {link.event_id for link in self.links}


class MineFacet(IdSetFacet):
    """``mine=bookmarked`` and ``mine=noted``: the events the reader starred or wrote on."""

    key = "mine"
    VALUES = ("bookmarked", "noted")

    def __init__(self, library: LibraryFacts) -> None:
        self.library = library

    def title(self, lang: str) -> str:
        return translator(lang).gettext("My library")

    def _labels(self, lang: str) -> dict[str, str]:
        tr = translator(lang)
        return {"bookmarked": tr.gettext("Bookmarked"), "noted": tr.gettext("With notes")}

    def value_sets(self) -> Mapping[str, frozenset[str]]:
        return {
            "bookmarked": frozenset(self.library.bookmarked_ids()),
            "noted": frozenset(self.library.noted_ids()),
        }

    def present(self, counts: Mapping[str, int], query: Query) -> Facet:
        selected = query.facets.get(self.key, frozenset())
        labels = self._labels(query.lang)
        values = tuple(
            FacetValue(
                FacetFilter(self.key, value), labels[value], counts.get(value, 0),
                value in selected,
            )
            for value in self.VALUES
        )  # fmt: skip
        return Facet(self.key, self.title(query.lang), values, selected)

    def resolve(self, text: str) -> str:
        # The value or its label in either language names it.
        try:
            return resolve_label(self.key, self._labels("en"), text)
        except UsageError:
            return resolve_label(self.key, self._labels("nl"), text)


class TagFacet(IdSetFacet):
    """``tag=NAME``: events carrying a tag (OR between tags, like every facet)."""

    key = "tag"

    def __init__(self, library: LibraryFacts) -> None:
        self.library = library

    def title(self, lang: str) -> str:
        return translator(lang).gettext("My tags")

    def value_sets(self) -> Mapping[str, frozenset[str]]:
        sets: dict[str, set[str]] = {t.name: set() for t in self.library.tags()}
        for link in self.library.tag_links():
            sets.setdefault(link.tag, set()).add(link.event_id)
        return {name: frozenset(ids) for name, ids in sets.items()}

    def present(self, counts: Mapping[str, int], query: Query) -> Facet | None:
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
        return Facet(self.key, self.title(query.lang), values, selected)

    def resolve(self, text: str) -> str:
        tag = self.library.tag(text)
        if tag is None:
            raise unknown_value(self.key, text)
        return tag.name


def library_facets(library: LibraryFacts) -> tuple[FacetSpec, ...]:
    """The library's facets over *library* (a snapshot, for a search thread)."""
    return (MineFacet(library), TagFacet(library))
