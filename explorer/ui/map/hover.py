"""What the map says on hover, as plain text (names and titles come from files).

The widget escapes the result before Qt's tooltip sees it (:func:`tooltip_html`),
so a place or an event title holding markup is shown as typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiNamespace

from explorer.core.geo.basemap import ProjectedBaseMap, ProjectedShape
from explorer.core.geo.layout import MapLayout, Marker
from explorer.core.geo.places import PARENT_OBLAST, MapPlace
from explorer.i18n import _, format_number, ngettext

TOP_EVENTS = 3


def elide(text: str, limit: int = 90) -> str:
    """One line of at most *limit* characters: a tooltip must not span the screen."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def tooltip_html(text: str) -> str:
    """Plain *text* as Qt rich text that shows exactly that text (``<`` stays ``<``)."""
    return str(QtGuiNamespace.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpacePre))


def place_text(marker: Marker, basemap: ProjectedBaseMap, lang: str) -> str:
    """A marker's place: its name, counts, oblast and its top events."""
    place = marker.place
    n = place.count
    lines = [
        place.name(lang),
        ngettext("{count} event in view", "{count} events in view", n).format(
            count=format_number(n, lang)
        ),
    ]
    if place.total:
        lines.append(
            ngettext("{count} event in all", "{count} events in all", place.total).format(
                count=format_number(place.total, lang)
            )
        )
    if marker.oblast and marker.oblast != place.code:
        oblast = basemap.get(marker.oblast)
        if oblast is not None:
            lines.append(oblast.shape.name(lang))
    lines += ["• " + elide(title) for title in place.top_events[:TOP_EVENTS]]
    return "\n".join(lines)


def shape_text(
    shape: ProjectedShape, layout: MapLayout, basemap: ProjectedBaseMap, lang: str
) -> str:
    """An oblast's or a country's name, what names it, and its occupation."""
    lines = [shape.shape.name(lang)]
    named = layout.shape_counts.get(shape.code, 0)
    if named:
        lines.append(
            ngettext("Named in {count} event in view", "Named in {count} events in view", named)
            .format(count=format_number(named, lang))
        )  # fmt: skip
    if shape.shape.layer == "oblast":
        n = layout.oblast_counts.get(shape.code, 0)
        counted_in = basemap.get(PARENT_OBLAST.get(shape.code, shape.code)) or shape
        lines.append(
            ngettext(
                "{count} event at places in {oblast}",
                "{count} events at places in {oblast}",
                n,
            ).format(count=format_number(n, lang), oblast=counted_in.shape.name(lang))
        )
    if shape.shape.occupied_by:
        lines.append(_("Occupied by Russia since {year}").format(year=shape.shape.occupied_since))
    return "\n".join(lines)


def description(places: Sequence[MapPlace], focused: MapPlace | None, lang: str) -> str:
    """What a screen reader says of the map: how many places, the busiest five, and
    the place Enter would filter by."""
    shown = sorted((p for p in places if p.count > 0), key=lambda p: (-p.count, p.name(lang)))
    text = ngettext(
        "{count} place with events in view", "{count} places with events in view", len(shown)
    ).format(count=format_number(len(shown), lang))
    if shown:
        text += ": " + ", ".join(
            f"{p.name(lang)} ({format_number(p.count, lang)})" for p in shown[:5]
        )
    if focused is not None:
        text += ". " + _("Chosen on the map: {place}. Press Enter to filter by it.").format(
            place=focused.name(lang)
        )
    return text
