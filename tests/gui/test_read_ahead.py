"""After start, the teacher's other classes are read in the background (review 22: the first switch to
another class took 1-1.6 s on a year of answers, every later switch 0.1 s).

Only classes already calibrated are read ahead; one never calibrated is left to the moment the teacher
chooses it (calibrating takes up to a minute and says so on screen). Reading ahead waits while another
job runs, and a class it cannot read is left alone without a word to the teacher.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.workers import run_job
from engine.bench.classroom import add_twin_class
from engine.classroom import Classroom, calibration, live
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import spin
from tests.gui.test_found_in_use import click_nav
from tests.gui.test_teachers_day import wait_until


def other_classes(window) -> tuple[int, int]:
    """(a second class, calibrated; a third, never calibrated), nothing of either read into memory yet."""
    finish_jobs()
    store, first = window.context.store, window.context.class_id
    second = add_twin_class(store, first, "Second class")  # the class box sorts by name: Demo class, Second class
    Classroom(store).prepare(second)
    never = add_twin_class(store, first, "Third class")
    calibration.forget(store, never)
    live.forget()  # as in a new process
    window.reload_classes()
    return second, never


def test_other_calibrated_classes_are_read_after_start_and_the_first_switch_finds_them_ready(make_window, app):
    window = make_window()
    second, never = other_classes(window)
    store, room = window.context.store, Classroom(window.context.store)
    assert not live.is_calibrated(store, second)

    window.prepare_current_class()  # what the app starts right after its window is shown
    finish_jobs()
    assert not window.reading_ahead
    assert live.is_calibrated(store, window.context.class_id) and live.is_calibrated(store, second), "read ahead"
    assert not live.is_calibrated(store, never) and room.first_look(never), "not calibrated in the background"

    click_nav(window, "dashboard")
    finish_jobs()
    window.class_combo.setFocus()
    QTest.keyClick(window.class_combo, Qt.Key.Key_Down)  # Demo class -> Second class
    assert window.context.class_id == second
    page = window.pages["dashboard"]
    wait_until(lambda: bool(page.heat_model.rows) and all("(B)" in str(row[0]) for row in page.heat_model.rows),
               timeout_ms=20000)
    finish_jobs()
    assert room.first_look(never), "the third class was not touched"


def test_reading_ahead_waits_while_the_teachers_own_job_runs(make_window, app):
    window = make_window()
    second, _ = other_classes(window)
    store = window.context.store
    release = threading.Event()
    teachers_job = run_job(window, lambda ctx: release.wait(30), title="a screen's job", show="none")
    window.prepare_current_class()
    spin(2500)  # the current class is ready long before; the other waits for the teacher's job
    assert teachers_job.is_running and window.reading_ahead and not live.is_calibrated(store, second)
    release.set()
    finish_jobs()
    wait_until(lambda: not window.reading_ahead, timeout_ms=20000)
    finish_jobs()
    assert live.is_calibrated(store, second)


def test_a_class_that_cannot_be_read_ahead_is_left_without_a_popup(make_window, app, monkeypatch):
    window = make_window()
    second, _ = other_classes(window)

    def broken(self, class_id):
        raise OSError("the disk went away")

    monkeypatch.setattr(Classroom, "read_ahead", broken)
    window.prepare_current_class()
    finish_jobs()
    wait_until(lambda: not window.reading_ahead, timeout_ms=20000)
    assert not live.is_calibrated(window.context.store, second)  # and the app fixture saw no error popup


def test_the_marking_model_is_read_ahead_only_when_typed_answers_wait_for_a_mark(make_window, app, monkeypatch):
    from desktop.views import marking

    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    finish_jobs()
    for waiting in store.queued_answers(class_id):  # the demo class's typed answers, all marked: nothing waits
        store.mark_queued(waiting.id, 0.0)
    monkeypatch.setattr(marking, "_marker", None)
    window.prepare_current_class()
    finish_jobs()
    wait_until(lambda: not window.reading_ahead, timeout_ms=20000)
    assert marking._marker is None, "nothing to mark: not loaded"

    student = store.list_students(class_id)[0]
    written = store.add_exercise("Name an animal that starts with c.", "short_text", "cat")
    store.queue_answer(student.id, written, "a cow", source="practice")
    window.prepare_current_class()
    finish_jobs()
    wait_until(lambda: not window.reading_ahead, timeout_ms=20000)
    finish_jobs()
    assert marking._marker is not None, "loaded before the teacher opens Mark written answers"


def test_after_the_first_runs_demo_class_the_marking_model_is_loaded_ahead(make_window, real_dialogs, monkeypatch):
    """Profiling 39: start-up read nothing ahead when the demo class was still being made (no class yet), so the
    first look at Mark written answers waited for torch and the marking model (1.6-1.9 s)."""
    import argparse

    from PySide6.QtWidgets import QMessageBox

    from desktop.app import after_start
    from desktop.views import marking
    from tests.gui.dialogs import DialogAnswers, press

    monkeypatch.setattr(marking, "_marker", None)
    window = make_window(demo=False)
    answers = DialogAnswers().expect(lambda box: QTest.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton),
                                     press("Skip for now"))
    after_start(window, argparse.Namespace(page=None, demo=False))
    answers.finish()
    wait_until(lambda: window.context.class_id is not None and not window.reading_ahead, timeout_ms=60000)
    store = window.context.store
    assert store.queued_answers(window.context.class_id), "the demo class has written answers waiting"
    assert marking._marker is not None, "loaded before the teacher opens Mark written answers"


def test_the_current_classs_dashboard_figures_are_worked_out_in_the_background_after_start(make_window, app, monkeypatch):
    """Profiling 44: start-up read the class but left its dashboard's figures (about a second on a year of answers
    when none were kept) to the teacher's first click on Class dashboard."""
    window = make_window()
    finish_jobs()
    live.forget()  # as in a new process
    worked_out = []
    original = Classroom.dashboard

    def recording(self, class_id, job=None):
        worked_out.append((class_id, threading.current_thread() is threading.main_thread()))
        return original(self, class_id, job)

    monkeypatch.setattr(Classroom, "dashboard", recording)
    window.prepare_current_class()
    finish_jobs()
    assert (window.context.class_id, False) in worked_out, "worked out in a background job"
    worked_out.clear()
    click_nav(window, "dashboard")
    finish_jobs()
    page = window.pages["dashboard"]
    assert page.heat_model.rows
    assert worked_out == [(window.context.class_id, False)]
    assert live.is_kept(window.context.store, window.context.class_id)
