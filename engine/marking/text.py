"""Answer text: normalisation and sparse features for English and Chinese.

Normalisation makes answers that say the same thing in the same way compare
equal: Unicode NFKC (full-width letters, digits and punctuation become
half-width), lower case, punctuation and symbols to spaces, runs of
whitespace to one space. Features are counted n-grams hashed with a stable
hash (crc32, not Python's salted ``hash``) into ``BUCKETS`` buckets, so the
encoder sees the same buckets on every machine and in every language.
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
import zlib
from collections import Counter

from engine.number_text import signs_for_words

BUCKETS = 1 << 14
WORD_RE = re.compile(r"[a-z0-9]+|[\u3400-\u9fff\uf900-\ufaff]")
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SUFFIXES = ("ingly", "edly", "ing", "ies", "ied", "ed", "es", "ly", "s")
FEATURE_GROUPS = ("char", "word", "pair")


def normalise(text: str) -> str:
    """Case-, width-, punctuation- and whitespace-insensitive form of an answer."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    kept = [" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in text]
    return " ".join("".join(kept).split())


SIGNS = "+=<>×÷"
"""Signs of arithmetic that keep their meaning wherever they stand."""
SIGNS_BY_DIGITS = "-/*"
"""Signs of arithmetic only beside a digit (12 - 9, -3, 3/4); elsewhere a hyphen or a slash joins words."""
_MINUS = str.maketrans({"−": "-", "–": "-", "—": "-"})
"""The minus sign, and the dashes autocorrect and tablets type for it (review 40c: "–3" was not "-3")."""
SIGN_RE = re.compile(r" ?([" + re.escape(SIGNS + SIGNS_BY_DIGITS) + r"]) ?")


def same_answer(text: str) -> str:
    """The form under which two answers count as the same answer on the marking screen: the normalised text with
    the signs of arithmetic kept (review 40a: "12 = 9 + 3" was the same answer as "12 - 9 = 3", and -3 as 3) but not
    the spaces around them, and for Chinese without spaces (雷声 先来 is 雷声先来; a space between Han characters
    means nothing).

    >>> [same_answer(t) for t in ["12 - 9 = 3", "12-9=3.", "12 = 9 + 3", "-3", "–3", "well-known", "Well known!", "12减9等于3"]]
    ['12-9=3', '12-9=3', '12=9+3', '-3', '-3', 'well known', 'well known', '12-9=3']
    """
    chars = signs_for_words(unicodedata.normalize("NFKC", text or "").lower().translate(_MINUS))  # 12减9等于3 is 12-9=3
    kept = []
    for n, ch in enumerate(chars):
        if ch in SIGNS or ch in SIGNS_BY_DIGITS and _beside_a_digit(chars, n):
            kept.append(f" {ch} ")
        else:
            kept.append(" " if unicodedata.category(ch)[0] in "PSZC" else ch)
    norm = SIGN_RE.sub(r"\1", " ".join("".join(kept).split()))
    return norm.replace(" ", "") if is_chinese(norm) else norm


def _beside_a_digit(chars: str, n: int) -> bool:
    """Whether the nearest character before or after ``chars[n]``, spaces aside, is a digit."""
    before, after = chars[:n].rstrip(), chars[n + 1:].lstrip()
    return bool(before and before[-1].isdigit() or after and after[0].isdigit())


CHINESE_LEADS = re.compile(r"^(?:答案是|答案|答|(?:这|它|那)?是(?![不非否])|一个(?![半0-9])|一种(?![半0-9]))")
"""Words before a Chinese answer that say nothing of it (答案是三角形, 是三角形, 一个三角形), but not 是 of 是不是 or
一个 of 一个半小时."""
CHINESE_TAILS = re.compile(r"(?:的|了|呀|啊|吧|啦|(?<=形)状)$")
"""Particles after a Chinese answer (三角形的, 三角形状); taken off only while two characters stay (目的 is a word)."""


@functools.lru_cache(maxsize=8192)
def core_answer(text: str) -> str:
    """:func:`same_answer` without the words around a Chinese answer that do not change it
    (:data:`CHINESE_LEADS`, :data:`CHINESE_TAILS`), for grouping similar answers on the marking screen; a
    negation (不是三角形), a number (一个半小时) and a word of two characters (目的, 形状) keep theirs.

    >>> [core_answer(t) for t in ["一个三角形", "是三角形。", "三角形的", "不是三角形", "一个半小时", "目的", "是不是"]]
    ['三角形', '三角形', '三角形', '不是三角形', '一个半小时', '目的', '是不是']
    """
    core = same_answer(text)
    if not is_chinese(core):
        return core
    while (shorter := CHINESE_LEADS.sub("", core, count=1)) != core and len(shorter) >= 2:
        core = shorter
    while (shorter := CHINESE_TAILS.sub("", core, count=1)) != core and len(shorter) >= 2:
        core = shorter
    return core


NEGATION_RE = re.compile(r"[不没沒非无無未别別否]|\b(?:no|not|never|none|nothing|nobody|nor|neither|without|cannot|"
                         r"(?:isn|aren|doesn|don|didn|won|wasn|weren|hasn|haven|can|couldn|shouldn|wouldn|ain) ?t)\b")
"""Words that turn an answer round, in normalised text (isn't is "isn t"): 不是三角形, not a triangle."""


def negations(text: str) -> int:
    """How many negating words ``text`` holds (see :data:`NEGATION_RE`).

    >>> [negations(t) for t in ["不是三角形", "三角形", "It isn't a triangle", "it isnt one", "no triangle", "a note", "cant"]]
    [1, 0, 1, 1, 1, 0, 1]
    """
    return len(NEGATION_RE.findall(normalise(text)))


def without_negations(text: str) -> str:
    """``text`` normalised with its negating words left out: what it says turned round (不是三角形 -> 是三角形).

    >>> without_negations("不是三角形。"), without_negations("It is NOT a triangle")
    ('是三角形', 'it is a triangle')
    """
    return " ".join(NEGATION_RE.sub(" ", normalise(text)).split())


FILLER_WORDS = frozenset({"a", "an", "the", "it", "its", "s", "is", "are", "was", "were", "be", "this", "that", "they", "one"})
"""Words around an English answer that do not change what it says ("it is a triangle" says "triangle")."""


def turned_round(answer: str, key: str) -> bool:
    """Whether ``answer`` says what ``key`` says with a negation the key lacks (不是三角形, "it isn't a triangle").

    >>> [turned_round(t, "三角形") for t in ["不是三角形", "它不是三角形。", "三角形", "没有角"]]
    [True, True, False, False]
    >>> [turned_round(t, "triangle") for t in ["not a triangle", "It isn't a triangle!", "a triangle", "not a square"]]
    [True, True, False, False]
    """
    if negations(answer) <= negations(key):
        return False
    said, meant = core_answer(without_negations(answer)), core_answer(key)
    if said == meant:
        return True
    if is_chinese(meant):
        return False
    words = [w for w in said.split() if w not in FILLER_WORDS]
    return bool(words) and words == [w for w in meant.split() if w not in FILLER_WORDS]


def is_chinese(text: str) -> bool:
    """True when CJK characters make up at least a third of the letters."""
    letters = sum(map(str.isalnum, text))
    return letters > 0 and len(CJK_RE.findall(text)) * 3 >= letters


def stem(word: str) -> str:
    """A crude English suffix stripper (decreases/decreased/decreasing -> decreas)."""
    if len(word) > 4 and word.isascii():
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]
    return word


def words(normalised: str) -> list[str]:
    """Word tokens: stemmed Latin words and single CJK characters."""
    return [stem(token) for token in WORD_RE.findall(normalised)]


def char_ngrams(normalised: str) -> list[str]:
    """Character n-grams: 1-3 over Chinese text (spaces dropped), 2-4 over padded Latin text."""
    if not normalised:
        return []
    if is_chinese(normalised):
        text, sizes = normalised.replace(" ", ""), (1, 2, 3)
    else:
        text, sizes = f" {normalised} ", (2, 3, 4)
    return [text[i:i + n] for n in sizes for i in range(len(text) - n + 1)]


def word_pairs(tokens: list[str]) -> list[str]:
    """Adjacent word pairs (for Chinese: character bigrams)."""
    return [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


def grouped_counts(text: str) -> dict[str, Counter]:
    """The counted char n-grams, words and word pairs of an answer, by feature group."""
    norm = normalise(text)
    tokens = words(norm)
    return {"char": Counter(char_ngrams(norm)), "word": Counter(tokens), "pair": Counter(word_pairs(tokens))}


def bucket(group: str, feature: str) -> int:
    """The stable hash bucket of a feature of a group."""
    return zlib.crc32(f"{group}\x1f{feature}".encode("utf-8")) % BUCKETS


def hashed_features(text: str) -> dict[int, float]:
    """Unit-length sparse vector: per group log(1 + count), L2-normalised, groups weighted equally."""
    vector: dict[int, float] = {}
    groups = grouped_counts(text)
    present = [g for g in FEATURE_GROUPS if groups[g]]
    for group in present:
        weights = {f: math.log1p(c) for f, c in groups[group].items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) * math.sqrt(len(present))
        for feature, weight in weights.items():
            index = bucket(group, feature)
            vector[index] = vector.get(index, 0.0) + weight / norm
    return vector
