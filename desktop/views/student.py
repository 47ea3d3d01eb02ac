"""Student page: mastery per skill with uncertainty, next steps with reasons, progress and answer history."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.table_csv import export_button_under
from desktop.i18n import day_and_month, day_and_time, listing
from desktop.views.base import FitRows, Page, RowsModel, heading, hint, table_view
from desktop.views.mastery_text import MasteryTexts
from desktop.widgets.mastery_bars import MasteryBars
from desktop.widgets.plot import LinePlot
from desktop.workers import run_job
from engine.adapt.mastery import below_help_level
from engine.classroom import Classroom


class StudentPage(Page):
    """Everything about one student, for the teacher."""

    def __init__(self, context: Any, window: Any) -> None:
        super().__init__(context, window)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Student page")))
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Student:")))
        self.student_combo = QComboBox()
        self.student_combo.setObjectName("studentCombo")
        self.student_combo.setMinimumWidth(220)
        self.student_combo.currentIndexChanged.connect(self._load)
        top.addWidget(self.student_combo)
        self.layout_.addLayout(top)
        self.status = hint("")
        self.layout_.addWidget(self.status)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        box = QVBoxLayout(body)
        scroll.setWidget(body)
        self.layout_.addWidget(scroll, 1)

        steps_box = QGroupBox(self.tr("Next steps"))
        steps_layout = QVBoxLayout(steps_box)
        self.focus_note = hint("")
        self.focus_note.hide()
        steps_layout.addWidget(self.focus_note)
        self.steps_model = RowsModel([self.tr("Exercise"), self.tr("Skill"), self.tr("Why")], self)
        self.steps_view = table_view(self.steps_model, stretch_column=2, wrap=True)
        self.steps_view.setObjectName("nextSteps")
        FitRows(self.steps_view, most=10)  # as tall as its steps and their wrapped reasons (was 215 px, blank below five
        # one-line reasons; review 48b: a box scrolling inside the page)
        steps_layout.addWidget(self.steps_view)
        self.steps_export = export_button_under(steps_layout, self, self.steps_model, lambda: self._file_name(steps_box), "exportNextSteps")
        box.addWidget(steps_box)

        mastery_box = QGroupBox(self.tr("Mastery per skill"))
        mastery_layout = QVBoxLayout(mastery_box)
        mastery_layout.addWidget(
            hint(self.tr("The bar is this student's chance of success on the skill, from their own answers; the black line shows how sure we are (it narrows with more answers). Dashed line: the mastered level. A skill is mastered only after at least 3 answers on it, when at least 70% of the latest are right, the bar reaches the dashed line and we are sure; with 1-2 answers there are too few to say."))
        )
        self.bars = MasteryBars()
        self.bars.setObjectName("masteryBars")
        mastery_layout.addWidget(self.bars)
        self.skills_model = RowsModel([self.tr("Skill"), self.tr("Chance of success"), self.tr("Status")], self)
        """The bars as a table (the figure and the words written after each bar), for its CSV export."""
        self.skills_export = export_button_under(mastery_layout, self, self.skills_model, lambda: self._file_name(mastery_box), "exportSkills")
        box.addWidget(mastery_box)

        plot_box = QGroupBox(self.tr("Progress week by week"))
        plot_layout = QVBoxLayout(plot_box)
        self.plot = LinePlot()
        self.no_answers_text = self.tr("No answers yet.")
        self.plot.empty_text = self.no_answers_text
        plot_layout.addWidget(self.plot)
        box.addWidget(plot_box)

        history_box = QGroupBox(self.tr("Answer history"))
        history_layout = QVBoxLayout(history_box)
        self.history_model = RowsModel([self.tr("When"), self.tr("Exercise"), self.tr("Result"), self.tr("Where")], self)
        self.history_view = table_view(self.history_model, stretch_column=1)
        self.history_view.setObjectName("history")
        self.history_view.setMinimumHeight(200)
        history_layout.addWidget(self.history_view)
        self.history_export = export_button_under(history_layout, self, self.history_model, lambda: self._file_name(history_box), "exportHistory")
        box.addWidget(history_box)
        self.overview: Any = None
        self.job = None

    def _file_name(self, box: QGroupBox) -> str:
        """An exported table's suggested file name: the student and the box's title."""
        name = self.overview.student.label if self.overview is not None else self.student_combo.currentText()
        return f"{name} - {box.title()}"

    def refresh(self) -> None:
        current = self.student_combo.currentData()
        self.student_combo.blockSignals(True)
        self.student_combo.clear()
        students = self.store.list_students(self.context.class_id) if self.context.class_id is not None else []
        for student in students:
            self.student_combo.addItem(student.label, student.id)
        index = self.student_combo.findData(current)
        self.student_combo.setCurrentIndex(index if index >= 0 else 0)
        self.student_combo.blockSignals(False)
        if not students:
            self.status.setText(self.tr("No students in this class yet: add them in Classes & students."))
            self._show(None)
            return
        self._load()

    def show_student(self, student_id: Any) -> None:
        """Open the page on one student (from the dashboard)."""
        index = self.student_combo.findData(student_id)
        if index < 0:
            index = next((i for i in range(self.student_combo.count()) if str(self.student_combo.itemData(i)) == str(student_id)), -1)
        if index >= 0:
            self.student_combo.setCurrentIndex(index)

    def _load(self, *_: Any) -> None:
        student_id = self.student_combo.currentData()
        class_id = self.context.class_id
        if student_id is None or class_id is None:
            return
        self._show(None)  # review 37b: the last child's tables stayed up meanwhile, and exported under this child's name
        self.status.setText(self.tr("Working out where {name} stands…").format(name=self.student_combo.currentText()))
        self.plot.empty_text = self.tr("Loading…")
        self.plot.update()
        language = self.context.language
        self.job = run_job(
            self,
            lambda ctx: Classroom(ctx.store(), language).student_page(class_id, student_id),
            title=self.tr("Updating the student page…"),
            on_done=self._show,
            show="status",
        )

    def status_text(self, cell: Any) -> str:
        """The skill's verdict in words that agree with its bar and the dashed level."""
        return MasteryTexts().cell_verdict(cell)

    def step_reason(self, step: Any) -> str:
        """The step's reason; after the dashboard's "needs help" on its skill, worded as a skill to keep practising."""
        cell = self.overview.mastery.get(step.skill_id) if self.overview is not None else None
        return MasteryTexts().step_reason(step, needs_help=cell is not None and below_help_level(cell))

    def _show(self, overview: Any) -> None:
        if overview is not None and str(overview.student.id) != str(self.student_combo.currentData()):
            return  # an older request finished after the teacher picked another student
        self.overview = overview
        self.plot.empty_text = self.no_answers_text
        for button in (self.steps_export, self.skills_export, self.history_export):
            button.setEnabled(overview is not None)
        self.focus_note.setVisible(overview is not None and bool(overview.focus))
        if overview is not None and overview.focus:  # review 44: the steps keep to it, as practice and worksheets do
            self.focus_note.setText(self.tr("Practice focus set on the Class dashboard: {skills}. The next steps keep to it.").format(
                skills=listing(overview.skill_names.get(s, s) for s in overview.focus)))
        if overview is None:
            self.steps_model.set_rows([])
            self.history_model.set_rows([])
            self.bars.set_rows([])
            self.skills_model.set_rows([])
            self.plot.set_data([], {})
            return
        skills = overview.skill_names
        one = len(overview.history) == 1  # review 43c: "Ana: 1 answers"
        self.status.setText(
            (self.tr("{name}: 1 answer, {mastered} of {skills} skills mastered.") if one else
             self.tr("{name}: {answers} answers, {mastered} of {skills} skills mastered.")).format(
                name=overview.student.label,
                answers=len(overview.history),
                mastered=sum(m.mastered for m in overview.mastery.values()),
                skills=len(overview.mastery),
            )
        )
        self.steps_model.set_rows(
            [[overview.exercise_prompts.get(s.exercise_id, s.exercise_id), skills.get(s.skill_id, s.skill_id), self.step_reason(s)] for s in overview.steps],
            overview.steps,
        )
        self.bars.set_rows(
            [
                (skills.get(k, k), m.estimate if m.answered or m.mastered else None, m.low, m.high, self.status_text(m), m.level)
                for k, m in overview.mastery.items()
            ]
        )
        self.skills_model.set_rows([[name, "" if estimate is None else f"{estimate:.0%}", status] for name, estimate, _, _, status, _ in self.bars.rows])
        self.history_model.set_rows(
            [
                [self.when_text(h.when), h.prompt, self.tr("right") if h.score >= 1 else self.tr("wrong") if h.score <= 0 else f"{h.score:g}", self.where_text(h)]
                for h in reversed(overview.history)
            ]
        )
        points = [p for p in overview.progress if p.student_id == str(overview.student.id)]
        self.plot.set_data(
            [day_and_month(p.period_start, self.context.language) for p in points],
            {
                self.tr("Share right"): [None if p.accuracy != p.accuracy else p.accuracy for p in points],
                self.tr("Skills mastered"): [p.mastered_share for p in points],
            },
        )

    def when_text(self, when: str) -> str:
        """An answer's time as the teacher's language writes it ("6 Dec 2026 08:30", not "2026-12-06 08:30")."""
        try:
            return day_and_time(datetime.fromisoformat(when), self.context.language)
        except ValueError:
            return when

    def source_text(self, source: str) -> str:
        return {"paper": self.tr("paper quiz"), "practice": self.tr("practice"), "import": self.tr("imported")}.get(source, source)

    def where_text(self, row: Any) -> str:
        """Where an answer came from: which quiz, and what the child wrote when it is known (review 35d)."""
        where = self.tr("paper quiz “{quiz}”").format(quiz=row.quiz) if row.quiz else self.source_text(row.source)
        return self.tr("{where}; wrote: {answer}").format(where=where, answer=row.wrote) if row.wrote else where

