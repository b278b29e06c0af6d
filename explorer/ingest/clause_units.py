"""The clauses and asides of a headline that may go: subordinate and relative clauses,
a second main clause, participial modifiers, appositions and lists of examples.

Like :mod:`units` for phrases and adverbs, each comes with its kind and tier.
"""

from __future__ import annotations

from collections.abc import Sequence

from explorer.ingest.clauses import is_that
from explorer.ingest.nounphrases import AUXILIARIES
from explorer.ingest.pieces import Frame, Piece, in_quotes, name_like, token_of
from explorer.ingest.units import Unit, opens_clause, opens_phrase, phrase_stop, token_at
from explorer.ingest.wordclasses import ASIDE_OPENERS, CONTENT_NOUNS, TIERS


def _clause_end(pieces: Sequence[Piece], k: int, frame: Frame) -> int:
    """The end of the subordinate clause opened at *k*: past its finite verb and cluster.

    A relative clause ends with its verbs ("die aan het front waren ingezet"); an
    adverbial one takes what follows up to the next comma ("waarbij … werd geraakt
    in de haven").
    """
    finite = next(
        (
            j
            for j in range(k + 1, len(pieces))
            if (t := token_at(pieces, j, frame)) is not None and t.is_finite_verb
        ),
        None,
    )
    if finite is None:
        return len(pieces)
    j = finite + 1
    verb = token_at(pieces, finite, frame)
    if verb is not None and verb.lemma.lower() in AUXILIARIES:
        while j < len(pieces) and j < finite + 3:
            u = token_at(pieces, j, frame)
            if u is None or u.tag != "WW" or not {"vd", "inf"} & set(u.features):
                break
            j += 1
    if j >= len(pieces) or pieces[j].text in (",", ";", ":"):
        return j
    opener = token_at(pieces, k, frame)
    if opener is not None and opener.tag == "VNW" and "betr" in opener.features:
        return j
    comma = next((i for i in range(j, len(pieces)) if pieces[i].text in (",", ";", ":")), None)
    return len(pieces) if comma is None else comma


def _apposition(pieces: Sequence[Piece], comma: int, frame: Frame) -> tuple[int, ...]:
    """ "Brovary, oblast Kiev", "Przewodów, een dorpje aan de grens": a description of the
    name before the comma, up to the next comma or the end (not an item of a list)."""
    before = token_at(pieces, comma - 1, frame)
    if before is None or not name_like(before) or pieces[comma - 1].index in frame.subject:
        return ()
    close = next((j for j in range(comma + 1, len(pieces)) if pieces[j].text == ","), None)
    end = len(pieces) if close is None else close + (close + 1 == len(pieces))
    words = [t for j in range(comma + 1, end) if (t := token_at(pieces, j, frame)) is not None]
    if not words or any(t.is_finite_verb or t.text.lower() in ("en", "of") for t in words):
        return ()
    if all(name_like(t) or t.tag == "LID" for t in words if t.text != ","):
        return ()  # ", Estland": maybe the next item of a list
    at = pieces[comma].index + 1
    if 0 < at < len(frame.tokens):
        words = list(frame.tokens[at : at + 4])  # as the sentence has it, whatever went since
    first = words[0]
    describes = (
        first.text.lower() == "een"
        or (first.tag == "N" and first.text[:1].islower())
        or first.tag == "TW"
        or first.text.lower() in ("meer", "minder", "ruim", "ongeveer", "zo'n", "ca.", "bijna")
        or any(t.text.lower() in ("van", "in", "aan", "op") for t in words[1:4])
    )  # ", een dorpje …", ", oblast Kiev", ", 40 kilometer …", ", de hoofdstad van …"
    if not describes:
        return ()  # ", de annexatieverdragen": an object after an aside
    if close is not None and close + 1 < len(pieces):
        return ()  # between commas: an aside the other rules judge
    return tuple(range(comma, end))


def _reduced_relative(pieces: Sequence[Piece], k: int, frame: Frame) -> bool:
    """A participle right after a noun, with its phrase: "operatie bestaande uit …"."""
    t = token_of(pieces[k], frame)
    before = token_at(pieces, k - 1, frame)
    nxt = token_at(pieces, k + 1, frame)
    if t is None or before is None or nxt is None or pieces[k].index in frame.keep:
        return False
    participle = t.tag == "WW" and bool({"vd", "od"} & set(t.features)) and "prenom" not in t.pos
    if not participle or pieces[k].text.lower() != t.text.lower():
        return False  # "uit" standing for "uitgevaardigd" is the verb's particle
    auxiliary = any(
        (u := token_of(p, frame)) is not None and u.lemma.lower() in AUXILIARIES
        for p in pieces
        if p.index in frame.keep
    )
    later = any((u := token_at(pieces, j, frame)) is not None and u.tag == "WW"
                for j in range(k + 1, len(pieces)))  # fmt: skip
    if auxiliary and not later:
        return False  # "heeft de verovering bevolen van …": the clause's own participle
    return before.tag in ("N", "SPEC") and opens_phrase(nxt)


def _opens_aside_list(pieces: Sequence[Piece], k: int, frame: Frame) -> bool:
    """ ", inclusief …", ", waaronder …", ", iets waar …": examples or a comment."""
    t = token_at(pieces, k, frame)
    return t is not None and t.text.lower() in ASIDE_OPENERS


def clauses(pieces: Sequence[Piece], frame: Frame) -> list[Unit]:
    """Subordinate and relative clauses, and a second main clause after "en"/"maar"."""
    quoted = in_quotes(pieces)
    found: list[Unit] = []
    for k, p in enumerate(pieces):
        t = token_of(p, frame)
        if t is None or k == 0 or k in quoted or p.index in frame.keep:
            continue
        if p.index in frame.subject:
            continue
        start = k - 1 if pieces[k - 1].text == "," else k
        prep = token_at(pieces, k - 1, frame)
        if prep is not None and prep.tag == "VZ" and t.text.lower() == "wat":
            start = k - 1  # "van wat zij … noemden": the preposition goes with its clause
        if opens_clause(t):
            if (t.text.lower() == "of" and t.tag == "VG") or is_that(frame.tokens, p.index):
                continue  # what was said or asked: the headline's point
            if t.tag == "VZ" and t.text.lower() == "tot":
                continue  # "tot" opens a clause only as "totdat"
            end = _clause_end(pieces, k, frame)
            back = start - 1
            while (
                back > 0
                and (u := token_at(pieces, back, frame)) is not None
                and (u.rel == "svp" or "fin" in u.features)
            ):
                back -= 1  # "neemt een wetsvoorstel aan | waarmee …"
            before = token_at(pieces, back, frame)
            relative = t.tag == "VNW" or t.text.lower().startswith("waar")
            content = before is not None and before.lemma.lower() in CONTENT_NOUNS and relative
            kind = "content" if content else "clause"
            if end > k + 1:
                found.append(Unit(tuple(range(start, end)), kind, TIERS[kind]))
        elif _reduced_relative(pieces, k, frame):
            # "een operatie bestaande uit infanteriedivisies", "… gesteund door …"
            end = phrase_stop(pieces, k + 1, frame)
            found.append(Unit(tuple(range(k, end)), "clause", TIERS["clause"]))
        elif t.tag == "VG" and "neven" in t.features and k + 1 < len(pieces):
            nxt = token_at(pieces, k + 1, frame)
            if nxt is not None and nxt.is_finite_verb:
                unit = Unit(tuple(range(start, len(pieces))), "coordinated", TIERS["coordinated"])
                found.append(unit)
        elif p.text == "," and (group := _apposition(pieces, k, frame)):
            found.append(Unit(group, "aside", TIERS["aside"]))
        elif p.text == "," and k + 1 < len(pieces) and _opens_aside_list(pieces, k + 1, frame):
            close = next((j for j in range(k + 1, len(pieces)) if pieces[j].text == ","), None)
            end = len(pieces) if close is None else close
            found.append(Unit(tuple(range(k, end)), "aside", TIERS["aside"]))
        elif p.text == "," and k + 2 < len(pieces):
            nxt, after = token_at(pieces, k + 1, frame), token_at(pieces, k + 2, frame)
            finite = nxt is not None and nxt.is_finite_verb
            if (
                nxt is not None
                and after is not None
                and (finite or (nxt.text.lower() == "er" and after.is_finite_verb))
            ):  # ", er vielen 100 burgerslachtoffers"
                unit = Unit(tuple(range(k, len(pieces))), "coordinated", TIERS["coordinated"])
                found.append(unit)
    return found
