"""Review 40: a class of 41 (Chinese classes have 40 to 60 children) found 5 names a row at 1366 x 768, the 7th row
cut in half and the rest behind a thin scroll bar; a long name lost its middle with a quarter of the row empty."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from tests.gui.conftest import switch_to_new_class
from tests.gui.dialogs import spin
from tests.gui.test_practice import start, tap_name

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
GIVEN = ("伟", "芳", "秀英", "敏", "静", "丽", "强", "磊", "子轩", "军", "洋", "雨涵", "勇", "艳", "杰", "浩然", "涛", "明")
LONG = "Maria José Rodríguez García"
ENGLISH = ("Emma Johnson", "Liam Smith", "Olivia Martinez", "Noah Williams", "Ava Brown", "Elijah Jones",
           "Sophia Miller", "James Davis", "Isabella Wilson", "Benjamin Anderson", "Mia Thomas", "Lucas Taylor")


def chinese_names(count: int) -> list[str]:
    """``count`` different names of 2 to 4 characters, two of them with a two-character surname."""
    names = ["欧阳晨曦", "司马文"]
    names += [SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES) * 7 + i) % len(GIVEN)] for i in range(count)]
    return list(dict.fromkeys(names))[:count]


def english_names(count: int) -> list[str]:
    """The long name and ``count - 1`` others ("Emma Johnson 2" after the first dozen)."""
    return [LONG] + [f"{ENGLISH[i % len(ENGLISH)]}{'' if i < len(ENGLISH) else f' {i // len(ENGLISH) + 1}'}"
                     for i in range(count - 1)]


def practise(make_window, names, language: str = "zh_CN", size=(1366, 768)):
    """Practice mode started for a new class of ``names``, on a screen of ``size``: the page."""
    window = make_window(demo=False, language=language)
    store = window.context.store
    switch_to_new_class(window, "三年级一班", students=names)
    store.add_exercise("2 + 3 = ?", "numeric", "5", skills=[store.add_skill("加法")])
    page = start(window)
    assert window.isFullScreen() and not window.menuBar().isVisible()
    window.resize(*size)  # the laptop's whole screen (the test platform's own screen is 800 x 800)
    spin(50)
    assert page.name_list.count() == len(names)
    return page


def shown_text(names, item) -> str:
    """The name as the tile paints it (with its middle gone, "Maria Jos…ez Garcia", where it does not fit)."""
    option = QStyleOptionViewItem()
    option.initFrom(names.viewport())
    option.rect = names.visualItemRect(item)
    option.text = item.text()
    option.font = names.font()
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
    style = names.style()
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, names)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, names) + 1
    return QFontMetrics(option.font).elidedText(item.text(), Qt.TextElideMode.ElideMiddle, rect.width() - 2 * margin)


def assert_every_name_in_sight(page) -> None:
    names = page.name_list
    sight = names.viewport().rect()
    assert names.verticalScrollBar().maximum() == 0, "no name needs scrolling to"
    assert names.font().pixelSize() >= 15, "the names still readable (11 pt at the least)"
    for row in range(names.count()):
        rect = names.visualItemRect(names.item(row))
        assert sight.contains(rect), f"{names.item(row).text()} at {rect} is not all in sight ({sight})"
        assert rect.height() >= 40, "a tile still as tall as a fingertip"
    first, second = names.visualItemRect(names.item(0)), names.visualItemRect(names.item(1))
    assert second.top() == first.top() and second.left() > first.right(), "names side by side"


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
@pytest.mark.parametrize("count", [41, 60])
def test_a_chinese_class_of_up_to_sixty_sees_every_name_without_scrolling(make_window, count, size):
    names = chinese_names(count)
    assert len(names) == count and {len(name) for name in names} >= {2, 3, 4}
    page = practise(make_window, names, size=size)
    assert_every_name_in_sight(page)
    tiles = page.name_list
    for row in range(tiles.count()):
        assert shown_text(tiles, tiles.item(row)) == tiles.item(row).text(), "no Chinese name loses a character"
    child = tap_name(page, count - 1)
    assert page.student is child and page.pages.currentIndex() == page.EXERCISE, "the last name, tapped, starts its turn"


def test_a_small_class_keeps_its_big_tiles(make_window):
    page = practise(make_window, chinese_names(12))
    names = page.name_list
    assert_every_name_in_sight(page)
    assert names.font().pixelSize() == 28
    sizes = {names.visualItemRect(names.item(row)).size().toTuple() for row in range(12)}
    [(width, height)] = sizes
    assert width >= 220 and height == 72
    right = max(names.visualItemRect(names.item(row)).right() for row in range(12))
    assert names.viewport().width() - right < 2 * 6 + 12, "the tiles fill the row (review 41a: a strip was left empty)"


@pytest.mark.parametrize("count", [12, 41])
def test_a_long_name_is_shown_whole_while_the_row_has_room(make_window, count):
    page = practise(make_window, english_names(count), language="en")
    names = page.name_list
    assert_every_name_in_sight(page)
    for row in range(names.count()):
        item = names.item(row)
        assert shown_text(names, item) == item.text(), "nothing lost while the row has room"
        assert item.toolTip() == ""
    long = names.findItems(LONG, Qt.MatchFlag.MatchExactly)[0]
    assert names.visualItemRect(long).width() >= names.visualItemRect(names.item(1)).width()


def test_where_a_name_cannot_fit_it_loses_its_middle_and_shows_whole_as_a_tooltip(make_window):
    page = practise(make_window, english_names(41), language="en", size=(420, 700))
    names = page.name_list
    long = names.findItems(LONG, Qt.MatchFlag.MatchExactly)[0]
    shown = shown_text(names, long)
    assert shown != LONG and shown.startswith("Maria") and "…" in shown
    assert long.toolTip() == LONG
    child = tap_name(page, names.count() - 1)  # the names scroll, in a window that small: the last one still starts
    assert page.student is child


def test_in_a_small_class_a_long_name_does_not_widen_the_others(make_window):
    """Review 40c: in a class of three, "Ana" and "Ben" got tiles a whole row wide beside one long name."""
    page = practise(make_window, ["Ana", LONG, "Ben"], language="en")
    names = page.name_list
    widths = {names.item(i).text(): names.visualItemRect(names.item(i)).width() for i in range(names.count())}
    assert widths["Ana"] == widths["Ben"] < widths[LONG] and widths["Ana"] <= 260
    assert all(shown_text(names, names.item(i)) == names.item(i).text() for i in range(names.count()))


def test_an_empty_list_of_names_lays_out_without_failing(app):
    from desktop.views.practice import NameTiles

    tiles = NameTiles()
    tiles.resize(600, 400)
    tiles.show()
    tiles.fit(force=True)
    assert tiles.count() == 0
    tiles.close()
