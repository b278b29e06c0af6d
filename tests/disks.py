"""Disks that say no, for tests: a tiny tmpfs that fills up, one mounted read-only.

Root ignores file permissions, so a read-only folder made with chmod proves
nothing when the tests run as root (CI does); a read-only or full *file
system* stops root too. Mounting needs root (or CAP_SYS_ADMIN); where that is
not possible the test is skipped, and says why.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(target: Path, options: str) -> None:
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or done.returncode})")


def _umount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


def can_mount() -> bool:
    return os.name == "posix" and shutil.which("mount") is not None and os.geteuid() == 0


@contextlib.contextmanager
def tiny_disk(where: Path, size: str = "256k", *, fill: bool = False) -> Iterator[Path]:
    """A tmpfs of *size* at *where*; with *fill*, filled up to the last byte."""
    if not can_mount():
        pytest.skip("mounting a tmpfs needs root")
    _mount(where, f"size={size},mode=0777")
    try:
        if fill:
            fill_up(where)
        yield where
    finally:
        _umount(where)


def fill_up(where: Path) -> None:
    """Write zeros into *where* until its file system has no byte left."""
    handle = (where / ".filler").open("wb", buffering=0)
    try:
        with contextlib.suppress(OSError):
            while True:
                handle.write(b"\0" * 4096)
        with contextlib.suppress(OSError):
            while True:
                handle.write(b"\0")
    finally:
        handle.close()


def remount_read_only(where: Path) -> None:
    done = subprocess.run(
        ["mount", "-o", "remount,ro", str(where)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only ({done.stderr.strip()})")
