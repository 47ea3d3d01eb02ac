"""One Lamplight at a time per data folder.

Two copies of the app writing the same SQLite file would each trust their own
view of it (ids shown on screen, a grid half typed, a restore in progress), so
the app takes an exclusive operating-system lock on ``lamplight.lock`` in the
data folder while it is open for teacher work. The operating system drops the
lock when the process ends, however it ends (a crash, a power cut, a killed
task), so a stale lock file never keeps the teacher out.

Unix uses ``fcntl.flock``; Windows uses ``msvcrt.locking`` on one byte far past
the text, so the second instance can still read who holds the lock.
"""
from __future__ import annotations

import datetime as _dt
import os
import socket
import sys
from pathlib import Path
from types import TracebackType

from engine import paths
from engine.errors import LamplightError
from engine.store.io_errors import translated

LOCK_FILE = paths.LOCK_FILE
_WINDOWS_LOCK_OFFSET = 1 << 20


class AlreadyOpenError(LamplightError):
    """Another Lamplight holds the data folder."""


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


class DataFolderLock:
    """The exclusive lock on a data folder; use as ``with DataFolderLock(folder): ...``.

    :meth:`acquire` raises :class:`AlreadyOpenError` (a LamplightError with a
    message for the teacher) when another process holds it.
    """

    def __init__(self, data_dir: str | os.PathLike[str]) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / LOCK_FILE
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def holder(self) -> str:
        """Who holds the lock, as written by them ("process 123 on LAPTOP since ..."), or ""."""
        try:
            return self.path.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return ""

    def acquire(self) -> "DataFolderLock":
        if self._fd is not None:
            return self
        with translated(self.path, "opening the data folder"):  # a read-only folder, or a lock file of another account
            self.data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            os.close(fd)
            holder = self.holder()
            raise AlreadyOpenError(
                f"Lamplight is already open on this data folder ({self.data_dir})"
                + (f": {holder}" if holder else "")
                + ". Close the other Lamplight window first (check the task bar), then try again."
            )
        self._fd = fd
        started = _dt.datetime.now().isoformat(timespec="seconds")
        note = f"process {os.getpid()} on {socket.gethostname()} since {started}\n".encode("utf-8")
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, note)
        except OSError:  # a full disk: the note only says who holds the lock (review 33b: the app did not start)
            pass
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            _unlock(fd)
        finally:
            os.close(fd)

    def __del__(self) -> None:  # a lock object that is dropped lets go of the folder
        try:
            self.release()
        except OSError:
            pass

    def __enter__(self) -> "DataFolderLock":
        return self.acquire()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


def lock_for_command(data_dir: str | os.PathLike[str], action: str) -> DataFolderLock:
    """Take the folder lock for a command that replaces or moves data files (recover, restore, encryption...).

    While the app has the folder open it keeps writing into the file it
    opened; replacing that file under it would send every later answer into
    the replaced one. So the command refuses, in plain words, and changes nothing.
    Returns the held lock (use it as a context manager).
    """
    lock = DataFolderLock(data_dir)
    try:
        return lock.acquire()
    except AlreadyOpenError:
        holder = lock.holder()
        raise AlreadyOpenError(
            f"Lamplight is open on this data folder ({data_dir})" + (f": {holder}" if holder else "")
            + f". Close the app first, then run '{action}' again: it replaces the data file, and the open app "
            "would go on saving into the old one. Nothing was changed.") from None
