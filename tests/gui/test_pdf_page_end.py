"""Where a page ends: the space after the last block on a page may fall below the page's body."""
from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

from desktop import pdf
from tests.gui.pdf_pages import read_pdf


def test_a_last_block_fits_when_only_the_space_after_it_would_not(app, tmp_path):
    """Review 31a: an 8-question sheet needed 242.0 mm of a 241.6 mm page, 1.8 mm of it the space after its last
    question: its last two questions went to a page of their own."""
    writer = QPdfWriter(str(tmp_path / "measure.pdf"))
    writer.setResolution(pdf.RESOLUTION)
    layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    writer.setPageLayout(layout)
    canvas = pdf.Canvas(writer, pdf.CHILD)
    body = pdf.Layout(canvas, QRectF(layout.fullRectPixels(pdf.RESOLUTION))).body
    # kept together, laid out as tight as a sheet is squeezed to save a page
    last = pdf.Exercise(8, "Write 2/4 in its simplest form.", pdf.AnswerSpace("short_text", compact=True), after=pdf.TIGHT_AFTER_PT)
    text_only = last.height(canvas, body.width()) - canvas.pt(pdf.TIGHT_AFTER_PT)
    spare = pdf.TIGHT_AFTER_PT / 2  # room for the question, not for the space after it
    gap = (body.height() - text_only - canvas.pt(spare)) / canvas.pt(1.0)
    for blocks, pages in (([pdf.Gap(gap), last], 1), ([pdf.Gap(gap + text_only / canvas.pt(1.0)), last], 2)):
        out = pdf.write_pdf(tmp_path / f"sheet-{pages}.pdf", "Sheet", [pdf.Section("Name: Ana", "Class: 3B", blocks)])
        assert len(read_pdf(out)) == pages
