"""Errors that core code raises for the user interface to show.

Core code distinguishes mistakes the *user* made (a malformed date, an unknown
facet value, a search that cannot be run) from bugs. A :class:`UsageError`
carries a translated, one-line message that the command line prints before it
exits with status 2 and that the window shows next to the search field; any
other exception is a bug and is allowed to propagate.

Messages often quote what a user's file holds (an annotation id, a tag, a
path). Such text may contain newlines, terminal control characters, bidi
overrides, lone surrogates or be ten thousand characters long; :func:`shown`
makes it safe to quote, and every :class:`KroniekError` passes its whole
message through :func:`one_line` as a last guard.
"""

from __future__ import annotations

import unicodedata

#: Unicode categories never printed as they are: controls, format characters
#: (bidi overrides, zero-width joiners), surrogates, line/paragraph separators.
_ESCAPED = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """*text* with every control, format or separator character escaped.

    The result is one printable line that encodes in any UTF-8 terminal: a
    newline becomes ``\\n``, a bidi override ``\\u202e``, a lone surrogate
    ``\\ud800``. Ordinary text, accents and emoji pass unchanged.
    """
    if text.isprintable():
        return text
    out: list[str] = []
    for char in text:
        if unicodedata.category(char) in _ESCAPED:
            code = ord(char)
            out.append(
                _SHORT_ESCAPES.get(char)
                or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000
                    else f"\\U{code:08x}")
            )  # fmt: skip
        else:
            out.append(char)
    return "".join(out)


def shown(value: object, limit: int = 60) -> str:
    """A user's or a file's *value*, made fit to quote inside a message.

    One line (see :func:`one_line`) and at most *limit* characters, cut with
    "…" so that a 10,000-character id does not fill the screen.
    """
    text = one_line(value if isinstance(value, str) else str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


class KroniekError(Exception):
    """Base class of every error Kroniek reports to the user on purpose.

    ``str()`` is always one printable line, whatever text the message quotes.
    """

    def __str__(self) -> str:
        return one_line(super().__str__())


class UsageError(KroniekError):
    """The user's input cannot be used; ``str(error)`` is a translated line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = one_line(message)

    def __str__(self) -> str:
        return self.message
