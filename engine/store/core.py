"""The ``Store``: one SQLite file holding every class, exercise and answer on this laptop.

Open it with ``Store.open(data_dir=None)`` (see ``engine.paths`` for where the
data folder is). A Store owns one ``sqlite_utils.Database`` connection, which
SQLite allows in one thread only, so each thread opens its own Store: that is
cheap (the integrity check and migrations run only on the first open of a file
in a process), and WAL mode lets readers and one writer work at the same time.

The methods come from one repository class per concern (``classes``,
``exercises``, ``responses``, ``snapshots``); backups and restore are here.
"""
from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import sys
import threading
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import sqlite_utils

from engine import paths
from engine.errors import LamplightError, StoreDamagedError
from engine.security.private_files import create_private_file, make_private_file, make_private_folder
from engine.store import backup as backups
from engine.store.answer_staging import remove_dead_scratch
from engine.store.io_errors import RESTORE_HINT, explain, is_sqlite_error, translated, unreadable
from engine.store.classes import ClassesRepository
from engine.store.exercises import ExercisesRepository
from engine.store.kept_figures import KeptFiguresRepository
from engine.store.transactions import write_transaction
from engine.store.migrations import LATEST_VERSION, apply_migrations, schema_version
from engine.store.queued import QueuedAnswersRepository
from engine.store.records import BackupInfo
from engine.store.saved_copies import COPY_ID_SETTING
from engine.store.replacing import refuse_if_being_replaced
from engine.store.responses import ResponsesRepository
from engine.store.snapshots import SettingsRepository, SnapshotsRepository

_CHECKED: set[str] = set()
_CHECK_LOCK = threading.Lock()
DELETED_STUDENTS_SETTING = "deleted_students"
"""[student id, when they were added] of each child deleted here (no name): what a restore or a backup may bring back."""
RestoreMarks = tuple[int, int, list[Any], dict[str, Any]]
"""What a restore carries over from the data it replaces: see :meth:`Store.restore_marks`."""


def laptop_settings() -> tuple[str, ...]:
    """The settings that belong to this laptop rather than to its data (the district key file's place, the privacy
    secret): a restore keeps them."""
    from engine.district.fileformat import LAPTOP_SETTINGS

    return LAPTOP_SETTINGS
BUSY_TIMEOUT_SECONDS = 30.0  # how long a write waits behind another program's (an import's) before a plain message


class Store(ClassesRepository, ExercisesRepository, ResponsesRepository, QueuedAnswersRepository, SettingsRepository,
            SnapshotsRepository, KeptFiguresRepository):
    """All of Lamplight's stored data (see the module doc). Use as a context manager or call ``close``."""

    def __init__(self, db: sqlite_utils.Database, path: Path, backup_dir: Path) -> None:
        self.db = db
        self.path = path
        self.backup_dir = backup_dir

    # --- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: str | Path | None = None, *, check: bool | None = None) -> "Store":
        """Open (creating or migrating when needed) the store of a data folder.

        ``check`` forces (True) or skips (False) ``PRAGMA integrity_check``; by
        default it runs on the first open of each file in this process.
        Raises LamplightError for a damaged file or one from a newer Lamplight.
        """
        folder = paths.data_dir(data_dir)
        return cls.open_file(folder / paths.STORE_FILE, folder / paths.BACKUP_FOLDER, check=check)

    @classmethod
    def open_file(cls, path: str | Path, backup_dir: str | Path | None = None, *, check: bool | None = None) -> "Store":
        """Open a store file directly (backups go to ``backup_dir``, default: ``backups`` beside it).

        A missing file is created complete (schema and all) under a temporary
        name and only then put in place, so an existing file that is empty or
        holds no Lamplight tables is damage (a cut-short copy, a full disk),
        never mistaken for a new store.
        """
        path = Path(path)
        backup_dir = Path(backup_dir) if backup_dir else path.parent / paths.BACKUP_FOLDER
        with translated(path.parent, "creating the data folder"):
            make_private_folder(path.parent)
        paths.remember_data_folder(path.parent)
        refuse_if_being_replaced(path)
        restoring = path.with_name(path.name + ".restoring")
        if not path.exists() and restoring.is_file():
            # a recover killed after setting the damaged file aside: its copy of the backup is complete, finish it
            with translated(path, "finishing an interrupted restore"):
                os.replace(restoring, path)
        if not path.exists():
            _create_store_file(path)
        elif path.is_file() and path.stat().st_size == 0:
            raise StoreDamagedError(
                f"The data file {path} is empty (0 bytes): it was cut short, for example by a full disk or a copy that "
                f"did not finish. It is not treated as a new store, so nothing is written over it. {RESTORE_HINT}")
        for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            make_private_file(companion)
        remove_dead_scratch(path)
        key = str(path.resolve())
        from engine.security import encryption  # plain sqlite3, or SQLCipher for an encrypted one

        try:
            conn = encryption.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
        except LamplightError:
            raise
        except Exception as exc:
            raise (explain(exc, path, "opening the data file") or exc) from exc
        try:
            db = sqlite_utils.Database(conn)
            store = cls(db, path, backup_dir)
            store._prepare(key, check)
        except UnicodeDecodeError as exc:
            conn.close()
            raise unreadable(path) from exc
        except Exception as exc:
            conn.close()
            explained = explain(exc, path, "opening the data file")
            if explained is None or explained is exc:
                raise
            raise explained from exc
        except BaseException:
            conn.close()
            raise
        return store

    def _prepare(self, key: str, check: bool | None) -> None:
        conn = self.db.conn
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")  # deleted rows (a student's data) are overwritten, not left in free pages
        conn.execute("PRAGMA journal_size_limit = 67108864")  # the -wal file shrinks back to 64 MB after a big import
        with _CHECK_LOCK:
            first_open = key not in _CHECKED
            if check or (check is None and first_open):
                problems = self.integrity_problems()
                if problems:
                    raise StoreDamagedError(
                        f"The data file {self.path} is damaged ({'; '.join(problems[:3])}). {RESTORE_HINT}"
                    )
            version = schema_version(self.db)
            if version == 0:
                raise StoreDamagedError(
                    f"The data file {self.path} holds no Lamplight data (no Lamplight tables): it is damaged or was "
                    f"replaced by another file. It is not treated as a new store. {RESTORE_HINT}")
            if version > LATEST_VERSION:
                raise LamplightError(
                    f"The data file {self.path} was written by a newer Lamplight (schema {version}, "
                    f"this one knows up to {LATEST_VERSION}). Update Lamplight to open it."
                )
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            if version < LATEST_VERSION:
                if version > 0:
                    self.backup_now("pre-migration")
                self._bring_up_to_date()
            _CHECKED.add(key)

    def _bring_up_to_date(self) -> None:
        """Apply the migrations; one SQLite refuses for the file's own content (not the disk's doing) makes it a
        damaged file that a good backup mends (review 43b: "table kept_figures already exists" stopped every start
        with a traceback, and no backup was offered)."""
        try:
            apply_migrations(self.db)
        except Exception as exc:
            if not is_sqlite_error(exc) or explain(exc, self.path, "bringing the data up to date") is not None:
                raise
            raise StoreDamagedError(f"The data file {self.path} could not be brought up to this version of Lamplight "
                                    f"({exc}). {RESTORE_HINT}") from exc

    def integrity_problems(self) -> list[str]:
        """What ``PRAGMA integrity_check`` reports (empty when the file is sound)."""
        rows = [r[0] for r in self.db.conn.execute("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else rows

    @property
    def schema_version(self) -> int:
        return schema_version(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def counts(self) -> dict[str, int]:
        """How many rows each main table holds (for doctor and the status bar)."""
        tables = ("classes", "students", "groups", "skills", "exercises", "templates", "quizzes", "responses", "model_snapshots")
        return {t: int(self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}

    # --- backups -------------------------------------------------------------------------
    def backup_now(self, reason: str = "manual", now: datetime | None = None) -> Path:
        """Write a consistent copy of the store to the backup folder; returns the file."""
        with translated(self.backup_dir, "writing a backup"):
            return backups.make_backup(self.db.conn, self.backup_dir, reason, now)

    def list_backups(self) -> list[BackupInfo]:
        """Backups of this store, newest first."""
        return backups.list_backups(self.backup_dir)

    def maybe_scheduled_backup(self, now: datetime | None = None, *, unsaved_too: bool = False) -> Path | None:
        """The daily backup: make one unless today's (UTC) exists (a clock set back: :func:`backups.daily_backup_due`),
        then rotate. The app calls this at start, and every half hour with ``unsaved_too``: then a backup is also
        made when no daily backup holds the data as it is now, so a day's work is in a backup before the next start
        (the first day's above all: that start backed up an empty store)."""
        moment = now or datetime.now(timezone.utc)
        made = None
        listed, revision = self.list_backups(), self.data_revision()
        revisions = backups.daily_revisions(listed)  # each daily backup opened once, for both questions below
        unsaved = unsaved_too and revision > max(revisions.values(), default=-1)
        if unsaved or backups.daily_backup_due(listed, moment, revision, revisions):
            made = self.backup_now("auto", moment)
            revisions[str(made)] = revision
        backups.rotate(self.backup_dir, keep=made, revisions=revisions)
        return made

    def restore(self, backup_path: str | Path) -> Path:
        """Replace the store's content with a backup's; returns the safety backup taken first.

        The backup is checked (integrity, schema version) before anything
        changes; the current content is saved as a ``pre-restore`` backup.
        Other open Stores on the same file see the restored data at their next query.
        The teacher password and recovery key in use stay; with none set here, the backup's come with it.
        """
        from engine.store.backup import check_backup

        source = Path(backup_path)
        check_backup(source)
        from engine.security import encryption

        store_key = encryption.key_of_file(self.path) if encryption.is_encrypted_file(self.path) else None
        source_key = encryption.key_of_file(source) if encryption.is_encrypted_file(source) else None
        if source_key is not None and store_key is None:
            raise LamplightError(f"{source} is encrypted and the data here is not: restore it with "
                                 "engine.store.backup_files.restore_backup_file, which encrypts the folder; nothing was changed.")
        today = self._secret_hashes()
        kept_secrets = today if store_key is not None else None
        safety = self.backup_now("pre-restore")
        replaced = self.restore_marks()
        with translated(self.path, "restoring the backup"), self._in_store_form(source, source_key, store_key, kept_secrets) as ready:
            self._copy_pages_from(ready)
            self.db.conn.execute("PRAGMA foreign_keys = ON")
            if self.db.conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                self.db.conn.execute("PRAGMA journal_mode = WAL")
            try:
                apply_migrations(self.db)
            except encryption.database_errors() as exc:  # review 43b: the data was left half updated and never opened again
                self._copy_pages_from(safety)
                raise LamplightError(f"{source}: this Lamplight could not bring the backup up to date, so it is not used; "
                                     "the data is as it was.") from exc
            self.after_restore(replaced)
            if kept_secrets is not None:
                self.put_back_secret_hashes(kept_secrets)
            elif any(value is not None for value in today.values()):  # review 51f: a colleague's backup brought her
                for key, value in today.items():  # password, and the teacher's own no longer opened the screens, nor
                    if self.get_setting(key) != value:  # restored her data from before: the password in use stays
                        self.set_setting(key, value)  # (only where it differs: the data's kept figures stay valid)
        return safety

    def _copy_pages_from(self, path: Path) -> None:
        """Make the data file a page copy of ``path`` (a backup in this store's form: its own safety backup)."""
        from engine.security import encryption

        source = encryption.connect(path, readonly=True)
        try:
            source.backup(self.db.conn)
        finally:
            source.close()

    def deleted_students(self) -> list[list[Any]]:
        """[student id, when added] of every child deleted on this laptop (kept through restores; no name is kept; see
        ``engine.security.data_rights``)."""
        value = self.get_setting(DELETED_STUDENTS_SETTING, [])
        return [list(e) for e in value if isinstance(e, list) and len(e) == 2 and isinstance(e[0], int)
                and isinstance(e[1], str)] if isinstance(value, list) else []

    def restore_marks(self) -> RestoreMarks:
        """What a restore must carry over from the data it replaces: (data revision, highest student id given out,
        the children deleted here, this laptop's own settings: see :func:`laptop_settings`)."""
        mine = {key: value for key in laptop_settings() if (value := self.get_setting(key)) is not None}
        return self.data_revision(), self.highest_student_id(), self.deleted_students(), mine

    def after_restore(self, replaced: RestoreMarks) -> None:
        """What every restore does to the restored data (``replaced``: :meth:`restore_marks` of the data it replaced).

        Figures are worked out again from the restored answers, never taken from the file (review 30b); the
        calibrations it brings are marked ``restored`` and used only where they are this laptop's own and were fitted
        on exactly the restored class's answers (a calibration was fitted on the data replaced, or on another laptop's
        class of the same id, and its files are this laptop's: review 34b; see engine.classroom.calibration); the data
        revision goes on from above the data replaced (later backups
        rank above the safety backup just made, see engine.security.recovery); a student id given out before is never
        given again; the list of children deleted here is kept, with the backup's own (review 36e: a restore brought
        back a child deleted on request, and nothing could tell afterwards); a saved copy's id stays with the copy;
        this laptop's own settings stay (the backup's are taken only where the laptop has none: review 46b, a class
        restored to before it shared took the backup's district secret, so its next update file counted it again).
        """
        data_revision, students_given, deleted, mine = replaced
        merged = [list(entry) for entry in dict.fromkeys(tuple(e) for e in [*self.deleted_students(), *deleted])]
        with write_transaction(self.db):
            self.set_setting(DELETED_STUDENTS_SETTING, merged or None)
            for key, value in mine.items():
                self.set_setting(key, value)
            self.set_setting(COPY_ID_SETTING, None)  # the id of the USB copy it came from (engine.store.saved_copies)
            self.forget_all_figures()
            for key, in self.db.execute("SELECT key FROM settings WHERE key LIKE 'calibration/%'").fetchall():
                record = self.get_setting(key)
                self.set_setting(key, {**record, "restored": True} if isinstance(record, dict) else None)
            self.db.execute("UPDATE revisions SET value = max(value, ?) + 1 WHERE name = 'data'", [data_revision])
            self.db.execute("INSERT INTO revisions (name, value) VALUES ('students', ?) ON CONFLICT (name) DO UPDATE "
                            "SET value = max(value, excluded.value)", [students_given])

    @contextlib.contextmanager
    def _in_store_form(self, source: Path, source_key: bytes | None, store_key: bytes | None,
                       secrets: dict[str, Any] | None = None) -> Iterator[Path]:
        """``source``, or a verified copy of it re-keyed to this store's key (or plain) when they differ or when
        ``secrets`` (the folder's password hashes) are to go in with it.

        SQLite's backup copies pages as they are, so source and store must share
        their encryption: a plain backup (made before encryption was turned on) or
        one under another key is converted first, in the backup folder (private,
        and encrypted whenever the store is), and the copy removed afterwards. The
        folder's password hashes are written into that copy, so they arrive in the
        same page copy as the data (review 31b: a restore killed between the copy and
        putting them back would have left the backup's hashes, not the key file's).
        """
        from engine.security import encryption

        if source_key == store_key and not secrets:
            yield source
            return
        converted = self.backup_dir / f"rekeyed-{uuid.uuid4().hex}.sqlite3.restoring"
        try:
            encryption.rekeyed_copy(source, converted, store_key)
            if secrets:
                copy = encryption.connect(converted)
                try:
                    with copy:
                        copy.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                                         [(key, json.dumps(value, ensure_ascii=False)) for key, value in secrets.items() if value is not None])
                finally:
                    copy.close()
            yield converted
        finally:
            converted.unlink(missing_ok=True)
            Path(f"{converted}-journal").unlink(missing_ok=True)

    def _secret_hashes(self) -> dict[str, Any]:
        """The teacher password and recovery key hashes as stored now (an encrypted folder's key file matches them)."""
        from engine.security.passwords import PASSWORD_SETTING, RECOVERY_SETTING

        return {key: self.get_setting(key) for key in (PASSWORD_SETTING, RECOVERY_SETTING)}

    def put_back_secret_hashes(self, hashes: dict[str, Any]) -> None:
        """After a restore into an encrypted folder: the password and recovery key stay those of the folder's key file."""
        for key, value in hashes.items():
            if value is not None:
                self.set_setting(key, value)


def _create_store_file(path: Path) -> None:
    """Write a new store with the whole schema beside ``path``, then link it into place (never over a file)."""
    backups.remove_temporaries(path.parent)  # copies killed creations left (older than a few minutes)
    building = path.with_name(f"{path.name}.creating-{os.getpid()}-{threading.get_ident()}")
    try:
        with translated(path, "creating the data file"):
            create_private_file(building)
            conn = sqlite3.connect(str(building))
            try:
                apply_migrations(sqlite_utils.Database(conn))
                conn.execute("PRAGMA journal_mode = DELETE")
            finally:
                conn.close()
            with open(building, "rb+") as handle:
                os.fsync(handle.fileno())
            _link_into_place(building, path)
    finally:
        building.unlink(missing_ok=True)
        Path(f"{building}-journal").unlink(missing_ok=True)


def _link_into_place(built: Path, path: Path) -> None:
    """Put ``built`` at ``path`` unless a file appeared there meanwhile (another process created it first: keep that one)."""
    try:
        os.link(built, path)
    except FileExistsError:
        return
    except OSError:  # a file system without hard links (FAT): rename, which on Windows also refuses an existing target
        if path.exists():
            return
        os.rename(built, path)
        return
    if sys.platform != "win32":
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
