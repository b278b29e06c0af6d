"""Writing an export file: whole or not at all, never over what Kroniek reads.

* The target is checked first: never the library file (or its -wal/-shm, or a
  backup), never the event database, never the file an import is reading —
  writing there would destroy what is being exported.
* A regular file (or a new one) is written to a hidden temporary file beside
  the target and renamed over it, so a reader never sees half a file; the
  target keeps its permissions (a private 600 file stays private).
* A pipe or a device (``-o /dev/stdout``) is written to directly: renaming
  over it would replace it.
* A temporary file left by a killed export (its process is gone) is removed
  by the next export into the same folder.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from explorer.core.errors import UsageError
from explorer.core.library.backup import remove_stale_temps
from explorer.i18n import _

TEMP_MARK = ".kroniek-"


def temp_name(target: Path, pid: int | None = None) -> Path:
    return target.with_name(f".{target.name}{TEMP_MARK}{pid or os.getpid()}.tmp")


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def check_target(dest: Path, protected: Sequence[tuple[Path, str]]) -> None:
    """Refuse *dest* if it is one of the *protected* files (path, what it is)."""
    if dest.is_dir():
        raise UsageError(_("{path} is a folder; give a file name.").format(path=dest))
    for path, what in protected:
        for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            if (dest.exists() or dest.is_symlink()) and candidate.exists():
                clash = _same(dest, candidate)
            else:
                clash = dest.resolve() == candidate.resolve()
            if clash:
                raise UsageError(
                    _("Kroniek will not write the export over {path}: it is {what}.").format(
                        path=dest, what=what
                    )
                )


def write_whole(dest: Path, chunks: Iterable[str]) -> None:
    """Write *chunks* to *dest* so that a reader never sees half a file.

    Raises :class:`OSError` (the target is left as it was) or whatever the
    chunks raise (a cancel); no temporary file is left behind either way.
    """
    target = dest.resolve() if dest.is_symlink() else dest
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(21, "Is a directory", str(dest))
    if mode is not None and not stat.S_ISREG(mode):
        with target.open("w", encoding="utf-8", newline="") as handle:
            for chunk in chunks:
                handle.write(chunk)
        return
    remove_stale_temps(target.parent, f".{target.name}{TEMP_MARK}")
    temp = temp_name(target)
    try:
        with temp.open("w", encoding="utf-8", newline="") as handle:
            if mode is not None:
                os.chmod(temp, stat.S_IMODE(mode))
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise
