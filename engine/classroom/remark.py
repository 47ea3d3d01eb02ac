"""Marking stored answers again after the teacher corrects an exercise's answer key.

A wrong key (8 where it should be 9) marked every child who typed 9 wrong, and mastery, next steps and
reports took those marks as they were. Answers that kept what the child typed are marked again with the
new key; an answer whose stored mark is not what the old key gave (the teacher marked it herself) is left
alone.

>>> from engine.store.records import Exercise
>>> old, new = Exercise(1, "k", "numeric", "7 + 2 = ?", "8"), Exercise(1, "k", "numeric", "7 + 2 = ?", "9")
>>> new_marks(old, new, [(10, "9", 0.0), (11, "8", 1.0), (12, "9", 1.0), (13, "4", 0.0)])
[(10, 1.0), (11, 0.0)]
>>> typo = Exercise(2, "s", "multiple_choice", "?", "三角型", choices=("三角型", "正方形"))
>>> fixed = Exercise(2, "s", "multiple_choice", "?", "三角形", choices=("三角形", "正方形"))
>>> new_marks(typo, fixed, [(20, "三角型", 1.0), (21, "正方形", 0.0)])
[]
"""
from __future__ import annotations

from typing import Any, Iterable

from engine.classroom.grading import AUTO_GRADED, grade
from engine.errors import LamplightError


def new_marks(old: Any, new: Any, typed: Iterable[tuple[int, str, float]]) -> list[tuple[int, float]]:
    """(answer id, new mark) for each typed answer whose mark the old key gave and the new key changes."""
    if old.kind not in AUTO_GRADED or new.kind not in AUTO_GRADED:
        return []
    changes = []
    for response_id, answer, score in typed:
        try:
            before, after = grade(old, answer), grade(new, _same_choice(old, new, answer))
        except LamplightError:
            continue
        if before == score and after != score:
            changes.append((response_id, after))
    return changes


def _same_choice(old: Any, new: Any, answer: str) -> str:
    """The answer as the edited exercise words it: a multiple-choice pick stays the choice in its place when the
    choices were only reworded (review 27e: fixing 三角型 to 三角形 offered to mark every child who picked it wrong)."""
    if old.kind == new.kind == "multiple_choice" and len(old.choices) == len(new.choices) and answer in old.choices:
        return new.choices[list(old.choices).index(answer)]
    return answer
