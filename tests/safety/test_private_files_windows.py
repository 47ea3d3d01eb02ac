"""On Windows the data folder and files get the profile folder's access list (issue 14, item 10).

These tests run on any system and check what can be checked without Windows:
the exact ``icacls`` command line built for a folder and for a file, reading
the account's SID from ``whoami``, and the Windows branch's own logic (when it
runs icacls, what it does when icacls fails) with ``icacls`` replaced by a
recorder. Whether Windows applies the access list as intended is NOT shown
here: that needs a run on Windows.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from engine.security import private_files
from engine.security.private_files import sid_from_whoami, windows_acl_command

USER = "*S-1-5-21-1004336348-1177238915-682003330-1001"


def test_the_icacls_command_for_a_folder_is_inherited_by_what_is_created_in_it():
    assert windows_acl_command(Path("D:/Lamplight data"), USER, folder=True) == [
        "C:\\Windows\\System32\\icacls.exe", str(Path("D:/Lamplight data")), "/inheritance:r", "/grant:r",
        f"{USER}:(OI)(CI)F", "*S-1-5-18:(OI)(CI)F", "*S-1-5-32-544:(OI)(CI)F", "/Q"]


def test_the_icacls_command_for_a_file():
    assert windows_acl_command("C:\\Users\\mia\\lamplight.sqlite3", "SCHOOL\\mia", folder=False,
                               system_root="E:\\WINNT") == [
        "E:\\WINNT\\System32\\icacls.exe", "C:\\Users\\mia\\lamplight.sqlite3", "/inheritance:r", "/grant:r",
        "SCHOOL\\mia:F", "*S-1-5-18:F", "*S-1-5-32-544:F", "/Q"]


def test_the_account_sid_is_read_from_whoami():
    assert sid_from_whoami('"school\\\\mia","S-1-5-21-1004336348-1177238915-682003330-1001"\r\n') == USER[1:]
    assert sid_from_whoami("") is None and sid_from_whoami("ERROR: access denied") is None


class _Icacls:
    """Stands in for icacls.exe: records each command and answers with the given exit status."""

    def __init__(self, returncode: int = 0, said: str = "") -> None:
        self.calls: list[list[str]] = []
        self.returncode, self.said = returncode, said

    def __call__(self, command: list[str], **kwargs) -> subprocess.CompletedProcess:
        self.calls.append(command)
        return subprocess.CompletedProcess(command, self.returncode, stdout=self.said, stderr="")


@pytest.fixture
def windows_branch(monkeypatch):
    """The module's Windows branch, with icacls replaced by a recorder (this is not a Windows run)."""
    monkeypatch.setattr(private_files, "_POSIX", False)
    monkeypatch.setattr(private_files, "_DONE_ON_WINDOWS", set())
    monkeypatch.setattr(private_files, "_windows_user", lambda: USER)
    monkeypatch.delenv("SystemRoot", raising=False)

    def use(icacls):
        monkeypatch.setattr(private_files.subprocess, "run", icacls)
        return icacls
    return use


def test_the_windows_branch_runs_icacls_on_the_folder_and_on_each_new_file(tmp_path, windows_branch):
    icacls = windows_branch(_Icacls())
    folder = tmp_path / "data"
    private_files.make_private_folder(folder)
    private_files.make_private_folder(folder)  # once per folder and process: icacls takes a moment
    store = folder / "lamplight.sqlite3"
    private_files.create_private_file(store)
    private_files.make_private_file(store)  # already done
    private_files.create_private_file(store)  # created again: a new access list to set
    private_files.make_private_file(folder / "missing-wal")  # nothing to do
    assert icacls.calls == [windows_acl_command(folder, USER, folder=True)] + [
        windows_acl_command(store, USER, folder=False)] * 2


def test_when_icacls_fails_the_teacher_is_told_and_nothing_is_lost(tmp_path, windows_branch):
    windows_branch(_Icacls(returncode=5, said="D:\\data: Access is denied.\r\nFailed processing 1 files"))
    folder = tmp_path / "data"
    with pytest.warns(private_files.NotPrivateWarning, match=r"could not make .*data private to your Windows "
                                                             r"account \(icacls said: D:\\data: Access is denied"):
        private_files.make_private_folder(folder)
    store = folder / "lamplight.sqlite3"
    store.write_bytes(b"children's answers")
    with pytest.warns(private_files.NotPrivateWarning, match="Nothing was lost"):
        private_files.make_private_file(store)
    assert folder.is_dir() and store.read_bytes() == b"children's answers"


def test_without_icacls_the_teacher_is_told(tmp_path, windows_branch):
    def missing(command, **kwargs):
        raise FileNotFoundError(2, "The system cannot find the file specified", command[0])

    windows_branch(missing)
    with pytest.warns(private_files.NotPrivateWarning, match="icacls could not run"):
        private_files.make_private_folder(tmp_path / "data")
    assert (tmp_path / "data").is_dir()
