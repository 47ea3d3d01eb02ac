"""Where Lamplight keeps its data on this laptop.

The data folder is, from strongest to weakest: an explicit path (the CLI's
``--data-dir``, a test's temporary folder), the ``LAMPLIGHT_DATA_DIR``
environment variable, then the user data folder that platformdirs picks for
the app "Lamplight" (``%LOCALAPPDATA%\\Lamplight`` on Windows,
``~/.local/share/Lamplight`` on Linux). Nothing is created here: callers that
write (the store) create the folders they need.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Lamplight"
ENV_VAR = "LAMPLIGHT_DATA_DIR"
STORE_FILE = "lamplight.sqlite3"
BACKUP_FOLDER = "backups"
MODEL_FOLDER = "models"
SETTINGS_FILE = "desktop.ini"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``explicit`` if given, else $LAMPLIGHT_DATA_DIR, else the user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def store_path(explicit_data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The SQLite file holding all classes, exercises and answers."""
    return data_dir(explicit_data_dir) / STORE_FILE


def backup_dir(explicit_data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The folder of automatic and manual backups of the store file."""
    return data_dir(explicit_data_dir) / BACKUP_FOLDER


_DATA_FOLDERS: set[Path] = set()
"""The data folders this process opened a store in (:func:`remember_data_folder`)."""

OWN_FILE_PREFIX = "lamplight."
"""Every file of the data folder's own is named so (the store and its companions, the key file, the lock, the
password tries), apart from the app's settings (``desktop.ini``) and the folders ``backups`` and ``models``."""


def remember_data_folder(folder: str | os.PathLike[str]) -> None:
    """Note that ``folder`` holds a store this process opened, so no export is ever written over its files."""
    _DATA_FOLDERS.add(Path(folder).resolve())


def is_own_file(target: str | os.PathLike[str]) -> bool:
    """Whether writing ``target`` would replace a file of a data folder this process opened: the store, its key file,
    anything in its ``backups`` or ``models``. Other names in the data folder are the teacher's own (an export she
    chose to put there).

    >>> import tempfile; folder = Path(tempfile.mkdtemp()); remember_data_folder(folder)
    >>> is_own_file(folder / STORE_FILE), is_own_file(folder / "lamplight.keys.json"), is_own_file(folder / "backups" / "x.csv")
    (True, True, True)
    >>> is_own_file(folder / "roster.csv"), is_own_file(Path(tempfile.mkdtemp()) / STORE_FILE)
    (False, False)
    """
    resolved = Path(target).resolve()
    for folder in _DATA_FOLDERS:
        own_folders = (folder / BACKUP_FOLDER, folder / MODEL_FOLDER)
        if resolved == folder or resolved.parent == folder and (resolved.name.startswith(OWN_FILE_PREFIX) or resolved.name == SETTINGS_FILE) \
                or any(own == resolved or own in resolved.parents for own in own_folders):
            return True
    return False


def refuse_own_file(target: str | os.PathLike[str]) -> Path:
    """``target`` as a Path, or a LamplightError when it would replace Lamplight's own data (review 32a: ``export
    roster --out DATA/lamplight.sqlite3`` wrote a CSV over the store; an export over the key file made every backup
    unreadable)."""
    if is_own_file(target):
        from engine.errors import LamplightError

        raise LamplightError(f"{target} is part of Lamplight's own data: saving there would replace it. "
                             "Choose another name or folder (a USB stick, Documents); nothing was written.")
    return Path(target)


def resources_dir() -> Path:
    """The shipped ``resources/`` folder (inside a PyInstaller bundle: the unpacked bundle's)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
