"""The article every event comes from, as the event database's ``meta`` says.

Title, wiki, URL, licence and the snapshot (``source_latest_content``) the
text was taken from, plus the article's headings (:mod:`.wiki`) so a citation
can point at an event's section.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from explorer.core.library.formats.wiki import Headings, SectionSource

ARTICLE_URL = "https://nl.wikipedia.org/wiki/Russische_invasie_van_Oekra%C3%AFne"


class MetaSource(SectionSource, Protocol):
    def meta(self) -> dict[str, str]: ...


@dataclass(frozen=True)
class SourceInfo:
    """The source article of the events; ``revision`` is the snapshot ("2023-12")."""

    title: str = "Russische invasie van Oekraïne"
    wiki: str = "nl.wikipedia.org"
    url: str = ARTICLE_URL
    licence: str = "CC BY-SA 4.0"
    licence_url: str = "https://creativecommons.org/licenses/by-sa/4.0/"
    revision: str = ""
    headings: Headings = field(default_factory=Headings, compare=False, repr=False)

    @classmethod
    def from_meta(cls, meta: Mapping[str, str], headings: Headings | None = None) -> SourceInfo:
        base = cls()
        return cls(
            meta.get("source_title") or base.title,
            meta.get("source_wiki") or base.wiki,
            meta.get("source_url") or base.url,
            meta.get("source_licence") or base.licence,
            meta.get("source_licence_url") or base.licence_url,
            meta.get("source_latest_content", ""),
            headings or Headings(),
        )

    @classmethod
    def from_store(cls, store: MetaSource) -> SourceInfo:
        """The source with its headings, read from an open event database."""
        return cls.from_meta(store.meta(), Headings.from_store(store))

    def section_url(self, section: str) -> str:
        """The article's URL pointing at *section* (a heading path), or the article's."""
        fragment = self.headings.anchor(section) if section else ""
        return f"{self.url}#{fragment}" if fragment else self.url
