"""Page layout details: where a page ends, how a table's columns are sized and split."""
from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

import pytest

from desktop import pdf
from tests.gui.pdf_pages import MM, read_pdf, squash


def a4_canvas(path, style=pdf.CHILD):
    """A canvas on an A4 PDF writer, and the body of its pages (as :func:`desktop.pdf.write_pdf` lays them out)."""
    writer = QPdfWriter(str(path))
    writer.setResolution(pdf.RESOLUTION)
    layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    writer.setPageLayout(layout)
    canvas = pdf.Canvas(writer, style)
    return canvas, pdf.Layout(canvas, QRectF(layout.fullRectPixels(pdf.RESOLUTION))).body, writer


def test_a_last_block_fits_when_only_the_space_after_it_would_not(app, tmp_path):
    """Review 31a: an 8-question sheet needed 242.0 mm of a 241.6 mm page, 1.8 mm of it the space after its last
    question: its last two questions went to a page of their own."""
    canvas, body, _writer = a4_canvas(tmp_path / "measure.pdf")
    # kept together, laid out as tight as a sheet is squeezed to save a page
    last = pdf.Exercise(8, "Write 2/4 in its simplest form.", pdf.AnswerSpace("short_text", compact=True), after=pdf.TIGHT_AFTER_PT)
    text_only = last.height(canvas, body.width()) - canvas.pt(pdf.TIGHT_AFTER_PT)
    spare = pdf.TIGHT_AFTER_PT / 2  # room for the question, not for the space after it
    gap = (body.height() - text_only - canvas.pt(spare)) / canvas.pt(1.0)
    for blocks, pages in (([pdf.Gap(gap), last], 1), ([pdf.Gap(gap + text_only / canvas.pt(1.0)), last], 2)):
        out = pdf.write_pdf(tmp_path / f"sheet-{pages}.pdf", "Sheet", [pdf.Section("Name: Ana", "Class: 3B", blocks)])
        assert len(read_pdf(out)) == pages


def test_a_very_long_name_wraps_in_its_own_column_and_the_skills_keep_their_words(app, tmp_path):
    """Review 31a: with "Featherstonehaugh-Wolstenholme" in the table every column fell back to its share, and the
    headers broke inside words ("Multiplicati/on facts")."""
    canvas, body, _writer = a4_canvas(tmp_path / "measure.pdf", pdf.TEACHER)
    headers = ["Student", "Multiplication facts", "Subtraction within 20", "Measurement and time", "Place value", "Fractions"]
    rows = [["Maximilian Alexander Featherstonehaugh-Wolstenholme", "72%", "88% ✓", "61%", "90% ✓", "45%"], ["Ana", *["50%"] * 5]]
    table = pdf.Table(headers, rows, (1.6, 1.0, 1.0, 1.0, 1.0, 1.0))
    widths = table._widths(canvas, body.width())
    bold = canvas.font(canvas.style.body, True)
    pad = 2 * canvas.pt(pdf.Table.PAD_PT)
    for header, width in list(zip(headers, widths))[1:]:
        assert all(canvas.text_width(word, bold) + pad <= width for word in header.split()), (header, width)
    assert sum(widths) == pytest.approx(body.width())


def test_a_table_split_over_pages_keeps_its_columns(app, tmp_path):
    """Review 31a: each page's part of a table sized its own columns (the columns moved from page to page)."""
    canvas, body, _writer = a4_canvas(tmp_path / "measure.pdf", pdf.TEACHER)
    rows = [[f"Child {n}", "1. 42  2. 7/10  3. 81/90  4. 6"] for n in range(80)] + [["Bartholomew-Featherstonehaugh", "1. 3"]]
    table = pdf.Table(["Student", "Answers, by question number"], rows, (1.0, 3.0))
    head, tail = table.split(canvas, body.width(), body.height())
    assert head is not None and tail is not None
    whole = table._widths(canvas, body.width())
    assert head._widths(canvas, body.width()) == whole == tail._widths(canvas, body.width())


@pytest.mark.parametrize("draw, explain", [("Draw a rectangle and write its length and width.", "Explain why 1/2 = 2/4."),
                                           ("画一个长方形，并写出它的长和宽。", "说明为什么1/2 = 2/4。")])
def test_a_written_task_that_asks_for_a_drawing_gets_an_empty_area_to_draw_in(app, tmp_path, draw, explain):
    """Review 34a: "画一个长方形" printed with three ruled lines only."""
    from types import SimpleNamespace

    from desktop.views.quiz import quiz_labels, quiz_sections

    tasks = [SimpleNamespace(kind="teacher_marked", prompt=text, answer="", choices=()) for text in (draw, explain)]
    for with_answers in (False, True):
        out = pdf.write_pdf(tmp_path / f"quiz-{with_answers}.pdf", "Quiz", quiz_sections("Quiz 1", tasks, with_answers,
                            quiz_labels(), "4B"), "A4", pdf.CHILD, quiz_labels()["page"])
        [page] = read_pdf(out)
        areas = [(r - l) / MM for l, b, r, t in page.shapes if abs((t - b) / MM - 39.0) < 1.5]
        assert len(areas) == 1 and areas[0] > 100, "one drawing area, under the drawing task only"
        drawing_top = max(t for l, b, r, t in page.shapes if abs((t - b) / MM - 39.0) < 1.5)
        prompt_bottom = min(g.bottom for g in page.glyphs if g.char == draw[1] and g.bottom > drawing_top)
        assert 0 < prompt_bottom - drawing_top < 8 * MM, "right under its own question"


@pytest.mark.parametrize("short_by_mm, pages", [(12.0, 1), (60.0, 2)])
def test_a_drawing_task_at_a_page_foot_draws_in_less_room_rather_than_leave_the_page_empty(app, tmp_path, short_by_mm, pages):
    """Review 40b: a drawing task that did not fit moved to page 2 and left 40% of page 1 empty. Its drawing area now
    gives up to half its height to stay; more than that and the task moves whole, the usual drawing area with it."""
    canvas, body, _writer = a4_canvas(tmp_path / "measure.pdf")
    task = pdf.Exercise(2, "Draw a rectangle and write its length and width.", pdf.AnswerSpace("teacher_marked", drawing=True))
    needs = task.height(canvas, body.width()) - canvas.pt(task.after)
    gap = (body.height() - needs + canvas.mm(short_by_mm)) / canvas.pt(1.0)
    out = pdf.write_pdf(tmp_path / "sheet.pdf", "Sheet", [pdf.Section("Name: Ana", "Class: 3B", [pdf.Gap(gap), task])])
    read = read_pdf(out)
    assert len(read) == pages
    [area] = [(t - b) / MM for page in read for l, b, r, t in page.shapes if (t - b) / MM > 15 and (r - l) / MM > 100]
    assert area == pytest.approx(39.0 - short_by_mm if pages == 1 else 39.0, abs=1.2)
    assert any(g.char == "D" for g in read[-1].glyphs), "the task's question is on the page with its drawing area"


def test_a_time_written_hours_colon_minutes_in_chinese_is_never_broken_at_its_colon(app, tmp_path):
    """Review 41b: "（按“时:" ended a line and "分”写）" began the next."""
    canvas, body, _writer = a4_canvas(tmp_path / "measure.pdf")
    prompt = "分针指着6，时针在3和4之间。现在是几时几分？（按“时:分”写）"
    font = canvas.font(canvas.style.body)
    broken_before = 0
    for width in range(int(canvas.mm(40)), int(canvas.mm(120)), int(canvas.mm(2))):
        lines = [layout.text()[line.textStart():line.textStart() + line.textLength()] for layout, line in canvas.lay_out(prompt, font, width).items]
        assert not any(text.rstrip("\u2060").endswith(":") for text in lines), (width, lines)
        broken_before += any(text.startswith("（按") or text.startswith("分”") for text in lines)
    assert broken_before, "the widths tried do wrap the quoted time onto another line"


def test_a_number_and_its_measure_word_stay_on_one_line(app, tmp_path):
    """Review 41b: the key's "15个里去掉6个" broke as "15" / "个里去掉6个"."""
    canvas, body, _writer = a4_canvas(tmp_path / "measure.pdf")
    text = "15个里去掉6个的故事（15只鸟飞走6只），还剩9个。"
    font = canvas.font(canvas.style.body)
    for width in range(int(canvas.mm(20)), int(canvas.mm(90)), int(canvas.mm(1))):
        lines = [layout.text()[line.textStart():line.textStart() + line.textLength()] for layout, line in canvas.lay_out(text, font, width).items]
        assert not any(line.rstrip("\u2060").endswith(("15", "6", "9")) for line in lines[:-1]), (width, lines)


def test_a_list_of_numbers_stays_on_one_line_in_chinese(app, tmp_path):
    """Review 45b: the Chinese answer key could break "25，52，205" after a comma."""
    canvas, body, _writer = a4_canvas(tmp_path / "measure.pdf")
    text = "从小到大写出来的答案是：25，52，205"
    font = canvas.font(canvas.style.body)
    for width in range(int(canvas.mm(40)), int(canvas.mm(80)), int(canvas.mm(1))):  # the list fits a line
        lines = [layout.text()[line.textStart():line.textStart() + line.textLength()] for layout, line in canvas.lay_out(text, font, width).items]
        assert not any(line.lstrip("\u2060").startswith(("52，", "205")) for line in lines[1:]), (width, lines)


@pytest.mark.parametrize("prompt, choices", [("Which fraction is equal to 2/5?", ("4/10", "2/10", "4/5", "4/7")),
                                             ("哪个分数与2/5相等？", ("4/10", "2/10", "4/5", "4/7"))])
def test_fractions_are_printed_stacked_as_a_textbook_writes_them(app, tmp_path, prompt, choices):
    """Review 41b: "哪个分数与5/12相等？" and choices "A 4/7": a Chinese third grader has never seen the slash form. Each
    fraction is its numerator over a bar over its denominator, in the question, its choices and the key's box; a date
    keeps its slashes."""
    from tests.gui.pdf_pages import as_printed, page_pixels

    sheet = [pdf.Exercise(1, prompt, pdf.AnswerSpace("multiple_choice", choices)),
             pdf.Exercise(2, "Write 6/10 in its simplest form (on 6/12/2026).", pdf.AnswerSpace("numeric", answer="3/5"))]
    out = pdf.write_pdf(tmp_path / "sheet.pdf", "Sheet", [pdf.Section("Name: Ana", "Class: 3B", sheet)])
    [page] = read_pdf(out)
    text = squash(page.text)
    assert squash(as_printed(prompt)) in text and squash("Write in its simplest form (on 6/12/2026).") in text
    assert "/" not in text.replace("6/12/2026", ""), "no fraction written with a slash"
    bars = [(l, b, r, t) for l, b, r, t in page.shapes if (t - b) < 0.6 * MM and 2 * MM < (r - l) < 15 * MM]
    assert len(bars) == 1 + len(choices) + 2, "one bar per fraction: the question's, the choices', the second question's, the key's"
    scale = 2.0
    pixels = page_pixels(out, 0, scale)[:, :, :3].mean(axis=2)
    for l, b, r, t in bars:  # digits above and below each bar: dark pixels within 4 mm, in the bar's columns
        x0, x1 = int(l * scale), int(r * scale)
        y = int((page.height - b) * scale)
        above, below = pixels[y - int(4 * MM * scale):y - 2, x0:x1], pixels[y + 3:y + int(4 * MM * scale), x0:x1]
        assert above.min() < 100 and below.min() < 100, (l, b)


def test_what_is_stacked_is_a_fraction_and_nothing_else():
    """Review 41c: 5/0.5 printed as 5 over 0 then ".5"."""
    found = [m.group() for m in pdf.FRACTION.finditer("1/2, 1/3 and 15/100 on 6/12/2026, 5/0.5, 1.5/2 and 3/4.")]
    assert found == ["1/2", "1/3", "15/100", "3/4"]


def test_a_key_written_on_ruled_lines_stacks_its_fractions_too(app, tmp_path):
    """Review 41c: a model answer long enough for the ruled lines kept "3/4 and 6/8 are equal" under stacked prompts."""
    space = pdf.AnswerSpace("short_text", answer="3/4 and 6/8 are equal, so the two shaded parts are the same.")
    out = pdf.write_pdf(tmp_path / "key.pdf", "Key", [pdf.Section("Answer key", "Class: 3B", [
        pdf.Exercise(1, "Are 3/4 and 6/8 equal? Say why.", space)])])
    [page] = read_pdf(out)
    assert "/" not in page.text and squash("and are equal, so the two shaded parts are the same.") in squash(page.text)
    bars = [s for s in page.shapes if (s[3] - s[1]) < 0.6 * MM and 2 * MM < (s[2] - s[0]) < 15 * MM]
    assert len(bars) == 4, "two fractions in the question, two in the key's answer"


def test_a_question_longer_than_a_page_stacks_its_fractions_on_both_pages(app, tmp_path):
    """Review 41c: an exercise split over two pages printed its fractions with slashes."""
    prompt = " ".join(f"Is 1/{n} bigger than 2/{n + 1}?" for n in range(2, 120))
    out = pdf.write_pdf(tmp_path / "long.pdf", "Sheet", [pdf.Section("Name: Ana", "Class: 3B", [
        pdf.Exercise(1, prompt, pdf.AnswerSpace("short_text"))])])
    pages = read_pdf(out)
    assert len(pages) >= 2 and all("Isbiggerthan" in squash(p.text) and "/" not in p.text for p in pages)


@pytest.mark.parametrize("style", [pdf.CHILD, pdf.TEACHER], ids=["child", "teacher"])
def test_a_short_class_name_stays_whole_beside_a_name_that_must_be_made_smaller(app, tmp_path, style):
    """Review 45c: beside a 41-letter name a family letter's header read "Class: Dem…"; and (review 31a) the class is
    printed no larger than the name beside it, unless that is smaller than the printout's smallest type."""
    name = "Maximiliana Alexandra Montgomery-Worthing"
    out = pdf.write_pdf(tmp_path / "letter.pdf", "Letter", [pdf.Section(f"Name: {name}", "Class: Demo class", [pdf.Gap(5)])],
                        style=style)
    page = read_pdf(out)[0]
    header = [g for g in page.glyphs if g.top > page.height - 80]
    text = squash("".join(g.char for g in header))
    assert squash(f"Name: {name}") in text and text.endswith(squash("Class: Demo class")) and "…" not in text, text
    name_size = min(g.size for g in header[:len(squash(f"Name: {name}"))])
    class_size = max(g.size for g in header[len(squash(f"Name: {name}")):])
    assert class_size <= max(name_size, style.smallest) + 0.1, (name_size, class_size)


@pytest.mark.parametrize("style", [pdf.CHILD, pdf.TEACHER], ids=["child", "teacher"])
def test_the_class_gives_way_to_a_longer_name_steadily_and_never_in_smaller_type(app, tmp_path, style):
    """Review 42: the class line shrank to 7.7 pt on an 11 pt report; then, shortened instead, it jumped between
    "Class: …" and a fifth of the line as the name grew by a letter. As the child's name grows the class line keeps
    at least the printout's smallest type and never gets wider, and the name is printed whole."""
    first = "Wolfgang Amadeus Montgomery"
    widths = []
    for extra in range(0, 40, 3):
        name = first + "-Featherstonehaugh"[:extra] if extra else first
        out = pdf.write_pdf(tmp_path / f"h{extra}.pdf", "Sheet", [pdf.Section(f"Name: {name}", "Class: Year 4 Sunflowers · 6 Dec 2026",
                                                                               [pdf.Gap(5)])], style=style)
        page = read_pdf(out)[0]
        header = [g for g in page.glyphs if g.top > page.height - 80]
        colon = [n for n, g in enumerate(header) if g.char == ":"]
        class_glyphs = header[colon[1] - len("Class"):] if len(colon) > 1 else []
        assert squash(f"Name: {name}") in squash("".join(g.char for g in header)), "the name whole"
        assert class_glyphs and min(g.size for g in class_glyphs) >= style.smallest - 0.1
        widths.append(max(g.right for g in class_glyphs) - min(g.left for g in class_glyphs))
    assert all(later <= earlier + 0.5 for earlier, later in zip(widths, widths[1:])), widths
    assert widths[-1] >= 0.15 * 170 * MM, "a fifth of the line stays the class's"


def test_a_heading_moves_with_a_short_table_that_moves_whole(app, tmp_path):
    """Review 46c: "纸笔测验" stood alone at the foot of a report's page, its table (kept together) on the next."""
    canvas, body, _writer = a4_canvas(tmp_path / "measure.pdf", pdf.TEACHER)
    heading = pdf.Text("Paper quizzes", size=pdf.TEACHER.title - 3, bold=True, after=4, keep_with_next=True)
    table = pdf.Table(["Quiz", "Date", "Score"], [[f"Week {n}", "7 Dec 2026", "100%"] for n in range(10)], (3.0, 1.3, 2.2))
    room_left = heading.height(canvas, body.width()) + body.height() / 6 + canvas.pt(6)  # the heading and a sixth
    assert table.height(canvas, body.width()) > room_left, "the table needs more than the room left"
    gap = (body.height() - room_left) / canvas.pt(1.0)
    out = pdf.write_pdf(tmp_path / "report.pdf", "Report", [pdf.Section("Name: Ana", "Class: 3B", [pdf.Gap(gap), heading, table])],
                        style=pdf.TEACHER)
    pages = read_pdf(out)
    assert len(pages) == 2 and "Paper quizzes" not in pages[0].text and squash("Paper quizzes") in squash(pages[1].text)
    assert "Week 9" in pages[1].text
