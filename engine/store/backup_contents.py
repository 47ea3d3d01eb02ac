"""What a backup file holds, counted, so the app can say what restoring it would bring back.

Kept apart from :mod:`engine.store.backup` (making and rotating backups):
this only reads a backup, read-only, and never changes it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.errors import LamplightError


@dataclass(frozen=True)
class BackupContents:
    """How many classes, students, answers, exercises and quizzes a store (or a backup of it) holds."""

    classes: int
    students: int
    answers: int
    exercises: int
    quizzes: int


def contents_of_counts(counts: dict[str, int]) -> BackupContents:
    """The same summary from ``Store.counts()`` (what is in Lamplight now)."""
    return BackupContents(counts.get("classes", 0), counts.get("students", 0), counts.get("responses", 0),
                          counts.get("exercises", 0), counts.get("quizzes", 0))


def backup_contents(path: str | Path) -> BackupContents:
    """Count what the backup file at ``path`` holds (opened read-only; an encrypted one with the data key).

    Raises LamplightError when the file is missing or is not a readable Lamplight backup.
    """
    from engine.security import encryption

    source = Path(path)
    if not source.is_file():
        raise LamplightError(f"{source}: no such backup file.")
    try:
        conn = encryption.connect(source, readonly=True)
        try:
            counts = {table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                      for table in ("classes", "students", "responses", "exercises", "quizzes")}
        finally:
            conn.close()
    except encryption.database_errors() as exc:
        raise LamplightError(f"{source}: not a readable Lamplight backup ({exc}).") from exc
    return contents_of_counts(counts)
