"""Practice focus: the skills a teacher wants a group or a child to practise, kept per class.

Stored as the setting ``practice_focus/{class_id}``: a JSON object from who
(``"group:7"`` or ``"student:12"``) to a list of skill ids. Nobody in it means
"what the model suggests" (the default). A child's own focus wins over their
groups'; a child in several groups with a focus practises all those skills.
"""
from __future__ import annotations

from typing import Any, Iterable

from engine.classroom.ids import ClassId, StudentId
from engine.store.classes import focus_group_key as group_key, focus_student_key as student_key, \
    practice_focus_setting as setting_key

__all__ = ["class_focus", "focus_for_student", "focus_of", "group_key", "markable_skills", "set_focus", "setting_key",
           "student_key"]


def class_focus(store: Any, class_id: ClassId) -> dict[str, list[str]]:
    """Everyone of the class with a focus, and their skills (a damaged setting reads as no focus)."""
    value = store.get_setting(setting_key(class_id), {})
    if not isinstance(value, dict):
        return {}
    return {str(k): [str(s) for s in v] for k, v in value.items() if isinstance(v, list) and v}


def set_focus(store: Any, class_id: ClassId, who: str, skills: Iterable[str] | None) -> None:
    """Give ``who`` (see :func:`group_key`, :func:`student_key`) these skills to practise; None or none: the model's choice."""
    store.refuse_if_archived(class_id)
    chosen = list(dict.fromkeys(str(s) for s in skills or ()))
    focus = class_focus(store, class_id)
    if chosen:
        focus[who] = chosen
    else:
        focus.pop(who, None)
    store.set_setting(setting_key(class_id), focus or None)


def focus_of(store: Any, class_id: ClassId, who: str) -> list[str]:
    """The skills set for ``who`` itself ([] = what the model suggests)."""
    return class_focus(store, class_id).get(who, [])


def focus_for_student(store: Any, class_id: ClassId, student_id: StudentId) -> list[str]:
    """The skills a child practises: their own focus, else those of their groups ([] = the model's choice)."""
    focus = class_focus(store, class_id)
    own = focus.get(student_key(student_id))
    if own:
        return own
    groups = store.get_student(int(student_id)).group_ids
    return list(dict.fromkeys(s for g in groups for s in focus.get(group_key(g), [])))


def markable_skills(store: Any) -> set[str]:
    """Skills with an exercise the laptop can mark: practice offers only those, so a focus on none of them falls back
    to what the model suggests (the screen says so where the focus is set)."""
    from engine.classroom.grading import AUTO_GRADED

    return {skill for exercise in store.list_exercises() if exercise.kind in AUTO_GRADED for skill in exercise.skills}
