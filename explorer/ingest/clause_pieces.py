"""The parts a headline is made of: its subject, its verb in the present tense, the rest.

:mod:`headlines` decides which clause of a sentence tells the news; this
module turns a clause into :class:`~explorer.ingest.compress.Piece` lists:
the subject without its article and asides (or with the name an apposition
gives it), the finite verb in the present tense ("werd gedood" -> "gedood",
"heeft … uitgevaardigd" -> "vaardigt … uit", "aansloot" -> "sluit … aan"),
and a subordinate clause in main-clause order ("dat de Russen door waren
gegaan" -> "Russen gaan … door").
"""

from __future__ import annotations

from collections.abc import Sequence

from explorer.ingest.analysis import Token
from explorer.ingest.clauses import (
    FOCUS,
    Clause,
    is_subordinator,
    is_time_phrase,
    parenthesised,
    quoted,
    verb_cluster,
)
from explorer.ingest.nounphrases import (
    complete_unit,
    is_name,
    is_particle,
    is_verb,
    np_span,
    phrase_end,
    strip_article,
)
from explorer.ingest.pieces import Piece
from explorer.ingest.subclauses import comma_relatives, expletive
from explorer.ingest.units import fixed_phrase
from explorer.ingest.verbs import past_lemma, present
from explorer.ingest.wordclasses import REPORT_WORDS

PRONOUNS = frozenset({"hij", "zij", "ze", "het", "dit", "dat", "deze", "die", "men", "er", "wij"})
#: Verbs whose perfect takes "zijn" without being passive: "is gevallen", "waren
#: doorgegaan" become the present ("valt", "gaan … door"), not a bare participle.
UNACCUSATIVE = frozenset({
    "gaan", "komen", "vallen", "sterven", "sneuvelen", "beginnen", "blijven", "vertrekken",
    "verdwijnen", "ontstaan", "stijgen", "dalen", "groeien", "zinken", "vluchten", "slagen",
    "mislukken", "lukken", "gebeuren", "overlijden", "ontsnappen", "keren", "nemen", "worden",
    "verschijnen", "exploderen", "ontploffen", "trekken", "rukken", "lopen", "raken", "belanden",
    "stoppen", "eindigen", "verlopen", "arriveren", "landen", "varen", "vliegen", "rijden",
})  # fmt: skip


_TIME_NOUNS = frozenset({"keer", "dag", "week", "maand", "jaar", "tijd", "uur", "nacht", "avond",
                         "ochtend", "middag", "moment", "periode"})  # fmt: skip


def word(text: str, token: Token) -> str:
    return text[token.start : token.end]


def piece(text: str, tokens: Sequence[Token], i: int) -> Piece:
    return Piece(i, word(text, tokens[i]))


def _name_apposition(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int] | None:
    """ ", Andrei Kelin," inside a subject: the name a headline should use."""
    for i in range(start, end):
        if tokens[i].text != ",":
            continue
        j = i + 1
        while j < end and (tokens[j].tag == "SPEC" or tokens[j].ner.startswith("I-")):
            j += 1
        if j > i + 1 and (j == end or tokens[j].text == ","):
            return i + 1, j
    return None


def subject_pieces(text: str, tokens: Sequence[Token], span: tuple[int, int]) -> list[Piece]:
    """The subject without article; an aside between commas dropped, or used as its name."""
    start, end = strip_article(tokens, span)
    relative = next((i for i in range(start + 1, end) if tokens[i].tag == "VNW"
                     and "betr" in tokens[i].features), end)  # fmt: skip
    end = relative
    name = None if _is_list(tokens, start, end) else _name_apposition(tokens, start, end)
    comma = next((i for i in range(start, end) if tokens[i].text == ","), end)
    if name is not None:
        # "De Russische ambassadeur in het VK, Andrei Kelin" -> "Russische ambassadeur Andrei Kelin"
        head = next((i for i in range(start, comma) if tokens[i].tag == "VZ"), comma)
        keep = list(range(start, head)) + list(range(*name))
    elif _is_list(tokens, start, end):
        keep = list(range(start, end))
    else:
        keep = list(range(start, comma))
    inside = parenthesised(tokens)
    return [piece(text, tokens, i) for i in keep if i not in inside]


def _is_list(tokens: Sequence[Token], start: int, end: int) -> bool:
    words = [t for t in tokens[start:end] if t.text != ","]
    return any(t.text in ("en", "of") for t in words) and all(
        t.tag in ("SPEC", "LID", "VG") or t.ner != "O" for t in words
    )


def _in_phrases(tokens: Sequence[Token], start: int, end: int) -> set[int]:
    """Token indices inside prepositional phrases (the preposition and its noun phrase)."""
    inside: set[int] = set()
    i = start
    while i < end:
        if tokens[i].tag == "VZ" and "init" in tokens[i].features:
            j = i + 1
            if j < end and tokens[j].chunk.endswith("NP"):
                j = np_span(tokens, j, end)[1]
            inside.update(range(i, j))
            i = j
        else:
            i += 1
    return inside


def free_nouns(tokens: Sequence[Token], start: int, end: int, skip: set[int]) -> list[int]:
    """Nouns and names between *start* and *end* outside prepositional phrases."""
    inside = _in_phrases(tokens, start, end) | skip
    return [
        i
        for i in range(start, end)
        if i not in inside
        and tokens[i].tag in ("N", "SPEC")
        and tokens[i].text.lower() not in REPORT_WORDS
    ]


def present_verb(
    text: str, tokens: Sequence[Token], clause: Clause, forms: dict[str, str], future: bool = False
) -> tuple[list[Piece], set[int], dict[int, Piece]]:
    """The finite verb in the present tense, and what that does to the verbs after it.

    Returns the pieces to put after the subject, the token indices the rewrite
    removes, and replacements for tokens further on (a separated particle).
    """
    verb = tokens[clause.verb]
    lemma = verb.lemma.lower()
    plural = "mv" in verb.features
    known = past_lemma(verb.text, forms) if verb.tag != "WW" else None
    if verb.tag == "WW" and "vd" in verb.features and lemma in forms:
        known = lemma  # "(Vanuit Soemy) bewogen (de troepen)": a past tense read as participle
    if known is not None:  # "namen", "schorsten" tagged as a noun
        lemma = known
        verb = Token(verb.text, lemma, "WW(pv,verl,mv)" if verb.text.endswith("en") else
                     "WW(pv,verl,ev)", verb.ner, verb.chunk, verb.head, verb.rel, verb.start,
                     verb.end)  # fmt: skip
        plural = "mv" in verb.features
    number = subject_number(tokens, clause.subject) if clause.subject else None
    if number is False and plural and clause.subject:
        joined = any(t.text.lower() in ("en", "alsmede") for t in tokens[slice(*clause.subject)])
        number = None if joined else number  # "De staatsgreep in Moskou en het uiteenvallen"
    plural = plural if number is None else number
    subject = set(range(*clause.subject)) if clause.subject else set()
    cluster = [i for i in verb_cluster(tokens, clause.verb, clause.end) if i not in subject]
    participles = [i for i in cluster if "vd" in tokens[i].features]
    infinitives = [i for i in cluster if "inf" in tokens[i].features]
    objects = free_nouns(tokens, clause.verb + 1, clause.end, subject | quoted(tokens))
    unaccusative = any(tokens[i].lemma.lower() in UNACCUSATIVE for i in participles)
    # "zijn … ontvlucht" with an object is active; "deze keer" is no object
    objects = [i for i in objects if tokens[i].lemma.lower() not in _TIME_NOUNS]
    passive = lemma == "worden" or (lemma == "zijn" and not objects and not unaccusative)
    if participles and not infinitives and passive:
        # "werd gedood" -> "gedood": the participle takes the verb's place; two joined
        # ("beschoten en ook ingenomen") move with what is between them.
        moved = list(range(participles[0], participles[-1] + 1))
        if any(tokens[i].text in (",", ";") or tokens[i].is_finite_verb for i in moved):
            moved = participles[:1]
        return [piece(text, tokens, i) for i in moved], set(moved), {}
    if participles and not infinitives and lemma in ("hebben", "zijn") and len(participles) == 1:
        part = tokens[participles[0]]
        rewritten = _participle_present(part, plural, forms, word(text, part))
        if rewritten is not None:
            form, particle = rewritten
            replace = {participles[0]: Piece(participles[0], particle)} if particle else {}
            return [Piece(clause.verb, form)], set() if particle else {participles[0]}, replace
    if lemma == "zullen" and not future and infinitives:
        # "zou instorten" -> "stort … in", "zou worden verzameld" -> "verzameld"
        inf = tokens[infinitives[0]]
        if inf.lemma.lower() == "worden" and participles:
            moved = participles[:1]
            return [piece(text, tokens, i) for i in moved], {*moved, infinitives[0]}, {}
        particle = particle_of(inf)
        now = present(inf.lemma.lower()[len(particle) :], plural, forms)
        if now is not None:
            kept = {infinitives[0]: Piece(infinitives[0], particle)} if particle else {}
            gone = set() if particle else {infinitives[0]}
            return [Piece(infinitives[0], now)], gone, kept
    if "verl" in verb.features and (lemma != "zullen" or future):
        particle = particle_of(verb) if clause.subordinate else ""
        now = present(lemma[len(particle) :], plural, forms)
        if now is not None:
            return [Piece(clause.verb, _match_case(now, word(text, verb)))], set(), {}
    return [piece(text, tokens, clause.verb)], set(), {}


_PARTICLES = ("aan", "af", "op", "uit", "in", "mee", "terug", "toe", "voor", "door", "over",
              "om", "weg", "bij", "na", "neer", "vast", "samen", "binnen", "tegen")  # fmt: skip


def particle_of(verb: Token) -> str:
    """The separable particle a subordinate clause writes joined: "aansloot" -> "aan"."""
    low, lemma = verb.text.lower(), verb.lemma.lower()
    for particle in _PARTICLES:
        if (
            low.startswith(particle)
            and lemma.startswith(particle)
            and len(lemma) > len(particle) + 3
        ):
            return particle
    return ""


def _participle_present(
    part: Token, plural: bool, forms: dict[str, str], written: str
) -> tuple[str, str] | None:
    """ "uitgevaardigd" (lemma "uitvaardigen") -> ("vaardigt", "uit")."""
    lemma = part.lemma.lower()
    low = written.lower()
    for cut in range(2, min(len(lemma), 8)):
        prefix = lemma[:cut]
        if low.startswith(prefix + "ge") and not lemma.startswith(prefix + "ge"):
            form = present(lemma[cut:], plural, forms)
            return (form, prefix) if form else None
    form = present(lemma, plural, forms)
    return (form, "") if form else None


def _match_case(form: str, written: str) -> str:
    return form[:1].upper() + form[1:] if written[:1].isupper() else form


def clause_pieces(
    text: str,
    tokens: Sequence[Token],
    clause: Clause,
    forms: dict[str, str],
    drop: set[int],
    future: bool = False,
) -> tuple[list[Piece], set[int]]:
    """Subject + present-tense verb + the rest of the clause; and the verb's tokens."""
    verb_pieces, removed, replace = present_verb(text, tokens, clause, forms, future)
    subject_span = set(range(*clause.subject)) if clause.subject else set()
    subject = subject_pieces(text, tokens, clause.subject) if clause.subject else []
    subject = [p for p in subject if p.index not in drop]  # "medio november 2022 kritiek"
    first_after = clause.verb + 1
    existential = (
        tokens[clause.verb].lemma.lower() == "zijn"
        and len(verb_pieces) == 1
        and verb_pieces[0].index == clause.verb
    )
    has_er = (first_after < clause.end and expletive(tokens[first_after])) or (
        clause.subordinate and any(expletive(t) for t in tokens[clause.start : clause.verb])
    )
    if clause.inverted and has_er and existential:
        verb_pieces = []  # "was er een opbouw" -> "opbouw …"
    pieces = subject + verb_pieces
    taken = subject_span | removed | ({p.index for p in verb_pieces} - set(replace)) | drop
    taken |= {clause.verb} - set(replace)
    if clause.subordinate:
        first = clause.start
        taken |= {i for i in range(clause.start, clause.verb) if expletive(tokens[i])}
        taken |= comma_relatives(tokens, clause.start) & set(range(clause.start, clause.verb))
    else:
        first = clause.verb + 1 if clause.inverted else clause.verb
    middle = [i for i in range(first, clause.end) if i not in taken]
    if clause.inverted and middle and expletive(tokens[middle[0]]):
        middle = middle[1:]  # "verscheen er … een bericht" -> "bericht verschijnt …"
    fronted = _prefield(tokens, clause, taken) if clause.inverted and not clause.subordinate else []
    lead, middle = _before_participle(tokens, verb_pieces, middle)
    pieces = subject + [piece(text, tokens, i) for i in lead] + verb_pieces
    if clause.subordinate:
        # "… door waren gegaan": the rest of the verb cluster goes to the end, joined.
        tail = _final_cluster(tokens, clause.verb, set(middle))
        middle = [i for i in middle if i not in tail]
        rest = [replace.get(i, piece(text, tokens, i)) for i in middle]
        written = tokens[clause.verb].text.lower()
        particle = particle_of(tokens[clause.verb])
        if particle and verb_pieces and verb_pieces[0].text.lower() != written:
            # "aansloot" -> "sluit … aan", before a phrase: "ziet af van het idee"
            at = next((k for k, i in enumerate(middle) if tokens[i].tag == "VZ"), len(middle))
            rest.insert(at, Piece(clause.verb, particle))
        pieces += rest
        if tail:
            joined = ""
            for i in tail:
                word = replace.get(i, piece(text, tokens, i)).text
                after_particle = bool(joined) and is_particle(tokens[tail[tail.index(i) - 1]])
                glue = "" if not joined or after_particle else " "  # "mee mocht doen" -> "meedoen"
                joined += glue + word
            # where the cluster stood: before what followed it ("staan te dringen | om …")
            at = len(pieces)
            while (
                at > 0 and pieces[at - 1].index > tail[-1] and pieces[at - 1].index != clause.verb
            ):
                at -= 1
            pieces.insert(at, Piece(tail[-1], joined))
    else:
        pieces += [replace.get(i, piece(text, tokens, i)) for i in middle]
    # what stood before the verb goes last, without the capital of the sentence's start
    pieces += [Piece(i, _sentence_case(tokens, i, piece(text, tokens, i).text)) for i in fronted]
    return pieces, {p.index for p in verb_pieces} | {clause.verb}


def _sentence_case(tokens: Sequence[Token], i: int, written: str) -> str:
    if i == 0 and not is_name(tokens[i]) and written[:1].isupper() and written[1:2].islower():
        return written[:1].lower() + written[1:]
    return written


def _prefield(tokens: Sequence[Token], clause: Clause, taken: set[int]) -> list[int]:
    """What stood before an inverted clause's verb, besides its date: "Bij een raketaanval
    op het station (vielen zeker 25 doden)" goes after the verb; a time phrase ("Twee
    dagen later") does not: the card shows the date."""
    words = [i for i in range(clause.start, clause.verb) if i not in taken]
    words = [i for i in words if tokens[i].tag != "LET" or tokens[i].text in ("'", '"')]
    words = [i for i in words if not expletive(tokens[i])]
    while words and tokens[words[0]].text.lower() in FOCUS:
        words = words[1:]  # "Ook aan het junior Eurovisiesongfestival (mag Rusland niet meedoen)"
    if not words or is_time_phrase(tokens, words) or is_subordinator(tokens[words[0]]):
        return []
    if not any(tokens[i].tag in ("N", "SPEC") for i in words):
        return []  # "Eveneens", "Als eerste": it linked the sentence to the one before
    if len(words) > 12 or any(tokens[i].tag == "WW" for i in words):
        return []
    return [i for i in range(words[0], words[-1] + 1) if i not in taken]


def _before_participle(
    tokens: Sequence[Token], verb_pieces: list[Piece], middle: list[int]
) -> tuple[list[int], list[int]]:
    """What stays before a passive participle moved up: "Loehansk volledig ingenomen",
    "300 inwoners om het leven gebracht", "Rusland uit de RVE gezet".

    Adverbs and the phrase the verb asks for, where the sentence had them
    before the participle; other phrases ("tijdens een luchtaanval") follow it.
    """
    if not verb_pieces or tokens[verb_pieces[0].index].tag != "WW":
        return [], middle
    participle = verb_pieces[0].index
    if "vd" not in tokens[participle].features:
        return [], middle
    lemma = tokens[participle].lemma.lower()
    before = [i for i in middle if i < participle]
    plain = not any(t.text in (",", ";") or t.tag == "WW" or is_subordinator(t)
                    for t in (tokens[i] for i in before))  # fmt: skip
    if len(before) <= 4 and plain:
        return before, [i for i in middle if i > participle]  # "Rusland helemaal uit de RVE gezet"
    lead: list[int] = []
    k = 0
    while k < len(middle) and middle[k] < participle:
        i = middle[k]
        t = tokens[i]
        if _adverb(t) or complete_unit(t):
            lead.append(i)
            k += 1
            continue
        if t.tag == "VZ" and fixed_phrase(tokens, i, lemma):
            end = phrase_end(tokens, i, len(tokens))
            while k < len(middle) and middle[k] < end:
                lead.append(middle[k])
                k += 1
            continue
        k += 1
    return lead, [i for i in middle if i not in lead]


def subject_number(tokens: Sequence[Token], span: tuple[int, int]) -> bool | None:
    """Whether the subject is plural, where its words say so: "A en B", a plural common
    noun; None for a name, a pronoun or when unsure (the verb's own number stands)."""
    words = tokens[span[0] : span[1]]
    head_end = next((k for k, t in enumerate(words) if t.tag == "VZ" or (
        t.tag == "VNW" and "betr" in t.features)), len(words))  # fmt: skip
    head = [t for t in words[:head_end] if t.tag != "LET"]
    nouns = [t for t in head if t.tag in ("N", "SPEC")]
    if not head or head[-1].tag not in ("N", "SPEC") or time_phrase(head):
        return None
    joined = [k for k, t in enumerate(head) if t.text.lower() == "en"]
    if joined:  # "Spanje, Noorwegen en de VS"; unsure for "tweede en derde ronde"
        return True if any(t.tag in ("N", "SPEC") for t in head[: joined[0]]) else None
    if len(nouns) != 1 or nouns[0].lemma.lower() in ("aantal", "paar", "groep", "reeks"):
        return None  # "het aantal aanvallen": unsure which noun counts
    last = head[-1]
    if last.tag == "N" and last.text[:1].islower():
        return "mv" in last.features
    return None


def time_phrase(words: Sequence[Token]) -> bool:
    return any(t.lemma.lower() in _TIME_NOUNS for t in words)


def is_pronoun(tokens: Sequence[Token], span: tuple[int, int]) -> bool:
    """A subject that is only a pronoun ("hij", "dit"), not "het lange konvooi"."""
    return span[1] - span[0] == 1 and tokens[span[0]].text.lower() in PRONOUNS


def _adverb(token: Token) -> bool:
    return token.tag == "BW" or (token.tag == "ADJ" and "vrij" in token.features)


def _final_cluster(tokens: Sequence[Token], verb: int, middle: set[int]) -> list[int]:
    """The verbs and particles around a subordinate clause's finite verb: "door waren gegaan"."""

    def clustered(i: int) -> bool:
        return is_verb(tokens[i]) or is_particle(tokens[i]) or tokens[i].text.lower() == "te"

    before = verb
    while before - 1 in middle and clustered(before - 1):
        before -= 1
    after = verb + 1
    while after in middle and clustered(after):
        after += 1
    return [i for i in range(before, after) if i in middle]


def _next_is_verb(tokens: Sequence[Token], i: int) -> bool:
    return i + 1 < len(tokens) and is_verb(tokens[i + 1])
