"""Paper quiz: build a quiz, print it and its answer key, then type the class's results into a grid.

The results grid is driven by the keyboard: ``1`` right, ``0`` wrong (the
cursor then moves to the next question), arrows and Tab to move, Delete to
clear, Ctrl+Z / Ctrl+Y to undo and redo. Every change is saved at once.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import pdf
from desktop.views.base import Page, heading, hint
from desktop.workers import run_job
from engine.classroom import Classroom


class ResultsModel(QAbstractTableModel):
    """Students x questions; each cell 1 (right), 0 (wrong) or empty; writes go to the store."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.students: list[Any] = []
        self.exercises: list[Any] = []
        self.scores: dict[tuple[Any, Any], float] = {}
        self.save = lambda student_id, exercise_id, score: None

    def load(self, students: list[Any], exercises: list[Any], scores: dict[tuple[Any, Any], float]) -> None:
        self.beginResetModel()
        self.students, self.exercises, self.scores = students, exercises, dict(scores)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.students)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.exercises) + 1

    def key(self, row: int, column: int) -> tuple[Any, Any]:
        return (self.students[row].id, self.exercises[column].id)

    def value(self, row: int, column: int) -> float | None:
        return self.scores.get(self.key(row, column))

    def set_value(self, row: int, column: int, score: float | None) -> None:
        """Save one cell (no undo record: the grid's undo commands call this)."""
        student_id, exercise_id = self.key(row, column)
        self.save(student_id, exercise_id, score)
        if score is None:
            self.scores.pop((student_id, exercise_id), None)
        else:
            self.scores[(student_id, exercise_id)] = score
        self.dataChanged.emit(self.index(row, column), self.index(row, len(self.exercises)))

    def total(self, row: int) -> str:
        marks = [self.scores.get((self.students[row].id, e.id)) for e in self.exercises]
        given = [m for m in marks if m is not None]
        return f"{sum(given):g} / {len(given)}" if given else ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if column == len(self.exercises):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.total(row)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        score = self.value(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if score is None else f"{score:g}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and score is not None:
            return QColor("#d7efd9") if score >= 1 else QColor("#f6d5d1") if score <= 0 else QColor("#fbeccb")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and section < len(self.students):
                return self.students[section].name
            return None
        if section == len(self.exercises):
            return self.total_label if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.question_label.format(number=section + 1)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.exercises[section].prompt
        return None

    total_label = "Total"
    """Header of the last column (the page sets the translated text)."""
    question_label = "Q{number}"
    """Header of a question's column (the page sets the translated text)."""


class SetScore(QUndoCommand):
    """One cell change, undoable."""

    def __init__(self, model: ResultsModel, row: int, column: int, score: float | None) -> None:
        super().__init__()
        self.model, self.row, self.column, self.new = model, row, column, score
        self.old = model.value(row, column)

    def redo(self) -> None:
        self.model.set_value(self.row, self.column, self.new)

    def undo(self) -> None:
        self.model.set_value(self.row, self.column, self.old)


class ResultsGrid(QTableView):
    """The keyboard-driven results grid."""

    def __init__(self, model: ResultsModel, undo: QUndoStack) -> None:
        super().__init__()
        self.setModel(model)
        self.results = model
        self.undo_stack = undo
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setMinimumSectionSize(44)
        self.setTabKeyNavigation(True)

    def mark(self, score: float | None, advance: bool = True) -> None:
        index = self.currentIndex()
        if not index.isValid() or index.column() >= len(self.results.exercises):
            return
        if self.results.value(index.row(), index.column()) != score:
            self.undo_stack.push(SetScore(self.results, index.row(), index.column(), score))
        if advance:
            self.advance()

    def advance(self) -> None:
        """Next question; after the last question, the first question of the next student."""
        index = self.currentIndex()
        row, column = index.row(), index.column() + 1
        if column >= len(self.results.exercises):
            row, column = row + 1, 0
        if row < self.results.rowCount():
            self.setCurrentIndex(self.results.index(row, column))

    def keyPressEvent(self, event: Any) -> None:
        key = event.key()
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_stack.undo()
        elif event.matches(QKeySequence.StandardKey.Redo) or (key == Qt.Key.Key_Y and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.undo_stack.redo()
        elif key in (Qt.Key.Key_1, Qt.Key.Key_Plus):
            self.mark(1.0)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Minus):
            self.mark(0.0)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Space):
            self.mark(None, advance=False)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.advance()
        else:
            super().keyPressEvent(event)


class QuizPage(Page):
    """Build, print and mark paper quizzes."""

    def __init__(self, context: Any, window: Any) -> None:
        super().__init__(context, window)
        self.layout_.addWidget(heading(self.tr("Paper quiz")))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Quiz:")))
        self.quiz_combo = QComboBox()
        self.quiz_combo.setMinimumWidth(260)
        self.quiz_combo.setObjectName("quizCombo")
        self.quiz_combo.currentIndexChanged.connect(self._load_quiz)
        top.addWidget(self.quiz_combo, 1)
        self.new_button = QPushButton(self.tr("New quiz…"))
        self.new_button.clicked.connect(self.new_quiz)
        self.print_button = QPushButton(self.tr("Print quiz (PDF)…"))
        self.print_button.clicked.connect(lambda: self.print_pdf(with_answers=False))
        self.key_button = QPushButton(self.tr("Answer key (PDF)…"))
        self.key_button.clicked.connect(lambda: self.print_pdf(with_answers=True))
        for b in (self.new_button, self.print_button, self.key_button):
            top.addWidget(b)
        self.layout_.addLayout(top)
        self.help = hint("")
        self.layout_.addWidget(self.help)
        self.undo_stack = QUndoStack(self)
        self.model = ResultsModel(self)
        self.model.total_label = self.tr("Total")
        self.model.question_label = self.tr("Q{number}")
        self.grid = ResultsGrid(self.model, self.undo_stack)
        self.grid.setObjectName("resultsGrid")
        self.layout_.addWidget(self.grid, 1)
        row = QHBoxLayout()
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.saved_label = QLabel("")
        self.undo_stack.indexChanged.connect(lambda _: self.saved_label.setText(self.tr("All changes saved.")))
        row.addWidget(self.undo_button)
        row.addWidget(self.saved_label)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.last_pdf: Path | None = None

    def refresh(self) -> None:
        current = self.quiz_combo.currentData()
        self.quiz_combo.blockSignals(True)
        self.quiz_combo.clear()
        quizzes = self.store.list_quizzes(self.context.class_id) if self.context.class_id is not None else []
        for quiz in quizzes:
            self.quiz_combo.addItem(quiz.title, quiz.id)
        ids = [q.id for q in quizzes]
        if current in ids:
            self.quiz_combo.setCurrentIndex(ids.index(current))
        elif ids:
            self.quiz_combo.setCurrentIndex(len(ids) - 1)
        self.quiz_combo.blockSignals(False)
        has_quiz = bool(quizzes)
        self.print_button.setEnabled(has_quiz)
        self.key_button.setEnabled(has_quiz)
        self.new_button.setEnabled(self.context.class_id is not None)
        self._load_quiz()

    def current_quiz(self) -> Any:
        return self.quiz_combo.currentData()

    def _load_quiz(self, *_: Any) -> None:
        self.undo_stack.clear()
        quiz_id = self.current_quiz()
        if self.context.class_id is None:
            self.help.setText(self.tr("Choose or create a class first (Classes & students)."))
            self.model.load([], [], {})
            return
        if quiz_id is None:
            self.help.setText(
                self.tr("No quiz yet for this class. Press “New quiz…”, pick exercises (or let Lamplight pick them per skill), then print it.")
            )
            self.model.load([], [], {})
            return
        students = self.store.list_students(self.context.class_id)
        exercises = self.store.quiz_exercises(quiz_id)
        self.model.save = lambda sid, eid, score: Classroom(self.store).set_quiz_score(self.context.class_id, quiz_id, sid, eid, score)
        self.model.load(students, exercises, self.store.quiz_scores(quiz_id))
        self.help.setText(
            self.tr("Type 1 for right and 0 for wrong; the cursor moves on by itself. Arrows and Tab move, Delete clears, Ctrl+Z undoes. Changes are saved as you type.")
        )
        if students and exercises:
            self.grid.setCurrentIndex(self.model.index(0, 0))
        self.grid.setFocus()

    def new_quiz(self) -> None:
        if self.context.class_id is None:
            return
        dialog = NewQuizDialog(self.context, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.create_quiz(dialog.title_edit.text().strip() or dialog.default_title, dialog.chosen_ids())

    def create_quiz(self, title: str, exercise_ids: list[Any]) -> Any:
        quiz_id = self.store.create_quiz(self.context.class_id, title, exercise_ids)
        self.refresh()
        self.quiz_combo.setCurrentIndex(self.quiz_combo.findData(quiz_id))
        return quiz_id

    def print_pdf(self, with_answers: bool, path: str | None = None) -> Any:
        quiz_id = self.current_quiz()
        if quiz_id is None:
            return None
        title = self.quiz_combo.currentText()
        if not path:
            suggested = str(Path.home() / f"{title}{' - key' if with_answers else ''}.pdf")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save PDF"), suggested, self.tr("PDF files (*.pdf)"))
            if not path:
                return None
        labels = quiz_labels()
        class_name = next((c.name for c in self.store.list_classes(include_archived=True) if c.id == self.context.class_id), "")
        paper = pdf.paper_for(self.store.get_setting(pdf.PAPER_SETTING))

        def work(ctx):
            exercises = ctx.store().quiz_exercises(quiz_id)
            sections = quiz_sections(title, exercises, with_answers, labels, class_name)
            return pdf.write_pdf(Path(path), title, sections, paper, pdf.CHILD, labels["page"])

        def done(result):
            self.last_pdf = result
            self.main_window.statusBar().showMessage(self.tr("Saved {file}").format(file=str(result)), 8000)

        return run_job(self, work, title=self.tr("Making the PDF…"), on_done=done)


def quiz_labels() -> dict[str, str]:
    """The words on a printed quiz and its key, in the app's language."""
    return {
        "name": QCoreApplication.translate("QuizPage", "Name:"),
        "class": QCoreApplication.translate("QuizPage", "Class:"),
        "key": QCoreApplication.translate("QuizPage", "Answer key"),
        "date": QCoreApplication.translate("QuizPage", "Date:"),
        "page": QCoreApplication.translate("QuizPage", "Page {page} of {pages}"),
    }


def quiz_sections(title: str, exercises: list[Any], with_answers: bool, labels: dict[str, str], class_name: str) -> list[pdf.Section]:
    """The quiz (or its answer key) for :func:`desktop.pdf.write_pdf`: one copy to hand out or photocopy.

    Each question gets the answer space its kind needs; the key fills in the
    same spaces with the answers, so it lies over a child's sheet.
    """
    key_title = f"{title} — {labels['key']}" if with_answers else title
    blocks: list[pdf.Block] = [pdf.Text(key_title, size=pdf.CHILD.title, bold=True, after=4)]
    if not with_answers:
        blocks.append(pdf.Text(pdf.labelled(labels["date"], "______________"), after=16))
    else:
        blocks.append(pdf.Gap(10))
    for number, exercise in enumerate(exercises, start=1):
        kind = exercise.kind if exercise.kind != "multiple_choice" or exercise.choices else "numeric"
        answer = exercise.answer if with_answers else None
        blocks.append(pdf.Exercise(number, exercise.prompt, pdf.AnswerSpace(kind, tuple(exercise.choices), answer)))
    header_left = labels["key"] if with_answers else pdf.labelled(labels["name"], "____________________")
    header_right = pdf.labelled(labels["class"], class_name)
    return [pdf.Section(header_left, header_right, blocks, key_title)]


class NewQuizDialog(QDialog):
    """Pick the exercises of a new quiz by hand or let the engine pick some per skill."""

    def __init__(self, context: Any, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("New quiz"))
        self.resize(720, 560)
        box = QVBoxLayout(self)
        form = QFormLayout()
        self.default_title = self.tr("Quiz {number}").format(number=len(context.store.list_quizzes(context.class_id)) + 1)
        self.title_edit = QLineEdit(self.default_title)
        form.addRow(self.tr("Title:"), self.title_edit)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type to filter exercises by text or skill"))
        self.search.textChanged.connect(self._filter)
        form.addRow(self.tr("Search:"), self.search)
        box.addLayout(form)
        self.list = QListWidget()
        self.list.setObjectName("quizExerciseList")
        skills = {s.id: s.name for s in context.store.list_skills()}
        for exercise in context.store.list_exercises():
            skill_text = ", ".join(skills.get(s, str(s)) for s in exercise.skills)
            item = QListWidgetItem(f"{exercise.prompt}   [{skill_text}]")
            item.setData(Qt.ItemDataRole.UserRole, exercise.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        box.addWidget(self.list, 1)
        pick = QHBoxLayout()
        pick.addWidget(QLabel(self.tr("Or let Lamplight pick")))
        self.per_skill = QSpinBox()
        self.per_skill.setRange(1, 10)
        self.per_skill.setValue(2)
        pick.addWidget(self.per_skill)
        pick.addWidget(QLabel(self.tr("exercises for each skill the class is working on")))
        self.pick_button = QPushButton(self.tr("Pick"))
        self.pick_button.clicked.connect(self.pick)
        pick.addWidget(self.pick_button)
        pick.addStretch(1)
        box.addLayout(pick)
        self.job = None
        self.count_label = hint("")
        box.addWidget(self.count_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        box.addWidget(buttons)
        self.list.itemChanged.connect(lambda _: self._count())
        self._count()

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().lower())

    def _count(self) -> None:
        n = len(self.chosen_ids())
        self.count_label.setText(self.tr("{count} exercises chosen.").format(count=n))
        self.ok_button.setEnabled(n > 0)

    def chosen_ids(self) -> list[Any]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def pick(self) -> Any:
        """Let the engine choose (in the background), then tick its choice in the list."""
        class_id, per_skill = self.context.class_id, self.per_skill.value()
        self.pick_button.setEnabled(False)
        self.job = run_job(
            self, lambda ctx: Classroom(ctx.store()).pick_quiz_exercises(class_id, per_skill), title=self.tr("Choosing exercises…"), on_done=self._picked
        )
        self.job.ended.connect(lambda: self.pick_button.setEnabled(True))
        return self.job

    def _picked(self, picked: list[Any]) -> None:
        ids = set(picked)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in ids else Qt.CheckState.Unchecked)
