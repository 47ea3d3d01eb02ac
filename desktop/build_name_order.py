"""Writes ``resources/i18n/zh_name_order.bin``: the pinyin order of the Chinese characters, for listing names.

    python -m desktop.build_name_order

A Chinese class list goes by pinyin (何, 李, 林, 刘, 孙, 王…), not by character code
(何, 刘, 吴, 周, 孙, 李…). The engine never imports Qt, so the order is worked out
here once, with Qt's Chinese collator (ICU), and kept as data: one little-endian
uint16 rank per character of U+3400..U+9FFF (see :mod:`engine.store.name_order`).
Run it again only to change that range; the file is committed.

The collator gives each character one reading, its common one (曾 céng, 单 dān), so a
surname read otherwise (曾 Zēng, 单 Shàn) is not in the file: those readings are a small
hand-written table, :data:`engine.store.name_order.SURNAMES`, each mapped to a character
this file ranks at that reading. Check that table against the file when rebuilding it.
"""
from __future__ import annotations

import array
import sys

from PySide6.QtCore import QCollator, QLocale

from engine.store.name_order import FIRST, LAST, order_path


def build() -> bytes:
    """The ranks, character by character from FIRST to LAST."""
    collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    characters = [chr(code) for code in range(FIRST, LAST + 1)]
    ranks = array.array("H", [0] * len(characters))
    for rank, character in enumerate(sorted(characters, key=lambda c: (collator.sortKey(c), c))):
        ranks[ord(character) - FIRST] = rank
    if sys.byteorder != "little":
        ranks.byteswap()
    return ranks.tobytes()


def main() -> int:
    path = order_path()
    path.write_bytes(build())
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
