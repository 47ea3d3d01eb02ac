"""The matching network over history students: attention follows students who answered alike."""
from __future__ import annotations

import numpy as np

from engine.model.interface import Responses
from engine.model.matching import MatchingModel
from engine.model.registry import COLD_START_MODELS


def two_groups(per_group: int = 30) -> Responses:
    """Group A gets exercises a0-a9 right and b0-b9 wrong; group B the opposite (no skills tell them apart)."""
    students, items, skills, correct = [], [], [], []
    for group, right in (("A", "a"), ("B", "b")):
        for s in range(per_group):
            for prefix in ("a", "b"):
                for i in range(10):
                    students.append(f"{group}{s}")
                    items.append(f"{prefix}{i}")
                    skills.append(("k",))
                    correct.append(1.0 if prefix == right else 0.0)
    return Responses(students, items, skills, np.asarray(correct, dtype=np.float32))


def test_a_student_who_answers_like_group_a_is_predicted_like_group_a() -> None:
    model = MatchingModel()
    model.calibrate(two_groups(), {})
    targets = [f"a{i}" for i in range(5, 10)] + [f"b{i}" for i in range(5, 10)]
    before = model.predict(model.adapt([], []), targets)
    np.testing.assert_allclose(before, before[0], atol=0.05)  # nothing known yet: every exercise alike
    like_a = model.predict(model.adapt(["a0", "b0"], [1.0, 0.0]), targets)
    assert np.all(like_a[:5] > 0.85) and np.all(like_a[5:] < 0.15)
    like_b = model.predict(model.adapt(["a0"], [0.0]), targets)
    assert np.all(like_b[:5] < 0.3) and np.all(like_b[5:] > 0.7)


def test_an_exercise_no_history_student_answered_gets_the_base_prediction() -> None:
    model = MatchingModel()
    model.calibrate(two_groups(5), {})
    state = model.adapt(["a0"], [1.0])
    np.testing.assert_allclose(model.predict(state, ["never-seen"]), model.base.predict(state.base, ["never-seen"]))


def test_registry_offers_the_family_with_both_priors() -> None:
    assert COLD_START_MODELS["matching"]().name == "matching"
    assert COLD_START_MODELS["matching-default"]().name == "matching-default"
