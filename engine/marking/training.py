"""Episodic meta-training of a marking learner: each step samples questions as tasks.

An episode is one question: k answers drawn at random (k uniform in 1..10,
at most all but two answers) join the reference answers as the support set,
the rest (at most ``max_query`` of them) are the query set, and the loss is
the binary cross-entropy of the learner's P(correct) on the query. Training
runs a fixed number of epochs (an epoch is one episode per training question),
optionally keeping the epoch whose validation loss is lowest: never a clock.
"""
from __future__ import annotations

import copy
import random
from dataclasses import asdict, dataclass
from typing import Callable

import numpy as np
import torch
import torch.nn.functional as F

from engine.marking.data import Question, prepare
from engine.marking.nets import MetricLearner, build

Progress = Callable[[float, str], None]
MIN_ANSWERS = 4


@dataclass
class TrainSettings:
    """Everything that decides a trained learner, besides the data and the seed."""

    learner: str = "relation"
    dim: int = 64
    epochs: int = 10  # at most; the epoch of lowest validation loss is kept (10 chosen over 6 by leave-dataset-out)
    episodes_per_step: int = 8
    lr: float = 3e-3
    weight_decay: float = 1e-5
    max_k: int = 10
    max_query: int = 48
    train_projection: bool = False  # train the hashed-feature projection too (it overfits; see nets.Encoder)
    balance: bool = True  # weigh right and wrong answers equally in each episode's loss (helps macro-F1)
    ensemble: int = 1  # learners trained (seeds seed, seed+1, ...) whose logits are averaged
    calibrate: bool = False  # fit the per-question calibrator (engine.marking.calibration) on the held-out questions
    seed: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


SHIPPED = "shipped"


def shipped_settings(seed: int = 0) -> TrainSettings:
    """The recipe of the shipped marking model (chosen with ``--split datasets``, docs/marking-protocol.md)."""
    return TrainSettings(learner="relation", ensemble=3, calibrate=True, seed=seed)


def question_tensors(question: Question) -> dict[str, torch.Tensor]:
    """The learner's inputs for a question (cached): EmbeddingBag index/offsets/weights and pair features."""
    if "torch" not in question.cache:
        prepared = prepare(question)
        index, offsets, weights = [], [], []
        for vector in prepared["hashed"]:
            offsets.append(len(index))
            index.extend(vector.keys())
            weights.extend(vector.values())
        question.cache["torch"] = {
            "feats": (torch.tensor(index, dtype=torch.long), torch.tensor(offsets, dtype=torch.long),
                      torch.tensor(weights, dtype=torch.float32)),
            "pairs": torch.from_numpy(prepared["pairs"])}
    return question.cache["torch"]


def episode_logits(net: MetricLearner, question: Question, support_answers: np.ndarray, labels: np.ndarray,
                   query_answers: np.ndarray, E: torch.Tensor | None = None) -> torch.Tensor:
    """Logits of P(correct) for ``query_answers`` given marked ``support_answers`` (answer indices)."""
    tensors = question_tensors(question)
    if E is None:
        E = net.encode(tensors["feats"])
    refs = question.n_refs
    support = torch.as_tensor(np.r_[np.arange(refs), np.asarray(support_answers, dtype=np.int64) + refs], dtype=torch.long)
    support_labels = torch.as_tensor(np.r_[np.ones(refs), np.asarray(labels, dtype=np.float64)], dtype=torch.float32)
    query = torch.as_tensor(np.asarray(query_answers, dtype=np.int64) + refs, dtype=torch.long)
    return net.head(E, tensors["pairs"], support, support_labels, query, n_refs=refs)


def sample_episode(question: Question, rng: random.Random, max_k: int, max_query: int) -> tuple[np.ndarray, np.ndarray]:
    """(support, query) answer indices of one random episode on ``question``."""
    n = len(question.answers)
    k = rng.randint(1, max(1, min(max_k, n - 2)))
    order = list(range(n))
    rng.shuffle(order)
    return np.array(order[:k]), np.array(order[k:k + max_query])


def episode_loss(net: MetricLearner, question: Question, support: np.ndarray, query: np.ndarray,
                 balance: bool = False) -> torch.Tensor:
    """BCE on the query (plus the learner's own extra loss) for one episode; ``balance`` weighs both classes equally."""
    target = torch.as_tensor(question.correct[query], dtype=torch.float32)
    logits = episode_logits(net, question, support, question.correct[support], query)
    weight = None
    if balance:
        share = float(target.mean())
        if 0.0 < share < 1.0:
            weight = torch.where(target > 0.5, 0.5 / share, 0.5 / (1.0 - share))
    loss = F.binary_cross_entropy_with_logits(logits, target, weight=weight)
    extra = net.extra_loss(target)
    return loss if extra is None else loss + 0.5 * extra


def _task_weights(questions: list[Question]) -> list[float]:
    """Sampling weight per question: each dataset gets a share proportional to sqrt(its questions)."""
    counts: dict[str, int] = {}
    for q in questions:
        counts[q.dataset] = counts.get(q.dataset, 0) + 1
    return [counts[q.dataset] ** 0.5 / counts[q.dataset] for q in questions]


def validation_loss(net: MetricLearner, questions: list[Question], seed: int, settings: TrainSettings) -> float:
    """Mean query BCE over fixed episodes (two per question) of held-out questions."""
    rng = random.Random(f"{seed}:validation")
    losses = []
    with torch.no_grad():
        for question in questions:
            for _ in range(2):
                support, query = sample_episode(question, rng, settings.max_k, settings.max_query)
                losses.append(float(episode_loss(net, question, support, query, settings.balance)))
    return float(np.mean(losses)) if losses else float("nan")


def meta_train(questions: list[Question], settings: TrainSettings, validation: list[Question] | None = None,
               progress: Progress | None = None) -> tuple[MetricLearner, dict]:
    """Train a fresh learner on ``questions``; with ``validation``, keep the epoch of lowest validation loss."""
    torch.manual_seed(settings.seed)
    rng = random.Random(f"{settings.seed}:episodes")
    tasks = [q for q in questions if len(q.answers) >= MIN_ANSWERS and len(set(q.correct.tolist())) > 0]
    if not tasks:
        raise ValueError("no question with at least 4 answers to train on")
    net = build(settings.learner, settings.dim, settings.train_projection)
    optimiser = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=settings.lr, weight_decay=settings.weight_decay)
    weights = _task_weights(tasks)
    per_epoch = len(tasks)
    best = (float("inf"), None, 0)
    history = []
    for epoch in range(settings.epochs):
        net.train()
        running = []
        for step_start in range(0, per_epoch, settings.episodes_per_step):
            optimiser.zero_grad()
            batch = rng.choices(tasks, weights=weights, k=min(settings.episodes_per_step, per_epoch - step_start))
            loss = sum(episode_loss(net, q, *sample_episode(q, rng, settings.max_k, settings.max_query), settings.balance)
                       for q in batch) / len(batch)
            loss.backward()
            optimiser.step()
            running.append(float(loss.detach()))
            if progress:
                progress((epoch + (step_start + len(batch)) / per_epoch) / settings.epochs,
                         f"{settings.learner} epoch {epoch + 1}/{settings.epochs} loss {np.mean(running[-20:]):.3f}")
        record = {"epoch": epoch + 1, "train_loss": round(float(np.mean(running)), 4)}
        if validation:
            net.eval()
            record["validation_loss"] = round(validation_loss(net, validation, settings.seed, settings), 4)
            if record["validation_loss"] < best[0]:
                best = (record["validation_loss"], copy.deepcopy(net.state_dict()), epoch + 1)
        history.append(record)
    if validation and best[1] is not None:
        net.load_state_dict(best[1])
    net.eval()
    return net, {"history": history, "best_epoch": best[2] if validation else settings.epochs,
                 "episodes": settings.epochs * per_epoch, "questions": len(tasks)}
