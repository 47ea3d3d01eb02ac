"""A metric-based cold-start family: a matching network over the history students.

Vinyals et al.'s matching networks predict a new example from labelled ones, weighted by
attention over how similar they are. Here the labelled examples are the history students:
a new student's P(correct) on exercise j is the attention-weighted share of history
students who got j right, where a history student's weight grows with how often they
answered the *asked* exercises the way this student did::

    w_h = exp(beta * (agreements_h - disagreements_h))
    P(j) = (sum_{h answered j} w_h r_hj + m * P_irt(j)) / (sum_{h answered j} w_h + m)

``P_irt`` is the prediction of a base model from the same answers (the prior, worth ``m``
answers; a 1PL IRT by default, or e.g. the shipped meta-learned model), so an exercise few
history students answered falls back to it. ``beta`` and ``m`` are fixed a priori (1 and
10), not tuned on any dataset. ``next_item`` and ``skill_mastery`` are the base model's.
Implements :class:`~engine.model.interface.StudentModel`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from engine.model.baselines import IRTModel
from engine.model.interface import Responses, StudentModel


@dataclass
class MatchingState:
    """The asked answers' attention over the history students, and the base model's state for the prior."""

    weights: np.ndarray
    base: Any


class MatchingModel:
    """Attention over history students who answered the asked exercises alike (see the module docstring)."""

    name = "matching"

    def __init__(self, beta: float = 1.0, prior_answers: float = 10.0, base: StudentModel | None = None,
                 name: str = "matching") -> None:
        self.beta = beta
        self.prior_answers = prior_answers
        self.base = base if base is not None else IRTModel()
        self.name = name
        self.answered_by: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.n_students = 0

    def calibrate(self, history: Responses, items: Mapping[str, Sequence[str]] | None = None) -> None:
        """Index who answered what (as +1 right / -1 wrong) and calibrate the base model."""
        self.base.calibrate(history, items or {})
        students: dict[str, int] = {}
        by_item: dict[str, tuple[list[int], list[float]]] = {}
        for student, item, correct in zip(history.student_ids, history.item_ids, np.asarray(history.correct).tolist()):
            who, signs = by_item.setdefault(item, ([], []))
            who.append(students.setdefault(student, len(students)))
            signs.append(1.0 if correct >= 0.5 else -1.0)
        self.n_students = len(students)
        self.answered_by = {item: (np.asarray(who, dtype=np.int64), np.asarray(signs)) for item, (who, signs) in by_item.items()}

    def adapt(self, item_ids: Sequence[str], correct: Sequence[float]) -> MatchingState:
        agreement = np.zeros(self.n_students)
        for item, value in zip(item_ids, correct):
            who, signs = self.answered_by.get(item, (np.zeros(0, np.int64), np.zeros(0)))
            agreement[who] += signs * (1.0 if value >= 0.5 else -1.0)
        # the best-agreeing history students count as one answer each; the others less
        weights = np.exp(self.beta * (agreement - agreement.max(initial=0.0)))
        return MatchingState(weights, self.base.adapt(item_ids, correct))

    def predict(self, state: MatchingState | None, item_ids: Sequence[str]) -> np.ndarray:
        state = state or self.adapt([], [])
        prior = self.base.predict(state.base, item_ids)
        out = np.empty(len(item_ids))
        for j, item in enumerate(item_ids):
            who, signs = self.answered_by.get(item, (np.zeros(0, np.int64), np.zeros(0)))
            w = state.weights[who]
            out[j] = (float(w @ (signs > 0)) + self.prior_answers * prior[j]) / (float(w.sum()) + self.prior_answers)
        return out

    def next_item(self, state: MatchingState | None, candidates: Sequence[str]) -> int:
        return self.base.next_item(state.base if state else None, candidates)

    def skill_mastery(self, state: MatchingState | None, skill_ids: Sequence[str]):
        return self.base.skill_mastery(state.base if state else None, skill_ids)
