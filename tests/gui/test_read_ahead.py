"""After start, the teacher's other classes are read in the background (review 22: the first switch to
another class took 1-1.6 s on a year of answers, every later switch 0.1 s).

Only classes already calibrated are read ahead; one never calibrated is left to the moment the teacher
chooses it (calibrating takes up to a minute and says so on screen).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from engine.bench.classroom import add_twin_class
from engine.classroom import Classroom, calibration, live
from tests.gui.conftest import finish_jobs
from tests.gui.test_found_in_use import click_nav
from tests.gui.test_teachers_day import wait_until


def test_other_calibrated_classes_are_read_after_start_and_the_first_switch_finds_them_ready(make_window):
    window = make_window()
    finish_jobs()
    store, first = window.context.store, window.context.class_id
    room = Classroom(store)
    second = add_twin_class(store, first, "Second class")  # the class box sorts by name: Demo class, Second class
    room.prepare(second)
    never = add_twin_class(store, first, "Third class")
    calibration.forget(store, never)
    live.forget()  # as in a new process: nothing read yet
    window.reload_classes()
    assert not live.is_calibrated(store, second)

    window.prepare_current_class()  # what the app starts right after its window is shown
    finish_jobs()
    assert live.is_calibrated(store, first) and live.is_calibrated(store, second), "read ahead"
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
