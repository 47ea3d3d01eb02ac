"""Mastery per skill as horizontal bars with their uncertainty band (QPainter)."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.views.base import mastery_colour


class MasteryBars(QWidget):
    """One row per skill: a bar to the estimate, a line for the (low, high) band, the figure and a status word.

    ``rows`` holds (skill name, estimate, low, high, status text, mastered
    level); a dashed mark in each row shows that skill's mastered level
    (skills that knowing students often slip on have a lower one). An
    estimate of None (no answers yet) draws no bar: nothing to show.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float | None, float, float, str, float]] = []
        self.row_height = 26
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_rows(self, rows: Sequence[tuple[str, float | None, float, float, str, float]]) -> None:
        self.rows = list(rows)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 20 + self.row_height * max(1, len(self.rows)))

    minimumSizeHint = sizeHint

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        left = max([metrics.horizontalAdvance(r[0]) for r in self.rows] + [60]) + 12
        status_width = max([metrics.horizontalAdvance(self.row_text(i)) for i in range(len(self.rows))] + [60]) + 12
        width = max(60.0, self.width() - left - status_width - 10)
        text = self.palette().text().color()
        level_pen = QPen(QColor("#1b5e20"), 1, Qt.PenStyle.DashLine)
        for i, (name, estimate, low, high, status, level) in enumerate(self.rows):
            y = 10 + i * self.row_height
            painter.setPen(text)
            painter.drawText(QRectF(0, y, left - 8, self.row_height), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), name)
            track = QRectF(left, y + 6, width, self.row_height - 12)
            painter.fillRect(track, QColor("#eeeeee"))
            painter.setPen(level_pen)
            painter.drawLine(QPointF(left + width * level, y + 1), QPointF(left + width * level, y + self.row_height - 1))
            painter.setPen(text)
            painter.drawText(QRectF(left + width + 8, y, status_width, self.row_height), int(Qt.AlignmentFlag.AlignVCenter), self.row_text(i))
            if estimate is None:
                continue
            painter.fillRect(QRectF(left, y + 6, width * estimate, self.row_height - 12), mastery_colour(estimate))
            painter.setPen(QPen(QColor("#333333"), 2))
            mid = y + self.row_height / 2
            painter.drawLine(QPointF(left + width * low, mid), QPointF(left + width * high, mid))
            painter.drawLine(QPointF(left + width * low, mid - 5), QPointF(left + width * low, mid + 5))
            painter.drawLine(QPointF(left + width * high, mid - 5), QPointF(left + width * high, mid + 5))
            painter.setPen(level_pen)
            painter.drawLine(QPointF(left + width * level, y + 1), QPointF(left + width * level, y + self.row_height - 1))
        painter.end()

    def row_text(self, index: int) -> str:
        """What is written after a row's bar: the figure (when there is one) and the status word."""
        _, estimate, _, _, status, _ = self.rows[index]
        return status if estimate is None else f"{estimate:.0%}  {status}"
