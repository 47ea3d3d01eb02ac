"""Mapping from ``engine.store``'s public API to the records of ``desktop.services``.

Each function is a thin call into :class:`engine.store.Store` (one per
thread) or its importers/exporters/templates, turning store records into the
small records the screens use. No SQL here.
"""
from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path
from typing import Any

from engine.errors import LamplightError


def _records():
    from desktop import services

    return services


def open_store(data_dir: Path) -> Any:
    from engine.store import Store

    return Store.open(Path(data_dir))


# --- classes, students, groups ------------------------------------------------------------
def list_classes(store: Any) -> list[Any]:
    r = _records()
    return [r.ClassInfo(c.id, c.name, c.archived) for c in store.list_classes(include_archived=True)]


def create_class(store: Any, name: str) -> Any:
    return store.create_class(name)


def rename_class(store: Any, class_id: Any, name: str) -> None:
    store.rename_class(class_id, name)


def set_class_archived(store: Any, class_id: Any, archived: bool) -> None:
    store.archive_class(class_id, archived)


def list_students(store: Any, class_id: Any) -> list[Any]:
    r = _records()
    return [r.StudentInfo(s.id, s.name, s.class_id) for s in store.list_students(class_id)]


def add_student(store: Any, class_id: Any, name: str) -> Any:
    return store.add_student(class_id, name)


def rename_student(store: Any, student_id: Any, name: str) -> None:
    store.update_student(student_id, name=name)


def delete_student(store: Any, student_id: Any) -> None:
    store.delete_student(student_id)


def preview_roster(store: Any, class_id: Any, path: Path) -> Any:
    """What importing a roster would do, line by line (the store's preview; nothing is written).

    A line with a problem makes the import refuse the whole file, so the
    preview lists every such line for the teacher to correct first.
    """
    from engine.store.importers import preview_roster as store_preview

    r = _records()
    try:
        lines = store_preview(store, class_id, path)
    except LamplightError as exc:
        return r.RosterPreview([], str(exc))
    rows = [r.RosterLine(x.line, x.name, x.problem, x.status, x.group or "") for x in lines]
    problems = [x for x in rows if x.status == "problem"]
    error = "\n".join(f"line {x.line}: {x.problem}" for x in problems)
    return r.RosterPreview(rows, error)


def import_roster(store: Any, class_id: Any, path: Path) -> Any:
    """Add the roster's students (all or nothing); returns the store's report (added, updated, unchanged)."""
    from engine.store.importers import import_roster as store_import

    return store_import(store, class_id, path)


def import_responses(store: Any, class_id: Any, path: Path) -> Any:
    """Import a response log into a class (all or nothing); returns the store's report."""
    from engine.store.importers import import_responses as store_import

    return store_import(store, path, class_id=class_id)


def list_groups(store: Any, class_id: Any) -> list[Any]:
    r = _records()
    return [r.GroupInfo(g.id, g.name, tuple(g.student_ids)) for g in store.list_groups(class_id)]


def create_group(store: Any, class_id: Any, name: str, student_ids: list[Any]) -> Any:
    return store.create_group(class_id, name, student_ids)


def delete_group(store: Any, group_id: Any) -> None:
    store.delete_group(group_id)


def answer_counts(store: Any, class_id: Any) -> dict[Any, int]:
    return store.answer_counts(class_id)


# --- skills and exercises ---------------------------------------------------------------
def list_skills(store: Any) -> list[Any]:
    r = _records()
    return [r.SkillInfo(s.id, s.name, tuple(s.prerequisites)) for s in store.list_skills()]


def add_skill(store: Any, name: str, prerequisites: list[Any] = ()) -> Any:
    return store.add_skill(name, prerequisites)


def update_skill(store: Any, skill_id: Any, name: str, prerequisites: list[Any]) -> None:
    store.update_skill(skill_id, name=name, prerequisites=prerequisites)


def _exercise(e: Any) -> Any:
    return _records().ExerciseInfo(e.id, e.prompt, e.kind, e.answer, tuple(e.choices), tuple(e.skills))


def list_exercises(store: Any) -> list[Any]:
    return [_exercise(e) for e in store.list_exercises()]


def add_exercise(store: Any, prompt: str, kind: str, answer: str, choices: list[str] = (), skills: list[Any] = ()) -> Any:
    return store.add_exercise(prompt, kind, answer, choices, skills)


def update_exercise(store: Any, exercise_id: Any, prompt: str, kind: str, answer: str, choices: list[str] = (), skills: list[Any] = ()) -> None:
    store.update_exercise(exercise_id, prompt=prompt, kind=kind, answer=answer, choices=list(choices), skills=list(skills))


def delete_exercise(store: Any, exercise_id: Any) -> None:
    store.delete_exercise(exercise_id)


def import_pack(store: Any, path: Path) -> int:
    """Import an exercise pack (all or nothing); returns how many exercises were added or updated."""
    from engine.store.importers import import_pack as store_import

    report = store_import(store, path)
    return report.exercises_added + report.exercises_updated


def export_pack(store: Any, path: Path) -> Path:
    from engine.store.exporters import export_pack as store_export

    return store_export(store, path)


def list_templates(store: Any) -> list[Any]:
    r = _records()
    return [r.TemplateInfo(t.id, t.title) for t in store.list_templates()]


def generate_variants(store: Any, template_id: Any, difficulty: int, count: int, seed: int | None = None) -> list[Any]:
    """Fresh variants of a template at ``difficulty`` (1-5); not stored until :func:`add_generated`."""
    from engine.store.templates import generate_many

    template = store.get_template(template_id)
    variants = generate_many(template, difficulty, count, random.Random(seed))
    r = _records()
    return [r.GeneratedInfo(v.prompt, v.kind, v.answer, tuple(v.choices), tuple(v.skills), v) for v in variants]


def add_generated(store: Any, generated: list[Any]) -> None:
    for g in generated:
        store.add_generated_exercise(g.source)


# --- quizzes and responses -----------------------------------------------------------------
def list_quizzes(store: Any, class_id: Any) -> list[Any]:
    r = _records()
    return [r.QuizInfo(q.id, q.title, tuple(q.exercise_ids)) for q in store.list_quizzes(class_id)]


def create_quiz(store: Any, class_id: Any, title: str, exercise_ids: list[Any]) -> Any:
    return store.create_quiz(class_id, title, exercise_ids)


def quiz_exercises(store: Any, quiz_id: Any) -> list[Any]:
    return [_exercise(e) for e in store.quiz_exercises(quiz_id)]


def quiz_scores(store: Any, quiz_id: Any) -> dict[tuple[Any, Any], float]:
    return store.quiz_scores(quiz_id)


def set_quiz_score(store: Any, quiz_id: Any, student_id: Any, exercise_id: Any, score: float | None) -> None:
    store.set_quiz_score(quiz_id, student_id, exercise_id, score)


def add_response(store: Any, student_id: Any, exercise_id: Any, score: float, source: str = "practice", answer: str = "") -> None:
    store.record_response(student_id, exercise_id, score, answer=answer or None, source=source)


def class_responses(store: Any, class_id: Any) -> tuple[Any, list[Any], list[str]]:
    """The class's answers as a ``Responses`` log (string ids, time order), their times and sources."""
    log = store.class_log(class_id)
    times = [datetime.fromisoformat(t) for t in log.extra.get("time", [])]
    sources = list(log.extra.get("source", []))
    return log, times, sources


# --- settings, backups ---------------------------------------------------------------------
def get_setting(store: Any, key: str) -> Any:
    return store.get_setting(key)


def set_setting(store: Any, key: str, value: Any) -> None:
    store.set_setting(key, value)


def list_backups(store: Any) -> list[Any]:
    r = _records()
    return [r.BackupInfo(b.path, f"{b.created[:16].replace('T', ' ')}  ({b.reason})") for b in store.list_backups()]


def make_backup(store: Any) -> Path:
    return store.backup_now("manual")


def scheduled_backup(store: Any) -> Path | None:
    """The daily rotating backup (7 daily + 4 weekly kept); None when today's exists already."""
    return store.maybe_scheduled_backup()


def restore_backup(store: Any, backup_path: str) -> Path:
    """Replace the store's content with a backup (a safety backup is made first); returns that safety backup."""
    return store.restore(backup_path)


# --- the model -------------------------------------------------------------------------------
# Models that cannot be saved to a file (the engine's fallback models) are kept in memory for the session.
_IN_MEMORY: dict[int, Any] = {}


def load_model(store: Any, class_id: Any) -> Any:
    """The class's active model snapshot, or None for the engine's default model."""
    snapshot = store.active_model_snapshot(class_id)
    if snapshot is None:
        return None
    if snapshot.id in _IN_MEMORY:
        return _IN_MEMORY[snapshot.id]
    if snapshot.path:
        from engine.model.registry import load_model as load_saved

        return load_saved(snapshot.path)
    return None


def save_model(store: Any, class_id: Any, model: Any, note: str, snapshot: bool, metrics: dict[str, Any] | None = None) -> int:
    """Keep ``model`` as a snapshot of the class; ``snapshot=False`` also makes it the active one.

    Response models are saved as safetensors files in the data folder's
    ``models`` folder (loaded later without running code); other models stay
    in memory for this session.
    """
    path = None
    if type(model).__name__ == "ResponseModel":
        from engine.model.persistence import save_model as save_file

        folder = Path(store.path).parent / "models"
        target = folder / f"class-{class_id}-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}"
        save_file(model, target)
        path = str(target)
    snapshot_id = store.save_model_snapshot(
        getattr(model, "name", type(model).__name__), path=path or "memory", class_id=class_id, metrics=metrics or {}, note=note, activate=not snapshot
    )
    if path is None:
        _IN_MEMORY[snapshot_id] = model
    return snapshot_id


def list_model_snapshots(store: Any, class_id: Any) -> list[Any]:
    r = _records()
    usable = [s for s in store.list_model_snapshots(class_id) if s.path != "memory" or s.id in _IN_MEMORY]
    return [r.SnapshotInfo(s.id, s.created[:16].replace("T", " "), s.note, s.active) for s in usable]


def rollback_model(store: Any, class_id: Any, snapshot_id: Any) -> None:
    store.activate_model_snapshot(snapshot_id)


def use_shipped_model(store: Any, class_id: Any) -> None:
    store.deactivate_models(class_id)


def model_info(store: Any, class_id: Any) -> tuple[str, str] | None:
    """(model name, date it was adopted), or None while the shipped model is in use."""
    snapshot = store.active_model_snapshot(class_id)
    if snapshot is None or (snapshot.path == "memory" and snapshot.id not in _IN_MEMORY):
        return None
    return snapshot.kind, snapshot.created[:10]


# --- demo class -------------------------------------------------------------------------------
def create_demo_class(store: Any) -> Any:
    """The store's demo class (starter pack, 30 students, four weeks of answers)."""
    from engine.store.demo import create_demo_class as store_demo

    return store_demo(store)
