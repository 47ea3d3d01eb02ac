"""A paper quiz's results as the teacher reads them: class share per question, totals, difficult questions.

Three states of a cell are kept apart: a mark (0 to 1, part marks for
questions the teacher marks), *not yet entered* (no answer stored) and
*absent* (the student missed the quiz; stored apart from answers, see
``Store.set_quiz_absent``). Neither an empty cell nor an absence counts as
wrong: shares and totals are over the marks entered.

>>> parse_mark("½"), parse_mark("0,5"), parse_mark("3/4"), parse_mark("50%")
(0.5, 0.5, 0.75, 0.5)
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Collection

from engine.choices import LETTERS, choice_for_letter, typed_letter
from engine.classroom.grading import AUTO_GRADED, grade, same_choice
from engine.errors import LamplightError
from engine.store.responses import as_typed_in_order

_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_DECIMAL = re.compile(r"^\d*([.,]\d+)?$|^\d+[.,]?$")
DIFFICULT_BELOW = 0.5
"""A question is difficult when the class's share of marks on it is below this."""
DIFFICULT_FROM_MARKS = 3
"""A question is called difficult only once this many children have a mark on it (review 30c: "0%, 1 of 1" was
listed as what most of the class missed)."""


def parse_mark(text: str) -> float:
    """A teacher's mark typed as 1, 0, 0.5, 0,5, ½, 1/2 or 50%; LamplightError unless it is between 0 and 1.

    >>> parse_mark("3/4"), parse_mark("50%")
    (0.75, 0.5)
    >>> from engine.errors import LamplightError
    >>> try:
    ...     parse_mark("1" + "0" * 400 + "/1")
    ... except LamplightError as refused:
    ...     print(str(refused)[-63:])
    is not a mark: type a number from 0 to 1, for example 0.5 or ½.
    """
    given = text.strip().replace(" ", "")
    value: float | None = None
    if given in _VULGAR:
        value = _VULGAR[given]
    elif given.endswith("%") and _DECIMAL.match(given[:-1]) and given[:-1]:
        value = float(given[:-1].replace(",", ".")) / 100
    elif given.count("/") == 1:
        top, bottom = given.split("/")
        if top.isdecimal() and bottom.isdecimal() and len(top) + len(bottom) <= 30 and int(bottom) > 0:
            value = int(top) / int(bottom)  # review 50b: 1 and 400 zeros over 1 raised OverflowError, the mark lost unsaid
    elif given and _DECIMAL.match(given):
        value = float(given.replace(",", "."))
    if value is None or not 0.0 <= value <= 1.0:
        raise LamplightError(f"'{text.strip()}' is not a mark: type a number from 0 to 1, for example 0.5 or ½.")
    return round(value, 4)


TICKS = frozenset("√✓✔对")
CROSSES = frozenset("×✗✘✕错")


def tick_mark(exercise: Any, text: str) -> float | None:
    """1.0 for a tick (√ ✓ 对), 0.0 for a cross (× ✗ 错): the marks a teacher wrote on the paper, typed into a cell
    of any question; None for anything else, and for a choice the question prints (a 对/错 question).

    >>> from types import SimpleNamespace as Q
    >>> tick_mark(Q(kind="numeric", choices=[], answer="7"), "√"), tick_mark(Q(kind="short_text", choices=[], answer="ice"), " 错 ")
    (1.0, 0.0)
    >>> tick_mark(Q(kind="multiple_choice", choices=["对", "错"]), "对") is None
    True
    >>> tick_mark(Q(kind="short_text", choices=[], answer="错", prompt=""), "错") is None
    True
    """
    given = text.strip()
    if given not in TICKS | CROSSES or (exercise.kind == "multiple_choice" and given in exercise.choices):
        return None
    if exercise.kind in ("numeric", "short_text") and getattr(exercise, "answer", "") and grade(exercise, given) >= 1.0:
        return None  # review 30d: the key itself (错 on a 对/错 question) is what the child wrote
    return 1.0 if given in TICKS else 0.0


def is_mark(text: str) -> bool:
    """True when ``text`` reads as a teacher's mark (see :func:`parse_mark`), False for anything else."""
    try:
        parse_mark(text)
    except LamplightError:
        return False
    return True


def is_written_answer(exercise: Any, text: str) -> bool:
    """True when what the teacher typed in a cell is what a student wrote and goes to "Mark written answers"
    instead of the grid: words (not a mark) on a question the teacher marks, and on a short-text question
    anything but the key (it may be right in other words; practice mode queues such answers too). On a question
    the teacher marks, anything that is not a mark from 0 to 1 is what the student wrote (625 for "367 + 258"),
    except a plain number up to 10: a mark typed out of range ("2"), which the grid refuses with the reason."""
    if exercise.kind == "short_text":
        return bool(text.strip()) and grade(exercise, text.strip()) < 1.0
    if exercise.kind in AUTO_GRADED or not text.strip() or is_mark(text):
        return False
    plain = text.strip().replace(",", ".")
    return not (_DECIMAL.match(plain) and float(plain) <= 10)


def mark_or_written(exercise: Any, text: str) -> bool:
    """A plain number over 1 and up to 10 typed on a question the teacher marks: a mark typed out of range ("2"), or
    what the student wrote (9 for "Make up a problem from 36 ÷ 4 and solve it": review 50a), so the grid asks which.

    >>> from engine.store.records import Exercise
    >>> question = Exercise(1, "k", "teacher", "Make up a problem from 36 ÷ 4 and solve it.", "")
    >>> [mark_or_written(question, t) for t in ("9", "2,5", "1", "0.5", "625", "nine")]
    [True, True, False, False, False, False]
    """
    plain = text.strip().replace(",", ".")
    return exercise.kind not in AUTO_GRADED and bool(_DECIMAL.match(plain)) and not is_mark(text) and float(plain) <= 10


def mark_typed(exercise: Any, text: str) -> tuple[float, str | None]:
    """(score, answer to keep) for what the teacher typed in a cell.

    For a question the laptop can mark, the text is what the student wrote:
    it is marked and kept (so the common wrong answers can be shown). For a
    question the teacher marks, the text is the mark itself. On a multiple-choice
    question a letter ("B") names the choice printed after it: ``exercise.choices``
    must be in the paper's order (:func:`engine.choices.quiz_paper`); the choice is kept.
    """
    if exercise.kind in AUTO_GRADED:
        answer = as_typed_in_order(text).strip()  # marked as it is kept
        if not answer:
            raise LamplightError("Type what the student wrote.")
        if exercise.kind == "multiple_choice":
            letter = typed_letter(answer, exercise.choices)
            if letter is not None and letter not in LETTERS[: len(exercise.choices)]:  # review 29a: "D" on three choices
                raise LamplightError(f"This question has no choice {letter}: the paper shows {len(exercise.choices)} choices.")
            chosen = choice_for_letter(answer, exercise.choices) or next(
                (c for c in exercise.choices if same_choice(answer, c)), None)  # "Paris." is Paris
            if chosen is None:  # review 29d: "7", "banana" or "1" typed on a choice question were kept as wrong answers
                raise LamplightError(f"This question's choices are A to {LETTERS[len(exercise.choices) - 1]}: type the "
                                     "letter the student circled.")
            answer = chosen
        return grade(exercise, answer), answer
    return parse_mark(text), None


@dataclass(frozen=True)
class QuestionResult:
    """How the class did on one question of a quiz."""

    number: int
    exercise: Any
    share: float | None
    """Mean mark of the students with a mark entered (None when nobody has one yet)."""
    marked: int
    wrong_answers: list[tuple[str, int]] = field(default_factory=list)
    """The wrong answers the teacher typed, most common first, with how many wrote each."""
    skills: list[str] = field(default_factory=list)
    missed_by: list[int] = field(default_factory=list)
    """The ids of the students whose mark is below one half, in the order of their ids."""
    waiting: int = 0
    """Typed answers to it still waiting for a mark in "Mark written answers" (they count once marked)."""

    @property
    def missed(self) -> int:
        """How many students' marks are below one half."""
        return len(self.missed_by)


@dataclass(frozen=True)
class QuizResults:
    """One quiz's grid read as a whole."""

    questions: list[QuestionResult]
    absent: set[int]
    totals: dict[int, tuple[float, int]]
    """Student id -> (sum of marks, number of marks entered); absent and not-entered students are left out."""

    def difficult(self, below: float = DIFFICULT_BELOW) -> list[QuestionResult]:
        """The questions most of the class missed, hardest first."""
        hard = [q for q in self.questions if q.share is not None and q.share < below and q.marked >= DIFFICULT_FROM_MARKS]
        return sorted(hard, key=lambda q: (q.share, q.number))


def of_students(cells: dict, students: Collection[Any] | None) -> dict:
    """A quiz's cells ((student, exercise) -> value) of ``students`` only (all when None): a group's."""
    return cells if students is None else {key: value for key, value in cells.items() if key[0] in students}


def quiz_results(store: Any, quiz_id: int, language: str | None = None, students: Collection[int] | None = None) -> QuizResults:
    """Shares, totals, absences and common wrong answers of a quiz, from the store (texts in ``language``); of
    ``students`` only when given (a group the quiz grid shows)."""
    exercises = store.quiz_exercises(quiz_id, language)
    chosen = None if students is None else set(students)
    scores = of_students(store.quiz_scores(quiz_id), chosen)
    answers = of_students(store.quiz_answers(quiz_id), chosen)
    absent = store.quiz_absent(quiz_id) if chosen is None else store.quiz_absent(quiz_id) & chosen
    waiting = Counter(e for (student, e) in of_students(store.quiz_waiting(quiz_id), chosen) if student not in absent)
    skill_names = store.skill_names(language)
    questions = []
    for number, exercise in enumerate(exercises, start=1):
        marks = [v for (student, e), v in scores.items() if e == exercise.id and student not in absent]
        wrong = Counter(_shown(answers[key]) for key, v in scores.items()
                        if key[1] == exercise.id and v < 1.0 and key in answers and key[0] not in absent)
        questions.append(QuestionResult(
            number, exercise, sum(marks) / len(marks) if marks else None, len(marks),
            sorted(wrong.items(), key=lambda kv: (-kv[1], kv[0])), [skill_names.get(s, s) for s in exercise.skills],
            sorted(student for (student, e), v in scores.items() if e == exercise.id and student not in absent and v < 0.5),
            waiting[exercise.id],
        ))
    totals: dict[int, tuple[float, int]] = {}
    quiz_ids = {e.id for e in exercises}
    for (student, exercise_id), value in scores.items():
        if exercise_id in quiz_ids and student not in absent:
            total, count = totals.get(student, (0.0, 0))
            totals[student] = (total + value, count + 1)
    return QuizResults(questions, absent, totals)


def _shown(answer: str) -> str:
    """Answers that differ only in case or spaces are the same wrong answer."""
    return " ".join(answer.split()).lower()
