"""Where the file choosers start: the teacher's home folder, then the last folder she used.

Qt's file dialogs start in the program's working directory when they are given
no folder, which for an installed app is the program folder, never where a
roster or a pack was saved. Every chooser starts in the folder remembered from the
last time (per data folder, in the app's settings) or else the home folder. Backups
(a USB stick, the laptop's own backup folder) are remembered apart from everything
else (:data:`BACKUPS`): after a restore, the next worksheets and CSV files were
offered inside the backup folder, where a teacher would not look for them (review 44).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER_KEY = "files/last_folder"
BACKUPS = "files/last_backup_folder"
"""The setting for the folder backup choosers remember (``kind`` of :func:`start_folder` and the others)."""
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


MAX_FILE_NAME_BYTES = 200
"""A file name's length most file systems take (255 bytes) with room to spare; a longer one is cut in its middle."""


def file_name(text: str) -> str:
    """``text`` as a file name any computer takes: a class called "4/5 B" gives "4-5 B"; a name longer than
    :data:`MAX_FILE_NAME_BYTES` (a group of 90 Chinese characters) loses its middle, keeping its start and its end.

    >>> file_name("4/5 B - worksheets - 2026-12-04.pdf")
    '4-5 B - worksheets - 2026-12-04.pdf'
    >>> len(file_name("三年级二班 - " + "第一组" * 40 + " - 练习单 - 2026-12-05.pdf").encode())
    200
    """
    name = _NOT_IN_FILE_NAMES.sub("-", text).strip()
    if len(name.encode()) <= MAX_FILE_NAME_BYTES:
        return name
    head, tail = name[: len(name) // 2], name[len(name) // 2:]
    while len(f"{head}…{tail}".encode()) > MAX_FILE_NAME_BYTES:
        if len(head) > len(tail) - 30:
            head = head[:-1]
        else:
            tail = tail[1:]
    return f"{head}…{tail}"


def offered_path(folder: str | Path, name: str) -> str:
    """Where a save dialog starts: ``name`` made a file name (:func:`file_name`) in ``folder``, with " (2)", " (3)"…
    before its extension when a file of that name is there already, so pressing Save at once keeps yesterday's
    printout (groups "A/B" and "A:B" both give "A-B").

    >>> import tempfile; folder = Path(tempfile.mkdtemp()); _ = (folder / "A-B.pdf").write_bytes(b"")
    >>> Path(offered_path(folder, "A:B.pdf")).name
    'A-B (2).pdf'
    """
    safe = Path(file_name(name))
    path, number = Path(folder) / safe, 1
    while path.exists():
        number += 1
        path = path.with_name(file_name(f"{safe.stem} ({number}){safe.suffix}"))
    return str(path)


def start_folder(settings: Any, kind: str = LAST_FOLDER_KEY, first: str | Path | None = None) -> str:
    """The folder remembered for ``kind`` (files, or :data:`BACKUPS`) when it still exists, else ``first`` or the
    home folder."""
    remembered = str(settings.value(kind, "") or "") if settings is not None else ""
    if remembered and Path(remembered).is_dir():
        return remembered
    return str(first or Path.home())


def remember_folder(settings: Any, path: str, kind: str = LAST_FOLDER_KEY) -> None:
    """Remember the folder of a chosen file, so the next chooser of that ``kind`` starts there."""
    if settings is not None and path:
        settings.setValue(kind, str(Path(path).parent))


def choose_file_to_open(parent: QWidget, title: str, pattern: str, settings: Any, kind: str = LAST_FOLDER_KEY,
                        first: str | Path | None = None) -> str:
    """Ask for a file to read (Qt's file dialog) starting in :func:`start_folder`; '' when she cancels."""
    path, _ = QFileDialog.getOpenFileName(parent, title, start_folder(settings, kind, first), pattern)
    if path:
        remember_folder(settings, path, kind)
    return path or ""
