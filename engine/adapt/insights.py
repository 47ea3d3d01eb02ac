"""Teacher decision support: mastery heat map, needs-help list, groups, most-missed
exercises and progress over time.

All functions take plain data (a :class:`~engine.model.interface.Responses`
log of the class, the bank as ``{exercise_id: skills}``, the prerequisite
graph) and a calibrated student model; they return small dataclasses the
desktop turns into tables and plots.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, timedelta, timezone
from typing import Any, Collection, Iterable, Mapping, Sequence

from engine.graph import Prerequisites, all_skills, prerequisite_order, ready_skills
from engine.adapt.mastery import (MASTERED, NEEDS_HELP, MasteryRule, SkillMastery, answer_counts, below_help_level, built_on,
                                  mastery_summary, student_mastery)
from engine.model.interface import Responses


@dataclass
class MasteryTable:
    """Class x skill mastery: the data of the heat map."""

    students: list[str]
    skills: list[str]
    cells: dict[str, dict[str, SkillMastery]]

    def rows(self, skill_names: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
        """One row per student: ``student``, then per skill the estimate (0-1) as a number."""
        names = skill_names or {}
        return [
            {"student": s, **{names.get(k, k): round(self.cells[s][k].estimate, 3) for k in self.skills}} for s in self.students
        ]


def class_mastery(
    model: Any,
    responses: Responses,
    exercise_skills: Mapping[str, Sequence[str]],
    prerequisites: Prerequisites | None = None,
    students: Iterable[str] = (),
    rule: MasteryRule = MasteryRule(),
    evidence_window: int = 0,
) -> MasteryTable:
    """Mastery of every student (those in the log plus ``students``) on every skill.

    Students with no answers get the model's starting estimates (wide bands,
    status "not started"). ``evidence_window`` as in
    :class:`~engine.adapt.recommend.NextStepConfig` (the service passes its setting,
    so the heat map agrees with next steps).
    """
    from engine.adapt.recommend import adapt_student

    answers = responses.by_student()
    roster = list(dict.fromkeys([*students, *answers]))
    skills = prerequisite_order(prerequisites or {}, (s for sk in exercise_skills.values() for s in sk))
    cells = {}
    for student in roster:
        items, scores = answers.get(student, ([], []))
        state = adapt_student(model, items, scores, exercise_skills, evidence_window)
        cells[student] = student_mastery(model, state, skills, answer_counts(items, scores, exercise_skills), rule)
    return MasteryTable(roster, skills, cells)


@dataclass(frozen=True)
class HelpNeed:
    """One student who needs help with one skill, and why."""

    student_id: str
    skill_id: str
    urgency: float
    reason: str
    recent_wrong: int = 0
    """How many latest answers on the skill were all wrong when that alone lists the child (0: the mastery rule
    says "needs help"), for the screen to say why a child whose status reads "learning" is listed (review 35d)."""


def _dependents(prerequisites: Prerequisites) -> dict[str, set[str]]:
    """For each skill, the skills that need it directly or indirectly."""
    direct: dict[str, set[str]] = defaultdict(set)
    for skill, needs in prerequisites.items():
        for need in needs:
            if need != skill:
                direct[need].add(skill)
    closure: dict[str, set[str]] = {}
    for skill in all_skills(prerequisites):
        seen: set[str] = set()
        frontier = list(direct.get(skill, ()))
        while frontier:
            nxt = frontier.pop()
            if nxt in seen or nxt == skill:
                continue
            seen.add(nxt)
            frontier.extend(direct.get(nxt, ()))
        closure[skill] = seen
    return closure


def needs_help(
    table: MasteryTable,
    responses: Responses,
    exercise_skills: Mapping[str, Sequence[str]],
    prerequisites: Prerequisites | None = None,
    skill_names: Mapping[str, str] | None = None,
    recent_wrong: int = 3,
) -> list[HelpNeed]:
    """Who needs help now, with which skill and why, most urgent first.

    A student needs help on a skill when the mastery rule says so (confidently
    below the help level after enough answers), when their last
    ``recent_wrong`` answers on the skill were all wrong, or when after
    :data:`STRUGGLING_ANSWERS` answers their own chance of success is under
    :data:`STRUGGLING_BELOW` (review 36d: 2 of 12 right on counting, about 36%,
    was not listed because the model kept the band's top just above 50%). Urgency grows with a
    lower chance of success, a run of wrong answers and the number of later
    skills the gap blocks (a missing foundation is more urgent).
    """
    prerequisites = prerequisites or {}
    names = skill_names or {}
    blocks = _dependents(prerequisites)
    answers = responses.by_student()
    result = []
    for student in table.students:
        items, scores = answers.get(student, ([], []))
        histories = _skill_histories(items, scores, exercise_skills)
        for skill in table.skills:
            cell = table.cells[student][skill]
            history = histories.get(skill, [])
            wrong_run = len(history) >= recent_wrong and all(c < 0.5 for c in history[-recent_wrong:])
            if not wrong_run and not below_help_level(cell):
                continue
            blocked = sorted(blocks.get(skill, ()), key=lambda s: names.get(s, s))
            urgency = (1 - cell.estimate) + (0.5 if wrong_run else 0.0) + 0.1 * min(len(blocked), 5)
            last = history[-5:]
            parts = [f"{names.get(skill, skill)}: {sum(last):.0f} of last {len(last)} right"]
            if wrong_run:
                parts.append(f"last {recent_wrong} answers wrong")
            parts.append(f"about {round(cell.estimate * 20) * 5:.0f}% chance of success")
            if blocked:
                shown = ", ".join(names.get(s, s) for s in blocked[:3]) + (" and more" if len(blocked) > 3 else "")
                parts.append(f"needed for {shown}")
            result.append(HelpNeed(student, skill, round(urgency, 4), "; ".join(parts),
                                   recent_wrong if wrong_run and cell.status != NEEDS_HELP else 0))
    result.sort(key=lambda h: (-h.urgency, h.student_id, h.skill_id))
    return result


def _skill_histories(items: Sequence[str], scores: Sequence[float], exercise_skills: Mapping[str, Sequence[str]]) -> dict[str, list[float]]:
    """Per skill: the scores of the answers on it, in order (one pass, each answer counted once per skill)."""
    histories: dict[str, list[float]] = defaultdict(list)
    for item, score in zip(items, scores):
        for skill in dict.fromkeys(exercise_skills.get(item, ())):
            histories[skill].append(score)
    return histories


def next_skill(mastery: Mapping[str, SkillMastery], prerequisites: Prerequisites) -> str | None:
    """The first skill (in prerequisite order) a student should learn next, or None if all are mastered."""
    mastered = {s for s, m in mastery.items() if m.status == MASTERED} | built_on(mastery, prerequisites)
    order = prerequisite_order(prerequisites, mastery)
    ready = set(ready_skills(prerequisites, mastered, [s for s in order if s in mastery]))
    for skill in order:
        if skill in ready:
            return skill
    return None


@dataclass(frozen=True)
class Group:
    """Students who need the same next skill."""

    skill_id: str
    students: tuple[str, ...]
    reason: str


def suggest_groups(
    table: MasteryTable,
    prerequisites: Prerequisites | None = None,
    min_size: int = 2,
    max_size: int = 6,
    skill_names: Mapping[str, str] | None = None,
) -> tuple[list[Group], list[str]]:
    """Groups of students who need the same next skill, and the students left out.

    Students needing the same skill are split into the fewest groups of at
    most ``max_size``, of near-equal size, weakest together. A skill needed
    by fewer than ``min_size`` students forms no group: those students are
    returned as left out (to work alone or join the teacher). A student with
    no answer yet is in neither (nothing says what they need: review 36d, two
    children absent from the only quiz sat in a group with strugglers).
    """
    if min_size < 1 or max_size < min_size:
        raise ValueError(f"group sizes must satisfy 1 <= min_size <= max_size, got {min_size}, {max_size}")
    prerequisites = prerequisites or {}
    names = skill_names or {}
    wanting: dict[str, list[str]] = defaultdict(list)
    for student in table.students:
        if not any(cell.answered for cell in table.cells[student].values()):
            continue
        skill = next_skill(table.cells[student], prerequisites)
        if skill is not None:
            wanting[skill].append(student)
    order = {s: i for i, s in enumerate(table.skills)}
    groups, left_out = [], []
    for skill in sorted(wanting, key=lambda s: order.get(s, 0)):
        students = sorted(wanting[skill], key=lambda s: (table.cells[s][skill].estimate, s))
        if len(students) < min_size:
            left_out.extend(students)
            continue
        count = math.ceil(len(students) / max_size)
        size, extra = divmod(len(students), count)
        start = 0
        for g in range(count):
            members = tuple(students[start : start + size + (1 if g < extra else 0)])
            start += len(members)
            groups.append(Group(skill, members, f"{len(members)} students ready to learn {names.get(skill, skill)} next"))
    return groups, sorted(left_out)


@dataclass(frozen=True)
class MissedExercise:
    exercise_id: str
    attempts: int
    wrong: float
    miss_rate: float
    students_missed: int
    skills: tuple[str, ...]
    who_missed: tuple[str, ...] = ()
    """The ids of the students who missed it (review 30c: the dashboard gave how many, not who)."""


MISSED_BY_AT_LEAST = 3
"""Most-missed exercises are among those at least this many different students tried."""


class MissCounts:
    """Per exercise: attempts, wrong (1 - score summed) and who missed it, kept up to date answer by answer."""

    def __init__(self) -> None:
        self.attempts: dict[str, int] = defaultdict(int)
        self.wrong: dict[str, float] = defaultdict(float)
        self.missed_by: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.tried_by: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.wrong_by: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))

    def add(self, student: str, item: str, score: float, sign: int = 1) -> None:
        self.attempts[item] += sign
        self.wrong[item] += sign * (1.0 - float(score))
        self.wrong_by[item][student] += sign * (1.0 - float(score))
        _count(self.tried_by[item], student, sign)
        if score < 0.5:
            _count(self.missed_by[item], student, sign)

    def remove(self, student: str, item: str, score: float) -> None:
        self.add(student, item, score, -1)

    def ranked(self, exercise_skills: Mapping[str, Sequence[str]], min_attempts: int = MISSED_BY_AT_LEAST, top: int = 10,
               students: Collection[str] | None = None) -> list["MissedExercise"]:
        """The ``top`` exercises answered wrong most often, among those ``min_attempts`` different students tried
        (review 35d: "100%, 4 answers" of two children headed the class's list); with ``students``, counting only
        their answers (a group of the class)."""
        rows = []
        for item, n in self.attempts.items():
            tried, missed, wrong = self.tried_by[item], self.missed_by[item], self.wrong[item]
            if students is not None:
                tried = {s: k for s, k in tried.items() if s in students}
                missed = {s: k for s, k in missed.items() if s in students}
                n, wrong = sum(tried.values()), sum(self.wrong_by[item][s] for s in tried)
            if len(tried) >= min_attempts and wrong > 1e-9:
                rows.append(MissedExercise(item, n, wrong, wrong / n, len(missed), tuple(exercise_skills.get(item, ())), tuple(sorted(missed))))
        rows.sort(key=lambda r: (-r.miss_rate, -r.attempts, r.exercise_id))
        return rows[:top]


def _count(per_student: dict[str, int], student: str, sign: int) -> None:
    """One answer more (``sign`` 1) or less (-1) of ``student``; a student with none left is dropped."""
    per_student[student] += sign
    if per_student[student] <= 0:
        del per_student[student]


def miss_counts(responses: Responses) -> MissCounts:
    """:class:`MissCounts` of a whole log: :meth:`MissCounts.add` of each answer in turn, inlined (a year of a class's
    answers is read as the class opens)."""
    counts = MissCounts()
    attempts, wrong, tried_by, wrong_by, missed_by = counts.attempts, counts.wrong, counts.tried_by, counts.wrong_by, counts.missed_by
    for student, item, score in zip(responses.student_ids, responses.item_ids, responses.correct.tolist()):
        lost = 1.0 - score
        attempts[item] += 1
        wrong[item] += lost
        wrong_by[item][student] += lost
        tried_by[item][student] += 1
        if score < 0.5:
            missed_by[item][student] += 1
    return counts


def most_missed(
    responses: Responses, exercise_skills: Mapping[str, Sequence[str]] | None = None, min_attempts: int = MISSED_BY_AT_LEAST,
    top: int = 10,
) -> list[MissedExercise]:
    """Exercises answered wrong most often (share of wrong answers), among those ``min_attempts`` students tried."""
    return miss_counts(responses).ranked(dict(exercise_skills or responses.item_skills()), min_attempts, top)


@dataclass(frozen=True)
class ProgressPoint:
    """One period of one student (or the class, ``student_id`` = "")."""

    student_id: str
    period_start: date
    answers: int
    accuracy: float
    mastered_share: float | None
    mean_mastery: float | None


def as_datetime(value: Any) -> datetime:
    """An answer's time (datetime, date, ISO text or seconds) as an aware datetime."""
    return _as_datetime(value)


def _as_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(float(value), tz=timezone.utc)
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"cannot read the time {value!r} (expected ISO 8601 or seconds since 1970)") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _period_start(moment: datetime, period: str) -> date:
    day = moment.date()
    if period == "day":
        return day
    if period == "week":
        return _week_start(day)
    raise ValueError(f"period must be 'day' or 'week', not {period!r}")


@lru_cache(maxsize=4096)
def _week_start(day: date) -> date:
    """The Monday of ``day``'s week (kept: a class's answers fall on a few hundred days)."""
    return day - timedelta(days=day.weekday())


def progress_over_time(
    responses: Responses,
    times: Sequence[Any],
    period: str = "week",
    model: Any = None,
    exercise_skills: Mapping[str, Sequence[str]] | None = None,
    rule: MasteryRule = MasteryRule(),
) -> list[ProgressPoint]:
    """Accuracy per period and, with a model, mastery at the end of each period.

    ``times`` gives when each answer was given (datetime, date, ISO text or
    seconds). Per student: answers and share right in the period, then (with
    ``model``) the share of the class's skills mastered and the mean mastery
    estimate using all answers up to the period's end. Class points
    (``student_id == ""``) pool the answers and average the students who had
    answered by then.
    """
    if len(times) != len(responses):
        raise ValueError(f"got {len(times)} times for {len(responses)} answers")
    skills_of = dict(exercise_skills or responses.item_skills())
    per_student: dict[str, list[tuple[datetime, str, float]]] = defaultdict(list)
    for student, item, score, moment in zip(responses.student_ids, responses.item_ids, responses.correct, times):
        per_student[student].append((_as_datetime(moment), item, float(score)))
    periods = sorted({_period_start(m, period) for rows in per_student.values() for m, _, _ in rows})
    by_student = {
        student: student_progress(student, per_student[student], periods, period, model, skills_of, rule) for student in sorted(per_student)
    }
    return [point for points in by_student.values() for point in points] + class_progress(by_student.values(), periods)


def student_progress(
    student: str,
    rows: Sequence[tuple[datetime, str, float]],
    periods: Sequence[date],
    period: str = "week",
    model: Any = None,
    exercise_skills: Mapping[str, Sequence[str]] | None = None,
    rule: MasteryRule = MasteryRule(),
) -> list[ProgressPoint]:
    """One student's points for every period in ``periods`` from their first answer on.

    ``rows`` are (time, exercise, score). One pass over the answers in time
    order: a model with ``update`` folds each period's answers into the state,
    the scores per skill grow answer by answer, and each period's end takes a
    snapshot (:func:`mastery_summary`, the figures :func:`student_mastery`
    gives), so the cost grows with the answers, not with answers x periods.
    """
    if not rows:
        return []
    skills_of = dict(exercise_skills or {})
    skills = sorted({s for sk in skills_of.values() for s in sk})
    ordered = sorted(rows, key=lambda r: r[0])
    starts = [_period_start(row[0], period) for row in ordered]
    in_period: dict[date, list[tuple[datetime, str, float]]] = defaultdict(list)
    for start, row in zip(starts, ordered):
        in_period[start].append(row)
    first = starts[0]
    # Answers before the first period asked for are folded in first (recomputing only the latest weeks).
    earlier = [r for start, r in zip(starts, ordered) if periods and start < periods[0]]
    items: list[str] = [r[1] for r in earlier]
    scores: list[float] = [r[2] for r in earlier]
    per_skill: dict[str, list[float]] = defaultdict(list)  # answer_counts(items, scores), kept up to date
    _add_scores(per_skill, items, scores, skills_of)
    state: Any = model.adapt(items, scores) if earlier and model is not None and skills else None
    snapshot = _Snapshot(model, skills, rule)
    points = []
    for start in periods:
        if start < first:
            continue
        new = in_period.get(start, [])
        new_items, new_scores = [r[1] for r in new], [r[2] for r in new]
        items += new_items
        scores += new_scores
        _add_scores(per_skill, new_items, new_scores, skills_of)
        share = mean = None
        if model is not None and skills:
            if state is None or not hasattr(model, "update"):
                state = model.adapt(items, scores)
            elif new:
                state = model.update(state, new_items, new_scores)
            share, mean = snapshot.take(state, per_skill, {s for item in new_items for s in skills_of.get(item, ())}, new_items)
        accuracy = sum(new_scores) / len(new_scores) if new_scores else float("nan")
        points.append(ProgressPoint(student, start, len(new_scores), accuracy, share, mean))
    return points


class _Snapshot:
    """A student's mastered share and mean mastery at each period's end, recomputing only the skills that changed.

    With a model whose figures for a skill read only that skill's part of the
    state (``skill_figures_independent``, e.g. knowledge tracing), only the skills
    the period's answers touched are worked out again (those of the exercises, and
    those whose state the model's ``touched`` says the answers changed): the others
    keep their figures, the same inputs giving the same numbers. Other models
    recompute every skill.
    """

    def __init__(self, model: Any, skills: Sequence[str], rule: MasteryRule) -> None:
        self.model, self.skills, self.rule = model, list(skills), rule
        self.place = {skill: n for n, skill in enumerate(self.skills)}
        self.reuse = bool(getattr(model, "skill_figures_independent", False)) and hasattr(model, "touched")
        self.mastered: dict[str, bool] = {}
        self.own: dict[str, float] = {}

    def take(self, state: Any, per_skill: Mapping[str, Sequence[float]], answered: Collection[str],
             items: Sequence[str] = ()) -> tuple[float, float]:
        """(share of skills mastered, mean own chance) in ``state`` with ``per_skill`` scores; ``answered``: the skills
        of the period's answers, ``items`` their exercises."""
        if self.mastered and self.reuse:
            touched = (set(answered) | self.model.touched(items)) & self.place.keys()
            changed = sorted(touched, key=self.place.__getitem__)
        else:
            changed = self.skills
        mastered, own = mastery_summary(self.model, state, changed, per_skill, self.rule)
        if not self.mastered:  # the first snapshot fixes the skills' order (that of student_mastery's cells)
            self.mastered, self.own = dict.fromkeys(self.skills, False), dict.fromkeys(self.skills, 0.0)
        self.mastered.update(mastered)
        self.own.update(own)
        return sum(self.mastered.values()) / len(self.skills), sum(self.own.values()) / len(self.skills)


def _add_scores(
    per_skill: dict[str, list[float]], items: Sequence[str], scores: Sequence[float], exercise_skills: Mapping[str, Sequence[str]]
) -> None:
    """Append each answer's score to its skills' lists, as :func:`answer_counts` collects them."""
    for item, score in zip(items, scores):
        for skill in exercise_skills.get(item, ()):
            per_skill[skill].append(float(score))


def class_progress(students: Iterable[Sequence[ProgressPoint]], periods: Sequence[date]) -> list[ProgressPoint]:
    """The class's points (``student_id == ""``) from its students' points for the same ``periods``."""
    answers: dict[date, float] = defaultdict(float)
    right: dict[date, float] = defaultdict(float)
    masteries: dict[date, list[tuple[float, float]]] = defaultdict(list)
    for points in students:
        for point in points:
            if point.answers:
                answers[point.period_start] += point.answers
                right[point.period_start] += point.accuracy * point.answers
            if point.mastered_share is not None and point.mean_mastery is not None:
                masteries[point.period_start].append((point.mastered_share, point.mean_mastery))
    result = []
    for start in periods:
        shares = masteries.get(start, [])
        result.append(
            ProgressPoint(
                "",
                start,
                int(answers[start]),
                right[start] / answers[start] if answers[start] else float("nan"),
                sum(m[0] for m in shares) / len(shares) if shares else None,
                sum(m[1] for m in shares) / len(shares) if shares else None,
            )
        )
    return result


def period_of(moment: Any, period: str = "week") -> date:
    """The start of the period (day or week) an answer given at ``moment`` falls in."""
    return _period_start(_as_datetime(moment), period)
