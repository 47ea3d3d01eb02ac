"""One class brought in from a backup (a colleague's laptop, or yesterday's backup): added, nothing here replaced."""
from __future__ import annotations

import json
import sqlite3

import pytest

from engine.errors import LamplightError
from engine.store import Store
from engine.store.class_transfer import add_class_from_backup, classes_in_backup
from tests.store.test_backup import table_rows


def colleague_backup(folder, tmp_path):
    """A colleague's laptop: class 5A (3 students, a group, a quiz with an absence, answers, a typed answer waiting)
    on one pack exercise both laptops have (the colleague edited its prompt) and one exercise of her own."""
    with Store.open(folder) as store:
        class_id = store.create_class("5A")
        store.create_class("Other class")
        counting = store.add_skill("Counting", skill_id="counting")
        own_skill = store.add_skill("Shapes", prerequisites=[counting])
        pack = store.add_exercise("1 + 1 = ? (edited)", "numeric", "2", skills=[counting], key="pack:add-1")
        own = store.add_exercise("Name a shape with 3 sides", "short_text", "triangle", skills=[own_skill])
        students = [store.add_student(class_id, name) for name in ("Ana", "Ben", "Chen")]
        reds = store.create_group(class_id, "Reds", students[:2])
        quiz = store.create_quiz(class_id, "Week 1", [pack, own])
        store.set_quiz_group(quiz, reds)  # review 36b: the quiz came in as the whole class's
        store.set_setting(f"practice_focus/{class_id}", {f"group:{reds}": ["counting", own_skill],
                                                         f"student:{students[2]}": [own_skill]})  # review 36a: left behind
        store.set_quiz_score(quiz, students[0], pack, 1.0)
        store.set_quiz_score(quiz, students[1], pack, 0.0)
        store.set_quiz_absent(quiz, students[2], True)
        store.record_response(students[2], own, 1.0, source="practice")
        store.queue_answer(students[1], own, "a triangel")
        return store.backup_now("manual"), class_id


def changed_copy(backup, tmp_path, *statements: str, params=()):
    """A copy of ``backup`` changed with another program (SQL ``statements``, each with ``params``)."""
    tampered = tmp_path / "tampered.sqlite3"
    tampered.write_bytes(backup.read_bytes())
    with sqlite3.connect(tampered) as conn:
        for statement in statements:
            conn.execute(statement, params if "?" in statement else ())
    return tampered


def shapes_id(store) -> str:
    return store.db.execute("SELECT id FROM skills WHERE name = 'Shapes'").fetchone()[0]


def laptop_here(folder):
    with Store.open(folder) as store:
        store.create_class("4B")
        counting = store.add_skill("Counting", skill_id="counting")
        store.add_exercise("1 + 1 = ?", "numeric", "2", skills=[counting], key="pack:add-1")


def test_a_class_comes_in_whole_and_nothing_here_changes(data_dir, tmp_path):
    backup, their_class = colleague_backup(tmp_path / "colleague", tmp_path)
    laptop_here(data_dir)
    with Store.open(data_dir) as store:
        before = table_rows(store)
        listed = classes_in_backup(store, backup)
        assert [(c.name, c.students, c.answers, c.quizzes, c.like_one_here) for c in listed] == [
            ("5A", 3, 3, 1, None), ("Other class", 0, 0, 0, None)]
        added = add_class_from_backup(store, backup, their_class, "5A")
        assert (added.students, added.answers, added.quizzes, added.new_exercises, added.kept_exercises) == (3, 3, 1, 1, 1)
        after = table_rows(store)
        for table in ("classes", "students", "exercises", "responses", "skills"):
            assert after[table][:len(before[table])] == before[table], f"{table}: a row here changed"
        assert [c.name for c in store.list_classes()] == ["4B", "5A"]
        students = {s.name: s.id for s in store.list_students(added.class_id)}
        assert sorted(students) == ["Ana", "Ben", "Chen"]
        pack = store.db.execute("SELECT id, prompt FROM exercises WHERE key = 'pack:add-1'").fetchall()
        assert [p[1] for p in pack] == ["1 + 1 = ?"], "the pack exercise here keeps its version and is not doubled"
        quiz = store.list_quizzes(added.class_id)[0]
        assert [e.prompt for e in store.quiz_exercises(quiz.id)] == ["1 + 1 = ?", "Name a shape with 3 sides"]
        assert store.quiz_scores(quiz.id) == {(students["Ana"], pack[0][0]): 1.0, (students["Ben"], pack[0][0]): 0.0}
        assert store.quiz_absent(quiz.id) == {students["Chen"]}
        assert [(g.name, sorted(g.student_ids)) for g in store.list_groups(added.class_id)] == [
            ("Reds", sorted([students["Ana"], students["Ben"]]))]
        assert store.quiz_group(quiz.id) == store.list_groups(added.class_id)[0].id, "given to the same group"
        reds_here = store.list_groups(added.class_id)[0].id
        assert store.get_setting(f"practice_focus/{added.class_id}") == {f"group:{reds_here}": ["counting", shapes_id(store)],
                                                                          f"student:{students['Chen']}": [shapes_id(store)]}
        assert [(q.student_id, q.answer) for q in store.queued_answers(added.class_id)] == [(students["Ben"], "a triangel")]
        shapes = store.db.execute("SELECT s.id FROM skills s WHERE s.name = 'Shapes'").fetchone()[0]
        assert store.db.execute("SELECT prerequisite_id FROM skill_prerequisites WHERE skill_id = ?", [shapes]).fetchall() == [
            ("counting",)]
        assert store.integrity_problems() == []
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        again = classes_in_backup(store, backup)
        assert again[0].like_one_here == "5A", "the same class added before is named"


def test_a_name_taken_here_is_refused_and_nothing_is_added(data_dir, tmp_path):
    backup, their_class = colleague_backup(tmp_path / "colleague", tmp_path)
    laptop_here(data_dir)
    with Store.open(data_dir) as store:
        before = table_rows(store)
        with pytest.raises(LamplightError, match="already exists"):
            add_class_from_backup(store, backup, their_class, "4b")
        assert table_rows(store) == before, "all or nothing: no exercise or skill stays behind"


def test_names_from_a_backup_meet_the_rules_of_names_typed_here(data_dir, tmp_path):
    """Review 35b: a backup's 2,000,000-character name (which a class list would refuse) came in and froze the student
    page for 16 s; a name with extra spaces comes in tidied, as from a class list."""
    backup, their_class = colleague_backup(tmp_path / "colleague", tmp_path)
    with sqlite3.connect(backup) as db:
        db.execute("UPDATE students SET name = '  Ana   Li ' WHERE name = 'Ana'")
        db.execute("UPDATE students SET name = ? WHERE name = 'Ben'", ["B" * 2_000_000])
    laptop_here(data_dir)
    with Store.open(data_dir) as store:
        before = table_rows(store)
        with pytest.raises(LamplightError, match="another program changed"):  # far over any name Lamplight writes
            add_class_from_backup(store, backup, their_class, "5A")
        assert table_rows(store) == before
    with sqlite3.connect(backup) as db:
        db.execute("UPDATE students SET name = ? WHERE length(name) > 1000", ["B" * 500])
    with Store.open(data_dir) as store:
        with pytest.raises(LamplightError, match="student name .* is longer than"):
            add_class_from_backup(store, backup, their_class, "5A")
        assert table_rows(store) == before
    with sqlite3.connect(backup) as db:
        db.execute("UPDATE students SET name = 'Ben' WHERE length(name) > 200")
    with Store.open(data_dir) as store:
        added = add_class_from_backup(store, backup, their_class, "5A")
        assert sorted(s.name for s in store.list_students(added.class_id)) == ["Ana Li", "Ben", "Chen"]


def test_damaged_tampered_or_unknown_files_are_refused_and_nothing_changes(data_dir, tmp_path):
    backup, their_class = colleague_backup(tmp_path / "colleague", tmp_path)
    laptop_here(data_dir)
    tampered = tmp_path / "tampered.sqlite3"
    tampered.write_bytes(backup.read_bytes())
    with sqlite3.connect(tampered) as conn:
        conn.execute("UPDATE responses SET time = 'yesterday'")
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database")
    with Store.open(data_dir) as store:
        before = table_rows(store)
        for path, why in ((tampered, "another program changed"), (text, "not a readable"), (tmp_path / "gone.sqlite3", "no such")):
            with pytest.raises(LamplightError, match=why):
                classes_in_backup(store, path)
            with pytest.raises(LamplightError, match=why):
                add_class_from_backup(store, path, their_class, "5A")
        with pytest.raises(LamplightError, match="no such class"):
            add_class_from_backup(store, backup, 999, "5A")
        assert table_rows(store) == before
        assert not list(store.backup_dir.glob("from-file-*"))
    assert backup.read_bytes() == (tmp_path / "colleague" / "backups" / backup.name).read_bytes()



@pytest.mark.parametrize("change", [
    "UPDATE exercises SET choices = '" + "[" * 1000 + "]" * 1000 + "'",  # json_valid takes it; Python's json cannot read it
    "UPDATE exercises SET difficulty = 9e999",  # infinity: worksheets stopped on int(round(difficulty))
    "UPDATE skills SET name = 'Counting' || substr(hex(zeroblob(100000)), 1, 200000)",  # 2e5 characters: screens took seconds
    "UPDATE queued_answers SET answer = substr(hex(zeroblob(100000)), 1, 130000)",
    "INSERT OR REPLACE INTO settings (key, value) VALUES ('practice_focus/1', '" + "[" * 999 + "]" * 999 + "')",
    "INSERT OR REPLACE INTO settings (key, value) VALUES ('idle_lock_minutes', '" + "[" * 999 + "]" * 999 + "')",  # the check raised
])
def test_values_no_lamplight_writes_are_refused_before_they_reach_the_teachers_classes(data_dir, tmp_path, change):
    """Review 36b: a tampered backup passed the check, and once its class was added the bank, dashboard and worksheets
    of every class raised (or took seconds to a minute)."""
    backup, their_class = colleague_backup(tmp_path / "colleague", tmp_path)
    laptop_here(data_dir)
    tampered = tmp_path / "tampered.sqlite3"
    tampered.write_bytes(backup.read_bytes())
    with sqlite3.connect(tampered) as conn:
        conn.execute(change)
    with Store.open(data_dir) as store:
        before = table_rows(store)
        with pytest.raises(LamplightError, match="another program changed"):
            add_class_from_backup(store, tampered, their_class, "5A")
        with pytest.raises(LamplightError, match="another program changed"):
            store.restore(tampered)
        assert table_rows(store) == before
        store.list_exercises()


@pytest.mark.parametrize("change, said", [
    ("UPDATE exercises SET kind = 'numeric', answer = 'cat' WHERE kind = 'short_text'", "not a number"),
    ("UPDATE exercises SET kind = 'multiple_choice', choices = '[\"1\", \"2\"]', answer = '9'", "not one of the choices"),
    ("UPDATE exercises SET prompt = prompt || char(8238)", "hidden control characters"),
    ("UPDATE exercise_texts SET prompt = char(0) || 'x'", "hidden control characters"),
])
def test_an_exercise_the_bank_would_refuse_is_refused_from_a_changed_backup_too(data_dir, tmp_path, change, said):
    """Review 51b: a backup changed with another program brought a numeric key "cat", a multiple-choice key that is
    no choice (no child could be right) and a right-to-left override in a prompt, which a pack import refuses."""
    backup, their_class = colleague_backup(tmp_path / "colleague", tmp_path)
    laptop_here(data_dir)
    tampered = changed_copy(backup, tmp_path, "INSERT INTO exercise_texts (exercise_id, language, prompt) "
                            "SELECT id, 'zh_CN', '形状' FROM exercises", change)
    with Store.open(data_dir) as store:
        before = table_rows(store)
        with pytest.raises(LamplightError, match=said):
            add_class_from_backup(store, tampered, their_class, "5A")
        assert table_rows(store) == before


def test_group_and_skill_names_are_tidied_as_names_typed_here_and_two_groups_of_one_name_kept_apart(data_dir, tmp_path):
    """Review 51b: groups "Red" and "Red" with a zero-width space, one name once tidied, stopped the add with a raw
    IntegrityError; a skill's right-to-left override came in."""
    backup, their_class = colleague_backup(tmp_path / "colleague", tmp_path)
    tampered = changed_copy(backup, tmp_path, "INSERT INTO groups (class_id, name) VALUES (?, 'Reds' || char(8203))",
                            "UPDATE skills SET name = char(8238) || 'sepahS' WHERE name = 'Shapes'", params=[their_class])
    with Store.open(data_dir) as store:
        added = add_class_from_backup(store, tampered, their_class, "5A")
        assert sorted(g.name for g in store.list_groups(added.class_id)) == ["Reds", "Reds (2)"]
        assert "\u202e" not in "".join(s.name for s in store.list_skills())


def test_a_practice_focus_under_a_number_python_cannot_read_is_left_out(data_dir, tmp_path):
    """Review 46b: a focus kept under "student:²" ("²" is a digit to str.isdigit, not to int) stopped "Add a class from a
    backup" with a raw ValueError."""
    backup, their_class = colleague_backup(tmp_path / "colleague", tmp_path)
    laptop_here(data_dir)
    odd = tmp_path / "odd-focus.sqlite3"
    odd.write_bytes(backup.read_bytes())
    with sqlite3.connect(odd) as conn:
        conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                     [f"practice_focus/{their_class}", json.dumps({"student:²": ["counting"], "group:٣": ["counting"]})])
    with Store.open(data_dir) as store:
        added = add_class_from_backup(store, odd, their_class, "5A")
        assert store.get_setting(f"practice_focus/{added.class_id}") is None


def test_a_child_deleted_here_on_request_stays_out_of_a_class_taken_from_an_older_copy(data_dir, tmp_path):
    """Review 50b: a child deleted (and purged from the backups) came back, with 42 answers and unsaid, through a copy
    of the class on a USB stick; "Deleted children…" could no longer find her under her new id."""
    import shutil

    from engine.security import data_rights

    backup, class_id = colleague_backup(data_dir, tmp_path)  # this laptop's own class, and its backup
    usb = tmp_path / "usb" / backup.name
    usb.parent.mkdir()
    shutil.copyfile(backup, usb)  # "Save a backup to…" a stick, before the deletion
    with Store.open(data_dir) as store:
        chen = next(s.id for s in store.list_students(class_id) if s.name == "Chen")
        data_rights.delete_student_everywhere(store, chen, purge_backups=True)
        store.archive_class(class_id, True)
        [info] = [c for c in classes_in_backup(store, usb) if c.name == "5A"]
        assert (info.students, info.answers, info.deleted_here) == (2, 2, ("Chen",)), "counted without her, and named"
        added = add_class_from_backup(store, usb, info.id, "5A from the stick")
        assert added.left_out == ("Chen",) and added.students == 2
        assert sorted(s.name for s in store.list_students(added.class_id)) == ["Ana", "Ben"]
        quiz = store.list_quizzes(added.class_id)[0]
        assert store.quiz_absent(quiz.id) == set(), "her absence stayed behind too"
    assert not any(b"Chen" in p.read_bytes() for p in data_dir.glob("*.sqlite3*"))


def test_a_child_of_a_class_taken_from_a_file_and_deleted_here_stays_out_when_the_file_is_read_again(data_dir, tmp_path):
    """Review 50c: the class's children get new ids here, so the deleted list did not know the file's: deleting Chen
    here and taking the class from the same file again brought him back."""
    from engine.security import data_rights

    backup, class_id = colleague_backup(tmp_path / "colleague", tmp_path)
    with Store.open(data_dir) as store:
        here = store.create_class("4B")
        for name in ("Dara", "Eli", "Femi"):  # ids 1-3 here: the file's children get others
            store.add_student(here, name)
        # added on another day than the colleague's children (ids 1-3 too): a child here of the same id and moment
        # added is taken for the same child (review 51b)
        store.db.execute("UPDATE students SET created = '2026-09-02T08:00:00+00:00'")
        added = add_class_from_backup(store, backup, class_id, "5A")
        chen = next(s.id for s in store.list_students(added.class_id) if s.name == "Chen")
        data_rights.delete_student_everywhere(store, chen, purge_backups=True)
        [info] = [c for c in classes_in_backup(store, backup) if c.name == "5A"]
        assert info.deleted_here == ("Chen",)
        again = add_class_from_backup(store, backup, class_id, "5A again")
        assert again.left_out == ("Chen",)
        assert sorted(s.name for s in store.list_students(again.class_id)) == ["Ana", "Ben"]


def test_a_child_still_here_is_never_taken_for_a_deleted_classmate_added_in_the_same_second(data_dir, tmp_path):
    """Review 50d: children taken from a file kept the file's moment added (to the second, shared by a roster's
    children); deleting Chen put the file's [id, moment] on the deleted list, which was Ben's here: this laptop's own
    backup then left Ben out."""
    from engine.security import data_rights

    with Store.open(tmp_path / "colleague") as colleague:  # a roster imported in September: one second for all three
        class_id = colleague.create_class("5A")
        for name in ("Ana", "Ben", "Chen"):
            colleague.add_student(class_id, name)
        colleague.db.execute("UPDATE students SET created = '2026-09-01T08:00:00+00:00'")
        backup = colleague.backup_now("manual")
    with Store.open(data_dir) as store:
        store.add_student(store.create_class("4B"), "Dara")  # id 1 here: the file's Ana, Ben, Chen get 2, 3, 4
        added = add_class_from_backup(store, backup, class_id, "5A")
        chen = next(s.id for s in store.list_students(added.class_id) if s.name == "Chen")
        data_rights.delete_student_everywhere(store, chen)
        own = store.backup_now("manual")
        [info] = [c for c in classes_in_backup(store, own) if c.name == "5A"]
        assert info.deleted_here == () and info.students == 2
