"""When the store file is damaged: find the latest good backup and put it back, losing nothing else.

``Store.open`` refuses a damaged or truncated file with a LamplightError. The
store's ``restore`` needs an open store, so it cannot help then; instead
:func:`recover` sets the damaged file (and its ``-wal``/``-shm`` companions)
aside under a ``damaged-<time>`` name, never deleting it, and copies the latest
backup that passes the integrity check into place.
"""
from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

from engine import paths
from engine.errors import LamplightError
from engine.store.records import BackupInfo


def good_backups(data_dir: str | os.PathLike[str] | None = None) -> list[BackupInfo]:
    """The backups that pass the integrity check and this Lamplight can read, newest first."""
    from engine.store import backup as backups
    from engine.store.migrations import LATEST_VERSION

    good = []
    for info in backups.list_backups(paths.backup_dir(data_dir)):
        try:
            version = backups.check_file(Path(info.path))
        except LamplightError:
            continue
        if 1 <= version <= LATEST_VERSION:
            good.append(info)
    return good


def latest_good_backup(data_dir: str | os.PathLike[str] | None = None) -> BackupInfo | None:
    """The newest backup that passes the integrity check, or None."""
    found = good_backups(data_dir)
    return found[0] if found else None


def store_problem(data_dir: str | os.PathLike[str] | None = None) -> str | None:
    """Why the folder's store cannot be opened (the LamplightError's text), or None when it opens."""
    from engine.store import Store

    try:
        Store.open(data_dir, check=True).close()
    except LamplightError as exc:
        return str(exc)
    return None


def advice(data_dir: str | os.PathLike[str] | None = None) -> str:
    """A sentence for the teacher: which backup ``recover`` would restore, or that there is none."""
    best = latest_good_backup(data_dir)
    if best is None:
        return ("There is no good backup in " + str(paths.backup_dir(data_dir)) +
                ". Keep the damaged file; a copy of the data folder from another place (USB stick) may help.")
    return (f"The latest good backup is from {best.created} ({Path(best.path).name}). "
            "Restore it with 'python -m engine recover' (the damaged file is kept beside it).")


def recover(data_dir: str | os.PathLike[str] | None = None, backup: str | os.PathLike[str] | None = None) -> tuple[Path, Path | None]:
    """Put a good backup (default: the latest) in place of the store file; returns (backup used, damaged file kept).

    The current file is moved aside, not deleted. The restored store is opened
    with a full integrity check before this returns.
    """
    from engine.store import Store
    from engine.store import backup as backups

    folder = paths.data_dir(data_dir)
    store_file = folder / paths.STORE_FILE
    if backup is None:
        best = latest_good_backup(folder)
        if best is None:
            raise LamplightError(f"There is no good backup in {paths.backup_dir(folder)} to restore.")
        source = Path(best.path)
    else:
        source = Path(backup)
        backups.check_file(source)
    kept = None
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    if store_file.exists():
        kept = store_file.with_name(f"{store_file.name}.damaged-{stamp}")
        os.replace(store_file, kept)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = Path(str(store_file) + suffix)
        if companion.exists():
            os.replace(companion, Path(str(kept or store_file) + suffix if kept else str(companion) + f".damaged-{stamp}"))
    partial = store_file.with_name(store_file.name + ".restoring")
    shutil.copyfile(source, partial)
    os.replace(partial, store_file)
    Store.open(folder, check=True).close()
    return source, kept
