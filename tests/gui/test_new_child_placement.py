"""A child added in the middle of the year starts where the class is, not at the first skill."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, then, type_text
from tests.gui.test_found_in_use import click_nav

PLACEMENT = {"en": "no answers yet, so this starts where the class has got to",
             "zh_CN": "还没有作答记录，先从全班大多数同学学到的地方开始"}


@pytest.mark.parametrize("language, name", [("en", "Zoe Newcomer"), ("zh_CN", "新同学")])
def test_a_new_child_starts_where_the_demo_class_has_got_to(make_window, real_dialogs, language, name):
    window = make_window(language=language)
    click_nav(window, "classes")
    seen = []
    answers = DialogAnswers().expect(type_text(name, then_press=None),  # Enter, in either language
                                     then(lambda d: seen.append(d.labelText()), type_text("", None)))  # the next: none
    QTest.mouseClick(window.open_page("classes").add_student_button, Qt.MouseButton.LeftButton)
    answers.finish()
    assert seen[0] == {"en": f"{name} is added. The next student's name (empty, or Cancel, when you are done):",
                       "zh_CN": f"已添加{name}。请输入下一个学生的姓名（输入完毕时留空或按“取消”）："}[language]
    finish_jobs()
    click_nav(window, "student")
    page = window.open_page("student")
    finish_jobs()
    page.student_combo.setFocus()
    QTest.keyClick(page.student_combo, Qt.Key.Key_Home)
    for _ in range(page.student_combo.count()):  # the teacher steps through the student box to the new child
        if page.student_combo.currentText() == name:
            break
        QTest.keyClick(page.student_combo, Qt.Key.Key_Down)
    finish_jobs()
    assert page.student_combo.currentText() == name and page.overview.student.name == name
    reasons = [page.steps_model.rows[r][2] for r in range(page.steps_model.rowCount())]
    assert reasons and PLACEMENT[language] in reasons[0]
