"""Read a printed PDF back as pages (pypdfium2): paper size, every glyph with its size and box, shapes.

Tests check printouts the way a teacher sees them: what is on which page, how
big, and where, not the code that made them.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

MM = 72 / 25.4
A4 = (595.3, 841.9)
LETTER = (612.0, 792.0)
PAGE_OF = re.compile(r"Page (\d+) of (\d+)|第\s*(\d+)\s*页，共\s*(\d+)\s*页")


@dataclass(frozen=True)
class Glyph:
    char: str
    size: float  # effective font size in points (font size times the text matrix scale)
    left: float
    bottom: float
    right: float
    top: float
    font: str


@dataclass
class PdfPage:
    number: int
    width: float
    height: float
    glyphs: list[Glyph]
    shapes: list[tuple[float, float, float, float]]  # left, bottom, right, top of every path (lines, boxes, circles)
    text: str

    def text_between(self, top_from_edge: float, bottom_from_edge: float, bold: bool | None = None) -> str:
        """Text (no spaces) of glyphs whose top lies between these distances (points) from the top edge.

        Reading order: lines from the top (glyphs within 3 pt of height share a
        line), left to right in a line. ``bold`` keeps only bold (True) or regular (False) glyphs.
        """
        chosen = [g for g in self.glyphs if top_from_edge <= self.height - g.top <= bottom_from_edge]
        if bold is not None:
            chosen = [g for g in chosen if ("Bold" in g.font) == bold]
        chosen.sort(key=lambda g: -g.top)
        lines: list[list[Glyph]] = []
        for glyph in chosen:
            if lines and lines[-1][0].top - glyph.top <= 3:
                lines[-1].append(glyph)
            else:
                lines.append([glyph])
        return "".join(g.char for line in lines for g in sorted(line, key=lambda g: g.left))

    def page_of(self) -> tuple[int, int] | None:
        """(x, y) of the "Page x of y" footer, None when absent."""
        found = PAGE_OF.search(self.text.replace("\r", "").replace("\n", " "))
        if not found:
            return None
        numbers = [int(n) for n in found.groups() if n is not None]
        return numbers[0], numbers[1]


def read_pdf(path: Path | str) -> list[PdfPage]:
    document = pdfium.PdfDocument(str(path))
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            glyphs = []
            for i in range(textpage.count_chars()):
                char = chr(pdfium.raw.FPDFText_GetUnicode(textpage.raw, i))
                if char.isspace() or not char.isprintable():
                    continue
                obj = textpage.get_textobj(i)
                a, b, c, d, _, _ = obj.get_matrix().get()
                size = obj.get_font_size() * math.sqrt(abs(a * d - b * c))
                left, bottom, right, top = textpage.get_charbox(i, loose=True)
                glyphs.append(Glyph(char, size, left, bottom, right, top, obj.get_font().get_base_name()))
            shapes = [obj.get_bounds() for obj in page.get_objects(max_depth=5) if obj.type == pdfium.raw.FPDF_PAGEOBJ_PATH]
            pages.append(PdfPage(index + 1, width, height, glyphs, shapes, textpage.get_text_range()))
    finally:
        document.close()
    return pages


def outside_margins(page: PdfPage, margin_mm: float = 15.0, slack: float = 1.0) -> list[str]:
    """Glyphs and shapes that stick out of the page margins (empty when everything is inside)."""
    m = margin_mm * MM - slack
    inside = lambda l, b, r, t: l >= m and b >= m and r <= page.width - m and t <= page.height - m  # noqa: E731
    bad = [f"{g.char!r} at {g.left:.0f},{g.bottom:.0f}" for g in page.glyphs if not inside(g.left, g.bottom, g.right, g.top)]
    bad += [f"shape at {s[0]:.0f},{s[1]:.0f}-{s[2]:.0f},{s[3]:.0f}" for s in page.shapes if not inside(*s)]
    return bad


def squash(text: str) -> str:
    """Text without any white space (how :meth:`PdfPage.text_between` gives it)."""
    return "".join(text.split())


def as_printed(text: str) -> str:
    """An exercise's text as a PDF's text gives it: its fractions are drawn stacked, as outlines, so they are not in
    the text (see :data:`desktop.pdf.FRACTION`)."""
    from desktop.pdf import FRACTION

    return FRACTION.sub("", text)


def page_pixels(path: Path | str, number: int = 0, scale: float = 2.0) -> Any:
    """Page ``number`` of a PDF drawn by pypdfium2's own renderer: an array of pixels, row by row (y down from the top,
    ``scale`` pixels per point)."""
    document = pdfium.PdfDocument(str(path))
    try:
        return document[number].render(scale=scale).to_numpy().copy()
    finally:
        document.close()


def rules(page: PdfPage, shortest_mm: float = 100.0, longest_mm: float = 176.0) -> int:
    """Horizontal lines between these lengths (the answer lines; the header rule spans the whole frame)."""
    return sum(1 for l, b, r, t in page.shapes if (t - b) < 1.5 * MM and shortest_mm <= (r - l) / MM <= longest_mm)


def shapes_of_size(page: PdfPage, width_mm: float, height_mm: float, tolerance_mm: float = 1.0) -> int:
    """How many shapes on the page have this size (strokes make them a little larger)."""
    return sum(
        1 for l, b, r, t in page.shapes if abs((r - l) / MM - width_mm) <= tolerance_mm and abs((t - b) / MM - height_mm) <= tolerance_mm
    )
