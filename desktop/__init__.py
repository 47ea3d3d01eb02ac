"""The PySide6 desktop app (see desktop.app)."""
from desktop.pyside_fix import protect_none

protect_none()  # before any PySide6 call of this process: PySide6 6.12 on Python 3.11 drops a reference to None per void call
