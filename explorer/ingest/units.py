"""The parts of a headline that may go when it is too long, and how much each says.

A headline is a list of :class:`~explorer.ingest.pieces.Piece`; this module
finds its optional parts -- asides, subordinate and relative clauses, adverbs,
prepositional phrases that are not the verb's complement, articles,
adjectives, list tails -- and gives each a *tier*: the lower the tier, the
less the part says and the sooner :func:`explorer.ingest.compress.fit` drops
it. What a headline needs to stay true and complete is never among them: the
subject, the verb with its particle, its objects and the prepositional
phrase the verb asks for ("begint *met een troepenopbouw*", "trekt zich terug
*uit Kiev*"). Frog's dependency labels ``pc`` and ``ld`` mark such a phrase
when it attaches it to a verb; a list of Dutch verbs with a fixed preposition
catches the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from explorer.ingest.analysis import Token
from explorer.ingest.nounphrases import QUANTITY, complete_unit, phrase_end
from explorer.ingest.pieces import Frame, Piece, in_quotes, name_like, token_of
from explorer.ingest.wordclasses import (
    CLAUSE_PREPOSITIONS,
    IDIOM_NOUNS,
    MEANINGFUL,
    NEGATION,
    OM_VERBS,
    PARTICLES,
    PLAN_NOUNS,
    PREPOSITIONAL_NOUNS,
    PREPOSITIONAL_VERBS,
    ROLES,
    SPEECH_VERBS,
    SUBORDINATORS,
    TIERS,
)


@dataclass(frozen=True)
class Unit:
    """Piece positions that go together, what kind of part they are, and their tier."""

    positions: tuple[int, ...]
    kind: str
    tier: float


def token_at(pieces: Sequence[Piece], k: int, frame: Frame) -> Token | None:
    return token_of(pieces[k], frame) if 0 <= k < len(pieces) else None


def is_adverb(token: Token) -> bool:
    """A word that modifies the clause on its own: "opnieuw", "voor_het_eerst"."""
    if complete_unit(token):  # not "Nova_Kachovka", not "als_doel" (it opens a phrase)
        return token.tag in ("VZ", "BW") and "_N(" not in token.pos
    return token.tag == "BW" and "adv-pron" not in token.features


def verb_lemmas(pieces: Sequence[Piece], frame: Frame) -> set[str]:
    """The lemmas of the headline's verbs, also with their particles ("terugtrekken")."""
    lemmas: set[str] = set()
    particles = {
        t.text.lower()
        for p in pieces
        if (t := token_of(p, frame)) is not None and (t.rel == "svp" or "fin" in t.features)
    } | {p.text.lower() for p in pieces if p.index >= 0 and " " not in p.text}
    for p in pieces:
        t = token_of(p, frame)
        if t is None or t.tag != "WW" or "prenom" in t.features or "nom" in t.features:
            continue
        lemma = t.lemma.lower()
        lemmas.add(lemma)
        lemmas.update(particle + lemma for particle in particles if len(particle) <= 6)
    return lemmas


def is_complement(prep: Token, pieces: Sequence[Piece], frame: Frame) -> bool:
    """A prepositional phrase the verb asks for: Frog's pc/ld on a verb, or a known pair."""
    word = prep.text.lower().split("_")[0]
    at = next((p.index for p in pieces if token_of(p, frame) is prep), -1)
    if prep.rel in ("pc", "ld") and 0 <= prep.head < len(frame.tokens):
        head = frame.tokens[prep.head]
        if head.tag == "WW" and any(p.index == prep.head for p in pieces):
            return True
    if at >= 0 and fixed_phrase(frame.tokens, at, "") and word != "van":
        return True
    return any(word in PREPOSITIONAL_VERBS.get(lemma, ()) for lemma in verb_lemmas(pieces, frame))


def _idiom(tokens: Sequence[Token], prep: int) -> bool:
    end = phrase_end(tokens, prep, len(tokens))
    nouns = [u for u in tokens[prep + 1 : end] if u.tag in ("N", "WW")]
    return bool(nouns) and nouns[-1].lemma.lower() in IDIOM_NOUNS and end - prep <= 4


def fixed_phrase(tokens: Sequence[Token], prep: int, lemma: str) -> bool:
    """The phrase at *prep* is the complement of the verb *lemma*: "uit de RVE (gezet)",
    "om het leven (gebracht)", or Frog attaches it as such."""
    t = tokens[prep]
    word = t.text.lower().split("_")[0]
    if t.rel in ("pc", "ld", "svp") and 0 <= t.head < len(tokens) and tokens[t.head].tag == "WW":
        return True
    if word in PREPOSITIONAL_VERBS.get(lemma, ()):
        return True
    return _idiom(tokens, prep)


def opens_phrase(token: Token | None, tokens: Sequence[Token] = ()) -> bool:
    if token is None or token.tag != "VZ" or complete_unit(token):
        return False
    if token.text.lower() == "te" or token.ner.startswith("I-"):
        return False  # "te hebben vernietigd": an infinitive; "Ursula von der Leyen": a name
    if token.text[:1].islower() and token.text.lower() in ("von", "van", "de", "der", "den"):
        i = next((k for k, t in enumerate(tokens) if t is token), -1) if tokens else -1
        if 0 < i < len(tokens) - 1 and tokens[i - 1].ner.endswith("PER"):
            return False  # "Ursula von der Leyen"
    return "init" in token.features or "versm" in token.features


def _te_follows(pieces: Sequence[Piece], k: int, frame: Frame) -> bool:
    """ "om … te versterken" is a clause; "de slag om de Donbas" a phrase."""
    for j in range(k + 1, min(k + 12, len(pieces))):
        t = token_at(pieces, j, frame)
        if t is None or t.text in (",", ":") or t.is_finite_verb:
            return False
        if t.text.lower() == "te":
            return True
    return False


def _om_end(pieces: Sequence[Piece], k: int, frame: Frame) -> int:
    """Past "om … te <verb>" and what follows the verb in its clause ("… te trekken uit …")."""
    j = k + 1
    while j < len(pieces):
        t = token_at(pieces, j, frame)
        if t is None or t.text in (",", ":", ";") or t.is_finite_verb:
            return j
        j += 1
        if t.tag == "WW" and "inf" in t.features:
            break
    while j < len(pieces):
        t = token_at(pieces, j, frame)
        if t is None or t.text in (",", ":", ";") or t.is_finite_verb or opens_clause(t):
            break
        if opens_phrase(t) and _main_complement(pieces, j, frame):
            break  # "om lid te worden van de EU | aan president Zelensky": the verb's own
        if t.tag == "VG" and j + 1 < len(pieces):
            nxt = token_at(pieces, j + 1, frame)
            if nxt is not None and nxt.is_finite_verb:
                break
        j += 1
    return j


def phrase_stop(pieces: Sequence[Piece], k: int, frame: Frame) -> int:
    """Past the phrase opened at *k* and the phrases its noun takes ("over de situatie in …")."""
    j = k
    while True:
        end = phrase_end(frame.tokens, pieces[j].index, len(frame.tokens))
        j += 1
        while j < len(pieces) and pieces[j - 1].index < pieces[j].index < end:
            j += 1
        nxt = token_at(pieces, j, frame)
        joined = nxt is not None and nxt.text.lower() in ("en", "of") and j + 1 < len(pieces)
        if joined and opens_phrase(token_at(pieces, j + 1, frame)):
            j += 1  # "ten zuiden van Orikhiv en ten zuiden van …": one part
            continue
        if j < len(pieces) and pieces[j].text.strip() == "e.a.":
            return j + 1  # "in de steden Charkov e.a.": the list's tail goes with it
        if nxt is None or not opens_phrase(nxt) or nxt.text == "om":
            return j
        head = frame.tokens[pieces[j - 1].index]
        word = nxt.text.lower()
        nominal = head.tag == "N" or (head.tag == "WW" and "inf" in head.features)
        if word != "van" and (not nominal or word in CLAUSE_PREPOSITIONS):
            return j  # "tegen Rusland | bij het Gerechtshof": each belongs to the verb
        if pieces[j].index != end:
            return j  # not right after the phrase: "constructie | voortaan | in roebels"


def _main_complement(pieces: Sequence[Piece], k: int, frame: Frame) -> bool:
    """The phrase at *k* completes the headline's own verb ("overhandigt … aan Zelensky")."""
    prep = token_of(pieces[k], frame)
    if prep is None:
        return False
    word = prep.text.lower()
    lemmas = {t.lemma.lower() for p in pieces if p.index in frame.keep
              and (t := token_of(p, frame)) is not None}  # fmt: skip
    return any(word in PREPOSITIONAL_VERBS.get(lemma, ()) for lemma in lemmas)


def _demonstrative(pieces: Sequence[Piece], group: Sequence[int], frame: Frame) -> bool:
    """ "op deze stad", "in die regio": a phrase that only points back."""
    words = [t for g in group[1:] if (t := token_at(pieces, g, frame)) is not None]
    return (
        bool(words)
        and words[0].tag == "VNW"
        and "aanw" in words[0].features
        and not any(name_like(t) for t in words)
    )


def phrases(pieces: Sequence[Piece], frame: Frame) -> list[Unit]:
    """Prepositional phrases and "om … te" clauses, each with its kind and tier."""
    quoted = in_quotes(pieces)
    found: list[Unit] = []
    for k, p in enumerate(pieces):
        token = token_of(p, frame)
        if not opens_phrase(token, frame.tokens) or k in quoted:
            continue
        assert token is not None
        word = token.text.lower().split("_")[0]  # "aan_het" -> "aan"
        nxt = pieces[k + 1].text.lower().replace(" ", "_") if k + 1 < len(pieces) else ""
        if word == "met" and nxt == "als_doel" and _te_follows(pieces, k, frame):
            group = tuple(range(k, _om_end(pieces, k, frame)))  # "met als doel … te beschermen"
            found.append(Unit(group, "om", TIERS["om"]))
            continue
        if word == "met" and nxt.startswith("als"):
            j = next((m for m in range(k + 1, len(pieces)) if pieces[m].text in (",", ";")), None)
            group = tuple(range(k, len(pieces) if j is None else j))
            found.append(Unit(group, "adverbial", TIERS["adverbial"]))  # "met als aanleiding X"
            continue
        if word == "als" and k > 0 and pieces[k - 1].text.lower() == "met":
            continue  # not alone: "met (als aanleiding) het bloedbad" would say something else
        if word == "om" and _te_follows(pieces, k, frame):
            j = _om_end(pieces, k, frame)
            if k > 0 and er_adverb(token_at(pieces, k - 1, frame)):
                k -= 1  # "ernaar om …": the pointer goes with the clause
            kind = (
                "om-complement"
                if _om_of_verb(pieces, k, frame)
                else "np-complement"
                if _om_of_noun(pieces, k, frame)
                else "om"
            )
            found.append(Unit(tuple(range(k, j)), kind, TIERS[kind]))
            continue
        j = phrase_stop(pieces, k, frame)
        group = tuple(range(k, j))
        if len(group) < 2 or quoted.intersection(group):
            continue
        if word == "met" and k > 1 and pieces[k - 1].text.lower() == "samen":
            group = (k - 1, *group)  # "samen met …, de verdragen": "samen" and the comma go too
            if j < len(pieces) and pieces[j].text == "," and pieces[k - 2].index in frame.keep:
                group = (*group, j)
        before = token_at(pieces, k - 1, frame)
        adjacent = k > 0 and pieces[k - 1].index == p.index - 1
        after_noun = before is not None and adjacent and before.tag in ("N", "SPEC", "TW")
        nominal = before is not None and "inf" in before.features and word == "van"
        after_noun = after_noun or (nominal and _article_before(pieces, k - 1, frame))
        named = any(name_like(token_at(pieces, g, frame)) for g in group[1:])
        in_subject = p.index in frame.subject
        if word == "volgens" and not in_subject:
            found.append(Unit(group, "attribution", TIERS["attribution"]))
            continue
        if _idiom(frame.tokens, p.index):
            continue  # "in de verdediging (dwingen)", "om het leven (brengen)": the verb's own
        if not in_subject and _demonstrative(pieces, group, frame):
            kind = "adverbial"
        elif in_subject:
            kind = "subject-phrase"
            role = before is not None and any(before.lemma.lower().endswith(r) for r in ROLES)
            while (
                role
                and len(group) > 2
                and (u := token_at(pieces, group[-1], frame))
                and ("PER" in u.ner)
            ):
                group = group[:-1]  # "minister (van Buitenlandse Zaken) Lavrov": the name stays
        elif after_noun:
            noun = before.lemma.lower() if before is not None else ""
            kind = "np-complement" if noun in PREPOSITIONAL_NOUNS or named else "np-phrase"
            if before is not None and before.tag == "TW" and word == "van":
                continue  # "een van de ondertekenaars": the phrase is the noun
        elif word == "tegen" and SPEECH_VERBS & verb_lemmas(pieces, frame):
            kind = "person"  # "zegt tegen verslaggevers dat …": whom it was said to goes first
        elif is_complement(token, pieces, frame) or (word == "aan" and named):
            continue  # "overhandigt … aan Zelensky"
        elif word == "door" and _passive(pieces, frame):
            kind = "agent"  # "… gelokt door Oekraïense troepen": who did it
        else:
            person = any(
                (t := token_at(pieces, g, frame)) is not None and "PER" in t.ner for g in group
            )
            kind = "person" if person else "place" if named else "adverbial"
        found.append(Unit(group, kind, TIERS[kind]))
    return _inner_first(found)


def _inner_first(found: list[Unit]) -> list[Unit]:
    """A subject's phrase inside another ("van gedetineerden | in Russische
    gevangenissen") goes a little before the phrase that holds it."""
    outer = [u for u in found if u.kind == "subject-phrase"]
    return [
        Unit(u.positions, u.kind, u.tier - 0.05)
        if u.kind == "subject-phrase"
        and any(o is not u and set(u.positions) < set(o.positions) for o in outer)
        else u
        for u in found
    ]


def _article_before(pieces: Sequence[Piece], k: int, frame: Frame) -> bool:
    """ "het (onder valse voorwendselen) beginnen | van een oorlog": an infinitive as noun."""
    dashed = False
    for j in range(k - 1, max(-1, k - 20), -1):
        t = token_at(pieces, j, frame)
        if t is not None and t.text in ("-", "–"):
            dashed = not dashed  # "- de beschuldiging van genocide -": an aside
            continue
        if dashed:
            continue
        if t is None or t.is_finite_verb or t.text in (",", ";"):
            return False
        if t.text.lower() == "het" and t.tag == "LID":
            return True
        if t.tag == "LID":
            return False
    return False


def _om_of_noun(pieces: Sequence[Piece], k: int, frame: Frame) -> bool:
    """ "de beslissing (bekend) om …", "het bevel om …": the clause says what the noun is."""
    for j in range(k - 1, max(-1, k - 4), -1):
        t = token_at(pieces, j, frame)
        if t is None:
            return False
        if t.tag == "N":
            return t.lemma.lower() in PLAN_NOUNS or t.text.lower() in PLAN_NOUNS
        if not (t.tag == "WW" or t.tag == "VZ" or t.text.lower() in PARTICLES):
            return False
    return False


def om_words(pieces: Sequence[Piece], frame: Frame) -> list[int]:
    """The "om" of each "om … te" clause that says what the noun before it is
    ("het bevel om zich terug te trekken"): a headline can do without it."""
    quoted = in_quotes(pieces)
    return [
        k
        for k, p in enumerate(pieces)
        if p.text.lower() == "om" and k not in quoted and p.index not in frame.keep
        and _te_follows(pieces, k, frame) and _om_of_noun(pieces, k, frame)
    ]  # fmt: skip


_POINTED = frozenset({"naar", "op", "toe", "in", "van", "over", "mee", "aan", "om", "voor", "bij"})


def _om_of_verb(pieces: Sequence[Piece], k: int, frame: Frame) -> bool:
    """ "roept … op om …", "streefde ernaar om …": the clause is what the verb asks for."""
    lemmas = {t.lemma.lower() for p in pieces[:k] if p.index in frame.keep
              and (t := token_of(p, frame)) is not None}  # fmt: skip
    if lemmas & OM_VERBS:
        return True
    return any(er_adverb(token_of(p, frame)) for p in pieces[:k])  # "ernaar", "erop", "ertoe"


def er_adverb(token: Token | None) -> bool:
    """ "ernaar", "erop", "ertoe": a pointer to a clause that follows ("ernaar … om te …")."""
    if token is None or token.tag not in ("BW", "VNW"):
        return False
    low = token.text.lower()
    return low.startswith("er") and low[2:] in _POINTED


def _passive(pieces: Sequence[Piece], frame: Frame) -> bool:
    """The headline's verb is a passive participle ("gelokt", "verwoest")."""
    return any(
        (t := token_of(p, frame)) is not None and t.tag == "WW" and "vd" in t.features
        for p in pieces
        if p.index in frame.keep
    )


def adverbs(pieces: Sequence[Piece], frame: Frame) -> list[Unit]:
    """Adverbs standing alone in the clause; those that change the claim go last.

    An adjective used as an adverb ("noodgedwongen", "volledig") counts, except
    after a copula ("zijn controversieel": the point)."""
    quoted = in_quotes(pieces)
    found = []
    copula = any(
        (t := token_of(p, frame)) is not None
        and t.lemma.lower() in ("zijn", "worden", "blijven", "blijken", "lijken")
        for p in pieces
        if p.index in frame.keep
    )
    for k, p in enumerate(pieces):
        t = token_of(p, frame)
        if t is None or k in quoted or p.index in frame.keep or p.index in frame.subject:
            continue
        adjective = t.tag == "ADJ" and "vrij" in t.features and not copula and t.ner == "O"
        if not (is_adverb(t) or adjective) or t.rel == "svp" or t.text.lower() in PARTICLES:
            continue
        if t.text.lower() in SUBORDINATORS or er_adverb(t):
            continue  # "waarmee", "toen", "ernaar": they point to a clause, which goes as a whole
        if adjective and (k + 1 >= len(pieces) or pieces[k + 1].text in (",", ":")):
            continue  # last in its clause: what the subject is, not how
        nxt = token_at(pieces, k + 1, frame)
        if (
            adjective
            and nxt is not None
            and (nxt.tag in ("LID", "ADJ", "SPEC") or "prenom" in nxt.features)
        ):
            continue  # "overeenkomstig het verdrag", "strategisch belangrijke/gelegen": not alone
        after = token_at(pieces, k + 2, frame)
        if t.text.lower() == "zo" and after is not None and after.text.lower() == "mogelijk":
            found.append(Unit((k, k + 1, k + 2), "adverb", TIERS["adverb"]))  # "zo snel mogelijk"
            continue
        quantity = t.text.lower() in QUANTITY or t.text.lower() in ("meer", "minder")
        if quantity and nxt is not None and (nxt.tag == "TW" or nxt.text.lower() in ("een", "dan")):
            continue  # "ongeveer een dozijn", "meer dan 20": the number's modifier
        degree = t.text.lower() in ("zo", "zeer", "heel")
        if nxt is not None and nxt.tag in ("ADJ", "TW") and degree:
            continue  # "zo groot": part of the next word's phrase
        if t.text.lower() in NEGATION:
            continue  # never dropped: it turns the headline around
        kind = "meaningful" if t.text.lower() in MEANINGFUL else "adverb"
        found.append(Unit((k,), kind, TIERS[kind]))
    return found


def opens_clause(t: Token | None) -> bool:
    if t is None:
        return False
    low = t.text.lower()
    if t.tag == "VG":
        return "onder" in t.features
    if t.tag == "VNW" and "betr" in t.features:
        return True
    return low in SUBORDINATORS and t.tag in ("BW", "VNW")
