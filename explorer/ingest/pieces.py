"""Headline pieces: a word of the sentence (by token) or a word standing in for one.

A headline is built as a list of :class:`Piece`; :class:`Frame` says which
tokens are the verb and the subject, so shortening never drops them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from explorer.ingest.analysis import Token
from explorer.ingest.nounphrases import is_name

QUOTES = frozenset("'\"‘’“”")
ARTICLES = frozenset({"de", "het", "een"})


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
    quotes = [i for i, p in enumerate(out) if p.text in QUOTES]
    if len(quotes) % 2:
        out = [p for i, p in enumerate(out) if i != quotes[-1]]
    return out


def token_of(piece: Piece, frame: Frame) -> Token | None:
    return frame.tokens[piece.index] if 0 <= piece.index < len(frame.tokens) else None


def in_quotes(pieces: Sequence[Piece]) -> set[int]:
    inside: set[int] = set()
    opened = -1
    for k, p in enumerate(pieces):
        if p.text in QUOTES:
            if opened < 0:
                opened = k
            else:
                inside.update(range(opened, k + 1))
                opened = -1
    return inside


def name_like(token: Token | None) -> bool:
    return token is not None and is_name(token)


def free(group: Sequence[int], pieces: Sequence[Piece], frame: Frame) -> bool:
    """No piece of *group* is protected (the verb, a rewritten word, the subject)."""
    return not any(
        (pieces[k].index == -1 and pieces[k].text.strip() != "e.a.")
        or pieces[k].index in frame.keep
        or pieces[k].index in frame.subject
        for k in group
    )
