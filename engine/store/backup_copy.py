"""Writing a backup copy of an open database (the part of backups that never needs to read one).

Kept apart from :mod:`engine.store.backup` (which checks and restores backups
and so must open encrypted ones) so that switching encryption on or off can
take its safety backup without an import cycle.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from engine.errors import LamplightError
from engine.files import sync_file, sync_folder

REASONS = ("auto", "manual", "pre-migration", "pre-restore", "encryption-on", "encryption-off", "new-key")
TEMPORARY_SUFFIXES = (".partial", ".converting", ".purging", ".restoring")
WRITING = threading.RLock()
"""Held while this process writes a backup copy, and by what must not meet one half-written: removing a child from the
backups deletes every leftover copy, and a copy being written is not one (review 49b: the daily backup failed)."""


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of an open database to ``target`` in a folder of Lamplight's (made private: for one
    others may write in, see :func:`copy_database_to_shared_folder`), atomically replaced, private to this account.

    On any failure (a full disk, a kill is the caller's problem) the half-written
    ``.partial`` file is removed, so a failed backup leaves nothing behind.
    """
    from engine.security.private_files import create_private_file, make_private_folder

    make_private_folder(target.parent)
    partial = target.with_name(target.name + ".partial")
    with WRITING:
        try:
            create_private_file(partial)  # empty: VACUUM INTO accepts it, and it is 0600 before any byte is written
            if not isinstance(source, sqlite3.Connection):  # SQLCipher: the copy keeps the store's encryption key
                source.execute("VACUUM INTO ?", [str(partial)])
            else:
                dest = sqlite3.connect(partial)
                try:
                    source.backup(dest)
                    dest.execute("PRAGMA journal_mode=DELETE")
                finally:
                    dest.close()
            sync_file(partial)  # review 33b: a stick pulled out a second after "saved" held only the .partial
            partial.replace(target)
            sync_folder(target.parent)
        except BaseException:
            partial.unlink(missing_ok=True)
            Path(f"{partial}-journal").unlink(missing_ok=True)
            raise


def copy_database_to_shared_folder(source: sqlite3.Connection, target: Path, scratch_folder: Path,
                                   prepare: Callable[[Path], object] | None = None) -> None:
    """:func:`copy_database` into a folder others may write in (a USB stick, a shared folder): the copy is made in
    the private ``scratch_folder`` (where ``prepare`` gets it, before it is written out) and its bytes go through the
    descriptor that created ``target``'s ``.partial`` (review 34c: SQLite opened the ``.partial`` again by name, so a
    link swapped in there between the two was written through)."""
    import shutil
    import uuid

    from engine.security.private_files import open_private_file

    with WRITING:  # its scratch copy is no leftover either (review 50c: a purge deleted it as it was copied)
        scratch = scratch_folder / f"to-folder-{uuid.uuid4().hex}.sqlite3.partial"  # a leftover is cleared as a temporary
        partial = target.with_name(target.name + ".partial")
        try:
            copy_database(source, scratch)
            if prepare is not None:
                prepare(scratch)
            with os.fdopen(open_private_file(partial), "wb") as out, open(scratch, "rb") as copied:
                shutil.copyfileobj(copied, out, 1 << 20)
                out.flush()
                os.fsync(out.fileno())
                written = os.fstat(out.fileno())
            now = os.lstat(partial)
            if (now.st_dev, now.st_ino) != (written.st_dev, written.st_ino):  # another program put something in its place
                raise LamplightError(f"{partial} was replaced by another program while the backup was saved; the backup was "
                                     "not saved. Choose a folder only you can write in.")
            os.replace(partial, target)
            sync_folder(target.parent)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        finally:
            scratch.unlink(missing_ok=True)


def backup_name(moment: datetime, reason: str) -> str:
    return f"lamplight-{moment.astimezone(timezone.utc).strftime('%Y%m%dT%H%M%S%f')}Z-{reason}.sqlite3"


def make_backup(source: sqlite3.Connection, folder: Path, reason: str, now: datetime | None = None) -> Path:
    """Copy the open database into the backup folder; returns the new file."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    moment = now or datetime.now(timezone.utc)
    target = folder / backup_name(moment, reason)
    copy_database(source, target)
    return target
