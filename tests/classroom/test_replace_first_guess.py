"""Replacement proposals on a class never calibrated: a first guess at once, without calibrating (as the first quiz pick)."""
from __future__ import annotations

from engine.classroom import Classroom, quiz_edit
from tests.classroom.test_quiz_edit import quick_student_model, room  # noqa: F401 - fixtures


def test_a_first_guess_proposes_without_calibrating_and_prefers_the_closest_printed_difficulty(room):
    classroom, class_id, students, adds, subs, quiz = room
    store = classroom.store
    assert classroom.first_look(class_id)
    first = quiz_edit.replacement_proposals(classroom, class_id, quiz, adds[0], 3, first_guess=True)
    assert Classroom(store).first_look(class_id), "a first guess calibrates nothing"
    replaced = store.get_exercise(adds[0])
    ids = [p.exercise.id for p in first]
    assert len(ids) == 3 and not set(ids) & {adds[0], adds[1]}
    assert all("add" in p.exercise.skills for p in first)
    gaps = [abs(p.exercise.difficulty - replaced.difficulty) for p in first]  # every adding exercise alike: difficulty decides
    assert gaps == sorted(gaps)
    final = quiz_edit.replacement_proposals(classroom, class_id, quiz, adds[0], 3)  # calibrates (once, stored)
    assert not Classroom(store).first_look(class_id)
    again = quiz_edit.replacement_proposals(classroom, class_id, quiz, adds[0], 3, first_guess=True)
    assert [p.exercise.id for p in again] == [p.exercise.id for p in final], "calibrated: the class's model proposes"
