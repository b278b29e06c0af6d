"""Make a headline fit: drop its least informative parts, then cut where a cut is safe.

A headline is a list of :class:`Piece` (a token of the sentence, or a word
standing in for one). Too long a headline loses, in this order and only as
much as needed: asides between commas ("…, als voorzitter van …,"), the
subject's titles when it has a name ("gepensioneerde kolonel-generaal Leonid
Ivasjov" -> "Leonid Ivasjov"), a trailing aside after a comma, articles,
prepositional phrases that name nothing ("in een interview"), then those
that do, from the end, and the tail of long lists of names ("A, B, C en D" ->
"A, B e.a."). Only then is it cut, with an ellipsis, after a word that ends a
phrase: never after an article or preposition, a number or a month, or inside
a name ("Internationaal | Atoomenergieagentschap") or a quotation.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from explorer.ingest.nounphrases import phrase_end
from explorer.ingest.pieces import (
    QUOTES,
    Frame,
    Piece,
    free,
    in_quotes,
    name_like,
    pieces_text,
    tidy,
    token_of,
)
from explorer.ingest.shorten import (
    acronym,
    adjectives,
    articles,
    long_lists,
    short_subject,
    surname,
    titles,
)
from explorer.ingest.temporal import MONTHS

_MONTHS = frozenset(MONTHS)
# Words a headline may not end on: it would read as cut off.
_OPEN_ENDED = frozenset({
    "de", "het", "een", "van", "in", "op", "met", "en", "of", "aan", "voor", "door", "bij",
    "tot", "te", "om", "naar", "uit", "over", "dat", "die", "dit", "zijn", "haar", "hun",
    "als", "ook", "nog", "er", "zich", "werd", "werden", "was", "is", "had", "hadden", "the",
    "onder", "tegen", "na", "sinds", "vanaf", "tijdens", "wat", "waar", "zoals", "dan", "maar",
    "geen", "niet", "meer", "zo", "heeft", "hebben", "wordt", "worden", "zou", "zouden",
    "ten", "ter", "binnen", "zonder", "via", "per", "tussen", "rond", "al", "waarbij",
    "waarmee", "waarna", "waardoor", "waarin", "zij", "ze", "hij", "wie", "welke", "deze",
    "alle", "veel", "enkele", "andere", "eerste", "laatste", "grote", "nieuwe", "zeer",
})  # fmt: skip
_NUMBER = re.compile(r"\d[\d.,:/%]*(?:e|de|ste)?|[\d.,]+-\w*")


def _name_list(group: Sequence[int], pieces: Sequence[Piece], frame: Frame) -> bool:
    """ ", Estland, Letland": the items of a list of names are not asides."""
    words = [t for k in group if (t := token_of(pieces[k], frame)) is not None and t.tag != "LET"]
    return bool(words) and all(
        name_like(t) or t.text.lower() in ("en", "of", "de", "het") for t in words
    )


def _asides(pieces: Sequence[Piece], frame: Frame, tail: bool) -> list[list[int]]:
    """An aside between two commas, both commas with it; when *tail*, all after the last comma.

    An aside opens with a preposition, adverb, conjunction or participle
    (", in reactie op de sancties,", ", gedood op 11 juli,"), or follows a
    name as its apposition (", leider van de Tsjetsjeense troepen,"). Items
    of a list (", vrouwen en kinderen") are not asides.
    """
    quoted = in_quotes(pieces)
    commas = [k for k, p in enumerate(pieces) if p.text in (",", "–") and k not in quoted]
    groups: list[list[int]] = []
    if not tail:
        for a, b in itertools.pairwise(commas):
            zowel = any(p.text.lower() == "zowel" for p in pieces[a:b])
            if (
                _opens_aside(pieces, a, frame)
                and not _listy(pieces[a + 1 : b], frame)
                and not zowel
            ):
                groups.append(list(range(a, b + 1)))
    elif commas and _object_before(pieces, commas[-1], frame):  # not the only object
        rest = list(range(commas[-1], len(pieces)))
        first = token_of(pieces[rest[1]], frame) if len(rest) > 1 else None
        if first is not None and (first.tag in ("VZ", "BW", "VG") or first.tag == "WW"):
            groups = [rest]
    return [g for g in groups if free(g, pieces, frame) and not _name_list(g, pieces, frame)]


def _opens_aside(pieces: Sequence[Piece], comma: int, frame: Frame) -> bool:
    first = token_of(pieces[comma + 1], frame) if comma + 1 < len(pieces) else None
    before = token_of(pieces[comma - 1], frame) if comma > 0 else None
    if first is None:
        return False
    if first.tag in ("VZ", "BW", "VG") or (first.tag == "WW" and "vd" in first.features):
        return True
    return before is not None and name_like(before)


def _listy(group: Sequence[Piece], frame: Frame) -> bool:
    """ "vrouwen en kinderen": a group that goes on a list, not an aside."""
    words = [t for p in group if (t := token_of(p, frame)) is not None]
    return any(t.text.lower() in ("en", "of") for t in words) and not any(
        t.tag == "VZ" for t in words[:1]
    )


def _phrases(
    pieces: Sequence[Piece],
    frame: Frame,
    named: bool,
    om: bool,
    adverbial: bool = False,
    last: bool = False,
) -> list[list[int]]:
    """Prepositional phrases, last first.

    *named*: those with a name; *om*: "om … te …" clauses; *adverbial*: only
    phrases that do not follow a noun ("maakte op Telegram melding"), which say
    less than those that complete one ("aanval op een wooncomplex").
    """
    quoted = in_quotes(pieces)
    found: list[list[int]] = []
    k = 0
    while k < len(pieces):
        token = token_of(pieces[k], frame)
        if token is None or token.tag != "VZ" or "init" not in token.features:
            k += 1
            continue
        is_om = token.text.lower() == "om" and _te_follows(pieces, k, frame)
        j = k + 1
        if is_om:
            while j < len(pieces):
                t = token_of(pieces[j], frame)
                if t is None or t.text in (",", ":", ";") or t.is_finite_verb:
                    break
                j += 1
                if t.tag == "WW" and "inf" in t.features:
                    break
        else:
            # the phrase as the sentence has it, cut to the pieces that follow in order
            end = phrase_end(frame.tokens, pieces[k].index, len(frame.tokens))
            while j < len(pieces) and pieces[j - 1].index < pieces[j].index < end:
                j += 1
        group = list(range(k, j))
        has_name = any(name_like(token_of(pieces[g], frame)) for g in group[1:])
        before = token_of(pieces[k - 1], frame) if k > 0 else None
        after_noun = before is not None and before.tag in ("N", "SPEC")
        if not adverbial and not om and after_noun and token.text.lower() == "van" and not last:
            k = j
            continue  # "mobilisatie van alle reservisten": part of the noun, not an extra
        if before is not None and before.tag == "TW" and token.text.lower() == "van":
            k = j
            continue  # "een van de ondertekenaars": the phrase is the noun
        if adverbial and (after_noun or is_om or has_name or _object_before(pieces, k, frame)):
            k = j
            continue
        if not adverbial and not last and not om and j >= len(pieces):
            k = j
            continue  # the last phrase is cut, not dropped
        wanted = is_om == om and (om or adverbial or has_name == named)
        whole = not quoted.intersection(group)  # a quotation is never shortened
        if len(group) > 1 and wanted and whole and free(group, pieces, frame):
            found.append(group)
        k = j
    return found[::-1]


def _scored_phrases(pieces: Sequence[Piece], frame: Frame) -> list[list[int]]:
    """Every remaining phrase, the least informative first.

    A name counts two, an "om … te" clause two, being last half (it can be cut
    rather than dropped); among equals the later phrase goes first.
    """
    units: list[tuple[float, int, list[int]]] = []
    for group in _phrases(pieces, frame, named=False, om=True):
        units.append((2.0 + 0.5 * (group[-1] == len(pieces) - 1), -group[0], group))
    for named in (False, True):
        for group in _phrases(pieces, frame, named=named, om=False, last=True):
            head = token_of(pieces[group[0]], frame)
            weight = 2.0 * (named or (head is not None and head.rel == "pc"))
            before = token_of(pieces[group[0] - 1], frame) if group[0] > 0 else None
            if (
                head is not None
                and head.text.lower() == "van"
                and before is not None
                and (before.tag == "N")
            ):
                weight += 1.0  # a genitive completes the noun before it
            units.append((weight + 0.5 * (group[-1] == len(pieces) - 1), -group[0], group))
    ranked = [g for _score, _pos, g in sorted(units, key=lambda u: (u[0], u[1]))]
    # The last phrase is cut rather than dropped: its first words say the most.
    return [] if ranked and ranked[0][-1] == len(pieces) - 1 else ranked


def _te_follows(pieces: Sequence[Piece], k: int, frame: Frame) -> bool:
    """ "om … te versterken" is a clause; "de slag om de Donbas" a phrase."""
    for p in pieces[k + 1 : k + 12]:
        t = token_of(p, frame)
        if t is None or t.text in (",", ":") or t.is_finite_verb:
            return False
        if t.text.lower() == "te":
            return True
    return False


def _relatives(pieces: Sequence[Piece], frame: Frame) -> list[list[int]]:
    """A relative clause after a noun: "(troepen) die aan het front waren ingezet"."""
    found = []
    for k, p in enumerate(pieces):
        t = token_of(p, frame)
        before = token_of(pieces[k - 1], frame) if k > 0 else None
        if t is None or before is None or before.tag not in ("N", "SPEC"):
            continue
        if not (t.tag == "VNW" and "betr" in t.features):
            continue
        j = k + 1
        while j < len(pieces):
            u = token_of(pieces[j], frame)
            j += 1
            if u is not None and u.is_finite_verb:
                while (
                    j < len(pieces)
                    and (v := token_of(pieces[j], frame)) is not None
                    and (v.tag == "WW" and {"vd", "inf"} & set(v.features))
                ):
                    j += 1
                break
        group = list(range(k, j))
        if free(group, pieces, frame):
            found.append(group)
    return found


def _object_before(pieces: Sequence[Piece], k: int, frame: Frame) -> bool:
    """A noun or name outside the subject comes before position *k*."""
    for p in pieces[:k]:
        t = token_of(p, frame)
        if t is not None and t.tag in ("N", "SPEC") and p.index not in frame.subject:
            return True
    return False


#: When a list, :func:`fit` records what it dropped (for debugging the rules).
TRACE: list[str] | None = None


def fit(pieces: list[Piece], frame: Frame, limit: int) -> str:
    """The headline of *pieces* in at most *limit* characters."""

    def length(ps: Sequence[Piece]) -> int:
        return len(pieces_text(ps, frame.tokens, frame.text))

    def drop(ps: list[Piece], group: Sequence[int], why: str) -> list[Piece]:
        if TRACE is not None:
            TRACE.append(f"{why}: {pieces_text([ps[k] for k in group], frame.tokens, frame.text)}")
        return tidy([p for k, p in enumerate(ps) if k not in set(group)])

    steps: list[tuple[str, Callable[[list[Piece]], list[list[int]] | list[Piece] | None]]] = [
        ("aside", lambda ps: _asides(ps, frame, tail=False)),
        ("relative", lambda ps: _relatives(ps, frame)),
        ("subject", lambda ps: short_subject(ps, frame)),
        ("tail", lambda ps: _asides(ps, frame, tail=True)),
        ("articles", lambda ps: articles(ps, frame)),
        ("acronym", lambda ps: acronym(ps, frame)),
        ("surname", lambda ps: surname(ps, frame)),
        ("titles", lambda ps: titles(ps, frame)),
        ("adverbial", lambda ps: _phrases(ps, frame, named=False, om=False, adverbial=True)),
        ("plain", lambda ps: _phrases(ps, frame, named=False, om=False)),
        ("adjectives", lambda ps: adjectives(ps, frame)),
        ("phrase", lambda ps: _scored_phrases(ps, frame)),
        ("list", lambda ps: long_lists(ps, frame)),
    ]
    pieces = tidy(pieces)
    for why, step in steps:
        while length(pieces) > limit:
            found = step(pieces)
            if not found:
                break
            if isinstance(found[0], Piece):  # a rewrite, done once
                if TRACE is not None:
                    TRACE.append(why)
                pieces = tidy([p for p in found if isinstance(p, Piece)])
                break
            pieces = drop(pieces, [k for k in found[0] if isinstance(k, int)], why)
    title = pieces_text(pieces, frame.tokens, frame.text)
    if len(title) > limit:
        title = _cut(pieces, frame, limit)
    first = next((i for i, c in enumerate(title) if c.isalnum()), 0)  # past a quote, not a number
    return title[:first] + title[first : first + 1].upper() + title[first + 1 :]


def _cut(pieces: list[Piece], frame: Frame, limit: int) -> str:
    """Cut after the last piece where a headline may end, and add an ellipsis."""
    best, best_quoted, quote = 1, 0, ""
    depth = 0
    for n in range(1, len(pieces) + 1):
        if pieces[n - 1].text in QUOTES:
            depth ^= 1
            quote = pieces[n - 1].text
        if len(pieces_text(pieces[:n], frame.tokens, frame.text)) > limit - 2:
            break
        if may_end(pieces, n, frame):
            if depth == 0:
                best = n
            else:
                best_quoted = n
    if best_quoted > best + 2 and best <= 3:
        # a headline that is mostly a quotation: cut inside it and close it
        head = pieces[:best_quoted]
        return pieces_text(head, frame.tokens, frame.text).rstrip(" ,;:") + "…" + quote
    head = tidy(pieces[:best])
    return pieces_text(head, frame.tokens, frame.text).rstrip(" ,;:") + "…"


def may_end(pieces: Sequence[Piece], n: int, frame: Frame) -> bool:
    """Whether a headline may end after pieces[:n]."""
    last = pieces[n - 1]
    word = last.text.lower().split()[-1] if last.text.split() else ""
    if word in _OPEN_ENDED or word in _MONTHS or _NUMBER.fullmatch(word) or word in (",", ":"):
        return False
    token = token_of(last, frame)
    if token is not None and last.index + 1 < len(frame.tokens):
        following = frame.tokens[last.index + 1]
        if last.text[-1:].isalpha() and last.text[:1].isupper() and following.text[:1].isupper():
            return False  # inside a name in the sentence: "Buitenlandse Zaken | Sergej Lavrov"
        if _NUMBER.fullmatch(following.text) and last.text.lower() in _MONTHS | {"dag"}:
            return False
    if n < len(pieces):
        nxt = pieces[n]
        if last.text[:1].isupper() and nxt.text[:1].isupper():
            return False  # inside a name
        a, b = token_of(last, frame), token_of(nxt, frame)
        if a is not None and b is not None and b.ner.startswith("I-"):
            return False
    return True
