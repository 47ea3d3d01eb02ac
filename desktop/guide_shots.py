"""Make the screenshots of the guide (resources/guide/images) in English and Chinese, on a demo class.

    python -m desktop.guide_shots [--out resources/guide/images] [--languages en zh_CN] [--width 1180]

A developer tool, run after a screen changes (Qt's offscreen platform is
enough: ``QT_QPA_PLATFORM=offscreen``). It uses a fresh temporary data folder
with the demo class, presses the screens' own buttons and keys, and saves one
picture per section of the guide: ``{language}-{section}.png``.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

from desktop.guide_shots_steps import SECTIONS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "resources" / "guide" / "images"
WINDOW_SIZE = (1180, 720)


def shoot_language(app: Any, folder: Path, language: str, out: Path, width: int) -> list[Path]:
    """Every section's picture in one language."""
    from PySide6.QtCore import Qt

    from desktop.context import AppContext
    from desktop.main_window import MainWindow
    from desktop.workers import wait_for_all

    context = AppContext.open(folder, language=language)
    window = MainWindow(context)
    window.resize(*WINDOW_SIZE)
    window.show()
    if not context.class_id:
        window.create_demo_class()
        wait_for_all(300000)
    saved = []

    def settle() -> None:
        wait_for_all(300000)
        for _ in range(8):
            app.processEvents()

    for name, step in SECTIONS.items():
        step(window, language, settle)
        settle()
        target = out / f"{language}-{name}.png"
        picture = window.grab()
        if picture.width() != width:
            picture = picture.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        picture.save(str(target), "PNG", 80)
        saved.append(target)
    window.set_practice_lock(False)
    window.close()
    window.deleteLater()
    app.processEvents()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--languages", nargs="+", default=["en", "zh_CN"])
    parser.add_argument("--width", type=int, default=WINDOW_SIZE[0], help="width of each saved picture in pixels (default: "
                        "the window's own, so that the guide shows it full size when clicked)")
    args = parser.parse_args(argv)

    from desktop.app import create_application

    app = create_application()
    app.setProperty("lamplight_no_popups", True)
    args.out.mkdir(parents=True, exist_ok=True)
    for language in args.languages:
        with tempfile.TemporaryDirectory() as folder:
            for path in shoot_language(app, Path(folder), language, args.out, args.width):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
