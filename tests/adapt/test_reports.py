import csv

import numpy as np
import pytest

from engine.adapt.insights import class_mastery, needs_help, suggest_groups
from engine.adapt.reports import (
    build_worksheet,
    class_report_rows,
    group_rows,
    skill_summary_rows,
    student_report_rows,
    worksheet_rows,
    write_csv,
)
from engine.adapt.recommend import plan_next_steps
from engine.errors import LamplightError
from engine.model.interface import Responses

from .conftest import PREREQUISITES, SKILL_NAMES, make_bank


def _content():
    return {e: {"prompt": f"Question {e}", "answer": f"answer {e}"} for e in make_bank()}


def test_worksheet_from_next_steps_uses_fresh_variants_when_available(model):
    bank = make_bank()
    plan = plan_next_steps(model, [], [], bank, PREREQUISITES, k=4)

    def variant(exercise_id, p, rng):
        if exercise_id.endswith("-0"):
            return None  # no template for this one
        a, b = rng.randint(1, 9), rng.randint(1, 9)
        return f"{a} + {b} = ?", str(a + b)

    sheet = build_worksheet("s1", plan.steps, _content(), "Ana", SKILL_NAMES, variant, seed=3)
    again = build_worksheet("s1", plan.steps, _content(), "Ana", SKILL_NAMES, variant, seed=3)
    assert [i.prompt for i in sheet.items] == [i.prompt for i in again.items]
    assert [i.number for i in sheet.items] == [1, 2, 3, 4]
    for item in sheet.items:
        if item.exercise_id.endswith("-0"):
            assert not item.fresh_variant and item.prompt == f"Question {item.exercise_id}"
        else:
            assert item.fresh_variant and eval(item.prompt.replace("= ?", "")) == int(item.answer)
    assert sheet.items[0].skill_name == "Counting" and sheet.student_name == "Ana"
    assert sheet.answer_key()[0][0] == 1
    assert worksheet_rows(sheet)[0]["reason"] == plan.steps[0].reason


def test_a_sheet_takes_at_most_two_questions_of_one_story_while_others_are_left():
    """Review 38b: four of a worksheet's eight questions were "N pencils are shared equally between M children"."""
    from engine.adapt.recommend import NextStep

    stories = {f"p{n}": f"{n + 2} pencils are shared equally between {n + 1} children. How many each?" for n in range(6)}
    facts = {f"f{n}": f"{n + 2} × 3 = ?" for n in range(6)}
    others = {"w1": "How many sides does a hexagon have?", "w2": "What is half of 18?"}
    content = {key: {"prompt": prompt, "answer": "1"} for key, prompt in {**stories, **facts, **others}.items()}
    steps = lambda keys: [NextStep(key, "s", 0.7, "learn", "") for key in keys]  # noqa: E731
    mixed = build_worksheet("s1", steps(["p0", "p1", "p2", "w1", "p3", "p4", "w2", "f0", "f1", "f2"]), content, limit=6)
    assert [i.exercise_id for i in mixed.items] == ["p0", "p1", "w1", "w2", "f0", "f1"]
    only = build_worksheet("s1", steps(list(stories)), content, limit=4)
    assert len(only.items) == 4, "nothing else to take: the sheet is not cut short"
    drill = build_worksheet("s1", steps(list(facts)), content, limit=6)
    assert len(drill.items) == 6, "a sheet of short number facts is a drill, not a repeated story"
    chinese = {f"c{n}": {"prompt": f"哪个分数与{n + 1}/{2 * n + 2}相等？", "answer": "1/2"} for n in range(4)}
    content.update(chinese)  # review 38c: a Chinese wording, one word between spaces, was never a story
    sheet = build_worksheet("s1", steps([*chinese, "w1", "w2"]), content, limit=4)
    assert [i.exercise_id for i in sheet.items] == ["c0", "c1", "w1", "w2"]
    # review 46: a child's name or a number in Chinese numerals made each one another story
    named = {f"n{n}": {"prompt": f"{name} packs {n + 2} bags with {n + 3} apples in each. How many apples in all?", "answer": "1"}
             for n, name in enumerate(["Sofia", "Mateo", "Omar"])}
    counting = {f"z{n}": {"prompt": f"{word}个{word}个地数：{n + 2}，{2 * n + 4}，下一个数是多少？", "answer": "1"}
                for n, word in enumerate("六十七两")}
    content.update({**named, **counting})
    sheet = build_worksheet("s1", steps([*named, *counting, "w1", "w2"]), content, limit=6)
    assert [i.exercise_id for i in sheet.items] == ["n0", "n1", "z0", "z1", "w1", "w2"]


def test_worksheet_rejects_unknown_exercise(model):
    plan = plan_next_steps(model, [], [], make_bank(), PREREQUISITES, k=1)
    with pytest.raises(LamplightError, match="not in the exercise bank"):
        build_worksheet("s1", plan.steps, {}, "Ana")


def test_report_tables_and_csv_round_trip(model, tmp_path):
    bank = make_bank()
    rows = [("ana", f"counting-{i % 6}", 1.0) for i in range(12)] + [("陈", f"counting-{i}", 0.0) for i in range(5)]
    log = Responses([r[0] for r in rows], [r[1] for r in rows], [bank[r[1]] for r in rows], np.array([r[2] for r in rows], dtype=np.float32))
    table = class_mastery(model, log, bank, PREREQUISITES)
    helps = needs_help(table, log, bank, PREREQUISITES)
    answers = {"ana": (12, 12.0), "陈": (5, 0.0)}
    class_rows = class_report_rows(table, answers, helps, PREREQUISITES, skill_names=SKILL_NAMES)
    by_student = {r["student"]: r for r in class_rows}
    assert by_student["ana"]["share_right"] == 100 and by_student["ana"]["next_skill"] == "Addition"
    assert by_student["陈"]["needs_help_with"] == "Counting" and by_student["陈"]["skills_mastered"] == 0
    # review 48a: a skill listed for its latest answers all wrong says so; it may be mastered all the same
    run = [type(helps[0])("ana", "counting", 0.5, "", recent_wrong=3)]
    assert class_report_rows(table, answers, run, PREREQUISITES, skill_names=SKILL_NAMES)[0]["needs_help_with"] == \
        "Counting (last 3 answers wrong)"
    assert class_report_rows(table, answers, run, PREREQUISITES, skill_names={"counting": "数数"}, separator="、",
                             recent_wrong="{skill}（最近 {count} 次都答错）")[0]["needs_help_with"] == "数数（最近 3 次都答错）"

    assert class_report_rows(table, {"ana": (8, 7.0)}, skill_names=SKILL_NAMES)[0]["share_right"] == 88, "percent, as on screen"
    two = [*helps, type(helps[0])(helps[0].student_id, "addition", 0.5, "")]  # review 37a: Chinese lists with 、
    chinese = class_report_rows(table, answers, two, PREREQUISITES, skill_names={"counting": "数数", "addition": "加法"},
                                separator="、")
    assert {r["student"]: r for r in chinese}["陈"]["needs_help_with"] == "数数、加法"

    student_rows = student_report_rows(table.cells["ana"], SKILL_NAMES, table.skills)
    assert student_rows[0]["skill"] == "Counting" and student_rows[0]["status"] == "mastered"
    assert student_rows[0]["band_low"] <= student_rows[0]["chance_of_success"] <= student_rows[0]["band_high"]

    summary = {r["skill"]: r for r in skill_summary_rows(table, SKILL_NAMES)}
    assert summary["Counting"]["mastered"] == 1 and summary["Counting"]["needs_help"] == 1

    groups, left = suggest_groups(table, PREREQUISITES, min_size=2)
    assert group_rows(groups, left)[-1]["students"] == "ana; 陈"

    path = write_csv(class_rows, tmp_path / "class.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        back = list(csv.DictReader(handle))
    assert [r["student"] for r in back] == ["ana", "陈"] and back[1]["needs_help_with"] == "Counting"


def test_write_csv_reports_unwritable_path(tmp_path):
    with pytest.raises(LamplightError, match="missing-folder"):
        write_csv([{"a": 1}], tmp_path / "missing-folder" / "x.csv")


def test_choices_written_after_a_prompt_can_be_taken_out_again():
    from engine.adapt.reports import format_choices, split_choices

    text = format_choices("Which is (a) bigger?", ["1/8", "1/6", "3 (c) 4"])
    assert text == "Which is (a) bigger?  (a) 1/8   (b) 1/6   (c) 3 (c) 4"
    assert split_choices(text) == ("Which is (a) bigger?", ("1/8", "1/6", "3 (c) 4"))
    assert split_choices("No choices (a) here") == ("No choices (a) here", ())
