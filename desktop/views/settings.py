"""Settings: language, data folder, backups (make now, restore), compute device, teacher password, about."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from desktop.i18n import LANGUAGES, install_language
from desktop.views.base import Page, heading, hint
from desktop.workers import run_job
from engine.classroom import Changes, Classroom


class SettingsPage(Page):
    """Preferences and safety."""

    def __init__(self, context: Any, window: Any) -> None:
        super().__init__(context, window)
        self.layout_.addWidget(heading(self.tr("Settings")))

        general = QGroupBox(self.tr("General"))
        form = QFormLayout(general)
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(context.language)))
        self.language.currentIndexChanged.connect(self._language_picked)
        form.addRow(self.tr("Language:"), self.language)
        self.device = QComboBox()
        self.device.setObjectName("deviceCombo")
        for code, label in (("auto", self.tr("Automatic (graphics card if there is one)")), ("cpu", self.tr("Processor (CPU) only")), ("gpu", self.tr("Graphics card (GPU)"))):
            self.device.addItem(label, code)
        self.device.currentIndexChanged.connect(self._device_picked)
        form.addRow(self.tr("Compute on:"), self.device)
        folder = QLineEdit(str(context.data_dir))
        folder.setReadOnly(True)
        form.addRow(self.tr("Data folder:"), folder)
        folder_hint = hint(self.tr("All student data is in this folder; Lamplight backs it up (see Backups below)."))
        folder_hint.setWordWrap(False)  # one short line: wrapping made the form row reserve a tall empty box
        form.addRow("", folder_hint)
        password = QPushButton(self.tr("Change teacher password…"))
        password.clicked.connect(self.change_password)
        password_row = QHBoxLayout()
        password_row.addWidget(password)
        password_row.addStretch(1)
        form.addRow(self.tr("Teacher password:"), password_row)
        self.layout_.addWidget(general)

        backups = QGroupBox(self.tr("Backups"))
        b_box = QVBoxLayout(backups)
        b_box.addWidget(hint(self.tr("Lamplight keeps copies of your data. Restoring a backup replaces today's data with the copy (a backup of today's data is made first).")))
        self.backup_list = QListWidget()
        self.backup_list.setObjectName("backupList")
        b_box.addWidget(self.backup_list, 1)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Make a backup now"))
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("Restore the selected backup…"))
        self.restore_button.clicked.connect(lambda: self.restore())
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        b_box.addLayout(row)
        self.layout_.addWidget(backups, 1)

        about_row = QHBoxLayout()
        about = QPushButton(self.tr("About Lamplight"))
        about.clicked.connect(window.show_about)
        about_row.addWidget(about)
        about_row.addStretch(1)
        self.layout_.addLayout(about_row)
        self.job = None

    def refresh(self) -> None:
        device = str(self.store.get_setting("compute_device") or "auto")
        self.device.blockSignals(True)
        self.device.setCurrentIndex(max(0, self.device.findData(device)))
        self.device.blockSignals(False)
        self.backup_list.clear()
        backups = self.store.list_backups()
        for backup in backups:
            item = QListWidgetItem(self.backup_label(backup.path) or backup.label)
            item.setData(256, backup.path)
            self.backup_list.addItem(item)
        self.restore_button.setEnabled(bool(backups))
        if not backups:
            self.backup_list.addItem(self.tr("No backups yet. Press “Make a backup now”."))

    def _language_picked(self, index: int) -> None:
        self.set_language(self.language.itemData(index))

    def set_language(self, code: str) -> None:
        """Switch the whole window to ``code`` now, and remember it for next time."""
        from PySide6.QtWidgets import QApplication

        self.context.language = install_language(QApplication.instance(), code)
        self.context.settings.setValue("language", code)
        self.main_window.retranslate()

    def _device_picked(self, index: int) -> None:
        self.store.set_setting("compute_device", self.device.itemData(index))

    def change_password(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        from desktop.security import ensure_teacher_password, has_teacher_password, set_teacher_password
        from desktop.workers import show_error
        from engine.errors import LamplightError

        if not has_teacher_password(self.store):
            ensure_teacher_password(self, self.store)
            return
        old, ok = QInputDialog.getText(self, self.tr("Teacher password"), self.tr("Current teacher password:"), QLineEdit.EchoMode.Password)
        if not ok:
            return
        new, ok = QInputDialog.getText(self, self.tr("Teacher password"), self.tr("New teacher password:"), QLineEdit.EchoMode.Password)
        if not ok or not new:
            return
        try:
            set_teacher_password(self.store, new, old=old)
        except LamplightError as exc:
            show_error(self, exc)
            return
        QMessageBox.information(self, self.tr("Teacher password"), self.tr("The teacher password was changed."))

    def backup_now(self) -> Any:
        def done(_):
            self.refresh()
            self.main_window.statusBar().showMessage(self.tr("Backup made."), 6000)

        self.job = run_job(self, lambda ctx: ctx.store().backup_now("manual"), title=self.tr("Making a backup…"), on_done=done)
        return self.job

    def backup_when(self, path: str) -> str:
        """The backup's date and time on this computer's clock ("2025-03-14 16:05"), from its file name."""
        from pathlib import Path

        from engine.store.backup import parse_backup_name

        parsed = parse_backup_name(Path(path))
        return parsed[0].astimezone().strftime("%Y-%m-%d %H:%M") if parsed else Path(path).name

    def backup_label(self, path: str) -> str:
        """A backup in the list: its local date and time and, in words, why it was made."""
        from pathlib import Path

        from engine.store.backup import parse_backup_name

        parsed = parse_backup_name(Path(path))
        if parsed is None:
            return ""
        reasons = {
            "auto": self.tr("daily backup"),
            "manual": self.tr("made with “Make a backup now”"),
            "pre-restore": self.tr("taken just before a restore"),
            "pre-migration": self.tr("taken just before an update of Lamplight"),
        }
        return f"{self.backup_when(path)}   ({reasons.get(parsed[1], parsed[1])})"

    def restore_question(self, path: str) -> QMessageBox:
        """The question asked before restoring: the backup's date, what it holds against what is there now."""
        from engine.errors import LamplightError
        from engine.store.backup_contents import backup_contents, contents_of_counts

        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Restore backup"),
                          self.tr("Put back the backup from {date}?").format(date=self.backup_when(path)), parent=self)
        try:
            held, now = backup_contents(path), contents_of_counts(self.store.counts())
            rows = "".join(
                f"<tr><td>{label}</td><td align='right'>{a}</td><td align='right'>{b}</td></tr>"
                for label, a, b in (
                    (self.tr("Classes"), held.classes, now.classes),
                    (self.tr("Students"), held.students, now.students),
                    (self.tr("Answers"), held.answers, now.answers),
                    (self.tr("Exercises"), held.exercises, now.exercises),
                    (self.tr("Quizzes"), held.quizzes, now.quizzes),
                )
            )
            in_backup, now_label = self.tr("In the backup"), self.tr("Now")  # outside f-strings, where lupdate finds them
            table = (f"<table cellspacing='0' cellpadding='3'><tr><th></th><th>{in_backup}</th>"
                     f"<th>{now_label}</th></tr>{rows}</table>")
        except LamplightError as exc:
            table = f"<p>{str(exc)}</p>"
        box.setInformativeText(
            table + "<p>" + self.tr("Everything now in Lamplight is replaced by the backup. A backup of today's data "
                                    "is made first, so you can go back to it from this list.") + "</p>"
        )
        box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        return box

    def restore(self) -> Any:
        """Put back the selected backup after the teacher said yes (a backup of today's data is made first)."""
        item = self.backup_list.currentItem()
        if item is None or item.data(256) is None:
            return None
        path = item.data(256)
        box = self.restore_question(path)
        box.exec()
        answer = box.buttonRole(box.clickedButton()) if box.clickedButton() is not None else None
        box.deleteLater()
        if answer != QMessageBox.ButtonRole.DestructiveRole:
            return None

        def done(_):
            self.context.changed(Changes(classes=True))
            self.refresh()
            self.main_window.statusBar().showMessage(self.tr("Backup restored."), 8000)

        self.job = run_job(self, lambda ctx: Classroom(ctx.store()).restore(path), title=self.tr("Restoring…"), on_done=done)
        return self.job
