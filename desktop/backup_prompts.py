"""What the teacher is asked and told about a backup file from outside (a USB stick): shared by "Restore from a
file…" in Settings and "Add a class from a backup…" in Classes. The texts keep Settings' translation context, where
they were first written (each call has its literal text, so that lupdate finds it)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.prompts import ask_text
from desktop.workers import show_error
from typing import Callable

from engine.errors import (BackupLockedError, DiskFullError, LamplightError, StoreAccessError, TooManyAttemptsError,
                           WrongPasswordError)
from engine.store.backup_files import DataFileInUseError, KeyFileChosenError, MissingBackupKeyError
from engine.store.saved_copies import ChangedCopyError

translate = QCoreApplication.translate


def ask_backup_secret(parent: QWidget, title: str, wrong: bool = False) -> str:
    """Ask for the password or recovery key an encrypted backup was saved with; '' when she cancels."""
    prompt = translate("SettingsPage", "This backup is encrypted. Type the teacher password (or the recovery key) that "
                                       "was in use when it was saved:")
    if wrong:
        prompt = translate("SettingsPage", "That is neither the password nor the recovery key this backup was saved with. "
                                           "Nothing was changed.") + "\n\n" + prompt
    return ask_text(parent, title, prompt) or ""


def file_refused(parent: QWidget, exc: BaseException, path: str = "", cannot: str = "") -> None:
    """A backup file that cannot be used: say why plainly (``cannot``: the first sentence, by default that it cannot
    be restored), and that nothing was changed."""
    if not isinstance(exc, LamplightError) or isinstance(exc, (TooManyAttemptsError, MissingBackupKeyError, KeyFileChosenError,
                                                                ChangedCopyError, DataFileInUseError)):  # each says all
        show_error(parent, exc)
        return
    if isinstance(exc, DiskFullError):  # this laptop's disk, not the file (review 28b, 28d)
        show_error(parent, LamplightError(translate(
            "SettingsPage", "This laptop's disk is full, so the backup could not be copied in to be checked; the file "
                            "itself may be fine. Free some space, then try again. Nothing was changed.")))
        return
    if isinstance(exc, StoreAccessError):
        show_error(parent, LamplightError(translate(
            "SettingsPage", "Lamplight could not write in its data folder on this laptop, so the backup could not be "
                            "copied in to be checked; the file itself may be fine. Nothing was changed.") + f"\n\n{exc}"))
        return
    if path and not Path(path).exists():  # review 30c: a stick taken out was told its file was damaged
        show_error(parent, LamplightError(translate(
            "SettingsPage", "The file {file} is not there any more: was the USB stick taken out? Put it back and choose "
                            "the file again. Nothing was changed.").format(file=path)))
        return
    text = cannot or translate("SettingsPage", "This file cannot be restored: it is not a Lamplight backup, it is damaged, "
                                               "or it was made by a newer Lamplight.")
    if "Nothing was changed" not in str(exc):  # said once (review 48c: twice, first here and again in the reason)
        text = translate("SettingsPage", "{sentence} Nothing was changed.").format(sentence=text)
    show_error(parent, LamplightError(f"{text}\n\n{exc}"))


def backup_refused(parent: QWidget, exc: BaseException, path: str, secret: str | None, title: str,
                   try_again: Callable[[str], object], cannot: str = "") -> None:
    """A backup file's check failed: an encrypted one asks for its password (again, after a wrong one) and calls
    ``try_again(password)``; any other refusal is said (:func:`file_refused`)."""
    if isinstance(exc, BackupLockedError) or (isinstance(exc, WrongPasswordError) and secret is not None):
        typed = ask_backup_secret(parent, title, wrong=isinstance(exc, WrongPasswordError))
        if typed:
            try_again(typed)
        return
    file_refused(parent, exc, path, cannot)
