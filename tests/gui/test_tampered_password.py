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
def test_a_tampered_password_setting_still_asks_for_the_password(app, real_dialogs, tmp_path, tamper):
    from PySide6.QtCore import QTimer

    from desktop.app import main
    from desktop.main_window import MainWindow
    from engine import paths
    from engine.security import teacher
    from engine.security.network import remove_network_guard
    from engine.store import Store

    with Store.open(tmp_path) as store:
        store.add_student(store.create_class("Class 3B"), "Private Child")
        recovery_key = teacher.set_first_password(store, "pw-4-teacher")
    with sqlite3.connect(paths.store_path(tmp_path)) as connection:
        connection.execute(tamper)
    seen = {}

    def at_the_prompt(dialog):
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
        seen["screens hidden"] = not window.centralWidget().isVisible()

    answers = DialogAnswers().expect(  # the recovery key opens it and sets a new password
        then(at_the_prompt, press("Forgot it? Use the recovery key…")), type_text(recovery_key),
        type_text("new-owl-7"), type_text("new-owl-7"),
        then(press("I have kept it safe"), lambda _: QTimer.singleShot(300, app.quit)))
    QTimer.singleShot(30000, app.quit)  # a missing prompt fails the test below instead of hanging it
    try:
        main(["--data-dir", str(tmp_path), "--language", "en"])
    finally:
        remove_network_guard()
        for window in app.topLevelWidgets():
            window.close()
    assert [d.widget_type for d in answers.finish()][:1] == ["PasswordDialog"]
    assert seen["screens hidden"]
    with Store.open(tmp_path) as store:
        assert teacher.verify_password(store, "new-owl-7")
