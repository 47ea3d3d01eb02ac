"""Text from the data is shown as typed, never read as HTML.

Qt shows a label's text (a message box's too) as rich text when it looks like
HTML. A child's name, an exercise or a typed answer such as
``<img src="/dev/zero">`` (from a class list, a pack, a colleague's backup or
practice mode) was rendered: the image read from any path until memory ran out,
and the app aborted at every start (review 35b). :func:`install` makes every
label plain unless it asked for rich text itself (``setTextFormat(Qt.RichText)``,
as the practice stars and the restore question do, quoting data only through
``html.escape``); :func:`tip` escapes a tooltip that quotes data.

    >>> tip("Ana"), tip("<b>Ana</b>")
    ('Ana', "<p style='white-space:pre-wrap'>&lt;b&gt;Ana&lt;/b&gt;</p>")
"""
from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel

_POLISH = QEvent.Type.Polish
_AUTO = Qt.TextFormat.AutoText


class _PlainLabels(QObject):
    """Turns each label plain as Qt first readies it for the screen (before its text is laid out or drawn)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # called for every event: the cheap test first
        if event.type() == _POLISH and isinstance(watched, QLabel) and watched.textFormat() == _AUTO \
                and watched.metaObject().className() != "QTipLabel":  # tooltips: see tip()
            watched.setTextFormat(Qt.TextFormat.PlainText)
        return False


def install(app: QApplication) -> None:
    """Make every label of ``app`` plain text unless it set rich text itself (once per application)."""
    if getattr(app, "_plain_labels", None) is None:
        app._plain_labels = _PlainLabels(app)
        app.installEventFilter(app._plain_labels)


def tip(text: str) -> str:
    """``text`` as a tooltip that shows it as typed (line breaks kept), whatever it holds: as it is when Qt could
    not take it for HTML (no ``<`` or ``&``), else escaped."""
    if "<" not in text and "&" not in text:
        return text
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"
