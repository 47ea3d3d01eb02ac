"""Differential privacy for update files: per-student clipping plus the Gaussian mechanism.

Every student's contribution to a file is one vector (their share of each
exported sum). It is clipped to L2 norm ``clip``, so adding or removing one
student moves the sums by at most ``clip``; then Gaussian noise with standard
deviation ``sigma * clip`` is added to every coordinate, over the whole pack
(also where the school has no answers, so absence is not revealed either).
``sigma`` comes from zero-concentrated DP (Bun & Steinke 2016): the Gaussian
mechanism with sensitivity 1 and noise ``sigma`` is ``rho = 1 / (2 sigma^2)``
-zCDP, which is ``(rho + 2 sqrt(rho ln(1/delta)), delta)``-DP; and ``k`` files
from the same students compose to ``k * rho``. The ε and δ are written in the
file (and shown on screen).
"""
from __future__ import annotations

import math

import numpy as np

DEFAULT_DELTA = 1e-5
DEFAULT_CLIP = 5.0


def rho_for(epsilon: float, delta: float = DEFAULT_DELTA) -> float:
    """The largest zCDP rho that guarantees (epsilon, delta)-DP."""
    if epsilon <= 0 or not 0 < delta < 1:
        raise ValueError("epsilon must be positive and delta between 0 and 1")
    log_term = math.log(1.0 / delta)
    return (math.sqrt(log_term + epsilon) - math.sqrt(log_term)) ** 2


def epsilon_for(rho: float, delta: float = DEFAULT_DELTA) -> float:
    """The (epsilon, delta)-DP that rho-zCDP gives."""
    return rho + 2.0 * math.sqrt(rho * math.log(1.0 / delta))


def noise_multiplier(epsilon: float, delta: float = DEFAULT_DELTA, releases: int = 1) -> float:
    """sigma (noise per unit of sensitivity) so that ``releases`` files together are (epsilon, delta)-DP."""
    return math.sqrt(releases / (2.0 * rho_for(epsilon, delta)))


def clip_factors(squared_norms: np.ndarray, clip: float) -> np.ndarray:
    """Per-student scale so that each contribution vector has L2 norm at most ``clip``."""
    norms = np.sqrt(np.maximum(squared_norms, 0.0))
    return np.minimum(1.0, clip / np.maximum(norms, 1e-12))


def add_noise(values: np.ndarray, std: float, rng: np.random.Generator) -> np.ndarray:
    """``values`` plus independent Gaussian noise of this standard deviation."""
    return values + rng.normal(0.0, std, size=values.shape)
