"""Numbers as teachers and children type them: a decimal point or comma, a fraction like 3/4, a mixed number
like 1 1/2.

>>> [is_number(t) for t in ("0,5", ".5", "3/4", "3/0", "1 1/2", "11 12", "three")]
[True, True, True, False, True, False, False]
>>> number_value("3/4"), number_value("-1 1/2")
(0.75, -1.5)
"""
from __future__ import annotations

import re

_NUMBER = re.compile(r"^\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)\s*$")
_MIXED = re.compile(r"^\s*([-+]?)(\d+)\s+(\d+\s*/\s*\d+)\s*$")


def is_number(text: str) -> bool:
    """True for a plain decimal number (comma or point as decimal sign), a fraction like 3/4 or a mixed number."""
    mixed = _MIXED.match(text)
    if mixed:
        return is_number(mixed[3])
    if "/" in text:
        parts = text.split("/")
        return len(parts) == 2 and all(_NUMBER.match(p) for p in parts) and float(parts[1].replace(",", ".") or 0) != 0
    return bool(_NUMBER.match(text))


def number_value(text: str) -> float:
    """The value of a text for which :func:`is_number` holds."""
    mixed = _MIXED.match(text)
    if mixed:
        size = int(mixed[2]) + number_value(mixed[3])
        return -size if mixed[1] == "-" else size
    if "/" in text:
        top, bottom = text.split("/")
        return float(top.replace(",", ".")) / float(bottom.replace(",", "."))
    return float(text.replace(",", "."))
