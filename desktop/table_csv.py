"""Export any table a teacher sees to CSV, exactly as shown: the header texts, then each cell's displayed text.

The file is UTF-8 with a BOM (so Excel and LibreOffice open Chinese names
correctly) and goes through :func:`engine.csv_files.csv_text`, the one CSV
writer, which neutralises spreadsheet formulas. Writing a table is instant,
so it runs on the GUI thread.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt
from PySide6.QtWidgets import QBoxLayout, QFileDialog, QPushButton, QWidget

from desktop.file_choosers import offered_path, remember_folder, start_folder
from desktop.i18n import as_typed
from desktop.workers import show_error
from engine.csv_files import csv_text
from engine.errors import LamplightError
from engine.files import write_text

_DISPLAY = Qt.ItemDataRole.DisplayRole
EXPORT_ROLE = Qt.ItemDataRole.UserRole + 40
"""A cell's text in the file where it must say more than on screen (a model gives None: as shown); a tuple, in the
header and in each cell of a column, makes it several columns in the file (a total as a number a spreadsheet adds up,
beside what the screen says with it)."""


def _text(value: Any) -> str:
    """A cell's text for the file, names as typed: without what keeps a name on one line on screen (see
    :func:`desktop.i18n.kept_together`)."""
    return "" if value is None else as_typed(str(value))


RowHeader = str | Sequence[str] | Callable[[], str | Sequence[str]] | None
"""The title(s) of the first column(s), which hold the vertical header (the student names down the side of the quiz
grid): one title, several (a model whose vertical header gives a tuple of cells under :data:`EXPORT_ROLE`, such as a
student number and a name), or a function giving them when the file is written; None leaves them out."""


def table_cells(model: QAbstractItemModel, row_header: RowHeader = None) -> list[list[str]]:
    """The header row and every row's displayed text, in the model's order (``row_header``: see :data:`RowHeader`)."""
    titles = row_header() if callable(row_header) else row_header
    titles = [] if titles is None else [titles] if isinstance(titles, str) else list(titles)
    columns = range(model.columnCount())
    header = [_text(title) for c in columns for title in _spread(_header(model, c))]
    rows = []
    for r in range(model.rowCount()):
        cells = [_text(cell) for c in columns for cell in _spread(_cell(model, r, c))]
        if titles:
            rows.append([*_row_header_cells(model, r), *cells])
        else:
            rows.append(cells)
    return [[*titles, *header], *rows]


def _row_header_cells(model: QAbstractItemModel, row: int) -> list[str]:
    cells = model.headerData(row, Qt.Orientation.Vertical, EXPORT_ROLE)
    if isinstance(cells, (tuple, list)):
        return [_text(c) for c in cells]
    return [_text(model.headerData(row, Qt.Orientation.Vertical, _DISPLAY))]


def _header(model: QAbstractItemModel, column: int) -> Any:
    exported = model.headerData(column, Qt.Orientation.Horizontal, EXPORT_ROLE)
    return model.headerData(column, Qt.Orientation.Horizontal, _DISPLAY) if exported is None else exported


def _cell(model: QAbstractItemModel, row: int, column: int) -> Any:
    index = model.index(row, column)
    exported = index.data(EXPORT_ROLE)
    return index.data(_DISPLAY) if exported is None else exported


def _spread(value: Any) -> list[Any]:
    """A column the file gives as several (a tuple under :data:`EXPORT_ROLE`, in its header and its cells)."""
    return list(value) if isinstance(value, tuple) else [value]


def write_table_csv(path: str | Path, model: QAbstractItemModel, row_header: RowHeader = None) -> Path:
    """Write the table as shown to ``path`` (UTF-8 with BOM); a file that cannot be written raises LamplightError."""
    return write_text(path, csv_text(table_cells(model, row_header)), "utf-8-sig")


def export_button(page: QWidget, model: QAbstractItemModel, file_name: Callable[[], str], row_header: RowHeader = None) -> QPushButton:
    """An "Export CSV…" button that asks where to save and writes ``model`` as shown.

    ``file_name()`` suggests the file's name (without .csv) at the moment the button is pressed.
    """
    button = QPushButton(QCoreApplication.translate("TableExport", "Export CSV…"))
    button.clicked.connect(lambda: export_table(page, model, file_name(), row_header))
    return button


def export_button_under(layout: QBoxLayout, page: QWidget, model: QAbstractItemModel, file_name: Callable[[], str],
                        object_name: str) -> QPushButton:
    """An :func:`export_button` added right-aligned to ``layout`` (under the table it exports)."""
    button = export_button(page, model, file_name)
    button.setObjectName(object_name)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignRight)
    return button


def export_table(page: QWidget, model: QAbstractItemModel, file_name: str, row_header: RowHeader = None) -> Path | None:
    """Ask for a file name, write the table there and say so in the status bar (or show why it failed)."""
    window = page.window()
    while not hasattr(window, "statusBar") and window.parentWidget() is not None:  # a dialog's export: the main window's
        window = window.parentWidget().window()  # status bar says it (review 31c: the marks book's export said nothing)
    settings = getattr(getattr(window, "context", None), "settings", None)  # review 44: it started in the home folder
    suggested = offered_path(start_folder(settings), f"{file_name.strip() or 'table'}.csv")
    path, _ = QFileDialog.getSaveFileName(page, QCoreApplication.translate("TableExport", "Export CSV"), suggested,
                                          QCoreApplication.translate("TableExport", "CSV files (*.csv)"))
    if not path:
        return None
    remember_folder(settings, path)
    try:
        written = write_table_csv(path, model, row_header)
    except LamplightError as exc:
        show_error(page, exc)
        return None
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(QCoreApplication.translate("TableExport", "Saved {file}").format(file=str(written)), 8000)
    return written


def report_csv_headers() -> dict[str, str]:
    """The report CSV's column titles in the teacher's language (column key -> words).

    The report is read by teachers and spreadsheets only; files Lamplight reads
    back (rosters, answer logs, exercise packs) keep their fixed English columns.
    """
    translate = QCoreApplication.translate
    return {
        "student": translate("TableExport", "Student"),
        "student_number": translate("TableExport", "Student number"),
        "answers": translate("TableExport", "Answers"),
        "share_right": translate("TableExport", "Share right (%)"),
        "skills_mastered": translate("TableExport", "Skills mastered"),
        "skills_total": translate("TableExport", "Skills in all"),
        "needs_help_with": translate("TableExport", "Needs help with"),
        "next_skill": translate("TableExport", "Next skill"),
        "skill": translate("TableExport", "Skill"),
        "status": translate("TableExport", "Status"),
        "chance_of_success": translate("TableExport", "Chance of success (%)"),
        "band_low": translate("TableExport", "Range from (%)"),
        "band_high": translate("TableExport", "Range to (%)"),
        "sure_mastered": translate("TableExport", "Chance it is mastered (%)"),
        "right": translate("TableExport", "Right"),
        "not_fully_marked": translate("TableExport", "Not fully marked"),
    }
