"""The vectorised BKT likelihood (students sorted by length, chances multiplied before one log) gives the
same numbers as the textbook forward filter, answer by answer, including sequences of different lengths."""
from __future__ import annotations

import math

import numpy as np

from engine.model.bkt import bkt_log_likelihood


def textbook(sequence: list[int], prior: float, learn: float, guess: float, slip: float) -> float:
    """One student's log-likelihood, one answer at a time (the formula the app has always used)."""
    known, total = prior, 0.0
    for right in sequence:
        p_right = known * (1 - slip) + (1 - known) * guess
        p_answer = max(p_right if right else 1 - p_right, 1e-9)
        total += math.log(min(p_answer, 1.0))
        posterior = (known * (1 - slip) if right else known * slip) / p_answer
        known = posterior + (1 - posterior) * learn
    return total


def test_likelihood_matches_the_answer_by_answer_filter_on_uneven_sequences():
    rng = np.random.default_rng(3)
    sequences = [list(rng.integers(0, 2, n)) for n in (60, 1, 17, 60, 25, 26, 49, 3)]
    sets = [rng.uniform(0.05, 0.45, 40) for _ in range(4)]
    got = bkt_log_likelihood(sequences, *sets)
    expected = [sum(textbook(s, *(p[j] for p in sets)) for s in sequences) for j in range(40)]
    assert np.allclose(got, expected, rtol=1e-12, atol=0)


def test_long_runs_of_right_answers_then_slips_keep_the_filters_numbers():
    """Knowing a skill almost surely is where rounding matters most: the same order of operations keeps them equal."""
    sequences = [[1] * 30 + [0] * 30, [0, 1] * 30, [1] * 45 + [0] * 5]
    sets = [np.array([0.9, 0.5]), np.array([0.45, 0.3]), np.array([0.05, 0.04]), np.array([0.02, 0.014])]
    got = bkt_log_likelihood(sequences, *sets)
    expected = [sum(textbook(s, *(p[j] for p in sets)) for s in sequences) for j in range(2)]
    assert np.allclose(got, expected, rtol=1e-12, atol=0)

