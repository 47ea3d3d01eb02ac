"""What a teacher found using the app (issue 12), each pressed through the real widget.

Every test here clicks the button (or triggers the menu action) a teacher
uses and answers the real dialogs, so a slot that gets ``checked=False`` or a
confirmation that never shows fails here.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import security, services
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, press, type_text

LEFT = Qt.MouseButton.LeftButton


def click(widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), f"{widget.text() if hasattr(widget, 'text') else widget} cannot be pressed"
    QTest.mouseClick(widget, LEFT)


def enter_practice(window, password: str = "owl-42"):
    if not security.has_teacher_password(window.context.store):
        security.set_teacher_password(window.context.store, password)
    page = window.open_page("practice")
    click(page.start_button)
    finish_jobs()
    assert window.context.practice_locked and page.pages.currentIndex() == 1
    return page


def test_leave_practice_button_asks_for_the_password_and_unlocks(make_window, real_dialogs):
    window = make_window()
    page = enter_practice(window)
    answers = DialogAnswers().expect(type_text("wrong"), press("OK"))
    click(page.leave_button)
    seen = answers.finish()
    assert window.context.practice_locked, "a wrong password must not unlock"
    assert "not the teacher password" in seen[1].text

    answers = DialogAnswers().expect(type_text("owl-42"))
    click(page.leave_button)
    answers.finish()
    assert not window.context.practice_locked
    assert window.nav.isVisible() and window.toolbar.isVisible() and window.menuBar().isEnabled()


def test_class_selector_is_back_after_the_app_was_closed_in_practice_mode(make_window, real_dialogs):
    window = make_window()
    enter_practice(window)
    assert not window.toolbar.isVisible()
    answers = DialogAnswers().expect(type_text("owl-42"))
    window.close()  # the window's close button: asks for the password in practice mode
    answers.finish()
    assert not window.isVisible()
    again = make_window(demo=False)
    assert again.toolbar.isVisible() and again.class_combo.isVisible()
    assert again.nav.isVisible()


def test_restore_button_asks_first_and_says_what_the_backup_holds(make_window, real_dialogs):
    window = make_window()
    store = window.context.store
    page = window.open_page("settings")
    click(page.backup_button)
    finish_jobs()
    student = services.list_students(store, window.context.class_id)[0]
    services.delete_student(store, student.id)
    page.refresh()
    page.backup_list.setCurrentRow(0)
    before = len(services.list_backups(store))

    answers = DialogAnswers().expect(press("Cancel"))
    click(page.restore_button)
    [asked] = answers.finish()
    finish_jobs()
    assert student.id not in {s.id for s in services.list_students(store, window.context.class_id)}, "Cancel restored anyway"
    students_now = store.counts()["students"]
    assert f"<td>Students</td><td align='right'>{students_now + 1}</td><td align='right'>{students_now}</td>" in asked.text
    date = services.list_backups(store)[0]  # newest first: the one just made
    assert page.backup_when(date.path) in asked.text and "made first" in asked.text

    answers = DialogAnswers().expect(press("Restore"))
    click(page.restore_button)
    answers.finish()
    finish_jobs()
    assert student.id in {s.id for s in services.list_students(store, window.context.class_id)}
    backups = services.list_backups(store)
    assert len(backups) == before + 1, "a backup of today's data is made before restoring"


def click_nav(window, key: str) -> None:
    """Click the navigation list entry of screen ``key``."""
    from desktop.main_window import PAGES

    row = [k for k, *_ in PAGES].index(key)
    item = window.nav.item(row)
    QTest.mouseClick(window.nav.viewport(), LEFT, pos=window.nav.visualItemRect(item).center())
    assert window.current_key() == key


def pick_language(window, name: str) -> None:
    """Choose a language in Settings' language box with the keyboard, as a teacher would."""
    click_nav(window, "settings")
    combo = window.pages["settings"].language
    combo.setFocus()
    target = combo.findText(name)
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(target - combo.currentIndex())):
        QTest.keyClick(combo, key)
    QTest.qWait(50)


def test_language_switch_there_and_back_keeps_every_screen_working(make_window):
    window = make_window()
    click_nav(window, "classes")
    pick_language(window, "简体中文")
    assert window.nav.item(0).text() == "班级和学生"
    for key in ("classes", "dashboard", "settings"):
        click_nav(window, key)
        finish_jobs()
    assert window.pages["classes"].new_class_button.text() == "新建班级…"
    pick_language(window, "English")
    assert window.nav.item(0).text() == "Classes & students"
    assert window.menuBar().actions()[0].text() == "&File"
    for key in ("classes", "quiz", "settings"):
        click_nav(window, key)
        finish_jobs()
    assert window.pages["classes"].new_class_button.text() == "New class…"
    assert window.pages["settings"].language.currentText() == "English"
