"""What the class dashboard shows (:class:`ClassInsights`), and those figures kept with the data.

Working out a year of a class's answers takes about a second; a teacher who opens
the app on the data she left sees the same figures again. :func:`keep_figures`
keeps them in the data file under a mark (the data revision, which every write
bumps, the class's model, the teacher's language and this code's version);
:func:`kept_figures` gives them back only under the same mark, i.e. on exactly
the data, model and code they were worked out from. They are JSON (zlib), read
back into the same types: nothing in the file is ever run as code.
"""
from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Sequence

from engine import __version__
from engine.adapt import insights
from engine.adapt.mastery import MasteryRule, SkillMastery
from engine.store.transactions import write_transaction

FIGURES_FORMAT = 4
"""Bumped when what the figures mean changes (4: needs help by a child's own chance, groups without children who have
no answer), so figures kept by earlier code are worked out again."""

MAX_KEPT_BYTES = 64 * 1024 * 1024
"""Kept figures never unpack to more than this (a class of 60 takes about 100 KB); more is a damaged or forged row."""

HELP_PER_STUDENT = 2
"""At most this many skills per student in the dashboard's "Needs help now" list (their most urgent)."""
HELP_LISTED = 60
"""At most this many lines in that list: what a teacher reads in a lesson; each student's page has the rest."""


@dataclass(frozen=True)
class HelpList:
    """The "Needs help now" list as a teacher reads it: the most urgent needs first, a few per student.

    ``shown`` keeps each student's lines together (students in order of their
    most urgent need, each student's needs most urgent first); ``more`` needs
    of ``students`` students in all are left out (each student's page shows them).
    """

    shown: list[insights.HelpNeed]
    more: int
    students: int


def urgent_help(needs: Sequence[insights.HelpNeed], per_student: int = HELP_PER_STUDENT, limit: int = HELP_LISTED) -> HelpList:
    """The most urgent of ``needs`` (sorted most urgent first): at most ``per_student`` per student, ``limit`` in all.

    >>> need = lambda s, k, u: insights.HelpNeed(s, k, u, "")
    >>> listed = urgent_help([need("a", "x", 3), need("b", "x", 2.5), need("a", "y", 2), need("a", "z", 1.5), need("c", "x", 1)], 2, 3)
    >>> [(h.student_id, h.skill_id) for h in listed.shown], listed.more, listed.students
    ([('a', 'x'), ('a', 'y'), ('b', 'x')], 2, 3)
    """
    picked: dict[str, list[insights.HelpNeed]] = {}
    count = 0
    for need in needs:
        if count == limit:
            break
        lines = picked.setdefault(need.student_id, [])
        if len(lines) < per_student:
            lines.append(need)
            count += 1
    shown = [need for lines in picked.values() for need in lines]
    return HelpList(shown, len(needs) - len(shown), len({h.student_id for h in needs}))


def help_by_skill(needs: Sequence[insights.HelpNeed], students: Sequence[str], skills: Sequence[str]) -> list[tuple[str, list[str]]]:
    """Each skill someone needs help with and who (in the class list's order), the skill most need help with first.

    For a teacher deciding what to teach again to a table of children: the same needs as
    "Needs help now", counted per skill (ties in the heat map's order of skills).

    >>> need = lambda s, k: insights.HelpNeed(s, k, 1.0, "")
    >>> help_by_skill([need("b", "x"), need("a", "y"), need("a", "x")], ["a", "b"], ["y", "x"])
    [('x', ['a', 'b']), ('y', ['a'])]
    """
    who: dict[str, set[str]] = {}
    for need in needs:
        who.setdefault(need.skill_id, set()).add(need.student_id)
    place = {student: n for n, student in enumerate(students)}
    order = {skill: n for n, skill in enumerate(skills)}
    ranked = sorted(who, key=lambda skill: (-len(who[skill]), order.get(skill, len(order)), skill))
    return [(skill, sorted(who[skill], key=lambda s: (place.get(s, len(place)), s))) for skill in ranked]


@dataclass
class ClassInsights:
    """Everything the class dashboard shows."""

    mastery: insights.MasteryTable
    needs_help: list[insights.HelpNeed]
    groups: list[insights.Group]
    left_out: list[str]
    most_missed: list[insights.MissedExercise]
    progress: list[insights.ProgressPoint]
    answers: int
    student_names: dict[str, str]
    skill_names: dict[str, str]
    exercise_prompts: dict[str, str]
    rule: MasteryRule

    def urgent_help(self) -> HelpList:
        """The "Needs help now" list as shown: the most urgent needs, a few per student (``needs_help`` has them all)."""
        return urgent_help(self.needs_help)

    def help_by_skill(self) -> list[tuple[str, list[str]]]:
        """Who needs help, skill by skill (see :func:`help_by_skill`)."""
        return help_by_skill(self.needs_help, self.mastery.students, self.mastery.skills)

    def only(self, student_keys: Sequence[str], most_missed: Sequence[insights.MissedExercise] = ()) -> "ClassInsights":
        """The same figures shown for some students only (a group): each child's figures stay their own.

        The heat map, who needs help, the suggested groups and the progress keep
        only these students; ``most_missed`` is the group's (``Classroom.most_missed``:
        the class's figures do not say which child missed what how often).
        """
        keep = set(student_keys)
        table = self.mastery
        students = [s for s in table.students if s in keep]
        mastery = insights.MasteryTable(students, table.skills, {s: table.cells[s] for s in students})
        groups = [replace(g, students=tuple(s for s in g.students if s in keep)) for g in self.groups]
        alone = {s for g in groups if len(g.students) == 1 for s in g.students}  # review 46: a "group" of one child
        return replace(
            self, mastery=mastery, needs_help=[h for h in self.needs_help if h.student_id in keep],
            groups=[g for g in groups if len(g.students) > 1],
            left_out=[s for s in students if s in alone or s in self.left_out],
            most_missed=list(most_missed), progress=_progress_of(self.progress, keep),
        )


def _progress_of(progress: Sequence[insights.ProgressPoint], keep: set[str]) -> list[insights.ProgressPoint]:
    """These students' points and, as the class's points (``student_id`` ""), theirs pooled."""
    own: dict[str, list[insights.ProgressPoint]] = {}
    for point in progress:
        if point.student_id in keep:
            own.setdefault(point.student_id, []).append(point)
    periods = sorted({p.period_start for points in own.values() for p in points})
    return [p for points in own.values() for p in points] + insights.class_progress(own.values(), periods)


def figures_mark(store: Any, model: int, language: str | None) -> str:
    """The mark figures are kept under: data revision, the class's model, the language, the code's version."""
    return json.dumps([FIGURES_FORMAT, __version__, store.data_revision(), model, language or ""])


def keep_figures(store: Any, class_id: int, mark: str, figures: ClassInsights) -> None:
    """Keep the dashboard's figures under ``mark`` (read before they were worked out) unless the data moved since."""
    packed = zlib.compress(json.dumps(_plain(figures), allow_nan=True).encode("utf-8"), 1)
    with write_transaction(store.db):  # no other write between the check and the keeping (review 30b)
        if store.data_revision() == json.loads(mark)[2]:
            store.keep_figures(class_id, mark, packed)


def kept_figures(store: Any, class_id: int, mark: str) -> ClassInsights | None:
    """The dashboard's figures kept under exactly ``mark``; None when there are none or they cannot be read."""
    raw = store.kept_figures(class_id, mark)
    if raw is None:
        return None
    try:
        unpacking = zlib.decompressobj()
        text = unpacking.decompress(raw, MAX_KEPT_BYTES)
        if unpacking.unconsumed_tail:
            return None
        return _figures(json.loads(text.decode("utf-8")))
    except (zlib.error, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None  # damaged: worked out again (and kept again) as if never kept


def _plain(figures: ClassInsights) -> dict[str, Any]:
    """The figures as JSON values (``vars`` of each record: ``dataclasses.asdict`` deep-copies and is 3x slower)."""
    table = figures.mastery
    return {
        "mastery": {"students": table.students, "skills": table.skills,
                    "cells": {s: {k: vars(cell) for k, cell in cells.items()} for s, cells in table.cells.items()}},
        "needs_help": [vars(need) for need in figures.needs_help],
        "groups": [vars(group) for group in figures.groups],
        "left_out": figures.left_out,
        "most_missed": [vars(missed) for missed in figures.most_missed],
        "progress": [{**vars(point), "period_start": point.period_start.isoformat()} for point in figures.progress],
        "answers": figures.answers, "student_names": figures.student_names, "skill_names": figures.skill_names,
        "exercise_prompts": figures.exercise_prompts, "rule": vars(figures.rule),
    }


def _figures(plain: dict[str, Any]) -> ClassInsights:
    table = plain["mastery"]
    rule = plain["rule"]
    return ClassInsights(
        mastery=insights.MasteryTable(table["students"], table["skills"], {
            student: {skill: SkillMastery(**cell) for skill, cell in cells.items()} for student, cells in table["cells"].items()}),
        needs_help=[insights.HelpNeed(**need) for need in plain["needs_help"]],
        groups=[insights.Group(g["skill_id"], tuple(g["students"]), g["reason"]) for g in plain["groups"]],
        left_out=list(plain["left_out"]),
        most_missed=[insights.MissedExercise(**{**m, "skills": tuple(m["skills"]), "who_missed": tuple(m["who_missed"])})
                     for m in plain["most_missed"]],
        progress=[insights.ProgressPoint(**{**p, "period_start": date.fromisoformat(p["period_start"])}) for p in plain["progress"]],
        answers=int(plain["answers"]),
        student_names=dict(plain["student_names"]),
        skill_names=dict(plain["skill_names"]),
        exercise_prompts=dict(plain["exercise_prompts"]),
        rule=MasteryRule(**{**rule, "skill_levels": tuple(tuple(level) for level in rule["skill_levels"])}),
    )
