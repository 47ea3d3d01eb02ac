"""The meta-learned response model: hierarchical IRT with per-skill student offsets.

For student s and exercise i with skills K(i)::

    logit P(correct) = theta_s + mean_{k in K(i)} tau_{s,k} + u_s . v_i - b_i
    b_i = beta0 + mean_{k in K(i)} beta_k + delta_i

* ``beta_k`` (skill difficulty) and ``delta_i`` (what is special about this
  exercise) carry Gaussian priors centred on 0, so an exercise with few
  answers gets what its skills predict and a brand-new exercise or skill
  gets the population value ``beta0``. Exercises without skills share one
  pseudo-skill; exercises never seen at all use ``beta0`` alone.
* ``v_i`` are exercise loadings on a few latent dimensions (multidimensional
  IRT): what links exercises beyond their skill tags. They are fitted on the
  class history before meta-training (:mod:`engine.model.loadings`), only
  when it has enough answers per exercise; otherwise they stay 0 and the
  model is the one above without ``u . v``.
* The student's parameters ``phi = (theta, tau, u)`` are the fast weights: they
  start from a meta-learned initialisation ``(theta0, tau0, 0)`` and take a few
  gradient steps on the answers seen so far (the inner loop), with a
  Gaussian prior around the initialisation whose precisions are learned too.
  Meta-SGD also learns a step size per parameter.

``calibrate`` is meta-training on the class history (every history student
is a task: random support sets of 1-20 answers, loss on the rest), which
fits the exercise parameters for few-shot prediction, as BOBCAT does.
Inference (``adapt``/``predict``) runs the same inner loop with plain numpy
and analytic gradients; ``tests/model`` checks it equals the ``torch.func`` one.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np

from engine.errors import LamplightError
from engine.model.interface import Responses

NO_SKILL = ""
Z80 = 1.2815515655446004  # two-sided 80% band of a normal
ProgressFn = Callable[[float, str], None]
StopFn = Callable[[], bool]

# Meta-parameters that do not depend on a dataset's exercises or skills: what
# the shipped default model carries to a new class.
TRANSFERABLE = ("beta0", "theta0", "tau0", "log_prec_theta", "log_prec_tau", "lr_theta", "lr_tau", "log_prec_u", "lr_u")


@dataclass
class Settings:
    """Hyperparameters of the model and of its meta-training."""

    algorithm: str = "metasgd"
    inner_steps: int = 4
    inner_lr: float = 0.25
    item_prior: float = 1.0  # precision of delta_i around 0 (shrinkage toward the skills)
    skill_prior: float = 0.5  # precision of beta_k around 0
    batch_students: int = 0  # 0: every history student in every step (deterministic item gradients)
    max_support: int = 20
    max_query: int = 64
    outer_lr: float = 0.03  # Adam step of the meta-parameters
    item_lr: float = 0.1  # damped Newton step of exercise/skill difficulties
    outer_steps: int = 100
    loading_dims: int = 2  # latent dimensions of the exercise loadings v_i
    loading_prior: float = 100.0  # precision of v_i around 0: only strong, shared patterns survive
    loading_min_answers: float = 30.0  # fit loadings only with this many history answers per exercise (mean)
    recency_halflife: float = 0.0  # >0: an answer counts half as much once this many newer ones follow (0: all the same)
    support_flip: float = 0.0  # meta-training only: share of support answers flipped in the inner loop (robustness)
    seed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class StudentState:
    """One student's adapted parameters and the answers they came from."""

    theta: float
    tau: np.ndarray
    u: np.ndarray
    items: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    correct: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float64))
    weights: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float64))


@dataclass
class ClassState:
    """A whole class adapted at once (:meth:`ResponseModel.adapt_many`)."""

    theta: np.ndarray
    tau: np.ndarray
    u: np.ndarray


def _initial_meta(settings: Settings) -> dict[str, float]:
    return {"beta0": -0.5, "theta0": 0.0, "tau0": 0.0, "log_prec_theta": 0.0, "log_prec_tau": 0.5,
            "lr_theta": settings.inner_lr, "lr_tau": settings.inner_lr, "log_prec_u": 0.0, "lr_u": settings.inner_lr}


class ResponseModel:
    """Hierarchical IRT student model with meta-learned fast adaptation (implements ``StudentModel``)."""

    def __init__(self, settings: Settings | None = None, meta: Mapping[str, float] | None = None,
                 name: str | None = None) -> None:
        self.settings = settings or Settings()
        self.name = name or self.settings.algorithm
        self.meta = dict(_initial_meta(self.settings))
        if meta:
            self.meta.update({k: float(v) for k, v in meta.items() if k in TRANSFERABLE})
        self.info: dict[str, Any] = {}
        self.set_vocabulary([], {})
        self.params: dict[str, np.ndarray] = self.fresh_params()

    # ------------------------------------------------------------------ vocabulary
    def set_vocabulary(self, skills: Sequence[str], items: Mapping[str, Sequence[str]]) -> None:
        """Index the bank: row i of the exercise tables is ``items``' i-th exercise, plus one 'unseen' row."""
        self.skills = [NO_SKILL] + [s for s in skills if s != NO_SKILL]
        self.skill_index = {s: k for k, s in enumerate(self.skills)}
        self.items = list(items)
        self.item_index = {item: i for i, item in enumerate(self.items)}
        width = max([1] + [len(set(v)) for v in items.values()])
        rows = len(self.items) + 1  # the last row is "an exercise never seen"
        self.skill_idx = np.zeros((rows, width), dtype=np.int64)
        self.skill_w = np.zeros((rows, width), dtype=np.float64)
        self.skill_w[:, 0] = 1.0
        for i, item in enumerate(self.items):
            ks = sorted({self.skill_index[s] for s in items[item] if s in self.skill_index and s != NO_SKILL}) or [0]
            self.skill_idx[i, :len(ks)] = ks
            self.skill_w[i, :] = 0.0
            self.skill_w[i, :len(ks)] = 1.0 / len(ks)

    @property
    def n_items(self) -> int:
        return len(self.items)

    @property
    def n_skills(self) -> int:
        return len(self.skills)

    def fresh_params(self) -> dict[str, np.ndarray]:
        """Exercise/skill parameters for the current bank at their population values."""
        k = self.n_skills
        return {
            "beta_skill": np.zeros(k), "delta": np.zeros(self.n_items + 1),
            "tau0": np.full(k, self.meta["tau0"]), "lr_tau": np.full(k, self.meta["lr_tau"]),
            "loading": np.zeros((self.n_items + 1, self.settings.loading_dims)),
        }

    def skills_of(self, item: str) -> tuple[str, ...]:
        """The skills an exercise was calibrated with (empty for unknown exercises or none)."""
        row = self.item_index.get(item)
        if row is None:
            return ()
        return tuple(self.skills[k] for k, w in zip(self.skill_idx[row], self.skill_w[row]) if w > 0 and k > 0)

    def item_rows(self, item_ids: Iterable[str]) -> np.ndarray:
        """Row of each exercise in the parameter arrays (unknown exercises map to the 'unseen' row)."""
        unseen = self.n_items
        get = self.item_index.get
        return np.fromiter((get(item, unseen) for item in item_ids), dtype=np.int64)

    def difficulties(self, rows: np.ndarray | None = None) -> np.ndarray:
        """b_i for the given rows (all exercises plus the unseen row by default)."""
        rows = np.arange(self.n_items + 1) if rows is None else rows
        skill_part = (self.params["beta_skill"][self.skill_idx[rows]] * self.skill_w[rows]).sum(-1)
        return self.meta["beta0"] + skill_part + self.params["delta"][rows]

    # ------------------------------------------------------------------ inference
    def _prior_precisions(self) -> tuple[float, float, float]:
        return math.exp(self.meta["log_prec_theta"]), math.exp(self.meta["log_prec_tau"]), math.exp(self.meta["log_prec_u"])

    @property
    def loading_dims(self) -> int:
        return int(self.params["loading"].shape[1])

    def adapt_rows(self, rows: np.ndarray, correct: np.ndarray, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The inner loop for a batch of students in numpy: rows/correct/mask are [students, answers].

        Returns (theta [students], tau [students, skills], u [students, loading
        dims]). Same arithmetic as the inner loss of
        :func:`engine.model.training.make_losses` under ``torch.func.grad``.
        """
        rows = np.atleast_2d(rows)
        y = np.atleast_2d(np.asarray(correct, dtype=np.float64))
        m = np.ones_like(y) if mask is None else np.atleast_2d(np.asarray(mask, dtype=np.float64))
        n, k = rows.shape[0], self.n_skills
        prec_theta, prec_tau, prec_u = self._prior_precisions()
        theta0, tau0 = self.meta["theta0"], self.params["tau0"]
        theta = np.full(n, theta0)
        tau = np.tile(tau0, (n, 1))
        u = np.zeros((n, self.loading_dims))
        sidx, sw = self.skill_idx[rows], self.skill_w[rows]  # [n, s, width]
        v = self.params["loading"][rows]  # [n, s, dims]
        b = self.difficulties(rows.reshape(-1)).reshape(rows.shape)
        flat = (np.arange(n)[:, None, None] * k + sidx).reshape(-1)
        # The step sizes were meta-learned on supports of at most ``max_support``
        # answers. The gradient is a sum over answers, so a longer history would
        # overshoot with them (theta and tau also move together): scale both
        # steps so the joint curvature bound stays below 1, and take
        # proportionally more steps so the inner loop still reaches the MAP.
        answers = m.sum(1)
        per_skill = np.bincount(flat, weights=(m[:, :, None] * sw).reshape(-1), minlength=n * k).reshape(n, k)
        limit = float(self.settings.max_support)
        lr_theta, lr_tau, lr_u = self.meta["lr_theta"], self.params["lr_tau"], self.meta["lr_u"]
        loading_mass = (m[:, :, None] * v ** 2).sum(1).max(1, initial=0.0)
        curvature = (0.25 * (lr_theta * answers + (lr_tau * per_skill).max(1) + lr_u * loading_mass)
                     + max(lr_theta * prec_theta, float((lr_tau * prec_tau).max()), lr_u * prec_u))
        long_history = answers > limit
        scale = np.where(long_history, np.minimum(1.0, 1.0 / curvature), 1.0)
        lr_theta = lr_theta * scale
        lr_tau = lr_tau * scale[:, None]
        lr_u = lr_u * scale[:, None]
        steps = np.where(long_history, self.settings.inner_steps * np.ceil(answers / limit).clip(1, 50), self.settings.inner_steps)
        student = np.arange(n)[:, None, None]
        for step in range(int(steps.max())):
            active = (step < steps).astype(np.float64)
            logit = theta[:, None] + (tau[student, sidx] * sw).sum(-1) + np.einsum("nsd,nd->ns", v, u) - b
            residual = (_sigmoid(logit) - y) * m
            grad_theta = residual.sum(1) + prec_theta * (theta - theta0)
            grad_tau = np.bincount(flat, weights=(residual[:, :, None] * sw).reshape(-1), minlength=n * k).reshape(n, k)
            grad_tau += prec_tau * (tau - tau0)
            grad_u = np.einsum("ns,nsd->nd", residual, v) + prec_u * u
            theta = theta - active * lr_theta * grad_theta
            tau = tau - active[:, None] * lr_tau * grad_tau
            u = u - active[:, None] * lr_u * grad_u
        return theta, tau, u

    def answer_weights(self, count: int) -> np.ndarray:
        """How much each of a student's ``count`` answers (oldest first) counts when adapting.

        All 1 unless ``settings.recency_halflife`` is set: students learn, so
        on-laptop learning may find that a class's recent answers tell more.
        """
        if self.settings.recency_halflife <= 0:
            return np.ones(count)
        return 0.5 ** ((count - 1 - np.arange(count)) / self.settings.recency_halflife)

    def initial_state(self) -> StudentState:
        return StudentState(self.meta["theta0"], self.params["tau0"].copy(), np.zeros(self.loading_dims))

    def adapt(self, item_ids: Sequence[str], correct: Sequence[float]) -> StudentState:
        """A student's state after these answers, oldest first (no answers: the meta-learned initialisation)."""
        if len(item_ids) != len(correct):
            raise LamplightError(f"adapt got {len(item_ids)} exercises but {len(correct)} answers.")
        if not len(item_ids):
            return self.initial_state()
        rows = self.item_rows(item_ids)
        y = np.asarray(correct, dtype=np.float64)
        weights = self.answer_weights(len(y))
        theta, tau, u = self.adapt_rows(rows[None, :], y[None, :], weights[None, :])
        return StudentState(float(theta[0]), tau[0], u[0], rows, y, weights)

    def _logits(self, theta: np.ndarray, tau: np.ndarray, u: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """[students, exercises] logits for 1-D theta, 2-D tau and u, and 1-D rows."""
        sidx, sw = self.skill_idx[rows], self.skill_w[rows]
        offsets = (tau[:, sidx] * sw[None]).sum(-1) + u @ self.params["loading"][rows].T
        return theta[:, None] + offsets - self.difficulties(rows)[None, :]

    def predict(self, state: StudentState | None, item_ids: Sequence[str]) -> np.ndarray:
        """P(correct) for each exercise."""
        state = state or self.initial_state()
        rows = self.item_rows(item_ids)
        return _sigmoid(self._logits(np.array([state.theta]), state.tau[None, :], state.u[None, :], rows)[0])

    def adapt_many(self, answers: Sequence[tuple[Sequence[str], Sequence[float]]]) -> ClassState:
        """Adapt a whole class at once: ``answers[s] = (item_ids, correct)`` of student s."""
        longest = max([1] + [len(items) for items, _ in answers])
        rows = np.full((len(answers), longest), self.n_items, dtype=np.int64)
        y = np.zeros((len(answers), longest))
        mask = np.zeros((len(answers), longest))
        for s, (items, correct) in enumerate(answers):
            rows[s, :len(items)] = self.item_rows(items)
            y[s, :len(items)] = np.asarray(correct, dtype=np.float64)
            mask[s, :len(items)] = self.answer_weights(len(items))
        return ClassState(*self.adapt_rows(rows, y, mask))

    def predict_matrix(self, states: ClassState, item_ids: Sequence[str]) -> np.ndarray:
        """P(correct) as a [students, exercises] matrix for a class adapted by :meth:`adapt_many`."""
        return _sigmoid(self._logits(states.theta, states.tau, states.u, self.item_rows(item_ids)))

    def _design(self, rows: np.ndarray) -> np.ndarray:
        """d logit / d (theta, tau, u) for each exercise row: [exercises, 1 + skills + loading dims]."""
        k = self.n_skills
        design = np.zeros((len(rows), 1 + k + self.loading_dims))
        design[:, 0] = 1.0
        np.add.at(design, (np.arange(len(rows))[:, None], 1 + self.skill_idx[rows]), self.skill_w[rows])
        design[:, 1 + k:] = self.params["loading"][rows]
        return design

    def _posterior_covariance(self, state: StudentState) -> np.ndarray:
        """Laplace approximation: inverse Hessian of the inner loss over (theta, tau, u) at the state."""
        prec_theta, prec_tau, prec_u = self._prior_precisions()
        hessian = np.diag(np.concatenate([[prec_theta], np.full(self.n_skills, prec_tau), np.full(self.loading_dims, prec_u)]))
        if len(state.items):
            p = _sigmoid(self._logits(np.array([state.theta]), state.tau[None, :], state.u[None, :], state.items)[0])
            design = self._design(state.items)
            weights = state.weights if len(state.weights) == len(state.items) else 1.0
            hessian += design.T @ (design * (weights * p * (1 - p))[:, None])
        return np.linalg.inv(hessian)

    def next_item(self, state: StudentState | None, candidates: Sequence[str]) -> int:
        """The candidate whose answer is expected to shrink the uncertainty about the student most.

        From the second question on, score = p(1-p) * g' Sigma g (Fisher
        information of the answer times the posterior variance of its logit),
        so a likely-uncertain exercise on a skill not yet seen beats one on a
        skill already well measured.

        The first question is the one whose answer is closest to 50/50 (the
        most information about the ability, IRT's maximum-information rule,
        with this model's predictions). Before any answer Sigma is the prior,
        and its precisions were meta-learned as the inner loop's regularisers,
        not as calibrated variances: on assist2017 the loadings' prior variance
        comes out near 6, so the own-variance score chased exercises with large
        loadings, whose answer says little about the other exercises (AUC
        0.717 at n = 1 against 0.722). The ability is the one part of the
        student every exercise shares.
        """
        if not len(candidates):
            raise LamplightError("next_item needs at least one candidate exercise.")
        state = state or self.initial_state()
        p = self.predict(state, candidates)
        if not len(state.items):
            return int(np.argmax(p * (1 - p)))
        design = self._design(self.item_rows(candidates))
        variance = np.einsum("ij,jk,ik->i", design, self._posterior_covariance(state), design)
        return int(np.argmax(p * (1 - p) * variance))

    def skill_mastery(self, state: StudentState | None, skill_ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """P(correct) on a typical exercise of each skill, with an ~80% Laplace band."""
        state = state or self.initial_state()
        cov = self._posterior_covariance(state)
        estimate, low, high = (np.zeros(len(skill_ids)) for _ in range(3))
        for j, skill in enumerate(skill_ids):
            k = self.skill_index.get(skill)
            if k is None:  # a skill the model has never seen: population difficulty, prior offset
                mean = state.theta + self.meta["tau0"] - self.meta["beta0"]
                variance = cov[0, 0] + math.exp(-self.meta["log_prec_tau"])
            else:
                mean = state.theta + state.tau[k] - (self.meta["beta0"] + self.params["beta_skill"][k])
                variance = cov[0, 0] + cov[1 + k, 1 + k] + 2 * cov[0, 1 + k]
            sd = math.sqrt(max(variance, 0.0))
            estimate[j], low[j], high[j] = _sigmoid(mean), _sigmoid(mean - Z80 * sd), _sigmoid(mean + Z80 * sd)
        return estimate, low, high

    # ------------------------------------------------------------------ calibration
    def calibrate(self, history: Responses, items: Mapping[str, Sequence[str]] | None = None,
                  should_stop: Callable[[], bool] | None = None) -> None:
        """Meta-train on the class history (see :func:`engine.model.training.meta_train`); ``should_stop()``
        ends it between steps (raising :class:`engine.model.training.Interrupted`)."""
        from engine.model.training import meta_train

        meta_train(self, history, items or {}, warm_start=False, should_stop=should_stop)

    def recalibrate(self, history: Responses, items: Mapping[str, Sequence[str]] | None = None) -> None:
        """Calibrate again after new answers, starting from the current calibration (a background job).

        The exercises keep their fitted difficulties and loadings as the starting
        point, so a quarter of the steps of a first calibration bring them up to date.
        """
        from engine.model.training import meta_train

        meta_train(self, history, items or {}, warm_start=True, steps=max(25, self.settings.outer_steps // 4))

    def transferable(self) -> dict[str, float]:
        """The dataset-independent meta-parameters (what a new class starts from)."""
        out = {name: float(self.meta[name]) for name in TRANSFERABLE}
        if self.n_skills > 1:
            out["tau0"] = float(np.mean(self.params["tau0"][1:]))
            out["lr_tau"] = float(np.mean(self.params["lr_tau"][1:]))
        return out


def _sigmoid(x: Any) -> Any:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))
