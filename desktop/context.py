"""What every screen shares: the data folder, the GUI thread's store, UI settings.

Screens read small things (names, lists) from ``context.store`` on the GUI
thread; anything slow runs in a background job that opens its own store with
``context.open_store`` (SQLite connections stay in the thread that made them).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

from desktop import services


class AppContext(QObject):
    """The open data folder and the state shared between screens."""

    class_changed = Signal(object)
    """The current class changed (class id, or None)."""
    data_changed = Signal(str)
    """Something was saved; the argument names what ("students", "exercises", "responses", ...)."""

    def __init__(self, data_dir: Path, store: Any, settings: QSettings, language: str) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.store = store
        self.settings = settings
        self.language = language
        self.class_id: Any = None
        self.practice_locked = False

    @classmethod
    def open(cls, data_dir: Path, language: str | None = None) -> "AppContext":
        """Open (creating if needed) the data folder; ``language`` overrides the saved choice."""
        from PySide6.QtWidgets import QApplication

        from desktop.i18n import install_language, system_language

        data_dir.mkdir(parents=True, exist_ok=True)
        settings = QSettings(str(data_dir / "desktop.ini"), QSettings.Format.IniFormat)
        chosen = language or str(settings.value("language", "") or system_language())
        used = install_language(QApplication.instance(), chosen)
        store = services.open_store(data_dir)
        context = cls(data_dir, store, settings, used)
        classes = services.list_classes(store)
        remembered = settings.value("class_id")
        ids = [c.id for c in classes]
        context.class_id = next((i for i in ids if str(i) == str(remembered)), ids[0] if ids else None)
        return context

    def open_store(self) -> Any:
        """A new store on the same data folder, for a background thread."""
        return services.open_store(self.data_dir)

    def set_class(self, class_id: Any) -> None:
        if class_id == self.class_id:
            return
        self.class_id = class_id
        self.settings.setValue("class_id", "" if class_id is None else str(class_id))
        self.class_changed.emit(class_id)

    def changed(self, what: str) -> None:
        """Tell every screen that ``what`` was saved, so they refresh."""
        self.data_changed.emit(what)
