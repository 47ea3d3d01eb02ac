"""A metric-based cold-start family: prototypical student groups.

Prototypical networks describe each class by one prototype and place a new example by its
distance to them. Here the classes are groups of history students found by a mixture of
Bernoulli profiles fitted with EM: a group's prototype is its P(correct) on each exercise
(shrunk toward the exercise's overall share, worth ``prior_answers`` answers). A new student
gets a posterior over the groups from the asked answers (the likelihood under each
prototype times the group's size), and P(correct) on an exercise is the posterior-weighted
mean of the prototypes. The number of groups (8), EM iterations (30) and shrinkage (5) are
fixed a priori, not tuned on any dataset. ``next_item`` asks the exercise whose answer the
groups disagree on most (the largest variance of the prototypes under the posterior).
Implements :class:`~engine.model.interface.StudentModel`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from engine.model.interface import Responses


@dataclass
class GroupPosterior:
    """A student's probability of belonging to each group."""

    weights: np.ndarray


class PrototypeModel:
    """Mixture of Bernoulli student profiles (see the module docstring)."""

    name = "prototypes"

    def __init__(self, groups: int = 8, iterations: int = 30, prior_answers: float = 5.0, seed: int = 0) -> None:
        self.groups, self.iterations, self.prior_answers, self.seed = groups, iterations, prior_answers, seed
        self.item_index: dict[str, int] = {}
        self.profiles = np.full((groups, 1), 0.5)  # last column: an exercise never seen
        self.sizes = np.full(groups, 1.0 / groups)

    def calibrate(self, history: Responses, items: Mapping[str, Sequence[str]] | None = None) -> None:
        """Fit the group profiles and sizes by EM on the history students' answers."""
        students: dict[str, int] = {}
        s = np.fromiter((students.setdefault(x, len(students)) for x in history.student_ids), np.int64, len(history))
        i = np.fromiter((self.item_index.setdefault(x, len(self.item_index)) for x in history.item_ids), np.int64,
                        len(history))
        y = np.asarray(history.correct, dtype=np.float64)
        n_items = len(self.item_index)
        overall = (np.bincount(i, y, n_items) + self.prior_answers * y.mean()) / (np.bincount(i, None, n_items)
                                                                                + self.prior_answers)
        rng = np.random.default_rng(self.seed)
        responsibility = rng.dirichlet(np.ones(self.groups), size=len(students))  # [students, groups]
        for _ in range(self.iterations):
            weight = responsibility[s]  # [answers, groups]
            right = np.stack([np.bincount(i, weight[:, g] * y, n_items) for g in range(self.groups)])
            seen = np.stack([np.bincount(i, weight[:, g], n_items) for g in range(self.groups)])
            profiles = (right + self.prior_answers * overall) / (seen + self.prior_answers)
            self.sizes = responsibility.mean(0)
            log_p, log_q = np.log(profiles), np.log1p(-profiles)
            per_answer = y[:, None] * log_p[:, i].T + (1 - y[:, None]) * log_q[:, i].T  # [answers, groups]
            log_lik = np.stack([np.bincount(s, per_answer[:, g], len(students)) for g in range(self.groups)], 1)
            log_post = log_lik + np.log(self.sizes)
            log_post -= log_post.max(1, keepdims=True)
            responsibility = np.exp(log_post)
            responsibility /= responsibility.sum(1, keepdims=True)
        unseen = np.full((self.groups, 1), float(y.mean()))
        self.profiles = np.concatenate([profiles, unseen], axis=1)

    def _columns(self, item_ids: Sequence[str]) -> np.ndarray:
        unseen = self.profiles.shape[1] - 1
        return np.fromiter((self.item_index.get(x, unseen) for x in item_ids), np.int64, len(item_ids))

    def adapt(self, item_ids: Sequence[str], correct: Sequence[float]) -> GroupPosterior:
        columns = self._columns(item_ids)
        y = np.asarray(correct, dtype=np.float64)
        p = self.profiles[:, columns]
        log_post = np.log(self.sizes) + (y * np.log(p) + (1 - y) * np.log1p(-p)).sum(1)
        weights = np.exp(log_post - log_post.max())
        return GroupPosterior(weights / weights.sum())

    def predict(self, state: GroupPosterior | None, item_ids: Sequence[str]) -> np.ndarray:
        weights = state.weights if state is not None else self.sizes
        return weights @ self.profiles[:, self._columns(item_ids)]

    def next_item(self, state: GroupPosterior | None, candidates: Sequence[str]) -> int:
        weights = state.weights if state is not None else self.sizes
        p = self.profiles[:, self._columns(candidates)]
        mean = weights @ p
        return int(np.argmax(weights @ (p - mean) ** 2))

    def skill_mastery(self, state: GroupPosterior | None, skill_ids: Sequence[str]):
        estimate = np.full(len(skill_ids), float(self.predict(state, ["__unseen__"])[0]))
        return estimate, np.clip(estimate - 0.25, 0, 1), np.clip(estimate + 0.25, 0, 1)
