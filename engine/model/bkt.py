"""Bayesian knowledge tracing (BKT): fitting, and a StudentModel built on it.

BKT (Corbett & Anderson, 1995) says each skill is either known or not; a
student who knows it answers right unless they slip, one who does not
answers right only by guessing, and every exercise is a chance to learn it.
Four numbers per skill (prior, learn, guess, slip) are fitted on a class's
answers by maximum likelihood (a coarse then a fine grid, vectorised in numpy).

:class:`KnowledgeTracingModel` implements
:class:`engine.model.interface.StudentModel` with it: the adapt service's
model for mastery learning when no trained model is installed, and the
practice benchmark's fallback. Its answer to "how sure are we the skill is
mastered" is the chance that the skill is known (see :meth:`chance_above`).
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import astuple, dataclass
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from engine.model.interface import Responses

_LOG_EVERY = 25
"""Answers multiplied together before one log is taken: 25 chances of at least 1e-9 stay far from underflow."""


def _by_length(sequences: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """The answers padded into (longest first) rows, and how many rows are still answering at each step."""
    ordered = sorted(sequences, key=len, reverse=True)
    lengths = np.array([len(s) for s in ordered])
    answers = np.zeros((len(ordered), int(lengths[0]) if len(ordered) else 0))
    for row, seq in enumerate(ordered):
        answers[row, : len(seq)] = seq
    active = (lengths[None, :] > np.arange(answers.shape[1])[:, None]).sum(axis=1)
    return answers, active


def bkt_log_likelihood(
    sequences: Sequence[Sequence[int]], prior: np.ndarray, learn: np.ndarray, guess: np.ndarray, slip: np.ndarray
) -> np.ndarray:
    """Total log-likelihood of the answer sequences under each parameter set (vectorised over sets).

    Students are sorted longest first, so each step works only on those still
    answering, and the chances of the answers are multiplied for a few steps
    before one log is taken: the same sums as a log per answer (up to
    rounding, 1e-15 relative), about 1.5 times quicker, which fitting a
    class's knowledge tracing on a year of answers spends most of its time in.
    """
    answers, active = _by_length(sequences)
    prior, learn, guess, slip = (np.asarray(a, dtype=float)[:, None] for a in (prior, learn, guess, slip))
    sets, students = prior.shape[0], answers.shape[0]
    known = np.array(np.broadcast_to(prior, (sets, students)))
    right_if_known = 1 - slip
    product, total = np.ones((sets, students)), np.zeros(sets)
    p_right, p_answer, numerator = (np.empty((sets, students)) for _ in range(3))
    for t in range(answers.shape[1]):
        n = int(active[t])
        right = answers[:n, t] > 0.5
        k, pr, pa, num = known[:, :n], p_right[:, :n], p_answer[:, :n], numerator[:, :n]
        np.multiply(k, right_if_known, out=num)
        np.subtract(1, k, out=pr)
        np.multiply(pr, guess, out=pr)
        np.add(num, pr, out=pr)  # P(right) = known (1 - slip) + (1 - known) guess
        np.subtract(1, pr, out=pa)
        np.copyto(pa, pr, where=right)  # P(this answer)
        np.maximum(pa, 1e-9, out=pa)
        product[:, :n] *= np.minimum(pa, 1.0, out=pr)  # (rounding can take a chance just past 1)
        np.multiply(k, slip, out=pr)
        np.copyto(num, pr, where=~right)  # P(known and this answer)
        np.divide(num, pa, out=num)  # P(known | this answer)
        np.subtract(1, num, out=pr)
        pr *= learn
        np.add(num, pr, out=k)  # posterior + (1 - posterior) learn, in this order: known near 1 is ill-conditioned
        if (t + 1) % _LOG_EVERY == 0:
            total += np.log(product).sum(axis=1)
            product.fill(1.0)
    return total + np.log(product).sum(axis=1)


def fit_bkt(sequences: Sequence[Sequence[int]], min_slip: float = 0.01,
            start: Sequence[float] | None = None) -> tuple[float, float, float, float, float]:
    """(prior, learn, guess, slip, mean log loss) maximising the likelihood, by a coarse then a fine grid.

    Guess and slip stay below 0.4 so "knowing" means what it says (the usual
    identifiability constraint of BKT), and slip at least ``min_slip``.
    ``start`` (an earlier fit's four numbers) skips the coarse grid: only the fine
    grid around it is searched (re-fitting after a few more answers).
    """
    limits = [(0.01, 0.99), (0.005, 0.6), (0.01, 0.4), (min_slip, 0.4)]
    grids = [
        np.linspace(0.05, 0.95, 10),
        np.array([0.01, 0.03, 0.06, 0.1, 0.15, 0.2, 0.3, 0.45]),
        np.linspace(0.05, 0.4, 8),
        np.linspace(max(min_slip, 0.02), 0.4, 8),
    ]
    if start is not None:
        grids = [np.clip(np.linspace(value * 0.7, value * 1.3, 5), low, high) for value, (low, high) in zip(start, limits)]
    best = None
    for _ in range(1 if start is not None else 2):
        mesh = [m.ravel() for m in np.meshgrid(*grids, indexing="ij")]
        ll = bkt_log_likelihood(sequences, *mesh)
        i = int(np.argmax(ll))
        best = [m[i] for m in mesh]
        # Refine: a finer grid within 30% either side of the best point.
        grids = []
        for value, (low, high) in zip(best, limits):
            grids.append(np.clip(np.linspace(value * 0.7, value * 1.3, 5), low, high))
        best_ll = ll[i]
    responses = sum(len(s) for s in sequences)
    prior, learn, guess, slip = (float(round(v, 4)) for v in best)
    return prior, learn, guess, slip, float(-best_ll / max(responses, 1))



def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


@dataclass(frozen=True)
class SkillParameters:
    prior: float
    learn: float
    guess: float
    slip: float


DEFAULT_PARAMETERS = SkillParameters(prior=0.4, learn=0.1, guess=0.2, slip=0.1)

# Students who know a skill still slip: 6% to 29% of the time on ASSISTments 2009's most practised
# skills (resources/simulator). Fitted on one class, a skill can come out with almost no slip; the
# tracer then takes one slip for "does not know it", and a student who knows the skill has to answer
# right many times in a row before it counts as mastered again.
TRACER_MIN_SLIP = 0.1


class KnowledgeTracingModel:
    """Per-skill BKT fitted on the class history, with exercise difficulty offsets.

    ``calibrate`` fits the four BKT numbers of every skill with at least
    ``min_answers`` answers in the history (others get the average of the
    fitted skills) and each exercise's difficulty relative to its skill.
    ``adapt`` runs the BKT filter over the student's answers; the state is the
    chance that each skill is known now.
    """

    name = "knowledge-tracing"
    skill_figures_independent = True
    """``skill_mastery`` and ``chance_above`` of a skill read only that skill's entry of the state
    (progress over time reuses the figures of skills a week's answers did not touch)."""

    def __init__(self, min_answers: int = 30, max_sequence: int = 60) -> None:
        self.min_answers = min_answers
        self.max_sequence = max_sequence
        self.items: dict[str, tuple[str, ...]] = {}
        self.skill_parameters: dict[str, SkillParameters] = {}
        self.default = DEFAULT_PARAMETERS
        self.difficulty: dict[str, float] = {}

    def recalibrate(self, history: Responses, items: dict[str, tuple[str, ...]]) -> None:
        """:meth:`calibrate` again after new answers, each skill's fit searched near its earlier one (much quicker)."""
        self.calibrate(history, items, start=dict(self.skill_parameters))

    def calibrate(self, history: Responses, items: dict[str, tuple[str, ...]],
                  start: Mapping[str, SkillParameters] | None = None) -> None:
        self.items = {**history.item_skills(), **{k: tuple(v) for k, v in items.items()}}
        sequences: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        by_skill: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        by_item: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        for student, item, score in zip(history.student_ids, history.item_ids, history.correct):
            by_item[item][0] += float(score)
            by_item[item][1] += 1
            for skill in self.items.get(item, ()):
                sequences[skill][student].append(int(score >= 0.5))
                by_skill[skill][0] += float(score)
                by_skill[skill][1] += 1
        self.skill_parameters = {}
        for skill, per_student in sequences.items():
            if by_skill[skill][1] >= self.min_answers:
                earlier = (start or {}).get(skill)
                prior, learn, guess, slip, _ = fit_bkt([s[: self.max_sequence] for s in per_student.values()], TRACER_MIN_SLIP,
                                                       None if earlier is None else astuple(earlier))
                self.skill_parameters[skill] = SkillParameters(prior, learn, guess, slip)
        if self.skill_parameters:
            fitted = list(self.skill_parameters.values())
            self.default = SkillParameters(*(float(np.mean([getattr(p, f) for p in fitted])) for f in ("prior", "learn", "guess", "slip")))
        overall = sum(r for r, _ in by_item.values()) / max(1.0, sum(n for _, n in by_item.values()))
        skill_rate = {k: (r + 2 * overall) / (n + 2) for k, (r, n) in by_skill.items()}
        self.difficulty = {}
        for item, (r, n) in by_item.items():
            rates = [skill_rate.get(s, overall) for s in self.items.get(item, ())] or [overall]
            typical = float(np.mean(rates))
            self.difficulty[item] = _logit(typical) - _logit((r + 3 * typical) / (n + 3))

    def to_dict(self) -> dict[str, Any]:
        """The fitted numbers as plain JSON data (kept with the class, so no process re-fits them)."""
        return {
            "min_answers": self.min_answers, "max_sequence": self.max_sequence,
            "items": {k: list(v) for k, v in self.items.items()},
            "skills": {k: list(astuple(p)) for k, p in self.skill_parameters.items()},
            "default": list(astuple(self.default)), "difficulty": dict(self.difficulty),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "KnowledgeTracingModel":
        """A tracer from :meth:`to_dict`'s data (checked: bad data raises ``ValueError``)."""
        try:
            model = cls(int(data["min_answers"]), int(data["max_sequence"]))
            model.items = {str(k): tuple(str(s) for s in v) for k, v in data["items"].items()}
            model.skill_parameters = {str(k): _checked_parameters(v) for k, v in data["skills"].items()}
            model.default = _checked_parameters(data["default"])
            model.difficulty = {str(k): float(v) for k, v in data["difficulty"].items()}
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a knowledge-tracing fit: {exc}") from None
        return model

    def parameters(self, skill: str) -> SkillParameters:
        return self.skill_parameters.get(skill, self.default)

    def _chances(self, skill: str, item: str | None) -> tuple[float, float]:
        """(P(right | known), P(right | not known)) on ``item`` (None: a typical exercise)."""
        p = self.parameters(skill)
        offset = self.difficulty.get(item, 0.0) if item is not None else 0.0
        memo = self.__dict__.setdefault("_chances_of", {})
        kept = memo.get((skill, item))
        # The same (skill, exercise) pairs come back for every answer of every child; an entry is used only
        # while the skill's parameters (the same object) and the exercise's difficulty are the ones it was made from.
        if kept is None or kept[0] is not p or kept[1] != offset:
            kept = memo[(skill, item)] = (p, offset, _sigmoid(_logit(1 - p.slip) - offset), _sigmoid(_logit(p.guess) - offset))
        return kept[2], kept[3]

    def adapt(self, item_ids: Sequence[str], correct: Sequence[float]) -> dict[str, float]:
        return self.update({}, item_ids, correct)

    def touched(self, item_ids: Iterable[str]) -> set[str]:
        """The skills whose state :meth:`update` with answers to ``item_ids`` changes (and no other)."""
        return {skill for item in item_ids for skill in self.items.get(item, ())}

    def update(self, state: dict[str, float], item_ids: Sequence[str], correct: Sequence[float]) -> dict[str, float]:
        """The state after more answers (``adapt`` of all answers, without replaying the old ones)."""
        known = dict(state)
        fitted, default, difficulty = self.skill_parameters, self.default, self.difficulty
        memo = self.__dict__.setdefault("_chances_of", {})
        for item, score in zip(item_ids, correct):
            for skill in self.items.get(item, ()):
                p = fitted.get(skill, default)  # self.parameters(skill) and self._chances(skill, item), inlined (hot loop)
                k = known.get(skill, p.prior)
                kept = memo.get((skill, item))
                if kept is None or kept[0] is not p or kept[1] != difficulty.get(item, 0.0):
                    self._chances(skill, item)
                    kept = memo[(skill, item)]
                right_known, right_unknown = kept[2], kept[3]
                score = float(score)
                like_known = score * right_known + (1 - score) * (1 - right_known)
                like_unknown = score * right_unknown + (1 - score) * (1 - right_unknown)
                posterior = k * like_known / max(k * like_known + (1 - k) * like_unknown, 1e-12)
                known[skill] = posterior + (1 - posterior) * p.learn
        return known

    def _known(self, state: dict[str, float], skill: str) -> float:
        return state.get(skill, self.parameters(skill).prior)

    def predict(self, state: dict[str, float], item_ids: Sequence[str]) -> np.ndarray:
        out = np.empty(len(item_ids))
        for n, item in enumerate(item_ids):
            skills = self.items.get(item, ())
            if not skills:
                out[n] = _sigmoid(_logit(1 - self.default.slip) - self.difficulty.get(item, 0.0)) * 0.5 + 0.25
                continue
            values = []
            for skill in skills:
                k = self._known(state, skill)
                right_known, right_unknown = self._chances(skill, item)
                values.append(k * right_known + (1 - k) * right_unknown)
            out[n] = values[0] if len(values) == 1 else float(np.mean(values))  # (np.mean of one number: slow, the same)
        return out

    def next_item(self, state: dict[str, float], candidates: Sequence[str]) -> int:
        return int(np.argmin(np.abs(self.predict(state, candidates) - 0.5)))

    def skill_mastery(self, state: dict[str, float], skill_ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Chance of success on a typical exercise; the band spans the known / not known outcomes.

        The 80% band is the 10th-90th percentile of a two-outcome quantity:
        the not-known chance when that outcome has over 10% probability,
        else the known chance (and symmetrically for the top).
        """
        est, low, high = [], [], []
        for skill in skill_ids:
            k = self._known(state, skill)
            right_known, right_unknown = self._chances(skill, None)
            est.append(k * right_known + (1 - k) * right_unknown)
            low.append(right_unknown if k < 0.9 else right_known)
            high.append(right_known if k > 0.1 else right_unknown)
        return np.array(est), np.array(low), np.array(high)

    def chance_above(self, state: dict[str, float], skill_ids: Sequence[str], level: float) -> np.ndarray:
        """How sure we are that the chance of success on a typical exercise is above ``level``."""
        out = []
        for skill in skill_ids:
            right_known, right_unknown = self._chances(skill, None)
            k = self._known(state, skill)
            out.append((k if right_known > level else 0.0) + ((1 - k) if right_unknown > level else 0.0))
        return np.array(out)


def _checked_parameters(values: Any) -> SkillParameters:
    """Four probabilities (prior, learn, guess, slip), each finite and in [0, 1]."""
    numbers = [float(v) for v in values]
    if len(numbers) != 4 or not all(0.0 <= v <= 1.0 for v in numbers):
        raise ValueError(f"knowledge-tracing parameters must be four probabilities, not {values!r}")
    return SkillParameters(*numbers)
