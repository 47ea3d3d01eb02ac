"""A tiny per-skill student model and a small generated class for the adapt tests.

The model is deliberately simple (Beta counts per skill, item offsets from the
class's answers) so the tests check the adapt logic, not a model's quality.
"""
from __future__ import annotations

import math
import random
from typing import Sequence

import numpy as np
import pytest

from engine.model.interface import Responses


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


class TinySkillModel:
    """P(correct) = sigmoid(logit(skill mean) - item offset); skills tracked by Beta counts."""

    name = "tiny-skill"

    def __init__(self) -> None:
        self.items: dict[str, tuple[str, ...]] = {}
        self.offset: dict[str, float] = {}

    def calibrate(self, history: Responses, items: dict[str, tuple[str, ...]]) -> None:
        self.items = dict(items)
        totals: dict[str, list[float]] = {}
        for item, c in zip(history.item_ids, history.correct):
            totals.setdefault(item, [0.0, 0.0])
            totals[item][0] += float(c)
            totals[item][1] += 1
        overall = float(np.mean(history.correct)) if len(history) else 0.5
        self.offset = {i: _logit(overall) - _logit((r + 1) / (n + 2)) for i, (r, n) in totals.items()}

    def adapt(self, item_ids: Sequence[str], correct: Sequence[float]) -> dict[str, list[float]]:
        state: dict[str, list[float]] = {}
        for item, c in zip(item_ids, correct):
            for skill in self.items.get(item, ()):
                entry = state.setdefault(skill, [1.0, 1.0])
                entry[0] += float(c)
                entry[1] += 1.0 - float(c)
        return state

    def _skill_mean(self, state, skill: str) -> float:
        a, b = state.get(skill, (1.0, 1.0))
        return a / (a + b)

    def predict(self, state, item_ids: Sequence[str]) -> np.ndarray:
        out = []
        for item in item_ids:
            skills = self.items.get(item, ())
            base = np.mean([self._skill_mean(state, s) for s in skills]) if skills else 0.5
            out.append(1 / (1 + math.exp(-(_logit(float(base)) - self.offset.get(item, 0.0)))))
        return np.array(out)

    def next_item(self, state, candidates: Sequence[str]) -> int:
        return int(np.argmin(np.abs(self.predict(state, candidates) - 0.5)))

    def skill_mastery(self, state, skill_ids: Sequence[str]):
        est, low, high = [], [], []
        for skill in skill_ids:
            a, b = state.get(skill, (1.0, 1.0))
            mean = a / (a + b)
            sd = math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
            est.append(mean)
            low.append(max(1e-3, mean - 1.2816 * sd))
            high.append(min(1 - 1e-3, mean + 1.2816 * sd))
        return np.array(est), np.array(low), np.array(high)


# Skills: counting -> addition -> multiplication -> fractions; addition -> subtraction.
PREREQUISITES = {
    "addition": ["counting"],
    "subtraction": ["addition"],
    "multiplication": ["addition"],
    "fractions": ["multiplication"],
}
SKILL_NAMES = {s: s.capitalize() for s in ["counting", "addition", "subtraction", "multiplication", "fractions"]}


def make_bank(per_skill: int = 6) -> dict[str, tuple[str, ...]]:
    """``per_skill`` exercises per skill, ids like ``addition-3``."""
    return {f"{s}-{i}": (s,) for s in SKILL_NAMES for i in range(per_skill)}


def make_class(students: int = 8, answers: int = 30, seed: int = 0) -> Responses:
    """A class whose students know the first few skills of the chain, differently far."""
    rng = random.Random(seed)
    bank = make_bank()
    order = ["counting", "addition", "subtraction", "multiplication", "fractions"]
    sids, iids, skills, correct = [], [], [], []
    for s in range(students):
        known = set(order[: 1 + s % len(order)])
        for _ in range(answers):
            item = rng.choice(sorted(bank))
            p = 0.9 if bank[item][0] in known else 0.2
            sids.append(f"s{s}")
            iids.append(item)
            skills.append(bank[item])
            correct.append(1.0 if rng.random() < p else 0.0)
    return Responses(sids, iids, skills, np.array(correct, dtype=np.float32))


@pytest.fixture
def bank() -> dict[str, tuple[str, ...]]:
    return make_bank()


@pytest.fixture
def model(bank) -> TinySkillModel:
    m = TinySkillModel()
    m.calibrate(make_class(), bank)
    return m
