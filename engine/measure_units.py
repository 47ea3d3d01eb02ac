"""Units of measure in a question and in a child's answer, so that "30 hours" is not the answer to "How many minutes
are in half an hour?" (key 30) while "30 minutes", "30 min" and "30分钟" are.

>>> other_unit("How many minutes are in half an hour?", "30 hours"), other_unit("How many minutes are in half an hour?", "30 min")
(True, False)
>>> other_unit("半小时是多少分钟？", "30小时"), other_unit("半小时是多少分钟？", "30分"), other_unit("How long is it?", "30 hours")
(True, False, False)
>>> other_unit("小明几时到家？", "3时30分"), other_unit("今天是几月几日？", "5月1日"), other_unit("2米是多少厘米？", "200cm")
(False, False, False)
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

_UNITS = {
    "second": ("s", "sec", "secs", "second", "seconds", "秒", "秒钟"),
    "minute": ("min", "mins", "minute", "minutes", "分", "分钟"),
    "hour": ("h", "hr", "hrs", "hour", "hours", "时", "小时"),
    "day": ("day", "days", "天", "日"),
    "week": ("week", "weeks", "周", "星期"),
    "month": ("month", "months", "月", "个月"),
    "year": ("year", "years", "yr", "yrs", "年"),
    "millimetre": ("mm", "millimetre", "millimetres", "millimeter", "millimeters", "毫米"),
    "centimetre": ("cm", "centimetre", "centimetres", "centimeter", "centimeters", "厘米"),
    "decimetre": ("dm", "decimetre", "decimetres", "decimeter", "decimeters", "分米"),
    "metre": ("m", "metre", "metres", "meter", "meters", "米"),
    "kilometre": ("km", "kilometre", "kilometres", "kilometer", "kilometers", "千米", "公里"),
    "gram": ("g", "gram", "grams", "克"),
    "kilogram": ("kg", "kilogram", "kilograms", "kilo", "kilos", "千克", "公斤"),
    "tonne": ("t", "tonne", "tonnes", "ton", "tons", "吨"),
    "millilitre": ("ml", "millilitre", "millilitres", "milliliter", "milliliters", "毫升"),
    "litre": ("l", "litre", "litres", "liter", "liters", "升"),
    "yuan": ("yuan", "元", "块", "块钱", "元钱"),
    "jiao": ("角", "角钱", "毛", "毛钱"),
    "fen": ("fen", "分钱"),
    "dollar": ("dollar", "dollars"),
    "cent": ("cent", "cents"),
    "pound": ("pound", "pounds"),
    "penny": ("p", "pence", "penny", "pennies"),
}
_CANONICAL = {name: unit for unit, names in _UNITS.items() for name in names}
_WORD = "|".join(sorted((re.escape(n) for n in _CANONICAL if n.isascii()), key=len, reverse=True))
_HAN = "|".join(sorted((re.escape(n) for n in _CANONICAL if not n.isascii()), key=len, reverse=True))
_HAN_ASKED = "|".join(sorted((re.escape(n) for n in _CANONICAL if not n.isascii() and n not in ("时", "月", "日", "分")),
                             key=len, reverse=True))
"""几时, 几月几日 ask for a moment, not an amount; 几分之几 a fraction and 多少分 a score."""
_HAN_AFTER_NUMERALS = "|".join(sorted((re.escape(n) for n in _CANONICAL if not n.isascii() and n[0] not in "千十百"),
                                      key=len, reverse=True))
"""After 一千 or 两千, 米 and 克 are the unit: 一千米 is 1000 metres, as 1千米 is one kilometre; after 十, 百 or 千 the
unit is 千米 or 千克 (十千克 is ten kilograms, 一千千克 a thousand)."""
_SIZES = {
    "second": ("time", 1), "minute": ("time", 60), "hour": ("time", 3600), "day": ("time", 86400), "week": ("time", 604800),
    "millimetre": ("length", 1), "centimetre": ("length", 10), "decimetre": ("length", 100), "metre": ("length", 1000),
    "kilometre": ("length", 1_000_000), "gram": ("mass", 1), "kilogram": ("mass", 1000), "tonne": ("mass", 1_000_000),
    "millilitre": ("volume", 1), "litre": ("volume", 1000), "fen": ("yuan", 1), "jiao": ("yuan", 10), "yuan": ("yuan", 100),
    "cent": ("dollar", 1), "dollar": ("dollar", 100), "penny": ("pound", 1), "pound": ("pound", 100)}
"""The measure a unit belongs to and how many of its smallest unit it is (money in one currency at a time; months and
years have no fixed number of days)."""


def in_smallest_unit(unit: str | None) -> tuple[str, int] | None:
    """The measure and size of a unit (("length", 1000) for a metre), None for one no other unit is counted in.

    >>> in_smallest_unit("metre"), in_smallest_unit("jiao"), in_smallest_unit("month")
    (('length', 1000), ('yuan', 10), None)
    """
    return _SIZES.get(unit or "")


_NUMBER_WORDS = ("zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                 "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
                 "thousand")
"""A number in words before a unit: "thirty hours" is in hours (review 51b)."""
_BLANK = r"(?:\(\s*\)|（[\s\u3000]*）|_{2,}|=\s*\?)"
_ASKED = (  # the first that says: an explicit unit before "how many"
    re.compile(rf"\b(?:answer|give it|write it|measure it|give your answer|write your answer) in (?:whole |full )?({_WORD})\b|"
               rf"\bin ({_WORD})\?|"
               rf"{_BLANK}\s*({_WORD})\b", re.IGNORECASE),
    re.compile(rf"单位[:：是为]?\s*({_HAN_ASKED})|{_BLANK}\s*({_HAN})"),
    re.compile(rf"\bhow many ({_WORD})\b(?! and)", re.IGNORECASE),  # "how many minutes and seconds": no one unit
    re.compile(rf"(?:多少|几)({_HAN_ASKED})(?!和|又)"))


def unit_asked(prompt: str) -> str | None:
    """The unit a question asks its answer in ("Give your answer in cm", "How many minutes…", 多少分钟, 3米=（ ）厘米),
    if one.

    >>> unit_asked("How many hours does Sam sleep? Give your answer in minutes."), unit_asked("2时=（　）分")
    ('minute', 'minute')
    >>> unit_asked("How many minutes and seconds?"), unit_asked("用米尺量一量，黑板长多少厘米？")
    (None, 'centimetre')
    """
    word = unit_word_asked(prompt)
    return None if word is None else _CANONICAL.get(word.lower())


def with_unit_asked(prompt: str, answer: str) -> str:
    """A number key with the unit the question asks for, as the question writes it, for a child to read ("The answer is
    2.8元", review 51c: "正确答案是 2.8。" for 一共多少元); any other key as it is.

    >>> with_unit_asked("一共多少元？", "2.8"), with_unit_asked("How many minutes are in an hour?", "60"), with_unit_asked("2 + 2 = ?", "4")
    ('2.8元', '60 minutes', '4')
    """
    word = unit_word_asked(prompt)
    if word is None or not re.fullmatch(r"-?\d+(?:[.,]\d+)?(?:\s*/\s*\d+)?", answer.strip()):
        return answer
    return answer.strip() + ("" if "\u3400" <= word[0] <= "\u9fff" else " ") + word


def unit_word_asked(prompt: str) -> str | None:
    """The word for the unit a question asks its answer in, as the question writes it (see :func:`unit_asked`)."""
    text = unicodedata.normalize("NFKC", str(prompt))
    for pattern in _ASKED:
        found = pattern.search(text)
        if found:
            return next(g for g in found.groups() if g)
    return None


def unit_said(answer: str) -> str | None:
    """The unit of measure an answer ends with (30 hours, 12cm, 30分钟, 120 (hours), 30个小时), if one."""
    text = unicodedata.normalize("NFKC", str(answer)).strip().rstrip(".。!").strip()
    text = re.sub(r"(?<=[a-z])\(s\)$", "s", text, flags=re.IGNORECASE)  # 30 hour(s)
    text = re.sub(r"[(]\s*([^()]+?)\s*[)]$", r" \1", text)  # 120 (hours), 30(小时)
    suffix = unit_suffix(text)
    if not suffix:
        return None
    unit = suffix.strip().lower()
    return _CANONICAL.get(unit) or _CANONICAL.get(unit.lstrip("个").strip())  # 个月 is a unit, 个小时 a measure word and one


def unit_suffix(text: str) -> str | None:
    """The unit of measure ``text`` ends with after a number, as written there (" hours", "cm", "分钟", "个小时"), if
    one.

    >>> unit_suffix("30分钟"), unit_suffix("12 cm"), unit_suffix("三十分钟"), unit_suffix("30个"), unit_suffix("cm")
    ('分钟', ' cm', '分钟', None, None)
    >>> unit_suffix("一千米"), unit_suffix("1千米"), unit_suffix("30个小时"), unit_suffix("3个月"), unit_suffix("十千克")
    ('米', '千米', '个小时', '个月', '千克')
    >>> unit_suffix("60 km/h"), unit_suffix("60千米/时"), unit_suffix("60 km per hour"), unit_said("60 km/h")
    (' km/h', '千米/时', ' km per hour', None)
    """
    found = re.search(rf"\d(\s*(?:{_WORD}|{_HAN})\s*(?:/|per|每)\s*(?:{_WORD}|{_HAN}))$", text, re.IGNORECASE) or \
        re.search(rf"\d(\s*(?:{_WORD}))$", text, re.IGNORECASE) or \
        re.search(rf"\b(?:{_NUMBER_WORDS})(\s+(?:{_WORD}))$", text, re.IGNORECASE) or \
        re.search(rf"\d(\s*个?\s*(?:{_HAN}))$", text) or \
        re.search(rf"[十百千万](\s*个?\s*(?:{_HAN}))$", text) or \
        re.search(rf"[零一二两三四五六七八九十百千](\s*个?\s*(?:{_HAN_AFTER_NUMERALS}))$", text)
    return found[1] if found else None


_SMALL_MONEY = {"cent", "penny"}
_BIG_SIGN = re.compile(r"^\s*[£$]\s*(\d+(?:\.\d{1,2})?)\s*$")
_MONEY_ASKED = re.compile(r"\bhow much\b|\bchange\b|\bcosts?\b|\bprice\b|\bspen[dt]\b|\bpa(?:y|id)\b|\btotal\b|\bleft\b",
                          re.IGNORECASE)
"""A question about an amount of money (how much, change, cost), where a key in pence may be answered in pounds."""
_SMALL_AMOUNT = re.compile(r"\d\s*(?:p|pence|c|¢|cents?)\b", re.IGNORECASE)


def in_key_money(prompt: str, answer: str, key: str) -> str | None:
    """An amount written in pounds or dollars where the key is in pence or cents, or the other way round, in the key's
    unit (review 51a: £0.55 was wrong for 55 to "A pencil costs 45p. How much change from £1?", 55p for the key 0.55);
    None where the question asks for a unit (see :func:`other_unit`) or the key's unit is not to be told.

    >>> [in_key_money("A pencil costs 45p. How much change from £1?", typed, "55") for typed in ("£0.55", "0.55 pounds", "55p")]
    ['55', '55', None]
    >>> in_key_money("A pen costs £1.45. How much change from £2?", "55p", "0.55"), in_key_money("How many cents in $2?", "$2", "200")
    ('0.55', None)
    """
    if unit_asked(prompt) is not None or not re.fullmatch(r"\d+(?:\.\d+)?", key.strip()) or not _MONEY_ASKED.search(prompt):
        return None  # review 51d: $0.04 was 4 for "How many apples for $1.20?"
    currency = "£" if "£" in prompt or re.search(r"\bpounds?\b|\bpence\b|\dp\b", prompt, re.IGNORECASE) else "$"
    key_small = "." not in key and bool(_SMALL_AMOUNT.search(prompt)) and not re.search(r"[£$]\s*\d+\.\d", prompt)
    text = unicodedata.normalize("NFKC", answer).strip()
    big = _BIG_SIGN.fullmatch(text) if text[:1] == currency else None  # $0.55 is no £0.55 (review 51d)
    said = unit_said(text)
    if said in ("dollar", "cent") if currency == "£" else said in ("pound", "penny"):
        return None
    amount = big[1] if big else re.match(r"\s*(\d+(?:\.\d+)?)", text)[1] if said and re.match(r"\s*\d", text) else None
    if amount is None:
        return None
    if key_small and (big or said in ("dollar", "pound")):
        return format((Decimal(amount) * 100).normalize(), "f")
    if not key_small and said in _SMALL_MONEY:  # 55p for 0.55, and 6p is no £6 (review 51d)
        return format((Decimal(amount) / 100).normalize(), "f")
    return None


def other_unit(prompt: str, answer: str) -> bool:
    """Whether ``answer`` is in another unit than the one the question asks for (a time in hours where it asks for
    minutes, 10元 for 1元 = （ ）角, 30千克 for 多少厘米): then its number is not the answer, whatever it is.

    >>> other_unit("1元 = （ ）角", "10元"), other_unit("3元5角 = （ ）角", "35分"), other_unit("How many cents are in $2?", "200 dollars")
    (True, True, True)
    >>> other_unit("1元 = （ ）角", "10角"), other_unit("How many minutes are in half an hour?", "thirty hours")
    (False, True)
    """
    asked, said = unit_asked(prompt), unit_said(answer)
    if (in_smallest_unit(asked) or ("",))[0] == "yuan" and said == "minute" and (unit_suffix(answer) or "").strip() == "分":
        said = "fen"  # 35分 is money where the question asks for 元 or 角
    return asked is not None and said is not None and asked != said  # review 51c: 30千克 for 多少厘米 too
