"""A tick means the child showed the skill: never without answers, never on 1-2 answers (README, guide)."""
from engine.adapt.insights import MasteryTable, next_skill
from engine.adapt.mastery import (
    LEARNING, MASTERED, NOT_STARTED, TOO_FEW_ANSWERS, VERDICT_WORDS, MasteryRule, SkillAnswers, shown_chance,
    student_mastery, verdict_code,
)
from engine.adapt.reports import class_report_rows, skill_summary_rows, student_report_rows


class SureModel:
    """A calibration that is very sure every child knows every skill (as after a re-calibration on a lowered bar)."""

    def skill_mastery(self, state, skills):
        return [0.9] * len(skills), [0.85] * len(skills), [0.95] * len(skills)

    def chance_above(self, state, skills, level):
        return [0.99] * len(skills)


RULE = MasteryRule(skill_levels=(("fractions", 0.63),))
RECORDS = {
    "fractions": (),  # never answered: the lowered bar let the model's guess alone pass
    "counting": (1.0, 1.0),  # 2 of 2: "too few answers to say"
    "adding": (1.0,),
    "shapes": (1.0, 0.0, 0.0),  # 1 of 3 right
    "time": (1.0, 1.0, 1.0),  # 3 of 3: shown
}


def _cells():
    counts = {skill: SkillAnswers(scores) for skill, scores in RECORDS.items() if scores}
    return student_mastery(SureModel(), None, list(RECORDS), counts, RULE)


def test_no_answers_is_never_mastered_even_when_the_model_is_sure():
    assert RULE.status(0.9, 0.85, 0.95, answered=0, sure_mastered=0.999, level=0.63)[0] == NOT_STARTED
    cell = _cells()["fractions"]
    assert cell.status == NOT_STARTED and not cell.mastered
    assert VERDICT_WORDS[verdict_code(cell)] == "no answers yet" and shown_chance(cell) is None


def test_one_or_two_answers_are_too_few_to_say_never_mastered():
    assert RULE.status(0.9, 0.85, 0.95, answered=2, sure_mastered=0.999)[0] == LEARNING
    cells = _cells()
    for skill in ("counting", "adding"):
        assert cells[skill].status == LEARNING and cells[skill].verdict == TOO_FEW_ANSWERS
        assert VERDICT_WORDS[verdict_code(cells[skill])] == "too few answers to say"
        assert shown_chance(cells[skill]) == cells[skill].estimate  # the child's own figure is still shown


def test_mastered_needs_the_childs_own_right_answers():
    cells = _cells()
    assert not cells["shapes"].mastered  # 1 of 3 right: the model's prior alone does not tick it
    assert cells["time"].mastered
    assert [s for s, c in cells.items() if c.mastered] == ["time"]


def test_reports_groups_and_letters_count_only_shown_skills():
    cells = _cells()
    table = MasteryTable(["ava"], list(RECORDS), {"ava": cells})
    assert class_report_rows(table, {"ava": (6, 5.0)})[0]["skills_mastered"] == 1
    assert {r["skill"]: r["mastered"] for r in skill_summary_rows(table)}["fractions"] == 0
    rows = {r["skill"]: r for r in student_report_rows(cells)}
    assert rows["fractions"]["status"] == "no answers yet" and rows["fractions"]["chance_of_success"] == ""
    assert rows["counting"]["status"] == "too few answers to say"
    assert rows["time"]["status"] == "mastered"
    two = {k: cells[k] for k in ("time", "fractions")}
    assert next_skill(two, {"time": [], "fractions": ["time"]}) == "fractions"  # groups: fractions is still to learn


def test_the_chance_it_is_mastered_agrees_with_the_childs_own_band_on_the_demo_class(tmp_path):
    """Review 34e: the report said 94% "chance it is mastered" beside 59% (44-74%) under a 70% bar. A band wholly
    below the bar is never more than 10% sure; one wholly at or above it is as sure as the model allows."""
    from engine.classroom import Classroom
    from engine.store import Store
    from engine.store.demo import create_demo_class

    with Store.open(tmp_path / "data") as store:
        class_id = create_demo_class(store)
        table = Classroom(store).dashboard(class_id).mastery
        cells = [cell for row in table.cells.values() for cell in row.values() if cell.answered]
        below = [c for c in cells if c.high < c.level]
        above = [c for c in cells if c.low >= c.level]
        assert below and above
        assert all(c.shown_sure <= 0.1 for c in below)
        assert all(c.shown_sure >= min(c.sure_mastered, 0.89) for c in above)
        assert all(c.shown_sure <= c.sure_mastered for c in cells)
        rows = student_report_rows(Classroom(store).student_page(class_id, store.list_students(class_id)[0].id).mastery)
        assert rows and all(r["sure_mastered"] == "" or 0 <= int(r["sure_mastered"]) <= 100 for r in rows)
