"""Settings: language, data folder, backups (make now, restore), compute device, teacher password, about."""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
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
    QSpinBox,
    QVBoxLayout,
)

from desktop.backup_prompts import backup_refused
from desktop.engine_texts import teacher_text
from desktop.file_choosers import BACKUPS, choose_file_to_open, remember_folder, start_folder
from desktop.i18n import LANGUAGES, count_text, day_and_time, first_few, install_language, listing, sentences
from desktop.views.base import Page, heading, hint
from desktop.workers import run_job
from engine.classroom import Changes, Classroom
from engine.security.idle import MAX_IDLE_MINUTES


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
        folder.setObjectName("dataFolder")
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
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(0, MAX_IDLE_MINUTES)
        self.idle_minutes.setSuffix(self.tr(" minutes without use"))
        self.idle_minutes.setSpecialValueText(self.tr("never"))
        self.idle_minutes.valueChanged.connect(self._idle_minutes_picked)
        self.idle_needs_password = QLabel(self.tr("(needs a teacher password: without one, nothing locks)"))
        self.idle_needs_password.setObjectName("idleNeedsPassword")
        self.idle_needs_password.setStyleSheet("color: #8a4b00;")
        idle_row = QHBoxLayout()
        idle_row.addWidget(self.idle_minutes)
        idle_row.addWidget(self.idle_needs_password)
        idle_row.addStretch(1)
        form.addRow(self.tr("Lock the teacher screens after:"), idle_row)
        self.encrypt_button = QPushButton(self.tr("Encrypt the data…"))
        self.encrypt_button.setObjectName("encryptData")
        self.encrypt_button.clicked.connect(lambda: self.turn_on_encryption())
        self.new_key_button = QPushButton(self.tr("New encryption key…"))
        self.new_key_button.setObjectName("newEncryptionKey")
        self.new_key_button.clicked.connect(lambda: self.make_new_key())
        self.decrypt_button = QPushButton(self.tr("Turn encryption off…"))
        self.decrypt_button.setObjectName("decryptData")
        self.decrypt_button.clicked.connect(lambda: self.turn_off_encryption())
        self.encryption_state = QLabel("")
        encryption_row = QHBoxLayout()
        encryption_row.addWidget(self.encrypt_button)
        encryption_row.addWidget(self.new_key_button)
        encryption_row.addWidget(self.decrypt_button)
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
        # review 33a: pressed with no line chosen it did nothing at all
        self.backup_list.currentItemChanged.connect(lambda *_: self._name_restore_button())
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
        self.deleted_button = QPushButton(self.tr("Deleted children…"))
        self.deleted_button.setObjectName("deletedChildren")
        self.deleted_button.setToolTip(self.tr("Find the children deleted on this laptop that are still in its backups, or back "
                                               "in the data after a restore, and delete them there too (asks first)."))
        self.deleted_button.clicked.connect(lambda: self.offer_to_delete_again())
        carry_row.addWidget(self.save_to_button)
        carry_row.addWidget(self.restore_file_button)
        carry_row.addWidget(self.deleted_button)
        carry_row.addStretch(1)
        b_box.addLayout(carry_row)
        self.restored_note = hint("")
        """What the last restore did, until the next backup or restore (47a: only a status line said so, soon gone)."""
        self.restored_note.setObjectName("restoredNote")
        self.restored_note.setStyleSheet("color: #1f5e2a; background: #e3f2e5; padding: 6px;")
        self.restored_note.hide()
        b_box.addWidget(self.restored_note)
        self.layout_.addWidget(backups, 1)
        if getattr(window, "restored_from", None):  # the screen made anew in another language (review 48c)
            self._say_restored(window.restored_from)

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
        from desktop.security import idle_minutes

        self.idle_minutes.blockSignals(True)
        self.idle_minutes.setValue(int(idle_minutes(self.store)))
        self.idle_minutes.blockSignals(False)
        device = str(self.store.get_setting("compute_device") or "auto")
        self.device.blockSignals(True)
        self.device.setCurrentIndex(max(0, self.device.findData(device)))
        self.device.blockSignals(False)
        self.backup_list.clear()
        backups = self.store.list_backups()
        labels: dict[str, int] = {}
        for backup in backups:
            label = self.backup_label(backup.path) or backup.label
            labels[label] = labels.get(label, 0) + 1
            if labels[label] > 1:  # made within the same second: still two lines a teacher can tell apart
                label = f"{label} ({labels[label]})"
            item = QListWidgetItem(label)
            item.setData(256, backup.path)
            self.backup_list.addItem(item)
        if not backups:
            self.backup_list.addItem(self.tr("No backups yet. Press “Make a backup now”."))
        self._name_restore_button()

    def _name_restore_button(self) -> None:
        """Restoring needs a backup chosen in the list; until then the button says so."""
        item = self.backup_list.currentItem()
        chosen = item is not None and item.data(256) is not None
        self.restore_button.setEnabled(chosen)
        self.restore_button.setToolTip("" if chosen else self.tr("Click a backup in the list first."))

    def _language_picked(self, index: int) -> None:
        busy = [page for page in self.main_window.pages.values()
                if page is not self and getattr(getattr(page, "job", None), "is_running", False)]
        if busy:  # review 34e: the screens are made anew in the new language, and a running job's outcome was lost
            from desktop.workers import show_error
            from engine.errors import LamplightError

            self.language.blockSignals(True)
            self.language.setCurrentIndex(self.language.findData(self.context.language))
            self.language.blockSignals(False)
            show_error(self, LamplightError(self.tr("Lamplight is still working on a screen (for example improving the "
                                                    "model). Change the language when it is done.")))
            return
        self.set_language(self.language.itemData(index))

    def set_language(self, code: str) -> None:
        """Switch the whole window to ``code`` now, and remember it for next time."""
        from PySide6.QtWidgets import QApplication

        self.context.language = install_language(QApplication.instance(), code)
        self.context.settings.setValue("language", code)
        self.main_window.retranslate()

    def _idle_minutes_picked(self, minutes: int) -> None:
        """Keep the idle lock's time (0: never) and apply it now (the lock reads it again at every start)."""
        from desktop.security import IDLE_SETTING

        self.store.set_setting(IDLE_SETTING, minutes)
        guard = getattr(self.main_window, "idle_guard", None)
        if guard is not None:
            guard.policy.idle_seconds = minutes * 60

    def _device_picked(self, index: int) -> None:
        self.store.set_setting("compute_device", self.device.itemData(index))
        if self.device.itemData(index) == "gpu":
            from engine.device import gpu_available

            if not gpu_available():  # review 26: the choice was taken without a word, and the processor used
                QMessageBox.information(self, self.tr("Graphics card"), self.tr(
                    "Lamplight finds no graphics card it can use on this computer, so it keeps computing on the processor. "
                    "The choice is kept for a computer that has one."))

    def change_password(self) -> None:
        """Set the first password, or change it: the current one first, then the new one twice
        (:func:`desktop.security.ask_new_password`: the rule up front, a refusal or two different
        typings ask again)."""
        from desktop.prompts import ask_text
        from desktop.security import (ask_new_password, count_password_try, ensure_teacher_password, has_teacher_password,
                                      password_try_allowed, set_teacher_password, verify_teacher_password)
        from desktop.workers import show_error
        from engine.errors import LamplightError

        if not has_teacher_password(self.store):
            ensure_teacher_password(self, self.store)
            self._name_password_button()
            return
        title = self.tr("Teacher password")
        if not password_try_allowed(self, self.store):  # review 28b: guesses here were never slowed down
            return
        old = ask_text(self, title, self.tr("Current teacher password:"))
        if old is None:
            return
        right = verify_teacher_password(self.store, old)
        count_password_try(self.store, right)
        if not right:
            show_error(self, LamplightError("That is not the current teacher password; nothing was changed."))
            return
        changed = ask_new_password(self, self.store, self.tr("Choose the new teacher password."),
                                   lambda new: set_teacher_password(self.store, new, old=old) or "changed")
        if changed is not None:
            text = self.tr("The teacher password was changed.")
            from engine.security import encryption

            if encryption.is_encrypted(self.context.data_dir):  # review 32a: the data key stays; say what makes a new one
                text += "\n\n" + self.tr("The encrypted data keeps its key. If someone who knew the old password may also have "
                                          "an old copy of the data or of a USB backup's key file, press “New encryption key…”: old "
                                          "copies of the key then no longer open today's data.")
            QMessageBox.information(self, title, text)

    def _name_password_button(self) -> None:
        """"Set" while there is no teacher password, "Change" once there is one; the idle lock only with one."""
        from desktop.security import has_teacher_password

        has = has_teacher_password(self.store)
        self.password_button.setText(self.tr("Change teacher password…") if has else self.tr("Set teacher password…"))
        self.idle_minutes.setEnabled(has)  # review 35a: "lock after 10 minutes" with no password locked nothing
        self.idle_needs_password.setVisible(not has)

    def _show_encryption(self) -> None:
        from engine.security import encryption

        encrypted = encryption.is_encrypted(self.context.data_dir)
        left = [] if encrypted else encryption.backups_left_encrypted(self.context.data_dir)
        self.encryption_state.setText(
            self.tr("On: the data and its backups on this computer are encrypted.") if encrypted
            else self.tr("Off, but a backup is still encrypted: “Turn encryption off…” decrypts it.") if len(left) == 1
            else self.tr("Off, but {count} backups are still encrypted: “Turn encryption off…” decrypts them.").format(
                count=len(left)) if left
            else self.tr("Off: someone who copies the data folder can read it."))
        self.encrypt_button.setEnabled(not encrypted)
        self.encrypt_button.setVisible(not encrypted)
        self.new_key_button.setVisible(encrypted)
        self.decrypt_button.setVisible(encrypted or bool(left))

    def turn_on_encryption(self) -> Any:
        """Explain and ask, get a teacher password strong enough, show the recovery key, then encrypt the data and its
        backups in a job.

        The password is checked for strength where it is typed: a new one (no
        password yet) is asked for with the rule and the reason up front; a
        current one that is too weak (one chosen for practice mode, say) is
        replaced by a stronger one first. The teacher never sees a command to
        type. The recovery key is shown before anything changes (review 33b: a
        laptop losing power once the key file was written left a key nobody had
        seen). The data file is replaced by its encrypted copy, so the GUI's store
        is closed first (it reopens, encrypted, on next use) and no other job may run.
        """
        from desktop.prompts import ask_before, ask_text
        from desktop.security import credentials, has_teacher_password, show_recovery_key
        from desktop.workers import show_error
        from engine.errors import LamplightError
        from engine.security import attempts, encryption
        from engine.security.passwords import new_recovery_key

        title = self.tr("Encrypt the data")
        if not encryption.available():
            show_error(self, LamplightError(self.tr("This copy of Lamplight cannot encrypt: its encryption part "
                                                    "(SQLCipher) is not installed. Nothing was changed.")))
            return None
        had_key = credentials(self.store).has_recovery_key()  # only then is there an "old one" that stops working
        key_note = (self.tr("A new recovery key is shown first (the old one stops working once the data is encrypted): "
                            "print it or write it down.") if had_key else
                    self.tr("A recovery key is shown first: print it or write it down."))
        if not ask_before(self, title, self.tr(
            "Encrypt the data and its backups on this computer?\n\n"
            "Then nobody can read them without the teacher password or the recovery key, even with the laptop's disk "
            "in hand. Lamplight asks for the password at every start. If both the password and the recovery key are "
            "lost, nobody can open the data again, not even you.\n\n"
            "Backups saved earlier to a USB stick stay unencrypted (save a new one, then delete the old), and the disk "
            "may keep traces of the unencrypted files until it writes over them.") + "\n\n" + key_note,
                self.tr("Encrypt the data"), self.tr("Cancel")):  # review 48b: not Yes / No
            return None
        folder = self.context.data_dir
        first_key = None  # the recovery key of a password set just now: the data's recovery key once encrypted too
        if not has_teacher_password(self.store):
            password = self.choose_strong_password(title, self.tr("Choose a teacher password to protect the encrypted data."))
            if not password:
                return None
            first_key = self._set_password(password)
            if first_key is None:
                return None
            self._name_password_button()
        else:
            password = ask_text(self, title, self.tr("Teacher password:"))
            if not password:
                return None
            password = self.strengthen_if_weak(title, password)
            if not password:
                return None
            if not self._password_passes(encryption.check_can_enable, password):
                return None
        if not self.nothing_else_runs():  # before the key is shown: a key shown for nothing would only confuse
            return None
        recovery_key = first_key or new_recovery_key()
        which = (self.tr("This is the data's recovery key from now on; any recovery key shown before stops working once "
                         "the data is encrypted.") if had_key and first_key is None else
                 self.tr("This is the data's recovery key."))
        show_recovery_key(self, recovery_key, which + "\n\n" + self.tr(
            "If the teacher password is forgotten, only this key opens the data (and sets a new "
            "password): without both, nobody can open the data again. Write it down or print it now and keep it "
            "somewhere safe, away from the laptop; it is shown only this once:"))
        if not self.nothing_else_runs():  # review 40c: it waited 30 s, then encrypted under a job still writing the data
            return None
        self.context.close_store()

        def work(_ctx: Any) -> list[Path]:
            with attempts.counted(folder):
                return encryption.enable(folder, password, recovery_key)

        def done(damaged: list[Path]) -> None:
            self.refresh()
            text = self.tr("The data and its backups are now encrypted. Lamplight will ask for the teacher password each "
                           "time it starts.")
            if damaged:
                text += "\n\n" + self.tr("These backups are too damaged to read, so they could not be encrypted and are left "
                                          "as they were (they may hold names). Delete them if you do not need them:") + \
                    "\n" + "\n".join(str(path) for path in damaged)
            QMessageBox.information(self, title, text)

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            if encryption.is_encrypted(folder) and encryption.opens_with_secret(folder, recovery_key):
                said = self.tr("The data is encrypted: the recovery key just shown is the one that opens it.")
            elif first_key is not None:
                said = self.tr("The data was not encrypted. The teacher password is set, and the recovery key just shown "
                               "is its recovery key: keep it.")
            else:
                said = self.tr("Nothing was encrypted: the recovery key you had before still works; forget the one "
                               "just shown.")
            QMessageBox.information(self, title, said)
            self.refresh()

        self.job = run_job(self, work, title=self.tr("Encrypting the data…"), on_done=done, on_error=failed)
        return self.job

    def _password_passes(self, check: Any, password: str) -> bool:
        """``check(data folder, password)``, a wrong password counted; False, after saying why, when it refuses (a wrong
        password, one too many: the wait, or data it cannot encrypt)."""
        from desktop.workers import show_error
        from engine.errors import LamplightError
        from engine.security import attempts

        try:
            with attempts.counted(self.context.data_dir):
                check(self.context.data_dir, password)
        except LamplightError as exc:
            show_error(self, exc)
            return False
        return True

    def _data_password(self, title: str) -> str | None:
        """The teacher password that opens the encrypted data's key, asked (and counted) once no background job runs;
        None, said, when it is wrong, waited for, cancelled, or a job will not stop."""
        from desktop.prompts import ask_text
        from desktop.security import password_try_allowed
        from engine.security import encryption

        if not password_try_allowed(self, self.store):
            return None
        password = ask_text(self, title, self.tr("Teacher password:"))
        if not password or not self._password_passes(encryption.check_password, password) or not self.nothing_else_runs():
            return None
        return password

    def make_new_key(self) -> Any:
        """Re-encrypt the data and its backups under a new key (review 32a: a new password keeps the key, so an old
        copy of the key file opened today's data with the old password). The new recovery key is shown before anything
        changes (review 32d: a kill after the key file was written left only a key nobody had seen)."""
        from desktop.prompts import ask_before
        from desktop.security import show_recovery_key
        from desktop.workers import show_error
        from engine.security import encryption
        from engine.security.passwords import new_recovery_key

        title = self.tr("New encryption key")
        again = ask_before(self, title, self.tr(
            "Encrypt the data and its backups again, under a new key?\n\n"
            "Do this after changing the teacher password when someone who knew the old one may also have an old copy "
            "of the data folder or of a USB backup's key file: from now on those copies open nothing written here. "
            "Backups saved to USB sticks before today still open with the password and recovery key of their day: "
            "keep that recovery key with them.\n\n"
            "A new recovery key is shown first: print it or write it down."), self.tr("Encrypt under a new key"), self.tr("Cancel"))
        password = self._data_password(title) if again else None
        if not password:
            return None
        folder = self.context.data_dir
        recovery_key = new_recovery_key()
        show_recovery_key(self, recovery_key, self.tr(
            "This is the data's new recovery key: from the new key on, only it (or the teacher password) opens the "
            "data on this computer. Backups saved to USB sticks before today keep their own.") + "\n\n" + self.tr(
            "If the teacher password is forgotten, only this key opens the data (and sets a new "
            "password): without both, nobody can open the data again. Write it down or print it now and keep it "
            "somewhere safe, away from the laptop; it is shown only this once:"))
        self.context.close_store()

        def done(_: Any) -> None:
            self.refresh()
            QMessageBox.information(self, title, self.tr("The data and its backups are now encrypted under a new key: old "
                                                         "copies of the key file no longer open them."))

        def failed(exc: BaseException) -> None:
            in_use = encryption.opens_with_secret(folder, recovery_key)
            show_error(self, exc)
            QMessageBox.information(self, title, self.tr(
                "The data is under its new key: the recovery key just shown is the one that opens it.") if in_use else self.tr(
                "Nothing was changed: the recovery key you had before still opens the data; forget the one just shown."))
            self.refresh()

        self.job = run_job(self, lambda _ctx: encryption.new_key(folder, password, recovery_key),
                           title=self.tr("Encrypting the data under a new key…"), on_done=done, on_error=failed)
        return self.job

    def turn_off_encryption(self) -> Any:
        """Write the data and its backups back without encryption, after a warning (Cancel is the default) and the
        teacher password. A backup too damaged to read stays encrypted, and so does the key file beside the data."""
        from desktop.prompts import ask_before
        from desktop.workers import show_error
        from engine.security import encryption

        title = self.tr("Turn encryption off")
        half_way = not encryption.is_encrypted(self.context.data_dir)  # review 34d: asked as if it were still on
        question = self.tr(
            "The data on this computer is no longer encrypted, but some of its backups still are: turning encryption off "
            "stopped half-way. Decrypt them now? Anyone who copies the data folder can then read them.") if half_way else \
            self.tr("Turn encryption off? The data and its backups on this computer are written back without encryption: "
                    "anyone who copies the data folder can then read the children's names and answers. The teacher "
                    "password still guards Lamplight's teacher screens. Backups saved to USB sticks while encryption was "
                    "on stay encrypted and still open with their password or recovery key.")
        if not ask_before(self, title, question, self.tr("Decrypt them") if half_way else self.tr("Turn encryption off"),
                          self.tr("Cancel")):
            return None
        password = self._data_password(title)
        if not password:
            return None
        folder = self.context.data_dir
        self.context.close_store()

        def done(damaged: list[Path]) -> None:
            self.refresh()
            text = self.tr("Encryption is off: the data and its backups on this computer are no longer encrypted.")
            if damaged:
                text += "\n\n" + self.tr("These backups are too damaged to read, so they stay encrypted, and the key file "
                                           "stays beside the data so that the teacher password or the recovery key can "
                                           "still open what is left of them:") + "\n" + "\n".join(p.name for p in damaged)
            QMessageBox.information(self, title, text)

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            self.refresh()

        self.job = run_job(self, lambda _ctx: encryption.disable(folder, password), title=self.tr("Turning encryption off…"),
                           on_done=done, on_error=failed)
        return self.job

    def encryption_password_rule(self) -> str:
        """What a password must be to protect encrypted data, and why (shown before it is typed)."""
        from engine.security.passwords import MIN_ENCRYPTION_PASSWORD_LENGTH

        return self.tr(
            "With encryption on, this password protects the data: someone who copies the data folder can try "
            "passwords on their own computer as fast as it allows, with no waits. Choose at least {n} characters that "
            "are not all digits, not a common password and not built on a word anyone at the school would guess "
            "(Lamplight, school, teacher, a class's name), even with a year or symbols added. For example, three "
            "unrelated words with a number (owl-river-lantern-7). It is also the password that leaves practice mode.").format(n=MIN_ENCRYPTION_PASSWORD_LENGTH)

    def weakness_in_words(self, password: str) -> str:
        """Why ``password`` is too weak for encrypted data, in the teacher's language ('' when it is strong enough)."""
        from engine.security import passwords
        from engine.security.teacher import class_names

        weakness = passwords.password_weakness(password, class_names(self.store)) or ""
        if not weakness:
            return ""
        if weakness.startswith("it has ") and len(password) == 1:
            return self.tr("it has only 1 character, and at least {n} are needed").format(n=passwords.MIN_ENCRYPTION_PASSWORD_LENGTH)
        if weakness.startswith("it has "):
            return self.tr("it has only {count} characters, and at least {n} are needed").format(
                count=len(password), n=passwords.MIN_ENCRYPTION_PASSWORD_LENGTH)
        if weakness == passwords.GUESSABLE_REASON:
            return self.tr("it is built on a word anyone at the school would guess, such as Lamplight, school, "
                           "teacher or a class's name, even with digits, symbols or look-alike letters such as @ for a added")
        if weakness == passwords.COMMON_FAMILY_REASON:
            return self.tr("it is a common password with digits or symbols added (or with look-alike letters, such "
                           "as @ for a or 0 for o): such passwords are tried first")
        if weakness == passwords.COMMON_REASON:
            return self.tr("it is a common password")
        if "digits" in weakness:
            return self.tr("it is only digits")
        return self.tr("it repeats too few different characters")

    def encryption_password_hint(self) -> str:
        """The rule in one line, shown again after a password was refused (its reason already says what was wrong)."""
        from engine.security.passwords import MIN_ENCRYPTION_PASSWORD_LENGTH

        return self.tr("Choose at least {n} characters, for example three unrelated words with a number "
                       "(owl-river-lantern-7).").format(n=MIN_ENCRYPTION_PASSWORD_LENGTH)

    def choose_strong_password(self, title: str, reason: str) -> str:
        """Ask (twice) for a new password strong enough for encryption, checked as soon as it is typed; '' if she gives up."""
        from desktop.prompts import ask_text

        rule = self.encryption_password_rule()
        prompt = f"{reason}\n\n{rule}"
        hint = self.encryption_password_hint()
        while True:
            first = ask_text(self, title, prompt)
            if not first:
                return ""
            why = self.weakness_in_words(first)
            if why:
                prompt = self.tr("That password is too weak to protect encrypted data: {why}. Choose another one.").format(
                    why=why) + f"\n\n{hint}"
                continue
            second = ask_text(self, title, self.tr("Type the same password again:"))
            if second is None:
                return ""
            if first == second:
                return first
            prompt = self.tr("The two passwords were different. Type the new password again.") + f"\n\n{rule}"

    def strengthen_if_weak(self, title: str, password: str) -> str:
        """The typed current password, or, when it is right but too weak for encryption, a stronger one set now."""
        from desktop.security import count_password_try, password_try_allowed, set_teacher_password, verify_teacher_password
        from desktop.workers import show_error
        from engine.errors import LamplightError

        why = self.weakness_in_words(password)
        if not why:
            return password  # strong enough: the job checks it (and counts a wrong one)
        if not password_try_allowed(self, self.store):
            return ""
        right = verify_teacher_password(self.store, password)
        if not right:  # the job says so; counted here too, or weak guesses could be tried here without end (review 28b)
            count_password_try(self.store, False)
            return password
        stronger = self.choose_strong_password(title, self.tr(
            "The teacher password is too weak to protect encrypted data: {why}. Choose a stronger one now; it "
            "replaces the current one.").format(why=why))
        if not stronger:
            return ""
        try:
            set_teacher_password(self.store, stronger, old=password)
        except LamplightError as exc:
            show_error(self, exc)
            return ""
        return stronger

    def _set_password(self, password: str) -> str | None:
        """Set the first teacher password; its recovery key, or None (after saying why) when it was refused."""
        from desktop.security import set_teacher_password
        from desktop.workers import show_error
        from engine.errors import LamplightError

        try:
            return set_teacher_password(self.store, password)
        except LamplightError as exc:
            show_error(self, exc)
            return None

    def backup_now(self) -> Any:
        self._forget_restore()

        def done(_):
            self.refresh()
            self.main_window.statusBar().showMessage(self.tr("Backup made."), 6000)

        self.job = run_job(self, lambda ctx: ctx.store().backup_now("manual"), title=self.tr("Making a backup…"), on_done=done)
        return self.job

    def backup_when(self, path: str) -> str:
        """The backup's date and time on this computer's clock, from its file name.

        To the second for the folder's own backups ("14 Mar 2025 16:05:09", "2025年3月14日 16:05:09"), so two
        made in the same minute differ in the list; to the minute for a file saved
        with "Save a backup to…" (its name says no more).
        """
        from pathlib import Path

        from engine.store.backup import parse_backup_name
        from engine.store.backup_files import saved_backup_time

        parsed = parse_backup_name(Path(path))
        language = self.context.language
        if parsed:
            return day_and_time(parsed[0].astimezone(), language, seconds=True)
        saved = saved_backup_time(path)  # a copy made with "Save a backup to…"
        if saved:
            return day_and_time(saved, language)
        try:  # a renamed file: when it was last written is the best date there is
            from datetime import datetime

            return day_and_time(datetime.fromtimestamp(Path(path).stat().st_mtime), language)
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
            "encryption-on": self.tr("made when the data was encrypted"),
            "encryption-off": self.tr("made when encryption was turned off"),
            "new-key": self.tr("made when the data got a new encryption key"),
        }
        return self.tr("{when}   ({why})").format(when=self.backup_when(path), why=reasons.get(parsed[1], parsed[1]))

    def restore_question(self, path: str, held: Any = None) -> QMessageBox:
        """The question asked before restoring: the backup's date, what it holds against what is there now.

        ``held`` is what the backup holds when already counted (a file from outside, counted in a worker).
        """
        from engine.errors import LamplightError
        from engine.store.backup_contents import backup_contents, class_identity, contents_of_counts

        saved_here = getattr(held, "saved_here", None)  # known from this laptop's note: not the name (review 46b: renamed)
        when = day_and_time(saved_here.astimezone(), self.context.language) if saved_here else self.backup_when(path)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Restore backup"),
                          self.tr("Put back the backup from {date}?").format(date=when), parent=self)
        box.setTextFormat(Qt.TextFormat.RichText)  # a table; the class names in it escaped (desktop.plain_text)
        password, outside = "", held is not None
        try:
            held, now = held or backup_contents(path), contents_of_counts(self.store.counts())
            password = self.password_after_restore_note(path, held)
            rows = "".join(
                f"<tr><td>{label}</td><td align='right'>{count_text(a)}</td><td align='right'>{count_text(b)}</td></tr>"
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
            classes_now = self.store.list_classes(include_archived=True)
            now_names = [c.name for c in classes_now]
            table += "<p>" + html.escape(self.tr("Classes in the backup: {backup}. Classes now: {now}.").format(
                backup=listing(held.class_names) or "—", now=listing(now_names) or "—")) + "</p>"  # review 30c: counts only
            children_now = [(c.name, s.name) for c in classes_now for s in self.store.list_students(c.id)]
            gone = held.lacks(children_now)
            if gone:  # review 48a: a child added since the backup went, said only as "Students 30 / 31"
                named = [self.tr("{name} ({class_name})").format(name=name, class_name=class_name) if len(classes_now) > 1
                         else name for class_name, name in gone]
                table += "<p><b>" + html.escape(sentences(self.tr("Not in the backup, so gone after restoring: {names}.").format(
                    names=first_few(named, people=True)))) + "</b></p>"  # sentences(): not "… Chloe Y.."
            back = held.brings_back(name for _class_name, name in children_now)
            if back:  # review 49d: a child deleted since came back, said only as "Students 58 / 57"
                table += "<p><b>" + html.escape(sentences(self.tr("Not here now, in the data after restoring: {names}.").format(
                    names=first_few(back, people=True)))) + "</b></p>"
            then = {c.name: held.archived.get(class_identity(c.id, c.created)) for c in classes_now}  # None: not in it
            archived_now = [c.name for c in classes_now if c.archived and then[c.name] is False]
            if archived_now:  # review 49d: a class archived since came back to the class list unsaid
                table += "<p>" + html.escape(self.tr("Archived now, back in the class list after restoring: {names}.").format(
                    names=listing(archived_now))) + "</p>"
            archived_then = [c.name for c in classes_now if not c.archived and then[c.name] is True]
            if archived_then:
                table += "<p>" + html.escape(self.tr("Archived after restoring, as in the backup: {names}.").format(
                    names=listing(archived_then))) + "</p>"
        except LamplightError as exc:  # review 28b: a damaged backup still offered "Restore", which then failed
            box.setText(self.tr("The backup from {date} cannot be restored: it cannot be read (it is damaged). Nothing "
                                "was changed; choose another backup.").format(date=self.backup_when(path)))
            box.setInformativeText(f"<p>{html.escape(teacher_text(str(exc)))}</p>")
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
            return box
        from engine.store.backup_files import restore_encrypts_folder

        encrypting = ("<p>" + self.tr("The backup is encrypted: after restoring, the data on this computer is "
                                      "encrypted too, and opens with the password or recovery key that opened the "
                                      "backup.") + "</p>") if restore_encrypts_folder(self.context.data_dir, path) else ""
        origin = f"<p>{html.escape(self.origin_note(held))}</p>" if outside else ""
        box.setInformativeText(
            origin + table + "<p>" + self.tr("Everything now in Lamplight is replaced by the backup. A backup of today's data "
                                    "is made first, so you can go back to it from the list of backups in Settings.") + "</p>" + encrypting
            + (f"<p><b>{password}</b></p>" if password else "")
        )
        box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        return box

    def origin_note(self, held: Any) -> str:
        """Whether a file from outside is the very copy this laptop saved (review 45: a copy edited on the stick looked
        like any other; see engine.store.saved_copies)."""
        if held.saved_here:
            return self.tr("Lamplight saved this very copy on this laptop on {date}, and it has not been changed since.").format(
                date=day_and_time(held.saved_here.astimezone(), self.context.language))
        return self.tr("This copy was not saved on this laptop (or was saved before Lamplight kept a note of its copies), so "
                       "Lamplight cannot tell whether another program changed it: check that it holds what you expect.")

    def password_after_restore_note(self, path: str, held: Any) -> str:
        """What restoring ``held`` (the backup at ``path``) does to the teacher password, in words ('' for nothing).

        A teacher who puts back "the backup taken just before a restore" expects
        her own password back; whether it comes back depends on the backup and
        on whether the data here is encrypted, so the question says it.
        """
        from engine.security import encryption
        from engine.security.passwords import PASSWORD_SETTING, RECOVERY_SETTING
        from engine.store import backup_contents as contents

        encrypted_now = encryption.is_encrypted(self.context.data_dir)
        effect = contents.password_after_restore(held, self.store.get_setting(PASSWORD_SETTING),
                                                 self.store.get_setting(RECOVERY_SETTING), encrypted_now,
                                                 encryption.is_encrypted_file(path))
        if effect == contents.BACK:
            return self.tr("The teacher password changes back to the one that was in use when this backup was made "
                           "(and so does the recovery key): the password used today no longer works after restoring.")
        if effect == contents.ADDED:
            return self.tr("This backup has a teacher password: right after restoring, the teacher views ask for it (the "
                           "password in use when this backup was made).")
        if effect == contents.REMOVED:
            return self.tr("This backup was made before a teacher password was set: after restoring, Lamplight has no "
                           "teacher password until you set one again in Settings.")
        if effect == contents.KEY_BACK:
            return self.tr("The recovery key changes back to the one that was in use when this backup was made: a "
                           "recovery key shown since then no longer works.")
        notes = []
        if encrypted_now and not encryption.is_encrypted_file(path):
            notes.append(self.tr("This backup was made before the data was encrypted: after restoring, the data "
                                 "stays encrypted."))
        if effect == contents.KEPT:
            notes.append(self.tr("This backup was made with another teacher password or recovery key: after restoring, "
                                 "the teacher password and the recovery key stay the ones in use now (the ones from "
                                 "when the backup was made do not work)."))
        return sentences(*notes)

    def confirm_restore(self, path: str, held: Any = None) -> bool:
        """Ask before replacing today's data with the backup at ``path``; True when the teacher said Restore."""
        box = self.restore_question(path, held)
        box.exec()
        answer = box.buttonRole(box.clickedButton()) if box.clickedButton() is not None else None
        box.deleteLater()
        return answer == QMessageBox.ButtonRole.DestructiveRole

    def teacher_says_so(self) -> bool:
        """The teacher password first, when there is one: a restore replaces all the data and may remove or change
        the password itself (review 28b: one click at a laptop left unlocked did it)."""
        from desktop.security import ask_teacher_password, has_teacher_password

        return not has_teacher_password(self.store) or ask_teacher_password(self, self.store, self.tr(
            "A restore replaces the data on this laptop. Type the teacher password to restore a backup:"))  # review 45

    def nothing_else_runs(self) -> bool:
        """Stop the background jobs before a restore replaces the data under them (review 32a: "Improve the model"
        ran on and gave the restored class a model learned on the data it replaced); False, said, when one will not."""
        from desktop.workers import show_error, stop_all
        from engine.errors import LamplightError

        if stop_all():
            return True
        show_error(self, LamplightError(self.tr("Lamplight is still finishing work in the background, so nothing was "
                                                "changed. Try again in a minute.")))
        return False

    def restore(self) -> Any:
        """Put back the selected backup after the teacher said yes (a backup of today's data is made first)."""
        item = self.backup_list.currentItem()
        if item is None or item.data(256) is None or not self.teacher_says_so():
            return None
        path = item.data(256)
        if not self.confirm_restore(path) or not self.nothing_else_runs():
            return None
        had_password = self._password_set()
        self._forget_restore()

        def done(_):
            self.context.changed(Changes(classes=True))
            self.refresh()
            self.main_window.statusBar().showMessage(self.tr("Backup restored."), 8000)
            self._say_restored(path)
            self._lock_if_a_password_came(had_password)
            self.offer_to_delete_again(after_restore=True)
            self.main_window.prepare_current_class(quietly=True)  # the restored class's figures, read ahead

        self.job = run_job(self, lambda ctx: Classroom(ctx.store()).restore(path), title=self.tr("Restoring…"), on_done=done)
        return self.job

    def _say_restored(self, path: str) -> None:
        """Under the backups: which backup (at ``path``) is back, what Lamplight now holds, and where the data from
        before is; kept by the window for this screen made anew in another language."""
        from engine.store.backup_contents import contents_of_counts

        self.main_window.restored_from = path
        when = self.backup_when(path)
        now = contents_of_counts(self.store.counts())
        self.restored_note.setText(self.tr(
            "The backup from {when} is restored. Now in Lamplight: classes {classes}, students {students}, answers {answers}. "
            "The data from just before is kept as a backup in the list above, so it can be put back.").format(
            when=when, classes=count_text(now.classes), students=count_text(now.students), answers=count_text(now.answers)))
        self.restored_note.show()

    def backup_made(self) -> None:
        """An automatic backup was made: listed here, and the restore's note (its figures now old) goes."""
        self._forget_restore()
        self.refresh()

    def _forget_restore(self) -> None:
        self.main_window.restored_from = None
        self.restored_note.hide()

    def _password_set(self) -> bool:
        from desktop.security import has_teacher_password

        return has_teacher_password(self.store)

    def _lock_if_a_password_came(self, had_password: bool) -> None:
        """A backup with a teacher password restored where there was none: the screens lock now, as the restore
        question said (review 38b: they stayed open until the idle lock or the next start)."""
        guard = getattr(self.main_window, "idle_guard", None)
        if not had_password and guard is not None and self._password_set():
            guard.lock_now(protected=True)

    def offer_to_delete_again(self, after_restore: bool = False) -> Any:
        """Find the children deleted on this laptop still in the data (a restore brought them back) or in its backups,
        and offer to delete them there (review 36e: once the question after a deletion was missed, nothing could; and a
        restore brought a child deleted on request back unsaid). After a restore, it speaks only of children it brought
        back: one deleted by mistake is kept if the teacher says so."""
        from desktop.prompts import ask_before
        from engine.security import data_rights

        def ask(held: Any) -> None:
            names = listing(held.in_data.values())
            if after_restore:
                if not held.in_data:
                    return
                text = self.tr("This backup brought back {names}, deleted from this laptop after it was made. Delete them "
                               "again, from the data and from the laptop's backups?").format(names=names)
            elif not held.children:
                QMessageBox.information(self, self.tr("Deleted children"), self.tr(
                    "No child deleted on this laptop is left in its data or its backups. Copies saved elsewhere, on a USB "
                    "stick say, are not looked at."))
                return
            else:
                backups = len({path for paths in held.backups.values() for path in paths})
                text = (self.tr("A child deleted on this laptop is still in {backups} of its backups.") if held.children == 1 else
                        self.tr("{count} children deleted on this laptop are still in {backups} of its backups.")).format(
                    count=held.children, backups=backups)
                text = sentences(text, self.tr("Delete them there too? The rest of each backup is kept; copies on a USB stick "
                                               "are not changed."))
                if held.in_data:
                    text = sentences(text, self.tr("A restore brought back {names}: they are deleted from the data too.").format(
                        names=names))
            if ask_before(self, self.tr("Deleted children"), text, self.tr("Delete them again"), self.tr("Keep them")):
                run_job(self, lambda job: data_rights.delete_again(job.store()), title=self.tr("Deleting again…"),
                        on_done=lambda again: self._deleted_again(again))

        return run_job(self, lambda job: data_rights.deleted_still_held(job.store()), title=self.tr("Looking in the backups…"),
                       on_done=ask, show="none" if after_restore else "status")  # "Backup restored." stays in view

    def _deleted_again(self, held: Any) -> None:
        self.context.changed(Changes(students=True))
        self.refresh()
        self.main_window.statusBar().showMessage(self.tr("Deleted again: {count} (from the data and the laptop's backups).").format(
            count=held.children), 8000)

    def save_backup_to(self) -> Any:
        """Ask for a folder (a USB stick), then save a dated backup copy there in a worker."""
        from engine.paths import is_own_file

        start = start_folder(self.context.settings, BACKUPS)  # a USB stick, never the laptop's own backups (review 44b)
        start = str(Path.home()) if is_own_file(Path(start) / "backup.sqlite3") else start
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save a backup to…"), start)
        if not folder:
            return None
        from engine.store.backup_files import save_backup_to

        def done(path: Any) -> None:
            remember_folder(self.context.settings, str(path), BACKUPS)  # "Restore from a file…" starts there next time
            self.main_window.statusBar().showMessage(self.tr("Backup saved as {file}.").format(file=str(path)), 10000)
            self.say_what_was_saved(path)

        self.job = run_job(self, lambda ctx: save_backup_to(ctx.store(), folder), title=self.tr("Saving a backup…"),
                           on_done=done, on_error=lambda exc: self.save_failed(exc, folder))
        return self.job

    def say_what_was_saved(self, path: Any) -> None:
        """For an encrypted backup: which two files were written, and what opens them elsewhere."""
        from pathlib import Path

        from engine.security.carried_keys import keys_beside

        keys = keys_beside(path)
        if not keys.exists():  # review 30c: a success said only in the status bar, for 10 s, went unseen
            size = Path(path).stat().st_size / 1e6 if Path(path).exists() else 0.0
            QMessageBox.information(self, self.tr("Save a backup to…"), self.tr(
                "The backup was saved in {folder}:\n\n{file} ({size:.1f} MB)\n\nTo restore it, here or on another computer, "
                "use “Restore from a file…”. If the folder is on a USB stick, take the stick out with the computer's "
                "“safely remove” first, so the file is whole.").format(folder=str(Path(path).parent), file=Path(path).name, size=size))
            return
        QMessageBox.information(self, self.tr("Save a backup to…"), self.tr(
            "The backup was saved, encrypted, in {folder}:\n\n{file}\n{keys}\n\n"
            "The second file holds its key, locked by the teacher password and the recovery key. Keep both files "
            "together: to restore the backup (on this or another computer) you need both files and the teacher "
            "password or the recovery key in use today. Without them nobody can open it.").format(
                folder=str(Path(path).parent), file=Path(path).name, keys=keys.name))

    def save_failed(self, exc: BaseException, folder: str) -> None:
        """Say in the teacher's language why the backup was not saved (full or read-only target)."""
        from desktop.workers import show_error
        from engine.errors import DiskFullError, LamplightError, StoreAccessError
        from engine.paths import is_own_file

        if isinstance(exc, DiskFullError):
            text = self.tr("The backup was not saved: the disk of {folder} is full. Free some space there or choose "
                           "another folder. Nothing was changed.")
        elif isinstance(exc, StoreAccessError) and not is_own_file(Path(folder) / "backup.sqlite3"):  # own: the engine says so
            text = self.tr("The backup was not saved: Lamplight may not write to {folder} (it is read-only, or the USB "
                           "stick was removed). Choose another folder. Nothing was changed.")
        else:
            show_error(self, exc)
            return
        show_error(self, LamplightError(text.format(folder=folder)))

    def restore_from_file(self) -> Any:
        """Ask for a backup file, check it and count what it holds (worker), then ask before restoring it."""
        if not self.teacher_says_so():
            return None
        path = choose_file_to_open(self, self.tr("Restore from a file…"), self.tr("Lamplight backups (*.sqlite3);;All files (*)"),
                                   self.context.settings, BACKUPS)
        if not path:
            return None
        return self.check_outside_file(path)

    def check_outside_file(self, path: str, secret: str | None = None) -> Any:
        """Check and count the file in a worker; an encrypted one from elsewhere asks for its password first."""
        from engine.store.backup_files import inspect_backup_file

        def checked(held: Any) -> None:
            if self.confirm_restore(path, held):
                self.restore_outside_file(path, secret)

        def refused(exc: BaseException) -> None:
            backup_refused(self, exc, path, secret, self.tr("Restore from a file…"),
                           lambda typed: self.check_outside_file(path, typed))

        self.job = run_job(self, lambda ctx: inspect_backup_file(ctx.store(), path, secret),
                           title=self.tr("Checking the backup…"), on_done=checked, on_error=refused)
        return self.job

    def restore_outside_file(self, path: str, secret: str | None = None) -> Any:
        """Restore the checked file at ``path`` (a backup of today's data is made first); every screen reloads.

        An encrypted backup restored into a folder that is not encrypted makes
        the folder encrypted with the backup's key (never plain data from an
        encrypted backup): the GUI's store is closed first and reopens encrypted.
        """
        from desktop.workers import show_error
        from engine.store.backup_files import restore_encrypts_folder

        if not self.nothing_else_runs():
            return None
        folder = self.context.data_dir
        had_password = self._password_set()
        self._forget_restore()
        encrypts = restore_encrypts_folder(folder, path)
        if encrypts:
            self.context.close_store()

        def work(ctx: Any) -> Any:
            return Classroom.restore_file(folder, path, secret, store=None if encrypts else ctx.store())

        def done(_: Any) -> None:
            self.context.changed(Changes(classes=True))
            self.refresh()
            self.main_window.statusBar().showMessage(self.tr("Backup restored."), 8000)
            self._say_restored(path)
            self._lock_if_a_password_came(had_password)
            self.offer_to_delete_again(after_restore=True)
            if not encrypts:
                self.main_window.prepare_current_class(quietly=True)  # the restored class's figures, read ahead
            else:
                QMessageBox.information(self, self.tr("Restore from a file…"), self.tr(
                    "Backup restored. It was encrypted, so the data on this computer is now encrypted too: Lamplight "
                    "asks for the teacher password (or the recovery key) that opened the backup each time it starts."))

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            self.refresh()

        self.job = run_job(self, work, title=self.tr("Restoring…"), on_done=done, on_error=failed)
        return self.job
