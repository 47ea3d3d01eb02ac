"""Per-question marking metrics: accuracy, macro-F1, AUC, and the auto-marking threshold."""
from __future__ import annotations

import numpy as np

from engine.evaluation.metrics import auc

__all__ = ["accuracy", "auc", "macro_f1", "precision_threshold"]


def accuracy(y: np.ndarray, p: np.ndarray) -> float:
    """Share of answers whose mark at threshold 0.5 equals the teacher's."""
    return float(np.mean((np.asarray(p) >= 0.5) == (np.asarray(y) >= 0.5)))


def macro_f1(y: np.ndarray, predicted: np.ndarray) -> float:
    """Mean F1 over the classes present in the truth or the prediction (scikit-learn's default)."""
    truth, guess = np.asarray(y) >= 0.5, np.asarray(predicted) >= 0.5
    scores = []
    for cls in (False, True):
        if not (truth == cls).any() and not (guess == cls).any():
            continue
        tp = float(np.sum((truth == cls) & (guess == cls)))
        fp, fn = float(np.sum((truth != cls) & (guess == cls))), float(np.sum((truth == cls) & (guess != cls)))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores)) if scores else 0.0


def precision_threshold(confidence: np.ndarray, right: np.ndarray, target: float = 0.95, min_count: int = 20) -> float:
    """Lowest confidence from which the marks decided alone are right at least ``target`` of the time.

    Scans thresholds from the most confident answer down and keeps the lowest one whose
    marked-alone set (at least ``min_count`` answers) still reaches the target; inf if none does.
    """
    order = np.argsort(-np.asarray(confidence), kind="mergesort")
    conf, ok = np.asarray(confidence)[order], np.asarray(right, dtype=np.float64)[order]
    precision = np.cumsum(ok) / np.arange(1, len(ok) + 1)
    best = float("inf")
    for i in range(len(conf)):
        last_of_tie = i + 1 == len(conf) or conf[i + 1] < conf[i]
        if last_of_tie and i + 1 >= min_count and precision[i] >= target:
            best = float(conf[i])
    return best
