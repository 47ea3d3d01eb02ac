"""Marking a typed answer against an exercise's key (multiple choice, number, short text).

>>> from engine.store.records import Exercise
>>> grade(Exercise(1, "half", "numeric", "1/2 = ?", "0.5"), "1/2")
1.0
>>> grade(Exercise(2, "cat", "short_text", "Spell cat", "cat"), " Cat. ")
1.0
>>> grade(Exercise(3, "time", "short_text", "几时几分？", "3:30"), "３：３０")
1.0
>>> grade(Exercise(4, "sum", "numeric", "900 + 19 = ?", "919"), "九百一十九")
1.0
>>> family = Exercise(5, "fact", "short_text", "A subtraction fact of 3, 9, 12", "12 - 9 = 3; 12 - 3 = 9")
>>> grade(family, "12 − 3 = 9"), grade(family, "12-9=3；12-3=9"), grade(family, "12 - 9 = 3; 12 - 4 = 8")
(1.0, 1.0, 0.0)
"""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from engine.errors import LamplightError
from engine.measure_units import in_key_money, in_smallest_unit, other_unit, unit_asked, unit_said
from engine.number_text import (CLOCK, MINUS_SIGNS, asks_for_digits, bare_number, clock_time, equation_result, filled_blank,
                                form_asked, in_form, in_yuan, is_number, money_in_yuan, number_value, same_clock,
                                says_part_of_day, signs_for_words)
from engine.store.records import right_answers
from engine.store.queued import MAX_TYPED_CHARS  # noqa: F401 - the screens' limit, kept with typed answers

AUTO_GRADED = ("multiple_choice", "numeric", "short_text")
_PERCENT_ASKED = re.compile(r"\bpercentage\b|\b(?:as|in|into|to) (?:a )?per ?cent\b|\bwhat per ?cent\b|\bhow many per ?cent\b|"
                            r"百分之几|百分数|百分比|百分率", re.IGNORECASE)
"""A question that asks for a percentage (50% is then its key's 50), not one that only names one (25 percent of 40)."""
_RATIO_ASKED = re.compile(r"\bratio|\bscale\b|比例|比值|化简比|写成.{0,4}比", re.IGNORECASE)
_24_HOURS_ASKED = re.compile(r"24[- ]?hour|24\s*(?:时|小时)计时", re.IGNORECASE)
_12_HOURS_ASKED = re.compile(r"12[- ]?hour|12\s*(?:时|小时)计时|普通计时法", re.IGNORECASE)


def grade(exercise: Any, answer: str) -> float:
    """Score of a student's answer: 1.0 right, 0.0 wrong (auto-gradable kinds only).

    Numbers match within a small tolerance (``0,5`` = ``.5`` = ``1/2``), in the form the question asks for (a fraction,
    in simplest form, a decimal: :func:`engine.number_text.form_asked`) and unit (no hours where it asks for minutes),
    alone, ending a true equation (13-6=7) or in
    the question's blank with the whole sum written out (3+5=8 for "3 + ? = 8"); short
    text ignores case, spaces and a final full stop; a choice matches its text.
    """
    given = half_width(answer).strip()
    expected = half_width(exercise.answer).strip()
    if any(c.isdigit() for c in expected) and not any(c.isdigit() for c in given) and \
            asks_for_digits(getattr(exercise, "prompt", "")):
        return 0.0  # review 33a: "three hundred and six", copied from the question, was marked right
    if exercise.kind == "numeric":
        prompt = getattr(exercise, "prompt", "")
        # 5角 for 一共多少元 is 0.5; 7角5分 is 0.75; £0.55 for a key in pence 55
        in_money = in_yuan(prompt, given) or money_in_yuan(given) or in_key_money(prompt, given, expected)
        if in_money is None and other_unit(prompt, given):
            return 0.0  # "30 hours" to "How many minutes are in half an hour?"
        if _PERCENT_ASKED.search(prompt) and not expected.endswith("%"):
            given = re.sub(r"\s*(%|percent|per cent)$", "", given, flags=re.IGNORECASE)  # 50% for "1/2 as a percentage", key 50
        given = in_money or bare_number(_without_word_asked(prompt, given)) or filled_blank(prompt, given) or \
            equation_result(given) or given
        if not is_number(given) or not is_number(expected):
            return 0.0
        form = form_asked(prompt)  # review 49a: 0.5 was right for "Write 0.5 as a fraction."
        if in_form(expected, form) and not in_form(given, form):
            return 0.0
        # review 51b: a millionth apart was right (1234569 for 1234568, 7.0000001 for 7)
        return 1.0 if math.isclose(number_value(given), number_value(expected), rel_tol=1e-12, abs_tol=1e-12) else 0.0
    if exercise.kind == "multiple_choice":
        return 1.0 if same_choice(answer, exercise.answer) else 0.0
    if exercise.kind == "short_text":  # review 46d: 12 - 3 = 9 was wrong for "a subtraction fact of 3, 9, 12"
        keys = right_answers(expected)
        # review 48c: both facts written, as the key has them, were "right? 54%"; each part must be one of the key's
        parts = right_answers(given) if len(keys) > 1 else [given]
        prompt = getattr(exercise, "prompt", "")
        return 1.0 if all(any(_same_text(part, key, prompt) for key in keys) for part in parts) else 0.0
    raise LamplightError(f"Exercise {exercise.prompt!r} is marked by the teacher; it cannot be graded automatically.")


def same_choice(typed: str, choice: str) -> bool:
    """Whether ``typed`` is ``choice`` as marking reads a choice (width, case, spaces and a final full stop aside)."""
    return _normal(half_width(typed).strip()) == _normal(half_width(choice).strip())


def _same_text(given: str, expected: str, prompt: str = "") -> bool:
    """A short-text answer the key accepts: the same words, or a key written in numbers said another way:
    0.70 or 答：0.7 for the key 0.7, 九分之七 for 7/9 (a fraction only in its own terms: 14/18 is not 7/9 in
    simplest form), 13-6=7 for 7, or 3+5=8 for 5 to the question "3 + ? = 8"."""
    if _normal(given) == _normal(expected):
        return True
    if CLOCK.fullmatch(expected) and not _RATIO_ASKED.search(prompt):  # review 51b: 13:50 was the ratio 1:50
        if _24_HOURS_ASKED.search(prompt):  # the 24-hour clock's own form: 下午3点半 or 3:30 is not 15:30; 15时30分 is
            return not says_part_of_day(given) and clock_time(given) == clock_time(expected)
        if _12_HOURS_ASKED.search(prompt) and not says_part_of_day(given) and (clock_time(given) or (1, 0))[0] not in range(1, 13):
            return False  # 15:30 or 0:30 is no 12-hour time; 下午3:30 and 12:15 am are
        return same_clock(given, expected)
    if _same_amount(given, expected, prompt):
        return True
    number = bare_number(given) or filled_blank(prompt, given) or equation_result(given)
    if number is None or not is_number(expected) or other_unit(prompt, given):
        return False
    if "/" in expected:
        return _normal(number) == _normal(expected)
    return "/" not in number and math.isclose(number_value(number), number_value(expected), rel_tol=1e-9, abs_tol=1e-12)


def _without_word_asked(prompt: str, given: str) -> str:
    """An answer without the word the question counts in (4倍 for 几倍, "2 dozen" for "How many dozen…": review 51e;
    elsewhere such a word changes the number).

    >>> _without_word_asked("20是5的几倍？", "4倍"), _without_word_asked("How many dozen is 24?", "2 dozen"), _without_word_asked("7 × 8 = ?", "56倍")
    ('4', '2', '56倍')
    """
    for word in re.findall(r"(?:几|多少)([\u4e00-\u9fff])|\bhow many ([a-z]+)", prompt, re.IGNORECASE):
        word = word[0] or word[1]
        found = re.fullmatch(rf"(.*\d)\s*{re.escape(word)}s?", given.strip(), re.IGNORECASE)
        if found:
            return found[1]
    return given


def _same_amount(given: str, expected: str, prompt: str = "") -> bool:
    """Whether a key written with a unit (70厘米) and the answer are one amount, in that unit or another of its measure
    (七十厘米, 70cm, 0.7米, 7分米: review 51c, the marking screen suggested them wrong); never the question's own
    amount copied (1米 for 1米 = （ ）厘米) or one in another unit than the question asks for (review 51d)."""
    asked = unit_asked(prompt)
    if (asked is not None and unit_said(given) != asked) or _normal(given) in _normal(prompt):
        return False
    money = [money_in_yuan(text) for text in (given, expected)]  # 3元5角 is in 元
    sizes = [in_smallest_unit("yuan" if yuan else unit_said(text)) for yuan, text in zip(money, (given, expected))]
    numbers = [yuan or bare_number(text) for yuan, text in zip(money, (given, expected))]
    if None in sizes or None in numbers or sizes[0][0] != sizes[1][0] or not all(is_number(n) for n in numbers):
        return False
    return math.isclose(number_value(numbers[0]) * sizes[0][1], number_value(numbers[1]) * sizes[1][1], rel_tol=1e-12)


_VULGAR_FRACTION = re.compile(r"(\d?)([\u00bc-\u00be\u2150-\u215e])")


_CHINESE_MIXED = re.compile(r"(\d)\s*又\s*(?=\d+\s*/\s*\d)")
"""1又1/2, the way a Chinese class writes a mixed number."""


def half_width(text: str) -> str:
    """Full-width digits and signs typed with a Chinese input method as plain ones (１２ -> 12, ３：３０ -> 3:30), a
    fraction character as a fraction (½ -> 1/2, 1½ -> 1 1/2; review 29a: ½ was wrong for the key 1/2), a mixed number
    written 1又1/2 as 1 1/2 and the minus sign the app prints (−3) as the one a keyboard types (review 45c: both were
    wrong on a number question).

    >>> half_width("１½"), half_width("¾"), half_width("1又1/2"), half_width("２又３／４"), half_width("\u22123")
    ('1 1/2', '3/4', '1 1/2', '2 3/4', '-3')
    """
    text = _VULGAR_FRACTION.sub(lambda m: m[1] + (" " if m[1] else "") + unicodedata.normalize("NFKC", m[2]).replace("\u2044", "/"), text)
    text = unicodedata.normalize("NFKC", text).replace("、", ",").replace("。", ".").translate(MINUS_SIGNS)
    return _CHINESE_MIXED.sub(r"\1 ", text)


_AROUND = "\"'“”‘’「」『』 "
"""Quotation marks around a whole answer (a child quoting the words she means)."""


def _normal(text: str) -> str:
    """Short text as compared: case, repeated spaces, spaces around , : / = + - × ÷ < > and Chinese characters, a final
    full stop ignored; a minus sign or dash as "-", an ellipsis as "...", and a remainder written any usual way
    (3……2 as Chinese textbooks write it, 3余2, 3 r 2) as one.

    >>> _normal("12 − 9 = 3") == _normal("12-9=3") == _normal("12减9等于3"), _normal("3……2") == _normal("3余2") == _normal("3 R 2")
    (True, True)
    """
    text = " ".join(signs_for_words(text.casefold().translate(MINUS_SIGNS)).split())  # first: "\s*" before a long run of spaces took seconds
    text = text.strip(_AROUND).rstrip(".!,;") or text  # review 51c: the key with ！ after it, or in “ ”, waited for the teacher
    # (a "?" stays: "triangle?" is a guess, not the key)
    text = re.sub(r"\.{2,}|\u2026+", "...", text)
    text = re.sub(r"(?<=\d) ?(?:%|percent\b|per cent\b)", "%", text)  # 50 %, 50 percent (review 51b)
    text = re.sub(r"(\d) ?(?:\.\.\.|余|r|rem|remainder) ?(?=\d)", r"\1 r ", text)  # 17 ÷ 5: 3……2, 3余2, 3 r 2, 3 R 2
    return re.sub(r" ?([,:/=+\-×÷<>\u3400-\u9fff]) ?", r"\1", text)
