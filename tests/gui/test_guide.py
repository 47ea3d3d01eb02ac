"""Help → "How to use Lamplight": the shipped, illustrated guide opens offline in the app's language."""
from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtCore import QUrl

from desktop.views.guide import GUIDE_DIR
from tests.gui.dialogs import DialogAnswers, press, then

SECTIONS = {
    "en": ["Your first day", "A paper quiz", "Marking written answers", "Practice mode", "Reading the dashboard", "Backups", "What “mastered” means",
           "Groups and a practice focus", "Worksheets, reports and letters", "The exercise bank",
           "The model, and learning with other schools"],
    "zh_CN": ["第一天", "纸笔测验", "批改书面答案", "练习模式", "看懂班级概览", "备份", "“已掌握”是什么意思", "小组和练习重点", "练习单、报告和给家长的信",
              "练习题库", "模型，以及与其他学校一起学习"],
}


def help_action(window, text):
    """The action of the Help menu whose text (without ``&``) is ``text``."""
    help_menu = window.menuBar().actions()[-1].menu()
    found = [a for a in help_menu.actions() if a.text().replace("&", "").split("(")[0] == text]
    assert found, [a.text() for a in help_menu.actions()]
    return found[0]


@pytest.mark.parametrize("language, action_text", [("en", "How to use Lamplight"), ("zh_CN", "如何使用 Lamplight")])
def test_the_guide_opens_from_the_help_menu_with_its_pictures(make_window, real_dialogs, language, action_text):
    window = make_window(language=language)
    seen = {}

    def look(dialog):
        browser = dialog.browser
        document = browser.document()
        seen["text"] = document.toPlainText()
        images = re.findall(r'<img src="([^"]+)"', (GUIDE_DIR / f"guide_{language}.html").read_text(encoding="utf-8"))
        seen["images"] = images
        seen["loaded"] = [not document.resource(QTextDocument.ResourceType.ImageResource, QUrl(src)) is None for src in images]
        seen["sizes"] = [browser.loadResource(QTextDocument.ResourceType.ImageResource, QUrl(src)) for src in images]
        seen["title"] = dialog.windowTitle()

    answers = DialogAnswers().expect(then(look, press("Close" if language == "en" else "关闭")))
    help_action(window, action_text).trigger()
    answers.finish()
    for heading in SECTIONS[language]:
        assert heading in seen["text"], heading
    assert seen["title"] == action_text
    assert len(seen["images"]) == 8 and all(src.startswith(f"images/{language}-") for src in seen["images"])
    assert all(image is not None and not image.isNull() for image in seen["sizes"]), "every picture is shipped and loads"


def test_both_guides_have_the_same_sections_and_pictures():
    pictures = {}
    for language in SECTIONS:
        html = (GUIDE_DIR / f"guide_{language}.html").read_text(encoding="utf-8")
        pictures[language] = [src.split("-", 1)[1] for src in re.findall(r'<img src="images/([^"]+)"', html)]
        anchors = re.findall(r'<a name="([^"]+)">', html)
        assert anchors == ["first-day", "paper-quiz", "marking", "practice", "dashboard", "backups", "mastered", "groups",
                           "printouts", "bank", "model"]
        assert all((GUIDE_DIR / "images" / f"{language}-{name}").exists() for name in pictures[language])
    assert pictures["en"] == pictures["zh_CN"]


@pytest.mark.parametrize("screen, heading", [("settings", "6. Backups"), ("quiz", "2. A paper quiz"), ("classes", "How to use Lamplight"),
                                             ("reports", "9. Worksheets"), ("bank", "10. The exercise bank"), ("model", "11. The model"),
                                             ("marking", "3. Marking written answers")])
@pytest.mark.parametrize("resized", [False, True])
def test_f1_opens_the_guide_at_the_section_about_the_screen(make_window, real_dialogs, screen, heading, resized):
    """Review 26: F1 always opened the guide at its top."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    from tests.gui.test_found_in_use import click_nav

    window = make_window()
    click_nav(window, screen)
    seen = {}

    def look(dialog):
        browser = dialog.browser
        if resized:  # as a window manager may size it once shown (review 44: the heading then scrolled out of sight)
            dialog.resize(560, 700)
            QApplication.processEvents()
            QApplication.processEvents()
        top = browser.cursorForPosition(QPoint(8, 8))  # the first line in view
        top.select(top.SelectionType.LineUnderCursor)
        seen["top"] = top.selectedText()
        bottom = browser.cursorForPosition(QPoint(browser.viewport().width() - 8, browser.viewport().height() - 8))
        seen["in view"] = browser.document().toPlainText()[top.selectionStart():bottom.position() + 1]
        seen["at the end"] = browser.verticalScrollBar().value() == browser.verticalScrollBar().maximum()

    action = help_action(window, "How to use Lamplight")
    assert action.shortcut().toString() == "F1"
    answers = DialogAnswers().expect(then(look, press("Close")))
    action.trigger()  # what F1 (or the Help menu) does
    answers.finish()
    assert seen["top"].startswith(heading), seen  # review 35d: the last sections too (they opened below section 7's end)


def test_once_the_teacher_scrolls_a_new_window_size_leaves_the_guide_where_she_is(make_window, real_dialogs):
    """The section is kept at the top on a resize only until the teacher scrolls herself."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from tests.gui.test_found_in_use import click_nav

    window = make_window()
    click_nav(window, "settings")
    seen = {}

    def scroll_then_resize(dialog):
        browser = dialog.browser
        QTest.keyClick(browser.viewport(), Qt.Key.Key_PageDown)
        seen["scrolled"] = browser.verticalScrollBar().value()
        dialog.resize(560, 700)
        QApplication.processEvents()
        QApplication.processEvents()
        top = browser.cursorForPosition(QPoint(8, 8))
        top.select(top.SelectionType.LineUnderCursor)
        seen["top"], seen["after"] = top.selectedText(), browser.verticalScrollBar().value()

    answers = DialogAnswers().expect(then(scroll_then_resize, press("Close")))
    help_action(window, "How to use Lamplight").trigger()
    answers.finish()
    assert not seen["top"].startswith("6. Backups") and seen["after"] >= seen["scrolled"] > 0, seen


def test_a_picture_opens_full_size_when_clicked_and_a_contents_link_still_scrolls(make_window, real_dialogs):
    """Review 34a: the pictures, shrunk into the guide, could not be read in Chinese."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    window = make_window(language="zh_CN")
    seen = {}

    def click_at(browser, wanted):
        view = browser.viewport()
        for y in range(5, view.height(), 10):
            for x in range(5, view.width(), 20):
                if wanted(browser.anchorAt(QPoint(x, y))):
                    QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
                    QApplication.processEvents()
                    return True
        return False

    def look(dialog):
        browser = dialog.browser
        assert click_at(browser, lambda href: href == "#paper-quiz"), "the contents link to the paper quiz"
        seen["scrolled"] = browser.verticalScrollBar().value()
        assert click_at(browser, lambda href: href.endswith("zh_CN-paper-quiz.png")), "its picture, now at the top"
        picture = dialog.picture
        seen["picture"] = (picture.isVisible(), picture.image.pixmap().width())
        picture.reject()
        press("关闭")(dialog)

    answers = DialogAnswers().expect(look)
    help_action(window, "如何使用 Lamplight").trigger()
    answers.finish()
    assert seen["scrolled"] > 0
    assert seen["picture"] == (True, 1180), "shown at the size it was taken, not the guide's 760 pixels"
