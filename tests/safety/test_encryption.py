"""Encryption at rest: no name in the file's bytes, no way in without the key, safe switching."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("sqlcipher3", reason="encryption needs the optional sqlcipher3 package")

from engine import paths
from engine.errors import LamplightError
from engine.security import encryption
from engine.security.passwords import Credentials, new_recovery_key
from engine.store import Store

NAME = "Zhang Xiuying"


@pytest.fixture(autouse=True)
def forget_keys(fast_crypto):
    yield
    encryption._KEYS.clear()


def make_class(folder: Path, password: str = "owl-42-lantern") -> str:
    """A store with one class, a student, an answer and a teacher password; returns the recovery key."""
    with Store.open(folder) as store:
        class_id = store.create_class("4B")
        student = store.add_student(class_id, NAME, external_id="s-001")
        skill = store.add_skill("Adding within 20")
        exercise = store.add_exercise("7 + 8 = ?", "numeric", "15", skills=[skill])
        store.record_response(student, exercise, 1.0, source="paper")
        key = Credentials(store.get_setting, store.set_setting).setup(password)
        store.backup_now("manual")
    return key


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_encrypted_folder_holds_no_name_and_needs_the_key(data_dir):
    make_class(data_dir)
    assert NAME.encode() in all_bytes(data_dir)  # control: plain files do hold it
    recovery = new_recovery_key()
    encryption.enable(data_dir, "owl-42-lantern", recovery)
    assert encryption.is_encrypted(data_dir)
    assert NAME.encode() not in all_bytes(data_dir)
    assert "Xiuying".encode("utf-16-le") not in all_bytes(data_dir)
    # stdlib sqlite3 cannot read it
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(paths.store_path(data_dir)).execute("SELECT * FROM students").fetchall()
    # locked: the store refuses with a clear message
    encryption.lock(data_dir)
    with pytest.raises(LamplightError, match="encrypted and locked"):
        Store.open(data_dir)
    with pytest.raises(LamplightError, match="neither the teacher password"):
        encryption.unlock(data_dir, "owl-43-lantern")
    encryption.unlock(data_dir, "owl-42-lantern")
    with Store.open(data_dir) as store:
        assert [s.name for s in store.list_students(store.list_classes()[0].id)] == [NAME]
        # backups of an encrypted store are encrypted and restorable
        backup = store.backup_now("manual")
        assert encryption.is_encrypted_file(backup)
        assert NAME.encode() not in backup.read_bytes()
        assert all(encryption.is_encrypted_file(b.path) for b in store.list_backups())
        store.add_student(store.list_classes()[0].id, "Later Student")
        store.restore(backup)
        assert [s.name for s in store.list_students(store.list_classes()[0].id)] == [NAME]
    # the recovery key from enable() unlocks too
    encryption.lock(data_dir)
    encryption.unlock(data_dir, recovery.lower())
    with Store.open(data_dir) as store:
        assert store.counts()["responses"] == 1


def test_wrong_password_changes_nothing(data_dir):
    make_class(data_dir)
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file() and not p.name.endswith(("-wal", "-shm"))}
    with pytest.raises(LamplightError, match="not the teacher password"):
        encryption.enable(data_dir, "owl-43-lantern", new_recovery_key())
    after = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file() and not p.name.endswith(("-wal", "-shm"))}
    assert after == before
    assert not encryption.is_encrypted(data_dir)
    encryption.enable(data_dir, "owl-42-lantern", new_recovery_key())
    encrypted = paths.store_path(data_dir).read_bytes()
    with pytest.raises(LamplightError, match="not the teacher password"):
        encryption.disable(data_dir, "owl-43-lantern")
    assert paths.store_path(data_dir).read_bytes() == encrypted


def test_turning_encryption_off_restores_plain_files(data_dir):
    make_class(data_dir)
    encryption.enable(data_dir, "owl-42-lantern", new_recovery_key())
    encryption.disable(data_dir, "owl-42-lantern")
    assert not encryption.is_encrypted(data_dir)
    assert not (data_dir / encryption.KEY_FILE).exists()
    assert not any(encryption.is_encrypted_file(p) for p in (data_dir / "backups").iterdir())
    conn = sqlite3.connect(paths.store_path(data_dir))
    assert conn.execute("SELECT name FROM students").fetchall() == [(NAME,)]
    conn.close()
    with Store.open(data_dir, check=True) as store:
        assert store.counts()["responses"] == 1


def test_key_wrapping_rejects_wrong_secret_and_tampering():
    data_key = bytes(range(32))
    wrapped = encryption.wrap_key(data_key, "owl-42-lantern")
    assert encryption.unwrap_key(wrapped, "owl-42-lantern") == data_key
    assert encryption.unwrap_key(wrapped, "owl-43-lantern") is None
    tampered = dict(wrapped, box=encryption._b64(bytes(32)))
    assert encryption.unwrap_key(tampered, "owl-42-lantern") is None
    assert encryption.wrap_key(data_key, "owl-42-lantern")["salt"] != wrapped["salt"]


def test_password_change_and_reset_rewrap_the_data_key(data_dir):
    from engine.security import teacher

    first_key = make_class(data_dir)
    encryption.enable(data_dir, "owl-42-lantern", new_recovery_key())  # rotates the recovery key
    encryption.lock(data_dir)
    with pytest.raises(LamplightError):
        encryption.unlock(data_dir, first_key)  # the key from before encryption no longer opens anything
    encryption.unlock(data_dir, "owl-42-lantern")
    with Store.open(data_dir) as store:
        teacher.change_password(store, "owl-42-lantern", "fox-99-meadow")
        with pytest.raises(LamplightError, match="not the current"):
            teacher.change_password(store, "owl-42-lantern", "bad-1-meadow")
    encryption.lock(data_dir)
    with pytest.raises(LamplightError):
        encryption.unlock(data_dir, "owl-42-lantern")
    encryption.unlock(data_dir, "fox-99-meadow")
    # forgotten password: the recovery key unlocks, resets, and is replaced
    with Store.open(data_dir) as store:
        recovery = teacher.credentials(store)  # only hashes inside; get a key the teacher "has"
        key = recovery.new_recovery_key("fox-99-meadow")
        encryption.prepare_rewrap(data_dir, recovery_key=key)
        encryption.finish_rewrap(data_dir)
    encryption.lock(data_dir)
    encryption.unlock(data_dir, key)
    with Store.open(data_dir) as store:
        new_key = teacher.reset_password(store, key, "elk-77-harbour")
        assert teacher.verify_password(store, "elk-77-harbour")
    encryption.lock(data_dir)
    for old in ("fox-99-meadow", key):
        with pytest.raises(LamplightError):
            encryption.unlock(data_dir, old)
    encryption.unlock(data_dir, new_key)
    encryption.lock(data_dir)
    encryption.unlock(data_dir, "elk-77-harbour")


def test_a_change_interrupted_after_step_one_leaves_both_passwords_working(data_dir):
    make_class(data_dir)
    encryption.enable(data_dir, "owl-42-lantern", new_recovery_key())
    encryption.prepare_rewrap(data_dir, password="fox-99-meadow")  # then the laptop died
    for secret in ("owl-42-lantern", "fox-99-meadow"):
        encryption.lock(data_dir)
        encryption.unlock(data_dir, secret)


def test_a_restore_into_encrypted_data_brings_the_folders_password_in_the_same_copy(data_dir, monkeypatch):
    """Review 31b: the folder's password hashes were put back after the page copy; a restore killed between the two
    left the backup's, so the password that opens the key file no longer opened the teacher screens."""
    from engine.security import teacher

    make_class(data_dir)
    encryption.enable(data_dir, "owl-42-lantern", new_recovery_key())
    with Store.open(data_dir) as store:
        backup = store.backup_now("manual")  # made under "owl-42-lantern"
        teacher.change_password(store, "owl-42-lantern", "fox-99-meadow")  # the key file follows
    monkeypatch.setattr(Store, "put_back_secret_hashes", lambda self, hashes: None)  # killed right after the copy
    with Store.open(data_dir) as store:
        store.restore(backup)
        assert teacher.verify_password(store, "fox-99-meadow") and not teacher.verify_password(store, "owl-42-lantern")
    encryption.lock(data_dir)
    encryption.unlock(data_dir, "fox-99-meadow")
