"""What every screen shares: the data folder, the GUI thread's store, UI settings.

Screens read small things (names, lists) from ``context.store`` on the GUI
thread; anything slow runs in a background job that opens its own store with
``context.open_store`` (SQLite connections stay in the thread that made them).
"""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal
from engine import paths
from engine.classroom import Changes
from engine.security.private_files import NotPrivateWarning
from engine.store import Store


class AppContext(QObject):
    """The open data folder and the state shared between screens."""

    class_changed = Signal(object)
    """The current class changed (class id, or None)."""
    data_changed = Signal(object)
    """Something was saved; the argument is an :class:`engine.classroom.Changes` saying what."""

    def __init__(self, data_dir: Path, settings: QSettings, language: str) -> None:
        super().__init__()
        self.data_dir = data_dir
        self._store: Any = None
        self.settings = settings
        self.language = language
        self.class_id: Any = None
        self.practice_locked = False
        self.privacy_notices: list[NotPrivateWarning] = []
        """What could not be made private when the store opened (Windows access lists), for the window to tell."""

    @classmethod
    def open(cls, data_dir: Path, language: str | None = None) -> "AppContext":
        """Open (creating if needed) the data folder; ``language`` overrides the saved choice."""
        from PySide6.QtWidgets import QApplication

        from desktop.i18n import install_language, system_language

        data_dir.mkdir(parents=True, exist_ok=True)
        settings = QSettings(str(data_dir / paths.SETTINGS_FILE), QSettings.Format.IniFormat)
        chosen = language or str(settings.value("language", "") or system_language())
        used = install_language(QApplication.instance(), chosen)
        return cls(data_dir, settings, used)

    @property
    def store(self) -> Any:
        """The GUI thread's store, opened on first use (so the window can show first)."""
        if self._store is None:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", NotPrivateWarning)
                self._store = Store.open(self.data_dir)
            for warning in caught:
                if issubclass(warning.category, NotPrivateWarning):
                    self.privacy_notices.append(warning.message)
                else:
                    warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
        return self._store

    def resolve_class(self) -> Any:
        """Pick the current class: the one used last time if it still exists, else the first."""
        classes = [c for c in self.store.list_classes(include_archived=True) if not c.archived]
        remembered = self.settings.value("class_id")
        ids = [c.id for c in classes]
        self.class_id = next((i for i in ids if str(i) == str(remembered)), ids[0] if ids else None)
        return self.class_id

    def class_archived(self) -> bool:
        """Whether the class in use is archived: chosen in Classes & students to read its reports, it is not changed
        (review 39)."""
        return self.class_id is not None and self.store.get_class(self.class_id).archived

    def open_store(self) -> Any:
        """A new store on the same data folder, for a background thread."""
        return Store.open(self.data_dir)

    def close_store(self) -> None:
        """Close the GUI thread's store (before the data file is replaced, e.g. encrypted); the next use reopens it."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def set_class(self, class_id: Any) -> None:
        if class_id == self.class_id:
            return
        self.take_class(class_id)
        self.class_changed.emit(class_id)

    def take_class(self, class_id: Any) -> None:
        """Make ``class_id`` the class in use and remember it for the next start, telling no screen yet (the caller's
        Changes reload them; review 37h: a class just made was not the one the app reopened on)."""
        self.class_id = class_id
        self.settings.setValue("class_id", "" if class_id is None else str(class_id))

    def changed(self, what: Changes) -> None:
        """Tell every screen what was saved, so they refresh."""
        self.data_changed.emit(what)
