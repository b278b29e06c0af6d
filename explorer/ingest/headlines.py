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
from explorer.ingest.clauses import (
    FOCUS,
    Clause,
    analyse_clause,
    clause_end,
    is_name,
    is_particle,
    is_subordinator,
    is_verb,
    np_span,
    parenthesised,
    strip_article,
    verb_cluster,
    with_modifiers,
)
from explorer.ingest.compress import Frame, Piece, fit, pieces_text
from explorer.ingest.verbs import present

#: Verbs that report what someone said: "X meldde dat Y" -> "X: Y".
SPEECH_VERBS = frozenset({
    "melden", "zeggen", "verklaren", "stellen", "beweren", "berichten", "rapporteren",
    "waarschuwen", "schrijven", "onthullen", "claimen", "bevestigen", "meedelen",
    "concluderen", "erkennen", "verkondigen", "tweeten",
})  # fmt: skip
#: Announcements: "X kondigde aan dat hij Y zou doen" -> "X zal Y doen".
ANNOUNCING = frozenset({"kondigen", "aankondigen", "maken", "bekendmaken", "laten"})
# Words that only say "this is a report", not what happened.
_REPORT_WORDS = frozenset({"bekend", "aan", "weten", "mee", "melding", "bekendgemaakt"})
_PRONOUNS = frozenset({"hij", "zij", "ze", "het", "dit", "dat", "deze", "die", "men", "er", "wij"})
_COPULAS = frozenset({"zijn", "worden", "betekenen", "blijken", "lijken"})
_MODALS = frozenset({"zullen", "kunnen", "moeten", "willen", "mogen"})
SHORT = 50
#: Verbs whose perfect takes "zijn" without being passive: "is gevallen", "waren
#: doorgegaan" become the present ("valt", "gaan … door"), not a bare participle.
UNACCUSATIVE = frozenset({
    "gaan", "komen", "vallen", "sterven", "sneuvelen", "beginnen", "blijven", "vertrekken",
    "verdwijnen", "ontstaan", "stijgen", "dalen", "groeien", "zinken", "vluchten", "slagen",
    "mislukken", "lukken", "gebeuren", "overlijden", "ontsnappen", "keren", "nemen", "worden",
    "verschijnen", "exploderen", "ontploffen", "trekken", "rukken", "lopen", "raken", "belanden",
    "stoppen", "eindigen", "verlopen", "arriveren", "landen", "varen", "vliegen", "rijden",
})  # fmt: skip


def _word(text: str, token: Token) -> str:
    return text[token.start : token.end]


def _piece(text: str, tokens: Sequence[Token], i: int) -> Piece:
    return Piece(i, _word(text, tokens[i]))


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


def _subject_pieces(text: str, tokens: Sequence[Token], span: tuple[int, int]) -> list[Piece]:
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
    return [_piece(text, tokens, i) for i in keep if i not in inside]


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


def _free_nouns(tokens: Sequence[Token], start: int, end: int, skip: set[int]) -> list[int]:
    """Nouns and names between *start* and *end* outside prepositional phrases."""
    inside = _in_phrases(tokens, start, end) | skip
    return [
        i
        for i in range(start, end)
        if i not in inside
        and tokens[i].tag in ("N", "SPEC")
        and tokens[i].text.lower() not in _REPORT_WORDS
    ]


def _verb_pieces(
    text: str, tokens: Sequence[Token], clause: Clause, forms: dict[str, str], future: bool = False
) -> tuple[list[Piece], set[int], dict[int, Piece]]:
    """The finite verb in the present tense, and what that does to the verbs after it.

    Returns the pieces to put after the subject, the token indices the rewrite
    removes, and replacements for tokens further on (a separated particle).
    """
    verb = tokens[clause.verb]
    lemma = verb.lemma.lower()
    plural = "mv" in verb.features
    subject = set(range(*clause.subject)) if clause.subject else set()
    cluster = [i for i in verb_cluster(tokens, clause.verb, clause.end) if i not in subject]
    participles = [i for i in cluster if "vd" in tokens[i].features]
    infinitives = [i for i in cluster if "inf" in tokens[i].features]
    objects = _free_nouns(tokens, clause.verb + 1, clause.end, subject)
    unaccusative = any(tokens[i].lemma.lower() in UNACCUSATIVE for i in participles)
    passive = lemma == "worden" or (lemma == "zijn" and not objects and not unaccusative)
    if participles and not infinitives and passive:
        # "werd gedood" -> "gedood": the participle takes the verb's place.
        moved = [i for i in participles if i <= participles[-1]]
        return [_piece(text, tokens, i) for i in moved], set(moved), {}
    if participles and not infinitives and lemma in ("hebben", "zijn") and len(participles) == 1:
        part = tokens[participles[0]]
        rewritten = _participle_present(part, plural, forms, _word(text, part))
        if rewritten is not None:
            form, particle = rewritten
            replace = {participles[0]: Piece(participles[0], particle)} if particle else {}
            return [Piece(clause.verb, form)], set() if particle else {participles[0]}, replace
    if "verl" in verb.features and (lemma != "zullen" or future):
        particle = _particle_of(verb) if clause.subordinate else ""
        now = present(lemma[len(particle) :], plural, forms)
        if now is not None:
            return [Piece(clause.verb, _match_case(now, _word(text, verb)))], set(), {}
    return [_piece(text, tokens, clause.verb)], set(), {}


_PARTICLES = ("aan", "af", "op", "uit", "in", "mee", "terug", "toe", "voor", "door", "over",
              "om", "weg", "bij", "na", "neer", "vast", "samen", "binnen", "tegen")  # fmt: skip


def _particle_of(verb: Token) -> str:
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


def _clause_pieces(
    text: str,
    tokens: Sequence[Token],
    clause: Clause,
    forms: dict[str, str],
    drop: set[int],
    future: bool = False,
) -> tuple[list[Piece], set[int]]:
    """Subject + present-tense verb + the rest of the clause; and the verb's tokens."""
    verb_pieces, removed, replace = _verb_pieces(text, tokens, clause, forms, future)
    subject_span = set(range(*clause.subject)) if clause.subject else set()
    subject = _subject_pieces(text, tokens, clause.subject) if clause.subject else []
    subject = [p for p in subject if p.index not in drop]  # "medio november 2022 kritiek"
    first_after = clause.verb + 1
    existential = tokens[clause.verb].lemma.lower() == "zijn" and len(verb_pieces) == 1
    if clause.inverted and first_after < clause.end and _expletive(tokens[first_after]):
        verb_pieces = [] if existential else verb_pieces  # "was er een opbouw" -> "opbouw …"
    pieces = subject + verb_pieces
    taken = subject_span | removed | {p.index for p in verb_pieces} | drop | {clause.verb}
    if clause.subordinate:
        first = clause.subject[1] if clause.subject else clause.start
    else:
        first = clause.verb + 1 if clause.inverted else clause.verb
    middle = [i for i in range(first, clause.end) if i not in taken]
    if clause.inverted and middle and _expletive(tokens[middle[0]]):
        middle = middle[1:]  # "verscheen er … een bericht" -> "bericht verschijnt …"
    if clause.subordinate:
        # "… door waren gegaan": the rest of the verb cluster goes to the end, joined.
        cluster = [i for i in middle if is_verb(tokens[i]) or is_particle(tokens[i])]
        tail = [i for i in cluster if i > clause.verb or _next_is_verb(tokens, i)]
        middle = [i for i in middle if i not in tail]
        pieces += [replace.get(i, _piece(text, tokens, i)) for i in middle]
        written = tokens[clause.verb].text.lower()
        particle = _particle_of(tokens[clause.verb])
        if particle and verb_pieces and verb_pieces[0].text.lower() != written:
            pieces.append(Piece(clause.verb, particle))  # "aansloot" -> "sluit … aan"
        if tail:
            joined = ""
            for i in tail:
                word = replace.get(i, _piece(text, tokens, i)).text
                glue = "" if not joined or (is_particle(tokens[i - 1]) and i - 1 in tail) else " "
                joined += glue + word
            pieces.append(Piece(tail[-1], joined))
    else:
        # "Loehansk werd volledig ingenomen" -> "Loehansk volledig ingenomen"
        moved = (
            bool(verb_pieces)
            and tokens[verb_pieces[0].index].tag == "WW"
            and ("vd" in tokens[verb_pieces[0].index].features)
        )
        lead = 0
        while moved and lead < len(middle) and _adverb(tokens[middle[lead]]):
            lead += 1
        pieces = subject + [_piece(text, tokens, i) for i in middle[:lead]] + verb_pieces
        pieces += [replace.get(i, _piece(text, tokens, i)) for i in middle[lead:]]
    return pieces, {p.index for p in verb_pieces} | {clause.verb}


def _is_pronoun(tokens: Sequence[Token], span: tuple[int, int]) -> bool:
    """A subject that is only a pronoun ("hij", "dit"), not "het lange konvooi"."""
    return span[1] - span[0] == 1 and tokens[span[0]].text.lower() in _PRONOUNS


def _adverb(token: Token) -> bool:
    return token.tag == "BW" or (token.tag == "ADJ" and "vrij" in token.features)


def _expletive(token: Token) -> bool:
    return token.text.lower() == "er" and "adv-pron" in token.features


def _next_is_verb(tokens: Sequence[Token], i: int) -> bool:
    return i + 1 < len(tokens) and is_verb(tokens[i + 1])


def _subordinate(tokens: Sequence[Token], start: int) -> Clause | None:
    """The subordinate clause starting at *start* ("de Russen door waren gegaan …")."""
    if start < len(tokens) and tokens[start].text.lower() in FOCUS:
        start += 1  # "dat ook het Strafhof zich aansloot"
    if start >= len(tokens) or tokens[start].tag in ("VZ", "BW", "LET"):
        return None
    end = len(tokens)
    for i in range(start, len(tokens)):
        if i > start and (is_subordinator(tokens[i]) or tokens[i].text in (";", ":")):
            end = i
            break
    finite = [i for i in range(start, end) if tokens[i].is_finite_verb]
    if not finite:
        return None
    subject = with_modifiers(tokens, np_span(tokens, start, finite[0]), finite[0])
    if subject[1] > finite[0] or subject[0] != start:
        return None
    end = min(end, clause_end(tokens, finite[0]))
    return Clause(start, end, finite[0], subject, True, subordinate=True)


def _reported(
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
    if _free_nouns(tokens, clause.verb + 1, that, subject_span | drop):
        return None  # "X gaf het bevel dat …": the object matters
    inner = _subordinate(tokens, that + 1)
    if inner is None or inner.subject is None:
        return None
    quoted = any(t.text in "'\"‘’“”" for t in tokens[inner.start : inner.end])
    first = tokens[inner.subject[0]].text.lower()
    if _is_pronoun(tokens, inner.subject):
        if not announcing or first not in ("hij", "zij", "ze", "wij"):
            return None
        subject = _subject_pieces(text, tokens, clause.subject)
        announced = _announced(text, tokens, clause, inner, forms, drop)
        if announced is not None:
            return subject + announced, {clause.verb}, subject_span
        # The announcer is the subject of what is announced.
        moved = Clause(inner.subject[1], inner.end, inner.verb, None, True, subordinate=True)
        pieces, verbs = _clause_pieces(text, tokens, moved, forms, drop, future=True)
        return subject + pieces, verbs, subject_span
    if quoted:
        return None  # reordering would break a quotation: "dat Rusland 'niemand bedreigde'"
    content, verbs = _clause_pieces(text, tokens, inner, forms, drop)
    source = _source_name(text, tokens, clause.subject)
    return [*source, Piece(-1, ":"), *content], verbs, subject_span | set(range(*inner.subject))


def _melding(
    text: str, tokens: Sequence[Token], clause: Clause, drop: set[int]
) -> tuple[list[Piece], set[int], set[int]] | None:
    """ "X maakte melding van twee doden bij …" -> "X: twee doden bij …"."""
    assert clause.subject is not None
    if tokens[clause.verb].lemma.lower() != "maken":
        return None
    for i in range(clause.verb + 1, clause.end - 1):
        if tokens[i].text.lower() == "melding" and tokens[i + 1].text.lower() == "van":
            content = [_piece(text, tokens, j) for j in range(i + 2, clause.end) if j not in drop]
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
    objects = _free_nouns(tokens, inner.subject[1], inner.verb, drop)
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
    verb_pieces, _removed, _replace = _verb_pieces(text, tokens, clause, forms)
    particles = [
        i for i in range(clause.verb + 1, clause.end)
        if tokens[i].text.lower() in _REPORT_WORDS or is_particle(tokens[i])
    ]  # fmt: skip
    body = [_piece(text, tokens, i) for i in range(start, span[1]) if i not in drop]
    purpose = [_piece(text, tokens, i) for i in range(om_at, end) if i not in drop]
    return [*verb_pieces, *body, *(_piece(text, tokens, i) for i in particles), *purpose]


def _source_name(text: str, tokens: Sequence[Token], span: tuple[int, int]) -> list[Piece]:
    """Who reported: the name if the subject has one ("het tijdschrift Forbes" -> "Forbes")."""
    start, end = span
    van = next((i for i in range(start, end) if tokens[i].text.lower() == "van"), end)
    heads = list(range(start, van))  # not "de burgemeester van Konotop" -> "Konotop"
    persons = [i for i in heads if tokens[i].tag == "SPEC" and "PER" in tokens[i].ner]
    if persons and persons[-1] - persons[0] == len(persons) - 1:
        return [_piece(text, tokens, i) for i in persons]
    names = [i for i in heads if tokens[i].tag == "SPEC"]
    if names and names[-1] - names[0] == len(names) - 1:
        return [_piece(text, tokens, i) for i in names]
    return _subject_pieces(text, tokens, span)


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
            inner = _subordinate(tokens, i + 1)
            if inner is not None and inner.subject and not _is_pronoun(tokens, inner.subject):
                return inner
            break
    return clause


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
        pieces = [_piece(text, tokens, i) for i in range(start, end) if i not in drop]
    return pieces


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
    verb_pieces, removed, replace = _verb_pieces(text, tokens, inner, forms)
    skip = removed | {p.index for p in verb_pieces} | drop
    if verb + 1 < end and tokens[verb + 1].text.lower() in ("ze", "zij", "hij"):
        skip.add(verb + 1)  # "… en heroverden ze de vliegbasis": the same subject
    rest = [replace.get(i, _piece(text, tokens, i)) for i in range(verb + 1, end) if i not in skip]
    return [_piece(text, tokens, start), *verb_pieces, *rest]


def _impersonal(
    text: str,
    tokens: Sequence[Token],
    clause: Clause,
    forms: dict[str, str],
    drop: set[int],
    limit: int,
) -> str | None:
    """ "Op 11 maart werd gemeld dat het konvooi …" -> "Konvooi …" (what was reported)."""
    if tokens[clause.verb].lemma.lower() != "worden" or clause.end >= len(tokens):
        return None
    if tokens[clause.end].text.lower() != "dat":
        return None
    inner = _subordinate(tokens, clause.end + 1)
    if inner is None or inner.subject is None:
        return None
    if _is_pronoun(tokens, inner.subject):
        return None
    pieces, keep = _clause_pieces(text, tokens, inner, forms, drop)
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
            "tegen", "vóór", "van",
        ):  # fmt: skip
            out.add(j)
            j -= 1
    for i, t in enumerate(tokens):
        if t.text.lower() == "'s" and i + 1 < len(tokens):
            out.update((i, i + 1))  # "'s ochtends"
    return out


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
    clause = analyse_clause(tokens, drop)
    if clause is None:
        return _fragment(text, tokens, drop, limit)
    if clause.subject is None:
        return _impersonal(text, tokens, clause, forms, drop, limit)
    clause = _refocus(tokens, clause)
    quote = _quotation(text, tokens, clause)
    reported = quote or _reported(text, tokens, clause, forms, drop)
    if reported is not None:
        pieces, keep, subject = reported
    else:
        pieces, keep = _clause_pieces(text, tokens, clause, forms, drop)
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
    return fit(pieces, frame, limit)


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
    pieces = [_piece(text, tokens, i) for i in keep]
    subject = frozenset(range(participle - 1))
    return fit(pieces, Frame(tokens, text, frozenset({participle}), subject), limit)


def _resolve_pronoun(
    tokens: Sequence[Token], clause: Clause, pieces: list[Piece], antecedent: str | None
) -> list[Piece]:
    """ "Hij beval een mobilisatie" -> "Zelensky beveelt een mobilisatie"."""
    if clause.subject is None or not _is_pronoun(tokens, clause.subject):
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


def _quotation(
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
    quote = [_piece(text, tokens, i) for i in range(colon + 1, close + 1)]
    return [*source, Piece(-1, ":"), *quote], set(), set(range(*clause.subject))
