"""A teacher password setting another program changed or deleted locks the screens (review 38a: a value that was not
JSON raised an error and opened every teacher screen; a deleted one opened them with the recovery key still kept)."""
from __future__ import annotations

import sqlite3

import pytest

from tests.gui.dialogs import DialogAnswers, press, then, type_text


@pytest.mark.parametrize("tamper", [
    "UPDATE settings SET value = 'notjson' WHERE key = 'teacher_password_hash'",
    "DELETE FROM settings WHERE key = 'teacher_password_hash'",
])
def test_a_tampered_password_setting_still_asks_for_the_password(app, make_window, real_dialogs, tamper):
    from desktop.security import install_idle_lock
    from engine.security import teacher

    window = make_window(demo=False)
    store = window.context.store
    recovery_key = teacher.set_first_password(store, "pw-4-teacher")
    with sqlite3.connect(store.path) as other_program:  # while the app was closed
        other_program.execute(tamper)
    seen = {}

    def at_the_prompt(dialog):
        seen["screens hidden"] = not window.centralWidget().isVisible()

    answers = DialogAnswers().expect(  # the recovery key opens it and sets a new password
        then(at_the_prompt, press("Forgot it? Use the recovery key…")), type_text(recovery_key),
        type_text("new-owl-7"), type_text("new-owl-7"), press("I have kept it safe"))
    guard = install_idle_lock(app, window, window.context, ask_at_start=True)  # as the app starts
    try:
        seen_dialogs = answers.finish(30000)
    finally:
        guard.uninstall()
    assert seen_dialogs[0].widget_type == "PasswordDialog" and seen["screens hidden"]
    assert "protected by the teacher password" in seen_dialogs[0].text
    assert teacher.verify_password(store, "new-owl-7") and window.centralWidget().isVisible()


def test_with_a_password_and_no_class_the_password_comes_before_the_demo_offer(app, make_window, real_dialogs):
    """Review 40a: at a start with a password and no class yet, "Welcome… Create a demo class?" came over the password
    prompt, and whoever sat at the laptop could answer it."""
    import argparse

    from PySide6.QtCore import QTimer

    from desktop.app import after_start
    from desktop.security import install_idle_lock
    from engine.security import teacher

    window = make_window(demo=False)
    teacher.set_first_password(window.context.store, "pw-4-teacher")
    answers = DialogAnswers().expect(type_text("pw-4-teacher", then_press=None), press("No"))
    window.idle_guard = install_idle_lock(app, window, window.context, ask_at_start=True)  # as the app starts
    QTimer.singleShot(0, lambda: after_start(window, argparse.Namespace(page=None, demo=False)))
    try:
        seen = answers.finish(30000)
    finally:
        window.idle_guard.uninstall()
    assert seen[0].widget_type == "PasswordDialog" and "There are no classes yet" in seen[1].text
    assert not window.context.store.list_classes(include_archived=True)


def test_a_teachers_question_held_by_the_idle_lock_waits_again_when_practice_mode_begins(app, make_window, real_dialogs):
    """Review 40d: the idle lock came while practice mode was getting ready and a teacher's job ran; after the password
    practice mode began, and the teacher's held question was shown anyway, over it."""
    import time

    from desktop import security
    from desktop.workers import run_job
    from tests.gui.conftest import finish_jobs
    from tests.gui.dialogs import spin
    from tests.gui.test_found_in_use import click

    window = make_window()
    security.set_teacher_password(window.context.store, "owl-42")
    guard = security.install_idle_lock(app, window, window.context, ask_at_start=False)
    seen = {}
    try:
        click(window.open_page("practice").start_button)  # "Getting practice ready…"
        run_job(window.page("classes"), lambda ctx: time.sleep(1.0), title="Looking in the backups…", show="status",
                on_done=lambda _: seen.setdefault("practice mode when it asked", window.context.practice_locked))
        later = type_text("owl-42", then_press=None)
        answers = DialogAnswers().expect(
            lambda dialog: (seen.update(toolbar=window.toolbar.isVisible()), spin(2500), later(dialog)))
        guard.lock_now()  # the idle lock comes while both jobs run
        answers.finish(30000)
        finish_jobs()
        spin(200)
        assert window.context.practice_locked and "practice mode when it asked" not in seen, "it waits for the teacher"
        assert seen["toolbar"] is False, "the class picker (the class's name) was hidden under the password prompt too"
    finally:
        guard.uninstall()
