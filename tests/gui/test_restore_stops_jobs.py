"""A restore stops what runs in the background first: a job's result never lands on the data that replaced its own."""
from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from engine.classroom import Classroom, models
from tests.gui.conftest import finish_jobs
from tests.gui.dialogs import DialogAnswers, press

LEFT = Qt.MouseButton.LeftButton


def slow_learning(monkeypatch, seen):
    """"Improve the model" that takes a minute unless stopped (it says whether it was asked to stop)."""
    def improve(room, class_id, progress, should_stop):
        for step in range(6000):
            if should_stop():
                seen["stopped"] = True
                return None
            progress(step / 6000, "")
            time.sleep(0.01)
        seen["finished"] = True
        return None

    monkeypatch.setattr(Classroom, "improve", improve)


def restore_newest(window, *answers):
    page = window.open_page("settings")
    page.refresh()
    page.backup_list.setCurrentRow(0)
    asked = DialogAnswers().expect(*answers)
    QTest.mouseClick(page.restore_button, LEFT)
    asked.finish()
    finish_jobs()
    return page


def test_a_restore_stops_the_model_learning_first(make_window, real_dialogs, monkeypatch):
    """Review 32a: "Improve the model" ran on through a restore and gave the restored class a model learned on
    the class the restore replaced."""
    window = make_window()
    store, class_id = window.context.store, window.context.class_id
    store.backup_now()
    store.create_class("Made after the backup")
    seen = {}
    slow_learning(monkeypatch, seen)
    model_page = window.open_page("model")
    QTest.mouseClick(model_page.improve_button, LEFT)
    assert model_page.job.is_running

    restore_newest(window, press("Restore"))
    assert seen == {"stopped": True}
    assert "Made after the backup" not in [c.name for c in store.list_classes()], "the backup was restored"
    assert models.model_in_use(store, class_id) is None
    assert model_page.progress_text.text() == "Cancelled: the model was not changed."


def test_a_job_that_will_not_stop_leaves_the_data_as_it_is(make_window, real_dialogs, monkeypatch):
    from desktop.workers import shown_errors

    window = make_window()
    store = window.context.store
    store.backup_now()
    store.create_class("Made after the backup")
    monkeypatch.setattr("desktop.workers.stop_all", lambda timeout_ms=30000: False)
    restore_newest(window, press("Restore"))
    [said] = shown_errors()
    assert "still finishing work in the background, so nothing was changed" in said
    assert "Made after the backup" in [c.name for c in store.list_classes()]


def test_a_job_nobody_can_cancel_ends_as_done_before_the_restore(make_window, real_dialogs):
    """Review 32c: cancelling every job before a restore left a job that cannot be cancelled "cancelled" whatever it
    did, its screen never told (a recalibration flag stuck, the marking screen busy for good)."""
    from desktop.workers import run_job

    window = make_window()
    store = window.context.store
    store.backup_now()
    store.create_class("Made after the backup")
    ended = []
    run_job(window, lambda ctx: time.sleep(0.5) or "worked out", title="Background", on_done=ended.append, show="none")
    restore_newest(window, press("Restore"))
    assert ended == ["worked out"]
    assert "Made after the backup" not in [c.name for c in store.list_classes()]
