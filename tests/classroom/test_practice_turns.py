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


def test_a_turn_asks_at_most_two_questions_of_one_wording_while_it_has_others(tmp_path):
    """Review 46: six of a turn's ten questions were "N后面的一个数是多少？" (what comes after N)."""
    from engine.adapt.recommend import SAME_STORY_IN_A_TURN
    from engine.adapt.reports import question_story

    store = Store.open(tmp_path)
    class_id = store.create_class("1A")
    child = store.add_student(class_id, "Ana")
    store.add_skill("Counting", skill_id="counting")
    after = [store.add_exercise(f"{n}后面的一个数是多少？", "numeric", str(n + 1), skills=["counting"]) for n in range(3, 11)]
    others = [store.add_exercise(prompt, "numeric", answer, skills=["counting"]) for prompt, answer in [
        ("数一数：苹果有几个？🍎🍎🍎", "3"), ("从1数到5，最后一个数是几？", "5"), ("比7少1的数是几？", "6"), ("10前面的一个数是多少？", "9")]]
    room = Classroom(store, "zh_CN")
    session = room.practice_session(class_id, child)
    asked = []
    for _ in range(6):
        step = session.next_exercise()
        exercise = store.get_exercise(int(step.exercise_id))
        store.record_response(child, exercise.id, 1.0)
        session.record(str(exercise.id), 1.0)
        asked.append(exercise.id)
    told = [question_story(store.get_exercise(e).prompt) for e in asked]
    assert max(told.count(story) for story in told if story) <= SAME_STORY_IN_A_TURN == 2, told
    assert len(set(asked) & set(others)) >= 3 and len(set(asked)) == len(asked)
    live.forget()
    store.close()
