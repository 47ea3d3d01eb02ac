"""Worksheets & reports: personalised worksheets (PDF) and student/class reports (PDF and CSV)."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from desktop import pdf
from desktop.file_choosers import offered_path, remember_folder, start_folder
from desktop.family_letter import letter_sections, letter_texts
from desktop.i18n import LANGUAGES, first_few, has_chinese, kept_together, listing, titled
from desktop.prompts import ask_before
from desktop.table_csv import report_csv_headers
from desktop.views.base import Page, fill_group_choice, heading, hint
from desktop.views.mastery_text import MasteryTexts
from desktop.workers import run_job
from engine.adapt.mastery import MASTERED, NOT_SURE_YET, VERDICT_WORDS, below_help_level, shown_chance, verdict_code
from engine.adapt.reports import split_choices, teacher_note, whole_percent
from engine.choices import letter_of
from engine.classroom import Classroom
from engine.store.clock import local_date
from engine.store.records import right_answers


class ReportsPage(Page):
    """Make worksheets and reports for one student or the whole class."""

    def __init__(self, context: Any, window: Any) -> None:
        super().__init__(context, window)
        self.layout_.addWidget(heading(self.tr("Worksheets & reports")))
        self.status = hint("")
        self.layout_.addWidget(self.status)
        form = QFormLayout()
        self.group = QComboBox()
        self.group.setObjectName("reportGroup")
        self.group.currentIndexChanged.connect(lambda _: self._fill_who())
        form.addRow(self.tr("Group:"), self.group)
        self.who = QComboBox()
        self.who.setObjectName("reportWho")
        form.addRow(self.tr("For:"), self.who)
        self.count = QSpinBox()
        self.count.setRange(1, 30)
        self.count.setValue(8)
        self.count.setMaximumWidth(self.count.sizeHint().width() * 2)  # review 36d: it stretched across the page
        form.addRow(self.tr("Exercises per worksheet:"), self.count)
        self.paper = QComboBox()
        self.paper.setObjectName("paperSize")
        self.paper.addItem(self.tr("A4"), "A4")
        self.paper.addItem(self.tr("Letter (US)"), "Letter")
        self.paper.activated.connect(self._paper_chosen)
        form.addRow(self.tr("Paper size:"), self.paper)
        self.layout_.addLayout(form)

        sheets = QGroupBox(self.tr("Worksheets"))
        s_box = QVBoxLayout(sheets)
        s_box.addWidget(
            hint(self.tr("Each worksheet holds the student's own next steps: exercises at the right difficulty for the skills they are ready to learn, with space to answer. The whole class (or the group chosen) comes in one PDF: each student starts on a new page, with their name and class on every page."))
        )
        self.worksheet_button = QPushButton(self.tr("Make worksheets (PDF)…"))
        self.worksheet_button.setObjectName("makeWorksheets")
        self.worksheet_button.clicked.connect(lambda: self.make_worksheets())
        s_box.addWidget(self.worksheet_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.layout_.addWidget(sheets)

        reports = QGroupBox(self.tr("Reports"))
        r_box = QVBoxLayout(reports)
        r_box.addWidget(hint(self.tr("A report lists mastery per skill, the answers behind it, the next steps and the paper quiz "
                                     "scores. The CSV opens in any spreadsheet.")))
        row = QHBoxLayout()
        self.report_pdf_button = QPushButton(self.tr("Report (PDF)…"))
        self.report_pdf_button.clicked.connect(lambda: self.make_report("pdf"))
        self.report_csv_button = QPushButton(self.tr("Report (CSV)…"))
        self.report_csv_button.clicked.connect(lambda: self.make_report("csv"))
        row.addWidget(self.report_pdf_button)
        row.addWidget(self.report_csv_button)
        self.summary_only = QCheckBox(self.tr("The summary of the class or group only (no page for each child)"))
        self.summary_only.setObjectName("reportSummaryOnly")  # review 38b: 88 pages for a class of 30
        row.addWidget(self.summary_only)
        row.addStretch(1)
        r_box.addLayout(row)
        self.layout_.addWidget(reports)
        self.who.currentIndexChanged.connect(lambda _: self.summary_only.setEnabled(self.who.currentData() is None))

        family = QGroupBox(self.tr("Letters to families"))
        f_box = QVBoxLayout(family)
        f_box.addWidget(hint(self.tr("One page per child in plain sentences, with a picture of the skills they know now and a month ago. No percentages.")))
        f_row = QHBoxLayout()
        f_row.addWidget(QLabel(self.tr("Language of the letter:")))
        self.letter_language = QComboBox()
        self.letter_language.setObjectName("letterLanguage")
        for code, name in LANGUAGES.items():
            self.letter_language.addItem(name, code)
        self.letter_language.setCurrentIndex(max(0, self.letter_language.findData(getattr(context, "language", "en"))))
        f_row.addWidget(self.letter_language)
        self.letter_button = QPushButton(self.tr("Letters to families (PDF)…"))
        self.letter_button.setObjectName("makeLetters")
        self.letter_button.clicked.connect(lambda: self.make_letters())
        f_row.addWidget(self.letter_button)
        f_row.addStretch(1)
        f_box.addLayout(f_row)
        self.layout_.addWidget(family)
        self.layout_.addStretch(1)
        self.last_file: Path | None = None
        self.job = None

    def refresh(self) -> None:
        class_id = self.context.class_id
        groups = self.store.list_groups(class_id) if class_id is not None else []
        fill_group_choice(self.group, self.tr("Whole class"), groups, self.group.currentData())
        self._fill_who()
        self.paper.setCurrentIndex(max(0, self.paper.findData(self.paper_size())))

    def _fill_who(self) -> None:
        """"The whole class" (or group) and each of its students; the child chosen before stays chosen (review
        27b: after a look at another screen "For:" was back at the whole class, and Worksheets printed all of it).
        The buttons work only when there is someone to print for."""
        chosen = self.who.currentData()
        self.who.clear()
        class_id = self.context.class_id
        students = self.store.list_students(class_id) if class_id is not None else []
        in_class = bool(students)
        members = self.group_members()
        if members is not None:
            students = [s for s in students if s.id in members]
        if students:
            self.who.addItem(self.tr("The whole class") if members is None else self.tr("The whole group"), None)
            for s in students:
                self.who.addItem(s.label, s.id)
            self.who.setCurrentIndex(max(0, self.who.findData(chosen)))
        for button in (self.worksheet_button, self.report_pdf_button, self.report_csv_button, self.letter_button):
            button.setEnabled(bool(students))
        self.status.setText("" if students else self.tr("This group has no students: add some in Classes & students.")
                            if in_class else self.tr("No students in this class yet: add them in Classes & students."))

    def group_members(self) -> list[int] | None:
        """The chosen group's students (ids), or None for the whole class."""
        group_id = self.group.currentData()
        if group_id is None or self.context.class_id is None:
            return None
        group = next((g for g in self.store.list_groups(self.context.class_id) if g.id == group_id), None)
        return list(group.student_ids) if group is not None else None

    def chosen_ids(self) -> list[int] | None:
        """Whom the printout is for: one student, the chosen group's students, or None for the whole class."""
        student_id = self.who.currentData()
        return [student_id] if student_id is not None else self.group_members()

    def paper_size(self) -> str:
        """The teacher's paper size (saved), else the one usual where this computer is set up."""
        return pdf.paper_for(self.store.get_setting(pdf.PAPER_SETTING))

    def _paper_chosen(self, index: int) -> None:
        self.store.set_setting(pdf.PAPER_SETTING, self.paper.itemData(index))

    def _ask_path(self, what: str, pattern: str, extension: str = ".pdf") -> str:
        """Where to save ``what`` (worksheets, report...); the name offered says for whom and when, so the next
        class's printout does not replace this one: "4B - worksheets - 2026-12-04.pdf"."""
        who = self.who.currentText() if self.who.currentData() is not None else self.class_name()
        if self.who.currentData() is None and self.group.currentData() is not None:  # review 29a: a group's file replaced the class's
            who = f"{who} - {self.group.currentText()}"
        suggested = offered_path(start_folder(self.context.settings), f"{who} - {what} - {date.today().isoformat()}{extension}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as"), suggested, pattern)
        remember_folder(self.context.settings, path)
        return path

    def _texts(self) -> dict[str, str]:
        return printout_texts()

    def make_worksheets(self, path: str | None = None) -> Any:
        """One PDF: a worksheet per chosen student, built from their next steps."""
        class_id = self.context.class_id
        if class_id is None:
            return None
        ids = self.chosen_ids()
        # review 51c: a new Year 3 class was given counting (a child new to a class with answers starts where it is)
        if not any(self.store.answer_counts(class_id).values()) and not ask_before(
                self, self.tr("Worksheets"), self.tr(
                    "No answers yet, so every worksheet starts from the first skills of the exercise bank, not from what "
                    "each child can do. A first paper quiz, or a turn of practice, makes each sheet fit its child."),
                self.tr("Make them anyway"), self.tr("Cancel")):
            return None
        path = path or self._ask_path(self.tr("worksheets"), self.tr("PDF files (*.pdf)"))
        if not path:
            return None
        texts, count, class_name, paper = self._texts(), self.count.value(), self.class_name(), self.paper_size()
        group_name = self.group.currentText() if self.who.currentData() is None and self.group.currentData() is not None else None

        def work(ctx):
            overviews = Classroom(ctx.store(), self.context.language).overviews(class_id, ids, steps=count, job=ctx, worksheets=True)
            sections = worksheet_sections(overviews, texts, class_name)
            written = pdf.write_pdf(Path(path), texts["worksheet"], sections, paper, pdf.CHILD, texts["page"])
            key = None
            if any(o.worksheet is not None and o.worksheet.items for o in overviews):  # a separate file: never handed out
                key = pdf.write_pdf(answer_key_path(path, texts), texts["key"], [worksheet_key_section(overviews, texts, class_name, group_name)],
                                    paper, pdf.TEACHER, texts["page"])
            return written, key

        def saved(files: tuple[Path, Path | None]) -> None:
            written, key = files
            self._saved(written)
            if key is not None:
                self.status.setText(self.tr("Saved {file}, and the answer key in {key}").format(file=str(written), key=Path(key).name))

        self.job = run_job(self, work, title=self.tr("Making worksheets…"), on_done=saved, cancellable=True)
        return self.job

    def make_report(self, kind: str, path: str | None = None) -> Any:
        """The report of the chosen student (or the whole class) as PDF or CSV."""
        class_id = self.context.class_id
        if class_id is None:
            return None
        student_id, ids = self.who.currentData(), self.chosen_ids()
        pattern = self.tr("PDF files (*.pdf)") if kind == "pdf" else self.tr("CSV files (*.csv)")
        path = path or self._ask_path(self.tr("report"), pattern, ".pdf" if kind == "pdf" else ".csv")
        if not path:
            return None
        texts, class_name, paper = self._texts(), self.class_name(), self.paper_size()
        words, headers = verdict_words(), report_csv_headers()
        words["recent_wrong"] = self.tr("{skill} (last {count} answers wrong)")  # mastered, maybe, all the same (48a)
        group_name = self.group.currentText() if self.group.currentData() is not None else None
        summary_only = student_id is None and self.summary_only.isChecked()

        def work(ctx):
            if kind == "csv":
                return Classroom(ctx.store(), self.context.language).export_report_csv(
                    class_id, Path(path), student_id, ids, words, headers, {key: texts[key] for key in ("absent", "unfinished", "unfinished_waiting")})
            room = Classroom(ctx.store(), self.context.language)
            overviews = room.overviews(class_id, ids, steps=3, job=ctx)
            sections = report_sections(overviews, texts, class_name, whole_class=student_id is None, group_name=group_name,
                                       book=room.markbook(class_id), summary_only=summary_only)
            return pdf.write_pdf(Path(path), texts["report"], sections, paper, pdf.TEACHER, texts["page"])

        self.job = run_job(self, work, title=self.tr("Making the report…"), on_done=self._saved, cancellable=True)
        return self.job

    def make_letters(self, path: str | None = None) -> Any:
        """Letters to the families of the chosen student (or the whole class): one page per child."""
        class_id = self.context.class_id
        if class_id is None:
            return None
        ids = self._with_answers_or_asked(class_id, self.chosen_ids())
        if ids == []:
            return None
        path = path or self._ask_path(self.tr("letters to families"), self.tr("PDF files (*.pdf)"))
        if not path:
            return None
        language = self.letter_language.currentData()
        texts, class_name, paper = letter_texts(language), self.class_name(), self.paper_size()

        def work(ctx):
            reports = Classroom(ctx.store(), language).family_reports(class_id, ids, job=ctx)  # skill names in the letter's language
            return pdf.write_pdf(Path(path), texts["title"], letter_sections(reports, texts, class_name), paper, pdf.CHILD, texts["page"])

        self.job = run_job(self, work, title=self.tr("Making the letters…"), on_done=self._saved, cancellable=True)
        return self.job

    def _with_answers_or_asked(self, class_id: Any, ids: list[int] | None) -> list[int] | None:
        """Whom to write to: the children without answers are left out if the teacher says so (their letter could
        only say there is nothing to say yet: review 38d, 16 of 31 letters); [] when the teacher cancelled."""
        chosen = [s for s in self.store.list_students(class_id) if ids is None or s.id in ids]
        counts = self.store.answer_counts(class_id)
        silent = [s for s in chosen if not counts.get(s.id)]
        title = self.tr("Letters to families")
        if not silent or len(silent) == len(chosen):  # the teacher chose them: each letter says there is nothing yet
            return ids
        names = first_few([s.label for s in silent], people=True)
        question = self.tr("No answers yet from {names}: their letters would only say so. Leave them out?") if len(silent) > 1 \
            else self.tr("No answers yet from {name}: their letter would only say so. Leave them out?")  # review 40a
        box = QMessageBox(QMessageBox.Icon.Question, title, question.format(names=names, name=names),
            QMessageBox.StandardButton.NoButton, self)
        several = len(silent) > 1  # review 46: one child asked about, the buttons spoke of several (跳过他们)
        leave = box.addButton(self.tr("Leave them out") if several else self.tr("Leave this child out"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Write to them too") if several else self.tr("Write to this child too"), QMessageBox.ButtonRole.NoRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(leave)
        box.setEscapeButton(cancel)
        box.exec()
        if box.clickedButton() is cancel:
            return []
        return [s.id for s in chosen if s not in silent] if box.clickedButton() is leave else ids

    def _saved(self, path: Path) -> None:
        self.last_file = Path(path)
        self.status.setText(self.tr("Saved {file}").format(file=str(path)))
        self.main_window.statusBar().clearMessage()  # review 47a: another screen's "Saved out_quiz.csv" stood below it


def printout_texts() -> dict[str, str]:
    """The words on worksheets and reports, in the app's language (read on the GUI thread, used by jobs)."""
    return {
        "worksheet": QCoreApplication.translate("ReportsPage", "Worksheet"),
        "name": QCoreApplication.translate("ReportsPage", "Name:"),
        "class_label": QCoreApplication.translate("ReportsPage", "Class:"),
        "page": QCoreApplication.translate("ReportsPage", "Page {page} of {pages}"),
        "date": QCoreApplication.translate("ReportsPage", "Date:"),
        "written_date": QCoreApplication.translate("ReportsPage", "{day} {month} {year}", "a date on a printout: 6 Dec 2026"),
        "months": QCoreApplication.translate("ReportsPage", "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
                                             "the months as a printed date writes them, in order, between spaces"),
        "report": QCoreApplication.translate("ReportsPage", "Report"),
        "report_of": QCoreApplication.translate("ReportsPage", "Report — {name}"),
        "skill": QCoreApplication.translate("ReportsPage", "Skill"),
        "mastery": QCoreApplication.translate("ReportsPage", "Chance of success"),
        "range": QCoreApplication.translate("ReportsPage", "Range"),
        "status": QCoreApplication.translate("ReportsPage", "Status"),
        "answers": QCoreApplication.translate("ReportsPage", "Answers"),
        "next": QCoreApplication.translate("ReportsPage", "Next steps"),
        "quizzes": QCoreApplication.translate("ReportsPage", "Paper quizzes"),
        "earlier_quizzes": QCoreApplication.translate("ReportsPage", "The latest quizzes only: {count} earlier ones are in the marks "
                                                                     "book. Average of every quiz with all its marks: {average}."),
        "quiz": QCoreApplication.translate("ReportsPage", "Quiz"),
        "day": QCoreApplication.translate("ReportsPage", "Date"),
        "score": QCoreApplication.translate("ReportsPage", "Score"),
        "absent": QCoreApplication.translate("ReportsPage", "Absent"),
        "part_marked": QCoreApplication.translate("ReportsPage", "{percent} ({marked} of {questions} marked)"),
        "unfinished": QCoreApplication.translate("ReportsPage", "{quiz} ({marked} of {questions} marked)"),
        "unfinished_waiting": QCoreApplication.translate("ReportsPage", "{quiz} ({marked} of {questions} marked, {waiting} "
                                                                        "waiting)"),
        "student": QCoreApplication.translate("ReportsPage", "Student"),
        "class": QCoreApplication.translate("ReportsPage", "Class report"),
        "group": QCoreApplication.translate("ReportsPage", "Group report"),
        "status_key": QCoreApplication.translate("ReportsPage", "“Mastered” needs at least {count} answers, most of the latest "
                                                 "right (at least the skill's level: usually 70%; a skill that even children who "
                                                 "know it often get wrong has a lower one, printed beside the status where it "
                                                 "counted) and the chance of success surely above that level: a high figure from "
                                                 "one or two answers is not yet sure. An exercise of two skills counts in both "
                                                 "rows' answers."),
        "lower_bar": QCoreApplication.translate("ReportsPage", "{status} (its level: {level})"),
        "no_answers_class": QCoreApplication.translate("ReportsPage", "No answers yet. Once the children practise, or a paper quiz "
                                                       "is marked, this report shows each child's chance of success on each skill."),
        "no_answers_from": QCoreApplication.translate("ReportsPage", "No answers yet from {names} (no page of their own until then)."),
        "none": QCoreApplication.translate("ReportsPage", "Nothing to practise: every skill is mastered."),
        "key": QCoreApplication.translate("ReportsPage", "Answer key"),
        "key_title": QCoreApplication.translate("ReportsPage", "Answer key of the worksheets (for the teacher)"),
        "you_mark": QCoreApplication.translate("ReportsPage", "you mark it"),
        "key_or": QCoreApplication.translate("ReportsPage", "{first} (or: {others})", "a key's right answers on the worksheets' key"),
        "key_answers": QCoreApplication.translate("ReportsPage", "Answers, by question number"),
        "key_between": QCoreApplication.translate("ReportsPage", "  ·  ", "between two answers of the worksheets' key"),
        "summary_key": QCoreApplication.translate("ReportsPage", "Each child's chance of success on each skill; ✓ marks a mastered skill, — a skill without answers yet. A skill is mastered when the chance is surely above its level (usually {level}; lower where a skill's level is printed under its name), so a lower figure can have ✓ and a higher one not."),
        "column_level": QCoreApplication.translate("ReportsPage", "(level: {level})"),
        "unstarted": QCoreApplication.translate("ReportsPage", "Not in the tables, as no child has answered them yet: {skills}."),
        "child_unstarted": QCoreApplication.translate("ReportsPage", "No answers yet on: {skills}."),
        "step": QCoreApplication.translate("ReportsPage", "•  {prompt}  ({why})"),
        "child_no_answers": QCoreApplication.translate("ReportsPage", "No answers yet. The next steps below start where the "
                                                       "class has got to."),
        **verdict_words(),
    }


def verdict_words() -> dict[str, str]:
    """Every mastery verdict in the words the student page shows (the same translations), for printouts and CSV."""
    texts = MasteryTexts()
    return {code: texts.verdict(code) for code in VERDICT_WORDS}


def chance_text(cell: Any) -> str:
    """A chance of success as the screen shows it: the child's own figure, a dash with no answers."""
    chance = shown_chance(cell)
    return "—" if chance is None else f"{chance:.0%}"


def report_row(name: str, cell: Any, texts: dict[str, str], usual_level: float) -> list[Any]:
    """One skill's row of a student report: figure, band and verdict as on the student page, and beside "mastered"
    the skill's own level when it is below the rule's ``usual_level`` (the student page draws it as a dashed line;
    review 37d: "60% … mastered" two rows above "60% … learning"), and beside "above the bar, not sure yet" (review 46:
    which bar?)."""
    band = "—" if shown_chance(cell) is None else f"{cell.low:.0%}–{cell.high:.0%}"
    code = verdict_code(cell)
    status = texts.get(code, code)
    if code in (MASTERED, NOT_SURE_YET) and round(cell.level, 2) < round(usual_level, 2):  # review 46: "above the bar"
        status = texts["lower_bar"].format(status=status, level=f"{cell.level:.0%}")
    return [name, chance_text(cell), band, status, cell.answered]


def _class_line(texts: dict[str, str], class_name: str, dated: bool = False) -> str:
    """The class named in each page's header; a report's with the day it was made (review 35d: week 4's and week 10's
    reports looked the same)."""
    line = pdf.labelled(texts["class_label"], class_name)
    return f"{line} · {written_date(date.today(), texts)}" if dated else line


def written_date(day: date, texts: dict[str, str]) -> str:
    """A day as the printout's language writes it: "6 Dec 2026", "2026年12月6日" (review 40b: 2026-12-06 on a
    Chinese report).

    >>> from desktop.i18n import MONTHS
    >>> written_date(date(2026, 12, 6), {"written_date": "{day} {month} {year}", "months": " ".join(MONTHS)})
    '6 Dec 2026'
    >>> written_date(date(2026, 12, 6), {"written_date": "{year}年{month}月{day}日", "months": "1 2 3 4 5 6 7 8 9 10 11 12"})
    '2026年12月6日'
    """
    months = texts["months"].split()
    month = months[day.month - 1] if len(months) == 12 else day.month  # a translation that lost a month: its number
    return texts["written_date"].format(day=day.day, month=month, year=day.year)


def worksheet_sections(overviews: list[Any], texts: dict[str, str], class_name: str) -> list[pdf.Section]:
    """One section (starting on a new page) per student: their next-step exercises with room to answer.

    Every page of a student's sheet carries their name and class in the header.
    """
    sections = []
    for overview in overviews:
        sheet = overview.worksheet
        blocks: list[pdf.Block] = [
            pdf.TitleLine(texts["worksheet"], pdf.labelled(texts["date"], "______________"), size=pdf.CHILD.title, after=12),
        ]
        if sheet is None or not sheet.items:
            blocks.append(pdf.Text(texts["none"]))
        for item in sheet.items if sheet is not None else []:
            blocks.append(worksheet_exercise(item, overview.exercises.get(item.exercise_id)))
        sections.append(pdf.Section(pdf.labelled(texts["name"], overview.student.label), _class_line(texts, class_name), blocks, texts["worksheet"]))
    return sections


def answer_key_path(worksheets: str | Path, texts: dict[str, str]) -> Path:
    """The answer key's file, beside the worksheets': "4B - worksheets - 2026-12-05 - Answer key.pdf". It belongs to
    the sheets of that name, so worksheets made again to the same file replace their key too (review 34e: the new
    key went to "… (2)", and the old key, under the name a teacher opens, no longer matched the sheets)."""
    path = Path(worksheets)
    return path.with_name(f"{path.stem} - {texts['key']}{path.suffix}")


def worksheet_key_section(overviews: list[Any], texts: dict[str, str], class_name: str, group_name: str | None = None) -> pdf.Section:
    """Each child's answers, numbered as on their sheet, for the teacher (review 30a: 30 different sheets and nothing
    to mark them from). A task the teacher marks shows how to mark it, when its prompt says. A group's key names the
    group in its title (review 44: only the file name said whose it was)."""
    rows = []
    for overview in overviews:
        items = overview.worksheet.items if overview.worksheet is not None else []
        answers = [f"{item.number}.\u00a0{_unbroken(_key_answer(item, texts).rstrip('。'))}" for item in items]  # not "。；"
        rows.append([overview.student.label, texts["key_between"].join(answers)])
    title = titled(texts["key_title"], kept_together(group_name)) if group_name else texts["key_title"]  # "Table 3" on one line
    blocks: list[pdf.Block] = [pdf.Text(title, size=pdf.TEACHER.title, bold=True, after=12),
                               pdf.Table([texts["student"], texts["key_answers"]], rows, (1.0, 3.0), fractions=True)]
    return pdf.Section(texts["key"], _class_line(texts, class_name), blocks, texts["key"])


def _unbroken(answer: str, longest: int = 24) -> str:
    """A short answer kept on one line of the key ("6 × 7 = 42" was cut after "=", review 31a; "12 - 9 = 3" after
    "-", review 34e); a long one may wrap."""
    return answer.replace(" ", "\u00a0").replace("-", "-\u2060") if len(answer) <= longest else answer  # and after "-"


def _key_answer(item: Any, texts: dict[str, str]) -> str:
    """A worksheet item's answer in the key: with the letter the child's sheet gives that choice ("C 81/90": each child
    has the choices in an order of their own, review 31a), or how the teacher marks it."""
    letter = letter_of(item.answer, getattr(item, "choices", ()) or ()) if item.answer else None
    if letter:
        return f"{letter}\u00a0{printed_minus(item.answer)}"
    keys = right_answers(item.answer) if item.answer and getattr(item, "kind", "") == "short_text" else []
    if len(keys) > 1:  # review 51c: "5. 四条边都相等；四条边一样长；6. 701" ran the key's alternatives into the next item
        # (a teacher-marked model answer's ; is its own: "7 + 8 = 15, carry 1 ten; 6 + 5 + 1 = 12 tens")
        return texts["key_or"].format(first=printed_minus(keys[0]), others=" / ".join(printed_minus(k) for k in keys[1:]))
    return printed_minus(item.answer) or teacher_note(item.prompt)[1] or f"({texts['you_mark']})"


def printed_minus(answer: str) -> str:
    """An equation's or a negative number's minus signs as the sheets print them: 12 − 9 = 3, not 12 - 9 = 3 (review 42),
    −5 (not a date's 2026-12-07, nor well-known).

    >>> [printed_minus(t) for t in ("12 - 9 = 3", "-5", "2026-12-07", "well-known")] == ["12 \u2212 9 = 3", "\u22125", "2026-12-07", "well-known"]
    True
    """
    if "=" not in (answer or "") and not re.fullmatch(r"-\d+([.,]\d+)?", answer or ""):
        return answer or ""
    return re.sub(r"(?:(?<=\d)\s*-\s*(?=\d)|(?<![\w-])-(?=\d))", lambda m: m[0].replace("-", "\u2212"), answer)


def worksheet_exercise(item: Any, exercise: Any) -> pdf.Exercise:
    """A worksheet item with the answer space its exercise kind needs.

    Choices are printed in the child's own order (the worksheet item's, as on their practice
    screen), a circle before each; a fresh variant's prompt text has them written after it.
    """
    kind = getattr(exercise, "kind", "short_text")
    choices = tuple(getattr(item, "choices", ()) or ()) if kind == "multiple_choice" else ()
    if item.fresh_variant or exercise is None:
        prompt = split_choices(item.prompt)[0] if choices else item.prompt
    else:
        prompt = exercise.prompt
    prompt = teacher_note(prompt)[0]  # the child's sheet: the task, not how the teacher marks it
    if kind == "multiple_choice" and not choices:
        kind = "numeric"
    kind = pdf.printed_kind(kind, getattr(item, "answer", None))
    return pdf.Exercise(item.number, prompt, pdf.AnswerSpace(kind, choices, drawing=pdf.asks_to_draw(prompt)))


def report_sections(overviews: list[Any], texts: dict[str, str], class_name: str, whole_class: bool,
                    group_name: str | None = None, book: Any = None, summary_only: bool = False) -> list[pdf.Section]:
    """A student report per section (new page, name and class on every page); for the class (or a group of it:
    ``group_name``), a summary first (``summary_only``: nothing else). ``book``: the class's marks book, for each
    child's paper quiz scores."""
    sections = []
    answered = [o for o in overviews if o.history]  # the class's: a child without answers is named in the summary
    if whole_class and overviews:
        sections.append(class_summary_section(overviews, texts, class_name, group_name))
        if summary_only:
            return sections
    reasons = MasteryTexts()
    for o in answered if whole_class else overviews:  # review 31a: a new class printed a page of dashes per child
        # review 42: the skills the child has answered; the others named in a line, not 15 rows of dashes (a page more)
        shown = {k: m for k, m in o.mastery.items() if m.answered or m.mastered}
        rows = [report_row(o.skill_names.get(k, k), m, texts, o.rule.threshold) for k, m in shown.items()]
        blocks: list[pdf.Block] = [pdf.Text(texts["report_of"].format(name=o.student.label), size=pdf.TEACHER.title, bold=True, after=8)]
        if rows:
            blocks += [
                pdf.Table([texts["skill"], texts["mastery"], texts["range"], texts["status"], texts["answers"]], rows,
                          (2.7, 1.2, 1.5, 2.4, 1.0), after=4),  # review 27d: a narrow Status column wrapped its words to 3 lines
                pdf.Text(texts["status_key"].format(count=o.rule.min_answers), size=pdf.TEACHER.header, color=pdf.GREY, after=6),
            ]  # review 31a: 65% mastered beside 89% "too few answers to say" looked contradictory
        unstarted = [o.skill_names.get(k, k) for k in o.mastery if k not in shown]
        if unstarted:
            blocks.append(pdf.Text((texts["child_unstarted"] if rows else texts["child_no_answers"]).format(
                skills=listing(unstarted)), after=10))
        blocks.append(pdf.Text(texts["next"], size=pdf.TEACHER.title - 3, bold=True, after=4, keep_with_next=True))
        for step in o.steps:  # review 42: three mastered skills' exercises, and nothing said they were reviews
            cell = o.mastery.get(step.skill_id)
            why = reasons.step_why(step, o.skill_names.get(step.skill_id, step.skill_id),
                                   needs_help=cell is not None and below_help_level(cell))
            blocks.append(pdf.Text(texts["step"].format(prompt=o.exercise_prompts.get(step.exercise_id, step.exercise_id), why=why),
                                   indent=6, after=3, fractions=True, keep_together=True))
        if not o.steps:
            blocks.append(pdf.Text(texts["none"]))
        blocks += quiz_blocks(book, o.student.id, texts)
        sections.append(pdf.Section(pdf.labelled(texts["name"], o.student.label), _class_line(texts, class_name, dated=True), blocks,
                                    texts["report"]))
    return sections


QUIZZES_ON_A_REPORT = 10
"""A child's latest paper quizzes a report lists; earlier ones are counted in a line with the average of them all (review
46: a year of 40 quizzes took a third page per child)."""


def quiz_blocks(book: Any, student_id: int, texts: dict[str, str]) -> list[pdf.Block]:
    """A child's paper quiz scores, oldest first, as in the marks book (review 35d: they were in the marks book only):
    the latest :data:`QUIZZES_ON_A_REPORT`, and before them how many earlier ones there were and the average of all."""
    rows = []
    for quiz in book.quizzes if book is not None else []:
        score = book.score_text(student_id, quiz.id, texts["absent"], texts["part_marked"])
        if score is not None:
            rows.append([quiz.title, written_date(date.fromisoformat(local_date(quiz.created)), texts), score])
    if not rows:
        return []
    earlier, rows = rows[:-QUIZZES_ON_A_REPORT], rows[-QUIZZES_ON_A_REPORT:]
    blocks: list[pdf.Block] = [pdf.Gap(6), pdf.Text(texts["quizzes"], size=pdf.TEACHER.title - 3, bold=True, after=4, keep_with_next=True),
                               pdf.Table([texts["quiz"], texts["day"], texts["score"]], rows, (3.0, 1.3, 2.2), after=4)]
    if earlier:  # under the table: the title stays with the table's first rows
        average = book.average(student_id)
        blocks.append(pdf.Text(texts["earlier_quizzes"].format(
            count=len(earlier), average="—" if average is None else f"{whole_percent(average)}%"), after=4))
    return blocks


SUMMARY_SKILLS_PER_TABLE = (5, 8)
"""Skill columns side by side in the class summary, for skill names with whole words and for Chinese names (which wrap
between any two characters: review 41b, a class of 40 took 5 pages); further skills get another table."""


def summary_cell(cell: Any) -> str:
    """A child's chance of success on a skill, with ✓ when the skill is mastered (as the dashboard marks it: review 30c,
    81% "not sure yet" and 78% mastered looked alike on paper)."""
    return chance_text(cell) + (" ✓" if verdict_code(cell) == MASTERED else "")


def class_summary_section(overviews: list[Any], texts: dict[str, str], class_name: str, group_name: str | None = None) -> pdf.Section:
    """Every student's chance of success per skill, in tables of a few skills each (a group's: named so, review 31a:
    seven children under "Class report" read as the whole class)."""
    skills = list(overviews[0].mastery)
    names = overviews[0].skill_names
    title = texts["group"] if group_name else texts["class"]
    heading = pdf.Text(titled(title, group_name or class_name), size=pdf.TEACHER.title, bold=True, after=4)
    waiting = [o.student.label for o in overviews if not o.history]
    if len(waiting) == len(overviews):  # nothing to show but dashes
        return pdf.Section(title, _class_line(texts, class_name, dated=True), [heading, pdf.Text(texts["no_answers_class"])], title)
    usual = overviews[0].rule.threshold
    key = texts["summary_key"].format(level=f"{usual:.0%}")
    blocks: list[pdf.Block] = [heading, pdf.Text(key, size=pdf.TEACHER.header, color=pdf.GREY, after=8)]
    unstarted = [k for k in skills if not any(o.mastery[k].answered for o in overviews)]
    if unstarted:  # review 41a: pages of columns of dashes for the skills of the year still to come
        skills = [k for k in skills if k not in unstarted]
        blocks.append(pdf.Text(texts["unstarted"].format(skills=listing([names.get(k, k) for k in unstarted])), after=8))
    headers = {k: names.get(k, k) for k in skills}
    for k in skills:  # review 41b: "进位加法 65% ✓" beside "87%" without ✓, and nothing on the page said why
        level = next((c.level for o in overviews if (c := o.mastery.get(k)) is not None), usual)
        if round(level, 2) < round(usual, 2):
            headers[k] += "\n" + texts["column_level"].format(level=f"{level:.0%}")
    if waiting:
        blocks.append(pdf.Text(texts["no_answers_from"].format(names=listing(waiting)), after=8))
    side_by_side = SUMMARY_SKILLS_PER_TABLE[all(has_chinese(headers[k]) for k in skills)]
    for start in range(0, len(skills), side_by_side):
        chunk = skills[start : start + side_by_side]
        # review 42: a child named above as having no answers yet had a row of dashes in every table too
        rows = [[o.student.label, *[summary_cell(o.mastery[k]) for k in chunk]] for o in overviews if o.history]
        blocks.append(pdf.Table([texts["student"], *[headers[k] for k in chunk]], rows, (1.6, *[1.0] * len(chunk)), after=14))
    return pdf.Section(title, _class_line(texts, class_name, dated=True), blocks, title)
