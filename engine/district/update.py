"""A school's update file: aggregates over its students for the shared pack, nothing per student.

For every exercise and skill of the shared pack the file holds sums over the
school's students of the first and second derivative of the model's
few-shot prediction loss with respect to that difficulty, taken at the
*base* model's parameters (``gradient``, ``precision``), with the base's
difficulty itself and the number of students who contributed. As in
meta-training, each student's ability is adapted on a random support set of
1-20 of their answers and scored on the others (``draws`` such splits).
The district adds these sums up over schools and takes one precision-weighted
Newton step (:mod:`engine.district.aggregate`): with one base for everyone
that is exactly the step a pooled calibration would take.

An exercise or skill is written only when at least ``min_students``
students contributed. ``meta`` holds the change of the meta-parameters
(priors and step sizes of the inner loop) after a few local meta-training
steps from the base: the Reptile/FedAvg update. With ``epsilon`` set, every
student's contribution vector is clipped and Gaussian noise added
(:mod:`engine.district.privacy`); the meta change is then left out, as its
sensitivity to one student has no bound.
"""
from __future__ import annotations

import copy
import hashlib
import hmac
import json
import math
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

import numpy as np

from engine.district.fileformat import rounded
from engine.district.pack import SharedPack
from engine.district.privacy import DEFAULT_CLIP, DEFAULT_DELTA, add_noise, clip_factors, epsilon_for, noise_multiplier
from engine.errors import LamplightError
from engine.model.interface import Responses
from engine.model.response import ResponseModel

FEDERATED_META = ("log_prec_theta", "log_prec_tau", "log_prec_u", "lr_theta", "lr_tau", "lr_u")
ProgressFn = Callable[[float, str], None]


@dataclass
class UpdateSettings:
    """What a school's update holds and how it is protected."""

    min_students: int = 10
    epsilon: float | None = None  # None: no differential privacy
    delta: float = DEFAULT_DELTA
    clip: float = DEFAULT_CLIP
    releases: int = 1  # how many files (rounds) the epsilon covers together
    meta_steps: int = 30  # local meta-training steps for the meta update (0: none)
    draws: int = 2  # support/query splits per student
    seed: int = 0
    seeded_noise: bool = False
    """True only for the district simulations, whose figures follow from data, seed and code: the privacy noise is
    drawn from ``seed``. Otherwise it is drawn from ``noise_key`` (review 43d: from ``seed``, the noise was the same
    whatever the answers, so anyone could compute it and take it off)."""
    noise_key: bytes | None = None
    """A laptop's own secret: the noise is then drawn from it and from the sums it hides, so the same answers give the
    same noise. Sharing again, after a refusal or to a second stick, releases nothing new (review 43e: each retry drew
    new noise, and enough draws average it away). None: the operating system's randomness, new each time."""


def _count_bar(settings: UpdateSettings) -> float:
    """How many students an exercise's (noisy) count must reach to be shared: clearly above the minimum with noise."""
    return settings.min_students + 3.0 * _noise_std(settings)


def _noise_std(settings: UpdateSettings) -> float:
    if settings.epsilon is None:
        return 0.0
    return noise_multiplier(settings.epsilon, settings.delta, settings.releases) * settings.clip


MOST_PRECISION_PER_ANSWER = 0.25
"""p(1 - p) is at most 1/4: the most one student's answer adds to an exercise's precision."""


def students_needed(settings: UpdateSettings) -> int:
    """The fewest students who must answer an exercise before an update can share it.

    ``min_students`` without noise. With privacy noise both the count and
    the precision must stand clearly (three noise standard deviations) above
    the noise, and one student adds at most 1/4 to the precision, so far more
    students are needed (ε = 8: about 42).
    """
    noise = _noise_std(settings)
    return math.ceil(max(_count_bar(settings), 3.0 * noise / MOST_PRECISION_PER_ANSWER))


def on_pack(model: ResponseModel, pack: SharedPack) -> ResponseModel:
    """A copy of ``model`` that knows every exercise of the pack (parameters it had are kept)."""
    from engine.model.training import prepare_vocabulary

    working = copy.deepcopy(model)
    empty = Responses([], [], [], np.zeros(0, dtype=np.float32))
    prepare_vocabulary(working, empty, {k: tuple(v) for k, v in pack.exercises.items()}, warm_start=True)
    return working


def shared_first_attempts(history: Responses, pack: SharedPack) -> Responses:
    """Each student's first attempt at each exercise of the pack (ids are the pack's keys)."""
    from engine.data import subset
    from engine.evaluation.protocols import first_attempt_rows

    firsts = subset(history, first_attempt_rows(history))
    keep = [n for n, item in enumerate(firsts.item_ids) if item in pack.exercises]
    kept = subset(firsts, keep)
    return Responses(kept.student_ids, kept.item_ids, [tuple(pack.exercises[i]) for i in kept.item_ids], kept.correct)


def _padded(model: ResponseModel, history: Responses) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """[students, longest] exercise rows, correctness and a 0/1 mask of real answers."""
    groups = [g for g in history.by_student().values() if len(g[0]) >= 2]
    longest = max([2] + [len(items) for items, _ in groups])
    rows = np.full((len(groups), longest), model.n_items, dtype=np.int64)
    y = np.zeros((len(groups), longest))
    mask = np.zeros((len(groups), longest))
    for s, (items, ys) in enumerate(groups):
        rows[s, :len(items)] = model.item_rows(items)
        y[s, :len(items)] = ys
        mask[s, :len(items)] = 1.0
    return rows, y, mask


def _derivatives(model: ResponseModel, rows: np.ndarray, y: np.ndarray, mask: np.ndarray, draws: int,
                 rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Per answer: mean over draws of (y - p) and p (1 - p) on the query side of a random support split."""
    answers = mask.sum(1).astype(np.int64)
    gradient = np.zeros_like(y)
    curvature = np.zeros_like(y)
    limit = model.settings.max_support
    b = model.difficulties()[rows]
    sidx, sw = model.skill_idx[rows], model.skill_w[rows]
    loading = model.params["loading"][rows]
    student = np.arange(len(rows))[:, None, None]
    for _ in range(max(1, draws)):
        keys = rng.random(y.shape) + (1.0 - mask) * 2.0  # padding sorts last
        order = np.argsort(keys, axis=1)
        sizes = np.array([rng.integers(1, min(limit, n - 1) + 1) for n in answers])
        rank = np.empty_like(order)
        np.put_along_axis(rank, order, np.arange(y.shape[1])[None, :].repeat(len(y), 0), axis=1)
        support = (rank < sizes[:, None]) * mask
        query = mask - support
        theta, tau, u = model.adapt_rows(rows, y, support)
        logit = theta[:, None] + (tau[student, sidx] * sw).sum(-1) + np.einsum("nsd,nd->ns", loading, u) - b
        p = 1.0 / (1.0 + np.exp(-np.clip(logit, -30, 30)))
        gradient += (y - p) * query
        curvature += p * (1 - p) * query
    return gradient / max(1, draws), curvature / max(1, draws)


def _per_student_sums(model: ResponseModel, rows: np.ndarray, mask: np.ndarray, gradient: np.ndarray,
                      curvature: np.ndarray) -> dict[str, np.ndarray]:
    """Each student's contribution to the skill sums: [students, skills] gradient, curvature, presence."""
    n, k = rows.shape[0], model.n_skills
    sidx, sw = model.skill_idx[rows], model.skill_w[rows]
    flat = (np.arange(n)[:, None, None] * k + sidx).reshape(-1)

    def per_skill(weights: np.ndarray) -> np.ndarray:
        return np.bincount(flat, weights=weights.reshape(-1), minlength=n * k).reshape(n, k)

    return {"gradient": per_skill(gradient[:, :, None] * sw), "precision": per_skill(curvature[:, :, None] * sw ** 2),
            "present": (per_skill(mask[:, :, None] * sw) > 0).astype(np.float64)}


def _sums(model: ResponseModel, rows: np.ndarray, mask: np.ndarray, gradient: np.ndarray, curvature: np.ndarray,
          skills: dict[str, np.ndarray], scale: np.ndarray) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Sums over students (each scaled by ``scale``) per exercise row and per skill: students, gradient, precision."""
    n_rows = model.n_items + 1
    flat = rows.reshape(-1)
    items = {name: np.bincount(flat, weights=(value * scale[:, None]).reshape(-1), minlength=n_rows)
             for name, value in (("students", mask), ("gradient", gradient), ("precision", curvature))}
    skill_sums = {name: (value * scale[:, None]).sum(0) for name, value in
                  (("students", skills["present"]), ("gradient", skills["gradient"]), ("precision", skills["precision"]))}
    return items, skill_sums


def local_sums(base: ResponseModel, history: Responses, pack: SharedPack, draws: int = 2,
               seed: int = 0) -> tuple[ResponseModel, dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The school's own sums at ``base`` (on the pack's vocabulary), for use on the laptop only: never written."""
    model = on_pack(base, pack)
    rows, y, mask = _padded(model, shared_first_attempts(history, pack))
    gradient, curvature = _derivatives(model, rows, y, mask, draws, np.random.default_rng(seed))
    skills = _per_student_sums(model, rows, mask, gradient, curvature)
    items, skill_sums = _sums(model, rows, mask, gradient, curvature, skills, np.ones(len(rows)))
    return model, items, skill_sums


def school_update(base: ResponseModel, history: Responses, pack: SharedPack, settings: UpdateSettings | None = None,
                  base_info: dict[str, Any] | None = None, progress: ProgressFn | None = None) -> dict[str, Any]:
    """The payload of a school's update file for ``history`` (ids: the pack's exercise keys)."""
    settings = settings or UpdateSettings()
    progress = progress or (lambda fraction, message: None)
    rng = np.random.default_rng(settings.seed)
    model = on_pack(base, pack)
    log = shared_first_attempts(history, pack)
    rows, y, mask = _padded(model, log)
    progress(0.1, "adding up what the class's answers say about each exercise")
    gradient, curvature = _derivatives(model, rows, y, mask, settings.draws, rng)
    skills = _per_student_sums(model, rows, mask, gradient, curvature)
    scale = np.ones(len(rows))
    privacy: dict[str, Any] = {"mechanism": "none"}
    noise_std = 0.0
    if settings.epsilon is not None:
        squared = ((gradient ** 2 + curvature ** 2 + 1.0) * mask).sum(1)
        squared += (skills["gradient"] ** 2 + skills["precision"] ** 2 + skills["present"]).sum(1) + 1.0
        scale = clip_factors(squared, settings.clip)
        sigma = noise_multiplier(settings.epsilon, settings.delta, settings.releases)
        noise_std = sigma * settings.clip
        rho = 1.0 / (2.0 * sigma ** 2)
        privacy = {"mechanism": "gaussian", "epsilon": rounded(settings.epsilon), "delta": settings.delta,
                   "epsilon_this_file": rounded(epsilon_for(rho, settings.delta)), "rho_this_file": rounded(rho),
                   "files_covered": settings.releases, "clip": settings.clip, "noise_std": rounded(noise_std),
                   "unit": "one student (all of their answers)"}
    items, skill_sums = _sums(model, rows, mask, gradient, curvature, skills, scale)
    students = float(scale.sum())
    if noise_std > 0:
        noise_rng = rng if settings.seeded_noise else _noise_rng(settings, items, skill_sums, students, base_info)
        items = {name: add_noise(value, noise_std, noise_rng) for name, value in items.items()}
        skill_sums = {name: add_noise(value, noise_std, noise_rng) for name, value in skill_sums.items()}
        students = float(add_noise(np.array([students]), noise_std, noise_rng)[0])
    item_keys = [k for k in pack.exercises]
    item_rows = model.item_rows(item_keys)
    skill_ids = [s for s in pack.skills if s in model.skill_index]
    skill_rows = np.array([model.skill_index[s] for s in skill_ids], dtype=np.int64)
    bar = _count_bar(settings)  # with noise, only sums clearly above the minimum are released
    exercises = _released(item_keys, item_rows, items, model.difficulties(item_rows), bar, 3.0 * noise_std)
    skill_base = model.meta["beta0"] + model.params["beta_skill"][skill_rows]
    skill_table = _released(skill_ids, skill_rows, skill_sums, skill_base, bar, 3.0 * noise_std)
    meta = None
    if settings.epsilon is None and settings.meta_steps > 0 and len(rows) >= settings.min_students:
        progress(0.5, "a few steps of meta-learning on this laptop")
        meta = _meta_change(model, log, settings)
    answered = set(np.unique(rows[mask > 0]).tolist())
    progress(1.0, "done")
    return {
        "pack": pack.describe(), "base": base_info or {"kind": "unknown"}, "created": date.today().isoformat(),
        "settings": {"min_students": settings.min_students, "draws": settings.draws, "meta_steps": settings.meta_steps,
                     "max_support": model.settings.max_support, "item_prior": model.settings.item_prior,
                     "skill_prior": model.settings.skill_prior},
        "privacy": privacy,
        "counts": {"students": int(round(students)) if noise_std == 0 else rounded(max(students, 0.0), 3),
                   "answers": int(mask.sum()) if noise_std == 0 else None,
                   "exercises_released": len(exercises["keys"]), "skills_released": len(skill_table["keys"]),
                   "exercises_withheld": None if noise_std else sum(1 for r in item_rows if int(r) in answered) - len(exercises["keys"])},
        "exercises": exercises, "skills": skill_table, "meta": meta,
    }


def _noise_rng(settings: UpdateSettings, items: dict[str, np.ndarray], skill_sums: dict[str, np.ndarray],
               students: float, base_info: dict[str, Any] | None) -> np.random.Generator:
    """Where a school's privacy noise comes from: the laptop's secret and everything the noise hides (the sums, the
    base model, the privacy settings), so one class's unchanged answers always get the same noise."""
    if settings.noise_key is None:
        return np.random.default_rng(secrets.randbits(128))
    digest = hmac.new(settings.noise_key, digestmod=hashlib.sha256)
    described = [settings.epsilon, settings.delta, settings.clip, settings.releases, settings.min_students, students, base_info]
    digest.update(json.dumps(described, sort_keys=True).encode("utf-8"))
    for sums in (items, skill_sums):
        for name in sorted(sums):
            digest.update(name.encode("ascii") + np.ascontiguousarray(sums[name], dtype=np.float64).tobytes())
    return np.random.default_rng(int.from_bytes(digest.digest()[:16], "big"))


def _released(keys: list[str], rows: np.ndarray, sums: dict[str, np.ndarray], base: np.ndarray, bar: float,
              precision_bar: float) -> dict[str, list[Any]]:
    """The columns of the exercises (or skills) with enough students, rounded for the file."""
    students, gradient, precision = (sums[name][rows] for name in ("students", "gradient", "precision"))
    keep = (students >= bar) & (precision > max(precision_bar, 1e-9))
    chosen = np.flatnonzero(keep)
    return {"keys": [keys[i] for i in chosen], "students": [rounded(students[i], 4) for i in chosen],
            "base": [rounded(base[i]) for i in chosen], "gradient": [rounded(gradient[i]) for i in chosen],
            "precision": [rounded(precision[i]) for i in chosen]}


def _meta_change(model: ResponseModel, log: Responses, settings: UpdateSettings) -> dict[str, Any]:
    """The Reptile/FedAvg update: meta-parameters after a few local meta-training steps, minus before."""
    from engine.model.training import meta_train

    local = copy.deepcopy(model)
    local.settings.seed = settings.seed
    meta_train(local, log, {}, warm_start=True, steps=settings.meta_steps, learn_meta=True)
    before, after = model.transferable(), local.transferable()
    students = len({s for s in log.student_ids})
    return {"students": students, "steps": settings.meta_steps,
            "change": {name: rounded(after[name] - before[name]) for name in FEDERATED_META}}


def check_update(payload: dict[str, Any], where: str) -> None:
    """Refuse an update whose tables are malformed (lengths differ, wrong types)."""
    for table in ("exercises", "skills"):
        columns = payload.get(table)
        if not isinstance(columns, dict):
            raise LamplightError(f"{where}: has no {table} table.")
        keys = columns.get("keys")
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            raise LamplightError(f"{where}: {table}.keys must be a list of texts.")
        for name in ("students", "base", "gradient", "precision"):
            values = columns.get(name)
            if not isinstance(values, list) or len(values) != len(keys) or not all(isinstance(v, (int, float)) for v in values):
                raise LamplightError(f"{where}: {table}.{name} must be {len(keys)} numbers.")
    meta = payload.get("meta")
    if meta is not None and (not isinstance(meta, dict) or not isinstance(meta.get("change"), dict)
                             or not all(isinstance(v, (int, float)) for v in meta["change"].values())):
        raise LamplightError(f"{where}: its meta update is malformed.")
