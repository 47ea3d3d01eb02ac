"""Keep the data folder private to the teacher's own account.

On a shared laptop another account must not be able to read children's
names. On POSIX the data folder and its backup folder are made ``0700`` and
every data file (store, backups, key file, temporary copies) ``0600``, at
creation and again at each open (an older Lamplight made them 755/644).

Windows has no mode bits but access lists: there the same folders and files
get the access list of the user's own profile folder, with what they would
inherit from the folder above removed: full control for the teacher's
account, SYSTEM and the Administrators, nothing for other accounts
(:func:`windows_acl_command`, run with the system's ``icacls``). A folder's
entries are inherited by every file later created in it. A folder or file
whose access list cannot be set (a FAT USB stick, a network share, a file
of another account) keeps its data and the import, backup or open goes on;
a :class:`NotPrivateWarning` says what could not be done.
"""
from __future__ import annotations

import csv
import functools
import ntpath
import os
import stat
import subprocess
import sys
import warnings
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
_POSIX = sys.platform != "win32"
SYSTEM_SID = "S-1-5-18"
ADMINISTRATORS_SID = "S-1-5-32-544"
ICACLS_TIMEOUT_SECONDS = 30


class NotPrivateWarning(UserWarning):
    """A data folder or file could not be made private (its data is untouched); ``path`` says which."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and parents) if missing; make ``folder`` itself private (0700 when we own it; on
    Windows the private access list, which the files later created in it inherit).

    A shared folder is never narrowed: one with the sticky bit (``/tmp``),
    the home folder itself (a store file put there directly) or a drive's
    root is left as it is.
    """
    folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    if _shared_folder(folder):
        return
    _tighten(folder, FOLDER_MODE)


def _shared_folder(folder: Path) -> bool:
    try:
        if folder.stat().st_mode & stat.S_ISVTX:
            return True
        resolved = folder.resolve()
        return resolved in (Path.home().resolve(), Path(resolved.anchor))
    except (OSError, RuntimeError):
        return True


def make_private_file(path: Path) -> None:
    """Make an existing file 0600 when we own it, or give it the private access list on Windows (missing files
    are ignored)."""
    _tighten(path, FILE_MODE)


def create_private_file(path: Path) -> None:
    """Create ``path`` anew, empty, private to this account (0600 / the private access list), so no other account
    ever sees its bytes. See :func:`open_private_file`."""
    os.close(open_private_file(path))


def open_private_file(path: Path) -> int:
    """:func:`create_private_file`, returning the file descriptor open for writing.

    Whatever was at ``path`` goes first and the file is created exclusively: a link planted at a name Lamplight
    writes to (a backup's ``.partial`` on a shared folder or stick, whose name is known to the minute) is removed,
    never followed (review 34b: it pointed at the data's key file, which the copy then overwrote).
    """
    Path(path).unlink(missing_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, FILE_MODE)
    try:
        _tighten(path, FILE_MODE, new=True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _tighten(path: Path, mode: int, new: bool = False) -> None:
    if not _POSIX:
        _restrict_on_windows(path, folder=mode == FOLDER_MODE, new=new)
        return
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    if info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) & ~mode == 0:
        return  # someone else's file (left alone), or already at most as open as asked
    try:
        os.chmod(path, stat.S_IMODE(info.st_mode) & mode)
    except OSError:
        pass  # a file system without modes (FAT USB stick): nothing to tighten


# --- Windows: access lists -------------------------------------------------------------------
def windows_acl_command(path: Path | str, user: str, folder: bool, system_root: str = "C:\\Windows") -> list[str]:
    """The ``icacls`` command line that makes ``path`` private on Windows.

    ``/inheritance:r`` drops what the folder above would pass down (on a
    shared drive: "Users" or "Everyone"); ``/grant:r`` then gives full
    control to ``user`` (``*SID`` or ``DOMAIN\\name``), SYSTEM and the
    Administrators, as in the user's own profile folder. For a folder the
    entries are inherited by the files and folders later created in it
    ``(OI)(CI)``. Entries someone added by hand are left as they are.
    """
    inherit = "(OI)(CI)" if folder else ""
    grants = [f"{who}:{inherit}F" for who in (user, f"*{SYSTEM_SID}", f"*{ADMINISTRATORS_SID}")]
    icacls = ntpath.join(system_root, "System32", "icacls.exe")
    return [icacls, str(path), "/inheritance:r", "/grant:r", *grants, "/Q"]


def sid_from_whoami(output: str) -> str | None:
    """The SID in the output of ``whoami /user /fo csv /nh`` (``"pc\\teacher","S-1-5-21-..."``), or None."""
    for row in csv.reader(output.splitlines()):
        for cell in row:
            if cell.strip().startswith("S-1-"):
                return cell.strip()
    return None


@functools.lru_cache(maxsize=1)
def _windows_user() -> str | None:
    """The teacher's account for icacls: ``*SID`` from whoami, else ``DOMAIN\\name`` from the environment."""
    system_root = os.environ.get("SystemRoot", "C:\\Windows")
    try:
        done = subprocess.run([ntpath.join(system_root, "System32", "whoami.exe"), "/user", "/fo", "csv", "/nh"],
                              capture_output=True, text=True, errors="replace", timeout=ICACLS_TIMEOUT_SECONDS)
        sid = sid_from_whoami(done.stdout) if done.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        sid = None
    if sid:
        return f"*{sid}"
    name, domain = os.environ.get("USERNAME"), os.environ.get("USERDOMAIN")
    return (f"{domain}\\{name}" if domain else name) if name else None


_DONE_ON_WINDOWS: set[str] = set()


def _restrict_on_windows(path: Path, folder: bool, new: bool = False) -> None:
    """Give ``path`` the private access list: once per path and process (each icacls run takes a moment),
    and each time for a ``new`` file (one created again under the same name has a new access list)."""
    if not path.exists():
        return
    key = os.path.normcase(os.path.abspath(path))
    if key in _DONE_ON_WINDOWS and not new:
        return
    user = _windows_user()
    if user is None:
        _warn_not_private(path, "the Windows account running Lamplight could not be found")
        return
    command = windows_acl_command(path, user, folder, os.environ.get("SystemRoot", "C:\\Windows"))
    try:
        done = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=ICACLS_TIMEOUT_SECONDS)
    except (OSError, subprocess.SubprocessError) as exc:
        _warn_not_private(path, f"icacls could not run: {exc}")
        return
    if done.returncode != 0:
        said = " ".join((done.stderr or done.stdout).split())[:300]
        _warn_not_private(path, f"icacls said: {said or f'exit status {done.returncode}'}")
        return
    _DONE_ON_WINDOWS.add(key)


def _warn_not_private(path: Path, why: str) -> None:
    warnings.warn(NotPrivateWarning(
        f"Lamplight could not make {path} private to your Windows account ({why}). Nothing was lost and your "
        "work is saved, but other accounts on this computer may be able to read it. Keep the data folder in "
        "your own user folder (the default), or ask whoever looks after the computer to restrict it.", path), stacklevel=3)
