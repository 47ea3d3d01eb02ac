"""Marking a class's written answers to one question: the API the app and the bench use.

A :class:`MarkingSession` holds one question's answers; the teacher marks some
of them (a score 0..1: 1 right, 0 wrong, in between for points), the shipped
marking model suggests a mark with a confidence for every other answer, and
the confident suggestions can be accepted at once. Answers are grouped first:
identical after normalisation collapse into one group, similar ones join it.
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import numpy as np

from engine.errors import LamplightError
from engine.marking.baselines import TFIDF, Marker
from engine.marking.choice import next_to_mark
from engine.marking.data import Question, prepare
from engine.marking.text import SIGN_RE, core_answer, is_chinese, negations, same_answer, turned_round
from engine.number_text import bare_number, clock_time, is_number, number_value, same_clock
from engine.paths import resources_dir

RIGHT_FROM = 0.8  # a mark of at least 80% of the points counts as right (the data's "fully acceptable")
SIMILAR_FROM = 0.8  # character 3-gram TF-IDF cosine from which two answers share a group
MODEL_ENV = "LAMPLIGHT_MARKING_MODEL"
NUMBER_RE = re.compile(  # the numbers of an answer, in order: digits, English number words, Chinese ones of 2+
    # characters (a lone 一 or 三 is mostly part of a word: 一个, 三角形)
    r"\d+|[零〇一二两三四五六七八九十百千万亿]{2,}|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|thousand|million)\b")


def default_marker_path() -> Path:
    """Where the shipped marking model lives ($LAMPLIGHT_MARKING_MODEL overrides)."""
    return Path(os.environ.get(MODEL_ENV) or resources_dir() / "models" / "marking")


def load_default_marker(path: str | os.PathLike[str] | None = None) -> Marker:
    """The shipped marking model (or the one at ``path``), checked on load."""
    from engine.marking.persistence import load_marker

    target = Path(path) if path is not None else default_marker_path()
    if not target.with_name(target.name + ".safetensors").exists() and not str(target).endswith(".safetensors"):
        raise LamplightError(f"The marking model is missing at {target}.safetensors; reinstall Lamplight or train one "
                             "with `python -m engine marking-train --data DIR [DIR...] --out resources/models/marking`.")
    return load_marker(target)


@dataclass
class Suggestion:
    """The model's mark for one answer."""

    index: int
    p_right: float
    confidence: float
    score: float  # suggested mark 0..1
    confident: bool  # at or above the model's 95%-precision threshold
    one_character_off: bool = False  # one Chinese character off a right answer: the teacher's to mark, whatever the model says


def _snapped(points: float) -> float:
    """A suggested share of the points to the nearest 5% (within 5% of full marks is full marks: an answer nearest the
    key after one part mark elsewhere came out at 99.5% and was never confident, review 27e)."""
    return min(1.0, max(0.0, round(points * 20) / 20))


def group_answers(answers: list[str], question: Question | None = None) -> list[list[int]]:
    """Answer indices grouped: identical after normalisation (and the words around a Chinese answer, see
    :func:`engine.marking.text.core_answer`) together, similar ones (the same numbers in the same order, as many
    negations) joined; largest groups first."""
    question = question or _question("", [], answers)
    prepared = prepare(question)
    refs, norm = question.n_refs, [same_answer(text) for text in answers]
    sims = prepared["pairs"][refs:, refs:, TFIDF]
    parent = list(range(len(answers)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_of: dict[str, int] = {}
    for i, text in enumerate(answers):  # the same after the words around a Chinese answer go (review 29a: 一个三角形)
        parent[root(i)] = root(first_of.setdefault(core_answer(text), i))
    numbers = [(NUMBER_RE.findall(text), SIGN_RE.findall(text)) for text in norm]  # 12 - 9 = 3 is not like 12 = 9 + 3
    negated = [negations(text) for text in answers]
    for i, j in zip(*np.nonzero(np.triu(sims >= SIMILAR_FROM, k=1))):
        # "205, 52, 25" is not like "25, 52, 205" (review 28c: grouped with the key); "needs no sunlight" is not like
        # "needs sunlight" (review 29e)
        if numbers[i] == numbers[j] and negated[i] == negated[j]:
            parent[root(int(i))] = root(int(j))
    groups: dict[int, list[int]] = {}
    for i in range(len(answers)):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda members: (-len(members), members[0]))


def _question(prompt: str, references: list[str], answers: list[str]) -> Question:
    zeros = np.zeros(len(answers))
    return Question("session", "session", "", prompt, [r for r in references if r.strip()], list(answers),
                    zeros.astype(np.int64), zeros)


def _judge(marker: Marker, question: Question, support: np.ndarray,
           labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(P(right), confidence) from the marker; one with only ``predict`` is as sure as max(p, 1 - p)."""
    if hasattr(marker, "judge"):
        return marker.judge(question, support, labels)
    p = np.asarray(marker.predict(question, support, labels), dtype=np.float64)
    return p, np.maximum(p, 1 - p)


def one_character_off(answer: str, right: str) -> bool:
    """Whether a Chinese answer differs from a right one by one character written wrong (三角型 for 三角形) or left out
    (三角): close enough for the networks to call it right, but a mark a Chinese teacher gives herself (错别字).

    >>> one_character_off("三角型", "三角形"), one_character_off("三角", "三角形"), one_character_off("三角形", "三角形")
    (True, True, False)
    >>> one_character_off("正方形", "三角形"), one_character_off("triangel", "triangle")
    (False, False)
    """
    a, b = core_answer(answer), core_answer(right)
    if a == b or not (is_chinese(a) and is_chinese(b)):
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    return len(a) == len(b) - 1 and any(b[:n] + b[n + 1:] == a for n in range(len(b)))


def same_as_key(keys: list[str]) -> Callable[[str], bool]:
    """Whether an answer is one of ``keys`` as written or with words that change nothing (是三角形 for 三角形)."""
    forms = {core_answer(key) for key in keys}
    return lambda answer: core_answer(answer) in forms


class MarkingSession:
    """One question's answers, the teacher's marks so far and the model's suggestions for the rest."""

    def __init__(self, prompt: str, references: list[str], answers: list[str], marker: Marker | None = None,
                 right_for_sure: Callable[[str], bool] | None = None) -> None:
        self.question = _question(prompt, references, answers)
        self.marker = marker if marker is not None else load_default_marker()
        self.marks: dict[int, float] = {}
        # answers right whatever the networks say: those practice marks right (the caller knows the exercise: see
        # engine.classroom.written), else the first key as written or with words that change nothing (是三角形)
        self.right_for_sure = right_for_sure or same_as_key(references[:1])

    @property
    def answers(self) -> list[str]:
        return self.question.answers

    def groups(self) -> list[list[int]]:
        """The answers grouped (see :func:`group_answers`)."""
        return group_answers(self.answers, self.question)

    def mark(self, indices: int | list[int], score: float) -> None:
        """The teacher's mark (0..1) for one answer or a whole group."""
        if not 0.0 <= score <= 1.0:
            raise LamplightError(f"A mark is between 0 and 1 (got {score}).")
        for index in [indices] if isinstance(indices, int) else indices:
            if not 0 <= index < len(self.answers):
                raise LamplightError(f"There is no answer {index} (this question has {len(self.answers)}).")
            self.marks[index] = float(score)

    def suggestions(self) -> list[Suggestion]:
        """A suggested mark with its confidence for every answer the teacher has not marked."""
        support = np.array(sorted(self.marks), dtype=np.int64)
        scores = np.array([self.marks[i] for i in support], dtype=np.float64)
        labels = (scores >= RIGHT_FROM).astype(np.float64)
        p, confidences = _judge(self.marker, self.question, support, labels)
        threshold = self.marker.auto_threshold(len(support), self.question.n_refs > 0)
        points = self._points(support, scores)
        right_texts = self.question.references + [self.answers[i] for i, score in self.marks.items() if score >= RIGHT_FROM]
        negated_as_right = {negations(text) for text in right_texts}
        numbers_only = bool(right_texts) and all(is_number(t.strip()) for t in right_texts)
        right_numbers = [number_value(t.strip()) for t in right_texts] if numbers_only else []
        times_only = bool(right_texts) and not numbers_only and all(clock_time(t.strip()) for t in right_texts)
        out = []
        for i in range(len(self.answers)):
            if i in self.marks:
                continue
            confidence = float(confidences[i])
            right = bool(p[i] >= 0.5)
            answer = self.answers[i].strip()
            number = bare_number(answer) if right_numbers else None
            if self.right_for_sure(answer) and negations(answer) in negated_as_right:  # 41d: the key was "right? 61%";
                # 48c: never an answer negated unlike every right one ("12不是"), whatever reads it as the key
                out.append(Suggestion(i, max(float(p[i]), 0.99), max(confidence, 0.99), 1.0, True))
                continue
            if right_numbers and not (number and any(math.isclose(number_value(number), n) for n in right_numbers)):
                # review 41a: 3006 for the key 306 was "right?" at 80%; review 46b: so was "=1+1" (no number at all).
                # Wrong, but sure only where the networks say so too (review 41c: "any even number between 10 and 20"
                # has more right numbers than its key)
                out.append(Suggestion(i, min(float(p[i]), 0.49), max(confidence, 0.5) if not right else 0.5, 0.0,
                                      not right and confidence >= threshold))
                continue
            if times_only and clock_time(answer) is not None and not any(same_clock(answer, t.strip()) for t in right_texts):
                # review 49a: 6:15 for the key 3:30 was "not sure" with no mark; wrong as another number is (above)
                out.append(Suggestion(i, min(float(p[i]), 0.49), max(confidence, 0.5) if not right else 0.5, 0.0,
                                      not right and confidence >= threshold))
                continue
            if negations(answer) not in negated_as_right and any(turned_round(answer, key) for key in self.question.references):
                # the key turned round (不是三角形, "not a triangle"): wrong, unless the teacher marked such an answer right;
                # the teacher looks first all the same (review 45: suggested "right? 72%")
                out.append(Suggestion(i, min(float(p[i]), 0.49), max(confidence, 0.5) if not right else 0.5, 0.0, False))
                continue
            # points only for an answer the model finds right (review 27d: one half mark gave every answer, "I don't
            # know" too, half the points as "confident"); a part mark is the teacher's to give, never accepted alone
            score = _snapped(float(points[i])) if points is not None and right else float(right)
            sure = confidence >= threshold and score in (0.0, 1.0)
            if right and right_texts and negations(self.answers[i]) not in negated_as_right:
                sure = False  # review 29d: 不是三角形 was accepted as right with the key 三角形; the teacher looks first
            off = any(one_character_off(self.answers[i], text) for text in right_texts)
            if off:  # review 41b: 三角型 and 三角 (a wrong or missing character) are a Chinese teacher's to mark, right or
                sure = False  # wrong (review 46: 三边形 for 三角形 was saved as wrong with "Accept all confident")
            out.append(Suggestion(i, float(p[i]), confidence, score, sure, off))  # review 43: shown as such, not "✓? 80%"
        return out

    def next_to_mark(self, suggestions: list[Suggestion] | None = None, counts: np.ndarray | None = None) -> int | None:
        """The unmarked answer whose mark would teach the model most (:mod:`engine.marking.choice`).

        ``suggestions`` are :meth:`suggestions` for the marks as they are, when already worked out; ``counts`` how
        many children each answer stands for (see :func:`outlook`).
        """
        p_right = np.full(len(self.answers), 0.5)
        for suggestion in self.suggestions() if suggestions is None else suggestions:
            p_right[suggestion.index] = suggestion.p_right
        return next_to_mark(self.question, p_right, self.marks, counts)

    def _points(self, support: np.ndarray, scores: np.ndarray) -> np.ndarray | None:
        """For marks with points: the similarity-weighted mean of the marks of the marked answers and of the key
        (full marks), nearest weighing most (None when all marks are 0/1)."""
        if len(support) == 0 or np.all((scores == 0.0) | (scores == 1.0)):
            return None
        refs = self.question.n_refs
        columns = np.r_[np.arange(refs), support + refs]
        sims = prepare(self.question)["pairs"][refs:, columns, TFIDF]
        weights = np.exp(10.0 * (sims - sims.max(axis=1, keepdims=True)))
        return (weights * np.r_[np.ones(refs), scores]).sum(axis=1) / weights.sum(axis=1)

    def accept_confident(self) -> dict[int, float]:
        """Turn every confident suggestion into a mark; returns the marks added."""
        added = {s.index: s.score for s in self.suggestions() if s.confident}
        self.marks.update(added)
        return added


MANY_ANSWERS = 200
"""From this many answers to one question on, answers that say the same (:func:`engine.marking.text.core_answer`) with
the same mark (or none) are worked out once: a year of practice gave one question 4,000 answers, and the screen took
10 s and 2.8 GB after every mark (review 30b). Below it every answer counts, as in the evaluation: how many
classmates said the same is part of what the networks read."""


@dataclass
class Outlook:
    """Groups, suggestions (by answer index) and the answer to mark next, for a list of answers and marks."""

    groups: list[list[int]]
    suggestions: dict[int, Suggestion]
    next_index: int | None


def outlook(prompt: str, references: list[str], answers: list[str], marks: dict[int, float], marker: Marker,
            right_for_sure: Callable[[str], bool] | None = None) -> Outlook:
    """What the marking screen shows after each mark: the answers grouped, a suggestion for every unmarked answer and
    the answer to mark next (answers that say the same worked out once from :data:`MANY_ANSWERS` on; ``right_for_sure``:
    see :class:`MarkingSession`).

    >>> from engine.marking.baselines import ReferenceSimilarity
    >>> seen = outlook("Name a colour.", ["red"], ["red", "Red", "blue"], {2: 0.0}, ReferenceSimilarity())
    >>> seen.groups, sorted(seen.suggestions), seen.next_index in (0, 1)
    ([[0, 1], [2]], [0, 1], True)
    """
    if not answers:
        return Outlook([], {}, None)
    many = len(answers) >= MANY_ANSWERS
    members = [[i] for i in range(len(answers))]
    if many:
        first: dict[tuple[str, float | None], int] = {}
        members = []
        for i, text in enumerate(answers):
            key = (core_answer(text), marks.get(i))
            if key not in first:
                first[key] = len(members)
                members.append([])
            members[first[key]].append(i)
    texts = [answers[group[0]] for group in members]
    session = MarkingSession(prompt, references, texts, marker, right_for_sure)
    session.marks = {n: marks[group[0]] for n, group in enumerate(members) if group[0] in marks}
    groups = [sorted(i for n in group for i in members[n]) for group in session.groups()]
    seen = session.suggestions()
    counts = np.array([len(group) for group in members], dtype=np.float64) if many else None
    chosen = session.next_to_mark(seen, counts)  # an answer 150 children wrote weighs as 150
    return Outlook(sorted(groups, key=lambda group: (-len(group), group[0])),
                   {i: replace(s, index=i) for s in seen for i in members[s.index]},
                   None if chosen is None else members[chosen][0])
