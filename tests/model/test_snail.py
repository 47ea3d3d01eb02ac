"""The SNAIL-style memory model and flip-trained meta-learning: deterministic, reading the answers, registered."""
from __future__ import annotations

import numpy as np
import pytest

from engine.evaluation import protocols
from engine.evaluation.metrics import summarize
from engine.model.registry import COLD_START_MODELS, names
from engine.model.response import ResponseModel, Settings
from engine.model.snail import SnailConfig, SnailModel
from engine.model.synthetic import make_class
from engine.model.training import flip_support, sample_batch, student_tasks

TINY = SnailConfig(dim=16, heads=2, dilations=(1, 2), max_epochs=3, episodes_per_student=2, batch_students=32)


def _class(students: int = 240, seed: int = 0):
    """Answers from a known skill-IRT model: abilities vary a lot, so a student's answers tell much."""
    truth, log = make_class(students=students, items=60, answers_per_student=40, skills=5, seed=seed, offset_sd=0.3)
    return truth, log


def test_snail_trains_deterministically() -> None:
    _, log = _class(80)
    predictions = []
    for _ in range(2):
        model = SnailModel(TINY)
        model.calibrate(log, {})
        state = model.adapt(["item1", "item2", "item3"], [1.0, 0.0, 1.0])
        predictions.append(model.predict(state, [f"item{i}" for i in range(60)]))
    np.testing.assert_array_equal(predictions[0], predictions[1])


def test_snail_reads_the_asked_answers_and_beats_the_base_rate() -> None:
    """With 10 answers read (no gradient steps) it ranks the held-out answers well above the base rate."""
    _, log = _class()
    split = protocols.coldstart_split(log, seed=0)
    model = SnailModel(SnailConfig(dim=16, max_epochs=8))
    protocols.calibrate_model(model, split)
    result = protocols.run_coldstart(model, split, ns=(10,), policies=("random",))[0]
    y = np.concatenate([s.target_correct for s in split.test])
    base_rate = float(np.mean(split.history.correct))
    base = summarize(y, np.full(len(y), base_rate))
    assert result["auc"] > 0.72
    assert result["logloss"] < base["logloss"] - 0.05
    targets = [f"item{i}" for i in range(60)]
    asked = [f"item{i}" for i in range(10)]
    strong = model.predict(model.adapt(asked, [1.0] * 10), targets)
    weak = model.predict(model.adapt(asked, [0.0] * 10), targets)
    assert np.all(strong > weak)


@pytest.mark.parametrize("extras", [False, True])
def test_unseen_exercises_and_no_answers_are_predicted(extras: bool) -> None:
    """Also with the optional inputs (IRT summary of the support, exercise loadings: fitted on this bank)."""
    from dataclasses import replace

    _, log = _class(60)
    model = SnailModel(replace(TINY, irt_summary=extras, loadings=extras))
    model.calibrate(log, {"brand-new": ("skill0",)})
    p = model.predict(None, ["brand-new", "never-heard-of", "item0"])
    assert p.shape == (3,) and np.all((p > 0) & (p < 1))
    assert 0 <= model.next_item(model.adapt(["item0"], [1.0]), ["item1", "item2"]) < 2
    estimate, low, high = model.skill_mastery(None, ["skill0", "no-such-skill"])
    assert np.all(low <= estimate) and np.all(estimate <= high)


def test_flip_support_flips_about_the_share_of_real_answers_only() -> None:
    _, log = _class(200)
    model = ResponseModel(Settings())
    model.set_vocabulary(sorted({s for ks in log.skill_ids for s in ks}), log.item_skills())
    tasks = student_tasks(model, log)
    support, _ = sample_batch(tasks, np.arange(len(tasks)), np.random.default_rng(0), 20, 64, model.n_items)
    flipped = flip_support(support, 0.1, np.random.default_rng(1))
    changed = flipped["y"] != support["y"]
    assert not changed[support["mask"] == 0].any()
    assert 0.07 < changed[support["mask"] > 0].mean() < 0.13


def test_flip_training_is_deterministic_and_changes_the_meta_parameters() -> None:
    _, log = _class(100)
    metas = []
    for share in (0.1, 0.1, 0.0):
        model = ResponseModel(Settings(outer_steps=15, support_flip=share))
        model.calibrate(log, {})
        metas.append(model.transferable())
    assert metas[0] == metas[1]
    assert metas[0] != metas[2]


@pytest.mark.parametrize("name", ["snail", "default-flip", "default-distilled"])
def test_registry_lists_the_new_models(name: str) -> None:
    assert name in names() and name in COLD_START_MODELS


def _tiny_teacher():
    from engine.model.sequence import SequenceConfig

    return SequenceConfig(dim=16, heads=2, layers=1, max_epochs=2)


def test_distillation_trains_deterministically_and_uses_the_teacher() -> None:
    from engine.model.distill import DistilledModel, teacher_predictions

    _, log = _class(60)
    teacher = teacher_predictions(log, folds=2, seed=0, teacher_config=_tiny_teacher())
    assert teacher.shape == (len(log),) and np.all((teacher > 0) & (teacher < 1))
    metas = []
    for weight in (0.5, 0.5, 0.0):
        model = DistilledModel(Settings(outer_steps=10), weight=weight, teacher_config=_tiny_teacher())
        model.calibrate(log, {})
        metas.append(model.transferable())
    plain = ResponseModel(Settings(outer_steps=10))
    plain.calibrate(log, {})
    assert metas[0] == metas[1]
    assert metas[2] == plain.transferable()  # weight 0: the answers alone, exactly the plain meta-training
    assert metas[0] != metas[2]


def test_soft_targets_line_up_with_the_students_tasks() -> None:
    from dataclasses import replace

    from engine.model.training import student_soft_targets

    _, log = _class(30)
    marked = replace(log, extra={"soft_target": [float(i) for i in range(len(log))]})
    model = ResponseModel(Settings())
    model.set_vocabulary(sorted({s for ks in log.skill_ids for s in ks}), log.item_skills())
    tasks, soft = student_tasks(model, marked), student_soft_targets(marked)
    assert len(tasks) == len(soft) and [len(r) for r, _ in tasks] == [len(s) for s in soft]
    assert soft[1][0] == len(tasks[0][0])  # the second student's first row follows the first student's rows
