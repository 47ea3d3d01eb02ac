"""The marks book: every paper quiz of the class against every child, with each child's average."""
from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.i18n import listing
from desktop.table_csv import export_button_under
from desktop.views.base import FrozenFirstColumn, RowFooter, RowsModel, fill_group_choice, heading, hint, table_view
from desktop.views.quiz_grid import mark_text
from engine.adapt.reports import whole_percent
from engine.classroom.markbook import Markbook, QuizMarks
from engine.store.clock import local_date
from engine.store.records import Student


WHOLE_ROW = QColor("#e8f0fe")
"""The class's (or group's) row, as the quiz grid's class row."""


class MarkbookDialog(QDialog):
    """Children down, quizzes across (oldest first), a score per cell; a double click opens that quiz's grid."""

    def __init__(self, book: Markbook, students: list[Student], class_name: str, groups: Sequence[Any] = (),
                 parent: QWidget | None = None) -> None:
        """``groups``: the class's groups (``id``, ``name``), for "Show:" to keep the book to one of them."""
        super().__init__(parent)
        self.book, self.students = book, students
        self.chosen_quiz: Any = None
        self.setWindowTitle(self.tr("Marks book"))
        width, height = 900, 520
        if parent is not None:  # review 36d: 9 of 32 rows in view
            room = parent.window().size()
            width, height = max(width, int(room.width() * 0.9)), max(height, int(room.height() * 0.9))
        self.resize(width, height)
        box = QVBoxLayout(self)
        box.addWidget(heading(self.tr("Marks book: {name}").format(name=class_name)))
        self.summary = hint("" if book.quizzes else self.tr("No quiz yet for this class."))
        box.addWidget(self.summary)
        show = QHBoxLayout()
        show.addWidget(QLabel(self.tr("Show:")))
        self.group_combo = QComboBox()  # review 31c: a quiz given to one group left the rest of the class as dashes
        self.group_combo.setObjectName("markbookGroup")
        fill_group_choice(self.group_combo, self.tr("Whole class"), groups)
        self.group_combo.currentIndexChanged.connect(lambda _: self._fill())
        show.addWidget(self.group_combo)
        show.addSpacing(16)
        show.addWidget(QLabel(self.tr("Scores as:")))
        self.scores_combo = QComboBox()  # review 31c: the grid says "6 / 8", the book only "75%"
        self.scores_combo.setObjectName("markbookScores")
        self.scores_combo.addItem(self.tr("Percent"), False)
        self.scores_combo.addItem(self.tr("Marks"), True)
        self.scores_combo.currentIndexChanged.connect(lambda _: self._fill())
        show.addWidget(self.scores_combo)
        show.addStretch(1)
        box.addLayout(show)
        self.model = RowsModel([self.tr("Student"), *column_titles(book.quizzes), self.tr("Average")], self)
        self.table = table_view(self.model, stretch_column=None)
        self.table.setObjectName("markbookTable")
        self.table.doubleClicked.connect(self._open_quiz)
        box.addWidget(self.table, 1)
        self.class_row = RowFooter(self.table, 0)  # review 32: with 30 children the class's row scrolled away
        self.class_row.setObjectName("markbookClassRow")
        self.class_row.doubleClicked.connect(self._open_quiz)
        box.addWidget(self.class_row)
        self.names = FrozenFirstColumn(self.table)  # review 46: scrolled to a year's last quizzes, no row said whose
        self.class_name = FrozenFirstColumn(self.class_row)
        self._fill()
        self.export_button = export_button_under(box, self, self.model, lambda: self.tr("Marks book - {name}").format(  # the group's name when one is shown (review 44)
            name=self.group_combo.currentText() if self.group_combo.currentData() is not None else class_name),
                                                 "exportMarkbook")
        self.export_button.setEnabled(bool(book.quizzes))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        box.addWidget(buttons)

    def _fill(self) -> None:
        """The chosen children's rows, under their group's (or the class's) row at the top."""
        group = self.group_combo.currentData()
        students = [s for s in self.students if group is None or group in s.group_ids]
        book, shown = self.book, {s.id for s in students}
        averages = [a for a in (book.average(s.id) for s in students) if a is not None]
        total = [self.group_combo.currentText(), *(self._share(book.class_share(q.id, shown)) for q in book.quizzes),
                 self._share(sum(averages) / len(averages) if averages else None)]
        rows = [[s.label, *(self._cell(s.id, q) for q in book.quizzes), self._share(book.average(s.id))] for s in students]
        self.model.set_rows([total, *rows], [None, *(s.id for s in students)])
        for column in range(self.model.columnCount()):
            self.model.colours[(0, column)] = WHOLE_ROW
        self._export_numbers(students, total)
        self._explain_waiting(students)
        if self.book.quizzes:
            self.summary.setText(self._summary_text())
        # the columns fit their new texts after this; scrolled sideways, the view must follow a wider first column (review
        # 46c: with a group's long name the last quizzes and the Average could no longer be reached)
        QTimer.singleShot(0, self.table, self._scrolled_as_before)

    def _scrolled_as_before(self) -> None:
        """Scrolled to the same column as before the columns' widths changed (Qt keeps the old pixel offset)."""
        self.table.horizontalHeader().setOffsetToSectionPosition(self.table.horizontalScrollBar().value())

    def _export_numbers(self, students: list[Student], total: list[str]) -> None:
        """The book in a CSV file as numbers a spreadsheet reads (review 48a: "67% (3 of 8 marked)" and "7 / 8" were
        text): a percentage, or with Scores as Marks the marks given and, in a column of its own, the questions marked
        (the class's row: its children's, summed); what is not fully marked yet in a last column, in words."""
        book, by_marks = self.book, bool(self.scores_combo.currentData())
        quizzes = range(1, len(book.quizzes) + 1)
        last = len(book.quizzes) + 1
        model = self.model
        model.header_exported = {last: (model.headers[last], self.tr("Not fully marked"))}
        if by_marks:
            model.header_exported.update({column: (model.headers[column], self.tr("{quiz}: questions marked").format(
                quiz=model.headers[column])) for column in quizzes})

        def blank(text: str) -> str:
            return "" if text == "—" else text

        model.exported[(0, last)] = (blank(total[last]), "")
        class_marks = {quiz.id: [0.0, 0] for quiz in book.quizzes}
        for row, student in enumerate(students, start=1):
            for column, quiz in enumerate(book.quizzes, start=1):
                marks = book.marks.get((student.id, quiz.id))
                absent = (student.id, quiz.id) in book.absent
                given = marks is not None and marks.share is not None and not absent
                if by_marks:
                    model.exported[(row, column)] = (mark_text(marks.total), str(marks.marked)) if given else \
                        (self.tr("Absent") if absent else "", "")
                    if given:
                        class_marks[quiz.id][0] += marks.total
                        class_marks[quiz.id][1] += marks.marked
                else:
                    model.exported[(row, column)] = self._share(marks.share) if given else self.tr("Absent") if absent else ""
            unfinished = book.unfinished(student.id, self.tr("{quiz} ({marked} of {questions} marked)"),
                                         self.tr("{quiz} ({marked} of {questions} marked, {waiting} waiting)"),
                                         model.headers[1:last])  # 48c: and the answers still waiting
            model.exported[(row, last)] = (blank(str(model.rows[row][last])), listing(unfinished))
        for column, quiz in enumerate(book.quizzes, start=1):  # 48c: with marks, the class's marks too, not its percentage
            given_marks, marked = class_marks[quiz.id]
            model.exported[(0, column)] = ((mark_text(given_marks), str(marked)) if marked else ("", "")) if by_marks \
                else blank(total[column])

    def _summary_text(self) -> str:
        if self.scores_combo.currentData():
            how = self.tr("Each child's marks on each quiz: the marks given out of the questions marked (“2 / 3”). The class's "
                          "row and the averages stay percentages.")
        else:
            how = self.tr("Each child's score on each quiz: the share of the marks entered.")
        counting = self.tr("Absent children and empty cells are not counted as wrong; “6 of 8 marked” means only 6 of "
                           "8 questions have a mark so far (“waiting”: written answers still in “Mark written answers”). The "
                           "average counts each quiz once, and only quizzes with every mark entered. Double-click a score to "
                           "open that quiz.")
        return self.tr("{scores} {counting}").format(scores=how, counting=counting)

    def _cell(self, student_id: int, quiz: Any) -> str:
        if (student_id, quiz.id) in self.book.absent:
            return self.tr("Absent")
        marks: QuizMarks | None = self.book.marks.get((student_id, quiz.id))
        if marks is None:
            return "—"
        if marks.share is None:
            return self.tr("waiting")
        score = self.tr("{total} / {marked}").format(total=mark_text(marks.total), marked=marks.marked) \
            if self.scores_combo.currentData() else self._share(marks.share)
        if marks.complete:
            return score
        if marks.waiting:  # review 47a: "100% (3 of 8 marked)" with five typed answers still to mark read as not typed in
            return self.tr("{percent} ({marked} of {questions} marked, {waiting} waiting)").format(
                percent=score, marked=marks.marked, questions=marks.questions, waiting=marks.waiting)
        return self.tr("{percent} ({marked} of {questions} marked)").format(percent=score, marked=marks.marked, questions=marks.questions)

    def _share(self, share: float | None) -> str:
        return "—" if share is None else self.tr("{percent}%").format(percent=whole_percent(share))

    def _explain_waiting(self, students: list[Student]) -> None:
        """A tooltip on each cell whose child has written answers still to mark."""
        for row, student in enumerate(students, start=1):
            for column, quiz in enumerate(self.book.quizzes, start=1):
                marks = self.book.marks.get((student.id, quiz.id))
                if marks is not None and marks.waiting:
                    self.model.tooltips[(row, column)] = self.tr("{count} written answers waiting in “Mark written answers”").format(
                        count=marks.waiting)

    def _open_quiz(self, index: QModelIndex) -> None:
        """A double click on a quiz's column: close and show that quiz's grid."""
        if 1 <= index.column() <= len(self.book.quizzes):
            self.chosen_quiz = self.book.quizzes[index.column() - 1].id
            self.accept()

    def cell(self, row: int, column: int) -> str:
        return str(self.model.data(self.model.index(row, column), Qt.ItemDataRole.DisplayRole))


def column_titles(quizzes: list[Any]) -> list[str]:
    """Each quiz's title, with the day it was made where two quizzes share a title (review 31c: two "Week 3 quiz"
    columns could not be told apart)."""
    titles = [q.title for q in quizzes]
    return [f"{q.title} ({local_date(q.created)})" if titles.count(q.title) > 1 else q.title for q in quizzes]
