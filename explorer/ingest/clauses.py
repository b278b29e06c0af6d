"""Find a Dutch sentence's main clause: its finite verb, subject, and what follows.

Works on Frog's tokens (part of speech, chunks, some dependency relations)
with the word order of Dutch: in a main clause the finite verb comes second
("Op 8 april overhandigde Von der Leyen …", "Poetin kondigde … aan"), in a
subordinate clause it comes last ("… dat de Russen door waren gegaan").
Frog's dependency parse is unreliable on long sentences, so the parse is
used only to prefer one subject over another; the order of the words decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from explorer.ingest.analysis import Token
from explorer.ingest.nounphrases import (
    AUXILIARIES,
    complete_unit,
    coordinated_np,
    is_name,
    is_particle,
    is_verb,
    noun_clause_end,
    np_span,
    phrase_end,
    quantity_at,
    relative_end,
    starts_noun_phrase,
    with_modifiers,
)
from explorer.ingest.verbs import past_lemma
from explorer.ingest.wordclasses import SPEECH_VERBS

# Pronouns and adverbs that open a subordinate clause besides the conjunctions
# Frog tags VG(onder): relative "die/dat" are VNW(betr), "waarbij" is BW.
# ("waaronder" is not among them: "…, waaronder Kiev," names examples, it opens no clause)
_RELATIVE_ADVERBS = frozenset(
    {"waar", "waarbij", "waarna", "waarmee", "waardoor", "waarin", "waarop", "waarvan", "waarom"}
)
_QUOTES = frozenset("'\"‘’“”")
#: Focus adverbs before a subject: "Ook Turkije werd gewaarschuwd" has Turkije as subject.
FOCUS = frozenset({"ook", "zelfs", "alleen", "vooral", "juist", "nu", "eveneens", "zowel"})


def is_subordinator(token: Token) -> bool:
    """A word that opens a subordinate or relative clause."""
    low = token.text.lower()
    if token.tag == "VG":
        return "onder" in token.features
    if token.tag == "VNW" and "betr" in token.features:
        return True
    return token.tag == "BW" and low in _RELATIVE_ADVERBS


def is_that(tokens: Sequence[Token], i: int, saying: bool = False) -> bool:
    """ "dat" opening what was said or known ("meldde …, dat …"), whatever Frog tagged it.

    Not the determiner ("op dat moment") nor a relative pronoun after a neuter
    noun ("het dorp dat …").
    """
    t = tokens[i]
    if t.text.lower() != "dat" or i == 0:
        return False
    if saying:
        return True  # "besloot het sporttribunaal CAS dat …": what was decided
    if "det" in t.features and not (i + 1 < len(tokens) and tokens[i + 1].tag == "SPEC"):
        return False  # "op dat moment", not "dat Rusland …"
    j = i - 1
    before = tokens[j]
    if before.text == "," and j > 0:
        before = tokens[j - 1]
    neuter = before.tag == "N" and "onz" in before.features and "ev" in before.features
    return not neuter


def _opens_clause(tokens: Sequence[Token], i: int) -> bool:
    """A subordinator, or "toen" after a comma ("…, toen Marioepol was ingenomen, …")."""
    t = tokens[i]
    return is_subordinator(t) or (t.text.lower() == "toen" and i > 0 and tokens[i - 1].text == ",")


def verb_cluster(tokens: Sequence[Token], verb: int, end: int) -> list[int]:
    """The non-finite verbs of the clause of *verb*: "(heeft …) uitgevaardigd", "(werd) gedood".

    Only verbs outside prepositional phrases count: "voor het verantwoordelijk
    houden" is a noun.
    """
    found: list[int] = []
    relative, skip_next = False, 0
    for i in range(verb + 1, end):
        t = tokens[i]
        if t.tag == "VNW" and "betr" in t.features:
            relative = True  # "(troepen) die aan het front waren ingezet": not this clause's
            continue
        if relative:
            if t.is_finite_verb:
                relative = False
                skip_next = int(t.lemma.lower() in AUXILIARIES)
            continue
        if skip_next and is_verb(t):
            skip_next = 0
            continue
        if not (is_verb(t) and {"vd", "inf"} & set(t.features)):
            if found and not is_particle(t) and t.tag != "WW":
                break
            continue
        before = tokens[i - 1]
        attributive = before.tag == "LID" or (before.tag == "ADJ" and "prenom" in before.features)
        if attributive or before.text.lower() == "te":  # "de verlaten staalfabriek"
            continue
        found.append(i)
    return found


def quoted(tokens: Sequence[Token]) -> set[int]:
    """Indices of tokens inside quotation marks (the marks included)."""
    inside: set[int] = set()
    opened = -1
    for i, t in enumerate(tokens):
        if t.text in _QUOTES:
            if opened < 0:
                opened = i
            else:
                inside.update(range(opened, i + 1))
                opened = -1
    return inside


def parenthesised(tokens: Sequence[Token]) -> set[int]:
    """Indices of tokens inside round brackets or between two dashes (the marks included)."""
    inside: set[int] = set()
    depth, opened = 0, -1
    for i, t in enumerate(tokens):
        if t.text == "(":
            depth, opened = depth + 1, i if depth == 0 else opened
        elif t.text == ")" and depth:
            depth -= 1
            if depth == 0:
                inside.update(range(opened, i + 1))
    dashes = [i for i, t in enumerate(tokens) if t.text in ("–", "—", "-")]  # " - aside - "
    for a, b in zip(dashes[::2], dashes[1::2], strict=False):
        inside.update(range(a, b + 1))  # "– waarbij een woonwijk werd getroffen –"
    return inside


@dataclass(frozen=True)
class Clause:
    """A clause of a sentence as token indices: [start, end), verb, subject span."""

    start: int
    end: int
    verb: int
    subject: tuple[int, int] | None
    inverted: bool  # the subject follows the verb ("Op 8 april overhandigde Von der Leyen")
    subordinate: bool = False


def main_verb(tokens: Sequence[Token], start: int = 0, end: int | None = None) -> int | None:
    """The finite verb of the first main clause in tokens[start:end], or None.

    A finite verb after a subordinator belongs to that subordinate clause, as
    do the verbs right after it ("die door Rusland werd bezet"). The clause is
    over at a comma after its verb, or when a finite verb follows its verb
    cluster directly ("het dorp dat Rusland innam werd heroverd").
    """
    end = len(tokens) if end is None else end
    skip = quoted(tokens) | parenthesised(tokens)
    in_sub = False
    sub_verb_seen = False
    for i in range(start, end):
        t = tokens[i]
        if i in skip:
            continue
        if t.text in (",", ";", ":", "–"):
            if sub_verb_seen or not in_sub:
                in_sub, sub_verb_seen = False, False
            continue
        if _opens_clause(tokens, i):
            in_sub, sub_verb_seen = True, False
            continue
        if t.is_finite_verb:
            if not in_sub:
                return i
            before = tokens[i - 1]
            if sub_verb_seen and (is_verb(before) or is_particle(before)):
                return i
            sub_verb_seen = True
    return None


def clause_end(tokens: Sequence[Token], verb: int) -> int:
    """Where the clause of *verb* ends: before a new clause or at the sentence end."""
    skip = quoted(tokens) | parenthesised(tokens) | _embedded_relatives(tokens, verb)
    saying = tokens[verb].lemma.lower() in SPEECH_VERBS
    for i in range(verb + 1, len(tokens)):
        t = tokens[i]
        if i in skip:
            continue
        if t.text in (";", ":"):
            return i
        if is_subordinator(t) or is_that(tokens, i, saying):
            return i
        if t.text == "," and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            embedded = (
                (_embedded_clause(tokens, i) or _role_aside(tokens, i))
                if is_subordinator(nxt)
                else None
            )
            if embedded is not None:
                skip.update(range(i, embedded + 1))  # "hervatten …, nadat ze …, een bombardement"
                continue
            if (
                is_subordinator(nxt)
                or is_that(tokens, i + 1)
                or (
                    nxt.tag == "VZ"
                    and "fin" not in nxt.features  # ", … aan dat": the verb's particle first
                    and i + 2 < len(tokens)
                    and is_subordinator(tokens[i + 2])
                )
            ):
                return i
            if nxt.tag == "VG" and _finite_soon(tokens, i + 2):
                return i
            if nxt.is_finite_verb:
                return i
        if t.tag == "VG" and "neven" in t.features and _finite_soon(tokens, i + 1):
            return i
        if t.text == "." and i == len(tokens) - 1:
            return i
    return len(tokens)


def _embedded_clause(tokens: Sequence[Token], comma: int) -> int | None:
    """The closing comma of ", nadat … ," when the main clause goes on after it with its
    object ("hervatten Russische troepen, nadat …, een bombardement op …"), else None."""
    finite = next((j for j in range(comma + 2, len(tokens)) if tokens[j].is_finite_verb), None)
    if finite is None:
        return None
    close = next((j for j in range(finite, len(tokens)) if tokens[j].text in (",", ";", ".")),
                 None)  # fmt: skip
    if close is None or tokens[close].text != "," or close + 1 >= len(tokens):
        return None
    after = tokens[close + 1]
    opens = after.tag in ("LID", "TW", "N", "ADJ") or (
        after.tag == "VNW" and "det" in after.features
    )
    if not opens:
        return None
    stop = next((j for j in range(close + 1, len(tokens)) if tokens[j].text in (",", ";", ".")),
                len(tokens))  # fmt: skip
    if any(t.is_finite_verb for t in tokens[close + 1 : stop]):
        return None
    return close


def _role_aside(tokens: Sequence[Token], comma: int) -> int | None:
    """The closing comma of ", als tegenmaatregel," -- a role, no clause: "sloot Rusland,
    als tegenmaatregel, het luchtruim" goes on after it -- else None."""
    if comma + 2 >= len(tokens) or tokens[comma + 1].text.lower() != "als":
        return None
    close = next(
        (j for j in range(comma + 2, len(tokens)) if tokens[j].text in (",", ";", ".")), None
    )
    if close is None or tokens[close].text != "," or close + 1 >= len(tokens):
        return None
    if any(t.tag in ("WW", "VG") for t in tokens[comma + 2 : close]):
        return None
    return close


def _embedded_relatives(tokens: Sequence[Token], verb: int) -> set[int]:
    """ ", die ongeveer 400 mensen huisvestte," inside a clause that goes on after it,
    and a "dat" clause that completes a noun ("de mogelijkheid dat …")."""
    inside: set[int] = set()
    for i in range(verb + 1, len(tokens) - 2):
        said = noun_clause_end(tokens, i, len(tokens))
        if said is not None:
            inside.update(range(i, said))
            continue
        relative = tokens[i + 1]
        if tokens[i].text != "," or not (relative.tag == "VNW" and "betr" in relative.features):
            continue
        if tokens[i - 1].tag not in ("N", "SPEC"):
            continue
        j = relative_end(tokens, i + 1, len(tokens))
        if j < len(tokens) and tokens[j].text == ",":
            inside.update(range(i, j + 1))
    return inside


def _finite_soon(tokens: Sequence[Token], start: int) -> bool:
    """A finite verb within the next few words: a coordinated clause, not a list."""
    for t in tokens[start : start + 7]:
        if t.text in (",", ".", ";") or is_subordinator(t) or t.text.lower() == "dat":
            return False
        if t.is_finite_verb:
            return True
    return False


def subject_after(tokens: Sequence[Token], verb: int, end: int) -> tuple[int, int] | None:
    """The subject of an inverted clause: the first noun phrase after the verb.

    Prepositional phrases, adverbs and "er" are skipped ("werd tijdens een
    luchtaanval in Marioepol een kraamkliniek verwoest"). The subject keeps
    its genitive and an apposition naming it ("de Russische ambassadeur in de
    VS, Anatoli Antonov,"). Frog's "su" label is used only when no noun
    phrase is found: it often marks the object.
    """
    skip = quoted(tokens) | parenthesised(tokens)
    i = verb + 1
    while i < end:
        t = tokens[i]
        number = quantity_at(tokens, i, end)
        if number is not None:  # "zeker 23 doden", "meer dan 40 landen": the phrase starts here
            span = np_span(tokens, number, end, verb + 1)
            return with_modifiers(tokens, coordinated_np(tokens, (i, span[1]), end), end)
        opens = t.tag == "LID" or (t.tag == "ADJ" and "prenom" in t.features)
        adverb = t.tag in ("BW", "LET", "ADJ") and not t.chunk.endswith("NP") and not opens
        if i in skip or adverb:
            i += 1
            continue
        if complete_unit(t):  # "voor_het_eerst", "naar_verluidt"
            i += 1
            continue
        if t.tag == "VZ":  # a prepositional phrase: skip it
            i = max(i + 1, phrase_end(tokens, i, end))
            continue
        if t.tag == "VNW" and ("adv-pron" in t.features or "refl" in t.features):  # "er", "zich"
            i += 1
            continue
        if starts_noun_phrase(t) and (t.chunk.endswith("NP") or is_name(t) or opens):
            return with_modifiers(
                tokens, coordinated_np(tokens, np_span(tokens, i, end, verb + 1), end), end
            )
        if t.tag == "WW":
            break
        i += 1
    for i in range(verb + 1, end):
        t = tokens[i]
        if t.rel == "su" and t.head == verb and i not in skip and t.tag in ("N", "SPEC"):
            return coordinated_np(tokens, np_span(tokens, i, end, verb + 1), end)
    # "werden 'speciale maatregelen' ingevoerd": a quotation as the last resort
    inside = sorted(i for i in quoted(tokens) if verb < i < end)
    if inside and any(tokens[i].tag == "N" for i in inside):
        close = next((i for i in inside[1:] if tokens[i].text in _QUOTES), inside[-1])
        return inside[0], close + 1
    return None


def analyse_clause(
    tokens: Sequence[Token],
    fronted: set[int] | None = None,
    past: dict[str, str] | None = None,
    start: int = 0,
) -> Clause | None:
    """The sentence's first main clause.

    *fronted*: token indices known to be adverbials (the sentence's dates);
    a clause that starts with them has its subject after the verb. A word
    Frog tagged as a participle or a noun in the verb's slot right after a
    fronted date is the verb ("Op 18 maart beschoten …", "… namen Russische
    troepen …"): Dutch puts nothing else there.
    """
    fronted = fronted or set()
    verb = main_verb(tokens, start)
    slot = _verb_slot(tokens, fronted) if start == 0 else None
    if slot is None and start == 0:
        slot = _after_phrase(tokens)
    participle = slot is not None and tokens[slot].tag == "WW" and "prenom" not in tokens[slot].pos
    if (
        slot is not None
        and (verb is None or _clause_break(tokens, slot, verb) or (participle and verb > slot))
        and (tokens[slot].tag == "WW" or past_lemma(tokens[slot].text, past or {}) is not None)
        and not tokens[slot].text[:1].isupper()
    ):
        verb = slot
    if verb is None:
        return None
    end = clause_end(tokens, verb)
    first = start
    # A leading subordinate clause ends at the comma before the main verb.
    if is_subordinator(tokens[first]) or (tokens[first].tag == "VZ" and first + 1 < verb
                                          and is_subordinator(tokens[first + 1])):  # fmt: skip
        commas = [i for i in range(first, verb) if tokens[i].text == ","]
        first = commas[-1] + 1 if commas else verb
    prefield = [i for i in range(first, verb) if tokens[i].tag != "LET" or tokens[i].text == "'"]
    if not prefield or all(i in fronted for i in prefield if tokens[i].tag != "LET"):
        return Clause(first, end, verb, subject_after(tokens, verb, end), True)
    head = tokens[prefield[0]]
    if head.text.lower() in FOCUS and len(prefield) > 1 and starts_noun_phrase(tokens[prefield[1]]):
        return Clause(first, end, verb, (prefield[1], verb), False)  # "Ook Turkije werd …"
    opens_adverbial = (
        head.tag in ("VZ", "BW", "VG")
        or (head.tag == "VNW" and "adv-pron" in head.features)
        or (len(prefield) == 1 and head.tag == "ADJ" and "vrij" in head.features)
    )  # "Verder dateerde het citaat …"
    if opens_adverbial or _is_time_phrase(tokens, prefield) or prefield[0] in fronted:
        return Clause(first, end, verb, subject_after(tokens, verb, end), True)
    return Clause(first, end, verb, (prefield[0], verb), False)


def _after_phrase(tokens: Sequence[Token]) -> int | None:
    """ "Vanuit Soemy | bewogen de Russische troepen zich …": the verb's slot after a fronted
    prepositional phrase, when Frog read its past tense as a participle."""
    if len(tokens) < 3 or tokens[0].tag != "VZ" or any(t.is_finite_verb for t in tokens[:3]):
        return None
    i = phrase_end(tokens, 0, len(tokens))
    if i >= len(tokens) or tokens[i].tag != "WW" or "vd" not in tokens[i].features:
        return None
    return i


def _clause_break(tokens: Sequence[Token], slot: int, verb: int) -> bool:
    """The finite verb found lies in a later clause than the slot ("…, waardoor …")."""
    return verb > slot and any(
        t.text in (",", ";") or _opens_clause(tokens, k)
        for k, t in enumerate(tokens[slot:verb], start=slot)
    )


def _verb_slot(tokens: Sequence[Token], fronted: set[int]) -> int | None:
    """The position after a fronted date (and an aside between commas after it)."""
    i = 0
    while i < len(tokens) and i in fronted:
        i += 1
    if i == 0 or i >= len(tokens):
        return None
    if tokens[i].text == ",":
        closing = next((j for j in range(i + 1, len(tokens)) if tokens[j].text == ","), None)
        if closing is None:
            return None
        i = closing + 1
    return i if i < len(tokens) else None


_TIME_NOUNS = frozenset({"dag", "avond", "ochtend", "nacht", "middag", "week", "maand", "jaar"})


def is_time_phrase(tokens: Sequence[Token], prefield: list[int]) -> bool:
    return _is_time_phrase(tokens, prefield)


def _is_time_phrase(tokens: Sequence[Token], prefield: list[int]) -> bool:
    """ "Dezelfde dag", "Die avond", "Twee dagen later": a fronted time adverbial."""
    inside = parenthesised(tokens)
    kept = [i for i in prefield if i not in inside]
    if any(is_name(tokens[i]) for i in kept):
        return False  # "Generaal-majoor Kanamat Botasjev (63 jaar)" is a subject
    words = [tokens[i].lemma.lower() for i in kept]
    return len(words) <= 4 and any(w in _TIME_NOUNS for w in words)
