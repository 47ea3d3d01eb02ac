"""Prototypical student groups: EM finds the groups, and a few answers place a new student in one."""
from __future__ import annotations

import numpy as np

from engine.model.prototypes import PrototypeModel

from tests.model.test_matching import two_groups


def test_two_groups_are_found_and_a_new_student_is_placed_by_their_answers() -> None:
    model = PrototypeModel(groups=2)
    model.calibrate(two_groups(), {})
    targets = [f"a{i}" for i in range(5, 10)] + [f"b{i}" for i in range(5, 10)]
    like_a = model.predict(model.adapt(["a0", "b0"], [1.0, 0.0]), targets)
    assert np.all(like_a[:5] > 0.8) and np.all(like_a[5:] < 0.2)
    like_b = model.predict(model.adapt(["a1"], [0.0]), targets)
    assert np.all(like_b[:5] < 0.2) and np.all(like_b[5:] > 0.8)
    # before any answer the groups disagree on every exercise alike; once placed, nothing is left to ask
    assert model.predict(None, ["never-seen"]).shape == (1,)
    assert 0 <= model.next_item(None, targets) < len(targets)
