"""The family letter's picture: every skill's box on one page, in rows that never look like an extra skill.

A box alone on a second line reads as one more skill (the English "A month ago" label once pushed
the 15th box there), so the boxes shrink to keep a row on one line and, when there are too many even
then, share the lines evenly.
"""
from __future__ import annotations

import pytest

from desktop import pdf
from desktop.family_letter import KnownSkillsPicture, letter_texts
from engine.classroom import Classroom
from tests.gui.pdf_pages import MM, outside_margins, read_pdf
from tests.gui.test_printouts import click, save_to


def boxes(page) -> list[tuple[float, float, float, float]]:
    """The picture's boxes: square shapes between 4 and 9 mm."""
    return [s for s in page.shapes if 4 * MM <= s[2] - s[0] <= 9 * MM and abs((s[2] - s[0]) - (s[3] - s[1])) < 0.5]


def lines_of(found) -> list[int]:
    """How many boxes each line of boxes holds, top line first."""
    tops: dict[int, int] = {}
    for box in found:
        tops[round(box[3])] = tops.get(round(box[3]), 0) + 1
    return [tops[t] for t in sorted(tops, reverse=True)]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_classes_15_skills_sit_on_one_line_now_and_no_empty_month_ago_row(make_window, tmp_path, monkeypatch, language):
    """The demo class is three weeks old: no "a month ago" row (review 31a: 15 empty boxes read as "knew nothing")."""
    window = make_window()
    skills = len(window.context.store.list_skills())
    assert skills == 15
    page = window.open_page("reports")
    page.letter_language.setCurrentIndex(page.letter_language.findData(language))
    save_to(monkeypatch, tmp_path / "letters.pdf")
    click(page.letter_button)
    known = [bool(r.known_now) for r in Classroom(window.context.store).family_reports(window.context.class_id)]
    sheets = read_pdf(tmp_path / "letters.pdf")
    assert len(sheets) == len(known) and any(known)
    for sheet, knows_some in zip(sheets, known):
        found = boxes(sheet)  # review 35a: a child who knows no skill yet gets no row of empty boxes
        assert lines_of(found) == ([skills] if knows_some else []), f"page {sheet.number}: lines of boxes {lines_of(found)}"
        assert not outside_margins(sheet)


def _picture_pdf(path, skills: int, language: str):
    texts = letter_texts(language)
    picture = KnownSkillsPicture(skills, skills // 3, skills // 2, (texts["then_label"], texts["now_label"]))
    pdf.write_pdf(path, "letter", [pdf.Section("Name: Amy", "Class: 3B", [picture])], "A4", pdf.CHILD)
    return read_pdf(path)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("skills", [1, 15, 17, 25, 40, 61, 100])
def test_any_number_of_skills_fits_in_even_lines(app, tmp_path, language, skills):
    pages = _picture_pdf(tmp_path / "picture.pdf", skills, language)
    assert len(pages) == 1
    found = boxes(pages[0])
    lines = lines_of(found)
    assert len(found) == 2 * skills, f"{len(found)} boxes for {skills} skills"
    assert not outside_margins(pages[0])
    assert len(lines) % 2 == 0, f"the two rows take the same lines: {lines}"
    assert max(lines) - min(lines) <= len(lines) // 2, f"a short line that reads as more skills: {lines}"
    if 1 < skills <= 20:
        assert lines == [skills, skills], f"{skills} skills fit on one line each: {lines}"
    sizes = {round((b[2] - b[0]) / MM, 1) for b in found}
    assert len(sizes) == 1 and min(sizes) >= 5.0, f"every box the same size, at least 5 mm: {sizes}"
