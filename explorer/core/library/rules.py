"""What the library accepts: limits on names and texts, and how they are tidied.

One place for the rules that both typing in the window and importing a file
obey, so an import can never hold what the window would refuse (and an export
never writes what an import would refuse).
"""

from __future__ import annotations

import re
import uuid

from explorer.core.errors import UsageError
from explorer.i18n import _

MAX_NOTE = 100_000
MAX_TAG = 100
MAX_NAME = 200
MAX_DESCRIPTION = 10_000
#: Events in one collection; an exported collection is one annotation, and
#: this keeps it well inside what one imported annotation may be.
MAX_COLLECTION = 10_000
#: Items (bookmarks, notes, tag links, collections, saved searches) one library
#: may hold: what one export file carries and one import accepts.
MAX_ITEMS = 1_000_000
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


def clip(text: str, limit: int) -> str:
    """*text*, cut to *limit* characters with "…" if longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def new_anno_id() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def storable(text: str) -> str:
    """*text* with every lone surrogate replaced by U+FFFD.

    Qt hands over what was pasted, and a clipboard can hold half of a UTF-16
    pair ("\\ud800"); SQLite stores UTF-8, which has no such character. A valid
    pair written as two halves becomes the one character it stands for.
    """
    if text.isprintable() or not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def tidy(name: str) -> str:
    """Whitespace collapsed: how names are compared and stored."""
    return " ".join(storable(name).split())


def clean_tag(name: str) -> str:
    cleaned = tidy(name)
    if not cleaned:
        raise UsageError(_("A tag needs a name."))
    if len(cleaned) > MAX_TAG:
        raise UsageError(_("A tag can be at most {n} characters.").format(n=MAX_TAG))
    return cleaned


def clean_color(color: str) -> str:
    color = color.strip()
    if color and not _COLOR.fullmatch(color):
        raise UsageError(_("A tag colour looks like #1f77b4, not “{color}”.").format(color=color))
    return color.lower()


def check_note(body: str) -> str:
    body = storable(body)
    if not body.strip():
        raise UsageError(_("A note cannot be empty."))
    if len(body) > MAX_NOTE:
        raise UsageError(_("A note can be at most {n} characters.").format(n=MAX_NOTE))
    return body


def clean_name(name: str, what: str) -> str:
    """A name with its whitespace tidied; :class:`UsageError` if empty or too long."""
    cleaned = tidy(name)
    if not cleaned:
        raise UsageError(_("A {what} needs a name.").format(what=what))
    if len(cleaned) > MAX_NAME:
        raise UsageError(
            _("A {what} name can be at most {n} characters.").format(what=what, n=MAX_NAME)
        )
    return cleaned


def check_collection_size(count: int) -> None:
    if count > MAX_COLLECTION:
        raise UsageError(
            _("A collection can hold at most {n} events.").format(n=f"{MAX_COLLECTION:,}")
        )
