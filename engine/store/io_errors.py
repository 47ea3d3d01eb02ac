"""Turn SQLite and file-system failures into messages a teacher understands, sorted by cause.

The cause decides what may be done next, so it is read from the error code,
never guessed from a traceback:

* damaged (``SQLITE_CORRUPT``, ``SQLITE_NOTADB``): :class:`StoreDamagedError`,
  the only case where restoring a backup helps;
* no permission, read-only file/folder/disk, cannot open, I/O error:
  :class:`StoreAccessError` (the data is not damaged: restoring over it would
  lose good answers);
* disk full: :class:`DiskFullError`;
* another program holding the write lock past the wait: :class:`StoreBusyError`.
"""
from __future__ import annotations

import contextlib
import errno
import sqlite3
from pathlib import Path
from typing import Iterator

from engine.errors import DiskFullError, LamplightError, StoreAccessError, StoreBusyError, StoreDamagedError

RESTORE_HINT = ("To restore the latest good backup in its place, run 'python -m engine recover' (the damaged file "
                "is kept), or start the app, which offers it.")
FREE_SPACE_HINT = "Free some space on that disk (empty the recycle bin, delete large files you no longer need) and try again."

_FULL, _IOERR, _CORRUPT, _NOTADB = 13, 10, 11, 26
_READONLY, _PERM, _AUTH, _CANTOPEN = 8, 3, 23, 14
_BUSY, _LOCKED, _ERROR = 5, 6, 1


def _sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of an sqlite3 (or sqlcipher3) error, from the code or, failing that, the text."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF != _ERROR:
        return code & 0xFF
    text = str(exc).lower()  # SQLITE_ERROR says little: sqlcipher_export() gives it for a full disk (review 33b)
    for needle, guess in (("disk is full", _FULL), ("disk i/o error", _IOERR), ("malformed", _CORRUPT),
                          ("not a database", _NOTADB), ("readonly database", _READONLY), ("unable to open", _CANTOPEN),
                          ("database is locked", _BUSY), ("database table is locked", _LOCKED)):
        if needle in text:
            return guess
    return None


def is_sqlite_error(exc: BaseException) -> bool:
    """True for sqlite3's errors and sqlcipher3's (which do not share a base class)."""
    return isinstance(exc, sqlite3.Error) or type(exc).__module__.startswith("sqlcipher3")


def explain(exc: BaseException, path: str | Path | None = None, doing: str = "using the data") -> LamplightError | None:
    """The LamplightError (subclass by cause) for an SQLite or OS error; None for other errors.

    Constraint and programming errors (``IntegrityError``...) are not the
    disk's doing and give None, so callers keep seeing them as they are.
    """
    where = f" {path}" if path else ""
    if isinstance(exc, LamplightError):
        return exc
    if isinstance(exc, OSError):
        return _explain_os(exc, where, doing)
    if not is_sqlite_error(exc):
        return None
    code = _sqlite_code(exc)
    if code == _IOERR and path is not None and _nearly_full(Path(path)):
        code = _FULL  # SQLite says "I/O error" when it cannot grow its shared-memory file on a full disk
    if code == _FULL:
        return DiskFullError(f"The disk is full: {doing} did not happen and nothing was left half-written{_at(where)}. {FREE_SPACE_HINT}")
    if code in (_READONLY, _PERM, _AUTH):
        return StoreAccessError(
            f"Lamplight may not write to the data file{where}: the file, its folder or the disk is read-only, so {doing} "
            "did not happen. The data in it is intact. Make the data folder writable again (or copy it to a disk "
            "you can write to) and try again.")
    if code == _CANTOPEN:
        return StoreAccessError(
            f"Lamplight cannot open the data file{where}: its folder may be read-only or missing, or on a USB stick or "
            "network drive that is no longer there. The data in it is intact. Check the folder and try again.")
    if code == _IOERR:
        return StoreAccessError(
            f"The disk reported an error while {doing}{_at(where)}. This does not by itself mean the data is broken: "
            "a USB stick or network drive may have been removed, or a file beside the data file deleted. Close "
            "Lamplight, check the disk, and open it again; nothing was changed.")
    if code in (_BUSY, _LOCKED):
        return StoreBusyError(
            f"Another Lamplight program is writing to the data{_at(where)} (for example a long import) and did not "
            f"finish in time, so {doing} did not happen. Try again when it has finished.")
    if code in (_CORRUPT, _NOTADB) or type(exc).__name__ == "DatabaseError":
        return StoreDamagedError(f"The data file{where} is damaged or not a Lamplight file ({exc}). {RESTORE_HINT}")
    return None  # a constraint or programming error: a bug or a caller's case, not the disk's


def unreadable(path: str | Path) -> StoreDamagedError:
    """The data file's damage when SQLite's own message cannot even be read: it quotes the damaged bytes, and
    Python raises UnicodeDecodeError in place of the DatabaseError (see ``encryption.database_errors``)."""
    return StoreDamagedError(f"The data file {path} is damaged: part of it cannot be read back. {RESTORE_HINT}")


def _nearly_full(path: Path, margin_bytes: int = 1 << 20) -> bool:
    """True when the disk holding ``path`` has less than ``margin_bytes`` free."""
    import shutil

    for place in (path, *path.parents):
        try:
            if place.exists():
                return shutil.disk_usage(place).free < margin_bytes
        except OSError:  # a name too long, a folder we may not look into
            continue
    return False


def _at(where: str) -> str:
    return f" (at{where})" if where else ""


def _explain_os(exc: OSError, where: str, doing: str) -> LamplightError:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)) or (where and _nearly_full(Path(where.strip()))):
        return DiskFullError(f"The disk is full: {doing} did not happen and nothing was left half-written{_at(where)}. {FREE_SPACE_HINT}")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreAccessError(f"Lamplight may not write there{_at(where)} ({reason}): {doing} did not happen. "
                                "The data itself is intact. Check the folder's permissions or the disk, and try again.")
    return StoreAccessError(f"The disk reported a problem while {doing}{_at(where)} ({reason}); nothing was changed.")


@contextlib.contextmanager
def translated(path: str | Path | None = None, doing: str = "using the data") -> Iterator[None]:
    """Re-raise SQLite and OS errors inside as the LamplightError :func:`explain` gives (others pass through)."""
    try:
        yield
    except LamplightError:
        raise
    except Exception as exc:  # only SQLite and OS errors are translated; anything else is a bug to see
        explained = explain(exc, path, doing)
        if explained is None:
            raise
        raise explained from exc
