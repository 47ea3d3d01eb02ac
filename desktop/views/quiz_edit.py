"""Edit a paper quiz before (or after) printing: reorder, remove and replace questions, each shown with its answer.

"Replace…" asks the class's model for three questions of the same skill whose
predicted class success is closest to the replaced one's (in the background).
Saving keeps the marks entered for the questions that stay; when removed
questions already have marks, the teacher chooses whether to delete them
(default: keep them as the students' answers, off the quiz's grid).
"""
from __future__ import annotations

from typing import Any, Sequence

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.engine_texts import teacher_text
from desktop.i18n import listing
from desktop.plain_text import tip
from desktop.prompts import ask_before
from desktop.views.base import hint, room_for_bold
from desktop.workers import run_job
from engine.classroom import Classroom, quiz_edit
from engine.errors import LamplightError
from engine.store.classes import MAX_NAME
from engine.store.records import Exercise
from engine.store.transactions import write_transaction


BUSY_AFTER_MS = 300
"""A wait longer than this shows a moving bar (a stored calibration answers in well under it on the demo class)."""


def question_table(headers: Sequence[str], name: str) -> QTableWidget:
    """A read-only table whose rows the teacher picks by clicking."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


OTHER_COLUMNS_AT_MOST = 0.22
"""The share of a question table's width each column beside the question takes at most (review 46: a long answer took
most of the 920 pixels, the question 100)."""


def fill_row(table: QTableWidget, row: int, texts: Sequence[str]) -> None:
    """One row's texts, each shown whole in its tooltip (a cell may be too narrow for it); the columns beside the
    question as wide as their texts (review 34e: "Word problems, …" cut at the default width), up to
    :data:`OTHER_COLUMNS_AT_MOST` of the table."""
    for column, text in enumerate(texts):
        item = QTableWidgetItem(text)
        item.setToolTip(tip(text))
        table.setItem(row, column, item)
    most = int(OTHER_COLUMNS_AT_MOST * max(table.width(), table.window().width()))  # (before the dialog is first shown)
    for column in range(1, table.columnCount()):
        table.setColumnWidth(column, min(max(table.sizeHintForColumn(column), table.horizontalHeader().sectionSizeHint(column)),
                                         most))


DELETED = 2
"""What the dialog ends with when the teacher deleted the quiz."""


def selected_row(table: QTableWidget) -> int:
    """The row the teacher picked, or -1."""
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else -1


class EditQuizDialog(QDialog):
    """The quiz's questions in order, with answers; move, remove, replace, then save."""

    def __init__(self, context: Any, class_id: Any, quiz_id: Any, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.context, self.class_id, self.quiz_id = context, class_id, quiz_id
        self.store = context.store
        self.setWindowTitle(self.tr("Edit quiz: {title}").format(title=title))
        self.resize(920, 480)  # the printed quiz's numbers beside the questions (review 38b)
        self.skill_names = self.store.skill_names(context.language)
        self.questions: list[Exercise] = self.store.quiz_exercises(quiz_id, context.language)
        self.original_ids = [e.id for e in self.questions]
        self.replaced_from: dict[Any, Any] = {}
        """Question now in the quiz -> the original question it replaced (the teacher replaced it, not removed it)."""
        self.title = title
        box = QVBoxLayout(self)
        named = QHBoxLayout()
        named.addWidget(QLabel(self.tr("Title:")))
        self.title_edit = QLineEdit(title)
        self.title_edit.setObjectName("quizTitle")
        self.title_edit.setMaxLength(MAX_NAME)
        named.addWidget(self.title_edit, 1)
        box.addLayout(named)
        box.addWidget(hint(self.tr("Click a question, then move, remove or replace it. Marks already entered for the questions that stay are kept.")))
        self.table = question_table([self.tr("Question"), self.tr("Answer"), self.tr("Skill"), self.tr("On the printed quiz")],
                                    "quizQuestions")
        self.table.verticalHeader().setVisible(True)  # review 38b: no question numbers, so no way to match the paper
        self.table.itemSelectionChanged.connect(self._enable)
        box.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.replace_button = QPushButton(self.tr("Replace…"))
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.remove_button.clicked.connect(self.remove)
        self.replace_button.clicked.connect(self.replace)
        for button in (self.up_button, self.down_button, self.remove_button, self.replace_button):
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.delete_button = buttons.addButton(self.tr("Delete quiz…"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.delete_button.setObjectName("deleteQuiz")
        self.delete_button.clicked.connect(self.delete_quiz)
        box.addWidget(buttons)
        self._show(-1)

    def question_ids(self) -> list[Any]:
        return [e.id for e in self.questions]

    def _show(self, select: int) -> None:
        """Redraw the list (answers visible) and select row ``select``."""
        self.table.setRowCount(len(self.questions))
        for row, exercise in enumerate(self.questions):
            skills = listing(self.skill_names.get(s, s) for s in exercise.skills)
            printed = (self.tr("Q{number}").format(number=self.original_ids.index(exercise.id) + 1)
                       if exercise.id in self.original_ids else self.tr("new"))
            fill_row(self.table, row, [exercise.prompt, exercise.answer or self.tr("(you mark it)"), skills, printed])
        numbers = [self.tr("Q{number}").format(number=n + 1) for n in range(len(self.questions))]
        self.table.setVerticalHeaderLabels(numbers)
        room_for_bold(self.table.verticalHeader(), numbers)  # the selected row's number is drawn in bold
        self.table.clearSelection()
        if 0 <= select < len(self.questions):
            self.table.selectRow(select)
        self._enable()

    def _enable(self) -> None:
        row = selected_row(self.table)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self.questions) - 1)
        self.remove_button.setEnabled(row >= 0 and len(self.questions) > 1)
        self.replace_button.setEnabled(row >= 0)

    def move(self, step: int) -> None:
        row = selected_row(self.table)
        target = row + step
        if row < 0 or not 0 <= target < len(self.questions):
            return
        self.questions[row], self.questions[target] = self.questions[target], self.questions[row]
        self._show(target)

    def remove(self) -> None:
        row = selected_row(self.table)
        if row >= 0 and len(self.questions) > 1:
            self.replaced_from.pop(self.questions[row].id, None)  # what it replaced now counts as removed
            del self.questions[row]
            self._show(min(row, len(self.questions) - 1))

    def replace(self) -> None:
        """Offer three questions of the same skill and similar difficulty; put the chosen one in this place."""
        row = selected_row(self.table)
        if row < 0:
            return
        dialog = ReplaceQuestionDialog(self.context, self.class_id, self.quiz_id, self.questions[row], self.question_ids(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen() is not None:
            old = self.questions[row].id
            original = self.replaced_from.pop(old, old if old in self.original_ids else None)
            self.questions[row] = dialog.chosen()
            if original is not None and original not in self.question_ids():
                self.replaced_from[dialog.chosen().id] = original
            self._show(row)

    def save(self) -> None:
        """Save the new list; ask first before anything would delete marks."""
        gone = [e for e in self.original_ids if e not in self.question_ids()]
        replaced = {self.replaced_from[e] for e in self.question_ids() if e in self.replaced_from}
        removed_marks = self.store.quiz_marks_of(self.quiz_id, [e for e in gone if e not in replaced])
        replaced_marks = self.store.quiz_marks_of(self.quiz_id, [e for e in gone if e in replaced])
        delete = False
        if removed_marks or replaced_marks:
            delete = self._delete_removed_marks(removed_marks, replaced_marks)
            if delete is None:
                return
        try:
            with write_transaction(self.store.db):  # the title and the questions together, or neither
                if self.title_edit.text().strip() != self.title:  # review 30c: a quiz could be neither renamed nor deleted
                    self.store.rename_quiz(self.quiz_id, self.title_edit.text())
                quiz_edit.save_quiz_questions(Classroom(self.store, self.context.language), self.class_id, self.quiz_id,
                                              self.question_ids(), delete_removed_marks=delete)
        except LamplightError as exc:
            QMessageBox.warning(self, self.tr("Quiz not changed"), teacher_text(str(exc)))
            return
        self.accept()

    def delete_quiz(self) -> None:
        """Delete the quiz after asking; the children's answers to it stay (their history, what Lamplight knows)."""
        if not ask_before(self, self.tr("Delete quiz"), self.tr(
                "Delete the quiz “{title}”? It goes from the Paper quiz screen; the children's answers to it stay in "
                "their history and in what Lamplight knows of them.").format(title=self.title),
                self.tr("Delete the quiz"), self.tr("Keep it"), QMessageBox.ButtonRole.DestructiveRole):
            return
        self.store.delete_quiz(self.quiz_id)
        self.done(DELETED)

    def _marks(self, count: int) -> str:
        return self.tr("1 mark") if count == 1 else self.tr("{count} marks").format(count=count)

    def _delete_removed_marks(self, removed: int, replaced: int) -> bool | None:
        """Ask what becomes of the marks of the questions taken out (``removed`` and ``replaced`` counted apart):
        True delete, False keep (the default), None cancel."""
        if removed and replaced:
            text = self.tr("The questions you removed already have {removed}, and the questions you replaced have {replaced}. "
                           "Keep them as the students' answers (they leave this quiz's grid), or delete them?")
        elif replaced:
            text = self.tr("The questions you replaced already have {replaced}. Keep them as the students' answers "
                           "(they leave this quiz's grid), or delete them?")
        else:
            text = self.tr("The questions you removed already have {removed}. Keep them as the students' answers "
                           "(they leave this quiz's grid), or delete them?")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Marks already entered"),
                          text.format(removed=self._marks(removed), replaced=self._marks(replaced)), parent=self)
        keep = box.addButton(self.tr("Keep as answers"), QMessageBox.ButtonRole.AcceptRole)
        delete = box.addButton(self.tr("Delete the marks"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        return False if clicked is keep else True if clicked is delete else None


class ReplaceQuestionDialog(QDialog):
    """Three questions the class's model proposes in place of one, each with its answer; the teacher picks one."""

    def __init__(self, context: Any, class_id: Any, quiz_id: Any, replaced: Exercise, in_quiz: Sequence[Any], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Replace a question"))
        self.resize(700, 320)
        self.proposals: list[quiz_edit.Proposal] = []
        box = QVBoxLayout(self)
        box.addWidget(QLabel(self.tr("Replacing: {prompt} (answer: {answer})").format(prompt=replaced.prompt, answer=replaced.answer or "—")))
        self.status = hint(self.tr("The class's model is choosing questions of the same skill and similar difficulty…"))
        box.addWidget(self.status)
        self.busy = QProgressBar()
        self.busy.setObjectName("replaceBusy")
        self.busy.setRange(0, 0)  # a moving bar: how long the class's model takes is not known in advance
        self.busy.setMaximumHeight(8)
        self.busy.setTextVisible(False)
        self.busy.hide()
        box.addWidget(self.busy)
        self.table = question_table([self.tr("Question"), self.tr("Answer"), self.tr("Class likely right")], "replacementList")
        self.table.itemSelectionChanged.connect(self._enable)
        box.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.use_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.use_button.setText(self.tr("Use this question"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self._enable()
        self.context, self.class_id, self.quiz_id, self.replaced, self.in_quiz = context, class_id, quiz_id, replaced, list(in_quiz)
        self.final_job = None
        first_look = Classroom(context.store).first_look(class_id)
        self.job = self._propose(first_guess=first_look, on_done=self._proposed_first if first_look else self._proposed)
        QTimer.singleShot(BUSY_AFTER_MS, self._show_busy_if_slow)

    def _propose(self, first_guess: bool, on_done: Any) -> Any:
        """Ask the class's model for proposals in the background (``first_guess``: at once, without calibrating)."""
        language, class_id, quiz_id, replaced_id, wanted = (self.context.language, self.class_id, self.quiz_id,
                                                            self.replaced.id, list(self.in_quiz))
        job = run_job(
            self, lambda ctx: quiz_edit.replacement_proposals(Classroom(ctx.store(), language), class_id, quiz_id, replaced_id, 3,
                                                              wanted, first_guess=first_guess),
            title=self.tr("Choosing questions…"), on_done=on_done, show="none", open_store=self.context.open_store,
        )
        job.ended.connect(self._hide_busy_when_idle)
        return job

    def _running(self) -> bool:
        return any(job is not None and job.is_running for job in (self.job, self.final_job))

    def _show_busy_if_slow(self) -> None:
        if shiboken6.isValid(self) and self._running():
            self.busy.show()

    def _hide_busy_when_idle(self) -> None:
        if shiboken6.isValid(self) and not self._running():
            self.busy.hide()

    def _proposed_first(self, proposals: list[quiz_edit.Proposal]) -> None:
        """Show the first guess, then let the class's model (calibrated in the background, once) propose."""
        if not shiboken6.isValid(self):
            return
        self._proposed(proposals)
        if proposals:
            self.status.setText(self.tr("A first choice, from the answers alone. Lamplight is getting to know this class's "
                                        "exercises (once per class) and will improve the choice in a moment; you can "
                                        "already click one."))
        self.final_job = self._propose(first_guess=False, on_done=self._proposed_final)
        self.busy.show()

    def _proposed_final(self, proposals: list[quiz_edit.Proposal]) -> None:
        """The class's model's proposals replace the first guess unless the teacher already clicked one."""
        if not shiboken6.isValid(self):
            return
        if selected_row(self.table) >= 0:
            self.status.setText(self.tr("This class's model is ready; your choice is kept."))
            return
        self._proposed(proposals)
        if proposals:
            self.status.setText(self.tr("Chosen with this class's model. Click one to use it."))

    def _proposed(self, proposals: list[quiz_edit.Proposal]) -> None:
        self.proposals = proposals
        self.table.setRowCount(len(proposals))
        for row, proposal in enumerate(proposals):
            fill_row(self.table, row, [proposal.exercise.prompt, proposal.exercise.answer or self.tr("(you mark it)"),
                                       self.tr("{percent}%").format(percent=round(100 * proposal.class_success))])
        self.status.setText(self.tr("Click one to use it.") if proposals else self.tr("The bank has no other question of this skill."))
        self._enable()

    def _enable(self) -> None:
        self.use_button.setEnabled(selected_row(self.table) >= 0)

    def chosen(self) -> Exercise | None:
        row = selected_row(self.table)
        return self.proposals[row].exercise if 0 <= row < len(self.proposals) else None
