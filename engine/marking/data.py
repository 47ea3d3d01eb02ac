"""Graded written answers (the format of ../shared/data/short-answers) and their per-question features.

A :class:`Question` is one task: its reference answers, its students' answers
with the teacher's marks, and (once :func:`prepare` has run) the tensors the
meta-learners read: hashed features of every item (references first, then
answers) and the pairwise lexical similarities between items.
"""
from __future__ import annotations

import csv
import gzip
import io
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from engine.errors import LamplightError
from engine.marking import text as textf

REFERENCE_SEPARATOR = " ||| "
REQUIRED_COLUMNS = ("question_id", "question", "reference_answer", "answer", "correct")
# sas_asag_zh is a translation of mohler's first 21 questions, in the same order: one fold group each.
TWIN_DATASETS = ("mohler", "sas_asag_zh")
PAIR_FEATURES = ("tfidf_char3", "tfidf_word", "cos_ngram", "covers_q", "covers_s", "log_len_ratio", "identical",
                 "tfidf_word_new", "covers_q_new", "covers_s_new", "from_question")


@dataclass
class Question:
    """One question (task) with its references, answers and marks."""

    qid: str
    dataset: str
    lang: str
    prompt: str
    references: list[str]
    answers: list[str]
    correct: np.ndarray  # 0/1 per answer
    scores: np.ndarray  # teacher's mark scaled to 0..1 per answer
    group: str = ""  # fold group: a question and its translation share one
    cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def n_refs(self) -> int:
        return len(self.references)

    @property
    def items(self) -> list[str]:
        """References first, then answers: the rows of the feature tensors."""
        return self.references + self.answers


def read_questions(folder: str | Path) -> list[Question]:
    """The questions of one dataset folder (``answers.csv.gz`` or ``answers.csv``), in file order."""
    path = Path(folder)
    if path.is_dir():
        candidates = [path / "answers.csv.gz", path / "answers.csv"]
        path = next((c for c in candidates if c.exists()), candidates[0])
    if not path.exists():
        raise LamplightError(f"No graded answers at {path} (expected answers.csv.gz).")
    dataset = path.parent.name
    try:
        raw = gzip.open(path, "rb").read() if path.suffix == ".gz" else path.read_bytes()
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    except (OSError, UnicodeDecodeError, csv.Error, EOFError) as exc:
        raise LamplightError(f"{path} is not a readable UTF-8 CSV of graded answers: {exc}.") from exc
    missing = [c for c in REQUIRED_COLUMNS if rows and c not in rows[0]]
    if not rows or missing:
        raise LamplightError(f"{path} has no rows or lacks columns {missing}; see the short-answers README.")
    return _group_rows(rows, dataset, path)


def _group_rows(rows: list[dict[str, str]], dataset: str, path: Path) -> list[Question]:
    by_question: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_question.setdefault(row["question_id"], []).append(row)
    questions = []
    for ordinal, (qid, group_rows) in enumerate(by_question.items()):
        first = group_rows[0]
        try:
            correct = np.array([int(float(r["correct"])) for r in group_rows], dtype=np.int64)
            scores = np.array([float(r.get("score") or r["correct"]) for r in group_rows], dtype=np.float64)
        except ValueError as exc:
            raise LamplightError(f"{path}: question {qid} has a mark that is not a number ({exc}).") from exc
        references = [ref.strip() for ref in (first["reference_answer"] or "").split(REFERENCE_SEPARATOR) if ref.strip()]
        lang = first.get("lang") or ("zh" if textf.is_chinese(first["question"]) else "en")
        group = f"mohler-twin:{ordinal}" if dataset in TWIN_DATASETS else qid
        questions.append(Question(qid, dataset, lang, first["question"], references,
                                  [r["answer"] or "" for r in group_rows], correct, scores, group))
    return questions


def read_datasets(folders: list[str | Path]) -> list[Question]:
    """The questions of several dataset folders, in the order given."""
    return [q for folder in folders for q in read_questions(folder)]


# ---------------------------------------------------------------------------- features

def prepare(question: Question) -> dict[str, Any]:
    """Hashed features and pairwise similarities of a question's items (computed once, cached)."""
    if "prepared" not in question.cache:
        items = question.items
        question.cache["prepared"] = {"hashed": [textf.hashed_features(t) for t in items],
                                      "pairs": pair_features(items, question.prompt),
                                      "normalised": [textf.normalise(t) for t in items]}
    return question.cache["prepared"]


def _tfidf_matrix(bags: list[Counter]) -> np.ndarray:
    """Rows: L2-normalised tf-idf over the given documents (idf = ln((1+N)/(1+df)) + 1)."""
    matrix = _dense(bags)
    df = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + len(bags)) / (1 + df)) + 1.0
    return _unit_rows(matrix)


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def char3(text: str) -> Counter:
    """Character 3-grams of the normalised text (the baselines' representation)."""
    norm = f" {textf.normalise(text)} "
    return Counter(norm[i:i + 3] for i in range(len(norm) - 2))


def _coverage(bags: list[Counter]) -> np.ndarray:
    """[i, j]: the idf-weighted share of item i's words that item j has too."""
    presence = (_dense(bags) > 0).astype(np.float64)
    weighted = presence * (np.log((1 + len(bags)) / (1 + presence.sum(axis=0))) + 1.0)
    return (weighted @ presence.T) / np.maximum(weighted.sum(axis=1, keepdims=True), 1e-9)


def pair_features(items: list[str], prompt: str = "") -> np.ndarray:
    """(n, n, len(PAIR_FEATURES)) lexical similarities of item i (as query) to item j (as support).

    The ``_new`` features leave out the words of the question itself ("question demoting", Sultan et al.
    2016): an answer that repeats the question shares words with the key without saying what the key says.
    ``from_question`` is the share of i's words taken from the question minus that of j's.
    """
    grouped = [textf.grouped_counts(t) for t in items]
    word_bags = [g["word"] for g in grouped]
    asked = set(textf.words(textf.normalise(prompt)))
    new_bags = [Counter({w: c for w, c in bag.items() if w not in asked}) for bag in word_bags]
    tfidf_c3, tfidf_w, tfidf_new = (_tfidf_matrix(bags) for bags in ([char3(t) for t in items], word_bags, new_bags))
    ngram = _unit_rows(_dense([Counter({k: math.log1p(v) for k, v in g["char"].items()}) for g in grouped]))
    covers, covers_new = _coverage(word_bags), _coverage(new_bags)
    log_lengths = np.log1p([sum(b.values()) for b in word_bags])
    asked_share = np.array([sum(c for w, c in bag.items() if w in asked) / max(1, sum(bag.values())) for bag in word_bags])
    normalised = [textf.normalise(t) for t in items]
    same = np.array([[a == b and a != "" for b in normalised] for a in normalised], dtype=np.float64)
    features = np.stack([tfidf_c3 @ tfidf_c3.T, tfidf_w @ tfidf_w.T, ngram @ ngram.T, covers, covers.T,
                         log_lengths[:, None] - log_lengths[None, :], same,
                         tfidf_new @ tfidf_new.T, covers_new, covers_new.T,
                         asked_share[:, None] - asked_share[None, :]], axis=-1)
    return features.astype(np.float32)


def _dense(bags: list[Counter]) -> np.ndarray:
    vocab: dict[str, int] = {}
    for bag in bags:
        for key in bag:
            vocab.setdefault(key, len(vocab))
    matrix = np.zeros((len(bags), max(1, len(vocab))))
    for row, bag in enumerate(bags):
        for key, value in bag.items():
            matrix[row, vocab[key]] = value
    return matrix
