"""Quiz results: part marks, absence apart from answers (the model never sees it), shares and difficult questions."""
from __future__ import annotations

import pytest

from engine.classroom import Classroom
from engine.classroom.quiz_results import parse_mark
from engine.errors import LamplightError
from engine.store import Store


@pytest.fixture
def room(tmp_path):
    store = Store.open(tmp_path)
    store.add_skill("Adding", skill_id="add")
    store.add_skill("Taking away", skill_id="sub")
    class_id = store.create_class("4B")
    students = [store.add_student(class_id, name) for name in ("Ana", "Ben", "Cai", "Dee")]
    numeric = store.add_exercise("3 + 4 = ?", "numeric", "7", skills=["add"])
    essay = store.add_exercise("Explain taking away", "teacher_marked", skills=["sub"])
    quiz = store.create_quiz(class_id, "Quiz 1", [numeric, essay])
    yield Classroom(store), class_id, students, numeric, essay, quiz
    store.close()


@pytest.mark.parametrize("typed, mark", [("1", 1.0), ("0", 0.0), ("0.5", 0.5), ("0,5", 0.5), ("½", 0.5), ("1/2", 0.5),
                                         ("3/4", 0.75), ("¼", 0.25), ("50%", 0.5), (" .5 ", 0.5)])
def test_part_marks_are_read_as_teachers_type_them(typed, mark):
    assert parse_mark(typed) == mark


@pytest.mark.parametrize("typed", ["2", "-1", "1/0", "abc", "", "0.5.5", "150%"])
def test_anything_else_is_refused_with_a_message(typed):
    with pytest.raises(LamplightError, match="0.5"):
        parse_mark(typed)


def test_absent_is_not_an_answer_anywhere(room):
    classroom, class_id, (ana, ben, cai, dee), numeric, essay, quiz = room
    store = classroom.store
    classroom.set_quiz_score(class_id, quiz, ana, numeric, 1.0)
    classroom.set_quiz_score(class_id, quiz, ben, numeric, 0.0)
    classroom.set_quiz_score(class_id, quiz, ben, essay, 0.5)
    before = len(store.class_log(class_id))
    classroom.set_quiz_absent(class_id, quiz, ben, True)
    log = store.class_log(class_id)
    assert len(log) == before - 2 and str(ben) not in log.student_ids, "the model sees nothing of an absent student"
    results = classroom.quiz_results(quiz)
    assert results.absent == {ben}
    assert results.questions[0].share == 1.0 and results.questions[0].marked == 1
    assert ben not in results.totals and results.totals[ana] == (1.0, 1)
    classroom.set_quiz_score(class_id, quiz, ben, numeric, 1.0)  # a mark after all: present again
    assert store.quiz_absent(quiz) == set()


def test_typed_answers_are_marked_and_common_wrong_ones_shown_with_the_skill(room):
    classroom, class_id, (ana, ben, cai, dee), numeric, essay, quiz = room
    assert classroom.enter_quiz_answer(class_id, quiz, ana, numeric, "7") == 1.0
    assert classroom.enter_quiz_answer(class_id, quiz, ben, numeric, "12") == 0.0
    assert classroom.enter_quiz_answer(class_id, quiz, cai, numeric, " 12") == 0.0
    assert classroom.enter_quiz_answer(class_id, quiz, dee, numeric, "1") == 0.0
    for student, mark in ((ana, "1"), (ben, "½"), (cai, "0.5"), (dee, "1")):
        classroom.enter_quiz_answer(class_id, quiz, student, essay, mark)
    with pytest.raises(LamplightError):
        classroom.enter_quiz_answer(class_id, quiz, ana, essay, "7")
    results = classroom.quiz_results(quiz)
    assert [q.share for q in results.questions] == [0.25, 0.75]
    assert results.totals[ben] == (0.5, 2)
    hard = results.difficult()
    assert [q.number for q in hard] == [1]
    assert hard[0].wrong_answers == [("12", 2), ("1", 1)] and hard[0].skills == ["Adding"] and hard[0].missed == 3


def test_old_store_files_gain_the_absence_table(tmp_path):
    from engine.store.migrations import LATEST_VERSION, apply_migrations
    import sqlite_utils

    db = sqlite_utils.Database(tmp_path / "old.db")
    apply_migrations(db, up_to=2)
    assert "quiz_absences" not in db.table_names()
    assert apply_migrations(db) == list(range(3, LATEST_VERSION + 1))
    assert "quiz_absences" in db.table_names()


def test_what_the_teacher_types_on_a_choice_question_is_read_as_marking_reads_a_choice():
    """Review 29e: "Paris.", "½" or "三角形。" were refused as naming no choice, though marking counts them right; a
    letter or text naming no printed choice is refused with the reason."""
    from engine.classroom.quiz_results import mark_typed
    from engine.store.records import Exercise

    def choice(answer, choices):
        return Exercise(1, "k", "multiple_choice", "?", answer, tuple(choices))

    assert mark_typed(choice("Paris", ["Paris", "London", "Rome"]), "Paris.") == (1.0, "Paris")
    assert mark_typed(choice("1/2", ["1/2", "1/3"]), "½") == (1.0, "1/2")
    assert mark_typed(choice("三角形", ["三角形", "正方形"]), "三角形。") == (1.0, "三角形")
    assert mark_typed(choice("3", ["3", "4"]), "4") == (0.0, "4")
    assert mark_typed(choice("Paris", ["Paris", "London", "Rome"]), "b") == (0.0, "London")
    for typed, said in (("D", "no choice D"), ("banana", "choices are A to C"), ("7", "choices are A to C")):
        with pytest.raises(LamplightError, match=said):
            mark_typed(choice("Paris", ["Paris", "London", "Rome"]), typed)
