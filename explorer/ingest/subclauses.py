"""Subordinate clauses read as main clauses: "dat er in Marioepol zeker 2500 doden
waren gevallen" has the subject "zeker 2500 doden" and the verb "waren"."""

from __future__ import annotations

from collections.abc import Sequence

from explorer.ingest.analysis import Token
from explorer.ingest.clauses import (
    FOCUS,
    Clause,
    clause_end,
    is_subordinator,
    parenthesised,
    quoted,
)
from explorer.ingest.nounphrases import (
    complete_unit,
    coordinated_np,
    np_span,
    phrase_end,
    quantity_at,
    starts_noun_phrase,
    with_modifiers,
)


def expletive(token: Token) -> bool:
    return token.text.lower() == "er" and "adv-pron" in token.features


def subordinate(tokens: Sequence[Token], start: int) -> Clause | None:
    """The subordinate clause starting at *start* ("de Russen door waren gegaan …").

    Its subject is the first noun phrase, past "er", adverbs and prepositional
    phrases before it ("dat er in Marioepol zeker 2500 doden waren gevallen");
    its verb the first finite verb after the subject outside a relative clause
    between commas.
    """
    if start < len(tokens) and tokens[start].text.lower() in FOCUS:
        start += 1  # "dat ook het Strafhof zich aansloot"
    skip = quoted(tokens) | parenthesised(tokens) | comma_relatives(tokens, start)
    subject: tuple[int, int] | None = None
    i = start
    while i < len(tokens) and subject is None:
        t = tokens[i]
        if quantity_at(tokens, i, len(tokens)) is not None:
            pass
        elif i in skip or expletive(t) or t.tag in ("BW", "LET") or complete_unit(t):
            aside = i + 1 < len(tokens) and tokens[i + 1].tag == "VZ"  # ", in de oblast Rostov,"
            if t.text in (";", ":", ".") or (t.text == "," and i not in skip and not aside):
                return None
            i += 1
            continue
        elif (
            t.tag == "ADJ"
            and "vrij" in t.features
            and t.ner == "O"
            and not (i + 1 < len(tokens) and tokens[i + 1].tag in ("N", "SPEC"))
        ):  # an adverb, not "kolonel-generaal Gennadi Zhidko"
            i += 1
            continue
        elif t.tag == "VZ":
            i = max(i + 1, phrase_end(tokens, i, len(tokens)))
            continue
        elif t.is_finite_verb or t.tag == "VG" or is_subordinator(t):
            return None
        number = quantity_at(tokens, i, len(tokens))
        if number is not None or starts_noun_phrase(t):
            span = np_span(tokens, i if number is None else number, len(tokens))
            span = coordinated_np(tokens, (i, span[1]), len(tokens))
            subject = with_modifiers(tokens, span, len(tokens))
            break
        return None
    if subject is None:
        return None
    finite = _own_verb(tokens, subject[1], skip)
    if finite is None or any(tokens[j].text in (";", ":") for j in range(start, finite)):
        return None
    if any(tokens[j].is_finite_verb for j in range(subject[1], finite) if j in quoted(tokens)):
        return None  # its verb is inside a quotation: "dat het garnizoen 'zijn missie had vervuld'"
    end = clause_end(tokens, finite)
    return Clause(start, end, finite, subject, True, subordinate=True)


def _own_verb(tokens: Sequence[Token], start: int, skip: set[int]) -> int | None:
    """The clause's finite verb after *start*, past a relative clause inside it ("… van zijn
    straaljagers die … waren verzameld, beschikbaar had"; "van wat zij … noemden")."""
    nested = False
    for j in range(start, len(tokens)):
        t = tokens[j]
        if j in skip or _possessive(tokens, j):
            continue
        if is_subordinator(t) or t.text.lower() == "wat":
            nested = True
        elif t.is_finite_verb:
            if not nested:
                return j
            nested = False
    return None


def _possessive(tokens: Sequence[Token], j: int) -> bool:
    """ "zijn troepen" that Frog read as the verb "zijn": a noun follows, a verb comes later."""
    if tokens[j].text.lower() != "zijn" or j + 1 >= len(tokens):
        return False
    if tokens[j + 1].tag not in ("N", "ADJ", "TW"):
        return False
    return any(t.is_finite_verb for t in tokens[j + 2 : j + 12])


def comma_relatives(tokens: Sequence[Token], start: int) -> set[int]:
    """ ", die eerder beschadigd raakten door …," inside a clause: not its verb."""
    inside: set[int] = set()
    for i in range(start, len(tokens) - 1):
        if tokens[i].text != "," or not is_subordinator(tokens[i + 1]):
            continue
        close = next((j for j in range(i + 2, len(tokens)) if tokens[j].text == ","), None)
        if close is not None:
            inside.update(range(i, close + 1))
    return inside
