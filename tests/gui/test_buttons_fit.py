"""Every button on every screen shows its whole text in the window a 1366x768 laptop gives the app."""
import pytest

from desktop.main_window import PAGES
from desktop.workers import wait_for_all
from tests.gui.test_found_in_use import click_nav


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_button_is_squeezed_below_its_text(make_window, language):
    """The guide's first-day picture showed "…ete with all their da" and "…mport roster (CSV)": six
    buttons in one row were squeezed narrower than their words."""
    from PySide6.QtWidgets import QPushButton

    window = make_window(language=language)
    window.resize(1180, 728)  # what the window gets on a 1366x768 screen after the title and task bars
    squeezed = []
    for key, *_ in PAGES:
        click_nav(window, key)
        assert wait_for_all(30000)
        page = window.pages[key]
        for button in page.findChildren(QPushButton):
            if button.isVisible() and button.text() and button.width() < button.sizeHint().width():
                squeezed.append(f"{key}: {button.text()!r} {button.width()} of {button.sizeHint().width()} px")
    assert not squeezed, squeezed
