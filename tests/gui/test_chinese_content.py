"""Chinese content, not only Chinese menus (issue 18): the bank, practice and the first-run demo class in 简体中文."""
from __future__ import annotations

import argparse
import re

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from desktop.i18n import WORD_JOINER
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, press
from tests.gui.test_found_in_use import click, click_nav, pick_language
from tests.gui.test_practice import answer, start, tap_name

HAN = re.compile(r"[\u4e00-\u9fff]")


def bank_rows(page) -> dict[str, list[str]]:
    """The bank table as the teacher sees it: exercise key -> the texts of its cells."""
    model = page.model
    return {
        model.payloads[r].key: [str(model.index(r, c).data(Qt.ItemDataRole.DisplayRole)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    }


def test_bank_shows_chinese_prompts_after_switching_language_in_settings(make_window):
    window = make_window(language="en")
    click_nav(window, "bank")
    english = bank_rows(window.pages["bank"])
    assert english["starter-math:measure-unit"][0] == "Which unit would you use to measure the length of a classroom?"

    pick_language(window, "简体中文")
    click_nav(window, "bank")
    chinese = bank_rows(window.pages["bank"])
    assert chinese.keys() == english.keys()
    prompt, _kind, key, skills = chinese["starter-math:measure-unit"]
    assert (prompt, key, skills) == ("量教室的长度，用哪个单位合适？", "米", "测量与时间")
    assert chinese["starter-math:add-within-20-1-1"][3] == "20以内的加法"
    with_words = [row[0] for row in chinese.values() if re.search(r"[A-Za-z]{2,}", row[0])]
    assert not with_words, with_words[:3]
    assert sum(bool(HAN.search(row[0])) for row in chinese.values()) >= 300
    skill_filter = window.pages["bank"].skill_filter
    assert "乘法" in [skill_filter.itemText(i) for i in range(skill_filter.count())]

    pick_language(window, "English")
    click_nav(window, "bank")
    assert bank_rows(window.pages["bank"])["starter-math:measure-unit"][2] == "metres"


def test_practice_in_chinese_shows_the_chinese_text_and_marks_the_same_answers(make_window):
    window = make_window(language="zh_CN")
    store = window.context.store
    page = start(window, length=3)
    student = tap_name(page)
    for step in range(3):
        exercise = page.class_data.exercises[page.step.exercise_id]
        assert exercise == store.get_exercise(exercise.id, "zh_CN")  # the bank's Chinese text, same exercise
        assert page.prompt.text().replace(WORD_JOINER, "") == exercise.prompt  # the last two characters kept together
        if exercise.choices:
            shown = [page.choice_group.button(i).text() for i in range(len(exercise.choices))]
            assert shown == list(exercise.choices)
        answer(page, right=True)
        finish_jobs()
        latest = store.list_responses(student_id=student.id)[-1]
        assert (latest.exercise_id, latest.score) == (exercise.id, 1.0)
        assert page.feedback.text() and not page.feedback.text().startswith("Right")  # praise in Chinese
        click(page.next_button)  # once the child could have read the feedback (a tap at once is ignored)


def test_first_run_in_chinese_makes_a_demo_class_with_chinese_names(make_window, real_dialogs):
    from desktop.app import after_start

    window = make_window(demo=False, language="zh_CN")
    answers = DialogAnswers().expect(lambda box: QTest.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton),
                                     press("以后再说"))  # the welcome's teacher-password offer, skipped
    after_start(window, argparse.Namespace(page=None, demo=False))
    answers.finish()
    finish_jobs()
    store = window.context.store
    assert window.class_combo.currentText() == "示范班级"
    students = store.list_students(window.context.class_id)
    assert len(students) == 30 and all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", s.name) for s in students)
    click_nav(window, "classes")
    assert window.pages["classes"].isVisible()
