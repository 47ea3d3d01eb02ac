"""Question numbers on children's sheets keep clear of the question: "20." never runs into "10 ÷ 2 = ?"."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from tests.gui.conftest import finish_jobs
from tests.gui.pdf_pages import MM, Glyph, read_pdf

CLEAR_GAP_MM = 2.0


def _lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by line (a glyph's middle lies within the line's first glyph), each line left to right.

    Chinese and Latin glyphs on one line have different boxes, so their tops do not match.
    """
    lines: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: -g.top):
        middle = (glyph.top + glyph.bottom) / 2
        if lines and lines[-1][0].bottom <= middle <= lines[-1][0].top:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    return [sorted(line, key=lambda g: g.left) for line in lines]


def numbered_lines(pages) -> dict[int, tuple[float, float]]:
    """{question number: (clear gap in mm between its bold "N." and the question, where the question starts in pt)}."""
    gaps = {}
    for page in pages:
        margin = min(g.left for g in page.glyphs)
        for line in _lines(page.glyphs):
            if line[0].left > margin + 1 * MM:  # a bold figure inside the text (an answer), not a question number
                continue
            number = ""
            for at, glyph in enumerate(line):
                if "Bold" in glyph.font and (glyph.char.isdigit() or (glyph.char == "." and number)):
                    number += glyph.char
                    if glyph.char == ".":
                        break
                else:
                    break
            if not number.endswith(".") or at + 1 >= len(line):
                continue
            gaps[int(number[:-1])] = ((line[at + 1].left - line[at].right) / MM, line[at + 1].left)
    return gaps


def _press(monkeypatch, button, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    finish_jobs()
    return read_pdf(path)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_two_digit_question_numbers_keep_a_clear_gap_on_the_quiz_and_key(make_window, tmp_path, monkeypatch, language):
    window = make_window(language=language)
    store = window.context.store
    store.set_setting("paper_size", "A4")
    exercises = [e for e in store.list_exercises() if e.kind in ("numeric", "short_text")][:24]
    quiz = window.open_page("quiz")
    quiz.create_quiz("Numbers", [e.id for e in exercises])
    for name, button in (("quiz", quiz.print_button), ("key", quiz.key_button)):
        found = numbered_lines(_press(monkeypatch, button, tmp_path / f"{name}.pdf"))
        assert set(range(1, 25)) <= set(found), f"{name}: numbers found {sorted(found)}"
        tight = {n: round(gap, 1) for n, (gap, _) in found.items() if gap < CLEAR_GAP_MM}
        assert not tight, f"{name}: numbers closer than {CLEAR_GAP_MM} mm to their question: {tight}"
        starts = [start for _, start in found.values()]  # numbers up to 99 share one column: the questions line up
        assert max(starts) - min(starts) <= 2, f"{name}: questions start at {sorted(set(round(s) for s in starts))}"


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_quotes_and_ellipsis_of_a_chinese_quiz_are_the_chinese_ones(make_window, tmp_path, monkeypatch, language):
    """Review 38d: “三百零六” and …… were drawn in the Latin font (narrow quotes, a low ellipsis) on Chinese sheets.
    Digits and Latin letters keep the Latin font; an English sheet keeps its own quotes."""
    from desktop.i18n import cjk_family

    window = make_window(language=language)
    store = window.context.store
    wanted = ("starter-math:place-value-words", "starter-math:count-back-10")
    quiz = window.open_page("quiz")
    by_key = {e.key: e.id for e in store.list_exercises()}
    quiz.create_quiz("Quotes", [by_key[key] for key in wanted])
    [page, *_] = _press(monkeypatch, quiz.print_button, tmp_path / "quiz.pdf")
    fonts = {}
    for glyph in page.glyphs:
        fonts.setdefault(glyph.char, set()).add(glyph.font)
    chinese = cjk_family().replace(" ", "")
    if language == "en":
        assert not any(chinese in glyph.font for glyph in page.glyphs), "an English sheet is all in the Latin font"
        return
    assert all(char in fonts for char in "“”…"), sorted(fonts)
    assert all(chinese in font for char in "“”…" for font in fonts[char]), {char: fonts[char] for char in "“”…"}
    assert not any(chinese in font for font in fonts["0"] | fonts["1"]), fonts["0"]


def test_a_remainder_written_the_chinese_way_is_in_the_chinese_font_on_the_key(make_window, tmp_path, monkeypatch):
    """Review 43: the key's "3……2" (no Chinese character beside it) had the Latin font's low, narrow dots."""
    from desktop.i18n import cjk_family

    window = make_window(language="zh_CN")
    store = window.context.store
    skill = store.list_exercises()[0].skills[0]
    remainder = store.add_exercise("17 ÷ 5 = ?（写出商和余数）", "short_text", answer="3……2", skills=[skill])
    quiz = window.open_page("quiz")
    quiz.create_quiz("余数", [remainder])
    [page, *_] = _press(monkeypatch, quiz.key_button, tmp_path / "key.pdf")
    dots = {glyph.font for glyph in page.glyphs if glyph.char == "…"}
    assert dots and all(cjk_family().replace(" ", "") in font for font in dots), dots
