"""Settings' "Save a backup to…" and "Restore from a file…", pressed and answered as a teacher does.

The folder and file choosers are Qt's static dialogs, answered by patching them
to return a temporary path; the restore confirmation is the real message box,
answered by its real button.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from desktop.workers import shown_errors
from engine.paths import SAVED_COPIES_FILE
from engine.store.backup_files import saved_backup_time
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, press, spin

LEFT = Qt.MouseButton.LeftButton


def click(widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), f"{widget.text()} cannot be pressed"
    QTest.mouseClick(widget, LEFT)


def answer_choosers(monkeypatch, folder=None, file=None) -> list[str]:
    """Make the folder/file choosers return ``folder``/``file`` as if the teacher picked them; records the titles."""
    asked: list[str] = []

    def pick_folder(parent, title, *args, **kwargs):
        asked.append(title)
        return str(folder) if folder else ""

    def pick_file(parent, title, *args, **kwargs):
        asked.append(title)
        return (str(file) if file else "", "")

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(pick_folder))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick_file))
    return asked


def student_ids(window) -> set[int]:
    return {s.id for s in window.context.store.list_students(window.context.class_id)}


def save_to(window, page, monkeypatch, folder):
    """Press "Save a backup to…", choose ``folder``, and read the box that says where it was saved (review 30c: the
    status bar alone said so, for 10 s)."""
    asked = answer_choosers(monkeypatch, folder=folder)
    answers = DialogAnswers().expect(press("OK"))
    click(page.save_to_button)
    finish_jobs()
    [told] = answers.finish()
    assert asked == ["Save a backup to…"]
    saved = [p for p in folder.iterdir()]
    assert saved[0].name in told.text and str(folder) in told.text and "safely remove" in told.text, told.text
    return saved


def save_to_in_any_language(window, page, monkeypatch, folder):
    """Press "Save a backup to…" and OK the box that says where it went; the files in ``folder``."""
    answer_choosers(monkeypatch, folder=folder)
    answers = DialogAnswers().expect(press("OK" if window.context.language == "en" else "确定"))
    click(page.save_to_button)
    finish_jobs()
    answers.finish()
    return list(folder.iterdir())


def test_save_to_a_folder_then_restore_from_that_file_brings_the_data_back(make_window, real_dialogs, monkeypatch, tmp_path):
    window = make_window()
    store = window.context.store
    page = window.open_page("settings")
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    [saved] = save_to(window, page, monkeypatch, stick)
    assert saved.name.startswith("lamplight-backup-20") and saved_backup_time(saved) is not None, "the name says the date"
    assert saved.name in window.statusBar().currentMessage()
    if os.name == "posix":
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600

    gone = store.list_students(window.context.class_id)[0]
    store.delete_student(gone.id)
    students_now, answers_now = store.counts()["students"], store.counts()["responses"]
    backups_before = len(store.list_backups())

    answer_choosers(monkeypatch, file=saved)
    answers = DialogAnswers().expect(press("Restore"))
    click(page.restore_file_button)
    finish_jobs()
    [asked] = answers.finish()
    finish_jobs()
    assert page.backup_when(str(saved)) in asked.text
    assert "Lamplight saved this very copy on this laptop on" in asked.text, "review 45: it says the copy is as saved"
    assert f"<td>Students</td><td align='right'>{students_now + 1}</td><td align='right'>{students_now}</td>" in asked.text
    assert "<td>Classes</td>" in asked.text and "<td>Answers</td>" in asked.text
    assert gone.id in student_ids(window), "the restored file brought the student back"
    assert store.counts()["responses"] > answers_now
    assert len(store.list_backups()) == backups_before + 1, "a backup of today's data is made before restoring"
    assert window.statusBar().currentMessage() == "Backup restored."
    assert not list(store.backup_dir.glob("from-file-*")), "the working copy is removed"


def test_cancel_in_the_confirmation_changes_nothing(make_window, real_dialogs, monkeypatch, tmp_path):
    window = make_window()
    store = window.context.store
    page = window.open_page("settings")
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    [saved] = save_to(window, page, monkeypatch, stick)
    store.delete_student(store.list_students(window.context.class_id)[0].id)
    before, backups_before = student_ids(window), len(store.list_backups())

    answer_choosers(monkeypatch, file=saved)
    answers = DialogAnswers().expect(press("Cancel"))
    click(page.restore_file_button)
    finish_jobs()
    answers.finish()
    finish_jobs()
    assert student_ids(window) == before
    assert len(store.list_backups()) == backups_before, "Cancel made no safety backup either"


def test_choosing_no_file_or_folder_does_nothing(make_window, monkeypatch, tmp_path):
    window = make_window()
    page = window.open_page("settings")
    asked = answer_choosers(monkeypatch)
    click(page.save_to_button)
    click(page.restore_file_button)
    finish_jobs()
    assert asked == ["Save a backup to…", "Restore from a file…"] and list(tmp_path.iterdir()) == [window.context.data_dir]


@pytest.mark.parametrize("content", [b"name,score\nAda,3\n", b"SQLite format 3\x00" + b"\x00" * 5000])
def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(make_window, monkeypatch, tmp_path, content):
    window = make_window()
    store = window.context.store
    page = window.open_page("settings")
    bad = tmp_path / "marks.sqlite3"
    bad.write_bytes(content)
    message = refused_restore(window, page, monkeypatch, bad)
    assert message.startswith("This file cannot be restored: it is not a Lamplight backup") and message.count("Nothing was changed") == 1
    assert str(bad) in message
    assert not list(store.backup_dir.glob("from-file-*"))


def test_the_key_file_chosen_instead_of_the_backup_is_named_for_what_it_is(make_window, monkeypatch, tmp_path):
    """Review 36a/36c: choosing the .keys.json beside an encrypted backup said the file was damaged."""
    window = make_window()
    page = window.open_page("settings")
    keys = tmp_path / "lamplight-backup-2026-12-06.sqlite3.keys.json"
    keys.write_text("{}", encoding="utf-8")
    message = refused_restore(window, page, monkeypatch, keys)
    assert "this is the key file of an encrypted backup, not the backup: choose lamplight-backup-2026-12-06.sqlite3" in message
    assert "damaged" not in message and "cannot be restored" not in message, message


def test_a_file_gone_with_its_usb_stick_is_said_to_be_gone_not_damaged(make_window, monkeypatch, tmp_path):
    """Review 30c: a file whose stick was taken out after it was chosen was called "not a Lamplight backup, damaged"."""
    window = make_window()
    page = window.open_page("settings")
    gone = tmp_path / "usb" / "lamplight-backup-2026-12-01-0900.sqlite3"
    message = refused_restore(window, page, monkeypatch, gone)
    assert message == (f"The file {gone} is not there any more: was the USB stick taken out? Put it back and choose "
                       "the file again. Nothing was changed.")


def refused_restore(window, page, monkeypatch, path) -> str:
    """Press "Restore from a file…" on ``path``, which must be refused with nothing changed; the message shown."""
    store = window.context.store
    before, counts, backups_before = student_ids(window), store.counts(), len(store.list_backups())
    answer_choosers(monkeypatch, file=path)
    click(page.restore_file_button)  # no confirmation may open (the default fixture fails on any modal dialog)
    finish_jobs()
    [message] = shown_errors()
    assert student_ids(window) == before and store.counts() == counts
    assert len(store.list_backups()) == backups_before
    return message


def test_a_read_only_target_gets_a_clear_message(make_window, monkeypatch, tmp_path):
    import errno

    def refuse(path):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    window = make_window()
    page = window.open_page("settings")
    monkeypatch.setattr("engine.security.private_files.create_private_file", refuse)
    answer_choosers(monkeypatch, folder=tmp_path)
    click(page.save_to_button)
    finish_jobs()
    [message] = shown_errors()
    assert message == (f"The backup was not saved: Lamplight may not write to {tmp_path} (it is read-only, or the USB "
                       "stick was removed). Choose another folder. Nothing was changed.")
    assert list(tmp_path.iterdir()) == [window.context.data_dir]


def test_the_checking_box_does_not_come_back_over_the_restore_question(make_window, real_dialogs, monkeypatch, tmp_path):
    """A quick check of the file: its progress box must be gone for good while the question waits, and Cancel works."""
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from tests.gui.dialogs import in_event_loop, then

    window = make_window()
    store = window.context.store
    page = window.open_page("settings")
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    [saved] = save_to(window, page, monkeypatch, stick)
    before, backups_before = student_ids(window), len(store.list_backups())
    seen = []

    def look(dialog) -> None:
        spin(700)  # the progress box shows itself after 0.3 s unless it was really put away
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        seen.append((QApplication.activeModalWidget() is dialog, [b.labelText() for b in boxes]))

    answer_choosers(monkeypatch, file=saved)
    answers = DialogAnswers().expect(then(look, press("Cancel")))
    in_event_loop(lambda: click(page.restore_file_button))  # the click from inside the app's running event loop
    [asked] = answers.finish()
    finish_jobs()
    assert "<td>Students</td>" in asked.text
    assert seen == [(True, [])], f"a stale progress box covered the question: {seen}"
    assert student_ids(window) == before and len(store.list_backups()) == backups_before, "Cancel was obeyed"


@pytest.mark.parametrize("tamper, said", [
    ("CREATE TRIGGER wipe AFTER INSERT ON responses BEGIN DELETE FROM students WHERE id != NEW.student_id; END;", "its tables"),
    ("DROP TABLE group_members;", "its tables"),
    ("CREATE VIEW students_view AS SELECT * FROM students;", "its tables"),
    # review 29b: choices that were not JSON and answers dated "yesterday" were restored; the bank, the dashboard and
    # the student page then broke
    ("UPDATE exercises SET choices = '{oops' WHERE choices IS NOT NULL; UPDATE responses SET time = 'yesterday';", "what it holds"),
])
def test_a_backup_another_program_changed_is_refused_and_nothing_changes(make_window, real_dialogs, monkeypatch, tmp_path, tamper, said):
    """Review 27: a USB backup with a trigger added (deleting every other child at the next answer) or a table
    dropped passed the checks, was restored and copied into every later backup."""
    import sqlite3

    window = make_window()
    page = window.open_page("settings")
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    [saved] = save_to(window, page, monkeypatch, stick)
    (window.context.data_dir / SAVED_COPIES_FILE).unlink()  # as if saved on another laptop: its contents are checked
    with sqlite3.connect(saved) as conn:
        conn.executescript(tamper)
    message = refused_restore(window, page, monkeypatch, saved)
    assert message.startswith("This file cannot be restored") and f"another program changed {said}" in message


@pytest.mark.parametrize("language, said", [
    ("en", "was changed after Lamplight saved it on this laptop on"),
    ("zh_CN", "在 Lamplight 于"),
])
def test_a_copy_changed_on_the_stick_after_this_laptop_saved_it_is_refused(make_window, real_dialogs, monkeypatch, tmp_path,
                                                                          language, said):
    """Review 45: a child's name changed in a USB copy with an SQLite tool was restored like any copy (a value Lamplight
    could have written passes every check of what a backup may hold)."""
    import shutil
    import sqlite3

    window = make_window(language=language)
    page = window.open_page("settings")
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    [saved] = save_to_in_any_language(window, page, monkeypatch, stick)
    renamed = stick / "Monday's backup.sqlite3"
    shutil.copyfile(saved, renamed)  # the same bytes under another name are still the copy this laptop saved
    with sqlite3.connect(saved) as conn:
        conn.execute("UPDATE students SET name = 'Someone else' WHERE id = (SELECT min(id) FROM students)")
    message = refused_restore(window, page, monkeypatch, saved)
    assert message.startswith(saved.name) and said in message, message  # (45b: not after "not a Lamplight backup, …")
    if language == "zh_CN":  # review 45b: "于 2026-12-07 07:48"
        assert re.search(r"于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 在这台电脑上保存", message), message
    else:  # review 48a: "on 2026-12-07 16:08", where the app writes 7 Dec 2026 16:08
        assert re.search(r"on this laptop on \d{1,2} [A-Z][a-z]{2} \d{4},? \d\d:\d\d, by another", message), message

    def question_on(path) -> str:
        """What the restore question says of ``path`` (Cancel pressed)."""
        answer_choosers(monkeypatch, file=path)
        answers = DialogAnswers().expect(press("Cancel" if language == "en" else "取消"))
        click(page.restore_file_button)
        finish_jobs()
        [asked] = answers.finish()
        return asked.text

    assert ("Lamplight saved this very copy on this laptop" if language == "en" else "这份副本是 Lamplight 于") in question_on(renamed)
    (window.context.data_dir / SAVED_COPIES_FILE).unlink()  # another laptop's copy: nothing can tell, and it says so
    assert ("cannot tell whether another program changed it" if language == "en" else "无法判断它是否被其他程序改动过") in \
        question_on(renamed)


@pytest.mark.parametrize("language, said", [("en", "is the data file Lamplight is using, not a backup"),
                                            ("zh_CN", "是 Lamplight 正在使用的数据文件，不是备份")])
def test_the_data_file_in_use_is_not_taken_for_a_backup(make_window, monkeypatch, language, said):
    """Review 46b: "Restore from a file…" on the data folder's own lamplight.sqlite3 copied it without its -wal and put
    back an older state (30 children added since were gone)."""
    from engine import paths

    window = make_window(language=language)
    page = window.open_page("settings")
    store = window.context.store
    for n in range(5):
        store.add_student(window.context.class_id, f"Newcomer {n}")  # kept in the -wal until a checkpoint
    for own in (window.context.data_dir / paths.STORE_FILE, Path(f"{window.context.data_dir / paths.STORE_FILE}-wal")):
        message = refused_restore(window, page, monkeypatch, own)
        assert message.startswith(str(own)) and said in message, message
    assert sum(s.name.startswith("Newcomer") for s in store.list_students(window.context.class_id)) == 5


def test_a_copy_renamed_as_another_is_asked_about_by_the_day_it_was_saved(make_window, real_dialogs, monkeypatch, tmp_path):
    """Review 46b: Tuesday's copy renamed as Monday's asked "Put back the backup from 30 Nov 2026 09:00?" (the name's
    date) and then said "Lamplight saved this very copy on this laptop on 1 Dec 2026 09:00"."""
    from datetime import datetime, timezone

    from desktop.i18n import day_and_time
    from engine.store.backup_files import save_backup_to

    window = make_window()
    page = window.open_page("settings")
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    monday, tuesday = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc), datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
    mondays = save_backup_to(window.context.store, stick, now=monday)
    tuesdays = save_backup_to(window.context.store, stick, now=tuesday)
    mondays.unlink()
    tuesdays.rename(mondays)
    answer_choosers(monkeypatch, file=mondays)
    answers = DialogAnswers().expect(press("Cancel"))
    click(page.restore_file_button)
    finish_jobs()
    [asked] = answers.finish()
    said = day_and_time(tuesday.astimezone(), "en")
    assert asked.text.startswith(f"Put back the backup from {said}?"), asked.text
    assert f"Lamplight saved this very copy on this laptop on {said}" in asked.text
    assert day_and_time(monday.astimezone(), "en") not in asked.text
