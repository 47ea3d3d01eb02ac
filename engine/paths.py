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


def resources_dir() -> Path:
    """The shipped ``resources/`` folder (inside a PyInstaller bundle: the unpacked bundle's)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
