"""Class x skill mastery heat map drawn with QPainter (students down, skills across)."""
from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.plain_text import tip
from desktop.views.base import mastery_colour, within_name_room


class HeatMap(QWidget):
    """Cells coloured red (not mastered) to green (mastered); grey where nothing is known.

    ``values[r][c]`` is an estimate in [0, 1] or None; ``marks[r][c]`` an
    optional short text drawn in the cell (e.g. "✓" for mastered).
    Clicking a row emits ``row_clicked``.
    """

    row_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[str] = []
        self._shown_rows: list[str] | None = None
        self.columns: list[str] = []
        self.values: list[list[float | None]] = []
        self.marks: list[list[str]] = []
        self.tooltip_for: Callable[[int, int], str] | None = None
        self.cell = QSize(46, 24)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(self, rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[float | None]], marks: Sequence[Sequence[str]] | None = None) -> None:
        self.rows, self.columns = list(rows), list(columns)
        self._shown_rows = None  # the names as drawn, worked out when next needed (see shown_rows)
        self.values = [list(v) for v in values]
        self.marks = [list(m) for m in marks] if marks else [[""] * len(self.columns) for _ in self.rows]
        self.updateGeometry()
        self.update()

    def shown_rows(self) -> list[str]:
        """The names as drawn, a very long one cut in the middle; kept, as every paint and size hint needs them."""
        if self._shown_rows is None:
            self._shown_rows = [within_name_room(r, self.font()) for r in self.rows]
        return self._shown_rows

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._shown_rows = None
        super().changeEvent(event)

    def _margins(self) -> tuple[int, int]:
        metrics = QFontMetrics(self.font())
        left = max([metrics.horizontalAdvance(r) for r in self.shown_rows()] + [40]) + 12
        top = max([metrics.horizontalAdvance(c) for c in self.columns] + [40]) * 0.72 + 14
        return left, int(top)

    def sizeHint(self) -> QSize:
        left, top = self._margins()
        metrics, w = QFontMetrics(self.font()), self.cell.width()
        # a heading is drawn at 40 degrees from the middle of its column: the last ones reach past the cells
        reach = max([c * w + w / 2 + 0.77 * metrics.horizontalAdvance(name) for c, name in enumerate(self.columns)] + [0.0])
        width = left + max(w * len(self.columns) + 40, int(reach) + 12)  # review 26: "Subtraction with regroupinc"
        return QSize(width, top + self.cell.height() * len(self.rows) + 8)

    minimumSizeHint = sizeHint

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        left, top = self._margins()
        c = int((x - left) // self.cell.width())
        r = int((y - top) // self.cell.height())
        if x >= left and y >= top and 0 <= r < len(self.rows) and 0 <= c < len(self.columns):
            return r, c
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, top = self._margins()
        w, h = self.cell.width(), self.cell.height()
        text_pen = QPen(self.palette().text().color())
        painter.setPen(text_pen)
        # only the cells the repaint asks for: a class's 86 skills x 60 children took 34 ms a paint, and a scrolled or
        # partly covered map is repainted in pieces (the headings all, up to the area's right: each leans right over
        # the columns after it)
        area = event.rect()
        rows = range(max(0, int((area.top() - top) // h)), min(len(self.rows), int((area.bottom() - top) // h) + 1))
        first = max(0, int((area.left() - left) // w))
        columns = range(first, min(len(self.columns), int((area.right() - left) // w) + 1))
        for c in range(len(self.columns)) if area.top() < top else ():
            name = self.columns[c]
            if left + c * w > area.right() + w:
                break
            painter.save()
            painter.translate(left + c * w + w / 2, top - 6)
            painter.rotate(-40)
            painter.drawText(0, 0, name)
            painter.restore()
        names = self.shown_rows()
        for r in rows:
            y = top + r * h
            painter.setPen(text_pen)
            if area.left() < left:
                painter.drawText(QRectF(0, y, left - 8, h), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), names[r])
            for c in columns:
                value = self.values[r][c] if r < len(self.values) and c < len(self.values[r]) else None
                rect = QRectF(left + c * w + 1, y + 1, w - 2, h - 2)
                painter.fillRect(rect, mastery_colour(value))
                mark = self.marks[r][c] if r < len(self.marks) and c < len(self.marks[r]) else ""
                if mark:
                    painter.setPen(QColor("#222"))
                    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), mark)
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.cell_at(event.position().x(), event.position().y())
        row = self.row_at(event.position().x(), event.position().y())
        if hit and self.tooltip_for:
            QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_for(*hit), self)
        elif row is not None and self.shown_rows()[row] != self.rows[row]:  # a name cut short
            QToolTip.showText(event.globalPosition().toPoint(), tip(self.rows[row]), self)  # as typed (review 46b)
        else:
            QToolTip.hideText()

    def row_at(self, x: float, y: float) -> int | None:
        """The student's row under a point: on a cell or on the name left of the cells."""
        left, top = self._margins()
        r = int((y - top) // self.cell.height())
        inside = 0 <= x < left + len(self.columns) * self.cell.width() and y >= top
        return r if inside and 0 <= r < len(self.rows) else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(event.position().x(), event.position().y())
        if row is not None:  # review 26: a click on the child's name did nothing
            self.row_clicked.emit(row)
