"""Data files being replaced right now by this process (encrypted, decrypted), so nobody opens them meanwhile.

A connection opened on the old file while its converted copy is being made
would write into a file that is about to be swapped out, and those writes
would be lost; :func:`engine.store.Store.open_file` refuses instead.
"""
from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Iterator

from engine.errors import LamplightError

_BEING_REPLACED: set[str] = set()
_LOCK = threading.Lock()


@contextlib.contextmanager
def being_replaced(path: str | Path) -> Iterator[None]:
    """While inside, opening ``path`` in this process raises a LamplightError saying why."""
    key = str(Path(path).resolve())
    with _LOCK:
        _BEING_REPLACED.add(key)
    try:
        yield
    finally:
        with _LOCK:
            _BEING_REPLACED.discard(key)


def refuse_if_being_replaced(path: str | Path) -> None:
    if str(Path(path).resolve()) in _BEING_REPLACED:
        raise LamplightError("Lamplight is changing how the data file is stored (turning encryption on or off, or a new key). "
                             "Try again when it has finished; nothing was lost.")
