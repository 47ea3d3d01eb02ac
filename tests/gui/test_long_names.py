"""A very long name from a roster leaves the quiz grid and the dashboard usable at 1366x768 (review 40a: a 93-character
name took 655 px of the grid, leaving room for 4 of 12 questions, and pushed the dashboard past the window)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from desktop.views.base import NAME_ROOM
from engine.classroom import Changes
from tests.gui.conftest import finish_jobs
from tests.gui.test_table_exports import press_export

LONG = "Bartholomew Maximilian Alexander Wolfgang von Hohenzollern-Sigmaringen-Falkenbergerdorff-Montgomery-Smythe"


def a_class_with_a_long_name(make_window):
    window = make_window()
    window.resize(1366, 768)
    store, class_id = window.context.store, window.context.class_id
    store.update_student(store.list_students(class_id)[0].id, name=LONG)  # as a roster file brought it
    window.context.changed(Changes(students=True))
    return window


def test_the_quiz_grid_shows_every_question_beside_a_very_long_name(make_window, qtbot, monkeypatch, tmp_path):
    window = a_class_with_a_long_name(make_window)
    store = window.context.store
    numeric = [e.id for e in store.list_exercises() if e.kind == "numeric"][:12]
    page = window.open_page("quiz")
    page.create_quiz("Week 1 check", numeric)
    finish_jobs()
    grid = page.grid
    header = grid.verticalHeader()
    assert header.width() <= NAME_ROOM + 60
    last = page.model.index(0, len(numeric))  # the Total column
    assert grid.visualRect(last).right() <= grid.viewport().width(), "every question and the total in sight"
    assert header.textElideMode() == Qt.TextElideMode.ElideMiddle  # drawn cut in the middle ("Bartholomew Max…-Smythe")
    exported = press_export(qtbot, monkeypatch, page.export_button, tmp_path / "quiz.csv")
    assert LONG in [row[1] for row in exported], "review 40c: the export had the name cut as drawn (after the number)"


def test_the_dashboard_fits_the_window_beside_a_very_long_name(make_window):
    window = a_class_with_a_long_name(make_window)
    page = window.open_page("dashboard")
    finish_jobs()
    scroll = page.findChild(QScrollArea)
    assert not scroll.horizontalScrollBar().isVisible()
    assert page.heatmap.sizeHint().width() <= scroll.viewport().width()
