"""Headlines for reports: "X meldde dat Y …" -> "X: Y …", quotations after a colon,
announcements ("X kondigde aan dat hij Y zou doen" -> "X zal Y doen").

What was said is the news; it is put in main-clause order (:func:`subordinate`),
unless that would move a verb out of a quotation, in which case the report stays
as the sentence has it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from explorer.ingest.analysis import Token
from explorer.ingest.clause_pieces import (
    clause_pieces,
    free_nouns,
    is_pronoun,
    piece,
    present_verb,
    subject_pieces,
)
from explorer.ingest.clauses import Clause, clause_end, is_that, quoted
from explorer.ingest.nounphrases import is_name, is_particle, is_verb, np_span
from explorer.ingest.pieces import Piece
from explorer.ingest.subclauses import subordinate
from explorer.ingest.wordclasses import ANNOUNCING, CONTENT_NOUNS, REPORT_WORDS, SPEECH_VERBS


def reported(
    text: str, tokens: Sequence[Token], clause: Clause, forms: dict[str, str], drop: set[int]
) -> tuple[list[Piece], set[int], set[int]] | None:
    """ "X meldde dat Y …" -> "X: Y …"; "X kondigde aan dat hij Y zou doen" -> "X zal Y doen"."""
    that = clause.end + (clause.end < len(tokens) and tokens[clause.end].text == ",")
    if clause.subject is None:
        return None
    melding = _melding(text, tokens, clause, drop)
    if melding is not None:
        return melding
    if that >= len(tokens) or tokens[that].text.lower() != "dat":
        return None
    lemma = tokens[clause.verb].lemma.lower()
    announcing = lemma in ANNOUNCING
    pointing = lemma == "geven" and any(  # "gaf aan dat …"
        tokens[i].text.lower() == "aan" and is_particle(tokens[i])
        for i in range(clause.verb + 1, min(that, len(tokens)))
    )
    if lemma not in SPEECH_VERBS and not announcing and not pointing:
        return None
    subject_span = set(range(*clause.subject))
    asides = _comma_asides(tokens, clause.verb + 1, that)
    if free_nouns(tokens, clause.verb + 1, that, subject_span | drop | asides):
        return None  # "X gaf het bevel dat …": the object matters
    inner = subordinate(tokens, that + 1)
    if inner is None or inner.subject is None:
        return None
    first = tokens[inner.subject[0]].text.lower()
    if is_pronoun(tokens, inner.subject):
        cleft = first == "het" and tokens[inner.verb].lemma.lower() == "zijn"
        numbers = {"mv" in tokens[clause.verb].features, "mv" in tokens[inner.verb].features}
        if first not in ("hij", "zij", "ze", "wij", "het") or cleft or len(numbers) > 1:
            return None  # "dat het juist Oekraïne was dat …"; "de woordvoerder … dat ze …"
        # The speaker is the subject of what was said or announced.
        subject = subject_pieces(text, tokens, clause.subject)
        future = tokens[inner.verb].lemma.lower() == "zullen"
        announced = (
            _announced(text, tokens, clause, inner, forms, drop) if announcing and future else None
        )  # "kondigden aan dat ze een strijdmacht zouden opzetten" -> "kondigen strijdmacht aan"
        if announced is not None:
            return subject + announced, {clause.verb}, subject_span
        moved = Clause(inner.subject[1], inner.end, inner.verb, None, True, subordinate=True)
        pieces, verbs = clause_pieces(text, tokens, moved, forms, drop, future=announcing)
        return subject + pieces, verbs, subject_span
    if _quote_moves(tokens, inner):
        return None  # reordering would break a quotation: "dat Rusland 'niemand bedreigde'"
    content, verbs = clause_pieces(text, tokens, inner, forms, drop)
    content += _what_was_promised(text, tokens, inner, drop)
    source = _source_name(text, tokens, clause.subject)
    return [*source, Piece(-1, ":"), *content], verbs, subject_span | set(range(*inner.subject))


def _what_was_promised(
    text: str, tokens: Sequence[Token], inner: Clause, drop: set[int]
) -> list[Piece]:
    """ "dat het westen had toegezegd | dat de NAVO niet zou uitbreiden": the clause the
    reported verb itself takes, as the sentence has it (its order is right after "dat")."""
    at = inner.end + (inner.end < len(tokens) and tokens[inner.end].text == ",")
    if at >= len(tokens) or tokens[at - 1].text.lower() in ("en", "of"):
        return []
    if not is_that(tokens, at, saying=True):
        return []
    promised = SPEECH_VERBS | ANNOUNCING | {"toezeggen", "beloven", "garanderen", "eisen"}
    if not any(t.lemma.lower() in promised for t in tokens[inner.verb : at] if t.tag == "WW"):
        return []
    finite = next((i for i in range(at + 1, len(tokens)) if tokens[i].is_finite_verb), None)
    if finite is None:
        return []
    end = clause_end(tokens, finite)
    return [piece(text, tokens, i) for i in range(at, end) if i not in drop]


def _comma_asides(tokens: Sequence[Token], start: int, end: int) -> set[int]:
    """Tokens between commas in [start, end): ", daarbij verwijzend naar Russische soldaten,"."""
    commas = [i for i in range(start, end + 1) if i < len(tokens) and tokens[i].text == ","]
    inside: set[int] = set()
    for a, b in itertools.pairwise(commas):
        inside.update(range(a, b + 1))
    return inside


def _quote_moves(tokens: Sequence[Token], clause: Clause) -> bool:
    """A quotation in *clause* holds its verb, which reordering would move out of it."""
    inside = quoted(tokens)
    cluster = {clause.verb} | {i for i in range(clause.verb, clause.end) if is_verb(tokens[i])}
    return bool(inside & cluster)


def _melding(
    text: str, tokens: Sequence[Token], clause: Clause, drop: set[int]
) -> tuple[list[Piece], set[int], set[int]] | None:
    """ "X maakte melding van twee doden bij …" -> "X: twee doden bij …"."""
    assert clause.subject is not None
    if tokens[clause.verb].lemma.lower() != "maken":
        return None
    for i in range(clause.verb + 1, clause.end - 1):
        if tokens[i].text.lower() == "melding" and tokens[i + 1].text.lower() == "van":
            content = [piece(text, tokens, j) for j in range(i + 2, clause.end) if j not in drop]
            source = _source_name(text, tokens, clause.subject)
            return [*source, Piece(-1, ":"), *content], set(), set(range(*clause.subject))
    return None


def _announced(
    text: str,
    tokens: Sequence[Token],
    clause: Clause,
    inner: Clause,
    forms: dict[str, str],
    drop: set[int],
) -> list[Piece] | None:
    """ "kondigden aan dat ze een strijdmacht zouden opzetten" -> "kondigen strijdmacht aan".

    What is announced is the object of the announcement: the verb, the first
    noun phrase the announced clause has (with an "om … te" clause that goes
    with it), and the announcement's particle ("aan", "bekend").
    """
    assert inner.subject is not None
    objects = free_nouns(tokens, inner.subject[1], inner.verb, drop)
    if not objects:
        return None
    span = np_span(tokens, objects[0], inner.end)
    start = span[0]
    while start > inner.subject[1] and tokens[start - 1].tag in ("ADJ", "LID", "TW", "VNW"):
        start -= 1
    om_at = span[1]
    while om_at < inner.end and (is_verb(tokens[om_at]) or is_particle(tokens[om_at])):
        om_at += 1  # past "had genomen" to "om … te …"
    end = om_at
    if om_at < inner.end and tokens[om_at].text.lower() == "om":
        te = next((i for i in range(om_at, inner.end) if tokens[i].text.lower() == "te"), None)
        if te is not None and te + 1 < inner.end and is_verb(tokens[te + 1]):
            end = te + 2
    verb_pieces, _removed, _replace = present_verb(text, tokens, clause, forms)
    particles = [
        i for i in range(clause.verb + 1, clause.end)
        if tokens[i].text.lower() in REPORT_WORDS or is_particle(tokens[i])
    ]  # fmt: skip
    body = [piece(text, tokens, i) for i in range(start, span[1]) if i not in drop]
    purpose = [piece(text, tokens, i) for i in range(om_at, end) if i not in drop]
    return [*verb_pieces, *body, *(piece(text, tokens, i) for i in particles), *purpose]


def _source_name(text: str, tokens: Sequence[Token], span: tuple[int, int]) -> list[Piece]:
    """Who reported: the name if the subject has one ("het tijdschrift Forbes" -> "Forbes")."""
    start, end = span
    van = next((i for i in range(start, end) if tokens[i].text.lower() == "van"), end)
    heads = list(range(start, van))  # not "de burgemeester van Konotop" -> "Konotop"
    persons = [i for i in heads if tokens[i].tag == "SPEC" and "PER" in tokens[i].ner]
    if persons and persons[-1] - persons[0] == len(persons) - 1:
        return [piece(text, tokens, i) for i in persons]
    names = [i for i in heads if is_name(tokens[i])]  # "Conflict Intelligence Team"
    if names and names[-1] - names[0] == len(names) - 1:
        return [piece(text, tokens, i) for i in names]
    return subject_pieces(text, tokens, span)


def quotation(
    text: str, tokens: Sequence[Token], clause: Clause
) -> tuple[list[Piece], set[int], set[int]] | None:
    """ "Baker sprak de historische woorden: 'De NAVO zal …'" -> "Baker: 'De NAVO zal …'"."""
    colon = clause.end
    if clause.subject is None or colon + 2 >= len(tokens) or tokens[colon].text != ":":
        return None
    if tokens[colon + 1].text not in ("'", '"', "‘", "“"):
        return None
    close = next((i for i in range(colon + 2, len(tokens)) if tokens[i].text in "'\"’”"), None)
    if close is None:
        return None
    source = _source_name(text, tokens, clause.subject)
    quote = [piece(text, tokens, i) for i in range(colon + 1, close + 1)]
    return [*source, Piece(-1, ":"), *quote], set(), set(range(*clause.subject))


def content_clause(
    text: str, tokens: Sequence[Token], clause: Clause, forms: dict[str, str], drop: set[int]
) -> tuple[list[Piece], frozenset[int], frozenset[int]] | None:
    """ "Poetin gaf een speech waarin hij de legitimiteit … in twijfel trok" -> "Poetin trekt
    legitimiteit … in twijfel"; "De regering nam een wetsvoorstel aan waarmee een belasting
    werd geheven …" -> "Regering: belasting geheven …": what a speech, a bill, a report
    says, when the sentence's own verb and object leave no room for it.

    Returns the pieces, the verb's tokens and the subject's tokens, or None.
    """
    if clause.subject is None:
        return None
    for i in range(clause.verb + 1, min(len(tokens), clause.end + 2)):
        t = tokens[i]
        relative = (t.tag == "VNW" and "betr" in t.features) or (
            t.tag == "BW" and t.text.lower().startswith("waar")
        )
        back = i - 1
        while back > 0 and (tokens[back].text == "," or tokens[back].rel == "svp"
                            or "fin" in tokens[back].features):  # fmt: skip
            back -= 1
        before = tokens[back]
        if not relative or before.lemma.lower() not in CONTENT_NOUNS:
            continue
        inner = subordinate(tokens, i + 1)
        if inner is None or inner.subject is None:
            return None
        subject_span = frozenset(range(*clause.subject))
        if is_pronoun(tokens, inner.subject):
            if tokens[inner.subject[0]].text.lower() not in ("hij", "zij", "ze", "het"):
                return None
            moved = Clause(inner.subject[1], inner.end, inner.verb, None, True, subordinate=True)
            pieces, verbs = clause_pieces(text, tokens, moved, forms, drop)
            speaker = subject_pieces(text, tokens, clause.subject)
            return speaker + pieces, frozenset(verbs), subject_span
        content, verbs = clause_pieces(text, tokens, inner, forms, drop)
        source = _source_name(text, tokens, clause.subject)
        inner_subject = frozenset(range(*inner.subject))
        return [*source, Piece(-1, ":"), *content], frozenset(verbs), subject_span | inner_subject
    return None


def nested_report(
    text: str, tokens: Sequence[Token], inner: Clause, forms: dict[str, str], drop: set[int]
) -> tuple[list[Piece], set[int], set[int]] | None:
    """ "(werd gemeld dat) X had verklaard dat Y …" -> "X: Y …": the report in the report."""
    if inner.subject is None or is_pronoun(tokens, inner.subject):
        return None
    that = inner.end + (inner.end < len(tokens) and tokens[inner.end].text == ",")
    if that >= len(tokens) or not is_that(tokens, that):
        return None  # not "…, waarbij Poetin stelde dat …": another clause's
    said = [t for t in tokens[inner.verb : that] if t.tag == "WW"]
    if not said or said[-1].lemma.lower() not in SPEECH_VERBS:
        return None  # "… had verklaard | dat": the speech verb ends the cluster
    content = subordinate(tokens, that + 1)
    if content is None or content.subject is None or is_pronoun(tokens, content.subject):
        return None
    if _quote_moves(tokens, content):
        return None
    pieces, verbs = clause_pieces(text, tokens, content, forms, drop)
    source = _source_name(text, tokens, inner.subject)
    subject = set(range(*inner.subject)) | set(range(*content.subject))
    return [*source, Piece(-1, ":"), *pieces], verbs, subject
