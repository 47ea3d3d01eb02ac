"""Paper quiz: build a quiz, print it and its answer key, then type the class's results into a grid.

The results grid (:mod:`desktop.views.quiz_grid`) is driven by the keyboard:
``1`` right, ``0`` wrong (the cursor then moves to the next question), ``A``
absent, ``½`` or ``0.5`` a part mark, arrows and Tab to move, Delete to
clear, Ctrl+Z / Ctrl+Y to undo and redo. Every change is saved at once. The
class row, the sort and "Difficult questions" read the results for the teacher.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import pdf
from desktop.file_choosers import offered_path, remember_folder, start_folder
from desktop.i18n import listing, sentences, stored_day_and_time, titled
from desktop.table_csv import export_button
from desktop.views.base import ALL_BUT_THE_MODEL, Page, TickList, fill_group_choice, heading, hint
from desktop.views.quiz_difficult import DifficultQuestionsDialog
from desktop.views.quiz_edit import DELETED, EditQuizDialog
from desktop.views.quiz_grid import ClassRowFooter, ResultsGrid, ResultsModel
from desktop.views.quiz_markbook import MarkbookDialog
from desktop.workers import run_job
from engine.adapt.reports import teacher_note
from engine.classroom import Changes, Classroom
from engine.classroom.quiz_results import of_students
from engine.graph import prerequisite_order


def moved_away(store: Any, class_id: Any, among: set[Any] | None = None) -> list[Any]:
    """The children with marks on this class's quizzes who are in another class now (``among``: only these), named
    "Dev S. (now in 4B)": their marks stay with the quizzes they sat here (review 38c)."""
    elsewhere = store.quiz_takers_elsewhere(class_id)
    classes = {c.id: c.name for c in store.list_classes(include_archived=True)}
    now_in = QCoreApplication.translate("QuizPage", "{name} (now in {class_name})")
    return [replace(student, name=now_in.format(name=student.label, class_name=classes.get(elsewhere[student.id], "")),
                    twin_mark="", group_ids=())
            for student in (store.get_student(i) for i in sorted(elsewhere) if among is None or i in among)]


class QuizPage(Page):
    """Build, print and mark paper quizzes."""

    shows = ALL_BUT_THE_MODEL

    def __init__(self, context: Any, window: Any) -> None:
        super().__init__(context, window)
        self.joined_later: set[Any] = set()
        """Children added to the class after the quiz shown was made."""
        self.layout_.addWidget(heading(self.tr("Paper quiz")))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Quiz:")))
        self.quiz_combo = QComboBox()
        self.quiz_combo.setMinimumWidth(260)
        self.quiz_combo.setObjectName("quizCombo")
        self.quiz_combo.currentIndexChanged.connect(self._quiz_chosen)
        top.addWidget(self.quiz_combo, 1)
        self.new_button = QPushButton(self.tr("New quiz…"))
        self.new_button.clicked.connect(self.new_quiz)
        self.print_button = QPushButton(self.tr("Print quiz (PDF)…"))
        self.print_button.clicked.connect(lambda: self.print_pdf(with_answers=False))
        self.key_button = QPushButton(self.tr("Answer key (PDF)…"))
        self.key_button.clicked.connect(lambda: self.print_pdf(with_answers=True))
        self.edit_button = QPushButton(self.tr("Edit quiz…"))
        self.edit_button.clicked.connect(self.edit_quiz)
        self.markbook_button = QPushButton(self.tr("Marks book…"))
        self.markbook_button.setObjectName("markbookButton")
        self.markbook_button.setToolTip(self.tr("Every quiz of the class against every child, with each child's average."))
        self.markbook_button.clicked.connect(self.show_markbook)
        for b in (self.new_button, self.edit_button, self.print_button, self.key_button, self.markbook_button):
            top.addWidget(b)
        self.layout_.addLayout(top)
        self.help = hint("")
        self.layout_.addWidget(self.help)
        self.archived = False
        """Whether the class shown is archived (its marks are not to change)."""
        self.undo_stack = QUndoStack(self)
        self.model = ResultsModel(self)
        self.model.labels = {
            "total": self.tr("Total"), "question": self.tr("Q{number}"), "class": self.tr("Whole class"), "absent": self.tr("Absent"),
            "percent": self.tr("{percent}%"), "wrote": self.tr("Wrote: {answer}"), "answer": self.tr("Answer: {answer}"),
            "waiting": self.tr("Waiting in “Mark written answers”: {answer}"),
            "waiting_csv": self.tr("Not marked yet: {answer}"),
            "share_waiting": self.tr("{percent}*"),
            "share_waiting_tip": self.tr("The share right of the answers marked so far; {count} more wait in “Mark written "
                                         "answers”."),
            "total_waiting": self.tr("{total} (+{count} to mark)"),
            "marked_csv": self.tr("Questions marked"),
            "to_mark_csv": self.tr("Answers to mark"),
            "right": self.tr("1", "a right mark in the results grid (Chinese teachers write √)"),
            "wrong": self.tr("0", "a wrong mark in the results grid (Chinese teachers write ×)"),
        }
        self.grid = ResultsGrid(self.model, self.undo_stack)
        self.grid.setObjectName("resultsGrid")
        self.grid.messages = {
            "mark": self.tr("Type a mark from 0 to 1, for example 0.5 or ½."),
            "part": self.tr("Part marks are for questions you mark yourself; type 1 or 0, or press F2 to type what the student wrote."),
            "keys": self.tr("Type 1 or √ (right), 0 or × (wrong), or press F2 to type what the student wrote. On a "
                            "multiple-choice question, type the letter the student circled. “Mark absent” marks a child "
                            "absent (A does too, on a question without choices)."),
            "queued": self.tr("Saved for “Mark written answers”: mark it there with the rest of the class's answers."),
            "answer": self.tr("What the student wrote: Enter marks it with the answer key (a 1 or a 0 alone is a mark: "
                              "to type 10 as an answer, press F2 first)."),
            "which_title": self.tr("Mark or answer?"),
            "which_ask": self.tr("“{text}” is not a mark from 0 to 1. Is it what the student wrote? It is then kept for "
                                 "“Mark written answers”, to be marked there."),
            "which_written": self.tr("Keep it as what the student wrote"),
            "which_mark": self.tr("No, type the mark again"),
            "two_marks": self.tr("{first} and {second} were taken as two marks, one for each question. If the student "
                                 "wrote {first}{second}: press Ctrl+Z twice, then F2 on the first of the two questions."),
            "absent_title": self.tr("Absent"),
            "absent_ask": self.tr("Mark {name} absent for this quiz? Their answers on it ({count}) are removed (an "
                                  "absent child's quiz counts for nothing)."),
            "absent_go": self.tr("Mark absent"),
            "absent_stay": self.tr("Keep the answers"),
        }
        self.grid.problem.connect(lambda message: self.saved_label.setText(message))
        tools = QHBoxLayout()
        given_to = QLabel(self.tr("Given to:"))  # review 44: "Show:" read as a view, but it is kept with the quiz
        tools.addWidget(given_to)
        self.group_combo = QComboBox()  # review 30c: a quiz given to one group left the rest "not yet entered" for good
        self.group_combo.setToolTip(self.tr("Who sat this quiz: the grid, its figures and the Marks book count only them. "
                                            "Marks typed for other children are kept, and shown again with “Whole class”."))
        given_to.setBuddy(self.group_combo)
        self.group_combo.setObjectName("quizGroup")
        self.group_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # review 36d: "Whole cl"
        self.group_combo.setMaximumWidth(320)  # review 48: a 71-character group name squeezed the figures beside it
        self.group_combo.currentIndexChanged.connect(self._group_chosen)
        tools.addWidget(self.group_combo)
        tools.addWidget(QLabel(self.tr("Sort by:")))
        self.sort_combo = QComboBox()
        self.sort_combo.setObjectName("sortCombo")
        self.sort_combo.addItem(self.tr("Name"), "name")
        self.sort_combo.addItem(self.tr("Total (highest first)"), "total")
        self.sort_combo.currentIndexChanged.connect(lambda _: self.model.sort_by(self.sort_combo.currentData()))
        tools.addWidget(self.sort_combo)
        self.summary_label = QLabel("")
        self.summary_label.setObjectName("quizSummary")
        self.summary_label.setWordWrap(True)  # review 26: "… written answers waiting for" was cut by the buttons
        tools.addWidget(self.summary_label, 1)
        self.difficult_button = QPushButton(self.tr("Difficult questions…"))
        self.difficult_button.clicked.connect(self.show_difficult)
        tools.addWidget(self.difficult_button)
        self.export_button = export_button(self, self.model, lambda: f"{self.class_name()} - {self.quiz_combo.currentText() or self.tr('quiz')}",
                                           row_header=lambda: [self.tr("Student number"), self.tr("Student")] if self.model.numbered()
                                           else self.tr("Student"))
        self.export_button.setObjectName("exportQuizCsv")
        tools.addWidget(self.export_button)
        self.layout_.addLayout(tools)
        self.layout_.addWidget(self.grid, 1)
        self.class_row = ClassRowFooter(self.grid)
        self.class_row.setObjectName("classRow")
        self.layout_.addWidget(self.class_row)
        self.model.dataChanged.connect(lambda *_: self._summarise())
        self.model.modelReset.connect(self._summarise)
        row = QHBoxLayout()
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.saved_label = QLabel("")
        self.saved_label.setWordWrap(True)  # review 40b: the keys' message ran past the window's edge in Chinese
        self.undo_stack.indexChanged.connect(self._show_saved)
        self.model.write_failed.connect(self._write_failed)
        self._not_saved: BaseException | None = None
        self.absent_button = QPushButton(self.tr("Mark absent"))
        self.absent_button.setObjectName("absentButton")
        self.absent_button.setToolTip(self.tr("The student in the selected row is absent for this quiz (or here after all)."))
        self.absent_button.clicked.connect(self._absent_clicked)
        self.grid.selectionModel().currentChanged.connect(lambda *_: self._name_absent_button())
        self.model.modelReset.connect(self._name_absent_button)
        self.undo_stack.indexChanged.connect(lambda _: self._name_absent_button())
        row.addWidget(self.undo_button)
        row.addWidget(self.absent_button)
        self.child_button = QPushButton(self.tr("Student's answers…"))
        self.child_button.setObjectName("childQuizButton")
        self.child_button.setToolTip(self.tr("The selected student's quiz question by question: what they wrote, their "
                                             "mark and the answer key (double-click a name does the same)."))
        self.child_button.clicked.connect(lambda: self.show_child(self.grid.currentIndex().row()))
        self.grid.verticalHeader().sectionDoubleClicked.connect(self.show_child)
        row.addWidget(self.child_button)
        row.addWidget(self.saved_label, 1)
        self.layout_.addLayout(row)
        self.last_pdf: Path | None = None

    def _absent_clicked(self) -> None:
        self.grid.toggle_absent(move_on=False)  # review 29d: a second press marked the next child absent
        self.grid.setFocus()  # typing marks goes on in the grid

    def _name_absent_button(self) -> None:
        """"Mark absent", or "Mark present" when the selected student is absent; off without a student cell."""
        index = self.grid.currentIndex()
        on_student = index.isValid() and self.model.is_student_cell(index.row(), index.column())
        absent = on_student and self.model.students[index.row()].id in self.model.absent
        self.absent_button.setEnabled(on_student and not self.archived)
        self.absent_button.setText(self.tr("Mark present") if absent else self.tr("Mark absent"))
        self.child_button.setEnabled(on_student)

    def show_child(self, row: int) -> None:
        """One student's quiz question by question (the row of the grid)."""
        from desktop.views.quiz_child import ChildQuizDialog

        if not 0 <= row < len(self.model.students):
            return
        dialog = ChildQuizDialog(self.model, row, self.quiz_combo.currentText(), self)
        dialog.exec()
        dialog.deleteLater()

    def _show_saved(self, _index: int) -> None:
        if self._not_saved is None:
            self.saved_label.setText(self.tr("All changes saved."))

    def _write_failed(self, exc: BaseException) -> None:
        """A change was not saved: once the undo stack is done with it, say so and show what is saved."""
        if self._not_saved is None:
            self._not_saved = exc
            QTimer.singleShot(0, self._show_not_saved)

    def _show_not_saved(self) -> None:
        from desktop.workers import show_error
        from engine.errors import LamplightError

        exc, self._not_saved = self._not_saved, None
        self.saved_label.setText(self.tr("The last change was NOT saved: the grid shows what is saved."))
        show_error(self, exc)
        try:
            self._load_quiz()  # what the store holds (the undo history goes: its steps were about cells not saved)
        except LamplightError:  # the data cannot even be read now (a folder gone): the message above says why
            self.undo_stack.clear()
        self.saved_label.setText(self.tr("The last change was NOT saved: the grid shows what is saved."))

    def refresh(self) -> None:
        """List the class's quizzes (newest first) and show the one the teacher last worked on, else the newest."""
        current = self.quiz_combo.currentData()
        self.quiz_combo.blockSignals(True)
        self.quiz_combo.clear()
        quizzes = self.store.list_quizzes(self.context.class_id) if self.context.class_id is not None else []
        titles = Counter(q.title.casefold() for q in quizzes)
        for quiz in quizzes:  # review 41a: two "Week 1 check" looked the same; a repeated title says when it was made
            shown = quiz.title
            if titles[quiz.title.casefold()] > 1:
                shown = self.tr("{title} ({when})").format(title=quiz.title,
                                                           when=stored_day_and_time(quiz.created, self.context.language))
            self.quiz_combo.addItem(shown, quiz.id)
        ids = [q.id for q in quizzes]
        if ids:
            self.quiz_combo.setCurrentIndex(ids.index(current if current in ids else self._remembered_quiz(ids)))
        self.quiz_combo.blockSignals(False)
        has_quiz = bool(quizzes)
        # an archived class is read and printed, not changed (review 39; the engine refuses its marks too)
        self.archived = self.context.class_archived()
        self.print_button.setEnabled(has_quiz)
        self.edit_button.setEnabled(has_quiz and not self.archived)
        self.key_button.setEnabled(has_quiz)
        self.markbook_button.setEnabled(has_quiz)
        self.new_button.setEnabled(self.context.class_id is not None and not self.archived)
        self._load_quiz()

    def _remembered_quiz(self, ids: list[Any]) -> Any:
        """The quiz the teacher last chose or made in this class (kept across restarts), else the newest (``ids[0]``)."""
        remembered = self.context.settings.value(f"last_quiz/{self.context.class_id}")
        try:
            chosen = int(remembered)
        except (TypeError, ValueError):
            return ids[0]
        return chosen if chosen in ids else ids[0]

    def _quiz_chosen(self, *_: Any) -> None:
        """The teacher chose (or made) a quiz: remember it for next time, then show it."""
        quiz_id = self.current_quiz()
        if quiz_id is not None and self.context.class_id is not None:
            self.context.settings.setValue(f"last_quiz/{self.context.class_id}", str(quiz_id))
        self._load_quiz()

    def current_quiz(self) -> Any:
        return self.quiz_combo.currentData()

    def _load_quiz(self, *_: Any) -> None:
        self.undo_stack.clear()
        if self._not_saved is None:  # review 38d: "All changes saved." stood over another class's empty screen
            self.saved_label.setText("")
        quiz_id = self.current_quiz()
        if self.context.class_id is None:
            self.help.setText(self.tr("Choose or create a class first (Classes & students)."))
            self.model.load([], [], {})
            return
        everyone = self.store.list_students(self.context.class_id)
        self._offer_number_order(everyone)
        if quiz_id is None:
            self.help.setText(
                self.tr("No quiz yet for this class. Press “New quiz…”, pick exercises (or let Lamplight pick them per skill), then print it.")
            )
            self.model.load([], [], {})
            return
        self._show_groups(quiz_id)
        group = self.group_combo.currentData()
        # the grid's bottom row is the group's when it shows one (review 33a: it said "Whole class" over 5 children)
        self.model.labels["class"] = self.tr("Whole class") if group is None else self.group_combo.currentText()
        students = [s for s in everyone if group is None or group in s.group_ids]
        scores, absent, waiting = self.store.quiz_scores(quiz_id), self.store.quiz_absent(quiz_id), self.store.quiz_waiting(quiz_id)
        if group is None:  # children moved to another class since keep their rows on the quizzes they sat here
            students += moved_away(self.store, self.context.class_id, {key[0] for key in scores} | absent | {key[0] for key in waiting})
        shown = {s.id for s in students}
        made = self.store.get_quiz(quiz_id).created
        self.joined_later = {i for i, added in self.store.students_added(self.context.class_id).items() if added > made}
        exercises = self.store.quiz_paper(quiz_id, self.context.language)  # choices as printed
        self.model.writer = QuizWriter(self.store, self.context.class_id, quiz_id, self.context.language)
        self.model.load(students, exercises, of_students(scores, shown), of_students(self.store.quiz_answers(quiz_id), shown),
                        absent & shown, of_students(waiting, shown))
        self.help.setText(
            self.tr("Click a cell to start marking. Type 1 (or √) for right and 0 (or ×) for wrong; the cursor moves on by itself. On a "
                    "multiple-choice question, type the letter the student circled (there A is choice A: “Mark absent” marks a student "
                    "absent). Elsewhere A marks a student absent (not counted as wrong). For questions you mark yourself, type a part mark like ½ or 0.5 and Enter. F2 types "
                    "what a student wrote: Lamplight marks it, and a written answer that is not the key waits in “Mark written "
                    "answers”. Delete clears, Ctrl+Z undoes. Changes are saved as you type.")
        )
        self._place_cursor()

    def _offer_number_order(self, students: list[Any]) -> None:
        """“Student number” among the orders while a child of the class has one (review 37a: teachers stack the
        papers by 学号, and the grid offered only names and totals)."""
        numbered = any(s.external_id for s in students)
        index = self.sort_combo.findData("number")
        if numbered and index < 0:
            self.sort_combo.addItem(self.tr("Student number"), "number")
        elif not numbered and index >= 0:
            if self.sort_combo.currentIndex() == index:  # the grid goes back to names when it was the order
                self.sort_combo.setCurrentIndex(self.sort_combo.findData("name"))
            self.sort_combo.removeItem(index)

    def _show_groups(self, quiz_id: Any) -> None:
        """The class's groups in the Show combo, the one chosen for this quiz selected (the whole class by default)."""
        fill_group_choice(self.group_combo, self.tr("Whole class"), self.store.list_groups(self.context.class_id),
                          self.store.quiz_group(quiz_id))

    def _group_chosen(self, _index: int) -> None:
        """Show only the chosen group's rows (the quiz was given to them); kept for this quiz. When children outside
        the group have marks on it, ask first: their marks would leave the grid and its figures (review 44)."""
        quiz_id = self.current_quiz()
        if quiz_id is None:
            return
        group = self.group_combo.currentData()
        if group is not None and not self._marks_outside_ok(quiz_id, group):
            self._show_groups(quiz_id)  # back to whom it was given to
            return
        self.store.set_quiz_group(quiz_id, group)
        self._load_quiz()

    def _marks_outside_ok(self, quiz_id: Any, group: Any) -> bool:
        """Whether the quiz may go to ``group`` only: yes when no child outside it has a mark, else the teacher says."""
        inside = {s.id for s in self.store.list_students(self.context.class_id) if group in s.group_ids}
        marked = {student for student, _ in self.store.quiz_scores(quiz_id)} | set(self.store.quiz_absent(quiz_id))
        outside = marked - inside
        if not outside:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Given to"), (
            self.tr("1 child outside “{group}” has marks on this quiz.") if len(outside) == 1 else
            self.tr("{count} children outside “{group}” have marks on this quiz.")).format(
                count=len(outside), group=self.group_combo.currentText()) + "\n\n" + self.tr(
            "Give the quiz to “{group}” only? The other children's marks are kept, but leave the grid, its figures and the "
            "Marks book until you choose “Whole class” again.").format(group=self.group_combo.currentText()), parent=self)
        give = box.addButton(self.tr("Give it to the group only"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.exec()
        return box.clickedButton() is give

    def _place_cursor(self) -> None:
        """Put the grid's cursor on the first cell still to mark (none when every mark is in).

        The grid does not take the keyboard until the teacher clicks into it: a 1 or 0
        typed on opening the screen must never land in last month's marks.
        """
        model = self.model
        later = self._joined_later()
        for row, student in enumerate(model.students):
            if student.id in model.absent or student.id in later:
                continue
            column = next((c for c, e in enumerate(model.exercises)
                           if (student.id, e.id) not in model.scores and (student.id, e.id) not in model.waiting), None)
            if column is not None:
                self.grid.setCurrentIndex(model.index(row, column))
                QTimer.singleShot(0, self, self._show_cursor)  # once the page is laid out (review 39: the row was
                return                                         # a sliver at the grid's bottom edge)
        self.grid.setCurrentIndex(QModelIndex())

    def _show_cursor(self) -> None:
        if self.grid.currentIndex().isValid():
            self.grid.scrollTo(self.grid.currentIndex(), QAbstractItemView.ScrollHint.PositionAtCenter)

    def _joined_later(self) -> set[Any]:
        """The shown children added to the class after the quiz was made who have nothing entered for it (they did
        not take it: they are neither "not yet entered" nor the next row to mark)."""
        model, written = self.model, {key[0] for key in self.model.waiting}
        return {s.id for s in model.students if s.id in self.joined_later and s.id not in model.absent
                and not model.marks_of(s.id) and s.id not in written}

    def _summarise(self) -> None:
        """How many students have marks, are absent, or are not yet entered."""
        students = self.model.students
        absent = sum(1 for s in students if s.id in self.model.absent)
        written = {key[0] for key in self.model.waiting}
        entered = sum(1 for s in students if s.id not in self.model.absent and (self.model.marks_of(s.id) or s.id in written))
        later = len(self._joined_later())
        text = self.tr("Students with marks: {entered} · absent: {absent} · not yet entered: {waiting}").format(
            entered=entered, absent=absent, waiting=len(students) - entered - absent - later) if students and self.model.exercises else ""
        if text and later:  # review 38b: a child who joined on Friday was "not yet entered" on Tuesday's quiz
            text += self.tr(" · joined the class after this quiz: {count}").format(count=later)
        if self.model.waiting:
            text += self.tr(" · written answers waiting for a mark (grey; * on the class row: of those marked so far): "
                            "{count}").format(count=len(self.model.waiting))
        self.summary_label.setText(text)
        self.difficult_button.setEnabled(entered > 0)
        self.export_button.setEnabled(self.model.rowCount() > 0)

    def show_difficult(self) -> None:
        """The questions most of the class missed, with the common wrong answers and their skills."""
        quiz_id = self.current_quiz()
        if quiz_id is None:
            return
        names = {s.id: s.label for s in self.model.students}
        group = self.group_combo.currentData()  # review 33a: a group's names under the whole class's figures
        results = Classroom(self.store, self.context.language).quiz_results(quiz_id, None if group is None else list(names))
        dialog = DifficultQuestionsDialog(results, self.quiz_combo.currentText(), names, self,
                                          None if group is None else self.group_combo.currentText())
        dialog.exec()

    def show_markbook(self) -> None:
        """Every quiz of the class against every child; a double-clicked score opens that quiz here."""
        if self.context.class_id is None:
            return
        class_id = self.context.class_id
        everyone = self.store.list_students(class_id) + moved_away(self.store, class_id)
        dialog = MarkbookDialog(Classroom(self.store, self.context.language).markbook(class_id), everyone,
                                self.class_name(), self.store.list_groups(class_id), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen_quiz is not None:
            found = self.quiz_combo.findData(dialog.chosen_quiz)
            if found >= 0:
                self.quiz_combo.setCurrentIndex(found)

    def new_quiz(self) -> None:
        if self.context.class_id is None:
            return
        dialog = NewQuizDialog(self.context, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.create_quiz(dialog.title_edit.text().strip() or dialog.default_title, dialog.chosen_ids(),
                             dialog.for_group.currentData())

    def edit_quiz(self) -> None:
        """Reorder, remove or replace the quiz's questions (see :mod:`desktop.views.quiz_edit`); the grid follows."""
        quiz_id = self.current_quiz()
        if quiz_id is None:
            return
        printed = list(self.store.get_quiz(quiz_id).exercise_ids)
        dialog = EditQuizDialog(self.context, self.context.class_id, quiz_id, self.quiz_combo.currentText(), self)
        ended = dialog.exec()
        if ended == DELETED:
            self.context.changed(Changes(answers=True))  # the answers stay, no longer a quiz's
            self.refresh()
            self.main_window.statusBar().showMessage(self.tr("Quiz deleted; the children's answers to it stay."), 8000)
        elif ended == QDialog.DialogCode.Accepted:
            self.refresh()  # the title too
            saved = self.tr("Quiz saved; marks of the questions that stay are kept.")
            self.main_window.statusBar().showMessage(saved, 20000)
            now = list(self.store.get_quiz(quiz_id).exercise_ids)
            todo = sentences(self._print_again(printed, now), self._marks_wanted(printed, now, quiz_id))
            if todo:  # review 38c: in the status bar it ran past the window's edge, and went after 20 s
                QMessageBox.information(self, self.tr("Edit quiz"), sentences(saved, todo))

    def _print_again(self, printed: list[Any], now: list[Any]) -> str:
        """What a teacher holding the printed quiz must know after an edit (review 37d: the grid's Q3 was the paper's
        Q4, unsaid, so marks typed from the old papers went to the wrong question); '' when nothing changed."""
        moved = [(printed.index(e) + 1, now.index(e) + 1) for e in now if e in printed and printed.index(e) != now.index(e)]
        if moved:  # review 38b: only the first move was said, and every other question had moved too
            moves = listing(self.tr("Q{old} of the printed quiz is now Q{new}").format(old=old, new=new) for old, new in moved)
            return self.tr("The questions are numbered anew ({moves}): print the quiz and its answer key again.").format(
                moves=moves)
        if now != printed:
            return self.tr("Print the quiz and its answer key again: it has other questions now.")
        return ""

    def _marks_wanted(self, printed: list[Any], now: list[Any], quiz_id: Any) -> str:
        """Review 37d: a question put into a quiz already marked has no marks, so every child's quiz lacks one and
        their averages leave it out until it is marked; '' when no question is new or nothing was marked."""
        new = [now.index(e) + 1 for e in now if e not in printed]
        if not new or not self.store.quiz_marks_of(quiz_id, [e for e in now if e in printed]):
            return ""
        numbers = listing(self.tr("Q{number}").format(number=n) for n in new)  # every one (review 38c: the first)
        return self.tr("Enter the marks of {questions} for every child: until then the children's averages leave this "
                       "quiz out.").format(questions=numbers)

    def create_quiz(self, title: str, exercise_ids: list[Any], group: Any = None) -> Any:
        """Make a quiz (for one ``group`` of the class: its grid shows their rows) and show it."""
        quiz_id = self.store.create_quiz(self.context.class_id, title, exercise_ids, group_id=group)
        self.refresh()
        self.quiz_combo.setCurrentIndex(self.quiz_combo.findData(quiz_id))
        return quiz_id

    def print_pdf(self, with_answers: bool, path: str | None = None) -> Any:
        quiz_id = self.current_quiz()
        if quiz_id is None:
            return None
        title = self.quiz_combo.currentText()
        if not path:
            key = self.tr("answer key")
            suggested = offered_path(start_folder(self.context.settings), f"{title} - {key}.pdf" if with_answers else f"{title}.pdf")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save PDF"), suggested, self.tr("PDF files (*.pdf)"))
            if not path:
                return None
            remember_folder(self.context.settings, path)
        labels = quiz_labels()
        class_name = self.class_name()
        paper = pdf.paper_for(self.store.get_setting(pdf.PAPER_SETTING))
        language = self.context.language
        numbered = any(s.external_id for s in self.store.list_students(self.context.class_id))

        def work(ctx):
            exercises = ctx.store().quiz_paper(quiz_id, language)
            sections = quiz_sections(title, exercises, with_answers, labels, class_name, numbered)
            return pdf.write_pdf(Path(path), title, sections, paper, pdf.CHILD, labels["page"])

        def done(result):
            self.last_pdf = result
            self.main_window.statusBar().showMessage(self.tr("Saved {file}").format(file=str(result)), 8000)

        return run_job(self, work, title=self.tr("Making the PDF…"), on_done=done)


class QuizWriter:
    """Where the grid's cells go: the classroom API, so the class's figures follow every mark."""

    def __init__(self, store: Any, class_id: Any, quiz_id: Any, language: str | None = None) -> None:
        self.store, self.class_id, self.quiz_id, self.language = store, class_id, quiz_id, language

    def save(self, student_id: Any, exercise_id: Any, score: float | None, answer: str | None) -> None:
        Classroom(self.store, self.language).set_quiz_score(self.class_id, self.quiz_id, student_id, exercise_id, score, answer)

    def set_absent(self, student_id: Any, absent: bool) -> None:
        Classroom(self.store, self.language).set_quiz_absent(self.class_id, self.quiz_id, student_id, absent)

    def queue_written(self, student_id: Any, exercise_id: Any, text: str) -> None:
        Classroom(self.store, self.language).queue_written_answer(self.quiz_id, student_id, exercise_id, text)


def quiz_labels() -> dict[str, str]:
    """The words on a printed quiz and its key, in the app's language."""
    return {
        "name": QCoreApplication.translate("QuizPage", "Name:"),
        "class": QCoreApplication.translate("QuizPage", "Class:"),
        "key": QCoreApplication.translate("QuizPage", "Answer key"),
        "date": QCoreApplication.translate("QuizPage", "Date:"),
        "number": QCoreApplication.translate("QuizPage", "Student number:"),
        "page": QCoreApplication.translate("QuizPage", "Page {page} of {pages}"),
    }


def quiz_sections(title: str, exercises: list[Any], with_answers: bool, labels: dict[str, str], class_name: str,
                  numbered: bool = False) -> list[pdf.Section]:
    """The quiz (or its answer key) for :func:`desktop.pdf.write_pdf`: one copy to hand out or photocopy.

    Each question gets the answer space its kind needs; the key fills in the
    same spaces with the answers, so it lies over a child's sheet. ``numbered``: the class has student numbers, so
    the date line has a blank for one (review 38d: papers are stacked by 学号, as the grid can be sorted).
    """
    key_title = titled(title, labels["key"]) if with_answers else title
    # the key's page starts as the quiz's (title, and the room of the date line: its blanks meant nothing on a key, reviews
    # 40a/b; "Answer key" stands in its header and footer), so that its questions fall where the quiz's do (review 27d,
    # 27e: a longer title wrapped and moved them)
    blanks = pdf.labelled(labels["date"], "______________") + (
        "      " + pdf.labelled(labels["number"], "______________") if numbered else "")
    blocks: list[pdf.Block] = [pdf.Text(title, size=pdf.CHILD.title, bold=True, after=4),
                               pdf.Text("\u00a0" if with_answers else blanks, after=16)]
    for number, exercise in enumerate(exercises, start=1):
        kind = exercise.kind if exercise.kind != "multiple_choice" or exercise.choices else "numeric"
        prompt, note = teacher_note(exercise.prompt)  # how to mark goes on the key, not the children's copy
        kind = kind if note else pdf.printed_kind(kind, exercise.answer)
        answer = exercise.answer or note
        if kind in pdf.AnswerSpace.LINES and exercise.answer and note:  # on the lines, the note under the model answer
            answer = f"{exercise.answer}\n{note}"  # (review 28d: the note was dropped when there was a model answer)
        space = pdf.AnswerSpace(kind, tuple(exercise.choices), answer if with_answers else None, room_for=answer,
                                drawing=pdf.asks_to_draw(prompt))
        blocks.append(pdf.Exercise(number, prompt, space))
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
        self.title_edit.selectAll()  # review 34e: typing a title gave "Quiz 4Fractions check"
        form.addRow(self.tr("Title:"), self.title_edit)
        self.for_group = QComboBox()  # review 35d: a quiz for one group was made for the class, then narrowed by hand
        self.for_group.setObjectName("quizForGroup")
        fill_group_choice(self.for_group, self.tr("Whole class"), context.store.list_groups(context.class_id))
        form.addRow(self.tr("For:"), self.for_group)
        skills = self.skill_names = context.store.skill_names(context.language)
        self.skill_choice = QComboBox()  # review 38d: Pick for a new third-grade class began at first-grade counting
        self.skill_choice.setObjectName("quizSkill")
        self.skill_choice.addItem(self.tr("All skills"), None)
        for skill in prerequisite_order(context.store.skill_prerequisites()):
            if skill in skills:
                self.skill_choice.addItem(skills[skill], skill)
        self.skill_choice.currentIndexChanged.connect(lambda _: self._filter())
        form.addRow(self.tr("Skill:"), self.skill_choice)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type to filter exercises by text or skill"))
        self.search.textChanged.connect(lambda _: self._filter())
        form.addRow(self.tr("Search:"), self.search)
        box.addLayout(form)
        self.list = TickList()
        self.list.setObjectName("quizExerciseList")
        self.list.setWordWrap(True)  # review 48b: a long question pushed its [skill] out of sight, sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.exercise_skills: dict[Any, tuple[str, ...]] = {}
        for exercise in context.store.list_exercises(context.language):
            self.exercise_skills[exercise.id] = tuple(exercise.skills)
            skill_text = listing(skills.get(s, str(s)) for s in exercise.skills)
            item = QListWidgetItem(self.tr("{prompt}   [{skills}]").format(prompt=exercise.prompt, skills=skill_text)
                                   if skill_text else exercise.prompt)  # review 29a: "[]"
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
        pick.addWidget(QLabel(self.tr("exercises for each skill they are working on")))
        self.pick_button = QPushButton(self.tr("Pick"))
        self.pick_button.clicked.connect(self.pick)
        pick.addWidget(self.pick_button)
        pick.addStretch(1)
        box.addLayout(pick)
        self.job = None
        self.final_job = None
        self.first_guess: set[Any] | None = None
        """The ticks of a first-guess pick, while the class's model is still being calibrated."""
        self.pick_note = hint("")
        self.pick_note.setObjectName("pickNote")
        self.pick_note.hide()
        box.addWidget(self.pick_note)
        self.pick_busy = QProgressBar()
        self.pick_busy.setRange(0, 0)  # a moving bar: how long calibrating takes is not known in advance
        self.pick_busy.setMaximumHeight(8)
        self.pick_busy.setTextVisible(False)
        self.pick_busy.hide()
        box.addWidget(self.pick_busy)
        self.count_label = hint("")
        self.ticked_only = QCheckBox(self.tr("Show only the ticked exercises"))  # review 38b: ticks lost among 442
        self.ticked_only.setObjectName("quizTickedOnly")
        self.ticked_only.toggled.connect(lambda _: self._filter())
        counted = QHBoxLayout()
        counted.addWidget(self.count_label, 1)
        counted.addWidget(self.ticked_only)
        box.addLayout(counted)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        box.addWidget(buttons)
        self.by_hand: dict[Any, None] = {}
        """The exercises the teacher ticked herself, in the order she ticked them (the quiz's order, review 47a): a pick
        adds to them, never unticks them."""
        self._pick_scope: list[str] | None = None
        self.chosen_for_skills: set[Any] = set()
        """What picks for chosen skills (Skill list or Search) ticked and the teacher left ticked: a pick for other
        skills keeps them; a pick for every skill replaces them."""
        self._ticking = False
        self.list.itemChanged.connect(self._ticked)
        self._count()
        if not self.list.count():  # nothing to choose from, by hand or by Pick: say where exercises come from
            self.pick_button.setEnabled(False)
            self.pick_note.setText(self.tr("The exercise bank is empty. Close this window, open Exercise bank and press "
                                           "“Add the starter exercises” (or add your own), then make the quiz."))
            self.pick_note.show()

    def _filter(self) -> None:
        """Show the exercises of the chosen skill whose text or skills hold the search; with "only the ticked", every
        ticked exercise, whatever its skill (the whole quiz so far)."""
        needle, skill, ticked = self.search.text().strip().lower(), self.skill_choice.currentData(), self.ticked_only.isChecked()
        for i in range(self.list.count()):
            item = self.list.item(i)
            if ticked:
                item.setHidden(item.checkState() != Qt.CheckState.Checked)
                continue
            item.setHidden(bool(needle) and needle not in item.text().lower()
                           or skill is not None and skill not in self.exercise_skills.get(item.data(Qt.ItemDataRole.UserRole), ()))

    def _ticked(self, item: QListWidgetItem) -> None:
        if not self._ticking:
            exercise_id = item.data(Qt.ItemDataRole.UserRole)
            if item.checkState() == Qt.CheckState.Checked:
                self.by_hand[exercise_id] = None
            else:
                self.by_hand.pop(exercise_id, None)
                self.chosen_for_skills.discard(exercise_id)
            if self.ticked_only.isChecked():
                self._filter()
        self._count()

    def _count(self) -> None:
        n = len(self.chosen_ids())
        self.count_label.setText(self.tr("{count} exercises chosen.").format(count=n))
        self.ok_button.setEnabled(n > 0)

    def chosen_ids(self) -> list[Any]:
        """The ticked exercises: those ticked by hand in the order she ticked them, then a pick's in the list's order."""
        ticked = [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                  if self.list.item(i).checkState() == Qt.CheckState.Checked]
        in_quiz = set(ticked)
        return [i for i in self.by_hand if i in in_quiz] + [i for i in ticked if i not in self.by_hand]

    def pick(self) -> Any:
        """Let the engine choose (in the background), then tick its choice in the list.

        A class never calibrated gets a first guess at once (knowledge tracing at its
        textbook settings, nothing fitted); the class's model is then calibrated in
        the background (once per class, then stored) and its pick replaces the
        first guess, unless the teacher changed the ticks meanwhile. Nobody waits.
        """
        class_id, per_skill, skills = self.context.class_id, self.per_skill.value(), self.searched_skills()
        self._pick_scope = skills
        students = self.group_students()
        if students == []:  # review 36b: Pick for an empty group chose nothing and said nothing
            self.pick_note.setText(self.tr("The group “{group}” has no children, so there is nothing to pick for: add children to "
                                           "it in Classes & students, or choose another group under “For”.").format(
                group=self.for_group.currentText()))
            self.pick_note.show()
            return None
        self.pick_button.setEnabled(False)
        room = Classroom(self.context.store)
        first_look = room.first_look(class_id)
        if not room.has_answers(class_id):
            self.pick_note.setText(self.tr("No answers yet, so Lamplight starts with easier exercises across the skills you chose.")
                                   if skills else
                                   self.tr("No answers yet, so Lamplight starts with easier exercises across the first skills "
                                           "(choose a Skill above, or type in Search, for your class's own)."))
            self.pick_note.show()
        self.job = run_job(
            self, lambda ctx: Classroom(ctx.store()).pick_quiz_exercises(class_id, per_skill, first_guess=first_look, skills=skills,
                                                                         students=students),
            title=self.tr("Choosing exercises…"), on_done=self._picked_first if first_look else self._picked,
        )
        self.job.ended.connect(lambda: self.pick_button.setEnabled(True))  # (a first guess disables it again: see below)
        return self.job

    def group_students(self) -> list[Any] | None:
        """The children of the group the quiz is for (None: the whole class)."""
        group = self.for_group.currentData()
        if group is None:
            return None
        return [s.id for s in self.context.store.list_students(self.context.class_id) if group in s.group_ids]

    def searched_skills(self) -> list[str] | None:
        """The skills the search names (the teacher's choice of skills); when it names none, the main skills of the
        exercises it shows; None without a search. ("fraction" picks fraction exercises, not the decimals exercises
        that also list fractions.) A skill chosen under Skill is the choice."""
        if self.skill_choice.currentData() is not None:
            return [self.skill_choice.currentData()]
        needle = self.search.text().strip().lower()
        if not needle:
            return None
        named = sorted(skill for skill, name in self.skill_names.items() if needle in name.lower())
        if named:
            return named
        shown = [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count()) if not self.list.item(i).isHidden()]
        return sorted({self.exercise_skills[e][0] for e in shown if self.exercise_skills.get(e)}) or None

    def _picked(self, picked: list[Any]) -> None:
        """Tick the pick and the teacher's own ticks; an earlier pick's ticks give way to this one for the skills it
        picked for, and stay for the others (review 39: a pick for a second skill unticked the first's)."""
        scope = self._pick_scope
        kept = set() if scope is None else {e for e in self.chosen_for_skills if self.exercise_skills[e][0] not in scope}
        self.chosen_for_skills = set() if scope is None else set(picked) | kept
        ids = set(picked) | kept | set(self.by_hand)
        self._ticking = True
        try:
            for i in range(self.list.count()):
                item = self.list.item(i)
                item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in ids else Qt.CheckState.Unchecked)
        finally:
            self._ticking = False
        if self.ticked_only.isChecked():  # review 39: the new ticks stayed hidden, the old ones shown
            self._filter()
        self._count()

    def _picked_first(self, picked: list[Any]) -> None:
        """Show the first guess, then calibrate the class's model in the background for the real pick."""
        self._picked(picked)
        self.first_guess = set(self.chosen_ids())
        self.pick_note.setText(self.tr("A first pick, from the answers alone. Lamplight is getting to know this class's "
                                       "exercises (once per class) and will improve the pick in a moment; you can "
                                       "already change the ticks or press OK."))
        self.pick_note.show()
        class_id, per_skill, skills, students = self.context.class_id, self.per_skill.value(), self.searched_skills(), self.group_students()
        self.final_job = run_job(
            self, lambda ctx: Classroom(ctx.store()).pick_quiz_exercises(class_id, per_skill, skills=skills, students=students),
            title=self.tr("Getting to know this class's exercises…"), on_done=self._picked_final, show="none",
        )
        self.pick_busy.show()
        self.pick_button.setEnabled(False)  # until the class's model has picked
        self.final_job.ended.connect(self._final_ended)

    def _final_ended(self) -> None:
        self.pick_busy.hide()
        self.pick_button.setEnabled(True)

    def _picked_final(self, picked: list[Any]) -> None:
        """The class's model is calibrated: its pick replaces the first guess if the ticks are still the first guess's."""
        if self.first_guess is not None and set(self.chosen_ids()) == self.first_guess:
            self._picked(picked)
            self.pick_note.setText(self.tr("Picked with this class's model."))
        else:
            self.pick_note.setText(self.tr("This class's model is ready; your ticks are kept. Press Pick to let it choose."))
        self.first_guess = None
