"""The teacher password that guards the way out of practice mode (and the app's teacher screens).

The hashing (Argon2id), the recovery key and the rules live in
``engine.security.passwords.Credentials``; :func:`verify_teacher_password`
and :func:`set_teacher_password` are the two hooks the screens call.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from desktop import services


def credentials(store: Any) -> Any:
    """The data folder's teacher credentials, read and written through the store's settings."""
    from engine.security.passwords import Credentials

    return Credentials(lambda key: services.get_setting(store, key), lambda key, value: services.set_setting(store, key, value))


def has_teacher_password(store: Any) -> bool:
    """True once a teacher password was set."""
    return credentials(store).is_set()


def set_teacher_password(store: Any, text: str, old: str | None = None) -> str | None:
    """Set the first password (returns the recovery key to show once) or change it given the ``old`` one."""
    creds = credentials(store)
    if not creds.is_set():
        return creds.setup(text)
    creds.change(old or "", text)
    return None


def verify_teacher_password(store: Any, text: str) -> bool:
    """True when ``text`` is the teacher password (no password set: always False)."""
    return credentials(store).verify(text)


class PasswordTexts(QWidget):
    """Holds the translated texts of the password prompts (a class context for lupdate)."""

    def texts(self) -> dict[str, str]:
        return {
            "title": self.tr("Teacher password"),
            "ask": self.tr("Teacher password:"),
            "wrong": self.tr("That is not the teacher password."),
            "new": self.tr("Choose a teacher password (at least 4 characters). It is needed to leave practice mode, so students cannot reach your screens:"),
            "again": self.tr("Type the same password again:"),
            "differ": self.tr("The two passwords were different. Nothing was changed."),
            "recovery": self.tr(
                "The teacher password is set.\n\nIf you ever forget it, this recovery key sets a new one. "
                "Write it down or print it now and keep it somewhere safe; it is shown only this once:\n\n{key}"
            ),
        }


def ask_teacher_password(parent: QWidget, store: Any) -> bool:
    """Ask for the teacher password; True when it was right."""
    texts = PasswordTexts().texts()
    text, ok = QInputDialog.getText(parent, texts["title"], texts["ask"], QLineEdit.EchoMode.Password)
    if not ok:
        return False
    if verify_teacher_password(store, text):
        return True
    QMessageBox.warning(parent, texts["title"], texts["wrong"])
    return False


def ensure_teacher_password(parent: QWidget, store: Any) -> bool:
    """Make sure a teacher password exists (asking for a new one if not); False if the teacher gave up."""
    if has_teacher_password(store):
        return True
    texts = PasswordTexts().texts()
    first, ok = QInputDialog.getText(parent, texts["title"], texts["new"], QLineEdit.EchoMode.Password)
    if not ok or not first:
        return False
    second, ok = QInputDialog.getText(parent, texts["title"], texts["again"], QLineEdit.EchoMode.Password)
    if not ok:
        return False
    if first != second:
        QMessageBox.warning(parent, texts["title"], texts["differ"])
        return False
    from engine.errors import LamplightError
    from desktop.workers import show_error

    try:
        key = set_teacher_password(store, first)
    except LamplightError as exc:
        show_error(parent, exc)
        return False
    box = QMessageBox(QMessageBox.Icon.Information, texts["title"], texts["recovery"].format(key=key), QMessageBox.StandardButton.Ok, parent)
    box.setTextInteractionFlags(box.textInteractionFlags())
    box.exec()
    return True
