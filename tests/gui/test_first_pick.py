"""New quiz → Pick on a class never calibrated: the ticks come at once, the class's model follows.

The class is made new again (its stored calibration forgotten) and another thread holds
the class, as a long first calibration on a year of answers would. Pressing Pick must tick
a first guess and enable OK while the class is still held; once it is free, the class is
calibrated in the background (once, then stored) and its pick replaces the first guess.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from engine.classroom import Classroom, calibration, live
from tests.classroom.holding import hold_the_class
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, press
from tests.gui.test_found_in_use import click, click_nav
from tests.gui.test_teachers_day import wait_until


def in_new_quiz_dialog(page, step) -> None:
    """Press the quiz screen's real New quiz button and run ``step`` on the dialog it opens."""
    answers = DialogAnswers().expect(step)
    click(page.new_button)
    answers.finish(timeout_ms=90000)
    finish_jobs()


def test_the_first_pick_ticks_a_first_guess_at_once_then_the_class_model_pick(make_window, app, real_dialogs):
    window = make_window()
    finish_jobs()
    store, class_id = window.context.store, window.context.class_id
    calibration.forget(store, class_id)
    live.forget()
    assert Classroom(store).first_look(class_id)
    click_nav(window, "quiz")
    finish_jobs()
    page = window.pages["quiz"]
    seen: dict[str, object] = {}
    release, holder = hold_the_class(store, class_id)

    def pick_while_the_class_is_held(dialog) -> None:
        try:
            click(dialog.pick_button)
            wait_until(lambda: dialog.ok_button.isEnabled(), timeout_ms=10000)
            seen["first"] = set(dialog.chosen_ids())
            seen["note"] = dialog.pick_note.text()
            assert dialog.pick_note.isVisible() and dialog.pick_busy.isVisible()
            assert dialog.final_job is not None and dialog.final_job.is_running  # waiting for the class, not the teacher
            assert not dialog.pick_button.isEnabled()  # until the class's model has picked
        finally:
            release.set()
        wait_until(lambda: not dialog.final_job.is_running, timeout_ms=60000)
        seen["final"] = set(dialog.chosen_ids())
        seen["final_note"] = dialog.pick_note.text()
        assert not dialog.pick_busy.isVisible() and dialog.pick_button.isEnabled()
        click(dialog.ok_button)

    in_new_quiz_dialog(page, pick_while_the_class_is_held)
    holder.join(10)
    assert seen["first"] and "first pick" in str(seen["note"])
    assert seen["final_note"] == "Picked with this class's model."
    room = Classroom(store)
    assert not room.first_look(class_id)  # calibrated once and stored
    assert seen["final"] == set(room.pick_quiz_exercises(class_id, 2))
    quiz = max(store.list_quizzes(class_id), key=lambda q: q.id)  # the one just made
    assert {e.id for e in store.quiz_exercises(quiz.id)} == seen["final"]


def test_ticks_the_teacher_changed_during_the_calibration_are_kept(make_window, app, real_dialogs):
    window = make_window()
    finish_jobs()
    store, class_id = window.context.store, window.context.class_id
    calibration.forget(store, class_id)
    live.forget()
    click_nav(window, "quiz")
    finish_jobs()
    page = window.pages["quiz"]
    seen: dict[str, object] = {}
    release, holder = hold_the_class(store, class_id)

    def pick_then_untick_one(dialog) -> None:
        try:
            click(dialog.pick_button)
            wait_until(lambda: dialog.ok_button.isEnabled(), timeout_ms=10000)
            ticked = next(i for i in range(dialog.list.count()) if dialog.list.item(i).checkState() == Qt.CheckState.Checked)
            item = dialog.list.item(ticked)
            dialog.list.scrollToItem(item)
            # the teacher unticks it: a click on its words (review 45)
            QTest.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=dialog.list.visualItemRect(item).center())
            assert item.checkState() == Qt.CheckState.Unchecked
            seen["teacher"] = set(dialog.chosen_ids())
        finally:
            release.set()
        wait_until(lambda: not dialog.final_job.is_running, timeout_ms=60000)
        seen["after"] = set(dialog.chosen_ids())
        seen["note"] = dialog.pick_note.text()
        click(dialog.ok_button)

    in_new_quiz_dialog(page, pick_then_untick_one)
    holder.join(10)
    assert seen["after"] == seen["teacher"] and "your ticks are kept" in str(seen["note"])
    assert not Classroom(store).first_look(class_id)  # the calibration was made and stored all the same


def test_pick_adds_to_what_the_teacher_ticked_herself(make_window, app, real_dialogs):
    """Review 24: ticking an exercise, then Pick, unticked it (25 chosen became 24)."""
    window = make_window()
    finish_jobs()
    click_nav(window, "quiz")
    finish_jobs()
    page = window.pages["quiz"]
    seen: dict[str, object] = {}

    def tick_one_then_pick(dialog) -> None:
        item = dialog.list.item(dialog.list.count() - 1)  # far down the list: not what Pick chooses first
        dialog.list.scrollToItem(item)
        QTest.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=dialog.list.visualItemRect(item).center())
        assert item.checkState() == Qt.CheckState.Checked, "the teacher ticks it with a click on its words (review 45)"
        QTest.keyClick(dialog.list, Qt.Key.Key_Space)  # and Space unticks and ticks it again
        assert item.checkState() == Qt.CheckState.Unchecked
        QTest.keyClick(dialog.list, Qt.Key.Key_Space)
        seen["own"] = item.data(Qt.ItemDataRole.UserRole)
        for _ in range(2):  # a second Pick replaces the first pick's ticks, never the teacher's
            click(dialog.pick_button)
            wait_until(lambda: dialog.job is not None and not dialog.job.is_running, timeout_ms=30000)
            finish_jobs()
        seen["chosen"] = set(dialog.chosen_ids())
        seen["label"] = dialog.count_label.text()
        click(dialog.ok_button)

    in_new_quiz_dialog(page, tick_one_then_pick)
    picked = set(Classroom(window.context.store).pick_quiz_exercises(window.context.class_id, 2))
    assert seen["own"] not in picked, "the test needs an exercise Pick would not choose"
    assert seen["chosen"] == picked | {seen["own"]}
    assert seen["label"] == f"{len(picked) + 1} exercises chosen."


def test_a_long_question_wraps_in_the_new_quiz_list_its_skill_in_sight(make_window, real_dialogs):
    """Review 48b: at 1366×768 a long question pushed its [Counting] out of the 720-pixel dialog, sideways."""
    window = make_window()
    click_nav(window, "quiz")
    finish_jobs()
    seen: dict[str, object] = {}

    def look(dialog) -> None:
        listing = dialog.list
        longest = max((listing.item(i) for i in range(listing.count())), key=lambda item: len(item.text()))
        seen["wide"] = listing.fontMetrics().horizontalAdvance(longest.text()) > listing.viewport().width()
        seen["scrolls"] = listing.horizontalScrollBar().maximum()
        seen["fits"] = listing.visualItemRect(longest).right() <= listing.viewport().width()
        press("Cancel")(dialog)

    in_new_quiz_dialog(window.pages["quiz"], look)
    assert seen == {"wide": True, "scrolls": 0, "fits": True}
