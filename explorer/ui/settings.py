"""Settings, declared once: key, type and default, stored with QSettings.

The file lives in Kroniek's config folder from :mod:`explorer.paths` (an INI
file, so ``--data-dir`` keeps tests and portable installs away from the real
home folder). Nothing is pickled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from explorer import paths


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any


LANGUAGE = Setting("ui/language", str, "")
GEOMETRY = Setting("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray())
MAIN_SPLITTER = Setting("window/main_splitter", QByteArray, QByteArray())
CONTENT_SPLITTER = Setting("window/content_splitter", QByteArray, QByteArray())
LOWER_SPLITTER = Setting("window/lower_splitter", QByteArray, QByteArray())
VIEW_START = Setting("timeline/start", float, 0.0)
VIEW_END = Setting("timeline/end", float, 0.0)
SORT = Setting("search/sort", str, "date")
#: Panes the reader hid (comma-separated keys of explorer.ui.panes).
#: The map and the reading pane open on request.
HIDDEN_PANES = Setting("window/hidden_panes", str, "map,reading")
#: Panes the reader had open. A pane in neither list is newer than the settings
#: (the reading pane, for settings written before it came): it starts as by default.
SHOWN_PANES = Setting("window/shown_panes", str, "")
#: Reopen the last session (search, filters, selection, view) at start; off: start fresh.
RESTORE_SESSION = Setting("session/restore", bool, True)
#: The last session: the query as a saved search's JSON spec, and the selected event.
LAST_QUERY = Setting("session/query", str, "")
LAST_SELECTED = Setting("session/selected", str, "")


class Settings:
    """Typed access to the declared settings."""

    def __init__(self) -> None:
        folder = paths.user_config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(folder / "kroniek.ini"), QSettings.Format.IniFormat)

    def get(self, setting: Setting) -> Any:
        value = self._qs.value(setting.key, setting.default)
        if value is None:
            return setting.default
        try:
            if setting.type is QByteArray:
                return value if isinstance(value, QByteArray) else setting.default
            if setting.type is bool and isinstance(value, str):
                return value.strip().lower() in ("true", "1", "yes")  # an INI file's text
            return setting.type(value)
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting, value: Any) -> None:
        self._qs.setValue(setting.key, value)

    def sync(self) -> None:
        self._qs.sync()
