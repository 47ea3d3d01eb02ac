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
