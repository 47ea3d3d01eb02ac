"""Add one class from a backup file to the data here, leaving everything already here as it is.

A restore replaces all the data; this brings in one class only: a class handed
over from a colleague's laptop, or one archived, deleted or changed by mistake,
taken back from yesterday's backup. The backup file goes through the same
checks as a restore (:func:`engine.store.backup_files.opened_copy` and
``check_backup``: damaged, tampered, newer or locked files are refused), on a
private copy brought up to this Lamplight's schema.

What comes in: the class (under a name not taken here), its students, groups,
quizzes with their absences, answers and typed answers waiting for a mark. An
exercise is matched by its key (a pack's exercise is the same exercise on every
laptop); one this laptop lacks comes in with its skills, texts and template,
and one it has keeps its version here. The class's learned model and settings
stay behind: the class is calibrated again here, as after a restore.

>>> from engine.store import Store
>>> import tempfile
>>> here, there = Store.open(tempfile.mkdtemp()), Store.open(tempfile.mkdtemp())
>>> class_id = there.create_class("4B")
>>> _ = there.add_student(class_id, "Ana")
>>> backup = there.backup_now("manual")
>>> [(c.name, c.students) for c in classes_in_backup(here, backup)]
[('4B', 1)]
>>> added = add_class_from_backup(here, backup, class_id, "4B")
>>> [s.name for s in here.list_students(added.class_id)]
['Ana']
"""
from __future__ import annotations

import contextlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

import sqlite_utils

from engine.choices import paper_order
from engine.errors import LamplightError
from engine.store import backup as backups
from engine.store.backup_files import _named_as, opened_copy
from engine.store.clock import to_utc_iso
from engine.store.classes import JOINED_SETTING, clean_name, focus_group_key, focus_student_key, practice_focus_setting
from engine.store.exercises import check_exercise_fields
from engine.store.migrations import apply_migrations
from engine.store.origins import MAX_LINEAGE, STUDENT_ORIGINS_SETTING, lineage, setting_in
from engine.store.transactions import write_transaction

if TYPE_CHECKING:
    from engine.store.core import Store


@dataclass(frozen=True)
class ClassInBackup:
    """One class a backup holds, counted, and whether a class like it is here already."""

    id: int
    name: str
    archived: bool
    students: int
    answers: int
    quizzes: int
    waiting: int = 0
    """Typed answers waiting for the teacher's mark ("Mark written answers")."""
    like_one_here: str | None = None
    """The name of a class here with the same students' names (added before?), else None."""
    deleted_here: tuple[str, ...] = ()
    """The names of the class's children deleted on this laptop (a child's data deleted on request): they stay out, and
    the counts leave them out (review 50b: a USB copy brought such a child back, unsaid)."""


@dataclass(frozen=True)
class ClassAdded:
    """What :func:`add_class_from_backup` brought in."""

    class_id: int
    name: str
    students: int
    answers: int
    quizzes: int
    new_exercises: int
    kept_exercises: int
    """Exercises the class answered that this laptop has in another version: this laptop's stays."""
    left_out: tuple[str, ...] = ()
    """The names of the children deleted on this laptop, left out (see :attr:`ClassInBackup.deleted_here`)."""


@contextlib.contextmanager
def _backup_database(store: "Store", path: str | Path, secret: str | None) -> Iterator[sqlite_utils.Database]:
    """The checked backup at ``path`` as a database of this Lamplight's schema (a private copy; the file is untouched)."""
    from engine.security import encryption

    with opened_copy(store, path, secret) as copy, _named_as(copy, path):
        backups.check_backup(copy)
        db = sqlite_utils.Database(encryption.connect(copy))
        try:
            apply_migrations(db)
            yield db
        finally:
            db.close()


def classes_in_backup(store: "Store", path: str | Path, secret: str | None = None) -> list[ClassInBackup]:
    """The classes the backup file at ``path`` holds, oldest first (nothing is changed).

    Raises what a restore's check raises: LamplightError for a file that is not
    a Lamplight backup, is damaged or newer; BackupLockedError when it is
    encrypted and ``secret`` (its password or recovery key) is needed.
    """
    here = [(info.name, _student_names(store.db, info.id)) for info in store.list_classes(include_archived=True)]
    found = []
    with _backup_database(store, path, secret) as db:
        for class_id, name, archived in db.execute("SELECT id, name, archived FROM classes ORDER BY id").fetchall():
            gone = _deleted_here(store, db, class_id)
            students = _student_names(db, class_id, set(gone))
            like = next((other for other, names in here if names == students and (students or other.casefold() == name.casefold())),
                        None)  # the same children under any name (review 34c: "5A (2)", added before, was not named)
            kept = f"s.class_id = ? AND s.id NOT IN ({_marks(gone)})"
            found.append(ClassInBackup(
                id=class_id, name=name, archived=bool(archived), students=len(students),
                answers=_count(db, f"SELECT count(*) FROM responses r JOIN students s ON s.id = r.student_id WHERE {kept}",
                               class_id, *gone),
                quizzes=_count(db, "SELECT count(*) FROM quizzes WHERE class_id = ?", class_id),
                waiting=_count(db, f"SELECT count(*) FROM queued_answers q JOIN students s ON s.id = q.student_id WHERE {kept}",
                               class_id, *gone),
                like_one_here=like, deleted_here=tuple(sorted(gone.values()))))
    return found


def _remember_origins(source: sqlite_utils.Database, store: "Store", students: dict[int, int]) -> None:
    """Each child brought, under the id and moment added it has in the backup and the backup's own origins of them
    (:mod:`engine.store.origins`)."""
    if not students:
        return
    added = dict(source.execute(f"SELECT id, created FROM students WHERE id IN ({_marks(students)})", list(students)).fetchall())
    theirs = setting_in(source, STUDENT_ORIGINS_SETTING)
    origins = store.get_setting(STUDENT_ORIGINS_SETTING, {})
    origins = origins if isinstance(origins, dict) else {}
    origins.update({str(here): [[there, added.get(there)], *map(list, lineage(theirs, there)[:MAX_LINEAGE - 1])]
                    for there, here in students.items()})
    store.set_setting(STUDENT_ORIGINS_SETTING, origins)
    moved_in = setting_in(source, JOINED_SETTING)  # a child who changed class there joined this one then (review 51d)
    moved_in = {str(here): str(moved_in[str(there)])[:40] for there, here in students.items()
                if isinstance(moved_in, dict) and str(there) in moved_in}
    if moved_in:
        joined = store.get_setting(JOINED_SETTING, {})
        store.set_setting(JOINED_SETTING, {**(joined if isinstance(joined, dict) else {}), **moved_in})


def _deleted_here(store: "Store", db: sqlite_utils.Database, class_id: int) -> dict[int, str]:
    """The backup's children of the class who were deleted on this laptop (the same id and moment added, here or in
    a file they came through: review 51b, a class handed to a colleague and back brought the child back), by id."""
    deleted = {(student, added) for student, added in store.deleted_students()}
    theirs = setting_in(db, STUDENT_ORIGINS_SETTING)
    return {student: name for student, name, added in
            db.execute("SELECT id, name, created FROM students WHERE class_id = ?", [class_id])
            if not deleted.isdisjoint([(student, added), *lineage(theirs, student)])}


def add_class_from_backup(store: "Store", path: str | Path, class_id: int, name: str,
                          secret: str | None = None) -> ClassAdded:
    """Add the class ``class_id`` of the backup at ``path`` here as a new class called ``name``; all or nothing.

    ``name`` must not be a class's here (LamplightError). Nothing already here
    changes: an exercise here keeps its version even where the backup's differs.
    """
    with _backup_database(store, path, secret) as source:
        row = source.execute("SELECT name FROM classes WHERE id = ?", [class_id]).fetchone()
        if row is None:
            raise LamplightError(f"{path}: the backup holds no such class; nothing was added.")
        gone = _deleted_here(store, source, class_id)
        with write_transaction(store.db):
            new_class = store.create_class(name)
            exercises, new, kept = _bring_exercises(source, store.db, class_id)
            db = store.db
            now = to_utc_iso()  # added here now: the file's moment is another laptop's (review 50d: with it, a child
            # deleted here matched a classmate of the same second and id)
            students = _copy_with_new_ids(source, db, "students", f"class_id = ? AND id NOT IN ({_marks(gone)})",
                                          [class_id, *gone], {**_in_class(new_class, "name", "student"), "created": lambda _: now},
                                          store.new_student_id)
            groups = _copy_with_new_ids(source, db, "groups", "class_id = ?", [class_id],
                                        _unique_names(_in_class(new_class, "name", "group")))
            quizzes = _copy_with_new_ids(source, db, "quizzes", "class_id = ?", [class_id],
                                         {**_in_class(new_class, "title", "quiz"), "group_id": lambda g: None if g is None else groups.get(g)})
            of_groups, of_quizzes, of_students = (f"{column} IN ({_marks(ids)})" for column, ids in
                                                  (("group_id", groups), ("quiz_id", quizzes), ("student_id", students)))
            left_out = lambda values: values["student_id"] is None  # noqa: E731 - a child deleted here
            _copy(source, db, "group_members", of_groups, list(groups), {"group_id": groups.get, "student_id": students.get},
                  skip=left_out)
            _copy(source, db, "quiz_exercises", of_quizzes, list(quizzes), {"quiz_id": quizzes.get, "exercise_id": exercises.get})
            _keep_paper_orders(source, db, quizzes, exercises)
            _copy(source, db, "quiz_absences", of_quizzes, list(quizzes), {"quiz_id": quizzes.get, "student_id": students.get},
                  skip=left_out)
            by_answer = {"student_id": students.get, "exercise_id": exercises.get,
                         "quiz_id": lambda quiz: None if quiz is None else quizzes.get(quiz)}
            answers = _copy(source, db, "responses", of_students, list(students), by_answer)
            _copy(source, db, "queued_answers", of_students, list(students), by_answer)
            _bring_focus(source, store, class_id, new_class, groups, students)
            _remember_origins(source, store, students)
    return ClassAdded(new_class, name, len(students), answers, len(quizzes), new, kept, tuple(sorted(gone.values())))


def _keep_paper_orders(source: sqlite_utils.Database, db: sqlite_utils.Database, quizzes: dict[int, int],
                       exercises: dict[int, int]) -> None:
    """Each quiz's choices in the order of the papers printed from the backup's data, under the ids they have here
    (review 51b: the new ids shuffled them again, and letters typed from the papers named other choices)."""
    for there, here in quizzes.items():
        (paper,) = source.execute("SELECT paper FROM quizzes WHERE id = ?", [there]).fetchone()
        ids = [e for (e,) in source.execute("SELECT exercise_id FROM quiz_exercises WHERE quiz_id = ?", [there])]
        owner, printed = paper_order(there, paper)
        kept = {str(exercises[e]): printed.get(str(e), e) for e in ids if e in exercises}
        db.execute("UPDATE quizzes SET paper = ? WHERE id = ?", [json.dumps({"owner": owner, "exercises": kept}), here])


def _bring_focus(source: sqlite_utils.Database, store: "Store", class_id: int, new_class: int,
                 groups: dict[int, int], students: dict[int, int]) -> None:
    """The class's practice focus (review 36a: a group's focus stayed behind): each group's and child's under their
    ids here, each skill under its id here, else the skill here of the same name (as exercises bring theirs)."""
    row = source.execute("SELECT value FROM settings WHERE key = ?", [practice_focus_setting(class_id)]).fetchone()
    focus = json.loads(row[0]) if row else None
    if not isinstance(focus, dict):
        return
    by_name = {name.casefold(): skill for skill, name in store.db.execute("SELECT id, name FROM skills")}
    here = {skill for (skill,) in store.db.execute("SELECT id FROM skills")}
    theirs = {skill: name for skill, name in source.execute("SELECT id, name FROM skills")}
    moved = {}
    for who, skills in focus.items():
        kind, _, old = str(who).partition(":")
        new = {"group": groups, "student": students}.get(kind, {}).get(int(old)) if old.isdecimal() else None
        named = [s for s in skills if isinstance(s, str)] if isinstance(skills, list) else []
        skills = list(dict.fromkeys(s if s in here else by_name.get(str(theirs.get(s, "")).casefold()) for s in named))
        skills = [s for s in skills if s]
        if new is not None and skills:
            moved[focus_group_key(new) if kind == "group" else focus_student_key(new)] = skills
    store.set_setting(practice_focus_setting(new_class), moved or None)


def _bring_exercises(source: sqlite_utils.Database, target: sqlite_utils.Database, class_id: int) -> tuple[dict[int, int], int, int]:
    """Backup exercise id -> id here for every exercise the class's quizzes and answers use, adding missing ones.

    Returns (that map, how many were added, how many here differ from the backup's and were kept).
    """
    used = [r[0] for r in source.execute(
        "SELECT exercise_id FROM quiz_exercises WHERE quiz_id IN (SELECT id FROM quizzes WHERE class_id = :c) "
        "UNION SELECT exercise_id FROM responses WHERE student_id IN (SELECT id FROM students WHERE class_id = :c) "
        "UNION SELECT exercise_id FROM queued_answers WHERE student_id IN (SELECT id FROM students WHERE class_id = :c)",
        {"c": class_id}).fetchall()]
    mapping, missing, kept, new_keys = {}, [], 0, {}
    for exercise_id in used:
        theirs = source.execute("SELECT key, kind, prompt, choices, answer FROM exercises WHERE id = ?", [exercise_id]).fetchone()
        ours = target.execute("SELECT id, kind, prompt, choices, answer FROM exercises WHERE key = ?", [theirs[0]]).fetchone()
        if ours is not None and ours[1] != theirs[1]:  # another kind here: the class's answers and typed answers
            new_keys[exercise_id] = f"{theirs[0]}~{uuid.uuid4().hex[:8]}"  # waiting would not fit it (review 34c)
            ours = None
        if ours is None:
            missing.append(exercise_id)
        else:
            mapping[exercise_id] = ours[0]
            kept += tuple(ours[1:]) != tuple(theirs[1:])
    if missing:
        ids_here, names_here = set(), {}
        for skill, name in target.execute("SELECT id, name FROM skills").fetchall():
            ids_here.add(skill)
            names_here[name.casefold()] = skill
        same_skill, skills = {}, []  # a backup skill -> the skill here of its id, or else of its name (review 34c)
        for skill, name in source.execute(
                "SELECT id, name FROM skills WHERE id IN (SELECT skill_id FROM exercise_skills WHERE exercise_id IN "
                f"({_marks(missing)}))", missing).fetchall():
            if skill in ids_here or name.casefold() in names_here:
                same_skill[skill] = skill if skill in ids_here else names_here[name.casefold()]
            else:
                skills.append(skill)
        named = {"name": lambda name: None if name is None else clean_name(name, "skill")}  # review 51b: a changed file's
        _copy(source, target, "skills", f"id IN ({_marks(skills)})", skills, named, keep_ids=True)  # hidden characters
        _copy(source, target, "skill_texts", f"skill_id IN ({_marks(skills)})", skills, named, keep_ids=True)
        _copy(source, target, "skill_prerequisites", f"skill_id IN ({_marks(skills)})", skills,
              {"prerequisite_id": lambda skill: same_skill.get(skill, skill)}, keep_ids=True,
              skip=lambda row: not target.execute("SELECT 1 FROM skills WHERE id = ?", [row["prerequisite_id"]]).fetchone())
        templates = [t for (t,) in source.execute(
            f"SELECT DISTINCT template_id FROM exercises WHERE id IN ({_marks(missing)}) AND template_id IS NOT NULL",
            missing).fetchall() if not target.execute("SELECT 1 FROM templates WHERE id = ?", [t]).fetchone()]
        _copy(source, target, "templates", f"id IN ({_marks(templates)})", templates, keep_ids=True)
        exercises = [_checked(row) for row in _rows(source, "exercises", f"id IN ({_marks(missing)})", missing, {})]
        by_id = {row["id"]: row for row in exercises}
        mapping.update(_insert_with_new_ids(target, "exercises", (
            {**row, "key": new_keys.get(row["id"], row["key"])} for row in exercises)))
        _copy(source, target, "exercise_skills", f"exercise_id IN ({_marks(missing)})", missing,
              {"exercise_id": mapping.get, "skill_id": lambda skill: same_skill.get(skill, skill)})
        for text in _rows(source, "exercise_texts", f"exercise_id IN ({_marks(missing)})", missing, {}):
            _checked({**by_id[text["exercise_id"]], **{k: v for k, v in text.items() if v is not None}})
        _copy(source, target, "exercise_texts", f"exercise_id IN ({_marks(missing)})", missing, {"exercise_id": mapping.get})
    return mapping, len(missing), kept


def _checked(row: dict[str, Any]) -> dict[str, Any]:
    """An exercise row of the backup, if it makes an exercise this laptop would take from a pack (review 51b: a changed
    file brought a multiple-choice key that is no choice, a numeric key "cat", a right-to-left override in a prompt)."""
    try:
        choices = json.loads(row["choices"]) if row.get("choices") else []
        check_exercise_fields(row["kind"], row["prompt"], row["answer"], [str(c) for c in choices] if isinstance(choices, list) else [])
    except (LamplightError, ValueError) as error:
        raise LamplightError(f"The backup holds an exercise Lamplight would not make ({error}); nothing was added.") from error
    return row


def _rows(source: sqlite_utils.Database, table: str, where: str, params: list[Any],
          remap: dict[str, Callable[[Any], Any]]) -> Iterator[dict[str, Any]]:
    """``table``'s rows matching ``where`` as dicts, each ``remap``ped column changed (backup ids to ids here)."""
    cursor = source.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY rowid", params)
    columns = [d[0] for d in cursor.description]
    for row in cursor:
        values = dict(zip(columns, row))
        for column, change in remap.items():
            values[column] = change(values[column])
        yield values


def _insert(table: str, columns: list[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_marks(columns)})"


def _in_class(class_id: int, column: str, what: str) -> dict[str, Callable[[Any], Any]]:
    """Rows of the new class, their ``column`` held to the rules a name typed here or read from a class list meets
    (review 35b: a backup brought a 2,000,000-character name, which froze the student page)."""
    return {"class_id": lambda _: class_id, column: lambda name: clean_name(name, what)}


def _unique_names(remap: dict[str, Callable[[Any], Any]]) -> dict[str, Callable[[Any], Any]]:
    """``remap`` with a name a row before it has after tidying numbered "(2)", "(3)" (review 51b: two groups "Red" and
    "Red" with a zero-width space crashed the add)."""
    taken: set[str] = set()

    def unique(name: Any) -> str:
        tidy = remap["name"](name)
        found, number = tidy, 1
        while found.casefold() in taken:
            number += 1
            found = f"{tidy} ({number})"
        taken.add(found.casefold())
        return found
    return {**remap, "name": unique}


def _copy_with_new_ids(source: sqlite_utils.Database, target: sqlite_utils.Database, table: str, where: str,
                       params: list[Any], remap: dict[str, Callable[[Any], Any]],
                       new_id: Callable[[], int] | None = None) -> dict[int, int]:
    """Copy rows that other rows point at, each under a new id here (``new_id()``'s, else SQLite's); returns backup
    id -> id here."""
    return _insert_with_new_ids(target, table, _rows(source, table, where, params, remap), new_id)


def _insert_with_new_ids(target: sqlite_utils.Database, table: str, rows: Iterator[dict[str, Any]],
                         new_id: Callable[[], int] | None = None) -> dict[int, int]:
    new_ids = {}
    for values in rows:
        old = values["id"]
        values["id"] = new_id() if new_id else None
        columns = [c for c in values if values["id"] is not None or c != "id"]
        new_ids[old] = int(target.execute(_insert(table, columns), [values[c] for c in columns]).lastrowid)
    return new_ids


def _copy(source: sqlite_utils.Database, target: sqlite_utils.Database, table: str, where: str, params: list[Any],
          remap: dict[str, Callable[[Any], Any]] | None = None, keep_ids: bool = False,
          skip: Callable[[dict[str, Any]], bool] | None = None) -> int:
    """Copy rows nothing points at (a new ``id`` here unless ``keep_ids``: skills keep theirs); returns how many."""
    rows = [values for values in _rows(source, table, where, params, remap or {}) if not (skip and skip(values))]
    if not rows:
        return 0
    columns = [c for c in rows[0] if keep_ids or c != "id"]
    target.conn.executemany(_insert(table, columns), ([values[c] for c in columns] for values in rows))
    return len(rows)


def _student_names(db: sqlite_utils.Database, class_id: int, leaving_out: set[int] = frozenset()) -> list[str]:
    return sorted(name for student, name in db.execute("SELECT id, name FROM students WHERE class_id = ?", [class_id])
                  if student not in leaving_out)


def _count(db: sqlite_utils.Database, sql: str, *params: Any) -> int:
    return int(db.execute(sql, list(params)).fetchone()[0])


def _marks(values: Any) -> str:
    return ", ".join("?" * len(values))
