"""Settings → "Change teacher password…", pressed and typed as a teacher does.

The current password is checked before the new one is asked for; the new one is
typed twice (a typo would lock the teacher out; two different typings ask
again); with encryption on it is checked for strength as it is typed, with the
rule shown.
"""
from __future__ import annotations

import argon2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import security
from desktop.workers import shown_errors
from engine.security.passwords import new_recovery_key
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, press, type_text

OLD = "kettle-violin-9-oak"
NEW = "harbour-mango-4-elk"


def change_password(page, *steps):
    assert page.password_button.text() == "Change teacher password…"
    answers = DialogAnswers().expect(*steps)
    QTest.mouseClick(page.password_button, Qt.MouseButton.LeftButton)
    finish_jobs()
    return answers.finish()


def test_the_new_password_is_typed_twice_and_a_wrong_current_one_is_refused_first(make_window, real_dialogs):
    window = make_window()
    store = window.context.store
    security.set_teacher_password(store, OLD)
    page = window.open_page("settings")
    page.refresh()

    change_password(page, type_text("not-the-password"))
    assert shown_errors() == ["That is not the current teacher password; nothing was changed."]

    seen = change_password(page, type_text(OLD), type_text(NEW), type_text(NEW + "x"), press("Cancel"))
    assert seen[-1].text.startswith("The two passwords were different. Type the new password again.")
    assert not shown_errors() and security.verify_teacher_password(store, OLD)

    seen = change_password(page, type_text(OLD), type_text("abc"), type_text(NEW), type_text(NEW + "x"),
                           type_text(NEW), type_text(NEW), press("OK"))
    assert seen[2].text.startswith("The teacher password must have at least 4 characters.")
    assert [s.title for s in seen] == ["Teacher password"] * 7 and seen[-1].text == "The teacher password was changed."
    assert security.verify_teacher_password(store, NEW) and not security.verify_teacher_password(store, OLD)


@pytest.fixture
def encrypted_window(make_window, monkeypatch):
    """A window on the demo class whose data folder is encrypted with the password OLD (cheap key derivation)."""
    pytest.importorskip("sqlcipher3", reason="encryption needs the optional sqlcipher3 package")
    from engine.security import encryption, passwords

    monkeypatch.setattr(passwords, "DEFAULT_HASHER", argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    monkeypatch.setattr(encryption, "KDF", {"name": "argon2id", "time_cost": 1, "memory_cost": 8, "parallelism": 1})
    try:
        window = make_window()
        security.set_teacher_password(window.context.store, OLD)
        window.context.close_store()
        encryption.enable(window.context.data_dir, OLD, new_recovery_key())
        yield window
    finally:
        encryption._KEYS.clear()
        encryption._FILE_KEYS.clear()


def test_with_encryption_on_a_weak_new_password_is_refused_as_it_is_typed(encrypted_window, real_dialogs):
    from engine.security import encryption

    window = encrypted_window
    page = window.open_page("settings")
    page.refresh()
    seen = change_password(page, type_text(OLD), type_text("School2025!"), type_text(NEW), type_text(NEW), press("OK"))
    asked, weak = seen[1].text, seen[2].text
    assert "Choose the new teacher password." in asked and "at least 10 characters" in asked
    assert weak.startswith("That password is too weak to protect encrypted data (")
    assert seen[-1].text.startswith("The teacher password was changed.\n\nThe encrypted data keeps its key."), \
        "review 32a: an old key file opens the data with the old password; the teacher is told what makes a new key"
    assert "press “New encryption key…”" in seen[-1].text
    assert security.verify_teacher_password(window.context.store, NEW)
    encryption.lock(window.context.data_dir)
    window.context.close_store()
    encryption.unlock(window.context.data_dir, NEW)  # the data key is re-wrapped with the new password
    assert not shown_errors()


def test_five_wrong_passwords_at_start_say_why_the_app_closes(encrypted_window, real_dialogs):
    """Review 26: with encrypted data, the fifth wrong password at start closed the app without a word."""
    from engine.security import encryption

    data_dir = encrypted_window.context.data_dir
    encryption.lock(data_dir)
    answers = DialogAnswers().expect(*[type_text(f"wrong-{n}") for n in range(5)], press("OK"))
    assert not security.unlock_encrypted_folder(encrypted_window, data_dir)
    seen = answers.finish()
    assert "That is not the teacher password." in seen[4].text
    assert seen[5].text.startswith("Too many wrong passwords: Lamplight closes now.") and "recovery key" in seen[5].text
    assert not encryption.is_unlocked(data_dir)


@pytest.mark.parametrize("key_file", ["missing", "damaged"])
def test_a_missing_or_damaged_key_file_is_said_before_any_password_is_asked(encrypted_window, real_dialogs, key_file):
    """Review 32a: without its key file the right password was "not the teacher password" five times, then
    "type the recovery key", which could not work either."""
    from engine.security import encryption

    data_dir = encrypted_window.context.data_dir
    encryption.lock(data_dir)
    if key_file == "missing":
        (data_dir / encryption.KEY_FILE).unlink()
    else:
        (data_dir / encryption.KEY_FILE).write_text("{\"format\": \"lamplight-keys\", ", encoding="utf-8")
    answers = DialogAnswers().expect()
    assert not security.unlock_encrypted_folder(encrypted_window, data_dir)
    assert answers.finish() == [], "no password is asked for"
    [said] = shown_errors()
    expected = "is encrypted, but its key file lamplight.keys.json is missing" if key_file == "missing" else "is damaged"
    assert expected in said and "teacher password" not in said.split(".")[0]


def test_wrong_passwords_at_start_wait_across_restarts_and_guesses_in_settings_wait_too(encrypted_window, real_dialogs):
    """Review 28b: each start gave five more free tries (15 in 0.4 s over three starts), and Settings' "Change teacher
    password…" took guesses one after another without end."""
    from engine.security import attempts, encryption

    data_dir = encrypted_window.context.data_dir
    encryption.lock(data_dir)
    answers = DialogAnswers().expect(*[type_text(f"wrong-{n}") for n in range(5)], press("OK"))
    assert not security.unlock_encrypted_folder(encrypted_window, data_dir)
    seen = answers.finish()
    assert seen[5].text.startswith("Too many wrong passwords") and attempts.seconds_to_wait(data_dir) > 0
    answers = DialogAnswers().expect(type_text(OLD), press("Cancel"))  # the next start: even the right one waits
    assert not security.unlock_encrypted_folder(encrypted_window, data_dir)
    seen = answers.finish()
    assert seen[0].text.startswith("Too many wrong passwords: wait") and not encryption.is_unlocked(data_dir)

    encryption._KEYS.clear()
    (data_dir / attempts.ATTEMPTS_FILE).unlink()
    encryption.unlock(data_dir, OLD)
    window = encrypted_window
    window.context.open_store()
    page = window.open_page("settings")
    page.refresh()
    for n in range(5):
        change_password(page, type_text(f"guess-{n}"))
    security._EXIT_ATTEMPTS.clear()  # the app closed and started again: the count is kept in the data folder (28d)
    seen = change_password(page, press("OK"))  # the sixth: asked to wait, no prompt for a password
    assert seen[0].text.startswith("Too many wrong passwords: wait")
    assert shown_errors() == ["That is not the current teacher password; nothing was changed."] * 5


def test_encrypted_data_opened_with_the_recovery_key_asks_for_a_new_password(make_window, monkeypatch, real_dialogs):
    """Review 28b: the recovery key opened the data but asked for no new password, and Settings wanted the forgotten
    one: the key had to be typed at every start."""
    pytest.importorskip("sqlcipher3", reason="encryption needs the optional sqlcipher3 package")
    from engine.security import encryption

    monkeypatch.setattr(encryption, "KDF", {"name": "argon2id", "time_cost": 1, "memory_cost": 8, "parallelism": 1})
    try:
        window = make_window()
        security.set_teacher_password(window.context.store, OLD)
        window.context.close_store()
        key = new_recovery_key()  # a new recovery key, the one to keep
        encryption.enable(window.context.data_dir, OLD, key)
        encryption.lock(window.context.data_dir)
        answers = DialogAnswers().expect(type_text(key))
        assert security.unlock_encrypted_folder(window, window.context.data_dir)
        answers.finish()
        store = window.context.store
        answers = DialogAnswers().expect(type_text(NEW), type_text(NEW), press("I have kept it safe"))
        security.after_unlock(window, window.context)
        shown = answers.finish()
        assert security.verify_teacher_password(store, NEW)
        # review 51f: the USB backups saved before open only with the old key, and the new key's window said nothing
        assert "Backups saved to USB sticks before today still open only with the old password or the old recovery key" \
            in shown[-1].text, shown[-1].text
    finally:
        encryption._KEYS.clear()
        encryption._FILE_KEYS.clear()
