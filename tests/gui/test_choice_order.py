"""Multiple choice: each child's own order (screen and worksheet alike), the quiz's order on paper, its key and its
marking, and Enter never answers for a child who has not picked a choice."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from engine.choices import LETTERS, ordered_choices, quiz_owner, student_owner
from engine.classroom import Classroom, focus
from tests.gui.conftest import finish_jobs
from tests.gui.pdf_pages import read_pdf, squash
from tests.gui.test_found_in_use import click
from tests.gui.test_practice import answer, start, tap_name


def _first_choice_question(page):
    """Answer (rightly) until the session shows a multiple-choice question."""
    for _ in range(30):
        if page.class_data.exercises[page.step.exercise_id].choices:
            return page.class_data.exercises[page.step.exercise_id]
        answer(page, right=True)
        click(page.next_button)
    raise AssertionError("no multiple-choice question in 30 turns")


def _shown_order(page):
    """The choice buttons' texts in reading order (row by row, left to right), as the child sees them."""
    buttons = sorted(page.choice_group.buttons(), key=lambda b: (b.y(), b.x()))
    return tuple(b.text() for b in buttons)


def test_practice_shows_the_childs_own_order_and_enter_twice_does_not_answer(make_window):
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    for student in store.list_students(class_id):
        focus.set_focus(store, class_id, focus.student_key(student.id), ["geometry-shapes"])
    page = start(window, length=30)
    student = tap_name(page, 0)
    exercise = _first_choice_question(page)
    page.choices_box.window().activateWindow()
    assert _shown_order(page) == ordered_choices(exercise.choices, student_owner(student.id), exercise.id)
    assert page.choice_group.checkedId() == -1, "no choice is picked until the child picks one"

    answered_before = len(page.results)
    focused = page.focusWidget() or page.choices_box
    QTest.keyClick(focused, Qt.Key.Key_Return)
    QTest.keyClick(page.focusWidget() or page.choices_box, Qt.Key.Key_Return)
    assert page.choice_group.checkedId() == -1
    assert len(page.results) == answered_before and not page.check_button.isHidden(), "Enter alone answered for the child"
    assert not page.feedback.text().startswith(("Right!", "Good try!"))

    answer(page, right=True)  # tapping the right choice, wherever it is, is still right
    assert page.feedback.text().startswith("Right!")


def test_children_get_different_orders_and_the_answer_is_not_mostly_a(make_window):
    window = make_window()
    store = window.context.store
    questions = [e for e in store.list_exercises() if e.kind == "multiple_choice"]
    students = store.list_students(window.context.class_id)
    at_a = sum(ordered_choices(e.choices, student_owner(s.id), e.id)[0] == e.answer for e in questions for s in students)
    expected = sum(1 / len(e.choices) for e in questions) * len(students)
    assert at_a < 1.3 * expected, (at_a, expected)  # stored order: most answers are choice A
    first = students[0]
    assert any(ordered_choices(e.choices, student_owner(first.id), e.id) != ordered_choices(e.choices, student_owner(s.id), e.id)
               for e in questions for s in students[1:])
    for e in questions:  # the same child and exercise: the same order every time
        assert ordered_choices(e.choices, student_owner(first.id), e.id) == ordered_choices(list(e.choices), student_owner(str(first.id)), str(e.id))


def _choice_lines(page_text: str, choices):
    """The letter printed before each choice text on a page (squashed text: "A<choice>B<choice>")."""
    found = {}
    for choice in choices:
        hit = re.search(r"([A-Z])" + re.escape(squash(choice)), page_text)
        if hit:
            found[choice] = hit.group(1)
    return found


def test_printed_quiz_key_and_typed_letters_agree(make_window, tmp_path, monkeypatch):
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    store.set_setting("paper_size", "A4")
    questions = [e for e in store.list_exercises() if e.kind == "multiple_choice" and len(set(e.choices)) == len(e.choices)][:6]
    page = window.open_page("quiz")
    page.create_quiz("Choices", [e.id for e in questions])
    quiz_id = page.current_quiz()
    for name, button in (("quiz.pdf", page.print_button), ("key.pdf", page.key_button)):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, p=tmp_path / name, **k: (str(p), "")))
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        finish_jobs()
    quiz_text = squash("".join(p.text for p in read_pdf(tmp_path / "quiz.pdf")))
    filled = _filled_choices(tmp_path / "key.pdf")
    assert len(filled) == len(questions)
    room = Classroom(store)
    student = store.list_students(class_id)[0]
    not_first = 0
    for exercise in questions:
        order = ordered_choices(exercise.choices, quiz_owner(quiz_id), exercise.id)
        letters = _choice_lines(quiz_text, exercise.choices)
        assert letters == {c: LETTERS[order.index(c)] for c in exercise.choices}, exercise.prompt
        right_letter = letters[exercise.answer]
        not_first += right_letter != "A"
        # the key: the filled circle stands before the right answer's letter
        assert (right_letter, squash(exercise.answer)) in filled, (exercise.prompt, filled)
        assert room.enter_quiz_answer(class_id, quiz_id, student.id, exercise.id, right_letter.lower()) == 1.0
        wrong = next(LETTERS[i] for i in range(len(order)) if LETTERS[i] != right_letter)
        assert room.enter_quiz_answer(class_id, quiz_id, student.id, exercise.id, wrong) == 0.0
    assert not_first >= 2, "the right answers are not all printed as A"


def _filled_choices(path):
    """(letter, choice text) after each filled circle of a printed key (circles read as shapes, fill from the rendered page)."""
    from tests.gui.pdf_pages import MM, page_pixels

    found = set()
    for number, parsed in enumerate(read_pdf(path)):
        scale = 2.0
        pixels = page_pixels(path, number, scale)
        circles = [c for c in parsed.shapes if abs((c[2] - c[0]) / MM - 7.8) < 0.6 and abs((c[3] - c[1]) / MM - 7.8) < 0.6]
        for left, bottom, right, top in circles:
            x, y = int((left + right) / 2 * scale), int((parsed.height - (bottom + top) / 2) * scale)
            if pixels[y, x][:3].mean() > 128:
                continue  # an empty circle
            row = sorted((g for g in parsed.glyphs if g.left > right and bottom - 2 < (g.bottom + g.top) / 2 < top + 2), key=lambda g: g.left)
            later = [c[0] for c in circles if c[0] > right and abs(c[1] - bottom) < 2]
            stop = min(later) if later else parsed.width
            text = "".join(g.char for g in row if g.right <= stop)
            found.add((text[:1], text[1:]))
    return found


def test_a_worksheet_prints_the_choices_in_the_order_the_child_sees_on_screen(make_window):
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    exercises = {str(e.id): e for e in store.list_exercises()}
    checked = 0
    for overview in Classroom(store).overviews(class_id, None, steps=8, worksheets=True):
        for item in overview.worksheet.items:
            exercise = exercises[item.exercise_id]
            if exercise.kind == "multiple_choice" and not item.fresh_variant:
                assert item.choices == ordered_choices(exercise.choices, student_owner(overview.student.id), exercise.id)
                checked += 1
    assert checked > 0


def test_a_letter_typed_in_the_quiz_grid_names_the_choice_printed_after_it(make_window):
    from tests.gui.test_quiz_results import click_cell, open_editor, press_enter

    window = make_window()
    store = window.context.store
    question = next(e for e in store.list_exercises() if e.kind == "multiple_choice" and len(e.choices) >= 3)
    page = window.open_page("quiz")
    page.create_quiz("Letters", [question.id])
    quiz_id = page.current_quiz()
    printed = ordered_choices(question.choices, quiz_owner(quiz_id), question.id)
    right = LETTERS[printed.index(question.answer)]
    wrong = next(LETTERS[i] for i in range(len(printed)) if LETTERS[i] != right)
    for row, letter in enumerate((right.lower(), wrong)):
        click_cell(page, row, 0)
        QTest.keyClick(page.grid, Qt.Key.Key_F2)
        QTest.keyClicks(open_editor(page), letter)
        press_enter(page)
    students = page.model.students
    scores = store.quiz_scores(quiz_id)
    assert scores[(students[0].id, question.id)] == 1.0 and scores[(students[1].id, question.id)] == 0.0
    assert store.quiz_answers(quiz_id)[(students[1].id, question.id)] == printed[LETTERS.index(wrong)]  # the choice is kept


def test_a_letter_typed_straight_on_a_choice_cell_is_the_choice_and_absent_has_its_button(make_window, real_dialogs):
    """Review 28: typing the A a child circled marked the child absent; on a multiple-choice question a letter is
    the choice, and "Mark absent" under the grid marks the selected student absent (or present again)."""
    from tests.gui.dialogs import DialogAnswers, press
    from tests.gui.test_quiz_results import click_cell, open_editor, press_enter

    window = make_window()
    store = window.context.store
    question = next(e for e in store.list_exercises() if e.kind == "multiple_choice" and len(e.choices) >= 3)
    number = next(e for e in store.list_exercises() if e.kind == "numeric")
    page = window.open_page("quiz")
    page.create_quiz("Letters straight", [question.id, number.id])
    quiz_id = page.current_quiz()
    printed = ordered_choices(question.choices, quiz_owner(quiz_id), question.id)
    right = LETTERS[printed.index(question.answer)]
    students = page.model.students
    click_cell(page, 0, 0)
    QTest.keyClicks(page.grid, "a")
    assert store.quiz_absent(quiz_id) == set(), "A on a choice cell is the choice, not absent"
    assert store.quiz_answers(quiz_id)[(students[0].id, question.id)] == printed[0]
    assert (page.grid.currentIndex().row(), page.grid.currentIndex().column()) == (0, 1), "the cursor moves on"
    click_cell(page, 1, 0)
    QTest.keyClicks(page.grid, right.lower())
    assert store.quiz_scores(quiz_id)[(students[1].id, question.id)] == 1.0
    model = page.model  # review 30a/30c: the cells showed 1 and 0, not the letters circled on the paper
    assert [model.data(model.index(r, 0)) for r in (0, 1)] == ["A", right]
    from desktop.table_csv import EXPORT_ROLE
    assert model.index(1, 0).data(EXPORT_ROLE) == f"{right} (1)"
    click_cell(page, 2, 0)
    QTest.keyClicks(page.grid, LETTERS[len(printed)])  # a letter the paper does not show: refused with the reason
    assert (students[2].id, question.id) not in store.quiz_scores(quiz_id)
    assert page.saved_label.text() == f"This question has no choice {LETTERS[len(printed)]}: the paper shows {len(printed)} choices."
    for typed in ("7", "banana"):  # review 29d: text naming no printed choice was kept as a wrong answer
        QTest.keyClick(page.grid, Qt.Key.Key_F2)
        QTest.keyClicks(open_editor(page), typed)
        press_enter(page)
        assert (students[2].id, question.id) not in store.quiz_scores(quiz_id), typed
        assert page.saved_label.text().startswith("This question's choices are A to "), typed
    QTest.keyClicks(page.grid, "3")  # review 43: a number is what the child wrote (305 of 35, 53, 305), typed on
    assert open_editor(page).text() == "3"  # in the cell's editor, not a refused 3, a 0 for "wrong" and a 5 beyond
    QTest.keyClick(open_editor(page), Qt.Key.Key_Escape)
    assert (students[2].id, question.id) not in store.quiz_scores(quiz_id)
    QTest.keyClick(page.grid, Qt.Key.Key_F2)  # the same letter typed in the cell's editor (review 29a: saved as wrong)
    QTest.keyClicks(open_editor(page), LETTERS[len(printed)].lower())
    press_enter(page)
    assert (students[2].id, question.id) not in store.quiz_scores(quiz_id)
    assert page.saved_label.text() == f"This question has no choice {LETTERS[len(printed)]}: the paper shows {len(printed)} choices."

    click_cell(page, 1, 0)
    assert page.absent_button.text() == "Mark absent" and page.absent_button.isEnabled()
    asked = DialogAnswers().expect(press("Mark absent"))
    QTest.mouseClick(page.absent_button, Qt.MouseButton.LeftButton)
    asked.finish()
    assert store.quiz_absent(quiz_id) == {students[1].id} and window.focusWidget() is page.grid
    assert page.grid.currentIndex().row() == 1 and page.absent_button.text() == "Mark present", "the button stays on its row"
    QTest.mouseClick(page.absent_button, Qt.MouseButton.LeftButton)  # pressed again: here after all (review 29d)
    assert store.quiz_absent(quiz_id) == set() and page.absent_button.text() == "Mark absent"
    assert page.model.data(page.model.index(1, 2)) != "Absent"
