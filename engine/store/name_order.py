"""The order names are listed in: Chinese names by pinyin, as a Chinese class list is, others alphabetically,
case ignored; a Latin name before a Chinese one. A Chinese surname is read as a surname (曾 Zēng, not céng;
单 Shàn, not dān: :data:`SURNAMES`), the rest of the name as usual. Classes and groups are numbered, so their
numbers count as numbers (:func:`numbered_key`).

>>> sorted(["王芳", "李娜", "何思彤", "ana", "Ben"], key=name_key)
['ana', 'Ben', '何思彤', '李娜', '王芳']
>>> sorted(["曾紫涵", "曹睿", "陈思琪", "张伟", "单田芳", "丁一"], key=name_key)  # cao, chen, ding, shan, zeng, zhang
['曹睿', '陈思琪', '丁一', '单田芳', '曾紫涵', '张伟']
>>> sorted(["第三组", "第一组", "第十组", "第二组"], key=numbered_key), sorted(["Group 10", "Group 2"], key=numbered_key)
(['第一组', '第二组', '第三组', '第十组'], ['Group 2', 'Group 10'])
>>> sorted(["雄鹰组", "千里马组", "猎豹组", "一帆风顺组"], key=numbered_key)  # words, not numbers: by pinyin
['猎豹组', '千里马组', '雄鹰组', '一帆风顺组']

The pinyin ranks are data (``resources/i18n/zh_name_order.bin``, written by ``python -m
desktop.build_name_order`` with Qt's Chinese collator), so this works the same in every thread and on every
computer; without the file, Chinese names keep character-code order. That file has one reading per
character, the common one (曾 céng as in 曾经), so the surname readings are kept here, by hand, in
:data:`SURNAMES`.
"""
from __future__ import annotations

import array
import re
import sys
import unicodedata
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


SURNAMES = {
    # Surnames whose reading is not the one the ranks file gives their character (checked against it), each with
    # a character the file ranks at the surname's reading: 曾紫涵 sorts as 增紫涵 (zēng), 王曾祺 stays wáng céng qí.
    # The readings are the dictionaries' surname entries (现代汉语词典). Where families differ (乐 Yuè or Lè, 覃 Qín or Tán,
    # 盖 Gě or Gài, 隗 Wěi or Kuí, 翟 Zhái or Dí, 宓 Fú or Mì, 召 Shào or Zhào) the usual surname reading is used.
    "曾": "增",  # Zēng, not céng
    "单": "善",  # Shàn, not dān
    "解": "谢",  # Xiè, not jiě
    "仇": "求",  # Qiú, not chóu
    "区": "欧",  # Ōu, not qū
    "查": "渣",  # Zhā, not chá
    "翟": "宅",  # Zhái, not dí
    "朴": "瓢",  # Piáo, not pǔ
    "盖": "舸",  # Gě, not gài
    "葛": "舸",  # Gě, not gé
    "覃": "秦",  # Qín, not tán
    "缪": "庙",  # Miào, not móu
    "秘": "必",  # Bì, not mì
    "种": "崇",  # Chóng, not zhǒng
    "乐": "月",  # Yuè, not lè
    "句": "沟",  # Gōu, not jù
    "员": "运",  # Yùn, not yuán
    "阚": "瞰",  # Kàn, not hǎn
    "那": "拏",  # Nā, not nà (no character is ranked at nā; 拏 is the first at ná)
    "繁": "婆",  # Pó, not fán
    "隗": "伟",  # Wěi, not kuí
    "折": "舌",  # Shé, not zhé
    "召": "绍",  # Shào, not zhào
    "宓": "服",  # Fú, not mì
    "任": "人",  # Rén, not rèn
    "华": "画",  # Huà, not huá
    "宁": "泞",  # Nìng, not níng
    "纪": "己",  # Jǐ, not jì
    "燕": "烟",  # Yān, not yàn
    "过": "锅",  # Guō, not guò
    "薄": "博",  # Bó, not báo
    "祭": "债",  # Zhài, not jì
    "能": "耐",  # Nài, not néng
    "於": "迂",  # Yū, not yú
    # two-character surnames, tried first
    "万俟": "莫其",  # Mòqí, not wàn
    "尉迟": "玉迟",  # Yùchí (尉 alone is Wèi, as ranked)
    "澹台": "谈台",  # Tántái, not dàn
    "令狐": "零狐",  # Línghú, not lìng
    "诸葛": "诸舸",  # Zhūgě
}
"""A surname read otherwise than its character's common reading, and characters ranked at its reading."""


def name_key(name: str) -> tuple[tuple[int, int], ...]:
    """The sort key of a name (see the module doc): its surname read as a surname (:data:`SURNAMES`)."""
    for surname in (name[:2], name[:1]):
        if surname in SURNAMES and _ranks() is not None:
            return _key(SURNAMES[surname] + name[len(surname):])
    return _key(name)


def _key(text: str) -> tuple[tuple[int, int], ...]:
    """The sort key of a text, every character read with its common reading (no surname); a letter with an accent
    beside the letter (review 51a: Ñandú came after Zoe), the accent telling apart names otherwise the same.

    >>> sorted(["Zoe", "Ñandú", "Nora", "Émile", "Zoë", "Eli", "Øyvind", "İlkay", "Izzy"], key=_key)
    ['Eli', 'Émile', 'İlkay', 'Izzy', 'Ñandú', 'Nora', 'Øyvind', 'Zoe', 'Zoë']
    """
    ranks = _ranks()
    key: list[tuple[int, int]] = []
    folded = text.casefold()
    for character in folded:
        code = ord(character)
        if FIRST <= code <= LAST:
            key.append((1, ranks[code - FIRST] if ranks is not None else code))
        else:
            key += [(0, ord(letter)) for letter in _letters(character)]
    if all(_letters(character) == character for character in folded):
        return tuple(key)
    return (*key, (-1, 0), *((0, ord(character)) for character in folded))


_OWN_LETTERS = {"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i"}


@lru_cache(maxsize=4096)
def _letters(character: str) -> str:
    """The plain letters a Latin letter with an accent is alphabetised as (ñ as n, ø as o, æ as ae)."""
    if character in _OWN_LETTERS:
        return _OWN_LETTERS[character]
    if unicodedata.combining(character):
        return ""  # review 51d: İ folds to i and a dot above, sorted as a letter after z
    return "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c)) or character


_COUNTED = set("年班组号队级届")
"""A Chinese numeral right before one of these (三年级, 二班, 十组) is a number; else only after 第 (第一组)."""
_NUMBER_RUN = re.compile(r"\d+|[" + "".join(sorted(CHINESE_NUMERALS)) + "]+")


def numbered_key(name: str) -> tuple[tuple[int, int], ...]:
    """:func:`name_key` with the numbers in a name compared as numbers (in digits or in Chinese): 第二组 before
    第十组, "Year 4 Blue" before "Year 10 Blue". For classes and groups, not for children's names (张三), so no
    surname readings: 解题组 is jiě tí."""
    key: list[tuple[int, int]] = []
    at = 0
    for run in _NUMBER_RUN.finditer(name):
        counted = run[0].isdigit() or name[run.start() - 1:run.start()] == "第" or name[run.end():run.end() + 1] in _COUNTED
        value = run[0] if run[0].isdigit() else chinese_number(run[0]) if counted else None
        if value is None or not value.isdigit():
            continue  # a word that only looks like a number (千里马组, 一帆风顺组): its characters stay as they are
        key += _key(name[at:run.start()]) + ((-1, int(value) if len(value) < 4000 else 10 ** len(value)),)  # 4,300 digits: int() refuses
        at = run.end()
    return tuple(key) + _key(name[at:])


def student_number_key(student: Any) -> tuple:
    """Children in their student numbers' order (2024002 before 2024010), those without one last, then by name:
    the quiz grid's and the class list's "by student number"."""
    return student.external_id is None, numbered_key(student.external_id or ""), name_key(student.name)
