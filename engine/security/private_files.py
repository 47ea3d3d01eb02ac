"""Keep the data folder private to the teacher's own account.

On a shared laptop another account must not be able to read children's
names. On POSIX the data folder and its backup folder are made ``0700`` and
every data file (store, backups, key file, temporary copies) ``0600``, at
creation and again at each open (an older Lamplight made them 755/644).

Windows has no mode bits: there the default data folder is under the user's
own profile (``%LOCALAPPDATA%``), whose access list already admits only that
user and the administrators; a data folder chosen elsewhere (``--data-dir``,
``LAMPLIGHT_DATA_DIR``) keeps the access list of where it is, which the
teacher (or IT) must set. Functions here are no-ops on Windows.
"""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
_POSIX = sys.platform != "win32"


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and parents) if missing; make ``folder`` itself 0700 when we own it.

    A shared folder is never narrowed: one with the sticky bit (``/tmp``) or
    the home folder itself (a store file put there directly) is left as it is.
    """
    folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    if _shared_folder(folder):
        return
    _tighten(folder, FOLDER_MODE)


def _shared_folder(folder: Path) -> bool:
    try:
        if folder.stat().st_mode & stat.S_ISVTX:
            return True
        return folder.resolve() in (Path.home().resolve(), Path("/").resolve())
    except (OSError, RuntimeError):
        return True


def make_private_file(path: Path) -> None:
    """Make an existing file 0600 when we own it (missing files are ignored)."""
    _tighten(path, FILE_MODE)


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 (truncating an existing one), so no other account ever sees its bytes."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.close(fd)
    _tighten(path, FILE_MODE)


def _tighten(path: Path, mode: int) -> None:
    if not _POSIX:
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
