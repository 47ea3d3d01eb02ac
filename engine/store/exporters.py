"""Exporting a class roster, a class's answers and the exercise bank (the formats importers read).

CSV goes through :func:`engine.csv_files.csv_text`, so no cell runs as a
spreadsheet formula; the importers read the neutralised cells back as they were.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from engine.csv_files import csv_text
from engine.errors import LamplightError
from engine.store.core import Store
from engine.store.importers import PACK_FORMAT, PACK_VERSION

RESPONSE_COLUMNS = ["student_id", "item_id", "skill_ids", "correct", "position", "time", "source", "student_name", "answer"]


def _write(path: Path, text: str) -> Path:
    """Write text (gzip when the name ends in .gz) through a temporary file, so a failure leaves no half file."""
    path = Path(path)
    data = text.encode("utf-8")
    if path.suffix == ".gz":
        data = gzip.compress(data, mtime=0)
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise LamplightError(f"{path}: cannot write the file ({exc.strerror or exc}).") from exc
    return path


def export_roster(store: Store, class_id: int, path: str | Path) -> Path:
    """The class roster as CSV: name, external_id, group (several groups joined by ';')."""
    groups = {g.id: g.name for g in store.list_groups(class_id)}
    rows: list[list[Any]] = [["name", "external_id", "group"]]
    for student in store.list_students(class_id):
        rows.append([student.name, student.external_id or "", ";".join(groups[g] for g in student.group_ids)])
    return _write(Path(path), csv_text(rows))


def format_score(score: float) -> str:
    return str(int(score)) if float(score).is_integer() else f"{score:.4f}".rstrip("0")


def export_responses(store: Store, class_id: int, path: str | Path) -> Path:
    """The class's answers in the shared log format (plus time, source, student_name, answer columns).

    ``student_id`` is the student's external id, or ``lamplight-<id>`` when they
    have none; ``item_id`` is the exercise key; ``correct`` is 1/0 or a partial score.
    """
    students = {s.id: s for s in store.list_students(class_id)}
    keys = {r[0]: r[1] for r in store.db.execute("SELECT id, key FROM exercises")}
    skills = store.exercise_skills()
    rows: list[list[Any]] = [RESPONSE_COLUMNS]
    position: dict[int, int] = {}
    for response in store.responses_for_class(class_id):
        student = students[response.student_id]
        n = position.get(student.id, 0)
        position[student.id] = n + 1
        rows.append([
            student.external_id or f"lamplight-{student.id}", keys[response.exercise_id], ";".join(skills.get(response.exercise_id, ())),
            format_score(response.score), n, response.time, response.source, student.name, response.answer or "",
        ])
    return _write(Path(path), csv_text(rows))


def pack_dict(store: Store, pack_id: str = "lamplight-export", title: str = "Exported exercise bank") -> dict[str, Any]:
    """The whole bank (skills, templates, exercises) as a version-1 pack object."""
    exercises = []
    for exercise in store.list_exercises():
        item: dict[str, Any] = {"id": exercise.key, "kind": exercise.kind, "prompt": exercise.prompt, "answer": exercise.answer}
        if exercise.choices:
            item["choices"] = list(exercise.choices)
        item["skills"] = list(exercise.skills)
        if exercise.difficulty is not None:
            item["difficulty"] = int(exercise.difficulty) if float(exercise.difficulty).is_integer() else exercise.difficulty
        if exercise.template_id:
            item["template"] = exercise.template_id
        if exercise.params is not None:
            item["params"] = exercise.params
        exercises.append(item)
    templates = store.list_templates()
    for exercise in exercises:
        if exercise.get("template") and exercise["template"] not in {t.id for t in templates}:
            exercise.pop("template")  # the template was removed from the bank; the exercise stands alone
    return {
        "format": PACK_FORMAT,
        "version": PACK_VERSION,
        "id": pack_id,
        "title": title,
        "skills": [
            {"id": s.id, "name": s.name, **({"description": s.description} if s.description else {}), "prerequisites": list(s.prerequisites)}
            for s in store.list_skills()
        ],
        "templates": [t.to_spec() for t in templates],
        "exercises": exercises,
    }


def export_pack(store: Store, path: str | Path, pack_id: str = "lamplight-export", title: str = "Exported exercise bank") -> Path:
    """Write the bank as a pack JSON file (imports back to the same bank)."""
    return _write(Path(path), json.dumps(pack_dict(store, pack_id, title), ensure_ascii=False, indent=1) + "\n")
