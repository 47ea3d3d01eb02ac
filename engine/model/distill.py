"""Distillation: the large attention memory model teaches the small cold-start model that ships.

The attention memory model (``attn``, :mod:`engine.model.sequence`) predicts each answer from
everything the student answered before it, and is the best knowledge-tracing model here. The
shipped cold-start model is a few meta-parameters and per-exercise difficulties. Distillation
adds the teacher's view to the small model's meta-training: a history student's *query*
targets become ``(1 - weight) * answer + weight * teacher`` (soft targets, as Hinton et al.
2015), so the outer loss also asks the small model to match the teacher's probabilities; the
support answers it adapts on stay the real ones, as at test time.

The teacher's prediction of a history answer must not have been trained on that answer, so
it is cross-fitted: the history students are split into ``folds`` by a seeded permutation,
and each fold's answers are predicted by a teacher trained on the other folds (``predict_next``:
each answer from that student's earlier ones). Everything is a function of the data, the seed
and the settings (the teacher trains by epochs and validation, one thread, deterministic).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping, Sequence

import numpy as np

from engine.data import subset
from engine.model.interface import Responses
from engine.model.response import ResponseModel, Settings


def teacher_predictions(history: Responses, folds: int = 2, seed: int = 0, teacher_config: Any = None) -> np.ndarray:
    """P(correct) of every history row from a teacher that never trained on that row's student."""
    from engine.model.sequence import NeuralSequenceModel, SequenceConfig

    students = list(dict.fromkeys(history.student_ids))
    fold_of = dict(zip(students, np.random.default_rng(seed).permutation(len(students)) % folds))
    row_fold = np.fromiter((fold_of[s] for s in history.student_ids), dtype=np.int64, count=len(history))
    out = np.full(len(history), np.nan)
    config = teacher_config or SequenceConfig(seed=seed)
    for fold in range(folds):
        held_out = np.flatnonzero(row_fold == fold)
        teacher = NeuralSequenceModel(config)
        teacher.fit(subset(history, np.flatnonzero(row_fold != fold)))
        out[held_out] = teacher.predict_next(subset(history, held_out))
    return out


class DistilledModel(ResponseModel):
    """The response model meta-trained on answers mixed with a cross-fitted teacher's predictions."""

    def __init__(self, settings: Settings | None = None, meta: Mapping[str, float] | None = None,
                 name: str = "distilled", weight: float = 0.5, folds: int = 2, teacher_config: Any = None) -> None:
        super().__init__(settings, meta, name)
        self.weight, self.folds, self.teacher_config = weight, folds, teacher_config

    def calibrate(self, history: Responses, items: Mapping[str, Sequence[str]] | None = None) -> None:
        """Train the teacher (cross-fitted), then meta-train with the soft query targets."""
        teacher = teacher_predictions(history, self.folds, self.settings.seed, self.teacher_config)
        answers = np.asarray(history.correct, dtype=np.float64)
        soft = (1.0 - self.weight) * answers + self.weight * teacher
        self.info["teacher_log_loss"] = float(-np.mean(answers * np.log(np.clip(teacher, 1e-6, 1))
                                                       + (1 - answers) * np.log(np.clip(1 - teacher, 1e-6, 1))))
        super().calibrate(replace(history, extra={**history.extra, "soft_target": soft.tolist()}), items)


def distilled_default(name: str = "default-distilled") -> DistilledModel:
    """The shipped default's settings and meta-parameters, calibrated with distillation."""
    from engine.model.registry import load_model

    shipped = load_model(None)
    return DistilledModel(replace(shipped.settings), shipped.transferable(), name=name)
