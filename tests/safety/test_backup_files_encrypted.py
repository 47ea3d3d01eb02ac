"""An encrypted data folder saves encrypted backups to a USB stick, and restores from them."""
from __future__ import annotations

import pytest

pytest.importorskip("sqlcipher3", reason="encryption needs the optional sqlcipher3 package")

from engine.security import encryption
from engine.security.passwords import new_recovery_key
from engine.store import Store
from engine.store.backup_files import brought_in, inspect_backup_file, save_backup_to
from tests.safety.test_encryption import NAME, make_class


@pytest.fixture(autouse=True)
def forget_keys(fast_crypto):
    yield
    encryption._KEYS.clear()


def test_saved_backup_of_an_encrypted_folder_is_encrypted_and_restores(data_dir, tmp_path):
    make_class(data_dir)
    encryption.enable(data_dir, "owl-42-lantern", new_recovery_key())
    stick = tmp_path / "usb"
    stick.mkdir()
    with Store.open(data_dir) as store:
        saved = save_backup_to(store, stick)
        assert encryption.is_encrypted_file(saved)
        assert NAME.encode() not in saved.read_bytes()
        held = inspect_backup_file(store, saved)
        assert (held.classes, held.students, held.answers) == (1, 1, 1)
        store.delete_student(store.list_students(store.list_classes()[0].id)[0].id)
        assert store.counts()["students"] == 0
        with brought_in(store, saved) as copy:  # an outside encrypted file opens only as a copy in the data folder
            store.restore(copy)
        assert [s.name for s in store.list_students(store.list_classes()[0].id)] == [NAME]
