"""The two protocols of docs/evaluation.md, checked rule by rule on small generated logs."""
from __future__ import annotations

import hashlib
import random

import numpy as np
import pytest

from engine.data import subset
from engine.evaluation import protocols
from engine.model.baselines import IRTModel
from engine.model.interface import Responses

from .helpers import simulate_irt


def log_with_repeats_and_short_students() -> Responses:
    """30 students; s0..s24 answer 24 distinct items, each item i0 twice (second attempt flipped); s25.. answer 19."""
    students, items, skills, correct = [], [], [], []
    for s in range(30):
        count = 24 if s < 25 else 19
        for i in range(count):
            students.append(f"s{s}")
            items.append(f"i{(i + s) % 40}")
            skills.append(("k",))
            correct.append(float((i * 7 + s) % 3 != 0))
            if i == 0:
                students.append(f"s{s}")
                items.append(f"i{(i + s) % 40}")
                skills.append(("k",))
                correct.append(1.0 - correct[-1])
    return Responses(students, items, skills, np.asarray(correct, dtype=np.float32))


def test_first_attempts_kept_and_short_students_dropped():
    log = log_with_repeats_and_short_students()
    first = subset(log, protocols.first_attempt_rows(log))
    assert len(first) == len(log) - 30
    assert len(set(zip(first.student_ids, first.item_ids))) == len(first)
    # The kept attempt of the repeated item is the first one (its correctness, not the flipped retry).
    assert first.correct[0] == log.correct[0]
    assert protocols.eligible_students(first) == [f"s{s}" for s in range(25)]  # 19 first attempts are too few


def test_history_and_test_students_follow_sha256_order():
    log = log_with_repeats_and_short_students()
    split = protocols.coldstart_split(log, seed=3)
    expected = sorted((f"s{s}" for s in range(25)), key=lambda s: hashlib.sha256(f"3:{s}".encode()).hexdigest())
    assert sorted(set(split.history.student_ids)) == sorted(expected[:17])  # int(0.7 * 25) = 17
    assert [student.student_id for student in split.test] == expected[17:]
    assert not set(split.history.student_ids) & {student.student_id for student in split.test}
    assert len(split.history) == 17 * 24  # first attempts only
    assert split.items["i0"] == ("k",) and len(split.items) == 40


def test_pool_and_target_are_the_seeded_shuffle_of_first_attempts():
    log = log_with_repeats_and_short_students()
    split = protocols.coldstart_split(log, seed=0)
    first = subset(log, protocols.first_attempt_rows(log))
    for student in split.test:
        rows = [r for r, s in enumerate(first.student_ids) if s == student.student_id]
        answers = [(first.item_ids[r], float(first.correct[r])) for r in rows]
        random.Random(f"0:{student.student_id}").shuffle(answers)
        cut = int(0.8 * len(answers))
        assert len(student.pool_items) == cut == 19 and len(student.target_items) == 5
        assert list(zip(student.pool_items, student.pool_correct)) == answers[:cut]
        assert list(zip(student.target_items, student.target_correct.tolist())) == answers[cut:]


class SpyModel(IRTModel):
    """IRT that records what the harness shows it."""

    def __init__(self):
        super().__init__()
        self.calibrated_students: set[str] = set()
        self.candidate_lists: list[list[str]] = []

    def calibrate(self, history, items=None):
        self.calibrated_students |= set(history.student_ids)
        super().calibrate(history, items)

    def next_item(self, state, candidates):
        self.candidate_lists.append(list(candidates))
        return len(candidates) - 1  # deterministic, and different from the random policy's order


def test_adaptive_policy_asks_only_pool_items_once_and_test_students_never_reach_calibrate():
    log = simulate_irt(students=60, items=50, per_student=30, seed=1)
    split = protocols.coldstart_split(log, seed=0)
    model = SpyModel()
    protocols.calibrate_model(model, split)
    assert not model.calibrated_students & {s.student_id for s in split.test}
    student = split.test[0]
    asked = protocols.adaptive_sequence(model, student, 20)
    assert len(asked) == 20 and len(set(asked)) == 20
    asked_items = [student.pool_items[i] for i in asked]
    assert not set(asked_items) & set(student.target_items)
    # Each pick was offered only the pool items not asked yet.
    for step, candidates in enumerate(model.candidate_lists):
        assert sorted(candidates + asked_items[:step]) == sorted(student.pool_items)
    # More asks than the pool holds stop at the pool's size.
    assert len(protocols.adaptive_sequence(model, student, 100)) == len(student.pool_items)


def test_run_coldstart_reports_every_policy_and_n_on_the_target_responses():
    log = simulate_irt(students=80, items=50, per_student=30, seed=2)
    split = protocols.coldstart_split(log, seed=0)
    model = IRTModel()
    protocols.calibrate_model(model, split)
    results = protocols.run_coldstart(model, split, ns=(1, 5), policies=("random", "adaptive"))
    assert [(r["policy"], r["n"]) for r in results] == [("random", 1), ("random", 5), ("adaptive", 1), ("adaptive", 5)]
    targets = sum(len(s.target_items) for s in split.test)
    for result in results:
        assert result["students"] == len(split.test) == 24
        assert result["responses"] == targets == 24 * 6
        assert 0.5 < result["auc"] <= 1 and result["adapt_ms_median"] > 0
    with pytest.raises(Exception, match="Unknown policy"):
        protocols.run_coldstart(model, split, ns=(1,), policies=("greedy",))


def test_kt_split_uses_the_split_column_when_present():
    log = simulate_irt(students=10, items=30, per_student=25, seed=3)
    log.extra["split"] = ["test" if s in ("s1", "s4") else "train" for s in log.student_ids]
    train, test = protocols.kt_split(log, seed=0)
    assert set(test.student_ids) == {"s1", "s4"} and "s1" not in train.student_ids
    assert len(train) + len(test) == len(log)


def test_kt_split_without_column_keeps_all_attempts_of_sha256_test_students():
    log = log_with_repeats_and_short_students()
    train, test = protocols.kt_split(log, seed=0)
    _, expected_test = protocols.split_students([f"s{s}" for s in range(25)], 0)
    assert set(test.student_ids) == set(expected_test)
    assert len(test) == 25 * len(expected_test)  # 24 first attempts + 1 retry each
    assert not {f"s{s}" for s in range(25, 30)} & set(train.student_ids + test.student_ids)


class PerfectSequence:
    name = "oracle"

    def fit(self, train):
        pass

    def predict_next(self, test):
        return np.asarray(test.correct, dtype=np.float64)


def test_run_kt_does_not_score_each_students_first_response():
    log = simulate_irt(students=5, items=30, per_student=21, seed=4)
    log.correct[0] = 1.0
    [result] = protocols.run_kt(PerfectSequence(), log)
    assert result["students"] == 5 and result["responses"] == 5 * 20
    assert result["auc"] == 1.0 and result["acc"] == 1.0
