"""The backup copies this laptop saved to other folders (USB sticks), to tell one changed since from one saved elsewhere.

A copy on a stick can be opened and edited by any SQLite tool: a child's name or a mark
changed in it passes every check of what a Lamplight file may hold. So each copy
:func:`engine.store.backup_files.save_backup_to` writes carries an id of its own (the
setting ``backup/copy-id``, written into the copy only: :func:`mark_copy`) and is noted
here, by that id and the SHA-256 of its bytes, in ``lamplight.saved-copies.json`` in the
data folder (outside the data: a restore does not take the notes back, and a copy does
not carry them). Restoring a file (or taking a class from it) then asks
:func:`saved_copy_check`:

* its bytes are those of a copy saved here: it is that copy, unchanged (renamed or not);
* it carries the id of a copy saved here but not its bytes: it was changed since, and is
  refused (:class:`ChangedCopyError`);
* neither: saved on another laptop, by a Lamplight before these notes, or with its id taken
  out; nothing can tell whether it was changed, and the restore question says so.
"""
from __future__ import annotations

import hashlib
import json
import os
import uuid
from datetime import datetime, timezone
from pathlib import Path

from engine.errors import LamplightError
from engine.paths import SAVED_COPIES_FILE

KEPT_NOTES = 2000
"""Copies remembered at most (the oldest are forgotten: years of a copy a day)."""
COPY_ID_SETTING = "backup/copy-id"


class ChangedCopyError(LamplightError):
    """A file with the id of a copy this laptop saved, whose bytes are no longer the ones saved."""


def file_digest(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _notes_path(data_dir: str | os.PathLike[str]) -> Path:
    return Path(data_dir) / SAVED_COPIES_FILE


def _notes(data_dir: str | os.PathLike[str]) -> list[dict[str, str]]:
    """The notes kept, each with an id, a digest and a time that can be read; a file that cannot be read as notes
    (none yet, cut short, damaged or made by hand: review 46b) is as good as none: nothing is known."""
    try:
        notes = json.loads(_notes_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return []
    if not isinstance(notes, list):
        return []
    return [n for n in notes if isinstance(n, dict) and all(isinstance(n.get(k), str) for k in ("id", "sha256", "saved"))
            and _saved_time(n) is not None]


def _saved_time(note: dict[str, str]) -> datetime | None:
    """When the note says its copy was saved (None: no time it can say)."""
    try:
        when = datetime.fromisoformat(note["saved"])
        when.astimezone()  # a time this computer's clock can show
    except (ValueError, OverflowError, OSError):
        return None
    return when


def mark_copy(copy: str | os.PathLike[str]) -> str:
    """Give the database file ``copy`` (a copy being saved, not yet where the teacher put it) an id of its own; the id."""
    from engine.security import encryption

    copy_id = uuid.uuid4().hex
    conn = encryption.connect(copy)
    try:
        with conn:
            conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [COPY_ID_SETTING, json.dumps(copy_id)])
    finally:
        conn.close()
    return copy_id


def copy_id_of(copy: str | os.PathLike[str]) -> str | None:
    """The id :func:`mark_copy` gave the database file ``copy`` (None: none, or the file cannot be read: the checks of what
    a backup holds say why). An encrypted file is read only when this process knows its key."""
    from engine.security import encryption

    try:
        if encryption.is_encrypted_file(copy) and encryption.key_of_file(copy) is None:
            return None
        conn = encryption.connect(copy, readonly=True)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", [COPY_ID_SETTING]).fetchone()
        finally:
            conn.close()
        value = json.loads(row[0]) if row else None
    except (LamplightError, ValueError, *encryption.database_errors()):
        return None
    return value if isinstance(value, str) else None


def note_saved_copy(data_dir: str | os.PathLike[str], copy: str | os.PathLike[str], copy_id: str, sha256: str,
                    when: datetime | None = None) -> None:
    """Remember the copy just saved at ``copy`` with the id ``copy_id`` and the digest ``sha256`` of its bytes (taken
    before they were written out: a slow USB stick is not read back)."""
    from engine.security.private_files import create_private_file

    note = {"id": copy_id, "name": Path(copy).name, "sha256": sha256, "saved": (when or datetime.now(timezone.utc)).isoformat()}
    notes = (_notes(data_dir) + [note])[-KEPT_NOTES:]
    path = _notes_path(data_dir)
    partial = path.with_name(path.name + ".partial")
    try:
        create_private_file(partial)
        partial.write_text(json.dumps(notes, indent=0), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)  # the copy is saved all the same; restoring it will only say it cannot tell


def saved_copy_check(data_dir: str | os.PathLike[str], file: str | os.PathLike[str], name: str | None = None) -> datetime | None:
    """When this laptop saved the copy whose bytes ``file`` holds (None: not known here); ``name``: the file's name as
    the teacher chose it, for the message (default: ``file``'s). Raises ChangedCopyError when ``file`` carries the id
    of a copy saved here but other bytes.

    >>> import sqlite3, tempfile; folder = Path(tempfile.mkdtemp()); copy = folder / "lamplight-backup-2026-12-07-0930.sqlite3"
    >>> with sqlite3.connect(copy) as db: _ = db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")
    >>> when = datetime(2026, 12, 7, 9, 30, tzinfo=timezone.utc)
    >>> copy_id = mark_copy(copy); note_saved_copy(folder, copy, copy_id, file_digest(copy), when)
    >>> other = folder / "from-another-laptop.sqlite3"; _ = other.write_bytes(b"other data")
    >>> saved_copy_check(folder, copy).isoformat(), saved_copy_check(folder, other)
    ('2026-12-07T09:30:00+00:00', None)
    >>> with sqlite3.connect(copy) as db: _ = db.execute("INSERT INTO settings VALUES ('a', '1')")
    >>> saved_copy_check(folder, copy, "Monday.sqlite3")
    Traceback (most recent call last):
    engine.store.saved_copies.ChangedCopyError: Monday.sqlite3 was changed after Lamplight saved it on this laptop on ...
    """
    notes = _notes(data_dir)
    if not notes:
        return None
    digest = file_digest(file)
    for note in reversed(notes):
        if note["sha256"] == digest:
            return _saved_time(note)
    copy_id = copy_id_of(file)
    same_copy = [note for note in notes if copy_id is not None and note["id"] == copy_id]
    if same_copy:
        saved = _saved_time(same_copy[-1]).astimezone()  # this computer's clock, as the file's name
        raise ChangedCopyError(f"{name or Path(file).name} was changed after Lamplight saved it on this laptop on "
                               f"{saved:%Y-%m-%d %H:%M}, by another program or by damage on the stick or disk, so it is "
                               "not used; nothing was changed.")
    return None
