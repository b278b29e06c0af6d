"""Rewrites of a whole headline: a report's verb becomes a colon, its source goes,
linking adverbs and foreign phrases go from every headline, describing adjectives
leave the subject.

Each returns the rewritten pieces or the positions to drop; :mod:`compress`
decides when to apply them (:mod:`units` ranks the parts that may go).
"""

from __future__ import annotations

from collections.abc import Sequence

from explorer.ingest.analysis import Token
from explorer.ingest.pieces import QUOTES, Frame, Piece, in_quotes, token_of
from explorer.ingest.shorten import after_inner_phrase
from explorer.ingest.units import token_at
from explorer.ingest.wordclasses import ANNOUNCING, DISCOURSE, REPORT_WORDS, SPEECH_VERBS


def report(pieces: list[Piece], frame: Frame) -> list[Piece] | None:
    """ "Poetin maakt beslissing bekend om …" -> "Poetin: beslissing om …" (the verb of
    saying and its particle give way to a colon)."""
    verb = next((k for k, p in enumerate(pieces) if p.index in frame.keep), None)
    if verb is None or verb == 0 or verb + 1 >= len(pieces):
        return None
    t = token_of(pieces[verb], frame)
    if t is None or t.lemma.lower() not in SPEECH_VERBS | ANNOUNCING:
        return None
    particle = any(
        (u := token_of(p, frame)) is not None
        and u.text.lower() in REPORT_WORDS
        and is_particle_like(u)
        for p in pieces[verb + 1 :]
    )
    if t.lemma.lower() not in SPEECH_VERBS and not particle:
        return None  # "maakt … terreinvorderingen": not a report
    if any(p.index not in frame.subject for p in pieces[:verb]):
        return None
    words = [p.text.lower() for p in pieces[verb + 1 :]]
    if words[0] in ("over", "van"):
        return None  # "bericht over onenigheid": a colon would leave a bare phrase
    te = words.index("te") if "te" in words else -1
    if "dat" in words or (te >= 0 and "om" not in words[:te]):
        return None  # what was said is still a subordinate clause: "zegt dat Rusland …"
    rest = [
        p for p in pieces[verb + 1 :]
        if not ((u := token_of(p, frame)) is not None and u.text.lower() in REPORT_WORDS
                and (is_particle_like(u)))
    ]  # fmt: skip
    return [*pieces[:verb], Piece(-1, ":"), *rest]


def source(pieces: list[Piece], frame: Frame) -> list[Piece] | None:
    """ "Britse inlichtingendiensten: Russische leger trekt zich terug …" -> what was
    reported, when the source must go for the report to fit (never before a quotation)."""
    colon = next((k for k, p in enumerate(pieces) if p.index < 0 and p.text == ":"), None)
    if colon is None or colon + 1 >= len(pieces) or pieces[colon + 1].text in QUOTES:
        return None
    if any(p.index not in frame.subject for p in pieces[:colon]):
        return None
    rest = pieces[colon + 1 :]
    if rest[0].text.lower() in ("dat", "te") or not any(p.index in frame.keep for p in rest):
        return None  # only a whole clause stands on its own
    if any(p.text in QUOTES for p in rest):
        return None  # a quotation keeps its speaker
    first = token_of(rest[0], frame)
    if (
        first is not None
        and first.tag == "VNW"
        and ("bez" in first.features or "pers" in first.features)
    ):
        return None  # "zijn troepen …", "hij …": whose, who, the source says
    return rest


def is_particle_like(token: Token) -> bool:
    return token.rel == "svp" or "fin" in token.features or token.tag == "ADJ"


def discourse(pieces: Sequence[Piece], frame: Frame) -> list[int]:
    """Positions of linking adverbs ("echter", "uiteindelijk"), dropped from every headline."""
    quoted = in_quotes(pieces)
    out = []
    for k, p in enumerate(pieces):
        t = token_of(p, frame)
        if t is None or k in quoted or p.index in frame.keep:
            continue
        low = t.text.lower()
        if low in DISCOURSE and t.tag in ("BW", "ADJ"):
            out.append(k)
        elif low == "zo" and k + 1 < len(pieces):
            nxt = token_at(pieces, k + 1, frame)
            if nxt is not None and nxt.tag not in ("ADJ", "BW", "TW"):
                out.append(k)  # "Zo werd de spoorverbinding … hersteld"
    return out


def foreign(pieces: Sequence[Piece], frame: Frame) -> list[int]:
    """Positions of a run of foreign words outside quotes and names ("on nuclear readiness")."""
    quoted = in_quotes(pieces)
    out: list[int] = []
    run: list[int] = []
    for k, p in enumerate([*pieces, Piece(-1, "")]):
        t = token_of(p, frame) if k < len(pieces) else None
        foreign_word = t is not None and t.pos.startswith("SPEC(vreemd")
        if foreign_word and k not in quoted and pieces[k].index not in frame.subject:
            run.append(k)
            continue
        lower = [j for j in run if pieces[j].text[:1].islower()]
        if len(run) >= 2 and 2 * len(lower) >= len(run):  # not a name: "The Telegraph"
            out += run
        run = []
    return out


def subject_adjectives(pieces: Sequence[Piece], frame: Frame) -> list[list[int]]:
    """Describing adjectives inside the subject ("gepantserde voertuigen"), not the first
    word and not one that names ("Russische")."""
    subject = [k for k, p in enumerate(pieces) if p.index in frame.subject]
    out = [
        k
        for k in subject[1:]
        if (t := token_of(pieces[k], frame)) is not None
        and t.tag in ("ADJ", "WW")
        and "prenom" in t.features
        and t.ner == "O"
        and pieces[k].text[:1].islower()
        and not _joined_adjective(pieces, k, frame)
        and not after_inner_phrase(pieces, k, frame)
    ]
    return [out] if out else []


def _joined_adjective(pieces: Sequence[Piece], k: int, frame: Frame) -> bool:
    """ "Europese en euro-Atlantische (integratie)": two adjectives of one noun go together."""
    for step in (-1, 1):
        joint, other = k + step, k + 2 * step
        if 0 <= other < len(pieces) and pieces[joint].text.lower() in ("en", "of"):
            t = token_of(pieces[other], frame)
            if t is not None and t.tag == "ADJ":
                return True
    return False
