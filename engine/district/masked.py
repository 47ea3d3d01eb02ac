"""Masked update files and their aggregation: the secure-aggregation round of :mod:`engine.district.secure`.

A school's *masked update* is one vector of fixed-point integers modulo 2^64,
its own values plus its pairwise masks for the roster (the layout is below).
The district adds up the files of every roster member, the masks cancel, and
only the district's sums remain:

* ``exercise_students``, ``skill_students``: how many of the school's
  students answered each exercise and skill of the pack (the whole pack, so
  zeros say nothing either). The district releases, for the *next* roster,
  the exercises and skills at least ``min_students`` students answered
  across all members: the minimum-students rule applies to the district's
  total, and no sum of fewer students is ever formed;
* ``exercise_precision``, ``exercise_weighted`` (and the same for skills):
  for the roster's released exercises only, sum H and sum (H*b - G) over the
  school's students (:mod:`engine.district.update`), which the district
  turns into one precision-weighted Newton step, as for plain files;
* ``meta``: students and students * (meta change) for the FedAvg step;
* ``totals``: students and answers.

A roster without a release list (the first one, or after the members
changed) makes a *counting* round: files hold only the counts and totals, and
the district model does not change.
"""
from __future__ import annotations

import base64
import hashlib
from datetime import date
from typing import Any, Mapping, Sequence

import numpy as np

from engine.district.aggregate import DistrictModel, district_rows, meta_step, newton_step
from engine.district.pack import SharedPack
from engine.district.secure import FRACTION_BITS, Release, Roster, SchoolKey, from_fixed, mask, to_fixed, unmask_sum
from engine.district.update import FEDERATED_META, UpdateSettings, _meta_change, _padded, local_sums, shared_first_attempts
from engine.errors import LamplightError
from engine.model.interface import Responses
from engine.model.response import ResponseModel, Settings

LOADING_DIMS = Settings().loading_dims


def layout(pack: SharedPack, roster: Roster) -> list[tuple[str, int]]:
    """The blocks of a masked vector, in order, with their lengths."""
    release = roster.release or Release()
    return [("exercise_students", len(pack.exercises)), ("skill_students", len(pack.skills)),
            ("exercise_precision", len(release.exercises)), ("exercise_weighted", len(release.exercises)),
            ("skill_precision", len(release.skills)), ("skill_weighted", len(release.skills)),
            ("meta", 1 + len(FEDERATED_META)), ("totals", 2)] + (
            [("loading_gradient", LOADING_DIMS * len(release.exercises)),
             ("loading_curvature", LOADING_DIMS * LOADING_DIMS * len(release.exercises))] if release.loadings else [])


def school_values(base: ResponseModel, history: Responses, pack: SharedPack, roster: Roster,
                  settings: UpdateSettings) -> dict[str, np.ndarray]:
    """The school's own (unmasked) blocks for this roster; they never leave the laptop as such."""
    model, items, skills = local_sums(base, history, pack, settings.draws, settings.seed)
    skill_rows = np.array([model.skill_index[s] for s in pack.skills], dtype=np.int64)
    item_rows = model.item_rows(list(pack.exercises))
    values = {"exercise_students": items["students"][item_rows], "skill_students": skills["students"][skill_rows],
              "meta": np.zeros(1 + len(FEDERATED_META))}
    release = roster.release or Release()
    rows = model.item_rows(list(release.exercises))
    values["exercise_precision"] = items["precision"][rows]
    values["exercise_weighted"] = items["precision"][rows] * model.difficulties(rows) - items["gradient"][rows]
    rows = np.array([model.skill_index[s] for s in release.skills], dtype=np.int64)
    level = model.meta["beta0"] + model.params["beta_skill"][rows]
    values["skill_precision"] = skills["precision"][rows]
    values["skill_weighted"] = skills["precision"][rows] * level - skills["gradient"][rows]
    log = shared_first_attempts(history, pack)
    students = len(set(log.student_ids))
    values["totals"] = np.array([float(students), float(len(log))])
    if roster.release is not None and settings.meta_steps > 0 and students >= roster.min_students:
        change = _meta_change(model, log, settings)["change"]
        values["meta"] = np.array([float(students)] + [students * change[k] for k in FEDERATED_META])
    if release.loadings:
        values["loading_gradient"], values["loading_curvature"] = loading_sums(model, log, release.exercises)
    return values


def loading_sums(model: ResponseModel, log: Responses, keys: Sequence[str], newton_steps: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """One alternating step of the exercise loadings' joint MAP fit (:mod:`engine.model.loadings`), the school's part.

    With the district's loadings ``v`` and difficulties ``b`` fixed, each
    student's ability and latent position ``(theta, u)`` are fitted on the
    laptop (MAP, standard normal priors, Newton steps); the file gets, per
    exercise of ``keys``, sum (y - p) u and sum p(1-p) u u^T over the students.
    The district's Newton step on ``v`` from these sums is one round of
    alternating least squares; rounds of files converge to the pooled fit.
    """
    rows, y, mask = _padded(model, log)
    dims = model.params["loading"].shape[1]
    b = model.difficulties(rows.reshape(-1)).reshape(rows.shape)
    x = np.concatenate([np.ones(rows.shape + (1,)), model.params["loading"][rows]], 2)  # [students, answers, 1 + dims]
    z = np.zeros((len(rows), 1 + dims))
    for _ in range(newton_steps):
        p = 1.0 / (1.0 + np.exp(-np.clip((x * z[:, None, :]).sum(-1) - b, -30, 30)))
        gradient = (((y - p) * mask)[:, :, None] * x).sum(1) - z
        curvature = np.einsum("sl,sli,slj->sij", p * (1 - p) * mask, x, x) + np.eye(1 + dims)
        z += np.linalg.solve(curvature, gradient[:, :, None])[:, :, 0]
    p = 1.0 / (1.0 + np.exp(-np.clip((x * z[:, None, :]).sum(-1) - b, -30, 30)))
    flat = rows.reshape(-1)
    u = np.repeat(z[:, 1:], rows.shape[1], 0)
    residual, weight = ((y - p) * mask).reshape(-1), (p * (1 - p) * mask).reshape(-1)
    n = model.n_items + 1
    g = np.stack([np.bincount(flat, weights=residual * u[:, d], minlength=n) for d in range(dims)], 1)
    h = np.stack([np.bincount(flat, weights=weight * u[:, a] * u[:, c], minlength=n) for a in range(dims) for c in range(dims)], 1)
    wanted = model.item_rows(list(keys))
    return g[wanted].reshape(-1), h[wanted].reshape(-1)


def masked_update(base: ResponseModel, history: Responses, pack: SharedPack, roster: Roster, key: SchoolKey,
                  settings: UpdateSettings | None = None) -> dict[str, Any]:
    """The payload of a school's masked update file for ``roster`` (``base`` is the roster's district model)."""
    settings = settings or UpdateSettings()
    if settings.epsilon is not None:
        raise LamplightError("Secure aggregation and differential privacy are separate choices here: export without --epsilon.")
    pack.require_edition(roster.pack, "The roster")
    me = roster.index_of(key.public_hex)
    values = school_values(base, history, pack, roster, settings)
    blocks = layout(pack, roster)
    vector = to_fixed(np.concatenate([values[name] for name, _ in blocks]), "this class's sums")
    masked = mask(vector, key, roster)
    return {"pack": pack.describe(), "roster": {"id": roster.id, "school": roster.members[me][0]}, "base": dict(roster.base),
            "created": date.today().isoformat(),
            "settings": {"draws": settings.draws, "meta_steps": settings.meta_steps, "min_students": roster.min_students,
                         "max_support": base.settings.max_support},
            "privacy": {"mechanism": "secure-aggregation", "fraction_bits": FRACTION_BITS, "modulus": "2^64"},
            "layout": [[name, length] for name, length in blocks],
            "values": base64.b64encode(masked.astype("<u8").tobytes()).decode("ascii")}


def _vector(payload: Mapping[str, Any], expected: list[tuple[str, int]], where: str) -> np.ndarray:
    found = payload.get("layout")
    if not isinstance(found, list) or [tuple(b) for b in found if isinstance(b, list)] != expected:
        raise LamplightError(f"{where}: its layout does not match the roster's (made with another pack or release list).")
    try:
        raw = base64.b64decode(str(payload.get("values", "")), validate=True)
    except ValueError:
        raise LamplightError(f"{where}: its values are not base64 text.") from None
    if len(raw) != 8 * sum(n for _, n in expected):
        raise LamplightError(f"{where}: it holds {len(raw) // 8} values; the roster's layout needs {sum(n for _, n in expected)}.")
    return np.frombuffer(raw, dtype="<u8").astype(np.uint64)


def district_sums(files: Sequence[tuple[str, Mapping[str, Any]]], roster: Roster, pack: SharedPack) -> dict[str, np.ndarray]:
    """The district's sums over every member's file (each block as floats), after checking the set is whole."""
    expected = layout(pack, roster)
    by_school: dict[str, str] = {}
    vectors = []
    for name, payload in files:
        made_for = payload.get("roster", {}) if isinstance(payload.get("roster"), dict) else {}
        if made_for.get("id") != roster.id:
            raise LamplightError(f"{name} was made for roster {made_for.get('id')!r}, not {roster.id!r}: files of different rosters "
                                 "cannot be combined (their masks do not cancel). Use the files made for this roster only.")
        school = made_for.get("school")
        if school not in {s for s, _ in roster.members}:
            raise LamplightError(f"{name} names school {school!r}, which is not on roster {roster.id}.")
        if school in by_school:
            raise LamplightError(f"{name} and {by_school[school]} are both from {school!r}; give one file per school.")
        if payload.get("pack", {}).get("fingerprint") != pack.fingerprint:
            raise LamplightError(f"{name} was made for another pack edition; the school must update its pack first.")
        by_school[school] = name
        vectors.append(_vector(payload, expected, name))
    missing = [s for s, _ in roster.members if s not in by_school]
    if missing:
        raise LamplightError(f"No file from {', '.join(missing)} on roster {roster.id}: without every member's file the masks do "
                             "not cancel. If a school has dropped out, make a new roster without it (`district roster`) "
                             "and have the other schools export again.")
    total = from_fixed(unmask_sum(vectors))
    out, start = {}, 0
    for name, length in expected:
        out[name] = total[start:start + length]
        start += length
    return out


def aggregate_masked(files: Sequence[tuple[str, Mapping[str, Any]]], roster: Roster, pack: SharedPack, previous: DistrictModel,
                     meta_step_size: float = 1.0, settings: Settings | None = None) -> DistrictModel:
    """The district model after one secure round (unchanged for a counting round), with the next release list."""
    if previous.id != roster.base.get("id"):
        raise LamplightError(f"Roster {roster.id} starts from district model {roster.base.get('id')!r}; give that model as --base "
                             f"(this one is {previous.id!r}).")
    sums = district_sums(files, roster, pack)
    bar = roster.min_students - 0.5 ** (FRACTION_BITS - 8)  # counts are whole numbers; allow the fixed-point rounding
    release = roster.release or Release()
    base = previous.response_model(pack, settings)
    skills, keys = district_rows(base)
    skill_h, skill_hb, item_h, item_hb = (np.zeros(len(skills)), np.zeros(len(skills)), np.zeros(len(keys)), np.zeros(len(keys)))
    skill_count = dict(zip(pack.skills, sums["skill_students"]))
    item_count = dict(zip(pack.exercises, sums["exercise_students"]))
    skill_at, item_at = {s: i for i, s in enumerate(skills)}, {k: i for i, k in enumerate(keys)}
    for n, skill in enumerate(release.skills):
        if skill_count.get(skill, 0.0) >= bar and skill in skill_at:
            skill_h[skill_at[skill]], skill_hb[skill_at[skill]] = max(sums["skill_precision"][n], 0.0), sums["skill_weighted"][n]
    for n, key in enumerate(release.exercises):
        if item_count.get(key, 0.0) >= bar and key in item_at:
            item_h[item_at[key]], item_hb[item_at[key]] = max(sums["exercise_precision"][n], 0.0), sums["exercise_weighted"][n]
    new_skills, new_exercises = newton_step(previous, base, (skill_h, skill_hb), (item_h, item_hb))
    weight, *change = sums["meta"]
    meta = meta_step(previous, round(weight), dict(zip(FEDERATED_META, change)), meta_step_size)
    following = Release(tuple(k for k in pack.exercises if item_count[k] >= bar), tuple(s for s in pack.skills if skill_count[s] >= bar),
                        roster.min_students, roster.fingerprint).payload()
    students, answers = (int(round(v)) for v in sums["totals"])
    report = [{"file": name, "school": payload["roster"]["school"], "students": None, "answers": None, "exercises": None,
               "skills": None, "evidence_share": None, "meta": "masked", "privacy": "secure aggregation"} for name, payload in files]
    report.append({"file": "(all files)", "school": "all schools", "students": students, "answers": answers,
                   "exercises": int(np.count_nonzero(item_h)), "skills": int(np.count_nonzero(skill_h)), "evidence_share": 1.0,
                   "meta": "used" if weight > 0 else "none", "privacy": "secure aggregation"})
    answered = int(np.count_nonzero(sums["exercise_students"] > 0.5))
    worth = base.settings.loading_dims == LOADING_DIMS and answers >= base.settings.loading_min_answers * max(answered, 1)
    following["loadings"] = bool(worth and following["exercises"])
    loadings = dict(previous.loadings)
    if release.loadings:
        loadings.update(_loading_step(previous, release, sums, item_count, bar, base.settings.loading_prior))
    if roster.release is None:  # a counting round: only the release list (and the loadings' starting point) change
        if following["loadings"]:
            loadings = _starting_loadings(previous, following["exercises"], roster.id)
        return DistrictModel(previous.pack, dict(previous.meta), dict(previous.skills), dict(previous.exercises), previous.round,
                             report, following, loadings, previous.combined)
    return DistrictModel(pack.describe(), meta, new_skills, new_exercises, previous.round + 1, report, following, loadings,
                         previous.combined)


def _starting_loadings(previous: DistrictModel, keys: Sequence[str], seed_text: str) -> dict[str, tuple[float, ...]]:
    """Small random loadings where the district has none yet (as the pooled fit starts), seeded by the roster."""
    rng = np.random.default_rng(int(hashlib.sha256(seed_text.encode("ascii")).hexdigest()[:12], 16))
    start = 0.1 * rng.standard_normal((len(keys), LOADING_DIMS))
    return {**{k: tuple(float(x) for x in v) for k, v in zip(keys, start)}, **previous.loadings}


def _loading_step(previous: DistrictModel, release: Release, sums: Mapping[str, np.ndarray], count: Mapping[str, float],
                  bar: float, prior: float) -> dict[str, tuple[float, ...]]:
    """v = (H + prior I)^-1 (H v + g) per released exercise: the district's half of the alternating fit."""
    g = sums["loading_gradient"].reshape(-1, LOADING_DIMS)
    h = sums["loading_curvature"].reshape(-1, LOADING_DIMS, LOADING_DIMS)
    out = {}
    for n, key in enumerate(release.exercises):
        if count.get(key, 0.0) >= bar:
            v = np.asarray(previous.loadings.get(key, (0.0,) * LOADING_DIMS))
            out[key] = tuple(float(x) for x in np.linalg.solve(h[n] + prior * np.eye(LOADING_DIMS), h[n] @ v + g[n]))
    return out
