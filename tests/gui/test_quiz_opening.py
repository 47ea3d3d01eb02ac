"""Paper quiz opens on the newest quiz (or the one the teacher last chose, across restarts), and keys typed
before the teacher clicks into the results grid never change a mark (review 22, finding 3)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from engine.classroom import Classroom
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import spin
from tests.gui.test_found_in_use import click_nav


def all_marks(store, class_id) -> dict:
    return {quiz.id: store.quiz_scores(quiz.id) for quiz in store.list_quizzes(class_id)}


def open_quiz_screen(window):
    window.activateWindow()  # keys and clicks go where a teacher's would: to the focused widget of the active window
    for _ in range(100):
        if window.isActiveWindow():
            break
        spin(10)
    assert window.isActiveWindow()
    click_nav(window, "quiz")
    finish_jobs()
    return window.pages["quiz"]


def click_cell(grid, row: int, column: int) -> None:
    grid.scrollTo(grid.model().index(row, column))
    rect = grid.visualRect(grid.model().index(row, column))
    QTest.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_screen_opens_on_the_newest_quiz_and_typing_changes_no_mark_until_a_cell_is_clicked(make_window, language):
    window = make_window(language=language)
    store, class_id = window.context.store, window.context.class_id
    quizzes = store.list_quizzes(class_id)  # newest first
    assert len(quizzes) >= 2
    page = open_quiz_screen(window)
    assert page.quiz_combo.currentData() == quizzes[0].id and page.quiz_combo.currentText() == quizzes[0].title
    assert not page.grid.hasFocus()
    before = all_marks(store, class_id)
    typed_into = QApplication.focusWidget() or window
    QTest.keyClicks(typed_into, "1010a")
    QTest.keyClick(typed_into, Qt.Key.Key_Delete)
    assert all_marks(store, class_id) == before, "keys typed on opening the screen changed marks"

    click_cell(page.grid, 0, 0)  # the teacher clicks into the grid: now the keys mark
    assert page.grid.hasFocus()
    student, exercise = page.model.students[0], page.model.exercises[0]
    old = store.quiz_scores(page.current_quiz()).get((student.id, exercise.id))
    QTest.keyClicks(page.grid, "0" if old == 1.0 else "1")
    assert store.quiz_scores(page.current_quiz())[(student.id, exercise.id)] == (0.0 if old == 1.0 else 1.0)


def test_a_fully_marked_quiz_has_no_cursor_and_a_new_quiz_starts_at_its_first_cell(make_window):
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    students = store.list_students(class_id)
    quiz = store.list_quizzes(class_id)[0]
    exercises = store.get_quiz(quiz.id).exercise_ids
    room = Classroom(store)
    for student in students:  # every mark in, as after a teacher finished typing
        for exercise in exercises:
            if (student.id, exercise) not in store.quiz_scores(quiz.id) and student.id not in store.quiz_absent(quiz.id):
                room.set_quiz_score(class_id, quiz.id, student.id, exercise, 1.0)
    page = open_quiz_screen(window)
    assert page.quiz_combo.currentData() == quiz.id
    assert not page.grid.currentIndex().isValid(), "a quiz whose marks are all in gets no cursor"
    new_id = page.create_quiz("Monday quiz", list(exercises[:3]))
    assert page.quiz_combo.currentData() == new_id
    assert (page.grid.currentIndex().row(), page.grid.currentIndex().column()) == (0, 0)
    assert not page.grid.hasFocus()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_quiz_the_teacher_chose_comes_back_after_a_restart_and_a_language_switch(make_window, language):
    window = make_window(language=language)
    store, class_id = window.context.store, window.context.class_id
    quizzes = store.list_quizzes(class_id)
    page = open_quiz_screen(window)
    page.quiz_combo.setFocus()
    QTest.keyClick(page.quiz_combo, Qt.Key.Key_Down)  # the teacher picks the next (older) quiz with the keyboard
    chosen = quizzes[1]
    assert page.quiz_combo.currentData() == chosen.id
    window.close()

    other = "zh_CN" if language == "en" else "en"
    again = make_window(language=other)  # a restart on the same data folder, in the other language
    assert again.context.class_id == class_id
    page = open_quiz_screen(again)
    assert page.quiz_combo.currentData() == chosen.id and page.quiz_combo.currentText() == chosen.title
    assert not page.grid.hasFocus()
