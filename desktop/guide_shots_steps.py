"""What the guide's screenshots show, section by section (used by :mod:`desktop.guide_shots`).

Each step brings the window to what its section of the guide describes,
through the screens' own buttons and keys.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

GUIDE_PASSWORD = "guide-shots"
Step = Callable[[Any, str, Callable[[], None]], None]


def first_day(window: Any, language: str, settle: Callable[[], None]) -> None:
    window.open_page("classes")


def paper_quiz(window: Any, language: str, settle: Callable[[], None]) -> None:
    """A quiz of six questions (one marked by the teacher), results typed for the first students, one absent."""
    page = window.open_page("quiz")
    store = window.context.store
    exercises = store.list_exercises()
    numeric = [e for e in exercises if e.kind != "teacher_marked"][:5]
    marked = [e for e in exercises if e.kind == "teacher_marked"][:1]
    page.create_quiz("Week 4 quiz" if language == "en" else "第4周测验", [e.id for e in numeric[:3] + marked + numeric[3:]])
    settle()
    grid = page.grid
    grid.setFocus()
    grid.setCurrentIndex(page.model.index(0, 0))
    for marks in ("110½10", "a", "101110", "0101", "11"):
        QTest.keyClicks(grid, marks)
    settle()


WRITTEN = {
    "en": ("Why do we see lightning before we hear thunder?", "Light travels faster than sound.",
           ["because light is faster than sound", "Light travels faster than sound.", "thunder comes first",
            "the light is quicker than the sound", "Thunder comes first.", "sound travels slower than light",
            "because the lightning is closer", "light goes faster than sound", "I don't know", "thunder comes first"]),
    "zh_CN": ("为什么我们先看到闪电，后听到雷声？", "光比声音传播得快。",
              ["因为光比声音快", "光比声音传播得快。", "雷声先出来", "光跑得比声音快", "雷声先出来。", "声音比光慢",
               "因为闪电离我们近", "光传得比声音快", "不知道", "雷声先出来"]),
}
"""A question the class answered in writing, its key and what the children wrote."""


def marking(window: Any, language: str, settle: Callable[[], None]) -> None:
    """The class's written answers to one question, grouped; two marked by the teacher, the rest suggested."""
    store, class_id = window.context.store, window.context.class_id
    question, key, written = WRITTEN[language]
    skill = store.list_exercises()[0].skills[0]
    exercise = store.add_exercise(question, "short_text", key, skills=[skill])
    students = [s.id for s in store.list_students(class_id)]
    for n, text in enumerate(written):
        store.queue_answer(students[n], exercise, text, time=f"2026-03-10T10:{n:02d}:00+00:00")
    page = window.open_page("marking")
    settle()
    page.exercise_combo.setCurrentIndex(page.exercise_combo.findData(exercise))
    settle()
    tree = page.tree
    for text, button in ((written[0], page.right_button), (written[2], page.wrong_button)):
        item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).text(0) == text)
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        settle()


def practice(window: Any, language: str, settle: Callable[[], None]) -> None:
    """A child's question in practice mode."""
    from desktop import security

    if not security.has_teacher_password(window.context.store):
        security.set_teacher_password(window.context.store, GUIDE_PASSWORD)
    page = window.open_page("practice")
    size = window.size()
    QTest.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    settle()
    window.resize(size)  # practice mode fills the screen: the picture keeps the size of the others
    item = page.name_list.item(0)
    QTest.mouseClick(page.name_list.viewport(), Qt.MouseButton.LeftButton, pos=page.name_list.visualItemRect(item).center())
    QTest.mouseClick(page.go_button, Qt.MouseButton.LeftButton)


def dashboard(window: Any, language: str, settle: Callable[[], None]) -> None:
    practice_page = window.pages.get("practice")
    if practice_page is not None and window.context.practice_locked:
        practice_page.leave_practice(GUIDE_PASSWORD)
        settle()
    window.open_page("dashboard")


WINDOWS_DATA_FOLDER = r"C:\Users\Teacher\AppData\Local\Lamplight"
"""Where the data folder is on a Windows laptop (the pictures' own is a temporary folder, review 45b: "/tmp/tmpygsmyruj")."""


def backups(window: Any, language: str, settle: Callable[[], None]) -> None:
    page = window.open_page("settings")
    page.findChild(QLineEdit, "dataFolder").setText(WINDOWS_DATA_FOLDER)
    QTest.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)


def mastered(window: Any, language: str, settle: Callable[[], None]) -> None:
    window.open_page("student")


def bank(window: Any, language: str, settle: Callable[[], None]) -> None:
    """The bank searched for the time exercises, one of them chosen."""
    page = window.open_page("bank")
    page.search.setFocus()
    QTest.keyClicks(page.search, "what time" if language == "en" else "")
    if language != "en":  # QTest cannot press Chinese keys: an input method commits the word
        from PySide6.QtGui import QInputMethodEvent
        from PySide6.QtWidgets import QApplication

        event = QInputMethodEvent()
        event.setCommitString("几时几分")
        QApplication.sendEvent(page.search, event)
    settle()
    view = page.view
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(page.model.index(0, 0)).center())


SECTIONS: dict[str, Step] = {
    "first-day": first_day, "paper-quiz": paper_quiz, "marking": marking, "practice": practice, "dashboard": dashboard,
    "backups": backups, "mastered": mastered, "bank": bank,
}
"""Section of the guide -> the step that sets its picture up, in the guide's order."""
