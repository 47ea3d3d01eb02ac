"""Mastery of a skill, and the rule a teacher reads for "mastered".

The student model gives, per skill, an estimate of the chance of success on a
typical exercise of the skill and an uncertainty band around it (about 80%:
the 10th to the 90th percentile). From those we compute how sure we are that
the chance is above a threshold, reading the band as a (split) normal
distribution on the log-odds scale: a band that is narrow and high means
"sure it is high".

The rule, in the words the app shows (defaults):

* **not started** ("no answers yet"): no answers on the skill yet. Never
  mastered, whatever the model infers from other skills: a teacher reads a
  tick as "this child showed it";
* **mastered**: at least ``min_answers`` (3) answers on the skill, at least
  the skill's bar (70%) of the child's latest answers on it right, and we are
  at least 90% sure that the chance of success on a typical exercise of the
  skill is above the bar; on a skill where even students who know it slip
  more often than that allows, the bar is what they reach
  (:func:`slip_aware_levels`, fitted on the class's answers). With 1-2
  answers the verdict is "too few answers" to say: one lucky answer is not
  enough, and a re-calibrated model cannot tick such a skill either;
* **needs help**: the student has answered at least 3 exercises of the skill
  and we are at least 90% sure the chance is below 50%;
* **learning**: everything else.

What a screen shows as "chance of success" is the child's own figure
(:func:`own_chance`): the model's estimate counts as a few answers' worth of
prior, and the child's latest answers on the skill do the rest. Knowledge
tracing alone would give every child who does not know a skill the same
figure (its guess rate) and every child who knows it the same figure (one
minus its slip), whatever their answers. The status agrees with that figure:
"mastered" needs it at or above the skill's bar, "needs help" below the help
line, and :attr:`SkillMastery.verdict` says in plain words when the figure is
above the bar but not yet sure, or when there are too few answers to say.

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
from functools import lru_cache
from statistics import NormalDist
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

import numpy as np

from engine.graph import shown_by_later_work

if TYPE_CHECKING:
    from engine.model.bkt import KnowledgeTracingModel

MASTERED = "mastered"
LEARNING = "learning"
NEEDS_HELP = "needs help"
NOT_STARTED = "not started"
# Verdicts: the status in words a teacher can check against the bar (see SkillMastery.verdict).
NOT_SURE_YET = "not sure yet"
TOO_FEW_ANSWERS = "too few answers"

VERDICT_WORDS = {
    MASTERED: "mastered",
    LEARNING: "learning",
    NEEDS_HELP: "needs help",
    NOT_STARTED: "no answers yet",
    NOT_SURE_YET: "above the bar, not sure yet",
    TOO_FEW_ANSWERS: "too few answers to say",
}
"""A verdict in the English words the screens show (the desktop translates the same codes)."""

OWN_PRIOR_WEIGHT = 8.0
"""How many answers' worth the model's estimate counts for in a child's own chance of success."""
OWN_WINDOW = 10
"""A child's own chance of success uses their latest this-many answers on the skill (children learn)."""

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
    min_answers: int = 3
    """Answers on a skill before it can be mastered: fewer is "too few answers to say"."""

    def level(self, skill: str) -> float:
        """The chance of success that counts as mastered on ``skill``."""
        return min(self.threshold, _level_map(self.skill_levels).get(skill, self.threshold))

    def describe(self) -> str:
        """The rule in plain words, for the app's help text and reports."""
        text = (
            f"A skill is mastered after at least {self.min_answers} answers on it, when at least "
            f"{self.threshold:.0%} of the latest answers on it are right and we are at least {self.confidence:.0%} "
            f"sure that the chance of success on a typical exercise of the skill is above {self.threshold:.0%}. "
            f"With fewer answers there are too few to say. A student needs "
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
        if answered == 0:
            return NOT_STARTED, sure_mastered  # never mastered without a single answer of the child's own
        if answered >= self.min_answers and sure_mastered >= self.confidence:
            return MASTERED, sure_mastered
        if sure_below_help is None:
            sure_below_help = 1.0 - self.chance_above(estimate, low, high, self.help_below)
        if answered >= self.help_min_answers and sure_below_help >= self.confidence:
            return NEEDS_HELP, sure_mastered
        return LEARNING, sure_mastered

    def shows_mastery(self, scores: Sequence[float], level: float) -> bool:
        """Whether a child's own answers show the skill: at least ``min_answers`` of them, and at least
        ``level`` of the latest ``OWN_WINDOW`` right (a model's prior alone never ticks a skill)."""
        recent = _latest(scores)
        return len(scores) >= self.min_answers and sum(recent) >= level * len(recent) - 1e-9

    def verdict(self, status: str, estimate: float, level: float, answered: int) -> str:
        """The status in words that agree with the bar: a "learning" skill is "not sure yet" when its
        chance is at or above its bar, and has "too few answers" to say before ``min_answers``."""
        if status != LEARNING:
            return status
        if answered < self.min_answers:
            return TOO_FEW_ANSWERS
        return NOT_SURE_YET if estimate >= level else LEARNING


@lru_cache(maxsize=64)
def _level_map(skill_levels: tuple[tuple[str, float], ...]) -> dict[str, float]:
    """``dict(skill_levels)``, made once per rule (asked for every skill of every child)."""
    return dict(skill_levels)


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
    level: float = 0.7
    """The chance of success that counts as mastered on this skill (the dashed line on screen)."""
    verdict: str = ""
    """``status`` in words that agree with the bar (:meth:`MasteryRule.verdict`)."""

    @property
    def shown_sure(self) -> float:
        """The chance it is mastered as a teacher reads it beside the bar and band: the lower of the model's sureness and
        the child's own, from the band's Beta (review 34e: 94% "chance it is mastered" beside 59% (44-74%) under a 70%
        bar)."""
        weight = OWN_PRIOR_WEIGHT + min(self.answered, OWN_WINDOW)  # a + b of own_chance's Beta; its mean is the estimate
        return min(self.sure_mastered, _beta_above(self.estimate * weight, (1 - self.estimate) * weight, self.level))

    @property
    def mastered(self) -> bool:
        return self.status == MASTERED


STRUGGLING_ANSWERS = 5
STRUGGLING_BELOW = 0.4
"""A child with at least this many answers on a skill and an own chance of success under this is listed as needing
help, whatever the model's sureness (the figures the list shows say why)."""


def below_help_level(cell: SkillMastery) -> bool:
    """Whether a child needs help with a skill from the skill's figures alone: the mastery rule says so, or after
    :data:`STRUGGLING_ANSWERS` answers their own chance of success is under :data:`STRUGGLING_BELOW`."""
    return cell.status == NEEDS_HELP or (cell.answered >= STRUGGLING_ANSWERS and cell.estimate < STRUGGLING_BELOW)


def verdict_code(cell: SkillMastery) -> str:
    """What a screen or report says about one child and skill (a key of :data:`VERDICT_WORDS`): one home
    for the words, so the student page, the heat map and the reports never disagree. A skill still "learning" by
    the mastery rule whose figures put the child on the dashboard's Needs help list (:func:`below_help_level`) is
    "needs help" (review 38b: listed there, "learning" on the student page)."""
    code = cell.verdict or cell.status
    return NEEDS_HELP if code == LEARNING and below_help_level(cell) else code


def shown_chance(cell: SkillMastery) -> float | None:
    """The chance of success a screen or report shows: the child's own, none without answers."""
    return cell.estimate if cell.answered else None


def _logit(p: float) -> float:
    p = min(max(float(p), _EPS), 1 - _EPS)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class SkillAnswers:
    """One student's scores on one skill, in time order."""

    scores: tuple[float, ...]

    @property
    def answered(self) -> int:
        return len(self.scores)

    @property
    def right(self) -> float:
        return float(sum(self.scores))


def answer_counts(
    item_ids: Sequence[str], correct: Sequence[float], exercise_skills: Mapping[str, Sequence[str]]
) -> dict[str, SkillAnswers]:
    """Per skill: one student's scores on it, in time order."""
    scores: dict[str, list[float]] = {}
    for item, score in zip(item_ids, correct):
        for skill in exercise_skills.get(item, ()):
            scores.setdefault(skill, []).append(float(score))
    return {skill: SkillAnswers(tuple(values)) for skill, values in scores.items()}


def _as_answers(entry: SkillAnswers | tuple[int, float] | None) -> SkillAnswers:
    """Accept the older (answers, total score) pairs too: spread the total evenly over the answers."""
    if entry is None:
        return SkillAnswers(())
    if isinstance(entry, SkillAnswers):
        return entry
    answered, right = entry
    return SkillAnswers(tuple([float(right) / answered] * int(answered)) if answered else ())


_GRID = np.linspace(0.0005, 0.9995, 1000)
_LOG_GRID, _LOG_REST = np.log(_GRID), np.log1p(-_GRID)


def own_chance(model_estimate: float, scores: Sequence[float], coverage: float = 0.8) -> tuple[float, float, float]:
    """(estimate, low, high): a child's own chance of success on a skill, with its band.

    A Beta posterior: the model's estimate is the prior mean, worth
    ``OWN_PRIOR_WEIGHT`` answers; the child's latest ``OWN_WINDOW`` answers on
    the skill are the evidence. With no answers it is the model's estimate; the
    band (``coverage`` of the posterior, 80% by default) narrows as answers come.
    """
    return _beta_band(*_own_evidence(model_estimate, scores), coverage)


def _own_evidence(model_estimate: float, scores: Sequence[float]) -> tuple[float, float]:
    """The (a, b) of :func:`own_chance`'s Beta posterior; its mean ``a / (a + b)`` is the child's own chance."""
    recent = [min(max(float(s), 0.0), 1.0) for s in _latest(scores)]
    prior = min(max(float(model_estimate), 0.01), 0.99)
    a = OWN_PRIOR_WEIGHT * prior + sum(recent)
    b = OWN_PRIOR_WEIGHT * (1 - prior) + len(recent) - sum(recent)
    return a, b


def _latest(scores: Sequence[float]) -> Sequence[float]:
    """The latest ``OWN_WINDOW`` scores (a slice of a list or tuple: no copy of a long history)."""
    return scores[-OWN_WINDOW:] if isinstance(scores, (list, tuple)) else list(scores)[-OWN_WINDOW:]


def _beta_density(a: float, b: float) -> np.ndarray:
    """Beta(a, b)'s density on ``_GRID``, summing to 1."""
    log_density = (a - 1) * _LOG_GRID + (b - 1) * _LOG_REST
    density = np.exp(log_density - log_density.max())
    return density / density.sum()


@lru_cache(maxsize=100_000)
def _beta_above(a: float, b: float, level: float) -> float:
    """P(X >= level) for X ~ Beta(a, b), on the band's grid."""
    return float(_beta_density(a, b)[_GRID >= level].sum())


@lru_cache(maxsize=100_000)
def _beta_band(a: float, b: float, coverage: float) -> tuple[float, float, float]:
    """(mean, low, high) of Beta(a, b) with ``coverage`` between low and high (kept: classes repeat them often)."""
    cumulative = np.cumsum(_beta_density(a, b))
    tail = (1 - coverage) / 2
    low, high = np.interp([tail, 1 - tail], cumulative, _GRID)
    estimate = a / (a + b)
    return float(estimate), float(min(low, estimate)), float(max(high, estimate))


def student_mastery(
    model: Any,
    state: Any,
    skills: Iterable[str],
    counts: Mapping[str, SkillAnswers | tuple[int, float]],
    rule: MasteryRule = MasteryRule(),
) -> dict[str, SkillMastery]:
    """Mastery of every skill for one adapted student state (``model.skill_mastery``).

    ``counts`` is :func:`answer_counts` of the student's answers. The model
    says how sure we are; the figures are the child's own (:func:`own_chance`),
    and the status agrees with them: mastered only at or above the skill's
    bar, needs help only below the help line (and whenever the child's own
    band lies wholly below it after enough answers).
    """
    skills = list(skills)
    if not skills:
        return {}
    view = _ModelView.of(model, state, skills, rule)
    result = {}
    for i, skill in enumerate(skills):
        answers = _as_answers(counts.get(skill))
        answered, right = answers.answered, answers.right
        status, sure = view.status(i, answered)
        own, own_low, own_high = own_chance(float(view.estimate[i]), answers.scores, rule.band_coverage)
        level = view.levels[i]
        if status == MASTERED and not _own_answers_show(rule, own, answers.scores, level):
            status = LEARNING  # the child's own answers are below the bar: not mastered, whatever the model's prior says
        elif status == NEEDS_HELP and own >= rule.help_below:
            status = LEARNING
        elif status == LEARNING and answered >= rule.help_min_answers and own_high < rule.help_below:
            status = NEEDS_HELP  # the child's own answers make us sure enough, even where the model's learning rate keeps hope up
        verdict = rule.verdict(status, own, level, answered)
        result[skill] = SkillMastery(skill, own, own_low, own_high, sure, status, answered, right, level, verdict)
    return result


WENT_WELL = 2 / 3
"""Share right on a skill from which the child's work on it shows its prerequisites (see :func:`built_on`)..."""
WENT_WELL_RIGHT = 2
"""...with at least this many right answers on it (one may be a guess)."""


def built_on(mastery: Mapping[str, SkillMastery], prerequisites: Mapping[str, Sequence[str]]) -> set[str]:
    """Skills not mastered that the child's work on later skills shows she can build on.

    Every prerequisite of a skill mastered or answered mostly right (at least :data:`WENT_WELL`, and at least
    :data:`WENT_WELL_RIGHT` right answers), unless her own answers on it went less well than half or say she
    needs help: after one quiz on multiplication and fractions, a class is not sent back to counting because
    nobody was asked to count.
    """
    went_well = [s for s, m in mastery.items()
                 if m.mastered or (m.right >= WENT_WELL_RIGHT and m.right / m.answered >= WENT_WELL)]
    trouble = {s for s, m in mastery.items() if m.status == NEEDS_HELP or (m.answered and m.right / m.answered < 0.5)}
    return {s for s in shown_by_later_work(prerequisites, went_well, trouble) if s in mastery and not mastery[s].mastered}


def mastery_summary(
    model: Any,
    state: Any,
    skills: Sequence[str],
    scores: Mapping[str, Sequence[float]],
    rule: MasteryRule = MasteryRule(),
) -> tuple[dict[str, bool], dict[str, float]]:
    """Per skill: whether it is mastered and the child's own chance, exactly as :func:`student_mastery` says.

    ``scores`` holds the student's scores per skill in time order. Progress over
    time needs only these two figures at every week's end, so the uncertainty
    bands (the costly part of :func:`own_chance`) are not worked out.
    """
    skills = list(skills)
    if not skills:
        return {}, {}
    view = _ModelView.of(model, state, skills, rule)
    mastered, own_chances = {}, {}
    for i, skill in enumerate(skills):
        answered_scores = scores.get(skill, ())
        a, b = _own_evidence(float(view.estimate[i]), answered_scores)
        own = a / (a + b)  # the mean of own_chance's Beta band, computed the same way
        status, _ = view.status(i, len(answered_scores))
        mastered[skill] = status == MASTERED and _own_answers_show(rule, own, answered_scores, view.levels[i])
        own_chances[skill] = own
    return mastered, own_chances


def _own_answers_show(rule: MasteryRule, own: float, scores: Sequence[float], level: float) -> bool:
    """Whether a skill the model calls mastered stays mastered: the child's own chance and answers reach the bar."""
    return not (own < level or not rule.shows_mastery(scores, level))


@dataclass(frozen=True)
class _ModelView:
    """What the model says about one student state on each skill: estimate, band, bar and sureness."""

    rule: MasteryRule
    estimate: np.ndarray
    low: np.ndarray
    high: np.ndarray
    levels: list[float]
    above: np.ndarray | None
    above_help: np.ndarray | None

    @classmethod
    def of(cls, model: Any, state: Any, skills: list[str], rule: MasteryRule) -> "_ModelView":
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
        return cls(rule, estimate, low, high, levels, above, above_help)

    def status(self, i: int, answered: int) -> tuple[str, float]:
        """The model's (status, sureness) on the ``i``-th skill (before the child's own answers are checked)."""
        lo, hi = min(self.low[i], self.estimate[i]), max(self.high[i], self.estimate[i])
        return self.rule.status(
            self.estimate[i], lo, hi, answered, None if self.above is None else float(self.above[i]),
            None if self.above_help is None else 1.0 - float(self.above_help[i]), self.levels[i],
        )


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
