"""What the timeline says in words: tooltips and the descriptions screen readers read.

Plain functions of the data, the view and a language, so the texts are tested
without a window and read the same wherever they are shown.
"""

from __future__ import annotations

import math

from explorer.core.timeline.data import TimelineData
from explorer.core.timeline.shapes import Hit
from explorer.core.timeline.timescale import format_day, format_event_span
from explorer.i18n import format_number, translator


def event_date(data: TimelineData, index: int, lang: str) -> str:
    """The date of event *index* as the list and the detail view write it."""
    return format_event_span(
        int(data.day_min[index]),
        int(data.day_max[index]),
        int(data.precision[index]),
        int(data.qualifier[index]),
        lang=lang,
    )


def span_text(t0: float, t1: float, lang: str) -> tuple[str, str]:
    """The first and last day of the span ``[t0, t1)``, written out."""
    return format_day(t0, lang=lang), format_day(t1 - 1e-6, lang=lang)


def tooltip(data: TimelineData, hit: Hit | None, lang: str) -> str:
    """The hover text for what is under the pointer: an event, or a count of events."""
    if hit is None:
        return ""
    tr = translator(lang)
    if hit.kind == "event":
        i = hit.index
        lines = [event_date(data, i, lang), data.title(i)]
        if data.categories:
            lines.append(data.categories[int(data.category[i])].label(lang))
        return "\n".join(line for line in lines if line)
    counted = tr.ngettext("{count} event", "{count} events", hit.count).format(
        count=format_number(hit.count, lang)
    )
    if hit.kind == "period":
        period = format_event_span(
            math.floor(hit.day0), math.ceil(hit.day1) - 1, hit.precision, lang=lang
        )
        if hit.precision == 1:
            note = tr.gettext("dated to the month")
        else:
            note = tr.gettext("dated to the year")
        return f"{counted}\n{period} ({note})"
    start, end = span_text(hit.day0, hit.day1, lang)
    span = start if start == end else f"{start} – {end}"
    text = f"{counted}\n{span}"
    if hit.kind == "overflow":
        text += "\n" + tr.gettext("Click to list them")
    if 0 <= hit.category < len(data.categories):
        # The segment of the column under the pointer: which colour is what.
        text += "\n" + tr.gettext("{category}: {count}").format(
            category=data.categories[hit.category].label(lang),
            count=format_number(hit.category_count, lang),
        )
    return text


def view_description(data: TimelineData, t0: float, t1: float, selected: int, lang: str) -> str:
    """The timeline's accessible description: the span, its events and the selection."""
    tr = translator(lang)
    first, last = data.window(t0, t1)
    n = last - first
    start, end = span_text(t0, t1, lang)
    text = tr.ngettext(
        "From {start} to {end}, {count} event", "From {start} to {end}, {count} events", n
    ).format(start=start, end=end, count=n)
    if selected >= 0:
        text += ". " + tr.gettext("Selected: {title}").format(title=data.title(selected))
    return text


def overview_description(
    window: tuple[float, float], whole: tuple[float, float], today: int, lang: str
) -> str:
    """The overview band's accessible description: where the view is in the whole story."""
    start, end = span_text(*window, lang)
    return (
        translator(lang)
        .gettext("Showing {start} to {end} of {first} to {last}")
        .format(
            start=start,
            end=end,
            first=format_day(whole[0], lang=lang),
            last=format_day(min(whole[1], today), lang=lang),
        )
    )


def export_heading(t0: float, t1: float, lang: str) -> str:
    """The title printed above an exported or printed view."""
    start, end = span_text(t0, t1, lang)
    return (
        translator(lang).gettext("Kroniek timeline: {start} – {end}").format(start=start, end=end)
    )
