"""The marks book: every quiz against every child, read from the grids the teacher typed, through the real buttons."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from engine.classroom import Classroom
from tests.gui.conftest import switch_to_new_class
from tests.gui.dialogs import DialogAnswers, press, spin, then
from tests.gui.test_quiz_results import click_cell

LEFT = Qt.MouseButton.LeftButton


def two_quizzes(window):
    """A class of four with two number quizzes (3 and 2 questions); the page shows the second, the newest."""
    store = window.context.store
    switch_to_new_class(window, "4B")
    skill = store.add_skill("Adding")
    numeric = [store.add_exercise(f"{n} + {n} = ?", "numeric", str(2 * n), skills=[skill]) for n in range(1, 6)]
    page = window.open_page("quiz")
    first = page.create_quiz("Week 1", numeric[:3])
    second = page.create_quiz("Week 2", numeric[3:5])
    return page, first, second


def type_marks(page, quiz_id, rows):
    """Choose the quiz in its combo, then type each row's marks from its first cell (1 right, 0 wrong, a absent)."""
    page.quiz_combo.setCurrentIndex(page.quiz_combo.findData(quiz_id))
    for row, keys in rows.items():
        click_cell(page, row, 0)
        for key in keys:
            QTest.keyClicks(page.grid, key)


def open_markbook(page, *steps):
    answers = DialogAnswers().expect(*steps)
    QTest.mouseClick(page.markbook_button, LEFT)
    answers.finish()


def test_the_marks_book_shows_each_child_s_scores_absences_and_averages(make_window, real_dialogs, tmp_path, monkeypatch, qtbot):
    from tests.gui.test_table_exports import press_export

    window = make_window(demo=False)
    page, week1, week2 = two_quizzes(window)
    type_marks(page, week1, {0: "110", 1: "111", 2: "1"})  # row 2 has one mark of three
    type_marks(page, week2, {0: "00", 1: "a"})
    names = [s.label for s in page.model.students]
    seen = {}

    def look(dialog):
        seen["headers"] = dialog.model.headers
        seen["rows"] = [[dialog.cell(r, c) for c in range(dialog.model.columnCount())] for r in range(dialog.model.rowCount())]
        seen["csv"] = press_export(qtbot, monkeypatch, dialog.export_button, tmp_path / "marks.csv")
        dialog.scores_combo.setCurrentIndex(dialog.scores_combo.findData(True))  # Scores as: Marks
        seen["marks csv"] = press_export(qtbot, monkeypatch, dialog.export_button, tmp_path / "marks-as-marks.csv")

    open_markbook(page, then(look, press("Close")))
    assert seen["headers"] == ["Student", "Week 1", "Week 2", "Average"]
    assert seen["rows"][1:5] == [
        [names[0], "67%", "0%", "33%"],           # (2/3 + 0/2) / 2: each quiz counts once
        [names[1], "100%", "Absent", "100%"],     # an absence is not a wrong answer
        [names[2], "100% (1 of 3 marked)", "—", "—"],     # one mark of three is not yet a score to average
        [names[3], "—", "—", "—"],
    ]
    assert seen["rows"][0] == ["Whole class", "89%", "0%", "67%"]  # on top, as the grid's class row; the mean of the averages
    # the file: numbers a spreadsheet reads, what is not fully marked in words beside them (review 48a: "67% (3 of 8
    # marked)" and "7 / 8" were text)
    assert seen["csv"] == [
        ["Student", "Week 1", "Week 2", "Average", "Not fully marked"],
        ["Whole class", "89%", "0%", "67%", ""],
        [names[0], "67%", "0%", "33%", ""],
        [names[1], "100%", "Absent", "100%", ""],
        [names[2], "100%", "", "", "Week 1 (1 of 3 marked)"],
        [names[3], "", "", "", ""]]
    assert seen["marks csv"][0] == ["Student", "Week 1", "Week 1: questions marked", "Week 2", "Week 2: questions marked",
                                    "Average", "Not fully marked"]
    assert seen["marks csv"][2:4] == [[names[0], "2", "3", "0", "2", "33%", ""], [names[1], "3", "3", "Absent", "", "100%", ""]]
    # the class's row in the marks columns: its children's marks and questions marked, summed (review 48c: its
    # percentages stood under "Week 1" among marks)
    assert seen["marks csv"][1] == ["Whole class", "6", "7", "0", "2", "67%", ""]
    assert window.statusBar().currentMessage() == f"Saved {tmp_path / 'marks-as-marks.csv'}", "review 31c: the export said nothing"
    book = Classroom(window.context.store).markbook(window.context.class_id)
    assert [q.title for q in book.quizzes] == ["Week 1", "Week 2"]


def test_a_double_click_on_a_score_opens_that_quiz(make_window, real_dialogs):
    window = make_window(demo=False)
    page, week1, week2 = two_quizzes(window)
    assert page.current_quiz() == week2

    def double_click_week1(dialog):
        table = dialog.table
        rect = table.visualRect(dialog.model.index(1, 1))
        QTest.mouseClick(table.viewport(), LEFT, pos=rect.center())  # a double click is a press, then a second press
        QTest.mouseDClick(table.viewport(), LEFT, pos=rect.center())
        spin(20)

    open_markbook(page, then(double_click_week1))
    assert page.current_quiz() == week1 and page.quiz_combo.currentText() == "Week 1"


def test_the_marks_book_in_chinese(make_window, real_dialogs):
    window = make_window(demo=False, language="zh_CN")
    page, week1, _ = two_quizzes(window)
    type_marks(page, week1, {0: "1"})
    seen = {}
    open_markbook(page, then(lambda d: seen.update(title=d.windowTitle(), headers=d.model.headers, row=[d.cell(1, 1)]), press("关闭")))
    assert page.markbook_button.text() == "成绩册…"
    assert seen["title"] == "成绩册" and seen["headers"][0] == "学生" and seen["headers"][-1] == "平均"
    assert seen["row"] == ["100%（3 题中已批 1 题）"]


def test_a_class_without_quizzes_has_no_marks_book_to_open(make_window):
    window = make_window(demo=False)
    page, week1, week2 = two_quizzes(window)
    assert page.markbook_button.isEnabled()
    for quiz_id in (week1, week2):
        window.context.store.delete_quiz(quiz_id)
    page.refresh()
    assert not page.markbook_button.isEnabled()


def test_two_quizzes_of_one_title_are_told_apart_by_their_day():
    from types import SimpleNamespace

    from desktop.views.quiz_markbook import column_titles

    quizzes = [SimpleNamespace(title="Week 3", created="2026-11-20T09:00:00+00:00"),
               SimpleNamespace(title="Week 3", created="2026-11-27T09:00:00+00:00"), SimpleNamespace(title="Fractions", created="x")]
    assert column_titles(quizzes) == ["Week 3 (2026-11-20)", "Week 3 (2026-11-27)", "Fractions"]


def test_show_keeps_the_marks_book_to_one_group(make_window, real_dialogs):
    """Review 31c: a quiz given to one group left the rest of the class as rows of dashes, and the class row with them."""
    from tests.gui.test_family_letter import choose

    window = make_window(demo=False)
    page, week1, _ = two_quizzes(window)
    store, class_id = window.context.store, window.context.class_id
    ana, ben = store.list_students(class_id)[:2]
    red = store.create_group(class_id, "Red group", [ana.id, ben.id])
    type_marks(page, week1, {0: "111", 1: "100"})
    seen = {}

    def pick_red(dialog):
        choose(dialog.group_combo, red)
        seen["rows"] = [[dialog.cell(r, c) for c in range(3)] for r in range(dialog.model.rowCount())]

    open_markbook(page, then(pick_red, press("Close")))
    assert seen["rows"] == [["Red group", "67%", "—"], [ana.label, "100%", "—"], [ben.label, "33%", "—"]]


def test_scores_as_marks_reads_as_the_grid_s_totals(make_window, real_dialogs):
    """Review 31c: the grid says "2 / 3", the book said only "67%"."""
    from tests.gui.test_family_letter import choose

    window = make_window(demo=False)
    page, week1, week2 = two_quizzes(window)
    type_marks(page, week1, {0: "110", 1: "1"})
    type_marks(page, week2, {0: "a"})
    names = [s.label for s in page.model.students]
    seen = {}

    def as_marks(dialog):
        choose(dialog.scores_combo, True)
        seen["rows"] = [[dialog.cell(r, c) for c in range(4)] for r in range(3)]

    open_markbook(page, then(as_marks, press("Close")))
    assert seen["rows"][1:] == [[names[0], "2 / 3", "Absent", "67%"], [names[1], "1 / 1 (1 of 3 marked)", "—", "—"]]
    assert seen["rows"][0] == ["Whole class", "83%", "—", "67%"], "the class's row and the averages stay shares"


def test_the_class_row_stays_in_sight_under_a_long_class(make_window, real_dialogs):
    """Review 32: with 30 children the class's row scrolled away with the first names; a double click on it opens the quiz."""
    window = make_window(demo=False)
    switch_to_new_class(window, "5C", students=[f"Child {n:02d}" for n in range(1, 31)])
    store = window.context.store
    skill = store.add_skill("Adding")
    numeric = [store.add_exercise(f"{n} + {n} = ?", "numeric", str(2 * n), skills=[skill]) for n in range(1, 4)]
    page = window.open_page("quiz")
    week1 = page.create_quiz("Week 1", numeric)
    page.create_quiz("Week 2", numeric[:2])
    type_marks(page, week1, {29: "111"})
    seen = {}

    def scroll_down_and_look(dialog):
        dialog.resize(900, 520)
        spin(50)
        table, footer = dialog.table, dialog.class_row
        table.scrollToBottom()
        spin(20)
        seen["scrolled"] = table.verticalScrollBar().value() > 0
        seen["class row hidden in the list"] = table.isRowHidden(0)
        seen["footer"] = footer.isVisible() and footer.visualRect(dialog.model.index(0, 0)).isValid()
        seen["footer shows"] = [footer.model().index(0, c).data() for c in range(2)]
        seen["widths"] = [(table.columnWidth(c), footer.columnWidth(c)) for c in range(dialog.model.columnCount())]
        seen["summary"] = dialog.summary.text()
        choose(dialog.scores_combo, True)
        seen["summary as marks"] = dialog.summary.text()
        rect = footer.visualRect(dialog.model.index(0, 1))
        QTest.mouseClick(footer.viewport(), LEFT, pos=rect.center())
        QTest.mouseDClick(footer.viewport(), LEFT, pos=rect.center())
        spin(20)

    from tests.gui.test_family_letter import choose

    open_markbook(page, then(scroll_down_and_look))
    assert seen["scrolled"] and seen["class row hidden in the list"] and seen["footer"]
    assert seen["footer shows"] == ["Whole class", "100%"]
    assert all(a == b for a, b in seen["widths"]), seen["widths"]
    assert "share of the marks" in seen["summary"] and "share" not in seen["summary as marks"]
    assert "out of the questions marked" in seen["summary as marks"]
    assert page.current_quiz() == week1, "a double click on the class's row opens that quiz"


def a_year_of_quizzes(window, weeks: int = 40, group_name: str | None = None):
    """(quiz page, group id or None): a class of three with a one-question quiz a week, every mark entered; the window at
    1366 x 768."""
    window.resize(1366, 768)
    store = window.context.store
    switch_to_new_class(window, "4B", students=("Ana Lima", "Ben Okafor", "Chen Wei"))
    skill = store.add_skill("Adding")
    exercise = store.add_exercise("1 + 1 = ?", "numeric", "2", skills=[skill])
    page = window.open_page("quiz")
    room, class_id = Classroom(store), window.context.class_id
    students = store.list_students(class_id)
    group = store.create_group(class_id, group_name, [s.id for s in students[:2]]) if group_name else None
    for week in range(1, weeks + 1):
        quiz = page.create_quiz(f"Week {week}", [exercise])
        for student in students:
            room.set_quiz_score(class_id, quiz, student.id, exercise, float(week % 2))
    return page, group


def test_the_names_stay_in_sight_beside_a_year_of_quizzes(make_window, real_dialogs):
    """Review 46: with 41 quizzes, scrolled right to the Average, no row showed whose it was (the class row lost its
    "Whole class" too)."""
    page, _ = a_year_of_quizzes(make_window(demo=False))
    seen = {}

    def scroll_to_the_end(dialog):
        bar = dialog.table.horizontalScrollBar()
        assert bar.maximum() > 0, "more quizzes than fit: the table scrolls"
        QTest.keyClick(dialog.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        bar.setValue(bar.maximum())
        spin(50)
        names, class_name = dialog.names, dialog.class_name
        seen["names"] = [names.indexAt(names.visualRect(names.model().index(r, 0)).center()).data() for r in range(1, 4)]
        seen["visible"] = names.isVisible() and class_name.isVisible() and names.width() == dialog.table.columnWidth(0)
        seen["class"] = class_name.indexAt(class_name.visualRect(class_name.model().index(0, 0)).center()).data()
        dialog.reject()

    open_markbook(page, then(scroll_to_the_end))
    assert seen["names"] == ["Ana Lima", "Ben Okafor", "Chen Wei"] and seen["visible"] and seen["class"] == "Whole class"


def test_a_report_lists_a_childs_latest_quizzes_and_counts_the_earlier_ones(app):
    """Review 46: a year of 40 quizzes took a third page of each child's report."""
    from types import SimpleNamespace

    from desktop import pdf
    from desktop.views.reports import QUIZZES_ON_A_REPORT, printout_texts, quiz_blocks
    from engine.classroom.markbook import Markbook, QuizMarks

    quizzes = [SimpleNamespace(id=n, title=f"Week {n}", created=f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}T09:00:00+00:00")
               for n in range(1, 13)]
    book = Markbook(quizzes, {(7, q.id): QuizMarks(float(q.id % 2), 1, 1) for q in quizzes}, set())
    texts = printout_texts()
    blocks = quiz_blocks(book, 7, texts)
    [table] = [b for b in blocks if isinstance(b, pdf.Table)]
    assert [row[0] for row in table.rows] == [f"Week {n}" for n in range(3, 13)] and QUIZZES_ON_A_REPORT == 10
    [line] = [b.text for b in blocks if isinstance(b, pdf.Text) and "earlier" in b.text]
    assert line == "The latest quizzes only: 2 earlier ones are in the marks book. Average of every quiz with all its marks: 50%."
    assert blocks.index(table) < [b.text if isinstance(b, pdf.Text) else None for b in blocks].index(line), "under the table"
    few = Markbook(quizzes[:3], {(7, q.id): QuizMarks(1.0, 1, 1) for q in quizzes[:3]}, set())
    assert not [b for b in quiz_blocks(few, 7, texts) if isinstance(b, pdf.Text) and "earlier" in b.text]


@pytest.mark.parametrize("language, name", [("en", "The children who need more help with adding and subtracting"),
                                            ("zh_CN", "需要更多帮助的加减法练习小组（每周二、周四下午）")])
def test_the_average_can_be_scrolled_to_when_a_group_of_a_long_name_is_shown(make_window, real_dialogs, language, name):
    """Review 46c: with "Show:" a group of a long name, the name column grew but the sideways scrolling did not: the
    last quizzes and the Average could not be reached."""
    from tests.gui.test_family_letter import choose

    page, group = a_year_of_quizzes(make_window(demo=False, language=language), weeks=30, group_name=name)
    seen = {}

    def show_the_group_and_scroll(dialog):
        bar = dialog.table.horizontalScrollBar()
        bar.setValue(bar.maximum())  # at the end, then the group: the name column grows while scrolled
        spin(50)
        choose(dialog.group_combo, group)
        spin(50)
        bar.setValue(bar.maximum())
        spin(50)
        last = dialog.table.visualRect(dialog.model.index(1, dialog.model.columnCount() - 1))
        seen["right"], seen["room"] = last.right(), dialog.table.viewport().width()
        dialog.reject()

    open_markbook(page, then(show_the_group_and_scroll))
    assert seen["right"] <= seen["room"], seen


def test_a_child_s_typed_answers_waiting_for_a_mark_are_said_so_in_the_marks_book(make_window, real_dialogs):
    """Review 47a: "100% (3 of 8 marked)" beside a child whose other five typed answers waited in Mark written answers
    read as if they were never typed in."""
    from tests.gui.test_quiz_results import open_editor, press_enter

    window = make_window(demo=False)
    store = window.context.store
    switch_to_new_class(window, "4B")
    skill = store.add_skill("Shapes")
    number = store.add_exercise("2 + 2 = ?", "numeric", "4", skills=[skill])
    shape = store.add_exercise("Name a shape with 3 sides.", "short_text", "triangle", skills=[skill])
    page = window.open_page("quiz")
    page.create_quiz("Week 1", [number, shape])
    click_cell(page, 0, 0)
    QTest.keyClicks(page.grid, "1")
    click_cell(page, 0, 1)
    QTest.keyClick(page.grid, Qt.Key.Key_F2)
    QTest.keyClicks(open_editor(page), "a three-sided shape")
    press_enter(page)
    seen = {}
    open_markbook(page, then(lambda d: seen.update(row=d.cell(1, 1)), press("Close")))
    assert seen["row"] == "100% (1 of 2 marked, 1 waiting)"
