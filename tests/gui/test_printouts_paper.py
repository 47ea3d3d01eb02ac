"""Printouts that do not waste paper and keep teacher-only words off children's sheets, checked as pages."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from engine.classroom import Classroom
from tests.gui.conftest import finish_jobs
from tests.gui.pdf_pages import A4, LETTER, read_pdf, squash
from tests.gui.test_printouts import HEADER_BAND, assert_inside_margins, assert_paper, assert_type_at_least, sections_by_page_of

TEACHER_NOTE = {"en": "Teacher:", "zh_CN": "老师："}


def _press(monkeypatch, button, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
    assert button.isEnabled()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    finish_jobs()
    return read_pdf(path)


@pytest.mark.parametrize("language, paper", [("en", "A4"), ("zh_CN", "A4"), ("en", "Letter"), ("zh_CN", "Letter")])
def test_a_childs_worksheet_of_8_exercises_fits_on_one_page(make_window, tmp_path, monkeypatch, language, paper):
    """Review 24: on Letter paper 7 of 30 children got a second page holding only question 8."""
    window = make_window(language=language)
    store, class_id = window.context.store, window.context.class_id
    store.set_setting("paper_size", paper)
    page = window.open_page("reports")
    assert page.count.value() == 8 and page.who.currentData() is None
    pages = _press(monkeypatch, page.worksheet_button, tmp_path / "sheets.pdf")
    students = store.list_students(class_id)
    assert_paper(pages, A4 if paper == "A4" else LETTER)
    assert_type_at_least(pages, 14)
    assert_inside_margins(pages)
    runs = sections_by_page_of(pages)  # each child on new pages, "page x of y" on every page
    assert len(runs) == len(students)
    for run, student in zip(runs, students):
        for sheet in run:
            assert squash(student.name) in sheet.text_between(*HEADER_BAND)
    one_page = sum(len(run) == 1 for run in runs)
    assert one_page == len(runs), f"{one_page} of {len(runs)} sheets on one page ({len(pages)} pages)"
    text = "".join(p.text for p in pages)
    assert TEACHER_NOTE[language] not in text, "a teacher's marking note on a child's worksheet"


def test_teacher_marked_tasks_print_without_the_teacher_note_and_the_key_has_it(make_window, tmp_path, monkeypatch):
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    noted = next(e for e in store.list_exercises() if e.kind == "teacher_marked" and "(Teacher:" in e.prompt)
    plain = [e for e in store.list_exercises() if e.kind == "numeric"][:2]
    quiz = window.open_page("quiz")
    quiz.create_quiz("Oral", [noted.id, *[e.id for e in plain]])
    child = _press(monkeypatch, quiz.print_button, tmp_path / "quiz.pdf")
    key = _press(monkeypatch, quiz.key_button, tmp_path / "key.pdf")
    task, note = noted.prompt.split("(Teacher:")
    child_text = squash("".join(p.text for p in child))
    assert squash(task) in child_text and "Teacher" not in child_text and squash(note.rstrip(")")) not in child_text
    assert squash(note.rstrip(")")) in squash("".join(p.text for p in key)), "the key tells the teacher how to mark it"

    # the dot-card task needs the teacher: a child whose next steps hold it gets a worksheet without it
    assert not noted.on_paper
    for other in store.list_exercises():  # the task among few of its skill, so that a child who needs it gets it
        if set(other.skills) == set(noted.skills) and other.id != noted.id and not store.answers_to_exercise(other.id):
            store.delete_exercise(other.id)
    overviews = Classroom(store).overviews(class_id, None, steps=8)
    holders = [o for o in overviews if any(step.exercise_id == str(noted.id) for step in o.steps)]
    assert holders, "some child's next steps hold the task"
    reports = window.open_page("reports")
    reports.refresh()
    reports.who.setCurrentIndex(reports.who.findData(holders[0].student.id))
    pages = _press(monkeypatch, reports.worksheet_button, tmp_path / "sheet.pdf")
    sheet = squash("".join(p.text for p in pages))
    assert squash(holders[0].student.name) in sheet and squash(task) not in sheet and "Teacher" not in sheet
    assert sheet.count("8.") >= 1, "the sheet still has its 8 exercises"


def test_the_chinese_class_report_starts_its_table_on_page_1(make_window, tmp_path, monkeypatch):
    window = make_window(language="zh_CN")
    store, class_id = window.context.store, window.context.class_id
    store.set_setting("paper_size", "A4")
    for n in range(30 - len(store.list_students(class_id))):
        store.add_student(class_id, f"学生{n + 1:02d}")
    page = window.open_page("reports")
    page.refresh()
    assert page.who.currentData() is None
    pages = _press(monkeypatch, page.report_pdf_button, tmp_path / "class.pdf")
    first = sections_by_page_of(pages)[0]
    names = [s.name for s in store.list_students(class_id)]
    assert squash(names[0]) in first[0].text_between(HEADER_BAND[1], first[0].height), "page 1 holds only the title"
    for report_page in first[:-1]:  # review 29a: a table's five-row tail had a page of its own, the next table moved on
        assert sum(squash(n) in report_page.text for n in names) >= 10, f"page {report_page.number} is nearly empty"
    for report_page in first[1:]:  # a table continued on a page brings a few rows, not one or two under its header
        rows_on_top = [n for n in names if squash(n) in report_page.text_between(HEADER_BAND[1], report_page.height * 0.25)]
        assert len(rows_on_top) >= 3 or not rows_on_top, (report_page.number, rows_on_top)


@pytest.mark.parametrize("students, language, paper", [(38, "zh_CN", "Letter"), (39, "en", "A4"), (36, "en", "Letter")])
def test_no_class_summary_table_starts_with_a_row_or_two_at_a_pages_foot(make_window, tmp_path, monkeypatch, students,
                                                                        language, paper):
    """Review 29d: with 36-39 students a table's header and one to three rows stood at the foot of a page."""
    window = make_window(language=language)
    store, class_id = window.context.store, window.context.class_id
    store.set_setting("paper_size", paper)
    for n in range(students - len(store.list_students(class_id))):
        store.add_student(class_id, f"Pupil {n + 1:02d}")
    page = window.open_page("reports")
    page.refresh()
    pages = sections_by_page_of(_press(monkeypatch, page.report_pdf_button, tmp_path / "class.pdf"))[0]
    names = [squash(s.name) for s in store.list_students(class_id)]
    first_name, last_name = names[0], names[-1]
    for report_page in pages[:-1]:
        foot = report_page.text_between(report_page.height * 0.7, report_page.height - 40)
        if first_name in foot:  # a table began low on this page: it must run on for more than a row or two there
            start = foot.index(first_name)
            assert sum(n in foot[start:] for n in names) >= 4, (report_page.number, foot[start:])
    assert last_name in squash(pages[-1].text)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_answer_key_gives_a_model_answer_for_the_starter_questions_the_teacher_marks(make_window, tmp_path, monkeypatch,
                                                                                           language):
    """Review 24: the key had only blank lines for "Explain how you know that 310 is bigger than 299."."""
    window = make_window(language=language)
    store = window.context.store
    explained = [e for e in store.list_exercises(language) if e.kind == "teacher_marked" and e.on_paper and e.answer]
    assert len(explained) >= 10, "the starter pack's written tasks come with a model answer"
    quiz = window.open_page("quiz")
    quiz.create_quiz("Explain", [e.id for e in explained[:3]])
    key = squash("".join(p.text for p in _press(monkeypatch, quiz.key_button, tmp_path / "key.pdf")))
    child = squash("".join(p.text for p in _press(monkeypatch, quiz.print_button, tmp_path / "quiz.pdf")))
    for exercise in explained[:3]:
        assert squash(exercise.answer) in key and squash(exercise.answer) not in child


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_sheet_with_written_answers_fits_one_page_with_closer_lines_not_smaller_type(tmp_path, app, paper):
    """Review 26: on A4, 3 of 30 demo sheets (two written answers, a task the teacher marks, two choices) spilled
    their last 2 questions onto a second page; their answer spaces are now made compact, the type stays."""
    from desktop import pdf

    space = pdf.AnswerSpace
    exercises = [("Hundreds: 4, tens: 0, ones: 3. Which number is it?", space("numeric")), ("14 - 5 = ?", space("numeric")),
                 ("Which is the best estimate of 198 + 305?", space("multiple_choice", ("300", "500", "600", "400"))),
                 ("One of three equal parts is shaded. Write the fraction that is shaded.", space("short_text")),
                 ("A video starts at 2:30 and lasts 75 minutes. At what time does it end?", space("short_text")),
                 ("Explain how you exchange a ten to work out 52 - 18.", space("teacher_marked")),
                 ("89 + 57 = ?", space("numeric")), ("Which fraction is bigger: 1/6 or 1/7?", space("multiple_choice", ("1/7", "1/6")))]
    blocks = [pdf.TitleLine("Worksheet", "Date: ______", size=pdf.CHILD.title, after=12)]
    blocks += [pdf.Exercise(n, prompt, answer) for n, (prompt, answer) in enumerate(exercises, 1)]
    roomy = [pdf.Exercise(1, "Plenty of room", space("short_text"))]
    path = pdf.write_pdf(tmp_path / "sheet.pdf", "Worksheet", [pdf.Section("Name: Dara F.", "Class: 4B", blocks),
                                                               pdf.Section("Name: Ivan V.", "Class: 4B", roomy)], paper)
    pages = read_pdf(path)
    assert len(pages) == 2 and [squash(f"{n}.") in squash(pages[0].text) for n in range(1, 9)] == [True] * 8
    assert_type_at_least(pages, 14)
    assert_inside_margins(pages)


def test_a_long_model_answer_on_the_key_gets_the_lines_it_needs(tmp_path, app):
    """Review 26: a model answer of 4 lines in 3 ruled lines printed its last line over the next question."""
    from desktop import pdf

    model_answer = ("Ones: 7 + 8 = 15, write 5 and carry 1 ten. Tens: 6 + 5 + 1 = 12, write 2 and carry 1 hundred. "
                    "Hundreds: 3 + 2 + 1 = 6. So 367 + 258 = 625, and 625 - 258 = 367 checks it. ZZEND")
    blocks = [pdf.Exercise(1, "Set out 367 + 258 in columns and explain each carry.",
                           pdf.AnswerSpace("teacher_marked", answer=model_answer)),
              pdf.Exercise(2, "QQNEXT Which addition checks 84 - 37 = 47?", pdf.AnswerSpace("numeric", answer="37 + 47"))]
    for compact in (False, True):
        shown = [pdf._compacted(b) for b in blocks] if compact else blocks
        [page] = read_pdf(pdf.write_pdf(tmp_path / f"key-{compact}.pdf", "Key", [pdf.Section("Key", "4B", shown)], "A4",
                                        pdf.CHILD))  # a quiz and its key are printed in the children's sizes
        end = [g for g in page.glyphs if g.char == "D"][-1]  # the last letter of ZZEND
        following = next(g for g in page.glyphs if g.char == "Q")  # the first letter of the next question
        assert end.bottom > following.top, (compact, end, following)  # PDF heights grow upwards


def test_a_heading_that_ends_a_page_moves_to_the_next_with_what_follows_it(tmp_path, app):
    """Review 27d: "Next steps" was the last line of a report's page, its steps alone on the next."""
    from desktop import pdf

    for filler in range(30, 46):  # some count of lines leaves the heading at the foot of page 1
        blocks = [pdf.Text(f"Line {n} of the table", after=3) for n in range(filler)]
        blocks += [pdf.Text("HEADINGX", bold=True, after=4, keep_with_next=True), pdf.Text("Step one QQ", after=3)]
        pages = read_pdf(pdf.write_pdf(tmp_path / f"r{filler}.pdf", "Report", [pdf.Section("Name: Dev S.", "4B", blocks)],
                                       "A4", pdf.TEACHER))
        heading = next(n for n, page in enumerate(pages) if "HEADINGX" in squash(page.text))
        step = next(n for n, page in enumerate(pages) if "SteponeQQ" in squash(page.text))
        assert heading == step, (filler, heading, step)
