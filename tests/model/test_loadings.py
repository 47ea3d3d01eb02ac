"""Exercise loadings: fitted from a class history, and used when a student adapts."""
from __future__ import annotations

import numpy as np
import torch

from engine.evaluation.metrics import auc
from engine.model.interface import Responses
from engine.model.loadings import fit_loadings, worth_fitting
from engine.model.response import ResponseModel, Settings

torch.set_num_threads(1)


def two_factor_class(students: int, items: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every student answers every exercise; half the exercises load +1.5 on a hidden trait, half -1.5.

    Returns (student index, exercise index, correct, each exercise's true loading), one entry per answer.
    """
    rng = np.random.default_rng(seed)
    trait = rng.normal(0, 1, students)
    loading = np.where(np.arange(items) % 2 == 0, 1.5, -1.5)
    difficulty = rng.normal(0, 0.5, items)
    s, i = np.meshgrid(np.arange(students), np.arange(items), indexing="ij")
    s, i = s.reshape(-1), i.reshape(-1)
    p = 1 / (1 + np.exp(-(trait[s] * loading[i] - difficulty[i])))
    return s, i, (rng.random(len(p)) < p).astype(np.float64), loading


def test_fitted_loadings_recover_the_hidden_trait_and_unanswered_rows_stay_zero() -> None:
    s, i, y, truth = two_factor_class(students=300, items=20, seed=0)
    loadings = fit_loadings(s, i, y, n_rows=21, dims=1, prior=1.0, epochs=200)
    assert loadings.shape == (21, 1)
    assert abs(np.corrcoef(loadings[:20, 0], truth)[0, 1]) > 0.9
    assert loadings[20, 0] == 0.0  # the "never seen" row has no answers


def test_loadings_are_fitted_only_with_enough_answers_per_exercise() -> None:
    rows = np.repeat(np.arange(10), 40)
    assert worth_fitting(rows, dims=2, min_answers=30)
    assert not worth_fitting(rows, dims=2, min_answers=50)
    assert not worth_fitting(rows, dims=0, min_answers=30)
    assert not worth_fitting(np.zeros(0, np.int64), dims=2, min_answers=30)


def test_a_new_student_is_predicted_better_with_loadings() -> None:
    s, i, y, _ = two_factor_class(students=260, items=40, seed=1)
    log = Responses([f"s{x}" for x in s], [f"item{x}" for x in i], [("arith",)] * len(s), y.astype(np.float32))
    history = np.flatnonzero(s < 200)
    bank = {f"item{x}": ("arith",) for x in range(40)}
    scores = {}
    for dims in (0, 1):
        model = ResponseModel(Settings(outer_steps=40, loading_dims=dims, loading_min_answers=30, seed=0))
        model.calibrate(Responses([log.student_ids[r] for r in history], [log.item_ids[r] for r in history],
                                  [log.skill_ids[r] for r in history], log.correct[history]), bank)
        predicted, actual = [], []
        for student in range(200, 260):
            rows = np.flatnonzero(s == student)
            asked, rest = rows[:15], rows[15:]
            state = model.adapt([log.item_ids[r] for r in asked], y[asked])
            predicted.extend(model.predict(state, [log.item_ids[r] for r in rest]))
            actual.extend(y[rest])
        scores[dims] = auc(np.array(actual), np.array(predicted))
    assert np.abs(model.params["loading"]).max() > 0.1
    assert scores[1] > scores[0] + 0.03, scores
