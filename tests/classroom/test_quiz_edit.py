"""Editing a paper quiz: the new question list saved at once, marks of staying questions kept, model-made proposals."""
from __future__ import annotations

import pytest

from engine.classroom import Classroom, quiz_edit
from engine.errors import LamplightError
from engine.store import Store


@pytest.fixture(autouse=True)
def quick_student_model(monkeypatch):
    """Knowledge tracing instead of calibrating the shipped model (the screens work the same with any model)."""
    from engine.classroom import models
    from engine.model.bkt import KnowledgeTracingModel

    real_load = models.class_model
    monkeypatch.setattr(models, "class_model", lambda store, class_id: real_load(store, class_id) or KnowledgeTracingModel())


@pytest.fixture
def room(tmp_path):
    store = Store.open(tmp_path)
    store.add_skill("Adding", skill_id="add")
    store.add_skill("Taking away", skill_id="sub")
    class_id = store.create_class("4B")
    students = [store.add_student(class_id, name) for name in ("Ana", "Ben", "Cai", "Dee")]
    adds = [store.add_exercise(f"{n} + {n} = ?", "numeric", str(2 * n), skills=["add"], difficulty=1 + n % 5) for n in range(1, 9)]
    subs = [store.add_exercise(f"{n + 5} - {n} = ?", "numeric", "5", skills=["sub"]) for n in range(1, 4)]
    for student_number, student in enumerate(students):  # answers that make the adding exercises differ for the class
        for n, exercise in enumerate(adds):
            store.record_response(student, exercise, 1.0 if n + student_number < 6 else 0.0, source="practice")
    quiz = store.create_quiz(class_id, "Quiz 1", [adds[0], adds[1], subs[0]])
    yield Classroom(store), class_id, students, adds, subs, quiz
    store.close()


def test_reorder_and_remove_keep_the_marks_of_staying_questions(room):
    classroom, class_id, (ana, ben, *_), adds, subs, quiz = room
    store = classroom.store
    classroom.set_quiz_score(class_id, quiz, ana, adds[0], 1.0)
    classroom.set_quiz_score(class_id, quiz, ben, adds[1], 0.0)
    classroom.set_quiz_score(class_id, quiz, ana, subs[0], 0.5)
    answers_before = len(store.class_log(class_id))

    removed = quiz_edit.save_quiz_questions(classroom, class_id, quiz, [subs[0], adds[0]])
    assert removed == 1
    assert store.get_quiz(quiz).exercise_ids == (subs[0], adds[0])
    assert store.quiz_scores(quiz) == {(ana, subs[0]): 0.5, (ana, adds[0]): 1.0}
    assert len(store.class_log(class_id)) == answers_before, "by default a removed question's mark stays as an answer"


def test_removed_marks_are_deleted_only_when_asked(room):
    classroom, class_id, (ana, *_), adds, subs, quiz = room
    store = classroom.store
    classroom.set_quiz_score(class_id, quiz, ana, adds[1], 1.0)
    before = len(store.class_log(class_id))
    assert store.quiz_marks_of(quiz, [adds[1]]) == 1
    quiz_edit.save_quiz_questions(classroom, class_id, quiz, [adds[0], subs[0]], delete_removed_marks=True)
    assert len(store.class_log(class_id)) == before - 1
    assert store.quiz_scores(quiz) == {}


def test_a_bad_list_changes_nothing(room):
    classroom, class_id, (ana, *_), adds, subs, quiz = room
    store = classroom.store
    classroom.set_quiz_score(class_id, quiz, ana, adds[1], 1.0)
    for bad in ([], [adds[0], adds[0]], [adds[0], 99999]):
        with pytest.raises(LamplightError):
            store.set_quiz_exercises(quiz, bad)
        assert store.get_quiz(quiz).exercise_ids == (adds[0], adds[1], subs[0])
        assert store.quiz_scores(quiz) == {(ana, adds[1]): 1.0}


def test_proposals_are_three_of_the_same_skill_closest_in_predicted_class_success(room):
    classroom, class_id, _, adds, subs, quiz = room
    proposals = quiz_edit.replacement_proposals(classroom, class_id, quiz, adds[1])
    assert len(proposals) == 3
    chosen = [p.exercise.id for p in proposals]
    assert all("add" in p.exercise.skills and p.exercise.answer for p in proposals)
    assert not set(chosen) & {adds[0], adds[1], subs[0]}, "nothing already in the quiz"
    service = classroom.service(class_id)
    others = [e for e in adds[2:] if e not in chosen]
    shares = quiz_edit.class_success(service, [str(adds[1])] + [str(e) for e in chosen + others])
    gaps = [abs(s - shares[0]) for s in shares[1:]]
    assert gaps[:3] == sorted(gaps[:3]) and max(gaps[:3]) <= min(gaps[3:])
    assert [round(p.class_success, 6) for p in proposals] == [round(float(s), 6) for s in shares[1:4]]
    assert len(set(round(float(s), 3) for s in shares)) > 2, "the class's answers make the exercises differ"


def test_a_task_that_cannot_go_on_paper_is_never_proposed(room):
    """Review 37d: Replace… offered "Count the dots on the card out loud", and it printed with writing lines."""
    classroom, class_id, _, adds, _, quiz = room
    cards = classroom.store.add_exercise("Count the dots on the card out loud.", "teacher_marked", "", skills=["add"],
                                         params={"on_paper": False})
    proposals = quiz_edit.replacement_proposals(classroom, class_id, quiz, adds[1], count=10)
    assert proposals and cards not in [p.exercise.id for p in proposals]


def test_a_proposal_worded_as_another_question_of_the_quiz_comes_after_the_others(tmp_path):
    """Review 38c: Replace… offered "Tom has 5 apples and gets 2 more…" for a quiz that had "Tom has 3 apples and gets 4
    more…" already."""
    with Store.open(tmp_path) as store:
        store.add_skill("Adding", skill_id="add")
        class_id = store.create_class("4B")
        store.add_student(class_id, "Ana")
        apples = store.add_exercise("Tom has 3 apples and gets 4 more. How many apples now?", "numeric", "7", skills=["add"])
        replaced = store.add_exercise("Add 6 and 1 together in your head.", "numeric", "7", skills=["add"])
        again = store.add_exercise("Tom has 5 apples and gets 2 more. How many apples now?", "numeric", "7", skills=["add"])
        other = store.add_exercise("Sara reads 5 pages, then 2 more pages. How many pages?", "numeric", "7", skills=["add"])
        quiz = store.create_quiz(class_id, "Quiz 1", [apples, replaced])
        proposals = quiz_edit.replacement_proposals(Classroom(store), class_id, quiz, replaced)
        assert [p.exercise.id for p in proposals] == [other, again]
