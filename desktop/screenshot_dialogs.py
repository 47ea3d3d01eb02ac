"""Screenshots of the dialogs a teacher meets, drawn over the main window as they appear on screen.

Used by ``python -m desktop.screenshots`` (one call per language): the restore
question, the teacher-password prompt, the recovery key and the roster
preview with a bad line. Each dialog is opened the way the app opens it,
captured, then closed with Cancel, so nothing is changed.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QDialog, QWidget

SAMPLE_RECOVERY_KEY = "K7QM-2XPA-9HRT-W4LC-8NDF-3JVB-6SEY-5UGZ"
"""Shown in the recovery-key picture (a made-up key in the real format)."""


def settle(app: Any, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def save_over_window(window: QWidget, dialog: QWidget, target: Path) -> None:
    """The main window with the dialog drawn where it shows (centred over the window), with a thin frame."""
    picture = window.grab()
    shot = dialog.grab()
    offset = dialog.mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0))
    if not window.rect().contains(offset) or offset.x() + shot.width() > picture.width():
        offset = QPoint((picture.width() - shot.width()) // 2, (picture.height() - shot.height()) // 3)
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))  # the window behind a modal dialog, dimmed
    painter.drawPixmap(offset, shot)
    painter.setPen(QPen(QColor("#555555"), 1))
    painter.drawRect(offset.x() - 1, offset.y() - 1, shot.width() + 1, shot.height() + 1)
    painter.end()
    picture.save(str(target))
    print(target)


def shoot_modal(app: Any, window: QWidget, open_it: Callable[[], Any], target: Path) -> None:
    """Open a modal dialog with ``open_it``, save a picture of it, then cancel it (and any dialog after it)."""

    def capture() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, capture)
            return
        settle(app)
        save_over_window(window, dialog, target)
        if isinstance(dialog, QDialog):
            dialog.reject()

    QTimer.singleShot(100, capture)
    open_it()
    settle(app)


def shoot_dialogs(app: Any, window: Any, out: Path, language: str) -> None:
    """Pictures of the four dialogs in the current language (``{language}-dialog-*.png``)."""
    from desktop import security
    from desktop.workers import wait_for_all

    store = window.context.store
    settings = window.open_page("settings")
    if not store.list_backups():
        store.backup_now("manual")
    settings.refresh()
    settings.backup_list.setCurrentRow(0)
    listed = settings.backup_list.currentItem().data(256)  # the question itself (the button asks the password first)
    shoot_modal(app, window, lambda: settings.confirm_restore(listed), out / f"{language}-dialog-restore.png")

    shoot_modal(app, window, lambda: security.ask_teacher_password(window, store), out / f"{language}-dialog-password.png")
    shoot_modal(app, window, lambda: security.show_recovery_key(window, SAMPLE_RECOVERY_KEY), out / f"{language}-dialog-recovery-key.png")

    classes = window.open_page("classes")
    with tempfile.TemporaryDirectory() as folder:
        roster = Path(folder) / ("roster.csv" if language == "en" else "名单.csv")
        names = ("Mia Rossi", "Omar Haddad", "Mia Rossi", "Lena Braun") if language == "en" else ("李小明", "王芳", "李小明", "张伟")
        roster.write_text("name\n" + "\n".join(names) + "\n", encoding="utf-8")
        dialog = classes.import_roster(str(roster))
        wait_for_all(60000)
        settle(app)
        save_over_window(window, dialog, out / f"{language}-dialog-roster-preview.png")
        dialog.reject()
    settle(app)
