"""The report (PDF and CSV) says what the student page says about the same child: same words, same figures.

A child with no answers on a skill has no figure on screen ("no answers yet"); the report used to print the
model's starting guess (48%) and "not started" for it, and "learning" where the screen said "too few answers to say".
"""
from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from desktop.table_csv import report_csv_headers
from desktop.views.mastery_text import MasteryTexts
from tests.gui.conftest import finish_jobs
from tests.gui.pdf_pages import read_pdf, squash


def _save_to(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _screen_rows(window, student_id):
    """(skill, figure or "", words) per skill, as the student page shows them."""
    page = window.open_page("student")
    finish_jobs()
    page.student_combo.setCurrentIndex(page.student_combo.findData(student_id))
    finish_jobs()
    assert str(page.overview.student.id) == str(student_id)
    model = page.skills_model
    return [tuple(model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole) for c in range(3)) for r in range(model.rowCount())]


def texts_of_reports():
    from desktop.views.reports import printout_texts

    return printout_texts()


def _report(window, monkeypatch, tmp_path, student_id, kind):
    page = window.open_page("reports")
    page.refresh()
    page.who.setCurrentIndex(page.who.findData(student_id))
    path = tmp_path / f"{student_id}.{kind}"
    _save_to(monkeypatch, path)
    button = page.report_pdf_button if kind == "pdf" else page.report_csv_button
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    finish_jobs()
    return path


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_report_and_student_page_agree_for_an_absent_child_and_one_with_one_answer(make_window, tmp_path, monkeypatch, language):
    window = make_window(language=language)
    store, class_id = window.context.store, window.context.class_id
    absent = store.add_student(class_id, "Ava Hall")
    one = store.add_student(class_id, "Aisha Khan")
    exercise = next(e for e in store.list_exercises() if e.kind == "numeric")
    store.record_response(one, exercise.id, 1.0, answer=exercise.answer, source="practice")

    for student in (absent, one):
        screen = _screen_rows(window, student)
        pages = read_pdf(_report(window, monkeypatch, tmp_path, student, "pdf"))
        printed = "".join(squash(p.text) for p in pages)
        for skill, figure, words in screen:  # a skill without answers is named in the report's line of them (review 42)
            assert (squash(skill) in printed or student == absent) and \
                (squash(words) in printed or words == MasteryTexts().verdict("not started")), (skill, words)
        printed_words = [w for _, _, w in screen]
        rows = list(csv.DictReader(_report(window, monkeypatch, tmp_path, student, "csv").open(encoding="utf-8-sig")))
        column = report_csv_headers()  # the columns are titled in the teacher's language
        assert [(r[column["skill"]], r[column["status"]]) for r in rows] == [(s, w) for s, _, w in screen]
        for row, (_, figure, _) in zip(rows, screen):
            assert (row[column["chance_of_success"]] == "") == (figure == "")
            assert (row[column["sure_mastered"]] == "") == (figure == ""), "review 27b: 95% 'mastered' with no answer"
            assert row[column["right"]].replace(".", "", 1).isdigit() and not row[column["right"]].endswith(".0")
            if figure:
                assert f"{row[column['chance_of_success']]}%" == figure.replace(" ", ""), "in whole percent, as on screen"
        if student == absent:
            assert all(figure == "" for _, figure, _ in screen)
            assert "%" not in printed.split(squash(texts_of_reports()["next"]))[0], "no figure for a skill the child never answered"
            assert len(set(printed_words)) == 1
            assert squash(texts_of_reports()["child_no_answers"]) in printed
        else:
            answered = [(f, w) for _, f, w in screen if f]
            assert len(answered) >= 1 and all(squash(f) in printed for f, _ in answered)
            assert all(w not in ("learning", "mastered", "学习中", "已掌握") for _, w in answered)


def test_the_dashboard_ticks_only_skills_a_child_showed_with_enough_answers(make_window):
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    absent = store.add_student(class_id, "Ava Hall")
    two = store.add_student(class_id, "Aisha Khan")
    exercise = next(e for e in store.list_exercises() if e.kind == "numeric")
    for _ in range(2):
        store.record_response(two, exercise.id, 1.0, answer=exercise.answer, source="practice")
    dashboard = window.open_page("dashboard")
    finish_jobs()
    table = dashboard.insights.mastery
    rows = dashboard.heatmap.rows
    ticks = 0
    for r, student in enumerate(table.students):
        for c, skill in enumerate(table.skills):
            cell = table.cells[student][skill]
            if dashboard.heatmap.marks[r][c] == "✓":
                ticks += 1
                assert cell.answered >= 3, (rows[r], skill, cell.answered)
            if cell.answered == 0:
                assert dashboard.heatmap.values[r][c] is None and dashboard.heatmap.marks[r][c] == ""
    assert ticks > 0
    for name in ("Ava Hall", "Aisha Khan"):
        assert set(dashboard.heatmap.marks[rows.index(name)]) == {""}, name


def test_the_class_report_ticks_what_the_dashboard_ticks(make_window, tmp_path, monkeypatch):
    """Review 30c: the class report printed percentages only; 81% "not sure yet" and 78% mastered looked alike."""
    window = make_window()
    dashboard = window.open_page("dashboard")
    finish_jobs()
    heat = dashboard.heatmap
    ticked = [(heat.rows[r], c) for r in range(len(heat.rows)) for c in range(len(heat.marks[r])) if heat.marks[r][c] == "✓"]
    assert ticked
    page = window.open_page("reports")
    assert page.who.currentData() is None  # the whole class: the summary first
    path = tmp_path / "class.pdf"
    _save_to(monkeypatch, path)
    QTest.mouseClick(page.report_pdf_button, Qt.MouseButton.LeftButton)
    finish_jobs()
    text = "".join(p.text for p in read_pdf(path))
    assert text.count("✓") == len(ticked) + 2, "the ticks of the dashboard, and the two in the key"
    assert squash("✓ marks a mastered skill") in squash(text)
