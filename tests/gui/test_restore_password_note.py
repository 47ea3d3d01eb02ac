"""The restore question says what restoring does to the teacher password, pressed as a teacher does.

The reviewer's case: after restoring another laptop's encrypted backup from a
USB stick, putting back "the backup taken just before a restore" left the other
laptop's password in place without a word. Now the question before every
restore says when the password changes back, is removed, or (encrypted data)
stays the one in use now.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import security
from desktop.workers import shown_errors
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, press, spin, type_text
from tests.gui.test_encryption_setting import past_progress

LEFT = Qt.MouseButton.LeftButton
FIRST = "kettle-violin-9-oak"
SECOND = "harbour-mango-4-elk"


def click(widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), f"{widget.text()} cannot be pressed"
    QTest.mouseClick(widget, LEFT)


def pick_backup(page, reason_words: str) -> None:
    """Click the backup whose line says ``reason_words`` in the list (the first such line: the newest)."""
    view = page.backup_list
    for row in range(view.count()):
        item = view.item(row)
        if reason_words in item.text():
            view.scrollToItem(item)
            QTest.mouseClick(view.viewport(), LEFT, pos=view.visualItemRect(item).center())
            assert view.currentItem() is item
            return
    raise AssertionError(f"no backup {reason_words!r} in {[view.item(r).text() for r in range(view.count())]}")


def restore_picked(page, answer: str = "Restore", password: str | None = None) -> str:
    """Press "Restore the selected backup…", type the teacher password (when there is one: review 28b), answer the
    question; returns what the question said."""
    steps = ([type_text(password)] if password else []) + [press(answer)]
    answers = past_progress(DialogAnswers(), *steps)
    click(page.restore_button)
    finish_jobs()
    seen = answers.finish()
    finish_jobs()
    if password:  # review 45: the bare "Teacher password:" did not say what it was asked for
        assert "Type the teacher password to restore a backup:" in seen[0].text, seen[0].text
    return seen[-1].text


def test_restoring_an_older_backup_says_the_password_in_use_stays_and_it_does(make_window, real_dialogs):
    """Review 51f: a restore gave back the password of the backup's time, and a colleague's backup hers: the teacher's
    own then opened neither the screens nor the restore of her own data from before."""
    window = make_window()
    store = window.context.store
    security.set_teacher_password(store, FIRST)
    page = window.open_page("settings")
    click(page.backup_button)  # "Make a backup now" with the first password
    finish_jobs()
    security.set_teacher_password(store, SECOND, old=FIRST)
    page.refresh()

    pick_backup(page, "Make a backup now")
    said = restore_picked(page, "Cancel", password=SECOND)
    assert "the teacher password and the recovery key stay the ones in use now" in said
    pick_backup(page, "Make a backup now")
    restore_picked(page, password=SECOND)
    assert security.verify_teacher_password(store, SECOND) and not security.verify_teacher_password(store, FIRST)
    assert not shown_errors()


def test_a_backup_from_before_any_password_keeps_the_password_and_a_same_password_backup_says_nothing(
        make_window, real_dialogs):
    window = make_window()
    store = window.context.store
    page = window.open_page("settings")
    click(page.backup_button)  # no password yet
    finish_jobs()
    security.set_teacher_password(store, FIRST)
    page.refresh()
    pick_backup(page, "Make a backup now")
    said = restore_picked(page, password=FIRST)
    assert "stay the ones in use now" in said
    assert security.verify_teacher_password(store, FIRST)

    click(page.backup_button)
    finish_jobs()
    page.refresh()
    pick_backup(page, "Make a backup now")
    said = restore_picked(page, password=FIRST)
    assert "teacher password" not in said and "recovery key" not in said, said
    assert security.verify_teacher_password(store, FIRST)


def test_after_a_usb_restore_of_another_laptops_encrypted_backup_going_back_says_the_password_stays(
        make_window, real_dialogs, monkeypatch, tmp_path):
    pytest.importorskip("sqlcipher3", reason="encryption needs the optional sqlcipher3 package")
    from engine.security import encryption
    from tests.gui.test_encrypted_backups import PASSWORD, choosers, names, stick_from_an_encrypted_laptop

    monkeypatch.setattr(encryption, "KDF", {"name": "argon2id", "time_cost": 1, "memory_cost": 8, "parallelism": 1})
    try:
        saved, _ = stick_from_an_encrypted_laptop(tmp_path)
        window = make_window()  # this laptop: plain, its own password and classes
        security.set_teacher_password(window.context.store, FIRST)
        own_classes = names(window)
        page = window.open_page("settings")
        choosers(monkeypatch, file=saved)
        answers = past_progress(DialogAnswers(), type_text(FIRST), type_text(PASSWORD), press("Restore"), press("OK"))
        click(page.restore_file_button)
        for _ in range(4):
            finish_jobs()
            spin(50)
        _, _, question, _ = answers.finish()
        finish_jobs()
        assert "changes back to the one that was in use when this backup was made" in question.text, \
            "the other laptop's password replaces this one's: the question says so"
        assert security.verify_teacher_password(window.context.store, PASSWORD)

        page.refresh()
        pick_backup(page, "taken just before a restore")
        said = restore_picked(page, password=PASSWORD)
        assert "made before the data was encrypted" not in said  # the safety backup was encrypted with the folder
        assert "after restoring, the teacher password and the recovery key stay the ones in use now" in said
        assert names(window) == own_classes, "this laptop's own classes are back"
        assert security.verify_teacher_password(window.context.store, PASSWORD), "as the question said"
        assert not security.verify_teacher_password(window.context.store, FIRST)
        assert encryption.is_encrypted(window.context.data_dir)
        assert not shown_errors()
    finally:
        encryption._KEYS.clear()
        encryption._FILE_KEYS.clear()


def test_a_restore_asks_for_the_teacher_password_first_and_a_wrong_one_restores_nothing(make_window, real_dialogs):
    """Review 28b: one click at a laptop left unlocked restored a backup from before the password, removing it."""
    window = make_window()
    store = window.context.store
    page = window.open_page("settings")
    click(page.backup_button)  # from before any password
    finish_jobs()
    security.set_teacher_password(store, FIRST)
    page.refresh()
    pick_backup(page, "Make a backup now")
    answers = DialogAnswers().expect(type_text("a child's guess"), press("OK"))
    click(page.restore_button)
    seen = answers.finish()
    finish_jobs()
    assert seen[0].title == "Teacher password" and "not the teacher password" in seen[1].text
    assert security.verify_teacher_password(store, FIRST), "nothing was restored"


def test_a_full_disk_while_bringing_a_backup_in_is_not_blamed_on_the_file(make_window, real_dialogs, monkeypatch, tmp_path):
    """Review 28b: "This file cannot be restored: it is not a Lamplight backup, it is damaged…" came first, for a
    laptop whose own disk was full; the teacher would think her USB backup bad."""
    import errno
    import os

    from PySide6.QtWidgets import QFileDialog

    from engine.store.backup_files import save_backup_to

    window = make_window()
    store = window.context.store
    stick = tmp_path / "usb"
    stick.mkdir()
    saved = save_backup_to(store, stick)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(saved), "")))

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("engine.store.backup_files.shutil.copyfile", full)
    page = window.open_page("settings")
    click(page.restore_file_button)
    finish_jobs()
    [error] = shown_errors()
    assert error.startswith("This laptop's disk is full") and "may be fine" in error and "restoring" not in error, error


def test_a_damaged_backup_in_the_list_says_so_and_offers_no_restore(make_window, real_dialogs):
    """Review 28b: the question showed the engine's error where the counts go, kept "Restore", and pressing it failed."""
    window = make_window()
    store = window.context.store
    page = window.open_page("settings")
    click(page.backup_button)
    finish_jobs()
    damaged = store.list_backups()[0].path
    data = bytearray(open(damaged, "rb").read())
    data[100:4096 * 3] = b"\x00" * (4096 * 3 - 100)
    open(damaged, "wb").write(bytes(data))
    page.refresh()
    pick_backup(page, "Make a backup now")
    before = store.counts()
    answers = DialogAnswers().expect(press("OK"))
    click(page.restore_button)
    [told] = answers.finish()
    finish_jobs()
    assert "cannot be restored" in told.text and told.buttons == ["OK"]
    assert store.counts() == before and not shown_errors()


def test_a_laptop_without_a_password_is_told_the_backup_brings_its_password(make_window, real_dialogs, monkeypatch, tmp_path):
    """Review 36a: on a new laptop with no password, restoring a backup said "the password used today no longer works"."""
    from engine.store import Store
    from tests.gui.test_carried_backups import answer_choosers

    with Store.open(tmp_path / "old laptop") as old:
        security.set_teacher_password(old, FIRST)
        backup = old.backup_now("manual")
    window = make_window(demo=False)
    store = window.context.store
    assert not security.has_teacher_password(store)
    page = window.open_page("settings")
    answer_choosers(monkeypatch, file=backup)
    answers = past_progress(DialogAnswers(), press("Restore"))
    click(page.restore_file_button)
    finish_jobs()
    said = answers.finish()[-1].text
    finish_jobs()
    assert "This backup has a teacher password" in said and "used today" not in said, said
    assert security.verify_teacher_password(store, FIRST)


def test_the_screens_lock_right_after_restoring_a_backup_that_brings_a_password(app, make_window, real_dialogs,
                                                                               monkeypatch, tmp_path):
    """Review 38b: the restore question said the teacher views would ask for the backup's password; after the restore
    every screen stayed open (until the idle lock or the next start)."""
    from desktop.security import install_idle_lock
    from engine.store import Store
    from tests.gui.dialogs import then
    from tests.gui.test_carried_backups import answer_choosers

    with Store.open(tmp_path / "old laptop") as old:
        security.set_teacher_password(old, FIRST)
        backup = old.backup_now("manual")
    window = make_window(demo=False)
    window.idle_guard = install_idle_lock(app, window, window.context)
    page = window.open_page("settings")
    answer_choosers(monkeypatch, file=backup)
    locked = []
    answers = past_progress(DialogAnswers(), press("Restore"),
                            then(lambda d: locked.append(not window.centralWidget().isVisible()), type_text(FIRST)))
    click(page.restore_file_button)
    finish_jobs()
    seen = answers.finish()
    finish_jobs()
    window.idle_guard.timer.stop()
    assert "right after restoring, the teacher views ask for it" in seen[-2].text
    assert seen[-1].widget_type == "PasswordDialog" and locked == [True]
    assert "protected by the teacher password" in seen[-1].text, "not locked after a while without use (review 38c)"
    assert window.centralWidget().isVisible(), "the backup's password opens them"
