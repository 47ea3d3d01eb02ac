"""Two Lamplights on one data folder: the second is refused with a clear message."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from engine.security.instance_lock import AlreadyOpenError, DataFolderLock

ROOT = Path(__file__).resolve().parents[2]

HOLDER = textwrap.dedent("""
    import sys, time
    from engine.security.instance_lock import DataFolderLock
    lock = DataFolderLock(sys.argv[1]).acquire()
    print("locked", flush=True)
    sys.stdin.readline()   # hold until told (or killed)
""")

SECOND = textwrap.dedent("""
    import sys
    from engine.security.instance_lock import DataFolderLock, AlreadyOpenError
    try:
        DataFolderLock(sys.argv[1]).acquire()
    except AlreadyOpenError as exc:
        print("refused:", exc)
        sys.exit(3)
    print("acquired")
""")


def start_holder(folder: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def run_second(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SECOND, str(folder)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_second_process_is_refused_while_first_holds_the_folder(tmp_path):
    holder = start_holder(tmp_path)
    try:
        second = run_second(tmp_path)
        assert second.returncode == 3, second.stderr
        assert "Lamplight is already open on this data folder" in second.stdout
        assert f"process {holder.pid}" in second.stdout
        # and within this process too
        with pytest.raises(AlreadyOpenError):
            DataFolderLock(tmp_path).acquire()
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert run_second(tmp_path).stdout.strip() == "acquired"


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    holder = start_holder(tmp_path)
    holder.kill()
    holder.wait(timeout=30)
    assert (tmp_path / "lamplight.lock").exists()
    assert run_second(tmp_path).stdout.strip() == "acquired"


def test_release_and_context_manager(tmp_path):
    with DataFolderLock(tmp_path) as lock:
        assert lock.held
        with pytest.raises(AlreadyOpenError, match="Close the other Lamplight"):
            DataFolderLock(tmp_path).acquire()
    assert not lock.held
    again = DataFolderLock(tmp_path / "new-folder").acquire()  # creates the folder
    again.release()
