"""A small per-skill student model: the adapt service's fallback when no trained model is installed.

P(correct) = sigmoid(mu_k + g + u_k - b_i) for an exercise i of skill k, where

* ``b_i`` is the exercise's difficulty relative to its skill (from the class's
  answers; 0 for an exercise nobody answered yet),
* ``mu_k`` the class's typical level on skill k,
* ``g`` the student's general level (prior N(0, 0.5^2)) and ``u_k`` their own
  level on the skill (prior N(0, 1)), both MAP estimates with a Laplace band.

Recent answers count more than old ones (weight halves every
``half_life`` later answers on the same skill), so a student who has just
learned a skill shows it. It implements :class:`engine.model.interface.StudentModel`
with numpy only: fast, and fully explainable to a teacher.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from engine.model.interface import Responses

_Z80 = 1.2815515655446004  # 90th percentile of the standard normal: an 80% band


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _sigmoid(x: np.ndarray | float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


@dataclass
class SkillState:
    general: float
    general_var: float
    skill: dict[str, float]
    skill_var: dict[str, float]


class SkillAbilityModel:
    """Per-skill ability with a shared general level (see the module doc)."""

    name = "skill-ability"
    tuning_grid = {"half_life": [3.0, 6.0, 12.0, 1000.0], "general_sd": [0.5, 1.0], "skill_sd": [0.5, 1.0]}
    """Settings that learning on the laptop may tune on a class's answers."""

    def __init__(self, half_life: float = 6.0, general_sd: float = 0.5, skill_sd: float = 1.0) -> None:
        self.half_life = half_life
        self.general_sd = general_sd
        self.skill_sd = skill_sd
        self.items: dict[str, tuple[str, ...]] = {}
        self.difficulty: dict[str, float] = {}
        self.skill_level: dict[str, float] = {}
        self.overall = 0.0

    def calibrate(self, history: Responses, items: dict[str, tuple[str, ...]]) -> None:
        """Skill levels from the class's success rate per skill; exercise difficulty relative to its skill."""
        self.items = {**history.item_skills(), **{k: tuple(v) for k, v in items.items()}}
        scores = np.asarray(history.correct, dtype=float)
        self.overall = _logit(float(scores.mean())) if len(scores) else 0.0
        by_skill: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        by_item: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        for item, score in zip(history.item_ids, scores):
            by_item[item][0] += score
            by_item[item][1] += 1
            for skill in self.items.get(item, ()):
                by_skill[skill][0] += score
                by_skill[skill][1] += 1
        overall_rate = float(_sigmoid(self.overall))
        self.skill_level = {k: _logit((r + 2 * overall_rate) / (n + 2)) for k, (r, n) in by_skill.items()}
        self.difficulty = {}
        for item, (r, n) in by_item.items():
            typical = self._typical(self.items.get(item, ()))
            prior_rate = float(_sigmoid(typical))
            self.difficulty[item] = typical - _logit((r + 3 * prior_rate) / (n + 3))

    def _typical(self, skills: Sequence[str]) -> float:
        levels = [self.skill_level.get(s, self.overall) for s in skills]
        return float(np.mean(levels)) if levels else self.overall

    def adapt(self, item_ids: Sequence[str], correct: Sequence[float]) -> SkillState:
        y = np.asarray(correct, dtype=float)
        skills_of = [self.items.get(i, ()) for i in item_ids]
        base = np.array([self._typical(s) - self.difficulty.get(i, 0.0) for i, s in zip(item_ids, skills_of)])
        # Age of each answer = later answers on the same skill(s); weight halves every half_life.
        later: dict[str, int] = defaultdict(int)
        weight = np.ones(len(y))
        for t in range(len(y) - 1, -1, -1):
            ages = [later[s] for s in skills_of[t]] or [0]
            weight[t] = 0.5 ** (min(ages) / self.half_life)
            for s in skills_of[t]:
                later[s] += 1
        general, general_var = self._map(base, y, weight, self.general_sd, 0.0)
        skill, skill_var = {}, {}
        members: dict[str, list[int]] = defaultdict(list)
        for t, skills in enumerate(skills_of):
            for s in skills:
                members[s].append(t)
        for s, rows in members.items():
            idx = np.array(rows)
            skill[s], skill_var[s] = self._map(base[idx] + general, y[idx], weight[idx], self.skill_sd, 0.0)
        return SkillState(general, general_var, skill, skill_var)

    @staticmethod
    def _map(offset: np.ndarray, y: np.ndarray, w: np.ndarray, prior_sd: float, start: float) -> tuple[float, float]:
        """MAP of a shift x in sigmoid(offset + x) with an N(0, prior_sd^2) prior, and its Laplace variance."""
        x = start
        precision = 1.0 / prior_sd**2
        hessian = precision
        for _ in range(20):
            p = _sigmoid(offset + x)
            gradient = float(np.sum(w * (y - p))) - precision * x
            hessian = float(np.sum(w * p * (1 - p))) + precision
            step = gradient / hessian
            x += max(-2.0, min(2.0, step))
            if abs(step) < 1e-6:
                break
        return x, 1.0 / hessian

    def _level(self, state: SkillState, skill: str) -> tuple[float, float]:
        level = self.skill_level.get(skill, self.overall) + state.general + state.skill.get(skill, 0.0)
        var = state.general_var + state.skill_var.get(skill, self.skill_sd**2)
        return level, var

    def predict(self, state: SkillState, item_ids: Sequence[str]) -> np.ndarray:
        out = np.empty(len(item_ids))
        for n, item in enumerate(item_ids):
            skills = self.items.get(item, ())
            level = np.mean([self._level(state, s)[0] for s in skills]) if skills else self.overall + state.general
            out[n] = level - self.difficulty.get(item, 0.0)
        return _sigmoid(out)

    def next_item(self, state: SkillState, candidates: Sequence[str]) -> int:
        return int(np.argmin(np.abs(self.predict(state, candidates) - 0.5)))

    def skill_mastery(self, state: SkillState, skill_ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        levels = [self._level(state, s) for s in skill_ids]
        mean = np.array([m for m, _ in levels])
        sd = np.sqrt(np.array([v for _, v in levels]))
        return _sigmoid(mean), _sigmoid(mean - _Z80 * sd), _sigmoid(mean + _Z80 * sd)
