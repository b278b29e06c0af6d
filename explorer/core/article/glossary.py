"""The English gloss of a word in the article: a dictionary entry or a name.

The build stores every word form of the article that has a gloss
(``glossary_forms``: a form and the headwords it resolves to, one for a word,
several for the parts of a compound) and the entries themselves
(``glossary``), and the names each piece mentions with their offsets
(``article_names``). Looking a word up is a dictionary read -- no stemming,
no tagging in the app. A name is glossed by its English name from the
gazetteer ("Charkov" → "Kharkiv").
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from explorer.core.article.text import has_article

#: A word as the glossary stores it (as the build's ``ingest.glossary.WORD``).
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: A selection glossed word by word stops after this many words.
MAX_WORDS = 6


@dataclass(frozen=True)
class Sense:
    """One headword and its English translations."""

    lemma: str
    gloss: str
    source: str  # "freedict" or "kroniek"


@dataclass(frozen=True)
class Gloss:
    """What a word means in English: dictionary senses, or a name's English form."""

    word: str
    senses: tuple[Sense, ...] = ()
    name_en: str = ""
    entity_type: str = ""  # "place" or "actor" for a name

    @property
    def is_name(self) -> bool:
        return bool(self.name_en)

    def text(self) -> str:
        """One line: "troepen (troep): troop, troupe" or "Charkov: Kharkiv"."""
        if self.is_name:
            return f"{self.word}: {self.name_en}"
        lemmas = " + ".join(s.lemma for s in self.senses)
        head = self.word if lemmas == self.word.lower() else f"{self.word} ({lemmas})"
        return f"{head}: " + " | ".join(s.gloss for s in self.senses)


class Glossary:
    """Looks glosses up; all of it is read into memory once (a few thousand rows)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._entries: dict[str, Sense] = {}
        self._forms: dict[str, list[str]] = {}
        self._names: dict[int, list[tuple[int, int, str, str]]] = {}
        self._english: dict[tuple[str, str], tuple[str, str]] = {}
        if not has_article(conn):
            return
        for lemma, gloss, source in conn.execute("SELECT lemma, gloss, source FROM glossary"):
            self._entries[lemma] = Sense(lemma, gloss, source)
        for form, lemma in conn.execute(
            "SELECT form, lemma FROM glossary_forms ORDER BY form, part"
        ):
            self._forms.setdefault(form, []).append(lemma)
        for seq, start, end, kind, ident in conn.execute(
            "SELECT seq, char_start, char_end, entity_type, entity_id FROM article_names"
        ):
            self._names.setdefault(seq, []).append((start, end, kind, ident))
        for kind, table in (("place", "places"), ("actor", "actors")):
            for ident, dutch, english in conn.execute(f"SELECT id, name_nl, name_en FROM {table}"):
                self._english[(kind, ident)] = (dutch.lower(), english)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def word(self, word: str) -> Gloss | None:
        """The gloss of one word as written, or None when the glossary has none."""
        form = word.lower().replace("’", "'")
        lemmas = self._forms.get(form)
        if not lemmas:
            return None
        senses = tuple(self._entries[lemma] for lemma in lemmas if lemma in self._entries)
        return Gloss(word, senses) if senses else None

    def at(self, seq: int, text: str, offset: int) -> Gloss | None:
        """The gloss of the name or word at *offset* in piece *seq* (whose text is *text*)."""
        for start, end, kind, ident in self._names.get(seq, ()):
            if start <= offset < end:
                dutch, english = self._english.get((kind, ident), ("", ""))
                written = text[start:end]
                # "Russische" names Russia but means "Russian": a derived word
                # the dictionary knows is glossed as a word.
                derived = written.lower() != dutch and " " not in written
                if derived and (gloss := self.word(written)) is not None:
                    return gloss
                return Gloss(written, name_en=english, entity_type=kind)
        for match in WORD.finditer(text):
            if match.start() <= offset < match.end():
                return self.word(match.group())
            if match.start() > offset:
                break
        return None

    def selection(self, seq: int, text: str, start: int, end: int) -> list[Gloss]:
        """Glosses of the names and words in *text*[start:end], at most :data:`MAX_WORDS`."""
        found: list[Gloss] = []
        covered = -1
        for match in WORD.finditer(text, start, end):
            if match.start() < covered:
                continue
            gloss = self.at(seq, text, match.start())
            if gloss is None:
                continue
            if gloss.is_name:
                name_end = next(e for s, e, _k, _i in self._names[seq] if s <= match.start() < e)
                covered = name_end
            found.append(gloss)
            if len(found) >= MAX_WORDS:
                break
        return found
