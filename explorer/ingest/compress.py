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
from collections.abc import Sequence
from dataclasses import dataclass

from explorer.ingest.clause_units import clauses
from explorer.ingest.clauses import is_that
from explorer.ingest.endings import no_dangling
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
from explorer.ingest.rewrites import discourse, foreign, report, source, subject_adjectives
from explorer.ingest.shorten import (
    acronym,
    adjectives,
    articles,
    joined_adjectives,
    long_lists,
    short_subject,
    surname,
    titles,
)
from explorer.ingest.temporal import MONTHS
from explorer.ingest.units import adverbs, er_adverb, om_words, phrases
from explorer.ingest.wordclasses import ANNOUNCING, SPEECH_VERBS, TIERS

_MONTHS = frozenset(MONTHS)
# Words a headline may not end on: it would read as cut off.
_OPEN_ENDED = frozenset({
    "de", "het", "een", "van", "in", "op", "met", "en", "of", "aan", "voor", "door", "bij",
    "tot", "te", "om", "naar", "uit", "over", "dat", "die", "dit", "zijn", "haar", "hun",
    "als", "ook", "nog", "er", "zich", "werd", "werden", "was", "is", "had", "hadden", "the",
    "onder", "tegen", "na", "sinds", "vanaf", "tijdens", "wat", "waar", "zoals", "dan", "maar",
    "richting",
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
        opens = first is not None and (first.tag in ("VZ", "BW", "VG") or first.tag == "WW")
        then = token_of(pieces[rest[2]], frame) if len(rest) > 2 else None
        because = then is not None and then.tag in ("LID", "VNW", "N", "SPEC")
        opens = opens or (first is not None and first.text.lower() == "daar" and because)
        if opens and not er_adverb(first):  # not ", ernaar om …": what the verb strives for
            groups = [rest]
    return [g for g in groups if free(g, pieces, frame) and not _name_list(g, pieces, frame)]


def _opens_aside(pieces: Sequence[Piece], comma: int, frame: Frame) -> bool:
    first = token_of(pieces[comma + 1], frame) if comma + 1 < len(pieces) else None
    before = token_of(pieces[comma - 1], frame) if comma > 0 else None
    if first is None:
        return False
    if first.tag in ("VZ", "BW", "VG") or (
        first.tag == "WW" and {"vd", "od"} & set(first.features)
    ):
        return True
    return before is not None and name_like(before)


def _listy(group: Sequence[Piece], frame: Frame) -> bool:
    """ "vrouwen en kinderen": a group that goes on a list, not an aside."""
    words = [t for p in group if (t := token_of(p, frame)) is not None]
    return any(t.text.lower() in ("en", "of") for t in words) and not any(
        t.tag == "VZ" for t in words[:1]
    )


def _relatives(pieces: Sequence[Piece], frame: Frame) -> list[list[int]]:
    """A relative clause after a noun: "(troepen) die aan het front waren ingezet"."""
    found = []
    for k, p in enumerate(pieces):
        t = token_of(p, frame)
        before = token_of(pieces[k - 1], frame) if k > 0 else None
        if t is None or before is None or before.tag not in ("N", "SPEC"):
            continue
        if not (t.tag == "VNW" and "betr" in t.features) or is_that(frame.tokens, p.index):
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

#: Piece positions of the headline as first built -> the piece shown there (None: dropped).
_Change = tuple[str, float, dict[int, Piece | None]]


#: Kinds of parts that are phrases or clauses (not single words such as articles).
#: Phrases that depend on the phrase before them ("met een wapenstilstand" after "om …").
_DEPENDENT = frozenset({"adverbial", "place", "person", "np-phrase", "np-complement", "agent"})
_PHRASES = frozenset({
    "aside", "clause", "coordinated", "adverbial", "attribution", "place", "person", "agent",
    "np-phrase", "np-complement", "om", "om-complement", "content", "subject-phrase",
})  # fmt: skip


_END = 10_000  # past the last piece of any sentence


def _candidates(
    shown: list[tuple[int, Piece]], frame: Frame, gone: Sequence[_Change] = ()
) -> list[_Change]:
    """What could go next from the headline *shown* (original position, piece), after
    the changes *gone*."""
    pieces = [p for _k, p in shown]
    where = [k for k, _p in shown]
    found: list[_Change] = []

    def add(kind: str, tier: float, group: Sequence[int], subject: bool = False) -> None:
        if not group:
            return
        if not subject and not free(group, pieces, frame):
            return
        if subject and any(pieces[g].index in frame.keep or pieces[g].index < 0 for g in group):
            return
        positions = [where[g] for g in group]
        if list(group) == list(range(group[0], group[-1] + 1)):
            # a phrase: everything between its first and last piece, also what was hidden
            last = where[group[-1]]
            if pieces[group[-1]].index < 0:  # "Cherson e.a.": also the names "e.a." stands for
                last = where[group[-1] + 1] - 1 if group[-1] + 1 < len(where) else _END
            positions = list(range(where[group[0]], last + 1))
            # and a phrase of its own right after it that went before it ("om … te
            # beëindigen | met een wapenstilstand"): it belonged to this one
            after = group[-1] + 1
            stop = where[after] if after < len(where) else None
            for gone_kind, _tier, change in gone if kind in _PHRASES else ():
                if gone_kind not in _DEPENDENT:
                    continue
                inside = [k for k in change if k > positions[-1] and (stop is None or k < stop)]
                if inside and len(inside) == len(change) and min(inside) == positions[-1] + 1:
                    positions += sorted(inside)
        found.append((kind, tier, {k: None for k in positions}))

    for unit in clauses(pieces, frame):
        add(unit.kind, unit.tier, unit.positions)
    for group in _asides(pieces, frame, tail=False):
        add("aside", TIERS["aside"], group)
    for group in _asides(pieces, frame, tail=True):
        add("clause", TIERS["clause"], group)
    for group in _relatives(pieces, frame):
        add("clause", TIERS["clause"], group)
    for unit in adverbs(pieces, frame) + phrases(pieces, frame):
        add(unit.kind, unit.tier, unit.positions, subject=unit.kind == "subject-phrase")
    for group in articles(pieces, frame):
        add("articles", TIERS["articles"], group)
    for group in articles(pieces, frame, subject=True):
        add("subject-articles", TIERS["subject-articles"], group, subject=True)
    for group in short_subject(pieces, frame):
        add("subject", 3.7, group, subject=True)
    for group in titles(pieces, frame):
        add("titles", TIERS["titles"], group)
    for group in adjectives(pieces, frame) + joined_adjectives(pieces, frame):
        add("adjectives", TIERS["adjectives"], group)
    for group in subject_adjectives(pieces, frame):
        add("subject-adjectives", TIERS["subject-adjectives"], group, subject=True)
    for kind, tier, rewrite in (("acronym", 3.8, acronym), ("surname", 3.9, surname),
                                ("list", TIERS["list"], long_lists),
                                ("report", TIERS["report"], report),
                                ("source", TIERS["source"], source)):  # fmt: skip
        rewritten = rewrite(pieces, frame)
        change = _as_change(shown, rewritten) if rewritten is not None else {}
        if change and kind == "source":
            colon = next(k for k, p in shown if p.index < 0 and p.text == ":")
            change |= {h: None for h in range(colon)}  # the whole speaker, also what was hidden
        if change:
            found.append((kind, tier, change))
    return found


def _as_change(shown: list[tuple[int, Piece]], rewritten: list[Piece]) -> dict[int, Piece | None]:
    """A rewrite (the shown pieces, some replaced or gone) as changes to their positions.

    A new piece takes the first position after the piece before it that the
    rewrite gave up ("Internationaal Strafhof" -> "ICC", "C, D en E" -> "e.a.").
    """
    where = {id(p): k for k, p in shown}
    kept = {id(p) for p in rewritten if id(p) in where}
    change: dict[int, Piece | None] = {}
    for j, (k, p) in enumerate(shown):
        if id(p) in kept:
            continue
        change[k] = None
        if j + 1 < len(shown) and id(shown[j + 1][1]) not in kept:
            change.update({h: None for h in range(k + 1, shown[j + 1][0])})  # hidden between
    last = -1
    for p in rewritten:
        if id(p) in where:
            last = where[id(p)]
            continue
        slot = next((k for k, _p in shown if k > last and k in change and change[k] is None), None)
        if slot is None:
            return {}
        change[slot] = p
        last = slot
    return change


def _show(pieces: list[Piece], changes: Sequence[_Change], frame: Frame) -> list[tuple[int, Piece]]:
    current: list[Piece | None] = list(pieces)
    for _kind, _tier, change in changes:
        for k, p in change.items():
            if k < len(current) and current[k] is not None:  # a dropped piece stays dropped
                current[k] = p
    shown = [(k, p) for k, p in enumerate(current) if p is not None]
    shown = no_dangling(shown, frame)
    kept = tidy([p for _k, p in shown])
    out: list[tuple[int, Piece]] = []
    j = 0
    for k, p in shown:
        if j < len(kept) and kept[j] is p:
            out.append((k, p))
            j += 1
    return out


@dataclass(frozen=True)
class Fitted:
    """A headline that fits, what it cost: the tiers of the parts dropped, whether it was cut."""

    title: str
    dropped: tuple[float, ...]
    cut: bool

    @property
    def loss(self) -> float:
        return sum(self.dropped) + 100.0 * self.cut


def fit(pieces: list[Piece], frame: Frame, limit: int) -> str:
    """The headline of *pieces* in at most *limit* characters."""
    return fit_scored(pieces, frame, limit).title


def fit_scored(pieces: list[Piece], frame: Frame, limit: int) -> Fitted:
    """The headline of *pieces* in at most *limit* characters, and what it lost.

    A clause that says what a noun is ("het bevel om zich terug te trekken …")
    goes only as a whole; when it had to go, the headline is tried once more
    without its "om", as Dutch headlines write it ("krijgen bevel zich terug te
    trekken van rechteroever"), and that one is taken if it fits uncut.
    """
    fitted = _fit_scored(pieces, frame, limit)
    oms = set(om_words(pieces, frame)) if TIERS["np-complement"] in fitted.dropped else set()
    if not oms:
        return fitted
    alternative = _fit_scored([p for k, p in enumerate(pieces) if k not in oms], frame, limit)
    return fitted if alternative.cut else alternative


def _fit_scored(pieces: list[Piece], frame: Frame, limit: int) -> Fitted:
    """:func:`fit_scored` for *pieces* as they are.

    Linking adverbs and foreign phrases go first; then, while it is too long,
    the part that says least (:mod:`units`). Then each part dropped on the way
    comes back if it fits again, or if dropping parts that say less makes room
    for it, the most telling first. Only a headline whose subject, verb and
    objects alone are too long is cut.
    """

    def length(changes: Sequence[_Change]) -> int:
        shown = _show(pieces, changes, frame)
        return len(pieces_text([p for _k, p in shown], frame.tokens, frame.text))

    def squeeze(changes: list[_Change], below: float) -> list[_Change]:
        while length(changes) > limit:
            found = [
                c
                for c in _candidates(_show(pieces, changes, frame), frame, changes)
                if c[1] < below
            ]
            if not found:
                break
            changes = [*changes, min(found, key=lambda c: (c[1], -max(c[2])))]
        return changes

    always = set(discourse(pieces, frame)) | set(foreign(pieces, frame))
    for group in _asides(pieces, frame, tail=False):
        if group[-1] + 1 < len(pieces) and pieces[group[-1] + 1].text not in (".", ";"):
            always.update(group)  # an aside inside a headline reads as clumsy: it goes
    changes = squeeze([("always", -1.0, {k: None for k in always})], float("inf"))
    for change in sorted(changes[1:], key=lambda c: -c[1]):
        if change not in changes:
            continue
        trial = squeeze([c for c in changes if c is not change], change[1])
        if length(trial) <= limit:
            changes = trial
    shown = _show(pieces, changes, frame)
    if TRACE is not None:
        for kind, _tier, dropped in changes:
            words = [pieces[k].text for k in sorted(dropped) if k < len(pieces)]
            TRACE.append(f"{kind}: {' '.join(words)}")
    final = [p for _k, p in shown]
    title = pieces_text(final, frame.tokens, frame.text)
    cut = len(title) > limit
    if cut:
        core = core_clause(pieces, frame)
        if core is not None and core != pieces:
            fitted = fit_scored(core, frame, limit)
            if not fitted.cut:
                return Fitted(fitted.title, (*fitted.dropped, 9.5), False)
        title = _cut(final, frame, limit)
    first = next((i for i, c in enumerate(title) if c.isalnum()), 0)  # past a quote, not a number
    title = title[:first] + title[first : first + 1].upper() + title[first + 1 :]
    return Fitted(title, tuple(sorted((c[1] for c in changes[1:]), reverse=True)), cut)


def core_clause(pieces: list[Piece], frame: Frame) -> list[Piece] | None:
    """Subject, verb, its particle and first object: a shorter true clause ("Wit-Rusland
    krijgt exportverbod") for a headline that no dropping makes fit. None when the verb
    reports speech (what was said is the point) or there is no object."""
    verb = next((k for k, p in enumerate(pieces) if p.index in frame.keep), None)
    if verb is None or verb == 0:
        return None
    token = token_of(pieces[verb], frame)
    if token is None or token.lemma.lower() in SPEECH_VERBS | ANNOUNCING:
        return None
    end = verb + 1
    adverbs = []
    while end < len(pieces) and (t := token_of(pieces[end], frame)) is not None and t.tag == "BW":
        adverbs.append(end)  # "(heeft) nog steeds …": left out
        end += 1
    start = end
    while (
        end < len(pieces)
        and (t := token_of(pieces[end], frame)) is not None
        and (
            t.tag in ("LID", "ADJ", "N", "SPEC", "TW")
            or (t.tag == "VNW" and "det" in t.features)
            or pieces[end].text in QUOTES
        )
    ):
        end += 1
    if end == start:
        end = verb + 1
    if end == verb + 1 and not any(p.index in frame.keep for p in pieces[end:]):
        return None
    tail: list[Piece] = []
    for k in range(end, len(pieces)):
        p, t = pieces[k], token_of(pieces[k], frame)
        if t is None:
            break
        relative = t.tag == "VNW" and ("betr" in t.features or t.text.lower() in ("die", "dat"))
        auxiliary = t.lemma.lower() in ("hebben", "zijn", "worden")  # "(zouden) hebben vernietigd"
        new_clause = t.is_finite_verb and p.index not in frame.keep and not auxiliary
        if p.text in (",", ":", ";") or t.tag == "VG" or relative or new_clause:
            break  # the clause is over: "…, waarbij", "… die probeerden"
        verb = t.tag == "WW" and bool({"vd", "inf"} & set(t.features)) and "prenom" not in t.pos
        verb = verb or (auxiliary and nxt_is_verb(pieces, k, frame))
        nxt = token_of(pieces[k + 1], frame) if k + 1 < len(pieces) else None
        closing = nxt is None or nxt.tag in ("WW", "LET", "VZ", "VG") or nxt.text.lower() == "te"
        particle = t.rel == "svp" and t.head in frame.keep and "fin" in t.features and closing
        # "(voeren …) uit", not "exportverbod voor (tabak)": a particle closes its clause
        te = t.text.lower() == "te" and nxt is not None and nxt.tag == "WW"
        replaced = p.text.replace(" ", "_").lower() != t.text.lower()  # "uit" for "uitvoeren"
        if p.index in frame.keep or verb or particle or te or replaced:
            tail.append(p)  # "(zouden tanks) hebben vernietigd", "(voeren …) uit"
    return [p for k, p in enumerate(pieces[:end]) if k not in adverbs] + tail


def nxt_is_verb(pieces: Sequence[Piece], k: int, frame: Frame) -> bool:
    nxt = token_of(pieces[k + 1], frame) if k + 1 < len(pieces) else None
    return nxt is not None and nxt.tag == "WW"


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
