"""A new class's printed worksheets: no question twice on a child's sheet, no task that needs the teacher's cards."""
from __future__ import annotations

import pytest

from engine.adapt.reports import question_text, split_choices, teacher_note
from engine.classroom import Classroom
from engine.store.importers import import_pack
from engine.store.starter_pack import PACK_ID, starter_pack_path
from tests.gui.dialogs import DialogAnswers, press
from tests.gui.pdf_pages import read_pdf, squash
from tests.gui.test_printouts import HEADER_BAND, click, save_to, sections_by_page_of

STUDENTS = ["Amy", "Ben", "Chen", "Dara", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun"]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_new_class_gets_sheets_without_repeats_or_the_dot_cards(make_window, real_dialogs, tmp_path, monkeypatch, language):
    window = make_window(demo=False, language=language)
    store = window.context.store
    import_pack(store, starter_pack_path())
    class_id = store.create_class("New class")
    for name in STUDENTS:
        store.add_student(class_id, name)
    window.context.resolve_class()
    window.reload_classes()
    store.set_setting("paper_size", "A4")
    page = window.open_page("reports")
    page.refresh()
    save_to(monkeypatch, tmp_path / "sheets.pdf")
    answers = DialogAnswers().expect(press("仍然生成" if language == "zh_CN" else "Make them anyway"))
    click(page.worksheet_button)  # review 51c: asked first, no answers in the class yet
    [asked] = answers.finish()
    assert ("先做一次纸笔测验" if language == "zh_CN" else "A first paper quiz") in asked.text
    pages = read_pdf(tmp_path / "sheets.pdf")
    cards = store.get_exercise(store.exercise_by_key(f"{PACK_ID}:count-explain").id, language).prompt
    assert squash(teacher_note(cards)[0]) not in squash("".join(p.text for p in pages)), "the dot-card task is on paper"

    overviews = Classroom(store, language).overviews(class_id, None, steps=page.count.value(), worksheets=True)
    runs = sections_by_page_of(pages)
    assert len(runs) == len(STUDENTS)
    for run, overview in zip(runs, overviews):
        assert squash(overview.student.name) in run[0].text_between(*HEADER_BAND)
        body = squash("".join(p.text for p in run))  # pdfium's reading order (Chinese and digits share lines)
        stems = [split_choices(item.prompt)[0] for item in overview.worksheet.items]
        assert len(stems) == page.count.value()
        for number, stem in enumerate(stems, start=1):
            assert body.count(squash(f"{number}.{stem}")) == 1, f"{overview.student.name}: question {number} is not on the sheet"
        assert len({question_text(s) for s in stems}) == len(stems), f"{overview.student.name}'s sheet repeats a question: {stems}"
