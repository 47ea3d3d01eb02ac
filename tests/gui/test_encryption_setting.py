"""Settings' "Encrypt the data…": explains, asks, needs the teacher password, runs as a job, says what happened."""
from __future__ import annotations

import argon2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import security
from desktop.workers import shown_errors
from engine import paths
from engine.security import encryption
from engine.security.passwords import new_recovery_key
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, press, type_text

PASSWORD = "owl-river-lantern-7"


@pytest.fixture(autouse=True)
def cheap_crypto(monkeypatch):
    """Cheap Argon2 costs for the password hash and the key wrapping (the real costs are tested in tests/safety)."""
    from engine.security import passwords

    monkeypatch.setattr(passwords, "DEFAULT_HASHER", argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    monkeypatch.setattr(encryption, "KDF", {"name": "argon2id", "time_cost": 1, "memory_cost": 8, "parallelism": 1})


def past_progress(answers: DialogAnswers, *steps):
    """The steps, each waiting while the job's progress box (shown after 300 ms) is the modal widget in front."""
    from PySide6.QtWidgets import QProgressDialog

    def waiting(step):
        def run(dialog):
            if isinstance(dialog, QProgressDialog):
                answers.queue.insert(0, run)  # not this one: the next modal widget gets the step
                return
            step(dialog)
        return run

    return answers.expect(*(waiting(step) for step in steps))


def keeping_key(shown: dict):
    """A step for the recovery key's window: note the key in ``shown["key"]``, then "I have kept it safe"."""
    def keep_key(dialog):
        from PySide6.QtWidgets import QLineEdit

        shown["key"] = dialog.findChild(QLineEdit, "recoveryKey").text()
        press("I have kept it safe")(dialog)
    return keep_key


def settings_with_password(make_window, language="en"):
    window = make_window(language=language)
    security.set_teacher_password(window.context.store, PASSWORD)
    page = window.open_page("settings")
    page.refresh()
    return window, page


def test_encrypting_from_settings_shows_a_new_recovery_key_and_the_data_still_opens(make_window, real_dialogs):
    window, page = settings_with_password(make_window)
    classes = [c.name for c in window.context.store.list_classes(include_archived=True)]
    assert page.encryption_state.text().startswith("Off") and page.encrypt_button.isEnabled()
    shown = {}

    def keep_key(dialog):
        shown["encrypted while shown"] = encryption.is_encrypted(window.context.data_dir)
        keeping_key(shown)(dialog)

    answers = past_progress(DialogAnswers(), press("Encrypt the data"), type_text(PASSWORD), keep_key, press("OK"))
    QTest.mouseClick(page.encrypt_button, Qt.MouseButton.LeftButton)
    finish_jobs()
    seen = answers.finish()
    assert "Encrypt the data and its backups" in seen[0].text and "recovery key is shown first" in seen[0].text
    assert shown["encrypted while shown"] is False, "review 33b: the key is shown before anything changes"
    assert "now encrypted" in seen[-1].text and seen[-1].widget_type == "QMessageBox"
    store_file = paths.store_path(window.context.data_dir)
    assert encryption.is_encrypted(window.context.data_dir)
    assert not store_file.read_bytes().startswith(b"SQLite format 3"), "the file on disk is not readable without the key"
    assert [c.name for c in window.context.store.list_classes(include_archived=True)] == classes, "the app goes on"
    assert security.credentials(window.context.store).verify_recovery_key(shown["key"])
    assert page.encryption_state.text().startswith("On") and not page.encrypt_button.isEnabled()


def test_a_new_key_from_settings_leaves_the_old_key_opening_nothing(make_window, real_dialogs):
    """Review 32a: a new password keeps the data key; "New encryption key…" makes one, so an old copy of the key file
    (with the old password) opens nothing written since."""
    window, page = settings_with_password(make_window)
    window.context.close_store()
    encryption.enable(window.context.data_dir, PASSWORD, new_recovery_key())
    page.refresh()
    assert not page.encrypt_button.isVisibleTo(page) and page.new_key_button.isVisibleTo(page)
    old_key = encryption._KEYS[encryption._folder_key(window.context.data_dir)]
    classes = [c.name for c in window.context.store.list_classes(include_archived=True)]
    shown = {}
    keep_key = keeping_key(shown)

    answers = past_progress(DialogAnswers(), press("Encrypt under a new key"), type_text(PASSWORD), keep_key, press("OK"))
    QTest.mouseClick(page.new_key_button, Qt.MouseButton.LeftButton)
    finish_jobs()
    seen = answers.finish()
    assert "under a new key" in seen[0].text and "A new recovery key is shown first" in seen[0].text
    assert seen[-1].text.startswith("The data and its backups are now encrypted under a new key")
    data_dir = window.context.data_dir
    files = [paths.store_path(data_dir), *sorted((data_dir / paths.BACKUP_FOLDER).glob("lamplight-*.sqlite3"))]
    assert len(files) > 1 and not any(encryption._opens_with(f, old_key) for f in files)
    assert [c.name for c in window.context.store.list_classes(include_archived=True)] == classes, "the app goes on"
    assert security.credentials(window.context.store).verify_recovery_key(shown["key"])
    assert not shown_errors()


def test_a_wrong_password_for_a_new_key_changes_nothing_and_shows_no_key(make_window, real_dialogs):
    window, page = settings_with_password(make_window, language="zh_CN")
    window.context.close_store()
    encryption.enable(window.context.data_dir, PASSWORD, new_recovery_key())
    page.refresh()
    before = encryption.read_key_file(window.context.data_dir)
    answers = past_progress(DialogAnswers(), press("用新密钥重新加密"), type_text("guess-guess-1", "确定"))
    QTest.mouseClick(page.new_key_button, Qt.MouseButton.LeftButton)
    finish_jobs()
    assert len(answers.finish()) == 2, "the question and the password: no recovery key is shown"
    [message] = shown_errors()
    assert message == "这不是教师密码；什么都没有改动。"
    assert encryption.read_key_file(window.context.data_dir) == before


def test_a_wrong_password_encrypts_nothing_and_says_so_in_chinese(make_window, real_dialogs):
    window, page = settings_with_password(make_window, language="zh_CN")
    assert page.encrypt_button.text() == "加密数据…"
    answers = past_progress(DialogAnswers(), press("加密数据"), type_text("guess-guess-1", "确定"))
    QTest.mouseClick(page.encrypt_button, Qt.MouseButton.LeftButton)
    finish_jobs()
    answers.finish()
    [message] = shown_errors()
    assert message.startswith("这不是教师密码，没有加密任何数据。"), message
    assert not encryption.is_encrypted(window.context.data_dir)
    assert window.context.store.list_classes(include_archived=True), "the data opens as before"
    assert page.encrypt_button.isEnabled()


def test_turning_encryption_off_warns_first_needs_the_password_and_leaves_plain_data(make_window, real_dialogs):
    window, page = settings_with_password(make_window)
    window.context.close_store()
    encryption.enable(window.context.data_dir, PASSWORD, new_recovery_key())
    page.refresh()
    assert page.decrypt_button.isVisibleTo(page) and not page.encrypt_button.isVisibleTo(page)
    data_dir, store_file = window.context.data_dir, paths.store_path(window.context.data_dir)
    classes = [c.name for c in window.context.store.list_classes(include_archived=True)]

    answers = past_progress(DialogAnswers(), press("Cancel"))  # the default: nothing changes
    QTest.mouseClick(page.decrypt_button, Qt.MouseButton.LeftButton)
    finish_jobs()
    [warned] = answers.finish()
    assert "anyone who copies the data folder can then read" in warned.text
    assert encryption.is_encrypted(data_dir)

    answers = past_progress(DialogAnswers(), press("Turn encryption off"), type_text("guess-guess-1"))
    QTest.mouseClick(page.decrypt_button, Qt.MouseButton.LeftButton)
    finish_jobs()
    answers.finish()
    assert shown_errors() == ["That is not the teacher password; nothing was changed."]
    assert encryption.is_encrypted(data_dir)

    answers = past_progress(DialogAnswers(), press("Turn encryption off"), type_text(PASSWORD), press("OK"))
    QTest.mouseClick(page.decrypt_button, Qt.MouseButton.LeftButton)
    finish_jobs()
    seen = answers.finish()
    assert seen[-1].text.startswith("Encryption is off")
    assert not encryption.is_encrypted(data_dir) and store_file.read_bytes().startswith(b"SQLite format 3")
    backups = sorted((data_dir / paths.BACKUP_FOLDER).glob("lamplight-*.sqlite3"))
    assert backups and all(b.read_bytes().startswith(b"SQLite format 3") for b in backups)
    assert [c.name for c in window.context.store.list_classes(include_archived=True)] == classes, "the app goes on"
    assert page.encryption_state.text().startswith("Off") and page.encrypt_button.isVisibleTo(page)
    assert not page.decrypt_button.isVisibleTo(page) and not shown_errors()


def test_encryption_off_stopped_half_way_is_said_and_finished_from_settings(make_window, real_dialogs, monkeypatch):
    """A power cut during encryption off leaves the data plain and backups encrypted: Settings says so and its button
    decrypts the rest (the app did not ask for a password, so nothing else would)."""
    window, page = settings_with_password(make_window)
    window.context.close_store()
    data_dir = window.context.data_dir
    encryption.enable(data_dir, PASSWORD, new_recovery_key())

    def power_cut(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(encryption, "_convert_backups", power_cut)
        with pytest.raises(KeyboardInterrupt):
            encryption.disable(data_dir, PASSWORD)
    left = encryption.backups_left_encrypted(data_dir)
    assert left and not encryption.is_encrypted(data_dir)
    page.refresh()
    assert page.encryption_state.text().startswith(
        "Off, but a backup is still encrypted" if len(left) == 1 else f"Off, but {len(left)} backups are still encrypted")
    assert page.decrypt_button.isVisibleTo(page)

    answers = past_progress(DialogAnswers(), press("Decrypt them"), type_text(PASSWORD), press("OK"))
    QTest.mouseClick(page.decrypt_button, Qt.MouseButton.LeftButton)
    finish_jobs()
    asked = answers.finish()
    assert asked[0].text.startswith("The data on this computer is no longer encrypted, but some of its backups still are")
    assert encryption.backups_left_encrypted(data_dir) == [] and not encryption.key_file(data_dir).exists()
    assert page.encryption_state.text().startswith("Off: ") and not page.decrypt_button.isVisibleTo(page)
    assert not shown_errors()
