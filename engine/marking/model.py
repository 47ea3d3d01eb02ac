"""A meta-learned marker: a trained learner plus its auto-marking thresholds."""
from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import torch

from engine.marking.baselines import Marker
from engine.marking.data import Question
from engine.marking.nets import MetricLearner, build
from engine.marking.training import Progress, TrainSettings, episode_logits, meta_train, question_tensors


HELD_OUT_SHARE = 0.2


def split_held_out(questions: list[Question], seed: int) -> tuple[list[Question], list[Question]]:
    """(train, held out): about 20% of the question groups, chosen by hash, never splitting a group."""
    def held(question: Question) -> bool:
        digest = hashlib.sha256(f"{seed}:held-out:{question.group}".encode()).hexdigest()
        return int(digest, 16) % 1000 < HELD_OUT_SHARE * 1000

    train = [q for q in questions if not held(q)]
    held_out = [q for q in questions if held(q)]
    return (train, held_out) if train and held_out else (questions, [])


class LearnedMarker(Marker):
    """One of the four meta-learners behind the marker interface."""

    def __init__(self, settings: TrainSettings, net: MetricLearner | None = None) -> None:
        self.settings = settings
        self.name = settings.learner
        self.net = net if net is not None else build(settings.learner, settings.dim)
        self.thresholds: dict[int, float] = {}
        self.info: dict[str, Any] = {}
        self.progress: Progress | None = None
        self.calibration_questions: list[Question] | None = None

    def fit(self, questions: list[Question]) -> None:
        """Meta-train on 80% of the questions; the other 20% choose the epoch and the auto-marking thresholds."""
        train, held_out = split_held_out(questions, self.settings.seed)
        self.net, summary = meta_train(train, self.settings, validation=held_out, progress=self.progress)
        self.calibration_questions = held_out
        self.info["training"] = summary

    def embeddings(self, question: Question) -> torch.Tensor:
        """The encoded items of a question, cached per trained network."""
        key = ("E", id(self.net))
        if key not in question.cache:
            with torch.no_grad():
                question.cache[key] = self.net.encode(question_tensors(question)["feats"])
        return question.cache[key]

    def predict(self, question: Question, support: np.ndarray, labels: np.ndarray) -> np.ndarray:
        everyone = np.arange(len(question.answers))
        with torch.no_grad():
            logits = episode_logits(self.net, question, support, labels, everyone, E=self.embeddings(question))
        return torch.sigmoid(logits).double().numpy()
