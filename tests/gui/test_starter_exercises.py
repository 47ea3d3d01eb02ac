"""The exercise bank without the demo class: the starter exercises by one button, pack imports said in words.

A teacher who answers No to the demo class at first start must still get the
starter pack from the bank; an import tells what it added in a sentence; a
broken pack's error popup is never covered by a stale progress box; the file
chooser starts in the home folder and then where the teacher last picked a file.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog

from engine.store.starter_pack import starter_pack_path
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, in_event_loop, press, spin, then
from tests.gui.test_found_in_use import click, click_nav

STARTER = json.loads(starter_pack_path().read_text(encoding="utf-8"))


def bank_rows(page) -> int:
    return page.view.model().rowCount()


def test_a_teacher_who_said_no_to_the_demo_gets_the_starter_exercises_from_the_bank(make_window, real_dialogs):
    from desktop.app import after_start

    window = make_window(demo=False)
    answers = DialogAnswers().expect(press("No"), press("Skip for now"))  # no demo, no teacher password yet
    after_start(window, argparse.Namespace(page=None, demo=False))  # what the app runs at first start
    [welcome, _password_offer] = answers.finish()
    finish_jobs()
    assert "archive it later" in welcome.text and "delete" not in welcome.text, welcome.text
    click_nav(window, "classes")
    assert window.pages["classes"].archive_button.text() == "Archive", "the welcome's words name a real button"

    click_nav(window, "bank")
    page = window.pages["bank"]
    assert bank_rows(page) == 0
    assert "Add the starter exercises" in page.count_label.text() and "demo class" not in page.count_label.text()
    assert not page.starter_button.isVisible(), "the empty bank shows its own button, under its words"
    click(page.empty_starter_button)
    finish_jobs()
    exercises, skills = len(STARTER["exercises"]), len(STARTER["skills"])
    assert bank_rows(page) == exercises == len(window.context.store.list_exercises())
    assert page.count_label.text() == f"{exercises} of {exercises} exercises shown."
    assert not page.starter_button.isVisible() and not page.empty_starter_button.isVisible(), "gone once the pack is in"
    assert window.statusBar().currentMessage() == (
        f"Pack imported: {skills} skills and {exercises} exercises added, 0 already there (updated). "
        f"Exercise templates: {len(STARTER['templates'])} new, 0 changed.")


def test_in_chinese_the_starter_button_fills_the_bank_in_chinese(make_window):
    window = make_window(demo=False, language="zh_CN")
    click_nav(window, "bank")
    page = window.pages["bank"]
    assert page.empty_starter_button.text() == "添加内置练习" and "添加内置练习" in page.count_label.text()
    click(page.empty_starter_button)
    finish_jobs()
    first = next(e for e in STARTER["exercises"] if isinstance(e["prompt"], dict) and "zh_CN" in e["prompt"])
    shown = {page.view.model().index(row, 0).data() for row in range(bank_rows(page))}
    assert first["prompt"]["zh_CN"] in shown
    message = window.statusBar().currentMessage()
    assert message.startswith("已导入题包") and f"{len(STARTER['exercises'])} 道练习" in message, message


def test_a_bank_with_her_own_exercises_but_no_starter_pack_offers_it_beside_the_imports(make_window):
    from engine.classroom import Changes

    window = make_window(demo=False)
    store = window.context.store
    skill = store.add_skill("Telling the time")
    store.add_exercise("What time is it when the long hand is on 12 and the short hand on 3?", "numeric", answer="3",
                       skills=[skill])
    window.context.changed(Changes(bank=True))
    click_nav(window, "bank")
    page = window.pages["bank"]
    assert bank_rows(page) == 1 and not page.empty_starter_button.isVisible()
    assert page.starter_button.parentWidget() is page.import_button.parentWidget()
    click(page.starter_button)
    finish_jobs()
    assert bank_rows(page) == 1 + len(STARTER["exercises"])
    assert not page.starter_button.isVisible()


def test_import_pack_says_what_it_added_and_the_chooser_starts_at_home_then_where_the_teacher_was(
        make_window, monkeypatch, tmp_path):
    window = make_window(demo=False)
    click_nav(window, "bank")
    page = window.pages["bank"]
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    pack = folder / "maths.json"
    pack.write_text(starter_pack_path().read_text(encoding="utf-8"), encoding="utf-8")
    started_in = []

    def pick(parent, title, directory="", pattern="", *args, **kwargs):
        started_in.append(directory)
        return str(pack), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    for _ in range(2):
        click(page.import_button)
        finish_jobs()
    assert started_in == [str(Path.home()), str(folder)]
    exercises = len(STARTER["exercises"])
    assert window.statusBar().currentMessage() == (  # review 42: it said "(updated)" of a pack imported twice
        f"Nothing new: the bank already has this pack's {exercises} exercises as the pack has them.")
    assert "PackReport" not in window.statusBar().currentMessage()
    # review 46d: a template edited by hand in the file replaced the bank's under "Nothing new"
    edited = json.loads(pack.read_text(encoding="utf-8"))
    edited["templates"][0]["prompt"] = {"en": "Which number comes just after {n}?", "zh_CN": "紧跟在{n}后面的数是几？"}
    pack.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    click(page.import_button)
    finish_jobs()
    assert window.statusBar().currentMessage() == (
        f"Pack imported: the bank already has its {exercises} exercises as the pack has them. "
        "Exercise templates: 0 new, 1 changed.")
    template = window.context.store.get_template(STARTER["templates"][0]["id"])
    assert template.prompt == "Which number comes just after {n}?"


def test_a_broken_pack_s_error_is_not_covered_by_a_frozen_progress_box(make_window, real_dialogs, monkeypatch, tmp_path):
    window = make_window(demo=False)
    click_nav(window, "bank")
    page = window.pages["bank"]
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "lamplight-pack", "exercises": [', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(broken), "")))
    seen = []

    def look(dialog) -> None:
        spin(700)  # a progress box left behind shows itself after 0.3 s
        boxes = [w.labelText() for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        seen.append((QApplication.activeModalWidget() is dialog, boxes))

    QApplication.instance().setProperty("lamplight_no_popups", False)  # the real error popup
    try:
        answers = DialogAnswers().expect(then(look, press("OK")))
        in_event_loop(lambda: click(page.import_button))
        [error] = answers.finish()
    finally:
        QApplication.instance().setProperty("lamplight_no_popups", True)
    assert "broken.json" in error.text
    assert seen == [(True, [])], f"the error popup sat under a frozen progress box: {seen}"
    assert bank_rows(page) == 0


def test_practice_mode_waits_for_exercises_and_says_where_they_come_from(make_window, real_dialogs):
    """Review 41a: with an empty bank practice mode started, and every child who tapped a name was told "There are no
    exercises for you right now"."""
    from tests.gui.conftest import switch_to_new_class

    window = make_window(demo=False)
    switch_to_new_class(window, "Year 3 Robins", students=("Alfie", "Bea"))
    click_nav(window, "dashboard")
    finish_jobs()
    assert "the exercise bank is empty" in window.pages["dashboard"].status.text(), window.pages["dashboard"].status.text()
    click_nav(window, "practice")
    practice = window.pages["practice"]
    assert not practice.start_button.isEnabled()
    assert "Add the starter exercises" in practice.start_hint.text(), practice.start_hint.text()
    click_nav(window, "bank")
    click(window.pages["bank"].empty_starter_button)
    finish_jobs()
    click_nav(window, "practice")
    assert practice.start_button.isEnabled() and practice.start_hint.text() == ""
