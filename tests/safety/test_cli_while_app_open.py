"""Commands that replace the data file refuse while the app has the folder open (issue 14, item 3)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine import paths
from engine.cli import main
from engine.store import Store

ROOT = Path(__file__).resolve().parents[2]
APP = """
import sys, time
from engine.security.instance_lock import DataFolderLock
from engine.store import Store
lock = DataFolderLock(sys.argv[1]).acquire()
store = Store.open(sys.argv[1])
print("open", flush=True)
n = 0
for line in sys.stdin:  # one answer saved per line, as the quiz grid does
    n += 1
    store.set_setting("answers", n)
    print("saved", n, flush=True)
"""


@pytest.fixture
def open_app(data_dir):
    """Another process with the folder locked and the store open, saving on request."""
    with Store.open(data_dir) as store:
        store.add_student(store.create_class("4B"), "Ana")
        store.backup_now("manual")
    app = subprocess.Popen([sys.executable, "-c", APP, str(data_dir)], cwd=ROOT, stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, text=True)
    assert app.stdout.readline().strip() == "open"
    yield app
    app.stdin.close()
    app.wait(timeout=30)


def save(app: subprocess.Popen) -> str:
    app.stdin.write("x\n")
    app.stdin.flush()
    return app.stdout.readline().strip()


@pytest.mark.parametrize("argv", [["recover", "--backup", "BACKUP", "--yes"], ["restore", "BACKUP"],
                                  ["student-delete", "1", "--purge-backups", "--yes"]])
def test_replacing_commands_refuse_while_the_app_runs(open_app, data_dir, capsys, argv):
    backup = Store.open(data_dir).list_backups()[0].path
    store_file = paths.store_path(data_dir)
    inode = os.stat(store_file).st_ino
    assert save(open_app) == "saved 1"
    code = main(["--data-dir", str(data_dir), *[backup if a == "BACKUP" else a for a in argv]])
    out = capsys.readouterr()
    assert code == 1 and "Close the app first" in out.err and "Nothing was changed" in out.err, out
    assert os.stat(store_file).st_ino == inode and not list(data_dir.glob("*.damaged-*"))
    assert save(open_app) == "saved 2"
    with Store.open(data_dir) as store:  # what the app saved after the refusal is in the file in use
        assert store.get_setting("answers") == 2


def test_encryption_switch_refuses_while_the_app_runs(open_app, data_dir, capsys, monkeypatch):
    import io

    monkeypatch.setenv("LAMPLIGHT_PASSWORD_STDIN", "1")
    monkeypatch.setattr("sys.stdin", io.StringIO("whatever-password\n"))
    code = main(["--data-dir", str(data_dir), "encryption", "on", "--yes"])
    assert code == 1 and "Close the app first" in capsys.readouterr().err
