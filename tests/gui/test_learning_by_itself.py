"""Learning on the laptop by itself (feature 8: "the model keeps improving from the class's own data in the
background"): it ran only when the teacher pressed "Improve the model on this class" (review 39a)."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox

from engine.classroom import api
from engine.store.classes import learned_setting
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, spin, type_text
from tests.gui.test_practice import answer, click, start, tap_name


def a_practice_turn(window, answers: int = 3):
    """The teacher starts practice mode, a child answers ``answers`` questions, the teacher leaves with the password."""
    page = start(window, length=answers)
    tap_name(page)
    for n in range(answers):
        answer(page, right=n % 2 == 0)
        spin(50)
        assert not any(window.context.store.get_setting(learned_setting(c.id)) for c in window.context.store.list_classes()), \
            "no learning while a child practises: the next question comes first"
        click(page.next_button)  # the next question, then the end screen
    click(page.next_student_button)
    leave = DialogAnswers().expect(type_text("owl-42", then_press=None))  # Enter, in either language
    click(page.leave_button)
    leave.finish()
    assert not window.context.practice_locked
    spin(100)  # learning starts once the teacher is back
    finish_jobs()


def test_after_enough_new_answers_the_class_learns_by_itself_once_no_child_practises(make_window, real_dialogs, monkeypatch):
    monkeypatch.setattr(api, "LEARN_EVERY_ANSWERS", 3)
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    model_page = window.page("model")
    a_practice_turn(window)
    answers = sum(store.answer_counts(class_id).values())
    assert store.get_setting(learned_setting(class_id)) == {"answers": answers}
    window.open_page("model")
    assert "Press “Improve the model on this class”" not in model_page.fit_text.text()
    assert "The model predicts" in model_page.fit_text.text(), model_page.fit_text.text()
    assert model_page.progress_text.text() == "Done." and model_page.improve_button.isEnabled()


def test_the_teacher_can_keep_learning_to_the_button(make_window, real_dialogs, monkeypatch):
    monkeypatch.setattr(api, "LEARN_EVERY_ANSWERS", 3)
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    box = window.open_page("model").findChild(QCheckBox, "learnByItself")
    assert box.isChecked() and box.text() == "Also learn by itself after every 3 new answers (every class on this laptop)"
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().topLeft() + QPoint(8, 8))
    assert not box.isChecked()
    a_practice_turn(window)
    assert store.get_setting(learned_setting(class_id)) is None, "turned off: it learns only when the teacher presses Improve"
    window.open_page("model")
    assert window.page("model").findChild(QCheckBox, "learnByItself").isChecked() is False, "the choice is kept"
