"""Parse JSON from a file a teacher chose, refusing hostile shapes with a message instead of a crash.

Python's ``json`` accepts text that later breaks the program: nesting deep
enough to exhaust the stack (``RecursionError``), integers with thousands of
digits (``ValueError`` past Python's 4,300-digit limit, and slow below it),
lone surrogates such as ``"\\ud800"`` that no UTF-8 file or SQLite text can hold
(``UnicodeEncodeError`` much later, at the first write), and numbers JSON has no
word for (``NaN``, ``Infinity``, or ``1e999``, read as infinity: stored, they are
written back as ``Infinity``, which is not JSON, and every later backup was refused,
review 43b). :func:`parse_json` refuses them all up front, naming the file.
"""
from __future__ import annotations

import json
import math
from typing import Any

from engine.errors import LamplightError

MAX_DEPTH = 64          # a pack is 4-5 levels deep; 64 leaves room and stays far from the stack's limit
MAX_INTEGER_DIGITS = 30  # ids, counts and versions: 30 digits is beyond any real one


def _bounded_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INTEGER_DIGITS:
        raise _Refused(f"a number with {digits} digits (at most {MAX_INTEGER_DIGITS} are allowed)")
    return int(text)


def finite_float(text: str) -> float:
    """A JSON number as a float, refusing one too large for a float (``1e999``: infinity)."""
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"the number {text[:30]}, too large to keep")
    return value


def refuse_constant(name: str) -> Any:
    """For ``json.loads``'s ``parse_constant``: NaN and Infinity are not JSON."""
    raise _Refused(f"{name}, which is not a number")


class _Refused(ValueError):
    """Raised from inside the parser for a shape Lamplight refuses."""


JSON_REASONS = {
    "Expecting ',' delimiter": "a comma is missing here",
    "Expecting ':' delimiter": "a colon is missing here",
    "Expecting value": "something is missing here (or there is a comma too many before it), or the file stops here",
    "Expecting property name enclosed in double quotes": "a name in double quotes should be here, or there is a comma too many before it",
    "Unterminated string starting at": "a quote opened here is never closed",
    "Invalid control character at": "a text in quotes holds a line break or a tab",
    "Invalid \\uXXXX escape": "a \\u is not followed by four hexadecimal digits",
    "Extra data": "more text follows the end of the file's contents",
}
"""Python's reasons for refusing JSON, in words for a teacher who edited a pack by hand (review 46d: "Expecting ','
delimiter")."""


def parse_json(text: str, where: str) -> Any:
    """The JSON value in ``text``; LamplightError naming ``where`` for bad JSON or a hostile shape.

    >>> parse_json('{"skills": [],\\n "exercises": [1, 2,\\n ]}', "pack.json")
    Traceback (most recent call last):
    ...
    engine.errors.LamplightError: pack.json, line 2: the file has a mistake here and cannot be read (something is missing here (or there is a comma too many before it), or the file stops here).
    """
    try:
        value = json.loads(text, parse_int=_bounded_int, parse_float=finite_float, parse_constant=refuse_constant)
    except json.JSONDecodeError as exc:
        reason = JSON_REASONS.get(exc.msg, exc.msg)
        raise LamplightError(f"{where}, line {_mistake_line(text, exc)}: the file has a mistake here and cannot be read "
                             f"({reason}).") from None
    except _Refused as exc:
        raise LamplightError(f"{where}: not accepted: it holds {exc}.") from None
    except RecursionError:
        raise LamplightError(f"{where}: not accepted: its lists and objects are nested too deeply.") from None
    except ValueError as exc:  # e.g. a float too long to convert
        raise LamplightError(f"{where}: the file has a mistake and cannot be read ({exc}).") from None
    _check_shape(value, where)
    return value


def _mistake_line(text: str, exc: json.JSONDecodeError) -> int:
    """The line to look at: where the parser stopped, or the line before where the mistake is at that line's end: a
    comma or colon missing there, or a comma too many before a closing bracket (review 47b: a comma missing after
    line 3 was reported at line 4, where the parser found the next name).
    """
    before = text[:exc.pos].rstrip()
    missing = exc.msg in ("Expecting ',' delimiter", "Expecting ':' delimiter")
    too_many = before.endswith(",") and text[exc.pos:exc.pos + 1] in ("]", "}")
    return before.count("\n") + 1 if missing or too_many else exc.lineno


def _check_shape(value: Any, where: str) -> None:
    """Depth and text checks, iteratively (a recursive walk would itself run out of stack)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise LamplightError(f"{where}: not accepted: its lists and objects are nested more than {MAX_DEPTH} deep.")
        if isinstance(item, str):
            _check_text(item, where)
        elif isinstance(item, dict):
            for key, child in item.items():
                _check_text(key, where)
                stack.append((child, depth + 1))
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)


def _check_text(text: str, where: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        snippet = text[max(0, exc.start - 20):exc.start].encode("utf-8", "replace").decode("utf-8")
        raise LamplightError(f"{where}: not accepted: a text holds an invalid character (a lone surrogate "
                             f"{text[exc.start]!a}) after {snippet!r}.") from None
