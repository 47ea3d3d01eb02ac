"""GUI fixtures: the real main window on a fresh data folder, popups collected instead of shown."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def app(qapp):
    from desktop.app import create_application
    from desktop.workers import shown_errors

    application = create_application()
    application.setProperty("lamplight_no_popups", True)
    shown_errors()
    yield application
    errors = shown_errors()
    assert not errors, f"error popups during the test: {errors}"


@pytest.fixture(scope="session")
def demo_store_file(tmp_path_factory) -> Path:
    """The demo class made once per session; tests get a copy (making it takes seconds)."""
    from engine.store import Store
    from engine.store.demo import create_demo_class

    folder = tmp_path_factory.mktemp("demo-data")
    with Store.open(folder) as store:
        create_demo_class(store, students=12, weeks=3)  # smaller than the app's demo, for speed
        return store.backup_now("manual")


@pytest.fixture
def make_window(app, qtbot, data_dir: Path, demo_store_file: Path):
    """Build a main window on ``data_dir`` (optionally with the demo class) in a language."""
    from desktop.context import AppContext
    from desktop.main_window import MainWindow
    from desktop.workers import wait_for_all

    windows = []

    def make(demo: bool = True, language: str = "en"):
        from engine import paths

        if demo and not (data_dir / paths.STORE_FILE).exists():
            shutil.copyfile(demo_store_file, data_dir / paths.STORE_FILE)
        context = AppContext.open(data_dir, language=language)
        window = MainWindow(context)
        window.show()
        if demo and context.class_id is None:
            window.create_demo_class()
            assert wait_for_all(30000)
        windows.append(window)
        return window

    yield make
    wait_for_all(30000)
    for window in windows:
        window.set_practice_lock(False)  # closing a locked window asks for the password
        window.close()
        window.deleteLater()
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    for top in QApplication.topLevelWidgets():  # a dialog a test left open (a roster preview after Cancel, say) stayed
        if top.isVisible():                      # the modal widget of the next test, which answered it instead
            top.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    from desktop.i18n import install_language

    install_language(app, "en")


def finish_jobs() -> None:
    from desktop.workers import wait_for_all

    assert wait_for_all(60000), "a background job did not finish"


def switch_to_new_class(window, name: str, students=("Ana", "Ben", "Chen", "Dara")) -> int:
    """Make a class of ``students`` and choose it in the window's class selector; returns its id."""
    from engine.classroom import Changes

    store = window.context.store
    class_id = store.create_class(name)
    for student in students:
        store.add_student(class_id, student)
    window.context.changed(Changes(classes=True))
    window.class_combo.setCurrentIndex(window.class_combo.findData(class_id))
    assert window.context.class_id == class_id
    return class_id


@pytest.fixture(autouse=True)
def event_loops_still_run(app):
    """Fail the test that leaves Qt quitting: a quit() with no loop running makes every later QEventLoop.exec() return
    at once (qtbot.waitUntil, QDialog.exec), so the tests after it would fail or pass for the wrong reason."""
    yield
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(0, lambda: loop.exit(7))
    assert loop.exec() == 7, "this test left a quit() pending: later event loops would end at once"


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A modal dialog nobody answers would hang the test: make it fail instead (tests patch what they answer)."""
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected modal dialog: {args[1:3] if len(args) > 2 else args}")

    for name in ("question", "warning", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(refuse))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(refuse))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(refuse))
    monkeypatch.setattr(QDialog, "exec", refuse)


def _dialog_originals() -> dict:
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

    names = {QMessageBox: ("question", "warning", "information", "critical", "about", "exec"),
             QInputDialog: ("getText",), QFileDialog: ("getOpenFileName", "getSaveFileName"), QDialog: ("exec",)}
    return {(cls, name): vars(cls).get(name) for cls, found in names.items() for name in found}  # None: inherited


_REAL_DIALOGS = _dialog_originals()


@pytest.fixture
def real_dialogs(no_modal_dialogs, monkeypatch):
    """Let modal dialogs really open (the test answers them with ``tests.gui.dialogs.DialogAnswers``)."""
    for (cls, name), original in _REAL_DIALOGS.items():
        if original is None:
            monkeypatch.delattr(cls, name)
        else:
            monkeypatch.setattr(cls, name, original)


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Argon2 with the shipped 64 MiB profile takes a second per check on this machine; tests use a tiny one."""
    import argon2

    from engine.security import passwords

    monkeypatch.setattr(passwords, "DEFAULT_HASHER", argon2.PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@pytest.fixture(autouse=True)
def quick_student_model(monkeypatch):
    """GUI tests use the engine's quick knowledge-tracing model instead of calibrating the shipped one.

    Calibrating the shipped meta-learned model on the 30-student demo class
    takes many seconds on this shared machine; the screens work the same way
    with any StudentModel, and the engine's own tests cover the shipped one.
    """
    from engine.classroom import models
    from engine.model.bkt import KnowledgeTracingModel

    real_load = models.class_model
    monkeypatch.setattr(models, "class_model", lambda store, class_id: real_load(store, class_id) or KnowledgeTracingModel())


@pytest.fixture(autouse=True)
def no_learning_by_itself(monkeypatch):
    """Learning on the laptop starts by itself after enough new answers (``Classroom.learning_due``); in a test it
    would start jobs, and change the class's model, behind the back of whatever the test checks. Its own tests
    (test_learning_by_itself) turn it back on."""
    from engine.classroom import api

    monkeypatch.setattr(api, "LEARN_EVERY_ANSWERS", 10**9)
