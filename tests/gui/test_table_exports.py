"""Every table a teacher sees exports to CSV exactly as shown: the real "Export CSV…" button, read back cell by cell."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from engine.csv_files import unescape_cell
from tests.gui.conftest import finish_jobs


def press_export(qtbot, monkeypatch, button, path: Path) -> list[list[str]]:
    """Press the real button (the save dialog answers ``path``); the CSV's rows, formulas un-neutralised."""
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (asked.append(a) or str(path), "")))
    assert button.isEnabled() and button.isVisibleTo(button.window())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked, "the button did not ask where to save"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM: Excel would not read Chinese text right"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [[unescape_cell(cell) for cell in row] for row in csv.reader(handle)]


def screen_table(model, row_header: str | None = None) -> list[list[str]]:
    """What the table on screen shows, read from the view's model (headers, then every row, displayed text; names as
    typed, without what keeps each on one line: see desktop.i18n.kept_together)."""
    from desktop.i18n import as_typed

    display = Qt.ItemDataRole.DisplayRole
    header = [model.headerData(c, Qt.Orientation.Horizontal, display) for c in range(model.columnCount())]
    rows = [[as_typed(str(model.index(r, c).data(display) or "")) for c in range(model.columnCount())] for r in range(model.rowCount())]
    if row_header is not None:
        header = [row_header, *header]
        rows = [[model.headerData(r, Qt.Orientation.Vertical, display), *row] for r, row in enumerate(rows)]
    return [header, *rows]


def assert_same(exported: list[list[str]], shown: list[list[str]]) -> None:
    assert len(exported) == len(shown), f"{len(exported)} rows in the CSV, {len(shown)} on screen"
    for number, (got, want) in enumerate(zip(exported, shown)):
        assert got == want, f"row {number} differs: CSV {got} vs screen {want}"


def fill_quiz(window, qtbot):
    """A quiz with marks for two students (3 and 2 right), the third absent (typed with the grid's keys)."""
    page = window.open_page("quiz")
    exercises = window.context.store.list_exercises()[:3]
    page.create_quiz("Week 3 quiz", [e.id for e in exercises])
    grid = page.grid
    for key in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_0, Qt.Key.Key_1, Qt.Key.Key_A):
        qtbot.keyClick(grid, key)
    return page


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_quiz_grid_exports_as_shown(make_window, qtbot, monkeypatch, tmp_path, language):
    window = make_window(language=language)
    page = fill_quiz(window, qtbot)
    page.sort_combo.setCurrentIndex(page.sort_combo.findData("total"))  # the export follows the screen's order
    model = page.model
    exported = press_export(qtbot, monkeypatch, page.export_button, tmp_path / "quiz.csv")
    marks = {model.labels["right"]: "1", model.labels["wrong"]: "0"}  # √ and × on a Chinese screen: numbers to add up
    numbers = [s.external_id or "" for s in model.students] + [""]
    assert any(numbers), "the demo class has student numbers: they get a column of their own (review 46)"
    shown = screen_table(model, page.tr("Student"))
    # the questions as on screen; the Total as numbers a spreadsheet adds up (47a: "5 / 6 (+2 to mark)" was text)
    assert_same([row[:-3] for row in exported], [[page.tr("Student number"), *shown[0][:-1]]] + [
        [number, *(marks.get(cell, cell) for cell in row[:-1])] for number, row in zip(numbers, shown[1:])])
    header, *rows = exported
    absent_row = next(r for r in rows if r[-3] == model.labels["absent"])
    assert absent_row[2:-3] == ["—"] * 3 and absent_row[-2:] == ["", ""]  # absent shown as on screen
    assert rows[-1][1] == model.labels["class"] and rows[-1][-3] == shown[-1][-1]  # the Whole class row, as a percentage
    assert [r[-3:] for r in rows[:2]] == [["3", "3", ""], ["2", "3", ""]]  # sorted by total, highest first, as on screen
    if language == "zh_CN":
        assert header[:2] == ["学号", "学生"] and header[-3:] == ["总分", "已批题数", "待批改的作答"] and rows[-1][1] == "全班"
    else:
        assert header == ["Student number", "Student", "Q1", "Q2", "Q3", "Total", "Questions marked", "Answers to mark"]
        assert rows[-1][1] == "Whole class"
    assert len(rows) == len(model.students) + 1
    page.sort_combo.setCurrentIndex(page.sort_combo.findData("number"))  # review 46: "2024001  陈宇航" in one cell
    header, *rows = press_export(qtbot, monkeypatch, page.export_button, tmp_path / "by-number.csv")
    assert [r[:2] for r in rows[:-1]] == [[s.external_id or "", s.label] for s in model.students]


def test_export_neutralises_formulas_and_reports_a_failed_save(make_window, qtbot, monkeypatch, tmp_path):
    window = make_window()
    store = window.context.store
    student = store.list_students(window.context.class_id)[0]
    store.update_student(student.id, name="=HYPERLINK(\"x\")")  # a name a spreadsheet would run as a formula
    page = fill_quiz(window, qtbot)
    path = tmp_path / "quiz.csv"
    press_export(qtbot, monkeypatch, page.export_button, path)
    text = path.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text

    from desktop.workers import shown_errors

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "no-folder" / "x.csv"), "")))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    errors = shown_errors()
    assert len(errors) == 1 and "x.csv" in errors[0]


def test_an_export_over_the_data_file_is_refused_in_the_teacher_s_language(make_window, qtbot, monkeypatch):
    """Review 32a: a save dialog pointed at the data folder's own lamplight.sqlite3 replaced the data with a CSV."""
    from desktop.workers import shown_errors

    window = make_window(language="zh_CN")
    page = fill_quiz(window, qtbot)
    store_file = window.context.store.path
    before = window.context.store.list_students(window.context.class_id)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(store_file), "")))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    errors = shown_errors()
    assert len(errors) == 1 and "是 Lamplight 自己的数据" in errors[0] and "什么都没有写入" in errors[0]
    assert window.context.store.list_students(window.context.class_id) == before
    assert store_file.read_bytes().startswith(b"SQLite format 3")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_dashboard_tables_export_as_shown(make_window, qtbot, monkeypatch, tmp_path, language):
    window = make_window(language=language)
    page = window.open_page("dashboard")
    finish_jobs()
    assert page.groups_model.rowCount() > 0 and page.missed_model.rowCount() > 0, "the demo class should fill every table"
    assert_same(press_export(qtbot, monkeypatch, page.groups_export, tmp_path / "groups.csv"), screen_table(page.groups_model))
    missed = press_export(qtbot, monkeypatch, page.missed_export, tmp_path / "missed.csv")
    assert_same([row[:4] for row in missed], [row[:4] for row in screen_table(page.missed_model)])  # who: every name
    assert all(row[2].endswith("%") for row in missed[1:])  # the miss rate as the screen's percentage, not 0.4
    if language == "zh_CN":
        assert all(not cell.isascii() for cell in missed[0])  # Chinese column names, as on screen


def test_the_needs_help_export_holds_every_case_not_only_those_listed(make_window, qtbot, monkeypatch, tmp_path):
    """Review 46: "Needs help now" lists the most urgent (60 lines); its CSV held those 60 of 240 cases, and said nothing
    of the rest. Here the screen lists 3."""
    from engine.classroom import dashboard

    real = dashboard.urgent_help
    monkeypatch.setattr(dashboard, "urgent_help", lambda needs, per_student=2, limit=3: real(needs, per_student, limit))
    window = make_window()
    page = window.open_page("dashboard")
    finish_jobs()
    needs = page.insights.needs_help
    assert page.help_model.rowCount() == 3 < len(needs), "the demo class has more cases than the screen lists"
    assert "“Export CSV…” saves every case" in page.help_more.text()
    header, *rows = press_export(qtbot, monkeypatch, page.help_export, tmp_path / "help.csv")
    assert header == screen_table(page.help_model)[0] and len(rows) == len(needs)
    shown = screen_table(page.help_model)[1:]
    assert shown and all(line in rows for line in shown), "every line on screen, as shown"


def test_the_most_missed_export_names_every_child_who_missed(make_window, qtbot, monkeypatch, tmp_path):
    """Review 46: the cell read "36: …, and 31 more children" in the file too."""
    window = make_window()
    page = window.open_page("dashboard")
    finish_jobs()
    missed = page.insights.most_missed
    assert any(m.students_missed > 5 for m in missed), "the demo class has an exercise many children missed"
    header, *rows = press_export(qtbot, monkeypatch, page.missed_export, tmp_path / "missed.csv")
    for m, row in zip(missed, rows):
        count, _, names = row[4].partition(": ")
        assert int(count) == m.students_missed == len(names.split(", ")) and "more" not in names, row[4]


def test_student_page_tables_export_as_shown(make_window, qtbot, monkeypatch, tmp_path):
    window = make_window(language="zh_CN")
    page = window.open_page("student")
    finish_jobs()
    for number, (button, model) in enumerate([(page.steps_export, page.steps_model), (page.history_export, page.history_model)]):
        assert model.rowCount() > 0
        exported = press_export(qtbot, monkeypatch, button, tmp_path / f"student{number}.csv")
        assert_same(exported, screen_table(model))
        assert all(not cell.isascii() for cell in exported[0])


def test_while_another_child_loads_nothing_of_the_last_child_can_be_exported_under_the_new_name(make_window, qtbot, monkeypatch, tmp_path):
    """Review 37b: after picking another child, "Export CSV…" saved the last child's answers under the new child's
    name until the page's job ended (seconds on a year of answers)."""
    from tests.gui.test_groups import choose_by_keyboard

    window = make_window()
    page = window.open_page("student")
    finish_jobs()
    first = page.overview.student
    choose_by_keyboard(page.student_combo, page.student_combo.itemText(1))
    chosen = page.student_combo.currentText()
    assert chosen != first.label
    assert page.history_model.rowCount() == 0 and not page.history_export.isEnabled(), "nothing of the last child stays"
    finish_jobs()
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (asked.append(a[2]) or str(tmp_path / "h.csv"), "")))
    qtbot.mouseClick(page.history_export, Qt.MouseButton.LeftButton)
    assert Path(asked[0]).name.startswith(f"{chosen} - ") and page.overview.student.label == chosen
    rows = list(csv.reader((tmp_path / "h.csv").open(encoding="utf-8-sig", newline="")))
    assert len(rows) - 1 == len(page.overview.history)


def test_heat_map_exports_what_it_shows(make_window, qtbot, monkeypatch, tmp_path):
    """Each colour's figure as a percentage a spreadsheet reads as a number, the ✓s as a last column naming the
    mastered skills (review 45c: cells such as "81% ✓" were read as text)."""
    from desktop.i18n import listing

    window = make_window(language="zh_CN")
    page = window.open_page("dashboard")
    finish_jobs()
    heatmap = page.heatmap
    exported = press_export(qtbot, monkeypatch, page.heat_export, tmp_path / "heat.csv")
    assert exported[0] == ["学生", *heatmap.columns, "已掌握的知识点"]  # the skill names across the top, as drawn
    assert [row[0] for row in exported[1:]] == heatmap.rows  # the students down the side, in the drawn order
    for r, row in enumerate(exported[1:]):
        *cells, mastered = row[1:]
        for c, cell in enumerate(cells):
            value = heatmap.values[r][c]
            assert cell == ("" if value is None else f"{value:.0%}")
            assert cell == "" or 0 <= int(cell.rstrip("%")) <= 100
        assert mastered == listing(skill for skill, mark in zip(heatmap.columns, heatmap.marks[r]) if mark)
    assert any(row[-1] for row in exported[1:]), "the demo class has mastered skills"


def test_mastery_bars_export_what_they_show(make_window, qtbot, monkeypatch, tmp_path):
    window = make_window()
    page = window.open_page("student")
    finish_jobs()
    bars = page.bars
    exported = press_export(qtbot, monkeypatch, page.skills_export, tmp_path / "skills.csv")
    assert exported[0] == ["Skill", "Chance of success", "Status"]
    assert len(exported) == len(bars.rows) + 1 > 2
    for i, (name, chance, status) in enumerate(exported[1:]):
        assert name == bars.rows[i][0]
        assert "  ".join(t for t in (chance, status) if t) == bars.row_text(i)  # the words written after the bar


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_report_csv_speaks_the_teachers_language(make_window, qtbot, monkeypatch, tmp_path, language):
    """The class report CSV (the real "CSV" report button): titled columns and skill names in the teacher's language."""
    from desktop.table_csv import report_csv_headers

    window = make_window(language=language)
    store, class_id = window.context.store, window.context.class_id
    page = window.open_page("reports")
    page.refresh()
    page.who.setCurrentIndex(0)  # the whole class
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "class.csv"), "")))
    qtbot.mouseClick(page.report_csv_button, Qt.MouseButton.LeftButton)
    finish_jobs()
    with (tmp_path / "class.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = [[unescape_cell(cell) for cell in row] for row in csv.reader(handle)]
    expected = {"en": ["Student", "Student number", "Answers", "Share right (%)", "Skills mastered", "Skills in all",
                       "Needs help with", "Next skill"],
                "zh_CN": ["学生", "学号", "作答数", "正确率（%）", "已掌握知识点数", "知识点总数", "需要帮助的知识点", "下一个知识点"]}[language]
    assert rows[0][:8] == expected == [report_csv_headers()[k] for k in ("student", "student_number", "answers", "share_right",
                                                                      "skills_mastered", "skills_total", "needs_help_with",
                                                                      "next_skill")]
    quizzes = store.list_quizzes(class_id)
    assert len(rows[0]) == 8 + len(quizzes) + 1, "then a column per paper quiz (its scores), then what is not fully marked"
    assert rows[0][-1] == {"en": "Not fully marked", "zh_CN": "尚未批完"}[language]
    scores = [cell for row in rows[1:] for cell in row[8:-1] if cell]
    absent = {"en": "Absent", "zh_CN": "缺席"}[language]
    assert scores and all(re.fullmatch(r"\d{1,3}%", cell) or cell == absent for cell in scores), \
        "a percentage a spreadsheet reads (review 48c: '100% (2 of 3 marked)')"
    assert len(rows) - 1 == len(store.list_students(class_id))
    shares = [row[3] for row in rows[1:] if row[3]]
    assert shares and all(share.isdigit() and 0 <= int(share) <= 100 for share in shares), "whole percent, as on screen"
    local_names = set(store.skill_names(language).values())
    separator = "、" if language == "zh_CN" else "; "  # a Chinese list's own separator (review 37a)
    run = {"en": " (last 3 answers wrong)", "zh_CN": "（最近 3 次都答错）"}[language]  # review 48a: may be mastered all the same
    named = [name.removesuffix(run) for row in rows[1:] for cell in (row[6], row[7]) for name in cell.split(separator) if name]
    assert named and set(named) <= local_names, "skill names as the teacher's bank calls them in her language"
    assert any(run in row[6] for row in rows[1:]), "the demo class has a child listed for a run of wrong answers"
    if language == "zh_CN":
        assert all(any("\u4e00" <= c <= "\u9fff" for c in name) for name in named)


@pytest.mark.parametrize("language, said", [("en", "Not marked yet: 1"), ("zh_CN", "待批改：1")])
def test_a_written_answer_waiting_for_marking_is_not_exported_as_a_mark(make_window, qtbot, monkeypatch, tmp_path, language, said):
    """Review 29a: a child's written "1" waiting in Mark written answers was exported as the mark 1."""
    from tests.gui.test_quiz_results import click_cell, open_editor, press_enter

    window = make_window(language=language)
    store = window.context.store
    written = store.add_exercise("Name a shape with three sides.", "short_text", answer="triangle",
                                 skills=[store.list_skills()[0].id])
    page = window.open_page("quiz")
    page.create_quiz("Shapes", [written])
    click_cell(page, 0, 0)
    qtbot.keyClick(page.grid, Qt.Key.Key_F2)
    qtbot.keyClicks(open_editor(page), "1")
    press_enter(page)
    assert store.queued_answers(window.context.class_id, written), "the answer waits for the teacher"
    header, first, *_ = press_export(qtbot, monkeypatch, page.export_button, tmp_path / "quiz.csv")
    assert first[2] == said  # after the student number and the name
    assert first[-3:] == ["", "", "1"], "no mark to add up yet; one answer waits for one"
