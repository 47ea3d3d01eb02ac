"""Backups: consistent copies, restore gives identical rows, rotation keeps 7 daily + 4 weekly."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from engine.errors import LamplightError
from engine.store import Store


def table_rows(store: Store) -> dict[str, list[tuple]]:
    tables = [t for t in store.db.table_names() if not t.startswith("sqlite_") and t != "revisions"]  # a restore goes on
    # counting from above the data it replaced (not data itself)
    return {t: store.db.execute(f"SELECT * FROM [{t}] ORDER BY rowid").fetchall() for t in tables}


def small_class(store: Store) -> int:
    class_id = store.create_class("4B")
    skill = store.add_skill("Counting")
    exercise = store.add_exercise("1 + 1", "numeric", "2", skills=[skill])
    for n in range(5):
        student = store.add_student(class_id, f"Student {n}", external_id=f"s{n}")
        store.record_response(student, exercise, n % 2, time=f"2026-03-0{n + 1}T09:00:00Z")
    store.set_setting("language", "zh_CN")
    store.save_model_snapshot("irt", weights=b"\x00\x01weights", class_id=class_id, activate=True)
    return class_id


def test_backup_then_restore_gives_identical_rows(data_dir):
    with Store.open() as store:
        class_id = small_class(store)
        before = table_rows(store)
        backup = store.backup_now()
        store.delete_student(store.list_students(class_id)[0].id)
        store.add_student(class_id, "Late arrival")
        store.set_setting("language", "en")
        assert table_rows(store) != before
        safety = store.restore(backup)
        assert table_rows(store) == before
        assert Path(safety).name.endswith("-pre-restore.sqlite3")
    with Store.open(check=True) as reopened:
        assert table_rows(reopened) == before
        assert reopened.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_the_group_a_quiz_was_given_to_comes_back_on_another_laptop(tmp_path):
    """Review 35d: the group was kept with the app's settings, so a restored quiz showed the whole class."""
    with Store.open(tmp_path / "laptop A") as store:
        class_id = small_class(store)
        students = [s.id for s in store.list_students(class_id)]
        group = store.create_group(class_id, "Red readers", students[:2])
        quiz = store.create_quiz(class_id, "Fractions", [store.list_exercises()[0].id])
        store.set_quiz_group(quiz, group)
        backup = store.backup_now("manual")
    with Store.open(tmp_path / "laptop B") as other:
        other.restore(backup)
        assert other.quiz_group(quiz) == group


def test_a_quiz_given_to_a_deleted_group_goes_back_to_the_whole_class_and_not_to_the_next_group(tmp_path):
    """Review 36b: the group was a setting by id; SQLite gave a deleted group's id to the next group made, and the
    quiz showed that group's rows, hiding the marks of the children it was given to."""
    with Store.open(tmp_path) as store:
        class_id = small_class(store)
        students = [s.id for s in store.list_students(class_id)]
        red = store.create_group(class_id, "Red", students[:2])
        quiz = store.create_quiz(class_id, "Fractions", [store.list_exercises()[0].id])
        store.set_quiz_group(quiz, red)
        store.delete_group(red)
        blue = store.create_group(class_id, "Blue", students[2:])
        assert blue == red, "the id is given again (what made the hole)"
        assert store.quiz_group(quiz) is None
        other_class = store.create_class("Other")
        theirs = store.create_group(other_class, "Theirs", [])
        with pytest.raises(LamplightError):
            store.set_quiz_group(quiz, theirs)  # a group of another class
        assert store.quiz_group(quiz) is None


def test_a_quiz_group_kept_as_a_setting_moves_onto_the_quiz(tmp_path):
    """Files of version 8 kept the group as the setting quiz_group/ID; it moves onto the quiz, where its group exists."""
    import sqlite_utils

    from engine.store.migrations import apply_migrations

    db = sqlite_utils.Database(tmp_path / "old.db")
    db.execute("PRAGMA foreign_keys = ON")
    apply_migrations(db, up_to=8)
    db.execute("INSERT INTO classes (id, name, created) VALUES (1, 'A', '2026-01-01'), (2, 'B', '2026-01-01')")
    db.execute("INSERT INTO groups (id, class_id, name) VALUES (5, 1, 'Red'), (6, 2, 'Theirs')")
    db.execute("INSERT INTO quizzes (id, class_id, title, kind, created) VALUES (1, 1, 'Q', 'quiz', '2026-01-01'), "
               "(2, 1, 'R', 'quiz', '2026-01-01'), (3, 1, 'S', 'quiz', '2026-01-01')")
    db.execute("INSERT INTO settings (key, value) VALUES ('quiz_group/1', '5'), ('quiz_group/2', '6'), ('quiz_group/3', '9'), "
               "('language', '\"en\"')")
    apply_migrations(db)
    assert db.execute("SELECT id, group_id FROM quizzes ORDER BY id").fetchall() == [(1, 5), (2, None), (3, None)]
    assert [k for (k,) in db.execute("SELECT key FROM settings")] == ["language"]


def rebuilt(conn, table: str, edit) -> str:
    """SQL that rebuilds ``table`` from its CREATE TABLE statement changed by ``edit``, its rows, triggers and indexes
    put back."""
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    others = [r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('trigger', 'index') "
                                         "AND sql IS NOT NULL", [table])]
    changed = edit(sql).replace(f"CREATE TABLE {table}", f"CREATE TABLE {table}_bare", 1)
    return ";\n".join(["PRAGMA foreign_keys = OFF", changed, f"INSERT INTO {table}_bare SELECT * FROM {table}", f"DROP TABLE {table}",
                        f"ALTER TABLE {table}_bare RENAME TO {table}", *others]) + ";"


def without_checks(conn, table: str) -> str:
    """SQL that rebuilds ``table`` as it is but without its CHECK constraints (review 27e: answers scored 7 could then
    be restored)."""
    import re

    return rebuilt(conn, table, lambda sql: re.sub(r"CHECK \((?:[^()]|\([^()]*\))*\)", "", sql))


@pytest.mark.parametrize("tamper, said", [
    ("CREATE TRIGGER wipe AFTER INSERT ON responses BEGIN DELETE FROM students; END;", "trigger wipe"),
    ("DROP TRIGGER responses_insert_bumps_data; CREATE TRIGGER responses_insert_bumps_data AFTER INSERT ON responses "
     "BEGIN DELETE FROM students; END;", "trigger responses_insert_bumps_data"),
    ("ALTER TABLE students ADD COLUMN note TEXT;", "table students"),
    ("DROP TABLE group_members;", "missing table group_members"),
    ("DROP TRIGGER responses_insert_bumps_data;", "missing trigger responses_insert_bumps_data"),
    ("CREATE TABLE s2 AS SELECT * FROM students; DROP TABLE students; ALTER TABLE s2 RENAME TO students;", "table students"),
    (lambda conn: without_checks(conn, "responses"), "table responses"),
    # review 37b: restored, these failed a child's second answer and the next student added ("damaged … recover")
    ("CREATE UNIQUE INDEX one_each ON responses (student_id) WHERE id > 1;", "index one_each"),
    ("CREATE INDEX names_json ON students (json(name)) WHERE id > 100;", "index names_json"),
    ("ALTER TABLE students ADD COLUMN trap TEXT GENERATED ALWAYS AS (CASE WHEN id > 100 THEN json(name) END) VIRTUAL;",
     "table students"),
    ("DROP INDEX responses_by_student;", "missing index responses_by_student"),
    ("ANALYZE;", "table sqlite_stat1 not Lamplight's"),  # review 43b: statistics that steer SQLite's plans
    # review 43b: student numbers rebuilt case-blind (pragmas do not show a collation)
    (lambda conn: rebuilt(conn, "students", lambda sql: sql.replace("external_id TEXT", "external_id TEXT COLLATE NOCASE")),
     "collate nocase"),
])
def test_a_backup_whose_schema_another_program_changed_is_refused_before_anything_changes(data_dir, tamper, said):
    import sqlite3

    from engine.store.backup import schema_differences
    from engine.store.migrations import LATEST_VERSION

    with Store.open() as store:
        small_class(store)
        backup = store.backup_now()
        with sqlite3.connect(backup) as conn:
            conn.executescript(tamper if isinstance(tamper, str) else tamper(conn))
            assert any(said in problem for problem in schema_differences(conn, LATEST_VERSION))
        before = table_rows(store)
        with pytest.raises(LamplightError, match="another program changed its tables"):
            store.restore(backup)
        assert table_rows(store) == before
        extra = store.backup_now()
        with sqlite3.connect(extra) as conn:  # review 43b: an older backup's extra table failed its update, or got
            conn.executescript("CREATE TABLE my_notes (x);")  # triggers that made every later backup refused
        with pytest.raises(LamplightError, match="another program changed its tables"):
            store.restore(extra)
        assert table_rows(store) == before


@pytest.mark.parametrize("tamper, said", [
    ("UPDATE exercises SET choices = '{oops'", "exercises.choices"),
    ("UPDATE exercises SET params = '[1'", "exercises.params"),
    ("UPDATE exercises SET choices = '\"A\"'", "exercises.choices: 2 values are not JSON array"),
    ("UPDATE responses SET time = 'yesterday' WHERE id = 2", "responses.time: 'yesterday' is not a time"),
    ("UPDATE settings SET value = 'ten'", "settings.value"),
    # review 29d: valid JSON where a password hash or the idle minutes belong locked the teacher out
    ("INSERT INTO settings VALUES ('teacher_password_hash', '\"x\"')", "setting teacher_password_hash"),
    # review 43b: a million Argon2 passes froze the app at the first typed password (about 13 hours)
    ("INSERT INTO settings VALUES ('recovery_key_hash', '\"$argon2id$v=19$m=65536,t=1000000,p=4$c2FsdHNhbHRz$aGFzaGhhc2g\"')",
     "setting recovery_key_hash"),
    ("INSERT INTO settings VALUES ('idle_lock_minutes', '1e300')", "setting idle_lock_minutes"),
    ("INSERT INTO settings VALUES ('idle_lock_minutes', '\"ten\"')", "setting idle_lock_minutes"),
    ("INSERT INTO settings VALUES ('district_key_file', '[\"/dev/zero\"]')", "setting district_key_file"),  # review 30b
    ("UPDATE model_snapshots SET metrics = 'x'", "model_snapshots.metrics"),
    ("PRAGMA foreign_keys = OFF; UPDATE students SET class_id = 999 WHERE external_id = 's1'", "refers to a missing classes row"),
    ("INSERT INTO templates VALUES ('t1', 'T', '{\"id\": 3}')", "template t1"),
    ("INSERT INTO templates VALUES ('t2', 'T', '{\"a\": ' || replace(hex(zeroblob(999)), '00', '[') || "
     "replace(hex(zeroblob(999)), '00', ']') || '}')", "templates.spec: not accepted"),  # review 29c: 1,000 deep raised RecursionError
    # review 31b: what a pack is refused for came in by a restore (an 80,000-character prompt: a minute per quiz PDF)
    ("UPDATE exercises SET prompt = hex(zeroblob(40000))", "exercises: 2 exercises far longer than Lamplight keeps"),
    ("UPDATE exercises SET choices = '[' || replace(hex(zeroblob(130)), '00', '\"x\",') || '\"y\"]' WHERE kind = 'multiple_choice'",
     "exercises: 1 exercises far longer"),
    ("INSERT INTO exercise_texts VALUES (1, 'zh_CN', NULL, hex(zeroblob(50000)), NULL)", "exercise_texts: 1 exercises"),
    ("UPDATE revisions SET value = 9223372036854775806", "revisions.value"),  # review 37e: the figures never went stale
    ("UPDATE revisions SET value = 'abc'", "revisions.value"),
    ("UPDATE students SET name = '' WHERE external_id = 's1'", "students.name: 1 empty names"),  # review 38a
    ("UPDATE classes SET name = '   '", "classes.name: 1 empty names"),
    # review 37b: a template a pack is refused for (formatting a text 1.9 GB wide) came in by a restore
    ("INSERT INTO templates VALUES ('t3', 'T', '" + json.dumps({
        "id": "t3", "kind": "numeric", "skills": ["s"], "params": {"a": [[1, 9]] * 5},
        "let": {"n1": "('%1900000000d' % a) == 'x'"}, "prompt": "{a} = ?", "answer": "{a}"}).replace("'", "''") + "')",
     "template t3"),
])
def test_a_backup_holding_values_lamplight_never_writes_is_refused_before_anything_changes(data_dir, tamper, said):
    """Review 29b: choices that were not JSON, an answer dated "yesterday" or a setting that was not JSON were
    restored, and the bank, the dashboard and the start-up lock broke afterwards."""
    import sqlite3

    from engine.store.backup_values import value_problems

    with Store.open() as store:
        small_class(store)
        store.add_exercise("Pick one", "multiple_choice", "A", choices=["A", "B"])
        backup = store.backup_now()
        with sqlite3.connect(backup) as conn:
            assert value_problems(conn) == [], "Lamplight's own backup holds only its own values"
            conn.executescript(tamper)
            assert any(said in problem for problem in value_problems(conn)), value_problems(conn)
        before = table_rows(store)
        with pytest.raises(LamplightError, match="another program changed what it holds"):
            store.restore(backup)
        assert table_rows(store) == before


def test_a_backup_with_a_long_prompt_an_older_lamplight_allowed_is_still_a_good_backup(data_dir):
    """Review 31c: the limits of 28e, applied to backups, refused every backup of a bank holding a 6,700-character
    prompt typed before them, and recovery found none."""
    from engine.security import recovery

    with Store.open() as store:
        small_class(store)
        store.db.execute("UPDATE exercises SET prompt = ?", ["Read the story. " * 420])
        store.backup_now()
    assert recovery.latest_good_backup(data_dir) is not None


def test_a_newer_lamplights_backup_is_said_to_be_one_whatever_it_holds(data_dir):
    """Review 29c: a schema-9 backup with a value this version does not know was called "changed by another program"."""
    import sqlite3

    with Store.open() as store:
        small_class(store)
        backup = store.backup_now()
        with sqlite3.connect(backup) as conn:
            conn.executescript("UPDATE settings SET value = 'a new kind of value'; PRAGMA user_version = 99;")
        with pytest.raises(LamplightError, match="made by a newer Lamplight"):
            store.restore(backup)


def test_restore_is_seen_by_another_open_store(data_dir):
    with Store.open() as store, Store.open() as other:
        class_id = small_class(store)
        backup = store.backup_now()
        store.delete_class(class_id)
        assert other.list_classes() == []
        store.restore(backup)
        assert [c.name for c in other.list_classes()] == ["4B"]


def test_backup_file_is_self_contained(data_dir):
    with Store.open() as store:
        small_class(store)
        backup = store.backup_now()
    assert not Path(str(backup) + "-wal").exists()
    with Store.open_file(backup, data_dir / "elsewhere", check=True) as copy:
        assert copy.counts()["responses"] == 5


def test_restore_refuses_a_damaged_backup_and_changes_nothing(data_dir):
    with Store.open() as store:
        small_class(store)
        before = table_rows(store)
        bad = data_dir / "backups" / "lamplight-20260101T000000Z-manual.sqlite3"
        bad.parent.mkdir(exist_ok=True)
        bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
        with pytest.raises(LamplightError, match="damaged|not a readable"):
            store.restore(bad)
        with pytest.raises(LamplightError, match="no such backup"):
            store.restore(data_dir / "missing.sqlite3")
        assert table_rows(store) == before
        assert all(b.reason != "pre-restore" for b in store.list_backups())


def test_rotation_keeps_seven_daily_and_four_weekly(data_dir):
    start = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)  # a Monday
    with Store.open() as store:
        for day in range(40):
            made = store.maybe_scheduled_backup(now=start + timedelta(days=day))
            assert made is not None
            assert store.maybe_scheduled_backup(now=start + timedelta(days=day, hours=3)) is None  # once a day
        store.backup_now("manual")
        kept = store.list_backups()
    auto_days = sorted(b.created[:10] for b in kept if b.reason == "auto")
    last = (start + timedelta(days=39)).date()  # Friday 2026-02-13
    daily = {(last - timedelta(days=n)).isoformat() for n in range(7)}
    # newest backup of each of the 4 newest ISO weeks: this week (its newest is today) and the 3 Sundays before
    weekly = {last.isoformat()} | {(last - timedelta(days=last.weekday() + 1 + 7 * n)).isoformat() for n in range(3)}
    assert auto_days == sorted(daily | weekly)
    assert len(auto_days) == 9  # Sunday 8 Feb is both a daily and a weekly keeper
    assert [b.reason for b in kept].count("manual") == 1


def test_the_day_s_work_gets_a_backup_of_its_own_before_the_next_start(data_dir):
    """Review 37h: the first start backs up an empty store; the app asks again every half hour (``unsaved_too``)
    and a backup is made only when no daily backup holds the data as it is; rotation keeps the newest of the day."""
    from engine.store.backup import data_revision

    morning = datetime(2026, 9, 1, 8, 0, tzinfo=timezone.utc)
    with Store.open() as store:
        first = store.maybe_scheduled_backup(now=morning)
        assert store.maybe_scheduled_backup(now=morning + timedelta(minutes=30), unsaved_too=True) is None
        small_class(store)
        made = store.maybe_scheduled_backup(now=morning + timedelta(hours=1), unsaved_too=True)
        assert made is not None and data_revision(made) == store.data_revision()
        assert store.maybe_scheduled_backup(now=morning + timedelta(hours=2), unsaved_too=True) is None
        assert store.maybe_scheduled_backup(now=morning + timedelta(hours=2)) is None, "today's daily backup is there"
        store.maybe_scheduled_backup(now=morning + timedelta(days=1))
        kept = {b.path for b in store.list_backups()}
    assert str(made) in kept, "the day's newest backup holds its work"
    assert first is not None


def test_a_clock_set_back_keeps_the_backup_it_just_made(data_dir):
    """Review 28b: after a month of backups the laptop's clock fell back to 2000 (a flat CMOS battery): each start's
    backup, dated before all the others, was deleted as soon as it was made."""
    start = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
    with Store.open() as store:
        for day in range(35):
            store.maybe_scheduled_backup(now=start + timedelta(days=day))
        class_id = store.create_class("After the clock fell back")
        made = store.maybe_scheduled_backup(now=datetime(2000, 1, 1, 8, 0, tzinfo=timezone.utc))
        assert made is not None and made.exists()
        store.add_student(class_id, "Ana")
        second = store.maybe_scheduled_backup(now=datetime(2000, 1, 2, 8, 0, tzinfo=timezone.utc))
        assert second.exists(), "the latest data always has a backup"


def test_with_the_clock_set_back_the_last_seven_days_of_backups_are_kept(data_dir):
    """Review 36b: with the clock set back, the backup of each day before was deleted by the next start's rotation
    (its name dated it before a month of older backups), so only the latest data had a backup."""
    from engine.store.backup import data_revision

    start = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
    wrong = datetime(2000, 1, 1, 8, 0, tzinfo=timezone.utc)
    with Store.open() as store:
        for day in range(35):
            store.maybe_scheduled_backup(now=start + timedelta(days=day))
        class_id = store.create_class("After the clock fell back")
        days = []
        for day in range(9):
            store.add_student(class_id, f"Child {day}")
            days.append(store.data_revision())
            store.maybe_scheduled_backup(now=wrong + timedelta(days=day))
            assert store.maybe_scheduled_backup(now=wrong + timedelta(days=day, hours=2)) is None  # a second start
        held = {data_revision(Path(b.path)) for b in store.list_backups() if b.reason == "auto"}
    assert set(days[-7:]) <= held, "the data of each of the last seven days has its backup"


@pytest.mark.parametrize("back", [timedelta(days=3), timedelta(days=10), timedelta(days=3, hours=-7)])
def test_with_the_clock_set_back_days_each_day_s_work_gets_its_backup(data_dir, back):
    """Review 37c: set back ten days, each "today" already had a backup (from ten days before), so for a week the
    latest data was in no backup."""
    from engine.store.backup import data_revision

    start = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
    with Store.open() as store:
        class_id = store.create_class("4B")
        days = []
        for day in range(44):  # a child added each day; the clock goes back on day 35 (3 days less 7 hours: a later hour)
            store.add_student(class_id, f"Child {day}")
            days.append(store.data_revision())
            now = start + timedelta(days=day) - (back if day >= 35 else timedelta(0))
            store.maybe_scheduled_backup(now=now)
            if day < 35:
                continue
            held = {data_revision(Path(b.path)) for b in store.list_backups() if b.reason == "auto"}
            assert store.data_revision() in held, f"day {day}: the day's data has a backup"
            assert store.maybe_scheduled_backup(now=now + timedelta(hours=2)) is None, "nothing changed: no second one"
            for start_again in (3, 4, 5):  # review 37g: work between starts made a backup each, pushing the days out
                store.add_student(class_id, f"Child {day} {start_again}")
                store.maybe_scheduled_backup(now=now + timedelta(hours=start_again))
        held = {data_revision(Path(b.path)) for b in store.list_backups() if b.reason == "auto"}
        assert len(held & set(days[-7:])) == 7, "each of the last seven days' first data still has its backup"


@pytest.mark.parametrize("craft", [
    ("lamplight-20261399T000000Z-auto.sqlite3", None),  # a date that is not one
    ("lamplight-20200101T000000Z-auto.sqlite3", "DROP TABLE revisions; CREATE VIEW revisions AS WITH RECURSIVE n(x) AS "
     "(SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT 'data' AS name, x AS value FROM n WHERE x < 0;"),  # never ends
    ("lamplight-20200101T000000Z-auto.sqlite3", "UPDATE revisions SET value = 'abc';"),
])
def test_a_crafted_file_in_the_backups_folder_stops_neither_the_daily_backup_nor_recovery(data_dir, craft):
    """Review 37e: one such file made every start's daily backup fail (or run for ever, so that every restore
    was refused as "still finishing work"), and recovery, restore and doctor stop with a traceback."""
    import shutil
    import sqlite3

    from engine.security import recovery

    name, script = craft
    with Store.open() as store:
        small_class(store)
        made = store.backup_now("manual")
        crafted = store.backup_dir / name
        shutil.copyfile(made, crafted)
        if script:
            with sqlite3.connect(crafted) as conn:
                conn.executescript(script)
        store.create_class("After")
        assert store.maybe_scheduled_backup(now=datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)) is not None
        assert store.maybe_scheduled_backup(now=datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)) is None
    assert recovery.latest_good_backup(data_dir) is not None


def test_a_backup_the_folder_cannot_read_does_not_stop_the_daily_backup(data_dir, monkeypatch):
    """Rotation reads the data revision inside each daily backup; one it cannot open (locked, another key) is
    ranked by its date instead of failing the day's backup."""
    from engine.store import backup

    start = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)  # a Monday
    with Store.open() as store:
        for day in range(12):
            store.maybe_scheduled_backup(now=start + timedelta(days=day))

        def locked(path):
            raise LamplightError(f"The data file {path} is encrypted and locked")

        monkeypatch.setattr(backup, "data_revision", locked)
        assert store.maybe_scheduled_backup(now=start + timedelta(days=12)) is not None
        assert store.maybe_scheduled_backup(now=start + timedelta(days=12, hours=2)) is None, "today's is there"
        days = sorted(b.created[:10] for b in store.list_backups() if b.reason == "auto")
    # by date (no revision could be read): the last 7 days, which hold the newest of both weeks too
    assert days == [(start + timedelta(days=d)).date().isoformat() for d in range(6, 13)]


@pytest.mark.parametrize("wrong", [datetime(2025, 11, 11, 8, 0, tzinfo=timezone.utc), datetime(2027, 11, 11, 8, 0, tzinfo=timezone.utc)])
def test_whatever_the_clock_said_recovery_offers_the_latest_data(data_dir, wrong):
    """Review 31b: ten days with a right clock, then a fortnight a year behind: recovery offered the backup of ten days
    ago as the latest (its name said so). Review 31c: naming new backups after the newest instead froze every name a
    year ahead once the clock had been set forward, then fixed. Recovery goes by the data each backup holds."""
    from engine.security import recovery

    right = datetime(2026, 11, 1, 8, 0, tzinfo=timezone.utc)
    with Store.open() as store:
        for day in range(10):
            store.create_class(f"Right clock {day}")
            store.maybe_scheduled_backup(now=right + timedelta(days=day))
        store.create_class("Wrong clock")
        store.maybe_scheduled_backup(now=wrong)
        for day in range(10, 15):  # the clock is right again (or still wrong: the same)
            store.create_class(f"Right clock {day}")
            made = store.maybe_scheduled_backup(now=right + timedelta(days=day))
            assert made is not None and made.name.startswith(f"lamplight-{(right + timedelta(days=day)):%Y%m%d}"), made
    offered = recovery.latest_good_backup(data_dir)
    with Store.open(data_dir) as store:
        store.restore(offered.path)
        assert len(store.list_classes()) == 16, "the backup offered holds the last day's data"


def test_after_a_restore_later_backups_rank_above_the_safety_copy_of_what_it_replaced(data_dir):
    from engine.security import recovery

    with Store.open() as store:
        store.create_class("A")
        first = store.backup_now("manual")
        for name in ("B", "C", "D"):
            store.create_class(name)
        store.restore(first)  # the teacher went back on purpose: "pre-restore" holds A-D
        store.create_class("E")
        store.backup_now("manual")
    with Store.open(data_dir) as store:
        store.restore(recovery.latest_good_backup(data_dir).path)
        assert sorted(c.name for c in store.list_classes()) == ["A", "E"]


def test_rotation_keeps_the_newest_ten_manual_backups(data_dir):
    start = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
    with Store.open() as store:
        made = [store.backup_now("manual", now=start + timedelta(minutes=n)) for n in range(12)]
        store.maybe_scheduled_backup(now=start + timedelta(hours=1))
        kept = {Path(b.path) for b in store.list_backups() if b.reason == "manual"}
    assert kept == set(made[2:])


@pytest.mark.parametrize("extra", ["kept_figures", '"my notes"', "notes"])
def test_an_older_backup_with_a_table_not_lamplights_is_refused_and_nothing_changes(data_dir, tmp_path, extra):
    """Review 43b: a version-7 backup with a table named as version 8's (or with a space in its name) failed its
    update after the copy, leaving data that never opened again; one with a harmless extra table got update triggers
    that made every later backup refused."""
    import sqlite3

    import sqlite_utils

    from engine.store.migrations import apply_migrations

    old = tmp_path / "old.sqlite3"
    db = sqlite_utils.Database(sqlite3.connect(old))
    apply_migrations(db, up_to=7)
    db.execute("INSERT INTO classes (name, archived, created) VALUES ('Crafted', 0, '2026-12-01T10:00:00+00:00')")
    db.execute(f"CREATE TABLE {extra} (x)")
    db.conn.commit()
    db.conn.close()
    with Store.open() as store:
        small_class(store)
        before = table_rows(store)
        with pytest.raises(LamplightError, match="another program changed its tables"):
            store.restore(old)
        assert table_rows(store) == before
        from engine.store.backup import check_backup

        check_backup(store.backup_now())  # later backups still good


def test_a_backup_that_cannot_be_brought_up_to_date_leaves_the_data_as_it_was(data_dir, tmp_path, monkeypatch):
    """Should an update of a restored file fail after its pages were copied, the data is put back from the safety
    backup and the teacher is told (review 43b: the file stayed half updated and never opened again)."""
    import sqlite3

    from engine.store import core
    from engine.store.migrations import apply_migrations

    with Store.open(data_dir) as store:
        small_class(store)
        backup = store.backup_now()
        store.create_class("Made after the backup")
        before = table_rows(store)

        def failing(db, up_to=None):
            raise sqlite3.OperationalError("table kept_figures already exists")

        monkeypatch.setattr(core, "apply_migrations", failing)
        with pytest.raises(LamplightError, match="could not bring the backup up to date, so it is not used; the data is as it was"):
            store.restore(backup)
        assert table_rows(store) == before
    monkeypatch.setattr(core, "apply_migrations", apply_migrations)
    with Store.open(data_dir, check=True) as store:
        assert "Made after the backup" in [c.name for c in store.list_classes()]
