"""The order a class's names are listed in: Chinese names by pinyin, as a Chinese class list is, others
alphabetically, case ignored; a Latin name before a Chinese one.

>>> sorted(["王芳", "李娜", "何思彤", "ana", "Ben"], key=name_key)
['ana', 'Ben', '何思彤', '李娜', '王芳']

The pinyin ranks are data (``resources/i18n/zh_name_order.bin``, written by ``python -m
desktop.build_name_order`` with Qt's Chinese collator), so this works the same in every thread and on every
computer; without the file, Chinese names keep character-code order.
"""
from __future__ import annotations

import array
import sys
from functools import lru_cache
from pathlib import Path

from engine import paths

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
