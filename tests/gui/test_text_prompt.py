"""The password and recovery-key prompts wrap their words: OK and Cancel stay on a 1366×768 screen.

The reviewer found the "Encrypt the data…" prompt (a Qt QInputDialog with the
strength rule on one line) about 2,060 pixels wide, its buttons off screen.
These tests open the longest real prompt the way a teacher meets it (a weak
password typed first), measure it, then answer it with its own buttons.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from desktop.prompts import PROMPT_WIDTH, TextPrompt
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, press, type_text

SCREEN = (1366, 768)
CANCEL = {"en": "Cancel", "zh_CN": "取消"}
OK = {"en": "OK", "zh_CN": "确定"}
ENCRYPT = {"en": "Encrypt the data", "zh_CN": "加密数据"}


def fits_on_a_laptop_screen(dialog: QWidget) -> dict:
    """The dialog's size and where its OK button is; fails when either is off a 1366×768 screen."""
    hint = dialog.sizeHint()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    corner = ok.mapTo(dialog, QPoint(ok.width(), ok.height()))
    assert hint.width() <= SCREEN[0] and dialog.width() <= SCREEN[0], (hint, dialog.size())
    assert hint.height() <= SCREEN[1] - 60 and dialog.height() <= SCREEN[1] - 60, (hint, dialog.size())  # a task bar
    assert ok.isVisible() and dialog.rect().contains(corner), (ok.geometry(), dialog.rect())
    return {"width": dialog.width(), "height": dialog.height(), "text": dialog.findChild(QWidget, "promptText").text()}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_longest_password_prompt_fits_a_1366x768_screen(make_window, real_dialogs, language):
    window = make_window(language=language)
    window.resize(*SCREEN)
    page = window.open_page("settings")
    page.refresh()
    sizes: list[dict] = []

    def measured(then):
        def step(dialog: QWidget) -> None:
            assert isinstance(dialog, TextPrompt), type(dialog).__name__
            sizes.append(fits_on_a_laptop_screen(dialog))
            then(dialog)
        return step

    answers = DialogAnswers().expect(
        press(ENCRYPT[language]),
        measured(type_text("teacher2024", OK[language])),  # the longest: why a password is needed and the whole rule
        measured(press(CANCEL[language])),  # too weak: the prompt says why, then the rule in one line
    )
    QTest.mouseClick(page.encrypt_button, Qt.MouseButton.LeftButton)
    finish_jobs()
    seen = answers.finish()
    first, refused = seen[1].text, seen[2].text
    assert len(first) > 150, "the first prompt: why a strong password is needed and the whole rule"
    assert ("teacher" in refused.lower() and "anyone at the school" in refused) if language == "en" else "教师" in refused
    example = "owl-river-lantern-7" if language == "en" else "xiongmao-hebian-denglong-7"  # pinyin: no input method in a password field
    assert example in refused and len(refused) < len(first), "after a refusal the rule is one line"
    assert len(sizes) == 2 and all(size["width"] <= PROMPT_WIDTH + 60 for size in sizes), "the words wrap at about 520 pixels"


def test_a_short_prompt_stays_small_and_the_typed_password_is_hidden(qtbot):
    dialog = TextPrompt(None, "Teacher password", "Current teacher password:")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() < 400 and dialog.height() < 150
    QTest.keyClicks(dialog.field, "owl-42")
    assert dialog.field.text() == "owl-42" and dialog.field.displayText() != "owl-42"
    key = TextPrompt(None, "Recovery key", "Type the recovery key you wrote down:", password=False)
    qtbot.addWidget(key)
    QTest.keyClicks(key.field, "K7QM-2XPA")
    assert key.field.displayText() == "K7QM-2XPA", "a recovery key is shown as typed (it is long)"


@pytest.mark.parametrize(("language", "title"), [("en", "Recovery key"), ("zh_CN", "恢复密钥")])
def test_the_window_that_shows_the_recovery_key_is_titled_recovery_key(app, qtbot, language, title):
    from desktop.i18n import install_language
    from desktop.security import RecoveryKeyDialog

    install_language(app, language)
    try:
        dialog = RecoveryKeyDialog(None, "K7QM-2XPA-9HRT-W4LC-8NDF-3JVB-6SEY-5UGZ")
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == title
    finally:
        install_language(app, "en")


def test_escape_on_the_recovery_key_asks_before_the_key_is_gone(app, qtbot, real_dialogs):
    """Review 43: the key is shown only once, and one press of Escape closed it without a word."""
    from PySide6.QtCore import Qt

    from desktop.security import RecoveryKeyDialog
    from tests.gui.dialogs import DialogAnswers, press

    dialog = RecoveryKeyDialog(None, "K7QM-2XPA-9HRT-W4LC-8NDF-3JVB-6SEY-5UGZ")
    qtbot.addWidget(dialog)
    dialog.show()
    asked = DialogAnswers().expect(press("Go back to the key"))
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    [question] = asked.finish()
    assert "shown only this once" in question.text and dialog.isVisible()
    asked = DialogAnswers().expect(press("Close"))
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    asked.finish()
    assert not dialog.isVisible()
