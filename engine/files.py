"""The one way Lamplight writes a file a teacher asked for (a printout, a CSV, a report, a ``--json`` figure file).

Through a ``.partial`` copy beside it, flushed to the disk before it takes the name: a full disk, a USB stick pulled
out or a laptop losing power leaves either the old file or the whole new one, never a 0-byte or cut-off file that
looks like a good printout (review 33b). Never over Lamplight's own data (:func:`engine.paths.refuse_own_file`).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_file(folder / "marks.csv", b"name,score\\n").read_bytes()
    b'name,score\\n'
"""
from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from engine.paths import refuse_own_file

PARTIAL_SUFFIX = ".partial"


def write_file(path: str | os.PathLike[str], data: bytes, doing: str = "saving the file", make_folder: bool = False,
               ours: bool = False, private: bool = False) -> Path:
    """Write ``data`` to ``path`` whole or not at all; an OS error becomes the LamplightError that says why (a full
    disk, a read-only stick, a folder gone) with ``doing`` (what the teacher was doing) in it.

    ``make_folder``: create the folder first (a command's ``--out results/x.json``); not for a file chosen in a
    dialog, whose folder exists unless the USB stick it was on was pulled out, when creating it would save the file
    on the laptop's own disk under the stick's name. ``ours``: one of Lamplight's own files (a district file of the
    laptop's), which is never refused. ``private``: readable by this account only (a key).
    """
    from engine.errors import LamplightError
    from engine.store.io_errors import explain

    target = Path(path) if ours else refuse_own_file(path)
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        if make_folder:
            target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)  # a killed write's; a link there is removed, never followed (review 33c)
        handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         0o600 if private else 0o666)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    except OSError as exc:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass  # the folder itself is gone (a stick pulled out): nothing is left there either
        explained = explain(exc, target, doing)
        raise (explained if explained is not None else LamplightError(f"{target}: {exc}")) from exc
    sync_folder(target.parent)
    return target


def write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8", doing: str = "saving the file",
               make_folder: bool = False, ours: bool = False, private: bool = False) -> Path:
    """:func:`write_file` of ``text`` in ``encoding`` (``utf-8-sig`` for a CSV that spreadsheets open as UTF-8)."""
    return write_file(path, text.encode(encoding), doing, make_folder, ours, private)


def sync_file(path: Path) -> None:
    """Flush ``path``'s bytes to the disk (before it takes its name: a laptop losing power keeps all or nothing)."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def sync_folder(folder: Path) -> None:
    """Make a new name in ``folder`` durable, where the system allows it (not on Windows, where renames are; some
    file systems, a USB stick's among them, refuse it: the file is in place all the same)."""
    if sys.platform == "win32":
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EBADF, errno.EACCES):
            raise
    finally:
        os.close(handle)
