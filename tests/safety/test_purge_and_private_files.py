"""Purging a student from backups survives kills and can follow a plain delete (item 8); files are private (item 10)."""
from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from engine import paths
from engine.security import data_rights, recovery
from engine.security.passwords import new_recovery_key
from engine.store import Store
from engine.store import backup as backups

NAME = "Lee Ann Raybould"
ROOT = Path(__file__).resolve().parents[2]


def class_with_child(folder: Path, answers: int = 300) -> int:
    with Store.open(folder) as store:
        class_id = store.create_class("4B")
        child = store.add_student(class_id, NAME)
        other = store.add_student(class_id, "Ana Lima")
        exercise = store.add_exercise("7 + 8 = ?", "numeric", "15")
        for i in range(answers):
            store.record_response(child if i % 2 else other, exercise, 1.0)
        store.backup_now("manual")
        store.backup_now("manual")
    return child


def holding_the_name(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file() and NAME.encode() in p.read_bytes())


def test_a_hot_journal_left_in_a_backup_is_rolled_back_not_skipped(data_dir):
    class_with_child(data_dir, answers=3000)
    newest = Path(Store.open(data_dir).list_backups()[0].path)
    before = backups.check_file(newest)
    # a writer killed in the middle of a transaction on the backup (as the old purge was): a hot journal stays
    killed = subprocess.run([sys.executable, "-c", (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 1'); c.execute('BEGIN'); c.execute('DELETE FROM responses')\n"
        "os._exit(0)\n"), str(newest)], cwd=ROOT)
    assert killed.returncode == 0 and Path(f"{newest}-journal").stat().st_size > 0
    assert backups.check_file(newest) == before  # read-only opens work again (the killed delete undone)
    assert Path(recovery.latest_good_backup(data_dir).path) == newest  # not silently skipped
    with Store.open(data_dir) as store:
        store.restore(newest)
        assert len(store.list_responses()) == 3000


def test_a_purge_killed_midway_leaves_every_backup_usable(data_dir, monkeypatch):
    child = class_with_child(data_dir)

    class Killed(BaseException):
        pass

    def killed(path):  # the copy is written and cleaned; killed before it replaces the backup
        raise Killed()

    with Store.open(data_dir) as store:
        monkeypatch.setattr(backups, "check_file", killed)
        with pytest.raises(Killed):
            data_rights.delete_student_everywhere(store, child, purge_backups=True)
        monkeypatch.undo()
        for info in store.list_backups():
            assert backups.check_file(Path(info.path)) >= 1
            assert not Path(f"{info.path}-journal").exists()
        # the child is gone from the store; a later purge of the backups alone is possible
        report = data_rights.delete_student_everywhere(store, child, purge_backups=True)
        assert report.answers_deleted == 0 and len(report.backups_purged) == 2
    assert holding_the_name(data_dir) == []


def test_purge_after_a_plain_delete_and_leftover_partials_are_removed(data_dir, capsys):
    from engine.cli import main

    child = class_with_child(data_dir)
    backup_dir = paths.backup_dir(data_dir)
    newest = Store.open(data_dir).list_backups()[0].path
    shutil.copyfile(newest, backup_dir / "lamplight-20260101T000000000000Z-manual.sqlite3.partial")  # a killed backup's
    assert main(["--data-dir", str(data_dir), "student-delete", str(child), "--yes"]) == 0
    capsys.readouterr()
    assert holding_the_name(data_dir)  # the backups still hold the child
    code = main(["--data-dir", str(data_dir), "student-delete", str(child), "--purge-backups", "--yes"])
    out = capsys.readouterr().out
    assert code == 0 and "removed them from 2 backups" in out, out
    assert holding_the_name(data_dir) == []
    assert not list(backup_dir.glob("*.partial"))


def test_a_backup_being_written_during_a_purge_is_finished_then_purged_too(data_dir, monkeypatch):
    """Review 49b: the purge deleted every .partial copy, the daily backup's own as it was written (so that backup
    failed; had it finished first, it would have held the child unsaid)."""
    import threading
    import time

    from engine.store import backup_copy

    child = class_with_child(data_dir)
    written, failures = threading.Event(), []

    def slow_sync(path):
        if str(path).endswith(".partial"):
            written.set()  # the child's name is in the half-written copy
            time.sleep(0.5)

    def daily_backup():
        try:
            with Store.open(data_dir) as store:
                store.backup_now("auto")
        except BaseException as exc:  # noqa: BLE001 - the test reports it
            failures.append(exc)

    monkeypatch.setattr(backup_copy, "sync_file", slow_sync)
    writer = threading.Thread(target=daily_backup)
    writer.start()
    assert written.wait(10)
    with Store.open(data_dir) as store:
        report = data_rights.delete_student_everywhere(store, child, purge_backups=True)
    writer.join()
    assert failures == []
    assert len(report.backups_purged) == 3  # the two before and the one being written
    assert holding_the_name(data_dir) == []


def test_rotation_removes_stale_partial_copies_only(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    stale, fresh = folder / "a.sqlite3.partial", folder / "b.sqlite3.partial"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"y")
    os.utime(stale, (1, 1))
    backups.rotate(folder)
    assert not stale.exists() and fresh.exists()  # a copy another program is writing now stays


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes (Windows: the profile folder's access list)")
def test_the_data_folder_and_its_files_are_private(tmp_path):
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.add_student(store.create_class("4B"), NAME)
        backup = store.backup_now("manual")
    mode = lambda p: stat.S_IMODE(os.stat(p).st_mode)  # noqa: E731
    assert mode(folder) == 0o700 and mode(folder / "backups") == 0o700
    assert mode(paths.store_path(folder)) == 0o600 and mode(backup) == 0o600
    for companion in folder.glob("lamplight.sqlite3-*"):
        assert mode(companion) & 0o077 == 0, companion
    # an older Lamplight's 755/644 folder is tightened at the next open
    os.chmod(folder, 0o755)
    os.chmod(paths.store_path(folder), 0o644)
    Store.open(folder).close()
    assert mode(folder) == 0o700 and mode(paths.store_path(folder)) == 0o600


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_the_key_file_is_private(tmp_path, fast_crypto):
    pytest.importorskip("sqlcipher3")
    from engine.security import encryption
    from engine.security.passwords import Credentials

    folder = tmp_path / "data"
    with Store.open(folder) as store:
        Credentials(store.get_setting, store.set_setting).setup("owl-river-lantern-7")
    try:
        encryption.enable(folder, "owl-river-lantern-7", new_recovery_key())
        assert stat.S_IMODE(os.stat(folder / encryption.KEY_FILE).st_mode) == 0o600
        assert all(stat.S_IMODE(os.stat(p).st_mode) & 0o077 == 0 for p in (folder / "backups").iterdir())
    finally:
        encryption._KEYS.clear()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_a_shared_folder_such_as_tmp_is_never_narrowed(tmp_path):
    from engine.security.private_files import make_private_folder

    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # like /tmp
    make_private_folder(shared)
    assert stat.S_IMODE(os.stat(shared).st_mode) == 0o1777
