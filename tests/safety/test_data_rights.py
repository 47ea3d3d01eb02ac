"""Delete a student everywhere, export one student's data, share a class under pseudonyms."""
from __future__ import annotations

import csv
import json

import pytest

from engine import paths
from engine.errors import LamplightError
from engine.security import data_rights
from engine.store import Store

LEAVER = "Xochitl Quetzalli"


def make_class(store: Store) -> tuple[int, int, int]:
    class_id = store.create_class("5C")
    leaver = store.add_student(class_id, LEAVER, external_id="ext-leaver-77")
    stayer = store.add_student(class_id, "Bao Tran", external_id="ext-stayer-12")
    skill = store.add_skill("Fractions", skill_id="fractions")
    exercises = [store.add_exercise(f"1/{n} + 1/{n} = ?", "short_text", f"2/{n}", skills=[skill], key=f"frac-{n}") for n in range(2, 8)]
    for i, exercise in enumerate(exercises):
        store.record_response(leaver, exercise, i % 2, answer=f"my name is {LEAVER}", source="practice")
        store.record_response(stayer, exercise, 1.0, answer="2/3", source="paper")
    return class_id, leaver, stayer


def file_bytes(folder) -> bytes:
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.is_file())


def test_deleting_a_student_leaves_no_trace_in_the_store_files(data_dir):
    with Store.open(data_dir) as store:
        class_id, leaver, stayer = make_class(store)
        old_backup = store.backup_now("manual")
        store.db.conn.execute("PRAGMA secure_delete = OFF")  # the default of many SQLite builds (Windows Python)
        report = data_rights.delete_student_everywhere(store, leaver)
        assert report.answers_deleted == 6
        assert report.backups_holding_student == [str(old_backup)] and report.backups_purged == []
        assert [s.id for s in store.list_students(class_id)] == [stayer]
        assert store.list_responses(student_id=leaver) == []
        assert len(store.list_responses(class_id=class_id)) == 6
    assert LEAVER.encode() not in file_bytes(data_dir)       # store file, WAL and SHM
    assert b"ext-leaver-77" not in file_bytes(data_dir)
    assert LEAVER.encode() in old_backup.read_bytes()          # the backup still holds them (until purged)


def test_a_read_in_progress_does_not_keep_the_deleted_child_in_the_write_ahead_log(data_dir):
    """Review 36e: a background read held the log's frames, "busy" was not checked, and the child's name stayed in the
    -wal file while the app was open."""
    import sqlite3
    import threading
    import time

    with Store.open(data_dir) as store:
        _, leaver, _ = make_class(store)
        reader = sqlite3.connect(data_dir / paths.STORE_FILE, check_same_thread=False)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM responses").fetchone()  # a dashboard job reading meanwhile
        finished = threading.Timer(0.5, reader.rollback)
        finished.start()
        try:
            start = time.monotonic()
            data_rights.delete_student_everywhere(store, leaver)
            assert time.monotonic() - start >= 0.4, "it waited for the read to end"
            wal = data_dir / f"{paths.STORE_FILE}-wal"
            assert not wal.exists() or LEAVER.encode() not in wal.read_bytes()
            assert LEAVER.encode() not in file_bytes(data_dir)
        finally:
            finished.join()
            reader.close()


def test_control_a_plain_delete_leaves_bytes_behind_without_secure_delete(data_dir):
    with Store.open(data_dir) as store:
        _, leaver, _ = make_class(store)
        store.db.conn.execute("PRAGMA secure_delete = OFF")
        store.delete_student(leaver)
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert LEAVER.encode() in file_bytes(data_dir)


def test_the_store_turns_secure_delete_on_for_every_connection(data_dir, monkeypatch):
    from engine.security import encryption

    real_connect = encryption.connect

    def connect_like_windows(*args, **kwargs):  # SQLite builds where secure_delete is off by default
        conn = real_connect(*args, **kwargs)
        conn.execute("PRAGMA secure_delete = OFF")
        return conn

    monkeypatch.setattr(encryption, "connect", connect_like_windows)
    with Store.open(data_dir) as store:
        assert store.db.conn.execute("PRAGMA secure_delete").fetchone()[0] == 1


def test_purging_backups_rewrites_them_without_the_student(data_dir):
    with Store.open(data_dir) as store:
        class_id, leaver, stayer = make_class(store)
        backup = store.backup_now("manual")
        report = data_rights.delete_student_everywhere(store, leaver, purge_backups=True)
        assert report.backups_purged == [str(backup)]
    assert LEAVER.encode() not in backup.read_bytes()
    with Store.open(data_dir) as store:
        store.restore(backup)  # the purged backup is still a good backup
        assert [s.name for s in store.list_students(class_id)] == ["Bao Tran"]
        assert len(store.list_responses(class_id=class_id)) == 6


def test_deleting_a_student_drops_the_kept_dashboard_and_their_practice_focus_in_the_store_and_the_backups(data_dir):
    """Review 28: the dashboard's figures kept for the next start (compressed, so no plain bytes to find) still held a
    deleted child's name and mastery, in the data file and in every backup."""
    import sqlite3
    import zlib

    from engine.classroom import Classroom
    from engine.store.classes import focus_student_key, practice_focus_setting

    with Store.open(data_dir) as store:
        class_id, leaver, stayer = make_class(store)
        focus = {focus_student_key(leaver): ["fractions"], focus_student_key(stayer): ["fractions"]}
        store.set_setting(practice_focus_setting(class_id), focus)
        room = Classroom(store)
        room.dashboard(class_id)
        assert room.keep_dashboard(class_id)
        kept = store.db.execute("SELECT figures FROM kept_figures WHERE class_id = ?", [class_id]).fetchone()[0]
        assert LEAVER in zlib.decompress(kept).decode()
        backup = store.backup_now("manual")
        data_rights.delete_student_everywhere(store, leaver, purge_backups=True)
        assert store.db.execute("SELECT count(*) FROM kept_figures").fetchone()[0] == 0
        assert store.get_setting(practice_focus_setting(class_id)) == {focus_student_key(stayer): ["fractions"]}
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("SELECT count(*) FROM kept_figures").fetchone()[0] == 0
        [(value,)] = conn.execute("SELECT value FROM settings WHERE key = ?", [practice_focus_setting(class_id)]).fetchall()
        assert json.loads(value) == {focus_student_key(stayer): ["fractions"]}
    finally:
        conn.close()


def test_deleting_an_unknown_student_changes_nothing(data_dir):
    with Store.open(data_dir) as store:
        make_class(store)
        before = store.counts()
        with pytest.raises(LamplightError):
            data_rights.delete_student_everywhere(store, 9999)
        assert store.counts() == before


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_export_one_student(data_dir, suffix):
    with Store.open(data_dir) as store:
        class_id, leaver, stayer = make_class(store)
        path = data_rights.export_student(store, leaver, data_dir / f"leaver{suffix}")
    text = path.read_text(encoding="utf-8")
    assert "Bao Tran" not in text and "ext-stayer-12" not in text
    if suffix == ".json":
        data = json.loads(text)
        assert data["name"] == LEAVER and data["external_id"] == "ext-leaver-77" and data["class"] == "5C"
        assert [a["exercise"] for a in data["answers"]] == [f"frac-{n}" for n in range(2, 8)]
        assert [a["score"] for a in data["answers"]] == [0, 1, 0, 1, 0, 1]
    else:
        rows = list(csv.DictReader(text.splitlines()))
        assert len(rows) == 6 and {r["name"] for r in rows} == {LEAVER}
    with Store.open(data_dir) as store, pytest.raises(LamplightError, match=".json or .csv"):
        data_rights.export_student(store, leaver, data_dir / "leaver.txt")


def test_pseudonymised_class_export_has_no_names_and_stable_pseudonyms(data_dir):
    with Store.open(data_dir) as store:
        class_id, leaver, stayer = make_class(store)
        first = data_rights.export_class_pseudonymised(store, class_id, data_dir / "share1.csv")
        second = data_rights.export_class_pseudonymised(store, class_id, data_dir / "share2.csv")
    for path in (first, second):
        raw = path.read_bytes()
        for secret in (LEAVER, "Xochitl", "Bao Tran", "ext-leaver-77", "ext-stayer-12", "my name is"):
            assert secret.encode() not in raw
    rows1 = list(csv.DictReader(first.read_text(encoding="utf-8").splitlines()))
    rows2 = list(csv.DictReader(second.read_text(encoding="utf-8").splitlines()))
    assert len(rows1) == 12
    pseudonyms1 = {r["student_id"] for r in rows1}
    assert len(pseudonyms1) == 2
    # stable within an export: each pseudonym has one student's 6 answers with positions 0..5
    for p in pseudonyms1:
        mine = [r for r in rows1 if r["student_id"] == p]
        assert [int(r["position"]) for r in mine] == list(range(6))
    leaver_rows = [r for r in rows1 if [x["correct"] for x in rows1 if x["student_id"] == r["student_id"]] == ["0", "1", "0", "1", "0", "1"]]
    assert len(leaver_rows) == 6
    # unrelated between exports
    assert pseudonyms1.isdisjoint({r["student_id"] for r in rows2})
    # and importable again as a response log
    with Store.open(data_dir) as store:
        from engine.store.importers import import_responses

        report = import_responses(store, first, class_name="Shared")
        assert report.responses == 12 and report.students_added == 2


def test_a_student_id_is_never_given_again_after_a_deletion_or_a_restore(data_dir):
    """Review 34b: SQLite gave a deleted last student's id to the next child, so removing that child "from the
    backups too" later removed the deleted one, kept there on purpose, as well."""
    from engine.security import data_rights

    with Store.open(data_dir) as store:
        class_id = store.create_class("4B")
        store.add_student(class_id, "Ana")
        ben = store.add_student(class_id, "Ben")
        before = store.backup_now("manual")  # holds Ben
        data_rights.delete_from_store(store, ben)
        cara = store.add_student(class_id, "Cara")
        assert cara > ben
        store.restore(before)  # back to Ana and Ben: ids given out since stay given
        dara = store.add_student(class_id, "Dara")
        assert dara > cara
        data_rights.delete_from_store(store, dara)
        assert store.add_student(class_id, "Eli") > dara


def test_a_child_once_given_the_same_id_is_not_purged_with_another(data_dir):
    """Data from before ids were kept unique: Cara has the id of Ben, deleted and kept in a backup on purpose.
    Removing Cara from the backups names and removes her only."""
    from engine.security import data_rights

    with Store.open(data_dir) as store:
        class_id = store.create_class("4B")
        ben = store.add_student(class_id, "Ben")
        store.db.execute("UPDATE students SET created = '2025-09-01T08:00:00+00:00' WHERE id = ?", [ben])
        store.backup_now("manual")
        data_rights.delete_from_store(store, ben)
        store.db.execute("DELETE FROM revisions WHERE name = 'students'")  # as before the fix: the id is free again
        store.db.execute("INSERT INTO students (id, class_id, name, created) VALUES (?, ?, 'Cara', "
                         "'2026-01-10T08:00:00+00:00')", [ben, class_id])
        store.backup_now("manual")
        added = data_rights.student_created(store, ben)
        assert len(data_rights.backups_with_student(store, ben, added)) == 1, "only the backup that holds Cara"
        data_rights.delete_from_store(store, ben)
        report = data_rights.delete_student_everywhere(store, ben, purge_backups=True, created=added)
        assert len(report.backups_purged) == 1
        assert data_rights.names_in_backups(store, ben) == ["Ben"], "Ben, kept in a backup on purpose, stays there"


def test_children_deleted_here_are_found_again_after_a_restore_and_in_backups_kept_and_deleted_again(data_dir):
    """Review 36e: after "Keep the backups as they are" (or closing the app before the question) nothing could remove a
    deleted child from the backups later, and restoring a backup brought them back with no word."""
    with Store.open(data_dir) as store:
        class_id, leaver, stayer = make_class(store)
        old_backup = store.backup_now("manual")
        data_rights.delete_from_store(store, leaver)  # the backups kept as they were
        assert store.deleted_students() == [[leaver, store.deleted_students()[0][1]]]
        assert LEAVER.encode() not in json.dumps(store.all_settings()).encode(), "the list keeps no name"
        held = data_rights.deleted_still_held(store)
        assert held.in_data == {} and list(held.backups.values()) == [[str(old_backup)]] and [c[0] for c in held.backups] == [leaver] and held.children == 1
        store.restore(old_backup)  # the child comes back with the backup...
        held = data_rights.deleted_still_held(store)
        assert held.in_data == {leaver: LEAVER}, "...and is known for what they are"
        again = data_rights.delete_again(store)
        assert again.children == 1
        assert data_rights.deleted_still_held(store).children == 0
        assert [s.id for s in store.list_students(class_id)] == [stayer]
        assert all(LEAVER.encode() not in path.read_bytes() for path in store.backup_dir.iterdir() if path.is_file())
    assert LEAVER.encode() not in file_bytes(data_dir)
