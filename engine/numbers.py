"""Numbers as teachers and children type them: a decimal point or comma, or a fraction like 3/4.

>>> [is_number(t) for t in ("0,5", ".5", "3/4", "3/0", "three")]
[True, True, True, False, False]
>>> number_value("3/4")
0.75
"""
from __future__ import annotations

import re

_NUMBER = re.compile(r"^\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)\s*$")


def is_number(text: str) -> bool:
    """True for a plain decimal number (comma or point as decimal sign) or a fraction like 3/4."""
    if "/" in text:
        parts = text.split("/")
        return len(parts) == 2 and all(_NUMBER.match(p) for p in parts) and float(parts[1].replace(",", ".") or 0) != 0
    return bool(_NUMBER.match(text))


def number_value(text: str) -> float:
    """The value of a text for which :func:`is_number` holds."""
    if "/" in text:
        top, bottom = text.split("/")
        return float(top.replace(",", ".")) / float(bottom.replace(",", "."))
    return float(text.replace(",", "."))
