"""The visible span of the timeline: one value with its limits, zoom, pan and history.

A :class:`Viewport` is the span ``[t0, t1)`` in continuous days (proleptic
Gregorian ordinals) together with the range one may pan over and the views
to go back and forward to. It is immutable: every move returns a new value, and
every move goes through :meth:`Viewport.clamp`, the one rule for how far one
may zoom and pan. The timeline widget keeps the current value; the overview
band asks the same value to clamp a dragged window, so the two never disagree
about what is allowed.

The constants here are the domain of the story, shared by every view of it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

from explorer.core.timeline.data import TimelineData

#: The story starts in the era of the fall of the Berlin Wall; nothing earlier is drawn
#: in the overview (earlier events stay reachable by panning).
DOMAIN_START = date(1989, 1, 1).toordinal()
#: Narrowest view: two days across the widget.
MIN_SPAN = 2.0
#: Widest view: about forty years -- or the whole domain when that is longer (a
#: famine of 1932 in the background), so "fit all" shows every event.
MAX_SPAN = 40 * 365.25
#: How far past either end of the domain one may pan, as a share of the span.
EDGE_PAD = 0.02
#: Views kept to go back to.
HISTORY_LIMIT = 100

View = tuple[float, float]


def domain_end(data: TimelineData) -> int:
    """The day after the last one the timeline may show: tomorrow, or past the last event."""
    today = date.today().toordinal() + 1
    last = data.last_day
    return max(today, last + 1) if last is not None else today


def domain_of(data: TimelineData) -> View:
    """The span one may pan over: 1989 (or the first event) to tomorrow (or the last)."""
    first = data.first_day
    lo = DOMAIN_START if first is None else min(DOMAIN_START, first)
    return float(lo), float(domain_end(data))


def overview_range(data: TimelineData) -> View:
    """What the overview band always draws: 1989 to today, whatever lies before."""
    return float(DOMAIN_START), float(domain_end(data))


@dataclass(frozen=True)
class Viewport:
    """A visible span, the range it may move in, and the views before and after it."""

    t0: float
    t1: float
    lo: float
    hi: float
    back: tuple[View, ...] = ()
    forward: tuple[View, ...] = ()

    @classmethod
    def over(cls, lo: float, hi: float) -> Viewport:
        """Everything from *lo* to *hi* in view (as far as the limits allow)."""
        start = cls(lo, hi, lo, hi)
        t0, t1 = start.clamp(lo, hi)
        return replace(start, t0=t0, t1=t1)

    @classmethod
    def of(cls, data: TimelineData) -> Viewport:
        return cls.over(*domain_of(data))

    @property
    def span(self) -> float:
        return self.t1 - self.t0

    @property
    def view(self) -> View:
        return self.t0, self.t1

    @property
    def can_go_back(self) -> bool:
        return bool(self.back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self.forward)

    @property
    def max_span(self) -> float:
        """The widest view: :data:`MAX_SPAN`, or the whole domain with its padding."""
        return max(MAX_SPAN, (self.hi - self.lo) * (1 + 2 * EDGE_PAD))

    # -- the one rule ----------------------------------------------------------

    def clamp(self, t0: float, t1: float) -> View:
        """*t0*–*t1* moved and resized into what may be shown.

        The span stays between :data:`MIN_SPAN` and :attr:`max_span`; the view
        may pass either end of the domain by :data:`EDGE_PAD` of its span; a
        domain narrower than the span is centred.
        """
        span = min(max(t1 - t0, MIN_SPAN), self.max_span)
        pad = EDGE_PAD * span
        if self.hi - self.lo + 2 * pad <= span:
            mid = (self.lo + self.hi) / 2
            return mid - span / 2, mid + span / 2
        t0 = min(max(t0, self.lo - pad), self.hi + pad - span)
        return t0, t0 + span

    # -- moves -----------------------------------------------------------------

    def moved(self, t0: float, t1: float, *, record: bool = False) -> Viewport:
        """Show *t0*–*t1* (clamped); with *record*, the current view can be gone back to."""
        if not (math.isfinite(t0) and math.isfinite(t1)):
            return self
        t0, t1 = self.clamp(t0, t1)
        if abs(t0 - self.t0) < 1e-9 and abs(t1 - self.t1) < 1e-9:
            return self
        start = self.recorded() if record else self
        return replace(start, t0=t0, t1=t1)

    def recorded(self, view: View | None = None) -> Viewport:
        """Remember *view* (the current one by default) to go back to; forget forward views.

        Remembering the view that is already last changes nothing, so a gesture
        that records on every step leaves one entry.
        """
        view = self.view if view is None else view
        if self.back[-1:] == (view,) and not self.forward:
            return self
        return replace(self, back=(*self.back, view)[-HISTORY_LIMIT:], forward=())

    def zoomed(self, factor: float, anchor: float = 0.5) -> Viewport:
        """Zoom in (*factor* > 1) or out, keeping the day at *anchor* (0 left, 1 right) in place.

        At a zoom limit nothing moves, so repeated zooming does not drift.
        """
        anchor = min(max(anchor, 0.0), 1.0)
        new_span = min(max(self.span / factor, MIN_SPAN), self.max_span)
        if abs(new_span - self.span) < 1e-9:
            return self
        day = self.t0 + anchor * self.span
        t0 = day - anchor * new_span
        return self.moved(t0, t0 + new_span)

    def panned(self, days: float, *, record: bool = False) -> Viewport:
        """The same span, *days* later (earlier if negative)."""
        return self.moved(self.t0 + days, self.t1 + days, record=record)

    def centred(self, day: float, span: float | None = None, *, record: bool = True) -> Viewport:
        """*day* in the middle, with *span* (the current span by default)."""
        width = self.span if span is None else span
        return self.moved(day - width / 2, day + width / 2, record=record)

    def around(self, first: float, last: float, *, record: bool = True) -> Viewport:
        """*first*–*last* with a little room either side (a cluster, a brushed range)."""
        pad = max((last - first) * 0.1, 0.5)
        return self.moved(first - pad, last + pad, record=record)

    def went_back(self) -> Viewport:
        """The view before the last jump, zoom or pan gesture (this one can be redone)."""
        if not self.back:
            return self
        t0, t1 = self.clamp(*self.back[-1])
        return replace(self, t0=t0, t1=t1, back=self.back[:-1], forward=(*self.forward, self.view))

    def went_forward(self) -> Viewport:
        """Redo a view that :meth:`went_back` left."""
        if not self.forward:
            return self
        t0, t1 = self.clamp(*self.forward[-1])
        return replace(
            self, t0=t0, t1=t1, back=(*self.back, self.view)[-HISTORY_LIMIT:],
            forward=self.forward[:-1],
        )  # fmt: skip

    def within(self, lo: float, hi: float) -> Viewport:
        """The same view with new limits (another database), clamped, history forgotten."""
        limited = Viewport(self.t0, self.t1, lo, hi)
        t0, t1 = limited.clamp(self.t0, self.t1)
        return replace(limited, t0=t0, t1=t1)

    # -- pixels ----------------------------------------------------------------

    def day_at(self, x: float, width: float) -> float:
        """The day under pixel column *x* of a view *width* pixels wide."""
        return self.t0 + x / max(1.0, width) * self.span

    def x_of(self, day: float, width: float) -> float:
        return (day - self.t0) / self.span * max(1.0, width)
