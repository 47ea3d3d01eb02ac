"""Lamplight's local store: classes, rosters, the exercise bank, answers, models, settings.

The public API is the :class:`Store` (open one per thread with
``Store.open(data_dir=None)``) and the plain records it returns. Everything
else (importers, exporters, templates, the demo class, the starter pack) works
through a Store::

    from engine.store import Store
    with Store.open() as store:
        class_id = store.create_class("4B")
        student = store.add_student(class_id, "Ana", external_id="s1")

Nothing here imports Qt or torch.
"""
from __future__ import annotations

from engine.errors import LamplightError
from engine.store.core import Store
from engine.store.records import (
    EXERCISE_KINDS,
    RESPONSE_SOURCES,
    BackupInfo,
    ClassInfo,
    Exercise,
    Group,
    ModelSnapshot,
    Quiz,
    Response,
    Skill,
    Student,
)

__all__ = [
    "Store", "LamplightError", "EXERCISE_KINDS", "RESPONSE_SOURCES", "BackupInfo", "ClassInfo", "Exercise",
    "Group", "ModelSnapshot", "Quiz", "Response", "Skill", "Student",
]
