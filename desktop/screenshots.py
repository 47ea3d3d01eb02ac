"""Screenshots of every main screen in English and Chinese, on the demo class.

    python -m desktop.screenshots --out DIR [--languages en zh_CN] [--size 1280x800]

Uses a fresh temporary data folder (the demo class is created in it), so
your own data is never touched. Works under Xvfb or Qt's offscreen platform.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path


SCREENSHOT_PASSWORD = "screenshots"


def shoot_practice(window, page, context, app) -> None:
    """Practice mode as a student sees it: an exercise after a right answer."""
    from desktop import security
    from desktop.workers import wait_for_all

    if not security.has_teacher_password(context.store):
        security.set_teacher_password(context.store, SCREENSHOT_PASSWORD)
    page.start_practice()
    wait_for_all(300000)
    page.pick_student(page.class_data.students[0])
    exercise = page.class_data.exercises[page.step.exercise_id]
    if exercise.choices:
        page.choice_group.button(exercise.choices.index(exercise.answer_text)).setChecked(True)
    else:
        page.answer_edit.setText(exercise.answer_text)
    page.submit()
    for _ in range(5):
        app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--languages", nargs="+", default=["en", "zh_CN"])
    parser.add_argument("--size", default="1280x800")
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
                if key == "quiz" and page.quiz_combo.count() == 0:
                    from desktop import services

                    ids = [e.id for e in services.list_exercises(context.store)[:8]]
                    page.create_quiz("Quiz 1" if language == "en" else "测验 1", ids)
                    app.processEvents()
                target = args.out / f"{language}-{key}.png"
                window.grab().save(str(target))
                print(target)
                if key == "practice":
                    target = args.out / f"{language}-practice-student.png"
                    shoot_practice(window, page, context, app)
                    window.grab().save(str(target))
                    print(target)
                    page.leave_practice(SCREENSHOT_PASSWORD)
            window.close()
            window.deleteLater()
            app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
