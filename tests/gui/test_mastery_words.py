"""The words a teacher reads about mastery and next steps say one thing, on screen and on paper, in both languages."""
from types import SimpleNamespace

import pytest

from desktop.i18n import install_language
from desktop.views.mastery_text import MasteryTexts
from engine.adapt.recommend import ReasonPart


def step(right: str, answered: int, percent: str, why: str = "secure"):
    return SimpleNamespace(parts=(ReasonPart("record", (("skill", "Subtraction"), ("right", right), ("answered", answered))),
                                  ReasonPart(why), ReasonPart("chance", (("percent", percent),))), reason="")


@pytest.mark.parametrize("language, struggling, going_well", [
    ("en", "Subtraction: 1 of last 5 right; to keep practising: its prerequisites are secure enough to build on; "
           "an easier exercise of the skill: about 65% chance of success on it",
     "Subtraction: 4 of last 5 right; going well: a few more right answers and it counts as mastered; "  # review 49d:
     "about 65% chance of success on this exercise"),  # "ready to learn" after 5 of 5 right read as wrong
    ("zh_CN", "Subtraction：最近 5 次答对 1 次；继续练习：前置知识点已足够扎实；这道题比较容易：答对概率约 65%",
     "Subtraction：最近 5 次答对 4 次；进展顺利：再答对几道就算掌握了；这道题的答对概率约 65%"),
])
def test_after_a_bad_run_the_skill_is_one_to_keep_practising_and_a_good_chance_an_easier_exercise(app, language, struggling,
                                                                                                  going_well):
    """Review 37a: "1 of last 5 right; ready to learn: prerequisites secure; about 65% chance" read as a bug, beside
    the dashboard's "needs help, 39%"."""
    install_language(app, language)
    try:
        texts = MasteryTexts()
        assert texts.step_reason(step("1", 5, "65")) == struggling
        assert texts.step_reason(step("4", 5, "65")) == going_well
        # review 37c: "2 of last 4 right; ready to learn; about 75%" beside the dashboard's "needs help, 40%"
        assert texts.step_reason(step("4", 5, "65"), needs_help=True) == struggling.replace("1 次", "4 次").replace(": 1 of", ": 4 of")
        assert texts.step_reason(step("1", 5, "30")).endswith(("about 30% chance of success on this exercise",
                                                                "这道题的答对概率约 30%")), "a low chance is no easier one"
    finally:
        install_language(app, "en")


@pytest.mark.parametrize("language, none_yet, few_yet", [
    ("en", "no answers yet, so this starts where the class has got to", "few answers yet, so this starts where the class has got to"),
    ("zh_CN", "还没有作答记录，先从全班大多数同学学到的地方开始", None),
])
def test_a_first_skill_placed_for_a_new_child_promises_no_skills_before_it(app, language, none_yet, few_yet):
    """Review 43: "…if it goes well, the skills before it count as known" of a skill with no skill before it."""
    install_language(app, language)
    try:
        texts = MasteryTexts()
        for answers, said in ((0, none_yet), (3, few_yet)):
            placed = SimpleNamespace(parts=(ReasonPart("not_practised", (("skill", "Counting"),)),
                                            ReasonPart("placement", (("answers", answers), ("before", False)))), reason="")
            words = texts.step_reason(placed).split(texts.tr("; "))[1]
            assert said is None or words == said, words
            assert "count as known" not in words and "就算" not in words and "已掌握" not in words
    finally:
        install_language(app, "en")


@pytest.mark.parametrize("language, lowered", [("en", "mastered (its level: 55%)"), ("zh_CN", "已掌握（掌握线 55%）")])
def test_a_report_says_when_a_skill_s_mastered_level_is_below_the_usual(app, language, lowered):
    """Review 37d: the printed report read "60% (42%–76%) mastered" two rows above "60% … learning", beside a footnote
    that said the bar is usually 70%."""
    from desktop.views.reports import printout_texts, report_row
    from engine.adapt.mastery import SkillMastery

    install_language(app, language)
    try:
        texts = printout_texts()
        low_bar = SkillMastery("s", 0.6, 0.42, 0.76, 0.95, "mastered", 8, 5.0, level=0.55, verdict="mastered")
        usual = SkillMastery("s", 0.8, 0.65, 0.9, 0.95, "mastered", 8, 6.0, level=0.7, verdict="mastered")
        assert report_row("Addition", low_bar, texts, 0.7)[3] == lowered
        assert report_row("Addition", usual, texts, 0.7)[3] == texts["mastered"]
        unsure = SkillMastery("s", 0.63, 0.5, 0.75, 0.8, "learning", 8, 5.0, level=0.55, verdict="not sure yet")
        assert report_row("Addition", unsure, texts, 0.7)[3] == texts["lower_bar"].format(  # review 46: which bar?
            status=texts["not sure yet"], level="55%")
    finally:
        install_language(app, "en")
