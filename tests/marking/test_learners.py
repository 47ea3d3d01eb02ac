"""The four meta-learners: they learn across synthetic questions and mark unseen ones."""
import numpy as np
import pytest
import torch

from engine.marking import metrics
from engine.marking.model import LearnedMarker
from engine.marking.nets import LEARNERS, build
from engine.marking.training import TrainSettings, episode_logits
from tests.marking.helpers import synthetic_question, synthetic_questions


@pytest.fixture(autouse=True)
def one_thread():
    torch.set_num_threads(1)


@pytest.mark.parametrize("learner", LEARNERS)
def test_learner_marks_unseen_questions_better_than_chance(learner):
    marker = LearnedMarker(TrainSettings(learner=learner, dim=16, epochs=4, seed=0))
    marker.fit(synthetic_questions(30))
    assert marker.info["training"]["best_epoch"] >= 1
    test = synthetic_questions(6, seed=7)
    aucs = [metrics.auc(q.correct, marker.predict(q, np.array([0, 1, 2]), q.correct[[0, 1, 2]])) for q in test]
    assert np.nanmean(aucs) > 0.8


@pytest.mark.parametrize("learner", LEARNERS)
def test_learner_handles_one_class_only_support_and_no_reference(learner):
    torch.manual_seed(0)
    net = build(learner, dim=8)
    q = synthetic_question(3)
    q.references = []
    wrong = np.flatnonzero(q.correct == 0)[:1]
    logits = episode_logits(net, q, wrong, np.zeros(1), np.arange(len(q.answers)))
    assert logits.shape == (len(q.answers),) and torch.isfinite(logits).all()


def test_training_is_a_function_of_data_and_seed():
    data = synthetic_questions(12)
    first = LearnedMarker(TrainSettings(learner="protonet", dim=8, epochs=2, seed=3))
    second = LearnedMarker(TrainSettings(learner="protonet", dim=8, epochs=2, seed=3))
    first.fit(data)
    second.fit(data)
    q = synthetic_question(50)
    np.testing.assert_allclose(first.predict(q, np.array([0]), q.correct[:1]),
                               second.predict(q, np.array([0]), q.correct[:1]))


def test_chinese_questions_are_marked_too():
    marker = LearnedMarker(TrainSettings(learner="relation", dim=16, epochs=4, seed=0))
    marker.fit(synthetic_questions(20, chinese=True) + synthetic_questions(10))
    test = synthetic_questions(5, seed=11, chinese=True)
    aucs = [metrics.auc(q.correct, marker.predict(q, np.array([0, 1]), q.correct[[0, 1]])) for q in test]
    assert np.nanmean(aucs) > 0.75
