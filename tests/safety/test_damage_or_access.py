"""Damage is told apart from "cannot read or write": only damage leads to a restore (issue 14, items 2, 13, 16)."""
from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from engine import paths
from engine.cli import main
from engine.errors import StoreAccessError, StoreBusyError, StoreDamagedError
from engine.security import recovery
from engine.store import Store

ROOT = Path(__file__).resolve().parents[2]


def cli(capsys, data_dir: Path, *argv: str) -> tuple[int, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def class_with_backup(folder: Path, students: int = 3) -> int:
    with Store.open(folder) as store:
        class_id = store.create_class("4B")
        for i in range(students):
            store.add_student(class_id, f"Pupil {i}")
        store.backup_now("manual")
    return class_id


# --- item 2: a cut-short file is damage, never a new store -----------------------------------------
def test_an_empty_store_file_is_damage_and_nothing_writes_into_it(data_dir, capsys, monkeypatch):
    class_id = class_with_backup(data_dir)
    store_file = paths.store_path(data_dir)
    store_file.write_bytes(b"")  # truncated to 0 bytes (a full disk, a copy cut short)
    with pytest.raises(StoreDamagedError, match="empty"):
        Store.open(data_dir)
    assert store_file.stat().st_size == 0
    code, out = cli(capsys, data_dir, "doctor")  # doctor only reads
    assert code == 1 and "empty" in out and "Traceback" not in out
    assert store_file.stat().st_size == 0
    assert isinstance(recovery.diagnose(data_dir), StoreDamagedError)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out = cli(capsys, data_dir, "recover", "--yes")  # not "nothing to recover"
    assert code == 0 and "Restored" in out, out
    with Store.open(data_dir) as store:
        assert len(store.list_students(class_id)) == 3


def test_a_file_without_lamplight_tables_is_not_taken_for_a_new_store(data_dir):
    store_file = paths.store_path(data_dir)
    conn = sqlite3.connect(store_file)
    conn.execute("PRAGMA user_version = 0")
    conn.execute("CREATE TABLE unrelated (x)")
    conn.commit()
    conn.close()
    before = store_file.read_bytes()
    with pytest.raises(StoreDamagedError, match="no Lamplight data"):
        Store.open(data_dir)
    assert store_file.read_bytes() == before


def test_a_new_store_appears_whole_and_leaves_no_temporary_file(tmp_path):
    folder = tmp_path / "fresh"
    with Store.open(folder) as store:
        assert store.schema_version >= 1
    assert sorted(p.name for p in folder.iterdir() if ".creating" in p.name) == []


# --- item 13: permissions and I/O are not damage -------------------------------------------------
def test_a_deleted_wal_gives_a_disk_message_not_damage(data_dir, capsys, monkeypatch):
    class_with_backup(data_dir)
    app = Store.open(data_dir)
    app.add_student(app.list_classes()[0].id, "Written to the log")
    os.unlink(f"{paths.store_path(data_dir)}-wal")
    app.add_student(app.list_classes()[0].id, "After the log was deleted")
    try:
        with pytest.raises(StoreAccessError) as caught:
            with Store.open(data_dir, check=True) as other:
                other.list_students(other.list_classes()[0].id)
        assert not isinstance(caught.value, StoreDamagedError) and "damaged" not in str(caught.value)
        assert "disk" in str(caught.value)
    finally:
        app.close()


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    if sys.platform != "linux" or os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    """A small tmpfs of its own (needs root on Linux; skipped elsewhere)."""
    mount_point = tmp_path / "disk"
    if not _mount_tmpfs(mount_point, "4m"):  # room for a 200-pupil class: each commit also writes the data revision
        pytest.skip("needs root on Linux to mount a small file system")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def test_a_read_only_disk_is_not_called_damaged_and_recover_does_not_restore(small_disk, capsys):
    folder = small_disk / "data"
    class_with_backup(folder)
    assert subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], capture_output=True).returncode == 0
    problem = recovery.diagnose(folder)
    assert isinstance(problem, StoreAccessError) and "damaged" not in str(problem), problem
    code, out = cli(capsys, folder, "recover", "--yes")
    assert code == 1 and "Restored" not in out and "damaged" not in out and "Traceback" not in out, out
    assert "Read-only" in out or "would replace data" in out, out
    assert not list(folder.glob("*.damaged-*"))


def _as_other_user(code: str, folder: Path) -> subprocess.CompletedProcess:
    """Run Python ``code`` as an unprivileged account (root ignores file modes); skip when that is impossible."""
    if os.geteuid() != 0:
        return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    if not shutil.which("setpriv"):
        pytest.skip("needs setpriv to drop root")
    for part in [folder, *folder.parents]:
        if part == Path("/"):
            break
        os.chmod(part, os.stat(part).st_mode | 0o005)
    return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", code],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "HOME": str(folder)})


def test_a_read_only_store_file_gives_a_permission_message(tmp_path):
    folder = tmp_path / "data"
    class_with_backup(folder)
    with Store.open(folder) as store:
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.chmod(folder, 0o777)
    for path in folder.rglob("*"):
        os.chmod(path, 0o777 if path.is_dir() else 0o666)
    os.chmod(paths.store_path(folder), 0o444)
    code = ("import sys\nfrom engine.store import Store\nfrom engine.errors import StoreAccessError, StoreDamagedError\n"
            f"try:\n    s = Store.open({str(folder)!r}); s.create_class('x')\n"
            "except StoreAccessError as e:\n    print('ACCESS', isinstance(e, StoreDamagedError), e)\n")
    done = _as_other_user(code, folder)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stdout.startswith("ACCESS False") and "read-only" in done.stdout, done.stdout + done.stderr


# --- item 16: full disk, busy writer, damaged page ----------------------------------------------
def _fill(disk: Path) -> None:
    with open(disk / "filler", "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass


def test_a_full_disk_gives_a_message_and_leaves_no_partial_backup(small_disk, capsys, tmp_path):
    from engine.errors import DiskFullError

    folder = small_disk / "data"
    class_id = class_with_backup(folder, students=200)
    roster = tmp_path / "roster.csv"
    roster.write_text("name,external_id\n" + "".join(f"Kid {i} with a long name that goes on and on and on and on,k{i}\n" for i in range(1000)), encoding="utf-8")
    with Store.open(folder) as app:  # the app has the store open when the disk fills up
        _fill(small_disk)
        for argv in (["backup"], ["import-roster", str(roster), "--class", "4B"]):
            code, out = cli(capsys, folder, *argv)
            assert code == 1 and "disk is full" in out and "Traceback" not in out, (argv, out)
        with pytest.raises(DiskFullError):
            app.backup_now("manual")
        with pytest.raises(DiskFullError):
            for i in range(2000):
                app.add_student(class_id, f"Extra pupil with a long name number {i}" * 2)
        with pytest.raises(DiskFullError):
            app.restore(app.list_backups()[0].path)
        assert not [p for p in folder.rglob("*") if p.name.endswith((".partial", ".restoring"))]
        (small_disk / "filler").unlink()
        assert len(app.list_students(class_id)) == 200  # nothing half-done stayed


def test_a_writer_behind_a_long_import_waits_then_gets_a_plain_message(data_dir, capsys, monkeypatch):
    from engine.store import core

    class_with_backup(data_dir)
    monkeypatch.setattr(core, "BUSY_TIMEOUT_SECONDS", 0.3)
    importer = sqlite3.connect(paths.store_path(data_dir))
    importer.execute("BEGIN IMMEDIATE")  # a long import holds the write lock
    try:
        with Store.open(data_dir) as store:
            with pytest.raises(StoreBusyError, match="Another Lamplight program"):
                store.create_class("5C")
        code, out = cli(capsys, data_dir, "demo", "--students", "2", "--weeks", "1")
        assert code == 1 and "Another Lamplight program" in out and "Traceback" not in out, out
    finally:
        importer.rollback()
        importer.close()


def test_doctor_on_a_damaged_page_says_damaged(data_dir, capsys):
    class_with_backup(data_dir, students=400)
    store_file = paths.store_path(data_dir)
    with Store.open(data_dir) as store:
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = store.db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'students'").fetchone()[0]
        page_size = store.db.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(store_file.read_bytes())
    data[(root - 1) * page_size:(root - 1) * page_size + 100] = b"\xa5" * 100
    store_file.write_bytes(bytes(data))
    code, out = cli(capsys, data_dir, "doctor")
    assert code == 1 and "DAMAGED" in out and "Traceback" not in out, out
    assert store_file.read_bytes() == bytes(data)  # doctor wrote nothing


def test_recover_on_a_full_disk_leaves_the_current_file_in_place(small_disk, capsys):
    folder = small_disk / "data"
    class_with_backup(folder, students=60)
    store_file = paths.store_path(folder)
    with Store.open(folder) as store:
        backup = store.list_backups()[0].path
    before = store_file.read_bytes()
    _fill(small_disk)
    code, out = cli(capsys, folder, "recover", "--backup", backup, "--yes")
    assert code == 1 and "disk is full" in out, out
    assert store_file.read_bytes() == before and not list(folder.glob("*.damaged-*"))
    assert not list(folder.glob("*.restoring"))


def test_a_recover_killed_after_setting_the_file_aside_is_finished_at_the_next_open(data_dir):
    class_id = class_with_backup(data_dir)
    store_file = paths.store_path(data_dir)
    backup = Store.open(data_dir).list_backups()[0].path
    shutil.copyfile(backup, store_file.with_name(store_file.name + ".restoring"))  # the complete copy
    os.replace(store_file, store_file.with_name(store_file.name + ".damaged-20260101T000000Z"))  # then killed
    with Store.open(data_dir) as store:  # not a new, empty store
        assert len(store.list_students(class_id)) == 3
