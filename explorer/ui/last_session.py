"""The last session: what the reader was looking at, back on the next start.

On closing, the search (text, filters, dates, sort -- stored as a saved
search's JSON spec, never pickled), the selected event, the visible span and
the hidden panes go into the settings; on the next start they come back,
unless *File › Reopen the last session at start* is unticked (the
``RESTORE_SESSION`` setting), in which case Kroniek starts fresh.
"""

from __future__ import annotations

import json

from explorer.core.errors import UsageError
from explorer.core.library.models import SavedSearch, search_from_spec
from explorer.ui import settings as keys
from explorer.ui.search.session import SearchSession
from explorer.ui.settings import Settings
from explorer.ui.timeline.view import TimelineView


def save(settings: Settings, session: SearchSession) -> None:
    """Keep the session's search, selection and view for the next start."""
    spec = SavedSearch(0, "", "", session.query).spec_json()
    settings.set(keys.LAST_QUERY, spec)
    settings.set(keys.LAST_SELECTED, session.selected)
    t0, t1 = session.view
    settings.set(keys.VIEW_START, t0)
    settings.set(keys.VIEW_END, t1)


def restore(settings: Settings, session: SearchSession, timeline: TimelineView) -> bool:
    """Start where the last session ended; False when there is none (or not wanted)."""
    if not settings.get(keys.RESTORE_SESSION):
        return False
    text = str(settings.get(keys.LAST_QUERY))
    if not text:
        return False
    try:
        saved = search_from_spec(json.loads(text))
    except (ValueError, RecursionError, UsageError):
        return False  # a settings file edited by hand: start fresh
    t0, t1 = float(settings.get(keys.VIEW_START)), float(settings.get(keys.VIEW_END))
    if t1 > t0:
        timeline.set_view(t0, t1)
    selected = str(settings.get(keys.LAST_SELECTED))
    if selected:
        _select_after_search(session, selected)
    session.restore(saved.query)
    return True


def _select_after_search(session: SearchSession, event_id: str) -> None:
    """Select *event_id* once the restored search has arrived (the list must hold it)."""

    def select() -> None:
        session.search_finished.disconnect(select)
        session.select(event_id)

    session.search_finished.connect(select)
