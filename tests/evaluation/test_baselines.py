"""Each baseline beats chance on simulated IRT data; the IRT pieces are checked against brute force."""
from __future__ import annotations

import numpy as np
import pytest

from engine.evaluation import protocols
from engine.model.baselines import DifficultyModel, EloModel, IRTModel, fit_rasch, map_ability, sigmoid
from engine.model.dkt import DKTModel
from engine.model.lrkt import LogisticKT

from .helpers import simulate_irt


@pytest.fixture(scope="module")
def coldstart_split():
    return protocols.coldstart_split(simulate_irt(students=250, items=60, per_student=40, seed=5), seed=0)


def by_n(results, policy):
    return {r["n"]: r["auc"] for r in results if r["policy"] == policy}


@pytest.mark.parametrize("model_class", [DifficultyModel, IRTModel, EloModel])
def test_coldstart_baselines_beat_chance(coldstart_split, model_class):
    model = model_class()
    protocols.calibrate_model(model, coldstart_split)
    results = protocols.run_coldstart(model, coldstart_split, ns=(1, 20), policies=("random", "adaptive"))
    for policy in ("random", "adaptive"):
        assert by_n(results, policy)[20] > 0.6
    if model_class is not DifficultyModel:  # personalised models gain from more answers
        assert by_n(results, "random")[20] > by_n(results, "random")[1] + 0.03


def test_irt_beats_item_difficulty_once_the_student_has_answered(coldstart_split):
    scores = {}
    for model in (IRTModel(), DifficultyModel()):
        protocols.calibrate_model(model, coldstart_split)
        scores[model.name] = by_n(protocols.run_coldstart(model, coldstart_split, ns=(20,), policies=("random",)), "random")[20]
    assert scores["irt"] > scores["difficulty"] + 0.03


def test_rasch_fit_recovers_difficulties():
    rng = np.random.default_rng(0)
    theta, b = rng.normal(size=400), rng.normal(size=30)
    students, items = np.repeat(np.arange(400), 30), np.tile(np.arange(30), 400)
    y = (rng.random(len(students)) < sigmoid(theta[students] - b[items])).astype(float)
    fitted_theta, fitted_b = fit_rasch(students, items, y, 400, 30)
    assert np.corrcoef(fitted_b, b)[0, 1] > 0.97
    assert np.corrcoef(fitted_theta, theta)[0, 1] > 0.85


def test_map_ability_maximises_the_posterior():
    b = np.array([-1.0, 0.3, 1.2, 0.0])
    y = np.array([1.0, 1.0, 0.0, 1.0])
    grid = np.linspace(-4, 4, 80001)
    p = sigmoid(grid[:, None] - b[None, :])
    log_posterior = (y * np.log(p) + (1 - y) * np.log(1 - p)).sum(1) - grid ** 2 / 2
    state = map_ability(b, y)
    assert state.theta == pytest.approx(grid[int(np.argmax(log_posterior))], abs=1e-3)
    assert map_ability(np.zeros(0), np.zeros(0)).theta == 0.0  # no answers: the prior mean


def test_irt_handles_unseen_items_and_picks_the_nearest_difficulty():
    model = IRTModel()
    model.calibrate(simulate_irt(students=50, items=20, per_student=15, seed=6), {"new": ("k0",)})
    state = model.adapt(["new"], [1.0])
    assert model.predict(state, ["new"])[0] == pytest.approx(sigmoid(state.theta - model.difficulty.default))
    b = model.difficulty(["i1", "i2", "i3"])
    assert model.next_item(state, ["i1", "i2", "i3"]) == int(np.argmin(np.abs(state.theta - b)))
    estimate, low, high = model.skill_mastery(state, ["k0", "k1"])
    assert np.all(low < estimate) and np.all(estimate < high)


@pytest.fixture(scope="module")
def kt_data():
    log = simulate_irt(students=200, items=40, per_student=40, seed=7, learning=0.3, repeats=True)
    return protocols.kt_split(log, seed=0)


@pytest.mark.parametrize("make", [
    LogisticKT,
    EloModel,
    IRTModel,
    lambda: DKTModel(embedding=16, hidden=32, max_epochs=6, batch_size=16, learning_rate=1e-2, device="cpu"),
])
def test_kt_baselines_beat_chance(kt_data, make):
    train, test = kt_data
    model = make()
    protocols.fit_sequence_model(model, train)
    [result] = protocols.run_kt(model, test)
    assert result["auc"] > 0.6


def test_dkt_gives_the_same_figure_under_another_thread_count(kt_data):
    """DKT stops by epochs and validation only and trains on fixed threads: the caller's setting changes nothing."""
    import torch

    train, test = kt_data
    predictions = []
    previous = torch.get_num_threads()
    try:
        for threads in (1, 2):
            torch.set_num_threads(threads)
            model = DKTModel(embedding=16, hidden=32, max_epochs=3, batch_size=16, learning_rate=1e-2, device="cpu")
            model.fit(train)
            predictions.append(model.predict_next(test))
    finally:
        torch.set_num_threads(previous)
    np.testing.assert_array_equal(predictions[0], predictions[1])


def test_kt_predictions_use_only_earlier_responses(kt_data):
    train, test = kt_data
    model = LogisticKT(epochs=2)
    model.fit(train)
    before = model.predict_next(test)
    flipped = protocols.subset(test, np.arange(len(test)))
    flipped.correct[-1] = 1.0 - flipped.correct[-1]  # the last answer can change no prediction
    assert np.array_equal(model.predict_next(flipped), before)


def test_irt_knowledge_tracing_uses_the_map_ability_of_earlier_answers(kt_data):
    train, test = kt_data
    model = IRTModel()
    model.fit(train)
    first_student = test.student_ids[0]
    rows = [r for r, s in enumerate(test.student_ids) if s == first_student]
    predicted = model.predict_next(test)[rows]
    items = [test.item_ids[r] for r in rows]
    answers = test.correct[rows]
    exact = [model.predict(model.adapt(items[:k], answers[:k]), [items[k]])[0] for k in range(len(rows))]
    assert predicted == pytest.approx(exact, abs=1e-4)


def test_bad_policy_is_refused_before_any_work(tmp_path):
    from engine.errors import LamplightError
    from engine.evaluation.report import evaluate

    with pytest.raises(LamplightError, match="got policies \\['greedy'\\]"):
        evaluate(tmp_path / "not-even-read", "coldstart", ["irt"], policies=["greedy"])
