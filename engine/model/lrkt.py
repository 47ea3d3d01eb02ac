"""Logistic-regression knowledge tracing (``lr-kt``), in the style of PFA and Gervet et al.'s best LR.

For each response the features are counted from the same student's earlier
responses only:

* the item (a learned easiness per item; unseen items fall back to 0),
* each of the item's skills: a skill easiness plus per-skill weights on
  log(1 + earlier successes) and log(1 + earlier failures) on that skill (PFA),
* log(1 + earlier successes / failures) overall and on this very item.

Weights are fitted by Adam on mini-batches with a small L2 penalty (torch, CPU).
"""
from __future__ import annotations

import numpy as np

from engine.model.interface import Responses

UNKNOWN = 0


def _codes(names, lookup: dict[str, int], grow: bool) -> np.ndarray:
    out = np.empty(len(names), dtype=np.int64)
    for row, name in enumerate(names):
        code = lookup.get(name)
        if code is None:
            code = UNKNOWN
            if grow:
                code = lookup[name] = len(lookup) + 1
        out[row] = code
    return out


def count_features(log: Responses, skill_lookup: dict[str, int], max_skills: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(skill codes [N, K], per-skill log counts [N, K, 2], overall and item log counts [N, 4]) from earlier rows."""
    n = len(log)
    skills = np.zeros((n, max_skills), dtype=np.int64)
    skill_counts = np.zeros((n, max_skills, 2), dtype=np.float32)
    dense = np.zeros((n, 4), dtype=np.float32)
    current = None
    per_skill: dict[str, list[int]] = {}
    per_item: dict[str, list[int]] = {}
    totals = [0, 0]
    for row, (student, item, item_skills, value) in enumerate(
            zip(log.student_ids, log.item_ids, log.skill_ids, log.correct.tolist())):
        if student != current:
            current, per_skill, per_item, totals = student, {}, {}, [0, 0]
        item_count = per_item.setdefault(item, [0, 0])
        dense[row] = (totals[0], totals[1], item_count[0], item_count[1])
        wrong = 0 if value >= 0.5 else 1
        for k, skill in enumerate(item_skills[:max_skills]):
            count = per_skill.setdefault(skill, [0, 0])
            skills[row, k] = skill_lookup.get(skill, UNKNOWN)
            skill_counts[row, k] = count
            count[wrong] += 1
        item_count[wrong] += 1
        totals[wrong] += 1
    return skills, np.log1p(skill_counts), np.log1p(dense)


class LogisticKT:
    """The ``lr-kt`` :class:`~engine.model.interface.SequenceModel`."""

    name = "lr-kt"

    def __init__(self, epochs: int = 6, batch_size: int = 4096, learning_rate: float = 0.03,
                 l2: float = 1e-6, max_skills: int = 4, seed: int = 0):
        self.epochs, self.batch_size, self.learning_rate = epochs, batch_size, learning_rate
        self.l2, self.max_skills, self.seed = l2, max_skills, seed
        self.item_lookup: dict[str, int] = {}
        self.skill_lookup: dict[str, int] = {}
        self.weights: dict[str, np.ndarray] = {}

    def _design(self, log: Responses, grow: bool):
        items = _codes(log.item_ids, self.item_lookup, grow)
        if grow:
            for skills in log.skill_ids:
                for skill in skills:
                    self.skill_lookup.setdefault(skill, len(self.skill_lookup) + 1)
        skills, skill_counts, dense = count_features(log, self.skill_lookup, self.max_skills)
        return items, skills, skill_counts, dense

    def _logits(self, torch, params, items, skills, skill_counts, dense):
        mask = (skills != UNKNOWN).float()
        per_skill = (params["skill_bias"][skills]
                     + params["skill_success"][skills] * skill_counts[..., 0]
                     + params["skill_failure"][skills] * skill_counts[..., 1])
        return params["bias"] + params["item"][items] + (per_skill * mask).sum(1) + dense @ params["dense"]

    def fit(self, train: Responses) -> None:
        import torch

        torch.manual_seed(self.seed)
        self.item_lookup, self.skill_lookup = {}, {}
        items, skills, skill_counts, dense = self._design(train, grow=True)
        tensors = [torch.from_numpy(a) for a in (items, skills, skill_counts, dense)]
        y = torch.from_numpy((np.asarray(train.correct) >= 0.5).astype(np.float32))
        n_items, n_skills = len(self.item_lookup) + 1, len(self.skill_lookup) + 1
        params = {name: torch.zeros(size, requires_grad=True) for name, size in (
            ("bias", ()), ("item", n_items), ("skill_bias", n_skills), ("skill_success", n_skills),
            ("skill_failure", n_skills), ("dense", 4))}
        optimizer = torch.optim.Adam(params.values(), lr=self.learning_rate)
        generator = torch.Generator().manual_seed(self.seed)
        for _ in range(self.epochs):
            for batch in torch.randperm(len(y), generator=generator).split(self.batch_size):
                logits = self._logits(torch, params, *(t[batch] for t in tensors))
                loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y[batch])
                loss = loss + self.l2 * sum((p ** 2).sum() for p in params.values())
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
        self.weights = {name: p.detach().numpy().copy() for name, p in params.items()}

    def predict_next(self, test: Responses) -> np.ndarray:
        import torch

        items, skills, skill_counts, dense = self._design(test, grow=False)
        params = {name: torch.from_numpy(np.asarray(w)) for name, w in self.weights.items()}
        with torch.no_grad():
            logits = self._logits(torch, params, *(torch.from_numpy(a) for a in (items, skills, skill_counts, dense)))
        return torch.sigmoid(logits).numpy().astype(np.float64)
