"""The paper-quiz results grid: students x questions, typed at the keyboard, saved at once, undoable.

Keys: ``1`` right, ``0`` wrong (the cursor then moves on), ``A`` absent
(the whole quiz; nothing counts as wrong), except on a multiple-choice
question, where a letter is the choice the student circled; Delete clears, ``½`` or ``0.5``
then Enter gives a part mark on a question the teacher marks, F2 or a
double-click types what a student wrote (Lamplight marks it and keeps it for
the common wrong answers; on a question the teacher marks it waits, shown in
grey, in "Mark written answers"). The last row is the class's share per question.

Undo commands name cells by (student id, exercise id), so they stay right
after the rows are sorted.
"""
from __future__ import annotations

import time
import unicodedata
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QLineEdit, QStyle, QStyledItemDelegate, QTableView, QWidget

from desktop.plain_text import tip
from desktop.table_csv import EXPORT_ROLE
from desktop.views.base import NAME_ROOM, RowFooter, room_for_bold
from engine.adapt.reports import whole_percent
from engine.choices import letter_of
from engine.classroom.grading import AUTO_GRADED, MAX_TYPED_CHARS
from engine.classroom.quiz_results import is_written_answer, mark_or_written, mark_typed, parse_mark, tick_mark
from engine.errors import LamplightError
from engine.store.name_order import name_key, student_number_key
from engine.store.responses import as_typed_in_order

PART_MARK_KEYS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
CellKey = tuple[Any, Any]


class ResultsModel(QAbstractTableModel):
    """Students x questions (+ a total column and the class row); writes go through ``writer``."""

    write_failed = Signal(object)
    """A change could not be saved (a full disk, a removed data folder): the exception. The page shows it and reloads
    the grid from the store, so what the grid shows is what is saved."""
    cell_put_back = Signal(object, object)
    """(student id, exercise id) of a cell an undo or redo changed: the grid moves there, as a spreadsheet does (review
    36d: after Ctrl+Z the cursor stayed where typing had left it, and the corrected mark went to another child)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.students: list[Any] = []
        self.exercises: list[Any] = []
        self.scores: dict[CellKey, float] = {}
        self.answers: dict[CellKey, str] = {}
        self.waiting: dict[CellKey, str] = {}  # what a student wrote, waiting in "Mark written answers"
        self.absent: set[Any] = set()
        self.writer: Any = None
        """Object with ``save(student_id, exercise_id, score, answer)``, ``queue_written(student_id, exercise_id, text)``
        and ``set_absent(student_id, absent)``."""
        self.order = "name"
        self.labels = {"total": "Total", "question": "Q{number}", "class": "Whole class", "absent": "Absent",
                       "waiting_csv": "Not marked yet: {answer}", "right": "1", "wrong": "0",
                       "percent": "{percent}%", "wrote": "Wrote: {answer}", "answer": "Answer: {answer}",
                       "waiting": "Waiting in Mark written answers: {answer}", "share_waiting": "{percent}*",
                       "share_waiting_tip": "The share right of the answers marked so far; {count} more wait.",
                       "total_waiting": "{total} (+{count} to mark)", "marked_csv": "Questions marked",
                       "to_mark_csv": "Answers to mark"}
        """The words on the grid (the page sets the translated text)."""

    # --- contents -------------------------------------------------------------------------
    def load(self, students: list[Any], exercises: list[Any], scores: dict[CellKey, float],
             answers: dict[CellKey, str] | None = None, absent: set[Any] | None = None,
             waiting: dict[CellKey, str] | None = None) -> None:
        self.beginResetModel()
        self.students, self.exercises, self.scores = list(students), list(exercises), dict(scores)
        self.answers, self.absent, self.waiting = dict(answers or {}), set(absent or ()), dict(waiting or {})
        self._sort()
        self.endResetModel()

    def sort_by(self, order: str) -> None:
        """Rows by ``"name"``, by ``"number"`` (student number, as the papers are stacked; children without one
        last) or by ``"total"`` (highest first; absent and not yet entered last)."""
        self.beginResetModel()
        try:
            self.order = order
            self._sort()
        finally:
            self.endResetModel()
        # the row labels change with the order ("2024001  王芳"): the names column must measure them again (review 37c)
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(0, self.rowCount() - 1))

    def _sort(self) -> None:
        if self.order == "total":
            self.students.sort(key=lambda s: (-self.sort_total(s.id), name_key(s.name)))
        elif self.order == "number":
            self.students.sort(key=student_number_key)
        else:
            self.students.sort(key=lambda s: name_key(s.name))

    def sort_total(self, student_id: Any) -> float:
        if student_id in self.absent:
            return -2.0
        marks = self.marks_of(student_id)
        return sum(marks) if marks else -1.0

    def marks_of(self, student_id: Any) -> list[float]:
        return [self.scores[(student_id, e.id)] for e in self.exercises if (student_id, e.id) in self.scores]

    @property
    def class_row(self) -> int:
        return len(self.students)

    def is_student_cell(self, row: int, column: int) -> bool:
        return 0 <= row < len(self.students) and 0 <= column < len(self.exercises)

    def key(self, row: int, column: int) -> CellKey:
        return (self.students[row].id, self.exercises[column].id)

    def value(self, row: int, column: int) -> float | None:
        return self.scores.get(self.key(row, column))

    def row_of(self, student_id: Any) -> int:
        return next(i for i, s in enumerate(self.students) if s.id == student_id)

    def exercise(self, exercise_id: Any) -> Any:
        return next(e for e in self.exercises if e.id == exercise_id)

    # --- writes (the undo commands call these) -------------------------------------------------
    def set_cell(self, student_id: Any, exercise_id: Any, score: float | None, answer: str | None = None) -> None:
        """Save one cell; a mark makes an absent student present again (as the store does)."""
        self.writer.save(student_id, exercise_id, score, answer)
        key = (student_id, exercise_id)
        self._empty(key)  # the store drops the answer that waited in the cell too
        if score is not None:
            self.scores[key] = score
            self.absent.discard(student_id)
            if answer is not None:
                self.answers[key] = answer
        self._changed()

    def set_absent(self, student_id: Any, absent: bool) -> None:
        """Mark a student absent for the quiz (their marks go) or back to not yet entered."""
        self.writer.set_absent(student_id, absent)
        if absent:
            self.absent.add(student_id)
            for key in [k for k in (*self.scores, *self.waiting) if k[0] == student_id]:
                self._empty(key)
        else:
            self.absent.discard(student_id)
        self._changed()

    def set_waiting(self, student_id: Any, exercise_id: Any, text: str) -> None:
        """What a student wrote goes to "Mark written answers"; the cell waits for that mark (its old mark goes)."""
        self.writer.queue_written(student_id, exercise_id, text)
        key = (student_id, exercise_id)
        self._empty(key)
        self.waiting[key] = text
        self.absent.discard(student_id)
        self._changed()

    def _empty(self, key: CellKey) -> None:
        """Forget what the cell held: its mark, what was written with it, what waited in it."""
        self.scores.pop(key, None)
        self.answers.pop(key, None)
        self.waiting.pop(key, None)

    def cell_state(self, student_id: Any, exercise_id: Any) -> tuple[float | None, str | None, str | None]:
        """(score, what was written with it, what waits for a mark): enough to put the cell back on undo."""
        key = (student_id, exercise_id)
        return self.scores.get(key), self.answers.get(key), self.waiting.get(key)

    def put_back(self, student_id: Any, exercise_id: Any, state: tuple[float | None, str | None, str | None]) -> None:
        score, answer, waiting = state
        if waiting is not None:
            self.set_waiting(student_id, exercise_id, waiting)
        else:
            self.set_cell(student_id, exercise_id, score, answer)

    def guarded(self, change: Callable[[], None]) -> None:
        """Run an undo command's ``change``; an error goes to :attr:`write_failed` (Qt would only print it: review 33b,
        a full disk lost marks while the page said "All changes saved")."""
        try:
            change()
        except Exception as exc:  # noqa: BLE001 (whatever it is, the teacher must hear that the mark was not saved)
            self.write_failed.emit(exc)

    def _changed(self) -> None:
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # --- figures -----------------------------------------------------------------------------
    def share(self, column: int) -> float | None:
        """Mean mark on a question of the students present with a mark entered."""
        exercise_id = self.exercises[column].id
        marks = [v for (s, e), v in self.scores.items() if e == exercise_id and s not in self.absent]
        return sum(marks) / len(marks) if marks else None

    def class_total_share(self) -> float | None:
        """Mean over students of their share of marks (students with no marks entered are left out)."""
        shares = [sum(m) / len(m) for m in (self.marks_of(s.id) for s in self.students if s.id not in self.absent) if m]
        return sum(shares) / len(shares) if shares else None

    def total(self, row: int) -> str:
        student_id = self.students[row].id
        if student_id in self.absent:
            return self.labels["absent"]
        given = self.marks_of(student_id)
        total = f"{mark_text(sum(given))} / {len(given)}" if given else ""
        waiting = self.waiting_of(student_id)  # review 35d: "1 / 3" on a 4-question quiz
        return self.labels["total_waiting"].format(total=total or "—", count=waiting) if waiting else total

    def total_cells(self, row: int) -> tuple[str, str, str]:
        """The Total column in a CSV file: the marks added up, how many questions have a mark and how many answers wait
        for one, each a number a spreadsheet reads (47a: "5 / 6 (+2 to mark)" was text); the class row's share right."""
        if row == self.class_row:
            waiting = self._waiting_in(len(self.exercises))
            return self.percent(self.class_total_share()), "", str(waiting) if waiting else ""
        student_id = self.students[row].id
        if student_id in self.absent:
            return self.labels["absent"], "", ""
        given = self.marks_of(student_id)
        waiting = self.waiting_of(student_id)
        return (mark_text(sum(given)) if given else "", str(len(given)) if given else "", str(waiting) if waiting else "")

    def waiting_of(self, student_id: Any) -> int:
        """How many of the student's typed answers wait for a mark in "Mark written answers"."""
        return sum(1 for student, _ in self.waiting if student == student_id)

    def percent(self, share: float | None) -> str:
        return "" if share is None else self.labels["percent"].format(percent=whole_percent(share))

    # --- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or not self.students else len(self.students) + 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.exercises) + 1

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self.is_student_cell(index.row(), index.column()) else base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if row == self.class_row:
            return self._class_data(column, role)
        absent = self.students[row].id in self.absent
        if column == len(self.exercises):
            if role == EXPORT_ROLE:
                return self.total_cells(row)
            return self.total(row) if role == Qt.ItemDataRole.DisplayRole else None
        score = self.value(row, column)
        waiting = self.waiting.get(self.key(row, column))
        if role == Qt.ItemDataRole.DisplayRole:
            if absent:
                return "—"
            return _short(waiting) if waiting is not None else "" if score is None else self._circled(row, column) or self.shown(score)
        if role == Qt.ItemDataRole.EditRole:
            return waiting or self.answers.get(self.key(row, column)) or ("" if score is None else mark_text(score))
        if waiting is not None:
            if role == EXPORT_ROLE:  # review 29a: a waiting "1" was exported as the mark 1
                return self.labels["waiting_csv"].format(answer=waiting)
            if role == Qt.ItemDataRole.ToolTipRole:
                return tip(self.labels["waiting"].format(answer=waiting))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#6b6b6b")
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
        if role == EXPORT_ROLE and score is not None and not absent:
            circled = self._circled(row, column)  # the file has no colour: "B (0)", the choice and its mark
            return f"{circled} ({mark_text(score)})" if circled else mark_text(score)
        if role == Qt.ItemDataRole.ToolTipRole and self.key(row, column) in self.answers:
            return tip(self.labels["wrote"].format(answer=self.answers[self.key(row, column)]))
        if role == Qt.ItemDataRole.BackgroundRole:
            if absent:
                return QColor("#e4e4e4")
            if score is not None:
                return QColor("#d7efd9") if score >= 1 else QColor("#f6d5d1") if score <= 0 else QColor("#fbeccb")
        return None

    def shown(self, score: float) -> str:
        """A mark as the cell shows it: the language's right and wrong signs (√ and × in Chinese), a part mark as a number."""
        return self.labels["right"] if score >= 1 else self.labels["wrong"] if score <= 0 else mark_text(score)

    def _waiting_in(self, column: int) -> int:
        """Answers of the shown students to this question (or, in the Total column, to any) still waiting for a mark."""
        shown = {s.id for s in self.students}
        exercise = self.exercises[column].id if column < len(self.exercises) else None
        return sum(1 for student, question in self.waiting if student in shown and exercise in (None, question))

    def _circled(self, row: int, column: int) -> str | None:
        """The letter of the choice kept for a multiple-choice cell, as on the paper (review 30a/30c: the cell showed
        1 or 0, so the teacher could not check what she typed against the paper); its colour says right or wrong."""
        exercise = self.exercises[column]
        return letter_of(self.answers.get(self.key(row, column)), exercise.choices) if exercise.kind == "multiple_choice" \
            else None

    def _class_data(self, column: int, role: int) -> Any:
        if role == EXPORT_ROLE:  # numbers a spreadsheet reads: the answers still to mark are counted in the Total's cells
            return self.total_cells(self.class_row) if column == len(self.exercises) else self.percent(self.share(column))
        waiting = self._waiting_in(column)  # review 34a: "100%" of 2 marked answers, with 8 more still to mark
        if role == Qt.ItemDataRole.DisplayRole:
            share = self.percent(self.class_total_share() if column == len(self.exercises) else self.share(column))
            return self.labels["share_waiting"].format(percent=share or "—", count=waiting) if waiting else share
        if role == Qt.ItemDataRole.ToolTipRole and waiting:
            return self.labels["share_waiting_tip"].format(count=waiting)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor("#e3ecf7")
        return None

    def numbered(self) -> bool:
        """Whether a child of the grid has a student number (the CSV then gives the numbers a column)."""
        return any(s.external_id for s in self.students)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, EXPORT_ROLE):
                return None
            if section >= len(self.students):
                return ("", self.labels["class"]) if role == EXPORT_ROLE and self.numbered() else self.labels["class"]
            student = self.students[section]
            if role == EXPORT_ROLE:  # the number in a column of its own (review 46: "2024001  陈宇航" in one cell)
                return (student.external_id or "", student.label) if self.numbered() else student.label
            label = student.label
            if self.order == "number" and student.external_id:  # review 37a: the papers are stacked by 学号
                label = f"{student.external_id}  {student.name}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return tip(label)  # a name as typed, never read as HTML (review 46b: <img src=…> in a name was loaded)
            return label  # cut in the middle where drawn (ResultsGrid's header), whole in a CSV export (review 40c)
        if section == len(self.exercises):
            if role == EXPORT_ROLE:
                return self.labels["total"], self.labels["marked_csv"], self.labels["to_mark_csv"]
            return self.labels["total"] if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.labels["question"].format(number=section + 1)
        if role == Qt.ItemDataRole.ToolTipRole:
            exercise = self.exercises[section]
            answer = self.labels["answer"].format(answer=exercise.answer) if exercise.answer else ""
            return tip("\n".join(t for t in (exercise.prompt, answer) if t))
        return None


def mark_text(value: float) -> str:
    """A mark or a total of marks as the grid writes it: 1, 0.5, 5.5."""
    return f"{round(value, 2):g}"


def _short(text: str, most: int = 12) -> str:
    """A waiting answer as its cell shows it, at most ``most`` Latin letters wide (a Chinese character counts two):
    the columns stay narrow, the Total in sight (review 45), and the tooltip has all of it.

    >>> _short("because light is faster"), _short("先算30+40=70，再算6+8=14"), _short("不知道"), _short("三角形三角形")
    ('because lig…', '先算30+40=7…', '不知道', '三角形三角形')
    """
    widths = [2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text]
    if sum(widths) <= most:
        return text
    kept, width = 0, 0
    while width + widths[kept] <= most - 1:  # room for the "…"
        width += widths[kept]
        kept += 1
    return text[:kept] + "…"


class SetScore(QUndoCommand):
    """One cell change, undoable (an absent student marked in a cell is absent again on undo).

    ``waiting``: what the student wrote, sent to "Mark written answers" instead of a mark.
    """

    def __init__(self, model: ResultsModel, student_id: Any, exercise_id: Any, score: float | None, answer: str | None = None,
                 waiting: str | None = None) -> None:
        super().__init__()
        self.model, self.student_id, self.exercise_id = model, student_id, exercise_id
        self.new = (score, answer, waiting)
        self.old = model.cell_state(student_id, exercise_id)
        self.was_absent = student_id in model.absent
        self.done_once = False

    def redo(self) -> None:
        self.model.guarded(lambda: self.model.put_back(self.student_id, self.exercise_id, self.new))
        if self.done_once:  # a redo after an undo, not the typing itself (the cursor has moved on by then)
            self.model.cell_put_back.emit(self.student_id, self.exercise_id)
        self.done_once = True

    def undo(self) -> None:
        if self.was_absent:
            self.model.guarded(lambda: self.model.set_absent(self.student_id, True))
        else:
            self.model.guarded(lambda: self.model.put_back(self.student_id, self.exercise_id, self.old))
        self.model.cell_put_back.emit(self.student_id, self.exercise_id)


class SetAbsent(QUndoCommand):
    """A student marked absent (or present again), undoable with the marks they had."""

    def __init__(self, model: ResultsModel, student_id: Any, absent: bool) -> None:
        super().__init__()
        self.model, self.student_id, self.absent = model, student_id, absent
        self.was_absent = student_id in model.absent
        self.old_cells = {k[1]: model.cell_state(*k) for k in (*model.scores, *model.waiting) if k[0] == student_id}

    def redo(self) -> None:
        self.model.guarded(lambda: self.model.set_absent(self.student_id, self.absent))

    def undo(self) -> None:
        def put_back() -> None:
            self.model.set_absent(self.student_id, self.was_absent)
            for exercise_id, state in self.old_cells.items():
                self.model.put_back(self.student_id, exercise_id, state)

        self.model.guarded(put_back)


class CellEditor(QLineEdit):
    """The cell's line edit; Enter stays here (the grid moves on only when the text was used)."""

    def keyPressEvent(self, event: Any) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


def _fit(editor: Any) -> None:
    """The editor on its cell, as wide as the cell until what is typed needs more (review 30a: a written answer showed
    its last 4 characters; review 32b: a box three columns wide from the start hid the marks beside it)."""
    rect = editor.cell
    wanted = max(rect.width(), editor.fontMetrics().horizontalAdvance(editor.text() + "MM"))
    room = editor.parentWidget().width() if editor.parentWidget() is not None else wanted
    left = max(0, min(rect.left(), room - wanted))
    editor.setGeometry(left, rect.top(), min(wanted, room), rect.height())


class CellDelegate(QStyledItemDelegate):
    """The small editor for a part mark or what a student wrote; the grid decides what the text means."""

    def __init__(self, grid: "ResultsGrid") -> None:
        super().__init__(grid)
        self.grid = grid

    def createEditor(self, parent: Any, option: Any, index: Any) -> QLineEdit:
        editor = CellEditor(parent)
        editor.setObjectName("cellEditor")
        editor.setMaxLength(MAX_TYPED_CHARS)
        editor.cell = QRect(option.rect)
        editor.textChanged.connect(lambda _: _fit(editor))
        self.grid.editor = editor
        return editor

    def updateEditorGeometry(self, editor: Any, option: Any, index: Any) -> None:
        editor.cell = QRect(option.rect)
        _fit(editor)

    def setEditorData(self, editor: Any, index: Any) -> None:
        seed = self.grid.take_seed()
        editor.setText(seed if seed is not None else str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: Any, model: Any, index: Any) -> None:
        self.grid.enter_text(index.row(), index.column(), editor.text())


class ClassRowFooter(RowFooter):
    """The quiz grid's class row, kept in sight under the grid, with its label in the row header."""

    def __init__(self, grid: "ResultsGrid") -> None:
        super().__init__(grid, lambda: grid.results.class_row)
        grid.verticalHeader().geometriesChanged.connect(self.sync)

    @property
    def grid(self) -> "ResultsGrid":
        return self.table  # type: ignore[return-value]

    def sync(self) -> None:
        """The pinned row; room for the row's label and for "100%*" in bold (* when answers wait for a mark)."""
        super().sync()
        model = self.grid.results
        # The grid hides its class row, so its names column is only as wide as the names: make room for the label too,
        # and for every name in bold (the current row's).
        names = [model.headerData(row, Qt.Orientation.Vertical) for row in range(model.rowCount())]
        needed = room_for_bold(self.grid.verticalHeader(), names)
        self.verticalHeader().setFixedWidth(max(self.grid.verticalHeader().width(), needed))
        # The grid's columns fit what it shows; its class row is hidden there, so make room for "100%*" in bold.
        bold = QFont(self.font())
        bold.setBold(True)
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        widest = QFontMetrics(bold).horizontalAdvance(model.labels["share_waiting"].format(percent=model.percent(1.0) or "100%",
                                                                                           count=99)) + 2 * margin + 6
        self.grid.horizontalHeader().setMinimumSectionSize(max(44, widest))  # the footer follows (sectionResized)


class ResultsGrid(QTableView):
    """The keyboard-driven results grid."""

    problem = Signal(str)
    """A typed text could not be used (the page shows the message)."""

    def __init__(self, model: ResultsModel, undo: QUndoStack) -> None:
        super().__init__()
        self.setModel(model)
        self.results = model
        self.undo_stack = undo
        model.cell_put_back.connect(self._go_to_cell)
        self.messages = {"mark": "Type a mark from 0 to 1, for example 0.5 or ½.", "queued": "Saved for Mark written answers.",
                         "part": "Part marks are for questions you mark yourself; type 1 or 0, or press F2 to type what the student wrote.",
                         "keys": "Type 1 or √ (right), 0 or × (wrong), or press F2 to type what the student wrote. On a "
                                 "multiple-choice question, type the letter the student circled.",
                         "answer": "What the student wrote: Enter marks it with the answer key.",
                         "which_title": "Mark or answer?", "which_ask": "“{text}” is not a mark from 0 to 1. Is it what "
                         "the student wrote?", "which_written": "Keep it as what the student wrote",
                         "which_mark": "No, type the mark again",
                         "two_marks": "{first} and {second} were taken as two marks, one for each question. If the "
                                      "student wrote {first}{second}: Ctrl+Z twice, then F2 on the first of them.",
                         "absent_title": "Absent", "absent_ask": "Mark {name} absent for this quiz? Their answers on it ({count}) "
                         "are removed.", "absent_go": "Mark absent", "absent_stay": "Keep the answers"}
        """The grid's messages (the page sets the translated text)."""
        self.setItemDelegate(CellDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setMinimumSectionSize(44)
        # a very long name is cut in the middle, the whole of it in its tooltip (review 40a: 655 px of a 93-character name)
        self.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.verticalHeader().setMaximumWidth(NAME_ROOM)
        self.setTabKeyNavigation(True)
        self._seed: str | None = None
        self._just_typed: tuple[int, int, str, int, float] | None = None  # (row, column, 1 or 0, undo index before its
        # mark, when)
        self._refused = False  # a part mark was just refused: the digits typed after it are part of it
        self._advance_after_edit = False
        self.editor: QLineEdit | None = None

    def _go_to_cell(self, student_id: Any, exercise_id: Any) -> None:
        """Select the cell of ``student_id`` and ``exercise_id`` (shown rows only; the rows' order may have changed)."""
        rows = [n for n, student in enumerate(self.results.students) if student.id == student_id]
        columns = [n for n, exercise in enumerate(self.results.exercises) if exercise.id == exercise_id]
        if rows and columns:
            self.setCurrentIndex(self.results.index(rows[0], columns[0]))

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:  # noqa: N802 (Qt's name)
        super().currentChanged(current, previous)
        self._refused = False  # review 30c: a 2 typed on another cell kept the refused part mark's message
        self._just_typed = None  # (a 1 or 0 typed before a click elsewhere is not the start of what is typed there)
        # Keys reach the grid as keys even while a Chinese input method is on (it would turn A into 啊): Qt turns
        # the input method on for an editable cell, so it is turned off here again. The editor that F2 opens has
        # its own, for typing what a child wrote.
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)

    # --- marking ---------------------------------------------------------------------------
    def _current_cell(self) -> tuple[int, int] | None:
        index = self.currentIndex()
        if not index.isValid() or not self.results.is_student_cell(index.row(), index.column()):
            return None
        return index.row(), index.column()

    def teacher_marked(self, column: int) -> bool:
        return self.results.exercises[column].kind not in AUTO_GRADED

    def mark(self, score: float | None, advance: bool = True) -> None:
        cell = self._current_cell()
        if cell is None:
            return
        student_id, exercise_id = self.results.key(*cell)
        waits = (student_id, exercise_id) in self.results.waiting
        if self.results.value(*cell) != score or waits or student_id in self.results.absent:
            if score is None and student_id in self.results.absent:
                self.undo_stack.push(SetAbsent(self.results, student_id, False))
            else:
                self.undo_stack.push(SetScore(self.results, student_id, exercise_id, score))
        if advance:
            self.advance()

    def toggle_absent(self, move_on: bool = True) -> None:
        """``A``: the current student is absent for this quiz (or present again); the cursor goes to the next student
        (``move_on``; the "Mark absent" button leaves it on the row, so a second press undoes the first)."""
        cell = self._current_cell()
        if cell is None:
            return
        student_id = self.results.key(*cell)[0]
        absent = student_id not in self.results.absent
        answers = sum(key[0] == student_id for key in (*self.results.scores, *self.results.waiting))
        if absent and answers and not self._absent_asked(self.results.students[cell[0]], answers):
            return  # review 27: one stray A removed a child's marks and typed answers, and no undo survived a reload
        self.undo_stack.push(SetAbsent(self.results, student_id, absent))
        if move_on and cell[0] + 1 < len(self.results.students):
            self.setCurrentIndex(self.results.index(cell[0] + 1, 0))

    def _absent_asked(self, student: Any, answers: int) -> bool:
        """Whether the teacher confirms marking absent a child who has ``answers`` on the quiz (they are removed)."""
        from desktop.prompts import ask_before

        name = getattr(student, "label", None) or student.name
        return ask_before(self, self.messages["absent_title"], self.messages["absent_ask"].format(name=name, count=answers),
                          self.messages["absent_go"], self.messages["absent_stay"])

    def advance(self) -> None:
        """Next question; after the last question, the first question of the next student."""
        index = self.currentIndex()
        row, column = index.row(), index.column() + 1
        if column >= len(self.results.exercises):
            row, column = row + 1, 0
        if row < len(self.results.students):
            self.setCurrentIndex(self.results.index(row, column))

    # --- typed text (part marks, what a student wrote) ----------------------------------------------
    def open_editor(self, seed: str) -> None:
        """Open the current cell's editor with ``seed`` typed in (the view would select it: typing on replaces it)."""
        self._seed = seed
        self.editor = None
        self.edit(self.currentIndex())
        if self.editor is not None:
            self.editor.deselect()
            self.editor.setCursorPosition(len(seed))

    def take_seed(self) -> str | None:
        seed, self._seed = self._seed, None
        return seed

    def enter_text(self, row: int, column: int, text: str) -> None:
        r"""Save what was typed in a cell's editor: a part mark, or what the student wrote (marked by Lamplight), as the
        store keeps it (review 46c: "\u202eelgnairt" showed as "triangle" in the cell; see as_typed_in_order)."""
        text = as_typed_in_order(text)
        if not text.strip() or not self.results.is_student_cell(row, column):
            return
        exercise = self.results.exercises[column]
        ticked = tick_mark(exercise, text)
        if ticked is not None:  # review 30a: √ and × as marked on the paper
            self.undo_stack.push(SetScore(self.results, self.results.students[row].id, exercise.id, ticked))
            self._advance_after_edit = True
            return
        if mark_or_written(exercise, text):  # asked once the editor is closed
            QTimer.singleShot(0, lambda: self._ask_mark_or_written(row, column, text.strip()))
            return
        if is_written_answer(exercise, text):  # what the student wrote, on a question the teacher marks
            self.undo_stack.push(SetScore(self.results, self.results.students[row].id, exercise.id, None, waiting=text.strip()))
            self.problem.emit(self.messages["queued"])
            self._advance_after_edit = True
            return
        try:
            score, answer = mark_typed(exercise, text)
        except LamplightError as exc:
            from desktop.engine_texts import teacher_text

            self.problem.emit(teacher_text(str(exc)) if exercise.kind == "multiple_choice" else self.messages["mark"])
            return
        student_id = self.results.students[row].id
        key = (student_id, exercise.id)
        if self.results.cell_state(*key) != (score, answer, None) or student_id in self.results.absent:
            self.undo_stack.push(SetScore(self.results, student_id, exercise.id, score, answer))
        self._advance_after_edit = True

    def _key_begins(self, column: int, digits: str) -> bool:
        """Whether the answer key of a question the laptop marks begins with ``digits`` (10 for 90 ÷ 9): two marks typed
        fast were then more likely the child's answer (marks typed fast elsewhere, 1 1 0 1, are said nothing of)."""
        exercise = self.results.exercises[column]
        return exercise.kind in AUTO_GRADED and str(exercise.answer).strip().startswith(digits)

    def _ask_mark_or_written(self, row: int, column: int, text: str) -> None:
        """"9" on a question the teacher marks: what the student wrote (kept for "Mark written answers"), or a mark
        typed out of range (the teacher types it again)."""
        from desktop.prompts import ask_before

        went_to = self.currentIndex()  # Enter left the cursor on the cell; a click, where the teacher went (review 50c)
        self.setCurrentIndex(self.results.index(row, column))
        if not ask_before(self, self.messages["which_title"], self.messages["which_ask"].format(text=text),
                          self.messages["which_written"], self.messages["which_mark"]):
            self.problem.emit(self.messages["mark"])
            return
        self.undo_stack.push(SetScore(self.results, self.results.students[row].id, self.results.exercises[column].id, None,
                                      waiting=text))
        self.problem.emit(self.messages["queued"])
        if (went_to.row(), went_to.column()) == (row, column):
            self.advance()
        else:
            self.setCurrentIndex(went_to)

    def closeEditor(self, editor: Any, hint: QAbstractItemDelegate.EndEditHint) -> None:
        delegate = self.itemDelegate()
        delegate.blockSignals(True)  # the closing editor's focus-out would commit it a second time
        try:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.setFocus()
        finally:
            delegate.blockSignals(False)
        submitted = hint in (QAbstractItemDelegate.EndEditHint.SubmitModelCache, QAbstractItemDelegate.EndEditHint.EditNextItem)
        if self._advance_after_edit and submitted:
            self.advance()
        self._advance_after_edit = False

    def _part_mark_key(self, text: str) -> bool:
        """``½``, or ``0.``/``1/`` typed straight on: a part mark on a question the teacher marks."""
        cell = self._current_cell()
        if text in PART_MARK_KEYS and cell is not None:
            if self.teacher_marked(cell[1]):
                self.mark(parse_mark(text))
            else:
                self._refuse_part_mark()
            return True
        if text in ".,/":
            typed, self._just_typed = self._just_typed, None
            if typed is not None and not self.teacher_marked(typed[1]):
                # "0.5" on a question the laptop marks: the 0 stands, and no part mark goes to the next question
                # (review 28c: its ".5" opened "0." on the teacher-marked question the cursor had moved to)
                self._refuse_part_mark()
            elif typed is not None:  # "0" then "." : back to that cell, keep typing there
                self.setCurrentIndex(self.results.index(typed[0], typed[1]))
                self.open_editor(typed[2] + text)
            elif cell is not None and self.teacher_marked(cell[1]) and text != "/":
                self.open_editor("0" + text)
            elif cell is not None:
                self._refuse_part_mark()
            return True
        return False

    def _choice_key(self, text: str) -> bool:
        """A letter on a multiple-choice question: the choice the student circled, marked, and the cursor moves on.

        Review 28: the teacher typed the A a child had circled and marked the child absent instead."""
        cell = self._current_cell()
        if cell is None or len(text) != 1 or not (text.isascii() and text.isalpha()):
            return False
        if self.results.exercises[cell[1]].kind != "multiple_choice":
            return False
        self._enter_and_move_on(cell, text.upper())  # a letter the paper does not show is refused there, with the reason
        return True

    def _tick_key(self, text: str) -> bool:
        """√ or × (对 or 错) typed on a cell: its mark, and the cursor moves on (see :func:`tick_mark`). The key x is ×
        too, but for a multiple-choice question, whose letters a cell takes (review 42: a teacher without a × key)."""
        cell = self._current_cell()
        if cell is None:
            return False
        exercise = self.results.exercises[cell[1]]
        if text in ("x", "X") and exercise.kind != "multiple_choice":
            text = "×"
        if tick_mark(exercise, text) is None:
            return False
        self._enter_and_move_on(cell, text)
        return True

    def _enter_and_move_on(self, cell: tuple[int, int], text: str) -> None:
        """A key typed straight on a cell, read as its editor's text would be; the cursor moves on when it was used."""
        self.enter_text(*cell, text)
        if self._advance_after_edit:
            self._advance_after_edit = False
            self.advance()

    JOINED_WITHIN_S = 0.6
    """A digit this soon after a 1 or 0 is the same number's (12 typed as one answer); later, a new answer (review 43c:
    marks "1 1" then 305 for the next question gave "1305" one question back)."""

    def _start_written_answer(self, digit: str, just_typed: tuple[int, int, str, int, float] | None) -> bool:
        """A digit that is no mark (2 to 9) on a question the laptop marks: the teacher is copying what the child
        wrote (review 43: "60" saved × for the 0 after the 6 was refused, "12" marked the question right and the next
        one wrong). The cell's editor opens with it, to be marked with the key on Enter. Right after a 1 or 0 (within
        :attr:`JOINED_WITHIN_S`) that marked the question before, on a question the laptop marks, that mark is taken
        back and the editor opens there with both digits (Escape leaves the cell as it was before the number: review
        43e, putting the 1 back made a wrong mark right)."""
        if just_typed is not None and not self.teacher_marked(just_typed[1]) and \
                time.monotonic() - just_typed[4] <= self.JOINED_WITHIN_S:
            row, column, first, before, _ = just_typed
            if self.undo_stack.index() == before + 1:
                self.undo_stack.undo()
            self.setCurrentIndex(self.results.index(row, column))
            digit = first + digit
        else:
            cell = self._current_cell()
            if cell is None or self.teacher_marked(cell[1]):
                return False
        self.open_editor(digit)
        self.problem.emit(self.messages["answer"])
        return True

    def _refuse_part_mark(self) -> None:
        self.problem.emit(self.messages["part"])
        self._refused = True

    def _leaves_by_tab(self, event: Any) -> bool:
        """Ctrl+Tab (Ctrl+Shift+Tab) moves on to the page's other buttons from any cell; see :meth:`focusNextPrevChild`."""
        if event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) or not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        back = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        QWidget.focusNextPrevChild(self, not back)
        return True

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 (Qt's names)
        """Tab moves from cell to cell, and on from the last cell (Shift+Tab back from the first) to the page's other
        buttons (review 34e: Tab went round the grid for ever, so Undo, Mark absent and the screen list needed a
        mouse)."""
        current, model = self.currentIndex(), self.model()
        last = (model.rowCount() - 2, model.columnCount() - 1)  # the class row under the children is no cell to type in
        if not current.isValid() or (current.row(), current.column()) == (last if next else (0, 0)):
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: Any) -> None:
        plain = unicodedata.normalize("NFKC", event.text())
        if plain != event.text() and len(plain) == 1 and plain.isascii() and plain.isprintable():
            # full-width １ ０ Ａ ＋ ／ typed with a Chinese keyboard layout: the keys they stand for
            event = QKeyEvent(event.type(), ord(plain.upper()), event.modifiers(), plain)
        key, text = event.key(), event.text()
        just_typed, self._just_typed = self._just_typed, None
        refused, self._refused = self._refused, False
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_stack.undo()
        elif event.matches(QKeySequence.StandardKey.Redo) or (key == Qt.Key.Key_Y and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.undo_stack.redo()
        elif self._tick_key(text):
            pass
        elif key in (Qt.Key.Key_1, Qt.Key.Key_Plus, Qt.Key.Key_0, Qt.Key.Key_Minus):
            cell = self._current_cell()
            digit = "1" if key in (Qt.Key.Key_1, Qt.Key.Key_Plus) else "0"
            before = self.undo_stack.index()
            self.mark(float(digit))
            if cell is not None and key in (Qt.Key.Key_1, Qt.Key.Key_0):
                self._just_typed = (cell[0], cell[1], digit, before, time.monotonic())
                if just_typed is not None and time.monotonic() - just_typed[4] <= self.JOINED_WITHIN_S and \
                        just_typed[0] == cell[0] and self._key_begins(just_typed[1], just_typed[2] + digit):  # review 50a
                    self.problem.emit(self.messages["two_marks"].format(first=just_typed[2], second=digit))
        elif not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier) and self._choice_key(text):
            pass
        elif key == Qt.Key.Key_A and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.toggle_absent()
        elif text and (text in PART_MARK_KEYS or text in ".,/"):
            self._just_typed = just_typed
            self._part_mark_key(text)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Space):
            self.mark(None, advance=False)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.advance()
        elif self._leaves_by_tab(event):
            pass
        elif text.isalnum() and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            if refused and text.isdigit():  # the rest of a refused part mark ("0.5"): its message stays
                self._refused = True
            elif text.isdigit() and self._start_written_answer(text, just_typed):
                pass
            else:
                self.problem.emit(self.messages["keys"])  # review 28c: a 2 or a B did nothing under "All changes saved."
        else:
            super().keyPressEvent(event)
