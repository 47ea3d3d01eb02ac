"""The response model: analytic inner loop, fallbacks, batch API, mastery bands, calibration."""
from __future__ import annotations

import copy

import numpy as np
import pytest
import torch

from engine.errors import LamplightError
from engine.model.meta import MetaSGD
from engine.model.response import ResponseModel, Settings
from engine.model.synthetic import make_class
from engine.model.training import Interrupted, fine_tune, make_losses

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def calibrated() -> tuple[ResponseModel, object, object]:
    truth, history = make_class(students=150, items=120, answers_per_student=40, skills=6, seed=1)
    model = ResponseModel(Settings(outer_steps=20, seed=0))
    model.calibrate(history, truth.items)
    return model, truth, history


def test_numpy_inner_loop_equals_torch_func_inner_loop(calibrated) -> None:
    model, truth, _ = calibrated
    model = copy.deepcopy(model)
    rng = np.random.default_rng(0)
    model.params["loading"] = rng.normal(0, 0.5, size=model.params["loading"].shape)  # exercise loadings in play too
    model.meta.update(log_prec_u=0.3, lr_u=0.2)
    rows = rng.choice(model.n_items, size=(5, 7))
    y = (rng.random((5, 7)) < 0.6).astype(np.float64)
    mask = np.ones_like(y)
    mask[0, 3:] = 0.0  # a student with only three answers, padded
    theta, tau, u = model.adapt_rows(rows, y, mask)

    f64 = dict(dtype=torch.float64)
    inner, _ = make_losses(torch.as_tensor(model.skill_idx), torch.as_tensor(model.skill_w, **f64))
    shared = {"beta0": torch.tensor(model.meta["beta0"], **f64), "beta_skill": torch.as_tensor(model.params["beta_skill"], **f64),
              "delta": torch.as_tensor(model.params["delta"], **f64), "theta0": torch.tensor([model.meta["theta0"]], **f64),
              "tau0": torch.as_tensor(model.params["tau0"], **f64),
              "log_prec_theta": torch.tensor(model.meta["log_prec_theta"], **f64),
              "log_prec_tau": torch.tensor(model.meta["log_prec_tau"], **f64),
              "loading": torch.as_tensor(model.params["loading"], **f64), "log_prec_u": torch.tensor(0.3, **f64)}
    init = {"theta": shared["theta0"], "tau": shared["tau0"], "u": torch.zeros(model.loading_dims, **f64)}
    learner = MetaSGD(inner, init, steps=model.settings.inner_steps)
    learner.lrs["theta"].data.fill_(model.meta["lr_theta"])
    learner.lrs["tau"].data.copy_(torch.as_tensor(model.params["lr_tau"], **f64))
    learner.lrs["u"].data.fill_(0.2)
    for s in range(5):
        batch = {"rows": torch.as_tensor(rows[s]), "y": torch.as_tensor(y[s]), "mask": torch.as_tensor(mask[s])}
        adapted = learner.adapt(init, batch, shared)
        np.testing.assert_allclose(theta[s], float(adapted["theta"][0].detach()), rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(tau[s], adapted["tau"].detach().numpy(), rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(u[s], adapted["u"].detach().numpy(), rtol=1e-9, atol=1e-9)
    assert np.abs(u).max() > 0.01  # the latent position did move


def test_calibration_recovers_difficulties_and_predicts_better_than_chance(calibrated) -> None:
    model, truth, _ = calibrated
    items = list(truth.items)
    b = model.difficulties(model.item_rows(items))
    assert np.corrcoef(b, [truth.difficulty[i] for i in items])[0, 1] > 0.8
    # students answering 15 exercises afresh: predictions on the rest track their true probabilities
    rng = np.random.default_rng(5)
    predicted, true_p = [], []
    for student in range(20):
        asked = list(rng.choice(items, size=15, replace=False))
        answers = [float(rng.random() < truth.p_correct(student, i)) for i in asked]
        rest = [i for i in items if i not in asked]
        predicted.extend(model.predict(model.adapt(asked, answers), rest))
        true_p.extend(truth.p_correct(student, i) for i in rest)
    assert np.corrcoef(predicted, true_p)[0, 1] > 0.65


def test_long_histories_stay_calibrated(calibrated) -> None:
    """Far more answers than the meta-training supports (<= 20) must not push predictions to certainty."""
    model, truth, _ = calibrated
    items = list(truth.items)
    rng = np.random.default_rng(7)
    for answers, rate in [(80, 0.7), (320, 0.73)]:
        asked = list(rng.choice(items, size=answers))
        y = (rng.random(answers) < rate).astype(float)
        mean_p = float(model.predict(model.adapt(asked, y), items).mean())
        assert abs(mean_p - y.mean()) < 0.1, (answers, y.mean(), mean_p)


def test_more_right_answers_raise_predictions(calibrated) -> None:
    model, truth, _ = calibrated
    items = list(truth.items)
    right = model.predict(model.adapt(items[:5], [1.0] * 5), items[5:])
    wrong = model.predict(model.adapt(items[:5], [0.0] * 5), items[5:])
    assert np.all(right > wrong)


def test_unseen_exercises_and_skills_fall_back_to_skills_and_population(calibrated) -> None:
    model, truth, history = calibrated
    skill = "skill2"
    state = model.adapt([], [])
    # an exercise calibrated with no answers gets its skill's difficulty
    bank = {**truth.items, "fresh": (skill,), "alien": ("never-seen-skill",)}
    fresh_model = ResponseModel(Settings(outer_steps=5))
    fresh_model.calibrate(history, bank)
    skill_items = [i for i, ks in truth.items.items() if ks == (skill,)]
    b_fresh = fresh_model.difficulties(fresh_model.item_rows(["fresh"]))[0]
    k = fresh_model.skill_index[skill]
    assert b_fresh == pytest.approx(fresh_model.meta["beta0"] + fresh_model.params["beta_skill"][k])
    assert np.min(fresh_model.difficulties(fresh_model.item_rows(skill_items))) - 1 < b_fresh
    # a brand-new skill and a completely unknown exercise get the population value
    b_alien, b_unknown = fresh_model.difficulties(fresh_model.item_rows(["alien", "not-in-bank"]))
    assert b_alien == pytest.approx(fresh_model.meta["beta0"], abs=0.3)
    assert b_unknown == pytest.approx(fresh_model.meta["beta0"])
    p = model.predict(state, ["not-in-bank"])
    assert p.shape == (1,) and 0.05 < p[0] < 0.95


def test_adapt_many_and_predict_matrix_match_one_by_one(calibrated) -> None:
    model, truth, _ = calibrated
    items = list(truth.items)
    answers = [(items[:3], [1.0, 0.0, 1.0]), (items[10:20], [1.0] * 10), ([], [])]
    matrix = model.predict_matrix(model.adapt_many(answers), items[50:60])
    for s, (asked, ys) in enumerate(answers):
        np.testing.assert_allclose(matrix[s], model.predict(model.adapt(asked, ys), items[50:60]), rtol=1e-9)


def test_mastery_band_contains_estimate_and_narrows_with_answers(calibrated) -> None:
    model, truth, _ = calibrated
    skill_items = [i for i, ks in truth.items.items() if ks == ("skill3",)]
    few = model.skill_mastery(model.adapt(skill_items[:2], [1.0, 0.0]), ["skill3", "brand-new"])
    many = model.skill_mastery(model.adapt(skill_items[:12], [1.0, 0.0] * 6), ["skill3", "brand-new"])
    for estimate, low, high in (few, many):
        assert np.all(low < estimate) and np.all(estimate < high)
    assert (many[2][0] - many[1][0]) < (few[2][0] - few[1][0])


def test_next_item_prefers_an_uncertain_exercise_on_an_unmeasured_skill(calibrated) -> None:
    model, truth, _ = calibrated
    seen = [i for i, ks in truth.items.items() if ks == ("skill0",)][:10]
    state = model.adapt(seen, [1.0, 0.0] * 5)
    other = [i for i, ks in truth.items.items() if ks == ("skill1",)]
    candidates = [seen[0], seen[1], *other[:3]]
    assert model.next_item(state, candidates) >= 2
    with pytest.raises(LamplightError):
        model.next_item(state, [])


def test_first_question_is_the_one_closest_to_even_odds(calibrated) -> None:
    """Before any answer, an exercise with a large loading of its own has the most uncertain logit,
    but its answer says little about the rest: the first pick is the most informative about the ability."""
    model, truth, _ = calibrated
    model = copy.deepcopy(model)
    model.meta.update(log_prec_u=-1.8)  # a wide loadings prior, as calibration finds on assist2017
    loner = [i for i, ks in truth.items.items() if ks == ("skill4",)][0]
    others = [i for i, ks in truth.items.items() if ks == ("skill2",)][:6]
    model.params["loading"][:] = 0.0
    model.params["loading"][model.item_index[loner]] = [0.8, 0.0]
    candidates = [loner, *others]
    state = model.adapt([], [])
    p = model.predict(state, candidates)
    design = model._design(model.item_rows(candidates))
    own = np.einsum("ij,jk,ik->i", design, model._posterior_covariance(state), design)
    assert np.argmax(p * (1 - p) * own) == 0, "the loner has the most uncertain logit of its own"
    closest = int(np.argmin(np.abs(p - 0.5)))
    assert closest != 0
    assert model.next_item(None, candidates) == closest == model.next_item(state, candidates)
    # once the student has answered, the posterior uncertainty counts again
    answered = model.adapt(others[:1], [1.0])
    assert model.next_item(answered, candidates) == int(np.argmax(
        model.predict(answered, candidates) * (1 - model.predict(answered, candidates))
        * np.einsum("ij,jk,ik->i", design, model._posterior_covariance(answered), design)))


def test_fine_tune_reports_progress_and_can_be_cancelled(calibrated) -> None:
    model, truth, history = calibrated
    import copy

    model = copy.deepcopy(model)
    model.settings.outer_steps = 8
    seen: list[float] = []
    tuned = fine_tune(copy.deepcopy(model), history, progress=lambda f, m: seen.append(f))
    assert seen and seen[-1] == pytest.approx(1.0)
    assert tuned.items[: model.n_items] == model.items
    calls = iter(range(1000))
    with pytest.raises(Interrupted):
        fine_tune(copy.deepcopy(model), history, should_stop=lambda: next(calls) >= 3)


def test_adapt_rejects_mismatched_lengths(calibrated) -> None:
    with pytest.raises(LamplightError):
        calibrated[0].adapt(["a", "b"], [1.0])
