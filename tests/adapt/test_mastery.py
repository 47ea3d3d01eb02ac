import pytest

from engine.adapt.mastery import LEARNING, MASTERED, NEEDS_HELP, NOT_STARTED, MasteryRule, answer_counts, student_mastery

from .conftest import make_bank


def test_narrow_high_band_is_mastered_wide_band_is_not():
    rule = MasteryRule()
    assert rule.status(0.95, 0.9, 0.98, answered=10)[0] == MASTERED
    # Same estimate but a wide band: not sure enough yet.
    assert rule.status(0.85, 0.4, 0.97, answered=2)[0] == LEARNING


def test_chance_above_is_half_at_the_estimate_and_monotone():
    rule = MasteryRule()
    assert rule.chance_above(0.7, 0.6, 0.8, 0.7) == pytest.approx(0.5, abs=1e-6)
    values = [rule.chance_above(0.7, 0.6, 0.8, level) for level in (0.5, 0.6, 0.7, 0.8, 0.9)]
    assert values == sorted(values, reverse=True)


def test_band_endpoints_match_the_declared_coverage():
    rule = MasteryRule(band_coverage=0.8)
    assert rule.chance_above(0.7, 0.6, 0.8, 0.6) == pytest.approx(0.9, abs=0.02)


def test_needs_help_requires_enough_answers():
    rule = MasteryRule()
    assert rule.status(0.2, 0.1, 0.3, answered=5)[0] == NEEDS_HELP
    assert rule.status(0.2, 0.1, 0.3, answered=1)[0] == LEARNING
    assert rule.status(0.5, 0.2, 0.8, answered=0)[0] == NOT_STARTED


def test_describe_names_the_thresholds():
    text = MasteryRule(threshold=0.75, confidence=0.9).describe()
    assert "75%" in text and "90%" in text


def test_student_mastery_from_model(model):
    bank = make_bank()
    items = [f"addition-{i}" for i in range(6)] * 3
    correct = [1.0] * len(items)
    state = model.adapt(items, correct)
    result = student_mastery(model, state, ["addition", "fractions"], answer_counts(items, correct, bank))
    assert result["addition"].mastered and result["addition"].answered == 18
    assert result["fractions"].status == NOT_STARTED and result["fractions"].answered == 0
    assert result["addition"].low <= result["addition"].estimate <= result["addition"].high
