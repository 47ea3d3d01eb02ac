"""The ``lamplight`` desktop app: start-up, command line and the first-run offer.

Start-up order matters for speed: the main window is shown before anything
heavy (torch, the student model) is imported; those load later in background
jobs (see ``desktop.workers``).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from engine import __version__, paths

_START = time.perf_counter()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lamplight", description="Lamplight: offline classroom app for teachers.")
    parser.add_argument("--version", action="version", version=f"lamplight {__version__}")
    parser.add_argument("--data-dir", help="data folder (default: $LAMPLIGHT_DATA_DIR or the user data folder)")
    parser.add_argument("--demo", action="store_true", help="create the demo class without asking if the data folder is empty")
    parser.add_argument("--language", choices=["en", "zh_CN"], help="language for this run (default: the saved choice)")
    parser.add_argument("--page", help="page to open first (classes, bank, quiz, practice, dashboard, student, reports, model, settings)")
    parser.add_argument(
        "--quit-after-shown", action="store_true", help="print the time to the shown main window and quit (start-up benchmark)"
    )
    return parser


def resolve_data_dir(value: str | None) -> Path:
    """Data folder: ``--data-dir``, else ``$LAMPLIGHT_DATA_DIR``, else the user data folder."""
    if value:
        return Path(value).expanduser()
    env = os.environ.get("LAMPLIGHT_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("Lamplight", appauthor=False))


def create_application(argv: list[str] | None = None):
    """The QApplication with Lamplight's names, high-DPI policy and bundled fonts."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from desktop import plain_text
    from desktop.i18n import register_fonts
    from desktop.pyside_fix import protect_none

    protect_none()  # PySide6 6.12 on Python 3.11 drops a reference to None on every void call
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Lamplight")
    app.setOrganizationName("Lamplight")
    app.setApplicationVersion(__version__)
    register_fonts(app)
    plain_text.install(app)  # a child's name that looks like HTML is shown as typed, never rendered
    return app


def install_saved_language(app, data_dir: Path, language: str | None, ask: bool = True) -> str:
    """Install the language for this run before anything is shown (the "already open" message included).

    On the first run (no language saved with the data, none given by ``--language``) the teacher is asked,
    the computer's language offered first (``ask=False``: that language without asking). The choice is
    saved with the data (see :func:`remember_language`), so the app keeps speaking it when the computer's
    own language setting differs on a later day.
    """
    from desktop.i18n import ask_first_language, install_language, system_language

    saved = saved_language(data_dir)
    chosen = language or saved
    if not chosen:
        chosen = ask_first_language(system_language()) if ask else system_language()
    installed = install_language(app, chosen)
    if not saved and data_dir.is_dir():
        remember_language(data_dir, installed)
    return installed


def _language_settings(data_dir: Path):
    from PySide6.QtCore import QSettings

    return QSettings(str(data_dir / paths.SETTINGS_FILE), QSettings.Format.IniFormat)


def saved_language(data_dir: Path) -> str:
    """The language saved with the data folder ("" before the first run chose one)."""
    return str(_language_settings(data_dir).value("language", "") or "")


def remember_language(data_dir: Path, language: str) -> None:
    """Save the first run's language with the data, unless one is saved already (the folder must exist)."""
    settings = _language_settings(data_dir)
    if not settings.value("language", ""):
        settings.setValue("language", language)
        settings.sync()


def after_start(window, args: argparse.Namespace) -> None:
    """Right after the window is shown and filled: first-run offer and the page asked for, once the teacher password
    was given (review 40a: it ran inside the start's password prompt, and the demo class offer came over it)."""
    guard = getattr(window, "idle_guard", None)
    if guard is not None and guard.policy.locked:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(200, lambda: after_start(window, args))
        return
    if not window.populated:
        window.populate()
        if not window.populated:  # the data could not be opened (the teacher was told why, the window closed)
            return
    if guard is not None and guard.configure_later is not None:  # the data opened only now (a backup put back)
        guard.configure_later()
    if args.page:
        window.open_page(args.page)
    window.tell_privacy_notices()
    from desktop.security import RECOVERED

    folder = str(window.context.data_dir.resolve())
    if folder in RECOVERED:  # review 40d: a child deleted on request since the backup came back unsaid
        RECOVERED.discard(folder)
        window.page("settings").offer_to_delete_again(after_restore=True)
    window.offer_demo_class(ask=not args.demo)
    window.take_scheduled_backup()
    window.prepare_current_class()


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``lamplight`` and ``python -m desktop``."""
    args = build_parser().parse_args(argv)
    from engine.device import reserve_a_core_for_the_gui

    reserve_a_core_for_the_gui()
    app = create_application()
    from PySide6.QtCore import QTimer

    from desktop.context import AppContext
    from desktop.main_window import MainWindow
    from desktop.workers import show_error
    from engine.errors import LamplightError

    from desktop.security import start_teacher_session

    language = install_saved_language(app, resolve_data_dir(args.data_dir), args.language, ask=not args.quit_after_shown)
    try:
        data_folder_lock = start_teacher_session(None, resolve_data_dir(args.data_dir))  # held until exit
        if data_folder_lock is None:
            return 1
        try:
            context = AppContext.open(resolve_data_dir(args.data_dir), language=language)
        except LamplightError as damaged:
            from desktop.security import offer_recovery

            if not offer_recovery(None, resolve_data_dir(args.data_dir), damaged):
                raise
            context = AppContext.open(resolve_data_dir(args.data_dir), language=language)
    except LamplightError as exc:
        from desktop.security import plain_error

        show_error(None, plain_error(exc))
        return 1
    remember_language(resolve_data_dir(args.data_dir), language)  # the first run's choice, now that the folder exists
    window = MainWindow(context, defer=True)
    window.show()
    app.processEvents()
    from desktop.security import after_unlock

    after_unlock(window, context)  # opened with the recovery key: a new password now
    if args.quit_after_shown:
        print(f"main window shown after {time.perf_counter() - _START:.3f} s", flush=True)
        window.populate()
        app.processEvents()
        print(f"first screen filled after {time.perf_counter() - _START:.3f} s", flush=True)
        return 0
    from desktop.security import install_idle_lock

    from engine.security import encryption

    # the teacher screens open with the password, unless it was just typed to unlock encrypted data (review 32c: a
    # plain file damaged at its start looked encrypted here, and the class put back from a backup opened without it)
    ask = not encryption.is_unlocked(resolve_data_dir(args.data_dir))
    window.idle_guard = install_idle_lock(app, window, context, ask_at_start=ask)  # Settings changes its time
    QTimer.singleShot(0, lambda: after_start(window, args))
    code = app.exec()
    from desktop.workers import cancel_all

    window.idle_guard.uninstall()
    cancel_all()
    return code


if __name__ == "__main__":
    sys.exit(main())
