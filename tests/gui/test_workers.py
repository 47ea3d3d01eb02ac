"""The background job pattern: result on the GUI thread, progress, cancel, one error popup."""
from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QMainWindow

from desktop.workers import JobCancelled, run_job, shown_errors, wait_for_all
from engine.errors import LamplightError
from tests.gui.dialogs import spin


@pytest.fixture
def window(qtbot):
    QApplication.instance().setProperty("lamplight_no_popups", True)
    shown_errors()
    win = QMainWindow()
    qtbot.addWidget(win)
    return win


def test_result_arrives_on_gui_thread_and_work_runs_elsewhere(window):
    seen = {}

    def work(ctx):
        seen["work_thread"] = threading.get_ident()
        ctx.progress(0.5, "half")
        return 41 + 1

    def done(result):
        seen["result"] = result
        seen["done_in_gui"] = QThread.currentThread() is QApplication.instance().thread()

    run_job(window, work, title="Adding", on_done=done, show="status")
    assert wait_for_all(5000)
    assert seen["result"] == 42
    assert seen["done_in_gui"]
    assert seen["work_thread"] != threading.get_ident()


def test_cancel_stops_a_long_job_and_skips_on_done(window):
    started = threading.Event()
    calls = []

    def work(ctx):
        started.set()
        for _ in range(500):
            ctx.check()
            time.sleep(0.01)
        return "finished"

    job = run_job(window, work, title="Training", on_done=calls.append, cancellable=True)
    assert started.wait(5)
    job.cancel()
    assert wait_for_all(5000)
    assert calls == []
    assert not job.is_running
    assert shown_errors() == []


def test_lamplight_error_is_shown_as_is_and_bugs_get_a_short_message(window):
    def bad_input(ctx):
        raise LamplightError("roster.csv line 3: the name is empty")

    def bug(ctx):
        raise ZeroDivisionError("division by zero")

    run_job(window, bad_input, title="Import")
    assert wait_for_all(5000)
    assert shown_errors() == ["roster.csv line 3: the name is empty"]
    run_job(window, bug, title="Import")
    assert wait_for_all(5000)
    [message] = shown_errors()
    assert "did not finish" in message and "ZeroDivisionError: division by zero" in message


def test_each_job_opens_its_own_store_in_its_thread_and_closes_it(window):
    opened = []

    class FakeStore:
        def __init__(self):
            self.thread = threading.get_ident()
            self.closed = False
            opened.append(self)

        def close(self):
            self.closed = True

    results = []
    for _ in range(2):
        run_job(window, lambda ctx: ctx.store().thread, title="Refresh", on_done=results.append, open_store=FakeStore)
    assert wait_for_all(5000)
    assert len(opened) == 2 and all(store.closed for store in opened)
    assert sorted(results) == sorted(store.thread for store in opened)
    assert threading.get_ident() not in results


def test_job_cancelled_raised_by_work_is_quiet(window):
    def work(ctx):
        raise JobCancelled()

    calls = []
    run_job(window, work, title="Import", on_done=calls.append)
    assert wait_for_all(5000)
    assert calls == [] and shown_errors() == []


def test_a_cancel_that_comes_after_the_work_was_kept_ends_the_job_as_done(window):
    """Review 30d: answers committed while the teacher pressed Cancel were said to be "not imported"."""
    def work(ctx):
        ctx._cancel.set()  # Cancel pressed while the last rows were committed
        ctx.kept()
        return "imported"

    done, cancelled = [], []
    job = run_job(window, work, title="Import", on_done=done.append)
    job.cancelled.connect(lambda: cancelled.append(True))
    assert wait_for_all(5000)
    assert done == ["imported"] and cancelled == []


def progress_boxes_showing() -> list:
    from PySide6.QtWidgets import QProgressDialog

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def look_after_a_while(seen: list):
    """A dialog step: let 0.7 s pass inside the dialog (the progress box's own show-timer is 0.3 s), note what is on top."""
    from PySide6.QtTest import QTest

    def step(dialog) -> None:
        spin(700)
        seen.append((QApplication.activeModalWidget() is dialog, len(progress_boxes_showing())))

    return step


def test_a_quick_job_s_progress_box_never_comes_back_over_the_dialog_its_result_opens(window, real_dialogs):
    from PySide6.QtWidgets import QMessageBox

    from tests.gui.dialogs import DialogAnswers, in_event_loop, press, then

    window.show()
    seen: list = []
    answers = DialogAnswers().expect(then(look_after_a_while(seen), press("OK")))

    def confirm(result) -> None:
        box = QMessageBox(window)
        box.setText(f"Put back {result}?")
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        seen.append(box.exec() == QMessageBox.StandardButton.Ok)

    in_event_loop(lambda: run_job(window, lambda ctx: "the backup", title="Checking the backup…", on_done=confirm))
    answers.finish()
    assert wait_for_all(5000)
    assert seen == [(True, 0), True], "the finished job's box came back over the question and took its clicks"
    assert progress_boxes_showing() == []


def test_a_quick_failing_job_s_error_popup_is_not_covered_by_its_progress_box(window, real_dialogs):
    from tests.gui.dialogs import DialogAnswers, in_event_loop, press, then

    QApplication.instance().setProperty("lamplight_no_popups", False)  # the real error popup
    try:
        window.show()
        seen: list = []
        answers = DialogAnswers().expect(then(look_after_a_while(seen), press("OK")))

        def broken(ctx):
            raise LamplightError("pack.json: not an exercise pack")

        in_event_loop(lambda: run_job(window, broken, title="Importing the pack…"))
        [error] = answers.finish()
        assert wait_for_all(5000)
    finally:
        QApplication.instance().setProperty("lamplight_no_popups", True)
    assert error.text == "pack.json: not an exercise pack"
    assert error.title == "Importing the pack", "titled with what failed, not only \"Lamplight\""
    assert seen == [(True, 0)], "the error popup sat under a frozen progress box"


def test_thousands_of_progress_reports_from_many_jobs_do_not_crash_the_app(tmp_path):
    """An import of a year of answers reports progress thousands of times; each report is a signal.

    PySide6 6.12.0 dropped a reference to ``True`` on every ``emit()``, and the app died with
    "deallocating True" after a few thousand (pyproject.toml keeps it out). Run in a child
    process so that such a crash fails this test instead of ending the suite.
    """
    script = tmp_path / "many_jobs.py"
    script.write_text(
        "from PySide6.QtWidgets import QApplication, QWidget\n"
        "from desktop.workers import run_job, wait_for_all\n"
        "app = QApplication([])\n"
        "window = QWidget()\n"
        "def work(ctx):\n"
        "    for step in range(25):\n"
        "        ctx.progress(step / 25, 'answers')\n"
        "    return step\n"
        "results = []\n"
        "for _ in range(60):\n"
        "    for _ in range(4):\n"
        "        run_job(window, work, title='Importing', show='status', on_done=results.append, open_store=lambda: None)\n"
        "    assert wait_for_all(20000)\n"
        "print(len(results))\n"
    )
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=150)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["240"]


def test_an_ended_job_s_signal_object_is_destroyed_on_the_gui_thread(window):
    """The pool deletes a finished runnable on its own thread; the job's QObject must still die on the GUI thread."""
    import gc

    from PySide6.QtCore import QThreadPool

    class SlowToClose:
        def close(self):
            time.sleep(0.3)  # the GUI thread takes the result and lets go of the job meanwhile

    destroyed_in = []
    job = run_job(window, lambda ctx: ctx.store() and 1, title="Saving", show="none", open_store=SlowToClose)
    job.signals.destroyed.connect(lambda *_: destroyed_in.append(threading.get_ident()),
                                  Qt.ConnectionType.DirectConnection)
    del job
    assert wait_for_all(5000)
    assert QThreadPool.globalInstance().waitForDone(5000)
    run_job(window, lambda ctx: None, title="Next", show="none", open_store=SlowToClose)
    assert wait_for_all(5000)
    gc.collect()
    QApplication.processEvents()
    assert destroyed_in == [threading.get_ident()]


def test_a_job_that_fails_while_its_shown_progress_box_takes_a_report_does_not_crash(window, real_dialogs):
    """Review 22c: Share on a class with nothing to share crashed the app (segmentation fault).

    A shown modal progress box processes events inside ``setValue``; the job's failure came in there, its
    error box ran, and the progress box was deleted under the ``setValue`` still running.
    """
    from tests.gui.dialogs import DialogAnswers, press

    QApplication.instance().setProperty("lamplight_no_popups", False)  # the real error popup
    go = threading.Event()

    def report_then_fail(ctx):
        go.wait(10)
        ctx.progress(0.5, "half way")
        raise LamplightError("nothing to share yet")

    try:
        window.show()
        job = run_job(window, report_then_fail, title="Sharing…")
        job.dialog.setProperty("answered_by_test", True)  # only the error box is for the answers below
        answers = DialogAnswers().expect(press("OK"))
        spin(600)  # the progress box shows itself after 0.3 s
        assert progress_boxes_showing(), "the progress box is up"
        go.set()
        time.sleep(0.3)  # the report and the failure are both waiting when the screen next looks
        [error] = answers.finish()
        assert wait_for_all(5000)
        spin(100)
    finally:
        QApplication.instance().setProperty("lamplight_no_popups", True)
    assert error.text == "nothing to share yet"
    assert progress_boxes_showing() == []
