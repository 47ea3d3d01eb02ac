""""Difficult questions" of a paper quiz: what most of the class missed, what they wrote, which skill it points to."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QVBoxLayout, QWidget

from desktop.i18n import listing
from desktop.table_csv import export_button_under
from desktop.views.base import RowsModel, heading, hint, table_view
from engine.adapt.reports import whole_percent
from engine.classroom.quiz_results import DIFFICULT_BELOW, DIFFICULT_FROM_MARKS, QuestionResult, QuizResults

SHOWN_WHEN_NONE_DIFFICULT = 3
WRAPPED_WIDTHS = {2: 260, 3: 210, 4: 150}
"""Missed by, Common wrong answers, Skill: widths their text wraps in (the question takes the rest)."""


class DifficultQuestionsDialog(QDialog):
    """The questions most of the class missed (or, when none, the lowest scores), hardest first."""

    def __init__(self, results: QuizResults, title: str, names: dict[Any, str], parent: QWidget | None = None,
                 group: str | None = None) -> None:
        """``names``: each student's name as the grid shows it, in the grid's order (who missed a question is said by
        name, in that order). ``group``: the group's name when ``results`` are of the group the grid shows."""
        super().__init__(parent)
        self.names = names
        self.setWindowTitle(self.tr("Difficult questions"))
        self.resize(1000, 480)
        box = QVBoxLayout(self)
        box.addWidget(heading(self.tr("Difficult questions: {quiz}").format(quiz=title)))
        difficult = results.difficult()
        shown = difficult or sorted((q for q in results.questions if q.share is not None),
                                    key=lambda q: (q.share, q.number))[:SHOWN_WHEN_NONE_DIFFICULT]
        if difficult:
            text = self.tr("Most of {group} missed these questions. Absent students and empty cells are not counted.").format(
                group=group) if group else \
                self.tr("Most of the class missed these questions. Absent students and empty cells are not counted.")
        elif any(q.share < DIFFICULT_BELOW for q in shown) or all(q.marked < DIFFICULT_FROM_MARKS for q in shown):
            # review 43: "none missed by most" above "0%, 1 of 1" (43c: and above "100%, 0 of 1")
            text = self.tr("Too few marks yet to say what most of {group} missed: a question counts here once {count} "
                           "children have a mark on it. The lowest scores so far:").format(group=group, count=DIFFICULT_FROM_MARKS) \
                if group else self.tr("Too few marks yet to say what most of the class missed: a question counts here once "
                                      "{count} children have a mark on it. The lowest scores so far:").format(count=DIFFICULT_FROM_MARKS)
        elif shown:
            text = self.tr("No question was missed by most of {group}. The lowest scores so far:").format(group=group) if group \
                else self.tr("No question was missed by most of the class. The lowest scores so far:")
        else:
            text = self.tr("No marks entered yet.")
        self.summary = QLabel(text)
        self.summary.setWordWrap(True)
        box.addWidget(self.summary)
        self.model = RowsModel([self.tr("Question"), self.tr("Group score") if group else self.tr("Class score"), self.tr("Missed by"),
                                self.tr("Common wrong answers"), self.tr("Skill")], self)
        self.model.set_rows([self._row(q) for q in shown], shown)
        self.table = table_view(self.model, stretch_column=0, wrap=True)
        self.table.setObjectName("difficultTable")
        header = self.table.horizontalHeader()
        for column, width in WRAPPED_WIDTHS.items():  # review 33a: one long line of names pushed the answers off screen
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        box.addWidget(self.table, 1)
        self.export_button = export_button_under(box, self, self.model, lambda: self.tr("Difficult questions - {quiz}").format(  # whose: review 44
            quiz=f"{title} - {group}" if group else title),
                                                 "exportDifficult")
        waiting = [q for q in results.questions if q.waiting]
        self.how_to = hint(self.tr("To see wrong answers here, press F2 on a cell of the grid and type what the student wrote."))
        # review 29a: it stood under the wrong answers it asks for; review 37d: under answers typed with F2, still waiting
        self.how_to.setVisible(not any(q.wrong_answers for q in shown) and not waiting)
        box.addWidget(self.how_to)
        self.waiting = hint("* " + self.tr("Not counted yet: typed answers waiting in “Mark written answers” ({questions}). Mark "
                                           "them there and the questions count here.").format(questions=listing(
                                        self.tr("Q{number}: {count}").format(number=q.number, count=q.waiting) for q in waiting)))
        self.waiting.setObjectName("difficultWaiting")
        self.waiting.setVisible(bool(waiting))  # review 35d: the hardest question, 7 typed answers waiting, was not named
        box.addWidget(self.waiting)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        box.addWidget(buttons)

    def _row(self, question: QuestionResult) -> list[Any]:
        # one answer a line: an answer may hold commas itself ("1, 10, 100, 1000" is one choice; review 33a)
        wrong = "\n".join(self.tr("{answer} (×{count})").format(answer=a, count=n) if n > 1 else a for a, n in question.wrong_answers[:4])
        return [
            self.tr("Q{number}: {prompt}").format(number=question.number, prompt=question.exercise.prompt),
            self.tr("{percent}%").format(percent=whole_percent(question.share or 0.0)) + ("*" if question.waiting else ""),
            self.tr("{missed} of {marked}: {names}").format(missed=question.missed, marked=question.marked, names=listing(
                [self.names[s] for s in self.names if s in question.missed_by], people=True)) if question.missed_by else
            self.tr("{missed} of {marked}").format(missed=question.missed, marked=question.marked),
            wrong or "—",
            listing(question.skills) or "—",
        ]

    def cell(self, row: int, column: int) -> str:
        return str(self.model.data(self.model.index(row, column), Qt.ItemDataRole.DisplayRole))
