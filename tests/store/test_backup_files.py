"""Backups the teacher carries: saved to any folder, checked and restored from any file."""
from __future__ import annotations

import errno
import os
import sqlite3
import stat
from datetime import datetime, timezone

import pytest

from engine.errors import DiskFullError, LamplightError, StoreAccessError
from engine.store import Store
from engine.store import backup_copy
from engine.store.backup_files import inspect_backup_file, save_backup_to, saved_backup_time
from engine.store.migrations import LATEST_VERSION
from tests.store.test_backup import small_class, table_rows


def test_saved_copy_is_named_by_date_holds_the_data_and_leaves_the_folder_alone(data_dir, tmp_path):
    stick = tmp_path / "usb"
    stick.mkdir(mode=0o755)
    stick.chmod(0o755)
    moment = datetime(2026, 3, 14, 16, 5, tzinfo=timezone.utc)
    local = moment.astimezone()
    with Store.open() as store:
        small_class(store)
        saved = save_backup_to(store, stick, now=moment)
        assert saved.parent == stick and saved.name == f"lamplight-backup-{local:%Y-%m-%d-%H%M}.sqlite3"
        assert saved_backup_time(saved) == local.replace(second=0, microsecond=0)
        held = inspect_backup_file(store, saved)
        assert (held.classes, held.students, held.answers) == (1, 5, 5)
        assert not list(store.backup_dir.glob("from-file-*")), "the checking copy is removed"
    assert stat.S_IMODE(stick.stat().st_mode) == 0o755, "the teacher's folder keeps its permissions"
    if os.name == "posix":
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert sorted(p.name for p in stick.iterdir()) == [saved.name], "no temporary file is left"


def test_a_second_copy_in_the_same_minute_gets_its_own_name_and_a_renamed_copy_still_restores(data_dir, tmp_path):
    """The readable name never overwrites an earlier copy; restoring reads the file, not its name."""
    moment = datetime(2026, 12, 3, 17, 16, 25, tzinfo=timezone.utc)
    with Store.open() as store:
        small_class(store)
        first = save_backup_to(store, tmp_path, now=moment)
        second = save_backup_to(store, tmp_path, now=moment)
        assert second.name == first.name.replace(".sqlite3", "-2.sqlite3") and saved_backup_time(second) is not None
        renamed = second.rename(tmp_path / "class 4B.sqlite3")
        assert saved_backup_time(renamed) is None
        held = inspect_backup_file(store, renamed)
        assert (held.classes, held.students, held.answers) == (1, 5, 5)


def test_restore_from_a_saved_file_brings_back_the_data(data_dir, tmp_path):
    with Store.open() as store:
        small_class(store)
        before = table_rows(store)
        saved = save_backup_to(store, tmp_path)
        store.delete_student(store.list_students(1)[0].id)
        assert table_rows(store) != before
        store.restore(saved)
        assert table_rows(store) == before


def test_a_saved_copy_changed_since_is_refused_for_a_restore_and_for_taking_a_class_from_it(data_dir, tmp_path):
    """Review 45: a child's name edited in a USB copy passed every check of what a backup may hold; then (45b) also
    when the copy was renamed before it was edited. A copy of the same name saved by another laptop is no such copy."""
    import shutil

    from engine.store.backup_files import restore_backup_file
    from engine.store.class_transfer import classes_in_backup
    from engine.store.saved_copies import ChangedCopyError

    stick = tmp_path / "usb"
    stick.mkdir()
    moment = datetime(2026, 12, 7, 9, 30, tzinfo=timezone.utc)
    with Store.open() as store:
        small_class(store)
        saved = save_backup_to(store, stick, now=moment)
        renamed = stick / "4B on Monday.sqlite3"
        shutil.copyfile(saved, renamed)
        assert inspect_backup_file(store, renamed).saved_here == moment, "the copy as saved, renamed: known, and so said"
        for copy in (saved, renamed):
            with sqlite3.connect(copy) as conn:
                conn.execute("UPDATE students SET name = 'Someone else' WHERE id = (SELECT min(id) FROM students)")
        before = table_rows(store)
        for copy in (saved, renamed):
            for use in (lambda: inspect_backup_file(store, copy), lambda: classes_in_backup(store, copy),
                        lambda: restore_backup_file(data_dir, copy, store=store)):
                with pytest.raises(ChangedCopyError, match=f"{copy.name} was changed after Lamplight saved it on this laptop"):
                    use()
        assert table_rows(store) == before and not list(store.backup_dir.glob("from-file-*"))
        other_stick = tmp_path / "usb-of-another-laptop"
        other_stick.mkdir()
        with Store.open(tmp_path / "another-laptop") as other:
            small_class(other)
            theirs = save_backup_to(other, other_stick, now=moment)
        assert theirs.name == saved.name and inspect_backup_file(store, theirs).saved_here is None, "not ours: said so"
        restore_backup_file(data_dir, theirs, store=store)
        assert store.get_setting("backup/copy-id") is None, "the copy's id stays with the copy"


@pytest.mark.parametrize("notes", ['[{"id": "a", "name": "x", "sha256": "b", "saved": "garbage"}]', "[" * 50_000 + "]" * 50_000, '{"a": 1}',
                                   "\x00\xff", '[{"id": "a", "name": "x", "sha256": "b", "saved": "9999-12-31T23:59:59-23:59"}]'])
def test_a_damaged_notes_file_of_saved_copies_is_as_good_as_none(data_dir, tmp_path, notes):
    """Review 46b: a notes file with an unreadable time, or nested 50,000 deep, made every restore, "Add a class" and
    "Save a backup to…" fail with a raw error (the save after the copy was on the stick)."""
    from engine import paths
    from engine.store.backup_files import restore_backup_file

    with Store.open() as store:
        small_class(store)
        notes_file = store.path.parent / paths.SAVED_COPIES_FILE
        notes_file.write_bytes(notes.encode("utf-8", "surrogateescape") if notes != "\x00\xff" else b"\x00\xff")
        before = table_rows(store)
        saved = save_backup_to(store, tmp_path)
        assert inspect_backup_file(store, saved).saved_here is not None, "the new copy is noted all the same"
        store.delete_student(store.list_students(1)[0].id)
        restore_backup_file(data_dir, saved, store=store)
        assert table_rows(store) == before


@pytest.mark.parametrize("failure, expected", [(errno.ENOSPC, DiskFullError), (errno.EROFS, StoreAccessError)])
def test_full_or_read_only_target_gets_a_clear_error_and_no_file(data_dir, tmp_path, monkeypatch, failure, expected):
    def refuse(path):
        raise OSError(failure, os.strerror(failure), str(path))

    monkeypatch.setattr("engine.security.private_files.create_private_file", refuse)
    with Store.open() as store:
        small_class(store)
        with pytest.raises(expected, match="saving the backup did not happen"):
            save_backup_to(store, tmp_path)
    assert list(tmp_path.iterdir()) == [data_dir]


def test_missing_target_folder_is_refused(data_dir, tmp_path):
    with Store.open() as store:
        with pytest.raises(StoreAccessError, match="no such folder"):
            save_backup_to(store, tmp_path / "gone")


def test_a_copy_into_the_data_folder_s_own_backups_is_refused(data_dir):
    """Review 32a: a copy saved among the automatic backups would pass for one of them and be rotated away."""
    with Store.open() as store:
        store.backup_now()
        before = sorted(store.backup_dir.iterdir())
        with pytest.raises(StoreAccessError, match="part of Lamplight's own data"):
            save_backup_to(store, store.backup_dir)
        assert sorted(store.backup_dir.iterdir()) == before


def test_files_that_are_not_restorable_backups_are_refused(data_dir, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    newer = tmp_path / "newer.sqlite3"
    schema_bytes = tmp_path / "schema.sqlite3"  # review 26: its refusal left the copy's -wal and -shm in the backups
    with Store.open() as store:
        small_class(store)
        before = table_rows(store)
        backup_copy.copy_database(store.db.conn, newer)
        with sqlite3.connect(newer) as conn:
            conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
        raw = bytearray(store.backup_now("manual").read_bytes())
        raw[raw.index(b" ON ", raw.index(b"CREATE INDEX")) + 1] = 0xA7
        schema_bytes.write_bytes(bytes(raw))
        for path, why in ((text, "not a readable"), (damaged, "damaged|not a readable"), (other, "not a Lamplight backup"),
                          (newer, "newer Lamplight"), (tmp_path / "missing.sqlite3", "no such backup"),
                          (schema_bytes, "damaged|not a readable")):
            with pytest.raises(LamplightError, match=why) as raised:
                inspect_backup_file(store, path)
            assert "from-file-" not in str(raised.value), "the message names the teacher's file, not the copy"
            with pytest.raises(LamplightError):
                store.restore(path)
        assert table_rows(store) == before
        assert not list(store.backup_dir.glob("from-file-*"))


def test_the_key_file_chosen_instead_of_its_backup_is_named_for_what_it_is(tmp_path):
    """Review 36a: choosing lamplight-backup-….sqlite3.keys.json said the file was damaged or not Lamplight's."""
    from engine.store.backup_files import inspect_backup_file
    from engine.store.class_transfer import classes_in_backup

    keys = tmp_path / "usb" / "lamplight-backup-2026-12-06.sqlite3.keys.json"
    keys.parent.mkdir()
    keys.write_text('{"format": "lamplight-backup-keys"}', encoding="utf-8")
    with Store.open(tmp_path / "data") as store:
        for action in (lambda: inspect_backup_file(store, keys), lambda: classes_in_backup(store, keys)):
            with pytest.raises(LamplightError, match="the key file of an encrypted backup, not the backup: choose "
                                                     "lamplight-backup-2026-12-06.sqlite3"):
                action()
