"""Backups the teacher carries: saved to any folder (a USB stick) and restored from any file.

A saved copy is named for the teacher to read (``lamplight-backup-2026-12-03-1716.sqlite3``,
the date and time on this computer's clock; see :func:`saved_backup_name`) and is encrypted
when the store is (SQLCipher's copy keeps the key). What a file holds is read from the file
itself when it is restored (:func:`inspect_backup_file`), never from its name. An outside file is checked on a private copy inside the store's backup folder: there
the data folder's key opens an encrypted one, a hot journal on the stick is never touched,
and a USB stick pulled out halfway cannot break the restore.

An encrypted store's saved copy gets its key material beside it
(``<name>.keys.json``, the data key wrapped by the password and the recovery key;
see :mod:`engine.security.carried_keys`), so it can be restored on another
laptop: :func:`inspect_backup_file` and :func:`restore_backup_file` raise
BackupLockedError until they are given that password or recovery key. Which
form the restored data takes is explained in :func:`restore_backup_file`.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import uuid
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from engine.errors import BackupLockedError, LamplightError, StoreAccessError
from engine.paths import is_own_file
from engine.security import carried_keys, encryption
from engine.store import backup as backups
from engine.store.backup_contents import BackupContents, backup_contents
from engine.store.io_errors import translated
from engine.store.saved_copies import file_digest, mark_copy, note_saved_copy, saved_copy_check

if TYPE_CHECKING:
    from engine.store.core import Store

BROUGHT_IN_SUFFIX = ".restoring"  # a temporary suffix: a copy a killed app left behind is cleaned up later


class DataFileInUseError(LamplightError):
    """The file chosen as a backup is the data file this Lamplight is using (or one of its companions)."""


class KeyFileChosenError(LamplightError):
    """The key file beside an encrypted backup was chosen instead of the backup (the message names the one to choose)."""


class MissingBackupKeyError(LamplightError):
    """An encrypted backup from elsewhere whose key file is not beside it (not damage: say which file to copy)."""


class WrongBackupKeyError(MissingBackupKeyError):
    """The key file beside an encrypted backup is another backup's: it does not open this one."""


_SAVED_NAME = re.compile(r"lamplight-backup-(\d{4}-\d{2}-\d{2}-\d{4})(?:-\d+)?\.sqlite3$")


def saved_backup_name(folder: Path, moment: datetime) -> Path:
    """``folder/lamplight-backup-2026-12-03-1716.sqlite3`` (local time to the minute); ``-2``, ``-3``... when taken.

    Unlike the store's own backups (UTC to the microsecond, for sorting and
    rotation) this name is for a teacher reading a USB stick's file list.
    """
    stem = "lamplight-backup-" + moment.astimezone().strftime("%Y-%m-%d-%H%M")
    target, number = folder / f"{stem}.sqlite3", 2
    while target.exists() or carried_keys.keys_beside(target).exists():
        target, number = folder / f"{stem}-{number}.sqlite3", number + 1
    return target


def saved_backup_time(path: str | Path) -> datetime | None:
    """The local time (to the minute) a name given by :func:`saved_backup_name` says; None for other names."""
    match = _SAVED_NAME.match(Path(path).name)
    return datetime.strptime(match.group(1), "%Y-%m-%d-%H%M").astimezone() if match else None


def save_backup_to(store: "Store", folder: str | Path, now: datetime | None = None) -> Path:
    """Write a consistent backup copy of ``store`` into ``folder`` (any folder: a USB stick); returns the file.

    The folder's own permissions are left as they are (it is the teacher's). A
    full or read-only target raises DiskFullError / StoreAccessError and leaves no
    half-written file.
    """
    target_folder = Path(folder)
    if is_own_file(target_folder / "backup.sqlite3"):  # its backups folder: a copy there would pass for an automatic one
        raise StoreAccessError(f"{target_folder} is part of Lamplight's own data: choose a USB stick or another folder; "
                               "the backup was not saved.")
    if not target_folder.is_dir():
        raise _folder_gone(target_folder)
    target = saved_backup_name(target_folder, now or datetime.now(timezone.utc))
    marked: list[tuple[str, str]] = []  # (the copy's id, the digest of its bytes)

    def mark(scratch: Path) -> None:
        marked.append((mark_copy(scratch), file_digest(scratch)))

    try:
        with translated(target, "saving the backup"):
            backups.copy_database_to_shared_folder(store.db.conn, target, store.backup_dir, prepare=mark)
            if encryption.is_encrypted_file(target):
                try:
                    carried_keys.write_keys_beside(store.path.parent, target)
                except BaseException:
                    target.unlink(missing_ok=True)  # a backup without its key opens nowhere else: save both or neither
                    raise
    except LamplightError as exc:
        if not target_folder.is_dir():  # review 33b: a stick pulled out mid-save was told to "make the data folder writable"
            raise _folder_gone(target_folder) from exc
        raise
    note_saved_copy(store.path.parent, target, *marked[0], now)  # so that a copy changed on the stick is refused (review 45)
    return target


def _folder_gone(folder: Path) -> StoreAccessError:
    return StoreAccessError(f"{folder}: no such folder (was the USB stick removed?); the backup was not saved.")


@contextlib.contextmanager
def brought_in(store: "Store", path: str | Path) -> Iterator[Path]:
    """A private copy of the backup file ``path`` inside the store's backup folder, removed afterwards."""
    from engine.security.private_files import create_private_file, make_private_folder

    source = Path(path)
    if source.exists() and not source.is_file():
        raise LamplightError(f"{source} is a folder or a device, not a backup file; nothing was changed.")
    if not source.is_file():
        raise LamplightError(f"{source}: no such backup file.")
    if _is_the_store_itself(store, source):  # review 46b: read without its -wal, it put back an older state
        raise DataFileInUseError(f"{source} is the data file Lamplight is using, not a backup: choose a backup (saved with "
                             "“Save a backup to…”, or one of the list of backups); nothing was changed.")
    copy = store.backup_dir / f"from-file-{uuid.uuid4().hex}.sqlite3{BROUGHT_IN_SUFFIX}"
    try:
        with translated(copy, "reading the backup file"):
            make_private_folder(store.backup_dir)
            create_private_file(copy)
            shutil.copyfile(source, copy)
        yield copy
    finally:
        copy.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):  # review 26: a refused file's -wal and -shm were seen left behind
            with contextlib.suppress(OSError):  # still held open (Windows): the next start's clean-up takes it
                Path(f"{copy}{suffix}").unlink(missing_ok=True)


def _is_the_store_itself(store: "Store", source: Path) -> bool:
    """Whether ``source`` is ``store``'s own file or one of its companions (the -wal, -shm or -journal)."""
    for own in (store.path, *(Path(f"{store.path}{suffix}") for suffix in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(OSError):
            if own.exists() and os.path.samefile(own, source):
                return True
    return False


@contextlib.contextmanager
def opened_copy(store: "Store", path: str | Path, secret: str | None = None) -> Iterator[Path]:
    """:func:`brought_in`, and for an encrypted backup its key known to this process while inside (see
    :func:`_opened_copy`)."""
    with _opened_copy(store, path, secret) as (copy, _saved_here):
        yield copy


@contextlib.contextmanager
def _opened_copy(store: "Store", path: str | Path, secret: str | None) -> Iterator[tuple[Path, datetime | None]]:
    """:func:`opened_copy`'s copy, and when this laptop saved that very copy (None: not known here); a copy this laptop
    saved and that was changed since is refused (:mod:`engine.store.saved_copies`), its bytes read once.

    A backup of this folder opens with the folder's key. Any other encrypted
    backup needs the key material saved beside it and ``secret`` (the password
    or recovery key it was saved with): without ``secret`` BackupLockedError, a
    wrong one WrongPasswordError, counted and rate-limited like every password
    prompt (:mod:`engine.security.attempts`).
    """
    from engine.security import attempts

    if str(path).endswith(carried_keys.KEYS_SUFFIX):  # review 36a: it was "damaged, or not a Lamplight file"
        backup = Path(str(path)[:-len(carried_keys.KEYS_SUFFIX)])
        raise KeyFileChosenError(f"{path}: this is the key file of an encrypted backup, not the backup: choose {backup.name} "
                                 "(in the same folder) instead.")
    with brought_in(store, path) as copy:
        saved_here = saved_copy_check(store.path.parent, copy, Path(path).name)
        if not encryption.is_encrypted_file(copy) or _known_key_reads(copy) == "all":
            yield copy, saved_here
            return
        keys = carried_keys.read_keys_beside(path)
        if keys is None and not (_sized_like_a_database(copy) and encryption.looks_encrypted(copy)):
            yield copy, saved_here  # any other file (a plain one damaged at its start): check_backup says what it is not
            return
        if keys is None:  # review 48a: 4 KB of random bytes were "an encrypted backup"; they cannot be told apart
            raise MissingBackupKeyError(
                f"{path}: Lamplight cannot read this file. If it is an encrypted backup saved on another computer (or "
                f"under a key this data folder no longer has), it opens only with its key file "
                f"{carried_keys.keys_beside(path).name}, saved beside it: copy that file into the same folder and try "
                "again. Otherwise it is damaged, or not a Lamplight backup. Nothing was changed.")
        if secret is None:
            raise BackupLockedError(f"{path}: this backup is encrypted; it opens with the teacher password or the "
                                    "recovery key in use when it was saved.")
        with attempts.counted(store.path.parent):
            data_key = carried_keys.unwrap_backup_key(keys, secret)
        with encryption.file_key(copy, data_key):
            # review 48a: a copy cut short on the stick was blamed on its own key file; 48c: so was one of 1 KB, which
            # cannot hold even the first page an encrypted database begins with
            read = _known_key_reads(copy)
            if read != "all" and (read == "first page" or copy.stat().st_size < ENCRYPTED_PAGE_BYTES):
                raise LamplightError(f"{path}: this backup is damaged or incomplete (was the USB stick taken out before "
                                     "the copy had finished?): its key file opens it, but part of it is missing. Nothing "
                                     "was changed; choose another backup.")
            if read != "all":  # review 32a: "damaged … run recover", naming a working copy
                raise WrongBackupKeyError(f"{path}: the key file beside it, {carried_keys.keys_beside(path).name}, belongs "
                                          "to another backup and does not open this one. Put this backup's own key file "
                                          "beside it (saved with it, under its name). Nothing was changed.")
            yield copy, saved_here


def _sized_like_a_database(path: Path) -> bool:
    """True for a file made of whole database pages (an encrypted one has no other sign; a text file rarely is)."""
    size = path.stat().st_size
    return size >= 1024 and size % 1024 == 0


ENCRYPTED_PAGE_BYTES = 4096
"""SQLCipher's page: an encrypted backup is whole pages of it."""


def _known_key_reads(copy: Path) -> str:
    """How much of the encrypted file ``copy`` the key this process knows for it reads (the folder's unlocked key: a
    backup of this folder; or the key unwrapped from the key file beside it): "all"; "first page" when the page's
    checksum holds but the database does not (the right key on a damaged or truncated file); "nothing" (another key:
    SQLCipher's "file is not a database")."""
    try:
        conn = encryption.connect(copy, readonly=True)
    except LamplightError as exc:
        return "first page" if "malformed" in str(exc.__cause__ or "") else "nothing"
    except encryption.database_errors():
        return "nothing"
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return "all"
    except encryption.database_errors():
        return "nothing"
    finally:
        conn.close()


def inspect_backup_file(store: "Store", path: str | Path, secret: str | None = None) -> BackupContents:
    """What the backup file at ``path`` holds, after checking it can be restored (nothing is changed).

    Raises LamplightError when it is not a Lamplight backup, is damaged, was
    changed since this laptop saved it (:mod:`engine.store.saved_copies`), or was
    made by a newer Lamplight; BackupLockedError when it is encrypted and
    ``secret`` is needed (see :func:`opened_copy`).
    """
    with _opened_copy(store, path, secret) as (copy, saved_here), _named_as(copy, path):
        backups.check_backup(copy)
        return replace(backup_contents(copy), saved_here=saved_here)


@contextlib.contextmanager
def _named_as(copy: Path, path: str | Path) -> Iterator[None]:
    """A refusal about the working ``copy`` names the teacher's file instead (review 32a: "…/backups/from-file-….restoring
    is damaged")."""
    try:
        yield
    except LamplightError as exc:
        raise type(exc)(str(exc).replace(str(copy), str(path))) from exc


def restore_encrypts_folder(data_dir: str | Path | None, path: str | Path) -> bool:
    """True when restoring the file at ``path`` turns encryption on in the folder (see :func:`restore_backup_file`)."""
    from engine import paths

    return encryption.is_encrypted_file(path) and not encryption.is_encrypted(paths.data_dir(data_dir))


def restore_backup_file(data_dir: str | Path | None, path: str | Path, secret: str | None = None,
                        store: "Store | None" = None) -> Path:
    """Restore the backup file at ``path`` (anywhere: a USB stick); returns the ``pre-restore`` backup made first.

    What the folder becomes:

    * a plain backup, or one of this folder's encrypted ones: restored as it is
      in the folder's form (:meth:`Store.restore` re-keys it when needed);
    * an encrypted backup from elsewhere (another laptop, or a key this folder no
      longer has) into an **encrypted** folder: re-keyed to the folder's key; the
      folder keeps its password and recovery key;
    * an encrypted backup into a **plain** folder (a new laptop): the folder
      becomes encrypted with the backup's own key, and its key material becomes
      the folder's key file, so the password and recovery key that opened the
      backup open the folder (they match the hashes inside the restored data).
      Restoring never writes an encrypted backup's content as plain data. Every
      Store of the folder must be closed for this one (``store`` is ignored).

    ``store``: an open Store of the folder to restore through (else one is
    opened and closed here).
    """
    from engine import paths
    from engine.store.core import Store

    folder = paths.data_dir(data_dir)
    if restore_encrypts_folder(folder, path):
        return _restore_encrypting(folder, path, secret)
    own = store is None
    store = store or Store.open(folder)
    try:
        with opened_copy(store, path, secret) as copy, _named_as(copy, path):
            return store.restore(copy)
    finally:
        if own:
            store.close()


def _restore_encrypting(folder: Path, path: str | Path, secret: str | None) -> Path:
    from engine.store.core import Store

    store = Store.open(folder)
    try:
        with opened_copy(store, path, secret) as copy, _named_as(copy, path):
            backups.check_backup(copy)
            keys = carried_keys.read_keys_beside(path)
            if keys is None:  # the folder's key opened it: this folder was encrypted with it before
                keys = encryption.read_key_file(folder)
            if keys is None:
                raise LamplightError(f"{path}: this backup is encrypted and its key is not known; nothing was changed.")
            safety = store.backup_now("pre-restore")
            replaced = store.restore_marks()
            store.close()
            encryption.adopt_encrypted_store(folder, copy, keys, encryption.key_of_file(copy))
    finally:
        store.close()
    with Store.open(folder, check=True) as restored:  # migrates an older backup's schema, and checks it once more
        restored.after_restore(replaced)  # review 34c: this way in missed what Store.restore does
    return safety
