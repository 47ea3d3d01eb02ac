"""Printouts checked as pages: paper size, type size, whose name is on which page, answer space, page x of y, margins.

Every PDF is made by pressing the button a teacher presses (the save dialog
answers with a path) and read back with pypdfium2 (tests/gui/pdf_pages.py).
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from desktop.i18n import MONTHS
from desktop.views.reports import printed_minus
from engine.adapt.reports import split_choices, teacher_note
from tests.gui.conftest import finish_jobs
from tests.gui.pdf_pages import A4, LETTER, MM, as_printed, outside_margins, read_pdf, rules, shapes_of_size, squash
from engine.choices import LETTERS
from engine.classroom import Classroom
from engine.store.records import right_answers

TOP_MARGIN = 15 * MM
HEADER_BAND = (0.0, TOP_MARGIN + 25)  # the running header sits in the first 25 pt below the top margin


def save_to(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "PDF files (*.pdf)")))


def click(button):
    assert button.isEnabled(), button.text()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    finish_jobs()


def class_name(window):
    return next(c.name for c in window.context.store.list_classes(include_archived=True) if c.id == window.context.class_id)


def assert_paper(pages, size):
    for page in pages:
        assert (page.width, page.height) == pytest.approx(size, abs=1.5), f"page {page.number} is {page.width:.0f}x{page.height:.0f} pt"


def assert_type_at_least(pages, points):
    for page in pages:
        smallest = min(page.glyphs, key=lambda g: g.size)
        assert smallest.size >= points - 0.1, f"page {page.number}: {smallest.char!r} at {smallest.size:.1f} pt"


def assert_inside_margins(pages):
    for page in pages:
        assert not outside_margins(page), f"page {page.number}: {outside_margins(page)[:5]}"


def sections_by_page_of(pages):
    """Split pages into runs by their "Page x of y" footers (each run is 1..y); every page must have one."""
    runs, current = [], []
    for page in pages:
        found = page.page_of()
        assert found, f"page {page.number} has no 'page x of y'"
        x, y = found
        assert x == len(current) + 1 and 1 <= x <= y, f"page {page.number} says {x} of {y}"
        current.append(page)
        if x == y:
            runs.append(current)
            current = []
    assert not current, "the last run of pages stops before its 'page y of y'"
    return runs


def test_class_worksheets_give_every_child_their_own_pages(make_window, tmp_path, monkeypatch):
    """A cut stack: each child starts on a new page, every page names one child, and its exercises are that child's."""
    window = make_window()
    window.context.store.set_setting("paper_size", "A4")
    page = window.open_page("reports")
    assert page.who.currentData() is None  # the whole class
    save_to(monkeypatch, tmp_path / "sheets.pdf")
    click(page.worksheet_button)
    pages = read_pdf(tmp_path / "sheets.pdf")

    store, class_id = window.context.store, window.context.class_id
    overviews = Classroom(store).overviews(class_id, None, steps=page.count.value(), worksheets=True)
    names = [o.student.name for o in overviews]
    assert_paper(pages, A4)
    assert_type_at_least(pages, 14)
    assert_inside_margins(pages)
    runs = sections_by_page_of(pages)
    assert len(runs) == len(overviews), "each child's sheet is its own run of pages"
    for run, overview in zip(runs, overviews):
        for sheet_page in run:
            header = sheet_page.text_between(*HEADER_BAND)
            named = [n for n in names if squash(f"Name: {n}") in header]
            assert named == [overview.student.name], f"page {sheet_page.number} header {header!r}"
            assert squash(class_name(window)) in header
        numbers_seen = []
        for sheet_page in run:
            body = sheet_page.text_between(HEADER_BAND[1], sheet_page.height)
            numbers = [int(n) for n in re.findall(r"(\d+)\.", sheet_page.text_between(HEADER_BAND[1], sheet_page.height, bold=True))]
            for number in numbers:
                item = overview.worksheet.items[number - 1]
                stem, choices = split_choices(item.prompt)  # choices are written after the prompt, in the child's order
                stem = teacher_note(stem)[0]  # how the teacher marks a task is not on the child's sheet
                printed = as_printed(f"{number}.{stem}" + "".join(f"{chr(65 + i)}{c}" for i, c in enumerate(choices)))
                assert squash(printed) in body, f"page {sheet_page.number}: exercise {number} is not {overview.student.name}'s"
            numbers_seen += numbers
        assert numbers_seen == list(range(1, len(overview.worksheet.items) + 1))


def test_answer_space_is_sized_by_exercise_kind_and_the_key_fills_it(make_window, tmp_path, monkeypatch):
    window = make_window()
    store = window.context.store
    store.set_setting("paper_size", "A4")
    chosen = []
    for kind in ("numeric", "short_text", "multiple_choice", "teacher_marked"):
        chosen += [e for e in store.list_exercises() if e.kind == kind][:2]
    skill = store.list_skills()[0].id
    long_word = store.add_exercise("Copy this: " + "x" * 160, "short_text", "x" * 10, (), [skill])  # a key for two lines
    page = window.open_page("quiz")
    page.create_quiz("Kinds quiz", [e.id for e in chosen] + [long_word])
    save_to(monkeypatch, tmp_path / "quiz.pdf")
    click(page.print_button)
    save_to(monkeypatch, tmp_path / "key.pdf")
    click(page.key_button)

    counts = {kind: [e for e in chosen if e.kind == kind] for kind in ("numeric", "short_text", "multiple_choice", "teacher_marked")}
    # a short key ("1/4", "triangle") is written in a box, as a number is (review 41b); a longer one on two lines
    short = [e for e in counts["short_text"] if len(e.answer) <= 8]
    assert short and len(short) < len(counts["short_text"]), [e.answer for e in counts["short_text"]]
    counts["numeric"] += short
    counts["short_text"] = [e for e in counts["short_text"] if e not in short]
    for name in ("quiz.pdf", "key.pdf"):
        pages = read_pdf(tmp_path / name)
        assert_paper(pages, A4)
        assert_type_at_least(pages, 14)
        assert_inside_margins(pages)
        assert len(sections_by_page_of(pages)) == 1
        assert sum(shapes_of_size(p, 48, 16) for p in pages) == len(counts["numeric"]), "a box per number answer"
        assert sum(shapes_of_size(p, 7.8, 7.8, 0.5) for p in pages) == sum(len(e.choices) for e in counts["multiple_choice"]), "a circle per choice"
        assert sum(shapes_of_size(p, 11, 11) for p in pages) == 2 * len(counts["teacher_marked"]), "right/wrong boxes for the teacher"
        assert sum(rules(p) for p in pages) == 2 * (len(counts["short_text"]) + 1) + 4 * len(counts["teacher_marked"]), "lines to write on"
        for p in pages:
            assert squash(f"Class: {class_name(window)}") in p.text_between(*HEADER_BAND)
    quiz_text = "".join(squash(p.text) for p in read_pdf(tmp_path / "quiz.pdf"))
    key_text = "".join(squash(p.text) for p in read_pdf(tmp_path / "key.pdf"))
    assert "Name:" in quiz_text and "Answerkey" in key_text
    in_boxes = {name: boxed_text(read_pdf(tmp_path / name)) for name in ("quiz.pdf", "key.pdf")}
    assert in_boxes["quiz.pdf"] == [""] * len(counts["numeric"]), "the children's quiz has empty boxes"
    assert sorted(in_boxes["key.pdf"]) == sorted(squash(e.answer) for e in counts["numeric"]), "the key has each number in its box"


def boxed_text(pages):
    """The text inside each number box (48 x 16 mm) of the pages."""
    boxes = [(p, s) for p in pages for s in p.shapes if abs((s[2] - s[0]) / MM - 48) < 1.5 and abs((s[3] - s[1]) / MM - 16) < 1.5]
    return ["".join(g.char for g in p.glyphs if s[0] < g.left and g.right < s[2] and s[1] < g.bottom and g.top < s[3]) for p, s in boxes]


def test_class_report_on_letter_paper_names_each_student_on_their_pages(make_window, tmp_path, monkeypatch):
    window = make_window()
    page = window.open_page("reports")
    page.paper.setFocus()
    QTest.keyClick(page.paper, Qt.Key.Key_End)  # the teacher picks "Letter" in the paper size box
    assert window.context.store.get_setting("paper_size") == "Letter"
    store, class_id = window.context.store, window.context.class_id
    first, second = sorted(store.list_students(class_id), key=lambda s: s.id)[:2]
    quiz_exercises = [e.id for e in store.list_exercises() if e.kind == "numeric"][:2]
    quiz = store.create_quiz(class_id, "Week 9 check", quiz_exercises)
    store.set_quiz_score(quiz, first.id, quiz_exercises[0], 1.0)
    store.set_quiz_score(quiz, first.id, quiz_exercises[1], 0.0)
    store.set_quiz_absent(quiz, second.id, True)
    save_to(monkeypatch, tmp_path / "class.pdf")
    window.statusBar().showMessage("Saved /usb/out_quiz.csv", 8000)  # another screen's export, a moment ago
    click(page.report_pdf_button)
    pages = read_pdf(tmp_path / "class.pdf")
    assert page.status.text() == f"Saved {tmp_path / 'class.pdf'}" and not window.statusBar().currentMessage(), \
        "review 47a: the other screen's file stood below this one's"

    names = [s.name for s in window.context.store.list_students(window.context.class_id)]
    assert_paper(pages, LETTER)
    assert_type_at_least(pages, 11)
    assert_inside_margins(pages)
    runs = sections_by_page_of(pages)
    assert len(runs) == 1 + len(names), "the class summary, then one report per student"
    summary = "".join(p.text_between(HEADER_BAND[1], p.height) for p in runs[0])
    assert all(squash(n) in summary for n in names)
    for run, name in zip(runs[1:], names):
        first_body = run[0].text_between(HEADER_BAND[1], run[0].height)
        assert first_body.startswith(squash(f"Report — {name}")), first_body[:60]
        assert squash("“Mastered” needs at least 3 answers") in first_body, "review 31a: what makes a skill mastered"
        assert squash("An exercise of two skills counts in both rows' answers.") in first_body  # review 35a: the sum
        body = "".join(p.text_between(HEADER_BAND[1], p.height) for p in run)
        today = squash(f"{date.today().day} {MONTHS[date.today().month - 1]} {date.today().year}")  # review 40b: not ISO
        scores = {first.name: squash("Week 9 check") + today + "50%", second.name: squash("Week 9 check")
                  + today + "Absent"}  # review 35d: quiz scores were in the marks book only
        if name in scores:
            assert squash("Paper quizzes") in body and scores[name] in body
        for report_page in run:
            header = report_page.text_between(*HEADER_BAND)
            assert [n for n in names if squash(f"Name: {n}") in header] == [name]
            assert today in header  # review 35d: reports of week 4 and week 10 looked the same


def test_the_class_summary_alone_is_a_page_or_two_not_a_report_per_child(make_window, tmp_path, monkeypatch):
    """Review 38b: the class report of 30 children was 88 pages, three for each child, when the summary was wanted."""
    window = make_window()
    page = window.open_page("reports")
    names = [s.name for s in window.context.store.list_students(window.context.class_id)]
    QTest.mouseClick(page.summary_only, Qt.MouseButton.LeftButton, pos=page.summary_only.rect().topLeft() + QPoint(8, 8))
    assert page.summary_only.isChecked()
    save_to(monkeypatch, tmp_path / "summary.pdf")
    click(page.report_pdf_button)
    pages = read_pdf(tmp_path / "summary.pdf")
    assert len(sections_by_page_of(pages)) == 1 and len(pages) <= 3, len(pages)
    text = "".join(squash(p.text) for p in pages)
    assert all(squash(n) in text for n in names) and squash("Report —") not in text
    page.who.setCurrentIndex(1)  # one child: the option is for the class
    assert not page.summary_only.isEnabled()
    # review 41b: "65% ✓" beside "87%" without ✓, and nothing on the page said why
    from engine.classroom import Classroom

    store, class_id = window.context.store, window.context.class_id
    [overview] = Classroom(store).overviews(class_id, [store.list_students(class_id)[0].id])
    usual = overview.rule.threshold
    lower = {overview.skill_names[k]: cell.level for k, cell in overview.mastery.items() if round(cell.level, 2) < round(usual, 2)}
    assert lower, "the demo class has skills with a lower level (children who know them still slip)"
    assert squash(f"usually {usual:.0%}; lower where a skill's level is printed under its name") in text
    for skill, level in lower.items():
        assert squash(f"{skill}(level: {level:.0%})") in text, skill
    assert text.count(squash("(level:")) == len(lower)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_class_report_csv_ends_with_each_paper_quiz_score(make_window, tmp_path, monkeypatch, language):
    """Review 35d #11: the report PDF gave each child's paper quiz scores, the report CSV did not."""
    import csv

    window = make_window(language=language)
    page = window.open_page("reports")
    store, class_id = window.context.store, window.context.class_id
    first, second, third = sorted(store.list_students(class_id), key=lambda s: s.id)[:3]
    numeric = [e.id for e in store.list_exercises() if e.kind == "numeric"][:2]
    quiz = store.create_quiz(class_id, "Week 9 check", numeric)
    store.set_quiz_score(quiz, first.id, numeric[0], 1.0)
    store.set_quiz_score(quiz, first.id, numeric[1], 0.5)
    store.set_quiz_absent(quiz, second.id, True)
    store.set_quiz_score(quiz, third.id, numeric[0], 0.0)
    again = store.create_quiz(class_id, "Week 9 check", numeric[:1])  # the same title the same day: two columns
    store.set_quiz_score(again, first.id, numeric[0], 1.0)
    save_to(monkeypatch, tmp_path / "report.csv")
    click(page.report_csv_button)
    finish_jobs()
    with open(tmp_path / "report.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {row[0]: row for row in csv.reader(handle)}
    header = rows.pop({"en": "Student", "zh_CN": "学生"}[language])
    assert header[1] == {"en": "Student number", "zh_CN": "学号"}[language] and rows[first.name][1] == first.external_id
    day = date.today().isoformat()
    assert header[-3:] == [f"Week 9 check ({day})", f"Week 9 check ({day}) 2", {"en": "Not fully marked", "zh_CN": "尚未批完"}[
        language]], "a column per quiz, oldest first, then what is not fully marked"
    absent, part = {"en": ("Absent", "Week 9 check (1 of 2 marked)"), "zh_CN": ("缺席", "Week 9 check（2 题中已批 1 题）")}[language]
    assert rows[first.name][-3:] == ["75%", "100%", ""]
    assert rows[second.name][-3:] == [absent, "", ""]
    # review 48c: the score a percentage a spreadsheet reads ("0% (1 of 2 marked)" was text), what is missing beside it
    assert rows[third.name][-3:] == ["0%", "", part]
    assert all(row[-3:] == ["", "", ""] for name, row in rows.items() if name not in {first.name, second.name, third.name})


def test_chinese_printouts_use_the_bundled_font_and_wrap_inside_the_page(make_window, tmp_path, monkeypatch):
    window = make_window(language="zh_CN")
    store, class_id = window.context.store, window.context.class_id
    store.set_setting("paper_size", "A4")
    store.add_student(class_id, "李小明")
    skill = store.list_skills()[0].id
    prompt = "小明有三个苹果，妈妈又给了他五个苹果。" * 6 + "他现在一共有几个苹果？"
    exercise = store.add_exercise(prompt, "numeric", "8", (), [skill])
    page = window.open_page("quiz")
    page.create_quiz("小测验", [exercise])
    save_to(monkeypatch, tmp_path / "quiz.pdf")
    click(page.print_button)
    reports = window.open_page("reports")
    reports.refresh()
    reports.who.setCurrentIndex(reports.who.findText("李小明"))
    save_to(monkeypatch, tmp_path / "sheet.pdf")
    click(reports.worksheet_button)

    for name in ("quiz.pdf", "sheet.pdf"):
        pages = read_pdf(tmp_path / name)
        assert_type_at_least(pages, 14)
        assert_inside_margins(pages)
        chinese = [g for p in pages for g in p.glyphs if ord(g.char) > 0x2E80]
        assert chinese and all("LamplightSansSC" in g.font for g in chinese), {g.font for g in chinese}
        assert pages[0].page_of() == (1, len(pages))
    quiz = read_pdf(tmp_path / "quiz.pdf")
    assert squash(prompt) in squash(quiz[0].text_between(HEADER_BAND[1], quiz[0].height))
    sheet = read_pdf(tmp_path / "sheet.pdf")
    assert all("姓名：李小明" in p.text_between(*HEADER_BAND) for p in sheet)


@pytest.mark.parametrize(
    ("choice", "locale", "paper"),
    [(None, "en_US", "Letter"), (None, "en_CA", "Letter"), (None, "de_DE", "A4"), (None, "zh_CN", "A4"), ("A4", "en_US", "A4"), ("Letter", "zh_CN", "Letter")],
)
def test_paper_size_is_the_teachers_choice_else_the_usual_one_where_the_computer_is(choice, locale, paper):
    from desktop.pdf import paper_for

    assert paper_for(choice, QLocale(locale)) == paper


def test_pdfs_are_made_off_the_gui_thread(make_window, tmp_path, monkeypatch):
    import threading

    from desktop import pdf

    threads = []
    real_write = pdf.write_pdf

    def write(*args, **kwargs):
        threads.append(threading.current_thread())
        return real_write(*args, **kwargs)

    monkeypatch.setattr(pdf, "write_pdf", write)
    window = make_window()
    reports = window.open_page("reports")
    for number, button in enumerate((reports.worksheet_button, reports.report_pdf_button)):
        save_to(monkeypatch, tmp_path / f"{number}.pdf")
        click(button)
    quiz = window.open_page("quiz")
    quiz.create_quiz("Threads", [e.id for e in window.context.store.list_exercises()[:2]])
    save_to(monkeypatch, tmp_path / "quiz.pdf")
    click(quiz.print_button)
    assert len(threads) == 4 and threading.main_thread() not in threads  # worksheets and their answer key, report, quiz


@pytest.mark.parametrize("language, key, sheets", [("en", "answer key", "worksheets"), ("zh_CN", "答案", "练习单")])
def test_the_file_names_offered_say_what_for_whom_and_when(make_window, monkeypatch, language, key, sheets):
    """Review 26: the Chinese answer key was offered as "第4周小测验 - key.pdf", and every class's worksheets as
    "worksheets.pdf", so the second class's printout replaced the first's."""
    import datetime

    window = make_window(language=language)
    offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda parent, title, name, *a: offered.append(name) or ("", "")))
    quiz = window.open_page("quiz")
    click(quiz.key_button)
    click(window.open_page("reports").worksheet_button)
    title = quiz.quiz_combo.currentText()
    assert Path(offered[0]).name == f"{title} - {key}.pdf"
    assert Path(offered[1]).name == f"{class_name(window)} - {sheets} - {datetime.date.today().isoformat()}.pdf"
    from tests.gui.test_family_letter import choose

    from engine.classroom import Changes

    store, class_id = window.context.store, window.context.class_id
    store.create_group(class_id, "第一组" if language == "zh_CN" else "Group 1", [s.id for s in store.list_students(class_id)[:3]])
    window.context.changed(Changes(students=True))
    reports = window.open_page("reports")  # review 29a: a group's worksheets were offered the whole class's name
    group = store.list_groups(class_id)[0]
    choose(reports.group, group.id)
    click(reports.worksheet_button)
    assert Path(offered[2]).name == f"{class_name(window)} - {group.name} - {sheets} - {datetime.date.today().isoformat()}.pdf"


def test_long_choices_wrap_without_running_into_the_next_choice(make_window, tmp_path, monkeypatch):
    """Review 27d: a choice of two lines printed its second line over the next choice, on the quiz and the key."""
    window = make_window()
    store = window.context.store
    store.set_setting("paper_size", "A4")
    choices = ["The perimeter is found by adding all four sides of the rectangle together, one after the other",
               "The perimeter is found by multiplying the length of the rectangle by its width, as for an area",
               "The perimeter is found by adding the length and the width of the rectangle only once each",
               "The perimeter is found by counting the squares inside the rectangle, one by one in rows"]
    long_choices = store.add_exercise("How do we find the perimeter of a rectangle?", "multiple_choice", choices[0], choices,
                                      [store.list_skills()[0].id])
    page = window.open_page("quiz")
    page.create_quiz("Long choices", [long_choices])
    for name, button in (("quiz.pdf", page.print_button), ("key.pdf", page.key_button)):
        save_to(monkeypatch, tmp_path / name)
        click(button)
        [sheet] = read_pdf(tmp_path / name)
        circles = sorted((s for s in sheet.shapes if abs((s[2] - s[0]) / MM - 7.8) < 0.5 and abs((s[3] - s[1]) / MM - 7.8) < 0.5),
                         key=lambda s: -s[3])
        assert len(circles) == 4
        rows = []  # each choice's text: the glyphs right of its circle, from its circle's top down to the next circle
        for n, circle in enumerate(circles):
            below = circles[n + 1][3] + 4 * MM if n + 1 < len(circles) else circle[3] - 30 * MM
            glyphs = [g for g in sheet.glyphs if g.left > circle[2] and below < g.top <= circle[3] + 4 * MM]
            rows.append("".join(g.char for g in sorted(glyphs, key=lambda g: (-g.top, g.left))))
        wanted = {squash(text) for text in choices}  # shown in the quiz's own order, each after its letter
        assert {squash(row)[1:] for row in rows} == wanted and [row[0] for row in rows] == list("ABCD"), rows
        assert assert_type_at_least([sheet], 14) is None


def test_the_answer_key_has_the_questions_on_the_same_pages_as_the_quiz(make_window, tmp_path, monkeypatch):
    """Review 27d: the key lacked the quiz's date line, so from page 2 on it was one question off the children's pages.
    Long model answers (a written answer's key of several lines) used to give the key more lines than the quiz."""
    window = make_window()
    store = window.context.store
    store.set_setting("paper_size", "A4")
    chosen = [e.id for e in store.list_exercises() if e.kind in ("numeric", "multiple_choice", "short_text")][:32]
    skill = [store.list_skills()[0].id]
    explain = ("A fraction is a part of a whole: the bottom number says into how many equal parts the whole is cut and "
               "the top number how many of those parts we take, so three quarters is three of four equal parts. ") * 2
    chosen[3:3] = [store.add_exercise("What is a fraction? Explain with an example.", "short_text", explain, skills=skill)]
    chosen[12:12] = [store.add_exercise("Why is 1/2 the same as 2/4?", "teacher_marked", explain, skills=skill)]
    page = window.open_page("quiz")
    page.create_quiz("Fractions and decimals, end of term", chosen)  # "— Answer key" would wrap
    questions = {}
    for name, button in (("quiz.pdf", page.print_button), ("key.pdf", page.key_button)):
        save_to(monkeypatch, tmp_path / name)
        click(button)
        pages = read_pdf(tmp_path / name)
        numbers = []
        for sheet in pages:
            bold = [g for g in sheet.glyphs if "Bold" in g.font and g.top < sheet.height - HEADER_BAND[1]]
            column = min(g.left for g in bold if g.char.isdigit())  # the question numbers' column, left of everything
            left = [g for g in bold if g.left < column + 8 * MM]  # "34." is 8 mm wide; its question starts 10 mm in
            numbers.append([int(n) for n in re.findall(r"\d+", "".join(g.char for g in sorted(left, key=lambda g: (-g.top, g.left))))])
        questions[name] = numbers
    assert sorted(sum(questions["quiz.pdf"], [])) == list(range(1, 35)), questions
    assert len(questions["quiz.pdf"]) > 2 and questions["quiz.pdf"] == questions["key.pdf"], questions


def test_a_long_name_and_a_long_title_stay_on_their_header_and_footer_lines(make_window, tmp_path, monkeypatch):
    """Review 28c: a long child's name wrapped and ran through the header's rule; a long quiz title cut the key's
    footer before "— Answer key"."""
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    store.set_setting("paper_size", "A4")
    from tests.gui.test_family_letter import choose

    long_name = "Maximiliana-Josefina Wolfeschlegelstein-Hausenberger"
    child = store.add_student(class_id, long_name)
    page = window.open_page("reports")
    choose(page.who, child)
    save_to(monkeypatch, tmp_path / "sheet.pdf")
    click(page.worksheet_button)
    [sheet] = read_pdf(tmp_path / "sheet.pdf")
    [rule] = [s for s in sheet.shapes if (s[3] - s[1]) < 1.5 * MM and (s[2] - s[0]) > 170 * MM and s[1] > sheet.height / 2]
    header = [g for g in sheet.glyphs if g.bottom > rule[3] - 0.5 and g.top > sheet.height - HEADER_BAND[1]]
    crossing = [g.char for g in sheet.glyphs if g.bottom < rule[1] < g.top]
    assert not crossing, crossing
    assert squash("Wolfeschlegelstein") in squash("".join(g.char for g in header))

    quiz = window.open_page("quiz")
    quiz.create_quiz("Week 3 quiz: place value, regrouping and explaining our thinking", [e.id for e in store.list_exercises()[:2]])
    save_to(monkeypatch, tmp_path / "key.pdf")
    click(quiz.key_button)
    key = read_pdf(tmp_path / "key.pdf")[0]
    footer = key.text_between(key.height - 80, key.height)
    assert "Week3" in footer and "Answerkey" in footer and "…" in footer, footer


def test_the_key_prints_the_marking_note_under_the_model_answer(make_window, tmp_path, monkeypatch):
    """Review 28d: a question the teacher marks with both a model answer and a note for her printed only the answer."""
    window = make_window()
    store = window.context.store
    store.set_setting("paper_size", "A4")
    explained = store.add_exercise("Why is 3 x 4 the same as 4 x 3? (Teacher: ask the child to show it with counters)",
                                   "teacher_marked", "Both are 12: turning the array round changes nothing.",
                                   skills=[store.list_skills()[0].id])
    page = window.open_page("quiz")
    page.create_quiz("Arrays", [explained])
    for name, button in (("quiz.pdf", page.print_button), ("key.pdf", page.key_button)):
        save_to(monkeypatch, tmp_path / name)
        click(button)
    quiz, key = (read_pdf(tmp_path / name)[0].text for name in ("quiz.pdf", "key.pdf"))
    assert "counters" in key and "turning the array round" in key
    assert "counters" not in quiz and "turning" not in quiz


def test_a_file_name_offered_stays_short_enough_for_any_disk():
    """Review 29d: a group of 90 Chinese characters gave a 309-byte name, which no file system takes."""
    from desktop.file_choosers import MAX_FILE_NAME_BYTES, file_name

    long = file_name("三年级二班 - " + "长" * 90 + " - 练习单 - 2026-12-05.pdf")
    assert len(long.encode()) <= MAX_FILE_NAME_BYTES and long.startswith("三年级二班 - 长") and long.endswith(" - 练习单 - 2026-12-05.pdf")
    assert file_name("4/5 B - worksheets - 2026-12-04.pdf") == "4-5 B - worksheets - 2026-12-04.pdf"


def test_a_table_of_tall_rows_runs_on_over_pages_without_losing_one(app, tmp_path):
    """Review 29e: fewer than 4 rows fitting on a page made the table wait for the next page, and at a page's top
    it was placed whole and clipped: rows 4-10 of ten rows of 50 words were never printed."""
    from desktop import pdf

    rows = [[f"row{i}", " ".join(["word"] * 50)] for i in range(10)]
    path = pdf.write_pdf(tmp_path / "tall.pdf", "Tall", [pdf.Section("", "", [pdf.Table(["Name", "Note"], rows, (1, 3))])])
    pages = read_pdf(path)
    assert len(pages) >= 3
    text = squash("".join(p.text for p in pages))
    assert all(f"row{i}" in text for i in range(10))


def test_a_file_of_the_name_offered_is_never_offered_again(make_window, monkeypatch, tmp_path):
    """Review 29: groups "A/B" and "A:B" were both offered "… - A-B - worksheets - ….pdf", so pressing Save replaced
    the first group's worksheets; the dialog now starts in the folder used last, with a name not taken there."""
    from desktop.file_choosers import LAST_FOLDER_KEY
    from engine.classroom import Changes
    from tests.gui.test_family_letter import choose

    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    students = [s.id for s in store.list_students(class_id)]
    store.create_group(class_id, "A/B", students[:2])
    store.create_group(class_id, "A:B", students[2:4])
    window.context.changed(Changes(students=True))
    window.context.settings.setValue(LAST_FOLDER_KEY, str(tmp_path))
    offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda parent, title, name, *a: (offered.append(name) or name, "")))
    reports = window.open_page("reports")
    for group in store.list_groups(class_id):
        choose(reports.group, group.id)
        click(reports.worksheet_button)
    assert [Path(p).parent for p in offered] == [tmp_path, tmp_path]
    assert Path(offered[1]).name == Path(offered[0]).name.replace(".pdf", " (2).pdf")
    assert all(len(read_pdf(Path(p))) == 2 for p in offered), "each group's two worksheets, the first file kept"


@pytest.mark.parametrize("language, key, title", [("en", "Answer key", "Answer key of the worksheets (for the teacher)"),
                                                  ("zh_CN", "答案", "练习单答案（教师用）")])
def test_worksheets_come_with_an_answer_key_of_every_child_in_a_file_of_its_own(make_window, tmp_path, monkeypatch,
                                                                                language, key, title):
    """Review 30a: thirty different sheets and nothing to mark them from. The key is a file beside the sheets (so
    that it is never handed out with them), each child's answers numbered as on their sheet."""
    window = make_window(language=language)
    store, class_id = window.context.store, window.context.class_id
    page = window.open_page("reports")
    save_to(monkeypatch, tmp_path / "4B - sheets.pdf")
    click(page.worksheet_button)
    keyfile = tmp_path / f"4B - sheets - {key}.pdf"
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == sorted(["4B - sheets.pdf", keyfile.name])
    assert keyfile.name in page.status.text()
    sheets, pages = read_pdf(tmp_path / "4B - sheets.pdf"), read_pdf(keyfile)
    assert_type_at_least(pages, 9)
    assert_inside_margins(pages)
    text = squash("".join(p.text for p in pages))
    assert text.startswith(squash(title)) or squash(title) in text
    overviews = Classroom(store, language).overviews(class_id, None, steps=page.count.value(), worksheets=True)
    lettered = 0
    for overview in overviews:  # a choice's answer with the letter the child's own sheet gives it (review 31a)
        answers = [as_printed(f"{i.number}. {LETTERS[list(i.choices).index(i.answer)] if i.answer in (i.choices or ()) else ''} "
                              f"{printed_minus(right_answers(i.answer)[0] if i.kind == 'short_text' else i.answer).rstrip('。')}")  # as the key prints it:
                   # fractions stacked, "−", a key's other right answers after the first (review 51c)
                   for i in overview.worksheet.items if i.answer]
        lettered += sum(1 for i in overview.worksheet.items if i.answer and i.answer in (i.choices or ()))
        assert squash(overview.student.label + answers[0]) in text and all(squash(a) in text for a in answers)
    assert lettered, "the class's sheets have choice questions"
    assert len(sheets) == len(overviews), "the children's pages hold no answers"
    store.record_response(overviews[0].student.id, int(overviews[0].worksheet.items[0].exercise_id), 1.0)
    click(page.worksheet_button)  # the same file again (the file dialog asked about the sheets): the key goes with them
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == sorted(["4B - sheets.pdf", keyfile.name]), \
        "review 34e: the new key went to \"… (2)\" and the old one, under the name a teacher opens, no longer matched"
    first = overviews[0].student.label
    new_sheet, new_key = squash(read_pdf(tmp_path / "4B - sheets.pdf")[0].text), squash("".join(p.text for p in read_pdf(keyfile)))
    assert squash(first) in new_sheet and keyfile.name in page.status.text()
    fresh = Classroom(store, language).overviews(class_id, None, steps=page.count.value(), worksheets=True)[0]
    assert all(squash(f"{i.number}.") in new_key and squash(i.answer) in new_key for i in fresh.worksheet.items if i.answer)


def test_a_group_s_report_is_called_the_group_s_report(make_window, tmp_path, monkeypatch):
    """Review 31a: a group's report was titled "Class report — Demo class"; seven children read as the whole class."""
    from tests.gui.test_family_letter import choose

    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    members = store.list_students(class_id)[:3]
    group = store.create_group(class_id, "Red group", [s.id for s in members])
    page = window.open_page("reports")
    page.refresh()
    choose(page.group, group)
    save_to(monkeypatch, tmp_path / "group.pdf")
    click(page.report_pdf_button)
    runs = sections_by_page_of(read_pdf(tmp_path / "group.pdf"))
    assert len(runs) == 1 + len(members)
    summary = runs[0][0]
    assert summary.text_between(HEADER_BAND[1], summary.height).startswith(squash("Group report — Red group"))
    assert squash(f"Class: {class_name(window)}") in summary.text_between(*HEADER_BAND)
    assert "Class report" not in "".join(p.text for p in runs[0])


def test_a_class_without_answers_gets_one_page_saying_so_not_a_page_of_dashes_per_child(make_window, tmp_path, monkeypatch):
    """Review 31a: a new class's report was a summary of dashes and a page of "—, no answers yet" for every child."""
    from tests.gui.conftest import switch_to_new_class

    window = make_window()
    switch_to_new_class(window, "New class")
    page = window.open_page("reports")
    save_to(monkeypatch, tmp_path / "new.pdf")
    click(page.report_pdf_button)
    [only] = read_pdf(tmp_path / "new.pdf")
    assert squash("No answers yet. Once the children practise") in squash(only.text) and only.text.count("—") == 1, "the title alone"


def test_a_child_without_answers_is_named_in_the_summary_and_gets_no_page(make_window, tmp_path, monkeypatch):
    from engine.classroom import Changes

    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    store.add_student(class_id, "Newcomer Zed")
    window.context.changed(Changes(classes=True))
    page = window.open_page("reports")
    save_to(monkeypatch, tmp_path / "class.pdf")
    click(page.report_pdf_button)
    runs = sections_by_page_of(read_pdf(tmp_path / "class.pdf"))
    assert len(runs) == len(store.list_students(class_id)), "the summary, and a report for every child but the newcomer"
    assert squash("No answers yet from Newcomer Zed") in squash(runs[0][0].text)
    assert not any(squash("Name: Newcomer Zed") in p.text_between(*HEADER_BAND) for run in runs[1:] for p in run)


def test_a_long_name_keeps_its_full_size_and_the_class_gives_way(make_window, tmp_path, monkeypatch):
    """Review 31a: a long child's name dropped to 9.5 pt beside "Class: …" at 14 pt, and a long class name cut the
    child's name in the middle of the teacher's report header."""
    from desktop import pdf
    from engine.classroom import Changes
    from tests.gui.test_family_letter import choose

    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    store.set_setting("paper_size", "A4")
    store.rename_class(class_id, "Year 4 Sunflowers, Riverside Primary School")
    child = store.add_student(class_id, "Alexandra Konstantinopoulou-Smith")
    window.context.changed(Changes(classes=True))
    page = window.open_page("reports")
    choose(page.who, child)
    for button, style, name in ((page.worksheet_button, pdf.CHILD, "sheet.pdf"), (page.report_pdf_button, pdf.TEACHER, "report.pdf")):
        save_to(monkeypatch, tmp_path / name)
        click(button)
        first = read_pdf(tmp_path / name)[0]
        header = [g for g in first.glyphs if g.top > first.height - HEADER_BAND[1]]
        text = squash("".join(g.char for g in header))
        assert squash("Name: Alexandra Konstantinopoulou-Smith") in text, text
        name_glyphs = header[:len("Name:AlexandraKonstantinopoulou-Smith")]
        assert min(g.size for g in name_glyphs) >= style.header - 0.1, (name, min(g.size for g in name_glyphs))
        # review 42: the class gave way by shrinking to 70%, 7.7 pt on a report promised at least 11 pt: it is shortened
        assert min(g.size for g in header) >= style.smallest - 0.1, (name, min(g.size for g in header))
        assert "Class:" in text and "…" in text, text


def test_a_right_to_left_name_is_printed_whole_beside_a_long_class_name(make_window, tmp_path, monkeypatch):
    """Review 38a: "Name: محمد عبد الله" was measured to fit, then wrapped when laid out, and only its first line was
    drawn: the header read "Name: محمد عبد" (perhaps another child's name)."""
    from engine.classroom import Changes
    from tests.gui.test_family_letter import choose

    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    store.set_setting("paper_size", "A4")
    store.rename_class(class_id, "Class 4B with a rather long class name that goes on and on")
    child = store.add_student(class_id, "محمد عبد الله")
    store.record_response(child, store.list_exercises()[0].id, 1.0)
    window.context.changed(Changes(classes=True))
    page = window.open_page("reports")
    choose(page.who, child)
    save_to(monkeypatch, tmp_path / "report.pdf")
    click(page.report_pdf_button)
    first = read_pdf(tmp_path / "report.pdf")[0]
    header = "".join(g.char for g in first.glyphs if g.top > first.height - HEADER_BAND[1])
    name = header[header.index("Name:") + len("Name:"):header.index("Class:")]
    assert sorted(name.replace(" ", "")) == sorted("محمدعبدالله"), name


def test_worksheets_on_a_full_stick_say_so_and_leave_no_cut_off_file(make_window, tmp_path, monkeypatch):
    """Review 33b: on a full USB stick the PDF was 0 bytes (or cut off) and the status bar said "Saved"."""
    import errno
    import os

    from desktop.workers import shown_errors
    from engine import files

    window = make_window()
    page = window.open_page("reports")
    stick = tmp_path / "stick"
    stick.mkdir()
    target = stick / "sheets.pdf"
    target.write_bytes(b"%PDF- last week's sheets")
    real_fsync = os.fsync

    def full(handle):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    save_to(monkeypatch, target)
    window.statusBar().clearMessage()
    click(page.worksheet_button)
    errors = shown_errors()
    assert len(errors) == 1 and "The disk is full" in errors[0] and str(target) in errors[0], errors
    assert target.read_bytes() == b"%PDF- last week's sheets", "the file that was there is as it was"
    assert sorted(p.name for p in stick.iterdir()) == ["sheets.pdf"], "no .partial is left on the stick"
    assert "Saved" not in window.statusBar().currentMessage()
    monkeypatch.setattr(files.os, "fsync", real_fsync)


def test_a_chinese_line_never_ends_a_paragraph_with_one_character_alone(app):
    """Review 33a: a group report's column headers read "分数的初步认/识" and "加法（20以/内）"."""
    from PySide6.QtCore import QBuffer
    from PySide6.QtGui import QPdfWriter

    from desktop import pdf

    buffer = QBuffer()
    writer = QPdfWriter(buffer)
    writer.setResolution(pdf.RESOLUTION)
    canvas = pdf.Canvas(writer, pdf.TEACHER)
    font = canvas.font(canvas.style.body, bold=True)
    for text in ("分数的初步认识", "加法（20以内）", "两位数乘一位数的笔算"):
        whole = canvas.text_width(text, font)
        for fraction in (0.55, 0.6, 0.7, 0.8, 0.9):
            lines = canvas.lay_out(text, font, whole * fraction).items
            shown = [line.textLength() for _, line in lines]
            laid = lines[0][0].text()  # the text with the word joiners lay_out puts in ("20\u2060以")
            last = laid[sum(shown[:-1]):].replace(pdf.WORD_JOINER, "").rstrip("）")  # review 33d: "内）" is one character and a bracket
            assert sum(shown) == len(laid) and laid.replace(pdf.WORD_JOINER, "") == text, (text, laid)
            assert len(shown) == 1 or len(last) >= 2, (text, fraction, shown)


def test_a_long_quiz_title_fits_the_footer_beside_the_page_number(make_window, tmp_path, monkeypatch):
    """Review 35d: "Red readers: fr…ns — Answer key" in half the footer, the other half empty but "Page 1 of 1"."""
    window = make_window()
    store = window.context.store
    page = window.open_page("quiz")
    title = "Red readers: fractions and decimals"
    page.create_quiz(title, [e.id for e in store.list_exercises() if e.kind == "numeric"][:3])
    save_to(monkeypatch, tmp_path / "key.pdf")
    click(page.key_button)
    [sheet] = read_pdf(tmp_path / "key.pdf")
    footer = sheet.text_between(sheet.height - 25 * MM, sheet.height)
    assert squash(title) in footer and "…" not in footer and sheet.page_of() == (1, 1)
    assert not outside_margins(sheet)


def test_closing_the_window_while_worksheets_are_made_asks_first(make_window, real_dialogs, tmp_path, monkeypatch):
    """Review 41a: the window closed at once while the worksheets were being made; no PDF and not a word."""
    import threading

    from desktop.views import reports
    from tests.gui.dialogs import DialogAnswers, press

    window = make_window()
    page = window.open_page("reports")
    gate, made = threading.Event(), reports.Classroom.overviews
    monkeypatch.setattr(reports.Classroom, "overviews", lambda *a, **k: (gate.wait(30), made(*a, **k))[1])
    save_to(monkeypatch, tmp_path / "sheets.pdf")
    QTest.mouseClick(page.worksheet_button, Qt.MouseButton.LeftButton)  # the job waits at the gate
    answers = DialogAnswers().expect(press("Keep working"))
    window.close()
    [asked] = answers.finish()
    assert "Making worksheets" in asked.text and window.isVisible(), asked.text
    gate.set()
    finish_jobs()
    assert read_pdf(tmp_path / "sheets.pdf"), "kept working: the worksheets were made"
    gate.clear()
    save_to(monkeypatch, tmp_path / "second.pdf")
    QTest.mouseClick(page.worksheet_button, Qt.MouseButton.LeftButton)
    answers = DialogAnswers().expect(press("Quit anyway"))
    window.close()
    answers.finish()
    assert not window.isVisible()
    gate.set()
    finish_jobs()
    assert not (tmp_path / "second.pdf").exists(), "it stopped, as the question said"


def test_the_class_summary_leaves_out_the_skills_nobody_has_answered_yet(make_window, tmp_path, monkeypatch):
    """Review 41a: after the first quizzes three of the summary's four pages were columns of dashes."""
    from tests.gui.conftest import switch_to_new_class

    window = make_window()
    switch_to_new_class(window, "Year 3 Robins", students=("Alfie", "Bea"))
    store, class_id = window.context.store, window.context.class_id
    skills = {s.id: s.name for s in store.list_skills()}
    by_skill = {}
    for exercise in store.list_exercises():
        by_skill.setdefault(exercise.skills[0], exercise.id)
    answered = list(by_skill)[:2]
    for student in store.list_students(class_id):
        for skill in answered:
            store.record_response(student.id, by_skill[skill], 1.0, source="practice")
    page = window.open_page("reports")
    QTest.mouseClick(page.summary_only, Qt.MouseButton.LeftButton, pos=page.summary_only.rect().topLeft() + QPoint(8, 8))
    save_to(monkeypatch, tmp_path / "summary.pdf")
    click(page.report_pdf_button)
    pages = read_pdf(tmp_path / "summary.pdf")
    assert len(pages) == 1
    text = squash(pages[0].text)
    header_row = squash(pages[0].text_between(0, pages[0].height, bold=True))
    assert all(squash(skills[k]) in header_row for k in answered)
    left_out = [name for k, name in skills.items() if k not in answered]
    said = text.split(squash("Not in the tables, as no child has answered them yet:"))[1].split(".")[0]
    assert sorted(said.split(",")) == sorted(squash(name) for name in left_out), said
    assert not any(squash(name) in header_row for name in left_out)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_report_says_why_each_next_step_and_prints_rows_only_for_what_the_child_answered(make_window, tmp_path, monkeypatch,
                                                                                           language):
    """Review 42: a report listed three exercises of mastered skills as next steps with no word of why (the student page
    said "review"), printed 15 rows of dashes for a child without answers, and the class summary named children without
    answers as left out and then gave each a row of dashes in every table."""
    from desktop.views.mastery_text import MasteryTexts
    from desktop.views.reports import printout_texts
    from tests.gui.test_family_letter import choose

    window = make_window(language=language)
    store, class_id = window.context.store, window.context.class_id
    store.set_setting("paper_size", "A4")
    newcomer = store.add_student(class_id, "Zed Newcomer")
    room = Classroom(store, language)
    texts = printout_texts()
    page = window.open_page("reports")
    for student in store.list_students(class_id)[:4]:
        overview = room.student_page(class_id, student.id, steps=3)
        choose(page.who, student.id)
        save_to(monkeypatch, tmp_path / f"{student.id}.pdf")
        click(page.report_pdf_button)
        printed = squash("".join(p.text for p in read_pdf(tmp_path / f"{student.id}.pdf")))
        names = overview.skill_names
        for step in overview.steps:  # each step with its skill and why, in the screen's words
            why = MasteryTexts().step_why(step, names.get(step.skill_id, step.skill_id))
            assert squash(why) in printed, why
        unanswered = [names.get(k, k) for k, m in overview.mastery.items() if not (m.answered or m.mastered)]
        if unanswered:
            assert squash(texts["child_unstarted"].format(skills="")).rstrip("。.") in printed
            assert printed.count(squash(MasteryTexts().verdict("not started"))) == 0, "no row of dashes for them"
    save_to(monkeypatch, tmp_path / "class.pdf")
    choose(page.who, None)
    page.summary_only.setChecked(True)
    click(page.report_pdf_button)
    pages = read_pdf(tmp_path / "class.pdf")
    text = "".join(p.text for p in pages)
    assert text.count("Zed") == 1, "named once, in the line of children without answers, not in the tables"


@pytest.mark.parametrize("language, between", [("en", "·"), ("zh_CN", "；")])
def test_the_worksheets_key_parts_its_answers_alike_and_prints_a_minus_as_the_sheets_do(make_window, tmp_path, monkeypatch,
                                                                                     language, between):
    """Review 42: in Chinese the key's separators came out wide in rows with Chinese and narrow in the others; an equation's
    minus sign was a hyphen ("12 - 9 = 3") where the sheets print "−"."""
    from desktop.views.reports import answer_key_path, printout_texts

    window = make_window(language=language)
    window.context.store.set_setting("paper_size", "A4")
    page = window.open_page("reports")
    save_to(monkeypatch, tmp_path / "sheets.pdf")
    click(page.worksheet_button)
    key = "".join(p.text for p in read_pdf(answer_key_path(tmp_path / "sheets.pdf", printout_texts())))
    assert between in key and ({"·", "・", "；"} - {between}).isdisjoint(key), "one separator throughout"
    assert not re.search(r"\d ?- ?\d", key), "an equation's minus as printed on the sheets (see printed_minus)"


def test_printouts_and_csv_files_start_where_the_last_were_saved_never_in_a_backup_folder(make_window, real_dialogs,
                                                                                         monkeypatch, tmp_path):
    """Review 44: after "Add a class from a backup…" from the laptop's backups, the next worksheets were offered inside
    the hidden backup folder; every CSV export started in the home folder, whatever folder was used before."""
    from desktop.file_choosers import LAST_FOLDER_KEY
    from tests.gui.dialogs import DialogAnswers, press
    from tests.gui.test_found_in_use import click_nav

    window = make_window()
    store = window.context.store
    documents = tmp_path / "Documents"
    documents.mkdir()
    window.context.settings.setValue(LAST_FOLDER_KEY, str(documents))
    backup = store.backup_now("manual")
    opened_in = []

    def pick_the_backup(parent, title, folder, *args):
        opened_in.append(folder)
        return str(backup), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick_the_backup))
    classes = window.open_page("classes")
    seen = {}

    def look_then_cancel(dialog) -> None:
        seen["heading"] = dialog.findChildren(type(dialog.same_note))[0].text()
        press("Cancel")(dialog)

    answers = DialogAnswers().expect(press("Open"), look_then_cancel)  # the laptop's own backups first, by date
    click(classes.from_backup_button)
    finish_jobs()
    answers.finish()
    assert opened_in == [], "no file chooser for one of the laptop's own backups"
    assert seen["heading"].startswith("The backup of ") and "(made with “Make a backup now”) holds these classes" in seen["heading"]
    offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda parent, title, name, *a: (offered.append(name), ("", ""))[1]))
    click(window.open_page("reports").worksheet_button)
    click_nav(window, "dashboard")
    finish_jobs()
    click(window.pages["dashboard"].heat_export)
    assert [Path(p).parent for p in offered] == [documents, documents]
    assert window.context.settings.value(LAST_FOLDER_KEY) == str(documents)
    class_name = store.get_class(window.context.class_id).name  # whose table it is, in its name
    assert Path(offered[1]).name == f"{class_name} - {window.pages['dashboard'].heat_export.parentWidget().title()}.csv"
    # review 44b: the backup folder just used started "Save a backup to…" there too, where a copy is refused
    started = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda parent, title, folder, *a: started.append(folder) or ""))
    click(window.open_page("settings").save_to_button)
    assert started == [str(Path.home())]
    from desktop.workers import shown_errors  # and chosen all the same, the refusal says why (not "read-only")

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a: str(store.backup_dir)))
    click(window.pages["settings"].save_to_button)
    finish_jobs()
    assert shown_errors()[-1].startswith(f"{store.backup_dir} is part of Lamplight's own data: choose a USB stick")


@pytest.mark.parametrize("language, said", [("en", "four equal sides (or: all sides the same / 4 equal sides)"),
                                            ("zh_CN", "four equal sides（或：all sides the same / 4 equal sides）")])
def test_a_key_s_right_answers_are_one_item_of_the_worksheets_key(make_window, language, said):
    """Review 51c: the key printed "5. 四条边都相等；四条边一样长；6. 701", the same ；between a key's answers and
    between the items."""
    from types import SimpleNamespace

    from desktop.views.reports import _key_answer, printout_texts

    make_window(language=language)
    item = SimpleNamespace(answer="four equal sides; all sides the same; 4 equal sides", choices=(), prompt="What is a square?",
                           kind="short_text")
    assert _key_answer(item, printout_texts()) == said
    model = SimpleNamespace(answer="7 + 8 = 15, carry 1 ten; 6 + 5 + 1 = 12 tens", choices=(), prompt="Explain each carry.",
                            kind="teacher_marked")
    assert _key_answer(model, printout_texts()) == model.answer, "a model answer's ; is its own"
