"""Qt's own button texts, so they are translated too.

PySide6-Essentials ships no ``qtbase_*.qm``, so Qt's standard buttons (OK,
Cancel, Yes, No...) would stay English in a Chinese window. Listing them
here puts them in our catalogue under Qt's own context; the function is
never called, it only exists for ``pyside6-lupdate``.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _catalogue_entries() -> list[str]:  # pragma: no cover - read by lupdate, not run
    translate = QCoreApplication.translate
    return [
        translate("QPlatformTheme", "OK"),
        translate("QPlatformTheme", "Save"),
        translate("QPlatformTheme", "Open"),
        translate("QPlatformTheme", "&Yes"),
        translate("QPlatformTheme", "&No"),
        translate("QPlatformTheme", "Abort"),
        translate("QPlatformTheme", "Retry"),
        translate("QPlatformTheme", "Ignore"),
        translate("QPlatformTheme", "Close"),
        translate("QPlatformTheme", "Cancel"),
        translate("QPlatformTheme", "Discard"),
        translate("QPlatformTheme", "Help"),
        translate("QPlatformTheme", "Apply"),
        translate("QPlatformTheme", "Reset"),
        translate("QPlatformTheme", "Restore Defaults"),
        translate("QMessageBox", "Show Details..."),
        translate("QMessageBox", "Hide Details..."),
        # Qt's own qtbase_zh_CN catalogue (desktop/i18n.py) lacks these two labels of its file dialog
        translate("QFileDialog", "&Look in:"),
        translate("QFileDialog", "Files of &type:"),
    ]
