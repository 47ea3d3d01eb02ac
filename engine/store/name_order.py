"""The order names are listed in: Chinese names by pinyin, as a Chinese class list is, others alphabetically,
case ignored; a Latin name before a Chinese one. Classes and groups are numbered, so their numbers count as
numbers (:func:`numbered_key`).

>>> sorted(["王芳", "李娜", "何思彤", "ana", "Ben"], key=name_key)
['ana', 'Ben', '何思彤', '李娜', '王芳']
>>> sorted(["第三组", "第一组", "第十组", "第二组"], key=numbered_key), sorted(["Group 10", "Group 2"], key=numbered_key)
(['第一组', '第二组', '第三组', '第十组'], ['Group 2', 'Group 10'])
>>> sorted(["雄鹰组", "千里马组", "猎豹组", "一帆风顺组"], key=numbered_key)  # words, not numbers: by pinyin
['猎豹组', '千里马组', '雄鹰组', '一帆风顺组']

The pinyin ranks are data (``resources/i18n/zh_name_order.bin``, written by ``python -m
desktop.build_name_order`` with Qt's Chinese collator), so this works the same in every thread and on every
computer; without the file, Chinese names keep character-code order.
"""
from __future__ import annotations

import array
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from engine import paths
from engine.number_text import CHINESE_NUMERALS, chinese_number

FIRST, LAST = 0x3400, 0x9FFF
"""The characters ranked: CJK Unified Ideographs and Extension A."""


def order_path() -> Path:
    return paths.resources_dir() / "i18n" / "zh_name_order.bin"


@lru_cache(maxsize=1)
def _ranks() -> array.array | None:
    ranks = array.array("H")
    try:
        ranks.frombytes(order_path().read_bytes())
    except OSError:
        return None
    if sys.byteorder != "little":
        ranks.byteswap()
    return ranks if len(ranks) == LAST - FIRST + 1 else None


def name_key(name: str) -> tuple[tuple[int, int], ...]:
    """The sort key of a name (see the module doc)."""
    ranks = _ranks()
    key = []
    for character in name.casefold():
        code = ord(character)
        if FIRST <= code <= LAST:
            key.append((1, ranks[code - FIRST] if ranks is not None else code))
        else:
            key.append((0, code))
    return tuple(key)


_COUNTED = set("年班组号队级届")
"""A Chinese numeral right before one of these (三年级, 二班, 十组) is a number; else only after 第 (第一组)."""
_NUMBER_RUN = re.compile(r"\d+|[" + "".join(sorted(CHINESE_NUMERALS)) + "]+")


def numbered_key(name: str) -> tuple[tuple[int, int], ...]:
    """:func:`name_key` with the numbers in a name compared as numbers (in digits or in Chinese): 第二组 before
    第十组, "Year 4 Blue" before "Year 10 Blue". For classes and groups, not for children's names (张三)."""
    key: list[tuple[int, int]] = []
    at = 0
    for run in _NUMBER_RUN.finditer(name):
        counted = run[0].isdigit() or name[run.start() - 1:run.start()] == "第" or name[run.end():run.end() + 1] in _COUNTED
        value = run[0] if run[0].isdigit() else chinese_number(run[0]) if counted else None
        if value is None or not value.isdigit():
            continue  # a word that only looks like a number (千里马组, 一帆风顺组): its characters stay as they are
        key += name_key(name[at:run.start()]) + ((-1, int(value)),)
        at = run.end()
    return tuple(key) + name_key(name[at:])


def student_number_key(student: Any) -> tuple:
    """Children in their student numbers' order (2024002 before 2024010), those without one last, then by name:
    the quiz grid's and the class list's "by student number"."""
    return student.external_id is None, numbered_key(student.external_id or ""), name_key(student.name)
