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
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

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
    status: str = "new"
    """"new", "update" (renamed or regrouped), "unchanged" (already in the class) or "problem"."""
    group: str = ""


@dataclass
class RosterPreview:
    rows: list[RosterLine]
    error: str = ""
    """The file's problem (naming the line); when set, nothing can be imported."""


@dataclass(frozen=True)
class TemplateInfo:
    id: Any
    name: str


@dataclass(frozen=True)
class GeneratedInfo:
    prompt: str
    kind: str
    answer_text: str
    choices: tuple[str, ...]
    skills: tuple[Any, ...]
    source: Any = None


@dataclass(frozen=True)
class BackupInfo:
    path: str
    label: str


@dataclass(frozen=True)
class SnapshotInfo:
    id: Any
    created: str
    note: str
    active: bool = False


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
import_responses = _api.import_responses
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
scheduled_backup = _api.scheduled_backup
restore_backup = _api.restore_backup
create_demo_class = _api.create_demo_class
load_model = _api.load_model
save_model = _api.save_model
list_model_snapshots = _api.list_model_snapshots
rollback_model = _api.rollback_model
model_info = _api.model_info
use_shipped_model = _api.use_shipped_model


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


# --- class data and the adapt service ----------------------------------------------------------
@dataclass
class ClassData:
    """One class read from the store, with the engine's :class:`~engine.adapt.service.ClassService` over it.

    Ids are strings in everything handed to ``engine.adapt``.
    """

    class_id: Any
    students: list[StudentInfo]
    exercises: dict[str, ExerciseInfo]
    skills: dict[str, SkillInfo]
    responses: Any
    times: list[Any]
    sources: list[str]
    service: Any

    @property
    def rule(self) -> Any:
        return self.service.rule

    @property
    def skill_names(self) -> dict[str, str]:
        return {k: s.name for k, s in self.skills.items()}

    @property
    def student_names(self) -> dict[str, str]:
        return {str(s.id): s.name for s in self.students}

    @property
    def exercise_prompts(self) -> dict[str, str]:
        return {k: e.prompt for k, e in self.exercises.items()}


_CACHE: dict[str, tuple[Any, "ClassData"]] = {}
_CACHE_LOCK = threading.Lock()


def load_class_data(store: Any, class_id: Any) -> ClassData:
    """Read a class and the bank and set up the adapt service (slow on first model use: run in a job).

    Calibrating the model on a class takes seconds, so
    the service is kept and reused until the class's students, answers, bank
    or model change (compared on every call: reading them is quick).
    """
    students = list_students(store, class_id)
    exercises = {str(e.id): e for e in list_exercises(store)}
    skills = {str(s.id): s for s in list_skills(store)}
    responses, times, sources = class_responses(store, class_id)
    fingerprint = (
        tuple(students),
        tuple(exercises.values()),
        tuple(skills.values()),
        tuple(responses.student_ids),
        tuple(responses.item_ids),
        responses.correct.tobytes(),
        tuple(times),
        model_info(store, class_id),
    )
    key = str(class_id)
    with _CACHE_LOCK:  # building is quick; the slow calibration happens later, once, under the service's own lock
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
        return _build_class_data(store, class_id, key, fingerprint, students, exercises, skills, responses, times, sources)


def _build_class_data(
    store: Any, class_id: Any, key: Any, fingerprint: Any, students: Any, exercises: Any, skills: Any, responses: Any, times: Any, sources: Any
) -> ClassData:
    from engine.adapt import service as adapt
    data = adapt.ClassData(
        class_id=str(class_id),
        students={str(s.id): s.name for s in students},
        exercises={k: tuple(str(s) for s in e.skills) for k, e in exercises.items()},
        prerequisites={k: [str(p) for p in s.prerequisites] for k, s in skills.items() if s.prerequisites},
        skill_names={k: s.name for k, s in skills.items()},
        responses=responses,
        times=list(times),
        content={k: {"prompt": e.prompt, "answer": e.answer_text} for k, e in exercises.items()},
    )
    service = adapt.ClassService(data, model=load_model(store, class_id))
    result = ClassData(class_id, students, exercises, skills, responses, list(times), list(sources), service)
    _CACHE[key] = (fingerprint, result)
    return result


def prepare_class(store: Any, class_id: Any) -> None:
    """Calibrate the class's model ahead of time (a background job at start-up and on class change)."""
    load_class_data(store, class_id).service.mastery_table()


def practice_session(data: ClassData, student_id: Any) -> Any:
    """An adaptive practice session for one student, continuing from their earlier answers.

    It chooses only among exercises the laptop can mark (not "marked by the
    teacher"), with the class's already calibrated model.
    """
    gradable = [k for k, exercise in data.exercises.items() if exercise.kind in AUTO_GRADED]
    return data.service.practice_session(str(student_id), gradable)


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
    rule: Any


def class_insights(store: Any, class_id: Any, job: Any = None) -> ClassInsights:
    """All numbers of the class dashboard (run in a job)."""
    report = getattr(job, "progress", lambda f, t="": None)
    data = load_class_data(store, class_id)
    service = data.service
    table = service.mastery_table()
    report(0.5, "")
    groups, left_out = service.groups()
    progress = service.progress() if len(data.responses) else []
    return ClassInsights(
        table,
        service.needs_help(),
        groups,
        left_out,
        service.most_missed(),
        progress,
        len(data.responses),
        data.student_names,
        data.skill_names,
        data.exercise_prompts,
        data.rule,
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
    rule: Any
    worksheet: Any = None


def _overview(data: ClassData, student: StudentInfo, steps: int, progress: list[Any] | None = None, worksheet: bool = False) -> StudentOverview:
    sid = str(student.id)
    rows = [
        HistoryRow(_when(t), data.exercise_prompts.get(i, i), float(c), src)
        for s, i, c, t, src in zip(data.responses.student_ids, data.responses.item_ids, data.responses.correct, data.times, data.sources)
        if s == sid
    ]
    mine = [p for p in (progress or []) if p.student_id == sid]
    sheet = data.service.worksheet(sid, steps) if worksheet else None
    next_steps = data.service.next_steps(sid, steps) if sheet is None else None
    if sheet is not None:
        by_id = {step.exercise_id: step for step in data.service.next_steps(sid, steps)}
        next_steps = [by_id[item.exercise_id] for item in sheet.items if item.exercise_id in by_id]
    return StudentOverview(
        student, data.service.student_mastery(sid), next_steps, rows, mine, data.skill_names, data.exercise_prompts, data.exercises, data.rule, sheet
    )


def _when(value: Any) -> str:
    text = value.isoformat(sep=" ", timespec="minutes") if hasattr(value, "isoformat") else str(value)
    return text[:16]


def student_overview(store: Any, class_id: Any, student_id: Any, steps: int = 5) -> StudentOverview:
    """Mastery, next steps, answers and progress of one student (run in a job)."""
    data = load_class_data(store, class_id)
    student = next((s for s in data.students if str(s.id) == str(student_id)), None)
    if student is None:
        raise LamplightError("This student is no longer in the class.")
    progress = data.service.progress() if len(data.responses) else []
    return _overview(data, student, steps, progress)


def class_overviews(
    store: Any, class_id: Any, student_ids: Sequence[Any] | None, steps: int = 8, progress: Any = None, worksheets: bool = False
) -> list[StudentOverview]:
    """Overviews of several students (all when ``student_ids`` is None), for worksheets and reports."""
    data = load_class_data(store, class_id)
    wanted = None if student_ids is None else {str(s) for s in student_ids}
    chosen = [s for s in data.students if wanted is None or str(s.id) in wanted]
    result = []
    for n, student in enumerate(chosen):
        if progress is not None:
            progress.check()
            progress.progress(n / max(1, len(chosen)), student.name)
        result.append(_overview(data, student, steps, worksheet=worksheets))
    return result


def export_report_csv(store: Any, class_id: Any, path: Path, student_id: Any | None = None) -> Path:
    """The engine's class report (or one student's) as CSV."""
    data = load_class_data(store, class_id)
    if student_id is None:
        return data.service.export_csv("class", path)
    return data.service.export_csv("student", path, str(student_id))


def pick_quiz_exercises(store: Any, class_id: Any, per_skill: int) -> list[Any]:
    """Exercises for a paper quiz: ``per_skill`` for each skill the class is working on.

    A skill counts when it is the target of one of some student's next three
    steps; its exercises are the ones the class's next steps use most, then any
    other exercise of that skill.
    """
    data = load_class_data(store, class_id)
    votes: dict[str, dict[str, int]] = {}
    for student in data.students:
        for step in data.service.next_steps(str(student.id), 3):
            votes.setdefault(step.skill_id, {}).setdefault(step.exercise_id, 0)
            votes[step.skill_id][step.exercise_id] += 1
    chosen: list[str] = []
    for skill, counts in votes.items():
        ranked = sorted(counts, key=lambda e: (-counts[e], e))
        extra = [e for e, sk in data.service.data.exercises.items() if skill in sk and e not in ranked]
        chosen.extend([e for e in ranked + extra if e not in chosen][:per_skill])
    return [data.exercises[e].id for e in chosen]


def improve_class_model(store: Any, class_id: Any, progress: Callable[[float, str], None], should_stop: Callable[[], bool]) -> Any:
    """Learn from the class's answers in the background; keep the new model only if it is better."""
    data = load_class_data(store, class_id)
    report = data.service.improve(
        progress, should_stop, save_snapshot=lambda previous, note: save_model(store, class_id, previous, note, snapshot=True)
    )
    if report.adopted:
        save_model(store, class_id, report.model, report.summary, snapshot=False)
    return report
