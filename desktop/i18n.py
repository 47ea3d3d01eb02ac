"""Languages and fonts: load the Qt translation catalogue and the bundled CJK font.

The catalogues are Qt Linguist files: ``resources/i18n/lamplight_zh_CN.ts``
(the source translators edit) compiled to ``lamplight_zh_CN.qm`` (what the app
loads). English is the source language, so it needs no catalogue.

Regenerate after changing visible strings (see ``resources/i18n/README.md``)::

    python -m desktop.build_resources
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
I18N_DIR = ROOT / "resources" / "i18n"
FONT_DIR = ROOT / "resources" / "fonts"
CJK_FONT_FILE = FONT_DIR / "LamplightSansSC-Subset.otf"

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
"""Language code -> name shown in its own language (never translated)."""

_installed: list[QTranslator] = []
_in_use = ["en"]
_cjk_family: str | None = None


def system_language() -> str:
    """The shipped language closest to the computer's language (Chinese or English)."""
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def listing(items: Iterable[str], people: bool = False) -> str:
    """Items joined as a list reads in the app's language: "a, b, c" in English, "甲、乙、丙" in Chinese; ``people``:
    children's names, each kept on one line (:func:`kept_together`)."""
    return QCoreApplication.translate("i18n", ", ").join(map(kept_together, items) if people else items)


def titled(title: str, what: str) -> str:
    """A printout's title and what it is of: "Class report — 4B", in Chinese "班级报告：四年级二班" (review 42: a spaced
    dash read as 一)."""
    return QCoreApplication.translate("i18n", "{title} — {what}").format(title=title, what=what)


def kept_together(name: str) -> str:
    """``name`` with no line break inside it (review 42: 何思彤 wrapped as 何思 / 彤, Emeka F. as Emeka / F., in a list of
    names): :data:`WORD_JOINER` between a Chinese name's characters; in others no-break spaces, and a joiner after a
    hyphen. Left out again where the name leaves the screen (:func:`as_typed`).

    >>> kept_together("何思彤") == "何" + WORD_JOINER + "思" + WORD_JOINER + "彤"
    True
    >>> kept_together("Ana Lopez-Smith") == "Ana" + NO_BREAK_SPACE + "Lopez-" + WORD_JOINER + "Smith"
    True
    """
    if has_chinese(name):
        return WORD_JOINER.join(name)
    return name.replace(" ", NO_BREAK_SPACE).replace("-", "-" + WORD_JOINER)  # (Qt breaks after a space a joiner follows)


def as_typed(text: str) -> str:
    """``text`` without what :func:`kept_together` added (a copied or exported cell: names as typed).

    >>> as_typed(kept_together("何思彤") + "、" + kept_together("Ana Lopez-Smith"))
    '何思彤、Ana Lopez-Smith'
    """
    return text.replace(WORD_JOINER, "").replace(NO_BREAK_SPACE, " ")


def first_few(names: Sequence[str], shown: int = 5, people: bool = False) -> str:
    """The first few names as a list in the app's language, and how many more ("A, B, C and 4 more"); ``people``: the
    names are children's (Chinese counts them as 人, not 个). Never "and 1 more" (review 38b: "and 1 more children"):
    the one name takes as much room."""
    if len(names) <= shown + 1:
        return listing(names)
    more = (QCoreApplication.translate("ClassesPage", "{names} and {count} more children") if people else
            QCoreApplication.translate("ClassesPage", "{names} and {count} more"))
    return more.format(names=listing(names[:shown]), count=len(names) - shown)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_and_month(day: Any, language: str | None) -> str:
    """A date on a chart's axis, as the teacher's language writes it: "2 Nov" (never "02.11", which an
    English teacher may read as February), "11月2日" in Chinese.

    >>> from datetime import date
    >>> day_and_month(date(2026, 11, 2), "en"), day_and_month(date(2026, 11, 2), "zh_CN")
    ('2 Nov', '11月2日')
    """
    if (language or "").startswith("zh"):
        return f"{day.month}月{day.day}日"
    return f"{day.day} {MONTHS[day.month - 1]}"


def day_month_year(day: Any, language: str | None) -> str:
    """A day as the teacher's language writes it.

    >>> from datetime import date
    >>> day_month_year(date(2026, 12, 7), "en"), day_month_year(date(2026, 12, 7), "zh_CN")
    ('7 Dec 2026', '2026年12月7日')
    """
    if (language or "").startswith("zh"):
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day_and_month(day, language)} {day.year}"


def day_and_time(moment: Any, language: str | None, seconds: bool = False) -> str:
    """A day and time (a backup's) as the teacher's language writes it (review 41b: "2026-12-06 20:08:44" on a
    Chinese screen).

    >>> from datetime import datetime
    >>> day_and_time(datetime(2026, 12, 6, 20, 8, 44), "en"), day_and_time(datetime(2026, 12, 6, 20, 8, 44), "zh_CN", True)
    ('6 Dec 2026 20:08', '2026年12月6日 20:08:44')
    """
    return f"{day_month_year(moment, language)} {moment.strftime('%H:%M:%S' if seconds else '%H:%M')}"


def stored_day_and_time(stored: str, language: str | None, seconds: bool = False) -> str:
    """A time the store keeps (UTC ISO text, a quiz's or a model version's) on this computer's clock, as
    :func:`day_and_time` writes it; text that is no time is given back as it is."""
    from datetime import datetime

    from engine.store.clock import to_utc_iso

    try:
        return day_and_time(datetime.fromisoformat(to_utc_iso(stored)).astimezone(), language, seconds)
    except ValueError:
        return stored


CHINESE_SENTENCE_ENDS = "。！？；：…）”」』"
"""Full-width marks that end a Chinese sentence: the next one follows with no space."""


WORD_JOINER = "\u2060"
"""Invisible; no line breaks on either side of it."""
NO_BREAK_SPACE = "\u00a0"
_LAST_TWO = re.compile(r"([\u3400-\u9fff])([\u3400-\u9fff][）」』】〕》〉、。，！？：；…]*)$")


def last_two_together(text: str) -> str:
    """``text`` with its last two Chinese characters joined (:data:`WORD_JOINER`), so a wrapped paragraph never ends
    on one alone (review 39: "……下一个数是多 / 少？" on an 800-pixel practice screen).

    >>> last_two_together("下一个数是多少？") == "下一个数是多" + WORD_JOINER + "少？"
    True
    >>> last_two_together("What comes next?")
    'What comes next?'
    """
    return _LAST_TWO.sub(lambda m: m.group(1) + WORD_JOINER + m.group(2), text)


_ABBREVIATION_END = re.compile(r"(?<=\w)\.[\u00a0\u2060]*[.。]$")  # a name's "V." ending the sentence, in English
# or in Chinese (review 51f: "恢复后会回来：Chloe Y.。"); ... stays


def sentences(*texts: str) -> str:
    """Sentences in one paragraph as their language writes them: a space after an English one, none after
    a Chinese one ("你做了 3 道题。现在……", never "。 现在"); empty texts are left out, and a sentence ending in a name's
    full stop has one (review 48b).

    >>> sentences("Same name as a student already in the class (amber): Aiko V..", "", "Check it...")
    'Same name as a student already in the class (amber): Aiko V. Check it...'
    >>> sentences("恢复后会出现在数据中：Chloe Y.。", "恢复后会出现在数据中：王芳。")
    '恢复后会出现在数据中：Chloe Y. 恢复后会出现在数据中：王芳。'
    """
    text = ""
    for sentence in texts:
        sentence = _ABBREVIATION_END.sub(".", sentence)  # "… (amber): Aiko V.." (review 48b)
        if sentence:
            text += ("" if not text or text[-1] in CHINESE_SENTENCE_ENDS else " ") + sentence
    return text


def ask_first_language(offered_first: str) -> str:
    """Ask, in both languages, which language Lamplight speaks (the first start on a computer); the code.

    ``offered_first`` (the computer's language) is the default button, and closing the question keeps it.
    """
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, "Lamplight",
                      "Which language should Lamplight use?\n请选择 Lamplight 使用的语言。")
    box.setInformativeText("You can change it later under Settings.\n以后可以在“设置”中更改。")
    buttons = {box.addButton(name, QMessageBox.ButtonRole.AcceptRole): code for code, name in LANGUAGES.items()}
    box.setDefaultButton(next(b for b, code in buttons.items() if code == offered_first))
    box.exec()
    return buttons.get(box.clickedButton(), offered_first)


def install_language(app: QCoreApplication, language: str) -> str:
    """Make ``language`` the app's language; returns the language actually in use.

    Widgets created afterwards show the new texts (the main window rebuilds its
    pages on a switch). An unknown code or a missing catalogue falls back to English.
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _in_use[0] = "en"
    QLocale.setDefault(QLocale.system())
    if language not in LANGUAGES or language == "en":
        return "en"
    ours = QTranslator(app)
    if not ours.load(f"lamplight_{language}", str(I18N_DIR)):
        return "en"
    _in_use[0] = language
    QLocale.setDefault(QLocale(language))  # review 29a: Qt's file dialog said "60 bytes" in the Chinese app
    app.installTranslator(ours)
    _installed.append(ours)
    qt_own = QTranslator(app)  # Qt's own texts: file dialogs ("Look in", "File name"...), Yes/No buttons
    if any(qt_own.load(f"qtbase_{language}", folder) for folder in _qt_translation_folders()):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return language


def count_text(count: int) -> str:
    """A count as the screen's language writes it: 1,921 in English, 1921 in Chinese (review 51c)."""
    return str(count) if language_in_use().startswith("zh") else f"{count:,}"


def language_in_use() -> str:
    """The language :func:`install_language` last made the app's (for texts shown before a data folder is open)."""
    return _in_use[0]


def _qt_translation_folders() -> list[str]:
    """Where Qt's own catalogue ``qtbase_<language>.qm`` may be: Qt's translations folder, PySide6's copy.

    Only ``qtbase`` is loaded: ``qt_<language>.qm`` is a meta catalogue that
    fails to load when its other parts (multimedia...) are not installed, and
    the installer bundle carries only ``qtbase_zh_CN.qm``.
    """
    import PySide6
    from PySide6.QtCore import QLibraryInfo

    return [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
            str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")]


def register_fonts(app: QApplication) -> str | None:
    """Register the bundled Noto Sans SC subset and add it as fallback for every font.

    Without it, a laptop with no CJK font draws Chinese as empty boxes. Returns
    the registered family name (None if the file is missing).
    """
    global _cjk_family
    if _cjk_family is None and CJK_FONT_FILE.exists():
        font_id = QFontDatabase.addApplicationFont(str(CJK_FONT_FILE))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _cjk_family = families[0] if families else None
    if _cjk_family:
        chinese = chinese_families()
        font = app.font()
        # The generic "Sans Serif" would resolve through the substitution below to the CJK font itself, and English
        # would be set in it (its quotes are full-width: 'Press  “New class…”  to'): name the real family instead.
        actual = QFontInfo(font).family()
        families = [actual] if actual and actual not in chinese else [f for f in font.families() if f not in chinese]
        font.setFamilies([*(families or [font.family()]), *chinese])
        app.setFont(font)
        for family in set(families) | {"DejaVu Sans", "Segoe UI", "Arial", "Helvetica"}:
            existing = QFont.substitutes(family)
            missing = [f for f in chinese if f not in existing]
            if missing:
                QFont.insertSubstitutions(family, missing)
    return _cjk_family


_CHINESE = re.compile(r"[\u3400-\u9fff]")


def has_chinese(text: str) -> bool:
    """Whether ``text`` holds Chinese characters.

    >>> has_chinese("20以内的减法"), has_chinese("Fractions")
    (True, False)
    """
    return bool(_CHINESE.search(text))


def chinese_font_first(widget: Any, text: str) -> None:
    """Give ``widget`` the Chinese font first when ``text`` is Chinese, so its quotes, ！ and …… are the Chinese
    full-width ones, not DejaVu's narrow ones (review 39, on the practice screen); its size and weight stay."""
    if not _cjk_family:
        return
    chinese = chinese_families()
    font = widget.font()
    others = [f for f in font.families() if f not in chinese] or [font.family()]
    font.setFamilies([*chinese, *others] if has_chinese(text) else [*others, *chinese])
    widget.setFont(font)


SYSTEM_CHINESE_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC",
                           "Source Han Sans SC", "WenQuanYi Micro Hei")
"""Chinese screen fonts a laptop may have, each with a bold weight: tried before the bundled subset, which is regular
only (review 48b: Chinese headings were not bold; only their digits were)."""


def chinese_families() -> list[str]:
    """The fonts Chinese is drawn in on screen, first choice first: the laptop's own Chinese font, if it has one of
    :data:`SYSTEM_CHINESE_FAMILIES`, then the bundled one (empty before :func:`register_fonts`)."""
    if not _cjk_family:
        return []
    present = set(QFontDatabase.families())
    system = next((family for family in SYSTEM_CHINESE_FAMILIES if family in present), None)
    return [system, _cjk_family] if system else [_cjk_family]


def cjk_family() -> str | None:
    """Family name of the bundled CJK font once registered (used by PDF documents)."""
    return _cjk_family
