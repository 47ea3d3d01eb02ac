"""Errors the engine reports to people (CLI message or GUI popup), not bugs.

Every class is a :class:`LamplightError` (its message is shown as is). The
subclasses let a caller tell *why* without reading the text: only a
:class:`StoreDamagedError` is something a backup fixes; a permission, disk or
busy problem leaves the data as it was and must never lead to a restore over it.
"""


class LamplightError(Exception):
    """A problem with input or state that a teacher or engineer can act on.

    The message is shown as is, so it must say what went wrong and where
    (file and line for imports) and, where possible, what to do.
    """


class StoreDamagedError(LamplightError):
    """The data file is damaged, cut short (0 bytes) or not a Lamplight file: restoring a backup helps."""


class StoreAccessError(LamplightError):
    """The data could not be read or written (permissions, read-only disk, I/O error); the data itself is not damaged."""


class DiskFullError(StoreAccessError):
    """The disk is full: nothing was written (no half-written file is left)."""


class StoreBusyError(LamplightError):
    """Another Lamplight program kept the data busy for longer than the wait allowed; nothing was changed."""


class WrongPasswordError(LamplightError):
    """A wrong teacher password or recovery key was typed (counted by the rate limit)."""


class TooManyAttemptsError(LamplightError):
    """Too many wrong passwords in a row: the next try must wait (the message says how long)."""


class BackupLockedError(LamplightError):
    """An encrypted backup from elsewhere: it opens with the password or recovery key it was saved with (ask for it)."""
