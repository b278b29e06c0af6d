"""What the user asked for: the :class:`Query` value and its text parser.

A :class:`Query` is an immutable value: the search text, an optional date
range, facet selections and the sort order. Widgets create new queries
(``query.toggled("category", "military")``) instead of building SQL; the
:class:`~explorer.core.events.search.SearchEngine` turns a query into one
parameterised statement.

The search text is parsed by :func:`parse_text` into terms:

* ``charkov`` — a word; words of three letters or more also match as the
  beginning of a word, so "krim" finds "krimbrug" and "wagner" finds
  "wagnergroep" (Dutch writes compounds as one word);
* ``kerncentr*`` — an explicit prefix;
* ``"verenigde naties"`` — a phrase (an unclosed quote runs to the end);
* ``-rusland`` — leave out events with this word;
* ``navo OR nato`` — either word (upper-case ``OR`` only; ``AND`` is implied).

Everything else — ``:``, brackets, ``NEAR``, control characters — is just a
separator, so *any* input parses: the parser raises only :class:`QueryError`
for input it refuses on purpose (too long, too many words). The FTS5
expression built by :func:`build_match` quotes every token, and tokens contain
only letters and digits, so user text never reaches FTS5's syntax.

Each term is expanded through the alias table: "Kharkiv" also searches the
article's "charkov", "Putin" also "poetin", "snake island" (two words that form
one alias) also "slangeneiland".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from explorer.core.errors import UsageError
from explorer.core.events.dates import parse_date_bound
from explorer.core.events.stemming import fold, stem_word, tokens
from explorer.i18n import _

#: Longer texts are refused: no one types them, and each word costs an index scan.
MAX_QUERY_CHARS = 500
MAX_TERMS = 16
#: Words at least this long also match as the beginning of longer words.
AUTO_PREFIX_MIN = 3
#: Aliases longer than this many words are never looked for inside a query.
MAX_ALIAS_WORDS = 4
#: An alias expands to at most this many other spellings.
MAX_FORMS = 12

Sort = Literal["relevance", "date"]
SORTS: tuple[Sort, ...] = ("relevance", "date")


class QueryError(UsageError):
    """The search text cannot be searched; the message says why, translated."""


class FacetSelections(Mapping[str, frozenset[str]]):
    """Selected facet values by facet key: an immutable, hashable mapping.

    Empty selections are dropped, so ``{"category": frozenset()}`` equals ``{}``.
    """

    __slots__ = ("_items",)

    def __init__(
        self, items: Mapping[str, Iterable[str]] | Iterable[tuple[str, Iterable[str]]] = ()
    ) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        cleaned = {key: frozenset(values) for key, values in pairs}
        self._items: dict[str, frozenset[str]] = {
            key: values for key, values in sorted(cleaned.items()) if values
        }

    def __getitem__(self, key: str) -> frozenset[str]:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._items) == {k: frozenset(v) for k, v in other.items() if v}
        return NotImplemented

    def __repr__(self) -> str:
        inner = ", ".join(f"{k!r}: {sorted(v)!r}" for k, v in self._items.items())
        return f"FacetSelections({{{inner}}})"

    def with_values(self, key: str, values: Iterable[str]) -> FacetSelections:
        items = dict(self._items)
        items[key] = frozenset(values)
        return FacetSelections(items)

    def without(self, key: str) -> FacetSelections:
        return FacetSelections({k: v for k, v in self._items.items() if k != key})


@dataclass(frozen=True)
class Query:
    """One search as the user set it up; compare and hash it like a value.

    ``date_from``/``date_to`` are as typed (``2022``, ``2022-03``,
    ``2022-03-04`` or empty); :func:`~explorer.core.events.dates.parse_date_bound`
    turns them into days.
    ``as_you_type`` makes the last, unfinished word match as a prefix.
    """

    text: str = ""
    date_from: str = ""
    date_to: str = ""
    # Typed as a Mapping so that callers may pass a dict; stored as FacetSelections.
    facets: Mapping[str, frozenset[str]] = field(default_factory=FacetSelections)
    sort: Sort = "relevance"
    lang: str = "nl"
    as_you_type: bool = False
    #: Events whose notes (in the user library) match the text: they are found
    #: together with the events whose own text matches.
    note_ids: frozenset[str] = frozenset()

    def with_note_ids(self, ids: Iterable[str]) -> Query:
        return replace(self, note_ids=frozenset(ids))

    def __post_init__(self) -> None:
        if not isinstance(self.facets, FacetSelections):
            # Accept a plain dict from callers; store the hashable form.
            object.__setattr__(self, "facets", FacetSelections(self.facets))

    def with_text(self, text: str) -> Query:
        return replace(self, text=text)

    def with_dates(self, date_from: str = "", date_to: str = "") -> Query:
        return replace(self, date_from=date_from, date_to=date_to)

    def with_sort(self, sort: Sort) -> Query:
        return replace(self, sort=sort)

    @property
    def selections(self) -> FacetSelections:
        return FacetSelections(self.facets)

    def toggled(self, key: str, value: str) -> Query:
        """This query with *value* of facet *key* selected, or unselected if it was."""
        current = self.facets.get(key, frozenset())
        values = current - {value} if value in current else current | {value}
        return replace(self, facets=self.selections.with_values(key, values))

    def with_facet(self, key: str, values: Iterable[str]) -> Query:
        return replace(self, facets=self.selections.with_values(key, values))

    def without_facet(self, key: str) -> Query:
        return replace(self, facets=self.selections.without(key))

    def cleared_filters(self) -> Query:
        """The same text and sort with no facets and no date range ("clear all")."""
        return replace(self, facets=FacetSelections(), date_from="", date_to="")


# --- dates -------------------------------------------------------------------


def date_range(query: Query) -> tuple[str | None, str | None]:
    """The query's first and last day, each ``None`` when open."""
    first = parse_date_bound(query.date_from, end=False) if query.date_from.strip() else None
    last = parse_date_bound(query.date_to, end=True) if query.date_to.strip() else None
    if first and last and first > last:
        raise UsageError(
            _("The start date {start} is after the end date {end}.").format(
                start=query.date_from, end=query.date_to
            )
        )
    return first, last


# --- parsing -----------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One thing to look for: a word or a phrase of folded tokens."""

    words: tuple[str, ...]
    #: The last word may continue ("kerncentr*", or still being typed).
    prefix: bool = False
    #: Written in quotes: match exactly, no automatic prefix, no alias n-grams.
    quoted: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """Groups that must all match (each an OR of terms), and excluded terms."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.excluded


def _clean(text: str) -> str:
    # Control, format and unassigned characters become spaces, so that they
    # can neither glue words together nor reach the tokeniser.
    return "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)


_MINUS = "-\u2212\u2013"
# A phrase (perhaps negated, perhaps unclosed, perhaps with a star) or a run
# of anything up to the next space or quote.
_CHUNK = re.compile(rf'[{_MINUS}]*"[^"]*"?\*?|[^\s"()]+')


def parse_text(text: str, *, as_you_type: bool = False) -> ParsedQuery:
    """Split the user's search text into terms; never raises except :class:`QueryError`."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            _("The search text is too long; use at most {n} characters.").format(n=MAX_QUERY_CHARS)
        )
    text = _clean(text)
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or = pending_not = False
    # The last term, whether it was negated, and whether it ends the text.
    last: tuple[Term, bool, bool] | None = None
    for match in _CHUNK.finditer(text):
        chunk = match.group()
        if chunk == "OR":
            pending_or = bool(groups)
            continue
        if chunk == "AND":
            continue
        if chunk == "NOT":
            pending_not = True
            continue
        negated = pending_not
        while chunk and chunk[0] in _MINUS:
            negated, chunk = True, chunk[1:]
        term = _term(chunk)
        if term is None:
            continue
        if negated:
            excluded.append(term)
        elif pending_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = pending_not = False
        last = (term, negated, match.end() == len(text))
    if as_you_type and last is not None and last[2]:
        _typing_last(groups, excluded, last[0], last[1])
    count = sum(len(g) for g in groups) + len(excluded)
    if count > MAX_TERMS:
        raise QueryError(_("Too many words to search for; use at most {n}.").format(n=MAX_TERMS))
    return ParsedQuery(tuple(tuple(g) for g in groups if g), tuple(excluded))


def _term(chunk: str) -> Term | None:
    quoted = chunk.startswith('"')
    star = chunk.endswith("*")
    body = chunk.strip('"*') if quoted else chunk
    words = tuple(tokens(body))
    if not words:
        return None
    if not quoted:
        # "kerncentr*" is a prefix only if the star follows the last word directly.
        star = bool(re.search(r"[^\W_]\*+[^\w]*$", body))
    # "s*" would expand to a good part of the index: one letter stays a word.
    return Term(words, prefix=star and len(words[-1]) >= 2, quoted=quoted)


def _typing_last(groups: list[list[Term]], excluded: list[Term], term: Term, negated: bool) -> None:
    """Let the unfinished last word match as a prefix; drop it while it is one letter."""
    if term.quoted or term.prefix:
        return
    target = excluded if negated else (groups[-1] if groups else [])
    if not target or target[-1] is not term:
        return
    if len(term.words[-1]) < 2:
        if len(term.words) == 1:
            target.pop()
            if not negated and not groups[-1]:
                groups.pop()
        else:
            target[-1] = Term(term.words[:-1])
    else:
        target[-1] = Term(term.words, prefix=True)


# --- aliases -------------------------------------------------------------------


def alias_key(text: str) -> str:
    """The key aliases are matched on: folded tokens joined by one space."""
    return " ".join(tokens(text))


def _form_order(form: str) -> tuple[int, str]:
    return len(form), form


class AliasIndex:
    """Other spellings of places and actors, keyed by :func:`alias_key`.

    Built from ``(alias_text, entity)`` pairs: every spelling of an entity maps
    to all spellings of it, so any one finds the others.
    """

    def __init__(self, spellings: Iterable[tuple[str, str]]) -> None:
        forms_of: dict[str, set[str]] = {}
        for text, entity in spellings:
            key = alias_key(text)
            if key:
                forms_of.setdefault(entity, set()).add(key)
        entities_of: dict[str, list[str]] = {}
        for entity, forms in forms_of.items():
            for key in forms:
                entities_of.setdefault(key, []).append(entity)
        # Sorted (deterministic expressions), each entity's forms once, not once per form.
        ordered = {entity: sorted(forms, key=_form_order) for entity, forms in forms_of.items()}
        self._index: dict[str, tuple[str, ...]] = {}
        for key, entities in entities_of.items():
            if len(entities) == 1:
                first = ordered[entities[0]][: MAX_FORMS + 1]
            else:
                first = sorted(set().union(*(forms_of[e] for e in entities)), key=_form_order)
            self._index[key] = tuple(f for f in first if f != key)[:MAX_FORMS]
        self.max_words = max((k.count(" ") + 1 for k in self._index), default=1)

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def forms(self, key: str) -> tuple[str, ...]:
        """Other spellings of *key* (folded, space-separated), or ``()``."""
        return self._index.get(key, ())


EMPTY_ALIASES = AliasIndex(())


# --- the FTS5 expression -----------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    """A sequence of token tests used to highlight matches in displayed text."""

    words: tuple[str, ...]
    prefix: bool
    stemmed: bool = False


@dataclass(frozen=True)
class MatchPlan:
    """FTS5 expressions for a parsed query, and patterns to highlight with.

    ``match`` selects the events (``None``: every event); ``exclude`` is set
    only when the query has nothing but exclusions, which FTS5 cannot express
    alone, so the engine subtracts it with ``NOT IN``.
    """

    match: str | None
    exclude: str | None
    patterns: tuple[Pattern, ...] = ()


def _phrase(words: Iterable[str]) -> str:
    # Tokens hold only letters and digits; doubling quotes is FTS5's escape and
    # keeps the expression safe even if that ever changes.
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"'


def _merge_aliases(group_terms: list[Term], aliases: AliasIndex) -> list[Term]:
    """Join runs of single words that form a multi-word alias ("snake island")."""
    out: list[Term] = []
    i = 0
    while i < len(group_terms):
        term = group_terms[i]
        merged = False
        if not term.quoted and len(term.words) == 1:
            longest = min(MAX_ALIAS_WORDS, aliases.max_words, len(group_terms) - i)
            for n in range(longest, 1, -1):
                run = group_terms[i : i + n]
                if any(t.quoted or len(t.words) != 1 for t in run):
                    continue
                key = " ".join(t.words[0] for t in run)
                if key in aliases:
                    out.append(Term(tuple(key.split()), prefix=run[-1].prefix))
                    i += n
                    merged = True
                    break
        if not merged:
            out.append(term)
            i += 1
    return out


def _term_expression(term: Term, aliases: AliasIndex) -> tuple[str, list[Pattern]]:
    words = term.words
    prefix = term.prefix or (not term.quoted and len(words[-1]) >= AUTO_PREFIX_MIN)
    alternatives = [_phrase(words)]
    patterns = [Pattern(words, prefix)]
    if prefix:
        # Both exact and prefix: bm25 then ranks exact matches above compounds.
        alternatives.append(_phrase(words) + "*")
    stems = tuple(stem_word(w) for w in words)
    # The plain alternatives already search every column, stems included, so
    # the stems column only adds something when stemming changed a word.
    if stems != words:
        star = "*" if prefix and len(stems[-1]) >= AUTO_PREFIX_MIN else ""
        alternatives.append("stems : " + _phrase(stems) + star)
        patterns.append(Pattern(stems, bool(star), stemmed=True))
    for form in aliases.forms(" ".join(words)):
        form_words = tuple(form.split())
        form_prefix = not term.quoted and len(form_words[-1]) >= AUTO_PREFIX_MIN + 1
        alternatives.append(_phrase(form_words) + ("*" if form_prefix else ""))
        patterns.append(Pattern(form_words, form_prefix))
    return "(" + " OR ".join(alternatives) + ")", patterns


def build_match(parsed: ParsedQuery, aliases: AliasIndex = EMPTY_ALIASES) -> MatchPlan:
    """Turn *parsed* into FTS5 expressions, every token quoted, aliases ORed in."""
    patterns: list[Pattern] = []
    positive: list[str] = []
    # Consecutive single-term groups are candidates for multi-word aliases.
    singles: list[Term] = []

    def flush() -> None:
        for term in _merge_aliases(singles, aliases):
            expression, term_patterns = _term_expression(term, aliases)
            positive.append(expression)
            patterns.extend(term_patterns)
        singles.clear()

    for group in parsed.groups:
        if len(group) == 1:
            singles.append(group[0])
            continue
        flush()
        parts = []
        for term in group:
            expression, term_patterns = _term_expression(term, aliases)
            parts.append(expression)
            patterns.extend(term_patterns)
        positive.append("(" + " OR ".join(parts) + ")")
    flush()
    negative = [_term_expression(t, aliases)[0] for t in parsed.excluded]
    negative_expr = " OR ".join(negative) if negative else None
    if not positive:
        return MatchPlan(None, negative_expr, tuple(patterns))
    match = " AND ".join(positive)
    if negative_expr:
        match = f"({match}) NOT ({negative_expr})"
    return MatchPlan(match, None, tuple(patterns))


def plan(query: Query, aliases: AliasIndex = EMPTY_ALIASES) -> MatchPlan:
    """Parse and build in one step (raises :class:`QueryError`)."""
    return build_match(parse_text(query.text, as_you_type=query.as_you_type), aliases)


def describe(parsed: ParsedQuery) -> str:
    """A readable form of the parsed terms, for debugging and tests."""
    parts = [" | ".join(_show(t) for t in g) for g in parsed.groups]
    parts += ["-" + _show(t) for t in parsed.excluded]
    return " ".join(parts)


def _show(term: Term) -> str:
    text = " ".join(term.words)
    text = f'"{text}"' if term.quoted or len(term.words) > 1 else text
    return text + ("*" if term.prefix else "")


__all__ = [
    "SORTS",
    "AliasIndex",
    "FacetSelections",
    "MatchPlan",
    "ParsedQuery",
    "Pattern",
    "Query",
    "QueryError",
    "Term",
    "alias_key",
    "build_match",
    "date_range",
    "describe",
    "fold",
    "parse_text",
    "plan",
]
