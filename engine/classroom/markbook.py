"""The marks book: every paper quiz of a class against every child, as a teacher keeps it on paper.

A child's score on a quiz is the mean of the marks entered for them (as the
quiz grid's total says it); an absence and a quiz with nothing entered yet
count for nothing, never as wrong. A child's average takes each quiz once,
however many questions it had, and only quizzes with every mark entered (one
mark of three is not yet a score to average).

>>> book = Markbook(quizzes=[], marks={(7, 1): QuizMarks(3.0, 4, 4), (7, 2): QuizMarks(1.0, 2, 5), (7, 3): QuizMarks(1.0, 2, 2)},
...                 absent={(8, 1)})
>>> book.marks[(7, 2)].share, book.marks[(7, 2)].complete
(0.5, False)
>>> book.average(7), book.average(8)
(0.625, None)
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Sequence

from engine.adapt.reports import whole_percent


@dataclass(frozen=True)
class QuizMarks:
    """One child's marks on one quiz."""

    total: float
    marked: int
    questions: int
    waiting: int = 0
    """Written answers of this child to the quiz still waiting in "Mark written answers"."""

    @property
    def share(self) -> float | None:
        """The mean mark entered (None when nothing is entered yet)."""
        return self.total / self.marked if self.marked else None

    @property
    def complete(self) -> bool:
        """Every question has a mark."""
        return self.marked >= self.questions


@dataclass(frozen=True)
class Markbook:
    """A class's quizzes, oldest first, and each child's marks on them."""

    quizzes: list[Any]
    marks: dict[tuple[int, int], QuizMarks]
    """(student id, quiz id) -> marks; a pair with nothing entered and nothing waiting is left out."""
    absent: set[tuple[int, int]]
    """(student id, quiz id) of the children marked absent for a quiz."""

    @cached_property
    def _complete_shares(self) -> dict[int, list[float]]:
        """Student id -> their scores on the quizzes with every mark entered (worked out once: review 31c, 500
        children x 300 quizzes scanned every mark per cell)."""
        found: dict[int, list[float]] = defaultdict(list)
        for (student, _), marks in self.marks.items():
            if marks.complete and marks.share is not None:
                found[student].append(marks.share)
        return found

    @cached_property
    def _quiz_shares(self) -> dict[int, list[tuple[int, float]]]:
        found: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for (student, quiz), marks in self.marks.items():
            if marks.share is not None:
                found[quiz].append((student, marks.share))
        return found

    def average(self, student_id: int) -> float | None:
        """The mean of the child's scores on the quizzes with every mark entered, each quiz once (None: no such quiz)."""
        shares = self._complete_shares.get(student_id, [])
        return sum(shares) / len(shares) if shares else None

    def class_share(self, quiz_id: int, student_ids: set[int] | None = None) -> float | None:
        """The mean of the children's scores on one quiz (of ``student_ids`` only, when given), as the grid's class row."""
        shares = [share for student, share in self._quiz_shares.get(quiz_id, []) if student_ids is None or student in student_ids]
        return sum(shares) / len(shares) if shares else None

    def unfinished(self, student_id: int, unfinished: str = "{quiz} ({marked} of {questions} marked)",
                   waiting: str = "{quiz} ({marked} of {questions} marked, {waiting} waiting)",
                   titles: Sequence[str] | None = None) -> list[str]:
        """The child's quizzes whose marks are not all in yet, in words (``waiting`` where written answers wait for a
        mark): a spreadsheet's column beside the scores. ``titles``: each quiz's as the columns name it.

        >>> from types import SimpleNamespace as Quiz
        >>> Markbook([Quiz(id=1, title="Week 1")], {(7, 1): QuizMarks(1.0, 2, 4, 1)}, set()).unfinished(7)
        ['Week 1 (2 of 4 marked, 1 waiting)']
        """
        found = []
        for number, quiz in enumerate(self.quizzes):
            marks = self.marks.get((student_id, quiz.id))
            if marks is not None and (student_id, quiz.id) not in self.absent and not marks.complete:
                found.append((waiting if marks.waiting else unfinished).format(
                    quiz=titles[number] if titles else quiz.title, marked=marks.marked, questions=marks.questions,
                    waiting=marks.waiting))
        return found

    def score_text(self, student_id: int, quiz_id: int, absent: str = "absent",
                   part_marked: str = "{percent} ({marked} of {questions} marked)") -> str | None:
        """A child's score on a quiz as a report gives it: "75%", ``absent``, or ``part_marked`` while marks are
        missing; None when nothing is entered (the words are the teacher's language's).

        >>> Markbook([], {(7, 1): QuizMarks(1.0, 2, 4)}, {(8, 1)}).score_text(7, 1), Markbook([], {}, {(8, 1)}).score_text(8, 1)
        ('50% (2 of 4 marked)', 'absent')
        """
        if (student_id, quiz_id) in self.absent:
            return absent
        marks = self.marks.get((student_id, quiz_id))
        if marks is None or marks.share is None:
            return None
        percent = f"{whole_percent(marks.share)}%"
        return percent if marks.complete else part_marked.format(percent=percent, marked=marks.marked, questions=marks.questions)


def markbook(store: Any, class_id: int) -> Markbook:
    """The class's marks book, read from ``store`` in three queries."""
    quizzes = sorted(store.list_quizzes(class_id), key=lambda q: (q.created, q.id))
    questions = {q.id: len(q.exercise_ids) for q in quizzes}
    sums, waiting, absent = store.class_quiz_marks(class_id)
    marks = {key: QuizMarks(total, count, questions.get(key[1], count), waiting.get(key, 0)) for key, (total, count) in sums.items()}
    for key, count in waiting.items():
        if key not in marks:
            marks[key] = QuizMarks(0.0, 0, questions.get(key[1], 0), count)
    return Markbook(quizzes, marks, absent)
