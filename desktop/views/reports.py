"""Worksheets & reports: personalised worksheets (PDF) and student/class reports (PDF and CSV)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from desktop import pdf, services
from desktop.views.base import Page, heading, hint
from desktop.workers import run_job


class ReportsPage(Page):
    """Make worksheets and reports for one student or the whole class."""

    def __init__(self, context: Any, window: Any) -> None:
        super().__init__(context, window)
        self.layout_.addWidget(heading(self.tr("Worksheets & reports")))
        self.status = hint("")
        self.layout_.addWidget(self.status)
        form = QFormLayout()
        self.who = QComboBox()
        self.who.setObjectName("reportWho")
        form.addRow(self.tr("For:"), self.who)
        self.count = QSpinBox()
        self.count.setRange(1, 30)
        self.count.setValue(8)
        form.addRow(self.tr("Exercises per worksheet:"), self.count)
        self.layout_.addLayout(form)

        sheets = QGroupBox(self.tr("Worksheets"))
        s_box = QVBoxLayout(sheets)
        s_box.addWidget(
            hint(self.tr("Each worksheet holds the student's own next steps: exercises at the right difficulty for the skills they are ready to learn, with space to answer. The whole class comes in one PDF, one student per page."))
        )
        self.worksheet_button = QPushButton(self.tr("Make worksheets (PDF)…"))
        self.worksheet_button.setObjectName("makeWorksheets")
        self.worksheet_button.clicked.connect(lambda: self.make_worksheets())
        s_box.addWidget(self.worksheet_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.layout_.addWidget(sheets)

        reports = QGroupBox(self.tr("Reports"))
        r_box = QVBoxLayout(reports)
        r_box.addWidget(hint(self.tr("A report lists mastery per skill and recent results. The CSV opens in any spreadsheet.")))
        row = QHBoxLayout()
        self.report_pdf_button = QPushButton(self.tr("Report (PDF)…"))
        self.report_pdf_button.clicked.connect(lambda: self.make_report("pdf"))
        self.report_csv_button = QPushButton(self.tr("Report (CSV)…"))
        self.report_csv_button.clicked.connect(lambda: self.make_report("csv"))
        row.addWidget(self.report_pdf_button)
        row.addWidget(self.report_csv_button)
        row.addStretch(1)
        r_box.addLayout(row)
        self.layout_.addWidget(reports)
        self.layout_.addStretch(1)
        self.last_file: Path | None = None
        self.job = None

    def refresh(self) -> None:
        self.who.clear()
        class_id = self.context.class_id
        students = services.list_students(self.store, class_id) if class_id is not None else []
        if students:
            self.who.addItem(self.tr("The whole class"), None)
            for s in students:
                self.who.addItem(s.name, s.id)
        enabled = bool(students)
        for b in (self.worksheet_button, self.report_pdf_button, self.report_csv_button):
            b.setEnabled(enabled)
        self.status.setText("" if enabled else self.tr("No students in this class yet: add them in Classes & students."))

    def _ask_path(self, suggested: str, pattern: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as"), str(Path.home() / suggested), pattern)
        return path

    def _texts(self) -> dict[str, str]:
        return {
            "worksheet": self.tr("Worksheet"),
            "name": self.tr("Name:"),
            "date": self.tr("Date:"),
            "answer": self.tr("Answer:"),
            "report": self.tr("Report"),
            "skill": self.tr("Skill"),
            "mastery": self.tr("Chance of success"),
            "range": self.tr("Range"),
            "status": self.tr("Status"),
            "answers": self.tr("Answers"),
            "next": self.tr("Next steps"),
            "student": self.tr("Student"),
            "class": self.tr("Class report"),
            "none": self.tr("Nothing to practise: every skill is mastered."),
            "mastered": self.tr("mastered"),
            "learning": self.tr("learning"),
            "needs help": self.tr("needs help"),
            "not started": self.tr("not started"),
        }

    def make_worksheets(self, path: str | None = None) -> Any:
        """One PDF: a worksheet per chosen student, built from their next steps."""
        class_id = self.context.class_id
        if class_id is None:
            return None
        student_id = self.who.currentData()
        path = path or self._ask_path(self.tr("worksheets.pdf"), self.tr("PDF files (*.pdf)"))
        if not path:
            return None
        texts, count = self._texts(), self.count.value()

        def work(ctx):
            ids = [student_id] if student_id is not None else None
            overviews = services.class_overviews(ctx.store(), class_id, ids, steps=count, progress=ctx, worksheets=True)
            return pdf.write_pdf(Path(path), texts["worksheet"], worksheets_html(overviews, texts))

        self.job = run_job(self, work, title=self.tr("Making worksheets…"), on_done=self._saved, cancellable=True)
        return self.job

    def make_report(self, kind: str, path: str | None = None) -> Any:
        """The report of the chosen student (or the whole class) as PDF or CSV."""
        class_id = self.context.class_id
        if class_id is None:
            return None
        student_id = self.who.currentData()
        suggested = self.tr("report") + (".pdf" if kind == "pdf" else ".csv")
        pattern = self.tr("PDF files (*.pdf)") if kind == "pdf" else self.tr("CSV files (*.csv)")
        path = path or self._ask_path(suggested, pattern)
        if not path:
            return None
        texts = self._texts()
        class_name = self.main_window.class_combo.currentText()

        def work(ctx):
            if kind == "csv":
                return services.export_report_csv(ctx.store(), class_id, Path(path), student_id)
            ids = [student_id] if student_id is not None else None
            overviews = services.class_overviews(ctx.store(), class_id, ids, steps=3, progress=ctx)
            return pdf.write_pdf(Path(path), texts["report"], report_html(overviews, texts, class_name, whole_class=student_id is None))

        self.job = run_job(self, work, title=self.tr("Making the report…"), on_done=self._saved, cancellable=True)
        return self.job

    def _saved(self, path: Path) -> None:
        self.last_file = Path(path)
        self.status.setText(self.tr("Saved {file}").format(file=str(path)))


def worksheets_html(overviews: list[Any], texts: dict[str, str]) -> str:
    """One page per student: their worksheet exercises with space to answer."""
    pages = []
    for overview in overviews:
        sheet = overview.worksheet
        parts = [
            f"<h1>{pdf.esc(texts['worksheet'])} — {pdf.esc(overview.student.name)}</h1>",
            f"<p>{pdf.esc(texts['date'])} __________</p>",
        ]
        if sheet is None or not sheet.items:
            parts.append(f"<p>{pdf.esc(texts['none'])}</p>")
        for item in sheet.items if sheet is not None else []:
            exercise = overview.exercises.get(item.exercise_id)
            parts.append(f"<p><b>{item.number}.</b> {pdf.esc(item.prompt)}</p>")
            if exercise is not None and exercise.choices and not item.fresh_variant:
                parts.append("<p>" + " &nbsp; ".join(f"{'ABCDEFGH'[i]}) {pdf.esc(c)}" for i, c in enumerate(exercise.choices)) + "</p>")
            parts.append(f'<p class="line">{pdf.esc(texts["answer"])} ______________________________</p>')
            parts.append(f'<p class="small">{pdf.esc(item.skill_name)}</p>')
        pages.append("".join(parts))
    return pdf.PAGE_BREAK.join(pages)


def report_html(overviews: list[Any], texts: dict[str, str], class_name: str, whole_class: bool) -> str:
    """A student report per page; for the whole class, a class summary table first."""
    parts = []
    if whole_class and overviews:
        skills = list(overviews[0].mastery)
        names = overviews[0].skill_names
        rows = [[o.student.name, *[f"{o.mastery[k].estimate:.0%}" for k in skills]] for o in overviews]
        parts.append(f"<h1>{pdf.esc(texts['class'])} — {pdf.esc(class_name)}</h1>")
        parts.append(pdf.table([texts["student"], *[names.get(k, k) for k in skills]], rows))
        parts.append(pdf.PAGE_BREAK)
    pages = []
    for o in overviews:
        rows = [
            [o.skill_names.get(k, k), f"{m.estimate:.0%}", f"{m.low:.0%}–{m.high:.0%}", texts.get(m.status, m.status), m.answered]
            for k, m in o.mastery.items()
        ]
        page = [
            f"<h1>{pdf.esc(texts['report'])} — {pdf.esc(o.student.name)}</h1>",
            pdf.table([texts["skill"], texts["mastery"], texts["range"], texts["status"], texts["answers"]], rows),
            f"<h2>{pdf.esc(texts['next'])}</h2>",
            "<ul>" + "".join(f"<li>{pdf.esc(o.exercise_prompts.get(s.exercise_id, s.exercise_id))}</li>" for s in o.steps) + "</ul>",
        ]
        pages.append("".join(page))
    return "".join(parts) + pdf.PAGE_BREAK.join(pages)
