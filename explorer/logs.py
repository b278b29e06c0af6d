"""Logging, configured once: a rotating file in the user's log folder.

``--debug`` makes it verbose and also echoes to stderr. A log folder that
cannot be written is not an error: Kroniek then logs to stderr only.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from explorer import paths

LOG_FILE = "kroniek.log"
_configured = False


def log_path() -> Path:
    return paths.user_log_dir() / LOG_FILE


def configure(debug: bool = False) -> None:
    """Set up the root logger (idempotent)."""
    global _configured
    if _configured:
        return
    _configured = True
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        log_path().parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_path(), maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True
        )
        handler.setFormatter(fmt)
        root.addHandler(handler)
    except OSError:
        pass
    if debug:
        echo = logging.StreamHandler()
        echo.setFormatter(fmt)
        root.addHandler(echo)


def reset() -> None:
    """Remove the handlers again (tests, or a new --data-dir)."""
    global _configured
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler | logging.StreamHandler):
            root.removeHandler(handler)
            handler.close()
    _configured = False
