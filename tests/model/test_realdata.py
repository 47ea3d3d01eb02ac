"""A quick real-data check: calibrate on some assist2009 history students, predict new ones."""
from __future__ import annotations

import random

import numpy as np
import torch

from engine.data import subset
from engine.model.dataset import first_attempts, history_students, read_responses
from engine.model.response import ResponseModel, Settings
from tests.conftest import shared_dataset

torch.set_num_threads(1)


def _auc(y: np.ndarray, p: np.ndarray) -> float:
    order = np.argsort(p)
    ranks = np.empty(len(p))
    ranks[order] = np.arange(1, len(p) + 1)
    positives = y == 1
    n_pos, n_neg = positives.sum(), (~positives).sum()
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def test_assist2009_new_students_after_five_answers() -> None:
    log = read_responses(shared_dataset("assist2009"))
    history = history_students(log, seed=0)
    trained_on = sorted(set(history.student_ids))[:400]
    keep = set(trained_on)
    history = subset(history, [n for n, s in enumerate(history.student_ids) if s in keep])
    model = ResponseModel(Settings(outer_steps=25))
    model.calibrate(history, {})

    firsts = first_attempts(log).by_student()
    all_history = set(history_students(log, seed=0).student_ids)  # the test students of the split are new
    newcomers = [s for s, (items, _) in firsts.items() if s not in all_history and len(items) >= 20][:150]
    y_all, p_all = [], []
    for student in newcomers:
        items, ys = firsts[student]
        order = list(range(len(items)))
        random.Random(student).shuffle(order)
        asked, rest = order[:5], order[5:]
        state = model.adapt([items[i] for i in asked], [ys[i] for i in asked])
        p_all.extend(model.predict(state, [items[i] for i in rest]))
        y_all.extend(ys[i] for i in rest)
    assert _auc(np.array(y_all), np.array(p_all)) > 0.66
