"""An English gloss for the article's Dutch words, from the FreeDict Dutch–English dictionary.

The events and the article stay Dutch; a reader of the English interface can
point at any word and see what it means. The build needs no dictionary
package and no Frog: ``db/glossary/make_glossary.py`` reduces the Debian
package ``dict-freedict-nld-eng`` to the headwords the article needs and
vendors them as ``db/glossary/freedict-nld-eng.tsv`` (with the dictionary's
attribution in its header), and the lemmas come from Frog's committed analysis
(``db/analysis/frog.tsv``). Frequent words FreeDict lacks ("zich",
"humanitair", "drone") are glossed by hand in ``db/glossary/supplement.tsv``,
marked as Kroniek's own in the ``glossary.source`` column.

A word form reaches a headword, in order of trust, through: Frog's lemma of
that form in the article ("troepen" → "troep", "kondigde … aan" →
"aankondigen"); the form itself; a stripped inflection ("defensieve" →
"defensief"); for a hyphenated word, its parts; and for a noun or adjective
compound, a known head with a known first part ("gas" + "leverantie", with a
linking "s" or "e" dropped). Names written with a capital are never split: a
name is glossed from the gazetteer (its English name), not by its letters.
Both the generator and the build resolve through :class:`GlossResolver`, so
the reduced dictionary yields the same glosses as the whole one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from pathlib import Path

from explorer.ingest.analysis import SentenceAnalysis

GLOSSARY_DIR = "glossary"
GLOSSARY_FILE = "freedict-nld-eng.tsv"
SUPPLEMENT_FILE = "supplement.tsv"
#: A word as the glossary sees it: letters, with inner hyphens or apostrophes.
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Inflections stripped from a form Frog never saw: plurals, -e forms, genitives.
_ENDINGS = ("'s", "en", "s", "n", "e")
_LINKS = ("s", "e", "en")
_VOWELS = frozenset("aeiouy")
#: Endings that look like words but make nouns ("wreedheden" is not "wreed" + "heden").
_SUFFIXES = frozenset({"heden", "heid", "schap", "schappen", "ing", "ingen", "lijk", "baar"})
#: Word classes a compound may be split in: nouns and adjectives ("gasleverantie"),
#: not verbs ("handhaven" is not "hand" + "haven").
_SPLIT_CLASSES = frozenset({"N", "ADJ", ""})
_MIN_PART = 3


def normalise(word: str) -> str:
    """The lookup form of a word or headword: lower case, "ij" for the ligature, plain quotes."""
    return (
        word.lower().replace("ĳ", "ij").replace("\u2010", "-").replace("\u2011", "-")
        .replace("’", "'")
    )  # fmt: skip


@dataclass(frozen=True)
class Dictionary:
    """Headword → English gloss, where each gloss comes from, and the attribution lines."""

    entries: dict[str, str]
    sources: dict[str, str]
    attribution: dict[str, str]

    @classmethod
    def read(cls, path: Path, source: str) -> Dictionary:
        """A vendored glossary file: ``# key: value`` header lines, then ``headword<TAB>gloss``."""
        entries: dict[str, str] = {}
        attribution: dict[str, str] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                key, _sep, value = line[1:].strip().partition(":")
                if value:
                    attribution[key.strip()] = value.strip()
                continue
            headword, _sep, gloss = line.partition("\t")
            if headword and gloss:
                entries[headword] = gloss
        return cls(entries, dict.fromkeys(entries, source), attribution)

    @classmethod
    def load(cls, db_dir: Path) -> Dictionary:
        """FreeDict's reduced dictionary, completed by Kroniek's supplement (never overridden)."""
        freedict = cls.read(db_dir / GLOSSARY_DIR / GLOSSARY_FILE, "freedict")
        extra = cls.read(db_dir / GLOSSARY_DIR / SUPPLEMENT_FILE, "kroniek")
        entries = {**extra.entries, **freedict.entries}
        sources = {**extra.sources, **freedict.sources}
        attribution = {
            **freedict.attribution,
            "supplement": "; ".join(extra.attribution.values()),
        }
        return cls(entries, sources, attribution)


@dataclass(frozen=True)
class Lemma:
    """The lemma Frog gives a word form most often, and its word class ("N", "WW", "ADJ" …)."""

    lemma: str
    tag: str


def lemma_table(items: Iterable[SentenceAnalysis]) -> dict[str, Lemma]:
    """Each lower-case word form Frog saw, with its most frequent lemma and word class.

    A verb with a separated particle ("kondigde … aan", the particle's
    relation is ``svp``) counts under the particle verb ("aankondigen"), the
    lemma a dictionary lists.
    """
    counts: dict[str, Counter[tuple[str, str]]] = {}
    for item in items:
        particles = {t.head: t.lemma for t in item.tokens if t.rel == "svp" and "_" not in t.lemma}
        for i, token in enumerate(item.tokens):
            words, lemmas = token.text.split("_"), token.lemma.split("_")
            if len(words) != len(lemmas):
                continue
            if token.tag == "WW" and i in particles and len(words) == 1:
                lemmas = [particles[i] + lemmas[0]]
            for word, lemma in zip(words, lemmas, strict=True):
                key = (normalise(lemma), token.tag)
                counts.setdefault(normalise(word), Counter())[key] += 1
    return {
        form: Lemma(*min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0])
        for form, c in counts.items()
    }


def stems(word: str) -> Iterator[str]:
    """Guesses at the lemma of an inflected form Frog never analysed, likeliest first.

    Plural and adjective endings with Dutch spelling undone: "defensieve" →
    "defensief", "europese" → "europees", "matrozen" → "matroos", "bommen" →
    "bom", "vijandelijkheden" → "vijandelijkheid".
    """
    if word.endswith("heden"):
        yield word[:-5] + "heid"
    for ending in _ENDINGS:
        stem = word.removesuffix(ending)
        if stem == word or len(stem) < _MIN_PART:
            continue
        yield stem
        last, before = stem[-1], stem[-2]
        if last == "v":
            yield stem[:-1] + "f"
        elif last == "z":
            yield stem[:-1] + "s"
        if last not in _VOWELS and before in "aeou" and stem[-3] not in _VOWELS:
            voiceless = {"v": "f", "z": "s"}.get(last, last)
            yield stem[:-1] + before + voiceless  # "matrozen" → "matroos"
        if last == before and last not in _VOWELS:
            yield stem[:-1]


def written_as_names(texts: Iterable[str]) -> frozenset[str]:
    """Forms the display text capitalises wherever they stand inside a sentence."""
    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for text in texts:
        for match in WORD.finditer(text):
            if match.start() == 0:
                continue
            word = match.group()
            (upper if word[:1].isupper() else lower)[normalise(word)] += 1
    return frozenset(w for w in upper if not lower[w])


class GlossResolver:
    """Finds the headwords that gloss a word form (see the module docstring)."""

    def __init__(self, lemmas: dict[str, Lemma], headwords: Set[str], names: Set[str]) -> None:
        self._lemmas = lemmas
        self._headwords = headwords
        self._names = names

    def resolve(self, form: str) -> tuple[str, ...]:
        """The headwords that gloss *form*, first part first; () when none does."""
        word = normalise(form)
        simple = self._simple(word) or self._stripped(word)
        if simple:
            return (simple,)
        name = word in self._names
        if "-" in word:
            # "Kinzhal-raketten": the name stays unglossed, the noun after it not.
            parts = [self._part(p, name) for p in word.split("-") if len(p) > 1]
            if parts and parts[-1]:
                return tuple(h for part in parts for h in part)
            return ()
        if name:
            return ()
        seen = self._lemmas.get(word)
        return self._compound(word) if seen is None or seen.tag in _SPLIT_CLASSES else ()

    def _part(self, word: str, name: bool) -> tuple[str, ...]:
        if name:
            simple = self._simple(word) or self._stripped(word)
            return (simple,) if simple else ()
        return self._word(word)

    def _word(self, word: str) -> tuple[str, ...]:
        simple = self._simple(word) or self._stripped(word)
        return (simple,) if simple else self._compound(word)

    def _simple(self, word: str) -> str:
        seen = self._lemmas.get(word)
        for candidate in (seen.lemma if seen else None, word):
            if candidate and candidate in self._headwords:
                return candidate
        return ""

    def _stripped(self, word: str) -> str:
        return next((s for s in stems(word) if s in self._headwords), "")

    def _tail(self, rest: str) -> str:
        if rest in _SUFFIXES:
            return ""
        """The head of a compound is a noun: Frog's noun lemma of it ("aanvallen" →
        "aanval", not the verb), else it as written ("ambtsgenoot" ends in "genoot",
        not in "genieten"), else an inflection undone."""
        seen = self._lemmas.get(rest)
        if seen is not None and seen.tag == "N" and seen.lemma in self._headwords:
            return seen.lemma
        return rest if rest in self._headwords else self._stripped(rest)

    def _compound(self, word: str) -> tuple[str, ...]:
        # The longest known tail first: Dutch compounds put the meaning at the end.
        for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
            head, rest = word[:cut], word[cut:]
            # A linking "s" before a known tail wins ("gevechts|tanks", not
            # "gevecht|stanks") unless the head with its "s" is a word ("pers|dienst").
            if (rest[:1] == "s" and head in self._headwords
                    and head + "s" not in self._headwords
                    and (linked := self._tail(rest[1:]))):  # fmt: skip
                return (head, linked)
            tail = self._tail(rest)
            if not tail:
                continue
            for candidate in (head, *(head.removesuffix(s) for s in _LINKS if head.endswith(s))):
                if len(candidate) >= _MIN_PART and candidate in self._headwords:
                    return (candidate, tail)
        return ()


@dataclass(frozen=True)
class Glossed:
    """The glossary tables of one build and how much of the article they cover."""

    entries: list[dict[str, object]]
    forms: list[dict[str, object]]
    tokens: int
    glossed: int
    by_name: int

    def figure(self) -> str:
        share = 100 * self.glossed / self.tokens if self.tokens else 0.0
        return (
            f"glossary: {self.glossed}/{self.tokens} word tokens of the article have an English "
            f"gloss ({share:.1f}%; {self.by_name} through names), {len(self.entries)} entries, "
            f"{len(self.forms)} word forms"
        )


def gloss_tables(
    texts: list[str],
    names: list[list[tuple[int, int]]],
    resolver: GlossResolver,
    dictionary: Dictionary,
) -> Glossed:
    """The ``glossary`` and ``glossary_forms`` rows for the pieces *texts*.

    *names* holds, per text, the spans the gazetteer names (glossed by their
    English names); a token inside one counts as glossed.
    """
    used: set[str] = set()
    forms: dict[str, tuple[str, ...]] = {}
    tokens = glossed = by_name = 0
    for text, spans in zip(texts, names, strict=True):
        for match in WORD.finditer(text):
            tokens += 1
            form = normalise(match.group())
            if form not in forms:
                forms[form] = resolver.resolve(form)
            used.update(forms[form])
            # A name counts as glossed by its English name; its form is kept too,
            # for a derived word ("Russische" names Russia, means "Russian").
            if any(s <= match.start() < e for s, e in spans):
                by_name += 1
                glossed += 1
            elif forms[form]:
                glossed += 1
    return Glossed(
        [
            {"lemma": h, "gloss": dictionary.entries[h], "source": dictionary.sources[h]}
            for h in sorted(used)
        ],
        [
            {"form": form, "part": i, "lemma": lemma}
            for form in sorted(forms)
            for i, lemma in enumerate(forms[form])
        ],
        tokens,
        glossed,
        by_name,
    )
