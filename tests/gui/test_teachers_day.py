"""A teacher's whole day, through the buttons, menus and dialogs a teacher uses (issue 12).

First run -> demo class -> roster import with a bad line -> paper quiz (made,
printed, marked in the grid) -> practice mode entered and left with the
password -> dashboard -> student page -> worksheets and class report PDFs ->
language switch to 简体中文 and back -> backup -> restore with confirmation.

Every step goes through a widget: ``QTest`` clicks and keys on the real
buttons, lists, grid and combo box; every dialog (the welcome question, file
dialogs, the new-quiz dialog, password prompts, the recovery key, the restore
question) opens for real and is answered by finding its buttons
(``tests.gui.dialogs.DialogAnswers``). No slot is called directly.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QRadioButton

from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, choose_file, press, type_text
from tests.gui.test_found_in_use import click, click_nav, click_row, pick_language

LEFT = Qt.MouseButton.LeftButton
PASSWORD = "owl-42"


def wait_until(condition, timeout_ms: int = 30000) -> None:
    """Process events until ``condition()`` holds.

    It sleeps with ``time.sleep``, which lets background jobs run: ``QTest.qWait``
    keeps Python's GIL while it waits, so a job of half a second (the first quiz
    pick's calibration) took 30 s under it.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)
    assert condition(), "timed out"


def first_run(make_window, app):
    """An empty data folder: the app starts, offers the demo class (Yes) and a teacher password (skipped)."""
    from desktop.app import after_start

    window = make_window(demo=False)
    assert window.class_combo.currentText() == "(no class yet)"
    answers = DialogAnswers().expect(press("Yes"), press("Skip for now"))  # the password is set later, in practice mode
    after_start(window, argparse.Namespace(page=None, demo=False))  # what the app runs once the window shows
    welcome, password_offer = answers.finish()
    assert welcome.title == "Welcome to Lamplight" and "demo class" in welcome.text
    assert "teacher password" in password_offer.text
    finish_jobs()
    assert window.class_combo.isEnabled() and window.class_combo.currentText() != "(no class yet)"
    return window


def import_roster_with_a_bad_line(window, tmp_path: Path) -> None:
    store = window.context.store
    click_nav(window, "classes")
    page = window.pages["classes"]
    before = len(store.list_students(window.context.class_id))
    roster = tmp_path / "new-pupils.csv"
    roster.write_text("Last name,First name\n李,小明\nRossi,Mia\nRossi,Mia\n", encoding="utf-8")
    answers = DialogAnswers().expect(choose_file(str(roster)))
    click(page.import_button)
    answers.finish()
    finish_jobs()
    dialog = QApplication.activeModalWidget()
    assert "1 line has a problem" in dialog.summary.text()
    click(dialog.import_good_button)
    finish_jobs()
    names = [s.name for s in store.list_students(window.context.class_id)]
    assert len(names) == before + 2 and "李小明" in names and "Mia Rossi" in names


def paper_quiz(window, tmp_path: Path) -> None:
    """Make a quiz (Lamplight picks the exercises), print it, type three results into the grid."""
    click_nav(window, "quiz")
    page = window.pages["quiz"]
    quizzes_before = page.quiz_combo.count()

    def pick_and_accept(dialog):
        click(dialog.pick_button)
        # the class was calibrated in the background once the demo class was made; a class never calibrated
        # gets a first guess at once (tests/gui/test_first_pick.py): either way the ticks come within seconds
        wait_until(lambda: dialog.ok_button.isEnabled(), timeout_ms=10000)
        click(dialog.ok_button)

    answers = DialogAnswers().expect(pick_and_accept)
    click(page.new_button)
    answers.finish()
    finish_jobs()
    assert page.quiz_combo.count() == quizzes_before + 1

    printed = tmp_path / "quiz.pdf"
    answers = DialogAnswers().expect(choose_file(str(printed)))
    click(page.print_button)
    answers.finish()
    finish_jobs()
    assert printed.stat().st_size > 1000

    grid = page.grid
    QTest.mouseClick(grid.viewport(), LEFT, pos=grid.visualRect(page.model.index(0, 0)).center())
    QTest.keyClicks(grid, "101")
    assert [page.model.value(0, c) for c in range(3)] == [1.0, 0.0, 1.0]
    quiz_id = page.quiz_combo.currentData()
    first_student = page.model.students[0].id
    saved = window.context.store.quiz_scores(quiz_id)  # typed marks are saved at once
    assert [saved.get((first_student, e.id)) for e in page.model.exercises[:3]] == [1.0, 0.0, 1.0]


def practice_mode(window) -> None:
    """The teacher sets the password (and keeps the recovery key), one student practises, the teacher leaves."""
    click_nav(window, "practice")
    page = window.pages["practice"]
    answers = DialogAnswers().expect(type_text(PASSWORD), type_text(PASSWORD), press("I have kept it safe"))
    click(page.start_button)
    answers.finish()
    finish_jobs()
    assert window.context.practice_locked and not window.nav.isVisible()

    item = page.name_list.item(0)
    QTest.mouseClick(page.name_list.viewport(), LEFT, pos=page.name_list.visualItemRect(item).center())
    click(page.go_button)
    if page.answer_edit.isVisible():
        QTest.keyClicks(page.answer_edit, "7")
        QTest.keyClick(page.answer_edit, Qt.Key.Key_Return)
    else:
        choice = next(b for b in page.choices_box.findChildren(QRadioButton) + page.choices_box.findChildren(QPushButton) if b.isVisible())
        click(choice)
        click(page.check_button)
    assert page.feedback.text()
    click(page.done_button)
    if page.next_student_button.isVisible():
        click(page.next_student_button)

    answers = DialogAnswers().expect(type_text(PASSWORD))
    click(page.leave_button)
    answers.finish()
    assert not window.context.practice_locked
    assert window.nav.isVisible() and window.toolbar.isVisible()


def dashboard_and_student_page(window) -> None:
    click_nav(window, "dashboard")
    finish_jobs()
    dashboard = window.pages["dashboard"]
    assert dashboard.status.text() and "No answers yet" not in dashboard.status.text()
    click_nav(window, "student")
    finish_jobs()
    student_page = window.pages["student"]
    assert student_page.isVisible()


def worksheets_and_class_report(window, tmp_path: Path) -> None:
    """Both PDFs are made (their pages are checked in tests/gui/test_printouts.py)."""
    click_nav(window, "reports")
    page = window.pages["reports"]
    assert page.who.currentText() == "The whole class"
    sheets, report = tmp_path / "worksheets.pdf", tmp_path / "class-report.pdf"
    answers = DialogAnswers().expect(choose_file(str(sheets)))
    click(page.worksheet_button)
    answers.finish()
    finish_jobs()
    answers = DialogAnswers().expect(choose_file(str(report)))
    click(page.report_pdf_button)
    answers.finish()
    finish_jobs()
    assert sheets.read_bytes()[:4] == b"%PDF" and report.read_bytes()[:4] == b"%PDF"


def languages(window) -> None:
    pick_language(window, "简体中文")
    assert window.nav.item(0).text() == "班级和学生"
    click_nav(window, "dashboard")
    finish_jobs()
    click_nav(window, "classes")
    assert window.pages["classes"].new_class_button.text() == "新建班级…"
    pick_language(window, "English")
    assert window.nav.item(0).text() == "Classes & students"
    click_nav(window, "classes")
    assert window.pages["classes"].new_class_button.text() == "New class…"


def backup_and_restore(window) -> None:
    store = window.context.store
    click_nav(window, "settings")
    page = window.pages["settings"]
    click(page.backup_button)
    finish_jobs()
    students = {s.id for s in store.list_students(window.context.class_id)}
    gone = next(iter(students))
    store.delete_student(gone)  # a mistake made after the backup
    page.refresh()
    click_row(page.backup_list, 0)
    answers = DialogAnswers().expect(type_text(PASSWORD), press("Restore"))  # the password first (review 28b)
    click(page.restore_button)
    _, question = answers.finish()
    finish_jobs()
    assert question.title == "Restore backup" and "In the backup" in question.text
    assert {s.id for s in store.list_students(window.context.class_id)} == students
    assert any("before a restore" in page.backup_list.item(i).text() for i in range(page.backup_list.count()))


def test_a_teachers_day_through_the_real_widgets(make_window, app, real_dialogs, tmp_path):
    window = first_run(make_window, app)
    import_roster_with_a_bad_line(window, tmp_path)
    paper_quiz(window, tmp_path)
    practice_mode(window)
    dashboard_and_student_page(window)
    worksheets_and_class_report(window, tmp_path)
    languages(window)
    backup_and_restore(window)
