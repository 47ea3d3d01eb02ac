"""Reading a training dataset for meta-training (``python -m engine train``).

Reads with :func:`engine.data.load_responses`, then keeps what the cold-start
protocol calls the history students (first attempts, students with at least
20 of them, the first 70% in sha256 order; see ``engine.evaluation.protocols``),
so that a model meta-trained on a dataset can be evaluated fairly on its test
students.
"""
from __future__ import annotations

import numpy as np

from engine.data import load_responses as read_responses, subset
from engine.evaluation.protocols import eligible_students, first_attempt_rows, split_students
from engine.model.interface import Responses

__all__ = ["read_responses", "first_attempts", "history_students", "prefixed", "concatenate"]


def first_attempts(responses: Responses) -> Responses:
    """Each student's first attempt at each exercise, in order."""
    return subset(responses, first_attempt_rows(responses))


def history_students(responses: Responses, seed: int = 0) -> Responses:
    """First attempts of the cold-start protocol's history students."""
    firsts = first_attempts(responses)
    history, _ = split_students(eligible_students(firsts), seed)
    keep = set(history)
    return subset(firsts, [n for n, student in enumerate(firsts.student_ids) if student in keep])


def prefixed(responses: Responses, prefix: str) -> Responses:
    """The same log with student, exercise and skill ids prefixed (to train on several datasets at once)."""
    return Responses([f"{prefix}/{s}" for s in responses.student_ids], [f"{prefix}/{i}" for i in responses.item_ids],
                     [tuple(f"{prefix}/{k}" for k in ks) for ks in responses.skill_ids], responses.correct)


def concatenate(logs: list[Responses]) -> Responses:
    return Responses([s for r in logs for s in r.student_ids], [i for r in logs for i in r.item_ids],
                     [k for r in logs for k in r.skill_ids], np.concatenate([r.correct for r in logs]))
