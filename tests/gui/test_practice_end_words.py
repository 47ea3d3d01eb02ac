"""The end of a practice turn reads as its language writes it: no space between Chinese sentences."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.i18n import WORD_JOINER, sentences
from tests.gui.test_practice import click, start, tap_name

END_TEXT = {
    "en": "You got 1 star for 2 answers. Your teacher will read 1 of your answers. Now let the next student have a turn.",
    "zh_CN": "你做了 2 道题，得到 1 颗星。其中 1 个答案要等老师来看。现在请让下一位同学来练习。",
}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_end_screen_joins_its_sentences_as_the_language_does(make_window, language):
    window = make_window(demo=False, language=language)
    store = window.context.store
    class_id = store.create_class("3A")
    store.add_student(class_id, "Mia")
    window.context.resolve_class()
    window.reload_classes()
    for exercise in store.list_exercises():  # a bank of two written questions
        store.delete_exercise(exercise.id)
    skill = store.add_skill("Weather", skill_id="weather")
    store.add_exercise("Why do we see lightning before we hear thunder?", "short_text", answer="Light is faster", skills=[skill])
    store.add_exercise("What do we call frozen water?", "short_text", answer="Ice", skills=[skill])
    page = start(window, length=2)
    tap_name(page)
    for typed in ("because light is quicker", None):  # off the key (the teacher reads it), then right
        exercise = store.get_exercise(int(page.step.exercise_id))
        QTest.keyClicks(page.answer_edit, typed or exercise.answer)
        QTest.keyClick(page.answer_edit, Qt.Key.Key_Return)
        click(page.next_button)
    assert page.end_text.isVisible()
    text = page.end_text.text().replace(WORD_JOINER, "")  # the last two characters kept together
    assert text == END_TEXT[language]
    assert "。 " not in text


def test_sentences_are_joined_with_a_space_only_after_an_english_one():
    assert sentences("One.", "", "Two.") == "One. Two."
    assert sentences("一。", "二！", "三？", "Four.") == "一。二！三？Four."
    assert sentences("Done.", "完成。") == "Done. 完成。"
    assert sentences() == ""
