"""Screenshots of every main screen and the main dialogs in English and Chinese, on the demo class.

    python -m desktop.screenshots --out DIR [--languages en zh_CN] [--size 1366x768]

Dialogs (restore question, teacher password, recovery key, roster preview)
are drawn over the window where they appear: see ``desktop.screenshot_dialogs``.

Uses a fresh temporary data folder (the demo class is created in it), so
your own data is never touched. Works under Xvfb or Qt's offscreen platform.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from engine.store.demo import create_demo_class


SCREENSHOT_PASSWORD = "screenshots"


def shoot_practice(window, page, context, app, save) -> None:
    """Practice mode as a child sees it, pressed through its buttons: the names, a question, a right
    answer, a wrong answer with its kind words, and the end-of-turn screen."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop import security
    from desktop.workers import wait_for_all

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def press_next() -> None:
        """Next, once a second tap would no longer be ignored (a child reads the feedback first)."""
        while page.next_button.paused():
            app.processEvents()
            time.sleep(0.02)
        QTest.mouseClick(page.next_button, Qt.MouseButton.LeftButton)

    def answer(right: bool) -> None:
        exercise = page.class_data.exercises[page.step.exercise_id]
        given = exercise.answer if right else next((c for c in exercise.choices if c != exercise.answer), "12345")
        if exercise.choices:
            QTest.mouseClick(page.choice_group.button(exercise.choices.index(given)), Qt.MouseButton.LeftButton)
            QTest.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
        else:
            QTest.keyClicks(page.answer_edit, given)
            QTest.keyClick(page.answer_edit, Qt.Key.Key_Return)
        settle()

    if not security.has_teacher_password(context.store):
        security.set_teacher_password(context.store, SCREENSHOT_PASSWORD)
    page.length_spin.setValue(5)
    size = window.size()
    QTest.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    wait_for_all(300000)
    window.resize(size)  # practice mode fills the screen: the screenshots keep the size of the others
    settle()
    save("practice-names")
    item = page.name_list.item(0)
    QTest.mouseClick(page.name_list.viewport(), Qt.MouseButton.LeftButton, pos=page.name_list.visualItemRect(item).center())
    QTest.mouseClick(page.go_button, Qt.MouseButton.LeftButton)
    settle()
    save("practice-question")
    answer(right=True)
    save("practice-right")
    press_next()
    settle()
    answer(right=False)
    save("practice-wrong")
    for _ in range(3):
        press_next()
        settle()
        answer(right=True)
    press_next()
    settle()
    save("practice-end")


WRITTEN_ANSWERS = {
    "en": ("Why do we see lightning before we hear thunder?", "Light travels faster than sound",
           ["because light is faster than sound", "light moves much faster than sound does", "Sound is slower than light.",
            "the light is quicker than the sound", "thunder comes first", "Thunder comes first.", "thunder  comes first",
            "because the lightning is closer", "I don't know", "because it rains", "lightning is hot",
            "light goes faster than sound", "the clouds make the noise later"]),
    "zh_CN": ("为什么我们先看到闪电，后听到雷声？", "光传播得比声音快",
              ["因为光比声音快", "光的速度比声音快", "声音比光慢", "光传得快，声音传得慢", "雷声先来", "雷声先来。", "雷声 先来",
               "闪电离我们近", "不知道", "因为下雨了", "闪电很热", "光跑得比声音快", "云后来才响"]),
}


def prepare_marking(page, context, language: str, app) -> None:
    """Mark written answers with a class's answers to a written question: two marked right, the model's suggestions for the rest."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop.workers import wait_for_all

    store, class_id = context.store, context.class_id
    prompt, key, answers = WRITTEN_ANSWERS.get(language, WRITTEN_ANSWERS["en"])
    skill = store.list_exercises()[0].skills[0]
    exercise = store.add_exercise(prompt, "short_text", answer=key, skills=[skill])
    students = [s.id for s in store.list_students(class_id)]
    for n, text in enumerate(answers):
        store.queue_answer(students[n % len(students)], exercise, text)  # today: in the demo's last week
    page.refresh()
    page.exercise_combo.setCurrentIndex(page.exercise_combo.findData(exercise))
    wait_for_all(300000)
    for n, text in enumerate(answers[:2]):  # the first click replaces the row the screen selected, the second adds
        item = next(page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount()) if page.tree.topLevelItem(i).text(0) == text)
        QTest.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier,
                         page.tree.visualItemRect(item).center())
    QTest.mouseClick(page.right_button, Qt.MouseButton.LeftButton)
    wait_for_all(300000)
    top = page.tree.topLevelItem(0)  # the largest group: the same wrong answer three times
    QTest.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=page.tree.visualItemRect(top).center())
    QTest.mouseClick(page.wrong_button, Qt.MouseButton.LeftButton)
    wait_for_all(300000)
    page.tree.topLevelItem(0).setExpanded(True)
    for _ in range(5):
        app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--languages", nargs="+", default=["en", "zh_CN"])
    parser.add_argument("--size", default="1366x768", help="window size (default: a 1366x768 laptop screen)")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))

    from desktop.app import create_application

    app = create_application()
    app.setProperty("lamplight_no_popups", True)
    from desktop.context import AppContext
    from desktop.main_window import PAGES, MainWindow
    from desktop.workers import wait_for_all

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for language in args.languages:
            context = AppContext.open(Path(folder), language=language)
            window = MainWindow(context)
            window.resize(width, height)
            window.show()
            if not window.context.class_id:
                window.create_demo_class()
                wait_for_all(300000)
            for key, *_ in PAGES:
                page = window.open_page(key)
                wait_for_all(300000)
                for _ in range(5):
                    app.processEvents()
                if key == "marking":
                    prepare_marking(page, context, language, app)
                if key == "quiz" and page.quiz_combo.count() == 0:

                    ids = [e.id for e in context.store.list_exercises()[:8]]
                    page.create_quiz("Quiz 1" if language == "en" else "测验 1", ids)
                    app.processEvents()
                target = args.out / f"{language}-{key}.png"
                window.grab().save(str(target))
                print(target)
                if key == "dashboard":  # the lists under the heat map: needs help, groups, progress, most missed
                    from PySide6.QtWidgets import QScrollArea

                    for area in page.findChildren(QScrollArea):
                        area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
                    app.processEvents()
                    lower = args.out / f"{language}-{key}-lower.png"
                    window.grab().save(str(lower))
                    print(lower)
                if key == "practice":

                    def save(name: str) -> None:
                        shot = args.out / f"{language}-{name}.png"
                        window.grab().save(str(shot))
                        print(shot)

                    shoot_practice(window, page, context, app, save)
                    page.leave_practice(SCREENSHOT_PASSWORD)
            from desktop.screenshot_dialogs import shoot_dialogs

            shoot_dialogs(app, window, args.out, language)  # restore question, password, recovery key, roster preview
            window.close()
            window.deleteLater()
            app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
