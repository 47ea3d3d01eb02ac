"""Mastery of a skill, and the rule a teacher reads for "mastered".

The student model gives, per skill, an estimate of the chance of success on a
typical exercise of the skill and an uncertainty band around it (about 80%:
the 10th to the 90th percentile). From those we compute how sure we are that
the chance is above a threshold, reading the band as a (split) normal
distribution on the log-odds scale: a band that is narrow and high means
"sure it is high".

The rule, in the words the app shows (defaults):

* **mastered**: we are at least 90% sure that the chance of success on a
  typical exercise of the skill is above 70%; on a skill where even students
  who know it slip more often than that allows, the bar is what they reach
  (:func:`slip_aware_levels`, fitted on the class's answers);
* **needs help**: the student has answered at least 3 exercises of the skill
  and we are at least 90% sure the chance is below 50%;
* **not started**: no answers on the skill yet and not mastered by inference;
* **learning**: everything else.

All thresholds live in :class:`MasteryRule` and can be changed per class.

Why 70% and 90%: in the ASSISTments 2009 answers (``resources/simulator``),
students who know a skill still get 6% to 29% of its exercises wrong
(fitted BKT slip; most around 15-25%), so asking for more than 70% would call
many students who know a skill "not mastered" forever; and guessing succeeds
up to 40% of the time, so we ask to be 90% sure before moving a student on:
in the practice simulation a looser 80% let lucky streaks hide gaps.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from statistics import NormalDist
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

import numpy as np

if TYPE_CHECKING:
    from engine.adapt.bkt import KnowledgeTracingModel

MASTERED = "mastered"
LEARNING = "learning"
NEEDS_HELP = "needs help"
NOT_STARTED = "not started"

_EPS = 1e-4


@dataclass(frozen=True)
class MasteryRule:
    """Thresholds that turn a mastery estimate into a status a teacher can read."""

    threshold: float = 0.7
    """Chance of success on a typical exercise that counts as mastered."""
    confidence: float = 0.9
    """How sure we must be that the chance is above ``threshold``."""
    help_below: float = 0.5
    """Chance of success under which a student needs help on a skill."""
    help_min_answers: int = 3
    """Answers on the skill before we call for help (a first mistake is not a crisis)."""
    band_coverage: float = 0.8
    """How much probability the model's (low, high) band covers."""
    skill_levels: tuple[tuple[str, float], ...] = ()
    """(skill, level) pairs: lower bars for skills where students who know them still slip often."""

    def level(self, skill: str) -> float:
        """The chance of success that counts as mastered on ``skill``."""
        return min(self.threshold, dict(self.skill_levels).get(skill, self.threshold))

    def describe(self) -> str:
        """The rule in plain words, for the app's help text and reports."""
        text = (
            f"A skill is mastered when we are at least {self.confidence:.0%} sure that the chance of "
            f"success on a typical exercise of the skill is above {self.threshold:.0%}. A student needs "
            f"help on a skill after {self.help_min_answers} or more answers on it when we are at least "
            f"{self.confidence:.0%} sure the chance is below {self.help_below:.0%}."
        )
        if self.skill_levels:
            lowered = ", ".join(f"{skill} {level:.0%}" for skill, level in self.skill_levels)
            text += f" On skills where even students who know them often slip, the bar is lower: {lowered}."
        return text

    def chance_above(self, estimate: float, low: float, high: float, level: float) -> float:
        """How sure we are (0-1) that the true chance of success is above ``level``.

        The band is read as a split normal on the log-odds scale: centred on
        the estimate, with ``low`` and ``high`` at the band's quantiles (the
        10th and 90th percentile for an 80% band), so a lopsided band is
        honoured on each side.
        """
        centre, target = _logit(estimate), _logit(level)
        z = NormalDist().inv_cdf(0.5 + self.band_coverage / 2)
        edge = _logit(low) if target < centre else _logit(high)
        spread = abs(centre - edge) / z
        if spread <= 1e-6:
            return 1.0 if centre > target else 0.0
        return 1.0 - NormalDist(centre, spread).cdf(target)

    def status(
        self,
        estimate: float,
        low: float,
        high: float,
        answered: int,
        sure_mastered: float | None = None,
        sure_below_help: float | None = None,
        level: float | None = None,
    ) -> tuple[str, float]:
        """(status, sureness that the skill is mastered) for one student and skill.

        A model that knows its own uncertainty better than a band can pass the
        two sureness values directly (see ``chance_above`` in :func:`student_mastery`).
        ``level`` is the skill's bar (:meth:`level`; default ``threshold``).
        """
        if sure_mastered is None:
            sure_mastered = self.chance_above(estimate, low, high, self.threshold if level is None else level)
        if sure_mastered >= self.confidence:
            return MASTERED, sure_mastered
        if answered == 0:
            return NOT_STARTED, sure_mastered
        if sure_below_help is None:
            sure_below_help = 1.0 - self.chance_above(estimate, low, high, self.help_below)
        if answered >= self.help_min_answers and sure_below_help >= self.confidence:
            return NEEDS_HELP, sure_mastered
        return LEARNING, sure_mastered


@dataclass(frozen=True)
class SkillMastery:
    """Mastery of one skill by one student."""

    skill_id: str
    estimate: float
    low: float
    high: float
    sure_mastered: float
    status: str
    answered: int
    right: float

    @property
    def mastered(self) -> bool:
        return self.status == MASTERED


def _logit(p: float) -> float:
    p = min(max(float(p), _EPS), 1 - _EPS)
    return math.log(p / (1 - p))


def answer_counts(
    item_ids: Sequence[str], correct: Sequence[float], exercise_skills: Mapping[str, Sequence[str]]
) -> dict[str, tuple[int, float]]:
    """Per skill: (answers, total score) of one student's answers."""
    counts: dict[str, list[float]] = {}
    for item, score in zip(item_ids, correct):
        for skill in exercise_skills.get(item, ()):
            entry = counts.setdefault(skill, [0, 0.0])
            entry[0] += 1
            entry[1] += float(score)
    return {skill: (int(n), right) for skill, (n, right) in counts.items()}


def student_mastery(
    model: Any,
    state: Any,
    skills: Iterable[str],
    counts: Mapping[str, tuple[int, float]],
    rule: MasteryRule = MasteryRule(),
) -> dict[str, SkillMastery]:
    """Mastery of every skill for one adapted student state (``model.skill_mastery``)."""
    skills = list(skills)
    if not skills:
        return {}
    estimate, low, high = (np.asarray(a, dtype=float) for a in model.skill_mastery(state, skills))
    levels = [rule.level(skill) for skill in skills]
    # Models with a sharper answer to "how sure are we the chance is above x" give it directly.
    direct = getattr(model, "chance_above", None)
    above = None
    if direct:
        above = np.zeros(len(skills))
        for level in set(levels):
            chosen = [i for i, lv in enumerate(levels) if lv == level]
            above[chosen] = np.asarray(direct(state, [skills[i] for i in chosen], level), dtype=float)
    above_help = np.asarray(direct(state, skills, rule.help_below), dtype=float) if direct else None
    result = {}
    for i, skill in enumerate(skills):
        answered, right = counts.get(skill, (0, 0.0))
        lo, hi = min(low[i], estimate[i]), max(high[i], estimate[i])
        status, sure = rule.status(
            estimate[i], lo, hi, answered, None if above is None else float(above[i]),
            None if above_help is None else 1.0 - float(above_help[i]), levels[i],
        )
        result[skill] = SkillMastery(skill, float(estimate[i]), float(lo), float(hi), sure, status, answered, right)
    return result


SLIP_MARGIN = 0.1  # a bar this far below what knowing students reach can be met with a few dozen answers


def slip_aware_levels(rule: MasteryRule, tracer: KnowledgeTracingModel) -> MasteryRule:
    """``rule`` with lower bars on skills where students who know them still get many wrong.

    ``tracer``, calibrated on the class's answers, gives each skill's slip (the chance that a
    student who knows it still answers wrong). When ``1 - slip`` is too close
    to ``threshold``, no amount of practice could make us sure of the
    threshold, and a student would drill that skill forever; the bar becomes
    ``1 - slip - SLIP_MARGIN`` there, but stays above the needs-help line.
    """
    levels = []
    for skill, parameters in sorted(tracer.skill_parameters.items()):
        level = round(max(1.0 - parameters.slip - SLIP_MARGIN, rule.help_below + 0.05), 2)
        if level < rule.threshold:
            levels.append((skill, level))
    return replace(rule, skill_levels=tuple(levels))
