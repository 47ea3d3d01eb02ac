import random

import numpy as np
import pytest

from engine.adapt.learning import FitReport, improve_model, score_model, split_holdout
from engine.model.skill_model import SkillAbilityModel
from engine.model.interface import Responses


def _learning_class(students=30, answers=40, seed=1):
    """Students who learn each skill partway through: recent answers matter more than old ones."""
    rng = random.Random(seed)
    skills = ["a", "b", "c"]
    sids, items, skill_ids, correct = [], [], [], []
    for s in range(students):
        learned_at = {k: rng.randint(0, answers) for k in skills}
        for t in range(answers):
            skill = skills[t % 3]
            item = f"{skill}{rng.randint(0, 5)}"
            p = 0.9 if t >= learned_at[skill] else 0.15
            sids.append(f"s{s}")
            items.append(item)
            skill_ids.append((skill,))
            correct.append(1.0 if rng.random() < p else 0.0)
    return Responses(sids, items, skill_ids, np.array(correct, dtype=np.float32))


def test_split_holds_out_the_last_answers_of_each_student():
    log = _learning_class(students=3, answers=10)
    train, held = split_holdout(log, 0.2)
    assert len(train) == 24 and len(held) == 6
    for student in {"s0", "s1", "s2"}:
        rows = [i for i, s in enumerate(log.student_ids) if s == student]
        assert [log.item_ids[r] for r in rows[-2:]] == [i for i, s in zip(held.item_ids, held.student_ids) if s == student]
    with pytest.raises(ValueError):
        split_holdout(log, 1.5)


def test_short_histories_stay_in_training():
    log = _learning_class(students=2, answers=4)
    train, held = split_holdout(log, 0.2, min_answers=5)
    assert len(held) == 0 and len(train) == 8


def test_improve_model_adopts_better_settings_and_snapshots_the_old_model():
    log = _learning_class()
    model = SkillAbilityModel(half_life=1000.0, general_sd=1.0, skill_sd=1.0)  # ignores recency: a poor fit here
    snapshots, steps = [], []
    report = improve_model(log, model, progress=lambda f, m: steps.append(f), save_snapshot=lambda m, note: snapshots.append((m, note)))
    assert isinstance(report, FitReport)
    assert report.adopted and report.after.log_loss < report.before.log_loss
    assert report.model is not model and report.model.half_life < 1000.0
    assert snapshots and snapshots[0][0] is model and model.half_life == 1000.0  # the given model is untouched
    assert report.summary.startswith("The model ") and "did not learn from" in report.summary
    assert steps[0] == 0.0 and steps[-1] == 1.0 and steps == sorted(steps)


def test_worse_candidate_is_not_adopted():
    log = _learning_class(students=10)

    def make_it_worse(model, history, progress, should_stop):
        model.difficulty = {k: 5.0 for k in model.difficulty}
        return model

    model = SkillAbilityModel()
    saved = []
    report = improve_model(log, model, fine_tune=make_it_worse, save_snapshot=lambda m, n: saved.append(m))
    assert not report.adopted and report.model is model and saved == []
    assert "current model is kept" in report.summary


def test_cancel_leaves_the_model_unchanged():
    log = _learning_class(students=10)
    model = SkillAbilityModel(half_life=1000.0)
    report = improve_model(log, model, should_stop=lambda: True)
    assert report.cancelled and not report.adopted and report.model is model
    assert model.half_life == 1000.0


def test_cancel_stops_the_first_fit_of_the_meta_learned_model_between_steps(monkeypatch):
    """Review 45c: Cancel waited for the first fit on the class's answers (every step of it) to end."""
    import engine.model.training as training
    from engine.model.response import ResponseModel, Settings

    steps, asked = [], []
    real_batch = training.sample_batch
    monkeypatch.setattr(training, "sample_batch", lambda *a, **k: steps.append(1) or real_batch(*a, **k))
    model = ResponseModel(Settings(outer_steps=40, seed=0))

    def stop_after_three_steps():
        asked.append(len(steps))
        return len(steps) >= 3

    report = improve_model(_learning_class(students=12), model, should_stop=stop_after_three_steps)
    assert report.cancelled and not report.adopted and report.model is model
    assert len(steps) == 3, f"{len(steps)} training steps ran after Cancel, of 40"
    assert not report.before.answers, "nothing was checked on a cancelled run"


def test_empty_class():
    empty = Responses([], [], [], np.zeros(0, dtype=np.float32))
    report = improve_model(empty, SkillAbilityModel())
    assert not report.adopted and "Not enough answers" in report.summary


def test_score_model_counts_every_held_out_answer():
    log = _learning_class(students=5, answers=10)
    train, held = split_holdout(log)
    model = SkillAbilityModel()
    model.calibrate(train, log.item_skills())
    score = score_model(model, train, held)
    assert score.answers == len(held) and 0 < score.log_loss < 2 and 0 <= score.accuracy <= 1


def test_fine_tune_continues_from_the_class_calibrated_model():
    log = _learning_class(students=12)
    calls = []

    def one_more_step(model, history, progress, should_stop):
        calls.append((len(model.difficulty) > 0, len(history)))
        progress(0.5, "halfway")
        model.half_life = 3.0  # a change that helps on this class (recent answers matter)
        return None  # trained in place

    model = SkillAbilityModel(half_life=1000.0)
    report = improve_model(log, model, fine_tune=one_more_step)
    assert calls == [(True, len(split_holdout(log)[0]))]  # got the calibrated copy and the training part only
    assert report.adopted and report.model.half_life == 3.0 and model.half_life == 1000.0


def test_a_district_model_improved_on_the_class_is_named_for_what_it_is_now():
    """Review 26: after "Use the district model" then "Improve", the Model screen still said "the district model"."""
    from types import SimpleNamespace

    model = SkillAbilityModel(half_life=1000.0, general_sd=1.0, skill_sd=1.0)
    model.name, model.settings = "district", SimpleNamespace(algorithm="metasgd")
    report = improve_model(_learning_class(), model)
    assert report.adopted and report.model.name == "metasgd" and model.name == "district"
