"""Errors that core code raises for the user interface to show.

Core code distinguishes mistakes the *user* made (a malformed date, an unknown
facet value, a search that cannot be run) from bugs. A :class:`UsageError`
carries a translated, one-line message that the command line prints before it
exits with status 2 and that the window shows next to the search field; any
other exception is a bug and is allowed to propagate.
"""

from __future__ import annotations


class KroniekError(Exception):
    """Base class of every error Kroniek reports to the user on purpose."""


class UsageError(KroniekError):
    """The user's input cannot be used; ``str(error)`` is a translated line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
