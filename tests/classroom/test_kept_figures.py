"""The class dashboard's figures kept with the data: shown again after a start on unchanged data, never once it changed."""
import json
import zlib
from dataclasses import asdict

import pytest

from engine.classroom import Classroom, live
from engine.classroom.dashboard import FIGURES_FORMAT
from engine.store import Store
from tests.classroom.test_classroom import _class_with_answers, quick_model, room  # noqa: F401 (fixtures)


def _as_text(figures) -> str:
    return json.dumps(asdict(figures), default=str, sort_keys=True)


def _started_again(room: Classroom) -> Classroom:
    """The same data folder as a newly started app sees it: nothing in memory, a new connection."""
    live.forget()
    return Classroom(Store.open(room.store.path.parent), room.language)


def test_after_a_start_the_kept_figures_are_shown_without_reading_the_class(room, quick_model):
    class_id, _, _ = _class_with_answers(room.store)
    worked_out = room.dashboard(class_id)  # the first look calibrates the class and stores that with it
    assert room.store.db.execute("SELECT count(*) FROM kept_figures").fetchone()[0] == 0, "a look alone keeps nothing"
    assert room.keep_dashboard(class_id), "kept as the app closes"
    assert not room.keep_dashboard(class_id), "already kept for the data as it is"
    again = _started_again(room)
    shown = again.dashboard(class_id)
    assert _as_text(shown) == _as_text(worked_out), "the same figures, progress dates, NaN accuracy and all"
    assert not live.is_kept(again.store, class_id), "read from what was kept, not from a year of answers"
    assert shown.progress and shown.mastery.cells and shown.student_names


@pytest.mark.parametrize("change", ["answer", "rename", "new student", "setting", "mark changed"])
def test_any_change_to_the_data_means_working_them_out_again(room, quick_model, change):
    class_id, ana, ben = _class_with_answers(room.store)
    before = room.dashboard(class_id)
    room.keep_dashboard(class_id)
    assert room.store.db.execute("SELECT count(*) FROM kept_figures").fetchone()[0] == 1
    store = room.store
    exercise = store.list_exercises()[0].id
    if change == "answer":
        store.record_response(ben, exercise, 1.0, time="2026-03-05T10:00:00+00:00", source="paper")
    elif change == "rename":
        store.update_student(ana, name="Ana María")
    elif change == "new student":
        store.add_student(class_id, "Chen")
    elif change == "setting":
        store.set_setting("anything", 1)
    else:
        store.db.execute("UPDATE responses SET score = 0.0 WHERE student_id = ? AND id = (SELECT min(id) FROM responses "
                         "WHERE student_id = ?)", [ana, ana])
    again = _started_again(room)
    shown = again.dashboard(class_id)
    assert live.is_kept(again.store, class_id), "worked out from the answers"
    if change != "setting":  # a setting no figure reads: worked out again all the same, to the same figures
        assert _as_text(shown) != _as_text(before)
    if change == "answer":
        assert shown.answers == before.answers + 1
    if change == "rename":
        assert "Ana María" in shown.student_names.values()


def test_a_start_in_another_language_or_code_version_works_them_out_again(room, quick_model, monkeypatch):
    class_id, _, _ = _class_with_answers(room.store)
    room.dashboard(class_id)
    assert room.keep_dashboard(class_id)
    chinese = _started_again(room)
    chinese.language = "zh_CN"
    chinese.dashboard(class_id)
    assert live.is_kept(chinese.store, class_id)
    monkeypatch.setattr("engine.classroom.dashboard.FIGURES_FORMAT", FIGURES_FORMAT + 1)
    newer = _started_again(room)
    newer.dashboard(class_id)
    assert live.is_kept(newer.store, class_id)


@pytest.mark.parametrize("damage", ["not zlib", "nested 200,000 deep", "unpacks past the limit", "a list"])
def test_damaged_kept_figures_are_worked_out_again_without_an_error(room, quick_model, monkeypatch, damage):
    """Review 30b: figures nested 200,000 deep raised RecursionError on the dashboard; a zlib bomb unpacked whole."""
    class_id, _, _ = _class_with_answers(room.store)
    worked_out = room.dashboard(class_id)
    assert room.keep_dashboard(class_id)
    monkeypatch.setattr("engine.classroom.dashboard.MAX_KEPT_BYTES", 10_000)
    figures = {"not zlib": b"not zlib at all", "nested 200,000 deep": zlib.compress(b"[" * 200_000),
               "unpacks past the limit": zlib.compress(b'{"a": "' + b" " * 20_000 + b'"}'), "a list": zlib.compress(b"[1, 2]")}
    room.store.db.execute("UPDATE kept_figures SET figures = ?", [figures[damage]])
    again = _started_again(room)
    assert _as_text(again.dashboard(class_id)) == _as_text(worked_out)
    assert live.is_kept(again.store, class_id)


def test_keeping_figures_does_not_count_as_a_change_and_goes_with_its_class(room, quick_model):
    class_id, _, _ = _class_with_answers(room.store)
    room.dashboard(class_id)
    revision = room.store.data_revision()
    room.store.keep_figures(class_id, "another mark", b"x")
    assert room.store.data_revision() == revision
    room.store.delete_class(class_id)
    assert room.store.db.execute("SELECT count(*) FROM kept_figures").fetchone()[0] == 0


def test_an_older_data_file_gains_the_data_revision_and_every_table_bumps_it(tmp_path):
    import sqlite3

    import sqlite_utils

    from engine.store.migrations import apply_migrations

    db = sqlite_utils.Database(sqlite3.connect(tmp_path / "old.sqlite3"))
    apply_migrations(db, up_to=7)
    db.execute("INSERT INTO classes (name, created) VALUES ('4B', '2026-01-01')")
    db.conn.commit()
    assert apply_migrations(db, up_to=8) == [8]
    revision = lambda: db.execute("SELECT value FROM revisions WHERE name = 'data'").fetchone()[0]  # noqa: E731
    assert revision() == 0
    db.execute("INSERT INTO students (class_id, name, created) SELECT id, 'Ana', '2026-01-01' FROM classes")
    db.execute("UPDATE classes SET name = '4C'")
    db.execute("DELETE FROM students")
    assert revision() == 3
    watched = {row[0] for row in db.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' "
                                             "AND name LIKE '%bumps_data'")}
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert watched == tables - {"revisions", "kept_figures"}, "every table of the data, three triggers each"


def test_a_restored_backup_s_kept_figures_are_never_shown(room, quick_model):
    """Review 30b: a backup's kept figures, edited to name a child of no class, passed the restore's checks and were
    shown on the dashboard after the next start. A restore drops them: they are worked out from the restored answers."""
    class_id, _, _ = _class_with_answers(room.store)
    room.dashboard(class_id)
    assert room.keep_dashboard(class_id)
    [(mark, packed)] = room.store.db.execute("SELECT mark, figures FROM kept_figures").fetchall()
    plain = json.loads(zlib.decompress(packed))
    plain["student_names"] = {key: "Zoe Stranger" for key in plain["student_names"]}
    room.store.keep_figures(class_id, mark, zlib.compress(json.dumps(plain).encode()))
    backup = room.store.backup_now("manual")
    room.restore(backup)
    assert room.store.db.execute("SELECT count(*) FROM kept_figures").fetchone()[0] == 0
    shown = _started_again(room).dashboard(class_id)
    assert "Zoe Stranger" not in shown.student_names.values()
    assert sorted(shown.student_names.values()) == sorted(s.name for s in room.store.list_students(class_id))
