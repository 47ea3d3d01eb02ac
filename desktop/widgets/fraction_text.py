"""A paragraph shown as the printouts set it: fractions stacked, 3 over 4, never 3/4.

Review 41b: a child's worksheet writes 5/12 as a textbook does, but the practice screen showed the slash form a
Chinese third grader has never seen. The layout is the printouts' own (:meth:`desktop.pdf.Canvas.lay_out`), so a
question looks the same on the screen as on paper.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.pdf import FRACTION, TEACHER, Canvas, Lines


def has_fraction(text: str) -> bool:
    """Whether ``text`` holds a fraction that is shown stacked (3/4; not a date's 6/12/2026)."""
    return FRACTION.search(text) is not None


def lay_out(widget: QWidget, text: str, width: float, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> Lines:
    """``text`` wrapped to ``width`` in ``widget``'s font, its fractions stacked."""
    font = QFont(widget.font())
    if font.pixelSize() > 0:  # a pixel-sized font has no point size, and the fractions' digits are sized from it
        font.setPointSizeF(font.pixelSize() * 72.0 / widget.logicalDpiY())
    return Canvas(widget, TEACHER).lay_out(text, font, max(1.0, width), align, fractions=True)


def draw_centred(painter: QPainter, widget: QWidget, text: str, rect: QRectF) -> None:
    """``text`` laid out by :func:`lay_out`, each line centred, in the middle of ``rect`` (a choice's button), in the
    painter's pen."""
    lines = lay_out(widget, text, rect.width(), Qt.AlignmentFlag.AlignHCenter)
    lines.draw(painter, rect.x(), rect.y() + (rect.height() - lines.height()) / 2)


class FractionText(QWidget):
    """Wrapped text in the widget's font with its fractions stacked (``setText``/``text`` as a word-wrapping
    ``QLabel``); its height follows its width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._laid_out: tuple[int, str, str, Lines] | None = None  # (width, text, font key, lines)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 (QLabel's name)
        self._text = text
        self.setAccessibleName(text)  # what a screen reader says (a QLabel's text would be)
        self.updateGeometry()
        self.update()

    def _lines(self, width: int) -> Lines:
        kept = self._laid_out
        if kept is None or kept[:3] != (width, self._text, self.font().key()):
            kept = self._laid_out = (width, self._text, self.font().key(), lay_out(self, self._text, width))
        return kept[3]

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        return int(self._lines(width).height() + 0.999) if self._text else 0

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        width = max(self.width(), 200)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(100, self.heightForWidth(max(self.width(), 100)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # a narrower screen wraps to more lines

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if not self._text:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        self._lines(self.width()).draw(painter, 0, 0)
        painter.end()
