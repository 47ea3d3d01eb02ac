"""Encrypted backups carried on a USB stick: they open on another laptop with the password or the recovery key,
and backups made before or after encryption restore into a folder in the other state.
"""
from __future__ import annotations

import json
import shutil

import pytest

pytest.importorskip("sqlcipher3", reason="encryption needs the optional sqlcipher3 package")

from engine.errors import BackupLockedError, LamplightError, TooManyAttemptsError, WrongPasswordError
from engine.security import carried_keys, encryption
from engine.security.passwords import Credentials, new_recovery_key
from engine.store import Store
from engine.store.backup_files import inspect_backup_file, restore_backup_file, save_backup_to
from tests.safety.test_encryption import NAME, all_bytes, make_class

PASSWORD = "owl-42-lantern"


@pytest.fixture(autouse=True)
def forget_keys(fast_crypto):
    yield
    encryption._KEYS.clear()
    encryption._FILE_KEYS.clear()


def encrypt_and_save_to_a_stick(folder, password, stick):
    """Encrypt ``folder`` (it has this teacher password), save a backup into the folder ``stick`` and lock the
    data folder again, as when the laptop is closed; returns (stick file, recovery key)."""
    recovery_key = new_recovery_key()
    encryption.enable(folder, password, recovery_key)
    stick.mkdir(exist_ok=True)
    with Store.open(folder) as store:
        saved = save_backup_to(store, stick)
    encryption.lock(folder)
    return saved, recovery_key


def encrypted_backup_on_a_stick(data_dir, tmp_path):
    """Folder A encrypted, a backup saved to a stick; returns (stick file, recovery key)."""
    make_class(data_dir, PASSWORD)
    return encrypt_and_save_to_a_stick(data_dir, PASSWORD, tmp_path / "usb")


def new_laptop(tmp_path):
    """A fresh data folder (plain) with a class of its own and a different teacher password."""
    folder = tmp_path / "new-laptop"
    with Store.open(folder) as store:
        store.create_class("Reception")
        Credentials(store.get_setting, store.set_setting).setup("another-pass-99")
        store.backup_now("manual")
    return folder


def student_names(folder) -> list[str]:
    with Store.open(folder) as store:
        return [s.name for c in store.list_classes() for s in store.list_students(c.id)]


def test_the_key_material_is_saved_beside_an_encrypted_backup_wrapped_never_raw(data_dir, tmp_path):
    saved, _ = encrypted_backup_on_a_stick(data_dir, tmp_path)
    keys = carried_keys.keys_beside(saved)
    assert sorted(p.name for p in saved.parent.iterdir()) == [saved.name, keys.name]
    content = json.loads(keys.read_text())
    assert content["format"] == "lamplight-keys" and content["backup"] == saved.name
    assert set(content["wrapped"]) == {"password", "recovery"}
    encryption.unlock(data_dir, PASSWORD)
    raw = encryption._KEYS[str(data_dir.resolve())]
    assert raw.hex() not in keys.read_text() and raw not in keys.read_bytes(), "only the wrapped key goes on the stick"
    assert NAME.encode() not in saved.read_bytes() + keys.read_bytes()


def test_a_plain_folder_saves_no_key_file(data_dir, tmp_path):
    make_class(data_dir, PASSWORD)
    with Store.open(data_dir) as store:
        saved = save_backup_to(store, tmp_path)
    assert not carried_keys.keys_beside(saved).exists()


@pytest.mark.parametrize("secret", ["password", "recovery key"])
def test_restored_on_another_laptop_with_the_password_or_the_recovery_key(data_dir, tmp_path, secret):
    saved, recovery_key = encrypted_backup_on_a_stick(data_dir, tmp_path)
    typed = PASSWORD if secret == "password" else recovery_key.lower().replace("-", " ")
    laptop = new_laptop(tmp_path)
    with Store.open(laptop) as store:
        with pytest.raises(BackupLockedError):
            inspect_backup_file(store, saved)
        held = inspect_backup_file(store, saved, typed)
        assert (held.classes, held.students, held.answers) == (1, 1, 1)
    safety = restore_backup_file(laptop, saved, typed)
    assert student_names(laptop) == [NAME]
    assert encryption.is_encrypted(laptop) and (laptop / encryption.KEY_FILE).exists()
    assert NAME.encode() not in all_bytes(laptop), "the restored data and every backup there are encrypted"
    encryption.lock(laptop)
    encryption.unlock(laptop, PASSWORD)  # the folder now opens with the backup's password ...
    encryption.lock(laptop)
    encryption.unlock(laptop, recovery_key)  # ... and its recovery key, which match the hashes in the data
    with Store.open(laptop) as store:
        assert Credentials(store.get_setting, store.set_setting).verify(PASSWORD)
        assert store.list_backups()[0].path == str(safety) and safety.name.endswith("pre-restore.sqlite3")
        with Store.open_file(safety, tmp_path / "unused") as before:  # the pre-restore copy opens, with the adopted key
            assert [c.name for c in before.list_classes()] == ["Reception"]


def test_a_wrong_password_changes_nothing_says_so_and_is_rate_limited(data_dir, tmp_path):
    saved, _ = encrypted_backup_on_a_stick(data_dir, tmp_path)
    laptop = new_laptop(tmp_path)
    before = {p.name: p.read_bytes() for p in laptop.rglob("*") if p.is_file() and "attempts" not in p.name}
    for _ in range(5):
        with pytest.raises(WrongPasswordError, match="neither the teacher password nor the recovery key this backup"):
            restore_backup_file(laptop, saved, "owl-42-lanterm")
    with pytest.raises(TooManyAttemptsError):
        restore_backup_file(laptop, saved, PASSWORD)  # even the right one waits now
    after = {p.name: p.read_bytes() for p in laptop.rglob("*") if p.is_file() and "attempts" not in p.name}
    assert after == before, "nothing in the folder changed"
    assert not encryption.is_encrypted(laptop)


def test_without_its_key_file_the_backup_is_refused_with_what_to_copy(data_dir, tmp_path):
    saved, _ = encrypted_backup_on_a_stick(data_dir, tmp_path)
    carried_keys.keys_beside(saved).unlink()
    laptop = new_laptop(tmp_path)
    with pytest.raises(LamplightError, match=r"its key file lamplight-backup-.*\.sqlite3\.keys\.json, saved beside it: copy that file"):
        restore_backup_file(laptop, saved, PASSWORD)
    assert student_names(laptop) == []


def test_into_a_folder_encrypted_with_another_key_it_is_rekeyed_and_the_folder_keeps_its_password(data_dir, tmp_path):
    saved, _ = encrypted_backup_on_a_stick(data_dir, tmp_path)
    laptop = new_laptop(tmp_path)
    encryption.enable(laptop, "another-pass-99", new_recovery_key())
    restore_backup_file(laptop, saved, PASSWORD)
    assert student_names(laptop) == [NAME]
    encryption.lock(laptop)
    with pytest.raises(WrongPasswordError):
        encryption.unlock(laptop, PASSWORD)
    encryption.unlock(laptop, "another-pass-99")
    with Store.open(laptop) as store:
        assert Credentials(store.get_setting, store.set_setting).verify("another-pass-99"), "hashes match the key file"
    assert NAME.encode() not in all_bytes(laptop)


def test_a_backup_made_before_encryption_restores_into_the_encrypted_folder(data_dir, tmp_path):
    """The reviewer's crash: sqlite3's backup() into an SQLCipher connection."""
    make_class(data_dir, PASSWORD)
    with Store.open(data_dir) as store:
        plain_copy = save_backup_to(store, tmp_path)
        old_backup = store.list_backups()[0].path
    encryption.enable(data_dir, PASSWORD, new_recovery_key())
    with Store.open(data_dir) as store:
        store.delete_student(store.list_students(store.list_classes()[0].id)[0].id)
        restore_backup_file(data_dir, plain_copy, store=store)
        assert [s.name for s in store.list_students(store.list_classes()[0].id)] == [NAME]
        store.delete_student(store.list_students(store.list_classes()[0].id)[0].id)
        store.restore(old_backup)  # one of the folder's own backups (encrypted when encryption went on)
        assert [s.name for s in store.list_students(store.list_classes()[0].id)] == [NAME]
    assert encryption.is_encrypted(data_dir) and encryption.plain_files(data_dir) == []
    assert NAME.encode() not in all_bytes(data_dir)


def test_an_encrypted_backup_restores_after_encryption_was_turned_off(data_dir, tmp_path):
    saved, _ = encrypted_backup_on_a_stick(data_dir, tmp_path)
    encryption.disable(data_dir, PASSWORD)
    with Store.open(data_dir) as store:
        store.delete_student(store.list_students(store.list_classes()[0].id)[0].id)
    restore_backup_file(data_dir, saved, PASSWORD)
    assert student_names(data_dir) == [NAME]
    assert encryption.is_encrypted(data_dir), "an encrypted backup is never written back as plain data"
    assert NAME.encode() not in all_bytes(data_dir)


def test_a_damaged_encrypted_backup_is_refused_and_nothing_changes(data_dir, tmp_path):
    saved, _ = encrypted_backup_on_a_stick(data_dir, tmp_path)
    damaged = tmp_path / "damaged" / saved.name
    damaged.parent.mkdir()
    data = bytearray(saved.read_bytes())
    data[5000:9000] = bytes(4000)
    damaged.write_bytes(bytes(data))
    shutil.copyfile(carried_keys.keys_beside(saved), carried_keys.keys_beside(damaged))
    laptop = new_laptop(tmp_path)
    before = sorted(p.name for p in laptop.rglob("*"))
    with pytest.raises(LamplightError):
        restore_backup_file(laptop, damaged, PASSWORD)
    assert sorted(p.name for p in laptop.rglob("*") if "attempts" not in p.name) == [n for n in before if "attempts" not in n]
    assert not encryption.is_encrypted(laptop) and not (laptop / encryption.KEY_FILE).exists()


def test_the_command_line_restore_asks_for_the_backups_password(data_dir, tmp_path, monkeypatch, capsys):
    from tests.safety.test_safety_cli import run

    saved, _ = encrypted_backup_on_a_stick(data_dir, tmp_path)
    laptop = new_laptop(tmp_path)
    code, out = run(monkeypatch, capsys, laptop, "restore", str(saved), "--yes", stdin="owl-42-lanterm\n")
    assert code == 1 and "neither the teacher password nor the recovery key this backup" in out, out
    assert student_names(laptop) == [] and not encryption.is_encrypted(laptop)
    code, out = run(monkeypatch, capsys, laptop, "restore", str(saved), "--yes", stdin=PASSWORD + "\n")
    assert code == 0, out
    assert "this backup is encrypted" in out and "now encrypted" in out and f"restored {saved}" in out
    assert student_names(laptop) == [NAME]


def test_a_restore_that_stops_before_the_swap_leaves_the_plain_data_as_it_was(data_dir, tmp_path, monkeypatch):
    saved, _ = encrypted_backup_on_a_stick(data_dir, tmp_path)
    laptop = new_laptop(tmp_path)
    real_replace = encryption.os.replace

    def killed(source, target):
        if str(target).endswith("lamplight.sqlite3"):
            raise KeyboardInterrupt("killed just before the encrypted copy took the store's place")
        return real_replace(source, target)

    monkeypatch.setattr(encryption.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        restore_backup_file(laptop, saved, PASSWORD)
    monkeypatch.setattr(encryption.os, "replace", real_replace)
    encryption._KEYS.clear()
    assert not encryption.is_encrypted(laptop)
    with Store.open(laptop) as store:
        assert [c.name for c in store.list_classes()] == ["Reception"], "today's data is there, untouched"
        assert store.list_backups()[0].reason == "pre-restore"
    restore_backup_file(laptop, saved, PASSWORD)  # trying again works
    assert student_names(laptop) == [NAME] and encryption.is_encrypted(laptop)


def test_a_restore_that_stops_while_encrypting_the_backups_is_finished_at_the_next_unlock(data_dir, tmp_path, monkeypatch):
    saved, _ = encrypted_backup_on_a_stick(data_dir, tmp_path)
    laptop = new_laptop(tmp_path)
    real_encrypt = encryption._encrypt_plain_backups

    def killed(folder, data_key):
        raise KeyboardInterrupt("killed before the plain backups were encrypted")

    monkeypatch.setattr(encryption, "_encrypt_plain_backups", killed)
    with pytest.raises(KeyboardInterrupt):
        restore_backup_file(laptop, saved, PASSWORD)
    monkeypatch.setattr(encryption, "_encrypt_plain_backups", real_encrypt)
    encryption._KEYS.clear()
    assert encryption.is_encrypted(laptop) and encryption.plain_files(laptop), "the plain backups are still there"
    encryption.unlock(laptop, PASSWORD)
    assert encryption.plain_files(laptop) == []
    assert student_names(laptop) == [NAME]
    with Store.open(laptop) as store:
        safety = store.list_backups()[0]
        assert safety.reason == "pre-restore"
        with Store.open_file(safety.path, tmp_path / "unused") as before:
            assert [c.name for c in before.list_classes()] == ["Reception"]


def test_recover_puts_back_the_folders_own_encrypted_usb_backup_and_refuses_another_folders(data_dir, tmp_path, monkeypatch, capsys):
    from engine import paths
    from tests.safety.test_safety_cli import run

    saved, _ = encrypted_backup_on_a_stick(data_dir, tmp_path)
    store_file = paths.store_path(data_dir)
    store_file.write_bytes(store_file.read_bytes()[:3000])  # damaged
    code, out = run(monkeypatch, capsys, data_dir, "recover", "--yes", "--backup", str(saved), stdin=PASSWORD + "\n")
    assert code == 0 and f"Restored {saved}" in out, out
    assert student_names(data_dir) == [NAME] and encryption.is_encrypted(data_dir)

    (tmp_path / "elsewhere-stick").mkdir()
    other, _ = encrypted_backup_on_a_stick(tmp_path / "elsewhere", tmp_path / "elsewhere-stick")
    encryption._KEYS.clear()
    code, out = run(monkeypatch, capsys, data_dir, "recover", "--yes", "--backup", str(other), stdin=PASSWORD + "\n")
    assert code == 1 and "encrypted with the key of another data folder" in out and "python -m engine restore FILE" in out, out
    assert student_names(data_dir) == [NAME]


def test_recover_encrypts_a_backup_made_before_encryption(data_dir, tmp_path, monkeypatch, capsys):
    from engine import paths
    from tests.safety.test_safety_cli import run

    make_class(data_dir, PASSWORD)
    with Store.open(data_dir) as store:
        plain = save_backup_to(store, tmp_path)
    encryption.enable(data_dir, PASSWORD, new_recovery_key())
    store_file = paths.store_path(data_dir)
    store_file.write_bytes(store_file.read_bytes()[:3000])
    encryption._KEYS.clear()
    code, out = run(monkeypatch, capsys, data_dir, "recover", "--yes", "--backup", str(plain), stdin=PASSWORD + "\n")
    assert code == 0, out
    assert encryption.is_encrypted(data_dir), "the data put back stays encrypted"
    assert student_names(data_dir) == [NAME]


def test_another_backup_s_key_file_beside_a_backup_is_named_as_such(data_dir, tmp_path):
    """Review 32a: the key file of another backup (same password) beside a backup was "damaged or belongs to another
    data folder … run recover", naming an internal working copy, with the teacher's data intact."""
    stick, _ = encrypted_backup_on_a_stick(data_dir, tmp_path)
    other_folder = tmp_path / "other"
    make_class(other_folder, PASSWORD)
    other, _ = encrypt_and_save_to_a_stick(other_folder, PASSWORD, tmp_path / "usb2")
    shutil.copyfile(carried_keys.keys_beside(other), carried_keys.keys_beside(stick))
    laptop = new_laptop(tmp_path)
    before = student_names(laptop)
    with pytest.raises(LamplightError) as refused:
        restore_backup_file(laptop, stick, PASSWORD)
    said = str(refused.value)
    assert f"{stick}: the key file beside it, {carried_keys.keys_beside(stick).name}, belongs to another backup" in said
    assert ".restoring" not in said and "recover" not in said
    assert student_names(laptop) == before


def test_a_backup_cut_short_on_the_stick_is_called_so_not_blamed_on_its_own_key_file(data_dir, tmp_path):
    """Review 48a: the first 200 KB of an encrypted USB backup, its own key file beside it and the right password, was
    "the key file beside it … belongs to another backup"; a file of random bytes was "an encrypted backup"."""
    stick, _ = encrypted_backup_on_a_stick(data_dir, tmp_path)
    laptop = new_laptop(tmp_path)
    before = student_names(laptop)
    for kept in (len(stick.read_bytes()) // 2, 1024, 100):  # review 48c: 1 KB and 100 bytes still blamed the key file
        cut = tmp_path / f"cut-{kept}" / stick.name
        cut.parent.mkdir()
        cut.write_bytes(stick.read_bytes()[:kept])
        shutil.copyfile(carried_keys.keys_beside(stick), carried_keys.keys_beside(cut))
        with pytest.raises(LamplightError, match=r"this backup is damaged or incomplete \(was the USB stick taken") as refused:
            restore_backup_file(laptop, cut, PASSWORD)
        assert "belongs to another backup" not in str(refused.value)
    noise = tmp_path / "noise.sqlite3"
    noise.write_bytes(bytes(range(256)) * 16)  # 4 KB, whole pages, no SQLite header: as an encrypted file looks
    with pytest.raises(LamplightError, match="Lamplight cannot read this file. If it is an encrypted backup") as refused:
        restore_backup_file(laptop, noise)
    assert "Otherwise it is damaged, or not a Lamplight backup" in str(refused.value)
    assert student_names(laptop) == before


def test_a_data_folder_without_its_key_file_says_so(data_dir):
    """Review 32a: the data file copied alone (the README says all data is in one file), the right password was
    "not the teacher password" and the data "DAMAGED"."""
    make_class(data_dir, PASSWORD)
    encryption.enable(data_dir, PASSWORD, new_recovery_key())
    encryption.lock(data_dir)
    (data_dir / encryption.KEY_FILE).unlink()
    with pytest.raises(LamplightError, match=r"is encrypted, but its key file lamplight.keys.json is missing from"):
        Store.open(data_dir)


@pytest.mark.parametrize("damage", ["zeroed start", "folder", "pipe"])
def test_what_is_not_an_encrypted_backup_is_not_called_one(data_dir, tmp_path, damage):
    """Review 32a: a plain backup with its first 16 bytes zeroed was "an encrypted backup … copy its key file"; a
    folder was "the disk reported a problem"; a named pipe made restore wait for ever."""
    import os

    make_class(data_dir, PASSWORD)
    with Store.open(data_dir) as store:
        saved = save_backup_to(store, tmp_path)
    if damage == "zeroed start":
        with open(saved, "r+b") as handle:
            handle.write(bytes(16))
        expected = "damaged|not a Lamplight|changed after Lamplight saved it on this laptop"
    elif damage == "folder":
        saved = tmp_path / "a-folder.sqlite3"
        saved.mkdir()
        expected = "is a folder or a device, not a backup file"
    else:
        saved = tmp_path / "pipe.sqlite3"
        os.mkfifo(saved)
        expected = "is a folder or a device, not a backup file"
    with pytest.raises(LamplightError, match=expected) as refused:
        restore_backup_file(data_dir, saved)
    said = str(refused.value).replace(str(tmp_path), "STICK")
    assert "encrypted" not in said and ".restoring" not in said, said
    assert student_names(data_dir) == [NAME]


def test_one_class_comes_in_from_an_encrypted_backup_with_its_password_and_the_folder_stays_plain(data_dir, tmp_path):
    from engine.store.class_transfer import add_class_from_backup, classes_in_backup

    saved, recovery_key = encrypted_backup_on_a_stick(tmp_path / "colleague", tmp_path)
    folder = new_laptop(tmp_path)
    with Store.open(folder) as store:
        with pytest.raises(BackupLockedError):
            classes_in_backup(store, saved)
        with pytest.raises(WrongPasswordError):
            classes_in_backup(store, saved, "not-the-password")
        listed = classes_in_backup(store, saved, recovery_key)
        assert [(c.name, c.students) for c in listed] == [("4B", 1)]
        added = add_class_from_backup(store, saved, listed[0].id, "4B", PASSWORD)
        assert [s.name for s in store.list_students(added.class_id)] == [NAME]
    assert not encryption.is_encrypted(folder), "only rows came in: the plain folder stays plain"
    assert student_names(folder) == [NAME]
