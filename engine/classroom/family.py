"""What a letter to a child's family says: skills known now and a month ago, what comes next.

Plain counts and skill names only (no percentages): the letter is for
parents. "Known" is the student model's *mastered* (see
:class:`engine.adapt.mastery.MasteryRule`); a month ago is read from the
student's weekly progress (the last whole week before the cutoff).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Sequence

from engine.adapt.mastery import MASTERED
from engine.classroom.ids import ClassId, StudentId, model_key
from engine.store.records import Student

MONTH = timedelta(days=30)


@dataclass(frozen=True)
class FamilyReport:
    """One child's figures for the family letter."""

    student: Student
    skills: int
    """How many skills the class has worked on so far, the child's known ones among them (the picture's boxes): not
    the whole bank's (review 40a: "knows 1 of the 15 skills we are learning in class" after a first quiz on five, the
    15 the whole primary pack)."""
    known_now: list[str]
    """Names of the skills the child knows now."""
    known_month_ago: int | None
    """How many skills the child knew a month ago; None when Lamplight had no answers of theirs then."""
    working_on: list[str]
    """Names of skills the child has started but not mastered, besides those of ``next_skills``."""
    next_skills: list[str]
    """Names of the skills of the child's next steps that the child does not know yet (no repeats)."""
    answers_this_month: int
    answers: int
    """How many of the child's answers Lamplight holds in all (none: the letter cannot say what the child knows)."""
    review_skills: list[str] = field(default_factory=list)
    """Names of skills the child knows that the next steps go over again (a prerequisite of a skill that goes badly):
    the letter says so, instead of listing a known skill as something to learn next."""
    right: int = 0
    """How many of ``answers`` were right (a full mark or more than half of one)."""
    next_begun: list[str] = field(default_factory=list)
    """Those of ``next_skills`` the child has begun: the letter says they are practised more, not that they come next
    (review 50a: 乘法, 2 of 15 right, read to a parent as not begun)."""


def family_reports(classroom: Any, class_id: ClassId, student_ids: Sequence[StudentId] | None = None, today: date | None = None,
                   job: Any = None) -> list[FamilyReport]:
    """The letter's figures for some students of a class (all when ``student_ids`` is None)."""
    today = today or date.today()
    service = classroom.service(class_id)
    worked = {skill for item in set(service.log().item_ids) for skill in service.data.exercises.get(item, ())}
    reports = []
    for overview in classroom.overviews(class_id, student_ids, steps=6, job=job):
        names = overview.skill_names
        shown = {k for k, m in overview.mastery.items() if k in worked or m.status == MASTERED}
        known = [names.get(k, k) for k, m in overview.mastery.items() if m.status == MASTERED]
        started = [names.get(k, k) for k, m in overview.mastery.items() if m.status != MASTERED and m.answered > 0]
        upcoming = list(dict.fromkeys(names.get(s.skill_id, s.skill_id) for s in overview.steps))
        review = [skill for skill in upcoming if skill in known]
        upcoming = [skill for skill in upcoming if skill not in known][:3]
        begun = [skill for skill in upcoming if skill in started]
        started = [skill for skill in started if skill not in upcoming]  # each skill said once: the plan names these
        points = service.student_progress(model_key(overview.student.id))
        recent = sum(1 for row in overview.history if row.when[:10] >= (today - MONTH).isoformat())
        reports.append(FamilyReport(overview.student, len(shown), known,
                                    known_before(points, today - MONTH, len(overview.mastery), len(overview.history) > recent),
                                    started, upcoming, recent,
                                    len(overview.history), review[:2], sum(row.score > 0.5 for row in overview.history),
                                    begun))
    return reports


def known_before(points: Sequence[Any], cutoff: date, skills: int, answered_before: bool = False) -> int | None:
    """Skills known at the end of the last whole week before ``cutoff``; when there is none but the child answered
    before ``cutoff`` (``answered_before``), at the end of the week ``cutoff`` falls in (review 32b: 4 answers older
    than a month, and the letter said there were none then); None when no answer is that old."""
    known = [p for p in points if p.mastered_share is not None]
    before = [p for p in known if p.period_start + timedelta(days=7) <= cutoff] or \
        [p for p in known if answered_before and p.period_start <= cutoff]
    if not before:
        return None
    return int(round(max(before, key=lambda p: p.period_start).mastered_share * skills))
