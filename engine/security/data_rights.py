"""Data rights: delete one student everywhere, export one student's data, share a class without names.

Deleting: the store's ``delete_student`` removes the student and (by foreign
keys) every answer and group membership. SQLite would still keep the old bytes
in free pages and in the write-ahead log until they are reused, so
:func:`delete_student_everywhere` turns on ``secure_delete`` (freed content is
overwritten with zeros) and checkpoints the log. Backups still hold the
student (the daily ones until rotation removes them); ``purge_backups=True`` rewrites each
backup that holds them without them (the backups stay usable).

Sharing: :func:`export_class_pseudonymised` writes a class's answers in the
shared response-log format with a random pseudonym per student (stable within
one export, unrelated between exports), and no names, external ids, typed
answers or times: what improving the model needs and nothing that names a child.

What that protects against, honestly: a reader of the shared file alone
learns no name, id, typed answer or time. It does not make the answers
anonymous: a child's sequence of exercises and results is close to unique, so
anyone who also holds the class's answers (the store, an ``export responses``
file, or another class-share file of the same class) can link pseudonyms
back to children by matching sequences - with every answer kept, all of
them. ``sample`` (``class-share --sample``) keeps a fresh random share of each
child's answers per export, which lowers linkage between two shared files
but not back to the full answers. Share the file only with people who do not
hold the class's data.
"""
from __future__ import annotations

import contextlib
import json
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from engine.csv_files import csv_text
from engine.errors import LamplightError
from engine.files import write_text
from engine.store.answer_staging import remove_dead_scratch
from engine.store.core import DELETED_STUDENTS_SETTING
from engine.store.origins import STUDENT_ORIGINS_SETTING, lineage
from engine.store.transactions import write_transaction


@dataclass(frozen=True)
class DeletionReport:
    student_id: int
    answers_deleted: int
    backups_holding_student: list[str] = field(default_factory=list)
    backups_purged: list[str] = field(default_factory=list)


def student_created(store: Any, student_id: int) -> str | None:
    """When the student was added (None: not in the store): with the id, it tells them from a child who was given
    the same id later (before ids were kept unique, review 34b)."""
    row = store.db.execute("SELECT created FROM students WHERE id = ?", [student_id]).fetchone()
    return str(row[0]) if row else None


def _backups_with_student(store: Any, student_id: int, created: str | None = None) -> dict[Path, str]:
    """The backups that hold student ``student_id`` (added at ``created``, when given), with the name each one has
    for them."""
    from engine.security import encryption
    from engine.store import backup as backups

    found = {}
    for info in store.list_backups():
        try:
            backups.settle_hot_journal(Path(info.path))
            conn = encryption.connect(info.path, readonly=True)
            try:
                row = conn.execute("SELECT name FROM students WHERE id = ? AND (? IS NULL OR created = ?)",
                                   [student_id, created, created]).fetchone()
                if row:
                    found[Path(info.path)] = str(row[0])
            finally:
                conn.close()
        except (LamplightError, *encryption.database_errors()):
            continue  # an unreadable backup holds nothing anyone can read back
    return found


def backups_with_student(store: Any, student_id: int, created: str | None = None) -> list[str]:
    """The paths of the backups that still hold student ``student_id`` (deleted from the store or not; added at
    ``created``, when given: see :func:`student_created`)."""
    return sorted(str(path) for path in _backups_with_student(store, student_id, created))


def names_in_backups(store: Any, student_id: int) -> list[str]:
    """The names the backups know student ``student_id`` by (to confirm a purge of a student already deleted)."""
    return sorted(set(_backups_with_student(store, student_id).values()))


def _delete_student_rows(conn: Any, student_id: int) -> None:
    """What ``Store.delete_student`` deletes, on a backup's own connection: the student (their answers and group
    memberships follow by cascade), their practice focus and the class's kept dashboard figures (names, mastery)."""
    from engine.store.classes import focus_student_key, practice_focus_setting
    from engine.store.migrations import KEPT_FIGURES_TABLE

    row = conn.execute("SELECT class_id FROM students WHERE id = ?", [student_id]).fetchone()
    if row is None:
        return
    key = practice_focus_setting(row[0])
    focus = conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    if focus is not None:
        kept = json.loads(focus[0])
        if isinstance(kept, dict) and kept.pop(focus_student_key(student_id), None) is not None:
            if kept:
                conn.execute("UPDATE settings SET value = ? WHERE key = ?", [json.dumps(kept, ensure_ascii=False), key])
            else:
                conn.execute("DELETE FROM settings WHERE key = ?", [key])
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [KEPT_FIGURES_TABLE]).fetchone():
        conn.execute(f"DELETE FROM {KEPT_FIGURES_TABLE} WHERE class_id = ?", [row[0]])
    conn.execute("DELETE FROM students WHERE id = ?", [student_id])


def _purge_from_backup(path: Path, student_id: int) -> None:
    """Rewrite one backup without the student: on a copy, verified, then swapped in (a kill leaves the old one whole)."""
    import shutil

    from engine.security import encryption
    from engine.security.private_files import create_private_file
    from engine.store import backup as backups
    from engine.store.io_errors import translated

    working = path.with_name(path.name + ".purging")
    try:
        with translated(path, "removing the student from a backup"):
            create_private_file(working)
            shutil.copyfile(path, working)
            conn = encryption.connect(working)
            try:
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA secure_delete = ON")
                with conn:
                    _delete_student_rows(conn, student_id)
                conn.execute("VACUUM")
            finally:
                conn.close()
            backups.check_file(working)
            with open(working, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(working, path)
    finally:
        working.unlink(missing_ok=True)
        Path(f"{working}-journal").unlink(missing_ok=True)


@contextlib.contextmanager
def secure_deletion(store: Any) -> Iterator[None]:
    """Inside: what is deleted from the store is overwritten (``secure_delete``), and afterwards the write-ahead log is
    emptied, so no deleted byte stays readable in the data folder."""
    conn = store.db.conn
    previous = conn.execute("PRAGMA secure_delete").fetchone()[0]
    conn.execute("PRAGMA secure_delete = ON")
    try:
        yield
        _truncate_wal(conn)
    finally:
        conn.execute(f"PRAGMA secure_delete = {int(previous)}")


def delete_from_store(store: Any, student_id: int) -> int:
    """Delete a student and all their data from the store file itself, leaving no readable trace in it (the backups
    are not read: see :func:`delete_student_everywhere`); returns how many answers went. The child's id and when
    they were added (no name) go on the store's list of deleted children (``Store.deleted_students``)."""
    answers = len(store.list_responses(student_id=student_id))
    created = student_created(store, student_id)
    with secure_deletion(store), write_transaction(store.db):
        store.delete_student(student_id)
        deleted, entry = store.deleted_students(), [int(student_id), created]
        origins = store.get_setting(STUDENT_ORIGINS_SETTING, {})
        # a copy of a child still here (a class taken from this laptop's own backup, or handed back through another
        # laptop) leaves the child and her other copies alone (reviews 51b, 51d)
        chain = lineage(origins, student_id)
        came_from = [] if any(student_created(store, pair[0]) == pair[1] for pair in chain) else [list(p) for p in chain]
        new = [e for e in [entry, *came_from] if e[1] is not None and e not in deleted]
        if new:
            store.set_setting(DELETED_STUDENTS_SETTING, [*deleted, *new])
        if isinstance(origins, dict) and origins.pop(str(student_id), None) is not None:
            store.set_setting(STUDENT_ORIGINS_SETTING, origins or None)
    return answers


@dataclass
class StillHeld:
    """Children deleted here that are still somewhere: back in the data (a restore), or in the laptop's backups."""

    in_data: dict[int, str] = field(default_factory=dict)
    """Student id -> name, of those a restore brought back."""
    backups: dict[tuple[int, str], list[str]] = field(default_factory=dict)
    """(Student id, moment added) -> the backups that hold them (two children deleted here may have had one id: before
    review 34b, or one from another laptop: review 51e)."""

    @property
    def children(self) -> int:
        return len(self.in_data) + len({child for child in self.backups if child[0] not in self.in_data})


def deleted_still_held(store: Any) -> StillHeld:
    """Where the children deleted on this laptop still are (review 36e: once the question after a deletion was missed,
    nothing could remove them from the backups later, and a restore brought them back unsaid)."""
    held = StillHeld()
    deleted = store.deleted_students()
    for student_id, created in deleted:
        if student_created(store, student_id) == created:
            held.in_data[student_id] = store.get_student(student_id).name
        found = backups_with_student(store, student_id, created)
        if found:
            held.backups[(student_id, created)] = found
    # a child of a restored file who came from one deleted here, through another laptop (review 51b)
    origins, gone = store.get_setting(STUDENT_ORIGINS_SETTING, {}), {tuple(pair) for pair in deleted}
    for key in origins if isinstance(origins, dict) else {}:
        student_id = int(key) if str(key).isdecimal() else None
        if student_id and not gone.isdisjoint(lineage(origins, student_id)) and student_created(store, student_id):
            held.in_data[student_id] = store.get_student(student_id).name
    return held


def delete_again(store: Any) -> StillHeld:
    """Delete the children of :func:`deleted_still_held` from the data and the laptop's backups; returns what was found."""
    held = deleted_still_held(store)
    # the children here (found by their id and moment added, or by where they came from), with their copies in the
    # backups (review 51e: a copy found by where she came from stayed in them); then the backups' other deleted
    # children, each only as that id and moment: never another child here
    here = {(student_id, student_created(store, student_id)) for student_id in held.in_data}
    for student_id, created in sorted(here) + sorted(set(held.backups) - here):
        delete_student_everywhere(store, student_id, purge_backups=True, created=created)
    return held


WAL_WAIT_SECONDS = 10.0


def _truncate_wal(conn: Any) -> bool:
    """Copy the write-ahead log into the store file and empty it, waiting (up to :data:`WAL_WAIT_SECONDS`) for a
    read in progress, which holds its frames (review 36e: "busy" was not checked, and the deleted child's rows stayed
    in the -wal file until the app closed); whether it was emptied."""
    deadline = time.monotonic() + WAL_WAIT_SECONDS
    while True:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if not busy or time.monotonic() > deadline:
            return not busy
        time.sleep(0.05)


def delete_student_everywhere(store: Any, student_id: int, purge_backups: bool = False,
                              created: str | None = None) -> DeletionReport:
    """Delete a student and all their answers, leaving no readable trace in the store file.

    Returns how many answers went, which backups still hold the student (or,
    with ``purge_backups``, which were rewritten without them). A student
    already deleted from the store can still be purged from the backups.
    Leftover copies of killed backups (which may hold the student) are removed.
    A backup holds the student only when its student of that id was added when
    this one was (``created``, read from the store while they are in it): never
    another child once given the same id.
    """
    from engine.store import backup as backups

    here = student_created(store, student_id)
    in_store = here is not None and created in (None, here)  # review 51d: after a restore, another child had the id
    created = created or here
    holding = _backups_with_student(store, student_id, created)
    if not in_store and not (purge_backups and holding):
        if here is not None:
            raise LamplightError(f"The student with id {student_id} here is another child; nothing was deleted.")
        store.get_student(student_id)  # the standard "no student with id" message
    answers = delete_from_store(store, student_id) if in_store else 0
    remove_dead_scratch(store.path)  # a killed import's copy of the class's answers
    purged = []
    if purge_backups:
        with backups.WRITING:  # a backup being written is finished first, and looked in (it may have copied them)
            backups.remove_temporaries(store.backup_dir, older_than_seconds=0)
            holding = _backups_with_student(store, student_id, created)
            for path in holding:
                _purge_from_backup(path, student_id)
                purged.append(str(path))
    return DeletionReport(student_id, answers, [str(p) for p in holding], purged)


def student_data(store: Any, student_id: int) -> dict[str, Any]:
    """Everything the store holds about one student, as plain JSON-ready data."""
    student = store.get_student(student_id)
    klass = store.get_class(student.class_id)
    groups = [g.name for g in store.list_groups(student.class_id) if g.id in student.group_ids]
    exercises = {e.id: e for e in store.list_exercises()}
    answers = []
    for r in store.list_responses(student_id=student_id):
        exercise = exercises.get(r.exercise_id)
        answers.append({
            "time": r.time, "exercise": exercise.key if exercise else r.exercise_id,
            "prompt": exercise.prompt if exercise else "", "skills": list(exercise.skills) if exercise else [],
            "score": r.score, "answer": r.answer, "source": r.source,
        })
    return {"format": "lamplight-student-export", "version": 1, "name": student.name, "external_id": student.external_id,
            "class": klass.name, "groups": groups, "answers": answers}


def export_student(store: Any, student_id: int, path: str | os.PathLike[str]) -> Path:
    """Write one student's data to ``path``: JSON (``.json``) or a CSV of their answers (``.csv``)."""
    target = Path(path)
    data = student_data(store, student_id)
    if target.suffix.lower() == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=1)
    elif target.suffix.lower() == ".csv":
        header = ["name", "external_id", "class", "time", "exercise", "prompt", "skills", "score", "answer", "source"]
        text = csv_text([header] + [
            [data["name"], data["external_id"] or "", data["class"], a["time"], a["exercise"], a["prompt"],
             ";".join(a["skills"]), a["score"], a["answer"] or "", a["source"]]
            for a in data["answers"]
        ])
    else:
        raise LamplightError(f"{target}: choose a file name ending in .json or .csv.")
    return write_text(target, text, make_folder=True)


def export_class_pseudonymised(store: Any, class_id: int, path: str | os.PathLike[str], sample: float = 1.0) -> Path:
    """Write the class's answers with random pseudonyms (see the module doc); returns the file.

    Columns: ``student_id`` (pseudonym), ``item_id`` (exercise key),
    ``skill_ids``, ``correct``, ``position`` - the shared response-log format.
    Each export draws new pseudonyms and a new student order, and drops times.
    ``sample`` below 1 keeps that random share of each student's answers (a
    different draw in each export, order kept): two exports then no longer
    hold identical sequences, which lowers linkage between them (measured in
    ``tests/safety/test_class_share_linkage.py``: 0.25 links about 30% of a
    class, 0.5 about 90%); it does not stop linkage back to the class's full
    answers, which contain every sample.
    """
    rows, _ = pseudonymised_rows(store, class_id, sample)
    return write_text(path, csv_text(rows), make_folder=True)


def pseudonymised_rows(store: Any, class_id: int, sample: float = 1.0) -> tuple[list[list[Any]], dict[int, str]]:
    """(rows with a header, student id -> pseudonym) of a class-share file.

    The map lives only in memory (tests use it to measure re-identification);
    it is never written anywhere.
    """
    if not 0.0 < sample <= 1.0:
        raise LamplightError(f"The share of answers to keep must be more than 0 and at most 1, not {sample}.")
    store.get_class(class_id)
    chance = secrets.SystemRandom()
    keys = {e.id: e.key for e in store.list_exercises()}
    skills = store.exercise_skills()
    answers: dict[int, list[Any]] = {}
    for r in store.responses_for_class(class_id):  # by student, in time order
        if sample >= 1.0 or chance.random() < sample:
            answers.setdefault(r.student_id, []).append(r)
    order = list(answers)
    chance.shuffle(order)  # the file's order does not follow the roster either
    pseudonyms: dict[int, str] = {}
    for student_id in order:
        pseudonym = f"P-{secrets.token_hex(4)}"
        while pseudonym in pseudonyms.values():
            pseudonym = f"P-{secrets.token_hex(4)}"
        pseudonyms[student_id] = pseudonym
    rows: list[list[Any]] = [["student_id", "item_id", "skill_ids", "correct", "position"]]
    for student_id in order:
        for position, r in enumerate(answers[student_id]):
            score = int(r.score) if r.score in (0.0, 1.0) else round(r.score, 4)
            rows.append([pseudonyms[student_id], keys.get(r.exercise_id, r.exercise_id),
                         ";".join(skills.get(r.exercise_id, ())), score, position])
    return rows, pseudonyms
