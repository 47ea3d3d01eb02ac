"""Backups once encryption is on, pressed and answered as a teacher does (the reviewer's round 30).

A backup saved to a USB stick from an encrypted folder restores on another
laptop with the password or the recovery key; a backup made before encryption
restores into the encrypted folder; turning encryption on asks for a strong
password up front; the backup list tells its backups apart. The folder and
file choosers are Qt's static dialogs, answered by patching them (as in
test_carried_backups); every other dialog is the real one, answered by its button.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import argon2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

pytest.importorskip("sqlcipher3", reason="encryption needs the optional sqlcipher3 package")

from desktop import security
from desktop.workers import shown_errors
from engine.security import carried_keys, encryption
from engine.security.passwords import Credentials, new_recovery_key
from engine.store import Store
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, press, spin, type_text
from tests.gui.test_encryption_setting import past_progress
from tests.safety.test_carried_encrypted_backups import encrypt_and_save_to_a_stick

PASSWORD = "owl-river-lantern-7"
OLD_LAPTOP_NAME = "Zhang Xiuying"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def cheap_crypto(monkeypatch):
    from engine.security import passwords

    monkeypatch.setattr(passwords, "DEFAULT_HASHER", argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    monkeypatch.setattr(encryption, "KDF", {"name": "argon2id", "time_cost": 1, "memory_cost": 8, "parallelism": 1})
    yield
    encryption._KEYS.clear()
    encryption._FILE_KEYS.clear()


def click(widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), f"{widget.text()} cannot be pressed"
    QTest.mouseClick(widget, LEFT)


def choosers(monkeypatch, folder=None, file=None) -> list[tuple[str, str]]:
    """The folder/file choosers return ``folder``/``file`` as if picked; records (title, folder it opened in)."""
    asked: list[tuple[str, str]] = []

    def pick_folder(parent, title, start="", *args, **kwargs):
        asked.append((title, start))
        return str(folder) if folder else ""

    def pick_file(parent, title, start="", *args, **kwargs):
        asked.append((title, start))
        return (str(file) if file else "", "")

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(pick_folder))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick_file))
    return asked


def stick_from_an_encrypted_laptop(tmp_path):
    """Another laptop's encrypted data folder, one student, saved to a stick; returns (backup, recovery key)."""
    old = tmp_path / "old-laptop"
    with Store.open(old) as store:
        store.add_student(store.create_class("4B"), OLD_LAPTOP_NAME)
        Credentials(store.get_setting, store.set_setting).setup(PASSWORD)
    return encrypt_and_save_to_a_stick(old, PASSWORD, tmp_path / "usb")


def names(window) -> list[str]:
    store = window.context.store
    return sorted(s.name for c in store.list_classes(include_archived=True) for s in store.list_students(c.id))


def encrypt_through_the_engine(window, password=PASSWORD):
    security.set_teacher_password(window.context.store, password)
    window.context.close_store()
    encryption.enable(window.context.data_dir, password, new_recovery_key())


def test_an_encrypted_usb_backup_restores_on_another_laptop_after_its_password(make_window, real_dialogs, monkeypatch, tmp_path):
    saved, _ = stick_from_an_encrypted_laptop(tmp_path)
    window = make_window()  # the new laptop: its own (demo) data, not encrypted
    page = window.open_page("settings")
    assert page.encryption_state.text().startswith("Off")
    choosers(monkeypatch, file=saved)
    answers = past_progress(  # on a busy machine the "Checking the backup…" box may come first: not answered
        DialogAnswers(),
        type_text("owl-river-lantern-8"),  # a wrong password first
        type_text(PASSWORD),
        press("Restore"),
        press("OK"),
    )
    click(page.restore_file_button)
    for _ in range(4):
        finish_jobs()
        spin(50)
    seen = answers.finish()
    finish_jobs()
    asked_first, asked_again, question, told = seen
    assert "This backup is encrypted" in asked_first.text and asked_first.widget_type == "TextPrompt"
    assert asked_again.text.startswith("That is neither the password nor the recovery key this backup was saved with")
    assert "<td>Students</td><td align='right'>1</td>" in question.text and "encrypted too" in question.text
    assert "now encrypted too" in told.text
    assert names(window) == [OLD_LAPTOP_NAME]
    data_dir = window.context.data_dir
    assert encryption.is_encrypted(data_dir) and page.encryption_state.text().startswith("On")
    assert OLD_LAPTOP_NAME.encode() not in b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    assert security.verify_teacher_password(window.context.store, PASSWORD), "the backup's password opens the screens"
    assert window.context.store.list_backups()[0].reason == "pre-restore", "today's data was backed up first"
    assert window.statusBar().currentMessage() == "Backup restored."
    assert not shown_errors()


def test_the_recovery_key_opens_it_too_and_cancel_changes_nothing(make_window, real_dialogs, monkeypatch, tmp_path):
    saved, recovery_key = stick_from_an_encrypted_laptop(tmp_path)
    window = make_window()
    page = window.open_page("settings")
    before = names(window)
    choosers(monkeypatch, file=saved)
    answers = past_progress(DialogAnswers(), type_text(recovery_key), press("Cancel"))
    click(page.restore_file_button)
    for _ in range(3):
        finish_jobs()
        spin(50)
    answers.finish()
    assert names(window) == before and not encryption.is_encrypted(window.context.data_dir)


def test_an_encrypted_folder_saves_the_key_beside_the_backup_and_says_what_it_wrote(make_window, real_dialogs, monkeypatch, tmp_path):
    window = make_window()
    encrypt_through_the_engine(window)
    page = window.open_page("settings")
    page.refresh()
    stick = tmp_path / "usb"
    stick.mkdir()
    asked = choosers(monkeypatch, folder=stick)
    answers = DialogAnswers().expect(press("OK"))
    click(page.save_to_button)
    finish_jobs()
    [told] = answers.finish()
    [saved] = [p for p in stick.iterdir() if p.suffix == ".sqlite3"]
    keys = carried_keys.keys_beside(saved)
    assert sorted(p.name for p in stick.iterdir()) == sorted([saved.name, keys.name])
    assert saved.name in told.text and keys.name in told.text and "recovery key" in told.text
    assert "python -m" not in told.text
    asked = choosers(monkeypatch)
    answers = DialogAnswers().expect(type_text(PASSWORD))  # a restore asks for the teacher password first (review 28b)
    click(page.restore_file_button)
    answers.finish()
    assert asked == [("Restore from a file…", str(stick))], "the chooser opens where the backup was just saved"


def test_a_backup_saved_before_encryption_restores_into_the_encrypted_folder(make_window, real_dialogs, monkeypatch, tmp_path):
    """The reviewer's crash: "backup() argument 'target' must be sqlite3.Connection, not sqlcipher3...Connection"."""
    window = make_window()
    page = window.open_page("settings")
    stick = tmp_path / "usb"
    stick.mkdir()
    choosers(monkeypatch, folder=stick)
    told = DialogAnswers().expect(press("OK"))  # where it was saved
    click(page.save_to_button)
    finish_jobs()
    told.finish()
    [plain] = list(stick.iterdir())
    assert not encryption.is_encrypted_file(plain)
    encrypt_through_the_engine(window)
    store = window.context.store
    before = names(window)
    store.delete_student(store.list_students(window.context.class_id)[0].id)
    page.refresh()

    choosers(monkeypatch, file=plain)
    answers = DialogAnswers().expect(type_text(PASSWORD), press("Restore"))
    click(page.restore_file_button)
    for _ in range(3):
        finish_jobs()
        spin(50)
    answers.finish()
    finish_jobs()
    assert not shown_errors()
    assert names(window) == before
    assert encryption.is_encrypted(window.context.data_dir) and encryption.plain_files(window.context.data_dir) == []
    assert security.verify_teacher_password(window.context.store, PASSWORD)


def test_encrypting_without_a_password_asks_for_a_strong_one_first_and_never_shows_a_command(make_window, real_dialogs):
    window = make_window()
    page = window.open_page("settings")
    page.refresh()
    shown = {}

    def keep_key(dialog):
        from PySide6.QtWidgets import QLineEdit

        shown["key"] = dialog.findChild(QLineEdit, "recoveryKey").text()
        shown["encrypted while shown"] = encryption.is_encrypted(window.context.data_dir)
        press("I have kept it safe")(dialog)

    answers = past_progress(DialogAnswers(), press("Encrypt the data"), type_text("1234"), type_text(PASSWORD), type_text(PASSWORD),
                            keep_key, press("OK"))
    click(page.encrypt_button)
    finish_jobs()
    seen = answers.finish()
    question, first, weak, again, recovery, done = seen
    assert "at least 10 characters" in first.text and "copies the data folder" in first.text
    assert weak.text.startswith("That password is too weak to protect encrypted data: it has only 4 characters")
    assert "The teacher password is set." not in recovery.text and recovery.text.startswith("This is the data's recovery key.")
    assert shown["encrypted while shown"] is False, "one key, shown before anything is encrypted (review 33b)"
    assert "now encrypted" in done.text
    assert not any("python -m" in s.text for s in seen)
    assert encryption.is_encrypted(window.context.data_dir)
    assert security.verify_teacher_password(window.context.store, PASSWORD)
    assert security.credentials(window.context.store).verify_recovery_key(shown["key"])


def test_a_weak_practice_password_is_replaced_by_a_strong_one_before_encrypting_in_chinese(make_window, real_dialogs):
    window = make_window(language="zh_CN")
    security.set_teacher_password(window.context.store, "1234")
    page = window.open_page("settings")
    page.refresh()
    answers = past_progress(DialogAnswers(), press("加密数据"), type_text("1234", "确定"), type_text(PASSWORD, "确定"),
                            type_text(PASSWORD, "确定"), press("我已妥善保存"), press("确定"))
    click(page.encrypt_button)
    finish_jobs()
    seen = answers.finish()
    assert "1234" not in seen[2].text and "4" in seen[2].text and "python" not in " ".join(s.text for s in seen)
    assert encryption.is_encrypted(window.context.data_dir)
    assert security.verify_teacher_password(window.context.store, PASSWORD)
    assert not security.verify_teacher_password(window.context.store, "1234")


def test_the_backup_list_names_the_encryption_backup_and_tells_same_minute_backups_apart(make_window):
    window = make_window()
    encrypt_through_the_engine(window)
    store = window.context.store
    moment = datetime(2026, 12, 3, 21, 8, 5, tzinfo=timezone.utc)
    store.backup_now("manual", moment)
    store.backup_now("manual", moment + timedelta(seconds=20))
    store.backup_now("manual", moment + timedelta(seconds=20, microseconds=300))
    page = window.open_page("settings")
    page.refresh()
    labels = [page.backup_list.item(i).text() for i in range(page.backup_list.count())]
    assert any(label.endswith("(made when the data was encrypted)") for label in labels), labels
    made_now = [label for label in labels if "Make a backup now" in label]
    assert len(made_now) == 3 and len(set(made_now)) == 3, made_now


def test_the_backup_list_in_chinese_puts_the_reason_in_full_width_brackets(make_window):
    """Review 44: the Chinese list kept English "(…)" around the reason."""
    window = make_window(language="zh_CN")
    window.context.store.backup_now("manual", datetime(2026, 12, 3, 21, 8, 5, tzinfo=timezone.utc))
    page = window.open_page("settings")
    page.refresh()
    labels = [page.backup_list.item(i).text() for i in range(page.backup_list.count())]
    made_now = [label for label in labels if "（" in label and label.endswith("）")]
    assert made_now and not any("(" in label for label in labels), labels


def test_a_usb_backup_copied_without_its_key_file_says_which_file_to_copy(make_window, monkeypatch, tmp_path):
    import shutil

    saved, _ = stick_from_an_encrypted_laptop(tmp_path)
    alone = tmp_path / "copied-alone" / saved.name
    alone.parent.mkdir()
    shutil.copyfile(saved, alone)
    window = make_window()
    page = window.open_page("settings")
    before = names(window)
    choosers(monkeypatch, file=alone)
    click(page.restore_file_button)  # no password prompt: without the key file nothing could open it
    finish_jobs()
    [message] = shown_errors()
    assert message.startswith(f"{alone}: Lamplight cannot read this file. If it is an encrypted backup saved on another")
    assert f"its key file {saved.name}.keys.json, saved beside it" in message and "Nothing was changed." in message
    assert names(window) == before and not encryption.is_encrypted(window.context.data_dir)


def test_a_usb_copy_cut_short_says_it_is_incomplete_and_nothing_was_changed_once(make_window, real_dialogs, monkeypatch,
                                                                                   tmp_path):
    """Review 48c: the damaged-backup message said "Nothing was changed" twice, in the screen's first sentence and
    again in the engine's reason."""
    import shutil

    saved, _ = stick_from_an_encrypted_laptop(tmp_path)
    cut = tmp_path / "cut" / saved.name
    cut.parent.mkdir()
    cut.write_bytes(saved.read_bytes()[:8192])
    shutil.copyfile(carried_keys.keys_beside(saved), carried_keys.keys_beside(cut))
    window = make_window()
    page = window.open_page("settings")
    before = names(window)
    choosers(monkeypatch, file=cut)
    answers = past_progress(DialogAnswers(), type_text(PASSWORD))
    click(page.restore_file_button)
    for _ in range(3):
        finish_jobs()
        spin(50)
    answers.finish()
    [message] = shown_errors()
    assert "this backup is damaged or incomplete (was the USB stick taken out" in message, message
    assert message.count("Nothing was changed") == 1, message
    assert names(window) == before
