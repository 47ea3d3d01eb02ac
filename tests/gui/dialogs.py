"""Answer real modal dialogs the way a teacher does: find the dialog, type, press its button.

Tests that use this take the ``real_dialogs`` fixture (the default fixtures
make any modal dialog fail the test). Answers are queued before the action
that opens the dialogs; a repeating timer finds each new modal widget
(``QApplication.activeModalWidget()``), records what it said and runs the
next answer on it::

    answers = DialogAnswers()
    answers.expect(type_text("owl-42"), press("OK"))
    QTest.mouseClick(page.leave_button, Qt.LeftButton)
    answers.finish()        # every queued answer was used
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QTimer, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QFileDialog, QLineEdit, QMessageBox, QProgressDialog,
                               QWidget)

Step = Callable[[QWidget], None]


def spin(ms: int) -> None:
    """Process events for ``ms`` milliseconds, sleeping in between.

    Use it instead of ``QTest.qWait``, which keeps Python's GIL while it waits:
    a background job's Python code then crawls (a half-second job took 2.4 s
    under ``qWait(20)`` loops and 30 s under longer waits).
    """
    deadline = time.monotonic() + ms / 1000
    while True:
        QApplication.processEvents()
        if time.monotonic() >= deadline:
            return
        time.sleep(0.005)


@dataclass
class SeenDialog:
    """What a dialog showed when it was answered."""

    title: str
    text: str
    buttons: list[str]
    widget_type: str


def dialog_text(dialog: QWidget) -> str:
    """All the words a dialog shows (message, informative text, labels)."""
    from PySide6.QtWidgets import QLabel

    if isinstance(dialog, QMessageBox):
        return "\n".join(t for t in (dialog.text(), dialog.informativeText()) if t)
    return "\n".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible() and label.text())


def visible_buttons(dialog: QWidget) -> list[QAbstractButton]:
    return [b for b in dialog.findChildren(QAbstractButton) if b.isVisible() and b.text()]


def find_button(dialog: QWidget, text: str) -> QAbstractButton:
    """The visible button whose text (without ``&``) is ``text``, or starts with it."""
    buttons = visible_buttons(dialog)
    clean = {b: b.text().replace("&", "") for b in buttons}
    for button, label in clean.items():
        if label == text:
            return button
    for button, label in clean.items():
        if label.startswith(text):
            return button
    raise AssertionError(f"no button {text!r} in the dialog; buttons: {list(clean.values())}")


def press(text: str) -> Step:
    """Click the dialog's button labelled ``text``."""

    def step(dialog: QWidget) -> None:
        QTest.mouseClick(find_button(dialog, text), Qt.MouseButton.LeftButton)

    return step


def type_keys(widget: QWidget, text: str) -> None:
    """``QTest.keyClicks`` that also types Chinese (QTest's own aborts on a character outside Latin-1)."""
    for char in text:
        if char.isascii():
            QTest.keyClick(widget, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)


def type_text(text: str, then_press: str | None = "OK") -> Step:
    """Type into the dialog's (first visible) text field, then press ``then_press`` (None: press Enter)."""

    def step(dialog: QWidget) -> None:
        edits = [e for e in dialog.findChildren(QLineEdit) if e.isVisible() and e.isEnabled()]
        assert edits, "the dialog has no text field"
        edits[0].setFocus()
        edits[0].selectAll()
        type_keys(edits[0], text)
        if then_press is None:
            QTest.keyClick(edits[0], Qt.Key.Key_Return)
        else:
            QTest.mouseClick(find_button(dialog, then_press), Qt.MouseButton.LeftButton)

    return step


def choose_file(path: str) -> Step:
    """Answer Qt's own file dialog: type the full path into its file name field and press Enter."""

    def step(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog), f"expected a file dialog, got {type(dialog).__name__}"
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        edit.setFocus()
        edit.clear()
        QTest.keyClicks(edit, path)
        QTest.keyClick(edit, Qt.Key.Key_Return)

    return step


def print_to_pdf(path: str) -> Step:
    """Answer Qt's print dialog: the "Print to File (PDF)" printer, file name ``path``, press Print."""

    def step(dialog: QWidget) -> None:
        edit = dialog.findChild(QLineEdit, "filename")
        assert edit is not None and edit.isVisible(), "the print dialog offers no file to print to"
        edit.setText(path)  # typed keys would open the file-name completer's popup over the dialog
        QTest.mouseClick(find_button(dialog, "Print"), Qt.MouseButton.LeftButton)

    return step


def then(*steps: Step) -> Step:
    """Several steps on the same dialog (for example: look at it, then press a button)."""

    def step(dialog: QWidget) -> None:
        for one in steps:
            one(dialog)

    return step


class DialogAnswers:
    """Queued answers for the modal dialogs that the next actions open, in order."""

    def __init__(self, poll_ms: int = 25) -> None:
        self.queue: list[Step] = []
        self.seen: list[SeenDialog] = []
        self.failures: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def expect(self, *steps: Step) -> "DialogAnswers":
        """Answer the next dialogs with ``steps``, one step per dialog."""
        self.queue.extend(steps)
        return self

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not self.queue or dialog.property("answered_by_test") or not dialog.isVisible():
            return
        if isinstance(dialog, QProgressDialog):  # a job's progress box (shown after 300 ms on a slow machine) is no
            return  # question: an answer meant for the next dialog went to it and that dialog then waited for ever
        dialog.setProperty("answered_by_test", True)
        self.seen.append(
            SeenDialog(dialog.windowTitle(), dialog_text(dialog), [b.text() for b in visible_buttons(dialog)], type(dialog).__name__)
        )
        step = self.queue.pop(0)
        # run the answer outside this timer's slot: a button that opens another modal dialog starts a nested
        # event loop, and the polling timer cannot fire again while its own slot is still running
        QTimer.singleShot(0, lambda: self._answer(step, dialog))

    def _answer(self, step: Step, dialog: QWidget) -> None:
        try:
            step(dialog)
        except Exception as exc:  # noqa: BLE001 - a failed answer must not leave the dialog open forever
            self.failures.append(f"{type(exc).__name__}: {exc}")
            if isinstance(dialog, QDialog) and dialog.isVisible():
                dialog.reject()
            return
        if dialog.isVisible():  # the step left it open (it opened and closed another dialog): the next step answers it
            dialog.setProperty("answered_by_test", False)

    def finish(self, timeout_ms: int = 10000) -> list[SeenDialog]:
        """Wait until every queued answer was used; fail on an answer that went wrong. Returns what was seen."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self.queue and time.monotonic() < deadline:
            spin(20)
        self.timer.stop()
        assert not self.failures, self.failures
        assert not self.queue, f"{len(self.queue)} expected dialogs never opened; seen: {self.seen}"
        return self.seen


def in_event_loop(action: Callable[[], None], timeout_ms: int = 30000) -> None:
    """Do ``action`` (a click) from inside a running event loop, as in the app, and return once no job runs.

    The app does everything inside ``QApplication.exec()``; tests mostly spin
    events with ``processEvents``, where Qt handles ``deleteLater`` at once. In
    a running loop an object put away with ``deleteLater`` by a job's result
    handler still lives while a dialog opened by that handler runs its own
    loop: the real app's behaviour, which bugs such as a progress box coming
    back over the next dialog need to show.
    """
    from PySide6.QtCore import QEventLoop

    from desktop.workers import Job

    loop = QEventLoop()
    watch = QTimer()
    watch.setInterval(20)
    watch.timeout.connect(lambda: None if Job._running else loop.quit())

    def start() -> None:
        action()
        watch.start()

    QTimer.singleShot(0, start)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    watch.stop()
