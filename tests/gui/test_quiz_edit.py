"""Edit quiz…: reorder, remove and replace questions by clicking; answers shown; marks of staying questions kept."""
from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from engine.classroom import Classroom
from tests.gui.dialogs import DialogAnswers, find_button, press, spin


def click_row(table, row: int) -> None:
    """Click a row of a table the way a teacher does."""
    rect = table.visualRect(table.model().index(row, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click(dialog, text: str) -> None:
    QTest.mouseClick(find_button(dialog, text), Qt.MouseButton.LeftButton)


def quiz_with_marks(window):
    """A four-question quiz whose first question has a skill with plenty of other exercises, and some marks."""
    store = window.context.store
    exercises = store.list_exercises()
    skill = Counter(e.skills[0] for e in exercises if e.skills).most_common(1)[0][0]
    first = next(e for e in exercises if e.skills and e.skills[0] == skill)
    others = [e for e in exercises if e.id != first.id][:3]
    questions = [first] + others
    page = window.open_page("quiz")
    quiz_id = page.create_quiz("Edited quiz", [e.id for e in questions])
    students = store.list_students(window.context.class_id)
    room = Classroom(store)
    class_id = window.context.class_id
    for exercise, score in zip(questions, (1.0, 0.0, 1.0, 1.0)):
        room.set_quiz_score(class_id, quiz_id, students[0].id, exercise.id, score)
    room.set_quiz_score(class_id, quiz_id, students[1].id, questions[1].id, 1.0)
    return page, quiz_id, questions, students, skill


def test_reorder_remove_replace_by_clicking_keeps_marks_of_staying_questions(make_window, real_dialogs):
    window = make_window()
    store = window.context.store
    page, quiz_id, (a, b, c, d), students, skill = quiz_with_marks(window)
    answers_before = len(store.class_log(window.context.class_id))
    seen: dict = {}

    def edit(dialog) -> None:
        table = dialog.table
        assert [table.item(r, 1).text() for r in range(4)] == [e.answer or "(you mark it)" for e in (a, b, c, d)]
        click_row(table, 2)
        click(dialog, "Move up")
        click_row(table, 3)
        click(dialog, "Remove")
        assert [table.item(r, 0).text() for r in range(table.rowCount())] == [a.prompt, c.prompt, b.prompt]
        click_row(table, 0)
        click(dialog, "Replace…")  # answered below; returns when the replacement dialog closed

    def choose(dialog) -> None:
        table = dialog.table
        for _ in range(500):
            if table.rowCount():
                break
            spin(20)
        assert table.rowCount() == 3, "three proposals"
        proposals = [store.get_exercise(p.exercise.id) for p in dialog.proposals]
        assert all(skill in p.skills for p in proposals), "same skill as the replaced question"
        assert not {p.id for p in proposals} & {a.id, b.id, c.id}
        assert [table.item(r, 1).text() for r in range(3)] == [p.answer or "(you mark it)" for p in proposals]
        assert not dialog.use_button.isEnabled()
        click_row(table, 1)
        seen["chosen"] = proposals[1]
        click(dialog, "Use this question")

    def save(dialog) -> None:
        assert dialog.table.item(0, 0).text() == seen["chosen"].prompt
        table = dialog.table  # the paper's numbers beside the new ones (review 38b)
        assert [table.verticalHeaderItem(r).text() for r in range(3)] == ["Q1", "Q2", "Q3"]
        assert [table.item(r, 3).text() for r in range(3)] == ["new", "Q3", "Q2"]
        click(dialog, "Save")

    answers = DialogAnswers()
    answers.expect(edit, choose, save, press("Keep as answers"), press("OK"))
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    shown = answers.finish()
    assert "you removed already have 1 mark, and the questions you replaced have 1 mark." in shown[-2].text
    told = shown[-1].text  # in a box: in the status bar it ran past the window's edge (review 38c)

    chosen = seen["chosen"]
    assert store.get_quiz(quiz_id).exercise_ids == (chosen.id, c.id, b.id)
    first, second = students[0].id, students[1].id
    assert store.quiz_scores(quiz_id) == {(first, c.id): 1.0, (first, b.id): 0.0, (second, b.id): 1.0}
    assert len(store.class_log(window.context.class_id)) == answers_before, "removed questions' marks stay as answers"
    assert [e.id for e in page.model.exercises] == [chosen.id, c.id, b.id]
    assert page.model.data(page.model.index(0, 1)) == "1" and page.model.data(page.model.index(0, 2)) == "0"
    # review 37d: the grid's Q2 is the printed quiz's Q3 now, and nothing said so
    assert ("numbered anew (Q3 of the printed quiz is now Q2, Q2 of the printed quiz is now Q3): print the quiz and its "
            "answer key again") in told  # every move (review 38b: only the first)
    # review 37d: the replacement has no marks, so the quiz dropped out of every child's average, unsaid
    assert "Enter the marks of Q1 for every child: until then the children's averages leave this quiz out." in told


def test_deleting_the_removed_questions_marks_only_when_the_teacher_says_so(make_window, real_dialogs):
    window = make_window()
    store = window.context.store
    page, quiz_id, (a, b, c, d), students, _ = quiz_with_marks(window)
    answers_before = len(store.class_log(window.context.class_id))

    def remove_second(dialog) -> None:
        click_row(dialog.table, 1)
        click(dialog, "Remove")
        click(dialog, "Save")

    answers = DialogAnswers()
    answers.expect(remove_second, press("Cancel"), press("Cancel"))  # the question, then the edit dialog
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    answers.finish()
    assert store.get_quiz(quiz_id).exercise_ids == (a.id, b.id, c.id, d.id), "cancel at the question changes nothing"

    answers = DialogAnswers()
    answers.expect(remove_second, press("Delete the marks"), press("OK"))  # then: Q3 is now Q2, print again
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    answers.finish()
    assert store.get_quiz(quiz_id).exercise_ids == (a.id, c.id, d.id)
    assert len(store.class_log(window.context.class_id)) == answers_before - 2
    assert (students[0].id, a.id) in store.quiz_scores(quiz_id)


def test_a_quiz_is_renamed_and_deleted_from_its_edit_dialog_and_the_answers_stay(make_window, real_dialogs):
    """Review 30c: a test quiz stayed in the list for good; a quiz could be neither renamed nor deleted."""
    from PySide6.QtWidgets import QLineEdit

    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    page, quiz_id, _, _, _ = quiz_with_marks(window)
    answers_before = len(store.class_log(class_id))

    def rename(dialog) -> None:
        field = dialog.findChild(QLineEdit, "quizTitle")
        field.selectAll()
        QTest.keyClicks(field, "Week 3: fractions")
        click(dialog, "Save")

    answers = DialogAnswers().expect(rename)
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    answers.finish()
    assert store.get_quiz(quiz_id).title == "Week 3: fractions"
    assert page.quiz_combo.currentText() == "Week 3: fractions" and page.quiz_combo.currentData() == quiz_id

    answers = DialogAnswers().expect(lambda dialog: click(dialog, "Delete quiz…"), press("Keep it"), press("Cancel"))
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    asked = answers.finish()[1]
    assert "Delete the quiz “Week 3: fractions”?" in asked.text and asked.buttons[-1] == "Keep it"
    assert quiz_id in [q.id for q in store.list_quizzes(class_id)], "Keep it keeps it"

    answers = DialogAnswers().expect(lambda dialog: click(dialog, "Delete quiz…"), press("Delete the quiz"))
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    answers.finish()
    assert quiz_id not in [q.id for q in store.list_quizzes(class_id)]
    assert page.quiz_combo.findData(quiz_id) == -1
    assert len(store.class_log(class_id)) == answers_before, "the children's answers to it stay"
    assert window.statusBar().currentMessage() == "Quiz deleted; the children's answers to it stay."


def test_a_long_answer_leaves_the_question_most_of_the_room(make_window, real_dialogs):
    """Review 46: an answer of a sentence took most of the 920 pixels and the questions read "Explain how you know tha…"."""
    window = make_window()
    store = window.context.store
    exercises = store.list_exercises()[:3]
    long_key = store.add_exercise("Explain how you know that 3/6 and 1/2 are the same amount.", "short_text",
                                  answer="Both are half: 3 of 6 equal parts is the same amount as 1 of 2 equal parts, because 6 "
                                         "is twice 3 and 2 is twice 1.", skills=[exercises[0].skills[0]])
    page = window.open_page("quiz")
    page.create_quiz("Week 9", [e.id for e in exercises] + [long_key])
    seen = {}

    def look(dialog) -> None:
        table = dialog.table
        spin(50)
        seen["widths"] = [table.columnWidth(c) for c in range(table.columnCount())]
        seen["tip"] = table.item(3, 1).toolTip()
        click(dialog, "Cancel")

    answers = DialogAnswers().expect(look)
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    answers.finish()
    question, answer, *_ = seen["widths"]
    assert question > 2 * answer and answer <= 0.22 * sum(seen["widths"]) + 40, seen["widths"]
    assert seen["tip"] == store.get_exercise(long_key).answer, "the whole answer when hovered"
