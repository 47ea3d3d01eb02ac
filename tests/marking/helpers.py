"""Small synthetic graded-answer questions for fast marking tests.

Each question has a reference built from its own key words; a right answer
uses most of the key words (plus filler), a wrong one uses other words. So a
marker that learns "overlap with the reference and with right answers"
across questions can mark an unseen question well, and one that does not
cannot.
"""
from __future__ import annotations

import csv
import gzip
import random
from pathlib import Path

import numpy as np

from engine.marking.data import Question

VOCAB = [f"w{i}" for i in range(300)]
ZH_VOCAB = list("水火木金土日月山川风雨电光热冷大小多少上下左右前后东西南北")
FILLER = ["the", "a", "it", "is", "because", "so", "and", "of"]


def synthetic_question(index: int, n_answers: int = 14, seed: int = 0, chinese: bool = False) -> Question:
    """One synthetic question with a reference and ``n_answers`` marked answers (about half right)."""
    rng = random.Random(f"{seed}:{index}")
    vocab = ZH_VOCAB if chinese else VOCAB
    keys = rng.sample(vocab, 5)
    others = [w for w in vocab if w not in keys]
    joiner = "" if chinese else " "
    answers, correct = [], []
    for _ in range(n_answers):
        right = rng.random() < 0.5
        words = rng.sample(keys, 4) if right else rng.sample(others, 4) + rng.sample(keys, 1)
        words += rng.sample(FILLER, 2) if not chinese else []
        rng.shuffle(words)
        answers.append(joiner.join(words))
        correct.append(int(right))
    correct_arr = np.array(correct, dtype=np.int64)
    return Question(f"syn:{index}", "synthetic_zh" if chinese else "synthetic", "zh" if chinese else "en",
                    f"question {index}", [joiner.join(keys)], answers, correct_arr, correct_arr.astype(float),
                    group=f"syn:{index}")


def synthetic_questions(count: int, n_answers: int = 14, seed: int = 0, chinese: bool = False) -> list[Question]:
    return [synthetic_question(i, n_answers, seed, chinese) for i in range(count)]


def write_folder(folder: Path, questions: list[Question]) -> Path:
    """Write questions as ``folder/answers.csv.gz`` in the short-answers format."""
    folder.mkdir(parents=True, exist_ok=True)
    with gzip.open(folder / "answers.csv.gz", "wt", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["question_id", "question", "reference_answer", "answer_id", "answer", "score", "correct",
                         "lang", "split", "label_orig"])
        for q in questions:
            for i, (answer, right) in enumerate(zip(q.answers, q.correct)):
                writer.writerow([q.qid, q.prompt, " ||| ".join(q.references), f"{q.qid}-{i}", answer, float(right),
                                 int(right), q.lang, "all", int(right)])
    return folder
