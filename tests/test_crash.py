"""A bug in Kroniek shows a dialog and is logged; the app keeps running."""

from __future__ import annotations

import logging
import sys

import pytest

from explorer import logs
from explorer.ui import crash


def test_an_uncaught_exception_is_logged_and_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    logs.reset()
    logs.configure()
    crash.install(show=lambda message, details: shown.append((message, details)))
    try:
        raise ValueError("the timeline lost its way")
    except ValueError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    logging.shutdown()
    assert shown and "the timeline lost its way" in shown[0][0]
    assert "Traceback" in shown[0][1]
    assert "the timeline lost its way" in logs.log_path().read_text(encoding="utf-8")
    logs.reset()
