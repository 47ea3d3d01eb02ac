"""Plain baselines a meta-learned engine has to beat: item difficulty, 1PL IRT and Elo.

All three implement :class:`~engine.model.interface.StudentModel` (cold start);
:class:`IRTModel` and :class:`EloModel` also implement :class:`~engine.model.interface.SequenceModel`
(knowledge tracing). They use numpy only and fit in seconds on a laptop.
The knowledge-tracing baselines ``lr-kt`` and ``dkt`` live in
:mod:`engine.model.lrkt` and :mod:`engine.model.dkt`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from engine.model.interface import Responses

BAND_Z = 1.2816  # two-sided 80% normal band


def sigmoid(x: np.ndarray | float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))


def logit(p: np.ndarray | float) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def _index(names: Sequence[str]) -> tuple[dict[str, int], np.ndarray]:
    lookup: dict[str, int] = {}
    codes = np.fromiter((lookup.setdefault(name, len(lookup)) for name in names), dtype=np.int64, count=len(names))
    return lookup, codes


def _all_items(history: Responses, items: Mapping[str, Sequence[str]] | None) -> dict[str, tuple[str, ...]]:
    known = dict(history.item_skills())
    for item, skills in (items or {}).items():
        known.setdefault(item, tuple(skills))
    return known


class _ItemTable:
    """Per-item numbers with a default for items not in the table."""

    def __init__(self, values: dict[str, float], default: float):
        self.values = values
        self.default = default

    def __call__(self, item_ids: Sequence[str]) -> np.ndarray:
        get = self.values.get
        return np.fromiter((get(item, self.default) for item in item_ids), dtype=np.float64, count=len(item_ids))


def _skill_means(table: _ItemTable, items: Mapping[str, Sequence[str]], skill_ids: Sequence[str]) -> np.ndarray:
    """Mean of a per-item number over each skill's items (the table default for skills without items)."""
    by_skill: dict[str, list[float]] = {}
    for item, skills in items.items():
        for skill in skills:
            by_skill.setdefault(skill, []).append(table.values.get(item, table.default))
    return np.array([np.mean(by_skill[s]) if s in by_skill else table.default for s in skill_ids], dtype=np.float64)


class DifficultyModel:
    """Item difficulty only: every student gets the item's smoothed share of correct answers.

    ``(right + m * prior) / (answers + m)`` where the prior is the mean share
    of the item's skills (or the overall share for items without skills);
    unseen items get the prior. The student's answers are ignored, so this is
    the floor any personalised model must clear.
    """

    name = "difficulty"

    def __init__(self, smoothing: float = 5.0):
        self.smoothing = smoothing
        self.p_correct = _ItemTable({}, 0.5)
        self.items: dict[str, tuple[str, ...]] = {}

    def calibrate(self, history: Responses, items: Mapping[str, Sequence[str]] | None = None) -> None:
        self.items = _all_items(history, items)
        y = np.asarray(history.correct, dtype=np.float64)
        overall = float(y.mean()) if len(y) else 0.5
        skill_right: dict[str, float] = {}
        skill_count: dict[str, int] = {}
        item_right: dict[str, float] = {}
        item_count: dict[str, int] = {}
        for item, skills, value in zip(history.item_ids, history.skill_ids, y.tolist()):
            item_right[item] = item_right.get(item, 0.0) + value
            item_count[item] = item_count.get(item, 0) + 1
            for skill in skills:
                skill_right[skill] = skill_right.get(skill, 0.0) + value
                skill_count[skill] = skill_count.get(skill, 0) + 1
        m = self.smoothing

        def skill_share(skill: str) -> float:
            return (skill_right.get(skill, 0.0) + m * overall) / (skill_count.get(skill, 0) + m)

        shares = {}
        for item, skills in self.items.items():
            prior = float(np.mean([skill_share(s) for s in skills])) if skills else overall
            shares[item] = (item_right.get(item, 0.0) + m * prior) / (item_count.get(item, 0) + m)
        self.p_correct = _ItemTable(shares, overall)

    def adapt(self, item_ids: Sequence[str], correct: Sequence[float]) -> None:
        return None

    def predict(self, state: None, item_ids: Sequence[str]) -> np.ndarray:
        return self.p_correct(item_ids)

    def next_item(self, state: None, candidates: Sequence[str]) -> int:
        """The candidate whose share of correct answers is closest to one half."""
        return int(np.argmin(np.abs(self.p_correct(candidates) - 0.5)))

    def skill_mastery(self, state: None, skill_ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        estimate = _skill_means(self.p_correct, self.items, skill_ids)
        return estimate, np.clip(estimate - 0.25, 0, 1), np.clip(estimate + 0.25, 0, 1)


def fit_rasch(students: np.ndarray, items: np.ndarray, y: np.ndarray, n_students: int, n_items: int,
              item_precision: float = 1.0, iterations: int = 100, tolerance: float = 1e-5) -> tuple[np.ndarray, np.ndarray]:
    """Joint MAP fit of 1PL abilities (N(0, 1) prior) and difficulties (N(0, 1/item_precision) prior).

    Alternates exact one-dimensional Newton steps for all abilities, then all
    difficulties (each is independent of the others of its kind given the other
    kind); returns (abilities, difficulties).
    """
    theta = np.zeros(n_students)
    b = np.zeros(n_items)
    for _ in range(iterations):
        p = sigmoid(theta[students] - b[items])
        residual, weight = y - p, p * (1 - p)
        step = (np.bincount(students, residual, n_students) - theta) / (np.bincount(students, weight, n_students) + 1.0)
        theta += step
        p = sigmoid(theta[students] - b[items])
        residual, weight = y - p, p * (1 - p)
        b_step = (-np.bincount(items, residual, n_items) - item_precision * b) / (
            np.bincount(items, weight, n_items) + item_precision)
        b += b_step
        if max(np.abs(step).max(initial=0), np.abs(b_step).max(initial=0)) < tolerance:
            break
    return theta, b


@dataclass
class AbilityState:
    """A student's ability estimate (logit scale) and its posterior standard deviation."""

    theta: float
    sd: float


def map_ability(difficulties: np.ndarray, correct: np.ndarray, iterations: int = 30) -> AbilityState:
    """MAP ability with a standard normal prior, by Newton's method (the objective is concave)."""
    theta = 0.0
    precision = 1.0
    for _ in range(iterations):
        p = sigmoid(theta - difficulties)
        precision = float(np.sum(p * (1 - p))) + 1.0
        step = (float(np.sum(correct - p)) - theta) / precision
        theta += step
        if abs(step) < 1e-8:
            break
    p = sigmoid(theta - difficulties)
    return AbilityState(theta, 1.0 / np.sqrt(float(np.sum(p * (1 - p))) + 1.0))


class IRTModel:
    """1PL IRT (Rasch): P(correct) = sigmoid(ability - difficulty).

    ``calibrate`` fits difficulties on the history students jointly with their
    abilities (both with normal priors); a test student's ability is the MAP
    estimate under a standard normal prior from the answers seen so far.
    Items nobody answered get the mean difficulty. ``next_item`` asks the item
    whose predicted P(correct) is closest to 1/2 (nearest difficulty).
    """

    name = "irt"

    def __init__(self, item_precision: float = 1.0):
        self.item_precision = item_precision
        self.difficulty = _ItemTable({}, 0.0)
        self.items: dict[str, tuple[str, ...]] = {}

    def calibrate(self, history: Responses, items: Mapping[str, Sequence[str]] | None = None) -> None:
        self.items = _all_items(history, items)
        student_lookup, students = _index(history.student_ids)
        item_lookup, item_codes = _index(history.item_ids)
        _, b = fit_rasch(students, item_codes, np.asarray(history.correct, dtype=np.float64),
                         len(student_lookup), len(item_lookup), self.item_precision)
        self.difficulty = _ItemTable(dict(zip(item_lookup, b.tolist())), float(b.mean()) if len(b) else 0.0)

    def adapt(self, item_ids: Sequence[str], correct: Sequence[float]) -> AbilityState:
        return map_ability(self.difficulty(item_ids), np.asarray(correct, dtype=np.float64))

    def fit(self, train: Responses) -> None:
        """Knowledge tracing: difficulties from the history students' responses (all attempts)."""
        self.calibrate(train, None)

    def predict_next(self, test: Responses) -> np.ndarray:
        """Knowledge tracing: each response from the MAP ability given the student's earlier responses."""
        b = self.difficulty(test.item_ids)
        y = np.asarray(test.correct, dtype=np.float64)
        out = np.empty(len(test))
        theta, current, start = 0.0, None, 0
        for row, student in enumerate(test.student_ids):
            if student != current:
                current, start, theta = student, row, 0.0
            elif row > start:
                earlier_b, earlier_y = b[start:row], y[start:row]
                for _ in range(3):  # Newton from the previous estimate: one new answer moves it little
                    p = 1.0 / (1.0 + np.exp(earlier_b - theta))
                    theta += (float(np.sum(earlier_y - p)) - theta) / (float(np.sum(p * (1 - p))) + 1.0)
            out[row] = 1.0 / (1.0 + np.exp(b[row] - theta))
        return out

    def predict(self, state: AbilityState | None, item_ids: Sequence[str]) -> np.ndarray:
        theta = state.theta if state else 0.0
        return sigmoid(theta - self.difficulty(item_ids))

    def next_item(self, state: AbilityState | None, candidates: Sequence[str]) -> int:
        return int(np.argmin(np.abs(self.predict(state, candidates) - 0.5)))

    def skill_mastery(self, state: AbilityState | None, skill_ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        state = state or AbilityState(0.0, 1.0)
        b = _skill_means(self.difficulty, self.items, skill_ids)
        return (sigmoid(state.theta - b), sigmoid(state.theta - BAND_Z * state.sd - b),
                sigmoid(state.theta + BAND_Z * state.sd - b))


class EloModel:
    """Elo ratings of students and items (Pelánek's uncertainty-decayed K).

    P(correct) = sigmoid(student - item). ``calibrate``/``fit`` runs through the
    history in order, updating both ratings with K = alpha / (1 + beta * count);
    test students then start at 0 and move with the same K while item ratings
    stay fixed. As a :class:`SequenceModel` it predicts each response before
    updating the student's rating with it.
    """

    name = "elo"

    def __init__(self, alpha: float = 1.0, beta: float = 0.05, passes: int = 1):
        self.alpha, self.beta, self.passes = alpha, beta, passes
        self.rating = _ItemTable({}, 0.0)
        self.items: dict[str, tuple[str, ...]] = {}

    def _k(self, count: int) -> float:
        return self.alpha / (1.0 + self.beta * count)

    def calibrate(self, history: Responses, items: Mapping[str, Sequence[str]] | None = None) -> None:
        self.items = _all_items(history, items)
        ratings: dict[str, float] = {}
        counts: dict[str, int] = {}
        for _ in range(self.passes):
            student_rating, student_count, current = 0.0, 0, None
            for student, item, value in zip(history.student_ids, history.item_ids, history.correct.tolist()):
                if student != current:
                    current, student_rating, student_count = student, 0.0, 0
                b = ratings.get(item, 0.0)
                error = value - 1.0 / (1.0 + np.exp(b - student_rating))
                student_rating += self._k(student_count) * error
                ratings[item] = b - self._k(counts.get(item, 0)) * error
                student_count += 1
                counts[item] = counts.get(item, 0) + 1
        mean = float(np.mean(list(ratings.values()))) if ratings else 0.0
        self.rating = _ItemTable(ratings, mean)

    def fit(self, train: Responses) -> None:
        self.calibrate(train, None)

    def adapt(self, item_ids: Sequence[str], correct: Sequence[float]) -> float:
        theta = 0.0
        for count, (b, value) in enumerate(zip(self.rating(item_ids).tolist(), correct)):
            theta += self._k(count) * (float(value) - 1.0 / (1.0 + np.exp(b - theta)))
        return theta

    def predict(self, state: float | None, item_ids: Sequence[str]) -> np.ndarray:
        return sigmoid((state or 0.0) - self.rating(item_ids))

    def next_item(self, state: float | None, candidates: Sequence[str]) -> int:
        return int(np.argmin(np.abs(self.predict(state, candidates) - 0.5)))

    def skill_mastery(self, state: float | None, skill_ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        b = _skill_means(self.rating, self.items, skill_ids)
        theta = state or 0.0
        return sigmoid(theta - b), sigmoid(theta - 1.0 - b), sigmoid(theta + 1.0 - b)

    def predict_next(self, test: Responses) -> np.ndarray:
        b = self.rating(test.item_ids).tolist()
        out = np.empty(len(test))
        theta, count, current = 0.0, 0, None
        for row, (student, value) in enumerate(zip(test.student_ids, test.correct.tolist())):
            if student != current:
                current, theta, count = student, 0.0, 0
            p = 1.0 / (1.0 + np.exp(b[row] - theta))
            out[row] = p
            theta += self._k(count) * (value - p)
            count += 1
        return out
