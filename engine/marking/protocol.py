"""The marking protocol (docs/marking-protocol.md): a teacher marks k answers, the model marks the rest.

Folds keep every question out of the training set of the model that is
tested on it: ``questions`` (default) splits all questions into five folds by
``sha256(f"{seed}:{group}")`` (a question and its translation share a group),
``datasets`` holds out one dataset (mohler and sas_asag_zh together) at a time.
For each test question with at least 10 answers, each k and each of 5 repeats,
``random.Random(f"{seed}:{question_id}:{k}:{r}")`` draws the k marked answers; with ``support="chosen"``
the model picks them one by one (:func:`choose_support`), as the marking screen asks the teacher to.
"""
from __future__ import annotations

import hashlib
import random
import time
from typing import Callable

import numpy as np

from engine.marking import metrics
from engine.marking.baselines import BASELINES, Marker, make_baseline
from engine.marking.choice import next_to_mark
from engine.marking.data import TWIN_DATASETS, Question
from engine.marking.nets import LEARNERS

MIN_TEST_ANSWERS = 10
REPEATS = 5
N_FOLDS = 5
SPLITS = ("questions", "datasets")
SUPPORTS = ("random", "chosen")
DEFAULT_KS = (1, 3, 5, 10)
Say = Callable[[str], None]


def draw_support(question: Question, k: int, seed: int, repeat: int) -> np.ndarray:
    """The k answers the teacher marks in repeat ``repeat`` (the protocol's exact draw)."""
    rng = random.Random(f"{seed}:{question.qid}:{k}:{repeat}")
    return np.array(sorted(rng.sample(range(len(question.answers)), k)), dtype=np.int64)


def choose_support(marker: Marker, question: Question, k: int) -> np.ndarray | None:
    """The k answers the teacher marks when she marks the one the screen points at each time, in that order
    (the first j of them are the picks for j marks).

    Each pick is :func:`~engine.marking.choice.next_to_mark` given the marks so far (the first given the
    reference alone); the pick's true mark is then revealed, as the teacher gives it. None when the
    marker does not apply to the question.
    """
    marked: list[int] = []
    while len(marked) < k:
        support = np.array(sorted(marked), dtype=np.int64)
        judged = marker.judge(question, support, question.correct[support])
        if judged is None:
            return None
        marked.append(next_to_mark(question, judged[0], marked))
    return np.array(marked, dtype=np.int64)


def assign_folds(questions: list[Question], seed: int, split: str) -> list[int]:
    """Fold number per question; a question and its translation always share a fold."""
    if split == "questions":
        return [int(hashlib.sha256(f"{seed}:{q.group}".encode()).hexdigest(), 16) % N_FOLDS for q in questions]
    if split == "datasets":
        names = sorted({TWIN_DATASETS[0] if q.dataset in TWIN_DATASETS else q.dataset for q in questions})
        return [names.index(TWIN_DATASETS[0] if q.dataset in TWIN_DATASETS else q.dataset) for q in questions]
    raise ValueError(f"unknown split {split!r}; use one of {', '.join(SPLITS)}")


def score_question(marker: Marker, question: Question, ks: list[int], seed: int, repeats: int = REPEATS,
                   support_by: str = "random") -> dict | None:
    """Per-k metrics on one question averaged over repeats, plus the raw (confidence, right) pairs per k.

    ``support_by="chosen"`` has one repeat: the model's picks do not depend on the seed.
    """
    ks = [k for k in ks if k <= len(question.answers) - 2]
    picks = None
    if support_by != "random" and ks:  # picked once for the largest k: each smaller k marks the first of them
        picks = choose_support(marker, question, max(ks))
        if picks is None:
            return None
    out = {}
    for k in ks:
        rows = []
        for r in range(repeats if picks is None else 1):
            support = draw_support(question, k, seed, r) if picks is None else np.sort(picks[:k])
            judged = marker.judge(question, support, question.correct[support])
            if judged is None:
                return None
            query = np.setdiff1d(np.arange(len(question.answers)), support)
            y, pq, confidence = question.correct[query], judged[0][query], judged[1][query]
            right = (pq >= 0.5) == (y >= 0.5)
            auto = confidence >= marker.auto_threshold(k, question.n_refs > 0)
            rows.append({"acc": metrics.accuracy(y, pq), "macro_f1": metrics.macro_f1(y, pq),
                         "auc": metrics.auc(y, pq) if 0 < y.sum() < len(y) else np.nan,
                         "auto_share": float(auto.mean()), "auto_right": int(right[auto].sum()),
                         "auto_n": int(auto.sum()), "confidence": confidence, "right": right})
        out[k] = rows
    return out


def calibrate(marker: Marker, questions: list[Question], ks: list[int], seed: int, support_by: str = "random") -> None:
    """Set the marker's per-k auto-marking thresholds at 95% precision on (training) questions.

    A marker whose recipe calibrates per question fits its calibrator there too (and sets its own thresholds).
    """
    if getattr(getattr(marker, "settings", None), "calibrate", False):
        marker.fit_calibration(questions, ks, seed)
        return
    marker.thresholds = {}
    pooled: dict[int, list] = {k: [] for k in ks}
    for question in questions:
        if len(question.answers) < MIN_TEST_ANSWERS:
            continue
        scored = score_question(marker, question, ks, seed + 1000, repeats=1, support_by=support_by)
        for k, rows in (scored or {}).items():
            pooled[k].extend(rows)
    for k, rows in pooled.items():
        if rows:
            marker.thresholds[k] = metrics.precision_threshold(np.concatenate([r["confidence"] for r in rows]),
                                                               np.concatenate([r["right"] for r in rows]))


def make_marker(name: str) -> Marker:
    """A fresh, unfitted marker by name: a baseline, a learner, or a saved model's recipe."""
    from engine.marking.model import LearnedMarker
    from engine.marking.training import SHIPPED, TrainSettings, shipped_settings

    if name in BASELINES:
        return make_baseline(name)
    if name in LEARNERS:
        return LearnedMarker(TrainSettings(learner=name))
    if name == SHIPPED:
        recipe = LearnedMarker(shipped_settings())
        recipe.name = SHIPPED
        return recipe
    from engine.marking.persistence import load_marker

    saved = load_marker(name)
    recipe = LearnedMarker(saved.settings)
    recipe.name = f"{saved.name}*"
    return recipe


def evaluate(questions: list[Question], names: list[str], ks: list[int], seed: int = 0, split: str = "questions",
             say: Say | None = None, support_by: str = "random") -> dict:
    """Run the protocol for each marker; one results row per (dataset, model, k).

    ``support_by``: ``random`` (the k marked answers drawn at random) or ``chosen`` (picked by the model).
    """
    if support_by not in SUPPORTS:
        raise ValueError(f"unknown support {support_by!r}; use one of {', '.join(SUPPORTS)}")
    say = say or (lambda message: None)
    folds = assign_folds(questions, seed, split)
    per_question: dict[tuple[str, str, str], dict] = {}
    cpu: dict[str, float] = {}
    for name in names:
        for fold in sorted(set(folds)):
            train = [q for q, f in zip(questions, folds) if f != fold]
            test = [q for q, f in zip(questions, folds) if f == fold and len(q.answers) >= MIN_TEST_ANSWERS]
            if not test:
                continue
            marker = make_marker(name)
            began = time.process_time()
            marker.fit(train)
            calibrate(marker, getattr(marker, "calibration_questions", None) or train, ks, seed, support_by)
            cpu[marker.name] = cpu.get(marker.name, 0.0) + time.process_time() - began
            say(f"{marker.name}: fold {fold + 1}: trained on {len(train)} questions, testing {len(test)}")
            for question in test:
                scored = score_question(marker, question, ks, seed, support_by=support_by)
                if scored is not None:
                    per_question[(marker.name, question.dataset, question.qid)] = {"dataset": question.dataset,
                                                                                   "scores": scored}
    return {"protocol": "marking", "seed": seed, "split": split, "support": support_by, "ks": list(ks),
            "datasets": sorted({q.dataset for q in questions}), "train_cpu_s": {k: round(v, 1) for k, v in cpu.items()},
            "results": summarise(per_question, ks)}


def summarise(per_question: dict[tuple[str, str, str], dict], ks: list[int]) -> list[dict]:
    """Average over repeats, then over questions, per (dataset, model, k)."""
    groups: dict[tuple[str, str, int], list[list[dict]]] = {}
    for (model, _dataset, _qid), entry in per_question.items():
        for k, rows in entry["scores"].items():
            groups.setdefault((entry["dataset"], model, k), []).append(rows)
    results = []
    for (dataset, model, k), questions in sorted(groups.items(), key=lambda item: (item[0][0], item[0][2])):
        def mean(key: str) -> float:
            values = [np.nanmean([r[key] for r in rows]) if not all(np.isnan(r[key]) for r in rows) else np.nan
                      for rows in questions]
            return round(float(np.nanmean(values)), 4) if not all(np.isnan(values)) else None
        auto_n = sum(r["auto_n"] for rows in questions for r in rows)
        auto_right = sum(r["auto_right"] for rows in questions for r in rows)
        results.append({"dataset": dataset, "model": model, "k": k, "acc": mean("acc"), "macro_f1": mean("macro_f1"),
                        "auc": mean("auc"), "auto_share": mean("auto_share"),
                        "auto_precision": round(auto_right / auto_n, 4) if auto_n else None,
                        "questions": len(questions)})
    return results


def format_table(report: dict) -> str:
    """The results as a plain-text table."""
    chosen = ", the model chooses which answers are marked" if report.get("support") == "chosen" else ""
    lines = [f"marking ({report['split']} held out{chosen}), seed {report['seed']}",
             f"{'dataset':22} {'model':10} {'k':>3} {'acc':>6} {'mF1':>6} {'auc':>6} {'auto':>6} {'prec':>6} {'q':>4}"]
    fmt = lambda v: "   -  " if v is None else f"{v:6.3f}"
    for row in report["results"]:
        lines.append(f"{row['dataset']:22} {row['model']:10} {row['k']:3d} {fmt(row['acc'])} {fmt(row['macro_f1'])} "
                     f"{fmt(row['auc'])} {fmt(row['auto_share'])} {fmt(row['auto_precision'])} {row['questions']:4d}")
    return "\n".join(lines)
