"""Where a shortened headline may not end: on a word that opened what was dropped."""

from __future__ import annotations

from collections.abc import Sequence

from explorer.ingest.pieces import Frame, Piece, token_of
from explorer.ingest.wordclasses import PREPOSITIONAL_VERBS


def no_dangling(shown: list[tuple[int, Piece]], frame: Frame) -> list[tuple[int, Piece]]:
    """Without a last "en later ook" whose phrase went: "… op de Krim en later ook"."""
    end = len(shown)
    while (
        end
        and (t := token_of(shown[end - 1][1], frame)) is not None
        and (t.tag == "BW" or (t.tag == "ADJ" and "vrij" in t.features))
        and t.text.lower() not in ("niet", "nooit")
    ):
        end -= 1
    if end < len(shown) and end and shown[end - 1][1].text.lower() in ("en", "of", "maar", ","):
        return shown[: end - 1]  # also "… hun land, voornamelijk" whose "naar Polen" went
    end = len(shown)
    while end > 2:
        if _bare_infinitive(shown, end, frame):
            end -= 2  # "… wegens het beginnen" whose "van een oorlog" went
        elif _open_end(shown[end - 1][1], frame):
            end -= 1  # "… een exportverbod voor", "… in oblast Cherson en een": its phrase went
        else:
            break
    shown = shown[:end]
    return [
        s
        for n, s in enumerate(shown)
        if not _bare_article(shown, n, frame) and not _said_twice(shown, n)
    ]


def _said_twice(shown: Sequence[tuple[int, Piece]], n: int) -> bool:
    """ "de rivier (ten oosten van de brug) de rivier Dnjepr": a word the drop made repeat."""
    if n + 1 >= len(shown):
        return False
    p, nxt = shown[n][1], shown[n + 1][1]
    repeated = p.text.isalpha() and p.text.lower() == nxt.text.lower()
    return repeated and nxt.index > p.index + 1


def _bare_infinitive(shown: Sequence[tuple[int, Piece]], end: int, frame: Frame) -> bool:
    """ "… wegens het beginnen" whose "van een oorlog" went: a verb as a noun, without what."""
    last = shown[end - 1][1]
    t = token_of(last, frame)
    if t is None or t.tag != "WW" or "inf" not in t.features or last.index in frame.keep:
        return False
    nxt = frame.tokens[last.index + 1] if last.index + 1 < len(frame.tokens) else None
    before = shown[end - 2][1].text.lower() if end > 1 else ""
    if nxt is None or nxt.text.lower() != "van" or before not in ("het", "de") or end < 3:
        return False
    prep = shown[end - 3][1].text.lower()
    verbs = {frame.tokens[i].lemma.lower() for i in frame.keep if 0 <= i < len(frame.tokens)}
    return not any(prep in PREPOSITIONAL_VERBS.get(v, ()) for v in verbs)  # "stopt met het …"


def _bare_article(shown: Sequence[tuple[int, Piece]], n: int, frame: Frame) -> bool:
    """ "op het (strategisch gelegen mijnstadje) Voehledar": an article whose noun went,
    before a name."""
    p = shown[n][1]
    if n + 1 >= len(shown) or p.text.lower() not in ("de", "het"):
        return False
    nxt = shown[n + 1][1]
    t, name = token_of(p, frame), token_of(nxt, frame)
    if t is None or name is None or t.tag != "LID" or nxt.index == p.index + 1:
        return False
    noun = any(u.tag == "N" for u in frame.tokens[p.index + 1 : nxt.index])
    return noun and name.tag == "SPEC" and nxt.text[:1].isupper()  # not "de (bezette) Krim"


def _open_end(last: Piece, frame: Frame) -> bool:
    """A last word that opens what no longer follows: a preposition, article, conjunction."""
    if last.text in (",", ";", ":"):
        return True
    token = token_of(last, frame)
    if token is None or last.index in frame.keep or token.rel == "svp":
        return False
    if " " in last.text.strip() or last.text.replace(" ", "_").lower() != token.text.lower():
        return False  # "tot stand": a whole phrase, or a word rewritten
    nxt = frame.tokens[last.index + 1] if last.index + 1 < len(frame.tokens) else None
    if nxt is None or nxt.tag in ("LET", "WW"):
        return False  # "(vallen …) aan.", "(zetten …) op dat": the verb's particle
    preposition = token.tag == "VZ" and "init" in token.features
    preposition = preposition or token.lemma.lower() == "richting"  # "(trekken) richting"
    return preposition or token.tag in ("LID", "VG") or token.text.lower() == "een"
