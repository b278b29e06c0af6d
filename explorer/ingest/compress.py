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
from dataclasses import dataclass

from explorer.ingest.analysis import Token
from explorer.ingest.clauses import is_name, phrase_end
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
_QUOTE = frozenset("'\"‘’“”")
_ARTICLES = frozenset({"de", "het", "een"})


@dataclass(frozen=True)
class Piece:
    """A token of the headline (by index), or a word standing in for it ("overhandigt")."""

    index: int
    text: str


@dataclass(frozen=True)
class Frame:
    """What compression must respect: the tokens, and which pieces play which part."""

    tokens: Sequence[Token]
    text: str
    keep: frozenset[int]  # token indices never dropped (the verb)
    subject: frozenset[int]  # token indices of the subject


def pieces_text(pieces: Sequence[Piece], tokens: Sequence[Token], text: str) -> str:
    """Join pieces with the spacing the sentence had where they were neighbours."""
    out = ""
    previous: Piece | None = None
    for piece in pieces:
        if previous is None:
            out = piece.text
        elif piece.index < 0 or piece.text in (",", ".", ")", ":"):
            out += piece.text
        elif previous.index >= 0 and piece.index == previous.index + 1:
            out += text[tokens[previous.index].end : tokens[piece.index].start] + piece.text
        else:
            out += " " + piece.text
        previous = piece
    return out


def tidy(pieces: list[Piece]) -> list[Piece]:
    """No punctuation at either end, no doubled commas, no lone or unbalanced quotes."""
    out: list[Piece] = []
    for piece in pieces:
        if piece.text in (",", ".", ";") and (not out or out[-1].text in (",", ":", ";")):
            continue
        out.append(piece)
    out = [p for p in out if p.text not in ("[", "]")]
    while out and out[-1].text.lower() in (",", ".", ";", ":", "-", "–", "/", "en", "of", "maar"):
        out.pop()
    while out and out[0].text in (",", ".", ";", ":", "/"):
        out.pop(0)
    quotes = [i for i, p in enumerate(out) if p.text in _QUOTE]
    if len(quotes) % 2:
        out = [p for i, p in enumerate(out) if i != quotes[-1]]
    return out


def _token(piece: Piece, frame: Frame) -> Token | None:
    return frame.tokens[piece.index] if 0 <= piece.index < len(frame.tokens) else None


def _in_quotes(pieces: Sequence[Piece]) -> set[int]:
    inside: set[int] = set()
    opened = -1
    for k, p in enumerate(pieces):
        if p.text in _QUOTE:
            if opened < 0:
                opened = k
            else:
                inside.update(range(opened, k + 1))
                opened = -1
    return inside


def _is_name(token: Token | None) -> bool:
    return token is not None and is_name(token)


def _free(group: Sequence[int], pieces: Sequence[Piece], frame: Frame) -> bool:
    """No piece of *group* is protected (the verb, a rewritten word, the subject)."""
    return not any(
        pieces[k].index == -1 or pieces[k].index in frame.keep or pieces[k].index in frame.subject
        for k in group
    )


def _name_list(group: Sequence[int], pieces: Sequence[Piece], frame: Frame) -> bool:
    """ ", Estland, Letland": the items of a list of names are not asides."""
    words = [t for k in group if (t := _token(pieces[k], frame)) is not None and t.tag != "LET"]
    return bool(words) and all(
        _is_name(t) or t.text.lower() in ("en", "of", "de", "het") for t in words
    )


def _asides(pieces: Sequence[Piece], frame: Frame, tail: bool) -> list[list[int]]:
    """An aside between two commas, both commas with it; when *tail*, all after the last comma.

    An aside opens with a preposition, adverb, conjunction or participle
    (", in reactie op de sancties,", ", gedood op 11 juli,"), or follows a
    name as its apposition (", leider van de Tsjetsjeense troepen,"). Items
    of a list (", vrouwen en kinderen") are not asides.
    """
    quoted = _in_quotes(pieces)
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
        first = _token(pieces[rest[1]], frame) if len(rest) > 1 else None
        if first is not None and (first.tag in ("VZ", "BW", "VG") or first.tag == "WW"):
            groups = [rest]
    return [g for g in groups if _free(g, pieces, frame) and not _name_list(g, pieces, frame)]


def _opens_aside(pieces: Sequence[Piece], comma: int, frame: Frame) -> bool:
    first = _token(pieces[comma + 1], frame) if comma + 1 < len(pieces) else None
    before = _token(pieces[comma - 1], frame) if comma > 0 else None
    if first is None:
        return False
    if first.tag in ("VZ", "BW", "VG") or (first.tag == "WW" and "vd" in first.features):
        return True
    return before is not None and _is_name(before)


def _listy(group: Sequence[Piece], frame: Frame) -> bool:
    """ "vrouwen en kinderen": a group that goes on a list, not an aside."""
    words = [t for p in group if (t := _token(p, frame)) is not None]
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
    found: list[list[int]] = []
    k = 0
    while k < len(pieces):
        token = _token(pieces[k], frame)
        if token is None or token.tag != "VZ" or "init" not in token.features:
            k += 1
            continue
        is_om = token.text.lower() == "om" and _te_follows(pieces, k, frame)
        j = k + 1
        if is_om:
            while j < len(pieces):
                t = _token(pieces[j], frame)
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
        has_name = any(_is_name(_token(pieces[g], frame)) for g in group[1:])
        before = _token(pieces[k - 1], frame) if k > 0 else None
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
        if len(group) > 1 and wanted and _free(group, pieces, frame):
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
            head = _token(pieces[group[0]], frame)
            weight = 2.0 * (named or (head is not None and head.rel == "pc"))
            before = _token(pieces[group[0] - 1], frame) if group[0] > 0 else None
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
        t = _token(p, frame)
        if t is None or t.text in (",", ":") or t.is_finite_verb:
            return False
        if t.text.lower() == "te":
            return True
    return False


def _relatives(pieces: Sequence[Piece], frame: Frame) -> list[list[int]]:
    """A relative clause after a noun: "(troepen) die aan het front waren ingezet"."""
    found = []
    for k, p in enumerate(pieces):
        t = _token(p, frame)
        before = _token(pieces[k - 1], frame) if k > 0 else None
        if t is None or before is None or before.tag not in ("N", "SPEC"):
            continue
        if not (t.tag == "VNW" and "betr" in t.features):
            continue
        j = k + 1
        while j < len(pieces):
            u = _token(pieces[j], frame)
            j += 1
            if u is not None and u.is_finite_verb:
                while (
                    j < len(pieces)
                    and (v := _token(pieces[j], frame)) is not None
                    and (v.tag == "WW" and {"vd", "inf"} & set(v.features))
                ):
                    j += 1
                break
        group = list(range(k, j))
        if _free(group, pieces, frame):
            found.append(group)
    return found


def _object_before(pieces: Sequence[Piece], k: int, frame: Frame) -> bool:
    """A noun or name outside the subject comes before position *k*."""
    for p in pieces[:k]:
        t = _token(p, frame)
        if t is not None and t.tag in ("N", "SPEC") and p.index not in frame.subject:
            return True
    return False


def _articles(pieces: Sequence[Piece], frame: Frame) -> list[list[int]]:
    quoted = _in_quotes(pieces)
    out = []
    for k, p in enumerate(pieces):
        t = _token(p, frame)
        if t is not None and t.tag == "LID" and p.text.lower() in _ARTICLES and k not in quoted:
            nxt = _token(pieces[k + 1], frame) if k + 1 < len(pieces) else None
            in_name = nxt is not None and t.ner != "O" and nxt.ner.startswith("I-")
            numeral = nxt is not None and nxt.text.lower() == "van"  # "een van de …"
            if nxt is not None and not in_name and not numeral and p.index not in frame.keep:
                out.append([k])
    return [[g for group in out for g in group]] if out else []


def _short_subject(pieces: Sequence[Piece], frame: Frame) -> list[list[int]]:
    """The subject's words before its name ("gepensioneerde kolonel-generaal")."""
    subject = [k for k, p in enumerate(pieces) if p.index in frame.subject]
    names = [k for k in subject if (t := _token(pieces[k], frame)) is not None and t.tag == "SPEC"]
    if not names:
        return []
    before = [k for k in subject if k < names[0]]
    last = _token(pieces[before[-1]], frame) if before else None
    if last is None or last.tag != "N" or pieces[before[-1]].text[:1].isupper():
        return []  # only a description ending in a common noun: "Oekraïense post"
    return [before]


def _adjectives(pieces: Sequence[Piece], frame: Frame) -> list[list[int]]:
    """Lower-case adjectives before a noun ("nabijgelegen vliegbasis"), outside quotes."""
    quoted = _in_quotes(pieces)
    out = [
        k
        for k, p in enumerate(pieces)
        if (t := _token(p, frame)) is not None
        and t.tag in ("ADJ", "WW")
        and "prenom" in t.features
        and p.text[:1].islower()
        and k not in quoted
        and p.index not in frame.subject
        and not _coordinated_word(pieces, k)
    ]
    return [out] if out else []


def _coordinated_word(pieces: Sequence[Piece], k: int) -> bool:
    """ "zuidelijke en oostelijke": one of two joined words, which go together or not at all."""
    around = [pieces[j].text.lower() for j in (k - 1, k + 1) if 0 <= j < len(pieces)]
    return "en" in around or "of" in around


def _titles(pieces: Sequence[Piece], frame: Frame) -> list[list[int]]:
    """A lower-case title before a name outside the subject: "president Poetin" -> "Poetin"."""
    out = []
    for k in range(len(pieces) - 1):
        t, nxt = _token(pieces[k], frame), _token(pieces[k + 1], frame)
        if t is None or nxt is None or pieces[k].index in frame.subject:
            continue
        adjacent = pieces[k + 1].index == pieces[k].index + 1
        if t.tag == "N" and pieces[k].text[:1].islower() and nxt.tag == "SPEC" and adjacent:
            out.append(k)
    return [out] if out else []


def _acronym(pieces: list[Piece], frame: Frame) -> list[Piece] | None:
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


def _surname(pieces: list[Piece], frame: Frame) -> list[Piece] | None:
    """A person's full name in the subject shortened to the surname ("Von der Leyen")."""
    subject = [k for k, p in enumerate(pieces) if p.index in frame.subject]
    persons = [k for k in subject if (t := _token(pieces[k], frame)) is not None
               and t.ner.endswith("PER") and " " in pieces[k].text.strip()]  # fmt: skip
    words = [k for k in subject if (t := _token(pieces[k], frame)) is not None and t.ner == "B-PER"]
    if persons:
        k = persons[0]
        surname = pieces[k].text.split()[-1]
        return [*pieces[:k], Piece(pieces[k].index, surname), *pieces[k + 1 :]]
    if len(words) == 1:
        k = words[0]
        rest = [j for j in subject if j > k and (t := _token(pieces[j], frame)) is not None
                and t.ner == "I-PER"]  # fmt: skip
        if rest:
            kept = [p for j, p in enumerate(pieces) if j != k]
            first = rest[0] - 1
            kept[first] = Piece(
                kept[first].index, kept[first].text[:1].upper() + kept[first].text[1:]
            )
            return kept
    return None


def _long_lists(pieces: list[Piece], frame: Frame) -> list[Piece] | None:
    """ "A, B, C, D en E" -> "A, B e.a." (the first list of four or more names)."""
    k = 0
    while k < len(pieces):
        items = [k]
        j = k
        while (
            j + 2 < len(pieces)
            and pieces[j + 1].text in (",", "en")
            and _is_name(_token(pieces[j + 2], frame))
        ):
            j += 2
            items.append(j)
        if len(items) >= 4 and _is_name(_token(pieces[k], frame)):
            return [*pieces[: items[1] + 1], Piece(-1, " e.a."), *pieces[items[-1] + 1 :]]
        k += 1
    return None


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
        ("subject", lambda ps: _short_subject(ps, frame)),
        ("tail", lambda ps: _asides(ps, frame, tail=True)),
        ("articles", lambda ps: _articles(ps, frame)),
        ("acronym", lambda ps: _acronym(ps, frame)),
        ("surname", lambda ps: _surname(ps, frame)),
        ("titles", lambda ps: _titles(ps, frame)),
        ("adverbial", lambda ps: _phrases(ps, frame, named=False, om=False, adverbial=True)),
        ("plain", lambda ps: _phrases(ps, frame, named=False, om=False)),
        ("adjectives", lambda ps: _adjectives(ps, frame)),
        ("phrase", lambda ps: _scored_phrases(ps, frame)),
        ("list", lambda ps: _long_lists(ps, frame)),
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
        if pieces[n - 1].text in _QUOTE:
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
    token = _token(last, frame)
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
        a, b = _token(last, frame), _token(nxt, frame)
        if a is not None and b is not None and b.ner.startswith("I-"):
            return False
    return True
