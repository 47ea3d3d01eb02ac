import pytest

from engine.adapt.mastery import MASTERED
from engine.adapt.recommend import LEARN, REVIEW, NextStepConfig, PracticeSession, next_steps, plan_next_steps

from .conftest import PREREQUISITES, SKILL_NAMES, TinySkillModel, make_bank, make_class


def _answers(skill: str, n: int, right: float = 1.0):
    items = [f"{skill}-{i % 6}" for i in range(n)]
    return items, [right] * n


def test_new_student_starts_with_the_foundation(model, bank):
    steps = next_steps(model, [], [], bank, PREREQUISITES, k=3, skill_names=SKILL_NAMES)
    assert len(steps) == 3
    assert {s.skill_id for s in steps} == {"counting"}
    assert all(s.kind == LEARN for s in steps)
    assert steps[0].reason.startswith("Counting: not practised yet; no prerequisites; about ")
    assert "% chance of success" in steps[0].reason


def test_mastered_prerequisite_unlocks_next_skills_and_covers_them(model, bank):
    items, correct = _answers("counting", 12)
    more, more_correct = _answers("addition", 12)
    steps = next_steps(model, items + more, correct + more_correct, bank, PREREQUISITES, k=4, skill_names=SKILL_NAMES)
    skills = [s.skill_id for s in steps]
    # Two skills are ready after counting and addition: both appear before either repeats.
    assert set(skills[:2]) == {"subtraction", "multiplication"}
    assert "fractions" not in skills and "counting" not in skills
    assert all("prerequisites mastered" in s.reason for s in steps)


def test_no_recent_repeats(model, bank):
    items = ["counting-0", "counting-1", "counting-2"]
    steps = next_steps(model, items, [0.0, 1.0, 0.0], bank, PREREQUISITES, k=3)
    assert not {s.exercise_id for s in steps} & set(items)
    assert "1 of last 3 right" in steps[0].reason


def test_repeat_window_zero_allows_repeats(bank):
    tiny = {"counting-0": ("counting",)}
    model = TinySkillModel()
    model.calibrate(make_class(), tiny)
    cfg = NextStepConfig(repeat_window=0)
    assert next_steps(model, ["counting-0"], [1.0], tiny, {}, k=1, config=cfg)[0].exercise_id == "counting-0"
    # With the default window the only exercise is still offered, saying why.
    step = next_steps(model, ["counting-0"], [1.0], tiny, {}, k=1)[0]
    assert "seen recently" in step.reason


def test_prefers_exercises_inside_the_target_band(bank):
    model = TinySkillModel()
    model.calibrate(make_class(), bank)
    # Make the counting exercises span easy to hard.
    for i, offset in enumerate([-3.0, -1.0, -0.3, 0.3, 1.0, 3.0]):
        model.offset[f"counting-{i}"] = offset
    cfg = NextStepConfig(band=(0.6, 0.85))
    step = next_steps(model, [], [], bank, PREREQUISITES, k=1, config=cfg)[0]
    assert 0.6 <= step.p_success <= 0.85
    hard = NextStepConfig(band=(0.1, 0.3))
    assert next_steps(model, [], [], bank, PREREQUISITES, k=1, config=hard)[0].p_success < 0.35


def test_everything_mastered_gives_review(model, bank):
    items, correct = [], []
    for skill in SKILL_NAMES:
        i, c = _answers(skill, 18)
        items += i
        correct += c
    plan = plan_next_steps(model, items, correct, bank, PREREQUISITES, k=2, config=NextStepConfig(repeat_window=0))
    assert all(m.status == MASTERED for m in plan.mastery.values())
    assert [s.kind for s in plan.steps] == [REVIEW, REVIEW]
    assert "already mastered, review" in plan.steps[0].reason


def test_review_goes_first_to_the_skill_least_surely_mastered(model, bank):
    # Multiplication: 50 of 60 right (the lowest success rate, but well measured);
    # subtraction: 10 of 10 right (a high rate from few answers, so the least sure).
    items, correct = [], []
    for skill, n in (("counting", 18), ("addition", 18), ("subtraction", 10), ("multiplication", 60), ("fractions", 18)):
        i, c = _answers(skill, n)
        items += i
        correct += [0.0 if skill == "multiplication" and t % 6 == 0 else score for t, score in enumerate(c)]
    plan = plan_next_steps(model, items, correct, bank, PREREQUISITES, k=2, config=NextStepConfig(repeat_window=0))
    assert all(m.status == MASTERED for m in plan.mastery.values())
    assert min(plan.mastery.values(), key=lambda m: m.estimate).skill_id == "multiplication"
    assert [s.skill_id for s in plan.steps] == ["subtraction", "multiplication"]


def test_skill_with_no_exercises_and_empty_bank(model):
    prereq = dict(PREREQUISITES, geometry=["counting"])
    plan = plan_next_steps(model, [], [], make_bank(), prereq, k=2)
    assert "geometry" in plan.mastery and all(s.skill_id != "geometry" for s in plan.steps)
    assert plan_next_steps(model, [], [], {}, prereq, k=3).steps == []


def test_cyclic_prerequisites_still_give_steps(model, bank):
    cyclic = {"counting": ["fractions"], "fractions": ["counting"]}
    steps = next_steps(model, [], [], bank, cyclic, k=5)
    assert len(steps) == 5


def test_bad_band_is_rejected():
    with pytest.raises(ValueError):
        NextStepConfig(band=(0.9, 0.5))


def test_practice_session_moves_on_after_mastery(model, bank):
    session = PracticeSession(model, bank, PREREQUISITES)
    seen = []
    for _ in range(40):
        step = session.next_exercise()
        seen.append(step.skill_id)
        session.record(step.exercise_id, 1.0)
    assert seen[0] == "counting"
    # A student who answers everything right progresses along the graph.
    assert seen.index("addition") < seen.index("multiplication") < seen.index("fractions")
    assert session.answered_in_session == 40
    with pytest.raises(ValueError):
        session.record("nope", 1.0)


def test_practice_session_stays_on_a_skill_while_failing(model, bank):
    session = PracticeSession(model, bank, PREREQUISITES)
    for _ in range(8):
        step = session.next_exercise()
        assert step.skill_id == "counting"
        session.record(step.exercise_id, 0.0)
    assert not session.all_mastered()
    assert session.mastery()["counting"].status == "needs help"


def test_struggling_student_gets_a_prerequisite_check(model, bank):
    counting = [f"counting-{i}" for i in range(6)] * 2
    addition = [f"addition-{i}" for i in range(6)]
    items = counting + addition
    correct = [1.0] * len(counting) + [0.0] * len(addition)
    cfg = NextStepConfig(recheck_after=6, recheck_every=6)
    steps = next_steps(model, items, correct, bank, PREREQUISITES, k=2, config=cfg, skill_names=SKILL_NAMES)
    assert steps[0].skill_id == "counting" and steps[0].kind == "check"
    assert "Addition is not going well, so check this prerequisite" in steps[0].reason
    assert steps[1].skill_id == "addition"
    # Counting was practised within the last recheck_every answers: no check.
    cfg = NextStepConfig(recheck_after=6, recheck_every=20)
    assert next_steps(model, items, correct, bank, PREREQUISITES, k=1, config=cfg)[0].skill_id == "addition"


def test_recent_evidence_keeps_the_latest_answers_per_skill():
    from engine.adapt.recommend import recent_evidence

    bank = {"a1": ("a",), "a2": ("a",), "b1": ("b",), "ab": ("a", "b")}
    items = ["a1", "b1", "a2", "a1", "ab", "a2"]
    kept, scores = recent_evidence(items, [0, 1, 0, 1, 1, 1], bank, window=2)
    # Latest two of skill a: a2 (last) and ab; ab is also among b's latest two, as is b1.
    assert kept == ["b1", "ab", "a2"] and scores == [1.0, 1.0, 1.0]
    assert recent_evidence(items, [0] * 6, bank, window=0)[0] == items


def test_static_model_sees_only_the_evidence_window(bank):
    seen = []

    class Recorder(TinySkillModel):
        def adapt(self, item_ids, correct):
            seen.append(list(item_ids))
            return super().adapt(item_ids, correct)

    model = Recorder()
    model.calibrate(make_class(), bank)
    items = [f"counting-{i % 6}" for i in range(15)]
    next_steps(model, items, [1.0] * 15, bank, PREREQUISITES, k=1, config=NextStepConfig(evidence_window=4))
    assert seen[-1] == items[-4:]


def test_practice_does_not_drill_one_unmastered_skill_forever(model, bank):
    # Eight counting answers in a row, 5 of 8 right: not mastered, not hopeless.
    items = [f"counting-{i % 6}" for i in range(8)]
    correct = [1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0]
    cfg = NextStepConfig(max_in_a_row=8, secure_after=8, secure_level=0.6)
    plan = plan_next_steps(model, items, correct, bank, PREREQUISITES, k=1, config=cfg, skill_names=SKILL_NAMES)
    assert not plan.mastery["counting"].mastered and plan.mastery["counting"].estimate >= 0.6
    step = plan.steps[0]
    assert step.skill_id == "addition"  # counting is secure enough to build on and gets a rest
    assert "prerequisites secure enough to build on" in step.reason
    # With both safeguards off, practice stays on counting.
    strict = NextStepConfig(max_in_a_row=0, secure_after=0)
    assert next_steps(model, items, correct, bank, PREREQUISITES, k=1, config=strict)[0].skill_id == "counting"


def test_one_quiz_on_later_skills_does_not_send_the_child_back_to_the_first_skill(model, bank):
    """Review 25: after one quiz on multiplication and fractions, every child was sent to counting."""
    items = ["multiplication-0", "fractions-0", "multiplication-1", "fractions-1", "subtraction-0"]
    correct = [1.0, 1.0, 1.0, 1.0, 0.0]
    plan = plan_next_steps(model, items, correct, bank, PREREQUISITES, k=4, skill_names=SKILL_NAMES)
    skills = [s.skill_id for s in plan.steps]
    assert "counting" not in skills[:3] and "addition" not in skills[:3]  # shown by her multiplication and fractions
    assert skills[0] in {"subtraction", "multiplication", "fractions"}
    # her own wrong answer on subtraction is her own evidence: not taken as known
    from engine.adapt.mastery import built_on

    assert built_on(plan.mastery, PREREQUISITES) == {"counting", "addition", "multiplication"}
    # review 42d: a step built on a skill never answered says why it is ready, not that the skill is "secure"
    why = {s.skill_id: [p.code for p in s.parts][1] for s in plan.steps}
    assert why["subtraction"] == "prerequisites_shown", plan.steps
    assert "taken as known: later skills went well" in next(s.reason for s in plan.steps if s.skill_id == "subtraction")
    for shown_nothing in ([0.0, 0.0], [1.0, 0.0]):  # wrong answers, or half right
        plan = plan_next_steps(model, [f"multiplication-{i}" for i in range(len(shown_nothing))], shown_nothing, bank,
                               PREREQUISITES, k=3, skill_names=SKILL_NAMES)
        # nothing shown, so nothing taken as known; but the skill just before, never asked, comes first (review 47a)
        assert [s.skill_id for s in plan.steps] == ["addition", "addition", "counting"], shown_nothing
    plan = plan_next_steps(model, ["multiplication-0"], [1.0], bank, PREREQUISITES, k=2, skill_names=SKILL_NAMES)
    assert [s.skill_id for s in plan.steps] == ["counting", "counting"], "one right answer (a guess?) shows nothing"


def test_a_first_quiz_of_ten_that_went_badly_asks_about_the_skill_just_before_not_the_first_skill(model, bank):
    """Review 47a: a grade-3 child's first quiz of ten multiplication questions went badly (too many answers for
    placement), and her practice started at counting, never asked. The skill just before comes first; if it goes
    well, the skills before it count as known; if not, one more step down."""
    quiz = [f"multiplication-{i % 6}" for i in range(10)]
    scores = [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    assert len(quiz) >= NextStepConfig().placement_answers
    plan = plan_next_steps(model, quiz, scores, bank, PREREQUISITES, k=3, skill_names=SKILL_NAMES)
    assert [s.skill_id for s in plan.steps] == ["addition", "addition", "counting"]
    assert [p.code for p in plan.steps[0].parts][1] == "asked_first"
    assert "Multiplication is not going well, so the skill just before it is checked first" in plan.steps[0].reason
    once = plan_next_steps(model, quiz + ["addition-0"], scores + [1.0], bank, PREREQUISITES, k=1)
    assert [s.skill_id for s in once.steps] == ["addition"], "one right answer on addition: addition again, not counting"
    went_well = plan_next_steps(model, quiz + ["addition-0", "addition-1"], scores + [1.0, 1.0], bank, PREREQUISITES, k=3)
    assert [s.skill_id for s in went_well.steps] == ["addition"] * 3  # counting taken as known, addition to learn
    went_badly = plan_next_steps(model, quiz + ["addition-0", "addition-1"], scores + [0.0, 0.0], bank, PREREQUISITES, k=2)
    assert [s.skill_id for s in went_badly.steps] == ["counting", "counting"]
    assert [p.code for p in went_badly.steps[0].parts][1] == "asked_first"


def test_a_prerequisite_taken_as_known_is_checked_when_the_skill_built_on_it_goes_badly(model, bank):
    """A lucky right answer on subtraction made addition "shown"; failing multiplication (which needs addition)
    then brings a check of addition first, as for a mastered prerequisite, instead of drilling multiplication."""
    items = ["subtraction-0", "subtraction-1", "subtraction-2"] + [f"multiplication-{i}" for i in range(5)]
    correct = [1.0, 1.0, 1.0] + [0.0] * 5
    plan = plan_next_steps(model, items, correct, bank, PREREQUISITES, k=3, skill_names=SKILL_NAMES)
    assert plan.steps[0].skill_id == "addition" and plan.steps[0].kind == "check", plan.steps


def _placed(plan):
    return [(s.skill_id, any(p.code == "placement" for p in s.parts)) for s in plan.steps]


def test_a_child_new_to_the_class_starts_where_the_class_is(model, bank):
    """A child who joins in March is asked about the skills the class has got to, two exercises each,
    before the foundations; a child with enough answers of her own is not (her answers decide)."""
    plan = plan_next_steps(model, [], [], bank, PREREQUISITES, k=5, skill_names=SKILL_NAMES,
                           placement=["multiplication", "subtraction"])
    assert sorted(_placed(plan)[:4]) == [("multiplication", True)] * 2 + [("subtraction", True)] * 2
    assert _placed(plan)[4] == ("counting", False)
    assert "if it goes well, the skills before it count as known" in plan.steps[0].reason
    first = plan_next_steps(model, [], [], bank, PREREQUISITES, k=2, skill_names=SKILL_NAMES, placement=["counting"])
    assert _placed(first)[0] == ("counting", True)  # review 43: counting has no skill before it to count as known
    assert first.steps[0].reason.split("; ")[1] == "few answers yet, so this starts where the class has got to"
    settled = _answers("counting", NextStepConfig().placement_answers)
    plan = plan_next_steps(model, *settled, bank, PREREQUISITES, k=3, placement=["multiplication", "subtraction"])
    assert not any(placed for _, placed in _placed(plan))


def test_placement_moves_on_when_it_goes_well_and_down_after_a_miss(model, bank):
    placement = ["multiplication", "subtraction"]
    # two right on multiplication: counting and addition are taken as known; subtraction is still asked about
    plan = plan_next_steps(model, ["multiplication-0", "multiplication-1"], [1.0, 1.0], bank, PREREQUISITES, k=4,
                           placement=placement)
    skills = dict(_placed(plan))
    assert "counting" not in skills and "addition" not in skills
    assert skills.get("subtraction") is True and skills.get("multiplication") is False
    # a miss on multiplication: the skill just before it (addition) is asked about instead, not counting
    plan = plan_next_steps(model, ["multiplication-0"], [0.0], bank, PREREQUISITES, k=4, placement=placement)
    assert sorted(_placed(plan)) == [("addition", True)] * 2 + [("subtraction", True)] * 2


def test_a_practice_turn_of_a_new_child_starts_where_the_class_is(model, bank):
    session = PracticeSession(model, bank, PREREQUISITES, placement=["fractions"])
    first = session.next_exercise()
    assert first.skill_id == "fractions" and any(p.code == "placement" for p in first.parts)
    session.record(first.exercise_id, 0.0)  # a miss: one step down
    assert session.next_exercise().skill_id == "multiplication"


def test_the_latest_scores_of_each_skill_are_read_in_one_pass_as_one_scan_per_skill_would():
    """Next steps read each skill's latest five scores (the reason's "3 of the last 5 right") in one pass back over a
    year of answers; an exercise of two skills counts for both, one listing a skill twice counts once."""
    import random

    from engine.adapt.recommend import _latest_scores

    rng = random.Random(5)
    skills = [f"k{n}" for n in range(8)]
    bank = {f"e{n}": tuple(rng.sample(skills, rng.choice([1, 1, 2]))) for n in range(40)}
    bank["twice"] = ("k0", "k0")
    items = [rng.choice(sorted(bank)) for _ in range(500)]
    scores = [rng.choice([0.0, 1.0, 0.5]) for _ in items]
    for wanted in (skills, skills[:3], ["k0", "never answered"]):
        found = _latest_scores(wanted, items, scores, bank)
        for skill in wanted:
            assert found[skill] == [s for i, s in zip(items, scores) if skill in bank[i]][-5:]


def test_a_prerequisite_of_a_skill_that_needs_help_says_so(model, bank):
    """Review 49d: Division facts came "to keep practising: its prerequisites are mastered", unsaid that Fractions
    basics, which the dashboard lists as needing help, is built on it."""
    items = [f"{skill}-{i % 6}" for skill in ("counting", "addition") for i in range(8)]
    items += ["multiplication-0", "multiplication-1"] + [f"fractions-{i}" for i in range(6)]
    correct = [1.0] * 16 + [1.0, 0.0] + [0.0] * 6
    plan = plan_next_steps(model, items, correct, bank, PREREQUISITES, k=2, skill_names=SKILL_NAMES)
    assert plan.mastery["fractions"].status == "needs help"
    step = next(s for s in plan.steps if s.skill_id == "multiplication")
    assert "needed for Fractions, which is not going well" in step.reason, step.reason
    assert [p.code for p in step.parts][-2] == "needed_for"
