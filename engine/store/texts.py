"""Text in several languages: the one home for "which language's text does the teacher see".

A pack (format version 2, see resources/packs/SCHEMA.md) may give any text as a
plain string or as a map from language code to string::

    "prompt": {"en": "What is 3 × 4?", "zh_CN": "3 × 4 等于多少？"}

A plain string is the text in the pack's own ``language``. Looking a text up
for a language falls back in this order: that language, its base language
("zh" for "zh_CN"), the pack's language, English, the first one given. The
store keeps every language (see ``ExercisesRepository``); screens ask for the
teacher's language and get resolved records, never maps.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

DEFAULT_LANGUAGE = "en"
LocalText = str | Mapping[str, str]


def normal_language(code: str | None) -> str | None:
    """``zh-CN``/``zh_cn`` -> ``zh_CN``; None or empty stays None."""
    if not code:
        return None
    parts = str(code).replace("-", "_").split("_")
    return "_".join([parts[0].lower()] + [p.upper() for p in parts[1:]])


def is_local_map(value: Any) -> bool:
    """True when ``value`` is a language -> text map (not a plain text)."""
    return isinstance(value, Mapping)


def as_texts(value: LocalText, default_language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Every language's text of ``value`` (a plain text belongs to ``default_language``)."""
    if is_local_map(value):
        return {normal_language(k) or k: str(v) for k, v in value.items()}  # type: ignore[union-attr]
    return {default_language: str(value)}


def fallback_order(language: str | None, default_language: str = DEFAULT_LANGUAGE) -> list[str]:
    """The languages to try, best first, for a teacher who reads ``language``."""
    order: list[str] = []
    wanted = normal_language(language)
    for code in (wanted, wanted.split("_")[0] if wanted else None, default_language, DEFAULT_LANGUAGE):
        if code and code not in order:
            order.append(code)
    return order


def pick(value: LocalText, language: str | None, default_language: str = DEFAULT_LANGUAGE) -> str:
    """The text of ``value`` for ``language``, with the fallback of the module doc."""
    texts = as_texts(value, default_language)
    for code in fallback_order(language, default_language):
        if code in texts:
            return texts[code]
    return next(iter(texts.values()), "")


def languages_in(values: Iterable[Any]) -> set[str]:
    """The languages named by any map among ``values`` (plain texts name none)."""
    found: set[str] = set()
    for value in values:
        if is_local_map(value):
            found.update(normal_language(k) or k for k in value)
    return found
