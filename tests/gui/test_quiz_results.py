"""Quiz results that teach the teacher, through the real grid: class row, absent, part marks, sort, difficult questions."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from desktop.table_csv import EXPORT_ROLE
from tests.gui.conftest import finish_jobs
from engine.classroom import Changes, Classroom
from tests.gui.dialogs import DialogAnswers, press, spin, then, type_keys
from desktop.i18n import as_typed

LEFT = Qt.MouseButton.LeftButton


def quiz_of_kinds(window):
    """A quiz: a number question, a question the teacher marks, another number question."""
    store = window.context.store
    numeric = [e for e in store.list_exercises() if e.kind == "numeric"]
    marked = [e for e in store.list_exercises() if e.kind == "teacher_marked"]
    chosen = [numeric[0], marked[0], numeric[1]]
    page = window.open_page("quiz")
    page.create_quiz("Results quiz", [e.id for e in chosen])
    return page, chosen


def click_cell(page, row, column):
    grid = page.grid
    QTest.mouseClick(grid.viewport(), LEFT, pos=grid.visualRect(page.model.index(row, column)).center())
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (row, column)


def cell(page, row, column):
    return page.model.data(page.model.index(row, column))


def press_enter(page):
    """Enter in the open cell editor; the editor commits once the event loop runs (as in the app)."""
    QTest.keyClick(open_editor(page), Qt.Key.Key_Return)
    spin(20)


def open_editor(page):
    editors = [e for e in page.grid.findChildren(QLineEdit, "cellEditor") if e.isVisible()]
    assert len(editors) == 1, "one cell editor is open"
    return editors[0]


def type_written(page, row, text):
    click_cell(page, row, 0)
    QTest.keyClick(page.grid, Qt.Key.Key_F2)
    editor = open_editor(page)
    editor.selectAll()
    QTest.keyClicks(editor, text)
    press_enter(page)


def test_class_row_absent_part_marks_and_sort_through_the_keyboard(make_window, real_dialogs):
    window = make_window()
    page, exercises = quiz_of_kinds(window)
    store, class_id, quiz_id = window.context.store, window.context.class_id, page.current_quiz()
    grid, model = page.grid, page.model
    names = [model.headerData(r, Qt.Orientation.Vertical) for r in range(len(model.students))]
    assert names == sorted(names, key=str.casefold), "rows by name at first"
    assert model.headerData(model.class_row, Qt.Orientation.Vertical) == "Whole class"
    first, second, third = (model.students[r].id for r in range(3))

    click_cell(page, 0, 0)
    QTest.keyClicks(grid, "1½0")  # right, a half mark on the teacher's question, wrong
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, 0)
    QTest.keyClicks(grid, "1")
    asked = DialogAnswers().expect(lambda box: QTest.keyClick(box, Qt.Key.Key_Return))  # Enter keeps the answers
    QTest.keyClicks(grid, "a")
    [question] = asked.finish()
    assert question.text.startswith("Mark ") and "Their answers on it (1) are removed" in question.text
    assert store.quiz_scores(quiz_id)[(second, exercises[0].id)] == 1.0 and not store.quiz_absent(quiz_id)
    asked = DialogAnswers().expect(press("Mark absent"))
    QTest.keyClicks(grid, "a")  # the second student was absent after all: their mark goes, the cursor moves on
    asked.finish()
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (2, 0)
    QTest.keyClicks(grid, "10.")  # "0." on the teacher's question opens its editor there
    QTest.keyClicks(open_editor(page), "75")
    press_enter(page)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (2, 2)
    QTest.keyClicks(grid, "1")

    scores = store.quiz_scores(quiz_id)
    e1, e2, e3 = (e.id for e in exercises)
    assert scores == {(first, e1): 1.0, (first, e2): 0.5, (first, e3): 0.0, (third, e1): 1.0, (third, e2): 0.75, (third, e3): 1.0}
    assert store.quiz_absent(quiz_id) == {second}
    assert not [r for r in store.list_responses(student_id=second) if r.quiz_id == quiz_id], "absence is no answer"
    log = store.class_log(class_id)
    assert log.student_ids.count(str(second)) == len(store.list_responses(student_id=second)), "so the model never sees it"
    assert [cell(page, 1, c) for c in range(4)] == ["—", "—", "—", "Absent"]
    assert cell(page, 0, 3) == "1.5 / 3" and cell(page, 2, 3) == "2.75 / 3"
    class_row = [cell(page, model.class_row, c) for c in range(3)]
    assert class_row == ["100%", "63%", "50%"], "the absent student counts nowhere (0.625: 63%, halves rounded up as by hand)"
    footer = page.class_row  # the class row stays in sight under the grid, however long the class list
    assert footer.isVisible() and not footer.isRowHidden(model.class_row) and grid.isRowHidden(model.class_row)
    bold = QFont(footer.font())
    bold.setBold(True)
    for column in range(3):  # review 25: "100%" showed as "10…" in a column as narrow as its 1s and 0s
        assert footer.columnWidth(column) >= QFontMetrics(bold).horizontalAdvance("100%*") + 8, column
    assert all(footer.isRowHidden(r) for r in range(len(model.students)))
    assert "Students with marks: 2 · absent: 1" in page.summary_label.text(), "six marks, two students: it says whom it counts"

    QTest.keyClicks(grid, "½")  # cursor on a number question of the next student: part marks are refused with a word why
    assert "Part marks are for questions you mark yourself" in page.saved_label.text()

    # Ctrl+Z takes back "absent" and gives the second student their mark again
    grid.setFocus()
    for _ in range(5):  # the third student's four marks, then "absent"
        QTest.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.quiz_absent(quiz_id) == set() and store.quiz_scores(quiz_id)[(second, e1)] == 1.0
    QTest.keyClick(grid, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert store.quiz_absent(quiz_id) == {second}
    for _ in range(4):
        QTest.keyClick(grid, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert store.quiz_scores(quiz_id) == scores

    # sort by total with the keyboard: highest total first, the absent student last
    page.sort_combo.setFocus()
    QTest.keyClick(page.sort_combo, Qt.Key.Key_Down)
    assert page.sort_combo.currentData() == "total"
    order = [s.id for s in model.students]
    assert order[:2] == [third, first] and order[-1] == second
    assert cell(page, 0, 3) == "2.75 / 3"
    QTest.keyClick(page.sort_combo, Qt.Key.Key_Up)
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(len(model.students))] == names

    page.refresh()  # what was saved comes back: absent stays absent, part marks stay
    assert cell(page, 1, 3) == "Absent" and cell(page, 0, 1) == "0.5" and cell(page, 2, 1) == "0.75"


def test_the_grid_follows_the_student_numbers_the_papers_are_stacked_by(make_window):
    """Review 37a: the rows could be put only by name (pinyin) or total, so with the papers stacked by 学号 the teacher
    hunted for each child's row."""
    from engine.classroom.changes import Changes
    from tests.gui.test_needs_help_list import pick_class_by_keyboard

    window = make_window(demo=False, language="zh_CN")
    store = window.context.store
    class_id = store.create_class("三年级二班")
    for name, number in (("张伟", "2024010"), ("安琪", "2024002"), ("李娜", None), ("王芳", "2024001")):
        store.add_student(class_id, name, external_id=number)
    store.add_exercise("2 + 2 = ?", "numeric", "4")
    window.context.changed(Changes(classes=True))
    page = window.open_page("quiz")
    page.create_quiz("测验 1", [e.id for e in store.list_exercises()])
    page.sort_combo.setFocus()
    QTest.keyClick(page.sort_combo, Qt.Key.Key_End)
    assert page.sort_combo.currentText() == "学号"
    rows = [page.model.headerData(r, Qt.Orientation.Vertical) for r in range(len(page.model.students))]
    assert rows == ["2024001  王芳", "2024002  安琪", "2024010  张伟", "李娜"], "in counting order, no number last"
    click_cell(page, 0, 0)
    QTest.keyClicks(page.grid, "1")
    assert store.quiz_scores(page.current_quiz()) == {(page.model.students[0].id, store.list_exercises()[0].id): 1.0}
    assert page.model.students[0].name == "王芳"
    other = store.create_class("三年级三班")  # no student numbers there: the grid goes back to names
    store.add_student(other, "赵磊")
    window.context.changed(Changes(classes=True))
    pick_class_by_keyboard(window, "三年级三班")
    assert page.sort_combo.findData("number") < 0 and page.sort_combo.currentData() == "name"


def test_sorted_by_student_number_the_names_column_shows_number_and_name_whole(make_window):
    """Review 37c: the names column kept the width of the names, so the rows read “2024001  Ch”."""
    window = make_window()
    window.resize(1366, 768)
    page, _ = quiz_of_kinds(window)
    spin(50)
    header = page.grid.verticalHeader()
    page.sort_combo.setFocus()
    QTest.keyClick(page.sort_combo, Qt.Key.Key_End)
    assert page.sort_combo.currentData() == "number"
    spin(50)
    widest = max(header.fontMetrics().horizontalAdvance(page.model.headerData(r, Qt.Orientation.Vertical))
                 for r in range(len(page.model.students)))
    assert header.width() >= widest, f"{header.width()} px for labels {widest} px wide"


def test_difficult_questions_show_common_wrong_answers_and_the_skill(make_window, real_dialogs):
    window = make_window()
    page, exercises = quiz_of_kinds(window)
    store = window.context.store
    grid, model = page.grid, page.model
    right = exercises[0].answer
    typed = ["999", "999", "998", right]
    for row, answer in enumerate(typed):  # F2 on a cell: type what the student wrote; Lamplight marks it
        click_cell(page, row, 0)
        QTest.keyClick(grid, Qt.Key.Key_F2)
        editor = open_editor(page)
        editor.selectAll()
        QTest.keyClicks(editor, answer)
        press_enter(page)
        QTest.keyClicks(grid, "1")  # the teacher's question: full marks for all
    assert [model.value(r, 0) for r in range(4)] == [0.0, 0.0, 0.0, 1.0]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "Wrote: 999"
    assert store.quiz_answers(page.current_quiz())[(model.students[0].id, exercises[0].id)] == "999"

    seen = {}

    def look(dialog):
        seen["summary"] = dialog.summary.text()
        seen["rows"] = [[as_typed(dialog.cell(r, c)) for c in range(5)] for r in range(dialog.model.rowCount())]
        seen["how to"] = dialog.how_to.isVisible()

    answers = DialogAnswers().expect(then(look, press("Close")))
    QTest.mouseClick(page.difficult_button, LEFT)
    answers.finish()
    assert seen["summary"].startswith("Most of the class missed")
    assert not seen["how to"], "no 'to see wrong answers here, press F2' under the wrong answers (review 29a)"
    skill_names = {s.id: s.name for s in store.list_skills()}
    missed = ", ".join(model.headerData(r, Qt.Orientation.Vertical) for r in range(3))  # review 30c: who, by name
    assert seen["rows"] == [[f"Q1: {exercises[0].prompt}", "25%", f"3 of 4: {missed}", "999 (×2)\n998",
                             ", ".join(skill_names[s] for s in exercises[0].skills)]]
    click_cell(page, 0, 2)
    QTest.keyClicks(page.grid, "0")  # review 30c: one mark, "0%, 1 of 1", is not yet what most of the class missed
    assert [q.number for q in Classroom(store).quiz_results(page.current_quiz()).difficult()] == [1]


def test_the_difficult_questions_are_exported_as_shown(make_window, real_dialogs, tmp_path, monkeypatch, qtbot):
    from tests.gui.test_table_exports import press_export

    window = make_window()
    page, exercises = quiz_of_kinds(window)
    for row in range(3):
        click_cell(page, row, 0)
        QTest.keyClicks(page.grid, "0")
    rows = {}

    def export(dialog):
        rows["csv"] = press_export(qtbot, monkeypatch, dialog.export_button, tmp_path / "difficult.csv")
        rows["shown"] = [[as_typed(dialog.cell(r, c)) for c in range(5)] for r in range(dialog.model.rowCount())]

    answers = DialogAnswers().expect(then(export, press("Close")))
    QTest.mouseClick(page.difficult_button, LEFT)
    answers.finish()
    assert rows["csv"][1:] == rows["shown"] and rows["csv"][0][:3] == ["Question", "Class score", "Missed by"]


def test_in_chinese_no_childs_name_is_broken_across_lines_in_difficult_questions(make_window, real_dialogs, tmp_path,
                                                                               monkeypatch, qtbot):
    """Review 42: in 答错的学生 何思彤 wrapped as 何思 / 彤; the names stay whole on screen, and the exported file holds
    them as typed (no invisible joiners)."""
    from PySide6.QtGui import QTextLayout
    from PySide6.QtWidgets import QApplication

    from tests.gui.test_table_exports import press_export

    window = make_window(language="zh_CN")
    store = window.context.store
    for student, name in zip(store.list_students(window.context.class_id), ["何思彤", "何雨桐", "欧阳娜娜", "王芳"]):
        store.update_student(student.id, name=name)
    page, exercises = quiz_of_kinds(window)
    headers = [page.model.headerData(r, Qt.Orientation.Vertical) for r in range(len(page.model.students))]
    rows = [r for r, name in enumerate(headers) if not name.isascii()] + [r for r, name in enumerate(headers) if " " in name][:4]
    for row in rows:
        click_cell(page, row, 0)
        QTest.keyClicks(page.grid, "0")
    names = [headers[r] for r in rows]
    seen = {}

    def look(dialog):
        text = dialog.cell(0, 2)
        seen["lines"] = []
        for width in range(100, 420, 7):  # however wide the teacher drags the column
            layout = QTextLayout(text, dialog.table.font())
            layout.beginLayout()
            starts = []
            while (line := layout.createLine()).isValid():
                line.setLineWidth(width)
                starts.append(line.textStart())
            layout.endLayout()
            seen["lines"].append([text[a:b] for a, b in zip(starts, [*starts[1:], len(text)])])
        seen["csv"] = press_export(qtbot, monkeypatch, dialog.export_button, tmp_path / "难题.csv")
        table = dialog.table
        QTest.mouseClick(table.viewport(), LEFT, pos=table.visualRect(dialog.model.index(0, 2)).center())
        QTest.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        seen["copied"] = QApplication.clipboard().text()

    answers = DialogAnswers().expect(then(look, press("关闭")))
    QTest.mouseClick(page.difficult_button, LEFT)
    answers.finish()
    assert any(not name.isascii() for name in names) and any(" " in name for name in names)
    for wrapped in seen["lines"]:
        lines = [as_typed(line) for line in wrapped]
        for name in names:  # each name on one line: no line ends with its beginning
            assert name in "".join(lines) and not any(line.endswith(name[:k]) for line in lines[:-1] for k in range(1, len(name))), \
                (name, lines)
    exported = seen["csv"][1][2]
    assert exported == as_typed(exported) and all(name in exported for name in names)
    assert seen["copied"] == exported, "Ctrl+C on the cell copies the names as typed too"


def test_the_grid_and_its_words_in_chinese(make_window):
    window = make_window(language="zh_CN")
    page, _ = quiz_of_kinds(window)
    click_cell(page, 0, 0)
    QTest.keyClicks(page.grid, "a")
    model = page.model
    assert model.headerData(model.class_row, Qt.Orientation.Vertical) == "全班"
    assert model.data(model.index(0, 3)) == "缺席"
    assert page.difficult_button.text() == "难题…" and page.sort_combo.itemText(1) == "总分（从高到低）"


def test_fourteen_questions_and_written_answers_leave_the_totals_in_sight_at_1366_by_768(make_window):
    """Review 45: in English the Total column ran off the right edge ("0 / 13 (+1 to m"): the questions' columns were
    wider than their bold "100%*" needs, and a Chinese written answer took 12 characters' room."""
    from tests.gui.dialogs import type_keys

    window = make_window()
    window.resize(1366, 768)
    window.show()
    store = window.context.store
    numeric = [e for e in store.list_exercises() if e.kind == "numeric"][:13]
    marked = [e for e in store.list_exercises() if e.kind == "teacher_marked"][:1]
    page = window.open_page("quiz")
    page.create_quiz("Wide quiz", [e.id for e in numeric + marked])
    for row in range(3):
        for column in range(13):
            click_cell(page, row, column)
            QTest.keyClicks(page.grid, "1")
    for row, text in enumerate(["先算30+40=70，再算6+8=14，写84", "30+40=70 and 6+8=14 so 84"]):
        click_cell(page, row, 13)
        QTest.keyClick(page.grid, Qt.Key.Key_F2)
        type_keys(open_editor(page), text)
        press_enter(page)
    assert cell(page, 0, 14) == "13 / 13 (+1 to mark)" and cell(page, 0, 13) == "先算30+40=7…"
    grid = page.grid
    total = grid.visualRect(page.model.index(0, 14))
    assert grid.horizontalScrollBar().maximum() == 0 and total.right() <= grid.viewport().width(), "the Total in sight"
    assert grid.columnWidth(14) >= grid.fontMetrics().horizontalAdvance("13 / 13 (+1 to mark)"), "and whole"


def test_a_mark_out_of_range_is_asked_about_and_nothing_saved_unless_it_is_what_the_child_wrote(make_window, real_dialogs):
    """A 2 on a question the teacher marks may be a mark typed wrong, or what the child wrote (review 50a: a child's 9
    to "make up a problem from 36 ÷ 4 and solve it" could not be kept): the grid asks, a mark by default."""
    window = make_window()
    page, exercises = quiz_of_kinds(window)
    store, quiz_id = window.context.store, page.current_quiz()
    click_cell(page, 0, 1)  # the question the teacher marks
    QTest.keyClick(page.grid, Qt.Key.Key_F2)
    answers = DialogAnswers().expect(press("No, type the mark again"))
    QTest.keyClicks(open_editor(page), "2")
    press_enter(page)
    [asked] = answers.finish()
    assert asked.text.startswith("“2” is not a mark from 0 to 1. Is it what the student wrote?"), asked.text
    assert page.saved_label.text() == "Type a mark from 0 to 1, for example 0.5 or ½."
    assert store.quiz_scores(quiz_id) == {} and (page.grid.currentIndex().row(), page.grid.currentIndex().column()) == (0, 1)
    QTest.keyClick(page.grid, Qt.Key.Key_F2)
    QTest.keyClicks(open_editor(page), "3/4")
    press_enter(page)
    assert store.quiz_scores(quiz_id) == {(page.model.students[0].id, exercises[1].id): 0.75}
    click_cell(page, 1, 1)
    QTest.keyClick(page.grid, Qt.Key.Key_F2)
    answers = DialogAnswers().expect(press("Keep it as what the student wrote"))
    QTest.keyClicks(open_editor(page), "9")
    press_enter(page)
    answers.finish()
    assert page.saved_label.text().startswith("Saved for “Mark written answers”")
    assert page.model.cell_state(page.model.students[1].id, exercises[1].id) == (None, None, "9")
    assert (page.grid.currentIndex().row(), page.grid.currentIndex().column()) == (1, 2), "on to the next question"
    click_cell(page, 2, 1)  # typed, then a click on another child's cell: the cursor stays where the teacher went
    QTest.keyClick(page.grid, Qt.Key.Key_F2)
    answers = DialogAnswers().expect(press("Keep it as what the student wrote"))
    QTest.keyClicks(open_editor(page), "7")
    grid = page.grid
    QTest.mouseClick(grid.viewport(), LEFT, pos=grid.visualRect(page.model.index(4, 0)).center())
    spin(50)
    answers.finish()
    assert page.model.cell_state(page.model.students[2].id, exercises[1].id) == (None, None, "7")
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (4, 0), "review 50c: not the cell after the 7"


def test_what_a_student_wrote_on_a_teacher_marked_question_goes_to_mark_written_answers(make_window):
    window = make_window()
    page, exercises = quiz_of_kinds(window)
    store, quiz_id, class_id = window.context.store, page.current_quiz(), window.context.class_id
    click_cell(page, 0, 1)  # the question the teacher marks
    QTest.keyClick(page.grid, Qt.Key.Key_F2)
    QTest.keyClicks(open_editor(page), "because light is faster")
    press_enter(page)
    assert page.saved_label.text().startswith("Saved for “Mark written answers”")
    assert store.quiz_scores(quiz_id) == {}  # no mark yet: nothing counts as right or wrong
    [waiting] = store.queued_answers(class_id, exercises[1].id)
    assert (waiting.student_id, waiting.answer) == (page.model.students[0].id, "because light is faster")
    assert cell(page, 0, 3) == "— (+1 to mark)", "the total says an answer waits (review 35d: it read as a shorter quiz)"
    click_cell(page, 0, 0)
    QTest.keyClicks(page.grid, "1")
    spin(20)
    assert cell(page, 0, 3) == "1 / 1 (+1 to mark)"
    click_cell(page, 1, 1)  # review 26: a number the child wrote (625 for 367 + 258) was refused as a mark
    QTest.keyClick(page.grid, Qt.Key.Key_F2)
    QTest.keyClicks(open_editor(page), "625")
    press_enter(page)
    assert page.saved_label.text().startswith("Saved for “Mark written answers”")
    assert {q.answer for q in store.queued_answers(class_id, exercises[1].id)} == {"because light is faster", "625"}


def test_the_class_rows_label_shows_in_full_in_both_languages(make_window):
    """The footer's row header is wide enough for "Whole class" / "全班", and stays aligned with the grid's names."""
    from PySide6.QtWidgets import QStyle

    for language, label in (("en", "Whole class"), ("zh_CN", "全班")):
        window = make_window(language=language)
        window.show()
        page, _ = quiz_of_kinds(window)
        spin(50)
        header = page.class_row.verticalHeader()
        assert page.model.headerData(page.model.class_row, Qt.Orientation.Vertical) == label
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        assert header.width() >= header.fontMetrics().horizontalAdvance(label) + 2 * margin, language
        assert header.width() == page.grid.verticalHeader().width(), "the footer's columns line up with the grid's"
        window.close()


def written_quiz(make_window):
    """(quiz page, store, class id, exercise) for a new quiz of one short-text question."""
    window = make_window()
    store = window.context.store
    written = next(e for e in store.list_exercises() if e.kind == "short_text")
    page = window.open_page("quiz")
    page.create_quiz("Written quiz", [written.id])
    return page, store, window.context.class_id, written


def test_a_short_text_answer_that_is_not_the_key_waits_for_the_teacher_instead_of_counting_wrong(make_window):
    """Review 24: "a triangle", "triangel" and "3 sided shape" typed for the key "triangle" were marked 0 at once."""
    page, store, class_id, written = written_quiz(make_window)
    quiz_id, students = page.current_quiz(), page.model.students
    for row, typed in enumerate([written.answer, f"a {written.answer}"]):
        type_written(page, row, typed)
    assert store.quiz_scores(quiz_id) == {(students[0].id, written.id): 1.0}, "the key itself is marked right"
    assert page.saved_label.text().startswith("Saved for “Mark written answers”")
    [waiting] = store.queued_answers(class_id, written.id)
    assert (waiting.student_id, waiting.answer) == (students[1].id, f"a {written.answer}")
    row = page.model.class_row  # review 34a: "100%" of the one marked answer, with another still to mark
    assert cell(page, row, 0) == "100%*"
    assert page.summary_label.text().endswith("(grey; * on the class row: of those marked so far): 1")
    assert page.model.data(page.model.index(row, 0), Qt.ItemDataRole.ToolTipRole).startswith(
        "The share right of the answers marked so far; 1 more wait")


def test_difficult_questions_name_the_questions_whose_typed_answers_wait(make_window, real_dialogs):
    """Review 35d: the question 5 of 7 children got wrong was left out of Difficult questions, its typed answers
    waiting for a mark, and nothing said so."""
    page, store, class_id, written = written_quiz(make_window)
    for row, typed in enumerate(["squre", "hexagon", "circle"]):
        type_written(page, row, typed)
    seen = {}

    def look(dialog):
        seen["waiting"] = dialog.waiting.text() if dialog.waiting.isVisible() else ""
        seen["how to"] = dialog.how_to.isVisible()

    answers = DialogAnswers().expect(then(look, press("Close")))
    QTest.mouseClick(page.difficult_button, LEFT)
    answers.finish()
    assert seen["waiting"] == ("* Not counted yet: typed answers waiting in “Mark written answers” (Q1: 3). Mark them there "
                               "and the questions count here.")
    assert not seen["how to"], "review 37d: it asked for F2 under answers typed with F2"


def test_the_student_page_says_which_quiz_and_what_the_child_wrote(make_window):
    """Review 35d: the history's "Where" said only "paper quiz"."""
    from tests.gui.conftest import finish_jobs
    from tests.gui.test_family_letter import choose

    page, store, class_id, written = written_quiz(make_window)
    first = page.model.students[0]
    type_written(page, 0, written.answer)  # the key: marked right at once
    student = page.window().open_page("student")
    choose(student.student_combo, first.id)
    finish_jobs()
    rows = [row for row in student.history_model.rows if row[1] == written.prompt]
    assert [row[2:] for row in rows] == [["right", f"paper quiz “Written quiz”; wrote: {written.answer}"]]


def test_a_cell_holds_one_answer_a_correction_or_delete_removes_the_one_waiting_and_undo_puts_it_back(make_window, real_dialogs):
    """Review 25: an old written answer stayed in "Mark written answers" after the teacher corrected the cell, and
    marking it later overwrote her correction; and a waiting cell looked empty in the grid."""
    page, store, class_id, written = written_quiz(make_window)
    quiz_id, students = page.current_quiz(), page.model.students
    grid = page.grid

    type_written(page, 0, "squre")
    assert cell(page, 0, 0) == "squre" and "Waiting" in page.model.data(page.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "written answers waiting for a mark (grey; * on the class row: of those marked so far): 1" in page.summary_label.text()
    type_written(page, 0, written.answer)  # the teacher corrects the cell: the key, marked right at once
    assert cell(page, 0, 0) == "1" and store.quiz_scores(quiz_id) == {(students[0].id, written.id): 1.0}
    assert store.queued_answers(class_id, written.id) == [], "the old answer no longer waits to be marked"

    type_written(page, 1, "hexagon")
    type_written(page, 1, "a hexagon")  # typed again over it: one answer waits, the new one
    assert [q.answer for q in store.queued_answers(class_id, written.id)] == ["a hexagon"]
    click_cell(page, 1, 0)
    QTest.keyClick(grid, Qt.Key.Key_Delete)
    assert cell(page, 1, 0) == "" and store.queued_answers(class_id, written.id) == []
    QTest.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the delete: it waits again
    assert cell(page, 1, 0) == "a hexagon"
    assert [(q.student_id, q.answer, q.quiz_id) for q in store.queued_answers(class_id, written.id)] == [(students[1].id, "a hexagon", quiz_id)]

    type_written(page, 2, "circle")
    click_cell(page, 2, 0)
    QTest.keyClicks(grid, "0")  # the teacher marks it herself in the grid: nothing waits for that cell
    assert store.quiz_scores(quiz_id)[(students[2].id, written.id)] == 0.0
    assert {q.student_id for q in store.queued_answers(class_id, written.id)} == {students[1].id}
    click_cell(page, 1, 0)
    asked = DialogAnswers().expect(press("Mark absent"))
    QTest.keyClicks(grid, "a")  # absent after all (asked first): the answer waiting in the cell goes with the marks
    asked.finish()
    assert store.queued_answers(class_id, written.id) == []
    QTest.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [q.answer for q in store.queued_answers(class_id, written.id)] == ["a hexagon"]


def test_the_row_to_mark_is_in_sight_and_its_name_fits_in_bold(make_window):
    """Review 39: the grid opened with the row to mark half hidden at its bottom edge. The current row's name is drawn in bold, and 郭若曦 lost its last character at the column's edge
    (every name of the Chinese demo class has three characters: the column was exactly as wide as they are)."""
    window = make_window(demo=False, language="zh_CN")
    window.create_demo_class()
    finish_jobs()
    store = window.context.store
    for quiz in store.list_quizzes(window.context.class_id):  # the demo's absent children not marked: rows to mark
        for student in store.quiz_absent(quiz.id):
            store.set_quiz_absent(quiz.id, student, False)
    page = window.open_page("quiz")
    finish_jobs()
    spin(50)
    cursor = page.grid.visualRect(page.grid.currentIndex())  # review 39: opened with the row to mark half hidden
    assert page.grid.currentIndex().isValid() and page.grid.viewport().rect().contains(cursor), cursor
    header = page.grid.verticalHeader()
    page.grid.scrollToTop()
    for row in range(3):
        click_cell(page, row, 0)
        picture = header.grab().toImage()
        top, height = header.sectionViewportPosition(row), header.sectionSize(row)
        right = picture.width() - 3  # the last pixels before the section's border: text there is cut off
        dark = [(x, y) for x in range(right - 2, right + 1) for y in range(top + 2, top + height - 2)
                if QColor(picture.pixel(x, y)).lightness() < 110]
        assert not dark, (page.model.headerData(row, Qt.Orientation.Vertical), header.width())


def test_full_width_keys_of_a_chinese_keyboard_mark_the_grid(make_window):
    """Review 26: １, ０ and Ａ (a Chinese input method's full-width keys) did nothing in the grid, without a hint;
    the grid takes keys as keys while an input method is on, and F2's editor keeps its input method."""
    from tests.gui.dialogs import type_keys

    window = make_window(language="zh_CN")
    page, _ = quiz_of_kinds(window)
    assert not page.grid.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    for row, key in enumerate("１０Ａ"):  # right, wrong, absent
        click_cell(page, row, 0)
        type_keys(page.grid, key)
    model = page.model
    assert [model.data(model.index(r, 0)) for r in range(2)] == ["√", "×"] and model.data(model.index(2, 3)) == "缺席"
    assert [model.data(model.index(r, 0), EXPORT_ROLE) for r in range(2)] == ["1", "0"], "the CSV keeps numbers"
    click_cell(page, 0, 1)
    QTest.keyClick(page.grid, Qt.Key.Key_F2)
    assert open_editor(page).testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)


def test_two_children_of_one_name_are_two_different_rows(make_window):
    """Review 26: two 张伟 were two identical rows in the grid and two identical entries in the student list."""
    from engine.classroom import Changes

    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    store.add_student(class_id, "Zhang Wei", external_id="2025001")
    store.add_student(class_id, "Zhang Wei", external_id="2025004")
    window.context.changed(Changes(students=True))
    page, _ = quiz_of_kinds(window)
    model = page.model
    rows = [model.headerData(r, Qt.Orientation.Vertical) for r in range(len(model.students))]
    assert "Zhang Wei (2025001)" in rows and "Zhang Wei (2025004)" in rows and "Zhang Wei" not in rows
    combo = window.open_page("student").student_combo
    listed = [combo.itemText(i) for i in range(combo.count())]
    assert "Zhang Wei (2025001)" in listed and "Zhang Wei (2025004)" in listed


def test_a_part_mark_typed_on_a_question_the_laptop_marks_never_lands_on_the_next_question(make_window):
    """Review 28c: "0.5" on a number question saved 0 there and ½ on the teacher-marked question after it."""
    window = make_window()
    page, exercises = quiz_of_kinds(window)
    store, quiz_id = window.context.store, page.current_quiz()
    student = page.model.students[0].id
    click_cell(page, 0, 0)
    QTest.keyClicks(page.grid, "0.5")
    assert "Part marks are for questions you mark yourself" in page.saved_label.text()
    assert store.quiz_scores(quiz_id) == {(student, exercises[0].id): 0.0}
    assert not [e for e in page.grid.findChildren(QLineEdit, "cellEditor") if e.isVisible()], "no editor opened"
    click_cell(page, 3, 1)  # review 30c: a 2 typed on another cell kept the part mark's message (on a question the
    QTest.keyClicks(page.grid, "2")  # laptop marks, a 2 starts what the child wrote: see the test below)
    assert page.saved_label.text().startswith("Type 1 or √ (right), 0 or × (wrong)")
    for key in "b":  # keys the grid does not take say what it does take (they sat under "All changes saved.")
        QTest.keyClicks(page.grid, "1")
        QTest.keyClicks(page.grid, key)
        assert page.saved_label.text().startswith("Type 1 or √ (right), 0 or × (wrong)"), key


def test_ticks_and_crosses_as_marked_on_the_paper_mark_the_grid(make_window):
    """Review 30a: √ and × (the marks on a Chinese child's paper) did nothing, without a word; 对 and 错 typed in a
    cell's editor were taken for what the child wrote."""
    from tests.gui.dialogs import type_keys

    window = make_window(language="zh_CN")
    page, exercises = quiz_of_kinds(window)
    store, quiz_id = window.context.store, page.current_quiz()
    students = [s.id for s in page.model.students]
    for row, (column, key) in [*enumerate([(0, "√"), (1, "×"), (2, "✓")]), (5, (0, "x")), (6, (1, "X"))]:
        click_cell(page, row, column)  # review 42: x typed for × (no × key) was refused
        type_keys(page.grid, key)
        assert (page.grid.currentIndex().row(), page.grid.currentIndex().column()) != (row, column), "the cursor moves on"
    for row, (column, word) in enumerate([(0, "错"), (1, "对")], start=3):
        click_cell(page, row, column)
        QTest.keyClick(page.grid, Qt.Key.Key_F2)
        type_keys(open_editor(page), word)
        press_enter(page)
    assert store.quiz_scores(quiz_id) == {(students[0], exercises[0].id): 1.0, (students[1], exercises[1].id): 0.0,
                                          (students[2], exercises[2].id): 1.0, (students[3], exercises[0].id): 0.0,
                                          (students[4], exercises[1].id): 1.0, (students[5], exercises[0].id): 0.0,
                                          (students[6], exercises[1].id): 0.0}
    assert not [q for q in store.queued_answers(window.context.class_id) if q.quiz_id == quiz_id], "no tick waits for marking"


def test_the_editor_of_a_narrow_cell_is_wide_enough_for_a_sentence(make_window):
    """Review 30a: typing 四条边的长度加起来 in F2's editor showed only 度加起来 (the editor was the column's width)."""
    from tests.gui.dialogs import type_keys

    window = make_window(language="zh_CN")
    window.resize(1366, 768)
    window.show()
    page, _ = quiz_of_kinds(window)
    click_cell(page, 0, 1)
    QTest.keyClick(page.grid, Qt.Key.Key_F2)
    editor = open_editor(page)
    assert editor.geometry() == page.grid.visualRect(page.model.index(0, 1)), \
        "review 32b: an empty box covers only its own cell (one three columns wide hid the marks beside it)"
    typed = "四条边的长度加起来"
    type_keys(editor, typed)
    assert page.grid.columnWidth(1) < editor.fontMetrics().horizontalAdvance(typed), "a narrow column (what this test is about)"
    assert editor.width() > editor.fontMetrics().horizontalAdvance(typed) + 8, "the whole answer in sight"
    assert editor.geometry().right() <= page.grid.viewport().width()
    QTest.keyClick(editor, Qt.Key.Key_Escape)


def test_a_quiz_given_to_one_group_shows_that_group_s_rows_and_figures(make_window, real_dialogs):
    """Review 30c: a quiz for the 7 children of one group left the other rows "not yet entered" for good and the
    class row counted nobody else; "Given to:" keeps the grid to the group, for this quiz (review 44: it read "Show:"
    and took a look for a change of who sat it: now it asks first when children outside the group have marks)."""
    from engine.classroom import Changes
    from tests.gui.dialogs import DialogAnswers, press, spin, then
    from tests.gui.test_family_letter import choose

    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    students = store.list_students(class_id)
    members = [s.id for s in students[:3]]
    group = store.create_group(class_id, "Reading support", members)
    window.context.changed(Changes(students=True))
    page, exercises = quiz_of_kinds(window)
    store.set_quiz_score(page.current_quiz(), students[5].id, exercises[0].id, 0.0)  # someone outside the group
    page.refresh()
    assert page.model.rowCount() > 3
    assert page.group_combo.toolTip().startswith("Who sat this quiz")
    asked = []
    answers = DialogAnswers().expect(then(lambda box: asked.append(box.text()), press("Cancel")))
    page.group_combo.setFocus()
    QTest.keyClick(page.group_combo, "R")  # type-to-find: the group's first letter
    answers.finish()
    assert asked == ["1 child outside “Reading support” has marks on this quiz.\n\nGive the quiz to “Reading support” "
                     "only? The other children's marks are kept, but leave the grid, its figures and the Marks book until "
                     "you choose “Whole class” again."]
    assert page.group_combo.currentData() is None and page.model.rowCount() > 3
    assert store.quiz_group(page.current_quiz()) is None, "Cancel changed nothing"
    spin(600)  # the combo box's type-to-find starts afresh
    answers = DialogAnswers().expect(press("Give it to the group only"))
    QTest.keyClick(page.group_combo, "R")
    answers.finish()
    assert page.group_combo.currentData() == group
    assert [s.id for s in page.model.students] == members
    for row in range(3):
        click_cell(page, row, 0)
        QTest.keyClicks(page.grid, "1")
    assert page.model.share(0) == 1.0, "the group's share, not the class's"
    assert page.summary_label.text().startswith("Students with marks: 3 · absent: 0 · not yet entered: 0")
    assert store.quiz_scores(page.current_quiz())[(students[5].id, exercises[0].id)] == 0.0, "other marks stay stored"
    page.refresh()
    assert page.group_combo.currentData() == group, "kept for this quiz"
    # review 35d: kept with the data (a backup restored elsewhere shows the same rows), and never passed on to a quiz
    # made later under the deleted quiz's id
    quiz_id = page.current_quiz()
    assert store.quiz_group(quiz_id) == group
    store.delete_quiz(quiz_id)
    again = store.create_quiz(class_id, "Next week", [e.id for e in exercises])
    assert again == quiz_id and store.quiz_group(again) is None
    page.refresh()
    choose(page.quiz_combo, again)
    assert page.group_combo.currentData() is None and page.model.rowCount() > 3


def test_a_mark_the_disk_cannot_take_is_said_and_the_grid_shows_what_is_saved(make_window, real_dialogs, monkeypatch):
    """Review 33b: on a full disk the marks typed went nowhere while the page said "All changes saved"."""
    from desktop.workers import shown_errors
    from engine.errors import DiskFullError

    window = make_window()
    page, exercises = quiz_of_kinds(window)
    quiz_id = page.current_quiz()
    click_cell(page, 0, 0)
    QTest.keyClicks(page.grid, "1")
    spin(20)
    assert page.saved_label.text() == "All changes saved."
    real = Classroom.set_quiz_score

    def disk_full(self, *args, **kwargs):
        raise DiskFullError("The disk is full: saving did not happen and nothing was left half-written.")

    monkeypatch.setattr(Classroom, "set_quiz_score", disk_full)
    click_cell(page, 1, 0)
    QTest.keyClicks(page.grid, "1")
    spin(50)
    errors = shown_errors()
    assert len(errors) == 1 and "The disk is full" in errors[0]
    assert "NOT saved" in page.saved_label.text()
    assert cell(page, 1, 0) in ("", None), "the grid shows what the store holds"
    assert cell(page, 0, 0) == "1"
    assert not page.undo_stack.canUndo(), "no undo step for a change that never happened"
    scores = window.context.store.quiz_scores(quiz_id)
    assert len(scores) == 1
    monkeypatch.setattr(Classroom, "set_quiz_score", real)
    click_cell(page, 1, 0)
    QTest.keyClicks(page.grid, "1")  # with room on the disk again
    spin(20)
    assert page.saved_label.text() == "All changes saved." and len(window.context.store.quiz_scores(quiz_id)) == 2


def test_a_group_shown_gets_its_own_difficult_questions_and_bottom_row(make_window, real_dialogs):
    """Review 33a: with one group shown, "Difficult questions" gave the whole class's figures beside the group's names
    only (reading as if those 4 were the 23 who missed), and the grid's bottom row said "Whole class"."""
    from tests.gui.test_family_letter import choose

    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    students = store.list_students(class_id)
    red = store.create_group(class_id, "Red table", [s.id for s in students[:4]])
    page, exercises = quiz_of_kinds(window)
    students = page.model.students  # in the grid's order
    for row in range(len(students)):  # the class: everyone wrong on Q1 but the Red table, all right
        click_cell(page, row, 0)
        QTest.keyClicks(page.grid, "0")
    given = DialogAnswers().expect(press("Give it to the group only"))  # the others have marks: asked first
    choose(page.group_combo, red)
    given.finish()
    for row in range(4):
        click_cell(page, row, 0)
        QTest.keyClicks(page.grid, "1" if row else "0")
    model = page.model
    assert model.headerData(model.class_row, Qt.Orientation.Vertical) == "Red table"
    assert page.class_row.verticalHeader().width() >= page.class_row.verticalHeader().fontMetrics().horizontalAdvance("Red table")
    seen = {}

    def look(dialog):
        seen["summary"] = dialog.summary.text()
        seen["headers"] = dialog.model.headers
        seen["rows"] = [[as_typed(dialog.cell(r, c)) for c in range(3)] for r in range(dialog.model.rowCount())]

    answers = DialogAnswers().expect(then(look, press("Close")))
    QTest.mouseClick(page.difficult_button, LEFT)
    answers.finish()
    assert seen["summary"].startswith("No question was missed by most of Red table"), seen["summary"]
    assert seen["headers"][1] == "Group score"
    assert seen["rows"][0][1:] == ["75%", f"1 of 4: {students[0].label}"], "the group's own figures and names"
    choose(page.group_combo, None)
    assert model.headerData(model.class_row, Qt.Orientation.Vertical) == "Whole class"


def test_the_class_row_stays_in_line_with_its_columns_scrolled_to_the_far_right(make_window):
    """Review 33c: the pinned class row has no scroll bar of its own, so at the far right it drifted by the width of
    the grid's."""
    window = make_window()
    window.resize(900, 600)
    numeric = [e for e in window.context.store.list_exercises() if e.kind == "numeric"][:20]
    page = window.open_page("quiz")
    page.create_quiz("Long quiz", [e.id for e in numeric])
    window.show()
    spin(100)
    grid, footer = page.grid, page.class_row
    assert grid.verticalScrollBar().isVisible() and grid.horizontalScrollBar().maximum() > 0
    grid.horizontalScrollBar().setValue(grid.horizontalScrollBar().maximum())
    spin(50)
    last = page.model.columnCount() - 1
    assert footer.columnViewportPosition(last) == grid.columnViewportPosition(last)
    assert footer.verticalHeader().isVisible(), "the row's label (Whole class) is shown beside it"


def test_tab_leaves_the_grid_after_its_last_cell_and_ctrl_tab_from_any(make_window):
    """Review 34e: Tab went round the grid for ever, so a keyboard-only teacher never reached Undo or Mark absent."""
    window = make_window()
    window.show()
    page, _ = quiz_of_kinds(window)
    grid, model = page.grid, page.model
    last_row, last_column = model.rowCount() - 2, model.columnCount() - 1
    click_cell(page, last_row, last_column - 1)
    grid.setFocus()
    QTest.keyClick(grid, Qt.Key.Key_Tab)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (last_row, last_column) and window.focusWidget() is grid
    QTest.keyClick(grid, Qt.Key.Key_Tab)
    assert window.focusWidget() not in (grid, None), "on to the next control of the page"
    click_cell(page, 1, 1)
    grid.setFocus()
    QTest.keyClick(grid, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is not grid
    click_cell(page, 0, 0)
    grid.setFocus()
    QTest.keyClick(grid, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.focusWidget() is not grid
    QTest.keyClick(grid, Qt.Key.Key_Shift)  # Qt keeps the last modifiers: a later test's selectRow added to a selection
    window.close()


def test_a_child_who_joined_after_the_quiz_is_not_waiting_for_marks(make_window):
    """Review 38b: a child added on Friday was "not yet entered" on Tuesday's quiz (and the cursor waited on her row)."""
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    page, exercises = quiz_of_kinds(window)
    quiz_id = page.current_quiz()
    store.db.execute("UPDATE students SET created = '2026-09-01T08:00:00+00:00'")  # the class since September,
    store.db.execute("UPDATE quizzes SET created = '2026-09-08T08:00:00+00:00' WHERE id = ?", [quiz_id])  # the quiz a week on
    newcomer = store.add_student(class_id, "Aaron Newcomer")  # first in the name order
    window.context.changed(Changes(students=True))
    page.refresh()
    everyone = len(page.model.students)
    assert page.summary_label.text() == (f"Students with marks: 0 · absent: 0 · not yet entered: {everyone - 1} · "
                                         "joined the class after this quiz: 1")
    assert page.model.students[0].id == newcomer and page.grid.currentIndex().row() == 1, "the cursor skips her row"
    click_cell(page, 0, 0)
    QTest.keyClicks(page.grid, "1")  # she took it after all
    assert "joined the class after" not in page.summary_label.text()
    assert page.summary_label.text().startswith(f"Students with marks: 1 · absent: 0 · not yet entered: {everyone - 1}")


def test_all_changes_saved_does_not_stand_over_another_class(make_window):
    """Review 38d: "All changes saved." still stood over the next class's empty quiz screen."""
    from tests.gui.conftest import switch_to_new_class

    window = make_window()
    page, _ = quiz_of_kinds(window)
    click_cell(page, 0, 0)
    QTest.keyClicks(page.grid, "1")
    assert page.saved_label.text() == "All changes saved."
    switch_to_new_class(window, "3C")
    window.open_page("quiz")
    assert page.saved_label.text() == "" and page.current_quiz() is None


def test_two_quizzes_of_one_title_are_told_apart_in_the_quiz_picker(make_window):
    """Review 41a: "Week 1 check" given twice showed twice in the picker, nothing to tell which was which."""
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    exercise = store.list_exercises()[0].id
    first, second = (store.create_quiz(class_id, "Week 1 check", [exercise]) for _ in range(2))
    store.db.execute("UPDATE quizzes SET created = '2026-09-08T08:00:00+00:00' WHERE id = ?", [first])
    other = store.create_quiz(class_id, "Fractions", [exercise])
    page = window.open_page("quiz")
    shown = {page.quiz_combo.itemData(i): page.quiz_combo.itemText(i) for i in range(page.quiz_combo.count())}
    assert shown[other] == "Fractions"
    assert shown[first].startswith("Week 1 check (8 Sep 2026 ") and shown[second].startswith("Week 1 check (")
    assert shown[first] != shown[second]


def test_a_number_the_child_wrote_typed_straight_into_the_grid_is_marked_with_the_key(make_window):
    """Review 43: copying a child's answers off paper, "60" saved × for the 0 after the refused 6, and "12" marked the
    question right and the next one wrong. A digit that is no mark opens the cell's editor with what was typed."""
    window = make_window()
    page, exercises = quiz_of_kinds(window)
    grid, model = page.grid, page.model
    first, second = model.students[0].id, model.students[1].id
    e1, e2 = exercises[0].id, exercises[1].id
    key = exercises[0].answer
    wrong = "60" if key != "60" else "61"

    click_cell(page, 0, 0)
    QTest.keyClicks(grid, "6")
    QTest.keyClicks(open_editor(page), wrong[1:])
    assert "What the student wrote" in page.saved_label.text()
    press_enter(page)
    assert model.cell_state(first, e1) == (0.0, wrong, None)
    assert model.cell_state(first, e2) == (None, None, None), "nothing on the next question"
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (0, 1)

    click_cell(page, 1, 0)
    QTest.keyClicks(grid, "1")  # a mark: right, and on to the next question...
    assert model.cell_state(second, e1)[0] == 1.0 and grid.currentIndex().column() == 1
    QTest.keyClicks(grid, "2")  # ...but "12" is what the child wrote on the first
    editor = open_editor(page)
    assert editor.text() == "12" and grid.currentIndex().column() == 0
    press_enter(page)
    assert model.cell_state(second, e1) == (1.0 if key == "12" else 0.0, "12", None)
    assert model.cell_state(second, e2) == (None, None, None)
    store = window.context.store
    assert store.quiz_scores(page.current_quiz()) == {(first, e1): 0.0, (second, e1): model.cell_state(second, e1)[0]}
    third = model.students[2].id
    click_cell(page, 2, 0)
    QTest.keyClicks(grid, "1")
    click_cell(page, 3, 0)  # a 1 typed before a click elsewhere is a mark, not the start of what is typed there
    QTest.keyClicks(grid, "2")
    assert open_editor(page).text() == "2" and grid.currentIndex().row() == 3
    assert model.cell_state(third, e1)[0] == 1.0
    QTest.keyClick(open_editor(page), Qt.Key.Key_Escape)

    # review 43c: after a mark on the question the teacher marks, a number on the next one kept its first digit
    e3 = exercises[2].id
    fourth, fifth = model.students[3].id, model.students[4].id
    click_cell(page, 3, 1)
    QTest.keyClicks(grid, "1")
    QTest.keyClicks(grid, "6")
    assert open_editor(page).text() == "6" and grid.currentIndex().column() == 2
    QTest.keyClick(open_editor(page), Qt.Key.Key_Escape)
    assert model.cell_state(fourth, e2)[0] == 1.0 and model.cell_state(fourth, e3) == (None, None, None)
    # ...and a number typed a while after a mark is the next question's, not joined to the mark one question back
    click_cell(page, 4, 2)
    QTest.keyClicks(grid, "1")  # the last question: on to the next child's first
    QTest.qWait(int(grid.JOINED_WITHIN_S * 1000) + 200)
    QTest.keyClicks(grid, "3")
    assert open_editor(page).text() == "3" and (grid.currentIndex().row(), grid.currentIndex().column()) == (5, 0)
    QTest.keyClick(open_editor(page), Qt.Key.Key_Escape)
    assert model.cell_state(fifth, e3)[0] == 1.0
    # Escape leaves the cell as it was before the number (review 43e: putting the 1 back made a wrong mark right)
    sixth = model.students[6].id
    click_cell(page, 6, 0)
    QTest.keyClicks(grid, "0")
    click_cell(page, 6, 0)
    QTest.keyClicks(grid, "12")
    QTest.keyClick(open_editor(page), Qt.Key.Key_Escape)
    assert model.cell_state(sixth, e1)[0] == 0.0, "the wrong mark stands"


def test_1_then_0_typed_fast_on_a_question_whose_key_is_10_says_they_were_two_marks(make_window):
    """Review 50a: "10" typed as what the child wrote (90 ÷ 9) was a right mark, then a wrong one on the next question,
    under "All changes saved.": the two marks stand (1 0 is how marks are typed fast) and the line under the grid says
    how to type 10; marks typed fast on a question whose key is no 10 are said nothing of."""
    window = make_window()
    store = window.context.store
    questions = [store.add_exercise(prompt, "numeric", key) for prompt, key in (("90 ÷ 9 = ?", "10"), ("6 + 6 = ?", "12"),
                                                                               ("5 + 5 = ?", "10"))]
    page = window.open_page("quiz")
    page.create_quiz("Tens", questions)
    grid, model = page.grid, page.model
    child = model.students[0].id
    click_cell(page, 0, 0)
    QTest.keyClicks(grid, "10")
    assert (model.cell_state(child, questions[0])[0], model.cell_state(child, questions[1])[0]) == (1.0, 0.0)
    assert "1 and 0 were taken as two marks" in page.saved_label.text() and "Ctrl+Z twice" in page.saved_label.text()
    for _ in range(2):  # as the line says (review 50c: one Ctrl+Z left the right mark, and F2 opened the next question)
        QTest.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (0, 0)
    QTest.keyClick(grid, Qt.Key.Key_F2)
    type_keys(open_editor(page), "10")
    press_enter(page)
    assert model.cell_state(child, questions[0]) == (1.0, "10", None) and model.cell_state(child, questions[1]) == (None, None, None)
    click_cell(page, 1, 1)
    QTest.keyClicks(grid, "10")  # the key is 12: marks, as typed fast row after row
    assert page.saved_label.text() == "All changes saved."


def test_one_wrong_mark_is_too_few_to_say_what_most_of_the_class_missed(make_window, real_dialogs):
    """Review 43: "No question was missed by most of the class" stood above its own first row, "0%, 1 of 1"."""
    window = make_window()
    page, exercises = quiz_of_kinds(window)
    click_cell(page, 0, 0)
    QTest.keyClicks(page.grid, "1")  # review 43c: one right mark is as few
    seen = {}
    answers = DialogAnswers().expect(then(lambda dialog: seen.update(summary=dialog.summary.text()), press("Close")))
    QTest.mouseClick(page.difficult_button, LEFT)
    answers.finish()
    assert seen["summary"].startswith("Too few marks yet"), seen["summary"]
    click_cell(page, 0, 0)
    QTest.keyClicks(page.grid, "0")
    answers = DialogAnswers().expect(then(lambda dialog: seen.update(summary=dialog.summary.text()), press("Close")))
    QTest.mouseClick(page.difficult_button, LEFT)
    answers.finish()
    assert seen["summary"].startswith("Too few marks yet to say what most of the class missed: a question counts here once "
                                      "3 children have a mark on it."), seen["summary"]


def test_one_child_s_quiz_question_by_question_from_the_button_and_from_a_double_clicked_name(make_window, real_dialogs):
    """Review 49d (against Kolibri's coach tools): a learner's quiz was only a row of marks in the grid."""
    window = make_window()
    page, exercises = quiz_of_kinds(window)
    grid, model = page.grid, page.model
    key = exercises[0].answer
    wrong = str(int(float(key)) + 1) if key.lstrip("-").isdigit() else "zzz"
    click_cell(page, 0, 0)
    QTest.keyClick(grid, Qt.Key.Key_F2)
    type_keys(open_editor(page), wrong)
    press_enter(page)
    click_cell(page, 0, 1)
    QTest.keyClick(grid, Qt.Key.Key_F2)
    type_keys(open_editor(page), "I drew four groups of nine")
    press_enter(page)
    click_cell(page, 0, 2)
    QTest.keyClicks(grid, "1")
    seen = {}

    def read(dialog):
        seen["rows"] = [[dialog.cell(r, c) for c in range(4)] for r in range(dialog.model.rowCount())]
        seen["summary"] = dialog.summary.text()
        seen["title"] = dialog.windowTitle()

    click_cell(page, 0, 1)
    answers = DialogAnswers().expect(then(read, press("Close")))
    QTest.mouseClick(page.child_button, LEFT)
    answers.finish()
    name = model.students[0].label
    assert seen["title"] == f"{name}: Results quiz"
    assert seen["rows"] == [
        [f"Q1: {exercises[0].prompt}", wrong, "0", key],
        [f"Q2: {exercises[1].prompt}", "I drew four groups of nine", "to mark", "you mark it"],
        [f"Q3: {exercises[2].prompt}", "—", "1", exercises[2].answer],
    ]
    assert seen["summary"] == "Total: 1 of 2 questions marked (50%). Answers waiting in “Mark written answers”: 1."
    header = grid.verticalHeader()  # the same from the name: a double-click on the second child's
    answers = DialogAnswers().expect(then(read, press("Close")))
    y = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    QTest.mouseDClick(header.viewport(), LEFT, pos=QPoint(header.width() // 2, y))
    answers.finish()
    assert seen["title"] == f"{model.students[1].label}: Results quiz" and seen["summary"] == "No marks entered yet."
    assert [row[1:3] for row in seen["rows"]] == [["—", "—"]] * 3
