"""Numbers as teachers and children type them: a decimal point or comma, a fraction like 3/4, a mixed number
like 1 1/2; and written in Chinese numerals (:func:`chinese_number`) or English words (:func:`english_number`).

>>> [is_number(t) for t in ("0,5", ".5", "3/4", "3/0", "1 1/2", "11 12", "three", "2,000", "1,234,567.5")]
[True, True, True, False, True, False, False, True, True]
>>> number_value("3/4"), number_value("-1 1/2"), number_value("2,000"), number_value("0,5"), number_value("0,500")
(0.75, -1.5, 2000.0, 0.5, 0.5)
"""
from __future__ import annotations

import ast
import math
import operator
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from engine.measure_units import unit_suffix

_NUMBER = re.compile(r"^\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)\s*$")
_MIXED = re.compile(r"^\s*([-+]?)(\d+)\s+(\d+\s*/\s*\d+)\s*$")
_THOUSANDS = re.compile(r"^\s*[-+]?[1-9]\d{0,2}(?:(?:,\d{3})+|(?:[ \u202f]\d{3})+)(\.\d+)?\s*$")
"""Commas or spaces that group thousands (2,000, 1,234,567.5, 1 000: review 51b); any other comma is a decimal sign
(0,5 and 0,500)."""


def is_number(text: str) -> bool:
    """True for a plain decimal number (comma or point as decimal sign), a fraction like 3/4 or a mixed number, of a
    size a float holds (review 51b: a mixed number of 400 digits raised OverflowError on the practice screen).

    >>> [is_number(t) for t in ("0,5", "3/4", "1 1/2", "1 000", "1/0", "1" * 400 + " 1/2", "cat")]
    [True, True, True, True, False, False, False]
    """
    mixed = _MIXED.match(text)
    if mixed:
        shaped = is_number(mixed[3])
    elif "/" in text:
        parts = text.split("/")
        shaped = len(parts) == 2 and all(_NUMBER.match(p) for p in parts) and float(parts[1].replace(",", ".") or 0) != 0
    else:
        shaped = bool(_NUMBER.match(text) or _THOUSANDS.match(text))
    try:
        return shaped and math.isfinite(number_value(text))
    except OverflowError:
        return False


def number_value(text: str) -> float:
    """The value of a text for which :func:`is_number` holds."""
    mixed = _MIXED.match(text)
    if mixed:
        size = int(mixed[2]) + number_value(mixed[3])
        return -size if mixed[1] == "-" else size
    if "/" in text:
        top, bottom = text.split("/")
        return float(top.replace(",", ".")) / float(bottom.replace(",", "."))
    if _THOUSANDS.match(text):
        return float(re.sub(r"[, \u202f]", "", text))
    return float(text.replace(",", "."))


_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_MYRIADS = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERALS = frozenset(_DIGITS) | frozenset(_UNITS) | frozenset(_MYRIADS)
"""The characters a whole number is written with in Chinese (一, 十, 百, 万…)."""


def chinese_number(text: str) -> str | None:
    """A number written in Chinese numerals as digits (None when it is not one), so a child who writes 九百一十九
    for 919, 四 for 4, 零点五 for 0.5 or 四分之一 for 1/4 is marked right.

    >>> [chinese_number(t) for t in ("九百一十九", "十六", "一百零五", "两千", "负三", "零点五", "四分之一", "猫", "2分之1")]
    ['919', '16', '105', '2000', '-3', '0.5', '1/4', None, '1/2']
    """
    text = text.strip().rstrip(".")
    sign = "-" if text.startswith("负") else ""
    text = text.removeprefix("负")
    if "分之" in text:
        bottom, _, top = text.partition("分之")  # 四分之一, and 4分之1 as a child may type it (review 51c)
        parts = tuple(int(part) if part.isdecimal() and part.isascii() else _chinese_integer(part) for part in (bottom, top))
        return None if None in parts or not parts[0] else f"{sign}{parts[1]}/{parts[0]}"
    whole, point, decimals = text.partition("点")
    number = _chinese_integer(whole)
    if number is None or (point and (not decimals or any(ch not in _DIGITS for ch in decimals))):
        return None
    return sign + str(number) + ("." + "".join(str(_DIGITS[ch]) for ch in decimals) if point else "")


def _chinese_integer(text: str) -> int | None:
    """九百一十九 -> 919, 十六 -> 16, 一百零五 -> 105, and as it is said, 一百二 -> 120, 两千五 -> 2500, 一万二 -> 12000
    (None for anything else: digits in a row, a 万 or 亿 with nothing before it).

    >>> [_chinese_integer(t) for t in ("一百二", "一百零二", "两千五", "一万二", "万", "二零二六")]
    [120, 102, 2500, 12000, None, None]
    """
    if not text:
        return None
    total = section = 0
    digit: int | None = None
    last_unit, after_zero = 0, False
    for ch in text:
        if ch in _DIGITS:
            if digit not in (None, 0):
                return None  # 二零二六 is read digit by digit, not as a number
            after_zero = after_zero or _DIGITS[ch] == 0
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit, last_unit = None, _UNITS[ch]
        elif ch in _MYRIADS:
            if section == 0 and digit is None:
                return None  # 万 alone is not a number
            total += (section + (digit or 0)) * _MYRIADS[ch]
            section, digit, last_unit, after_zero = 0, None, _MYRIADS[ch], False
        else:
            return None
    if digit and last_unit >= 100 and not after_zero:  # 一百二 is 120: the last digit stands for the next unit down
        digit *= last_unit // 10
    return total + section + (digit or 0)


_ONES = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                                     "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}


def english_number(text: str) -> str | None:
    """A whole number written in English words as digits (None when it is not one): seven -> 7,
    twenty-one -> 21, one hundred and five -> 105.

    >>> [english_number(t) for t in ("seven", "Twenty-one", "one hundred and five", "a thousand", "seven cats")]
    ['7', '21', '105', '1000', None]
    """
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    total = part = 0
    for n, word in enumerate(words):
        if word in _ONES:
            part += _ONES[word]
        elif word in _TENS:
            part += _TENS[word]
        elif word == "hundred":
            part = (part or 1) * 100
        elif word == "thousand":
            total, part = total + (part or 1) * 1000, 0
        elif word == "and" and 0 < n < len(words) - 1:
            continue
        elif word == "a" and n == 0 and len(words) > 1:
            continue
        else:
            return None
    return str(total + part)


_SIGN_WORDS = (("加上", "+"), ("加", "+"), ("减去", "-"), ("减", "-"), ("乘以", "×"), ("乘", "×"), ("除以", "÷"), ("等于", "="),
               ("plus", "+"), ("minus", "-"), ("times", "×"), ("multiplied by", "×"), ("divided by", "÷"),
               ("is equal to", "="), ("equals", "="))
_SIGN_WORD = re.compile(r"(?<=\d)\s*(" + "|".join(re.escape(w) for w, _ in _SIGN_WORDS) + r")\s*(?=\d)", re.IGNORECASE)
_SIGN_OF = {word: sign for word, sign in _SIGN_WORDS}


def signs_for_words(text: str) -> str:
    """Arithmetic written in words between two numbers, as its signs: a child's 12减9等于3 is the key's 12 − 9 = 3
    (review 42: it was suggested wrong); 3 plus 4 equals 7 is 3+4=7. Words elsewhere stay (减少, "the plus side").

    >>> signs_for_words("12减9等于3"), signs_for_words("3 plus 4 equals 7"), signs_for_words("6乘以7等于42"), signs_for_words("减少了3")
    ('12-9=3', '3+4=7', '6×7=42', '减少了3')
    """
    return _SIGN_WORD.sub(lambda m: _SIGN_OF[m[1].lower()], text)


_ANSWER_MARK = re.compile(r"^(答|answer|ans)\s*[:：]\s*", re.IGNORECASE)


def _without_currency(text: str) -> str:
    """``text`` without one currency sign ($, £, €, ¥, ₹...) before or after it: $0.75, 0.75 €."""
    if text[:1] and unicodedata.category(text[0]) == "Sc":
        text = text[1:].lstrip()
    elif text[-1:] and unicodedata.category(text[-1]) == "Sc":
        text = text[:-1].rstrip()
    return text


_NUMERALS = CHINESE_NUMERALS | {"点", "分", "之", "负"}


def bare_number(text: str) -> str | None:
    """The number a child wrote, without "答：" before it, a unit after it or a currency sign around it (None when it
    is not one), so 答：11, 30个, 12 cm, 三十个, $0.75, ¥0.75 and seven count as the numbers they are.

    >>> [bare_number(t) for t in ("答：11", "30个", "12 cm", "三十个", "7/9", "12 or 13", "cat", "$0.75", "0.75 €", "$", "- 7")]
    ['11', '30', '12', '30', '7/9', None, None, '0.75', '0.75', None, '-7']
    >>> [bare_number(t) for t in ("m=7", "x = -2", "3点", "3 o'clock", "3点半", "3.5")]
    ['7', '-2', '3', '3', None, '3.5']
    >>> [bare_number(t) for t in ("(-3)", "负3", "minus 3", "1 000", "7 million", "56吗", "(3)(4)")]
    ['-3', '-3', '-3', '1 000', None, None, None]
    >>> [bare_number(t) for t in ("7角5分", "3元5角", "2元5分", "4元", "5分", "7角", "123456元7角", "100000元5角")]
    ['0.75', '3.5', '2.05', '4', '5', '7', '123456.7', '100000.5']
    """
    text = _ANSWER_MARK.sub("", text.strip()).lstrip("=").rstrip(".!?").strip()  # "=11", "Seven.", "11!"
    money = money_in_yuan(text)
    if money is not None:
        return money
    text = _without_currency(text)  # review 46d: "$0.75" for "A pencil costs $0.45 and a rubber $0.30..."
    text = re.sub(r"^[(（]\s*([-+]?\s*\d[\d.,/ ]*?)\s*[)）]$", r"\1", text)  # (-3), as a child writes a negative one
    text = re.sub(r"^(?:负|minus\s+|negative\s+)(?=\d)", "-", text, flags=re.IGNORECASE)  # 负3, minus 3 (review 51b)
    text = re.sub(r"^([-+])\s+(?=\d)", r"\1", text)  # "- 7", as in 3 - 10 = - 7 (review 49c)
    text = re.sub(r"^[a-zA-Z]\s*=\s*(?=[-+]?\d)", "", text)  # m = 7 for "If m + 5 = 12, what is m?" (review 50c)
    text = re.sub(r"(?<=\d)\s*(点钟|点整|点|o'clock)$", "", text)  # 3点, 3 o'clock: a whole hour (review 50c)
    for candidate in (text, *_without_unit(text)):
        if candidate and is_number(candidate):
            return candidate.strip()
        number = (chinese_number(candidate) or english_number(candidate)) if candidate else None
        if number is not None:
            return number
    return None


_CHINESE_DIGIT = "零〇一二两三四五六七八九"
_YUAN_JIAO_FEN = re.compile(rf"(?:([\d{_CHINESE_DIGIT}十百千万]+)\s*[元块])?\s*(零\s*)?(?:([\d{_CHINESE_DIGIT}])\s*([角毛])?)?\s*"
                            rf"(?:([\d{_CHINESE_DIGIT}十]{{1,3}})\s*分)?\s*钱?")


def in_yuan(prompt: str, typed: str) -> str | None:
    """An answer in 角 or 分 alone, in 元 where the question asks for 元 (None otherwise): 5角 is 0.5 for 一共多少元？

    >>> in_yuan("一共多少元？", "5角"), in_yuan("一共多少元？", "5分钱"), in_yuan("一共多少角？", "5角"), in_yuan("一共多少元？", "5")
    ('0.5', '0.05', None, None)
    >>> in_yuan("一共多少元？", "2.8角"), in_yuan("一共多少元？", "2.8分")
    ('0.28', '0.028')
    """
    part = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([角毛分])\s*钱?\s*", unicodedata.normalize("NFKC", typed))
    if not part or not re.search(r"(多少|几)\s*元", str(prompt)):
        return None  # (2.8角 is 0.28元, review 51c: it was right for 2.8元)
    return format((Decimal(part[1]) / (100 if part[2] == "分" else 10)).normalize(), "f")


def money_in_yuan(text: str) -> str | None:
    """Money as a Chinese class writes it, in 元 (None for anything else): 3元5角, 7角5分, 2元5分, 1块5, 一元五角, 1元零5分,
    1元5毛钱; a single part (4元, 7角, 5分) is left to the units, as the question may ask in 角.

    >>> [money_in_yuan(t) for t in ("7角5分", "3元5角", "1块5", "一元五角", "1元零5分", "1元5毛钱", "123456元7角", "7角", "4元", "5分")]
    ['0.75', '3.5', '1.5', '1.5', '1.05', '1.5', '123456.7', None, None, None]
    """
    found = _YUAN_JIAO_FEN.fullmatch(text)
    if not found or not any(found.groups()):
        return None
    yuan, zero, jiao, jiao_sign, fen = found.groups()
    if sum(part is not None for part in (yuan, jiao, fen)) < 2 or (jiao is not None and jiao_sign is None and
                                                                    (yuan is None or zero or fen is not None)):
        return None  # one part, or a bare digit that is no 角 (1元零5 could be 5角 or 5分)
    values = [_whole_number(part) if part else 0 for part in (yuan, jiao, fen)]
    if None in values:
        return None
    return _yuan(values[0] * 100 + values[1] * 10 + values[2])


def _yuan(cents: int) -> str:
    """Whole cents (分) as 元: 123456元7角 is 123456.7, never rounded as a float's text would be."""
    return f"{cents // 100}.{cents % 100:02d}".rstrip("0").rstrip(".")

_NOT_A_UNIT = {"or", "and", "not", "no", "nor", "plus", "minus", "times", "than", "more", "less", "about", "maybe",
               "perhaps", "wrong", "nope", "dunno", "idk", "guess", "probably", "think", "i", "hundred", "hundreds",
               "thousand", "thousands", "million", "millions", "billion", "billions", "trillion", "trillions", "dozen",
               "dozens", "squared", "cubed", "percent", "halves", "thirds", "quarters", "tenths", "hundredths", "k", "x"}
"""Words after a number that change what it says (30 or forty, 30 not, 30 plus one): never a unit to leave out (review
48c: "30 or forty" and "12不是" were right for the key 30 and 12; review 51b: "7 million", "56 nope", 56吗, 7吧)."""
_NOT_A_UNIT_CHARACTERS = set("不没非或和加减乘除多少约左右余半错吗嗎吧呢嘛倍以")


def _without_unit(text: str) -> list[str]:
    """What ``text`` may be without a unit at its end: up to two words (12 cm, 12 square cm), letters stuck to a
    number (12cm), or up to 3 Chinese characters that are no numerals (30个, 三十个), in brackets or not (7(个), review
    49c); never words that change the number (:data:`_NOT_A_UNIT`).

    >>> [bare_number(t) for t in ("30 minutes", "30 or forty", "30 not", "30 plus one", "12不是", "30多", "30左右")]
    ['30', None, None, None, None, None, None]
    >>> [bare_number(t) for t in ("7(个)", "7（个）", "12 (cm)", "30(不是)", "7(8)", "30分钟", "三十分钟", "2千克", "十千克", "一千千克")]
    ['7', '7', '12', None, None, '30', '30', '2', '10', '1000']
    """
    bracketed = re.fullmatch(r"(.*\S)\s*[(（]\s*([^()（）]{1,12}?)\s*[)）]", text)  # 7(个), 12 (cm): a unit in brackets
    if bracketed:
        text = bracketed[1] + ("" if "\u3400" <= bracketed[2][:1] <= "\u9fff" else " ") + bracketed[2]
    words = text.split()
    found = [" ".join(words[:-n]) for n in (1, 2) if len(words) > n and all(
        w.isalpha() and w.isascii() and w.lower() not in _NOT_A_UNIT and english_number(w) is None for w in words[-n:])]
    stuck = re.fullmatch(r"(.*\d)([a-z]+)", text, re.IGNORECASE)
    if stuck and stuck[2].lower() not in _NOT_A_UNIT:
        found.append(stuck[1])
    unit = unit_suffix(text)  # first: 30分钟 (分 is also a numeral's, 四分之一), 十千克 (千 too)
    if unit:
        found.append(text[: -len(unit)])
    kept = len(text)
    while kept and "\u3400" <= text[kept - 1] <= "\u9fff" and text[kept - 1] not in _NUMERALS | _NOT_A_UNIT_CHARACTERS \
            and len(text) - kept < 3:
        kept -= 1
    if 0 < kept < len(text):
        found.append(text[:kept])
    return found


_DIGITS_ASKED = re.compile(r"\b(in|using|with|as) (digits|numerals)\b|用(阿拉伯)?数字|阿拉伯数字", re.IGNORECASE)


def asks_for_digits(prompt: str) -> bool:
    """Whether the question asks for the answer in digits: then a number in words is not the answer, however right
    (:func:`engine.classroom.grading.grade` asks only where the key is written in digits).

    >>> [asks_for_digits(p) for p in ("Write three hundred and six in digits.", "用数字写出“三百零六”。", "What is 2 + 2?")]
    [True, True, False]
    """
    return bool(_DIGITS_ASKED.search(str(prompt)))


_ARITHMETIC = re.compile(r"[\d\s.,+\-*/()]{1,60}")
_TIMES_SIGNS = str.maketrans({"×": "*", "x": "*", "X": "*", "÷": "/", "·": "*"})


def equation_result(text: str) -> str | None:
    """The number a true equation ends with, as a child writes the sum before her answer (13-6=7, 答：8+8=16, 6×7=42
    个, 12减9等于3, 2,5×2=5, 3 - 10 = - 7), rounded or not (10÷3=3.33); None for anything else, and for a false equation
    (review 49a: "13-6=7" for the key 7 was wrong in practice while "=7" and "7个" were right).

    >>> [equation_result(t) for t in ("13-6=7", "答：8 + 8 = 16cm", "6×7=42个", "12减9等于3", "13-6=8", "7", "1/0=1", "2=2")]
    ['7', '16', '42', '3', None, None, None, None]
    >>> [equation_result(t) for t in ("2,5×2=5", "3 - 10 = - 7", "10÷3=3.33", "10÷3=3.34", "10÷3=3", "1,2+1=2", "0.04+0=0.0")]
    ['5', '-7', '3.33', None, None, None, None]
    >>> [equation_result(t) for t in ("0.35×0.5=0.18", "0.35×0.5=0.17", "0.35×0.5=0", "3.456÷1=3.5", "56 = 7×8", "56 = 7×9")]
    ['0.18', None, None, None, '56', None]
    """
    left, equals, right = signs_for_words(_ANSWER_MARK.sub("", text.strip())).replace("≈", "=").rpartition("=")
    if equals and "=" not in left and bare_number(left) is not None and not is_number(right.strip()):
        left, right = right, left  # 56 = 7×8 (review 51b)
    left = left.translate(_TIMES_SIGNS)
    number = bare_number(right) if equals else None
    if number is None or not _ARITHMETIC.fullmatch(left) or not any(sign in left for sign in "+-*/"):
        return None
    operands = [number_value(found[0]) for found in re.finditer(r"\d[\d,.]*", left) if is_number(found[0])]
    value = _arithmetic(re.sub(r"\d[\d,.]*", lambda found: repr(number_value(found[0])) if is_number(found[0]) else found[0], left))
    if value is None:
        return None
    # rounded: a quotient or a product, not a number of the sum itself (3.456÷1=3.5 is no sum worked: review 51b)
    rounded = any(sign in left for sign in "*/") and not any(_rounds_to(operand, number, True) for operand in operands)
    return number if _rounds_to(value, number, rounded) else None


def _rounds_to(value: float, number: str, rounded: bool) -> bool:
    """Whether ``number`` is ``value``, or (``rounded``: a division's or a product's) ``value`` rounded to the decimal
    places it is written with (3.33 or 3.3 for 10÷3, 0.18 for 0.35×0.5 "保留两位小数"; never 0.0 for 0.04 + 0: review
    50c)."""
    if math.isclose(value, number_value(number), rel_tol=1e-9, abs_tol=1e-9):
        return True
    places = re.fullmatch(r"[-+]?\d*[.,](\d+)", number.strip())
    if not (rounded and places):
        return False
    # half up in decimal, as a child rounds: 0.175 to 0.18, where round() gives 0.17 from the float just below it
    nearest = Decimal(repr(value)).quantize(Decimal(1).scaleb(-len(places[1])), rounding=ROUND_HALF_UP)
    return math.isclose(float(nearest), number_value(number), abs_tol=1e-9)


def _arithmetic(expression: str) -> float | None:
    """The value of + - * / and brackets on numbers (None when it is anything else, or divides by zero)."""
    apply = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}

    def value(node: ast.AST) -> float:
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return float(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = value(node.operand)
            return -inner if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.BinOp) and type(node.op) in apply:
            return apply[type(node.op)](value(node.left), value(node.right))
        raise ValueError("not arithmetic")

    try:
        return value(ast.parse(expression.strip(), mode="eval").body)
    except (SyntaxError, ValueError, ZeroDivisionError, RecursionError, OverflowError):
        return None


_BLANK = r"(?:\?|\(\)|□|_{2,})"
_SUM_AROUND_BLANK = re.compile(r"[\d.+\-×÷*/=]*" + _BLANK + r"[\d.+\-×÷*/=]*")


def filled_blank(prompt: str, typed: str) -> str | None:
    """The number a child put in the question's blank when she wrote the whole sum out: 5 for 3+5=8 to "3 + ? = 8"
    or "3 + （　　）= 8" (review 49c: it read as the sum's 8 and was wrong); None otherwise.

    >>> filled_blank("3 + （　　）= 8", "3+5=8"), filled_blank("Find the missing number: 3 + ? = 8", "3 + 5 = 8")
    ('5', '5')
    >>> filled_blank("3 + ? = 8", "5"), filled_blank("3 + ? = 8", "3+5=9"), filled_blank("How many?", "3+5=8")
    (None, None, None)
    """
    def squeezed(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", str(text)).translate(MINUS_SIGNS).split())

    sums = [found for found in _SUM_AROUND_BLANK.findall(squeezed(prompt)) if "=" in found]
    if len(sums) != 1:
        return None
    before, after = re.split(_BLANK, sums[0], maxsplit=1)
    filled = re.fullmatch(re.escape(before) + r"(.+?)" + re.escape(after) + r"\.?", squeezed(typed))
    return filled[1] if filled and is_number(filled[1]) else None


MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-"})
"""The minus sign the app prints (12 − 9) and an en dash, as the one a keyboard types."""


_MIXED_ASKED = re.compile(r"\b(as|in(to)?) (a )?mixed numbers?\b|(写成|化成|化为|改写成|改写为|表示成|表示为|用)带分数", re.IGNORECASE)
_IMPROPER_ASKED = re.compile(r"\bimproper fractions?\b|假分数", re.IGNORECASE)
_FRACTION_ASKED = re.compile(r"\b(as|in(to)?) (a |an )?(single |simple |proper |improper )?fractions?\b|"
                             r"\b(in|to) (its |their )?(simplest|lowest) (form|terms)\b|\bsimplify\b|"
                             r"(写成|化成|化为|改写成|改写为|表示成|表示为|用)(最简)?(分数|假分数)|最简分数|(?<!大)约分", re.IGNORECASE)
_DECIMAL_ASKED = re.compile(r"\b(as|in(to)?) (a )?decimals?\b|(写成|化成|化为|改写成|改写为|表示成|表示为|用)小数", re.IGNORECASE)
_SIMPLEST_ASKED = re.compile(r"simplest form|lowest terms|simplif|最简|(?<!大)约分", re.IGNORECASE)
_BOTH_NAMED = (re.compile(r"fraction|分数", re.IGNORECASE), re.compile(r"decimal|小数", re.IGNORECASE))
"""A question that names a fraction and a decimal both ("as a fraction or a decimal", 用分数或小数表示) asks no one form."""


def form_asked(prompt: str) -> str:
    """The form the question asks the number in: "fraction", "improper fraction", "mixed number" (each with
    "simplest " before it when the question says so), "decimal", or "" (any).

    >>> [form_asked(p) for p in ("Write 0.5 as a fraction.", "把0.5写成分数。", "把12/21化成最简分数。", "Write 3/2 as a mixed number.",
    ...                          "Write 3/4 as a decimal.", "把3/4化成小数。", "What fraction of 8 is 4?", "12 + 5 = ?")]
    ['fraction', 'fraction', 'simplest fraction', 'mixed number', 'decimal', 'decimal', '', '']
    >>> form_asked("Write 12/21 in its simplest form."), form_asked("Simplify 4/6."), form_asked("把9/4化成最简带分数。")
    ('simplest fraction', 'simplest fraction', 'simplest mixed number')
    >>> form_asked("Answer as a fraction or a decimal."), form_asked("每人大约分到几分之几块？"), form_asked("写成假分数：2又1/4")
    ('', '', 'improper fraction')
    >>> form_asked("每份是它的几分之几？")
    'fraction'
    """
    prompt = str(prompt)
    if all(named.search(prompt) for named in _BOTH_NAMED):
        return ""
    simplest = "simplest " if _SIMPLEST_ASKED.search(prompt) else ""
    if _MIXED_ASKED.search(prompt) or (simplest and "带分数" in prompt):
        return simplest + "mixed number"
    if _IMPROPER_ASKED.search(prompt):
        return simplest + "improper fraction"
    if _FRACTION_ASKED.search(prompt) or ("几分之几" in prompt and "大约" not in prompt):  # review 51c: 0.5 for 几分之几
        return simplest + "fraction"
    return "decimal" if _DECIMAL_ASKED.search(prompt) else ""


def in_form(number: str, form: str) -> bool:
    """Whether ``number`` (as :func:`bare_number` gives it) is written in ``form`` (see :func:`form_asked`).

    >>> [in_form(n, f) for n, f in (("1/2", "fraction"), ("0.5", "fraction"), ("2/4", "simplest fraction"),
    ...                              ("1 1/2", "simplest fraction"), ("0.75", "decimal"), ("3/4", "decimal"), ("7", ""))]
    [True, False, False, True, True, False, True]
    >>> in_form("1 1/2", "mixed number"), in_form("3/2", "mixed number"), in_form("2 2/8", "simplest mixed number")
    (True, False, False)
    >>> in_form("2 1/4", "improper fraction"), in_form("9 / 4", "improper fraction"), in_form("1 / 2", "simplest fraction")
    (False, True, True)
    >>> in_form("0.5/1", "fraction"), in_form("0 9/4", "mixed number"), in_form("1 5/4", "mixed number"), in_form("2.25/1", "improper fraction")
    (False, False, False, False)
    """
    if form == "decimal":
        return "/" not in number
    if not form:
        return True
    text = re.sub(r"\s*/\s*", "/", number.replace(",", ".")).strip()
    if "/" not in text:
        return False
    mixed = bool(_MIXED.match(text))
    if (form.endswith("mixed number") and not mixed) or (form.endswith("improper fraction") and mixed):
        return False
    top, _, bottom = text.split()[-1].partition("/")
    if not (top.lstrip("-").isdigit() and bottom.isdigit() and int(bottom) > 0):
        return False  # review 51b: 0.5/1 is no fraction, however equal
    if mixed and (int(text.split()[0].lstrip("-")) == 0 or abs(int(top)) >= int(bottom)):
        return False  # nor 0 9/4 or 1 5/4 a mixed number
    return not form.startswith("simplest") or math.gcd(int(top), int(bottom)) == 1


CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
"""A key that is a time of day, h:mm."""
_PART_OF_DAY = re.compile(r"^(上午|下午|早上|中午|晚上|凌晨|傍晚)|\s*([ap])\.?m\.?$", re.IGNORECASE)
_LATER_HALF = {"下午", "晚上", "傍晚", "p"}
_CLOCK_WRITTEN = (re.compile(r"(\d{1,2}|[零一二两三四五六七八九十]{1,3}) ?[:.时点點] ?(\d{1,2}|[零一二三四五六七八九十]{1,4}) ?分?"),
                  re.compile(r"(\d{1,2}|[零一二两三四五六七八九十]{1,3}) ?[时点點] ?(半|整)?"))


def clock_time(text: str) -> tuple[int, int] | None:
    """(hours, minutes) of a time of day written h:mm, h.mm, h时mm分, h点mm分, h点半 or h点, in digits or Chinese
    numerals, "8 o'clock", "half past 3" (None for anything else): a key 3:30 takes 3时30分, 三点半 and 3.30 (review
    46d, 47a: a Chinese child who wrote the time as her textbook does was wrong). A part of the day said (下午, pm)
    puts the hour on the 24-hour clock (review 51d: "8 am" was 20:00).

    >>> [clock_time(t) for t in ("3:30", "3.30", "3时30分", "三点半", "11点整", "3时", "十二点十五分", "3点05分", "3:3", "330")]
    [(3, 30), (3, 30), (3, 30), (3, 30), (11, 0), (3, 0), (12, 15), (3, 5), None, None]
    >>> clock_time("下午3点半钟"), same_clock("15:30", "3:30"), same_clock("3:30", "4:30"), same_clock("8 am", "20:00")
    ((15, 30), True, False, False)
    >>> [clock_time(t) for t in ("8 o'clock", "8:00 pm", "half past 3", "quarter to 4", "8", "80 o'clock", "12 am")]
    [(8, 0), (20, 0), (3, 30), (3, 45), None, None, (0, 0)]
    """
    text = unicodedata.normalize("NFKC", text).strip().rstrip(".。").removesuffix("钟").strip()
    part = _PART_OF_DAY.search(text)
    text = _PART_OF_DAY.sub("", text).strip()
    if part and part[2] and text.isdigit():
        text += ":00"  # 8 pm
    found = _clock_face(re.sub(r"(?<=\d)\s*o'?clock$", ":00", text, flags=re.IGNORECASE))  # 8 o'clock (review 51b)
    if found is None or not (0 <= found[0] <= 24 and 0 <= found[1] < 60):
        return None
    hour, minute = found
    said = (part[1] or part[2].lower()) if part else ""
    if (said in _LATER_HALF and hour < 12) or (said == "中午" and hour < 6):  # 中午1点 is 13:00 (review 51e)
        hour += 12
    elif said in ("a", "凌晨", "晚上") and hour == 12:  # 12 am, 晚上12点: midnight
        hour = 0
    return hour, minute


def _clock_face(text: str) -> tuple[int, int] | None:
    spoken = re.fullmatch(r"(half|quarter) (past|to) (\d{1,2})", text, re.IGNORECASE)
    if spoken:  # half past 3, quarter to 4
        minutes = 30 if spoken[1].lower() == "half" else 15
        hour = int(spoken[3])
        return (hour, minutes) if spoken[2].lower() == "past" else ((hour - 1) % 12 or 12, 60 - minutes)
    whole = _CLOCK_WRITTEN[0].fullmatch(text)
    if whole and not (whole[2].isdigit() and (":" in text or "." in text) and len(whole[2]) != 2):
        hour, minute = _whole_number(whole[1]), _whole_number(whole[2])
        return None if hour is None or minute is None else (hour, minute)
    only_hour = _CLOCK_WRITTEN[1].fullmatch(text)
    if only_hour and _whole_number(only_hour[1]) is not None:
        return _whole_number(only_hour[1]), 30 if only_hour[2] == "半" else 0  # type: ignore[return-value]
    return None


def says_part_of_day(text: str) -> bool:
    """Whether a time names its part of the day (下午3点半, 8 pm)."""
    return bool(_PART_OF_DAY.search(unicodedata.normalize("NFKC", text).strip().rstrip(".。")))


def same_clock(said: str, key: str) -> bool:
    """Whether two texts are the same time: on the 24-hour clock where both say which half of the day (15:30 and
    下午3点半; 8 am is not 20:00), else on a clock face (15:30 and 3:30, 8:00 pm and 8:00)."""
    one, other = clock_time(said), clock_time(key)
    if one is None or other is None:
        return False
    if all(says_part_of_day(text) or hour >= 13 or hour == 0 for text, (hour, _) in ((said, one), (key, other))):
        return one[0] % 24 == other[0] % 24 and one[1] == other[1]
    return (one[0] % 12, one[1]) == (other[0] % 12, other[1])


def _whole_number(text: str) -> int | None:
    """12 or 十二 as 12."""
    digits = text if text.isdigit() else chinese_number(text)
    return int(digits) if digits is not None and digits.isdigit() else None
