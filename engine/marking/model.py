"""A meta-learned marker: a trained learner, its per-question confidence calibrator and auto-marking thresholds."""
from __future__ import annotations

import hashlib
import itertools
from dataclasses import replace
from typing import Any

import numpy as np
import torch

from engine.marking.baselines import Marker
from engine.marking.calibration import Calibrator, calibration_episodes, choose_thresholds, cross_fitted_judgements, \
    fit_calibrator, gather_signals
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


_TOKENS = itertools.count()


class Ensemble(torch.nn.Module):
    """Several learners of one recipe (different seeds); the marker averages their logits."""

    def __init__(self, members: list[MetricLearner]) -> None:
        super().__init__()
        self.members = torch.nn.ModuleList(members)
        self.token = next(_TOKENS)  # names this ensemble in question caches (an id() can be reused once freed)


def build_ensemble(settings: TrainSettings) -> Ensemble:
    """A fresh, untrained ensemble of ``settings.ensemble`` learners."""
    return Ensemble([build(settings.learner, settings.dim) for _ in range(max(1, settings.ensemble))])


class LearnedMarker(Marker):
    """One of the four meta-learners (an ensemble of ``settings.ensemble`` of them) behind the marker interface."""

    def __init__(self, settings: TrainSettings, net: Ensemble | None = None) -> None:
        self.settings = settings
        self.name = settings.learner
        self.net = net if net is not None else build_ensemble(settings)
        self.thresholds: dict[int, float] = {}
        self.thresholds_without_reference: dict[int, float] | None = None
        self.info: dict[str, Any] = {}
        self.progress: Progress | None = None
        self.calibration_questions: list[Question] | None = None
        self.calibrator: Calibrator | None = None

    def fit(self, questions: list[Question]) -> None:
        """Meta-train on 80% of the questions; the other 20% choose the epoch and the auto-marking thresholds."""
        train, held_out = split_held_out(questions, self.settings.seed)
        members, summaries = [], []
        count = max(1, self.settings.ensemble)
        for member in range(count):
            settings = replace(self.settings, seed=self.settings.seed + member)
            progress = None
            if self.progress is not None:
                progress = (lambda share, text, m=member: self.progress((m + share) / count, text))
            net, summary = meta_train(train, settings, validation=held_out, progress=progress)
            members.append(net)
            summaries.append(summary)
        self.net = Ensemble(members)
        self.calibration_questions = held_out
        self.info["training"] = summaries[0] if count == 1 else {
            "members": summaries, "best_epoch": [s["best_epoch"] for s in summaries]}

    def embeddings(self, question: Question) -> list[torch.Tensor]:
        """The encoded items of a question per member, cached per trained ensemble."""
        key = ("E", self.net.token)
        if key not in question.cache:
            feats = question_tensors(question)["feats"]
            with torch.no_grad():
                question.cache[key] = [member.encode(feats) for member in self.net.members]
        return question.cache[key]

    def member_logits(self, question: Question, support: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """(members, answers) logits of P(right) for every answer, given the marked answers."""
        everyone = np.arange(len(question.answers))
        with torch.no_grad():
            return torch.stack([episode_logits(member, question, support, labels, everyone, E=E)
                                for member, E in zip(self.net.members, self.embeddings(question))]).double().numpy()

    def predict(self, question: Question, support: np.ndarray, labels: np.ndarray) -> np.ndarray:
        return self.judge(question, support, labels)[0]

    def judge(self, question: Question, support: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(P(right), confidence): the calibrator's when there is one, else the averaged logits' and max(p, 1 - p)."""
        if self.calibrator is not None:
            return self.calibrator.judge(gather_signals(self.member_logits, question, np.asarray(support),
                                                        np.asarray(labels, dtype=np.float64)))
        p = 1.0 / (1.0 + np.exp(-self.member_logits(question, support, labels).mean(axis=0)))
        return p, np.maximum(p, 1 - p)

    def fit_calibration(self, questions: list[Question], ks: list[int], seed: int) -> None:
        """Fit the per-question calibrator on (held-out training) questions and set the 95%-precision thresholds.

        The thresholds are read from cross-fitted confidences (each part of the questions judged by a
        calibrator fitted on the others), the calibrator kept is fitted on all of them. Questions without
        a reference answer get thresholds of their own: judged from the class alone the model is less
        sure, and with fewer than 10 such questions among these nothing without a reference is marked alone.
        """
        self.calibrator = None
        self.thresholds, self.thresholds_without_reference = {}, {}
        episodes = calibration_episodes(self.member_logits, questions, ks, seed + 1000)
        if not episodes:
            return
        judged = cross_fitted_judgements(episodes, seed)
        self.thresholds = choose_thresholds([row for row in judged if row.has_reference], ks)
        self.thresholds_without_reference = choose_thresholds([row for row in judged if not row.has_reference], ks)
        self.calibrator = fit_calibrator(episodes)
