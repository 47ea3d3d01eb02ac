"""The practice screen writes a fraction as the child's worksheet does: 3 over 4, never 3/4 (review 41b)."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from tests.gui.conftest import switch_to_new_class
from tests.gui.dialogs import spin
from tests.gui.test_practice import start, tap_name


def _ink_rows(image, left: int, right: int) -> list[int]:
    """The rows of ``image`` (a QImage) with dark pixels between columns ``left`` and ``right``."""
    rows = []
    for y in range(image.height()):
        if any(image.pixelColor(x, y).lightness() < 110 for x in range(left, right)):
            rows.append(y)
    return rows


@pytest.mark.parametrize("language, prompt", [("en", "Which is bigger: 3/4 or 5/8?"), ("zh_CN", "3/4 和 5/8，哪个大？")])
def test_a_fraction_in_the_question_is_stacked_on_the_practice_screen(make_window, language, prompt, tmp_path):
    window = make_window(demo=False, language=language)
    store = window.context.store
    switch_to_new_class(window, "4B", students=["Ana Lopez", "Ben Okafor"])
    store.add_exercise(prompt, "multiple_choice", "3/4", choices=["3/4", "5/8"], skills=[store.add_skill("Fractions")])
    page = start(window)
    window.resize(1366, 768)
    spin(50)
    tap_name(page)
    spin(100)
    shown = page.prompt
    assert shown.text().replace("\u2060", "") == prompt and shown.isVisible()  # (a word joiner keeps 大？ with 个)
    image = shown.grab().toImage()
    image.save(str(tmp_path / f"prompt-{language}.png"))
    assert image.width() > 600, "the question has the screen's width"
    # the question stays on one line, its fractions' digits above and below their bars: its ink reaches well above and
    # below that of the same words in the slash form (a half more: the digits stand a line and a half high)
    flat = QLabel(prompt)
    flat.setFont(shown.font())
    flat.adjustSize()
    assert _ink_height(image) > 1.25 * _ink_height(flat.grab().toImage()), "3 over a bar over 4"
    assert shown.height() < 3 * shown.fontMetrics().height(), "one line of question, not three"
    # and so are the choices' buttons, each as tall as a fingertip still
    button = page.choice_group.button(0)
    assert button.text() == "3/4" and button.height() >= 72
    flat_button = QPushButton("3/4")
    flat_button.setFont(button.font())
    flat_button.resize(button.size())
    assert _ink_height(button.grab().toImage()) > 1.25 * _ink_height(flat_button.grab().toImage())


def _ink_height(image) -> int:
    rows = _ink_rows(image, 0, image.width())
    return rows[-1] - rows[0] + 1


def test_a_long_choice_with_a_fraction_wraps_inside_a_taller_button(make_window):
    """Review 42e: at 1024 x 600 a long choice with a fraction wrapped to two lines in a button of one line's height, the
    top of the 7 and the last word cut off."""
    from desktop.widgets.fraction_text import lay_out

    window = make_window(demo=False)
    store = window.context.store
    switch_to_new_class(window, "4B", students=["Ana Lopez", "Ben Okafor"])
    choices = ["7/8 of a very long chocolate bar shared with friends", "1/2 of a very long chocolate bar", "2/3 of it", "3/8"]
    store.add_exercise("Which is the most chocolate?", "multiple_choice", choices[0], choices=choices,
                       skills=[store.add_skill("Fractions")])
    page = start(window)
    window.resize(1024, 600)
    spin(50)
    tap_name(page)
    spin(200)
    longest = page.choice_group.button(0)
    lines = lay_out(longest, longest.text(), longest.width() - 2 * longest.TEXT_MARGIN)
    assert len(lines.items) >= 2, "it wraps at this width"
    assert longest.height() >= lines.height() + longest.TEXT_MARGIN, (longest.height(), lines.height())


def test_a_fraction_typed_with_a_chinese_keyboard_shows_in_plain_digits_and_is_right(make_window):
    """Review 51c: １／２ typed with a Chinese input method showed as "1□2" (the bundled font has no full-width ／)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tests.gui.test_new_class_pick import type_search

    window = make_window(demo=False, language="zh_CN")
    store = window.context.store
    switch_to_new_class(window, "三年级二班", students=["王芳", "李娜"])
    store.add_exercise("把一个饼平均分成2份，每份是它的几分之几？", "numeric", "1/2", skills=[store.add_skill("分数")])
    page = start(window)
    tap_name(page)
    spin(50)
    page.answer_edit.setFocus()
    type_search(page.answer_edit, "１／２，")  # as a Chinese input method commits it
    assert page.answer_edit.text() == "1/2，", "digits and signs plain; Chinese punctuation stays"
    QTest.keyClick(page.answer_edit, Qt.Key.Key_Backspace)
    QTest.keyClick(page.answer_edit, Qt.Key.Key_Return)
    spin(50)
    assert page.feedback.text().startswith("答对了")
