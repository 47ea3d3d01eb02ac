"""PDF output (quizzes, answer keys, worksheets, reports) from simple HTML.

Qt's ``QTextDocument`` lays the HTML out and ``QPdfWriter`` writes A4 pages;
both work off the GUI thread, so PDFs are made in background jobs. The
bundled Chinese font is named in the document's font list so Chinese text is
embedded in the PDF even on a laptop without a Chinese font.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Iterable, Sequence

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop.i18n import cjk_family

PAGE_BREAK = '<div style="page-break-after: always;"></div>'


def esc(text: object) -> str:
    """HTML-escape any value for a document."""
    return html.escape("" if text is None else str(text))


def document_font() -> QFont:
    font = QFont()
    families = ["DejaVu Sans", "Arial", "Helvetica"]
    if cjk_family():
        families.append(cjk_family())
    font.setFamilies(families)
    font.setPointSizeF(11)
    return font


def write_pdf(path: Path, title: str, body_html: str) -> Path:
    """Write ``body_html`` as an A4 PDF at ``path`` (page breaks with ``PAGE_BREAK``)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Lamplight")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    document.setDefaultFont(document_font())
    document.setDefaultStyleSheet(
        "h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 12px; } "
        "td, th { padding: 4px 8px; } th { background: #eeeeee; } .small { color: #555; font-size: 9pt; } "
        ".answer { color: #1b5e20; font-weight: bold; } .line { color: #888; }"
    )
    document.setHtml(f"<html><body>{body_html}</body></html>")
    layout = writer.pageLayout()
    rect = layout.paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(writer)
    return path


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """An HTML table with a header row."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table border="1" cellspacing="0" cellpadding="4" width="100%"><tr>{head}</tr>{body}</table>'
