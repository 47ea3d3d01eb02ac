"""The guide's "What mastered means" uses the very words the screens show, in both languages."""
from __future__ import annotations

import re

import pytest

from desktop.i18n import install_language
from desktop.views.guide import GUIDE_DIR
from desktop.views.mastery_text import MasteryTexts
from engine.adapt.mastery import VERDICT_WORDS, MasteryRule

RETIRED = {"en": ["Not started", "Learning"], "zh_CN": ["未开始"]}
"""Words the guide once used that no screen shows."""


def mastered_section(language: str) -> str:
    html = (GUIDE_DIR / f"guide_{language}.html").read_text(encoding="utf-8")
    return html[html.index('<a name="mastered">'):]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_guide_names_every_verdict_the_screens_show(app, language):
    install_language(app, language)
    try:
        words = [MasteryTexts().verdict(code) for code in VERDICT_WORDS]  # the student page's and dashboard's words
    finally:
        install_language(app, "en")
    section = mastered_section(language)
    defined = re.findall(r"<li><b>([^<]+)</b>[:：]", section)
    assert sorted(defined) == sorted(words), f"the guide defines {defined}; the screens say {words}"
    for retired in RETIRED[language]:
        assert f"<b>{retired}</b>" not in section


@pytest.mark.parametrize("language, rule", [("en", "only after at least {n} answers on it"), ("zh_CN", "至少作答 {n} 次后")])
def test_the_guides_mastered_rule_has_the_minimum_answers_the_student_page_states(language, rule):
    minimum = MasteryRule().min_answers
    assert minimum == 3
    assert rule.format(n=minimum) in mastered_section(language)


def test_both_guides_say_as_much_in_each_section():
    """Review 41c: a bullet of the Chinese guide was replaced instead of added to; each section of the two guides
    holds as many points, under the same anchors."""
    def points(language: str) -> dict[str, int]:
        html = (GUIDE_DIR / f"guide_{language}.html").read_text(encoding="utf-8")
        sections = re.split(r'<h2><a name="([^"]+)"></a>', html)[1:]
        return {name: body.count("<li>") for name, body in zip(sections[::2], sections[1::2])}

    english, chinese = points("en"), points("zh_CN")
    assert len(english) >= 10 and english == chinese


GUIDE_ONLY = {"en": {"Contents:"}, "zh_CN": {"目录："}}
"""Words in bold that are the guide's own, not a screen's."""


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_button_the_guide_names_in_bold_is_on_a_screen(language):
    """Review 42: the Chinese guide said 采纳所有有把握的建议 where the button reads 采纳全部有把握的建议（3）. Each bold name
    (each step of a menu path such as File → Lock the teacher screens) is in a text of the screens, as the translation
    catalogue holds them (placeholders such as {count} standing for any number)."""
    import html
    import xml.etree.ElementTree as ET

    catalogue = ET.parse(GUIDE_DIR.parents[0] / "i18n" / "lamplight_zh_CN.ts").getroot()
    texts = [m.findtext("translation" if language == "zh_CN" else "source") or "" for m in catalogue.iter("message")]

    def plain(text: str) -> str:  # numbers and placeholders alike, no mnemonic & nor "…"
        return re.sub(r"\{[a-z_]+\}|\d+", "#", " ".join(text.replace("&", "").replace("…", "").split()))

    screens = [plain(t) for t in texts]
    guide = (GUIDE_DIR / f"guide_{language}.html").read_text(encoding="utf-8")
    bolds = {html.unescape(b) for b in re.findall(r"<b>([^<]+)</b>", guide)} - GUIDE_ONLY[language]
    missing = [part for bold in bolds for part in re.split(r"\s*→\s*", plain(bold)) if not any(part in s for s in screens)]
    assert not missing, f"the guide names what no screen shows: {missing}"
