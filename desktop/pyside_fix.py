"""Work around PySide6 6.12.0 dropping a reference to ``None`` on every call of a void method (Python 3.11).

Shiboken 6.12 returns ``None`` from C++ ``void`` methods without taking a
reference, which is harmless from Python 3.12 on (``None`` is immortal there,
PEP 683) but on Python 3.11 takes one reference from ``None`` per call.
``None`` starts with a few thousand references, so a few thousand such calls
(laying out one class's worksheets makes far more) abort the process with
"none_dealloc: deallocating None". Check::

    f = QFont(); n = sys.getrefcount(None); f.setBold(True); sys.getrefcount(None) - n   # -1

:func:`protect_none` gives ``None`` the same huge reference count Python 3.12
gives immortal objects, so those lost references never reach zero.
"""
from __future__ import annotations

import ctypes
import sys

_IMMORTAL_BOOST = 1 << 40
_protected = False


def protect_none() -> None:
    """Make ``None`` effectively immortal on Python < 3.12 (idempotent; nothing to do on 3.12+)."""
    global _protected
    if _protected or sys.version_info >= (3, 12):
        return
    ctypes.c_ssize_t.from_address(id(None)).value += _IMMORTAL_BOOST  # ob_refcnt is the first field of every object
    _protected = True
