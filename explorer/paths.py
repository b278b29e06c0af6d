"""Every filesystem location Kroniek reads or writes, overridable for tests.

Read-only data (the bundled database, translations, icons) lives inside the
installed package; in a source checkout it is found at the repository's top
level (``db/`` and ``resources/``), which the wheel maps into the package as
``explorer/dbdata`` and ``explorer/resources``. User data, settings, caches and
logs go to the platform folders from platformdirs, or below ``--data-dir``.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "Kroniek"
_PACKAGE = Path(__file__).resolve().parent

_data_dir_override: Path | None = None


def _packaged(installed: str, checkout: str) -> Path:
    inside = _PACKAGE / installed
    return inside if inside.is_dir() else _PACKAGE.parent / checkout


def db_dir() -> Path:
    """Folder with the vendored article, gazetteer tables and built database."""
    return _packaged("dbdata", "db")


def resources_dir() -> Path:
    """Folder with translations, icons and styles."""
    return _packaged("resources", "resources")


def translations_dir() -> Path:
    return resources_dir() / "translations"


def bundled_db() -> Path:
    """The event database that ships with Kroniek (opened read-only)."""
    return db_dir() / "kroniek.db"


def source_article() -> Path:
    """The vendored, lower-cased text of the Wikipedia article."""
    return db_dir() / "nlwiki-russische-invasie-van-oekraine.txt"


def set_data_dir(path: Path | None) -> None:
    """Put all user data, settings, cache and logs below *path* (``--data-dir``)."""
    global _data_dir_override
    _data_dir_override = path


def user_data_dir() -> Path:
    if _data_dir_override is not None:
        return _data_dir_override
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    if _data_dir_override is not None:
        return _data_dir_override / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_cache_dir() -> Path:
    if _data_dir_override is not None:
        return _data_dir_override / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def user_log_dir() -> Path:
    if _data_dir_override is not None:
        return _data_dir_override / "log"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
