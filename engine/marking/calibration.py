"""Per-question calibration: what the teacher gave for THIS question decides how far the model is trusted.

A meta-learned marker scores every answer of a question from the reference and
the k marked answers. How good that score is differs a lot between questions,
and the teacher's marks already say something about it. For each answer this
module reads signals of one episode:

* the ensemble's logit, how much its members disagree;
* leave-one-out over the marked answers: each marked answer predicted from the
  others (and the reference); the share the model got right and how far its
  probabilities were off on this question (a per-question logistic shift);
* the nearest marked answer or reference of each mark (character 3-gram TF-IDF),
  exact equality (after normalisation) with a marked answer or the key;
* the class's other answers (transductive): the logits of the answer's nearest
  unmarked classmates, and how tight that neighbourhood is.

A small logistic model reads them and gives the *confidence*: P(the model's
mark is the teacher's). The mark itself stays the ensemble's (a second
logistic model that also moved the decision by these signals lowered macro-F1
on held-out training questions: docs/marking-calibration.md). The model is
fitted on training questions that the networks did not learn from (the
held-out 20%), and the auto-marking threshold is chosen on confidences that
were computed by models fitted on the other parts of those questions
(cross-fitting), so the 95% is estimated on questions the calibrator had not
seen either.
"""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from engine.marking.data import PAIR_FEATURES, Question, prepare

TFIDF = PAIR_FEATURES.index("tfidf_char3")
NEIGHBOURS = 5  # unmarked classmates whose logits an answer's neighbourhood averages
MAX_LEAVE_ONE_OUT = 10  # marked answers predicted from the others (evenly spaced beyond this: speed in the app)
FIT_REPEATS = 4  # episodes per question and k used to fit the calibrator
CROSS_FIT_PARTS = 5  # question parts: each part's confidences come from a calibrator fitted on the others
L2 = 1.0  # ridge penalty on the standardised coefficients
POOL_KS = True  # one threshold for every k (the confidence already reads k): four times the answers to set it on
MIN_THRESHOLD_QUESTIONS = 10  # a 95% read off fewer calibration questions does not carry to new ones: no threshold
CONFIDENCE_FEATURES = ("abs_logit", "member_spread", "member_agree", "neighbour_agree",
                       "nearest_agree", "exact_agree", "loo_acc", "loo_loss", "loo_shift_agree", "neighbour_tightness",
                       "log_k", "has_reference", "says_right", "support_agree", "classmates_agree")

# member_logits(question, support, labels) -> (members, answers) logits of P(right) for every answer
Scorer = Callable[[Question, np.ndarray, np.ndarray], np.ndarray]


@dataclass
class Signals:
    """One episode's per-answer signals (every answer of the question, marked ones included)."""

    logits: np.ndarray  # (members, n)
    loo_logits: np.ndarray  # (m,) mean logit of the left-out marked answers
    loo_labels: np.ndarray  # (m,)
    nearest_right: np.ndarray  # (n,) highest similarity to a reference or an answer marked right (0: none)
    nearest_wrong: np.ndarray  # (n,) highest similarity to an answer marked wrong (0: none)
    exact: np.ndarray  # (n,) +1 identical to a right mark/key, -1 to a wrong mark, 0 neither (or both)
    neighbours: np.ndarray  # (n, NEIGHBOURS) indices of the most similar other answers
    neighbour_sims: np.ndarray  # (n, NEIGHBOURS)
    standing: np.ndarray  # (n,) mean similarity to the other answers, standardised over the answers
    k: int
    n_refs: int
    support_right: float  # smoothed share of right among the marked answers


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def leave_one_out_rows(support: np.ndarray) -> np.ndarray:
    """Positions in ``support`` that are each predicted from the others (all of them up to MAX_LEAVE_ONE_OUT)."""
    if len(support) <= MAX_LEAVE_ONE_OUT:
        return np.arange(len(support))
    return np.unique(np.linspace(0, len(support) - 1, MAX_LEAVE_ONE_OUT).round().astype(np.int64))


def gather_signals(scorer: Scorer, question: Question, support: np.ndarray, labels: np.ndarray) -> Signals:
    """The signals of one episode: the model's logits, leave-one-out on the marks, marked neighbours, classmates."""
    support = np.asarray(support, dtype=np.int64)
    labels = np.asarray(labels, dtype=np.float64)
    logits = scorer(question, support, labels)
    loo_logits, loo_labels = [], []
    for row in leave_one_out_rows(support):
        keep = np.arange(len(support)) != row
        left_out = scorer(question, support[keep], labels[keep])
        loo_logits.append(float(left_out[:, support[row]].mean()))
        loo_labels.append(float(labels[row] >= 0.5))
    prepared = prepare(question)
    refs, n = question.n_refs, len(question.answers)
    sims = prepared["pairs"][refs:, :, TFIDF].astype(np.float64)  # answers x items
    right_cols = np.r_[np.arange(refs), support[labels >= 0.5] + refs].astype(np.int64)
    wrong_cols = (support[labels < 0.5] + refs).astype(np.int64)
    nearest_right = sims[:, right_cols].max(axis=1) if len(right_cols) else np.zeros(n)
    nearest_wrong = sims[:, wrong_cols].max(axis=1) if len(wrong_cols) else np.zeros(n)
    norm = prepared["normalised"]
    right_texts = {norm[c] for c in right_cols if norm[c]}
    wrong_texts = {norm[c] for c in wrong_cols if norm[c]}
    answers_norm = norm[refs:]
    exact = np.array([float(t in right_texts) - float(t in wrong_texts) for t in answers_norm])
    classmates = sims[:, refs:].copy()
    np.fill_diagonal(classmates, -np.inf)
    width = min(NEIGHBOURS, max(0, n - 1))
    neighbours = np.argsort(-classmates, axis=1, kind="mergesort")[:, :width]
    neighbour_sims = np.take_along_axis(classmates, neighbours, axis=1) if width else np.zeros((n, 0))
    k = len(support)
    mean_sim = (sims[:, refs:].sum(axis=1) - np.diagonal(sims[:, refs:])) / max(1, n - 1)
    standing = (mean_sim - mean_sim.mean()) / (mean_sim.std() + 1e-3)
    return Signals(logits, np.array(loo_logits), np.array(loo_labels), nearest_right, nearest_wrong, exact,
                   neighbours, neighbour_sims, standing, k, refs,
                   (float((labels >= 0.5).sum()) + 1.0) / (k + 2.0))


def confidence_features(s: Signals) -> np.ndarray:
    """(n, len(CONFIDENCE_FEATURES)) inputs of the confidence model, signed by the decision (+1 right, -1 wrong)."""
    z = s.logits.mean(axis=0)
    sign = np.where(z >= 0, 1.0, -1.0)
    loo = _loo_summary(s)
    members_agree = (np.sign(s.logits) == sign[None, :]).mean(axis=0)
    tight = s.neighbour_sims.mean(axis=1) if s.neighbour_sims.shape[1] else np.zeros_like(z)
    ones = np.ones_like(z)
    return np.stack([np.abs(z), s.logits.std(axis=0), members_agree,
                     sign * _neighbour_mean(z, s), sign * (s.nearest_right - s.nearest_wrong), sign * s.exact,
                     ones * loo["acc"], ones * loo["loss"], sign * loo["shift"], tight, ones * np.log1p(s.k),
                     ones * float(s.n_refs > 0), sign, sign * (s.support_right - 0.5), sign * s.standing], axis=1)


def _neighbour_mean(z: np.ndarray, s: Signals) -> np.ndarray:
    """Similarity-weighted mean logit of each answer's nearest classmates (0 when it has none)."""
    if not s.neighbours.shape[1]:
        return np.zeros_like(z)
    weights = np.clip(s.neighbour_sims, 0.0, None) + 1e-3
    return (z[s.neighbours] * weights).sum(axis=1) / weights.sum(axis=1)


def _loo_summary(s: Signals) -> dict[str, float]:
    """Leave-one-out on the marks: smoothed accuracy, mean log loss and mean residual (label - p); priors when none."""
    if not len(s.loo_logits):
        return {"acc": 0.5, "loss": float(np.log(2.0)), "shift": 0.0}
    p = _sigmoid(s.loo_logits)
    right = (p >= 0.5) == (s.loo_labels >= 0.5)
    loss = -np.mean(s.loo_labels * np.log(p + 1e-6) + (1 - s.loo_labels) * np.log(1 - p + 1e-6))
    count = len(p)
    return {"acc": (float(right.sum()) + 1.0) / (count + 2.0), "loss": float(loss),
            "shift": float((s.loo_labels - p).sum() / (count + 1.0))}


# ---------------------------------------------------------------------------- logistic models

@dataclass
class Logistic:
    """A ridge logistic regression on standardised features (a few numbers: stored in the model's JSON)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def logit(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.coef + self.intercept

    def as_dict(self) -> dict[str, Any]:
        return {"mean": self.mean.round(6).tolist(), "scale": self.scale.round(6).tolist(),
                "coef": self.coef.round(6).tolist(), "intercept": round(float(self.intercept), 6)}

    @classmethod
    def from_dict(cls, data: dict[str, Any], width: int) -> "Logistic":
        arrays = [np.asarray(data[key], dtype=np.float64) for key in ("mean", "scale", "coef")]
        if any(a.shape != (width,) or not np.all(np.isfinite(a)) for a in arrays) or not np.all(arrays[1] > 0):
            raise ValueError(f"a calibration model needs {width} finite coefficients and positive scales")
        intercept = float(data["intercept"])
        if not np.isfinite(intercept):
            raise ValueError("a calibration model's intercept is not finite")
        return cls(*arrays, intercept)


def fit_logistic(x: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None, l2: float | None = None,
                 iterations: int = 50) -> Logistic:
    """Newton's method on the weighted, ridge-penalised log loss (the intercept is not penalised)."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale = np.where(scale > 1e-9, scale, 1.0)
    xs = np.c_[(x - mean) / scale, np.ones(len(x))]
    w = np.ones(len(x)) if weight is None else np.asarray(weight, dtype=np.float64)
    w = w * len(w) / w.sum()
    penalty = np.full(xs.shape[1], L2 if l2 is None else l2)
    penalty[-1] = 0.0
    beta = np.zeros(xs.shape[1])
    for _ in range(iterations):
        p = _sigmoid(xs @ beta)
        gradient = xs.T @ (w * (p - y)) + penalty * beta
        hessian = (xs * (w * p * (1 - p))[:, None]).T @ xs + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return Logistic(mean, scale, beta[:-1], float(beta[-1]))


@dataclass
class Calibrator:
    """The confidence model (see the module docstring)."""

    confidence: Logistic

    def judge(self, signals: Signals) -> tuple[np.ndarray, np.ndarray]:
        """(P(right), confidence) for every answer of the episode: the ensemble's mark, the calibrated confidence."""
        p = _sigmoid(signals.logits.mean(axis=0))
        return p, _sigmoid(self.confidence.logit(confidence_features(signals)))

    def as_dict(self) -> dict[str, Any]:
        return {"confidence_features": list(CONFIDENCE_FEATURES), "confidence": self.confidence.as_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Calibrator":
        """Read a stored calibrator; ValueError when it is not one this code computes the features of."""
        if not isinstance(data, dict) or data.get("confidence_features") != list(CONFIDENCE_FEATURES):
            raise ValueError("the calibration model was made for other features")
        return cls(Logistic.from_dict(data["confidence"], len(CONFIDENCE_FEATURES)))


# ---------------------------------------------------------------------------- fitting on training questions

@dataclass
class Episode:
    """A calibration episode: the signals and the truth of its query answers."""

    question: str
    k: int
    has_reference: bool
    signals: Signals
    query: np.ndarray
    truth: np.ndarray


def calibration_episodes(scorer: Scorer, questions: list[Question], ks: list[int], seed: int,
                         min_answers: int = 10, repeats: int = FIT_REPEATS) -> list[Episode]:
    """Episodes on (training) questions with their own draws (never the test draws)."""
    episodes = []
    for question in questions:
        n = len(question.answers)
        if n < min_answers:
            continue
        for k in ks:
            if k > n - 2:
                continue
            for r in range(repeats):
                rng = random.Random(f"{seed}:calibration:{question.qid}:{k}:{r}")
                support = np.array(sorted(rng.sample(range(n), k)), dtype=np.int64)
                labels = question.correct[support].astype(np.float64)
                signals = gather_signals(scorer, question, support, labels)
                query = np.setdiff1d(np.arange(n), support)
                episodes.append(Episode(question.group or question.qid, k, question.n_refs > 0, signals, query,
                                        question.correct[query].astype(np.float64)))
    return episodes


def fit_calibrator(episodes: list[Episode]) -> Calibrator:
    """Fit the confidence model: does the ensemble's mark (p >= 0.5) equal the teacher's, per query answer."""
    x, y = [], []
    for e in episodes:
        z = e.signals.logits.mean(axis=0)[e.query]
        x.append(confidence_features(e.signals)[e.query])
        y.append(((z >= 0) == (e.truth >= 0.5)).astype(np.float64))
    return Calibrator(fit_logistic(np.concatenate(x), np.concatenate(y)))


@dataclass
class Judgement:
    """An episode's confidences from a calibrator that did not see its question, and whether each mark was right."""

    question: str
    k: int
    has_reference: bool
    confidence: np.ndarray
    right: np.ndarray


def cross_fitted_judgements(episodes: list[Episode], seed: int) -> list[Judgement]:
    """One judgement per episode, from a calibrator fitted on the other parts of the questions."""
    def part(name: str) -> int:
        return int(hashlib.sha256(f"{seed}:calibration-part:{name}".encode()).hexdigest(), 16) % CROSS_FIT_PARTS

    out = []
    for side in range(CROSS_FIT_PARTS):
        fitted_on = [e for e in episodes if part(e.question) != side]
        judged = [e for e in episodes if part(e.question) == side]
        if not fitted_on or not judged:
            continue
        calibrator = fit_calibrator(fitted_on)
        for e in judged:
            p, confidence = calibrator.judge(e.signals)
            out.append(Judgement(e.question, e.k, e.has_reference, confidence[e.query],
                                 (p[e.query] >= 0.5) == (e.truth >= 0.5)))
    return out


def choose_thresholds(judged: list[Judgement], ks: list[int]) -> dict[int, float]:
    """Per-k confidence thresholds at 95% precision on cross-fitted judgements (pooled over k with POOL_KS).

    Judgements of fewer than MIN_THRESHOLD_QUESTIONS questions set no threshold (inf: nothing is marked alone).
    """
    from engine.marking.metrics import precision_threshold

    def threshold(rows: list[Judgement]) -> float:
        if len({row.question for row in rows}) < MIN_THRESHOLD_QUESTIONS:
            return float("inf")
        return precision_threshold(np.concatenate([row.confidence for row in rows]), np.concatenate([row.right for row in rows]))

    if POOL_KS:
        rows = [row for row in judged if row.k in ks]
        return {k: threshold(rows) for k in ks} if rows else {}
    return {k: threshold([row for row in judged if row.k == k]) for k in ks if any(row.k == k for row in judged)}
