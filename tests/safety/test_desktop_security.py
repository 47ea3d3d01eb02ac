"""The desktop hooks: password through engine.security, idle lock wiring, the data-folder lock."""
from __future__ import annotations

import contextlib

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from engine.errors import LamplightError
from engine.security.instance_lock import AlreadyOpenError
from engine.store import Store


class HandClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(data_dir, fast_crypto):
    with Store.open(data_dir) as store:
        yield store


@contextlib.contextmanager
def idle_lock(app, window, context, ask_at_start: bool = False):
    """:func:`desktop.security.install_idle_lock` for one test, taken off the application afterwards."""
    from desktop import security

    guard = security.install_idle_lock(app, window, context, ask_at_start=ask_at_start)
    try:
        yield guard
    finally:
        app.removeEventFilter(guard)
        guard.timer.stop()
        guard.deleteLater()


def teacher_window(qtbot, store):
    """A window showing some marks, on a store whose teacher password is owl-42 (not shown yet)."""
    from PySide6.QtWidgets import QLabel, QMainWindow

    from desktop import security

    security.set_teacher_password(store, "owl-42")
    window = QMainWindow()
    window.setCentralWidget(QLabel("marks"))
    qtbot.addWidget(window)
    return window


def test_password_hooks_store_argon2_and_reset_with_recovery_key(store):
    from desktop import security

    assert not security.has_teacher_password(store) and not security.verify_teacher_password(store, "owl-42")
    key = security.set_teacher_password(store, "owl-42")
    assert key and security.verify_teacher_password(store, "owl-42")
    assert all("owl-42" not in str(v) for v in store.all_settings().values())
    with pytest.raises(LamplightError):
        security.set_teacher_password(store, "fox-99", old="wrong")
    assert security.verify_teacher_password(store, "owl-42")
    security.set_teacher_password(store, "fox-99", old="owl-42")
    new_key = security.reset_teacher_password(store, key, "elk-77")
    assert new_key != key and security.verify_teacher_password(store, "elk-77")


def test_idle_guard_locks_after_idle_time_and_input_postpones(qtbot, store):
    from desktop import security

    security.set_teacher_password(store, "owl-42")
    app = QApplication.instance()
    clock = HandClock()
    locked = []
    guard = security.IdleGuard(app, on_lock=lambda: locked.append(clock.now), idle_seconds=60, clock=clock, check_ms=10_000)
    try:
        widget = QWidget()
        qtbot.addWidget(widget)
        clock.now = 50
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"))
        clock.now = 100
        assert not guard.check() and locked == []
        clock.now = 111
        assert guard.check() and locked == [111]
        assert guard.check() and locked == [111]  # on_lock once per lock
        assert not guard.try_unlock(store, "wrong")
        assert guard.try_unlock(store, "owl-42") and not guard.policy.locked
    finally:
        app.removeEventFilter(guard)
        guard.timer.stop()
        guard.deleteLater()


def test_lock_data_folder_refuses_a_second_instance(data_dir):
    from desktop import security

    first = security.lock_data_folder(data_dir)
    try:
        with pytest.raises(AlreadyOpenError, match="already open on this data folder"):
            security.lock_data_folder(data_dir)
    finally:
        first.release()


def test_the_app_refuses_to_start_on_a_folder_another_lamplight_holds(data_dir):
    """Two instances: the second app process shows "already open" and exits 1 without touching the data."""
    import subprocess
    import sys
    from pathlib import Path

    from engine.security.instance_lock import DataFolderLock

    second = (
        "from unittest import mock\n"
        "import desktop.workers as w\n"
        "with mock.patch.object(w, 'show_error', lambda parent, exc: print('SHOWN:', exc)):\n"
        "    from desktop.app import main\n"
        f"    raise SystemExit(main(['--data-dir', {str(data_dir)!r}, '--quit-after-shown']))\n"
    )
    root = Path(__file__).resolve().parents[2]
    with DataFolderLock(data_dir):
        result = subprocess.run([sys.executable, "-c", second], cwd=root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Lamplight is already open on this computer" in result.stdout  # plain words: no process id or host name
    assert "process" not in result.stdout
    assert not (data_dir / "lamplight.sqlite3").exists()  # the second instance did not even open the store


def test_offer_recovery_puts_back_the_latest_good_backup(qtbot, data_dir, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop import security
    from engine import paths

    with Store.open(data_dir) as store:
        class_id = store.create_class("1A")
        store.add_student(class_id, "Ana")
        store.backup_now("manual")
    store_file = paths.store_path(data_dir)
    store_file.write_bytes(store_file.read_bytes()[:1500])
    with pytest.raises(LamplightError) as damaged:
        Store.open(data_dir, check=True)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    assert not security.offer_recovery(None, data_dir, damaged.value)
    assert "The latest good backup is from" in asked[0]
    from datetime import datetime

    from engine.security import recovery

    made = datetime.fromisoformat(recovery.latest_good_backup(data_dir).created).astimezone()
    assert f"is from {made.day} {made:%b %Y %H:%M}. " in asked[0], "local time to the minute, as the backups list writes it"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert not security.offer_recovery(None, data_dir, LamplightError("Lamplight is already open on this data folder"))
    from engine.errors import StoreAccessError

    # decided by the kind of problem, not by its words: a read-only disk is never "repaired" over good data
    assert not security.offer_recovery(None, data_dir, StoreAccessError("cannot write: the disk is read-only (not damaged)"))
    assert security.offer_recovery(None, data_dir, damaged.value)
    with Store.open(data_dir, check=True) as store:
        assert [s.name for s in store.list_students(class_id)] == ["Ana"]


def test_install_idle_lock_hides_the_screens_until_the_password(qtbot, store, monkeypatch):
    import time
    from types import SimpleNamespace

    from PySide6.QtWidgets import QInputDialog, QLabel, QMainWindow

    from desktop import security

    security.set_teacher_password(store, "owl-42")
    store.set_setting(security.IDLE_SETTING, 0.0001)  # minutes
    window = QMainWindow()
    window.setCentralWidget(QLabel("class 4B: marks"))
    qtbot.addWidget(window)
    window.show()
    context = SimpleNamespace(store=store, practice_locked=False)
    typed = iter(["wrong", "owl-42"])
    seen_hidden = []

    def answer(dialog):  # the idle-lock prompt is a PasswordDialog (with "use the recovery key")
        seen_hidden.append(not window.centralWidget().isVisible())
        dialog.password.setText(next(typed))
        return int(dialog.DialogCode.Accepted)

    monkeypatch.setattr(security.PasswordDialog, "exec", answer)
    app = QApplication.instance()
    with idle_lock(app, window, context) as guard:
        qtbot.waitUntil(lambda: guard.policy.idle_seconds < 1, timeout=3000)  # configured from the setting
        time.sleep(0.02)
        assert guard.check() is False  # locked, asked twice, unlocked by the right password
        assert seen_hidden == [True, True]
        assert window.centralWidget().isVisible()
        # in practice mode the idle lock stays out of the way
        context.practice_locked = True
        time.sleep(0.02)
        guard.check()
        assert seen_hidden == [True, True] and not guard.policy.locked


def test_idle_lock_install_survives_a_damaged_store(qtbot):
    from types import SimpleNamespace

    from PySide6.QtWidgets import QMainWindow

    from desktop import security

    class DamagedContext:
        practice_locked = False

        @property
        def store(self):
            raise LamplightError("The data file X is damaged.")

    window = QMainWindow()
    qtbot.addWidget(window)
    app = QApplication.instance()
    with idle_lock(app, window, DamagedContext(), ask_at_start=True) as guard:
        qtbot.wait(50)
        guard.lock_now()  # nothing to ask for while the store does not open
        assert not guard.policy.locked


@pytest.mark.parametrize("idle_minutes", [None, "ten"])
def test_teacher_screens_ask_for_the_password_at_start(qtbot, store, monkeypatch, idle_minutes):
    """Also with idle_lock_minutes = "ten" (review 29b: from a tampered backup, it raised in the start-up lock and no
    password was asked)."""
    from types import SimpleNamespace

    from desktop import security

    window = teacher_window(qtbot, store)
    if idle_minutes is not None:
        store.set_setting(security.IDLE_SETTING, idle_minutes)
    asked = []
    def answer(dialog):
        asked.append(1)
        dialog.password.setText("owl-42")
        return int(dialog.DialogCode.Accepted)

    monkeypatch.setattr(security.PasswordDialog, "exec", answer)
    app = QApplication.instance()
    with idle_lock(app, window, SimpleNamespace(store=store, practice_locked=False), ask_at_start=True) as guard:
        qtbot.waitUntil(lambda: asked == [1], timeout=3000)
        assert not guard.policy.locked and guard.policy.idle_seconds == security.DEFAULT_IDLE_MINUTES * 60


def test_practice_exit_prompt_slows_guessing_and_accepts_the_recovery_key(qtbot, store, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop import security
    from engine.security.idle import FREE_ATTEMPTS
    from tests.gui.dialogs import DialogAnswers, type_text

    key = security.set_teacher_password(store, "owl-42")
    security._EXIT_ATTEMPTS.clear()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: warnings.append(a[2]))
    typed = []

    def type_password(dialog):  # the practice-exit prompt is a PasswordDialog (with "use the recovery key")
        dialog.password.setText(typed.pop(0))
        return int(dialog.DialogCode.Accepted)

    monkeypatch.setattr(security.PasswordDialog, "exec", type_password)
    monkeypatch.setattr(security, "show_recovery_key", lambda parent, fresh, message=None: warnings.append(f"new recovery key {fresh}"))
    typed.extend(["guess"] * FREE_ATTEMPTS)
    for _ in range(FREE_ATTEMPTS):
        assert not security.ask_teacher_password(None, store)
    typed.append("owl-42")
    assert not security.ask_teacher_password(None, store)  # must wait now, not even asked
    assert typed == ["owl-42"] and "wait" in warnings[-1]
    security._EXIT_ATTEMPTS.clear()
    assert not security.ask_teacher_password(None, store), "a restart gives no fresh tries: the count is in the folder"
    from pathlib import Path

    from engine.security import attempts

    (Path(store.path).parent / attempts.ATTEMPTS_FILE).unlink()  # the wait is over
    security._EXIT_ATTEMPTS.clear()
    # the recovery key at the prompt: the teacher types the new password twice in the real prompts, new key shown
    typed[:] = [key]
    answers = DialogAnswers().expect(type_text("fox-99"), type_text("fox-99"))
    assert security.ask_teacher_password(None, store)
    new_password, again = answers.finish()
    assert (new_password.widget_type, new_password.title) == ("TextPrompt", "Teacher password")
    assert "That was the recovery key" in new_password.text and "same password again" in again.text
    assert security.verify_teacher_password(store, "fox-99")
    assert "recovery key" in warnings[-1] and key not in warnings[-1]


def test_idle_lock_prompt_offers_the_recovery_key(qtbot, store, monkeypatch):
    from types import SimpleNamespace

    from desktop import security

    window = teacher_window(qtbot, store)
    window.show()
    recovered = []

    def press_forgot(dialog):  # the teacher presses "Forgot it? Use the recovery key…" on the real prompt
        dialog.recovery_button.click()
        return int(dialog.DialogCode.Accepted)

    monkeypatch.setattr(security.PasswordDialog, "exec", press_forgot)
    monkeypatch.setattr(security, "recover_with_key", lambda parent, s: recovered.append(s) or True)
    app = QApplication.instance()
    with idle_lock(app, window, SimpleNamespace(store=store, practice_locked=False), ask_at_start=True) as guard:
        qtbot.waitUntil(lambda: recovered == [store], timeout=3000)
        assert not guard.policy.locked and window.centralWidget().isVisible()


def test_the_start_up_prompt_says_the_data_is_protected_and_the_idle_prompt_says_it_was_idle(qtbot, store, monkeypatch):
    """At start the reason is the teacher password, not "locked after a while without use"; an idle lock says that."""
    from types import SimpleNamespace

    from PySide6.QtWidgets import QLabel

    from desktop import security

    window = teacher_window(qtbot, store)
    prompts = []

    def type_password(dialog):
        prompts.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        QTest.keyClicks(dialog.password, "owl-42")
        return int(dialog.DialogCode.Accepted)

    from PySide6.QtTest import QTest

    monkeypatch.setattr(security.PasswordDialog, "exec", type_password)
    app = QApplication.instance()
    with idle_lock(app, window, SimpleNamespace(store=store, practice_locked=False), ask_at_start=True) as guard:
        qtbot.waitUntil(lambda: len(prompts) == 1, timeout=3000)
        assert "protected by the teacher password" in prompts[0] and "without use" not in prompts[0]
        guard.lock_now()  # later: the idle time ran out
        qtbot.waitUntil(lambda: len(prompts) == 2, timeout=3000)
        assert "locked after a while without use" in prompts[1]


def test_the_idle_lock_hides_open_dialogs_too_and_cancel_is_no_wrong_password(qtbot, store, monkeypatch):
    """Review 27b: a dialog open when the lock came (a recovery key, a roster preview) stayed in view beside the
    password prompt; pressing Cancel there was answered with "That is not the teacher password"."""
    from types import SimpleNamespace

    from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout

    from desktop import security

    window = teacher_window(qtbot, store)
    window.show()
    dialog = QDialog(window)
    field = QLineEdit("Ana: 17 of 20")
    QVBoxLayout(dialog).addWidget(field)
    dialog.show()
    doomed = QDialog(window)  # a job's progress box, deleted as its job ends while the prompt is open (review 27c)
    QVBoxLayout(doomed).addWidget(QLabel("Adding students…"))
    doomed.show()
    seen = []
    answers = iter([("", False), ("owl-42", True)])

    def answer(prompt_dialog):
        import shiboken6

        if shiboken6.isValid(doomed):
            shiboken6.delete(doomed)
        text, accept = next(answers)
        seen.append((field.isVisible(), dialog.isVisible(),
                     " ".join(label.text() for label in prompt_dialog.findChildren(QLabel))))
        prompt_dialog.password.setText(text)
        return int(QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected)

    monkeypatch.setattr(security.PasswordDialog, "exec", answer)
    app = QApplication.instance()
    with idle_lock(app, window, SimpleNamespace(store=store, practice_locked=False)) as guard:
        guard.lock_now()
        qtbot.waitUntil(lambda: len(seen) == 2, timeout=3000)
        assert [(shown, still_open) for shown, still_open, _ in seen] == [(False, True), (False, True)]
        assert "not the teacher password" not in seen[1][2], "Cancel is no wrong password"
        assert field.isVisible() and field.text() == "Ana: 17 of 20" and dialog.isVisible()


def test_what_a_job_shows_when_it_ends_waits_until_the_lock_is_gone(qtbot, store, monkeypatch):
    """Review 27e: an import's question with the children's names came up over the lock's password prompt."""
    from types import SimpleNamespace

    from PySide6.QtWidgets import QDialog

    from desktop import security
    from desktop.workers import run_job, wait_for_all

    window = teacher_window(qtbot, store)
    window.show()
    shown, seen_while_locked = [], []

    def answer(prompt_dialog):
        run_job(window, lambda ctx: "New students (3): Secret Child", title="Reading the answers…", on_done=shown.append)
        assert wait_for_all(10000)
        seen_while_locked.append(list(shown))
        prompt_dialog.password.setText("owl-42")
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(security.PasswordDialog, "exec", answer)
    app = QApplication.instance()
    with idle_lock(app, window, SimpleNamespace(store=store, practice_locked=False)) as guard:
        guard.lock_now()
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
        assert seen_while_locked == [[]], "nothing of the job showed while locked"
        assert shown == ["New students (3): Secret Child"], "it shows once the password is given"


def test_declining_the_backup_at_start_closes_the_window_without_a_crash(qtbot, data_dir, monkeypatch):
    """Review 26: after 'No' to the backup offered at start, the first-run offer opened the damaged file again and
    an uncaught StoreDamagedError ended the app; the offer also told the teacher to run a command."""
    import argparse

    from PySide6.QtWidgets import QMessageBox

    from desktop import workers
    from desktop.app import after_start
    from desktop.context import AppContext
    from desktop.main_window import MainWindow
    from engine import paths

    with Store.open(data_dir) as store:
        store.create_class("1A")
        store.backup_now("manual")
    store_file = paths.store_path(data_dir)
    raw = bytearray(store_file.read_bytes())
    raw[raw.index(b" ON ", raw.index(b"CREATE INDEX")) + 1] = 0xA7
    store_file.write_bytes(bytes(raw))
    asked, shown = [], []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    monkeypatch.setattr(workers, "show_error", lambda parent, exc, details="": shown.append(str(exc)))
    window = MainWindow(AppContext.open(data_dir, language="en"), defer=True)
    qtbot.addWidget(window)
    after_start(window, argparse.Namespace(page=None, demo=False))
    assert not window.populated and shown and "damaged" in shown[0]
    assert "part of it cannot be read back" in asked[0] and "python -m engine" not in asked[0]


def test_the_start_up_lock_shares_the_data_folders_count_of_wrong_passwords(qtbot, store, monkeypatch):
    """Review 29b: the lock at start-up counted wrong passwords only in memory: five wrong guesses at "Leave
    practice mode", a restart, and four more guesses and the right one were all checked at once."""
    from pathlib import Path
    from types import SimpleNamespace

    from PySide6.QtWidgets import QLabel

    from desktop import security
    from engine.security import attempts
    from engine.security.idle import FREE_ATTEMPTS

    window = teacher_window(qtbot, store)
    folder = Path(store.path).parent
    for _ in range(FREE_ATTEMPTS):  # guessed at another prompt before the app was killed
        attempts.record(folder, False)
    typed = ["guess", "owl-42", "owl-42"]
    prompts = []

    def type_password(dialog):
        prompts.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        if len(prompts) == 3:  # the wait is over
            attempts._path(folder).unlink()
        dialog.password.setText(typed.pop(0))
        return int(dialog.DialogCode.Accepted)

    monkeypatch.setattr(security.PasswordDialog, "exec", type_password)
    app = QApplication.instance()
    with idle_lock(app, window, SimpleNamespace(store=store, practice_locked=False), ask_at_start=True) as guard:
        qtbot.waitUntil(lambda: not typed, timeout=5000)
        assert "wait" in prompts[1] and "wait" in prompts[2], "even the right password waits its turn"
        assert not guard.policy.locked, "after the wait the right password opens"
    assert attempts.seconds_to_wait(folder) == 0 and attempts._read(folder)[0] == 0, "the right one clears the folder's count"


def test_the_recovery_key_is_not_asked_for_while_wrong_tries_make_the_next_one_wait(qtbot, store, monkeypatch):
    """Review 36e: at the idle lock, "Forgot it? Use the recovery key…" asked for and checked a key during the wait."""
    from PySide6.QtWidgets import QMessageBox

    from desktop import security

    security.set_teacher_password(store, "owl-42")
    while security.password_wait(store) == 0:
        security.count_password_try(store, False)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a, **k: warned.append(text)))
    monkeypatch.setattr(security, "ask_text", lambda *a, **k: pytest.fail("the recovery key was asked for during the wait"))
    assert security.recover_with_key(None, store) is False
    assert len(warned) == 1 and "second" in warned[0], warned
