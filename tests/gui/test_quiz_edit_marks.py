"""Edit quiz → Save: the question about marks counts the removed and the replaced questions' marks apart
(review 22, finding 17), in English and Chinese."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.gui.dialogs import DialogAnswers, press, spin
from tests.gui.test_quiz_edit import click, click_row, quiz_with_marks

KEEP = {"en": "Keep as answers", "zh_CN": "保留为作答记录"}


def wait_for_proposals(dialog) -> None:
    for _ in range(1500):
        if dialog.table.rowCount():
            return
        spin(20)
    raise AssertionError("no proposals shown")


def use_first_proposal(dialog) -> None:
    wait_for_proposals(dialog)
    click_row(dialog.table, 0)
    click(dialog, dialog.use_button.text())


def press_replace_on(row: int):
    def step(dialog) -> None:
        click_row(dialog.table, row)
        click(dialog, dialog.replace_button.text())  # returns once the replacement dialog (answered next) closed
    return step


def remove_row_then_save(row: int):
    def step(dialog) -> None:
        click_row(dialog.table, row)
        click(dialog, dialog.remove_button.text())
        click(dialog, dialog.save_button.text())
    return step


def save(dialog) -> None:
    click(dialog, dialog.save_button.text())


@pytest.mark.parametrize("language, expected, wrong", [
    ("en", "The questions you replaced already have 1 mark.", "removed"),
    ("zh_CN", "您换掉的题目已经有 1 个分数。", "您删除的题目"),
])
def test_the_marks_of_a_replaced_question_are_called_replaced(make_window, real_dialogs, language, expected, wrong):
    window = make_window(language=language)
    page, quiz_id, (a, b, c, d), students, _ = quiz_with_marks(window)  # a: 1 mark; b: 2 marks
    answers = DialogAnswers()
    answers.expect(press_replace_on(0), use_first_proposal, save, press(KEEP[language]),
                   press({"en": "OK", "zh_CN": "确定"}[language]))  # then: enter the new Q1's marks
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    shown = answers.finish(timeout_ms=60000)
    assert expected in shown[-2].text and wrong not in shown[-2].text
    assert {"en": "Enter the marks of Q1 for every child", "zh_CN": "请为每个学生录入第1题的分数"}[language] in shown[-1].text
    assert a.id not in window.context.store.get_quiz(quiz_id).exercise_ids


def test_a_replacement_removed_again_counts_its_original_as_removed(make_window, real_dialogs):
    window = make_window()
    page, quiz_id, (a, b, c, d), students, _ = quiz_with_marks(window)
    answers = DialogAnswers()
    # replace b (2 marks), then remove its replacement: b counts as removed, nothing as replaced
    answers.expect(press_replace_on(1), use_first_proposal, remove_row_then_save(1), press("Cancel"), press("Cancel"))
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    shown = answers.finish(timeout_ms=60000)
    assert "The questions you removed already have 2 marks." in shown[-2].text and "replaced" not in shown[-2].text
