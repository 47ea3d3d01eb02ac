"""The contract between student models and everything that uses them.

Everything here is plain Python/numpy so callers (evaluation harness, adapt
service, desktop) do not need torch until a model actually runs.

Two kinds of model:

* ``StudentModel`` answers the cold-start question: given a class history
  (``calibrate``) and a few answers of one student (``adapt``), what is
  P(correct) on any exercise (``predict``)? Meta-learned response models and
  the IRT/Elo/difficulty baselines implement it.
* ``SequenceModel`` answers the knowledge-tracing question: given a student's
  answers so far, P(correct) on the next one. DKT-style and memory/attention
  models implement it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, Sequence

import numpy as np


@dataclass
class Responses:
    """A response log in columns, grouped by student and in time order within a student.

    ``skill_ids[i]`` holds the skills of ``item_ids[i]`` (may be empty).
    ``correct`` is float32 in [0, 1] (1 right, 0 wrong; teacher scores may be partial).
    """

    student_ids: list[str]
    item_ids: list[str]
    skill_ids: list[tuple[str, ...]]
    correct: np.ndarray
    extra: dict[str, list[Any]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.item_ids)

    def item_skills(self) -> dict[str, tuple[str, ...]]:
        """Skills of every item seen in the log."""
        return dict(zip(self.item_ids, self.skill_ids))

    def by_student(self) -> dict[str, tuple[list[str], list[float]]]:
        """Each student's (item ids, scores) in log order."""
        groups: dict[str, tuple[list[str], list[float]]] = {}
        for student, item, score in zip(self.student_ids, self.item_ids, self.correct):
            items, scores = groups.setdefault(student, ([], []))
            items.append(item)
            scores.append(float(score))
        return groups


class StudentModel(Protocol):
    """Cold-start student model: calibrate on a class, adapt to one student, predict."""

    name: str

    def calibrate(self, history: Responses, items: dict[str, tuple[str, ...]]) -> None:
        """Fit exercise parameters from a class's past answers.

        ``items`` lists every exercise that may later be asked or predicted,
        with its skills, including exercises nobody has answered yet: those
        get parameters from their skills (or the population) alone.
        """

    def adapt(self, item_ids: Sequence[str], correct: Sequence[float]) -> Any:
        """Return an opaque student state after seeing these answers (may be none)."""

    def predict(self, state: Any, item_ids: Sequence[str]) -> np.ndarray:
        """P(correct) for each item, float array of len(item_ids)."""

    def next_item(self, state: Any, candidates: Sequence[str]) -> int:
        """Index into ``candidates`` of the most informative item to ask next."""

    def skill_mastery(self, state: Any, skill_ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per skill: (estimate, low, high) of P(correct) on a typical exercise of that skill.

        ``low``/``high`` bound an uncertainty band (about 80%) that narrows
        as the student answers more exercises of the skill.
        """


class SequenceModel(Protocol):
    """Knowledge-tracing model: P(correct) of each answer from the answers before it."""

    name: str

    def fit(self, train: Responses) -> None:
        """Train on the history students' full response sequences."""

    def predict_next(self, test: Responses) -> np.ndarray:
        """For every row, P(correct) using only that student's earlier rows."""
