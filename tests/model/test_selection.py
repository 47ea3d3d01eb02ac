"""The learned question-selection policy: deterministic training, legal picks, and better than random
where the informative questions are known."""
from __future__ import annotations

import numpy as np
import pytest

from engine.errors import LamplightError
from engine.evaluation import protocols
from engine.model.baselines import IRTModel
from engine.model.interface import Responses
from engine.model.response import ResponseModel, Settings
from engine.model.selection import (SelectionPolicy, SelectionSettings, candidate_features, exposure_counts,
                                    selecting, train_policy)

SMALL = SelectionSettings(train_students=40, validation_students=30, hidden=4, epochs=2, rounds=2,
                          candidates_per_state=12, reward_steps=(0, 1, 2, 4))


def class_with_known_informative_items(students: int = 240, seed: int = 0) -> Responses:
    """Half the bank is near even odds for everyone (informative about ability); half is almost always
    right or always wrong whatever the ability (difficulty +-6: an answer says next to nothing)."""
    rng = np.random.default_rng(seed)
    difficulty = np.concatenate([rng.normal(0.0, 0.4, 30), np.where(np.arange(30) % 2 == 0, 6.0, -6.0)])
    ability = rng.normal(0.0, 1.5, students)
    rows = {"student": [], "item": [], "correct": []}
    for s in range(students):
        for i in rng.choice(len(difficulty), size=40, replace=False):
            rows["student"].append(f"s{s}")
            rows["item"].append(f"i{i}")
            rows["correct"].append(float(rng.random() < 1 / (1 + np.exp(-(ability[s] - difficulty[i])))))
    return Responses(rows["student"], rows["item"], [("k",)] * len(rows["item"]),
                     np.asarray(rows["correct"], dtype=np.float32))


@pytest.fixture(scope="module")
def calibrated() -> tuple[ResponseModel, protocols.ColdStartSplit]:
    split = protocols.coldstart_split(class_with_known_informative_items(), seed=0)
    model = ResponseModel(Settings(outer_steps=30, seed=0))
    protocols.calibrate_model(model, split)
    return model, split


@pytest.fixture(scope="module")
def trained(calibrated) -> SelectionPolicy:
    model, split = calibrated
    return train_policy(model, split.history, SMALL)


def test_same_seed_same_weights(calibrated, trained):
    model, split = calibrated
    again = train_policy(model, split.history, SMALL)
    for name in ("w1", "b1", "w2", "linear"):
        np.testing.assert_array_equal(getattr(again, name), getattr(trained, name))
    assert again.info["validation_auc"] == trained.info["validation_auc"]


def test_features_do_not_name_items(calibrated):
    """Renaming the exercises changes nothing the policy sees: it can choose in a bank it has never seen."""
    model, split = calibrated
    state = model.adapt(["i0", "i31"], [1.0, 0.0])
    rows = model.item_rows([f"i{i}" for i in range(2, 60)])
    exposure = exposure_counts(model, split.history)
    features = candidate_features(model, state, rows, exposure, 2)
    assert features.shape == (58, 12) and np.isfinite(features).all()
    shuffled = np.random.default_rng(1).permutation(58)
    np.testing.assert_allclose(candidate_features(model, state, rows[shuffled], exposure, 2), features[shuffled],
                               atol=1e-9)


def test_picks_only_unasked_questions(calibrated, trained):
    model, split = calibrated
    chooser = selecting(model, split.history, trained)
    for student in split.test[:10]:
        asked = protocols.adaptive_sequence(chooser, student, len(student.pool_items))
        assert sorted(asked) == list(range(len(student.pool_items)))  # every question once, none twice
        assert protocols.adaptive_sequence(chooser, student, 5) == asked[:5]


def test_learned_policy_beats_random_where_informative_questions_are_known(calibrated, trained, tmp_path,
                                                                            monkeypatch):
    model, split = calibrated
    monkeypatch.setenv("LAMPLIGHT_SELECTION", str(trained.save(tmp_path / "policy.json")))
    results = protocols.run_coldstart(model, split, ns=(3, 5), policies=("random", "learned"))
    auc = {(row["policy"], row["n"]): row["auc"] for row in results}
    for n in (3, 5):
        assert auc["learned", n] > auc["random", n] + 0.003, auc  # measured: +0.006 and +0.015
    chooser = selecting(model, split.history, trained)
    informative = sum(int(student.pool_items[i][1:]) < 30 for student in split.test
                      for i in protocols.adaptive_sequence(chooser, student, 3))
    assert informative / (3 * len(split.test)) > 0.9  # random asks about half


def test_saved_policy_round_trips_and_bad_files_are_refused(trained, tmp_path):
    path = trained.save(tmp_path / "policy.json")
    loaded = SelectionPolicy.load(path)
    features = np.random.default_rng(0).normal(size=(7, 12))
    np.testing.assert_array_equal(loaded.scores(features), trained.scores(features))
    assert loaded.first_by_information == trained.first_by_information
    (tmp_path / "other.json").write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(LamplightError, match="not a question-selection policy"):
        SelectionPolicy.load(tmp_path / "other.json")
    with pytest.raises(LamplightError, match="train-selection"):
        SelectionPolicy.load(tmp_path / "missing.json")


def test_learned_policy_needs_a_response_model(calibrated, trained, tmp_path, monkeypatch):
    _, split = calibrated
    monkeypatch.setenv("LAMPLIGHT_SELECTION", str(trained.save(tmp_path / "policy.json")))
    irt = IRTModel()
    irt.calibrate(split.history, split.items)
    with pytest.raises(LamplightError, match="needs the response model"):
        protocols.run_coldstart(irt, split, ns=(1,), policies=("learned",))


def test_shipped_policy_loads(monkeypatch):
    """`evaluate --policy learned` works out of the box: the shipped policy, trained on assist2009's history."""
    monkeypatch.delenv("LAMPLIGHT_SELECTION", raising=False)
    shipped = SelectionPolicy.load()
    assert shipped.info["data"] == "assist2009" and shipped.linear.shape == (12,)
    assert np.isfinite(shipped.scores(np.zeros((3, 12)))).all()
