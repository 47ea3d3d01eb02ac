"""Arrays, features and windows behind the sequence models (engine.model.sequence_data)."""
from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings, strategies as st

from engine.model.interface import Responses
from engine.model.sequence_data import (
    FEATURE_NAMES, UNKNOWN, Vocabulary, encode, group_rows_by_student, history_features,
    prediction_windows, roc_auc, training_windows,
)


def test_history_features_count_only_earlier_answers() -> None:
    items = ["a", "b", "a", "c"]
    skills = [("x",), ("y",), ("x",), ("x", "y")]
    correct = np.array([1, 0, 0, 1], dtype=np.float32)
    f = history_features(items, skills, correct)
    col = {name: i for i, name in enumerate(FEATURE_NAMES)}
    raw = np.round(np.expm1(f), 5)
    assert f[0, col["skill_attempts"]] == 0 and f[0, col["all_attempts"]] == 0
    assert raw[2, col["skill_attempts"]] == 1 and raw[2, col["skill_right"]] == 1
    assert raw[2, col["item_attempts"]] == 1 and raw[2, col["item_right"]] == 1
    assert raw[2, col["steps_since_skill"]] == 2
    # item c has skills x (2 earlier tries, 1 right) and y (1 try, 0 right): averaged.
    assert raw[3, col["skill_attempts"]] == 1.5 and raw[3, col["skill_right"]] == 0.5
    assert raw[3, col["skill_wrong"]] == 1.0 and raw[3, col["item_attempts"]] == 0
    assert f[3, col["all_right_rate"]] == np.float32((1 + 1) / (3 + 2))


def test_vocabulary_maps_unseen_keys_to_unknown() -> None:
    train = Responses(["s", "s"], ["i1", "i2"], [("k1",), ("k1", "k2")], np.array([1, 0], dtype=np.float32))
    vocab = Vocabulary.from_responses(train)
    test = Responses(["t", "t"], ["i2", "new"], [("k2",), ()], np.array([1, 1], dtype=np.float32))
    log = encode(test, vocab)
    assert log.items[:2].tolist() == [vocab.items["i2"], UNKNOWN]
    assert log.skills[0, 0] == vocab.skills["k2"] and log.skills[1, 0] == UNKNOWN
    assert (log.skills[:, 1:] == vocab.skill_pad).all()
    assert log.items[log.pad_row] == UNKNOWN and log.correct[log.pad_row] == 0


@given(lengths=st.lists(st.integers(1, 60), min_size=1, max_size=6), window=st.integers(2, 20))
@settings(max_examples=60, deadline=None)
def test_prediction_windows_predict_every_row_once_from_its_past(lengths: list[int], window: int) -> None:
    students = [f"s{i}" for i, n in enumerate(lengths) for _ in range(n)]
    log = encode(Responses(students, ["i"] * len(students), [()] * len(students),
                           np.zeros(len(students), dtype=np.float32)), Vocabulary({}, {}))
    student_start = np.repeat(np.cumsum([0, *lengths[:-1]]), lengths)
    predicted = []
    for w in prediction_windows(log, window):
        assert 1 <= len(w.rows) <= window and 1 <= w.keep_last <= len(w.rows)
        assert np.all(np.diff(w.rows) == 1)
        kept = w.rows[len(w.rows) - w.keep_last:]
        assert student_start[w.rows[0]] == student_start[w.rows[-1]], "one student per window"
        if w.rows[0] > student_start[w.rows[0]]:
            # a window that does not start at the student's first answer gives its kept
            # rows at least half a window of earlier context
            assert kept[0] - w.rows[0] >= window // 2
        predicted.extend(kept.tolist())
    assert sorted(predicted) == list(range(len(students)))


def test_training_windows_cover_each_student_without_overlap() -> None:
    rows = [np.arange(0, 450), np.arange(450, 460)]
    log = encode(Responses(["a"] * 450 + ["b"] * 10, ["i"] * 460, [()] * 460,
                           np.zeros(460, dtype=np.float32)), Vocabulary({}, {}))
    assert [r.tolist() for r in log.students] == [r.tolist() for r in rows]
    windows = training_windows(log, 200, np.random.default_rng(0))
    assert all(len(w) <= 200 for w in windows)
    assert sorted(itertools.chain.from_iterable(w.tolist() for w in windows)) == list(range(460))


def test_group_rows_keeps_time_order_within_students() -> None:
    groups = group_rows_by_student(["a", "b", "a", "c", "b"])
    assert [g.tolist() for g in groups] == [[0, 2], [1, 4], [3]]


@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 5)), min_size=2, max_size=40))
@settings(max_examples=80, deadline=None)
def test_roc_auc_matches_pairwise_definition(pairs: list[tuple[int, int]]) -> None:
    y = np.array([p[0] for p in pairs], dtype=float)
    s = np.array([p[1] for p in pairs], dtype=float)
    pos, neg = s[y == 1], s[y == 0]
    if len(pos) == 0 or len(neg) == 0:
        assert roc_auc(y, s) == 0.5
        return
    expected = np.mean([(a > b) + 0.5 * (a == b) for a in pos for b in neg])
    assert abs(roc_auc(y, s) - expected) < 1e-12
