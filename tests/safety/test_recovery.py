"""A damaged or truncated store file: a clear error, the latest good backup found and restored, nothing deleted."""
from __future__ import annotations

import time

import pytest

from engine import paths
from engine.errors import LamplightError
from engine.security import recovery
from engine.store import Store


def build(data_dir) -> tuple[int, str]:
    with Store.open(data_dir) as store:
        class_id = store.create_class("3A")
        for i in range(30):
            store.add_student(class_id, f"Pupil {i:02d}")
        good = store.backup_now("manual")
    return class_id, str(good)


@pytest.mark.parametrize("damage", ["truncate", "garbage-middle", "zero-header", "schema-bytes"])
def test_damaged_store_is_refused_and_recovered_from_latest_good_backup(data_dir, damage):
    class_id, good = build(data_dir)
    time.sleep(0.01)
    # a newer backup that is itself damaged must be skipped
    with Store.open(data_dir) as store:
        bad_backup = store.backup_now("manual")
    bad_backup.write_bytes(bad_backup.read_bytes()[:1000])
    store_file = paths.store_path(data_dir)
    raw = bytearray(store_file.read_bytes())
    if damage == "truncate":
        raw = raw[: len(raw) // 3]
    elif damage == "garbage-middle":
        raw[4096:8192] = b"\xde\xad\xbe\xef" * 1024
    elif damage == "schema-bytes":  # review 26: SQLite's message then quotes a byte that is not UTF-8
        index = raw.index(b"CREATE INDEX")
        raw[raw.index(b" ON ", index) + 1] = 0xA7
    else:
        raw[:100] = bytes(100)
    store_file.write_bytes(bytes(raw))
    damaged_bytes = bytes(raw)

    with pytest.raises(LamplightError) as info:
        Store.open(data_dir, check=True)
    assert str(store_file) in str(info.value)
    assert recovery.store_problem(data_dir)
    best = recovery.latest_good_backup(data_dir)
    assert best is not None and best.path == good
    assert "python -m engine recover" in recovery.advice(data_dir)

    used, kept = recovery.recover(data_dir)
    assert str(used) == good
    assert kept is not None and kept.read_bytes() == damaged_bytes  # the damaged file is kept, not deleted
    assert recovery.store_problem(data_dir) is None
    with Store.open(data_dir) as store:
        assert len(store.list_students(class_id)) == 30


def test_no_good_backup_says_so_and_changes_nothing(data_dir):
    store_file = paths.store_path(data_dir)
    store_file.write_bytes(b"not a database at all" * 100)
    assert recovery.latest_good_backup(data_dir) is None
    assert "no good backup" in recovery.advice(data_dir)
    with pytest.raises(LamplightError, match="no good backup"):
        recovery.recover(data_dir)
    assert store_file.read_bytes() == b"not a database at all" * 100


def damage_the_students_table(store_file) -> None:
    """Noise over the page of the students table (a bad sector): the file fails its check, its settings still read."""
    from engine.security import encryption

    conn = encryption.connect(store_file, readonly=True)
    try:
        page = int(conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'students'").fetchone()[0])
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()
    raw = bytearray(store_file.read_bytes())
    raw[(page - 1) * size + 100:page * size - 100] = b"\xde\xad\xbe\xef" * ((size - 200) // 4)
    store_file.write_bytes(bytes(raw))


def test_recovering_keeps_the_list_of_children_deleted_since_the_backup(data_dir):
    """Review 40d: the start-up recovery put back a backup byte for byte: a child deleted on request since came back
    with nothing to tell (Settings → Deleted children… then could not find her), unlike a restore from Settings."""
    from engine.security.data_rights import delete_student_everywhere

    class_id, good = build(data_dir)
    with Store.open(data_dir) as store:
        ana = store.list_students(class_id)[0]
        delete_student_everywhere(store, ana.id)  # the backups keep her (the teacher's choice)
        deleted = store.deleted_students()
        assert [entry[0] for entry in deleted] == [ana.id]
    damage_the_students_table(paths.store_path(data_dir))
    with pytest.raises(LamplightError):
        Store.open(data_dir, check=True)
    recovery.recover(data_dir)
    with Store.open(data_dir) as store:
        assert ana.id in [s.id for s in store.list_students(class_id)], "the backup holds her"
        assert store.deleted_students() == deleted, "and the laptop still knows she was deleted on request"


def test_recovering_an_encrypted_folder_keeps_todays_password(data_dir, fast_crypto):
    """Review 40d: the backup's older password (which children may have seen) opened the teacher screens again."""
    pytest.importorskip("sqlcipher3", reason="encryption needs the optional sqlcipher3 package")
    from engine.security import encryption, teacher
    from engine.security.passwords import new_recovery_key

    try:
        with Store.open(data_dir) as store:
            store.add_student(store.create_class("4B"), "Ana")
            teacher.set_first_password(store, "owl-river-lantern-7")
        encryption.enable(data_dir, "owl-river-lantern-7", new_recovery_key())
        with Store.open(data_dir) as store:
            store.backup_now("manual")  # under the old password
            teacher.change_password(store, "owl-river-lantern-7", "Purple-Otter-Lamp-92")
        damage_the_students_table(paths.store_path(data_dir))
        recovery.recover(data_dir, recovery.latest_good_backup(data_dir).path)
        with Store.open(data_dir) as store:
            assert teacher.verify_password(store, "Purple-Otter-Lamp-92")
            assert not teacher.verify_password(store, "owl-river-lantern-7")
    finally:
        encryption._KEYS.clear()
