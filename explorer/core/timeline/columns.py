"""Compact columns for a million events: ids as bytes, positions by seq.

A million event ids as Python strings take ten times the memory of the same
ids as one fixed-width byte array; :class:`IdColumn` reads that array as text
one id at a time. Seqs (the database's row numbers) map to positions through
one small integer array.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import cast, overload

import numpy as np
import numpy.typing as npt


def seq_lookup(seqs: npt.NDArray[np.int64] | None, n: int) -> npt.NDArray[np.int32] | None:
    """An array giving each seq's position (-1 where there is none): 4 bytes per seq.

    Seqs are the article's sentence order, so they run densely from 1; a gap
    of a few here and there costs nothing.
    """
    if seqs is None:
        return None
    if len(seqs) != n:
        raise ValueError("TimelineData columns differ in length")
    top = int(seqs.max()) + 1 if n else 0
    if n and (int(seqs.min()) < 0 or top > 4 * n + 1024):
        raise ValueError("event seqs are not small non-negative numbers")
    lookup = np.full(top, -1, dtype=np.int32)
    lookup[seqs] = np.arange(n, dtype=np.int32)
    return lookup


def id_bytes(ids: Sequence[str] | npt.ArrayLike) -> npt.NDArray[np.bytes_]:
    """Ids as a fixed-width UTF-8 byte-string array (empty ids stay empty)."""
    if isinstance(ids, np.ndarray) and ids.dtype.kind == "S":
        return ids
    # A sequence of ids, or an array of them: either iterates one id at a time.
    texts = [str(i) for i in cast("Iterable[object]", ids)]
    if not texts:
        return np.zeros(0, dtype="S1")
    return np.array([t.encode("utf-8") for t in texts], dtype=bytes)


class IdColumn(Sequence[str]):
    """The id column read as text: ``ids[i]`` is a ``str``, a slice a list of them."""

    def __init__(self, raw: npt.NDArray[np.bytes_]) -> None:
        self._raw = raw

    def __len__(self) -> int:
        return len(self._raw)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [b.decode("utf-8") for b in self._raw[index].tolist()]
        return bytes(self._raw[index]).decode("utf-8")

    def tolist(self) -> list[str]:
        return [b.decode("utf-8") for b in self._raw.tolist()]
