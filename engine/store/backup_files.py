"""Backups the teacher carries: saved to any folder (a USB stick) and restored from any file.

A saved copy is named for the teacher to read (``lamplight-backup-2026-12-03-1716.sqlite3``,
the date and time on this computer's clock; see :func:`saved_backup_name`) and is encrypted
when the store is (SQLCipher's copy keeps the key). What a file holds is read from the file
itself when it is restored (:func:`inspect_backup_file`), never from its name. An outside file is checked on a private copy inside the store's backup folder: there
the data folder's key opens an encrypted one, a hot journal on the stick is never touched,
and a USB stick pulled out halfway cannot break the restore.
"""
from __future__ import annotations

import contextlib
import re
import shutil
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from engine.errors import LamplightError, StoreAccessError
from engine.store import backup as backups
from engine.store.backup_contents import BackupContents, backup_contents
from engine.store.io_errors import translated

if TYPE_CHECKING:
    from engine.store.core import Store

BROUGHT_IN_SUFFIX = ".restoring"  # a temporary suffix: a copy a killed app left behind is cleaned up later
_SAVED_NAME = re.compile(r"lamplight-backup-(\d{4}-\d{2}-\d{2}-\d{4})(?:-\d+)?\.sqlite3$")


def saved_backup_name(folder: Path, moment: datetime) -> Path:
    """``folder/lamplight-backup-2026-12-03-1716.sqlite3`` (local time to the minute); ``-2``, ``-3``... when taken.

    Unlike the store's own backups (UTC to the microsecond, for sorting and
    rotation) this name is for a teacher reading a USB stick's file list.
    """
    stem = "lamplight-backup-" + moment.astimezone().strftime("%Y-%m-%d-%H%M")
    target, number = folder / f"{stem}.sqlite3", 2
    while target.exists():
        target, number = folder / f"{stem}-{number}.sqlite3", number + 1
    return target


def saved_backup_time(path: str | Path) -> datetime | None:
    """The local time (to the minute) a name given by :func:`saved_backup_name` says; None for other names."""
    match = _SAVED_NAME.match(Path(path).name)
    return datetime.strptime(match.group(1), "%Y-%m-%d-%H%M").astimezone() if match else None


def check_backup(path: Path) -> int:
    """Check a backup file (integrity, made by this or an older Lamplight); returns its schema version.

    Raises LamplightError saying why the file cannot be restored.
    """
    from engine.store.migrations import LATEST_VERSION

    version = backups.check_file(path)
    if version > LATEST_VERSION:
        raise LamplightError(f"{path}: made by a newer Lamplight (schema {version}); update Lamplight first.")
    if version < 1:
        raise LamplightError(f"{path}: not a Lamplight backup (it has no Lamplight tables).")
    return version


def save_backup_to(store: "Store", folder: str | Path, now: datetime | None = None) -> Path:
    """Write a consistent backup copy of ``store`` into ``folder`` (any folder: a USB stick); returns the file.

    The folder's own permissions are left as they are (it is the teacher's). A
    full or read-only target raises DiskFullError / StoreAccessError and leaves no
    half-written file.
    """
    target_folder = Path(folder)
    if not target_folder.is_dir():
        raise StoreAccessError(f"{target_folder}: no such folder (was the USB stick removed?); the backup was not saved.")
    target = saved_backup_name(target_folder, now or datetime.now(timezone.utc))
    with translated(target, "saving the backup"):
        backups.copy_database(store.db.conn, target, private_folder=False)
    return target


@contextlib.contextmanager
def brought_in(store: "Store", path: str | Path) -> Iterator[Path]:
    """A private copy of the backup file ``path`` inside the store's backup folder, removed afterwards."""
    from engine.security.private_files import create_private_file, make_private_folder

    source = Path(path)
    if not source.is_file():
        raise LamplightError(f"{source}: no such backup file.")
    copy = store.backup_dir / f"from-file-{uuid.uuid4().hex}.sqlite3{BROUGHT_IN_SUFFIX}"
    try:
        with translated(copy, "reading the backup file"):
            make_private_folder(store.backup_dir)
            create_private_file(copy)
            shutil.copyfile(source, copy)
        yield copy
    finally:
        copy.unlink(missing_ok=True)
        Path(f"{copy}-journal").unlink(missing_ok=True)


def inspect_backup_file(store: "Store", path: str | Path) -> BackupContents:
    """What the backup file at ``path`` holds, after checking it can be restored (nothing is changed).

    Raises LamplightError when it is not a Lamplight backup, is damaged, or was
    made by a newer Lamplight.
    """
    with brought_in(store, path) as copy:
        try:
            check_backup(copy)
            return backup_contents(copy)
        except LamplightError as exc:
            raise LamplightError(str(exc).replace(str(copy), str(path))) from exc
