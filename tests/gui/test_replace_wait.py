"""Edit quiz → Replace…: never an empty table behind a fixed line (review 22, finding 8).

A class never calibrated gets proposals at once from its answers alone (as New quiz → Pick
does), then the class's model's proposals once it is calibrated in the background; any wait
longer than a moment shows a moving bar. Another thread holds the class, as a long
calibration on a year of answers would, so the test does not depend on the machine's speed.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from engine.classroom import Classroom, calibration, live, quiz_edit
from tests.classroom.holding import hold_the_class
from tests.gui.conftest import finish_jobs
from tests.gui.test_quiz_edit import click_row
from tests.gui.test_teachers_day import wait_until
from tests.gui.dialogs import DialogAnswers, find_button


def open_replace(page, seen: dict, while_open) -> None:
    """Edit quiz… → click the first question → Replace…; ``while_open(dialog)`` answers the replacement dialog."""

    def edit(dialog) -> None:
        seen["first"] = dialog.questions[0]
        click_row(dialog.table, 0)
        QTest.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)  # returns once the replacement dialog closed
        seen["after"] = dialog.questions[0]
        QTest.mouseClick(find_button(dialog, dialog.tr("Cancel")), Qt.MouseButton.LeftButton)

    answers = DialogAnswers().expect(edit, while_open)
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    answers.finish(timeout_ms=90000)
    finish_jobs()


@pytest.mark.parametrize("language, first_note, final_note", [
    ("en", "A first choice, from the answers alone.", "Chosen with this class's model. Click one to use it."),
    ("zh_CN", "先根据作答记录给出初步选择。", "已用这个班级的模型选出。点击一道题来使用。"),
])
def test_a_class_never_calibrated_gets_proposals_at_once_then_its_model_s(make_window, app, real_dialogs, language, first_note,
                                                                        final_note):
    window = make_window(language=language)
    finish_jobs()
    store, class_id = window.context.store, window.context.class_id
    page = window.open_page("quiz")
    quiz_id = page.current_quiz()
    calibration.forget(store, class_id)
    live.forget()
    assert Classroom(store).first_look(class_id)
    seen: dict = {}
    release, holder = hold_the_class(store, class_id)

    def replace_while_the_class_is_held(dialog) -> None:
        try:
            wait_until(lambda: dialog.table.rowCount() > 0, timeout_ms=10000)  # the first guess, while the class is held
            seen["first_note"] = dialog.status.text()
            assert dialog.busy.isVisible() and dialog.final_job.is_running
        finally:
            release.set()
        wait_until(lambda: not dialog.final_job.is_running, timeout_ms=60000)
        seen["final_note"] = dialog.status.text()
        seen["proposals"] = [p.exercise.id for p in dialog.proposals]
        assert not dialog.busy.isVisible()
        click_row(dialog.table, 0)
        QTest.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)

    open_replace(page, seen, replace_while_the_class_is_held)
    holder.join(10)
    assert seen["first_note"].startswith(first_note)
    assert seen["final_note"] == final_note
    room = Classroom(store, language)
    assert not room.first_look(class_id)  # calibrated once and stored meanwhile
    in_quiz = store.get_quiz(quiz_id).exercise_ids
    expected = quiz_edit.replacement_proposals(room, class_id, quiz_id, seen["first"].id, 3, in_quiz)
    assert seen["proposals"] == [p.exercise.id for p in expected]
    assert seen["after"].id == expected[0].exercise.id


def test_a_wait_longer_than_a_moment_shows_a_moving_bar(make_window, app, real_dialogs):
    window = make_window()
    finish_jobs()
    store, class_id = window.context.store, window.context.class_id
    page = window.open_page("quiz")
    Classroom(store).service(class_id)  # calibrated and stored: no first guess; the class's model answers
    assert not Classroom(store).first_look(class_id)
    seen: dict = {}
    release, holder = hold_the_class(store, class_id)

    def look_while_held(dialog) -> None:
        try:
            wait_until(lambda: dialog.busy.isVisible(), timeout_ms=5000)
            bar = dialog.busy
            seen["moving"] = bar.minimum() == bar.maximum() == 0
            assert dialog.table.rowCount() == 0
        finally:
            release.set()
        wait_until(lambda: dialog.table.rowCount() > 0, timeout_ms=60000)
        seen["hidden"] = not dialog.busy.isVisible()
        seen["note"] = dialog.status.text()
        QTest.mouseClick(find_button(dialog, "Cancel"), Qt.MouseButton.LeftButton)

    open_replace(page, seen, look_while_held)
    holder.join(10)
    assert seen["moving"] and seen["hidden"] and seen["note"] == "Click one to use it."
