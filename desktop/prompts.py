"""Small questions: one with a text field (a password, a recovery key), whose words wrap to fit a small screen,
one with a drop-down list (:func:`ask_choice`), and one that asks before something is done (:func:`ask_before`),
its safe answer the default.

Qt's ``QInputDialog.getText`` shows its prompt on one line: a prompt with the
rule for a strong password became a dialog about 2,000 pixels wide, its OK and
Cancel off a 1366×768 screen. :func:`ask_text` wraps the prompt at
:data:`PROMPT_WIDTH` pixels (a short prompt keeps its own width) and always
shows the field, OK and Cancel below it. Every password and recovery-key prompt
of the app goes through it.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QInputDialog, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from desktop.engine_texts import teacher_text
from engine.errors import LamplightError
from engine.store.classes import MAX_NAME, class_name_key, tidy_name

PROMPT_WIDTH = 520  # pixels: wide enough for a sentence a line, narrow enough for any laptop screen
SHORTEST_WIDTH = 320  # a one-line prompt ("Teacher password:") still gets a field long enough for a passphrase


class TextPrompt(QDialog):
    """A title, a wrapped prompt, one text field (hidden characters for a password), OK and Cancel."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, password: bool = True, text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        box = QVBoxLayout(self)
        self.label = wrapped_prompt(prompt)
        box.addWidget(self.label)
        self.field = QLineEdit(text)
        self.field.setObjectName("promptField")
        if password:
            self.field.setEchoMode(QLineEdit.EchoMode.Password)
        box.addWidget(self.field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box.addWidget(self.buttons)
        self.field.setFocus()
        self.adjustSize()

    @property
    def ok_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)


def wrapped_prompt(prompt: str) -> QLabel:
    """A question's words as plain text, wrapped at :func:`prompt_width`."""
    label = QLabel(prompt)
    label.setObjectName("promptText")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setFixedWidth(prompt_width(label, prompt))
    return label


def prompt_width(label: QLabel, prompt: str) -> int:
    """The prompt's width in pixels: its longest line when that is short, else :data:`PROMPT_WIDTH` (it wraps)."""
    metrics = label.fontMetrics()
    longest = max((metrics.horizontalAdvance(line) for line in prompt.splitlines() or [""]), default=0)
    return max(SHORTEST_WIDTH, min(PROMPT_WIDTH, longest + 8))


def ask_text(parent: QWidget | None, title: str, prompt: str, password: bool = True, text: str = "") -> str | None:
    """Ask for one line of text (hidden when ``password``); the text typed, or None when the teacher cancelled."""
    dialog = TextPrompt(parent, title, prompt, password, text)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.field.text() if accepted else None
    finally:
        dialog.deleteLater()


def ask_choice(parent: QWidget | None, title: str, prompt: str, choices: list[str]) -> str | None:
    """One of ``choices`` from a drop-down list under a wrapped prompt, or None when the teacher cancelled (review 39:
    ``QInputDialog.getItem`` asking to move a class of 36 named children was 5,746 pixels wide)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    box = QVBoxLayout(dialog)
    box.addWidget(wrapped_prompt(prompt))
    combo = QComboBox()
    combo.addItems(choices)
    box.addWidget(combo)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    box.addWidget(buttons)
    combo.setFocus()
    try:
        return combo.currentText() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_before(parent: QWidget | None, title: str, text: str, go: str, stay: str,
               role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.AcceptRole) -> bool:
    """Whether the teacher pressed ``go`` in a question whose default (and Escape) is ``stay``: what deletes, or
    adds what may be a mistake, is never one Enter away."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    chosen = box.addButton(go, role)
    safe = box.addButton(stay, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(safe)
    box.setEscapeButton(safe)
    box.exec()
    return box.clickedButton() is chosen


def _get_text(parent: QWidget, title: str, label: str, text: str) -> tuple[str, bool]:
    """QInputDialog.getText, wide enough for a long name (review 48b: "Table 1 – needs help with fractions" scrolled
    its start out of a 200-pixel field)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.findChild(QLineEdit).setMinimumWidth(400)  # the dialog's layout sets its own minimum size
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    name = dialog.textValue()
    dialog.deleteLater()
    return name, ok


def ask_name(parent: QWidget, title: str, label: str, save: Callable[[str], Any], text: str = "",
             taken: Iterable[str] = (), archived: Iterable[str] = ()) -> bool:
    """Ask for a name (of a class, a student, a group, a skill) until ``save(name)`` takes it or the teacher
    cancels; whether it was saved.

    A name too long, one of ``taken`` (ignoring case) or one the engine refuses is asked for again with the
    reason above the teacher's own typing: nothing she typed is lost and no refusal goes unsaid. ``save``
    returning False asks again too (the teacher chose to change the name). A name of ``archived`` (an archived
    class's, not in the list the teacher sees) says so (review 36e: "taken" with an empty class list).
    """
    archived = {class_name_key(t) for t in archived}  # review 44: "Demo class（2）" beside "Demo class (2)"
    taken = {class_name_key(t) for t in taken} | archived
    problem = ""
    while True:
        name, ok = _get_text(parent, title, f"{problem}\n\n{label}" if problem else label, text)
        text = tidy_name(name)
        if not ok or not name.strip():
            return False
        if not text:  # only characters that show as nothing (review 27c: the dialog closed as if it had worked)
            problem = QCoreApplication.translate("prompts", "The name is empty: type letters a reader can see.")
            continue
        if len(text) > MAX_NAME:
            problem = QCoreApplication.translate("prompts", "The name is longer than {count} characters.").format(count=MAX_NAME)
        elif class_name_key(text) in archived:
            problem = QCoreApplication.translate("prompts", "“{name}” is the name of an archived class (tick “Show archived "
                                                            "classes” to see it): choose another name.").format(name=text)
        elif class_name_key(text) in taken:
            problem = QCoreApplication.translate("prompts", "“{name}” is taken already: choose another name.").format(name=text)
        else:
            try:
                if save(text) is not False:
                    return True
                problem = ""
            except LamplightError as exc:
                problem = teacher_text(str(exc))
