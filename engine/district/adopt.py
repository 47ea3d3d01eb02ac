"""Adopting a district model on a laptop: only if it predicts the class's own held-out answers at least as well.

The candidate takes the district's meta-parameters and its difficulties for
the shared exercises and skills it has data on, refined with what the
class's own answers say where its updates could not share them (fewer than
the minimum number of students); every other exercise of the class (its
own, or shared ones nobody answered) keeps the class's own calibration, moved onto the candidate's scale so that a student
at the starting ability gets the same prediction as before. The check is
the on-laptop learning's (:mod:`engine.adapt.learning`): hold out each
student's latest answers, calibrate the current model on the rest, and
compare log losses on the held-out answers.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from engine.adapt.learning import FitScore, score_model
from engine.data import MIN_CHECKED_ANSWERS, split_holdout
from engine.district.aggregate import DistrictModel
from engine.district.pack import SharedPack, keyed_log
from engine.district.update import local_sums
from engine.model.interface import Responses
from engine.model.response import ResponseModel


@dataclass
class AdoptReport:
    adopted: bool
    before: FitScore
    after: FitScore
    model: Any
    summary: str
    already_in_use: bool = False  # the same district model is the class's model now: nothing was checked or changed


def _start_level(model: ResponseModel, rows: np.ndarray) -> np.ndarray:
    """theta0 + the skills' starting offsets - difficulty: the logit of a student who has answered nothing."""
    tau = (model.params["tau0"][model.skill_idx[rows]] * model.skill_w[rows]).sum(-1)
    return model.meta["theta0"] + tau - model.difficulties(rows)


def merge(district: DistrictModel, pack: SharedPack, own: ResponseModel, key_of: Mapping[str, str],
          bank: Mapping[str, tuple[str, ...]], log: Responses | None = None, min_students: int = 10) -> ResponseModel:
    """The class's candidate model: district where it has data, the class's own calibration elsewhere.

    ``key_of`` maps the class's exercise ids to pack keys (exercises not in
    it are the class's own); ``bank`` is the class's exercises with skills.
    With the class's answers ``log``, shared exercises and skills its updates
    could not share (fewer than ``min_students`` students) are refined with
    them (:func:`with_own_evidence`).
    """
    shared = district.response_model(pack, own.settings)
    covered = set(district.exercises)
    if log is not None:
        keyed = keyed_log(log, key_of, pack)
        counts: dict[str, set[str]] = {}
        for student, key, skills in zip(keyed.student_ids, keyed.item_ids, keyed.skill_ids):
            for name in (key, *(f"skill:{s}" for s in skills)):
                counts.setdefault(name, set()).add(student)
        released = {"exercises": {k for k in keyed.item_ids if len(counts[k]) >= min_students},
                    "skills": {s for ks in keyed.skill_ids for s in ks if len(counts[f"skill:{s}"]) >= min_students}}
        if len(keyed):
            shared = with_own_evidence(district, pack, keyed, released)
            shared.settings = copy.deepcopy(own.settings)
            covered |= set(keyed.item_ids)
    candidate = ResponseModel(copy.deepcopy(own.settings), district.meta, name="district")
    skills = sorted({s for ks in bank.values() for s in ks if s} | set(pack.skills))
    candidate.set_vocabulary(skills, {item: tuple(ks) for item, ks in bank.items()})
    candidate.params = candidate.fresh_params()
    for skill, k in candidate.skill_index.items():
        if skill in district.skills:
            candidate.params["beta_skill"][k] = shared.params["beta_skill"][shared.skill_index[skill]]
        elif skill in own.skill_index and skill:
            candidate.params["beta_skill"][k] = own.meta["beta0"] + own.params["beta_skill"][own.skill_index[skill]] - candidate.meta["beta0"]
    rows = np.arange(candidate.n_items)
    target = _start_level(candidate, rows)  # what the district alone says, by skills
    for i, item in enumerate(candidate.items):
        key = key_of.get(item)
        if key is not None and key in covered:
            target[i] = _start_level(shared, shared.item_rows([key]))[0]
            candidate.params["loading"][i] = shared.params["loading"][shared.item_index[key]]
        elif item in own.item_index:
            target[i] = _start_level(own, own.item_rows([item]))[0]
            candidate.params["loading"][i] = own.params["loading"][own.item_index[item]]
    # solve delta so that each exercise's starting logit is the target
    candidate.params["delta"][rows] += _start_level(candidate, rows) - target
    candidate.info["district"] = {"id": district.id, "round": district.round, "pack": district.pack}
    return candidate


CHECKED_SHARE = 0.2
"""The share of each student's latest answers a district model is checked on before a class adopts it."""


def shared_answers(responses: Responses) -> Responses:
    """The class's answers an update may share: all but those :func:`check_and_adopt` would check a district model on
    now (each student's latest), so a district model built from the update never learned from them (review 39: the
    check was made on answers the school's own update had given the district, and a model no better was adopted).
    Answers given later move the checked ones on, to answers newer still, which the update never held either."""
    return split_holdout(responses, CHECKED_SHARE)[0]


def check_and_adopt(district: DistrictModel, pack: SharedPack, current: ResponseModel, responses: Responses,
                    key_of: Mapping[str, str], bank: Mapping[str, tuple[str, ...]]) -> AdoptReport:
    """Adopt the district model only if it predicts the class's held-out answers at least as well as the current one."""
    train, held_out = split_holdout(responses, CHECKED_SHARE)
    current_on_train = copy.deepcopy(current)
    current_on_train.calibrate(train, dict(bank))
    before = score_model(current_on_train, train, held_out)
    after = score_model(merge(district, pack, current_on_train, key_of, bank, train), train, held_out)
    if before.answers < MIN_CHECKED_ANSWERS:
        return AdoptReport(False, before, after, current, "Not enough answers yet to check the district model on this class.")
    adopted = after.log_loss <= before.log_loss
    model = merge(district, pack, current, key_of, bank, responses) if adopted else current
    checked = f"(checked on the latest {after.answers} answers of this class, log loss {after.log_loss:.3f} vs {before.log_loss:.3f})"
    if adopted and round(after.accuracy * 100) <= round(before.accuracy * 100):  # review 43e: "68% (70% before)", adopted
        summary = (f"The district model is now used for this class: its chances of success fit the class's latest answers "
                   f"more closely, though it predicts {after.accuracy:.0%} of them correctly ({before.accuracy:.0%} "
                   f"before) {checked}.")
    elif adopted:
        summary = (f"The district model is now used for this class: it predicts {after.accuracy:.0%} of the class's latest "
                   f"answers correctly ({before.accuracy:.0%} before) {checked}.")
    else:
        summary = (f"The district model was not adopted: it predicts this class's latest answers less well than the "
                   f"current model {checked}. The current model is kept.")
    return AdoptReport(adopted, before, after, model, summary)


def with_own_evidence(district: DistrictModel, pack: SharedPack, history: Responses, released: Mapping[str, set[str]],
                      draws: int = 2, seed: int = 0) -> ResponseModel:
    """The district model refined on the laptop with what the class's answers say and its update did not share.

    Exercises and skills the school's update left out (fewer than the minimum
    number of students) still inform the school's own model: one Newton step
    from the district's difficulty, with the district's evidence as the prior.
    ``released`` holds the ``exercises`` and ``skills`` keys the update shared
    (their evidence is already in the district model).
    """
    base = district.response_model(pack)
    model, items, skills = local_sums(base, history, pack, draws, seed)
    settings = model.settings
    before = model.params["beta_skill"].copy()
    for skill, k in model.skill_index.items():
        h, g = skills["precision"][k], skills["gradient"][k]
        if skill and h > 0 and skill not in released.get("skills", set()):
            prior = district.skills.get(skill, (0.0, 0.0))[1] + settings.skill_prior
            model.params["beta_skill"][k] -= g / (prior + h)
    rows = np.arange(model.n_items)
    moved = ((model.params["beta_skill"] - before)[model.skill_idx[rows]] * model.skill_w[rows]).sum(-1)
    shared = released.get("exercises", set())
    for key, i in model.item_index.items():
        h, g = items["precision"][i], items["gradient"][i]
        if key in shared:  # the district's estimate already holds this school's evidence: keep it
            model.params["delta"][i] -= moved[i]
        elif h > 0:  # one Newton step from the district's difficulty, the district's evidence as prior
            prior = district.exercises.get(key, (0.0, 0.0))[1] + settings.item_prior
            model.params["delta"][i] -= g / (prior + h) + moved[i]
    return model
