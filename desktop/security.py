"""The teacher password that guards the way out of practice mode.

HOOK FOR THE SECURITY WORK: :func:`verify_teacher_password` and
:func:`set_teacher_password` are the only two places that know how the
password is stored. Today it is a salted PBKDF2-SHA256 hash in the store's
settings (key ``teacher_password``); the security engineer replaces the body
of these two functions with Argon2 (argon2-cffi) without touching any screen.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
from typing import Any

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from desktop import services

SETTING = "teacher_password"
_ITERATIONS = 200_000


def has_teacher_password(store: Any) -> bool:
    """True once a teacher password was set."""
    return bool(services.get_setting(store, SETTING))


def set_teacher_password(store: Any, text: str) -> None:
    """Store a new teacher password (as a salted hash, never the text)."""
    if len(text) < 4:
        from engine.errors import LamplightError

        raise LamplightError("The teacher password must have at least 4 characters.")
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", text.encode("utf-8"), salt, _ITERATIONS)
    value = "pbkdf2$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()
    services.set_setting(store, SETTING, value)


def verify_teacher_password(store: Any, text: str) -> bool:
    """True when ``text`` is the teacher password (no password set: always False)."""
    stored = services.get_setting(store, SETTING)
    if not stored or not str(stored).startswith("pbkdf2$"):
        return False
    _, salt, digest = str(stored).split("$")
    candidate = hashlib.pbkdf2_hmac("sha256", text.encode("utf-8"), base64.b64decode(salt), _ITERATIONS)
    return hmac.compare_digest(candidate, base64.b64decode(digest))


class PasswordTexts(QWidget):
    """Holds the translated texts of the password prompts (a class context for lupdate)."""

    def texts(self) -> dict[str, str]:
        return {
            "title": self.tr("Teacher password"),
            "ask": self.tr("Teacher password:"),
            "wrong": self.tr("That is not the teacher password."),
            "new": self.tr("Choose a teacher password. It is needed to leave practice mode, so students cannot reach your screens:"),
            "again": self.tr("Type the same password again:"),
            "differ": self.tr("The two passwords were different. Nothing was changed."),
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
    set_teacher_password(store, first)
    return True
