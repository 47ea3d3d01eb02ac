"""Per-question calibration: leave-one-out on the teacher's marks, marked neighbours, the confidence model."""
import json
from dataclasses import replace

import numpy as np
import pytest
import torch

from engine.errors import LamplightError
from engine.marking import calibration, protocol
from engine.marking.baselines import Marker
from engine.marking.data import Question
from engine.marking.marker import MarkingSession
from engine.marking.model import LearnedMarker
from engine.marking.persistence import load_marker, save_marker
from engine.marking.training import TrainSettings
from tests.marking.helpers import synthetic_question, synthetic_questions


@pytest.fixture(autouse=True)
def one_thread():
    torch.set_num_threads(1)


def keyword_scorer(question: Question, support: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """A fixed 'model': +3 for answers sharing at least 3 words with the reference, else -3 (two members)."""
    keys = set(question.references[0].split())
    z = np.array([3.0 if len(keys & set(a.split())) >= 3 else -3.0 for a in question.answers])
    return np.stack([z, z + 0.1])


def flipped(question: Question) -> Question:
    """The same answers with the teacher's marks reversed: the keyword model is confidently wrong on it."""
    correct = 1 - question.correct
    return Question(question.qid + ":flipped", question.dataset, question.lang, question.prompt, question.references,
                    question.answers, correct, correct.astype(float), group=question.group + ":flipped")


def test_leave_one_out_predicts_each_marked_answer_from_the_others():
    calls = []

    def recording(question, support, labels):
        calls.append(list(support))
        return keyword_scorer(question, support, labels)

    q = synthetic_question(0, n_answers=20)
    support = np.array([2, 5, 9])
    signals = calibration.gather_signals(recording, q, support, q.correct[support].astype(float))
    assert calls == [[2, 5, 9], [5, 9], [2, 9], [2, 5]]
    assert signals.loo_labels.tolist() == q.correct[support].astype(float).tolist()
    assert signals.loo_logits.shape == (3,) and signals.k == 3


def test_leave_one_out_is_capped_for_many_marks():
    rows = calibration.leave_one_out_rows(np.arange(40))
    assert len(rows) == calibration.MAX_LEAVE_ONE_OUT and rows[0] == 0 and rows[-1] == 39
    assert calibration.leave_one_out_rows(np.arange(4)).tolist() == [0, 1, 2, 3]


def test_exact_and_nearest_marked_answers_are_read():
    q = Question("q", "d", "en", "?", ["closed circuit"], ["Closed circuit!", "open switch", "OPEN switch", "battery"],
                 np.array([1, 0, 0, 0]), np.array([1.0, 0, 0, 0]))
    signals = calibration.gather_signals(keyword_scorer, q, np.array([1]), np.array([0.0]))
    assert signals.exact.tolist() == [1.0, -1.0, -1.0, 0.0]
    assert signals.nearest_right[0] == pytest.approx(1.0, abs=1e-5)
    assert signals.nearest_wrong[2] == pytest.approx(1.0, abs=1e-5)
    assert signals.neighbours[1][0] == 2  # its duplicate is its nearest classmate


def test_fit_logistic_recovers_a_known_rule():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4000, 2)) * np.array([1.0, 3.0])
    y = (rng.random(4000) < 1 / (1 + np.exp(-(2.0 * x[:, 0] - 0.5 * x[:, 1] + 1.0)))).astype(float)
    model = calibration.fit_logistic(x, y, l2=1e-6)
    assert model.coef / model.scale == pytest.approx([2.0, -0.5], rel=0.15)
    assert model.intercept - model.coef @ (model.mean / model.scale) == pytest.approx(1.0, abs=0.2)


def test_confidence_falls_where_the_teachers_marks_show_the_model_is_wrong():
    """The raw confidence max(p, 1-p) is the same on both questions; the calibrated one sees the marks disagree."""
    normal = synthetic_questions(30, n_answers=24)
    train = [q if i % 2 else flipped(q) for i, q in enumerate(normal)]
    episodes = calibration.calibration_episodes(keyword_scorer, train, [3, 5], seed=0)
    calibrator = calibration.fit_calibrator(episodes)
    test = synthetic_question(100, n_answers=24)
    support = protocol.draw_support(test, 5, 0, 0)
    ok = calibrator.judge(calibration.gather_signals(keyword_scorer, test, support, test.correct[support]))[1]
    bad = flipped(test)
    wrong = calibrator.judge(calibration.gather_signals(keyword_scorer, bad, support, bad.correct[support]))[1]
    query = np.setdiff1d(np.arange(24), support)
    assert ok[query].mean() > 0.9
    assert wrong[query].mean() < 0.3


def test_an_answer_far_from_its_classmates_stands_low_and_the_signal_is_signed_by_the_mark():
    answers = ["the circuit is closed", "a closed circuit", "the circuit is closed so it works", "penguins eat fish"]
    zeros = np.zeros(len(answers))
    question = Question("q", "t", "en", "Why does the bulb light?", ["the circuit is closed"], answers,
                        zeros.astype(np.int64), zeros)
    signals = calibration.gather_signals(keyword_scorer, question, np.array([0]), np.array([1.0]))
    assert signals.standing.argmin() == 3 and signals.standing[3] < 0 < signals.standing[0]
    standing = calibration.confidence_features(signals)[:, calibration.CONFIDENCE_FEATURES.index("classmates_agree")]
    assert standing[3] > 0, "the outlier is marked wrong (keyword model): standing low agrees with that mark"
    assert standing[0] > 0 and standing[2] > 0, "central answers marked right agree too"


def test_cross_fitted_thresholds_come_from_calibrators_that_did_not_see_the_question():
    normal = synthetic_questions(20, n_answers=24)
    episodes = calibration.calibration_episodes(keyword_scorer, normal, [1, 5], seed=0, repeats=1)
    judged = calibration.cross_fitted_judgements(episodes, seed=0)
    assert sum(len(j.confidence) for j in judged) == sum(len(e.query) for e in episodes)
    thresholds = calibration.choose_thresholds(judged, [1, 5])
    assert set(thresholds) == {1, 5} and thresholds[1] == thresholds[5]  # pooled over k
    few = [j for j in judged if j.question in {q.group for q in normal[:calibration.MIN_THRESHOLD_QUESTIONS - 1]}]
    assert calibration.choose_thresholds(few, [1, 5]) == {1: float("inf"), 5: float("inf")}, "too few questions to trust"


class ConstantConfidence(Marker):
    """p = 0.5 for everyone yet sure of itself: the protocol must use the marker's own confidence."""

    name = "constant"

    def predict(self, question, support, labels):
        return np.full(len(question.answers), 0.6)

    def judge(self, question, support, labels):
        p = self.predict(question, support, labels)
        return p, np.full(len(p), 0.99)


def test_the_protocol_reads_the_markers_own_confidence():
    marker = ConstantConfidence()
    marker.thresholds = {1: 0.95}
    scored = protocol.score_question(marker, synthetic_question(3, n_answers=20), [1], seed=0, repeats=1)
    assert scored[1][0]["auto_share"] == 1.0
    marker.thresholds = {1: 0.995}
    scored = protocol.score_question(marker, synthetic_question(3, n_answers=20), [1], seed=0, repeats=1)
    assert scored[1][0]["auto_share"] == 0.0


def test_questions_without_a_reference_answer_use_thresholds_of_their_own():
    marker = ConstantConfidence()
    marker.thresholds, marker.thresholds_without_reference = {1: 0.95}, {1: 0.995}
    keyed = synthetic_question(3, n_answers=20)
    unkeyed = replace(keyed, references=[], cache={})
    assert protocol.score_question(marker, keyed, [1], seed=0, repeats=1)[1][0]["auto_share"] == 1.0
    assert protocol.score_question(marker, unkeyed, [1], seed=0, repeats=1)[1][0]["auto_share"] == 0.0


@pytest.fixture(scope="module")
def calibrated():
    torch.set_num_threads(1)
    marker = LearnedMarker(TrainSettings(learner="relation", dim=8, epochs=2, ensemble=2, calibrate=True, seed=0))
    marker.fit(synthetic_questions(40, n_answers=20))
    protocol.calibrate(marker, marker.calibration_questions, [1, 3, 5], seed=0)
    return marker


def test_a_calibrated_recipe_fits_its_calibrator_in_the_protocol(calibrated):
    assert calibrated.calibrator is not None
    assert set(calibrated.thresholds) == {1, 3, 5}
    # every calibration question has a reference: nothing without one may be marked alone
    assert calibrated.thresholds_without_reference == {}
    assert calibrated.auto_threshold(3, has_reference=False) == float("inf")
    q = synthetic_question(90, n_answers=20)
    support = np.array([0, 3, 7])
    p, confidence = calibrated.judge(q, support, q.correct[support])
    raw = 1 / (1 + np.exp(-calibrated.member_logits(q, support, q.correct[support]).mean(axis=0)))
    np.testing.assert_allclose(p, raw)  # the mark stays the ensemble's
    assert not np.allclose(confidence, np.maximum(raw, 1 - raw))


def test_the_calibrator_survives_a_round_trip_and_a_tampered_one_is_refused(calibrated, tmp_path):
    weights, meta = save_marker(calibrated, tmp_path / "m")
    loaded = load_marker(tmp_path / "m")
    q = synthetic_question(91, n_answers=20)
    support = np.array([1, 2])
    np.testing.assert_allclose(loaded.judge(q, support, q.correct[support])[1],
                               calibrated.judge(q, support, q.correct[support])[1], atol=5e-3)
    from safetensors.numpy import load_file, save_file

    metadata = json.loads(meta.read_text())
    metadata["calibrator"]["confidence"]["coef"] = metadata["calibrator"]["confidence"]["coef"][:-1]
    save_file(load_file(str(weights)), str(weights), metadata={"lamplight": json.dumps(metadata)})
    with pytest.raises(LamplightError, match="calibrator"):
        load_marker(tmp_path / "m")


def test_the_marking_session_shows_the_calibrated_confidence(calibrated):
    q = synthetic_question(92, n_answers=20)
    session = MarkingSession(q.prompt, q.references, q.answers, calibrated)
    for i in (0, 1, 2):
        session.mark(i, float(q.correct[i]))
    support = np.array([0, 1, 2])
    _, confidence = calibrated.judge(session.question, support, q.correct[support].astype(float))
    threshold = calibrated.auto_threshold(3)
    for s in session.suggestions():
        assert s.confidence == pytest.approx(confidence[s.index])
        assert s.confident == (confidence[s.index] >= threshold)
