"""More cases of "Add a class from a backup…" (review 34c): another kind of exercise under the same key, a failure
half-way, older backups, this laptop's own backup, a skill of the same name."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from engine.classroom import Classroom
from engine.classroom.written import WrittenAnswers
from engine.errors import LamplightError
from engine.store import Store
from engine.store import class_transfer
from engine.store.class_transfer import add_class_from_backup, classes_in_backup
from tests.store.test_backup import table_rows
from tests.store.test_class_transfer import colleague_backup, laptop_here


def test_typed_answers_waiting_on_an_exercise_of_another_kind_here_can_still_be_marked(data_dir, tmp_path):
    """Same pack key, but the colleague's exercise is teacher-marked and this laptop's is multiple choice."""
    with Store.open(tmp_path / "colleague") as store:
        class_id = store.create_class("5A")
        ex = store.add_exercise("Explain why 7 is odd", "teacher_marked", "", key="pack:odd-7")
        ana = store.add_student(class_id, "Ana")
        store.queue_answer(ana, ex, "because it is not even")
        backup = store.backup_now("manual")
    with Store.open(data_dir) as store:
        store.add_exercise("Is 7 odd?", "multiple_choice", "yes", choices=["yes", "no"], key="pack:odd-7")
        added = add_class_from_backup(store, backup, class_id, "5A")
        waiting = store.queued_answers(added.class_id)
        assert len(waiting) == 1
        listed = WrittenAnswers(Classroom(store)).exercises(added.class_id)
        assert [e.waiting for e in listed] == [1], (
            "the child's typed answer came in waiting for a mark, but 'Mark written answers' lists no exercise for it: "
            "it hangs on this laptop's multiple-choice exercise and can never be marked")


def test_a_failure_in_the_last_step_leaves_nothing_behind(data_dir, tmp_path, monkeypatch):
    backup, their_class = colleague_backup(tmp_path / "colleague", tmp_path)
    laptop_here(data_dir)
    real = class_transfer._copy

    def failing(source, target, table, *args, **kwargs):
        if table == "queued_answers":
            raise sqlite3.OperationalError("disk I/O error")
        return real(source, target, table, *args, **kwargs)

    monkeypatch.setattr(class_transfer, "_copy", failing)
    with Store.open(data_dir) as store:
        before = table_rows(store)
        given = store.highest_student_id()
        with pytest.raises(Exception):
            add_class_from_backup(store, backup, their_class, "5A")
        assert table_rows(store) == before
        assert store.highest_student_id() == given
        assert not list(store.backup_dir.glob("from-file-*"))
    monkeypatch.setattr(class_transfer, "_copy", real)
    with Store.open(data_dir) as store:
        added = add_class_from_backup(store, backup, their_class, "5A")
        assert added.students == 3


def old_backup(folder: Path, version: int) -> Path:
    """A backup file of schema ``version`` (as an older Lamplight wrote it) with a class, a quiz and answers."""
    from engine.store.migrations import apply_migrations

    folder.mkdir(parents=True)
    path = folder / "lamplight-20250101T000000Z-manual.sqlite3"
    db = sqlite_utils.Database(path)
    apply_migrations(db, up_to=version)
    t = "2025-01-01T09:00:00+00:00"
    db.execute("INSERT INTO classes (id, name, archived, created) VALUES (1, 'Old 3C', 1, ?)", [t])
    db.execute("INSERT INTO students (id, class_id, name, created) VALUES (4, 1, 'Dana', ?)", [t])
    db.execute("INSERT INTO skills (id, name) VALUES ('old-skill', 'Old skill')")
    db.execute("INSERT INTO exercises (id, key, kind, prompt, answer, created) VALUES (9, 'own:old', 'numeric', '2+2', '4', ?)", [t])
    db.execute("INSERT INTO exercise_skills VALUES (9, 'old-skill')")
    db.execute("INSERT INTO quizzes (id, class_id, title, created) VALUES (2, 1, 'Old quiz', ?)", [t])
    db.execute("INSERT INTO quiz_exercises VALUES (2, 0, 9)")
    db.execute("INSERT INTO responses (student_id, exercise_id, score, time, source, quiz_id) VALUES (4, 9, 1, ?, 'paper', 2)", [t])
    db.conn.commit()
    db.close()
    return path


@pytest.mark.parametrize("version", [1, 2, 5, 7])
def test_a_class_from_an_older_lamplight_s_backup_comes_in(data_dir, tmp_path, version):
    backup = old_backup(tmp_path / f"v{version}", version)
    laptop_here(data_dir)
    with Store.open(data_dir) as store:
        [found] = classes_in_backup(store, backup)
        assert (found.name, found.archived, found.students, found.answers, found.quizzes) == ("Old 3C", True, 1, 1, 1)
        added = add_class_from_backup(store, backup, found.id, "Old 3C")
        assert [s.name for s in store.list_students(added.class_id)] == ["Dana"]
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        room = Classroom(store)
        room.dashboard(added.class_id)
        room.markbook(added.class_id)
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version, "the file itself is never migrated"


def test_this_laptop_s_own_backup_of_a_class_still_here(data_dir, tmp_path):
    backup, their_class = colleague_backup(data_dir, tmp_path)  # this laptop's own data and backup
    with Store.open(data_dir) as store:
        before = table_rows(store)
        found = classes_in_backup(store, backup)
        assert found[0].like_one_here == "5A"
        added = add_class_from_backup(store, backup, their_class, "5A (2)")
        assert (added.new_exercises, added.kept_exercises) == (0, 0)
        after = table_rows(store)
        for table, rows in before.items():
            if table in ("kept_figures", "settings"):
                continue
            assert after[table][:len(rows)] == rows, table
        assert len(store.list_students(added.class_id)) == 3
        room = Classroom(store)
        room.dashboard(added.class_id)
        book = room.markbook(added.class_id)
        assert book is not None


def test_a_skill_name_here_is_not_doubled(data_dir, tmp_path):
    """The colleague's pack names its skill "Counting" under another id: this laptop then has two "Counting" rows,
    which add_skill refuses (two dashboard rows nobody can tell apart)."""
    with Store.open(tmp_path / "colleague") as store:
        class_id = store.create_class("5A")
        skill = store.add_skill("Counting", skill_id="num.count")
        ex = store.add_exercise("3 + 4", "numeric", "7", skills=[skill], key="pack2:3+4")
        store.record_response(store.add_student(class_id, "Ana"), ex, 1.0)
        backup = store.backup_now("manual")
    laptop_here(data_dir)
    with Store.open(data_dir) as store:
        add_class_from_backup(store, backup, class_id, "5A")
        names = [n.casefold() for n in store.skill_names().values()]
        assert len(names) == len(set(names)), f"two skills of one name: {sorted(names)}"
