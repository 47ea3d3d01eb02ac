"""Backups of the store file: consistent copies made with SQLite's online backup API.

Files live in ``<data>/backups/`` and are named
``lamplight-<UTC time>-<reason>.sqlite3``. Reasons:

* ``auto``: the scheduled backup ``maybe_scheduled_backup`` makes once a day (a
  second that day when the clock went back: :func:`daily_backup_due`; another while the
  app runs, every half hour, when no daily backup holds the data as it is); rotated to
  keep the newest of each of the last 7 days that have one and the newest of each
  of the last 4 weeks (ISO weeks), like restic's ``--keep-daily 7 --keep-weekly 4``,
  and the 7 that hold the latest data whatever their dates (:func:`latest_data`).
* ``manual``, ``pre-migration``, ``pre-restore``, ``encryption-on``, ``encryption-off``, ``new-key`` (the copy made
  right after encryption was turned on or off, or the data re-encrypted under a new key): kept, the newest 10 of each.

A backup is a complete, self-contained SQLite file (rollback journal, not WAL).
"""
from __future__ import annotations

import logging
import re
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from engine.errors import LamplightError
from engine.store.backup_copy import (REASONS, TEMPORARY_SUFFIXES, WRITING, backup_name, copy_database,  # noqa: F401
                                      copy_database_to_shared_folder, make_backup)
from engine.store.backup_values import value_problems
from engine.store.records import BackupInfo

log = logging.getLogger(__name__)


KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_OTHER = 10
_NAME = re.compile(r"^lamplight-(\d{8}T\d{6}(?:\d{6})?)Z-([a-z-]+)\.sqlite3$")


def settle_hot_journal(path: Path) -> None:
    """Roll back a transaction a killed writer left in ``path``'s ``-journal``, so a read-only open works.

    SQLite undoes such a transaction on the next read-write open; a read-only
    open (how backups are checked and restored from) cannot, and fails with
    "attempt to write a readonly database". The rollback brings back the file
    as it was before the killed write, which is the right content.
    """
    journal = Path(f"{path}-journal")
    if not journal.exists():
        return
    from engine.security import encryption

    try:
        conn = encryption.connect(path)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except (LamplightError, *encryption.database_errors()):
        return  # check_file reports the file as it stands
    if journal.exists() and journal.stat().st_size == 0:
        journal.unlink(missing_ok=True)





def remove_temporaries(folder: Path, older_than_seconds: float = 600.0) -> list[Path]:
    """Delete copies that killed backups, conversions and purges left in ``folder``; returns them.

    They are never the only copy of anything (the original is replaced only
    after the copy is complete), but they may hold names (a deleted student's,
    plain text in an encrypted folder). Only files untouched for
    ``older_than_seconds`` go, so a copy another program is still writing stays.
    """
    import time

    removed = []
    if not folder.is_dir():
        return removed
    limit = time.time() - older_than_seconds
    for path in folder.iterdir():
        name = path.name
        is_temporary = any(name.endswith((s, s + "-journal", s + "-wal", s + "-shm")) for s in TEMPORARY_SUFFIXES) \
            or ".creating-" in name
        try:
            if is_temporary and path.is_file() and path.stat().st_mtime <= limit:
                path.unlink()
                removed.append(path)
        except OSError:  # gone already, or still open in another program (Windows refuses): it stays
            continue
    return removed


def check_file(path: Path) -> int:
    """Run integrity_check on a database file; return its schema version, or raise LamplightError."""
    if not path.is_file():
        raise LamplightError(f"{path}: no such backup file.")
    from engine.security import encryption  # an encrypted folder's backups are encrypted too
    from engine.store.migrations import LATEST_VERSION

    settle_hot_journal(path)
    try:
        conn = encryption.connect(path, readonly=True)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            unexpected = schema_differences(conn, version) if result == ["ok"] else []
            known = 1 <= version <= LATEST_VERSION  # a newer Lamplight's file: check_backup says so
            strange = value_problems(conn) if result == ["ok"] and not unexpected and known else []
        finally:
            conn.close()
    except encryption.database_errors() as exc:  # SQLite's own words go to the log, not to the teacher
        log.warning("%s: not readable: %s", path, exc)
        raise LamplightError(f"{path}: not a readable Lamplight database: it is damaged, or not a Lamplight file.") from exc
    if result != ["ok"]:
        log.warning("%s: integrity check: %s", path, "; ".join(result[:3]))
        raise LamplightError(f"{path}: the file is damaged: part of it cannot be read back.")
    if unexpected:
        log.warning("%s: schema not as Lamplight makes it: %s", path, "; ".join(unexpected[:5]))
        raise LamplightError(f"{path}: not a Lamplight backup as Lamplight makes it: another program changed its "
                             "tables, so it is not used.")
    if strange:
        log.warning("%s: values not as Lamplight writes them: %s", path, "; ".join(strange[:5]))
        raise LamplightError(f"{path}: not a Lamplight backup as Lamplight makes it: another program changed what it "
                             "holds, so it is not used.")
    return version


def data_revision(path: Path) -> int:
    """The data revision a backup was made at (:meth:`Store.data_revision`: it grows with every change and, after a
    restore, goes on from above the data it replaced); -1 for a file too old to have one or that does not open."""
    from engine.security import encryption

    try:
        conn = encryption.connect(path, readonly=True)
        try:
            # review 37e: a view in the table's place looped for ever, a text value raised at every start
            conn.set_progress_handler(lambda: 1, 100_000)  # a few queries' work, then SQLite interrupts
            kind = conn.execute("SELECT type FROM sqlite_master WHERE name = 'revisions'").fetchone()
            row = conn.execute("SELECT value FROM revisions WHERE name = 'data' AND typeof(value) = 'integer'").fetchone() \
                if kind == ("table",) else None
        finally:
            conn.close()
    except encryption.database_errors():
        return -1
    return int(row[0]) if row else -1


def schema_differences(conn: sqlite3.Connection, version: int) -> list[str]:
    """How a file's schema differs from the one Lamplight's migrations make for ``version`` (empty: none).

    Each table must have exactly its columns (types, NOT NULL, defaults, keys), foreign keys and unique
    constraints, and the triggers, views and indexes must be Lamplight's, all of them and no other: a backup
    changed by another program (a trigger that deletes students whenever an answer is saved, a table dropped or
    rebuilt without its constraints, the triggers that tell kept figures they are old removed, a unique or
    expression index or a generated column that fails the second answer a child saves: review 37b) would
    otherwise be restored, copied into every later backup, and act or fail later. A table that is not Lamplight's
    is refused too: bringing an older backup up to date gave it triggers no check expects (every later backup
    refused), or failed on it (a table named as a later version's: the data would not open, review 43b). A version
    Lamplight does not know is left to the caller.
    """
    from engine.store.migrations import LATEST_VERSION

    if not 1 <= version <= LATEST_VERSION:
        return []
    expected, found = _expected_schema(version), _schema(conn)
    problems = [f"missing table {name}" for name in expected["tables"] if name not in found["tables"]]
    problems += [f"table {name} not Lamplight's" for name in found["tables"] if name not in expected["tables"]]
    # statistics ANALYZE writes, which Lamplight never runs: forged, they steer SQLite's plans into scans of every answer
    problems += [f"table {name} not Lamplight's" for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'sqlite_stat%'")]
    problems += [f"table {name} is {found['tables'][name]}" for name, shape in expected["tables"].items()
                 if name in found["tables"] and found["tables"][name] != shape]
    for kind in ("trigger", "view", "index"):
        problems += [f"{kind} {name} not Lamplight's" for name, sql in found[kind].items() if expected[kind].get(name) != sql]
        problems += [f"missing {kind} {name}" for name in expected[kind] if name not in found[kind]]
    return problems


def _schema(conn: sqlite3.Connection) -> dict[str, dict[str, object]]:
    """Tables (name -> their shape: :func:`_table_shape` and :func:`_checks`), triggers, views and the indexes
    written in SQL (name -> their SQL, spaces and case evened; a table's own UNIQUE and PRIMARY KEY indexes are
    part of its shape)."""
    schema: dict[str, dict[str, object]] = {"tables": {}, "trigger": {}, "view": {}, "index": {}}
    for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'trigger', 'view', "
                                        "'index') AND name NOT LIKE 'sqlite_%' AND sql IS NOT NULL"):
        if kind == "table":
            schema["tables"][name] = (*_table_shape(conn, name), _checks(sql or ""), _collations(sql or ""))
        else:
            schema[kind][name] = " ".join((sql or "").lower().split())
    return schema


def _table_shape(conn: sqlite3.Connection, name: str) -> tuple:
    """A table's columns (name, type, NOT NULL, default, primary-key place, hidden or generated), foreign keys (table,
    column, target, ON UPDATE, ON DELETE) and unique constraints (their columns): what SQLite enforces, however the
    SQL is spelled."""
    table = _quoted(name)
    columns = tuple((r[1], str(r[2]).upper(), r[3], r[4], r[5], r[6]) for r in conn.execute(f"PRAGMA table_xinfo({table})"))
    keys = tuple(sorted((r[2], r[3], r[4], r[5], r[6]) for r in conn.execute(f"PRAGMA foreign_key_list({table})")))
    unique = tuple(sorted(tuple(c[2] for c in conn.execute(f"PRAGMA index_info({_quoted(r[1])})"))
                          for r in conn.execute(f"PRAGMA index_list({table})") if r[3] in ("u", "pk")))
    return columns, keys, unique


def _collations(sql: str) -> tuple[str, ...]:
    """The COLLATE clauses of a CREATE TABLE statement, each with the word before it (its column's type or name), in
    order: SQLite's pragmas do not show them (review 43b: student numbers rebuilt NOCASE passed, and two children's
    numbers that differ only in case then clashed).

    >>> _collations('CREATE TABLE s (id INTEGER, external_id TEXT COLLATE NOCASE, name TEXT)')
    ('text collate nocase',)
    """
    return tuple(" ".join(m) for m in re.findall(r"(\S+)\s+(collate)\s+(\S+?)(?=[\s,)]|$)", " ".join(sql.lower().split())))


def _checks(sql: str) -> tuple[str, ...]:
    """The CHECK constraints of a CREATE TABLE statement, spaces and case evened (review 27e: a table rebuilt without
    "score between 0 and 1" passed)."""
    text, found, start = " ".join(sql.lower().split()), [], 0
    while (at := text.find("check", start)) >= 0:
        opening = text.find("(", at)
        depth, end = 0, opening
        for end in range(opening, len(text)):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            if depth == 0:
                break
        found.append(text[opening:end + 1].replace(" ", ""))
        start = end + 1
    return tuple(sorted(found))


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_EXPECTED: dict[int, dict[str, dict[str, object]]] = {}


def _expected_schema(version: int) -> dict[str, dict[str, object]]:
    """The schema Lamplight's migrations make for ``version`` (built once per version in memory)."""
    if version not in _EXPECTED:
        import sqlite_utils

        from engine.store.migrations import apply_migrations

        db = sqlite_utils.Database(sqlite3.connect(":memory:"))
        apply_migrations(db, up_to=version)
        _EXPECTED[version] = _schema(db.conn)
        db.conn.close()
    return _EXPECTED[version]


def parse_backup_name(path: Path) -> tuple[datetime, str] | None:
    """(UTC time, reason) of a backup file name, or None for files that are not backups."""
    match = _NAME.match(path.name)
    if not match:
        return None
    stamp = match.group(1)
    fmt = "%Y%m%dT%H%M%S%f" if len(stamp) > 15 else "%Y%m%dT%H%M%S"
    try:
        return datetime.strptime(stamp, fmt).replace(tzinfo=timezone.utc), match.group(2)
    except ValueError:  # review 37e: "…-20261399T000000Z-auto.sqlite3" stopped recovery, restores and the daily backup
        return None


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in a folder, newest first."""
    found = []
    for path in folder.glob("lamplight-*.sqlite3") if folder.is_dir() else ():
        parsed = parse_backup_name(path)
        if parsed:
            found.append((parsed[0], BackupInfo(str(path), parsed[0].isoformat(timespec="seconds"), path.stat().st_size, parsed[1])))
    return [info for _, info in sorted(found, key=lambda pair: pair[0], reverse=True)]


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


def daily_revisions(backups: list[BackupInfo], known: dict[str, int] | None = None) -> dict[str, int]:
    """The data revision inside each daily backup, by path (-1: unreadable); ``known`` ones are not read again."""
    known = known or {}
    return {info.path: known[info.path] if info.path in known else _readable_revision(Path(info.path))
            for info in backups if info.reason == "auto"}


def daily_backup_due(backups: list[BackupInfo], now: datetime, revision: int, revisions: dict[str, int]) -> bool:
    """Whether the daily backup is due: none is dated today; or the clock went back (another daily backup holds
    newer data than today's) and none holds the data as it is now (``revision``): one more backup that day at most.
    ``revisions``: :func:`daily_revisions` of ``backups``.

    Review 37c: with the clock set back ten days, each "today" had the backup of ten days before, so for a week
    the latest data was in no backup. With the clock right, today's backup holds the newest data of them all.
    """
    today = now.astimezone(timezone.utc).date().isoformat()
    todays = [revisions[info.path] for info in backups if info.reason == "auto" and info.created[:10] == today]
    if not todays:
        return True
    return max(todays) < max(revisions.values()) < revision


def latest_data(backups: list[BackupInfo], revisions: dict[str, int]) -> set[str]:
    """The paths of the ``KEEP_DAILY`` daily backups that hold the latest data, whatever their names' dates say.

    With the clock set back, each day's backup is named before the older ones and rotation by date kept none
    of the days since (review 36b): the data revision inside each file (``revisions``, :func:`daily_revisions`)
    tells which are the latest. ``backups`` newest first (by name), which orders backups of the same data.
    """
    daily = [info for info in backups if info.reason == "auto"]
    daily.sort(key=lambda info: revisions[info.path], reverse=True)
    return {info.path for info in daily[:KEEP_DAILY]}


def _readable_revision(path: Path) -> int:
    """:func:`data_revision`, or -1 for a file this folder cannot read (locked, or under another key): rotation
    goes on by date for it."""
    try:
        return data_revision(path)
    except LamplightError:
        return -1


def rotate(folder: Path, keep: Path | None = None, revisions: dict[str, int] | None = None) -> list[Path]:
    """Delete the backups rotation does not keep, and stale temporary copies; returns the deleted files.

    ``keep`` (the backup just made) is never deleted: backups are dated by the laptop's clock, and a clock set back
    (a flat CMOS battery) dated each new backup before a month of older ones, so rotation deleted it at once
    (review 28b). ``revisions``: the daily backups' data revisions already read (the others are read here)."""
    deleted = remove_temporaries(folder)
    listed = list_backups(folder)
    spared = latest_data(listed, daily_revisions(listed, revisions))
    for info in backups_to_delete(listed):
        if (keep is not None and Path(info.path) == Path(keep)) or info.path in spared:
            continue
        Path(info.path).unlink(missing_ok=True)
        Path(f"{info.path}-journal").unlink(missing_ok=True)
        deleted.append(Path(info.path))
    return deleted


def check_backup(path: Path) -> int:
    """Check a backup file (integrity, made by this or an older Lamplight); returns its schema version.

    Raises LamplightError saying why the file cannot be restored.
    """
    from engine.store.migrations import LATEST_VERSION

    version = check_file(path)
    if version > LATEST_VERSION:
        raise LamplightError(f"{path}: made by a newer Lamplight (schema {version}); update Lamplight first.")
    if version < 1:
        raise LamplightError(f"{path}: not a Lamplight backup (it has no Lamplight tables).")
    return version
