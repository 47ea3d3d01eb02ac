"""Letters to families: one page per child, plain sentences, one picture (boxes a month ago and now), either language."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from engine.classroom import Classroom
from engine.classroom.family import family_reports
from tests.gui.pdf_pages import read_pdf, shapes_of_size, squash
from tests.gui.test_printouts import HEADER_BAND, assert_inside_margins, assert_paper, assert_type_at_least, click, save_to
from tests.gui.pdf_pages import A4, LETTER

BOX_MM = 8.0


def choose(combo, data):
    """Pick an entry of a combo box with the keyboard."""
    combo.setFocus()
    target = combo.findData(data)
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(target - combo.currentIndex())):
        QTest.keyClick(combo, key)
    assert combo.currentData() == data


def test_a_letter_per_child_in_plain_words_with_the_picture(make_window, tmp_path, monkeypatch):
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    page = window.open_page("reports")
    assert page.letter_language.currentData() == "en"
    save_to(monkeypatch, tmp_path / "letters.pdf")
    click(page.letter_button)
    pages = read_pdf(tmp_path / "letters.pdf")
    students = sorted(store.list_students(class_id), key=lambda s: s.id)
    figures = {r.student.id: r for r in Classroom(store).family_reports(class_id)}
    assert len(pages) == len(students), "one page per child"
    assert_paper(pages, A4 if store.get_setting("paper_size") != "Letter" else LETTER)
    assert_type_at_least(pages, 14)  # the children's sheet sizes
    assert_inside_margins(pages)
    for pdf_page, student in zip(pages, [r.student for r in figures.values()]):
        report = figures[student.id]
        assert pdf_page.page_of() == (1, 1)
        assert squash(f"Name: {student.name}") in pdf_page.text_between(*HEADER_BAND)
        body = pdf_page.text_between(HEADER_BAND[1], pdf_page.height)
        assert body.startswith(squash(f"How {student.name} is doing") + squash(f"Dear family of {student.name},"))
        signed = body.find(squash("Teacher: ____________________     Date: ______________"))  # review 26: no sign-off
        assert signed > body.find(squash("Thank you for your support!")) > body.find(squash("At home you can help")) > 0
        assert "Lamplight" not in body, "a family does not know the program's name"
        assert "%" not in pdf_page.text and not re.search(r"\d[.,]\d", pdf_page.text), "no percentages, no decimals"
        rows = 1 if report.known_month_ago is None else 2  # no empty "a month ago" row (review 31a)
        if report.known_now:
            assert squash(f"{student.name} knows {len(report.known_now)} of the {report.skills} skills") in body
            assert shapes_of_size(pdf_page, BOX_MM, BOX_MM) == rows * report.skills, "a box per skill, (a month ago and) now"
        else:  # review 35a: "knows 0 of the 15 skills" under empty boxes read as "knows nothing"
            assert squash("No skill counts as known yet") in body and squash(" knows 0 of ") not in body
            assert shapes_of_size(pdf_page, BOX_MM, BOX_MM) == 0
            # review 43: not "show you one thing they learned" under "no skill counts as known yet"
            assert squash("show you what they are practising now") in body and squash("one thing they learned") not in body
            assert squash("“Knows” means") not in body  # review 43c: no skill is said to be known
    assert any(r.known_now for r in figures.values()) and any(not r.known_now for r in figures.values())
    answered = set(store.class_log(window.context.class_id).item_ids)
    worked = {skill for e in store.list_exercises() if str(e.id) in answered for skill in e.skills}
    assert all(r.skills == len(worked) for r in figures.values())


def test_the_letter_counts_the_skills_the_class_has_worked_on_not_the_whole_bank(make_window):
    """Review 40a: after a first quiz on a few skills the letter said "knows 1 of the 15 skills we are learning in class",
    the 15 the whole primary pack."""
    from desktop.family_letter import letter_sentences, letter_texts
    from tests.gui.conftest import switch_to_new_class

    window = make_window()
    store = window.context.store
    class_id = switch_to_new_class(window, "Year 3 Maple")
    first_two = list(store.skill_prerequisites())[:2]
    exercises = [e for e in store.list_exercises() if e.skills and e.skills[0] in first_two][:8]
    assert {e.skills[0] for e in exercises} == set(first_two)
    room = Classroom(store)
    for student in store.list_students(class_id):
        for exercise in exercises:
            room.record_answer(class_id, student.id, exercise.id, 1.0, source="paper")
    reports = family_reports(room, class_id)
    assert all(r.skills == 2 for r in reports)
    known = next(r for r in reports if r.known_now)
    assert f"knows {len(known.known_now)} of the 2 skills the class has worked on so far" in \
        letter_sentences(known, letter_texts("en"))[0]


def test_the_letter_in_chinese_while_the_app_is_in_english(make_window, tmp_path, monkeypatch):
    window = make_window()
    page = window.open_page("reports")
    choose(page.who, window.context.store.list_students(window.context.class_id)[0].id)
    choose(page.letter_language, "zh_CN")
    save_to(monkeypatch, tmp_path / "letter-zh.pdf")
    click(page.letter_button)
    pages = read_pdf(tmp_path / "letter-zh.pdf")
    assert len(pages) == 1
    text = squash(pages[0].text)
    assert "一个月前" in text and "现在" in text and "第1页，共1页" in text
    assert "How" not in text and "knows" not in text
    chinese_names = [squash(n) for n in window.context.store.skill_names("zh_CN").values()]
    english_names = [squash(n) for n in window.context.store.skill_names(None).values()]
    assert any(n in text for n in chinese_names) and not any(n in text for n in english_names), "skills named in the letter's language"
    assert page.letter_button.text() == "Letters to families (PDF)…", "the app stays in English"


def test_a_month_ago_comes_from_the_weekly_progress(make_window):
    window = make_window()
    room = Classroom(window.context.store)
    class_id = window.context.class_id
    now = family_reports(room, class_id)
    assert all(r.known_month_ago is None for r in now), "the test demo class is three weeks old: nothing a month ago"
    later = family_reports(room, class_id, today=date.today() + timedelta(days=40))
    assert any(r.known_month_ago is not None for r in later)
    for report in later:
        assert report.known_month_ago is None or 0 <= report.known_month_ago <= report.skills
        assert report.answers_this_month == 0, "no answers in the 30 days before that day"


def test_the_sentences_say_gains_and_losses_plainly():
    from types import SimpleNamespace

    from desktop.family_letter import letter_sentences, letter_texts

    def report(now, then):
        return SimpleNamespace(student=SimpleNamespace(name="Ana"), skills=8, known_now=[f"S{i}" for i in range(now)],
                               known_month_ago=then, working_on=["W"], next_skills=["N"], next_begun=[], answers_this_month=12,
                               review_skills=[], answers=40, right=20)

    english = letter_texts("en")
    assert letter_sentences(report(5, 3), english)[0] == (
        "Ana knows 5 of the 8 skills the class has worked on so far. A month ago it was 3. Skills learned this month: 2. Well done!")
    assert letter_sentences(report(3, 3), english)[0].endswith("This month we kept practising the same skills.")
    assert letter_sentences(report(2, 3), english)[0].endswith("Some skills need practice again; that is normal, and we are on it.")
    assert "nothing to compare with" in letter_sentences(report(1, None), english)[0]
    assert letter_sentences(report(0, None), english)[0] == (  # 40 answers: not "too few", but a skill not yet right
        "No skill counts as known yet: we keep practising, and a skill counts as known once most answers on it are right.")
    assert letter_sentences(report(0, 2), english)[0].endswith("Some skills need practice again; that is normal, and we are on it.")
    assert not any(" knows 0 " in line for line in letter_sentences(report(0, 0), english))  # review 35a
    few = report(0, None)
    few.answers, few.right = 4, 2
    assert letter_sentences(few, english)[0] == "No skill counts as known yet: we need several answers on a skill before we say so."
    few.right = 4  # review 47a: 8 of 8 right on a first quiz read as "nothing learned"
    assert letter_sentences(few, english)[0] == ("So far Ana got 4 of 4 answers right: a good start. No skill counts as known "
                                                 "yet: we need several answers on a skill before we say so.")
    assert letter_sentences(few, letter_texts("zh_CN"))[0].startswith("到目前为止，Ana答对了 4 道题中的 4 道，开了个好头。目前还没有")
    few.right = 2
    few.answers_this_month = 1  # review 43: "answered 1 questions"
    assert letter_sentences(few, english)[-1] == "In the last month your child answered 1 question in class and in practice."
    assert letter_sentences(report(7, 3), english)[1] == "Skills known now: S0, S1, S2, S3, S4, S5, S6."  # review 49d
    assert letter_sentences(report(17, 3), english)[1] == f"Skills known now: {', '.join(f'S{i}' for i in range(15))}, and 2 more."
    assert letter_sentences(report(16, 3), english)[1].endswith("S14, S15.")  # not "and 1 more"
    assert " ".join(letter_sentences(report(7, 3), english)).count("Ana") == 1, "review 29: the name in every sentence"
    for review, said in ((["S0"], "We will also go over S0 again: it is known already"),
                         (["S0", "S1"], "We will also go over S0, S1 again: they are known already")):
        with_review = report(5, 3)
        with_review.review_skills = review
        assert said in " ".join(letter_sentences(with_review, english))
    chinese = letter_sentences(report(5, 3), letter_texts("zh_CN"))
    assert chinese[0] == "本班目前学过 8 个知识点，Ana已经掌握了 5 个。一个月前是 3 个。这个月新掌握了 2 个知识点，进步很明显！"


def test_a_known_skill_is_never_listed_as_what_comes_next_but_as_going_over_it_again(make_window):
    """Review 24: a letter said the child knows 加法（20以内） and, two lines on, that it comes next."""
    from desktop.family_letter import letter_sentences, letter_texts, name_list

    window = make_window()
    reports = family_reports(Classroom(window.context.store), window.context.class_id)
    assert all(not set(r.next_skills) & set(r.known_now) for r in reports)
    assert all(not set(r.next_skills) & set(r.working_on) for r in reports), "review 25: a skill said twice"
    assert any(r.working_on for r in reports) and any(r.next_skills for r in reports)
    assert all(set(r.review_skills) <= set(r.known_now) for r in reports)
    overviews = Classroom(window.context.store).overviews(window.context.class_id, None, steps=6)
    for overview, r in zip(overviews, reports):  # review 50a: 乘法, 2 of 15 right, was under "next we will practise"
        begun = {overview.skill_names.get(k, k) for k, m in overview.mastery.items() if m.answered > 0}
        assert set(r.next_begun) == set(r.next_skills) & begun, (r.student.name, r.next_skills, r.next_begun)
        said = letter_sentences(r, letter_texts("en"))
        if r.next_begun:
            assert f"Next we will practise more: {name_list(r.next_begun, letter_texts('en'))}." in said
        assert not any(line.startswith("Next we will practise: ") and any(s in line for s in r.next_begun) for line in said)
    assert any(r.next_begun for r in reports), "the demo class has children whose next steps they have begun"
    reviewing = [r for r in reports if r.review_skills]
    assert reviewing, "the demo class's next steps go over some known prerequisite"
    said = " ".join(letter_sentences(reviewing[0], letter_texts("en")))
    assert f"We will also go over {reviewing[0].review_skills[0]}" in said and "known already" in said
    agreed = "it is known already" if len(reviewing[0].review_skills) == 1 else "they are known already"
    assert agreed in said, "review 30c: one skill is 'it', not 'they'"


def test_a_child_without_answers_gets_a_letter_that_says_so_without_empty_boxes(make_window, tmp_path, monkeypatch):
    """Review 30a: a child never in practice and away for the quiz got "knows 0 of the 15 skills" under 15 empty
    boxes, which a parent reads as "knows nothing"."""
    from engine.classroom import Changes

    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    new = store.add_student(class_id, "Zed New")
    window.context.changed(Changes(students=True))
    page = window.open_page("reports")
    choose(page.who, new)
    save_to(monkeypatch, tmp_path / "letter.pdf")
    click(page.letter_button)
    [letter] = read_pdf(tmp_path / "letter.pdf")
    body = letter.text_between(HEADER_BAND[1], letter.height)
    assert squash("We have no answers from Zed New yet, in class or in practice, so we cannot say yet which skills are known. "
                  "After the first answers we will know what to practise first.") in body
    assert squash("Next we will practise") not in body, "review 51c: 数数 for a Year 3 child before any answer"
    assert "knows 0" not in body and squash("“Knows” means") not in body
    assert shapes_of_size(letter, BOX_MM, BOX_MM) == 0, "no empty boxes"
    assert squash("At home you can help") in body


def test_letters_for_the_class_ask_before_writing_to_children_without_answers(make_window, tmp_path, monkeypatch,
                                                                             real_dialogs):
    """Review 38d: 16 of 31 letters told the families only that there were no answers yet, unasked."""
    from engine.classroom import Changes
    from tests.gui.dialogs import DialogAnswers, press

    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    store.add_student(class_id, "Zed New")
    window.context.changed(Changes(students=True))
    page = window.open_page("reports")
    everyone = len(store.list_students(class_id))
    save_to(monkeypatch, tmp_path / "letters.pdf")
    answers = DialogAnswers().expect(press("Leave this child out"))
    click(page.letter_button)
    [asked] = answers.finish()
    assert asked.text == "No answers yet from Zed New: their letter would only say so. Leave them out?"  # one letter (review 40a)
    assert asked.buttons[:2] == ["Leave this child out", "Write to this child too"], "review 46: buttons for one child"
    letters = read_pdf(tmp_path / "letters.pdf")
    assert len(letters) == everyone - 1 and not any("Zed New" in letter.text for letter in letters)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_letter_naming_every_skill_of_the_class_stays_on_one_page(app, tmp_path, language):
    """Review 49d: "Skills known now: Counting, …, and 2 more" never told a family which two; every skill is named now,
    the letter still one page."""
    from types import SimpleNamespace

    from desktop import pdf
    from desktop.family_letter import letter_sections, letter_texts
    from engine.store.starter_pack import starter_pack_path
    import json

    pack = json.loads(starter_pack_path().read_text(encoding="utf-8"))
    names = [skill["name"]["en" if language == "en" else "zh_CN"] for skill in pack["skills"]]
    assert len(names) == 15
    def child(name):
        return SimpleNamespace(student=SimpleNamespace(name=name, label=name), skills=15, known_now=names[:14],
                               known_month_ago=9, working_on=names[14:], next_skills=names[14:], next_begun=[], answers_this_month=60,
                               review_skills=names[:2], answers=400, right=300)

    path = tmp_path / "letter.pdf"
    pdf.write_pdf(path, "letter", letter_sections([child("Maximiliana K.")], letter_texts(language), "Year 4 Blue"), "A4", pdf.CHILD)
    pages = read_pdf(path)
    assert len(pages) == 1
    assert all(squash(name) in squash(pages[0].text) for name in names[:14])
    # review 49e: with a long name too the letter ran onto a second page: then it names a few skills and counts the rest
    long_name = "Maximiliana Alexandra Konstantinopoulou-Rodriguez"
    pdf.write_pdf(path, "letter", letter_sections([child(long_name)], letter_texts(language), "Year 4 Blue"), "A4", pdf.CHILD)
    pages = read_pdf(path)
    assert len(pages) == 1 and squash(long_name) in squash(pages[0].text)
