"""The letter to a child's family: one page per child, plain sentences and one picture, in either language.

The picture shows the class's skills as boxes twice, a month ago and now,
a filled box for each skill the child knows. The words come from the
translation catalogue in the language the teacher picks for the letter (not
necessarily the app's), so a teacher working in English can print letters
in Chinese and the other way round.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QRectF, QT_TRANSLATE_NOOP, QTranslator, Qt
from PySide6.QtGui import QColor, QPen

from desktop import pdf
from desktop.i18n import I18N_DIR, sentences

CONTEXT = "FamilyLetter"
SHOWN_NAMES = 15
"""Skill names listed in a sentence before "and N more": every skill of the starter pack (review 49d: "and 2 more"
never told a family which two); :data:`FEW_NAMES` where the letter would not fit on one page then (review 49e)."""
FEW_NAMES = 5
FEW_ANSWERS = 12
"""Below this many answers in all, a child who knows no skill yet is said to need more answers; above, to be practising."""
KNOWN = QColor("#2e7d32")

SOURCES = {
    "title": QT_TRANSLATE_NOOP("FamilyLetter", "Letter to the family"),
    "heading": QT_TRANSLATE_NOOP("FamilyLetter", "How {name} is doing"),
    "name": QT_TRANSLATE_NOOP("FamilyLetter", "Name:"),
    "class": QT_TRANSLATE_NOOP("FamilyLetter", "Class:"),
    "page": QT_TRANSLATE_NOOP("FamilyLetter", "Page {page} of {pages}"),
    "known_now": QT_TRANSLATE_NOOP("FamilyLetter", "{name} knows {now} of the {total} skills the class has worked on so far."),
    "known_then": QT_TRANSLATE_NOOP("FamilyLetter", "A month ago it was {then}."),
    "no_then": QT_TRANSLATE_NOOP("FamilyLetter", "A month ago we had no answers from your child yet, so there is nothing to compare with."),
    "gain": QT_TRANSLATE_NOOP("FamilyLetter", "Skills learned this month: {gain}. Well done!"),
    "steady": QT_TRANSLATE_NOOP("FamilyLetter", "This month we kept practising the same skills."),
    "again": QT_TRANSLATE_NOOP("FamilyLetter", "Some skills need practice again; that is normal, and we are on it."),
    "knows": QT_TRANSLATE_NOOP("FamilyLetter", "Skills known now: {skills}."),
    "knows_none": QT_TRANSLATE_NOOP("FamilyLetter", "No skill counts as known yet: we need several answers "
                                                    "on a skill before we say so."),
    "good_start": QT_TRANSLATE_NOOP("FamilyLetter", "So far {name} got {right} of {count} answers right: a good start."),
    "knows_none_practising": QT_TRANSLATE_NOOP("FamilyLetter", "No skill counts as known yet: we keep practising, and a "
                                                               "skill counts as known once most answers on it are right."),
    "working": QT_TRANSLATE_NOOP("FamilyLetter", "Working on now: {skills}."),
    "next": QT_TRANSLATE_NOOP("FamilyLetter", "Next we will practise: {skills}."),
    "next_more": QT_TRANSLATE_NOOP("FamilyLetter", "Next we will practise more: {skills}."),
    "review": QT_TRANSLATE_NOOP("FamilyLetter", "We will also go over {skills} again: they are known already, and going over them helps with what comes next."),
    "review_one": QT_TRANSLATE_NOOP("FamilyLetter", "We will also go over {skills} again: it is known already, and going over it helps with what comes next."),
    "no_answers": QT_TRANSLATE_NOOP("FamilyLetter", "We have no answers from {name} yet, in class or in practice, so we "
                                                    "cannot say yet which skills are known. After the first answers we will "
                                                    "know what to practise first."),
    "answers": QT_TRANSLATE_NOOP("FamilyLetter", "In the last month your child answered {count} questions in class and in practice."),
    "answers_one": QT_TRANSLATE_NOOP("FamilyLetter", "In the last month your child answered 1 question in class and in practice."),
    "more": QT_TRANSLATE_NOOP("FamilyLetter", "{names}, and {count} more"),
    "separator": QT_TRANSLATE_NOOP("FamilyLetter", ", "),
    "picture": QT_TRANSLATE_NOOP("FamilyLetter", "Each box is a skill; a filled box is a skill your child knows."),
    "then_label": QT_TRANSLATE_NOOP("FamilyLetter", "A month ago"),
    "now_label": QT_TRANSLATE_NOOP("FamilyLetter", "Now"),
    "meaning": QT_TRANSLATE_NOOP("FamilyLetter", "“Knows” means that your child gets this kind of question right most of the time, "
                                                  "and we are fairly sure of it from the answers."),
    "greeting": QT_TRANSLATE_NOOP("FamilyLetter", "Dear family of {name},"),
    "signed": QT_TRANSLATE_NOOP("FamilyLetter", "Teacher: ____________________     Date: ______________"),
    "help": QT_TRANSLATE_NOOP("FamilyLetter", "At home you can help by asking your child to show you one thing they learned."),
    "help_practising": QT_TRANSLATE_NOOP("FamilyLetter", "At home you can help by asking your child to show you what they "
                                                         "are practising now."),  # review 43: no skill known yet
    "thanks": QT_TRANSLATE_NOOP("FamilyLetter", "Thank you for your support!"),  # review 40b: a letter home ends so
}


def letter_texts(language: str) -> dict[str, str]:
    """The letter's words in ``language`` ("en" or "zh_CN"), whatever the app's language is."""
    translate: Callable[[str], str] = lambda source: source
    if language != "en":
        translator = QTranslator()
        if translator.load(f"lamplight_{language}", str(I18N_DIR)):
            translate = lambda source: translator.translate(CONTEXT, source) or source
    return {key: translate(source) for key, source in SOURCES.items()}


def name_list(names: Sequence[str], texts: dict[str, str], shown: int = SHOWN_NAMES) -> str:
    """Up to ``shown`` names joined, then "and N more" (never "and 1 more": naming it takes as much room, review 35a)."""
    if len(names) <= shown + 1:
        return texts["separator"].join(names)
    return texts["more"].format(names=texts["separator"].join(names[:shown]), count=len(names) - shown)


def join_sentences(parts: Sequence[str]) -> str:
    """Sentences in one paragraph: a space after a full stop, none after a Chinese one (see :func:`desktop.i18n.sentences`)."""
    return sentences(*parts)


def letter_sentences(report: Any, texts: dict[str, str], shown: int = SHOWN_NAMES) -> list[str]:
    """The plain sentences of one child's letter (counts and skill names, never percentages; ``shown`` names of a list
    at most, see :func:`name_list`)."""
    name = report.student.name
    if not report.answers:  # review 30a: "knows 0 of the 15 skills" read as "knows nothing"; review 51c: "next we will
        return [texts["no_answers"].format(name=name)]  # practise counting" to a Year 3 family, before any answer
    now = len(report.known_now)
    if not now:  # review 35a: "knows 0 of the 15 skills", under a row of empty boxes, read as "knows nothing"
        lines = [texts["knows_none"] if report.answers < FEW_ANSWERS else texts["knows_none_practising"]]  # review 34e:
        if report.known_month_ago:  # "we need answers" was said of a child with 66 answers who finds the skills hard
            lines[0] = join_sentences([lines[0], texts["again"]])
        elif 3 <= report.answers < FEW_ANSWERS and report.right * 5 >= report.answers * 4:  # review 47a: 8 of 8 right read as
            lines[0] = join_sentences([texts["good_start"].format(name=name, right=report.right, count=report.answers),
                                       lines[0]])  # "nothing learned"
    else:
        first = [texts["known_now"].format(name=name, now=now, total=report.skills)]
        if report.known_month_ago is None:
            first.append(texts["no_then"])
        else:
            first.append(texts["known_then"].format(then=report.known_month_ago))
            gain = now - report.known_month_ago
            first.append(texts["gain"].format(gain=gain) if gain > 0 else texts["steady"] if gain == 0 else texts["again"])
        lines = [join_sentences(first), texts["knows"].format(skills=name_list(report.known_now, texts, shown))]
    if report.working_on:
        lines.append(texts["working"].format(skills=name_list(report.working_on, texts, shown)))
    begun = [skill for skill in report.next_skills if skill in report.next_begun]
    if begun:
        lines.append(texts["next_more"].format(skills=name_list(begun, texts, shown)))
    if len(begun) < len(report.next_skills):
        lines.append(texts["next"].format(skills=name_list([s for s in report.next_skills if s not in begun], texts, shown)))
    if report.review_skills:
        lines.append(texts["review_one" if len(report.review_skills) == 1 else "review"].format(skills=name_list(report.review_skills, texts, shown)))
    lines.append(texts["answers_one"] if report.answers_this_month == 1 else texts["answers"].format(count=report.answers_this_month))
    return lines


@dataclass
class KnownSkillsPicture(pdf.Block):
    """Two rows of boxes, one per skill: filled for the skills known a month ago, and now (only now when there is no
    month ago to show: review 31a, a row of empty boxes read as "knew nothing").

    Every skill's box stays on one line beside its label: the boxes shrink (down to
    :attr:`MIN_BOX_MM`) to fit the line. Only more skills than fit even then take more
    lines, and those lines share the boxes evenly (all as long, the last at most one
    box shorter), so no box ever stands alone on a line, where it would read as one more skill.
    """

    skills: int
    known_then: int | None
    known_now: int
    labels: tuple[str, str]
    after: float = 10.0

    keep_together = True
    BOX_MM = 8.0
    MIN_BOX_MM = 5.0
    GAP_MM = 1.5
    PEN_PT = 1.2

    def _geometry(self, canvas: pdf.Canvas, width: float) -> tuple[float, float, float, int]:
        """(label width, box size, gap, boxes per line)."""
        font = canvas.font(canvas.style.body, True)
        label = max(canvas.text_width(text, font) for text in self.labels) + canvas.mm(4)
        gap = canvas.mm(self.GAP_MM)
        room = width - label + gap - canvas.pt(self.PEN_PT)  # n boxes take n * (box + gap) - gap, and their outline
        count = max(1, self.skills)
        box = min(canvas.mm(self.BOX_MM), room / count - gap)
        if box >= canvas.mm(self.MIN_BOX_MM):
            return label, box, gap, count
        box = canvas.mm(self.MIN_BOX_MM)
        most = max(1, int(room // (box + gap)))
        lines = -(-count // most)
        return label, box, gap, -(-count // lines)

    def _row_height(self, canvas: pdf.Canvas, width: float) -> float:
        _, box, gap, per_line = self._geometry(canvas, width)
        lines = max(1, -(-self.skills // per_line))
        return lines * box + (lines - 1) * gap

    def _rows(self) -> list[tuple[str, int]]:
        """(label, skills known) of each row drawn."""
        then = [] if self.known_then is None else [(self.labels[0], self.known_then)]
        return [*then, (self.labels[1], self.known_now)]

    def height(self, canvas: pdf.Canvas, width: float) -> float:
        rows = len(self._rows())
        return rows * self._row_height(canvas, width) + (rows - 1) * canvas.mm(5) + canvas.pt(self.after)

    def draw(self, canvas: pdf.Canvas, x: float, y: float, width: float) -> None:
        label_width, box, gap, per_line = self._geometry(canvas, width)
        row = self._row_height(canvas, width)
        font = canvas.font(canvas.style.body, True)
        for n, (label, known) in enumerate(self._rows()):
            top = y + n * (row + canvas.mm(5))
            canvas.painter.setPen(pdf.INK)
            canvas.lay_out(label, font, label_width).draw(canvas.painter, x, top + (box - canvas.line_height(font)) / 2)
            for i in range(self.skills):
                rect = QRectF(x + label_width + canvas.pt(self.PEN_PT) / 2 + (i % per_line) * (box + gap), top + (i // per_line) * (box + gap), box, box)
                canvas.painter.setPen(QPen(KNOWN if i < known else pdf.RULE, canvas.pt(self.PEN_PT)))
                canvas.painter.setBrush(KNOWN if i < known else Qt.BrushStyle.NoBrush)
                canvas.painter.drawRoundedRect(rect, box / 6, box / 6)
        canvas.painter.setBrush(Qt.BrushStyle.NoBrush)


def letter_sections(reports: Sequence[Any], texts: dict[str, str], class_name: str) -> list[pdf.Section]:
    """One section (one page) per child: heading and greeting, the picture, plain sentences, what "knows" means, and a
    line for the teacher's name and the date."""
    return [pdf.Section(pdf.labelled(texts["name"], report.student.label), pdf.labelled(texts["class"], class_name),
                        _letter_blocks(report, texts, SHOWN_NAMES), texts["title"],
                        shorter=[_letter_blocks(report, texts, FEW_NAMES)]) for report in reports]


def _letter_blocks(report: Any, texts: dict[str, str], shown: int) -> list[pdf.Block]:
    """One child's letter, its lists of skills naming ``shown`` at most."""
    name = report.student.name
    blocks: list[pdf.Block] = [
        pdf.Text(texts["heading"].format(name=name), size=pdf.CHILD.title, bold=True, after=10),
        pdf.Text(texts["greeting"].format(name=name), after=8),
    ]
    if report.known_now:  # empty boxes would say the child knows nothing
        blocks += [KnownSkillsPicture(report.skills, report.known_month_ago, len(report.known_now), (texts["then_label"], texts["now_label"])),
                   pdf.Text(texts["picture"], size=pdf.CHILD.header, color=pdf.GREY, after=12)]
    blocks += [pdf.Text(line, after=8) for line in letter_sentences(report, texts, shown)]
    blocks.append(pdf.Gap(6))
    if report.known_now:  # review 43c: what "knows" means, under a letter that names no skill known, read oddly
        blocks.append(pdf.Text(texts["meaning"], size=pdf.CHILD.header, color=pdf.GREY, after=6))
    help_text = texts["help" if report.known_now else "help_practising"]
    blocks += [pdf.Text(help_text, size=pdf.CHILD.header, color=pdf.GREY, after=10), pdf.Text(texts["thanks"], after=16),
               pdf.Text(texts["signed"])]
    return blocks
