"""Quitting keeps the class dashboard's figures, so the next start shows them without reading a year of answers
(the first dashboard after a start took 0.8-1.3 s on 60 children x 1,000-3,000 answers)."""
from __future__ import annotations

import pytest

from engine.classroom import live, models
from engine.classroom.dashboard import figures_mark
from tests.gui.conftest import finish_jobs
from tests.gui.test_found_in_use import click_nav
from tests.gui.test_teachers_day import wait_until


def file_action(window, text):
    """The File menu's action whose text (without ``&``) is ``text``."""
    file_menu = window.menuBar().actions()[0].menu()
    found = [a for a in file_menu.actions() if a.text().replace("&", "") == text]
    assert found, [a.text() for a in file_menu.actions()]
    return found[0]


@pytest.mark.parametrize("language, quit_text", [("en", "Quit"), ("zh_CN", "退出(Q)")])
def test_quit_keeps_the_dashboard_and_the_next_start_shows_it_with_the_last_answer(make_window, app, language, quit_text):
    window = make_window(language=language)
    store, class_id = window.context.store, window.context.class_id
    click_nav(window, "dashboard")
    finish_jobs()
    student = store.list_students(class_id)[0]
    exercise = store.list_exercises()[0]
    store.record_response(student.id, exercise.id, 1.0, source="practice")  # the day ends on another screen
    answers = store.class_answer_mark(class_id)[0]
    mark = figures_mark(store, models.model_key(store, class_id), window.context.language)
    assert not store.keeps_figures(class_id, mark)

    file_action(window, quit_text).trigger()
    assert not window.isVisible()
    assert store.keeps_figures(class_id, mark), "kept for the data as the app closed on it"

    live.forget()  # a new start: nothing in memory
    again = make_window(language=language)
    click_nav(again, "dashboard")
    page = again.pages["dashboard"]
    wait_until(lambda: page.insights is not None and bool(page.heat_model.rows), timeout_ms=20000)
    assert page.insights.answers == answers, "the answer given after the last look is counted"
    assert not live.is_kept(again.context.store, class_id), "shown from the kept figures, not worked out again"
    finish_jobs()


def test_the_figures_are_kept_meanwhile_so_a_power_cut_costs_nothing(make_window, monkeypatch):
    """A laptop whose battery died never closed the app: every few minutes while the app is open, the current class's
    figures are kept in the background (when the data changed since), so the next start shows them at once too."""
    import desktop.main_window

    monkeypatch.setattr(desktop.main_window, "KEEP_FIGURES_EVERY_MS", 100)
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    click_nav(window, "dashboard")
    finish_jobs()
    store.record_response(store.list_students(class_id)[0].id, store.list_exercises()[0].id, 1.0, source="practice")
    mark = figures_mark(store, models.model_key(store, class_id), window.context.language)
    assert not store.keeps_figures(class_id, mark)
    wait_until(lambda: store.keeps_figures(class_id, mark), timeout_ms=10000)  # the app is still open: no close, no click
    finish_jobs()
