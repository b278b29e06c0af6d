"""Next and previous event: the one rule every key, button and menu item uses.

"Next" is the next event in time *among the current search's matches* (every
event when nothing is searched), in the timeline's order (first day, then the
article's order). With nothing selected, next starts at the left edge of the
view and previous at its right edge, so the keys always pick something the
reader can see. The timeline's ``]`` and ``Ctrl+Right``, the window's
``Ctrl+]`` and the detail view's buttons all come here, so they agree.
"""

from __future__ import annotations

from explorer.core.timeline.data import TimelineData


def step(
    data: TimelineData, current: int | None, forward: bool, view: tuple[float, float]
) -> int | None:
    """The position of the event to select after *current* (``None``: nothing selected).

    ``None`` when there is no matching event in that direction.
    """
    if current is None or current < 0:
        t0, t1 = view
        if forward:
            return data.first_at_or_after(t0)
        after = data.first_at_or_after(t1, matching=False)
        return data.previous_index(len(data) if after is None else after)
    if forward:
        return data.next_index(current)
    return data.previous_index(current)


def has_step(data: TimelineData, current: int | None, forward: bool) -> bool:
    """Whether :func:`step` from a selected event finds one (to enable the buttons)."""
    if current is None or current < 0:
        return len(data) > 0
    return step(data, current, forward, (0.0, 0.0)) is not None
