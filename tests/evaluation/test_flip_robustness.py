"""The noisy-answer harness flips about the asked share of pool answers, never a target, the same way every run."""
from __future__ import annotations

import numpy as np

from engine.bench.flip_robustness import flipped_split
from engine.evaluation import protocols

from .helpers import simulate_irt


def test_flips_about_the_share_of_pool_answers_and_no_target() -> None:
    split = protocols.coldstart_split(simulate_irt(students=120, items=60, per_student=40, seed=2), seed=0)
    noisy = flipped_split(split, 0.1, seed=0)
    again = flipped_split(split, 0.1, seed=0)
    changed = total = 0
    for before, after, repeat in zip(split.test, noisy.test, again.test):
        assert after.pool_items == before.pool_items and after.pool_correct == repeat.pool_correct
        np.testing.assert_array_equal(after.target_correct, before.target_correct)
        changed += sum(a != b for a, b in zip(after.pool_correct, before.pool_correct))
        total += len(before.pool_correct)
    assert 0.07 < changed / total < 0.13
    assert flipped_split(split, 0.0, seed=0).test[0].pool_correct == split.test[0].pool_correct
