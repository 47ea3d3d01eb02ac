"""Written answers for the teacher to mark: what the "Mark written answers" screen reads and saves.

Answers typed by the class to a short-text or teacher-marked exercise come
from two places: answers waiting for a mark (``Store.queued_answers``: practice
answers that did not match the key) and stored answers with their text (paper
quiz cells where the teacher typed what the child wrote, practice answers that
matched). Each carries a ``ref``: ``"q<id>"`` while waiting, ``"r<id>"`` once
it is a response. Saving a mark turns a waiting answer into a response the
student model uses, or changes a stored answer's score, all in one transaction.

>>> import tempfile
>>> from engine.store import Store
>>> from engine.classroom import Classroom
>>> store = Store.open(tempfile.mkdtemp())
>>> class_id = store.create_class("4B"); ana = store.add_student(class_id, "Ana")
>>> exercise = store.get_exercise(store.add_exercise("What do leaves need?", "short_text", answer="sunlight"))
>>> written = WrittenAnswers(Classroom(store))
>>> written.practice_answer(class_id, ana, exercise, "light from the sun") is None  # queued, not wrong
True
>>> [a.score for a in written.answers(class_id, exercise.id)]
[None]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Sequence

from engine.classroom.changes import Changes
from engine.classroom.grading import AUTO_GRADED, grade
from engine.classroom.ids import ClassId, ExerciseId, StudentId
from engine.errors import LamplightError
from engine.store.records import Exercise, right_answers
from engine.store.responses import as_typed_in_order
from engine.store.transactions import write_transaction

WRITTEN_KINDS = ("short_text", "teacher_marked")
"""Exercises whose typed answers this screen marks."""


def _right_for_sure(exercise: Exercise, keys: list[str]) -> Callable[[str], bool]:
    """Whether an answer is right without the teacher's look: practice marks it right, or it is one of ``keys`` with
    words that change nothing (是三角形 for 三角形, "a triangle"; review 41d: "right? 61%")."""
    from engine.marking.marker import same_as_key

    is_key = same_as_key(keys)
    graded = exercise.kind in AUTO_GRADED
    return lambda answer: is_key(answer) or graded and _graded_right(exercise.kind, exercise.prompt, exercise.answer, answer)


@lru_cache(maxsize=20_000)
def _graded_right(kind: str, prompt: str, key: str, answer: str) -> bool:
    """grade() kept for the marks that follow: the screen asks again after each mark (0.1 ms an answer; a year of
    practice gave one question 4,000 answers)."""
    return grade(Exercise(0, "", kind, prompt, key), answer) == 1.0


@dataclass(frozen=True)
class WrittenAnswer:
    """One child's typed answer to the exercise being marked."""

    ref: str
    student_id: int
    student_name: str
    text: str
    score: float | None
    """The stored mark (None while the answer waits for one)."""
    time: str = ""


@dataclass(frozen=True)
class ExerciseToMark:
    """A short-text or teacher-marked exercise with the class's typed answers to it."""

    exercise: Any
    waiting: int
    marked: int


class WrittenAnswers:
    """The class's typed answers through one :class:`~engine.classroom.Classroom` (one per thread)."""

    def __init__(self, room: Any) -> None:
        self.room = room
        self.store = room.store

    def exercises(self, class_id: ClassId) -> list[ExerciseToMark]:
        """Short-text and teacher-marked exercises the class has typed answers to: those with answers waiting first,
        each part in the bank's order, so the list keeps its order while the teacher marks (most waiting first
        re-sorted it after every mark: review 37d)."""
        counts = self.store.typed_answer_counts(class_id)
        language = getattr(self.room, "language", None)
        bank = {e.id: e for e in self.store.list_exercises(language)} if counts else {}  # one query, not one per exercise
        found = [ExerciseToMark(bank.get(e) or self.store.get_exercise(e, language), waiting, marked)
                 for e, (waiting, marked) in counts.items()]
        found = [f for f in found if f.exercise.kind in WRITTEN_KINDS]
        return sorted(found, key=lambda f: (not f.waiting, f.exercise.id))

    def answers(self, class_id: ClassId, exercise_id: ExerciseId) -> list[WrittenAnswer]:
        """Every typed answer of the class to one exercise, oldest first.

        The order does not change when an answer is marked (it keeps the time
        the child answered), so a screen's positions stay valid.
        """
        names = {s.id: s.label for s in self.store.list_students(class_id)}
        stored = [WrittenAnswer(f"r{rid}", sid, names.get(sid, ""), text, float(score), time)
                  for rid, sid, text, score, time in self.store.typed_responses(class_id, exercise_id)]
        waiting = [WrittenAnswer(f"q{q.id}", q.student_id, names.get(q.student_id, ""), q.answer, None, q.time)
                   for q in self.store.queued_answers(class_id, exercise_id)]
        return sorted(stored + waiting, key=lambda a: (a.time, a.student_id, a.text))

    def marking_texts(self, exercise_id: ExerciseId,
                      answers: Sequence[str]) -> tuple[str, list[str], Callable[[str], bool]]:
        """(question, keys, which answers are right for sure) to mark ``answers`` by, whatever the screen's language:
        the question as most of the children read it (in Chinese where most answers with letters are Chinese, else in
        English; in the teacher's language for answers without letters), and the key in each language it has, that
        one first, each of a short-text key's right answers on its own. Review 46: on the English screen 三角形 was
        compared with "triangle" alone; then (46c) in a class writing both, the minority's own key was missing.

        Right for sure: what practice marks right in that language (:func:`grade`: any of the key's right answers, its
        number or time written another way) and the key with words that change nothing (是三角形); another language's
        key may be out of date (review 46d)."""
        from engine.marking.text import is_chinese

        worded = [text for text in answers if any(ch.isalpha() for ch in text)]
        chinese = sum(map(is_chinese, worded))
        language = getattr(self.room, "language", None) if not worded else "zh_CN" if chinese * 2 > len(worded) else "en"
        read = self.store.get_exercise(exercise_id, language)
        keys = [read.answer, *(self.store.get_exercise(exercise_id, other).answer for other in ("en", "zh_CN"))]
        split = right_answers if read.kind == "short_text" else lambda key: [key]  # each right answer a key of its own
        references = list(dict.fromkeys(part for key in keys if key for part in split(key))) or [read.answer]
        return read.prompt, references, _right_for_sure(read, split(read.answer) if read.answer else [])

    def save_marks(self, class_id: ClassId, marks: dict[str, float]) -> tuple[dict[str, str], Changes]:
        """Save marks (ref -> score 0..1) in one transaction; return (old ref -> new ref, what changed).

        A waiting answer becomes a response (its ref changes from ``q..`` to
        ``r..``); a stored answer is replaced by one with the new score (a new ``r..``).
        """
        self.room.refuse_if_archived(class_id)
        moved: dict[str, str] = {}
        with write_transaction(self.store.db):
            for ref, score in marks.items():
                kind, number = ref[:1], int(ref[1:])
                if kind == "q":
                    moved[ref] = f"r{self.store.mark_queued(number, score)}"
                elif kind == "r":
                    moved[ref] = f"r{self.store.replace_response_score(number, score)}"
                else:
                    raise LamplightError(f"Unknown answer {ref!r}.")
        self.room._sync(class_id)
        return moved, Changes(answers=True) if marks else Changes()

    def undo_marks(self, class_id: ClassId, before: dict[str, float | None]) -> int:
        """Put marks saved by :meth:`save_marks` back as they were, in one transaction: ``before`` maps each new ref
        to its old score (None: it was waiting for a mark, and waits again). An answer deleted meanwhile (its child
        removed) is left out; returns how many were put back."""
        self.room.refuse_if_archived(class_id)
        undone = 0
        with write_transaction(self.store.db):
            for ref, score in before.items():
                if not ref.startswith("r"):
                    raise LamplightError(f"Unknown answer {ref!r}.")
                try:
                    if score is None:
                        self.store.unmark_response(int(ref[1:]))
                    else:
                        self.store.replace_response_score(int(ref[1:]), score)
                except LamplightError:  # deleted meanwhile: nothing of it was written
                    continue
                undone += 1
        self.room._sync(class_id)
        return undone

    def right_with_the_key(self, exercise_id: ExerciseId) -> dict[ClassId, list[str]]:
        """The waiting answers to the exercise that its answer key (as it is now) marks right, by class: after the
        teacher corrects the key, answers like the new key need not wait for her (review 28c)."""
        exercise = self.store.get_exercise(exercise_id, self.room.language)
        if exercise.kind not in AUTO_GRADED:
            return {}
        found: dict[ClassId, list[str]] = {}
        for info in self.store.list_classes(include_archived=True):
            for waiting in self.store.queued_answers(info.id, exercise_id):
                try:
                    if grade(exercise, waiting.answer) >= 1.0:
                        found.setdefault(info.id, []).append(f"q{waiting.id}")
                except LamplightError:
                    continue
        return found

    def practice_answer(self, class_id: ClassId, student_id: StudentId, exercise: Any, typed: str) -> float | None:
        """Save a practice answer; return its score, or None when it waits for the teacher.

        A short-text answer that does not match the key may still be right in
        other words: it waits on the marking screen instead of counting as wrong.
        """
        typed = as_typed_in_order(typed).strip()  # marked as it is kept (review 46c: "30\u200f6" was kept as 306, marked 0)
        score = grade(exercise, typed)
        if exercise.kind == "short_text" and score < 1.0:
            self.store.queue_answer(student_id, exercise.id, typed, source="practice")
            return None
        self.room.record_answer(class_id, student_id, exercise.id, score, typed)
        return score
