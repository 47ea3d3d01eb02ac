"""Review 51d's attacks on "Add a class from a backup": children's lineages from laptop to laptop, the deleted
children they lead to, and quiz papers, in changed files too."""
from __future__ import annotations

import json
import time

import pytest

from engine.security import data_rights
from engine.store import Store
from engine.store.class_transfer import add_class_from_backup, classes_in_backup
from engine.store.origins import STUDENT_ORIGINS_SETTING


def names(store):
    return sorted((store.get_class(s.class_id).name, s.name) for c in store.list_classes(True) for s in store.list_students(c.id))


def test_restore_then_delete_again_deletes_an_unrelated_child_with_a_colliding_id(data_dir, tmp_path):
    """A hands 4B to B; A deletes Zoe (backups left to rotate); A restores B's whole file. After the restore the app asks
    'This backup brought back Zoe... Delete them again?' (new: Zoe found through origins). Yes deletes Kim too: B's own
    child with the id Zoe had on A, because A's old backups still hold A's Zoe under that id."""
    with Store.open(data_dir) as here:
        c = here.create_class("4B")
        zoe = here.add_student(c, "Zoe")
        here.add_student(c, "Ben")
        to_b = here.backup_now("manual")
        time.sleep(1.1)
        with Store.open(tmp_path / "b") as b:
            kim = b.add_student(b.create_class("B's own"), "Kim")
            assert kim == zoe  # ids are per laptop: both first children
            on_b = add_class_from_backup(b, to_b, c, "4B")
            from_b = b.backup_now("manual")
        data_rights.delete_student_everywhere(here, zoe, purge_backups=False)  # the teacher kept the backups
        here.restore(from_b)
        held = data_rights.deleted_still_held(here)
        assert list(held.in_data.values()) == ["Zoe"]  # what the after-restore question names
        data_rights.delete_again(here)
        assert ("B's own", "Kim") in names(here), f"Kim (never deleted anywhere) is gone: {names(here)}"


def back_from_a_colleague(here, class_id, tmp_path):
    """A->B->A: this laptop's class handed to a colleague (with a child of her own, so ids differ there) and taken back
    from her backup, each laptop in a second of its own; returns the class added back and the colleague's backup."""
    to_b = here.backup_now("manual")
    time.sleep(1.1)
    with Store.open(tmp_path / "b") as b:
        b.add_student(b.create_class("own"), "Kim")
        on_b = add_class_from_backup(b, to_b, class_id, "4B")
        back = b.backup_now("manual")
    time.sleep(1.1)
    return add_class_from_backup(here, back, on_b.class_id, "4B from B"), back


def test_deleting_a_duplicate_copy_leaves_the_child_out_of_the_colleague_s_next_file(data_dir, tmp_path):
    """A->B->A: A deletes the duplicate Ana that came back (the real Ana is still on A). The next file from B leaves
    out 'Ana, deleted here' though Ana is here."""
    with Store.open(data_dir) as a:
        c = a.create_class("4B")
        a.add_student(c, "Ana")
        dup, back1 = back_from_a_colleague(a, c, tmp_path)
        dup_ana = a.list_students(dup.class_id)[0].id
        data_rights.delete_from_store(a, dup_ana)
        [info] = [i for i in classes_in_backup(a, back1) if i.name == "4B"]
        assert info.deleted_here == (), f"Ana is on this laptop, yet B's file says she was deleted here: {info.deleted_here}"


@pytest.mark.parametrize("origins", [
    json.dumps("x"), json.dumps([1, 2]), json.dumps({"1": "x"}), json.dumps({"1": [[True, "t"]]}),
    json.dumps({"1": [[1, 2]]}), json.dumps({"1": {"a": 1}}), json.dumps({"1": [None, [1]]}), json.dumps({"x": [[1, "t"]]}),
])
def test_tampered_origins_in_a_backup_do_not_crash(data_dir, tmp_path, origins):
    with Store.open(tmp_path / "a") as a:
        c = a.create_class("4B")
        a.add_student(c, "Ana")
        backup = a.backup_now("manual")
    import sqlite3
    with sqlite3.connect(backup) as conn:
        conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [STUDENT_ORIGINS_SETTING, origins])
    with Store.open(data_dir) as store:
        classes_in_backup(store, backup)
        added = add_class_from_backup(store, backup, c, "4B")
        sid = store.list_students(added.class_id)[0].id
        store.students_added(added.class_id)
        data_rights.deleted_still_held(store)
        data_rights.delete_from_store(store, sid)


def test_huge_tampered_lineage_is_not_copied_into_this_laptop(data_dir, tmp_path):
    with Store.open(tmp_path / "a") as a:
        c = a.create_class("4B")
        ids = [a.add_student(c, f"S{i}") for i in range(30)]
        backup = a.backup_now("manual")
    import sqlite3
    chain = [[i, f"2020-01-01T00:00:{i % 60:02d}+00:00"] for i in range(20_000)]
    with sqlite3.connect(backup) as conn:
        conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                     [STUDENT_ORIGINS_SETTING, json.dumps({str(i): chain for i in ids})])
    with Store.open(data_dir) as store:
        added = add_class_from_backup(store, backup, c, "4B")
        size = len(json.dumps(store.get_setting(STUDENT_ORIGINS_SETTING)))
        data_rights.delete_from_store(store, store.list_students(added.class_id)[0].id)
        deleted = len(store.deleted_students())
        data_rights.deleted_still_held(store)
        assert size < 1_000_000 and deleted < 100, f"setting {size/1e6:.1f} MB, deleted list {deleted} entries"


@pytest.mark.parametrize("paper", [
    "nope", json.dumps([1]), json.dumps({"owner": 5, "exercises": {}}), json.dumps({"owner": "quiz:1", "exercises": []}),
    json.dumps({"owner": "quiz:1", "exercises": {"1": [1, 2]}}), json.dumps({"owner": "x" * 100000, "exercises": {"1": {"a": None}}}),
])
def test_tampered_paper_does_not_crash(data_dir, tmp_path, paper):
    with Store.open(tmp_path / "a") as a:
        c = a.create_class("4B")
        ana = a.add_student(c, "Ana")
        ex = a.add_exercise("Pick", "multiple_choice", "a", choices=["a", "b", "c"])
        q = a.create_quiz(c, "Q", [ex])
        backup = a.backup_now("manual")
    import sqlite3
    with sqlite3.connect(backup) as conn:
        conn.execute("UPDATE quizzes SET paper = ?", [paper.replace('"1"', f'"{ex}"')])
    with Store.open(data_dir) as store:
        from engine.classroom import Classroom
        added = add_class_from_backup(store, backup, c, "4B")
        qh = store.list_quizzes(added.class_id)[0]
        paper_here = store.quiz_paper(qh.id)
        sid = store.list_students(added.class_id)[0].id
        Classroom(store).enter_quiz_answer(added.class_id, qh.id, sid, paper_here[0].id, "A")


def test_edited_transferred_quiz_letters_match_its_new_paper(data_dir, tmp_path):
    with Store.open(tmp_path / "a") as a:
        c = a.create_class("4B")
        a.add_student(c, "Ana")
        e1 = a.add_exercise("P1", "multiple_choice", "a", choices=["a", "b", "c", "d"])
        q = a.create_quiz(c, "Q", [e1])
        printed = a.quiz_paper(q)[0].choices
        backup = a.backup_now("manual")
    with Store.open(data_dir) as store:
        from engine.classroom import Classroom
        added = add_class_from_backup(store, backup, c, "4B")
        qh = store.list_quizzes(added.class_id)[0]
        e_here = store.quiz_paper(qh.id)[0].id
        assert store.quiz_paper(qh.id)[0].choices == printed
        e2 = store.add_exercise("P2", "multiple_choice", "w", choices=["w", "x", "y", "z"])
        store.set_quiz_exercises(qh.id, [e2, e_here])
        paper = store.quiz_paper(qh.id)
        assert paper[1].choices == printed
        sid = store.list_students(added.class_id)[0].id
        letter = "ABCD"[paper[0].choices.index("w")]
        assert Classroom(store).enter_quiz_answer(added.class_id, qh.id, sid, e2, letter) == 1.0
        # and onwards through another laptop
        again = add_class_from_backup(store, store.backup_now("manual"), added.class_id, "4B again")
        q2 = store.list_quizzes(again.class_id)[0]
        assert [p.choices for p in store.quiz_paper(q2.id)] == [p.choices for p in paper]


def test_session_50_single_pair_origin_still_counts(data_dir):
    with Store.open(data_dir) as store:
        c = store.create_class("4B")
        ana = store.add_student(c, "Ana")
        store.set_setting(STUDENT_ORIGINS_SETTING, {str(ana): [777, "2020-01-01T00:00:00+00:00"]})
        data_rights.delete_from_store(store, ana)
        assert [777, "2020-01-01T00:00:00+00:00"] in store.deleted_students()


def test_a_child_who_changed_class_on_the_first_laptop_joined_it_when_she_moved(data_dir, tmp_path):
    """Review 51d: taken from a backup, a child moved into the class after its quiz read "still to mark" on it."""
    with Store.open(tmp_path / "a") as a:
        x, y = a.create_class("3X"), a.create_class("3Y")
        exercise = a.add_exercise("1+1", "numeric", "2")
        mover = a.add_student(x, "Mover")
        a.add_student(y, "Yan")
        time.sleep(1.1)
        quiz = a.create_quiz(y, "Y quiz", [exercise])
        time.sleep(1.1)
        a.move_students([mover], y)
        backup = a.backup_now("manual")
    with Store.open(data_dir) as store:
        added = add_class_from_backup(store, backup, y, "3Y")
        made = store.list_quizzes(added.class_id)[0].created
        joined = {s.name: store.students_added(added.class_id)[s.id] for s in store.list_students(added.class_id)}
        assert joined["Mover"] > made > joined["Yan"]
