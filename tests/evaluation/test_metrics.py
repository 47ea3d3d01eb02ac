"""Metrics against values worked out by hand."""
from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from engine.evaluation.metrics import accuracy, auc, expected_calibration_error, log_loss, summarize


def test_auc_counts_ties_as_half():
    # Positives 0.8, 0.4; negatives 0.4, 0.1: pairs (0.8>0.4)=1, (0.8>0.1)=1, (0.4=0.4)=0.5, (0.4>0.1)=1 -> 3.5/4.
    assert auc([1, 1, 0, 0], [0.8, 0.4, 0.4, 0.1]) == pytest.approx(0.875)
    assert auc([1, 0], [0.3, 0.3]) == pytest.approx(0.5)
    assert auc([0, 1], [0.9, 0.1]) == 0.0
    assert math.isnan(auc([1, 1], [0.2, 0.3]))


def test_auc_matches_pairwise_definition_on_random_scores_with_ties():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 200)
    p = rng.integers(0, 10, 200) / 10  # many ties
    pos, neg = p[y == 1], p[y == 0]
    pairwise = np.mean([(a > b) + 0.5 * (a == b) for a, b in itertools.product(pos, neg)])
    assert auc(y, p) == pytest.approx(pairwise, abs=1e-12)


def test_accuracy_logloss_and_ece_by_hand():
    y = [1, 0, 1, 0]
    p = [0.9, 0.2, 0.5, 0.7]
    assert accuracy(y, p) == 0.75  # p >= 0.5 counts as "correct": only 0.7 is wrong
    assert log_loss(y, p) == pytest.approx(-(math.log(0.9) + math.log(0.8) + math.log(0.5) + math.log(0.3)) / 4)
    # One response per bin: mean |outcome - prediction| = (0.1 + 0.2 + 0.5 + 0.7) / 4.
    assert expected_calibration_error(y, p) == pytest.approx(0.375)
    # Two responses share bin [0.6, 0.7): |0.5 - 0.65| * 2/3; p = 1.0 lands in the last bin with no gap.
    assert expected_calibration_error([1, 0, 1], [0.62, 0.68, 1.0]) == pytest.approx(0.1)


def test_log_loss_is_clipped_and_summary_has_all_keys():
    assert log_loss([1], [0.0]) == pytest.approx(-math.log(1e-6))
    summary = summarize([1, 0], [0.7, 0.4])
    assert set(summary) == {"auc", "acc", "logloss", "ece"} and summary["auc"] == 1.0
