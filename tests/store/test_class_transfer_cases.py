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


def test_deleting_the_copy_of_a_child_taken_from_this_laptop_s_own_backup_leaves_the_child_alone(data_dir):
    """Review 51b: deleting Ana in "4B yesterday" (a copy from this laptop's backup) put the real Ana on the deleted
    list: "Deleted children" then offered to delete her as "brought back by a restore", and the next copy left her out."""
    from engine.security import data_rights

    with Store.open(data_dir) as store:
        class_id = store.create_class("4B")
        ana = store.add_student(class_id, "Ana")
        store.add_student(class_id, "Ben")
        backup = store.backup_now("manual")
        copy = add_class_from_backup(store, backup, class_id, "4B yesterday")
        copied_ana = next(s.id for s in store.list_students(copy.class_id) if s.name == "Ana")
        data_rights.delete_from_store(store, copied_ana)
        assert data_rights.deleted_still_held(store).in_data == {}
        assert [c.deleted_here for c in classes_in_backup(store, backup)] == [()]
        data_rights.delete_again(store)
        assert [s.id for s in store.list_students(class_id) if s.name == "Ana"] == [ana]


def test_a_child_deleted_here_stays_out_when_the_class_comes_back_through_a_colleague_s_laptop(data_dir, tmp_path):
    """Review 51b: laptop A handed 4B to B; A then deleted Zoe on her family's request; taking 4B back from B's backup
    (or restoring B's backup) brought Zoe back unsaid: B's copy of her has another id and moment added."""
    import time

    from engine.security import data_rights

    with Store.open(data_dir) as here:
        class_id = here.create_class("4B")
        zoe = here.add_student(class_id, "Zoe")
        here.add_student(class_id, "Ben")
        to_colleague = here.backup_now("manual")
        time.sleep(1.1)  # the colleague's children are added in another second
        with Store.open(tmp_path / "colleague") as colleague:
            colleague.add_student(colleague.create_class("Own class"), "Kim")
            on_b = add_class_from_backup(colleague, to_colleague, class_id, "4B")
            from_colleague = colleague.backup_now("manual")
        data_rights.delete_student_everywhere(here, zoe, purge_backups=True)
        [info] = [c for c in classes_in_backup(here, from_colleague) if c.name == "4B"]
        assert (info.deleted_here, info.students) == (("Zoe",), 1)
        back = add_class_from_backup(here, from_colleague, on_b.class_id, "4B back")
        assert back.left_out == ("Zoe",) and [s.name for s in here.list_students(back.class_id)] == ["Ben"]
        here.restore(from_colleague)  # the whole file: Zoe is in it, and known for what she is
        held = data_rights.deleted_still_held(here)
        assert list(held.in_data.values()) == ["Zoe"]
        data_rights.delete_again(here)
        assert "Zoe" not in [s.name for c in here.list_classes() for s in here.list_students(c.id)]


def test_a_quiz_half_marked_keeps_its_children_to_mark_and_its_printed_letters(data_dir, tmp_path):
    """Review 51b: after "Add a class from a backup" the children still to mark read "joined the class after this quiz"
    (added here now), and the letters typed from the papers printed on the colleague's laptop named other choices
    (the order came from the new quiz and exercise ids)."""
    import time

    with Store.open(tmp_path / "colleague") as there:
        class_id = there.create_class("4B")
        ana, ben = (there.add_student(class_id, name) for name in ("Ana", "Ben"))
        skill = there.add_skill("Fractions")
        for n in range(5):  # ids differ from this laptop's
            there.add_exercise(f"{n} + 1 = ?", "numeric", str(n + 1), skills=[skill])
        choice = there.add_exercise("Which fraction is not a half?", "multiple_choice", "3/5",
                                    choices=["3/5", "2/4", "4/8", "5/10"], skills=[skill])
        time.sleep(1.1)
        quiz = there.create_quiz(class_id, "Fractions quiz", [choice])
        printed = there.quiz_paper(quiz)[0].choices
        there.set_quiz_score(quiz, ana, choice, 1.0, answer="3/5")
        backup = there.backup_now("manual")
    with Store.open(data_dir) as store:
        store.add_exercise("count", "numeric", "1", skills=[store.add_skill("Counting")])
        added = add_class_from_backup(store, backup, class_id, "4B")
        quiz_here = store.list_quizzes(added.class_id)[0]
        assert store.quiz_paper(quiz_here.id)[0].choices == printed
        made = store.get_quiz(quiz_here.id).created
        assert not any(joined > made for joined in store.students_added(added.class_id).values()), "Ben is still to mark"
        ben_here = next(s.id for s in store.list_students(added.class_id) if s.name == "Ben")
        right = "ABCD"[printed.index("3/5")]
        room = Classroom(store)
        exercise_here = store.quiz_paper(quiz_here.id)[0].id
        assert room.enter_quiz_answer(added.class_id, quiz_here.id, ben_here, exercise_here, right) == 1.0
        again = add_class_from_backup(store, store.backup_now("manual"), added.class_id, "4B again")
        assert store.quiz_paper(store.list_quizzes(again.class_id)[0].id)[0].choices == printed, "through a second laptop"
