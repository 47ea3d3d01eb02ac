"""The teacher's password operations on a store, kept in step with encryption's key file.

The app and the command line call these, not :class:`Credentials` directly, so
that with encryption on a new password (or recovery key) also re-wraps the data
key, in an order that never locks the teacher out (see
:func:`engine.security.encryption.prepare_rewrap`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.security import encryption
from engine.security.passwords import Credentials


def credentials(store: Any) -> Credentials:
    """The password and recovery key kept in ``store``'s settings."""
    return Credentials(store.get_setting, store.set_setting)


def _folder(store: Any) -> Path:
    return Path(store.path).parent


def _encrypted(store: Any) -> bool:
    """True when the store's folder is encrypted (or being switched): its password then guards the data key."""
    if getattr(store, "path", None) is None:
        return False  # a store without a data folder (a test's dictionary) has no encryption
    folder = _folder(store)
    return encryption.read_key_file(folder) is not None or encryption.is_encrypted(folder)


def guards_encrypted_data(store: Any) -> bool:
    """True when the store's teacher password also guards its folder's encryption key (the stronger rule applies)."""
    return _encrypted(store)


def check_new_password_for(store: Any, password: str) -> None:
    """Refuse a new password that is too short, or too weak to protect the key of an encrypted folder (says why)."""
    from engine.security.passwords import check_new_password

    check_new_password(password, encrypted=_encrypted(store), guessable=class_names(store))


def class_names(store: Any) -> list[str]:
    """The names of the store's classes: words anyone at the school knows, so no part of a strong password."""
    listing = getattr(store, "list_classes", None)
    return [info.name for info in listing(include_archived=True)] if callable(listing) else []


def set_first_password(store: Any, password: str, recovery_key: str | None = None) -> str:
    """Set the first teacher password; returns the recovery key to show (print) once.

    ``recovery_key``: one the caller made and showed already (see the CLI, which shows it before saving).
    """
    check_new_password_for(store, password)
    return credentials(store).setup(password, recovery_key)


def verify_password(store: Any, password: str) -> bool:
    return credentials(store).verify(password)


def change_password(store: Any, old_password: str, new_password: str) -> None:
    """Change the password given the current one (LamplightError, nothing changed, when it is wrong)."""
    creds = credentials(store)
    check_new_password_for(store, new_password)
    if not creds.verify(old_password):
        creds.change(old_password, new_password)  # raises the standard message
    encryption.prepare_rewrap(_folder(store), password=new_password)
    creds.change(old_password, new_password)
    encryption.finish_rewrap(_folder(store))


def replace_password(store: Any, new_password: str) -> None:
    """Set a new password when the caller has just checked the current one (the app's Settings)."""
    from engine.security.passwords import PASSWORD_SETTING, hash_secret

    check_new_password_for(store, new_password)
    encryption.prepare_rewrap(_folder(store), password=new_password)
    store.set_setting(PASSWORD_SETTING, hash_secret(new_password))
    encryption.finish_rewrap(_folder(store))


def reset_password(store: Any, recovery_key: str, new_password: str, fresh_key: str | None = None) -> str:
    """Set a new password with the recovery key; returns the NEW recovery key (the old one stops working).

    With encryption on, unlock the folder with the recovery key first
    (``encryption.unlock(folder, recovery_key)``) so the store can be opened.
    ``fresh_key``: the new recovery key when the caller made (and showed) it already.
    """
    from engine.security.passwords import new_recovery_key

    creds = credentials(store)
    check_new_password_for(store, new_password)
    if not creds.verify_recovery_key(recovery_key):
        creds.reset(recovery_key, new_password)  # raises the standard message
    fresh_key = fresh_key or new_recovery_key()
    encryption.prepare_rewrap(_folder(store), password=new_password, recovery_key=fresh_key)
    creds.reset(recovery_key, new_password, fresh_key)
    encryption.finish_rewrap(_folder(store))
    return fresh_key


def replace_recovery_key(store: Any, password: str, fresh_key: str | None = None) -> str:
    """A new recovery key given the password (the old key stops working); returns it, re-wrapping the data key too."""
    from engine.security.passwords import new_recovery_key

    creds = credentials(store)
    fresh_key = fresh_key or new_recovery_key()
    if not creds.verify(password):
        creds.new_recovery_key(password)  # raises the standard message
    encryption.prepare_rewrap(_folder(store), recovery_key=fresh_key)
    creds.new_recovery_key(password, fresh_key)
    encryption.finish_rewrap(_folder(store))
    return fresh_key
