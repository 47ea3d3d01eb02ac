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
from engine.files import write_file
from engine.store.core import Store
from engine.store.importers import PACK_FORMAT, PACK_VERSION

RESPONSE_COLUMNS = ["student_id", "item_id", "skill_ids", "correct", "position", "time", "source", "student_name", "answer"]


def _write(path: Path, text: str) -> Path:
    """Write text (gzip when the name ends in .gz), whole or not at all (:func:`engine.files.write_file`)."""
    data = text.encode("utf-8")
    if path.suffix == ".gz":
        data = gzip.compress(data, mtime=0)
    return write_file(path, data, make_folder=True)


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


def _local(base: str, language: str, texts: dict[str, dict[str, Any]], field: str) -> Any:
    """A text as the pack writes it: plain when no other language has it, else a map language -> text."""
    given = {code: fields[field] for code, fields in texts.items() if fields.get(field) is not None}
    return {language: base, **given} if given else base


def _local_choices(choices: tuple[str, ...], language: str, texts: dict[str, dict[str, Any]]) -> list[Any]:
    """Each choice plain, or a map language -> text when some language has its own choices."""
    result: list[Any] = []
    for i, choice in enumerate(choices):
        given = {code: fields["choices"][i] for code, fields in texts.items() if fields.get("choices")}
        result.append({language: choice, **given} if given else choice)
    return result


def pack_dict(store: Store, pack_id: str = "lamplight-export", title: str = "Exported exercise bank", language: str = "en") -> dict[str, Any]:
    """The whole bank (skills, templates, exercises) as a version-2 pack object, every language it holds.

    The exercises' and skills' own texts are written as ``language``'s (the bank
    does not record which language a text was written in; Lamplight's own packs are English).
    """
    exercises = []
    for exercise in store.list_exercises():
        texts = store.exercise_texts(exercise.id)
        item: dict[str, Any] = {"id": exercise.key, "kind": exercise.kind, "prompt": _local(exercise.prompt, language, texts, "prompt"),
                                "answer": _local(exercise.answer, language, texts, "answer")}
        if exercise.choices:
            item["choices"] = _local_choices(exercise.choices, language, texts)
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
        "language": language,
        "skills": [_skill_item(store, s, language) for s in store.list_skills()],
        "templates": [t.to_spec() for t in templates],
        "exercises": exercises,
    }


def _skill_item(store: Store, skill: Any, language: str) -> dict[str, Any]:
    texts = store.skill_texts(skill.id)
    item: dict[str, Any] = {"id": skill.id, "name": _local(skill.name, language, texts, "name")}
    if skill.description or any(t.get("description") for t in texts.values()):
        item["description"] = _local(skill.description, language, texts, "description")
    item["prerequisites"] = list(skill.prerequisites)
    return item


def export_pack(store: Store, path: str | Path, pack_id: str = "lamplight-export", title: str = "Exported exercise bank") -> Path:
    """Write the bank as a pack JSON file (imports back to the same bank)."""
    return _write(Path(path), json.dumps(pack_dict(store, pack_id, title), ensure_ascii=False, indent=1) + "\n")
