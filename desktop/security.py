"""The teacher password that guards the way out of practice mode (and the app's teacher screens).

The hashing (Argon2id), the recovery key and the rules live in
``engine.security.passwords``; changes go through ``engine.security.teacher``
so that, with encryption on, the data key is re-wrapped too.
:func:`verify_teacher_password` and :func:`set_teacher_password` are the two
hooks the screens call. Also here: :class:`IdleGuard` (locks the teacher
screens after idle time, using ``engine.security.idle.IdleLock``) and
:func:`lock_data_folder` (one Lamplight per data folder).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.prompts import ask_text, prompt_width
from engine import paths
from desktop.workers import hold_results, release_results, show_error
from engine.security.idle import IDLE_SETTING, MAX_IDLE_MINUTES


def credentials(store: Any) -> Any:
    """The data folder's teacher credentials, read and written through the store's settings."""
    from engine.security.passwords import Credentials

    return Credentials(lambda key: store.get_setting(key), lambda key, value: store.set_setting(key, value))


def has_teacher_password(store: Any) -> bool:
    """True once a teacher password was set."""
    return credentials(store).is_set()


def set_teacher_password(store: Any, text: str, old: str | None = None) -> str | None:
    """Set the first password (returns the recovery key to show once) or change it given the ``old`` one."""
    from engine.security import teacher

    if not has_teacher_password(store):
        return teacher.set_first_password(store, text)
    teacher.change_password(store, old or "", text)
    return None


def reset_teacher_password(store: Any, recovery_key: str, new_password: str) -> str:
    """Set a new password with the recovery key; returns the new recovery key to show once."""
    from engine.security import teacher

    return teacher.reset_password(store, recovery_key, new_password)


def lock_data_folder(data_dir: Any) -> Any:
    """Take the data folder's single-instance lock (keep the returned object alive while the app runs).

    Raises ``AlreadyOpenError`` (a LamplightError saying "Lamplight is already
    open on this data folder ...") when another Lamplight holds it.
    """
    from engine.security.instance_lock import DataFolderLock

    return DataFolderLock(data_dir).acquire()


def verify_teacher_password(store: Any, text: str) -> bool:
    """True when ``text`` is the teacher password (no password set: always False)."""
    return credentials(store).verify(text)


class PasswordTexts(QWidget):
    """Holds the translated texts of the password prompts (a class context for lupdate)."""

    def texts(self) -> dict[str, str]:
        return {
            "title": self.tr("Teacher password"),
            "key_title": self.tr("Recovery key"),
            "ask": self.tr("Teacher password:"),
            "wrong": self.tr("That is not the teacher password."),
            "new": self.tr("Choose a teacher password (at least 4 characters). It opens your screens when Lamplight starts, after the screen locks and to leave practice mode, so students cannot reach them:"),
            "again": self.tr("Type the same password again:"),
            "differ_again": self.tr("The two passwords were different. Type the new password again."),
            "strong_rule": self.tr("The data on this computer is encrypted, so the password must be strong: at least {n} "
                                   "characters, not all digits and not a common password, for example three unrelated "
                                   "words with a number."),
            "too_many": self.tr("Too many wrong passwords: Lamplight closes now. Start it again to try once more; if the "
                                "password is forgotten, type the recovery key at the same question."),
            "recover_title": self.tr("Lamplight data is damaged"),
            "recover": self.tr("{error}\n\nThe latest good backup is from {created}. Put it back now? "
                               "Answers typed after that backup are not in it. The damaged file is kept."),
            "locked": self.tr("Lamplight was locked after a while without use. Type the teacher password to go on:"),
            "protected": self.tr("Lamplight is protected by the teacher password. Type it to open the teacher screens:"),
            "wait": self.tr("Too many wrong passwords: wait {seconds} seconds before the next try."),
            "reset": self.tr("That was the recovery key. Choose a new teacher password:"),
            "unlock": self.tr("The data on this computer is encrypted. Type the teacher password (or the recovery key) to open it:"),
            "recovery": self.tr(
                "The teacher password is set.\n\nIf you ever forget it, this recovery key sets a new one. "
                "Write it down or print it now and keep it somewhere safe; it is shown only this once:\n\n{key}"
            ),
            "recovery_after_reset": self.tr(
                "The teacher password is set.\n\nBackups saved to USB sticks before today still open only with the old "
                "password or the old recovery key (the one you just typed): keep that key with them.\n\nIf you ever "
                "forget the new password, this new recovery key sets another. Write it down or print it now and keep it "
                "somewhere safe; it is shown only this once:"
            ),
            "ask_key": self.tr("Type the recovery key you wrote down (or printed) when the password was set:"),
            "wrong_key": self.tr("That is not the recovery key of this Lamplight. Nothing was changed."),
            "already_open": self.tr(
                "Lamplight is already open on this computer. Switch to the Lamplight window that is open "
                "(look in the task bar), or close it and start Lamplight again."
            ),
        }


_EXIT_ATTEMPTS: dict[str, Any] = {}  # data folder -> IdleLock counting wrong passwords typed at the prompts


def _attempts(store: Any) -> Any:
    from engine.security.idle import IdleLock

    key = str(getattr(store, "path", id(store)))
    if key not in _EXIT_ATTEMPTS:
        _EXIT_ATTEMPTS[key] = IdleLock(idle_seconds=0)
    return _EXIT_ATTEMPTS[key]


class PasswordDialog(QDialog):
    """The teacher-password prompt, with a way out for a forgotten password: "Use the recovery key…"."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.use_recovery_key = False
        box = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        label.setFixedWidth(prompt_width(label, prompt))
        box.addWidget(label)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setObjectName("teacherPassword")
        box.addWidget(self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.recovery_button = buttons.addButton(self.tr("Forgot it? Use the recovery key…"), QDialogButtonBox.ButtonRole.ResetRole)
        self.recovery_button.setObjectName("useRecoveryKey")
        self.recovery_button.clicked.connect(self._choose_recovery)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.password.setFocus()

    def _choose_recovery(self) -> None:
        self.use_recovery_key = True
        self.accept()


def recover_with_key(parent: QWidget | None, store: Any) -> bool:
    """The teacher forgot the password: ask for the recovery key, then a new password (True when set). While wrong tries
    make the next one wait, it says how long instead (review 36e: the idle lock's way in skipped the wait)."""
    if not password_try_allowed(parent, store):
        return False
    texts = PasswordTexts().texts()
    key = ask_text(parent, texts["key_title"], texts["ask_key"], password=False)
    if not key or not key.strip():
        return False
    if not credentials(store).verify_recovery_key(key.strip()):
        count_password_try(store, False)
        QMessageBox.warning(parent, texts["title"], texts["wrong_key"])
        return False
    done = reset_with_recovery_key(parent, store, key.strip())
    count_password_try(store, done)
    return done


def _folder(store: Any) -> Path | None:
    path = getattr(store, "path", None)
    return Path(path).parent if path else None


def password_try_allowed(parent: QWidget | None, store: Any) -> bool:
    """False (after saying how long to wait) while wrong teacher passwords in a row make the next try wait.

    The count is also kept in the data folder (as the command line and the encrypted start prompt keep it), so
    restarting the app gives no fresh tries (review 28d)."""
    wait = password_wait(store)
    if wait > 0:
        texts = PasswordTexts().texts()
        QMessageBox.warning(parent, texts["title"], texts["wait"].format(seconds=int(wait) + 1))
        return False
    return True


def password_wait(store: Any) -> float:
    """Seconds until the next teacher password may be typed at any prompt (0: now), by the count in memory and the
    one in the data folder."""
    from engine.security import attempts as tries

    folder = _folder(store)
    return max(_attempts(store).seconds_until_next_attempt(), tries.seconds_to_wait(folder) if folder else 0.0)


def count_password_try(store: Any, right: bool) -> None:
    """Count one typed teacher password for :func:`password_try_allowed` (every prompt shares the count)."""
    from engine.security import attempts as tries

    _attempts(store).record_attempt(right)
    folder = _folder(store)
    if folder is not None:
        tries.record(folder, right)


def ask_teacher_password(parent: QWidget, store: Any, prompt: str = "") -> bool:
    """Ask for the teacher password (``prompt``: what for, else "Teacher password:"); True when it was right.

    After 5 wrong ones in a row the prompt makes the next try wait (5 s, then
    doubling up to 5 minutes), so a student at the laptop cannot try passwords
    one after another. "Forgot it? Use the recovery key…" (or typing the
    recovery key as the password) lets the teacher set a new password (and
    shows a new recovery key).
    """
    texts = PasswordTexts().texts()
    if not password_try_allowed(parent, store):
        return False
    dialog = PasswordDialog(parent, texts["title"], prompt or texts["ask"])
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    text, chose_recovery = dialog.password.text(), dialog.use_recovery_key
    dialog.deleteLater()
    if not ok:
        return False
    if chose_recovery:
        return recover_with_key(parent, store)
    right = verify_teacher_password(store, text)
    if not right and credentials(store).verify_recovery_key(text):
        right = reset_with_recovery_key(parent, store, text)
    count_password_try(store, right)
    if right:
        return True
    QMessageBox.warning(parent, texts["title"], texts["wrong"])
    return False


def reset_with_recovery_key(parent: QWidget | None, store: Any, recovery_key: str) -> bool:
    """The recovery key was typed: ask for a new password, set it, show the new recovery key. True when done."""
    from engine.security import teacher

    texts = PasswordTexts().texts()
    fresh = ask_new_password(parent, store, texts["reset"], lambda password: reset_teacher_password(store, recovery_key, password))
    if fresh is None:
        return False
    # review 51f: the backups saved to USB sticks before today open only with the old password or this old key
    show_recovery_key(parent, fresh, texts["recovery_after_reset"] if teacher.guards_encrypted_data(store) else None)
    return True


def ask_new_password(parent: QWidget | None, store: Any, prompt: str, save: Callable[[str], str]) -> str | None:
    """Ask for a new teacher password, twice, until ``save(password)`` takes it; what ``save`` returned (the new
    recovery key), or None when the teacher gives up.

    The rule comes with the first question (the longer one of encrypted data too) and is checked before the
    second typing; a refusal or two different typings ask again with the reason, so what was done before (the
    recovery key typed) is not lost.
    """
    from desktop.engine_texts import teacher_text
    from engine.errors import LamplightError
    from engine.security import teacher

    texts = PasswordTexts().texts()
    if teacher.guards_encrypted_data(store):
        from engine.security.passwords import MIN_ENCRYPTION_PASSWORD_LENGTH

        prompt = f"{prompt}\n\n{texts['strong_rule'].format(n=MIN_ENCRYPTION_PASSWORD_LENGTH)}"
    problem = ""
    while True:
        first = ask_text(parent, texts["title"], f"{problem}\n\n{prompt}" if problem else prompt)
        if first is None:  # OK on an empty field asks again with the rule (review 47a: it gave up without a word)
            return None
        try:
            teacher.check_new_password_for(store, first)
        except LamplightError as exc:
            problem = teacher_text(str(exc))
            continue
        second = ask_text(parent, texts["title"], texts["again"])
        if second is None:
            return None
        if first != second:
            problem = texts["differ_again"]
            continue
        try:
            return save(first)
        except LamplightError as exc:
            problem = teacher_text(str(exc))


class RecoveryKeyDialog(QDialog):
    """Shows a new recovery key once, with Copy and Print so the teacher can keep it."""

    def __init__(self, parent: QWidget | None, key: str, message: str | None = None) -> None:
        super().__init__(parent)
        texts = PasswordTexts().texts()
        self.key = key
        self.setWindowTitle(texts["key_title"])
        box = QVBoxLayout(self)
        message = QLabel(message or texts["recovery"].format(key="").rstrip())
        message.setWordWrap(True)
        box.addWidget(message)
        self.key_field = QLineEdit(key)
        self.key_field.setReadOnly(True)
        self.key_field.setObjectName("recoveryKey")
        font = self.key_field.font()
        font.setFamily("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.key_field.setFont(font)
        self.key_field.setMinimumWidth(self.key_field.fontMetrics().horizontalAdvance(key) + 40)
        box.addWidget(self.key_field)
        self.status = QLabel("")
        box.addWidget(self.status)
        row = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.clicked.connect(self.copy)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.print_key)
        row.addWidget(self.copy_button)
        row.addWidget(self.print_button)
        row.addStretch(1)
        self.done_button = QPushButton(self.tr("I have kept it safe"))
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.accept)
        row.addWidget(self.done_button)
        box.addLayout(row)

    def reject(self) -> None:
        """Escape or the window's close button: asked first, as the key is shown only this once (review 43: one press
        of Escape lost it)."""
        from desktop.prompts import ask_before

        if ask_before(self, self.windowTitle(), self.tr("Close without keeping the recovery key? It is shown only this once: "
                                                        "without it, a forgotten teacher password cannot be reset."),
                      self.tr("Close"), self.tr("Go back to the key")):
            super().reject()

    def copy(self) -> None:
        """Put the key on the clipboard (to paste into a password manager)."""
        QApplication.clipboard().setText(self.key)
        self.status.setText(self.tr("Copied. Paste it somewhere safe, not in a file the students can open."))

    def print_key(self) -> None:
        """Print a page with the key (the print dialog also offers printing to a PDF file)."""
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setHtml(
            "<h2>" + self.tr("Lamplight: recovery key for the teacher password") + "</h2>"
            + "<p style='font-size: 16pt; font-family: monospace; white-space: pre;'>" + self.key + "</p>"  # never split the key
            + "<p>" + self.tr("Keep this page somewhere safe. It sets a new teacher password if the password is forgotten.") + "</p>"
        )
        document.print_(printer)
        self.status.setText(self.tr("Printed."))


def show_recovery_key(parent: QWidget | None, key: str, message: str | None = None) -> None:
    """Show a new recovery key once (with Copy and Print); ``message`` says why (default: a password was just set)."""
    dialog = RecoveryKeyDialog(parent, key, message)
    dialog.exec()
    dialog.deleteLater()


def ensure_teacher_password(parent: QWidget, store: Any) -> bool:
    """Make sure a teacher password exists (asking for a new one if not); False if the teacher gave up."""
    if has_teacher_password(store):
        return True
    key = ask_new_password(parent, store, PasswordTexts().texts()["new"], lambda password: set_teacher_password(store, password))
    if key is None:
        return False
    show_recovery_key(parent, key)
    return True


def plain_error(error: Exception) -> Exception:
    """The error to show a teacher: "already open" in plain words (no process id or computer name), others as they are."""
    from engine.errors import LamplightError
    from engine.security.instance_lock import AlreadyOpenError

    if isinstance(error, AlreadyOpenError):
        return LamplightError(PasswordTexts().texts()["already_open"])
    return error


def start_teacher_session(parent: QWidget | None, data_dir: Any) -> Any:
    """What the app does before opening the store: refuse the network, take the folder lock, unlock encryption.

    Returns the held lock (keep it alive while the app runs), or None when the
    teacher gave up typing the password. Raises LamplightError (for example
    "Lamplight is already open on this data folder ...") for the app to show.
    """
    from engine.security import encryption
    from engine.security.network import install_network_guard

    install_network_guard()
    lock = lock_data_folder(data_dir)
    store_file = paths.data_dir(data_dir) / paths.STORE_FILE
    # a plain file damaged at its start is not encrypted data without its key: opening it fails into the recovery offer
    locked = encryption.is_encrypted(data_dir) and not encryption.is_unlocked(data_dir) and (
        encryption.key_file(data_dir).exists() or encryption.looks_encrypted(store_file))
    if locked:
        if not unlock_encrypted_folder(parent, data_dir):
            lock.release()
            return None
    return lock


def offer_recovery(parent: QWidget | None, data_dir: Any, error: Exception) -> bool:
    """The store would not open: when it is damaged and a good backup exists, offer to put it back.

    True when a backup was restored (the damaged file is kept beside it), so the caller can open again.
    """
    from engine.security import recovery

    if not recovery.backup_would_help(error):
        return False  # locked, newer version, no permission, a full or failing disk: nothing a backup fixes
    best = recovery.latest_good_backup(data_dir)
    if best is None:
        return False
    texts = PasswordTexts().texts()
    from desktop.engine_texts import teacher_text
    from desktop.i18n import language_in_use, stored_day_and_time

    created = stored_day_and_time(best.created, language_in_use())  # this computer's clock, as the backups list writes it
    from engine.store.io_errors import RESTORE_HINT

    problem = str(error).replace(RESTORE_HINT, "").strip()  # the question itself offers the backup: no command lines
    question = texts["recover"].format(error=teacher_text(problem), created=created)
    answer = QMessageBox.question(parent, texts["recover_title"], question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    recovery.recover(data_dir, best.path)
    RECOVERED.add(str(paths.data_dir(data_dir).resolve()))  # the start then asks as after a restore (see after_start)
    return True


RECOVERED: set[str] = set()
"""Data folders a backup was put back in at this start: children deleted since it was made are asked about."""


def unlock_encrypted_folder(parent: QWidget | None, data_dir: Any, attempts: int = 5) -> bool:
    """Ask for the teacher password (or the recovery key) until the encrypted data opens; False if cancelled.

    Wrong passwords are counted in the data folder as on the command line (review 28b: restarting the app gave
    five more tries at once, without end): after 5 in a row each try waits, across restarts too.
    """
    from engine.errors import LamplightError, TooManyAttemptsError
    from engine.security import attempts as tries
    from engine.security import encryption

    texts = PasswordTexts().texts()
    folder = paths.data_dir(data_dir)
    try:  # review 32a: no key file, or a damaged one, was "not the teacher password" five times
        if encryption.read_key_file(folder) is None:
            raise encryption.missing_key_file(folder / paths.STORE_FILE)
    except LamplightError as exc:
        show_error(parent, exc)
        return False
    prompt = texts["unlock"]
    wait = tries.seconds_to_wait(folder)
    if wait > 0:
        prompt = texts["wait"].format(seconds=int(wait) + 1) + "\n\n" + texts["unlock"]
    for _ in range(attempts):
        text = ask_text(parent, texts["title"], prompt)
        if text is None:
            return False
        try:
            with tries.counted(folder):
                encryption.unlock(data_dir, text)
            _UNLOCKED_WITH[str(folder.resolve())] = text  # the recovery key? asked once the data is open (see after_unlock)
            return True
        except TooManyAttemptsError:
            prompt = texts["wait"].format(seconds=int(tries.seconds_to_wait(folder)) + 1) + "\n\n" + texts["unlock"]
        except LamplightError:
            wait = tries.seconds_to_wait(folder)
            prompt = texts["wrong"] + ("\n" + texts["wait"].format(seconds=int(wait) + 1) if wait else "") + "\n\n" + texts["unlock"]
    QMessageBox.warning(parent, texts["title"], texts["too_many"])  # review 26: the app closed without a word
    return False


_UNLOCKED_WITH: dict[str, str] = {}
"""Data folder -> what was typed at the start prompt, until the store opens and :func:`after_unlock` reads it."""


def after_unlock(parent: QWidget | None, context: Any) -> None:
    """Encrypted data opened with the recovery key (the password forgotten): ask for a new password now (review 28b:
    nothing asked, and Settings wanted the password she had forgotten, so the key had to be typed at every start).

    The store is opened only when the data was unlocked here: a damaged or newer data file is for the window's
    start-up recovery to explain (review 31b: opening it here ended the app with a traceback)."""
    from engine.errors import LamplightError

    secret = _UNLOCKED_WITH.pop(str(Path(context.data_dir).resolve()), None)
    if not secret:
        return
    try:
        store = context.store
    except LamplightError:
        return
    if not verify_teacher_password(store, secret) and credentials(store).verify_recovery_key(secret):
        reset_with_recovery_key(parent, store, secret)


DEFAULT_IDLE_MINUTES = 10


def idle_minutes(store: Any) -> float:
    """The idle lock's minutes from the store; the default when unset or not a number of minutes (review 29b: "ten"
    from a tampered file stopped the start-up lock and broke Settings)."""
    from engine.errors import LamplightError

    if store is None:
        return DEFAULT_IDLE_MINUTES
    try:
        minutes = float(store.get_setting(IDLE_SETTING, DEFAULT_IDLE_MINUTES))
    except (LamplightError, TypeError, ValueError, OverflowError):
        return DEFAULT_IDLE_MINUTES
    return minutes if 0 <= minutes <= MAX_IDLE_MINUTES else DEFAULT_IDLE_MINUTES


def clear_clipboard() -> None:
    """Empty the clipboard before someone else may use the laptop (a child in practice mode, anyone at a locked one):
    review 28b, a recovery key copied with "Copy" was pasted into a practice answer, then at the password prompt,
    and took the teacher password over."""
    clipboard = QApplication.clipboard()
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Mode.Selection)


def _hide_other_windows(window: QWidget) -> list[QWidget]:
    """Hide what the app's other open windows (dialogs) show, keeping them open with what was typed in them;
    returns the widgets hidden, to show again once the password is given. (Hiding a modal dialog itself would
    end it, as if Cancel had been pressed.)"""
    hidden = []
    for top in QApplication.topLevelWidgets():
        if top is window or not top.isVisible() or not top.isWindow():
            continue
        for child in top.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if child.isVisible():
                child.setVisible(False)
                hidden.append(child)
    return hidden


def install_idle_lock(app: QObject, window: QWidget, context: Any, ask_at_start: bool = False) -> "IdleGuard":
    """Lock the teacher screens after the idle time in the store setting ``idle_lock_minutes`` (default 10, 0: never).

    ``ask_at_start``: also lock at once, so the teacher screens open only with the
    password (the app passes False when the password was just typed to unlock
    encrypted data).

    Locking hides the window's content and asks for the teacher password until
    it is given (with growing waits after wrong ones). It does nothing while
    practice mode is on (that has its own lock) or before a password exists.
    """
    from engine.errors import LamplightError

    guard: IdleGuard

    def password_set() -> bool:
        try:
            return has_teacher_password(context.store)
        except LamplightError:
            return False  # the store does not open (damaged): the start-up recovery deals with that

    def lock_screens() -> None:
        if context.practice_locked or not password_set():
            guard.policy.locked = False
            guard._notified = False
            guard.policy.touch()
            return
        content = window.centralWidget() if hasattr(window, "centralWidget") else None
        if content is not None:
            content.setVisible(False)
        toolbar = getattr(window, "toolbar", None)  # review 40d: the class picker showed the class's name
        shown_toolbar = toolbar is not None and toolbar.isVisible()
        if shown_toolbar:
            toolbar.setVisible(False)
        hidden = _hide_other_windows(window)  # review 27b: an open dialog (a recovery key, a roster) stayed in view
        clear_clipboard()
        hold_results()
        texts = PasswordTexts().texts()
        reason = texts["protected"] if guard.protected else texts["locked"]
        guard.protected = False
        prompt = reason
        while True:
            dialog = PasswordDialog(window, texts["title"], prompt)
            ok = dialog.exec() == QDialog.DialogCode.Accepted
            text, chose_recovery = dialog.password.text(), dialog.use_recovery_key
            dialog.deleteLater()
            if ok and chose_recovery and recover_with_key(window, context.store):
                guard.policy.record_attempt(True)
                guard._notified = False
                break
            if ok and chose_recovery:  # the recovery key not given (or not yet: the wait): no password was wrong (41d)
                wait = guard.seconds_to_wait(context.store)
                prompt = (texts["wait"].format(seconds=int(wait) + 1) + "\n\n" if wait else "") + reason
                continue
            if ok and not chose_recovery and guard.try_unlock(context.store, text):
                break
            if ok and not guard.seconds_to_wait(context.store) and credentials(context.store).verify_recovery_key(text):
                if reset_with_recovery_key(window, context.store, text):
                    count_password_try(context.store, True)  # review 29c: the folder's count stayed after the reset
                    guard.policy.record_attempt(True)
                    guard._notified = False
                    break
            if not ok:  # Cancel is no wrong password: ask again as before
                prompt = reason
                continue
            wait = guard.seconds_to_wait(context.store)
            prompt = texts["wrong"] + ("\n" + texts["wait"].format(seconds=int(wait) + 1) if wait else "") + "\n\n" + reason
        if content is not None:
            content.setVisible(True)
        if shown_toolbar and not context.practice_locked:
            toolbar.setVisible(True)
        for widget in hidden:
            if shiboken6.isValid(widget):  # review 27c: a job that ended meanwhile deleted its progress box
                widget.setVisible(True)
        release_results()

    guard = IdleGuard(app, on_lock=lock_screens, idle_seconds=DEFAULT_IDLE_MINUTES * 60)
    if hasattr(window, "lock_key_pressed"):  # Ctrl+L from a dialog or progress box too (not once the window is gone)
        guard.on_key = lambda watched, event: shiboken6.isValid(window) and window.lock_key_pressed(watched, event)

    def configure() -> None:
        # after the first paint: opening the store (and asking) must not delay the window
        try:
            store = context.store
        except LamplightError:  # damaged: once the start-up recovery has put a backup back, the password is asked
            guard.configure_later = configure  # (review 31b: the restored class opened without it)
            return
        guard.configure_later = None
        guard.policy.idle_seconds = idle_minutes(store) * 60
        if ask_at_start and password_set():
            guard.lock_now(protected=True)

    QTimer.singleShot(0, configure)
    return guard


class IdleGuard(QObject):
    """Locks the teacher screens after ``idle_seconds`` without keyboard or mouse input.

    Install it once: ``IdleGuard(app, on_lock=window.lock_screens, idle_seconds=300)``.
    Every input event restarts the count; a timer checks it every few seconds and
    calls ``on_lock`` once per lock. Unlocking (the teacher typed the password)
    goes through :meth:`try_unlock`, which also applies the wrong-password waits.
    """

    def __init__(self, app: QObject, on_lock: Callable[[], None], idle_seconds: float = 300,
                 clock: Callable[[], float] | None = None, check_ms: int = 5000) -> None:
        super().__init__(app)
        from engine.security.idle import IdleLock

        self.policy = IdleLock(idle_seconds=idle_seconds, **({"clock": clock} if clock else {}))
        self.on_lock = on_lock
        self._notified = False
        self.protected = False
        """The next lock's prompt says the screens are protected by the password (see :meth:`lock_now`)."""
        self.configure_later: Callable[[], None] | None = None
        """Set while the data did not open at start-up: what to do once it does (see :func:`install_idle_lock`)."""
        self.on_key: Callable[[QObject, QEvent], bool] | None = None
        """Sees every key pressed in the app; True when it took the key (the window's Ctrl+L from any other window)."""
        app.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    _INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
              QEvent.Type.TouchBegin}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in self._INPUT:
            self.policy.touch()
            if event.type() == QEvent.Type.KeyPress and self.on_key is not None:
                return self.on_key(watched, event)
        return False

    def uninstall(self) -> None:
        """Stop watching for input and time (the app's loop has ended; a test starts the app again in one process)."""
        self.timer.stop()
        app = self.parent()
        if app is not None:
            app.removeEventFilter(self)

    def lock_now(self, protected: bool = False) -> None:
        """Lock at once (start-up, a restore that brought a password); ``protected``: the prompt says the screens are
        protected by the password, not that they were locked after a while without use (review 38c)."""
        self.protected = protected
        self.policy.lock()
        self.check()

    def check(self) -> bool:
        """Lock now if idle too long; True when locked."""
        if self.policy.should_lock() and not self._notified:
            self._notified = True
            self.on_lock()
        return self.policy.locked

    def seconds_to_wait(self, store: Any) -> float:
        """How long the next typed password must wait: this lock's count or every prompt's, whichever is longer."""
        return max(self.policy.seconds_until_next_attempt(), password_wait(store))

    def try_unlock(self, store: Any, text: str) -> bool:
        """Check a typed password (waits after repeated wrong ones); True when unlocked.

        The try is counted as at every other prompt, in the data folder too (review 29b: the lock at start-up counted
        only in memory, so killing the app gave a child five fresh guesses each time)."""
        if self.seconds_to_wait(store) > 0:
            return False
        right = verify_teacher_password(store, text)
        count_password_try(store, right)
        unlocked = self.policy.record_attempt(right)
        if unlocked:
            self._notified = False
        return unlocked
