"""Word-level shortenings of a headline: articles, adjectives, titles, long names and lists.

Each function proposes what to drop (groups of piece positions) or returns a
rewritten headline; :func:`explorer.ingest.compress.fit` applies them in order
only while the headline is too long.
"""

from __future__ import annotations

from collections.abc import Sequence

from explorer.ingest.pieces import (
    ARTICLES,
    Frame,
    Piece,
    in_quotes,
    name_like,
    token_of,
)


def articles(pieces: Sequence[Piece], frame: Frame, *, subject: bool = False) -> list[list[int]]:
    """The articles a headline can do without, outside the subject (or, with
    *subject*, inside it: the last thing given up before a headline is cut,
    "het uiteenvallen maken buurlanden nerveus" -> "uiteenvallen maken …")."""
    quoted = in_quotes(pieces)
    out = []
    for k, p in enumerate(pieces):
        t = token_of(p, frame)
        if t is not None and t.tag == "LID" and p.text.lower() in ARTICLES and k not in quoted:
            nxt = token_of(pieces[k + 1], frame) if k + 1 < len(pieces) else None
            in_name = nxt is not None and t.ner != "O" and nxt.ner.startswith("I-")
            numeral = nxt is not None and nxt.text.lower() == "van"  # "een van de …"
            numeral = numeral or (nxt is not None and nxt.tag == "VZ")  # "de door … bezette"
            protected = p.index in frame.keep or (p.index in frame.subject) != subject
            if nxt is not None and not in_name and not numeral and not protected:
                out.append([k])
    return [[g for group in out for g in group]] if out else []


def short_subject(pieces: Sequence[Piece], frame: Frame) -> list[list[int]]:
    """The titles before a name in the subject or a report's source: "gepensioneerde
    kolonel-generaal (Leonid Ivasjov)", "CNBC: Amerikaanse minister (Austin)"."""
    groups: list[list[int]] = []
    for k, p in enumerate(pieces):
        t = token_of(p, frame)
        if t is None or t.tag != "SPEC" or p.index not in frame.subject:
            continue
        run: list[int] = []
        j = k - 1
        while j >= 0 and pieces[j].index in frame.subject:
            u = token_of(pieces[j], frame)
            if u is None or not (u.tag in ("N", "ADJ", "LID") or "prenom" in u.features):
                break
            run.insert(0, j)
            j -= 1
        last = token_of(pieces[run[-1]], frame) if run else None
        if last is None or last.tag != "N" or run[-1] != k - 1:
            continue
        owner = token_of(pieces[j], frame) if j >= 0 and pieces[j].index in frame.subject else None
        if owner is not None and (owner.tag in ("SPEC", "VZ") or "bez" in owner.features):
            continue  # "Poetins woordvoerder Peskov": the title says whose; "van kerncentrale …"
        person = "PER" in t.ner or j < 0 or pieces[j].index not in frame.subject
        if not person:
            continue  # "kerncentrale Zaporizja", "miljoen Oekraïners": not a title
        if pieces[run[-1]].text[:1].isupper() and pieces[run[-1]].index != 0:
            continue  # a description ending in a name-like noun: "Oekraïense Post"
        groups.append(run)
    return groups


def adjectives(pieces: Sequence[Piece], frame: Frame) -> list[list[int]]:
    """Lower-case adjectives before a noun ("nabijgelegen vliegbasis"), outside quotes."""
    quoted = in_quotes(pieces)
    out = [
        k
        for k, p in enumerate(pieces)
        if (t := token_of(p, frame)) is not None
        and t.tag in ("ADJ", "WW")
        and "prenom" in t.features
        and p.text[:1].islower()
        and k not in quoted
        and p.index not in frame.subject
        and not _coordinated_word(pieces, k)
        and not after_inner_phrase(pieces, k, frame)
        and _before_noun(pieces, k, frame)
    ]
    return [out] if out else []


def after_inner_phrase(pieces: Sequence[Piece], k: int, frame: Frame) -> bool:
    """ "de voor Rusland strategisch belangrijke Krimbrug", "de door de Russen bezette stad":
    the adjective a phrase before the noun leans on."""
    for j in range(k - 1, max(0, k - 6), -1):
        t = token_of(pieces[j], frame)
        if t is None or t.is_finite_verb or t.text in (",", ":"):
            return False
        if t.tag == "VZ":
            before = token_of(pieces[j - 1], frame) if j >= 1 else None
            first = j == 0 or (before is not None and pieces[j - 1].index in frame.subject) is False
            return (before is not None and before.tag == "LID") or (j == 0 and first)
    return False


def _before_noun(pieces: Sequence[Piece], k: int, frame: Frame) -> bool:
    """ "voormalig (ingewijde)": an adjective that is not itself the head of its phrase."""
    nxt = token_of(pieces[k + 1], frame) if k + 1 < len(pieces) else None
    if nxt is not None and nxt.lemma.lower() in ("richting", "kant", "zijde", "deel"):
        return False  # "in de noordoostelijke richting": without it, no direction is left
    return nxt is not None and (nxt.tag in ("N", "SPEC", "ADJ") or "prenom" in nxt.features)


def joined_adjectives(pieces: Sequence[Piece], frame: Frame) -> list[list[int]]:
    """ "binnenlandse en buitenlandse (nieuwssites)": two joined adjectives, which go together."""
    quoted = in_quotes(pieces)
    out = []
    for k in range(1, len(pieces) - 2):
        a, b, noun = (token_of(pieces[j], frame) for j in (k - 1, k + 1, k + 2))
        joined = pieces[k].text.lower() in ("en", "of")
        if not joined or a is None or b is None or noun is None or k in quoted:
            continue
        adjectives = all(t.tag == "ADJ" and "prenom" in t.features for t in (a, b))
        if adjectives and noun.tag == "N" and pieces[k - 1].index not in frame.subject:
            out.append([k - 1, k, k + 1])
    return out


def _coordinated_word(pieces: Sequence[Piece], k: int) -> bool:
    """ "zuidelijke en oostelijke": one of two joined words, which go together or not at all."""
    around = [pieces[j].text.lower() for j in (k - 1, k + 1) if 0 <= j < len(pieces)]
    return "en" in around or "of" in around


def titles(pieces: Sequence[Piece], frame: Frame) -> list[list[int]]:
    """A lower-case title before a name outside the subject: "president Poetin" -> "Poetin"."""
    out = []
    for k in range(len(pieces) - 1):
        t, nxt = token_of(pieces[k], frame), token_of(pieces[k + 1], frame)
        if t is None or nxt is None or pieces[k].index in frame.subject:
            continue
        adjacent = pieces[k + 1].index == pieces[k].index + 1
        at = pieces[k].index
        modifiers = _modifiers_before(pieces, k, frame)
        before = frame.tokens[at - 1] if at > 0 else None
        article = not modifiers and before is not None and before.text.lower() in ARTICLES
        joined = k > 1 and pieces[k - 2].text.endswith("-")  # "ijzer- en staalfabriek"
        kind_of = t.lemma.lower() in ("richting",)  # "richting Marioepol": a direction
        if article or joined or kind_of:
            continue
        if t.tag == "N" and pieces[k].text[:1].islower() and nxt.tag == "SPEC" and adjacent:
            out.extend([*modifiers, k])
    return [out] if out else []


def _modifiers_before(pieces: Sequence[Piece], k: int, frame: Frame) -> list[int]:
    """ "zijn Amerikaanse (ambtsgenoot)", "de strategisch gelegen (mijnstadje)": what goes
    with a title when it goes, so that no "zijn Amerikaanse Joe Biden" is left."""
    j = k
    while j > 0 and pieces[j - 1].index == pieces[j].index - 1:
        t = token_of(pieces[j - 1], frame)
        if t is None or pieces[j - 1].index in frame.subject:
            break
        if not ("prenom" in t.features or (t.tag == "ADJ" and j < k)):
            break
        j -= 1
    if j == k:
        return []
    t = token_of(pieces[j - 1], frame) if j > 0 else None
    determiner = t is not None and (
        t.text.lower() in ARTICLES or (t.tag == "VNW" and "bez" in t.features)
    )
    if determiner and pieces[j - 1].index == pieces[j].index - 1:
        j -= 1  # "de", "zijn"
    return list(range(j, k))


def acronym(pieces: list[Piece], frame: Frame) -> list[Piece] | None:
    """A subject with its acronym in brackets: "Internationaal Strafhof (ICC)" -> "ICC"."""
    subject = [k for k, p in enumerate(pieces) if p.index in frame.subject]
    if len(subject) < 2:
        return None
    last = max(pieces[k].index for k in subject)
    tokens = frame.tokens
    if last + 3 < len(tokens) and tokens[last + 1].text == "(" and tokens[last + 3].text == ")":
        acronym = tokens[last + 2]
        written = frame.text[acronym.start : acronym.end]
        if written.isupper() and len(written) <= 6:
            first = subject[0]
            rest = [p for k, p in enumerate(pieces) if k not in subject]
            return [*rest[:first], Piece(last + 2, written), *rest[first:]]
    return None


def surname(pieces: list[Piece], frame: Frame) -> list[Piece] | None:
    """A person's full name in the subject shortened to the surname ("Von der Leyen")."""
    subject = [k for k, p in enumerate(pieces) if p.index in frame.subject]
    persons = [k for k in subject if (t := token_of(pieces[k], frame)) is not None
               and t.ner.endswith("PER") and " " in pieces[k].text.strip()]  # fmt: skip
    words = [
        k for k in subject if (t := token_of(pieces[k], frame)) is not None and t.ner == "B-PER"
    ]
    if persons:
        k = persons[0]
        surname = pieces[k].text.split()[-1]
        return [*pieces[:k], Piece(pieces[k].index, surname), *pieces[k + 1 :]]
    if len(words) == 1:
        k = words[0]
        rest = [j for j in subject if j > k and (t := token_of(pieces[j], frame)) is not None
                and t.ner == "I-PER"]  # fmt: skip
        if rest:
            kept = [p for j, p in enumerate(pieces) if j != k]
            first = rest[0] - 1
            kept[first] = Piece(
                kept[first].index, kept[first].text[:1].upper() + kept[first].text[1:]
            )
            return kept
    return None


def long_lists(pieces: list[Piece], frame: Frame) -> list[Piece] | None:
    """ "A, B, C, D en E" -> "A, B e.a."; "A, B en C" -> "A e.a." (the first list of names).

    An item is a whole name ("Verenigd Koninkrijk"); the list ends at its last item.
    """
    k = 0
    while k < len(pieces):
        first = _name_item(pieces, k, frame)
        if first is None:
            k += 1
            continue
        spans = [first]
        while True:
            end = spans[-1][1]
            if end + 1 >= len(pieces) or pieces[end].text not in (",", "en", "of"):
                break
            nxt = _name_item(pieces, end + 1, frame)
            if nxt is None:
                break
            spans.append(nxt)
        if len(spans) >= 3 and pieces[spans[-2][1]].text in ("en", "of"):
            keep = 2 if len(spans) >= 4 else 1
            tail = Piece(-1, " e.a.")
            return [*pieces[: spans[keep - 1][1]], tail, *pieces[spans[-1][1] :]]
        k = spans[-1][1]
    return None


def _name_item(pieces: Sequence[Piece], k: int, frame: Frame) -> tuple[int, int] | None:
    """The pieces of one name starting at *k* ("Verenigd Koninkrijk"), or None."""
    j = k
    while j < len(pieces) and name_like(token_of(pieces[j], frame)):
        j += 1
    return (k, j) if j > k else None
