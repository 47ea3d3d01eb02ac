"""Mastery that follows learning: a response model for exercises, knowledge tracing for skills.

The meta-learned response model predicts a student's chance of success on any
exercise from a few answers, across skills; but it takes the student's level
as fixed, so once a child learns a skill, dozens of right answers are needed
to outweigh the early mistakes, and mastery is called late (in the practice
simulation, next steps on it alone did no better than a fixed curriculum).
Knowledge tracing (:class:`~engine.model.bkt.KnowledgeTracingModel`, fitted on
the same class) says per skill how likely it is known *now*, and moves after
every answer, as children learn.

:class:`TracedModel` joins them: ``predict`` and ``next_item`` are the
response model's, ``skill_mastery`` and ``chance_above`` the tracer's. The
adapt service hands it to next steps, practice, the heat map and progress.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np

from engine.model.bkt import KnowledgeTracingModel
from engine.model.interface import Responses


_NOT_YET = object()


@dataclass
class TracedState:
    """One student: the tracer's state, the answers, and the response model's state from them.

    The response model's state is worked out on first use (``response``): mastery,
    the heat map, needs-help and progress read only the tracer's, so a class
    dashboard never waits for it; next steps and practice adapt it then, on the
    same answers with the same model object, so the figures are the same.
    """

    response_model: Any
    known: dict[str, float]
    item_ids: list[str]
    correct: list[float]
    adapted: Any = field(default=_NOT_YET, repr=False, compare=False)
    """The response model's state once worked out (``_NOT_YET`` before)."""

    @property
    def response(self) -> Any:
        """The response model's state after ``item_ids`` / ``correct`` (adapted once, on first use)."""
        if self.adapted is _NOT_YET:
            self.adapted = self.response_model.adapt(self.item_ids, self.correct)
        return self.adapted


class TracedModel:
    """A student model whose exercise predictions come from ``response`` and whose mastery comes from a tracer."""

    def __init__(self, response: Any, tracer: KnowledgeTracingModel | None = None) -> None:
        self.response = response
        self.tracer = tracer or KnowledgeTracingModel()

    @property
    def name(self) -> str:
        return getattr(self.response, "name", type(self.response).__name__)

    def calibrate(self, history: Responses, items: Mapping[str, Sequence[str]]) -> None:
        """Calibrate both models on the class history."""
        bank = {k: tuple(v) for k, v in items.items()}
        self.response.calibrate(history, bank)
        self.tracer.calibrate(history, bank)

    def adapt(self, item_ids: Sequence[str], correct: Sequence[float]) -> TracedState:
        items, scores = list(item_ids), [float(c) for c in correct]
        return TracedState(self.response, self.tracer.adapt(items, scores), items, scores)

    def update(self, state: TracedState, item_ids: Sequence[str], correct: Sequence[float]) -> TracedState:
        """The state after more answers: the tracer folds them in, the response model re-adapts on all (when next used)."""
        items, scores = state.item_ids + list(item_ids), state.correct + [float(c) for c in correct]
        known = self.tracer.update(state.known, item_ids, correct)
        return TracedState(self.response, known, items, scores)

    def predict(self, state: TracedState, item_ids: Sequence[str]) -> np.ndarray:
        return self.response.predict(state.response, item_ids)

    def next_item(self, state: TracedState, candidates: Sequence[str]) -> int:
        return self.response.next_item(state.response, candidates)

    def skill_mastery(self, state: TracedState, skill_ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.tracer.skill_mastery(state.known, skill_ids)

    def chance_above(self, state: TracedState, skill_ids: Sequence[str], level: float) -> np.ndarray:
        return self.tracer.chance_above(state.known, skill_ids, level)
