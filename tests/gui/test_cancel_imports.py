"""Reading a roster and reading or importing answers stop at the progress box's Cancel, and nothing is kept.

Review 29: a roster far too long to be one (a wrong file chosen) could only be waited out. The teacher presses the
real Cancel of the real progress box; the file is read slowly (its progress reports wait) so that there is time to.
"""
from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog

from engine.classroom import Changes
from engine.store import importers
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, find_button, press, spin

LEFT = Qt.MouseButton.LeftButton


def slowly(monkeypatch, module, name: str) -> None:
    """``module.name`` as it is, with a pause before each progress report."""
    real = getattr(module, name)

    def slow(*args, progress=None, **kwargs):
        return real(*args, progress=lambda fraction, text: (time.sleep(0.05), progress(fraction, text)), **kwargs)

    monkeypatch.setattr(module, name, slow)


def press_cancel_on_progress(title: str) -> None:
    """Wait for the progress box called ``title`` and press its Cancel."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()
                 and w.windowTitle() == title]
        if boxes:
            QTest.mouseClick(find_button(boxes[0], "Cancel"), LEFT)
            return
        spin(20)
    raise AssertionError(f"no progress box {title!r}")


def test_cancel_while_reading_a_roster_closes_the_preview(make_window, tmp_path, monkeypatch):
    window = make_window(demo=False)
    store = window.context.store
    store.create_class("5A")
    window.context.changed(Changes(classes=True))
    roster = tmp_path / "roster.csv"
    roster.write_text("name\n" + "".join(f"Child {n}\n" for n in range(2000)), encoding="utf-8")
    slowly(monkeypatch, importers, "preview_roster")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(roster), "")))
    page = window.open_page("classes")
    QTest.mouseClick(page.import_button, LEFT)
    press_cancel_on_progress("Reading the roster…")
    finish_jobs()
    spin(50)
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle().startswith("Import roster")]
    assert store.list_students(store.list_classes()[0].id) == []


def test_cancel_while_importing_answers_imports_nothing(make_window, tmp_path, monkeypatch, real_dialogs):
    monkeypatch.setattr("engine.csv_files.PROGRESS_EVERY", 20)
    window = make_window(demo=False)
    store = window.context.store
    class_id = store.create_class("5A")
    for n in range(5):
        store.add_student(class_id, f"Child {n}", f"s{n}")
    window.context.changed(Changes(classes=True))
    log = tmp_path / "answers.csv"
    log.write_text("student_id,item_id,skill_ids,correct,position\n"
                   + "".join(f"s{n % 5},q{n % 7},add,{n % 2},{n // 5}\n" for n in range(600)), encoding="utf-8")
    before = store.counts()
    slowly(monkeypatch, importers, "import_responses")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(log), "")))
    page = window.open_page("classes")
    answers = DialogAnswers().expect(press("Add them and import"))
    QTest.mouseClick(page.import_answers_button, LEFT)
    press_cancel_on_progress("Importing answers…")
    finish_jobs()
    answers.finish()
    assert store.counts() == before, "the import's one transaction was rolled back: no answer, no exercise"
    assert window.statusBar().currentMessage() == "Import cancelled: no answer was imported."
