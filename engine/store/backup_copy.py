"""Writing a backup copy of an open database (the part of backups that never needs to read one).

Kept apart from :mod:`engine.store.backup` (which checks and restores backups
and so must open encrypted ones) so that switching encryption on or off can
take its safety backup without an import cycle.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from engine.files import sync_file, sync_folder

REASONS = ("auto", "manual", "pre-migration", "pre-restore", "encryption-on", "encryption-off", "new-key")
TEMPORARY_SUFFIXES = (".partial", ".converting", ".purging", ".restoring")


def copy_database(source: sqlite3.Connection, target: Path, *, private_folder: bool = True) -> None:
    """Write a consistent copy of an open database to ``target`` (atomically replaced, private to this account).

    ``private_folder=False`` leaves the target folder's permissions alone (a
    folder the teacher chose, such as a USB stick); the file is private either way.

    On any failure (a full disk, a kill is the caller's problem) the half-written
    ``.partial`` file is removed, so a failed backup leaves nothing behind.
    """
    from engine.security.private_files import create_private_file, make_private_folder

    if private_folder:
        make_private_folder(target.parent)
    partial = target.with_name(target.name + ".partial")
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
