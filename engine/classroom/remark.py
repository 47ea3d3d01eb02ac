"""Marking stored answers again after the teacher corrects an exercise's answer key.

A wrong key (8 where it should be 9) marked every child who typed 9 wrong, and mastery, next steps and
reports took those marks as they were. Answers that kept what the child typed are marked again with the
new key; an answer whose stored mark is not what the old key gave (the teacher marked it herself) is left
alone.

>>> from engine.store.records import Exercise
>>> old, new = Exercise(1, "k", "numeric", "7 + 2 = ?", "8"), Exercise(1, "k", "numeric", "7 + 2 = ?", "9")
>>> new_marks(old, new, [(10, "9", 0.0), (11, "8", 1.0), (12, "9", 1.0), (13, "4", 0.0)])
[(10, 1.0), (11, 0.0)]
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
            before, after = grade(old, answer), grade(new, answer)
        except LamplightError:
            continue
        if before == score and after != score:
            changes.append((response_id, after))
    return changes
