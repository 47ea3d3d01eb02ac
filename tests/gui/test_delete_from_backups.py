"""Deleting a child on request also offers to remove them from the laptop's backups (review 28)."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, press, then


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
    assert f"still hold {leaver.label}" in seen["question"] and "USB stick" in seen["question"]
    held = names_in(backup)
    assert stayer.name in held
    assert (leaver.name in held) == (choice == "Keep the backups as they are")
    if choice == "Remove from the backups":
        assert "Removed" in window.statusBar().currentMessage()
