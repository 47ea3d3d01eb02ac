"""Typed ids for what a teacher works with.

The store's ids are integers (skills and templates: short text keys). The
student model names everything by text. These ``NewType`` aliases let the
desktop and the command line say which id they hold, and the one conversion
between the store's ids and the model's text ids lives here.
"""
from __future__ import annotations

from typing import NewType

ClassId = NewType("ClassId", int)
StudentId = NewType("StudentId", int)
ExerciseId = NewType("ExerciseId", int)
GroupId = NewType("GroupId", int)
QuizId = NewType("QuizId", int)
SkillId = NewType("SkillId", str)


def model_key(store_id: int) -> str:
    """The student model's name for a store id (students and exercises are text there)."""
    return str(int(store_id))


def store_id(model_key: str) -> int:
    """The store id behind a student model's text id."""
    return int(model_key)
