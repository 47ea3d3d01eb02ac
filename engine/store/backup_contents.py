"""What a backup file holds, counted, so the app can say what restoring it would bring back.

Kept apart from :mod:`engine.store.backup` (making and rotating backups):
this only reads a backup, read-only, and never changes it. Besides the counts
it reads the teacher password's and recovery key's hashes (never a password),
so the restore question can say when restoring changes the password
(:func:`password_after_restore`).
"""
from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from engine.errors import LamplightError
from engine.store.name_order import numbered_key

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class BackupContents:
    """How many classes, students, answers, exercises and quizzes a store (or a backup of it) holds."""

    classes: int
    students: int
    answers: int
    exercises: int
    quizzes: int
    password_hash: str | None = field(default=None, repr=False)  # the teacher password's hash in the backup (None: none set)
    recovery_hash: str | None = field(default=None, repr=False)
    class_names: tuple[str, ...] = ()
    """The classes' names in the order the class lists show them (a restore question names what comes back, review 30c;
    in the order of the classes now beside them, review 34a)."""
    saved_here: datetime | None = None
    """For a file from outside: when this laptop saved that very copy (None: saved elsewhere, or not known; see
    :mod:`engine.store.saved_copies`)."""
    children: tuple[str, ...] = ()
    """Every child's name in it (a name twice for two children of that name): the restore question names the children
    of today that the backup does not have (review 48a: a child added since was gone, said only as "Students 30 / 31")."""

    archived: dict[str, bool] = field(default_factory=dict)
    """Whether each of its classes is archived, by :func:`class_identity` (a restore question says which classes change
    from archived or back, review 49d: a class archived since came back to the class list unsaid; 49e: by name, a
    class renamed since was missed and another of the name taken for it)."""

    def brings_back(self, names: Iterable[str]) -> list[str]:
        """The children of this backup not among ``names`` (every child's name now, whatever the class), in order: a
        restore brings them back (review 49d: a child deleted since came back, said only as "Students 58 / 57").

        >>> BackupContents(1, 3, 0, 0, 0, children=("Ana", "Ben", "Ana")).brings_back(["Ana", "Zara"])
        ['Ben', 'Ana']
        """
        return _unmatched(self.children, lambda name: name, names)

    def lacks(self, children: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        """Those of ``children`` (class name, name) that this backup does not hold, in order: a restore loses them.
        Names are compared whatever the class (review 48c: after a class was renamed or a child moved, all or one were
        "gone"), as many times as the name is there (a second Chloe Y. was not named).

        >>> BackupContents(1, 2, 0, 0, 0, children=("Ana", "Ben")).lacks([("4B", "Ana"), ("4B", "Zara"), ("5A", "Ben"),
        ...                                                               ("5A", "Ana")])
        [('4B', 'Zara'), ('5A', 'Ana')]
        """
        return _unmatched(children, lambda child: child[1], self.children)


def _unmatched(items: Iterable[T], name_of: Callable[[T], str], names: Iterable[str]) -> list[T]:
    """Those of ``items`` whose name is not among ``names``, in order, each name of ``names`` matching one item only
    (two children of one name, one of them in ``names``: the other is unmatched)."""
    left = Counter(names)
    found = []
    for item in items:
        if left[name_of(item)]:
            left[name_of(item)] -= 1
        else:
            found.append(item)
    return found


# What restoring a backup does to the teacher password and recovery key (see password_after_restore).
SAME = "same"  # the backup holds the password and recovery key in use now
KEPT = "kept"  # the backup holds others, but an encrypted folder keeps today's (they unlock its key)
BACK = "back"  # the password (and recovery key) become the ones in use when the backup was made
REMOVED = "removed"  # the backup was made before a password was set: after restoring there is none
KEY_BACK = "key back"  # the same password, but the recovery key becomes the backup's
ADDED = "added"  # no password here yet: the backup's becomes the teacher password


def password_after_restore(held: BackupContents, now_password: str | None, now_recovery: str | None,
                           folder_encrypted: bool, backup_encrypted: bool = False) -> str:
    """What restoring the backup ``held`` does to the teacher password: one of SAME, KEPT, BACK, REMOVED, KEY_BACK, ADDED.

    ``now_password``/``now_recovery`` are the hashes in the store now;
    ``folder_encrypted`` whether the data folder is encrypted now. The password
    and recovery key in use stay whatever the backup holds
    (:meth:`engine.store.core.Store.restore`; review 51f: a colleague's backup
    took the teacher's own away), except where none is set (the backup's come:
    a new laptop) and where an encrypted backup turns encryption on in a plain
    folder: its key, and so its password, come with it
    (:func:`engine.store.backup_files.restore_backup_file`). Hashes are
    compared, so re-setting the same password counts as another password.
    """
    same_password = (held.password_hash or None) == (now_password or None)
    same_key = (held.recovery_hash or None) == (now_recovery or None)
    if same_password and same_key:
        return SAME
    if folder_encrypted or (not backup_encrypted and (now_password or now_recovery)):
        return KEPT
    if not held.password_hash and now_password:
        return REMOVED
    if held.password_hash and not now_password:
        return ADDED
    return KEY_BACK if same_password else BACK


def contents_of_counts(counts: dict[str, int]) -> BackupContents:
    """The same summary from ``Store.counts()`` (what is in Lamplight now)."""
    return BackupContents(counts.get("classes", 0), counts.get("students", 0), counts.get("responses", 0),
                          counts.get("exercises", 0), counts.get("quizzes", 0))


def class_identity(class_id: int, created: str) -> str:
    """A class as the same class in a backup and now, whatever its name since: its id and the moment it was made."""
    return f"{int(class_id)}@{created}"


def backup_contents(path: str | Path) -> BackupContents:
    """Count what the backup file at ``path`` holds (opened read-only; an encrypted one with the data key), and
    read its teacher password's and recovery key's hashes.

    Raises LamplightError when the file is missing or is not a readable Lamplight backup.
    """
    from engine.security import encryption

    source = Path(path)
    if not source.is_file():
        raise LamplightError(f"{source}: no such backup file.")
    try:
        conn = encryption.connect(source, readonly=True)
        try:
            # review 37f: a recursive view in a table's place froze the window at the restore question
            conn.set_progress_handler(lambda: 1, 50_000_000)  # far more than counting a year of answers takes
            counted_tables = ("classes", "students", "responses", "exercises", "quizzes")
            kinds = dict(conn.execute("SELECT name, type FROM sqlite_master WHERE name IN (?, ?, ?, ?, ?, 'settings')",
                                      counted_tables).fetchall())
            if any(kinds.get(table, "table") != "table" for table in (*counted_tables, "settings")):
                raise LamplightError(f"{source}: not a readable Lamplight backup: it is damaged, or not a Lamplight file.")
            counts = {table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) for table in counted_tables}
            secrets = _secret_hashes(conn)
            rows = conn.execute("SELECT id, name FROM classes").fetchall()
            names = tuple(str(name) for _id, name in sorted(rows, key=lambda r: (numbered_key(str(r[1])), r[0])))
            children = tuple(str(name) for (name,) in conn.execute("SELECT name FROM students ORDER BY id"))
            archived = {class_identity(i, created): bool(flag) for i, created, flag in
                        conn.execute("SELECT id, created, archived FROM classes")}
        finally:
            conn.close()
    except encryption.database_errors() as exc:
        log.warning("%s: not readable: %s", source, exc)
        raise LamplightError(f"{source}: not a readable Lamplight backup: it is damaged, or not a Lamplight file.") from exc
    counted = contents_of_counts(counts)
    return BackupContents(counted.classes, counted.students, counted.answers, counted.exercises, counted.quizzes,
                          *secrets, class_names=names, children=children, archived=archived)


def _secret_hashes(conn: object) -> tuple[str | None, str | None]:
    """The teacher password's and recovery key's hashes in an open backup (settings hold JSON values)."""
    from engine.security.passwords import PASSWORD_SETTING, RECOVERY_SETTING

    found = dict(conn.execute("SELECT key, value FROM settings WHERE key IN (?, ?)",  # type: ignore[attr-defined]
                              [PASSWORD_SETTING, RECOVERY_SETTING]).fetchall())

    def value(key: str) -> str | None:
        try:
            return json.loads(found[key]) if key in found else None
        except ValueError:
            return str(found[key])

    return value(PASSWORD_SETTING), value(RECOVERY_SETTING)
