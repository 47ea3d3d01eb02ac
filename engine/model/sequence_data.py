"""Turn a response log into the arrays the sequence models train on (numpy only, no torch).

A sequence model sees each student's answers in time order. This module

* maps item and skill keys to integer indices (``Vocabulary``); index 0 is the
  shared "unknown" entry that every item or skill not seen in training falls back to;
* computes, for every row, a few count features from the student's *whole* earlier
  history (answers so far on the same skills and the same item, time since the skill
  was last practised), so information older than the attention window still counts;
* cuts long histories into windows: training windows do not overlap; prediction
  windows overlap so every predicted row sees at least half a window of context.

Everything here looks only at a student's earlier rows when describing a row, which is
what makes the models' predictions causal.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np

from engine.model.interface import Responses

UNKNOWN = 0
MAX_SKILLS_PER_ITEM = 4
FEATURE_NAMES = (
    "skill_attempts", "skill_right", "skill_wrong", "item_attempts", "item_right",
    "all_attempts", "all_right_rate", "steps_since_skill",
)


@dataclass
class Vocabulary:
    """Integer indices of the items and skills seen in training (1..n; 0 = unknown)."""

    items: dict[str, int]
    skills: dict[str, int]

    @classmethod
    def from_responses(cls, train: Responses) -> "Vocabulary":
        items: dict[str, int] = {}
        skills: dict[str, int] = {}
        for item, item_skills in zip(train.item_ids, train.skill_ids):
            items.setdefault(item, len(items) + 1)
            for skill in item_skills:
                skills.setdefault(skill, len(skills) + 1)
        return cls(items, skills)

    @property
    def n_items(self) -> int:
        return len(self.items)

    @property
    def n_skills(self) -> int:
        return len(self.skills)

    @property
    def skill_pad(self) -> int:
        """Index that fills unused skill slots (its embedding stays zero)."""
        return self.n_skills + 1


@dataclass
class EncodedLog:
    """A response log as aligned arrays plus one extra all-padding row at index ``len``.

    ``students`` holds, per student, the row indices of their answers in time order.
    Gathering with index ``pad_row`` yields the padding values, which lets batches be
    built with plain numpy fancy indexing.
    """

    items: np.ndarray      # int64 [N+1]
    skills: np.ndarray     # int64 [N+1, K]
    correct: np.ndarray    # float32 [N+1]
    features: np.ndarray   # float32 [N+1, F]
    students: list[np.ndarray]

    @property
    def pad_row(self) -> int:
        return len(self.items) - 1


def group_rows_by_student(student_ids: list[str]) -> list[np.ndarray]:
    """Row indices of each student (in first-appearance order), keeping row order within each."""
    rows: dict[str, list[int]] = {}
    for row, student in enumerate(student_ids):
        rows.setdefault(student, []).append(row)
    return [np.asarray(indices, dtype=np.int64) for indices in rows.values()]


def encode(log: Responses, vocab: Vocabulary) -> EncodedLog:
    """Index items and skills through ``vocab`` and compute the history features."""
    n = len(log)
    items = np.zeros(n + 1, dtype=np.int64)
    skills = np.full((n + 1, MAX_SKILLS_PER_ITEM), vocab.skill_pad, dtype=np.int64)
    for row, (item, item_skills) in enumerate(zip(log.item_ids, log.skill_ids)):
        items[row] = vocab.items.get(item, UNKNOWN)
        indices = [vocab.skills.get(skill, UNKNOWN) for skill in item_skills[:MAX_SKILLS_PER_ITEM]]
        skills[row, : max(1, len(indices))] = indices or [UNKNOWN]
    correct = np.zeros(n + 1, dtype=np.float32)
    correct[:n] = np.asarray(log.correct, dtype=np.float32)
    students = group_rows_by_student(log.student_ids)
    features = np.zeros((n + 1, len(FEATURE_NAMES)), dtype=np.float32)
    for rows in students:
        features[rows] = history_features(
            [log.item_ids[r] for r in rows], [log.skill_ids[r] for r in rows], correct[rows])
    return EncodedLog(items, skills, correct, features, students)


def history_features(item_ids: list[str], skill_ids: list[tuple[str, ...]], correct: np.ndarray) -> np.ndarray:
    """Per answer of one student, counts from the answers *before* it (log-scaled).

    Multi-skill items average their skills' counts. ``steps_since_skill`` is the number
    of answers since a skill of this item was last practised (a large value if never).
    """
    out = np.zeros((len(item_ids), len(FEATURE_NAMES)), dtype=np.float32)
    skill_attempts: dict[str, float] = {}
    skill_right: dict[str, float] = {}
    skill_last: dict[str, int] = {}
    item_attempts: dict[str, float] = {}
    item_right: dict[str, float] = {}
    total_right = 0.0
    for t, (item, item_skills) in enumerate(zip(item_ids, skill_ids)):
        keys = item_skills or ("",)
        attempts = sum(skill_attempts.get(k, 0.0) for k in keys) / len(keys)
        right = sum(skill_right.get(k, 0.0) for k in keys) / len(keys)
        since = min((t - skill_last[k] for k in keys if k in skill_last), default=1000)
        out[t] = (
            attempts, right, attempts - right, item_attempts.get(item, 0.0), item_right.get(item, 0.0),
            t, (total_right + 1.0) / (t + 2.0), since,
        )
        score = float(correct[t])
        for k in keys:
            skill_attempts[k] = skill_attempts.get(k, 0.0) + 1.0
            skill_right[k] = skill_right.get(k, 0.0) + score
            skill_last[k] = t
        item_attempts[item] = item_attempts.get(item, 0.0) + 1.0
        item_right[item] = item_right.get(item, 0.0) + score
        total_right += score
    counts = [0, 1, 2, 3, 4, 5, 7]
    out[:, counts] = np.log1p(out[:, counts])
    return out


def training_windows(log: EncodedLog, window: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Non-overlapping windows of at most ``window`` rows; long histories get a random first cut."""
    windows = []
    for rows in log.students:
        if len(rows) <= window:
            windows.append(rows)
            continue
        first = int(rng.integers(1, window + 1))
        starts = [0, *range(first, len(rows), window)]
        ends = [*starts[1:], len(rows)]
        windows.extend(rows[s:e] for s, e in zip(starts, ends))
    return windows


@dataclass
class PredictionWindow:
    """Rows fed to the model, and how many of the last ones get their predictions kept."""

    rows: np.ndarray
    keep_last: int


def prediction_windows(log: EncodedLog, window: int) -> Iterator[PredictionWindow]:
    """Overlapping windows (stride ``window // 2``) that together predict every row once."""
    stride = max(1, window // 2)
    for rows in log.students:
        length = len(rows)
        if length <= window:
            yield PredictionWindow(rows, length)
            continue
        yield PredictionWindow(rows[:window], window)
        done = window
        while done < length:
            end = min(done + stride, length)
            yield PredictionWindow(rows[end - window: end], end - done)
            done = end


def batches_by_length(windows: list, max_tokens: int, rng: np.random.Generator | None,
                      length=len) -> list[list]:
    """Group windows of similar length so that each padded batch holds about ``max_tokens`` rows.

    With ``rng`` the lengths get a little noise and the batch order is shuffled (training);
    without it the grouping is deterministic (prediction).
    """
    lengths = np.array([length(w) for w in windows], dtype=np.float64)
    noise = rng.uniform(0.0, 1.0, len(windows)) * 4 if rng is not None else np.zeros(len(windows))
    order = np.argsort(lengths + noise, kind="stable")
    batches, current, longest = [], [], 0
    for index in order:
        longest_if_added = max(longest, int(lengths[index]))
        if current and longest_if_added * (len(current) + 1) > max_tokens:
            batches.append(current)
            current, longest_if_added = [], int(lengths[index])
        current.append(windows[index])
        longest = longest_if_added
    if current:
        batches.append(current)
    if rng is not None:
        rng.shuffle(batches)
    return batches


def padded_rows(row_windows: list[np.ndarray], pad_row: int) -> np.ndarray:
    """Stack windows of row indices into a [B, T] array, right-padded with ``pad_row``."""
    width = max(len(rows) for rows in row_windows)
    out = np.full((len(row_windows), width), pad_row, dtype=np.int64)
    for b, rows in enumerate(row_windows):
        out[b, : len(rows)] = rows
    return out


def roc_auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve (ties count one half); 0.5 when only one class is present."""
    labels = np.asarray(labels) >= 0.5
    scores = np.asarray(scores, dtype=np.float64)
    positives = int(labels.sum())
    negatives = len(labels) - positives
    if positives == 0 or negatives == 0:
        return 0.5
    order = np.argsort(scores, kind="mergesort")
    sorted_scores = scores[order]
    ranks = np.empty(len(scores), dtype=np.float64)
    boundaries = np.flatnonzero(np.diff(sorted_scores)) + 1
    starts = np.concatenate([[0], boundaries])
    ends = np.concatenate([boundaries, [len(scores)]])
    for start, end in zip(starts, ends):
        ranks[order[start:end]] = (start + end + 1) / 2.0
    return float((ranks[labels].sum() - positives * (positives + 1) / 2.0) / (positives * negatives))
