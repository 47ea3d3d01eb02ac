"""A child's second practice turn of the day asks new questions, not the first turn's again."""
from __future__ import annotations

from engine.classroom import Classroom, live
from engine.classroom.written import WrittenAnswers
from engine.store import Store
from engine.store.demo import create_demo_class


def test_a_second_turn_the_same_day_does_not_ask_the_first_turns_questions_again(tmp_path):
    """Review 38b: with the next steps' window of 10 answers, a second 8-question turn asked five of the first turn's
    questions again, in the same order (each came back once three newer answers pushed it out of the window)."""
    store = Store.open(tmp_path)
    class_id = create_demo_class(store, students=6, weeks=4)
    room = Classroom(store, "en")
    repeated = 0
    for student in store.list_students(class_id):
        turns = []
        for _ in range(2):
            session = room.practice_session(class_id, student.id)
            asked = []
            for n in range(8):
                exercise = store.get_exercise(int(session.next_exercise().exercise_id))
                score = WrittenAnswers(room).practice_answer(class_id, student.id, exercise, exercise.answer if n % 3 else "0")
                session.record(str(exercise.id), 0.5 if score is None else score)
                asked.append(exercise.id)
            turns.append(set(asked))
        repeated += len(turns[0] & turns[1])
    live.forget()
    store.close()
    assert repeated == 0, repeated  # 14 of 48 questions with the window of 10; a question whose typed answer waits, asked again
