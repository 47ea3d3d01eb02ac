"""Printouts (quizzes, answer keys, worksheets, reports) laid out page by page and written as PDF.

A printout is a list of :class:`Section` objects: one per child (or one for a
whole-class quiz or summary). Each section starts on a new page and every page
of it carries the section's header (the child's name and class) and a footer
"Page x of y" counted within the section, so a cut stack of worksheets gives
every child only their own pages.

Pages are drawn with ``QPainter`` straight onto ``QPdfWriter`` in points of the
page, not through ``QTextDocument``: a text document lays out at screen
resolution and shrank 11 pt type to about 4 pt on a 300 dpi page, and it has no
running headers. Blocks (:class:`Text`, :class:`Exercise`, :class:`Table`) are
measured first, then placed: an exercise and its answer space stay on one
page, long text and tables continue on the next page (a table repeats its
header row). Text wraps at word boundaries, or anywhere for a word longer than
the line, so nothing runs off the page.

Everything here works off the GUI thread (PDFs are made in background jobs).
The bundled Chinese font is in the font list, so Chinese is embedded in the
PDF even on a laptop without a Chinese font.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, is_dataclass, replace
from pathlib import Path
from typing import Any, Sequence

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

from desktop.i18n import WORD_JOINER, cjk_family
from desktop.pyside_fix import protect_none
from engine.files import write_file
from engine.paths import refuse_own_file

PAPER_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
"""Paper sizes a printout can be laid out for (name shown to the teacher -> Qt page size)."""
PAPER_SETTING = "paper_size"
"""Store setting holding the teacher's choice; absent means "from the computer's locale"."""
_LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico, QLocale.Country.Philippines,
    QLocale.Country.Chile, QLocale.Country.Colombia, QLocale.Country.Venezuela, QLocale.Country.CostaRica,
    QLocale.Country.Guatemala, QLocale.Country.ElSalvador, QLocale.Country.Panama, QLocale.Country.PuertoRico,
    QLocale.Country.DominicanRepublic,
}  # fmt: skip

RESOLUTION = 600
"""Device pixels per inch of the PDF writer (layout is in points; this only sets the grid)."""
MARGIN_MM = 15.0
TIGHT_AFTER_PT = 5.0
"""The space after a block when a section is tightened to save a page (see ``Layout.paginate``)."""
INK = QColor("#1a1a1a")
GREY = QColor("#6b6b6b")
RULE = QColor("#9a9a9a")
KEY_INK = QColor("#1b5e20")


def paper_for(choice: object = None, locale: QLocale | None = None) -> str:
    """The paper size to lay out for: the teacher's choice, else Letter in Letter countries, else A4."""
    if isinstance(choice, str) and choice in PAPER_SIZES:
        return choice
    locale = locale or QLocale.system()
    if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem or locale.territory() in _LETTER_TERRITORIES:
        return "Letter"
    return "A4"


def labelled(label: str, value: str) -> str:
    """``"Name: Ana"``; no space after a Chinese full-width colon (``"姓名：李小明"``); just the label when no value."""
    if not value:
        return label
    return f"{label}{'' if label.endswith('：') else ' '}{value}"


@dataclass(frozen=True)
class Style:
    """Type sizes in points (every text of a printout is at least ``smallest``)."""

    body: float
    title: float
    header: float

    @property
    def smallest(self) -> float:
        return min(self.body, self.title, self.header)


CHILD = Style(body=16, title=22, header=14)
"""Children's sheets (quiz, answer key, worksheets): nothing under 14 pt."""
TEACHER = Style(body=11, title=16, header=11)
"""Teacher reports: nothing under 11 pt."""


class Canvas:
    """Unit conversion, fonts and text layout for one paint device (the PDF writer)."""

    def __init__(self, device: Any, style: Style) -> None:
        self.device = device
        self.style = style
        self.dpi = float(device.resolution() if hasattr(device, "resolution") else device.logicalDpiY())
        self.painter: QPainter | None = None
        self._spacing_scales: dict[str, float] = {}  # font key -> see _spacing_scale

    def pt(self, points: float) -> float:
        return points * self.dpi / 72.0

    def mm(self, millimetres: float) -> float:
        return millimetres * self.dpi / 25.4

    def font(self, size: float, bold: bool = False) -> QFont:
        font = QFont()
        families = ["DejaVu Sans", "Arial", "Helvetica", "Noto Sans"]
        if cjk_family():
            families.append(cjk_family())
        font.setFamilies(families)
        font.setPointSizeF(size)
        font.setBold(bold)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    def line_height(self, font: QFont) -> float:
        return QFontMetricsF(font, self.device).height()

    def text_width(self, text: str, font: QFont) -> float:
        return QFontMetricsF(font, self.device).horizontalAdvance(text)

    def lay_out(self, text: str, font: QFont, width: float, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
                fractions: bool = False) -> "Lines":
        """Wrap ``text`` to ``width`` (at word boundaries, or anywhere in a word longer than the line).

        A Chinese paragraph whose last line would hold one character gives it a second one from the line before
        (review 33a: a report's column header read "分数的初步认/识"). ``fractions``: a fraction such as 5/12 is
        written as a textbook writes it, 5 over 12 (review 41b: a Chinese third grader never sees the slash form);
        its lines are spaced wider to hold it."""
        lines, stacked = [], []
        for paragraph in text.split("\n"):
            paragraph = _KEPT_TOGETHER.sub(WORD_JOINER, paragraph)
            paragraph, places = _fraction_places(paragraph, font, self) if fractions else (paragraph, [])
            layout = self._paragraph(paragraph, font, width, align, places=places)
            count = layout.lineCount()
            tail = paragraph[layout.lineAt(count - 1).textStart():].rstrip(_CLOSING) if count > 1 else ""
            if count > 1 and len(tail) <= 1 and _CJK.match(paragraph[-1:]):  # "识" alone, or "内）" (review 33d)
                before = layout.lineAt(count - 2)
                if before.textLength() > 2:
                    layout = self._paragraph(paragraph, font, width, align, (count - 2, before.naturalTextWidth() - 0.5), places)
            lines.extend((layout, layout.lineAt(i)) for i in range(layout.lineCount()))
            stacked.extend(Fraction(layout, *place) for place in places)
        return Lines(lines, self.line_height(font) * (STACKED_STEP if stacked else 1.25), stacked, font)

    def _paragraph(self, paragraph: str, font: QFont, width: float, align: Qt.AlignmentFlag,
                   narrower: tuple[int, float] | None = None, places: Sequence[tuple[int, str, str, float]] = ()) -> QTextLayout:
        """One paragraph's layout, every line ``width`` wide but the one ``narrower`` names (its number, its width);
        each of ``places`` (a fraction's placeholder) as wide as its fraction."""
        layout = QTextLayout(paragraph, font, self.device)
        formats = _chinese_punctuation(paragraph, font)
        for position, _top, _bottom, room in places:
            run = QTextLayout.FormatRange()
            run.start, run.length = position, 1
            run.format = QTextCharFormat()
            run.format.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
            run.format.setFontLetterSpacing((room - self.text_width(FRACTION_PLACE, font)) / self._spacing_scale(font))
            formats.append(run)
        layout.setFormats(formats)
        option = QTextOption(align)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.setCacheEnabled(True)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(narrower[1] if narrower and line.lineNumber() == narrower[0] else width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        return layout

    def _spacing_scale(self, font: QFont) -> float:
        """How many device units one unit of absolute letter spacing adds on this device (not 1 on a PDF writer:
        measured once, so a fraction's placeholder is as wide as the fraction)."""
        scale = self._spacing_scales.get(font.key())
        if scale is None:
            spaced = QTextLayout(FRACTION_PLACE, font, self.device)
            run = QTextLayout.FormatRange()
            run.start, run.length, run.format = 0, 1, QTextCharFormat()
            run.format.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
            run.format.setFontLetterSpacing(100.0)
            spaced.setFormats([run])
            spaced.beginLayout()
            line = spaced.createLine()
            line.setLineWidth(1e9)
            spaced.endLayout()
            scale = self._spacing_scales[font.key()] = max(1e-6, (line.naturalTextWidth() - self.text_width(FRACTION_PLACE, font)) / 100.0)
        return scale


FRACTION = re.compile(r"(?<![\d/])(?<!\d[.,])(\d{1,4})/(\d{1,4})(?![\d/]|[.,]\d)")
"""A fraction in an exercise's text (3/4, 15/100), not a date's 6/12/2026 nor 5/0.5 or 1.5/2."""
FRACTION_PLACE = "\u00a0"
"""The character a stacked fraction stands in for on its line (a no-break space made as wide as the fraction)."""
FRACTION_CLEAR = "\u2009"
"""A fraction's placeholder holds its digits and this thin space on each side."""
STACKED_STEP = 1.5
"""Lines holding a stacked fraction are this many line heights apart (1.25 without): room for the digits above and
below the bar (:func:`fraction_digits`)."""


def fraction_digits(font: QFont) -> QFont:
    """The font of a stacked fraction's digits: an eighth smaller than the text, as a textbook sets them, but never
    under 14 pt (a child's sheet has nothing smaller) nor larger than the text."""
    digits = QFont(font)
    size = font.pointSizeF()
    digits.setPointSizeF(max(min(size, 14.0), size * 0.875))
    return digits


def _fraction_places(paragraph: str, font: QFont, canvas: "Canvas") -> tuple[str, list[tuple[int, str, str, float]]]:
    """``paragraph`` with each fraction replaced by :data:`FRACTION_PLACE`, and each one's (position, numerator,
    denominator, width)."""
    places, parts, last = [], [], 0
    digits = fraction_digits(font)
    for found in FRACTION.finditer(paragraph):
        parts.append(paragraph[last:found.start()])
        position = sum(len(p) for p in parts) + len(places)
        top, bottom = found.group(1), found.group(2)
        room = max(canvas.text_width(top, digits), canvas.text_width(bottom, digits)) + canvas.text_width(FRACTION_CLEAR, font) * 2
        places.append((position, top, bottom, room))
        last = found.end()
    if not places:
        return paragraph, []
    parts.append(paragraph[last:])
    return FRACTION_PLACE.join(parts), places


@dataclass
class Fraction:
    """A stacked fraction in a paragraph's layout: where its placeholder stands, its two numbers and its width."""

    layout: QTextLayout
    position: int
    top: str
    bottom: str
    width: float

    def draw(self, painter: QPainter, line: Any, x: float, baseline: float, font: QFont) -> None:
        """The numerator over the bar over the denominator, the bar at the height of a minus sign, in the pen's colour."""
        digits = fraction_digits(font)
        metrics, text_metrics = QFontMetricsF(digits, painter.device()), QFontMetricsF(font, painter.device())
        left = x + line.cursorToX(self.position)[0]  # (x, the position): PySide6 returns both
        bar = baseline - text_metrics.xHeight() / 2
        digit = metrics.capHeight()
        gap = metrics.height() * 0.08
        outline = QFont(digits)  # a path's text is sized in pixels of the device, not in points
        outline.setPixelSize(round(digits.pointSizeF() * painter.device().logicalDpiY() / 72.0))
        painter.save()
        pen = QPen(painter.pen().color(), max(1.0, metrics.lineWidth()))
        painter.setPen(pen)
        clear = text_metrics.horizontalAdvance(FRACTION_CLEAR) * 0.6  # the bar keeps off 把 and 化
        painter.drawLine(QPointF(left + clear, bar), QPointF(left + self.width - clear, bar))
        for text, text_baseline in ((self.top, bar - gap), (self.bottom, bar + gap + digit)):
            # drawn as outlines: a PDF's text then reads as its lines do ("Which is bigger: or ?"), never with the digits
            # of its fractions sorted in among them by their height
            path = QPainterPath()
            path.addText(QPointF(left + (self.width - metrics.horizontalAdvance(text)) / 2, text_baseline), outline, text)
            painter.fillPath(path, pen.color())
        painter.restore()


@dataclass
class Lines:
    """Wrapped lines (each kept with its layout, which owns it) and the distance between baselines; their stacked
    fractions (see :meth:`Canvas.lay_out`), drawn after all the lines' text, in ``font``."""

    items: list[tuple[QTextLayout, Any]]
    step: float
    fractions: list[Fraction] = field(default_factory=list)
    font: QFont | None = None

    def height(self, start: int = 0, end: int | None = None) -> float:
        return self.step * len(self.items[start:end])

    def draw(self, painter: QPainter, x: float, y: float, start: int = 0, end: int | None = None) -> None:
        placed = []
        for n, (layout, line) in enumerate(self.items[start:end]):
            top = y + n * self.step - line.y() + (self.step - line.height()) / 2
            line.draw(painter, QPointF(x, top))
            placed.append((layout, line, top + line.y() + line.ascent()))
        self.draw_fractions(painter, x, placed)

    def draw_fractions(self, painter: QPainter, x: float, placed: Sequence[tuple[QTextLayout, Any, float]]) -> None:
        """The stacked fractions of the lines drawn, each (layout, line, baseline), after all their text."""
        for fraction in self.fractions:
            for layout, line, baseline in placed:
                if layout is fraction.layout and line.textStart() <= fraction.position < line.textStart() + line.textLength():
                    fraction.draw(painter, line, x, baseline, self.font)


# --- blocks ------------------------------------------------------------------------------------
class Block:
    """Something placed on a page: measured, drawn, and (for long blocks) split across pages."""

    keep_together = False
    """True: never split at the foot of a page, move to the next page whole (split only if taller than a page)."""

    def height(self, canvas: Canvas, width: float) -> float:
        raise NotImplementedError

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        raise NotImplementedError

    def split(self, canvas: Canvas, width: float, room: float) -> "tuple[Block | None, Block | None]":
        """(the part that fits in ``room``, the rest); a block that cannot split returns (None, self)."""
        return None, self


@dataclass
class Gap(Block):
    """Vertical space in points."""

    points: float

    def height(self, canvas: Canvas, width: float) -> float:
        return canvas.pt(self.points)

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        pass


@dataclass
class Text(Block):
    """A paragraph: ``size`` ``None`` means the body size of the printout's style."""

    text: str
    size: float | None = None
    bold: bool = False
    color: QColor = field(default_factory=lambda: QColor(INK))
    indent: float = 0.0
    after: float = 6.0
    first_line: int = 0
    keep_with_next: bool = False
    keep_together: bool = False
    """Never split across pages (a next step with its reason: review 49d, "ready to learn: its" / "prerequisites…")."""
    fractions: bool = False
    """Fractions stacked (an exercise's prompt: see :meth:`Canvas.lay_out`)."""

    def _lines(self, canvas: Canvas, width: float) -> Lines:
        font = canvas.font(self.size or canvas.style.body, self.bold)
        return canvas.lay_out(self.text, font, width - canvas.pt(self.indent), fractions=self.fractions)

    def height(self, canvas: Canvas, width: float) -> float:
        return self._lines(canvas, width).height(self.first_line) + canvas.pt(self.after)

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        canvas.painter.setPen(self.color)
        self._lines(canvas, width).draw(canvas.painter, x + canvas.pt(self.indent), y, self.first_line)

    def split(self, canvas: Canvas, width: float, room: float) -> "tuple[Block | None, Block | None]":
        lines = self._lines(canvas, width)
        fits = int(room // lines.step)
        if fits <= 0:
            return None, self
        end = self.first_line + fits
        if end >= len(lines.items):
            return self, None
        head = _TextPart(self, self.first_line, end)
        tail = replace(self, first_line=end)
        return head, tail


@dataclass
class _TextPart(Block):
    """Lines ``start`` to ``end`` of a paragraph split over pages."""

    whole: Text
    start: int
    end: int

    def height(self, canvas: Canvas, width: float) -> float:
        return self.whole._lines(canvas, width).height(self.start, self.end)

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        canvas.painter.setPen(self.whole.color)
        self.whole._lines(canvas, width).draw(canvas.painter, x + canvas.pt(self.whole.indent), y, self.start, self.end)


@dataclass
class TitleLine(Block):
    """A title on the left and a short line at the right of the same line (a worksheet's "Date: ____"): one line, not two."""

    title: str
    aside: str
    size: float | None = None
    after: float = 10.0

    def _parts(self, canvas: Canvas, width: float) -> tuple[Lines, Lines, float]:
        aside_font = canvas.font(canvas.style.body)
        aside_width = min(canvas.text_width(self.aside, aside_font) + canvas.pt(2), width / 2)
        title = canvas.lay_out(self.title, canvas.font(self.size or canvas.style.title, True), width - aside_width - canvas.mm(6))
        return title, canvas.lay_out(self.aside, aside_font, aside_width, Qt.AlignmentFlag.AlignRight), aside_width

    def height(self, canvas: Canvas, width: float) -> float:
        title, aside, _ = self._parts(canvas, width)
        return max(title.height(), aside.height()) + canvas.pt(self.after)

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        title, aside, aside_width = self._parts(canvas, width)
        canvas.painter.setPen(INK)
        title.draw(canvas.painter, x, y)
        aside.draw(canvas.painter, x + width - aside_width, y + max(0.0, title.step - aside.step))


# --- answer spaces -----------------------------------------------------------------------------
ANSWER_KINDS = ("numeric", "short_text", "multiple_choice", "teacher_marked")
_DRAW = re.compile(r"\b(draw|sketch|colou?r in|shade)\b|(?<![漫油国动壁书名图])画(?![面家册展报廊像卷作])", re.IGNORECASE)


def asks_to_draw(prompt: str) -> bool:
    """Whether a written task asks the child to draw (English or Chinese): its printout gets room to draw in.

    >>> asks_to_draw("Draw a picture that shows 2/3 = 4/6"), asks_to_draw("画一个长方形"), asks_to_draw("Explain why")
    (True, True, False)
    >>> asks_to_draw("读一读这篇漫画故事"), asks_to_draw("画面上有几只鸟？"), asks_to_draw("Look at the drawing")
    (False, False, False)
    """
    return bool(_DRAW.search(prompt))


SHORT_KEY_WIDTH = 8
"""A key at most this wide (a Chinese character counts two) is written in a number's box: "triangle", "三角形", "3 r 2"."""


def printed_kind(kind: str, key: str | None) -> str:
    """The answer space a question gets on paper: a short-text question whose key is short ("3/4", "3余2", "triangle")
    gets a number's box beside it instead of two ruled lines (review 41b: a sheet of "write 6/8 in its simplest form"
    ran onto a second page).

    >>> printed_kind("short_text", "3/4"), printed_kind("short_text", "25，52，205"), printed_kind("numeric", "12")
    ('numeric', 'short_text', 'numeric')
    """
    width = sum(2 if _CJK.match(c) else 1 for c in key or "")
    return "numeric" if kind == "short_text" and key and width <= SHORT_KEY_WIDTH else kind


@dataclass
class AnswerSpace:
    """Room to answer, sized by the exercise kind; ``answer`` filled in prints the answer key.

    * ``numeric``: a box for the number;
    * ``short_text``: two ruled lines;
    * ``multiple_choice``: a circle to fill before each choice;
    * ``teacher_marked``: four ruled lines for a written answer and a right/wrong
      tick area for the teacher.
    """

    kind: str
    choices: tuple[str, ...] = ()
    answer: str | None = None
    compact: bool = False
    """Ruled lines 8 mm apart instead of 10 (3 for a written answer instead of 4), a number's box 13 mm tall instead
    of 16 and choices closer: for a sheet that would not fit one page otherwise."""
    room_for: str | None = None
    """The model answer the ruled lines must hold, also on the children's copy: a quiz and its key then have the same
    heights, so their questions fall on the same pages (a long model answer gives the children more lines too)."""
    drawing: bool = False
    """A written answer that asks for a drawing (:func:`asks_to_draw`): an empty framed area above its ruled lines
    (review 34a: "画一个长方形" printed with three ruled lines only)."""
    drawing_mm: float | None = None
    """The drawing area's height when the page's foot set it (:meth:`Exercise.shrunk_to`), else the usual one."""

    LINE_MM = 10.0
    COMPACT_LINE_MM = 8.0
    DRAWING_MM = (40.0, 30.0)  # the drawing area's height; compact
    LEAST_DRAWING_MM = 20.0
    BOX_MM = (48.0, 16.0)
    LINES = {"short_text": 2, "teacher_marked": 4}

    @property
    def box_height_mm(self) -> float:
        """A number's box: 16 mm tall, 13 when compact (still room for a child's digits)."""
        return 13.0 if self.compact else self.BOX_MM[1]

    @property
    def line_mm(self) -> float:
        return self.COMPACT_LINE_MM if self.compact else self.LINE_MM

    @property
    def line_count(self) -> int:
        """Ruled lines: a written answer keeps 3 when compact (still taller than the teacher's tick boxes)."""
        return min(self.LINES[self.kind], 3) if self.compact else self.LINES[self.kind]

    def height(self, canvas: Canvas, width: float) -> float:
        if self.kind == "multiple_choice" and self.choices:
            return sum(self._row_heights(canvas, width)) + canvas.mm(2)
        if self.kind == "numeric" or self.kind not in self.LINES:
            return canvas.mm(self.box_height_mm + 3)
        return canvas.mm(self._drawing_mm() + self.line_mm * self._rows(canvas, width) + 2)

    def _drawing_mm(self) -> float:
        """The drawing area's height and the gap under it (0 for an answer that is not a drawing)."""
        if not (self.drawing and self.kind == "teacher_marked"):
            return 0.0
        return (self.drawing_mm or self.DRAWING_MM[1 if self.compact else 0]) + 2.0

    def _rows(self, canvas: Canvas, width: float) -> int:
        """Ruled lines to draw: the kind's, or as many as the model answer fills (review 26: a long one ran over the
        next question on the key)."""
        model_answer = self.answer if self.answer is not None else self.room_for
        if not model_answer:
            return self.line_count
        return max(self.line_count, len(self._written(canvas, width, model_answer).items))

    def _written(self, canvas: Canvas, width: float, text: str) -> Lines:
        """``text`` wrapped to the ruled lines' width, one line of it on each ruled line."""
        ticks = canvas.mm(34) if self.kind == "teacher_marked" else 0.0
        return canvas.lay_out(text, canvas.font(canvas.style.body, bold=True), width - ticks - canvas.mm(4), fractions=True)

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        painter = canvas.painter
        painter.save()
        if self.kind == "multiple_choice" and self.choices:
            self._draw_choices(canvas, x, y, width)
        elif self.kind == "numeric" or self.kind not in self.LINES:
            self._draw_box(canvas, x, y)
        else:
            self._draw_lines(canvas, x, y, width)
        painter.restore()

    # numbers
    def _draw_box(self, canvas: Canvas, x: float, y: float) -> None:
        painter = canvas.painter
        box = QRectF(x, y + canvas.mm(1.5), canvas.mm(self.BOX_MM[0]), canvas.mm(self.box_height_mm))
        painter.setPen(QPen(INK, canvas.pt(1.2)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, canvas.mm(1.5), canvas.mm(1.5))
        if self.answer is not None:
            self._key_text(canvas, box.adjusted(canvas.mm(2), 0, -canvas.mm(2), 0))

    # written answers
    def _draw_lines(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        painter = canvas.painter
        count = self._rows(canvas, width)
        ticks = canvas.mm(34) if self.kind == "teacher_marked" else 0.0
        right = x + width - ticks
        drawing = self._drawing_mm()
        if drawing:
            painter.setPen(QPen(RULE, canvas.pt(1.0)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(x, y + canvas.mm(1), right - canvas.mm(4) - x, canvas.mm(drawing - 3)))
            y += canvas.mm(drawing)
        painter.setPen(QPen(RULE, canvas.pt(0.8)))
        for n in range(1, count + 1):
            line_y = y + canvas.mm(self.line_mm * n)
            painter.drawLine(QPointF(x, line_y), QPointF(right - canvas.mm(4) if ticks else right, line_y))
        if ticks:
            self._draw_ticks(canvas, right, y + canvas.mm(2))
        if self.answer:  # the key's model answer written on the lines, as a child would
            painter.setPen(KEY_INK)
            written, placed = self._written(canvas, width, self.answer), []
            for n, (layout, line) in enumerate(written.items):
                baseline = y + canvas.mm(self.line_mm * (n + 1) - 1.5)
                line.draw(painter, QPointF(x, baseline - line.ascent() - line.y()))
                placed.append((layout, line, baseline))
            written.draw_fractions(painter, x, placed)

    def _draw_ticks(self, canvas: Canvas, x: float, y: float) -> None:
        """Two boxes for the teacher: right (a tick) and wrong (a cross)."""
        painter = canvas.painter
        side = canvas.mm(11)
        for n, mark in enumerate((_tick_path, _cross_path)):
            left = x + n * (side + canvas.mm(6))
            box = QRectF(left, y, side, side)
            painter.setPen(QPen(INK, canvas.pt(1.2)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(box)
            painter.setPen(QPen(GREY, canvas.pt(1.6)))
            painter.drawPath(mark(QRectF(left, y + side + canvas.mm(1.5), side, canvas.mm(5))))

    # choices
    def _choice_step(self, canvas: Canvas) -> float:
        return canvas.mm(9 if self.compact else 11)

    def _choice_texts(self) -> list[str]:
        return [f"{chr(ord('A') + i)}   {choice}" for i, choice in enumerate(self.choices)]

    def _choice_rows(self, canvas: Canvas, width: float) -> tuple[int, int]:
        """(choices per row, number of rows): as many side by side as fit in equal columns."""
        font = canvas.font(canvas.style.body)
        widest = max(canvas.text_width(t, font) for t in self._choice_texts()) + canvas.mm(16)
        per_row = max(1, min(len(self.choices), int(width // widest)))
        return per_row, -(-len(self.choices) // per_row)

    def _label_width(self, canvas: Canvas, width: float) -> float:
        """The width a choice's text wraps in: its column less the circle and the gaps around it."""
        return width / self._choice_rows(canvas, width)[0] - canvas.mm(7) - canvas.mm(5)

    def _row_heights(self, canvas: Canvas, width: float) -> list[float]:
        """Each row of choices as tall as its longest text needs, at least one step (review 27d: a choice of two
        lines printed its second line over the next choice)."""
        per_row, rows = self._choice_rows(canvas, width)
        font, step, room = canvas.font(canvas.style.body), self._choice_step(canvas), self._label_width(canvas, width)
        texts = self._choice_texts()
        one_line = canvas.lay_out("A", font, room).height()  # each further line adds its height to the step

        def row_height(text: str) -> float:  # a line of stacked fractions fills the step it would otherwise leave empty
            lines = canvas.lay_out(text, font, room, fractions=True)
            return step + lines.height() - one_line if not lines.fractions else max(step, lines.height())

        return [max(row_height(t) for t in texts[r * per_row:(r + 1) * per_row]) for r in range(rows)]

    def _draw_choices(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        painter = canvas.painter
        font = canvas.font(canvas.style.body)
        per_row, _ = self._choice_rows(canvas, width)
        column = width / per_row
        heights = self._row_heights(canvas, width)
        diameter = canvas.mm(7)
        for n, text in enumerate(self._choice_texts()):
            row = n // per_row
            left = x + (n % per_row) * column
            top, step = y + sum(heights[:row]), heights[row]
            circle = QRectF(left, top + (min(step, self._choice_step(canvas)) - diameter) / 2, diameter, diameter)
            chosen = self.answer is not None and self.choices[n] == self.answer
            painter.setPen(QPen(KEY_INK if chosen else INK, canvas.pt(1.2)))
            painter.setBrush(QBrush(KEY_INK) if chosen else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(circle)
            painter.setFont(font)
            painter.setPen(INK)
            label = QRectF(circle.right() + canvas.mm(3), top, self._label_width(canvas, width), step)
            lines = canvas.lay_out(text, font, label.width(), fractions=True)
            first_line = self._choice_step(canvas)  # a one-line choice sits beside its circle; a longer one starts there
            lines.draw(painter, label.left(), top + max(0.0, (first_line - lines.height()) / 2))

    def _key_text(self, canvas: Canvas, rect: QRectF) -> None:
        """The key's number, centred in its box."""
        canvas.painter.setPen(KEY_INK)
        lines = canvas.lay_out(self.answer or "", canvas.font(canvas.style.body, bold=True), rect.width(), Qt.AlignmentFlag.AlignCenter,
                               fractions=True)
        lines.draw(canvas.painter, rect.left(), rect.top() + max(0.0, (rect.height() - lines.height()) / 2))


def _tick_path(rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    middle = rect.center().x()
    half = min(rect.width(), rect.height()) / 2
    path.moveTo(middle - half * 0.8, rect.center().y())
    path.lineTo(middle - half * 0.2, rect.bottom())
    path.lineTo(middle + half * 0.9, rect.top())
    return path


def _cross_path(rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    c, h = rect.center(), min(rect.width(), rect.height()) / 2
    path.moveTo(c.x() - h, c.y() - h)
    path.lineTo(c.x() + h, c.y() + h)
    path.moveTo(c.x() + h, c.y() - h)
    path.lineTo(c.x() - h, c.y() + h)
    return path


@dataclass
class Exercise(Block):
    """A numbered exercise and its answer space, kept together on one page.

    A number's box stands to the right of its question (where the question still has most of the
    line), so a child's sheet of 8 exercises fits on one page; other answer spaces go below it.
    """

    keep_together = True

    number: int
    prompt: str
    space: AnswerSpace
    after: float = 10.0

    NUMBER_GAP_MM = 3.0
    """Clear space between the widest number ("99.") and its question, so "20." never reads as "20.10"."""
    BESIDE_GAP_MM = 6.0

    def _gutter(self, canvas: Canvas) -> float:
        """Width of the number column: the widest of "99." and this number, in the bold body font, plus a gap.

        Measured with the font (not a fixed width), so two- and three-digit numbers
        in any paper's type size keep clear of the question text; numbers up to 99 share
        one column so the questions line up.
        """
        widest = f"{max(self.number, 99)}."
        return canvas.text_width(widest, canvas.font(canvas.style.body, bold=True)) + canvas.mm(self.NUMBER_GAP_MM)

    def _beside(self, canvas: Canvas, width: float) -> float:
        """Width the answer box takes to the right of the prompt (0: the space goes below the prompt)."""
        if self.space.kind != "numeric":
            return 0.0
        beside = canvas.mm(AnswerSpace.BOX_MM[0] + self.BESIDE_GAP_MM)
        return beside if width - self._gutter(canvas) - beside >= 0.45 * width else 0.0

    def _prompt(self, canvas: Canvas, width: float) -> Lines:
        return canvas.lay_out(self.prompt, canvas.font(canvas.style.body), width - self._gutter(canvas) - self._beside(canvas, width),
                              fractions=True)

    def height(self, canvas: Canvas, width: float) -> float:
        inner = width - self._gutter(canvas)
        prompt, space = self._prompt(canvas, width).height(), self.space.height(canvas, inner)
        if self._beside(canvas, width):
            return max(prompt, canvas.mm(self.space.box_height_mm + 1)) + canvas.pt(self.after)
        return prompt + canvas.mm(2) + space + canvas.pt(self.after)

    def shrunk_to(self, canvas: Canvas, width: float, room: float) -> "Exercise | None":
        """This drawing task with a smaller drawing area (down to LEAST_DRAWING_MM) that fits in ``room``, or None.

        Questions keep their order (the answer key beside matches), so a drawing task that does not fit at a page's
        foot would leave the rest of the page empty (review 40b: 40% of page 1).
        """
        space = self.space
        if not (space.drawing and space.kind == "teacher_marked"):
            return None
        without = self.height(canvas, width) - canvas.mm(space._drawing_mm())
        spare_mm = (room - without) / canvas.mm(1) - 2.0
        if spare_mm < AnswerSpace.LEAST_DRAWING_MM:
            return None
        return replace(self, space=replace(space, drawing_mm=min(spare_mm, space._drawing_mm() - 2.0)))

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        painter = canvas.painter
        painter.setFont(canvas.font(canvas.style.body, bold=True))
        painter.setPen(INK)
        gutter = self._gutter(canvas)
        prompt = self._prompt(canvas, width)
        number = canvas.lay_out(f"{self.number}.", canvas.font(canvas.style.body, bold=True), gutter)
        replace(number, step=prompt.step).draw(painter, x, y)  # on the prompt's first line, fractions or not
        prompt.draw(painter, x + gutter, y)
        inner = width - gutter
        beside = self._beside(canvas, width)
        if beside:
            box_x = x + width - canvas.mm(AnswerSpace.BOX_MM[0]) - canvas.pt(2)  # its border stays inside the margin
            self.space.draw(canvas, box_x, y - canvas.mm(1.5), canvas.mm(AnswerSpace.BOX_MM[0]))
        else:
            self.space.draw(canvas, x + gutter, y + prompt.height() + canvas.mm(2), inner)

    def split(self, canvas: Canvas, width: float, room: float) -> "tuple[Block | None, Block | None]":
        """Only an exercise taller than a whole page splits: its prompt runs on, the answer space follows."""
        body = Text(f"{self.number}. {self.prompt}", after=2, fractions=True)
        head, tail = body.split(canvas, width, room)
        if head is None:
            return None, self
        rest = [tail] if tail is not None else []
        return head, _Stack([*rest, _Indented(self.space, self._gutter(canvas) * 25.4 / canvas.dpi), Gap(self.after)])


@dataclass
class _Indented(Block):
    space: AnswerSpace
    indent_mm: float

    def height(self, canvas: Canvas, width: float) -> float:
        return self.space.height(canvas, width - canvas.mm(self.indent_mm))

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        self.space.draw(canvas, x + canvas.mm(self.indent_mm), y, width - canvas.mm(self.indent_mm))


@dataclass
class _Stack(Block):
    """Blocks that go back into the flow (what is left of a split exercise)."""

    blocks: list[Block]



MIN_TABLE_TAIL = 4
"""Rows at least on each page of a split table: fewer at a page's foot and the table starts on the next page; fewer
on the page it continues on and more rows go with them (when the first page keeps as many)."""


@dataclass
class Table(Block):
    """A table with a header row; cells wrap; it continues on the next page with its header repeated.

    ``weights`` share the width among the columns (equal when empty), but a
    column is never narrower than its longest word, so words are not cut
    while the table can fit them. A table that fits on a page is not split.
    """

    keep_together = True

    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    weights: Sequence[float] = ()
    after: float = 10.0
    column_widths: tuple[float, ...] = ()
    """The whole table's column widths, kept by the parts a page break splits it into (review 31a: each page's part
    sized its own columns, so they moved from page to page, and a split worked out with one set of widths was drawn
    with another: an answer key's first page ended a quarter empty)."""
    fractions: bool = False
    """Fractions in the rows stacked (the worksheets' key: review 42, flat beside the quiz key's stacked ones)."""

    PAD_PT = 3.0

    def _widths(self, canvas: Canvas, width: float) -> list[float]:
        if self.column_widths and abs(sum(self.column_widths) - width) < 1:
            return list(self.column_widths)
        weights = list(self.weights) or [1.0] * len(self.headers)
        widths = [width * w / sum(weights) for w in weights]
        bold, plain = canvas.font(canvas.style.body, True), canvas.font(canvas.style.body)
        pad = 2 * canvas.pt(self.PAD_PT) + canvas.pt(1)
        least = [
            max([canvas.text_width(word, bold) for word in _words(header)] + [canvas.text_width(word, plain) for row in self.rows for word in _words(row[n])] + [0.0]) + pad
            for n, header in enumerate(self.headers)
        ]
        if sum(least) > width:  # one very long word (a name) cannot fit beside the others' words: it wraps in its own
            widest = max(range(len(least)), key=lambda n: least[n] - widths[n])  # column, not theirs (review 31a:
            least[widest] = max(widths[widest], width - (sum(least) - least[widest]))  # "Multiplicati/on facts")
        if sum(least) > width + 0.01:
            return widths  # cannot fit every word: keep the weights, long words wrap anywhere
        short = [n for n in range(len(widths)) if widths[n] < least[n]]
        while short:
            for n in short:
                widths[n] = least[n]
            spare = [n for n in range(len(widths)) if widths[n] > least[n]]
            excess = sum(widths) - width
            room = sum(widths[n] - least[n] for n in spare)
            for n in spare:
                widths[n] -= excess * (widths[n] - least[n]) / room
            short = [n for n in range(len(widths)) if widths[n] < least[n] - 0.01]
        return widths

    def _row_height(self, canvas: Canvas, cells: Sequence[object], widths: list[float], bold: bool) -> float:
        font = canvas.font(canvas.style.body, bold)
        pad = canvas.pt(self.PAD_PT)
        stacked = self.fractions and not bold
        return max(canvas.lay_out(str(c), font, w - 2 * pad, fractions=stacked).height() for c, w in zip(cells, widths)) + 2 * pad

    def height(self, canvas: Canvas, width: float) -> float:
        widths = self._widths(canvas, width)
        return sum(self._row_height(canvas, r, widths, i == 0) for i, r in enumerate([self.headers, *self.rows])) + canvas.pt(self.after)

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        painter = canvas.painter
        widths = self._widths(canvas, width)
        pad = canvas.pt(self.PAD_PT)
        for index, cells in enumerate([self.headers, *self.rows]):
            bold = index == 0
            font = canvas.font(canvas.style.body, bold)
            row_height = self._row_height(canvas, cells, widths, bold)
            left = x
            for cell, cell_width in zip(cells, widths):
                rect = QRectF(left, y, cell_width, row_height)
                painter.setPen(QPen(RULE, canvas.pt(0.6)))
                painter.setBrush(QColor("#ececec") if bold else Qt.BrushStyle.NoBrush)
                painter.drawRect(rect)
                painter.setPen(INK)
                canvas.lay_out(str(cell), font, cell_width - 2 * pad, fractions=self.fractions and not bold).draw(painter, left + pad, y + pad)
                left += cell_width
            y += row_height

    def split(self, canvas: Canvas, width: float, room: float, least: int = MIN_TABLE_TAIL) -> "tuple[Block | None, Block | None]":
        """The rows that fit in ``room`` and the rest; fewer than ``least`` rows fitting: none (the layout asks for
        ``least=1`` at a page's top, where waiting for the next page would not help)."""
        widths = self._widths(canvas, width)
        used = self._row_height(canvas, self.headers, widths, True)
        fits = 0
        for row in self.rows:
            used += self._row_height(canvas, row, widths, False)
            if used > room:
                break
            fits += 1
        if fits == len(self.rows):
            return self, None
        if fits < least:  # a header and a row or two at the foot of a page: the table starts on the next
            return None, self
        if len(self.rows) - fits < MIN_TABLE_TAIL <= fits - MIN_TABLE_TAIL:  # no row or two alone under a repeated header
            fits = len(self.rows) - MIN_TABLE_TAIL
        kept = tuple(widths)
        return (Table(self.headers, self.rows[:fits], self.weights, 0, kept, self.fractions),
                Table(self.headers, self.rows[fits:], self.weights, self.after, kept, self.fractions))


_CJK_RANGES = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
"""Chinese characters, their punctuation and full-width forms: what a Chinese line may break between."""
_CJK = re.compile(f"[{_CJK_RANGES}]")
_SHARED_PUNCTUATION = re.compile(r"[\u2018\u2019\u201c\u201d\u2026\u2014\u00b7\u3000-\u303f\uff00-\uffef]+")
"""Quotes, ellipsis, dash and middle dot (one code point for Chinese and Latin text, drawn half-width by a Latin font),
and the full-width forms and Chinese punctuation (？：。), whichever font of the list has them first."""


def _chinese_punctuation(paragraph: str, font: QFont) -> list[QTextLayout.FormatRange]:
    """In a paragraph with Chinese in it, its quotes, …… and —— in the Chinese font (review 38d: “三百零六” had the
    Latin font's narrow quotes and a low ellipsis); Latin letters and digits keep the Latin font."""
    family = cjk_family()
    if not family or not (_CJK.search(paragraph) or "……" in paragraph):  # 3……2, a remainder as Chinese books write it
        return []
    chinese = QFont(font)
    chinese.setFamilies([family])
    ranges = []
    for found in _SHARED_PUNCTUATION.finditer(paragraph):
        run = QTextLayout.FormatRange()
        run.start, run.length = found.start(), found.end() - found.start()
        run.format = QTextCharFormat()
        run.format.setFont(chinese)
        ranges.append(run)
    return ranges


_KEPT_TOGETHER = re.compile(f"(?<=[{_CJK_RANGES}]:)(?=[{_CJK_RANGES}])|(?<=\\d)(?=[\u4e00-\u9fff])|(?<=\\d[，、])(?=\\d)")
"""Where a line never breaks in Chinese text (a word joiner goes there), review 41b: after a colon between two
characters ("（按“时:" ended a line, "分”写）" began the next), between a number and the word after it ("15 / 个"),
and inside a list of numbers (review 45b: an answer key's "25，/52，205")."""
_CLOSING = "）」』】〕》〉、。，！？：；)"
"""Closing brackets and punctuation, which never start a line: not counted as a line's own characters."""
_WORD = re.compile(f"[{_CJK_RANGES}]|[^\\s{_CJK_RANGES}]+")


def _words(text: object) -> list[str]:
    """The pieces a line may not break inside: words, and single Chinese characters (lines break between them)."""
    return _WORD.findall(str(text))


# --- sections and pages ------------------------------------------------------------------------
@dataclass
class Section:
    """Pages that belong together (one child's sheet): a new page first, the same header on every page.

    ``header_left``/``header_right`` are the running header (e.g. "Name: Ana B."
    and "Class: 3B"); ``footer`` is shown left of the page number.
    """

    header_left: str
    header_right: str
    blocks: list[Block]
    footer: str = ""
    shorter: Sequence[list[Block]] = ()
    """The same section said more briefly, tried in turn where it runs onto more pages (a family letter naming every
    skill known, then only a few: review 49e)."""


@dataclass
class Page:
    section: Section
    number: int
    placed: list[tuple[Block, float]] = field(default_factory=list)
    count: int = 0


def _tightened(block: Block) -> Block:
    """``block`` with at most TIGHT_AFTER_PT of space after it (a block without such space as it is)."""
    after = getattr(block, "after", None)
    if is_dataclass(block) and isinstance(after, (int, float)) and after > TIGHT_AFTER_PT:
        return replace(block, after=TIGHT_AFTER_PT)
    return block


def _compacted(block: Block) -> Block:
    """:func:`_tightened`, and an exercise's answer space compact (ruled lines 8 mm apart, choices closer)."""
    block = _tightened(block)
    return replace(block, space=replace(block.space, compact=True)) if isinstance(block, Exercise) else block


class Layout:
    """Where everything goes on a page of the chosen paper size (device pixels)."""

    def __init__(self, canvas: Canvas, page_rect: QRectF) -> None:
        self.canvas = canvas
        margin = canvas.mm(MARGIN_MM)
        self.frame = page_rect.adjusted(margin, margin, -margin, -margin)
        style = canvas.style
        self.header_height = canvas.line_height(canvas.font(style.header, True)) * 2.6
        self.footer_height = canvas.line_height(canvas.font(style.header)) * 1.8
        self.body = QRectF(self.frame.left(), self.frame.top() + self.header_height, self.frame.width(), self.frame.height() - self.header_height - self.footer_height)

    def paginate(self, sections: Sequence[Section]) -> list[Page]:
        """Every section's pages. A section that runs onto more pages is laid out again with the space after its
        blocks cut to TIGHT_AFTER_PT, then also with compact answer spaces, and the first that saves a page is kept:
        a child's worksheet whose last questions spilled onto a page of their own (on Letter paper, shorter than
        A4, or with written answers) fits on one page; then the section's :attr:`Section.shorter` versions in turn.
        The type is never made smaller."""
        pages: list[Page] = []
        for section in sections:
            own = self._squeezed_pages(section)
            for blocks in section.shorter:
                if len(own) == 1:
                    break
                brief = self._squeezed_pages(replace(section, blocks=blocks, shorter=()))
                own = brief if len(brief) < len(own) else own
            pages += own
        return pages

    def _squeezed_pages(self, section: Section) -> list[Page]:
        """The section's pages, tightened and then compacted where that saves a page (see :meth:`paginate`)."""
        own = self._section_pages(section)
        for squeeze in (_tightened, _compacted):
            if len(own) == 1:
                break
            tight = self._section_pages(replace(section, blocks=[squeeze(b) for b in section.blocks]))
            own = tight if len(tight) < len(own) else own
        return own

    def _section_pages(self, section: Section) -> list[Page]:
        """One section's pages: blocks placed top to bottom, each moved or split where the page ends."""
        pages = [Page(section, 1)]
        y = 0.0
        queue = list(section.blocks)
        while queue:
            block = queue.pop(0)
            if isinstance(block, _Stack):
                queue[:0] = block.blocks
                continue
            own = height = block.height(self.canvas, self.body.width())
            if y > 0 and getattr(block, "keep_with_next", False) and queue:  # a heading goes with what follows it: all
                # of it when that moves whole (a short table: review 46c, "纸笔测验" alone at a page's foot), else its start
                following = queue[0].height(self.canvas, self.body.width())
                whole = getattr(queue[0], "keep_together", False) and following <= self.body.height() / 2
                height += following if whole else min(following, self.body.height() / 6)
            else:  # the space after a page's last block may fall below it (review 31a: 0.4 mm of that space sent an
                # 8-question sheet's last two questions to a page of their own)
                height -= own if isinstance(block, Gap) else self.canvas.pt(getattr(block, "after", 0) or 0)
            if y + height <= self.body.height() + 0.5:
                pages[-1].placed.append((block, y))
                y += own
                continue
            smaller = block.shrunk_to(self.canvas, self.body.width(), self.body.height() - y + 0.5 + own - height) \
                if isinstance(block, Exercise) and y > 0 else None
            if smaller is not None:
                pages[-1].placed.append((smaller, y))
                y += smaller.height(self.canvas, self.body.width())
                continue
            # A block kept together moves to the next page whole, unless no page could hold it (a class's
            # summary table): then it starts here, so a page never holds a title alone.
            # A heading that does not fit with the start of what follows it moves too (review 27d: "Next steps" ended
            # a page, its steps began the next).
            # A tall table (over half a page) of which half fits here starts here rather than leave the page nearly
            # empty (review 29a: a class summary's third table went to a page of its own after a five-row tail).
            tall_half_fits = isinstance(block, Table) and own > self.body.height() / 2 and self.body.height() - y >= own / 2
            moves = (block.keep_together or getattr(block, "keep_with_next", False)) and y > 0 and \
                own <= self.body.height() + 0.5 and not tall_half_fits
            head, tail = (None, block) if moves else block.split(self.canvas, self.body.width(), self.body.height() - y)
            if head is None and y == 0:  # not even a whole page holds it: split what a page holds
                extra = {"least": 1} if isinstance(block, Table) else {}  # rows taller than a quarter page (review 29e)
                head, tail = block.split(self.canvas, self.body.width(), self.body.height(), **extra)
                if head is None:
                    head, tail = block, None  # cannot split at all: place it and let it be clipped
            if head is not None:
                pages[-1].placed.append((head, y))
            if tail is not None:
                queue.insert(0, tail)
            pages.append(Page(section, pages[-1].number + 1))
            y = 0.0
        if not pages[-1].placed and pages[-1].number > 1:
            pages.pop()
        for page in pages:
            page.count = len(pages)
        return pages

    def draw_page(self, page: Page, page_label: str) -> None:
        canvas, painter = self.canvas, self.canvas.painter
        self._draw_header(page.section)
        painter.save()
        painter.setClipRect(self.frame)
        for block, y in page.placed:
            block.draw(canvas, self.body.left(), self.body.top() + y, self.body.width())
        painter.restore()
        self._draw_footer(page, page_label.format(page=page.number, pages=page.count))

    def _draw_header(self, section: Section) -> None:
        canvas, painter = self.canvas, self.canvas.painter
        painter.setPen(INK)
        full = canvas.font(canvas.style.header, bold=True)
        left_width = self.frame.width() - self._right_width(section)
        largest = canvas.style.header
        for text, left, width, align, smallest, cut in (  # a name is cut in its middle, the class line at its end (the date)
                (section.header_left, self.frame.left(), left_width - canvas.mm(3), Qt.AlignmentFlag.AlignLeft, self._smallest_name(),
                 Qt.TextElideMode.ElideMiddle),
                (section.header_right, self.frame.left() + left_width, self.frame.width() - left_width, Qt.AlignmentFlag.AlignRight,
                 canvas.style.smallest, Qt.TextElideMode.ElideRight)):
            font, lines = self._header_line(text, width, align, smallest, cut, largest)
            largest = max(font.pointSizeF(), canvas.style.smallest)  # the class no larger than a name made smaller (31a)
            lower = canvas.line_height(full) - canvas.line_height(font)  # the same baseline as a full-size text
            lines.draw(painter, left, self.frame.top() + lower)
        rule_y = self.frame.top() + self.header_height - canvas.mm(3)
        painter.setPen(QPen(RULE, canvas.pt(0.8)))
        painter.drawLine(QPointF(self.frame.left(), rule_y), QPointF(self.frame.right(), rule_y))

    def _right_width(self, section: Section) -> float:
        """The width the header's right text (the class) gets: all it needs when the left text (a child's name) still
        fits at full size; else as much as the name leaves, down to what the class needs in the smallest type (20-30% of
        the line), shortened rather than made smaller
        than the printout's smallest type (review 31a: a long name dropped to 9.5 pt beside a class at 14 pt, and a long
        class name cut the child's name in the middle; review 42: the class shrank to 7.7 pt on an 11 pt report)."""
        canvas, width, gap = self.canvas, self.frame.width(), self.canvas.mm(3)
        full = canvas.font(canvas.style.header, bold=True)
        left = canvas.text_width(section.header_left, full) + gap
        right = canvas.text_width(section.header_right, full) + gap
        if left + right <= width:
            return right
        # the class keeps what it needs in the printout's smallest type, up to 30% of the line (review 45c: beside a
        # 41-letter name a child's letter read "Class: Dem…"), and at least a fifth of it
        whole = canvas.text_width(section.header_right, canvas.font(canvas.style.smallest, bold=True)) + gap
        return max(width - left, min(right, max(width * 0.2, min(whole, width * 0.3))))

    def _smallest_name(self) -> float:
        """How small the header's name may get where it would not fit whole: 70% of the header's size (a child's name
        is never cut while it fits at that size; review 28c: it wrapped and ran through the header's rule)."""
        return self.canvas.style.header * 0.7

    def _header_line(self, text: str, width: float, align: Qt.AlignmentFlag, smallest: float,
                     elide: Qt.TextElideMode, largest: float) -> tuple[QFont, "Lines"]:
        """The header text laid out on one line at ``largest`` points, or smaller (down to ``smallest``), then cut
        (where ``elide`` says) with "…". A name of right-to-left words measured to fit can still wrap when laid out (review 38a: "Name: محمد
        عبد الله" printed as "Name: محمد عبد", another child's name perhaps): it is made smaller or cut until it does not."""
        canvas = self.canvas
        size = largest
        font = canvas.font(size, bold=True)
        while canvas.text_width(text, font) > width and size > smallest:
            size -= 0.5
            font = canvas.font(size, bold=True)
        cut = width
        while True:
            shown = QFontMetricsF(font, canvas.device).elidedText(text, elide, cut)
            lines = canvas.lay_out(shown, font, width, align)
            if len(lines.items) <= 1 or cut <= canvas.mm(5):
                return font, Lines(lines.items[:1], lines.step)
            if font.pointSizeF() > smallest:
                font = canvas.font(font.pointSizeF() - 0.5, bold=True)
            else:
                cut -= canvas.mm(1)

    def _draw_footer(self, page: Page, label: str) -> None:
        canvas, painter = self.canvas, self.canvas.painter
        font = canvas.font(canvas.style.header)
        painter.setPen(GREY)
        top = self.frame.bottom() - canvas.line_height(font) * 1.25
        # the page label takes what it needs, the footer the rest (review 35d: "Red readers: fr…ns — Answer key" in half
        # the width, the other half empty but for "Page 1 of 2")
        label_width = min(canvas.text_width(label, font) + canvas.mm(1), self.frame.width() / 2)
        room = self.frame.width() - label_width - canvas.mm(6)
        footer = QFontMetricsF(font, canvas.device).elidedText(page.section.footer, Qt.TextElideMode.ElideMiddle, room)
        canvas.lay_out(footer, font, room).draw(painter, self.frame.left(), top, 0, 1)
        canvas.lay_out(label, font, label_width, Qt.AlignmentFlag.AlignRight).draw(
            painter, self.frame.right() - label_width, top)


def write_pdf(
    path: Path | str, title: str, sections: Sequence[Section], paper: str = "A4", style: Style = CHILD, page_label: str = "Page {page} of {pages}"
) -> Path:
    """Lay ``sections`` out on ``paper`` (A4 or Letter) and write the PDF at ``path``.

    ``page_label`` is the translated "Page {page} of {pages}"; pages are counted
    within each section.
    """
    protect_none()  # laying out a class stack makes many thousands of PySide calls
    path = refuse_own_file(path)
    buffer = QBuffer()  # written whole at the end (review 33b: on a full stick a cut-off PDF was "Saved")
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Lamplight")
    writer.setResolution(RESOLUTION)
    layout = QPageLayout(QPageSize(PAPER_SIZES.get(paper, QPageSize.PageSizeId.A4)), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    writer.setPageLayout(layout)
    canvas = Canvas(writer, style)
    page_rect = QRectF(layout.fullRectPixels(RESOLUTION))
    pages = Layout(canvas, page_rect).paginate(sections or [Section("", "", [])])
    place = Layout(canvas, page_rect)
    painter = QPainter()
    if not painter.begin(writer):  # in memory: not the disk's doing
        raise RuntimeError("the PDF could not be started")
    canvas.painter = painter
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    try:
        for index, page in enumerate(pages):
            if index:
                writer.newPage()
            place.draw_page(page, page_label)
    finally:
        painter.end()
    return write_file(path, bytes(buffer.data()), "saving the printout")
