"""Pooled prediction metrics: AUC, accuracy, log loss, expected calibration error.

All take ``y`` (0/1 outcomes; partial scores count as correct when >= 0.5) and
``p`` (predicted P(correct)) as arrays and return plain floats.
"""
from __future__ import annotations

import numpy as np

LOGLOSS_CLIP = 1e-6


def _arrays(y, p) -> tuple[np.ndarray, np.ndarray]:
    y = (np.asarray(y, dtype=np.float64) >= 0.5).astype(np.float64)
    p = np.asarray(p, dtype=np.float64)
    if y.shape != p.shape:
        raise ValueError(f"outcomes {y.shape} and predictions {p.shape} differ in shape")
    return y, p


def auc(y, p) -> float:
    """Area under the ROC curve, exact: P(p_pos > p_neg) + 0.5 P(p_pos == p_neg) (NaN with one class)."""
    y, p = _arrays(y, p)
    positives = int(y.sum())
    negatives = len(y) - positives
    if positives == 0 or negatives == 0:
        return float("nan")
    order = np.argsort(p, kind="mergesort")
    sorted_p = p[order]
    # Average ranks over ties (Mann-Whitney U with midranks).
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_p)) + 1]
    ends = np.r_[starts[1:], len(p)]
    midranks = (starts + ends + 1) / 2.0  # 1-based mean rank of each tie block
    ranks = np.empty(len(p))
    ranks[order] = np.repeat(midranks, ends - starts)
    rank_sum = ranks[y == 1].sum()
    return float((rank_sum - positives * (positives + 1) / 2.0) / (positives * negatives))


def accuracy(y, p) -> float:
    """Share of responses where (p >= 0.5) matches the outcome."""
    y, p = _arrays(y, p)
    return float(np.mean((p >= 0.5) == (y == 1))) if len(y) else float("nan")


def log_loss(y, p) -> float:
    """Mean negative log-likelihood with p clipped to [1e-6, 1 - 1e-6]."""
    y, p = _arrays(y, p)
    if not len(y):
        return float("nan")
    p = np.clip(p, LOGLOSS_CLIP, 1 - LOGLOSS_CLIP)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def expected_calibration_error(y, p, bins: int = 10) -> float:
    """Sum over 10 equal-width bins of (bin share) * |mean outcome - mean prediction|.

    Bins are [0, 0.1), [0.1, 0.2), ..., [0.9, 1.0]; p = 1 falls in the last bin.
    """
    y, p = _arrays(y, p)
    if not len(y):
        return float("nan")
    which = np.minimum((p * bins).astype(np.int64), bins - 1)
    count = np.bincount(which, minlength=bins)
    gap = np.abs(np.bincount(which, weights=y, minlength=bins) - np.bincount(which, weights=p, minlength=bins))
    return float(gap.sum() / len(y)) if count.sum() else float("nan")


def summarize(y, p) -> dict[str, float]:
    """All four metrics as a dict (keys auc, acc, logloss, ece)."""
    return {"auc": auc(y, p), "acc": accuracy(y, p), "logloss": log_loss(y, p),
            "ece": expected_calibration_error(y, p)}
