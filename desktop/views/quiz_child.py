"""One child's paper quiz, question by question: what they wrote, their mark and the key (a parents' evening, a child
who asks "what did I get wrong?"; Kolibri's coach tools show a learner's quiz so, the grid only as one row)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QVBoxLayout, QWidget

from desktop.table_csv import export_button_under
from desktop.views.base import RowsModel, heading, table_view
from desktop.views.quiz_grid import ResultsModel, mark_text
from engine.adapt.reports import whole_percent
from engine.choices import letter_of
from engine.classroom.grading import AUTO_GRADED


class ChildQuizDialog(QDialog):
    """The questions of the quiz the grid shows, with one child's answers and marks as the grid holds them."""

    def __init__(self, results: ResultsModel, row: int, quiz: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        student = results.students[row]
        self.setWindowTitle(self.tr("{name}: {quiz}").format(name=student.label, quiz=quiz))
        self.resize(900, 520)
        box = QVBoxLayout(self)
        box.addWidget(heading(self.tr("{name}: {quiz}").format(name=student.label, quiz=quiz)))
        self.summary = QLabel(self._summary(results, student.id))
        self.summary.setObjectName("childQuizSummary")
        self.summary.setWordWrap(True)
        box.addWidget(self.summary)
        self.model = RowsModel([self.tr("Question"), self.tr("Wrote"), self.tr("Mark"), self.tr("Answer key")], self)
        rows = [] if student.id in results.absent else \
            [self._row(results, row, column) for column in range(len(results.exercises))]
        self.model.set_rows(rows, rows)
        self.table = table_view(self.model, stretch_column=0, wrap=True)
        self.table.setObjectName("childQuizTable")
        header = self.table.horizontalHeader()
        for column, width in ((1, 220), (2, 90), (3, 170)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        box.addWidget(self.table, 1)
        self.export_button = export_button_under(box, self, self.model, lambda: f"{student.label} - {quiz}", "exportChildQuiz")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        box.addWidget(buttons)

    def _summary(self, results: ResultsModel, student_id: Any) -> str:
        if student_id in results.absent:
            return self.tr("Absent for this quiz.")
        marks = results.marks_of(student_id)
        waiting = results.waiting_of(student_id)
        text = self.tr("Total: {total} of {count} questions marked ({percent}%).").format(
            total=mark_text(sum(marks)), count=len(marks), percent=whole_percent(sum(marks) / len(marks))) if marks else \
            self.tr("No marks entered yet.")
        if waiting:
            text += " " + self.tr("Answers waiting in “Mark written answers”: {count}.").format(count=waiting)
        return text

    def _row(self, results: ResultsModel, row: int, column: int) -> list[str]:
        exercise = results.exercises[column]
        score, answer, waiting = results.cell_state(results.students[row].id, exercise.id)
        if waiting is not None:
            wrote, mark = waiting, self.tr("to mark")
        else:
            wrote = _with_letter(exercise, answer) if answer is not None else ""
            mark = "—" if score is None else results.shown(score)
        key = _with_letter(exercise, exercise.answer) if exercise.kind in AUTO_GRADED else self.tr("you mark it")
        return [self.tr("Q{number}: {prompt}").format(number=column + 1, prompt=exercise.prompt), wrote or "—", mark, key]

    def cell(self, row: int, column: int) -> str:
        return str(self.model.data(self.model.index(row, column), Qt.ItemDataRole.DisplayRole))


def _with_letter(exercise: Any, text: str) -> str:
    """A choice with its letter on the paper ("B: 3/4"), any other answer as it is."""
    letter = letter_of(text, exercise.choices) if exercise.kind == "multiple_choice" else None
    return QCoreApplication.translate("ChildQuizDialog", "{letter}: {choice}").format(letter=letter, choice=text) if letter else text
