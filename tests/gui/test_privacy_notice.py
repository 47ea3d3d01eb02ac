"""A data folder that cannot be made private is told to the teacher at start (issue 14, item 10).

Windows is not needed: the module's Windows branch runs with ``icacls`` replaced by one that
refuses, as it does on a FAT USB stick or a network share.
"""
from __future__ import annotations

import argparse
import subprocess

from engine.security import private_files
from tests.gui.dialogs import DialogAnswers, press


def refusing_icacls(command, **kwargs):
    return subprocess.CompletedProcess(command, 5, stdout="", stderr="Access is denied.")


def open_app_on_a_folder_icacls_refuses(monkeypatch, data_dir, language):
    from desktop.app import after_start
    from desktop.context import AppContext
    from desktop.main_window import MainWindow

    monkeypatch.setattr(private_files, "_POSIX", False)
    monkeypatch.setattr(private_files, "_DONE_ON_WINDOWS", set())
    monkeypatch.setattr(private_files, "_windows_user", lambda: "*S-1-5-21-1001")
    monkeypatch.setattr(private_files.subprocess, "run", refusing_icacls)
    window = MainWindow(AppContext.open(data_dir, language=language))
    window.show()
    answers = DialogAnswers().expect(press("OK" if language == "en" else "确定"))
    after_start(window, argparse.Namespace(page=None, demo=True))  # demo=True: the demo class without asking
    answers.finish()
    return window, answers.seen


def test_the_teacher_is_told_once_that_other_accounts_may_read_the_data(app, qtbot, monkeypatch, data_dir, real_dialogs):
    from tests.gui.conftest import finish_jobs

    window, seen = open_app_on_a_folder_icacls_refuses(monkeypatch, data_dir, "en")
    qtbot.addWidget(window)
    finish_jobs()
    assert [dialog.title for dialog in seen] == ["The data folder is not private"]
    assert "could not make" in seen[0].text and str(data_dir) in seen[0].text
    assert "other accounts on this computer may be able to read it" in seen[0].text
    assert seen[0].text.count("Access is denied") == 1  # said once, then the other paths
    assert "The same goes for:" in seen[0].text and str(data_dir / "lamplight.sqlite3") in seen[0].text
    assert window.context.privacy_notices == []
    assert window.context.store.list_classes()  # nothing was held up: the demo class is there


def test_the_notice_is_in_chinese_for_a_chinese_teacher(app, qtbot, monkeypatch, data_dir, real_dialogs):
    from desktop.i18n import install_language
    from tests.gui.conftest import finish_jobs

    try:
        window, seen = open_app_on_a_folder_icacls_refuses(monkeypatch, data_dir, "zh_CN")
        qtbot.addWidget(window)
        finish_jobs()
        assert seen[0].title == "数据文件夹不是私有的"
        assert "Nothing was lost" not in seen[0].text and "其他账户" in seen[0].text and str(data_dir) in seen[0].text
    finally:
        install_language(app, "en")
