"""Reading a file to import: checked first, then streamed one annotation at a time.

A file to import may be anything: a named pipe (reading would wait forever), a
device, a 5 GB file, one 50 MB string, a million nested brackets. Before a
byte is parsed, :func:`open_import` checks that it is a regular file within
:data:`MAX_FILE_BYTES`. :class:`AnnotationStream` then walks the JSON
structure Kroniek's exports and other Web Annotation files use — a list of
annotations, one annotation, an ``AnnotationPage`` or an
``AnnotationCollection`` with embedded pages — and hands out one annotation
at a time, parsed by the standard library's C JSON scanner
(:meth:`json.JSONDecoder.raw_decode`) from a buffer that never holds more
than one annotation plus a read-ahead. Memory is bounded by the largest
annotation (:data:`MAX_ITEM_CHARS`), time grows with the file's size, and no
dependency is needed.

The limits follow from what an export can write: at most
:data:`~explorer.core.library.rules.MAX_ITEMS` annotations, none larger than
:data:`MAX_ITEM_CHARS`, in at most :data:`MAX_FILE_BYTES` — the exporter
(:mod:`.annotations`) clips event texts so that its annotations always fit.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import IO, Any

from explorer.core.errors import UsageError, shown
from explorer.i18n import _

#: One annotation's JSON text. A Kroniek export's largest is a collection of
#: MAX_COLLECTION events at about 2 KB each.
MAX_ITEM_CHARS = 64 * 1024 * 1024
#: A whole file: a million annotations at about 4 KB each.
MAX_FILE_BYTES = 4 * 1024 * 1024 * 1024
_CHUNK = 1024 * 1024
_WHITESPACE = " \t\n\r"


class ReadRefused(UsageError):
    """The file is not one to import (type, size, JSON); one line says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _no_constants(value: str) -> Any:
    raise ValueError(_("{value} is not a JSON number").format(value=shown(value)))


def open_import(path: Path) -> IO[bytes]:
    """Open *path* for reading after checking it is a regular file of a sane size."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UsageError(_("There is no file {path} to import.").format(path=path)) from None
    except ValueError:  # a NUL in the name
        raise UsageError(_("There is no file {path} to import.").format(path=path)) from None
    except OSError as exc:
        raise UsageError(
            _("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(_("{path} is a folder, not a file to import.").format(path=path))
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(
            _("{path} is not a regular file (a pipe or a device); it cannot be imported.").format(
                path=path
            )
        )
    if info.st_size > MAX_FILE_BYTES:
        raise ReadRefused(
            _("the file is larger than {size} GB").format(size=MAX_FILE_BYTES // 1024**3)
        )
    return open(path, "rb")


class AnnotationStream:
    """The annotations of a file, one at a time (see the module docstring).

    Iterate to get ``(annotation, inherits_context)`` pairs; afterwards
    :attr:`problems` lists what is wrong with the file's envelope (its
    ``@context``, pages that are not in the file). :attr:`done` and
    :attr:`total` are bytes, for progress. JSON errors raise
    :class:`ReadRefused` naming the line and column.
    """

    def __init__(self, handle: IO[bytes], size: int = 0) -> None:
        self.handle = handle
        self.total = size
        self.done = 0
        self.problems: list[str] = []
        self._decode = codecs.getincrementaldecoder("utf-8-sig")()
        self._decoder = json.JSONDecoder(parse_constant=_no_constants)
        self._buf = ""
        self._pos = 0
        self._lines = 1  # line number at the start of the buffer
        self._line_start = 0  # buffer index where that line starts (for columns)
        self._eof = False
        #: The JSON text of the value read last (what :func:`quick_oversized` checks).
        self.last: str | None = None

    # -- the buffer -----------------------------------------------------------

    def _more(self, at_least: int = 0) -> bool:
        """Read more of the file into the buffer; False at the end of the file."""
        if self._eof:
            return False
        if self._pos:
            dropped = self._buf[: self._pos]
            newlines = dropped.count("\n")
            if newlines:
                self._lines += newlines
                self._line_start = self._pos - (len(dropped) - dropped.rfind("\n") - 1)
            self._line_start -= self._pos
            self._buf = self._buf[self._pos :]
            self._pos = 0
        raw = self.handle.read(max(at_least, _CHUNK))
        self.done += len(raw)
        try:
            text = self._decode.decode(raw, final=not raw)
        except UnicodeDecodeError:
            raise ReadRefused(_("the file is not UTF-8 text")) from None
        if not raw:
            self._eof = True
        self._buf += text
        return bool(raw) or bool(text)

    def _peek(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in _WHITESPACE:
                self._pos += 1
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._more():
                return ""

    def _where(self, index: int) -> tuple[int, int]:
        before = self._buf[:index]
        newlines = before.count("\n")
        line = self._lines + newlines
        column = index - (before.rfind("\n") + 1 if newlines else self._line_start) + 1
        return line, max(column, 1)

    def _fail(self, message: str, index: int | None = None) -> ReadRefused:
        line, column = self._where(self._pos if index is None else index)
        return ReadRefused(
            _("not valid JSON (line {line}, column {col}: {msg})").format(
                line=line, col=column, msg=message
            )
        )

    def _expect(self, char: str) -> None:
        if self._peek() != char:
            found = self._peek()
            raise self._fail(
                _("expected “{char}”, found “{found}”").format(
                    char=char, found=found or _("the end of the file")
                )
            )
        self._pos += 1

    def _value(self) -> Any:
        """One complete JSON value at the cursor, reading more until it fits."""
        self._peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                pending = len(self._buf) - self._pos
                cut = exc.pos >= len(self._buf) - 16 or exc.msg.startswith("Unterminated")
                if cut and not self._eof:
                    if pending > MAX_ITEM_CHARS:
                        raise ReadRefused(
                            _("an annotation is larger than {n} MB").format(
                                n=MAX_ITEM_CHARS // 1024**2
                            )
                        ) from None
                    self._more(pending)  # doubling: reading stays linear
                    continue
                raise self._fail(exc.msg, exc.pos) from None
            except RecursionError:
                raise ReadRefused(_("the data is nested too deeply")) from None
            except ValueError as exc:
                raise ReadRefused(_("not valid JSON ({reason})").format(reason=exc)) from None
            if len(self._buf) - end < 32 and not self._eof:
                # A number (or "tru") cut by the end of the buffer parses as a
                # shorter value: near the end, read on and parse again.
                self._more(len(self._buf) - self._pos)
                continue
            if end - self._pos > MAX_ITEM_CHARS:
                raise ReadRefused(
                    _("an annotation is larger than {n} MB").format(n=MAX_ITEM_CHARS // 1024**2)
                )
            self.last = self._buf[self._pos : end]
            self._pos = end
            return value

    # -- the structure ----------------------------------------------------------

    def __iter__(self) -> Iterator[tuple[Any, bool]]:
        first = self._peek()
        if first == "[":
            yield from self._array(inherited=False)
        elif first == "{":
            fields: dict[str, Any] = {}
            found = yield from self._object(fields, top=True)
            if not found:
                # No pages: the object is one annotation (or nothing we know).
                if _is_collection(fields):
                    if "first" not in fields and "items" not in fields:
                        self.problems.append(_("the file holds no annotations"))
                else:
                    self.last = None  # read field by field: no text to check quickly
                    yield fields, False
        elif first == "":
            raise ReadRefused(_("not valid JSON ({reason})").format(reason=_("the file is empty")))
        else:
            from explorer.core.library.formats.validate import oversized

            value = self._value()  # a number or a string: say what is wrong with it
            self.problems.append(
                oversized(value) or _("the file must hold a JSON object or a list of annotations")
            )
        if self._peek() != "":
            raise self._fail(_("extra data after the end"))

    def _array(self, *, inherited: bool) -> Iterator[tuple[Any, bool]]:
        self._expect("[")
        if self._peek() == "]":
            self._pos += 1
            return
        while True:
            yield self._value(), inherited
            if self._peek() == ",":
                self._pos += 1
                continue
            self._expect("]")
            return

    def _object(
        self, fields: dict[str, Any], *, top: bool
    ) -> Generator[tuple[Any, bool], None, bool]:
        """Read an object key by key; stream "items" arrays and embedded pages.

        Returns (through StopIteration) whether any "items" were streamed.
        """
        self._expect("{")
        streamed = False
        if self._peek() == "}":
            self._pos += 1
            return False
        while True:
            if self._peek() != '"':
                raise self._fail(_("expected a name in double quotes"))
            key = self._value()
            self._expect(":")
            nxt = self._peek()
            if key == "items" and nxt == "[":
                yield from self._array(inherited=True)
                streamed = True
            elif key in ("first", "next") and nxt == "{":
                page: dict[str, Any] = {}
                found = yield from self._object(page, top=False)
                streamed = streamed or found
                if not found and "items" not in page:
                    self.problems.append(_("an AnnotationPage needs a list of “items”"))
            else:
                fields[key] = self._value()
                if key in ("first", "next") and isinstance(fields[key], str):
                    self.problems.append(
                        _("the collection's pages are not in the file; save them in it")
                    )
            if self._peek() == ",":
                self._pos += 1
                continue
            self._expect("}")
            break
        if streamed and top and not _context_ok(fields.get("@context")):
            from explorer.core.library.formats.validate import ANNO_CONTEXT

            self.problems.append(_("“@context” must be {context}").format(context=ANNO_CONTEXT))
        if "items" in fields and not isinstance(fields["items"], list):
            self.problems.append(_("an AnnotationPage needs a list of “items”"))
        return streamed


_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def quick_oversized(raw: str | None, value: object) -> str | None:
    """:func:`~.validate.oversized` for a value parsed from *raw*, fast when it can be.

    No string can be longer than the text it came from, nesting cannot be
    deeper than its brackets, and a lone surrogate can only come from a
    ``\\udXXX`` escape: text that rules all three out needs no walk.
    """
    from explorer.core.library.formats.validate import MAX_STRING, oversized

    if (
        raw is not None
        and len(raw) <= MAX_STRING
        and raw.count("{") + raw.count("[") <= 64
        and not _ESCAPED_SURROGATE.search(raw)
    ):
        return None
    return oversized(value)


def _is_collection(fields: dict[str, Any]) -> bool:
    kind = fields.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "AnnotationCollection" in kinds or "AnnotationPage" in kinds


def _context_ok(value: object) -> bool:
    from explorer.core.library.formats.validate import context_ok

    return context_ok(value)


def stream_file(path: Path) -> tuple[AnnotationStream, Callable[[], None]]:
    """An :class:`AnnotationStream` over *path* and the function that closes it."""
    handle = open_import(path)
    size = os.fstat(handle.fileno()).st_size
    return AnnotationStream(handle, size), handle.close
