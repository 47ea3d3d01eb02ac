"""Baselines in the marking harness, and the interface every marker follows.

A marker is fitted on training questions, then, for a question, a set of
marked answers (answer indices and their 0/1 marks) gives P(correct) for
every answer of that question. The baselines:

* ``exact``: an answer equal to the reference (or to a marked answer) after
  normalisation gets that mark; everything else is wrong.
* ``refsim``: the data README's baseline (a): character 3-gram TF-IDF cosine
  to the reference answer, threshold chosen on the training questions of the
  same dataset (all training questions when the dataset has none there).
* ``nearest``: the data README's baseline (b): the mark of the nearest marked
  answer or reference (which counts as correct) by the same similarity.
"""
from __future__ import annotations

import numpy as np

from engine.marking.data import PAIR_FEATURES, Question, prepare

TFIDF = PAIR_FEATURES.index("tfidf_char3")
BASELINES = ("exact", "refsim", "nearest")


class Marker:
    """What the harness and the app need from a marker."""

    name = "marker"
    thresholds: dict[int, float]
    # Questions without a reference answer, when the marker has thresholds of their own (None: the same ones).
    thresholds_without_reference: dict[int, float] | None = None

    def fit(self, questions: list[Question]) -> None:
        """Learn from training questions (default: nothing to learn)."""

    def predict(self, question: Question, support: np.ndarray, labels: np.ndarray) -> np.ndarray | None:
        """P(correct) for every answer of ``question``; None when the marker does not apply to it."""
        raise NotImplementedError

    def judge(self, question: Question, support: np.ndarray,
              labels: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        """(P(right), confidence) for every answer; the confidence is max(p, 1 - p) unless a marker knows better."""
        p = self.predict(question, support, labels)
        return None if p is None else (p, np.maximum(p, 1 - p))

    def auto_threshold(self, k: int, has_reference: bool = True) -> float:
        """Confidence from which an answer is marked without the teacher, for k marked answers."""
        table = getattr(self, "thresholds", None) or {}
        if not has_reference and self.thresholds_without_reference is not None:
            table = self.thresholds_without_reference
        if not table:
            return float("inf")
        known = sorted(int(key) for key in table)
        below = [key for key in known if key <= k]
        return float(table[below[-1] if below else known[0]])


class ExactMatch(Marker):
    name = "exact"

    def predict(self, question, support, labels):
        norm = prepare(question)["normalised"]
        refs, answers = norm[:question.n_refs], norm[question.n_refs:]
        marks = {answers[i]: float(y) for i, y in zip(support, labels)}
        marks.update({ref: 1.0 for ref in refs if ref})
        return np.array([marks.get(a, 0.0) for a in answers])


class ReferenceSimilarity(Marker):
    name = "refsim"

    def __init__(self) -> None:
        self.threshold_by_dataset: dict[str, float] = {}
        self.default_threshold = 0.5

    def fit(self, questions):
        by_dataset: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
        for q in questions:
            if q.n_refs and len(q.answers):
                by_dataset.setdefault(q.dataset, []).append((self._similarity(q), q.correct))
        pooled = [pair for pairs in by_dataset.values() for pair in pairs]
        self.default_threshold = _best_threshold(pooled) if pooled else 0.5
        self.threshold_by_dataset = {name: _best_threshold(pairs) for name, pairs in by_dataset.items()}

    @staticmethod
    def _similarity(question: Question) -> np.ndarray:
        pairs = prepare(question)["pairs"]
        return pairs[question.n_refs:, :question.n_refs, TFIDF].max(axis=1)

    def predict(self, question, support, labels):
        if not question.n_refs:
            return None
        threshold = self.threshold_by_dataset.get(question.dataset, self.default_threshold)
        return 1.0 / (1.0 + np.exp(-20.0 * (self._similarity(question) - threshold)))


def _best_threshold(pairs: list[tuple[np.ndarray, np.ndarray]]) -> float:
    """The similarity threshold with the best mean per-question macro-F1."""
    from engine.marking.metrics import macro_f1

    candidates = np.quantile(np.concatenate([s for s, _ in pairs]), np.linspace(0.02, 0.98, 49))
    scores = [np.mean([macro_f1(y, (s >= t).astype(float)) for s, y in pairs]) for t in candidates]
    return float(candidates[int(np.argmax(scores))])


class NearestMarked(Marker):
    name = "nearest"

    def predict(self, question, support, labels):
        refs = question.n_refs
        sims = prepare(question)["pairs"][refs:, :, TFIDF]
        columns = np.r_[np.arange(refs), np.asarray(support, dtype=np.int64) + refs]
        marks = np.r_[np.ones(refs), np.asarray(labels, dtype=np.float64)] >= 0.5
        best = [sims[:, columns[marks == c]].max(axis=1) if (marks == c).any() else np.zeros(len(sims))
                for c in (False, True)]
        return np.clip(0.5 + 0.5 * (best[1] - best[0]), 0.0, 1.0)


def make_baseline(name: str) -> Marker:
    """A fresh baseline by name (one of BASELINES)."""
    return {"exact": ExactMatch, "refsim": ReferenceSimilarity, "nearest": NearestMarked}[name]()
