"""Exercise loadings: latent dimensions that link exercises beyond their skill tags.

A multidimensional IRT is fitted on the class history by joint MAP (each
history student's ability and latent position, each exercise's difficulty
and loadings, all with Gaussian priors)::

    logit P(correct) = theta_s + u_s . v_i - b_i,   u_s ~ N(0, I),  v_i ~ N(0, I / prior)

Only the loadings ``v_i`` are kept: the response model fits difficulties
itself and meta-learns how far a new student's ``u`` moves. A strong prior
keeps only patterns that many students share, so the loadings sharpen
predictions once a student has answered a few exercises without adding noise
before. They need many answers per exercise (:func:`worth_fitting`).
"""
from __future__ import annotations

from typing import Any

import numpy as np


def worth_fitting(rows: np.ndarray, dims: int, min_answers: float) -> bool:
    """True when the history has at least ``min_answers`` answers per answered exercise on average."""
    answered = len(np.unique(rows))
    return dims > 0 and answered > 0 and len(rows) / answered >= min_answers


def fit_loadings(students: np.ndarray, rows: np.ndarray, correct: np.ndarray, n_rows: int, dims: int,
                 prior: float, epochs: int = 300, seed: int = 0, device: Any = None) -> np.ndarray:
    """Loadings ``[n_rows, dims]`` of a joint-MAP multidimensional IRT fit (rows never answered get 0).

    ``students``, ``rows`` and ``correct`` are one entry per answer. Full-batch
    Adam on the log posterior; the ability spread is fitted too, so the
    latent dimensions only take up what a single ability cannot explain.
    """
    import torch
    import torch.nn.functional as F

    from engine.model.optim import Adam

    generator = torch.Generator().manual_seed(seed)  # drawn on the CPU: the same start on every device
    n_students = int(students.max()) + 1
    s, i = torch.as_tensor(students, device=device), torch.as_tensor(rows, device=device)
    y = torch.as_tensor(correct, dtype=torch.float32, device=device)
    theta = torch.zeros(n_students, device=device, requires_grad=True)
    u = (0.1 * torch.randn(n_students, dims, generator=generator)).to(device).requires_grad_(True)
    b = torch.zeros(n_rows, device=device, requires_grad=True)
    v = (0.1 * torch.randn(n_rows, dims, generator=generator)).to(device).requires_grad_(True)
    log_sd = torch.zeros((), device=device, requires_grad=True)
    optimiser = Adam([theta, u, b, v, log_sd], lr=0.05)
    for _ in range(epochs):
        for value in (theta, u, b, v, log_sd):
            value.grad = None
        logit = theta[s] + (u[s] * v[i]).sum(1) - b[i]
        data = F.binary_cross_entropy_with_logits(logit, y, reduction="sum")
        ability_prior = 0.5 * (theta ** 2).sum() * torch.exp(-2 * log_sd) + n_students * log_sd
        prior_terms = ability_prior + 0.5 * (u ** 2).sum() + 0.5 * (b ** 2).sum() + 0.5 * prior * (v ** 2).sum()
        ((data + prior_terms) / len(y)).backward()
        optimiser.step()
    loadings = v.detach().cpu().double().numpy().copy()
    loadings[np.bincount(rows, minlength=n_rows) == 0] = 0.0
    return loadings
