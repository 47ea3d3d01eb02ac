import random

import numpy as np
import pytest

from engine.model.bkt import KnowledgeTracingModel, bkt_log_likelihood, fit_bkt
from engine.adapt.mastery import MasteryRule, answer_counts, student_mastery
from engine.model.interface import Responses


def _bkt_sequences(prior, learn, guess, slip, students=300, length=20, seed=0):
    rng = random.Random(seed)
    out = []
    for _ in range(students):
        known = rng.random() < prior
        seq = []
        for _ in range(length):
            seq.append(int(rng.random() < ((1 - slip) if known else guess)))
            known = known or rng.random() < learn
        out.append(seq)
    return out


def test_fit_recovers_known_parameters():
    prior, learn, guess, slip, loss = fit_bkt(_bkt_sequences(0.3, 0.15, 0.2, 0.1))
    assert prior == pytest.approx(0.3, abs=0.1)
    assert learn == pytest.approx(0.15, abs=0.06)
    assert guess == pytest.approx(0.2, abs=0.07)
    assert slip == pytest.approx(0.1, abs=0.05)
    assert 0.3 < loss < 0.7


def test_likelihood_prefers_the_true_parameters():
    seqs = _bkt_sequences(0.5, 0.1, 0.2, 0.1, students=100)
    ll = bkt_log_likelihood(seqs, np.array([0.5, 0.5]), np.array([0.1, 0.4]), np.array([0.2, 0.4]), np.array([0.1, 0.3]))
    assert ll[0] > ll[1]


def _history():
    seqs = _bkt_sequences(0.3, 0.2, 0.2, 0.1, students=150, length=15, seed=2)
    sids, items, skills, correct = [], [], [], []
    for s, seq in enumerate(seqs):
        for t, c in enumerate(seq):
            sids.append(f"s{s}")
            items.append(f"add{t % 5}")
            skills.append(("add",))
            correct.append(float(c))
    return Responses(sids, items, skills, np.array(correct, dtype=np.float32))


def test_model_tracks_knowledge_and_answers_the_mastery_question():
    model = KnowledgeTracingModel()
    model.calibrate(_history(), {"add0": ("add",), "new": ("add",), "other": ("sub",)})
    assert "add" in model.skill_parameters and "sub" not in model.skill_parameters
    fresh = model.adapt([], [])
    good = model.adapt(["add0", "add1", "add2", "add3", "add4"], [1, 1, 1, 1, 1])
    bad = model.adapt(["add0", "add1", "add2", "add3", "add4"], [0, 0, 0, 0, 0])
    assert good["add"] > fresh.get("add", model.parameters("add").prior) > bad["add"]
    p = model.predict(good, ["add0", "new", "other"])
    assert p.shape == (3,) and np.all((p > 0) & (p < 1))
    assert model.predict(good, ["add0"])[0] > model.predict(bad, ["add0"])[0]
    sure = model.chance_above(good, ["add"], 0.7)[0]
    assert sure == pytest.approx(good["add"])  # above 0.7 exactly when the skill is known
    rule = MasteryRule(threshold=0.7, confidence=0.8)
    items = ["add0", "add1", "add2", "add3", "add4"]
    cells = student_mastery(model, good, ["add"], answer_counts(items, [1] * 5, model.items), rule)
    assert cells["add"].mastered and cells["add"].sure_mastered == pytest.approx(sure)
    est, low, high = model.skill_mastery(bad, ["add"])
    assert low[0] <= est[0] <= high[0]


def test_update_equals_adapt_on_all_answers():
    model = KnowledgeTracingModel()
    model.calibrate(_history(), {})
    items, scores = ["add0", "add1", "add2", "add3"], [1, 0, 1, 1]
    step = model.adapt(items[:2], scores[:2])
    step = model.update(step, items[2:], scores[2:])
    assert step == pytest.approx(model.adapt(items, scores))


def test_practice_session_with_incremental_model_matches_full_replay():
    from engine.adapt.recommend import PracticeSession

    model = KnowledgeTracingModel()
    model.calibrate(_history(), {})
    bank = {f"add{i}": ("add",) for i in range(5)}
    session = PracticeSession(model, bank, {})
    for score in [1, 0, 1, 1, 1]:
        step = session.next_exercise()
        session.record(step.exercise_id, score)
    assert session._state == pytest.approx(model.adapt(session.item_ids, session.correct))
