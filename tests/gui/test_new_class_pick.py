"""New quiz → Pick on a new class with no answers: a quiz of the asked length over the first skills (or the
skills the search shows), with one line saying why (review 22, finding 12). English and Chinese."""
from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from engine.classroom.quiz_pick import START_SKILLS
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers
from tests.gui.test_district_teacher_cases import pick_class
from tests.gui.test_found_in_use import click
from tests.gui.test_teachers_day import wait_until

NOTE = {
    "en": ("No answers yet, so Lamplight starts with easier exercises across the first skills",
           "No answers yet, so Lamplight starts with easier exercises across the skills you chose."),
    "zh_CN": ("还没有作答记录，所以 Lamplight 先从前几个知识点中较容易的练习开始",
              "还没有作答记录，所以 Lamplight 先从您选的知识点中较容易的练习开始。"),
}


def new_class_window(make_window, language: str):
    window = make_window(language=language)  # the demo data folder: the starter exercises are in the bank
    store = window.context.store
    class_id = store.create_class("Year 3 Green")
    for name in ("Amy", "Ben", "Cai"):
        store.add_student(class_id, name)
    pick_class(window, "Year 3 Green")
    assert window.context.class_id == class_id
    page = window.open_page("quiz")
    finish_jobs()
    return window, store, class_id, page


def type_search(edit, text: str) -> None:
    """Type ``text``: keys for English, an input method's committed text for Chinese (as a Chinese keyboard sends it)."""
    if text.isascii():
        QTest.keyClicks(edit, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def ticked_skills(dialog, store) -> Counter:
    return Counter(store.get_exercise(e).skills[0] for e in dialog.chosen_ids())


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_pick_on_a_class_with_no_answers_spreads_over_the_first_skills_and_says_why(make_window, app, real_dialogs, language):
    window, store, class_id, page = new_class_window(make_window, language)
    seen: dict = {}

    def pick(dialog) -> None:
        click(dialog.pick_button)
        wait_until(lambda: dialog.ok_button.isEnabled() and dialog.pick_button.isEnabled(), timeout_ms=10000)
        seen["skills"] = ticked_skills(dialog, store)
        seen["note"] = dialog.pick_note.text() if dialog.pick_note.isVisible() else ""
        dialog.search.setFocus()
        type_search(dialog.search, "fraction" if language == "en" else "分数")  # the teacher chooses skills by searching
        click(dialog.pick_button)
        wait_until(lambda: dialog.pick_button.isEnabled(), timeout_ms=10000)
        seen["searched"] = ticked_skills(dialog, store)
        shown = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count()) if not dialog.list.item(i).isHidden()]
        seen["shown_skills"] = {store.get_exercise(e).skills[0] for e in shown}
        seen["searched_note"] = dialog.pick_note.text()
        click(dialog.ok_button)

    answers = DialogAnswers().expect(pick)
    click(page.new_button)
    answers.finish(timeout_ms=30000)
    finish_jobs()
    assert len(seen["skills"]) == START_SKILLS and set(seen["skills"].values()) == {2}, seen["skills"]
    assert seen["note"].startswith(NOTE[language][0])
    named = {s for s, name in store.skill_names(language).items() if ("fraction" if language == "en" else "分数") in name.lower()}
    assert "fractions-basics" in seen["searched"] and set(seen["searched"]) == named, seen["searched"]  # the skills it names
    assert named < seen["shown_skills"], "the search shows a decimals exercise that lists fractions too"
    assert len(seen["shown_skills"]) < START_SKILLS + 3, "the search narrowed the skills"
    assert set(seen["searched"].values()) == {2}
    assert seen["searched_note"] == NOTE[language][1]
    quiz = store.list_quizzes(class_id)[0]
    assert Counter(store.get_exercise(e).skills[0] for e in store.get_quiz(quiz.id).exercise_ids) == seen["searched"]
    assert page.quiz_combo.currentData() == quiz.id


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_skill_chosen_in_the_list_is_what_pick_chooses_and_the_ticked_ones_can_be_shown_alone(make_window, app, real_dialogs,
                                                                                               language):
    """Review 38d: a new third-grade class's Pick began at first-grade counting, with no way to say which skill but
    typing its name; review 38b: the ticked exercises were lost among the bank's 442."""
    window, store, class_id, page = new_class_window(make_window, language)
    names = store.skill_names(language)
    seen: dict = {}

    def choose_and_pick(dialog) -> None:
        dialog.skill_choice.setFocus()
        QTest.keyClick(dialog.skill_choice, Qt.Key.Key_End)  # the last skill of the curriculum
        seen["skill"] = dialog.skill_choice.currentData()
        seen["shown"] = {e for i in range(dialog.list.count()) if not dialog.list.item(i).isHidden()
                         for e in [dialog.list.item(i).data(Qt.ItemDataRole.UserRole)]}
        click(dialog.pick_button)
        wait_until(lambda: dialog.ok_button.isEnabled() and dialog.pick_button.isEnabled(), timeout_ms=10000)
        seen["note"] = dialog.pick_note.text()
        seen["picked"] = ticked_skills(dialog, store)
        dialog.skill_choice.setFocus()
        QTest.keyClick(dialog.skill_choice, Qt.Key.Key_Home)  # all skills again: the whole bank shows
        seen["all"] = sum(not dialog.list.item(i).isHidden() for i in range(dialog.list.count()))
        QTest.mouseClick(dialog.ticked_only, Qt.MouseButton.LeftButton)
        seen["ticked shown"] = {dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())
                                if not dialog.list.item(i).isHidden()}
        seen["chosen"] = set(dialog.chosen_ids())
        click(dialog.ok_button)

    answers = DialogAnswers().expect(choose_and_pick)
    click(page.new_button)
    answers.finish(timeout_ms=30000)
    finish_jobs()
    skill = seen["skill"]
    assert skill is not None and seen["shown"] and all(skill in store.get_exercise(e).skills for e in seen["shown"])
    assert set(seen["picked"]) == {skill} and seen["note"] == NOTE[language][1], (names[skill], seen["picked"], seen["note"])
    assert seen["all"] == len(store.list_exercises()) > len(seen["shown"])
    assert seen["ticked shown"] == seen["chosen"] and len(seen["chosen"]) == 2


def test_picks_for_two_skills_in_turn_keep_both_and_show_them_when_only_ticked_are_shown(make_window, app, real_dialogs):
    """Review 39: with "Show only the ticked exercises" on, a Pick's ticks stayed hidden; and a Pick for a second skill
    unticked the first skill's."""
    window, store, class_id, page = new_class_window(make_window, "en")
    seen: dict = {}

    def pick_for(dialog, key) -> None:
        dialog.skill_choice.setFocus()
        QTest.keyClick(dialog.skill_choice, key)
        click(dialog.pick_button)
        wait_until(lambda: dialog.ok_button.isEnabled() and dialog.pick_button.isEnabled(), timeout_ms=10000)

    def two_skills(dialog) -> None:
        pick_for(dialog, Qt.Key.Key_End)
        seen["first"] = set(dialog.chosen_ids())
        QTest.mouseClick(dialog.ticked_only, Qt.MouseButton.LeftButton, pos=dialog.ticked_only.rect().topLeft() + QPoint(8, 8))
        pick_for(dialog, Qt.Key.Key_Up)  # the skill before it
        seen["both"] = set(dialog.chosen_ids())
        seen["shown"] = {dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())
                         if not dialog.list.item(i).isHidden()}
        dialog.reject()

    answers = DialogAnswers().expect(two_skills)
    click(page.new_button)
    answers.finish(timeout_ms=30000)
    finish_jobs()
    assert len(seen["first"]) == 2 and seen["first"] < seen["both"] and len(seen["both"]) == 4
    assert seen["shown"] == seen["both"]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_new_quiz_on_an_empty_bank_says_where_exercises_come_from_instead_of_picking_nothing(make_window, app, real_dialogs, language):
    """Review 22c: on a new data folder Pick chose 0 exercises and said it had started with easier ones."""
    window = make_window(demo=False, language=language)
    store = window.context.store
    assert store.list_exercises() == []
    store.create_class("Year 3 Green")
    pick_class(window, "Year 3 Green")
    page = window.open_page("quiz")
    finish_jobs()
    seen: dict = {}

    def look(dialog) -> None:
        seen["pick_enabled"] = dialog.pick_button.isEnabled()
        seen["ok_enabled"] = dialog.ok_button.isEnabled()
        seen["note"] = dialog.pick_note.text() if dialog.pick_note.isVisible() else ""
        dialog.reject()

    answers = DialogAnswers().expect(look)
    click(page.new_button)
    answers.finish()
    assert seen["pick_enabled"] is False and seen["ok_enabled"] is False
    assert ("Add the starter exercises" in seen["note"]) if language == "en" else ("添加内置练习" in seen["note"]), seen["note"]
