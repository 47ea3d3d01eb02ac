"""Gradient-based meta-learning with ``torch.func``: MAML, first-order MAML, Reptile, Meta-SGD.

The shape follows learn2learn (``learner = MAML(loss, inner_lr, steps)``;
``adapted = learner.adapt(params, support)``) without depending on it.
Parameters are plain dicts of tensors, so a model is a pure function
``loss(fast, shared, batch) -> scalar`` of

* ``fast``: the per-task parameters that the inner loop adapts (here, one
  student's ability), starting from a meta-learned initialisation;
* ``shared``: parameters every task uses unchanged (here, item difficulties
  and priors), trained only by the outer loop;
* ``batch``: one task's data (a dict of tensors, no leading task dimension).

:meth:`MetaLearner.meta_backward` runs a batch of tasks at once with
``torch.func.vmap`` (each tensor in the support/query dicts gets a leading
task dimension), and leaves meta-gradients in ``.grad`` of the
initialisation, the shared parameters and the learner's own step sizes, ready
for any torch optimiser. Second-order MAML differentiates through the inner
gradient steps; the first-order variants cut that graph.
"""
from __future__ import annotations

from typing import Any, Callable, Mapping

import torch
from torch.func import grad, vmap

Params = dict[str, torch.Tensor]
LossFn = Callable[[Params, Params, Mapping[str, torch.Tensor]], torch.Tensor]

ALGORITHMS = ("maml", "fomaml", "reptile", "metasgd")


class MetaLearner:
    """Common inner loop: ``steps`` gradient steps of ``inner_loss`` from the initialisation.

    ``outer_loss`` scores the adapted parameters on the query set (defaults
    to ``inner_loss``; use a separate one when the inner loss carries a prior
    term that should not be part of the query score).
    """

    first_order = False

    def __init__(self, inner_loss: LossFn, inner_lr: float = 0.1, steps: int = 1, outer_loss: LossFn | None = None) -> None:
        if steps < 1:
            raise ValueError("steps must be at least 1")
        self.inner_loss = inner_loss
        self.outer_loss = outer_loss or inner_loss
        self.inner_lr = float(inner_lr)
        self.steps = int(steps)

    def step_sizes(self, fast: Params) -> Mapping[str, torch.Tensor | float]:
        """Step size of every fast parameter (a fixed scalar here; learned in Meta-SGD)."""
        return {name: self.inner_lr for name in fast}

    def parameters(self) -> list[torch.Tensor]:
        """The learner's own trainable tensors (none, except Meta-SGD's step sizes)."""
        return []

    def adapt(self, fast: Params, support: Mapping[str, torch.Tensor], shared: Params | None = None) -> Params:
        """Parameters after ``steps`` gradient steps on one task's support set."""
        shared = shared if shared is not None else {}
        lrs = self.step_sizes(fast)
        gradient = grad(self.inner_loss)
        for _ in range(self.steps):
            grads = gradient(fast, shared, support)
            if self.first_order:
                grads = {name: g.detach() for name, g in grads.items()}
            fast = {name: value - lrs[name] * grads[name] for name, value in fast.items()}
        return fast

    def task_losses(self, init: Params, shared: Params, support: Mapping[str, torch.Tensor],
                    query: Mapping[str, torch.Tensor]) -> torch.Tensor:
        """Query loss of every task in the batch after adapting on its support set (vmapped)."""

        def one_task(task_support: Mapping[str, torch.Tensor], task_query: Mapping[str, torch.Tensor]) -> torch.Tensor:
            return self.outer_loss(self.adapt(init, task_support, shared), shared, task_query)

        return vmap(one_task)(dict(support), dict(query))

    def meta_backward(self, init: Params, shared: Params, support: Mapping[str, torch.Tensor],
                      query: Mapping[str, torch.Tensor]) -> float:
        """Accumulate meta-gradients into ``.grad`` and return the mean query loss."""
        loss = self.task_losses(init, shared, support, query).mean()
        loss.backward()
        return float(loss.detach())


class MAML(MetaLearner):
    """Model-agnostic meta-learning (Finn et al. 2017): learn an initialisation, fixed inner step size.

    ``first_order=True`` drops the second-order terms (the gradient through the
    inner steps' gradients), which is cheaper and often nearly as good.
    """

    def __init__(self, inner_loss: LossFn, inner_lr: float = 0.1, steps: int = 1, first_order: bool = False,
                 outer_loss: LossFn | None = None) -> None:
        super().__init__(inner_loss, inner_lr, steps, outer_loss)
        self.first_order = bool(first_order)


class FOMAML(MAML):
    """First-order MAML: MAML without differentiating through the inner gradients."""

    def __init__(self, inner_loss: LossFn, inner_lr: float = 0.1, steps: int = 1, outer_loss: LossFn | None = None) -> None:
        super().__init__(inner_loss, inner_lr, steps, first_order=True, outer_loss=outer_loss)


class MetaSGD(MetaLearner):
    """Meta-SGD (Li et al. 2017): MAML that also learns a step size for every fast parameter element.

    ``fast_like`` gives the shapes; the step sizes start at ``inner_lr`` and
    are trained by the outer loop like the initialisation.
    """

    def __init__(self, inner_loss: LossFn, fast_like: Params, inner_lr: float = 0.1, steps: int = 1,
                 first_order: bool = False, outer_loss: LossFn | None = None) -> None:
        super().__init__(inner_loss, inner_lr, steps, outer_loss)
        self.first_order = bool(first_order)
        self.lrs: Params = {name: torch.full_like(value.detach(), self.inner_lr).requires_grad_(True)
                            for name, value in fast_like.items()}

    def step_sizes(self, fast: Params) -> Mapping[str, torch.Tensor | float]:
        return self.lrs

    def parameters(self) -> list[torch.Tensor]:
        return list(self.lrs.values())


class Reptile(MetaLearner):
    """Reptile (Nichol et al. 2018): move the initialisation toward each task's adapted parameters.

    The inner loop trains on the whole task (support and query, the query
    weighted like the support; batches carry a ``mask`` of answer weights). The
    initialisation's "gradient" is ``init - mean(adapted)``; shared
    parameters get the first-order gradient of the query loss at the adapted
    parameters, so item parameters are still fitted.
    """

    first_order = True

    def meta_backward(self, init: Params, shared: Params, support: Mapping[str, torch.Tensor],
                      query: Mapping[str, torch.Tensor]) -> float:
        def whole_task_loss(fast: Params, shared_params: Params, task: Mapping[str, Any]) -> torch.Tensor:
            # the query part is scaled to the support's weight so one inner step size suits the whole task
            support_weight = task["support"]["mask"].sum().clamp(min=1.0)
            query_weight = task["query"]["mask"].sum().clamp(min=1.0)
            query_part = self.outer_loss(fast, shared_params, task["query"]) * support_weight / query_weight
            return self.inner_loss(fast, shared_params, task["support"]) + query_part

        whole = MetaLearner(whole_task_loss, self.inner_lr, self.steps)
        whole.first_order = True
        detached_init = {name: value.detach() for name, value in init.items()}

        def one_task(task_support: Mapping[str, torch.Tensor], task_query: Mapping[str, torch.Tensor]) -> tuple[Params, torch.Tensor]:
            adapted = whole.adapt(detached_init, {"support": task_support, "query": task_query}, shared)
            adapted = {name: value.detach() for name, value in adapted.items()}
            return adapted, self.outer_loss(adapted, shared, task_query)

        adapted, losses = vmap(one_task)(dict(support), dict(query))
        loss = losses.mean()
        loss.backward()
        for name, value in init.items():
            difference = (value.detach() - adapted[name].mean(dim=0))
            value.grad = difference if value.grad is None else value.grad + difference
        return float(loss.detach())


def make_learner(algorithm: str, inner_loss: LossFn, fast_like: Params, inner_lr: float, steps: int,
                 outer_loss: LossFn | None = None) -> MetaLearner:
    """A learner by name: ``maml``, ``fomaml``, ``reptile`` or ``metasgd``."""
    if algorithm == "maml":
        return MAML(inner_loss, inner_lr, steps, first_order=False, outer_loss=outer_loss)
    if algorithm == "fomaml":
        return FOMAML(inner_loss, inner_lr, steps, outer_loss=outer_loss)
    if algorithm == "reptile":
        return Reptile(inner_loss, inner_lr, steps, outer_loss=outer_loss)
    if algorithm == "metasgd":
        return MetaSGD(inner_loss, fast_like, inner_lr, steps, outer_loss=outer_loss)
    raise ValueError(f"unknown meta-learning algorithm {algorithm!r}; choose one of {', '.join(ALGORITHMS)}")
