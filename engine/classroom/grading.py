"""Marking a typed answer against an exercise's key (multiple choice, number, short text).

>>> from engine.store.records import Exercise
>>> grade(Exercise(1, "half", "numeric", "1/2 = ?", "0.5"), "1/2")
1.0
>>> grade(Exercise(2, "cat", "short_text", "Spell cat", "cat"), " Cat. ")
1.0
>>> grade(Exercise(3, "time", "short_text", "几时几分？", "3:30"), "３：３０")
1.0
"""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from engine.errors import LamplightError

AUTO_GRADED = ("multiple_choice", "numeric", "short_text")
_NUMBER = re.compile(r"^\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)\s*$")


def is_number(text: str) -> bool:
    """True for a plain decimal number (comma or point as decimal sign) or a fraction like 3/4."""
    if "/" in text:
        parts = text.split("/")
        return len(parts) == 2 and all(_NUMBER.match(p) for p in parts) and float(parts[1].replace(",", ".") or 0) != 0
    return bool(_NUMBER.match(text))


def _as_number(text: str) -> float:
    if "/" in text:
        top, bottom = text.split("/")
        return float(top.replace(",", ".")) / float(bottom.replace(",", "."))
    return float(text.replace(",", "."))


def grade(exercise: Any, answer: str) -> float:
    """Score of a student's answer: 1.0 right, 0.0 wrong (auto-gradable kinds only).

    Numbers match within a small tolerance (``0,5`` = ``.5`` = ``1/2``); short
    text ignores case, spaces and a final full stop; a choice matches its text.
    """
    given = _half_width(answer).strip()
    expected = _half_width(exercise.answer).strip()
    if exercise.kind == "numeric":
        if not is_number(given) or not is_number(expected):
            return 0.0
        return 1.0 if math.isclose(_as_number(given), _as_number(expected), rel_tol=1e-6, abs_tol=1e-9) else 0.0
    if exercise.kind in ("short_text", "multiple_choice"):
        return 1.0 if _normal(given) == _normal(expected) else 0.0
    raise LamplightError(f"Exercise {exercise.prompt!r} is marked by the teacher; it cannot be graded automatically.")


def _half_width(text: str) -> str:
    """Full-width digits and signs typed with a Chinese input method as plain ones (１２ -> 12, ３：３０ -> 3:30)."""
    return unicodedata.normalize("NFKC", text).replace("、", ",").replace("。", ".")


def _normal(text: str) -> str:
    """Short text as compared: case, repeated spaces, spaces around , : / and Chinese characters, a final full stop ignored."""
    text = re.sub(r"\s*([,:/\u3400-\u9fff])\s*", r"\1", text.casefold().rstrip("."))
    return " ".join(text.split())
