"""Help → "How to use Lamplight": the illustrated guide shipped in ``resources/guide``, shown offline.

The guide is one HTML page per language (``guide_en.html``,
``guide_zh_CN.html``) with screenshots in ``resources/guide/images``, made by
``python -m desktop.guide_shots`` (see that module). Links inside the page
jump to its sections; nothing is fetched from the network.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QTextBrowser, QVBoxLayout, QWidget

GUIDE_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "guide"


SECTIONS = {"quiz": "paper-quiz", "marking": "marking", "practice": "practice", "dashboard": "dashboard",
            "student": "mastered", "reports": "printouts", "settings": "backups", "bank": "bank", "model": "model"}
"""The guide's section about each screen (the others: "first-day"), where F1 opens it."""


def guide_file(language: str) -> Path:
    """The guide in ``language``, else the English one."""
    own = GUIDE_DIR / f"guide_{language}.html"
    return own if own.exists() else GUIDE_DIR / "guide_en.html"


class GuideDialog(QDialog):
    """The guide in a text browser, in the app's language."""

    def __init__(self, language: str, parent: QWidget | None = None, screen: str = "") -> None:
        """``screen``: the key of the screen the teacher is on; the guide opens at its section."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("How to use Lamplight"))
        self.resize(820, 640)
        box = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)  # a section link scrolls; a picture opens full size (review 34a: unreadable)
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setSearchPaths([str(GUIDE_DIR)])
        self.browser.setSource(QUrl.fromLocalFile(str(guide_file(language))))
        # Room after the last section, so that any section can come to the top (review 35d: the model's opened with
        # the end of section 7 above it); F1 opens at the screen's section once the window has its size.
        root = self.browser.document().rootFrame()
        room = root.frameFormat()
        room.setBottomMargin(self.screen().availableGeometry().height())
        root.setFrameFormat(room)
        self.section = SECTIONS.get(screen, "")  # review 26: F1 always opened at the top
        self.browser.verticalScrollBar().actionTriggered.connect(self._scrolled)  # the teacher's scrolling only
        box.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        box.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.section:
            self.go_to(self.section)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Until the teacher scrolls, the section stays at the top when the window gets another size: the text,
        laid out again at the new width, left its heading scrolled out of sight (review 44: a window manager
        sized the guide after it was shown)."""
        super().resizeEvent(event)
        if self.section:
            QTimer.singleShot(0, lambda: self.section and self.go_to(self.section))  # once the browser has laid it out

    def _scrolled(self, _action: int) -> None:
        self.section = ""

    def go_to(self, section: str) -> None:
        """Scroll the section's heading to the top with a little room above it (review 37a: it was half cut off)."""
        self.browser.scrollToAnchor(section)
        bar = self.browser.verticalScrollBar()
        bar.setValue(max(0, bar.value() - self.browser.fontMetrics().height()))

    def _follow(self, url: QUrl) -> None:
        """A picture opens full size in a window of its own; a section link scrolls the guide to it."""
        if url.path().endswith(".png"):
            self.picture = PictureDialog(GUIDE_DIR / "images" / Path(url.path()).name, self)
            self.picture.open()
        elif url.hasFragment() and not url.path():
            self.section = url.fragment()
            self.go_to(self.section)
        else:
            self.browser.setSource(self.browser.source().resolved(url))


class PictureDialog(QDialog):
    """One of the guide's screenshots at its own size (scrolls where the screen is smaller)."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("How to use Lamplight"))
        box = QVBoxLayout(self)
        self.image = QLabel()
        self.image.setObjectName("guidePicture")
        self.image.setPixmap(QPixmap(str(path)))
        area = QScrollArea()
        area.setWidget(self.image)
        box.addWidget(area, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = self.image.pixmap().width() + 40, self.image.pixmap().height() + 80
        self.resize(min(width, screen.width() - 40) if screen else width, min(height, screen.height() - 60) if screen else height)
