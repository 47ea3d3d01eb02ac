"""Synthetic classes drawn from a known skill-IRT model, for tests and benchmarks.

Student s answers exercise i correctly with probability
``sigmoid(ability_s + mean_k skill_offset_{s,k} - difficulty_i)`` where the
difficulty is a skill difficulty plus an exercise deviation: the same family
the response model assumes, so tests can check it recovers what is there.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.model.interface import Responses


@dataclass
class SyntheticClass:
    """A generated bank and the true parameters behind it."""

    items: dict[str, tuple[str, ...]]
    difficulty: dict[str, float]
    ability: np.ndarray
    skill_offsets: np.ndarray
    skills: list[str]

    def p_correct(self, student: int, item: str) -> float:
        ks = [self.skills.index(k) for k in self.items[item]]
        offset = float(np.mean(self.skill_offsets[student, ks])) if ks else 0.0
        return float(1.0 / (1.0 + np.exp(-(self.ability[student] + offset - self.difficulty[item]))))


def make_class(students: int, items: int, answers_per_student: int, skills: int = 10, seed: int = 0,
               offset_sd: float = 0.8) -> tuple[SyntheticClass, Responses]:
    """A bank of ``items`` exercises over ``skills`` skills and a log of each student's answers.

    Each student answers ``answers_per_student`` distinct random exercises
    (fewer if the bank is smaller).
    """
    rng = np.random.default_rng(seed)
    skill_names = [f"skill{k}" for k in range(skills)]
    skill_difficulty = rng.normal(0.0, 1.0, skills)
    bank: dict[str, tuple[str, ...]] = {}
    difficulty: dict[str, float] = {}
    for i in range(items):
        ks = sorted(set(rng.choice(skills, size=1 + int(rng.random() < 0.2), replace=True).tolist()))
        name = f"item{i}"
        bank[name] = tuple(skill_names[k] for k in ks)
        difficulty[name] = float(np.mean(skill_difficulty[ks]) + rng.normal(0.0, 0.5))
    ability = rng.normal(0.0, 1.0, students)
    offsets = rng.normal(0.0, offset_sd, (students, skills))
    truth = SyntheticClass(bank, difficulty, ability, offsets, skill_names)
    names = list(bank)
    student_ids, item_ids, skill_ids, correct = [], [], [], []
    for s in range(students):
        for i in rng.choice(len(names), size=min(answers_per_student, len(names)), replace=False):
            item = names[i]
            student_ids.append(f"s{s}")
            item_ids.append(item)
            skill_ids.append(bank[item])
            correct.append(float(rng.random() < truth.p_correct(s, item)))
    return truth, Responses(student_ids, item_ids, skill_ids, np.array(correct, dtype=np.float32))
