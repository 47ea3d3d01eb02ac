"""Deleting a child on request also offers to remove them from the laptop's backups (review 28)."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, press, then
from tests.gui.test_restore_password_note import pick_backup


def names_in(backup) -> list[str]:
    conn = sqlite3.connect(backup)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM students ORDER BY id")]
    finally:
        conn.close()


@pytest.mark.parametrize("choice", ["Remove from the backups", "Keep the backups as they are"])
def test_deleting_a_child_asks_whether_to_remove_them_from_the_backups_too(make_window, real_dialogs, choice):
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    leaver, stayer = store.list_students(class_id)[:2]
    backup = store.backup_now("manual")
    page = window.open_page("classes")
    page.students_view.selectRow(0)
    assert page.selected_students() == [leaver]
    seen = {}
    answers = DialogAnswers().expect(press("Yes"), then(lambda box: seen.update(question=box.text()), press(choice)))
    QTest.mouseClick(page.delete_student_button, Qt.MouseButton.LeftButton)
    answers.finish()
    finish_jobs()
    assert leaver.id not in [s.id for s in store.list_students(class_id)]
    assert (f"still hold {leaver.label}: remove" in seen["question"] or f"still holds {leaver.label}: remove" in seen["question"]) \
        and "USB stick" in seen["question"] and ".." not in seen["question"]  # review 36f: "1 backups … Chloe Y.. Remove"
    assert "1 backups" not in seen["question"]
    held = names_in(backup)
    assert stayer.name in held
    assert (leaver.name in held) == (choice == "Keep the backups as they are")
    if choice == "Remove from the backups":
        assert "Removed" in window.statusBar().currentMessage()


def test_a_child_kept_in_the_backups_can_be_deleted_there_later_and_a_restore_that_brings_them_back_asks(
        make_window, real_dialogs):
    """Review 36e: after "Keep the backups as they are" (or closing first), nothing could remove the child from the
    backups later; and restoring a backup brought a child deleted on request back without a word."""
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    leaver = store.list_students(class_id)[0]
    backup = store.backup_now("manual")
    classes = window.open_page("classes")
    classes.students_view.selectRow(0)
    answers = DialogAnswers().expect(press("Yes"), press("Keep the backups as they are"))
    QTest.mouseClick(classes.delete_student_button, Qt.MouseButton.LeftButton)
    answers.finish()
    finish_jobs()
    assert leaver.name in names_in(backup)

    settings = window.open_page("settings")  # a restore of a backup made before the deletion brings the child back: it asks
    pick_backup(settings, "Make a backup now")
    seen = {}
    answers = DialogAnswers().expect(press("Restore"), then(lambda box: seen.update(back=box.text()), press("Keep them")))
    QTest.mouseClick(settings.restore_button, Qt.MouseButton.LeftButton)
    finish_jobs()
    answers.finish()
    finish_jobs()
    assert seen["back"].startswith(f"This backup brought back {leaver.label}, deleted from this laptop after it was made.")
    assert leaver.id in [s.id for s in store.list_students(class_id)], "Keep them: deleted by mistake, say"

    seen = {}
    answers = DialogAnswers().expect(then(lambda box: seen.update(question=box.text()), press("Delete them again")))
    QTest.mouseClick(settings.deleted_button, Qt.MouseButton.LeftButton)
    finish_jobs()
    answers.finish()
    finish_jobs()
    assert "is still in" in seen["question"] and f"A restore brought back {leaver.label}" in seen["question"], seen["question"]
    assert leaver.id not in [s.id for s in store.list_students(class_id)]
    assert leaver.name not in names_in(backup)

    answers = DialogAnswers().expect(then(lambda box: seen.update(nothing=box.text()), press("OK")))
    QTest.mouseClick(settings.deleted_button, Qt.MouseButton.LeftButton)
    finish_jobs()
    answers.finish()
    assert seen["nothing"].startswith("No child deleted on this laptop is left")


def test_deleting_a_child_who_is_also_in_last_years_class_says_where(make_window, real_dialogs):
    """Review 36e: a child in this year's class and in last year's (archived) one: deleting them here left all their
    history there, and the question did not say so."""
    window = make_window(demo=False)
    store = window.context.store
    last_year = store.create_class("3B")
    store.add_student(last_year, "Chloe Y.", external_id="2024017")
    store.archive_class(last_year)
    this_year = store.create_class("4B")
    chloe = store.add_student(this_year, "Chloe Y.", external_id="2024017")
    store.add_student(this_year, "Dev S.")
    window.context.class_id = this_year
    from engine.classroom import Changes
    window.context.changed(Changes(classes=True))
    page = window.open_page("classes")
    finish_jobs()
    rows = [page.students_model.row_payload(r).id for r in range(page.students_model.rowCount())]
    page.students_view.selectRow(rows.index(chloe))
    seen = {}
    answers = DialogAnswers().expect(then(lambda box: seen.update(question=box.text()), press("Cancel")))
    QTest.mouseClick(page.delete_student_button, Qt.MouseButton.LeftButton)
    answers.finish()
    assert "also in “3B” (archived)" in seen["question"], seen["question"]
