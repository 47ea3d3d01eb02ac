"""Practice mode: locked teacher screens, adaptive exercises, instant grading, password to leave."""
from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import security
from desktop.views.practice import CHOSEN_CHOICE, EnterButton
from tests.gui.conftest import finish_jobs
from engine.classroom import grading
from engine.store import Store
from tests.gui.dialogs import spin
from tests.gui.test_found_in_use import click


LEFT = Qt.MouseButton.LeftButton


def start(window, length: int | None = None):
    """The teacher's start screen: choose the turn length (typed into the box), press Start."""
    security.set_teacher_password(window.context.store, "owl-42")
    page = window.open_page("practice")
    if length is not None:
        page.length_spin.selectAll()
        QTest.keyClicks(page.length_spin, str(length))
        QTest.keyClick(page.length_spin, Qt.Key.Key_Tab)
    click(page.start_button)
    finish_jobs()
    return page


def tap_name(page, row: int = 0):
    """Tap a name in the list, then the big Start button."""
    item = page.name_list.item(row)
    QTest.mouseClick(page.name_list.viewport(), LEFT, pos=page.name_list.visualItemRect(item).center())
    click(page.go_button)
    return item.data(Qt.ItemDataRole.UserRole)


def answer(page, right: bool) -> None:
    """Tap a choice (or type the answer) and press Check (or Enter in the answer box)."""
    exercise = page.class_data.exercises[page.step.exercise_id]
    if exercise.choices:
        text = exercise.answer if right else next(c for c in exercise.choices if c != exercise.answer)
        click(page.choice_group.button(exercise.choices.index(text)))
        click(page.check_button)
    else:
        QTest.keyClicks(page.answer_edit, exercise.answer if right else "definitely wrong")
        QTest.keyClick(page.answer_edit, Qt.Key.Key_Return)


def test_practice_session_records_graded_answers_and_locks_teacher_screens(make_window):
    from PySide6.QtWidgets import QApplication

    window = make_window()
    store = window.context.store
    QApplication.clipboard().setText("TEACHER-RECOVERY-KEY")  # review 28b: pasted into an answer, it took the password
    page = start(window, length=4)
    assert window.context.practice_locked
    assert QApplication.clipboard().text() == "", "what the teacher copied is gone before a child sits down"
    assert not window.nav.isEnabled() and not window.menuBar().isEnabled() and not window.menuBar().isVisible()
    assert not window.nav.isVisible() and not window.toolbar.isVisible()
    window.open_page("dashboard")
    assert window.current_key() == "practice"

    names = [page.name_list.item(i).text() for i in range(page.name_list.count())]
    assert names == [s.name for s in store.list_students(window.context.class_id)]
    before = len(store.class_log(window.context.class_id))
    student = tap_name(page)
    assert page.hello.text() == f"Hello, {student.name}!"

    for number in range(1, 4):
        assert page.progress_label.text() == f"{number} of 4"
        exercise = page.class_data.exercises[page.step.exercise_id]
        assert exercise.kind in grading.AUTO_GRADED
        answer(page, right=True)
        assert page.feedback.text().startswith("Right! Well done.")
        assert page.stars.text().count("★") == number
        spin(int(EnterButton.PAUSE_S * 1000) + 50)  # a child reads the feedback, then presses Enter
        QTest.keyClick(page.next_button, Qt.Key.Key_Return)  # Enter goes on
    exercise = page.class_data.exercises[page.step.exercise_id]
    answer(page, right=False)
    feedback = page.feedback.text()
    assert feedback.startswith("Good try!") and f"The answer is {exercise.answer}." in feedback
    assert page.progress_label.text() == "4 of 4" and page.stars.text().count("★") == 3 and page.stars.text().count("☆") == 1
    assert page.next_button.text() == "See my stars ➜"

    responses = store.class_log(window.context.class_id); sources = responses.extra["source"]
    assert len(responses) == before + 4
    mine = [c for s, c in zip(responses.student_ids, responses.correct) if s == str(student.id)][-4:]
    assert list(mine) == [1.0, 1.0, 1.0, 0.0]

    click(page.next_button)
    assert page.pages.currentIndex() == page.END
    assert page.end_title.text() == f"Well done, {student.name}!"
    assert "You got 3 stars for 4 answers." in page.end_text.text()
    click(page.next_student_button)
    assert page.pages.currentIndex() == page.NAMES and not page.go_button.isEnabled()


def test_the_teacher_chooses_the_turn_length_and_it_is_kept(make_window):
    window = make_window()
    page = start(window, length=5)
    assert window.context.store.get_setting("practice_session_length") == 5
    tap_name(page, 1)
    assert page.progress_label.text() == "1 of 5" and page.stars.text().count("○") == 5
    assert page.leave_practice("owl-42")
    page.refresh()
    assert page.length_spin.value() == 5


def test_a_child_can_stop_early_and_sees_the_end_screen(make_window):
    window = make_window()
    page = start(window)
    student = tap_name(page, 2)
    answer(page, right=True)
    click(page.done_button)
    assert page.pages.currentIndex() == page.END
    assert "You got 1 star for 1 answer." in page.end_text.text()
    assert student.name in page.end_title.text()
    QTest.keyClick(page.next_student_button, Qt.Key.Key_Return)  # a second Enter at once: the stars stay (review 27e)
    assert page.pages.currentIndex() == page.END
    spin(int(EnterButton.PAUSE_S * 1000) + 50)
    QTest.keyClick(page.next_student_button, Qt.Key.Key_Return)
    assert page.pages.currentIndex() == page.NAMES


def test_a_child_who_stops_before_answering_is_not_told_there_are_no_exercises(make_window):
    """Review 27: "I am done" on the first question said "There are no exercises for you right now"."""
    window = make_window()
    page = start(window)
    student = tap_name(page, 2)
    click(page.done_button)
    assert page.pages.currentIndex() == page.END and student.name in page.end_title.text()
    assert page.end_text.text() == "You stopped before the first question. Now let the next student have a turn."


def test_a_quick_second_enter_does_not_skip_the_feedback(make_window):
    """Review 27d: Enter twice (or a bouncing key) checked the answer and went on at once: the child never saw it."""
    window = make_window()
    page = start(window)
    tap_name(page, 1)
    first = page.step.exercise_id
    answer(page, right=False)
    shown = page.feedback.text()
    QTest.keyClick(page.next_button, Qt.Key.Key_Return)  # the second press of a double Enter
    assert page.step.exercise_id == first and page.feedback.text() == shown and shown
    spin(int(EnterButton.PAUSE_S * 1000) + 50)
    QTest.keyClick(page.next_button, Qt.Key.Key_Return)
    assert page.step.exercise_id != first or page.pages.currentIndex() == page.END


def test_a_double_tap_on_check_does_not_skip_the_feedback(make_window):
    """Review 28c: "Next" takes the place of "Check", so the second tap of a double tap pressed it at once."""
    window = make_window()
    page = start(window)
    tap_name(page, 1)
    first = page.step.exercise_id
    exercise = page.class_data.exercises[first]
    if exercise.choices:
        click(page.choice_group.button(exercise.choices.index(next(c for c in exercise.choices if c != exercise.answer))))
    else:
        QTest.keyClicks(page.answer_edit, "definitely wrong")
    click(page.check_button)
    shown = page.feedback.text()
    assert shown and page.next_button.isVisible()
    QTest.mouseClick(page.next_button, LEFT)  # the second tap, where Check was
    QTest.keyClick(page.next_button, Qt.Key.Key_Space)  # or a second Space (review 28d)
    assert page.step.exercise_id == first and page.feedback.text() == shown
    spin(int(EnterButton.PAUSE_S * 1000) + 50)
    click(page.next_button)
    assert page.step.exercise_id != first or page.pages.currentIndex() == page.END


def test_the_childs_screen_is_big_enough_for_a_seven_year_old_on_a_laptop(make_window):
    window = make_window()
    window.resize(1366, 768)
    page = start(window)
    tap_name(page)
    spin(50)
    assert page.prompt.font().pixelSize() >= 28
    exercise = page.class_data.exercises[page.step.exercise_id]
    pressable = [page.check_button, page.done_button] + list(page.choice_group.buttons())
    for button in pressable:
        assert button.isVisible() and button.height() >= 64 and button.font().pixelSize() >= 20, button.text()
    if not exercise.choices:
        assert page.answer_edit.height() >= 64 and page.answer_edit.font().pixelSize() >= 28
    answer(page, right=False)
    assert page.next_button.isVisible() and page.next_button.height() >= 64
    window_rect = window.rect()
    for widget in [page.prompt, page.feedback, page.next_button, page.done_button, page.progress_label, page.stars]:
        corner = widget.mapTo(window, widget.rect().bottomRight())
        assert window_rect.contains(corner), f"{widget.objectName()} is off the 1366x768 window"


def test_leaving_practice_needs_the_teacher_password(make_window):
    window = make_window()
    page = start(window)
    assert not page.leave_practice("wrong")
    assert window.context.practice_locked
    assert page.leave_practice("owl-42")
    assert not window.context.practice_locked and window.nav.isEnabled() and window.nav.isVisible()
    window.open_page("dashboard")
    assert window.current_key() == "dashboard"


def test_password_is_stored_as_a_hash_and_checked(data_dir):
    store = Store.open(data_dir)
    assert not security.verify_teacher_password(store, "")
    recovery_key = security.set_teacher_password(store, "owl-42")
    assert recovery_key
    stored = store.get_setting("teacher_password_hash")
    assert stored.startswith("$argon2") and "owl-42" not in stored
    assert security.verify_teacher_password(store, "owl-42")
    assert not security.verify_teacher_password(store, "owl-43")


def test_grading_of_each_kind():
    from engine.classroom.grading import grade
    from engine.store.records import Exercise

    def ExerciseInfo(key, prompt, kind, answer, choices=()):
        return Exercise(int(key), key, kind, prompt, answer, tuple(choices))

    number = ExerciseInfo("1", "Half of 1?", "numeric", "0.5")
    assert grade(number, "0,5") == 1.0 and grade(number, ".5") == 1.0 and grade(number, "1/2") == 1.0
    assert grade(number, "0.6") == 0.0 and grade(number, "half") == 0.0
    assert grade(number, "½") == 1.0 and grade(ExerciseInfo("4", "1 + ½?", "numeric", "1.5"), "1½") == 1.0  # review 29a
    assert grade(ExerciseInfo("5", "Half as a fraction?", "short_text", "1/2"), "½") == 1.0
    text = ExerciseInfo("2", "Capital of France?", "short_text", "Paris")
    assert grade(text, "  paris. ") == 1.0 and grade(text, "Lyon") == 0.0
    choice = ExerciseInfo("3", "Bigger?", "multiple_choice", "1/2", ("1/2", "1/3"))
    assert grade(choice, "1/2") == 1.0 and grade(choice, "1/3") == 0.0


def test_practice_uses_the_class_model_with_knowledge_tracing_like_next_steps(make_window, monkeypatch):
    from engine.model.traced import TracedModel
    from tests.adapt.conftest import TinySkillModel

    from engine.classroom import Classroom, live, models

    monkeypatch.setattr(models, "class_model", lambda store, class_id: TinySkillModel())  # a static model
    live.forget()
    window = make_window()
    page = start(window)
    tap_name(page)
    service = Classroom(window.context.store).service(window.context.class_id)
    assert isinstance(page.session.model, TracedModel) and page.session.model.response is service.model()
    from dataclasses import replace

    from engine.adapt.service import PRACTICE_REPEAT_WINDOW

    assert page.session.config == replace(service.config, repeat_window=PRACTICE_REPEAT_WINDOW)  # a longer window (38b)


def test_a_short_text_answer_off_the_key_waits_for_the_teacher_instead_of_counting_as_wrong(make_window):
    window = make_window(demo=False)
    store = window.context.store
    class_id = store.create_class("3A")
    store.add_student(class_id, "Mia")
    window.context.resolve_class()
    window.reload_classes()
    for exercise in store.list_exercises():  # a bank of one written question
        store.delete_exercise(exercise.id)
    skill = store.add_skill("Weather", skill_id="weather")
    exercise = store.add_exercise("Why do we see lightning before we hear thunder?", "short_text",
                                  answer="Light travels faster than sound", skills=[skill])
    second = store.add_exercise("What do we call frozen water?", "short_text", answer="Ice", skills=[skill])
    page = start(window, length=2)
    tap_name(page)
    assert page.step.exercise_id == str(exercise)
    QTest.keyClicks(page.answer_edit, "because light is quicker")
    QTest.keyClick(page.answer_edit, Qt.Key.Key_Return)
    assert page.feedback.text() == "Thank you! Your teacher will read your answer."
    assert "The answer is" not in page.feedback.text() and page.stars.text().count("★") == 0
    assert page.stars.text().count("✎") == 1 and page.stars.text().count("☆") == 0  # not shown as a wrong answer
    assert len(store.class_log(class_id)) == 0  # not an answer the model sees until it is marked
    assert [(q.answer, q.source) for q in store.queued_answers(class_id)] == [("because light is quicker", "practice")]
    click(page.next_button)
    assert page.step.exercise_id == str(second), "a turn never asks the same question twice"
    QTest.keyClicks(page.answer_edit, "ice.")
    QTest.keyClick(page.answer_edit, Qt.Key.Key_Return)
    assert page.feedback.text().startswith("Right! Well done.")
    assert list(store.class_log(class_id).correct) == [1.0] and len(store.queued_answers(class_id)) == 1
    click(page.done_button)  # the child stops: one star, and the answer the teacher will read
    assert page.end_text.text() == ("You got 1 star for 2 answers. Your teacher will read 1 of your answers. "
                                    "Now let the next student have a turn.")


def on_a_choice_question(window):
    """Start a turn of ten and answer right until a multiple-choice question shows."""
    page = start(window, length=10)
    tap_name(page)
    for _ in range(10):
        if page.class_data.exercises[page.step.exercise_id].choices:
            return page
        answer(page, right=True)
        click(page.next_button)
    raise AssertionError("no multiple-choice question within ten")


def test_after_a_wrong_choice_the_child_sees_both_their_pick_and_the_answer(make_window):
    """Review 24: the child's own pick was greyed like the choices never touched."""
    page = on_a_choice_question(make_window())
    exercise = page.class_data.exercises[page.step.exercise_id]
    answer(page, right=False)
    buttons = page.choice_group.buttons()
    picked = next(b for b in buttons if b.isChecked())
    right = next(b for b in buttons if b.text() == exercise.answer)
    others = [b for b in buttons if b not in (picked, right)]
    assert "dashed" in picked.styleSheet() and "solid" in right.styleSheet()
    assert all(b.styleSheet() == CHOSEN_CHOICE for b in others), "never chosen: the look of any choice"


def _colour(widget, point):
    return widget.grab().toImage().pixelColor(point)


def test_a_chosen_choice_stands_out_in_blue_before_check(make_window):
    """Review 36d: the chosen choice was a faint grey, hard to tell from the others."""
    from PySide6.QtCore import QPoint

    page = on_a_choice_question(make_window())
    chosen, other = page.choice_group.buttons()[:2]
    click(chosen)
    inside = QPoint(12, chosen.height() // 2)
    blue, plain = _colour(chosen, inside), _colour(other, inside)
    assert blue.blue() - blue.red() > 40, blue.name()
    assert abs(plain.blue() - plain.red()) < 15, plain.name()


def test_no_name_looks_chosen_before_a_child_taps_one(make_window):
    """Review 36d: the first name looked chosen (Qt makes it current) before anyone tapped it."""
    from PySide6.QtCore import QPoint

    window = make_window()
    page = start(window)
    names = page.name_list
    spin(50)

    def tile_colour(row):
        rect = names.visualItemRect(names.item(row))
        return _colour(names.viewport(), QPoint(rect.right() - 12, rect.center().y()))

    assert tile_colour(0) == tile_colour(1) == tile_colour(2)
    QTest.mouseClick(names.viewport(), LEFT, pos=names.visualItemRect(names.item(1)).center())
    picked = tile_colour(1)
    assert picked.blue() - picked.red() > 40, picked.name()
    assert tile_colour(0) == tile_colour(2)


def test_a_turn_with_no_star_ends_with_thanks_not_well_done(make_window):
    """Review 26: "Well done, 张伟!" stood over 0 stars."""
    window = make_window()
    page = start(window, length=3)
    student = tap_name(page)
    for _ in range(3):
        answer(page, right=False)
        click(page.next_button)
    assert page.pages.currentIndex() == page.END
    assert page.end_title.text() == f"Thank you for trying, {student.name}!"
    assert "You got 0 stars for 3 answers. Every try helps you learn. Keep going!" in page.end_text.text()  # review 38d


@contextlib.contextmanager
def disk_full(monkeypatch):
    """A full disk meanwhile: no answer of practice mode (marked or waiting for the teacher) is saved."""
    from engine.errors import DiskFullError
    from engine.store import Store

    def refuse(*args, **kwargs):
        raise DiskFullError("The disk is full: the answer was not saved.")

    with monkeypatch.context() as disk:
        disk.setattr(Store, "record_response", refuse)
        disk.setattr(Store, "queue_answer", refuse)
        yield


def test_with_the_disk_full_check_tells_the_child_and_the_teacher_hears_it_on_leaving(make_window, monkeypatch, real_dialogs):
    """Review 29b: with the disk full, Check did nothing at all (no feedback, no Next), each tap raising in the slot."""
    from tests.gui.dialogs import DialogAnswers, press, type_text

    window = make_window()
    page = start(window)
    tap_name(page)
    saved = len(window.context.store.list_responses())
    with disk_full(monkeypatch):
        answer(page, right=True)
        assert "could not be saved" in page.feedback.text() and "teacher" in page.feedback.text()
        assert page.check_button.isVisible() and not page.next_button.isVisible(), "the child can try again"
    click(page.check_button)  # space was freed: the same answer is saved now
    assert page.next_button.isVisible() and len(window.context.store.list_responses()) == saved + 1
    click(page.next_button)
    with disk_full(monkeypatch):  # the next answer is not saved: the teacher hears of that one only
        answer(page, right=False)
        click(page.check_button)

    click(page.done_button)
    click(page.next_student_button)  # back to the names, where the teacher leaves practice mode
    seen = DialogAnswers().expect(type_text("owl-42"), press("OK"))
    click(page.leave_button)
    _, warning = seen.finish()
    assert warning.title == "Answers not saved" and "could not be saved (1 in all)" in warning.text
    assert "The disk is full" in warning.text


def test_a_class_of_thirty_finds_their_names_side_by_side_without_scrolling_far(make_window):
    """Review 30a: one column of 72-pixel rows showed 6 of 30 names at 1366 x 768."""
    from engine.classroom import Changes

    window = make_window(language="zh_CN")
    store, class_id = window.context.store, window.context.class_id
    for n in range(30 - len(store.list_students(class_id))):
        store.add_student(class_id, f"学生{n:02d}")
    window.context.changed(Changes(students=True))
    window.show()
    page = start(window)
    assert window.isFullScreen()
    window.resize(1366, 768)  # a laptop's whole screen (the test platform's own screen is 800 x 800)
    names = page.name_list
    assert names.count() == 30
    first, second = names.visualItemRect(names.item(0)), names.visualItemRect(names.item(1))
    assert second.top() == first.top() and second.left() > first.right(), "names side by side"
    assert first.height() >= 72, "each name still as tall as a fingertip"
    shown = [i for i in range(names.count()) if names.viewport().rect().contains(names.visualItemRect(names.item(i)))]
    assert len(shown) >= 24, f"{len(shown)} of 30 names in sight"
    child = tap_name(page, 29)
    assert page.student is child, "the last name, tapped, starts that child's turn"


def test_a_child_with_a_namesake_is_greeted_by_the_name_on_the_tile_they_tapped(make_window):
    """Review 32b: the tiles said 陈静 (2024004) and 陈静 (2024005); after the tap only "你好，陈静！", so a child who
    tapped the wrong one could not tell before answering on a classmate's record."""
    from tests.gui.conftest import switch_to_new_class

    window = make_window(demo=False, language="zh_CN")
    store = window.context.store
    class_id = switch_to_new_class(window, "三年级一班", students=())
    store.add_student(class_id, "陈静", external_id="2024004")
    store.add_student(class_id, "陈静", external_id="2024005")
    skill = store.add_skill("加法")
    store.add_exercise("2 + 3 = ?", "numeric", "5", skills=[skill])
    page = start(window, length=1)
    tiles = [page.name_list.item(i).text() for i in range(page.name_list.count())]
    assert tiles == ["陈静（2024004）", "陈静（2024005）"]
    tap_name(page, 1)
    assert page.hello.text() == "你好，陈静（2024005）！"
    answer(page, right=True)
    spin(700)
    click(page.next_button)
    assert "陈静（2024005）" in page.end_title.text()


def test_a_turn_longer_than_the_class_s_exercises_counts_what_there_is(make_window):
    """Review 32b: a bank of 3 exercises and a turn of 10 said "2 of 10", then ended after 3."""
    from tests.gui.conftest import switch_to_new_class

    window = make_window(demo=False)
    store = window.context.store
    switch_to_new_class(window, "4C", students=("Ana",))
    skill = store.add_skill("Adding")
    for n in range(1, 4):
        store.add_exercise(f"{n} + {n} = ?", "numeric", str(2 * n), skills=[skill])
    page = start(window, length=10)
    tap_name(page)
    assert page.progress_label.text() == "1 of 3"
    for number in range(1, 4):
        assert page.progress_label.text() == f"{number} of 3"
        answer(page, right=True)
        spin(700)
        click(page.next_button)
    assert page.pages.currentIndex() == page.END


def test_a_name_chosen_with_the_arrow_keys_can_be_started(make_window):
    """Review 34e: the arrow keys chose a name but left Start grey (only a tap enabled it)."""
    window = make_window()
    page = start(window)
    assert not page.go_button.isEnabled()
    page.name_list.setFocus()
    QTest.keyClick(page.name_list, Qt.Key.Key_Right)
    QTest.keyClick(page.name_list, Qt.Key.Key_Right)
    chosen = page.name_list.selectedItems()[0].data(Qt.ItemDataRole.UserRole)
    assert page.go_button.isEnabled()
    click(page.go_button)
    assert page.student == chosen and page.pages.currentIndex() != page.NAMES


def test_a_child_who_walks_away_leaves_the_names_for_the_next_one(make_window, monkeypatch):
    """Review 34e: nothing ever went back to the names, so the next child answered under the first one's name, or
    read "Well done, Chloe Y.!" on arriving."""
    from desktop.views import practice
    from tests.gui.dialogs import spin

    monkeypatch.setattr(practice, "AWAY_MINUTES", 0.005)  # 300 ms here; 5 minutes in class
    monkeypatch.setattr(practice, "END_SECONDS", 0.3)
    window = make_window()
    page = start(window)
    first = tap_name(page)
    answer(page, right=True)
    assert page.pages.currentIndex() != page.NAMES and page.student == first
    spin(800)
    assert page.pages.currentIndex() == page.NAMES and page.student is None, "a turn left alone ends"
    assert not page.go_button.isEnabled(), "no name is chosen for the next child"
    tap_name(page, 1)
    click(page.done_button)  # "I am done"
    assert page.pages.currentIndex() == page.END
    spin(800)
    assert page.pages.currentIndex() == page.NAMES, "the stars stay a while, then the names come back"


def test_tab_reaches_the_choices_before_check_and_arrows_move_among_them(make_window):
    """Review 34e: Tab reached Check and "I am done" before the choices. The choices are one group, as radio buttons
    are: Tab enters it, the arrow keys move in it, Tab goes on to Check."""
    window = make_window()
    window.show()
    page = start(window)
    tap_name(page)
    for _ in range(10):  # to a multiple-choice question
        if page.class_data.exercises[page.step.exercise_id].choices:
            break
        answer(page, right=True)
        click(page.next_button)
    assert page.class_data.exercises[page.step.exercise_id].choices
    buttons = page.choice_group.buttons()
    assert window.focusWidget() is page.choices_box, "nothing picked: Enter must not answer for the child"
    QTest.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    first = window.focusWidget()
    assert first in buttons, f"Tab goes to a choice first, not to {first.objectName()}"
    QTest.keyClick(first, Qt.Key.Key_Right)
    assert window.focusWidget() in buttons and window.focusWidget() is not first
    QTest.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget() is page.check_button
