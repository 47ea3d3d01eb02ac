"""Review 51e: "Delete them again" with two deleted children of one id (this laptop's and another laptop's), and with a
copy of a deleted child found by where she came from."""
from __future__ import annotations
import time
from engine.security import data_rights
from engine.store import Store
from engine.store.class_transfer import add_class_from_backup
from tests.store.test_class_transfer_lineage import back_from_a_colleague


def test_same_id_from_two_laptops_blocks_delete_again(data_dir, tmp_path):
    with Store.open(tmp_path / "b") as b:
        cb = b.create_class("B class")
        kim = b.add_student(cb, "Kim")
        from_b = b.backup_now("manual")
    time.sleep(1.1)
    with Store.open(data_dir) as a:
        ca = a.create_class("4B")
        zoe = a.add_student(ca, "Zoe")
        assert zoe == kim  # both 1
        a.backup_now("manual")  # holds Zoe
        time.sleep(1.1)
        added = add_class_from_backup(a, from_b, cb, "B class")
        kim_here = a.list_students(added.class_id)[0].id
        # family requests: both deleted, backups left to rotate
        data_rights.delete_student_everywhere(a, zoe)
        data_rights.delete_student_everywhere(a, kim_here)
        held = data_rights.deleted_still_held(a)
        assert zoe in {child for child, _ in held.backups}
        data_rights.delete_again(a)  # review 51e: "There is no student with id 1", each time
        assert not data_rights.backups_with_student(a, zoe), "Zoe (deleted on request) stays in the backups"


def test_copy_found_by_lineage_left_in_backups(data_dir, tmp_path):
    """A->B->A copy of Ana still here when Ana is deleted on request (with her backups): 'Delete them again' deletes
    the copy from the data but leaves her in the backups, while the status says 'from the data and the backups'."""
    with Store.open(data_dir) as a:
        c = a.create_class("4B")
        ana = a.add_student(c, "Ana")
        dup, _ = back_from_a_colleague(a, c, tmp_path)
        copy = a.list_students(dup.class_id)[0].id
        a.backup_now("manual")  # holds Ana and her copy
        data_rights.delete_student_everywhere(a, ana, purge_backups=True)
        held = data_rights.deleted_still_held(a)
        assert copy in held.in_data
        data_rights.delete_again(a)
        again = data_rights.deleted_still_held(a)
        assert not again.children, "the copy deleted again is still in the laptop's backups"
