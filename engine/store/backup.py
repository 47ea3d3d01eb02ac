"""Backups of the store file: consistent copies made with SQLite's online backup API.

Files live in ``<data>/backups/`` and are named
``lamplight-<UTC time>-<reason>.sqlite3``. Reasons:

* ``auto``: the scheduled backup ``maybe_scheduled_backup`` makes at most once a
  day; rotated to keep the newest of each of the last 7 days that have one and
  the newest of each of the last 4 weeks (ISO weeks), like restic's
  ``--keep-daily 7 --keep-weekly 4``.
* ``manual``, ``pre-migration``, ``pre-restore``: kept, the newest 10 of each.

A backup is a complete, self-contained SQLite file (rollback journal, not WAL).
"""
from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from engine.errors import LamplightError
from engine.store.records import BackupInfo

REASONS = ("auto", "manual", "pre-migration", "pre-restore")
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_OTHER = 10
_NAME = re.compile(r"^lamplight-(\d{8}T\d{6}(?:\d{6})?)Z-([a-z-]+)\.sqlite3$")


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of an open database to ``target`` (atomically replaced)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    if not isinstance(source, sqlite3.Connection):  # SQLCipher: the copy keeps the store's encryption key
        source.execute("VACUUM INTO ?", [str(partial)])
        partial.replace(target)
        return
    dest = sqlite3.connect(partial)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
    partial.replace(target)


def check_file(path: Path) -> int:
    """Run integrity_check on a database file; return its schema version, or raise LamplightError."""
    if not path.is_file():
        raise LamplightError(f"{path}: no such backup file.")
    from engine.security import encryption  # an encrypted folder's backups are encrypted too

    try:
        conn = encryption.connect(path, readonly=True)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except encryption.database_errors() as exc:
        raise LamplightError(f"{path}: not a readable Lamplight database ({exc}).") from exc
    if result != ["ok"]:
        raise LamplightError(f"{path}: the file is damaged ({'; '.join(result[:3])}).")
    return version


def backup_name(moment: datetime, reason: str) -> str:
    return f"lamplight-{moment.astimezone(timezone.utc).strftime('%Y%m%dT%H%M%S%f')}Z-{reason}.sqlite3"


def parse_backup_name(path: Path) -> tuple[datetime, str] | None:
    """(UTC time, reason) of a backup file name, or None for files that are not backups."""
    match = _NAME.match(path.name)
    if not match:
        return None
    stamp = match.group(1)
    fmt = "%Y%m%dT%H%M%S%f" if len(stamp) > 15 else "%Y%m%dT%H%M%S"
    return datetime.strptime(stamp, fmt).replace(tzinfo=timezone.utc), match.group(2)


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in a folder, newest first."""
    found = []
    for path in folder.glob("lamplight-*.sqlite3") if folder.is_dir() else ():
        parsed = parse_backup_name(path)
        if parsed:
            found.append((parsed[0], BackupInfo(str(path), parsed[0].isoformat(timespec="seconds"), path.stat().st_size, parsed[1])))
    return [info for _, info in sorted(found, key=lambda pair: pair[0], reverse=True)]


def make_backup(source: sqlite3.Connection, folder: Path, reason: str, now: datetime | None = None) -> Path:
    """Copy the open database into the backup folder; returns the new file."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    moment = now or datetime.now(timezone.utc)
    target = folder / backup_name(moment, reason)
    copy_database(source, target)
    return target


def backups_to_delete(backups: list[BackupInfo]) -> list[BackupInfo]:
    """Which backups rotation removes (see the module doc); ``backups`` newest first."""
    doomed = []
    days: set[str] = set()
    weeks: set[tuple[int, int]] = set()
    others: dict[str, int] = {}
    for info in backups:
        moment = datetime.fromisoformat(info.created)
        if info.reason != "auto":
            others[info.reason] = others.get(info.reason, 0) + 1
            if others[info.reason] > KEEP_OTHER:
                doomed.append(info)
            continue
        keep = False
        day = moment.date().isoformat()
        if day not in days and len(days) < KEEP_DAILY:
            days.add(day)
            keep = True
        week = tuple(moment.isocalendar())[:2]
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.add(week)
            keep = True
        if not keep:
            doomed.append(info)
    return doomed


def rotate(folder: Path) -> list[Path]:
    """Delete the backups rotation does not keep; returns the deleted files."""
    deleted = []
    for info in backups_to_delete(list_backups(folder)):
        Path(info.path).unlink(missing_ok=True)
        deleted.append(Path(info.path))
    return deleted
