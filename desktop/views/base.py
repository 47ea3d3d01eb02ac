"""Small building blocks shared by the screens (no translated text here: see ``tr`` rules below).

PySide6 looks translations up under the *runtime* class name while
``pyside6-lupdate`` files them under the class that contains the call, so
``self.tr`` is only called in the screen classes themselves, never in these
shared base classes.
"""
from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget


class Page(QWidget):
    """A screen of the main window. Subclasses fill ``self.layout_`` and implement ``refresh``."""

    def __init__(self, context: Any, window: Any) -> None:
        super().__init__()
        self.context = context
        self.main_window = window
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(16, 12, 16, 12)
        self.layout_.setSpacing(10)

    @property
    def store(self) -> Any:
        return self.context.store

    def refresh(self) -> None:
        """Reload what the screen shows (called when it is opened or data changed)."""


def heading(text: str) -> QLabel:
    """A screen title."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.45)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


def hint(text: str) -> QLabel:
    """A grey explanatory line (empty states, what to do next)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of rows (each a sequence of cell values).

    ``payloads`` keeps the object behind each row (an id, a dataclass) for
    ``row_payload``; ``colours`` optionally gives a background per cell.
    """

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[list[Any]] = []
        self.payloads: list[Any] = []
        self.colours: dict[tuple[int, int], QColor] = {}
        self.tooltips: dict[tuple[int, int], str] = {}

    def set_rows(self, rows: Sequence[Sequence[Any]], payloads: Sequence[Any] | None = None) -> None:
        self.beginResetModel()
        self.rows = [list(r) for r in rows]
        self.payloads = list(payloads) if payloads is not None else [None] * len(self.rows)
        self.colours = {}
        self.tooltips = {}
        self.endResetModel()

    def row_payload(self, row: int) -> Any:
        return self.payloads[row] if 0 <= row < len(self.payloads) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        key = (index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(value, float):
                return f"{value:.0%}" if 0 <= value <= 1 else f"{value:.2f}"
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == Qt.ItemDataRole.BackgroundRole and key in self.colours:
            return self.colours[key]
        if role == Qt.ItemDataRole.ToolTipRole:  # long text may be cut off in its cell: hovering shows all of it
            return self.tooltips.get(key) or (value if isinstance(value, str) and len(value) > 40 else None)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, float)):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if section < len(self.headers) else None
        return None


FIT_ROWS = 100
"""Columns fitted to their contents are measured over at most this many rows (the visible ones first):
Qt's default, 1,000, asks the model for every cell of a year of answers each time the table is filled."""


def table_view(model: QAbstractTableModel, stretch_column: int | None = 0, wrap: bool = False) -> QTableView:
    """A sortable-looking, row-selecting table with sensible defaults.

    ``wrap=True`` lets rows grow so long text (a next step's reason) wraps instead of being cut off:
    every row is measured, so such a table should hold what a teacher reads (tens of rows, not thousands).
    """
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(FIT_ROWS)
    if stretch_column is not None:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    if wrap:
        view.setWordWrap(True)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


def mastery_colour(estimate: float | None) -> QColor:
    """Red (not mastered) through amber to green (mastered); grey for no data."""
    if estimate is None:
        return QColor("#e6e6e6")
    e = max(0.0, min(1.0, estimate))
    if e < 0.5:
        t = e / 0.5
        return QColor.fromRgbF(0.93, 0.45 + 0.35 * t, 0.42 - 0.1 * t)
    t = (e - 0.5) / 0.5
    return QColor.fromRgbF(0.93 - 0.45 * t, 0.80 - 0.02 * t, 0.32 + 0.12 * t)
