"""On-laptop learning of the response model: recent answers may count more, meta-parameters are kept."""
from __future__ import annotations

import copy

import numpy as np
import torch

from engine.data import split_holdout
from engine.model.interface import Responses
from engine.model.response import ResponseModel, Settings
from engine.model.training import fine_tune, latest_log_loss

torch.set_num_threads(1)


def learning_class(students: int = 80, items: int = 60, seed: int = 0) -> Responses:
    """Every student answers every exercise in a random order and gets much better as they go."""
    rng = np.random.default_rng(seed)
    difficulty = rng.normal(0, 0.7, items)
    rows = []
    for s in range(students):
        ability = rng.normal(0, 0.8)
        for t, i in enumerate(rng.permutation(items)):
            p = 1 / (1 + np.exp(-(ability - 2.0 + 4.0 * t / items - difficulty[i])))
            rows.append((f"s{s}", f"item{i}", float(rng.random() < p)))
    return Responses([r[0] for r in rows], [r[1] for r in rows], [("arith",)] * len(rows),
                     np.array([r[2] for r in rows], dtype=np.float32))


def test_with_a_recency_halflife_recent_answers_count_more() -> None:
    log = learning_class(students=40)
    model = ResponseModel(Settings(outer_steps=10))
    model.calibrate(log, log.item_skills())
    items = [f"item{i}" for i in range(30)]
    answers = [0.0] * 20 + [1.0] * 10  # wrong at first, right lately
    static = model.predict(model.adapt(items, answers), ["item40"])[0]
    model.settings.recency_halflife = 5.0
    recent = model.adapt(items, answers)
    assert model.predict(recent, ["item40"])[0] > static + 0.05
    together = model.adapt_many([(items, answers), (items[:3], answers[:3])])
    np.testing.assert_allclose(together.theta[0], recent.theta, rtol=1e-9)  # the class path weighs the same way


def test_fine_tune_keeps_the_meta_parameters_and_finds_that_this_class_learns() -> None:
    log = learning_class()
    model = ResponseModel(Settings(outer_steps=20))
    model.calibrate(log, log.item_skills())
    before = dict(model.meta)
    tuned = fine_tune(copy.deepcopy(model), log)
    assert tuned.meta == before
    assert tuned.settings.recency_halflife > 0
    assert tuned.info["fine_tune"]["recency_halflife"] == tuned.settings.recency_halflife
    earlier, latest = split_holdout(log)
    assert latest_log_loss(tuned, earlier, latest) < latest_log_loss(model, earlier, latest)
