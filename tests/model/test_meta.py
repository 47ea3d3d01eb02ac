"""The meta-learning algorithms on a tiny synthetic IRT problem.

A task is one student; the fast parameter is their ability, the shared
parameters are item difficulties. Meta-training must lower the query loss
after adaptation, and the second-order MAML gradient must be the true
gradient of the post-adaptation loss (checked by finite differences).
"""
from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from engine.model.meta import ALGORITHMS, MAML, MetaSGD, make_learner

torch.set_num_threads(1)


def inner_loss(fast, shared, batch):
    logit = fast["theta"] - shared["b"][batch["rows"]]
    return (F.binary_cross_entropy_with_logits(logit, batch["y"], reduction="none") * batch["mask"]).sum() \
        + 0.5 * ((fast["theta"] - shared["theta0"]) ** 2).sum()


def outer_loss(fast, shared, batch):
    logit = fast["theta"] - shared["b"][batch["rows"]]
    return (F.binary_cross_entropy_with_logits(logit, batch["y"], reduction="none") * batch["mask"]).mean()


def irt_tasks(students: int = 64, items: int = 12, support: int = 4, query: int = 8, seed: int = 0, dtype=torch.float32):
    """Support/query batches from a 1PL IRT with abilities centred at 1 (so the initialisation must move)."""
    g = torch.Generator().manual_seed(seed)
    b = torch.linspace(-1.5, 1.5, items)
    theta = 1.0 + torch.randn(students, 1, generator=g)
    rows = torch.stack([torch.randperm(items, generator=g)[:support + query] for _ in range(students)])
    y = (torch.rand(students, support + query, generator=g) < torch.sigmoid(theta - b[rows])).to(dtype)
    ones = torch.ones_like(y)
    return ({"rows": rows[:, :support], "y": y[:, :support], "mask": ones[:, :support]},
            {"rows": rows[:, support:], "y": y[:, support:], "mask": ones[:, support:]})


def fresh_shared(items: int = 12, dtype=torch.float32):
    return {"b": torch.zeros(items, dtype=dtype, requires_grad=True), "theta0": torch.zeros(1, dtype=dtype, requires_grad=True)}


def query_loss(learner, shared, support, query) -> float:
    with torch.enable_grad():
        init = {"theta": shared["theta0"]}
        return float(learner.task_losses(init, shared, support, query).mean().detach())


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_reduces_query_loss_on_new_students(algorithm: str) -> None:
    shared = fresh_shared()
    learner = make_learner(algorithm, inner_loss, {"theta": shared["theta0"]}, 0.1, 2, outer_loss)
    optimiser = torch.optim.SGD(list(shared.values()) + learner.parameters(), lr=0.5 if algorithm != "reptile" else 0.3)
    held_support, held_query = irt_tasks(seed=99)  # students never trained on
    before = query_loss(learner, shared, held_support, held_query)
    for step in range(60):
        support, query = irt_tasks(seed=step)
        optimiser.zero_grad()
        learner.meta_backward({"theta": shared["theta0"]}, shared, support, query)
        optimiser.step()
    after = query_loss(learner, shared, held_support, held_query)
    assert after < before - 0.02, (algorithm, before, after)
    assert float(shared["theta0"].detach()) > 0.3  # the initialisation moved toward the population's ability


def test_second_order_gradient_differs_from_first_order_and_matches_finite_differences() -> None:
    support, query = irt_tasks(students=3, items=5, support=3, query=2, dtype=torch.float64)
    shared = fresh_shared(items=5, dtype=torch.float64)
    with torch.no_grad():
        shared["b"].copy_(torch.tensor([0.3, -0.2, 0.5, 0.1, -0.4], dtype=torch.float64))
    grads = {}
    for first_order in (False, True):
        for value in shared.values():
            value.grad = None
        MAML(inner_loss, 0.3, 2, first_order=first_order, outer_loss=outer_loss).meta_backward(
            {"theta": shared["theta0"]}, shared, support, query)
        grads[first_order] = shared["b"].grad.clone()
    assert not torch.allclose(grads[False], grads[True], atol=1e-4)

    learner = MAML(inner_loss, 0.3, 2, first_order=False, outer_loss=outer_loss)
    eps = 1e-6
    numeric = torch.zeros(5, dtype=torch.float64)
    for i in range(5):
        values = []
        for sign in (1, -1):
            probe = {k: v.detach().clone() for k, v in shared.items()}
            probe["b"][i] += sign * eps
            values.append(float(learner.task_losses({"theta": probe["theta0"]}, probe, support, query).mean()))
        numeric[i] = (values[0] - values[1]) / (2 * eps)
    np.testing.assert_allclose(grads[False].numpy(), numeric.numpy(), rtol=1e-5, atol=1e-8)


def test_meta_sgd_learns_its_step_sizes() -> None:
    shared = fresh_shared()
    learner = MetaSGD(inner_loss, {"theta": shared["theta0"]}, inner_lr=0.01, steps=1, outer_loss=outer_loss)
    optimiser = torch.optim.SGD(learner.parameters(), lr=0.05)
    with torch.no_grad():
        shared["theta0"].fill_(-1.0)  # far from the students: a bigger step helps
    for step in range(30):
        support, query = irt_tasks(seed=step)
        optimiser.zero_grad()
        learner.meta_backward({"theta": shared["theta0"]}, shared, support, query)
        optimiser.step()
    assert float(learner.lrs["theta"].detach()) > 0.05


def test_first_order_adapt_keeps_the_inner_step_out_of_the_graph() -> None:
    shared = fresh_shared()
    support, _ = irt_tasks(students=1)
    task = {k: v[0] for k, v in support.items()}
    adapted = MAML(inner_loss, 0.1, 1, first_order=True).adapt({"theta": shared["theta0"]}, task, shared)
    adapted["theta"].sum().backward()
    assert shared["b"].grad is None  # only the identity path to theta0 remains
    assert float(shared["theta0"].grad) == pytest.approx(1.0)


def test_unknown_algorithm_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown meta-learning algorithm"):
        make_learner("magic", inner_loss, {}, 0.1, 1)
