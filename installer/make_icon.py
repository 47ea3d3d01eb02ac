"""Draw Lamplight's icon: ``python installer/make_icon.py`` → ``resources/icons/lamplight.{svg,png,ico}``.

A warm flame on a dark-blue rounded square, drawn from one list of shapes so
the SVG (Linux desktop entry) and the raster icons (PNG; ICO for a Windows
build) match. Needs PySide6 (QtGui only).
"""
from __future__ import annotations

from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
BACKGROUND, OUTER, INNER = "#1f3a5f", "#f5a623", "#ffe08a"
FLAME = "M 128 40 C 150 80, 190 110, 190 160 C 190 200, 162 224, 128 224 C 94 224, 66 200, 66 160 C 66 110, 106 80, 128 40 Z"
CORE = "M 128 110 C 140 135, 160 150, 160 175 C 160 195, 146 208, 128 208 C 110 208, 96 195, 96 175 C 96 150, 116 135, 128 110 Z"


def svg() -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">\n'
        f'  <rect x="8" y="8" width="240" height="240" rx="48" fill="{BACKGROUND}"/>\n'
        f'  <path d="{FLAME}" fill="{OUTER}"/>\n'
        f'  <path d="{CORE}" fill="{INNER}"/>\n'
        "</svg>\n"
    )


def _path(text: str):
    from PySide6.QtGui import QPainterPath

    tokens = text.replace(",", " ").split()
    path, i = QPainterPath(), 0
    while i < len(tokens):
        op = tokens[i]
        if op == "M":
            path.moveTo(float(tokens[i + 1]), float(tokens[i + 2]))
            i += 3
        elif op == "C":
            a = [float(t) for t in tokens[i + 1 : i + 7]]
            path.cubicTo(a[0], a[1], a[2], a[3], a[4], a[5])
            i += 7
        else:  # "Z"
            path.closeSubpath()
            i += 1
    return path


def raster(size: int):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(BACKGROUND))
    painter.drawRoundedRect(8, 8, 240, 240, 48, 48)
    for shape, colour in ((FLAME, OUTER), (CORE, INNER)):
        painter.setBrush(QColor(colour))
        painter.drawPath(_path(shape))
    painter.end()
    return image


def main() -> None:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841  (QImage text/paint needs it)
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "lamplight.svg").write_text(svg())
    raster(256).save(str(ICONS / "lamplight.png"))
    raster(256).save(str(ICONS / "lamplight.ico"))


if __name__ == "__main__":
    main()
