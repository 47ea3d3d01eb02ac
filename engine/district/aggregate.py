"""The district's side: combine school update files into a district model, with a report.

Difficulties: every school's sums are a quadratic approximation of its
students' loss around the difficulty it was computed at. Adding them up over
schools, with the model's Gaussian priors once, and solving gives the
precision-weighted estimate (one Newton step; several rounds of files
converge to the pooled calibration)::

    b = (sum_s (H_s b_s - G_s) + prior * mean) / (sum_s H_s + prior)

Skills first (prior around ``beta0``), then each exercise (prior around its
skills). Meta-parameters (priors and step sizes of the inner loop) take a
Reptile/FedAvg outer step: the student-weighted mean of the schools' local
changes, for files made from this district model. Exercises and skills no
school spoke about keep the previous district values.
"""
from __future__ import annotations

import copy
import hashlib
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping, Sequence

import numpy as np

from engine.district.fileformat import canonical, rounded
from engine.district.pack import SharedPack
from engine.district.update import FEDERATED_META, check_update
from engine.errors import LamplightError
from engine.model.response import TRANSFERABLE, ResponseModel, Settings

LIMITS = {"lr_theta": (0.005, 2.0), "lr_tau": (0.005, 2.0), "lr_u": (0.005, 2.0),
          "log_prec_theta": (-3.0, 5.0), "log_prec_tau": (-3.0, 5.0), "log_prec_u": (-3.0, 5.0)}
MOST_LOGITS = 50.0
"""No starting value, difficulty or loading of a district model lies further from 0 (a forged 1e400 overflowed)."""


@dataclass
class DistrictModel:
    """A district model: meta-parameters plus difficulties of the pack's skills and exercises it has data on."""

    pack: dict[str, Any]
    meta: dict[str, float]
    skills: dict[str, tuple[float, float]] = field(default_factory=dict)  # id -> (beta_skill, precision)
    exercises: dict[str, tuple[float, float]] = field(default_factory=dict)  # key -> (delta, precision)
    round: int = 0
    schools: list[dict[str, Any]] = field(default_factory=list)
    release: dict[str, Any] | None = None  # secure aggregation: what the next roster may sum (engine.district.secure.Release)
    loadings: dict[str, tuple[float, ...]] = field(default_factory=dict)  # key -> exercise loadings (secure rounds only)
    combined: tuple[str, ...] = ()
    """The class tokens of the update files combined into this model and the ones before it: a file combined once is
    refused in a later round (review 46b: last round's file of a class counted again beside its new one)."""

    def content(self) -> dict[str, Any]:
        """What the model predicts with (the id is a hash of it)."""
        content = {"pack": self.pack, "meta": {k: rounded(v, 9) for k, v in sorted(self.meta.items())},
                   "skills": {"keys": list(self.skills), "difficulty": [rounded(v[0], 9) for v in self.skills.values()],
                              "precision": [rounded(v[1]) for v in self.skills.values()]},
                   "exercises": {"keys": list(self.exercises), "difficulty": [rounded(v[0], 9) for v in self.exercises.values()],
                                 "precision": [rounded(v[1]) for v in self.exercises.values()]},
                   "round": self.round}
        if self.loadings:  # absent from models without loadings, so their ids stay what they were
            content["loadings"] = {"keys": list(self.loadings), "values": [[rounded(x, 9) for x in v] for v in self.loadings.values()]}
        return content

    @property
    def id(self) -> str:
        return hashlib.sha256(canonical(self.content())).hexdigest()[:16]

    def payload(self) -> dict[str, Any]:
        extra = {} if self.release is None else {"release": self.release}
        if self.combined:
            extra["combined"] = list(self.combined)
        return {**self.content(), "id": self.id, "created": date.today().isoformat(), "schools": self.schools, **extra}

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any], where: str = "district model") -> "DistrictModel":
        try:
            meta = {str(k): float(v) for k, v in payload["meta"].items() if k in TRANSFERABLE}
            tables = {}
            for name in ("skills", "exercises"):
                columns = payload[name]
                if not len(columns["keys"]) == len(columns["difficulty"]) == len(columns["precision"]):
                    raise ValueError(f"{name} columns differ in length")
                tables[name] = {str(k): (float(d), float(p)) for k, d, p in zip(columns["keys"], columns["difficulty"], columns["precision"])}
            release = payload.get("release")
            if release is not None and not isinstance(release, dict):
                raise ValueError("release is not an object")
            columns = payload.get("loadings") or {"keys": [], "values": []}
            if len(columns["keys"]) != len(columns["values"]):
                raise ValueError("loadings columns differ in length")
            loadings = {str(k): tuple(float(x) for x in v) for k, v in zip(columns["keys"], columns["values"])}
            combined = payload.get("combined", [])
            if not (isinstance(combined, list) and all(isinstance(token, str) for token in combined)):
                raise ValueError("combined is not a list of class tokens")
            model = cls(dict(payload["pack"]), meta, tables["skills"], tables["exercises"], int(payload.get("round", 0)),
                        list(payload.get("schools", [])), release, loadings, tuple(combined))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise LamplightError(f"{where} is damaged or incomplete: part of the model is missing or wrong ({exc}).") from None
        if set(meta) != set(TRANSFERABLE):
            raise LamplightError(f"{where} is incomplete: it lacks the meta-parameters {sorted(set(TRANSFERABLE) - set(meta))}.")
        _check_values(model, where)
        if payload.get("id") != model.id:
            raise LamplightError(f"{where}: its content does not match its id (it was changed after it was made); it is refused.")
        return model

    def response_model(self, pack: SharedPack, settings: Settings | None = None) -> ResponseModel:
        """The district model as a response model over the pack's exercises (ids: the pack's keys)."""
        model = ResponseModel(copy.deepcopy(settings) if settings else Settings(), self.meta, name="district")
        model.set_vocabulary(pack.skills, {k: tuple(v) for k, v in pack.exercises.items()})
        model.params = model.fresh_params()
        for skill, (value, _) in self.skills.items():
            if skill in model.skill_index:
                model.params["beta_skill"][model.skill_index[skill]] = value
        for key, (value, _) in self.exercises.items():
            if key in model.item_index:
                model.params["delta"][model.item_index[key]] = value
        for key, vector in self.loadings.items():
            if key in model.item_index and len(vector) == model.params["loading"].shape[1]:
                model.params["loading"][model.item_index[key]] = vector
        model.info["district"] = {"id": self.id, "round": self.round, "pack": self.pack}
        return model


def starting_model(pack: SharedPack, meta: Mapping[str, float] | None = None) -> DistrictModel:
    """Round 0: no difficulties yet, meta-parameters given (e.g. the shipped default's) or the model's initial ones."""
    start = ResponseModel(meta=meta).transferable() if meta else ResponseModel().transferable()
    return DistrictModel(pack.describe(), dict(start))


def _combine(keys: Sequence[str], index: Mapping[str, int], updates: Sequence[Mapping[str, Any]], table: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sums over schools of H, H*b - G and students, per key of ``index``."""
    precision = np.zeros(len(keys))
    weighted = np.zeros(len(keys))
    students = np.zeros(len(keys))
    for update in updates:
        columns = update[table]
        rows = np.fromiter((index.get(k, -1) for k in columns["keys"]), dtype=np.int64, count=len(columns["keys"]))
        known = rows >= 0
        h = np.clip(np.asarray(columns["precision"], dtype=np.float64), 0.0, None)[known]
        b = np.asarray(columns["base"], dtype=np.float64)[known]
        g = np.asarray(columns["gradient"], dtype=np.float64)[known]
        np.add.at(precision, rows[known], h)
        np.add.at(weighted, rows[known], h * b - g)
        np.add.at(students, rows[known], np.asarray(columns["students"], dtype=np.float64)[known])
    return precision, weighted, students


def aggregate(updates: Sequence[tuple[str, Mapping[str, Any]]], pack: SharedPack, previous: DistrictModel,
              meta_step: float = 1.0, settings: Settings | None = None) -> DistrictModel:
    """A district model from (name, payload) updates made for ``pack``; ``previous`` gives the starting point."""
    settings = settings or Settings()
    if not updates:
        raise LamplightError("No update files to combine.")
    for name, update in updates:
        check_update(dict(update), name)
        if update.get("class") in previous.combined:
            raise LamplightError(f"{name} was combined into this district model (round {previous.round}) or an earlier one "
                                 "already: each class's file counts in one round. Leave it out (the class shares again at "
                                 "this model for the next round); nothing was written.")
        found = update.get("pack", {})
        if found.get("fingerprint") != pack.fingerprint:
            raise LamplightError(f"{name} was made for pack {found.get('id')!r} edition {found.get('fingerprint')!r}; this "
                                 f"district uses {pack.id!r} edition {pack.fingerprint!r}. The school must update its pack first.")
    payloads = [u for _, u in updates]
    base = previous.response_model(pack, settings)
    skills, keys = district_rows(base)
    h_skill, hb_skill, _ = _combine(skills, {s: i for i, s in enumerate(skills)}, payloads, "skills")
    h_item, hb_item, _ = _combine(keys, {k: i for i, k in enumerate(keys)}, payloads, "exercises")
    new_skills, new_exercises = newton_step(previous, base, (h_skill, hb_skill), (h_item, hb_item))
    meta, used = _meta_step(previous, updates, meta_step)
    total_h = max(float(h_item.sum()), 1e-12)
    report = [_school_row(name, update, used.get(name, "no meta update in the file"), update_share(update, total_h))
              for name, update in updates]
    tokens = tuple(token for _, update in updates if isinstance(token := update.get("class"), str))
    return DistrictModel(pack.describe(), meta, new_skills, new_exercises, previous.round + 1, report,
                         loadings=dict(previous.loadings), combined=previous.combined + tokens)


def district_rows(base: ResponseModel) -> tuple[list[str], list[str]]:
    """The skills and exercises a district model's sums are indexed by (the base's order)."""
    return [s for s in base.skills if s], list(base.items)


def newton_step(previous: DistrictModel, base: ResponseModel, skill_sums: tuple[np.ndarray, np.ndarray],
                item_sums: tuple[np.ndarray, np.ndarray]) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """New (skills, exercises) tables from the district's sums of H and H*b - G (indexed as :func:`district_rows`).

    Skills first (prior around beta0), then each exercise (prior around its
    skills' new values); rows without evidence keep the previous values.
    ``base`` (the previous model on the pack) takes the new skill values.
    """
    settings = base.settings
    skills, keys = district_rows(base)
    (h_skill, hb_skill), (h_item, hb_item) = skill_sums, item_sums
    beta0 = base.meta["beta0"]
    new_skills = dict(previous.skills)
    for i, skill in enumerate(skills):
        if h_skill[i] > 0:
            level = (hb_skill[i] + settings.skill_prior * beta0) / (h_skill[i] + settings.skill_prior)
            new_skills[skill] = (level - beta0, float(h_skill[i]))
            base.params["beta_skill"][base.skill_index[skill]] = level - beta0
    rows = np.arange(len(keys))
    prior_mean = beta0 + (base.params["beta_skill"][base.skill_idx[rows]] * base.skill_w[rows]).sum(-1)
    new_exercises = dict(previous.exercises)
    for i in np.flatnonzero(h_item > 0):
        level = (hb_item[i] + settings.item_prior * prior_mean[i]) / (h_item[i] + settings.item_prior)
        new_exercises[keys[i]] = (float(level - prior_mean[i]), float(h_item[i]))
    return new_skills, new_exercises


def meta_step(previous: DistrictModel, weight: float, weighted_change: Mapping[str, float], step: float) -> dict[str, float]:
    """Reptile/FedAvg: previous meta + step * (sum of students * change) / (sum of students), within limits."""
    meta = dict(previous.meta)
    if weight > 0:
        for key in FEDERATED_META:
            low, high = LIMITS[key]
            meta[key] = float(np.clip(meta[key] + step * weighted_change[key] / weight, low, high))
    return meta


def update_share(update: Mapping[str, Any], total_precision: float) -> float:
    """The school's share of all the evidence on exercises this round."""
    return float(np.clip(np.asarray(update["exercises"]["precision"], dtype=np.float64), 0, None).sum()) / total_precision


def _meta_step(previous: DistrictModel, updates: Sequence[tuple[str, Mapping[str, Any]]], step: float) -> tuple[dict[str, float], dict[str, str]]:
    """Reptile/FedAvg: previous meta + step * student-weighted mean change, over files made from ``previous``."""
    total = 0.0
    change = {name: 0.0 for name in FEDERATED_META}
    used: dict[str, str] = {}
    for name, update in updates:
        delta = update.get("meta")
        if not delta:
            continue
        if update.get("base", {}).get("id") != previous.id:
            used[name] = "meta update made from another model: not used"
            continue
        weight = float(delta.get("students", 0))
        total += weight
        for key in FEDERATED_META:
            change[key] += weight * float(delta["change"].get(key, 0.0))
        used[name] = "meta update used"
    return meta_step(previous, total, change, step), used


def _school_row(name: str, update: Mapping[str, Any], meta_note: str, share: float) -> dict[str, Any]:
    counts = update.get("counts", {})
    privacy = update.get("privacy", {})
    return {"file": name, "students": counts.get("students"), "answers": counts.get("answers"),
            "exercises": len(update["exercises"]["keys"]), "skills": len(update["skills"]["keys"]),
            "evidence_share": rounded(share, 4), "meta": meta_note,
            "privacy": "none" if privacy.get("mechanism") == "none" else f"epsilon {privacy.get('epsilon')}"}


def _check_values(model: DistrictModel, where: str) -> None:
    """Refuse a model whose numbers no combining of updates makes (review 35b: a forged 1e400 passed the reader and
    crashed the import): every number finite, the settings within :data:`LIMITS`, the rest within
    :data:`MOST_LOGITS`, no precision below 0."""
    def bad(value: float, low: float = -MOST_LOGITS, high: float = MOST_LOGITS) -> bool:
        return not (math.isfinite(value) and low <= value <= high)

    wrong = [name for name, value in model.meta.items() if bad(value, *LIMITS.get(name, (-MOST_LOGITS, MOST_LOGITS)))]
    for table in ("skills", "exercises"):
        if any(bad(difficulty) or not (math.isfinite(precision) and precision >= 0) for difficulty, precision in getattr(model, table).values()):
            wrong.append(table)
    if any(bad(x) for vector in model.loadings.values() for x in vector):
        wrong.append("loadings")
    if wrong:
        raise LamplightError(f"{where} is refused: it holds values no district model has ({', '.join(wrong)}); it may have "
                             f"been changed by hand or by another program.")
