"""Start-up: window before torch, command line, first-run demo class, remembered geometry."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]


def test_main_window_is_shown_before_torch_is_imported(tmp_path):
    script = (
        "import sys\n"
        "from desktop.app import main\n"
        f"code = main(['--data-dir', {str(tmp_path)!r}, '--quit-after-shown'])\n"
        "print('TORCH', 'torch' in sys.modules)\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    )
    assert result.returncode == 0, result.stderr
    assert "main window shown after" in result.stdout
    assert "TORCH False" in result.stdout


def test_version_flag_prints_the_version(tmp_path):
    from engine import __version__

    result = subprocess.run([sys.executable, "-m", "desktop", "--version"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_demo_class_fills_an_empty_data_folder(make_window):
    window = make_window(demo=True)
    classes = window.context.store.list_classes(include_archived=True)
    assert len(classes) == 1
    assert window.class_combo.currentText() == classes[0].name
    assert len(window.context.store.list_students(classes[0].id)) > 5
    # a second start on the same folder does not offer the demo again
    window.offer_demo_class(ask=True)
    assert len(window.context.store.list_classes(include_archived=True)) == 1


def test_window_geometry_and_page_are_remembered(make_window, monkeypatch):
    from desktop.main_window import MainWindow

    window = make_window(demo=True)
    window.open_page("bank")
    window.close()
    saved = window.context.settings.value("window/geometry")
    assert saved is not None and len(bytes(saved)) > 0
    restored = []
    monkeypatch.setattr(MainWindow, "restoreGeometry", lambda self, data: restored.append(bytes(data)) or True)
    again = make_window(demo=False)
    assert again.current_key() == "bank"
    assert restored == [bytes(saved)]


def test_start_up_takes_the_daily_backup_once(make_window):
    from desktop.app import after_start
    from tests.gui.conftest import finish_jobs

    window = make_window(demo=True)
    args = type("Args", (), {"page": None, "demo": True})()
    after_start(window, args)
    finish_jobs()
    daily = [b for b in window.context.store.list_backups() if b.reason == "auto"]
    assert len(daily) == 1
    after_start(window, args)  # a second start on the same day adds none
    finish_jobs()
    assert len([b for b in window.context.store.list_backups() if b.reason == "auto"]) == 1


def test_a_day_s_work_is_backed_up_while_the_app_is_open(make_window):
    """Review 37h: the first start backed up an empty store, and the first day's work had no backup until the next
    start. Every half hour a backup is made when no daily backup holds the data as it is."""
    from desktop.app import after_start
    from engine.store.backup import data_revision
    from tests.gui.conftest import finish_jobs

    window = make_window(demo=True)
    store = window.context.store
    after_start(window, type("Args", (), {"page": None, "demo": True})())
    finish_jobs()
    daily = lambda: [b for b in store.list_backups() if b.reason == "auto"]  # noqa: E731
    assert window.backup_timer.isActive() and window.backup_timer.interval() == 30 * 60 * 1000
    window.backup_timer.timeout.emit()  # half an hour later (the class's calibration, kept after the start's backup)
    finish_jobs()
    made = len(daily())
    window.backup_timer.timeout.emit()
    finish_jobs()
    assert len(daily()) == made, "nothing changed: no more backups"
    class_id = store.create_class("First day")
    store.add_student(class_id, "Ana")
    window.backup_timer.timeout.emit()
    finish_jobs()
    assert len(daily()) == made + 1
    assert data_revision(Path(daily()[0].path)) == store.data_revision()


def test_enough_new_answers_recalibrate_the_class_in_the_background(make_window):
    from engine.classroom import Changes, Classroom, live
    from tests.gui.conftest import finish_jobs

    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    room = Classroom(store)
    before = room.service(class_id).calibrated_answers
    students = [s.id for s in store.list_students(class_id)]
    exercises = [e.id for e in store.list_exercises() if e.kind == "numeric"][:10]
    for n in range(max(60, before // 10 + 5)):
        store.record_response(students[n % len(students)], exercises[n % len(exercises)], float(n % 3 > 0), source="practice")
    assert room.needs_recalibration(class_id)
    window.context.changed(Changes(answers=True))  # what practice mode and the quiz grid announce after saving
    finish_jobs()
    assert live.live_service(store, class_id).calibrated_answers > before
    assert not room.needs_recalibration(class_id)


def _first_start(window) -> None:
    from desktop.app import after_start
    from tests.gui.conftest import finish_jobs

    after_start(window, type("Args", (), {"page": None, "demo": False})())
    finish_jobs()


def test_first_start_offers_a_teacher_password_and_settings_then_says_change(make_window, real_dialogs):
    """The welcome offers the password (after the demo question); Settings' button then reads "Change…"."""
    from desktop import security
    from tests.gui.dialogs import DialogAnswers, press, type_text

    window = make_window(demo=False)
    answers = DialogAnswers().expect(press("No"), press("Set a teacher password…"), type_text("owl-42"), type_text("owl-42"),
                                     press("I have kept it safe"))
    _first_start(window)
    seen = answers.finish()
    assert "Protect the teacher screens" in seen[1].text and "Skip for now" in seen[1].buttons
    assert security.verify_teacher_password(window.context.store, "owl-42")
    page = window.open_page("settings")
    assert page.password_button.text() == "Change teacher password…"


def test_first_start_password_can_be_skipped_and_settings_then_says_set(make_window, real_dialogs):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop import security
    from tests.gui.dialogs import DialogAnswers, press, type_text

    window = make_window(demo=False, language="zh_CN")
    answers = DialogAnswers().expect(press("否"), press("以后再说"))
    _first_start(window)
    answers.finish()
    assert not security.has_teacher_password(window.context.store)
    page = window.open_page("settings")
    assert page.password_button.text() == "设置教师密码…"
    answers = DialogAnswers().expect(type_text("owl-42", "确定"), type_text("owl-42", "确定"), press("我已妥善保存"))
    QTest.mouseClick(page.password_button, Qt.MouseButton.LeftButton)
    answers.finish()
    assert page.password_button.text() == "修改教师密码…"


def test_a_half_hourly_backup_that_fails_says_so_once(make_window, monkeypatch):
    """Review 38c: on a full disk the same popup came every half hour (three piled up behind practice mode)."""
    from desktop.app import after_start
    from desktop.workers import shown_errors
    from engine.errors import DiskFullError
    from engine.store import Store
    from tests.gui.conftest import finish_jobs

    window = make_window(demo=True)
    after_start(window, type("Args", (), {"page": None, "demo": True})())
    finish_jobs()

    def full(self, *args, **kwargs):
        raise DiskFullError("The disk is full: writing a backup did not happen.")

    monkeypatch.setattr(Store, "backup_now", full)
    errors = len(shown_errors())
    for n in range(3):
        window.context.store.add_student(window.context.class_id, f"Half hour {n}")  # work no backup holds
        window.backup_timer.timeout.emit()
        finish_jobs()
    assert len(shown_errors()) == errors + 1


def test_the_teacher_locks_the_screens_herself_before_leaving_the_room(app, make_window, real_dialogs):
    """Review 41a: there was no way to lock the teacher screens; only the idle lock after 10 minutes or practice mode."""
    from desktop import security
    from desktop.security import install_idle_lock
    from tests.gui.dialogs import DialogAnswers, press, type_text

    window = make_window()
    window.idle_guard = install_idle_lock(app, window, window.context)
    content = window.centralWidget()
    try:
        # no password yet: locking asks for one first (and shows its recovery key), then locks
        seen_locked = []
        answers = DialogAnswers().expect(type_text("owl-42"), type_text("owl-42"), press("I have kept it safe"),
                                         lambda box: (seen_locked.append(content.isVisible()), type_text("wrong-1")(box)),
                                         type_text("owl-42"))
        from tests.gui.test_kept_dashboard import file_action

        lock = file_action(window, "Lock the teacher screens")
        assert lock.shortcut().toString() == "Ctrl+L"
        lock.trigger()  # File > Lock the teacher screens
        seen = answers.finish()
        assert security.verify_teacher_password(window.context.store, "owl-42")
        assert "protected by the teacher password" in seen[3].text and seen_locked == [False], "the screens hidden"
        assert "not the teacher password" in seen[4].text, seen[4].text
        assert content.isVisible() and not window.idle_guard.policy.locked, "open again with the password"
    finally:
        window.idle_guard.uninstall()


def test_ctrl_l_locks_while_a_progress_box_is_up(app, make_window, real_dialogs):
    """Review 41d: a progress box (a model training for minutes) blocked the window's menu and its Ctrl+L, so a
    teacher could not lock the screens before leaving the room until the job ended."""
    import threading

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

    from desktop import security
    from desktop.security import install_idle_lock
    from desktop.workers import run_job
    from tests.gui.conftest import finish_jobs
    from tests.gui.dialogs import DialogAnswers, spin, type_text

    window = make_window()
    security.set_teacher_password(window.context.store, "owl-42")
    window.idle_guard = install_idle_lock(app, window, window.context)
    release = threading.Event()
    seen = {}
    try:
        run_job(window.page("classes"), lambda ctx: release.wait(20), title="Training the model…")
        for _ in range(200):
            box = QApplication.activeModalWidget()
            if isinstance(box, QProgressDialog) and box.isVisible():
                break
            spin(25)
        assert isinstance(box, QProgressDialog), "the job's progress box came up"
        answers = DialogAnswers().expect(
            lambda prompt: (seen.update(content=window.centralWidget().isVisible(),
                                        box=any(w.isVisible() for w in box.findChildren(QWidget))),
                            QTest.keyClick(prompt, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier),  # locked already
                            type_text("owl-42")(prompt)))
        QTest.keyClick(box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        answers.finish()
        assert seen == {"content": False, "box": False}, "the screens and the box's words hidden behind the password"
        assert window.centralWidget().isVisible() and not window.idle_guard.policy.locked
        assert not window.idle_guard.protected, "Ctrl+L at the prompt changed nothing (the next idle lock's words)"
    finally:
        release.set()
        finish_jobs()
        window.idle_guard.uninstall()


def test_giving_up_on_the_recovery_key_at_the_lock_is_no_wrong_password(app, make_window, real_dialogs):
    """Review 41d: "Forgot it?" and then Cancel at the recovery key brought the lock back saying "That is not the
    teacher password", though none was typed."""
    from PySide6.QtWidgets import QLabel

    from desktop import security
    from desktop.security import install_idle_lock
    from tests.gui.dialogs import DialogAnswers, press, then, type_text
    from tests.gui.test_kept_dashboard import file_action

    window = make_window()
    security.set_teacher_password(window.context.store, "owl-42")
    window.idle_guard = install_idle_lock(app, window, window.context)
    prompts = []
    try:
        answers = DialogAnswers().expect(press("Forgot it? Use the recovery key…"), press("Cancel"),
                                         then(lambda d: prompts.append(d.findChild(QLabel).text()), type_text("owl-42")))
        file_action(window, "Lock the teacher screens").trigger()
        answers.finish()
        assert "not the teacher password" not in prompts[0] and "protected by the teacher password" in prompts[0], prompts
        assert not window.idle_guard.policy.locked
    finally:
        window.idle_guard.uninstall()
