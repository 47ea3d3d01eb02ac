"""Settings: language, data folder, backups (make now, restore), compute device, teacher password, about."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from desktop.engine_texts import teacher_text
from desktop.file_choosers import choose_file_to_open, start_folder
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
        self.password_button = password = QPushButton(self.tr("Set teacher password…"))
        password.setObjectName("teacherPasswordButton")
        password.clicked.connect(self.change_password)
        password_row = QHBoxLayout()
        password_row.addWidget(password)
        password_row.addStretch(1)
        form.addRow(self.tr("Teacher password:"), password_row)
        self.encrypt_button = QPushButton(self.tr("Encrypt the data…"))
        self.encrypt_button.setObjectName("encryptData")
        self.encrypt_button.clicked.connect(lambda: self.turn_on_encryption())
        self.encryption_state = QLabel("")
        encryption_row = QHBoxLayout()
        encryption_row.addWidget(self.encrypt_button)
        encryption_row.addWidget(self.encryption_state, 1)
        form.addRow(self.tr("Encryption:"), encryption_row)
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
        carry_row = QHBoxLayout()
        self.save_to_button = QPushButton(self.tr("Save a backup to…"))
        self.save_to_button.setObjectName("saveBackupTo")
        self.save_to_button.setToolTip(self.tr("Save a copy of all data to a folder you choose, such as a USB stick."))
        self.save_to_button.clicked.connect(lambda: self.save_backup_to())
        self.restore_file_button = QPushButton(self.tr("Restore from a file…"))
        self.restore_file_button.setObjectName("restoreFromFile")
        self.restore_file_button.setToolTip(self.tr("Put back a backup saved with “Save a backup to…” (asks first)."))
        self.restore_file_button.clicked.connect(lambda: self.restore_from_file())
        carry_row.addWidget(self.save_to_button)
        carry_row.addWidget(self.restore_file_button)
        carry_row.addStretch(1)
        b_box.addLayout(carry_row)
        self.layout_.addWidget(backups, 1)

        about_row = QHBoxLayout()
        about = QPushButton(self.tr("About Lamplight"))
        about.clicked.connect(window.show_about)
        about_row.addWidget(about)
        about_row.addStretch(1)
        self.layout_.addLayout(about_row)
        self.job = None

    def refresh(self) -> None:
        self._name_password_button()
        self._show_encryption()
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
            self._name_password_button()
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

    def _name_password_button(self) -> None:
        """"Set" while there is no teacher password, "Change" once there is one."""
        from desktop.security import has_teacher_password

        self.password_button.setText(self.tr("Change teacher password…") if has_teacher_password(self.store)
                                     else self.tr("Set teacher password…"))

    def _show_encryption(self) -> None:
        from engine.security import encryption

        encrypted = encryption.is_encrypted(self.context.data_dir)
        self.encryption_state.setText(
            self.tr("On: the data and its backups on this computer are encrypted.") if encrypted
            else self.tr("Off: someone who copies the data folder can read it."))
        self.encrypt_button.setEnabled(not encrypted)

    def turn_on_encryption(self) -> Any:
        """Explain and ask, check the teacher password, then encrypt the data and its backups in a job; say what happened.

        The data file is replaced by its encrypted copy, so the GUI's store is
        closed first (it reopens, encrypted, on next use) and no other job may run.
        """
        from PySide6.QtWidgets import QInputDialog

        from desktop.security import ensure_teacher_password, show_recovery_key
        from desktop.workers import show_error, wait_for_all
        from engine.errors import LamplightError
        from engine.security import attempts, encryption

        title = self.tr("Encrypt the data")
        if not encryption.available():
            show_error(self, LamplightError(self.tr("This copy of Lamplight cannot encrypt: its encryption part "
                                                    "(SQLCipher) is not installed. Nothing was changed.")))
            return None
        if not ensure_teacher_password(self, self.store):
            return None
        self._name_password_button()
        answer = QMessageBox.question(self, title, self.tr(
            "Encrypt the data and its backups on this computer?\n\n"
            "Then nobody can read them without the teacher password or the recovery key, even with the laptop's disk "
            "in hand. Lamplight asks for the password at every start. If both the password and the recovery key are "
            "lost, nobody can open the data again, not even you.\n\n"
            "A new recovery key is shown at the end (the old one stops working): print it or write it down."))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        password, ok = QInputDialog.getText(self, title, self.tr("Teacher password:"), QLineEdit.EchoMode.Password)
        if not ok or not password:
            return None
        wait_for_all()
        self.context.close_store()
        folder = self.context.data_dir

        def work(_ctx: Any) -> str:
            with attempts.counted(folder):
                return encryption.enable(folder, password)

        def done(recovery_key: str) -> None:
            show_recovery_key(self, recovery_key)
            self.refresh()
            QMessageBox.information(self, title, self.tr("The data and its backups are now encrypted. Lamplight will ask "
                                                         "for the teacher password each time it starts."))

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            self.refresh()

        self.job = run_job(self, work, title=self.tr("Encrypting the data…"), on_done=done, on_error=failed)
        return self.job

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
        from engine.store.backup_files import saved_backup_time

        parsed = parse_backup_name(Path(path))
        if parsed:
            return parsed[0].astimezone().strftime("%Y-%m-%d %H:%M")
        saved = saved_backup_time(path)  # a copy made with "Save a backup to…"
        if saved:
            return saved.strftime("%Y-%m-%d %H:%M")
        try:  # a renamed file: when it was last written is the best date there is
            from datetime import datetime

            return datetime.fromtimestamp(Path(path).stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        except OSError:
            return Path(path).name

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

    def restore_question(self, path: str, held: Any = None) -> QMessageBox:
        """The question asked before restoring: the backup's date, what it holds against what is there now.

        ``held`` is what the backup holds when already counted (a file from outside, counted in a worker).
        """
        from engine.errors import LamplightError
        from engine.store.backup_contents import backup_contents, contents_of_counts

        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Restore backup"),
                          self.tr("Put back the backup from {date}?").format(date=self.backup_when(path)), parent=self)
        try:
            held, now = held or backup_contents(path), contents_of_counts(self.store.counts())
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
            table = f"<p>{teacher_text(str(exc))}</p>"
        box.setInformativeText(
            table + "<p>" + self.tr("Everything now in Lamplight is replaced by the backup. A backup of today's data "
                                    "is made first, so you can go back to it from this list.") + "</p>"
        )
        box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        return box

    def confirm_restore(self, path: str, held: Any = None) -> bool:
        """Ask before replacing today's data with the backup at ``path``; True when the teacher said Restore."""
        box = self.restore_question(path, held)
        box.exec()
        answer = box.buttonRole(box.clickedButton()) if box.clickedButton() is not None else None
        box.deleteLater()
        return answer == QMessageBox.ButtonRole.DestructiveRole

    def restore(self) -> Any:
        """Put back the selected backup after the teacher said yes (a backup of today's data is made first)."""
        item = self.backup_list.currentItem()
        if item is None or item.data(256) is None:
            return None
        path = item.data(256)
        if not self.confirm_restore(path):
            return None

        def done(_):
            self.context.changed(Changes(classes=True))
            self.refresh()
            self.main_window.statusBar().showMessage(self.tr("Backup restored."), 8000)

        self.job = run_job(self, lambda ctx: Classroom(ctx.store()).restore(path), title=self.tr("Restoring…"), on_done=done)
        return self.job

    def save_backup_to(self) -> Any:
        """Ask for a folder (a USB stick), then save a dated backup copy there in a worker."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save a backup to…"), start_folder(self.context.settings))
        if not folder:
            return None
        from engine.store.backup_files import save_backup_to

        def done(path: Any) -> None:
            self.main_window.statusBar().showMessage(self.tr("Backup saved as {file}.").format(file=str(path)), 10000)

        self.job = run_job(self, lambda ctx: save_backup_to(ctx.store(), folder), title=self.tr("Saving a backup…"),
                           on_done=done, on_error=lambda exc: self.save_failed(exc, folder))
        return self.job

    def save_failed(self, exc: BaseException, folder: str) -> None:
        """Say in the teacher's language why the backup was not saved (full or read-only target)."""
        from desktop.workers import show_error
        from engine.errors import DiskFullError, LamplightError, StoreAccessError

        if isinstance(exc, DiskFullError):
            text = self.tr("The backup was not saved: the disk of {folder} is full. Free some space there or choose "
                           "another folder. Nothing was changed.")
        elif isinstance(exc, StoreAccessError):
            text = self.tr("The backup was not saved: Lamplight may not write to {folder} (it is read-only, or the USB "
                           "stick was removed). Choose another folder. Nothing was changed.")
        else:
            show_error(self, exc)
            return
        show_error(self, LamplightError(text.format(folder=folder)))

    def restore_from_file(self) -> Any:
        """Ask for a backup file, check it and count what it holds (worker), then ask before restoring it."""
        path = choose_file_to_open(self, self.tr("Restore from a file…"), self.tr("Lamplight backups (*.sqlite3);;All files (*)"),
                                   self.context.settings)
        if not path:
            return None
        from engine.store.backup_files import inspect_backup_file

        def checked(held: Any) -> None:
            if self.confirm_restore(path, held):
                self.restore_outside_file(path)

        self.job = run_job(self, lambda ctx: inspect_backup_file(ctx.store(), path), title=self.tr("Checking the backup…"),
                           on_done=checked, on_error=self.file_refused)
        return self.job

    def file_refused(self, exc: BaseException) -> None:
        """A file that cannot be restored: say so plainly; nothing was changed."""
        from desktop.workers import show_error
        from engine.errors import LamplightError

        if not isinstance(exc, LamplightError):
            show_error(self, exc)
            return
        text = self.tr("This file cannot be restored: it is not a Lamplight backup, it is damaged, or it was made by a "
                       "newer Lamplight. Nothing was changed.")
        show_error(self, LamplightError(f"{text}\n\n{exc}"))

    def restore_outside_file(self, path: str) -> Any:
        """Restore the checked file at ``path`` (a backup of today's data is made first); every screen reloads."""
        from engine.store.backup_files import brought_in

        def work(ctx: Any) -> Any:
            store = ctx.store()
            with brought_in(store, path) as copy:
                return Classroom(store).restore(copy)

        def done(_: Any) -> None:
            self.context.changed(Changes(classes=True))
            self.refresh()
            self.main_window.statusBar().showMessage(self.tr("Backup restored."), 8000)

        self.job = run_job(self, work, title=self.tr("Restoring…"), on_done=done)
        return self.job
