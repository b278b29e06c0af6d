"""News-style headlines: who did what (to whom, where), in the present tense.

"Op 8 april 2022 overhandigde voorzitter Ursula von der Leyen de vragenlijst …
aan Zelensky" becomes "Voorzitter Ursula von der Leyen overhandigt vragenlijst
… aan Zelensky": the date goes (the card shows it), the subject moves to the
front, the verb becomes present tense, passive and perfect auxiliaries go
("werd gedood" -> "gedood", "heeft … uitgevaardigd" -> "vaardigt … uit"), and a
report becomes "source: what it said" ("Forbes: Russen waren doorgegaan …").
Everything else is the sentence's own words in the sentence's own order, so a
headline can be traced back to its source. A main clause too short to say much
is followed by the clause after it; :mod:`compress` then makes it fit.
:func:`make_headline` returns None when Frog's analysis shows no main clause
with a subject; the caller then falls back to :mod:`titles`.
"""

from __future__ import annotations

from collections.abc import Sequence

from explorer.ingest.analysis import Token
from explorer.ingest.clause_pieces import (
    clause_pieces,
    is_pronoun,
    piece,
    present_verb,
)
from explorer.ingest.clauses import (
    Clause,
    analyse_clause,
    clause_end,
    is_subordinator,
    parenthesised,
)
from explorer.ingest.compress import fit, fit_scored
from explorer.ingest.nounphrases import (
    is_name,
)
from explorer.ingest.pieces import Frame, Piece, pieces_text
from explorer.ingest.reported import content_clause, nested_report, quotation, reported
from explorer.ingest.subclauses import subordinate
from explorer.ingest.wordclasses import ANNOUNCING, SPEECH_VERBS, TIERS

_COPULAS = frozenset({"zijn", "worden", "betekenen", "blijken", "lijken"})
SHORT = 50


def _refocus(tokens: Sequence[Token], clause: Clause) -> Clause:
    """ "Dit was een reactie op het feit dat Biden …": the clause after "dat" is the news."""
    if clause.subject is None or clause.subject[1] - clause.subject[0] != 1:
        return clause
    if tokens[clause.subject[0]].text.lower() not in ("dit", "dat", "het"):
        return clause
    if tokens[clause.verb].lemma.lower() not in _COPULAS:
        return clause
    for i in range(clause.verb + 1, len(tokens)):
        if tokens[i].text.lower() == "dat":
            inner = subordinate(tokens, i + 1)
            if inner is not None and inner.subject and not is_pronoun(tokens, inner.subject):
                return inner
            break
    return clause


def _after_colon(
    tokens: Sequence[Token], clause: Clause, drop: set[int], past: dict[str, str] | None
) -> Clause:
    """ "Dat had gevolgen voor de oorlog: Oekraïne vuurde … af": the clause after the colon."""
    if clause.subject is None or not is_pronoun(tokens, clause.subject):
        return clause
    if clause.end >= len(tokens) - 2 or tokens[clause.end].text != ":":
        return clause
    after = analyse_clause(tokens, drop, past, start=clause.end + 1)
    if after is None or after.subject is None or is_pronoun(tokens, after.subject):
        return clause
    return after


def _continuation(
    text: str, tokens: Sequence[Token], clause: Clause, forms: dict[str, str], drop: set[int]
) -> list[Piece]:
    """The clause after a short main clause: "… en heroverden de vliegbasis", "… waarmee …"."""
    start = clause.end
    if start >= len(tokens) - 1 or tokens[start].text in (".", ";", ":"):
        return []
    if tokens[start].text == ",":
        start += 1
    word = tokens[start].text.lower()
    pieces: list[Piece] = []
    if is_subordinator(tokens[start]) and word not in ("omdat", "nadat", "toen", "hoewel"):
        finite = next((i for i in range(start + 1, len(tokens)) if tokens[i].is_finite_verb), None)
        end = clause_end(tokens, finite) if finite is not None else len(tokens)
        if end < len(tokens) and _needs_next(tokens, start, end):
            return []  # "waarin het sterk leek | alsof …": the point is in the next clause
        pieces = [piece(text, tokens, i) for i in range(start, end) if i not in drop]
    return pieces


def _needs_next(tokens: Sequence[Token], start: int, end: int) -> bool:
    """ "terwijl Poetin suggereerde | dat …": a clause cut off from what it says or asks."""
    nxt = tokens[end].text.lower()
    if nxt == "alsof":
        return True
    if nxt not in ("of", "dat"):
        return False
    if tokens[start].text.lower() not in ("dat", "of"):
        return True  # "waarbij instanties vermoedden | dat …"
    before = tokens[end - 1]
    joined = nxt == "of" or before.text.lower() in (",", "en", "of")
    return not (joined or before.is_finite_verb)  # "dat … vormen | of dat …", "… was | dat …"


def _coordinated(
    text: str, tokens: Sequence[Token], clause: Clause, forms: dict[str, str], drop: set[int]
) -> list[Piece]:
    """A second main clause with the same subject: "… af en heroverden de vliegbasis"."""
    start = clause.end
    if start < len(tokens) and tokens[start].text == ",":
        start += 1
    if not (start + 1 < len(tokens) and tokens[start].text.lower() in ("en", "maar")):
        return []
    if not tokens[start + 1].is_finite_verb:
        return []
    number = ("mv" in tokens[start + 1].features, "mv" in tokens[clause.verb].features)
    if number[0] != number[1]:
        return []  # "… vallen Lyman binnen en was de stad …": another subject
    verb = start + 1
    end = clause_end(tokens, verb)
    inner = Clause(start, end, verb, None, True)
    verb_pieces, removed, replace = present_verb(text, tokens, inner, forms)
    skip = removed | {p.index for p in verb_pieces} | drop
    if verb + 1 < end and tokens[verb + 1].text.lower() in ("ze", "zij", "hij"):
        skip.add(verb + 1)  # "… en heroverden ze de vliegbasis": the same subject
    rest = [replace.get(i, piece(text, tokens, i)) for i in range(verb + 1, end) if i not in skip]
    return [piece(text, tokens, start), *verb_pieces, *rest]


def _impersonal(
    text: str,
    tokens: Sequence[Token],
    clause: Clause,
    forms: dict[str, str],
    drop: set[int],
    limit: int,
) -> str | None:
    """ "Op 11 maart werd gemeld dat het konvooi …" -> "Konvooi …" (what was reported)."""
    if tokens[clause.verb].lemma.lower() not in ("worden", "blijken") or clause.end >= len(tokens):
        return None  # "werd gemeld dat …", "uit een gelekte mail bleek dat …"
    if tokens[clause.end].text.lower() != "dat":
        return None
    inner = subordinate(tokens, clause.end + 1)
    if inner is None or inner.subject is None:
        return None
    if is_pronoun(tokens, inner.subject):
        return None
    nested = nested_report(text, tokens, inner, forms, drop)
    if nested is not None:  # "werd gemeld dat X had verklaard dat Y" -> "X: Y"
        return fit(
            nested[0], Frame(tokens, text, frozenset(nested[1]), frozenset(nested[2])), limit
        )
    pieces, keep = clause_pieces(text, tokens, inner, forms, drop)
    frame = Frame(tokens, text, frozenset(keep), frozenset(range(*inner.subject)))
    return fit(pieces, frame, limit)


def dropped(tokens: Sequence[Token], date_spans: Sequence[tuple[int, int]]) -> set[int]:
    """Tokens a headline never shows: dates (the card shows them) with their preposition."""
    out: set[int] = set()
    for i, t in enumerate(tokens):
        if any(s <= t.start and t.end <= e for s, e in date_spans):
            out.add(i)
    for i in sorted(out):
        j = i - 1
        while j >= 0 and j not in out and tokens[j].text.lower() in (
            "op", "in", "vanaf", "sinds", "tot", "rond", "om", "al", "pas", "reeds", "nog", "uit",
            "tegen", "vóór", "voor", "na", "van", "alleen",
        ):  # fmt: skip
            out.add(j)
            j -= 1
        if j + 1 < len(tokens) and tokens[j + 1].text.lower() == "van":
            out.update(_time_noun_before(tokens, j))  # "in de week van 14 augustus"
    for i, t in enumerate(tokens):
        if t.text.lower() == "'s" and i + 1 < len(tokens):
            out.update((i, i + 1))  # "'s ochtends"
        toe = i + 2 < len(tokens) and tokens[i + 2].text.lower() == "toe"
        if t.text.lower() == "tot" and toe and tokens[i + 1].text.lower() in ("dan", "nu"):
            out.update((i, i + 1, i + 2))  # "tot dan toe": the card's date says when
    return out


_PERIODS = frozenset({
    "week", "nacht", "dag", "avond", "ochtend", "middag", "maand", "jaar", "begin", "eind",
    "einde", "loop", "helft", "midden", "najaar", "voorjaar", "zomer", "winter", "herfst",
    "lente", "jaarwisseling", "weekend",
})  # fmt: skip


def _time_noun_before(tokens: Sequence[Token], j: int) -> list[int]:
    """ "in de week" before "van <date>": the period phrase that the date completes."""
    if j < 0 or tokens[j].lemma.lower() not in _PERIODS:
        return []
    k = j
    while k - 1 >= 0 and tokens[k - 1].tag in ("LID", "ADJ", "TW"):
        k -= 1
    if k - 1 >= 0 and tokens[k - 1].tag == "VZ":
        k -= 1
    return list(range(k, j + 1))


def make_headline(
    text: str,
    tokens: Sequence[Token],
    date_spans: Sequence[tuple[int, int]],
    forms: dict[str, str],
    limit: int = 70,
    antecedent: str | None = None,
) -> str | None:
    """A headline for the sentence *text* from Frog's *tokens*, or None.

    *antecedent*: the person the story was last about, for a subject "hij"/"zij".
    """
    if not tokens or any(t.start < 0 for t in tokens):
        return None
    drop = dropped(tokens, date_spans) | parenthesised(tokens)
    clause = analyse_clause(tokens, drop, forms)
    if clause is None:
        return _fragment(text, tokens, drop, limit)
    if clause.subject is None:
        return _impersonal(text, tokens, clause, forms, drop, limit)
    clause = _refocus(tokens, clause)
    clause = _after_colon(tokens, clause, drop, forms)
    quote = quotation(text, tokens, clause)
    report = quote or reported(text, tokens, clause, forms, drop)
    if report is not None:
        pieces, keep, subject = report
    else:
        pieces, keep = clause_pieces(text, tokens, clause, forms, drop)
        subject = set(range(*clause.subject)) if clause.subject else set()
        coordinated = _coordinated(text, tokens, clause, forms, drop)
        if coordinated and tokens[clause.verb].lemma.lower() == "zijn" and not clause.inverted:
            # "X was de bevelhebber van … en werd gedood" -> "X, bevelhebber van …, gedood"
            verb_at = next(k for k, p in enumerate(pieces) if p.index in keep)
            rest = pieces[verb_at + 1 :]
            pieces = [*pieces[:verb_at], Piece(-2, ","), *rest, Piece(-2, ","), *coordinated[1:]]
            keep |= {p.index for p in coordinated[1:2]}
        elif coordinated:
            pieces += coordinated
        elif len(pieces_text(pieces, tokens, text)) < SHORT or _says_that(tokens, clause):
            pieces += _continuation(text, tokens, clause, forms, drop)
    if not pieces_text(pieces, tokens, text).strip(" ,.:"):
        return None
    pieces = _resolve_pronoun(tokens, clause, pieces, antecedent)
    frame = Frame(tokens, text, frozenset(keep), frozenset(subject))
    fitted = fit_scored(pieces, frame, limit)
    if fitted.cut or TIERS["content"] in fitted.dropped:
        # what the speech or the bill says did not fit: say that instead, shorter
        content = content_clause(text, tokens, clause, forms, drop)
        if content is not None:
            alternative = fit_scored(content[0], Frame(tokens, text, *content[1:]), limit)
            if not alternative.cut:
                return alternative.title
    return fitted.title


def _says_that(tokens: Sequence[Token], clause: Clause) -> bool:
    """ "X beweerde tegenover de kijkers dat …": what was said is the news."""
    lemma = tokens[clause.verb].lemma.lower()
    at = clause.end + (clause.end < len(tokens) and tokens[clause.end].text == ",")
    said = lemma in SPEECH_VERBS or lemma in ANNOUNCING
    return said and at < len(tokens) and tokens[at].text.lower() == "dat"


def _fragment(text: str, tokens: Sequence[Token], drop: set[int], limit: int) -> str | None:
    """A sentence without a finite verb: "Generaal-majoor Roman Kutuzov, gedood op 5 juni …"."""
    participle = next(
        (i for i, t in enumerate(tokens) if t.tag == "WW" and "vd" in t.features), None
    )
    if participle is None or participle < 2 or not is_name(tokens[participle - 2]):
        return None
    keep = [
        i
        for i in range(len(tokens))
        if i not in drop and not (i == participle - 1 and tokens[i].text == ",")
    ]
    pieces = [piece(text, tokens, i) for i in keep]
    subject = frozenset(range(participle - 1))
    return fit(pieces, Frame(tokens, text, frozenset({participle}), subject), limit)


def _resolve_pronoun(
    tokens: Sequence[Token], clause: Clause, pieces: list[Piece], antecedent: str | None
) -> list[Piece]:
    """ "Hij beval een mobilisatie" -> "Zelensky beveelt een mobilisatie"."""
    if clause.subject is None or not is_pronoun(tokens, clause.subject):
        return pieces
    at = clause.subject[0]
    if tokens[at].text.lower() not in ("hij", "zij") or "mv" in tokens[clause.verb].features:
        return pieces
    # a person named earlier in the same sentence ("Nadat Poetin …, stuurde hij …")
    named = [t.text.replace("_", " ") for t in tokens[:at] if "PER" in t.ner and t.tag == "SPEC"]
    name = named[-1] if named else antecedent
    if not name:
        return pieces
    return [Piece(p.index, name) if p.index == at else p for p in pieces]
