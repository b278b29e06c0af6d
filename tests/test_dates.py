"""An event's date reads the same wherever it is shown: list, detail view, timeline.

There is one formatter (``explorer.core.events.dates.format_event_date``); the
timeline keeps only day columns and recovers the written date from them. These
tests hold every event of the bundled database to that, in both languages.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from explorer import i18n
from explorer.core.events.dates import event_date_from_days, format_event_date
from explorer.core.events.store import EventStore
from explorer.core.timeline import describe
from explorer.core.timeline.data import TimelineData, load_timeline_data
from explorer.core.timeline.shapes import Hit
from explorer.ui.detail import DetailContent, DetailView
from explorer.ui.search.results_model import ResultsModel


@pytest.fixture(scope="module")
def everything(bundled_db: object) -> tuple[EventStore, TimelineData]:
    from explorer import paths

    store = EventStore(paths.bundled_db())
    return store, load_timeline_data(store.conn)


@pytest.mark.parametrize(
    ("stored", "en", "nl"),
    [
        (("2022-02-24", "", "day", ""), "24 February 2022", "24 februari 2022"),
        (("2022-03", "", "month", "start"), "early March 2022", "begin maart 2022"),
        (("2022-03-03", "2022-03-04", "day", ""), "3–4 March 2022", "3–4 maart 2022"),
        (("2022-03-20", "2022-04-12", "day", ""), "20 March – 12 April 2022",
         "20 maart – 12 april 2022"),
        (("2021-10", "2022-02", "month", ""), "October 2021 – February 2022",
         "oktober 2021 – februari 2022"),
        # The article's "eind juni en begin juli 2022": the qualifier is kept.
        (("2022-06", "2022-07", "month", "end"), "late June–July 2022", "eind juni–juli 2022"),
        (("2022", "2023", "year", "end"), "late 2022–2023", "eind 2022–2023"),
        (("2014", "", "year", ""), "2014", "2014"),
    ],
)  # fmt: skip
def test_dates_read_as_people_write_them(
    stored: tuple[str, str, str, str], en: str, nl: str
) -> None:
    assert format_event_date(*stored, lang="en") == en
    assert format_event_date(*stored, lang="nl") == nl


def test_the_timeline_recovers_every_written_date_from_its_day_columns(
    everything: tuple[EventStore, TimelineData],
) -> None:
    store, data = everything
    events = store.events(list(data.ids))
    for i, event_id in enumerate(data.ids):
        e = events[event_id]
        recovered = event_date_from_days(
            int(data.day_min[i]), int(data.day_max[i]), int(data.precision[i]),
            int(data.qualifier[i]),
        )  # fmt: skip
        assert recovered == (e.start, e.end if e.end != e.start else "", e.precision, e.qualifier)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_list_detail_and_timeline_show_the_same_date_for_every_event(
    qtbot: QtBot, everything: tuple[EventStore, TimelineData], lang: str
) -> None:
    store, data = everything
    i18n.set_language(lang)
    model = ResultsModel(store.events)
    model.set_ids(data.ids, data.index_of)
    detail = DetailView()
    qtbot.addWidget(detail)
    assert len(data) == store.count() > 600
    for row in range(model.rowCount()):
        event_id = model.event_id(row)
        event = store.event(event_id)
        assert event is not None
        in_list = model.data(model.index(row, ResultsModel.DATE), Qt.ItemDataRole.ToolTipRole)
        short = model.data(model.index(row, ResultsModel.DATE))
        index = data.index_of(event_id)
        assert index is not None
        on_timeline = describe.tooltip(data, Hit("event", index), lang).splitlines()[0]
        detail.show_event(DetailContent(event, [], [], "", "#888888", {}))
        in_detail = detail.plain_text().split(" · ")[0]
        assert in_list == on_timeline == in_detail, event_id
        if event.end or event.qualifier:
            # The narrow column abbreviates, but still says "late" and the span.
            assert short.split(" ")[0] == in_list.split(" ")[0] or "–" in short
