"""Counting what a backup holds (what the app's restore question shows)."""
from __future__ import annotations

import pytest

from engine.errors import LamplightError
from engine.store import Store
from engine.store.backup_contents import backup_contents, contents_of_counts


def test_backup_contents_counts_the_backup_not_the_store(tmp_path):
    with Store.open(tmp_path) as store:
        class_id = store.create_class("4B")
        for name in ("Ana", "Ben", "Chen"):
            store.add_student(class_id, name)
        backup = store.backup_now("manual")
        store.add_student(class_id, "Dana")
        held = backup_contents(backup)
        now = contents_of_counts(store.counts())
    assert (held.classes, held.students) == (1, 3)
    assert (now.classes, now.students) == (1, 4)


def test_a_file_that_is_no_backup_is_refused_with_a_message(tmp_path):
    bad = tmp_path / "lamplight-20250101T000000Z-manual.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(LamplightError):
        backup_contents(bad)
    with pytest.raises(LamplightError):
        backup_contents(tmp_path / "missing.sqlite3")


def test_the_backup_names_its_classes_in_the_order_the_class_lists_show(data_dir):
    """Review 34a: "classes in the backup: 示范班级、三年级二班; classes now: 三年级二班、示范班级" looked like a difference."""
    from engine.store import Store
    from engine.store.backup_contents import backup_contents

    with Store.open(data_dir) as store:
        for name in ("Class 10", "Demo class", "Class 2"):
            store.create_class(name)
        held = backup_contents(store.backup_now("manual"))
        assert list(held.class_names) == [c.name for c in store.list_classes(include_archived=True)] == [
            "Class 2", "Class 10", "Demo class"]


def test_a_view_in_a_counted_table_s_place_is_refused_at_once(tmp_path):
    """Review 37f: a backup whose students table was a recursive view froze the window at the restore question."""
    import sqlite3

    with Store.open(tmp_path) as store:
        store.create_class("4B")
        backup = store.backup_now("manual")
    with sqlite3.connect(backup) as conn:
        conn.executescript("PRAGMA foreign_keys = OFF; DROP TABLE group_members; DROP TABLE students; "
                           "CREATE VIEW students AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
                           "SELECT x AS id FROM n WHERE x < 0;")
    with pytest.raises(LamplightError, match="not a readable Lamplight backup"):
        backup_contents(backup)
