"""The two evaluation protocols of docs/evaluation.md, implemented exactly as written.

Cold start (:func:`coldstart_split`, :func:`run_coldstart`): first attempts
only, students with at least 20 of them, students ordered by
``sha256(f"{seed}:{student_id}")``, the first 70% are history; each test
student's responses are shuffled by ``random.Random(f"{seed}:{student_id}")``,
the first ``int(0.8 * len)`` are the pool, the rest the target set.

Knowledge tracing (:func:`kt_split`, :func:`run_kt`): the dataset's ``split``
column when present, else the same student split (all attempts kept); every
response after a student's first is predicted from the ones before it.

Everything is deterministic given the seed, so another implementation of the
same rules gets the same split.
"""
from __future__ import annotations

import hashlib
import random
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import numpy as np

from engine.data import subset
from engine.errors import LamplightError
from engine.evaluation.metrics import summarize
from engine.model.interface import Responses, SequenceModel, StudentModel

MIN_RESPONSES = 20
HISTORY_FRACTION = 0.7
POOL_FRACTION = 0.8
DEFAULT_NS = (1, 3, 5, 10, 20)
POLICIES = ("random", "adaptive")
LEARNED = "learned"  # the meta-learned question-selection policy (engine.model.selection), on request only
KNOWN_POLICIES = (*POLICIES, LEARNED)

Progress = Callable[[str], None]


@dataclass
class TestStudent:
    """One cold-start test student: the shuffled pool (askable) and target (predicted) responses."""

    student_id: str
    pool_items: list[str]
    pool_correct: list[float]
    target_items: list[str]
    target_correct: np.ndarray


@dataclass
class ColdStartSplit:
    """History (first attempts of the history students), every item's skills, and the test students."""

    history: Responses
    items: dict[str, tuple[str, ...]]
    test: list[TestStudent]


def student_runs(responses: Responses) -> list[tuple[str, int, int]]:
    """``(student_id, start, end)`` of each student's consecutive block of rows."""
    ids = responses.student_ids
    runs: list[tuple[str, int, int]] = []
    start = 0
    for row in range(1, len(ids) + 1):
        if row == len(ids) or ids[row] != ids[start]:
            runs.append((ids[start], start, row))
            start = row
    return runs


def first_attempt_rows(responses: Responses) -> np.ndarray:
    """Row numbers of the first attempt of each (student, item), in log order."""
    seen: set[tuple[str, str]] = set()
    keep = []
    for row, key in enumerate(zip(responses.student_ids, responses.item_ids)):
        if key not in seen:
            seen.add(key)
            keep.append(row)
    return np.asarray(keep, dtype=np.int64)


def student_order_key(seed: int, student_id: str) -> str:
    """The hex digest students are sorted by: ``sha256(f"{seed}:{student_id}")``."""
    return hashlib.sha256(f"{seed}:{student_id}".encode("utf-8")).hexdigest()


def split_students(student_ids: Iterable[str], seed: int) -> tuple[list[str], list[str]]:
    """(history, test): students sorted by :func:`student_order_key`, the first 70% are history."""
    ordered = sorted(student_ids, key=lambda s: student_order_key(seed, s))
    cut = int(HISTORY_FRACTION * len(ordered))
    return ordered[:cut], ordered[cut:]


def eligible_students(first_attempts: Responses) -> list[str]:
    """Students with at least 20 first attempts, in log order."""
    return [s for s, start, end in student_runs(first_attempts) if end - start >= MIN_RESPONSES]


def coldstart_split(responses: Responses, seed: int = 0, max_students: int | None = None) -> ColdStartSplit:
    """Steps 1-5 of the cold-start protocol.

    ``max_students`` (for quick runs) keeps only the first N test students in
    sha256 order; the history is unchanged.
    """
    first = subset(responses, first_attempt_rows(responses))
    runs = {s: (start, end) for s, start, end in student_runs(first)}
    history_ids, test_ids = split_students(eligible_students(first), seed)
    if not test_ids:
        raise LamplightError(f"No test students: the data has {len(history_ids)} student(s) with at least "
                             f"{MIN_RESPONSES} first attempts; the cold-start protocol needs at least 2.")
    if max_students is not None:
        test_ids = test_ids[:max_students]
    history_rows = np.concatenate([np.arange(*runs[s]) for s in history_ids]) if history_ids else np.zeros(0, np.int64)
    history = subset(first, np.sort(history_rows))
    items = {}
    for item, skills in zip(responses.item_ids, responses.skill_ids):
        items.setdefault(item, skills)
    test = []
    for student in test_ids:
        start, end = runs[student]
        order = list(range(end - start))
        random.Random(f"{seed}:{student}").shuffle(order)
        cut = int(POOL_FRACTION * len(order))
        rows = [start + i for i in order]
        test.append(TestStudent(
            student_id=student,
            pool_items=[first.item_ids[r] for r in rows[:cut]],
            pool_correct=[float(first.correct[r]) for r in rows[:cut]],
            target_items=[first.item_ids[r] for r in rows[cut:]],
            target_correct=np.asarray(first.correct[rows[cut:]], dtype=np.float64),
        ))
    return ColdStartSplit(history=history, items=items, test=test)


def calibrate_model(model: StudentModel, split: ColdStartSplit) -> float:
    """Calibrate on the history; returns the CPU seconds spent (``time.process_time``)."""
    started = time.process_time()
    model.calibrate(split.history, split.items)
    return time.process_time() - started


def adaptive_sequence(model: StudentModel, student: TestStudent, count: int) -> list[int]:
    """Pool indices the model asks, in order: each pick sees the correctness of the earlier ones.

    A pick depends only on the answers before it, so the first n picks of a
    long run are exactly what a run of n would ask.
    """
    remaining = list(range(len(student.pool_items)))
    asked: list[int] = []
    for _ in range(min(count, len(remaining))):
        state = model.adapt([student.pool_items[i] for i in asked], [student.pool_correct[i] for i in asked])
        choice = model.next_item(state, [student.pool_items[i] for i in remaining])
        if not 0 <= int(choice) < len(remaining):
            raise LamplightError(f"Model {getattr(model, 'name', model)!r} picked candidate {choice} "
                                 f"out of {len(remaining)}.")
        asked.append(remaining.pop(int(choice)))
    return asked


def _checked_predictions(model: object, values: object, expected: int) -> np.ndarray:
    predictions = np.asarray(values, dtype=np.float64).reshape(-1)
    if predictions.shape[0] != expected or not np.isfinite(predictions).all():
        raise LamplightError(f"Model {getattr(model, 'name', model)!r} returned {predictions.shape[0]} predictions "
                             f"(expected {expected} finite values).")
    return predictions


def run_coldstart(model: StudentModel, split: ColdStartSplit, ns: Sequence[int] = DEFAULT_NS,
                  policies: Sequence[str] = POLICIES, progress: Progress | None = None) -> list[dict]:
    """Step 6-7 for a calibrated model: one result row per (policy, n), in the given order."""
    for policy in policies:
        if policy not in KNOWN_POLICIES:
            raise LamplightError(f"Unknown policy {policy!r}; use {', '.join(KNOWN_POLICIES)}.")
    longest = max(ns)
    chooser = _learned_chooser(model, split) if LEARNED in policies else model
    outcomes = {(p, n): [] for p in policies for n in ns}
    predictions = {(p, n): [] for p in policies for n in ns}
    timings = {(p, n): [] for p in policies for n in ns}
    for index, student in enumerate(split.test):
        for policy in policies:
            if policy == "random":
                asked = list(range(min(longest, len(student.pool_items))))
            else:
                asked = adaptive_sequence(chooser if policy == LEARNED else model, student, longest)
            for n in ns:
                chosen = asked[:n]
                started = time.perf_counter()
                state = model.adapt([student.pool_items[i] for i in chosen], [student.pool_correct[i] for i in chosen])
                predicted = model.predict(state, student.target_items)
                timings[policy, n].append(time.perf_counter() - started)
                predictions[policy, n].append(_checked_predictions(model, predicted, len(student.target_items)))
                outcomes[policy, n].append(student.target_correct)
        if progress and (index + 1) % 200 == 0:
            progress(f"{index + 1}/{len(split.test)} test students")
    results = []
    for policy in policies:
        for n in ns:
            y = np.concatenate(outcomes[policy, n])
            p = np.concatenate(predictions[policy, n])
            results.append({"policy": policy, "n": int(n), **summarize(y, p), "students": len(split.test),
                            "responses": int(len(y)),
                            "adapt_ms_median": float(np.median(timings[policy, n]) * 1000.0)})
    return results


def _learned_chooser(model: StudentModel, split: ColdStartSplit) -> StudentModel:
    """The calibrated model asking by the learned selection policy ($LAMPLIGHT_SELECTION or the shipped one)."""
    from engine.model.selection import selecting

    return selecting(model, split.history)


def kt_split(responses: Responses, seed: int = 0, max_students: int | None = None) -> tuple[Responses, Responses]:
    """(train, test) for the knowledge-tracing protocol, all attempts kept.

    With a ``split`` column (as in assist2015) its ``train``/``test`` values
    decide; otherwise students with at least 20 first attempts are split by
    sha256 order as in cold start. ``max_students`` keeps the first N test students.
    """
    splits = responses.extra.get("split")
    use_column = splits is not None and any(value == "test" for value in splits)
    if use_column:
        test_ids = list(dict.fromkeys(s for s, v in zip(responses.student_ids, splits) if v == "test"))
        train_rows = [row for row, value in enumerate(splits) if value == "train"]
    else:
        first = subset(responses, first_attempt_rows(responses))
        history_ids, test_ids = split_students(eligible_students(first), seed)
        history = set(history_ids)
        train_rows = [row for row, s in enumerate(responses.student_ids) if s in history]
    if not test_ids:
        raise LamplightError("No test students for the knowledge-tracing protocol "
                             f"(need students with at least {MIN_RESPONSES} first attempts, or a split column).")
    if max_students is not None:
        test_ids = test_ids[:max_students]
    wanted = set(test_ids)
    test_rows = [row for row, s in enumerate(responses.student_ids)
                 if s in wanted and (not use_column or splits[row] == "test")]
    return subset(responses, train_rows), subset(responses, test_rows)


def fit_sequence_model(model: SequenceModel, train: Responses) -> float:
    """Train on the history; returns the CPU seconds spent (``time.process_time``)."""
    started = time.process_time()
    model.fit(train)
    return time.process_time() - started


def run_kt(model: SequenceModel, test: Responses) -> list[dict]:
    """Predict every test response from the ones before it; the first response of each student is not scored."""
    started = time.perf_counter()
    predicted = _checked_predictions(model, model.predict_next(test), len(test))
    elapsed = time.perf_counter() - started
    scored = np.ones(len(test), dtype=bool)
    runs = student_runs(test)
    scored[[start for _, start, _ in runs]] = False
    y = np.asarray(test.correct, dtype=np.float64)[scored]
    return [{**summarize(y, predicted[scored]), "students": len(runs), "responses": int(scored.sum()),
             "predict_ms_per_student": elapsed * 1000.0 / max(len(runs), 1)}]
