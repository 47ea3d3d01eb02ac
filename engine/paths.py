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
KEY_FILE = "lamplight.keys.json"
ATTEMPTS_FILE = "lamplight.attempts.json"
SAVED_COPIES_FILE = "lamplight.saved-copies.json"
LOCK_FILE = "lamplight.lock"
BACKUP_FOLDER = "backups"
MODEL_FOLDER = "models"
DISTRICT_FOLDER = "district"
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

OWN_FILES = (STORE_FILE, KEY_FILE, ATTEMPTS_FILE, LOCK_FILE, SETTINGS_FILE, SAVED_COPIES_FILE)
"""The data folder's own files, by the start of their names (the store's companions: ``-wal``, ``.restoring``…)."""
OWN_FOLDERS = (BACKUP_FOLDER, MODEL_FOLDER, DISTRICT_FOLDER)


def remember_data_folder(folder: str | os.PathLike[str]) -> None:
    """Note that ``folder`` holds a store this process opened, so no export is ever written over its files."""
    _DATA_FOLDERS.add(Path(folder).resolve())


def _is_data_folder(folder: Path) -> bool:
    try:
        return folder in _DATA_FOLDERS or any((folder / name).exists() for name in OWN_FILES[:2])
    except OSError:  # a name too long for the disk: no data folder there (writing it fails with its own message)
        return False


def is_own_file(target: str | os.PathLike[str]) -> bool:
    """Whether writing ``target`` would replace a file of a data folder (one this process opened, or any folder
    holding a store or a key file): the store and its companions, the key file, anything in ``backups``, ``models``
    or ``district``. Other names in the data folder are the teacher's own (an export she chose to put there). Names
    are compared without case, as Windows and macOS do.

    >>> import tempfile; folder = Path(tempfile.mkdtemp()); remember_data_folder(folder)
    >>> is_own_file(folder / STORE_FILE), is_own_file(folder / "Lamplight.KEYS.json"), is_own_file(folder / "backups" / "x.csv")
    (True, True, True)
    >>> is_own_file(folder / "roster.csv"), is_own_file(folder / "lamplight.csv"), is_own_file(Path(tempfile.mkdtemp()) / STORE_FILE)
    (False, False, False)
    """
    resolved = Path(target).resolve()
    for folder in (resolved, *resolved.parents[:3]):
        if not _is_data_folder(folder):
            continue
        inside = resolved.relative_to(folder).parts
        if not inside:
            return True
        first = inside[0].casefold()
        if len(inside) == 1 and any(first.startswith(name.casefold()) for name in OWN_FILES):
            return True
        if first in OWN_FOLDERS:
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
