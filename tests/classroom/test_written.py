"""Written answers: practice answers that miss the key wait for the teacher, and marks become responses."""
import numpy as np
import pytest

from engine.classroom import Changes, Classroom, live
from engine.classroom.written import WrittenAnswers
from engine.errors import LamplightError
from engine.marking.marker import outlook
from engine.store import Store
from engine.store import migrations


@pytest.fixture
def room(tmp_path):
    store = Store.open(tmp_path)
    yield Classroom(store)
    live.forget()
    store.close()


def _class(store):
    class_id = store.create_class("4B")
    ana, ben = store.add_student(class_id, "Ana"), store.add_student(class_id, "Ben")
    store.add_skill("Plants", skill_id="plants")
    leaf = store.get_exercise(store.add_exercise("What do leaves need?", "short_text", answer="sunlight", skills=["plants"]))
    return class_id, ana, ben, leaf


def test_a_practice_answer_off_the_key_waits_and_the_model_never_sees_it(room):
    class_id, ana, ben, leaf = _class(room.store)
    written = WrittenAnswers(room)
    assert written.practice_answer(class_id, ana, leaf, " Sunlight. ") == 1.0  # matches the key: marked at once
    assert written.practice_answer(class_id, ben, leaf, "light from the sun") is None
    log = room.store.class_log(class_id)
    assert len(log) == 1 and log.student_ids == [str(ana)]
    assert [(a.student_name, a.text, a.score) for a in written.answers(class_id, leaf.id)] == [
        ("Ana", "Sunlight.", 1.0), ("Ben", "light from the sun", None)]
    [entry] = written.exercises(class_id)
    assert (entry.exercise.id, entry.waiting, entry.marked) == (leaf.id, 1, 1)


def test_the_questions_keep_their_order_while_the_teacher_marks(room):
    class_id, ana, ben, leaf = _class(room.store)
    root = room.store.get_exercise(room.store.add_exercise("What do roots take in?", "short_text", answer="water",
                                                           skills=["plants"]))
    written = WrittenAnswers(room)
    queued = [room.store.queue_answer(ana, leaf.id, "light"), room.store.queue_answer(ben, leaf.id, "sun")]
    room.store.queue_answer(ana, root.id, "water and salts")
    room.store.queue_answer(ben, root.id, "minerals")
    room.store.queue_answer(ben, root.id, "rain")
    order = lambda: [e.exercise.id for e in written.exercises(class_id)]  # noqa: E731
    assert order() == [leaf.id, root.id]
    written.save_marks(class_id, {f"q{queued[0]}": 1.0})
    assert order() == [leaf.id, root.id], "one mark does not re-sort the list"
    written.save_marks(class_id, {f"q{queued[1]}": 0.0})
    assert order() == [root.id, leaf.id], "a question with nothing waiting goes last"


def test_marking_turns_a_waiting_answer_into_a_response_with_its_own_time(room):
    class_id, ana, ben, leaf = _class(room.store)
    queued = room.store.queue_answer(ben, leaf.id, "the sun", time="2026-03-02T10:00:00+00:00")
    written = WrittenAnswers(room)
    moved, changes = written.save_marks(class_id, {f"q{queued}": 0.5})
    assert changes == Changes(answers=True)
    [response] = room.store.list_responses(class_id)
    assert moved == {f"q{queued}": f"r{response.id}"}
    assert (response.student_id, response.score, response.answer, response.source) == (ben, 0.5, "the sun", "practice")
    assert response.time.startswith("2026-03-02T10:00")
    assert room.store.queued_answers(class_id) == []
    live_before = [a.score for a in room.service(class_id).answers(str(ben))]
    moved, _ = written.save_marks(class_id, {f"r{response.id}": 1.0})  # the teacher changes her mind
    [again] = room.store.list_responses(class_id)
    assert moved == {f"r{response.id}": f"r{again.id}"}
    assert (again.score, again.answer, again.time, again.source) == (1.0, "the sun", response.time, "practice")
    assert live_before == [0.5] and [a.score for a in room.service(class_id).answers(str(ben))] == [1.0]  # figures follow


def test_saving_marks_is_all_or_nothing(room):
    class_id, ana, ben, leaf = _class(room.store)
    first = room.store.queue_answer(ana, leaf.id, "sun")
    second = room.store.queue_answer(ben, leaf.id, "water")
    written = WrittenAnswers(room)
    written.save_marks(class_id, {f"q{second}": 0.0})
    with pytest.raises(LamplightError, match="already been marked"):
        written.save_marks(class_id, {f"q{first}": 1.0, f"q{second}": 1.0})
    assert [q.id for q in room.store.queued_answers(class_id)] == [first]
    assert [r.score for r in room.store.list_responses(class_id)] == [0.0]
    with pytest.raises(LamplightError):
        written.save_marks(class_id, {f"q{first}": 1.5})
    assert len(room.store.queued_answers(class_id)) == 1


def test_a_live_class_counts_a_marked_answer(room):
    class_id, ana, ben, leaf = _class(room.store)
    room.store.record_response(ana, leaf.id, 1.0, answer="sunlight")
    before = room.service(class_id).answer_count()
    queued = room.store.queue_answer(ben, leaf.id, "light")
    assert room.service(class_id).answer_count() == before
    WrittenAnswers(room).save_marks(class_id, {f"q{queued}": 1.0})
    assert room.service(class_id).answer_count() == before + 1


def test_numbers_are_never_queued_and_removing_a_student_removes_their_waiting_answers(room):
    class_id, ana, ben, leaf = _class(room.store)
    number = room.store.get_exercise(room.store.add_exercise("2 + 2 = ?", "numeric", answer="4", skills=["plants"]))
    written = WrittenAnswers(room)
    assert written.practice_answer(class_id, ana, number, "5") == 0.0
    written.practice_answer(class_id, ben, leaf, "sun")
    assert [e.exercise.id for e in written.exercises(class_id)] == [leaf.id]
    room.store.delete_student(ben)
    assert room.store.queued_answers(class_id) == []


def test_an_older_file_gains_the_waiting_answers_table(tmp_path):
    import sqlite_utils

    db = sqlite_utils.Database(tmp_path / "old.db")
    migrations.apply_migrations(db, up_to=4)
    assert "queued_answers" not in db.table_names()
    assert migrations.apply_migrations(db)[0] == 5
    assert "queued_answers" in db.table_names()


def test_a_paper_quiz_cell_holds_one_answer_marked_or_waiting(room):
    """A mark, a new written answer, a cleared cell or an absence replaces what waited in the cell (review 25)."""
    store = room.store
    class_id, ana, ben, leaf = _class(store)
    quiz = store.create_quiz(class_id, "Plants quiz", [leaf.id])
    room.queue_written_answer(quiz, ana, leaf.id, "light")
    room.queue_written_answer(quiz, ana, leaf.id, "the sun's light")  # typed again: the new one waits, alone
    assert store.quiz_waiting(quiz) == {(ana, leaf.id): "the sun's light"}
    room.set_quiz_score(class_id, quiz, ana, leaf.id, 1.0)
    assert store.quiz_waiting(quiz) == {} and store.queued_answers(class_id) == []
    room.queue_written_answer(quiz, ana, leaf.id, "water")  # and a written answer replaces the mark
    assert store.quiz_scores(quiz) == {} and store.quiz_waiting(quiz) == {(ana, leaf.id): "water"}
    room.queue_written_answer(quiz, ben, leaf.id, "soil")
    room.set_quiz_score(class_id, quiz, ben, leaf.id, None)
    room.set_quiz_absent(class_id, quiz, ana, True)
    assert store.quiz_waiting(quiz) == {} and store.queued_answers(class_id) == []
    room.queue_written_answer(quiz, ana, leaf.id, "sun")  # she was there after all
    assert store.quiz_absent(quiz) == set() and store.quiz_waiting(quiz) == {(ana, leaf.id): "sun"}


def test_a_corrected_key_that_swaps_marks_reaches_the_class_kept_in_memory(room):
    """Review 30b: a key "Lyon" corrected to "Paris" turned Ana's four answers right and Ben's four wrong; the count
    and the total stayed as they were, so the class in memory (and the figures kept for the next start) showed Ana
    needing help and Ben knowing the skill."""
    store = room.store
    class_id, ana, ben, _ = _class(store)
    capital = store.add_exercise("Capital of France?", "short_text", answer="Lyon", skills=["plants"])
    for _ in range(4):
        room.record_answer(class_id, ana, capital, 0.0, answer="Paris")
        room.record_answer(class_id, ben, capital, 1.0, answer="Lyon")
    before = store.get_exercise(capital, "en")
    stored = sorted((r.answer, r.time, r.source) for r in store.list_responses(class_id))
    assert room.student_page(class_id, ana).mastery["plants"].right == 0
    store.update_exercise(capital, "en", answer="Paris")
    marks = room.marks_after_key_change(before, capital)
    assert sorted(score for _, score in marks) == [0.0] * 4 + [1.0] * 4
    room.set_answer_marks(marks)
    assert [a.score for a in room.service(class_id).answers(str(ana))] == [1.0] * 4
    assert room.student_page(class_id, ana).mastery["plants"].right == 4
    assert room.student_page(class_id, ben).mastery["plants"].right == 0
    assert sorted((r.answer, r.time, r.source) for r in store.list_responses(class_id)) == stored, "the same answers, marked anew"


def test_a_typed_answer_is_kept_in_the_order_it_was_typed(room):
    """Review 46b: a right-to-left override kept in a typed answer showed "\u202eevil\u202c txt" as "live txt" (and could
    show 603 as the key 306) on the grid, the marking screen and in CSV exports."""
    class_id, ana, ben, leaf = _class(room.store)
    written = WrittenAnswers(room)
    assert written.practice_answer(class_id, ana, leaf, "\u202eevil\u202c txt") is None
    room.store.record_response(ben, leaf.id, 1.0, answer="\u2067sun\u2069light\x07", source="paper")
    assert sorted(a.text for a in written.answers(class_id, leaf.id)) == ["evil txt", "sunlight"]
    with pytest.raises(LamplightError, match="An empty answer cannot wait for a mark"):
        room.store.queue_answer(ana, leaf.id, "\u202e\u202c")


def test_a_typed_answer_is_marked_as_it_is_kept(room):
    """Review 46c: "30\u200f6" (a right-to-left mark inside) was kept as 306, the key, with the mark 0."""
    class_id, ana, ben, leaf = _class(room.store)
    number = room.store.get_exercise(room.store.add_exercise("What is 300 + 6?", "numeric", answer="306", skills=["plants"]))
    assert WrittenAnswers(room).practice_answer(class_id, ana, number, "30\u200f6") == 1.0
    assert WrittenAnswers(room).practice_answer(class_id, ben, leaf, "\u202esunlight") == 1.0
    from engine.classroom.quiz_results import mark_typed

    assert mark_typed(number, "\u202e306") == (1.0, "306")


class _SureItIsWrong:
    """A marker sure that every answer is wrong: what the screen marks right all the same is its own rule."""

    def judge(self, question, support, labels):
        p = np.full(len(question.answers), 0.02)
        return p, 1 - p

    def auto_threshold(self, marked, has_reference):
        return 0.9


def _suggested(room, exercise, answers):
    """The marking screen's suggestion (mark, accepted alone?) for each answer, none marked yet."""
    prompt, references, right_for_sure = WrittenAnswers(room).marking_texts(exercise.id, answers)
    seen = outlook(prompt, references, answers, {}, _SureItIsWrong(), right_for_sure)
    return {answers[i]: (s.score, s.confident) for i, s in seen.suggestions.items()}


def test_a_key_with_two_right_answers_takes_both_in_practice_and_on_the_marking_screen(room):
    """Review 46d: "a subtraction fact of 3, 9, 12" took 12 - 9 = 3 only, and a time key 3:30 refused 3时30分."""
    class_id, ana, ben, _ = _class(room.store)
    family = room.store.get_exercise(room.store.add_exercise(
        "Write a subtraction fact from the family 3, 9, 12.", "short_text", answer="12 - 9 = 3; 12 - 3 = 9", skills=["plants"]))
    clock = room.store.get_exercise(room.store.add_exercise("现在是几时几分？", "short_text", answer="3:30", skills=["plants"]))
    written = WrittenAnswers(room)
    assert [written.practice_answer(class_id, ana, family, typed) for typed in ("12 − 3 = 9", "12-9=3")] == [1.0, 1.0]
    assert [written.practice_answer(class_id, ana, clock, typed) for typed in ("3时30分", "三点半", "3.30")] == [1.0] * 3
    assert written.practice_answer(class_id, ben, family, "12 - 4 = 8") is None, "another fact waits for the teacher"
    assert written.practice_answer(class_id, ben, clock, "4点半") is None
    answers = ["12减3等于9", "12 - 9 = 3", "9 + 3 = 12"]
    assert written.marking_texts(family.id, answers)[1] == ["12 - 9 = 3", "12 - 3 = 9"]
    assert _suggested(room, family, answers) == {"12减3等于9": (1.0, True), "12 - 9 = 3": (1.0, True),
                                                 "9 + 3 = 12": (0.0, True)}
    both = "12 - 9 = 3; 12 - 3 = 9"  # review 48c: both facts, as the key has them, were "right? 54%"
    assert _suggested(room, family, [both, "12 - 9 = 3; 9 + 3 = 12"]) == {both: (1.0, True), "12 - 9 = 3; 9 + 3 = 12": (0.0, True)}
    assert written.practice_answer(class_id, ana, family, both) == 1.0


def test_the_key_s_number_written_in_words_is_right_for_sure_unless_digits_are_asked_for(room):
    """Review 46d: "two" and 二 for the key 2 were suggested wrong, though practice marks them right; where the question
    asks for digits (as practice does) 三百零六 stays the teacher's to mark."""
    eyes = room.store.get_exercise(room.store.add_exercise("How many eyes have you got?", "short_text", answer="2"))
    assert _suggested(room, eyes, ["two", "二", "答：2", "3", "二十"]) == {
        "two": (1.0, True), "二": (1.0, True), "答：2": (1.0, True), "3": (0.0, True), "二十": (0.0, True)}
    digits = room.store.get_exercise(room.store.add_exercise("用数字写出“三百零六”。", "short_text", answer="306"))
    suggested = _suggested(room, digits, ["三百零六", "306"])
    assert suggested["306"] == (1.0, True) and suggested["三百零六"] != (1.0, True)


def test_a_time_written_the_chinese_way_is_the_key_s_time_right_for_sure(room):
    """Review 47a: 三点半 and 3点30分 for the key 3:30 were suggested "✗ wrong? 85-87%"."""
    clock = room.store.get_exercise(room.store.add_exercise("现在是几时几分？", "short_text", answer="3:30"))
    answers = ["三点半", "3点30分", "3时30分", "3点半钟", "下午3点半", "15:30", "4:30"]
    suggested = _suggested(room, clock, answers)
    assert [suggested[a] for a in answers[:6]] == [(1.0, True)] * 6  # review 47b: 3点半钟, 下午3点半; 15:30 the same time
    assert suggested["4:30"] != (1.0, True)


def test_what_practice_marks_right_the_marking_screen_takes_as_right_for_sure(room):
    """One rule for both: the marking screen's "right for sure" is practice's grade(), plus the key with words that
    change nothing; a teacher-marked exercise has only the latter."""
    half = room.store.get_exercise(room.store.add_exercise("Write one half as a number.", "short_text", answer="1/2"))
    assert _suggested(room, half, ["½", "1/2.", "2/4", "0.5"]) == {
        "½": (1.0, True), "1/2.": (1.0, True), "2/4": (0.0, True), "0.5": (0.0, True)}  # a fraction in its own terms
    essay = room.store.get_exercise(room.store.add_exercise("Why do leaves need light?", "teacher_marked", answer="to make food"))
    assert _suggested(room, essay, ["to make food", "To make food.", "they make food"]) == {
        "to make food": (1.0, True), "To make food.": (1.0, True), "they make food": (0.0, True)}


def test_words_that_change_a_number_keep_it_from_being_right_for_sure(room):
    """Review 48c: for the key 30, "30 or forty", "30 not" and "30 plus one" were right for sure (practice too), and for
    the key 12 "12不是" and "12个不对" (a unit, then "not"); a unit is still left out ("30 minutes", "12个")."""
    half_hour = room.store.get_exercise(room.store.add_exercise("How many minutes are in half an hour?", "short_text", answer="30"))
    suggested = _suggested(room, half_hour, ["30 minutes", "30 or forty", "30 not", "30 plus one", "thirty"])
    assert suggested["30 minutes"] == suggested["thirty"] == (1.0, True)
    assert all(suggested[a] != (1.0, True) for a in ("30 or forty", "30 not", "30 plus one")), suggested
    dozen = room.store.get_exercise(room.store.add_exercise("一打是几个？", "short_text", answer="12"))
    suggested = _suggested(room, dozen, ["12个", "12不是", "12个不对"])
    assert suggested["12个"] == (1.0, True) and suggested["12不是"] != (1.0, True) and suggested["12个不对"] != (1.0, True)
