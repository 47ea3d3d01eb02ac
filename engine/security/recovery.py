"""When the store file is damaged: find the latest good backup and put it back, losing nothing else.

``Store.open`` refuses a damaged or truncated file with a LamplightError. The
store's ``restore`` needs an open store, so it cannot help then; instead
:func:`recover` sets the damaged file (and its ``-wal``/``-shm`` companions)
aside under a ``damaged-<time>`` name, never deleting it, and copies the latest
backup that passes the integrity check into place.
"""
from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine import paths
from engine.errors import LamplightError
from engine.store.records import BackupInfo

if TYPE_CHECKING:
    from engine.store.core import RestoreMarks


def good_backups(data_dir: str | os.PathLike[str] | None = None) -> list[BackupInfo]:
    """The backups that pass the integrity check and this Lamplight can read, newest first."""
    return _sorted_backups(data_dir)[0]


def _sorted_backups(data_dir: str | os.PathLike[str] | None) -> tuple[list[BackupInfo], list[tuple[BackupInfo, str]]]:
    """(good backups, [(unusable backup, why)]), both newest first."""
    from engine.store import backup as backups
    from engine.store.migrations import LATEST_VERSION

    good, bad = [], []
    for info in backups.list_backups(paths.backup_dir(data_dir)):
        try:
            version = backups.check_file(Path(info.path))
        except LamplightError as exc:
            bad.append((info, str(exc)))
            continue
        if 1 <= version <= LATEST_VERSION:
            good.append(info)
        else:
            bad.append((info, f"schema version {version}"))
    # the latest data first, whatever the laptop's clock said when each was named (review 31b: with the clock set
    # back, a fortnight-old backup was offered as the latest; review 31c: naming new ones after it instead froze the
    # names in the future when the clock had been set forward)
    revisions = {info.path: backups.data_revision(Path(info.path)) for info in good}
    good.sort(key=lambda info: revisions[info.path], reverse=True)  # stable: the same revision keeps time order
    return good, bad


def latest_good_backup(data_dir: str | os.PathLike[str] | None = None) -> BackupInfo | None:
    """The newest backup that passes the integrity check, or None."""
    found = good_backups(data_dir)
    return found[0] if found else None


def diagnose(data_dir: str | os.PathLike[str] | None = None) -> LamplightError | None:
    """Why the folder's store cannot be opened, or None when it opens and passes the integrity check.

    Only a :class:`engine.errors.StoreDamagedError` is something a backup
    fixes; a permission, disk or busy problem must not lead to a restore.
    """
    from engine.store import Store

    try:
        Store.open(data_dir, check=True).close()
    except LamplightError as exc:
        return exc
    return None


def backup_would_help(error: BaseException) -> bool:
    """True only when ``error`` says the data file is damaged (a StoreDamagedError).

    A permission, read-only disk, I/O, full-disk or busy problem is not fixed
    by restoring a backup, and restoring would replace data that may be intact:
    callers (the app's start-up offer) must not offer one then.
    """
    from engine.errors import StoreDamagedError

    return isinstance(error, StoreDamagedError)


def store_problem(data_dir: str | os.PathLike[str] | None = None) -> str | None:
    """Why the folder's store cannot be opened (the LamplightError's text), or None when it opens."""
    problem = diagnose(data_dir)
    return None if problem is None else str(problem)


def advice(data_dir: str | os.PathLike[str] | None = None, in_recover: bool = False) -> str:
    """A sentence for the teacher: which backup ``recover`` would restore, or that there is none (``in_recover``:
    said by the recover command itself, which does not tell her to run it)."""
    good, bad = _sorted_backups(data_dir)
    best = good[0] if good else None
    newer_bad = [(info, why) for info, why in bad if best is None or info.created > best.created]
    skipped = "".join(f" The newer backup {Path(info.path).name} cannot be used ({why})." for info, why in newer_bad[:3])
    if best is None:
        return ("There is no good backup in " + str(paths.backup_dir(data_dir)) + "." + skipped +
                " Keep the damaged file; a copy of the data folder from another place (USB stick) may help.")
    how = (" Restoring it keeps the damaged file beside it." if in_recover
           else " Restore it with 'python -m engine recover' (the damaged file is kept beside it).")
    return f"The latest good backup is from {best.created} ({Path(best.path).name})." + skipped + how


def recover(data_dir: str | os.PathLike[str] | None = None, backup: str | os.PathLike[str] | None = None) -> tuple[Path, Path | None]:
    """Put a good backup (default: the latest) in place of the store file; returns (backup used, damaged file kept).

    The current file is moved aside, not deleted. The restored store is opened
    with a full integrity check before this returns. The app must not have the
    folder open in another process (the command line takes the folder lock).
    """
    from engine.security import encryption
    from engine.security.private_files import create_private_file
    from engine.store import Store
    from engine.store import backup as backups
    from engine.store.io_errors import translated

    folder = paths.data_dir(data_dir)
    store_file = folder / paths.STORE_FILE
    if backup is None:
        best = latest_good_backup(folder)
        if best is None:
            raise LamplightError(f"There is no good backup in {paths.backup_dir(folder)} to restore.")
        source = Path(best.path)
    else:
        source = Path(backup)
        _check_chosen_backup(folder, source)
    marks, secrets = _what_the_damaged_file_still_says(store_file)
    partial = store_file.with_name(store_file.name + ".restoring")
    try:
        with translated(store_file, "putting the backup in place"):
            create_private_file(partial)  # copied first: a full disk stops here, before anything is moved
            _copy_in_folder_form(folder, source, partial)
            kept = _set_aside(store_file)
            os.replace(partial, store_file)
    finally:
        partial.unlink(missing_ok=True)
    with Store.open(folder, check=True) as store:  # as every restore (review 40d: a child deleted on request came back
        store.after_restore(marks)  # unsaid, and an encrypted folder took the backup's older password)
        if secrets and encryption.is_encrypted_file(store_file):
            store.put_back_secret_hashes(secrets)
    return source, kept


def _what_the_damaged_file_still_says(store_file: Path) -> tuple[RestoreMarks, dict[str, Any] | None]:
    """What a restore carries over from the data it replaces (:meth:`Store.restore_marks`) and, in an encrypted folder,
    the password and recovery key hashes (they match the folder's key file), as far as the damaged file can still be
    read: a damaged page elsewhere leaves its settings readable. ((0, 0, [], {}), None) when nothing can be read."""
    from engine.security import encryption
    from engine.security.passwords import PASSWORD_SETTING, RECOVERY_SETTING
    from engine.store.core import DELETED_STUDENTS_SETTING, laptop_settings

    def read(conn: Any, sql: str, *params: str) -> list[Any]:
        try:
            return conn.execute(sql, params).fetchall()
        except Exception:  # noqa: BLE001 - a damaged page: what it holds is lost, the rest still counts
            return []

    try:
        conn = encryption.connect(store_file, readonly=True)
    except Exception:  # noqa: BLE001 - damaged past opening: the restore goes on without them, as before
        return (0, 0, [], {}), None
    try:
        settings = {}
        wanted = (DELETED_STUDENTS_SETTING, PASSWORD_SETTING, RECOVERY_SETTING, *laptop_settings())
        for key, value in read(conn, f"SELECT key, value FROM settings WHERE key IN ({', '.join('?' * len(wanted))})", *wanted):
            try:
                settings[key] = json.loads(value)
            except (TypeError, ValueError):
                continue
        revisions = dict(read(conn, "SELECT name, value FROM revisions WHERE name IN ('data', 'students')"))
        highest = (read(conn, "SELECT coalesce(max(id), 0) FROM students") or [(0,)])[0][0]
    finally:
        conn.close()
    deleted = settings.get(DELETED_STUDENTS_SETTING)
    number = lambda value: int(value) if str(value).isdecimal() else 0  # noqa: E731
    marks = (number(revisions.get("data")), max(number(highest), number(revisions.get("students"))),
             [e for e in deleted if isinstance(e, list) and len(e) == 2] if isinstance(deleted, list) else [],
             {key: settings[key] for key in laptop_settings() if settings.get(key) is not None})
    secrets = {key: settings.get(key) for key in (PASSWORD_SETTING, RECOVERY_SETTING)}
    return marks, secrets if any(secrets.values()) else None


def _copy_in_folder_form(folder: Path, source: Path, target: Path) -> None:
    """Copy ``source`` to ``target``; a plain backup (made before encryption) into an encrypted folder is encrypted."""
    from engine.security import encryption

    folder_key = encryption.key_of_file(folder / paths.STORE_FILE)
    if folder_key is not None and not encryption.is_encrypted_file(source):
        encryption.rekeyed_copy(source, target, folder_key)
    else:
        shutil.copyfile(source, target)


def _check_chosen_backup(folder: Path, source: Path) -> None:
    """Check a backup chosen by the teacher; one encrypted with this folder's key opens from anywhere (a USB stick).

    A backup encrypted with another key (saved from another data folder, its
    key file beside it) is refused with what to do instead: ``recover`` puts a
    file in place byte for byte, so it must already use this folder's key.
    """
    import contextlib

    from engine.security import carried_keys, encryption
    from engine.store import backup as backups

    folder_key = encryption.key_of_file(folder / paths.STORE_FILE)
    opened_with_key = encryption.is_encrypted_file(source) and folder_key is not None
    try:
        with encryption.file_key(source, folder_key) if opened_with_key else contextlib.nullcontext():
            backups.check_file(source)
    except LamplightError as exc:
        if encryption.is_encrypted_file(source) and carried_keys.keys_beside(source).exists():
            raise LamplightError(
                f"{source} is encrypted with the key of another data folder (its key file is beside it), so 'recover' "
                "cannot put it in place; nothing was changed. Run 'python -m engine recover' without --backup (the "
                "latest good backup here), then 'python -m engine restore FILE', which asks for that backup's "
                "password or recovery key.") from exc
        raise


def _set_aside(store_file: Path) -> Path | None:
    """Move the current store file and its -wal/-shm/-journal aside under a ``damaged-<time>`` name; returns it."""
    kept = None
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    if store_file.exists():
        kept = store_file.with_name(f"{store_file.name}.damaged-{stamp}")
        os.replace(store_file, kept)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = Path(str(store_file) + suffix)
        if companion.exists():
            os.replace(companion, Path(str(kept) + suffix) if kept else Path(f"{companion}.damaged-{stamp}"))
    return kept
