"""Opening, migrating and the repositories of engine.store."""
from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from engine.errors import LamplightError
from engine.store import Store
from engine.store.migrations import LATEST_VERSION, apply_migrations, schema_version


def test_open_creates_latest_schema_in_wal_mode(data_dir):
    with Store.open() as store:
        assert store.path == data_dir / "lamplight.sqlite3"
        assert store.schema_version == LATEST_VERSION
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert {"classes", "students", "responses", "model_snapshots", "settings", "templates"} <= set(store.db.table_names())
    assert store.list_backups() == []  # a fresh file needs no pre-migration backup


def test_reopen_keeps_data_and_does_not_migrate_again(data_dir):
    with Store.open() as store:
        class_id = store.create_class("4B")
        store.add_student(class_id, "Ana")
    with Store.open(check=True) as store:
        assert [s.name for s in store.list_students(class_id)] == ["Ana"]
        assert store.list_backups() == []


def test_migrating_an_older_file_takes_a_backup_first(tmp_path):
    path = tmp_path / "lamplight.sqlite3"
    db = sqlite_utils.Database(path)
    apply_migrations(db, up_to=1)
    db.execute("INSERT INTO classes (name, archived, created) VALUES ('Old class', 0, '2025-01-01T00:00:00+00:00')")
    db.close()
    with Store.open(tmp_path) as store:
        assert store.schema_version == LATEST_VERSION
        assert [c.name for c in store.list_classes()] == ["Old class"]
        backups = store.list_backups()
    assert [b.reason for b in backups] == ["pre-migration"]
    old = sqlite3.connect(backups[0].path)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT name FROM classes").fetchall() == [("Old class",)]
    old.close()


def test_failed_migration_leaves_the_file_at_its_version(tmp_path, monkeypatch):
    from engine.store import migrations

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + [broken])
    db = sqlite_utils.Database(tmp_path / "x.sqlite3")
    with pytest.raises(RuntimeError):
        migrations.apply_migrations(db, up_to=LATEST_VERSION + 1)
    assert schema_version(db) == LATEST_VERSION
    assert "half_done" not in db.table_names()


def test_a_file_sqlite_cannot_bring_up_to_date_is_damaged_and_a_backup_mends_it(tmp_path):
    """Review 43b: a version-7 file with a table named as version 8's stopped every start with a traceback."""
    from engine.errors import StoreDamagedError

    path = tmp_path / "lamplight.sqlite3"
    db = sqlite_utils.Database(path)
    apply_migrations(db, up_to=7)
    db.execute("CREATE TABLE kept_figures (x)")
    db.close()
    with pytest.raises(StoreDamagedError, match="could not be brought up to this version of Lamplight .*kept_figures"):
        Store.open(tmp_path)


def test_damaged_file_gives_a_clear_error(tmp_path):
    (tmp_path / "lamplight.sqlite3").write_bytes(b"this is not a database" * 200)
    with pytest.raises(LamplightError, match="damaged.*restore"):
        Store.open(tmp_path)


def test_newer_schema_is_refused(tmp_path):
    db = sqlite_utils.Database(tmp_path / "lamplight.sqlite3")
    db.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    db.close()
    with pytest.raises(LamplightError, match="newer Lamplight"):
        Store.open(tmp_path)


def test_classes_students_groups(data_dir):
    with Store.open() as store:
        class_id = store.create_class(" 4B  ")
        with pytest.raises(LamplightError, match="already exists"):
            store.create_class("4b")
        ana = store.add_student(class_id, "Ana", external_id="s1", group="Red")
        ben = store.add_student(class_id, "Ben")
        with pytest.raises(LamplightError, match="already has the id"):
            store.add_student(class_id, "Ana again", external_id="s1")
        red = store.list_groups(class_id)[0]
        assert (red.name, red.student_ids) == ("Red", (ana,))
        store.set_group_members(red.id, [ana, ben])
        assert store.get_group(red.id).student_ids == (ana, ben)
        store.update_student(ben, name="Benjamin", external_id="s2")
        assert store.student_by_external_id(class_id, "s2").name == "Benjamin"
        store.archive_class(class_id)
        assert store.list_classes() == []
        assert [c.archived for c in store.list_classes(include_archived=True)] == [True]
        store.rename_class(class_id, "5B")
        assert store.find_class("5b", include_archived=True).id == class_id


def test_an_archived_class_keeps_its_groups_and_practice_focus_as_they_were(data_dir):
    """Review 39: an archived class is kept as it was; its groups and practice focus were refused by the buttons only."""
    from engine.classroom import focus

    with Store.open() as store:
        class_id = store.create_class("4B")
        ana = store.add_student(class_id, "Ana", group="Red")
        ben = store.add_student(class_id, "Ben")
        red = store.list_groups(class_id)[0]
        focus.set_focus(store, class_id, focus.student_key(ana), ["s-1"])
        store.archive_class(class_id)
        refused = [lambda: store.create_group(class_id, "Blue", [ben]), lambda: store.rename_group(red.id, "Green"),
                   lambda: store.set_group_members(red.id, [ana, ben]), lambda: store.delete_group(red.id),
                   lambda: focus.set_focus(store, class_id, focus.student_key(ben), ["s-2"]),
                   lambda: focus.set_focus(store, class_id, focus.student_key(ana), None)]
        for change in refused:
            with pytest.raises(LamplightError, match="4B is archived: it is kept as it was"):
                change()
        assert [(g.name, g.student_ids) for g in store.list_groups(class_id)] == [("Red", (ana,))]
        assert focus.class_focus(store, class_id) == {focus.student_key(ana): ["s-1"]}
        store.archive_class(class_id, archived=False)
        store.rename_group(red.id, "Green")
        assert store.get_group(red.id).name == "Green"


def test_delete_student_removes_all_their_data(data_dir):
    with Store.open() as store:
        class_id = store.create_class("4B")
        ana, ben = store.add_student(class_id, "Ana", group="Red"), store.add_student(class_id, "Ben")
        exercise = store.add_exercise("2 + 3 = ?", "numeric", "5")
        quiz = store.create_quiz(class_id, "Monday", [exercise])
        store.set_quiz_score(quiz, ana, exercise, 1.0)
        store.record_response(ana, exercise, 0.0)
        store.record_response(ben, exercise, 1.0)
        store.delete_student(ana)
        assert [r.student_id for r in store.list_responses(class_id)] == [ben]
        assert store.list_groups(class_id)[0].student_ids == ()
        assert store.quiz_scores(quiz) == {}


def test_a_child_moved_to_another_class_takes_their_history(data_dir):
    """Review 37d: a child who changed class could only be deleted and added again, losing every answer."""
    from engine.classroom.focus import focus_for_student, set_focus, student_key

    with Store.open() as store:
        old, new = store.create_class("3A"), store.create_class("3B")
        ana = store.add_student(old, "Ana", external_id="2024001", group="Red")
        store.add_student(new, "Ben", external_id="2024002")
        exercise = store.add_exercise("2 + 3 = ?", "numeric", "5")
        quiz = store.create_quiz(old, "Monday", [exercise])
        store.set_quiz_score(quiz, ana, exercise, 1.0)
        store.record_response(ana, exercise, 0.0)
        set_focus(store, old, student_key(ana), ["addition"])
        store.move_students([ana], new)
        assert store.get_student(ana).class_id == new and store.get_student(ana).group_ids == ()
        assert sorted(r.score for r in store.list_responses(new) if r.student_id == ana) == [0.0, 1.0]
        assert store.list_responses(old) == [] and store.list_groups(old)[0].student_ids == ()
        assert store.quiz_scores(quiz) == {(ana, exercise): 1.0}, "the quiz's mark stays the child's"
        assert focus_for_student(store, new, ana) == ["addition"]
        assert store.get_setting(f"practice_focus/{old}", None) is None

        cara = store.add_student(old, "Cara", external_id="2024002")
        revision = store.data_revision()
        with pytest.raises(LamplightError, match="Ben has the student number 2024002 already; nothing was moved"):
            store.move_students([cara], new)
        store.archive_class(old)
        with pytest.raises(LamplightError, match="archived; nothing was moved"):
            store.move_students([ana], old)
        assert store.data_revision() == revision + 1 and store.get_student(cara).class_id == old


def test_a_child_who_left_the_school_keeps_her_work_in_an_archived_class(data_dir):
    """Review 51a: a child who left could only be deleted (her marks gone from the quiz totals and the marks book) or
    moved to a made-up class."""
    with Store.open() as store:
        class_id = store.create_class("3A")
        ana, ben = store.add_student(class_id, "Ana", external_id="1"), store.add_student(class_id, "Ben", external_id="2")
        exercise = store.add_exercise("2 + 3 = ?", "numeric", "5")
        quiz = store.create_quiz(class_id, "Monday", [exercise])
        store.set_quiz_score(quiz, ana, exercise, 1.0)
        leavers = store.leave_class([ana], "3A – left")
        assert [s.name for s in store.list_students(class_id)] == ["Ben"]
        assert store.get_class(leavers).archived and [s.name for s in store.list_students(leavers)] == ["Ana"]
        assert store.quiz_scores(quiz) == {(ana, exercise): 1.0}, "her mark stays on the class's quiz"
        assert store.leave_class([ben], "3A – left") == leavers and store.get_class(leavers).archived
        bea = store.add_student(class_id, "Bea", external_id="1")  # review 51e: Ana's number, given again
        store.leave_class([bea], "3A – left")
        assert {s.name: s.external_id for s in store.list_students(leavers)} == {"Ana": None, "Ben": "2", "Bea": "1"}
        used = store.create_class("Choir")  # a class of the teacher's own, even empty, is never taken
        cara = store.add_student(class_id, "Cara")
        with pytest.raises(LamplightError, match="in use; nobody was moved"):
            store.leave_class([cara], "Choir")
        assert store.get_student(cara).class_id == class_id and not store.get_class(used).archived
        long = store.leave_class([cara], "A" * 118 + " – left")
        assert len(store.get_class(long).name) == 120 and store.get_student(cara).class_id == long


def test_skills_prerequisites_and_cycles(data_dir):
    with Store.open() as store:
        count = store.add_skill("Counting")
        add = store.add_skill("Addition within 20", prerequisites=[count])
        sub = store.add_skill("Subtraction", prerequisites=[add])
        assert store.skill_prerequisites() == {count: [], add: [count], sub: [add]}
        with pytest.raises(LamplightError, match="circle") as error:
            store.update_skill(count, prerequisites=[sub])
        assert all(name in str(error.value) for name in ("Counting", "Addition within 20", "Subtraction"))
        assert store.skill_prerequisites()[count] == []
        assert store.add_skill("Counting!") == "counting-2", "a name whose id is taken gets the next id"
        with pytest.raises(LamplightError, match="already exists"):
            store.add_skill("counting")


def test_exercises_validation_and_search(data_dir):
    with Store.open() as store:
        skill = store.add_skill("Fractions")
        mc = store.add_exercise("Which is bigger?", "multiple_choice", "1/2", ["1/2", "1/3"], [skill], difficulty=2)
        store.add_exercise("Half of 12?", "numeric", "6")
        with pytest.raises(LamplightError, match="not one of the choices"):
            store.add_exercise("Pick", "multiple_choice", "3", ["1", "2"])
        with pytest.raises(LamplightError, match="not a number"):
            store.add_exercise("How many?", "numeric", "many")
        with pytest.raises(LamplightError, match="Unknown exercise kind"):
            store.add_exercise("Draw", "drawing")
        assert [e.id for e in store.search_exercises("BIGGER")] == [mc]
        assert [e.id for e in store.search_exercises(skill=skill)] == [mc]
        assert store.search_exercises("100%") == []
        store.update_exercise(mc, prompt="Which fraction is bigger?", skills=[])
        changed = store.get_exercise(mc)
        assert (changed.prompt, changed.skills, changed.choices, changed.difficulty) == ("Which fraction is bigger?", (), ("1/2", "1/3"), 2.0)


def test_responses_log_for_the_model_is_time_ordered_with_skills(data_dir):
    with Store.open() as store:
        class_id = store.create_class("4B")
        ana, ben = store.add_student(class_id, "Ana"), store.add_student(class_id, "Ben")
        skill = store.add_skill("Counting")
        e1 = store.add_exercise("1+1", "numeric", "2", skills=[skill])
        e2 = store.add_exercise("Explain", "teacher_marked")
        store.record_response(ana, e2, 0.5, time="2026-03-02T10:00:00Z")
        store.record_response(ana, e1, True, time="2026-03-01T09:00:00+01:00")
        store.record_response(ben, e1, 0, time="2026-03-01T12:00:00")
        with pytest.raises(LamplightError, match="between 0 and 1"):
            store.record_response(ben, e1, 2)
        log = store.class_log(class_id)
        assert log.student_ids == [str(ana), str(ana), str(ben)]
        assert log.item_ids == [str(e1), str(e2), str(e1)]
        assert log.skill_ids == [(skill,), (), (skill,)]
        assert log.correct.tolist() == [1.0, 0.5, 0.0]
        assert log.extra["time"][0] == "2026-03-01T08:00:00+00:00"
        assert store.answer_counts(class_id) == {ana: 2, ben: 1}


def test_settings_and_model_snapshots(data_dir):
    with Store.open() as store:
        assert store.get_setting("language", "en") == "en"
        store.set_setting("language", "zh_CN")
        store.set_setting("thresholds", {"mastery": 0.7})
        assert store.get_setting("thresholds") == {"mastery": 0.7}
        class_id = store.create_class("4B")
        first = store.save_model_snapshot("irt", weights=b"abc", class_id=class_id, metrics={"auc": 0.7}, activate=True)
        second = store.save_model_snapshot("irt", weights=b"def", class_id=class_id, activate=True)
        assert store.active_model_snapshot(class_id).id == second
        store.activate_model_snapshot(first)
        assert store.active_model_snapshot(class_id).metrics == {"auc": 0.7}
        assert store.model_snapshot_weights(first) == b"abc"
        assert [s.active for s in store.list_model_snapshots(class_id)] == [False, True]
        assert store.active_model_snapshot(None) is None


def test_a_migration_that_fails_half_way_through_its_script_leaves_nothing(tmp_path, monkeypatch):
    from engine.store import migrations

    def broken(db):
        migrations.run_script(db, "CREATE TABLE half_done (x);\nCREATE TABLE also_half (y);")
        raise RuntimeError("killed here")

    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + [broken])
    db = sqlite_utils.Database(tmp_path / "x.sqlite3")
    with pytest.raises(RuntimeError):
        migrations.apply_migrations(db, up_to=LATEST_VERSION + 1)
    assert schema_version(db) == LATEST_VERSION
    assert not {"half_done", "also_half"} & set(db.table_names())


def test_every_change_to_the_bank_moves_its_revision_whoever_writes_it(tmp_path):
    store, other = Store.open(tmp_path), Store.open(tmp_path)
    seen = [store.bank_revision()]

    def moved() -> bool:
        seen.append(store.bank_revision())
        return seen[-1] != seen[-2]

    other.add_skill("Counting", skill_id="counting")
    assert moved()
    exercise = other.add_exercise("2 + 2 = ?", "short_text", answer="4", skills=["counting"])
    assert moved()
    other.update_exercise(exercise, prompt="3 + 1 = ?")
    assert moved()
    class_id = other.create_class("4B")
    other.add_student(class_id, "Ana")
    assert not moved()  # rosters and answers are not the bank
    other.delete_exercise(exercise)
    assert moved()
    store.close(), other.close()


def test_the_write_ahead_log_shrinks_back_after_a_big_write(tmp_path):
    with Store.open(tmp_path) as store:
        class_id = store.create_class("4B")
        with store.db.conn:
            store.db.conn.executemany("INSERT INTO settings (key, value) VALUES (?, ?)",
                                      [(f"filler/{i}", "x" * 4000) for i in range(20000)])  # about 80 MB through the log
        wal = tmp_path / "lamplight.sqlite3-wal"
        assert wal.stat().st_size > 64 * 1024 * 1024
        store.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        store.add_student(class_id, "Ana")  # the next write starts the log again from its beginning
        assert wal.stat().st_size <= 64 * 1024 * 1024


def test_children_of_one_name_get_the_same_label_from_the_class_list_and_alone(data_dir):
    """The class list tells namesakes apart in one pass over the class (review 29b: a count per student took
    half a minute at 20,000 students); each label is the one the student gets when read alone."""
    with Store.open(data_dir) as store:
        class_id = store.create_class("5A")
        other = store.create_class("5B")
        store.add_student(other, "Li Na")  # another class's namesake does not count
        ids = [store.add_student(class_id, name, external_id=external)
               for name, external in [("Li Na", None), ("li na", "2024007"), ("Omar", None), ("LI NA", None), ("Émile", None),
                                      ("émile", None)]]
        listed = {s.id: s for s in store.list_students(class_id)}
        assert [listed[i].label for i in ids] == ["Li Na (1)", "li na (2024007)", "Omar", "LI NA (3)", "Émile", "émile"]
        assert all(store.get_student(i) == listed[i] for i in ids)
        assert store.list_students(other)[0].label == "Li Na"
