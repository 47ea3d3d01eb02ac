"""Editing a paper quiz: replacement questions the class's model proposes, and saving the new question list.

A replacement has the replaced question's (first) skill and a similar
difficulty *for this class*: the class's model predicts each student's chance
of success on every candidate, and the candidates whose class average is
closest to the replaced question's come first.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from engine.adapt.reports import question_story, same_story
from engine.classroom import live
from engine.classroom.ids import ClassId, ExerciseId, QuizId, model_key
from engine.store.records import Exercise


@dataclass(frozen=True)
class Proposal:
    """A question that could replace another: the exercise and the class's predicted share of success on it."""

    exercise: Exercise
    class_success: float


def class_success(service: Any, exercise_keys: Sequence[str]) -> np.ndarray:
    """The class's average predicted chance of success on each exercise (a new class: the model's prior)."""
    model = service.model()
    students = list(service.data.students) or [None]
    total = np.zeros(len(exercise_keys))
    for student in students:
        items, scores = service.student_answers(student) if student is not None else ([], [])
        total += np.asarray(model.predict(model.adapt(items, scores), list(exercise_keys)), dtype=float)
    return total / len(students)


def replacement_proposals(classroom: Any, class_id: ClassId, quiz_id: QuizId, exercise_id: ExerciseId,
                          count: int = 3, in_quiz: Sequence[ExerciseId] | None = None,
                          first_guess: bool = False) -> list[Proposal]:
    """Up to ``count`` exercises of the question's skill, not in the quiz, closest in predicted class success; one
    worded as another question of the quiz (numbers aside, see ``question_story``) only after the others.

    ``in_quiz``: the questions the quiz has now (an edit not saved yet); default: the stored quiz's.
    Ties go to the closer printed difficulty, then the lower exercise id, so the proposals are the
    same for the same data.

    ``first_guess``: if the class was never calibrated (see ``Classroom.first_look``), propose at
    once with knowledge tracing at its textbook settings instead of calibrating first (seconds on
    a big class); a screen then asks again without it for the class's model's proposals.
    """
    store = classroom.store
    replaced = store.get_exercise(exercise_id, classroom.language)
    if not replaced.skills:
        return []
    skill = replaced.skills[0]
    taken = set(store.get_quiz(quiz_id).exercise_ids if in_quiz is None else in_quiz) | {replaced.id}
    candidates = [e for e in store.search_exercises(skill=skill, language=classroom.language)  # a quiz is on paper
                  if e.id not in taken and e.on_paper]  # review 37d: "Count the dots on the card" was offered
    if not candidates:
        return []
    service = classroom.service_now(class_id, first_guess)
    known = set(service.data.exercises)
    candidates = [e for e in candidates if model_key(e.id) in known]
    keys = [model_key(replaced.id)] + [model_key(e.id) for e in candidates]
    success = class_success(service, keys)
    target = success[0]
    level = replaced.difficulty if replaced.difficulty is not None else 0.0
    others = set(store.get_quiz(quiz_id).exercise_ids if in_quiz is None else in_quiz) - {replaced.id}
    told = {question_story(e.prompt) for e in store.list_exercises(classroom.language) if e.id in others} - {""}
    ranked = sorted(zip(candidates, success[1:]), key=lambda pair: (
        any(same_story(question_story(pair[0].prompt), story) for story in told),  # review 38c: another question's wording
        # again, last
        round(abs(pair[1] - target), 9), abs((pair[0].difficulty if pair[0].difficulty is not None else level) - level), pair[0].id))
    return [Proposal(exercise, float(share)) for exercise, share in ranked[:count]]


def save_quiz_questions(classroom: Any, class_id: ClassId, quiz_id: QuizId, exercise_ids: Sequence[ExerciseId],
                        delete_removed_marks: bool = False) -> int:
    """Set the quiz's questions in this order (marks of staying questions kept); the class's figures follow.

    Returns how many marks the removed questions had (deleted, or kept as answers outside the quiz).
    """
    marks = classroom.store.set_quiz_exercises(quiz_id, exercise_ids, delete_removed_marks=delete_removed_marks)
    if delete_removed_marks and marks:
        live.catch_up_if_live(classroom.store, class_id)
    return marks
