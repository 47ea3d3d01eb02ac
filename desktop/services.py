"""The desktop's one door to the engine.

Screens call only these functions. The first part maps the store's public
API (``engine.store``) to the small records the screens show; the second
combines store data with ``engine.adapt`` (model, mastery, next steps,
insights). No SQL here or anywhere in ``desktop``; no Qt either, so every
function can run in a background job with that job's own store.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from engine.errors import LamplightError


# --- records the screens use ----------------------------------------------------------
@dataclass(frozen=True)
class ClassInfo:
    id: Any
    name: str
    archived: bool = False


@dataclass(frozen=True)
class StudentInfo:
    id: Any
    name: str
    class_id: Any = None


@dataclass(frozen=True)
class GroupInfo:
    id: Any
    name: str
    student_ids: tuple[Any, ...] = ()


@dataclass(frozen=True)
class SkillInfo:
    id: Any
    name: str
    prerequisites: tuple[Any, ...] = ()


@dataclass(frozen=True)
class ExerciseInfo:
    id: Any
    prompt: str
    kind: str
    answer_text: str
    choices: tuple[str, ...] = ()
    skills: tuple[Any, ...] = ()


@dataclass(frozen=True)
class QuizInfo:
    id: Any
    title: str
    exercise_ids: tuple[Any, ...] = ()


@dataclass(frozen=True)
class RosterLine:
    line: int
    name: str
    problem: str = ""


@dataclass
class RosterPreview:
    rows: list[RosterLine]


@dataclass(frozen=True)
class BackupInfo:
    path: str
    label: str


@dataclass(frozen=True)
class SnapshotInfo:
    id: Any
    created: str
    note: str


@dataclass(frozen=True)
class HistoryRow:
    when: str
    prompt: str
    score: float
    source: str


from desktop import store_api as _api  # noqa: E402 - the store mapping uses the records above

open_store = _api.open_store
list_classes = _api.list_classes
create_class = _api.create_class
rename_class = _api.rename_class
set_class_archived = _api.set_class_archived
list_students = _api.list_students
add_student = _api.add_student
rename_student = _api.rename_student
delete_student = _api.delete_student
preview_roster = _api.preview_roster
import_roster = _api.import_roster
list_groups = _api.list_groups
create_group = _api.create_group
delete_group = _api.delete_group
answer_counts = _api.answer_counts
list_skills = _api.list_skills
add_skill = _api.add_skill
update_skill = _api.update_skill
list_exercises = _api.list_exercises
add_exercise = _api.add_exercise
update_exercise = _api.update_exercise
delete_exercise = _api.delete_exercise
import_pack = _api.import_pack
export_pack = _api.export_pack
list_templates = _api.list_templates
generate_variants = _api.generate_variants
add_generated = _api.add_generated
list_quizzes = _api.list_quizzes
create_quiz = _api.create_quiz
quiz_exercises = _api.quiz_exercises
quiz_scores = _api.quiz_scores
set_quiz_score = _api.set_quiz_score
class_responses = _api.class_responses
add_response = _api.add_response
get_setting = _api.get_setting
set_setting = _api.set_setting
list_backups = _api.list_backups
make_backup = _api.make_backup
restore_backup = _api.restore_backup
create_demo_class = _api.create_demo_class
load_model = _api.load_model
save_model = _api.save_model
list_model_snapshots = _api.list_model_snapshots
rollback_model = _api.rollback_model
model_description = _api.model_description


# --- grading ----------------------------------------------------------------------------
_NUMBER = re.compile(r"^\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)\s*$")
AUTO_GRADED = ("multiple_choice", "numeric", "short_text")


def is_number(text: str) -> bool:
    """True for a plain decimal number (comma or point as decimal sign)."""
    if "/" in text:
        parts = text.split("/")
        return len(parts) == 2 and all(_NUMBER.match(p) for p in parts) and float(parts[1].replace(",", ".") or 0) != 0
    return bool(_NUMBER.match(text))


def _as_number(text: str) -> float:
    if "/" in text:
        top, bottom = text.split("/")
        return float(top.replace(",", ".")) / float(bottom.replace(",", "."))
    return float(text.replace(",", "."))


def grade(exercise: ExerciseInfo, answer: str) -> float:
    """Score of a student's answer: 1.0 right, 0.0 wrong (auto-gradable kinds only).

    Numbers match within a small tolerance (``0,5`` = ``.5`` = ``1/2``); short
    text ignores case, spaces and a final full stop; a choice matches its text.
    """
    given = answer.strip()
    expected = exercise.answer_text.strip()
    if exercise.kind == "numeric":
        if not is_number(given) or not is_number(expected):
            return 0.0
        return 1.0 if math.isclose(_as_number(given), _as_number(expected), rel_tol=1e-6, abs_tol=1e-9) else 0.0
    if exercise.kind in ("short_text", "multiple_choice"):
        norm = lambda s: " ".join(s.casefold().rstrip(".。").split())  # noqa: E731
        return 1.0 if norm(given) == norm(expected) else 0.0
    raise LamplightError(f"Exercise {exercise.prompt!r} is marked by the teacher; it cannot be graded automatically.")


# --- class data for the model -------------------------------------------------------------
@dataclass
class ClassData:
    """Everything the adapt functions need about one class, with string ids."""

    class_id: Any
    students: list[StudentInfo]
    exercises: dict[str, ExerciseInfo]
    skills: dict[str, SkillInfo]
    responses: Any
    times: list[Any]
    sources: list[str]
    model: Any
    exercise_skills: dict[str, tuple[str, ...]] = field(default_factory=dict)
    prerequisites: dict[str, list[str]] = field(default_factory=dict)

    @property
    def skill_names(self) -> dict[str, str]:
        return {k: s.name for k, s in self.skills.items()}

    @property
    def student_names(self) -> dict[str, str]:
        return {str(s.id): s.name for s in self.students}

    @property
    def exercise_prompts(self) -> dict[str, str]:
        return {k: e.prompt for k, e in self.exercises.items()}

    def history(self, student_id: Any) -> tuple[list[str], list[float]]:
        """The student's (exercise ids, scores) in time order."""
        sid = str(student_id)
        rows = [(i, float(c)) for s, i, c in zip(self.responses.student_ids, self.responses.item_ids, self.responses.correct) if s == sid]
        return [r[0] for r in rows], [r[1] for r in rows]


def load_class_data(store: Any, class_id: Any, practice: bool = False) -> ClassData:
    """Read a class and the bank, and calibrate the class's student model (slow: run in a job).

    With ``practice=True`` only auto-gradable exercises are kept in the bank.
    """
    students = list_students(store, class_id)
    exercises = {str(e.id): e for e in list_exercises(store)}
    if practice:
        exercises = {k: e for k, e in exercises.items() if e.kind in AUTO_GRADED}
    skills = {str(s.id): s for s in list_skills(store)}
    responses, times, sources = class_responses(store, class_id)
    exercise_skills = {k: tuple(str(s) for s in e.skills) for k, e in exercises.items()}
    prerequisites = {k: [str(p) for p in s.prerequisites] for k, s in skills.items() if s.prerequisites}
    model = load_model(store, class_id)
    model.calibrate(responses, {**responses.item_skills(), **exercise_skills})
    return ClassData(class_id, students, exercises, skills, responses, times, sources, model, exercise_skills, prerequisites)


def practice_session(data: ClassData, student_id: Any) -> Any:
    """An adaptive practice session for one student, continuing from their earlier answers."""
    from engine.adapt.recommend import PracticeSession

    items, scores = data.history(student_id)
    known = [(i, c) for i, c in zip(items, scores) if i in data.exercise_skills]
    return PracticeSession(
        data.model, data.exercise_skills, data.prerequisites, [i for i, _ in known], [c for _, c in known], skill_names=data.skill_names
    )


def record_practice_answer(store: Any, data: ClassData, student_id: Any, exercise_id: Any, score: float, answer: str) -> None:
    """Save a practice answer at once (nothing is lost if the laptop is closed)."""
    add_response(store, student_id, exercise_id, score, source="practice", answer=answer)


# --- insights --------------------------------------------------------------------------------
@dataclass
class ClassInsights:
    mastery: Any
    needs_help: list[Any]
    groups: list[Any]
    left_out: list[str]
    most_missed: list[Any]
    progress: list[Any]
    answers: int
    student_names: dict[str, str]
    skill_names: dict[str, str]
    exercise_prompts: dict[str, str]


def class_insights(store: Any, class_id: Any, job: Any = None) -> ClassInsights:
    """All numbers of the class dashboard (run in a job)."""
    from engine.adapt import insights

    report = getattr(job, "progress", lambda f, t="": None)
    data = load_class_data(store, class_id)
    report(0.3, "")
    table = insights.class_mastery(data.model, data.responses, data.exercise_skills, data.prerequisites, students=[str(s.id) for s in data.students])
    report(0.6, "")
    help_list = insights.needs_help(table, data.responses, data.exercise_skills, data.prerequisites, data.skill_names)
    groups, left_out = insights.suggest_groups(table, data.prerequisites, skill_names=data.skill_names)
    missed = insights.most_missed(data.responses, data.exercise_skills)
    progress = insights.progress_over_time(data.responses, data.times, "week", data.model, data.exercise_skills) if len(data.responses) else []
    return ClassInsights(
        table, help_list, groups, left_out, missed, progress, len(data.responses), data.student_names, data.skill_names, data.exercise_prompts
    )


@dataclass
class StudentOverview:
    student: StudentInfo
    mastery: dict[str, Any]
    steps: list[Any]
    history: list[HistoryRow]
    progress: list[Any]
    skill_names: dict[str, str]
    exercise_prompts: dict[str, str]
    exercises: dict[str, ExerciseInfo]


def _overview(data: ClassData, student: StudentInfo, steps: int, with_progress: bool) -> StudentOverview:
    from engine.adapt import insights
    from engine.adapt.recommend import plan_next_steps

    items, scores = data.history(student.id)
    plan = plan_next_steps(data.model, items, scores, data.exercise_skills, data.prerequisites, k=steps, skill_names=data.skill_names)
    sid = str(student.id)
    rows = [
        HistoryRow(_when(t), data.exercise_prompts.get(i, i), float(c), src)
        for s, i, c, t, src in zip(data.responses.student_ids, data.responses.item_ids, data.responses.correct, data.times, data.sources)
        if s == sid
    ]
    progress = []
    if with_progress and rows:
        from engine.model.interface import Responses

        idx = [n for n, s in enumerate(data.responses.student_ids) if s == sid]
        mine = Responses(
            [sid] * len(idx),
            [data.responses.item_ids[n] for n in idx],
            [data.responses.skill_ids[n] for n in idx],
            data.responses.correct[idx],
        )
        progress = insights.progress_over_time(mine, [data.times[n] for n in idx], "week", data.model, data.exercise_skills)
    return StudentOverview(student, plan.mastery, plan.steps, rows, progress, data.skill_names, data.exercise_prompts, data.exercises)


def _when(value: Any) -> str:
    text = value.isoformat(sep=" ", timespec="minutes") if hasattr(value, "isoformat") else str(value)
    return text[:16]


def student_overview(store: Any, class_id: Any, student_id: Any, steps: int = 5) -> StudentOverview:
    """Mastery, next steps, answers and progress of one student (run in a job)."""
    data = load_class_data(store, class_id)
    student = next((s for s in data.students if str(s.id) == str(student_id)), None)
    if student is None:
        raise LamplightError("This student is no longer in the class.")
    return _overview(data, student, steps, with_progress=True)


def class_overviews(store: Any, class_id: Any, student_ids: Sequence[Any] | None, steps: int = 8, progress: Any = None) -> list[StudentOverview]:
    """Overviews of several students (all when ``student_ids`` is None), for worksheets and reports."""
    data = load_class_data(store, class_id)
    wanted = None if student_ids is None else {str(s) for s in student_ids}
    chosen = [s for s in data.students if wanted is None or str(s.id) in wanted]
    result = []
    for n, student in enumerate(chosen):
        if progress is not None:
            progress.check()
            progress.progress(n / max(1, len(chosen)), student.name)
        result.append(_overview(data, student, steps, with_progress=False))
    return result


def pick_quiz_exercises(store: Any, class_id: Any, per_skill: int) -> list[Any]:
    """Exercises for a paper quiz: ``per_skill`` for each skill the class is working on.

    A skill counts when some student has it as a next step; the exercises are
    the ones the class's next steps use most, then any other of that skill.
    """
    data = load_class_data(store, class_id)
    from engine.adapt.recommend import plan_next_steps

    votes: dict[str, dict[str, int]] = {}
    for student in data.students:
        items, scores = data.history(student.id)
        plan = plan_next_steps(data.model, items, scores, data.exercise_skills, data.prerequisites, k=per_skill * 2)
        for step in plan.steps:
            votes.setdefault(step.skill_id, {}).setdefault(step.exercise_id, 0)
            votes[step.skill_id][step.exercise_id] += 1
    chosen: list[str] = []
    for skill, counts in votes.items():
        ranked = sorted(counts, key=lambda e: (-counts[e], e))
        extra = [e for e, sk in data.exercise_skills.items() if skill in sk and e not in ranked]
        chosen.extend([e for e in ranked + extra if e not in chosen][:per_skill])
    return [data.exercises[e].id for e in chosen]


def improve_class_model(store: Any, class_id: Any, progress: Callable[[float, str], None], should_stop: Callable[[], bool]) -> Any:
    """Learn from the class's answers in the background; keep the new model only if it is better."""
    from engine.adapt.learning import improve_model

    data = load_class_data(store, class_id)
    report = improve_model(
        data.responses,
        load_model(store, class_id),
        data.exercise_skills,
        progress=progress,
        should_stop=should_stop,
        save_snapshot=lambda previous, note: save_model(store, class_id, previous, note, snapshot=True),
    )
    if report.adopted:
        save_model(store, class_id, report.model, report.summary, snapshot=False)
    return report
