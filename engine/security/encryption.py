"""Optional encryption of the store at rest, with SQLCipher (``pip install lamplight[encryption]``).

How the keys work. One random 256-bit *data key* encrypts the store file and
its backups. It is never stored as is: ``lamplight.keys.json`` in the data
folder holds it *wrapped* twice, once under a key derived (Argon2id) from the
teacher password and once under a key derived from the recovery key. Either
secret unwraps it; changing the password re-wraps the same data key, so the
file and old backups need no re-encryption. Wrapping is encrypt-then-MAC with
HMAC-SHA256 under a fresh salt each time (the derived key is used once).

A backup saved to a folder the teacher chose (a USB stick) gets a copy of
these wraps beside it, ``<backup>.keys.json``, so it can be restored on
another laptop with the password or the recovery key
(:mod:`engine.security.carried_keys`; restoring it into a plain folder makes
that folder encrypted with the backup's key, :func:`adopt_encrypted_store`).
The format is in docs/backups-and-encryption.md.

Which files are encrypted is read from the file itself: a plain SQLite file
starts with ``SQLite format 3``; anything else in a data folder that has a key
file is opened with the data key. :func:`connect` is the one place the store
opens files through, so the same store code runs on both.

Turning encryption on or off (:func:`enable`, :func:`disable`) migrates
safely: write a new file beside the old, verify it (integrity check, same
rows in every table), make a backup, then atomically replace; backups are
converted the same way, so an encrypted folder holds no plain copy of any name.
Call them with every Store of that folder closed (the app closes and reopens).
"""
from __future__ import annotations

import base64
import contextlib
import getpass
import hashlib
import hmac
import json
import logging
import os
import secrets
import sqlite3
import sys
import threading
from pathlib import Path
from typing import Any, Iterator

from engine import paths
from engine.errors import LamplightError, WrongPasswordError
from engine.files import sync_folder

_log = logging.getLogger(__name__)

KEY_FILE = paths.KEY_FILE
KEY_FORMAT = "lamplight-keys"
KEY_FORMAT_VERSION = 1
SQLITE_HEADER = b"SQLite format 3\x00"
DATA_KEY_BYTES = 32
KDF = {"name": "argon2id", "time_cost": 3, "memory_cost": 65536, "parallelism": 4}

_KEYS: dict[str, bytes] = {}  # resolved data folder -> unlocked data key (this process only)
_FILE_KEYS: dict[str, bytes] = {}  # resolved file -> its own data key (a backup brought in; see file_key)
_KEYS_LOCK = threading.Lock()


# --- availability ------------------------------------------------------------------------
def sqlcipher() -> Any:
    """The sqlcipher3 module, or a LamplightError saying how to get it."""
    try:
        import sqlcipher3
    except ImportError as exc:
        raise LamplightError("Encryption needs the sqlcipher3 package, which is not installed "
                             "(install Lamplight with its 'encryption' extra: pip install 'lamplight[encryption]').") from exc
    return sqlcipher3


def available() -> bool:
    """True when SQLCipher can be used on this laptop."""
    try:
        sqlcipher()
    except LamplightError:
        return False
    return True


def database_errors() -> tuple[type[BaseException], ...]:
    """The DatabaseError classes a store connection can raise (sqlite3's, plus sqlcipher3's when installed).

    UnicodeDecodeError is one of them: when damage hits the schema, SQLite's message quotes the damaged bytes,
    and Python, failing to read that message as UTF-8, raises UnicodeDecodeError instead of DatabaseError.
    """
    try:
        import sqlcipher3
    except ImportError:
        return (sqlite3.DatabaseError, UnicodeDecodeError)
    return (sqlite3.DatabaseError, sqlcipher3.dbapi2.DatabaseError, UnicodeDecodeError)


# --- key wrapping ------------------------------------------------------------------------
def _derive(secret: str, salt: bytes, kdf: dict[str, Any]) -> tuple[bytes, bytes]:
    from argon2.low_level import Type, hash_secret_raw

    if kdf.get("name") != "argon2id":
        raise LamplightError(f"Unknown key derivation {kdf.get('name')!r} in the key file.")
    from engine.security.passwords import ARGON2_BOUNDS, costs_bounded

    costs = {name: kdf.get(name) for name in ARGON2_BOUNDS}
    if not costs_bounded(**costs):  # review 31b/31c: hours, gigabytes, or fewer than 8 KiB per lane
        raise LamplightError("The key file is damaged (its key derivation settings are not ones Lamplight writes).")
    raw = hash_secret_raw(secret.encode("utf-8"), salt, hash_len=64, type=Type.ID, **costs)  # type: ignore[arg-type]
    return raw[:32], raw[32:]


def wrap_key(data_key: bytes, secret: str, kdf: dict[str, Any] | None = None) -> dict[str, str]:
    """``data_key`` sealed under ``secret`` (salt, sealed bytes, tag; base64 text for JSON)."""
    kdf = kdf or KDF
    salt = secrets.token_bytes(16)
    enc_key, mac_key = _derive(secret, salt, kdf)
    stream = hmac.new(enc_key, b"lamplight data key", hashlib.sha256).digest()
    box = bytes(a ^ b for a, b in zip(data_key, stream))
    tag = hmac.new(mac_key, salt + box, hashlib.sha256).digest()
    return {"kdf": dict(kdf), "salt": _b64(salt), "box": _b64(box), "tag": _b64(tag)}


def unwrap_key(wrapped: dict[str, str], secret: str, kdf: dict[str, Any] | None = None) -> bytes | None:
    """The data key, or None when ``secret`` is not the one it was wrapped under."""
    kdf = wrapped.get("kdf") or kdf or KDF
    try:
        salt, box, tag = (base64.b64decode(wrapped[name]) for name in ("salt", "box", "tag"))
    except (KeyError, TypeError, ValueError):
        return None
    enc_key, mac_key = _derive(secret, salt, kdf)
    if not hmac.compare_digest(hmac.new(mac_key, salt + box, hashlib.sha256).digest(), tag):
        return None
    stream = hmac.new(enc_key, b"lamplight data key", hashlib.sha256).digest()
    return bytes(a ^ b for a, b in zip(box, stream))


def _unwrap_with_password(content: dict[str, Any], password: str) -> bytes | None:
    """The data key from a key file's password wraps (the current one, or one being changed to)."""
    wrapped = content.get("wrapped", {})
    for name in ("password", "password-next"):
        if isinstance(wrapped.get(name), dict):
            data_key = unwrap_key(wrapped[name], password, content.get("kdf"))
            if data_key is not None:
                return data_key
    return None


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


# --- the key file ------------------------------------------------------------------------
def key_file(data_dir: str | os.PathLike[str] | None = None) -> Path:
    return paths.data_dir(data_dir) / KEY_FILE


def read_key_file(data_dir: str | os.PathLike[str] | None = None) -> dict[str, Any] | None:
    """The key file's content, None when the folder has none, LamplightError when it is damaged."""
    path = key_file(data_dir)
    if not path.exists():
        return None
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # ValueError: bad JSON, UTF-8 or a huge number
        raise LamplightError(f"The key file {path} is damaged ({exc}); restore it from a copy of the data folder.") from exc
    if not isinstance(content, dict) or content.get("format") != KEY_FORMAT:
        raise LamplightError(f"{path} is not a Lamplight key file.")
    if content.get("version") != KEY_FORMAT_VERSION:
        raise LamplightError(f"{path} has key file version {content.get('version')!r}; this Lamplight reads version {KEY_FORMAT_VERSION}.")
    return content


def _write_json_atomically(path: Path, content: dict[str, Any]) -> None:
    from engine.security.private_files import open_private_file

    from engine.store.io_errors import translated

    partial = path.with_name(path.name + ".partial")
    with translated(path, "saving the key file"), _removed_on_failure(partial):  # review 33b: a full disk left it
        with os.fdopen(open_private_file(partial), "w", encoding="utf-8") as handle:  # a link there is not followed
            json.dump(content, handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
        sync_folder(path.parent)


def _write_key_file(data_dir: Path, data_key: bytes, password: str, recovery_key: str, previous: bytes | None = None) -> None:
    """The key file for ``data_key``; ``previous``: the key being replaced (:func:`new_key`), wrapped under the same
    secrets until every file of the folder has been re-encrypted."""
    from engine.security.passwords import normalise_recovery_key

    recovery_key = normalise_recovery_key(recovery_key)
    content: dict[str, Any] = {
        "format": KEY_FORMAT, "version": KEY_FORMAT_VERSION, "kdf": KDF,
        "wrapped": {"password": wrap_key(data_key, password), "recovery": wrap_key(data_key, recovery_key)},
    }
    if previous is not None:
        content["previous"] = {"password": wrap_key(previous, password), "recovery": wrap_key(previous, recovery_key)}
    _write_json_atomically(data_dir / KEY_FILE, content)


# --- unlocking ---------------------------------------------------------------------------
def _folder_key(data_dir: str | os.PathLike[str] | None) -> str:
    return str(paths.data_dir(data_dir).resolve())


def is_encrypted(data_dir: str | os.PathLike[str] | None = None) -> bool:
    """True when the folder's store file is an encrypted one."""
    return is_encrypted_file(paths.data_dir(data_dir) / paths.STORE_FILE)


def backups_left_encrypted(data_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """Backups still encrypted in a folder whose data is not (its key file kept): encryption off was stopped half-way
    (a power cut) or found them too damaged to decrypt. Turning encryption off again finishes what it can."""
    folder = paths.data_dir(data_dir)
    if is_encrypted(folder) or not (folder / KEY_FILE).is_file():
        return []
    return [path for path in _backup_files(folder) if looks_encrypted(path)]


def is_encrypted_file(path: str | os.PathLike[str]) -> bool:
    """True for an existing, non-empty file that does not start like a plain SQLite file (a folder, a pipe or a device
    is no file: review 32a, opening a named pipe to look waited for ever)."""
    if not Path(path).is_file():
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    return bool(head) and head != SQLITE_HEADER


def looks_encrypted(path: str | os.PathLike[str]) -> bool:
    """:func:`is_encrypted_file`, and its first kilobyte looks random as SQLCipher's does (about 250 of the 256 byte
    values; a plain SQLite file damaged at its start, text or zeros use far fewer), so a message can tell a missing
    key from damage (review 32a)."""
    if not is_encrypted_file(path):
        return False
    with open(path, "rb") as handle:
        head = handle.read(1024)
    return len(head) == 1024 and len(set(head)) > 200


def is_unlocked(data_dir: str | os.PathLike[str] | None = None) -> bool:
    with _KEYS_LOCK:
        return _folder_key(data_dir) in _KEYS


def unlock(data_dir: str | os.PathLike[str] | None, secret: str) -> None:
    """Unwrap the data key with the teacher password or the recovery key and keep it for this process.

    A wrong secret raises LamplightError and changes nothing.
    """
    content = read_key_file(data_dir)
    if content is None:
        raise LamplightError(f"The data in {paths.data_dir(data_dir)} is not encrypted (it has no key file).")
    kdf = content.get("kdf")
    # "password", "recovery", and the "-next" ones written while a change is under way (see rewrap)
    data_key = _unwrap_any(content.get("wrapped", {}), secret, kdf)
    if data_key is None:
        raise WrongPasswordError("That is neither the teacher password nor the recovery key; the data stays locked.")
    with _KEYS_LOCK:
        _KEYS[_folder_key(data_dir)] = data_key
    folder = paths.data_dir(data_dir)
    if is_encrypted_file(folder / paths.STORE_FILE):
        # Finishing an interrupted enable() or new_key(): on a full disk it is tried again at the next unlock, and the
        # app starts meanwhile (review 33b: it did not start at all).
        old_key = _unwrap_any(content.get("previous", {}), secret, kdf)
        try:
            remove_plain_leftovers(folder)  # copies an interrupted enable() or disable() left behind
            _encrypt_plain_backups(folder, data_key)
            if old_key is not None:
                _finish_new_key(folder, old_key, data_key)
        except (OSError, LamplightError, *database_errors()) as exc:
            _log.warning("finishing the encryption of the data folder did not finish: %s", exc)


WRAP_NAMES = ("password", "password-next", "recovery", "recovery-next")
"""The wraps Lamplight writes: the data key under the teacher password and the recovery key, and the "-next" ones
written while a change is under way (see :func:`rewrap`)."""


def known_wraps(wraps: Any) -> dict[str, dict[str, Any]]:
    """Only the wraps of :data:`WRAP_NAMES` (review 34b: a key file with 3,000 more, each at the highest cost allowed,
    made one typed password take an hour, and a restore copied them into the folder's own key file)."""
    if not isinstance(wraps, dict):
        return {}
    return {name: wraps[name] for name in WRAP_NAMES if isinstance(wraps.get(name), dict)}


def _unwrap_any(wraps: Any, secret: str, kdf: Any) -> bytes | None:
    """The key any of ``wraps`` (name -> wrap; a "recovery…" one takes the secret as a recovery key) gives ``secret``."""
    from engine.security.passwords import normalise_recovery_key

    for name, wrapped in known_wraps(wraps).items():
        candidate = normalise_recovery_key(secret) if name.startswith("recovery") else secret
        data_key = unwrap_key(wrapped, candidate, kdf) if isinstance(wrapped, dict) else None
        if data_key is not None:
            return data_key
    return None


def _temporary_copies(folder: Path) -> Iterator[Path]:
    """Half-made copies in the folder and its backups: conversions, backups and purges that were killed."""
    from engine.store import backup_copy as backups

    for place in (folder, folder / paths.BACKUP_FOLDER):
        if place.is_dir():
            for path in sorted(place.iterdir()):
                if path.is_file() and any(path.name.endswith(s) for s in backups.TEMPORARY_SUFFIXES):
                    yield path


def remove_plain_leftovers(folder: Path) -> list[Path]:
    """Delete the half-made copies that are plain SQLite (they may hold every name); returns them.

    None of them is ever the only copy of anything: the original is replaced
    only once its copy is complete and verified.
    """
    removed = []
    for path in _temporary_copies(folder):
        if not is_encrypted_file(path):
            path.unlink(missing_ok=True)
            Path(f"{path}-journal").unlink(missing_ok=True)
            removed.append(path)
    return removed


def plain_files(data_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """Files in the data folder and its backups that hold plain (unencrypted) SQLite data.

    Empty for a folder whose encryption is complete. Damaged files that
    ``recover`` kept aside (``*.damaged-*``) are listed too: only the teacher
    may delete those.
    """
    folder = paths.data_dir(data_dir)
    found = []
    for place in (folder, folder / paths.BACKUP_FOLDER):
        if place.is_dir():
            for path in sorted(place.iterdir()):
                if path.is_file() and _starts_like_sqlite(path):
                    found.append(path)
    return sorted(set(found) | set(_damaged_plain_backups(folder)))


def _damaged_plain_backups(folder: Path) -> list[Path]:
    """Backups that neither start like SQLite nor look like SQLCipher's random bytes: plain ones damaged at their
    start, which may still hold names in the clear (review 34b: taken for encrypted ones, they were never named)."""
    return [path for path in _backup_files(folder) if is_encrypted_file(path) and not looks_encrypted(path)]


def _starts_like_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _encrypt_plain_backups(folder: Path, data_key: bytes) -> list[Path]:
    """Encrypt the backups still plain; returns those too damaged to copy (see :func:`_convert_backups`), and plain
    ones damaged at their very start (:func:`_damaged_plain_backups`)."""
    return _damaged_plain_backups(folder) + _convert_backups(folder, lambda path: not is_encrypted_file(path), None, data_key)


def _convert_backups(folder: Path, due: Any, source_key: bytes | None, target_key: bytes | None) -> list[Path]:
    """Re-key the folder's backups for which ``due(path)`` is true; returns those too damaged to copy, left as they
    are (they could not be restored anyway; review 32d, 33b: one such backup stopped the app from starting). A full
    disk stops here."""
    left = []
    for backup in _backup_files(folder):
        if due(backup):
            try:
                _replace_with_converted(backup, source_key, target_key)
            except (LamplightError, *database_errors()) as exc:
                if not _is_damage(exc):
                    raise
                _log.warning("%s: too damaged to copy, left as it is: %s", backup, exc)
                left.append(backup)
    return left


def _is_damage(exc: BaseException) -> bool:
    """Whether copying a file failed because the file is damaged (not the disk: full, read-only, gone)."""
    from engine.errors import StoreAccessError, StoreBusyError
    from engine.store.io_errors import explain

    if isinstance(exc, UnicodeDecodeError):  # see database_errors()
        return True
    explained = explain(exc)  # damaged, or a copy that did not come out identical (a plain LamplightError)
    return explained is not None and not isinstance(explained, (StoreAccessError, StoreBusyError))


def lock(data_dir: str | os.PathLike[str] | None = None) -> None:
    """Forget the data key (the idle lock, closing the app)."""
    with _KEYS_LOCK:
        _KEYS.pop(_folder_key(data_dir), None)


@contextlib.contextmanager
def file_key(path: str | os.PathLike[str], data_key: bytes) -> Iterator[None]:
    """While inside, :func:`connect` opens the file at ``path`` with ``data_key`` (this process only).

    For a backup brought in from another laptop or an older key: its key was
    unwrapped from the key material saved beside it (see
    :mod:`engine.security.carried_keys`), not from this folder's key file.
    """
    name = str(Path(path).resolve())
    with _KEYS_LOCK:
        _FILE_KEYS[name] = data_key
    try:
        yield
    finally:
        with _KEYS_LOCK:
            _FILE_KEYS.pop(name, None)


def key_of_file(path: str | os.PathLike[str]) -> bytes | None:
    """The data key this process would open ``path`` with (its own key, else its folder's); None if none is known."""
    return _key_for_file(Path(path))


def _key_for_file(path: Path) -> bytes | None:
    """The unlocked data key of the data folder a file belongs to (the store file or a backup)."""
    resolved = path.resolve()
    with _KEYS_LOCK:
        if str(resolved) in _FILE_KEYS:
            return _FILE_KEYS[str(resolved)]
        for folder in (resolved.parent, resolved.parent.parent):
            if str(folder) in _KEYS:
                return _KEYS[str(folder)]
    return None


def _owning_key_folder(path: Path) -> Path | None:
    """The data folder whose key file covers ``path`` (the store file, or a backup one level down)."""
    for folder in (path.parent, path.parent.parent):
        if (folder / KEY_FILE).exists():
            return folder
    return None


def _ask_on_terminal(path: Path) -> bytes | None:
    """At a terminal (the command line, not the app), ask for the password once."""
    folder = _owning_key_folder(path)
    if folder is None or "PySide6" in sys.modules or not sys.stdin or not sys.stdin.isatty():
        return None
    from engine.security import attempts

    with attempts.counted(folder):
        unlock(folder, getpass.getpass(f"Teacher password (or recovery key) for the encrypted data in {folder}: "))
    return _key_for_file(path)


def _pragma_key(data_key: bytes) -> str:
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


def missing_key_file(store_file: str | os.PathLike[str]) -> LamplightError:
    """What to say when a data folder's store is encrypted and its key file is not there (review 32a: a correct
    password was called wrong five times, then the data damaged)."""
    store_file = Path(store_file)
    return LamplightError(f"The data file {store_file} is encrypted, but its key file {KEY_FILE} is missing from "
                          f"{store_file.parent}. Put that file back from a copy of the data folder (the key file saved "
                          f"beside a USB backup of this data, renamed {KEY_FILE}, opens it too, with the password of the "
                          "day it was saved). Nothing was changed.")


def connect(path: str | os.PathLike[str], *, readonly: bool = False, timeout: float = 15.0) -> Any:
    """Open a store or backup file: sqlite3 for a plain file, SQLCipher with the data key for an encrypted one.

    An encrypted file whose folder is locked raises LamplightError (at a
    terminal, the password is asked for first).
    """
    path = Path(path)
    if path.name == paths.STORE_FILE and _owning_key_folder(path) is None and _key_for_file(path) is None and looks_encrypted(path):
        raise missing_key_file(path)
    if not is_encrypted_file(path) or (_owning_key_folder(path) is None and _key_for_file(path) is None):  # plain, or damaged
        if readonly:
            return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout)
        return sqlite3.connect(str(path), timeout=timeout)
    module = sqlcipher()
    data_key = _key_for_file(path) or _ask_on_terminal(path)
    if data_key is None:
        raise LamplightError(f"The data file {path} is encrypted and locked: unlock it with the teacher password "
                             "(the app asks for it; at the command line, run the command in a terminal).")
    target = f"file:{path}?mode=ro" if readonly else str(path)
    conn = module.connect(target, uri=readonly, timeout=timeout)
    try:
        conn.execute(_pragma_key(data_key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.dbapi2.DatabaseError as exc:
        conn.close()
        raise LamplightError(f"The data file {path} is damaged or belongs to another data folder: it cannot be read "
                             f"with this folder's key ({exc}). Put the latest good backup in its place with "
                             "'python -m engine recover' (the damaged file is kept).") from exc
    return conn


# --- switching on and off ----------------------------------------------------------------
def _tables(conn: Any, schema: str = "main") -> list[str]:
    rows = conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    return [r[0] for r in rows]


def _row_counts(conn: Any) -> dict[str, int]:
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _tables(conn)}


def _convert_file(source: Path, target: Path, source_key: bytes | None, target_key: bytes | None) -> None:
    """Write ``source`` re-keyed (None: plain) to ``target`` and verify it; ``source`` is untouched."""
    from engine.security.private_files import create_private_file

    module = sqlcipher()
    create_private_file(target)
    conn = module.connect(str(source))
    try:
        if source_key is not None:
            conn.execute(_pragma_key(source_key))
        counts = _row_counts(conn)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        key_sql = f"\"x'{target_key.hex()}'\"" if target_key is not None else "''"
        conn.execute(f"ATTACH DATABASE ? AS converted KEY {key_sql}", [str(target)])
        conn.execute("SELECT sqlcipher_export('converted')")
        conn.execute(f"PRAGMA converted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()
    check = module.connect(str(target))
    try:
        if target_key is not None:
            check.execute(_pragma_key(target_key))
        result = [r[0] for r in check.execute("PRAGMA integrity_check")]
        if result != ["ok"] or _row_counts(check) != counts or check.execute("PRAGMA user_version").fetchone()[0] != version:
            raise LamplightError(f"Converting {source} did not give an identical copy ({'; '.join(result[:3])}); nothing was changed.")
        check.execute("PRAGMA journal_mode = DELETE")
    finally:
        check.close()
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def _settle_wal(path: Path, data_key: bytes | None) -> None:
    """Fold the write-ahead log into the file and drop it, so the file alone holds everything."""
    if not path.exists():
        return
    conn = sqlcipher().connect(str(path)) if data_key is not None else sqlite3.connect(str(path))
    try:
        if data_key is not None:
            conn.execute(_pragma_key(data_key))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        if Path(str(path) + suffix).exists():
            raise LamplightError(f"{path} is still in use by another program (its {suffix} file is open); close Lamplight everywhere and try again.")


def _backup_files(folder: Path) -> Iterator[Path]:
    backups = folder / paths.BACKUP_FOLDER
    if backups.is_dir():
        yield from sorted(backups.glob("lamplight-*.sqlite3"))


def _replace_with_converted(path: Path, source_key: bytes | None, target_key: bytes | None) -> None:
    converted = path.with_name(path.name + ".converting")
    try:
        _convert_file(path, converted, source_key, target_key)
    except BaseException:
        converted.unlink(missing_ok=True)
        raise
    os.replace(converted, path)
    sync_folder(path.parent)


def _current_password_hash(store_file: Path, data_key: bytes | None) -> tuple[str | None, str | None]:
    from engine.security.passwords import PASSWORD_SETTING, RECOVERY_SETTING

    conn = sqlcipher().connect(str(store_file))
    try:
        if data_key is not None:
            conn.execute(_pragma_key(data_key))
        rows = dict(conn.execute("SELECT key, value FROM settings WHERE key IN (?, ?)", [PASSWORD_SETTING, RECOVERY_SETTING]).fetchall())
    except sqlite3.Error:
        rows = {}
    finally:
        conn.close()
    return tuple(_setting_text(rows.get(k)) for k in (PASSWORD_SETTING, RECOVERY_SETTING))  # type: ignore[return-value]


def _setting_text(value: Any) -> str | None:
    if value is None:
        return None
    try:
        decoded = json.loads(value)
    except (TypeError, ValueError):
        return str(value)
    return decoded if isinstance(decoded, str) else str(value)


def check_can_enable(data_dir: str | os.PathLike[str] | None, password: str) -> None:
    """Raise LamplightError (WrongPasswordError for a wrong password) unless :func:`enable` may encrypt the folder with
    ``password``: there is plain data, ``password`` is its teacher password and strong enough. Changes nothing; for a
    caller to run before it shows the recovery key that :func:`enable` will use."""
    from engine.security.passwords import verify_secret

    folder = paths.data_dir(data_dir)
    store_file = folder / paths.STORE_FILE
    sqlcipher()
    if not store_file.exists():
        raise LamplightError(f"There is no Lamplight data in {folder} to encrypt yet.")
    if is_encrypted_file(store_file):
        raise LamplightError(f"The data in {folder} is already encrypted.")
    password_hash, _ = _current_password_hash(store_file, None)
    if not password_hash:
        raise LamplightError("Set a teacher password first: the encryption key is protected by it.")
    if not verify_secret(password_hash, password):
        raise WrongPasswordError("That is not the teacher password; nothing was encrypted.")
    from engine.security.passwords import password_weakness

    weakness = password_weakness(password)
    if weakness:
        from engine.security.passwords import ENCRYPTION_STRENGTH_WHY, MIN_ENCRYPTION_PASSWORD_LENGTH

        raise LamplightError(f"The teacher password is too weak to protect encrypted data ({weakness}); nothing was "
                             "encrypted. Choose a stronger one first ('python -m engine password change', or Settings "
                             "in the app), then turn encryption on. "
                             + ENCRYPTION_STRENGTH_WHY.format(n=MIN_ENCRYPTION_PASSWORD_LENGTH))


def enable(data_dir: str | os.PathLike[str] | None, password: str, recovery_key: str) -> list[Path]:
    """Encrypt the folder's store and backups, with ``recovery_key`` as the recovery key from then on.

    ``recovery_key`` is made with :func:`engine.security.passwords.new_recovery_key` (or is the one of a password set
    just now) and shown to the teacher BEFORE this is called: once the key file is written only it and the password
    open the data, and a laptop losing power here must not leave a key nobody saw (review 33b). Any recovery key of
    before stops working. ``password`` must pass :func:`check_can_enable`, else nothing changes. Returns the backups
    too damaged to encrypt, left as they were.
    """
    from engine.store.io_errors import translated
    from engine.store.replacing import being_replaced

    check_can_enable(data_dir, password)
    folder = paths.data_dir(data_dir)
    store_file = folder / paths.STORE_FILE
    with translated(folder, "encrypting the data"), being_replaced(store_file):
        _remove_all_temporaries(folder)
        _settle_wal(store_file, None)
        data_key = None
        earlier = read_key_file(folder)  # left by an interrupted disable(): its backups still use that key
        if earlier is not None:
            data_key = _unwrap_with_password(earlier, password)
        data_key = data_key or secrets.token_bytes(DATA_KEY_BYTES)
        converted = store_file.with_name(store_file.name + ".converting")
        with _removed_on_failure(converted):
            _convert_file(store_file, converted, None, data_key)
            _rotate_recovery_hash(converted, data_key, recovery_key)
        _write_key_file(folder, data_key, password, recovery_key)
        with _KEYS_LOCK:
            _KEYS[_folder_key(folder)] = data_key
        os.replace(converted, store_file)
        sync_folder(folder)
    with translated(folder, "encrypting the backups"):
        damaged = _encrypt_plain_backups(folder, data_key)
        _encrypted_safety_backup(store_file, data_key, "encryption-on")
    return damaged


@contextlib.contextmanager
def _removed_on_failure(path: Path) -> Iterator[None]:
    """Delete the half-made copy ``path`` if what makes it fails (review 33b: on a full disk it was left behind)."""
    try:
        yield
    except BaseException:
        path.unlink(missing_ok=True)
        Path(f"{path}-journal").unlink(missing_ok=True)
        raise


def _remove_all_temporaries(folder: Path) -> None:
    """Before switching: drop every half-made copy (a killed switch's, a killed backup's, a killed import's scratch
    file); the caller holds the folder."""
    from engine.store.answer_staging import remove_dead_scratch

    for path in _temporary_copies(folder):
        path.unlink(missing_ok=True)
        Path(f"{path}-journal").unlink(missing_ok=True)
    remove_dead_scratch(folder / paths.STORE_FILE)


def _rotate_recovery_hash(store_file: Path, data_key: bytes | None, recovery_key: str | None = None) -> str:
    from engine.security.passwords import RECOVERY_SETTING, hash_secret, new_recovery_key, normalise_recovery_key

    recovery_key = recovery_key or new_recovery_key()
    conn = sqlcipher().connect(str(store_file))
    try:
        if data_key is not None:
            conn.execute(_pragma_key(data_key))
        with conn:
            conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                         [RECOVERY_SETTING, json.dumps(hash_secret(normalise_recovery_key(recovery_key)))])
    finally:
        conn.close()
    return recovery_key


def _encrypted_safety_backup(store_file: Path, data_key: bytes | None, reason: str) -> Path:
    from engine.store import backup_copy as backups

    conn = connect(store_file)
    try:
        return backups.make_backup(conn, store_file.parent / paths.BACKUP_FOLDER, reason)
    finally:
        conn.close()


def disable(data_dir: str | os.PathLike[str] | None, password: str) -> list[Path]:
    """Decrypt the folder's store and backups back to plain SQLite; a wrong password changes nothing.

    Returns the backups too damaged to decrypt: they stay encrypted, and so the key file stays too (review 33c:
    without it nothing could open what is left of them; :func:`enable` uses that key again)."""
    folder = paths.data_dir(data_dir)
    store_file = folder / paths.STORE_FILE
    data_key = check_password(folder, password, wrong="That is not the teacher password; the data stays encrypted.")
    from engine.store.io_errors import translated
    from engine.store.replacing import being_replaced

    with translated(folder, "turning encryption off"):
        _finish_pending(folder, password)
        _remove_all_temporaries(folder)
        if is_encrypted_file(store_file):  # else: an interrupted disable(); finish the backups
            _settle_wal(store_file, data_key)
            with being_replaced(store_file):
                _replace_with_converted(store_file, data_key, None)
        damaged = _convert_backups(folder, is_encrypted_file, data_key, None)
        if not damaged:
            (folder / KEY_FILE).unlink(missing_ok=True)
        lock(folder)
        _encrypted_safety_backup(store_file, None, "encryption-off")  # a fresh (plain) backup of the switched file
    return damaged


def check_password(data_dir: str | os.PathLike[str] | None, password: str,
                   wrong: str = "That is not the teacher password; nothing was changed.") -> bytes:
    """The folder's data key if ``password`` opens its key file; WrongPasswordError(``wrong``) otherwise."""
    content = read_key_file(data_dir)
    if content is None:
        raise LamplightError(f"The data in {paths.data_dir(data_dir)} is not encrypted.")
    data_key = _unwrap_with_password(content, password)
    if data_key is None:
        raise WrongPasswordError(wrong)
    return data_key


def opens_with_secret(data_dir: str | os.PathLike[str] | None, secret: str) -> bool:
    """Whether ``secret`` (a password or a recovery key) unwraps the folder's data key now."""
    content = read_key_file(data_dir)
    return content is not None and _unwrap_any(content.get("wrapped", {}), secret, content.get("kdf")) is not None


def new_key(data_dir: str | os.PathLike[str] | None, password: str, recovery_key: str) -> None:
    """Re-encrypt the folder's store and backups under a new random data key, with ``recovery_key`` (a NEW one, made
    with :func:`engine.security.passwords.new_recovery_key` and shown to the teacher BEFORE this is called: a kill
    after the key file is written leaves only it opening the data) as the recovery key from then on.

    A new password alone re-wraps the same key (:func:`prepare_rewrap`): whoever kept an old key file and knew the old
    password could still open today's data (review 32a). From now on no old copy of the key file opens anything
    written here; backups saved to sticks before keep opening with the secrets of their day. Call with every Store
    of the folder closed. Until every file is re-encrypted the key file also holds the old key (``"previous"``, under
    the password and the new recovery key); the next :func:`unlock`, :func:`new_key` or :func:`disable` finishes.
    """
    folder = paths.data_dir(data_dir)
    store_file = folder / paths.STORE_FILE
    if not is_encrypted_file(store_file):
        raise LamplightError(f"The data in {folder} is not encrypted.")
    old_key = check_password(folder, password)
    from engine.store.io_errors import translated

    with translated(folder, "encrypting the data under a new key"):
        _finish_pending(folder, password)
        _new_key(folder, store_file, old_key, password, recovery_key)


def _new_key(folder: Path, store_file: Path, old_key: bytes, password: str, recovery_key: str) -> None:
    from engine.store.replacing import being_replaced

    with being_replaced(store_file):
        _remove_all_temporaries(folder)
        _settle_wal(store_file, old_key)
        data_key = secrets.token_bytes(DATA_KEY_BYTES)
        converted = store_file.with_name(store_file.name + ".converting")
        with _removed_on_failure(converted):
            _convert_file(store_file, converted, old_key, data_key)
            _rotate_recovery_hash(converted, data_key, recovery_key)
        _write_key_file(folder, data_key, password, recovery_key, previous=old_key)  # from here the new key holds
        with _KEYS_LOCK:
            _KEYS[_folder_key(folder)] = data_key
        os.replace(converted, store_file)
        sync_folder(folder)
    _finish_new_key(folder, old_key, data_key)
    _encrypted_safety_backup(store_file, data_key, "new-key")


def _finish_pending(folder: Path, password: str) -> None:
    """Finish an interrupted :func:`new_key` before changing anything else (review 32d: a second new key, or turning
    encryption off and on, overwrote the only wrap of the old key while backups still used it)."""
    content = read_key_file(folder)
    if content is None or "previous" not in content:
        return
    old_key = _unwrap_any(content["previous"], password, content.get("kdf"))
    data_key = _unwrap_with_password(content, password)
    if old_key is not None and data_key is not None:
        _finish_new_key(folder, old_key, data_key)


def _finish_new_key(folder: Path, old_key: bytes, data_key: bytes) -> None:
    """Re-encrypt what still opens with ``old_key`` (the store, backups) under ``data_key``, then forget ``old_key``.

    A backup too damaged to copy is left as it is (it could not be restored anyway; review 32d: it stopped the app
    from starting); a full disk stops here, and the old key stays for the next try."""
    from engine.store.replacing import being_replaced

    store_file = folder / paths.STORE_FILE
    if _opens_with(store_file, old_key):  # a new_key() killed before the store's copy was put in place
        converted = store_file.with_name(store_file.name + ".converting")
        with being_replaced(store_file):
            if converted.is_file() and _opens_with(converted, data_key):  # that copy, whole (the key file came after it)
                os.replace(converted, store_file)  # with the hash of the recovery key the key file holds
                sync_folder(folder)
            else:
                _settle_wal(store_file, old_key)
                _replace_with_converted(store_file, old_key, data_key)
    damaged = _convert_backups(folder, lambda path: is_encrypted_file(path) and _opens_with(path, old_key), old_key, data_key)
    content = read_key_file(folder)
    if content is not None and "previous" in content and not damaged:  # the old key still opens what is left of those
        content.pop("previous")
        _write_json_atomically(key_file(folder), content)


def _opens_with(path: Path, data_key: bytes) -> bool:
    conn = sqlcipher().connect(str(path))
    try:
        conn.execute(_pragma_key(data_key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except database_errors():
        return False
    finally:
        conn.close()


def prepare_rewrap(data_dir: str | os.PathLike[str] | None, *, password: str | None = None,
                   recovery_key: str | None = None) -> None:
    """Step 1 of changing a secret: ADD wraps of the (unlocked) data key under the new secrets.

    The old wraps stay, so a crash at any point of a change leaves the teacher a
    secret that still opens the data. Step 2 is storing the new hashes, step 3
    :func:`finish_rewrap`. No-op for a folder without a key file.
    """
    from engine.security.passwords import normalise_recovery_key

    content = read_key_file(data_dir)
    if content is None:
        return
    if "previous" in content:  # review 32d: the old key's wraps would stay under the old secrets, out of reach
        raise LamplightError("The data is still being re-encrypted under its new key. Close Lamplight and start it "
                             "again (it finishes then), and change the password after that. Nothing was changed.")
    with _KEYS_LOCK:
        data_key = _KEYS.get(_folder_key(data_dir))
    if data_key is None and not is_encrypted(data_dir):
        return  # the key file of an interrupted disable(): finishing it needs the password, not a new wrap
    if data_key is None:
        raise LamplightError("Unlock the data first (with the current teacher password or the recovery key).")
    wrapped = dict(content.get("wrapped", {}))
    if password is not None:
        wrapped["password-next"] = wrap_key(data_key, password)
    if recovery_key is not None:
        wrapped["recovery-next"] = wrap_key(data_key, normalise_recovery_key(recovery_key))
    _write_json_atomically(key_file(data_dir), {**content, "wrapped": wrapped})


def finish_rewrap(data_dir: str | os.PathLike[str] | None) -> None:
    """Step 3: the new wraps replace the old ones (the old secrets stop opening the data)."""
    content = read_key_file(data_dir)
    if content is None:
        return
    wrapped = dict(content.get("wrapped", {}))
    for name in ("password", "recovery"):
        if f"{name}-next" in wrapped:
            wrapped[name] = wrapped.pop(f"{name}-next")
    _write_json_atomically(key_file(data_dir), {**content, "wrapped": wrapped})


# --- backups from elsewhere --------------------------------------------------------------
def rekeyed_copy(source: str | os.PathLike[str], target: str | os.PathLike[str], target_key: bytes | None) -> None:
    """Write ``source`` (opened with the key :func:`key_of_file` knows, or plain) to ``target`` under ``target_key``.

    ``target_key`` None writes plain SQLite. The copy is verified (integrity,
    same rows, same schema version); ``source`` is untouched.
    """
    source = Path(source)
    source_key = _key_for_file(source) if is_encrypted_file(source) else None
    if is_encrypted_file(source) and source_key is None:
        raise LamplightError(f"The backup {source} is encrypted and its key is not known; nothing was changed.")
    _convert_file(source, Path(target), source_key, target_key)


def adopt_encrypted_store(data_dir: str | os.PathLike[str] | None, encrypted_copy: str | os.PathLike[str],
                          keys: dict[str, Any], data_key: bytes) -> None:
    """Make a plain data folder an encrypted one holding ``encrypted_copy`` (a checked backup) under its own key.

    ``keys`` is the key material saved beside the backup (the data key wrapped
    by the password and the recovery key in use when it was saved); it becomes
    the folder's key file, so the folder opens with those secrets, which match
    the password and recovery key hashes inside the restored data. Every Store
    of the folder must be closed. The order keeps everything at each step: the
    key file is written while the plain store is still in place (a kill there
    leaves the plain data, and a key file that ``enable`` reuses); the store
    file is then replaced atomically by the encrypted copy; last the folder's
    plain backups are encrypted with that key (an interrupted run is finished
    by the next :func:`unlock`).
    """
    from engine.security.private_files import create_private_file
    from engine.store.replacing import being_replaced

    folder = paths.data_dir(data_dir)
    store_file = folder / paths.STORE_FILE
    sqlcipher()
    if is_encrypted_file(store_file):
        raise LamplightError(f"The data in {folder} is already encrypted.")
    placed = store_file.with_name(store_file.name + ".converting")
    with being_replaced(store_file):
        _settle_wal(store_file, None)
        try:
            create_private_file(placed)
            with open(encrypted_copy, "rb") as source, open(placed, "wb") as target:
                while chunk := source.read(1 << 20):
                    target.write(chunk)
                target.flush()
                os.fsync(target.fileno())
            _write_json_atomically(folder / KEY_FILE, {
                "format": KEY_FORMAT, "version": KEY_FORMAT_VERSION, "kdf": keys.get("kdf", KDF),
                "wrapped": known_wraps(keys.get("wrapped")),
            })
            with _KEYS_LOCK:
                _KEYS[_folder_key(folder)] = data_key
            os.replace(placed, store_file)
            sync_folder(folder)
        finally:
            placed.unlink(missing_ok=True)
    _encrypt_plain_backups(folder, data_key)
