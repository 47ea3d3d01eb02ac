"""Mapping from ``engine.store``'s public API to the records of ``desktop.services``.

TEMPORARY: while ``engine.store`` has no public API yet, this module keeps
the data in a small interim store (``_InterimStore``: one JSON file in the
data folder, shared by all threads of the process under a lock) so the app
and its tests run end to end. Every function below is the single place to
switch to the real store's function of the same purpose.
"""
from __future__ import annotations

import csv
import io
import json
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np

from engine.errors import LamplightError

_LOCK = threading.RLock()
_STATES: dict[str, dict[str, Any]] = {}


def _records():
    from desktop import services

    return services


class _InterimStore:
    """One data folder's data (interim, see module doc). Every thread may hold its own handle."""

    FILE = "lamplight-interim.json"

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / self.FILE
        key = str(self.path.resolve())
        with _LOCK:
            if key not in _STATES:
                if self.path.exists():
                    try:
                        _STATES[key] = json.loads(self.path.read_text(encoding="utf-8"))
                    except (OSError, ValueError) as exc:
                        raise LamplightError(f"{self.path}: cannot read the data file ({exc}).") from exc
                else:
                    _STATES[key] = {"next_id": 1, "classes": {}, "students": {}, "groups": {}, "skills": {}, "exercises": {}, "quizzes": {}, "scores": {}, "responses": [], "settings": {}, "models": {}}
            self.state = _STATES[key]

    def new_id(self) -> str:
        with _LOCK:
            value = self.state["next_id"]
            self.state["next_id"] = value + 1
            return str(value)

    def save(self) -> None:
        with _LOCK:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.state, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.path)

    def close(self) -> None:
        pass


def _forget(data_dir: Path) -> None:
    with _LOCK:
        _STATES.pop(str((Path(data_dir) / _InterimStore.FILE).resolve()), None)


def open_store(data_dir: Path) -> Any:
    return _InterimStore(Path(data_dir))


# --- classes, students, groups ------------------------------------------------------------
def list_classes(store: Any) -> list[Any]:
    r = _records()
    return [r.ClassInfo(k, v["name"], v.get("archived", False)) for k, v in store.state["classes"].items()]


def create_class(store: Any, name: str) -> Any:
    with _LOCK:
        cid = store.new_id()
        store.state["classes"][cid] = {"name": name, "archived": False}
        store.save()
    return cid


def rename_class(store: Any, class_id: Any, name: str) -> None:
    with _LOCK:
        store.state["classes"][class_id]["name"] = name
        store.save()


def set_class_archived(store: Any, class_id: Any, archived: bool) -> None:
    with _LOCK:
        store.state["classes"][class_id]["archived"] = archived
        store.save()


def list_students(store: Any, class_id: Any) -> list[Any]:
    r = _records()
    rows = [r.StudentInfo(k, v["name"], v["class_id"]) for k, v in store.state["students"].items() if v["class_id"] == class_id]
    return sorted(rows, key=lambda s: s.name.casefold())


def add_student(store: Any, class_id: Any, name: str) -> Any:
    with _LOCK:
        sid = store.new_id()
        store.state["students"][sid] = {"name": name, "class_id": class_id}
        store.save()
    return sid


def rename_student(store: Any, student_id: Any, name: str) -> None:
    with _LOCK:
        store.state["students"][student_id]["name"] = name
        store.save()


def delete_student(store: Any, student_id: Any) -> None:
    with _LOCK:
        store.state["students"].pop(student_id, None)
        store.state["responses"] = [x for x in store.state["responses"] if x["student_id"] != student_id]
        store.state["scores"] = {k: v for k, v in store.state["scores"].items() if k.split("|")[1] != student_id}
        for group in store.state["groups"].values():
            group["student_ids"] = [s for s in group["student_ids"] if s != student_id]
        store.save()


def preview_roster(store: Any, class_id: Any, path: Path) -> Any:
    """Read a roster CSV (a ``name`` column, or one name per line); one row per line with its problem."""
    r = _records()
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LamplightError(f"{path}: not a UTF-8 text file (save the roster as 'CSV UTF-8').") from exc
    except OSError as exc:
        raise LamplightError(f"{path}: cannot read the file ({exc.strerror}).") from exc
    reader = list(csv.reader(io.StringIO(text)))
    if not reader:
        raise LamplightError(f"{path}: the file is empty.")
    header = [h.strip().casefold() for h in reader[0]]
    column, first = (header.index("name"), 2) if "name" in header else (0, 1)
    existing = {s.name.casefold() for s in list_students(store, class_id)}
    seen: set[str] = set()
    rows = []
    for number, cells in enumerate(reader[first - 1 :], start=first):
        if not any(c.strip() for c in cells):
            continue
        name = cells[column].strip() if column < len(cells) else ""
        problem = ""
        if not name:
            problem = "line {n}: the name is empty".format(n=number)
        elif len(name) > 80:
            problem = f"line {number}: the name is longer than 80 characters"
        elif name.casefold() in existing:
            problem = f"line {number}: {name} is already in the class"
        elif name.casefold() in seen:
            problem = f"line {number}: {name} appears twice in the file"
        seen.add(name.casefold())
        rows.append(r.RosterLine(number, name, problem))
    return r.RosterPreview(rows)


def import_roster(store: Any, class_id: Any, names: list[str]) -> int:
    for name in names:
        add_student(store, class_id, name)
    return len(names)


def list_groups(store: Any, class_id: Any) -> list[Any]:
    r = _records()
    return [r.GroupInfo(k, v["name"], tuple(v["student_ids"])) for k, v in store.state["groups"].items() if v["class_id"] == class_id]


def create_group(store: Any, class_id: Any, name: str, student_ids: list[Any]) -> Any:
    with _LOCK:
        gid = store.new_id()
        store.state["groups"][gid] = {"name": name, "class_id": class_id, "student_ids": list(student_ids)}
        store.save()
    return gid


def delete_group(store: Any, group_id: Any) -> None:
    with _LOCK:
        store.state["groups"].pop(group_id, None)
        store.save()


def answer_counts(store: Any, class_id: Any) -> dict[Any, int]:
    counts: dict[Any, int] = {}
    ids = {s.id for s in list_students(store, class_id)}
    for row in store.state["responses"]:
        if row["student_id"] in ids:
            counts[row["student_id"]] = counts.get(row["student_id"], 0) + 1
    return counts


# --- skills and exercises ---------------------------------------------------------------
def list_skills(store: Any) -> list[Any]:
    r = _records()
    return [r.SkillInfo(k, v["name"], tuple(v.get("prerequisites", ()))) for k, v in store.state["skills"].items()]


def add_skill(store: Any, name: str, prerequisites: list[Any] = ()) -> Any:
    with _LOCK:
        kid = store.new_id()
        store.state["skills"][kid] = {"name": name, "prerequisites": list(prerequisites)}
        store.save()
    return kid


def update_skill(store: Any, skill_id: Any, name: str, prerequisites: list[Any]) -> None:
    from engine.adapt.graph import find_cycle

    graph = {k: list(v.get("prerequisites", ())) for k, v in store.state["skills"].items()}
    graph[skill_id] = list(prerequisites)
    cycle = find_cycle(graph)
    if cycle:
        names = [store.state["skills"][k]["name"] for k in cycle if k in store.state["skills"]]
        raise LamplightError("These prerequisites would make a circle: " + " → ".join(names) + ". Nothing was changed.")
    with _LOCK:
        store.state["skills"][skill_id] = {"name": name, "prerequisites": list(prerequisites)}
        store.save()


def list_exercises(store: Any) -> list[Any]:
    r = _records()
    return [
        r.ExerciseInfo(k, v["prompt"], v["kind"], v.get("answer", ""), tuple(v.get("choices", ())), tuple(v.get("skills", ())))
        for k, v in store.state["exercises"].items()
    ]


def add_exercise(store: Any, prompt: str, kind: str, answer: str, choices: list[str] = (), skills: list[Any] = ()) -> Any:
    with _LOCK:
        eid = store.new_id()
        store.state["exercises"][eid] = {"prompt": prompt, "kind": kind, "answer": answer, "choices": list(choices), "skills": list(skills)}
        store.save()
    return eid


def update_exercise(store: Any, exercise_id: Any, prompt: str, kind: str, answer: str, choices: list[str] = (), skills: list[Any] = ()) -> None:
    with _LOCK:
        store.state["exercises"][exercise_id] = {"prompt": prompt, "kind": kind, "answer": answer, "choices": list(choices), "skills": list(skills)}
        store.save()


def delete_exercise(store: Any, exercise_id: Any) -> None:
    with _LOCK:
        store.state["exercises"].pop(exercise_id, None)
        store.save()


def import_pack(store: Any, path: Path) -> int:
    try:
        pack = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LamplightError(f"{path}: not a readable exercise pack ({exc}).") from exc
    names = {s.name: s.id for s in list_skills(store)}
    for skill in pack.get("skills", []):
        if skill["name"] not in names:
            names[skill["name"]] = add_skill(store, skill["name"])
    for skill in pack.get("skills", []):
        update_skill(store, names[skill["name"]], skill["name"], [names[p] for p in skill.get("prerequisites", []) if p in names])
    for e in pack.get("exercises", []):
        add_exercise(store, e["prompt"], e["kind"], e.get("answer", ""), e.get("choices", []), [names[s] for s in e.get("skills", []) if s in names])
    return len(pack.get("exercises", []))


def export_pack(store: Any, path: Path) -> Path:
    skills = {s.id: s for s in list_skills(store)}
    pack = {
        "format": "lamplight-pack",
        "version": 1,
        "skills": [{"name": s.name, "prerequisites": [skills[p].name for p in s.prerequisites if p in skills]} for s in skills.values()],
        "exercises": [
            {"prompt": e.prompt, "kind": e.kind, "answer": e.answer_text, "choices": list(e.choices), "skills": [skills[s].name for s in e.skills if s in skills]}
            for e in list_exercises(store)
        ],
    }
    Path(path).write_text(json.dumps(pack, ensure_ascii=False, indent=1), encoding="utf-8")
    return Path(path)


def list_templates(store: Any) -> list[Any]:
    return []


def generate_variants(template_id: Any, difficulty: int, count: int) -> list[Any]:
    return []


def add_generated(store: Any, generated: list[Any]) -> None:
    for g in generated:
        add_exercise(store, g.prompt, g.kind, g.answer_text, list(g.choices), list(g.skills))


# --- quizzes and responses -----------------------------------------------------------------
def list_quizzes(store: Any, class_id: Any) -> list[Any]:
    r = _records()
    return [r.QuizInfo(k, v["title"], tuple(v["exercise_ids"])) for k, v in store.state["quizzes"].items() if v["class_id"] == class_id]


def create_quiz(store: Any, class_id: Any, title: str, exercise_ids: list[Any]) -> Any:
    with _LOCK:
        qid = store.new_id()
        store.state["quizzes"][qid] = {"title": title, "class_id": class_id, "exercise_ids": list(exercise_ids), "created": _now()}
        store.save()
    return qid


def quiz_exercises(store: Any, quiz_id: Any) -> list[Any]:
    by_id = {e.id: e for e in list_exercises(store)}
    return [by_id[e] for e in store.state["quizzes"][quiz_id]["exercise_ids"] if e in by_id]


def quiz_scores(store: Any, quiz_id: Any) -> dict[tuple[Any, Any], float]:
    result = {}
    for key, score in store.state["scores"].items():
        q, s, e = key.split("|")
        if q == quiz_id:
            result[(s, e)] = score
    return result


def set_quiz_score(store: Any, quiz_id: Any, student_id: Any, exercise_id: Any, score: float | None) -> None:
    key = f"{quiz_id}|{student_id}|{exercise_id}"
    with _LOCK:
        if score is None:
            store.state["scores"].pop(key, None)
        else:
            store.state["scores"][key] = float(score)
        store.state["responses"] = [x for x in store.state["responses"] if x.get("quiz_key") != key]
        if score is not None:
            store.state["responses"].append({"student_id": student_id, "exercise_id": exercise_id, "score": float(score), "time": _now(), "source": "quiz", "quiz_key": key})
        store.save()


def add_response(store: Any, student_id: Any, exercise_id: Any, score: float, source: str = "practice", answer: str = "", when: str | None = None) -> None:
    with _LOCK:
        store.state["responses"].append({"student_id": student_id, "exercise_id": exercise_id, "score": float(score), "time": when or _now(), "source": source, "answer": answer})
        store.save()


def class_responses(store: Any, class_id: Any) -> tuple[Any, list[Any], list[str]]:
    """The class's answers as a ``Responses`` log (string ids, time order), their times and sources."""
    from engine.model.interface import Responses

    ids = {s.id for s in list_students(store, class_id)}
    skills = {e.id: tuple(str(k) for k in e.skills) for e in list_exercises(store)}
    rows = sorted((x for x in store.state["responses"] if x["student_id"] in ids), key=lambda x: (x["student_id"], x["time"]))
    responses = Responses(
        [str(x["student_id"]) for x in rows],
        [str(x["exercise_id"]) for x in rows],
        [skills.get(x["exercise_id"], ()) for x in rows],
        np.asarray([x["score"] for x in rows], dtype=np.float32),
    )
    return responses, [datetime.fromisoformat(x["time"]) for x in rows], [x["source"] for x in rows]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --- settings, backups ---------------------------------------------------------------------
def get_setting(store: Any, key: str) -> Any:
    return store.state["settings"].get(key)


def set_setting(store: Any, key: str, value: Any) -> None:
    with _LOCK:
        store.state["settings"][key] = value
        store.save()


def _backup_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "backups"


def list_backups(store: Any) -> list[Any]:
    r = _records()
    folder = _backup_dir(store.data_dir)
    files = sorted(folder.glob("*.json"), reverse=True) if folder.exists() else []
    return [r.BackupInfo(str(f), f.stem.replace("backup-", "")) for f in files]


def make_backup(store: Any) -> Path:
    store.save()
    folder = _backup_dir(store.data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"backup-{datetime.now().strftime('%Y-%m-%d %H.%M.%S.%f')[:-3]}.json"
    with _LOCK:
        target.write_text(json.dumps(store.state, ensure_ascii=False), encoding="utf-8")
    return target


def restore_backup(data_dir: Path, backup_path: str) -> None:
    make_backup(open_store(data_dir))
    data = Path(backup_path).read_text(encoding="utf-8")
    with _LOCK:
        (Path(data_dir) / _InterimStore.FILE).write_text(data, encoding="utf-8")
        _forget(data_dir)


# --- the model -------------------------------------------------------------------------------
# Interim: model objects live in memory for the session (the store's model snapshots replace this).
_MODELS: dict[str, dict[str, Any]] = {}


def load_model(store: Any, class_id: Any) -> Any:
    """The class's current model, or None for the engine's default model."""
    return _MODELS.get(str(class_id), {}).get("current", {}).get("model")


def save_model(store: Any, class_id: Any, model: Any, note: str, snapshot: bool) -> None:
    with _LOCK:
        entry = _MODELS.setdefault(str(class_id), {"snapshots": []})
        record = {"model": model, "note": note, "created": _now(), "id": store.new_id()}
        if snapshot:
            entry["snapshots"].append(record)
        else:
            entry["current"] = record


def list_model_snapshots(store: Any, class_id: Any) -> list[Any]:
    r = _records()
    entry = _MODELS.get(str(class_id), {"snapshots": []})
    return [r.SnapshotInfo(s["id"], s["created"][:16].replace("T", " "), s["note"]) for s in reversed(entry["snapshots"])]


def rollback_model(store: Any, class_id: Any, snapshot_id: Any) -> None:
    with _LOCK:
        entry = _MODELS[str(class_id)]
        chosen = next(s for s in entry["snapshots"] if s["id"] == snapshot_id)
        entry["current"] = dict(chosen)


def model_info(store: Any, class_id: Any) -> tuple[str, str] | None:
    """(model name, date it last learned from this class), or None while the shipped model is in use."""
    current = _MODELS.get(str(class_id), {}).get("current")
    if current is None:
        return None
    model = current["model"]
    return str(getattr(model, "name", type(model).__name__)), current["created"][:10]


# --- demo class -------------------------------------------------------------------------------
def create_demo_class(store: Any) -> Any:
    """A demo class: 12 students, a small skill-tagged bank and four weeks of simulated answers."""
    rng = np.random.default_rng(7)
    skills = {}
    for name, prereqs in (
        ("Counting to 100", []),
        ("Addition within 20", ["Counting to 100"]),
        ("Subtraction within 20", ["Addition within 20"]),
        ("Times tables", ["Addition within 20"]),
        ("Fractions", ["Times tables"]),
    ):
        skills[name] = add_skill(store, name, [skills[p] for p in prereqs])
    bank = []
    for n in range(4):
        a = 20 + 17 * n
        bank.append((f"What number comes after {a}?", "numeric", str(a + 1), [], "Counting to 100"))
    for a, b in ((3, 4), (7, 5), (9, 8), (6, 6)):
        bank.append((f"{a} + {b} = ?", "numeric", str(a + b), [], "Addition within 20"))
    for a, b in ((9, 4), (15, 7), (12, 5), (18, 9)):
        bank.append((f"{a} − {b} = ?", "numeric", str(a - b), [], "Subtraction within 20"))
    for a, b in ((3, 4), (6, 7), (8, 9), (5, 5)):
        bank.append((f"{a} × {b} = ?", "numeric", str(a * b), [], "Times tables"))
    bank.append(("Which is bigger?", "multiple_choice", "1/2", ["1/2", "1/3", "1/4"], "Fractions"))
    bank.append(("Half of 12 is?", "numeric", "6", [], "Fractions"))
    bank.append(("Which fraction equals 2/4?", "multiple_choice", "1/2", ["1/3", "1/2", "2/3"], "Fractions"))
    bank.append(("Write 'one quarter' as a fraction.", "short_text", "1/4", [], "Fractions"))
    exercise_ids = []
    for prompt, kind, answer, choices, skill in bank:
        exercise_ids.append((add_exercise(store, prompt, kind, answer, choices, [skills[skill]]), skill))
    class_id = create_class(store, "Demo class 4B")
    names = ["Ana", "Ben", "Chen Wei", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jia", "Kofi", "Lena"]
    levels = {"Counting to 100": 1.8, "Addition within 20": 1.0, "Subtraction within 20": 0.3, "Times tables": -0.2, "Fractions": -0.9}
    start = datetime.now(timezone.utc) - timedelta(days=27)
    with _LOCK:
        for name in names:
            sid = add_student(store, class_id, name)
            ability = rng.normal(0, 0.9)
            for day in range(0, 28, 3):
                for exercise_id, skill in rng.permutation(np.array(exercise_ids, dtype=object))[:4]:
                    p = 1 / (1 + np.exp(-(ability + levels[skill] + 0.08 * day)))
                    when = (start + timedelta(days=day, minutes=int(rng.integers(0, 300)))).isoformat(timespec="seconds")
                    store.state["responses"].append(
                        {"student_id": sid, "exercise_id": exercise_id, "score": float(rng.random() < p), "time": when, "source": "practice"}
                    )
        store.save()
    return class_id
