"""Small building blocks shared by the screens (no translated text here: see ``tr`` rules below).

PySide6 looks translations up under the *runtime* class name while
``pyside6-lupdate`` files them under the class that contains the call, so
``self.tr`` is only called in the screen classes themselves, never in these
shared base classes.
"""
from __future__ import annotations

from typing import Any, Iterable, Sequence

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHeaderView, QLabel, QListWidget, QListWidgetItem, QStyle,
                               QTableView, QVBoxLayout, QWidget)

from desktop.i18n import as_typed
from desktop.plain_text import tip
from desktop.table_csv import EXPORT_ROLE


class Page(QWidget):
    """A screen of the main window. Subclasses fill ``self.layout_`` and implement ``refresh``."""

    shows: tuple[str, ...] = ()
    """The kinds of :class:`~engine.classroom.Changes` the screen shows; empty: every change refreshes it. A screen
    the teacher types into refreshes only for what it shows (learning that ends by itself must not reload a quiz
    grid mid-row: its undo history and cursor would go): :data:`ALL_BUT_THE_MODEL`."""

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

    def class_name(self) -> str:
        """The current class's name (empty without one), for printouts and titles."""
        return next((c.name for c in self.store.list_classes(include_archived=True) if c.id == self.context.class_id), "")

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


def fill_group_choice(combo: QComboBox, whole_class: str, groups: Sequence[Any], chosen: Any = None) -> None:
    """``whole_class`` (data None), then each of ``groups`` (its ``name``, data its ``id``); the group ``chosen`` stays
    chosen while it exists, else the whole class. Filling the combo signals no change of choice."""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(whole_class, None)
    for group in groups:
        combo.addItem(group.name, group.id)
    combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
    combo.blockSignals(False)


ALL_BUT_THE_MODEL = ("classes", "students", "groups", "bank", "answers", "quizzes", "settings")
"""What a screen that does not show the student model's figures refreshes for (see :attr:`Page.shows`)."""

NAME_ROOM = 230
"""The most a child's name takes beside a grid or the heat map, in pixels: a 93-character name from a roster left the
quiz grid room for 4 of 12 questions and pushed the dashboard past the window (review 40a)."""


def within_name_room(name: str, font: QFont) -> str:
    """``name`` as shown beside a grid: cut in the middle with "…" where it is wider than :data:`NAME_ROOM` (the whole
    name is in the tooltip)."""
    return QFontMetrics(font).elidedText(name, Qt.TextElideMode.ElideMiddle, NAME_ROOM)


def room_for_bold(header: QHeaderView, labels: Iterable[str]) -> int:
    """Make ``header`` (a table's row names) wide enough for its longest label in bold, as Qt draws the current row's
    name (review 39: the bold 郭若曦 of the row being marked lost its last character); returns that width."""
    bold = QFont(header.font())
    bold.setBold(True)
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    widest = max((QFontMetrics(bold).horizontalAdvance(str(label)) for label in labels), default=0) + 4 * margin + 2
    widest = min(widest, header.maximumWidth())  # a header that cuts long names (the quiz grid's) keeps to its most
    header.setMinimumWidth(widest)
    return widest


def hint(text: str) -> QLabel:
    """A grey explanatory line (empty states, what to do next)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class TickList(QListWidget):
    """A list of boxes to tick where a click on an item's words ticks (or unticks) it, as on its small box (review 45:
    a click on a skill's name only selected it, and the dialog then said no skill was ticked)."""

    def __init__(self) -> None:
        super().__init__()
        self._pressed: tuple[QListWidgetItem, Qt.CheckState] | None = None
        self.itemClicked.connect(self._clicked)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        item = self.itemAt(event.position().toPoint())
        self._pressed = (item, item.checkState()) if item is not None else None
        super().mousePressEvent(event)

    def _clicked(self, item: QListWidgetItem) -> None:
        """A click the box itself did not take (Qt ticks a box hit on its square before this)."""
        pressed, self._pressed = self._pressed, None
        tickable = item.flags() & Qt.ItemFlag.ItemIsUserCheckable and item.flags() & Qt.ItemFlag.ItemIsEnabled
        if tickable and pressed is not None and pressed[0] is item and item.checkState() == pressed[1]:
            item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked else Qt.CheckState.Checked)


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of rows (each a sequence of cell values).

    ``payloads`` keeps the object behind each row (an id, a dataclass) for
    ``row_payload``; ``colours`` optionally gives a background per cell, ``exported`` a cell's text in a CSV
    export where it says more than the screen (see :data:`desktop.table_csv.EXPORT_ROLE`).
    """

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[list[Any]] = []
        self.payloads: list[Any] = []
        self.colours: dict[tuple[int, int], QColor] = {}
        self.tooltips: dict[tuple[int, int], str] = {}
        self.exported: dict[tuple[int, int], Any] = {}
        self.header_exported: dict[int, Any] = {}
        """A column's title(s) in a CSV file where the file says more (a tuple: several columns, see
        :data:`desktop.table_csv.EXPORT_ROLE`)."""

    def set_rows(self, rows: Sequence[Sequence[Any]], payloads: Sequence[Any] | None = None) -> None:
        self.beginResetModel()
        self.rows = [list(r) for r in rows]
        self.payloads = list(payloads) if payloads is not None else [None] * len(self.rows)
        self.colours = {}
        self.tooltips = {}
        self.exported = {}
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
        if role == EXPORT_ROLE:
            return self.exported.get(key)
        if role == Qt.ItemDataRole.BackgroundRole and key in self.colours:
            return self.colours[key]
        if role == Qt.ItemDataRole.ToolTipRole:  # long text may be cut off in its cell: hovering shows all of it
            shown = self.tooltips.get(key) or (value if isinstance(value, str) and len(value) > 40 else None)
            return tip(shown) if shown else None
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, float)):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if section < len(self.headers) else None
        if role == EXPORT_ROLE and orientation == Qt.Orientation.Horizontal:
            return self.header_exported.get(section)
        return None


FIT_ROWS = 100
"""Columns fitted to their contents are measured over at most this many rows (the visible ones first):
Qt's default, 1,000, asks the model for every cell of a year of answers each time the table is filled."""


def table_view(model: QAbstractTableModel, stretch_column: int | None = 0, wrap: bool = False) -> QTableView:
    """A sortable-looking, row-selecting table with sensible defaults.

    ``wrap=True`` lets rows grow so long text (a next step's reason) wraps instead of being cut off
    (see :class:`RowHeights`).
    """
    view = Table()
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
        view.row_heights = RowHeights(view)
    return view


class FitRows(QObject):
    """Keep a short table (or list) as tall as its rows, up to ``most``, so the page scrolls and not a box inside it
    (review 48b: on the dashboard the wheel was caught by whichever table was under the pointer).

    An empty table keeps room for ``least`` rows; one of more than ``most`` rows scrolls inside itself.
    """

    def __init__(self, view: QAbstractItemView, most: int = 30, least: int = 2) -> None:
        super().__init__(view)
        self.view, self.most, self.least = view, most, least
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.fit)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.timer.start)
        if isinstance(view, QTableView):
            view.verticalHeader().sectionResized.connect(self.timer.start)  # a wrapped row measured (RowHeights)
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Show:
            self.timer.start()
        return False

    def fit(self) -> None:
        view = self.view
        rows = view.model().rowCount()
        shown = min(rows, self.most)
        if isinstance(view, QTableView):
            header = view.horizontalHeader().sizeHint().height() if view.horizontalHeader().isVisible() else 0
            heights = [view.rowHeight(row) for row in range(shown)]
            default = view.verticalHeader().defaultSectionSize()
        else:
            header = 0
            heights = [view.sizeHintForRow(row) for row in range(shown)]
            default = view.fontMetrics().height() + 6
        height = header + sum(heights) + max(0, self.least - shown) * default + 2 * view.frameWidth()
        bar = view.horizontalScrollBar()
        if bar.maximum() > 0:
            height += bar.sizeHint().height()
        view.setFixedHeight(height + (1 if rows <= self.most else 0))  # a pixel to spare: no scroll bar from rounding


class Table(QTableView):
    """A table whose columns are fitted to their contents only while it is on screen.

    Hiding a page hides each table's viewport, and Qt then measures the
    fitted columns' cells (up to ``FIT_ROWS`` rows each) for nothing: while
    the table is hidden its fitted columns keep their widths, and they fit
    again when it shows.
    """

    def __init__(self) -> None:
        super().__init__()
        self.paused: list[int] = []
        self.row_heights: RowHeights | None = None
        self.pinned: QTableView | None = None
        """A :class:`RowFooter` showing one of the rows hidden here: the columns fit its text too."""

    def sizeHintForColumn(self, column: int) -> int:  # noqa: N802 (Qt's name)
        width = super().sizeHintForColumn(column)
        return max(width, self.pinned.sizeHintForColumn(column)) if self.pinned is not None else width

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Ctrl+C copies the cell's text as typed (names without what keeps them on one line: see
        :func:`desktop.i18n.kept_together`), where Qt would copy it as drawn."""
        if event.matches(QKeySequence.StandardKey.Copy) and self.currentIndex().isValid():
            QGuiApplication.clipboard().setText(as_typed(str(self.currentIndex().data(Qt.ItemDataRole.DisplayRole) or "")))
            event.accept()
            return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Hide:
            self._pause_fitting()
        elif kind == QEvent.Type.Show:
            self._resume_fitting()
            if self.row_heights is not None:
                self.row_heights.later()
        return super().viewportEvent(event)

    def _pause_fitting(self) -> None:
        header, fitted = self.horizontalHeader(), QHeaderView.ResizeMode.ResizeToContents
        if not self.paused:
            self.paused = [c for c in range(header.count()) if header.sectionResizeMode(c) == fitted]
            for column in self.paused:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)

    def _resume_fitting(self) -> None:
        header = self.horizontalHeader()
        for column in self.paused:
            if column < header.count():
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.paused = []


class RowFooter(QTableView):
    """One row of ``table``'s model, kept in sight under it however long the list is (the class's row).

    It shows the same model with every other row hidden (``table`` hides that
    row), and follows the table's column widths and horizontal scrolling.
    """

    def __init__(self, table: QTableView, row: Any) -> None:
        """``row``: the row's number, or a function giving it (it may move when the model is reset)."""
        super().__init__()
        self.table, self._row = table, row
        self.setModel(table.model())
        if isinstance(table, Table):
            table.pinned = self
        self.horizontalHeader().hide()
        self.verticalHeader().setHidden(table.verticalHeader().isHidden())
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().sectionResized.connect(lambda column, _old, new: self.setColumnWidth(column, new))
        table.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        table.horizontalScrollBar().rangeChanged.connect(lambda *_: self.updateGeometries())
        table.model().modelReset.connect(self.sync)
        self.sync()

    def updateGeometries(self) -> None:  # noqa: N802 (Qt's name)
        """As wide a viewport as the table's, whose scroll bar takes room at the right: the columns stay in line
        when the table is scrolled to its far right (review 33c)."""
        super().updateGeometries()  # it sets the margins for the headers
        bar = self.table.verticalScrollBar()
        margins = self.viewportMargins()
        self.setViewportMargins(margins.left(), margins.top(), bar.width() if bar.isVisible() else 0, margins.bottom())

    @property
    def row(self) -> int:
        return self._row() if callable(self._row) else self._row

    def sync(self) -> None:
        """Only the pinned row here, every other row in the table; the table's column widths."""
        model, pinned = self.table.model(), self.row
        for row in range(model.rowCount()):
            self.setRowHidden(row, row != pinned)
            self.table.setRowHidden(row, row == pinned)
        for column in range(model.columnCount()):
            self.setColumnWidth(column, self.table.columnWidth(column))
        self.setFixedHeight(self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth())
        self.setVisible(model.rowCount() > 0)


class FrozenFirstColumn(QTableView):
    """``table``'s first column drawn over it, kept in sight when the table scrolls sideways (the marks book's names
    beside a year of quizzes: review 46). Qt's frozen-column pattern: the same model and selection, every other column
    hidden, the table's row heights, hidden rows, vertical scrolling and first column's width followed."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.setModel(table.model())
        self.setSelectionModel(table.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QTableView.Shape.NoFrame)
        self.verticalHeader().hide()
        self.horizontalHeader().setHidden(table.horizontalHeader().isHidden())
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for policy in (self.setHorizontalScrollBarPolicy, self.setVerticalScrollBarPolicy):
            policy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(table.verticalScrollMode())
        self.setSelectionBehavior(table.selectionBehavior())
        self.setSelectionMode(table.selectionMode())
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(table.alternatingRowColors())
        self.setWordWrap(table.wordWrap())
        table.viewport().stackUnder(self)
        self.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        table.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        table.horizontalHeader().sectionResized.connect(lambda column, _old, _new: self.sync() if column == 0 else None)
        table.verticalHeader().sectionResized.connect(lambda row, _old, new: self.setRowHeight(row, new))
        table.model().modelReset.connect(self.sync)  # after the table's own (a RowFooter hides rows first)
        self.doubleClicked.connect(table.doubleClicked)
        table.installEventFilter(self)
        self.sync()

    def sync(self) -> None:
        """The table's first column, rows and heights; placed over it."""
        model, table = self.model(), self.table
        for column in range(model.columnCount()):
            self.setColumnHidden(column, column != 0)
        for row in range(model.rowCount()):
            self.setRowHidden(row, table.isRowHidden(row))
            self.setRowHeight(row, table.rowHeight(row))
        self.setColumnWidth(0, table.columnWidth(0))
        header = 0 if table.horizontalHeader().isHidden() else table.horizontalHeader().height()
        if header:
            self.horizontalHeader().setFixedHeight(header)
        self.setGeometry(table.verticalHeader().width() * (not table.verticalHeader().isHidden()) + table.frameWidth(),
                         table.frameWidth(), table.columnWidth(0), table.viewport().height() + header)
        self.verticalScrollBar().setValue(table.verticalScrollBar().value())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.table and event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.LayoutRequest):
            QTimer.singleShot(0, self, self.sync)  # (not after the view is gone)
        return False


ROW_PADDING = 6
"""Pixels a wrapping table's row of several lines gets beyond its text (review 33a)."""


class RowHeights(QObject):
    """Rows of a wrapping table as tall as their text, measured only while the table is on screen.

    Qt's ``ResizeToContents`` rows measure every cell of every row whenever
    the table is laid out, even when it is filled or left hidden. Here rows
    are measured once after the model or the column widths change, when the
    table shows (all rows up to ``FIT_ROWS``; in a longer table the rows
    scrolled into view), so a three-line reason still shows whole.
    """

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.measured: set[int] = set()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.fit)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved, model.dataChanged):
            signal.connect(self.stale)
        view.horizontalHeader().sectionResized.connect(self.stale)  # a narrower column wraps onto more lines
        view.verticalScrollBar().valueChanged.connect(self.later)

    def stale(self, *_: Any) -> None:
        """Every row's height is out of date (new rows, other text, other column widths)."""
        self.measured.clear()
        self.later()

    def later(self, *_: Any) -> None:
        """Measure once the events at hand are handled (a reset and the column widths it brings come together)."""
        if self.view.isVisible():
            self.timer.start()

    def fit(self) -> None:
        """Measure the rows a teacher can see now (all of them in a table of up to ``FIT_ROWS`` rows)."""
        view, rows = self.view, self.view.model().rowCount()
        if not view.isVisible():
            return
        if rows <= FIT_ROWS:
            wanted = range(rows)
        else:
            first = max(0, view.rowAt(0))
            wanted = range(first, min(rows, first + view.viewport().height() // max(1, view.fontMetrics().height()) + 1))
        for row in wanted:
            if row not in self.measured:
                self.measured.add(row)
                # a row of several lines a little taller than Qt measures: a cell's last line was cut ("…") where
                # Chinese and Latin lines mix
                height = view.sizeHintForRow(row)
                view.setRowHeight(row, height + (ROW_PADDING if height > 1.5 * view.fontMetrics().height() else 0))


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
