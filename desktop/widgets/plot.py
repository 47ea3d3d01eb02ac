"""A small line plot drawn with QPainter (QtCharts is not in PySide6-Essentials)."""
from __future__ import annotations

import math
from typing import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

PALETTE = ["#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828", "#00838f"]


class LinePlot(QWidget):
    """Series of values in [0, 1] over shared x labels (e.g. weeks), with a legend.

    ``series`` maps a name to values (None = no data that period); the y axis
    is a percentage. An empty plot shows ``empty_text``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.series: dict[str, list[float | None]] = {}
        self.empty_text = ""
        self.setMinimumHeight(180)

    def labelled(self, step: float) -> list[int]:
        """Which x labels are written, ``step`` pixels apart: as many as fit without touching, always the last
        (review 38b: a year of weeks ran together as "23 Feb30 Mar4 May")."""
        n = len(self.labels)
        room = max((self.fontMetrics().horizontalAdvance(label) for label in self.labels), default=0) + 12
        every = max(1, math.ceil(room / step)) if step > 0 else 1
        shown = list(range(0, n, every))
        if shown and shown[-1] != n - 1:
            if (n - 1 - shown[-1]) * step < room and len(shown) > 1:
                shown.pop()
            shown.append(n - 1)
        return shown

    def set_data(self, labels: Sequence[str], series: dict[str, Sequence[float | None]]) -> None:
        self.labels = list(labels)
        self.series = {k: list(v) for k, v in series.items()}
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 220)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().text().color()
        area = QRectF(44, 12, max(10, self.width() - 44 - 150), max(10, self.height() - 12 - 30))
        painter.setPen(QPen(QColor("#bbbbbb"), 1))
        for pct in (0, 25, 50, 75, 100):
            y = area.bottom() - area.height() * pct / 100
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - 8, 40, 16), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), f"{pct}%")
            painter.setPen(QPen(QColor("#dddddd"), 1))
        if not self.labels or not any(v is not None for values in self.series.values() for v in values):
            painter.setPen(text)
            painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.empty_text)
            painter.end()
            return
        n = len(self.labels)
        step = area.width() / max(1, n - 1)

        def x_of(i: int) -> float:
            return area.left() + (i * step if n > 1 else area.width() / 2)

        painter.setPen(text)
        for i in self.labelled(step):
            painter.drawText(QRectF(x_of(i) - 40, area.bottom() + 4, 80, 20), int(Qt.AlignmentFlag.AlignHCenter), self.labels[i])
        for k, (name, values) in enumerate(self.series.items()):
            colour = QColor(PALETTE[k % len(PALETTE)])
            painter.setPen(QPen(colour, 2.2))
            path = QPainterPath()
            started = False
            for i, v in enumerate(values):
                if v is None:
                    started = False
                    continue
                point = QPointF(x_of(i), area.bottom() - area.height() * max(0.0, min(1.0, v)))
                if started:
                    path.lineTo(point)
                else:
                    path.moveTo(point)
                    started = True
                painter.drawEllipse(point, 2.5, 2.5)
            painter.drawPath(path)
            legend_y = area.top() + 4 + k * 18
            painter.fillRect(QRectF(area.right() + 14, legend_y + 4, 14, 4), colour)
            painter.setPen(text)
            painter.drawText(QPointF(area.right() + 34, legend_y + 10), name)
        painter.end()
