"""Opening the user library for the window, whatever state the file is in.

A damaged library is never silently emptied: the user is offered the newest
good backup, and a damaged file is moved aside under a timestamped name (never
over an earlier one), listed in the same dialog. A library that cannot be used
at all (from a newer Kroniek, not a library, no folder for it) is reported and
the window runs on an empty library in memory, read-only, so the events can
still be read. A run without a person (``--screenshot``) never asks, never
moves a file, and falls back the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from explorer.core.events.store import EventStore
from explorer.core.library.library import Library
from explorer.i18n import _

Ask = Callable[[str, str], bool]
Tell = Callable[[str, str], None]


class KnownIds:
    """Membership test against the event database without loading every id."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self._seen: dict[str, bool] = {}

    def __contains__(self, event_id: object) -> bool:
        if not isinstance(event_id, str):
            return False
        found = self._seen.get(event_id)
        if found is None:
            found = self._seen[event_id] = self.store.event(event_id) is not None
        return found


def _earlier(kept: list[str]) -> str:
    if not kept:
        return ""
    return "\n\n" + _("Damaged files kept from before: {names}").format(names=", ".join(kept))


def open_library(ask: Ask, tell: Tell, *, interactive: bool = True) -> Library:
    """Open the user library, offering the latest good backup if it is damaged."""
    from explorer.core.library.backup import move_aside, moved_aside, restore_backup
    from explorer.core.library.connection import default_library_path
    from explorer.core.library.db import (
        LibraryCorruptError,
        LibraryError,
        LibraryVersionError,
    )

    path = default_library_path()
    try:
        return Library(path)
    except LibraryCorruptError as error:
        earlier = _earlier([p.name for p in moved_aside(path)])
        if not interactive:
            tell(_("Your library is damaged"), str(error))
            return Library(path, unavailable=str(error))
        if error.backup is not None and ask(
            _("Your library is damaged"),
            _("{problem}\n\nRestore the latest good backup now? The damaged file is kept.").format(
                problem=error
            )
            + earlier,
        ):
            try:
                restore_backup(path, error.backup)
                return Library(path)
            except LibraryError as failed:
                tell(_("Your library could not be restored"), str(failed))
                return Library(path, unavailable=str(failed))
        try:
            kept = move_aside(path)
        except OSError as failed:
            reason = str(failed.strerror or failed)
            tell(_("Your library is damaged"), f"{error}\n\n{reason}")
            return Library(path, unavailable=str(error))
        tell(
            _("Your library is damaged"),
            _(
                "{problem}\n\nKroniek keeps the damaged file as {kept} and starts a new, empty "
                "library. Your backups stay in the backups folder."
            ).format(problem=error, kept=kept.name if kept else path.name)
            + earlier,
        )
        return Library(path)
    except LibraryVersionError as error:
        tell(_("Your library is newer than this Kroniek"), str(error))
        return Library(path, unavailable=str(error))
    except LibraryError as error:
        tell(_("Your library could not be opened"), str(error))
        return Library(path, unavailable=str(error))
