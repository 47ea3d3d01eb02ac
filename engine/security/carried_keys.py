"""The key material saved beside an encrypted backup, so the copy on a USB stick opens on another laptop.

An encrypted store's data key lives only in the data folder's
``lamplight.keys.json``, wrapped by the teacher password and by the recovery
key (see :mod:`engine.security.encryption`). A backup saved to a folder the
teacher chose ("Save a backup to…", :func:`engine.store.backup_files.save_backup_to`)
is encrypted with that data key, so on its own it opens nowhere else. Beside
it goes ``<backup file name>.keys.json``::

    lamplight-backup-2026-12-03-2108.sqlite3            the backup (SQLCipher)
    lamplight-backup-2026-12-03-2108.sqlite3.keys.json  what unlocks it

The second file has the key file's format (``"format": "lamplight-keys"``,
version 1, the Argon2id parameters and the ``wrapped`` data key: salt, sealed
bytes and HMAC tag per secret) plus ``"backup"`` (the backup's file name) and
``"saved"`` (UTC time). It holds the data key only *wrapped*, exactly as the
laptop does: whoever has the stick needs the password or the recovery key that
were in use when the backup was saved, and can guess them only as fast as
Argon2id allows (which is why encryption needs a strong password). The raw
data key is never written anywhere.
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from engine.errors import LamplightError, WrongPasswordError

KEYS_SUFFIX = ".keys.json"
MAX_KEYS_FILE_BYTES = 16_384  # two wraps (four while a change is under way) take about 1 KB


def keys_beside(backup: str | os.PathLike[str]) -> Path:
    """Where the key material of the backup at ``backup`` is saved: the same name plus ``.keys.json``."""
    backup = Path(backup)
    return backup.with_name(backup.name + KEYS_SUFFIX)


def write_keys_beside(data_dir: str | os.PathLike[str] | None, backup: Path) -> Path:
    """Save the folder's wrapped data key beside ``backup`` (atomically); returns the file written."""
    from engine.security import encryption

    content = encryption.read_key_file(data_dir)
    if content is None:
        raise LamplightError(f"The data in {data_dir} is not encrypted: there is no key to save beside {backup}.")
    target = keys_beside(backup)
    encryption._write_json_atomically(target, {  # noqa: SLF001 - the one atomic, private JSON writer
        "format": content["format"], "version": content["version"], "kdf": content.get("kdf"),
        "wrapped": content.get("wrapped", {}), "backup": backup.name,
        "saved": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    })
    return target


def read_keys_beside(backup: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The key material saved beside ``backup``; None when there is none; LamplightError when it is damaged."""
    from engine.security.encryption import KEY_FORMAT, KEY_FORMAT_VERSION, WRAP_NAMES

    path = keys_beside(backup)
    if not path.is_file():
        return None
    try:
        if path.stat().st_size > MAX_KEYS_FILE_BYTES:  # review 34b: thousands of costly wraps added to a real one
            raise ValueError(f"{path.stat().st_size} bytes, where Lamplight writes under {MAX_KEYS_FILE_BYTES}")
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        raise LamplightError(f"{path} (the key of the backup {Path(backup).name}) is damaged ({exc}); nothing was "
                             "changed.") from exc
    if not isinstance(content, dict) or content.get("format") != KEY_FORMAT or content.get("version") != KEY_FORMAT_VERSION \
            or not isinstance(content.get("wrapped"), dict) or set(content["wrapped"]) - set(WRAP_NAMES):
        raise LamplightError(f"{path} is not the key of a Lamplight backup; nothing was changed.")
    return content


def unwrap_backup_key(content: dict[str, Any], secret: str) -> bytes:
    """The data key from saved key material, with the password or the recovery key; WrongPasswordError otherwise."""
    from engine.security.encryption import known_wraps, unwrap_key
    from engine.security.passwords import normalise_recovery_key

    for name, wrapped in known_wraps(content["wrapped"]).items():
        candidate = normalise_recovery_key(secret) if name.startswith("recovery") else secret
        try:
            data_key = unwrap_key(wrapped, candidate, content.get("kdf"))
        except (KeyError, TypeError, ValueError) as exc:
            raise LamplightError(f"The key saved with this backup is damaged ({exc}); nothing was changed.") from exc
        if data_key is not None:
            return data_key
    raise WrongPasswordError("That is neither the teacher password nor the recovery key this backup was saved with; "
                             "nothing was changed.")
